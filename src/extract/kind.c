/* A figure's kind: a level, a change (by a percentage, an amount, points) with
 * its sign and what it is compared with (the period before, a named period,
 * something that is no period), a share (占…的), a rate (…率) or a ratio (倍). */
#include <math.h>
#include <string.h>

#include "extract/extract-private.h"

/* The left context of the figure since the previous one, without filler
 * words (cues.tsv, filler: 了, 分别, 为, 达 ...) and spaces at its end.
 * Returns its new end. */
static size_t trim_left_end(jd_extractor *x, const char *t, size_t from, size_t p)
{
  const jd_cue_set *fillers = CUES(x, FILLER);
  while (p > from) {
    const jd_lex_entry *w = jd_cue_before(fillers, t, from, p);
    if (w) p -= w->len;
    else if (lit_before(t, from, p, " ")) p -= 1;
    else if (lit_before(t, from, p, "\xE3\x80\x80")) p -= 3; /* ideographic space */
    else break;
  }
  return p;
}

/* 同比, 比上年, 与去年相比, 较去年同期: compared with the period before
 * (cues.tsv, vs_previous) */
static gboolean compares_with_previous(jd_extractor *x, const char *t, size_t from, size_t to)
{
  return jd_cue_find(CUES(x, VS_PREVIOUS), t, from, to, NULL) != NULL;
}

/* Whether the 比 or 较 at p (in t[from, to)) is part of a word that compares
 * nothing (cues.tsv, not_comparison: 占比, 比例, 比较, 较大 ...; 较高 but not
 * 较高峰). */
static gboolean in_non_comparison(jd_extractor *x, const char *t, size_t from, size_t to,
                                  size_t p)
{
  const jd_cue_set *words = CUES(x, NOT_COMPARISON);
  if (jd_cue_before(words, t, from, p + 3)) return TRUE;
  const jd_lex_entry *w = jd_cue_at(words, t, to, p);
  return w && !(*w->extra && lit_at(t, to, p + w->len, w->extra));
}

/* 较高峰时期减少近六成, 比峰值下降: a comparison word (比, 较) in t[from, to) that is
 * not 比例/比重/比较/较大/较为…; the period it names, if any, is read as a time
 * marker and wins over this. */
static gboolean compares_with_other(jd_extractor *x, const char *t, size_t from, size_t to)
{
  for (size_t p = from; p < to; p = jd_next_char(t, to, p))
    if ((lit_at(t, to, p, "比") || lit_at(t, to, p, "较")) &&
        !in_non_comparison(x, t, from, to, p))
      return TRUE;
  return FALSE;
}

/* The change word right before the figure (changes.tsv), after fillers are
 * trimmed; or the one before the year of the value (降至2020年的21人). *p is
 * where the change word ends. */
static const jd_lex_entry *change_word_before(jd_extractor *x, const char *t, size_t from,
                                              size_t *p)
{
  const jd_lex_entry *ch = jd_lexicon_match_ending(x->lx, JD_LEX_CHANGE, t + from, *p - from);
  if (ch || !lit_before(t, from, *p, "的")) return ch;
  size_t last = (size_t)-1, q = *p > from + 40 ? *p - 40 : from;
  const jd_lex_entry *lc = NULL;
  while (q < *p) {
    const jd_lex_entry *e = jd_lex_at(x, JD_LEX_CHANGE, t, q, *p);
    if (e && e->len > 3) {
      last = q;
      lc = e;
      q += e->len;
      continue;
    }
    q = jd_next_char(t, *p, q);
  }
  if (!lc || jd_find_lit(t, last + lc->len, *p, "年") == (size_t)-1) return NULL;
  *p = last + lc->len;
  return lc;
}

/* 分别下降32.8%，40.5%，52.5%: a number alone in its clause, right after a comma
 * that follows a figure whose clause holds 分别 (or another such number) */
