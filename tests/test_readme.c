/* README.md's "a week with jindu" runs as written: the shell block between
 * <!-- week:begin --> and <!-- week:end --> is taken from the README and run
 * with bash -e in a scratch copy of the project (data, fonts, jindu.ini,
 * tests/docs, and build/jindu), as a new user would after scripts/setup.sh. */
#define _DEFAULT_SOURCE 1
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

static void copy_tree(const char *from, const char *to)
{
  g_assert_cmpint(g_mkdir_with_parents(to, 0755), ==, 0);
  GDir *d = g_dir_open(from, 0, NULL);
  g_assert_nonnull(d);
  const char *n;
  while ((n = g_dir_read_name(d))) {
    g_autofree char *a = g_build_filename(from, n, NULL);
    g_autofree char *b = g_build_filename(to, n, NULL);
    if (g_file_test(a, G_FILE_TEST_IS_DIR)) {
      copy_tree(a, b);
    } else {
      gsize len;
      g_autofree char *data = jd_test_read_file(a, &len);
      g_assert_true(g_file_set_contents(b, data, (gssize)len, NULL));
    }
  }
  g_dir_close(d);
}

/* The commands of the README's block `name`. */
static char *readme_block(const char *name)
{
  g_autofree char *path = jd_test_source_path("README.md");
  g_autofree char *text = jd_test_read_file(path, NULL);
  g_autofree char *begin = g_strdup_printf("<!-- %s:begin -->", name);
  g_autofree char *end = g_strdup_printf("<!-- %s:end -->", name);
  const char *b = strstr(text, begin), *e = strstr(text, end);
  g_assert_nonnull(b);
  g_assert_nonnull(e);
  const char *open = strstr(b, "```sh\n");
  g_assert_true(open && open < e);
  open += strlen("```sh\n");
  const char *close = strstr(open, "```");
  g_assert_true(close && close < e);
  return g_strndup(open, (gsize)(close - open));
}

static void test_week(void)
{
  g_autofree char *script = readme_block("week");
  g_assert_nonnull(strstr(script, "build/jindu build"));
  g_autofree char *dir = jd_test_tmpdir();
  const char *parts[] = {"data", "fonts", "tests/docs"};
  for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
    g_autofree char *from = jd_test_source_path(parts[i]);
    g_autofree char *to = g_build_filename(dir, parts[i], NULL);
    copy_tree(from, to);
  }
  g_autofree char *ini_src = jd_test_source_path("jindu.ini");
  g_autofree char *ini = jd_test_read_file(ini_src, NULL);
  g_autofree char *ini_dst = g_build_filename(dir, "jindu.ini", NULL);
  g_assert_true(g_file_set_contents(ini_dst, ini, -1, NULL));
  g_autofree char *bindir = g_build_filename(dir, "build", NULL);
  g_assert_cmpint(g_mkdir(bindir, 0755), ==, 0);
  g_autofree char *bin = g_build_filename(bindir, "jindu", NULL);
  g_assert_cmpint(symlink(g_getenv("JINDU_BINARY"), bin), ==, 0);

  const char *argv[] = {"bash", "-e", "-c", script, NULL};
  GSubprocessLauncher *l = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                     G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_cwd(l, dir);
  g_subprocess_launcher_setenv(l, "JINDU_DATA_DIR", dir, TRUE); /* the copy's data */
  GError *e = NULL;
  GSubprocess *p = g_subprocess_launcher_spawnv(l, argv, &e);
  g_assert_no_error(e);
  char *out = NULL;
  g_subprocess_communicate_utf8(p, NULL, NULL, &out, NULL, &e);
  g_assert_no_error(e);
  int st = g_subprocess_get_if_exited(p) ? g_subprocess_get_exit_status(p) : 128;
  if (st != 0) g_test_message("%s", out);
  g_assert_cmpint(st, ==, 0);
  g_assert_nonnull(strstr(out, "compulsory_isolation"));                 /* metrics */
  g_assert_nonnull(strstr(out, "2 decisions appended"));                 /* review */
  g_assert_nonnull(strstr(out, "2023-06-30.csv → 2023-07-07.csv: 与上期相比，新增数据")); /* diff */
  g_assert_nonnull(strstr(out, "+ 新增 "));
  g_assert_nonnull(strstr(out, "(haifeng-2020-tongbao.txt:"));
  g_autofree char *pdf = g_build_filename(dir, "reports", "jindu-briefing.pdf", NULL);
  g_assert_true(g_file_test(pdf, G_FILE_TEST_IS_REGULAR));
  g_free(out);
  g_object_unref(p);
  g_object_unref(l);
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_test_add("/readme/a-week-with-jindu", test_week);
  return jd_test_run();
}
