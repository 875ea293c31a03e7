/* Scans through Tesseract (libtesseract's C API, with Debian's chi_sim and
 * chi_tra data; pictures decoded by Leptonica): images, and the PDF pages that
 * doc-pdf.c draws. Each page's mean word confidence is kept: a page below
 * JD_OCR_LOW_CONFIDENCE says 识别置信度低 where its figures come from, so the
 * audit and the briefing can say so. */
#include "text/doc-private.h"

#include <allheaders.h>
#include <string.h>
#include <tesseract/capi.h>

#define OCR_LANGUAGES "chi_sim+chi_tra"

struct jd_ocr {
  TessBaseAPI *api;
};

jd_ocr *jd_ocr_new(const char *path, GError **error)
{
  setMsgSeverity(L_SEVERITY_NONE); /* Leptonica: errors come back as results */
  TessBaseAPI *api = TessBaseAPICreate();
  /* Tesseract reports missing data on stderr itself; say what to do after it */
  if (TessBaseAPIInit3(api, NULL, OCR_LANGUAGES) != 0) {
    TessBaseAPIDelete(api);
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_OCR,
                "%s: needs OCR, but Tesseract's Chinese language data (%s) is not installed — "
                "apt-get install tesseract-ocr-chi-sim tesseract-ocr-chi-tra, or run with "
                "--ocr never to skip scanned pages",
                path, OCR_LANGUAGES);
    return NULL;
  }
  TessBaseAPISetVariable(api, "debug_file", "/dev/null");
  jd_ocr *o = g_new0(jd_ocr, 1);
  o->api = api;
  return o;
}

void jd_ocr_free(jd_ocr *o)
{
  if (!o) return;
  TessBaseAPIEnd(o->api);
  TessBaseAPIDelete(o->api);
  g_free(o);
}

static gboolean wide(const char *s, const char *end)
{
  return s < end && (guchar)*s >= 0x80;
}

/* Tesseract writes Chinese with a space between characters: drop the spaces
 * between two non-ASCII characters. */
static char *recognized(TessBaseAPI *api, int *confidence)
{
  char *t = TessBaseAPIGetUTF8Text(api);
  *confidence = TessBaseAPIMeanTextConf(api);
  if (!t) return NULL;
  GString *out = g_string_sized_new(strlen(t));
  const char *end = t + strlen(t);
  const char *prev = NULL; /* start of the last character written */
  for (const char *p = t; *p;) {
    if (*p == ' ') {
      const char *q = p;
      while (*q == ' ') q++;
      if (!(prev && wide(prev, end) && wide(q, end))) g_string_append_c(out, ' ');
      p = q;
      continue;
    }
    const char *n = g_utf8_next_char(p);
    g_string_append_len(out, p, (gssize)(n - p));
    prev = p;
    p = n;
  }
  TessDeleteText(t);
  return g_string_free(out, FALSE);
}

char *jd_ocr_page(jd_ocr *o, const unsigned char *pixels, int width, int height,
                  int bytes_per_pixel, int stride, int dpi, int *confidence)
{
  TessBaseAPISetImage(o->api, pixels, width, height, bytes_per_pixel, stride);
  TessBaseAPISetSourceResolution(o->api, dpi);
  return recognized(o->api, confidence);
}

/* The decoded picture, or NULL with error. */
static PIX *decode(const char *data, size_t len, GError **error)
{
  setMsgSeverity(L_SEVERITY_NONE); /* Leptonica: errors come back as results */
  PIX *pix = pixReadMem((const l_uint8 *)data, len);
  if (!pix)
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                "the picture cannot be decoded (a damaged PNG/JPEG/TIFF) — get a fresh copy or "
                "scan the page again");
  return pix;
}

static char *recognize_pix(jd_ocr *o, PIX *pix, int *confidence)
{
  TessBaseAPISetImage2(o->api, pix);
  int res = pixGetXRes(pix);
  TessBaseAPISetSourceResolution(o->api, res >= 70 && res <= 2400 ? res : 300);
  return recognized(o->api, confidence);
}

void jd_doc_add_ocr_page(jd_doc *doc, const char *text, int page, int confidence)
{
  gboolean low = confidence < JD_OCR_LOW_CONFIDENCE;
  jd_doc_warn(doc, "page %d read by OCR: confidence %d%%%s", page, confidence,
              low ? " — low: check its figures against the paper" : "");
  char **lines = g_strsplit(text, "\n", -1);
  GString *para = g_string_new(NULL);
  for (int i = 0;; i++) {
    const char *l = lines[i];
    gboolean blank = !l || !*g_strstrip(lines[i]);
    if (blank && para->len) {
      if (low)
        jd_doc_add(doc, para->str, "第%d页 识别置信度低(%d%%)", page, confidence);
      else
        jd_doc_add(doc, para->str, "第%d页 识别置信度%d%%", page, confidence);
      g_string_truncate(para, 0);
    }
    if (!l) break;
    if (blank) continue;
    if (para->len && g_ascii_isalnum(para->str[para->len - 1]) && g_ascii_isalnum(*l))
      g_string_append_c(para, ' ');
    g_string_append(para, l);
  }
  g_string_free(para, TRUE);
  g_strfreev(lines);
}

gboolean jd_doc_read_image(jd_doc *doc, const char *path, const char *data, size_t len,
                           const jd_load_options *options, GError **error)
{
  if (options && options->ocr == JD_OCR_NEVER) {
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_OCR,
                "%s: a picture (a scanned page) and --ocr never — run with --ocr auto to read "
                "it with Tesseract",
                path);
    return FALSE;
  }
  /* the picture first: a damaged one costs no start of Tesseract (its
   * language data take a second or more to load) */
  GError *e = NULL;
  PIX *pix = decode(data, len, &e);
  if (!pix) {
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT, "%s: %s", path, e->message);
    g_error_free(e);
    return FALSE;
  }
  jd_ocr *o = jd_ocr_new(path, error);
  if (!o) {
    pixDestroy(&pix);
    return FALSE;
  }
  int conf = 0;
  char *text = recognize_pix(o, pix, &conf);
  pixDestroy(&pix);
  jd_ocr_free(o);
  if (text) jd_doc_add_ocr_page(doc, text, 1, conf);
  g_free(text);
  return TRUE;
}
