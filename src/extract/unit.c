/* What a number measures, and which numbers are no figures: the measure word
 * after a number (人, 公斤, 个 + the noun it counts, 倍) with its conversion to
 * the base unit and a trailing qualifier (左右, 以上); and the numbers that only
 * look like figures — attributes (3人以上团伙), articles (一起案件), ids,
 * goals (力争…), book titles. */
#include <math.h>
#include <string.h>

#include "extract/extract-private.h"

/* A number in 万 or 亿 (141.9万) that a noun of people (吸毒人数, 吸毒人员) ends
 * just before, with at most a short linking word between (达到, 为). */
static gboolean bare_count_of_people(jd_extractor *x, const char *t, const cand *c)
{
  const jd_numeral *n = &c->n;
  if (jd_find_lit(t, n->digits_start, n->end, "万") == (size_t)-1 &&
      jd_find_lit(t, n->digits_start, n->end, "亿") == (size_t)-1)
    return FALSE;
  size_t from = n->start > c->clause_start + 30 ? n->start - 30 : c->clause_start, at;
  /* 这一年龄段的吸毒人数达到141.9万: people a word points back to are not all */
  if (jd_cue_find(CUES(x, ANAPHORA), t, c->clause_start, n->start, &at)) return FALSE;
  const jd_lex_entry *last = NULL;
  size_t last_end = 0;
  for (size_t q = from; q < n->start;) {
    const jd_lex_entry *m = jd_lex_at(x, JD_LEX_METRIC, t, q, n->start);
    if (m && m->number != JD_ROLE_VERB) {
      last = m;
      last_end = q + m->len;
      q += m->len;
      continue;
    }
    q = jd_next_char(t, n->start, q);
  }
  return last && n->start - last_end <= 6 && !strcmp(last->extra, "person");
}

/* The numeral that starts at p (before end), or NULL. */
static const jd_numeral *numeral_starting_at(jd_extractor *x, size_t p, size_t end)
{
  const GArray *nums = x->nums;
  guint lo = 0, hi = nums->len;
  while (lo < hi) { /* the numerals are in text order */
    guint mid = lo + (hi - lo) / 2;
    if (g_array_index(nums, jd_numeral, mid).start < p) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= nums->len) return NULL;
  const jd_numeral *n = &g_array_index(nums, jd_numeral, lo);
  return n->start == p && n->end <= end ? n : NULL;
}

/* The numeral a number with no measure word of its own (ending at p) is
 * joined to (cues.tsv list_joiner, not a comma), or NULL. */
static const jd_numeral *joined_next(jd_extractor *x, const char *t, const cand *c, size_t p)
{
  size_t cend = c->clause_end;
  const jd_lex_entry *j = jd_cue_at(CUES(x, LIST_JOINER), t, cend, p);
  if (!j || (unsigned char)j->surface[0] < 0x80) return NULL;
  return numeral_starting_at(x, jd_skip_spaces(t, cend, p + j->len), cend);
}

/* 可卡因及冰毒分别有六百零四及三百五十九公斤, 增加一点七及一点五倍: a number
 * with no measure word of its own, joined to a next number that has one,
 * shares it. That measure word, or NULL. */
static const jd_lex_entry *unit_shared_with_next(jd_extractor *x, const char *t, const cand *c,
                                                 size_t p)
{
  const jd_numeral *next = joined_next(x, t, c, p);
  if (!next || next->kind != JD_NUM_NUMBER) return NULL;
  size_t cend = c->clause_end;
  const jd_lex_entry *u = jd_lex_at(x, JD_LEX_UNIT, t, jd_skip_spaces(t, cend, next->end), cend);
  if (!u || (strcmp(u->arg, "figure") != 0 && strcmp(u->arg, "ratio") != 0)) return NULL;
  return u;
}

/* 分别高出…11.29和13.85个百分点: a number with no measure word joined to a next
 * percentage (point) shares it, ending at p (not the 七 of 五成七及四成四: a digit of
 * the 成 before it). TRUE when it did. */
