/* `jindu chart`: draws one chart from a figures table (or a --spec key file)
 * to PNG, PDF or SVG; the format follows the output's extension. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "names-option.h"
#include "jindu/analyze.h"
#include "jindu/chart.h"
#include "jindu/plot.h"
#include "util/atomic.h"

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
    if (strcmp(s->scope, sel->scope ? sel->scope : "") != 0) continue;
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
    "Types: bar, grouped-bar, hbar, line, stacked-bar, donut, kpi, heatmap, panels\n"
    "(default: line for five or more periods, grouped-bar for several series,\n"
    "else bar). --compare region: one metric across regions — a ranking (hbar)\n"
    "with the parent region as a reference line; --type heatmap for region ×\n"
    "period, --type panels for small multiples on one scale.\n"
    "Sizes: slide (1920×1080), slide@2x, slide-4x3 (1600×1200), a4-half, or WxH.\n"
    "Themes: default, dark, official, or a path to a theme .ini.\n\n"
    "Spec file ([chart] type title subtitle x_label y_label unit footnote theme size\n"
    "scale number_format decimals categories value_labels metric region drug\n"
    "group_by scope period compare range target target_label; [series NAME]\n"
    "values implied inferred qualifiers labels trend trend_lower trend_upper\n"
    "forecast_from trend_label unit numerators denominators):\n"
    "  [chart]\n  type=grouped-bar\n  title=2018—2019年主要指标\n  categories=破获案件;抓获嫌疑人\n"
    "  [series 2019年]\n  values=1480;1870\n  qualifiers=exact;more_than\n";

/* The command line of `jindu chart`, as parsed. */
typedef struct {
  char *output, *metric, *region, *drug, *type, *title, *subtitle, *size, *theme, *spec;
  char *footnote, *group_by, *x_label, *y_label, *scope, *period, *compare;
  double scale, dpi;
  gboolean no_values, no_trend, stated_only;
  gboolean svg_outlines;
} chart_args;

static void chart_args_clear(chart_args *a)
{
  g_free(a->output);
  g_free(a->metric);
  g_free(a->region);
  g_free(a->drug);
  g_free(a->type);
  g_free(a->title);
  g_free(a->subtitle);
  g_free(a->size);
  g_free(a->theme);
  g_free(a->spec);
  g_free(a->footnote);
  g_free(a->group_by);
  g_free(a->scope);
  g_free(a->period);
  g_free(a->compare);
  g_free(a->x_label);
  g_free(a->y_label);
}

