/* Data-driven extraction cases (tests/gold/cases*.txt): each case is a small
 * invented document and the exact list of figures it must give — units and
 * conversions, Chinese numerals, qualifiers, changes, 分别 lists, shares and
 * rates, periods, regions, things that are not figures, traditional text.
 * Also the lexicon loader and the streaming interface. */
#include <locale.h>
#include <math.h>
#include <string.h>

#include "jindu/extract.h"
#include "jindu/jindu.h"
#include "testutil.h"

/* One expected figure: 8 or 9 positional fields, and optionally scope=WORDS
 * and span=KIND (checked only when given; scope= alone means an empty scope). */
typedef struct {
  char **f;
  char *scope, *span;
} expected_row;

static void expected_row_free(gpointer p)
{
  expected_row *r = p;
  g_strfreev(r->f);
  g_free(r->scope);
  g_free(r->span);
  g_free(r);
}

typedef struct {
  char *name;
  char *document;
  GPtrArray *expected; /* expected_row* */
} extract_case;

static jd_lexicon *shared_lexicon;

static jd_lexicon *lexicon(void)
{
  if (!shared_lexicon) {
    GError *err = NULL;
    shared_lexicon = jd_lexicon_load(NULL, &err);
    g_assert_no_error(err);
  }
  return shared_lexicon;
}

static gboolean field_matches(const char *want, const char *got)
{
  if (!strcmp(want, "*")) return TRUE;
  if (!strcmp(want, "-")) return !*got;
  return !strcmp(want, got);
}

static void run_case(gconstpointer data)
{
  const extract_case *c = data;
  jd_figure_table *t = jd_figure_table_new();
  GError *err = NULL;
  jd_extract_options xo = JD_EXTRACT_OPTIONS_INIT;
  g_assert_true(jd_extract_text_to_table(lexicon(), "case.txt", c->document, strlen(c->document),
                                         NULL, &xo, t, &err));
  g_assert_no_error(err);
  size_t n = jd_figure_table_get_count(t);
  GString *got = g_string_new(NULL);
  for (size_t i = 0; i < n; i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    char *v = jd_figure_format_value(f->value);
    g_string_append_printf(got, "\n  %s %s %s %s %s %s %s %s %s scope=%s span=%s", f->metric,
                           *f->drug ? f->drug : "-", *f->region ? f->region : "-", f->period, v,
                           f->unit, jd_qualifier_to_string(f->qualifier),
                           jd_kind_to_string(f->kind), f->base_period, f->scope, f->span);
    g_free(v);
  }
  gboolean ok = n == c->expected->len;
  for (size_t i = 0; ok && i < n; i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    const expected_row *row = c->expected->pdata[i];
    char **w = row->f;
    char *v = jd_figure_format_value(f->value);
    double wv = g_ascii_strtod(w[4], NULL);
    ok = field_matches(w[0], f->metric) && field_matches(w[1], f->drug) &&
         field_matches(w[2], f->region) && field_matches(w[3], f->period) &&
         (!strcmp(w[4], "*") || fabs(wv - f->value) <= 1e-9 * fmax(1, fabs(wv))) &&
         field_matches(w[5], f->unit) &&
         field_matches(w[6], jd_qualifier_to_string(f->qualifier)) &&
         field_matches(w[7], jd_kind_to_string(f->kind)) &&
         (!w[8] || field_matches(w[8], f->base_period)) &&
         (!row->scope || !strcmp(row->scope, f->scope)) &&
         (!row->span || !strcmp(row->span, f->span));
    g_free(v);
  }
  if (!ok) {
    GString *want = g_string_new(NULL);
    for (guint i = 0; i < c->expected->len; i++) {
      const expected_row *row = c->expected->pdata[i];
      char *line = g_strjoinv(" ", row->f);
      g_string_append_printf(want, "\n  %s%s%s%s%s", line, row->scope ? " scope=" : "",
                             row->scope ? row->scope : "", row->span ? " span=" : "",
                             row->span ? row->span : "");
      g_free(line);
    }
    g_test_message("%s\nexpected:%s\ngot:%s", c->name, want->str, got->str);
    g_string_free(want, TRUE);
    g_test_fail();
  }
  g_string_free(got, TRUE);
  jd_figure_table_free(t);
}

