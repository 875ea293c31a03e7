/* `jindu build` on 10,000 documents (issue 20): a generated corpus of
 * invented one-paragraph bulletins, built, rebuilt with nothing to do, then
 * rebuilt after one document's figure changed — only that document is read
 * again and only the chart of that metric is drawn again — and the briefing
 * stays valid and bounded. */
#include <glib/gstdio.h>
#include <string.h>

#include "jindu/jindu.h"
#include "testutil.h"

#define N_DOCS 10000

static const char *const regions[] = {"全国", "云南省", "广东省", "四川省", "贵州省"};

/* Document d: one year's cases and arrests of one region, invented. */
static void write_corpus(const char *docs)
{
  g_assert_cmpint(g_mkdir(docs, 0755), ==, 0);
  for (int d = 0; d < N_DOCS; d++) {
    int year = 2013 + d % 10, v = 1000 + d % 97;
    g_autofree char *text = g_strdup_printf(
        "%d年禁毒工作情况通报\n\n%d年，%s共破获毒品犯罪案件%d起，抓获犯罪嫌疑人%d名。\n", year, year,
        regions[(d / 10) % G_N_ELEMENTS(regions)], v, v + 200);
    g_autofree char *name = g_strdup_printf("%05d.txt", d);
    g_autofree char *path = g_build_filename(docs, name, NULL);
    g_assert_true(g_file_set_contents(path, text, -1, NULL));
  }
}

static char *build(const char *dir)
{
  const char *argv[] = {"build", "-c", "jindu.ini", NULL};
  char *out = NULL, *err = NULL;
  int st = jd_test_run_cli(argv, dir, NULL, &out, &err);
  if (st != 0) g_error("build exited %d: %s", st, err);
  g_free(err);
  return out;
}

static void test_build_ten_thousand(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *docs = g_build_filename(dir, "docs", NULL);
  write_corpus(docs);
  g_autofree char *ini = g_build_filename(dir, "jindu.ini", NULL);
  g_assert_true(g_file_set_contents(
      ini, "[input]\ndocuments=docs\n[output]\ndir=out\n[report]\ndate=2023-06-30\nregion=全国\n", -1,
      NULL));
  char *out = build(dir);
  g_autofree char *want = g_strdup_printf("%d documents, %d figures", N_DOCS, 2 * N_DOCS);
  int drawn = 0, kept = -1;
  const char *at = strstr(out, "charts drawn");
  /* "…; N charts drawn, M kept undrawn": every chart drawn the first time */
  while (at && at > out && at[-1] == ' ') at--;
  while (at && at > out && g_ascii_isdigit(at[-1])) at--;
  if (!strstr(out, want) || !at || sscanf(at, "%d charts drawn, %d kept undrawn", &drawn, &kept) != 2 ||
      drawn < 2 || kept != 0)
    g_error("first build: %s", out);
  g_free(out);
  g_autofree char *pdf = g_build_filename(dir, "out", "jindu-briefing.pdf", NULL);
  jd_test_qpdf_check_file(pdf);
  GStatBuf st;
  g_assert_cmpint(g_stat(pdf, &st), ==, 0);
  g_assert_cmpint(st.st_size, <, 4 << 20); /* bounded by the points, not the documents */

  out = build(dir);
  g_assert_true(g_str_has_prefix(out, "jindu: nothing to do: 100")); /* 10,0xx inputs */
  g_free(out);

  /* one new figure in one document: 2023's national cases */
  g_autofree char *doc = g_build_filename(docs, "00009.txt", NULL);
  g_assert_true(g_file_set_contents(
      doc, "2023年禁毒工作情况通报\n\n2023年，全国共破获毒品犯罪案件1500起。\n", -1, NULL));
  out = build(dir);
  /* only the charts of cases (the trend, and the regions' ranking whose parent
   * line is the national figure) are drawn again; the arrests' are kept */
  int drawn2 = 0, kept2 = 0;
  const char *at2 = strstr(out, "drawn, ");
  while (at2 && at2 > out && at2[-1] != ';') at2--;
  if (!at2 || (sscanf(at2, " %d chart drawn, %d kept undrawn", &drawn2, &kept2) != 2 &&
               sscanf(at2, " %d charts drawn, %d kept undrawn", &drawn2, &kept2) != 2) ||
      drawn2 < 1 || kept2 < 1 || drawn2 + kept2 != drawn)
    g_error("edited build: %s", out);
  /* and only the edited document is read: the others come from the cache */
  g_autofree char *cached = g_strdup_printf("1 document read, %d from the extraction cache",
                                            N_DOCS - 1);
  if (!strstr(out, cached)) g_error("edited build read more than the edited document: %s", out);
  g_free(out);
  jd_test_qpdf_check_file(pdf);
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_fonts_init();
  g_test_add_func("/build/scale/ten-thousand-documents", test_build_ten_thousand);
  return g_test_run();
}
