/* The figure extractor's flow: documents come in paragraph by paragraph (the
 * first few held back until the document's own date and region are learned,
 * context.c), paragraphs are cut into sentences, every number that states a
 * quantity becomes a candidate figure, and each candidate goes through the
 * steps of the other files — unit, kind, metric, drug, place, period, lists —
 * before it is emitted. */
#define _GNU_SOURCE /* memmem */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "extract/extract-private.h"
#include "jindu/jindu.h"
#include "jindu/numeral.h"

G_DEFINE_QUARK(jd-extract-error-quark, jd_extract_error)

#define DEFAULT_LOOKAHEAD 12
#define LOOKAHEAD_BYTES (24 * 1024)

/* A paragraph held back while the opening is read: one block, its text and
 * where after the struct (one allocation per paragraph, not three). */
typedef struct {
  char *text;
  size_t len;
  unsigned line;
  char *where;
} held_paragraph;

/* ---- lifecycle --------------------------------------------------------------- */

jd_extractor *jd_extractor_new(const jd_lexicon *lexicon, const jd_extract_options *options)
{
  g_return_val_if_fail(lexicon != NULL, NULL);
  jd_extractor *x = g_new0(jd_extractor, 1);
  x->lx = lexicon;
  if (options) x->opt = *options;
  if (!x->opt.lookahead) x->opt.lookahead = DEFAULT_LOOKAHEAD;
  x->held = g_ptr_array_new();
  x->warnings = g_ptr_array_new_with_free_func(g_free);
  x->nums = g_array_new(FALSE, FALSE, sizeof(jd_numeral));
  x->sentences = g_array_new(FALSE, FALSE, sizeof(jd_span));
  x->clauses = g_array_new(FALSE, FALSE, sizeof(jd_span));
  x->cands = g_array_new(FALSE, TRUE, sizeof(cand));
  x->tmarks = g_array_new(FALSE, TRUE, sizeof(time_marker));
  x->rmarks = g_array_new(FALSE, TRUE, sizeof(region_marker));
  for (int i = 0; i < JD_LEX_N_TABLES; i++)
    x->sent_words[i].words = g_array_new(FALSE, FALSE, sizeof(jd_word_at));
  x->para_items = g_array_new(FALSE, TRUE, sizeof(cand));
  x->part_scopes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  for (int c = 0; c < JD_CUE_N_SETS; c++) x->cues[c] = jd_lexicon_get_cues(lexicon, (jd_cue)c);
  for (int t = 0; t < JD_LEX_N_TABLES; t++) {
    x->first_bits[t] = jd_lexicon_first_bits(lexicon, (jd_lex_table)t);
    x->single_bits[t] = jd_lexicon_single_bits(lexicon, (jd_lex_table)t);
    x->pair_bits[t] = jd_lexicon_pair_bits(lexicon, (jd_lex_table)t);
  }
  jd_doc_context_clear(&x->ctx);
  return x;
}

static void free_held(jd_extractor *x)
{
  for (guint i = 0; i < x->held->len; i++) {
    g_free(x->held->pdata[i]);
  }
  g_ptr_array_set_size(x->held, 0);
  x->held_bytes = 0;
}

static void clear_cands(GArray *cands)
{
  for (guint i = 0; i < cands->len; i++) {
    cand *c = &g_array_index(cands, cand, i);
    if (c->why) g_string_free(c->why, TRUE);
  }
  g_array_set_size(cands, 0);
}

void jd_extractor_set_plain_walks(jd_extractor *x, gboolean plain)
{
  x->plain_walks = plain;
}

