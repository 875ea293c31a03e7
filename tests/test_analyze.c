/* Analysis: intervals from qualifiers, periods, trends, CAGR, Wilson
 * intervals, the integers behind approximate figures, series building with
 * corroboration, conflicts and the pick rule, and edge cases.
 *
 * Reference values are computed independently of GSL, in closed form (the
 * formulas are in the comments, worked by hand and checked with a few lines
 * of plain Python arithmetic), and compared at a relative tolerance of 1e-9
 * unless a comment says otherwise (GSL test style). The Student t quantile
 * t(0.975, 3) = 3.182446305284263 is the textbook table value. */
#include <math.h>
#include <string.h>

#include "jindu/analyze.h"
#include "testutil.h"

#define REL 1e-9

static void assert_rel(double got, double want, double rel)
{
  if (want == 0) {
    if (fabs(got) > rel) g_error("got %.17g, want 0 (abs tol %g)", got, rel);
    return;
  }
  if (!(fabs(got - want) <= rel * fabs(want)))
    g_error("got %.17g, want %.17g (rel tol %g)", got, want, rel);
}

static jd_figure *fig(const char *doc, unsigned line, const char *metric, const char *period,
                      double v, const char *unit, jd_qualifier q, jd_kind k)
{
  return jd_figure_new(doc, line, "", metric, "all", "X县", period, v, unit, q, k, "");
}

static void check_interval(double v, const char *unit, jd_qualifier q, jd_kind k,
                           const char *want)
{
  jd_figure *f = fig("d", 1, "m", "2019", v, unit, q, k);
  jd_interval iv = jd_figure_get_interval(f);
  g_autofree char *s = jd_interval_to_string(&iv);
  if (strcmp(s, want) != 0) g_error("%g %d %d: got %s, want %s", v, q, k, s, want);
  jd_figure_free(f);
}

static void test_intervals(void)
{
  check_interval(340, "person", JD_QUAL_MORE_THAN, JD_KIND_LEVEL, "[340, 350)");
  check_interval(1480, "case", JD_QUAL_MORE_THAN, JD_KIND_LEVEL, "[1480, 1490)");
  check_interval(2000, "case", JD_QUAL_MORE_THAN, JD_KIND_LEVEL, "[2000, 3000)");
  check_interval(50, "percent", JD_QUAL_NEARLY, JD_KIND_SHARE, "(45, 50]");
  check_interval(45, "percent", JD_QUAL_MORE_THAN, JD_KIND_SHARE, "(45, 100]");
  check_interval(45, "percent", JD_QUAL_LESS_THAN, JD_KIND_RATE, "[0, 45)");
  check_interval(238, "person", JD_QUAL_EXACT, JD_KIND_LEVEL, "238");
  check_interval(30.77, "percent", JD_QUAL_EXACT, JD_KIND_CHANGE_PCT, "[30.765, 30.775]");
  check_interval(-44.15, "percent", JD_QUAL_EXACT, JD_KIND_CHANGE_PCT, "[-44.155, -44.145]");
  check_interval(-10, "percent", JD_QUAL_MORE_THAN, JD_KIND_CHANGE_PCT, "(-20, -10]");
  check_interval(3.84, "kg", JD_QUAL_EXACT, JD_KIND_LEVEL, "[3.835, 3.845]");
  check_interval(1000, "person", JD_QUAL_ABOUT, JD_KIND_LEVEL, "[950, 1050]");
  check_interval(5, "person", JD_QUAL_AT_MOST, JD_KIND_LEVEL, "[0, 5]");
  check_interval(5, "person", JD_QUAL_AT_LEAST, JD_KIND_LEVEL, "[5, ∞)");
  /* an interval that contains zero */
  check_interval(0, "kg", JD_QUAL_ABOUT, JD_KIND_LEVEL, "[-0.5, 0.5]");
  jd_interval z = {-0.5, 0.5, FALSE, FALSE};
  g_assert_true(jd_interval_contains(&z, 0));
  g_assert_cmpfloat(jd_interval_mid(&z), ==, 0);
  jd_interval h = {340, 350, FALSE, TRUE};
  g_assert_true(jd_interval_contains(&h, 340));
  g_assert_false(jd_interval_contains(&h, 350));
}

