/* Tests of `jindu build`: the configuration's errors, the no-op second
 * build, byte-identical rebuilds, a rebuild after a changed input, dry runs,
 * the lock, atomic replacement under a killed build and a full disk, and
 * that curated files are never written; incremental chart files (an edit
 * redraws only the charts of the figure it changed), charts drawn on many
 * threads equal to one, and the batch of atomic writes. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE 1
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <unistd.h>
#include <utime.h>

#include "jindu/build.h"
#include "jindu/jindu.h"
#include "testutil.h"
#include "util/atomic.h"

/* A scratch project: a copy of the sample corpus and overrides, and a
 * jindu.ini writing into out/. Returns the directory; free with rm_rf. */
static char *make_project(const char *extra_report_keys)
{
  char *dir = jd_test_tmpdir();
  g_autofree char *corpus = jd_test_source_path("data/corpus");
  g_autofree char *docs = g_build_filename(dir, "docs", NULL);
  g_assert_cmpint(g_mkdir(docs, 0755), ==, 0);
  GDir *d = g_dir_open(corpus, 0, NULL);
  g_assert_nonnull(d);
  const char *n;
  while ((n = g_dir_read_name(d))) {
    g_autofree char *src = g_build_filename(corpus, n, NULL);
    g_autofree char *dst = g_build_filename(docs, n, NULL);
    gsize len;
    g_autofree char *data = jd_test_read_file(src, &len);
    g_assert_true(g_file_set_contents(dst, data, (gssize)len, NULL));
  }
  g_dir_close(d);
  g_autofree char *ov_src = jd_test_source_path("data/overrides.csv");
  g_autofree char *ov_dst = g_build_filename(dir, "overrides.csv", NULL);
  gsize len;
  g_autofree char *ov = jd_test_read_file(ov_src, &len);
  g_assert_true(g_file_set_contents(ov_dst, ov, (gssize)len, NULL));
  g_autofree char *ini = g_strdup_printf(
      "# test project\n[input]\ndocuments=docs\noverrides=overrides.csv\n\n[output]\ndir=out\n"
      "lock_timeout=20\n\n[report]\ntitle=禁毒工作简报\nissue=7\norganisation=测试编辑部\n"
      "date=2023-06-30\nregion=全国\n%s",
      extra_report_keys ? extra_report_keys : "");
  g_autofree char *ini_path = g_build_filename(dir, "jindu.ini", NULL);
  g_assert_true(g_file_set_contents(ini_path, ini, -1, NULL));
  return dir;
}

static int run_build(const char *dir, const char *const *extra, char **out, char **err)
{
  const char *argv[16] = {"build", "-c", NULL};
  g_autofree char *ini = g_build_filename(dir, "jindu.ini", NULL);
  argv[2] = ini;
  size_t n = 3;
  for (size_t i = 0; extra && extra[i] && n < 15; i++) argv[n++] = extra[i];
  argv[n] = NULL;
  return jd_test_run_cli(argv, dir, NULL, out, err);
}

static char *out_file(const char *dir, const char *rel)
{
  return g_build_filename(dir, "out", rel, NULL);
}

static GBytes *read_bytes(const char *path)
{
  gsize len;
  char *data = jd_test_read_file(path, &len);
  return g_bytes_new_take(data, len);
}

/* ------------------------------------------------------------ config */

static void write_ini(const char *dir, const char *text)
{
  g_autofree char *p = g_build_filename(dir, "jindu.ini", NULL);
  g_assert_true(g_file_set_contents(p, text, -1, NULL));
}

static void expect_config_error(const char *text, const char *needle)
{
  g_autofree char *dir = jd_test_tmpdir();
  write_ini(dir, text);
  g_autofree char *p = g_build_filename(dir, "jindu.ini", NULL);
  GError *err = NULL;
  jd_build_config *c = jd_build_config_load(p, &err);
  g_assert_null(c);
  g_assert_error(err, JD_BUILD_ERROR, JD_BUILD_ERROR_CONFIG);
  if (!strstr(err->message, needle)) g_error("expected '%s' in: %s", needle, err->message);
  g_error_free(err);
  jd_test_rm_rf(dir);
}

static void test_config_unknown_key(void)
{
  expect_config_error("[input]\ndocuments=docs\n\n[output]\ndri=out\n", "jindu.ini:5: unknown key 'dri'");
  expect_config_error("[input]\ndocuments=docs\n[reprot]\ntitle=x\n", "jindu.ini:3: unknown group [reprot]");
}

static void test_config_bad_values(void)
{
  expect_config_error("[input]\ndocuments=docs\n[report]\n\ndate=2023-13-01\n", "jindu.ini:5: date");
  expect_config_error("[input]\ndocuments=docs\n[report]\nissue=three\n", "jindu.ini:4: issue");
  expect_config_error("[input]\ndocuments=docs\nencoding=latin1\n", "jindu.ini:3: encoding");
  expect_config_error("[input]\ndocuments=docs\n[output]\nchart_formats=png;gif\n",
                      "jindu.ini:4: chart format 'gif'");
  expect_config_error("[input]\ndocuments=docs\n[output]\nreport=../x.pdf\n", "jindu.ini:4: report");
  expect_config_error("[input]\ndocuments=docs\n[output]\nlock_timeout=-1\n", "jindu.ini:4: lock_timeout");
  expect_config_error("[output]\ndir=out\n", "names no documents");
  expect_config_error("[input\ndocuments=x\n", "jindu.ini");
}

