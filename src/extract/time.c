/* Time in a sentence: the markers (years, dates, month ranges, spans, period
 * words such as 今年/上半年/上年同期, placeholders such as XX年) with how each
 * binds (to what follows, to the next number only, as the comparison base),
 * then the period and base period of each figure from them. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "extract/extract-private.h"

/* A document dated in its first months (a 工作会议 speech, an annual summary)
 * that says 一年来/五年来 looks back on the years up to the one that ended. */
#define EARLY_IN_YEAR_MONTHS 3

/* ---- time markers ---------------------------------------------------------------- */

/* The year 今年/去年 count from: the document's date, else the year it was
 * written in as what it reports tells (《2018年…报告》), else the year it is
 * about (2019年禁毒工作总结); 0 when none is known. */
static int current_year_of(const jd_extractor *x)
{
  if (x->ctx.year) return x->ctx.year;
  if (x->ctx.now_year) return x->ctx.now_year;
  /* an undated text about a year that also states a later one (自2016年…至2022年…，
   * 今年…) was written after both: which year 今年 is, it does not say */
  if (x->ctx.topic_year && x->ctx.latest_year <= x->ctx.topic_year) return x->ctx.topic_year;
  return 0;
}

int jd_current_year(const jd_extractor *x)
{
  return current_year_of(x);
}

/* Why current_year_of is what it is, for --explain. */
static const char *current_year_why(const jd_extractor *x)
{
  if (x->ctx.year) return x->ctx.why_date ? x->ctx.why_date : "the document's date";
  if (x->ctx.now_year) return x->ctx.why_now;
  if (x->ctx.topic_year) return x->ctx.why_topic ? x->ctx.why_topic : "the document's topic";
  return "no date";
}

/* The document's month when it was written in `year` (a dateline without a
 * year counts in the year the document is of); 0 when unknown. */
static int date_month_of(const jd_extractor *x, int year)
{
  return year > 0 && x->ctx.month && current_year_of(x) == year ? x->ctx.month : 0;
}

/* 2018年以来 (per holds 2018): to now. Several years when now is later;
 * else January to the document's month, or to a month it does not give. */
static void since_year(const jd_extractor *x, int now, jd_period *per)
{
  if (now > per->year) {
    per->year_to = now;
    return;
  }
  if (now && now < per->year) {
    per->year = JD_PERIOD_UNKNOWN_YEAR;
    return;
  }
  int mo = date_month_of(x, per->year);
  if (mo == 12) return; /* said in December: the year */
  if (mo) {
    per->month_from = 1;
    per->month_to = mo;
  } else {
    per->to_date = TRUE;
  }
}

static void add_tmark(GArray *a, size_t pos, size_t end, jd_period p, tm_binding b,
                      gboolean relative, const char *why_text)
{
  time_marker m = {pos, end, p, relative, b, why_text, FALSE, 0, FALSE, FALSE};
  g_array_append_val(a, m);
}

