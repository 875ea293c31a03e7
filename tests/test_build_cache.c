/* Tests of the extraction cache of `jindu build` (src/schedule/cache.c): its
 * records read back exactly and cannot be forged by a path or a quote; a
 * cache cut short or with any byte changed is reported and ignored; an
 * edit reads only the edited document, and the outputs (the cache too)
 * equal a --force build's byte for byte; an unchanged document's warnings
 * are still said; a changed lexicon, program or encoding reads every
 * document again. And a briefing whose figures did not change is kept when
 * only a chart file was lost. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE 1
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <utime.h>

#include "schedule/build-private.h"
#include "jindu/jindu.h"
#include "testutil.h"

/* ------------------------------------------------------------ the format */

static jd_figure *odd_figure(const char *doc, double value, const char *quote)
{
  jd_figure *f = jd_figure_new(doc, 7, quote, "drugs_seized", "海洛因", "云南省", "2019", value,
                               "kg", JD_QUAL_AT_MOST, JD_KIND_CHANGE_PP, "2018");
  jd_figure_set_scope(f, "团伙 公开查缉");
  jd_figure_set_span(f, "");
  g_free(f->span);
  f->span = g_strdup(""); /* kept as it is, not made the period's own */
  jd_figure_set_where(f, "表2 第4行 第3列");
  return f;
}

/* Two documents' records: one with figures that try to forge records (a
 * newline and a "doc" line in a quote and a path), NaN, -0 and a value no
 * decimal writes exactly; one with a warning and no figure. */
static GString *sample_cache(const char *identity)
{
  jd_figure_table *t = jd_figure_table_new();
  GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
  const char *forged = "/d/a\ndoc 4:/d/b 64:x\nfig 1 0 0 0000000000000000";
  jd_figure_table_take(t, odd_figure("a.txt", 1.0 / 3.0, "三分之一\nend 3:abc\n"));
  jd_figure_table_take(t, odd_figure("a.txt", NAN, ""));
  jd_figure_table_take(t, odd_figure("a.txt", -0.0, "warn 2:xx"));
  g_ptr_array_add(warnings, g_strdup("a.txt:3: a warning — with a\nnewline"));
  GString *s = jd_extract_cache_begin(identity);
  jd_extract_cache_add(s, forged, "aaaa", t, 0, warnings, 0);
  size_t n = jd_figure_table_get_count(t);
  g_ptr_array_add(warnings, g_strdup("b.txt:1: undecodable bytes — replaced"));
  jd_extract_cache_add(s, "/d/b", "bbbb", t, n, warnings, 1);
  jd_extract_cache_end(s);
  g_ptr_array_unref(warnings);
  jd_figure_table_free(t);
  return s;
}

static char *write_tmp(const char *dir, const void *data, size_t len)
{
  char *p = g_build_filename(dir, "cache", NULL);
  g_assert_true(g_file_set_contents(p, data, (gssize)len, NULL));
  return p;
}

static gboolean same_figure(const jd_figure *a, const jd_figure *b)
{
  return strcmp(a->doc, b->doc) == 0 && a->line == b->line && strcmp(a->quote, b->quote) == 0 &&
         strcmp(a->metric, b->metric) == 0 && strcmp(a->scope, b->scope) == 0 &&
         strcmp(a->drug, b->drug) == 0 && strcmp(a->region, b->region) == 0 &&
         strcmp(a->period, b->period) == 0 && strcmp(a->span, b->span) == 0 &&
         memcmp(&a->value, &b->value, sizeof a->value) == 0 && strcmp(a->unit, b->unit) == 0 &&
         a->qualifier == b->qualifier && a->kind == b->kind &&
         strcmp(a->base_period, b->base_period) == 0 && strcmp(a->where, b->where) == 0;
}