static void test_config_defaults(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  write_ini(dir, "[input]\ndocuments=docs;more\n[report]\ndate=\n");
  g_autofree char *p = g_build_filename(dir, "jindu.ini", NULL);
  g_setenv("SOURCE_DATE_EPOCH", "1688083200", TRUE); /* 2023-06-30 */
  GError *err = NULL;
  jd_build_config *c = jd_build_config_load(p, &err);
  g_unsetenv("SOURCE_DATE_EPOCH");
  g_assert_no_error(err);
  g_assert_cmpuint(g_strv_length(c->documents), ==, 2);
  g_assert_true(g_path_is_absolute(c->documents[0]));
  g_assert_true(g_str_has_suffix(c->output_dir, "/reports"));
  g_assert_cmpstr(c->report_name, ==, "jindu-briefing.pdf");
  g_assert_cmpstr(c->report.date, ==, "2023-06-30");
  g_assert_cmpstr(c->report.title, ==, "禁毒工作简报");
  jd_build_config_free(c);
  jd_test_rm_rf(dir);
}

static void test_config_shipped(void)
{
  g_autofree char *p = jd_test_source_path("jindu.ini");
  GError *err = NULL;
  jd_build_config *c = jd_build_config_load(p, &err);
  g_assert_no_error(err);
  g_assert_cmpstr(c->report.date, ==, "2023-06-30");
  g_assert_nonnull(c->report.metrics);
  jd_build_config_free(c);
}

/* ------------------------------------------------------------ builds */

static void test_build_then_noop(void)
{
  g_autofree char *dir = make_project(NULL);
  char *out = NULL, *err = NULL;
  int st = run_build(dir, NULL, &out, &err);
  if (st != 0) g_error("build failed (%d): %s", st, err);
  g_assert_true(strstr(out, "built") != NULL);
  g_assert_cmpuint(strlen(err), ==, 0); /* not a terminal: quiet */
  g_free(out);
  g_free(err);
  g_autofree char *pdf = out_file(dir, "jindu-briefing.pdf");
  g_autofree char *csv = out_file(dir, "figures.csv");
  g_autofree char *png = out_file(dir, "charts/01-cases_solved.png");
  g_assert_true(g_file_test(pdf, G_FILE_TEST_EXISTS));
  g_assert_true(g_file_test(csv, G_FILE_TEST_EXISTS));
  g_assert_true(g_file_test(png, G_FILE_TEST_EXISTS));
  GStatBuf before;
  g_assert_cmpint(g_stat(pdf, &before), ==, 0);

  st = run_build(dir, NULL, &out, &err);
  g_assert_cmpint(st, ==, 0);
  g_assert_true(g_str_has_prefix(out, "jindu: nothing to do"));
  g_free(out);
  g_free(err);

  /* touch: same bytes, so still nothing to do */
  g_autofree char *doc = g_build_filename(dir, "docs", "04-quanguo-2019.txt", NULL);
  struct utimbuf t = {before.st_mtime + 100, before.st_mtime + 100};
  g_assert_cmpint(utime(doc, &t), ==, 0);
  st = run_build(dir, NULL, &out, &err);
  g_assert_cmpint(st, ==, 0);
  g_assert_true(g_str_has_prefix(out, "jindu: nothing to do"));
  g_free(out);
  g_free(err);
  jd_test_rm_rf(dir);
}

/* A rebuilt module (lib/jindu/commands.so draws the charts and the briefing)
 * is a rebuilt program: the next build redoes its work, as for a rebuilt
 * executable. */
static void test_build_module_changed(void)
{
  g_autofree char *dir = make_project(NULL);
  g_autofree char *mods = g_build_filename(dir, "modules", NULL);
  g_assert_cmpint(g_mkdir(mods, 0755), ==, 0);
  const char *build_dir = g_getenv("JINDU_BUILD_DIR");
  g_assert_nonnull(build_dir);
  const char *names[] = {"commands.so", "readers.so"};
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
    g_autofree char *from = g_build_filename(build_dir, "lib", "jindu", names[i], NULL);
    g_autofree char *to = g_build_filename(mods, names[i], NULL);
    gsize len = 0;
    g_autofree char *data = jd_test_read_file(from, &len);
    g_assert_true(g_file_set_contents(to, data, (gssize)len, NULL));
  }
  g_setenv("JINDU_MODULE_DIR", mods, TRUE);
  g_assert_cmpint(run_build(dir, NULL, NULL, NULL), ==, 0);
  char *out = NULL;
  g_assert_cmpint(run_build(dir, NULL, &out, NULL), ==, 0);
  g_assert_true(g_str_has_prefix(out, "jindu: nothing to do"));
  g_free(out);
  /* the same module, newer: as after `cmake --build` relinked it */
  g_autofree char *cmds = g_build_filename(mods, "commands.so", NULL);
  GStatBuf st;
  g_assert_cmpint(g_stat(cmds, &st), ==, 0);
  struct utimbuf t = {st.st_mtime + 100, st.st_mtime + 100};
  g_assert_cmpint(utime(cmds, &t), ==, 0);
  const char *dry[] = {"--dry-run", NULL};
  g_assert_cmpint(run_build(dir, dry, &out, NULL), ==, 0);
  g_unsetenv("JINDU_MODULE_DIR");
  if (!strstr(out, "would rebuild") || !strstr(out, "jindu program"))
    g_error("a changed module did not make the build redo its work:\n%s", out);
  g_free(out);
  jd_test_rm_rf(dir);
}