void jd_extractor_free(jd_extractor *x)
{
  if (!x) return;
  free_held(x);
  if (x->title_held) g_ptr_array_unref(x->title_held);
  g_ptr_array_unref(x->held);
  g_ptr_array_unref(x->warnings);
  clear_cands(x->cands);
  g_array_unref(x->cands);
  g_array_unref(x->para_items);
  g_array_unref(x->nums);
  g_array_unref(x->sentences);
  g_array_unref(x->clauses);
  g_array_unref(x->tmarks);
  g_array_unref(x->rmarks);
  for (int i = 0; i < JD_LEX_N_TABLES; i++)
    g_array_unref(x->sent_words[i].words);
  g_hash_table_unref(x->part_scopes);
  jd_doc_context_clear(&x->ctx);
  g_free(x->doc);
  g_free(x->where);
  g_free(x);
}

const char *jd_extractor_get_doc_date(const jd_extractor *x)
{
  return x ? x->ctx.date : "";
}

const char *jd_extractor_get_doc_region(const jd_extractor *x)
{
  return x && x->ctx.region ? x->ctx.region : "";
}

/* ---- one paragraph ---------------------------------------------------------------------- */

static guint clause_of(const GArray *clauses, size_t pos, guint from)
{
  for (guint i = from; i < clauses->len; i++) {
    const jd_span *sp = &g_array_index(clauses, jd_span, i);
    if (pos >= sp->start && pos < sp->end) return i;
  }
  return clauses->len ? clauses->len - 1 : 0;
}

static void remember_items(jd_extractor *x, const cand *cands, guint n)
{
  guint levels = 0, first = 0;
  for (guint i = n; i-- > 0 && levels < 8;)
    if (cands[i].kind == JD_KIND_LEVEL) {
      levels++;
      first = i;
    }
  for (guint i = first; i < n; i++) {
    if (cands[i].kind != JD_KIND_LEVEL) continue;
    cand copy = cands[i];
    copy.why = NULL;
    g_array_append_val(x->para_items, copy);
  }
  while (x->para_items->len > 8) g_array_remove_index(x->para_items, 0);
}

static gboolean is_quantity(jd_numeral_kind kd)
{
  return kd == JD_NUM_NUMBER || kd == JD_NUM_PERCENT || kd == JD_NUM_PERMILLE ||
         kd == JD_NUM_PERCENT_POINT;
}

/* Whether any of the numerals nums[from, to) states a quantity (not only dates,
 * codes, ordinals). */
static gboolean any_quantity(const GArray *nums, guint from, guint to)
{
  for (guint i = from; i < to; i++)
    if (is_quantity(g_array_index(nums, jd_numeral, i).kind)) return TRUE;
  return FALSE;
}

/* The month of the document's date (its context), or 0. */
static int doc_month(const jd_extractor *x)
{
  const char *d = x->ctx.date;
  return strlen(d) >= 7 && d[4] == '-' ? atoi(d + 5) : 0;
}

/* The paragraph's state starts afresh, but a running total from January
 * (今年1—6月, 前三季度, 上半年) stays the period of the paragraphs after it that
 * name none; any other period ends it. */