static void test_cache_round_trip(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  GString *s = sample_cache("id-1");
  g_autofree char *path = write_tmp(dir, s->str, s->len);
  GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
  jd_extract_cache *c = jd_extract_cache_open(path, "id-1", warnings);
  g_assert_nonnull(c);
  g_assert_cmpuint(warnings->len, ==, 0);

  jd_figure_table *t = jd_figure_table_new();
  const char *forged = "/d/a\ndoc 4:/d/b 64:x\nfig 1 0 0 0000000000000000";
  GString *next = jd_extract_cache_begin("id-1");
  g_assert_false(jd_extract_cache_reuse(c, next, forged, "other", t, warnings)); /* edited */
  g_assert_false(jd_extract_cache_reuse(c, next, "/d/c", "aaaa", t, warnings)); /* new */
  g_assert_false(jd_extract_cache_reuse(c, next, "/d/a", "aaaa", t, warnings)); /* no forgery */
  g_assert_cmpuint(jd_figure_table_get_count(t), ==, 0);
  g_assert_true(jd_extract_cache_reuse(c, next, forged, "aaaa", t, warnings));
  g_assert_true(jd_extract_cache_reuse(c, next, "/d/b", "bbbb", t, warnings));
  jd_extract_cache_end(next);
  /* records copied as they were: the same file */
  g_assert_cmpuint(next->len, ==, s->len);
  g_assert_cmpint(memcmp(next->str, s->str, s->len), ==, 0);

  g_assert_cmpuint(jd_figure_table_get_count(t), ==, 3);
  double values[] = {1.0 / 3.0, NAN, -0.0};
  const char *quotes[] = {"三分之一\nend 3:abc\n", "", "warn 2:xx"};
  for (size_t i = 0; i < 3; i++) {
    jd_figure *want = odd_figure("a.txt", values[i], quotes[i]);
    if (!same_figure(jd_figure_table_get(t, i), want)) g_error("figure %zu differs", i);
    jd_figure_free(want);
  }
  g_assert_true(signbit(jd_figure_table_get(t, 2)->value));
  g_assert_cmpuint(warnings->len, ==, 2);
  g_assert_cmpstr(warnings->pdata[0], ==, "a.txt:3: a warning — with a\nnewline");
  g_assert_cmpstr(warnings->pdata[1], ==, "b.txt:1: undecodable bytes — replaced");
  jd_extract_cache_free(c);

  /* another identity (program, lexicon, encoding): unused, and no damage said */
  g_ptr_array_set_size(warnings, 0);
  g_assert_null(jd_extract_cache_open(path, "id-2", warnings));
  g_assert_cmpuint(warnings->len, ==, 0);
  /* no cache: nothing said */
  g_autofree char *none = g_build_filename(dir, "none", NULL);
  g_assert_null(jd_extract_cache_open(none, "id-1", warnings));
  g_assert_cmpuint(warnings->len, ==, 0);

  g_string_free(next, TRUE);
  g_string_free(s, TRUE);
  jd_figure_table_free(t);
  g_ptr_array_unref(warnings);
  jd_test_rm_rf(dir);
}

static void expect_damaged(const char *dir, const char *data, size_t len, const char *what)
{
  g_autofree char *path = write_tmp(dir, data, len);
  GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
  jd_extract_cache *c = jd_extract_cache_open(path, "id-1", warnings);
  if (c) g_error("%s: a damaged cache was trusted", what);
  if (warnings->len != 1 || !strstr(warnings->pdata[0], "cannot be trusted"))
    g_error("%s: the damage was not reported", what);
  g_ptr_array_unref(warnings);
}

/* Cut short at every length, and every byte changed in turn: never
 * trusted, always said. */
static void test_cache_damaged(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  GString *s = sample_cache("id-1");
  for (size_t n = 0; n < s->len; n++) {
    g_autofree char *what = g_strdup_printf("cut at %zu of %zu", n, s->len);
    expect_damaged(dir, s->str, n, what);
  }
  g_autofree char *copy = g_memdup2(s->str, s->len);
  for (size_t i = 0; i < s->len; i++) {
    copy[i] ^= 0x40;
    g_autofree char *what = g_strdup_printf("byte %zu changed", i);
    expect_damaged(dir, copy, s->len, what);
    copy[i] ^= 0x40;
  }
  GString *more = g_string_new_len(s->str, (gssize)s->len);
  g_string_append(more, "doc 2:/x 1:y\n");
  expect_damaged(dir, more->str, more->len, "records after the end");
  /* a symbolic link is never followed */
  g_autofree char *real = write_tmp(dir, s->str, s->len);
  g_autofree char *link = g_build_filename(dir, "link", NULL);
  g_assert_cmpint(symlink(real, link), ==, 0);
  GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
  g_assert_null(jd_extract_cache_open(link, "id-1", warnings));
  g_assert_cmpuint(warnings->len, ==, 1);
  g_ptr_array_unref(warnings);
  g_string_free(more, TRUE);
  g_string_free(s, TRUE);
  jd_test_rm_rf(dir);
}