static void test_build_reproducible(void)
{
  g_autofree char *dir = make_project(NULL);
  write_ini(dir, "[input]\ndocuments=docs\noverrides=overrides.csv\n[output]\ndir=out\n"
                 "chart_formats=png;svg;pdf\n[report]\nissue=2\ndate=2023-06-30\nregion=全国\n");
  g_assert_cmpint(run_build(dir, NULL, NULL, NULL), ==, 0);
  const char *names[] = {"jindu-briefing.pdf", "figures.csv", "charts/01-cases_solved.png",
                         "charts/01-cases_solved.svg", "charts/01-cases_solved.pdf"};
  GBytes *first[G_N_ELEMENTS(names)];
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
    g_autofree char *p = out_file(dir, names[i]);
    first[i] = read_bytes(p);
    g_unlink(p); /* a missing output forces a rebuild */
  }
  const char *force[] = {"--force", NULL};
  g_usleep(1100 * 1000); /* a different second, in case anything read the clock */
  g_assert_cmpint(run_build(dir, force, NULL, NULL), ==, 0);
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
    g_autofree char *p = out_file(dir, names[i]);
    GBytes *again = read_bytes(p);
    if (!g_bytes_equal(first[i], again)) g_error("%s differs between builds", names[i]);
    g_bytes_unref(again);
    g_bytes_unref(first[i]);
  }
  jd_test_rm_rf(dir);
}

static void test_build_changed_input(void)
{
  g_autofree char *dir = make_project(NULL);
  g_assert_cmpint(run_build(dir, NULL, NULL, NULL), ==, 0);
  g_autofree char *pdf = out_file(dir, "jindu-briefing.pdf");
  GBytes *before = read_bytes(pdf);
  g_autofree char *doc = g_build_filename(dir, "docs", "11-new.txt", NULL);
  /* a new document without figures: nothing downstream changes */
  g_assert_true(g_file_set_contents(doc, "关于开展禁毒宣传月活动的通知\n各单位要认真组织学习。\n", -1, NULL));
  char *kept = NULL;
  g_assert_cmpint(run_build(dir, NULL, &kept, NULL), ==, 0);
  g_assert_true(strstr(kept, "figures did not") != NULL);
  g_free(kept);
  GBytes *same = read_bytes(pdf);
  g_assert_true(g_bytes_equal(before, same));
  g_bytes_unref(same);
  g_assert_true(g_file_set_contents(
      doc, "2023年全国禁毒工作通报\n发布时间：2024年6月\n\n2023年全国共破获毒品犯罪案件4.2万起。\n", -1,
      NULL));
  const char *dry[] = {"--dry-run", NULL};
  char *out = NULL;
  g_assert_cmpint(run_build(dir, dry, &out, NULL), ==, 0);
  g_assert_true(strstr(out, "11-new.txt") != NULL);
  g_assert_true(strstr(out, "would rebuild") != NULL);
  g_free(out);
  GBytes *still = read_bytes(pdf);
  g_assert_true(g_bytes_equal(before, still)); /* a dry run writes nothing */
  g_bytes_unref(still);

  g_assert_cmpint(run_build(dir, NULL, &out, NULL), ==, 0);
  g_assert_true(strstr(out, "built") != NULL);
  g_free(out);
  GBytes *after = read_bytes(pdf);
  g_assert_false(g_bytes_equal(before, after));
  g_bytes_unref(after);
  g_bytes_unref(before);
  jd_test_rm_rf(dir);
}

static void test_build_curated_never_written(void)
{
  g_autofree char *dir = make_project(NULL);
  g_autofree char *ov = g_build_filename(dir, "overrides.csv", NULL);
  GBytes *before = read_bytes(ov);
  g_assert_cmpint(run_build(dir, NULL, NULL, NULL), ==, 0);
  GBytes *after = read_bytes(ov);
  g_assert_true(g_bytes_equal(before, after));
  g_bytes_unref(after);
  g_bytes_unref(before);
  /* an output that would overwrite a curated file is refused */
  write_ini(dir, "[input]\ndocuments=docs\noverrides=overrides.csv\n[output]\ndir=.\n"
                 "figures=overrides.csv\n[report]\ndate=2023-06-30\n");
  char *err = NULL;
  g_assert_cmpint(run_build(dir, NULL, NULL, &err), ==, 3);
  g_assert_true(strstr(err, "never writes curated") != NULL);
  g_free(err);
  jd_test_rm_rf(dir);
}