static void start_paragraph(jd_extractor *x, const char *t, size_t len)
{
  if (x->para_period.year > 0) {
    const jd_period *q = &x->para_period;
    /* ◆截至2021年11月底，…  ◆缴获毒品23.7吨: a list item goes on at that date */
    gboolean bullet = jd_cue_at(CUES(x, LIST_BULLET), t, len, jd_skip_spaces(t, len, 0)) != NULL;
    gboolean running = !q->year_to && ((q->month_from == 1 && q->month_to > 1 && q->month_to < 12) ||
                                       (bullet && q->asof && !x->para_deictic && q->month_to > 1 &&
                                        q->month_to < 12) ||
                                       q->half == 1 || q->quarter == 1);
    /* 去年10至12月展开联合行动…, then a paragraph naming no time: the same
     * operation's months (in a document of the year after) */
    gboolean past = !running && !q->year_to && q->month_from && q->month_to > q->month_from &&
                    !q->asof && x->ctx.year && q->year == x->ctx.year - 1 && !x->ctx.topic_year;
    /* 从2014年10月至今年3月底，组织开展了…会战。 (a paragraph of no figures):
     * the paragraphs after it report on those months */
    gboolean framing = !running && !past && !x->para_figures && q->month_from && !q->asof &&
                       (q->year_to || q->month_to > q->month_from);
    if (framing) past = TRUE;
    /* 自去年7月开展…行动以来 (a span from a month of the year before to the document's
     * month): the paragraphs after it that name no time go on in it */
    if (!running && !past && q->year_to && q->year_to == x->ctx.year && q->year == x->ctx.year - 1 &&
        q->month_from && !q->asof && q->month_to == doc_month(x))
      past = TRUE;
    if (running || past) x->carry = *q;
    else memset(&x->carry, 0, sizeof x->carry);
    x->carry_past = past;
  }
  memset(&x->para_period, 0, sizeof x->para_period);
  x->para_deictic = FALSE;
  g_array_set_size(x->para_items, 0);
  x->sub_active = FALSE;
  x->op_frame[0] = 0;
  x->op_frame_told = FALSE;
  x->para_place[0] = 0;
  memset(&x->semi_period, 0, sizeof x->semi_period);
  x->semi_pair = FALSE;
  x->para_figures = FALSE;
}

/* A sentence that gives no figures may still set the paragraph's period: its
 * last free time marker before `before` does. */
static void period_from_markers(jd_extractor *x, size_t before)
{
  jd_period cur = jd_fallback_period(x);
  for (guint mi = 0; mi < x->tmarks->len; mi++) {
    const time_marker *tm = &g_array_index(x->tmarks, time_marker, mi);
    if (tm->binding == TM_FREE && tm->pos < before) {
      x->para_period = tm->relative_year ? jd_with_context_year(tm->period, &cur) : tm->period;
      x->para_deictic = tm->deictic;
    }
  }
}

/* 根据…部署，山东从2014年10月至今年3月底，组织开展了…会战 (a sentence of no figures):
 * a span of months named after its opening clause (free, or bound to a number that
 * gave no figure: 为期半年) frames the paragraph too (and,
 * as the paragraph gives no figures, the paragraphs after it: start_paragraph). */
static void months_after_opening(jd_extractor *x, size_t after)
{
  jd_period cur = jd_fallback_period(x);
  for (guint mi = 0; mi < x->tmarks->len; mi++) {
    const time_marker *tm = &g_array_index(x->tmarks, time_marker, mi);
    if ((tm->binding != TM_FREE && tm->binding != TM_BOUND) || tm->pos < after) continue;
    jd_period q = tm->relative_year ? jd_with_context_year(tm->period, &cur) : tm->period;
    if (!q.month_from || q.asof || q.to_date || !(q.year_to || q.month_to > q.month_from)) continue;
    x->para_period = q;
    x->para_deictic = tm->deictic;
    return;
  }
}

/* 某市从去年11月至今年3月，组织开展了禁毒集中攻坚 (a paragraph holding no quantity at
 * all): a span of months it names frames the paragraphs after it that name no
 * time (start_paragraph), as a paragraph of no figures does. */
static void months_of_paragraph_without_quantity(jd_extractor *x, const char *t, size_t len)
{
  gboolean month = FALSE;
  for (guint i = 0; i < x->nums->len && !month; i++) {
    const jd_numeral *m = &g_array_index(x->nums, jd_numeral, i);
    month = m->kind == JD_NUM_DATE && m->month;
  }
  if (!month) return;
  x->sent_start = 0;
  x->sent_end = len;
  jd_sentence_words_forget(x);
  jd_find_time_markers(x, t, 0, len, x->nums, x->tmarks);
  months_after_opening(x, 0);
}

/* The digits of m are part of an address or a name of letters and signs
 * (…/article/1/1567314036092829698, id=…, a file name): no figure, and no
 * warning either — the reader can do nothing about a URL's digits. */