static void test_periods(void)
{
  double x;
  char *cls = NULL;
  g_assert_true(jd_period_parse("2019", &x, &cls));
  g_assert_cmpfloat(x, ==, 2019);
  g_assert_cmpstr(cls, ==, "");
  g_free(cls);
  g_assert_true(jd_period_parse("2020-H1", &x, &cls));
  g_assert_cmpstr(cls, ==, "H1");
  g_free(cls);
  g_assert_true(jd_period_parse("2019-01/2019-05", &x, &cls));
  g_assert_cmpstr(cls, ==, "01/05");
  g_free(cls);
  g_assert_true(jd_period_parse("2018/2020", &x, &cls));
  g_assert_cmpstr(cls, ==, "range");
  g_assert_cmpfloat(x, ==, 2020);
  g_free(cls);
  g_assert_false(jd_period_parse("unknown", &x, NULL));
  g_assert_false(jd_period_parse("2019-13", &x, NULL));
  g_assert_false(jd_period_parse("", &x, NULL));
  struct {
    const char *p, *prev;
  } prev[] = {{"2019", "2018"}, {"2020-H1", "2019-H1"}, {"2019-Q3", "2018-Q3"},
              {"2019-05", "2018-05"}, {"2019-01/2019-05", "2018-01/2018-05"}};
  for (size_t i = 0; i < G_N_ELEMENTS(prev); i++) {
    g_autofree char *p = jd_period_previous_string(prev[i].p);
    g_assert_cmpstr(p, ==, prev[i].prev);
  }
  g_assert_null(jd_period_previous_string("2018/2020"));
  g_assert_null(jd_period_previous_string("unknown"));
}

/* OLS on x = 2016..2020, y = 10 12 15 15 18. By hand: x̄ = 2018, ȳ = 14,
 * Sxx = 10, Sxy = 19, slope = 1.9, intercept = 14 - 1.9 * 2018 = -3820.2;
 * residuals -0.2 -0.1 1 -0.9 0.2, SSE = 1.9, s² = 1.9/3; SST = 38,
 * R² = 1 - 1.9/38 = 0.95; se(slope) = sqrt(s²/Sxx); CI = 1.9 ± t·se =
 * [1.0991019098654902, 2.7008980901345097]; forecast 2021 = 19.7, prediction
 * se = sqrt(s²(1 + 1/5 + 9/10)), PI [16.029823878012863, 23.370176121986773]. */
static void test_fit_linear(void)
{
  double x[] = {2016, 2017, 2018, 2019, 2020}, y[] = {10, 12, 15, 15, 18};
  jd_trend t;
  GError *err = NULL;
  g_assert_true(jd_fit_trend(x, y, NULL, 5, 0.95, NAN, &t, &err));
  g_assert_no_error(err);
  g_assert_cmpint(t.kind, ==, JD_TREND_LINEAR);
  assert_rel(t.slope, 1.9, REL);
  assert_rel(t.intercept, -3820.2, 1e-8);
  assert_rel(t.r2, 0.95, REL);
  assert_rel(t.slope_low, 1.0991019098654902, 1e-8);
  assert_rel(t.slope_high, 2.7008980901345097, 1e-8);
  assert_rel(t.forecast_x, 2021, REL);
  assert_rel(t.forecast, 19.7, 1e-8);
  assert_rel(t.forecast_low, 16.029823878012863, 1e-8);
  assert_rel(t.forecast_high, 23.370176121986773, 1e-8);
}

/* Weighted: x = 1 2 3, y = 1 3 2, w = 1 1 2. W = 4, x̄w = 9/4, ȳw = 2,
 * Sxx_w = 1·1.5625 + 1·0.0625 + 2·0.5625 = 2.75, Sxy_w = 1.25 - 0.25 + 0 = 1,
 * slope = 1/2.75 = 0.36363636..., intercept = 2 - slope·2.25 = 1.18181818... */
static void test_fit_weighted(void)
{
  double x[] = {1, 2, 3}, y[] = {1, 3, 2}, w[] = {1, 1, 2};
  jd_trend t;
  GError *err = NULL;
  g_assert_true(jd_fit_trend(x, y, w, 3, 0.95, 4, &t, &err));
  g_assert_cmpint(t.kind, ==, JD_TREND_WEIGHTED);
  assert_rel(t.slope, 1 / 2.75, REL);
  assert_rel(t.intercept, 2 - 2.25 / 2.75, REL);
  assert_rel(t.forecast, 2 - 2.25 / 2.75 + 4 / 2.75, REL);
  g_assert_true(t.slope_low < t.slope && t.slope < t.slope_high);
  g_assert_true(t.forecast_low < t.forecast && t.forecast < t.forecast_high);
}

