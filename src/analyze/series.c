/* The driver of the analysis and the series builder: groups the figures of
 * a table into series per (metric, drug, region, unit, kind, period class)
 * and their points per period, picks one value per point (corroboration,
 * conflicts), adds the priors the audit implies, and fits the trends.
 *
 * Built for a million rows in well under a second: rows are numbered once
 * (document, period and series indices), figures are compared by pointer
 * (within one table equal strings share one pointer), rows are grouped by
 * counting sorts instead of per-series hash tables, and every result lives
 * in one arena freed with the analysis. */
/* posix_memalign, madvise (MADV_HUGEPAGE) */
#define _DEFAULT_SOURCE
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "analyze/analyze-private.h"
#include "jindu/names.h"
#include "jindu/period.h"

/* ------------------------------------------------------------------ arena */

/* Large blocks are 2 MiB aligned and marked for transparent huge pages:
 * on this project's (virtual) machines a fault per 4 KiB page was a third of
 * the analysis of a million rows; with 2 MiB pages it is a few percent. */
#define HUGE_PAGE ((size_t)2 << 20)
#define ARENA_BLOCK ((size_t)4 << 20)

void *jd_big_alloc(size_t size)
{
  if (size < HUGE_PAGE) return g_malloc(size ? size : 1);
  void *p = NULL;
  size_t rounded = (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
  if (posix_memalign(&p, HUGE_PAGE, rounded) != 0) g_error("out of memory (%zu bytes)", size);
#ifdef MADV_HUGEPAGE
  (void)madvise(p, rounded, MADV_HUGEPAGE); /* a hint: failure only costs speed */
#endif
  return p;
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

/* ----------------------------------------------------------------- keymap */

static inline guint64 mix64(guint64 h)
{
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

static guint64 key_hash(const guintptr *k, guint words)
{
  guint64 h = 0x9e3779b97f4a7c15ULL * (words + 1);
  for (guint i = 0; i < words; i++) h = mix64(h ^ (guint64)k[i]) + i;
  return h;
}

void jd_keymap_init(jd_keymap *m, guint words)
{
  memset(m, 0, sizeof *m);
  m->words = words;
  m->keys = g_array_new(FALSE, FALSE, sizeof(guintptr));
  m->mask = 15;
  m->slots = g_new0(guint32, 16);
}

void jd_keymap_destroy(jd_keymap *m)
{
  g_free(m->slots);
  if (m->keys) g_array_unref(m->keys);
  memset(m, 0, sizeof *m);
}

void jd_keymap_reset(jd_keymap *m, size_t expected)
{
  size_t cap = 16;
  while (cap < expected * 2) cap *= 2;
  if (cap != (size_t)m->mask + 1) {
    g_free(m->slots);
    m->slots = g_new0(guint32, cap);
    m->mask = (guint32)cap - 1;
  } else {
    memset(m->slots, 0, cap * sizeof *m->slots);
  }
  m->count = 0;
  g_array_set_size(m->keys, 0);
}

static void keymap_grow(jd_keymap *m)
{
  guint32 cap = (m->mask + 1) * 2;
  g_free(m->slots);
  m->slots = g_new0(guint32, cap);
  m->mask = cap - 1;
  const guintptr *keys = (const guintptr *)(void *)m->keys->data;
  for (guint32 e = 0; e < m->count; e++) {
    guint32 i = (guint32)key_hash(keys + (size_t)e * m->words, m->words) & m->mask;
    while (m->slots[i]) i = (i + 1) & m->mask;
    m->slots[i] = e + 1;
  }
}

guint32 jd_keymap_intern(jd_keymap *m, const guintptr *key, gboolean *added)
{
  if (((size_t)m->count + 1) * 2 > (size_t)m->mask + 1) keymap_grow(m);
  const guintptr *keys = (const guintptr *)(void *)m->keys->data;
  size_t kb = m->words * sizeof(guintptr);
  for (guint32 i = (guint32)key_hash(key, m->words) & m->mask;; i = (i + 1) & m->mask) {
    guint32 s = m->slots[i];
    if (!s) {
      g_array_append_vals(m->keys, key, m->words);
      m->slots[i] = ++m->count;
      if (added) *added = TRUE;
      return m->count - 1;
    }
    if (memcmp(keys + (size_t)(s - 1) * m->words, key, kb) == 0) {
      if (added) *added = FALSE;
      return s - 1;
    }
  }
}

gint64 jd_keymap_find(const jd_keymap *m, const guintptr *key)
{
  const guintptr *keys = (const guintptr *)(void *)m->keys->data;
  size_t kb = m->words * sizeof(guintptr);
  for (guint32 i = (guint32)key_hash(key, m->words) & m->mask;; i = (i + 1) & m->mask) {
    guint32 s = m->slots[i];
    if (!s) return -1;
    if (memcmp(keys + (size_t)(s - 1) * m->words, key, kb) == 0) return (gint64)s - 1;
  }
}

/* ---------------------------------------------------------------- context */

typedef struct {
  const char *name; /* the table's pointer (or the analysis' for implied periods) */
  double x;
  const char *cls;  /* analysis strings; "unknown" when not parsable */
  gboolean ok;
  gboolean previous_done;
  const char *previous; /* the period one year before, see jd_ctx_period_previous */
} period_info;

typedef struct {
  const char *name;
  int year;     /* the latest year the document states (its recency); 0 none */
  guint32 rank; /* position in strcmp order of the names, from 1 ("" is 0) */
} doc_info;

/* One series while it is built: its key and where its rows are. */
typedef struct {
  jd_series s;
  guint32 first, count; /* its rows in by_series */
  guint32 point_first;  /* its stated points in the stated-points array */
  guint32 n_stated;
  guint32 implied_first, implied_count;
} series_builder;

struct jd_analyze_ctx {
  jd_analysis *a;
  const jd_figure *const *rows;
  size_t n;
  guint32 *row_doc, *row_period, *row_series;
  GArray *docs;    /* doc_info */
  GArray *periods; /* period_info */
  jd_keymap doc_map, period_map; /* by pointer */
  GHashTable *period_by_name;    /* name -> id + 1 */
};

#define NONE G_MAXUINT32

const jd_figure *const *jd_ctx_rows(const jd_analyze_ctx *c, size_t *n)
{
  *n = c->n;
  return c->rows;
}

guint32 jd_ctx_row_doc(const jd_analyze_ctx *c, size_t i) { return c->row_doc[i]; }
guint32 jd_ctx_doc_count(const jd_analyze_ctx *c) { return c->docs->len; }

static period_info *period_at(jd_analyze_ctx *c, guint32 id)
{
  return &g_array_index(c->periods, period_info, id);
}

static guint32 period_add(jd_analyze_ctx *c, const char *name)
{
  period_info pi = {name, 0, NULL, FALSE, FALSE, NULL};
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

/* The index of a period given by the table's pointer. */
static guint32 period_of_pointer(jd_analyze_ctx *c, const char *p)
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
      const char *nm = period_at(c, i)->name;
      if (!g_hash_table_contains(c->period_by_name, nm))
        g_hash_table_insert(c->period_by_name, (gpointer)nm, GUINT_TO_POINTER(i + 1));
    }
  }
  return c->period_by_name;
}

const char *jd_ctx_period_canonical(jd_analyze_ctx *c, const char *name)
{
  guint id = GPOINTER_TO_UINT(g_hash_table_lookup(names(c), name));
  return id ? period_at(c, id - 1)->name : NULL;
}

/* The index of a period given by its name, added when no row has it. */
static guint32 period_of_name(jd_analyze_ctx *c, const char *name)
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
  guint32 id = found >= 0 ? (guint32)found : period_of_pointer(c, p);
  period_info *pi = period_at(c, id);
  if (!pi->previous_done) {
    char *prev = jd_period_previous_string(p);
    const char *canon = prev ? jd_ctx_period_canonical(c, prev) : NULL;
    pi = period_at(c, id); /* the array may have moved */
    pi->previous = canon ? canon : prev ? jd_analysis_intern(c->a, prev) : NULL;
    pi->previous_done = TRUE;
    g_free(prev);
  }
  return pi->previous;
}

