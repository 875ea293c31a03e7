/* Discovering names: `jindu metrics` and `jindu regions`, the Chinese names
 * and aliases every metric, drug and region option accepts, "did you mean"
 * for an unknown one, --lexicon DIR for the names too, and the report's
 * count of audit errors apart from warnings. */
#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>

#include "jindu/catalog.h"
#include "jindu/jindu.h"
#include "testutil.h"

static void test_edit_distance(void)
{
  g_assert_cmpuint(jd_edit_distance("", ""), ==, 0);
  g_assert_cmpuint(jd_edit_distance("cases_solve", "cases_solved"), ==, 1);
  g_assert_cmpuint(jd_edit_distance("甘粛", "甘肃"), ==, 1); /* characters, not bytes */
  g_assert_cmpuint(jd_edit_distance("破获案件", "破获毒品案件"), ==, 2);
  g_assert_cmpuint(jd_edit_distance("abc", ""), ==, 3);
}

static void test_resolve(void)
{
  GError *err = NULL;
  jd_lexicon *lx = jd_lexicon_load(NULL, &err);
  g_assert_no_error(err);
  const struct {
    jd_catalog_kind kind;
    const char *typed, *id;
  } ok[] = {
      {JD_CATALOG_METRIC, "cases_solved", "cases_solved"},
      {JD_CATALOG_METRIC, "破获毒品案件", "cases_solved"},
      {JD_CATALOG_METRIC, "破案数", "cases_solved"},          /* names.tsv metric-alias */
      {JD_CATALOG_METRIC, "团伙案件", "gang_cases_solved"},   /* a phrase of metrics.tsv */
      {JD_CATALOG_METRIC, "cases_solved_female", "cases_solved_female"}, /* a part */
      {JD_CATALOG_DRUG, "海洛因", "heroin"},
      {JD_CATALOG_DRUG, "白粉", "heroin"},
      {JD_CATALOG_REGION, "甘肃", "甘肃省"},
      {JD_CATALOG_REGION, "中国", "全国"},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(ok); i++) {
    g_autofree char *id = jd_catalog_resolve(lx, ok[i].kind, ok[i].typed, NULL, &err);
    g_assert_no_error(err);
    g_assert_cmpstr(id, ==, ok[i].id);
  }
  g_autofree char *list =
      jd_catalog_resolve_list(lx, JD_CATALOG_METRIC, "破案数; 抓获人数", NULL, &err);
  g_assert_cmpstr(list, ==, "cases_solved;suspects_arrested");
  /* a value of the figures table passes as it is */
  const char *present[] = {"X市", NULL};
  g_autofree char *x = jd_catalog_resolve(lx, JD_CATALOG_REGION, "X市", present, &err);
  g_assert_cmpstr(x, ==, "X市");
  g_assert_null(jd_catalog_resolve(lx, JD_CATALOG_METRIC, "cases_solve", NULL, &err));
  g_assert_error(err, JD_CATALOG_ERROR, JD_CATALOG_ERROR_UNKNOWN);
  g_assert_nonnull(strstr(err->message, "did you mean 破获毒品案件 (cases_solved)"));
  g_clear_error(&err);
  g_assert_null(jd_catalog_resolve(lx, JD_CATALOG_REGION, "甘粛省", NULL, &err));
  g_assert_nonnull(strstr(err->message, "did you mean 甘肃省"));
  g_clear_error(&err);
  jd_lexicon_free(lx);
}

