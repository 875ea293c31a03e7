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
#include "jindu/lexicon.h"
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

/* ---- periods written two ways, regions inside regions ---- */

/* The one id of a stretch of months that has a name of its own: 1—6月 is
 * 上半年 (2019-01/2019-06 → 2019-H1), 1—3月 the first quarter, 1—12月 the
 * year; NULL when the period has no other name. *span gets its span. */
static char *canon_period(const char *p, const char **span)
{
  int y1, m1, y2, m2;
  char tail;
  if (sscanf(p, "%4d-%2d/%4d-%2d%c", &y1, &m1, &y2, &m2, &tail) != 4 || y1 != y2) return NULL;
  static const struct { int a, b; const char *suffix, *span; } named[] = {
      {1, 12, "", JD_SPAN_YEAR},      {1, 6, "-H1", JD_SPAN_HALF},   {7, 12, "-H2", JD_SPAN_HALF},
      {1, 3, "-Q1", JD_SPAN_QUARTER}, {4, 6, "-Q2", JD_SPAN_QUARTER}, {7, 9, "-Q3", JD_SPAN_QUARTER},
      {10, 12, "-Q4", JD_SPAN_QUARTER}};
  for (size_t i = 0; i < G_N_ELEMENTS(named); i++)
    if (named[i].a == m1 && named[i].b == m2) {
      *span = named[i].span;
      return g_strdup_printf("%04d%s", y1, named[i].suffix);
    }
  return NULL;
}

/* Replaces, in rows, every figure whose period has another name by a copy
 * under that name (kept in owned), so that 1—6月 and 上半年 are one period
 * on the axis. The first merge is described in *note ("2019年1—6月计为
 * 2019年上半年"); returns how many were merged. */
static guint merge_period_names(GPtrArray *rows, GPtrArray *owned, char **note)
{
  guint merged = 0;
  for (guint i = 0; i < rows->len; i++) {
    const jd_figure *f = g_ptr_array_index(rows, i);
    const char *span = NULL;
    char *canon = canon_period(f->period, &span);
    if (!canon) continue;
    jd_figure *copy = jd_figure_copy(f);
    if (!*note) {
      g_autofree char *from = jd_period_label(f->period), *to = jd_period_label(canon);
      *note = g_strdup_printf("%s计为%s", from, to);
    }
    g_free(copy->period);
    copy->period = canon;
    jd_figure_set_span(copy, span);
    g_ptr_array_add(owned, copy);
    rows->pdata[i] = copy;
    merged++;
  }
  return merged;
}

/* The gazetteer, loaded once for the life of the process (NULL when the
 * data directory has none). */
static const jd_lexicon *gazetteer(void)
{
  static gsize once = 0;
  static jd_lexicon *lx = NULL;
  if (g_once_init_enter(&once)) {
    lx = jd_lexicon_load(NULL, NULL);
    g_once_init_leave(&once, 1);
  }
  return lx;
}

/* The level of a region (jd_region_level), -1 when the gazetteer does not know it. */
static int region_level(const char *name)
{
  const jd_lexicon *lx = gazetteer();
  if (!lx || !name || !*name) return -1;
  size_t n = strlen(name);
  const jd_lex_entry *e = jd_lexicon_match(lx, JD_LEX_REGION, name, n);
  return e && e->len == n && strcmp(e->id, name) == 0 ? (int)e->number : -1;
}

/* Whether region a holds region b (全国 holds 甘肃省, 甘肃省 临夏州). */
static gboolean region_holds(const char *a, const char *b)
{
  int la = region_level(a);
  if (la < 0 || strcmp(a, b) == 0) return FALSE;
  if (la == JD_LEVEL_COUNTRY) return region_level(b) > la;
  const char *anc = jd_lexicon_region_ancestor(gazetteer(), b, la);
  return anc && strcmp(anc, a) == 0;
}

/* The part-of-whole check of a stack or a ring over the groups (the field
 * at off of rows): the groups must be parts of one whole, which regions
 * that hold one another and separate metrics (wholes, no scope) are not. */