static gboolean in_ascii_token(const char *t, const jd_numeral *m, size_t end)
{
  char b = m->start > 0 ? t[m->start - 1] : 0, a = m->end < end ? t[m->end] : 0;
  return (b && (g_ascii_isalnum(b) || strchr("/=_?&#-.:%", b))) ||
         (a && (g_ascii_isalpha(a) || strchr("/=_?&#%", a)));
}

/* The candidate figure of the numeral m in the clause cl, whose words start at
 * seg; FALSE when m is no figure (no unit, an attribute, a goal, a vague small
 * range ...). A range counts as its middle, about. */
static gboolean make_candidate(jd_extractor *x, const char *t, size_t s, const jd_numeral *m,
                               const jd_span *cl, size_t seg, cand *c)
{
  memset(c, 0, sizeof *c);
  c->n = *m;
  c->start = m->start;
  c->clause_start = cl->start;
  c->clause_end = cl->end;
  c->seg_start = seg;
  c->change_pos = (size_t)-1;
  if (x->opt.explain) c->why = g_string_new(NULL);
  gboolean keep = is_quantity(m->kind) && !m->overflow && jd_read_unit(x, t, c) &&
                  !jd_is_no_figure(x, t, c, s);
  if (is_quantity(m->kind) && (m->overflow || (keep && !(fabs(c->value) <= JD_VALUE_MAX)))) {
    /* 9999999999999999亿, 400 digits: no figure of drug work, and beyond a
     * double's exact precision — left out, and said so */
    size_t cut = MIN(m->end - m->start, 60);
    while (cut > 0 && cut < m->end - m->start && ((guchar)t[m->start + cut] & 0xC0) == 0x80) cut--;
    if (x->warnings->len < 100 && !in_ascii_token(t, m, cl->end))
      g_ptr_array_add(x->warnings,
                      g_strdup_printf("%s:%u: the number %.*s%s is beyond exact precision (over "
                                      "10^15) — left out; check the document",
                                      x->doc, x->line, (int)cut, t + m->start,
                                      cut < m->end - m->start ? "…" : ""));
    keep = FALSE;
  }
  /* 一两场, 两三个: vague small ranges */
  if (keep && m->is_range && m->chinese && m->value_high < 10) keep = FALSE;
  if (keep && m->is_range) {
    c->value = (c->value + m->value_high * (c->value / (m->value ? m->value : 1))) / 2;
    if (c->qualifier == JD_QUAL_EXACT) c->qualifier = JD_QUAL_ABOUT;
  }
  if (!keep && c->why) g_string_free(c->why, TRUE);
  return keep;
}

/* The candidates of the numerals nums[k0, k) of the sentence starting at s,
 * into x->cands. */
static void collect_candidates(jd_extractor *x, const char *t, size_t s, guint k0, guint k)
{
  clear_cands(x->cands);
  size_t seg = s;
  guint last_clause = G_MAXUINT;
  for (guint i = k0; i < k; i++) {
    const jd_numeral *m = &g_array_index(x->nums, jd_numeral, i);
    if (m->start < s) continue;
    guint ci = clause_of(x->clauses, m->start, last_clause == G_MAXUINT ? 0 : last_clause);
    const jd_span *cl = &g_array_index(x->clauses, jd_span, ci);
    if (ci != last_clause) seg = cl->start;
    last_clause = ci;
    cand c;
    if (!make_candidate(x, t, s, m, cl, seg, &c)) continue;
    g_array_append_val(x->cands, c);
    seg = c.end;
  }
}