static void test_metrics_command(void)
{
  char *out = NULL;
  const char *all[] = {"metrics", NULL};
  g_assert_cmpint(jd_test_run_cli(all, NULL, NULL, &out, NULL), ==, 0);
  g_assert_true(g_str_has_prefix(out, "id"));
  g_assert_nonnull(strstr(out, "cases_solved "));
  g_assert_nonnull(strstr(out, "破获毒品案件"));
  g_free(out);
  const char *search[] = {"metrics", "--search", "戒毒", "--format", "tsv", NULL};
  g_assert_cmpint(jd_test_run_cli(search, NULL, NULL, &out, NULL), ==, 0);
  g_assert_nonnull(strstr(out, "compulsory_isolation\t强制隔离戒毒\t"));
  g_assert_nonnull(strstr(out, "rehab_consolidation_rate\t戒毒康复巩固率\t%\trate\t"));
  g_assert_null(strstr(out, "cases_solved"));
  g_free(out);
  const char *drugs[] = {"metrics", "--drugs", "--search", "白粉", NULL};
  g_assert_cmpint(jd_test_run_cli(drugs, NULL, NULL, &out, NULL), ==, 0);
  g_assert_nonnull(strstr(out, "heroin"));
  g_free(out);
  const char *regions[] = {"regions", "--search", "甘肃", NULL};
  g_assert_cmpint(jd_test_run_cli(regions, NULL, NULL, &out, NULL), ==, 0);
  g_assert_nonnull(strstr(out, "甘肃省"));
  g_assert_nonnull(strstr(out, "临夏州")); /* its prefectures, by their province */
  g_free(out);
  const char *level[] = {"regions", "--level", "province", "--format", "tsv", NULL};
  g_assert_cmpint(jd_test_run_cli(level, NULL, NULL, &out, NULL), ==, 0);
  g_assert_nonnull(strstr(out, "甘肃省\tprovince\t"));
  g_assert_null(strstr(out, "临夏州"));
  g_free(out);
  char *err = NULL;
  const char *none[] = {"metrics", "--search", "没有这个", NULL};
  g_assert_cmpint(jd_test_run_cli(none, NULL, NULL, NULL, &err), ==, JD_EXIT_INPUT);
  g_free(err);
}

/* The sample's figures, extracted once into dir/fig.csv. */
static char *sample_figures(const char *dir)
{
  g_autofree char *corpus = jd_test_source_path("data/corpus");
  char *csv = g_build_filename(dir, "fig.csv", NULL);
  const char *argv[] = {"extract", "-o", csv, corpus, NULL};
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, NULL, NULL), ==, 0);
  return csv;
}

static void test_options_take_names(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *csv = sample_figures(dir);
  g_autofree char *png = g_build_filename(dir, "c.png", NULL);
  const char *zh[] = {"chart", csv, "-m", "破获毒品案件", "--region", "中国", "-o", png, NULL};
  g_assert_cmpint(jd_test_run_cli(zh, NULL, NULL, NULL, NULL), ==, 0);
  g_assert_true(g_file_test(png, G_FILE_TEST_IS_REGULAR));
  char *err = NULL;
  const char *typo[] = {"chart", csv, "-m", "cases_solve", "-o", png, NULL};
  g_assert_cmpint(jd_test_run_cli(typo, NULL, NULL, NULL, &err), ==, JD_EXIT_USAGE);
  g_assert_nonnull(strstr(err, "--metric: unknown metric 'cases_solve' — did you mean 破获毒品案件 (cases_solved)"));
  g_free(err);
  const char *region[] = {"chart", csv, "-m", "cases_solved", "--region", "甘粛省", "-o", png, NULL};
  g_assert_cmpint(jd_test_run_cli(region, NULL, NULL, NULL, &err), ==, JD_EXIT_USAGE);
  g_assert_nonnull(strstr(err, "did you mean 甘肃省"));
  g_free(err);
  g_autofree char *pdf = g_build_filename(dir, "r.pdf", NULL);
  const char *report[] = {"report", csv, "--kpis", "破案数;抓获人数", "--region", "中国",
                          "--date", "2023-06-30", "-o", pdf, NULL};
  g_assert_cmpint(jd_test_run_cli(report, NULL, NULL, NULL, &err), ==, 0);
  /* the sample states one share that cannot be true and one that only truncation gives */
  g_assert_nonnull(strstr(err, "1 audit error, 1 warning"));
  g_free(err);
  const char *bad_kpi[] = {"report", csv, "--kpis", "破按", "-o", pdf, NULL};
  g_assert_cmpint(jd_test_run_cli(bad_kpi, NULL, NULL, NULL, &err), ==, JD_EXIT_USAGE);
  g_assert_nonnull(strstr(err, "--kpis: unknown metric '破按' — did you mean"));
  g_free(err);
  jd_test_rm_rf(dir);
}