static gboolean check_parts(GPtrArray *rows, size_t off, const char *what, GError **error)
{
  for (guint i = 0; i < rows->len; i++) {
    const jd_figure *a = g_ptr_array_index(rows, i);
    if (off == offsetof(jd_figure, metric) && !*a->scope &&
        count_distinct(rows, offsetof(jd_figure, metric)) > 1) {
      g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                  "a %s shows the parts of one whole, but %s is a whole of its own, not a part "
                  "(it has no scope) — use --type grouped-bar to set the metrics side by side",
                  what, metric_name(a->metric));
      return FALSE;
    }
    if (off != offsetof(jd_figure, region)) continue;
    for (guint j = 0; j < rows->len; j++) {
      const jd_figure *b = g_ptr_array_index(rows, j);
      if (region_holds(a->region, b->region)) {
        g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                    "a %s adds its parts, but %s holds %s and would count it twice — choose "
                    "regions of one level with --region (e.g. the counties of one prefecture)",
                    what, a->region, b->region);
        return FALSE;
      }
    }
  }
  return TRUE;
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
                          : off == offsetof(jd_figure, drug) && *gname ? jd_drug_name(gname)
                          : *gname                           ? gname
                          : off == offsetof(jd_figure, drug) ? "全部毒品"
                                                             : "全部";
    size_t s = jd_chart_add_series(c, display, vals, periods->len);
    for (guint r = 0; r < rows->len; r++) {
      const jd_figure *f = g_ptr_array_index(rows, r);
      if (strcmp(*(char **)(void *)((char *)f + off), gname) != 0) continue;
      jd_chart_set_series_unit(c, s, *jd_unit_name(f->unit) ? jd_unit_name(f->unit) : f->unit);
      break;
    }
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

static void set_default_footnote(jd_chart *c, GPtrArray *docs, guint other_spans,
                                 const char *merge_note)
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
  if (merge_note) g_string_append_printf(fn, "；%s", merge_note);
  jd_chart_set_footnote(c, fn->str);
  g_string_free(fn, TRUE);
}

double jd_plot_metric_target(const char *metric, const char **label)
{
  g_autofree char *path = jd_data_path("data/lexicon/targets.tsv");
  g_autofree char *text = NULL;
  double v = NAN;
  if (!metric || !g_file_get_contents(path, &text, NULL, NULL)) return v;
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  for (size_t i = 0; lines[i] && isnan(v); i++) {
    if (lines[i][0] == '#' || !lines[i][0]) continue;
    g_auto(GStrv) f = g_strsplit(g_strchomp(lines[i]), "\t", -1);
    if (g_strv_length(f) < 3 || strcmp(f[0], metric) != 0) continue;
    v = g_ascii_strtod(f[1], NULL);
    if (label) *label = g_intern_string(f[2]);
  }
  return v;
}

/* A rate (percent) is drawn on 0–100% with its target line, when the
 * lexicon has one for the metric. */
static void add_rate_target_of(jd_chart *c, const char *metric, const char *unit)
{
  if (!unit || strcmp(unit, "percent") != 0) return;
  jd_chart_set_number_format(c, JD_NUMBER_PERCENT, -1);
  jd_chart_set_value_range(c, 0, 100);
  const char *label = NULL;
  double t = jd_plot_metric_target(metric, &label);
  if (!isnan(t)) jd_chart_add_reference_line(c, t, label);
}

static void add_rate_target(jd_chart *c, const jd_figure *f0)
{
  add_rate_target_of(c, f0->metric, f0->unit);
}

/* ---- Wilson intervals of rates whose counts are known ---- */

/* data/lexicon/rates.tsv: rate metric -> "numerator\tdenominator". Loaded
 * once for the life of the process. */
static GHashTable *rate_parts(void)
{
  static gsize once = 0;
  static GHashTable *parts = NULL;
  if (g_once_init_enter(&once)) {
    GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_autofree char *path = jd_data_path("data/lexicon/rates.tsv");
    g_autofree char *text = NULL;
    if (g_file_get_contents(path, &text, NULL, NULL)) {
      g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
      for (size_t i = 0; lines[i]; i++) {
        if (lines[i][0] == '#' || !lines[i][0]) continue;
        g_auto(GStrv) f = g_strsplit(g_strchomp(lines[i]), "\t", -1);
        if (g_strv_length(f) < 3) continue;
        g_hash_table_replace(h, g_strdup(f[0]), g_strdup_printf("%s\t%s", f[1], f[2]));
      }
    }
    parts = h;
    g_once_init_leave(&once, 1);
  }
  return parts;
}

/* The count of metric in rate's region and period (a whole, of its drug),
 * preferring rate's own document; NAN when none. */
static double count_beside(const jd_figure_table *t, const jd_figure *rate, const char *metric)
{
  double v = NAN;
  if (!metric || !*metric || strcmp(metric, "-") == 0) return v;
  size_t n = jd_figure_table_get_count(t);
  for (size_t i = 0; i < n; i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    if (f->kind != JD_KIND_LEVEL || *f->scope || isnan(f->value) || strcmp(f->metric, metric) != 0 ||
        strcmp(f->region, rate->region) != 0 || strcmp(f->period, rate->period) != 0 ||
        strcmp(f->drug, rate->drug) != 0 || strcmp(f->unit, "percent") == 0)
      continue;
    if (strcmp(f->doc, rate->doc) == 0) return f->value;
    if (isnan(v)) v = f->value;
  }
  return v;
}