/* Reads the options into a; FALSE (message printed, *rc set) on a bad command line. */
static gboolean parse_args(chart_args *a, int *argc, char ***argv, int *rc)
{
  GOptionEntry entries[] = {
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &a->output, "write the chart to OUT (.png .pdf .svg)", "OUT"},
      {"metric", 'm', 0, G_OPTION_ARG_STRING, &a->metric, "metric id(s), ';'-separated (cases_solved)", "ID"},
      {"region", 'r', 0, G_OPTION_ARG_STRING, &a->region, "only these regions, ';'-separated", "NAME"},
      {"drug", 'd', 0, G_OPTION_ARG_STRING, &a->drug, "only this drug (default: all drugs together)", "ID"},
      {"group-by", 0, 0, G_OPTION_ARG_STRING, &a->group_by, "series by region, metric or drug", "KEY"},
      {"scope", 0, 0, G_OPTION_ARG_STRING, &a->scope, "draw the part with this scope (团伙, 公开查缉…; default: the whole)", "WORDS"},
      {"compare", 0, 0, G_OPTION_ARG_STRING, &a->compare, "region: one metric across the regions that report it (ranking; --type heatmap or panels)", "KEY"},
      {"period", 0, 0, G_OPTION_ARG_STRING, &a->period, "donut: the one period of the parts (2019, 2019-H1; default: the latest)", "ID"},
      {"type", 't', 0, G_OPTION_ARG_STRING, &a->type, "chart type (see above)", "TYPE"},
      {"title", 0, 0, G_OPTION_ARG_STRING, &a->title, "title (default: from the data)", "TEXT"},
      {"subtitle", 0, 0, G_OPTION_ARG_STRING, &a->subtitle, "subtitle", "TEXT"},
      {"x-label", 0, 0, G_OPTION_ARG_STRING, &a->x_label, "x axis label with unit", "TEXT"},
      {"y-label", 0, 0, G_OPTION_ARG_STRING, &a->y_label, "y axis label with unit", "TEXT"},
      {"footnote", 0, 0, G_OPTION_ARG_STRING, &a->footnote, "source footnote (default: the documents)", "TEXT"},
      {"size", 's', 0, G_OPTION_ARG_STRING, &a->size, "slide, slide@2x, slide-4x3, a4-half or WxH", "PRESET"},
      {"preset", 0, 0, G_OPTION_ARG_STRING, &a->size, "same as --size", "PRESET"},
      {"scale", 0, 0, G_OPTION_ARG_DOUBLE, &a->scale, "PNG pixels per point (default 2)", "S"},
      {"dpi", 0, 0, G_OPTION_ARG_DOUBLE, &a->dpi, "PNG resolution (scale = DPI/72)", "DPI"},
      {"theme", 0, 0, G_OPTION_ARG_STRING, &a->theme, "default, dark, official or a .ini path", "NAME"},
      {"spec", 0, 0, G_OPTION_ARG_FILENAME, &a->spec, "chart spec key file (INI)", "FILE"},
      {"no-values", 0, 0, G_OPTION_ARG_NONE, &a->no_values, "no value labels", NULL},
      {"svg-outlines", 0, 0, G_OPTION_ARG_NONE, &a->svg_outlines,
       "SVG: text as glyph outlines (exact look) instead of editable <text>", NULL},
      {"no-trend", 0, 0, G_OPTION_ARG_NONE, &a->no_trend, "line charts: no trend line or forecast", NULL},
      {"stated-only", 0, 0, G_OPTION_ARG_NONE, &a->stated_only,
       "only stated figures (no implied values from analysis)", NULL},
      {NULL, 0, 0, 0, NULL, NULL, NULL},
  };
  GOptionContext *ctx = g_option_context_new("[FIGURES.csv] -o OUT.{png,pdf,svg}");
  g_option_context_set_summary(ctx, summary);
  g_option_context_add_main_entries(ctx, entries, NULL);
  gboolean ok = jd_cli_parse(ctx, argc, argv, rc);
  g_option_context_free(ctx);
  return ok;
}

/* The checks on the command line as a whole (nfiles figures tables given);
 * turns --dpi into a scale. Returns JD_EXIT_OK, else prints why and returns
 * the exit code. */
static int check_args(chart_args *a, int nfiles)
{
  GError *err = NULL;
  if (!a->output) {
    jd_cli_error("chart: no output — pass -o OUT.png (or .pdf, .svg)");
    return JD_EXIT_USAGE;
  }
  jd_chart_format fmt;
  if (!jd_chart_format_from_path(a->output, &fmt, &err)) return jd_cli_fail(err, JD_EXIT_USAGE);
  if (a->svg_outlines && fmt != JD_CHART_SVG) {
    jd_cli_error("chart: --svg-outlines applies to SVG — name the output .svg");
    return JD_EXIT_USAGE;
  }
  if (nfiles > 1) {
    jd_cli_error("chart: one figures table at a time (got %d) — merge them with `jindu extract`",
                 nfiles);
    return JD_EXIT_USAGE;
  }
  if (nfiles < 1 && !a->spec) {
    jd_cli_error("chart: no figures table — pass FIGURES.csv (or --spec FILE)");
    return JD_EXIT_USAGE;
  }
  if (a->scale < 0 || a->dpi < 0 || (a->dpi > 0 && a->scale > 0)) {
    jd_cli_error("chart: give either --scale or --dpi, positive");
    return JD_EXIT_USAGE;
  }
  if (a->dpi > 0) a->scale = a->dpi / 72.0;
  return JD_EXIT_OK;
}

/* The chart of --spec (or an empty bar chart) with the command-line options
 * laid over it, and the selection in *sel. NULL (message printed, *rc set)
 * on an error. */
