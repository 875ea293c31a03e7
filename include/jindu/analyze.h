/* Analysis of a figures table with GSL: series per (metric, drug, region)
 * over periods with corroboration and conflicts, qualifiers as intervals,
 * implied values (prior periods, totals behind shares, exact integers behind
 * "340多"-style figures), trends (OLS / weighted OLS with confidence and
 * prediction intervals, CAGR), Wilson intervals for rates, and the audit:
 * findings about figures that do or do not add up.
 *
 * Everything reachable from a jd_analysis is read-only and borrowed: valid
 * until jd_analysis_free. */
#pragma once

#include <glib.h>
#include "jindu/figure.h"
#include "jindu/period.h"

G_BEGIN_DECLS

#define JD_ANALYZE_ERROR (jd_analyze_error_quark())
GQuark jd_analyze_error_quark(void);
typedef enum {
  JD_ANALYZE_ERROR_INPUT,    /* a figure that cannot be analysed (message names doc:line) */
  JD_ANALYZE_ERROR_NUMERIC,  /* a GSL routine failed (status in the message) */
} jd_analyze_error;

/* ------------------------------------------------------------- intervals */

/* A range of possible values. Bounds may be infinite; low <= high. */
typedef struct {
  double low, high;
  gboolean low_open, high_open; /* ( instead of [, ) instead of ] */
} jd_interval;

/* The values a figure can stand for, from its qualifier and stated
 * precision:
 *   exact count (person, case, ...):     [v, v]
 *   exact other / percentage:            [v - h, v + h], h = half a unit of the last stated digit
 *   more_than  "340多":                  [340, 350)  (one unit of the last non-zero digit)
 *              "超过45%" (percent):       (45, 100]
 *   nearly     "近50%":                  (45, 50]    (within 10% below)
 *   about      "约1000":                 [950, 1050] (±5%)
 *   less_than  "不到100":                [90, 100)   (percent: [0, v))
 *   at_least   "至少":                   [v, +inf)   (percent: [v, 100])
 *   at_most    "至多":                   [0, v]      (negative v: (-inf, v]) */
jd_interval jd_figure_get_interval(const jd_figure *f);
/* Digits after the decimal point as the value is written in the CSV
 * (30.77 -> 2, 1480 -> 0). */
int jd_figure_get_decimals(const jd_figure *f);
/* "[340, 350)" with values formatted like the CSV. Caller frees with g_free. */
char *jd_interval_to_string(const jd_interval *iv);
double jd_interval_mid(const jd_interval *iv);
gboolean jd_interval_contains(const jd_interval *iv, double x);

/* -------------------------------------------------------------- sources */

/* Where a value came from: a figure of the input table. */
typedef struct {
  const char *doc;    /* borrowed */
  unsigned line;
  const char *quote;  /* borrowed */
  double value;       /* as stated */
  jd_qualifier qualifier;
  jd_kind kind;
  const char *period; /* borrowed */
} jd_source;

/* "doc:line". Caller frees with g_free. */
char *jd_source_to_string(const jd_source *s);

/* --------------------------------------------------------------- series */

typedef enum {
  JD_POINT_STATED = 0, /* stated in at least one document */
  JD_POINT_IMPLIED,    /* derived: prior period from a level and a change */
} jd_point_origin;

/* One period of a series. */
typedef struct {
  const char *period;     /* "2019", "2019-H1", ...; borrowed */
  double x;               /* position on the time axis in years (2019, 2019.5 for H2) */
  double value;           /* the picked value as stated (340 for "340多"); implied: best estimate */
  jd_interval interval;   /* what the value can stand for */
  jd_qualifier qualifier;
  jd_point_origin origin;
  const char *derivation; /* implied points: how, in Chinese ("由2019年88起及同比上升33%推算"); "" otherwise */
  const jd_source *sources;  /* the figures stating the picked value (or used to derive it) */
  size_t n_sources;
  size_t n_documents;     /* distinct documents among sources: > 1 means corroborated */
  const jd_source *others;   /* conflicting values not picked (see jd_analysis rules) */
  size_t n_others;
  double change_abs;      /* vs the previous point of the series; NAN for the first */
  double change_pct;      /* NAN when undefined (first point, previous value 0) */
} jd_point;

typedef enum {
  JD_TREND_NONE = 0,   /* one point (or none usable) */
  JD_TREND_TWO_POINTS, /* change and CAGR only */
  JD_TREND_LINEAR,     /* OLS over >= 3 points */
  JD_TREND_WEIGHTED,   /* weighted OLS: some values carry intervals */
} jd_trend_kind;

