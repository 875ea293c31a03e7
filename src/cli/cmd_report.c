/* `jindu report`: a briefing PDF from figure tables or documents, with the
 * chart PNGs beside it on request. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "names-option.h"
#include "jindu/build.h"
#include "jindu/report.h"
#include "jindu/report-formats.h"
#include "jindu/text.h"

static gboolean is_figure_table(const char *path)
{
  return g_str_has_suffix(path, ".csv") || g_str_has_suffix(path, ".jsonl") ||
         g_str_has_suffix(path, ".CSV");
}

static char **split_list(const char *s)
{
  if (!s || !*s) return NULL;
  char **v = g_strsplit_set(s, ";,", -1);
  GPtrArray *out = g_ptr_array_new();
  for (char **p = v; *p; p++) {
    g_strstrip(*p);
    if (**p) g_ptr_array_add(out, g_strdup(*p));
  }
  g_strfreev(v);
  g_ptr_array_add(out, NULL);
  return (char **)g_ptr_array_free(out, FALSE);
}

/* The command line of `jindu report`. */
typedef struct {
  char *output, *title, *organisation, *date, *region, *metrics, *kpis, *theme;
  char *charts_dir, *chart_size, *author, *encoding;
  char *style, *secrecy, *urgency, *report_to, *send_to, *distribute_to;
  char **overrides;
  int issue, copies, jobs;
} report_args;

static void report_args_clear(report_args *a)
{
  g_free(a->output);
  g_free(a->title);
  g_free(a->organisation);
  g_free(a->date);
  g_free(a->region);
  g_free(a->metrics);
  g_free(a->kpis);
  g_free(a->theme);
  g_free(a->charts_dir);
  g_free(a->chart_size);
  g_free(a->author);
  g_free(a->encoding);
  g_free(a->style);
  g_free(a->secrecy);
  g_free(a->urgency);
  g_free(a->report_to);
  g_free(a->send_to);
  g_free(a->distribute_to);
  g_strfreev(a->overrides);
}

