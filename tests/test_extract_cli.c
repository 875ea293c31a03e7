/* `jindu extract` end to end: CSV and JSON Lines, stdin as a filter,
 * directories, -o replaced atomically (and left alone when an input fails),
 * --bom, --explain, GB18030 input, and the exit codes of bad command lines
 * and bad input. */
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "jindu/jindu.h"
#include "testutil.h"

/* Any document: the invented ones, so the tests run in a plain clone. */
static char *seed(const char *name)
{
  (void)name;
  return jd_test_doc_path("zhejiang-2021-tongbao.txt");
}

static guint count_lines(const char *s)
{
  guint n = 0;
  for (; *s; s++)
    if (*s == '\n') n++;
  return n;
}

static void test_csv_seeds(void)
{
  char *p = jd_test_seed_path("002_58a269f792bb5910.txt");
  char *out = NULL, *err = NULL;
  const char *argv[] = {"extract", p, NULL};
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, &out, &err), ==, 0);
  g_assert_true(g_str_has_prefix(
      out, "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period,where\r\n"));
  g_assert_nonnull(strstr(out, ",drugs_seized,,heroin,甘肃省,2019,year,250,kg,more_than,level,"));
  g_assert_nonnull(strstr(out, ",rehab_consolidation_rate,,,甘肃省,2019,year,45,percent,more_than,rate,"));
  g_assert_cmpuint(count_lines(out), >=, 30);
  g_free(out);
  g_free(err);
  g_free(p);
}

static void test_stdin_jsonl_seeds(void)
{
  char *p = jd_test_seed_path("004_bf3a45d2709a0b28.txt");
  char *doc = jd_test_read_file(p, NULL);
  char *out = NULL;
  const char *argv[] = {"extract", "--format", "jsonl", "-", NULL};
  g_assert_cmpint(jd_test_run_cli(argv, NULL, doc, &out, NULL), ==, 0);
  char **lines = g_strsplit(out, "\n", -1);
  guint n = 0;
  for (guint i = 0; lines[i]; i++) {
    if (!*lines[i]) continue;
    n++;
    g_assert_true(g_str_has_prefix(lines[i], "{\"doc\":\"stdin\","));
  }
  g_assert_cmpuint(n, >=, 15);
  g_assert_nonnull(strstr(out, "\"metric\":\"registered_traffickers\""));
  g_assert_nonnull(strstr(out, "\"region\":\"同心县\""));
  g_strfreev(lines);
  g_free(out);
  g_free(doc);
  g_free(p);
}

/* The same on invented documents: CSV from a file, JSON Lines from stdin. */
static void test_csv_docs(void)
{
  char *p = jd_test_doc_path("liangshan-2023-jianghua.txt");
  char *out = NULL, *err = NULL;
  const char *argv[] = {"extract", p, NULL};
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, &out, &err), ==, 0);
  g_assert_true(g_str_has_prefix(
      out, "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period,where\r\n"));
  g_assert_nonnull(strstr(out, ",users_registered,,,全州,2022,year,20000,person,more_than,level,"));
  g_assert_nonnull(strstr(out, ",abstinent_3y,,,全州,2022,year,8700,person,more_than,level,"));
  g_assert_cmpuint(count_lines(out), >=, 5);
  g_free(out);
  g_free(err);
  g_free(p);
}

static void test_stdin_jsonl_docs(void)
{
  char *p = jd_test_doc_path("zhejiang-2021-tongbao.txt");
  char *doc = jd_test_read_file(p, NULL);
  char *out = NULL;
  const char *argv[] = {"extract", "--format", "jsonl", "-", NULL};
  g_assert_cmpint(jd_test_run_cli(argv, NULL, doc, &out, NULL), ==, 0);
  char **lines = g_strsplit(out, "\n", -1);
  guint n = 0;
  for (guint i = 0; lines[i]; i++) {
    if (!*lines[i]) continue;
    n++;
    g_assert_true(g_str_has_prefix(lines[i], "{\"doc\":\"stdin\","));
  }
  g_assert_cmpuint(n, >=, 5);
  g_assert_nonnull(strstr(out, "\"metric\":\"users_registered\""));
  g_assert_nonnull(strstr(out, "\"region\":\"浙江省\""));
  g_strfreev(lines);
  g_free(out);
  g_free(doc);
  g_free(p);
}