static doc_info *doc_at(jd_analyze_ctx *c, guint32 id) { return &g_array_index(c->docs, doc_info, id); }

static int compare_doc_names(const void *pa, const void *pb)
{
  const doc_info *const *a = pa, *const *b = pb;
  return strcmp((*a)->name, (*b)->name);
}

/* Ranks the documents by name; equal names (there are none: one table,
 * one pointer per name) would share a rank. */
static void rank_docs(jd_analyze_ctx *c)
{
  guint n = c->docs->len;
  doc_info **byname = g_new(doc_info *, n ? n : 1);
  for (guint i = 0; i < n; i++) byname[i] = doc_at(c, i);
  qsort(byname, n, sizeof(doc_info *), compare_doc_names);
  guint32 rank = 1;
  for (guint i = 0; i < n; i++) {
    if (i && strcmp(byname[i - 1]->name, byname[i]->name) != 0) rank++;
    byname[i]->rank = *byname[i]->name ? rank : 0;
  }
  g_free(byname);
}

/* The rank of a document name for sorting findings. */
static guint32 doc_rank_of(jd_analyze_ctx *c, const char *doc)
{
  if (!doc || !*doc) return 0;
  guintptr k = (guintptr)doc;
  gint64 id = jd_keymap_find(&c->doc_map, &k);
  if (id >= 0) return doc_at(c, (guint32)id)->rank;
  /* not a row's pointer: find the name (binary search would need a sorted
   * copy; this does not happen for findings built from rows) */
  for (guint i = 0; i < c->docs->len; i++)
    if (strcmp(doc_at(c, i)->name, doc) == 0) return doc_at(c, i)->rank;
  return 0;
}

/* ----------------------------------------------------------------- points */

static gboolean series_kind_ok(jd_kind k)
{
  return k == JD_KIND_LEVEL || k == JD_KIND_RATE || k == JD_KIND_SHARE;
}

static jd_source source_of(const jd_figure *f)
{
  jd_source s = {f->doc, f->line, f->quote, f->value, f->qualifier, f->kind, f->period};
  return s;
}

typedef struct {
  guint32 row;
  guint32 rank; /* of its document */
} doc_row;

static int compare_doc_rows(const void *pa, const void *pb)
{
  const doc_row *a = pa, *b = pb;
  if (a->rank != b->rank) return a->rank < b->rank ? -1 : 1;
  return (a->row > b->row) - (a->row < b->row);
}

typedef struct {
  double value;
  jd_qualifier qualifier;
  jd_interval iv;
  double width;
  double recency;
  guint32 doc_rank; /* of the most recent document stating it */
  guint32 count;    /* rows */
  guint32 first;    /* its first row (document order) */
  guint32 id;       /* order of creation */
} value_group;

static int compare_groups(const void *pa, const void *pb)
{
  const value_group *a = pa, *b = pb;
  if (a->width != b->width) return a->width < b->width ? -1 : 1;
  if (a->recency != b->recency) return a->recency > b->recency ? -1 : 1;
  if (a->doc_rank != b->doc_rank) return a->doc_rank > b->doc_rank ? -1 : 1; /* later name first */
  if (a->value != b->value) return a->value < b->value ? -1 : 1;
  return (int)a->qualifier - (int)b->qualifier;
}

/* Scratch arrays of the point builder, grown as needed. */
typedef struct {
  jd_analyze_ctx *c;
  doc_row *dr;
  guint32 *group_of; /* per doc_row: group id or NONE (a sub-total) */
  size_t cap_rows;
  value_group *groups;
  guint32 *pos_of, *fill; /* group id -> sorted position; fill offsets */
  size_t cap_groups;
  double *x, *y, *w;
  size_t cap_fit;
  double t_cache[64]; /* t quantiles by degrees of freedom; NAN unknown */
} point_scratch;