static void test_build_strict(void)
{
  g_autofree char *dir = make_project(NULL);
  const char *strict[] = {"--strict", NULL};
  char *out = NULL;
  int st = run_build(dir, strict, &out, NULL);
  /* the sample states one share that does not add up (238 of 626 is not 40%) */
  g_assert_cmpint(st, ==, 5);
  g_assert_true(strstr(out, "audit finding") != NULL);
  g_free(out);
  /* nothing changed: nothing to do, and the same status as the build it
   * repeats, so a cron job's exit code depends on the data, not on timing */
  g_assert_cmpint(run_build(dir, strict, &out, NULL), ==, 5);
  g_assert_true(g_str_has_prefix(out, "jindu: nothing to do"));
  g_free(out);
  g_assert_cmpint(run_build(dir, strict, NULL, NULL), ==, 5);
  /* without --strict the findings are no failure */
  g_assert_cmpint(run_build(dir, NULL, NULL, NULL), ==, 0);
  jd_test_rm_rf(dir);
}

static void test_build_busy(void)
{
  g_autofree char *dir = make_project(NULL);
  g_autofree char *outdir = g_build_filename(dir, "out", NULL);
  g_assert_cmpint(g_mkdir(outdir, 0755), ==, 0);
  g_autofree char *lock = g_build_filename(outdir, JD_BUILD_LOCK, NULL);
  int fd = open(lock, O_RDWR | O_CREAT, 0644);
  g_assert_cmpint(fd, >=, 0);
  g_assert_cmpint(flock(fd, LOCK_EX), ==, 0);
  const char *nowait[] = {"--wait", "0.2", NULL};
  char *err = NULL;
  g_assert_cmpint(run_build(dir, nowait, NULL, &err), ==, 6);
  g_assert_true(strstr(err, "another build is running") != NULL);
  g_free(err);
  close(fd);
  g_assert_cmpint(run_build(dir, nowait, NULL, NULL), ==, 0);
  jd_test_rm_rf(dir);
}

static GSubprocess *spawn_build(const char *dir, const char *const *extra)
{
  g_autofree char *ini = g_build_filename(dir, "jindu.ini", NULL);
  const char *argv[12] = {g_getenv("JINDU_BINARY"), "build", "-c", ini};
  size_t n = 4;
  for (size_t i = 0; extra && extra[i]; i++) argv[n++] = extra[i];
  argv[n] = NULL;
  GError *e = NULL;
  GSubprocess *p = g_subprocess_newv(argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                               G_SUBPROCESS_FLAGS_STDERR_SILENCE, &e);
  g_assert_no_error(e);
  return p;
}

static void assert_no_temporaries(const char *dir)
{
  GDir *d = g_dir_open(dir, 0, NULL);
  if (!d) return;
  const char *n;
  while ((n = g_dir_read_name(d))) g_assert_null(strstr(n, ".jindu-tmp-"));
  g_dir_close(d);
}

static void test_build_killed(void)
{
  g_autofree char *dir = make_project(NULL);
  g_assert_cmpint(run_build(dir, NULL, NULL, NULL), ==, 0);
  g_autofree char *pdf = out_file(dir, "jindu-briefing.pdf");
  GBytes *good = read_bytes(pdf);
  /* kill forced rebuilds at different moments: the report is always whole */
  const char *force[] = {"--force", NULL};
  for (int delay_ms = 0; delay_ms <= 120; delay_ms += 20) {
    GSubprocess *p = spawn_build(dir, force);
    g_usleep((gulong)delay_ms * 1000);
    g_subprocess_send_signal(p, delay_ms % 40 ? SIGTERM : SIGKILL);
    g_subprocess_wait(p, NULL, NULL);
    g_object_unref(p);
    GBytes *now = read_bytes(pdf);
    g_assert_true(g_bytes_equal(good, now)); /* old or identical new: never partial */
    g_bytes_unref(now);
  }
  /* the next build cleans up and succeeds */
  g_assert_cmpint(run_build(dir, force, NULL, NULL), ==, 0);
  g_autofree char *outdir = g_build_filename(dir, "out", NULL);
  g_autofree char *charts = g_build_filename(dir, "out", "charts", NULL);
  assert_no_temporaries(outdir);
  assert_no_temporaries(charts);
  g_bytes_unref(good);
  jd_test_rm_rf(dir);
}

