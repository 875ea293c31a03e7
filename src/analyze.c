/* Analysis of a figures table: qualifier intervals, periods, series per
 * (metric, drug, region, unit, kind, period class) with corroboration,
 * conflicts and the pick rule, and trends through GSL (gsl_fit_linear /
 * gsl_fit_wlinear with t-based intervals, CAGR, Wilson score intervals). */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze-private.h"

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
  static const char *const non_count[] = {"kg", "g", "ton", "yuan", "wan_yuan", "percent",
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
  static const char *const labels[][2] = {
      {"cases_solved", "破获毒品案件"},
      {"suspects_arrested", "抓获犯罪嫌疑人"},
      {"drugs_seized", "缴获毒品"},
      {"gangs_busted", "打掉团伙"},
      {"users_registered", "现有吸毒人员"},
      {"users_checked", "查处吸毒人员"},
      {"new_users", "新发现吸毒人员"},
      {"compulsory_isolation", "强制隔离戒毒"},
      {"community_rehab", "社区戒毒社区康复"},
      {"abstinent_3y", "戒断三年未复吸"},
      {"rehab_consolidation_rate", "戒断巩固率"},
      {"relapse_rate", "复吸率"},
      {"outflow_traffickers", "外流贩毒人员"},
      {"registered_traffickers", "登记贩毒人员"},
      {"gang_cases_solved", "破获团伙案件"},
      {"fugitives_caught", "抓获涉毒逃犯"},
      {"users_minor", "18岁以下吸毒人员"},
      {"users_under_35", "35岁以下吸毒人员"},
      {"users_18_35", "18至35岁吸毒人员"},
      {"users_36_59", "36至59岁吸毒人员"},
      {"users_over_35", "35岁以上吸毒人员"},
      {"users_over_60", "60岁以上吸毒人员"},
      {"users_opiate", "滥用阿片类毒品人员"},
      {"users_synthetic", "滥用合成毒品人员"},
      {"voluntary_rehab", "自愿戒毒"},
      {"precursors_seized", "缴获制毒物品"},
      {"drug_money", "缴获毒资"},
      {"dens_destroyed", "摧毁制毒窝点"},
      {"poppy_eradicated", "铲除罂粟"},
      {"target_cases", "目标案件"},
      {"clearance_rate", "破案率"},
      {"detection_rate", "查获率"},
      {"control_rate", "管控率"},
      {"methadone", "美沙酮维持治疗"},
      {"people_educated", "受教育人数"},
      {"funding", "经费"},
      {"guns_seized", "缴获枪支"},
      {"vehicles_seized", "缴获车辆"},
  };
  if (!metric || !*metric) return "指标";
  for (size_t i = 0; i < G_N_ELEMENTS(labels); i++) /* first byte first: no strcmp per miss */
    if (metric[0] == labels[i][0][0] && strcmp(metric, labels[i][0]) == 0) return labels[i][1];
  return metric;
}

const char *jd_unit_label(const char *unit)
{
  static const char *const labels[][2] = {
      {"person", "人"},  {"person_time", "人次"}, {"case", "起"},   {"kg", "公斤"},
      {"pill", "粒"},    {"tablet", "片"},        {"gang", "个"},   {"item", "件"},
      {"yuan", "元"},    {"percent", "%"},        {"household", "户"},
  };
  if (!unit || !*unit) return "";
  for (size_t i = 0; i < G_N_ELEMENTS(labels); i++)
    if (unit[0] == labels[i][0][0] && strcmp(unit, labels[i][0]) == 0) return labels[i][1];
  return "";
}

char *jd_format_number(double v, int decimals)
{
  if (isnan(v)) return g_strdup("—");
  if (isinf(v)) return g_strdup(v > 0 ? "∞" : "-∞");
  if (fabs(v) < 1e10 && v == nearbyint(v)) return jd_figure_format_value(v);
  if (decimals < 0) decimals = 0;
  if (decimals > 12) decimals = 12;
  char fmt[16], buf[G_ASCII_DTOSTR_BUF_SIZE + 400];
  if (!jd_fixed_digits_fast(v, decimals, buf)) {
    g_snprintf(fmt, sizeof fmt, "%%.%df", decimals);
    g_ascii_formatd(buf, sizeof buf, fmt, v);
  }
  if (strchr(buf, '.')) {
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == '0') buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.') buf[--n] = '\0';
  }
  if (strcmp(buf, "-0") == 0) return g_strdup("0");
  return g_strdup(buf);
}

