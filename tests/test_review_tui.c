/* `jindu review`'s terminal screen, driven as an analyst would in a real
 * terminal: tmux runs it detached, keys go in with send-keys, the screen
 * comes back with capture-pane. On a scratch project whose figures hold
 * audit findings (a county bulletin), a low-confidence OCR reading, a figure
 * of unknown scope and one of unknown period: accept one, withdraw one,
 * correct one (its metric by its Chinese name, its scope and its value),
 * quit; then the overrides file holds exactly the rows appended after the
 * curated ones, and the next build uses them. Skipped (exit 77) only when
 * tmux is not installed or the machine gives no pseudo-terminal. */
#define _GNU_SOURCE /* posix_openpt, grantpt, ptsname */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>

#include "testutil.h"

static const char curated[] =
    "doc,line,metric,scope,drug,region,period,value,unit,qualifier,kind,base_period,note\n"
    "other.txt,1,cases_solved,,,X市,2019,5,case,exact,level,,a curated row kept as it is\n";

/* An invented scan, as the extractor would have read it. */
static const char scan_figures[] =
    "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period,"
    "where\n"
    "jiangcheng-scan.pdf,1,全区破获毒品案件86起,cases_solved,,,江城区,2021,year,86,case,exact,"
    "level,,第1页 识别置信度低(52%)\n"
    "jiangcheng-scan.pdf,2,其中专案抓获犯罪嫌疑人47名,cases_solved,?,,江城区,2021,year,47,case,"
    "exact,level,,第1页 识别置信度88%\n"
    "jiangcheng-scan.pdf,3,缴获毒品3.2千克,drugs_seized,,,江城区,unknown,unknown,3.2,kg,exact,"
    "level,,第2页 识别置信度90%\n";

static char *project(void)
{
  char *dir = jd_test_tmpdir();
  g_autofree char *docs = g_build_filename(dir, "docs", NULL);
  g_assert_cmpint(g_mkdir(docs, 0755), ==, 0);
  g_autofree char *src = jd_test_doc_path("haifeng-2020-tongbao.txt");
  g_autofree char *text = jd_test_read_file(src, NULL);
  g_autofree char *dst = g_build_filename(docs, "haifeng-2020-tongbao.txt", NULL);
  g_assert_true(g_file_set_contents(dst, text, -1, NULL));
  g_autofree char *scan = g_build_filename(dir, "scan.csv", NULL);
  g_assert_true(g_file_set_contents(scan, scan_figures, -1, NULL));
  g_autofree char *ov = g_build_filename(dir, "overrides.csv", NULL);
  g_assert_true(g_file_set_contents(ov, curated, -1, NULL));
  g_autofree char *ini = g_build_filename(dir, "jindu.ini", NULL);
  g_assert_true(g_file_set_contents(ini,
                                    "[input]\ndocuments=docs\nfigures=scan.csv\n"
                                    "overrides=overrides.csv\n[output]\ndir=out\ncharts=\n",
                                    -1, NULL));
  return dir;
}

static char *socket_name;
static char *socket_dir;

static int tmux(const char *const *args, char **out)
{
  GPtrArray *argv = g_ptr_array_new();
  g_ptr_array_add(argv, (char *)"tmux");
  g_ptr_array_add(argv, (char *)"-L");
  g_ptr_array_add(argv, socket_name);
  g_ptr_array_add(argv, (char *)"-f"); /* no user configuration: tmux's own defaults */
  g_ptr_array_add(argv, (char *)"/dev/null");
  for (size_t i = 0; args[i]; i++) g_ptr_array_add(argv, (char *)args[i]);
  g_ptr_array_add(argv, NULL);
  GSubprocessLauncher *l = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                     G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_unsetenv(l, "TMUX");
  /* a socket directory of its own: a /tmp/tmux-UID left by another user or
   * with other permissions makes tmux refuse to start */
  g_subprocess_launcher_setenv(l, "TMUX_TMPDIR", socket_dir, TRUE);
  g_subprocess_launcher_setenv(l, "LC_ALL", "C.UTF-8", TRUE);
  GError *e = NULL;
  GSubprocess *p = g_subprocess_launcher_spawnv(l, (const char *const *)argv->pdata, &e);
  g_assert_no_error(e);
  char *o = NULL;
  g_subprocess_communicate_utf8(p, NULL, NULL, &o, NULL, &e);
  g_assert_no_error(e);
  int st = g_subprocess_get_if_exited(p) ? g_subprocess_get_exit_status(p) : 128;
  if (out)
    *out = o;
  else
    g_free(o);
  g_object_unref(p);
  g_object_unref(l);
  g_ptr_array_free(argv, TRUE);
  return st;
}

