/* The figure extractor: reads paragraphs, finds every number that states a
 * quantity (a number with a measure word, a percentage, a percentage point),
 * throws away what only looks like one (dates, codes, ordinals, durations,
 * ages, attributes such as 3人以上团伙), and resolves each figure's metric
 * (nearest governing verb or noun), kind (level, change, share, rate,
 * ratio), drug, region and period. 分别 lists are distributed afterwards,
 * sentence by sentence. Document context lives in context.c. */
#define _GNU_SOURCE /* memmem */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "extract/extract-private.h"
#include "jindu/numeral.h"

G_DEFINE_QUARK(jd-extract-error-quark, jd_extract_error)

#define DEFAULT_LOOKAHEAD 12
#define LOOKAHEAD_BYTES (24 * 1024)

typedef struct {
  char *text;
  size_t len;
  unsigned line;
} held_paragraph;

/* A time marker found in a sentence. */
typedef enum {
  TM_FREE = 0, /* sets the period for what follows (2019年，全省…) */
  TM_BOUND,    /* belongs to the next number(s) only (从2018年的340人) */
  TM_BASE,     /* the comparison base (比2005年, 较2017年高峰时的) */
  TM_PREV,     /* 上年: the year before the current one */
} tm_binding;

typedef struct {
  size_t pos, end;
  jd_period period;
  gboolean relative_year; /* year to be taken from the context (上半年 alone) */
  tm_binding binding;
  const char *why;
  gboolean as_base; /* TM_PREV after 比/较: also the comparison base */
  int prev_mode; /* TM_PREV: -1 上年 (the whole year before), 0 上年同期 (the same part
                    of the year before), 1 去年同期 (as 0, of the paragraph's own period) */
} time_marker;

typedef struct {
  size_t pos, end;
  const char *canonical; /* borrowed from the lexicon, or NULL */
  char written[48];      /* self references and anonymized names as written */
  int level;             /* jd_region_level, -1 for 全区, -3 for a self reference */
  int self_level;
  gboolean origin;       /* X籍: where the people come from */
} region_marker;

/* A figure being built. Offsets are into the paragraph text. */
typedef struct {
  jd_numeral n;
  size_t start, end;          /* number + unit + trailing qualifier */
  size_t clause_start, clause_end;
  size_t seg_start;           /* after the previous figure in the clause */
  const char *unit;
  double value;
  jd_qualifier qualifier;
  jd_kind kind;
  int sign;
  gboolean is_from, is_to, list_cont;
  size_t change_pos;          /* where its change word starts, or (size_t)-1 */
  gboolean yoy;               /* 同比/比上年 */
  gboolean vs_other;          /* 较高峰时期下降: compared with something not a period */
  gboolean vs_year_start;     /* 较年初: compared with the end of the year before */
  gboolean annual_average;    /* 年均下降8.5%: no single base period */
  const jd_lex_entry *metric_trigger;
  char metric[48];
  const char *drug;
  char region[64];
  gboolean region_is_doc;     /* no place named in its sentence: the document's own */
  jd_period period;
  gboolean has_base;
  jd_period base;
  gboolean distributed;
  GString *why;
} cand;

struct jd_extractor {
  const jd_lexicon *lx;
  jd_extract_options opt;
  char *doc;
  jd_figure_func func;
  gpointer data;
  gboolean open;
  GPtrArray *held;
  size_t held_bytes;
  gboolean settled;
  jd_doc_context ctx;
  /* paragraph state */
  jd_period para_period;
  GArray *nums, *sentences, *clauses, *cands, *tmarks, *rmarks;
  GPtrArray *recent; /* cand* items of the paragraph usable by 分别 (borrowed from cands) */
  GArray *para_items; /* cand copies of recent level items in the paragraph */
  gboolean para_figures; /* a sentence of the paragraph gave figures */
  jd_period carry;        /* a running total's period carried to later paragraphs */
  /* 其中: the whole whose parts follow, while its scope lasts */
  gboolean sub_active;
  cand sub_parent;
  size_t sub_pos;
};

/* ---- small text helpers ---------------------------------------------------- */

/* How far back (bytes) a rule looks for its words: a governing verb or a
 * comparison sits within a few dozen characters of its number. Bounding it
 * keeps pathological inputs (a 100 MB sentence) linear. */
#define LOOKBACK 240

static size_t back(size_t floor, size_t p, size_t n)
{
  return p > floor + n ? p - n : floor;
}

#define lit_before jd_has_suffix_at
#define lit_at jd_has_prefix_at

/* Skips spaces forward. */
static size_t skip_spaces(const char *t, size_t end, size_t p)
{
  while (p < end && (t[p] == ' ' || t[p] == '\t')) p++;
  if (lit_at(t, end, p, "\xE3\x80\x80")) return skip_spaces(t, end, p + 3);
  return p;
}

static size_t find_lit(const char *t, size_t from, size_t to, const char *lit)
{
  if (to <= from) return (size_t)-1;
  /* memmem (two-way search): the text has no NUL, so it finds what
   * g_strstr_len would, several times faster */
  const char *hit = memmem(t + from, to - from, lit, strlen(lit));
  return hit ? (size_t)(hit - t) : (size_t)-1;
}

static size_t rfind_lit(const char *t, size_t from, size_t to, const char *lit)
{
  if (to <= from) return (size_t)-1;
  const char *hit = g_strrstr_len(t + from, (gssize)(to - from), lit);
  return hit ? (size_t)(hit - t) : (size_t)-1;
}

