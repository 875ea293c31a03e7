/* The adapter from the pipeline's data to chart data: a figures table
 * (period × region/metric/drug) or analysis series with implied points,
 * trends and forecasts become a jd_chart's categories and series, named in
 * Chinese (periods, metrics, units). The chart itself knows nothing of
 * figures or analysis; this is the one place that knows both. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "jindu/analyze.h"
#include "jindu/chart.h"
#include "jindu/names.h"
#include "jindu/period.h"
#include "jindu/jindu.h"
#include "jindu/plot.h"
#include "jindu/report.h"

/* ---- periods and metric names ---- */

/* "2019" -> "2019年" and so on (names.h); NULL -> "". */
char *jd_plot_period_label(const char *p) { return p ? jd_period_label(p) : g_strdup(""); }

/* The name the briefing and the audit use (names.h), so a chart's title
 * reads as the text beside it (every metric of data/lexicon/metrics.tsv has
 * one). Interned: valid for the life of the process. */
static const char *metric_name(const char *id)
{
  g_autofree char *name = jd_metric_name(id);
  return g_intern_string(name);
}

/* ---- selection ---- */

static gboolean in_list(const char *list, const char *v)
{
  if (!list || !*list) return TRUE;
  g_auto(GStrv) parts = g_strsplit(list, ";", -1);
  for (size_t i = 0; parts[i]; i++)
    if (strcmp(g_strstrip(parts[i]), v) == 0) return TRUE;
  return FALSE;
}

static int count_distinct(GPtrArray *rows, size_t offset)
{
  GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < rows->len; i++) {
    const jd_figure *f = g_ptr_array_index(rows, i);
    g_hash_table_add(h, *(char **)(void *)((char *)f + offset));
  }
  int n = (int)g_hash_table_size(h);
  g_hash_table_unref(h);
  return n;
}

static int cmp_str(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The table's level and rate figures of the selection with a known period,
 * in table order (borrowed from t). */
static GPtrArray *select_rows(const jd_figure_table *t, const jd_chart_select *sel)
{
  GPtrArray *rows = g_ptr_array_new();
  size_t n = jd_figure_table_get_count(t);
  for (size_t i = 0; i < n; i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    if (!in_list(sel->metric, f->metric)) continue;
    if (sel->region && *sel->region && !in_list(sel->region, f->region)) continue;
    if (sel->drug && *sel->drug) {
      if (!in_list(sel->drug, f->drug)) continue;
    } else if (*f->drug && strcmp(f->drug, "all") != 0) {
      continue;
    }
    if (f->kind != JD_KIND_LEVEL && f->kind != JD_KIND_RATE) continue;
    /* a part (团伙, 公开查缉, 该案…) is drawn only when asked for by its scope */
    if (strcmp(f->scope, sel->scope ? sel->scope : "") != 0) continue;
    if (isnan(f->value) || strcmp(f->period, "unknown") == 0 || !*f->period) continue;
    g_ptr_array_add(rows, (gpointer)f);
  }
  return rows;
}

/* The grouping into series, as the offset of a jd_figure field: explicit,
 * else whatever varies (region, then metric, then drug). */
static size_t group_field(GPtrArray *rows, const char *by)
{
  size_t off = offsetof(jd_figure, region);
  if (by && strcmp(by, "metric") == 0) off = offsetof(jd_figure, metric);
  else if (by && strcmp(by, "drug") == 0) off = offsetof(jd_figure, drug);
  else if (!by || strcmp(by, "region") != 0) {
    if (count_distinct(rows, offsetof(jd_figure, region)) > 1) off = offsetof(jd_figure, region);
    else if (count_distinct(rows, offsetof(jd_figure, metric)) > 1) off = offsetof(jd_figure, metric);
    else if (count_distinct(rows, offsetof(jd_figure, drug)) > 1) off = offsetof(jd_figure, drug);
  }
  return off;
}

/* A unit mix (cases and persons) cannot share one axis unless grouped by
 * metric; percentages and counts never. */
static gboolean check_unit_mix(GPtrArray *rows, GError **error)
{
  const jd_figure *f0 = g_ptr_array_index(rows, 0);
  gboolean percent = strcmp(f0->unit, "percent") == 0;
  for (guint i = 1; i < rows->len; i++) {
    const jd_figure *f = g_ptr_array_index(rows, i);
    if ((strcmp(f->unit, "percent") == 0) != percent) {
      g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                  "the selection mixes percentages (%s) with counts (%s) — chart them separately",
                  percent ? f0->metric : f->metric, percent ? f->metric : f0->metric);
      return FALSE;
    }
  }
  return TRUE;
}

