/* `jindu analyze` and `jindu audit`, one implementation: both read figures
 * tables or documents (extracted on the fly), analyse them and write text,
 * CSV or JSON; analyze writes the series, trends, implied values and
 * findings, audit only the findings (at or above a severity). Below: the
 * input and output shared by both (cmd-analyze.h), then the two commands:
 * one option table, one run. */
#include <stdio.h>
#include <string.h>

#include "cmd-analyze.h"
#include "jindu/build.h"
#include "jindu/extract.h"
#include "jindu/workbook.h"

/* ------------------------------------------------------ input and output */

gboolean jd_cli_parse_analysis_format(const char *s, jd_analysis_format *out)
{
  if (!s || strcmp(s, "text") == 0)
    *out = JD_ANALYSIS_TEXT;
  else if (strcmp(s, "csv") == 0)
    *out = JD_ANALYSIS_CSV;
  else if (strcmp(s, "json") == 0)
    *out = JD_ANALYSIS_JSON;
  else
    return FALSE;
  return TRUE;
}

/* A figures table is CSV whose first row names the metric and value
 * columns, or JSON Lines; anything else is a document. */
static gboolean is_figures_table(const char *data, size_t len)
{
  size_t i = 0;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) i = 3;
  while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) i++;
  if (i < len && data[i] == '{') return TRUE;
  const char *nl = memchr(data + i, '\n', len - i);
  size_t n = nl ? (size_t)(nl - (data + i)) : len - i;
  g_autofree char *first = g_strndup(data + i, n);
  g_auto(GStrv) cols = g_strsplit(first, ",", -1);
  gboolean metric = FALSE, value = FALSE;
  for (char **c = cols; *c; c++) {
    g_strstrip(*c);
    if (strcmp(*c, "metric") == 0 || strcmp(*c, "\"metric\"") == 0) metric = TRUE;
    if (strcmp(*c, "value") == 0 || strcmp(*c, "\"value\"") == 0) value = TRUE;
  }
  return metric && value;
}

typedef struct {
  jd_lexicon *lexicon; /* loaded on the first document */
} doc_loader;

static gboolean ensure_lexicon(doc_loader *dl, GError **error)
{
  if (!dl->lexicon) dl->lexicon = jd_lexicon_load(NULL, error);
  return dl->lexicon != NULL;
}

/* Extracts the figures of a document (or every document under a directory). */
static int load_documents(doc_loader *dl, const char *path, jd_figure_table *t)
{
  GError *err = NULL;
  if (!ensure_lexicon(dl, &err)) return jd_cli_fail(err, JD_EXIT_INPUT);
  const char *one[] = {path};
  GPtrArray *walk_warnings = g_ptr_array_new_with_free_func(g_free);
  GPtrArray *paths = jd_inputs_collect_full(one, 1, walk_warnings, &err);
  for (guint w = 0; w < walk_warnings->len; w++)
    jd_cli_warning("%s", (const char *)walk_warnings->pdata[w]);
  g_ptr_array_unref(walk_warnings);
  if (!paths) return jd_cli_fail(err, JD_EXIT_INPUT);
  GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < paths->len; i++) {
    gboolean ok = jd_build_extract_document(dl->lexicon, paths->pdata[i], NULL, 0, 0, t,
                                            warnings, &err);
    jd_cli_warnings(warnings); /* numbers left out, bytes replaced */
    if (!ok) {
      g_ptr_array_unref(warnings);
      g_ptr_array_unref(paths);
      return jd_cli_fail(err, JD_EXIT_INPUT);
    }
  }
  g_ptr_array_unref(warnings);
  g_ptr_array_unref(paths);
  return JD_EXIT_OK;
}

/* The contents of a file: mapped when it is a regular file with something
 * in it (parsed where it lies, no copy; *map set), else read (a pipe,
 * /proc; *map NULL). */
static gboolean read_input(const char *path, char **data, gsize *len, GMappedFile **map,
                           GError **error)
{
  *map = g_mapped_file_new(path, FALSE, NULL);
  if (*map && g_mapped_file_get_length(*map) > 0) {
    *data = g_mapped_file_get_contents(*map);
    *len = g_mapped_file_get_length(*map);
    return TRUE;
  }
  g_clear_pointer(map, g_mapped_file_unref);
  return g_file_get_contents(path, data, len, error);
}