gboolean jd_plot_rate_wilson(const jd_figure_table *t, const jd_figure *rate, double confidence,
                             double *lo, double *hi)
{
  if (!t || !rate || strcmp(rate->unit, "percent") != 0 || !(rate->value > 0) || rate->value > 100)
    return FALSE;
  const char *pair = g_hash_table_lookup(rate_parts(), rate->metric);
  if (!pair) return FALSE;
  g_auto(GStrv) nd = g_strsplit(pair, "\t", 2);
  double k = count_beside(t, rate, nd[0]), n = count_beside(t, rate, nd[1]);
  if (isnan(k)) return FALSE;
  /* the counts must give the rate stated; with the numerator alone, the
   * denominator is what the rate implies */
  if (isnan(n) || !(n > 0) || fabs(100 * k / n - rate->value) > 0.5) n = round(k * 100 / rate->value);
  if (!(n > 0) || k > n) return FALSE;
  jd_interval iv;
  if (!jd_wilson_interval(k, n, confidence, &iv, NULL)) return FALSE;
  *lo = 100 * iv.low;
  *hi = 100 * iv.high;
  return TRUE;
}

/* The Wilson interval of every rate point of the chart's series whose counts
 * are known (the first figure of each group and period, as add_data picks);
 * TRUE when one was drawn. */
static gboolean add_rate_intervals(jd_chart *c, const jd_figure_table *t, GPtrArray *rows,
                                   size_t off, const row_keys *k)
{
  gboolean any = FALSE;
  guint np = k->periods->len;
  double *lo = g_new(double, np), *hi = g_new(double, np);
  for (guint g = 0; g < k->groups->len; g++) {
    gboolean here = FALSE;
    for (guint i = 0; i < np; i++) {
      lo[i] = hi[i] = NAN;
      for (guint r = 0; r < rows->len; r++) {
        const jd_figure *f = g_ptr_array_index(rows, r);
        if (strcmp(*(char **)(void *)((char *)f + off), g_ptr_array_index(k->groups, g)) != 0 ||
            strcmp(f->period, g_ptr_array_index(k->periods, i)) != 0)
          continue;
        here |= jd_plot_rate_wilson(t, f, 0.95, &lo[i], &hi[i]);
        break;
      }
    }
    if (here) jd_chart_set_intervals(c, g, lo, hi, np, "95%置信区间（Wilson）");
    any |= here;
  }
  g_free(lo);
  g_free(hi);
  return any;
}

/* The latest period of rows (borrowed), or sel->period when set. */
static const char *one_period(GPtrArray *rows, const jd_chart_select *sel)
{
  if (sel->period && *sel->period) return sel->period;
  const char *best = NULL;
  for (guint i = 0; i < rows->len; i++) {
    const jd_figure *f = g_ptr_array_index(rows, i);
    if (!best || strcmp(f->period, best) > 0) best = f->period;
  }
  return best;
}

/* The display name of a group (the field at off of f). */
static const char *group_name(const jd_figure *f, size_t off)
{
  const char *g = *(char *const *)(const void *)((const char *)f + off);
  if (off == offsetof(jd_figure, metric)) return *f->scope ? f->scope : metric_name(g);
  if (off == offsetof(jd_figure, drug) && *g) return jd_drug_name(g);
  return *g ? g : off == offsetof(jd_figure, drug) ? "全部毒品" : "全部";
}

/* What the names of the rows' metrics end in alike (未成年吸毒人员, 35岁以上
 * 吸毒人员 → 吸毒人员): the whole they are parts of; "" when nothing.
 * Caller frees. */
static char *common_suffix(GPtrArray *rows)
{
  const jd_figure *f0 = g_ptr_array_index(rows, 0);
  const char *a = metric_name(f0->metric);
  glong len = g_utf8_strlen(a, -1), keep = len;
  for (guint i = 1; i < rows->len; i++) {
    const char *b = metric_name(((const jd_figure *)g_ptr_array_index(rows, i))->metric);
    glong lb = g_utf8_strlen(b, -1), k = 0;
    while (k < keep && k < lb &&
           g_utf8_get_char(g_utf8_offset_to_pointer(a, len - 1 - k)) ==
               g_utf8_get_char(g_utf8_offset_to_pointer(b, lb - 1 - k)))
      k++;
    keep = k;
  }
  return g_strdup(g_utf8_offset_to_pointer(a, len - keep));
}

/* A donut: the parts of one whole in one period. The rows of that period,
 * grouped (--group-by, else whatever varies), become the categories of one
 * series; parts must not hold one another; shares short of 100% get a
 * 其他（未列明） part, drawn as inferred and said in the footnote. */