static void scratch_rows(point_scratch *ps, size_t n)
{
  if (n <= ps->cap_rows) return;
  ps->cap_rows = MAX(n, ps->cap_rows * 2);
  ps->dr = g_renew(doc_row, ps->dr, ps->cap_rows);
  ps->group_of = g_renew(guint32, ps->group_of, ps->cap_rows);
}

static value_group *scratch_group(point_scratch *ps, size_t i)
{
  if (i >= ps->cap_groups) {
    ps->cap_groups = MAX(16, ps->cap_groups * 2);
    ps->groups = g_renew(value_group, ps->groups, ps->cap_groups);
    ps->pos_of = g_renew(guint32, ps->pos_of, ps->cap_groups);
    ps->fill = g_renew(guint32, ps->fill, ps->cap_groups);
  }
  return &ps->groups[i];
}

/* The conflict (or corroboration) finding of a stated point. */
static void point_finding(jd_analysis *a, point_scratch *ps, const jd_series *s, const jd_point *p,
                          size_t n_groups, gboolean conflict, const jd_source *oth,
                          size_t n_group_others)
{
  const jd_figure *const *rows = ps->c->rows;
  jd_finding *fd = jd_analysis_alloc0(a, sizeof *fd);
  fd->metric = s->metric;
  fd->drug = s->drug;
  fd->region = s->region;
  fd->period = p->period;
  fd->stated = p->value;
  fd->computed = NAN;
  fd->computed_interval = p->interval;
  /* the point's sources and the other groups' figures lie one after the
   * other (build_stated_point): the finding shares them */
  g_assert(!conflict || n_group_others == 0 || oth == p->sources + p->n_sources);
  fd->sources = p->sources;
  fd->n_sources = p->n_sources + (conflict ? n_group_others : 0);
  const jd_figure *pf = rows[ps->groups[0].first];
  jd_numbuf b_pv, b_gv;
  const char *pv = jd_buf_cn_stated_unit(&b_pv, pf);
  GString *ex = a->ex, *ar = a->ar;
  g_string_truncate(ex, 0);
  g_string_truncate(ar, 0);
  const char *where = *s->region ? s->region : "";
  if (conflict) {
    fd->kind = JD_FINDING_CONFLICT;
    fd->severity = JD_SEVERITY_WARNING;
    fd->title = "不同文件数值矛盾";
    jd_sappend(ex, "%s%s%s的数值在不同出处不一致：", where, jd_analysis_metric_name(a, s->metric),
               jd_analysis_period_label(a, p->period));
    for (size_t j = 0; j < n_groups; j++) {
      const value_group *g = &ps->groups[j];
      const jd_figure *gf = rows[g->first];
      const char *gv = jd_buf_cn_stated_unit(&b_gv, gf);
      jd_numbuf b_giv;
      const char *giv = jd_buf_interval(&b_giv, &g->iv);
      jd_sappend(ex, "%s%s（%s:%u）", j ? "；" : "", gv, gf->doc, gf->line);
      jd_numbuf b_raw;
      jd_sappend(ar, "%s%s ∈ %s", j ? "；" : "", jd_buf_stated(&b_raw, gf), giv);
    }
    jd_sappend(ex, "。按“最精确、其次最新文件”的规则采用%s，其余列为异文。", pv);
  } else {
    fd->kind = JD_FINDING_CORROBORATED;
    fd->severity = JD_SEVERITY_OK;
    fd->title = "多份文件相互印证";
    jd_sappend(ex, "%s%s%s为%s，%zu份文件所述一致。", where, jd_analysis_metric_name(a, s->metric),
               jd_analysis_period_label(a, p->period), pv, p->n_documents);
    jd_sappend(ar, "%zu 处出处数值相同", p->n_sources);
  }
  fd->explanation = jd_analysis_text(a, ex);
  fd->arithmetic = jd_analysis_text(a, ar);
  g_ptr_array_add(a->findings, fd);
}

/* Fills p from rows[figs[0..nf)] (table order), all stating one point;
 * adds conflict/corroboration findings.
 *
 * Within one document the first value stated for a point is its headline;
 * other values of the same document are sub-totals ("其中…") and are listed,
 * not counted as conflicts. Across documents, headline values are grouped by
 * (value, qualifier); the most precise group is picked, then the one of the
 * most recent document (latest stated period), then the later document
 * name. */