/* ------------------------------------------------------------ the build */

/* A scratch project: a copy of the sample corpus, a document that gives a
 * warning, and jindu.ini (extra keys appended to [input]). */
static char *make_project(const char *input_keys)
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
  g_autofree char *odd = g_build_filename(docs, "99-odd.txt", NULL);
  g_assert_true(g_file_set_contents(
      odd, "2020年工作通报\n2020年，全市缴获毒品9000000000吨，破获毒品案件120起。\n", -1, NULL));
  g_autofree char *ini = g_strdup_printf(
      "[input]\ndocuments=docs\n%s\n[output]\ndir=out\nchart_formats=png;svg\n"
      "[report]\ndate=2023-06-30\nregion=全国\n",
      input_keys ? input_keys : "");
  g_autofree char *ini_path = g_build_filename(dir, "jindu.ini", NULL);
  g_assert_true(g_file_set_contents(ini_path, ini, -1, NULL));
  return dir;
}

static char *build(const char *dir, const char *option, char **err)
{
  const char *argv[] = {"build", "-c", "jindu.ini", option, NULL};
  char *out = NULL, *e = NULL;
  int st = jd_test_run_cli(argv, dir, NULL, &out, &e);
  if (st != 0) g_error("build exited %d: %s%s", st, out, e);
  if (err)
    *err = e;
  else
    g_free(e);
  return out;
}

static void expect_read(const char *out, unsigned read, unsigned cached)
{
  g_autofree char *want =
      g_strdup_printf("%u document%s read, %u from the extraction cache", read,
                      read == 1 ? "" : "s", cached);
  if (!strstr(out, want)) g_error("expected '%s' in: %s", want, out);
}

/* Every file under root (recursively), by its path from root. */
static void snapshot_dir(GHashTable *into, const char *root, const char *rel)
{
  g_autofree char *dir = rel ? g_build_filename(root, rel, NULL) : g_strdup(root);
  GDir *d = g_dir_open(dir, 0, NULL);
  g_assert_nonnull(d);
  const char *n;
  while ((n = g_dir_read_name(d))) {
    if (strcmp(n, JD_BUILD_LOCK) == 0) continue;
    g_autofree char *sub = rel ? g_build_filename(rel, n, NULL) : g_strdup(n);
    g_autofree char *p = g_build_filename(root, sub, NULL);
    if (g_file_test(p, G_FILE_TEST_IS_DIR)) {
      snapshot_dir(into, root, sub);
      continue;
    }
    gsize len;
    char *data = jd_test_read_file(p, &len);
    g_hash_table_insert(into, g_strdup(sub), g_bytes_new_take(data, len));
  }
  g_dir_close(d);
}

static GHashTable *snapshot(const char *dir)
{
  GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)g_bytes_unref);
  g_autofree char *out = g_build_filename(dir, "out", NULL);
  snapshot_dir(t, out, NULL);
  return t;
}

static void assert_same(GHashTable *a, GHashTable *b, const char *what)
{
  g_assert_cmpuint(g_hash_table_size(a), ==, g_hash_table_size(b));
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init(&it, a);
  while (g_hash_table_iter_next(&it, &k, &v)) {
    GBytes *other = g_hash_table_lookup(b, k);
    if (!other || !g_bytes_equal(v, other)) g_error("%s: %s differs", what, (const char *)k);
  }
}

