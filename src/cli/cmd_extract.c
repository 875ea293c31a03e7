/* `jindu extract`: every figure of the input documents as CSV or JSON Lines,
 * streamed as it is found (so it also works as a filter in a pipeline or
 * under GNU parallel / Hadoop Streaming), or written atomically with -o. */
#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands-module.h"
#include "jindu/extract.h"
#include "jindu/workbook.h"
#include "util/atomic.h"

typedef struct {
  FILE *out;          /* the table's destination */
  FILE *explain_out;  /* where explanations go, or NULL */
  jd_figure_format format;
  gboolean xlsx;      /* --format xlsx: figures collected, the workbook written at the end */
  gboolean zh;        /* --headers zh: CSV with Chinese headers and names */
  jd_figure_table *collected; /* xlsx: every figure */
  const jd_commands_api *api; /* xlsx, zh: the workbook writer's module */
  gboolean table;     /* write the table at all */
  GString *buf;
  size_t count;
  gboolean write_failed;
} sink;

static void on_figure(const jd_figure *f, const char *explanation, gpointer data)
{
  sink *s = data;
  s->count++;
  if (s->explain_out && explanation) fprintf(s->explain_out, "%s\n\n", explanation);
  if (!s->table) return;
  if (s->xlsx) {
    jd_figure_table_take(s->collected, jd_figure_copy(f));
    return;
  }
  g_string_truncate(s->buf, 0);
  if (s->zh)
    s->api->workbook_csv_row(s->buf, f, s->count);
  else
    jd_figure_write(s->buf, f, s->format);
  if (fwrite(s->buf->str, 1, s->buf->len, s->out) != s->buf->len) s->write_failed = TRUE;
}

static const char summary[] =
    "Finds every stated figure in the documents and writes one record per figure:\n"
    "doc, line, quote, metric, scope, drug, region, period, span, value, unit,\n"
    "qualifier, kind, base_period, where. FILE may be a document — plain text, Word\n"
    ".docx/.wps, .odt, PDF, a web page or a scan (PNG/JPEG/TIFF, read by OCR), told\n"
    "by content — a directory (searched for all of them) or - for standard input\n"
    "(plain text). `where` says where a figure stands in a document that is not plain\n"
    "text: 第3页, 第12段, 表2 第4行 第3列. Records are written as they are found.\n"
    "\n"
    "With --explain, each figure is followed by the clause it came from and why each\n"
    "field was chosen; the explanations go to standard output and the table, if any,\n"
    "to the -o file.\n"
    "\n"
    "Examples:\n"
    "  jindu extract report.txt > figures.csv\n"
    "  jindu extract 通报.docx 简报.pdf 新闻.html\n"
    "  jindu extract --format jsonl -o figures.jsonl corpus/\n"
    "  jindu extract --format xlsx -o 数据.xlsx corpus/      (sheets 指标数据 and 来源)\n"
    "  jindu extract --headers zh --bom -o 数据.csv corpus/  (Chinese headers and names)\n"
    "  cat doc.txt | jindu extract - --explain\n"
    "  ls corpus/*.txt | parallel jindu extract --format jsonl {} > all.jsonl";

/* The table format from --format, --headers and --bom (and -o, which xlsx
 * needs), and the input encoding from --encoding into lo: JD_EXIT_OK, or
 * JD_EXIT_USAGE after saying what is wrong. */
