/* The figure record and the figures table: RFC 4180 CSV and JSON Lines
 * reading and writing (hand-written, strict, with errors naming file:line),
 * atomic file output, and curated overrides. The CSV reader accepts a UTF-8
 * BOM, CRLF/LF/CR line ends, and GB18030 files as Chinese Excel saves them. */
#include "jindu/figure.h"
#include "jindu/jindu.h"
#include "figure/figure-number.h"
#include "util/append.h"
#include "figure/figure-private.h"
#include "util/atomic.h"

#include <errno.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <math.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK(jd-figure-error-quark, jd_figure_error)

const char *const jd_figure_columns[] = {
    "doc",  "line", "quote",     "metric", "scope",      "drug", "region", "period",
    "span", "value", "unit", "qualifier", "kind", "base_period", "where", NULL};

enum {
  COL_DOC,
  COL_LINE,
  COL_QUOTE,
  COL_METRIC,
  COL_SCOPE,
  COL_DRUG,
  COL_REGION,
  COL_PERIOD,
  COL_SPAN,
  COL_VALUE,
  COL_UNIT,
  COL_QUALIFIER,
  COL_KIND,
  COL_BASE_PERIOD,
  COL_WHERE,
  N_COLUMNS
};

/* Qualifier names are parsed here rather than through numeral.c so that the
 * figures table has no dependency on the number parser. */
static const char *const qualifier_names[] = {"exact",     "more_than", "nearly", "about",
                                              "less_than", "at_least",  "at_most"};
static const char *const kind_names[] = {"level",      "rate",       "share", "change_pct",
                                         "change_abs", "change_pp", "ratio"};

static const char *qualifier_name(jd_qualifier q)
{
  return (unsigned)q < G_N_ELEMENTS(qualifier_names) ? qualifier_names[q] : "exact";
}

static gboolean qualifier_parse(const char *s, jd_qualifier *out)
{
  if (!s || !*s) {
    *out = JD_QUAL_EXACT;
    return TRUE;
  }
  for (size_t i = 0; i < G_N_ELEMENTS(qualifier_names); i++)
    if (strcmp(s, qualifier_names[i]) == 0) {
      *out = (jd_qualifier)i;
      return TRUE;
    }
  return FALSE;
}

const char *jd_kind_to_string(jd_kind k)
{
  return (unsigned)k < G_N_ELEMENTS(kind_names) ? kind_names[k] : "level";
}