static void replace_in_file(const char *path, const char *from, const char *to)
{
  gsize len;
  g_autofree char *text = jd_test_read_file(path, &len);
  char *at = strstr(text, from);
  g_assert_nonnull(at);
  *at = '\0';
  g_autofree char *edited = g_strconcat(text, to, at + strlen(from), NULL);
  g_assert_true(g_file_set_contents(path, edited, -1, NULL));
}

static void edit(const char *dir, const char *from, const char *to)
{
  g_autofree char *doc = g_build_filename(dir, "docs", "04-quanguo-2019.txt", NULL);
  replace_in_file(doc, from, to);
}

/* Build, edit one document, build: only it is read; its neighbours' warnings
 * are still said; every output, the cache with them, equals a --force
 * build's of the same tree, and a clean build's in a new directory. */
static void test_build_edit_equals_force(void)
{
  g_autofree char *dir = make_project(NULL);
  char *err = NULL;
  char *out = build(dir, NULL, &err);
  expect_read(out, 11, 0);
  g_assert_nonnull(strstr(err, "99-odd.txt:2: 9000000000000 kg is more than"));
  g_free(out);
  g_free(err);
  edit(dir, "缴获各类毒品65.1吨", "缴获各类毒品66.2吨");
  out = build(dir, NULL, &err);
  expect_read(out, 1, 10);
  g_assert_nonnull(strstr(err, "99-odd.txt:2: 9000000000000 kg is more than"));
  g_free(out);
  g_free(err);
  GHashTable *incremental = snapshot(dir);
  g_autofree char *cache = g_build_filename(dir, "out", JD_BUILD_EXTRACT_CACHE, NULL);
  g_assert_true(g_file_test(cache, G_FILE_TEST_IS_REGULAR));

  out = build(dir, "--force", NULL);
  expect_read(out, 11, 0);
  g_free(out);
  GHashTable *forced = snapshot(dir);
  assert_same(incremental, forced, "edit vs --force");

  g_autofree char *outdir = g_build_filename(dir, "out", NULL);
  jd_test_rm_rf(outdir);
  g_free(build(dir, NULL, NULL));
  GHashTable *clean = snapshot(dir);
  g_hash_table_remove(clean, "history/2023-06-30.csv"); /* the clean build has no history */
  g_hash_table_remove(forced, "history/2023-06-30.csv");
  assert_same(forced, clean, "--force vs clean");
  g_hash_table_unref(incremental);
  g_hash_table_unref(forced);
  g_hash_table_unref(clean);
  jd_test_rm_rf(dir);
}

/* A cache cut short (or overwritten) is said, ignored and written anew; the
 * outputs are those of a --force build. */
static void test_build_damaged_cache(void)
{
  g_autofree char *dir = make_project(NULL);
  g_free(build(dir, NULL, NULL));
  g_autofree char *cache = g_build_filename(dir, "out", JD_BUILD_EXTRACT_CACHE, NULL);
  gsize len;
  g_autofree char *data = jd_test_read_file(cache, &len);
  g_assert_true(g_file_set_contents(cache, data, (gssize)(len * 2 / 3), NULL));
  edit(dir, "缴获各类毒品65.1吨", "缴获各类毒品66.2吨");
  char *err = NULL;
  char *out = build(dir, NULL, &err);
  expect_read(out, 11, 0);
  if (!strstr(err, JD_BUILD_EXTRACT_CACHE ": the extraction cache cannot be trusted"))
    g_error("damage not reported: %s", err);
  g_free(out);
  g_free(err);
  GHashTable *repaired = snapshot(dir);
  out = build(dir, "--force", &err);
  g_assert_null(strstr(err, "cannot be trusted"));
  g_free(out);
  g_free(err);
  GHashTable *forced = snapshot(dir);
  assert_same(repaired, forced, "after a damaged cache vs --force");
  /* and the next edit uses the rewritten cache */
  edit(dir, "缴获各类毒品66.2吨", "缴获各类毒品67.3吨");
  out = build(dir, NULL, NULL);
  expect_read(out, 1, 10);
  g_free(out);
  g_hash_table_unref(repaired);
  g_hash_table_unref(forced);
  jd_test_rm_rf(dir);
}

