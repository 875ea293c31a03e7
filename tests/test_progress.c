/* The progress line of `jindu build`: on a terminal (a pty through
 * script(1)) it shows documents done/total, MB/s and is cleared at the end;
 * under cron (no terminal) and with --quiet nothing of it is printed;
 * --verbose says each step. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "testutil.h"

static char *project(void)
{
  char *dir = jd_test_tmpdir();
  g_autofree char *docs = g_build_filename(dir, "docs", NULL);
  g_assert_cmpint(g_mkdir(docs, 0755), ==, 0);
  const char *names[] = {"haifeng-2020-tongbao.txt", "qinghai-2019-zongjie.txt",
                         "zhejiang-2021-tongbao.txt"};
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
    g_autofree char *src = jd_test_doc_path(names[i]);
    g_autofree char *dst = g_build_filename(docs, names[i], NULL);
    gsize len;
    g_autofree char *data = jd_test_read_file(src, &len);
    g_assert_true(g_file_set_contents(dst, data, (gssize)len, NULL));
  }
  g_autofree char *ini = g_build_filename(dir, "jindu.ini", NULL);
  g_assert_true(g_file_set_contents(
      ini, "[input]\ndocuments=docs\n[output]\ndir=out\nreport=\ncharts=\n", -1, NULL));
  return dir;
}

/* `jindu build ARGS` on a terminal: everything the terminal received. */
static char *on_terminal(const char *dir, const char *args)
{
  g_autofree char *cmd = g_strdup_printf("'%s' build %s", g_getenv("JINDU_BINARY"), args);
  const char *argv[] = {"script", "-qec", cmd, "/dev/null", NULL};
  GSubprocessLauncher *l = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                     G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_cwd(l, dir);
  g_subprocess_launcher_setenv(l, "JINDU_PROGRESS_AFTER", "0", TRUE); /* no wait for a long run */
  g_subprocess_launcher_setenv(l, "TERM", "xterm", TRUE);
  GError *e = NULL;
  GSubprocess *p = g_subprocess_launcher_spawnv(l, argv, &e);
  g_assert_no_error(e);
  char *out = NULL;
  g_subprocess_communicate_utf8(p, NULL, NULL, &out, NULL, &e);
  g_assert_no_error(e);
  g_object_unref(p);
  g_object_unref(l);
  return out;
}

static void test_progress_line(void)
{
  g_autofree char *script = g_find_program_in_path("script");
  if (!script) {
    g_test_skip("script(1) is not installed (bsdutils)");
    return;
  }
  g_autofree char *dir = project();
  g_autofree char *tty = on_terminal(dir, "--force");
  g_assert_nonnull(strstr(tty, "\rjindu: extracting 0/3 documents (0%)"));
  g_assert_nonnull(strstr(tty, "\rjindu: extracting 3/3 documents (100%), "));
  g_assert_nonnull(strstr(tty, " MB/s"));
  g_assert_nonnull(strstr(tty, "\r\033[Kjindu: built ")); /* cleared before the summary */
  g_autofree char *quiet = on_terminal(dir, "--force --quiet");
  g_assert_null(strstr(quiet, "extracting"));
  /* no terminal (cron, systemd, a pipe): the summary alone */
  char *out = NULL, *err = NULL;
  const char *argv[] = {"build", "--force", NULL};
  g_assert_cmpint(jd_test_run_cli(argv, dir, NULL, &out, &err), ==, 0);
  g_assert_cmpstr(err, ==, "");
  g_assert_true(g_str_has_prefix(out, "jindu: built "));
  g_free(out);
  g_free(err);
  const char *verbose[] = {"build", "--force", "--verbose", NULL};
  g_assert_cmpint(jd_test_run_cli(verbose, dir, NULL, NULL, &err), ==, 0);
  g_assert_nonnull(strstr(err, "jindu: extracting 3 documents\n"));
  g_free(err);
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_test_add("/build/progress/terminal-only", test_progress_line);
  return jd_test_run();
}
