/* Pairing: which levels a stated share or change speaks of, and how certain
 * that is. The figure record has no explicit link; the structure the
 * extractor recorded (line, clause, table order, metric, scope, period) is
 * all there is, so a pairing is certain only when that structure leaves one
 * reading:
 *
 *  share  part: the level written just before the share; for a run of k
 *         shares in one clause (分别占a%、b%), the k levels just before the
 *         run, one to one, their metrics agreeing, and no further like level
 *         before them (else PART_GUESSED / LIST_UNEVEN); not one item of a
 *         list in a clause before the share's (LIST_ITEM).
 *         whole: the nearest earlier level of the line with the part's unit
 *         and period, not itself a part, not below the part. Certain when it
 *         is the only such level since the previous percentage of the line
 *         (else WHOLES, or WHOLE_FAR when it is before that percentage), its
 *         scope is the whole's ("" or the part's own; else SCOPE), the
 *         share's region the part's (else SCOPE: 占全国的), and neither part
 *         nor whole shares its clause with a level of another period or of
 *         its own series, nor the share with another share of its series —
 *         a 由A至B pair, which the percentage may describe instead
 *         (FROM_TO).
 *  change the level of each period (the change's and its base): first in
 *         the change's own clause (上升20%（由348人上升至418人）), where one
 *         is certain and several are not (LIST_UNEVEN); else on its line,
 *         leaving out the levels in the clause of another change of the
 *         series: one candidate, or as many as the line has changes of that
 *         series (a 分别 list, matched by rank from the end; else
 *         LIST_UNEVEN); on another line only uncertainly (OTHER_LINE); both
 *         periods known and of one span (else PERIOD); scopes known (else
 *         SCOPE). */
#include <math.h>
#include <string.h>

#include "analyze/audit-private.h"

const char *jd_pairing_reason(jd_pairing p)
{
  switch (p) {
  case JD_PAIR_CERTAIN: return "";
  case JD_PAIR_PART_GUESSED: return "该百分比前面没有紧挨着的对应数值，无法确定它是哪个数的占比";
  case JD_PAIR_LIST_UNEVEN: return "列举的百分比与数值个数对不上，无法一一对应";
  case JD_PAIR_WHOLES: return "同一句中有不止一个数值可能是总数，无法确定以哪个为准";
  case JD_PAIR_WHOLE_FAR: return "总数与该百分比之间隔着其他百分比，可能说的是另一件事";
  case JD_PAIR_FROM_TO:
    return "相关数值与另一时期或同类数值写在同一分句中（如“由A降至B”），"
           "该百分比也可能是二者之间的增减";
  case JD_PAIR_SCOPE: return "总数与部分的统计范围不同或不明";
  case JD_PAIR_PERIOD: return "数值的时期不明，或与所述增减的时期、时段不一致";
  case JD_PAIR_OTHER_LINE: return "对应的数值在文件的其他段落，未必是同一统计口径";
  case JD_PAIR_LIST_ITEM: return "对应的数值是同一分句中并列的几项之一，无法确定该百分比说的是哪一项";
  case JD_PAIR_WHOLE_AFTER: return "作为总数的数值写在部分之后，它本身也可能只是其中一部分";
  }
  return "";
}

gboolean jd_audit_is_level(const jd_figure *f)
{
  return f->kind == JD_KIND_LEVEL && isfinite(f->value);
}

gboolean jd_audit_is_rate(const jd_figure *f)
{
  return (f->kind == JD_KIND_RATE || f->kind == JD_KIND_SHARE) && isfinite(f->value);
}

gboolean jd_audit_is_change(const jd_figure *f)
{
  return f->kind == JD_KIND_CHANGE_PCT || f->kind == JD_KIND_CHANGE_ABS ||
         f->kind == JD_KIND_CHANGE_PP;
}

static gboolean metric_is_specific(const char *m)
{
  return *m && strcmp(m, "other") != 0;
}

static gboolean metrics_agree(const char *a, const char *b)
{
  return a == b || !metric_is_specific(a) || !metric_is_specific(b);
}

static gboolean scope_unknown(const jd_figure *f) { return strcmp(f->scope, "?") == 0; }

/* ---------------------------------------------------------------- shares */

/* For every share of the line [ls, le), the index of its part (the level it
 * is the share of), or -1: the level just before the share when the metrics
 * agree (or one is unspecific); else the nearest earlier level of the
 * share's metric; else (unspecific metric) the nearest level after the
 * previous share. Levels that are parts are flagged in is_part: they are
 * siblings ("分别占…"), never the whole of another share. */