static gboolean fill_donut(jd_chart *c, GPtrArray *all, const jd_chart_select *sel,
                           GError **error)
{
  const char *period = one_period(all, sel);
  GPtrArray *rows = g_ptr_array_new();
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  size_t off = group_field(all, sel->group_by);
  /* one unit: the one most parts of the period are stated in (a part given
   * both as 人 and as % is drawn once) */
  const char *unit = NULL;
  guint best = 0;
  for (guint i = 0; i < all->len; i++) {
    const jd_figure *f = g_ptr_array_index(all, i);
    guint n = 0;
    for (guint j = 0; j < all->len && strcmp(f->period, period) == 0; j++) {
      const jd_figure *g = g_ptr_array_index(all, j);
      n += strcmp(g->period, period) == 0 && strcmp(g->unit, f->unit) == 0;
    }
    if (n > best) best = n, unit = f->unit;
  }
  for (guint i = 0; i < all->len; i++) {
    const jd_figure *f = g_ptr_array_index(all, i);
    if (strcmp(f->period, period) == 0 && unit && strcmp(f->unit, unit) == 0 &&
        g_hash_table_add(seen, (gpointer)group_name(f, off)))
      g_ptr_array_add(rows, (gpointer)f);
  }
  g_hash_table_unref(seen);
  g_autofree char *plabel = jd_plot_period_label(period);
  gboolean ok = FALSE;
  if (rows->len < 2) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "a donut shows the parts of one whole in one period, but %s has %u part — use "
                "--type bar or line for a metric over time, or --group-by to choose the parts",
                plabel, rows->len);
    goto out;
  }
  if (!check_parts(rows, off, "donut", error) || !check_unit_mix(rows, error)) goto out;
  const jd_figure *f0 = g_ptr_array_index(rows, 0);
  gboolean shares = strcmp(f0->unit, "percent") == 0;
  jd_chart_clear_data(c);
  double *v = g_new(double, rows->len + 1), sum = 0;
  for (guint i = 0; i < rows->len; i++) {
    const jd_figure *f = g_ptr_array_index(rows, i);
    jd_chart_add_category(c, group_name(f, off));
    v[i] = f->value;
    sum += f->value;
  }
  gboolean rest = shares && sum < 99.5;
  if (rest) {
    jd_chart_add_category(c, "其他（未列明）");
    v[rows->len] = 100 - sum;
  }
  jd_chart_add_series(c, plabel, v, rows->len + (rest ? 1 : 0));
  g_free(v);
  if (rest) jd_chart_set_point_flags(c, 0, rows->len, JD_CHART_POINT_INFERRED);
  if (shares && sum > 100.5) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "the shares of %s add up to %.1f%%, more than the whole — they are not parts of "
                "one whole; check --metric and --scope", plabel, sum);
    goto out;
  }
  jd_chart_set_series_unit(c, 0, shares ? "%" : jd_unit_name(f0->unit));
  if (shares) jd_chart_set_unit(c, "%");
  else if (!jd_chart_get_unit(c)) jd_chart_set_unit(c, jd_unit_name(f0->unit));
  jd_chart_set_number_format(c, JD_NUMBER_PLAIN, -1);
  if (!jd_chart_get_title(c)) {
    g_autofree char *whole = off == offsetof(jd_figure, metric) ? common_suffix(rows)
                                                                 : g_strdup(metric_name(f0->metric));
    g_autofree char *t = g_strdup_printf("%s%s%s构成", plabel, *f0->region ? f0->region : "", whole);
    jd_chart_set_title(c, t);
  }
  if (!jd_chart_get_footnote(c)) {
    g_autofree char *base = g_path_get_basename(f0->doc);
    g_autofree char *fn = g_strdup_printf(
        "来源：%s%s", base,
        rest ? "；其他（未列明）为100%减去所列各项，斜线填充"
             : shares ? "" : "；合计为所列各项之和，不含未列出的部分");
    jd_chart_set_footnote(c, fn);
  }
  ok = TRUE;
out:
  g_ptr_array_unref(rows);
  return ok;
}

/* The selection's rows for a donut: parts (any scope when grouped by
 * metric: 18至35岁, 未成年) and shares as well as levels. */
