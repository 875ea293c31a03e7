/* The command line as a new user meets it: one --encoding parser (auto,
 * utf-8, gb18030, big5) for every command that reads documents, `jindu
 * help` from the build tree, and the documented exit codes. */
#include <string.h>

#include "jindu/jindu.h"
#include "testutil.h"

static void test_encoding_everywhere(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *doc = g_build_filename(dir, "big5.txt", NULL);
  const char *text = "發布時間：2021年3月1日\n2020年，全省破獲毒品案件1480起。\n";
  gsize len = 0;
  g_autofree char *big5 = g_convert(text, -1, "BIG5", "UTF-8", NULL, &len, NULL);
  g_assert_nonnull(big5);
  g_assert_true(g_file_set_contents(doc, big5, (gssize)len, NULL));
  g_autofree char *pdf = g_build_filename(dir, "b.pdf", NULL);
  const char *extract[] = {"extract", "--encoding", "big5", doc, NULL};
  const char *normalize[] = {"normalize", "--encoding", "big5", doc, NULL};
  const char *report[] = {"report", "--encoding", "big5", doc, "--date", "2021-03-01", "-o", pdf, NULL};
  const char *const *ok[] = {extract, normalize, report};
  for (size_t i = 0; i < G_N_ELEMENTS(ok); i++) {
    char *out = NULL, *err = NULL;
    g_assert_cmpint(jd_test_run_cli(ok[i], NULL, NULL, &out, &err), ==, 0);
    if (i == 0) g_assert_nonnull(strstr(out, ",cases_solved,,,全省,2020,year,1480,case,"));
    if (i == 1) g_assert_nonnull(strstr(out, "全省破获毒品案件1480起"));
    g_free(out);
    g_free(err);
  }
  /* an unknown name: the same message from each */
  const char *cmds[] = {"extract", "normalize", "report"};
  for (size_t i = 0; i < G_N_ELEMENTS(cmds); i++) {
    const char *argv[] = {cmds[i], "--encoding", "latin9", doc, "-o", pdf, NULL};
    if (strcmp(cmds[i], "normalize") == 0) argv[4] = NULL;
    char *err = NULL;
    g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, NULL, &err), ==, JD_EXIT_USAGE);
    g_assert_cmpstr(err, ==,
                    "jindu: --encoding 'latin9' is not known — use auto, utf-8, gb18030 or big5\n");
    g_free(err);
  }
  /* jindu.ini's encoding takes the same names */
  g_autofree char *ini = g_build_filename(dir, "jindu.ini", NULL);
  g_assert_true(g_file_set_contents(
      ini, "[input]\ndocuments=big5.txt\nencoding=big5\n[output]\ndir=out\n", -1, NULL));
  const char *build[] = {"build", "-c", ini, NULL};
  g_assert_cmpint(jd_test_run_cli(build, dir, NULL, NULL, NULL), ==, 0);
  jd_test_rm_rf(dir);
}

/* README: `build/jindu help` from a fresh build, before any install. */
static void test_help_as_written(void)
{
  const char *build = g_getenv("JINDU_BUILD_DIR");
  g_autofree char *bin = g_build_filename(build, "jindu", NULL);
  g_assert_true(g_file_test(bin, G_FILE_TEST_IS_EXECUTABLE));
  char *out = NULL;
  const char *argv[] = {"help", NULL};
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, &out, NULL), ==, 0);
  g_assert_nonnull(strstr(out, "  metrics "));
  g_assert_nonnull(strstr(out, "  regions "));
  g_assert_nonnull(strstr(out, "  7  build: built, but some documents could not be read"));
  g_free(out);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_test_add("/cli/encoding-everywhere", test_encoding_everywhere);
  jd_test_add("/cli/help-as-written", test_help_as_written);
  return jd_test_run();
}