static expected_row *parse_expected(const char *path, guint line, const char *l)
{
  char **tok = g_strsplit_set(l, " ", -1);
  expected_row *r = g_new0(expected_row, 1);
  GPtrArray *pos = g_ptr_array_new();
  for (guint k = 0; tok[k]; k++) {
    if (g_str_has_prefix(tok[k], "scope="))
      r->scope = g_strdup(tok[k] + 6);
    else if (g_str_has_prefix(tok[k], "span="))
      r->span = g_strdup(tok[k] + 5);
    else if (*tok[k])
      g_ptr_array_add(pos, g_strdup(tok[k]));
  }
  g_strfreev(tok);
  if (pos->len < 8 || pos->len > 9) g_error("%s:%u: expected 8 or 9 fields", path, line);
  g_ptr_array_add(pos, NULL);
  r->f = (char **)g_ptr_array_free(pos, FALSE);
  return r;
}

static void load_case_file(const char *path, GPtrArray *cases);

static gint compare_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every tests/gold/cases*.txt, in name order. */
static GPtrArray *load_cases(void)
{
  GPtrArray *cases = g_ptr_array_new();
  char *dir = jd_test_source_path("tests/gold");
  GDir *d = g_dir_open(dir, 0, NULL);
  g_assert_nonnull(d);
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  for (const char *n; (n = g_dir_read_name(d));)
    if (g_str_has_prefix(n, "cases") && g_str_has_suffix(n, ".txt")) g_ptr_array_add(names, g_strdup(n));
  g_dir_close(d);
  g_ptr_array_sort(names, compare_names);
  for (guint i = 0; i < names->len; i++) {
    char *path = g_build_filename(dir, names->pdata[i], NULL);
    load_case_file(path, cases);
    g_free(path);
  }
  g_ptr_array_unref(names);
  g_free(dir);
  return cases;
}

static void load_case_file(const char *path, GPtrArray *cases)
{
  char *data = jd_test_read_file(path, NULL);
  char **lines = g_strsplit(data, "\n", -1);
  extract_case *cur = NULL;
  GString *doc = NULL;
  gboolean in_expected = FALSE;
  for (guint i = 0; lines[i]; i++) {
    const char *l = lines[i];
    if (g_str_has_prefix(l, "### ")) {
      cur = g_new0(extract_case, 1);
      cur->name = g_strdup(l + 4);
      cur->expected = g_ptr_array_new_with_free_func(expected_row_free);
      doc = g_string_new(NULL);
      cur->document = NULL;
      g_ptr_array_add(cases, cur);
      in_expected = FALSE;
      continue;
    }
    if (!cur) continue; /* the header comment */
    if (!strcmp(l, "---")) {
      cur->document = g_string_free(doc, FALSE);
      doc = NULL;
      in_expected = TRUE;
      continue;
    }
    if (!in_expected) {
      g_string_append(doc, l);
      g_string_append_c(doc, '\n');
    } else if (*l && *l != '#') {
      g_ptr_array_add(cur->expected, parse_expected(path, i + 1, l));
    }
  }
  if (doc) g_error("%s: the last case has no --- line", path);
  g_strfreev(lines);
  g_free(data);
}

static void collect(const jd_figure *f, const char *explanation, gpointer data)
{
  GPtrArray *out = data;
  g_assert_nonnull(explanation);
  g_assert_nonnull(strstr(explanation, "metric"));
  g_ptr_array_add(out, jd_figure_copy(f));
}

/* Paragraphs fed one at a time give the same figures as a whole text, and
 * the explanation names the trigger. */
