/* The report's charts: one per metric section (bars, or a line with its
 * fitted trend when there are three or more periods) and the KPI cards of
 * the summary page, built from the report model through chart.h; and the
 * chart files (PNG/SVG/PDF) written beside the briefing. */
#include <math.h>
#include <string.h>

#include "jindu/chart.h"
#include "jindu/plot.h"
#include "report/report-private.h"

static gboolean apply_theme(jd_chart *c, const jd_report *r, GError **error)
{
  const char *theme = r->options.theme && *r->options.theme ? r->options.theme : "default";
  return jd_chart_set_theme_name(c, theme, error);
}

double jd_report_chart_height(const jd_report_section *s, double width_pt, double max_pt)
{
  double h = width_pt * (s->points->len <= 2 ? 0.40 : 0.52);
  /* a row of about 13 points per region (the text sized for a 471-point
   * width), and the title, axis and footnote */
  if (s->compare) h = fmax(h, (s->points->len * 13.0 + 110) * width_pt / 471.0);
  return fmin(h, max_pt);
}

/* The Wilson intervals of a rate's points, when any is known. */
static void set_intervals(jd_chart *c, const jd_report_section *s)
{
  size_t n = s->points->len;
  gboolean any = FALSE;
  double *lo = g_new(double, n), *hi = g_new(double, n);
  for (size_t i = 0; i < n; i++) {
    const jd_report_point *p = s->points->pdata[i];
    lo[i] = p->ci_lo;
    hi[i] = p->ci_hi;
    any |= !isnan(p->ci_lo);
  }
  if (any) jd_chart_set_intervals(c, 0, lo, hi, n, "95%置信区间（Wilson）");
  g_free(lo);
  g_free(hi);
}

/* A comparison across regions: the ranking `jindu chart --compare region`
 * draws (plot.h), in the section's display unit. */
static jd_chart *comparison_chart(const jd_report_section *s, jd_chart *c)
{
  size_t n = s->points->len;
  const char **names = g_new(const char *, n);
  double *values = g_new(double, n);
  jd_qualifier *quals = g_new(jd_qualifier, n);
  for (size_t i = 0; i < n; i++) {
    const jd_report_point *p = s->points->pdata[i];
    names[i] = p->label;
    values[i] = p->value / s->scale;
    quals[i] = p->qualifier;
  }
  const jd_report_point *p0 = s->points->pdata[0];
  jd_plot_ranking_chart(c, s->metric, p0->period, names, values, quals, n, s->parent,
                        s->parent_value / s->scale, s->unit_id);
  jd_chart_set_series_unit(c, 0, s->unit);
  jd_chart_set_axis_labels(c, "", s->unit);
  jd_chart_set_unit(c, s->unit);
  jd_chart_set_footnote(c, s->footnote);
  jd_chart_set_name(c, s->stem);
  for (size_t i = 0; i < n; i++) {
    const jd_report_point *p = s->points->pdata[i];
    g_autofree char *label = jd_report_format_value(p->value, p->qualifier, "", s->scale, s->percent);
    jd_chart_set_point_label(c, 0, i, label);
  }
  set_intervals(c, s);
  g_free(names);
  g_free(values);
  g_free(quals);
  return c;
}

jd_chart *jd_report_section_chart(const jd_report *r, const jd_report_section *s, GError **error)
{
  size_t n = s->points->len;
  gboolean line = s->has_fit;
  jd_chart *c = jd_chart_new(line ? JD_CHART_LINE : JD_CHART_BAR);
  if (!apply_theme(c, r, error)) {
    jd_chart_free(c);
    return NULL;
  }
  if (s->compare) return comparison_chart(s, c);
  g_autofree char *title = g_strdup_printf("%s%s", s->region, s->title);
  jd_chart_set_title(c, title);
  jd_chart_set_name(c, s->stem);
  if (n > 1) {
    const jd_report_point *a = s->points->pdata[0], *b = s->points->pdata[n - 1];
    g_autofree char *sub = g_strdup_printf("%s—%s", a->label, b->label);
    jd_chart_set_subtitle(c, sub);
  }
  jd_chart_set_axis_labels(c, "", s->unit);
  jd_chart_set_unit(c, s->unit);
  jd_chart_set_footnote(c, s->footnote);
  jd_chart_set_number_format(c, s->percent ? JD_NUMBER_PERCENT : JD_NUMBER_AUTO, -1);
  if (s->percent) {
    /* a rate on 0–100%, with its target (data/lexicon/targets.tsv) */
    jd_chart_set_value_range(c, 0, 100);
    const char *label = NULL;
    double target = jd_plot_metric_target(s->metric, &label);
    if (!isnan(target)) jd_chart_add_reference_line(c, target, label);
  }
  double *values = g_new(double, n);
  for (size_t i = 0; i < n; i++) {
    const jd_report_point *p = s->points->pdata[i];
    jd_chart_add_category(c, p->label);
    values[i] = p->value / s->scale;
  }
  jd_chart_add_series(c, s->title, values, n);
  for (size_t i = 0; i < n; i++) {
    const jd_report_point *p = s->points->pdata[i];
    if (p->implied) jd_chart_set_point_flags(c, 0, i, JD_CHART_POINT_IMPLIED);
    jd_chart_set_point_qualifier(c, 0, i, p->qualifier);
    /* the numbers read as in the text beside the chart (10960, not 10,960) */
    g_autofree char *label = jd_report_format_value(p->value, p->qualifier, "", s->scale, s->percent);
    jd_chart_set_point_label(c, 0, i, label);
  }
  if (s->percent) set_intervals(c, s);
  if (line && s->fitted) {
    double *fitted = g_new(double, n);
    for (size_t i = 0; i < n; i++) fitted[i] = s->fitted[i] / s->scale;
    jd_chart_set_trend(c, 0, fitted, NULL, NULL, n, n, "线性趋势");
    g_free(fitted);
  }
  g_free(values);
  return c;
}

