/* The numbers under the analysis: the interval a figure's qualifier and
 * precision stand for, values formatted for the Chinese explanations
 * (jd_buf_*), trends through GSL (gsl_fit_linear / gsl_fit_wlinear with
 * t-based intervals, CAGR, Wilson score intervals), the integer searches
 * behind approximate percentages, and the accessors of an analysis. The
 * analysis itself: driver.c. */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze-private.h"
#include "figure/figure-number.h"
#include "jindu/jindu.h"
#include "jindu/names.h"

G_DEFINE_QUARK(jd-analyze-error-quark, jd_analyze_error)

void jd_gsl_init(void)
{
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    /* GSL's default handler aborts; every status is checked instead. */
    gsl_set_error_handler_off();
    g_once_init_leave(&done, 1);
  }
}

/* ------------------------------------------------------------ vocabulary */

gboolean jd_unit_is_count(const char *unit)
{
  static const char *const non_count[] = {"kg", "g", "ton", "yuan", "twd", "wan_yuan", "percent",
                                          "permille", "percent_point", "km", "m", "l", "ml",
                                          "mu", "hectare", "ratio", "times", ""};
  if (!unit) return FALSE;
  for (size_t i = 0; i < G_N_ELEMENTS(non_count); i++)
    if (unit[0] == non_count[i][0] && strcmp(unit, non_count[i]) == 0) return FALSE;
  return TRUE;
}

gboolean jd_kind_is_bounded_percent(jd_kind k) { return k == JD_KIND_RATE || k == JD_KIND_SHARE; }

static gboolean figure_is_percent(const jd_figure *f)
{
  return f->kind == JD_KIND_RATE || f->kind == JD_KIND_SHARE || f->kind == JD_KIND_CHANGE_PCT ||
         f->kind == JD_KIND_CHANGE_PP || strcmp(f->unit, "percent") == 0;
}

const char *jd_metric_label(const char *metric)
{
  if (!metric || !*metric) return "指标";
  const char *t = jd_metric_title(metric);
  return t ? t : metric;
}

/* The value for reading, into b: whole numbers with all their digits, others
 * rounded to 10 significant digits (a computed -44.144999999999996 reads
 * -44.145), then as the CSV writes it (jd_figure_format_value). */
G_STATIC_ASSERT(sizeof(((jd_numbuf *)0)->s) >= JD_VALUE_BUF);

const char *jd_buf_value(jd_numbuf *b, double v)
{
  if (isfinite(v) && !(fabs(v) < JD_EXACT_INTEGER_MAX && v == nearbyint(v))) {
    char t[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(t, sizeof t, "%.10g", v);
    v = g_ascii_strtod(t, NULL);
  }
  jd_figure_format_value_buf(v, b->s);
  return b->s;
}

const char *jd_buf_number(jd_numbuf *b, double v, int decimals)
{
  if (isnan(v)) return g_strlcpy(b->s, "—", sizeof b->s), b->s;
  if (isinf(v)) return g_strlcpy(b->s, v > 0 ? "∞" : "-∞", sizeof b->s), b->s;
  if (fabs(v) < 1e10 && v == nearbyint(v)) return jd_buf_value(b, v);
  if (decimals < 0) decimals = 0;
  if (decimals > 12) decimals = 12;
  char *buf = b->s;
  if (!jd_fixed_digits_fast(v, decimals, buf)) {
    char fmt[16];
    g_snprintf(fmt, sizeof fmt, "%%.%df", decimals);
    g_ascii_formatd(buf, sizeof b->s, fmt, v);
  }
  if (strchr(buf, '.')) {
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == '0') buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.') buf[--n] = '\0';
  }
  if (strcmp(buf, "-0") == 0) g_strlcpy(buf, "0", sizeof b->s);
  return buf;
}

char *jd_format_number(double v, int decimals)
{
  jd_numbuf b;
  return g_strdup(jd_buf_number(&b, v, decimals));
}

/* value written with its qualifier's words ("340多", "近50"), into b */
static const char *with_qualifier(jd_numbuf *b, const char *value, jd_qualifier q)
{
  const char *pre, *post;
  jd_qualifier_words(q, JD_QUAL_WORDS_AUDIT, &pre, &post);
  g_strlcpy(b->s, pre, sizeof b->s);
  g_strlcat(b->s, value, sizeof b->s);
  g_strlcat(b->s, post, sizeof b->s);
  return b->s;
}