static int tm_cmp(gconstpointer a, gconstpointer b)
{
  const time_marker *x = a, *y = b;
  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* 与新冠疫情前的2019年战果相比 (cues.tsv compare_close): a year between a word of the
 * cue's extra (与) a few characters before it and the cue a few characters after it, in
 * one clause, is the base of a comparison */
static gboolean compared_around(jd_extractor *x, const char *t, size_t floor, size_t p, size_t end,
                                size_t limit)
{
  const jd_lex_entry *w = NULL;
  size_t q = end;
  for (int n = 0; n < 8 && q < limit && !w; n++) {
    w = jd_cue_at(CUES(x, COMPARE_CLOSE), t, limit, q);
    size_t nx;
    if (!w && jd_is_punct(jd_char_at(t, limit, q, &nx))) return FALSE;
    if (!w) q = nx;
  }
  if (!w || !*w->extra) return FALSE;
  for (int n = 0; n < 12 && p > floor; n++) {
    size_t b;
    gunichar c = jd_char_before(t, floor, p, &b);
    if (jd_is_punct(c)) return FALSE;
    if (p - b == 3 && g_strstr_len(w->extra, -1, (char[4]){t[b], t[b + 1], t[b + 2], 0})) return TRUE;
    p = b;
  }
  return FALSE;
}

/* How a year written at [pos, end) relates to what follows. */
static tm_binding year_binding(jd_extractor *x, const char *t, size_t floor, size_t pos,
                               size_t end, size_t limit, const GArray *nums, guint k)
{
  size_t p = pos;
  while (p > floor && (t[p - 1] == ' ')) p--;
  /* 比2018年, 是2015年的2.2倍; 从2018年, 至2020年 (cues.tsv) */
  if (jd_cue_before(CUES(x, YEAR_BASE), t, floor, p)) return TM_BASE;
  if (compared_around(x, t, floor, p, end, limit)) return TM_BASE;
  /* 比2015年、2016年、2017年: a year listed after a base year is a base too */
  if (k > 0) {
    const jd_numeral *pv = &g_array_index(nums, jd_numeral, k - 1);
    const jd_lex_entry *j = pv->kind == JD_NUM_YEAR && pv->end >= floor && pv->end < p
                                ? jd_cue_at(CUES(x, PLACE_JOINER), t, p, pv->end)
                                : NULL;
    if (j && pv->end + j->len == p &&
        year_binding(x, t, floor, pv->start, pv->end, limit, nums, k - 1) == TM_BASE)
      return TM_BASE;
  }
  /* 截至2019年3月底，全省…: the date holds for what follows (not 至 of 从A至B) */
  if (jd_cue_before(CUES(x, ASOF_BEFORE), t, floor, p)) return TM_FREE;
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
  size_t q = jd_skip_spaces(t, end, p);
  gboolean front = FALSE;
  /* 1至5月, 6月 read as a date without a year */
  if (a->kind == JD_NUM_DATE && a->year == 0 && a->month > 0 && !a->day && a->start == q) {
    /* 1—13月 is no month range (it was read as January) */
    if (a->month > 12 || (a->is_range && (a->value < 1 || a->value_high > 12 ||
                                          a->value_high < a->value)))
      return 0;
    per->month_from = a->is_range ? (int)a->value : a->month;
    per->month_to = a->is_range ? (int)a->value_high : a->month;
    (*k)++;
    size_t e2 = a->end;
    if (lit_at(t, end, e2, "份")) e2 += 3;
    return e2 - p;
  }
  /* 前5个月, 首4个月, 头8个月 (Hong Kong) */
  if ((lit_at(t, end, q, "前") || lit_at(t, end, q, "首") || lit_at(t, end, q, "头")) &&
      a->start == q + 3)
    front = TRUE;
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
  if (!a->is_range && lit_at(t, end, a->end, "月") && !lit_at(t, end, a->end, "月份以来")) {
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
  size_t q = jd_skip_spaces(t, end, p);
  const jd_lex_entry *e = jd_lex_at(x, JD_LEX_PERIOD, t, q, end);
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

/* 2005年至今年5月, 2016年至去年10月 (per holds the first year; *end is after it):
 * from January of it to that month of a year told relative to now. */
static void year_to_relative_month(jd_extractor *x, const char *t, size_t e, const GArray *nums,
                                   guint *k, int now, jd_period *per, size_t *end)
{
  size_t q = jd_skip_spaces(t, e, *end);
  const jd_lex_entry *j = jd_cue_at(CUES(x, YEAR_JOINER), t, e, q);
  if (!j || !now || per->year_to) return;
  size_t q2 = jd_skip_spaces(t, e, q + j->len);
  const jd_lex_entry *w = jd_lex_at(x, JD_LEX_PERIOD, t, q2, e);
  if (!w || strcmp(w->id, "year") != 0 || now + (int)w->number <= per->year) return;
  jd_period p2 = {0};
  guint kk = *k + 1;
  size_t used = read_months(t, e, q2 + w->len, nums, &kk, &p2);
  if (!used || !p2.month_to) return;
  per->year_to = now + (int)w->number;
  per->month_from = 1;
  per->month_to = p2.month_to;
  *end = q2 + w->len + used;
  *k = kk - 1;
}

/* 2018年至2020年, 2018年以来, 2019年上半年: what follows a year written out,
 * into per; *end and *k (the last numeral used) move past it. */
static void read_after_year(jd_extractor *x, const char *t, size_t e, const GArray *nums,
                            guint *k, int now, jd_period *per, size_t *end)
{
  guint k2 = *k + 1;
  size_t q = jd_skip_spaces(t, e, *end);
  if (jd_cue_at(CUES(x, YEAR_JOINER), t, e, q) && k2 < nums->len) {
    const jd_numeral *m2 = &g_array_index(nums, jd_numeral, k2);
    if (m2->kind == JD_NUM_YEAR && m2->start <= q + 4 && m2->year > per->year) {
      per->year_to = m2->year;
      *end = m2->end;
      *k = k2;
      x->stated_from = per->year;
      x->stated_to = per->year_to;
    }
  }
  year_to_relative_month(x, t, e, nums, k, now, per, end);
  const jd_lex_entry *since = jd_cue_at(CUES(x, SINCE_NOW), t, e, q);
  if (!per->year_to && since) {
    /* 2018年至今, 自2008年以来 in a text that gives no year of its own: one
     * year or many? not known (as 从2018年起至今); 2018年以来 alone reads as this
     * year's */
    size_t y = g_array_index(nums, jd_numeral, *k).start;
    gboolean from_past = since->number == 1 ||
                         jd_cue_before(CUES(x, SINCE_FROM), t, y >= 6 ? y - 6 : 0, y) != NULL;
    /* (nor when it speaks of a later year too: 2013年以来…，…下降至2019年的… is
     * written after 2019, how long after it does not say) */
    if ((from_past && (!now || (!x->ctx.year && !x->ctx.now_year && now == per->year))) ||
        (!now && x->ctx.latest_year > per->year))
      per->year = JD_PERIOD_UNKNOWN_YEAR;
    else
      since_year(x, now, per);
    *end = q + since->len;
  }
  if (!per->year_to && per->year > 0) {
    guint kk = *k + 1;
    size_t used = read_subyear(x, t, e, *end, nums, &kk, per);
    if (used) {
      *end += used;
      *k = kk - 1;
    }
  }
}

/* 自2016年开展会战以来: a year after 自/从 (cues.tsv, since_from) that 以来/至今
 * closes later in the sentence, before the next date: per becomes the span from
 * it to now. */
static gboolean since_from_year(jd_extractor *x, const char *t, size_t s, size_t e,
                                const GArray *nums, guint k, size_t start, size_t end,
                                jd_period *per, int now)
{
  if (per->year <= 0 || per->year_to || per->half || per->quarter || per->month_from ||
      per->to_date || !jd_cue_before(CUES(x, SINCE_FROM), t, s, start))
    return FALSE;
  size_t lim = MIN(e, end + 150);
  /* up to the next date (开展三年大会战以来: a number of no date may come between) */
  for (guint j = k + 1; j < nums->len; j++) {
    const jd_numeral *n = &g_array_index(nums, jd_numeral, j);
    if (n->start >= lim) break;
    if (n->kind == JD_NUM_YEAR || n->kind == JD_NUM_DATE) {
      lim = n->start;
      break;
    }
  }
  if (!jd_cue_find(CUES(x, SINCE_NOW), t, end, lim, NULL)) return FALSE;
  /* 自2008年《禁毒法》实施以来, 自2008年以来 in a text that gives no year of its
   * own: one year or many? not known (the topic year may be this very year) */
  if (!now || (!x->ctx.year && !x->ctx.now_year && now == per->year)) {
    per->year = JD_PERIOD_UNKNOWN_YEAR;
    return TRUE;
  }
  since_year(x, now, per);
  return TRUE;
}

/* 2014年10月至2015年3月, 2019年1月至5月: a month of a year, a joiner (至, 到, —)
 * and a later month of the same or a later year make one span; *end and *k
 * move past it. */
static void read_month_range(jd_extractor *x, const char *t, size_t e, const GArray *nums,
                             guint *k, jd_period *per, size_t *end)
{
  size_t q = jd_skip_spaces(t, e, *end);
  const jd_lex_entry *j = jd_cue_at(CUES(x, YEAR_JOINER), t, e, q);
  if (!j || *k + 1 >= nums->len || !per->month_from) return;
  const jd_numeral *m2 = &g_array_index(nums, jd_numeral, *k + 1);
  /* 2016年11月至2022年: from a month to the end of a later year */
  if (m2->start <= jd_skip_spaces(t, e, q + j->len) && m2->kind == JD_NUM_YEAR && !m2->is_range &&
      per->year > 0 && m2->year > per->year && m2->year - per->year <= 30) {
    per->year_to = m2->year;
    per->month_to = 12;
    *end = m2->end;
    (*k)++;
    return;
  }
  /* 2014年10月至今年3月底: the later month's year told relative to now */
  size_t q2 = jd_skip_spaces(t, e, q + j->len);
  const jd_lex_entry *w = jd_lex_at(x, JD_LEX_PERIOD, t, q2, e);
  int rel_year = 0;
  if (w && strcmp(w->id, "year") == 0 && current_year_of(x)) {
    rel_year = current_year_of(x) + (int)w->number;
    q2 = jd_skip_spaces(t, e, q2 + w->len);
  }
  if (m2->start > q2 || m2->kind != JD_NUM_DATE || !m2->month || m2->day || m2->is_range ||
      (rel_year && m2->year))
    return;
  int year2 = m2->year ? m2->year : rel_year ? rel_year : per->year;
  if (year2 < per->year || (year2 == per->year && m2->month <= per->month_from)) return;
  if (year2 > per->year) per->year_to = year2;
  per->month_to = m2->month;
  *end = m2->end;
  (*k)++;
}

/* 2023年10月以来 (per holds 2023-10): from that month to the document's month
 * (2023-10/2024-06). A document of a later year whose month is not known: the
 * years it runs over (2023/2024); of that very year: a part of it (2023, span
 * months). An undated text (2021年6月至今): one month or many, one year or many?
 * not known, as 自2008年以来 in such a text. */
static void since_month(jd_extractor *x, const char *t, size_t e, jd_period *per, size_t *end)
{
  size_t q = jd_skip_spaces(t, e, *end);
  const jd_lex_entry *since = jd_cue_at(CUES(x, SINCE_NOW), t, e, q);
  if (!since || per->year_to || per->month_to != per->month_from) return;
  *end = q + since->len;
  int y = current_year_of(x), mo = x->ctx.month;
  if (y > per->year && mo) {
    per->year_to = y;
    per->month_to = mo;
  } else if (y == per->year && mo > per->month_from) {
    per->month_to = mo;
  } else if (!y) {
    per->year = JD_PERIOD_UNKNOWN_YEAR;
  } else if (y > per->year && !mo) {
    per->year_to = y;
    per->month_from = per->month_to = 0;
  } else if (y == per->year && !mo) {
    per->month_from = per->month_to = 0;
    per->to_date = TRUE;
  } else if (y >= per->year) {
    per->to_date = TRUE;
  }
}

/* 2023年9月全省开展…行动以来 (per holds 2023-09, no 以来 right after it): the
 * 以来 that closes the clause (before a comma or the next dated numeral) makes
 * the span from that month to now, as since_month. TRUE when it did. */
static gboolean since_month_later(jd_extractor *x, const char *t, size_t e, const GArray *nums,
                                  guint k, jd_period *per, size_t end)
{
  if (per->year <= 0 || per->year_to || per->to_date || per->month_to != per->month_from)
    return FALSE;
  size_t lim = jd_clause_end_after(t, e, end);
  for (guint j = k + 1; j < nums->len; j++) {
    const jd_numeral *n = &g_array_index(nums, jd_numeral, j);
    if (n->start >= lim) break;
    if (n->kind == JD_NUM_YEAR || (n->kind == JD_NUM_DATE && n->year)) return FALSE;
  }
  size_t at;
  if (!jd_since_closes_clause(CUES(x, SINCE_NOW), t, e, end, &at)) return FALSE;
  size_t after = at;
  since_month(x, t, e, per, &after);
  return per->month_to != per->month_from || per->year_to || per->to_date;
}

/* 10月7日至10月26日, 6月1日—7月31日, 5月9日至28日: a range of days (m is nums[k]) is the months
 * it runs over; TRUE with *k on the last date and per's months set. */
static gboolean day_range(jd_extractor *x, const char *t, size_t e, const GArray *nums, guint *k,
                          const jd_numeral *m, jd_period *per, size_t *end)
{
  if (m->kind != JD_NUM_DATE || !m->month || !m->day || m->month > 12 || *k + 1 >= nums->len)
    return FALSE;
  size_t q = jd_skip_spaces(t, e, m->end);
  const jd_lex_entry *j = jd_cue_at(CUES(x, YEAR_JOINER), t, e, q);
  if (!j) return FALSE;
  const jd_numeral *m2 = &g_array_index(nums, jd_numeral, *k + 1);
  /* 5月9日至28日: a day of the same month */
  gboolean day_only = m2->start == jd_skip_spaces(t, e, q + j->len) && !m2->month && !m2->year &&
                      ((m2->kind == JD_NUM_DATE && m2->day > m->day) ||
                       (m2->kind == JD_NUM_NUMBER && m2->value > m->day && m2->value <= 31 &&
                        jd_has_prefix_at(t, e, m2->end, "日")));
  if (day_only) {
    per->month_from = per->month_to = m->month;
    *end = m2->end + (m2->kind == JD_NUM_NUMBER ? strlen("日") : 0);
    (*k)++;
    return TRUE;
  }
  if (m2->start != jd_skip_spaces(t, e, q + j->len) || m2->kind != JD_NUM_DATE || !m2->month ||
      !m2->day || m2->month > 12 || m2->month < m->month || (m2->year && m2->year != m->year))
    return FALSE;
  per->month_from = m->month;
  per->month_to = m2->month;
  *end = m2->end;
  (*k)++;
  return TRUE;
}

/* A marker for the year or date m (nums[k]) of the sentence t[s, e): a range of
 * years, a year and what follows it, a month of a year (截至2019年5月; 12月底 is
 * the year's end). Returns the index of the last numeral used. */
static guint year_marker(jd_extractor *x, const char *t, size_t s, size_t e, const GArray *nums,
                         guint k, const jd_numeral *m, int now, GArray *out)
{
  jd_period per = {0};
  per.year = m->year;
  size_t end = m->end;
  gboolean month_later = FALSE;
  if (m->kind == JD_NUM_YEAR && m->is_range && m->value_high > m->value) {
    per.year_to = (int)m->value_high;
  } else if (m->kind == JD_NUM_YEAR) {
    read_after_year(x, t, e, nums, &k, now, &per, &end);
  } else if (day_range(x, t, e, nums, &k, m, &per, &end)) {
    /* 2025年10月7日至10月26日: October */
  } else if (m->kind == JD_NUM_DATE && m->month && !m->day) {
    if (!(m->month == 12 && jd_cue_at(CUES(x, YEAR_END), t, e, m->end))) {
      per.month_from = per.month_to = m->month;
      read_month_range(x, t, e, nums, &k, &per, &end);
      since_month(x, t, e, &per, &end);
      month_later = since_month_later(x, t, e, nums, k, &per, end);
    }
  }
  tm_binding b = year_binding(x, t, s, m->start, end, e, nums, k);
  const char *why = "a year written out";
  if (month_later) {
    b = TM_FREE;
    why = "a span from a month to now (…开展…以来)";
  }
  /* 自2018年以来: the span holds for what follows, not the next number only */
  if (end > m->end && jd_cue_before(CUES(x, SINCE_NOW), t, m->end, end) &&
      jd_cue_before(CUES(x, SINCE_FROM), t, s, m->start))
    b = TM_FREE;
  if (since_from_year(x, t, s, e, nums, k, m->start, end, &per, now)) {
    b = TM_FREE;
    why = "a span from a year to now (自…以来)";
  }
  /* 延续了自2015年以来的下降趋势, 为2010年以来最低: the span qualifies a trend
   * or a record (cues.tsv since_attr); it sets no period */
  if (end > m->end && jd_cue_before(CUES(x, SINCE_NOW), t, m->end, end)) {
    size_t a = jd_skip_spaces(t, e, end);
    if (lit_at(t, e, a, "的")) a += strlen("的");
    size_t lim = a, at;
    for (int i = 0; i < 6 && lim < e; i++) {
      size_t nx;
      if (jd_is_punct(jd_char_at(t, e, lim, &nx))) break;
      lim = nx;
    }
    const jd_lex_entry *w = jd_cue_find(CUES(x, SINCE_ATTR), t, a, lim, &at);
    if (w) return k;
  }
  add_tmark(out, m->start, end, per, b, FALSE, why);
  /* 比起2020年全年: the base is the whole year, and 全年 is the base's, not a
   * period of its own */
  time_marker *added = &g_array_index(out, time_marker, out->len - 1);
  size_t w = jd_skip_spaces(t, e, end);
  const jd_lex_entry *whole = (unsigned char)t[w] >= 0xE0 ? jd_lex_at(x, JD_LEX_PERIOD, t, w, e) : NULL;
  if (whole && strcmp(whole->id, "whole") != 0) whole = NULL;
  added->whole_year = b == TM_BASE && !per.year_to && !per.month_from && whole;
  if (added->whole_year) added->end = w + whole->len;
  return k;
}

/* Months of the year (1至5月, 6月, 前5个月) starting at the numeral nums[k]; returns
 * the index of the last numeral used. */
static guint months_marker(jd_extractor *x, const char *t, size_t s, size_t e,
                           const GArray *nums, guint k, GArray *out)
{
  const jd_numeral *m = &g_array_index(nums, jd_numeral, k);
  jd_period per = {0};
  guint kk = k;
  /* 前10个月，全市…: the first months of the year spoken of, as after 今年 */
  size_t from = m->start;
  if (m->start >= s + 3 && (lit_before(t, s, m->start, "前") || lit_before(t, s, m->start, "首") ||
                            lit_before(t, s, m->start, "头")))
    from = m->start - 3;
  size_t used = read_months(t, e, from, nums, &kk, &per);
  if (!used && from < m->start) used = read_months(t, e, from = m->start, nums, &kk, &per);
  if (!used) return k;
  used -= m->start - from;
  /* 判处六月以下有期徒刑, 刑期逾六月至一年: a length of time, no month of the
   * year (cues.tsv duration_after, duration_before) */
  if (per.month_from == per.month_to &&
      (jd_cue_at(CUES(x, DURATION_AFTER), t, e, m->start + used) ||
       jd_cue_before(CUES(x, DURATION_BEFORE), t, s, m->start)))
    return kk - 1;
  /* 1月至8月: a range of months written with 月 twice */
  if (per.month_from == per.month_to) {
    guint last = kk - 1;
    size_t end = m->start + used;
    read_month_range(x, t, e, nums, &last, &per, &end);
    kk = last + 1;
    used = end - m->start;
  }
  /* 今年统计到8月: January to August */
  if (per.month_from == per.month_to && jd_cue_before(CUES(x, MONTHS_TO), t, s, m->start))
    per.month_from = 1;
  add_tmark(out, from, m->start + used, per, TM_FREE, TRUE, "months of the year");
  return kk - 1;
}

/* 至6月20日止: a day of a month between 至 (cues.tsv year_joiner) and 止 (span_close) */
static gboolean to_day_closing(jd_extractor *x, const char *t, size_t s, size_t e, const jd_numeral *n)
{
  return n->kind == JD_NUM_DATE && n->month && n->day &&
         jd_cue_at(CUES(x, SPAN_CLOSE), t, e, n->end) &&
         jd_cue_before(CUES(x, YEAR_JOINER), t, s, n->start);
}

/* 自今年5月开始…，至6月20日止 (per holds 2010-05; n is the next numeral, after end):
 * the span runs to that day's month. TRUE when it did. */
static gboolean month_to_day_closing(jd_extractor *x, const char *t, size_t s, size_t e,
                                     const jd_numeral *n, jd_period *per, size_t end)
{
  if (per->year <= 0 || per->year_to || per->month_from != per->month_to || n->start < end ||
      n->start > end + 150 || n->month <= per->month_from || (n->year && n->year != per->year) ||
      !to_day_closing(x, t, s, e, n))
    return FALSE;
  per->month_to = n->month;
  return TRUE;
}

/* 今年5月开始，…开展专项行动。至6月20日止，…共破获…: a sentence that opens with a
 * day between 至 and 止 closes the month the paragraph opened (its period, one month
 * of the same year) */
static gboolean closing_day_of_paragraph(jd_extractor *x, const char *t, size_t s, size_t e,
                                         const jd_numeral *m, GArray *out)
{
  const jd_period *pp = &x->para_period;
  if (!to_day_closing(x, t, s, e, m) || pp->year <= 0 || pp->year_to || !pp->month_from ||
      pp->month_from != pp->month_to || pp->asof || m->month <= pp->month_from ||
      (m->year && m->year != pp->year))
    return FALSE;
  const jd_lex_entry *j = jd_cue_at(CUES(x, YEAR_JOINER), t, e, jd_skip_spaces(t, e, s));
  if (!j || jd_skip_spaces(t, e, jd_skip_spaces(t, e, s) + j->len) != m->start) return FALSE;
  jd_period per = *pp;
  per.month_to = m->month;
  add_tmark(out, m->start, m->end, per, TM_FREE, FALSE, "a span from the paragraph's month to a day (至…止)");
  return TRUE;
}

/* 截至1月21日 in a document dated 2015-01-23 whose sentence names no year before
 * it: the last such day up to the document's date (2015, or the year before for a
 * day after the date); 0 when the document gives no month or the sentence a year. */
static int asof_year_of_dated(const jd_extractor *x, const GArray *nums, guint k,
                              const jd_numeral *m)
{
  if (!x->ctx.year || !x->ctx.month || !m->day) return 0;
  for (guint j = 0; j < k && j < nums->len; j++) {
    const jd_numeral *n = &g_array_index(nums, jd_numeral, j);
    if (n->start >= x->sent_start && (n->kind == JD_NUM_YEAR || n->kind == JD_NUM_DATE) && n->year)
      return 0;
  }
  gboolean later = m->month > x->ctx.month ||
                   (m->month == x->ctx.month && x->ctx.day && m->day > x->ctx.day);
  return later ? x->ctx.year - 1 : x->ctx.year;
}

/* 截至9月25日, 自3月20日…以来, 自今年3月开展专项行动以来: a day (or, after 自, a
 * month) of the year that bounds a span. 截至 a day is read as 截至 its month's
 * end (a state then, or what was done by then: never the whole year); 自 a day or
 * month closed by 以来 runs from its month to a 截至 date later in the sentence,
 * else to the document's month, else to a month the document does not give.
 * Returns TRUE with *k on the last numeral used when m is such a date. */
static gboolean bounding_date_marker(jd_extractor *x, const char *t, size_t s, size_t e,
                                     const GArray *nums, guint *k, const jd_numeral *m, int now,
                                     GArray *out)
{
  if (m->kind != JD_NUM_DATE || !m->month || m->month > 12) return FALSE;
  size_t p0 = m->start;
  if (m->year == 0 && (lit_before(t, s, p0, "今年") || lit_before(t, s, p0, "本年")))
    p0 -= strlen("今年");
  gboolean asof = m->day && jd_cue_before(CUES(x, ASOF_BEFORE), t, s, p0) != NULL;
  gboolean since = FALSE;
  size_t lim = MIN(e, m->end + 150), until = m->end;
  guint last = *k;
  if (!asof && jd_cue_before(CUES(x, SINCE_FROM), t, s, p0)) {
    /* closed by 以来 before the next date; a 截至 day after it ends the span */
    for (guint j = *k + 1; j < nums->len; j++) {
      const jd_numeral *n = &g_array_index(nums, jd_numeral, j);
      if (n->start >= lim) break;
      if (n->kind == JD_NUM_YEAR || n->kind == JD_NUM_DATE) {
        lim = n->start;
        break;
      }
    }
    size_t at;
    since = jd_cue_find(CUES(x, SINCE_NOW), t, m->end, lim, &at) != NULL;
    /* 从2014年10月至今年3月底: 至 and a month of this year, not 至今 */
    if (since && lit_at(t, e, at, "至今年") && *k + 1 < nums->len &&
        g_array_index(nums, jd_numeral, *k + 1).start == jd_skip_spaces(t, e, at + strlen("至今年")))
      since = FALSE;
    /* 自今年5月开始…，至6月20日止: a later day between 至 and 止 closes it */
    if (!since && *k + 1 < nums->len && to_day_closing(x, t, s, e, &g_array_index(nums, jd_numeral, *k + 1)) &&
        g_array_index(nums, jd_numeral, *k + 1).start == lim)
      since = TRUE;
  }
  if (!asof && !since) return closing_day_of_paragraph(x, t, s, e, m, out);
  jd_period per = {0};
  per.year = m->year > 1900 ? m->year : 0;
  if (asof && !per.year) per.year = asof_year_of_dated(x, nums, *k, m);
  per.month_from = per.month_to = m->month;
  if (since) {
    const jd_numeral *n = lim < e && *k + 1 < nums->len ? &g_array_index(nums, jd_numeral, *k + 1) : NULL;
    int year = per.year ? per.year : now;
    int mo = date_month_of(x, year);
    if (n && n->start == lim && n->kind == JD_NUM_DATE && n->month > m->month &&
        (!n->year || n->year == year) &&
        (jd_cue_before(CUES(x, ASOF_BEFORE), t, s, n->start) || to_day_closing(x, t, s, e, n))) {
      per.month_to = n->month;
      until = n->end;
      last = *k + 1;
    } else if (!now && per.year) {
      /* …in a text that gives no date of its own: to when, not known */
      memset(&per, 0, sizeof per);
      per.year = JD_PERIOD_UNKNOWN_YEAR;
    } else if (now && year < now) {
      /* 自2008年6月1日禁毒法实施以来 (said in 2015): years, to the document's
       * month when it gives one */
      per.year_to = now;
      if (x->ctx.month) per.month_to = x->ctx.month;
      else per.month_from = per.month_to = 0;
    } else if (mo > m->month) {
      per.month_to = mo;
    } else {
      per.to_date = TRUE;
    }
  }
  add_tmark(out, m->start, until, per, TM_FREE, per.year == 0,
            since ? "a span from a month to a later date (自…以来)" : "a state or total at a day (截至)");
  *k = last;
  return TRUE;
}

/* 十年破获毒品犯罪案件107万起, 五年共缴获…: a number of years (2 or more) right
 * before a count's verb (after a plain word such as 共) is a span of years
 * ending now, as 十年来 is. */
static gboolean span_then_verb(jd_extractor *x, const char *t, size_t e, const jd_numeral *m,
                               const char *unit)
{
  if (m->value < 2 || !lit_at(t, e, m->end, unit)) return FALSE;
  size_t p = m->end + strlen(unit);
  for (int k = 0; k < 2; k++) {
    const jd_lex_entry *v = jd_lex_at(x, JD_LEX_METRIC, t, p, e);
    if (v && (v->number == JD_ROLE_VERB ||
              (v->number == JD_ROLE_PHRASE && jd_cue_at(CUES(x, CASE_VERB), t, e, p))))
      return TRUE; /* 3年查获吸毒人员: a phrase that opens with a verb of finding */
    const jd_lex_entry *w = jd_cue_at(CUES(x, PLAIN_MODIFIER), t, e, p);
    if (!w) return FALSE;
    p += w->len; /* 共, 累计 */
  }
  return FALSE;
}

static gboolean years_then_verb(jd_extractor *x, const char *t, size_t e, const jd_numeral *m)
{
  return span_then_verb(x, t, e, m, "年");
}

/* Whether the character at t[p] is a digit written one by one (0-9, 〇○零
 * 一…九); *zero when it is a zero. Its length, else 0. */
static size_t one_digit_at(const char *t, size_t e, size_t p, gboolean *zero)
{
  static const char *const cn[] = {"〇", "○", "零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (p < e && t[p] >= '0' && t[p] <= '9') {
    *zero = t[p] == '0';
    return 1;
  }
  for (guint i = 0; i < G_N_ELEMENTS(cn); i++)
    if (lit_at(t, e, p, cn[i])) {
      *zero = i < 3;
      return strlen(cn[i]);
    }
  return 0;
}

/* 一八年, ○九年, 09年: a year written with its last two digits, one by one
 * (not 十八年, a length of time, nor 18年, which may be one; not 三五年, 一二年,
 * a vague number of years, read as a range). The year, or 0. */
static int two_digit_year(jd_extractor *x, const char *t, size_t e, const jd_numeral *m, int now)
{
  if (m->kind != JD_NUM_NUMBER || m->is_range || m->value < 0 || m->value > 99 ||
      m->digits_start != m->start || !lit_at(t, e, m->digits_end, "年") ||
      jd_cue_at(CUES(x, NOT_ROC_YEAR), t, e, m->digits_end))
    return 0;
  gboolean z1 = FALSE, z2 = FALSE;
  size_t a = one_digit_at(t, e, m->digits_start, &z1);
  size_t b = a ? one_digit_at(t, e, m->digits_start + a, &z2) : 0;
  if (!a || !b || m->digits_start + a + b != m->digits_end) return 0;
  gboolean arabic = t[m->digits_start] >= '0' && t[m->digits_start] <= '9';
  if (arabic && !z1) return 0; /* 18年 */
  int v = (int)m->value;
  int century = now > 0 ? (2000 + v <= now + 1 ? 2000 : 1900) : (v <= 30 ? 2000 : 1900);
  return century + v;
}

/* 近9个月 (said in June 2024): the months that end with the document's month
 * (2023-10/2024-06); a span of months not known without that month. */
static void months_ending_now(jd_extractor *x, int n, size_t pos, size_t end, GArray *out)
{
  jd_period per = {0};
  int y = current_year_of(x), mo = x->ctx.month;
  if (y > 0 && mo > 0) {
    int from = mo - n + 1, fy = y;
    while (from < 1) {
      from += 12;
      fy--;
    }
    per.year = fy;
    per.month_from = from;
    per.month_to = mo;
    if (fy < y) per.year_to = y;
  } else {
    per.year = JD_PERIOD_UNKNOWN_YEAR;
  }
  add_tmark(out, pos, end, per, TM_FREE, FALSE, "a span of months ending now (近N个月, 半年来)");
}

static guint near_months(jd_extractor *x, const jd_numeral *m, guint k, GArray *out)
{
  months_ending_now(x, (int)m->value, m->start, m->end + 6, out);
  return k;
}

/* The marker the numeral nums[k] of the sentence t[s, e) starts, if any: a year
 * or date (民国111年 too), months of the year, or a span of years ending now
 * (五年来, 近3年). Returns the index of the last numeral used. */
static guint numeral_marker(jd_extractor *x, const char *t, size_t s, size_t e,
                            const GArray *nums, guint k, int now, GArray *out)
{
  const jd_numeral *m = &g_array_index(nums, jd_numeral, k);
  jd_numeral minguo;
  int roc = jd_roc_year_at(x->lx, t, e, m, x->ctx.roc);
  if (!roc) roc = two_digit_year(x, t, e, m, now);
  if (roc) {
    /* 民国111年, or 111年 in a document about Taiwan: 2022; 一八年: 2018 */
    minguo = *m;
    minguo.kind = JD_NUM_YEAR;
    minguo.year = roc;
    minguo.end += 3;
    m = &minguo;
  }
  if (bounding_date_marker(x, t, s, e, nums, &k, m, now, out)) return k;
  if ((m->kind == JD_NUM_YEAR || m->kind == JD_NUM_DATE) && m->year > 1900)
    return year_marker(x, t, s, e, nums, k, m, now, out);
  if (m->kind == JD_NUM_DATE && m->year == 0 && m->month > 0 && !m->day)
    return months_marker(x, t, s, e, nums, k, out);
  jd_period days = {0};
  size_t days_end = 0;
  if (m->kind == JD_NUM_DATE && m->year == 0 && day_range(x, t, e, nums, &k, m, &days, &days_end)) {
    add_tmark(out, m->start, days_end, days, TM_FREE, TRUE, "a range of days");
    return k;
  }
  if (m->kind != JD_NUM_NUMBER || m->is_range || m->value < 1 || m->value > 30 ||
      m->value != floor(m->value))
    return k;
  gboolean near_word = jd_cue_before(CUES(x, SPAN_NEAR), t, s, m->digits_start) != NULL;
  /* 这一年龄段 is an age group, not a year */
  gboolean age = lit_at(t, e, m->end, "年龄");
  if ((jd_cue_at(CUES(x, SPAN_YEARS), t, e, m->end) || (near_word && lit_at(t, e, m->end, "年") && !age) ||
       years_then_verb(x, t, e, m)) &&
      now) {
    jd_period per = {0};
    /* a speech or summary of January to March looks back on the year that
     * just ended: 一年来 (said in February 2020) is 2019 */
    gboolean early = x->ctx.month >= 1 && x->ctx.month <= EARLY_IN_YEAR_MONTHS;
    int end_year = early ? now - 1 : now;
    per.year = end_year - (int)m->value + 1;
    per.year_to = end_year;
    /* 2013年至2022年，…。十年来 (said in 2023): those ten years */
    gboolean stated = x->stated_to == end_year - 1 && x->stated_to - x->stated_from + 1 == (int)m->value;
    if (stated) {
      per.year = x->stated_from;
      per.year_to = x->stated_to;
    } else if (!x->stated_to && x->ctx.span_to == end_year - 1 &&
               x->ctx.span_to - x->ctx.span_from + 1 == (int)m->value) {
      /* 十年破获…107万起 (a title), then 2013年至2022年，…: the span written out after it */
      stated = TRUE;
      per.year = x->ctx.span_from;
      per.year_to = x->ctx.span_to;
    }
    if (early && m->value == 1 && !x->ctx.topic_year) x->review_year = end_year;
    /* 近一年共缴毒14.1吨 (said in June 2014): the twelve months up to the document's month */
    int mo = x->ctx.month;
    if (!stated && !early && m->value == 1 && near_word && lit_at(t, e, m->end, "年") &&
        !jd_cue_at(CUES(x, SPAN_YEARS), t, e, m->end) && mo >= 2 && mo <= 10) {
      per.year = now - 1;
      per.month_from = mo + 1;
      per.year_to = now;
      per.month_to = mo;
    }
    add_tmark(out, m->start, m->end + 6, per, TM_FREE, FALSE,
              stated  ? "the span of as many years written out before it"
              : early ? "a span of years ending with the year before the document's (dated early "
                        "in the year)"
                      : "a span of years ending now");
    return k;
  }
  /* 广西前4个月破获…, 首5个月 (no year before it): January to that month of the
   * year in force, not the months ending now */
  if ((lit_before(t, s, m->start, "前") || lit_before(t, s, m->start, "首")) &&
      lit_at(t, e, m->end, "个月") && m->value <= 12) {
    jd_period front = {0};
    front.month_from = 1;
    front.month_to = (int)m->value;
    add_tmark(out, m->start, m->end + strlen("个月"), front, TM_FREE, TRUE, "the first months of the year");
    return k;
  }
  /* 近9个月; 29个月共批捕…: months ending now */
  /* 近9个月, 5个多月来 */
  gboolean months_back = near_word || lit_at(t, e, m->end, "个月来") || lit_at(t, e, m->end, "个多月来");
  if ((months_back && (lit_at(t, e, m->end, "个月") || lit_at(t, e, m->end, "个多月")) && m->value <= 24) ||
      (span_then_verb(x, t, e, m, "个月") && m->value <= 60))
    return near_months(x, m, k, out);
  return months_marker(x, t, s, e, nums, k, out);
}

/* A placeholder year at p (XX年, __年, 某年, ××年): its marker; returns where it
 * ends, or 0. */
static size_t placeholder_year(const char *t, size_t e, size_t p, GArray *out)
{
  unsigned char b0 = (unsigned char)t[p];
  if (!(b0 == '_' || b0 == 'X' || b0 == 'x' || lit_at(t, e, p, "某") || lit_at(t, e, p, "×")))
    return 0;
  size_t q = p;
  while (q < e && (t[q] == '_' || t[q] == 'X' || t[q] == 'x' || t[q] == ' ')) q++;
  while (lit_at(t, e, q, "某") || lit_at(t, e, q, "×")) q += lit_at(t, e, q, "某") ? 3 : 2;
  if (q <= p || !lit_at(t, e, q, "年")) return 0;
  jd_period per = {JD_PERIOD_UNKNOWN_YEAR, 0, 0, 0, 0, 0, FALSE, FALSE};
  add_tmark(out, p, q + 3, per, TM_FREE, FALSE, "a placeholder year");
  return q + 3;
}

/* The period a period word names (periods.tsv: year, prev, half, quarter,
 * months, span, since, ytd), with *relative set when its year comes from the
 * context and *b = TM_PREV for 上年. */
static jd_period period_of_word(const jd_extractor *x, const jd_lex_entry *w, int now,
                                gboolean *relative, tm_binding *b)
{
  jd_period per = {0};
  int arg = (int)w->number;
  if (!strcmp(w->id, "year")) {
    /* 今年/去年/前年 count from the document's date, else from the year
     * it is about (2019年禁毒工作总结); without either they stay unknown */
    per.year = now ? now + arg : JD_PERIOD_UNKNOWN_YEAR;
  } else if (!strcmp(w->id, "prev")) {
    *b = TM_PREV;
  } else if (!strcmp(w->id, "half")) {
    per.half = arg;
    *relative = TRUE;
  } else if (!strcmp(w->id, "quarter")) {
    per.quarter = arg;
    *relative = TRUE;
  } else if (!strcmp(w->id, "months")) {
    sscanf(w->arg, "%d/%d", &per.month_from, &per.month_to);
    *relative = TRUE;
  } else if (!strcmp(w->id, "span")) {
    sscanf(w->arg, "%d/%d", &per.year, &per.year_to);
  } else if (!strcmp(w->id, "since")) {
    if (now) {
      per.year = now + arg;
      per.year_to = now;
    } else {
      per.year = JD_PERIOD_UNKNOWN_YEAR;
    }
  } else if (!strcmp(w->id, "whole")) {
    /* 全年: the whole of the year spoken of (its year is the period's in force) */
    *relative = TRUE;
  } else if (!strcmp(w->id, "from")) {
    /* 党的十八大以来 (from 2013): to now, or to the year before when the text
     * is dated early in a year (a look back) */
    gboolean early = x->ctx.month >= 1 && x->ctx.month <= EARLY_IN_YEAR_MONTHS;
    int end = now ? (early ? now - 1 : now) : 0;
    if (end > arg) {
      per.year = arg;
      per.year_to = end;
    } else {
      per.year = JD_PERIOD_UNKNOWN_YEAR;
    }
  } else if (!strcmp(w->id, "ytd")) {
    per.year = now ? now : JD_PERIOD_UNKNOWN_YEAR;
    int mo = date_month_of(x, now);
    if (mo > 1) {
      per.month_from = 1;
      per.month_to = mo;
    } else if (now) {
      per.to_date = TRUE; /* January to a month the document does not give */
    }
  }
  return per;
}

/* 目前, 现有, 截至目前 (periods.tsv, now) at p: a state at the document's date,
 * when that date is known to the month and falls inside the year the document
 * is about (a stock at mid-year; a year-end state keeps its year), and no
 * period was named before it in the paragraph. Returns where it ends. */
static size_t now_marker(jd_extractor *x, const char *t, const jd_lex_entry *w, size_t p,
                         GArray *out)
{
  int now = current_year_of(x);
  int mo = date_month_of(x, now);
  /* 今年截至目前, 今（114）年截至目前: this year up to the document's month, as
   * 截至6月 (asof) */
  time_marker *y = out->len ? &g_array_index(out, time_marker, out->len - 1) : NULL;
  if (y && y->binding == TM_FREE && y->period.year == now && now > 0 && !y->period.year_to &&
      !y->period.half && !y->period.quarter && !y->period.month_from && !y->period.to_date &&
      !y->period.asof && mo && jd_skip_spaces(t, p, y->end) + 3 >= p) {
    y->period.month_from = y->period.month_to = mo;
    y->period.asof = TRUE;
    y->end = p + w->len;
    return p + w->len;
  }
  /* 从2016年底的8.3‰降至目前的0.58‰: now belongs to the next number only */
  if (now > 0 && jd_cue_before(CUES(x, YEAR_BOUND), t, back(0, p, 12), p) &&
      lit_at(t, p + w->len + 3, p + w->len, "的")) {
    jd_period per = {0};
    per.year = now;
    if (mo && mo != 12) {
      per.month_from = per.month_to = mo;
      per.asof = TRUE;
    }
    add_tmark(out, p, p + w->len + strlen("的"), per, TM_BOUND, FALSE, w->surface);
    g_array_index(out, time_marker, out->len - 1).deictic = TRUE;
    return p + w->len;
  }
  /* 从2006年开始举办…，目前有73个: in a text that gives no date and no year
   * of its own, now is not a year it names */
  if (!now && !x->para_period.year && !x->carry.year) {
    jd_period none = {0};
    none.year = JD_PERIOD_UNKNOWN_YEAR;
    add_tmark(out, p, p + w->len, none, TM_FREE, FALSE, w->surface);
    g_array_index(out, time_marker, out->len - 1).deictic = TRUE;
    return p + w->len;
  }
  if (!mo || mo == 12 || (x->ctx.topic_year && x->ctx.topic_year != now)) return p + w->len;
  /* a period named in the paragraph (上半年，…。全市现有…) holds — not a span of
   * years (…以来累计收治…；…，目前在册…: the state now) */
  gboolean para_span = x->para_period.year_to || x->para_period.to_date;
  if ((x->para_period.year && !para_span) || x->carry.year) return p + w->len;
  for (guint i = 0; i < out->len; i++) {
    const time_marker *o = &g_array_index(out, time_marker, i);
    /* …以来累计收治…，目前在所…: a span up to now does not hold for the state now */
    gboolean span_to_now = o->period.year_to || o->period.to_date;
    if (o->pos < p && o->binding == TM_FREE && !span_to_now) return p + w->len;
  }
  jd_period per = {0};
  per.year = now;
  per.month_from = per.month_to = mo;
  per.asof = TRUE;
  add_tmark(out, p, p + w->len, per, TM_FREE, FALSE, w->surface);
  g_array_index(out, time_marker, out->len - 1).deictic = TRUE;
  return p + w->len;
}

/* 去年10月至今年3月, 去年10月至12月: a month of a relative year, a joiner and a later
 * month (of a later relative year, or of the same year) make one span; returns
 * where it ends (end when nothing follows). */
static size_t relative_month_range(jd_extractor *x, const char *t, size_t e, const GArray *nums,
                                   int now, jd_period *per, size_t end)
{
  size_t q = jd_skip_spaces(t, e, end);
  const jd_lex_entry *j = jd_cue_at(CUES(x, YEAR_JOINER), t, e, q);
  if (!j || per->year <= 0 || !per->month_from) return end;
  size_t q2 = jd_skip_spaces(t, e, q + j->len);
  const jd_lex_entry *w2 = jd_lex_at(x, JD_LEX_PERIOD, t, q2, e);
  jd_period p2 = {0};
  p2.year = per->year;
  size_t from = q2;
  if (w2 && !strcmp(w2->id, "year") && now) {
    p2.year = now + (int)w2->number;
    from = q2 + w2->len;
  }
  guint kk = 0;
  while (kk < nums->len && g_array_index(nums, jd_numeral, kk).start < from) kk++;
  size_t used = read_months(t, e, from, nums, &kk, &p2);
  if (!used || !p2.month_to || p2.month_to != p2.month_from) return end;
  if (p2.year < per->year || (p2.year == per->year && p2.month_to <= per->month_from)) return end;
  if (p2.year > per->year) per->year_to = p2.year;
  per->month_to = p2.month_to;
  return from + used;
}

/* Whether a numeral of nums starts within n bytes after p, with no
 * punctuation before it. */
static gboolean number_soon_after(const char *t, size_t e, const GArray *nums, size_t p, size_t n)
{
  for (guint i = 0; i < nums->len; i++) {
    const jd_numeral *m = &g_array_index(nums, jd_numeral, i);
    if (m->start < p) continue;
    if (m->start > p + n || m->start >= e) return FALSE;
    for (size_t q = p; q < m->start; q = jd_next_char(t, m->start, q))
      if (jd_is_punct(jd_char_at(t, m->start, q, NULL))) return FALSE;
    return TRUE;
  }
  return FALSE;
}

/* The marker of the period word w at p of the sentence t[s, e); returns where
 * it ends. After 比/与… it is the comparison base (比去年, 与上年相比, read as
 * 同比 by find_kind; 较去年同期的4963人: the number after 的 is the base's
 * value). */
/* “十四五”以来 (a plan's years, then 以来): from its first year to now, not to
 * its last; returns where the marker ends. */
static size_t span_to_now(jd_extractor *x, const char *t, size_t e, int now, jd_period *per,
                          size_t end)
{
  size_t q = end;
  if (jd_has_prefix_at(t, e, q, "”")) q += strlen("”");
  else if (jd_has_prefix_at(t, e, q, "\"")) q += 1;
  const jd_lex_entry *since = jd_cue_at(CUES(x, SINCE_NOW), t, e, q);
  if (!since || per->year <= 0 || !per->year_to) return end;
  if (!now) {
    per->year = JD_PERIOD_UNKNOWN_YEAR; /* to a year the text does not give */
    per->year_to = 0;
  } else if (now < per->year_to && now > per->year) {
    per->year_to = now;
  } else if (now == per->year) {
    per->year_to = 0;
  }
  return q + since->len;
}

static size_t period_word_marker(jd_extractor *x, const char *t, size_t s, size_t e,
                                 const GArray *nums, int now, const jd_lex_entry *w, size_t p,
                                 GArray *out)
{
  if (!strcmp(w->id, "now")) return now_marker(x, t, w, p, out);
  if (!strcmp(w->id, "back")) { /* 半年来: the months that end with the document's */
    months_ending_now(x, (int)w->number, p, p + w->len, out);
    return p + w->len;
  }
  const jd_lex_entry *cmp = !strcmp(w->id, "year") || !strcmp(w->id, "prev")
                               ? jd_cue_before(CUES(x, PERIOD_COMPARE), t, s, p)
                               : NULL;
  /* 是去年的5.2倍: 是 compares only with 的 after the period word (extra) */
  gboolean compared = cmp && (!*cmp->extra || lit_at(t, e, p + w->len, cmp->extra));
  if (compared && (!strcmp(w->id, "prev") || w->number == -1)) {
    /* 相较去年查获的9441公斤: a governing verb between the year and 的;
     * 相较去年查获犯嫌54人: and a short noun before the number */
    size_t q = p + w->len;
    const jd_lex_entry *v = jd_lex_at(x, JD_LEX_METRIC, t, q, e);
    gboolean to_number = FALSE;
    if (v && v->number == JD_ROLE_VERB && lit_at(t, e, q + v->len, "的")) q += v->len;
    else if (v && v->number == JD_ROLE_VERB) to_number = number_soon_after(t, e, nums, q + v->len, 12);
    if (lit_at(t, e, q, "的") || to_number) {
      jd_period none = {0};
      add_tmark(out, p, p + w->len, none, TM_PREV, FALSE, w->surface);
      time_marker *tm = &g_array_index(out, time_marker, out->len - 1);
      /* 是去年的5.2倍 after 今年一季度: the same part of last year, as 较去年 */
      tm->prev_mode = !strcmp(w->id, "prev") ? (int)w->number : *cmp->extra ? 1 : -1;
      tm->as_base = TRUE;
    }
    return p + w->len;
  }
  gboolean relative = FALSE;
  tm_binding b = TM_FREE;
  jd_period per = period_of_word(x, w, now, &relative, &b);
  size_t end = p + w->len;
  if (!strcmp(w->id, "span")) end = span_to_now(x, t, e, now, &per, end);
  if (compared) b = TM_BASE; /* 比前年减少 */
  /* 较一季度减少30名: part of the year spoken of, as the base */
  if ((!strcmp(w->id, "quarter") || !strcmp(w->id, "half") || !strcmp(w->id, "months")) &&
      jd_cue_before(CUES(x, YEAR_BASE), t, s, p)) {
    b = TM_BASE;
    relative = TRUE;
  }
  /* 由前年1376公斤减至去年的573公斤: the year belongs to the next number only */
  if (!compared && b == TM_FREE && !strcmp(w->id, "year") &&
      jd_cue_before(CUES(x, YEAR_BOUND), t, s, p) &&
      !jd_cue_before(CUES(x, ASOF_BEFORE), t, s, p)) /* 截至今年11月 */
    b = TM_BOUND;
  /* 今年上半年, 去年1至5月 */
  if (!strcmp(w->id, "year") && per.year != 0) {
    jd_period dummy = {0};
    guint kk = 0;
    while (kk < nums->len && g_array_index(nums, jd_numeral, kk).start < end) kk++;
    end += read_subyear(x, t, e, end, nums, &kk, per.year > 0 ? &per : &dummy);
    end = relative_month_range(x, t, e, nums, now, &per, end);
    /* 从去年7月至今, 今年3月以来: from that month to now, for what follows; 从去年
     * 下半年至今: from the half's first month */
    size_t since_end = end;
    if (per.year > 0 && per.half && !per.year_to &&
        jd_cue_at(CUES(x, SINCE_NOW), t, e, jd_skip_spaces(t, e, end))) {
      per.month_from = per.month_to = per.half == 1 ? 1 : 7;
      per.half = 0;
    }
    if (per.year > 0 && per.month_from && per.month_from == per.month_to && !per.year_to) {
      since_month(x, t, e, &per, &since_end);
      /* 自去年10月公安部部署…会战以来: the 以来 that closes the clause */
      guint kl = 0;
      while (kl < nums->len && g_array_index(nums, jd_numeral, kl).start < end) kl++;
      if (since_end != end || (kl > 0 && since_month_later(x, t, e, nums, kl - 1, &per, end)))
        b = TM_FREE;
      else if (kl < nums->len && jd_cue_before(CUES(x, SINCE_FROM), t, s, p) &&
               month_to_day_closing(x, t, s, e, &g_array_index(nums, jd_numeral, kl), &per, end))
        b = TM_FREE; /* 自今年5月开始…，至6月20日止 */
      end = since_end;
    }
  }
  add_tmark(out, p, end, per, b, relative, w->surface);
  time_marker *tm = &g_array_index(out, time_marker, out->len - 1);
  if (b == TM_PREV) tm->prev_mode = (int)w->number;
  tm->deictic = !strcmp(w->id, "year") || !strcmp(w->id, "since") || !strcmp(w->id, "ytd");
  return end;
}

/* 截至2019年3月底, 截至今年6月 (cues.tsv, asof_before): a state at the end of a
 * month inside the year; 截至2019年底 and 截至2019年12月底 stay the year (a year's
 * usual value of a stock). */
static void mark_asof(jd_extractor *x, const char *t, size_t s, GArray *out)
{
  for (guint i = 0; i < out->len; i++) {
    time_marker *m = &g_array_index(out, time_marker, i);
    jd_period *p = &m->period;
    if (p->year_to || !p->month_from || p->month_from != p->month_to) continue;
    if (!jd_cue_before(CUES(x, ASOF_BEFORE), t, s, m->pos)) continue;
    /* 截至去年12月底, 截至2023年12月31日: the end of the year, the year */
    if (p->month_to == 12) p->month_from = p->month_to = 0;
    else p->asof = TRUE;
  }
}

/* 今年以来至9月底: a span from January to now (a) joined (至) to a month of the
 * year (b) ends at that month; a takes b in. */
static gboolean joins_span_to_month(jd_extractor *x, const char *t, time_marker *a,
                                    const time_marker *b)
{
  const jd_period *p = &a->period, *q = &b->period;
  if (a->binding != TM_FREE || b->binding != TM_FREE || p->year <= 0 || p->year_to || p->asof ||
      !(p->month_from == 1 || p->to_date) || q->year_to || !q->month_from ||
      q->month_from != q->month_to || (q->year && q->year != p->year))
    return FALSE;
  const jd_lex_entry *j = jd_cue_at(CUES(x, YEAR_JOINER), t, b->pos, a->end);
  if (!j || a->end + j->len != b->pos) return FALSE;
  a->period.month_from = 1;
  a->period.month_to = q->month_to;
  a->period.to_date = FALSE;
  a->end = b->end;
  return TRUE;
}

/* Finds the time markers of a sentence [s, e) of t: those the paragraph's
 * numerals (nums) start, then period words and placeholder years; in text
 * order, without the ones a longer marker swallowed (2019年上半年). */
void jd_find_time_markers(jd_extractor *x, const char *t, size_t s, size_t e,
                          const GArray *nums, GArray *out)
{
  g_array_set_size(out, 0);
  int now = current_year_of(x);
  guint k = 0;
  while (k < nums->len && g_array_index(nums, jd_numeral, k).start < s) k++;
  for (; k < nums->len && g_array_index(nums, jd_numeral, k).start < e; k++)
    k = numeral_marker(x, t, s, e, nums, k, now, out);
  for (size_t p = s; p < e;) {
    size_t end = placeholder_year(t, e, p, out);
    const jd_lex_entry *w = NULL;
    if (!end && (unsigned char)t[p] >= 0xE0)
      w = jd_lex_at(x, JD_LEX_PERIOD, t, p, e);
    if (w) end = period_word_marker(x, t, s, e, nums, now, w, p, out);
    p = end ? end : jd_next_char(t, e, p);
  }
  g_array_sort(out, tm_cmp);
  for (guint i = 1; i < out->len;) {
    time_marker *a = &g_array_index(out, time_marker, i - 1);
    time_marker *b = &g_array_index(out, time_marker, i);
    if (b->pos < a->end) g_array_remove_index(out, i);
    else if (joins_span_to_month(x, t, a, b)) g_array_remove_index(out, i);
    else i++;
  }
  mark_asof(x, t, s, out);
}

/* ---- periods of the sentence's figures --------------------------------------------- */

jd_period jd_fallback_period(const jd_extractor *x)
{
  jd_period p = {0};
  if (x->para_period.year) return x->para_period;
  p.year = x->ctx.topic_year ? x->ctx.topic_year : x->review_year ? x->review_year : x->ctx.year;
  if (x->ctx.topic_to && p.year == x->ctx.topic_year) p.year_to = x->ctx.topic_to;
  if (x->carry.year && (x->carry.year == p.year ||
                        (x->carry_past && (x->carry.year == p.year - 1 || x->carry.year_to == p.year))))
    return x->carry;
  /* a title before a lead that opens 截至2021年11月底: the title restates it */
  if (x->line < x->ctx.lead_line && x->ctx.lead_asof.year && x->ctx.lead_asof.year == p.year)
    return x->ctx.lead_asof;
  /* a title before a lead that opens 今年上半年，…: the title restates it */
  if (x->line < x->ctx.lead_line && x->ctx.lead_part) {
    gboolean relative = FALSE;
    tm_binding b = TM_FREE;
    jd_period part = period_of_word(x, x->ctx.lead_part, current_year_of(x), &relative, &b);
    if (relative) part.year = x->ctx.lead_part_year ? x->ctx.lead_part_year : p.year;
    if (part.year > 0 && (!p.year || part.year == p.year)) return part;
  }
  return p;
}

jd_period jd_with_context_year(jd_period rel, const jd_period *ctx)
{
  rel.year = ctx->year;
  /* a month within a span of months across two years (2015-11/2016-04): 4月 is of
   * the later year */
  if (ctx->year_to == ctx->year + 1 && ctx->month_from && ctx->month_to && rel.month_from &&
      rel.month_from <= ctx->month_to && ctx->month_to < ctx->month_from)
    rel.year = ctx->year_to;
  rel.year_to = 0;
  return rel;
}

/* What is known of time while a sentence's figures are read left to right. */
typedef struct {
  jd_period cur;          /* the period in force (set by TM_FREE markers) */
  const char *cur_why;
  gboolean cur_deictic;   /* cur counts from the document's date (今年, 目前) */
  gboolean cur_from_marker; /* cur was set by a marker of this sentence */
  gboolean bound_active;  /* a TM_BOUND/TM_BASE/TM_PREV period holds for the next number */
  jd_period bound;
  size_t bound_pos;
  gboolean base_pending;  /* a comparison base (比2018年) waits for its change */
  gboolean base_whole;    /* that base is a whole year, said so (比起2020年全年) */
  jd_period base;
  jd_period last_from, last_to; /* the periods of the last 从A…到B levels */
  gboolean have_pair;
  /* those of the sentence before, after ；, for a pair that names no years */
  jd_period carried_from, carried_to;
  gboolean pair_carried;
  size_t last_to_pos;     /* where the last pair's end level starts */
  gboolean pair_again;    /* a from level took the pair's before it (…亦由22人增至166人) */
} period_state;

/* Takes in the time marker m, the first after the figure ci - 1. */
static void take_marker(jd_extractor *x, period_state *st, const time_marker *m, guint ci,
                        size_t first_clause_end)
{
  jd_period per = m->period;
  if (m->relative_year) per = jd_with_context_year(per, &st->cur);
  switch (m->binding) {
  case TM_FREE:
    /* 截至10月底，今年全市破获… / 截至8月底，今年以来…: 今年 (以来) repeats the
     * year of the part of it this sentence already named; it neither widens
     * it to the whole year nor runs it on to the document's date */
    if (m->deictic && st->cur_from_marker && per.year > 0 && per.year == st->cur.year &&
        !per.year_to && !per.half && !per.quarter && per.month_from <= 1 && !per.asof &&
        !st->cur.year_to && (st->cur.half || st->cur.quarter || st->cur.month_from))
      break;
    st->cur = per;
    st->cur_from_marker = TRUE;
    st->cur_why = m->why;
    st->cur_deictic = m->deictic;
    st->bound_active = FALSE;
    /* the opening of the paragraph's first sentence with figures sets
     * the paragraph's period, however long its lead-in (记者从…获悉，今年1—6月，…) */
    if (m->pos < first_clause_end || (!x->para_figures && ci == 0)) {
      x->para_period = per;
      x->para_deictic = m->deictic;
    }
    break;
  case TM_PREV:
    /* 上年同期: the same part of the year before; 上年: the whole year */
    st->bound = jd_period_previous(m->prev_mode > 0 && x->para_period.year > 0 ? &x->para_period
                                                                               : &st->cur);
    if (m->prev_mode < 0) {
      st->bound.half = st->bound.quarter = st->bound.month_from = st->bound.month_to = 0;
      st->bound.year_to = 0;
    }
    if (m->as_base) {
      st->base = st->bound;
      st->base_pending = TRUE;
    }
    st->bound_active = TRUE;
    st->bound_pos = m->pos;
    break;
  case TM_BOUND:
    st->bound = per;
    st->bound_active = TRUE;
    st->bound_pos = m->pos;
    break;
  case TM_BASE:
    st->base = per;
    st->base_pending = TRUE;
    st->base_whole = m->whole_year;
    st->bound = per;
    st->bound_active = TRUE;
    st->bound_pos = m->pos;
    break;
  }
}

/* 1至5月…同比2022年下降, 首三季…比2021年同期: a whole year named as the base of a
 * change over part of a year is the same part of that year. */
static void same_part_of_base_year(cand *c)
{
  const jd_period *p = &c->period;
  jd_period *b = &c->base;
  gboolean part = p->half || p->quarter || p->month_from || p->to_date;
  if (p->year <= 0 || p->year_to || !part || p->asof || b->year <= 0 || b->year >= p->year || b->year_to ||
      b->half || b->quarter || b->month_from || b->to_date)
    return;
  int y = b->year;
  *b = *p;
  b->year = y;
  jd_why(c, "the base is the same part of %d", y);
}

/* 环比: the quarter, half or month right before p (Q1 → the year before's Q4);
 * FALSE when p is none of those (a year: the year before, as 同比). */
static gboolean sequential_previous(const jd_period *p, jd_period *out)
{
  if (p->year <= 0 || p->year_to || p->asof) return FALSE;
  memset(out, 0, sizeof *out);
  out->year = p->year;
  if (p->quarter) {
    out->quarter = p->quarter > 1 ? p->quarter - 1 : 4;
    if (p->quarter == 1) out->year--;
  } else if (p->half) {
    out->half = p->half > 1 ? 1 : 2;
    if (p->half == 1) out->year--;
  } else if (p->month_from && p->month_from == p->month_to) {
    out->month_from = out->month_to = p->month_from > 1 ? p->month_from - 1 : 12;
    if (p->month_from == 1) out->year--;
  } else {
    return FALSE;
  }
  return TRUE;
}

/* The period and base of a change: an average yearly change has no base; else
 * the base named after 比/较, the period before (同比), the level before it
 * (从A到B), the end of last year (较年初), unknown (较高峰时), or the period
 * before by default. */
static void change_period(period_state *st, cand *c)
{
  if (c->annual_average) {
    c->period = st->cur;
    c->has_base = FALSE;
    jd_why(c, "an average yearly change: no single base period");
    return;
  }
  c->has_base = TRUE;
  /* 即2019年的3倍: times the level of the year bound to it by 的 */
  if (c->kind == JD_KIND_RATIO && st->bound_active && c->change_pos == (size_t)-1 &&
      st->bound.year > 0 && !st->bound.year_to) {
    c->period = st->cur;
    c->base = st->bound;
    jd_why(c, "times the level of the period bound to it");
    return;
  }
  /* 较2022年增加40%，相较于疫情前仍下降65%: a 比/较 after the base year
   * (kind.c looks 36 bytes back for it) that names no period of its own */
  gboolean other_base = c->vs_other && st->base_pending && c->change_pos != (size_t)-1 &&
                        c->change_pos > st->bound_pos + 36;
  if (st->base_pending && !other_base) {
    c->period = st->have_pair ? st->last_to : st->cur;
    c->base = st->base;
    c->base_named = TRUE;
    st->bound_active = FALSE; /* the base holds for the rest of the sentence */
    jd_why(c, "compared with the period named after 比/较");
    if (!st->base_whole) same_part_of_base_year(c);
  } else if (c->yoy && c->sequential && sequential_previous(&st->cur, &c->base)) {
    c->period = st->cur;
    jd_why(c, "base: the period right before (环比)");
  } else if (c->yoy) {
    c->period = st->cur;
    c->base = jd_period_previous(&st->cur);
    jd_why(c, "base: the period before (同比)");
  } else if (st->have_pair) {
    c->period = st->last_to;
    c->base = st->last_from;
    jd_why(c, "a change between the two levels before it");
  } else if (c->vs_year_start) {
    c->period = st->cur;
    memset(&c->base, 0, sizeof c->base);
    c->base.year = st->cur.year > 0 ? st->cur.year - 1 : st->cur.year;
    jd_why(c, "base: the end of the year before (年初)");
  } else if (c->vs_other) {
    c->period = st->cur;
    memset(&c->base, 0, sizeof c->base);
    c->base.year = JD_PERIOD_UNKNOWN_YEAR;
    jd_why(c, "base unknown: compared with something that is not a period (较/比)");
  } else {
    c->period = st->cur;
    c->base = jd_period_previous(&st->cur);
  }
}

/* For --explain: the span when the text, not the period id, says it. */
static void explain_span(const jd_extractor *x, const period_state *st, cand *c)
{
  if (c->period.asof) jd_why(c, "span asof: a state at that date (截至, 目前)");
  else if (c->period.to_date && c->period.year > 0)
    jd_why(c, "span months: from January to a month the document does not give");
  if (st->cur_deictic && c->period.year == st->cur.year)
    jd_why(c, "year counted from: %s", current_year_why(x));
}

/* The period of the figure c, from the state the markers before it left. */
static void figure_period(const jd_extractor *x, period_state *st, cand *c)
{
  gboolean is_change = c->kind == JD_KIND_CHANGE_PCT || c->kind == JD_KIND_CHANGE_ABS ||
                       c->kind == JD_KIND_CHANGE_PP || c->kind == JD_KIND_RATIO;
  if (st->bound_active && c->change_pos != (size_t)-1 && c->change_pos > st->bound_pos &&
      (is_change || c->is_to))
    st->bound_active = FALSE;
  /* 由2019年的1宗增至去年的17宗，被捕人数亦由22人增至166人: a second pair
   * that names no years of its own, after one that did, is of the same years */
  gboolean again = !is_change && st->have_pair &&
                   ((c->is_from && st->bound_active && st->bound_pos < st->last_to_pos) ||
                    (c->is_to && st->pair_again));
  if (!c->is_to) st->pair_again = FALSE;
  if (again) {
    c->period = c->is_from ? st->last_from : st->last_to;
    st->pair_again = c->is_from;
    jd_why(c, "period: the %s of the change told before it with years", c->is_from ? "start" : "end");
    explain_span(x, st, c);
    return;
  }
  if (is_change) {
    change_period(st, c);
  } else if (st->bound_active) {
    c->period = st->bound;
    jd_why(c, "period bound to this number");
  } else if (c->is_from && !st->have_pair && st->pair_carried) {
    c->period = st->carried_from;
    jd_why(c, "period: the starting point of the change told before ；");
  } else if (c->is_from && c->from_undated) {
    jd_period unknown = {JD_PERIOD_UNKNOWN_YEAR, 0, 0, 0, 0, 0, FALSE, FALSE};
    c->period = unknown;
    jd_why(c, "period unknown: the starting point of the change is not dated");
  } else if (c->is_from) {
    c->period = st->have_pair ? st->last_from : jd_period_previous(&st->cur);
    jd_why(c, "period: the starting point of a change, the period before");
  } else if (c->is_to && !st->have_pair && st->pair_carried) {
    c->period = st->carried_to;
    jd_why(c, "period: the end point of the change told before ；");
  } else {
    c->period = st->cur;
    if (st->cur_why) jd_why(c, "period from %s", st->cur_why);
  }
  explain_span(x, st, c);
  if (c->is_from) st->last_from = c->period;
  if (c->is_to) {
    st->last_to = c->period;
    st->last_to_pos = c->n.start;
    st->have_pair = TRUE;
  }
}

/* Whether t[from, to) holds one sentence end only, a ；at its end: the
 * sentence at `to` is joined to the one before it. */
static gboolean joined_by_semicolon(const char *t, size_t from, size_t to)
{
  size_t p = to;
  while (p > from && (t[p - 1] == ' ' || t[p - 1] == '\n')) p--;
  if (p > from && t[p - 1] == ';') p--;
  else if (p >= from + 3 && !memcmp(t + p - 3, "；", 3)) p -= 3;
  else return FALSE;
  for (size_t q = from; q < p; q++)
    if (t[q] == ';' || t[q] == '.' || t[q] == '!' || t[q] == '?' ||
        (q + 3 <= p && (!memcmp(t + q, "。", 3) || !memcmp(t + q, "；", 3) ||
                        !memcmp(t + q, "！", 3) || !memcmp(t + q, "？", 3))))
      return FALSE;
  return TRUE;
}

void jd_assign_periods(jd_extractor *x, const char *t, size_t sent_start, size_t first_clause_end,
                       cand *cands, guint n)
{
  period_state st;
  memset(&st, 0, sizeof st);
  st.cur = jd_fallback_period(x);
  st.cur_why = x->para_period.year ? "the paragraph's period"
               : x->ctx.topic_year ? "the document's topic year"
               : x->ctx.year       ? "the document's date"
                                   : NULL;
  /* …1至10月份，全镇查处吸毒人员49人；缴获各类毒品23.7克: the period goes on */
  gboolean carried = !x->para_period.year && x->semi_period.year && x->semi_from <= sent_start &&
                     joined_by_semicolon(t, x->semi_from, sent_start);
  if (carried) {
    st.cur = x->semi_period;
    st.cur_why = "the period of the sentence before it (；)";
  }
  if (x->semi_pair && x->semi_from <= sent_start && joined_by_semicolon(t, x->semi_from, sent_start)) {
    st.pair_carried = TRUE;
    st.carried_from = x->semi_last_from;
    st.carried_to = x->semi_last_to;
  }
  x->semi_pair = FALSE;
  memset(&x->semi_period, 0, sizeof x->semi_period);
  gboolean own = FALSE; /* a time word of this sentence set the period */
  guint mi = 0;
  for (guint ci = 0; ci <= n; ci++) {
    size_t limit = ci < n ? cands[ci].n.start : (size_t)-1;
    for (; mi < x->tmarks->len; mi++) {
      const time_marker *m = &g_array_index(x->tmarks, time_marker, mi);
      if (m->pos >= limit) break;
      take_marker(x, &st, m, ci, first_clause_end);
      if (m->binding == TM_FREE) own = TRUE;
    }
    if (ci < n) figure_period(x, &st, &cands[ci]);
  }
  /* 由2017年的1376公斤减少58%至2018年的573公斤: the change between the two
   * levels around it is of the later one's period, against the earlier one's */
  for (guint ci = 1; ci + 1 < n; ci++) {
    cand *a = &cands[ci - 1], *c = &cands[ci], *b = &cands[ci + 1];
    gboolean reached = b->is_to || (b->kind == JD_KIND_LEVEL && !b->is_from &&
                                    (jd_find_lit(t, c->end, b->n.start, "至") != (size_t)-1 ||
                                     jd_find_lit(t, c->end, b->n.start, "到") != (size_t)-1));
    if (a->is_from && reached && c->has_base && c->kind != JD_KIND_LEVEL &&
        a->clause_start == c->clause_start && b->clause_start == c->clause_start &&
        a->period.year > 0 && a->period.year < b->period.year && !a->period.year_to &&
        !b->period.year_to) {
      c->period = b->period;
      c->base = a->period;
      jd_why(c, "a change between the levels around it");
    }
  }
  if (n && (own || carried)) x->semi_period = st.cur;
  if (n && st.have_pair) {
    x->semi_pair = TRUE;
    x->semi_last_from = st.last_from;
    x->semi_last_to = st.last_to;
  }
  if (n) x->semi_from = cands[n - 1].end;
}

/* Whether metric is one of cues.tsv flow_metric, or a part of one
 * (cases_solved_part, suspects_arrested_female). */
static gboolean is_flow_metric(jd_extractor *x, const char *metric)
{
  const jd_cue_set *flows = CUES(x, FLOW_METRIC);
  size_t ml = strlen(metric);
  for (size_t i = 0; i < flows->count; i++) {
    const jd_lex_entry *f = flows->entries[i];
    if (f->len <= ml && !memcmp(metric, f->surface, f->len) &&
        (metric[f->len] == 0 || metric[f->len] == '_'))
      return TRUE;
  }
  return FALSE;
}

static void month_state_to_total(jd_period *p)
{
  if (p->asof && p->year > 0 && !p->year_to && p->month_from && p->month_from == p->month_to) {
    p->asof = FALSE;
    p->month_from = 1;
  }
}

/* 自去年10月…“百城禁毒会战”以来…; 截止3月20日，…开展“百城禁毒会战”共侦破…: the
 * operation's total at a later day runs from the month it began, not from January */
static gboolean operation_to_date(jd_extractor *x, cand *c)
{
  const jd_period *o = &x->op_span, *p = &c->period;
  if (!x->op_span_scope[0] || strcmp(c->scope, x->op_span_scope) != 0 || p->year <= 0 ||
      p->year_to || p->month_from != p->month_to || !p->asof)
    return FALSE;
  int end = p->year * 12 + p->month_to, start = o->year * 12 + o->month_from;
  if (start >= end || end - start > 24) return FALSE;
  int year = p->year;
  c->period.asof = FALSE;
  c->period.year = o->year;
  c->period.month_from = o->month_from;
  c->period.year_to = year > o->year ? year : 0;
  jd_why(c, "span months: from the month the operation %s began, stated before", c->scope);
  return TRUE;
}

/* 自今年10月1日开始…会战以来，截至10月31日，…共破获…: a span from a month named before
 * a total at a later day of its year (a free marker of months before the figure) is
 * where that total starts; 0: none (it starts in January). */
static int since_month_before(const jd_extractor *x, const cand *c)
{
  int month = 0;
  for (guint m = 0; m < x->tmarks->len; m++) {
    const time_marker *tm = &g_array_index(x->tmarks, time_marker, m);
    const jd_period *q = &tm->period;
    if (tm->pos >= c->n.start || tm->binding != TM_FREE || q->asof || q->year_to || !q->month_from ||
        q->month_to <= q->month_from || (q->year && q->year != c->period.year))
      continue;
    if (q->month_from <= c->period.month_to) month = q->month_from;
  }
  return month;
}

void jd_flows_to_date(jd_extractor *x, cand *cs, guint n)
{
  for (guint i = 0; i < n; i++) {
    cand *c = &cs[i];
    const jd_period *p = &c->period;
    if (c->scope[0] && p->year > 0 && p->month_from && !p->asof &&
        (p->year_to || p->month_to != p->month_from)) {
      g_strlcpy(x->op_span_scope, c->scope, sizeof x->op_span_scope);
      x->op_span = *p;
    }
    if (c->period.asof && is_flow_metric(x, c->metric) && c->kind == JD_KIND_LEVEL &&
        operation_to_date(x, c))
      continue;
    if (!c->period.asof || c->kind == JD_KIND_RATE || c->kind == JD_KIND_SHARE ||
        (c->kind == JD_KIND_LEVEL && c->unit && !strcmp(c->unit, "percent")) ||
        !is_flow_metric(x, c->metric))
      continue;
    int since = c->period.month_from == c->period.month_to ? since_month_before(x, c) : 0;
    month_state_to_total(&c->period);
    if (c->has_base) month_state_to_total(&c->base);
    if (since > 1 && !c->period.asof && c->period.month_from == 1) {
      c->period.month_from = since;
      if (c->has_base && c->base.month_from == 1) c->base.month_from = since;
      jd_why(c, "span months: a total of what was done, from the month of the span named before it");
      continue;
    }
    jd_why(c, "span months: a total of what was done, January to that month");
  }
}