/* The screen (with its attributes as escape sequences when escapes) once
 * it shows want; waits up to 30 s. */
static char *screen_with(const char *want, gboolean escapes)
{
  const char *cap[] = {"capture-pane", "-p", "-t", "review", escapes ? "-e" : NULL, NULL};
  for (int i = 0; i < 300; i++) {
    char *s = NULL;
    tmux(cap, &s);
    if (strstr(s, want)) return s;
    g_free(s);
    g_usleep(100 * 1000);
  }
  char *s = NULL;
  tmux(cap, &s);
  g_error("the screen never showed “%s”:\n%s", want, s);
  return NULL;
}

/* Keys by tmux's names (a, Enter, C-u, Escape). */
static void press(const char *key)
{
  const char *send[] = {"send-keys", "-t", "review", key, NULL};
  g_assert_cmpint(tmux(send, NULL), ==, 0);
}

/* Text typed as it is (Chinese too). */
static void type(const char *text)
{
  const char *send[] = {"send-keys", "-t", "review", "-l", text, NULL};
  g_assert_cmpint(tmux(send, NULL), ==, 0);
}

/* Correct the field under key with text typed over what it holds. */
static void correct_field(const char *key, const char *text, const char *shown)
{
  press(key);
  g_free(screen_with("回车 确定  Esc 取消", FALSE));
  press("C-u");
  type(text);
  press("Enter");
  g_free(screen_with(shown, FALSE));
}

static void drive(void)
{
  g_autofree char *s1 = screen_with(" 1/9 │ a 接受  c 更正  w 撤回  s 跳过  b 上一项  q 退出", FALSE);
  g_assert_nonnull(strstr(s1, "第 1/9 项  【错误】占比与数值不符"));
  g_assert_nonnull(strstr(s1, "文件：haifeng-2020-tongbao.txt  第3行"));
  g_assert_nonnull(strstr(s1, "去年各地收治海丰籍强制隔离戒毒人员626人")); /* the quote */
  press("a");
  g_autofree char *s2 = screen_with(" 2/9 │", TRUE);
  g_assert_nonnull(strstr(s2, "第 1 项已接受"));
  /* the quote in its sentence, read again from the document: the quote
   * underlined (SGR 4), its number highlighted (bold, reverse) */
  g_assert_nonnull(strstr(s2, "原文（所在句子，引文加下划线）："));
  g_assert_nonnull(strstr(s2, "去年各地收治海丰籍强制隔离戒毒人员626人,\033[4m其中新发现吸毒人员"));
  g_assert_nonnull(strstr(s2, "\033[1;7m238"));
  press("s");
  g_autofree char *s3 = screen_with(" 3/9 │", FALSE);
  g_assert_nonnull(strstr(s3, "在收治人数中占40%"));
  press("w");
  g_free(screen_with(" 4/9 │", FALSE));
  press("b"); /* back: the decision is shown, not taken again */
  g_autofree char *back = screen_with("本次已撤回", FALSE);
  g_assert_nonnull(strstr(back, " 3/9 │"));
  press("w");
  g_free(screen_with("这一项本次已撤回", FALSE));
  for (int k = 0; k < 4; k++) press("s");
  /* the OCR reading of low confidence: its number highlighted (reverse) */
  g_autofree char *s7 = screen_with(" 7/9 │", TRUE);
  g_assert_nonnull(strstr(s7, "识别置信度低"));
  g_assert_nonnull(strstr(s7, "7m86"));
  press("s");
  g_autofree char *s8 = screen_with(" 8/9 │", FALSE);
  g_assert_nonnull(strstr(s8, "范围不明"));
  g_assert_nonnull(strstr(s8, "其中专案抓获犯罪嫌疑人47名"));
  press("c");
  g_free(screen_with("更正：m 指标", FALSE));
  correct_field("m", "抓获犯罪嫌人", "did you mean 抓获犯罪嫌疑人"); /* refused, with the closest names */
  correct_field("m", "抓获犯罪嫌疑人", "*[m] 指标    抓获犯罪嫌疑人（suspects_arrested）");
  correct_field("o", "专案", "*[o] 范围    专案");
  correct_field("v", "74", "*[v] 数值    74");
  press("Enter");
  g_autofree char *s9 = screen_with(" 9/9 │", FALSE);
  g_assert_nonnull(strstr(s9, "第 8 项已更正"));
  g_assert_nonnull(strstr(s9, "时期不详"));
  press("s");
  g_autofree char *done = screen_with("已看完全部 9 项：本次决定 3 项，6 项留待下次", FALSE);
  g_assert_nonnull(strstr(done, " 9/9 │ b 上一项  q 退出"));
  press("q");
  g_autofree char *end = screen_with("decisions appended", FALSE);
  g_assert_nonnull(strstr(end, "jindu review: 3 decisions appended to "));
  g_assert_nonnull(strstr(end, "; 6 left"));
}