static void build_stated_point(jd_analysis *a, point_scratch *ps, const jd_series *s,
                               const guint32 *figs, size_t nf, jd_point *p)
{
  jd_analyze_ctx *c = ps->c;
  const jd_figure *const *rows = c->rows;
  p->origin = JD_POINT_STATED;
  scratch_rows(ps, nf);
  doc_row *dr = ps->dr;
  for (size_t i = 0; i < nf; i++) {
    dr[i].row = figs[i];
    dr[i].rank = doc_at(c, c->row_doc[figs[i]])->rank;
  }
  if (nf <= 16) { /* insertion sort: rows arrive in table order, often grouped */
    for (size_t i = 1; i < nf; i++) {
      doc_row v = dr[i];
      size_t j = i;
      for (; j > 0 && compare_doc_rows(&dr[j - 1], &v) > 0; j--) dr[j] = dr[j - 1];
      dr[j] = v;
    }
  } else {
    qsort(dr, nf, sizeof *dr, compare_doc_rows);
  }
  size_t ng = 0, n_secondary = 0;
  const jd_figure *h = NULL;
  for (size_t i = 0; i < nf; i++) {
    const jd_figure *f = rows[dr[i].row];
    if (i == 0 || dr[i - 1].rank != dr[i].rank || rows[dr[i - 1].row]->doc != f->doc) {
      h = f; /* the first figure of each document: its headline */
    } else if (h->value != f->value || h->qualifier != f->qualifier) {
      ps->group_of[i] = NONE;
      n_secondary++;
      continue;
    }
    size_t j = 0;
    while (j < ng && !(ps->groups[j].value == f->value && ps->groups[j].qualifier == f->qualifier))
      j++;
    const doc_info *di = doc_at(c, c->row_doc[dr[i].row]);
    double rec = di->year;
    value_group *g;
    if (j == ng) {
      g = scratch_group(ps, ng++);
      g->value = f->value;
      g->qualifier = f->qualifier;
      g->iv = jd_figure_get_interval(f);
      g->width = jd_interval_width(&g->iv);
      g->recency = rec;
      g->doc_rank = di->rank;
      g->count = 0;
      g->first = dr[i].row;
      g->id = (guint32)j;
    } else {
      g = &ps->groups[j];
      if (rec > g->recency || (rec == g->recency && di->rank > g->doc_rank)) {
        g->recency = rec;
        g->doc_rank = di->rank;
      }
    }
    g->count++;
    ps->group_of[i] = (guint32)j;
  }
  if (ng > 1) qsort(ps->groups, ng, sizeof *ps->groups, compare_groups);
  for (size_t j = 0; j < ng; j++) ps->pos_of[ps->groups[j].id] = (guint32)j;
  const value_group *pick = &ps->groups[0];
  p->value = pick->value;
  p->interval = pick->iv;
  p->qualifier = pick->qualifier;

  /* the picked group's rows, then the other groups' in their order, then
   * the sub-totals */
  size_t n_others = n_secondary;
  for (size_t j = 1; j < ng; j++) n_others += ps->groups[j].count;
  /* one block: the picked sources, then the others, so a conflict finding
   * can borrow both as one array */
  jd_source *src = jd_analysis_alloc(a, (pick->count + n_others) * sizeof *src);
  jd_source *oth = n_others ? src + pick->count : NULL;
  guint32 off = 0;
  for (size_t j = 1; j < ng; j++) {
    ps->fill[j] = off;
    off += ps->groups[j].count;
  }
  size_t n_group_others = off, k_src = 0, k_sec = off;
  p->n_documents = 0;
  for (size_t i = 0; i < nf; i++) {
    const jd_figure *f = rows[dr[i].row];
    if (ps->group_of[i] == NONE) {
      oth[k_sec++] = source_of(f);
      continue;
    }
    guint32 pos = ps->pos_of[ps->group_of[i]];
    if (pos == 0) {
      src[k_src] = source_of(f);
      /* rows are in document order: count document changes */
      if (k_src == 0 || src[k_src - 1].doc != f->doc) p->n_documents++;
      k_src++;
    } else {
      oth[ps->fill[pos]++] = source_of(f);
    }
  }
  p->sources = src;
  p->n_sources = pick->count;
  p->others = oth;
  p->n_others = n_others;

  gboolean conflict = FALSE;
  for (size_t j = 1; j < ng && !conflict; j++)
    if (!jd_intervals_overlap(&ps->groups[j].iv, &pick->iv)) conflict = TRUE;
  if (conflict || (p->n_documents > 1 && a->options.corroboration))
    point_finding(a, ps, s, p, ng, conflict, oth, n_group_others);
}

static void build_implied_point(jd_analysis *a, const jd_implied_prior *ip, jd_point *p)
{
  p->value = ip->value;
  p->interval = ip->interval;
  p->qualifier = JD_QUAL_ABOUT;
  p->origin = JD_POINT_IMPLIED;
  p->derivation = ip->derivation;
  jd_source *src = jd_analysis_alloc(a, 2 * sizeof *src);
  src[0] = source_of(ip->level);
  src[1] = source_of(ip->change);
  p->sources = src;
  p->n_sources = 2;
  p->n_documents = 1;
}

static int compare_points(const void *pa, const void *pb)
{
  const jd_point *a = pa, *b = pb;
  if (a->x != b->x) return a->x < b->x ? -1 : 1;
  return strcmp(a->period, b->period);
}

/* ----------------------------------------------------------------- trends */

/* The value a fit uses for a point: the middle of its interval when the
 * interval is bounded, else the stated value. */
static double fit_value(const jd_point *p)
{
  if (isfinite(p->interval.low) && isfinite(p->interval.high)) return jd_interval_mid(&p->interval);
  return p->value;
}

static void build_trend(jd_analysis *a, point_scratch *ps, jd_series *s)
{
  jd_trend *tr = &s->trend;
  memset(tr, 0, sizeof *tr);
  tr->kind = JD_TREND_NONE;
  tr->change_abs = tr->change_pct = tr->cagr_pct = NAN;
  tr->slope = tr->intercept = tr->slope_low = tr->slope_high = tr->r2 = NAN;
  tr->forecast_x = tr->forecast = tr->forecast_low = tr->forecast_high = NAN;
  if (strcmp(s->period_class, "range") == 0 || s->n_points == 0) return;
  size_t n = s->n_points;
  tr->n = n;
  if (n < 2) return;
  const jd_point *first = &s->points[0], *last = &s->points[n - 1];
  tr->change_abs = last->value - first->value;
  tr->change_pct = first->value != 0 ? 100 * tr->change_abs / fabs(first->value) : NAN;
  tr->cagr_pct = jd_cagr_pct(first->value, first->x, last->value, last->x);
  if (n == 2) {
    tr->kind = JD_TREND_TWO_POINTS;
    return;
  }
  if (n > ps->cap_fit) {
    ps->cap_fit = MAX(n, 2 * ps->cap_fit);
    ps->x = g_renew(double, ps->x, ps->cap_fit);
    ps->y = g_renew(double, ps->y, ps->cap_fit);
    ps->w = g_renew(double, ps->w, ps->cap_fit);
  }
  double *x = ps->x, *y = ps->y, *w = NULL;
  gboolean any_width = FALSE;
  double min_sd = INFINITY;
  for (size_t i = 0; i < n; i++) {
    x[i] = s->points[i].x;
    y[i] = fit_value(&s->points[i]);
    double wd = jd_interval_width(&s->points[i].interval);
    if (wd > 0 && isfinite(wd)) {
      any_width = TRUE;
      min_sd = fmin(min_sd, wd / sqrt(12.0));
    }
  }
  if (any_width && a->options.weighted) {
    /* weight 1/sd^2 with sd that of a uniform distribution over the
     * interval; exact values get the weight of the most precise interval */
    w = ps->w;
    for (size_t i = 0; i < n; i++) {
      double wd = jd_interval_width(&s->points[i].interval);
      double sd = (wd > 0 && isfinite(wd)) ? wd / sqrt(12.0) : min_sd;
      w[i] = 1.0 / (sd * sd);
    }
  }
  /* the t quantile depends only on the degrees of freedom: computed once each */
  double t = NAN;
  size_t dof = n - 2;
  if (dof < G_N_ELEMENTS(ps->t_cache)) {
    if (isnan(ps->t_cache[dof]))
      ps->t_cache[dof] = gsl_cdf_tdist_Pinv(1 - (1 - a->options.confidence) / 2, (double)dof);
    t = ps->t_cache[dof];
  }
  jd_trend fit = *tr;
  GError *err = NULL;
  if (jd_fit_trend_t(x, y, w, n, a->options.confidence, t, NAN, &fit, &err)) {
    fit.change_abs = tr->change_abs;
    fit.change_pct = tr->change_pct;
    fit.cagr_pct = tr->cagr_pct;
    *tr = fit;
  } else {
    /* identical periods or a failed fit: keep the first/last change only */
    tr->kind = JD_TREND_TWO_POINTS;
    g_clear_error(&err);
  }
}

