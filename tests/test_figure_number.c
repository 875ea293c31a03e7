/* The figures table's fast paths against the slow paths they replace:
 * jd_parse_decimal (src/figure-number.h) must give bit for bit the double
 * g_ascii_strtod gives, jd_figure_format_value must print what the
 * printf-based formatter printed (kept here as the reference), and the CSV
 * reader's quote-free records must read as the field-by-field reader reads
 * quoted ones. */
#include <math.h>
#include <string.h>

#include "analyze/analyze-private.h"
#include "figure/figure-number.h"
#include "jindu/figure.h"
#include "testutil.h"

/* Same double, including the sign of zero. */
static gboolean same_double(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

/* jd_parse_decimal on s: when it accepts s, g_ascii_strtod must read all of
 * s and give the same bits. Returns whether it accepted. */
static gboolean check_parse(const char *s)
{
  double fast = 0;
  gboolean ok = jd_parse_decimal(s, strlen(s), &fast);
  if (ok) {
    char *end = NULL;
    double slow = g_ascii_strtod(s, &end);
    if (*end != '\0' || !same_double(fast, slow))
      g_error("'%s': fast %.17g, g_ascii_strtod %.17g (stopped at '%s')", s, fast, slow, end);
  }
  return ok;
}

static void test_parse_cases(void)
{
  const char *accepted[] = {"0", "-0", "0.1", "5", "1480", "30.77", "0.064", "-44.15", ".5", "5.",
                            "-.25", "007", "00000.1000", "123456789012345", "999999999999999",
                            "0.000000000000000000001", "0.0000000000000000000001",
                            "1234567890.12345", "000000000000000000000000000001",
                            "0.30000000000000", "2.675", "1.005", "9007199254740.99",
                            "100000000000000", "10000000.0000000", "-0.0"};
  for (size_t i = 0; i < G_N_ELEMENTS(accepted); i++)
    if (!check_parse(accepted[i])) g_error("'%s' should take the fast path", accepted[i]);
  const char *rejected[] = {"", " 5", "5 ", "\t5", "+5", "1e5", "1E5", "1.5e-3", "inf", "-inf",
                            "nan", "NaN", "0x10", ".", "-", "-.", "1.2.3", "--1", "1,5", "1 2",
                            "123456789012345678", "1234567890123456", "0.30000000000000004",
                            "0.00000000000000000000001", /* 23 decimals */
                            "12345678901234567890123456789012345678901234567890",
                            "3.14159265358979323846264338327950288419716939937510"};
  for (size_t i = 0; i < G_N_ELEMENTS(rejected); i++)
    if (check_parse(rejected[i])) g_error("'%s' should not take the fast path", rejected[i]);
  double v = 1;
  g_assert_true(jd_parse_decimal("-0", 2, &v));
  g_assert_true(v == 0 && signbit(v));
  g_assert_true(jd_parse_decimal("5.", 2, &v));
  g_assert_cmpfloat(v, ==, 5);
  g_assert_true(jd_parse_decimal(".5", 2, &v));
  g_assert_cmpfloat(v, ==, 0.5);
  g_assert_true(jd_parse_decimal("0.1", 3, &v));
  g_assert_cmpfloat(v, ==, 0.1);
  /* only len bytes are read */
  g_assert_true(jd_parse_decimal("12,34", 2, &v));
  g_assert_cmpfloat(v, ==, 12);
}

static void test_parse_random(void)
{
  GRand *r = g_rand_new_with_seed(4);
  char s[64];
  int n_fast = 0;
  for (int i = 0; i < 300000; i++) {
    int n = g_rand_int_range(r, 1, 24), o = 0;
    if (g_rand_boolean(r)) s[o++] = '-';
    int dot = g_rand_int_range(r, -1, n + 1);
    for (int k = 0; k < n; k++) {
      if (k == dot) s[o++] = '.';
      /* runs of 0 and 9 make values close to powers of ten and halfway points */
      int kind = g_rand_int_range(r, 0, 4);
      s[o++] = (char)(kind == 0 ? '0' : kind == 1 ? '9' : '0' + g_rand_int_range(r, 0, 10));
    }
    if (dot == n) s[o++] = '.';
    s[o] = '\0';
    n_fast += check_parse(s);
  }
  /* halfway cases between neighbouring doubles, written with 15 digits */
  for (int i = 0; i < 100000; i++) {
    double x = g_rand_double_range(r, 0, 1e6);
    double mid = x + (nextafter(x, INFINITY) - x) / 2;
    g_snprintf(s, sizeof s, "%.15g", mid);
    if (!strchr(s, 'e')) n_fast += check_parse(s);
    g_snprintf(s, sizeof s, "%.*f", g_rand_int_range(r, 0, 10), x);
    n_fast += check_parse(s);
  }
  g_assert_cmpint(n_fast, >, 200000);
  g_rand_free(r);
}

/* The reference: every whole number below 2^53 with all its digits, else the
 * shortest text that reads back as the same double (round-trip), without an
 * exponent for 10^-6 <= |v| < 10^21. */
static char *format_value_printf(double v)
{
  if (isnan(v)) return g_strdup("");
  if (isinf(v)) return g_strdup(v > 0 ? "inf" : "-inf");
  if (v == 0) return g_strdup("0");
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 64], fmt[16];
  if (fabs(v) < 9007199254740992.0 && v == nearbyint(v)) return g_strdup_printf("%lld", (long long)v);
  for (int p = 1; p <= 17; p++) {
    g_snprintf(fmt, sizeof fmt, "%%.%dg", p);
    g_ascii_formatd(buf, sizeof buf, fmt, v);
    if (g_ascii_strtod(buf, NULL) == v) break;
  }
  if (strchr(buf, 'e') && fabs(v) >= 1e-6 && fabs(v) < 1e21)
    for (int d = 0; d <= 40; d++) {
      g_snprintf(fmt, sizeof fmt, "%%.%df", d);
      g_ascii_formatd(buf, sizeof buf, fmt, v);
      if (g_ascii_strtod(buf, NULL) == v) break;
    }
  return g_strdup(buf);
}