static GOptionContext *report_context(report_args *a)
{
  GOptionEntry entries[] = {
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &a->output, "the briefing to write (required): .pdf, .docx, .pptx or .html", "OUT.pdf"},
      {"title", 0, 0, G_OPTION_ARG_STRING, &a->title, "report name on the masthead (禁毒工作简报)", "TEXT"},
      {"issue", 0, 0, G_OPTION_ARG_INT, &a->issue, "issue number (第N期)", "N"},
      {"organisation", 0, 0, G_OPTION_ARG_STRING, &a->organisation, "issuing organisation", "TEXT"},
      {"author", 0, 0, G_OPTION_ARG_STRING, &a->author, "PDF author (default: the organisation)", "TEXT"},
      {"date", 0, 0, G_OPTION_ARG_STRING, &a->date,
       "date YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else none)", "DATE"},
      {"region", 0, 0, G_OPTION_ARG_STRING, &a->region, "region of the KPI cards (e.g. 全国)", "NAME"},
      {"metrics", 0, 0, G_OPTION_ARG_STRING, &a->metrics, "sections, metric ids separated by ';'", "LIST"},
      {"kpis", 0, 0, G_OPTION_ARG_STRING, &a->kpis, "KPI cards, metric ids separated by ';'", "LIST"},
      {"theme", 0, 0, G_OPTION_ARG_STRING, &a->theme, "chart theme: default, dark, official or a file", "NAME"},
      {"style", 0, 0, G_OPTION_ARG_STRING, &a->style,
       "page style: gongwen (GB/T 9704 简报, the default) or modern", "NAME"},
      {"secrecy", 0, 0, G_OPTION_ARG_STRING, &a->secrecy, "密级 on the masthead (e.g. 内部)", "TEXT"},
      {"urgency", 0, 0, G_OPTION_ARG_STRING, &a->urgency, "紧急程度 on the masthead (e.g. 特急)", "TEXT"},
      {"report-to", 0, 0, G_OPTION_ARG_STRING, &a->report_to, "版记 报： (to the level above)", "TEXT"},
      {"send-to", 0, 0, G_OPTION_ARG_STRING, &a->send_to, "版记 送： (to peers)", "TEXT"},
      {"distribute-to", 0, 0, G_OPTION_ARG_STRING, &a->distribute_to, "版记 发： (to the level below)", "TEXT"},
      {"copies", 0, 0, G_OPTION_ARG_INT, &a->copies, "版记 共印N份", "N"},
      {"overrides", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &a->overrides,
       "curated corrections (figure CSV), applied last; repeatable", "FILE"},
      {"charts", 0, 0, G_OPTION_ARG_FILENAME, &a->charts_dir,
       "also write every chart as PNG into DIR (01-cases_solved.png, ...)", "DIR"},
      {"chart-size", 0, 0, G_OPTION_ARG_STRING, &a->chart_size, "size of chart PNGs (default slide)", "PRESET"},
      {"jobs", 'j', 0, G_OPTION_ARG_INT, &a->jobs,
       "threads drawing the --charts files (default: $JINDU_JOBS, else every core)", "N"},
      {"encoding", 0, 0, G_OPTION_ARG_STRING, &a->encoding, JD_CLI_ENCODING_HELP, "ENC"},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  GOptionContext *ctx = g_option_context_new("FIGURES.csv|DOCUMENTS... -o OUT.pdf - compose a briefing");
  g_option_context_set_summary(
      ctx, "Composes a multi-page A4 briefing (简报): masthead, KPI summary, one section per metric\n"
           "with chart and narrative, the audit appendix and the sources table.\n\n"
           "The output's extension picks the format: .pdf, .docx (Word/WPS, editable),\n"
           ".pptx (one slide per section, the narrative in the notes) or .html (one\n"
           "self-contained page).\n\n"
           "  jindu report figures.csv -o briefing.pdf\n"
           "  jindu report figures.csv -o 简报.docx\n"
           "  jindu report data/corpus --issue 3 --date 2023-06-30 -o b.pdf --charts charts/");
  g_option_context_add_main_entries(ctx, entries, NULL); /* copies the entries */
  return ctx;
}

/* Checks what the options cannot: an output, an input, the encoding and the
 * date (SOURCE_DATE_EPOCH when none is given). Returns an exit code. */
static int check_args(report_args *a, int argc, jd_encoding *enc)
{
  if (!a->output) {
    jd_cli_error("no output — give the briefing to write with -o OUT.pdf (or .docx, .pptx, .html)");
    return JD_EXIT_USAGE;
  }
  if (!jd_report_format_from_path(a->output, NULL)) {
    jd_cli_error("%s: unknown kind of briefing — name it %s", a->output, JD_REPORT_FORMATS_HELP);
    return JD_EXIT_USAGE;
  }
  if (argc < 2) {
    jd_cli_error("no input — give a figures table (CSV/JSONL) or documents; see 'jindu report --help'");
    return JD_EXIT_USAGE;
  }
  if (a->jobs < 0 || a->jobs > 1024) {
    jd_cli_error("--jobs %d: not a number of threads from 1 to 1024 — e.g. --jobs 4", a->jobs);
    return JD_EXIT_USAGE;
  }
  int e = JD_ENCODING_AUTO;
  if (!jd_cli_parse_encoding(a->encoding, &e)) return JD_EXIT_USAGE;
  *enc = (jd_encoding)e;
  if (a->date) {
    if (!jd_report_parse_date(a->date, NULL, NULL, NULL)) {
      jd_cli_error("--date '%s' is not a date — write YYYY-MM-DD", a->date);
      return JD_EXIT_USAGE;
    }
  } else if (g_getenv("SOURCE_DATE_EPOCH")) {
    gint64 secs = g_ascii_strtoll(g_getenv("SOURCE_DATE_EPOCH"), NULL, 10);
    GDateTime *dt = g_date_time_new_from_unix_utc(secs);
    if (dt) {
      a->date = g_date_time_format(dt, "%Y-%m-%d");
      g_date_time_unref(dt);
    }
  }
  if (!a->date)
    jd_cli_warning("no date given: the masthead carries no date and the PDF no creation date — "
                   "give --date YYYY-MM-DD (or set SOURCE_DATE_EPOCH)");
  return JD_EXIT_OK;
}