static void test_streaming(void)
{
  jd_extract_options xo = JD_EXTRACT_OPTIONS_INIT;
  xo.explain = TRUE;
  xo.lookahead = 2;
  jd_extractor *x = jd_extractor_new(lexicon(), &xo);
  GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)jd_figure_free);
  const char *paras[] = {"发布时间：2020年3月1日", "甘肃省2019年禁毒工作综述",
                         "2019年，全省破获毒品案件1480起。", "全省抓获犯罪嫌疑人1870人。"};
  jd_extractor_begin(x, "stream.txt", collect, out);
  for (unsigned i = 0; i < G_N_ELEMENTS(paras); i++) {
    jd_paragraph p = {paras[i], strlen(paras[i]), i + 1, FALSE, NULL};
    jd_extractor_feed(x, &p);
  }
  jd_extractor_end(x);
  g_assert_cmpstr(jd_extractor_get_doc_date(x), ==, "2020-03-01");
  g_assert_cmpstr(jd_extractor_get_doc_region(x), ==, "甘肃省");
  g_assert_cmpuint(out->len, ==, 2);
  const jd_figure *f = out->pdata[1];
  g_assert_cmpstr(f->metric, ==, "suspects_arrested");
  g_assert_cmpuint(f->line, ==, 4);
  g_assert_cmpstr(f->period, ==, "2019");
  g_ptr_array_unref(out);
  jd_extractor_free(x);
}

static void test_lexicon_lookup(void)
{
  const jd_lexicon *lx = lexicon();
  const char *s = "人次以上";
  const jd_lex_entry *u = jd_lexicon_match(lx, JD_LEX_UNIT, s, strlen(s));
  g_assert_nonnull(u);
  g_assert_cmpstr(u->id, ==, "person_time"); /* longest wins over 人 */
  const char *g = "临夏回族自治州";
  const jd_lex_entry *r = jd_lexicon_match(lx, JD_LEX_REGION, g, strlen(g));
  g_assert_nonnull(r);
  g_assert_cmpstr(r->id, ==, "临夏州");
  const char *k = "缴获毒品海洛因";
  const jd_lex_entry *d = jd_lexicon_match_ending(lx, JD_LEX_DRUG, k, strlen(k));
  g_assert_nonnull(d);
  g_assert_cmpstr(d->id, ==, "heroin");
  g_assert_cmpuint(jd_lexicon_get_count(lx, JD_LEX_REGION), >=, 34 * 2);
}

static void test_lexicon_errors(void)
{
  char *dir = jd_test_tmpdir();
  GError *err = NULL;
  g_assert_null(jd_lexicon_load(dir, &err));
  g_assert_error(err, JD_LEXICON_ERROR, JD_LEXICON_ERROR_NOT_FOUND);
  g_assert_nonnull(strstr(err->message, "metrics.tsv"));
  g_clear_error(&err);
  /* copy the real tables, then break one row */
  char *src = jd_data_path("data/lexicon");
  for (int t = 0; t < JD_LEX_N_TABLES; t++) {
    char *from = g_build_filename(src, jd_lex_table_file((jd_lex_table)t), NULL);
    char *to = g_build_filename(dir, jd_lex_table_file((jd_lex_table)t), NULL);
    char *data = jd_test_read_file(from, NULL);
    if (t == JD_LEX_UNIT) {
      char *bad = g_strconcat(data, "公担\tkg\tlots\tfigure\n", NULL);
      g_free(data);
      data = bad;
    }
    g_assert_true(g_file_set_contents(to, data, -1, NULL));
    g_free(data);
    g_free(from);
    g_free(to);
  }
  g_assert_null(jd_lexicon_load(dir, &err));
  g_assert_error(err, JD_LEXICON_ERROR, JD_LEXICON_ERROR_PARSE);
  g_assert_nonnull(strstr(err->message, "units.tsv:"));
  g_clear_error(&err);
  g_free(src);
  jd_test_rm_rf(dir);
  g_free(dir);
}

/* Copies every table of data/lexicon into dir, with `extra` appended to the
 * file named `broken`; returns what jd_lexicon_load makes of dir. */