char *jd_format_stated(const jd_figure *f)
{
  g_autofree char *v = jd_figure_format_value(f->value);
  const char *pct = figure_is_percent(f) ? "%" : "";
  switch (f->qualifier) {
  case JD_QUAL_MORE_THAN: return g_strconcat(v, "多", pct, NULL);
  case JD_QUAL_NEARLY: return g_strconcat("近", v, pct, NULL);
  case JD_QUAL_ABOUT: return g_strconcat("约", v, pct, NULL);
  case JD_QUAL_LESS_THAN: return g_strconcat("不到", v, pct, NULL);
  case JD_QUAL_AT_LEAST: return g_strconcat("至少", v, pct, NULL);
  case JD_QUAL_AT_MOST: return g_strconcat("至多", v, pct, NULL);
  default: return g_strconcat(v, pct, NULL);
  }
}

/* ------------------------------------------------------------- intervals */

int jd_figure_get_decimals(const jd_figure *f)
{
  if (fabs(f->value) < 1e10 && f->value == nearbyint(f->value)) return 0;
  g_autofree char *s = jd_figure_format_value(f->value);
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

char *jd_interval_to_string(const jd_interval *iv)
{
  if (isnan(iv->low) || isnan(iv->high)) return g_strdup("—");
  if (iv->low == iv->high && !iv->low_open && !iv->high_open) return jd_figure_format_value(iv->low);
  g_autofree char *lo = isinf(iv->low) ? g_strdup("-∞") : jd_figure_format_value(iv->low);
  g_autofree char *hi = isinf(iv->high) ? g_strdup("∞") : jd_figure_format_value(iv->high);
  return g_strdup_printf("%c%s, %s%c", iv->low_open ? '(' : '[', lo, hi, iv->high_open ? ')' : ']');
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

static gboolean intervals_overlap(const jd_interval *a, const jd_interval *b)
{
  if (a->high < b->low || b->high < a->low) return FALSE;
  if (a->high == b->low && (a->high_open || b->low_open) && a->low != a->high) return FALSE;
  if (b->high == a->low && (b->high_open || a->low_open) && b->low != b->high) return FALSE;
  return TRUE;
}

static double interval_width(const jd_interval *iv)
{
  double w = iv->high - iv->low;
  return isnan(w) ? INFINITY : w;
}

/* --------------------------------------------------------------- sources */

char *jd_source_to_string(const jd_source *s)
{
  return g_strdup_printf("%s:%u", s->doc && *s->doc ? s->doc : "(curated)", s->line);
}

/* ---------------------------------------------------------------- periods */

static gboolean parse_year(const char *s, int *year)
{
  if (!g_ascii_isdigit(s[0]) || !g_ascii_isdigit(s[1]) || !g_ascii_isdigit(s[2]) ||
      !g_ascii_isdigit(s[3]))
    return FALSE;
  *year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  return *year >= 1900 && *year <= 2200;
}

static gboolean parse_month(const char *s, int *month)
{
  if (!g_ascii_isdigit(s[0]) || !g_ascii_isdigit(s[1])) return FALSE;
  *month = (s[0] - '0') * 10 + (s[1] - '0');
  return *month >= 1 && *month <= 12;
}

gboolean jd_period_parse(const char *p, double *x, char **class_out)
{
  int y = 0, y2 = 0, m1 = 0, m2 = 0;
  if (class_out) *class_out = NULL;
  if (!p || strlen(p) < 4 || !parse_year(p, &y)) return FALSE;
  size_t n = strlen(p);
  char *cls = NULL;
  if (n == 4)
    cls = g_strdup("");
  else if (n == 7 && p[4] == '-' && (p[5] == 'H' && (p[6] == '1' || p[6] == '2')))
    cls = g_strdup(p + 5);
  else if (n == 7 && p[4] == '-' && p[5] == 'Q' && p[6] >= '1' && p[6] <= '4')
    cls = g_strdup(p + 5);
  else if (n == 7 && p[4] == '-' && parse_month(p + 5, &m1))
    cls = g_strdup(p + 5);
  else if (n == 15 && p[4] == '-' && parse_month(p + 5, &m1) && p[7] == '/' &&
           parse_year(p + 8, &y2) && y2 == y && p[12] == '-' && parse_month(p + 13, &m2) &&
           m2 >= m1)
    cls = g_strdup_printf("%02d/%02d", m1, m2);
  else if (n == 9 && p[4] == '/' && parse_year(p + 5, &y2) && y2 > y) {
    cls = g_strdup("range");
    y = y2;
  } else
    return FALSE;
  if (x) *x = y;
  if (class_out)
    *class_out = cls;
  else
    g_free(cls);
  return TRUE;
}

char *jd_period_previous_string(const char *p)
{
  double x;
  g_autofree char *cls = NULL;
  if (!jd_period_parse(p, &x, &cls) || strcmp(cls, "range") == 0) return NULL;
  int y = (int)x - 1;
  if (!*cls) return g_strdup_printf("%04d", y);
  if (strlen(p) == 15) return g_strdup_printf("%04d%.3s/%04d%.3s", y, p + 4, y, p + 12);
  return g_strdup_printf("%04d%s", y, p + 4);
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
  double t = gsl_cdf_tdist_Pinv(1 - (1 - confidence) / 2, dof);
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
  if (!isfinite(a_hi) || a_hi - a_lo > 1e7) a_hi = a_lo + 1e7; /* bounded work */
  size_t count = 0;
  /* a small tolerance absorbs binary rounding of the stated percentage */
  const double eps = 1e-9;
  for (double a = a_lo; a <= a_hi && count < cap; a += 1) {
    double lo = ceil(a * r_lo - eps * a), hi = floor(a * r_hi + eps * a);
    lo = fmax(lo, b_min);
    hi = fmin(hi, b_max);
    for (double b = lo; b <= hi && count < cap; b += 1) {
      /* re-check exactly: r_lo <= b/a <= r_hi */
      double r = b / a;
      if (r < r_lo - 1e-12 || r > r_hi + 1e-12) continue;
      if (out && count < max_listed) {
        g_array_append_val(out, a);
        g_array_append_val(out, b);
      }
      count++;
    }
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

/* ----------------------------------------------------------------- series */

typedef struct {
  jd_series s;
  GPtrArray *periods; /* point builders in first-seen order */
  GHashTable *by_period;
} series_builder;

typedef struct {
  const char *period; /* interned */
  double x;
  GArray *figs; /* guint indices into the table */
  const jd_implied_prior *implied;
} point_builder;

static void point_builder_free(point_builder *p)
{
  if (!p) return;
  if (p->figs) g_array_unref(p->figs);
  g_free(p);
}

static void series_free(jd_series *s)
{
  if (!s) return;
  for (size_t i = 0; i < s->n_points; i++) {
    g_free((jd_source *)s->points[i].sources);
    g_free((jd_source *)s->points[i].others);
  }
  g_free((jd_point *)s->points);
  g_free(s);
}

static void finding_free(jd_finding *f)
{
  if (!f) return;
  g_free((jd_source *)f->sources);
  g_free((double *)f->solutions);
  g_free(f);
}

const char *jd_analysis_intern_table(jd_analysis *a, const char *s)
{
  const char *r = g_hash_table_lookup(a->table_strings, s);
  if (!r) {
    r = g_string_chunk_insert_const(a->strings, s);
    g_hash_table_insert(a->table_strings, (gpointer)s, (gpointer)r);
  }
  return r;
}

const char *jd_analysis_quote(jd_analysis *a, const char *s)
{
  return *s ? g_string_chunk_insert(a->strings, s) : "";
}

const char *jd_analysis_intern(jd_analysis *a, const char *s)
{
  return g_string_chunk_insert_const(a->strings, s ? s : "");
}

static jd_source source_of(jd_analysis *a, const jd_figure *f)
{
  jd_source s = {jd_analysis_intern_table(a, f->doc), f->line, jd_analysis_quote(a, f->quote),
                 f->value, f->qualifier, f->kind, jd_analysis_intern_table(a, f->period)};
  return s;
}

typedef struct {
  const jd_figure_table *t;
  GHashTable *doc_year; /* doc -> latest year (as pointer to double in years) */
  GArray *secondary;    /* build_point's scratch arrays, emptied on each call */
  GArray *groups;
} pick_context;

/* Recency of a document: its latest stated period. */
static double doc_recency(pick_context *pc, const char *doc)
{
  gpointer v = g_hash_table_lookup(pc->doc_year, doc);
  return v ? (double)GPOINTER_TO_INT(v) : 0;
}

typedef struct {
  double value;
  jd_qualifier qualifier;
  jd_interval iv;
  double width;
  double recency;
  const char *doc;
  GArray *figs; /* guint */
} value_group;

static int compare_groups(const void *pa, const void *pb)
{
  const value_group *a = pa, *b = pb;
  if (a->width != b->width) return a->width < b->width ? -1 : 1;
  if (a->recency != b->recency) return a->recency > b->recency ? -1 : 1;
  int c = strcmp(b->doc, a->doc); /* later name first */
  if (c) return c;
  if (a->value != b->value) return a->value < b->value ? -1 : 1;
  return (int)a->qualifier - (int)b->qualifier;
}

typedef struct {
  const jd_figure *f;
  guint fi;
} doc_fig;

/* By document, then table order. */
static int compare_doc_fig(const void *pa, const void *pb)
{
  const doc_fig *a = pa, *b = pb;
  int c = strcmp(a->f->doc, b->f->doc);
  if (c) return c;
  return (a->fi > b->fi) - (a->fi < b->fi);
}

static void add_finding(jd_analysis *a, jd_finding *f) { g_ptr_array_add(a->findings, f); }

/* Fills point p from the figures of builder pb; adds conflict/corroboration
 * findings. */
static void build_point(jd_analysis *a, pick_context *pc, const jd_series *s, point_builder *pb,
                        jd_point *p)
{
  memset(p, 0, sizeof *p);
  p->period = pb->period;
  p->x = pb->x;
  p->change_abs = p->change_pct = NAN;
  p->derivation = "";
  if (pb->implied) {
    const jd_implied_prior *ip = pb->implied;
    p->value = ip->value;
    p->interval = ip->interval;
    p->qualifier = JD_QUAL_ABOUT;
    p->origin = JD_POINT_IMPLIED;
    p->derivation = jd_analysis_intern(a, ip->derivation);
    jd_source *src = g_new(jd_source, 2);
    src[0] = source_of(a, ip->level);
    src[1] = source_of(a, ip->change);
    p->sources = src;
    p->n_sources = 2;
    p->n_documents = 1;
    return;
  }
  /* Within one document the first value stated for a point is its headline;
   * other values of the same document are sub-totals ("其中…") and are
   * listed, not counted as conflicts. Across documents, headline values are
   * grouped by (value, qualifier). */
  guint nf = pb->figs->len;
  doc_fig *df = g_new(doc_fig, nf);
  for (guint i = 0; i < nf; i++) {
    df[i].fi = g_array_index(pb->figs, guint, i);
    df[i].f = jd_figure_table_get(pc->t, df[i].fi);
  }
  qsort(df, nf, sizeof *df, compare_doc_fig);
  GArray *secondary = pc->secondary, *groups = pc->groups;
  g_array_set_size(secondary, 0);
  g_array_set_size(groups, 0);
  const jd_figure *h = NULL;
  for (guint i = 0; i < nf; i++) {
    guint fi = df[i].fi;
    const jd_figure *f = df[i].f;
    if (i == 0 || strcmp(df[i - 1].f->doc, f->doc) != 0) {
      h = f; /* the first figure of each document: its headline */
    } else if (h->value != f->value || h->qualifier != f->qualifier) {
      g_array_append_val(secondary, fi);
      continue;
    }
    value_group *g = NULL;
    for (guint j = 0; j < groups->len; j++) {
      value_group *c = &g_array_index(groups, value_group, j);
      if (c->value == f->value && c->qualifier == f->qualifier) {
        g = c;
        break;
      }
    }
    double rec = doc_recency(pc, f->doc);
    if (!g) {
      value_group ng = {f->value, f->qualifier, jd_figure_get_interval(f), 0, rec, f->doc,
                        g_array_new(FALSE, FALSE, sizeof(guint))};
      ng.width = interval_width(&ng.iv);
      g_array_append_val(groups, ng);
      g = &g_array_index(groups, value_group, groups->len - 1);
    } else if (rec > g->recency || (rec == g->recency && strcmp(f->doc, g->doc) > 0)) {
      g->recency = rec;
      g->doc = f->doc;
    }
    g_array_append_val(g->figs, fi);
  }
  g_free(df);
  g_array_sort(groups, compare_groups);
  value_group *pick = &g_array_index(groups, value_group, 0);
  p->value = pick->value;
  p->interval = pick->iv;
  p->qualifier = pick->qualifier;
  p->origin = JD_POINT_STATED;
  jd_source *src = g_new(jd_source, pick->figs->len);
  p->n_documents = 0;
  for (guint i = 0; i < pick->figs->len; i++) {
    const jd_figure *f = jd_figure_table_get(pc->t, g_array_index(pick->figs, guint, i));
    src[i] = source_of(a, f);
    /* figures were added in document order: count document changes */
    if (i == 0 || strcmp(src[i - 1].doc, src[i].doc) != 0) p->n_documents++;
  }
  p->sources = src;
  p->n_sources = pick->figs->len;

  size_t n_others = secondary->len;
  for (guint j = 1; j < groups->len; j++) n_others += g_array_index(groups, value_group, j).figs->len;
  jd_source *oth = n_others ? g_new(jd_source, n_others) : NULL;
  size_t k = 0;
  gboolean conflict = FALSE;
  for (guint j = 1; j < groups->len; j++) {
    value_group *g = &g_array_index(groups, value_group, j);
    if (!intervals_overlap(&g->iv, &pick->iv)) conflict = TRUE;
    for (guint i = 0; i < g->figs->len; i++)
      oth[k++] = source_of(a, jd_figure_table_get(pc->t, g_array_index(g->figs, guint, i)));
  }
  size_t n_group_others = k;
  for (guint i = 0; i < secondary->len; i++)
    oth[k++] = source_of(a, jd_figure_table_get(pc->t, g_array_index(secondary, guint, i)));
  p->others = oth;
  p->n_others = n_others;

  if (conflict || (p->n_documents > 1 && a->options.corroboration)) {
    jd_finding *fd = g_new0(jd_finding, 1);
    fd->metric = s->metric;
    fd->drug = s->drug;
    fd->region = s->region;
    fd->period = p->period;
    fd->stated = p->value;
    fd->computed = NAN;
    fd->computed_interval = p->interval;
    size_t ns = p->n_sources + (conflict ? n_group_others : 0);
    jd_source *fs = g_new(jd_source, ns);
    memcpy(fs, p->sources, p->n_sources * sizeof *fs);
    if (conflict) memcpy(fs + p->n_sources, oth, n_group_others * sizeof *fs);
    fd->sources = fs;
    fd->n_sources = ns;
    const jd_figure *pf = jd_figure_table_get(pc->t, g_array_index(pick->figs, guint, 0));
    g_autofree char *pv = jd_format_stated(pf);
    GString *ex = g_string_sized_new(256), *ar = g_string_sized_new(128);
    const char *where = *s->region ? s->region : "";
    if (conflict) {
      fd->kind = JD_FINDING_CONFLICT;
      fd->severity = JD_SEVERITY_WARNING;
      fd->title = jd_analysis_intern(a, "不同文件数值矛盾");
      jd_sappend(ex, "%s%s%s年的数值在不同出处不一致：", where, jd_metric_label(s->metric),
                             p->period);
      for (guint j = 0; j < groups->len; j++) {
        value_group *g = &g_array_index(groups, value_group, j);
        const jd_figure *gf = jd_figure_table_get(pc->t, g_array_index(g->figs, guint, 0));
        g_autofree char *gv = jd_format_stated(gf);
        g_autofree char *giv = jd_interval_to_string(&g->iv);
        jd_sappend(ex, "%s%s%s（%s:%u）", j ? "；" : "", gv, jd_unit_label(s->unit),
                               gf->doc, gf->line);
        jd_sappend(ar, "%s%s ∈ %s", j ? "；" : "", gv, giv);
      }
      jd_sappend(ex, "。按“最精确、其次最新文件”的规则采用%s%s，其余列为异文。", pv,
                             jd_unit_label(s->unit));
    } else {
      fd->kind = JD_FINDING_CORROBORATED;
      fd->severity = JD_SEVERITY_OK;
      fd->title = jd_analysis_intern(a, "多份文件相互印证");
      jd_sappend(ex, "%s%s%s年为%s%s，%zu份文件所述一致。", where,
                             jd_metric_label(s->metric), p->period, pv, jd_unit_label(s->unit),
                             p->n_documents);
      jd_sappend(ar, "%zu 处出处数值相同", p->n_sources);
    }
    fd->explanation = g_string_chunk_insert(a->strings, ex->str);
    fd->arithmetic = g_string_chunk_insert(a->strings, ar->str);
    g_string_free(ex, TRUE);
    g_string_free(ar, TRUE);
    add_finding(a, fd);
  }
  for (guint j = 0; j < groups->len; j++) g_array_unref(g_array_index(groups, value_group, j).figs);
  g_array_set_size(groups, 0);
}

static int compare_points(const void *pa, const void *pb)
{
  const jd_point *a = pa, *b = pb;
  if (a->x != b->x) return a->x < b->x ? -1 : 1;
  return strcmp(a->period, b->period);
}

/* The value a fit uses for a point: the middle of its interval when the
 * interval is bounded, else the stated value. */
static double fit_value(const jd_point *p)
{
  if (isfinite(p->interval.low) && isfinite(p->interval.high)) return jd_interval_mid(&p->interval);
  return p->value;
}

static void build_trend(jd_analysis *a, jd_series *s)
{
  jd_trend *tr = &s->trend;
  memset(tr, 0, sizeof *tr);
  tr->kind = JD_TREND_NONE;
  tr->change_abs = tr->change_pct = tr->cagr_pct = NAN;
  tr->slope = tr->intercept = tr->slope_low = tr->slope_high = tr->r2 = NAN;
  tr->forecast_x = tr->forecast = tr->forecast_low = tr->forecast_high = NAN;
  if (strcmp(s->period_class, "range") == 0 || s->n_points == 0) return;
  size_t n = s->n_points;
  tr->n = n;
  if (n < 2) return;
  const jd_point *first = &s->points[0], *last = &s->points[n - 1];
  tr->change_abs = last->value - first->value;
  tr->change_pct = first->value != 0 ? 100 * tr->change_abs / fabs(first->value) : NAN;
  tr->cagr_pct = jd_cagr_pct(first->value, first->x, last->value, last->x);
  if (n == 2) {
    tr->kind = JD_TREND_TWO_POINTS;
    return;
  }
  double *x = g_new(double, n), *y = g_new(double, n), *w = NULL;
  gboolean any_width = FALSE;
  double min_sd = INFINITY;
  for (size_t i = 0; i < n; i++) {
    x[i] = s->points[i].x;
    y[i] = fit_value(&s->points[i]);
    double wd = interval_width(&s->points[i].interval);
    if (wd > 0 && isfinite(wd)) {
      any_width = TRUE;
      min_sd = fmin(min_sd, wd / sqrt(12.0));
    }
  }
  if (any_width && a->options.weighted) {
    /* weight 1/sd^2 with sd that of a uniform distribution over the
     * interval; exact values get the weight of the most precise interval */
    w = g_new(double, n);
    for (size_t i = 0; i < n; i++) {
      double wd = interval_width(&s->points[i].interval);
      double sd = (wd > 0 && isfinite(wd)) ? wd / sqrt(12.0) : min_sd;
      w[i] = 1.0 / (sd * sd);
    }
  }
  jd_trend fit = *tr;
  GError *err = NULL;
  if (jd_fit_trend(x, y, w, n, a->options.confidence, NAN, &fit, &err)) {
    fit.change_abs = tr->change_abs;
    fit.change_pct = tr->change_pct;
    fit.cagr_pct = tr->cagr_pct;
    *tr = fit;
  } else {
    /* identical periods or a failed fit: keep the first/last change only */
    tr->kind = JD_TREND_TWO_POINTS;
    g_clear_error(&err);
  }
  g_free(x);
  g_free(y);
  g_free(w);
}

static gboolean series_kind_ok(jd_kind k)
{
  return k == JD_KIND_LEVEL || k == JD_KIND_RATE || k == JD_KIND_SHARE;
}

typedef struct {
  double x;
  const char *cls; /* interned */
  gboolean ok;
} period_info;

static const period_info *period_lookup(jd_analysis *a, GHashTable *cache, const char *period)
{
  period_info *pi = g_hash_table_lookup(cache, period);
  if (pi) return pi;
  pi = g_new0(period_info, 1);
  char *cls = NULL;
  pi->ok = jd_period_parse(period, &pi->x, &cls);
  pi->cls = jd_analysis_intern(a, cls ? cls : "unknown");
  g_free(cls);
  g_hash_table_insert(cache, (gpointer)jd_analysis_intern(a, period), pi);
  return pi;
}

/* Series keys compare interned pointers: equal strings, equal pointers. */
static guint series_key_hash(gconstpointer p)
{
  const jd_series *s = p;
  guint h = (guint)s->kind;
  const char *parts[] = {s->metric, s->drug, s->region, s->unit, s->period_class};
  for (size_t i = 0; i < G_N_ELEMENTS(parts); i++)
    h = h * 1000003u ^ (guint)((guintptr)parts[i] >> 3) ^ (guint)((guint64)(guintptr)parts[i] >> 35);
  return h;
}

static gboolean series_key_equal(gconstpointer pa, gconstpointer pb)
{
  const jd_series *a = pa, *b = pb;
  return a->metric == b->metric && a->drug == b->drug && a->region == b->region &&
         a->unit == b->unit && a->period_class == b->period_class && a->kind == b->kind;
}

static series_builder *get_builder(jd_analysis *a, GHashTable *builders, GPtrArray *order,
                                   const char *metric, const char *drug, const char *region,
                                   const char *unit, jd_kind kind, const char *cls)
{
  jd_series probe = {0};
  probe.metric = jd_analysis_intern_table(a, metric);
  probe.drug = jd_analysis_intern_table(a, drug);
  probe.region = jd_analysis_intern_table(a, region);
  probe.unit = jd_analysis_intern_table(a, unit);
  probe.kind = kind;
  probe.period_class = cls;
  series_builder *sb = g_hash_table_lookup(builders, &probe);
  if (sb) return sb;
  sb = g_new0(series_builder, 1);
  sb->s = probe;
  sb->periods = g_ptr_array_new_with_free_func((GDestroyNotify)point_builder_free);
  sb->by_period = g_hash_table_new(g_direct_hash, g_direct_equal); /* interned period */
  g_hash_table_insert(builders, &sb->s, sb);
  g_ptr_array_add(order, sb);
  return sb;
}

static point_builder *get_point(series_builder *sb, const char *period, double x)
{
  point_builder *pb = g_hash_table_lookup(sb->by_period, period);
  if (pb) return pb;
  pb = g_new0(point_builder, 1);
  pb->period = period;
  pb->x = x;
  g_hash_table_insert(sb->by_period, (gpointer)period, pb);
  g_ptr_array_add(sb->periods, pb);
  return pb;
}

static gint compare_findings(gconstpointer pa, gconstpointer pb)
{
  const jd_finding *a = *(const jd_finding *const *)pa, *b = *(const jd_finding *const *)pb;
  if (a->severity != b->severity) return (int)b->severity - (int)a->severity;
  const char *da = a->n_sources ? a->sources[0].doc : "", *db = b->n_sources ? b->sources[0].doc : "";
  int c = strcmp(da, db);
  if (c) return c;
  unsigned la = a->n_sources ? a->sources[0].line : 0, lb = b->n_sources ? b->sources[0].line : 0;
  return (la > lb) - (la < lb);
}

jd_analysis *jd_analyze(const jd_figure_table *t, const jd_analyze_options *options,
                        GError **error)
{
  g_return_val_if_fail(t != NULL, NULL);
  jd_gsl_init();
  jd_analyze_options defaults = JD_ANALYZE_OPTIONS_INIT;
  jd_analysis *a = g_new0(jd_analysis, 1);
  a->options = options ? *options : defaults;
  if (!(a->options.confidence > 0 && a->options.confidence < 1)) a->options.confidence = 0.95;
  a->strings = g_string_chunk_new(1 << 16);
  a->table_strings = g_hash_table_new(g_direct_hash, g_direct_equal);
  a->series = g_ptr_array_new_with_free_func((GDestroyNotify)series_free);
  a->findings = g_ptr_array_new_with_free_func((GDestroyNotify)finding_free);

  GPtrArray *implied = g_ptr_array_new_with_free_func((GDestroyNotify)jd_implied_prior_free);
  GHashTable *periods = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
  GHashTable *builders = g_hash_table_new(series_key_hash, series_key_equal);
  GPtrArray *order = g_ptr_array_new();
  pick_context pc = {t, g_hash_table_new(g_str_hash, g_str_equal),
                     g_array_new(FALSE, FALSE, sizeof(guint)),
                     g_array_new(FALSE, TRUE, sizeof(value_group))};
  gboolean ok = FALSE;

  if (!jd_audit_run(a, t, implied, error)) goto out;

  size_t n = jd_figure_table_get_count(t);
  for (size_t i = 0; i < n; i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    if (!isfinite(f->value)) continue;
    const period_info *pi = period_lookup(a, periods, jd_analysis_intern_table(a, f->period));
    const char *doc = f->doc; /* keys borrowed from t, which outlives this call */
    if (pi->ok) {
      int yr = (int)pi->x;
      int cur = GPOINTER_TO_INT(g_hash_table_lookup(pc.doc_year, doc));
      if (yr > cur) g_hash_table_insert(pc.doc_year, (gpointer)doc, GINT_TO_POINTER(yr));
    }
    if (!series_kind_ok(f->kind) || !pi->ok) continue;
    series_builder *sb = get_builder(a, builders, order, f->metric, f->drug, f->region,
                                     f->unit, f->kind, pi->cls);
    point_builder *pb = get_point(sb, jd_analysis_intern_table(a, f->period), pi->x);
    if (!pb->figs) pb->figs = g_array_new(FALSE, FALSE, sizeof(guint));
    guint gi = (guint)i;
    g_array_append_val(pb->figs, gi);
  }
  /* implied prior points where nothing is stated; the narrowest wins */
  if (a->options.implied_points) {
    for (guint i = 0; i < implied->len; i++) {
      const jd_implied_prior *ip = g_ptr_array_index(implied, i);
      const period_info *pi = period_lookup(a, periods, jd_analysis_intern(a, ip->period));
      if (!pi->ok || !series_kind_ok(ip->level->kind)) continue;
      series_builder *sb = get_builder(a, builders, order, ip->level->metric,
                                       ip->level->drug, ip->level->region, ip->level->unit,
                                       ip->level->kind, pi->cls);
      /* only from the headline value its document states for the current
       * period: a prior derived from a sub-total ("其中…") is not a point of
       * the series (its finding still reports it) */
      point_builder *cur = g_hash_table_lookup(sb->by_period, jd_analysis_intern_table(a, ip->level->period));
      const jd_figure *head = NULL;
      for (guint j = 0; cur && cur->figs && j < cur->figs->len && !head; j++) {
        const jd_figure *f = jd_figure_table_get(t, g_array_index(cur->figs, guint, j));
        if (strcmp(f->doc, ip->level->doc) == 0) head = f;
      }
      if (!head || head->value != ip->level->value || head->qualifier != ip->level->qualifier)
        continue;
      point_builder *pb = get_point(sb, jd_analysis_intern(a, ip->period), pi->x);
      if (pb->figs) continue;
      if (!pb->implied ||
          interval_width(&ip->interval) < interval_width(&pb->implied->interval))
        pb->implied = ip;
    }
  }
  for (guint i = 0; i < order->len; i++) {
    series_builder *sb = g_ptr_array_index(order, i);
    jd_series *s = g_new0(jd_series, 1);
    *s = sb->s;
    jd_point *pts = g_new0(jd_point, sb->periods->len);
    s->points = pts;
    s->n_points = sb->periods->len;
    for (guint j = 0; j < sb->periods->len; j++)
      build_point(a, &pc, s, g_ptr_array_index(sb->periods, j), &pts[j]);
    qsort(pts, s->n_points, sizeof *pts, compare_points);
    for (size_t j = 1; j < s->n_points; j++) {
      pts[j].change_abs = pts[j].value - pts[j - 1].value;
      pts[j].change_pct =
          pts[j - 1].value != 0 ? 100 * pts[j].change_abs / fabs(pts[j - 1].value) : NAN;
    }
    build_trend(a, s);
    g_ptr_array_add(a->series, s);
  }
  g_ptr_array_sort(a->findings, compare_findings);
  ok = TRUE;
out:
  for (guint i = 0; i < order->len; i++) {
    series_builder *sb = g_ptr_array_index(order, i);
    g_ptr_array_unref(sb->periods);
    g_hash_table_unref(sb->by_period);
    g_free(sb);
  }
  g_ptr_array_unref(order);
  g_hash_table_unref(builders);
  g_hash_table_unref(periods);
  g_hash_table_unref(pc.doc_year);
  g_array_unref(pc.secondary);
  g_array_unref(pc.groups);
  g_hash_table_unref(a->table_strings);
  a->table_strings = NULL;
  g_ptr_array_unref(implied);
  if (!ok) {
    jd_analysis_free(a);
    return NULL;
  }
  return a;
}

void jd_analysis_free(jd_analysis *a)
{
  if (!a) return;
  g_ptr_array_unref(a->series);
  g_ptr_array_unref(a->findings);
  g_string_chunk_free(a->strings);
  g_free(a);
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
    if (strcmp(s->metric, metric) || *s->period_class) continue;
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
                                      "corroborated"};
  return (unsigned)k < G_N_ELEMENTS(names) ? names[k] : "finding";
}

char *jd_format_fixed(double v, int decimals)
{
  if (!isfinite(v)) return jd_format_number(v, 0);
  char fmt[16], buf[G_ASCII_DTOSTR_BUF_SIZE + 400];
  if (!jd_fixed_digits_fast(v, CLAMP(decimals, 0, 12), buf)) {
    g_snprintf(fmt, sizeof fmt, "%%.%df", CLAMP(decimals, 0, 12));
    g_ascii_formatd(buf, sizeof buf, fmt, v);
  }
  if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1)) return g_strdup(buf + 1);
  return g_strdup(buf);
}

const char *jd_qualifier_name(jd_qualifier q)
{
  static const char *const names[] = {"exact",     "more_than", "nearly", "about",
                                      "less_than", "at_least",  "at_most"};
  return (unsigned)q < G_N_ELEMENTS(names) ? names[q] : "exact";
}