static gboolean listed_after_comma(jd_extractor *x, const char *t, const cand *c, const cand *prev)
{
  if (prev->end > c->n.start || (!prev->list_cont && !jd_cue_find(CUES(x, RESPECTIVELY), t,
                                                                    prev->clause_start, prev->n.start, NULL)))
    return FALSE;
  size_t q = jd_skip_spaces(t, c->n.start, prev->end);
  if (lit_at(t, c->n.start, q, "，")) q += strlen("，");
  else if (lit_at(t, c->n.start, q, ",")) q += 1;
  else return FALSE;
  if (jd_skip_spaces(t, c->n.start, q) != c->n.start || strcmp(c->unit, prev->unit) != 0) return FALSE;
  size_t r = jd_skip_spaces(t, c->clause_end, c->end);
  return r >= c->clause_end || jd_is_punct(jd_char_at(t, c->clause_end, r, NULL));
}

/* 同比分别上升33%和21.6%: a figure joined to the one before it (和, 、) with no
 * change word of its own takes the first's kind. */
static void continue_list(jd_extractor *x, const char *t, cand *c, const cand *prev, size_t from,
                          size_t p)
{
  if (!prev || ((prev->clause_start != c->clause_start ||
                  !jd_cue_before(CUES(x, LIST_JOINER), t, from, p) || p - from > 6) &&
                 !listed_after_comma(x, t, c, prev)))
    return;
  c->list_cont = TRUE;
  c->kind = prev->kind;
  /* 增加7815人或18.4%: the same change, by a count and by a percentage */
  gboolean pct = !strcmp(c->unit, "percent");
  if (c->kind == JD_KIND_CHANGE_ABS && pct && strcmp(prev->unit, "percent") != 0)
    c->kind = JD_KIND_CHANGE_PCT;
  else if (c->kind == JD_KIND_CHANGE_PCT && !pct && !strcmp(prev->unit, "percent") &&
           strcmp(c->unit, "ratio") != 0) /* 成长6倍多、4倍多: times, as the first */
    c->kind = JD_KIND_CHANGE_ABS;
  c->sign = prev->sign;
  c->is_from = prev->is_from;
  c->is_to = prev->is_to;
  c->yoy = prev->yoy;
  c->change_pos = prev->change_pos;
  if (c->kind != JD_KIND_LEVEL || c->is_from || c->is_to)
    jd_why(c, "kind %s, continuing the list before it", jd_kind_to_string(c->kind));
}

/* 分别下跌3%（由5537人下降至5360人）及4%: a percentage listed after the two
 * levels of a change is the next change of the list: the last change word
 * (by) before it in the sentence says which way. */
static void change_after_levels(jd_extractor *x, const char *t, cand *c, const cand *prev,
                                size_t sent_start)
{
  /* the levels told in brackets after their change: (由…下降至5360人)及4% */
  if (strcmp(c->unit, "percent") != 0 ||
      (jd_find_lit(t, prev->end, c->n.start, ")") == (size_t)-1 &&
       jd_find_lit(t, prev->end, c->n.start, "）") == (size_t)-1))
    return;
  const jd_lex_entry *by = NULL;
  size_t at = 0;
  for (size_t q = back(sent_start, c->n.start, 150); q < c->n.start;) {
    const jd_lex_entry *e = jd_lex_at(x, JD_LEX_CHANGE, t, q, c->n.start);
    if (e && !strcmp(e->id, "by") && e->len > 3) {
      by = e;
      at = q;
    }
    q = e ? q + e->len : jd_next_char(t, c->n.start, q);
  }
  if (!by) return;
  c->is_to = c->is_from = FALSE;
  c->kind = JD_KIND_CHANGE_PCT;
  c->sign = by->number < 0 ? -1 : 1;
  c->change_pos = at;
  jd_why(c, "kind change_pct: listed after the levels of the change '%s' before it", by->surface);
}

/* A one-character change word (增, 降) counts only after a comparison
 * (同比增5%): 新增238人 is a level; one marked ±2 in changes.tsv (翻) always;
 * 至 only opening its clause. */