const char *jd_buf_stated(jd_numbuf *b, const jd_figure *f)
{
  jd_numbuf v;
  with_qualifier(b, jd_buf_value(&v, f->value), f->qualifier);
  if (figure_is_percent(f)) g_strlcat(b->s, "%", sizeof b->s);
  return b->s;
}

/* Large numbers as Chinese readers write them: 2553000 -> "255.3万",
 * 1418333333 -> "14.2亿". A stated value from 10,000 when that is exact
 * (at most four decimals of 万/亿; below 100,000 round hundreds only: 1.5万),
 * else its digits; an estimate from 100,000, rounded to `sig` significant
 * digits (three, as the charts and the report round them). Smaller numbers:
 * jd_buf_value / jd_buf_number(v, decimals). */
static const char *buf_cn(jd_numbuf *b, double v, gboolean estimate, int decimals, int sig)
{
  double a = fabs(v);
  if (!isfinite(v) || a < (estimate ? 1e5 : 1e4))
    return estimate ? jd_buf_number(b, v, decimals) : jd_buf_value(b, v);
  double unit = a >= 1e8 ? 1e8 : 1e4;
  double x = v / unit;
  int d;
  if (estimate) {
    d = sig - (int)floor(log10(fabs(x))) - 1; /* `sig` significant digits */
    d = CLAMP(d, 0, 4);
  } else {
    for (d = 0; d <= 4; d++) { /* the fewest decimals that give v back */
      double p = pow(10, d), m = nearbyint(x * p);
      if (fabs(m / p * unit - v) <= 1e-6 * a) break;
    }
    /* below 100,000 only round hundreds (1.5万, not 1.096万) */
    if (d > 4 || (a < 1e5 && d > 2)) return jd_buf_value(b, v);
  }
  jd_buf_number(b, x, d);
  g_strlcat(b->s, unit == 1e8 ? "亿" : "万", sizeof b->s);
  return b->s;
}

const char *jd_buf_cn_value(jd_numbuf *b, double v) { return buf_cn(b, v, FALSE, 0, 0); }

const char *jd_buf_cn_estimate(jd_numbuf *b, double v, int decimals)
{
  return buf_cn(b, v, TRUE, decimals, 3);
}

void jd_buf_cn_range(jd_numbuf *value, jd_numbuf *lo, jd_numbuf *hi, double v, double l,
                     double h, int decimals)
{
  /* three significant digits, more while the two ends read alike */
  for (int sig = 3; sig <= 7; sig++) {
    buf_cn(lo, l, TRUE, decimals, sig);
    buf_cn(hi, h, TRUE, decimals, sig);
    if (strcmp(lo->s, hi->s) != 0 || l == h || sig == 7) {
      if (value) buf_cn(value, v, TRUE, decimals, sig);
      return;
    }
  }
}

const char *jd_buf_cn_stated(jd_numbuf *b, const jd_figure *f)
{
  if (figure_is_percent(f)) return jd_buf_stated(b, f);
  jd_numbuf v;
  return with_qualifier(b, jd_buf_cn_value(&v, f->value), f->qualifier);
}

const char *jd_buf_cn_stated_unit(jd_numbuf *b, const jd_figure *f)
{
  if (figure_is_percent(f)) return jd_buf_stated_unit(b, f);
  /* 23610 kg was written 23.61吨, and the briefing says so: in tonnes when a
   * whole number of ten kilograms from one tonne (as the briefing's axis) */
  double tenths = f->value / 10.0;
  if (!strcmp(f->unit, "kg") && fabs(f->value) >= 1000 && tenths == floor(tenths) &&
      fabs(f->value) < 1e12) {
    jd_figure t = *f;
    t.value = f->value / 1000.0;
    jd_buf_cn_stated(b, &t);
    g_strlcat(b->s, "吨", sizeof b->s);
    return b->s;
  }
  jd_buf_cn_stated(b, f);
  if (strcmp(f->unit, "percent") != 0) g_strlcat(b->s, jd_measure_word(f), sizeof b->s);
  return b->s;
}

