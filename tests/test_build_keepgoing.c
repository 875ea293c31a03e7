/* A scheduled build that keeps going: a document that cannot be read is
 * skipped with its error on stderr, listed in the briefing's sources
 * appendix as not read, and the build exits 7; a no-op rebuild gives the
 * same status (and so does --strict's 5); inputs without any figure are an
 * error (3), for `build` and for `analyze`/`audit` of an empty table. */
#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>

#include "jindu/jindu.h"
#include "testutil.h"

/* A project of invented documents (tests/docs) in docs/, writing out/. */
static char *make_project(void)
{
  char *dir = jd_test_tmpdir();
  g_autofree char *docs = g_build_filename(dir, "docs", NULL);
  g_assert_cmpint(g_mkdir(docs, 0755), ==, 0);
  const char *names[] = {"haifeng-2020-tongbao.txt", "qinghai-2019-zongjie.txt"};
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
    g_autofree char *src = jd_test_doc_path(names[i]);
    g_autofree char *dst = g_build_filename(docs, names[i], NULL);
    gsize len;
    g_autofree char *data = jd_test_read_file(src, &len);
    g_assert_true(g_file_set_contents(dst, data, (gssize)len, NULL));
  }
  g_autofree char *ini = g_build_filename(dir, "jindu.ini", NULL);
  g_assert_true(g_file_set_contents(
      ini, "[input]\ndocuments=docs\n[output]\ndir=out\n[report]\ndate=2020-07-31\n", -1, NULL));
  return dir;
}

static void put(const char *dir, const char *rel, const char *data, gssize len)
{
  g_autofree char *p = g_build_filename(dir, rel, NULL);
  g_assert_true(g_file_set_contents(p, data, len, NULL));
}

static int build(const char *dir, gboolean strict, char **out, char **err)
{
  g_autofree char *ini = g_build_filename(dir, "jindu.ini", NULL);
  const char *argv[] = {"build", "-c", ini, strict ? "--strict" : NULL, NULL};
  return jd_test_run_cli(argv, dir, NULL, out, err);
}

static char *pdf_text(const char *dir)
{
  g_autofree char *p = g_build_filename(dir, "out", "jindu-briefing.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri(p, NULL, NULL);
  GError *e = NULL;
  PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, &e);
  g_assert_no_error(e);
  GString *s = g_string_new(NULL);
  for (int i = 0; i < poppler_document_get_n_pages(doc); i++) {
    PopplerPage *pg = poppler_document_get_page(doc, i);
    char *t = poppler_page_get_text(pg);
    for (const char *c = t; *c; c++)
      if (*c != '\n' && *c != ' ') g_string_append_c(s, *c);
    g_free(t);
    g_object_unref(pg);
  }
  g_object_unref(doc);
  return g_string_free(s, FALSE);
}

