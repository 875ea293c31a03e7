/* Every bad input of the README's table, through the CLI: each must give a
 * clear message naming the file (`jindu: FILE[:LINE]: what — what to do`),
 * the documented exit code, no crash, and no half-written output. Also
 * replays the inputs kept by fuzzing (fuzz/regressions/text) through
 * `jindu normalize`. */
#define _DEFAULT_SOURCE 1 /* truncate, getrusage */
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jindu/jindu.h"
#include "testutil.h"

typedef struct {
  int status; /* exit status, or 128 + signal */
  char *out;
  char *err;
} result;

static void result_clear(result *r)
{
  g_free(r->out);
  g_free(r->err);
  memset(r, 0, sizeof *r);
}

/* Runs jindu with argv in cwd; env is NULL or "NAME=VALUE" pairs (VALUE
 * empty: unset); stdout goes to stdout_path when given (e.g. /dev/full). */
static result run_full(const char *const *argv, const char *cwd, const char *const *env,
                       const char *stdout_path)
{
  const char *bin = g_getenv("JINDU_BINARY");
  g_assert_nonnull(bin);
  g_autoptr(GPtrArray) args = g_ptr_array_new();
  g_ptr_array_add(args, (char *)bin);
  for (size_t i = 0; argv[i]; i++) g_ptr_array_add(args, (char *)argv[i]);
  g_ptr_array_add(args, NULL);
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDERR_PIPE;
  if (!stdout_path) flags |= G_SUBPROCESS_FLAGS_STDOUT_PIPE;
  g_autoptr(GSubprocessLauncher) l = g_subprocess_launcher_new(flags);
  if (stdout_path) g_subprocess_launcher_set_stdout_file_path(l, stdout_path);
  if (cwd) g_subprocess_launcher_set_cwd(l, cwd);
  for (size_t i = 0; env && env[i]; i++) {
    g_auto(GStrv) kv = g_strsplit(env[i], "=", 2);
    if (kv[1] && *kv[1]) g_subprocess_launcher_setenv(l, kv[0], kv[1], TRUE);
    else g_subprocess_launcher_unsetenv(l, kv[0]);
  }
  GError *e = NULL;
  g_autoptr(GSubprocess) p = g_subprocess_launcher_spawnv(l, (const char *const *)args->pdata, &e);
  g_assert_no_error(e);
  result r = {0};
  g_subprocess_communicate_utf8(p, NULL, NULL, stdout_path ? NULL : &r.out, &r.err, &e);
  g_assert_no_error(e);
  if (g_subprocess_get_if_exited(p)) r.status = g_subprocess_get_exit_status(p);
  else r.status = 128 + g_subprocess_get_term_sig(p);
  if (!r.out) r.out = g_strdup("");
  if (!r.err) r.err = g_strdup("");
  return r;
}

static result run(const char *const *argv, const char *cwd)
{
  return run_full(argv, cwd, NULL, NULL);
}

/* The failure was reported the documented way: exit code, a "jindu: " line
 * naming `what` (a file name), and no crash, GLib critical or sanitizer
 * report. */
static void assert_clear_error(const result *r, int code, const char *what)
{
  if (r->status != code || !g_str_has_prefix(r->err, "jindu: ") || (what && !strstr(r->err, what)))
    g_error("expected exit %d and a 'jindu: ...%s...' message; got exit %d, stderr:\n%s", code,
            what ? what : "", r->status, r->err);
  g_assert_null(strstr(r->err, "CRITICAL"));
  g_assert_null(strstr(r->err, "Sanitizer"));
  g_assert_null(strstr(r->err, "runtime error"));
}

static void assert_no_temp_files(const char *dir)
{
  GDir *d = g_dir_open(dir, 0, NULL);
  g_assert_nonnull(d);
  const char *n;
  while ((n = g_dir_read_name(d))) {
    /* Temporaries: g_file_set_contents' NAME.XXXXXX, mkstemp's .NAME.XXXXXX, *.tmp. */
    if (n[0] == '.' || strstr(n, ".tmp") || g_regex_match_simple("\\.[A-Za-z0-9]{6}$", n, 0, 0))
      g_error("temporary file left behind: %s/%s", dir, n);
  }
  g_dir_close(d);
}

static char *write_file(const char *dir, const char *name, const char *data, gssize len)
{
  char *p = g_build_filename(dir, name, NULL);
  GError *e = NULL;
  g_file_set_contents(p, data, len, &e);
  g_assert_no_error(e);
  return p;
}

static const char *doc_sentence =
    "本市去年全年共破获涉毒刑事案件312起，抓获违法犯罪嫌疑人406名，同比上升12.5%。\n";

/* ---- the loader: jindu normalize (and every command that reads documents) */

static void test_missing_file(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  const char *argv[] = {"normalize", "no-such-report.txt", NULL};
  result r = run(argv, dir);
  assert_clear_error(&r, JD_EXIT_INPUT, "no-such-report.txt");
  result_clear(&r);
  jd_test_rm_rf(dir);
}