/* A data root whose data/ links to the source's, but for a copy of the
 * lexicon that the test may change. */
static char *copy_data_root(void)
{
  char *root = jd_test_tmpdir();
  g_autofree char *src = jd_test_source_path("data");
  g_autofree char *data = g_build_filename(root, "data", NULL);
  g_assert_cmpint(g_mkdir(data, 0755), ==, 0);
  GDir *d = g_dir_open(src, 0, NULL);
  const char *n;
  while ((n = g_dir_read_name(d))) {
    g_autofree char *from = g_build_filename(src, n, NULL);
    g_autofree char *to = g_build_filename(data, n, NULL);
    if (strcmp(n, "lexicon") != 0) {
      g_assert_cmpint(symlink(from, to), ==, 0);
      continue;
    }
    g_assert_cmpint(g_mkdir(to, 0755), ==, 0);
    GDir *l = g_dir_open(from, 0, NULL);
    const char *f;
    while ((f = g_dir_read_name(l))) {
      g_autofree char *a = g_build_filename(from, f, NULL);
      g_autofree char *b = g_build_filename(to, f, NULL);
      gsize len;
      g_autofree char *bytes = jd_test_read_file(a, &len);
      g_assert_true(g_file_set_contents(b, bytes, (gssize)len, NULL));
    }
    g_dir_close(l);
  }
  g_dir_close(d);
  return root;
}

/* What extraction depends on beyond a document: a changed lexicon file,
 * program (a module relinked) or encoding reads every document again. */
static void test_build_cache_invalidated(void)
{
  g_autofree char *root = copy_data_root();
  g_autofree char *dir = make_project(NULL);
  g_autofree char *was = g_strdup(g_getenv("JINDU_DATA_DIR"));
  g_setenv("JINDU_DATA_DIR", root, TRUE);
  g_free(build(dir, NULL, NULL));
  edit(dir, "缴获各类毒品65.1吨", "缴获各类毒品66.2吨");
  char *out = build(dir, NULL, NULL);
  expect_read(out, 1, 10);
  g_free(out);
  /* the lexicon: one more line in a file of it */
  g_autofree char *cues = g_build_filename(root, "data", "lexicon", "cues.tsv", NULL);
  gsize len;
  g_autofree char *text = jd_test_read_file(cues, &len);
  g_autofree char *more = g_strconcat(text, "# a note\n", NULL);
  g_assert_true(g_file_set_contents(cues, more, -1, NULL));
  out = build(dir, NULL, NULL);
  expect_read(out, 11, 0);
  g_free(out);
  g_setenv("JINDU_DATA_DIR", was, TRUE);

  /* the program: the readers' module, relinked */
  g_autofree char *mods = g_build_filename(dir, "modules", NULL);
  g_assert_cmpint(g_mkdir(mods, 0755), ==, 0);
  const char *build_dir = g_getenv("JINDU_BUILD_DIR");
  g_assert_nonnull(build_dir);
  const char *names[] = {"commands.so", "readers.so"};
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
    g_autofree char *from = g_build_filename(build_dir, "lib", "jindu", names[i], NULL);
    g_autofree char *to = g_build_filename(mods, names[i], NULL);
    g_autofree char *bytes = jd_test_read_file(from, &len);
    g_assert_true(g_file_set_contents(to, bytes, (gssize)len, NULL));
  }
  g_setenv("JINDU_MODULE_DIR", mods, TRUE);
  g_free(build(dir, NULL, NULL)); /* another program than the last build's */
  edit(dir, "缴获各类毒品66.2吨", "缴获各类毒品67.3吨");
  out = build(dir, NULL, NULL);
  expect_read(out, 1, 10);
  g_free(out);
  g_autofree char *readers = g_build_filename(mods, "readers.so", NULL);
  GStatBuf st;
  g_assert_cmpint(g_stat(readers, &st), ==, 0);
  struct utimbuf t = {st.st_mtime + 100, st.st_mtime + 100};
  g_assert_cmpint(utime(readers, &t), ==, 0);
  out = build(dir, NULL, NULL);
  expect_read(out, 11, 0);
  g_free(out);
  g_unsetenv("JINDU_MODULE_DIR");

  /* the encoding */
  jd_test_rm_rf(dir);
  g_free(dir);
  dir = make_project("encoding=utf-8");
  g_autofree char *gb = g_build_filename(dir, "docs", "08-gansu-2019-gb18030.txt", NULL);
  g_assert_cmpint(g_remove(gb), ==, 0); /* the one document not in UTF-8 */
  g_free(build(dir, NULL, NULL));
  g_autofree char *ini = g_build_filename(dir, "jindu.ini", NULL);
  replace_in_file(ini, "encoding=utf-8", "encoding=auto");
  out = build(dir, NULL, NULL);
  expect_read(out, 10, 0);
  g_free(out);
  jd_test_rm_rf(dir);
  jd_test_rm_rf(root);
}

