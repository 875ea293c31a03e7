/* The check of a table's row of totals (audit-private.h): the readers of
 * src/text/ mark a cell of a 合计 row in its `where` ("表1 第5行 第2列(合计)");
 * here each such cell is set against the sum of the cells of the same column
 * and series (metric, drug, period, unit) in the rows it totals. Every value
 * stands for the interval its stated precision allows (jd_audit_interval), so
 * 1.2万 + 0.8万 against 2.1万 is no error; an error is raised only when no
 * values in the intervals add up. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/audit-private.h"
#include "util/where.h"

typedef struct {
  int table, row, col;
  gboolean total;
} cell_ref;

/* The number after the word at *p (表, 第); *p moves past the number. */
static gboolean number_after(const char **p, const char *word, int *out)
{
  while (**p == ' ') (*p)++;
  if (!g_str_has_prefix(*p, word)) return FALSE;
  *p += strlen(word);
  char *end = NULL;
  long v = strtol(*p, &end, 10);
  if (end == *p || v < 0 || v > G_MAXINT) return FALSE;
  *out = (int)v;
  *p = end;
  return TRUE;
}

/* "表1 第5行 第3列(合计)" (sscanf would read the format in the locale's charset). */
static gboolean parse_where(const char *where, cell_ref *c)
{
  const char *p = where;
  if (!p || !number_after(&p, "表", &c->table) || !number_after(&p, "第", &c->row) ||
      !g_str_has_prefix(p, "行") || !number_after((p += strlen("行"), &p), "第", &c->col))
    return FALSE;
  c->total = g_str_has_suffix(where, JD_WHERE_TOTAL_ROW);
  return TRUE;
}

static gboolean same_series(const jd_figure *a, const jd_figure *b)
{
  return a->kind == b->kind && !strcmp(a->metric, b->metric) && !strcmp(a->drug, b->drug) &&
         !strcmp(a->period, b->period) && !strcmp(a->unit, b->unit) && !strcmp(a->doc, b->doc);
}

/* Adds f to the parts of the total tot when it is a cell of tot's column and
 * series; FALSE at another row of totals of the column, where the parts end. */
static gboolean take_part(const jd_figure *f, const jd_figure *tot, const cell_ref *tc,
                          const jd_figure **parts, size_t *k, size_t max)
{
  cell_ref c;
  if (!parse_where(f->where, &c) || c.table != tc->table || c.col != tc->col ||
      !same_series(f, tot))
    return TRUE;
  if (c.total) return FALSE;
  if (jd_audit_is_level(f) && isfinite(f->value) && *k < max) parts[(*k)++] = f;
  return TRUE;
}

/* The parts of the total doc[t]: the cells of its column and series in the
 * rows between the row of totals before it and it, else (totals first) those
 * after it up to the next row of totals. */
static size_t find_parts(const jd_figure *const *doc, size_t n, size_t t, const cell_ref *tc,
                         const jd_figure **parts, size_t max)
{
  size_t k = 0;
  for (size_t i = t; i-- > 0;)
    if (!take_part(doc[i], doc[t], tc, parts, &k, max)) break;
  for (size_t i = 0; i < k / 2; i++) { /* in the table's order */
    const jd_figure *x = parts[i];
    parts[i] = parts[k - 1 - i];
    parts[k - 1 - i] = x;
  }
  if (k == 0)
    for (size_t i = t + 1; i < n; i++)
      if (!take_part(doc[i], doc[t], tc, parts, &k, max)) break;
  return k;
}

/* A finding about total, with the sources total and its parts in document order. */
static jd_finding *finding_new(jd_analysis *a, jd_severity sev, const jd_figure *total,
                               const jd_figure **parts, size_t k)
{
  jd_finding *fd = jd_analysis_alloc0(a, sizeof *fd);
  fd->kind = JD_FINDING_TABLE_TOTAL;
  fd->severity = sev;
  fd->metric = total->metric; /* the table's strings, which the analysis keeps */
  fd->drug = total->drug;
  fd->region = total->region;
  fd->period = total->period;
  fd->computed_interval.low = fd->computed_interval.high = NAN;
  jd_source *src = jd_analysis_alloc(a, (k + 1) * sizeof *src);
  for (size_t i = 0; i <= k; i++) {
    const jd_figure *f = i < k ? parts[i] : total; /* the parts come before their total */
    src[i] = (jd_source){f->doc, f->line, f->quote, f->value, f->qualifier, f->kind, f->period};
  }
  fd->sources = src;
  fd->n_sources = k + 1;
  return fd;
}

static void total_finding(jd_analysis *a, const jd_figure *total, const jd_figure **parts,
                          size_t k, const jd_interval *sum)
{
  jd_interval it = jd_audit_interval(total);
  gboolean fits = sum->low <= it.high + 1e-9 * fabs(it.high) &&
                  it.low <= sum->high + 1e-9 * fabs(sum->high);
  jd_finding *fd = finding_new(a, fits ? JD_SEVERITY_OK : JD_SEVERITY_ERROR, total, parts, k);
  double s = 0;
  for (size_t i = 0; i < k; i++) s += parts[i]->value;
  fd->stated = total->value;
  fd->computed = s;
  fd->computed_interval = *sum;
  jd_numbuf bt, bs, bv;
  GString *ex = g_string_new(NULL), *ar = g_string_new(NULL);
  for (size_t i = 0; i < k; i++)
    jd_sappend(ar, "%s%s", i ? " + " : "", jd_buf_cn_value(&bv, parts[i]->value));
  jd_sappend(ar, " = %s（合计 %s）", jd_buf_cn_value(&bs, s), jd_buf_cn_value(&bt, total->value));
  jd_sappend(ex, "%s %s：合计%s%s，%zu个分项之和为%s", total->doc, total->where,
             jd_analysis_metric_name(a, total->metric), jd_buf_cn_stated_unit(&bt, total), k,
             jd_buf_cn_value(&bs, s));
  g_string_append(ex, fits ? "，与合计相符。" : "，与合计不符：至少有一个数字有误，或合计含未列出的分项。");
  fd->title = fits ? "表格合计核对相符" : "表格合计与分项之和不符";
  fd->explanation = jd_analysis_text(a, ex);
  fd->arithmetic = jd_analysis_text(a, ar);
  g_string_free(ex, TRUE);
  g_string_free(ar, TRUE);
  g_ptr_array_add(a->findings, fd);
}

void jd_audit_table_totals(jd_analysis *a, const jd_figure *const *doc, size_t n)
{
  enum { MAX_PARTS = 256 };
  const jd_figure *parts[MAX_PARTS];
  for (size_t t = 0; t < n; t++) {
    cell_ref tc;
    if (!parse_where(doc[t]->where, &tc) || !tc.total) continue;
    if (!jd_audit_is_level(doc[t]) || !isfinite(doc[t]->value)) continue;
    size_t k = find_parts(doc, n, t, &tc, parts, MAX_PARTS);
    if (k < 2) continue;
    jd_interval sum = {.low = 0, .high = 0};
    for (size_t i = 0; i < k; i++) {
      jd_interval iv = jd_audit_interval(parts[i]);
      sum.low += iv.low;
      sum.high += iv.high;
    }
    total_finding(a, doc[t], parts, k, &sum);
  }
}