static gboolean weak_change_word(jd_extractor *x, const char *t, size_t from, size_t p,
                                 const jd_lex_entry *ch)
{
  if (ch->len > 3 || ch->number > 1 || ch->number < -1) return FALSE; /* 翻: ±2 */
  size_t at = p - ch->len;
  /* 下降29%，至483人: 至 opening its clause is the level reached */
  if (!strcmp(ch->id, "to") && jd_skip_spaces(t, p, from) == at) return FALSE;
  size_t lo = at >= from + 18 ? at - 18 : from; /* 较去年同期跌4% */
  size_t pos;
  return lit_before(t, from, at, "新") ||
         (jd_find_lit(t, lo, at, "比") == (size_t)-1 && jd_find_lit(t, lo, at, "较") == (size_t)-1 &&
          /* 按年跌14%: a comparison word of cues.tsv vs_previous */
          !jd_cue_find(CUES(x, VS_PREVIOUS), t, lo, at, &pos));
}

/* What a change is compared with: the period before (同比, 与去年相比 opening
 * the sentence), the end of last year (较年初), or something that is no period
 * (较高峰时期); an average yearly change (年均) has no single base. */
static void find_comparison(jd_extractor *x, const char *t, cand *c, size_t from,
                            size_t sent_start)
{
  size_t lo2 = c->change_pos >= from + 15 ? c->change_pos - 15 : from;
  if (jd_cue_find(CUES(x, ANNUAL_AVERAGE), t, lo2, c->change_pos, NULL)) c->annual_average = TRUE;
  size_t lo = c->change_pos >= from + 18 ? c->change_pos - 18 : from;
  if (compares_with_previous(x, t, lo, c->change_pos) ||
      compares_with_previous(x, t, back(sent_start, c->clause_start, 120), c->clause_start)) {
    size_t at;
    c->yoy = TRUE;
    c->sequential = jd_cue_find(CUES(x, VS_SEQUENTIAL), t, lo, c->change_pos, &at) != NULL;
  }
  else if (jd_find_lit(t, back(from, c->change_pos, 18), c->change_pos, "年初") != (size_t)-1 &&
           compares_with_other(x, t, back(from, c->change_pos, 18), c->change_pos))
    c->vs_year_start = TRUE; /* 较年初减少83名: since the end of last year */
  else
    c->vs_other = compares_with_other(x, t, back(from, c->change_pos, 36), c->change_pos);
}

/* The change word ch, ending at p, makes c a change (上升20%: by) or the level
 * reached (降至: to). */
static void apply_change_word(jd_extractor *x, const char *t, cand *c, const jd_lex_entry *ch,
                              size_t from, size_t p, size_t sent_start)
{
  c->change_pos = p - ch->len;
  if (strcmp(ch->id, "to") == 0) {
    c->is_to = TRUE;
    jd_why(c, "a level reached: '%s'", ch->surface);
  } else {
    c->sign = ch->number < 0 ? -1 : 1;
    if (!strcmp(c->unit, "percent")) c->kind = JD_KIND_CHANGE_PCT;
    else if (!strcmp(c->unit, "percentage_point")) c->kind = JD_KIND_CHANGE_PP;
    else if (!strcmp(c->unit, "ratio")) c->kind = JD_KIND_CHANGE_PCT;
    else c->kind = JD_KIND_CHANGE_ABS;
    jd_why(c, "kind %s from '%s'", jd_kind_to_string(c->kind), ch->surface);
  }
  find_comparison(x, t, c, from, sent_start);
}

/* 从最高峰时期的5200人，降至1800人: the word of the level reached opens the
 * next clause (after ， and up to four characters: 已降至, 逐步下降到). */
static gboolean to_opens_next_clause(jd_extractor *x, const char *t, const cand *c)
{
  size_t q = c->clause_end, n, lim = c->clause_end;
  /* the paragraph's text ends with a NUL: look no further than it */
  while (lim < q + 3 + 24 && t[lim]) lim++;
  gunichar p = jd_char_at(t, MIN(lim, q + 3), q, &n);
  if (p != 0xFF0C /* ， */ && p != ',') return FALSE;
  for (size_t r = n; r < MIN(lim, n + 12); r = jd_next_char(t, lim, r)) {
    const jd_lex_entry *e = jd_lex_at(x, JD_LEX_CHANGE, t, r, lim);
    if (e) return !strcmp(e->id, "to");
    if (!jd_is_cjk(jd_char_at(t, lim, r, NULL))) return FALSE;
  }
  return FALSE;
}