static void test_directory_and_output(void)
{
  char *dir = jd_test_tmpdir();
  char *docs = g_build_filename(dir, "docs", NULL);
  g_assert_cmpint(g_mkdir(docs, 0755), ==, 0);
  char *a = g_build_filename(docs, "a.txt", NULL);
  char *b = g_build_filename(docs, "b.txt", NULL);
  g_assert_true(g_file_set_contents(a, "2020年，全省破获毒品案件100起。\n", -1, NULL));
  /* b.txt in GB18030 */
  const char *b_utf8 = "2021年，全省抓获犯罪嫌疑人200名。\n";
  gsize glen = 0;
  char *b_gb = g_convert(b_utf8, -1, "GB18030", "UTF-8", NULL, &glen, NULL);
  g_assert_true(g_file_set_contents(b, b_gb, (gssize)glen, NULL));
  char *csv = g_build_filename(dir, "figures.csv", NULL);
  g_assert_true(g_file_set_contents(csv, "old\n", -1, NULL));
  const char *argv[] = {"extract", "--bom", "-o", csv, docs, NULL};
  char *out = NULL;
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, &out, NULL), ==, 0);
  g_assert_cmpstr(out, ==, "");
  char *got = jd_test_read_file(csv, NULL);
  g_assert_true(g_str_has_prefix(got, "\xEF\xBB\xBF" "doc,line"));
  g_assert_nonnull(strstr(got, "a.txt,1,"));
  g_assert_nonnull(strstr(got, ",cases_solved,,,全省,2020,year,100,case,exact,level,"));
  g_assert_nonnull(strstr(got, "b.txt,1,"));
  g_assert_nonnull(strstr(got, ",suspects_arrested,,,全省,2021,year,200,person,exact,level,"));
  g_free(got);
  g_free(out);

  /* an input that fails leaves the old output alone: invalid UTF-8 forced */
  char *bad = g_build_filename(dir, "bad.txt", NULL);
  g_assert_true(g_file_set_contents(bad, "\xff\xfe\xfa 2020\n", -1, NULL));
  g_assert_true(g_file_set_contents(csv, "old\n", -1, NULL));
  const char *argv2[] = {"extract", "--encoding", "utf-8", "-o", csv, a, bad, NULL};
  char *err = NULL;
  g_assert_cmpint(jd_test_run_cli(argv2, NULL, NULL, NULL, &err), ==, JD_EXIT_INPUT);
  g_assert_nonnull(strstr(err, "bad.txt"));
  got = jd_test_read_file(csv, NULL);
  g_assert_cmpstr(got, ==, "old\n");
  /* and no temporary file is left behind */
  GDir *d = g_dir_open(dir, 0, NULL);
  const char *name;
  while ((name = g_dir_read_name(d))) g_assert_false(g_str_has_prefix(name, ".figures.csv"));
  g_dir_close(d);
  g_free(got);
  g_free(err);
  g_free(bad);
  g_free(b_gb);
  g_free(a);
  g_free(b);
  g_free(csv);
  g_free(docs);
  jd_test_rm_rf(dir);
  g_free(dir);
}

static void test_explain(void)
{
  const char *argv[] = {"extract", "--explain", "-", NULL};
  char *out = NULL;
  g_assert_cmpint(jd_test_run_cli(argv, NULL, "发布时间：2020/1/23\n去年全省新发现吸毒人员1750多人。\n",
                                  &out, NULL),
                  ==, 0);
  g_assert_nonnull(strstr(out, "stdin:2: 1750 person more_than [level]"));
  g_assert_nonnull(strstr(out, "metric new_users from phrase"));
  g_assert_nonnull(strstr(out, "去年"));
  g_assert_nonnull(strstr(out, "clause: "));
  g_free(out);
}