static glong display_width(const char *row)
{
  glong w = 0;
  for (const char *p = row; *p; p = g_utf8_next_char(p))
    w += g_unichar_iswide(g_utf8_get_char(p)) ? 2 : 1;
  return w;
}

/* The screen redrawn at another size: the status line on the new last
 * row, the sentence wrapped by display width (a CJK character is two
 * columns) on indented rows, no row wider than the window. */
static void resize(void)
{
  const char *small[] = {"resize-window", "-t", "review", "-x", "44", "-y", "24", NULL};
  g_assert_cmpint(tmux(small, NULL), ==, 0);
  g_autofree char *s = screen_with(" 1/9 │ a 接受", FALSE);
  g_auto(GStrv) rows = g_strsplit(s, "\n", -1);
  guint n = g_strv_length(rows), last = 0, quote = 0;
  for (guint r = 0; r < n; r++) {
    g_assert_cmpint(display_width(rows[r]), <=, 44);
    if (*rows[r]) last = r;
    if (g_str_has_prefix(rows[r], " 原文")) quote = r + 1;
  }
  g_assert_cmpuint(last, ==, 23);
  g_assert_true(g_str_has_prefix(rows[23], " 1/9 │ a 接受"));
  g_assert_true(g_str_has_prefix(rows[0], " jindu review 人工审核"));
  /* the sentence: 40 columns a row after its 3 of indent, then on */
  g_assert_cmpuint(quote, >, 0);
  g_assert_true(g_str_has_prefix(rows[quote], "   去年各地收治海丰籍强制隔离戒毒人员626人"));
  g_assert_cmpint(display_width(g_strchomp(rows[quote])), >=, 42);
  g_assert_cmpint(display_width(rows[quote]), <=, 43);
  g_assert_true(g_str_has_prefix(rows[quote + 1], "   ") && rows[quote + 1][3] != ' ');
  const char *big[] = {"resize-window", "-t", "review", "-x", "120", "-y", "40", NULL};
  g_assert_cmpint(tmux(big, NULL), ==, 0);
  g_free(screen_with("b 上一项  q 退出", FALSE));
}

/* Starts `jindu review ARGS` in dir in a detached tmux session "review" on
 * a socket of its own. */
static void start(const char *dir, const char *args)
{
  g_free(socket_name);
  socket_name = g_strdup_printf("jindu-tui-%d-%s", (int)getpid(), *args ? "lines" : "screen");
  /* the session ends by itself, even when this test stops half-way */
  g_autofree char *cmd =
      g_strdup_printf("cd '%s' && JINDU_DATA_DIR='%s' timeout --foreground 300 '%s' review %s; "
                      "sleep 60", dir, g_getenv("JINDU_DATA_DIR"), g_getenv("JINDU_BINARY"), args);
  const char *argv[] = {"new-session", "-d", "-s", "review", "-x", "120", "-y", "40", cmd, NULL};
  char *said = NULL;
  int st = tmux(argv, &said);
  if (st != 0) g_error("tmux new-session exited %d: %s", st, said);
  g_free(said);
}

/* Whether this machine gives a pseudo-terminal (tmux needs one per pane; some
 * containers mount no /dev/pts). */
static gboolean have_pty(char **why)
{
  int m = posix_openpt(O_RDWR | O_NOCTTY);
  if (m < 0) {
    *why = g_strdup_printf("posix_openpt: %s", g_strerror(errno));
    return FALSE;
  }
  gboolean ok = grantpt(m) == 0 && unlockpt(m) == 0;
  const char *name = ok ? ptsname(m) : NULL;
  int s = name ? open(name, O_RDWR | O_NOCTTY) : -1;
  if (s < 0) *why = g_strdup_printf("the pseudo-terminal's other end: %s", g_strerror(errno));
  if (s >= 0) close(s);
  close(m);
  return s >= 0;
}

static void stop(void)
{
  const char *kill[] = {"kill-server", NULL};
  tmux(kill, NULL);
}

