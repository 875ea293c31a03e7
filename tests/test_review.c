/* `jindu review`, driven as an analyst would: in a terminal (tmux: keys
 * sent with send-keys, the screen read with capture-pane) and from a pipe.
 * Decisions are appended to the overrides file, never rewriting it; the next
 * build uses them and the next review does not ask again. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "jindu/jindu.h"
#include "testutil.h"

static const char curated[] =
    "doc,line,metric,drug,region,period,value,unit,qualifier,kind,base_period,note\n"
    "other.txt,1,cases_solved,,X市,2019,5,case,exact,level,,a curated row kept as it is\n";

/* The county bulletin (one error, one warning) with an overrides file. */
static char *project(void)
{
  char *dir = jd_test_tmpdir();
  g_autofree char *docs = g_build_filename(dir, "docs", NULL);
  g_assert_cmpint(g_mkdir(docs, 0755), ==, 0);
  g_autofree char *src = jd_test_doc_path("haifeng-2020-tongbao.txt");
  g_autofree char *text = jd_test_read_file(src, NULL);
  g_autofree char *dst = g_build_filename(docs, "haifeng-2020-tongbao.txt", NULL);
  g_assert_true(g_file_set_contents(dst, text, -1, NULL));
  g_autofree char *ov = g_build_filename(dir, "overrides.csv", NULL);
  g_assert_true(g_file_set_contents(ov, curated, -1, NULL));
  g_autofree char *ini = g_build_filename(dir, "jindu.ini", NULL);
  g_assert_true(g_file_set_contents(
      ini, "[input]\ndocuments=docs\noverrides=overrides.csv\n[output]\ndir=out\ncharts=\n", -1,
      NULL));
  return dir;
}

static char *socket_name;

static int tmux(const char *const *args, char **out)
{
  GPtrArray *argv = g_ptr_array_new();
  g_ptr_array_add(argv, (char *)"tmux");
  g_ptr_array_add(argv, (char *)"-L");
  g_ptr_array_add(argv, socket_name);
  for (size_t i = 0; args[i]; i++) g_ptr_array_add(argv, (char *)args[i]);
  g_ptr_array_add(argv, NULL);
  GSubprocessLauncher *l = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                     G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_unsetenv(l, "TMUX");
  GError *e = NULL;
  GSubprocess *p = g_subprocess_launcher_spawnv(l, (const char *const *)argv->pdata, &e);
  g_assert_no_error(e);
  char *o = NULL;
  g_subprocess_communicate_utf8(p, NULL, NULL, &o, NULL, &e);
  g_assert_no_error(e);
  int st = g_subprocess_get_if_exited(p) ? g_subprocess_get_exit_status(p) : 128;
  if (out) *out = o; else g_free(o);
  g_object_unref(p);
  g_object_unref(l);
  g_ptr_array_free(argv, TRUE);
  return st;
}

/* The screen once it shows `want` (waits up to 30 s). */
static char *screen_with(const char *want)
{
  for (int i = 0; i < 300; i++) {
    char *s = NULL;
    const char *cap[] = {"capture-pane", "-p", "-t", "review", "-S", "-60", NULL};
    tmux(cap, &s);
    if (strstr(s, want)) return s;
    g_free(s);
    g_usleep(100 * 1000);
  }
  char *s = NULL;
  const char *cap[] = {"capture-pane", "-p", "-t", "review", NULL};
  tmux(cap, &s);
  g_error("the screen never showed “%s”:\n%s", want, s);
  return NULL;
}

static void keys(const char *k)
{
  const char *send[] = {"send-keys", "-t", "review", k, "Enter", NULL};
  g_assert_cmpint(tmux(send, NULL), ==, 0);
}