static void test_usage_errors(void)
{
  char *p = seed("000_8a1333af956257d6.txt");
  const char *bad_format[] = {"extract", "--format", "xml", p, NULL};
  const char *bom_jsonl[] = {"extract", "--format", "jsonl", "--bom", p, NULL};
  const char *no_input[] = {"extract", NULL};
  const char *bad_enc[] = {"extract", "--encoding", "latin9", p, NULL};
  const char *bad_opt[] = {"extract", "--no-such-option", p, NULL};
  const char *const *cases[] = {bad_format, bom_jsonl, no_input, bad_enc, bad_opt};
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *err = NULL;
    g_assert_cmpint(jd_test_run_cli(cases[i], NULL, NULL, NULL, &err), ==, JD_EXIT_USAGE);
    g_assert_true(g_str_has_prefix(err, "jindu: "));
    g_free(err);
  }
  g_free(p);
}

static void test_bad_input(void)
{
  char *err = NULL;
  const char *missing[] = {"extract", "/nonexistent/doc.txt", NULL};
  g_assert_cmpint(jd_test_run_cli(missing, NULL, NULL, NULL, &err), ==, JD_EXIT_INPUT);
  g_assert_nonnull(strstr(err, "/nonexistent/doc.txt"));
  g_free(err);
  char *dir = jd_test_tmpdir();
  char *out = g_build_filename(dir, "no", "such", "dir.csv", NULL);
  char *p = seed("000_8a1333af956257d6.txt");
  const char *unwritable[] = {"extract", "-o", out, p, NULL};
  g_assert_cmpint(jd_test_run_cli(unwritable, NULL, NULL, NULL, &err), ==, JD_EXIT_OUTPUT);
  g_assert_nonnull(strstr(err, "cannot write"));
  g_free(err);
  const char *to_dir[] = {"extract", "-o", dir, p, NULL};
  g_assert_cmpint(jd_test_run_cli(to_dir, NULL, NULL, NULL, &err), ==, JD_EXIT_OUTPUT);
  g_free(err);
  if (g_file_test("/dev/full", G_FILE_TEST_EXISTS) &&
      !g_file_test("/dev/full", G_FILE_TEST_IS_REGULAR)) {
    const char *full[] = {"extract", "-o", "/dev/full", p, NULL};
    g_assert_cmpint(jd_test_run_cli(full, NULL, NULL, NULL, &err), ==, JD_EXIT_OUTPUT);
    g_assert_nonnull(strstr(err, "/dev/full"));
    g_free(err);
  }
  g_free(p);
  g_free(out);
  jd_test_rm_rf(dir);
  g_free(dir);
}

static void test_lexicon_dir(void)
{
  char *dir = jd_test_tmpdir();
  char *p = seed("000_8a1333af956257d6.txt");
  const char *argv[] = {"extract", "--lexicon", dir, p, NULL};
  char *err = NULL;
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, NULL, &err), ==, JD_EXIT_INPUT);
  /* the first table it lacks: the display names, read for every command */
  g_assert_nonnull(strstr(err, "names.tsv"));
  g_assert_nonnull(strstr(err, dir));
  g_free(err);
  g_free(p);
  jd_test_rm_rf(dir);
  g_free(dir);
}

int main(int argc, char **argv)
{
  setlocale(LC_ALL, "C.UTF-8");
  g_test_init(&argc, &argv, NULL);
  jd_test_add_seeds("/extract/cli/csv-seeds", test_csv_seeds);
  jd_test_add_seeds("/extract/cli/stdin-jsonl-seeds", test_stdin_jsonl_seeds);
  jd_test_add("/extract/cli/csv", test_csv_docs);
  jd_test_add("/extract/cli/stdin-jsonl", test_stdin_jsonl_docs);
  jd_test_add("/extract/cli/directory-bom-atomic-output", test_directory_and_output);
  jd_test_add("/extract/cli/explain", test_explain);
  jd_test_add("/extract/cli/usage-errors", test_usage_errors);
  jd_test_add("/extract/cli/bad-input", test_bad_input);
  jd_test_add("/extract/cli/lexicon-dir", test_lexicon_dir);
  return jd_test_run();
}