int jd_cli_load_figures(char **inputs, int n, const char *overrides, jd_figure_table *t)
{
  doc_loader dl = {NULL};
  int rc = JD_EXIT_OK;
  for (int i = 0; i < n && rc == JD_EXIT_OK; i++) {
    const char *path = inputs[i];
    char *data = NULL;
    gsize len = 0;
    GError *err = NULL;
    const char *name = path;
    GMappedFile *map = NULL;
    if (strcmp(path, "-") == 0) {
      GString *in = g_string_new(NULL);
      char buf[65536];
      size_t got;
      while ((got = fread(buf, 1, sizeof buf, stdin)) > 0) g_string_append_len(in, buf, got);
      len = in->len;
      data = g_string_free(in, FALSE);
      name = "stdin";
      if (!is_figures_table(data, len)) {
        GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
        if (!ensure_lexicon(&dl, &err) ||
            !jd_build_extract_document(dl.lexicon, name, data, len, 0, t, warnings, &err))
          rc = jd_cli_fail(err, JD_EXIT_INPUT);
        jd_cli_warnings(warnings);
        g_ptr_array_unref(warnings);
        g_free(data);
        continue;
      }
    } else if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
      rc = load_documents(&dl, path, t);
      continue;
    } else if (!read_input(path, &data, &len, &map, &err)) {
      jd_cli_error("%s: cannot read: %s — check the path and permissions", path, err->message);
      g_error_free(err);
      rc = JD_EXIT_INPUT;
      continue;
    }
    /* a .csv or .jsonl file is a table, with or without a header: a
     * header-less table is an error, never read as a document */
    g_autofree char *lower = g_ascii_strdown(path, -1);
    gboolean table = is_figures_table(data, len) || g_str_has_suffix(lower, ".csv") ||
                     g_str_has_suffix(lower, ".jsonl");
    gboolean ok = !table || jd_figure_table_read_data(t, name, data, len, &err);
    if (map)
      g_mapped_file_unref(map);
    else
      g_free(data);
    if (!table)
      rc = load_documents(&dl, path, t);
    else if (!ok)
      rc = jd_cli_fail(err, JD_EXIT_INPUT);
  }
  jd_lexicon_free(dl.lexicon);
  if (rc != JD_EXIT_OK) return rc;
  const char *override_files[] = {overrides, NULL};
  GError *err = NULL;
  if (!jd_figure_table_load(t, NULL, override_files, &err)) return jd_cli_fail(err, JD_EXIT_INPUT);
  if (jd_figure_table_get_count(t) == 0) {
    jd_cli_error("%s%s: no figures to analyse (an empty table, or documents that state no "
                 "figures) — check the input, or try 'jindu extract' on the documents",
                 inputs[0], n > 1 ? " …" : "");
    return JD_EXIT_INPUT;
  }
  return JD_EXIT_OK;
}

/* --------------------------------------------------------------- commands */

/* The two commands over one analysis: all of it, or only its findings. */
typedef enum { VIEW_ANALYSIS, VIEW_FINDINGS } analysis_view;

/* What the options say (analysis: confidence, no_implied, unweighted;
 * findings: min, strict, corroboration). */
typedef struct {
  char *format, *output, *overrides;
  char **inputs;
  double confidence;
  gboolean no_implied, unweighted;
  char *min;
  gboolean strict, corroboration;
} analysis_args;

static void analysis_args_clear(analysis_args *g)
{
  g_free(g->format);
  g_free(g->output);
  g_free(g->overrides);
  g_free(g->min);
  g_strfreev(g->inputs);
}