static jd_chart *make_chart(const chart_args *a, jd_chart_select *sel, int *rc)
{
  GError *err = NULL;
  jd_chart *chart = NULL;
  if (a->spec) {
    chart = jd_chart_load_spec(a->spec, sel, &err);
    if (!chart) {
      *rc = jd_cli_fail(err, JD_EXIT_INPUT);
      return NULL;
    }
  } else {
    chart = jd_chart_new(JD_CHART_BAR);
  }
  /* command-line options override the spec */
  if (a->metric) g_free(sel->metric), sel->metric = g_strdup(a->metric);
  if (a->region) g_free(sel->region), sel->region = g_strdup(a->region);
  if (a->drug) g_free(sel->drug), sel->drug = g_strdup(a->drug);
  if (a->scope) g_free(sel->scope), sel->scope = g_strdup(a->scope);
  if (a->period) g_free(sel->period), sel->period = g_strdup(a->period);
  if (a->compare) g_free(sel->compare), sel->compare = g_strdup(a->compare);
  if (sel->compare && strcmp(sel->compare, "region") != 0) {
    jd_cli_error("chart: --compare must be region, not '%s'", sel->compare);
    *rc = JD_EXIT_USAGE;
    goto fail;
  }
  if (a->group_by) {
    if (strcmp(a->group_by, "region") && strcmp(a->group_by, "metric") &&
        strcmp(a->group_by, "drug")) {
      jd_cli_error("chart: --group-by must be region, metric or drug, not '%s'", a->group_by);
      *rc = JD_EXIT_USAGE;
      goto fail;
    }
    g_free(sel->group_by), sel->group_by = g_strdup(a->group_by);
  }
  if (a->title) jd_chart_set_title(chart, a->title);
  if (a->subtitle) jd_chart_set_subtitle(chart, a->subtitle);
  if (a->footnote) jd_chart_set_footnote(chart, a->footnote);
  if (a->x_label || a->y_label) jd_chart_set_axis_labels(chart, a->x_label, a->y_label);
  if (a->no_values) jd_chart_set_value_labels(chart, FALSE);
  if ((a->size || a->scale > 0) && !jd_chart_set_size_preset(chart, a->size, a->scale, &err)) {
    *rc = jd_cli_fail(err, JD_EXIT_USAGE);
    goto fail;
  }
  if (a->theme && !jd_chart_set_theme_name(chart, a->theme, &err)) {
    *rc = jd_cli_fail(err, JD_EXIT_INPUT);
    goto fail;
  }
  return chart;
fail:
  jd_chart_free(chart);
  return NULL;
}

/* Fills the chart from the figures table at path (read into *figures, which
 * the caller frees), then from analysis unless --stated-only. Returns
 * JD_EXIT_OK, else prints why and returns the exit code. */
static int fill_from_table(jd_chart *chart, const char *path, jd_figure_table **figures,
                           const chart_args *a, jd_chart_select *sel)
{
  GError *err = NULL;
  *figures = jd_figure_table_new();
  if (!jd_figure_table_read_file(*figures, path, &err)) return jd_cli_fail(err, JD_EXIT_INPUT);
  int rc = jd_cli_resolve_names(JD_CATALOG_METRIC, &sel->metric, *figures, "--metric");
  if (rc == JD_EXIT_OK) rc = jd_cli_resolve_names(JD_CATALOG_REGION, &sel->region, *figures, "--region");
  if (rc == JD_EXIT_OK) rc = jd_cli_resolve_names(JD_CATALOG_DRUG, &sel->drug, *figures, "--drug");
  if (rc != JD_EXIT_OK) return rc;
  if (!sel->metric) {
    jd_cli_error("chart: no metric — pass --metric ID (e.g. cases_solved), or metric= in the spec");
    return JD_EXIT_USAGE;
  }
  /* the type decides what the data may be (a donut: parts of one whole) */
  jd_chart_type asked;
  if (a->type && jd_chart_type_from_string(a->type, &asked)) jd_chart_set_type(chart, asked);
  if (sel->compare) {
    if (!jd_plot_fill_compare_regions(chart, *figures, sel, &err)) {
      g_prefix_error(&err, "%s: ", path);
      return jd_cli_fail(err, JD_EXIT_INPUT);
    }
    return JD_EXIT_OK; /* the figures as stated: one period, or one span */
  }
  if (!jd_plot_fill_from_figures(chart, *figures, sel, &err)) {
    g_prefix_error(&err, "%s: ", path);
    return jd_cli_fail(err, JD_EXIT_INPUT);
  }
  if (!a->stated_only && jd_chart_get_type(chart) != JD_CHART_DONUT) {
    jd_chart_type t = JD_CHART_BAR;
    gboolean line = a->type ? jd_chart_type_from_string(a->type, &t) && t == JD_CHART_LINE
                            : jd_chart_get_category_count(chart) >= 5;
    if (!a->type && a->spec) line = jd_chart_get_type(chart) == JD_CHART_LINE;
    use_analysis(chart, *figures, sel, line, !a->no_trend);
  }
  return JD_EXIT_OK;
}