char *jd_format_stated(const jd_figure *f)
{
  jd_numbuf b;
  return g_strdup(jd_buf_stated(&b, f));
}

/* The measure word after a figure: a metric's own word for people ("名"
 * for suspects and drug users, as the briefing writes them), else the
 * unit's. */
const char *jd_measure_word(const jd_figure *f)
{
  const char *pu = strcmp(f->unit, "person") == 0 ? jd_metric_person_unit(f->metric) : NULL;
  return pu ? pu : jd_unit_name(f->unit);
}

const char *jd_buf_stated_unit(jd_numbuf *b, const jd_figure *f)
{
  jd_buf_stated(b, f);
  if (strcmp(f->unit, "percent") != 0) g_strlcat(b->s, jd_measure_word(f), sizeof b->s);
  return b->s;
}

/* ------------------------------------------------------------- intervals */

int jd_figure_get_decimals(const jd_figure *f)
{
  if (fabs(f->value) < 1e10 && f->value == nearbyint(f->value)) return 0;
  jd_numbuf b;
  const char *s = jd_buf_value(&b, f->value);
  const char *e = strpbrk(s, "eE");
  if (e) return 0;
  const char *dot = strchr(s, '.');
  return dot ? (int)strlen(dot + 1) : 0;
}

/* One unit of the last non-zero digit: 340 -> 10, 2000 -> 1000, 3.84 -> 0.01. */
static double last_digit_unit(double a, int decimals)
{
  static const double inv10[] = {1, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8};
  if (decimals > 0) return decimals < 9 ? inv10[decimals] : pow(10, -decimals);
  if (a < 1) return 1;
  double unit = 1;
  double r = nearbyint(a);
  if (r < 1e15) { /* integer digits: no fmod */
    unsigned long long u = (unsigned long long)r;
    while (u % 10 == 0) {
      u /= 10;
      unit *= 10;
    }
    return unit;
  }
  while (unit < 1e15 && fmod(r, unit * 10) == 0) unit *= 10;
  return unit;
}

static jd_interval make_interval(double lo, double hi, gboolean lo_open, gboolean hi_open)
{
  jd_interval iv = {lo, hi, lo_open, hi_open};
  return iv;
}

jd_interval jd_figure_get_interval(const jd_figure *f)
{
  double v = f->value;
  if (!isfinite(v)) return make_interval(NAN, NAN, FALSE, FALSE);
  gboolean bounded = jd_kind_is_bounded_percent(f->kind);
  gboolean neg = v < 0;
  double a = fabs(v);
  int d = jd_figure_get_decimals(f);
  double unit = last_digit_unit(a, d);
  double half = 0.5 * (d == 0 ? 1 : pow(10, -d));
  jd_interval m; /* for |v|, mirrored for negatives */
  switch (f->qualifier) {
  case JD_QUAL_MORE_THAN:
    if (bounded)
      m = a < 100 ? make_interval(a, 100, TRUE, FALSE) : make_interval(a, INFINITY, TRUE, TRUE);
    else
      m = make_interval(a, a + unit, FALSE, TRUE);
    break;
  case JD_QUAL_NEARLY: m = make_interval(0.9 * a, a, TRUE, FALSE); break;
  case JD_QUAL_ABOUT:
    m = a > 0 ? make_interval(0.95 * a, 1.05 * a, FALSE, FALSE)
              : make_interval(-half, half, FALSE, FALSE);
    break;
  case JD_QUAL_LESS_THAN:
    m = bounded ? make_interval(0, a, FALSE, TRUE) : make_interval(0.9 * a, a, FALSE, TRUE);
    break;
  case JD_QUAL_AT_LEAST:
    m = bounded ? make_interval(a, 100, FALSE, FALSE) : make_interval(a, INFINITY, FALSE, TRUE);
    break;
  case JD_QUAL_AT_MOST:
    if (neg) return make_interval(-INFINITY, v, TRUE, FALSE);
    m = make_interval(0, a, FALSE, FALSE);
    break;
  default:
    if (d == 0 && !figure_is_percent(f) && jd_unit_is_count(f->unit) && a >= 10000 &&
        unit >= 1000)
      /* "255.3万", "2万": a count in ten-thousands, rounded to its last digit */
      m = make_interval(a - unit / 2, a + unit / 2, FALSE, FALSE);
    else if (d == 0 && !figure_is_percent(f) && jd_unit_is_count(f->unit) && a == nearbyint(a))
      m = make_interval(a, a, FALSE, FALSE);
    else
      m = make_interval(a - half, a + half, FALSE, FALSE);
    break;
  }
  if (!neg) return m;
  return make_interval(-m.high, -m.low, m.high_open, m.low_open);
}