static void test_fit_edges(void)
{
  jd_trend t;
  GError *err = NULL;
  /* two points: not enough for a fit with intervals */
  double x2[] = {2018, 2019}, y2[] = {1, 2};
  g_assert_false(jd_fit_trend(x2, y2, NULL, 2, 0.95, NAN, &t, &err));
  g_assert_error(err, JD_ANALYZE_ERROR, JD_ANALYZE_ERROR_INPUT);
  g_clear_error(&err);
  /* identical x */
  double xs[] = {2019, 2019, 2019}, ys[] = {1, 2, 3};
  g_assert_false(jd_fit_trend(xs, ys, NULL, 3, 0.95, NAN, &t, &err));
  g_assert_nonnull(strstr(err->message, "same period"));
  g_clear_error(&err);
  /* non-finite and bad weights */
  double xn[] = {1, 2, NAN}, yn[] = {1, 2, 3}, wz[] = {1, 0, 1};
  g_assert_false(jd_fit_trend(xn, yn, NULL, 3, 0.95, NAN, &t, &err));
  g_clear_error(&err);
  double x3[] = {1, 2, 3};
  g_assert_false(jd_fit_trend(x3, yn, wz, 3, 0.95, NAN, &t, &err));
  g_clear_error(&err);
  g_assert_false(jd_fit_trend(x3, yn, NULL, 3, 1.5, NAN, &t, &err));
  g_clear_error(&err);
  /* zero and negative values on an exact line y = -2x + 1: slope -2, R² 1,
   * zero-width intervals */
  double xl[] = {0, 1, 2, 3}, yl[] = {1, -1, -3, -5};
  g_assert_true(jd_fit_trend(xl, yl, NULL, 4, 0.95, NAN, &t, &err));
  assert_rel(t.slope, -2, REL);
  assert_rel(t.r2, 1, REL);
  assert_rel(t.forecast, -7, REL);
  assert_rel(t.slope_high - t.slope_low, 0, 1e-9);
  /* all values equal: R² undefined */
  double yc[] = {0, 0, 0};
  g_assert_true(jd_fit_trend(x3, yc, NULL, 3, 0.95, NAN, &t, &err));
  g_assert_true(isnan(t.r2));
  assert_rel(t.slope, 0, 1e-12);
}

/* A series of 1,000,000 points on y = 3x + 2 exactly: slope 3, R² 1. */
static void test_fit_million(void)
{
  size_t n = 1000000;
  double *x = g_new(double, n), *y = g_new(double, n);
  for (size_t i = 0; i < n; i++) {
    x[i] = (double)i / 1000.0;
    y[i] = 3 * x[i] + 2;
  }
  jd_trend t;
  GError *err = NULL;
  g_assert_true(jd_fit_trend(x, y, NULL, n, 0.95, NAN, &t, &err));
  /* 10^6 running-mean updates accumulate rounding: 1e-7 relative */
  assert_rel(t.slope, 3, 1e-9);
  assert_rel(t.intercept, 2, 1e-7);
  assert_rel(t.r2, 1, 1e-9);
  g_free(x);
  g_free(y);
}

/* CAGR: 100 -> 121 over two years is 10% a year (1.1² = 1.21). */
static void test_cagr(void)
{
  assert_rel(jd_cagr_pct(100, 2018, 121, 2020), 10, REL);
  assert_rel(jd_cagr_pct(100, 2019, 50, 2020), -50, REL);
  assert_rel(jd_cagr_pct(100, 2019, 0, 2020), -100, REL);
  g_assert_true(isnan(jd_cagr_pct(0, 2019, 5, 2020)));
  g_assert_true(isnan(jd_cagr_pct(-5, 2019, 5, 2020)));
  g_assert_true(isnan(jd_cagr_pct(5, 2019, 6, 2019)));
}

/* Wilson score interval, closed form: centre = (p + z²/2n)/(1 + z²/n),
 * half = z/(1 + z²/n)·sqrt(p(1-p)/n + z²/4n²), z = 1.959963984540054.
 * 31 of 54: [0.4416273382599005, 0.6966817598007073]. */