gboolean jd_kind_from_string(const char *s, jd_kind *out)
{
  if (!s || !*s) {
    *out = JD_KIND_LEVEL;
    return TRUE;
  }
  for (size_t i = 0; i < G_N_ELEMENTS(kind_names); i++)
    if (strcmp(s, kind_names[i]) == 0) {
      *out = (jd_kind)i;
      return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------ records */

jd_figure *jd_figure_new(const char *doc, unsigned line, const char *quote, const char *metric,
                         const char *drug, const char *region, const char *period, double value,
                         const char *unit, jd_qualifier qualifier, jd_kind kind,
                         const char *base_period)
{
  jd_figure *f = g_new0(jd_figure, 1);
  f->doc = g_strdup(doc ? doc : "");
  f->line = line;
  f->quote = g_strdup(quote ? quote : "");
  f->metric = g_strdup(metric ? metric : "");
  f->scope = g_strdup("");
  f->drug = g_strdup(drug ? drug : "");
  f->region = g_strdup(region ? region : "");
  f->period = g_strdup(period ? period : "");
  f->span = g_strdup(jd_period_span_name(f->period));
  f->value = value;
  f->unit = g_strdup(unit ? unit : "");
  f->qualifier = qualifier;
  f->kind = kind;
  f->base_period = g_strdup(base_period ? base_period : "");
  f->where = g_strdup("");
  return f;
}

jd_figure *jd_figure_copy(const jd_figure *f)
{
  if (!f) return NULL;
  jd_figure *c = jd_figure_new(f->doc, f->line, f->quote, f->metric, f->drug, f->region,
                               f->period, f->value, f->unit, f->qualifier, f->kind, f->base_period);
  jd_figure_set_scope(c, f->scope);
  jd_figure_set_span(c, f->span);
  jd_figure_set_where(c, f->where);
  return c;
}

void jd_figure_set_where(jd_figure *f, const char *where)
{
  char *s = g_strdup(where ? where : "");
  g_free(f->where);
  f->where = s;
}

void jd_figure_set_scope(jd_figure *f, const char *scope)
{
  char *s = g_strdup(scope ? scope : "");
  g_free(f->scope);
  f->scope = s;
}

void jd_figure_set_span(jd_figure *f, const char *span)
{
  char *s = g_strdup(span && *span ? span : jd_period_span_name(f->period));
  g_free(f->span);
  f->span = s;
}

void jd_figure_free(jd_figure *f)
{
  if (!f) return;
  g_free(f->doc);
  g_free(f->quote);
  g_free(f->metric);
  g_free(f->scope);
  g_free(f->drug);
  g_free(f->region);
  g_free(f->period);
  g_free(f->span);
  g_free(f->unit);
  g_free(f->base_period);
  g_free(f->where);
  g_free(f);
}

/* -------------------------------------------------------------------- table */

/* Rows are jd_figure structs whose strings live in the table's string pool
 * (repeated doc, metric, region, period, unit strings are stored once), so
 * a million rows cost about a hundred bytes each. Rows are freed with
 * g_free, never jd_figure_free. */
/* The pool is reference counted so an analysis can keep pointing at the
 * table's strings after the table is freed (figure-private.h). */
struct jd_string_pool {
  gint ref;
  GStringChunk *chunk;
};

struct jd_figure_table {
  GPtrArray *rows; /* jd_figure*, struct owned, strings in `strings` */
  GStringChunk *strings; /* pool->chunk */
  jd_string_pool *pool;
};

jd_figure_table *jd_figure_table_new(void)
{
  jd_figure_table *t = g_new0(jd_figure_table, 1);
  t->rows = g_ptr_array_new_with_free_func(g_free);
  t->pool = g_new0(jd_string_pool, 1);
  t->pool->ref = 1;
  t->pool->chunk = g_string_chunk_new(1 << 16);
  t->strings = t->pool->chunk;
  return t;
}

void jd_figure_table_free(jd_figure_table *t)
{
  if (!t) return;
  g_ptr_array_unref(t->rows);
  jd_string_pool_unref(t->pool);
  g_free(t);
}

jd_string_pool *jd_figure_table_ref_strings(const jd_figure_table *t)
{
  g_return_val_if_fail(t != NULL, NULL);
  g_atomic_int_inc(&t->pool->ref);
  return t->pool;
}

void jd_string_pool_unref(jd_string_pool *p)
{
  if (p && g_atomic_int_dec_and_test(&p->ref)) {
    g_string_chunk_free(p->chunk);
    g_free(p);
  }
}

/* Moves s into the pool (deduplicated unless unique) and frees s. */
static char *pool(jd_figure_table *t, char *s, gboolean unique)
{
  char *r = unique ? g_string_chunk_insert(t->strings, s)
                   : (char *)g_string_chunk_insert_const(t->strings, s);
  g_free(s);
  return r;
}

void jd_figure_table_take(jd_figure_table *t, jd_figure *f)
{
  g_return_if_fail(t != NULL && f != NULL);
  f->doc = pool(t, f->doc, FALSE);
  f->quote = pool(t, f->quote, *f->quote != '\0');
  f->metric = pool(t, f->metric, FALSE);
  f->scope = pool(t, f->scope, FALSE);
  f->drug = pool(t, f->drug, FALSE);
  f->region = pool(t, f->region, FALSE);
  f->period = pool(t, f->period, FALSE);
  f->span = pool(t, f->span, FALSE);
  f->unit = pool(t, f->unit, FALSE);
  f->base_period = pool(t, f->base_period, FALSE);
  f->where = pool(t, f->where ? f->where : g_strdup(""), FALSE);
  g_ptr_array_add(t->rows, f);
}

size_t jd_figure_table_get_count(const jd_figure_table *t) { return t ? t->rows->len : 0; }

const jd_figure *const *jd_figure_table_peek_rows(const jd_figure_table *t)
{
  return (const jd_figure *const *)t->rows->pdata;
}

const jd_figure *jd_figure_table_get(const jd_figure_table *t, size_t i)
{
  g_return_val_if_fail(t != NULL && i < t->rows->len, NULL);
  return g_ptr_array_index(t->rows, i);
}

void jd_figure_table_append(jd_figure_table *t, const jd_figure_table *other)
{
  g_return_if_fail(t != NULL);
  if (!other) return;
  for (guint i = 0; i < other->rows->len; i++)
    jd_figure_table_take(t, jd_figure_copy(g_ptr_array_index(other->rows, i)));
}

static gint compare_doc_line(gconstpointer a, gconstpointer b)
{
  const jd_figure *x = *(const jd_figure *const *)a;
  const jd_figure *y = *(const jd_figure *const *)b;
  int c = strcmp(x->doc, y->doc);
  if (c) return c;
  return (x->line > y->line) - (x->line < y->line);
}

void jd_figure_table_sort(jd_figure_table *t)
{
  g_return_if_fail(t != NULL);
  /* g_ptr_array_sort is a stable merge sort (GLib >= 2.32). */
  g_ptr_array_sort(t->rows, compare_doc_line);
}

/* ------------------------------------------------------------ value parsing */

/* Parses a whole string as a finite double; surrounding blanks allowed. */
static gboolean parse_double(const char *s, double *out)
{
  while (*s == ' ' || *s == '\t') s++;
  if (!*s) return FALSE;
  /* strtod accepts "nan", "inf" and hexadecimal; a figures table does not. */
  for (const char *p = s; *p; p++)
    if (!(g_ascii_isdigit(*p) || strchr("+-.eE \t", *p))) return FALSE;
  char *end = NULL;
  errno = 0;
  double v = g_ascii_strtod(s, &end);
  if (end == s || errno == ERANGE) return FALSE;
  while (*end == ' ' || *end == '\t') end++;
  if (*end || !isfinite(v)) return FALSE;
  *out = v;
  return TRUE;
}

static gboolean parse_line_number(const char *s, unsigned *out)
{
  while (*s == ' ' || *s == '\t') s++;
  if (!*s) {
    *out = 0;
    return TRUE;
  }
  if (!g_ascii_isdigit(*s)) return FALSE;
  char *end = NULL;
  errno = 0;
  guint64 v = g_ascii_strtoull(s, &end, 10);
  while (*end == ' ' || *end == '\t') end++;
  if (*end || errno || v > G_MAXUINT) return FALSE;
  *out = (unsigned)v;
  return TRUE;
}

/* A line number: digits (the common case) without strtoull. */
static gboolean parse_line_fast(const char *s, size_t len, unsigned *out)
{
  if (len == 0 || len > 9) return parse_line_number(s, out);
  unsigned v = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned d = (unsigned char)s[i] - '0';
    if (d > 9) return parse_line_number(s, out);
    v = v * 10 + d;
  }
  *out = v;
  return TRUE;
}

/* Fills f from one row of column texts (NULL for absent columns; len[i]
 * their lengths, or len NULL). f's strings are borrowed from col ("" for an
 * absent column). Errors name name:line. */
/* "path:line" into buf, for an error message. */
static const char *place(char *buf, size_t size, const char *name, unsigned line)
{
  g_snprintf(buf, size, "%s:%u", name, line);
  return buf;
}

static gboolean figure_from_fields(const char *const *col, const size_t *len, const char *name,
                                   unsigned line_no, jd_figure *f, GError **error)
{
  unsigned line = 0;
  double value = NAN;
  jd_qualifier q = JD_QUAL_EXACT;
  jd_kind k = JD_KIND_LEVEL;
  const char *s;
  char where[512]; /* "path:line" for messages, made only for one */

  if ((s = col[COL_LINE]) && !parse_line_fast(s, len ? len[COL_LINE] : strlen(s), &line)) {
    g_set_error(error, JD_FIGURE_ERROR, JD_FIGURE_ERROR_PARSE,
                "%s: column 'line': '%s' is not a line number — write a positive whole number "
                "or leave it empty",
                place(where, sizeof where, name, line_no), s);
    return FALSE;
  }
  s = col[COL_VALUE];
  if (s && !jd_parse_decimal(s, len ? len[COL_VALUE] : strlen(s), &value)) {
    g_autofree char *t = g_strstrip(g_strdup(s));
    if (!*t) {
      /* blank: NaN, meaning "withdrawn" in an overrides file */
    } else if (!parse_double(t, &value)) {
      g_set_error(error, JD_FIGURE_ERROR, JD_FIGURE_ERROR_PARSE,
                  "%s: column 'value': '%s' is not a number — write the value in its base unit "
                  "with a decimal point and no separators, e.g. 1480 or 30.77",
                  place(where, sizeof where, name, line_no), s);
      return FALSE;
    }
  }
  if (fabs(value) > JD_VALUE_MAX) { /* NaN (withdrawn) passes */
    g_set_error(error, JD_FIGURE_ERROR, JD_FIGURE_ERROR_PARSE,
                "%s: column 'value': %s is beyond any figure of drug work (over 10^15) and "
                "beyond exact precision — correct the value or remove the row",
                place(where, sizeof where, name, line_no), s);
    return FALSE;
  }
  static const int id_cols[] = {COL_METRIC, COL_DRUG, COL_UNIT};
  for (size_t i = 0; i < G_N_ELEMENTS(id_cols); i++) {
    /* ids name files (a chart per metric): [a-z0-9_]+ only, never a path */
    const char *id = col[id_cols[i]];
    for (const char *c = id; c && *c; c++) {
      if (!(g_ascii_islower(*c) || g_ascii_isdigit(*c) || *c == '_')) {
        /* at most 60 bytes of it, cut on a character boundary, valid UTF-8 */
        size_t n = 0;
        while (n < 60 && id[n]) n++;
        while (n > 0 && id[n] && ((guchar)id[n] & 0xC0) == 0x80) n--;
        g_autofree char *shown = g_utf8_make_valid(id, (gssize)n);
        g_set_error(error, JD_FIGURE_ERROR, JD_FIGURE_ERROR_PARSE,
                    "%s: column '%s': '%s' is not an id — ids are lower-case letters, digits "
                    "and '_' (e.g. cases_solved, heroin, kg)",
                    place(where, sizeof where, name, line_no), jd_figure_columns[id_cols[i]], shown);
        return FALSE;
      }
    }
  }
  if (!qualifier_parse(col[COL_QUALIFIER], &q)) {
    g_set_error(error, JD_FIGURE_ERROR, JD_FIGURE_ERROR_PARSE,
                "%s: column 'qualifier': unknown qualifier '%s' — use one of exact, more_than, "
                "nearly, about, less_than, at_least, at_most (or leave it empty for exact)",
                place(where, sizeof where, name, line_no), col[COL_QUALIFIER]);
    return FALSE;
  }
  if (!jd_kind_from_string(col[COL_KIND], &k)) {
    g_set_error(error, JD_FIGURE_ERROR, JD_FIGURE_ERROR_PARSE,
                "%s: column 'kind': unknown kind '%s' — use one of level, rate, share, "
                "change_pct, change_abs, change_pp, ratio (or leave it empty for level)",
                place(where, sizeof where, name, line_no), col[COL_KIND]);
    return FALSE;
  }
  g_autofree char *why = NULL;
  if (!jd_figure_value_plausible(col[COL_UNIT], k, value, &why)) {
    g_set_error(error, JD_FIGURE_ERROR, JD_FIGURE_ERROR_PARSE,
                "%s: column 'value': %s — correct the value or remove the row",
                place(where, sizeof where, name, line_no), why);
    return FALSE;
  }
#define STR(c) (col[c] ? col[c] : "")
  *f = (jd_figure){.doc = (char *)STR(COL_DOC),
                   .line = line,
                   .quote = (char *)STR(COL_QUOTE),
                   .metric = (char *)STR(COL_METRIC),
                   .scope = (char *)STR(COL_SCOPE),
                   .drug = (char *)STR(COL_DRUG),
                   .region = (char *)STR(COL_REGION),
                   .period = (char *)STR(COL_PERIOD),
                   .span = (char *)STR(COL_SPAN),
                   .value = value,
                   .unit = (char *)STR(COL_UNIT),
                   .qualifier = q,
                   .kind = k,
                   .base_period = (char *)STR(COL_BASE_PERIOD),
                   .where = (char *)STR(COL_WHERE)};
#undef STR
  return TRUE;
}

static int column_index(const char *name)
{
  for (int i = 0; i < N_COLUMNS; i++)
    if (strcmp(name, jd_figure_columns[i]) == 0) return i;
  return -1;
}

/* ------------------------------------------------------- rows of the readers */

/* The readers add rows without jd_figure_new's copies: the strings are
 * borrowed from the parse buffer and go straight into the table's pool, as
 * jd_figure_table_take would pool them. The repeated strings (a few hundred
 * documents, metrics, regions, periods) mostly hit a small direct-mapped
 * cache of pooled strings in front of the pool's hash table: one memcmp
 * instead of a hash table lookup. */
#define POOL_CACHE_SLOTS 4096
typedef struct {
  const char *pooled[POOL_CACHE_SLOTS];
  size_t len[POOL_CACHE_SLOTS];
} pool_cache;

static char *pool_cached(jd_figure_table *t, const char *s, pool_cache *c)
{
  size_t n = strlen(s);
  guint32 h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < n; i++) h = (h ^ (guchar)s[i]) * 16777619u;
  guint i = (h ^ (h >> 15)) & (POOL_CACHE_SLOTS - 1);
  if (!c->pooled[i] || c->len[i] != n || memcmp(c->pooled[i], s, n) != 0) {
    c->pooled[i] = g_string_chunk_insert_const(t->strings, s);
    c->len[i] = n;
  }
  return (char *)c->pooled[i];
}