void jd_pair_find_parts(const jd_figure *const *doc, size_t ls, size_t le, gssize *part_of,
                        gboolean *is_part)
{
  for (size_t i = ls; i < le; i++) {
    part_of[i - ls] = -1;
    is_part[i - ls] = FALSE;
  }
  for (size_t i = ls; i < le; i++) {
    const jd_figure *s = doc[i];
    if (s->kind != JD_KIND_SHARE || !isfinite(s->value)) continue;
    gssize pick = -1;
    /* rank within a "分别占" list: later shares of the same metric in the
     * same run of shares take the later levels of that metric (an extractor
     * may give two list items one metric) */
    size_t rank = 0;
    if (metric_is_specific(s->metric))
      for (size_t j = i + 1; j < le && doc[j]->kind == JD_KIND_SHARE; j++)
        if (doc[j]->metric == s->metric) rank++;
    if (rank == 0 && i > ls && jd_audit_is_level(doc[i - 1]) &&
        metrics_agree(doc[i - 1]->metric, s->metric))
      pick = (gssize)i - 1;
    if (pick < 0 && metric_is_specific(s->metric))
      for (size_t j = i; j-- > ls;)
        if (jd_audit_is_level(doc[j]) && doc[j]->metric == s->metric && rank-- == 0) {
          pick = (gssize)j;
          break;
        }
    if (pick < 0 && !metric_is_specific(s->metric))
      for (size_t j = i; j-- > ls;) {
        if (doc[j]->kind == JD_KIND_SHARE) break;
        if (jd_audit_is_level(doc[j])) {
          pick = (gssize)j;
          break;
        }
      }
    part_of[i - ls] = pick;
    if (pick >= 0) is_part[pick - (gssize)ls] = TRUE;
  }
}

static gboolean same_series_key(const jd_figure *a, const jd_figure *b)
{
  /* one table: equal strings, equal pointers */
  return a->metric == b->metric && a->drug == b->drug && a->region == b->region &&
         a->scope == b->scope;
}

gboolean jd_pair_clause_has_from_to(const jd_figure *const *doc, size_t ls, size_t le,
                                    const jd_figure *f)
{
  if (!*f->quote) return FALSE; /* no clause recorded */
  for (size_t j = ls; j < le; j++) {
    const jd_figure *g = doc[j];
    if (g == f || !jd_audit_is_level(g) || g->unit != f->unit || strcmp(g->quote, f->quote) != 0)
      continue;
    if (g->period != f->period || same_series_key(f, g)) return TRUE;
  }
  return FALSE;
}

/* Whether the share doc[i] shares its clause with another share of its
 * series (由25.5%上升至45%: two rates of two periods, not two parts). */
static gboolean shares_from_to(const jd_figure *const *doc, size_t ls, size_t le, size_t i)
{
  const jd_figure *s = doc[i];
  if (!*s->quote) return FALSE;
  for (size_t j = ls; j < le; j++)
    if (j != i && doc[j]->kind == JD_KIND_SHARE && same_series_key(doc[j], s) &&
        doc[j]->drug == s->drug && strcmp(doc[j]->quote, s->quote) == 0)
      return TRUE;
  return FALSE;
}

/* The run of shares around doc[i] on its line, [*rs, *re): the shares next
 * to it in one clause (分别占a%、b%), or, when no clause is recorded, next
 * to it in the table. */
static void share_run(const jd_figure *const *doc, size_t ls, size_t le, size_t i, size_t *rs,
                      size_t *re)
{
  size_t s = i, e = i + 1;
  const char *q = doc[i]->quote;
  while (s > ls && doc[s - 1]->kind == JD_KIND_SHARE && strcmp(doc[s - 1]->quote, q) == 0) s--;
  while (e < le && doc[e]->kind == JD_KIND_SHARE && strcmp(doc[e]->quote, q) == 0) e++;
  *rs = s;
  *re = e;
}

/* Whether the part doc[pi] is one item of a list written in one clause
 * (案件4098起、抓获3349人、缴获11.2吨) and the share, in a clause of its own,
 * may speak of another item: a level in the part's clause that is not a
 * part of the share's run [rs, re). */
