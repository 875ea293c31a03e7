/* What `jindu review` asks about and how its decisions are recorded
 * (review.h): rows appended to the build's first overrides file, never a
 * rewrite of it. */
#include "jindu/review.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jindu/catalog.h"
#include "jindu/numeral.h"
#include "jindu/period.h"
#include "jindu/text.h"

/* The key an override matches a figure by. */
static char *figure_key(const jd_figure *f)
{
  return g_strdup_printf("%s\t%u\t%s\t%s\t%s\t%s", f->doc, f->line, f->metric, f->drug, f->period,
                         jd_kind_to_string(f->kind));
}

/* The word an extractor leaves in `where` for a reading of low confidence. */
static const char low_confidence[] = "识别置信度低";

/* The findings (warnings, errors) by the doc and line of each of their
 * sources: "doc\tline" -> GPtrArray of const jd_finding*. */
static GHashTable *findings_by_line(const jd_analysis *a)
{
  GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)g_ptr_array_unref);
  for (size_t k = 0; k < jd_analysis_get_finding_count(a); k++) {
    const jd_finding *fd = jd_analysis_get_finding(a, k);
    if (fd->severity < JD_SEVERITY_WARNING) continue;
    for (size_t s = 0; s < fd->n_sources; s++) {
      char *key = g_strdup_printf("%s\t%u", fd->sources[s].doc, fd->sources[s].line);
      GPtrArray *list = g_hash_table_lookup(h, key);
      if (!list) {
        list = g_ptr_array_new();
        g_hash_table_insert(h, g_strdup(key), list);
      }
      if (!list->len || g_ptr_array_index(list, list->len - 1) != fd) g_ptr_array_add(list, (gpointer)fd);
      g_free(key);
    }
  }
  return h;
}

/* What needs a human about f, in Chinese ("" when nothing). */
static char *why_of(const jd_figure *f, GHashTable *findings)
{
  GString *why = g_string_new(NULL);
  if (strcmp(f->scope, "?") == 0) g_string_append(why, "范围不明 ");
  if (strcmp(f->span, "unknown") == 0 || strcmp(f->period, "unknown") == 0)
    g_string_append(why, "时期不详 ");
  g_autofree char *key = g_strdup_printf("%s\t%u", f->doc, f->line);
  GPtrArray *list = g_hash_table_lookup(findings, key);
  for (guint k = 0; list && k < list->len; k++) {
    const jd_finding *fd = g_ptr_array_index(list, k);
    for (size_t s = 0; s < fd->n_sources; s++)
      if (fd->sources[s].line == f->line && strcmp(fd->sources[s].doc, f->doc) == 0 &&
          fd->sources[s].value == f->value && fd->sources[s].kind == f->kind &&
          !strstr(why->str, fd->title))
        g_string_append_printf(why, "【%s】%s ", jd_severity_to_chinese(fd->severity), fd->title);
  }
  if (strstr(f->where, low_confidence)) g_string_append_printf(why, "%s ", low_confidence);
  return g_strchomp(g_string_free(why, FALSE));
}

static void item_free(gpointer p)
{
  jd_review_item *it = p;
  g_free(it->sentence);
  g_free(it->why);
  g_free(it);
}

/* The items, in document order, each figure once; those the overrides
 * already decide are left out. */
static GPtrArray *collect_items(const jd_figure_table *t, const jd_analysis *a,
                                GHashTable *decided)
{
  GPtrArray *items = g_ptr_array_new_with_free_func(item_free);
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *findings = findings_by_line(a);
  for (size_t i = 0; i < jd_figure_table_get_count(t); i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    char *why = why_of(f, findings);
    char *key = figure_key(f);
    if (*why && !g_hash_table_contains(decided, key) && !g_hash_table_contains(seen, key)) {
      g_hash_table_add(seen, key);
      jd_review_item *it = g_new0(jd_review_item, 1);
      it->figure = f;
      it->why = why;
      g_ptr_array_add(items, it);
    } else {
      g_free(key);
      g_free(why);
    }
  }
  g_hash_table_unref(findings);
  g_hash_table_unref(seen);
  return items;
}

