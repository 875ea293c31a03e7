/* Numerals as Chinese documents write them (see include/jindu/numeral.h): the
 * scan, and the forms around a number — dates, times, campaign codes,
 * percent signs and tenths, fractions, ranges, ordinals and the qualifier
 * words before and after it. The number itself is read by core.c; the words
 * come from data/lexicon/numerals.tsv (words.c).
 *
 * A hand-written byte scanner: there is no Debian library for Chinese
 * numerals, and the loader plus this scan must run at hundreds of MB/s, so the
 * scan decodes UTF-8 inline and only looks closer at digits and numeral
 * characters. */
#include "numeral/numeral-private.h"

#include <string.h>

/* ---- punctuation around numbers ---------------------------------------- */

static gboolean is_middle_dot(gunichar c)
{
  return c == 0x00B7 || c == 0x2022 || c == 0x30FB || c == 0xFF65 || c == 0x2027 || c == 0x2219;
}

static gboolean is_range_dash(gunichar c)
{
  return c == '-' || c == '~' || c == 0x2014 || c == 0x2013 || c == 0x2012 || c == 0x2015 || c == 0xFF0D ||
         c == 0xFF5E || c == 0x301C || c == 0x81F3 /* 至 */ || c == 0x5230 /* 到 */;
}


static gboolean is_clause_start(gunichar p)
{
  switch (p) {
  case 0:
  case ' ':
  case '\t':
  case ',':
  case ';':
  case ':':
  case '!':
  case '?':
  case '"':
  case '(':
  case ')':
  case 0x3002: /* 。 */
  case 0xFF0C: /* ， */
  case 0xFF1B: /* ； */
  case 0xFF1A: /* ： */
  case 0xFF01:
  case 0xFF1F:
  case 0x201C: /* “ */
  case 0x3000:
  case 0xFF09: /* ） */
  case 0x3001: /* 、 */
    return TRUE;
  default:
    return FALSE;
  }
}

static gboolean is_open_quote(gunichar p)
{
  return p == 0x201C || p == '"' || p == 0x2018 || p == 0x300C || p == 0x300E || p == 0x300A ||
         p == '\'';
}

static gboolean is_close_quote(gunichar p)
{
  return p == 0x201D || p == '"' || p == 0x2019 || p == 0x300D || p == 0x300F || p == 0x300B ||
         p == '\'';
}


/* ---- one numeral at pos ------------------------------------------------- */

static void fill_plain(jd_numeral *o, size_t start, size_t end, jd_numeral_kind kind)
{
  memset(o, 0, sizeof *o);
  o->start = o->digits_start = start;
  o->end = o->digits_end = end;
  o->kind = kind;
}

static gboolean read_uint(const char *t, size_t len, size_t p, int maxdigits, int *v, size_t *e)
{
  int n = 0, val = 0;
  while (p < len && t[p] >= '0' && t[p] <= '9' && n < maxdigits + 1) {
    val = val * 10 + (t[p] - '0');
    p++;
    n++;
  }
  if (n == 0 || n > maxdigits) return FALSE;
  *v = val;
  *e = p;
  return TRUE;
}

static gboolean digit_follows(const char *t, size_t len, size_t p)
{
  int n;
  gunichar c = numeral_char_at(t, len, p, &n);
  return numeral_arabic_digit(c) >= 0;
}

/* 2020/1/23, 2021-02-23, 2019.12.31 */
static gboolean try_numeric_date(const char *t, size_t len, size_t pos, jd_numeral *o)
{
  int y, m, d;
  size_t e;
  if (!read_uint(t, len, pos, 4, &y, &e) || e - pos != 4 || y < 1900 || y > 2199) return FALSE;
  if (e >= len) return FALSE;
  char sep = t[e];
  if (sep != '/' && sep != '-' && sep != '.') return FALSE;
  if (!read_uint(t, len, e + 1, 2, &m, &e) || m < 1 || m > 12) return FALSE;
  if (e >= len || t[e] != sep) {
    if (sep == '.') return FALSE;
    /* 2020/1 or 2020-01: year and month */
    if (digit_follows(t, len, e)) return FALSE;
    fill_plain(o, pos, e, JD_NUM_DATE);
    o->year = y;
    o->month = m;
    o->value = o->value_high = y;
    return sep == '/' || (e - pos == 7);
  }
  if (!read_uint(t, len, e + 1, 2, &d, &e) || d < 1 || d > 31) return FALSE;
  if (digit_follows(t, len, e)) return FALSE;
  fill_plain(o, pos, e, JD_NUM_DATE);
  o->year = y;
  o->month = m;
  o->day = d;
  o->value = o->value_high = y;
  return TRUE;
}