static jd_lexicon *load_with_row(const char *dir, const char *broken, const char *extra,
                                 GError **err)
{
  char *src = jd_data_path("data/lexicon");
  GDir *d = g_dir_open(src, 0, NULL);
  g_assert_nonnull(d);
  const char *name;
  while ((name = g_dir_read_name(d))) {
    if (!g_str_has_suffix(name, ".tsv")) continue;
    char *from = g_build_filename(src, name, NULL);
    char *to = g_build_filename(dir, name, NULL);
    char *data = jd_test_read_file(from, NULL);
    char *all = g_strconcat(data, strcmp(name, broken) ? "" : extra, NULL);
    g_assert_true(g_file_set_contents(to, all, -1, NULL));
    g_free(all);
    g_free(data);
    g_free(from);
    g_free(to);
  }
  g_dir_close(d);
  g_free(src);
  return jd_lexicon_load(dir, err);
}

/* numerals.tsv and cues.tsv: rows are checked, and every cue set must have words */
static void test_lexicon_word_tables(void)
{
  char *dir = jd_test_tmpdir();
  GError *err = NULL;
  jd_lexicon *lx = load_with_row(dir, "cues.tsv", "", &err);
  g_assert_no_error(err);
  const jd_cue_set *goal = jd_lexicon_get_cues(lx, JD_CUE_GOAL);
  g_assert_cmpuint(goal->count, >, 0);
  const char *t = "力争破案增长10%";
  g_assert_nonnull(jd_cue_at(goal, t, strlen(t), 0));
  g_assert_null(jd_cue_at(goal, t, strlen(t), 3));
  size_t pos = 0;
  g_assert_nonnull(jd_cue_find(jd_lexicon_get_cues(lx, JD_CUE_VS_PREVIOUS), "全省同比上升", 0,
                               strlen("全省同比上升"), &pos));
  g_assert_cmpuint(pos, ==, 6);
  g_assert_cmpstr(jd_cue_name(JD_CUE_SELF_REFERENCE), ==, "self_reference");
  jd_lexicon_free(lx);
  g_assert_null(load_with_row(dir, "cues.tsv", "nosuchset\t词\n", &err));
  g_assert_error(err, JD_LEXICON_ERROR, JD_LEXICON_ERROR_PARSE);
  g_assert_nonnull(strstr(err->message, "cues.tsv:"));
  g_clear_error(&err);
  /* a row away from its set's other rows still joins its set (the loader
   * tries the last row's set first), and an unknown name after a known one
   * is still refused */
  lx = load_with_row(dir, "cues.tsv", "goal\t争创目标\nheader\t发稿人\ngoal\t力保\n", &err);
  g_assert_no_error(err);
  goal = jd_lexicon_get_cues(lx, JD_CUE_GOAL);
  g_assert_cmpstr(goal->entries[goal->count - 1]->surface, ==, "力保");
  g_assert_cmpstr(goal->entries[goal->count - 2]->surface, ==, "争创目标");
  const jd_cue_set *header = jd_lexicon_get_cues(lx, JD_CUE_HEADER);
  g_assert_cmpstr(header->entries[header->count - 1]->surface, ==, "发稿人");
  g_assert_nonnull(jd_cue_at(goal, "力保全年", strlen("力保全年"), 0));
  jd_lexicon_free(lx);
  g_assert_null(load_with_row(dir, "cues.tsv", "goal\t力保\ngoals\t词\n", &err));
  g_assert_error(err, JD_LEXICON_ERROR, JD_LEXICON_ERROR_PARSE);
  g_clear_error(&err);
  g_assert_null(load_with_row(dir, "numerals.tsv", "prefix\t约\troughly\n", &err));
  g_assert_error(err, JD_LEXICON_ERROR, JD_LEXICON_ERROR_PARSE);
  g_assert_nonnull(strstr(err->message, "numerals.tsv:"));
  g_clear_error(&err);
  jd_test_rm_rf(dir);
  g_free(dir);
}