/* The keys the overrides files already decide. */
static GHashTable *decided_keys(char **files)
{
  GHashTable *keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (char **p = files; p && *p; p++) {
    jd_figure_table *t = jd_figure_table_new();
    if (jd_figure_table_read_file(t, *p, NULL))
      for (size_t i = 0; i < jd_figure_table_get_count(t); i++)
        g_hash_table_add(keys, figure_key(jd_figure_table_get(t, i)));
    jd_figure_table_free(t);
  }
  return keys;
}

static const char *const columns[] = {"doc", "line", "quote", "metric", "scope", "drug", "region",
                                      "period", "span", "value", "unit", "qualifier", "kind",
                                      "base_period", "note", NULL};

/* The overrides file's columns: its header, or ours for a new file (then
 * written). */
static char **overrides_header(const char *path, GError **error)
{
  g_autofree char *text = NULL;
  if (!g_file_get_contents(path, &text, NULL, NULL) || !*text) {
    GString *h = g_string_new(NULL);
    for (size_t i = 0; columns[i]; i++) g_string_append_printf(h, "%s%s", i ? "," : "", columns[i]);
    g_string_append_c(h, '\n');
    gboolean ok = g_file_set_contents(path, h->str, (gssize)h->len, error);
    g_string_free(h, TRUE);
    return ok ? g_strdupv((char **)columns) : NULL;
  }
  char *nl = strpbrk(text, "\r\n");
  if (nl) *nl = 0;
  const char *start = g_str_has_prefix(text, "\xEF\xBB\xBF") ? text + 3 : text;
  char **header = g_strsplit(start, ",", -1);
  for (char **c = header; *c; c++) g_strstrip(*c);
  return header;
}

gboolean jd_review_prepare(const jd_build_config *config, GError **error)
{
  if (!config->overrides || !config->overrides[0]) {
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_CONFIG,
                "%s: no overrides file to write decisions to — add overrides=overrides.csv "
                "under [input]", config->path);
    return FALSE;
  }
  if (g_file_test(config->overrides[0], G_FILE_TEST_EXISTS)) return TRUE;
  char **header = overrides_header(config->overrides[0], error);
  g_strfreev(header);
  return header != NULL;
}

/* The documents by the name figures give them (their base name), and the
 * paragraphs of the last one read. */
struct jd_review_docs {
  GHashTable *paths;
  int encoding;
  char *name;        /* the document read, or NULL */
  GPtrArray *texts;  /* its paragraphs' texts */
  GArray *lines;     /* and their lines (unsigned) */
};

static jd_review_docs *docs_new(const char *const *documents, size_t n, int encoding)
{
  jd_review_docs *d = g_new0(jd_review_docs, 1);
  d->paths = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  for (size_t i = 0; i < n; i++)
    g_hash_table_insert(d->paths, g_path_get_basename(documents[i]), g_strdup(documents[i]));
  d->encoding = encoding;
  d->texts = g_ptr_array_new_with_free_func(g_free);
  d->lines = g_array_new(FALSE, FALSE, sizeof(unsigned));
  return d;
}

static void docs_free(jd_review_docs *d)
{
  if (!d) return;
  g_hash_table_unref(d->paths);
  g_free(d->name);
  g_ptr_array_unref(d->texts);
  g_array_unref(d->lines);
  g_free(d);
}

/* Reads the document called name (never by OCR: a scan is slow to read
 * again, and its quote is what OCR read). */
static void docs_read(jd_review_docs *d, const char *name)
{
  if (d->name && !strcmp(d->name, name)) return;
  g_free(d->name);
  d->name = g_strdup(name);
  g_ptr_array_set_size(d->texts, 0);
  g_array_set_size(d->lines, 0);
  const char *path = g_hash_table_lookup(d->paths, name);
  jd_load_options opt = JD_LOAD_OPTIONS_INIT;
  opt.encoding = (jd_encoding)d->encoding;
  opt.lenient = TRUE;
  opt.ocr = JD_OCR_NEVER;
  jd_reader *rd = path ? jd_reader_open(path, &opt, NULL) : NULL;
  jd_paragraph p;
  while (rd && jd_reader_next(rd, &p, NULL)) {
    g_ptr_array_add(d->texts, g_strndup(p.text, p.len));
    g_array_append_val(d->lines, p.line);
  }
  jd_reader_free(rd);
}