static void test_wilson(void)
{
  jd_interval iv;
  GError *err = NULL;
  g_assert_true(jd_wilson_interval(31, 54, 0.95, &iv, &err));
  assert_rel(iv.low, 0.4416273382599005, 1e-9);
  assert_rel(iv.high, 0.6966817598007073, 1e-9);
  /* 0 of 10: the lower bound is 0, the upper z²/(n + z²) = 0.27753279986288 */
  g_assert_true(jd_wilson_interval(0, 10, 0.95, &iv, &err));
  assert_rel(iv.low, 0, 1e-12);
  assert_rel(iv.high, 3.841458820694124 / (10 + 3.841458820694124), 1e-9);
  g_assert_false(jd_wilson_interval(5, 4, 0.95, &iv, &err));
  g_assert_error(err, JD_ANALYZE_ERROR, JD_ANALYZE_ERROR_INPUT);
  g_clear_error(&err);
  g_assert_false(jd_wilson_interval(0, 0, 0.95, &iv, &err));
  g_clear_error(&err);
}

/* The integers behind approximate figures. By hand: 342 -> 191 is the only
 * pair in [340,350) x [190,200) with 100(b-a)/a rounding to -44.15
 * (0.5585a must lie within 0.00005a of an integer); 52 -> 36 for 50多/30多 and
 * -30.77%; 330多 +21.6% from a prior in [270, 280]: b/a in [1.2155, 1.2165]
 * gives 332/273 and 338/278. */
static void test_solve_integers(void)
{
  GArray *sol = g_array_new(FALSE, FALSE, sizeof(double));
  jd_interval a = {340, 350, FALSE, TRUE}, b = {190, 200, FALSE, TRUE};
  g_assert_cmpuint(jd_solve_change_integers(&a, &b, -44.15, 2, FALSE, 20, sol), ==, 1);
  g_assert_cmpfloat(g_array_index(sol, double, 0), ==, 342);
  g_assert_cmpfloat(g_array_index(sol, double, 1), ==, 191);
  g_array_set_size(sol, 0);
  jd_interval a2 = {50, 60, FALSE, TRUE}, b2 = {30, 40, FALSE, TRUE};
  g_assert_cmpuint(jd_solve_change_integers(&a2, &b2, -30.77, 2, FALSE, 20, sol), ==, 1);
  g_assert_cmpfloat(g_array_index(sol, double, 0), ==, 52);
  g_assert_cmpfloat(g_array_index(sol, double, 1), ==, 36);
  g_array_set_size(sol, 0);
  jd_interval a3 = {270, 280, FALSE, FALSE}, b3 = {330, 340, FALSE, TRUE};
  g_assert_cmpuint(jd_solve_change_integers(&a3, &b3, 21.6, 1, FALSE, 20, sol), ==, 2);
  g_assert_cmpfloat(g_array_index(sol, double, 1), ==, 332);
  g_assert_cmpfloat(g_array_index(sol, double, 3), ==, 338);
  /* none: 10..10 -> 10..10 cannot be +50% */
  jd_interval p = {10, 10, FALSE, FALSE};
  g_assert_cmpuint(jd_solve_change_integers(&p, &p, 50, 0, FALSE, 20, NULL), ==, 0);
  /* truncation: 455 -> 194 is not how it is used; 100 -> 142.6 style:
   * 1000 -> 1426 is +42.6%, truncated to one decimal fewer: +42% */
  jd_interval q0 = {1000, 1000, FALSE, FALSE}, q1 = {1426, 1426, FALSE, FALSE};
  g_assert_cmpuint(jd_solve_change_integers(&q0, &q1, 42, 0, FALSE, 20, NULL), ==, 0);
  g_assert_cmpuint(jd_solve_change_integers(&q0, &q1, 42, 0, TRUE, 20, NULL), ==, 1);
  g_array_unref(sol);
}

static size_t count_kind(const jd_analysis *a, jd_finding_kind k)
{
  size_t n = 0;
  for (size_t i = 0; i < jd_analysis_get_finding_count(a); i++)
    if (jd_analysis_get_finding(a, i)->kind == k) n++;
  return n;
}