typedef struct {
  jd_trend_kind kind;
  size_t n;                  /* points used */
  /* two or more points: first -> last */
  double change_abs, change_pct, cagr_pct; /* CAGR per year; NAN when undefined (<= 0 values) */
  /* linear / weighted: value = intercept + slope * year */
  double slope, intercept;   /* slope per year */
  double slope_low, slope_high; /* 95% confidence interval of the slope */
  double r2;                 /* NAN when every value is equal */
  double forecast_x;         /* next period */
  double forecast, forecast_low, forecast_high; /* with its 95% prediction interval */
} jd_trend;

/* A series: one (metric, scope, drug, region, unit, kind, period class,
 * span) over time. The period class keeps half-years, quarters, month ranges
 * and cumulative ranges apart from whole years ("" for years, "H1", "Q3",
 * "01/05", "range", "unknown"); the span keeps states at a date (asof) apart
 * from totals over a period. A series with a scope (团伙, 公开查缉, …) counts a
 * part: headline sections, KPI cards and charts use only scope "". */
typedef struct {
  const char *metric, *drug, *region, *unit, *period_class; /* borrowed */
  const char *scope, *span; /* borrowed; figure.h */
  jd_kind kind;            /* JD_KIND_LEVEL, JD_KIND_RATE or JD_KIND_SHARE */
  const jd_point *points;  /* sorted by x */
  size_t n_points;
  jd_trend trend;
} jd_series;

/* -------------------------------------------------------------- findings */

typedef enum {
  JD_SEVERITY_OK = 0,  /* a check that passed */
  JD_SEVERITY_NOTE,    /* a derived value worth knowing (implied prior, total, integers) */
  JD_SEVERITY_WARNING, /* holds only under an assumption (truncation), or a conflict */
  JD_SEVERITY_ERROR,   /* the figures cannot all be true */
} jd_severity;

typedef enum {
  JD_FINDING_SHARE_CHECK = 0,  /* a stated share/percentage vs the levels it refers to */
  JD_FINDING_CHANGE_CHECK,     /* a stated change vs two stated levels */
  JD_FINDING_EXACT_INTEGERS,   /* the integers behind approximate levels pinned by a percentage */
  JD_FINDING_IMPLIED_PRIOR,    /* the prior period implied by a level and a change */
  JD_FINDING_IMPLIED_TOTAL,    /* the total implied by a part and its share */
  JD_FINDING_CONFLICT,         /* different values for one series point */
  JD_FINDING_CORROBORATED,     /* the same value stated by several documents */
  JD_FINDING_PART_WHOLE,       /* a part (a level with a scope) larger than its whole */
  JD_FINDING_TABLE_TOTAL,      /* a table's 合计 row vs the sum of the rows it totals */
  JD_FINDING_IMPOSSIBLE,       /* a value no figure can have: a fall of more than 100%, a
                                  share or rate over 100% or below 0 */
} jd_finding_kind;

typedef struct {
  jd_finding_kind kind;
  jd_severity severity;
  const char *metric, *drug, *region, *period; /* borrowed; what it is about */
  const char *title;       /* short Chinese headline ("百分比核对不符") */
  const char *explanation; /* Chinese sentence(s) */
  const char *arithmetic;  /* the calculation shown, e.g. "238 ÷ 626 = 38.02%（声称 40%）" */
  const jd_source *sources; /* every figure involved, in document order */
  size_t n_sources;
  double stated;           /* the stated value checked (NAN if none) */
  double computed;         /* the computed value (NAN if none) */
  jd_interval computed_interval; /* e.g. Wilson 95% for a share of counts; implied ranges */
  const double *solutions; /* exact-integer findings: pairs (prior, current) flattened; or single values */
  size_t n_solutions;      /* number of solutions (may exceed what is listed) */
  size_t solution_arity;   /* 1 or 2 values per solution */
  size_t n_listed;         /* solutions stored (at most 20) */
} jd_finding;

const char *jd_severity_to_string(jd_severity s);       /* "ok", "note", "warning", "error" */
const char *jd_severity_to_chinese(jd_severity s);      /* "通过", "提示", "警告", "错误" */
const char *jd_finding_kind_to_string(jd_finding_kind k); /* "share_check", ... */

/* ------------------------------------------------------------- analysis */