/* Inputs: figure tables as they are, everything else as documents, then the
 * overrides. Returns an exit code. */
static int load_inputs(char **inputs, int n, char **overrides, jd_encoding enc,
                       jd_figure_table *figures)
{
  GError *err = NULL;
  int code = JD_EXIT_OK;
  GPtrArray *docs = g_ptr_array_new_with_free_func(g_free);
  GPtrArray *tables = g_ptr_array_new_with_free_func(g_free);
  for (int i = 0; i < n && code == JD_EXIT_OK; i++) {
    if (is_figure_table(inputs[i])) {
      g_ptr_array_add(tables, g_strdup(inputs[i]));
      continue;
    }
    const char *one[] = {inputs[i]};
    GPtrArray *found = jd_inputs_collect(one, 1, &err);
    if (!found) {
      code = jd_cli_fail(err, JD_EXIT_INPUT);
      break;
    }
    for (guint k = 0; k < found->len; k++) g_ptr_array_add(docs, g_strdup(found->pdata[k]));
    g_ptr_array_unref(found);
  }
  g_ptr_array_add(tables, NULL);
  GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
  if (code == JD_EXIT_OK &&
      !jd_build_load_figures((const char *const *)docs->pdata, docs->len,
                             (const char *const *)tables->pdata, (const char *const *)overrides,
                             enc, figures, warnings, &err))
    code = jd_cli_fail(err, JD_EXIT_INPUT);
  jd_cli_warnings(warnings);
  g_ptr_array_unref(warnings);
  g_ptr_array_unref(docs);
  g_ptr_array_unref(tables);
  return code;
}

static void fill_options(jd_report_options *options, const report_args *a)
{
  if (a->title) {
    g_free(options->title);
    options->title = g_strdup(a->title);
  }
  options->issue = a->issue;
  options->organisation = g_strdup(a->organisation ? a->organisation : "");
  options->author = g_strdup(a->author ? a->author : "");
  options->date = a->date ? g_strdup(a->date) : NULL;
  options->region = g_strdup(a->region ? a->region : "");
  options->metrics = split_list(a->metrics);
  options->kpis = split_list(a->kpis);
  if (a->theme) {
    g_free(options->theme);
    options->theme = g_strdup(a->theme);
  }
  options->style = g_strdup(a->style ? a->style : "gongwen");
  options->secrecy = g_strdup(a->secrecy ? a->secrecy : "");
  options->urgency = g_strdup(a->urgency ? a->urgency : "");
  options->report_to = g_strdup(a->report_to ? a->report_to : "");
  options->send_to = g_strdup(a->send_to ? a->send_to : "");
  options->distribute_to = g_strdup(a->distribute_to ? a->distribute_to : "");
  options->copies = a->copies;
}

/* Every section's chart as DIR/STEM.png, drawn on jobs threads; *n counts
 * them. Returns an exit code. */
static int write_charts(const jd_report *report, const char *dir, const char *size, int jobs,
                        size_t *n)
{
  GError *err = NULL;
  if (g_mkdir_with_parents(dir, 0755) != 0) {
    jd_cli_error("%s: cannot create the directory — check the path and permissions", dir);
    return JD_EXIT_OUTPUT;
  }
  size_t count = jd_report_get_section_count(report);
  jd_report_chart_job *job = g_new0(jd_report_chart_job, count ? count : 1);
  for (size_t i = 0; i < count; i++) {
    job[i].section = i;
    job[i].format = "png";
  }
  int code = JD_EXIT_OK;
  if (!jd_report_render_charts(report, size, job, count, jd_report_jobs(jobs), &err))
    code = jd_cli_fail(err, JD_EXIT_OUTPUT);
  for (size_t i = 0; code == JD_EXIT_OK && i < count; i++) {
    g_autofree char *name = g_strdup_printf("%s.png", jd_report_get_chart_stem(report, i));
    g_autofree char *path = g_build_filename(dir, name, NULL);
    gsize len;
    const void *data = g_bytes_get_data(job[i].data, &len);
    if (!jd_write_file_atomic(path, data, len, &err))
      code = jd_cli_fail(err, JD_EXIT_OUTPUT);
    else
      (*n)++;
  }
  for (size_t i = 0; i < count; i++) {
    if (job[i].data) g_bytes_unref(job[i].data);
    if (job[i].error) g_error_free(job[i].error);
  }
  g_free(job);
  return code;
}