static void test_series_pick(void)
{
  jd_figure_table *t = jd_figure_table_new();
  /* 2018 stated identically by two documents: corroborated */
  jd_figure_table_take(t, fig("a.txt", 3, "cases_solved", "2018", 100, "case", 0, JD_KIND_LEVEL));
  jd_figure_table_take(t, fig("b.txt", 5, "cases_solved", "2018", 100, "case", 0, JD_KIND_LEVEL));
  /* 2019: 120多 (a, 2019 doc) and 123 (b) overlap: the more precise 123 wins,
   * no conflict */
  jd_figure_table_take(t, fig("a.txt", 4, "cases_solved", "2019", 120, "case", JD_QUAL_MORE_THAN,
                              JD_KIND_LEVEL));
  jd_figure_table_take(t, fig("b.txt", 6, "cases_solved", "2019", 123, "case", 0, JD_KIND_LEVEL));
  /* 2020: 150 (a) vs 160 (0.txt, the latest document: it states 2021):
   * conflict, equal precision, so the most recent document wins even though
   * its name sorts first */
  jd_figure_table_take(t, fig("a.txt", 8, "cases_solved", "2020", 150, "case", 0, JD_KIND_LEVEL));
  jd_figure_table_take(t, fig("0.txt", 2, "cases_solved", "2020", 160, "case", 0, JD_KIND_LEVEL));
  jd_figure_table_take(t, fig("0.txt", 3, "cases_solved", "2021", 170, "case", 0, JD_KIND_LEVEL));
  /* a sub-total in the same document is not a conflict */
  jd_figure_table_take(t, fig("0.txt", 3, "cases_solved", "2021", 40, "case", 0, JD_KIND_LEVEL));
  /* withdrawn (NaN) values are skipped */
  jd_figure_table_take(t, fig("0.txt", 9, "cases_solved", "2021", NAN, "case", 0, JD_KIND_LEVEL));
  GError *err = NULL;
  jd_analyze_options opt = JD_ANALYZE_OPTIONS_INIT;
  opt.corroboration = TRUE;
  jd_analysis *a = jd_analyze(t, &opt, &err);
  g_assert_no_error(err);
  const jd_series *s = jd_analysis_find_series(a, "cases_solved", "all", "X县");
  g_assert_nonnull(s);
  g_assert_cmpuint(s->n_points, ==, 4);
  g_assert_cmpstr(s->points[0].period, ==, "2018");
  g_assert_cmpuint(s->points[0].n_documents, ==, 2);
  g_assert_cmpfloat(s->points[1].value, ==, 123);
  g_assert_cmpuint(s->points[1].n_others, ==, 1);
  g_assert_cmpfloat(s->points[2].value, ==, 160);
  g_assert_cmpstr(s->points[2].sources[0].doc, ==, "0.txt");
  g_assert_cmpfloat(s->points[3].value, ==, 170);
  g_assert_cmpuint(s->points[3].n_others, ==, 1);
  /* change vs previous point: (123 - 100)/100 */
  assert_rel(s->points[1].change_pct, 23, REL);
  g_assert_true(isnan(s->points[0].change_pct));
  g_assert_cmpuint(count_kind(a, JD_FINDING_CONFLICT), ==, 1);
  g_assert_cmpuint(count_kind(a, JD_FINDING_CORROBORATED), ==, 1);
  /* four points, 123 has zero width but 100..170 are exact counts: OLS */
  g_assert_cmpint(s->trend.kind, ==, JD_TREND_LINEAR);
  /* by hand: x̄ = 2019.5, ȳ = 138.25, Sxx = 5, Sxy = 1.5·70 + 0.5·37 = 123.5... */
  double x[] = {2018, 2019, 2020, 2021}, y[] = {100, 123, 160, 170};
  double xb = 2019.5, yb = (100 + 123 + 160 + 170) / 4.0, sxy = 0, sxx = 0;
  for (int i = 0; i < 4; i++) {
    sxy += (x[i] - xb) * (y[i] - yb);
    sxx += (x[i] - xb) * (x[i] - xb);
  }
  assert_rel(s->trend.slope, sxy / sxx, REL);
  assert_rel(s->trend.cagr_pct, (pow(1.7, 1 / 3.0) - 1) * 100, REL);
  jd_analysis_free(a);
  jd_figure_table_free(t);
}