/* The chart type: --type, else (for charts of a figures table, and specs
 * that leave the default) line for five or more periods, grouped bars for
 * several series, else bars. FALSE (message printed) on an unknown --type. */
static gboolean choose_type(jd_chart *chart, const chart_args *a, gboolean from_table,
                            gboolean compare)
{
  if (a->type) {
    jd_chart_type t;
    if (!jd_chart_type_from_string(a->type, &t)) {
      jd_cli_error("chart: unknown --type '%s' — use bar, grouped-bar, hbar, line, stacked-bar, "
                   "donut, kpi, heatmap or panels", a->type);
      return FALSE;
    }
    jd_chart_set_type(chart, t);
  } else if (!compare && (!a->spec || from_table)) {
    size_t ncat = jd_chart_get_category_count(chart), nser = jd_chart_get_series_count(chart);
    if (!a->spec || jd_chart_get_type(chart) == JD_CHART_BAR)
      jd_chart_set_type(chart, ncat >= 5 ? JD_CHART_LINE
                               : nser > 1 ? JD_CHART_GROUPED_BAR
                                          : JD_CHART_BAR);
  }
  return TRUE;
}

/* The chart as SVG with its text as outlines, written atomically. */
static gboolean write_outlines(const jd_chart *chart, const char *path, GError **error)
{
  GBytes *b = jd_chart_render_bytes(chart, JD_CHART_SVG_OUTLINES, error);
  if (!b) return FALSE;
  gsize len;
  const void *data = g_bytes_get_data(b, &len);
  GError *err = NULL;
  gboolean ok = jd_atomic_write(path, data, len, &err);
  g_bytes_unref(b);
  if (!ok) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_IO,
                "%s: cannot write the chart: %s — check that the directory exists and is writable",
                path, err->message);
    g_error_free(err);
  }
  return ok;
}

int jd_cmd_chart(int argc, char **argv)
{
  chart_args a = {0};
  int rc = JD_EXIT_OK;
  GError *err = NULL;
  jd_chart *chart = NULL;
  jd_figure_table *figures = NULL;
  jd_chart_select sel = {0};

  if (!parse_args(&a, &argc, &argv, &rc)) goto out;
  if ((rc = check_args(&a, argc - 1)) != JD_EXIT_OK) goto out;
  if (!(chart = make_chart(&a, &sel, &rc))) goto out;
  if (argc == 2 && (rc = fill_from_table(chart, argv[1], &figures, &a, &sel)) != JD_EXIT_OK)
    goto out;
  if (!choose_type(chart, &a, argc == 2, sel.compare != NULL)) {
    rc = JD_EXIT_USAGE;
    goto out;
  }
  if (a.svg_outlines ? !write_outlines(chart, a.output, &err)
                     : !jd_chart_render_file(chart, a.output, &err)) {
    int code = err->domain == JD_CHART_ERROR && err->code == JD_CHART_ERROR_IO ? JD_EXIT_OUTPUT
                                                                               : JD_EXIT_INPUT;
    rc = jd_cli_fail(err, code);
    goto out;
  }
out:
  jd_chart_select_clear(&sel);
  jd_chart_free(chart);
  jd_figure_table_free(figures);
  chart_args_clear(&a);
  return rc;
}
