/* Shared between the numeral scanner's files: exact decimals, the classes of
 * numeral characters, the numeral core (the digits and multipliers of one
 * number, core.c) and the lookups into the words around numerals (words.c).
 * Not a public interface. */
#pragma once

#include <glib.h>
#include <string.h>

#include "jindu/numeral.h"
#include "util/utf8.h"

/* ---- exact decimals ---------------------------------------------------- */

/* A value kept as an integer mantissa and a power of ten and turned into a
 * double once, so that 百分之一点五七 is exactly the double nearest to 1.57. */
typedef struct {
  guint64 m;     /* value = m / 10^s */
  int s;
  gboolean ovf;  /* m overflowed 64 bits; approx holds the value */
  double approx;
} numeral_dec;

numeral_dec numeral_dec_int(guint64 v);
void numeral_dec_shift(numeral_dec *d, int k); /* times 10^k, k >= 0 */
gboolean numeral_dec_is_zero(const numeral_dec *d);
/* beyond a double's exact integer range (2^53) or precision */
gboolean numeral_dec_overflow(const numeral_dec *d);
double numeral_dec_value(const numeral_dec *d);
/* the integer value, or -1 when it has a fraction or is over 100000 */
gint64 numeral_dec_small_int(const numeral_dec *d);

/* ---- characters -------------------------------------------------------- */

/* Decodes one UTF-8 character at t[p] (bounded by len); invalid bytes come
 * back as U+FFFD of length 1; *n = 0 at the end. */
static inline gunichar numeral_char_at(const char *t, size_t len, size_t p, int *n)
{
  if (p >= len) {
    *n = 0;
    return 0;
  }
  size_t l;
  gunichar c = jd_utf8_decode((const guchar *)t + p, len - p, &l);
  *n = (int)l;
  return c;
}

/* The character ending just before p (p > floor), or 0. */
gunichar numeral_char_before(const char *t, size_t floor, size_t p, int *n);

static inline int numeral_arabic_digit(gunichar c)
{
  if (c >= '0' && c <= '9') return (int)(c - '0');
  if (c >= 0xFF10 && c <= 0xFF19) return (int)(c - 0xFF10);
  return -1;
}

/* One byte per BMP character: what kind of numeral character it is, so the
 * scan tests a character with one load (filled once by numeral_class_init). */
enum { NC_DIGIT = 0x10, NC_UNIT = 0x20, NC_BIG = 0x40 };
extern guint8 numeral_class[0x10000];
/* for 3-byte UTF-8: does any numeral character start with these two bytes? */
extern guint8 numeral_prefix[1024];
void numeral_class_init(void);

/* 0..9 for Chinese digits (零〇○ give 0, 两 2, financial forms too), else -1 */
static inline int numeral_cn_digit(gunichar c)
{
  return c < 0x10000 && (numeral_class[c] & NC_DIGIT) ? numeral_class[c] & 0x0F : -1;
}

/* 10, 100, 1000 for 十 百 千 (and 拾 佰 仟), else 0 */
static inline int numeral_cn_unit(gunichar c)
{
  static const int units[] = {0, 10, 100, 1000};
  return c < 0x10000 && (numeral_class[c] & NC_UNIT) ? units[numeral_class[c] & 0x03] : 0;
}

/* the exponent of 万 (4) and 亿 (8), else 0 */
static inline int numeral_cn_big(gunichar c)
{
  return c < 0x10000 && (numeral_class[c] & NC_BIG) ? numeral_class[c] & 0x0F : 0;
}

static inline gboolean numeral_is_cn(gunichar c)
{
  return c < 0x10000 && numeral_class[c] != 0;
}

/* 壹 贰 叁 肆 伍 陆 柒 捌 玖 and their traditional forms */
gboolean numeral_is_financial_digit(gunichar c);

static inline gboolean numeral_is_cn_point(gunichar c)
{
  return c == 0x70B9 /* 点 */ || c == 0x9EDE /* 點 */;
}

static inline gboolean numeral_at(const char *t, size_t len, size_t p, const char *lit)
{
  size_t n = strlen(lit);
  return p + n <= len && memcmp(t + p, lit, n) == 0;
}

static inline gboolean numeral_before(const char *t, size_t floor, size_t p, const char *lit)
{
  size_t n = strlen(lit);
  return p >= floor + n && memcmp(t + p - n, lit, n) == 0;
}

/* ---- the numeral core (core.c) ----------------------------------------- */

/* The digits and multipliers of one number, without what surrounds it. */
typedef struct {
  size_t end;
  numeral_dec v, hi;
  gboolean is_range;
  int decimals;
  gboolean chinese, arabic;
  gboolean plain;       /* an integer in digits only: no unit, multiplier or point */
  int ndigits;          /* digits of a plain integer */
  int trailing_big;     /* 3万 -> 4: a multiplier that ends the number */
  gboolean inner_more;  /* 340多万 */
  gboolean single_cn;   /* one Chinese digit or unit character alone */
  gboolean approximate; /* 十几 */
} numeral_core;

/* Reads the number whose first digit is at t[pos]: 1480, 3,556, 30.92,
 * 四万三千四百, 十点四九, 6.8万, 340多万, 二〇一六, 两三, 十几. FALSE when there is
 * none. */
gboolean numeral_parse_core(const char *t, size_t len, size_t pos, numeral_core *o);

/* ---- the words around numerals (words.c) ------------------------------- */

/* The byte length of the not_number word starting at t[pos], or 0. */
size_t numeral_words_not_number_at(const jd_numeral_words *w, const char *t, size_t len,
                                   size_t pos);
/* The prefix qualifier word ending at t[pos] (not before floor) that applies:
 * its qualifier, with its start in *start; -1 when none. With only = a
 * qualifier, the first word of that qualifier (超过340多: still more than). */
int numeral_words_prefix_before(const jd_numeral_words *w, const char *t, size_t floor,
                                size_t pos, int only, size_t *start);
/* The suffix qualifier word at t[p] that may follow a number of kind: its
 * qualifier, with its length in *wlen; -1 when none. */
int numeral_words_suffix_at(const jd_numeral_words *w, const char *t, size_t len, size_t p,
                            jd_numeral_kind kind, size_t *wlen);
/* Whether a campaign-code word starts at t[p]. */
gboolean numeral_words_code_at(const jd_numeral_words *w, const char *t, size_t len, size_t p);
/* Whether t[p] starts a word of 成 that is no tenths (成员). */
gboolean numeral_words_not_tenths_at(const jd_numeral_words *w, const char *t, size_t len,
                                     size_t p);
/* Whether the number t[start, end) is a place in a ranking: a rank word
 * before it and one of its words after (前3名, 前十位). */
gboolean numeral_words_rank_around(const jd_numeral_words *w, const char *t, size_t len,
                                   size_t start, size_t end);
/* Whether the lone numeral c after the character prev is part of a word. */
gboolean numeral_words_in_word(const jd_numeral_words *w, gunichar prev, gunichar c);
