/* Zipped documents (libzip): Word's OOXML (.docx, and WPS Office's .wps when
 * saved in that form), Excel's (.xlsx, .et saved so) and OpenDocument text and
 * spreadsheets (.odt, .ods), told apart by what the archive holds, then read
 * by doc-docx.c, doc-xlsx.c or doc-odt.c. */
#include "text/doc-private.h"

#include <string.h>
#include <zip.h>

#define MAX_XML (256u * 1024 * 1024)

/* The whole of one entry, or NULL when the archive has none of that name
 * (*missing) or it cannot be read (error set). */
static char *read_entry(zip_t *z, const char *path, const char *entry, size_t *len,
                        gboolean *missing, GError **error)
{
  *missing = FALSE;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, entry, 0, &st) != 0) {
    *missing = TRUE;
    return NULL;
  }
  if (!(st.valid & ZIP_STAT_SIZE) || st.size > MAX_XML) {
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                "%s: %s inside the archive is too large or of unknown size — save the document "
                "again in Word, WPS or LibreOffice",
                path, entry);
    return NULL;
  }
  zip_file_t *f = zip_fopen(z, entry, 0);
  if (!f) {
    zip_error_t *ze = zip_get_error(z);
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                "%s: cannot open %s inside the archive (%s) — %s", path, entry,
                zip_error_strerror(ze),
                zip_error_code_zip(ze) == ZIP_ER_NOPASSWD || zip_error_code_zip(ze) == ZIP_ER_WRONGPASSWD
                    ? "the document is encrypted; save a copy without a password"
                    : "the file is damaged; save the document again");
    return NULL;
  }
  char *buf = g_malloc((gsize)st.size + 1);
  zip_int64_t got = zip_fread(f, buf, st.size);
  zip_fclose(f);
  if (got < 0 || (zip_uint64_t)got != st.size) {
    g_free(buf);
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                "%s: %s inside the archive is damaged (a corrupt zip) — save the document again "
                "or get a fresh copy",
                path, entry);
    return NULL;
  }
  buf[st.size] = '\0';
  *len = (size_t)st.size;
  return buf;
}

static gboolean open_zip(zip_t **out, const char *path, const char *data, size_t len,
                         GError **error)
{
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
  zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
  if (!z) {
    if (src) zip_source_free(src);
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                "%s: a damaged zip archive (%s) — a .docx or .odt is a zip file; save the "
                "document again or get a fresh copy",
                path, zip_error_strerror(&ze));
    zip_error_fini(&ze);
    return FALSE;
  }
  zip_error_fini(&ze);
  *out = z;
  return TRUE;
}

typedef struct {
  zip_t *z;
  const char *path;
} open_archive;

/* jd_zip_entry_reader over an open archive: a missing entry is an error too. */
static char *archive_entry(void *zip, const char *entry, size_t *len, GError **error)
{
  const open_archive *a = zip;
  gboolean missing = FALSE;
  GError *err = NULL;
  char *s = read_entry(a->z, a->path, entry, len, &missing, &err);
  if (!s && missing)
    g_set_error(&err, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                "%s: the workbook has no %s — save it again in Excel, WPS or LibreOffice",
                a->path, entry);
  if (err) g_propagate_error(error, err);
  return s;
}

gboolean jd_doc_read_zip(jd_doc **out, const char *path, const char *data, size_t len,
                         GError **error)
{
  zip_t *z = NULL;
  if (!open_zip(&z, path, data, len, error)) return FALSE;
  size_t n = 0;
  gboolean missing = FALSE, ok = FALSE;
  zip_stat_t wst;
  zip_stat_init(&wst);
  if (zip_stat(z, "xl/workbook.xml", 0, &wst) == 0) { /* an Excel workbook */
    open_archive a = {z, path};
    *out = jd_doc_new("xlsx");
    ok = jd_doc_read_xlsx(*out, path, archive_entry, &a, error);
    zip_close(z);
    return ok;
  }
  char *xml = read_entry(z, path, "word/document.xml", &n, &missing, error);
  if (xml) {
    *out = jd_doc_new("docx");
    ok = jd_doc_read_docx_xml(*out, path, xml, n, error);
  } else if (missing) {
    size_t mn = 0;
    g_autofree char *mime = read_entry(z, path, "mimetype", &mn, &missing, NULL);
    gboolean odt = mime && g_str_has_prefix(mime, "application/vnd.oasis.opendocument.text");
    gboolean ods = mime && g_str_has_prefix(mime, "application/vnd.oasis.opendocument.spreadsheet");
    xml = odt || ods || !mime ? read_entry(z, path, "content.xml", &n, &missing, error) : NULL;
    if (xml) {
      *out = jd_doc_new(ods ? "ods" : "odt");
      ok = jd_doc_read_odt_xml(*out, path, xml, n, error);
    } else if (missing || mime) {
      g_clear_error(error);
      g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                  "%s: a zip archive that is neither a Word .docx, an Excel .xlsx nor an "
                  "OpenDocument text or spreadsheet (%s) — save the document as .docx, .xlsx, "
                  ".odt or .ods, or give jindu its text",
                  path, mime ? g_strstrip(mime) : "no word/document.xml or content.xml");
    }
  }
  g_free(xml);
  zip_close(z);
  return ok;
}