const char *jd_buf_interval(jd_numbuf *b, const jd_interval *iv)
{
  if (isnan(iv->low) || isnan(iv->high)) return g_strlcpy(b->s, "—", sizeof b->s), b->s;
  if (iv->low == iv->high && !iv->low_open && !iv->high_open) return jd_buf_value(b, iv->low);
  jd_numbuf lo, hi;
  g_snprintf(b->s, sizeof b->s, "%c%s, %s%c", iv->low_open ? '(' : '[',
             isinf(iv->low) ? "-∞" : jd_buf_value(&lo, iv->low),
             isinf(iv->high) ? "∞" : jd_buf_value(&hi, iv->high), iv->high_open ? ')' : ']');
  return b->s;
}

char *jd_interval_to_string(const jd_interval *iv)
{
  jd_numbuf b;
  return g_strdup(jd_buf_interval(&b, iv));
}

double jd_interval_mid(const jd_interval *iv)
{
  if (isinf(iv->low) || isinf(iv->high)) return isinf(iv->low) ? iv->high : iv->low;
  return 0.5 * (iv->low + iv->high);
}

gboolean jd_interval_contains(const jd_interval *iv, double x)
{
  if (isnan(x)) return FALSE;
  if (x < iv->low || (iv->low_open && x == iv->low)) return FALSE;
  if (x > iv->high || (iv->high_open && x == iv->high)) return FALSE;
  return TRUE;
}

gboolean jd_intervals_overlap(const jd_interval *a, const jd_interval *b)
{
  if (a->high < b->low || b->high < a->low) return FALSE;
  if (a->high == b->low && (a->high_open || b->low_open) && a->low != a->high) return FALSE;
  if (b->high == a->low && (b->high_open || a->low_open) && b->low != b->high) return FALSE;
  return TRUE;
}

double jd_interval_width(const jd_interval *iv)
{
  double w = iv->high - iv->low;
  return isnan(w) ? INFINITY : w;
}

/* --------------------------------------------------------------- sources */

char *jd_source_to_string(const jd_source *s)
{
  return g_strdup_printf("%s:%u", s->doc && *s->doc ? s->doc : "(curated)", s->line);
}

/* ------------------------------------------------------------ statistics */

double jd_cagr_pct(double v0, double x0, double v1, double x1)
{
  if (!(v0 > 0) || !(v1 >= 0) || !(x1 > x0) || !isfinite(v0) || !isfinite(v1)) return NAN;
  return (pow(v1 / v0, 1.0 / (x1 - x0)) - 1.0) * 100.0;
}

gboolean jd_wilson_interval(double k, double n, double confidence, jd_interval *out,
                            GError **error)
{
  jd_gsl_init();
  if (!(n > 0) || !(k >= 0) || k > n || !(confidence > 0 && confidence < 1)) {
    g_set_error(error, JD_ANALYZE_ERROR, JD_ANALYZE_ERROR_INPUT,
                "Wilson interval needs 0 <= k <= n, n > 0 and 0 < confidence < 1 (got k=%g, "
                "n=%g, confidence=%g)",
                k, n, confidence);
    return FALSE;
  }
  double z = gsl_cdf_ugaussian_Pinv(1 - (1 - confidence) / 2);
  double p = k / n, z2 = z * z;
  double denom = 1 + z2 / n;
  double centre = (p + z2 / (2 * n)) / denom;
  double half = z / denom * sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  *out = make_interval(fmax(0, centre - half), fmin(1, centre + half), FALSE, FALSE);
  return TRUE;
}

gboolean jd_fit_trend(const double *x, const double *y, const double *w, size_t n,
                      double confidence, double forecast_x, jd_trend *trend, GError **error)
{
  return jd_fit_trend_t(x, y, w, n, confidence, NAN, forecast_x, trend, error);
}