/* Kind, metric, drug and region of the figure cs[i] of the sentence t[s, e). */
static void resolve_figure(jd_extractor *x, const char *t, size_t s, size_t e, cand *cs, guint i)
{
  if (!cs) return; /* no candidates: nothing to resolve */
  cand *c = &cs[i];
  const cand *prev = i ? &cs[i - 1] : NULL;
  /* 其中 opening a sentence continues the figure before it (after a ；) */
  if (!prev && x->para_items->len &&
      (lit_at(t, e, jd_skip_spaces(t, e, c->clause_start), "其中") ||
       lit_at(t, e, jd_skip_spaces(t, e, s), "其中")))
    prev = &g_array_index(x->para_items, cand, x->para_items->len - 1);
  jd_find_kind(x, t, c, prev, s);
  jd_find_metric(x, t, c, prev, s);
  jd_settle_percentage_kind(c);
  jd_find_place_gap(x, t, c);
  jd_find_drug(x, t, c, prev, s);
  jd_find_region(x, t, c, s);
}

/* After all else of the sentence is read: a weight after 其中 that names no drug is of
 * the drug of the last level before it (metric.c, jd_drug_of_part) */
static void drugs_of_parts(jd_extractor *x, const char *t, size_t s, cand *cs, guint n)
{
  for (guint i = 1; i < n; i++) {
    const cand *lvl = NULL;
    for (guint j = i; j-- > 0 && !lvl;)
      if (cs[j].kind == JD_KIND_LEVEL) lvl = &cs[j];
    jd_drug_of_part(x, t, &cs[i], lvl, s);
  }
}

/* 破获毒品案件10740起，…缴获各类毒品49.889吨……这是…自1982年建立专业禁毒队伍以来取得的
 * “成绩单” (cues.tsv told_back, then a span to now after the last figure): the figures
 * before it that no time word of their own dated are of that span */
static void span_told_after(jd_extractor *x, const char *t, cand *cs, guint n)
{
  size_t last = cs[n - 1].end, at;
  const jd_lex_entry *back = jd_cue_find(CUES(x, TOLD_BACK), t, last, MIN(x->sent_end, last + 12), &at);
  if (!back) return;
  const time_marker *span = NULL;
  for (guint m = 0; m < x->tmarks->len; m++) {
    const time_marker *tm = &g_array_index(x->tmarks, time_marker, m);
    if (tm->pos < at) {
      if (tm->binding == TM_FREE) return; /* a time word before the figures dates them */
      continue;
    }
    if (tm->binding == TM_FREE && tm->period.year > 0 && (tm->period.year_to || tm->period.to_date))
      span = tm;
  }
  if (!span) return;
  for (guint i = 0; i < n; i++) {
    if (cs[i].kind != JD_KIND_LEVEL) continue;
    cs[i].period = span->period;
    jd_why(&cs[i], "period: the span told after the figures ('%s', then %s)", back->surface, span->why);
  }
}

/* The sentence t[s, e), made of x->clauses, with the numerals nums[k0, k):
 * its time markers, its candidate figures and everything about them, then
 * the figures go out. */