static void check_format(double v)
{
  g_autofree char *fast = jd_figure_format_value(v);
  g_autofree char *slow = format_value_printf(v);
  if (strcmp(fast, slow) != 0) g_error("%.17g: fast '%s', printf '%s'", v, fast, slow);
  /* no number lost: the text reads back as the same double */
  if (isfinite(v) && g_ascii_strtod(fast, NULL) != v) g_error("%.17g: '%s' reads back otherwise", v, fast);
  GString *g = g_string_new("x");
  jd_figure_append_value(g, v);
  g_assert_cmpstr(g->str + 1, ==, slow);
  g_string_free(g, TRUE);
}

static void test_format_cases(void)
{
  const double cases[] = {
      1480, 30.77, 0.064, -44.15, 0, -0.0, 1e6, 2.5e-7, 0.1 + 0.2, 1113.2330827067669, 43400,
      1234567890123.0, 1e9, 1e10, 1e15, 1e16, 1e-6, 1e-7, 9.9999999995e-7, 9.999999999e14,
      9.9999999995e14, 999999999.95, 9999999999.5, 0.5, 0.05, 0.15, 0.25, 1.0000000005,
      1.00000000050001, 123456.78905, 19.98181818181818, 0.9993061069, 0.1674253876,
      11927.077852, 1e300, -1e300, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
      INFINITY, -INFINITY, NAN, 0.1, 0.7, 1.0 / 3, 2.0 / 3, -1.0 / 7, 12345678901.0,
      98765432109876.5, 4.35, 2.675, 1.005, 100.0 / 3, 57.4 / 100, 0.000123456789012};
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) check_format(cases[i]);
}

static void test_format_random(void)
{
  GRand *r = g_rand_new_with_seed(7);
  for (int i = 0; i < 200000; i++) {
    double v;
    switch (i % 6) {
    case 0: /* anything, from 1e-9 to 1e17 */
      v = pow(10, g_rand_double_range(r, -9, 17));
      break;
    case 1: /* computed statistics: ratios of counts */
      v = (double)g_rand_int_range(r, 1, 100000) / g_rand_int_range(r, 1, 10000) * 100;
      break;
    case 2: /* stated values with a few decimals */
      v = g_rand_int_range(r, 0, 10000000) / pow(10, g_rand_int_range(r, 0, 8));
      break;
    case 3: /* halfway at the 10th significant digit, and its neighbours */
      v = (g_rand_int_range(r, 100000000, 1000000000) * 10.0 + 5) *
          pow(10, g_rand_int_range(r, -16, 5));
      if (g_rand_boolean(r)) v = nextafter(v, g_rand_boolean(r) ? INFINITY : 0);
      break;
    case 4: /* near powers of ten */
      v = pow(10, g_rand_int_range(r, -8, 16)) * (1 + g_rand_double_range(r, -1e-9, 1e-9));
      break;
    default: /* whole numbers of every size */
      v = floor(pow(10, g_rand_double_range(r, 0, 18)));
    }
    check_format(g_rand_boolean(r) ? v : -v);
  }
  g_rand_free(r);
}