static void table_add_borrowed(jd_figure_table *t, const jd_figure *b, pool_cache *c)
{
  jd_figure *f = g_new(jd_figure, 1);
  *f = *b;
  f->doc = pool_cached(t, b->doc, c);
  f->quote = *b->quote ? g_string_chunk_insert(t->strings, b->quote) : pool_cached(t, "", c);
  f->metric = pool_cached(t, b->metric, c);
  f->scope = pool_cached(t, b->scope, c);
  f->drug = pool_cached(t, b->drug, c);
  f->region = pool_cached(t, b->region, c);
  f->period = pool_cached(t, b->period, c);
  /* a table without spans (written before they were), or a span that is
   * none of the names (a cell of control characters the writer drops): the
   * period's own, so that a table read back equals the one written */
  f->span = pool_cached(t, jd_period_span_known(b->span) ? b->span : jd_period_span_name(b->period),
                        c);
  f->unit = pool_cached(t, b->unit, c);
  f->base_period = pool_cached(t, b->base_period, c);
  f->where = pool_cached(t, b->where ? b->where : "", c);
  g_ptr_array_add(t->rows, f);
}

/* ---------------------------------------------------------------- CSV input */

/* Fields are parsed straight from the input into one reused buffer: each
 * field's text followed by a NUL, no allocation per field or row. */
typedef struct {
  const char *name;
  const char *p, *end;
  unsigned line;  /* physical line of p */
  char *buf;      /* the current record's fields, each NUL-terminated */
  size_t len, cap;
  size_t *starts; /* where each field starts in buf */
  guint n_fields, cap_fields;
} csv_cursor;

static void csv_reserve(csv_cursor *c, size_t n)
{
  if (c->len + n > c->cap) {
    c->cap = MAX(c->cap * 2, c->len + n + 256);
    c->buf = g_realloc(c->buf, c->cap);
  }
}

static void csv_add(csv_cursor *c, const char *s, size_t n)
{
  if (n == 0) return; /* buf may still be NULL */
  csv_reserve(c, n);
  memcpy(c->buf + c->len, s, n);
  c->len += n;
}

static void csv_add_c(csv_cursor *c, char ch) { csv_add(c, &ch, 1); }

static void csv_start_field(csv_cursor *c)
{
  if (c->n_fields == c->cap_fields) {
    c->cap_fields = MAX(16u, c->cap_fields * 2);
    c->starts = g_renew(size_t, c->starts, c->cap_fields);
  }
  c->starts[c->n_fields++] = c->len;
}

static const char *csv_field(const csv_cursor *c, guint i) { return c->buf + c->starts[i]; }

static size_t csv_field_len(const csv_cursor *c, guint i)
{
  size_t end = i + 1 < c->n_fields ? c->starts[i + 1] : c->len;
  return end - 1 - c->starts[i];
}

/* Reads one record into c->buf and c->starts. *record_line receives the line it
 * starts on. Returns FALSE at the end of data (no record) or on error
 * (error set). */