/* The briefing PDF, then the charts on request. Returns an exit code. */
static int write_report(const jd_report *report, const report_args *a)
{
  GError *err = NULL;
  size_t pages = 0, n_charts = 0;
  jd_report_format format = JD_REPORT_PDF;
  jd_report_format_from_path(a->output, &format);
  GBytes *pdf = jd_report_render_as(report, format, &pages, &err);
  if (!pdf) return jd_cli_fail(err, JD_EXIT_OUTPUT);
  gsize len;
  const void *data = g_bytes_get_data(pdf, &len);
  gboolean ok = jd_write_file_atomic(a->output, data, len, &err);
  g_bytes_unref(pdf);
  if (!ok) return jd_cli_fail(err, JD_EXIT_OUTPUT);
  if (a->charts_dir) {
    int code = write_charts(report, a->charts_dir, a->chart_size, a->jobs, &n_charts);
    if (code != JD_EXIT_OK) return code;
  }
  g_autofree char *count = format == JD_REPORT_PDF    ? g_strdup_printf("%zu pages, ", pages)
                           : format == JD_REPORT_PPTX ? g_strdup_printf("%zu slides, ", pages)
                                                      : g_strdup("");
  size_t errors = jd_report_get_error_count(report);
  size_t warnings = jd_report_get_finding_count(report) - errors;
  fprintf(stderr,
          "jindu: wrote %s: %s%zu sections, %zu audit error%s, %zu warning%s, %zu sources%s\n",
          a->output, count, jd_report_get_section_count(report), errors, errors == 1 ? "" : "s",
          warnings, warnings == 1 ? "" : "s", jd_report_get_source_count(report),
          n_charts ? "; charts written" : "");
  g_autofree char *fonts = jd_report_get_font_substitutes(report);
  if (fonts)
    fprintf(stderr, "jindu: fonts: %s (the office's licensed faces in fonts/ are used when present)\n",
            fonts);
  return JD_EXIT_OK;
}

int jd_cmd_report(int argc, char **argv)
{
  report_args a = {0};
  int code = JD_EXIT_OK;
  GError *err = NULL;
  jd_figure_table *figures = NULL;
  jd_report *report = NULL;
  jd_encoding enc = JD_ENCODING_AUTO;
  jd_report_options options;
  jd_report_options_init(&options);
  GOptionContext *ctx = report_context(&a);
  if (!jd_cli_parse(ctx, &argc, &argv, &code)) goto out;
  code = check_args(&a, argc, &enc);
  if (code != JD_EXIT_OK) goto out;
  figures = jd_figure_table_new();
  code = load_inputs(argv + 1, argc - 1, a.overrides, enc, figures);
  if (code != JD_EXIT_OK) goto out;
  if ((code = jd_cli_resolve_names(JD_CATALOG_METRIC, &a.metrics, figures, "--metrics")) ||
      (code = jd_cli_resolve_names(JD_CATALOG_METRIC, &a.kpis, figures, "--kpis")) ||
      (code = jd_cli_resolve_names(JD_CATALOG_REGION, &a.region, figures, "--region")))
    goto out;
  fill_options(&options, &a);
  report = jd_report_new(figures, &options, &err);
  if (!report) {
    code = jd_cli_fail(err, JD_EXIT_INPUT);
    goto out;
  }
  code = write_report(report, &a);

out:
  jd_report_free(report);
  jd_figure_table_free(figures);
  jd_report_options_clear(&options);
  report_args_clear(&a);
  g_option_context_free(ctx);
  return code;
}