static GPtrArray *select_part_rows(const jd_figure_table *t, const jd_chart_select *sel)
{
  GPtrArray *rows = g_ptr_array_new();
  gboolean by_metric = sel->group_by && strcmp(sel->group_by, "metric") == 0;
  size_t n = jd_figure_table_get_count(t);
  for (size_t i = 0; i < n; i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    if (!in_list(sel->metric, f->metric)) continue;
    if (sel->region && *sel->region && !in_list(sel->region, f->region)) continue;
    if (sel->drug && *sel->drug) {
      if (!in_list(sel->drug, f->drug)) continue;
    } else if (*f->drug && strcmp(f->drug, "all") != 0 &&
               !(sel->group_by && strcmp(sel->group_by, "drug") == 0)) {
      continue;
    }
    if (sel->group_by && strcmp(sel->group_by, "drug") == 0 &&
        (!*f->drug || strcmp(f->drug, "all") == 0))
      continue; /* the parts of drugs_seized are the drugs, not the total */
    if (f->kind != JD_KIND_LEVEL && f->kind != JD_KIND_RATE && f->kind != JD_KIND_SHARE) continue;
    if (!by_metric && strcmp(f->scope, sel->scope ? sel->scope : "") != 0) continue;
    if (isnan(f->value) || strcmp(f->period, "unknown") == 0 || !*f->period) continue;
    g_ptr_array_add(rows, (gpointer)f);
  }
  return rows;
}

gboolean jd_plot_fill_from_figures(jd_chart *c, const jd_figure_table *t,
                                    const jd_chart_select *sel, GError **error)
{
  if (!sel || !sel->metric || !*sel->metric) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "no metric selected — pass --metric (e.g. --metric cases_solved)");
    return FALSE;
  }
  gboolean donut = jd_chart_get_type(c) == JD_CHART_DONUT;
  GPtrArray *rows = donut ? select_part_rows(t, sel) : select_rows(t, sel);
  GPtrArray *owned = g_ptr_array_new_with_free_func((GDestroyNotify)jd_figure_free);
  g_autofree char *merge_note = NULL;
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
  merge_period_names(rows, owned, &merge_note);
  guint other_spans = keep_one_span(rows);
  if (donut) {
    ok = fill_donut(c, rows, sel, error);
    goto out;
  }
  size_t off = group_field(rows, sel->group_by);
  if (!check_unit_mix(rows, error)) goto out;
  if (jd_chart_get_type(c) == JD_CHART_STACKED_BAR && !check_parts(rows, off, "stacked bar", error))
    goto out;
  row_keys k;
  row_keys_collect(&k, rows, off);
  add_data(c, rows, off, &k);
  const jd_figure *f0 = g_ptr_array_index(rows, 0);
  add_rate_target(c, f0);
  if (!jd_chart_get_y_label(c) && !jd_chart_get_x_label(c)) {
    const char *ax = jd_unit_axis_label(f0->unit);
    if (ax) jd_chart_set_axis_labels(c, NULL, ax);
  }
  if (!jd_chart_get_unit(c) && *jd_unit_name(f0->unit)) jd_chart_set_unit(c, jd_unit_name(f0->unit));
  if (!jd_chart_get_title(c)) set_default_title(c, t, sel, rows, off, &k);
  gboolean wilson = strcmp(f0->unit, "percent") == 0 && add_rate_intervals(c, t, rows, off, &k);
  if (!jd_chart_get_footnote(c)) set_default_footnote(c, k.docs, other_spans, merge_note);
  if (wilson) {
    g_autofree char *fn = g_strdup_printf("%s；%s", jd_chart_get_footnote(c), JD_PLOT_WILSON_NOTE);
    jd_chart_set_footnote(c, fn);
  }
  row_keys_clear(&k);
  ok = TRUE;
out:
  g_ptr_array_unref(owned);
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
    gboolean regions_differ = FALSE, drugs_differ = FALSE;
    for (size_t k = 1; k < n; k++) {
      regions_differ |= strcmp(series[k]->region, series[0]->region) != 0;
      drugs_differ |= strcmp(series[k]->drug, series[0]->drug) != 0;
    }
    const char *name = names && names[s] ? names[s]
                       : regions_differ && *se->region ? se->region
                       : drugs_differ && *se->drug     ? jd_drug_name(se->drug)
                                                       : metric_name(se->metric);
    size_t idx = jd_chart_add_series(c, name, vals, xs->len);
    jd_chart_set_series_unit(c, idx, *jd_unit_name(se->unit) ? jd_unit_name(se->unit) : se->unit);
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


/* ---- one metric across regions ---- */

/* The period of rows that the most regions report (the latest of those),
 * or sel->period. Borrowed. */
static const char *widest_period(GPtrArray *rows, const jd_chart_select *sel)
{
  if (sel->period && *sel->period) return sel->period;
  GHashTable *count = g_hash_table_new(g_str_hash, g_str_equal);
  const char *best = NULL;
  guint best_n = 0;
  for (guint i = 0; i < rows->len; i++) {
    const jd_figure *f = g_ptr_array_index(rows, i);
    guint n = GPOINTER_TO_UINT(g_hash_table_lookup(count, f->period)) + 1;
    g_hash_table_insert(count, f->period, GUINT_TO_POINTER(n));
    if (!best || n > best_n || (n == best_n && strcmp(f->period, best) > 0))
      best = f->period, best_n = n;
  }
  g_hash_table_unref(count);
  return best;
}