static void process_sentence(jd_extractor *x, const char *t, size_t s, size_t e, guint k0,
                             guint k, unsigned line)
{
  if (k == k0) {
    /* 去年以来，全市…: a sentence without numbers may still set the period */
    size_t fce = g_array_index(x->clauses, jd_span, 0).end;
    jd_find_time_markers(x, t, s, MIN(e, fce + 3), x->nums, x->tmarks);
    period_from_markers(x, (size_t)-1);
    return;
  }
  size_t first_clause_end = g_array_index(x->clauses, jd_span, 0).end;
  /* 据介绍，今年1至10月，全省…: a short lead-in does not count as the opening */
  if (x->clauses->len > 1 && first_clause_end - s <= 15 &&
      g_array_index(x->nums, jd_numeral, k0).start >= first_clause_end)
    first_clause_end = g_array_index(x->clauses, jd_span, 1).end;
  /* whether the sentence holds a goal word for its whole (工作目标：…, unit.c) or
   * a single place searched once (scope.c's scope_in asks often): looked for
   * once a sentence, when first asked */
  x->sent_goal = x->sent_site = -1; /* not looked for yet */
  x->sent_start = s;
  x->sent_end = e;
  jd_sentence_words_forget(x);
  jd_find_time_markers(x, t, s, e, x->nums, x->tmarks);
  collect_candidates(x, t, s, k0, k);
  if (!x->cands->len) {
    period_from_markers(x, first_clause_end);
    months_after_opening(x, first_clause_end);
    jd_note_sentence_operation(x, t, s, e);
    return;
  }
  jd_find_region_markers(x, t, s, e, x->rmarks);
  cand *cs = (cand *)(void *)x->cands->data;
  guint n = x->cands->len;
  for (guint i = 0; i < n; i++) resolve_figure(x, t, s, e, cs, i);
  jd_assign_periods(x, t, s, first_clause_end, cs, n);
  span_told_after(x, t, cs, n);
  jd_distribute(x, t, s, e, cs, n);
  jd_apply_subsets(x, t, s, e, cs, n);
  jd_apply_bare_parts(x, t, cs, n);
  jd_find_scopes(x, t, s, e, cs, n);
  jd_flows_to_date(x, cs, n);
  drugs_of_parts(x, t, s, cs, n);
  jd_emit_each(x, t, line, cs, n);
  x->para_figures = TRUE;
  remember_items(x, cs, n);
  clear_cands(x->cands);
}

/* 与去年持平 (cues.tsv, flat_change): a change of 0%, read as the numeral it
 * stands for, among the paragraph's numerals in text order. */
static void add_flat_changes(jd_extractor *x, const char *t, size_t len)
{
  const jd_cue_set *flat = CUES(x, FLAT_CHANGE);
  /* most paragraphs hold none of the words: one search for them (the set's
   * words as substrings, jd_cue_find) rules out the walk below, which can
   * only stop where one is written */
  if (!jd_cue_find(flat, t, 0, len, NULL)) return;
  guint k = 0;
  for (size_t p = 0; p < len;) {
    const jd_lex_entry *w = (unsigned char)t[p] >= 0xE0 ? jd_cue_at(flat, t, len, p) : NULL;
    if (!w) {
      p = jd_next_char(t, len, p);
      continue;
    }
    while (k < x->nums->len && g_array_index(x->nums, jd_numeral, k).start < p) k++;
    jd_numeral m = {0};
    m.start = m.digits_start = p;
    m.end = m.digits_end = p + w->len;
    m.kind = JD_NUM_PERCENT;
    m.chinese = TRUE;
    jd_qualifier_from_string(w->arg, &m.qualifier);
    g_array_insert_val(x->nums, k, m);
    k++;
    p += w->len;
  }
}

/* One paragraph: its numerals, then sentence by sentence (runs of clauses up
 * to a sentence end; the punctuation after a sentence belongs to it). A
 * paragraph without a quantity has nothing to give, and its period context
 * dies with it. */