static gboolean csv_read_record(csv_cursor *c, unsigned *record_line, GError **error)
{
  static const guchar special[256] = {[','] = 1, ['"'] = 2, ['\r'] = 2, ['\n'] = 2};
  c->len = 0;
  c->n_fields = 0;
  if (c->p >= c->end) return FALSE;
  *record_line = c->line;
  /* the common record, without quotes: found with one scan and copied at
   * once, its commas becoming the fields' NULs */
  const char *r = c->p;
  csv_start_field(c);
  for (;;) {
    while (r < c->end && !special[(guchar)*r]) r++;
    if (r >= c->end || *r != ',') break;
    r++;
    c->len = (size_t)(r - c->p);
    csv_start_field(c);
  }
  if (r >= c->end || *r != '"') {
    size_t n = (size_t)(r - c->p);
    c->len = 0;
    csv_reserve(c, n + 1);
    memcpy(c->buf, c->p, n);
    c->len = n + 1;
    for (guint i = 1; i < c->n_fields; i++) c->buf[c->starts[i] - 1] = '\0';
    c->buf[n] = '\0';
    c->p = r;
    if (c->p < c->end) { /* end of record */
      if (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n') c->p++;
      c->p++;
      c->line++;
    }
    return TRUE;
  }
  /* quotes somewhere: field by field */
  c->len = 0;
  c->n_fields = 0;
  for (;;) {
    csv_start_field(c);
    if (c->p < c->end && *c->p == '"') {
      unsigned open_line = c->line;
      c->p++;
      for (;;) {
        const char *q = c->p;
        while (q < c->end && *q != '"' && *q != '\r' && *q != '\n') q++;
        csv_add(c, c->p, (size_t)(q - c->p));
        c->p = q;
        if (c->p >= c->end) {
          g_set_error(error, JD_FIGURE_ERROR, JD_FIGURE_ERROR_PARSE,
                      "%s:%u: a quoted field is never closed — end it with a double quote "
                      "(write a quote inside a field as two quotes \"\")",
                      c->name, open_line);
          return FALSE;
        }
        if (*c->p == '"') {
          if (c->p + 1 < c->end && c->p[1] == '"') {
            csv_add_c(c, '"');
            c->p += 2;
            continue;
          }
          c->p++;
          break;
        }
        /* a line break inside the field: CRLF, CR and LF all become LF */
        c->line++;
        if (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n') c->p++;
        csv_add_c(c, '\n');
        c->p++;
      }
      if (c->p < c->end && *c->p != ',' && *c->p != '\r' && *c->p != '\n') {
        g_set_error(error, JD_FIGURE_ERROR, JD_FIGURE_ERROR_PARSE,
                    "%s:%u: text after the closing quote of a field — quote the whole field "
                    "and double any quote inside it",
                    c->name, c->line);
        return FALSE;
      }
    } else {
      const char *q = c->p;
      while (q < c->end && *q != ',' && *q != '\r' && *q != '\n' && *q != '"') q++;
      if (q < c->end && *q == '"') {
        g_set_error(error, JD_FIGURE_ERROR, JD_FIGURE_ERROR_PARSE,
                    "%s:%u: a double quote inside an unquoted field — enclose the field in "
                    "double quotes and write the quote as \"\"",
                    c->name, c->line);
        return FALSE;
      }
      csv_add(c, c->p, (size_t)(q - c->p));
      c->p = q;
    }
    csv_add_c(c, '\0');
    if (c->p >= c->end) break;
    if (*c->p == ',') {
      c->p++;
      continue;
    }
    /* end of record */
    if (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n') c->p++;
    c->p++;
    c->line++;
    break;
  }
  return TRUE;
}

static gboolean record_is_blank(const csv_cursor *c)
{
  return c->n_fields == 1 && *csv_field(c, 0) == '\0';
}

/* g_utf8_validate, with ASCII skipped eight bytes at a time: each line is
 * validated from its first other byte. A line break is a character
 * boundary, so the first invalid byte is found on the same line as
 * g_utf8_validate finds it (only its line is reported). */
static gboolean utf8_validate_fast(const char *data, size_t len, const char **bad)
{
  const char *p = data, *end = data + len;
  while (p < end) {
    for (; end - p >= 8; p += 8) { /* ASCII without NUL */
      guint64 w;
      memcpy(&w, p, 8);
      if ((w | (w - 0x0101010101010101ULL)) & 0x8080808080808080ULL) break;
    }
    while (p < end && (guchar)*p - 1u < 0x7fu) p++;
    if (p >= end) break;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *le = nl ? nl : end;
    if (!g_utf8_validate(p, le - p, bad)) return FALSE;
    p = le;
  }
  return TRUE;
}

/* Decodes data to UTF-8: as is when valid (*out is data itself, *owned
 * NULL), else from GB18030 (what Chinese Excel writes; *owned is the
 * converted text, *out the same). FALSE with error when neither. */
static gboolean decode_to_utf8(const char *name, const char *data, size_t len, const char **out,
                               size_t *out_len, char **owned, GError **error)
{
  const char *bad = NULL;
  *owned = NULL;
  if (utf8_validate_fast(data, len, &bad)) {
    *out = data;
    *out_len = len;
    return TRUE;
  }
  gsize written = 0;
  char *conv = g_convert(data, (gssize)len, "UTF-8", "GB18030", NULL, &written, NULL);
  if (conv) {
    *out = *owned = conv;
    *out_len = written;
    return TRUE;
  }
  unsigned line = 1;
  for (const char *p = data; p < bad; p++)
    if (*p == '\n') line++;
  g_set_error(error, JD_FIGURE_ERROR, JD_FIGURE_ERROR_PARSE,
              "%s:%u: bytes that are neither UTF-8 nor GB18030 — save the file as UTF-8", name,
              line);
  return FALSE;
}

static gboolean read_csv_utf8(jd_figure_table *t, const char *name, const char *data, size_t len,
                              GError **error)
{
  gboolean ok = FALSE;
  int map[64]; /* file column -> figure column, -1 ignored */
  guint n_header = 0;
  unsigned rec_line = 0;
  csv_cursor c = {name, data, data + len, 1, NULL, 0, 0, NULL, 0, 0};
  pool_cache *cache = g_new0(pool_cache, 1);
  GError *err = NULL;

  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) c.p += 3;
  /* header, skipping leading blank lines */
  do {
    if (!csv_read_record(&c, &rec_line, &err)) {
      if (err) goto out;
      ok = TRUE; /* empty file: no figures */
      goto out;
    }
  } while (record_is_blank(&c));
  n_header = c.n_fields;
  if (n_header > G_N_ELEMENTS(map)) {
    g_set_error(&err, JD_FIGURE_ERROR, JD_FIGURE_ERROR_PARSE,
                "%s:%u: the header has %u columns — a figures table has at most %u", name,
                rec_line, n_header, (unsigned)G_N_ELEMENTS(map));
    goto out;
  }
  gboolean seen[N_COLUMNS] = {FALSE};
  for (guint i = 0; i < n_header; i++) {
    g_autofree char *h = g_strstrip(g_strdup(csv_field(&c, i)));
    int ci = column_index(h);
    map[i] = ci;
    if (ci < 0) continue; /* extra columns (notes, comments) are ignored */
    if (seen[ci]) {
      g_set_error(&err, JD_FIGURE_ERROR, JD_FIGURE_ERROR_PARSE,
                  "%s:%u: column '%s' appears twice in the header — remove one", name, rec_line,
                  h);
      goto out;
    }
    seen[ci] = TRUE;
  }
  if (!seen[COL_VALUE] || !seen[COL_METRIC]) {
    g_set_error(&err, JD_FIGURE_ERROR, JD_FIGURE_ERROR_PARSE,
                "%s:%u: the header lacks column '%s' — the first row must name the columns "
                "(doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,"
                "base_period)",
                name, rec_line, seen[COL_METRIC] ? "value" : "metric");
    goto out;
  }

  while (csv_read_record(&c, &rec_line, &err)) {
    if (record_is_blank(&c)) continue;
    if (c.n_fields != n_header) {
      g_set_error(&err, JD_FIGURE_ERROR, JD_FIGURE_ERROR_PARSE,
                  "%s:%u: %u fields where the header has %u — quote any field that contains a "
                  "comma",
                  name, rec_line, c.n_fields, n_header);
      goto out;
    }
    const char *col[N_COLUMNS] = {NULL};
    size_t col_len[N_COLUMNS] = {0};
    for (guint i = 0; i < n_header; i++)
      if (map[i] >= 0) {
        col[map[i]] = csv_field(&c, i);
        col_len[map[i]] = csv_field_len(&c, i);
      }
    jd_figure f;
    if (!figure_from_fields(col, col_len, name, rec_line, &f, &err)) goto out;
    table_add_borrowed(t, &f, cache);
  }
  ok = (err == NULL);
out:
  if (err) g_propagate_error(error, err);
  g_free(c.buf);
  g_free(c.starts);
  g_free(cache);
  return ok;
}

gboolean jd_figure_table_read_csv(jd_figure_table *t, const char *name, const char *data,
                                  size_t len, GError **error)
{
  g_return_val_if_fail(t != NULL && (data != NULL || len == 0), FALSE);
  const char *u = NULL;
  size_t ulen = 0;
  char *owned = NULL;
  if (!decode_to_utf8(name, data ? data : "", len, &u, &ulen, &owned, error)) return FALSE;
  gboolean ok = read_csv_utf8(t, name, u, ulen, error);
  g_free(owned);
  return ok;
}

/* ------------------------------------------------------------- JSONL input */

typedef struct {
  const char *p, *end;
  const char *name;
  unsigned line;
} json_cursor;

static void json_skip_ws(json_cursor *j)
{
  while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\r')) j->p++;
}

static gboolean json_fail(json_cursor *j, GError **error, const char *what)
{
  g_set_error(error, JD_FIGURE_ERROR, JD_FIGURE_ERROR_PARSE,
              "%s:%u: %s — each line must be one JSON object such as "
              "{\"metric\":\"cases_solved\",\"value\":1480}",
              j->name, j->line, what);
  return FALSE;
}

static int hex4(const char *p)
{
  int v = 0;
  for (int i = 0; i < 4; i++) {
    int d = g_ascii_xdigit_value(p[i]);
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/* Parses a JSON string at j->p (which is at the opening quote) and
 * appends its text to out. */
/* Line breaks in out from start on as the CSV reader gives them: CRLF, CR
 * and LF all become LF (a JSONL record's "a\rb" and its CSV copy read back
 * the same, so a table survives a round trip through either form). */
static void json_line_breaks(GString *out, gsize start)
{
  if (!memchr(out->str + start, '\r', out->len - start)) return;
  gsize w = start;
  for (gsize r = start; r < out->len; r++) {
    if (out->str[r] == '\r') {
      if (r + 1 < out->len && out->str[r + 1] == '\n') r++;
      out->str[w++] = '\n';
    } else {
      out->str[w++] = out->str[r];
    }
  }
  g_string_truncate(out, w);
}

static gboolean json_string(json_cursor *j, GString *out, GError **error)
{
  gsize start = out->len;
  j->p++;
  while (j->p < j->end) {
    const char *run = j->p; /* plain bytes, appended at once */
    while (j->p < j->end && (guchar)*j->p >= 0x20 && *j->p != '"' && *j->p != '\\') j->p++;
    if (j->p > run) g_string_append_len(out, run, j->p - run);
    if (j->p >= j->end) break;
    unsigned char ch = (unsigned char)*j->p;
    if (ch == '"') {
      j->p++;
      json_line_breaks(out, start);
      return TRUE;
    }
    if (ch < 0x20) return json_fail(j, error, "a control character inside a string");
    if (j->p + 1 >= j->end) break;
    char e = j->p[1];
    j->p += 2;
    switch (e) {
    case '"': g_string_append_c(out, '"'); break;
    case '\\': g_string_append_c(out, '\\'); break;
    case '/': g_string_append_c(out, '/'); break;
    case 'b': g_string_append_c(out, '\b'); break;
    case 'f': g_string_append_c(out, '\f'); break;
    case 'n': g_string_append_c(out, '\n'); break;
    case 'r': g_string_append_c(out, '\r'); break;
    case 't': g_string_append_c(out, '\t'); break;
    case 'u': {
      if (j->end - j->p < 4) return json_fail(j, error, "a \\u escape with fewer than 4 digits");
      int cp = hex4(j->p);
      if (cp < 0) return json_fail(j, error, "a \\u escape with a non-hex digit");
      j->p += 4;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        int lo = (j->end - j->p >= 6 && j->p[0] == '\\' && j->p[1] == 'u') ? hex4(j->p + 2) : -1;
        if (lo < 0xDC00 || lo > 0xDFFF)
          return json_fail(j, error, "a lone UTF-16 surrogate in a \\u escape");
        j->p += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return json_fail(j, error, "a lone UTF-16 surrogate in a \\u escape");
      } else if (cp == 0) {
        return json_fail(j, error, "a NUL character (\\u0000) inside a string");
      }
      g_string_append_unichar(out, (gunichar)cp);
      break;
    }
    default: return json_fail(j, error, "an unknown escape sequence in a string");
    }
  }
  return json_fail(j, error, "a string is never closed");
}

/* Parses one scalar value: string, number, true/false/null, and appends
 * its text to out (a number as written; null as "null" with *is_null). */
static gboolean json_scalar(json_cursor *j, GString *out, gboolean *is_null, gboolean *is_string,
                            GError **error)
{
  *is_null = FALSE;
  *is_string = FALSE;
  json_skip_ws(j);
  if (j->p >= j->end) return json_fail(j, error, "a value is missing");
  if (*j->p == '"') {
    *is_string = TRUE;
    return json_string(j, out, error);
  }
  if (*j->p == '{' || *j->p == '[')
    return json_fail(j, error, "a nested object or array where a plain value was expected");
  const char *s = j->p;
  while (j->p < j->end && !strchr(",} \t\r", *j->p)) j->p++;
  gsize start = out->len;
  g_string_append_len(out, s, j->p - s);
  const char *tok = out->str + start;
  if (strcmp(tok, "null") == 0) {
    *is_null = TRUE;
    return TRUE;
  }
  if (strcmp(tok, "true") == 0 || strcmp(tok, "false") == 0) return TRUE;
  double d;
  if (!jd_parse_decimal(tok, out->len - start, &d) && !parse_double(tok, &d))
    return json_fail(j, error, "a value that is not valid JSON");
  return TRUE;
}

/* column_index without a strcmp per column name: the first byte first */
static int column_index_fast(const char *name)
{
  for (int i = 0; i < N_COLUMNS; i++)
    if (name[0] == jd_figure_columns[i][0] && strcmp(name, jd_figure_columns[i]) == 0) return i;
  return -1;
}

/* The parse buffers of a JSON Lines file, reused from line to line. */
typedef struct {
  GString *key;
  GString *vals; /* the line's column values, each followed by a NUL */
  pool_cache *cache;
} jsonl_buffers;

static gboolean read_jsonl_line(jd_figure_table *t, json_cursor *j, jsonl_buffers *b,
                                GError **error)
{
  gboolean ok = FALSE;
  gssize off[N_COLUMNS]; /* where each column's value starts in vals, -1 absent */
  for (int i = 0; i < N_COLUMNS; i++) off[i] = -1;
  GString *key = b->key, *vals = b->vals;
  g_string_truncate(vals, 0);

  json_skip_ws(j);
  if (j->p >= j->end || *j->p != '{') {
    json_fail(j, error, "the line does not start with '{'");
    goto out;
  }
  j->p++;
  json_skip_ws(j);
  if (j->p < j->end && *j->p == '}') {
    j->p++;
  } else {
    for (;;) {
      json_skip_ws(j);
      if (j->p >= j->end || *j->p != '"') {
        json_fail(j, error, "expected a quoted member name");
        goto out;
      }
      g_string_truncate(key, 0);
      if (!json_string(j, key, error)) goto out;
      json_skip_ws(j);
      if (j->p >= j->end || *j->p != ':') {
        json_fail(j, error, "expected ':' after a member name");
        goto out;
      }
      j->p++;
      gboolean is_null, is_string;
      gsize start = vals->len;
      if (!json_scalar(j, vals, &is_null, &is_string, error)) goto out;
      int ci = column_index_fast(key->str);
      if (ci < 0 || is_null) g_string_truncate(vals, start); /* ignored, or null: "" */
      if (ci >= 0) {
        if (off[ci] >= 0) {
          char what[128];
          g_snprintf(what, sizeof what, "member '%s' appears twice", key->str);
          json_fail(j, error, what);
          goto out;
        }
        off[ci] = (gssize)start;
        g_string_append_c(vals, '\0');
        if (!is_string && !is_null && ci != COL_LINE && ci != COL_VALUE) {
          char what[160];
          g_snprintf(what, sizeof what, "member '%s' must be a string", key->str);
          json_fail(j, error, what);
          goto out;
        }
      }
      json_skip_ws(j);
      if (j->p < j->end && *j->p == ',') {
        j->p++;
        continue;
      }
      if (j->p < j->end && *j->p == '}') {
        j->p++;
        break;
      }
      json_fail(j, error, "expected ',' or '}' after a value");
      goto out;
    }
  }
  json_skip_ws(j);
  if (j->p < j->end) {
    json_fail(j, error, "text after the closing '}' (one object per line)");
    goto out;
  }
  if (off[COL_METRIC] < 0 && off[COL_VALUE] < 0) {
    json_fail(j, error, "the object has neither 'metric' nor 'value'");
    goto out;
  }
  const char *col[N_COLUMNS];
  size_t col_len[N_COLUMNS];
  for (int i = 0; i < N_COLUMNS; i++) {
    col[i] = off[i] >= 0 ? vals->str + off[i] : NULL;
    col_len[i] = col[i] ? strlen(col[i]) : 0;
  }
  jd_figure f;
  if (!figure_from_fields(col, col_len, j->name, j->line, &f, error)) goto out;
  table_add_borrowed(t, &f, b->cache);
  ok = TRUE;
out:
  return ok;
}

/* Reads JSON Lines from data (UTF-8). Blank lines are skipped. */
gboolean jd_figure_table_read_jsonl(jd_figure_table *t, const char *name, const char *data,
                                    size_t len, GError **error)
{
  g_return_val_if_fail(t != NULL && (data != NULL || len == 0), FALSE);
  const char *p = data ? data : "", *end = p + len;
  const char *bad = NULL;
  if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
  if (!utf8_validate_fast(p, (size_t)(end - p), &bad)) {
    unsigned line = 1;
    for (const char *q = p; q < bad; q++)
      if (*q == '\n') line++;
    g_set_error(error, JD_FIGURE_ERROR, JD_FIGURE_ERROR_PARSE,
                "%s:%u: bytes that are not UTF-8 — JSON Lines must be UTF-8", name, line);
    return FALSE;
  }
  unsigned line = 1;
  jsonl_buffers b = {g_string_sized_new(32), g_string_sized_new(256), g_new0(pool_cache, 1)};
  gboolean ok = TRUE;
  while (p < end && ok) {
    const char *nl = memchr(p, '\n', end - p);
    const char *le = nl ? nl : end;
    json_cursor j = {p, le, name, line};
    json_skip_ws(&j);
    if (j.p < le && !read_jsonl_line(t, &j, &b, error)) ok = FALSE;
    p = nl ? nl + 1 : end;
    line++;
  }
  g_string_free(b.key, TRUE);
  g_string_free(b.vals, TRUE);
  g_free(b.cache);
  return ok;
}

static gboolean looks_like_jsonl(const char *data, size_t len)
{
  size_t i = 0;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) i = 3;
  while (i < len && g_ascii_isspace(data[i])) i++;
  return i < len && data[i] == '{';
}

gboolean jd_figure_table_read_data(jd_figure_table *t, const char *name, const char *data,
                                   size_t len, GError **error)
{
  if (looks_like_jsonl(data, len)) return jd_figure_table_read_jsonl(t, name, data, len, error);
  return jd_figure_table_read_csv(t, name, data, len, error);
}

gboolean jd_figure_table_read_file(jd_figure_table *t, const char *path, GError **error)
{
  g_return_val_if_fail(t != NULL && path != NULL, FALSE);
  /* parsed straight from the mapped file: no copy; anything that cannot be
   * mapped (a pipe, an error) or maps as empty (an empty file, /proc) is
   * read the ordinary way */
  GMappedFile *map = g_mapped_file_new(path, FALSE, NULL);
  if (map && g_mapped_file_get_length(map) > 0) {
    gboolean ok = jd_figure_table_read_data(t, path, g_mapped_file_get_contents(map),
                                            g_mapped_file_get_length(map), error);
    g_mapped_file_unref(map);
    return ok;
  }
  if (map) g_mapped_file_unref(map);
  char *data = NULL;
  gsize len = 0;
  GError *err = NULL;
  if (!g_file_get_contents(path, &data, &len, &err)) {
    g_set_error(error, JD_FIGURE_ERROR, JD_FIGURE_ERROR_IO,
                "%s: cannot read the figures table: %s — check the path and permissions", path,
                err->message);
    g_error_free(err);
    return FALSE;
  }
  gboolean ok = jd_figure_table_read_data(t, path, data, len, error);
  g_free(data);
  return ok;
}

/* ------------------------------------------------------------------ output */

/* "%.<d>f" of v without printf, for |v| * 10^d < 1e15 away from a rounding
 * tie (the product is inexact there); FALSE: use printf. buf holds >= 40. */
gboolean jd_fixed_digits_fast(double v, int d, char *buf);
gboolean jd_fixed_digits_fast(double v, int d, char *buf)
{
  static const double p10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12};
  if (d < 0 || d > 12 || !isfinite(v)) return FALSE;
  double a = fabs(v) * p10[d];
  if (!(a < 1e15)) return FALSE;
  double m = nearbyint(a);
  if (fabs(fabs(a - m) - 0.5) < 1e-6) return FALSE;
  unsigned long long u = (unsigned long long)m;
  char tmp[40], *e = tmp + sizeof tmp, *p = e;
  int k = 0;
  do {
    *--p = (char)('0' + u % 10);
    u /= 10;
    if (++k == d) *--p = '.';
  } while (u || k <= d);
  if (*p == '.') *--p = '0';
  char *o = buf;
  if (v < 0 && m != 0) *o++ = '-';
  memcpy(o, p, (size_t)(e - p));
  o[e - p] = '\0';
  return TRUE;
}

static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

gboolean jd_parse_decimal(const char *s, size_t len, double *out)
{
  const char *p = s, *end = s + len;
  gboolean neg = FALSE, dot = FALSE;
  if (p < end && *p == '-') {
    neg = TRUE;
    p++;
  }
  guint64 m = 0;
  int n_digits = 0, n_significant = 0, n_decimals = 0;
  for (; p < end; p++) {
    unsigned d = (unsigned char)*p - '0';
    if (d <= 9) {
      n_digits++;
      n_decimals += dot;
      if (m || d) {
        if (++n_significant > 15) return FALSE;
        m = m * 10 + d;
      }
    } else if (*p == '.' && !dot) {
      dot = TRUE;
    } else {
      return FALSE;
    }
  }
  if (!n_digits || n_decimals > 22) return FALSE;
  /* m < 10^15 < 2^53 and 10^k (k <= 22) are exact: one rounding */
  double v = (double)m;
  if (n_decimals) v /= pow10_exact[n_decimals];
  *out = neg ? -v : v;
  return TRUE;
}

/* Digits of u before end, returns the start. */
static char *utoa_end(unsigned long long u, char *end)
{
  do {
    *--end = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  return end;
}

/* The shortest text that reads back as exactly v (round-trip formatting):
 * the fewest significant digits (%.1g … %.17g) that give v back, written
 * without an exponent for 10^-6 <= |v| < 10^21 (the fewest decimals that
 * give v back). */
static size_t shortest_round_trip(double v, char *buf)
{
  char big[G_ASCII_DTOSTR_BUF_SIZE + 64], fmt[16];
  for (int p = 1; p <= 17; p++) {
    g_snprintf(fmt, sizeof fmt, "%%.%dg", p);
    g_ascii_formatd(big, sizeof big, fmt, v);
    if (g_ascii_strtod(big, NULL) == v) break;
  }
  double a = fabs(v);
  if (strchr(big, 'e') && a >= 1e-6 && a < 1e21) {
    for (int d = 0; d <= 40; d++) {
      g_snprintf(fmt, sizeof fmt, "%%.%df", d);
      g_ascii_formatd(big, sizeof big, fmt, v);
      if (g_ascii_strtod(big, NULL) == v) break;
    }
  }
  return (size_t)g_snprintf(buf, JD_VALUE_BUF, "%s", big);
}

size_t jd_figure_format_value_buf(double v, char *buf)
{
  if (isnan(v)) {
    buf[0] = '\0';
    return 0;
  }
  if (isinf(v)) return (size_t)g_snprintf(buf, JD_VALUE_BUF, "%s", v > 0 ? "inf" : "-inf");
  if (v == 0) {
    memcpy(buf, "0", 2);
    return 1;
  }
  if (fabs(v) < 9007199254740992.0 && v == nearbyint(v)) {
    /* whole numbers, the common case: digits by hand, no printf; every whole
     * number below 2^53 is written with all its digits (12345678901) */
    long long n = (long long)v;
    char tmp[32], *e = tmp + sizeof tmp;
    char *p = utoa_end(n < 0 ? (unsigned long long)(-n) : (unsigned long long)n, e);
    if (n < 0) *--p = '-';
    memcpy(buf, p, (size_t)(e - p));
    buf[e - p] = '\0';
    return (size_t)(e - p);
  }
  if (fabs(v) < 1e9) {
    /* the shortest of %.1f … %.6f that reads back as v. The digits are
     * m = round(|v| * 10^d) as jd_fixed_digits_fast makes them (it gives up
     * near a tie), and they read back as m / 10^d (jd_parse_decimal), so
     * the test needs no text. */
    double av = fabs(v);
    for (int d = 1; d <= 6 && av * pow10_exact[d] < 1e10; d++) {
      double a = av * pow10_exact[d], m = nearbyint(a);
      if (fabs(fabs(a - m) - 0.5) < 1e-6 || m / pow10_exact[d] != av) continue;
      if (jd_fixed_digits_fast(v, d, buf)) return strlen(buf);
    }
  }
  return shortest_round_trip(v, buf);
}

char *jd_figure_format_value(double v)
{
  char buf[JD_VALUE_BUF];
  size_t n = jd_figure_format_value_buf(v, buf);
  return g_strndup(buf, n);
}

void jd_figure_append_value(GString *out, double v)
{
  char buf[JD_VALUE_BUF];
  size_t n = jd_figure_format_value_buf(v, buf);
  g_string_append_len(out, buf, (gssize)n);
}

static void csv_append_raw(GString *out, const char *s)
{
  /* one pass: the length, and whether a byte needs quotes */
  const char *p = s;
  gboolean quote = FALSE;
  for (; *p; p++)
    if ((guchar)*p <= ',' && (*p == ',' || *p == '"' || *p == '\n' || *p == '\r')) quote = TRUE;
  if (p > s && (*s == ' ' || p[-1] == ' ')) quote = TRUE;
  if (!quote) {
    g_string_append_len(out, s, p - s);
    return;
  }
  g_string_append_c(out, '"');
  for (const char *q = s; *q; q++) {
    if (*q == '"') g_string_append_c(out, '"');
    g_string_append_c(out, *q);
  }
  g_string_append_c(out, '"');
}

/* The first byte of s[p, n) that may ask for quotes or care: below 0x20,
 * '"', ',', DEL, or C2, D8, E2 (which may start a hidden character); n if
 * none. Sixteen bytes at a time where SSE2 is there: a quote is a whole
 * clause, hundreds of bytes, for every figure. */
#if defined(__SSE2__)
/* Bit i set: byte i of the 16 at s may ask for quotes or care. */
static inline unsigned csv_special_bits(const char *s)
{
  const __m128i c1f = _mm_set1_epi8(0x1F), dq = _mm_set1_epi8('"'), comma = _mm_set1_epi8(','),
                del = _mm_set1_epi8(0x7F), c2 = _mm_set1_epi8((char)0xC2),
                d8 = _mm_set1_epi8((char)0xD8), e2 = _mm_set1_epi8((char)0xE2);
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
  __m128i m = _mm_cmpeq_epi8(_mm_max_epu8(x, c1f), c1f); /* x <= 0x1F */
  m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(x, dq), _mm_cmpeq_epi8(x, comma)));
  m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(x, del), _mm_cmpeq_epi8(x, c2)));
  m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(x, d8), _mm_cmpeq_epi8(x, e2)));
  return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* The bytes csv_next_special stops at: below 0x20, '"', ',', DEL, C2, D8, E2. */