/* 从A减少到B / 由2018年的A降至B: A is a level of the earlier period. */
static void find_starting_level(jd_extractor *x, const char *t, cand *c, size_t from)
{
  size_t lo = c->n.start >= from + 36 ? c->n.start - 36 : from;
  size_t f = jd_rfind_lit(t, lo, c->n.start, "从");
  size_t f2 = jd_rfind_lit(t, lo, c->n.start, "由");
  if (f2 != (size_t)-1 && (f == (size_t)-1 || f2 > f) && !lit_at(t, c->n.start, f2, "由于"))
    f = f2;
  if (f == (size_t)-1) return;
  size_t ahead = MIN(c->clause_end, c->n.end + 60);
  if (jd_find_lit(t, c->n.end, ahead, "到") != (size_t)-1 ||
      jd_find_lit(t, c->n.end, ahead, "至") != (size_t)-1) {
    c->is_from = TRUE;
  } else {
    /* the change word may sit in the rest of the clause: 降到了 */
    for (size_t q = c->end; q < c->clause_end && q < c->end + 24; q++) {
      const jd_lex_entry *e = jd_lex_at(x, JD_LEX_CHANGE, t, q, c->clause_end);
      if (e && !strcmp(e->id, "to")) {
        c->is_from = TRUE;
        break;
      }
    }
  }
  if (!c->is_from) c->is_from = to_opens_next_clause(x, t, c);
  if (!c->is_from) return;
  jd_why(c, "the starting level of a change (从/由)");
  /* 从最高峰时期的5200人: a time the text does not date */
  size_t at;
  if (jd_cue_find(CUES(x, PEAK_TIME), t, f, c->n.start, &at)) {
    c->from_undated = TRUE;
    jd_why(c, "its time is not dated: '%.*s'", 9, t + at);
  }
}

/* 增长一倍 = +100%; 增至两倍, 提高到原来的3倍 = +100%, +200% (the level reached,
 * in times the old one); 是2015年的2.2倍 = a ratio */
static void apply_ratio(cand *c)
{
  if (strcmp(c->unit, "ratio") != 0) return;
  if (c->is_to) {
    c->is_to = FALSE;
    c->kind = JD_KIND_CHANGE_PCT;
    c->value = (c->value - 1) * 100;
    c->unit = "percent";
    jd_why(c, "倍 after a word of the level reached: (times - 1) ×100 percent");
  } else if (c->kind == JD_KIND_CHANGE_PCT) {
    c->value *= 100;
    c->unit = "percent";
    jd_why(c, "倍 after a change word: ×100 percent");
  } else {
    c->kind = JD_KIND_RATIO;
    jd_why(c, "kind ratio (倍)");
  }
}

/* A bare percentage after a word naming what it is: a rate of change (减幅43.2%,
 * cues.tsv change_rate), a rate (安置率达到86.5%, even when the lexicon does not
 * know it), or a share (占收戒总数的40%, 占比为22.4%, 所占比例; cues.tsv share). */