static void test_in_tmux(void)
{
  g_autofree char *tmux_bin = g_find_program_in_path("tmux");
  if (!tmux_bin) {
    g_test_skip("tmux is not installed");
    return;
  }
  g_autofree char *dir = project();
  socket_name = g_strdup_printf("jindu-test-%d", (int)getpid());
  g_autofree char *cmd = g_strdup_printf("cd '%s' && JINDU_DATA_DIR='%s' '%s' review; sleep 30", dir,
                                         g_getenv("JINDU_DATA_DIR"), g_getenv("JINDU_BINARY"));
  const char *start[] = {"new-session", "-d", "-s", "review", "-x", "150", "-y", "50", cmd, NULL};
  g_assert_cmpint(tmux(start, NULL), ==, 0);
  g_autofree char *s1 = screen_with("a 接受  c 更正  w 撤回");
  g_assert_nonnull(strstr(s1, "jindu review: 6 items need a human"));
  g_assert_nonnull(strstr(s1, "[1/6] 【错误】占比与数值不符 — haifeng-2020-tongbao.txt:3"));
  g_assert_nonnull(strstr(s1, "原文："));
  keys("a"); /* the 626 as it is */
  g_autofree char *s2 = screen_with("[2/6]");
  g_assert_nonnull(strstr(s2, "已接受"));
  keys("c");
  g_free(screen_with("更正（字段=值"));
  keys("value=240");
  g_autofree char *s3 = screen_with("[3/6]");
  g_assert_nonnull(strstr(s3, "已更正"));
  keys("w");
  g_free(screen_with("[4/6]"));
  keys("q");
  g_autofree char *s4 = screen_with("decisions appended");
  g_assert_nonnull(strstr(s4, "jindu review: 3 decisions appended to "));
  g_assert_nonnull(strstr(s4, "; 3 left"));
  const char *kill[] = {"kill-server", NULL};
  tmux(kill, NULL);

  /* appended, never rewritten: the curated rows first, as they were */
  g_autofree char *ov = g_build_filename(dir, "overrides.csv", NULL);
  g_autofree char *after = jd_test_read_file(ov, NULL);
  g_assert_true(g_str_has_prefix(after, curated));
  g_assert_nonnull(strstr(after, "haifeng-2020-tongbao.txt,3,compulsory_isolation,,海丰县,2019,626,person,exact,level,,review: accepted\n"));
  g_assert_nonnull(strstr(after, ",new_users,,海丰县,2019,240,person,exact,level,,review: corrected\n"));
  g_assert_nonnull(strstr(after, ",new_users,,海丰县,2019,,percent,exact,share,,review: withdrawn\n"));
  /* the next review asks nothing more of these; the build uses them */
  char *out = NULL;
  const char *review[] = {"review", NULL};
  g_assert_cmpint(jd_test_run_cli(review, dir, "q\n", &out, NULL), ==, 0);
  g_assert_nonnull(strstr(out, "jindu review: 3 items need a human"));
  g_assert_nonnull(strstr(out, "[1/3] 【警告】占比仅在截尾时成立"));
  g_free(out);
  jd_test_rm_rf(dir);
  g_free(socket_name);
}

/* From a pipe: the same prompts read line by line; the end of input stops. */
static void test_from_pipe(void)
{
  g_autofree char *dir = project();
  char *out = NULL;
  const char *review[] = {"review", NULL};
  g_assert_cmpint(jd_test_run_cli(review, dir, "s\nx\nw\n", &out, NULL), ==, 0);
  g_assert_nonnull(strstr(out, "请输入 a、c、w、s 或 q"));
  g_assert_nonnull(strstr(out, "1 decision appended"));
  g_assert_nonnull(strstr(out, "; 4 left"));
  g_free(out);
  const char *build[] = {"build", NULL};
  g_assert_cmpint(jd_test_run_cli(build, dir, NULL, &out, NULL), ==, 0);
  g_free(out);
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_test_add("/review/tmux", test_in_tmux);
  jd_test_add("/review/pipe", test_from_pipe);
  return jd_test_run();
}