static void test_series_edges(void)
{
  jd_figure_table *t = jd_figure_table_new();
  /* one period */
  jd_figure_table_take(t, fig("a.txt", 1, "gangs_busted", "2019", 12, "gang", 0, JD_KIND_LEVEL));
  /* two periods, from zero: change defined, percentage and CAGR not */
  jd_figure_table_take(t, fig("a.txt", 2, "new_users", "2018", 0, "person", 0, JD_KIND_LEVEL));
  jd_figure_table_take(t, fig("a.txt", 2, "new_users", "2019", 5, "person", 0, JD_KIND_LEVEL));
  /* negative levels (a net balance) over three periods */
  jd_figure_table_take(t, fig("a.txt", 3, "balance", "2017", -3, "kg", 0, JD_KIND_LEVEL));
  jd_figure_table_take(t, fig("a.txt", 3, "balance", "2018", -1, "kg", 0, JD_KIND_LEVEL));
  jd_figure_table_take(t, fig("a.txt", 3, "balance", "2019", 1, "kg", 0, JD_KIND_LEVEL));
  /* approximate values: a weighted fit */
  jd_figure_table_take(t, fig("a.txt", 4, "users_checked", "2017", 300, "person",
                              JD_QUAL_MORE_THAN, JD_KIND_LEVEL));
  jd_figure_table_take(t, fig("a.txt", 4, "users_checked", "2018", 320, "person", 0, JD_KIND_LEVEL));
  jd_figure_table_take(t, fig("a.txt", 4, "users_checked", "2019", 350, "person",
                              JD_QUAL_ABOUT, JD_KIND_LEVEL));
  /* a half year is its own series */
  jd_figure_table_take(t, fig("a.txt", 5, "users_checked", "2020-H1", 200, "person", 0,
                              JD_KIND_LEVEL));
  /* unknown period: not a series point */
  jd_figure_table_take(t, fig("a.txt", 6, "users_checked", "unknown", 9, "person", 0, JD_KIND_LEVEL));
  GError *err = NULL;
  jd_analysis *a = jd_analyze(t, NULL, &err);
  g_assert_no_error(err);
  const jd_series *s = jd_analysis_find_series(a, "gangs_busted", NULL, NULL);
  g_assert_cmpint(s->trend.kind, ==, JD_TREND_NONE);
  s = jd_analysis_find_series(a, "new_users", NULL, NULL);
  g_assert_cmpint(s->trend.kind, ==, JD_TREND_TWO_POINTS);
  assert_rel(s->trend.change_abs, 5, REL);
  g_assert_true(isnan(s->trend.change_pct));
  g_assert_true(isnan(s->trend.cagr_pct));
  s = jd_analysis_find_series(a, "balance", NULL, NULL);
  g_assert_cmpint(s->trend.kind, ==, JD_TREND_WEIGHTED); /* kg values carry ±0.5 */
  assert_rel(s->trend.slope, 2, REL);
  g_assert_true(isnan(s->trend.cagr_pct));
  s = jd_analysis_find_series(a, "users_checked", NULL, NULL);
  g_assert_cmpuint(s->n_points, ==, 3);
  g_assert_cmpint(s->trend.kind, ==, JD_TREND_WEIGHTED);
  /* fit values are interval middles: 305, 320, 350; weights 1/sd² with sd =
   * width/√12: 300多 width 100 -> sd² = 10000/12, 约350 width 35 -> 1225/12,
   * exact 320 takes the smallest, 1225/12. Closed-form weighted slope: */
  /* 300多 is [300, 400) (one unit of the hundreds digit): middle 350 */
  double x[] = {2017, 2018, 2019}, y[] = {350, 320, 350};
  double w[] = {12.0 / 10000, 12.0 / 1225, 12.0 / 1225};
  double W = 0, xw = 0, yw = 0, sxx = 0, sxy = 0;
  for (int i = 0; i < 3; i++) {
    W += w[i];
    xw += w[i] * x[i];
    yw += w[i] * y[i];
  }
  xw /= W;
  yw /= W;
  for (int i = 0; i < 3; i++) {
    sxx += w[i] * (x[i] - xw) * (x[i] - xw);
    sxy += w[i] * (x[i] - xw) * (y[i] - yw);
  }
  assert_rel(s->trend.slope, sxy / sxx, 1e-9);
  g_assert_nonnull(jd_analysis_find_series(a, "users_checked", "all", "X县"));
  jd_analysis_free(a);
  jd_figure_table_free(t);

  /* an empty table analyses to nothing */
  t = jd_figure_table_new();
  a = jd_analyze(t, NULL, &err);
  g_assert_cmpuint(jd_analysis_get_series_count(a), ==, 0);
  g_assert_cmpuint(jd_analysis_get_finding_count(a), ==, 0);
  GString *out = g_string_new(NULL);
  jd_analysis_write(out, a, JD_ANALYSIS_JSON);
  g_assert_cmpstr(out->str, ==, "{\"series\":[\n],\"findings\":[]\n}\n");
  g_string_free(out, TRUE);
  jd_analysis_free(a);
  jd_figure_table_free(t);
}

/* 200,000 figures: 20 documents x 10 years x 1000 metrics (the 1,000,000-
 * point series is test_fit_million; the timing at 1,000,000 records is
 * bench/analyze, not a test); every year's
 * value is stated identically by all documents that hold it, so each point is
 * corroborated and each series an exact line 1000 + 7(year - 2010). */