static void find_percentage_kind(jd_extractor *x, const char *t, cand *c, size_t from, size_t p)
{
  /* 完成任务数的127.16%: 1.2716 times the target */
  const jd_lex_entry *target = jd_cue_before(CUES(x, OF_TARGET), t, from, p);
  if (c->kind == JD_KIND_LEVEL && !strcmp(c->unit, "percent") && target) {
    c->kind = JD_KIND_RATIO;
    c->unit = "ratio";
    c->value /= 100;
    c->vs_other = TRUE;
    jd_why(c, "kind ratio: '%s', times its target (÷100)", target->surface);
    return;
  }
  if (c->kind == JD_KIND_LEVEL && !strcmp(c->unit, "percent")) {
    const jd_cue_set *rates = CUES(x, CHANGE_RATE);
    for (size_t i = 0; i < rates->count; i++) {
      const jd_lex_entry *w = rates->entries[i];
      size_t q = jd_rfind_lit(t, from, p, w->surface);
      if (q != (size_t)-1 && p - (q + w->len) <= 6) {
        c->kind = JD_KIND_CHANGE_PCT;
        c->sign = w->number < 0 ? -1 : 1;
        c->change_pos = q;
        jd_why(c, "kind change_pct from '%s'", w->surface);
        break;
      }
    }
    /* 录得9%降幅: the rate word right after the percentage */
    size_t a = jd_skip_spaces(t, c->clause_end, c->end);
    const jd_lex_entry *w = c->kind == JD_KIND_LEVEL ? jd_cue_at(rates, t, c->clause_end, a) : NULL;
    if (w) {
      c->kind = JD_KIND_CHANGE_PCT;
      c->sign = w->number < 0 ? -1 : 1;
      c->change_pos = a;
      jd_why(c, "kind change_pct from '%s' after it", w->surface);
    }
  }
  if (c->kind == JD_KIND_LEVEL && !c->is_from && !c->is_to && !strcmp(c->unit, "percent")) {
    size_t r = jd_rfind_lit(t, from, c->n.start, "率");
    if (r != (size_t)-1 && c->n.start - r <= 15 && jd_rfind_lit(t, r, c->n.start, "占") == (size_t)-1) {
      c->kind = JD_KIND_RATE;
      jd_why(c, "kind rate (率)");
    }
  }
  if (c->kind == JD_KIND_LEVEL && !c->is_from && !c->is_to &&
      (!strcmp(c->unit, "percent") || !strcmp(c->unit, "permille"))) {
    size_t lo = back(c->clause_start, c->n.start, 120), q = (size_t)-1;
    const jd_cue_set *share = CUES(x, SHARE);
    for (size_t i = 0; i < share->count && q == (size_t)-1; i++)
      q = jd_rfind_lit(t, lo, c->n.start, share->entries[i]->surface);
    if (q != (size_t)-1) {
      c->kind = JD_KIND_SHARE;
      c->change_pos = q; /* the metric is named before 占 */
      jd_why(c, "kind share (占/比例)");
    }
  }
}

/* 超过全省总数的三分之一, 约占全省总量的40%, 不到全国的两成: a qualifier word
 * before the phrase that a percentage is "of" (…的 right before the number)
 * qualifies the percentage. p is the end of the words before the number. */
static void qualify_share_phrase(jd_extractor *x, const char *t, cand *c, size_t p)
{
  if (c->qualifier != JD_QUAL_EXACT || strcmp(c->unit, "percent") != 0 ||
      !(c->kind == JD_KIND_LEVEL || c->kind == JD_KIND_SHARE) ||
      !lit_before(t, c->seg_start, p, "的"))
    return;
  const jd_numeral_words *w = jd_lexicon_get_numeral_words(x->lx);
  size_t lo = back(c->seg_start, p, 45), e = p - 3, prev;
  while (e > lo) {
    size_t ws;
    int q = jd_numeral_prefix_before(w, t, lo, e, &ws);
    if (q >= 0) {
      c->qualifier = (jd_qualifier)q;
      jd_why(c, "qualifier %s: '%.*s' before the phrase it is a share of",
             jd_qualifier_to_string(c->qualifier), (int)(e - ws), t + ws);
      return;
    }
    if (jd_is_punct(jd_char_before(t, lo, e, &prev))) return;
    e = prev;
  }
}

/* 由750人下跌至589人，少21%: after a level reached (降至, 升至) a one-character
 * change word (少, 增, 减) states the change between the two levels. */
static gboolean after_level_reached(const char *t, size_t from, size_t p, const jd_lex_entry *ch,
                                    const cand *prev, const cand *c)
{
  return prev && prev->is_to && prev->clause_start < c->clause_start &&
         !lit_before(t, from, p - ch->len, "新");
}

/* Whether the number of c stands alone in brackets: (293.41公斤); the
 * position of the opening bracket in *open_at. */
static gboolean alone_in_brackets(const char *t, const cand *c, size_t from, size_t *open_at)
{
  size_t q = c->n.start;
  while (q > from && t[q - 1] == ' ') q--;
  size_t open = q >= from + 1 && t[q - 1] == '(' ? 1
                : q >= from + strlen("（") && lit_at(t, q, q - strlen("（"), "（") ? strlen("（")
                                                                                  : 0;
  if (!open) return FALSE;
  size_t b = jd_skip_spaces(t, c->clause_end, c->end);
  if (!lit_at(t, c->clause_end, b, ")") && !lit_at(t, c->clause_end, b, "）")) return FALSE;
  *open_at = q - open;
  return TRUE;
}

