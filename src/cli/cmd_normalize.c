/* `jindu normalize`: prints documents' normalized paragraphs, one per line,
 * for debugging the loader (encoding, traditional -> simplified, full-width,
 * thousands separators, entities) — optionally with original line numbers. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "jindu/text.h"

/* Streams one document to stdout. Returns an exit code. */
static int normalize_one(const char *path, const jd_load_options *opt, gboolean lines,
                         gboolean headers, gboolean *had_text)
{
  GError *err = NULL;
  jd_reader *r = jd_reader_open(path, opt, &err);
  if (!r) return jd_cli_fail(err, JD_EXIT_INPUT);
  if (headers) printf("==> %s <==\n", jd_reader_get_path(r));
  jd_paragraph p;
  while (jd_reader_next(r, &p, &err)) {
    if (lines) printf("%u%s\t", p.line, p.continued ? "+" : "");
    if (lines && p.where && *p.where) printf("%s\t", p.where);
    fwrite(p.text, 1, p.len, stdout);
    fputc('\n', stdout);
  }
  const GPtrArray *w = jd_reader_get_warnings(r);
  for (guint i = 0; i < w->len; i++) jd_cli_warning("%s", (const char *)w->pdata[i]);
  int rc = JD_EXIT_OK;
  if (err) rc = jd_cli_fail(err, JD_EXIT_INPUT);
  else if (jd_reader_get_paragraph_count(r) == 0)
    jd_cli_warning("%s:1: empty document (no text) — nothing to normalize", jd_reader_get_path(r));
  else *had_text = TRUE;
  jd_reader_free(r);
  return rc;
}

int jd_cmd_normalize(int argc, char **argv)
{
  char *encoding = NULL, *ocr = NULL;
  gboolean lenient = FALSE, keep_traditional = FALSE, lines = FALSE;
  char **inputs = NULL;
  int rc = JD_EXIT_OK;
  GPtrArray *files = NULL;
  GError *err = NULL;
  GOptionEntry entries[] = {
      {"encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding, JD_CLI_ENCODING_HELP,
       "ENC"},
      {"ocr", 0, 0, G_OPTION_ARG_STRING, &ocr,
       "scanned pages and pictures: auto (default: pages without text), never, always", "MODE"},
      {"lenient", 0, 0, G_OPTION_ARG_NONE, &lenient,
       "replace undecodable bytes with U+FFFD and warn, instead of failing", NULL},
      {"keep-traditional", 0, 0, G_OPTION_ARG_NONE, &keep_traditional,
       "do not convert traditional characters to simplified", NULL},
      {"lines", 'n', 0, G_OPTION_ARG_NONE, &lines,
       "prefix each paragraph with its original line number (+ marks a continued long line)",
       NULL},
      {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs, NULL, "FILE|DIR|-..."},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  GOptionContext *ctx = g_option_context_new("— print normalized paragraphs");
  g_option_context_set_summary(
      ctx, "Reads documents (UTF-8, GB18030 or Big5, simplified or traditional; directories are\n"
           "searched for *.txt and *.md; - is stdin) and prints each paragraph as the\n"
           "loader normalizes it: simplified characters, ASCII digits and punctuation,\n"
           "no thousands separators or HTML entities, one paragraph per line.");
  g_option_context_add_main_entries(ctx, entries, NULL);
  if (!jd_cli_parse(ctx, &argc, &argv, &rc)) goto out;

  jd_load_options opt = JD_LOAD_OPTIONS_INIT;
  int enc = JD_ENCODING_AUTO;
  if (!jd_cli_parse_encoding(encoding, &enc)) {
    rc = JD_EXIT_USAGE;
    goto out;
  }
  opt.encoding = (jd_encoding)enc;
  if (ocr && !jd_ocr_mode_from_string(ocr, &opt.ocr)) {
    jd_cli_error("unknown --ocr '%s' — use auto, never or always", ocr);
    rc = JD_EXIT_USAGE;
    goto out;
  }
  opt.lenient = lenient;
  opt.keep_traditional = keep_traditional;
  if (!inputs || !inputs[0]) {
    jd_cli_error("no input given — name files, directories, or - for stdin (see 'jindu "
                 "normalize --help')");
    rc = JD_EXIT_USAGE;
    goto out;
  }
  files = jd_inputs_collect((const char *const *)inputs, g_strv_length(inputs), &err);
  if (!files) {
    rc = jd_cli_fail(err, JD_EXIT_INPUT);
    goto out;
  }
  gboolean had_text = FALSE;
  for (guint i = 0; i < files->len; i++) {
    int r = normalize_one(files->pdata[i], &opt, lines, files->len > 1, &had_text);
    if (r != JD_EXIT_OK) rc = r;
  }
  if (rc == JD_EXIT_OK && !had_text) rc = JD_EXIT_INPUT;
  if (fflush(stdout) != 0 || ferror(stdout)) {
    jd_cli_error("cannot write to standard output — check the disk or the pipe");
    rc = JD_EXIT_OUTPUT;
  }
out:
  if (files) g_ptr_array_unref(files);
  g_strfreev(inputs);
  g_free(encoding);
  g_free(ocr);
  g_option_context_free(ctx);
  return rc;
}
