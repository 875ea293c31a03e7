/* Sharded runs (docs/sharding.md): the same generated corpus extracted in 1,
 * 2, 7 and 16 shards and put together by `jindu merge` gives the single run's
 * figures table byte for byte, whatever the order of the shards; `analyze`
 * over the shard files gives the single run's analysis; and a briefing from
 * the merged table is the single run's briefing. */
#include <glib/gstdio.h>
#include <string.h>

#include "testutil.h"

#define N_DOCS 5000

static const char *const regions[] = {"昆明市", "大理州", "红河州", "德宏州", "临沧市",
                                      "普洱市", "文山州", "曲靖市", "玉溪市", "保山市"};

/* An invented report: a few figures, some in traditional characters, some
 * with Chinese numerals, so every path of the loader is taken. */
static char *invented_document(int i)
{
  const char *region = regions[i % G_N_ELEMENTS(regions)];
  int year = 2015 + i % 9;
  switch (i % 4) {
    case 0:
      return g_strdup_printf("%d年，%s共破获毒品刑事案件%d起，抓获犯罪嫌疑人%d名，缴获各类毒品%d.%d千克。\n",
                             year, region, 100 + i % 900, 150 + i % 700, 10 + i % 90, i % 10);
    case 1:
      return g_strdup_printf("%d年%s禁毒工作綜述\n全年破獲毒品案件%d起，同比上升%d.%d%%；查處吸毒人員%d人次。\n",
                             year, region, 50 + i % 400, i % 30, i % 10, 200 + i % 800);
    case 2:
      return g_strdup_printf("%s%d年上半年禁毒工作情况：破获毒品案件三百二十起，抓获犯罪嫌疑人%d余名。\n"
                             "社区戒毒社区康复执行率达%d%%。\n",
                             region, year, 300 + i % 200, 80 + i % 20);
    default:
      return g_strdup_printf("据统计，%d年%s共缴获海洛因%d克、冰毒%d.%d千克，戒断三年未复吸人员%d名。\n",
                             year, region, 300 + i % 5000, 1 + i % 40, i % 10, 1000 + i);
  }
}

static char **write_corpus(const char *dir)
{
  char **names = g_new0(char *, N_DOCS + 1);
  for (int i = 0; i < N_DOCS; i++) {
    names[i] = g_strdup_printf("%s/doc-%05d.txt", dir, i);
    g_autofree char *text = invented_document(i);
    g_assert_true(g_file_set_contents(names[i], text, -1, NULL));
  }
  return names;
}

static void run_ok(const char *const *argv, const char *cwd)
{
  g_autofree char *err = NULL;
  int rc = jd_test_run_cli(argv, cwd, NULL, NULL, &err);
  if (rc != 0) g_error("jindu %s exited %d: %s", argv[0], rc, err);
}

/* Extracts shard k of n (documents k, k+n, k+2n … as a file list, as
 * `split -n r/N` deals them) into shard-K.csv. */
static char *extract_shard(const char *tmp, char **docs, int k, int n)
{
  GPtrArray *argv = g_ptr_array_new();
  char *out = g_strdup_printf("%s/shard-%d-of-%d.csv", tmp, k, n);
  g_ptr_array_add(argv, "extract");
  g_ptr_array_add(argv, "-o");
  g_ptr_array_add(argv, out);
  for (int i = k; i < N_DOCS; i += n) g_ptr_array_add(argv, docs[i]);
  g_ptr_array_add(argv, NULL);
  run_ok((const char *const *)argv->pdata, tmp);
  g_ptr_array_unref(argv);
  return out;
}

static void assert_same_file(const char *a, const char *b)
{
  gsize la, lb;
  g_autofree char *da = jd_test_read_file(a, &la), *db = jd_test_read_file(b, &lb);
  if (la != lb || memcmp(da, db, la) != 0) g_error("%s and %s differ (%zu vs %zu bytes)", a, b, la, lb);
}

static void test_shards(void)
{
  g_autofree char *tmp = jd_test_tmpdir();
  g_autofree char *corpus = g_build_filename(tmp, "corpus", NULL);
  g_assert_cmpint(g_mkdir(corpus, 0755), ==, 0);
  g_auto(GStrv) docs = write_corpus(corpus);
  g_autofree char *single = g_build_filename(tmp, "single.csv", NULL);
  run_ok((const char *const[]){"extract", "-o", single, corpus, NULL}, tmp);
  gsize len;
  g_autofree char *table = jd_test_read_file(single, &len);
  g_assert_cmpuint(len, >, 100000); /* thousands of figures, not an empty run */
  g_autofree char *single_json = g_build_filename(tmp, "single.json", NULL);
  run_ok((const char *const[]){"analyze", "--format", "json", "-o", single_json, single, NULL}, tmp);

  static const int splits[] = {1, 2, 7, 16};
  for (size_t s = 0; s < G_N_ELEMENTS(splits); s++) {
    int n = splits[s];
    GPtrArray *merge = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *analyze = g_ptr_array_new_with_free_func(g_free);
    char *merged = g_strdup_printf("%s/merged-%d.csv", tmp, n);
    char *json = g_strdup_printf("%s/shards-%d.json", tmp, n);
    g_ptr_array_add(merge, g_strdup("merge"));
    g_ptr_array_add(merge, g_strdup("-o"));
    g_ptr_array_add(merge, g_strdup(merged));
    g_ptr_array_add(analyze, g_strdup("analyze"));
    g_ptr_array_add(analyze, g_strdup("--format=json"));
    g_ptr_array_add(analyze, g_strdup_printf("--output=%s", json));
    /* shards in reverse order: the order of the files must not matter */
    for (int k = n - 1; k >= 0; k--) {
      char *shard = extract_shard(tmp, docs, k, n);
      g_ptr_array_add(merge, g_strdup(shard));
      g_ptr_array_add(analyze, shard);
    }
    g_ptr_array_add(merge, NULL);
    g_ptr_array_add(analyze, NULL);
    run_ok((const char *const *)merge->pdata, tmp);
    run_ok((const char *const *)analyze->pdata, tmp);
    assert_same_file(single, merged);
    assert_same_file(single_json, json);
    g_ptr_array_unref(merge);
    g_ptr_array_unref(analyze);
    g_free(merged);
    g_free(json);
  }
  jd_test_rm_rf(tmp);
}