/* 较去年同期(二百九十三点四一公斤)减少…: a level alone in brackets right after a
 * comparison's base period is the level of that period, the start of the
 * change that follows. */
static void level_of_base_in_brackets(jd_extractor *x, const char *t, cand *c)
{
  size_t open = 0;
  if (c->kind != JD_KIND_LEVEL || c->is_to || !alone_in_brackets(t, c, c->clause_start, &open))
    return;
  while (open > c->clause_start && t[open - 1] == ' ') open--;
  if (jd_cue_before(CUES(x, VS_PREVIOUS), t, c->clause_start, open)) { /* 较去年同期(…) */
    c->is_from = TRUE;
    jd_why(c, "the level of the comparison's base period, in brackets after it");
    return;
  }
  for (guint i = 0; i < x->tmarks->len; i++) {
    const time_marker *m = &g_array_index(x->tmarks, time_marker, i);
    if (m->end == open && (m->binding == TM_BASE || (m->binding == TM_PREV && m->as_base))) {
      c->is_from = TRUE;
      jd_why(c, "the level of the comparison's base period, in brackets after it");
      return;
    }
  }
}

/* 较去年同期增加近四百公斤(三百九十九点九九公斤): a figure alone in brackets
 * right after one of the same unit states that one exactly; it is of its kind
 * and compared with the same base. */
static gboolean restates_figure_before(const char *t, cand *c, const cand *prev)
{
  if (!prev || prev->clause_start != c->clause_start || !prev->unit || !c->unit ||
      strcmp(prev->unit, c->unit) != 0 || prev->end > c->n.start)
    return FALSE;
  size_t open;
  if (!alone_in_brackets(t, c, prev->end, &open) || jd_skip_spaces(t, open, prev->end) != open)
    return FALSE;
  c->kind = prev->kind;
  c->sign = prev->sign;
  c->change_pos = prev->change_pos;
  c->yoy = prev->yoy;
  c->vs_other = prev->vs_other;
  c->vs_year_start = prev->vs_year_start;
  c->annual_average = prev->annual_average;
  jd_why(c, "kind %s: states the figure before it exactly, in brackets", jd_kind_to_string(c->kind));
  return TRUE;
}

void jd_find_kind(jd_extractor *x, const char *t, cand *c, const cand *prev, size_t sent_start)
{
  size_t from = c->seg_start;
  size_t p = trim_left_end(x, t, from, c->n.start);
  const jd_lex_entry *ch = change_word_before(x, t, from, &p);
  c->kind = JD_KIND_LEVEL;
  c->sign = 1;
  c->change_pos = (size_t)-1;
  if (!ch) continue_list(x, t, c, prev, from, p);
  if (!ch && c->list_cont && prev->is_to) change_after_levels(x, t, c, prev, sent_start);
  /* 由前年1376公斤减五成八至去年的573公斤: the starting level before it is the comparison */
  gboolean after_start = prev && prev->is_from && prev->clause_start == c->clause_start;
  /* 升二点六倍, 增5%: a rate or times right after the word is a change */
  gboolean rate_right_after = ch && strcmp(ch->id, "to") != 0 && p == c->n.start &&
                              (!strcmp(c->unit, "percent") || !strcmp(c->unit, "ratio")) &&
                              !lit_before(t, from, p - ch->len, "新");
  if (ch && !after_start && !rate_right_after && weak_change_word(x, t, from, p, ch) &&
      !after_level_reached(t, from, p, ch, prev, c))
    ch = NULL;
  if (ch) apply_change_word(x, t, c, ch, from, p, sent_start);
  /* 与去年持平: the word is the change, of 0% (extract.c reads it as a numeral) */
  const jd_lex_entry *flat = jd_cue_at(CUES(x, FLAT_CHANGE), t, c->clause_end, c->n.start);
  if (!ch && flat && c->n.end == c->n.start + flat->len) {
    c->kind = JD_KIND_CHANGE_PCT;
    c->change_pos = c->n.start;
    jd_why(c, "kind change_pct: '%s' is a change of 0%%", flat->surface);
    find_comparison(x, t, c, from, sent_start);
    /* 与全省平均水平持平: level with a place, not with a period */
    size_t w = jd_rfind_lit(t, c->clause_start, c->n.start, "与");
    size_t q = w == (size_t)-1 ? 0 : w + strlen("与");
    if (w != (size_t)-1 && (jd_lexicon_match(x->lx, JD_LEX_REGION, t + q, c->n.start - q) ||
                            jd_cue_at(CUES(x, SELF_REFERENCE), t, c->n.start, q))) {
      c->vs_other = TRUE;
      c->yoy = FALSE;
      jd_why(c, "level with a place, not a change over time");
    }
  }
  if (!c->is_to && c->kind == JD_KIND_LEVEL && !c->list_cont) find_starting_level(x, t, c, from);
  apply_ratio(c);
  find_percentage_kind(x, t, c, from, p);
  qualify_share_phrase(x, t, c, p);
  if (!ch && c->kind == JD_KIND_LEVEL && prev && prev->kind != JD_KIND_LEVEL)
    restates_figure_before(t, c, prev);
  if (!ch) level_of_base_in_brackets(x, t, c);
  if (c->kind == JD_KIND_CHANGE_PCT || c->kind == JD_KIND_CHANGE_ABS ||
      c->kind == JD_KIND_CHANGE_PP)
    c->value *= c->sign;
}