gboolean jd_fit_trend_t(const double *x, const double *y, const double *w, size_t n,
                        double confidence, double t_quantile, double forecast_x,
                        jd_trend *trend, GError **error)
{
  jd_gsl_init();
  if (n < 3) {
    g_set_error(error, JD_ANALYZE_ERROR, JD_ANALYZE_ERROR_INPUT,
                "a linear trend needs at least 3 points (got %zu)", n);
    return FALSE;
  }
  if (!(confidence > 0 && confidence < 1)) {
    g_set_error(error, JD_ANALYZE_ERROR, JD_ANALYZE_ERROR_INPUT,
                "confidence must lie strictly between 0 and 1 (got %g)", confidence);
    return FALSE;
  }
  double xmin = INFINITY, xmax = -INFINITY, wsum = 0;
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(x[i]) || !isfinite(y[i]) || (w && !(isfinite(w[i]) && w[i] > 0))) {
      g_set_error(error, JD_ANALYZE_ERROR, JD_ANALYZE_ERROR_INPUT,
                  "point %zu of the fit is not finite (x=%g, y=%g)%s", i, x[i], y[i],
                  w ? " or has a non-positive weight" : "");
      return FALSE;
    }
    xmin = fmin(xmin, x[i]);
    xmax = fmax(xmax, x[i]);
    if (w) wsum += w[i];
  }
  if (xmin == xmax) {
    g_set_error(error, JD_ANALYZE_ERROR, JD_ANALYZE_ERROR_INPUT,
                "every point has the same period (x=%g): no trend can be fitted", xmin);
    return FALSE;
  }
  double c0, c1, cov00, cov01, cov11, ss;
  int status = w ? gsl_fit_wlinear(x, 1, w, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &ss)
                 : gsl_fit_linear(x, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &ss);
  if (status != GSL_SUCCESS || !isfinite(c0) || !isfinite(c1)) {
    g_set_error(error, JD_ANALYZE_ERROR, JD_ANALYZE_ERROR_NUMERIC, "%s failed: %s",
                w ? "gsl_fit_wlinear" : "gsl_fit_linear", gsl_strerror(status));
    return FALSE;
  }
  double dof = (double)n - 2;
  double s2 = ss / dof; /* residual variance (at unit weight when weighted) */
  if (w) {
    /* gsl_fit_wlinear takes the weights as known 1/sigma^2; they are only
     * relative here, so scale the covariance by the residual variance. */
    cov00 *= s2;
    cov01 *= s2;
    cov11 *= s2;
  }
  double t = isnan(t_quantile) ? gsl_cdf_tdist_Pinv(1 - (1 - confidence) / 2, dof) : t_quantile;
  if (!isfinite(t)) {
    g_set_error(error, JD_ANALYZE_ERROR, JD_ANALYZE_ERROR_NUMERIC,
                "gsl_cdf_tdist_Pinv failed for %g degrees of freedom", dof);
    return FALSE;
  }
  double tss;
  if (w) {
    double wm = gsl_stats_wmean(w, 1, y, 1, n);
    tss = 0;
    for (size_t i = 0; i < n; i++) tss += w[i] * (y[i] - wm) * (y[i] - wm);
  } else {
    tss = gsl_stats_tss(y, 1, n);
  }
  if (isnan(forecast_x)) forecast_x = xmax + 1;
  double yf, yf_err;
  status = gsl_fit_linear_est(forecast_x, c0, c1, cov00, cov01, cov11, &yf, &yf_err);
  if (status != GSL_SUCCESS) {
    g_set_error(error, JD_ANALYZE_ERROR, JD_ANALYZE_ERROR_NUMERIC, "gsl_fit_linear_est failed: %s",
                gsl_strerror(status));
    return FALSE;
  }
  /* a new observation varies by the residual variance (for a weighted fit:
   * at the mean weight) on top of the uncertainty of the fitted line */
  double obs_var = w ? s2 / (wsum / (double)n) : s2;
  double pred_se = sqrt(yf_err * yf_err + obs_var);
  double se1 = sqrt(cov11);

  trend->kind = w ? JD_TREND_WEIGHTED : JD_TREND_LINEAR;
  trend->n = n;
  trend->slope = c1;
  trend->intercept = c0;
  trend->slope_low = c1 - t * se1;
  trend->slope_high = c1 + t * se1;
  trend->r2 = tss > 0 ? 1 - ss / tss : NAN;
  trend->forecast_x = forecast_x;
  trend->forecast = yf;
  trend->forecast_low = yf - t * pred_se;
  trend->forecast_high = yf + t * pred_se;
  return TRUE;
}