/* ----------------------------------------------------------------- series */

static inline void prefetch(const void *p)
{
#if defined(__GNUC__)
  __builtin_prefetch(p);
#else
  (void)p;
#endif
}

/* Starts loading the rows of series sb (and their numbers) into the cache. */
static void prefetch_rows(const jd_analyze_ctx *c, const guint32 *by_series,
                          const series_builder *sb)
{
  for (guint32 i = 0; i < sb->count; i++) {
    guint32 r = by_series[sb->first + i];
    const char *f = (const char *)c->rows[r];
    prefetch(f);
    prefetch(f + sizeof(jd_figure) - 1);
    prefetch(&c->row_period[r]);
    prefetch(&c->row_doc[r]);
  }
}

/* Phase 2 (beside the audit): the stated points of series sb, in order of
 * first appearance, into pts[sb->point_first ...]; the series' rows in
 * by_series are regrouped so each point's rows are contiguous (table order),
 * at row_start[point]. slot_of: per period index, NONE between calls. */
static void series_stated_points(jd_analysis *a, point_scratch *ps, series_builder *sb,
                                 guint32 *by_series, guint32 *slot_of, guint32 *counts,
                                 guint32 *tmp, jd_point *pts, guint32 *row_start)
{
  jd_analyze_ctx *c = ps->c;
  guint32 *figs = by_series + sb->first;
  guint32 np = 0;
  guint32 *period_of_point = tmp + sb->count; /* tmp holds 2 * count */
  for (guint32 i = 0; i < sb->count; i++) {
    guint32 pid = c->row_period[figs[i]];
    if (slot_of[pid] == NONE) {
      slot_of[pid] = np;
      period_of_point[np] = pid;
      counts[np++] = 0;
    }
    counts[slot_of[pid]]++;
  }
  /* regroup the rows by point, keeping table order within each */
  guint32 start = 0;
  for (guint32 j = 0; j < np; j++) {
    row_start[sb->point_first + j] = sb->first + start;
    guint32 k = counts[j];
    counts[j] = start;
    start += k;
  }
  for (guint32 i = 0; i < sb->count; i++) tmp[counts[slot_of[c->row_period[figs[i]]]]++] = figs[i];
  memcpy(figs, tmp, sb->count * sizeof *figs);
  sb->n_stated = np;
  for (guint32 j = 0; j < np; j++) {
    guint32 pid = period_of_point[j];
    const period_info *pi = period_at(c, pid);
    jd_point *p = &pts[sb->point_first + j];
    memset(p, 0, sizeof *p);
    p->period = pi->name;
    p->x = pi->x;
    p->change_abs = p->change_pct = NAN;
    p->derivation = "";
    guint32 first = row_start[sb->point_first + j];
    guint32 end = j + 1 < np ? row_start[sb->point_first + j + 1] : sb->first + sb->count;
    build_stated_point(a, ps, &sb->s, by_series + first, end - first, p);
    slot_of[pid] = NONE;
  }
}

/* Phase 3 (after the audit): adds the priors the audit implied where
 * nothing is stated, the narrowest for each period; sorts the points by
 * time, fills the changes and fits the trend. Only from the headline value
 * its document states for the current period: a prior derived from a
 * sub-total ("其中…") is not a point of the series (its finding still
 * reports it). */