/* The regions of rows split into the parent and the others: the others
 * are the regions of the most common level, one figure each (the first);
 * the parent is the nearest region above them that holds them all (NULL
 * when none reports). Returns the others; *left_out counts the regions of
 * another level (or none the gazetteer knows). */
static GPtrArray *regions_of_one_level(GPtrArray *rows, const jd_figure **parent, guint *left_out)
{
  *parent = NULL;
  *left_out = 0;
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  GPtrArray *one = g_ptr_array_new();
  int counts[4] = {0};
  for (guint i = 0; i < rows->len; i++) {
    const jd_figure *f = g_ptr_array_index(rows, i);
    if (!*f->region || !g_hash_table_add(seen, f->region)) continue;
    g_ptr_array_add(one, (gpointer)f);
    int l = region_level(f->region);
    if (l >= 0 && l < 4) counts[l]++;
  }
  g_hash_table_unref(seen);
  int level = 0;
  for (int l = 1; l < 4; l++)
    if (counts[l] >= counts[level] && counts[l] > 0) level = l;
  GPtrArray *out = g_ptr_array_new();
  for (guint i = 0; i < one->len; i++) {
    const jd_figure *f = g_ptr_array_index(one, i);
    if (region_level(f->region) == level) g_ptr_array_add(out, (gpointer)f);
  }
  int parent_level = -1;
  for (guint i = 0; i < one->len; i++) {
    const jd_figure *p = g_ptr_array_index(one, i);
    int pl = region_level(p->region);
    if (pl < 0 || pl >= level || pl <= parent_level) continue;
    gboolean all = TRUE;
    for (guint j = 0; j < out->len && all; j++)
      all = region_holds(p->region, ((const jd_figure *)g_ptr_array_index(out, j))->region);
    if (all) *parent = p, parent_level = pl;
  }
  *left_out = one->len - out->len - (*parent ? 1 : 0);
  g_ptr_array_unref(one);
  return out;
}

static int cmp_value_desc(gconstpointer a, gconstpointer b)
{
  const jd_figure *x = *(const jd_figure *const *)a, *y = *(const jd_figure *const *)b;
  return x->value < y->value ? 1 : x->value > y->value ? -1 : strcmp(x->region, y->region);
}

void jd_plot_ranking_chart(jd_chart *c, const char *metric, const char *period,
                           const char *const *regions, const double *values,
                           const jd_qualifier *quals, size_t n, const char *parent,
                           double parent_value, const char *unit)
{
  g_autofree char *plabel = jd_plot_period_label(period);
  jd_chart_set_type(c, JD_CHART_HBAR);
  jd_chart_clear_data(c);
  for (size_t i = 0; i < n; i++) jd_chart_add_category(c, regions[i]);
  size_t s = jd_chart_add_series(c, metric_name(metric), values, n);
  for (size_t i = 0; quals && i < n; i++)
    if (quals[i] != JD_QUAL_EXACT) jd_chart_set_point_qualifier(c, s, i, quals[i]);
  gboolean percent = unit && strcmp(unit, "percent") == 0;
  if (unit) jd_chart_set_series_unit(c, s, jd_unit_name(unit));
  if (parent && !isnan(parent_value)) {
    /* a rate compares as it is; a count of the parent is the total of its parts */
    g_autofree char *rl = percent ? g_strdup(parent) : g_strdup_printf("%s合计", parent);
    jd_chart_add_reference_line(c, parent_value, rl);
  }
  add_rate_target_of(c, metric, unit);
  if (!jd_chart_get_title(c)) {
    g_autofree char *t = g_strdup_printf("%s%s各地%s", plabel, parent ? parent : "",
                                         metric_name(metric));
    jd_chart_set_title(c, t);
  }
}

void jd_plot_ranking_free(jd_plot_ranking *rk)
{
  if (!rk) return;
  g_free(rk->metric);
  g_free(rk->period);
  g_ptr_array_unref(rk->regions);
  if (rk->parent) jd_figure_free(rk->parent);
  g_free(rk->notes);
  g_ptr_array_unref(rk->docs);
  g_free(rk);
}

/* The ranking of rows (one span, period names merged): the regions of one
 * level in the period most of them report. NULL with error when fewer than
 * two; notes gets what was left out. */