static void process_paragraph(jd_extractor *x, const char *t, size_t len, unsigned line,
                              const GArray *scanned)
{
  x->line = line;
  jd_sentence_words_forget(x); /* (this paragraph's text may be where the last one was) */
  int furniture = x->page_links ? 2 : jd_page_furniture(x->lx, t, len);
  if (furniture == 2) x->page_links = TRUE;
  if (furniture) return; /* 上一篇：…, and what follows 相关新闻 */
  g_array_set_size(x->nums, 0);
  if (scanned) /* scanned already while the document's context was learned */
    g_array_append_vals(x->nums, scanned->data, scanned->len);
  else
    jd_numeral_scan(jd_lexicon_get_numeral_words(x->lx), t, len, x->nums);
  add_flat_changes(x, t, len);
  /* 其中，… opening a paragraph goes on with the one before it */
  if (!jd_has_prefix_at(t, len, jd_skip_spaces(t, len, 0), "其中")) start_paragraph(x, t, len);
  if (!any_quantity(x->nums, 0, x->nums->len)) {
    months_of_paragraph_without_quantity(x, t, len);
    jd_note_paragraph_operation(x, t, len, FALSE);
    return;
  }
  g_array_set_size(x->sentences, 0);
  jd_text_split_clauses(t, len, x->sentences);
  guint k = 0, ca = 0;
  x->prev_sent_s = 0;
  x->prev_sent_e = (size_t)-1;
  while (ca < x->sentences->len) {
    guint cb = ca;
    while (cb + 1 < x->sentences->len && !g_array_index(x->sentences, jd_span, cb).sentence_end)
      cb++;
    size_t s = g_array_index(x->sentences, jd_span, ca).start;
    size_t e = g_array_index(x->sentences, jd_span, cb).end;
    if (cb + 1 < x->sentences->len) e = MAX(e, g_array_index(x->sentences, jd_span, cb + 1).start);
    else e = len;
    g_array_set_size(x->clauses, 0);
    g_array_append_vals(x->clauses, &g_array_index(x->sentences, jd_span, ca), cb - ca + 1);
    ca = cb + 1;
    guint k0 = k;
    while (k < x->nums->len && g_array_index(x->nums, jd_numeral, k).start < e) k++;
    process_sentence(x, t, s, e, k0, k, line);
    x->prev_sent_s = s;
    x->prev_sent_e = e;
  }
  jd_note_paragraph_operation(x, t, len, x->para_figures);
}

/* ---- document flow ---------------------------------------------------------------- */

static void set_where(jd_extractor *x, const char *where)
{
  if (x->where && !strcmp(x->where, where ? where : "")) return;
  g_free(x->where);
  x->where = g_strdup(where ? where : "");
}

static void settle(jd_extractor *x)
{
  if (x->settled) return;
  guint n = x->held->len;
  const char **texts = g_new0(const char *, n + 1);
  size_t *lens = g_new0(size_t, n + 1);
  for (guint i = 0; i < n; i++) {
    held_paragraph *h = x->held->pdata[i];
    texts[i] = h->text;
    lens[i] = h->len;
  }
  GArray **nums = g_new0(GArray *, n + 1);
  x->ctx.explain = x->opt.explain;
  jd_doc_context_learn(&x->ctx, x->lx, texts, lens, nums, n);
  /* the lead's paragraph (counted from 1) is the line it stands on */
  if (x->ctx.lead_line && x->ctx.lead_line <= n)
    x->ctx.lead_line = ((held_paragraph *)x->held->pdata[x->ctx.lead_line - 1])->line;
  g_free(texts);
  g_free(lens);
  x->settled = TRUE;
  for (guint i = 0; i < n; i++) {
    held_paragraph *h = x->held->pdata[i];
    set_where(x, h->where);
    process_paragraph(x, h->text, h->len, h->line, nums[i]);
    if (nums[i]) g_array_unref(nums[i]);
  }
  g_free(nums);
  free_held(x);
}

void jd_extractor_begin(jd_extractor *x, const char *doc, jd_figure_func func, gpointer data)
{
  g_return_if_fail(x != NULL);
  if (x->open) jd_extractor_end(x);
  g_free(x->doc);
  x->doc = g_strdup(doc ? doc : "");
  x->func = func;
  x->data = data;
  x->open = TRUE;
  x->settled = FALSE;
  x->page_links = FALSE;
  memset(&x->carry, 0, sizeof x->carry);
  memset(&x->para_period, 0, sizeof x->para_period);
  x->review_year = 0;
  x->stated_from = x->stated_to = 0;
  x->op_span_scope[0] = 0;
  x->op_frame_para[0] = 0;
  x->op_named_para[0] = 0;
  g_ptr_array_set_size(x->warnings, 0);
  free_held(x);
  jd_doc_context_clear(&x->ctx);
}