static gboolean percent_shared_with_next(jd_extractor *x, const char *t, cand *c, size_t p)
{
  if (jd_has_suffix_at(t, c->clause_start, c->n.start, "成")) return FALSE;
  const jd_numeral *pct = joined_next(x, t, c, p);
  const char *unit = !pct ? NULL
                     : pct->kind == JD_NUM_PERCENT_POINT ? "percentage_point"
                     : pct->kind == JD_NUM_PERCENT       ? "percent"
                     : pct->kind == JD_NUM_PERMILLE      ? "permille"
                                                         : NULL;
  if (!unit) return FALSE;
  c->unit = unit;
  c->n.kind = pct->kind; /* read as 11.29个百分点 from here on */
  c->shared_unit = TRUE;
  c->end = p;
  jd_why(c, "unit %s: shared with the number listed after it", unit);
  return TRUE;
}

/* 台币4.4万元: yuan of another currency named right before the amount (cues.tsv
 * currency_before). */
static void currency_before(jd_extractor *x, const char *t, cand *c)
{
  if (strcmp(c->unit, "yuan") != 0) return;
  const jd_lex_entry *cur = jd_cue_before(CUES(x, CURRENCY_BEFORE), t, c->seg_start, c->n.start);
  if (!cur) return;
  c->unit = cur->arg;
  jd_why(c, "unit %s: %s before the amount", cur->arg, cur->surface);
}

/* Reads the measure word after a number. Returns FALSE when the number is no
 * figure (no unit, a duration, an age, an attribute). */