static jd_plot_ranking *rank_rows(GPtrArray *rows, const jd_chart_select *sel, GString *notes,
                                  GError **error)
{
  const char *period = widest_period(rows, sel);
  GPtrArray *in_period = g_ptr_array_new();
  for (guint i = 0; i < rows->len; i++)
    if (strcmp(((const jd_figure *)g_ptr_array_index(rows, i))->period, period) == 0)
      g_ptr_array_add(in_period, g_ptr_array_index(rows, i));
  const jd_figure *parent;
  guint other_level;
  GPtrArray *regions = regions_of_one_level(in_period, &parent, &other_level);
  jd_plot_ranking *rk = NULL;
  if (regions->len < 2) {
    g_autofree char *plabel = jd_plot_period_label(period);
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "%s: %u region%s of one level report%s %s — a comparison needs two or more (try "
                "--period)", plabel, regions->len, regions->len == 1 ? "" : "s",
                regions->len == 1 ? "s" : "", metric_name(sel->metric));
  } else {
    g_ptr_array_sort(regions, cmp_value_desc);
    rk = g_new0(jd_plot_ranking, 1);
    rk->metric = g_strdup(sel->metric);
    rk->period = g_strdup(period);
    rk->regions = g_ptr_array_new_with_free_func((GDestroyNotify)jd_figure_free);
    for (guint i = 0; i < regions->len; i++)
      g_ptr_array_add(rk->regions, jd_figure_copy(g_ptr_array_index(regions, i)));
    rk->parent = parent ? jd_figure_copy(parent) : NULL;
    rk->other_level = other_level;
    rk->level = region_level(((const jd_figure *)g_ptr_array_index(regions, 0))->region);
    rk->docs = g_ptr_array_new_with_free_func(g_free);
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < in_period->len; i++) {
      const jd_figure *f = g_ptr_array_index(in_period, i);
      if (g_hash_table_add(seen, f->doc)) g_ptr_array_add(rk->docs, g_strdup(f->doc));
    }
    g_hash_table_unref(seen);
    g_ptr_array_sort(rk->docs, cmp_str);
    if (parent) g_string_append_printf(notes, "；虚线为%s数值", parent->region);
    if (other_level) g_string_append_printf(notes, "；另有%u个不同层级的地区未列入", other_level);
    rk->notes = g_strdup(notes->str);
  }
  g_ptr_array_unref(regions);
  g_ptr_array_unref(in_period);
  return rk;
}

/* The ranking (县区排名) as the chart: largest first, the parent's value as
 * a reference line. */
static gboolean fill_ranking(jd_chart *c, const jd_figure_table *t, GPtrArray *rows,
                             const jd_chart_select *sel, GString *notes, GError **error)
{
  jd_plot_ranking *rk = rank_rows(rows, sel, notes, error);
  if (!rk) return FALSE;
  size_t n = rk->regions->len;
  const char **names = g_new(const char *, n);
  double *v = g_new(double, n);
  jd_qualifier *q = g_new(jd_qualifier, n);
  for (size_t i = 0; i < n; i++) {
    const jd_figure *f = g_ptr_array_index(rk->regions, i);
    names[i] = f->region;
    v[i] = f->value;
    q[i] = f->qualifier;
  }
  const jd_figure *f0 = g_ptr_array_index(rk->regions, 0);
  jd_plot_ranking_chart(c, rk->metric, rk->period, names, v, q, n,
                        rk->parent ? rk->parent->region : NULL,
                        rk->parent ? rk->parent->value : NAN, f0->unit);
  /* a rate of known counts: its Wilson interval, said in the footnote */
  double *lo = g_new(double, n), *hi = g_new(double, n);
  gboolean wilson = FALSE;
  for (size_t i = 0; i < n; i++) {
    lo[i] = hi[i] = NAN;
    wilson |= jd_plot_rate_wilson(t, g_ptr_array_index(rk->regions, i), 0.95, &lo[i], &hi[i]);
  }
  if (wilson) {
    jd_chart_set_intervals(c, 0, lo, hi, n, "95%置信区间（Wilson）");
    g_string_append_printf(notes, "；%s", JD_PLOT_WILSON_NOTE);
  }
  g_free(lo);
  g_free(hi);
  g_free(names);
  g_free(v);
  g_free(q);
  jd_plot_ranking_free(rk);
  return TRUE;
}

/* The region × period table (heat map) or the panels (small multiples):
 * the regions of one level over the periods of one span. */
