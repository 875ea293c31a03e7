/* Tests of the display names read from data/lexicon/names.tsv (names.h) and
 * of the qualifier words (numeral.h): every metric the extractor can write
 * has a name, and names read as they always have. */
#include <string.h>

#include "jindu/lexicon.h"
#include "jindu/names.h"
#include "jindu/numeral.h"
#include "testutil.h"

static void test_every_metric_named(void)
{
  GError *err = NULL;
  g_assert_true(jd_names_load(&err));
  g_assert_no_error(err);
  g_autofree char *dir = jd_test_source_path("data/lexicon");
  jd_lexicon *lx = jd_lexicon_load(dir, &err);
  g_assert_no_error(err);
  size_t n = jd_lexicon_get_count(lx, JD_LEX_METRIC);
  g_assert_cmpuint(n, >, 0);
  for (size_t i = 0; i < n; i++) {
    const jd_lex_entry *e = jd_lexicon_get(lx, JD_LEX_METRIC, i);
    if (!strcmp(e->id, "other")) continue; /* words that name no metric */
    if (!jd_metric_title(e->id)) g_test_message("metrics.tsv:%u: %s has no name", e->line, e->id);
    g_assert_nonnull(jd_metric_title(e->id));
  }
  jd_lexicon_free(lx);
}

static void check_name(char *got, const char *want)
{
  g_assert_cmpstr(got, ==, want);
  g_free(got);
}

static void test_names_read(void)
{
  g_assert_cmpstr(jd_metric_title("cases_solved"), ==, "破获毒品案件");
  g_assert_null(jd_metric_title("no_such_metric"));
  g_assert_cmpint(jd_metric_rank("cases_solved"), ==, 0);
  g_assert_cmpint(jd_metric_rank("no_such_metric"), ==, jd_metric_rank("other_unknown"));
  g_assert_cmpstr(jd_metric_person_unit("suspects_arrested"), ==, "名");
  g_assert_null(jd_metric_person_unit("cases_solved"));
  g_assert_cmpstr(jd_drug_name("heroin"), ==, "海洛因");
  g_assert_cmpstr(jd_drug_name("no_such_drug"), ==, "no_such_drug");
  check_name(jd_metric_name("cases_solved_female"), "破获毒品案件（女性）");
  check_name(jd_metric_name("users_25_35"), "25至35岁吸毒人员");
  check_name(jd_metric_name("users_under_25"), "25岁以下吸毒人员");
  check_name(jd_metric_name(""), "指标");
  check_name(jd_metric_name("no_such_metric"), "no_such_metric");
  check_name(jd_part_name("over_60"), "60岁以上");
  check_name(jd_part_name("zz"), "其中部分");
}

static void test_units_and_qualifiers(void)
{
  g_assert_cmpstr(jd_unit_name("pill"), ==, "粒");
  g_assert_cmpstr(jd_unit_name("tablet"), ==, "片");
  g_assert_cmpstr(jd_unit_name("no_such_unit"), ==, "");
  g_assert_cmpstr(jd_unit_name(NULL), ==, "");
  g_assert_cmpstr(jd_unit_axis_label("kg"), ==, "重量（公斤）");
  g_assert_null(jd_unit_axis_label("household"));
  const char *before, *after;
  jd_qualifier_words(JD_QUAL_MORE_THAN, JD_QUAL_WORDS_FIGURE, &before, &after);
  g_assert_cmpstr(before, ==, "");
  g_assert_cmpstr(after, ==, "余");
  jd_qualifier_words(JD_QUAL_MORE_THAN, JD_QUAL_WORDS_PERCENT, &before, &after);
  g_assert_cmpstr(before, ==, "超过");
  jd_qualifier_words(JD_QUAL_MORE_THAN, JD_QUAL_WORDS_AUDIT, &before, &after);
  g_assert_cmpstr(after, ==, "多");
  jd_qualifier_words(JD_QUAL_ABOUT, JD_QUAL_WORDS_AUDIT, &before, &after);
  g_assert_cmpstr(before, ==, "约");
  jd_qualifier_words(JD_QUAL_EXACT, JD_QUAL_WORDS_FIGURE, &before, &after);
  g_assert_cmpstr(before, ==, "");
  g_assert_cmpstr(after, ==, "");
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/names/metrics-tsv/every-metric-named", test_every_metric_named);
  g_test_add_func("/names/read-as-before", test_names_read);
  g_test_add_func("/names/units-and-qualifiers", test_units_and_qualifiers);
  return g_test_run();
}