/* The sentence of text that holds [qs, qe): its bounds in *start, *end. */
static void sentence_around(const char *text, size_t qs, size_t qe, size_t *start, size_t *end)
{
  GArray *spans = g_array_new(FALSE, FALSE, sizeof(jd_span));
  jd_text_split_sentences(text, strlen(text), spans);
  *start = qs;
  *end = qe;
  for (guint i = 0; i < spans->len; i++) {
    const jd_span *sp = &g_array_index(spans, jd_span, i);
    size_t next = i + 1 < spans->len ? g_array_index(spans, jd_span, i + 1).start : strlen(text);
    if (sp->start <= qs && qs < next) *start = MIN(*start, sp->start);
    if (sp->start < qe && qe <= next) *end = MAX(*end, next);
  }
  g_array_unref(spans);
}

const char *jd_review_sentence(jd_review *r, guint i, size_t *quote_start, size_t *quote_end)
{
  jd_review_item *it = g_ptr_array_index(r->items, i);
  if (!it->looked) {
    it->looked = TRUE;
    const jd_figure *f = it->figure;
    docs_read(r->docs, f->doc);
    for (guint k = 0; k < r->docs->texts->len && !it->sentence; k++) {
      const char *text = g_ptr_array_index(r->docs->texts, k);
      const char *q = g_array_index(r->docs->lines, unsigned, k) == f->line && *f->quote
                          ? strstr(text, f->quote) : NULL;
      if (!q) continue;
      size_t qs = (size_t)(q - text), qe = qs + strlen(f->quote), s, e;
      sentence_around(text, qs, qe, &s, &e);
      it->sentence = g_strstrip(g_strndup(text + s, e - s));
      const char *again = strstr(it->sentence, f->quote); /* after the strip */
      it->quote_start = again ? (size_t)(again - it->sentence) : 0;
      it->quote_end = it->quote_start + strlen(f->quote);
    }
  }
  *quote_start = it->quote_start;
  *quote_end = it->quote_end;
  return it->sentence;
}

jd_review *jd_review_open(const jd_build_config *config, const jd_figure_table *t,
                          const char *const *documents, size_t n_documents, GError **error)
{
  if (!jd_review_prepare(config, error)) return NULL;
  char **header = overrides_header(config->overrides[0], error);
  if (!header) return NULL;
  jd_lexicon *lx = jd_lexicon_load(NULL, error);
  jd_analysis *a = lx ? jd_analyze(t, NULL, error) : NULL;
  if (!a) {
    if (lx) jd_lexicon_free(lx);
    g_strfreev(header);
    return NULL;
  }
  GHashTable *done = decided_keys(config->overrides);
  jd_review *r = g_new0(jd_review, 1);
  r->path = g_strdup(config->overrides[0]);
  r->header = header;
  r->items = collect_items(t, a, done);
  r->lexicon = lx;
  r->table = t;
  r->docs = docs_new(documents, n_documents, config->encoding);
  g_hash_table_unref(done);
  jd_analysis_free(a);
  return r;
}

void jd_review_free(jd_review *r)
{
  if (!r) return;
  g_free(r->path);
  g_strfreev(r->header);
  g_ptr_array_unref(r->items);
  jd_lexicon_free(r->lexicon);
  docs_free(r->docs);
  g_free(r);
}

/* RFC 4180: a field with a comma, quote or line break is quoted. */
static void csv_field(GString *out, const char *s)
{
  if (!strpbrk(s, ",\"\r\n")) {
    g_string_append(out, s);
    return;
  }
  g_string_append_c(out, '"');
  for (const char *p = s; *p; p++) {
    if (*p == '"') g_string_append_c(out, '"');
    g_string_append_c(out, *p);
  }
  g_string_append_c(out, '"');
}

