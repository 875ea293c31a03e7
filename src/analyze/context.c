/* The context of one analysis (analyze-context.h): the documents and
 * periods of the table, numbered in order of appearance by pointer (within
 * one table equal strings share one pointer, figure-private.h), each
 * period parsed once onto the time axis with its class and the period one
 * year before; the documents ranked by name for sorting findings. */
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze-context.h"
#include "jindu/period.h"
#include "util/big-alloc.h"

void jd_ctx_init(jd_analyze_ctx *c, jd_analysis *a, const jd_figure_table *t)
{
  memset(c, 0, sizeof *c);
  c->a = a;
  c->n = jd_figure_table_get_count(t);
  c->rows = c->n ? jd_figure_table_peek_rows(t) : NULL;
  c->row_doc = jd_big_alloc(c->n * sizeof(guint32));
  c->row_period = jd_big_alloc(c->n * sizeof(guint32));
  c->docs = g_array_new(FALSE, FALSE, sizeof(jd_doc_info));
  c->periods = g_array_new(FALSE, FALSE, sizeof(jd_period_info));
  jd_keymap_init(&c->doc_map, 1);
  jd_keymap_init(&c->period_map, 1);
}

void jd_ctx_clear(jd_analyze_ctx *c)
{
  jd_keymap_destroy(&c->doc_map);
  jd_keymap_destroy(&c->period_map);
  if (c->period_by_name) g_hash_table_unref(c->period_by_name);
  g_array_unref(c->docs);
  g_array_unref(c->periods);
  free(c->row_doc);
  free(c->row_period);
}

const jd_figure *const *jd_ctx_rows(const jd_analyze_ctx *c, size_t *n)
{
  *n = c->n;
  return c->rows;
}

guint32 jd_ctx_row_doc(const jd_analyze_ctx *c, size_t i) { return c->row_doc[i]; }
guint32 jd_ctx_doc_count(const jd_analyze_ctx *c) { return c->docs->len; }

/* ---------------------------------------------------------------- periods */

static guint32 period_add(jd_analyze_ctx *c, const char *name)
{
  jd_period_info pi = {name, 0, NULL, FALSE, FALSE, NULL};
  char *cls = NULL;
  pi.ok = jd_period_parse(name, &pi.x, &cls);
  pi.cls = jd_analysis_intern(c->a, cls ? cls : "unknown");
  g_free(cls);
  g_array_append_val(c->periods, pi);
  guint32 id = c->periods->len - 1;
  if (c->period_by_name && !g_hash_table_contains(c->period_by_name, name))
    g_hash_table_insert(c->period_by_name, (gpointer)name, GUINT_TO_POINTER(id + 1));
  return id;
}

guint32 jd_ctx_period_of_pointer(jd_analyze_ctx *c, const char *p)
{
  guintptr k = (guintptr)p;
  gboolean added;
  guint32 id = jd_keymap_intern(&c->period_map, &k, &added);
  if (added) {
    guint32 pid = period_add(c, p);
    g_assert(pid == id);
  }
  return id;
}

static GHashTable *names(jd_analyze_ctx *c)
{
  if (!c->period_by_name) {
    c->period_by_name = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint32 i = 0; i < c->periods->len; i++) {
      const char *nm = jd_ctx_period_at(c, i)->name;
      if (!g_hash_table_contains(c->period_by_name, nm))
        g_hash_table_insert(c->period_by_name, (gpointer)nm, GUINT_TO_POINTER(i + 1));
    }
  }
  return c->period_by_name;
}

const char *jd_ctx_period_canonical(jd_analyze_ctx *c, const char *name)
{
  guint id = GPOINTER_TO_UINT(g_hash_table_lookup(names(c), name));
  return id ? jd_ctx_period_at(c, id - 1)->name : NULL;
}

guint32 jd_ctx_period_of_name(jd_analyze_ctx *c, const char *name)
{
  guint id = GPOINTER_TO_UINT(g_hash_table_lookup(names(c), name));
  if (id) return id - 1;
  return period_add(c, jd_analysis_intern(c->a, name));
}

const char *jd_ctx_period_previous(jd_analyze_ctx *c, const char *p)
{
  /* every row's period is known and its previous one settled before the
   * audit runs, so there this only reads */
  guintptr k = (guintptr)p;
  gint64 found = jd_keymap_find(&c->period_map, &k);
  guint32 id = found >= 0 ? (guint32)found : jd_ctx_period_of_pointer(c, p);
  jd_period_info *pi = jd_ctx_period_at(c, id);
  if (!pi->previous_done) {
    char *prev = jd_period_previous_string(p);
    const char *canon = prev ? jd_ctx_period_canonical(c, prev) : NULL;
    pi = jd_ctx_period_at(c, id); /* the array may have moved */
    pi->previous = canon ? canon : prev ? jd_analysis_intern(c->a, prev) : NULL;
    pi->previous_done = TRUE;
    g_free(prev);
  }
  return pi->previous;
}

/* -------------------------------------------------------------- documents */

static int compare_doc_names(const void *pa, const void *pb)
{
  const jd_doc_info *const *a = pa, *const *b = pb;
  return strcmp((*a)->name, (*b)->name);
}

/* Ranks the documents by name; equal names (there are none: one table,
 * one pointer per name) would share a rank. */
static void rank_docs(jd_analyze_ctx *c)
{
  guint n = c->docs->len;
  jd_doc_info **byname = g_new(jd_doc_info *, n ? n : 1);
  for (guint i = 0; i < n; i++) byname[i] = jd_ctx_doc_at(c, i);
  qsort(byname, n, sizeof(jd_doc_info *), compare_doc_names);
  guint32 rank = 1;
  for (guint i = 0; i < n; i++) {
    if (i && strcmp(byname[i - 1]->name, byname[i]->name) != 0) rank++;
    byname[i]->rank = *byname[i]->name ? rank : 0;
  }
  g_free(byname);
}

void jd_ctx_settle(jd_analyze_ctx *c)
{
  rank_docs(c);
  (void)names(c);
  for (guint32 i = 0, np = c->periods->len; i < np; i++)
    (void)jd_ctx_period_previous(c, jd_ctx_period_at(c, i)->name);
}
