/* Documents that are not plain text (doc-private.h): telling a file's form
 * from its first bytes, and the dispatch to each form's reader. */
#include "text/doc-private.h"

#include <string.h>

#include "util/module.h"


/* ---- forms ------------------------------------------------------------------- */

/* Whether the bytes (after a BOM and blanks) open an HTML document. */
static gboolean looks_html(const char *s, size_t n)
{
  size_t i = 0;
  if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) i = 3;
  while (i < n && g_ascii_isspace(s[i])) i++;
  /* a comment or an XML declaration may come first */
  static const char *const opens[] = {"<!doctype html", "<html", "<?xml", "<!--", "<head",
                                      "<meta"};
  for (size_t k = 0; k < G_N_ELEMENTS(opens); k++) {
    size_t l = strlen(opens[k]);
    if (n - i >= l && !g_ascii_strncasecmp(s + i, opens[k], l)) {
      if (k < 2 || k > 3) return TRUE;
      /* <?xml or <!--: HTML only when an <html element follows soon */
      for (size_t j = i; j + 5 <= n && j < i + 2048; j++)
        if (!g_ascii_strncasecmp(s + j, "<html", 5)) return TRUE;
      return FALSE;
    }
  }
  return FALSE;
}

jd_form jd_doc_sniff(const char *head, size_t n)
{
  const guchar *u = (const guchar *)head;
  if (n >= 4 && !memcmp(head, "PK\x03\x04", 4)) return JD_FORM_ZIP;
  if (n >= 5 && !memcmp(head, "%PDF-", 5)) return JD_FORM_PDF;
  if (n >= 8 && !memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) return JD_FORM_OLE;
  if (n >= 8 && !memcmp(head, "\x89PNG\r\n\x1A\n", 8)) return JD_FORM_IMAGE;
  if (n >= 3 && u[0] == 0xFF && u[1] == 0xD8 && u[2] == 0xFF) return JD_FORM_IMAGE;
  if (n >= 4 && (!memcmp(head, "II*\0", 4) || !memcmp(head, "MM\0*", 4))) return JD_FORM_IMAGE;
  if (n >= 6 && (!memcmp(head, "GIF87a", 6) || !memcmp(head, "GIF89a", 6))) return JD_FORM_IMAGE;
  if (n >= 2 && !memcmp(head, "BM", 2) && n >= 14 && u[6] == 0 && u[7] == 0 && u[8] == 0 &&
      u[9] == 0)
    return JD_FORM_IMAGE;
  if (n >= 5 && !memcmp(head, "{\\rtf", 5)) return JD_FORM_RTF;
  if (looks_html(head, n)) return JD_FORM_HTML;
  return JD_FORM_TEXT;
}

gboolean jd_doc_known_name(const char *name)
{
  static const char *const ext[] = {".docx", ".docm", ".wps",  ".wpsx", ".odt",  ".doc",
                                    ".rtf",  ".xlsx", ".xlsm", ".xls",  ".et",   ".ods",
                                    ".pdf",  ".html", ".htm",  ".shtml", ".xhtml", ".png",
                                    ".jpg",  ".jpeg", ".tif",  ".tiff", ".bmp", NULL};
  g_autofree char *lower = g_ascii_strdown(name, -1);
  for (int i = 0; ext[i]; i++)
    if (g_str_has_suffix(lower, ext[i])) return TRUE;
  return FALSE;
}

/* Linked in (the whole library, statically) or NULL: then the readers module. */
extern const jd_doc_readers jd_doc_readers_table __attribute__((weak));

/* The readers: linked in, else from the "readers" module, loaded on the first
 * document that is not plain text. */
static const jd_doc_readers *readers(const char *path, GError **error)
{
  const jd_doc_readers *linked = &jd_doc_readers_table; /* NULL unless linked in (weak) */
  if (linked) return linked;
  GError *err = NULL;
  const jd_doc_readers *r =
      jd_module_symbol("readers", "jd_doc_readers_table",
                       "reader of Word, ODT, PDF, web pages and scans", &err);
  if (!r) {
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT, "%s: %s", path, err->message);
    g_error_free(err);
  }
  return r;
}

jd_doc *jd_doc_read(jd_form form, const char *path, const char *data, size_t len,
                    const jd_load_options *options, GError **error)
{
  jd_doc *doc = NULL;
  gboolean ok = FALSE;
  const jd_doc_readers *r = NULL;
  g_autofree char *converted = NULL;
  const char *legacy = NULL;
  if (form == JD_FORM_OLE || form == JD_FORM_RTF) {
    const char *ext = NULL;
    size_t n = 0;
    if (!jd_doc_convert_legacy(form, path, data, len, &ext, &converted, &n, error)) return NULL;
    legacy = form == JD_FORM_RTF ? "rtf" : !strcmp(ext, "xlsx") ? "xls" : "doc";
    data = converted;
    len = n;
    form = JD_FORM_ZIP;
  }
  if (form == JD_FORM_ZIP || form == JD_FORM_PDF || form == JD_FORM_HTML ||
      form == JD_FORM_IMAGE) {
    r = readers(path, error);
    if (!r) return NULL;
  }
  switch (form) {
  case JD_FORM_ZIP:
    ok = r->zip(&doc, path, data, len, error);
    break;
  case JD_FORM_PDF:
    doc = jd_doc_new("pdf");
    ok = r->pdf(doc, path, data, len, options, error);
    break;
  case JD_FORM_HTML:
    doc = jd_doc_new("html");
    ok = r->html(doc, path, data, len, error);
    break;
  case JD_FORM_IMAGE:
    doc = jd_doc_new("image");
    ok = r->image(doc, path, data, len, options, error);
    break;
  case JD_FORM_OLE:
  case JD_FORM_RTF: /* converted above */
    break;
  case JD_FORM_TEXT:
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT, "%s: plain text, not a document form",
                path);
    break;
  }
  if (!ok) {
    jd_doc_free(doc);
    return NULL;
  }
  if (legacy) doc->format = legacy;
  if (doc->blocks->len == 0) {
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                "%s: the %s has no text — check that it is the right file; a scan needs "
                "--ocr auto or always",
                path, doc->format);
    jd_doc_free(doc);
    return NULL;
  }
  return doc;
}

gboolean jd_ocr_mode_from_string(const char *s, jd_ocr_mode *out)
{
  if (!s) return FALSE;
  if (!g_ascii_strcasecmp(s, "auto")) *out = JD_OCR_AUTO;
  else if (!g_ascii_strcasecmp(s, "never")) *out = JD_OCR_NEVER;
  else if (!g_ascii_strcasecmp(s, "always")) *out = JD_OCR_ALWAYS;
  else return FALSE;
  return TRUE;
}
