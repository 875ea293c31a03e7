/* What changed between two builds (diff.h). Figures are matched on what
 * they state (metric, scope, drug, region, period, kind, base period), not
 * on the document or line, so a document renamed or re-flowed changes
 * nothing; findings on their kind, subject and stated value. */
#include "jindu/diff.h"

#include <math.h>
#include <string.h>

#include "jindu/analyze.h"
#include "jindu/names.h"
#include "jindu/period.h"

static int cmp_str(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static char *figure_key(const jd_figure *f)
{
  return g_strdup_printf("%s\t%s\t%s\t%s\t%s\t%s\t%s", f->metric, f->scope, f->drug, f->region,
                         f->period, jd_kind_to_string(f->kind), f->base_period);
}

/* key -> "value unit qualifier" of each distinct statement, sorted, joined. */
static GHashTable *figure_values(const jd_figure_table *t, GHashTable **where)
{
  GHashTable *sets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify)g_ptr_array_unref);
  *where = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  for (size_t i = 0; i < jd_figure_table_get_count(t); i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    char *key = figure_key(f);
    GPtrArray *set = g_hash_table_lookup(sets, key);
    if (!set) {
      set = g_ptr_array_new_with_free_func(g_free);
      g_hash_table_insert(sets, g_strdup(key), set);
      g_hash_table_insert(*where, g_strdup(key), g_strdup_printf("%s:%u", f->doc, f->line));
    }
    const char *q = f->qualifier == JD_QUAL_EXACT ? "" : jd_qualifier_to_string(f->qualifier);
    char *v = g_strdup_printf("%.10g %s%s%s", f->value, f->unit, *q ? " " : "", q);
    gboolean seen = FALSE;
    for (guint k = 0; k < set->len && !seen; k++) seen = strcmp(set->pdata[k], v) == 0;
    if (seen) g_free(v); else g_ptr_array_add(set, v);
    g_free(key);
  }
  GHashTable *joined = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init(&it, sets);
  while (g_hash_table_iter_next(&it, &k, &v)) {
    GPtrArray *set = v;
    g_ptr_array_sort(set, cmp_str);
    g_ptr_array_add(set, NULL);
    g_hash_table_insert(joined, g_strdup(k), g_strjoinv("; ", (char **)set->pdata));
    g_ptr_array_remove_index(set, set->len - 1);
  }
  g_hash_table_unref(sets);
  return joined;
}

/* "破获毒品案件（团伙） 全国 2019 海洛因" from a key. */
static char *describe_key(const char *key)
{
  g_auto(GStrv) f = g_strsplit(key, "\t", -1);
  g_autofree char *metric = jd_metric_name(f[0]);
  GString *s = g_string_new(metric);
  g_autofree char *part = g_strdup_printf("（%s）", f[1]);
  if (*f[1] && !strstr(metric, f[1])) g_string_append(s, part);
  if (*f[2] && strcmp(f[2], "all") != 0) g_string_append_printf(s, " %s", jd_drug_name(f[2]));
  g_string_append_printf(s, " %s %s", *f[3] ? f[3] : "地区不详", f[4]);
  if (strcmp(f[5], "level") != 0) g_string_append_printf(s, " [%s]", f[5]);
  return g_string_free(s, FALSE);
}

static GPtrArray *sorted_keys(GHashTable *t)
{
  GPtrArray *keys = g_ptr_array_new();
  GHashTableIter it;
  gpointer k;
  g_hash_table_iter_init(&it, t);
  while (g_hash_table_iter_next(&it, &k, NULL)) g_ptr_array_add(keys, k);
  g_ptr_array_sort(keys, cmp_str);
  return keys;
}