static int parse_formats(const char *format, const char *headers, gboolean bom,
                         const char *output, const char *encoding, sink *s, jd_load_options *lo)
{
  jd_figure_format *out = &s->format;
  *out = JD_FORMAT_CSV;
  if (format && !strcmp(format, "jsonl")) {
    *out = JD_FORMAT_JSONL;
  } else if (format && !strcmp(format, "xlsx")) {
    s->xlsx = TRUE;
    if (!output) {
      jd_cli_error("--format xlsx writes a workbook — give its name with -o FILE.xlsx");
      return JD_EXIT_USAGE;
    }
  } else if (format && strcmp(format, "csv") != 0) {
    jd_cli_error("unknown --format '%s' — use csv, jsonl or xlsx", format);
    return JD_EXIT_USAGE;
  }
  if (bom && (*out != JD_FORMAT_CSV || s->xlsx)) {
    jd_cli_error("--bom only applies to CSV — drop it or use --format csv");
    return JD_EXIT_USAGE;
  }
  if (headers && strcmp(headers, "zh") == 0) {
    s->zh = TRUE;
  } else if (headers && strcmp(headers, "en") != 0) {
    jd_cli_error("unknown --headers '%s' — use en (the ids, the default) or zh", headers);
    return JD_EXIT_USAGE;
  }
  if (s->zh && (*out != JD_FORMAT_CSV || s->xlsx)) {
    jd_cli_error("--headers zh only applies to CSV (a workbook always has Chinese headers)");
    return JD_EXIT_USAGE;
  }
  int enc = JD_ENCODING_AUTO;
  if (!jd_cli_parse_encoding(encoding, &enc)) return JD_EXIT_USAGE;
  lo->encoding = (jd_encoding)enc;
  if ((s->xlsx || s->zh) && !(s->api = jd_commands())) return JD_EXIT_INTERNAL;
  return JD_EXIT_OK;
}

/* Where the table and the explanations go: standard output, a device or pipe
 * named by -o (*out, written straight), or a file named by -o (*atomic,
 * replaced when all went well). JD_EXIT_OK or JD_EXIT_OUTPUT. */
static int open_output(const char *output, gboolean explain, sink *s, FILE **out,
                       jd_atomic_file **atomic)
{
  GError *err = NULL;
  s->out = stdout;
  s->table = !output ? !explain : TRUE;
  s->explain_out = explain ? stdout : NULL;
  if (!output) return JD_EXIT_OK;
  if (g_file_test(output, G_FILE_TEST_EXISTS) && !g_file_test(output, G_FILE_TEST_IS_REGULAR)) {
    /* a device or a pipe (/dev/stdout, a FIFO): write straight to it */
    if (g_file_test(output, G_FILE_TEST_IS_DIR) || !(*out = fopen(output, "wb"))) {
      jd_cli_error("%s: cannot write (%s) — give a file name, not a directory", output,
                   g_file_test(output, G_FILE_TEST_IS_DIR) ? "a directory" : g_strerror(errno));
      return JD_EXIT_OUTPUT;
    }
    s->out = *out;
    return JD_EXIT_OK;
  }
  *atomic = jd_atomic_file_new(output, &err);
  if (!*atomic) {
    jd_cli_error("%s: cannot write (%s) — check the directory exists and is writable", output,
                 err->message);
    g_clear_error(&err);
    return JD_EXIT_OUTPUT;
  }
  s->out = jd_atomic_file_get_stream(*atomic);
  return JD_EXIT_OK;
}

/* Streams the figures of every input to s; JD_EXIT_INPUT when an input could
 * not be read (the others are still read), else JD_EXIT_OK. */
static int extract_all(jd_extractor *x, const GPtrArray *paths, const jd_load_options *lo,
                       sink *s)
{
  int code = JD_EXIT_OK;
  GError *err = NULL;
  for (guint i = 0; i < paths->len; i++) {
    const char *path = paths->pdata[i];
    jd_reader *r = jd_reader_open(path, lo, &err);
    if (r) {
      jd_paragraph p;
      jd_extractor_begin(x, jd_reader_get_name(r), on_figure, s);
      while (jd_reader_next(r, &p, &err)) jd_extractor_feed(x, &p);
      jd_extractor_end(x);
      const GPtrArray *xw = jd_extractor_get_warnings(x);
      for (guint w = 0; xw && w < xw->len; w++) jd_cli_warning("%s", (const char *)xw->pdata[w]);
      const GPtrArray *warnings = jd_reader_get_warnings(r);
      for (guint w = 0; warnings && w < warnings->len; w++)
        jd_cli_warning("%s", (const char *)warnings->pdata[w]);
      jd_reader_free(r);
    }
    if (err) {
      jd_cli_error("%s", err->message);
      g_clear_error(&err);
      code = JD_EXIT_INPUT;
    }
    if (s->out == stdout) fflush(stdout);
  }
  if (fflush(s->out) != 0 || ferror(s->out)) s->write_failed = TRUE;
  return code;
}

