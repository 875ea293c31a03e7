/* Helpers shared by the subcommands: error printing and option parsing. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cmd-analyze.h"
#include "jindu/text.h"
#include "util/atomic.h"

gboolean jd_cli_parse_encoding(const char *value, int *enc)
{
  jd_encoding e = JD_ENCODING_AUTO;
  if (value && !jd_encoding_from_string(value, &e)) {
    jd_cli_error("--encoding '%s' is not known — use " JD_ENCODING_NAMES, value);
    return FALSE;
  }
  *enc = (int)e;
  return TRUE;
}

const char jd_cli_exit_codes_help[] =
    "Exit codes:\n"
    "  0  success (build: built, or nothing to do)\n"
    "  2  usage error (bad command line)\n"
    "  3  input error (missing, unreadable or malformed input)\n"
    "  4  output error (cannot write an output)\n"
    "  5  build --strict: built, but the audit found problems\n"
    "  6  another build holds the lock\n"
    "  7  build: built, but some documents could not be read (skipped, listed on stderr and in\n"
    "     the briefing)\n";

void jd_cli_error(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  g_autofree char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  fprintf(stderr, "jindu: %s\n", msg);
}

void jd_cli_warning(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  g_autofree char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  fprintf(stderr, "jindu: warning: %s\n", msg);
}

void jd_cli_warnings(GPtrArray *warnings)
{
  for (guint i = 0; warnings && i < warnings->len; i++)
    jd_cli_warning("%s", (const char *)warnings->pdata[i]);
  if (warnings) g_ptr_array_set_size(warnings, 0);
}

int jd_cli_fail(GError *err, int exit_code)
{
  jd_cli_error("%s", err ? err->message : "unknown error");
  if (err) g_error_free(err);
  return exit_code;
}

gboolean jd_cli_parse(GOptionContext *ctx, int *argc, char ***argv, int *exit_code)
{
  GError *err = NULL;
  g_option_context_set_description(ctx, jd_cli_exit_codes_help);
  if (!g_option_context_parse(ctx, argc, argv, &err)) {
    jd_cli_error("%s — see 'jindu %s --help'", err->message, (*argv)[0]);
    g_error_free(err);
    *exit_code = JD_EXIT_USAGE;
    return FALSE;
  }
  return TRUE;
}

void jd_cli_release_table(jd_figure_table **t)
{
  jd_figure_table_free(*t);
  *t = NULL;
#ifdef __GLIBC__
  /* a million rows are small blocks in the middle of the heap: without a
   * trim they stay resident under the output buffer */
  malloc_trim(0);
#endif
}

int jd_cli_write_output(const char *path, const GString *text)
{
  if (!path || strcmp(path, "-") == 0) {
    if (fwrite(text->str, 1, text->len, stdout) != text->len || fflush(stdout) != 0) {
      jd_cli_error("cannot write to standard output — check the pipe or disk space");
      return JD_EXIT_OUTPUT;
    }
    return JD_EXIT_OK;
  }
  GError *err = NULL;
  if (!jd_atomic_write(path, text->str, text->len, &err)) {
    jd_cli_error("%s: cannot write: %s — check that the directory exists and is writable", path,
                 err->message);
    g_error_free(err);
    return JD_EXIT_OUTPUT;
  }
  return JD_EXIT_OK;
}