static void test_screen(void)
{
  g_autofree char *dir = project();
  start(dir, "");
  resize();
  drive();
  stop();

  /* appended, never rewritten: the curated rows first, as they were, then
   * exactly the decisions, in the overrides file's own columns */
  g_autofree char *ov = g_build_filename(dir, "overrides.csv", NULL);
  g_autofree char *after = jd_test_read_file(ov, NULL);
  g_autofree char *want = g_strconcat(
      curated,
      "haifeng-2020-tongbao.txt,3,compulsory_isolation,,,海丰县,2019,626,person,exact,level,,"
      "review: accepted\n",
      "haifeng-2020-tongbao.txt,3,new_users,,,海丰县,2019,,percent,exact,share,,review: withdrawn\n",
      "jiangcheng-scan.pdf,2,cases_solved,?,,江城区,2021,,case,exact,level,,"
      "review: corrected (old row)\n",
      "jiangcheng-scan.pdf,2,suspects_arrested,专案,,江城区,2021,74,person,exact,level,,"
      "review: corrected\n",
      NULL);
  g_assert_cmpstr(after, ==, want);

  /* the next build uses them */
  char *out = NULL;
  const char *build[] = {"build", NULL};
  g_assert_cmpint(jd_test_run_cli(build, dir, NULL, NULL, NULL), ==, 0);
  g_autofree char *figures_path = g_build_filename(dir, "out", "figures.csv", NULL);
  g_autofree char *figures = jd_test_read_file(figures_path, NULL);
  g_assert_nonnull(strstr(figures, ",suspects_arrested,专案,,江城区,2021,year,74,"));
  g_assert_null(strstr(figures, ",cases_solved,?,"));
  g_assert_null(strstr(figures, ",40,percent,exact,share,"));
  g_assert_nonnull(strstr(figures, ",compulsory_isolation,,,海丰县,2019,year,626,"));
  /* and the next review asks only what is left: the 6 not decided but the
   * 238, whose error went with the 40% withdrawn */
  const char *review[] = {"review", NULL};
  g_assert_cmpint(jd_test_run_cli(review, dir, "q\n", &out, NULL), ==, 0);
  g_assert_nonnull(strstr(out, "jindu review: 5 items need a human"));
  g_assert_nonnull(strstr(out, "[1/5] 【警告】占比仅在截尾时成立"));
  g_free(out);
  jd_test_rm_rf(dir);
}

/* --lines: the line prompts on a terminal too. */
static void test_lines_on_terminal(void)
{
  g_autofree char *dir = project();
  start(dir, "--lines");
  g_autofree char *s = screen_with("a 接受  c 更正  w 撤回  s 跳过  q 退出 >", FALSE);
  g_assert_nonnull(strstr(s, "jindu review: 9 items need a human"));
  g_assert_nonnull(strstr(s, "[1/9] 【错误】占比与数值不符 — haifeng-2020-tongbao.txt:3"));
  g_assert_null(strstr(s, " 1/9 │"));
  press("w");
  press("Enter");
  g_free(screen_with("[2/9]", FALSE));
  press("q");
  press("Enter");
  g_autofree char *end = screen_with("appended to", FALSE);
  g_assert_nonnull(strstr(end, "jindu review: 1 decision appended to "));
  g_assert_nonnull(strstr(end, "; 8 left"));
  stop();
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_autofree char *tmux_bin = g_find_program_in_path("tmux");
  if (!tmux_bin) {
    printf("1..0 # SKIP tmux is not installed (apt-get install tmux) — it drives the screen\n");
    return 77;
  }
  g_autofree char *why = NULL;
  if (!have_pty(&why)) {
    printf("1..0 # SKIP this machine gives no pseudo-terminal (%s) — tmux needs one\n", why);
    return 77;
  }
  socket_dir = g_dir_make_tmp("jd-tmux-XXXXXX", NULL);
  g_assert_nonnull(socket_dir);
  /* tmux itself must start a session here; when it cannot (a container
   * without what its server needs), say why and skip */
  socket_name = g_strdup_printf("jindu-tui-%d-probe", (int)getpid());
  const char *probe[] = {"new-session", "-d", "-s", "probe", "sleep 2", NULL};
  char *said = NULL;
  if (tmux(probe, &said) != 0) {
    printf("1..0 # SKIP tmux cannot start a session on this machine: %s\n", g_strstrip(said));
    return 77;
  }
  g_free(said);
  stop();
  jd_test_add("/review/screen-in-tmux", test_screen);
  jd_test_add("/review/lines-in-tmux", test_lines_on_terminal);
  int status = jd_test_run();
  g_free(socket_name);
  g_autofree char *rm = g_strdup_printf("rm -rf '%s'", socket_dir);
  if (system(rm) != 0) fprintf(stderr, "could not remove %s\n", socket_dir);
  g_free(socket_dir);
  return status;
}
