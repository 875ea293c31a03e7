/* `jindu review` with line prompts, from a pipe (the terminal screen is
 * test_review_tui.c). Decisions are appended to the overrides file, never
 * rewriting it; the next build uses them and the next review does not ask
 * again. */
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

/* Every kind of decision from a pipe, and what needs a human besides the
 * audit: an OCR reading of low confidence, a figure of unknown scope. */
static void test_pipe_decisions(void)
{
  g_autofree char *dir = project();
  g_autofree char *scan = g_build_filename(dir, "scan.csv", NULL);
  g_assert_true(g_file_set_contents(
      scan,
      "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period,"
      "where\n"
      "jiangcheng-scan.pdf,1,全区破获毒品案件86起,cases_solved,,,江城区,2021,year,86,case,exact,"
      "level,,第1页 识别置信度低(52%)\n"
      "jiangcheng-scan.pdf,2,其中专案抓获犯罪嫌疑人47名,cases_solved,?,,江城区,2021,year,47,case,"
      "exact,level,,第1页 识别置信度88%\n",
      -1, NULL));
  g_autofree char *ini = g_build_filename(dir, "jindu.ini", NULL);
  g_assert_true(g_file_set_contents(ini,
                                    "[input]\ndocuments=docs\nfigures=scan.csv\n"
                                    "overrides=overrides.csv\n[output]\ndir=out\ncharts=\n",
                                    -1, NULL));
  char *out = NULL;
  const char *review[] = {"review", NULL};
  g_assert_cmpint(jd_test_run_cli(review, dir,
                                  "a\nc\nvalue=240\nw\ns\ns\ns\n"
                                  "s\n"                                   /* the scan's 86 */
                                  "c\nscope=专案\n"                       /* no scope column */
                                  "c\nmetric=抓获犯罪嫌人\n"               /* did you mean */
                                  "c\nmetric=抓获犯罪嫌疑人 value=74\n",
                                  &out, NULL),
                  ==, 0);
  g_assert_nonnull(strstr(out, "jindu review: 8 items need a human"));
  /* each quote in its sentence, read again from the document */
  g_assert_nonnull(strstr(out, "  原文：其中新发现吸毒人员238人\n"
                               "  句子：去年各地收治海丰籍强制隔离戒毒人员626人,其中新发现吸毒人员238人,"
                               "在收治人数中占40%。\n"));
  g_assert_nonnull(strstr(out, "[7/8] 识别置信度低 — jiangcheng-scan.pdf:1 第1页 识别置信度低(52%)"));
  g_assert_nonnull(strstr(out, "[8/8] 范围不明 — jiangcheng-scan.pdf:2"));
  g_assert_nonnull(strstr(out, "的首行没有 scope 列"));
  g_assert_nonnull(strstr(out, "did you mean 抓获犯罪嫌疑人"));
  g_assert_nonnull(strstr(out, "jindu review: 4 decisions appended to "));
  g_free(out);
  g_autofree char *ov = g_build_filename(dir, "overrides.csv", NULL);
  g_autofree char *after = jd_test_read_file(ov, NULL);
  g_autofree char *want = g_strconcat(
      curated,
      "haifeng-2020-tongbao.txt,3,compulsory_isolation,,海丰县,2019,626,person,exact,level,,"
      "review: accepted\n",
      "haifeng-2020-tongbao.txt,3,new_users,,海丰县,2019,240,person,exact,level,,"
      "review: corrected\n",
      "haifeng-2020-tongbao.txt,3,new_users,,海丰县,2019,,percent,exact,share,,review: withdrawn\n",
      "jiangcheng-scan.pdf,2,cases_solved,,江城区,2021,,case,exact,level,,"
      "review: corrected (old row)\n",
      "jiangcheng-scan.pdf,2,suspects_arrested,,江城区,2021,74,person,exact,level,,"
      "review: corrected\n",
      NULL);
  g_assert_cmpstr(after, ==, want);
  /* the next review asks nothing more of these */
  g_assert_cmpint(jd_test_run_cli(review, dir, "q\n", &out, NULL), ==, 0);
  g_assert_nonnull(strstr(out, "jindu review: 4 items need a human"));
  g_free(out);
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_test_add("/review/pipe", test_from_pipe);
  jd_test_add("/review/pipe-decisions", test_pipe_decisions);
  return jd_test_run();
}