static const guint8 csv_special[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static size_t csv_next_special(const char *s, size_t n, size_t p)
{
#if defined(__SSE2__)
  for (; p + 16 <= n; p += 16) {
    unsigned bits = csv_special_bits(s + p);
    if (bits) return p + (size_t)__builtin_ctz(bits);
  }
#endif
  for (; p < n; p++) /* the last bytes (all of a short field) */
    if (csv_special[(guchar)s[p]]) return p;
  return n;
}


void jd_csv_append_field(GString *out, const char *s)
{
  /* the common case in one look at each byte: no care (jd_cell_needs_care
   * FALSE), quoted or not as csv_append_raw would */
  size_t n = strlen(s);
  gboolean care = n && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
                        s[0] == '\r');
  gboolean quote = n && (s[0] == ' ' || s[n - 1] == ' ');
  for (size_t p = csv_next_special(s, n, 0); !care && p < n; p = csv_next_special(s, n, p + 1)) {
    guchar b = (guchar)s[p];
    if (b == '"' || b == ',') quote = TRUE;
    else care = b < 0x20 || b == 0x7F || jd_cell_hidden_at((const guchar *)s + p);
  }
  if (care) {
    g_autofree char *safe = jd_cell_safe_text(s);
    csv_append_raw(out, safe);
    return;
  }
  if (!quote) {
    jd_append_fast(out, s, n);
    return;
  }
  g_string_append_c(out, '"');
  for (const char *q = s, *dq; *q; q = dq + 1) {
    dq = strchr(q, '"');
    if (!dq) {
      g_string_append(out, q);
      break;
    }
    g_string_append_len(out, q, dq - q + 1); /* up to and with the quote, */
    g_string_append_c(out, '"');              /* which is doubled */
  }
  g_string_append_c(out, '"');
}

