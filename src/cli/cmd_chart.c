/* `jindu chart`: draws one chart from a figures table (or a --spec key file)
 * to PNG, PDF or SVG; the format follows the output's extension. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "jindu/analyze.h"
#include "jindu/chart.h"
#include "jindu/plot.h"

static gboolean in_list(const char *list, const char *v)
{
  if (!list || !*list) return TRUE;
  g_auto(GStrv) parts = g_strsplit(list, ";", -1);
  for (size_t i = 0; parts[i]; i++)
    if (strcmp(g_strstrip(parts[i]), v) == 0) return TRUE;
  return FALSE;
}

/* Replaces the chart's data with the analysis series of the selection (whole
 * years), which adds implied prior-year values (drawn hatched, 推算值) and,
 * for line charts, the trend line with its forecast band. Leaves the chart
 * as it is (data straight from the figures) when analysis has no series for
 * the selection. */
static void use_analysis(jd_chart *chart, const jd_figure_table *figures,
                         const jd_chart_select *sel, gboolean line, gboolean trend)
{
  GError *err = NULL;
  jd_analyze_options opt = JD_ANALYZE_OPTIONS_INIT;
  jd_analysis *a = jd_analyze(figures, &opt, &err);
  if (!a) {
    jd_cli_warning("analysis failed (%s); charting the stated figures only", err->message);
    g_error_free(err);
    return;
  }
  GPtrArray *picked = g_ptr_array_new();
  for (size_t i = 0; i < jd_analysis_get_series_count(a); i++) {
    const jd_series *s = jd_analysis_get_series(a, i);
    if (*s->period_class || s->n_points == 0) continue;
    if (s->kind != JD_KIND_LEVEL && s->kind != JD_KIND_RATE) continue;
    if (!in_list(sel->metric, s->metric)) continue;
    if (sel->region && *sel->region && !in_list(sel->region, s->region)) continue;
    if (sel->drug && *sel->drug) {
      if (!in_list(sel->drug, s->drug)) continue;
    } else if (*s->drug && strcmp(s->drug, "all") != 0) {
      continue;
    }
    g_ptr_array_add(picked, (gpointer)s);
  }
  /* the figures path also groups by one key; keep to the same series count
   * so that a selection mixing keys does not turn into a jumble */
  if (picked->len > 0 && picked->len <= jd_chart_get_series_count(chart) + 1) {
    if (!jd_plot_fill_from_series(chart, (const jd_series *const *)picked->pdata, NULL,
                                   picked->len, line && trend, &err)) {
      jd_cli_warning("%s; charting the stated figures only", err->message);
      g_clear_error(&err);
    }
  }
  g_ptr_array_unref(picked);
  jd_analysis_free(a);
}

static const char summary[] =
    "Draws a chart of the figures of one metric (or several) over periods,\n"
    "grouped by region, metric or drug. FIGURES is a CSV or JSON Lines figures\n"
    "table (from `jindu extract`); with --spec, FIGURES may be omitted when the\n"
    "spec lists its own [series].\n\n"
    "Types: bar, grouped-bar, hbar, line, stacked-bar, donut, kpi (default: line\n"
    "for five or more periods, grouped-bar for several series, else bar).\n"
    "Sizes: slide (1920×1080), slide@2x, slide-4x3 (1600×1200), a4-half, or WxH.\n"
    "Themes: default, dark, official, or a path to a theme .ini.\n\n"
    "Spec file ([chart] type title subtitle x_label y_label unit footnote theme size\n"
    "scale number_format decimals categories value_labels metric region drug\n"
    "group_by; [series NAME] values implied inferred qualifiers labels trend\n"
    "trend_lower trend_upper forecast_from trend_label):\n"
    "  [chart]\n  type=grouped-bar\n  title=2018—2019年主要指标\n  categories=破获案件;抓获嫌疑人\n"
    "  [series 2019年]\n  values=1480;1870\n  qualifiers=exact;more_than\n";

