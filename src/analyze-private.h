/* Internals shared by analyze.c (series, trends), audit.c (findings) and
 * analyze-output.c (text/CSV/JSON): the analysis object and small helpers. */
#pragma once

#include "jindu/analyze.h"

/* "%.<d>f" of v by hand when that is exact (src/figure.c); FALSE: use printf */
gboolean jd_fixed_digits_fast(double v, int d, char *buf);

/* g_string_append_printf without vasprintf: plain %s %zu %u %d %c %% are
 * appended directly, any other conversion goes through printf; output is
 * identical (analyze-output.c) */
void jd_sappend(GString *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

struct jd_analysis {
  GStringChunk *strings; /* every string the results point to */
  GPtrArray *series;     /* jd_series*, freed with series_free */
  GPtrArray *findings;   /* jd_finding*, freed with finding_free */
  jd_analyze_options options;
  /* during jd_analyze only: table string pointer -> interned copy (the
   * table's strings stay put while it is analysed) */
  GHashTable *table_strings;
};

/* A value implied for a prior period, handed from the audit to the series
 * builder so it can add an implied point where no stated one exists. */
typedef struct {
  const jd_figure *level;  /* the current-period level it was derived from */
  const jd_figure *change; /* the change figure */
  char *period;            /* the prior period */
  double value;
  jd_interval interval;
  char *derivation;        /* Chinese */
} jd_implied_prior;

/* Runs the audit over t: appends findings to a->findings and implied priors
 * (jd_implied_prior*, owned) to implied. */
gboolean jd_audit_run(jd_analysis *a, const jd_figure_table *t, GPtrArray *implied,
                      GError **error);
void jd_implied_prior_free(jd_implied_prior *p);

/* Interns s in the analysis' string chunk. */
const char *jd_analysis_intern(jd_analysis *a, const char *s);
/* The same for a string of the table being analysed, cached by address. */
const char *jd_analysis_intern_table(jd_analysis *a, const char *s);
/* A copy of a (usually unique) quote, not deduplicated. */
const char *jd_analysis_quote(jd_analysis *a, const char *s);

/* Units whose exact values are whole counts (person, case, ...). */
gboolean jd_unit_is_count(const char *unit);
/* TRUE for kinds whose values are percentages bounded by 0..100. */
gboolean jd_kind_is_bounded_percent(jd_kind k);

/* Chinese label of a metric id ("cases_solved" -> "破获毒品案件"), or the id. */
const char *jd_metric_label(const char *metric);
/* Chinese measure word for a unit ("case" -> "起"), or "". */
const char *jd_unit_label(const char *unit);
/* Formats v with at most `decimals` digits after the point, trailing zeros
 * dropped. Caller frees. */
char *jd_format_number(double v, int decimals);
/* The value as written in Chinese with its qualifier ("340多", "近50%"). */
char *jd_format_stated(const jd_figure *f);

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