static void test_unreadable_file(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *p = write_file(dir, "secret.txt", doc_sentence, -1);
  g_assert_cmpint(g_chmod(p, 0), ==, 0);
  result r = {0};
  if (geteuid() != 0) {
    const char *argv[] = {"normalize", "secret.txt", NULL};
    r = run(argv, dir);
  } else {
    /* Root reads a chmod 000 file anyway: run jindu as nobody instead. */
    g_autofree char *runuser = g_find_program_in_path("runuser");
    if (!runuser || !getpwnam("nobody")) {
      g_test_skip("running as root without runuser or a 'nobody' user: root reads a chmod 000 "
                  "file anyway; the read-error path is covered by /badinput/loader/read-error");
      g_chmod(p, 0644);
      jd_test_rm_rf(dir);
      return;
    }
    g_assert_cmpint(g_chmod(dir, 0755), ==, 0);
    const char *argv[] = {runuser, "-u", "nobody", "--", g_getenv("JINDU_BINARY"), "normalize", p, NULL};
    int status = 0;
    GError *e = NULL;
    g_spawn_sync(dir, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &r.err,
                 &status, &e);
    g_assert_no_error(e);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    r.out = g_strdup("");
    if (strstr(r.err, "Permission denied") == NULL && r.status == 126) {
      g_test_skip("nobody cannot run the jindu binary here (its directory is not readable)");
      result_clear(&r);
      g_chmod(p, 0644);
      jd_test_rm_rf(dir);
      return;
    }
  }
  assert_clear_error(&r, JD_EXIT_INPUT, "secret.txt");
  g_assert_nonnull(strstr(r.err, "ermission"));
  result_clear(&r);
  g_chmod(p, 0644);
  jd_test_rm_rf(dir);
}

/* A file that opens but whose read(2) fails (EIO), for root as well:
 * /proc/self/mem cannot be read at offset 0. */
static void test_read_error(void)
{
  if (!g_file_test("/proc/self/mem", G_FILE_TEST_EXISTS)) {
    g_test_skip("no /proc/self/mem on this system");
    return;
  }
  const char *argv[] = {"normalize", "/proc/self/mem", NULL};
  result r = run(argv, NULL);
  assert_clear_error(&r, JD_EXIT_INPUT, "/proc/self/mem");
  result_clear(&r);
}

static void test_empty_directory(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *sub = g_build_filename(dir, "inbox", NULL);
  g_assert_cmpint(g_mkdir(sub, 0755), ==, 0);
  g_autofree char *img = write_file(sub, "scan.xcf", "gimp xcf v011\0", 14);
  const char *argv[] = {"normalize", "inbox", NULL};
  result r = run(argv, dir);
  assert_clear_error(&r, JD_EXIT_INPUT, "inbox");
  result_clear(&r);
  jd_test_rm_rf(dir);
}

/* An empty document: nothing printed, a message naming it; exit 0 or, when
 * nothing at all had text, 3 (input error). */
static void test_empty_document(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *p = write_file(dir, "empty.txt", "", 0);
  const char *argv[] = {"normalize", "empty.txt", NULL};
  result r = run(argv, dir);
  g_assert_true(r.status == 0 || r.status == JD_EXIT_INPUT);
  g_assert_true(g_str_has_prefix(r.err, "jindu: "));
  g_assert_cmpstr(r.out, ==, "");
  g_assert_nonnull(strstr(r.err, "empty.txt"));
  result_clear(&r);
  jd_test_rm_rf(dir);
}

static void test_binary_file(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  /* The start of an ELF executable: NUL bytes and control characters. */
  static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0\x3e\0\x01\0\0\0"
                            "\x60\x10\0\0\0\0\0\0\x40\0\0\0\0\0\0\0";
  GString *data = g_string_new(NULL);
  for (int i = 0; i < 64; i++) g_string_append_len(data, elf, sizeof elf - 1);
  g_autofree char *p = write_file(dir, "program.txt", data->str, (gssize)data->len);
  g_string_free(data, TRUE);
  const char *argv[] = {"normalize", "program.txt", NULL};
  result r = run(argv, dir);
  assert_clear_error(&r, JD_EXIT_INPUT, "program.txt");
  result_clear(&r);
  jd_test_rm_rf(dir);
}

/* Bytes that are neither UTF-8 nor GB18030 (0xFF is never valid in either):
 * an error naming file, line and byte offset; --lenient replaces and warns. */
static void test_invalid_encoding(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  GString *data = g_string_new(doc_sentence);
  g_string_append(data, "第二行\xff\xfe\x80正文\n");
  g_autofree char *p = write_file(dir, "mixed.txt", data->str, (gssize)data->len);
  g_string_free(data, TRUE);
  const char *argv[] = {"normalize", "mixed.txt", NULL};
  result r = run(argv, dir);
  assert_clear_error(&r, JD_EXIT_INPUT, "mixed.txt:2");
  result_clear(&r);

  const char *lenient[] = {"normalize", "--lenient", "mixed.txt", NULL};
  r = run(lenient, dir);
  g_assert_cmpint(r.status, ==, 0);
  g_assert_nonnull(strstr(r.err, "mixed.txt:2"));
  g_assert_nonnull(strstr(r.out, "\xef\xbf\xbd")); /* U+FFFD */
  g_assert_true(g_utf8_validate(r.out, -1, NULL));
  result_clear(&r);
  jd_test_rm_rf(dir);
}

