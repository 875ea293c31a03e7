/* Scores extraction against the gold table of the seed documents
 * (tests/gold/seeds.tsv) and of our own invented documents in tests/docs
 * (tests/gold/docs.tsv: other provinces and years, Taiwan and Hong Kong
 * wording in traditional characters, Chinese numerals, parts after 其中):
 * recall and precision on (value, unit, qualifier), then metric, period,
 * region, kind, drug and base period of the matched figures. Prints the
 * scores and every miss. Also checks that each seed gives the same figures when
 * re-encoded as GB18030 and when converted to traditional characters. */
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <opencc/opencc.h>
#include <string.h>

#include "jindu/extract.h"
#include "jindu/jindu.h"
#include "testutil.h"

typedef struct {
  char *doc, *metric, *drug, *region, *period, *unit, *qualifier, *kind;
  char *base; /* NULL when the gold table has no base_period column */
  char *scope, *span; /* NULL when the gold table has no scope and span columns */
  unsigned line;
  double value;
  gboolean matched;
} gold_row;

static const char *const seed_docs[] = {
    "000_8a1333af956257d6.txt", "001_8ac318f39e86b096.txt", "002_58a269f792bb5910.txt",
    "003_aa050a03f0db95a9.txt", "004_bf3a45d2709a0b28.txt",
};

static jd_lexicon *lexicon(void)
{
  static jd_lexicon *lx;
  if (!lx) {
    GError *err = NULL;
    lx = jd_lexicon_load(NULL, &err);
    g_assert_no_error(err);
  }
  return lx;
}

static void gold_row_free(gpointer p)
{
  gold_row *g = p;
  g_free(g->doc);
  g_free(g->metric);
  g_free(g->drug);
  g_free(g->region);
  g_free(g->period);
  g_free(g->unit);
  g_free(g->qualifier);
  g_free(g->kind);
  g_free(g->base);
  g_free(g->scope);
  g_free(g->span);
  g_free(g);
}

static GPtrArray *load_gold(const char *file)
{
  char *path = jd_test_source_path(file);
  char *data = jd_test_read_file(path, NULL);
  char **lines = g_strsplit(data, "\n", -1);
  GPtrArray *rows = g_ptr_array_new_with_free_func(gold_row_free);
  for (guint i = 0; lines[i]; i++) {
    if (!lines[i][0] || lines[i][0] == '#' || g_str_has_prefix(lines[i], "doc\t")) continue;
    char **c = g_strsplit(lines[i], "\t", -1);
    guint nc = g_strv_length(c);
    if (nc != 10 && nc != 11 && nc != 13)
      g_error("%s:%u: expected 10, 11 or 13 columns", path, i + 1);
    gold_row *g = g_new0(gold_row, 1);
    g->doc = g_strdup(c[0]);
    g->line = (unsigned)g_ascii_strtoull(c[1], NULL, 10);
    g->metric = g_strdup(c[2]);
    g->drug = g_strdup(c[3]);
    g->region = g_strdup(c[4]);
    g->period = g_strdup(c[5]);
    g->value = g_ascii_strtod(c[6], NULL);
    g->unit = g_strdup(c[7]);
    g->qualifier = g_strdup(c[8]);
    g->kind = g_strdup(c[9]);
    if (nc >= 11) g->base = g_strdup(c[10]);
    if (nc == 13) {
      g->scope = g_strdup(c[11]);
      g->span = g_strdup(c[12]);
    }
    g_ptr_array_add(rows, g);
    g_strfreev(c);
  }
  g_strfreev(lines);
  g_free(data);
  g_free(path);
  return rows;
}