/* One field of f by column name; withdraw leaves the value empty. */
static char *field(const jd_figure *f, const char *col, gboolean withdraw, const char *note)
{
  const struct {
    const char *name;
    const char *value;
  } text[] = {{"doc", f->doc},         {"quote", f->quote},   {"metric", f->metric},
              {"scope", f->scope},     {"drug", f->drug},     {"region", f->region},
              {"period", f->period},   {"span", f->span},     {"unit", f->unit},
              {"base_period", f->base_period}, {"where", f->where}, {"note", note}};
  for (size_t i = 0; i < G_N_ELEMENTS(text); i++)
    if (!strcmp(col, text[i].name)) return g_strdup(text[i].value);
  if (!strcmp(col, "line")) return g_strdup_printf("%u", f->line);
  if (!strcmp(col, "value")) return withdraw ? g_strdup("") : jd_figure_format_value(f->value);
  if (!strcmp(col, "qualifier")) return g_strdup(jd_qualifier_to_string(f->qualifier));
  if (!strcmp(col, "kind")) return g_strdup(jd_kind_to_string(f->kind));
  return g_strdup("");
}

/* Appends one decision (never rewriting the file). */
static gboolean append_row(const jd_review *r, const jd_figure *f, gboolean withdraw,
                           const char *note, GError **error)
{
  GString *row = g_string_new(NULL);
  for (char **c = r->header; *c; c++) {
    g_autofree char *v = field(f, *c, withdraw, note);
    if (c != r->header) g_string_append_c(row, ',');
    csv_field(row, v);
  }
  g_string_append_c(row, '\n');
  FILE *fp = fopen(r->path, "a");
  gboolean ok = fp && fwrite(row->str, 1, row->len, fp) == row->len;
  ok = fp && fclose(fp) == 0 && ok;
  if (!ok)
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                "%s: cannot append the decision — check that the file is writable", r->path);
  g_string_free(row, TRUE);
  return ok;
}

static jd_review_item *item_at(const jd_review *r, guint i)
{
  g_return_val_if_fail(i < r->items->len, NULL);
  return g_ptr_array_index(r->items, i);
}

gboolean jd_review_accept(jd_review *r, guint i, GError **error)
{
  jd_review_item *it = item_at(r, i);
  if (!it || !append_row(r, it->figure, FALSE, "review: accepted", error)) return FALSE;
  it->decision = 'a';
  r->decided++;
  return TRUE;
}

gboolean jd_review_withdraw(jd_review *r, guint i, GError **error)
{
  jd_review_item *it = item_at(r, i);
  if (!it || !append_row(r, it->figure, TRUE, "review: withdrawn", error)) return FALSE;
  it->decision = 'w';
  r->decided++;
  return TRUE;
}

gboolean jd_review_correct(jd_review *r, guint i, const jd_figure *corrected, GError **error)
{
  jd_review_item *it = item_at(r, i);
  if (!it || !corrected) return FALSE;
  const jd_figure *old = it->figure;
  gboolean moved = strcmp(corrected->metric, old->metric) || strcmp(corrected->period, old->period);
  if (moved && !append_row(r, old, TRUE, "review: corrected (old row)", error)) return FALSE;
  if (!append_row(r, corrected, FALSE, "review: corrected", error)) return FALSE;
  it->decision = 'c';
  r->decided++;
  return TRUE;
}

/* The distinct values of one column of t (NULL-terminated). */
static char **present_values(const jd_figure_table *t, jd_catalog_kind kind)
{
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  GPtrArray *out = g_ptr_array_new();
  for (size_t i = 0; t && i < jd_figure_table_get_count(t); i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    const char *v = kind == JD_CATALOG_METRIC ? f->metric : f->region;
    if (*v && g_hash_table_add(seen, (gpointer)v)) g_ptr_array_add(out, g_strdup(v));
  }
  g_ptr_array_add(out, NULL);
  g_hash_table_unref(seen);
  return (char **)g_ptr_array_free(out, FALSE);
}

static void replace(char **slot, char *value)
{
  g_free(*slot);
  *slot = value;
}

/* A new metric counted in other units than f's: its first unit (a level
 * only: a percentage stays one). */
static void fit_unit(const jd_review *r, jd_figure *f)
{
  if (f->kind != JD_KIND_LEVEL && f->kind != JD_KIND_CHANGE_ABS) return;
  GPtrArray *all = jd_catalog_list(r->lexicon, JD_CATALOG_METRIC);
  for (guint i = 0; i < all->len; i++) {
    const jd_catalog_entry *e = g_ptr_array_index(all, i);
    if (strcmp(e->id, f->metric) || !*e->unit) continue;
    g_auto(GStrv) units = g_strsplit(e->unit, ",", -1);
    for (char **u = units; *u; u++) g_strstrip(*u);
    if (!g_strv_contains((const char *const *)units, f->unit)) replace(&f->unit, g_strdup(units[0]));
    break;
  }
  g_ptr_array_unref(all);
}