/* What the rows hold, each distinct (strings borrowed from the rows). */
typedef struct {
  GPtrArray *periods; /* in order: the chart's categories */
  GPtrArray *groups;  /* in order of first appearance: the series */
  GPtrArray *docs;    /* in name order: the footnote */
} row_keys;

static void row_keys_collect(row_keys *k, GPtrArray *rows, size_t off)
{
  k->periods = g_ptr_array_new();
  k->groups = g_ptr_array_new();
  k->docs = g_ptr_array_new();
  GHashTable *seen_p = g_hash_table_new(g_str_hash, g_str_equal);
  GHashTable *seen_g = g_hash_table_new(g_str_hash, g_str_equal);
  GHashTable *seen_d = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < rows->len; i++) {
    const jd_figure *f = g_ptr_array_index(rows, i);
    const char *g = *(char **)(void *)((char *)f + off);
    if (g_hash_table_add(seen_p, f->period)) g_ptr_array_add(k->periods, f->period);
    if (g_hash_table_add(seen_g, (gpointer)g)) g_ptr_array_add(k->groups, (gpointer)g);
    if (g_hash_table_add(seen_d, f->doc)) g_ptr_array_add(k->docs, f->doc);
  }
  g_ptr_array_sort(k->periods, cmp_str);
  g_ptr_array_sort(k->docs, cmp_str);
  g_hash_table_unref(seen_p);
  g_hash_table_unref(seen_g);
  g_hash_table_unref(seen_d);
}

static void row_keys_clear(row_keys *k)
{
  g_ptr_array_unref(k->periods);
  g_ptr_array_unref(k->groups);
  g_ptr_array_unref(k->docs);
}

/* The categories (period labels) and one series per group: the first
 * figure of each period, with its qualifier. */
static void add_data(jd_chart *c, GPtrArray *rows, size_t off, const row_keys *k)
{
  GPtrArray *periods = k->periods;
  jd_chart_clear_data(c);
  for (guint i = 0; i < periods->len; i++) {
    g_autofree char *l = jd_plot_period_label(g_ptr_array_index(periods, i));
    jd_chart_add_category(c, l);
  }
  double *vals = g_new(double, periods->len);
  for (guint g = 0; g < k->groups->len; g++) {
    const char *gname = g_ptr_array_index(k->groups, g);
    for (guint i = 0; i < periods->len; i++) vals[i] = NAN;
    jd_qualifier *quals = g_new0(jd_qualifier, periods->len);
    for (guint r = 0; r < rows->len; r++) {
      const jd_figure *f = g_ptr_array_index(rows, r);
      if (strcmp(*(char **)(void *)((char *)f + off), gname) != 0) continue;
      for (guint i = 0; i < periods->len; i++)
        if (strcmp(g_ptr_array_index(periods, i), f->period) == 0 && isnan(vals[i])) {
          vals[i] = f->value;
          quals[i] = f->qualifier;
        }
    }
    const char *display = off == offsetof(jd_figure, metric) ? metric_name(gname)
                          : *gname                           ? gname
                          : off == offsetof(jd_figure, drug) ? "全部毒品"
                                                             : "全部";
    size_t s = jd_chart_add_series(c, display, vals, periods->len);
    for (guint i = 0; i < periods->len; i++)
      if (quals[i] != JD_QUAL_EXACT) jd_chart_set_point_qualifier(c, s, i, quals[i]);
    g_free(quals);
  }
  g_free(vals);
}

