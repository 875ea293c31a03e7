/* Comparing builds: each build keeps a dated snapshot of its figures;
 * `jindu diff` lists the figures new, changed and withdrawn and the audit
 * findings new and resolved; the next briefing says it in a 本期变化 line. */
#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>

#include "jindu/jindu.h"
#include "testutil.h"

static void put(const char *dir, const char *rel, const char *text)
{
  g_autofree char *p = g_build_filename(dir, rel, NULL);
  g_assert_true(g_file_set_contents(p, text, -1, NULL));
}

static void copy_doc(const char *dir, const char *name)
{
  g_autofree char *src = jd_test_doc_path(name);
  g_autofree char *text = jd_test_read_file(src, NULL);
  g_autofree char *rel = g_build_filename("docs", name, NULL);
  put(dir, rel, text);
}

static int run(const char *dir, const char *const *argv, char **out, char **err)
{
  return jd_test_run_cli(argv, dir, NULL, out, err);
}

static void set_date(const char *dir, const char *date)
{
  g_autofree char *ini = g_strdup_printf(
      "[input]\ndocuments=docs\n[output]\ndir=out\ncharts=\n[report]\ndate=%s\n", date);
  put(dir, "jindu.ini", ini);
}

static char *pdf_text(const char *path)
{
  g_autofree char *uri = g_filename_to_uri(path, NULL, NULL);
  GError *e = NULL;
  PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, &e);
  g_assert_no_error(e);
  PopplerPage *pg = poppler_document_get_page(doc, 0);
  char *t = poppler_page_get_text(pg);
  g_object_unref(pg);
  g_object_unref(doc);
  return t;
}

static void test_diff_builds(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *docs = g_build_filename(dir, "docs", NULL);
  g_assert_cmpint(g_mkdir(docs, 0755), ==, 0);
  copy_doc(dir, "qinghai-2019-zongjie.txt");
  copy_doc(dir, "haifeng-2020-tongbao.txt");
  set_date(dir, "2020-07-31");
  const char *build[] = {"build", NULL};
  g_assert_cmpint(run(dir, build, NULL, NULL), ==, 0);
  char *err = NULL;
  const char *diff[] = {"diff", NULL};
  g_assert_cmpint(run(dir, diff, NULL, &err), ==, JD_EXIT_INPUT); /* one build: nothing to compare */
  g_assert_nonnull(strstr(err, "1 build in the history"));
  g_free(err);

  /* a week later: a corrected share, a new document, one withdrawn */
  g_autofree char *hf = g_build_filename(docs, "haifeng-2020-tongbao.txt", NULL);
  g_autofree char *text = jd_test_read_file(hf, NULL);
  GString *s = g_string_new(text);
  g_assert_cmpint(g_string_replace(s, "在收治人数中占40%", "在收治人数中占38%", 1), ==, 1);
  g_assert_true(g_file_set_contents(hf, s->str, (gssize)s->len, NULL));
  g_string_free(s, TRUE);
  put(dir, "docs/extra.txt", "2020年上半年，全省破获毒品案件120起。\n");
  g_autofree char *qh = g_build_filename(docs, "qinghai-2019-zongjie.txt", NULL);
  g_autofree char *qt = jd_test_read_file(qh, NULL);
  s = g_string_new(qt);
  g_assert_cmpint(g_string_replace(s, "全省现有吸毒人员中，25岁以下的23人，在全省总人口中占0.064%。",
                                   "全省继续加强吸毒人员管控。", 1), ==, 1);
  g_assert_true(g_file_set_contents(qh, s->str, (gssize)s->len, NULL));
  g_string_free(s, TRUE);
  set_date(dir, "2020-08-07");
  g_assert_cmpint(run(dir, build, NULL, NULL), ==, 0);
  g_autofree char *h1 = g_build_filename(dir, "out", "history", "2020-07-31.csv", NULL);
  g_autofree char *h2 = g_build_filename(dir, "out", "history", "2020-08-07.csv", NULL);
  g_assert_true(g_file_test(h1, G_FILE_TEST_IS_REGULAR));
  g_assert_true(g_file_test(h2, G_FILE_TEST_IS_REGULAR));

  char *out = NULL;
  g_assert_cmpint(run(dir, diff, &out, NULL), ==, 0);
  g_assert_true(g_str_has_prefix(out, "2020-07-31.csv → 2020-08-07.csv: 与上期相比，新增数据1项，"
                                      "数值变化1项，撤回2项；审计发现新增0项，变化0项，消除1项。\n"));
  g_assert_nonnull(strstr(out, "+ 新增 破获毒品案件 全省 2020-H1: 120 case (extra.txt:1)\n"));
  g_assert_nonnull(strstr(out, "~ 变化 新发现吸毒人员 海丰县 2019 [share]: 40 percent → 38 percent"));
  g_assert_nonnull(strstr(out, "- 撤回 25岁以下吸毒人员 青海省 2019: 23 person (qinghai-2019-zongjie.txt:5)\n"));
  g_assert_nonnull(strstr(out, "- 审计 [错误] 占比与数值不符 海丰县 2019 (haifeng-2020-tongbao.txt:3)\n"));
  g_free(out);
  /* dates of the history or tables by path, either way round */
  const char *named[] = {"diff", "--summary", "2020-08-07", h1, NULL};
  g_assert_cmpint(run(dir, named, &out, NULL), ==, 0);
  g_assert_nonnull(strstr(out, "新增数据2项，数值变化1项，撤回1项；审计发现新增1项"));
  g_assert_null(strstr(out, "+ 新增"));
  g_free(out);
  /* the briefing says what changed */
  g_autofree char *pdf = g_build_filename(dir, "out", "jindu-briefing.pdf", NULL);
  g_autofree char *page = pdf_text(pdf);
  g_assert_nonnull(strstr(page, "本期变化：与上期相比，新增数据1项"));
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_test_add("/diff/builds", test_diff_builds);
  return jd_test_run();
}