#if !defined(__SANITIZE_ADDRESS__)
/* Child peak RSS in MB, from getrusage (covers every child reaped so far). */
static long children_peak_mb(void)
{
  struct rusage u;
  g_assert_cmpint(getrusage(RUSAGE_CHILDREN, &u), ==, 0);
  return u.ru_maxrss / 1024;
}
#endif

/* One 100 MB line: streamed in bounded memory, every paragraph cites line 1. */
static void test_huge_line(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *path = g_build_filename(dir, "oneline.txt", NULL);
  FILE *f = fopen(path, "wb");
  g_assert_nonnull(f);
  const char *unit = "各地共破获毒品案件12起，缴获毒品3.5公斤；";
  size_t unit_len = strlen(unit), total = 0;
  while (total < 100u * 1024 * 1024) {
    fwrite(unit, 1, unit_len, f);
    total += unit_len;
  }
  fclose(f);
  const char *argv[] = {"normalize", "--lines", "oneline.txt", NULL};
  g_autofree char *out_path = g_build_filename(dir, "out.txt", NULL);
  result r = run_full(argv, dir, NULL, out_path);
  g_assert_cmpint(r.status, ==, 0);
  result_clear(&r);
#if !defined(__SANITIZE_ADDRESS__)
  /* Streaming: far below the file's size (ASan builds are exempt: shadow memory). */
  g_assert_cmpint(children_peak_mb(), <, 100);
#endif
  /* Every paragraph is cut from line 1, and nothing was lost. */
  FILE *o = fopen(out_path, "rb");
  g_assert_nonnull(o);
  char buf[65536];
  size_t paragraphs = 0;
  while (fgets(buf, sizeof buf, o)) {
    if (buf[0] != '1' || (buf[1] != '\t' && buf[1] != '+')) g_error("paragraph not from line 1: %.40s", buf);
    paragraphs++;
  }
  fclose(o);
  g_assert_cmpuint(paragraphs, >, 1);
  jd_test_rm_rf(dir);
}

/* A full disk on standard output: exit 4 with a message, not a silent 0. */
static void test_stdout_full(void)
{
  if (!g_file_test("/dev/full", G_FILE_TEST_EXISTS)) {
    g_test_skip("no /dev/full on this system");
    return;
  }
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *p = write_file(dir, "doc.txt", doc_sentence, -1);
  const char *argv[] = {"normalize", "doc.txt", NULL};
  result r = run_full(argv, dir, NULL, "/dev/full");
  assert_clear_error(&r, JD_EXIT_OUTPUT, NULL);
  g_assert_nonnull(strstr(r.err, "standard output"));
  result_clear(&r);
  jd_test_rm_rf(dir);
}

/* Inputs kept by fuzzing the loader (fuzz/regressions/text, first byte = the
 * fuzz options) fed to `jindu normalize --lenient`: never a crash. */
static void test_fuzz_regressions_cli(void)
{
  g_autofree char *reg = jd_test_source_path("fuzz/regressions/text");
  GDir *d = g_dir_open(reg, 0, NULL);
  if (!d) {
    g_test_skip("no fuzz/regressions/text inputs");
    return;
  }
  g_autofree char *dir = jd_test_tmpdir();
  const char *n;
  int count = 0;
  while ((n = g_dir_read_name(d))) {
    g_autofree char *src = g_build_filename(reg, n, NULL);
    gsize len = 0;
    g_autofree char *data = jd_test_read_file(src, &len);
    if (len < 1) continue;
    g_autofree char *p = write_file(dir, "input.txt", data + 1, (gssize)len - 1);
    const char *argv[] = {"normalize", "--lenient", "input.txt", NULL};
    result r = run(argv, dir);
    if (r.status >= 70 || strstr(r.err, "Sanitizer") || strstr(r.err, "runtime error"))
      g_error("fuzz regression %s: exit %d\n%s", n, r.status, r.err);
    result_clear(&r);
    count++;
  }
  g_dir_close(d);
  g_test_message("%d fuzz regressions replayed through the CLI", count);
  jd_test_rm_rf(dir);
}

/* ---- extraction: jindu extract */

static void test_extract_missing_file(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  /* The previous output survives a failed run untouched, with no temporary
   * file beside it. */
  g_autofree char *old = write_file(dir, "figures.csv", "OLD CONTENTS\n", -1);
  const char *argv[] = {"extract", "-o", "figures.csv", "no-such-report.txt", NULL};
  result r = run(argv, dir);
  assert_clear_error(&r, JD_EXIT_INPUT, "no-such-report.txt");
  result_clear(&r);
  g_autofree char *now = jd_test_read_file(old, NULL);
  g_assert_cmpstr(now, ==, "OLD CONTENTS\n");
  assert_no_temp_files(dir);
  jd_test_rm_rf(dir);
}

/* Numbers beyond any real count: never inf or nan in the table, never a
 * crash; figures that cannot be represented are left out. */