static gboolean part_is_list_item(const jd_figure *const *doc, size_t ls, size_t pi, size_t rs,
                                  size_t re)
{
  const jd_figure *p = doc[pi];
  if (!*p->quote || strcmp(p->quote, doc[rs]->quote) == 0) return FALSE;
  size_t k = re - rs;
  for (size_t j = ls; j < rs; j++)
    if (j != pi && (j < rs - k || j >= rs) && jd_audit_is_level(doc[j]) &&
        strcmp(doc[j]->quote, p->quote) == 0)
      return TRUE;
  return FALSE;
}

/* Whether the parts of the run [rs, re) are the levels just before it, one
 * to one (see the file comment). */
static gboolean parts_certain(const jd_figure *const *doc, size_t ls, size_t rs, size_t re,
                              const gssize *part_of)
{
  size_t k = re - rs;
  if (rs - ls < k) return FALSE;
  for (size_t r = 0; r < k; r++) {
    const jd_figure *p = doc[rs - k + r], *s = doc[rs + r];
    if (!jd_audit_is_level(p) || part_of[rs + r - ls] != (gssize)(rs - k + r)) return FALSE;
    if (!metrics_agree(p->metric, s->metric) || p->period != s->period) return FALSE;
  }
  /* a further sibling before the list: the list may be longer than its
   * percentages */
  if (k > 1 && rs - k > ls) {
    const jd_figure *first = doc[rs - k], *before = doc[rs - k - 1];
    if (jd_audit_is_level(before) && same_series_key(before, first) && before->unit == first->unit &&
        before->period == first->period)
      return FALSE;
  }
  return TRUE;
}

static gboolean whole_candidate(const jd_figure *w, const jd_figure *part, const jd_interval *ip)
{
  if (!jd_audit_is_level(w) || w->unit != part->unit) return FALSE;
  if (*w->period && *part->period && w->period != part->period) return FALSE;
  jd_interval iw = jd_audit_interval(w);
  return !(iw.high < ip->low);
}

/* The position after the last share or change before `from` on the line. */
static size_t segment_start(const jd_figure *const *doc, size_t ls, size_t from)
{
  for (size_t j = from; j-- > ls;)
    if (doc[j]->kind == JD_KIND_SHARE || jd_audit_is_change(doc[j])) return j + 1;
  return ls;
}

jd_pairing jd_pair_share(const jd_figure *const *doc, size_t ls, size_t le, size_t i,
                         const gssize *part_of, const gboolean *is_part,
                         const jd_figure **part_out, const jd_figure **whole_out)
{
  *part_out = *whole_out = NULL;
  gssize pi = part_of[i - ls];
  if (pi < 0) return JD_PAIR_PART_GUESSED;
  const jd_figure *part = doc[pi], *whole = NULL;
  *part_out = part;
  jd_interval ip = jd_audit_interval(part);
  size_t wpos = 0;
  for (size_t j = (size_t)pi; j-- > ls;) {
    if (is_part[j - ls] || !whole_candidate(doc[j], part, &ip)) continue;
    whole = doc[j];
    wpos = j;
    break;
  }
  *whole_out = whole;

  size_t rs, re;
  share_run(doc, ls, le, i, &rs, &re);
  if (!parts_certain(doc, ls, rs, re, part_of))
    return re - rs > 1 ? JD_PAIR_LIST_UNEVEN : JD_PAIR_PART_GUESSED;
  if (jd_pair_clause_has_from_to(doc, ls, le, part) || shares_from_to(doc, ls, le, i))
    return JD_PAIR_FROM_TO;
  if (part_is_list_item(doc, ls, (size_t)pi, rs, re)) return JD_PAIR_LIST_ITEM;
  if (scope_unknown(part) || scope_unknown(doc[i])) return JD_PAIR_SCOPE;
  if (part->region != doc[i]->region) return JD_PAIR_SCOPE; /* 占全国的 */
  if (!whole) return JD_PAIR_CERTAIN;
  if (scope_unknown(whole) || (*whole->scope && whole->scope != part->scope))
    return JD_PAIR_SCOPE;
  if (jd_pair_clause_has_from_to(doc, ls, le, whole)) return JD_PAIR_FROM_TO;
  size_t first_part = rs - (re - rs);
  size_t seg = segment_start(doc, ls, first_part);
  if (wpos < seg) return JD_PAIR_WHOLE_FAR;
  for (size_t j = seg; j < first_part; j++)
    if (j != wpos && !is_part[j - ls] && whole_candidate(doc[j], part, &ip))
      return JD_PAIR_WHOLES;
  return JD_PAIR_CERTAIN;
}