static void series_finish(jd_analysis *a, point_scratch *ps, series_builder *sb,
                          const guint32 *by_series, const jd_point *stated,
                          const guint32 *row_start, const guint32 *implied_idx,
                          const jd_implied_prior *implied, guint32 *slot_of,
                          const jd_implied_prior **chosen, guint32 *touched)
{
  jd_analyze_ctx *c = ps->c;
  guint32 np = sb->n_stated, n_touched = 0;
  const jd_point *sp = stated + sb->point_first;
  if (sb->implied_count) {
    for (guint32 j = 0; j < np; j++) {
      guintptr key = (guintptr)sp[j].period;
      gint64 pid = jd_keymap_find(&c->period_map, &key);
      if (pid >= 0) slot_of[pid] = j; /* stated points: 0 .. np-1 */
    }
  }
  guint32 n_new = 0;
  for (guint32 k = 0; k < sb->implied_count; k++) {
    const jd_implied_prior *ip = &implied[implied_idx[sb->implied_first + k]];
    guintptr key = (guintptr)ip->level->period;
    gint64 cur_pid = jd_keymap_find(&c->period_map, &key);
    if (cur_pid < 0 || slot_of[cur_pid] == NONE || slot_of[cur_pid] >= np) continue;
    guint32 cur = slot_of[cur_pid];
    guint32 first = row_start[sb->point_first + cur];
    guint32 end = cur + 1 < np ? row_start[sb->point_first + cur + 1] : sb->first + sb->count;
    const jd_figure *head = NULL;
    for (guint32 j = first; j < end && !head; j++) {
      const jd_figure *f = c->rows[by_series[j]];
      if (f->doc == ip->level->doc) head = f;
    }
    if (!head || head->value != ip->level->value || head->qualifier != ip->level->qualifier)
      continue;
    guint32 pid = period_of_name(c, ip->period);
    if (slot_of[pid] == NONE) {
      slot_of[pid] = np + n_new;
      chosen[n_new++] = NULL;
    }
    if (slot_of[pid] < np) continue; /* stated */
    const jd_implied_prior **ch = &chosen[slot_of[pid] - np];
    if (!*ch || jd_interval_width(&ip->interval) < jd_interval_width(&(*ch)->interval)) *ch = ip;
    touched[n_touched++] = pid;
  }
  if (sb->implied_count) {
    for (guint32 j = 0; j < np; j++) {
      guintptr key = (guintptr)sp[j].period;
      gint64 pid = jd_keymap_find(&c->period_map, &key);
      if (pid >= 0) slot_of[pid] = NONE;
    }
    for (guint32 j = 0; j < n_touched; j++) slot_of[touched[j]] = NONE;
  }
  jd_series *s = jd_analysis_alloc(a, sizeof *s);
  *s = sb->s;
  size_t total = (size_t)np + n_new;
  jd_point *pts = jd_analysis_alloc(a, total * sizeof *pts);
  memcpy(pts, sp, np * sizeof *pts);
  for (guint32 j = 0; j < n_new; j++) {
    jd_point *p = &pts[np + j];
    const jd_implied_prior *ip = chosen[j];
    const period_info *pi = period_at(c, period_of_name(c, ip->period));
    memset(p, 0, sizeof *p);
    p->period = pi->name;
    p->x = pi->x;
    p->change_abs = p->change_pct = NAN;
    build_implied_point(a, ip, p);
  }
  s->points = pts;
  s->n_points = total;
  qsort(pts, total, sizeof *pts, compare_points);
  for (size_t j = 1; j < total; j++) {
    pts[j].change_abs = pts[j].value - pts[j - 1].value;
    pts[j].change_pct =
        pts[j - 1].value != 0 ? 100 * pts[j].change_abs / fabs(pts[j - 1].value) : NAN;
  }
  build_trend(a, ps, s);
  g_ptr_array_add(a->series, s);
}

/* --------------------------------------------------------------- findings */

typedef struct {
  guint64 key; /* severity (descending), document name, line */
  guint32 index;
  jd_finding *f;
} finding_key;

static int compare_finding_keys(const void *pa, const void *pb)
{
  const finding_key *a = pa, *b = pb;
  if (a->key != b->key) return a->key < b->key ? -1 : 1;
  return (a->index > b->index) - (a->index < b->index);
}

/* Findings by severity (errors first), then the document and line of their
 * first source; equal keys keep the order they were found in. */
static void sort_findings(jd_analysis *a, jd_analyze_ctx *c)
{
  guint n = a->findings->len;
  finding_key *k = g_new(finding_key, n ? n : 1);
  for (guint i = 0; i < n; i++) {
    jd_finding *f = g_ptr_array_index(a->findings, i);
    guint64 sev = 3 - (guint64)CLAMP((int)f->severity, 0, 3);
    guint64 rank = f->n_sources ? doc_rank_of(c, f->sources[0].doc) : 0;
    guint64 line = f->n_sources ? f->sources[0].line : 0;
    k[i].key = sev << 62 | (rank & 0x3fffffff) << 32 | line;
    k[i].index = i;
    k[i].f = f;
  }
  qsort(k, n, sizeof *k, compare_finding_keys);
  for (guint i = 0; i < n; i++) a->findings->pdata[i] = k[i].f;
  g_free(k);
}

/* ----------------------------------------------------------------- driver */

static int compare_implied_series(const void *pa, const void *pb, void *data)
{
  const guint32 *series = data;
  guint32 a = *(const guint32 *)pa, b = *(const guint32 *)pb;
  if (series[a] != series[b]) return series[a] < series[b] ? -1 : 1;
  return (a > b) - (a < b);
}

static jd_analysis *analysis_new(const jd_analyze_options *options)
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

/* The audit's own results while it runs beside the series builder: a
 * second jd_analysis whose arena and findings are moved into the main one
 * afterwards. */
typedef struct {
  jd_analysis *sink;
  jd_analyze_ctx *c;
  jd_audit_plan *plan;
  guint32 from, to; /* documents of the plan */
  GArray *implied;  /* jd_implied_prior */
  gboolean ok;
  GError *error;
} audit_job;

static gpointer audit_thread(gpointer data)
{
  audit_job *job = data;
  job->ok = jd_audit_run(job->sink, job->c, job->plan, job->from, job->to, job->implied,
                         &job->error);
  return NULL;
}

static void audit_job_init(audit_job *job, const jd_analyze_options *options, jd_analyze_ctx *c)
{
  memset(job, 0, sizeof *job);
  job->sink = analysis_new(options);
  job->c = c;
  job->implied = g_array_new(FALSE, FALSE, sizeof(jd_implied_prior));
}

/* Moves what the job found into a: its arena blocks, its findings (appended
 * to all) and implied priors (appended to implied). */