void jd_settle_percentage_kind(cand *c)
{
  if (c->kind == JD_KIND_LEVEL && c->metric_trigger &&
      (!strcmp(c->unit, "percent") || !strcmp(c->unit, "permille")) &&
      jd_lexicon_metric_takes_unit(c->metric_trigger, "percent")) {
    c->kind = JD_KIND_RATE;
    jd_why(c, "kind rate: %s is itself a percentage", c->metric);
  } else if (c->kind == JD_KIND_LEVEL && !strcmp(c->unit, "percent")) {
    c->kind = JD_KIND_SHARE;
    jd_why(c, "kind share: a percentage of what comes before");
  } else if (c->kind == JD_KIND_LEVEL && !strcmp(c->unit, "percentage_point")) {
    c->kind = JD_KIND_CHANGE_PP;
  }
}

/* 社戒人员复吸率低于全市4.4个百分点, 比全省低2个百分点: a gap against a place
 * (cues.tsv place_gap, gap_sign) is compared with no period, with its sign. */
void jd_find_place_gap(jd_extractor *x, const char *t, cand *c)
{
  if (c->kind != JD_KIND_CHANGE_PP && c->kind != JD_KIND_CHANGE_PCT && c->kind != JD_KIND_CHANGE_ABS)
    return;
  size_t q = c->clause_start, at;
  const jd_lex_entry *g;
  while ((g = jd_cue_find(CUES(x, PLACE_GAP), t, q, c->n.start, &at))) {
    q = at + g->len;
    const jd_lex_entry *fill = jd_cue_at(CUES(x, GAP_FILLER), t, c->n.start, q);
    if (fill) q += fill->len;
    /* a place right after it: a name of regions.tsv or a self reference (全市);
     * or other crimes (高出同期全部刑事案件重刑率13个百分点) */
    const jd_lex_entry *pl = jd_lexicon_match(x->lx, JD_LEX_REGION, t + q, c->n.start - q);
    if (!pl) pl = jd_cue_at(CUES(x, SELF_REFERENCE), t, c->n.start, q);
    if (!pl) pl = jd_cue_at(CUES(x, OTHER_CRIME), t, c->n.start, q);
    if (!pl) continue;
    int sign = (int)g->number;
    const jd_lex_entry *w = sign ? NULL : jd_cue_find(CUES(x, GAP_SIGN), t, q + pl->len, c->n.start, &at);
    if (w) sign = (int)w->number;
    c->vs_other = TRUE;
    c->yoy = FALSE;
    if (sign) c->value = sign < 0 ? -fabs(c->value) : fabs(c->value);
    jd_why(c, "a gap against a place ('%s%s'), not a change over time", g->surface, pl->surface);
    return;
  }
}