typedef struct {
  double confidence;       /* for confidence/prediction/Wilson intervals; default 0.95 */
  gboolean implied_points; /* add implied prior-period points to series; default TRUE */
  gboolean weighted;       /* weighted fits when values carry intervals; default TRUE */
  gboolean corroboration;  /* also a finding (ok) for every point several documents state
                              alike; default FALSE (jd_point.n_documents always counts them) */
  guint threads;           /* 0 (default): two for tables of 20,000 rows or more, else one;
                              1: only the calling thread. The result is the same. */
} jd_analyze_options;
#define JD_ANALYZE_OPTIONS_INIT {0.95, TRUE, TRUE, FALSE, 0}

typedef struct jd_analysis jd_analysis;

/* Analyses t (not modified; it may be freed afterwards: the analysis keeps
 * a reference to the table's string pool, which its results point into).
 * Tables of 20,000 rows or more are analysed on two threads (the calling one
 * and one worker that ends before jd_analyze returns; see options.threads).
 * Figures with a NaN value are skipped. Pick rule when one series point has
 * several values: intervals that overlap are consistent and the most precise
 * (narrowest interval) is picked; values that cannot both be true are a
 * conflict finding, and the pick is the most precise, then the one from the
 * most recent document (the document whose latest period is latest, then the
 * later document name); the others are listed in jd_point.others.
 * Caller frees with jd_analysis_free. */
jd_analysis *jd_analyze(const jd_figure_table *t, const jd_analyze_options *options,
                        GError **error);
void jd_analysis_free(jd_analysis *a);

size_t jd_analysis_get_series_count(const jd_analysis *a);
const jd_series *jd_analysis_get_series(const jd_analysis *a, size_t i); /* borrowed */
/* The headline series (scope "") for (metric, drug, region) of whole years
 * and kind level or rate; NULL if none. drug/region NULL match any (first
 * found). Borrowed. */
const jd_series *jd_analysis_find_series(const jd_analysis *a, const char *metric,
                                         const char *drug, const char *region);
/* Findings sorted by severity (errors first), then document order. */
size_t jd_analysis_get_finding_count(const jd_analysis *a);
const jd_finding *jd_analysis_get_finding(const jd_analysis *a, size_t i); /* borrowed */
/* Count of findings at or above a severity. */
size_t jd_analysis_count_findings(const jd_analysis *a, jd_severity at_least);

/* ---------------------------------------------------------- statistics */
/* The building blocks, public so they can be tested and reused. All return
 * FALSE with error on bad input (too few points, identical x, GSL failure). */

/* OLS (w == NULL) or weighted OLS of y on x; fills trend->slope .. forecast
 * (forecast_x given by the caller; NAN: max x + 1). n >= 3, x not all equal. */
gboolean jd_fit_trend(const double *x, const double *y, const double *w, size_t n,
                      double confidence, double forecast_x, jd_trend *trend, GError **error);
/* Compound annual growth rate in percent from v0 at x0 to v1 at x1; NAN when
 * undefined (non-positive values, x1 <= x0). */
double jd_cagr_pct(double v0, double x0, double v1, double x1);
/* Wilson score interval for k successes out of n at the given confidence. */
gboolean jd_wilson_interval(double k, double n, double confidence, jd_interval *out,
                            GError **error);

/* Integers a in prior and b in current (each an interval) such that the
 * change 100 * (b - a) / a, written with `decimals` digits, reads as
 * change_pct (rounded; with truncate also when truncated). Appends pairs to
 * out (GArray of double, a then b), at most max_listed pairs; returns the
 * total number of solutions (counting stops at 10^7). */
size_t jd_solve_change_integers(const jd_interval *prior, const jd_interval *current,
                                double change_pct, int decimals, gboolean truncate,
                                size_t max_listed, GArray *out);

/* ------------------------------------------------------------- output */

typedef enum { JD_ANALYSIS_TEXT = 0, JD_ANALYSIS_CSV, JD_ANALYSIS_JSON } jd_analysis_format;

/* The series, trends and findings as a readable table (text), one row per
 * point (CSV) or one JSON document. */
void jd_analysis_write(GString *out, const jd_analysis *a, jd_analysis_format format);
/* Only the findings at or above min_severity: text, CSV (one row per
 * finding) or JSON (an array). */
void jd_analysis_write_findings(GString *out, const jd_analysis *a, jd_analysis_format format,
                                jd_severity min_severity);

G_END_DECLS