/* A document that is not a regular file (a device, a pipe) cannot be read
 * twice alike: it is read by every build, never kept in the cache. */
static void test_build_device_not_cached(void)
{
  g_autofree char *dir = make_project(NULL);
  g_autofree char *ini = g_build_filename(dir, "jindu.ini", NULL);
  replace_in_file(ini, "documents=docs", "documents=docs;/dev/null");
  g_free(build(dir, NULL, NULL));
  edit(dir, "缴获各类毒品65.1吨", "缴获各类毒品66.2吨");
  char *out = build(dir, NULL, NULL);
  expect_read(out, 2, 10);
  g_free(out);
  g_autofree char *cache = g_build_filename(dir, "out", JD_BUILD_EXTRACT_CACHE, NULL);
  gsize len;
  g_autofree char *data = jd_test_read_file(cache, &len);
  g_assert_null(g_strstr_len(data, (gssize)len, "/dev/null"));
  jd_test_rm_rf(dir);
}

/* The figures did not change but a chart file was removed: the chart is
 * drawn again and the briefing, intact, is neither composed into a page
 * again nor rewritten; the summary still gives its pages. */
static void test_build_missing_chart_keeps_briefing(void)
{
  g_autofree char *dir = make_project(NULL);
  char *err = NULL;
  char *out = build(dir, "--verbose", &err);
  g_assert_nonnull(strstr(err, "rendering jindu-briefing.pdf"));
  const char *pages = strstr(out, " pages,");
  g_assert_nonnull(pages);
  while (pages > out && pages[-1] != ' ') pages--;
  g_autofree char *want = g_strndup(pages, (gsize)(strstr(pages, ",") - pages));
  g_free(err);
  GHashTable *before = snapshot(dir);
  g_autofree char *chart = g_build_filename(dir, "out", "charts", "01-cases_solved.png", NULL);
  g_assert_cmpint(g_remove(chart), ==, 0);
  g_free(out);
  out = build(dir, "--verbose", &err);
  if (strstr(err, "rendering jindu-briefing.pdf")) g_error("the briefing was rendered again: %s", err);
  if (!strstr(out, "1 chart drawn") || !strstr(out, want)) g_error("summary: %s (want %s)", out, want);
  g_free(out);
  g_free(err);
  GHashTable *after = snapshot(dir);
  assert_same(before, after, "after a removed chart");
  g_hash_table_unref(before);
  g_hash_table_unref(after);
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_fonts_init();
  g_test_add_func("/build/cache/format/round-trip", test_cache_round_trip);
  g_test_add_func("/build/cache/format/damaged", test_cache_damaged);
  g_test_add_func("/build/cache/edit-equals-force", test_build_edit_equals_force);
  g_test_add_func("/build/cache/damaged-cache-ignored", test_build_damaged_cache);
  g_test_add_func("/build/cache/invalidated", test_build_cache_invalidated);
  g_test_add_func("/build/cache/device-not-cached", test_build_device_not_cached);
  g_test_add_func("/build/incremental/missing-chart-keeps-briefing",
                  test_build_missing_chart_keeps_briefing);
  return g_test_run();
}