static void test_huge_numbers(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *p = write_file(dir, "huge.txt",
      "某县去年破获毒品案件99999999999999999999999999999999999999起，同比上升1e400%。\n"
      "缴获毒品九千九百九十九万亿亿公斤，抓获嫌疑人184467440737095516160000名。\n"
      "查处吸毒人员999999999999999999999999999999999999999999999999999999999999999999999"
      "99999999999999999999999999999999999999999999999999999999999999999999999999999999"
      "99999999999999999999999999999999999999999999999999999999999999999999999999999999"
      "99999999999999999999999999999999999999999999999999999999999999999999999999999999"
      "999999999999999人次。\n", -1);
  for (int format = 0; format < 2; format++) {
    const char *argv[] = {"extract", "--format", format ? "jsonl" : "csv", "huge.txt", NULL};
    result r = run(argv, dir);
    g_assert_cmpint(r.status, ==, 0);
    g_autofree char *lower = g_ascii_strdown(r.out, -1);
    g_assert_null(strstr(lower, "inf"));
    g_assert_null(strstr(lower, "nan"));
    result_clear(&r);
  }
  jd_test_rm_rf(dir);
}

/* Output where it cannot go: a path under a regular file (ENOTDIR, which
 * stops root too), and a read-only directory when not root. */
static void test_unwritable_output(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *p = write_file(dir, "doc.txt", doc_sentence, -1);
  const char *argv[] = {"extract", "-o", "doc.txt/figures.csv", "doc.txt", NULL};
  result r = run(argv, dir);
  assert_clear_error(&r, JD_EXIT_OUTPUT, "doc.txt/figures.csv");
  result_clear(&r);
  if (geteuid() != 0) {
    g_autofree char *ro = g_build_filename(dir, "readonly", NULL);
    g_assert_cmpint(g_mkdir(ro, 0555), ==, 0);
    const char *argv2[] = {"extract", "-o", "readonly/figures.csv", "doc.txt", NULL};
    r = run(argv2, dir);
    assert_clear_error(&r, JD_EXIT_OUTPUT, "readonly/figures.csv");
    result_clear(&r);
    g_chmod(ro, 0755);
  } else {
    g_test_message("running as root: the read-only directory case cannot be tested (root "
                   "writes there anyway); ENOTDIR was tested instead");
  }
  jd_test_rm_rf(dir);
}

/* Extraction of one 100 MB line streams too: bounded memory, figures found. */
static void test_extract_huge_line(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *path = g_build_filename(dir, "oneline.txt", NULL);
  FILE *f = fopen(path, "wb");
  g_assert_nonnull(f);
  const char *unit = "各地共破获毒品案件12起，缴获毒品3.5公斤；";
  size_t unit_len = strlen(unit), total = 0;
  while (total < 100u * 1024 * 1024) {
    fwrite(unit, 1, unit_len, f);
    total += unit_len;
  }
  fclose(f);
  const char *argv[] = {"extract", "-o", "figures.csv", "oneline.txt", NULL};
  result r = run(argv, dir);
  g_assert_cmpint(r.status, ==, 0);
  result_clear(&r);
#if !defined(__SANITIZE_ADDRESS__)
  g_assert_cmpint(children_peak_mb(), <, 100);
#endif
  g_autofree char *out = g_build_filename(dir, "figures.csv", NULL);
  struct stat st;
  g_assert_cmpint(g_stat(out, &st), ==, 0);
  g_assert_cmpint(st.st_size, >, 1000);
  jd_test_rm_rf(dir);
}

/* ---- figures tables: jindu analyze / audit */

static void test_csv_broken_quoting(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *p = write_file(dir, "figures.csv",
      "doc,line,quote,metric,drug,region,period,value,unit,qualifier,kind,base_period\n"
      "a.txt,1,\"全年破获案件10起\",cases_solved,,全国,2019,10,case,exact,level,\n"
      "a.txt,2,\"全年破获案件12起,cases_solved,,全国,2020,12,case,exact,level,\n", -1);
  const char *cmds[] = {"analyze", "audit"};
  for (size_t i = 0; i < G_N_ELEMENTS(cmds); i++) {
    const char *argv[] = {cmds[i], "figures.csv", NULL};
    result r = run(argv, dir);
    assert_clear_error(&r, JD_EXIT_INPUT, "figures.csv:3");
    result_clear(&r);
  }
  g_autofree char *q = write_file(dir, "stray.csv",
      "doc,line,quote,metric,drug,region,period,value,unit,qualifier,kind,base_period\n"
      "a.txt,1,\"全年\"破获,cases_solved,,全国,2019,10,case,exact,level,\n", -1);
  const char *argv[] = {"analyze", "stray.csv", NULL};
  result r = run(argv, dir);
  assert_clear_error(&r, JD_EXIT_INPUT, "stray.csv:2");
  result_clear(&r);
  jd_test_rm_rf(dir);
}

/* ---- charts: jindu chart */

static const char *small_figures =
    "doc,line,quote,metric,drug,region,period,value,unit,qualifier,kind,base_period\n"
    "a.txt,1,破获案件100起,cases_solved,,全国,2018,100,case,exact,level,\n"
    "a.txt,2,破获案件120起,cases_solved,,全国,2019,120,case,exact,level,\n"
    "a.txt,3,破获案件90起,cases_solved,,全国,2020,90,case,exact,level,\n";