/* metric= or region=: resolved through the catalog. */
static gboolean set_name(const jd_review *r, jd_figure *f, jd_catalog_kind kind,
                         const char *value, char **message)
{
  g_auto(GStrv) present = present_values(r->table, kind);
  GError *e = NULL;
  char *id = jd_catalog_resolve(r->lexicon, kind, value, (const char *const *)present, &e);
  if (!id) {
    *message = g_strdup(e->message);
    g_error_free(e);
    return FALSE;
  }
  replace(kind == JD_CATALOG_METRIC ? &f->metric : &f->region, id);
  if (kind == JD_CATALOG_METRIC) fit_unit(r, f);
  return TRUE;
}

gboolean jd_review_set_field(const jd_review *r, jd_figure *f, const char *name,
                             const char *value, char **message)
{
  *message = NULL;
  if (!g_strv_contains((const char *const *)r->header, name) &&
      g_strv_contains((const char *const *)columns, name)) {
    *message = g_strdup_printf("%s 的首行没有 %s 列，这项更正无法记下 — 先在首行加上 %s 列",
                               r->path, name, name);
    return FALSE;
  }
  if (!strcmp(name, "metric") && *value) return set_name(r, f, JD_CATALOG_METRIC, value, message);
  if (!strcmp(name, "region")) {
    if (!*value) replace(&f->region, g_strdup(""));
    return !*value || set_name(r, f, JD_CATALOG_REGION, value, message);
  }
  if (!strcmp(name, "scope")) {
    replace(&f->scope, g_strdup(value));
    return TRUE;
  }
  if (!strcmp(name, "period")) {
    double x;
    if (!jd_period_parse(value, &x, NULL)) {
      *message = g_strdup_printf("时期“%s”不能识别 — 写作 2019、2019-H1、2019-Q3、2019-05、"
                                 "2019-01/2019-05 或 2018/2020", value);
      return FALSE;
    }
    replace(&f->period, g_strdup(value));
    jd_figure_set_span(f, NULL); /* the new period's own */
    return TRUE;
  }
  if (!strcmp(name, "value")) {
    char *end = NULL;
    double x = g_ascii_strtod(value, &end);
    if (!*value || *end || !isfinite(x)) {
      *message = g_strdup_printf("数值“%s”不是数字 — 写作 640 或 30.5", value);
      return FALSE;
    }
    f->value = x;
    return TRUE;
  }
  *message = g_strdup_printf("不能更正“%s” — 可更正 metric scope region period value", name);
  return FALSE;
}

/* TRUE when x written in a usual scale is v (万, 亿, 千, 吨 or 克 → kg …). */
static gboolean same_value(double v, double x)
{
  static const double scales[] = {1, 1e4, 1e8, 1e3, 1e7, 1e-3, 1e-6, 1e7 * 1e-3};
  v = fabs(v);
  x = fabs(x);
  for (size_t i = 0; i < G_N_ELEMENTS(scales); i++)
    if (fabs(v * scales[i] - x) <= 1e-9 * fmax(1, x)) return TRUE;
  return FALSE;
}

gboolean jd_review_number_span(const jd_review *r, const jd_figure *f, size_t *start,
                               size_t *end)
{
  GArray *nums = g_array_new(FALSE, TRUE, sizeof(jd_numeral));
  jd_numeral_scan(jd_lexicon_get_numeral_words(r->lexicon), f->quote, strlen(f->quote), nums);
  gboolean found = FALSE;
  for (guint i = 0; i < nums->len && !found; i++) {
    const jd_numeral *n = &g_array_index(nums, jd_numeral, i);
    if (n->kind == JD_NUM_YEAR || n->kind == JD_NUM_DATE || n->kind == JD_NUM_TIME ||
        n->kind == JD_NUM_ORDINAL || n->kind == JD_NUM_CODE)
      continue;
    if (same_value(n->value, f->value) || (n->is_range && same_value(n->value_high, f->value))) {
      *start = n->start;
      *end = n->end;
      found = TRUE;
    }
  }
  g_array_unref(nums);
  return found;
}