/* A document in two shards would be counted twice: an input error naming
 * both shards. */
static void test_overlap(void)
{
  g_autofree char *tmp = jd_test_tmpdir();
  g_autofree char *doc = g_build_filename(tmp, "a.txt", NULL);
  g_autofree char *text = invented_document(0);
  g_assert_true(g_file_set_contents(doc, text, -1, NULL));
  g_autofree char *s1 = g_build_filename(tmp, "s1.jsonl", NULL);
  g_autofree char *s2 = g_build_filename(tmp, "s2.jsonl", NULL);
  run_ok((const char *const[]){"extract", "--format", "jsonl", "-o", s1, doc, NULL}, tmp);
  run_ok((const char *const[]){"extract", "--format", "jsonl", "-o", s2, doc, NULL}, tmp);
  g_autofree char *err = NULL, *out = NULL;
  int rc = jd_test_run_cli((const char *const[]){"merge", s1, s2, NULL}, tmp, NULL, &out, &err);
  g_assert_cmpint(rc, ==, 3);
  g_assert_nonnull(strstr(err, "a.txt"));
  g_assert_nonnull(strstr(err, "s1.jsonl"));
  g_assert_nonnull(strstr(err, "overlap"));
  g_clear_pointer(&out, g_free);
  rc = jd_test_run_cli((const char *const[]){"merge", "--format", "jsonl", NULL}, tmp, NULL, &out, NULL);
  g_assert_cmpint(rc, ==, 2);
  jd_test_rm_rf(tmp);
}

/* The briefing from the merged shards is the single run's briefing. */
static void test_briefing(void)
{
  g_autofree char *tmp = jd_test_tmpdir();
  g_autofree char *corpus = g_build_filename(tmp, "corpus", NULL);
  g_assert_cmpint(g_mkdir(corpus, 0755), ==, 0);
  for (int i = 0; i < 120; i++) {
    g_autofree char *path = g_strdup_printf("%s/doc-%03d.txt", corpus, i);
    g_autofree char *text = invented_document(i * 7);
    g_assert_true(g_file_set_contents(path, text, -1, NULL));
  }
  g_autofree char *single = g_build_filename(tmp, "single.csv", NULL);
  g_autofree char *a = g_build_filename(tmp, "a.jsonl", NULL);
  g_autofree char *b = g_build_filename(tmp, "b.jsonl", NULL);
  g_autofree char *merged = g_build_filename(tmp, "merged.csv", NULL);
  run_ok((const char *const[]){"extract", "-o", single, corpus, NULL}, tmp);
  g_autofree char *d0 = g_strdup_printf("%s/doc-000.txt", corpus);
  g_autofree char *d1 = g_strdup_printf("%s/doc-001.txt", corpus);
  GPtrArray *rest = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(rest, g_strdup("extract"));
  g_ptr_array_add(rest, g_strdup("--format=jsonl"));
  g_ptr_array_add(rest, g_strdup_printf("--output=%s", b));
  for (int i = 2; i < 120; i++) g_ptr_array_add(rest, g_strdup_printf("%s/doc-%03d.txt", corpus, i));
  g_ptr_array_add(rest, NULL);
  run_ok((const char *const[]){"extract", "--format", "jsonl", "-o", a, d1, d0, NULL}, tmp);
  run_ok((const char *const *)rest->pdata, tmp);
  g_ptr_array_unref(rest);
  run_ok((const char *const[]){"merge", "-o", merged, b, a, NULL}, tmp);
  assert_same_file(single, merged);
  g_autofree char *p1 = g_build_filename(tmp, "single.pdf", NULL);
  g_autofree char *p2 = g_build_filename(tmp, "merged.pdf", NULL);
  g_setenv("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  run_ok((const char *const[]){"report", single, "--date", "2023-12-31", "-o", p1, NULL}, tmp);
  run_ok((const char *const[]){"report", merged, "--date", "2023-12-31", "-o", p2, NULL}, tmp);
  assert_same_file(p1, p2);
  jd_test_rm_rf(tmp);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/shard/merge-and-analyze", test_shards);
  g_test_add_func("/shard/overlap", test_overlap);
  g_test_add_func("/shard/briefing", test_briefing);
  return g_test_run();
}