static void test_many_figures(void)
{
  jd_figure_table *t = jd_figure_table_new();
  char doc[32], metric[32], period[8];
  for (int d = 0; d < 20; d++) {
    g_snprintf(doc, sizeof doc, "doc%03d.txt", d);
    for (int m = 0; m < 1000; m++) {
      g_snprintf(metric, sizeof metric, "metric_%d", m);
      for (int y = 0; y < 10; y++) {
        g_snprintf(period, sizeof period, "%d", 2010 + y);
        jd_figure_table_take(t, fig(doc, (unsigned)(m * 10 + y + 1), metric, period,
                                    1000 + 7 * y, "case", 0, JD_KIND_LEVEL));
      }
    }
  }
  g_assert_cmpuint(jd_figure_table_get_count(t), ==, 200000);
  GError *err = NULL;
  jd_analysis *a = jd_analyze(t, NULL, &err);
  g_assert_no_error(err);
  g_assert_cmpuint(jd_analysis_get_series_count(a), ==, 1000);
  const jd_series *s = jd_analysis_find_series(a, "metric_500", NULL, NULL);
  g_assert_cmpuint(s->n_points, ==, 10);
  g_assert_cmpuint(s->points[0].n_documents, ==, 20);
  assert_rel(s->trend.slope, 7, 1e-9);
  assert_rel(s->trend.r2, 1, 1e-9);
  assert_rel(s->trend.forecast, 1070, 1e-9);
  jd_analysis_free(a);
  jd_figure_table_free(t);
}

/* A table shaped like extraction output (as bench/analyze synthesizes it):
 * 60 documents, 300 metrics x 5 regions, eight years, "多" values,
 * restatements that conflict, year-on-year changes and parts with shares. */
static jd_figure_table *mixed_table(size_t n)
{
  jd_figure_table *t = jd_figure_table_new();
  GRand *rng = g_rand_new_with_seed(42);
  char doc[32], metric[32], region[32], period[8], base[8];
  for (size_t made = 0; made < n;) {
    int d = g_rand_int_range(rng, 0, 60), m = g_rand_int_range(rng, 0, 300);
    int r = g_rand_int_range(rng, 0, 5), y = g_rand_int_range(rng, 2013, 2021);
    g_snprintf(doc, sizeof doc, "doc%02d.txt", d);
    g_snprintf(metric, sizeof metric, "metric_%03d", m);
    g_snprintf(region, sizeof region, "region_%d", r);
    g_snprintf(period, sizeof period, "%d", y);
    g_snprintf(base, sizeof base, "%d", y - 1);
    double level = 500 + 11.0 * m + 30.0 * (y - 2013) + g_rand_int_range(rng, 0, 4);
    jd_qualifier q = made % 7 == 0 ? JD_QUAL_MORE_THAN : JD_QUAL_EXACT;
    if (q == JD_QUAL_MORE_THAN) level = floor(level / 10) * 10;
    if (made % 40 == 0) level += 50;
    unsigned line = (unsigned)(made % 300) + 1;
    jd_figure_table_take(t, jd_figure_new(doc, line, "", metric, "all", region, period, level,
                                          "case", q, JD_KIND_LEVEL, ""));
    made++;
    if (made % 10 == 1) {
      jd_figure_table_take(t, jd_figure_new(doc, line, "", metric, "all", region, period,
                                            g_rand_int_range(rng, -300, 300) / 10.0, "percent",
                                            JD_QUAL_EXACT, JD_KIND_CHANGE_PCT, base));
      made++;
    }
    if (made % 10 == 5) {
      double part = floor(level * 0.4);
      jd_figure_table_take(t, jd_figure_new(doc, line, "", metric, "all", region, period, part,
                                            "case", JD_QUAL_EXACT, JD_KIND_LEVEL, ""));
      jd_figure_table_take(t, jd_figure_new(doc, line, "", metric, "all", region, period,
                                            floor(1000 * part / level) / 10, "percent",
                                            JD_QUAL_EXACT, JD_KIND_SHARE, ""));
      made += 2;
    }
  }
  g_rand_free(rng);
  return t;
}

static char *analysis_text(const jd_analysis *a)
{
  GString *out = g_string_new(NULL);
  jd_analysis_write(out, a, JD_ANALYSIS_JSON);
  jd_analysis_write_findings(out, a, JD_ANALYSIS_CSV, JD_SEVERITY_OK);
  return g_string_free(out, FALSE);
}