/* A theme naming a font that does not exist: an error naming the theme file,
 * its line and the font; nothing written. */
static void test_theme_missing_font(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *csv = write_file(dir, "figures.csv", small_figures, -1);
  g_autofree char *theme = write_file(dir, "mytheme.ini",
      "[theme]\nname=mine\n[fonts]\nfamily=Nonexistent Sans Foo\n", -1);
  const char *argv[] = {"chart", "--metric", "cases_solved", "--theme", "mytheme.ini",
                        "figures.csv", "-o", "chart.png", NULL};
  result r = run(argv, dir);
  assert_clear_error(&r, JD_EXIT_INPUT, "mytheme.ini:4");
  g_assert_nonnull(strstr(r.err, "Nonexistent Sans Foo"));
  result_clear(&r);
  g_autofree char *png = g_build_filename(dir, "chart.png", NULL);
  g_assert_false(g_file_test(png, G_FILE_TEST_EXISTS));
  /* A theme that is not a key file at all (this crashed once: a goto past
   * an auto-freed variable). */
  g_autofree char *junk = write_file(dir, "junk.ini", "this is not [ a key file\n===\n", -1);
  const char *argv2[] = {"chart", "--metric", "cases_solved", "--theme", "junk.ini",
                         "figures.csv", "-o", "chart.png", NULL};
  r = run(argv2, dir);
  assert_clear_error(&r, JD_EXIT_INPUT, "junk.ini");
  result_clear(&r);
  g_assert_false(g_file_test(png, G_FILE_TEST_EXISTS));
  assert_no_temp_files(dir);
  jd_test_rm_rf(dir);
}

/* No CJK font at all (fontconfig set up with an empty font directory): a
 * clear error instead of tofu boxes, and the previous chart is kept. */
static void test_no_cjk_font(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *csv = write_file(dir, "figures.csv", small_figures, -1);
  g_autofree char *empty = g_build_filename(dir, "nofonts", NULL);
  g_assert_cmpint(g_mkdir(empty, 0755), ==, 0);
  g_autofree char *conf_text = g_strdup_printf(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n"
      "<fontconfig><dir>%s</dir><cachedir>%s/cache</cachedir></fontconfig>\n", empty, dir);
  g_autofree char *conf = write_file(dir, "fonts.conf", conf_text, -1);
  g_autofree char *old = write_file(dir, "chart.png", "OLD", -1);
  g_autofree char *env_fc = g_strdup_printf("FONTCONFIG_FILE=%s", conf);
  const char *env[] = {env_fc, NULL};
  const char *argv[] = {"chart", "--metric", "cases_solved", "figures.csv", "-o", "chart.png", NULL};
  result r = run_full(argv, dir, env, NULL);
  g_assert_cmpint(r.status, ==, JD_EXIT_INPUT);
  g_assert_true(g_str_has_prefix(r.err, "jindu: "));
  g_assert_nonnull(strstr(r.err, "not installed"));
  g_assert_nonnull(strstr(r.err, "fonts-noto-cjk"));
  result_clear(&r);
  g_autofree char *now = jd_test_read_file(old, NULL);
  g_assert_cmpstr(now, ==, "OLD");
  g_autofree char *cache = g_build_filename(dir, "cache", NULL);
  jd_test_rm_rf(cache);
  assert_no_temp_files(dir);
  jd_test_rm_rf(dir);
}

static void test_chart_bad_inputs(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *csv = write_file(dir, "figures.csv",
      "doc,line,quote,metric,drug,region,period,value,unit,qualifier,kind,base_period\n"
      "a.txt,1,\"破获案件100起,cases_solved,,全国,2018,100,case,exact,level,\n", -1);
  const char *argv[] = {"chart", "--metric", "cases_solved", "figures.csv", "-o", "chart.png", NULL};
  result r = run(argv, dir);
  assert_clear_error(&r, JD_EXIT_INPUT, "figures.csv:2");
  result_clear(&r);
  g_autofree char *good = write_file(dir, "good.csv", small_figures, -1);
  const char *argv2[] = {"chart", "--metric", "cases_solved", "good.csv", "-o",
                         "good.csv/chart.png", NULL};
  r = run(argv2, dir);
  assert_clear_error(&r, JD_EXIT_OUTPUT, "good.csv/chart.png");
  result_clear(&r);
  assert_no_temp_files(dir);
  jd_test_rm_rf(dir);
}

/* ---- the scheduled build: jindu build */