static void test_skips_bad_documents(void)
{
  g_autofree char *dir = make_project();
  put(dir, "docs/program.txt", "ab\0cd\n", 6);                  /* binary */
  put(dir, "docs/mixed.txt", "2020年\n\x80\x80\xFF\xFE\n", -1); /* neither UTF-8 nor GB18030 */
  char *out = NULL, *err = NULL;
  g_assert_cmpint(build(dir, FALSE, &out, &err), ==, JD_EXIT_SKIPPED);
  g_assert_nonnull(strstr(out, "jindu: built"));
  g_assert_nonnull(strstr(err, "skipped: "));
  g_assert_nonnull(strstr(err, "program.txt:1: binary data"));
  g_assert_nonnull(strstr(err, "mixed.txt:2:"));
  g_assert_nonnull(strstr(err, "2 documents could not be read"));
  g_free(out);
  g_free(err);
  /* the briefing was made from the others and says what it lacks */
  g_autofree char *text = pdf_text(dir);
  g_assert_nonnull(strstr(text, "以下2个文件未能读取"));
  g_assert_nonnull(strstr(text, "mixed.txt、program.txt"));
  g_assert_nonnull(strstr(text, "海丰县"));
  /* a no-op rebuild: the same status and the same messages */
  g_assert_cmpint(build(dir, TRUE, &out, &err), ==, JD_EXIT_SKIPPED);
  g_assert_true(g_str_has_prefix(out, "jindu: nothing to do"));
  g_assert_nonnull(strstr(err, "program.txt:1: binary data"));
  g_free(out);
  g_free(err);
  /* fixed: the audit's status (the county's 40% share is wrong), kept too */
  g_autofree char *bad = g_build_filename(dir, "docs", "program.txt", NULL);
  g_autofree char *mixed = g_build_filename(dir, "docs", "mixed.txt", NULL);
  g_assert_cmpint(g_unlink(bad), ==, 0);
  g_assert_cmpint(g_unlink(mixed), ==, 0);
  g_assert_cmpint(build(dir, TRUE, &out, &err), ==, JD_EXIT_AUDIT);
  g_assert_cmpstr(err, ==, "");
  g_free(out);
  g_free(err);
  g_assert_cmpint(build(dir, TRUE, &out, NULL), ==, JD_EXIT_AUDIT);
  g_assert_true(g_str_has_prefix(out, "jindu: nothing to do"));
  g_free(out);
  g_assert_cmpint(build(dir, FALSE, NULL, NULL), ==, JD_EXIT_OK);
  g_autofree char *again = pdf_text(dir);
  g_assert_null(strstr(again, "未能读取"));
  jd_test_rm_rf(dir);
}

/* Inputs with no figure at all: an error, not an empty briefing. */
static void test_empty_inputs(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *docs = g_build_filename(dir, "docs", NULL);
  g_assert_cmpint(g_mkdir(docs, 0755), ==, 0);
  put(dir, "docs/words.txt", "会议要求各单位提高认识，落实责任。\n", -1);
  put(dir, "jindu.ini", "[input]\ndocuments=docs\n[output]\ndir=out\n", -1);
  char *err = NULL;
  g_assert_cmpint(build(dir, FALSE, NULL, &err), ==, JD_EXIT_INPUT);
  g_assert_nonnull(strstr(err, "no figures in the inputs"));
  g_free(err);
  /* every document skipped: also nothing to build */
  put(dir, "docs/words.txt", "ab\0cd", 5);
  g_assert_cmpint(build(dir, FALSE, NULL, &err), ==, JD_EXIT_INPUT);
  g_assert_nonnull(strstr(err, "1 skipped"));
  g_free(err);
  jd_test_rm_rf(dir);
}

/* `analyze` and `audit` of a table with a header and no rows, or of a
 * document that states no figure. */
static void test_empty_table(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *csv = g_build_filename(dir, "figures.csv", NULL);
  g_assert_true(g_file_set_contents(
      csv, "doc,line,metric,region,period,value,unit,qualifier,kind,base_period\n", -1, NULL));
  g_autofree char *doc = g_build_filename(dir, "words.txt", NULL);
  g_assert_true(g_file_set_contents(doc, "会议要求各单位落实责任。\n", -1, NULL));
  const char *cmds[] = {"analyze", "audit"};
  const char *inputs[] = {csv, doc};
  for (size_t c = 0; c < G_N_ELEMENTS(cmds); c++)
    for (size_t i = 0; i < G_N_ELEMENTS(inputs); i++) {
      const char *argv[] = {cmds[c], inputs[i], NULL};
      char *err = NULL;
      g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, NULL, &err), ==, JD_EXIT_INPUT);
      g_assert_nonnull(strstr(err, "no figures to analyse"));
      g_free(err);
    }
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_test_add("/build/keep-going/skips-bad-documents", test_skips_bad_documents);
  jd_test_add("/build/keep-going/empty-inputs", test_empty_inputs);
  jd_test_add("/build/keep-going/empty-table", test_empty_table);
  return jd_test_run();
}