/* 13:55:26, 11:49 */
static gboolean try_time(const char *t, size_t len, size_t pos, jd_numeral *o)
{
  int h, m, s;
  size_t e;
  if (!read_uint(t, len, pos, 2, &h, &e) || h > 24) return FALSE;
  if (e >= len || t[e] != ':') return FALSE;
  size_t ms = e + 1;
  if (!read_uint(t, len, ms, 2, &m, &e) || e - ms != 2 || m > 59) return FALSE;
  if (e < len && t[e] == ':') {
    size_t ss = e + 1;
    size_t e2;
    if (read_uint(t, len, ss, 2, &s, &e2) && e2 - ss == 2 && s <= 60) e = e2;
  }
  if (digit_follows(t, len, e)) return FALSE;
  fill_plain(o, pos, e, JD_NUM_TIME);
  o->value = o->value_high = h;
  return TRUE;
}

/* campaign codes: 8·31, 7·04, and 6.27 / 5.14 when quoted or followed by
 * 工程, 专案, 行动, 机制 ... */
static gboolean try_code(const jd_numeral_words *words, const char *t, size_t len, size_t floor, size_t pos, jd_numeral *o)
{
  int a, b, n;
  size_t e, e2;
  if (!read_uint(t, len, pos, 2, &a, &e) || a < 1 || a > 12) return FALSE;
  gunichar sep = numeral_char_at(t, len, e, &n);
  gboolean dot = sep == '.' || sep == 0xFF0E;
  if (!dot && !is_middle_dot(sep)) return FALSE;
  if (!read_uint(t, len, e + (size_t)n, 2, &b, &e2) || b < 1 || b > 31) return FALSE;
  if (digit_follows(t, len, e2)) return FALSE;
  if (dot) {
    int m;
    gunichar p = numeral_char_before(t, floor, pos, &m);
    gunichar nx = numeral_char_at(t, len, e2, &m);
    if (e2 - (e + (size_t)n) != 2) return FALSE;
    if (!is_open_quote(p) && !is_close_quote(nx) && !numeral_words_code_at(words, t, len, e2)) return FALSE;
  }
  fill_plain(o, pos, e2, JD_NUM_CODE);
  o->month = a;
  o->day = b;
  /* the code as written, 5.14 -> 5.14 (the value carries no quantity) */
  o->value = o->value_high = (double)(a * 100 + b) / 100.0;
  return TRUE;
}

/* After a 4-digit year and 年: month (and day) -> a date. Also handles a
 * month alone (3月18日). Returns the end or 0. */
static size_t read_month_day(const char *t, size_t len, size_t p, int *month, int *day)
{
  numeral_core c;
  if (!numeral_parse_core(t, len, p, &c) || c.is_range) return 0;
  gint64 m = numeral_dec_small_int(&c.v);
  if (m < 1 || m > 12 || c.decimals || c.trailing_big) return 0;
  if (!numeral_at(t, len, c.end, "月")) return 0;
  size_t e = c.end + 3;
  *month = (int)m;
  *day = 0;
  numeral_core d;
  if (numeral_parse_core(t, len, e, &d) && !d.is_range && !d.decimals && !d.trailing_big) {
    gint64 dv = numeral_dec_small_int(&d.v);
    if (dv >= 1 && dv <= 31 && (numeral_at(t, len, d.end, "日") || numeral_at(t, len, d.end, "号"))) {
      *day = (int)dv;
      e = d.end + 3;
    }
  }
  return e;
}

static void fill_from_core(jd_numeral *o, const numeral_core *c, size_t start)
{
  memset(o, 0, sizeof *o);
  o->start = o->digits_start = start;
  o->end = o->digits_end = c->end;
  o->kind = JD_NUM_NUMBER;
  o->value = numeral_dec_value(&c->v);
  o->value_high = c->is_range ? numeral_dec_value(&c->hi) : o->value;
  o->is_range = c->is_range;
  o->decimals = c->decimals;
  o->chinese = c->chinese;
  o->overflow = numeral_dec_overflow(&c->v) || (c->is_range && numeral_dec_overflow(&c->hi));
  o->qualifier = c->inner_more ? JD_QUAL_MORE_THAN : c->approximate ? JD_QUAL_ABOUT : JD_QUAL_EXACT;
}

