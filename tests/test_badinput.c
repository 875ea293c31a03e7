/* Every bad input of the README's table, through the CLI: each must give a
 * clear message naming the file (`jindu: FILE[:LINE]: what — what to do`),
 * the documented exit code, no crash, and no half-written output. Also
 * replays the inputs kept by fuzzing (fuzz/regressions/text) through
 * `jindu normalize`. */
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
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
  if (geteuid() == 0) {
    g_test_skip("running as root, which reads a chmod 000 file anyway; the read-error path "
                "is covered by /badinput/loader/read-error (EIO)");
    return;
  }
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *p = write_file(dir, "secret.txt", doc_sentence, -1);
  g_assert_cmpint(g_chmod(p, 0), ==, 0);
  const char *argv[] = {"normalize", "secret.txt", NULL};
  result r = run(argv, dir);
  assert_clear_error(&r, JD_EXIT_INPUT, "secret.txt");
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
  g_autofree char *img = write_file(sub, "scan.png", "\x89PNG\r\n\x1a\n", 8);
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
  g_test_add_func("/badinput/fuzz-regressions/normalize", test_fuzz_regressions_cli);
  return g_test_run();
}
