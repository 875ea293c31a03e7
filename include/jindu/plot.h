/* Plot data: figures and analysis series as chart data (src/report/plot-data.c).
 * The chart (chart.h) knows nothing of figures or analysis; these adapters,
 * owned by the report, are the one place that knows both. */
#pragma once

#include <glib.h>

#include "jindu/analyze.h"
#include "jindu/chart.h"
#include "jindu/figure.h"

G_BEGIN_DECLS

/* Builds series from a figures table: level (and rate) figures of the selected
 * metric(s) grouped by period (categories, sorted) × group (series). Figures
 * stated more than once keep the first; an approximate figure keeps its
 * qualifier. When no figure matches it is an error naming the selection.
 * Fills chart's categories and series (replacing any). */
gboolean jd_plot_fill_from_figures(jd_chart *chart, const jd_figure_table *figures,
                                    const jd_chart_select *select, GError **error);

/* Fills categories (the union of the series' periods, in time order, shown
 * as 2019年 / 2019年上半年 / …) and one chart series per analysis series,
 * named names[i] (NULL: the region, else the metric). Implied points are
 * flagged JD_CHART_POINT_IMPLIED, qualifiers kept (1870余). with_trend (line
 * charts): each linear/weighted trend becomes a trend line, and its forecast
 * (next period) a forecast category with the prediction band. Replaces any
 * categories and series. */
gboolean jd_plot_fill_from_series(jd_chart *chart, const jd_series *const *series,
                                   const char *const *names, size_t n, gboolean with_trend,
                                   GError **error);

/* One metric across the regions that report it (`jindu chart --compare
 * region`): by default a ranking (县区排名) — horizontal bars of the regions
 * of one level in one period (select->period, else the period most of them
 * report), largest first, with the region that holds them all as a
 * reference line; a chart of type JD_CHART_HEATMAP gets the region × period
 * table, JD_CHART_PANELS one panel per region on a shared scale. Regions
 * of another level, periods of another span and merged period names are
 * said in the footnote. */
gboolean jd_plot_fill_compare_regions(jd_chart *chart, const jd_figure_table *figures,
                                       const jd_chart_select *select, GError **error);

/* The ranking behind `--compare region` and the briefing's 各地对比: the
 * regions of one level reporting sel->metric in one period (sel->period,
 * else the period most of them report), largest first, as copies of their
 * figures; parent is the region holding them all when it reports the metric
 * (NULL otherwise). One span, merged period names; what was left out is in
 * notes ("；另有2项非同一时段口径的数据未列入…", "" when nothing). NULL with
 * error (JD_CHART_ERROR_INVALID) when fewer than two regions qualify. */
typedef struct {
  char *metric, *period;
  GPtrArray *regions; /* jd_figure *, owned */
  jd_figure *parent;  /* owned, or NULL */
  int level;          /* the regions' jd_region_level (-1: not in the gazetteer) */
  guint other_level;  /* regions of another level left out */
  char *notes;
  GPtrArray *docs;    /* char *: the documents of the period, in name order */
} jd_plot_ranking;
jd_plot_ranking *jd_plot_rank_regions(const jd_figure_table *figures, const jd_chart_select *sel,
                                      GError **error);
void jd_plot_ranking_free(jd_plot_ranking *ranking);

/* Draws a ranking as chart: horizontal bars of regions[i] with values[i]
 * (quals may be NULL), in the order given, the parent's value as a labelled
 * reference line (parent NULL or parent_value NAN: none); unit a unit id
 * (a percent rate: on 0–100% with its target from data/lexicon/targets.tsv);
 * the default title "2019年临夏州各地破获毒品案件" when none is set. */
void jd_plot_ranking_chart(jd_chart *chart, const char *metric, const char *period,
                           const char *const *regions, const double *values,
                           const jd_qualifier *quals, size_t n, const char *parent,
                           double parent_value, const char *unit);

/* The target of a rate metric from data/lexicon/targets.tsv (省定目标 90),
 * NAN when it has none; *label (may be NULL) gets its label, interned. */
double jd_plot_metric_target(const char *metric, const char **label);

/* The Wilson score interval (GSL's normal quantile, at confidence) of a rate
 * figure whose counts the table states beside it (data/lexicon/rates.tsv: the
 * numerator's and denominator's metrics, same region and period, the rate's
 * own document first): numerator in denominator, or numerator in numerator
 * ÷ rate when no denominator gives the rate stated. In percent; FALSE when
 * the counts are not known. Bar and line charts from figures draw it as
 * whiskers and say so in the footnote (JD_PLOT_WILSON_NOTE). */
gboolean jd_plot_rate_wilson(const jd_figure_table *figures, const jd_figure *rate,
                             double confidence, double *lo, double *hi);
#define JD_PLOT_WILSON_NOTE "误差线为由人数推算的95%置信区间（Wilson）"

/* Chinese display of a period id: "2019" → "2019年", "2019-H1" → "2019年上半年",
 * "2019-Q3" → "2019年第三季度", "2019-01/2019-05" → "2019年1—5月",
 * "2018/2020" → "2018—2020年". Caller frees with g_free. */
char *jd_plot_period_label(const char *period);

G_END_DECLS
