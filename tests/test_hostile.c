/* Hostile and huge inputs (issue 21), through the CLI: bounded work for any
 * value, no path from data to the file system, spreadsheet-safe outputs and
 * no number lost. Each case failed before its fix. */
#define _DEFAULT_SOURCE 1
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

static char *tmp;

static char *write_tmp(const char *name, const char *text)
{
  char *p = g_build_filename(tmp, name, NULL);
  g_assert_true(g_file_set_contents(p, text, -1, NULL));
  return p;
}

/* Runs jindu; returns the exit code, *out and *err owned by the caller. */
static int cli(const char *const *argv, char **out, char **err)
{
  return jd_test_run_cli(argv, tmp, NULL, out, err);
}

/* ------------------------------------------------------- bounded work */

/* 9007199254740992 = 2^53: a search stepping a double by one never moved; the
 * number is now left out with a warning naming the file and line. */
static void test_two_pow_53_does_not_hang(void)
{
  g_autofree char *p = write_tmp("big.txt", "2020年全国破获毒品案件9007199254740992起。"
                                            "2021年全国破获毒品案件9000万亿起，同比上升50%。\n");
  const char *argv[] = {"audit", p, NULL};
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint(cli(argv, &out, &err), ==, 0);
  const char *xargv[] = {"extract", p, NULL};
  g_autofree char *xout = NULL, *xerr = NULL;
  g_assert_cmpint(cli(xargv, &xout, &xerr), ==, 0);
  g_assert_nonnull(strstr(xerr, "big.txt:1: the number 9007199254740992"));
  g_assert_nonnull(strstr(xerr, "beyond exact precision"));
}

/* A figures table of 1e300 and 1e308 hung analyze: rejected with file:line. */
static void test_huge_csv_values_rejected(void)
{
  g_autofree char *p = write_tmp("huge.csv", "doc,line,metric,region,period,value,unit,kind\n"
                                             "a.txt,1,cases_solved,全国,2020,1e300,case,level\n"
                                             "a.txt,2,cases_solved,全国,2021,1e308,case,level\n");
  const char *argv[] = {"analyze", p, NULL};
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint(cli(argv, &out, &err), ==, 3);
  g_assert_nonnull(strstr(err, "huge.csv:2: column 'value'"));
}

/* A 400-digit number is left out with the warning the README promises. */
static void test_400_digits_warned(void)
{
  GString *s = g_string_new("2021年破获毒品案件");
  for (int i = 0; i < 400; i++) g_string_append_c(s, '9');
  g_string_append(s, "起。\n");
  g_autofree char *p = write_tmp("digits.txt", s->str);
  g_string_free(s, TRUE);
  const char *argv[] = {"extract", p, NULL};
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint(cli(argv, &out, &err), ==, 0);
  g_assert_nonnull(strstr(err, "digits.txt:1: the number 9999"));
  g_assert_null(strstr(out, "999999"));
}

/* ------------------------------------------------------- no number lost */

static void test_kilogram_after_decimal(void)
{
  /* 千克 after a number that did not take the 千 was a phantom "1 kg" */
  g_autofree char *p = write_tmp("kg.txt", "缴获毒品三点八千克。\n查获冰毒3.千克。\n另查获余千克。\n"
                                           "缴获毒品350.5千克，其中海洛因3.8千克。\n");
  const char *argv[] = {"extract", p, NULL};
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint(cli(argv, &out, &err), ==, 0);
  g_assert_null(strstr(out, ",1,kg,"));
  g_assert_nonnull(strstr(out, ",3.8,kg,"));
  g_assert_nonnull(strstr(out, ",350.5,kg,"));
}

static void test_round_trip_values(void)
{
  g_autofree char *p = write_tmp("n.txt", "全市破获毒品案件12345678901起，缴获毒品350克。\n");
  const char *argv[] = {"extract", "--format", "jsonl", p, NULL};
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint(cli(argv, &out, &err), ==, 0);
  g_assert_nonnull(strstr(out, "\"value\":12345678901,"));
  g_assert_nonnull(strstr(out, "\"value\":0.35,"));
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  tmp = jd_test_tmpdir();
  g_test_add_func("/hostile/bounded/two-pow-53", test_two_pow_53_does_not_hang);
  g_test_add_func("/hostile/bounded/huge-csv-values", test_huge_csv_values_rejected);
  g_test_add_func("/hostile/bounded/400-digits", test_400_digits_warned);
  g_test_add_func("/hostile/numbers/kilogram", test_kilogram_after_decimal);
  g_test_add_func("/hostile/numbers/round-trip", test_round_trip_values);
  int rc = g_test_run();
  jd_test_rm_rf(tmp);
  g_free(tmp);
  return rc;
}
