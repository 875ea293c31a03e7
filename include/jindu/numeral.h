/* Numbers as Chinese documents write them: Arabic, decimal, Chinese numerals,
 * mixed (6.8万), percentages, per mille, percentage points, ranges, and the
 * approximation words around them (多 余 近 约 超过 不到 ...). Things that look
 * like numbers but are not measures (dates, times, ordinals, campaign codes)
 * are reported with their own kind so extraction can skip them. */
#pragma once

#include <glib.h>
#include <stddef.h>

G_BEGIN_DECLS

typedef enum {
  JD_QUAL_EXACT = 0,
  JD_QUAL_MORE_THAN,  /* 多 余 逾 超过 以上 */
  JD_QUAL_NEARLY,     /* 近 将近 接近 */
  JD_QUAL_ABOUT,      /* 约 左右 大约 */
  JD_QUAL_LESS_THAN,  /* 不到 不足 */
  JD_QUAL_AT_LEAST,   /* 至少 不少于 */
  JD_QUAL_AT_MOST,    /* 至多 不超过 最多 */
} jd_qualifier;

typedef enum {
  JD_NUM_NUMBER = 0,   /* a plain quantity: 1480, 6.8万, 四万三千四百 */
  JD_NUM_PERCENT,      /* 45%, 百分之四十五 */
  JD_NUM_PERMILLE,     /* 3‰ */
  JD_NUM_PERCENT_POINT,/* 0.8个百分点, 六个百分点 */
  JD_NUM_YEAR,         /* 2018年 (year set) */
  JD_NUM_DATE,         /* 2016年3月18日, 2020/1/23, 2021-02-23, 3月18日 */
  JD_NUM_TIME,         /* 13:55:26 */
  JD_NUM_ORDINAL,      /* 第六, 一是, (三), 二、 */
  JD_NUM_CODE,         /* campaign codes: 6.27, 8·31, 5.14, 7·04 */
} jd_numeral_kind;

/* One number found in text. Offsets are byte offsets into the scanned text;
 * [start, end) covers the number with its qualifier words, multiplier (万 亿)
 * and %/‰/百分点 sign, but not the unit that follows (人, 起, 公斤). */
typedef struct {
  size_t start, end;
  size_t digits_start, digits_end; /* the number itself without qualifier words */
  jd_numeral_kind kind;
  double value;        /* percent 45% -> 45; for ranges the low end */
  double value_high;   /* ranges (2—3, 5-20%, 两三): the high end; else == value */
  gboolean is_range;
  int decimals;        /* stated precision: digits after the point (30.77 -> 2) */
  jd_qualifier qualifier;
  gboolean chinese;    /* written (at least partly) in Chinese numerals */
  gboolean overflow;   /* beyond a double's exact integer range (2^53) */
  int year, month, day;/* for JD_NUM_YEAR / JD_NUM_DATE; 0 when absent */
} jd_numeral;

/* The words around numerals that are not the numeral system itself: words in
 * which numeral characters are no quantity (一些, 千方百计, 四川), qualifier
 * words before and after a number (超过, 近, 多, 左右), the words after a
 * campaign code (5.14专案), the words 成 starts that are no tenths (成员), and
 * the characters before a lone numeral that make it part of a word (统一,
 * 周一). They are rows of data/lexicon/numerals.tsv, which the lexicon reads
 * and hands over row by row (see jd_lexicon_get_numeral_words); this module
 * owns what the roles mean. */
typedef struct jd_numeral_words jd_numeral_words;

/* An empty set of words. Caller frees with jd_numeral_words_free. */
jd_numeral_words *jd_numeral_words_new(void);
void jd_numeral_words_free(jd_numeral_words *words);
/* Adds one row: role (not_number, prefix, suffix, code, not_tenths,
 * in_word), the word, and the row's argument and extra columns ("" when
 * absent); see numerals.tsv for what each role's columns mean. Rows of a
 * role are tried in the order they were added. Returns NULL, or a sentence
 * saying what is wrong with the row (static, not to be freed). */
const char *jd_numeral_words_add(jd_numeral_words *words, const char *role, const char *word,
                                 const char *arg, const char *extra);

/* The qualifier (a jd_qualifier) of the prefix qualifier word (超过, 约, 不到)
 * ending at text[pos], not before floor, with its start in *start; -1 when
 * none. The extractor uses it for a qualifier that governs a whole phrase
 * (超过全省总数的三分之一). */
int jd_numeral_prefix_before(const jd_numeral_words *words, const char *text, size_t floor,
                             size_t pos, size_t *start);

/* Parses the whole of s[0..len) as one numeral (qualifier words allowed).
 * Returns FALSE if it is not exactly one numeral. words may be NULL: then
 * only the numeral system is read, with no qualifier words. */
gboolean jd_numeral_parse(const jd_numeral_words *words, const char *s, size_t len,
                          jd_numeral *out);

/* Appends every numeral found in text[0..len) to out (a GArray of
 * jd_numeral), in order; returns how many were appended. words as for
 * jd_numeral_parse. */
size_t jd_numeral_scan(const jd_numeral_words *words, const char *text, size_t len, GArray *out);

/* "exact", "more_than", "nearly", "about", "less_than", "at_least", "at_most". */
const char *jd_qualifier_to_string(jd_qualifier q);
gboolean jd_qualifier_from_string(const char *s, jd_qualifier *out);
const char *jd_numeral_kind_to_string(jd_numeral_kind k);

/* Where a qualified value is written, which picks its words. */
typedef enum {
  JD_QUAL_WORDS_FIGURE = 0, /* the briefing and the charts: 约3.5万, 1480余 */
  JD_QUAL_WORDS_PERCENT,    /* a percentage in the briefing: 超过45% */
  JD_QUAL_WORDS_AUDIT,      /* the audit, as documents say it: 340多 */
} jd_qualifier_words_style;

/* The words written before and after a value with qualifier q (the qualifier
 * rows of data/lexicon/names.tsv); "" when none. Static. */
void jd_qualifier_words(jd_qualifier q, jd_qualifier_words_style style, const char **before,
                        const char **after);

/* 1..99 in Chinese numerals as section numbers are written (一, 十, 十一,
 * 二十三); other values in Arabic digits. Caller frees. */
char *jd_numeral_to_chinese(guint n);

G_END_DECLS