/* The default title: the span of periods ("2016—2020年"), the region when
 * there is one, and the metric. The span reaches back to prior years that
 * changes in the table imply (analysis draws them). */
static void set_default_title(jd_chart *c, const jd_figure_table *t, const jd_chart_select *sel,
                              GPtrArray *rows, size_t off, const row_keys *k)
{
  const jd_figure *f0 = g_ptr_array_index(rows, 0);
  const char *p0 = g_ptr_array_index(k->periods, 0);
  const char *p1 = g_ptr_array_index(k->periods, k->periods->len - 1);
  size_t n = jd_figure_table_get_count(t);
  for (size_t i = 0; i < n; i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    if (f->kind != JD_KIND_CHANGE_PCT && f->kind != JD_KIND_CHANGE_ABS) continue;
    if (!in_list(sel->metric, f->metric) || !*f->base_period || strlen(f->base_period) != 4) continue;
    if (sel->region && *sel->region && !in_list(sel->region, f->region)) continue;
    if (strlen(p0) == 4 && strcmp(f->base_period, p0) < 0) p0 = f->base_period;
  }
  g_autofree char *first = jd_plot_period_label(p0);
  g_autofree char *last = jd_plot_period_label(p1);
  GString *title = g_string_new(NULL);
  if (strcmp(p0, p1) != 0) {
    /* "2016—2020年" when both are plain years */
    if (strlen(p0) == 4 && strlen(p1) == 4)
      g_string_append_printf(title, "%s—%s年", p0, p1);
    else
      g_string_append_printf(title, "%s至%s", first, last);
  } else {
    g_string_append(title, first);
  }
  if ((off != offsetof(jd_figure, region) || k->groups->len == 1) && *f0->region &&
      count_distinct(rows, offsetof(jd_figure, region)) == 1)
    g_string_append(title, f0->region);
  if (off == offsetof(jd_figure, metric)) g_string_append(title, "禁毒主要指标");
  else g_string_append(title, metric_name(f0->metric));
  jd_chart_set_title(c, title->str);
  g_string_free(title, TRUE);
}

/* The default footnote: "来源：" and the documents' file names, six at most. */
/* One span per axis: the rows of the span whole years have, else of the most
 * common span; the others are removed. Returns how many were removed. */
static guint keep_one_span(GPtrArray *rows)
{
  const char *keep = NULL;
  guint best = 0;
  for (guint i = 0; i < rows->len && (!keep || strcmp(keep, JD_SPAN_YEAR)); i++) {
    const jd_figure *f = g_ptr_array_index(rows, i);
    if (!strcmp(f->span, JD_SPAN_YEAR)) {
      keep = JD_SPAN_YEAR;
      break;
    }
    guint n = 0;
    for (guint j = 0; j < rows->len; j++)
      n += !strcmp(((const jd_figure *)g_ptr_array_index(rows, j))->span, f->span);
    if (n > best) {
      best = n;
      keep = f->span;
    }
  }
  guint dropped = 0;
  for (guint i = rows->len; i-- > 0;)
    if (strcmp(((const jd_figure *)g_ptr_array_index(rows, i))->span, keep) != 0) {
      g_ptr_array_remove_index(rows, i);
      dropped++;
    }
  return dropped;
}

static void set_default_footnote(jd_chart *c, GPtrArray *docs, guint other_spans)
{
  GString *fn = g_string_new("来源：");
  for (guint i = 0; i < docs->len; i++) {
    if (i == 6) {
      g_string_append_printf(fn, "等%u份文件", docs->len);
      break;
    }
    if (i) g_string_append(fn, "、");
    g_autofree char *base = g_path_get_basename(g_ptr_array_index(docs, i));
    g_string_append(fn, base);
  }
  /* said, never silent: the figures of another span are not on this axis */
  if (other_spans) g_string_append_printf(fn, "；另有%u项非同一时段口径（如1—5月、截至某月）的数据未列入", other_spans);
  jd_chart_set_footnote(c, fn->str);
  g_string_free(fn, TRUE);
}