static void test_build_concurrent(void)
{
  g_autofree char *dir = make_project(NULL);
  const char *force[] = {"--force", NULL};
  GSubprocess *a = spawn_build(dir, force), *b = spawn_build(dir, force);
  g_assert_true(g_subprocess_wait(a, NULL, NULL));
  g_assert_true(g_subprocess_wait(b, NULL, NULL));
  g_assert_cmpint(g_subprocess_get_exit_status(a), ==, 0);
  g_assert_cmpint(g_subprocess_get_exit_status(b), ==, 0);
  g_object_unref(a);
  g_object_unref(b);
  g_autofree char *pdf = out_file(dir, "jindu-briefing.pdf");
  GBytes *both = read_bytes(pdf);
  g_assert_cmpint(run_build(dir, force, NULL, NULL), ==, 0);
  GBytes *alone = read_bytes(pdf);
  g_assert_true(g_bytes_equal(both, alone));
  g_bytes_unref(both);
  g_bytes_unref(alone);
  char *out = NULL;
  g_assert_cmpint(run_build(dir, NULL, &out, NULL), ==, 0);
  g_assert_true(g_str_has_prefix(out, "jindu: nothing to do"));
  g_free(out);
  jd_test_rm_rf(dir);
}

/* ------------------------------------------------------------ atomic writes */

static void test_atomic_disk_full(void)
{
  if (g_test_subprocess()) {
    g_autofree char *dir = jd_test_tmpdir();
    g_autofree char *p = g_build_filename(dir, "report.pdf", NULL);
    g_assert_true(jd_write_file_atomic(p, "old", 3, NULL));
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit rl = {4096, 4096};
    g_assert_cmpint(setrlimit(RLIMIT_FSIZE, &rl), ==, 0);
    gsize big = 64 * 1024;
    char *data = g_malloc0(big);
    GError *err = NULL;
    g_assert_false(jd_write_file_atomic(p, data, big, &err));
    g_assert_error(err, JD_BUILD_ERROR, JD_BUILD_ERROR_OUTPUT);
    g_assert_true(strstr(err->message, "previous file was left") != NULL);
    g_error_free(err);
    g_free(data);
    gsize len;
    g_autofree char *now = jd_test_read_file(p, &len);
    g_assert_cmpstr(now, ==, "old");
    assert_no_temporaries(dir);
    jd_test_rm_rf(dir);
    return;
  }
  g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed();
}

static void test_atomic_missing_dir(void)
{
  GError *err = NULL;
  g_assert_false(jd_write_file_atomic("/nonexistent-dir-jindu/x.pdf", "x", 1, &err));
  g_assert_error(err, JD_BUILD_ERROR, JD_BUILD_ERROR_OUTPUT);
  g_error_free(err);
}


/* ------------------------------------------------------------ incremental */

/* Every file under root/rel (not the build's own .jindu* records), with its
 * bytes, inode and modification time, keyed by its path from root. */
typedef struct {
  GBytes *bytes;
  guint64 ino;
  gint64 mtime_ns;
} file_state;

static void file_state_free(gpointer p)
{
  file_state *f = p;
  g_bytes_unref(f->bytes);
  g_free(f);
}

static void snapshot_dir(GHashTable *into, const char *root, const char *rel)
{
  g_autofree char *dir = rel ? g_build_filename(root, rel, NULL) : g_strdup(root);
  GDir *d = g_dir_open(dir, 0, NULL);
  g_assert_nonnull(d);
  const char *n;
  while ((n = g_dir_read_name(d))) {
    if (g_str_has_prefix(n, ".jindu")) continue;
    g_autofree char *sub = rel ? g_build_filename(rel, n, NULL) : g_strdup(n);
    g_autofree char *p = g_build_filename(root, sub, NULL);
    if (g_file_test(p, G_FILE_TEST_IS_DIR)) {
      snapshot_dir(into, root, sub);
      continue;
    }
    struct stat st;
    g_assert_cmpint(stat(p, &st), ==, 0);
    file_state *f = g_new0(file_state, 1);
    f->bytes = read_bytes(p);
    f->ino = (guint64)st.st_ino;
    f->mtime_ns = (gint64)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    g_hash_table_insert(into, g_strdup(sub), f);
  }
  g_dir_close(d);
}

static GHashTable *snapshot_outputs(const char *dir)
{
  GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, file_state_free);
  g_autofree char *out = g_build_filename(dir, "out", NULL);
  snapshot_dir(t, out, NULL);
  return t;
}

/* Every file of a is in b with the same bytes, and b has no other. */
static void assert_same_outputs(GHashTable *a, GHashTable *b, const char *what)
{
  g_assert_cmpuint(g_hash_table_size(a), ==, g_hash_table_size(b));
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init(&it, a);
  while (g_hash_table_iter_next(&it, &k, &v)) {
    const file_state *other = g_hash_table_lookup(b, k);
    if (!other) g_error("%s: %s is missing", what, (const char *)k);
    if (!g_bytes_equal(((const file_state *)v)->bytes, other->bytes))
      g_error("%s: %s differs", what, (const char *)k);
  }
}