static void copy_dir(const char *from, const char *to)
{
  g_assert_cmpint(g_mkdir_with_parents(to, 0755), ==, 0);
  GDir *d = g_dir_open(from, 0, NULL);
  g_assert_nonnull(d);
  const char *n;
  while ((n = g_dir_read_name(d))) {
    g_autofree char *a = g_build_filename(from, n, NULL);
    g_autofree char *b = g_build_filename(to, n, NULL);
    gsize len;
    g_autofree char *data = jd_test_read_file(a, &len);
    g_assert_true(g_file_set_contents(b, data, (gssize)len, NULL));
  }
  g_dir_close(d);
}

/* A renamed metric and a new one in a lexicon of one's own: the names come
 * from there, in `metrics` and in the briefing, with no recompiling. */
static void test_lexicon_dir_names(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *lex = g_build_filename(dir, "lexicon", NULL);
  g_autofree char *shipped = jd_test_source_path("data/lexicon");
  copy_dir(shipped, lex);
  g_autofree char *names = g_build_filename(lex, "names.tsv", NULL);
  gsize len;
  g_autofree char *text = jd_test_read_file(names, &len);
  GString *s = g_string_new(text);
  g_assert_cmpint(g_string_replace(s, "metric\tcases_solved\t破获毒品案件\t",
                                   "metric\tcases_solved\t侦破涉毒案件\t", 1), ==, 1);
  g_string_append(s, "metric\tdoor_checks\t上门走访\t-\nmetric-alias\tdoor_checks\t走访\n");
  g_assert_true(g_file_set_contents(names, s->str, (gssize)s->len, NULL));
  g_string_free(s, TRUE);
  char *out = NULL;
  const char *metrics[] = {"metrics", "--lexicon", lex, "--search", "走访", NULL};
  g_assert_cmpint(jd_test_run_cli(metrics, NULL, NULL, &out, NULL), ==, 0);
  g_assert_nonnull(strstr(out, "door_checks"));
  g_assert_nonnull(strstr(out, "上门走访"));
  g_free(out);
  g_autofree char *csv = sample_figures(dir);
  g_autofree char *pdf = g_build_filename(dir, "r.pdf", NULL);
  const char *report[] = {"report", "--lexicon", lex, csv, "--date", "2023-06-30", "-o", pdf, NULL};
  g_assert_cmpint(jd_test_run_cli(report, NULL, NULL, NULL, NULL), ==, 0);
  g_autofree char *uri = g_filename_to_uri(pdf, NULL, NULL);
  GError *err = NULL;
  PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, &err);
  g_assert_no_error(err);
  GString *all = g_string_new(NULL);
  for (int i = 0; i < poppler_document_get_n_pages(doc); i++) {
    PopplerPage *p = poppler_document_get_page(doc, i);
    char *t = poppler_page_get_text(p);
    g_string_append(all, t);
    g_free(t);
    g_object_unref(p);
  }
  g_object_unref(doc);
  /* the section's title and the KPI card (quotes keep the documents' words) */
  g_assert_nonnull(strstr(all->str, "一、全国侦破涉毒案件"));
  g_string_free(all, TRUE);
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_test_add("/catalog/edit-distance", test_edit_distance);
  jd_test_add("/catalog/resolve", test_resolve);
  jd_test_add("/catalog/metrics-and-regions", test_metrics_command);
  jd_test_add("/catalog/options-take-names", test_options_take_names);
  jd_test_add("/catalog/lexicon-dir-names", test_lexicon_dir_names);
  return jd_test_run();
}