static gboolean same_value(double a, double b)
{
  return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

static jd_figure_table *extract_seed(const char *name, const char *data, size_t len)
{
  jd_figure_table *t = jd_figure_table_new();
  GError *err = NULL;
  gboolean ok = jd_extract_text_to_table(lexicon(), name, data, len, NULL, NULL, t, &err);
  g_assert_no_error(err);
  g_assert_true(ok);
  return t;
}

static jd_figure_table *extract_seed_file(const char *name)
{
  char *path = jd_test_seed_path(name);
  gsize len = 0;
  char *data = jd_test_read_file(path, &len);
  jd_figure_table *t = extract_seed(name, data, len);
  g_free(data);
  g_free(path);
  return t;
}

static void describe(const jd_figure *f, GString *s)
{
  char *v = jd_figure_format_value(f->value);
  g_string_printf(s, "%s:%u %s %s %s %s %s %s %s [%s]", f->doc, f->line, f->metric, f->drug,
                  f->region, f->period, v, f->unit, jd_qualifier_to_string(f->qualifier),
                  jd_kind_to_string(f->kind));
  g_free(v);
}

/* A score below its threshold fails the test, after printing every miss that
 * the score counted (missed gold rows, figures not in the gold table, wrong
 * fields), so that the failure says what to fix, not only by how much. */
static gboolean check_threshold(const char *file, const char *what, double score, double min,
                                const GString *misses)
{
  if (score >= min) return TRUE;
  g_printerr("%s: %s %.1f%% is below %.1f%%; the misses:\n%s", file, what, 100 * score,
             100 * min, misses->len ? misses->str : "  (none recorded)\n");
  return FALSE;
}

/* Records a miss: a test message now, and a line of the report printed if a
 * threshold fails. */
static void miss(GString *misses, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void miss(GString *misses, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  char *line = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  g_test_message("%s", line);
  g_string_append_printf(misses, "  %s\n", line);
  g_free(line);
}

/* Scores the figures in `tables` against the gold table `file`. */
static void score(const char *file, GPtrArray *tables)
{
  GPtrArray *gold = load_gold(file);
  GPtrArray *extracted = g_ptr_array_new();
  for (guint d = 0; d < tables->len; d++) {
    const jd_figure_table *t = tables->pdata[d];
    for (size_t i = 0; i < jd_figure_table_get_count(t); i++)
      g_ptr_array_add(extracted, (gpointer)jd_figure_table_get(t, i));
  }
  guint n_gold = gold->len, n_out = extracted->len, matched = 0;
  guint metric_ok = 0, period_ok = 0, region_ok = 0, kind_ok = 0, drug_ok = 0;
  guint base_ok = 0, base_n = 0, all_ok = 0, scope_ok = 0, span_ok = 0, scoped_n = 0;
  gboolean *used = g_new0(gboolean, n_out + 1);
  GString *s = g_string_new(NULL), *misses = g_string_new(NULL);
  for (guint i = 0; i < n_gold; i++) {
    gold_row *g = gold->pdata[i];
    for (guint j = 0; j < n_out; j++) {
      const jd_figure *f = extracted->pdata[j];
      if (used[j] || strcmp(f->doc, g->doc) || f->line != g->line ||
          !same_value(f->value, g->value) || strcmp(f->unit, g->unit) ||
          strcmp(jd_qualifier_to_string(f->qualifier), g->qualifier))
        continue;
      used[j] = TRUE;
      g->matched = TRUE;
      matched++;
      describe(f, s);
      if (!strcmp(f->metric, g->metric)) metric_ok++;
      else miss(misses, "wrong metric: %s (gold %s)", s->str, g->metric);
      if (!strcmp(f->period, g->period)) period_ok++;
      else miss(misses, "wrong period: %s (gold %s)", s->str, g->period);
      if (!strcmp(f->region, g->region)) region_ok++;
      else miss(misses, "wrong region: %s (gold %s)", s->str, g->region);
      if (!strcmp(jd_kind_to_string(f->kind), g->kind)) kind_ok++;
      else miss(misses, "wrong kind: %s (gold %s)", s->str, g->kind);
      if (!strcmp(f->drug, g->drug)) drug_ok++;
      else miss(misses, "wrong drug: %s (gold '%s')", s->str, g->drug);
      if (g->scope) {
        scoped_n++;
        if (!strcmp(f->scope, g->scope)) scope_ok++;
        else miss(misses, "wrong scope: %s scope '%s' (gold '%s')", s->str, f->scope, g->scope);
        if (!strcmp(f->span, g->span)) span_ok++;
        else miss(misses, "wrong span: %s span %s (gold %s)", s->str, f->span, g->span);
      }
      gboolean base_right = TRUE;
      if (g->base) {
        base_n++;
        base_right = !strcmp(f->base_period, g->base);
        if (base_right) base_ok++;
        else miss(misses, "wrong base: %s base '%s' (gold '%s')", s->str, f->base_period, g->base);
      }
      if (base_right && !strcmp(f->metric, g->metric) && !strcmp(f->period, g->period) &&
          !strcmp(f->region, g->region) && !strcmp(jd_kind_to_string(f->kind), g->kind) &&
          !strcmp(f->drug, g->drug))
        all_ok++;
      break;
    }
    if (!g->matched)
      miss(misses, "missed: %s:%u %s %s %g %s %s", g->doc, g->line, g->metric, g->region,
                     g->value, g->unit, g->qualifier);
  }
  for (guint j = 0; j < n_out; j++) {
    if (used[j]) continue;
    describe(extracted->pdata[j], s);
    miss(misses, "not in the gold table: %s", s->str);
  }
  double recall = n_gold ? (double)matched / n_gold : 1;
  double precision = n_out ? (double)matched / n_out : 1;
  double m = matched ? (double)metric_ok / matched : 1;
  double p = matched ? (double)period_ok / matched : 1;
  double r = matched ? (double)region_ok / matched : 1;
  g_test_message("gold %u, extracted %u, matched %u: recall %.1f%%, precision %.1f%%", n_gold,
                 n_out, matched, 100 * recall, 100 * precision);
  g_test_message("of the matched: metric %.1f%%, period %.1f%%, region %.1f%%, kind %.1f%%, "
                 "drug %.1f%%",
                 100 * m, 100 * p, 100 * r, 100.0 * kind_ok / (matched ? matched : 1),
                 100.0 * drug_ok / (matched ? matched : 1));
  if (base_n) g_test_message("base period %.1f%%", 100.0 * base_ok / base_n);
  g_test_message("every field right: %.1f%%", 100.0 * all_ok / (matched ? matched : 1));
  gboolean ok = check_threshold(file, "recall", recall, 0.95, misses);
  ok = check_threshold(file, "precision", precision, 0.95, misses) && ok;
  ok = check_threshold(file, "metric", m, 0.90, misses) && ok;
  ok = check_threshold(file, "period", p, 0.90, misses) && ok;
  ok = check_threshold(file, "region", r, 0.90, misses) && ok;
  if (scoped_n) {
    g_test_message("scope %.1f%%, span %.1f%%", 100.0 * scope_ok / scoped_n,
                   100.0 * span_ok / scoped_n);
    ok = check_threshold(file, "scope", (double)scope_ok / scoped_n, 0.95, misses) && ok;
    ok = check_threshold(file, "span", (double)span_ok / scoped_n, 0.95, misses) && ok;
  }
  g_assert_true(ok);
  g_string_free(misses, TRUE);
  g_string_free(s, TRUE);
  g_free(used);
  g_ptr_array_unref(extracted);
  g_ptr_array_unref(gold);
}

static void test_gold_seeds(void)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func((GDestroyNotify)jd_figure_table_free);
  for (size_t d = 0; d < G_N_ELEMENTS(seed_docs); d++)
    g_ptr_array_add(tables, extract_seed_file(seed_docs[d]));
  score("tests/gold/seeds.tsv", tables);
  g_ptr_array_unref(tables);
}

/* Every document in tests/docs, in name order (the gold table names them). */
static void test_gold_docs(void)
{
  char *dir = jd_test_source_path("tests/docs");
  GDir *d = g_dir_open(dir, 0, NULL);
  g_assert_nonnull(d);
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  const char *name;
  while ((name = g_dir_read_name(d)))
    if (g_str_has_suffix(name, ".txt")) g_ptr_array_add(names, g_strdup(name));
  g_dir_close(d);
  g_assert_cmpuint(names->len, >=, 6);
  GPtrArray *tables = g_ptr_array_new_with_free_func((GDestroyNotify)jd_figure_table_free);
  for (guint i = 0; i < names->len; i++) {
    char *path = g_build_filename(dir, names->pdata[i], NULL);
    jd_figure_table *t = jd_figure_table_new();
    GError *err = NULL;
    g_assert_true(jd_extract_file_to_table(lexicon(), path, NULL, NULL, t, &err));
    g_assert_no_error(err);
    g_ptr_array_add(tables, t);
    g_free(path);
  }
  score("tests/gold/docs.tsv", tables);
  g_ptr_array_unref(tables);
  g_ptr_array_unref(names);
  g_free(dir);
}



/* Everything but the quote, which legitimately differs after a round trip
 * through traditional characters. */
static void assert_same_figures(const jd_figure_table *a, const jd_figure_table *b,
                                const char *what)
{
  GString *sa = g_string_new(NULL), *sb = g_string_new(NULL);
  size_t na = jd_figure_table_get_count(a), nb = jd_figure_table_get_count(b);
  for (size_t i = 0; i < MAX(na, nb); i++) {
    if (i < na) describe(jd_figure_table_get(a, i), sa);
    else g_string_assign(sa, "(none)");
    if (i < nb) describe(jd_figure_table_get(b, i), sb);
    else g_string_assign(sb, "(none)");
    if (strcmp(sa->str, sb->str))
      g_test_message("%s differs at %zu: %s vs %s", what, i, sa->str, sb->str);
    g_assert_cmpstr(sa->str, ==, sb->str);
  }
  g_string_free(sa, TRUE);
  g_string_free(sb, TRUE);
}

static void check_gb18030(const char *path)
{
  g_autofree char *base = g_path_get_basename(path);
  {
    gsize len = 0;
    char *data = jd_test_read_file(path, &len);
    GError *err = NULL;
    gsize glen = 0;
    char *gb = g_convert(data, (gssize)len, "GB18030", "UTF-8", NULL, &glen, &err);
    g_assert_no_error(err);
    jd_figure_table *a = extract_seed(base, data, len);
    jd_figure_table *b = extract_seed(base, gb, glen);
    g_assert_cmpuint(jd_figure_table_get_count(a), ==, jd_figure_table_get_count(b));
    assert_same_figures(a, b, "GB18030");
    jd_figure_table_free(a);
    jd_figure_table_free(b);
    g_free(gb);
    g_free(data);
  }
}

static void check_traditional(const char *path)
{
  g_autofree char *base = g_path_get_basename(path);
  opencc_t od = opencc_open("s2t.json");
  g_assert_true(od != (opencc_t)-1);
  {
    gsize len = 0;
    char *data = jd_test_read_file(path, &len);
    char *trad = opencc_convert_utf8(od, data, len);
    g_assert_nonnull(trad);
    jd_figure_table *a = extract_seed(base, data, len);
    jd_figure_table *b = extract_seed(base, trad, strlen(trad));
    assert_same_figures(a, b, "traditional");
    jd_figure_table_free(a);
    jd_figure_table_free(b);
    opencc_convert_utf8_free(trad);
    g_free(data);
  }
  opencc_close(od);
}

static void test_gb18030_seeds(void) { jd_test_each_seed(check_gb18030); }
static void test_gb18030_docs(void) { jd_test_each_doc(check_gb18030); }
static void test_traditional_seeds(void) { jd_test_each_seed(check_traditional); }
static void test_traditional_docs(void) { jd_test_each_doc(check_traditional); }

int main(int argc, char **argv)
{
  setlocale(LC_ALL, "C.UTF-8");
  g_test_init(&argc, &argv, NULL);
  jd_test_add_seeds("/extract/gold/seeds", test_gold_seeds);
  jd_test_add("/extract/gold/docs", test_gold_docs);
  jd_test_add_seeds("/extract/gold/gb18030-same-figures-seeds", test_gb18030_seeds);
  jd_test_add("/extract/gold/gb18030-same-figures-docs", test_gb18030_docs);
  jd_test_add_seeds("/extract/gold/traditional-same-figures-seeds", test_traditional_seeds);
  jd_test_add("/extract/gold/traditional-same-figures-docs", test_traditional_docs);
  int rc = jd_test_run();
  jd_lexicon_free(lexicon());
  return rc;
}
