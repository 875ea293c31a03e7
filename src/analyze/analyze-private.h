/* Internals shared by the files of the analysis: the analysis object and
 * its arena (arena.c), the context the audit reads (context.c), the audit
 * (audit.c) as the driver runs it (driver.c), the statistics and
 * formatting helpers (analyze.c, output.c). */
#pragma once

#include "jindu/analyze.h"
#include "figure/figure-private.h"

/* "%.<d>f" of v by hand when that is exact (src/figure.c); FALSE: use printf */
gboolean jd_fixed_digits_fast(double v, int d, char *buf);

/* g_string_append_printf without vasprintf: plain %s %zu %u %d %c %% are
 * appended directly, any other conversion goes through printf; output is
 * identical (output.c) */
void jd_sappend(GString *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

struct jd_analysis {
  GStringChunk *strings;   /* every string the results point to, except the table's */
  jd_string_pool *table;   /* the analysed table's strings, which results point into */
  GPtrArray *blocks;       /* arena blocks (g_free): series, points, findings, sources */
  char *arena_ptr;
  size_t arena_left;
  GPtrArray *series;       /* jd_series* in the arena */
  GPtrArray *findings;     /* jd_finding* in the arena */
  jd_analyze_options options;
  GString *ex, *ar;        /* scratch for explanations and arithmetic while analysing */
  GArray *sol;             /* scratch for integer solutions (double) */
  GHashTable *metric_names, *period_labels; /* string pointer -> its Chinese name */
};

/* An analysis with no results yet, with the options (defaults when NULL;
 * a confidence outside (0, 1) becomes 0.95) and the scratch buffers. Free
 * with jd_analysis_free (arena.c). */
jd_analysis *jd_analysis_new_empty(const jd_analyze_options *options);
/* Frees the scratch buffers (ex, ar, sol) once the analysis is done. */
void jd_analysis_drop_scratch(jd_analysis *a);
/* Moves the arena blocks of `from` into a (from's results then live as long
 * as a; from may be freed). */
void jd_analysis_take_blocks(jd_analysis *a, jd_analysis *from);

/* Memory that lives as long as the analysis (16-byte aligned; size 0 gives
 * a valid pointer). alloc0 zero-fills; dup copies. */
void *jd_analysis_alloc(jd_analysis *a, size_t size);
void *jd_analysis_alloc0(jd_analysis *a, size_t size);
void *jd_analysis_dup(jd_analysis *a, const void *p, size_t size);
/* Copies the scratch text into the analysis' strings. */
const char *jd_analysis_text(jd_analysis *a, const GString *s);

/* What the series builder and the audit share while one table is analysed
 * (context.c; its body in analyze-context.h). Within one table equal
 * strings have equal pointers (figure-private.h), so figures are compared
 * by pointer. */
typedef struct jd_analyze_ctx jd_analyze_ctx;
/* The rows of the table and their count. */
const jd_figure *const *jd_ctx_rows(const jd_analyze_ctx *c, size_t *n);
/* The document index of row i (documents numbered in order of appearance). */
guint32 jd_ctx_row_doc(const jd_analyze_ctx *c, size_t i);
guint32 jd_ctx_doc_count(const jd_analyze_ctx *c);
/* The table's pointer for a period name ("2018"), or NULL when no row has
 * that period. */
const char *jd_ctx_period_canonical(jd_analyze_ctx *c, const char *name);
/* The period one year before the row period p (a table pointer), as a
 * string that lives as long as the analysis; NULL if none. Cached. */
const char *jd_ctx_period_previous(jd_analyze_ctx *c, const char *p);

/* A value implied for a prior period, handed from the audit to the series
 * builder so it can add an implied point where no stated one exists. */
typedef struct {
  const jd_figure *level;  /* the current-period level it was derived from */
  const jd_figure *change; /* the change figure */
  const char *period;      /* the prior period (lives as long as the analysis) */
  double value;
  jd_interval interval;
  const char *derivation;  /* Chinese (analysis strings) */
} jd_implied_prior;

/* The audit, document by document (audit.c). A plan lists the documents
 * and their rows; runs over disjoint ranges of its documents may go on at
 * the same time (each with its own jd_analysis to collect into). */
typedef struct jd_audit_plan jd_audit_plan;
jd_audit_plan *jd_audit_plan_new(jd_analyze_ctx *c);
void jd_audit_plan_free(jd_audit_plan *p);
guint32 jd_audit_plan_get_count(const jd_audit_plan *p);
/* The first document after `fraction` of the rows. */
guint32 jd_audit_plan_split(const jd_audit_plan *p, double fraction);
/* Audits documents [from, to) of the plan: appends findings to a->findings
 * and implied priors (jd_implied_prior values) to implied. */
gboolean jd_audit_run(jd_analysis *a, jd_analyze_ctx *c, jd_audit_plan *p, guint32 from,
                      guint32 to, GArray *implied, GError **error);

/* jd_fit_trend with the t quantile of the confidence at n - 2 degrees of
 * freedom given (NAN: computed). */
gboolean jd_fit_trend_t(const double *x, const double *y, const double *w, size_t n,
                        double confidence, double t_quantile, double forecast_x,
                        jd_trend *trend, GError **error);

/* Interns s in the analysis' string chunk. */
const char *jd_analysis_intern(jd_analysis *a, const char *s);

/* Whether two intervals share a value; the width of one (INFINITY when
 * undefined). */
gboolean jd_intervals_overlap(const jd_interval *a, const jd_interval *b);
double jd_interval_width(const jd_interval *iv);

/* Units whose exact values are whole counts (person, case, ...). */
gboolean jd_unit_is_count(const char *unit);
/* TRUE for kinds whose values are percentages bounded by 0..100. */
gboolean jd_kind_is_bounded_percent(jd_kind k);

/* Chinese label of a known metric id ("cases_solved" -> "破获毒品案件"), or
 * the id (names.h). */
const char *jd_metric_label(const char *metric);
/* jd_metric_name and jd_period_label (names.h) of a string of the analysed
 * table, made once per string and kept in a's strings. */
const char *jd_analysis_metric_name(jd_analysis *a, const char *metric);
const char *jd_analysis_period_label(jd_analysis *a, const char *period);
/* The measure word after a figure's value: the metric's word for people
 * ("名" for suspects and drug users) or the unit's ("起", "公斤"). */
const char *jd_measure_word(const jd_figure *f);
/* Formats v with at most `decimals` digits after the point, trailing zeros
 * dropped. Caller frees. */
char *jd_format_number(double v, int decimals);
/* The value as written in Chinese with its qualifier ("340多", "近50%"). */
char *jd_format_stated(const jd_figure *f);

/* The same formatting into a caller's buffer, without allocating: each
 * returns b->s. jd_buf_value is jd_figure_format_value; jd_buf_stated_unit
 * adds the unit's measure word ("340多起"; not for percentages). */
typedef struct {
  char s[448]; /* "%.12f" of the largest double fits */
} jd_numbuf;
const char *jd_buf_value(jd_numbuf *b, double v);
const char *jd_buf_number(jd_numbuf *b, double v, int decimals);
const char *jd_buf_fixed(jd_numbuf *b, double v, int decimals);
const char *jd_buf_stated(jd_numbuf *b, const jd_figure *f);
const char *jd_buf_stated_unit(jd_numbuf *b, const jd_figure *f);
/* Large numbers (100,000 and more) the way Chinese readers write them:
 * 2553000 -> "255.3万", 1418333333 -> "14.2亿". cn_value: a stated value
 * from 10,000, only when that is exact (else its digits); cn_estimate: from
 * 100,000, three significant digits (below: jd_buf_number(v, decimals)); cn_stated_unit:
 * jd_buf_stated_unit in that style ("255.3万人"). */
const char *jd_buf_cn_value(jd_numbuf *b, double v);
const char *jd_buf_cn_estimate(jd_numbuf *b, double v, int decimals);
const char *jd_buf_cn_stated_unit(jd_numbuf *b, const jd_figure *f);
/* An estimate v and its range [l, h]: as cn_estimate, with more digits
 * while both ends would read the same ("240.3万（240.1万–240.5万）", not
 * "240万（240万–240万）"). value may be NULL. */
void jd_buf_cn_range(jd_numbuf *value, jd_numbuf *lo, jd_numbuf *hi, double v, double l,
                     double h, int decimals);
/* jd_buf_stated in that style, without the unit */
const char *jd_buf_cn_stated(jd_numbuf *b, const jd_figure *f);
/* jd_interval_to_string into b */
const char *jd_buf_interval(jd_numbuf *b, const jd_interval *iv);

/* Sets up GSL once (error handler off). */
void jd_gsl_init(void);

/* The range of true values a percentage written with `decimals` digits can
 * stand for: rounded, or truncated toward zero. */
void jd_percent_range(double c, int decimals, gboolean truncated, double *lo, double *hi);
/* Integers w in whole and p in part with 100 * p / w in [lo_pct, hi_pct]
 * (pairs w, p appended to out, at most max_listed); returns the count. */
size_t jd_solve_share_integers(const jd_interval *whole, const jd_interval *part, double lo_pct,
                               double hi_pct, size_t max_listed, GArray *out);
/* v with exactly `decimals` digits after the point. Caller frees. */
char *jd_format_fixed(double v, int decimals);
/* "exact", "more_than", ... (kept here so analysis does not depend on the
 * number parser). */
const char *jd_qualifier_name(jd_qualifier q);