static void diff_figures(const jd_figure_table *older, const jd_figure_table *newer, GString *out,
                         jd_diff_counts *c)
{
  GHashTable *ow = NULL, *nw = NULL;
  GHashTable *o = figure_values(older, &ow), *n = figure_values(newer, &nw);
  GPtrArray *keys = sorted_keys(n);
  for (guint i = 0; i < keys->len; i++) {
    const char *k = keys->pdata[i];
    const char *was = g_hash_table_lookup(o, k), *now = g_hash_table_lookup(n, k);
    if (was && strcmp(was, now) == 0) continue;
    g_autofree char *what = describe_key(k);
    if (!was) c->figures_new++; else c->figures_changed++;
    if (out && !was)
      g_string_append_printf(out, "+ 新增 %s: %s (%s)\n", what, now, (char *)g_hash_table_lookup(nw, k));
    else if (out)
      g_string_append_printf(out, "~ 变化 %s: %s → %s (%s)\n", what, was, now,
                             (char *)g_hash_table_lookup(nw, k));
  }
  g_ptr_array_unref(keys);
  keys = sorted_keys(o);
  for (guint i = 0; i < keys->len; i++) {
    const char *k = keys->pdata[i];
    if (g_hash_table_contains(n, k)) continue;
    c->figures_withdrawn++;
    g_autofree char *what = describe_key(k);
    if (out)
      g_string_append_printf(out, "- 撤回 %s: %s (%s)\n", what, (char *)g_hash_table_lookup(o, k),
                             (char *)g_hash_table_lookup(ow, k));
  }
  g_ptr_array_unref(keys);
  g_hash_table_unref(o);
  g_hash_table_unref(n);
  g_hash_table_unref(ow);
  g_hash_table_unref(nw);
}

/* key -> "severity\ttitle (doc:line)" of the warnings and errors. */
static GHashTable *finding_map(const jd_analysis *a)
{
  GHashTable *m = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  for (size_t i = 0; i < jd_analysis_get_finding_count(a); i++) {
    const jd_finding *f = jd_analysis_get_finding(a, i);
    if (f->severity < JD_SEVERITY_WARNING) continue;
    char *key = g_strdup_printf("%s\t%s\t%s\t%s\t%s\t%.10g", jd_finding_kind_to_string(f->kind),
                                f->metric ? f->metric : "", f->drug ? f->drug : "",
                                f->region ? f->region : "", f->period ? f->period : "",
                                isnan(f->stated) ? 0.0 : f->stated);
    char *val = g_strdup_printf("%s\t[%s] %s %s %s (%s:%u)", jd_severity_to_string(f->severity),
                                jd_severity_to_chinese(f->severity), f->title,
                                f->region ? f->region : "", f->period ? f->period : "",
                                f->n_sources ? f->sources[0].doc : "-",
                                f->n_sources ? f->sources[0].line : 0);
    g_hash_table_replace(m, key, val);
  }
  return m;
}

static void diff_findings(GHashTable *o, GHashTable *n, GString *out, jd_diff_counts *c)
{
  GPtrArray *keys = sorted_keys(n);
  for (guint i = 0; i < keys->len; i++) {
    const char *now = g_hash_table_lookup(n, keys->pdata[i]);
    const char *was = g_hash_table_lookup(o, keys->pdata[i]);
    const char *text = strchr(now, '\t') + 1;
    if (!was) {
      c->findings_new++;
      if (out) g_string_append_printf(out, "+ 审计 %s\n", text);
    } else if (strncmp(was, now, (size_t)(strchr(now, '\t') - now) + 1) != 0) {
      c->findings_changed++;
      if (out) g_string_append_printf(out, "~ 审计 %s（原为%s）\n", text, strchr(was, '\t') + 1);
    }
  }
  g_ptr_array_unref(keys);
  keys = sorted_keys(o);
  for (guint i = 0; i < keys->len; i++) {
    if (g_hash_table_contains(n, keys->pdata[i])) continue;
    c->findings_resolved++;
    if (out)
      g_string_append_printf(out, "- 审计 %s\n",
                             strchr((char *)g_hash_table_lookup(o, keys->pdata[i]), '\t') + 1);
  }
  g_ptr_array_unref(keys);
}

gboolean jd_diff_tables(const jd_figure_table *older, const jd_figure_table *newer, GString *out,
                        jd_diff_counts *counts, GError **error)
{
  memset(counts, 0, sizeof *counts);
  diff_figures(older, newer, out, counts);
  jd_analysis *a = jd_analyze(older, NULL, error);
  if (!a) return FALSE;
  jd_analysis *b = jd_analyze(newer, NULL, error);
  if (!b) {
    jd_analysis_free(a);
    return FALSE;
  }
  GHashTable *o = finding_map(a), *n = finding_map(b);
  diff_findings(o, n, out, counts);
  g_hash_table_unref(o);
  g_hash_table_unref(n);
  jd_analysis_free(a);
  jd_analysis_free(b);
  return TRUE;
}

char *jd_diff_summary(const jd_diff_counts *c)
{
  return g_strdup_printf("与上期相比，新增数据%zu项，数值变化%zu项，撤回%zu项；"
                         "审计发现新增%zu项，变化%zu项，消除%zu项。",
                         c->figures_new, c->figures_changed, c->figures_withdrawn, c->findings_new,
                         c->findings_changed, c->findings_resolved);
}