static size_t percent_sign(const char *t, size_t len, size_t p, jd_numeral_kind *kind)
{
  if (numeral_at(t, len, p, "%")) {
    *kind = JD_NUM_PERCENT;
    return p + 1;
  }
  if (numeral_at(t, len, p, "％") || numeral_at(t, len, p, "﹪")) {
    *kind = JD_NUM_PERCENT;
    return p + 3;
  }
  if (numeral_at(t, len, p, "‰")) {
    *kind = JD_NUM_PERMILLE;
    return p + 3;
  }
  if (numeral_at(t, len, p, "个百分点")) {
    *kind = JD_NUM_PERCENT_POINT;
    return p + 12;
  }
  if (numeral_at(t, len, p, "百分点")) {
    *kind = JD_NUM_PERCENT_POINT;
    return p + 9;
  }
  return 0;
}

/* ---- the forms around one number ---------------------------------------- */

/* What is known while reading the numeral whose digits start at pos. */
typedef struct {
  const jd_numeral_words *words;
  const char *t;
  size_t len;
  size_t floor;   /* where the previous numeral ended: qualifiers stop there */
  size_t pos;
  gunichar c;     /* the character at pos */
  gunichar prev;  /* the character before pos, 0 at the start */
  int pn;         /* its byte length */
  numeral_core cr;
  jd_numeral *o;
  size_t q;       /* the end of what is read so far */
} numeral_reader;

/* A digit run glued to a preceding Latin letter is an id (A8, x64): FALSE,
 * with *skip past it. */
static gboolean not_glued_to_latin(const numeral_reader *rd, size_t *skip)
{
  gunichar c = rd->c, prev = rd->prev;
  if (!(c >= '0' && c <= '9' && ((prev >= 'A' && prev <= 'Z') || (prev >= 'a' && prev <= 'z'))))
    return TRUE;
  size_t e = rd->pos;
  while (e < rd->len && ((rd->t[e] >= '0' && rd->t[e] <= '9') || g_ascii_isalpha(rd->t[e]))) e++;
  *skip = e;
  return FALSE;
}

/* Accepts the forms of a four-digit year (the core read 2018):
 *   2018—2020年, 2018-2020年, 2018至2020年   a range of years
 *   2018年                                    a year
 *   2016年3月18日, 2016年3月                  a date */
static gboolean read_year(numeral_reader *rd, gint64 iv, gunichar next, int nn)
{
  jd_numeral *o = rd->o;
  const char *t = rd->t;
  size_t len = rd->len, q = rd->q;
  if (is_range_dash(next)) {
    numeral_core c2;
    if (numeral_parse_core(t, len, q + (size_t)nn, &c2) && c2.plain && c2.ndigits == 4 &&
        numeral_at(t, len, c2.end, "年")) {
      gint64 y2 = numeral_dec_small_int(&c2.v);
      if (y2 > iv && y2 <= 2999) {
        o->kind = JD_NUM_YEAR;
        o->year = (int)iv;
        o->value = (double)iv;
        o->value_high = (double)y2;
        o->is_range = TRUE;
        o->end = o->digits_end = c2.end + 3;
        return TRUE;
      }
    }
  }
  if (next != 0x5E74 /* 年 */) return FALSE;
  size_t e = q + 3;
  int m = 0, d = 0;
  size_t e2 = read_month_day(t, len, e, &m, &d);
  o->year = (int)iv;
  o->value = o->value_high = (double)iv;
  if (e2) {
    o->kind = JD_NUM_DATE;
    o->month = m;
    o->day = d;
    o->end = o->digits_end = e2;
  } else {
    o->kind = JD_NUM_YEAR;
    o->end = o->digits_end = e;
  }
  return TRUE;
}

/* Accepts the forms of a month or day without a year (the core read a whole
 * number from 1 to 12, or to 31 for a day):
 *   3月, 3月18日     a month (not after 个: 三个月 is a duration)
 *   1至5月, 1-5月    a range of months
 *   18日             a day */
