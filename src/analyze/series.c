/* The series builder: groups the figures of a table into series per
 * (metric, drug, region, unit, kind, period class) and their points per
 * period, picks one value per point (corroboration, conflicts), adds the
 * priors the audit implies, and fits the trends. The driver (driver.c)
 * runs it in three phases (analyze-series.h).
 *
 * Built for a million rows in well under a second: rows are numbered once
 * (document, period and series indices), figures are compared by pointer
 * (within one table equal strings share one pointer), rows are grouped by
 * counting sorts instead of per-series hash tables, and every result lives
 * in the analysis' arena (arena.c). */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze-series.h"
#include "util/big-alloc.h"

#define NONE G_MAXUINT32

/* One series while it is built: its key and where its rows are. */
typedef struct {
  jd_series s;
  guint32 first, count; /* its rows in by_series */
  guint32 point_first;  /* its stated points in the stated-points array */
  guint32 n_stated;
  guint32 implied_first, implied_count;
} series_builder;

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
    dr[i].rank = jd_ctx_doc_at(c, c->row_doc[figs[i]])->rank;
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
    const jd_doc_info *di = jd_ctx_doc_at(c, c->row_doc[dr[i].row]);
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
    const jd_period_info *pi = jd_ctx_period_at(c, pid);
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
    guint32 pid = jd_ctx_period_of_name(c, ip->period);
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
    const jd_period_info *pi = jd_ctx_period_at(c, jd_ctx_period_of_name(c, ip->period));
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

/* -------------------------------------------------------------------- set */

struct jd_series_set {
  jd_analyze_ctx *c;
  GArray *builders;     /* series_builder */
  jd_keymap map;        /* series key (six pointers) -> index in builders */
  guint32 *row_series;  /* per row: its series, or NONE */
  guint32 *by_series;   /* the rows grouped by series (counting sort) */
  guint32 max_rows;     /* rows of the largest series */
  jd_point *stated;     /* the stated points, each series' at its point_first */
  guint32 *row_start;   /* per stated point: its first row in by_series */
  guint32 *slot_of;     /* per period: a point slot, NONE between series */
  guint32 *implied_idx; /* the implied priors of the series, grouped by series */
  point_scratch ps;
};

jd_series_set *jd_series_set_new(jd_analyze_ctx *c)
{
  jd_series_set *set = g_new0(jd_series_set, 1);
  set->c = c;
  set->row_series = jd_big_alloc(c->n * sizeof(guint32));
  set->builders = g_array_new(FALSE, FALSE, sizeof(series_builder));
  jd_keymap_init(&set->map, 6);
  set->ps.c = c;
  for (size_t i = 0; i < G_N_ELEMENTS(set->ps.t_cache); i++) set->ps.t_cache[i] = NAN;
  return set;
}

void jd_series_set_free(jd_series_set *set)
{
  if (!set) return;
  point_scratch *ps = &set->ps;
  free(set->row_series);
  free(set->by_series);
  free(set->stated);
  free(set->row_start);
  g_free(set->implied_idx);
  g_free(set->slot_of);
  g_free(ps->dr);
  g_free(ps->group_of);
  g_free(ps->groups);
  g_free(ps->pos_of);
  g_free(ps->fill);
  g_free(ps->x);
  g_free(ps->y);
  g_free(ps->w);
  jd_keymap_destroy(&set->map);
  g_array_unref(set->builders);
  g_free(set);
}

static series_builder *builder_at(jd_series_set *set, guint32 sid)
{
  return &g_array_index(set->builders, series_builder, sid);
}

/* The series of row f (of period pi), added when new; counts the row. */
static guint32 series_of_row(jd_series_set *set, const jd_figure *f, const jd_period_info *pi)
{
  guintptr key[6] = {(guintptr)f->metric, (guintptr)f->drug, (guintptr)f->region,
                     (guintptr)f->unit, (guintptr)f->kind, (guintptr)pi->cls};
  gboolean added;
  guint32 sid = jd_keymap_intern(&set->map, key, &added);
  if (added) {
    series_builder sb = {0};
    sb.s.metric = f->metric;
    sb.s.drug = f->drug;
    sb.s.region = f->region;
    sb.s.unit = f->unit;
    sb.s.kind = f->kind;
    sb.s.period_class = pi->cls;
    g_array_append_val(set->builders, sb);
  }
  builder_at(set, sid)->count++;
  return sid;
}

void jd_series_set_number_rows(jd_series_set *set)
{
  jd_analyze_ctx *c = set->c;
  const char *last_doc = NULL, *last_period = NULL;
  guint32 doc_id = 0, period_id = 0;
  for (size_t i = 0; i < c->n; i++) {
    const jd_figure *f = c->rows[i];
    if (!last_doc || f->doc != last_doc) {
      doc_id = jd_ctx_doc_of_pointer(c, f->doc);
      last_doc = f->doc;
    }
    if (!last_period || f->period != last_period) {
      period_id = jd_ctx_period_of_pointer(c, f->period);
      last_period = f->period;
    }
    c->row_doc[i] = doc_id;
    c->row_period[i] = period_id;
    set->row_series[i] = NONE;
    if (!isfinite(f->value)) continue;
    const jd_period_info *pi = jd_ctx_period_at(c, period_id);
    if (pi->ok) {
      jd_doc_info *di = jd_ctx_doc_at(c, doc_id);
      if ((int)pi->x > di->year) di->year = (int)pi->x;
    }
    if (!series_kind_ok(f->kind) || !pi->ok) continue;
    set->row_series[i] = series_of_row(set, f, pi);
  }
}

/* by_series: the rows of each series in table order, by a counting sort;
 * each builder's first and count say where its rows are. */