static void audit_job_finish(audit_job *job, jd_analysis *a, GPtrArray *all, GArray *implied)
{
  jd_analysis *w = job->sink;
  if (!w) return;
  for (guint i = 0; i < w->blocks->len; i++) g_ptr_array_add(a->blocks, w->blocks->pdata[i]);
  g_ptr_array_set_free_func(w->blocks, NULL);
  if (all)
    for (guint i = 0; i < w->findings->len; i++) g_ptr_array_add(all, w->findings->pdata[i]);
  if (implied) g_array_append_vals(implied, job->implied->data, job->implied->len);
  jd_analysis_free(w);
  g_array_unref(job->implied);
  g_clear_error(&job->error);
  job->sink = NULL;
}


/* Below this many rows everything runs on the calling thread. Above, a
 * worker thread audits the first WORKER_SHARE of the rows while this thread
 * builds the stated points of the series and then audits the rest (about
 * an even split of the work on the benchmark's million rows). */
#define THREAD_MIN_ROWS 20000
#define WORKER_SHARE 0.85

jd_analysis *jd_analyze(const jd_figure_table *t, const jd_analyze_options *options,
                        GError **error)
{
  g_return_val_if_fail(t != NULL, NULL);
  jd_gsl_init();
  jd_analysis *a = analysis_new(options);
  a->table = jd_figure_table_ref_strings(t);

  jd_analyze_ctx c = {0};
  c.a = a;
  c.n = jd_figure_table_get_count(t);
  c.rows = c.n ? jd_figure_table_peek_rows(t) : NULL;
  size_t n = c.n;
  c.row_doc = jd_big_alloc(n * sizeof(guint32));
  c.row_period = jd_big_alloc(n * sizeof(guint32));
  c.row_series = jd_big_alloc(n * sizeof(guint32));
  c.docs = g_array_new(FALSE, FALSE, sizeof(doc_info));
  c.periods = g_array_new(FALSE, FALSE, sizeof(period_info));
  jd_keymap_init(&c.doc_map, 1);
  jd_keymap_init(&c.period_map, 1);
  GArray *builders = g_array_new(FALSE, FALSE, sizeof(series_builder));
  jd_keymap series_map;
  jd_keymap_init(&series_map, 6);
  GArray *implied = g_array_new(FALSE, FALSE, sizeof(jd_implied_prior));
  guint32 *by_series = NULL, *implied_idx = NULL, *slot_of = NULL, *row_start = NULL;
  jd_point *stated = NULL;
  point_scratch ps = {0};
  ps.c = &c;
  for (size_t i = 0; i < G_N_ELEMENTS(ps.t_cache); i++) ps.t_cache[i] = NAN;
  audit_job job[2];
  audit_job_init(&job[0], options, &c);
  audit_job_init(&job[1], options, &c);
  GThread *worker = NULL;
  gboolean ok = FALSE;

  /* phase 1: number the rows (document, period and series of each) */
  const char *last_doc = NULL, *last_period = NULL;
  guint32 doc_id = 0, period_id = 0;
  for (size_t i = 0; i < n; i++) {
    const jd_figure *f = c.rows[i];
    if (!last_doc || f->doc != last_doc) {
      guintptr k = (guintptr)f->doc;
      gboolean added;
      doc_id = jd_keymap_intern(&c.doc_map, &k, &added);
      if (added) {
        doc_info di = {f->doc, 0, 0};
        g_array_append_val(c.docs, di);
      }
      last_doc = f->doc;
    }
    if (!last_period || f->period != last_period) {
      period_id = period_of_pointer(&c, f->period);
      last_period = f->period;
    }
    c.row_doc[i] = doc_id;
    c.row_period[i] = period_id;
    c.row_series[i] = NONE;
    if (!isfinite(f->value)) continue;
    const period_info *pi = period_at(&c, period_id);
    if (pi->ok) {
      doc_info *di = doc_at(&c, doc_id);
      if ((int)pi->x > di->year) di->year = (int)pi->x;
    }
    if (!series_kind_ok(f->kind) || !pi->ok) continue;
    guintptr key[6] = {(guintptr)f->metric, (guintptr)f->drug, (guintptr)f->region,
                       (guintptr)f->unit, (guintptr)f->kind, (guintptr)pi->cls};
    gboolean added;
    guint32 sid = jd_keymap_intern(&series_map, key, &added);
    if (added) {
      series_builder sb = {0};
      sb.s.metric = f->metric;
      sb.s.drug = f->drug;
      sb.s.region = f->region;
      sb.s.unit = f->unit;
      sb.s.kind = f->kind;
      sb.s.period_class = pi->cls;
      g_array_append_val(builders, sb);
    }
    g_array_index(builders, series_builder, sid).count++;
    c.row_series[i] = sid;
  }
  rank_docs(&c);
  /* everything the audit looks up about periods, settled before it runs
   * (it only reads the context) */
  (void)names(&c);
  for (guint32 i = 0, np = c.periods->len; i < np; i++)
    (void)jd_ctx_period_previous(&c, period_at(&c, i)->name);

  /* phase 2: the audit of most documents on a worker thread; here the
   * stated points, then the audit of the other documents */
  jd_audit_plan *plan = jd_audit_plan_new(&c);
  guint32 n_docs = jd_audit_plan_get_count(plan);
  gboolean threaded = n >= THREAD_MIN_ROWS && a->options.threads != 1;
  guint32 split = threaded ? jd_audit_plan_split(plan, WORKER_SHARE) : n_docs;
  for (int j = 0; j < 2; j++) job[j].plan = plan;
  job[0].to = job[1].from = split;
  job[1].to = n_docs;
  if (threaded)
    worker = g_thread_new("jindu-audit", audit_thread, &job[0]);
  else
    audit_thread(&job[0]);

  guint n_series = builders->len;
  guint32 total = 0, max_rows = 0;
  for (guint s = 0; s < n_series; s++) {
    series_builder *sb = &g_array_index(builders, series_builder, s);
    sb->first = total;
    total += sb->count;
    max_rows = MAX(max_rows, sb->count);
    sb->count = 0;
  }
  by_series = jd_big_alloc(total * sizeof(guint32));
  for (size_t i = 0; i < n; i++) { /* rows of each series in table order: a counting sort */
    guint32 sid = c.row_series[i];
    if (sid == NONE) continue;
    series_builder *sb = &g_array_index(builders, series_builder, sid);
    by_series[sb->first + sb->count++] = (guint32)i;
  }
  /* a series has at most as many points as rows, and as periods */
  guint32 n_points_max = 0;
  for (guint s = 0; s < n_series; s++) {
    series_builder *sb = &g_array_index(builders, series_builder, s);
    sb->point_first = n_points_max;
    n_points_max += MIN(sb->count, c.periods->len);
  }
  stated = jd_big_alloc(n_points_max * sizeof *stated);
  row_start = jd_big_alloc(n_points_max * sizeof *row_start);
  slot_of = g_new(guint32, c.periods->len + 1);
  for (guint i = 0; i <= c.periods->len; i++) slot_of[i] = NONE;
  {
    guint32 *counts = g_new(guint32, max_rows + 1), *tmp = g_new(guint32, 2 * (gsize)max_rows + 1);
    if (n_series) prefetch_rows(&c, by_series, &g_array_index(builders, series_builder, 0));
    for (guint s = 0; s < n_series; s++) {
      /* the rows of a series lie anywhere in the table: ask for the next
       * series' rows while this one is built */
      if (s + 1 < n_series)
        prefetch_rows(&c, by_series, &g_array_index(builders, series_builder, s + 1));
      series_stated_points(a, &ps, &g_array_index(builders, series_builder, s), by_series,
                           slot_of, counts, tmp, stated, row_start);
    }
    g_free(counts);
    g_free(tmp);
  }
  audit_thread(&job[1]);
  if (worker) g_thread_join(worker);
  jd_audit_plan_free(plan);
  for (int j = 0; j < 2; j++)
    if (!job[j].ok) {
      g_propagate_error(error, job[j].error);
      job[j].error = NULL;
      goto out;
    }
  { /* the audit's findings first (as found, document by document), then
     * the series' */
    GPtrArray *all = g_ptr_array_sized_new(a->findings->len);
    for (int j = 0; j < 2; j++) audit_job_finish(&job[j], a, all, implied);
    for (guint i = 0; i < a->findings->len; i++) g_ptr_array_add(all, a->findings->pdata[i]);
    g_ptr_array_unref(a->findings);
    a->findings = all;
  }

  /* phase 3: implied priors by series, in the order the audit found them */
  guint n_implied = a->options.implied_points ? implied->len : 0;
  guint32 *implied_series = g_new(guint32, n_implied ? n_implied : 1);
  implied_idx = g_new(guint32, n_implied ? n_implied : 1);
  guint n_kept = 0;
  for (guint i = 0; i < n_implied; i++) {
    const jd_implied_prior *ip = &g_array_index(implied, jd_implied_prior, i);
    implied_series[i] = NONE;
    if (!series_kind_ok(ip->level->kind)) continue;
    const period_info *pi = period_at(&c, period_of_name(&c, ip->period));
    if (!pi->ok) continue;
    guintptr key[6] = {(guintptr)ip->level->metric, (guintptr)ip->level->drug,
                       (guintptr)ip->level->region, (guintptr)ip->level->unit,
                       (guintptr)ip->level->kind, (guintptr)pi->cls};
    gint64 sid = jd_keymap_find(&series_map, key);
    if (sid < 0) continue; /* no stated figure of that series: nothing to imply onto */
    implied_series[i] = (guint32)sid;
    implied_idx[n_kept++] = i;
  }
  g_qsort_with_data(implied_idx, (gint)n_kept, sizeof *implied_idx, compare_implied_series,
                    implied_series);
  guint32 max_implied = 0;
  for (guint k = 0; k < n_kept; k++) {
    series_builder *sb = &g_array_index(builders, series_builder, implied_series[implied_idx[k]]);
    if (sb->implied_count == 0) sb->implied_first = k;
    sb->implied_count++;
    max_implied = MAX(max_implied, sb->implied_count);
  }
  g_free(implied_series);
  /* implied periods may be new: the slot map grows with them */
  slot_of = g_renew(guint32, slot_of, c.periods->len + 1);
  for (guint i = 0; i <= c.periods->len; i++) slot_of[i] = NONE;
  {
    const jd_implied_prior **chosen = g_new(const jd_implied_prior *, max_implied + 1);
    guint32 *touched = g_new(guint32, max_implied + 1);
    for (guint s = 0; s < n_series; s++)
      series_finish(a, &ps, &g_array_index(builders, series_builder, s), by_series, stated,
                    row_start, implied_idx, (const jd_implied_prior *)(void *)implied->data,
                    slot_of, chosen, touched);
    g_free(chosen);
    g_free(touched);
  }

  sort_findings(a, &c);
  ok = TRUE;
out:
  for (int j = 0; j < 2; j++) audit_job_finish(&job[j], a, NULL, NULL);
  free(by_series);
  free(stated);
  free(row_start);
  g_free(implied_idx);
  g_free(slot_of);
  g_free(ps.dr);
  g_free(ps.group_of);
  g_free(ps.groups);
  g_free(ps.pos_of);
  g_free(ps.fill);
  g_free(ps.x);
  g_free(ps.y);
  g_free(ps.w);
  g_array_unref(implied);
  jd_keymap_destroy(&series_map);
  g_array_unref(builders);
  jd_keymap_destroy(&c.doc_map);
  jd_keymap_destroy(&c.period_map);
  if (c.period_by_name) g_hash_table_unref(c.period_by_name);
  g_array_unref(c.docs);
  g_array_unref(c.periods);
  free(c.row_doc);
  free(c.row_period);
  free(c.row_series);
  g_string_free(a->ex, TRUE);
  g_string_free(a->ar, TRUE);
  g_array_unref(a->sol);
  a->ex = a->ar = NULL;
  a->sol = NULL;
  if (!ok) {
    jd_analysis_free(a);
    return NULL;
  }
  return a;
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