static gboolean read_month_or_day(numeral_reader *rd, gint64 iv, gunichar next, int nn)
{
  jd_numeral *o = rd->o;
  const numeral_core *cr = &rd->cr;
  if (cr->is_range || cr->trailing_big || cr->decimals || iv < 1) return FALSE;
  if (iv <= 12 && next == 0x6708 /* 月 */ && rd->prev != 0x4E2A /* 个 */) {
    int m = 0, d = 0;
    size_t e2 = read_month_day(rd->t, rd->len, rd->pos, &m, &d);
    if (e2) {
      o->kind = JD_NUM_DATE;
      o->month = m;
      o->day = d;
      o->value = o->value_high = m;
      o->end = o->digits_end = e2;
      return TRUE;
    }
  }
  if (iv <= 12 && is_range_dash(next)) {
    numeral_core c2;
    if (numeral_parse_core(rd->t, rd->len, rd->q + (size_t)nn, &c2) && !c2.is_range &&
        numeral_at(rd->t, rd->len, c2.end, "月")) {
      gint64 m2 = numeral_dec_small_int(&c2.v);
      if (m2 > iv && m2 <= 12 && !c2.decimals && !c2.trailing_big) {
        o->kind = JD_NUM_DATE;
        o->month = (int)iv;
        o->value = (double)iv;
        o->value_high = (double)m2;
        o->is_range = TRUE;
        o->end = o->digits_end = c2.end + 3;
        return TRUE;
      }
    }
  }
  if (iv <= 31 && next == 0x65E5 /* 日 */) {
    o->kind = JD_NUM_DATE;
    o->day = (int)iv;
    o->end = o->digits_end = rd->q + 3;
    return TRUE;
  }
  return FALSE;
}

/* Years and dates the numeral scanner reports as such, not as quantities. */
static gboolean read_date_forms(numeral_reader *rd)
{
  int nn;
  gunichar next = numeral_char_at(rd->t, rd->len, rd->q, &nn);
  gint64 iv = numeral_dec_small_int(&rd->cr.v);
  if (rd->cr.plain && rd->cr.ndigits == 4 && iv >= 1000 && iv <= 2999 &&
      read_year(rd, iv, next, nn))
    return TRUE;
  return read_month_or_day(rd, iv, next, nn);
}

/* Accepts a fraction: 三分之一 (the core read 三). */
static gboolean read_fraction(numeral_reader *rd)
{
  jd_numeral *o = rd->o;
  numeral_core c2;
  if (!numeral_at(rd->t, rd->len, rd->q, "分之") ||
      !numeral_parse_core(rd->t, rd->len, rd->q + 6, &c2) || c2.is_range ||
      numeral_dec_is_zero(&rd->cr.v))
    return FALSE;
  o->value = numeral_dec_value(&c2.v) / numeral_dec_value(&rd->cr.v);
  o->value_high = o->value;
  o->decimals = 0;
  o->chinese = rd->cr.chinese || c2.chinese;
  o->end = o->digits_end = c2.end;
  rd->q = c2.end;
  return TRUE;
}

/* Accepts the sign after a number: 45%, 45％, 3‰, 0.8个百分点, 六百分点; or
 * tenths: 三成, 近五成, 3.5成 = 30%, 50%, 35% (not 成员, 成为 ...). */
static void read_sign(numeral_reader *rd)
{
  jd_numeral *o = rd->o;
  const numeral_core *cr = &rd->cr;
  jd_numeral_kind k2;
  size_t e = percent_sign(rd->t, rd->len, rd->q, &k2);
  if (e) {
    o->kind = k2;
    rd->q = e;
    return;
  }
  if (cr->is_range || cr->trailing_big || !numeral_at(rd->t, rd->len, rd->q, "成") ||
      !(numeral_dec_value(&cr->v) > 0 && numeral_dec_value(&cr->v) <= 10) ||
      numeral_words_not_tenths_at(rd->words, rd->t, rd->len, rd->q))
    return;
  o->kind = JD_NUM_PERCENT;
  o->value = numeral_dec_value(&cr->v) * 10.0;
  o->value_high = o->value;
  if (o->decimals > 0) o->decimals--;
  rd->q += 3;
  /* 五成半: five and a half tenths, 55% (only after a whole number of tenths) */
  if (numeral_at(rd->t, rd->len, rd->q, "半") && o->decimals == 0 && o->value < 100) {
    o->value += 5;
    o->value_high = o->value;
    rd->q += 3;
  }
  /* 两成多, 三成余: more than so many tenths (45%多 is not said, so only here) */
  if (numeral_at(rd->t, rd->len, rd->q, "多") || numeral_at(rd->t, rd->len, rd->q, "余")) {
    if (o->qualifier == JD_QUAL_EXACT) o->qualifier = JD_QUAL_MORE_THAN;
    rd->q += 3;
  }
}

/* Accepts a range after the number: 2—3, 2至3, 5-20%, 5%-20%, 百分之五至百分之十,
 * 3至5万 (the multiplier of the high end applies to the low one). */