void jd_extractor_feed(jd_extractor *x, const jd_paragraph *p)
{
  g_return_if_fail(x != NULL && p != NULL);
  if (!x->open) jd_extractor_begin(x, "", NULL, NULL);
  if (x->settled) {
    set_where(x, p->where);
    process_paragraph(x, p->text, p->len, p->line, NULL);
    return;
  }
  const char *where = p->where ? p->where : "";
  size_t wlen = strlen(where);
  held_paragraph *h = g_malloc(sizeof *h + p->len + 1 + wlen + 1);
  h->text = (char *)(h + 1);
  strncpy(h->text, p->text, p->len); /* as g_strndup: up to a NUL, then NULs */
  h->text[p->len] = '\0';
  h->len = p->len;
  h->line = p->line;
  h->where = h->text + p->len + 1;
  memcpy(h->where, where, wlen + 1);
  g_ptr_array_add(x->held, h);
  x->held_bytes += p->len;
  if (x->held->len >= x->opt.lookahead || x->held_bytes >= LOOKAHEAD_BYTES) settle(x);
}

const GPtrArray *jd_extractor_get_warnings(const jd_extractor *x)
{
  return x ? x->warnings : NULL;
}

void jd_extractor_end(jd_extractor *x)
{
  if (!x || !x->open) return;
  settle(x);
  jd_title_flush(x);
  x->open = FALSE;
}

gboolean jd_extract_reader(jd_extractor *x, jd_reader *r, jd_figure_func func, gpointer data,
                           GPtrArray *warnings, GError **error)
{
  jd_extractor_begin(x, jd_reader_get_name(r), func, data);
  jd_paragraph p;
  GError *err = NULL;
  while (jd_reader_next(r, &p, &err)) jd_extractor_feed(x, &p);
  jd_extractor_end(x);
  const GPtrArray *lists[] = {jd_extractor_get_warnings(x), jd_reader_get_warnings(r)};
  for (size_t i = 0; warnings && i < G_N_ELEMENTS(lists); i++)
    for (guint w = 0; lists[i] && w < lists[i]->len; w++)
      g_ptr_array_add(warnings, g_strdup(lists[i]->pdata[w]));
  if (err) {
    g_propagate_error(error, err);
    return FALSE;
  }
  return TRUE;
}

gboolean jd_extract_file(jd_extractor *x, const char *path, const jd_load_options *load_options,
                         jd_figure_func func, gpointer data, GError **error)
{
  jd_load_options defaults = JD_LOAD_OPTIONS_INIT;
  jd_reader *r = jd_reader_open(path, load_options ? load_options : &defaults, error);
  if (!r) return FALSE;
  gboolean ok = jd_extract_reader(x, r, func, data, NULL, error);
  jd_reader_free(r);
  return ok;
}

static void to_table(const jd_figure *f, const char *explanation, gpointer data)
{
  (void)explanation;
  jd_figure_table_take(data, jd_figure_copy(f));
}

gboolean jd_extract_file_to_table(const jd_lexicon *lexicon, const char *path,
                                  const jd_load_options *load_options,
                                  const jd_extract_options *options, jd_figure_table *table,
                                  GError **error)
{
  jd_extractor *x = jd_extractor_new(lexicon, options);
  gboolean ok = jd_extract_file(x, path, load_options, to_table, table, error);
  jd_extractor_free(x);
  return ok;
}

gboolean jd_extract_text_to_table(const jd_lexicon *lexicon, const char *name, const char *text,
                                  size_t len, const jd_load_options *load_options,
                                  const jd_extract_options *options, jd_figure_table *table,
                                  GError **error)
{
  jd_load_options defaults = JD_LOAD_OPTIONS_INIT;
  jd_reader *r = jd_reader_open_bytes(name, text, len, load_options ? load_options : &defaults,
                                      error);
  if (!r) return FALSE;
  jd_extractor *x = jd_extractor_new(lexicon, options);
  gboolean ok = jd_extract_reader(x, r, to_table, table, NULL, error);
  jd_extractor_free(x);
  jd_reader_free(r);
  return ok;
}