/* The collected figures as a workbook into the output stream. */
static int write_workbook(sink *s, const char *output)
{
  GError *err = NULL;
  const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
  GBytes *book = s->api->workbook_render(
      s->collected, epoch ? g_ascii_strtoll(epoch, NULL, 10) : JD_WORKBOOK_EPOCH, &err);
  if (!book) {
    jd_cli_error("%s: %s", output, err->message);
    g_error_free(err);
    return JD_EXIT_OUTPUT;
  }
  gsize len;
  const void *data = g_bytes_get_data(book, &len);
  if (fwrite(data, 1, len, s->out) != len) s->write_failed = TRUE;
  g_bytes_unref(book);
  return JD_EXIT_OK;
}

/* Closes a device or pipe, or commits the file (only when all went well: else
 * the old file stays unchanged). Returns the exit code, given the one so far. */
static int finish_output(const char *output, FILE **out, jd_atomic_file **atomic, const sink *s,
                         int code)
{
  GError *err = NULL;
  if (*out) {
    gboolean closed = fclose(*out) == 0;
    *out = NULL;
    if ((s->write_failed || !closed) && code == JD_EXIT_OK) {
      jd_cli_error("%s: write failed (%s) — check the device or pipe", output, g_strerror(errno));
      return JD_EXIT_OUTPUT;
    }
  } else if (*atomic) {
    if (s->write_failed) {
      jd_cli_error("%s: write failed (%s) — check free space; the old file is unchanged", output,
                   g_strerror(errno));
      return JD_EXIT_OUTPUT;
    } else if (code == JD_EXIT_OK) {
      if (!jd_atomic_file_commit(g_steal_pointer(atomic), &err)) {
        if (g_error_matches(err, JD_ATOMIC_ERROR, JD_ATOMIC_ERROR_RENAME))
          jd_cli_error("%s: cannot replace (%s) — check permissions", output, err->message);
        else
          jd_cli_error("%s: write failed (%s) — check free space; the old file is unchanged",
                       output, err->message);
        g_clear_error(&err);
        return JD_EXIT_OUTPUT;
      }
    } else {
      jd_cli_error("%s: not written because an input failed — fix it and run again", output);
    }
  } else if (s->write_failed && code == JD_EXIT_OK) {
    jd_cli_error("standard output: write failed — check the pipe or disk");
    return JD_EXIT_OUTPUT;
  }
  return code;
}