static void read_range(numeral_reader *rd)
{
  jd_numeral *o = rd->o;
  const numeral_core *cr = &rd->cr;
  const char *t = rd->t;
  size_t len = rd->len;
  int nn;
  gunichar dash = numeral_char_at(t, len, rd->q, &nn);
  if (cr->is_range || !is_range_dash(dash)) return;
  size_t p2 = rd->q + (size_t)nn;
  if (dash == 0x2014 && numeral_at(t, len, p2, "—")) p2 += 3;
  int mm;
  gunichar c2c = numeral_char_at(t, len, p2, &mm);
  gboolean same_script = cr->arabic ? numeral_arabic_digit(c2c) >= 0 : numeral_is_cn(c2c);
  size_t p2d = p2;
  if (o->kind == JD_NUM_PERCENT && numeral_at(t, len, p2, "百分之")) p2d = p2 + 9, same_script = TRUE;
  numeral_core c2;
  if (!same_script || !numeral_parse_core(t, len, p2d, &c2) || c2.is_range) return;
  numeral_dec lo = cr->v;
  if (!cr->trailing_big && c2.trailing_big) numeral_dec_shift(&lo, c2.trailing_big);
  size_t e2 = c2.end;
  jd_numeral_kind k2 = JD_NUM_NUMBER;
  size_t pe = percent_sign(t, len, e2, &k2);
  if (o->kind != JD_NUM_NUMBER) {
    /* 5%-20% needs the second sign; 百分之五至百分之十 has none */
    if (pe && k2 == o->kind) e2 = pe;
    else if (p2d == p2) return;
  } else if (pe) {
    o->kind = k2;
    e2 = pe;
  }
  double vlo = numeral_dec_value(&lo), vhi = numeral_dec_value(&c2.v);
  if (!(vlo < vhi)) return;
  o->value = vlo;
  o->value_high = vhi;
  o->is_range = TRUE;
  o->overflow = o->overflow || numeral_dec_overflow(&lo) || numeral_dec_overflow(&c2.v);
  o->chinese = o->chinese || c2.chinese;
  o->decimals = MAX(o->decimals, c2.decimals);
  rd->q = e2;
}

/* A qualifier word after the number (300多, 45%以上, 300人左右 is read by the
 * extractor after the unit): numerals.tsv, role suffix. */
static void read_suffix_qualifier(numeral_reader *rd)
{
  jd_numeral *o = rd->o;
  size_t wlen;
  int q = numeral_words_suffix_at(rd->words, rd->t, rd->len, rd->q, o->kind, &wlen);
  if (q < 0) return;
  if (o->qualifier == JD_QUAL_EXACT) o->qualifier = (jd_qualifier)q;
  rd->q += wlen;
  o->end = rd->q;
}

/* Accepts an ordinal: 第六, (三), and 一是 / 二要 / 三、 / 1、 / 2. at a clause
 * start. */
static gboolean read_ordinal(numeral_reader *rd)
{
  jd_numeral *o = rd->o;
  const numeral_core *cr = &rd->cr;
  if (o->kind != JD_NUM_NUMBER || o->is_range) return FALSE;
  gint64 iv = numeral_dec_small_int(&cr->v);
  int nn;
  gunichar next = numeral_char_at(rd->t, rd->len, o->digits_end, &nn), prev = rd->prev;
  if (numeral_words_rank_around(rd->words, rd->t, rd->len, rd->pos, o->digits_end)) {
    o->kind = JD_NUM_ORDINAL; /* 前3名: a rank, no count */
    o->qualifier = JD_QUAL_EXACT;
    o->end = o->digits_end;
    return TRUE;
  }
  if (prev == 0x7B2C /* 第 */) {
    o->kind = JD_NUM_ORDINAL;
    o->start = rd->pos - 3;
    o->qualifier = JD_QUAL_EXACT;
    o->end = o->digits_end;
    return TRUE;
  }
  if ((prev == '(' || prev == 0xFF08) && (next == ')' || next == 0xFF09) && iv >= 0 &&
      (cr->chinese || iv <= 50) && o->qualifier == JD_QUAL_EXACT) {
    o->kind = JD_NUM_ORDINAL;
    o->start = rd->pos - (size_t)rd->pn;
    o->end = o->digits_end + (size_t)nn;
    return TRUE;
  }
  int pp;
  gunichar before_prev = prev;
  if (prev == ' ' || prev == 0x3000)
    before_prev = numeral_char_before(rd->t, 0, rd->pos - (size_t)rd->pn, &pp);
  if (!is_clause_start(before_prev) || o->qualifier != JD_QUAL_EXACT || iv < 1 || iv > 99 ||
      cr->trailing_big || cr->decimals)
    return FALSE;
  gboolean ord = FALSE;
  if (cr->chinese && (next == 0x662F /* 是 */ || next == 0x8981 /* 要 */ ||
                      next == 0x5219 /* 则 */ || next == 0x3001 /* 、 */))
    ord = TRUE;
  if (cr->arabic && (next == 0x3001 || ((next == '.' || next == 0xFF0E) &&
                                        !digit_follows(rd->t, rd->len, o->digits_end + (size_t)nn))))
    ord = TRUE;
  if (!ord) return FALSE;
  o->kind = JD_NUM_ORDINAL;
  o->end = o->digits_end;
  return TRUE;
}