/* Two threads (the default for this size) give exactly what one gives; and
 * the results outlive the table they came from. */
static void test_threads_same_result(void)
{
  jd_figure_table *t = mixed_table(60000);
  jd_analyze_options one = JD_ANALYZE_OPTIONS_INIT;
  one.threads = 1;
  GError *err = NULL;
  jd_analysis *a1 = jd_analyze(t, &one, &err);
  g_assert_no_error(err);
  jd_analysis *a2 = jd_analyze(t, NULL, &err);
  g_assert_no_error(err);
  jd_figure_table_free(t); /* the analyses keep the strings they point to */
  g_assert_cmpuint(jd_analysis_get_finding_count(a1), >, 10000);
  g_assert_cmpuint(jd_analysis_count_findings(a1, JD_SEVERITY_WARNING), >, 1000);
  g_assert_cmpuint(jd_analysis_get_series_count(a1), ==, jd_analysis_get_series_count(a2));
  g_autofree char *s1 = analysis_text(a1), *s2 = analysis_text(a2);
  g_assert_cmpuint(strlen(s1), ==, strlen(s2));
  g_assert_true(strcmp(s1, s2) == 0);
  /* findings stay sorted: severity first, then document and line */
  for (size_t i = 1; i < jd_analysis_get_finding_count(a2); i++) {
    const jd_finding *p = jd_analysis_get_finding(a2, i - 1), *f = jd_analysis_get_finding(a2, i);
    g_assert_cmpint(p->severity, >=, f->severity);
    if (p->severity == f->severity && p->n_sources && f->n_sources)
      g_assert_cmpint(strcmp(p->sources[0].doc, f->sources[0].doc), <=, 0);
  }
  jd_analysis_free(a1);
  jd_analysis_free(a2);
}

static void test_output_formats(void)
{
  jd_figure_table *t = jd_figure_table_new();
  jd_figure_table_take(t, fig("a,b.txt", 1, "cases_solved", "2018", 10, "case", 0, JD_KIND_LEVEL));
  jd_figure_table_take(t, fig("a,b.txt", 2, "cases_solved", "2019", 12, "case", 0, JD_KIND_LEVEL));
  jd_figure_table_take(t, fig("a,b.txt", 3, "cases_solved", "2020", 15, "case", 0, JD_KIND_LEVEL));
  GError *err = NULL;
  jd_analysis *a = jd_analyze(t, NULL, &err);
  GString *out = g_string_new(NULL);
  jd_analysis_write(out, a, JD_ANALYSIS_CSV);
  g_assert_true(g_str_has_prefix(out->str, "metric,scope,drug,region,unit,kind,period_class,span,"));
  g_assert_nonnull(strstr(out->str, "\"a,b.txt:2\""));
  g_string_truncate(out, 0);
  jd_analysis_write(out, a, JD_ANALYSIS_JSON);
  g_assert_nonnull(strstr(out->str, "\"kind\":\"linear\""));
  g_assert_nonnull(strstr(out->str, "\"period\":\"2019\""));
  g_string_truncate(out, 0);
  jd_analysis_write(out, a, JD_ANALYSIS_TEXT);
  g_assert_nonnull(strstr(out->str, "linear trend over 3 points"));
  g_string_free(out, TRUE);
  jd_analysis_free(a);
  jd_figure_table_free(t);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/analyze/interval/qualifiers", test_intervals);
  g_test_add_func("/analyze/period/parse-previous", test_periods);
  g_test_add_func("/analyze/fit/linear-closed-form", test_fit_linear);
  g_test_add_func("/analyze/fit/weighted-closed-form", test_fit_weighted);
  g_test_add_func("/analyze/fit/edge-cases", test_fit_edges);
  g_test_add_func("/analyze/fit/million-points", test_fit_million);
  g_test_add_func("/analyze/threads/same-result", test_threads_same_result);
  g_test_add_func("/analyze/cagr", test_cagr);
  g_test_add_func("/analyze/wilson", test_wilson);
  g_test_add_func("/analyze/integers/behind-approximations", test_solve_integers);
  g_test_add_func("/analyze/series/pick-corroborate-conflict", test_series_pick);
  g_test_add_func("/analyze/series/edge-cases", test_series_edges);
  g_test_add_func("/analyze/series/many-figures", test_many_figures);
  g_test_add_func("/analyze/output/formats", test_output_formats);
  return g_test_run();
}