int jd_cmd_extract(int argc, char **argv)
{
  char *format = NULL, *output = NULL, *encoding = NULL, *lexicon_dir = NULL, *headers = NULL, *ocr = NULL;
  gboolean bom = FALSE, explain = FALSE, lenient = FALSE, keep_trad = FALSE;
  char **inputs = NULL;
  int code = JD_EXIT_OK;
  GError *err = NULL;
  GOptionContext *ctx = NULL;
  GPtrArray *paths = NULL;
  jd_lexicon *lx = NULL;
  jd_extractor *x = NULL;
  jd_atomic_file *atomic = NULL; /* -o FILE: replaced when all went well */
  FILE *out = NULL;
  sink s = {0};
  s.buf = g_string_new(NULL);

  GOptionEntry entries[] = {
      {"format", 'f', 0, G_OPTION_ARG_STRING, &format, "csv (default), jsonl or xlsx (needs -o)",
       "FORMAT"},
      {"headers", 0, 0, G_OPTION_ARG_STRING, &headers,
       "CSV headers: en (ids, default) or zh (Chinese headers and names, ids last)", "LANG"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
       "write to FILE (replaced atomically) instead of standard output", "FILE"},
      {"bom", 0, 0, G_OPTION_ARG_NONE, &bom, "start CSV with a UTF-8 BOM (for Excel)", NULL},
      {"explain", 0, 0, G_OPTION_ARG_NONE, &explain,
       "print each figure's clause and why each field was chosen", NULL},
      {"encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding,
       JD_CLI_ENCODING_HELP, "ENC"},
      {"lenient", 0, 0, G_OPTION_ARG_NONE, &lenient,
       "replace undecodable bytes and warn instead of failing", NULL},
      {"ocr", 0, 0, G_OPTION_ARG_STRING, &ocr,
       "scanned pages and pictures (Tesseract): auto (default: pages without text), never, "
       "always",
       "MODE"},
      {"keep-traditional", 0, 0, G_OPTION_ARG_NONE, &keep_trad,
       "do not convert traditional characters (the lexicon is simplified)", NULL},
      {"lexicon", 0, 0, G_OPTION_ARG_FILENAME, &lexicon_dir,
       "read the vocabularies from DIR instead of data/lexicon", "DIR"},
      {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs, NULL, "FILE|DIR|-"},
      {NULL, 0, 0, 0, NULL, NULL, NULL},
  };
  ctx = g_option_context_new("... — figures from documents");
  g_option_context_set_summary(ctx, summary);
  g_option_context_add_main_entries(ctx, entries, NULL);
  if (!jd_cli_parse(ctx, &argc, &argv, &code)) goto done;

  jd_load_options lo = JD_LOAD_OPTIONS_INIT;
  lo.lenient = lenient;
  lo.keep_traditional = keep_trad;
  if ((code = parse_formats(format, headers, bom, output, encoding, &s, &lo)) != JD_EXIT_OK)
    goto done;
  if (ocr && !jd_ocr_mode_from_string(ocr, &lo.ocr)) {
    jd_cli_error("unknown --ocr '%s' — use auto, never or always", ocr);
    code = JD_EXIT_USAGE;
    goto done;
  }
  if (!inputs || !inputs[0]) {
    jd_cli_error("no input — give a FILE, a DIR or - for standard input (see 'jindu extract --help')");
    code = JD_EXIT_USAGE;
    goto done;
  }
  GPtrArray *walk_warnings = g_ptr_array_new_with_free_func(g_free);
  paths = jd_inputs_collect_full((const char *const *)inputs, g_strv_length(inputs), walk_warnings,
                                 &err);
  for (guint w = 0; w < walk_warnings->len; w++)
    jd_cli_warning("%s", (const char *)walk_warnings->pdata[w]);
  g_ptr_array_unref(walk_warnings);
  if (paths) lx = jd_lexicon_load(lexicon_dir, &err);
  if (!paths || !lx) {
    code = jd_cli_fail(err, JD_EXIT_INPUT);
    err = NULL;
    goto done;
  }
  if ((code = open_output(output, explain, &s, &out, &atomic)) != JD_EXIT_OK) goto done;
  if (s.table && s.xlsx) s.collected = jd_figure_table_new();
  if (s.table && !s.xlsx) {
    g_string_truncate(s.buf, 0);
    if (s.zh)
      s.api->workbook_csv_header(s.buf, bom);
    else
      jd_figure_write_header(s.buf, s.format, bom);
    if (fwrite(s.buf->str, 1, s.buf->len, s.out) != s.buf->len) s.write_failed = TRUE;
  }
  jd_extract_options xo = JD_EXTRACT_OPTIONS_INIT;
  xo.explain = explain;
  x = jd_extractor_new(lx, &xo);
  code = extract_all(x, paths, &lo, &s);
  if (s.collected && code == JD_EXIT_OK) code = write_workbook(&s, output);
  code = finish_output(output, &out, &atomic, &s, code);

done:
  if (out) fclose(out);
  jd_atomic_file_free(atomic);
  jd_extractor_free(x);
  jd_lexicon_free(lx);
  if (paths) g_ptr_array_unref(paths);
  if (ctx) g_option_context_free(ctx);
  g_string_free(s.buf, TRUE);
  g_strfreev(inputs);
  g_free(format);
  g_free(headers);
  if (s.collected) jd_figure_table_free(s.collected);
  g_free(output);
  g_free(encoding);
  g_free(lexicon_dir);
  g_free(ocr);
  return code;
}