/* --------------------------------------------------------------- changes */

static gboolean level_for_change(const jd_figure *c, const jd_figure *f)
{
  if (!same_series_key(c, f)) return FALSE;
  if (c->kind == JD_KIND_CHANGE_PP) return jd_audit_is_rate(f);
  /* a share (其中第一级毒品占24.8%) is not what a relative change after it
   * measures (第一级毒品较上年增加13.3%: its cases) */
  if (c->kind == JD_KIND_CHANGE_PCT)
    return jd_audit_is_level(f) || (f->kind == JD_KIND_RATE && isfinite(f->value));
  return jd_audit_is_level(f);
}

static void level_key(guintptr key[JD_LEVEL_KEY_WORDS], const jd_figure *f, const char *period)
{
  key[0] = (guintptr)f->metric;
  key[1] = (guintptr)f->drug;
  key[2] = (guintptr)f->region;
  key[3] = (guintptr)period;
  key[4] = (guintptr)f->scope;
}

void jd_doc_index_init(jd_doc_index *d)
{
  memset(d, 0, sizeof *d);
  jd_keymap_init(&d->levels, JD_LEVEL_KEY_WORDS);
  d->head = g_array_new(FALSE, FALSE, sizeof(guint32));
  d->tail = g_array_new(FALSE, FALSE, sizeof(guint32));
}

void jd_doc_index_destroy(jd_doc_index *d)
{
  jd_keymap_destroy(&d->levels);
  g_array_unref(d->head);
  g_array_unref(d->tail);
  g_free(d->next);
}

void jd_doc_index_fill(jd_doc_index *d, const jd_figure *const *doc, size_t n)
{
  d->fig = doc;
  d->n = n;
  jd_keymap_reset(&d->levels, n / 2);
  g_array_set_size(d->head, 0);
  g_array_set_size(d->tail, 0);
  d->next = g_renew(guint32, d->next, n ? n : 1);
  for (size_t i = 0; i < n; i++) {
    const jd_figure *f = doc[i];
    if (!jd_audit_is_level(f) && !jd_audit_is_rate(f)) continue;
    guintptr key[JD_LEVEL_KEY_WORDS];
    level_key(key, f, f->period);
    gboolean added;
    guint32 list = jd_keymap_intern(&d->levels, key, &added);
    guint32 pos = (guint32)i;
    d->next[i] = G_MAXUINT32;
    if (added) {
      g_array_append_val(d->head, pos);
      g_array_append_val(d->tail, pos);
    } else {
      guint32 *tail = &g_array_index(d->tail, guint32, list);
      d->next[*tail] = pos;
      *tail = pos;
    }
  }
}

static gboolean period_known(const char *p) { return *p && strcmp(p, "unknown") != 0; }

static gboolean same_clause(const jd_figure *a, const jd_figure *b)
{
  return *a->quote && strcmp(a->quote, b->quote) == 0;
}

static gboolean change_of_same_kind(const jd_figure *c, const jd_figure *g)
{
  return g->kind == c->kind && same_series_key(c, g) && g->period == c->period;
}

/* The levels of `period` in the change fig[ci]'s own clause (由A至B beside
 * it): their count, and the first. */
static size_t levels_in_clause(const jd_doc_index *d, size_t ci, size_t ls, size_t le,
                               const char *period, const jd_figure **first)
{
  const jd_figure *c = d->fig[ci];
  size_t n = 0;
  *first = NULL;
  if (!*c->quote) return 0;
  for (size_t i = ls; i < le; i++) {
    const jd_figure *f = d->fig[i];
    if (!level_for_change(c, f) || f->period != period || !same_clause(c, f)) continue;
    if (!n++) *first = f;
  }
  return n;
}

/* Whether the level fig[li] stands in the clause of another change of the
 * same series on the line [ls, le) (it is that change's 由A至B). */
static gboolean owned_by_other_change(const jd_doc_index *d, size_t ci, size_t li, size_t ls,
                                      size_t le)
{
  const jd_figure *c = d->fig[ci], *f = d->fig[li];
  if (!*f->quote) return FALSE;
  for (size_t i = ls; i < le; i++)
    if (i != ci && jd_audit_is_change(d->fig[i]) && same_series_key(c, d->fig[i]) &&
        same_clause(d->fig[i], f))
      return TRUE;
  return FALSE;
}