static gboolean fill_region_table(jd_chart *c, GPtrArray *rows, GString *notes, GError **error)
{
  const jd_figure *parent;
  guint other_level;
  GPtrArray *one = regions_of_one_level(rows, &parent, &other_level);
  GHashTable *keep = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < one->len; i++)
    g_hash_table_add(keep, ((const jd_figure *)g_ptr_array_index(one, i))->region);
  GPtrArray *sel_rows = g_ptr_array_new();
  for (guint i = 0; i < rows->len; i++) {
    const jd_figure *f = g_ptr_array_index(rows, i);
    if (g_hash_table_contains(keep, f->region)) g_ptr_array_add(sel_rows, (gpointer)f);
  }
  gboolean ok = one->len >= 2;
  if (!ok) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "%u region%s of one level report%s this metric — a comparison needs two or more",
                one->len, one->len == 1 ? "" : "s", one->len == 1 ? "s" : "");
  } else {
    row_keys k;
    row_keys_collect(&k, sel_rows, offsetof(jd_figure, region));
    add_data(c, sel_rows, offsetof(jd_figure, region), &k);
    row_keys_clear(&k);
    if (parent) g_string_append_printf(notes, "；不含%s合计", parent->region);
    if (other_level) g_string_append_printf(notes, "；另有%u个不同层级的地区未列入", other_level);
  }
  g_hash_table_unref(keep);
  g_ptr_array_unref(sel_rows);
  g_ptr_array_unref(one);
  return ok;
}

/* The rows of a comparison across regions: level figures of one metric
 * with a region, one span, period names merged (copies kept in owned);
 * notes gets what was left out. NULL with error when there are none. */
static GPtrArray *compare_rows(const jd_figure_table *t, const jd_chart_select *sel,
                               GPtrArray *owned, GString *notes, GError **error)
{
  if (!sel || !sel->metric || !*sel->metric || strchr(sel->metric, ';')) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "a comparison across regions is of one metric — pass one --metric");
    return NULL;
  }
  jd_chart_select all = *sel;
  all.region = NULL; /* every region that reports it */
  GPtrArray *rows = select_rows(t, sel->region && *sel->region ? sel : &all);
  if (rows->len == 0) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "no level figures for metric '%s' with a region and a known period", sel->metric);
    g_ptr_array_unref(rows);
    return NULL;
  }
  g_autofree char *merge_note = NULL;
  merge_period_names(rows, owned, &merge_note);
  guint other_spans = keep_one_span(rows);
  if (other_spans) g_string_append_printf(notes, "；另有%u项非同一时段口径的数据未列入", other_spans);
  if (merge_note) g_string_append_printf(notes, "；%s", merge_note);
  return rows;
}

jd_plot_ranking *jd_plot_rank_regions(const jd_figure_table *t, const jd_chart_select *sel,
                                      GError **error)
{
  GPtrArray *owned = g_ptr_array_new_with_free_func((GDestroyNotify)jd_figure_free);
  GString *notes = g_string_new(NULL);
  GPtrArray *rows = compare_rows(t, sel, owned, notes, error);
  jd_plot_ranking *rk = rows ? rank_rows(rows, sel, notes, error) : NULL;
  if (rows) g_ptr_array_unref(rows);
  g_string_free(notes, TRUE);
  g_ptr_array_unref(owned);
  return rk;
}

gboolean jd_plot_fill_compare_regions(jd_chart *c, const jd_figure_table *t,
                                       const jd_chart_select *sel, GError **error)
{
  GPtrArray *owned = g_ptr_array_new_with_free_func((GDestroyNotify)jd_figure_free);
  GString *notes = g_string_new(NULL);
  GPtrArray *rows = compare_rows(t, sel, owned, notes, error);
  gboolean ok = rows != NULL;
  gboolean table = jd_chart_get_type(c) == JD_CHART_HEATMAP || jd_chart_get_type(c) == JD_CHART_PANELS;
  if (ok) ok = table ? fill_region_table(c, rows, notes, error) : fill_ranking(c, t, rows, sel, notes, error);
  if (ok) {
    const jd_figure *f0 = g_ptr_array_index(rows, 0);
    if (table) add_rate_target(c, f0); /* the ranking drew its own */
    if (!jd_chart_get_y_label(c) && jd_unit_axis_label(f0->unit))
      jd_chart_set_axis_labels(c, NULL, jd_unit_axis_label(f0->unit));
    if (!jd_chart_get_unit(c)) jd_chart_set_unit(c, jd_unit_name(f0->unit));
    if (!jd_chart_get_title(c)) {
      g_autofree char *tt = g_strdup_printf("各地%s", metric_name(sel->metric));
      jd_chart_set_title(c, tt);
    }
    if (!jd_chart_get_footnote(c)) {
      row_keys k;
      row_keys_collect(&k, rows, offsetof(jd_figure, region));
      set_default_footnote(c, k.docs, 0, NULL);
      g_autofree char *fn = g_strdup_printf("%s%s", jd_chart_get_footnote(c), notes->str);
      jd_chart_set_footnote(c, fn);
      row_keys_clear(&k);
    }
  }
  g_string_free(notes, TRUE);
  g_ptr_array_unref(owned);
  if (rows) g_ptr_array_unref(rows);
  return ok;
}
