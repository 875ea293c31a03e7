/* What the series builder and the driver know of the context of one
 * analysis (context.c): the table's rows numbered by document and period,
 * the documents (recency, rank by name) and the periods (position on the
 * time axis, class, the period before). The audit sees the context only
 * through the jd_ctx_ functions of analyze-private.h. */
#pragma once

#include <string.h>

#include "analyze/analyze-private.h"
#include "util/keymap.h"

typedef struct {
  const char *name; /* the table's pointer (or the analysis' for implied periods) */
  double x;
  const char *cls;  /* analysis strings; "unknown" when not parsable */
  gboolean ok;
  gboolean previous_done;
  const char *previous; /* the period one year before, see jd_ctx_period_previous */
} jd_period_info;

typedef struct {
  const char *name;
  int year;     /* the latest year the document states (its recency); 0 none */
  guint32 rank; /* position in strcmp order of the names, from 1 ("" is 0) */
} jd_doc_info;

struct jd_analyze_ctx {
  jd_analysis *a;
  const jd_figure *const *rows;
  size_t n;
  guint32 *row_doc, *row_period; /* filled by the caller of jd_ctx_init */
  GArray *docs;    /* jd_doc_info */
  GArray *periods; /* jd_period_info */
  jd_keymap doc_map, period_map; /* by pointer */
  GHashTable *period_by_name;    /* name -> id + 1 */
};

/* Sets up c for the rows of t, results going to a; row_doc and row_period
 * are allocated, not filled. Release with jd_ctx_clear. */
void jd_ctx_init(jd_analyze_ctx *c, jd_analysis *a, const jd_figure_table *t);
void jd_ctx_clear(jd_analyze_ctx *c);

static inline jd_period_info *jd_ctx_period_at(const jd_analyze_ctx *c, guint32 id)
{
  return &g_array_index(c->periods, jd_period_info, id);
}

static inline jd_doc_info *jd_ctx_doc_at(const jd_analyze_ctx *c, guint32 id)
{
  return &g_array_index(c->docs, jd_doc_info, id);
}

/* The index of a document given by the table's pointer, added when new.
 * Inline: called for every change of document while the rows are numbered. */
static inline guint32 jd_ctx_doc_of_pointer(jd_analyze_ctx *c, const char *doc)
{
  guintptr k = (guintptr)doc;
  gboolean added;
  guint32 id = jd_keymap_intern(&c->doc_map, &k, &added);
  if (added) {
    jd_doc_info di = {doc, 0, 0};
    g_array_append_val(c->docs, di);
  }
  return id;
}

/* The index of a period given by the table's pointer, added when new. */
guint32 jd_ctx_period_of_pointer(jd_analyze_ctx *c, const char *p);
/* The index of a period given by its name, added when no row has it. */
guint32 jd_ctx_period_of_name(jd_analyze_ctx *c, const char *name);
/* Once every row is numbered: ranks the documents by name and settles
 * everything the audit looks up about periods, so that it only reads the
 * context while it runs beside the series builder. */
void jd_ctx_settle(jd_analyze_ctx *c);
/* The rank of a document name for sorting findings (inline: called once
 * per finding). */
static inline guint32 jd_ctx_doc_rank_of(const jd_analyze_ctx *c, const char *doc)
{
  if (!doc || !*doc) return 0;
  guintptr k = (guintptr)doc;
  gint64 id = jd_keymap_find(&c->doc_map, &k);
  if (id >= 0) return jd_ctx_doc_at(c, (guint32)id)->rank;
  /* not a row's pointer: find the name (binary search would need a sorted
   * copy; this does not happen for findings built from rows) */
  for (guint i = 0; i < c->docs->len; i++)
    if (strcmp(jd_ctx_doc_at(c, i)->name, doc) == 0) return jd_ctx_doc_at(c, i)->rank;
  return 0;
}