/* The level of `period` on the change's line, by rank among the line's
 * changes that have no levels of their own clause (a 分别 list: the k-th
 * change takes the k-th level counted from the end); NULL when the line has
 * none before the change. */
static const jd_figure *level_on_line(const jd_doc_index *d, size_t ci, size_t ls, size_t le,
                                      const char *period, jd_pairing *certainty)
{
  const jd_figure *c = d->fig[ci], *dummy;
  size_t rank = 0, n_changes = 0, n_before = 0, n_line = 0;
  for (size_t i = ls; i < le; i++) {
    const jd_figure *f = d->fig[i];
    if (change_of_same_kind(c, f) && (i == ci || !levels_in_clause(d, i, ls, le, period, &dummy))) {
      if (i < ci) rank++;
      n_changes++;
    }
    if (level_for_change(c, f) && f->period == period && !owned_by_other_change(d, ci, i, ls, le)) {
      n_line++;
      if (i < ci) n_before++;
    }
  }
  if (n_line > 1 && n_line != n_changes && *certainty == JD_PAIR_CERTAIN)
    *certainty = JD_PAIR_LIST_UNEVEN;
  if (!n_before) {
    /* after the change on its line: which is which is not known when several */
    if (n_line > 1 && *certainty == JD_PAIR_CERTAIN) *certainty = JD_PAIR_LIST_UNEVEN;
    return NULL;
  }
  gssize k = (gssize)n_before - (gssize)n_changes + (gssize)rank;
  if (k < 0) {
    k = MIN((gssize)rank, (gssize)n_before - 1);
    if (*certainty == JD_PAIR_CERTAIN) *certainty = JD_PAIR_LIST_UNEVEN;
  }
  for (size_t i = ls; i < ci; i++) {
    const jd_figure *f = d->fig[i];
    if (level_for_change(c, f) && f->period == period && !owned_by_other_change(d, ci, i, ls, le) &&
        k-- == 0)
      return f;
  }
  return NULL;
}

/* Elsewhere in the document: the nearest line, earlier lines first (on the
 * change's own line, not a level of another change's clause). */
static const jd_figure *level_elsewhere(jd_doc_index *d, size_t ci, size_t ls, size_t le,
                                        const char *period)
{
  const jd_figure *c = d->fig[ci];
  guintptr key[JD_LEVEL_KEY_WORDS];
  level_key(key, c, period);
  gint64 list = jd_keymap_find(&d->levels, key);
  const jd_figure *pick = NULL;
  unsigned best = G_MAXUINT;
  for (guint32 i = list < 0 ? G_MAXUINT32 : g_array_index(d->head, guint32, list);
       i != G_MAXUINT32; i = d->next[i]) {
    const jd_figure *f = d->fig[i];
    if (f == c || !level_for_change(c, f)) continue;
    if (i >= ls && i < le && owned_by_other_change(d, ci, i, ls, le)) continue;
    unsigned dist = f->line <= c->line ? (c->line - f->line) * 2 : (f->line - c->line) * 2 + 1;
    if (dist < best) {
      best = dist;
      pick = f;
    }
  }
  return pick;
}

const jd_figure *jd_pair_change_level(jd_doc_index *d, size_t ci, size_t ls, size_t le,
                                      const char *period, jd_pairing *certainty)
{
  const jd_figure *c = d->fig[ci], *own;
  *certainty = JD_PAIR_CERTAIN;
  if (!period_known(period) || !period_known(c->period)) *certainty = JD_PAIR_PERIOD;
  else if (scope_unknown(c)) *certainty = JD_PAIR_SCOPE;
  /* its own clause first: "上升20%（由348人上升至418人）" */
  size_t n_own = levels_in_clause(d, ci, ls, le, period, &own);
  if (n_own) {
    if (n_own > 1 && *certainty == JD_PAIR_CERTAIN) *certainty = JD_PAIR_LIST_UNEVEN;
    return own;
  }
  const jd_figure *pick = level_on_line(d, ci, ls, le, period, certainty);
  if (pick) return pick;
  pick = level_elsewhere(d, ci, ls, le, period);
  if (pick && pick->line != c->line && *certainty == JD_PAIR_CERTAIN)
    *certainty = JD_PAIR_OTHER_LINE;
  return pick;
}
