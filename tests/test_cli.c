/* The command-line front end: help, version, unknown commands, outputs that
 * are no regular files. */
#define _POSIX_C_SOURCE 200809L
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

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

/* -o a named pipe (as -o /dev/null or /dev/stdout): written through, never
 * replaced by a regular file (renaming over /dev/null as root replaced the
 * device for the whole machine). */
static void test_output_to_a_pipe(void)
{
  char *dir = jd_test_tmpdir();
  char *fifo = g_build_filename(dir, "pipe", NULL);
  char *doc = g_build_filename(dir, "doc.txt", NULL);
  g_assert_cmpint(mkfifo(fifo, 0600), ==, 0);
  g_assert_true(g_file_set_contents(doc, "2021年，某县破获毒品案件12起。\n", -1, NULL));
  /* a reader on the pipe: cat into a file */
  char *sink = g_build_filename(dir, "read.csv", NULL);
  char *script = g_strdup_printf("cat '%s' > '%s'", fifo, sink);
  const char *sh[] = {"/bin/sh", "-c", script, NULL};
  GPid pid;
  g_assert_true(g_spawn_async(NULL, (char **)sh, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL));
  const char *argv[] = {"analyze", doc, "-o", fifo, NULL};
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, NULL, NULL), ==, 0);
  int status = 0;
  g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
  g_spawn_close_pid(pid);
  struct stat st;
  g_assert_cmpint(lstat(fifo, &st), ==, 0);
  g_assert_true(S_ISFIFO(st.st_mode));
  char *csv = jd_test_read_file(sink, NULL);
  g_assert_nonnull(strstr(csv, "cases_solved"));  /* the analysis, read through the pipe */
  g_free(csv);
  g_free(script);
  g_free(sink);
  g_free(doc);
  g_free(fifo);
  jd_test_rm_rf(dir);
  g_free(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/cli/help", test_help);
  g_test_add_func("/cli/version", test_version);
  g_test_add_func("/cli/unknown-command", test_unknown);
  g_test_add_func("/cli/output-to-a-pipe", test_output_to_a_pipe);
  return g_test_run();
}