/* Appends s as a JSON string; invalid UTF-8 is replaced by U+FFFD so the
 * output always parses. */
void jd_json_append_string(GString *out, const char *s)
{
  const char *na = s; /* the first non-ASCII byte: ASCII needs no validation */
  while (*na && (guchar)*na < 0x80) na++;
  g_autofree char *valid =
      !*na || g_utf8_validate(na, -1, NULL) ? NULL : g_utf8_make_valid(s, -1);
  const unsigned char *p = (const unsigned char *)(valid ? valid : s);
  g_string_append_c(out, '"');
  for (; *p; p++) {
    /* a run of bytes written as they are, appended at once */
    const unsigned char *run = p;
    while (*p >= 0x20 && *p != '"' && *p != '\\' && *p != 0x7f && *p != 0xE2) p++;
    if (p > run) g_string_append_len(out, (const char *)run, p - run);
    if (!*p) break;
    switch (*p) {
    case '"': g_string_append(out, "\\\""); break;
    case '\\': g_string_append(out, "\\\\"); break;
    case '\n': g_string_append(out, "\\n"); break;
    case '\r': g_string_append(out, "\\r"); break;
    case '\t': g_string_append(out, "\\t"); break;
    case '\b': g_string_append(out, "\\b"); break;
    case '\f': g_string_append(out, "\\f"); break;
    default:
      if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf(out, "\\u%04x", *p);
      else if (*p == 0xE2 && ((p[1] == 0x80 && ((p[2] >= 0xA8 && p[2] <= 0xAE) || p[2] == 0x8E ||
                                                p[2] == 0x8F)) ||
                              (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9))) {
        /* U+2028/2029 are valid JSON but break JavaScript line parsing; the
         * bidirectional controls (U+200E/F, U+202A–E, U+2066–9) are escaped
         * so that no reader shows text reordered */
        g_string_append_printf(out, "\\u%04x", 
                               0x2000 | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
        p += 2;
      } else
        g_string_append_c(out, (char)*p);
    }
  }
  g_string_append_c(out, '"');
}

void jd_figure_write_header(GString *out, jd_figure_format format, gboolean bom)
{
  if (format != JD_FORMAT_CSV) return;
  if (bom) g_string_append(out, "\xEF\xBB\xBF");
  for (int i = 0; jd_figure_columns[i]; i++) {
    if (i) g_string_append_c(out, ',');
    g_string_append(out, jd_figure_columns[i]);
  }
  g_string_append(out, "\r\n");
}

void jd_figure_write(GString *out, const jd_figure *f, jd_figure_format format)
{
  char v[JD_VALUE_BUF], line_buf[16], *line = utoa_end(f->line, line_buf + sizeof line_buf - 1);
  line_buf[sizeof line_buf - 1] = '\0';
  jd_figure_format_value_buf(f->value, v);
  const char *text[N_COLUMNS] = {f->doc,    line,     f->quote,  f->metric, f->scope,
                                 f->drug,   f->region, f->period, f->span,   v,
                                 f->unit,   qualifier_name(f->qualifier),
                                 jd_kind_to_string(f->kind), f->base_period, f->where};
  if (format == JD_FORMAT_CSV) {
    for (int i = 0; i < N_COLUMNS; i++) {
      if (i) g_string_append_c(out, ',');
      /* a number (-5) is no formula: only text cells are neutralised */
      if (i == COL_LINE || i == COL_VALUE)
        g_string_append(out, text[i]);
      else
        jd_csv_append_field(out, text[i] ? text[i] : "");
    }
    g_string_append(out, "\r\n");
    return;
  }
  g_string_append_c(out, '{');
  for (int i = 0; i < N_COLUMNS; i++) {
    if (i) g_string_append_c(out, ',');
    jd_json_append_string(out, jd_figure_columns[i]);
    g_string_append_c(out, ':');
    if (i == COL_LINE)
      g_string_append(out, line);
    else if (i == COL_VALUE)
      g_string_append(out, (*v && isfinite(f->value)) ? v : "null");
    else
      jd_json_append_string(out, text[i] ? text[i] : "");
  }
  g_string_append(out, "}\n");
}

GString *jd_figure_table_to_string(const jd_figure_table *t, jd_figure_format format,
                                   gboolean bom)
{
  GString *out = g_string_sized_new(128 + (t ? t->rows->len : 0) * 128);
  jd_figure_write_header(out, format, bom);
  for (guint i = 0; t && i < t->rows->len; i++)
    jd_figure_write(out, g_ptr_array_index(t->rows, i), format);
  return out;
}

gboolean jd_figure_table_write_file(const jd_figure_table *t, const char *path,
                                    jd_figure_format format, gboolean bom, GError **error)
{
  g_return_val_if_fail(t != NULL && path != NULL, FALSE);
  GString *out = jd_figure_table_to_string(t, format, bom);
  GError *err = NULL;
  /* readers never see a half-written table (util/atomic.h) */
  gboolean ok = jd_atomic_write(path, out->str, out->len, &err);
  if (!ok) {
    g_set_error(error, JD_FIGURE_ERROR, JD_FIGURE_ERROR_IO,
                "%s: cannot write the figures table: %s — check that the directory exists and "
                "is writable",
                path, err->message);
    g_error_free(err);
  }
  g_string_free(out, TRUE);
  return ok;
}

/* --------------------------------------------------------------- overrides */

static char *key_with_doc(const jd_figure *f)
{
  return g_strdup_printf("%s\x1f%u\x1f%s\x1f%s\x1f%s\x1f%s\x1f%d", f->doc, f->line, f->metric,
                         f->scope, f->drug, f->period, (int)f->kind);
}

static char *key_without_doc(const jd_figure *f)
{
  return g_strdup_printf("%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%d", f->metric, f->scope, f->drug,
                         f->region, f->period, (int)f->kind);
}

/* A copy of f whose strings are in t's pool. */
static jd_figure *table_copy(jd_figure_table *t, const jd_figure *f)
{
  jd_figure *c = g_new(jd_figure, 1);
  *c = *f;
  c->doc = (char *)g_string_chunk_insert_const(t->strings, f->doc);
  c->quote = g_string_chunk_insert(t->strings, f->quote);
  c->metric = (char *)g_string_chunk_insert_const(t->strings, f->metric);
  c->scope = (char *)g_string_chunk_insert_const(t->strings, f->scope);
  c->drug = (char *)g_string_chunk_insert_const(t->strings, f->drug);
  c->region = (char *)g_string_chunk_insert_const(t->strings, f->region);
  c->period = (char *)g_string_chunk_insert_const(t->strings, f->period);
  c->span = (char *)g_string_chunk_insert_const(t->strings, f->span);
  c->unit = (char *)g_string_chunk_insert_const(t->strings, f->unit);
  c->base_period = (char *)g_string_chunk_insert_const(t->strings, f->base_period);
  c->where = (char *)g_string_chunk_insert_const(t->strings, f->where ? f->where : "");
  return c;
}

size_t jd_figure_table_apply_overrides(jd_figure_table *t, const jd_figure_table *overrides)
{
  g_return_val_if_fail(t != NULL, 0);
  if (!overrides || overrides->rows->len == 0) return 0;
  size_t n_effect = 0;
  /* key -> index into overrides (1-based); later rows win over earlier ones */
  GHashTable *by_doc = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *by_any = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  guint no = overrides->rows->len;
  gboolean *used = g_new0(gboolean, no);
  for (guint i = 0; i < no; i++) {
    const jd_figure *o = g_ptr_array_index(overrides->rows, i);
    if (*o->doc)
      g_hash_table_replace(by_doc, key_with_doc(o), GUINT_TO_POINTER(i + 1));
    else
      g_hash_table_replace(by_any, key_without_doc(o), GUINT_TO_POINTER(i + 1));
  }
  GPtrArray *rows = g_ptr_array_new_full(t->rows->len + no, g_free);
  for (guint i = 0; i < t->rows->len; i++) {
    jd_figure *f = g_ptr_array_index(t->rows, i);
    guint hit = 0;
    if (g_hash_table_size(by_doc)) {
      g_autofree char *k = key_with_doc(f);
      hit = GPOINTER_TO_UINT(g_hash_table_lookup(by_doc, k));
    }
    if (!hit && g_hash_table_size(by_any)) {
      g_autofree char *k = key_without_doc(f);
      hit = GPOINTER_TO_UINT(g_hash_table_lookup(by_any, k));
    }
    if (!hit) {
      g_ptr_array_add(rows, f);
      t->rows->pdata[i] = NULL;
      continue;
    }
    const jd_figure *o = g_ptr_array_index(overrides->rows, hit - 1);
    n_effect++;
    /* the first matched row takes the override's place; later matches go */
    if (!used[hit - 1] && !isnan(o->value)) g_ptr_array_add(rows, table_copy(t, o));
    used[hit - 1] = TRUE;
  }
  /* overrides that matched nothing are added (a withdrawn value adds nothing);
   * an override shadowed by a later one with the same key is not added */
  for (guint i = 0; i < no; i++) {
    const jd_figure *o = g_ptr_array_index(overrides->rows, i);
    if (used[i] || isnan(o->value)) continue;
    g_autofree char *k = *o->doc ? key_with_doc(o) : key_without_doc(o);
    GHashTable *h = *o->doc ? by_doc : by_any;
    if (GPOINTER_TO_UINT(g_hash_table_lookup(h, k)) != i + 1) continue;
    g_ptr_array_add(rows, table_copy(t, o));
    n_effect++;
  }
  g_ptr_array_unref(t->rows);
  t->rows = rows;
  g_free(used);
  g_hash_table_unref(by_doc);
  g_hash_table_unref(by_any);
  return n_effect;
}

gboolean jd_figure_table_load(jd_figure_table *t, const char *const *tables,
                              const char *const *overrides, GError **error)
{
  for (const char *const *p = tables; p && *p; p++)
    if (!jd_figure_table_read_file(t, *p, error)) return FALSE;
  jd_figure_table *o = jd_figure_table_new();
  for (const char *const *p = overrides; p && *p; p++) {
    if (!jd_figure_table_read_file(o, *p, error)) {
      jd_figure_table_free(o);
      return FALSE;
    }
  }
  jd_figure_table_apply_overrides(t, o);
  jd_figure_table_free(o);
  /* one order whatever the order of the files: shards of one extraction
   * (jindu merge, analyze over shard files) give what a single run gives */
  jd_figure_table_sort(t);
  return TRUE;
}