/* Accepts a magnitude after 上, 数 or 几: 上千人, 上万 (more than); 数百, 几十
 * (a few of that unit: 200 to 900). */
static gboolean read_vague_magnitude(numeral_reader *rd)
{
  jd_numeral *o = rd->o;
  gunichar prev = rd->prev;
  if (o->kind != JD_NUM_NUMBER || o->is_range || o->qualifier != JD_QUAL_EXACT ||
      !(numeral_cn_unit(rd->c) || numeral_cn_big(rd->c)) ||
      !(prev == 0x4E0A /* 上 */ || prev == 0x6570 /* 数 */ || prev == 0x51E0 /* 几 */))
    return FALSE;
  o->start = rd->pos - (size_t)rd->pn;
  if (prev == 0x4E0A) {
    o->qualifier = JD_QUAL_MORE_THAN;
  } else {
    o->is_range = TRUE;
    o->value_high = o->value * 9.0;
    o->value = o->value * 2.0;
    o->qualifier = JD_QUAL_ABOUT;
  }
  return TRUE;
}

/* A qualifier word before the number (超过300, 近五成): numerals.tsv, role
 * prefix; after a qualifier already read (超过340多) only widens the span. */
static void read_prefix_qualifier(numeral_reader *rd)
{
  jd_numeral *o = rd->o;
  size_t ws;
  if (o->kind == JD_NUM_ORDINAL) return;
  int only = o->qualifier == JD_QUAL_EXACT ? -1 : (int)o->qualifier;
  int q = numeral_words_prefix_before(rd->words, rd->t, rd->floor, rd->pos, only, &ws);
  if (q < 0) return;
  o->qualifier = (jd_qualifier)q;
  o->start = ws;
}

/* Whether a number of one Chinese character stands for a quantity: not
 * inside a word (统一, 之一, 周一) and not a lone financial digit (队伍, 陆续). */
static gboolean stands_alone(const numeral_reader *rd, jd_numeral_kind kind)
{
  if (!rd->cr.single_cn) return TRUE;
  if (kind == JD_NUM_NUMBER && numeral_words_in_word(rd->words, rd->prev, rd->c)) return FALSE;
  return !numeral_is_financial_digit(rd->c);
}

/* 一一三年, 一一〇: a not_number word of Chinese digits only (一一) that more
 * digits follow is the start of a number read digit by digit. */
static gboolean digits_go_on(const char *t, size_t len, size_t pos, size_t wl)
{
  int n;
  for (size_t q = pos; q < pos + wl; q += (size_t)n)
    if (numeral_cn_digit(numeral_char_at(t, len, q, &n)) < 0) return FALSE;
  return numeral_cn_digit(numeral_char_at(t, len, pos + wl, &n)) >= 0;
}

/* 零点八: a not_number word of one digit (零) that a 点 and digits follow is
 * the whole part of a decimal. */
static gboolean decimals_follow(const char *t, size_t len, size_t pos, size_t wl)
{
  int n, m;
  if (numeral_cn_digit(numeral_char_at(t, len, pos, &n)) < 0 || (size_t)n != wl ||
      !numeral_is_cn_point(numeral_char_at(t, len, pos + wl, &m)))
    return FALSE;
  return numeral_cn_digit(numeral_char_at(t, len, pos + wl + (size_t)m, &n)) >= 0;
}

/* 翻了一番, 翻两番: n doublings after 翻 (翻了) are a change of (2^n - 1) x 100
 * percent, read before 一番 is taken for the word (一番努力). */