/* The option table of the command: the shared options, then the view's. */
static GOptionContext *analysis_context(analysis_view view, analysis_args *g)
{
  GOptionEntry shared[] = {
      {"format", 'f', 0, G_OPTION_ARG_STRING, &g->format,
       view == VIEW_ANALYSIS ? "output format: text (default), csv, json, xlsx (a workbook; needs -o)"
                             : "output format: text (default), csv, json",
       "FORMAT"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &g->output,
       "write to FILE (replaced atomically) instead of standard output", "FILE"},
      {"overrides", 0, 0, G_OPTION_ARG_FILENAME, &g->overrides,
       "apply curated overrides from a figures CSV first", "FILE"},
      {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &g->inputs, NULL, NULL},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  GOptionEntry analysis[] = {
      {"confidence", 0, 0, G_OPTION_ARG_DOUBLE, &g->confidence,
       "level of confidence, prediction and Wilson intervals (default 0.95)", "P"},
      {"no-implied", 0, 0, G_OPTION_ARG_NONE, &g->no_implied,
       "do not add implied prior-period points to series", NULL},
      {"unweighted", 0, 0, G_OPTION_ARG_NONE, &g->unweighted,
       "ordinary least squares even when values carry intervals", NULL},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  GOptionEntry findings[] = {
      {"min-severity", 0, 0, G_OPTION_ARG_STRING, &g->min,
       "show findings at or above: ok (default), note, warning, error", "LEVEL"},
      {"strict", 0, 0, G_OPTION_ARG_NONE, &g->strict,
       "exit with status 5 when any finding is an error", NULL},
      {"corroboration", 0, 0, G_OPTION_ARG_NONE, &g->corroboration,
       "also list values that several documents state alike (ok)", NULL},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  GOptionContext *ctx;
  if (view == VIEW_ANALYSIS) {
    ctx = g_option_context_new("FIGURES.csv|DOCUMENT|DIR... — series, trends, implied values");
    g_option_context_set_summary(
        ctx, "Builds series per (metric, drug, region) over periods from figures tables\n"
             "(CSV or JSON Lines) or documents (extracted first; directories are searched\n"
             "for *.txt and *.md; '-' reads stdin) and prints them with trends (OLS with 95%\n"
             "intervals, CAGR), implied values and the audit's findings.\n\n"
             "Examples:\n  jindu analyze figures.csv\n  jindu analyze corpus/\n  jindu analyze --format json -o analysis.json "
             "figures.csv\n  jindu analyze --format xlsx -o 数据.xlsx corpus/   "
             "(sheets 指标数据, 时间序列, 核查结果, 来源)");
  } else {
    ctx = g_option_context_new("FIGURES.csv|DOCUMENT|DIR... — figures that do not add up");
    g_option_context_set_summary(
        ctx, "Checks every stated percentage and change against the levels it refers to in the\n"
             "same document (tolerance from the stated precision and qualifiers), pins the\n"
             "integers behind approximate figures, implies missing priors and totals, and\n"
             "reports conflicting values across documents. Severities: ok, note, warning, error.\n\n"
             "Examples:\n  jindu audit figures.csv\n  jindu audit --min-severity warning --strict "
             "figures.csv");
  }
  /* GLib copies the entries; the options' order in --help is this order */
  g_option_context_add_main_entries(ctx, shared, NULL);
  g_option_context_add_main_entries(ctx, view == VIEW_ANALYSIS ? analysis : findings, NULL);
  return ctx;
}

static gboolean parse_severity(const char *s, jd_severity *out)
{
  for (int i = JD_SEVERITY_OK; i <= JD_SEVERITY_ERROR; i++)
    if (s && strcmp(s, jd_severity_to_string((jd_severity)i)) == 0) {
      *out = (jd_severity)i;
      return TRUE;
    }
  return FALSE;
}

/* Checks the options in the order the user reads them: the format, the
 * view's own, then that there is input. Returns JD_EXIT_OK, or prints what
 * is wrong and returns JD_EXIT_USAGE. */
static int check_args(analysis_view view, const analysis_args *g, jd_analysis_format *fmt,
                      jd_severity *min_sev)
{
  if (view == VIEW_ANALYSIS && g->format && strcmp(g->format, "xlsx") == 0) {
    if (!g->output || strcmp(g->output, "-") == 0) {
      jd_cli_error("--format xlsx writes a workbook — give its name with -o FILE.xlsx");
      return JD_EXIT_USAGE;
    }
    *fmt = JD_ANALYSIS_TEXT;
  } else if (!jd_cli_parse_analysis_format(g->format, fmt)) {
    jd_cli_error("unknown --format '%s' — use text, csv or json%s", g->format,
                 view == VIEW_ANALYSIS ? " or xlsx" : "");
    return JD_EXIT_USAGE;
  }
  if (view == VIEW_ANALYSIS && !(g->confidence > 0 && g->confidence < 1)) {
    jd_cli_error("--confidence %g is out of range — give a probability such as 0.95",
                 g->confidence);
    return JD_EXIT_USAGE;
  }
  if (view == VIEW_FINDINGS && g->min && !parse_severity(g->min, min_sev)) {
    jd_cli_error("unknown --min-severity '%s' — use ok, note, warning or error", g->min);
    return JD_EXIT_USAGE;
  }
  if (!g->inputs || !g->inputs[0]) {
    jd_cli_error("no input — give documents, a directory, a figures table (CSV or JSON Lines) or "
                 "'-' for stdin; see 'jindu %s --help'",
                 view == VIEW_ANALYSIS ? "analyze" : "audit");
    return JD_EXIT_USAGE;
  }
  return JD_EXIT_OK;
}

/* The analysis options the view's command line sets; the rest default. */
static jd_analyze_options analysis_options(analysis_view view, const analysis_args *g)
{
  jd_analyze_options opt = JD_ANALYZE_OPTIONS_INIT;
  if (view == VIEW_ANALYSIS) {
    opt.confidence = g->confidence;
    opt.implied_points = !g->no_implied;
    opt.weighted = !g->unweighted;
  } else {
    opt.corroboration = g->corroboration;
  }
  return opt;
}

/* The figures and the analysis as a workbook at path. Returns an exit code. */
static int write_workbook(const jd_figure_table *t, const jd_analysis *a, const char *path)
{
  GError *err = NULL;
  const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
  GBytes *book = jd_workbook_render(
      t, a, epoch ? g_ascii_strtoll(epoch, NULL, 10) : JD_WORKBOOK_EPOCH, &err);
  if (!book) {
    jd_cli_error("%s: %s", path, err->message);
    g_error_free(err);
    return JD_EXIT_OUTPUT;
  }
  gsize len;
  const char *data = g_bytes_get_data(book, &len);
  GString *s = g_string_new_len(data, (gssize)len);
  int rc = jd_cli_write_output(path, s);
  g_string_free(s, TRUE);
  g_bytes_unref(book);
  return rc;
}

/* Either command: parse, check, load, analyse, write; for the audit with
 * --strict, an error finding makes the exit status JD_EXIT_AUDIT. */
static int run_analysis(analysis_view view, int argc, char **argv)
{
  analysis_args g = {0};
  g.confidence = 0.95;
  int rc = JD_EXIT_OK;
  jd_figure_table *t = NULL;
  jd_analysis *a = NULL;
  GString *out = NULL;
  GOptionContext *ctx = analysis_context(view, &g);
  jd_analysis_format fmt;
  jd_severity min_sev = JD_SEVERITY_OK;
  if (!jd_cli_parse(ctx, &argc, &argv, &rc)) goto out;
  rc = check_args(view, &g, &fmt, &min_sev);
  if (rc != JD_EXIT_OK) goto out;
  t = jd_figure_table_new();
  rc = jd_cli_load_figures(g.inputs, (int)g_strv_length(g.inputs), g.overrides, t);
  if (rc != JD_EXIT_OK) goto out;
  jd_analyze_options opt = analysis_options(view, &g);
  GError *err = NULL;
  a = jd_analyze(t, &opt, &err);
  if (!a) {
    rc = jd_cli_fail(err, JD_EXIT_INPUT);
    goto out;
  }
  out = g_string_new(NULL);
  if (g.format && strcmp(g.format, "xlsx") == 0) {
    rc = write_workbook(t, a, g.output);
    goto out;
  }
  jd_cli_release_table(&t);
  if (view == VIEW_ANALYSIS)
    jd_analysis_write(out, a, fmt);
  else
    jd_analysis_write_findings(out, a, fmt, min_sev);
  rc = jd_cli_write_output(g.output, out);
  if (view == VIEW_FINDINGS && rc == JD_EXIT_OK && g.strict &&
      jd_analysis_count_findings(a, JD_SEVERITY_ERROR) > 0)
    rc = JD_EXIT_AUDIT;
out:
  if (out) g_string_free(out, TRUE);
  jd_analysis_free(a);
  jd_figure_table_free(t);
  g_option_context_free(ctx);
  analysis_args_clear(&g);
  return rc;
}

int jd_cmd_analyze(int argc, char **argv) { return run_analysis(VIEW_ANALYSIS, argc, argv); }

/* `jindu audit`: only the findings — stated percentages and changes checked
 * against the levels they refer to, implied values, conflicts — each citing
 * doc:line, with a Chinese explanation and a severity. */
int jd_cmd_audit(int argc, char **argv) { return run_analysis(VIEW_FINDINGS, argc, argv); }