jd_chart *jd_report_kpi_chart(const jd_report *r, const jd_report_kpi *k, GError **error)
{
  jd_chart *c = jd_chart_new(JD_CHART_KPI);
  if (!apply_theme(c, r, error)) {
    jd_chart_free(c);
    return NULL;
  }
  jd_chart_set_title(c, k->title);
  jd_chart_set_subtitle(c, k->caption);
  jd_chart_set_name(c, k->metric);
  jd_chart_set_unit(c, k->percent ? "" : k->unit); /* the number already ends in % */
  jd_chart_set_number_format(c, k->percent ? JD_NUMBER_PERCENT : JD_NUMBER_AUTO, -1);
  size_t n = k->points->len;
  double *values = g_new(double, n);
  for (size_t i = 0; i < n; i++) {
    const jd_report_point *p = k->points->pdata[i];
    jd_chart_add_category(c, p->label);
    values[i] = p->value / k->scale;
  }
  jd_chart_add_series(c, k->title, values, n);
  for (size_t i = 0; i < n; i++) {
    const jd_report_point *p = k->points->pdata[i];
    if (p->implied) jd_chart_set_point_flags(c, 0, i, JD_CHART_POINT_IMPLIED);
    jd_chart_set_point_qualifier(c, 0, i, p->qualifier);
    g_autofree char *label = jd_report_format_value(p->value, p->qualifier, "", k->scale, k->percent);
    jd_chart_set_point_label(c, 0, i, label);
  }
  g_free(values);
  jd_chart_change how = k->change_kind == JD_KIND_CHANGE_PP    ? JD_CHART_CHANGE_PP
                        : k->change_kind == JD_KIND_CHANGE_ABS ? JD_CHART_CHANGE_ABS
                                                               : JD_CHART_CHANGE_PCT;
  /* a computed change at the figures' precision, and said to be computed */
  int decimals = k->change_stated || k->digits >= 3 ? 1 : 0;
  g_autofree char *label = k->change_stated || isnan(k->change)
                               ? g_strdup(k->change_label)
                               : g_strdup_printf("%s（推算）", k->change_label);
  jd_chart_set_kpi_change(c, k->change, how, decimals, label);
  return c;
}

/* Section i's chart at a size preset, and its format from a name. */
static jd_chart *sized_chart(const jd_report *r, size_t i, const char *format,
                             const char *size_preset, jd_chart_format *f, GError **error)
{
  *f = JD_CHART_PNG;
  if (format && strcmp(format, "svg") == 0)
    *f = JD_CHART_SVG;
  else if (format && strcmp(format, "pdf") == 0)
    *f = JD_CHART_PDF;
  else if (format && strcmp(format, "png") != 0) {
    g_set_error(error, JD_REPORT_ERROR, JD_REPORT_ERROR_INVALID,
                "chart format '%s' is not known — use png, svg or pdf", format);
    return NULL;
  }
  jd_chart *c = jd_report_section_chart(r, r->sections->pdata[i], error);
  if (c && !jd_chart_set_size_preset(c, size_preset && *size_preset ? size_preset : "slide", 0,
                                     error)) {
    jd_chart_free(c);
    return NULL;
  }
  if (c) {
    /* a ranking of many regions: the text a size smaller for its rows */
    jd_chart_size sz = jd_chart_get_size(c);
    double want = jd_report_chart_height(r->sections->pdata[i], sz.width, INFINITY);
    if (want > sz.height) jd_chart_set_font_scale(c, sz.height / want);
  }
  return c;
}

GBytes *jd_report_render_chart(const jd_report *r, size_t i, const char *format,
                               const char *size_preset, GError **error)
{
  g_return_val_if_fail(i < r->sections->len, NULL);
  jd_chart_format f;
  jd_chart *c = sized_chart(r, i, format, size_preset, &f, error);
  if (!c) return NULL;
  GBytes *out = jd_chart_render_bytes(c, f, error);
  jd_chart_free(c);
  return out;
}

char *jd_report_chart_digest(const jd_report *r, size_t i, const char *format,
                             const char *size_preset, GError **error)
{
  g_return_val_if_fail(i < r->sections->len, NULL);
  jd_chart_format f;
  jd_chart *c = sized_chart(r, i, format, size_preset, &f, error);
  if (!c) return NULL;
  char *d = jd_chart_digest(c, f);
  jd_chart_free(c);
  return d;
}