gboolean jd_plot_fill_from_figures(jd_chart *c, const jd_figure_table *t,
                                    const jd_chart_select *sel, GError **error)
{
  if (!sel || !sel->metric || !*sel->metric) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "no metric selected — pass --metric (e.g. --metric cases_solved)");
    return FALSE;
  }
  GPtrArray *rows = select_rows(t, sel);
  gboolean ok = FALSE;
  if (rows->len == 0) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "no level figures for metric '%s'%s%s%s%s with a known period — check --metric, "
                "--region and --drug against the figures table", sel->metric,
                sel->region && *sel->region ? " in region '" : "",
                sel->region && *sel->region ? sel->region : "", sel->region && *sel->region ? "'" : "",
                sel->drug && *sel->drug ? " (drug filter set)" : "");
    goto out;
  }
  guint other_spans = keep_one_span(rows);
  size_t off = group_field(rows, sel->group_by);
  if (!check_unit_mix(rows, error)) goto out;
  row_keys k;
  row_keys_collect(&k, rows, off);
  add_data(c, rows, off, &k);
  const jd_figure *f0 = g_ptr_array_index(rows, 0);
  if (strcmp(f0->unit, "percent") == 0) jd_chart_set_number_format(c, JD_NUMBER_PERCENT, -1);
  if (!jd_chart_get_y_label(c) && !jd_chart_get_x_label(c)) {
    const char *ax = jd_unit_axis_label(f0->unit);
    if (ax) jd_chart_set_axis_labels(c, NULL, ax);
  }
  if (!jd_chart_get_unit(c) && *jd_unit_name(f0->unit)) jd_chart_set_unit(c, jd_unit_name(f0->unit));
  if (!jd_chart_get_title(c)) set_default_title(c, t, sel, rows, off, &k);
  if (!jd_chart_get_footnote(c)) set_default_footnote(c, k.docs, other_spans);
  row_keys_clear(&k);
  ok = TRUE;
out:
  g_ptr_array_unref(rows);
  return ok;
}

/* ---- from analysis series ---- */