static void replace_in_file(const char *path, const char *from, const char *to)
{
  gsize len;
  g_autofree char *text = jd_test_read_file(path, &len);
  g_assert_nonnull(strstr(text, from));
  g_auto(GStrv) parts = g_strsplit(text, from, 2);
  g_autofree char *edited = g_strjoin(to, parts[0], parts[1], NULL);
  g_assert_true(g_file_set_contents(path, edited, -1, NULL));
}

/* A build whose commit stops at the history snapshot or at the status (the
 * file's place taken by a directory, so its rename fails as a kill there
 * would leave it) has not replaced the manifest: the manifest is renamed
 * last, after the snapshot and the status. The next build then builds again
 * and its outputs, snapshot and status are a clean build's, byte for byte.
 * With the manifest first, the next build took the inputs as built and kept a
 * stale status and history. */
static void check_commit_stopped_at(const char *blocked_rel)
{
  g_autofree char *dir = make_project(NULL), *clean = make_project(NULL);
  char *out = NULL;
  g_assert_cmpint(run_build(dir, NULL, &out, NULL), ==, 0);
  g_free(out);
  g_autofree char *manifest = out_file(dir, JD_BUILD_MANIFEST);
  GBytes *before = read_bytes(manifest);
  const char *edit = "2022年全国共破获毒品犯罪案件4.8万起，抓获犯罪嫌疑人7.7万名。\n";
  for (int k = 0; k < 2; k++) {
    g_autofree char *doc = g_build_filename(k ? clean : dir, "docs", "07-quanguo-2022.txt", NULL);
    g_autofree char *text = jd_test_read_file(doc, NULL);
    g_autofree char *more = g_strconcat(text, edit, NULL);
    g_assert_true(g_file_set_contents(doc, more, -1, NULL));
  }
  g_autofree char *blocked = out_file(dir, blocked_rel);
  g_unlink(blocked);
  g_autofree char *inside = g_build_filename(blocked, "x", NULL);
  g_assert_cmpint(g_mkdir_with_parents(blocked, 0755), ==, 0);
  g_assert_true(g_file_set_contents(inside, "x", -1, NULL));
  char *err = NULL;
  g_assert_cmpint(run_build(dir, NULL, NULL, &err), ==, JD_EXIT_OUTPUT);
  g_free(err);
  GBytes *after = read_bytes(manifest);
  if (!g_bytes_equal(before, after)) g_error("%s: the manifest was replaced", blocked_rel);
  g_bytes_unref(before);
  g_bytes_unref(after);
  g_assert_cmpint(g_unlink(inside), ==, 0);
  g_assert_cmpint(g_rmdir(blocked), ==, 0);
  g_assert_cmpint(run_build(dir, NULL, &out, NULL), ==, 0);
  g_free(out);
  g_assert_cmpint(run_build(clean, NULL, &out, NULL), ==, 0);
  g_free(out);
  GHashTable *a = snapshot_outputs(dir), *b = snapshot_outputs(clean);
  assert_same_outputs(a, b, blocked_rel);
  g_hash_table_unref(a);
  g_hash_table_unref(b);
  g_autofree char *sa = out_file(dir, JD_BUILD_STATUS), *sb = out_file(clean, JD_BUILD_STATUS);
  GBytes *ba = read_bytes(sa), *bb = read_bytes(sb);
  if (!g_bytes_equal(ba, bb)) g_error("%s: the status differs from a clean build's", blocked_rel);
  g_bytes_unref(ba);
  g_bytes_unref(bb);
  jd_test_rm_rf(dir);
  jd_test_rm_rf(clean);
}

static void test_build_commit_stopped(void)
{
  check_commit_stopped_at(JD_BUILD_STATUS);
  check_commit_stopped_at(JD_BUILD_HISTORY "/2023-06-30.csv");
}

#define CHART_FORMATS_INI                                                                  \
  "[input]\ndocuments=docs\noverrides=overrides.csv\n[output]\ndir=out\nchart_formats=png;pdf\n" \
  "[report]\nissue=3\ndate=2023-06-30\nregion=全国\n"

/* Edit one document so that one figure (2019's seizures) changes: only the
 * seizures chart files are drawn and replaced; every other chart file keeps
 * its inode, time and bytes; and the result is a clean build's, byte for byte. */