static gboolean try_doubling(const char *t, size_t len, size_t pos, jd_numeral *o)
{
  int n;
  int d = numeral_cn_digit(numeral_char_at(t, len, pos, &n));
  if (d < 1 || d > 4 || !numeral_at(t, len, pos + (size_t)n, "番") ||
      !(numeral_before(t, 0, pos, "翻") || numeral_before(t, 0, pos, "翻了")))
    return FALSE;
  fill_plain(o, pos, pos + (size_t)n + 3, JD_NUM_PERCENT);
  o->value = o->value_high = ((1 << d) - 1) * 100.0;
  o->chinese = TRUE;
  return TRUE;
}

/* Parses the numeral whose digits start at pos; floor is where the previous
 * numeral ended (qualifiers are not looked for before it). Returns the end,
 * or 0 with *skip set to how far the caller may jump. The steps: what is no
 * number (ids, not_number words) and the forms read whole (numeric dates,
 * times, codes); the core number; years and dates; a fraction, or a sign and
 * a range; qualifier words after; ordinals and vague magnitudes; qualifier
 * words before. */
static size_t parse_at(const jd_numeral_words *words, const char *t, size_t len, size_t floor,
                       size_t pos, jd_numeral *o, size_t *skip)
{
  numeral_reader rd = {words, t, len, floor, pos, 0, 0, 0, {0}, o, 0};
  int n;
  rd.c = numeral_char_at(t, len, pos, &n);
  rd.prev = numeral_char_before(t, 0, pos, &rd.pn);
  *skip = pos + (size_t)n;
  if (numeral_arabic_digit(rd.c) >= 0) {
    if (!not_glued_to_latin(&rd, skip)) return 0;
    if (try_numeric_date(t, len, pos, o) || try_time(t, len, pos, o) ||
        try_code(words, t, len, floor, pos, o))
      return o->end;
  } else {
    if (try_doubling(t, len, pos, o)) return o->end;
    /* 一半 is half: 减少了近一半 (−50%, nearly), 一半以上 (over 50%) */
    if (numeral_at(t, len, pos, "一半")) {
      memset(o, 0, sizeof *o);
      o->start = o->digits_start = pos;
      o->end = o->digits_end = rd.q = pos + strlen("一半");
      o->kind = JD_NUM_PERCENT;
      o->value = o->value_high = 50;
      o->chinese = TRUE;
      read_suffix_qualifier(&rd);
      read_prefix_qualifier(&rd);
      return o->end;
    }
    size_t wl = numeral_words_not_number_at(words, t, len, pos);
    if (wl && !digits_go_on(t, len, pos, wl) && !decimals_follow(t, len, pos, wl)) {
      *skip = pos + wl;
      return 0;
    }
  }

  /* 百分之四十五, 千分之三 */
  jd_numeral_kind kind = JD_NUM_NUMBER;
  size_t digits = pos;
  if (numeral_at(t, len, pos, "百分之") || numeral_at(t, len, pos, "千分之")) {
    kind = numeral_at(t, len, pos, "百分之") ? JD_NUM_PERCENT : JD_NUM_PERMILLE;
    digits = pos + 9;
  }
  if (!numeral_parse_core(t, len, digits, &rd.cr) || !stands_alone(&rd, kind)) return 0;
  fill_from_core(o, &rd.cr, pos);
  o->kind = kind;
  rd.q = rd.cr.end;
  if (kind == JD_NUM_NUMBER && read_date_forms(&rd)) return o->end;
  if (!(kind == JD_NUM_NUMBER && read_fraction(&rd))) {
    if (kind == JD_NUM_NUMBER) read_sign(&rd);
    read_range(&rd);
    o->end = o->digits_end = rd.q;
  }
  if (o->kind == JD_NUM_NUMBER || o->kind == JD_NUM_PERCENT || o->kind == JD_NUM_PERMILLE ||
      o->kind == JD_NUM_PERCENT_POINT)
    read_suffix_qualifier(&rd);
  if (read_ordinal(&rd) || read_vague_magnitude(&rd)) return o->end;
  read_prefix_qualifier(&rd);
  return o->end;
}

/* ---- public ------------------------------------------------------------- */

/* 3.8千克, 二十余千克: a 十百千万亿 right after a number that did not take it
 * (after a decimal point or a qualifier word) belongs to the measure word, not
 * to a new number. */
static gboolean follows_number(const char *t, size_t len, size_t p)
{
  int n, pn;
  gunichar c = numeral_char_at(t, len, p, &n);
  if (!(numeral_cn_unit(c) || numeral_cn_big(c))) return FALSE;
  gunichar prev = numeral_char_before(t, 0, p, &pn);
  return numeral_arabic_digit(prev) >= 0 || prev == 0x4F59 /* 余 */ || prev == 0x591A /* 多 */;
}