int jd_cmd_chart(int argc, char **argv)
{
  char *output = NULL, *metric = NULL, *region = NULL, *drug = NULL, *type = NULL;
  char *title = NULL, *subtitle = NULL, *size = NULL, *theme = NULL, *spec = NULL;
  char *footnote = NULL, *group_by = NULL, *x_label = NULL, *y_label = NULL;
  double scale = 0, dpi = 0;
  gboolean no_values = FALSE, no_trend = FALSE, stated_only = FALSE;
  int rc = JD_EXIT_OK;
  GError *err = NULL;
  jd_chart *chart = NULL;
  jd_figure_table *figures = NULL;
  jd_chart_select sel = {0};

  GOptionEntry entries[] = {
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "write the chart to OUT (.png .pdf .svg)", "OUT"},
      {"metric", 'm', 0, G_OPTION_ARG_STRING, &metric, "metric id(s), ';'-separated (cases_solved)", "ID"},
      {"region", 'r', 0, G_OPTION_ARG_STRING, &region, "only these regions, ';'-separated", "NAME"},
      {"drug", 'd', 0, G_OPTION_ARG_STRING, &drug, "only this drug (default: all drugs together)", "ID"},
      {"group-by", 0, 0, G_OPTION_ARG_STRING, &group_by, "series by region, metric or drug", "KEY"},
      {"type", 't', 0, G_OPTION_ARG_STRING, &type, "chart type (see above)", "TYPE"},
      {"title", 0, 0, G_OPTION_ARG_STRING, &title, "title (default: from the data)", "TEXT"},
      {"subtitle", 0, 0, G_OPTION_ARG_STRING, &subtitle, "subtitle", "TEXT"},
      {"x-label", 0, 0, G_OPTION_ARG_STRING, &x_label, "x axis label with unit", "TEXT"},
      {"y-label", 0, 0, G_OPTION_ARG_STRING, &y_label, "y axis label with unit", "TEXT"},
      {"footnote", 0, 0, G_OPTION_ARG_STRING, &footnote, "source footnote (default: the documents)", "TEXT"},
      {"size", 's', 0, G_OPTION_ARG_STRING, &size, "slide, slide@2x, slide-4x3, a4-half or WxH", "PRESET"},
      {"preset", 0, 0, G_OPTION_ARG_STRING, &size, "same as --size", "PRESET"},
      {"scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, "PNG pixels per point (default 2)", "S"},
      {"dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, "PNG resolution (scale = DPI/72)", "DPI"},
      {"theme", 0, 0, G_OPTION_ARG_STRING, &theme, "default, dark, official or a .ini path", "NAME"},
      {"spec", 0, 0, G_OPTION_ARG_FILENAME, &spec, "chart spec key file (INI)", "FILE"},
      {"no-values", 0, 0, G_OPTION_ARG_NONE, &no_values, "no value labels", NULL},
      {"no-trend", 0, 0, G_OPTION_ARG_NONE, &no_trend, "line charts: no trend line or forecast", NULL},
      {"stated-only", 0, 0, G_OPTION_ARG_NONE, &stated_only,
       "only stated figures (no implied values from analysis)", NULL},
      {NULL, 0, 0, 0, NULL, NULL, NULL},
  };
  GOptionContext *ctx = g_option_context_new("[FIGURES.csv] -o OUT.{png,pdf,svg}");
  g_option_context_set_summary(ctx, summary);
  g_option_context_add_main_entries(ctx, entries, NULL);
  if (!jd_cli_parse(ctx, &argc, &argv, &rc)) goto out;

  if (!output) {
    jd_cli_error("chart: no output — pass -o OUT.png (or .pdf, .svg)");
    rc = JD_EXIT_USAGE;
    goto out;
  }
  jd_chart_format fmt;
  if (!jd_chart_format_from_path(output, &fmt, &err)) {
    rc = jd_cli_fail(err, JD_EXIT_USAGE);
    goto out;
  }
  if (argc > 2) {
    jd_cli_error("chart: one figures table at a time (got %d) — merge them with `jindu extract`",
                 argc - 1);
    rc = JD_EXIT_USAGE;
    goto out;
  }
  if (argc < 2 && !spec) {
    jd_cli_error("chart: no figures table — pass FIGURES.csv (or --spec FILE)");
    rc = JD_EXIT_USAGE;
    goto out;
  }
  if (scale < 0 || dpi < 0 || (dpi > 0 && scale > 0)) {
    jd_cli_error("chart: give either --scale or --dpi, positive");
    rc = JD_EXIT_USAGE;
    goto out;
  }
  if (dpi > 0) scale = dpi / 72.0;

  if (spec) {
    chart = jd_chart_load_spec(spec, &sel, &err);
    if (!chart) {
      rc = jd_cli_fail(err, JD_EXIT_INPUT);
      goto out;
    }
  } else {
    chart = jd_chart_new(JD_CHART_BAR);
  }
  /* command-line options override the spec */
  if (metric) g_free(sel.metric), sel.metric = g_strdup(metric);
  if (region) g_free(sel.region), sel.region = g_strdup(region);
  if (drug) g_free(sel.drug), sel.drug = g_strdup(drug);
  if (group_by) {
    if (strcmp(group_by, "region") && strcmp(group_by, "metric") && strcmp(group_by, "drug")) {
      jd_cli_error("chart: --group-by must be region, metric or drug, not '%s'", group_by);
      rc = JD_EXIT_USAGE;
      goto out;
    }
    g_free(sel.group_by), sel.group_by = g_strdup(group_by);
  }
  if (title) jd_chart_set_title(chart, title);
  if (subtitle) jd_chart_set_subtitle(chart, subtitle);
  if (footnote) jd_chart_set_footnote(chart, footnote);
  if (x_label || y_label) jd_chart_set_axis_labels(chart, x_label, y_label);
  if (no_values) jd_chart_set_value_labels(chart, FALSE);
  if ((size || scale > 0) && !jd_chart_set_size_preset(chart, size, scale, &err)) {
    rc = jd_cli_fail(err, JD_EXIT_USAGE);
    goto out;
  }
  if (theme && !jd_chart_set_theme_name(chart, theme, &err)) {
    rc = jd_cli_fail(err, JD_EXIT_INPUT);
    goto out;
  }
  if (argc == 2) {
    figures = jd_figure_table_new();
    if (!jd_figure_table_read_file(figures, argv[1], &err)) {
      rc = jd_cli_fail(err, JD_EXIT_INPUT);
      goto out;
    }
    if (!sel.metric) {
      jd_cli_error("chart: no metric — pass --metric ID (e.g. cases_solved), or metric= in the spec");
      rc = JD_EXIT_USAGE;
      goto out;
    }
    if (!jd_plot_fill_from_figures(chart, figures, &sel, &err)) {
      g_prefix_error(&err, "%s: ", argv[1]);
      rc = jd_cli_fail(err, JD_EXIT_INPUT);
      goto out;
    }
    if (!stated_only) {
      jd_chart_type t = JD_CHART_BAR;
      gboolean line = type ? jd_chart_type_from_string(type, &t) && t == JD_CHART_LINE
                           : jd_chart_get_category_count(chart) >= 5;
      if (!type && spec) line = jd_chart_get_type(chart) == JD_CHART_LINE;
      use_analysis(chart, figures, &sel, line, !no_trend);
    }
  }
  if (type) {
    jd_chart_type t;
    if (!jd_chart_type_from_string(type, &t)) {
      jd_cli_error("chart: unknown --type '%s' — use bar, grouped-bar, hbar, line, stacked-bar, "
                   "donut or kpi", type);
      rc = JD_EXIT_USAGE;
      goto out;
    }
    jd_chart_set_type(chart, t);
  } else if (!spec || argc == 2) {
    size_t ncat = jd_chart_get_category_count(chart), nser = jd_chart_get_series_count(chart);
    if (!spec || jd_chart_get_type(chart) == JD_CHART_BAR)
      jd_chart_set_type(chart, ncat >= 5 ? JD_CHART_LINE
                               : nser > 1 ? JD_CHART_GROUPED_BAR
                                          : JD_CHART_BAR);
  }
  if (!jd_chart_render_file(chart, output, &err)) {
    int code = err->domain == JD_CHART_ERROR && err->code == JD_CHART_ERROR_IO ? JD_EXIT_OUTPUT
                                                                               : JD_EXIT_INPUT;
    rc = jd_cli_fail(err, code);
    goto out;
  }
out:
  jd_chart_select_clear(&sel);
  jd_chart_free(chart);
  jd_figure_table_free(figures);
  g_option_context_free(ctx);
  g_free(output);
  g_free(metric);
  g_free(region);
  g_free(drug);
  g_free(type);
  g_free(title);
  g_free(subtitle);
  g_free(size);
  g_free(theme);
  g_free(spec);
  g_free(footnote);
  g_free(group_by);
  g_free(x_label);
  g_free(y_label);
  return rc;
}