static void test_build_incremental_one_figure(void)
{
  g_autofree char *dir = make_project(NULL);
  write_ini(dir, CHART_FORMATS_INI);
  char *out = NULL;
  g_assert_cmpint(run_build(dir, NULL, &out, NULL), ==, 0);
  g_assert_nonnull(strstr(out, "18 charts drawn, 0 kept undrawn"));
  g_free(out);
  GHashTable *before = snapshot_outputs(dir);
  g_autofree char *doc = g_build_filename(dir, "docs", "04-quanguo-2019.txt", NULL);
  replace_in_file(doc, "缴获各类毒品65.1吨", "缴获各类毒品66.2吨");
  g_usleep(20 * 1000); /* a new file would have a later time */
  g_assert_cmpint(run_build(dir, NULL, &out, NULL), ==, 0);
  if (!strstr(out, "2 charts drawn, 16 kept undrawn")) g_error("incremental build: %s", out);
  g_free(out);
  GHashTable *after = snapshot_outputs(dir);
  GHashTableIter it;
  gpointer k, v;
  guint redrawn = 0, kept = 0;
  g_hash_table_iter_init(&it, after);
  while (g_hash_table_iter_next(&it, &k, &v)) {
    const char *rel = k;
    const file_state *now = v, *was = g_hash_table_lookup(before, rel);
    g_assert_nonnull(was);
    if (!g_str_has_prefix(rel, "charts/")) continue;
    if (strstr(rel, "drugs_seized")) {
      g_assert_false(g_bytes_equal(was->bytes, now->bytes));
      g_assert_true(was->ino != now->ino); /* a new file renamed into place */
      redrawn++;
    } else {
      if (!g_bytes_equal(was->bytes, now->bytes) || was->ino != now->ino ||
          was->mtime_ns != now->mtime_ns)
        g_error("%s was touched by an edit that does not concern it", rel);
      kept++;
    }
  }
  g_assert_cmpuint(redrawn, ==, 2);
  g_assert_cmpuint(kept, ==, 16);
  /* the briefing changed with the figure */
  const file_state *pdf0 = g_hash_table_lookup(before, "jindu-briefing.pdf");
  const file_state *pdf1 = g_hash_table_lookup(after, "jindu-briefing.pdf");
  g_assert_false(g_bytes_equal(pdf0->bytes, pdf1->bytes));

  /* a clean build of the edited inputs gives the same bytes */
  g_autofree char *outdir = g_build_filename(dir, "out", NULL);
  jd_test_rm_rf(outdir);
  g_assert_cmpint(run_build(dir, NULL, NULL, NULL), ==, 0);
  GHashTable *clean = snapshot_outputs(dir);
  assert_same_outputs(after, clean, "incremental vs clean build");
  g_hash_table_unref(before);
  g_hash_table_unref(after);
  g_hash_table_unref(clean);
  jd_test_rm_rf(dir);
}

/* A manifest of an older jindu (no chart digests) is read as it is: every
 * chart is drawn once more, and a chart whose bytes did not change is not
 * replaced; the next edit is incremental again. */
static void test_build_incremental_old_manifest(void)
{
  g_autofree char *dir = make_project(NULL);
  write_ini(dir, CHART_FORMATS_INI);
  g_assert_cmpint(run_build(dir, NULL, NULL, NULL), ==, 0);
  g_autofree char *mpath = out_file(dir, ".jindu-manifest");
  gsize len;
  g_autofree char *m = jd_test_read_file(mpath, &len);
  g_auto(GStrv) lines = g_strsplit(m, "\n", -1);
  GString *old = g_string_new(NULL);
  guint dropped = 0;
  for (char **l = lines; *l; l++) {
    if (g_str_has_prefix(*l, "chart ")) {
      dropped++;
      continue;
    }
    if (**l) g_string_append_printf(old, "%s\n", *l);
  }
  g_assert_cmpuint(dropped, ==, 18);
  g_assert_true(g_file_set_contents(mpath, old->str, (gssize)old->len, NULL));
  g_string_free(old, TRUE);
  GHashTable *before = snapshot_outputs(dir);
  g_autofree char *doc = g_build_filename(dir, "docs", "04-quanguo-2019.txt", NULL);
  replace_in_file(doc, "缴获各类毒品65.1吨", "缴获各类毒品66.2吨");
  char *out = NULL;
  g_assert_cmpint(run_build(dir, NULL, &out, NULL), ==, 0);
  if (!strstr(out, "18 charts drawn, 0 kept undrawn")) g_error("old manifest: %s", out);
  g_free(out);
  GHashTable *after = snapshot_outputs(dir);
  const file_state *a = g_hash_table_lookup(before, "charts/01-cases_solved.png");
  const file_state *b = g_hash_table_lookup(after, "charts/01-cases_solved.png");
  g_assert_true(a->ino == b->ino && g_bytes_equal(a->bytes, b->bytes)); /* drawn, same: kept */
  replace_in_file(doc, "缴获各类毒品66.2吨", "缴获各类毒品67.3吨");
  g_assert_cmpint(run_build(dir, NULL, &out, NULL), ==, 0);
  if (!strstr(out, "2 charts drawn, 16 kept undrawn")) g_error("after an old manifest: %s", out);
  g_free(out);
  g_hash_table_unref(before);
  g_hash_table_unref(after);
  jd_test_rm_rf(dir);
}

/* Charts drawn on one thread and on several, and the briefings drawn
 * beside them, are the same bytes. */