/* Copies every table of data/lexicon into dir, with the n bytes of tail
 * appended to units.tsv (which may hold a NUL); returns what jd_lexicon_load
 * makes of dir. */
static jd_lexicon *load_with_unit_bytes(const char *dir, const char *tail, size_t n, GError **err)
{
  g_autofree char *src = jd_data_path("data/lexicon");
  GDir *d = g_dir_open(src, 0, NULL);
  g_assert_nonnull(d);
  const char *name;
  while ((name = g_dir_read_name(d))) {
    if (!g_str_has_suffix(name, ".tsv")) continue;
    g_autofree char *from = g_build_filename(src, name, NULL);
    g_autofree char *to = g_build_filename(dir, name, NULL);
    gsize len = 0;
    g_autofree char *data = jd_test_read_file(from, &len);
    GString *all = g_string_new_len(data, (gssize)len);
    if (!strcmp(name, "units.tsv")) g_string_append_len(all, tail, (gssize)n);
    g_assert_true(g_file_set_contents(to, all->str, (gssize)all->len, NULL));
    g_string_free(all, TRUE);
  }
  g_dir_close(d);
  return jd_lexicon_load(dir, err);
}

/* The tables are read whole and cut in place: a CRLF row and a last row with
 * no newline keep their columns exactly; a NUL byte in a table is an error
 * naming the file, not the silent end of the table. */
static void test_lexicon_bytes(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  GError *err = NULL;
  const char rows[] = "公担\tquintal\t100\tkg\r\n市斤\tjin\t0.5\tkg";
  jd_lexicon *lx = load_with_unit_bytes(dir, rows, strlen(rows), &err);
  g_assert_no_error(err);
  const jd_lex_entry *q = jd_lexicon_match(lx, JD_LEX_UNIT, "公担", strlen("公担"));
  g_assert_nonnull(q);
  g_assert_cmpstr(q->surface, ==, "公担");
  g_assert_cmpstr(q->id, ==, "quintal");
  g_assert_cmpstr(q->arg, ==, "kg");
  const jd_lex_entry *j = jd_lexicon_match(lx, JD_LEX_UNIT, "市斤", strlen("市斤"));
  g_assert_nonnull(j);
  g_assert_cmpstr(j->id, ==, "jin");
  g_assert_cmpstr(j->arg, ==, "kg");
  jd_lexicon_free(lx);
  const char nul[] = "公担\tquintal\t100\tkg\n\0市斤\tjin\t0.5\tkg\n";
  g_assert_null(load_with_unit_bytes(dir, nul, sizeof nul - 1, &err));
  g_assert_error(err, JD_LEXICON_ERROR, JD_LEXICON_ERROR_PARSE);
  g_assert_nonnull(strstr(err->message, "units.tsv:"));
  g_assert_nonnull(strstr(err->message, "not UTF-8"));
  g_clear_error(&err);
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  setlocale(LC_ALL, "C.UTF-8");
  g_test_init(&argc, &argv, NULL);
  GPtrArray *cases = load_cases();
  for (guint i = 0; i < cases->len; i++) {
    extract_case *c = cases->pdata[i];
    g_test_add_data_func(c->name, c, run_case);
  }
  g_test_add_func("/extract/stream/paragraphs", test_streaming);
  g_test_add_func("/extract/lexicon/lookup", test_lexicon_lookup);
  g_test_add_func("/extract/lexicon/errors", test_lexicon_errors);
  g_test_add_func("/extract/lexicon/word-tables", test_lexicon_word_tables);
  g_test_add_func("/extract/lexicon/bytes", test_lexicon_bytes);
  int rc = g_test_run();
  for (guint i = 0; i < cases->len; i++) {
    extract_case *c = cases->pdata[i];
    g_free(c->name);
    g_free(c->document);
    g_ptr_array_unref(c->expected);
    g_free(c);
  }
  g_ptr_array_unref(cases);
  jd_lexicon_free(shared_lexicon);
  return rc;
}