/* A build directory: a copy of the sample documents and the default jindu.ini. */
static char *build_dir_new(void)
{
  char *dir = jd_test_tmpdir();
  g_autofree char *corpus = jd_test_source_path("data/corpus");
  g_autofree char *docs = g_build_filename(dir, "data", "corpus", NULL);
  g_assert_cmpint(g_mkdir_with_parents(docs, 0755), ==, 0);
  GDir *d = g_dir_open(corpus, 0, NULL);
  g_assert_nonnull(d);
  const char *n;
  while ((n = g_dir_read_name(d))) {
    g_autofree char *from = g_build_filename(corpus, n, NULL);
    gsize len = 0;
    g_autofree char *data = jd_test_read_file(from, &len);
    g_autofree char *to = write_file(docs, n, data, (gssize)len);
  }
  g_dir_close(d);
  g_autofree char *ini_src = jd_test_source_path("jindu.ini");
  g_autofree char *ini = jd_test_read_file(ini_src, NULL);
  /* The sample's curated overrides are not copied: none. */
  GRegex *re = g_regex_new("^overrides=.*$", G_REGEX_MULTILINE, 0, NULL);
  g_autofree char *fixed = g_regex_replace_literal(re, ini, -1, 0, "overrides=", 0, NULL);
  g_regex_unref(re);
  g_autofree char *p = write_file(dir, "jindu.ini", fixed, -1);
  return dir;
}

static void test_config_unknown_key(void)
{
  g_autofree char *dir = build_dir_new();
  g_autofree char *ini_path = g_build_filename(dir, "jindu.ini", NULL);
  g_autofree char *ini = jd_test_read_file(ini_path, NULL);
  /* A misspelt key under [output], and on another run a misspelt group. */
  GString *typo = g_string_new(ini);
  g_string_replace(typo, "\nlock_timeout=", "\nlock_timout=", 1);
  g_autofree char *p = write_file(dir, "typo.ini", typo->str, -1);
  unsigned line = 1;
  for (const char *c = typo->str; c < strstr(typo->str, "lock_timout="); c++) line += *c == '\n';
  g_string_free(typo, TRUE);
  g_autofree char *where = g_strdup_printf("typo.ini:%u", line);
  const char *argv[] = {"build", "-c", "typo.ini", NULL};
  result r = run(argv, dir);
  assert_clear_error(&r, JD_EXIT_INPUT, where);
  g_assert_nonnull(strstr(r.err, "lock_timout"));
  result_clear(&r);
  g_autofree char *q = write_file(dir, "group.ini", "[input]\ndocuments=data/corpus\n[outptu]\ndir=x\n", -1);
  const char *argv2[] = {"build", "-c", "group.ini", NULL};
  r = run(argv2, dir);
  assert_clear_error(&r, JD_EXIT_INPUT, "group.ini:3");
  result_clear(&r);
  /* Nothing was built. */
  g_autofree char *reports = g_build_filename(dir, "reports", NULL);
  g_assert_false(g_file_test(reports, G_FILE_TEST_EXISTS));
  jd_test_rm_rf(dir);
}

static void test_build_unwritable_output(void)
{
  g_autofree char *dir = build_dir_new();
  g_autofree char *ini_path = g_build_filename(dir, "jindu.ini", NULL);
  g_autofree char *ini = jd_test_read_file(ini_path, NULL);
  GString *s = g_string_new(ini);
  g_string_replace(s, "\ndir=reports\n", "\ndir=jindu.ini/reports\n", 1);
  g_autofree char *p = write_file(dir, "jindu.ini", s->str, -1);
  g_string_free(s, TRUE);
  const char *argv[] = {"build", NULL};
  result r = run(argv, dir);
  assert_clear_error(&r, JD_EXIT_OUTPUT, "jindu.ini/reports");
  result_clear(&r);
  jd_test_rm_rf(dir);
}

/* Every regular file under dir (recursively), relative path -> contents. */
static void snapshot_into(GHashTable *snap, const char *root, const char *rel)
{
  g_autofree char *path = rel ? g_build_filename(root, rel, NULL) : g_strdup(root);
  GDir *d = g_dir_open(path, 0, NULL);
  if (!d) return;
  const char *n;
  while ((n = g_dir_read_name(d))) {
    g_autofree char *r = rel ? g_build_filename(rel, n, NULL) : g_strdup(n);
    g_autofree char *full = g_build_filename(root, r, NULL);
    if (g_file_test(full, G_FILE_TEST_IS_DIR)) {
      snapshot_into(snap, root, r);
    } else {
      gsize len = 0;
      char *data = NULL;
      if (g_file_get_contents(full, &data, &len, NULL))
        g_hash_table_insert(snap, g_strdup(r), g_bytes_new_take(data, len));
    }
  }
  g_dir_close(d);
}

static GHashTable *snapshot(const char *root)
{
  GHashTable *snap = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify)g_bytes_unref);
  snapshot_into(snap, root, NULL);
  return snap;
}

static gboolean is_temp_or_lock(const char *rel)
{
  g_autofree char *base = g_path_get_basename(rel);
  return strstr(base, ".jindu-tmp-") != NULL || strstr(base, "lock") != NULL;
}

/* SIGTERM and SIGKILL at several points of a rebuild: afterwards every output
 * is either the previous build's file or the finished new one, byte for byte
 * (builds are reproducible) — never a half-written file; the next build
 * completes, cleans up what the killed one left, and a third is a no-op. */