/* -------------------------------------------------- integers behind ratios */

static inline gboolean b_fails(double r, double r_lo, double r_hi)
{
  return r < r_lo - 1e-12 || r > r_hi + 1e-12;
}

/* Integers a in A, b in B with b / a in [r_lo, r_hi] (a > 0). */
static size_t solve_ratio(const jd_interval *A, const jd_interval *B, double r_lo, double r_hi,
                          size_t max_listed, GArray *out)
{
  const size_t cap = 10000000;
  double a_lo = ceil(A->low), a_hi = floor(A->high);
  if (A->low_open && a_lo == A->low) a_lo += 1;
  if (A->high_open && a_hi == A->high) a_hi -= 1;
  double b_min = ceil(B->low), b_max = floor(B->high);
  if (B->low_open && b_min == B->low) b_min += 1;
  if (B->high_open && b_max == B->high) b_max -= 1;
  if (a_lo < 1) a_lo = 1;
  if (!(a_hi >= a_lo) || !(b_max >= b_min) || !isfinite(a_lo) || !isfinite(b_min)) return 0;
  /* a double steps by one only below 2^52: larger counts have no exact search
   * (and every loop below would stop moving) */
  if (!(a_lo < JD_EXACT_INTEGER_MAX) || !(fabs(b_min) < JD_EXACT_INTEGER_MAX)) return 0;
  if (!(b_max < JD_EXACT_INTEGER_MAX)) b_max = JD_EXACT_INTEGER_MAX - 1;
  if (!isfinite(a_hi) || a_hi - a_lo > 1e7) a_hi = a_lo + 1e7; /* bounded work */
  if (a_hi * fmax(fabs(r_lo), fabs(r_hi)) >= JD_EXACT_INTEGER_MAX) return 0;
  size_t count = 0;
  /* a small tolerance absorbs binary rounding of the stated percentage */
  const double eps = 1e-9;
  for (double a = a_lo; a <= a_hi && count < cap; a += 1) {
    double lo = ceil(a * r_lo - eps * a), hi = floor(a * r_hi + eps * a);
    lo = fmax(lo, b_min);
    hi = fmin(hi, b_max);
    /* re-check exactly, r_lo <= b/a <= r_hi: b/a grows with b, so only the
     * ends of [lo, hi] can fail and every b between them passes — counted,
     * not visited (a rounded 240.4万 has millions of pairs) */
    /* the tolerance moves each end by a step or two at most */
    for (int k = 0; k < 64 && lo <= hi && b_fails(lo / a, r_lo, r_hi); k++) lo += 1;
    for (int k = 0; k < 64 && hi >= lo && b_fails(hi / a, r_lo, r_hi); k++) hi -= 1;
    if (lo <= hi && (b_fails(lo / a, r_lo, r_hi) || b_fails(hi / a, r_lo, r_hi))) continue;
    if (hi < lo) continue;
    for (double b = lo; b <= hi && out && count < max_listed && count < cap; b += 1, lo += 1) {
      g_array_append_val(out, a);
      g_array_append_val(out, b);
      count++;
    }
    if (hi >= lo) count = (size_t)fmin((double)cap, (double)count + (hi - lo + 1));
  }
  return count;
}

/* The range of true values a percentage written with `decimals` digits can
 * stand for: rounded [c - h, c + h]; truncated toward zero [c, c + 2h) for
 * c >= 0, (c - 2h, c] for c < 0. */
void jd_percent_range(double c, int decimals, gboolean truncated, double *lo, double *hi)
{
  double h = 0.5 * pow(10, -decimals);
  if (!truncated) {
    *lo = c - h;
    *hi = c + h;
  } else if (c >= 0) {
    *lo = c;
    *hi = c + 2 * h - 1e-12;
  } else {
    *lo = c - 2 * h + 1e-12;
    *hi = c;
  }
}

