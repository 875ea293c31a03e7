/* Shared between the extractor's files: the per-document context (date,
 * own region, topic year) and period arithmetic. Not a public interface. */
#pragma once

#include <glib.h>
#include <string.h>

#include "jindu/extract.h"
#include "jindu/lexicon.h"
#include "jindu/numeral.h"
#include "jindu/period.h"


/* Everything learned about the document before its figures are resolved. */
typedef struct {
  int year, month, day;    /* the document's own date; 0 when unknown */
  int topic_year;          /* year the document is about (title, lead); 0 */
  char date[16];           /* "2020-01-23", "2020-02", "2020" or "" */
  char *region;            /* canonical own region, or NULL */
  int region_level;        /* its jd_region_level */
  int self_level;          /* jd_region_level of 全省/全州/全县, or -1 */
  char self_word[7];       /* the first self reference as written (全市) */
  gboolean roc;            /* years may be counted in the Minguo era (111年 = 2022):
                              the document is about Taiwan or writes 民国 */
  char *why_date, *why_region, *why_topic; /* for --explain */
} jd_doc_context;

void jd_doc_context_clear(jd_doc_context *c);
/* Learns date, topic year and own region from the first paragraphs of a
 * document (texts[i] normalized, n of them). */
void jd_doc_context_learn(jd_doc_context *c, const jd_lexicon *lx, const char *const *texts,
                          const size_t *lens, size_t n);

/* The Western year of a Minguo year written at nums[k] (民国111年, or 111年 when
 * roc), or 0. */
int jd_roc_year_at(const jd_lexicon *lx, const char *t, size_t len, const jd_numeral *m,
                   gboolean roc);

/* The level a self reference (全省, 我县, 本市) points at, with its byte
 * length in *len; -2 when text does not start with one; -1 for 全区/我区
 * (an autonomous region or a district: any level). */
int jd_self_reference_at(const jd_lexicon *lx, const char *text, size_t len,
                         size_t *match_len);

/* An anonymized place name at p (X市, XX县, A县, 某县); its byte length
 * and level, or 0. */
size_t jd_anonymized_at(const char *t, size_t end, size_t p, int *level);

/* UTF-8 helpers over byte ranges. */
gunichar jd_char_at(const char *t, size_t end, size_t p, size_t *next);
/* The offset of the character after the one at p (text is valid UTF-8). */
static inline size_t jd_next_char(const char *t, size_t end, size_t p)
{
  unsigned char b = (unsigned char)t[p];
  size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  return p + n <= end ? p + n : end;
}
gunichar jd_char_before(const char *t, size_t floor, size_t p, size_t *prev);
/* Inline so that strlen of a literal folds to a constant. */
static inline gboolean jd_has_prefix_at(const char *t, size_t end, size_t p, const char *lit)
{
  size_t n = strlen(lit);
  return p + n <= end && memcmp(t + p, lit, n) == 0;
}
static inline gboolean jd_has_suffix_at(const char *t, size_t floor, size_t p, const char *lit)
{
  size_t n = strlen(lit);
  return p >= floor + n && memcmp(t + p - n, lit, n) == 0;
}
gboolean jd_is_cjk(gunichar c);
gboolean jd_is_punct(gunichar c);

/* The cue words of set NAME (cues.tsv) in the lexicon of the extractor x. */
#define CUES(x, NAME) jd_lexicon_get_cues((x)->lx, JD_CUE_##NAME)