static void group_rows(jd_series_set *set)
{
  jd_analyze_ctx *c = set->c;
  guint n_series = set->builders->len;
  guint32 total = 0, max_rows = 0;
  for (guint s = 0; s < n_series; s++) {
    series_builder *sb = builder_at(set, s);
    sb->first = total;
    total += sb->count;
    max_rows = MAX(max_rows, sb->count);
    sb->count = 0;
  }
  set->max_rows = max_rows;
  guint32 *by_series = set->by_series = jd_big_alloc(total * sizeof(guint32));
  for (size_t i = 0; i < c->n; i++) {
    guint32 sid = set->row_series[i];
    if (sid == NONE) continue;
    series_builder *sb = builder_at(set, sid);
    by_series[sb->first + sb->count++] = (guint32)i;
  }
}

/* Room for the stated points: a series has at most as many points as rows,
 * and as periods. */
static void plan_points(jd_series_set *set)
{
  guint32 n_points_max = 0;
  for (guint s = 0; s < set->builders->len; s++) {
    series_builder *sb = builder_at(set, s);
    sb->point_first = n_points_max;
    n_points_max += MIN(sb->count, set->c->periods->len);
  }
  set->stated = jd_big_alloc(n_points_max * sizeof *set->stated);
  set->row_start = jd_big_alloc(n_points_max * sizeof *set->row_start);
}

/* slot_of for every period known now, all NONE. */
static void reset_slots(jd_series_set *set)
{
  guint n = set->c->periods->len;
  set->slot_of = g_renew(guint32, set->slot_of, n + 1);
  for (guint i = 0; i <= n; i++) set->slot_of[i] = NONE;
}

void jd_series_set_build_stated(jd_series_set *set, jd_analysis *a)
{
  group_rows(set);
  plan_points(set);
  reset_slots(set);
  guint n_series = set->builders->len;
  guint32 *counts = g_new(guint32, set->max_rows + 1);
  guint32 *tmp = g_new(guint32, 2 * (gsize)set->max_rows + 1);
  if (n_series) prefetch_rows(set->c, set->by_series, builder_at(set, 0));
  for (guint s = 0; s < n_series; s++) {
    /* the rows of a series lie anywhere in the table: ask for the next
     * series' rows while this one is built */
    if (s + 1 < n_series) prefetch_rows(set->c, set->by_series, builder_at(set, s + 1));
    series_stated_points(a, &set->ps, builder_at(set, s), set->by_series, set->slot_of, counts,
                         tmp, set->stated, set->row_start);
  }
  g_free(counts);
  g_free(tmp);
}

static int compare_implied_series(const void *pa, const void *pb, void *data)
{
  const guint32 *series = data;
  guint32 a = *(const guint32 *)pa, b = *(const guint32 *)pb;
  if (series[a] != series[b]) return series[a] < series[b] ? -1 : 1;
  return (a > b) - (a < b);
}

/* implied_idx: the priors (indices into implied) that fall on a series
 * with stated figures, grouped by series in the order the audit found
 * them; each builder's implied_first and implied_count say where. Returns
 * the most priors of one series. */
static guint32 group_implied(jd_series_set *set, jd_analysis *a, const GArray *implied)
{
  jd_analyze_ctx *c = set->c;
  guint n_implied = a->options.implied_points ? implied->len : 0;
  guint32 *implied_series = g_new(guint32, n_implied ? n_implied : 1);
  guint32 *implied_idx = set->implied_idx = g_new(guint32, n_implied ? n_implied : 1);
  guint n_kept = 0;
  for (guint i = 0; i < n_implied; i++) {
    const jd_implied_prior *ip = &g_array_index(implied, jd_implied_prior, i);
    implied_series[i] = NONE;
    if (!series_kind_ok(ip->level->kind)) continue;
    const jd_period_info *pi = jd_ctx_period_at(c, jd_ctx_period_of_name(c, ip->period));
    if (!pi->ok) continue;
    guintptr key[6] = {(guintptr)ip->level->metric, (guintptr)ip->level->drug,
                       (guintptr)ip->level->region, (guintptr)ip->level->unit,
                       (guintptr)ip->level->kind, (guintptr)pi->cls};
    gint64 sid = jd_keymap_find(&set->map, key);
    if (sid < 0) continue; /* no stated figure of that series: nothing to imply onto */
    implied_series[i] = (guint32)sid;
    implied_idx[n_kept++] = i;
  }
  g_qsort_with_data(implied_idx, (gint)n_kept, sizeof *implied_idx, compare_implied_series,
                    implied_series);
  guint32 max_implied = 0;
  for (guint k = 0; k < n_kept; k++) {
    series_builder *sb = builder_at(set, implied_series[implied_idx[k]]);
    if (sb->implied_count == 0) sb->implied_first = k;
    sb->implied_count++;
    max_implied = MAX(max_implied, sb->implied_count);
  }
  g_free(implied_series);
  return max_implied;
}

void jd_series_set_finish(jd_series_set *set, jd_analysis *a, const GArray *implied)
{
  guint32 max_implied = group_implied(set, a, implied);
  /* implied periods may be new: the slot map grows with them */
  reset_slots(set);
  const jd_implied_prior **chosen = g_new(const jd_implied_prior *, max_implied + 1);
  guint32 *touched = g_new(guint32, max_implied + 1);
  for (guint s = 0; s < set->builders->len; s++)
    series_finish(a, &set->ps, builder_at(set, s), set->by_series, set->stated, set->row_start,
                  set->implied_idx, (const jd_implied_prior *)(void *)implied->data, set->slot_of,
                  chosen, touched);
  g_free(chosen);
  g_free(touched);
}