static void test_build_jobs_same_bytes(void)
{
  GHashTable *result[2];
  const char *jobs[2][3] = {{"--jobs", "1", NULL}, {"--jobs", "4", NULL}};
  for (int i = 0; i < 2; i++) {
    g_autofree char *dir = make_project(NULL);
    write_ini(dir, "[input]\ndocuments=docs\noverrides=overrides.csv\n[output]\ndir=out\n"
                   "report=b.pdf;b.docx;b.pptx;b.html\nchart_formats=png;svg;pdf\n"
                   "[report]\nissue=3\ndate=2023-06-30\nregion=全国\n");
    char *out = NULL;
    g_assert_cmpint(run_build(dir, jobs[i], &out, NULL), ==, 0);
    g_assert_nonnull(strstr(out, "27 charts drawn"));
    g_free(out);
    result[i] = snapshot_outputs(dir);
    jd_test_rm_rf(dir);
  }
  assert_same_outputs(result[0], result[1], "--jobs 1 vs --jobs 4");
  g_hash_table_unref(result[0]);
  g_hash_table_unref(result[1]);
  const char *bad[] = {"--jobs", "-2", NULL};
  g_autofree char *dir = make_project(NULL);
  char *err = NULL;
  g_assert_cmpint(run_build(dir, bad, NULL, &err), ==, 2);
  g_assert_nonnull(strstr(err, "--jobs"));
  g_free(err);
  jd_test_rm_rf(dir);
}

/* The batch: nothing is replaced before commit; commit replaces every file;
 * a batch freed uncommitted leaves the old files and no temporary file. */
static void test_atomic_batch(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *sub = g_build_filename(dir, "charts", NULL);
  g_assert_cmpint(g_mkdir(sub, 0755), ==, 0);
  g_autofree char *a = g_build_filename(dir, "a.csv", NULL);
  g_autofree char *b = g_build_filename(sub, "b.png", NULL);
  g_assert_true(jd_atomic_write(a, "old a", 5, NULL));
  jd_atomic_batch *batch = jd_atomic_batch_new();
  g_assert_true(jd_atomic_batch_write(batch, a, "new a", 5, NULL));
  g_assert_true(jd_atomic_batch_write(batch, b, "new b", 5, NULL));
  g_assert_cmpuint(jd_atomic_batch_get_count(batch), ==, 2);
  gsize len;
  g_autofree char *still = jd_test_read_file(a, &len);
  g_assert_cmpstr(still, ==, "old a");
  g_assert_false(g_file_test(b, G_FILE_TEST_EXISTS));
  g_assert_true(jd_atomic_batch_commit(batch, NULL, NULL));
  jd_atomic_batch_free(batch);
  g_autofree char *na = jd_test_read_file(a, &len);
  g_autofree char *nb = jd_test_read_file(b, &len);
  g_assert_cmpstr(na, ==, "new a");
  g_assert_cmpstr(nb, ==, "new b");
  assert_no_temporaries(dir);
  assert_no_temporaries(sub);

  batch = jd_atomic_batch_new();
  g_assert_true(jd_atomic_batch_write(batch, a, "newer", 5, NULL));
  GError *err = NULL;
  g_autofree char *missing = g_build_filename(dir, "nowhere", "c.pdf", NULL);
  g_assert_false(jd_atomic_batch_write(batch, missing, "c", 1, &err));
  g_assert_error(err, JD_ATOMIC_ERROR, JD_ATOMIC_ERROR_CREATE);
  g_error_free(err);
  jd_atomic_batch_free(batch); /* given up: nothing replaced */
  g_autofree char *kept = jd_test_read_file(a, &len);
  g_assert_cmpstr(kept, ==, "new a");
  assert_no_temporaries(dir);
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_fonts_init();
  g_test_add_func("/build/config/unknown-key", test_config_unknown_key);
  g_test_add_func("/build/config/bad-values", test_config_bad_values);
  g_test_add_func("/build/config/defaults", test_config_defaults);
  g_test_add_func("/build/config/shipped", test_config_shipped);
  g_test_add_func("/build/sample/second-build-is-noop", test_build_then_noop);
  g_test_add_func("/build/sample/rebuild-byte-identical", test_build_reproducible);
  g_test_add_func("/build/sample/changed-input-rebuilds", test_build_changed_input);
  g_test_add_func("/build/sample/changed-module-rebuilds", test_build_module_changed);
  g_test_add_func("/build/sample/curated-never-written", test_build_curated_never_written);
  g_test_add_func("/build/sample/strict-audit-exit", test_build_strict);
  g_test_add_func("/build/lock/busy", test_build_busy);
  g_test_add_func("/build/lock/concurrent", test_build_concurrent);
  g_test_add_func("/build/atomic/killed-build", test_build_killed);
  g_test_add_func("/build/atomic/disk-full", test_atomic_disk_full);
  g_test_add_func("/build/atomic/missing-dir", test_atomic_missing_dir);
  g_test_add_func("/build/atomic/batch", test_atomic_batch);
  g_test_add_func("/build/atomic/commit-stopped-before-manifest", test_build_commit_stopped);
  g_test_add_func("/build/incremental/one-figure-redraws-its-charts", test_build_incremental_one_figure);
  g_test_add_func("/build/incremental/old-manifest", test_build_incremental_old_manifest);
  g_test_add_func("/build/jobs/same-bytes", test_build_jobs_same_bytes);
  return g_test_run();
}