size_t jd_solve_change_integers(const jd_interval *prior, const jd_interval *current,
                                double change_pct, int decimals, gboolean truncate,
                                size_t max_listed, GArray *out)
{
  double lo, hi;
  jd_percent_range(change_pct, decimals, truncate, &lo, &hi);
  return solve_ratio(prior, current, 1 + lo / 100, 1 + hi / 100, max_listed, out);
}

size_t jd_solve_share_integers(const jd_interval *whole, const jd_interval *part, double lo_pct,
                               double hi_pct, size_t max_listed, GArray *out)
{
  return solve_ratio(whole, part, lo_pct / 100, hi_pct / 100, max_listed, out);
}

size_t jd_analysis_get_series_count(const jd_analysis *a) { return a ? a->series->len : 0; }

const jd_series *jd_analysis_get_series(const jd_analysis *a, size_t i)
{
  g_return_val_if_fail(a != NULL && i < a->series->len, NULL);
  return g_ptr_array_index(a->series, i);
}

const jd_series *jd_analysis_find_series(const jd_analysis *a, const char *metric,
                                         const char *drug, const char *region)
{
  g_return_val_if_fail(a != NULL && metric != NULL, NULL);
  for (guint i = 0; i < a->series->len; i++) {
    const jd_series *s = g_ptr_array_index(a->series, i);
    if (strcmp(s->metric, metric) || *s->period_class || *s->scope) continue;
    if (s->kind != JD_KIND_LEVEL && s->kind != JD_KIND_RATE) continue;
    if (drug && strcmp(s->drug, drug)) continue;
    if (region && strcmp(s->region, region)) continue;
    return s;
  }
  return NULL;
}

size_t jd_analysis_get_finding_count(const jd_analysis *a) { return a ? a->findings->len : 0; }

const jd_finding *jd_analysis_get_finding(const jd_analysis *a, size_t i)
{
  g_return_val_if_fail(a != NULL && i < a->findings->len, NULL);
  return g_ptr_array_index(a->findings, i);
}

size_t jd_analysis_count_findings(const jd_analysis *a, jd_severity at_least)
{
  size_t n = 0;
  for (guint i = 0; a && i < a->findings->len; i++)
    if (((const jd_finding *)g_ptr_array_index(a->findings, i))->severity >= at_least) n++;
  return n;
}

const char *jd_severity_to_string(jd_severity s)
{
  static const char *const names[] = {"ok", "note", "warning", "error"};
  return (unsigned)s < G_N_ELEMENTS(names) ? names[s] : "note";
}

const char *jd_severity_to_chinese(jd_severity s)
{
  static const char *const names[] = {"通过", "提示", "警告", "错误"};
  return (unsigned)s < G_N_ELEMENTS(names) ? names[s] : "提示";
}

const char *jd_finding_kind_to_string(jd_finding_kind k)
{
  static const char *const names[] = {"share_check",   "change_check",   "exact_integers",
                                      "implied_prior", "implied_total", "conflict",
                                      "corroborated",  "part_whole", "table_total",
                                      "impossible"};
  return (unsigned)k < G_N_ELEMENTS(names) ? names[k] : "finding";
}

const char *jd_buf_fixed(jd_numbuf *b, double v, int decimals)
{
  if (!isfinite(v)) return jd_buf_number(b, v, 0);
  char *buf = b->s;
  if (!jd_fixed_digits_fast(v, CLAMP(decimals, 0, 12), buf)) {
    char fmt[16];
    g_snprintf(fmt, sizeof fmt, "%%.%df", CLAMP(decimals, 0, 12));
    g_ascii_formatd(buf, sizeof b->s, fmt, v);
  }
  if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
    memmove(buf, buf + 1, strlen(buf)); /* "-0.00" is "0.00" */
  return buf;
}

char *jd_format_fixed(double v, int decimals)
{
  jd_numbuf b;
  return g_strdup(jd_buf_fixed(&b, v, decimals));
}

const char *jd_qualifier_name(jd_qualifier q)
{
  static const char *const names[] = {"exact",     "more_than", "nearly", "about",
                                      "less_than", "at_least",  "at_most"};
  return (unsigned)q < G_N_ELEMENTS(names) ? names[q] : "exact";
}