static int cmp_double(gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

gboolean jd_plot_fill_from_series(jd_chart *c, const jd_series *const *series,
                                   const char *const *names, size_t n, gboolean with_trend,
                                   GError **error)
{
  if (n == 0) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID, "no series to chart");
    return FALSE;
  }
  /* the time axis: union of x positions, plus forecasts */
  GArray *xs = g_array_new(FALSE, FALSE, sizeof(double));
  GHashTable *label_of = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
  size_t n_hist = 0;
  for (size_t s = 0; s < n; s++)
    for (size_t i = 0; i < series[s]->n_points; i++) {
      const jd_point *p = &series[s]->points[i];
      gint64 key = llround(p->x * 1000);
      if (g_hash_table_contains(label_of, &key)) continue;
      gint64 *k = g_new(gint64, 1);
      *k = key;
      g_hash_table_insert(label_of, k, jd_plot_period_label(p->period));
      g_array_append_val(xs, p->x);
    }
  g_array_sort(xs, cmp_double);
  n_hist = xs->len;
  gboolean any_forecast = FALSE;
  if (with_trend)
    for (size_t s = 0; s < n; s++) {
      const jd_trend *t = &series[s]->trend;
      if ((t->kind == JD_TREND_LINEAR || t->kind == JD_TREND_WEIGHTED) && !isnan(t->forecast_x)) {
        gint64 key = llround(t->forecast_x * 1000);
        any_forecast = TRUE;
        if (g_hash_table_contains(label_of, &key)) continue;
        gint64 *k = g_new(gint64, 1);
        *k = key;
        double fx = t->forecast_x;
        char *lab = fabs(fx - round(fx)) < 1e-9 ? g_strdup_printf("%.0f年\n（预测）", fx)
                                                 : g_strdup_printf("%.1f\n（预测）", fx);
        g_hash_table_insert(label_of, k, lab);
        g_array_append_val(xs, fx);
      }
    }
  if (any_forecast) g_array_sort(xs, cmp_double);
  jd_chart_clear_data(c);
  for (guint i = 0; i < xs->len; i++) {
    gint64 key = llround(g_array_index(xs, double, i) * 1000);
    jd_chart_add_category(c, g_hash_table_lookup(label_of, &key));
  }
  double *vals = g_new(double, xs->len);
  for (size_t s = 0; s < n; s++) {
    const jd_series *se = series[s];
    for (guint i = 0; i < xs->len; i++) vals[i] = NAN;
    for (size_t i = 0; i < se->n_points; i++)
      for (guint k = 0; k < xs->len; k++)
        if (fabs(g_array_index(xs, double, k) - se->points[i].x) < 1e-6) vals[k] = se->points[i].value;
    gboolean regions_differ = FALSE;
    for (size_t k = 1; k < n; k++)
      regions_differ |= strcmp(series[k]->region, series[0]->region) != 0;
    const char *name = names && names[s] ? names[s]
                       : regions_differ && *se->region ? se->region
                                                        : metric_name(se->metric);
    size_t idx = jd_chart_add_series(c, name, vals, xs->len);
    for (size_t i = 0; i < se->n_points; i++)
      for (guint k = 0; k < xs->len; k++)
        if (fabs(g_array_index(xs, double, k) - se->points[i].x) < 1e-6) {
          if (se->points[i].origin == JD_POINT_IMPLIED)
            jd_chart_set_point_flags(c, idx, k, JD_CHART_POINT_IMPLIED);
          if (se->points[i].qualifier != JD_QUAL_EXACT)
            jd_chart_set_point_qualifier(c, idx, k, se->points[i].qualifier);
        }
    const jd_trend *t = &se->trend;
    if (with_trend && (t->kind == JD_TREND_LINEAR || t->kind == JD_TREND_WEIGHTED)) {
      double *fit = g_new(double, xs->len), *lo = g_new(double, xs->len), *hi = g_new(double, xs->len);
      size_t ff = xs->len;
      gboolean nonneg = TRUE;
      for (size_t i = 0; i < se->n_points; i++) nonneg &= se->points[i].value >= 0;
      double first_x = se->n_points ? se->points[0].x : 0;
      double last_x = se->n_points ? se->points[se->n_points - 1].x : 0;
      for (guint k = 0; k < xs->len; k++) {
        double x = g_array_index(xs, double, k);
        fit[k] = lo[k] = hi[k] = NAN;
        if (x < first_x - 1e-9) continue;
        if (x <= last_x + 1e-9) {
          fit[k] = t->intercept + t->slope * x;
          if (fabs(x - last_x) < 1e-9) lo[k] = hi[k] = fit[k];
        } else if (fabs(x - t->forecast_x) < 1e-9) {
          fit[k] = t->forecast;
          lo[k] = t->forecast_low;
          hi[k] = t->forecast_high;
          /* counts and rates cannot fall below zero: neither can their band */
          if (nonneg && lo[k] < 0) lo[k] = 0;
          if (nonneg && fit[k] < 0) fit[k] = 0;
          if (k < ff) ff = k;
        }
      }
      jd_chart_set_trend(c, idx, fit, lo, hi, xs->len, ff, "线性趋势");
      g_free(fit);
      g_free(lo);
      g_free(hi);
    }
    if (s == 0 && strcmp(se->unit, "percent") == 0) jd_chart_set_number_format(c, JD_NUMBER_PERCENT, -1);
    if (s == 0 && !jd_chart_get_y_label(c) && jd_unit_axis_label(se->unit)) jd_chart_set_axis_labels(c, jd_chart_get_x_label(c), jd_unit_axis_label(se->unit));
    if (s == 0 && !jd_chart_get_unit(c) && *jd_unit_name(se->unit)) jd_chart_set_unit(c, jd_unit_name(se->unit));
  }
  g_free(vals);
  (void)n_hist;
  g_array_unref(xs);
  g_hash_table_unref(label_of);
  return TRUE;
}

