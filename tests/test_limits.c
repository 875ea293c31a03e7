/* The tested limits at test size (bench/limits/run.sh measures the full
 * ones: 1,000,000 rows, 200 MB, 10,000 documents): a figures table of 50,000
 * rows through analyze, one 20 MB document and a folder of 300 documents
 * through extract and report. Each finishes (exit 0, the figures all there)
 * and its peak memory, the child's own (wait4's rusage), stays bounded:
 * extraction streams (20 MB costs no more than 2 MB), analysis grows by at
 * most a few kilobytes a row. No timings. */
#define _DEFAULT_SOURCE 1
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

static char *tmp;

/* Runs jindu with argv, stdout to out_path (or /dev/null); returns the exit
 * status and the child's peak resident memory in KB in *rss_kb. Under the
 * sanitizers freed memory is not held in quarantine, so the peak is the
 * program's own. */
static int run_measured(const char *const *argv, const char *out_path, long *rss_kb)
{
  const char *bin = g_getenv("JINDU_BINARY");
  g_assert_nonnull(bin);
  pid_t pid = fork();
  g_assert_cmpint(pid, >=, 0);
  if (pid == 0) {
    FILE *o = freopen(out_path ? out_path : "/dev/null", "w", stdout);
    FILE *e = freopen("/dev/null", "w", stderr);
    if (!o || !e) _exit(126);
    setenv("ASAN_OPTIONS", "detect_leaks=0:quarantine_size_mb=0", 1);
    GPtrArray *args = g_ptr_array_new();
    g_ptr_array_add(args, (char *)bin);
    for (size_t i = 0; argv[i]; i++) g_ptr_array_add(args, (char *)argv[i]);
    g_ptr_array_add(args, NULL);
    execv(bin, (char **)args->pdata);
    _exit(127);
  }
  int status = 0;
  struct rusage ru;
  g_assert_cmpint(wait4(pid, &status, 0, &ru), ==, pid);
  *rss_kb = ru.ru_maxrss;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static guint count_lines(const char *path)
{
  g_autofree char *s = jd_test_read_file(path, NULL);
  guint n = 0;
  for (const char *p = s; (p = strchr(p, '\n')); p++) n++;
  return n;
}

static char *figures_table(guint rows)
{
  static const char *metrics[][2] = {{"cases_solved", "case"}, {"suspects_arrested", "person"},
                                     {"drugs_seized", "kg"}, {"users_registered", "person"}};
  GString *s = g_string_new("doc,line,metric,region,period,value,unit,kind\n");
  for (guint i = 0; i < rows; i++)
    g_string_append_printf(s, "d%05u.txt,%u,%s,地区%u,%u,%u,%s,level\n", i / 1000, i % 1000 + 1,
                           metrics[i % 4][0], (i / 4) % 250, 1990 + (i / 1000) % 34,
                           10 + (i * 7919u) % 20000, metrics[i % 4][1]);
  g_autofree char *name = g_strdup_printf("rows-%u.csv", rows);
  char *p = g_build_filename(tmp, name, NULL);
  g_assert_true(g_file_set_contents(p, s->str, (gssize)s->len, NULL));
  g_string_free(s, TRUE);
  return p;
}

static void test_analyze_rows(void)
{
  g_autofree char *small = figures_table(5000), *big = figures_table(50000);
  g_autofree char *out = g_build_filename(tmp, "analysis.csv", NULL);
  long rss_small = 0, rss_big = 0;
  const char *a1[] = {"analyze", "--format", "csv", small, NULL};
  g_assert_cmpint(run_measured(a1, NULL, &rss_small), ==, 0);
  const char *a2[] = {"analyze", "--format", "csv", big, NULL};
  g_assert_cmpint(run_measured(a2, out, &rss_big), ==, 0);
  g_assert_cmpuint(count_lines(out), >, 1000); /* the series are there */
  g_test_message("analyze: 5,000 rows %ld KB, 50,000 rows %ld KB", rss_small, rss_big);
  g_assert_cmpint(rss_big - rss_small, <, 45000 * 4); /* under 4 KB a row */
}

/* The sample documents (UTF-8 ones) one after the other up to mb MB. */
static char *big_document(guint mb, guint *copies)
{
  g_autofree char *dir = jd_test_source_path("data/corpus");
  GDir *d = g_dir_open(dir, 0, NULL);
  g_assert_nonnull(d);
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  const char *n;
  while ((n = g_dir_read_name(d)))
    if (!strstr(n, "gb18030")) g_ptr_array_add(names, g_build_filename(dir, n, NULL));
  g_dir_close(d);
  g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
  GString *one = g_string_new(NULL);
  for (guint i = 0; i < names->len; i++) {
    g_autofree char *t = jd_test_read_file(names->pdata[i], NULL);
    g_string_append(one, t);
    g_string_append_c(one, '\n');
  }
  g_ptr_array_unref(names);
  g_autofree char *name = g_strdup_printf("big-%u.txt", mb);
  char *p = g_build_filename(tmp, name, NULL);
  FILE *f = fopen(p, "w");
  g_assert_nonnull(f);
  *copies = 0;
  for (gsize size = 0; size < (gsize)mb << 20; size += one->len, (*copies)++)
    g_assert_cmpuint(fwrite(one->str, 1, one->len, f), ==, one->len);
  g_assert_cmpint(fclose(f), ==, 0);
  g_string_free(one, TRUE);
  return p;
}

static void test_extract_big_document(void)
{
  guint c2, c20;
  g_autofree char *two = big_document(2, &c2), *twenty = big_document(20, &c20);
  g_autofree char *o2 = g_build_filename(tmp, "f2.csv", NULL);
  g_autofree char *o20 = g_build_filename(tmp, "f20.csv", NULL);
  long rss2 = 0, rss20 = 0;
  const char *a2[] = {"extract", two, NULL};
  g_assert_cmpint(run_measured(a2, o2, &rss2), ==, 0);
  const char *a20[] = {"extract", twenty, NULL};
  g_assert_cmpint(run_measured(a20, o20, &rss20), ==, 0);
  guint f2 = count_lines(o2) - 1, f20 = count_lines(o20) - 1;
  g_test_message("extract: 2 MB %ld KB (%u figures), 20 MB %ld KB (%u figures)", rss2, f2, rss20,
                 f20);
  /* every copy of the sample gives its figures: no figure lost at size */
  g_assert_cmpuint(f2 % c2, ==, 0);
  g_assert_cmpuint(f20, ==, f2 / c2 * c20);
  g_assert_cmpint(rss20 - rss2, <, 16 * 1024); /* streamed: ten times the text, same memory */
}

static void test_folder_of_documents(void)
{
  g_autofree char *dir = g_build_filename(tmp, "docs", NULL);
  g_assert_cmpint(g_mkdir_with_parents(dir, 0755), ==, 0);
  for (guint k = 0; k < 300; k++) {
    g_autofree char *name = g_strdup_printf("%03u.txt", k);
    g_autofree char *p = g_build_filename(dir, name, NULL);
    g_autofree char *text = g_strdup_printf("%u年全市破获毒品案件%u起，抓获犯罪嫌疑人%u名。\n",
                                            1990 + k % 34, 10 + k, 20 + k);
    g_assert_true(g_file_set_contents(p, text, -1, NULL));
  }
  g_autofree char *out = g_build_filename(tmp, "folder.csv", NULL);
  long rss_x = 0, rss_r = 0;
  const char *x[] = {"extract", dir, NULL};
  g_assert_cmpint(run_measured(x, out, &rss_x), ==, 0);
  g_assert_cmpuint(count_lines(out), ==, 601); /* header + two figures each */
  g_autofree char *pdf = g_build_filename(tmp, "folder.pdf", NULL);
  const char *r[] = {"report", dir, "--date", "2023-06-30", "-o", pdf, NULL};
  g_assert_cmpint(run_measured(r, NULL, &rss_r), ==, 0);
  g_assert_true(g_file_test(pdf, G_FILE_TEST_IS_REGULAR));
  g_test_message("folder of 300: extract %ld KB, report %ld KB", rss_x, rss_r);
  g_assert_cmpint(rss_x, <, 256 * 1024);
  g_assert_cmpint(rss_r, <, 1024 * 1024);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  tmp = jd_test_tmpdir();
  jd_test_add("/limits/analyze-50000-rows", test_analyze_rows);
  jd_test_add("/limits/extract-20-mb", test_extract_big_document);
  jd_test_add("/limits/folder-300-documents", test_folder_of_documents);
  int rc = jd_test_run();
  jd_test_rm_rf(tmp);
  g_free(tmp);
  return rc;
}
