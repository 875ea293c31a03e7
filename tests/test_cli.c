/* The command-line front end: help, version, unknown commands. */
#include <string.h>

#include "testutil.h"

static void test_help(void)
{
  char *out = NULL;
  const char *argv[] = {"help", NULL};
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, &out, NULL), ==, 0);
  g_assert_nonnull(strstr(out, "Commands:"));
  g_assert_nonnull(strstr(out, "Exit codes:"));
  g_free(out);
}

static void test_version(void)
{
  char *out = NULL;
  const char *argv[] = {"--version", NULL};
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, &out, NULL), ==, 0);
  g_assert_true(g_str_has_prefix(out, "jindu "));
  g_assert_nonnull(strstr(out, "GSL"));
  g_assert_nonnull(strstr(out, "cairo"));
  g_assert_nonnull(strstr(out, "Pango"));
  g_free(out);
}

static void test_unknown(void)
{
  char *err = NULL;
  const char *argv[] = {"frobnicate", NULL};
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, NULL, &err), ==, 2);
  g_assert_nonnull(strstr(err, "unknown command"));
  g_free(err);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/cli/help", test_help);
  g_test_add_func("/cli/version", test_version);
  g_test_add_func("/cli/unknown-command", test_unknown);
  return g_test_run();
}