static void test_build_killed(void)
{
  g_autofree char *dir = build_dir_new();
  g_autofree char *reports = g_build_filename(dir, "reports", NULL);
  const char *argv[] = {"build", NULL};
  result r = run(argv, dir);
  if (r.status != 0) g_error("first build failed (%d): %s", r.status, r.err);
  result_clear(&r);
  g_autoptr(GHashTable) before = snapshot(reports);
  g_assert_cmpuint(g_hash_table_size(before), >, 3);

  /* A new document arrives: everything downstream changes. */
  g_autofree char *docs = g_build_filename(dir, "data", "corpus", NULL);
  g_autofree char *extra = write_file(docs, "99-new.txt",
      "某市禁毒委员会2023年工作通报\n2023年全市共破获毒品刑事案件211起，同比上升8.2%。\n", -1);

  const char *bin = g_getenv("JINDU_BINARY");
  GPtrArray *killed = g_ptr_array_new_with_free_func((GDestroyNotify)g_hash_table_unref);
  const int delays_ms[] = {30, 120, 300, 600, 1000, 1600};
  int killed_running = 0;
  for (size_t i = 0; i < G_N_ELEMENTS(delays_ms); i++) {
    int sig = i % 2 ? SIGKILL : SIGTERM;
    GError *e = NULL;
    const char *args[] = {bin, "build", "--force", NULL};
    g_autoptr(GSubprocessLauncher) l = g_subprocess_launcher_new(
        G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
    g_subprocess_launcher_set_cwd(l, dir);
    g_autoptr(GSubprocess) p = g_subprocess_launcher_spawnv(l, args, &e);
    g_assert_no_error(e);
    g_usleep((gulong)delays_ms[i] * 1000);
    if (!g_subprocess_get_identifier(p)) {
      g_subprocess_wait(p, NULL, NULL);
    } else {
      g_subprocess_send_signal(p, sig);
      g_subprocess_wait(p, NULL, NULL);
      if (g_subprocess_get_if_signaled(p)) killed_running++;
    }
    g_ptr_array_add(killed, snapshot(reports));
  }
  g_test_message("%d of %u builds were killed while running", killed_running,
                 (unsigned)G_N_ELEMENTS(delays_ms));
  g_assert_cmpint(killed_running, >=, 1);

  /* The next build finishes and leaves no temporaries; the one after is a no-op. */
  r = run(argv, dir);
  if (r.status != 0) g_error("build after the killed ones failed (%d): %s", r.status, r.err);
  result_clear(&r);
  g_autoptr(GHashTable) after = snapshot(reports);
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init(&it, after);
  while (g_hash_table_iter_next(&it, &key, &value))
    if (strstr(key, ".jindu-tmp-")) g_error("temporary file left after a full build: %s", (char *)key);
  r = run(argv, dir);
  g_assert_cmpint(r.status, ==, 0);
  if (!strstr(r.out, "nothing to do") && !strstr(r.err, "nothing to do"))
    g_error("third build was not a no-op:\n%s%s", r.out, r.err);
  result_clear(&r);

  /* Each file seen after a kill is the old one or the new one, whole. */
  for (guint k = 0; k < killed->len; k++) {
    g_hash_table_iter_init(&it, killed->pdata[k]);
    while (g_hash_table_iter_next(&it, &key, &value)) {
      if (is_temp_or_lock(key) || g_str_has_prefix(key, ".jindu-manifest")) continue;
      GBytes *old = g_hash_table_lookup(before, key), *now = g_hash_table_lookup(after, key);
      if ((old && g_bytes_equal(old, value)) || (now && g_bytes_equal(now, value))) continue;
      g_error("after kill %u, %s is neither the previous nor the finished file (%zu bytes)", k,
              (char *)key, g_bytes_get_size(value));
    }
    /* And no output of the previous build went missing. */
    g_hash_table_iter_init(&it, before);
    while (g_hash_table_iter_next(&it, &key, &value)) {
      if (is_temp_or_lock(key)) continue;
      if (!g_hash_table_contains(killed->pdata[k], key))
        g_error("after kill %u, %s is missing", k, (char *)key);
    }
  }
  g_ptr_array_unref(killed);
  jd_test_rm_rf(dir);
}

/* Fills the file system holding dir, leaving about `leave` bytes free. */
static void fill_disk(const char *dir, size_t leave)
{
  g_autofree char *filler = g_build_filename(dir, "filler", NULL);
  FILE *f = fopen(filler, "ab");
  g_assert_nonnull(f);
  static char block[4096];
  while (fwrite(block, 1, sizeof block, f) == sizeof block) {}
  fclose(f);
  struct stat st;
  g_assert_cmpint(g_stat(filler, &st), ==, 0);
  g_assert_cmpint(truncate(filler, st.st_size > (off_t)leave ? st.st_size - (off_t)leave : 0), ==, 0);
}

/* A full disk: the build's output directory on a small tmpfs. The rebuild
 * fails with exit 4 naming the file, the previous outputs are all still there
 * and whole (old or new, never cut short), no temporary file is left, and
 * once there is space again the build completes. Needs root (mount). */
static void test_build_disk_full(void)
{
  g_autofree char *dir = build_dir_new();
  g_autofree char *reports = g_build_filename(dir, "reports", NULL);
  g_assert_cmpint(g_mkdir(reports, 0755), ==, 0);
  const char *mount_argv[] = {"mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", reports, NULL};
  int status = -1;
  if (geteuid() != 0 ||
      !g_spawn_sync(NULL, (char **)mount_argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) ||
      status != 0) {
    g_test_skip("mounting a small tmpfs needs root with CAP_SYS_ADMIN; the stdout case is "
                "covered by /badinput/output/stdout-dev-full");
    jd_test_rm_rf(dir);
    return;
  }
  const char *argv[] = {"build", NULL};
  result r = run(argv, dir);
  if (r.status != 0) g_error("first build failed (%d): %s", r.status, r.err);
  result_clear(&r);
  g_autoptr(GHashTable) before = snapshot(reports);
  g_autofree char *docs = g_build_filename(dir, "data", "corpus", NULL);
  g_autofree char *extra = write_file(docs, "99-new.txt",
      "某市禁毒委员会2023年工作通报\n2023年全市共破获毒品刑事案件211起，同比上升8.2%。\n", -1);
  fill_disk(reports, 16 * 1024);

  r = run(argv, dir);
  assert_clear_error(&r, JD_EXIT_OUTPUT, reports);
  g_test_message("disk full: %s", r.err);
  result_clear(&r);
  g_autoptr(GHashTable) during = snapshot(reports);

  /* extract -o onto the full disk: exit 4, the old table kept. */
  fill_disk(reports, 512);
  g_autofree char *old_csv = g_build_filename(reports, "figures.csv", NULL);
  const char *xargv[] = {"extract", "-o", old_csv, "data/corpus", NULL};
  r = run(xargv, dir);
  assert_clear_error(&r, JD_EXIT_OUTPUT, "figures.csv");
  result_clear(&r);

  g_autofree char *filler = g_build_filename(reports, "filler", NULL);
  g_unlink(filler);
  r = run(argv, dir);
  if (r.status != 0) g_error("build with space again failed (%d): %s", r.status, r.err);
  result_clear(&r);
  g_autoptr(GHashTable) after = snapshot(reports);

  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init(&it, during);
  while (g_hash_table_iter_next(&it, &key, &value)) {
    g_autofree char *base = g_path_get_basename(key);
    if (strstr(base, ".jindu-tmp-") || g_regex_match_simple("^\\..*\\.[A-Za-z0-9]{6}$", base, 0, 0))
      g_error("temporary file left after the failed build: %s", (char *)key);
    if (is_temp_or_lock(key) || g_str_has_prefix(key, ".jindu-manifest") || !strcmp(key, "filler"))
      continue;
    GBytes *old = g_hash_table_lookup(before, key), *now = g_hash_table_lookup(after, key);
    if ((old && g_bytes_equal(old, value)) || (now && g_bytes_equal(now, value))) continue;
    g_error("after the full disk, %s is neither the previous nor the finished file", (char *)key);
  }
  g_hash_table_iter_init(&it, before);
  while (g_hash_table_iter_next(&it, &key, &value))
    if (!g_hash_table_contains(during, key)) g_error("the full disk lost %s", (char *)key);

  const char *umount_argv[] = {"umount", reports, NULL};
  g_spawn_sync(NULL, (char **)umount_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
               &status, NULL);
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/badinput/loader/missing-file", test_missing_file);
  g_test_add_func("/badinput/loader/unreadable-file", test_unreadable_file);
  g_test_add_func("/badinput/loader/read-error", test_read_error);
  g_test_add_func("/badinput/loader/directory-without-documents", test_empty_directory);
  g_test_add_func("/badinput/loader/empty-document", test_empty_document);
  g_test_add_func("/badinput/loader/binary-file", test_binary_file);
  g_test_add_func("/badinput/loader/invalid-utf8-not-gb18030", test_invalid_encoding);
  g_test_add_func("/badinput/loader/100mb-single-line", test_huge_line);
  g_test_add_func("/badinput/output/stdout-dev-full", test_stdout_full);
  g_test_add_func("/badinput/extract/missing-file-keeps-old-output", test_extract_missing_file);
  g_test_add_func("/badinput/extract/huge-numbers", test_huge_numbers);
  g_test_add_func("/badinput/extract/100mb-single-line", test_extract_huge_line);
  g_test_add_func("/badinput/output/unwritable-directory", test_unwritable_output);
  g_test_add_func("/badinput/figures/csv-broken-quoting", test_csv_broken_quoting);
  g_test_add_func("/badinput/chart/theme-missing-font", test_theme_missing_font);
  g_test_add_func("/badinput/chart/no-cjk-font", test_no_cjk_font);
  g_test_add_func("/badinput/chart/broken-csv-and-unwritable-output", test_chart_bad_inputs);
  g_test_add_func("/badinput/build/unknown-config-key", test_config_unknown_key);
  g_test_add_func("/badinput/build/unwritable-output-directory", test_build_unwritable_output);
  g_test_add_func("/badinput/build/sigterm-sigkill-mid-build", test_build_killed);
  g_test_add_func("/badinput/build/disk-full", test_build_disk_full);
  g_test_add_func("/badinput/fuzz-regressions/normalize", test_fuzz_regressions_cli);
  return g_test_run();
}
