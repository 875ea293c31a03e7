/* The analysis object and its arena: series, points, findings, sources and
 * texts live in 4 MiB blocks (util/big-alloc.h) freed with the analysis;
 * strings not of the analysed table are interned in its string chunk, and
 * the Chinese names of metrics and periods are made once per string. */
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze-private.h"
#include "jindu/names.h"
#include "jindu/period.h"
#include "util/big-alloc.h"

#define ARENA_BLOCK ((size_t)4 << 20)

jd_analysis *jd_analysis_new_empty(const jd_analyze_options *options)
{
  jd_analyze_options defaults = JD_ANALYZE_OPTIONS_INIT;
  jd_analysis *a = g_new0(jd_analysis, 1);
  a->options = options ? *options : defaults;
  if (!(a->options.confidence > 0 && a->options.confidence < 1)) a->options.confidence = 0.95;
  a->strings = g_string_chunk_new(1 << 12);
  a->blocks = g_ptr_array_new_with_free_func(free);
  a->series = g_ptr_array_new();
  a->findings = g_ptr_array_new();
  a->ex = g_string_sized_new(512);
  a->ar = g_string_sized_new(256);
  a->sol = g_array_new(FALSE, FALSE, sizeof(double));
  return a;
}

void jd_analysis_drop_scratch(jd_analysis *a)
{
  g_string_free(a->ex, TRUE);
  g_string_free(a->ar, TRUE);
  g_array_unref(a->sol);
  a->ex = a->ar = NULL;
  a->sol = NULL;
}

void jd_analysis_take_blocks(jd_analysis *a, jd_analysis *from)
{
  for (guint i = 0; i < from->blocks->len; i++) g_ptr_array_add(a->blocks, from->blocks->pdata[i]);
  g_ptr_array_set_free_func(from->blocks, NULL);
}

void *jd_analysis_alloc(jd_analysis *a, size_t size)
{
  size_t pad = (size_t)(-(guintptr)a->arena_ptr & 15);
  if (pad && pad <= a->arena_left) { /* after unaligned text */
    a->arena_ptr += pad;
    a->arena_left -= pad;
  }
  size = size ? (size + 15) & ~(size_t)15 : 16; /* never a zero-size step from NULL */
  if (size > a->arena_left) {
    if (size > ARENA_BLOCK / 4) { /* a block of its own; the current one stays */
      char *b = jd_big_alloc(size ? size : 16);
      g_ptr_array_add(a->blocks, b);
      return b;
    }
    char *b = jd_big_alloc(ARENA_BLOCK);
    g_ptr_array_add(a->blocks, b);
    a->arena_ptr = b;
    a->arena_left = ARENA_BLOCK;
  }
  void *r = a->arena_ptr;
  a->arena_ptr += size;
  a->arena_left -= size;
  return r;
}

/* Unaligned bytes (text) from the same blocks. */
static char *jd_analysis_alloc_bytes(jd_analysis *a, size_t size)
{
  if (size > a->arena_left || size > ARENA_BLOCK / 4) return jd_analysis_alloc(a, size);
  char *r = a->arena_ptr;
  a->arena_ptr += size;
  a->arena_left -= size;
  return r;
}

void *jd_analysis_alloc0(jd_analysis *a, size_t size)
{
  void *r = jd_analysis_alloc(a, size);
  memset(r, 0, size);
  return r;
}

void *jd_analysis_dup(jd_analysis *a, const void *p, size_t size)
{
  void *r = jd_analysis_alloc(a, size);
  if (size) memcpy(r, p, size);
  return r;
}

const char *jd_analysis_text(jd_analysis *a, const GString *s)
{
  char *r = jd_analysis_alloc_bytes(a, s->len + 1);
  memcpy(r, s->str, s->len + 1);
  return r;
}

const char *jd_analysis_intern(jd_analysis *a, const char *s)
{
  return g_string_chunk_insert_const(a->strings, s ? s : "");
}

static const char *cached_name(jd_analysis *a, GHashTable **cache, const char *s,
                               char *(*name)(const char *))
{
  if (!*cache) *cache = g_hash_table_new(g_direct_hash, g_direct_equal);
  const char *r = g_hash_table_lookup(*cache, s);
  if (!r) {
    char *n = name(s);
    r = jd_analysis_intern(a, n);
    g_free(n);
    g_hash_table_insert(*cache, (gpointer)s, (gpointer)r);
  }
  return r;
}

const char *jd_analysis_metric_name(jd_analysis *a, const char *metric)
{
  const char *t = metric && *metric ? jd_metric_title(metric) : NULL;
  return t ? t : cached_name(a, &a->metric_names, metric ? metric : "", jd_metric_name);
}

const char *jd_analysis_period_label(jd_analysis *a, const char *period)
{
  return cached_name(a, &a->period_labels, period ? period : "", jd_period_label);
}

void jd_analysis_free(jd_analysis *a)
{
  if (!a) return;
  g_ptr_array_unref(a->series);
  g_ptr_array_unref(a->findings);
  g_ptr_array_unref(a->blocks);
  g_string_chunk_free(a->strings);
  jd_string_pool_unref(a->table);
  if (a->ex) g_string_free(a->ex, TRUE);
  if (a->ar) g_string_free(a->ar, TRUE);
  if (a->sol) g_array_unref(a->sol);
  if (a->metric_names) g_hash_table_unref(a->metric_names);
  if (a->period_labels) g_hash_table_unref(a->period_labels);
  g_free(a);
}