gboolean jd_read_unit(jd_extractor *x, const char *t, cand *c)
{
  const jd_numeral *n = &c->n;
  size_t cend = c->clause_end;
  size_t p = jd_skip_spaces(t, cend, n->end);
  c->qualifier = n->qualifier;
  c->value = n->value;
  switch (n->kind) {
  case JD_NUM_PERCENT:
    c->unit = "percent";
    c->end = p;
    /* 四成五 = 45%: a digit after 成 counts tenths of it */
    if (jd_has_suffix_at(t, n->start, n->end, "成") && n->value == floor(n->value)) {
      static const char digits[] = "一二三四五六七八九"; /* 3 bytes each */
      for (int d = 0; d < 9; d++)
        if (n->end + 3 <= cend && !memcmp(t + n->end, digits + 3 * d, 3)) {
          c->value += d + 1;
          c->end = n->end + 3;
          jd_why(c, "成 and %.3s: %g%%", digits + 3 * d, c->value);
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
    if (jd_find_lit(t, n->digits_start, n->digits_end, "分之") != (size_t)-1) {
      c->unit = "percent";
      c->value = n->value * 100;
      c->end = p;
      jd_why(c, "a fraction, as a percentage");
      break;
    }
    const jd_lex_entry *u = jd_lex_at(x, JD_LEX_UNIT, t, p, cend);
    size_t after = u ? p + u->len : p;
    c->shared_unit = FALSE;
    if (!u && (u = unit_shared_with_next(x, t, c, p)) != NULL) {
      c->shared_unit = TRUE;
      jd_why(c, "unit %s: shared with the number listed after it", u->id);
    }
    if (!u && percent_shared_with_next(x, t, c, p)) break;
    if (!u) {
      /* 吸毒人数达到141.9万, 现有吸毒人员112.4万: people counted in 万 or 亿 right
       * after the noun of people, with no measure word */
      if (!bare_count_of_people(x, t, c)) return FALSE;
      c->unit = "person";
      c->end = p;
      jd_why(c, "unit person: a count in 万 after a noun of people");
      break;
    }
    if (strcmp(u->arg, "skip") == 0) return FALSE;
    /* 满意度从72.91分提升至85.82分: a score, only after a word of scores */
    if (strcmp(u->arg, "score") == 0) {
      size_t at;
      if (!jd_cue_find(CUES(x, SCORE_WORD), t, c->clause_start, n->start, &at)) return FALSE;
    }
    if (strcmp(u->arg, "counted") == 0) {
      /* 个 counts the noun that follows (12个团伙, 22个吸毒人员超过千人的县区)
       * or the one just before (团伙12个). */
      const jd_lex_entry *noun = NULL;
      size_t q = after, nx;
      for (int k = 0; k < 14 && q < cend; k++) {
        gunichar ch = jd_char_at(t, cend, q, &nx);
        if (jd_is_punct(ch) && ch != '(' && ch != ')') break;
        noun = jd_lex_at(x, JD_LEX_COUNTED, t, q, cend);
        if (noun) break;
        q = nx;
      }
      if (!noun && c->seg_start < n->start)
        noun = jd_lexicon_match_ending(x->lx, JD_LEX_COUNTED, t + c->seg_start,
                                       n->start - c->seg_start);
      if (!noun) return FALSE;
      if (!strcmp(noun->id, "-")) {
        jd_why(c, "no figure: 个 counts %s", noun->surface);
        return FALSE;
      }
      c->unit = noun->id;
      jd_why(c, "unit %s: 个 counts %s", noun->id, noun->surface);
    } else if (strcmp(u->arg, "ratio") == 0) {
      c->unit = "ratio";
    } else {
      c->unit = u->id;
      /* 350克 = 0.35 kg: divided by 1000 (a correctly rounded 0.35), not
       * multiplied by 0.001 (0.35000000000000003) */
      double inv = u->number > 0 && u->number < 1 ? nearbyint(1 / u->number) : 0;
      c->value = inv > 1 && fabs(inv * u->number - 1) < 1e-12 ? n->value / inv
                                                             : n->value * u->number;
      if (u->number != 1) jd_why(c, "unit %s: %s converted ×%g", u->id, u->surface, u->number);
    }
    currency_before(x, t, c);
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
  size_t open = jd_rfind_lit(t, floor, p, "《");
  if (open == (size_t)-1) return FALSE;
  size_t close = jd_rfind_lit(t, floor, p, "》");
  return close == (size_t)-1 || close < open;
}

/* “百队千人”, “一村一警”, 「两打两控」: a number inside a short quoted name (at
 * most 8 characters between the quotes) names a campaign or a slogan. */
static gboolean inside_quoted_name(const char *t, const cand *c)
{
  static const char *const pairs[][2] = {{"“", "”"}, {"「", "」"}, {"\"", "\""}};
  size_t lo = back(c->clause_start, c->n.start, 24);
  for (size_t i = 0; i < G_N_ELEMENTS(pairs); i++) {
    size_t open = jd_rfind_lit(t, lo, c->n.start, pairs[i][0]);
    if (open == (size_t)-1) continue;
    size_t close = jd_find_lit(t, c->n.end, MIN(c->clause_end, open + 30), pairs[i][1]);
    if (close == (size_t)-1 || jd_find_lit(t, open + 1, c->n.start, pairs[i][1]) != (size_t)-1)
      continue;
    if (g_utf8_strlen(t + open, (gssize)(close - open)) - 1 <= 8) return TRUE;
  }
  return FALSE;
}

/* 缴毒量在1公斤以上的毒品大案11起, 其中千克以上31起、万克以上6起: a weight
 * with 以上 or 以下 that sizes the cases counted right after it (a 案 before
 * the next number, or a count of 起/宗 right after), not a seizure. */
static gboolean weight_sizes_cases(jd_extractor *x, const char *t, const cand *c, gunichar next,
                                   size_t nx)
{
  if (strcmp(c->unit, "kg") != 0 ||
      !(lit_before(t, 0, c->end, "以上") || lit_before(t, 0, c->end, "以下")))
    return FALSE;
  size_t end = c->clause_end;
  if (next == 0x7684 /* 的 */) {
    for (size_t q = nx, i = 0; q < end && i < 12; i++) {
      size_t q2;
      gunichar ch = jd_char_at(t, end, q, &q2);
      if (ch == 0x6848 /* 案 */) return TRUE;
      if (!jd_is_cjk(ch)) return FALSE;
      q = q2;
    }
    return FALSE;
  }
  const jd_numeral *n = numeral_starting_at(x, jd_skip_spaces(t, end, c->end), end);
  if (!n) return FALSE;
  gunichar after = jd_char_at(t, end, n->end, NULL);
  return after == 0x8D77 /* 起 */ || after == 0x5B97 /* 宗 */;
}

/* Numbers that are part of a description rather than a statement. */
static gboolean is_attribute(jd_extractor *x, const char *t, cand *c)
{
  size_t end = c->clause_end, nx;
  gunichar next = jd_char_at(t, end, c->end, &nx);
  gboolean pct = strcmp(c->unit, "percent") == 0;
  if (weight_sizes_cases(x, t, c, next, nx)) return TRUE;
  /* 超过千人的县区, 3人以上团伙; but 查获218.45公斤的古柯碱, 5吨的冰毒: a weight of a
   * drug named right after it */
  if (next == 0x7684 /* 的 */ && !pct)
    return !(strcmp(c->unit, "kg") == 0 && jd_drug_in(x, t, nx, MIN(end, nx + 30)));
  /* 从二人驾驶的汽车内查获…, 3人乘坐的车辆 (cues.tsv person_doing): people doing something,
   * a description */
  if (!strcmp(c->unit, "person") && jd_cue_before(CUES(x, PERSON_DOING), t, c->n.end, c->end) &&
      jd_is_cjk(next)) {
    size_t q = c->end;
    for (int k = 0; k < 4 && q < end; k++) {
      gunichar ch = jd_char_at(t, end, q, &nx);
      if (ch == 0x7684 /* 的 */) return k >= 1;
      if (!jd_is_cjk(ch)) break;
      q = nx;
    }
  }
  if (c->end >= 6 && (lit_before(t, 0, c->end, "以上") || lit_before(t, 0, c->end, "以下")) &&
      jd_is_cjk(next) && !pct)
    return TRUE;
  /* 千人县, 万人大会: a bare magnitude word naming a size class */
  size_t dl = c->n.digits_end - c->n.digits_start;
  if (dl == 3 && c->n.chinese && c->qualifier == JD_QUAL_EXACT && jd_is_cjk(next)) {
    static const char magnitudes[] = "百千万"; /* 3 bytes each */
    for (int i = 0; i < 3; i++)
      if (!memcmp(t + c->n.digits_start, magnitudes + 3 * i, 3)) return TRUE;
  }
  return FALSE;
}

/* Whether the goal word w (cues.tsv, goal) is at t[p], whole before end,
 * and not the kind of case its extra column names (部督目标案件2起). */
static int goal_at(const char *t, size_t p, size_t end, const jd_lex_entry *w)
{
  /* (the first and last bytes before the call: most words differ there) */
  if (p + w->len > end || t[p] != w->surface[0] || t[p + w->len - 1] != w->surface[w->len - 1] ||
      memcmp(t + p, w->surface, w->len) != 0)
    return 0;                                                          /* not here */
  return *w->extra && lit_at(t, end, p + w->len, w->extra) ? -1 : 1;   /* excused / a goal */
}

/* 力争破案数增长10%以上, 确保巩固率达到50%: a goal, not a stated figure
 * (cues.tsv, goal). One pass over the bytes before the number, looking at
 * the words only where one can start (a well-formed CJK character that
 * starts some goal word, or any other byte but a continuation byte). An
 * excused place of a word is stepped over whole, as a search for the word
 * from there would. */
static gboolean is_goal(jd_extractor *x, const char *t, const cand *c)
{
  const jd_cue_set *goal = CUES(x, GOAL);
  size_t from = back(c->clause_start, c->n.start, 90), end = c->n.start;
  size_t next_ok[64];
  size_t count = MIN(goal->count, G_N_ELEMENTS(next_ok));
  for (size_t i = 0; i < count; i++) next_ok[i] = from;
  const guchar *u = (const guchar *)t;
  for (size_t p = from; p < end; p++) {
    guchar b = u[p];
    if (b >= 0x80 && b < 0xC0) continue; /* no word starts inside a character */
    if (b >= 0xE0 && b < 0xF0 && p + 2 < end && (u[p + 1] & 0xC0) == 0x80 &&
        (u[p + 2] & 0xC0) == 0x80) {
      gunichar ch = ((gunichar)(b & 0x0F) << 12) | ((gunichar)(u[p + 1] & 0x3F) << 6) | (u[p + 2] & 0x3F);
      if (!(goal->first_bits[ch >> 3] & (1u << (ch & 7)))) {
        p += 2; /* and its two continuation bytes: no word starts there */
        continue;
      }
    }
    for (size_t i = 0; i < count; i++) {
      if (p < next_ok[i]) continue;
      int g = goal_at(t, p, end, goal->entries[i]);
      if (g > 0) return TRUE;
      if (g < 0) next_ok[i] = p + goal->entries[i]->len;
    }
  }
  /* sets of more than 64 words: the rest searched word by word */
  for (size_t i = count; i < goal->count; i++) {
    const jd_lex_entry *w = goal->entries[i];
    size_t q = jd_find_lit(t, from, end, w->surface);
    while (q != (size_t)-1 && *w->extra && lit_at(t, end, q + w->len, w->extra))
      q = jd_find_lit(t, q + w->len, end, w->surface);
    if (q != (size_t)-1) return TRUE;
  }
  return FALSE;
}

/* 工作目标：到2024年，…执行率达到98%; 力争到2025年，…控制在3000名以内: a goal
 * word whose goal holds to the sentence's end (cues.tsv, goal_sentence) before
 * the figure's clause, or a sentence opened by 到 and a year after the one the
 * document was written in (到2024年，… in a plan of 2022; 到2021年底 in a
 * summary of 2022 is a figure). */
static gboolean in_goal_sentence(jd_extractor *x, const char *t, const cand *c, size_t sent_start)
{
  size_t at;
  if (c->clause_start <= sent_start) return FALSE;
  /* (x->sent_goal: the sentence holds one somewhere, process_sentence) */
  if (x->sent_goal < 0)
    x->sent_goal = jd_cue_find(CUES(x, GOAL_SENTENCE), t, sent_start, x->sent_end, &at) != NULL;
  if (x->sent_goal && jd_cue_find(CUES(x, GOAL_SENTENCE), t, sent_start, c->clause_start, &at))
    return TRUE;
  int now = jd_current_year(x);
  if (!now) return FALSE;
  for (guint i = 0; i < x->nums->len; i++) {
    const jd_numeral *m = &g_array_index(x->nums, jd_numeral, i);
    if (m->start >= c->clause_start) break;
    if (m->start < sent_start + 3 || m->kind != JD_NUM_YEAR || m->year <= now) continue;
    if (!lit_before(t, sent_start, m->start, "到")) continue;
    /* 2018年到2025年: a range, not a goal; 到 opens the sentence or follows a
     * word that is no year */
    gunichar b = jd_char_before(t, sent_start, m->start - 3, NULL);
    if (b != 0x5E74 /* 年 */ && !g_unichar_isdigit(b)) return TRUE;
  }
  return FALSE;
}

/* 实现了…双下降50%的目标: a threshold or goal named right after the figure
 * (cues.tsv, goal_after). */
static gboolean goal_after(jd_extractor *x, const char *t, const cand *c)
{
  return jd_cue_at(CUES(x, GOAL_AFTER), t, c->clause_end, c->end) != NULL;
}

static gboolean is_article(const char *t, const cand *c)
{
  /* 一起案件, 一个团伙, 一名: an article, not a count */
  return c->n.chinese && c->n.value == 1 && !c->n.is_range &&
         c->n.digits_end - c->n.digits_start == 3 && !memcmp(t + c->n.digits_start, "一", 3) &&
         c->qualifier == JD_QUAL_EXACT && strcmp(c->unit, "ratio") != 0;
}

/* A number inside a web address (http://…/%E5%8D%97…/31990935/, www.….cn/2021_05/…):
 * a run of printable ASCII before it (a percent-encoded address of Chinese
 * words is long) that holds "://" or "www.". */
static gboolean inside_address(const char *t, const cand *c)
{
  size_t p = c->n.start, floor = back(0, p, 2000);
  while (p > floor && (unsigned char)t[p - 1] > 0x20 && (unsigned char)t[p - 1] < 0x7F) p--;
  size_t run = c->n.start - p;
  return run >= 4 && (g_strstr_len(t + p, (gssize)run, "://") || g_strstr_len(t + p, (gssize)run, "www."));
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

/* 浏览次数：1234, 总访问量：1028374人次: a saved web page's count of its
 * readers (cues.tsv, page_counter), colons and spaces between. */
static gboolean page_counter(jd_extractor *x, const char *t, const cand *c, size_t sent_start)
{
  size_t q = c->n.start;
  for (int k = 0; k < 4 && q > sent_start; k++) {
    guchar b = (guchar)t[q - 1];
    if (b == ':' || b == ' ' || b == '\t') q--;
    else if (q >= sent_start + 3 && (lit_before(t, sent_start, q, "：") || lit_before(t, sent_start, q, "　")))
      q -= 3;
    else
      break;
  }
  /* 网页浏览量达50万人次 is the reach of a campaign: only the counter's form */
  return q < c->n.start && jd_cue_before(CUES(x, PAGE_COUNTER), t, back(sent_start, q, 15), q);
}

gboolean jd_is_no_figure(jd_extractor *x, const char *t, cand *c, size_t sent_start)
{
  return is_attribute(x, t, c) || page_counter(x, t, c, sent_start) || is_article(t, c) ||
         next_to_latin(t, c) || inside_address(t, c) || is_goal(x, t, c) ||
         in_goal_sentence(x, t, c, sent_start) || goal_after(x, t, c) || inside_quoted_name(t, c) ||
         inside_book_title(t, back(sent_start, c->n.start, 300), c->n.start);
}
