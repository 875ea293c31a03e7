/* Small text helpers the extractor's files share: UTF-8 stepping over byte
 * ranges, character classes, finding a literal in a byte range, and the
 * explanation a candidate figure collects for --explain. */
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
#include <string.h>

#include "extract/extract-private.h"
#include "util/find.h"

gunichar jd_char_at(const char *t, size_t end, size_t p, size_t *next)
{
  if (p >= end) {
    if (next) *next = end;
    return 0;
  }
  const unsigned char *u = (const unsigned char *)t + p;
  unsigned char b = u[0];
  size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  if (p + n > end) n = end - p;
  if (b < 0x80) {
    if (next) *next = p + 1;
    return b;
  }
  if (n == 3 && b >= 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
    if (next) *next = p + 3;
    return ((gunichar)(b & 0x0F) << 12) | ((gunichar)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
  }
  gunichar c = g_utf8_get_char_validated(t + p, (gssize)n);
  if (c == (gunichar)-1 || c == (gunichar)-2) {
    c = 0xFFFD;
    n = 1;
  }
  if (next) *next = p + n;
  return c;
}

gunichar jd_char_before(const char *t, size_t floor, size_t p, size_t *prev)
{
  if (p <= floor) {
    if (prev) *prev = floor;
    return 0;
  }
  size_t q = p - 1;
  while (q > floor && ((unsigned char)t[q] & 0xC0) == 0x80) q--;
  if (prev) *prev = q;
  return jd_char_at(t, p, q, NULL);
}

gboolean jd_is_cjk(gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3007;
}

gboolean jd_is_punct(gunichar c)
{
  if (c == 0) return TRUE;
  if (c < 0x80) return g_ascii_ispunct((char)c) || g_ascii_isspace((char)c);
  return g_unichar_ispunct(c) || g_unichar_isspace(c);
}

/* Where the clause going on at p ends: its comma, full stop, semicolon or
 * colon (quotes and brackets inside do not end it: 开展“清剿”行动以来), at most
 * 120 bytes on, not past end. */
size_t jd_clause_end_after(const char *t, size_t end, size_t p)
{
  size_t lim = p, nx;
  while (lim < end && lim < p + 120) {
    gunichar c = jd_char_at(t, end, lim, &nx);
    if (c == 0xFF0C || c == 0x3002 || c == 0xFF1B || c == 0xFF1A || c == ',' || c == ';') break;
    lim = nx;
  }
  return lim;
}

/* The word of since (cues.tsv since_now) that ends the clause going on at p
 * (2023年9月全省开展清剿行动以来，…), its place in *at; NULL if none. */
const jd_lex_entry *jd_since_closes_clause(const jd_cue_set *since, const char *t, size_t end,
                                           size_t p, size_t *at)
{
  size_t lim = jd_clause_end_after(t, end, p);
  const jd_lex_entry *w = jd_cue_find(since, t, p, lim, at);
  return w && *at + w->len == lim ? w : NULL;
}

/* Skips spaces forward. */
size_t jd_skip_spaces(const char *t, size_t end, size_t p)
{
  while (p < end && (t[p] == ' ' || t[p] == '\t')) p++;
  if (lit_at(t, end, p, "\xE3\x80\x80")) return jd_skip_spaces(t, end, p + 3);
  return p;
}

/* jd_rfind_lit with lit's length (n) given. */
size_t jd_rfind_lit_n(const char *t, size_t from, size_t to, const char *lit, size_t n)
{
  if (to <= from) return (size_t)-1;
  /* as g_strrstr_len: the range ends at a NUL */
  size_t len = strnlen(t + from, to - from);
  const char *hit = jd_mem_rfind(t + from, len, lit, n);
  return hit ? (size_t)(hit - t) : (size_t)-1;
}

void jd_why(cand *c, const char *fmt, ...)
{
  if (!c->why) return;
  va_list ap;
  va_start(ap, fmt);
  if (c->why->len) g_string_append(c->why, "; ");
  g_string_append_vprintf(c->why, fmt, ap);
  va_end(ap);
}

/* Finds the words of table in the sentence from where they were found before
 * on to `to` at least; FALSE (none kept) where the sentence is not
 * well-formed UTF-8. */
static gboolean find_sentence_words(jd_extractor *x, jd_lex_table table, jd_sentence_words *sw,
                                    const char *t, size_t to)
{
  size_t p = sw->done, e = sw->e;
  const guint8 *starts = x->first_bits[table];
  while (p < to) {
    const unsigned char *u = (const unsigned char *)t + p;
    const jd_lex_entry *w;
    size_t n;
    if (u[0] >= 0xE0 && u[0] < 0xF0 && e - p >= 3 && (u[1] & 0xC0) == 0x80 &&
        (u[2] & 0xC0) == 0x80) {
      /* most characters: jd_lex_at's first test here */
      gunichar c = ((gunichar)(u[0] & 0x0F) << 12) | ((gunichar)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
      n = 3;
      w = c && !((starts[c >> 3] >> (c & 7)) & 1) ? NULL
                                                  : jd_lexicon_match(x->lx, table, t + p, e - p);
    } else {
      n = u[0] < 0x80   ? 1
          : u[0] < 0xC0 ? 0
          : u[0] < 0xE0 ? 2
          : u[0] < 0xF0 ? 3
          : u[0] < 0xF8 ? 4
                        : 0;
      gboolean whole = n && p + n <= e;
      for (size_t k = 1; whole && k < n; k++)
        whole = (u[k] & 0xC0) == 0x80;
      if (!whole) {
        sw->t = NULL;
        return FALSE;
      }
      w = jd_lex_at(x, table, t, p, e);
    }
    if (w) {
      jd_word_at a = {p, w};
      g_array_append_val(sw->words, a);
    }
    p += n;
  }
  sw->done = p;
  return TRUE;
}

const jd_word_at *jd_sentence_words_in(jd_extractor *x, jd_lex_table table, const char *t,
                                       size_t from, size_t to, guint *first, guint *n)
{
  if (x->plain_walks || from >= to || from < x->sent_start || to > x->sent_end ||
      ((unsigned char)t[from] & 0xC0) == 0x80)
    return NULL;
  jd_sentence_words *sw = &x->sent_words[table];
  if (sw->t != t || sw->s != x->sent_start || sw->e != x->sent_end) {
    g_array_set_size(sw->words, 0);
    sw->t = t;
    sw->s = sw->done = x->sent_start;
    sw->e = x->sent_end;
  }
  if (sw->done < to && !find_sentence_words(x, table, sw, t, to)) return NULL;
  const jd_word_at *a = (const jd_word_at *)(void *)sw->words->data;
  guint lo = 0, hi = sw->words->len;
  while (lo < hi) { /* the first at or after from */
    guint mid = lo + (hi - lo) / 2;
    if (a[mid].pos < from)
      lo = mid + 1;
    else
      hi = mid;
  }
  *first = lo;
  *n = sw->words->len;
  return a;
}

void jd_sentence_words_forget(jd_extractor *x)
{
  for (int i = 0; i < JD_LEX_N_TABLES; i++)
    x->sent_words[i].t = NULL;
}