/* The same rows written with and without quotes, with every line end. */
static void test_csv_fast_records(void)
{
  const char *plain = "doc,line,metric,value,quote\r\n"
                      "a.txt,1,m,1480,q\n"
                      ",,m,-0.5,\r"
                      "b.txt,007,m2,30.77,x y\r\n"
                      "\n"
                      "c.txt,3,m,5.,z"; /* no line end at the end */
  const char *quoted = "\"doc\",line,\"metric\",value,quote\r\n"
                       "\"a.txt\",1,m,\"1480\",\"q\"\n"
                       "\"\",,\"m\",-0.5,\"\"\r"
                       "b.txt,007,m2,30.77,\"x y\"\r\n"
                       "\n"
                       "c.txt,3,\"m\",5.,\"z\"";
  jd_figure_table *a = jd_figure_table_new(), *b = jd_figure_table_new();
  GError *err = NULL;
  g_assert_true(jd_figure_table_read_csv(a, "plain.csv", plain, strlen(plain), &err));
  g_assert_no_error(err);
  g_assert_true(jd_figure_table_read_csv(b, "quoted.csv", quoted, strlen(quoted), &err));
  g_assert_no_error(err);
  g_assert_cmpuint(jd_figure_table_get_count(a), ==, 4);
  g_assert_cmpuint(jd_figure_table_get_count(b), ==, 4);
  for (size_t i = 0; i < 4; i++) {
    const jd_figure *x = jd_figure_table_get(a, i), *y = jd_figure_table_get(b, i);
    g_assert_cmpstr(x->doc, ==, y->doc);
    g_assert_cmpuint(x->line, ==, y->line);
    g_assert_cmpstr(x->metric, ==, y->metric);
    g_assert_cmpstr(x->quote, ==, y->quote);
    g_assert_true(same_double(x->value, y->value));
  }
  const jd_figure *f = jd_figure_table_get(a, 2);
  g_assert_cmpstr(f->doc, ==, "b.txt");
  g_assert_cmpuint(f->line, ==, 7);
  g_assert_cmpstr(f->quote, ==, "x y");
  g_assert_cmpfloat(f->value, ==, 30.77);
  g_assert_cmpfloat(jd_figure_table_get(a, 3)->value, ==, 5);
  /* equal strings are pooled once, whichever way they were read */
  g_assert_true(jd_figure_table_get(a, 0)->metric == jd_figure_table_get(a, 1)->metric);
  g_assert_true(jd_figure_table_get(a, 1)->doc == jd_figure_table_get(a, 1)->quote);
  jd_figure_table_free(a);
  jd_figure_table_free(b);

  /* an empty quoted field first, before the reader has a buffer */
  const char *empty = "\"\",metric,value\n\"\",m,\"5\"\n";
  jd_figure_table *c = jd_figure_table_new();
  g_assert_true(jd_figure_table_read_csv(c, "empty.csv", empty, strlen(empty), &err));
  g_assert_no_error(err);
  g_assert_cmpuint(jd_figure_table_get_count(c), ==, 1);
  g_assert_cmpfloat(jd_figure_table_get(c, 0)->value, ==, 5);
  jd_figure_table_free(c);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/figure/number/parse-cases", test_parse_cases);
  g_test_add_func("/figure/number/parse-random-against-strtod", test_parse_random);
  g_test_add_func("/figure/number/format-cases", test_format_cases);
  g_test_add_func("/figure/number/format-random-against-printf", test_format_random);
  g_test_add_func("/figure/csv/quote-free-records", test_csv_fast_records);
  return g_test_run();
}
