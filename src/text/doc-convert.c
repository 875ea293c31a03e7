/* Legacy office files (doc-private.h): Word 97–2003 .doc, old WPS .wps, Excel
 * .xls and WPS .et (OLE compound files), and RTF, which jindu does not parse
 * itself, are converted by LibreOffice — the same program the tests read
 * jindu's own office outputs with — into .docx or .xlsx in a private
 * temporary folder (its own LibreOffice profile, so runs in parallel do not
 * share one), then read as those are. The document keeps its own name in
 * every message and figure. Without LibreOffice the error says what to
 * install or how to convert by hand. */
#include "text/doc-private.h"

#include <glib/gstdio.h>
#include <string.h>

/* LibreOffice's program: JINDU_SOFFICE, else soffice or libreoffice on PATH. */
static char *find_soffice(void)
{
  const char *env = g_getenv("JINDU_SOFFICE");
  if (env && *env) return g_find_program_in_path(env);
  char *p = g_find_program_in_path("soffice");
  if (!p) p = g_find_program_in_path("libreoffice");
  return p;
}

/* Whether an OLE compound file holds a workbook: its directory names the
 * stream Workbook (Excel 97+) or Book (Excel 5), in UTF-16. */
static gboolean ole_is_workbook(const char *data, size_t len)
{
  static const char wb[] = "W\0o\0r\0k\0b\0o\0o\0k\0", book[] = "B\0o\0o\0k\0\0\0";
  size_t n = MIN(len, (size_t)1 << 20);
  for (size_t i = 0; i + sizeof wb - 1 <= n; i += 2)
    if (!memcmp(data + i, wb, sizeof wb - 1) || !memcmp(data + i, book, sizeof book - 1))
      return TRUE;
  return FALSE;
}

static void remove_tree(const char *dir)
{
  GDir *d = g_dir_open(dir, 0, NULL);
  if (d) {
    const char *name;
    while ((name = g_dir_read_name(d))) {
      g_autofree char *p = g_build_filename(dir, name, NULL);
      if (g_file_test(p, G_FILE_TEST_IS_DIR) && !g_file_test(p, G_FILE_TEST_IS_SYMLINK))
        remove_tree(p);
      else
        g_unlink(p);
    }
    g_dir_close(d);
  }
  g_rmdir(dir);
}

/* Runs LibreOffice on in, writing OUT_EXT into outdir; FALSE with error. */
static gboolean run_soffice(const char *soffice, const char *tmp, const char *in,
                            const char *out_ext, const char *path, GError **error)
{
  g_autofree char *profile_dir = g_build_filename(tmp, "profile", NULL);
  g_autofree char *profile = g_filename_to_uri(profile_dir, NULL, NULL);
  g_autofree char *env = g_strconcat("-env:UserInstallation=", profile, NULL);
  g_autofree char *outdir = g_build_filename(tmp, "out", NULL);
  g_autofree char *timeout = g_find_program_in_path("timeout");
  const char *argv[16];
  int k = 0;
  if (timeout) { /* a damaged file must not hang a scheduled build */
    argv[k++] = timeout;
    argv[k++] = "120";
  }
  argv[k++] = soffice;
  argv[k++] = env;
  argv[k++] = "--headless";
  argv[k++] = "--norestore";
  argv[k++] = "--nolockcheck";
  argv[k++] = "--convert-to";
  argv[k++] = out_ext;
  argv[k++] = "--outdir";
  argv[k++] = outdir;
  argv[k++] = in;
  argv[k] = NULL;
  int status = 0;
  g_autofree char *err_text = NULL;
  GError *spawn_err = NULL;
  if (!g_spawn_sync(tmp, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                    &err_text, &status, &spawn_err)) {
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                "%s: cannot run LibreOffice to convert it (%s) — convert it by hand: soffice "
                "--headless --convert-to %s '%s'",
                path, spawn_err->message, out_ext, path);
    g_error_free(spawn_err);
    return FALSE;
  }
  if (!g_spawn_check_wait_status(status, NULL)) {
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                "%s: LibreOffice could not convert it (%s) — open it in Word, WPS or "
                "LibreOffice and save it as .%s",
                path, err_text && *g_strstrip(err_text) ? err_text : "no message", out_ext);
    return FALSE;
  }
  return TRUE;
}

gboolean jd_doc_convert_legacy(jd_form form, const char *path, const char *data, size_t len,
                               const char **out_ext, char **out_data, size_t *out_len,
                               GError **error)
{
  /* a compound file's header: 512 bytes, byte order FFFE, sectors of 512 or
   * 4096 bytes; anything else LibreOffice would import as plain text */
  const guchar *u = (const guchar *)data;
  if (form == JD_FORM_OLE && (len < 1536 || u[28] != 0xFE || u[29] != 0xFF ||
                              (u[30] != 9 && u[30] != 12) || u[31] != 0)) {
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                "%s: a damaged legacy Office file (it starts as a .doc/.xls does, but its header "
                "is broken or it is cut short) — get a fresh copy or save it again in Word, WPS "
                "or Excel",
                path);
    return FALSE;
  }
  gboolean book = form == JD_FORM_OLE && ole_is_workbook(data, len);
  const char *in_ext = form == JD_FORM_RTF ? "rtf" : book ? "xls" : "doc";
  *out_ext = book ? "xlsx" : "docx";
  g_autofree char *soffice = find_soffice();
  if (!soffice) {
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                "%s: a legacy %s file (%s) — jindu converts it with LibreOffice, which is not "
                "installed: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui (or "
                "save it as .%s in Word, WPS or Excel)",
                path, book ? "Excel/WPS" : form == JD_FORM_RTF ? "RTF" : "Word/WPS",
                form == JD_FORM_RTF ? ".rtf" : book ? ".xls, .et" : ".doc, old .wps", *out_ext);
    return FALSE;
  }
  GError *err = NULL;
  g_autofree char *tmp = g_dir_make_tmp("jindu-convert-XXXXXX", &err);
  if (!tmp) {
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                "%s: cannot make a folder to convert it in (%s) — check TMPDIR", path,
                err->message);
    g_error_free(err);
    return FALSE;
  }
  g_autofree char *in_name = g_strconcat("document.", in_ext, NULL);
  g_autofree char *in = g_build_filename(tmp, in_name, NULL);
  g_autofree char *out_name = g_strconcat("document.", *out_ext, NULL);
  g_autofree char *out = g_build_filename(tmp, "out", out_name, NULL);
  gboolean ok = g_file_set_contents(in, data, (gssize)len, &err);
  if (!ok) {
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                "%s: cannot write a copy to convert (%s) — check TMPDIR", path, err->message);
    g_clear_error(&err);
  } else {
    ok = run_soffice(soffice, tmp, in, *out_ext, path, error);
  }
  if (ok) {
    gsize n = 0;
    ok = g_file_get_contents(out, out_data, &n, NULL);
    *out_len = n;
    if (!ok)
      g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                  "%s: LibreOffice wrote no .%s — the file may be damaged or protected by a "
                  "password; open it in Word, WPS or Excel and save it as .%s",
                  path, *out_ext, *out_ext);
  }
  remove_tree(tmp);
  return ok;
}