/* 千克 is the kilogram, never a thousand grams: a 千 right before 克 starts no
 * number after a numeral character, a decimal point, punctuation or the
 * start of the text (三点八千克, 3.千克, 余千克, ，千克). After a word (近千克,
 * 数千克) the qualifier reads it as about one kilogram, as before. */
static gboolean kilogram_at(const char *t, size_t len, size_t p)
{
  if (!numeral_at(t, len, p, "千克")) return FALSE;
  int pn;
  gunichar prev = numeral_char_before(t, 0, p, &pn);
  return prev < 0x3400 || numeral_is_cn(prev) || numeral_is_cn_point(prev) ||
         prev == 0x4F59 /* 余 */ || prev == 0x591A /* 多 */ || (prev >= 0xFF00 && prev <= 0xFFEF);
}

/* 达-5%, −3.2: a minus sign right before an Arabic number (not the dash of a
 * range 1-5 or of a code A-5) makes the number negative, so no sign is lost. */
static void negative_sign(const char *t, size_t floor, size_t p, jd_numeral *o)
{
  if (o->is_range || numeral_arabic_digit(numeral_char_before(t, 0, p + 1, &(int){0})) < 0) return;
  if (o->kind != JD_NUM_NUMBER && o->kind != JD_NUM_PERCENT && o->kind != JD_NUM_PERMILLE &&
      o->kind != JD_NUM_PERCENT_POINT)
    return;
  int n, pn;
  gunichar m = numeral_char_before(t, floor, p, &n);
  if (m != '-' && m != 0x2212 /* − */ && m != 0xFF0D /* － */) return;
  gunichar before = numeral_char_before(t, 0, p - (size_t)n, &pn);
  if (g_unichar_isalnum(before) && !(before >= 0x3400)) return; /* A-5, 3-5 */
  if (numeral_is_cn(before) || numeral_arabic_digit(before) >= 0) return;
  o->value = -o->value;
  o->value_high = -o->value_high;
  o->start = p - (size_t)n;
}

size_t jd_numeral_scan(const jd_numeral_words *words, const char *text, size_t len, GArray *out)
{
  size_t count = 0, floor = 0, p = 0;
  const guchar *u = (const guchar *)text;
  numeral_class_init();
  while (p < len) {
    guchar b = u[p];
    gboolean candidate = FALSE;
    if (b < 0x80) {
      if (b < '0' || b > '9') {
        p++;
        continue;
      }
      candidate = TRUE;
    } else if (b >= 0xE0 && b <= 0xEF && p + 2 < len) {
      if (!numeral_prefix[((b & 0x0F) << 6) | (u[p + 1] & 0x3F)]) {
        p += 3;
        continue;
      }
      gunichar c = ((gunichar)(b & 0x0F) << 12) | ((gunichar)(u[p + 1] & 0x3F) << 6) |
                   (u[p + 2] & 0x3F);
      candidate = numeral_is_cn(c) || (c >= 0xFF10 && c <= 0xFF19) || c == 0x5EFF /* 廿 */ ||
                  c == 0x5345 /* 卅 */;
      if (!candidate) {
        p += 3;
        continue;
      }
    } else {
      p++;
      continue;
    }
    (void)candidate;
    if ((p == floor && p > 0 && follows_number(text, len, p)) || kilogram_at(text, len, p)) {
      p += 3;
      continue;
    }
    jd_numeral num = {0};
    size_t skip;
    size_t e = parse_at(words, text, len, floor, p, &num, &skip);
    if (e > p) {
      negative_sign(text, floor, p, &num);
      g_array_append_val(out, num);
      count++;
      floor = e;
      p = e;
    } else {
      p = skip > p ? skip : p + 1;
    }
  }
  return count;
}

gboolean jd_numeral_parse(const jd_numeral_words *words, const char *s, size_t len,
                          jd_numeral *out)
{
  GArray *a = g_array_new(FALSE, FALSE, sizeof(jd_numeral));
  gboolean ok = FALSE;
  jd_numeral_scan(words, s, len, a);
  if (a->len == 1) {
    jd_numeral *n = &g_array_index(a, jd_numeral, 0);
    if (n->start == 0 && n->end == len) {
      *out = *n;
      ok = TRUE;
    }
  }
  g_array_unref(a);
  return ok;
}