static void why(cand *c, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void why(cand *c, const char *fmt, ...)
{
  if (!c->why) return;
  va_list ap;
  va_start(ap, fmt);
  if (c->why->len) g_string_append(c->why, "; ");
  g_string_append_vprintf(c->why, fmt, ap);
  va_end(ap);
}

/* ---- lifecycle --------------------------------------------------------------- */

jd_extractor *jd_extractor_new(const jd_lexicon *lexicon, const jd_extract_options *options)
{
  g_return_val_if_fail(lexicon != NULL, NULL);
  jd_extractor *x = g_new0(jd_extractor, 1);
  x->lx = lexicon;
  if (options) x->opt = *options;
  if (!x->opt.lookahead) x->opt.lookahead = DEFAULT_LOOKAHEAD;
  x->held = g_ptr_array_new();
  x->nums = g_array_new(FALSE, FALSE, sizeof(jd_numeral));
  x->sentences = g_array_new(FALSE, FALSE, sizeof(jd_span));
  x->clauses = g_array_new(FALSE, FALSE, sizeof(jd_span));
  x->cands = g_array_new(FALSE, TRUE, sizeof(cand));
  x->tmarks = g_array_new(FALSE, TRUE, sizeof(time_marker));
  x->rmarks = g_array_new(FALSE, TRUE, sizeof(region_marker));
  x->para_items = g_array_new(FALSE, TRUE, sizeof(cand));
  jd_doc_context_clear(&x->ctx);
  return x;
}

static void free_held(jd_extractor *x)
{
  for (guint i = 0; i < x->held->len; i++) {
    held_paragraph *h = x->held->pdata[i];
    g_free(h->text);
    g_free(h);
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

void jd_extractor_free(jd_extractor *x)
{
  if (!x) return;
  free_held(x);
  g_ptr_array_unref(x->held);
  clear_cands(x->cands);
  g_array_unref(x->cands);
  g_array_unref(x->para_items);
  g_array_unref(x->nums);
  g_array_unref(x->sentences);
  g_array_unref(x->clauses);
  g_array_unref(x->tmarks);
  g_array_unref(x->rmarks);
  jd_doc_context_clear(&x->ctx);
  g_free(x->doc);
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

/* ---- units and filters ---------------------------------------------------------- */

/* Reads the measure word after a number. Returns FALSE when the number is no
 * figure (no unit, a duration, an age, an attribute). */
static gboolean read_unit(jd_extractor *x, const char *t, cand *c)
{
  const jd_numeral *n = &c->n;
  size_t cend = c->clause_end;
  size_t p = skip_spaces(t, cend, n->end);
  c->qualifier = n->qualifier;
  c->value = n->value;
  switch (n->kind) {
  case JD_NUM_PERCENT:
    c->unit = "percent";
    c->end = p;
    /* 四成五 = 45%: a digit after 成 counts tenths of it */
    if (jd_has_suffix_at(t, n->start, n->end, "成") && n->value == floor(n->value)) {
      static const char *const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};
      for (int d = 0; d < 9; d++)
        if (lit_at(t, cend, n->end, digits[d])) {
          c->value += d + 1;
          c->end = n->end + 3;
          why(c, "成 and %s: %g%%", digits[d], c->value);
          break;
        }
    }
    break;
  case JD_NUM_PERMILLE:
    c->unit = "permille";
    c->end = p;
    break;
  case JD_NUM_PERCENT_POINT:
    c->unit = "percentage_point";
    c->end = p;
    break;
  case JD_NUM_NUMBER: {
    /* 三分之一 is a share: a third = 33.3% */
    if (find_lit(t, n->digits_start, n->digits_end, "分之") != (size_t)-1) {
      c->unit = "percent";
      c->value = n->value * 100;
      c->end = p;
      why(c, "a fraction, as a percentage");
      break;
    }
    const jd_lex_entry *u = jd_lexicon_match(x->lx, JD_LEX_UNIT, t + p, cend - p);
    if (!u) return FALSE;
    size_t after = p + u->len;
    if (strcmp(u->arg, "skip") == 0) return FALSE;
    if (strcmp(u->arg, "counted") == 0) {
      /* 个 counts the noun that follows (12个团伙, 22个吸毒人员超过千人的县区)
       * or the one just before (团伙12个). */
      const jd_lex_entry *noun = NULL;
      size_t q = after, nx;
      for (int k = 0; k < 14 && q < cend; k++) {
        gunichar ch = jd_char_at(t, cend, q, &nx);
        if (jd_is_punct(ch) && ch != '(' && ch != ')') break;
        noun = jd_lexicon_match(x->lx, JD_LEX_COUNTED, t + q, cend - q);
        if (noun) break;
        q = nx;
      }
      if (!noun) noun = jd_lexicon_match_ending(x->lx, JD_LEX_COUNTED, t + c->seg_start,
                                                n->start - c->seg_start);
      if (!noun) return FALSE;
      c->unit = noun->id;
      why(c, "unit %s: 个 counts %s", noun->id, noun->surface);
    } else if (strcmp(u->arg, "ratio") == 0) {
      c->unit = "ratio";
    } else {
      c->unit = u->id;
      c->value = n->value * u->number;
      if (u->number != 1) why(c, "unit %s: %s converted ×%g", u->id, u->surface, u->number);
    }
    c->end = after;
    break;
  }
  default:
    return FALSE;
  }
  /* Trailing qualifiers: 45%以上, 300人左右, 3公斤多 (cues.tsv, unit_qualifier). */
  const jd_lex_entry *w = jd_cue_at(CUES(x, UNIT_QUALIFIER), t, cend, c->end);
  jd_qualifier q;
  if (w && strcmp(w->extra, c->unit) != 0 && jd_qualifier_from_string(w->arg, &q)) {
    if (c->qualifier == JD_QUAL_EXACT) c->qualifier = q;
    c->end += w->len;
  }
  return TRUE;
}

static gboolean inside_book_title(const char *t, size_t floor, size_t p)
{
  size_t open = rfind_lit(t, floor, p, "《");
  if (open == (size_t)-1) return FALSE;
  size_t close = rfind_lit(t, floor, p, "》");
  return close == (size_t)-1 || close < open;
}

/* Numbers that are part of a description rather than a statement. */
static gboolean is_attribute(const char *t, cand *c)
{
  size_t end = c->clause_end, nx;
  gunichar next = jd_char_at(t, end, c->end, &nx);
  gboolean pct = strcmp(c->unit, "percent") == 0;
  /* 超过千人的县区, 3人以上团伙 */
  if (next == 0x7684 /* 的 */ && !pct) return TRUE;
  if (c->end >= 6 && (lit_before(t, 0, c->end, "以上") || lit_before(t, 0, c->end, "以下")) &&
      jd_is_cjk(next) && !pct)
    return TRUE;
  /* 千人县, 万人大会: a bare magnitude word naming a size class */
  size_t dl = c->n.digits_end - c->n.digits_start;
  if (dl == 3 && c->n.chinese && c->qualifier == JD_QUAL_EXACT && jd_is_cjk(next)) {
    const char *d = t + c->n.digits_start;
    if (!memcmp(d, "百", 3) || !memcmp(d, "千", 3) || !memcmp(d, "万", 3)) return TRUE;
  }
  return FALSE;
}

/* 力争破案数增长10%以上, 确保巩固率达到50%: a goal, not a stated figure
 * (cues.tsv, goal) */
static gboolean is_goal(jd_extractor *x, const char *t, const cand *c)
{
  const jd_cue_set *goal = CUES(x, GOAL);
  size_t from = back(c->clause_start, c->n.start, 90);
  for (size_t i = 0; i < goal->count; i++) {
    const jd_lex_entry *w = goal->entries[i];
    size_t q = find_lit(t, from, c->n.start, w->surface);
    /* 部督目标案件2起: a kind of case, not a goal */
    while (q != (size_t)-1 && *w->extra && lit_at(t, c->n.start, q + w->len, w->extra))
      q = find_lit(t, q + w->len, c->n.start, w->surface);
    if (q != (size_t)-1) return TRUE;
  }
  return FALSE;
}

static gboolean is_article(const char *t, const cand *c)
{
  /* 一起案件, 一个团伙, 一名: an article, not a count */
  return c->n.chinese && c->n.value == 1 && !c->n.is_range &&
         c->n.digits_end - c->n.digits_start == 3 && !memcmp(t + c->n.digits_start, "一", 3) &&
         c->qualifier == JD_QUAL_EXACT && strcmp(c->unit, "ratio") != 0;
}

static gboolean next_to_latin(const char *t, const cand *c)
{
  gunichar b = jd_char_before(t, 0, c->n.start, NULL);
  gunichar a = jd_char_at(t, c->clause_end, c->end, NULL);
  gunichar a2 = jd_char_at(t, c->clause_end, c->n.end, NULL);
  return (b < 0x80 && (g_ascii_isalpha((char)b) || b == '_')) ||
         (a < 0x80 && a && (g_ascii_isalpha((char)a) || a == '_')) ||
         (a2 < 0x80 && a2 && (g_ascii_isalpha((char)a2) || a2 == '_') &&
          !lit_at(t, c->clause_end, c->n.end, "kg") && !lit_at(t, c->clause_end, c->n.end, "g"));
}

/* ---- kinds: changes, shares, ratios ------------------------------------------- */

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

static void find_kind(jd_extractor *x, const char *t, cand *c, const cand *prev, size_t sent_start)
{
  size_t from = c->seg_start;
  size_t p = trim_left_end(x, t, from, c->n.start);
  const jd_lex_entry *ch = jd_lexicon_match_ending(x->lx, JD_LEX_CHANGE, t + from, p - from);
  if (!ch && lit_before(t, from, p, "的")) {
    /* 降至2020年的21人: the change word sits before the year of the value */
    size_t last = (size_t)-1, q = p > from + 40 ? p - 40 : from;
    const jd_lex_entry *lc = NULL;
    while (q < p) {
      const jd_lex_entry *e = jd_lexicon_match(x->lx, JD_LEX_CHANGE, t + q, p - q);
      if (e && e->len > 3) {
        last = q;
        lc = e;
        q += e->len;
        continue;
      }
      q = jd_next_char(t, p, q);
    }
    if (lc && find_lit(t, last + lc->len, p, "年") != (size_t)-1) {
      ch = lc;
      p = last + lc->len;
    }
  }
  c->kind = JD_KIND_LEVEL;
  c->sign = 1;
  c->change_pos = (size_t)-1;
  /* 同比分别上升33%和21.6%: the second takes the first's kind */
  if (!ch && prev && prev->clause_start == c->clause_start &&
      jd_cue_before(CUES(x, LIST_JOINER), t, from, p) && p - from <= 6) {
    c->list_cont = TRUE;
    c->kind = prev->kind;
    c->sign = prev->sign;
    c->is_from = prev->is_from;
    c->is_to = prev->is_to;
    c->yoy = prev->yoy;
    c->change_pos = prev->change_pos;
    if (c->kind != JD_KIND_LEVEL || c->is_from || c->is_to)
      why(c, "kind %s, continuing the list before it", jd_kind_to_string(c->kind));
  }
  /* a one-character change word (增, 降) only after a comparison (同比增5%);
   * 新增238人 is a level */
  if (ch && ch->len <= 3) {
    size_t at = p - ch->len;
    size_t lo = at >= from + 12 ? at - 12 : from;
    if (lit_before(t, from, at, "新") ||
        (find_lit(t, lo, at, "比") == (size_t)-1 && find_lit(t, lo, at, "较") == (size_t)-1))
      ch = NULL;
  }
  if (ch) {
    c->change_pos = p - ch->len;
    if (strcmp(ch->id, "to") == 0) {
      c->is_to = TRUE;
      why(c, "a level reached: '%s'", ch->surface);
    } else {
      c->sign = ch->number < 0 ? -1 : 1;
      if (!strcmp(c->unit, "percent")) c->kind = JD_KIND_CHANGE_PCT;
      else if (!strcmp(c->unit, "percentage_point")) c->kind = JD_KIND_CHANGE_PP;
      else if (!strcmp(c->unit, "ratio")) c->kind = JD_KIND_CHANGE_PCT;
      else c->kind = JD_KIND_CHANGE_ABS;
      why(c, "kind %s from '%s'", jd_kind_to_string(c->kind), ch->surface);
    }
    {
      size_t lo2 = c->change_pos >= from + 15 ? c->change_pos - 15 : from;
      if (jd_cue_find(CUES(x, ANNUAL_AVERAGE), t, lo2, c->change_pos, NULL))
        c->annual_average = TRUE;
    }
    /* the comparison may open the sentence: 与去年相比，全省…下降8% */
    size_t lo = c->change_pos >= from + 18 ? c->change_pos - 18 : from;
    if (compares_with_previous(x, t, lo, c->change_pos) ||
        compares_with_previous(x, t, back(sent_start, c->clause_start, 120), c->clause_start))
      c->yoy = TRUE;
    else if (find_lit(t, back(from, c->change_pos, 18), c->change_pos, "年初") != (size_t)-1 &&
             compares_with_other(x, t, back(from, c->change_pos, 18), c->change_pos))
      c->vs_year_start = TRUE; /* 较年初减少83名: since the end of last year */
    else
      c->vs_other = compares_with_other(x, t, back(from, c->change_pos, 36), c->change_pos);
  }
  if (!c->is_to && c->kind == JD_KIND_LEVEL && !c->list_cont) {
    /* 从A减少到B / 由2018年的A降至B: A is a level of the earlier period */
    size_t lo = c->n.start >= from + 36 ? c->n.start - 36 : from;
    size_t f = rfind_lit(t, lo, c->n.start, "从");
    size_t f2 = rfind_lit(t, lo, c->n.start, "由");
    if (f2 != (size_t)-1 && (f == (size_t)-1 || f2 > f) && !lit_at(t, c->n.start, f2, "由于"))
      f = f2;
    size_t ahead = MIN(c->clause_end, c->n.end + 60);
    if (f != (size_t)-1 && find_lit(t, c->n.end, ahead, "到") != (size_t)-1)
      c->is_from = TRUE;
    else if (f != (size_t)-1 && find_lit(t, c->n.end, ahead, "至") != (size_t)-1)
      c->is_from = TRUE;
    else if (f != (size_t)-1) {
      /* the change word may sit in the next clause: 降到了 */
      for (size_t q = c->end; q < c->clause_end && q < c->end + 24; q++) {
        const jd_lex_entry *e = jd_lexicon_match(x->lx, JD_LEX_CHANGE, t + q, c->clause_end - q);
        if (e && !strcmp(e->id, "to")) {
          c->is_from = TRUE;
          break;
        }
      }
    }
    if (c->is_from) why(c, "the starting level of a change (从/由)");
  }
  /* 增长一倍 = +100%; 是2015年的2.2倍 = a ratio */
  if (!strcmp(c->unit, "ratio")) {
    if (c->kind == JD_KIND_CHANGE_PCT) {
      c->value *= 100;
      c->unit = "percent";
      why(c, "倍 after a change word: ×100 percent");
    } else {
      c->kind = JD_KIND_RATIO;
      why(c, "kind ratio (倍)");
    }
  }
  /* 减幅43.2%, 增长率 */
  if (c->kind == JD_KIND_LEVEL && !strcmp(c->unit, "percent")) {
    const jd_cue_set *rates = CUES(x, CHANGE_RATE);
    for (size_t i = 0; i < rates->count; i++) {
      const jd_lex_entry *w = rates->entries[i];
      size_t q = rfind_lit(t, from, p, w->surface);
      if (q != (size_t)-1 && p - (q + w->len) <= 6) {
        c->kind = JD_KIND_CHANGE_PCT;
        c->sign = w->number < 0 ? -1 : 1;
        c->change_pos = q;
        why(c, "kind change_pct from '%s'", w->surface);
        break;
      }
    }
  }
  /* 安置率达到86.5%: a rate, even when the lexicon does not know it */
  if (c->kind == JD_KIND_LEVEL && !c->is_from && !c->is_to && !strcmp(c->unit, "percent")) {
    size_t r = rfind_lit(t, from, c->n.start, "率");
    if (r != (size_t)-1 && c->n.start - r <= 15 && rfind_lit(t, r, c->n.start, "占") == (size_t)-1) {
      c->kind = JD_KIND_RATE;
      why(c, "kind rate (率)");
    }
  }
  /* 占收戒总数的40%, 占比为22.4%, 所占比例 */
  if (c->kind == JD_KIND_LEVEL && !c->is_from && !c->is_to &&
      (!strcmp(c->unit, "percent") || !strcmp(c->unit, "permille"))) {
    size_t lo = back(c->clause_start, c->n.start, 120), q = (size_t)-1;
    const jd_cue_set *share = CUES(x, SHARE);
    for (size_t i = 0; i < share->count && q == (size_t)-1; i++)
      q = rfind_lit(t, lo, c->n.start, share->entries[i]->surface);
    if (q != (size_t)-1) {
      c->kind = JD_KIND_SHARE;
      c->change_pos = q; /* the metric is named before 占 */
      why(c, "kind share (占/比例)");
    }
  }
  if (c->kind == JD_KIND_CHANGE_PCT || c->kind == JD_KIND_CHANGE_ABS ||
      c->kind == JD_KIND_CHANGE_PP)
    c->value *= c->sign;
}

/* ---- metric and drug ----------------------------------------------------------------- */

typedef struct {
  const jd_lex_entry *e;
  size_t pos;
} trigger_hit;

static gboolean unit_ok(const cand *c, const jd_lex_entry *e)
{
  const char *unit = c->unit;
  gboolean pct = !strcmp(unit, "percent") || !strcmp(unit, "permille");
  if (c->kind == JD_KIND_LEVEL && pct)
    return jd_lexicon_metric_takes_unit(e, "percent");
  if (c->kind == JD_KIND_RATE) return jd_lexicon_metric_takes_unit(e, "percent");
  if (c->kind != JD_KIND_LEVEL) return !jd_lexicon_metric_takes_unit(e, "percent") ||
                                       !strcmp(e->extra, "*");
  return jd_lexicon_metric_takes_unit(e, unit);
}

/* The strongest trigger in t[from, to) that fits c: phrase > verb > noun,
 * then the nearest to `near` (the figure). Drug names count as nouns of
 * drugs_seized. */
static trigger_hit best_trigger(jd_extractor *x, const char *t, size_t from, size_t to,
                                const cand *c, size_t near)
{
  trigger_hit best = {NULL, 0};
  size_t p = from, covered = 0;
  while (p < to) {
    const jd_lex_entry *e = jd_lexicon_match(x->lx, JD_LEX_METRIC, t + p, to - p);
    /* 社区康复 inside 社区戒毒社区康复 is part of the longer trigger */
    if (e && p + e->len <= covered) e = NULL;
    if (e) covered = p + e->len;
    if (e && unit_ok(c, e)) {
      gboolean better = !best.e || e->number > best.e->number ||
                        (e->number == best.e->number &&
                         (near >= to ? p >= best.pos : p <= best.pos));
      if (better) {
        best.e = e;
        best.pos = p;
      }
    }
    p = jd_next_char(t, to, p);
  }
  return best;
}

static const char *drug_in(jd_extractor *x, const char *t, size_t from, size_t to)
{
  const char *drug = NULL;
  size_t p = from;
  while (p < to) {
    const jd_lex_entry *e = jd_lexicon_match(x->lx, JD_LEX_DRUG, t + p, to - p);
    if (e) {
      drug = e->id; /* the last one before the figure wins */
      p += e->len;
      continue;
    }
    p = jd_next_char(t, to, p);
  }
  return drug;
}

static gboolean is_mass(const char *unit)
{
  return !strcmp(unit, "kg") || !strcmp(unit, "pill") || !strcmp(unit, "tablet");
}

/* 在现有吸毒人员中占0.064%: the denominator is not the subject */
static size_t skip_denominator(const char *t, size_t from, size_t to)
{
  size_t z = find_lit(t, from, to, "在");
  if (z != (size_t)-1 && z <= from + 6) {
    size_t e = rfind_lit(t, z, to, "中");
    if (e != (size_t)-1 && e + 3 >= to - 3) return (size_t)-1;
  }
  return to;
}

/* ---- age groups ------------------------------------------------------------------ */

/* The numeral of the paragraph that ends exactly at p, or NULL. */
static const jd_numeral *numeral_ending_at(const jd_extractor *x, size_t p)
{
  guint lo = 0, hi = x->nums->len;
  while (lo < hi) { /* the first numeral starting at or after p */
    guint mid = lo + (hi - lo) / 2;
    if (g_array_index(x->nums, jd_numeral, mid).start < p) lo = mid + 1;
    else hi = mid;
  }
  for (guint i = lo; i-- > 0;) {
    const jd_numeral *m = &g_array_index(x->nums, jd_numeral, i);
    if (m->end == p) return m;
    if (m->end < p) break;
  }
  return NULL;
}

/* The whole number before 岁 or 周岁 at p (p points at 岁), or -1. */
static int age_before(const jd_extractor *x, const char *t, size_t lo, size_t p,
                      const jd_numeral **out)
{
  if (lit_before(t, lo, p, "周")) p -= 3;
  const jd_numeral *m = numeral_ending_at(x, p);
  if (!m || m->start < lo || m->kind != JD_NUM_NUMBER || m->value != floor(m->value) ||
      !(m->value >= 0 && m->value_high <= 120))
    return -1;
  *out = m;
  return (int)m->value;
}

/* Names the age group stated in t[from, to) nearest to `to` (18岁以下, 不满18周岁,
 * 18至35岁, 十八岁至三十五岁, 60岁及以上, 36-59岁, 未成年) into group: "minor",
 * "18_35", "under_35", "36_59", "over_35", "over_60", or "under_N", "over_N",
 * "A_B" for other bounds. Returns the position where the expression starts, or
 * (size_t)-1. */
static size_t age_group_in(const jd_extractor *x, const char *t, size_t from, size_t to,
                           char *group, size_t size, size_t *first_end)
{
  size_t found = (size_t)-1;
  size_t p = from;
  while ((p = find_lit(t, p, to, "岁")) != (size_t)-1) {
    size_t at = p;
    p += 3;
    const jd_numeral *a = NULL;
    int n = age_before(x, t, from, at, &a);
    if (n < 0) continue;
    int lo = -1, hi = -1; /* inclusive bounds; -1 open */
    size_t after = p, start = a->start;
    if (a->is_range) {
      lo = n;
      hi = (int)a->value_high;
    } else {
      /* 18岁至35岁, 18周岁到35周岁 */
      const jd_lex_entry *w = jd_cue_at(CUES(x, AGE_TO), t, to, after);
      if (w) {
        size_t r = after + w->len, s2 = find_lit(t, r, MIN(to, r + 24), "岁");
        const jd_numeral *b = NULL;
        int m2 = s2 != (size_t)-1 ? age_before(x, t, r, s2, &b) : -1;
        if (m2 > n && b->start == r) {
          lo = n;
          hi = m2;
          after = p = s2 + 3;
        }
      }
    }
    if (lo < 0) {
      gboolean neg = jd_cue_before(CUES(x, AGE_BELOW), t, from, start) != NULL;
      size_t q = after;
      if (lit_at(t, to, q, "(含)")) q += 5;
      if (lit_at(t, to, q, "及") || lit_at(t, to, q, "或")) q += 3;
      if (neg) {
        hi = n - 1; /* 不满18岁: at most 17 */
      } else if (lit_at(t, to, q, "以下")) {
        hi = n;
        after = q + 6;
      } else if (lit_at(t, to, q, "以上")) {
        lo = n;
        after = q + 6;
      } else {
        continue; /* 年龄最小的14岁: an age, not a group */
      }
      if (hi >= 0) lo = 0;
    }
    /* name the group the way the statistics do */
    if (lo <= 0 && hi >= 0 && hi <= 18) g_strlcpy(group, "minor", size);
    else if (lo <= 0 && (hi == 35 || hi == 34)) g_strlcpy(group, "under_35", size);
    else if (lo <= 0) g_snprintf(group, size, "under_%d", hi);
    else if (hi < 0 && (lo == 35 || lo == 36)) g_strlcpy(group, "over_35", size);
    else if (hi < 0 && lo == 60) g_strlcpy(group, "over_60", size);
    else if (hi < 0) g_snprintf(group, size, "over_%d", lo);
    else if (lo == 18 && hi == 35) g_strlcpy(group, "18_35", size);
    else if ((lo == 35 || lo == 36) && (hi == 59 || hi == 60)) g_strlcpy(group, "36_59", size);
    else g_snprintf(group, size, "%d_%d", lo, hi);
    found = start;
    if (first_end) { /* the first expression only (a list is read left to right) */
      size_t u = find_lit(t, from, start, "未成年");
      if (u != (size_t)-1) {
        g_strlcpy(group, "minor", size);
        *first_end = u + 9;
        return u;
      }
      *first_end = after;
      return found;
    }
  }
  /* 未成年人, 未成年吸毒人员 (no number) */
  size_t u = rfind_lit(t, from, to, "未成年");
  if (u != (size_t)-1 && (found == (size_t)-1 || u > found)) {
    g_strlcpy(group, "minor", size);
    found = u;
    if (first_end) *first_end = u + 9;
  }
  return found;
}

static gboolean is_age_metric(const char *m)
{
  if (!g_str_has_prefix(m, "users_")) return FALSE;
  m += 6;
  return g_ascii_isdigit(*m) || g_str_has_prefix(m, "minor") || g_str_has_prefix(m, "under_") ||
         g_str_has_prefix(m, "over_");
}

/* The last metric of people (not an age group) named in t[from, to), or NULL. */
static const char *people_named_in(jd_extractor *x, const char *t, size_t from, size_t to)
{
  const char *found = NULL;
  for (size_t p = from; p < to;) {
    const jd_lex_entry *e = jd_lexicon_match(x->lx, JD_LEX_METRIC, t + p, to - p);
    if (e && !is_age_metric(e->id) && jd_lexicon_metric_takes_unit(e, "person") &&
        strcmp(e->id, "other") != 0) {
      found = e->id;
      p += e->len;
      continue;
    }
    p = jd_next_char(t, to, p);
  }
  return found;
}

/* A figure of people in an age group. The group belongs to the people the
 * sentence is about: registered users (users_over_60, the default), or the
 * metric named before the age (查获的嫌疑人中，未满18岁的 -> suspects_arrested_minor,
 * 新发现吸毒人员中35岁以下的 -> new_users_under_35). */
static void apply_age_group(jd_extractor *x, const char *t, cand *c, size_t sent_start,
                            size_t left_end)
{
  gboolean pct = !strcmp(c->unit, "percent");
  if (strcmp(c->unit, "person") != 0 && !(pct && c->kind == JD_KIND_SHARE)) return;
  size_t from = MAX(c->seg_start, c->clause_start);
  char group[32];
  size_t at;
  if (from >= left_end ||
      (at = age_group_in(x, t, from, left_end, group, sizeof group, NULL)) == (size_t)-1)
    return;
  const char *subject = c->metric;
  if (!subject[0] || !strcmp(subject, "other") || is_age_metric(subject)) {
    /* the people named with the age (18岁以下吸毒人员), else before it in its
     * clause, else in a clause that ends with 中 (查获的嫌疑人中，未满18岁的) */
    subject = people_named_in(x, t, at, left_end);
    if (!subject) subject = people_named_in(x, t, c->clause_start, at);
    size_t q = c->clause_start;
    while (q > sent_start && (t[q - 1] == ' ' || t[q - 1] == ',')) q--;
    if (!subject && q >= sent_start + 3 && lit_before(t, sent_start, q, "中"))
      subject = people_named_in(x, t, back(sent_start, q, LOOKBACK), q);
    if (!subject) subject = "users_registered";
  }
  char buf[48];
  if (!strcmp(subject, "users_registered")) g_snprintf(buf, sizeof buf, "users_%s", group);
  else if (strstr(subject, group)) return;
  else g_snprintf(buf, sizeof buf, "%s_%s", subject, group);
  g_strlcpy(c->metric, buf, sizeof c->metric);
  why(c, "metric %s: an age group named before it", c->metric);
}

static void set_metric(cand *c, const jd_lex_entry *e, const char *how)
{
  c->metric_trigger = e;
  g_strlcpy(c->metric, e->id, sizeof c->metric);
  why(c, "metric %s from %s '%s' (%s)", e->id, e->arg, e->surface, how);
}

static void find_metric_named(jd_extractor *x, const char *t, cand *c, const cand *prev,
                              size_t sent_start)
{
  size_t left_end = c->n.start;
  if (c->kind == JD_KIND_SHARE && c->change_pos != (size_t)-1) left_end = c->change_pos;
  if (c->kind == JD_KIND_SHARE) {
    size_t e = skip_denominator(t, back(c->clause_start, left_end, LOOKBACK), left_end);
    if (e == (size_t)-1) left_end = c->clause_start;
  }
  gboolean subset = lit_at(t, c->clause_end, skip_spaces(t, c->clause_end, c->clause_start), "其中");
  trigger_hit h = {NULL, 0};
  /* a bare percentage: a rate when a rate is named (巩固率45%), else a share
   * of what the clause names (缴获毒品的三分之一) */
  if (c->kind == JD_KIND_LEVEL &&
      (!strcmp(c->unit, "percent") || !strcmp(c->unit, "permille"))) {
    c->kind = JD_KIND_RATE;
    h = best_trigger(x, t, back(c->clause_start, left_end, LOOKBACK), left_end, c, left_end);
    if (h.e) {
      set_metric(c, h.e, "a rate named before it");
      why(c, "kind rate: %s is itself a percentage", c->metric);
      return;
    }
    c->kind = JD_KIND_SHARE;
    why(c, "kind share: a percentage of what comes before");
  }
  if (c->seg_start < left_end) h = best_trigger(x, t, c->seg_start, left_end, c, left_end);
  const char *how = "before it";
  if (!h.e && c->clause_start < c->seg_start && c->clause_start < left_end) {
    size_t upto = MIN(left_end, c->seg_start);
    h = best_trigger(x, t, back(c->clause_start, upto, LOOKBACK), upto, c, left_end);
    how = "earlier in the clause";
  }
  /* drug names govern seizures: 缴获海洛因250公斤、冰毒3.84公斤 */
  if (!h.e && is_mass(c->unit) && c->kind == JD_KIND_LEVEL &&
      drug_in(x, t, back(c->clause_start, left_end, LOOKBACK), left_end)) {
    g_strlcpy(c->metric, "drugs_seized", sizeof c->metric);
    why(c, "metric drugs_seized: a drug named before a weight");
    return;
  }
  if (h.e && h.e->number == JD_ROLE_VERB && subset && prev && prev->metric[0] &&
      strcmp(prev->metric, "other") != 0) {
    g_strlcpy(c->metric, prev->metric, sizeof c->metric);
    why(c, "metric %s: a subset (其中) of the figure before", c->metric);
    return;
  }
  if (h.e) {
    set_metric(c, h.e, how);
    return;
  }
  /* 对5190余人实施了强制隔离戒毒: the measure named after the number */
  if (c->kind == JD_KIND_LEVEL) {
    size_t rend = MIN(c->clause_end, c->end + 120);
    h = best_trigger(x, t, c->end, rend, c, c->end);
    if (h.e && h.e->number != JD_ROLE_VERB) {
      set_metric(c, h.e, "after it");
      return;
    }
  }
  gboolean pct = !strcmp(c->unit, "percent") || !strcmp(c->unit, "permille") ||
                 !strcmp(c->unit, "percentage_point") || !strcmp(c->unit, "ratio");
  if (prev && prev->metric[0] && c->kind != JD_KIND_RATE &&
      (pct || c->kind != JD_KIND_LEVEL || !strcmp(prev->unit, c->unit))) {
    g_strlcpy(c->metric, prev->metric, sizeof c->metric);
    c->metric_trigger = prev->metric_trigger;
    why(c, "metric %s taken from the figure before", c->metric);
    return;
  }
  if (sent_start < c->clause_start) {
    h = best_trigger(x, t, back(sent_start, c->clause_start, LOOKBACK), c->clause_start, c,
                     c->clause_start);
    if (h.e) {
      set_metric(c, h.e, "earlier in the sentence");
      return;
    }
  }
  g_strlcpy(c->metric, "other", sizeof c->metric);
  why(c, "metric other: no trigger fits");
}

static void find_metric(jd_extractor *x, const char *t, cand *c, const cand *prev,
                        size_t sent_start)
{
  find_metric_named(x, t, c, prev, sent_start);
  size_t left_end = c->n.start;
  if (c->kind == JD_KIND_SHARE && c->change_pos != (size_t)-1) left_end = c->change_pos;
  apply_age_group(x, t, c, sent_start, left_end);
}

/* ---- time and place markers --------------------------------------------------------- */

static int current_year_of(const jd_extractor *x)
{
  if (x->ctx.year) return x->ctx.year;
  if (x->ctx.topic_year) return x->ctx.topic_year;
  return 0;
}

static void add_tmark(GArray *a, size_t pos, size_t end, jd_period p, tm_binding b,
                      gboolean relative, const char *why_text)
{
  time_marker m = {pos, end, p, relative, b, why_text, FALSE, 0};
  g_array_append_val(a, m);
}

static int tm_cmp(gconstpointer a, gconstpointer b)
{
  const time_marker *x = a, *y = b;
  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* How a year written at [pos, end) relates to what follows. */
static tm_binding year_binding(jd_extractor *x, const char *t, size_t floor, size_t pos,
                               size_t end, size_t limit, const GArray *nums, guint k)
{
  size_t p = pos;
  while (p > floor && (t[p - 1] == ' ')) p--;
  /* 比2018年, 是2015年的2.2倍; 从2018年, 至2020年 (cues.tsv) */
  if (jd_cue_before(CUES(x, YEAR_BASE), t, floor, p)) return TM_BASE;
  if (jd_cue_before(CUES(x, YEAR_BOUND), t, floor, p)) return TM_BOUND;
  /* 2018年的340多人: a year tied to the next number by 的 */
  if (lit_at(t, limit, end, "的") && k + 1 < nums->len) {
    const jd_numeral *nn = &g_array_index(nums, jd_numeral, k + 1);
    if (nn->start <= end + 9) return TM_BOUND;
  }
  return TM_FREE;
}

/* Month ranges and sub-year parts after (or without) a year: 1至5月,
 * 1-5月, 前5个月, 6月. Reads at p; returns bytes consumed. */
static size_t read_months(const char *t, size_t end, size_t p, const GArray *nums, guint *k,
                          jd_period *per)
{
  if (*k >= nums->len) return 0;
  const jd_numeral *a = &g_array_index(nums, jd_numeral, *k);
  size_t q = skip_spaces(t, end, p);
  gboolean front = FALSE;
  /* 1至5月, 6月 read as a date without a year */
  if (a->kind == JD_NUM_DATE && a->year == 0 && a->month > 0 && !a->day && a->start == q) {
    per->month_from = a->is_range ? (int)a->value : a->month;
    per->month_to = a->is_range ? (int)a->value_high : a->month;
    (*k)++;
    size_t e2 = a->end;
    if (lit_at(t, end, e2, "份")) e2 += 3;
    return e2 - p;
  }
  if (lit_at(t, end, q, "前") && a->start == q + 3) front = TRUE;
  else if (a->start != q) return 0;
  if (a->kind != JD_NUM_NUMBER || a->value < 1 || a->value > 12 || a->value != floor(a->value))
    return 0;
  if (front && lit_at(t, end, a->end, "个月")) {
    per->month_from = 1;
    per->month_to = (int)a->value;
    (*k)++;
    return a->end + 6 - p;
  }
  if (a->is_range && a->value_high <= 12 && lit_at(t, end, a->end, "月")) {
    per->month_from = (int)a->value;
    per->month_to = (int)a->value_high;
    (*k)++;
    return a->end + 3 - p;
  }
  if (lit_at(t, end, a->end, "月") && !lit_at(t, end, a->end, "月份以来")) {
    per->month_from = per->month_to = (int)a->value;
    (*k)++;
    return a->end + 3 - p;
  }
  if (*k + 1 < nums->len) {
    const jd_numeral *b = &g_array_index(nums, jd_numeral, *k + 1);
    size_t mid = a->end;
    if ((lit_at(t, end, mid, "至") || lit_at(t, end, mid, "到")) && b->start == mid + 3 &&
        b->kind == JD_NUM_NUMBER && b->value <= 12 && b->value > a->value &&
        lit_at(t, end, b->end, "月")) {
      per->month_from = (int)a->value;
      per->month_to = (int)b->value;
      *k += 2;
      return b->end + 3 - p;
    }
  }
  return 0;
}

/* Sub-year words right after a year: 上半年, 第一季度, 1至5月. */
static size_t read_subyear(jd_extractor *x, const char *t, size_t end, size_t p,
                           const GArray *nums, guint *k, jd_period *per)
{
  size_t q = skip_spaces(t, end, p);
  const jd_lex_entry *e = jd_lexicon_match(x->lx, JD_LEX_PERIOD, t + q, end - q);
  if (e && !strcmp(e->id, "half")) {
    per->half = (int)e->number;
    return q + e->len - p;
  }
  if (e && !strcmp(e->id, "quarter")) {
    per->quarter = (int)e->number;
    /* the 一 of 一季度 is read as a number: step over it */
    while (*k < nums->len && g_array_index(nums, jd_numeral, *k).start < q + e->len) (*k)++;
    return q + e->len - p;
  }
  if (e && !strcmp(e->id, "months")) {
    sscanf(e->arg, "%d/%d", &per->month_from, &per->month_to);
    while (*k < nums->len && g_array_index(nums, jd_numeral, *k).start < q + e->len) (*k)++;
    return q + e->len - p;
  }
  return read_months(t, end, q, nums, k, per);
}

/* Finds the time markers of a sentence [s, e) of t. nums holds the
 * numerals of the paragraph. */
static void find_time_markers(jd_extractor *x, const char *t, size_t s, size_t e,
                              const GArray *nums, GArray *out)
{
  g_array_set_size(out, 0);
  int now = current_year_of(x);
  guint k = 0;
  while (k < nums->len && g_array_index(nums, jd_numeral, k).start < s) k++;
  /* years and dates from the numeral scanner */
  for (; k < nums->len; k++) {
    const jd_numeral *m = &g_array_index(nums, jd_numeral, k);
    if (m->start >= e) break;
    jd_period per = {0};
    jd_numeral minguo;
    int roc = jd_roc_year_at(x->lx, t, e, m, x->ctx.roc);
    if (roc) {
      /* 民国111年, or 111年 in a document about Taiwan: 2022 */
      minguo = *m;
      minguo.kind = JD_NUM_YEAR;
      minguo.year = roc;
      minguo.end += 3;
      m = &minguo;
    }
    if ((m->kind == JD_NUM_YEAR || m->kind == JD_NUM_DATE) && m->year > 1900) {
      per.year = m->year;
      size_t end = m->end;
      guint k0 = k;
      if (m->kind == JD_NUM_YEAR && m->is_range && m->value_high > m->value) {
        per.year_to = (int)m->value_high;
      } else if (m->kind == JD_NUM_YEAR) {
        /* 2018年至2020年, 2018年以来, 2019年上半年 */
        guint k2 = k + 1;
        size_t q = skip_spaces(t, e, end);
        if (jd_cue_at(CUES(x, YEAR_JOINER), t, e, q) && k2 < nums->len) {
          const jd_numeral *m2 = &g_array_index(nums, jd_numeral, k2);
          if (m2->kind == JD_NUM_YEAR && m2->start <= q + 4 && m2->year > per.year) {
            per.year_to = m2->year;
            end = m2->end;
            k = k2;
          }
        }
        const jd_lex_entry *since = jd_cue_at(CUES(x, SINCE_NOW), t, e, q);
        if (!per.year_to && since) {
          per.year_to = now > per.year ? now : 0;
          end = q + since->len;
          if (!per.year_to) per.year = JD_PERIOD_UNKNOWN_YEAR;
        }
        if (!per.year_to && per.year > 0) {
          guint kk = k + 1;
          size_t used = read_subyear(x, t, e, end, nums, &kk, &per);
          if (used) {
            end += used;
            k = kk - 1;
          }
        }
      } else if (m->kind == JD_NUM_DATE && m->month && !m->day) {
        /* 截至2019年5月 names a month; a full date only its year; 截至2021年12月底
         * the state at the year's end, the year's figure */
        if (!(m->month == 12 && jd_cue_at(CUES(x, YEAR_END), t, e, m->end)))
          per.month_from = per.month_to = m->month;
      }
      (void)k0;
      tm_binding b = year_binding(x, t, s, m->start, end, e, nums, k);
      add_tmark(out, m->start, end, per, b, FALSE, "a year written out");
      continue;
    }
    if (m->kind == JD_NUM_DATE && m->year == 0 && m->month > 0 && !m->day) {
      guint kk = k;
      size_t used = read_months(t, e, m->start, nums, &kk, &per);
      if (used) {
        add_tmark(out, m->start, m->start + used, per, TM_FREE, TRUE, "months of the year");
        k = kk - 1;
      }
      continue;
    }
    if (m->kind == JD_NUM_NUMBER && !m->is_range && m->value >= 1 && m->value <= 30 &&
        m->value == floor(m->value)) {
      /* 五年来, 近3年, 近五年来: a cumulative span ending now */
      gboolean near_word = jd_cue_before(CUES(x, SPAN_NEAR), t, s, m->digits_start) != NULL;
      if ((jd_cue_at(CUES(x, SPAN_YEARS), t, e, m->end) || (near_word && lit_at(t, e, m->end, "年"))) &&
          now) {
        per.year = now - (int)m->value + 1;
        per.year_to = now;
        add_tmark(out, m->start, m->end + 6, per, TM_FREE, FALSE, "a span of years ending now");
        continue;
      }
      guint kk = k;
      size_t used = read_months(t, e, m->start, nums, &kk, &per);
      if (used) {
        add_tmark(out, m->start, m->start + used, per, TM_FREE, TRUE, "months of the year");
        k = kk - 1;
      }
    }
  }
  /* period words and placeholders */
  size_t p = s;
  while (p < e) {
    unsigned char b0 = (unsigned char)t[p];
    if (b0 == '_' || b0 == 'X' || b0 == 'x' || lit_at(t, e, p, "某") || lit_at(t, e, p, "×")) {
      size_t q = p;
      while (q < e && (t[q] == '_' || t[q] == 'X' || t[q] == 'x' || t[q] == ' ')) q++;
      while (lit_at(t, e, q, "某") || lit_at(t, e, q, "×")) q += lit_at(t, e, q, "某") ? 3 : 2;
      if (q > p && lit_at(t, e, q, "年")) {
        jd_period per = {JD_PERIOD_UNKNOWN_YEAR, 0, 0, 0, 0, 0};
        add_tmark(out, p, q + 3, per, TM_FREE, FALSE, "a placeholder year");
        p = q + 3;
        continue;
      }
    }
    if (b0 >= 0xE0) {
      const jd_lex_entry *w = jd_lexicon_match(x->lx, JD_LEX_PERIOD, t + p, e - p);
      /* 比去年, 与上年相比: the comparison base, read as 同比 by find_kind */
      gboolean compared = w && (!strcmp(w->id, "year") || !strcmp(w->id, "prev")) &&
                          jd_cue_before(CUES(x, PERIOD_COMPARE), t, s, p);
      if (compared && (!strcmp(w->id, "prev") || w->number == -1)) {
        /* 较去年同期的4963人下跌7%: the number after 的 is the base's value */
        if (lit_at(t, e, p + w->len, "的")) {
          jd_period none = {0};
          add_tmark(out, p, p + w->len, none, TM_PREV, FALSE, w->surface);
          time_marker *tm = &g_array_index(out, time_marker, out->len - 1);
          tm->prev_mode = !strcmp(w->id, "prev") ? (int)w->number : -1;
          tm->as_base = TRUE;
        }
        p += w->len;
        continue;
      }
      if (w) {
        jd_period per = {0};
        gboolean relative = FALSE;
        tm_binding b = TM_FREE;
        int arg = (int)w->number;
        if (!strcmp(w->id, "year")) {
          /* 今年/去年/前年 count from the document's date, else from the year
           * it is about (2019年禁毒工作总结); without either they stay unknown */
          per.year = now ? now + arg : JD_PERIOD_UNKNOWN_YEAR;
        } else if (!strcmp(w->id, "prev")) {
          b = TM_PREV;

        } else if (!strcmp(w->id, "half")) {
          per.half = arg;
          relative = TRUE;
        } else if (!strcmp(w->id, "quarter")) {
          per.quarter = arg;
          relative = TRUE;
        } else if (!strcmp(w->id, "months")) {
          sscanf(w->arg, "%d/%d", &per.month_from, &per.month_to);
          relative = TRUE;
        } else if (!strcmp(w->id, "span")) {
          sscanf(w->arg, "%d/%d", &per.year, &per.year_to);
        } else if (!strcmp(w->id, "since")) {
          if (now) {
            per.year = now + arg;
            per.year_to = now;
          } else {
            per.year = JD_PERIOD_UNKNOWN_YEAR;
          }
        } else if (!strcmp(w->id, "ytd")) {
          per.year = now ? now : JD_PERIOD_UNKNOWN_YEAR;
          if (x->ctx.year && x->ctx.month > 1) {
            per.month_from = 1;
            per.month_to = x->ctx.month;
          }
        }
        size_t end = p + w->len;
        if (compared) b = TM_BASE; /* 比前年减少 */
        /* 今年上半年, 去年1至5月 */
        if (!strcmp(w->id, "year") && per.year > 0) {
          guint kk = 0;
          while (kk < nums->len && g_array_index(nums, jd_numeral, kk).start < end) kk++;
          end += read_subyear(x, t, e, end, nums, &kk, &per);
        } else if (!strcmp(w->id, "year") && per.year < 0) {
          jd_period dummy = {0};
          guint kk = 0;
          while (kk < nums->len && g_array_index(nums, jd_numeral, kk).start < end) kk++;
          end += read_subyear(x, t, e, end, nums, &kk, &dummy);
        }
        add_tmark(out, p, end, per, b, relative, w->surface);
        if (b == TM_PREV) g_array_index(out, time_marker, out->len - 1).prev_mode = arg;
        p = end;
        continue;
      }
    }
    p = jd_next_char(t, e, p);
  }
  g_array_sort(out, tm_cmp);
  /* drop relative markers swallowed by a year marker (2019年上半年) */
  for (guint i = 1; i < out->len;) {
    time_marker *a = &g_array_index(out, time_marker, i - 1);
    time_marker *b = &g_array_index(out, time_marker, i);
    if (b->pos < a->end) g_array_remove_index(out, i);
    else i++;
  }
}

static void find_region_markers(jd_extractor *x, const char *t, size_t s, size_t e, GArray *out)
{
  g_array_set_size(out, 0);
  size_t p = s;
  while (p < e) {
    unsigned char b0 = (unsigned char)t[p];
    region_marker m;
    memset(&m, 0, sizeof m);
    size_t sl = 0;
    int lv = b0 >= 0xE0 ? jd_self_reference_at(x->lx, t + p, e - p, &sl) : -2;
    if (lv != -2) {
      m.pos = p;
      m.end = p + sl;
      m.level = -3;
      m.self_level = lv;
      g_strlcpy(m.written, t + p, MIN(sizeof m.written, sl + 1));
      m.origin = lit_at(t, e, m.end, "籍");
      g_array_append_val(out, m);
      p += sl;
      continue;
    }
    /* X市, A县, 某县: anonymized, kept as written */
    int alevel;
    size_t alen = (b0 < 0x80 || b0 >= 0xE0) ? jd_anonymized_at(t, e, p, &alevel) : 0;
    if (alen) {
      m.pos = p;
      m.end = p + alen;
      m.level = alevel;
      g_strlcpy(m.written, t + p, MIN(sizeof m.written, alen + 1));
      m.origin = lit_at(t, e, m.end, "籍");
      g_array_append_val(out, m);
      p = m.end;
      continue;
    }
    if (b0 >= 0xE0) {
      const jd_lex_entry *r = jd_lexicon_match(x->lx, JD_LEX_REGION, t + p, e - p);
      if (r && !strcmp(r->extra, "ji") && !lit_at(t, e, p + r->len, "籍")) r = NULL;
      /* 外省, 周边省: not a place of its own */
      if (r) {
        m.pos = p;
        m.end = p + r->len;
        m.canonical = r->id;
        m.level = (int)r->number;
        m.origin = lit_at(t, e, m.end, "籍");
        g_array_append_val(out, m);
        p = m.end;
        continue;
      }
    }
    p = jd_next_char(t, e, p);
  }
}

static void resolve_region_marker(jd_extractor *x, const region_marker *m, char *buf, size_t size)
{
  if (m->canonical) {
    g_strlcpy(buf, m->canonical, size);
    return;
  }
  if (m->level == -3) {
    const char *own = x->ctx.region;
    if (own && m->self_level == -1 && x->ctx.region_level > JD_LEVEL_PROVINCE &&
        !(x->ctx.region_level == JD_LEVEL_COUNTY && g_str_has_suffix(own, "区"))) {
      /* 全区 in a document about 锡林郭勒盟 or a 县/旗: the autonomous region */
      const char *up = jd_lexicon_region_ancestor(x->lx, own, JD_LEVEL_PROVINCE);
      if (up && g_str_has_suffix(up, "自治区")) {
        g_strlcpy(buf, up, size);
        return;
      }
    }
    if (own && (m->self_level == x->ctx.region_level ||
                (m->self_level == -1 && x->ctx.region_level > JD_LEVEL_COUNTRY))) {
      g_strlcpy(buf, own, size);
      return;
    }
    /* 全省 in a document about 德宏州: the province that holds it */
    const char *up = own && m->self_level >= JD_LEVEL_PROVINCE && m->self_level < x->ctx.region_level
                         ? jd_lexicon_region_ancestor(x->lx, own, m->self_level)
                         : NULL;
    if (up) {
      g_strlcpy(buf, up, size);
      return;
    }
  }
  g_strlcpy(buf, m->written, size);
}

/* The level of the places a unit counts (31个省份 -> province), or -1 when the
 * unit counts no places. Townships and villages sit below counties. */
static int place_unit_level(const char *unit)
{
  static const struct {
    const char *unit;
    int level;
  } units[] = {{"province", JD_LEVEL_PROVINCE}, {"prefecture", JD_LEVEL_PREFECTURE},
               {"city", JD_LEVEL_PREFECTURE},   {"county", JD_LEVEL_COUNTY},
               {"township", JD_LEVEL_COUNTY + 1}, {"village", JD_LEVEL_COUNTY + 2},
               {"community", JD_LEVEL_COUNTY + 2}};
  for (size_t i = 0; i < G_N_ELEMENTS(units); i++)
    if (!strcmp(unit, units[i].unit)) return units[i].level;
  return -1;
}

/* The level of the place a marker names (a self reference: the level it points at;
 * 全区: an autonomous region, the widest it may be). */
static int marker_level(const region_marker *m)
{
  if (m->level == -3) return m->self_level == -1 ? JD_LEVEL_PROVINCE : m->self_level;
  return m->level < 0 ? JD_LEVEL_COUNTY : m->level;
}

static void find_region(jd_extractor *x, const char *t, cand *c, size_t sent_start)
{
  const region_marker *best = NULL, *origin = NULL;
  size_t limit = c->n.start;
  if (c->kind == JD_KIND_SHARE && c->change_pos != (size_t)-1) limit = c->change_pos;
  /* markers are in text order: find the first one past the figure */
  guint lo = 0, hi = x->rmarks->len;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (g_array_index(x->rmarks, region_marker, mid).end > limit) hi = mid;
    else lo = mid + 1;
  }
  int counted = place_unit_level(c->unit);
  if (lo > 0) {
    /* a count of places (40个城市, 31个省份) is counted within a wider place:
     * the places named beside it (兰州、张掖被列为40个先进城市) are not its region */
    for (guint i = lo; i-- > 0;) {
      const region_marker *m = &g_array_index(x->rmarks, region_marker, i);
      if (m->pos < sent_start) break;
      if (counted < 0 || marker_level(m) < counted) {
        best = m;
        break;
      }
    }
    for (guint i = lo, k = 0; i-- > 0 && k < 64; k++) {
      const region_marker *o = &g_array_index(x->rmarks, region_marker, i);
      if (o->pos < sent_start) break;
      if (o->origin) {
        origin = o;
        break;
      }
    }
  }
  if (!origin && lo < x->rmarks->len) {
    /* 抓获193名同心籍贩毒人员: an origin named after the number */
    const region_marker *m = &g_array_index(x->rmarks, region_marker, lo);
    if (m->origin && m->pos < c->clause_end && m->pos >= c->end) origin = m;
  }
  if (origin) best = origin;
  if (best) {
    resolve_region_marker(x, best, c->region, sizeof c->region);
    why(c, "region %s from '%.*s'%s", c->region, (int)(best->end - best->pos), t + best->pos,
        best->origin ? " (origin, 籍)" : "");
    /* 南宁、柳州、桂林三市破获的…: places listed together are the figure's
     * place together (分别 hands them out one by one later) */
    if (!best->origin && best->canonical && counted < 0) {
      guint bi = (guint)(best - &g_array_index(x->rmarks, region_marker, 0));
      guint first = bi;
      while (first > 0) {
        const region_marker *a = &g_array_index(x->rmarks, region_marker, first - 1);
        const region_marker *b = &g_array_index(x->rmarks, region_marker, first);
        if (!a->canonical || a->origin || a->pos < sent_start || a->level != b->level) break;
        const jd_lex_entry *join = jd_cue_at(CUES(x, PLACE_JOINER), t, b->pos, a->end);
        if (!join || a->end + join->len != b->pos) break;
        first--;
      }
      if (first < bi) {
        GString *all = g_string_new(NULL);
        for (guint i = first; i <= bi; i++) {
          const char *name = g_array_index(x->rmarks, region_marker, i).canonical;
          if (all->len) g_string_append(all, "、");
          if (!strstr(all->str, name)) g_string_append(all, name);
          else g_string_truncate(all, all->len - 3);
        }
        if (all->len < sizeof c->region) {
          g_strlcpy(c->region, all->str, sizeof c->region);
          why(c, "region %s: the places listed together", c->region);
        }
        g_string_free(all, TRUE);
      }
    }
  } else if (x->ctx.region && counted >= 0 && x->ctx.region_level >= counted) {
    c->region[0] = 0;
    why(c, "region unknown: the document's own place (%s) cannot hold what is counted",
        x->ctx.region);
  } else if (x->ctx.region) {
    g_strlcpy(c->region, x->ctx.region, sizeof c->region);
    c->region_is_doc = TRUE;
    why(c, "region %s: the document's own", c->region);
  } else if (x->ctx.self_word[0]) {
    c->region_is_doc = TRUE;
    g_strlcpy(c->region, x->ctx.self_word, sizeof c->region);
    why(c, "region %s: the document speaks of itself so, its name is unknown", c->region);
  } else {
    c->region[0] = 0;
    why(c, "region unknown");
  }
}

/* ---- periods of the sentence's figures ----------------------------------------------- */

static jd_period fallback_period(const jd_extractor *x)
{
  jd_period p = {0};
  if (x->para_period.year) return x->para_period;
  p.year = x->ctx.topic_year ? x->ctx.topic_year : x->ctx.year;
  if (x->carry.year && x->carry.year == p.year) return x->carry;
  return p;
}

static jd_period with_context_year(jd_period rel, const jd_period *ctx)
{
  rel.year = ctx->year;
  rel.year_to = 0;
  return rel;
}

static void assign_periods(jd_extractor *x, const char *t, size_t sent_start, size_t first_clause_end,
                           cand *cands, guint n)
{
  jd_period cur = fallback_period(x);
  gboolean bound_active = FALSE, base_pending = FALSE;
  jd_period bound = {0}, base = {0};
  size_t bound_pos = 0;
  guint mi = 0;
  const char *cur_why = x->para_period.year ? "the paragraph's period"
                        : x->ctx.topic_year ? "the document's topic year"
                        : x->ctx.year       ? "the document's date"
                                            : NULL;
  jd_period last_from = {0}, last_to = {0};
  gboolean have_pair = FALSE;
  (void)sent_start;

  for (guint ci = 0; ci <= n; ci++) {
    size_t limit = ci < n ? cands[ci].n.start : (size_t)-1;
    for (; mi < x->tmarks->len; mi++) {
      const time_marker *m = &g_array_index(x->tmarks, time_marker, mi);
      if (m->pos >= limit) break;
      jd_period per = m->period;
      if (m->relative_year) per = with_context_year(per, &cur);
      switch (m->binding) {
      case TM_FREE:
        cur = per;
        cur_why = m->why;
        bound_active = FALSE;
        /* the opening of the paragraph's first sentence with figures sets
         * the paragraph's period, however long its lead-in (记者从…获悉，今年1—6月，…) */
        if (m->pos < first_clause_end || (!x->para_figures && ci == 0)) x->para_period = per;
        break;
      case TM_PREV:
        /* 上年同期: the same part of the year before; 上年: the whole year */
        bound = jd_period_previous(m->prev_mode > 0 && x->para_period.year > 0 ? &x->para_period
                                                                                : &cur);
        if (m->prev_mode < 0) {
          bound.half = bound.quarter = bound.month_from = bound.month_to = 0;
          bound.year_to = 0;
        }
        if (m->as_base) {
          base = bound;
          base_pending = TRUE;
        }
        bound_active = TRUE;
        bound_pos = m->pos;
        break;
      case TM_BOUND:
        bound = per;
        bound_active = TRUE;
        bound_pos = m->pos;
        break;
      case TM_BASE:
        base = per;
        base_pending = TRUE;
        bound = per;
        bound_active = TRUE;
        bound_pos = m->pos;
        break;
      }
    }
    if (ci == n) break;
    cand *c = &cands[ci];
    gboolean is_change = c->kind == JD_KIND_CHANGE_PCT || c->kind == JD_KIND_CHANGE_ABS ||
                         c->kind == JD_KIND_CHANGE_PP || c->kind == JD_KIND_RATIO;
    if (bound_active && c->change_pos != (size_t)-1 && c->change_pos > bound_pos &&
        (is_change || c->is_to))
      bound_active = FALSE;
    if (is_change && c->annual_average) {
      c->period = cur;
      c->has_base = FALSE;
      why(c, "an average yearly change: no single base period");
    } else if (is_change) {
      if (base_pending) {
        c->period = have_pair ? last_to : cur;
        c->base = base;
        c->has_base = TRUE;
        bound_active = FALSE; /* the base holds for the rest of the sentence */
        why(c, "compared with the period named after 比/较");
      } else if (c->yoy) {
        c->period = cur;
        c->base = jd_period_previous(&cur);
        c->has_base = TRUE;
        why(c, "base: the period before (同比)");
      } else if (have_pair) {
        c->period = last_to;
        c->base = last_from;
        c->has_base = TRUE;
        why(c, "a change between the two levels before it");
      } else if (c->vs_year_start) {
        c->period = cur;
        memset(&c->base, 0, sizeof c->base);
        c->base.year = cur.year > 0 ? cur.year - 1 : cur.year;
        c->has_base = TRUE;
        why(c, "base: the end of the year before (年初)");
      } else if (c->vs_other) {
        c->period = cur;
        memset(&c->base, 0, sizeof c->base);
        c->base.year = JD_PERIOD_UNKNOWN_YEAR;
        c->has_base = TRUE;
        why(c, "base unknown: compared with something that is not a period (较/比)");
      } else {
        c->period = cur;
        c->base = jd_period_previous(&cur);
        c->has_base = TRUE;
      }
    } else if (bound_active) {
      c->period = bound;
      why(c, "period bound to this number");
    } else if (c->is_from) {
      c->period = have_pair ? last_from : jd_period_previous(&cur);
      why(c, "period: the starting point of a change, the period before");
    } else {
      c->period = cur;
      if (cur_why) why(c, "period from %s", cur_why);
    }
    if (c->is_from) last_from = c->period;
    if (c->is_to) {
      last_to = c->period;
      have_pair = TRUE;
    }
  }
}

/* ---- 分别 -------------------------------------------------------------------------- */

static void copy_item(cand *dst, const cand *src)
{
  g_strlcpy(dst->metric, src->metric, sizeof dst->metric);
  dst->metric_trigger = src->metric_trigger;
  g_strlcpy(dst->region, src->region, sizeof dst->region);
  dst->drug = src->drug;
}

/* 分别 hands out the figures after it, in order, to the items before it:
 * levels stated earlier (同比分别上升33%和21.6%), metrics listed before it
 * (人数、复吸率分别由…), or the years of a span (2020年至2022年…分别为). */
static void distribute(jd_extractor *x, const char *t, size_t s, size_t e, cand *cands, guint n)
{
  size_t p = s;
  while ((p = find_lit(t, p, e, "分别")) != (size_t)-1) {
    size_t here = p;
    p += 6;
    guint first = n, count = 0;
    size_t cl_end = e;
    for (guint i = 0; i < n; i++) {
      if (cands[i].n.start > here && cands[i].clause_start <= here && first == n) {
        first = i;
        cl_end = cands[i].clause_end;
      }
    }
    if (first == n) continue;
    /* the values run to the end of the clause (and its continuation with 和/、) */
    for (guint i = first; i < n && cands[i].n.start < cl_end; i++) count++;
    if (count < 2) continue;
    /* places listed before 分别: 深圳市、广州市分别破获…2100起和1800起 */
    size_t cs = cands[first].clause_start;
    {
      const region_marker *places[16];
      guint np = 0;
      for (guint r = 0; r < x->rmarks->len && np < G_N_ELEMENTS(places); r++) {
        const region_marker *m = &g_array_index(x->rmarks, region_marker, r);
        if (m->pos >= cs && m->end <= here && m->level != -3) places[np++] = m;
      }
      if (np >= 2 && count % np == 0) {
        for (guint i = 0; i < count; i++) {
          cand *c = &cands[first + i];
          resolve_region_marker(x, places[i % np], c->region, sizeof c->region);
          why(c, "分别: place %u of those listed before it", i % np + 1);
        }
      }
    }
    /* age groups listed before 分别: 18岁以下、18至35岁、36至59岁和60岁及以上的分别为… */
    {
      char groups[8][32];
      guint ng = 0;
      size_t q = cs, first_age = (size_t)-1;
      while (ng < G_N_ELEMENTS(groups)) {
        size_t ge = 0;
        size_t st = age_group_in(x, t, q, here, groups[ng], sizeof groups[ng], &ge);
        if (st == (size_t)-1) break;
        if (first_age == (size_t)-1) first_age = st;
        ng++;
        q = ge;
      }
      if (ng >= 2 && count % ng == 0) {
        const char *subject = people_named_in(x, t, q, here);
        if (!subject) subject = people_named_in(x, t, s, first_age);
        if (!subject) subject = "users_registered";
        for (guint i = 0; i < count; i++) {
          cand *c = &cands[first + i];
          const char *g = groups[i % ng];
          if (!strcmp(subject, "users_registered")) g_snprintf(c->metric, sizeof c->metric, "users_%s", g);
          else g_snprintf(c->metric, sizeof c->metric, "%s_%s", subject, g);
          c->metric_trigger = NULL;
          c->distributed = TRUE;
          why(c, "分别: age group %u of those listed before it (%s)", i % ng + 1, c->metric);
        }
        continue;
      }
    }
    /* metrics listed before 分别 in its clause */
    GPtrArray *metrics = g_ptr_array_new();
    size_t q = cs;
    while (q < here) {
      const jd_lex_entry *m = jd_lexicon_match(x->lx, JD_LEX_METRIC, t + q, here - q);
      if (m && (m->number != JD_ROLE_VERB)) {
        gboolean dup = FALSE;
        for (guint k = 0; k < metrics->len; k++)
          if (!strcmp(((const jd_lex_entry *)metrics->pdata[k])->id, m->id)) dup = TRUE;
        if (!dup) g_ptr_array_add(metrics, (gpointer)m);
        q += m->len;
        continue;
      }
      q = jd_next_char(t, here, q);
    }
    if (metrics->len >= 2 && count % metrics->len == 0) {
      for (guint i = 0; i < count; i++) {
        cand *c = &cands[first + i];
        const jd_lex_entry *m = metrics->pdata[i % metrics->len];
        g_strlcpy(c->metric, m->id, sizeof c->metric);
        c->metric_trigger = m;
        if (c->kind == JD_KIND_LEVEL && jd_lexicon_metric_takes_unit(m, "percent") &&
            !strcmp(c->unit, "percent"))
          c->kind = JD_KIND_RATE;
        c->distributed = TRUE;
        why(c, "分别: item %u of the metrics listed before it ('%s')", i % metrics->len + 1,
            m->surface);
      }
      g_ptr_array_unref(metrics);
      continue;
    }
    g_ptr_array_unref(metrics);
    /* 2020年至2022年…分别为59.23%、64.37%、79.02% */
    gboolean by_year = FALSE;
    for (guint m = 0; m < x->tmarks->len && !by_year; m++) {
      const time_marker *tm = &g_array_index(x->tmarks, time_marker, m);
      if (tm->pos >= here || tm->period.year <= 0 || tm->period.year_to <= tm->period.year) continue;
      if ((guint)(tm->period.year_to - tm->period.year + 1) != count) continue;
      for (guint i = 0; i < count; i++) {
        cand *c = &cands[first + i];
        memset(&c->period, 0, sizeof c->period);
        c->period.year = tm->period.year + (int)i;
        c->distributed = TRUE;
        why(c, "分别: year %d of the span", c->period.year);
      }
      by_year = TRUE;
    }
    if (by_year) continue;
    gboolean changes = cands[first].kind != JD_KIND_LEVEL;
    if (changes) {
      /* the levels before, a from→to pair counting once */
      GPtrArray *items = g_ptr_array_new();
      for (guint i = 0; i < x->para_items->len; i++) {
        cand *it = &g_array_index(x->para_items, cand, i);
        if (it->is_from) continue;
        g_ptr_array_add(items, it);
      }
      for (guint i = 0; i < first; i++) {
        cand *it = &cands[i];
        if (it->kind != JD_KIND_LEVEL || it->is_from) continue;
        g_ptr_array_add(items, it);
      }
      if (items->len >= count) {
        for (guint i = 0; i < count; i++) {
          cand *c = &cands[first + i];
          const cand *it = items->pdata[items->len - count + i];
          copy_item(c, it);
          c->period = it->period;
          c->base = jd_period_previous(&it->period);
          c->has_base = TRUE;
          c->distributed = TRUE;
          char pbuf[32];
          jd_period_format(&it->period, pbuf, sizeof pbuf);
          why(c, "分别: change %u of %u goes with the level %s %s", i + 1, count, it->metric,
              pbuf);
        }
      }
      g_ptr_array_unref(items);
      continue;
    }
  }
}

/* ---- 其中: parts of a whole ------------------------------------------------------------ */

static gboolean same_str(const char *a, const char *b)
{
  return !strcmp(a ? a : "", b ? b : "");
}

static gboolean same_period(const jd_period *a, const jd_period *b)
{
  return a->year == b->year && a->year_to == b->year_to && a->half == b->half &&
         a->quarter == b->quarter && a->month_from == b->month_from && a->month_to == b->month_to;
}

/* The part-of-whole word (subsets.tsv) nearest to `to` in t[from, to). */
static const jd_lex_entry *subset_word_in(jd_extractor *x, const char *t, size_t from, size_t to)
{
  const jd_lex_entry *found = NULL;
  size_t p = from;
  while (p < to) {
    const jd_lex_entry *e = jd_lexicon_match(x->lx, JD_LEX_SUBSET, t + p, to - p);
    if (e) {
      found = e;
      p += e->len;
      continue;
    }
    p = jd_next_char(t, to, p);
  }
  return found;
}

/* 女性吸毒人员6000名, 抓获女性贩毒人员31名，占48%: a part named by a word right
 * before the figure's own noun, without 其中 (subsets.tsv rows marked bare).
 * The shares and changes after it that took its metric follow it. */
static void apply_bare_parts(jd_extractor *x, const char *t, cand *cs, guint n)
{
  char from_metric[48] = "", to_metric[48] = "";
  for (guint i = 0; i < n; i++) {
    cand *c = &cs[i];
    if (c->kind != JD_KIND_LEVEL) {
      if (to_metric[0] && !strcmp(c->metric, from_metric) &&
          !best_trigger(x, t, c->seg_start, c->n.start, c, c->n.start).e) {
        g_strlcpy(c->metric, to_metric, sizeof c->metric);
        why(c, "metric %s: follows the part before it", c->metric);
      }
      continue;
    }
    from_metric[0] = to_metric[0] = 0;
    if (!c->metric[0] || !strcmp(c->metric, "other")) continue;
    for (size_t p = c->seg_start; p < c->n.start;) {
      const jd_lex_entry *w = jd_lexicon_match(x->lx, JD_LEX_SUBSET, t + p, c->n.start - p);
      if (!w) {
        p = jd_next_char(t, c->n.start, p);
        continue;
      }
      size_t q = p + w->len;
      p = q;
      if (strcmp(w->arg, "bare") != 0) continue;
      const jd_lex_entry *m = jd_lexicon_match(x->lx, JD_LEX_METRIC, t + q, c->n.start - q);
      if (!m || strcmp(m->id, c->metric) != 0) continue;
      char buf[48];
      g_snprintf(buf, sizeof buf, "%s_%s", c->metric, w->id);
      g_strlcpy(from_metric, c->metric, sizeof from_metric);
      g_strlcpy(to_metric, buf, sizeof to_metric);
      g_strlcpy(c->metric, buf, sizeof c->metric);
      why(c, "metric %s: '%s' names a part of %s", c->metric, w->surface, from_metric);
      break;
    }
  }
}

/* 缴获毒品65.1吨，其中冰毒21.4吨 / 破获案件54起，其中妇女参与的31起: a figure after
 * 其中 counts a part of the figure before it. A part that came out with the whole's
 * own metric, drug, place (and, for a count, unit and period) would read as a
 * second value of the whole: it becomes METRIC_TAG after the word naming the part
 * (subsets.tsv), or METRIC_part. Shares and changes of a renamed part follow it.
 * The scope of 其中 runs to the end of the sentence (through ；). */
static void apply_subsets(jd_extractor *x, const char *t, size_t s, size_t e, cand *cs, guint n)
{
  size_t p = s;
  guint i = 0;
  const cand *renamed_prev = NULL;
  char renamed_from[48] = "";
  for (;;) {
    size_t q = find_lit(t, p, e, "其中");
    size_t stop = q == (size_t)-1 ? e : q;
    for (; i < n && cs[i].n.start < stop; i++) {
      cand *c = &cs[i];
      if (!x->sub_active) continue;
      const cand *w = &x->sub_parent;
      /* a part is counted where its whole is, unless its sentence names a place */
      if (c->region_is_doc && strcmp(c->region, w->region) != 0) {
        g_strlcpy(c->region, w->region, sizeof c->region);
        why(c, "region %s: that of the whole it is a part of (其中)", c->region);
      }
      if (!w->metric[0] || !strcmp(w->metric, "other")) continue;
      if (!same_str(c->metric, w->metric) || !same_str(c->drug, w->drug) ||
          !same_str(c->region, w->region))
        continue;
      gboolean level = c->kind == JD_KIND_LEVEL;
      if (level && (!same_str(c->unit, w->unit) || !same_period(&c->period, &w->period)))
        continue;
      size_t from = MAX(c->seg_start, x->sub_pos);
      if (from > c->n.start) from = c->n.start;
      const jd_lex_entry *word = subset_word_in(x, t, from, c->n.start);
      char buf[48];
      if (word) {
        g_snprintf(buf, sizeof buf, "%s_%s", w->metric, word->id);
      } else if (!level && renamed_prev && !strcmp(renamed_from, c->metric)) {
        g_strlcpy(buf, renamed_prev->metric, sizeof buf); /* 其中女性250名，占8% */
      } else if (level) {
        g_snprintf(buf, sizeof buf, "%s_part", w->metric);
      } else {
        continue;
      }
      g_strlcpy(renamed_from, c->metric, sizeof renamed_from);
      g_strlcpy(c->metric, buf, sizeof c->metric);
      c->metric_trigger = NULL;
      renamed_prev = c;
      why(c, "metric %s: a part (其中%s%s) of the %s stated before it", c->metric,
          word ? ", " : "", word ? word->surface : "", w->metric);
    }
    if (q == (size_t)-1) break;
    /* the whole: the last count before 其中 in this sentence, else in the paragraph */
    const cand *whole = NULL;
    for (guint j = i; j-- > 0;)
      if (cs[j].kind == JD_KIND_LEVEL && cs[j].end <= q) {
        whole = &cs[j];
        break;
      }
    if (!whole && x->para_items->len)
      whole = &g_array_index(x->para_items, cand, x->para_items->len - 1);
    x->sub_active = whole != NULL;
    if (whole) {
      x->sub_parent = *whole;
      x->sub_parent.why = NULL;
      x->sub_pos = q + 6;
    }
    p = q + 6;
  }
  /* a sentence ending with 。 (not ；) closes the scope */
  size_t end = e;
  while (end > s && (t[end - 1] == ' ' || t[end - 1] == '\n')) end--;
  if (!lit_before(t, s, end, "；") && !lit_before(t, s, end, ";")) x->sub_active = FALSE;
  x->sub_pos = 0; /* offsets of a later sentence start before any 其中 of it */
}

/* ---- emitting ----------------------------------------------------------------------- */

static void emit(jd_extractor *x, const char *t, unsigned line, cand *c)
{
  char period[40], base[40] = "";
  jd_period_format(&c->period, period, sizeof period);
  if (c->has_base) jd_period_format(&c->base, base, sizeof base);
  if (c->kind == JD_KIND_LEVEL || c->kind == JD_KIND_RATE || c->kind == JD_KIND_SHARE) base[0] = 0;
  const char *drug = c->drug ? c->drug : "";
  size_t qs = c->clause_start, qe = c->clause_end;
  while (qs < qe && (t[qs] == ' ')) qs++;
  /* a clause without punctuation for pages: quote the figure's neighbourhood */
  if (qe - qs > 600) {
    size_t a = back(qs, c->n.start, 240), b = MIN(qe, c->end + 240);
    while (a > qs && ((unsigned char)t[a] & 0xC0) == 0x80) a--;
    while (b < qe && ((unsigned char)t[b] & 0xC0) == 0x80) b++;
    qs = a;
    qe = b;
  }
  char *quote = g_strndup(t + qs, qe - qs);
  double v = c->value;
  if (fabs(v) < 1e15) v = round(v * 1e9) / 1e9;
  jd_figure *f = jd_figure_new(x->doc, line, quote, c->metric, drug, c->region, period, v,
                               c->unit, c->qualifier, c->kind, base);
  char *explanation = NULL;
  if (c->why) {
    char *vs = jd_figure_format_value(v);
    explanation = g_strdup_printf("%s:%u: %s %s %s [%s] — %s\n  clause: %s", x->doc, line, vs,
                                  c->unit, jd_qualifier_to_string(c->qualifier),
                                  jd_kind_to_string(c->kind), c->why->str, quote);
    g_free(vs);
  }
  if (x->func) x->func(f, explanation, x->data);
  g_free(explanation);
  jd_figure_free(f);
  g_free(quote);
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

static void process_paragraph(jd_extractor *x, const char *t, size_t len, unsigned line)
{
  g_array_set_size(x->nums, 0);
  jd_numeral_scan(jd_lexicon_get_numeral_words(x->lx), t, len, x->nums);
  /* a running total from January (今年1—6月, 前三季度, 上半年) stays the period
   * of the paragraphs after it that name none; any other period ends it */
  if (x->para_period.year > 0) {
    const jd_period *q = &x->para_period;
    gboolean running = !q->year_to && ((q->month_from == 1 && q->month_to > 1 && q->month_to < 12) ||
                                       q->half == 1 || q->quarter == 1);
    if (running) x->carry = *q;
    else memset(&x->carry, 0, sizeof x->carry);
  }
  memset(&x->para_period, 0, sizeof x->para_period);
  g_array_set_size(x->para_items, 0);
  x->sub_active = FALSE;
  x->para_figures = FALSE;
  /* a paragraph without a quantity (only dates, codes, ordinals) has nothing
   * to give, and its period context dies with it */
  gboolean any = FALSE;
  for (guint i = 0; i < x->nums->len && !any; i++) {
    jd_numeral_kind kd = g_array_index(x->nums, jd_numeral, i).kind;
    any = kd == JD_NUM_NUMBER || kd == JD_NUM_PERCENT || kd == JD_NUM_PERMILLE ||
          kd == JD_NUM_PERCENT_POINT;
  }
  if (!any) return;
  /* one clause split per paragraph; sentences are runs of clauses */
  g_array_set_size(x->sentences, 0);
  jd_text_split_clauses(t, len, x->sentences);
  guint k = 0;
  guint ca = 0;
  while (ca < x->sentences->len) {
    guint cb = ca;
    while (cb + 1 < x->sentences->len && !g_array_index(x->sentences, jd_span, cb).sentence_end)
      cb++;
    size_t s = g_array_index(x->sentences, jd_span, ca).start;
    size_t e = g_array_index(x->sentences, jd_span, cb).end;
    /* the punctuation after the sentence belongs to it */
    if (cb + 1 < x->sentences->len) e = MAX(e, g_array_index(x->sentences, jd_span, cb + 1).start);
    else e = len;
    g_array_set_size(x->clauses, 0);
    g_array_append_vals(x->clauses, &g_array_index(x->sentences, jd_span, ca), cb - ca + 1);
    ca = cb + 1;
    guint k0 = k;
    while (k < x->nums->len && g_array_index(x->nums, jd_numeral, k).start < e) k++;
    if (k == k0) {
      /* 去年以来，全市…: a sentence without numbers may still set the period */
      size_t fce = g_array_index(x->clauses, jd_span, 0).end;
      find_time_markers(x, t, s, MIN(e, fce + 3), x->nums, x->tmarks);
      jd_period cur = fallback_period(x);
      for (guint mi = 0; mi < x->tmarks->len; mi++) {
        const time_marker *tm = &g_array_index(x->tmarks, time_marker, mi);
        if (tm->binding == TM_FREE)
          x->para_period = tm->relative_year ? with_context_year(tm->period, &cur) : tm->period;
      }
      continue;
    }
    size_t first_clause_end = g_array_index(x->clauses, jd_span, 0).end;
    /* 据介绍，今年1至10月，全省…: a short lead-in does not count as the opening */
    if (x->clauses->len > 1 && first_clause_end - s <= 15 &&
        g_array_index(x->nums, jd_numeral, k0).start >= first_clause_end)
      first_clause_end = g_array_index(x->clauses, jd_span, 1).end;
    gboolean quantities = FALSE;
    for (guint i = k0; i < k && !quantities; i++) {
      jd_numeral_kind kd = g_array_index(x->nums, jd_numeral, i).kind;
      quantities = kd == JD_NUM_NUMBER || kd == JD_NUM_PERCENT || kd == JD_NUM_PERMILLE ||
                   kd == JD_NUM_PERCENT_POINT;
    }
    /* without quantities only the opening clause matters (it may set the
     * paragraph's period) */
    find_time_markers(x, t, s, quantities ? e : MIN(e, first_clause_end + 3), x->nums, x->tmarks);
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
      memset(&c, 0, sizeof c);
      c.n = *m;
      c.start = m->start;
      c.clause_start = cl->start;
      c.clause_end = cl->end;
      c.seg_start = seg;
      c.change_pos = (size_t)-1;
      if (x->opt.explain) c.why = g_string_new(NULL);
      gboolean keep = (m->kind == JD_NUM_NUMBER || m->kind == JD_NUM_PERCENT ||
                       m->kind == JD_NUM_PERMILLE || m->kind == JD_NUM_PERCENT_POINT) &&
                      !m->overflow;
      if (keep) keep = read_unit(x, t, &c);
      if (keep && (is_attribute(t, &c) || is_article(t, &c) || next_to_latin(t, &c) ||
                   is_goal(x, t, &c) ||
                   inside_book_title(t, back(s, m->start, 300), m->start)))
        keep = FALSE;
      /* 一两场, 两三个: vague small ranges */
      if (keep && m->is_range && m->chinese && m->value_high < 10) keep = FALSE;
      if (keep && m->is_range) {
        c.value = (c.value + m->value_high * (c.value / (m->value ? m->value : 1))) / 2;
        if (c.qualifier == JD_QUAL_EXACT) c.qualifier = JD_QUAL_ABOUT;
      }
      if (!keep) {
        if (c.why) g_string_free(c.why, TRUE);
        continue;
      }
      g_array_append_val(x->cands, c);
      seg = g_array_index(x->cands, cand, x->cands->len - 1).end;
    }
    if (!x->cands->len) {
      /* the sentence may still set the paragraph's period */
      jd_period dummy_cur = fallback_period(x);
      for (guint mi = 0; mi < x->tmarks->len; mi++) {
        const time_marker *tm = &g_array_index(x->tmarks, time_marker, mi);
        if (tm->binding == TM_FREE && tm->pos < first_clause_end)
          x->para_period = tm->relative_year ? with_context_year(tm->period, &dummy_cur)
                                             : tm->period;
      }
      continue;
    }
    find_region_markers(x, t, s, e, x->rmarks);
    cand *cs = (cand *)(void *)x->cands->data;
    guint n = x->cands->len;
    for (guint i = 0; i < n; i++) {
      cand *c = &cs[i];
      const cand *prev = i ? &cs[i - 1] : NULL;
      /* 其中 opening a sentence continues the figure before it (after a ；) */
      if (!prev && x->para_items->len &&
          lit_at(t, e, skip_spaces(t, e, c->clause_start), "其中"))
        prev = &g_array_index(x->para_items, cand, x->para_items->len - 1);
      find_kind(x, t, c, prev, s);
      find_metric(x, t, c, prev, s);
      if (c->kind == JD_KIND_LEVEL && c->metric_trigger &&
          (!strcmp(c->unit, "percent") || !strcmp(c->unit, "permille")) &&
          jd_lexicon_metric_takes_unit(c->metric_trigger, "percent")) {
        c->kind = JD_KIND_RATE;
        why(c, "kind rate: %s is itself a percentage", c->metric);
      } else if (c->kind == JD_KIND_LEVEL && !strcmp(c->unit, "percent")) {
        c->kind = JD_KIND_SHARE;
        why(c, "kind share: a percentage of what comes before");
      } else if (c->kind == JD_KIND_LEVEL && !strcmp(c->unit, "percentage_point")) {
        c->kind = JD_KIND_CHANGE_PP;
      }
      const char *drug = drug_in(x, t, c->seg_start, c->n.start);
      if (!drug && !strcmp(c->metric, "drugs_seized"))
        drug = drug_in(x, t, back(c->clause_start, c->n.start, LOOKBACK), c->n.start);
      /* 约四成五吸食大麻: a share names its drug after it */
      if (!drug && c->kind == JD_KIND_SHARE) {
        size_t q = c->end, lim = MIN(c->clause_end, c->end + 12);
        const jd_lex_entry *v = jd_cue_at(CUES(x, DRUG_USE), t, lim, q);
        if (v) {
          const jd_lex_entry *d = jd_lexicon_match(x->lx, JD_LEX_DRUG, t + q + v->len,
                                                   c->clause_end - q - v->len);
          if (d && strcmp(d->id, "all") != 0) drug = d->id;
        }
      }
      /* 查获咖啡包3.2万包，较前一年减少近两成: the change is of the drug before it */
      if (!drug && prev && c->kind != JD_KIND_LEVEL && prev->drug &&
          !strcmp(prev->metric, c->metric)) {
        /* …涉新精神活性物质案件虽然数量少，但较上年增长了一倍: unless a drug is
         * named between them */
        drug = prev->end < c->n.start ? drug_in(x, t, prev->end, c->n.start) : NULL;
        if (!drug) drug = prev->drug;
      }
      if (!strcmp(c->metric, "drugs_seized") && !drug) drug = "all";
      if (!drug && c->list_cont && prev) drug = prev->drug;
      /* 毒品案件, 毒品犯罪嫌疑人: "drugs" in general only qualifies seizures */
      if (drug && !strcmp(drug, "all") && strcmp(c->metric, "drugs_seized") != 0) drug = NULL;
      c->drug = drug;
      find_region(x, t, c, s);
    }
    assign_periods(x, t, s, first_clause_end, cs, n);
    distribute(x, t, s, e, cs, n);
    apply_subsets(x, t, s, e, cs, n);
    apply_bare_parts(x, t, cs, n);
    for (guint i = 0; i < n; i++) emit(x, t, line, &cs[i]);
    x->para_figures = TRUE;
    remember_items(x, cs, n);
    clear_cands(x->cands);
  }
}

/* ---- document flow ---------------------------------------------------------------- */

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
  jd_doc_context_learn(&x->ctx, x->lx, texts, lens, n);
  g_free(texts);
  g_free(lens);
  x->settled = TRUE;
  for (guint i = 0; i < n; i++) {
    held_paragraph *h = x->held->pdata[i];
    process_paragraph(x, h->text, h->len, h->line);
  }
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
  memset(&x->carry, 0, sizeof x->carry);
  memset(&x->para_period, 0, sizeof x->para_period);
  free_held(x);
  jd_doc_context_clear(&x->ctx);
}

void jd_extractor_feed(jd_extractor *x, const jd_paragraph *p)
{
  g_return_if_fail(x != NULL && p != NULL);
  if (!x->open) jd_extractor_begin(x, "", NULL, NULL);
  if (x->settled) {
    process_paragraph(x, p->text, p->len, p->line);
    return;
  }
  held_paragraph *h = g_new0(held_paragraph, 1);
  h->text = g_strndup(p->text, p->len);
  h->len = p->len;
  h->line = p->line;
  g_ptr_array_add(x->held, h);
  x->held_bytes += p->len;
  if (x->held->len >= x->opt.lookahead || x->held_bytes >= LOOKAHEAD_BYTES) settle(x);
}

void jd_extractor_end(jd_extractor *x)
{
  if (!x || !x->open) return;
  settle(x);
  x->open = FALSE;
}

gboolean jd_extract_file(jd_extractor *x, const char *path, const jd_load_options *load_options,
                         jd_figure_func func, gpointer data, GError **error)
{
  jd_load_options defaults = JD_LOAD_OPTIONS_INIT;
  jd_reader *r = jd_reader_open(path, load_options ? load_options : &defaults, error);
  if (!r) return FALSE;
  jd_extractor_begin(x, jd_reader_get_name(r), func, data);
  jd_paragraph p;
  GError *err = NULL;
  while (jd_reader_next(r, &p, &err)) jd_extractor_feed(x, &p);
  jd_extractor_end(x);
  jd_reader_free(r);
  if (err) {
    g_propagate_error(error, err);
    return FALSE;
  }
  return TRUE;
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
  jd_extractor_begin(x, jd_reader_get_name(r), to_table, table);
  jd_paragraph p;
  GError *err = NULL;
  while (jd_reader_next(r, &p, &err)) jd_extractor_feed(x, &p);
  jd_extractor_end(x);
  jd_extractor_free(x);
  jd_reader_free(r);
  if (err) {
    g_propagate_error(error, err);
    return FALSE;
  }
  return TRUE;
}
