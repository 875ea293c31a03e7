/* `jindu report`: a briefing PDF from figure tables or documents, with the
 * chart PNGs beside it on request. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "jindu/build.h"
#include "jindu/report.h"
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

int jd_cmd_report(int argc, char **argv)
{
  char *output = NULL, *title = NULL, *organisation = NULL, *date = NULL, *region = NULL;
  char *metrics = NULL, *kpis = NULL, *theme = NULL, *charts_dir = NULL, *chart_size = NULL;
  char *author = NULL, *encoding = NULL;
  char **overrides = NULL;
  int issue = 0;
  int code = JD_EXIT_OK;
  GError *err = NULL;
  jd_figure_table *figures = NULL;
  jd_report *report = NULL;
  GBytes *pdf = NULL;
  GPtrArray *docs = NULL, *tables = NULL;
  jd_report_options options;
  jd_report_options_init(&options);
  GOptionEntry entries[] = {
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "the PDF to write (required)", "OUT.pdf"},
      {"title", 0, 0, G_OPTION_ARG_STRING, &title, "report name on the masthead (禁毒工作简报)", "TEXT"},
      {"issue", 0, 0, G_OPTION_ARG_INT, &issue, "issue number (第N期)", "N"},
      {"organisation", 0, 0, G_OPTION_ARG_STRING, &organisation, "issuing organisation", "TEXT"},
      {"author", 0, 0, G_OPTION_ARG_STRING, &author, "PDF author (default: the organisation)", "TEXT"},
      {"date", 0, 0, G_OPTION_ARG_STRING, &date,
       "date YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else none)", "DATE"},
      {"region", 0, 0, G_OPTION_ARG_STRING, &region, "region of the KPI cards (e.g. 全国)", "NAME"},
      {"metrics", 0, 0, G_OPTION_ARG_STRING, &metrics, "sections, metric ids separated by ';'", "LIST"},
      {"kpis", 0, 0, G_OPTION_ARG_STRING, &kpis, "KPI cards, metric ids separated by ';'", "LIST"},
      {"theme", 0, 0, G_OPTION_ARG_STRING, &theme, "chart theme: default, dark, official or a file", "NAME"},
      {"overrides", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &overrides,
       "curated corrections (figure CSV), applied last; repeatable", "FILE"},
      {"charts", 0, 0, G_OPTION_ARG_FILENAME, &charts_dir,
       "also write every chart as PNG into DIR (01-cases_solved.png, ...)", "DIR"},
      {"chart-size", 0, 0, G_OPTION_ARG_STRING, &chart_size, "size of chart PNGs (default slide)", "PRESET"},
      {"encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, "documents' encoding: auto, utf-8, gb18030", "ENC"},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  GOptionContext *ctx = g_option_context_new("FIGURES.csv|DOCUMENTS... -o OUT.pdf - compose a PDF briefing");
  g_option_context_set_summary(
      ctx, "Composes a multi-page A4 briefing (简报): masthead, KPI summary, one section per metric\n"
           "with chart and narrative, the audit appendix and the sources table.\n\n"
           "  jindu report figures.csv -o briefing.pdf\n"
           "  jindu report data/corpus --issue 3 --date 2023-06-30 -o b.pdf --charts charts/");
  g_option_context_add_main_entries(ctx, entries, NULL);
  if (!jd_cli_parse(ctx, &argc, &argv, &code)) goto out;
  if (!output) {
    jd_cli_error("no output — give the PDF to write with -o OUT.pdf");
    code = JD_EXIT_USAGE;
    goto out;
  }
  if (argc < 2) {
    jd_cli_error("no input — give a figures table (CSV/JSONL) or documents; see 'jindu report --help'");
    code = JD_EXIT_USAGE;
    goto out;
  }
  jd_encoding enc = JD_ENCODING_AUTO;
  if (encoding && !jd_encoding_from_string(encoding, &enc)) {
    jd_cli_error("--encoding '%s' is not known — use auto, utf-8 or gb18030", encoding);
    code = JD_EXIT_USAGE;
    goto out;
  }
  if (date) {
    if (!jd_report_parse_date(date, NULL, NULL, NULL)) {
      jd_cli_error("--date '%s' is not a date — write YYYY-MM-DD", date);
      code = JD_EXIT_USAGE;
      goto out;
    }
  } else if (g_getenv("SOURCE_DATE_EPOCH")) {
    gint64 secs = g_ascii_strtoll(g_getenv("SOURCE_DATE_EPOCH"), NULL, 10);
    GDateTime *dt = g_date_time_new_from_unix_utc(secs);
    if (dt) {
      date = g_date_time_format(dt, "%Y-%m-%d");
      g_date_time_unref(dt);
    }
  }

  /* Inputs: figure tables as they are, everything else as documents. */
  docs = g_ptr_array_new_with_free_func(g_free);
  tables = g_ptr_array_new_with_free_func(g_free);
  for (int i = 1; i < argc; i++) {
    if (is_figure_table(argv[i])) {
      g_ptr_array_add(tables, g_strdup(argv[i]));
    } else {
      const char *one[] = {argv[i]};
      GPtrArray *found = jd_inputs_collect(one, 1, &err);
      if (!found) {
        code = jd_cli_fail(err, JD_EXIT_INPUT);
        goto out;
      }
      for (guint k = 0; k < found->len; k++) g_ptr_array_add(docs, g_strdup(found->pdata[k]));
      g_ptr_array_unref(found);
    }
  }
  g_ptr_array_add(tables, NULL);
  figures = jd_figure_table_new();
  if (!jd_build_load_figures((const char *const *)docs->pdata, docs->len,
                             (const char *const *)tables->pdata, (const char *const *)overrides,
                             enc, figures, &err)) {
    code = jd_cli_fail(err, JD_EXIT_INPUT);
    goto out;
  }

  if (title) {
    g_free(options.title);
    options.title = g_strdup(title);
  }
  options.issue = issue;
  options.organisation = g_strdup(organisation ? organisation : "");
  options.author = g_strdup(author ? author : "");
  options.date = date ? g_strdup(date) : NULL;
  options.region = g_strdup(region ? region : "");
  options.metrics = split_list(metrics);
  options.kpis = split_list(kpis);
  if (theme) {
    g_free(options.theme);
    options.theme = g_strdup(theme);
  }
  report = jd_report_new(figures, &options, &err);
  if (!report) {
    code = jd_cli_fail(err, JD_EXIT_INPUT);
    goto out;
  }
  size_t pages = 0;
  pdf = jd_report_render_pdf(report, &pages, &err);
  if (!pdf) {
    code = jd_cli_fail(err, JD_EXIT_OUTPUT);
    goto out;
  }
  gsize len;
  const void *data = g_bytes_get_data(pdf, &len);
  if (!jd_write_file_atomic(output, data, len, &err)) {
    code = jd_cli_fail(err, JD_EXIT_OUTPUT);
    goto out;
  }
  size_t n_charts = 0;
  if (charts_dir) {
    if (g_mkdir_with_parents(charts_dir, 0755) != 0) {
      jd_cli_error("%s: cannot create the directory — check the path and permissions", charts_dir);
      code = JD_EXIT_OUTPUT;
      goto out;
    }
    for (size_t i = 0; i < jd_report_get_section_count(report); i++) {
      GBytes *png = jd_report_render_chart(report, i, "png", chart_size, &err);
      if (!png) {
        code = jd_cli_fail(err, JD_EXIT_OUTPUT);
        goto out;
      }
      g_autofree char *name = g_strdup_printf("%s.png", jd_report_get_chart_stem(report, i));
      g_autofree char *path = g_build_filename(charts_dir, name, NULL);
      const void *pd = g_bytes_get_data(png, &len);
      gboolean ok = jd_write_file_atomic(path, pd, len, &err);
      g_bytes_unref(png);
      if (!ok) {
        code = jd_cli_fail(err, JD_EXIT_OUTPUT);
        goto out;
      }
      n_charts++;
    }
  }
  fprintf(stderr, "jindu: wrote %s: %zu pages, %zu sections, %zu audit warnings, %zu sources%s\n",
          output, pages, jd_report_get_section_count(report), jd_report_get_finding_count(report),
          jd_report_get_source_count(report), n_charts ? "; charts written" : "");

out:
  if (pdf) g_bytes_unref(pdf);
  jd_report_free(report);
  jd_figure_table_free(figures);
  if (docs) g_ptr_array_unref(docs);
  if (tables) g_ptr_array_unref(tables);
  jd_report_options_clear(&options);
  g_free(output);
  g_free(title);
  g_free(organisation);
  g_free(date);
  g_free(region);
  g_free(metrics);
  g_free(kpis);
  g_free(theme);
  g_free(charts_dir);
  g_free(chart_size);
  g_free(author);
  g_free(encoding);
  g_strfreev(overrides);
  g_option_context_free(ctx);
  return code;
}
