/* `jindu report` and jindu.ini for the briefing's style and dates: no date
 * given is warned about and leaves no 1970 creation date; --date fills the
 * masthead and the metadata; an unknown style is refused; the substitute
 * faces are named; --charts drawn on several threads equal one. */
#include <poppler.h>
#include <string.h>

#include "jindu/build.h"
#include "jindu/jindu.h"
#include "testutil.h"

static char *sample(const char *relative) { return jd_test_source_path(relative); }

static void test_no_date_warns(void)
{
  g_unsetenv("SOURCE_DATE_EPOCH");
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *pdf = g_build_filename(dir, "b.pdf", NULL);
  g_autofree char *corpus = sample("data/corpus");
  const char *argv[] = {"report", corpus, "-o", pdf, NULL};
  char *err = NULL;
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, NULL, &err), ==, 0);
  g_assert_nonnull(strstr(err, "no date given"));
  g_assert_nonnull(strstr(err, "jindu: fonts: "));
  g_free(err);
  g_autofree char *uri = g_filename_to_uri(pdf, NULL, NULL);
  PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, NULL);
  g_assert_nonnull(doc);
  g_assert_cmpint((int)poppler_document_get_creation_date(doc), ==, -1); /* none, not 1970 */
  g_object_unref(doc);
  jd_test_rm_rf(dir); /* qpdf --check on the way */
}

static void test_date_fills_metadata(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *pdf = g_build_filename(dir, "b.pdf", NULL);
  g_autofree char *corpus = sample("data/corpus");
  const char *argv[] = {"report", corpus, "--date", "2023-06-30", "--style", "modern", "-o", pdf,
                        NULL};
  char *err = NULL;
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, NULL, &err), ==, 0);
  g_assert_null(strstr(err, "no date given"));
  g_assert_null(strstr(err, "jindu: fonts: ")); /* modern wants only Noto */
  g_free(err);
  g_autofree char *uri = g_filename_to_uri(pdf, NULL, NULL);
  PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, NULL);
  GDateTime *created = poppler_document_get_creation_date_time(doc);
  g_assert_nonnull(created);
  g_assert_cmpint(g_date_time_get_year(created), ==, 2023);
  g_date_time_unref(created);
  g_object_unref(doc);
  jd_test_rm_rf(dir);
}

static void test_unknown_style(void)
{
  g_autofree char *corpus = sample("data/corpus");
  const char *argv[] = {"report", corpus, "--date", "2023-06-30", "--style", "fancy", "-o",
                        "/nonexistent/x.pdf", NULL};
  char *err = NULL;
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, NULL, &err), !=, 0);
  g_assert_nonnull(strstr(err, "style 'fancy' is not known"));
  g_free(err);
  /* jindu.ini: the line is named */
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *ini = g_build_filename(dir, "jindu.ini", NULL);
  g_autofree char *text = g_strdup_printf("[input]\ndocuments=%s\n[report]\nstyle=fancy\n", corpus);
  g_assert_true(g_file_set_contents(ini, text, -1, NULL));
  GError *e = NULL;
  g_assert_null(jd_build_config_load(ini, &e));
  g_assert_nonnull(e);
  g_assert_nonnull(strstr(e->message, "jindu.ini:4"));
  g_clear_error(&e);
  g_free(text);
  text = g_strdup_printf("[input]\ndocuments=%s\n[report]\ncopies=-3\n", corpus);
  g_assert_true(g_file_set_contents(ini, text, -1, NULL));
  g_assert_null(jd_build_config_load(ini, &e));
  g_assert_nonnull(strstr(e->message, "copies"));
  g_clear_error(&e);
  g_free(text);
  text = g_strdup_printf("[input]\ndocuments=%s\n[report]\nstyle=modern\n"
                         "report_to=甲\nsend_to=乙\ndistribute_to=丙\ncopies=12\n",
                         corpus);
  g_assert_true(g_file_set_contents(ini, text, -1, NULL));
  jd_build_config *c = jd_build_config_load(ini, &e);
  g_assert_no_error(e);
  g_assert_cmpstr(c->report.style, ==, "modern");
  g_assert_cmpstr(c->report.report_to, ==, "甲");
  g_assert_cmpstr(c->report.send_to, ==, "乙");
  g_assert_cmpstr(c->report.distribute_to, ==, "丙");
  g_assert_cmpint(c->report.copies, ==, 12);
  jd_build_config_free(c);
  jd_test_rm_rf(dir);
}

static int cmp_path(gconstpointer a, gconstpointer b)
{
  return g_strcmp0(*(const char *const *)a, *(const char *const *)b);
}

/* --charts on one thread and on three: the same PNG files, one per
 * section; a --jobs that is no number of threads is a usage error. */
static void test_charts_jobs(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *corpus = sample("data/corpus");
  GPtrArray *files[2];
  const char *jobs[] = {"1", "3"};
  for (int k = 0; k < 2; k++) {
    g_autofree char *pdf = g_build_filename(dir, k ? "b3.pdf" : "b1.pdf", NULL);
    g_autofree char *charts = g_build_filename(dir, k ? "c3" : "c1", NULL);
    const char *argv[] = {"report", corpus, "--date", "2023-06-30", "--charts", charts,
                          "--jobs", jobs[k], "-o", pdf, NULL};
    g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, NULL, NULL), ==, 0);
    files[k] = g_ptr_array_new_with_free_func(g_free);
    GDir *d = g_dir_open(charts, 0, NULL);
    g_assert_nonnull(d);
    const char *n;
    while ((n = g_dir_read_name(d))) g_ptr_array_add(files[k], g_build_filename(charts, n, NULL));
    g_dir_close(d);
    g_ptr_array_sort(files[k], cmp_path);
  }
  g_assert_cmpuint(files[0]->len, >=, 5);
  g_assert_cmpuint(files[0]->len, ==, files[1]->len);
  for (guint i = 0; i < files[0]->len; i++) {
    gsize l0, l1;
    g_autofree char *a = jd_test_read_file(files[0]->pdata[i], &l0);
    g_autofree char *b = jd_test_read_file(files[1]->pdata[i], &l1);
    g_assert_true(g_str_has_suffix(files[0]->pdata[i], ".png"));
    g_autofree char *n0 = g_path_get_basename(files[0]->pdata[i]);
    g_autofree char *n1 = g_path_get_basename(files[1]->pdata[i]);
    g_assert_cmpstr(n0, ==, n1);
    if (l0 != l1 || memcmp(a, b, l0) != 0) g_error("%s differs on 3 threads", n0);
  }
  g_ptr_array_unref(files[0]);
  g_ptr_array_unref(files[1]);
  g_autofree char *pdf = g_build_filename(dir, "b.pdf", NULL);
  const char *bad[] = {"report", corpus, "--jobs", "-1", "-o", pdf, NULL};
  char *err = NULL;
  g_assert_cmpint(jd_test_run_cli(bad, NULL, NULL, NULL, &err), ==, 2);
  g_assert_nonnull(strstr(err, "--jobs"));
  g_free(err);
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/report/options/no-date-warns", test_no_date_warns);
  g_test_add_func("/report/options/date-fills-metadata", test_date_fills_metadata);
  g_test_add_func("/report/options/unknown-style", test_unknown_style);
  g_test_add_func("/report/options/charts-jobs", test_charts_jobs);
  return g_test_run();
}
