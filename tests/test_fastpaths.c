/* The hand-written fast paths of extraction give exactly what the library
 * calls they replace gave: jd_mem_find / jd_mem_rfind (util/find.h) against
 * a plain search (and memmem), on random bytes, UTF-8 text and NULs;
 * jd_period_format against the snprintf formats it replaced, on every kind
 * of period and edge values, cut to every buffer size; jd_lexicon_match and
 * jd_lexicon_match_ending (their index) against a scan of every entry, at
 * every character of the invented documents and several bounds;
 * jd_cell_needs_care says FALSE only where jd_cell_safe_text changes nothing,
 * and TRUE wherever it does; jd_csv_append_field writes what the two-pass
 * writer it replaced wrote; jd_strip_pinyin_glosses strips what the
 * character-at-a-time version did; jd_cue_find (one walk over the text with
 * the set's first-character index) finds what one search per word found, on
 * the invented documents, their bytes cut anywhere and bytes changed;
 * jd_cue_at (its index test inline) and jd_cue_before (an index of last
 * characters) find what a scan of every word finds. */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <string.h>

#include "extract/extract-private.h"
#include "jindu/extract.h"
#include "jindu/figure.h"
#include "jindu/lexicon.h"
#include "jindu/period.h"
#include "testutil.h"
#include "text/pinyin.h"
#include "util/find.h"

static const char *naive_find(const char *h, size_t n, const char *s, size_t m)
{
  for (size_t p = 0; p + m <= n; p++)
    if (memcmp(h + p, s, m) == 0) return h + p;
  return NULL;
}

static const char *naive_rfind(const char *h, size_t n, const char *s, size_t m)
{
  if (m > n) return NULL;
  for (size_t p = n - m + 1; p-- > 0;)
    if (memcmp(h + p, s, m) == 0) return h + p;
  return NULL;
}

/* Haystacks of 0..80 bytes from a small alphabet (many near-misses), the
 * needle a piece of the haystack or random; every length and offset. */
static void test_find_random(void)
{
  static const char alphabet[] = {'a', 'b', '\0', '\xE5', '\x85', '\xA8', '\xE7'};
  GRand *r = g_rand_new_with_seed(20);
  char hay[96], needle[12];
  for (int round = 0; round < 60000; round++) {
    size_t n = (size_t)g_rand_int_range(r, 0, 81);
    for (size_t i = 0; i < n; i++) hay[i] = alphabet[g_rand_int_range(r, 0, G_N_ELEMENTS(alphabet))];
    size_t m = (size_t)g_rand_int_range(r, 1, 10);
    if (n >= m && g_rand_boolean(r)) {
      size_t at = (size_t)g_rand_int_range(r, 0, (gint32)(n - m + 1));
      memcpy(needle, hay + at, m);
    } else {
      for (size_t i = 0; i < m; i++) needle[i] = alphabet[g_rand_int_range(r, 0, G_N_ELEMENTS(alphabet))];
    }
    g_assert_true(jd_mem_find(hay, n, needle, m) == naive_find(hay, n, needle, m));
    g_assert_true(jd_mem_find(hay, n, needle, m) == memmem(hay, n, needle, m));
    g_assert_true(jd_mem_rfind(hay, n, needle, m) == naive_rfind(hay, n, needle, m));
  }
  g_rand_free(r);
  /* an empty needle: the start (as memmem) / the end */
  const char *abc = "abc";
  g_assert_true(jd_mem_find(abc, 3, "", 0) == abc);
  g_assert_true(jd_mem_rfind(abc, 3, "", 0) == abc + 3);
}

/* jd_mem_find_any3 against a byte loop: every length 0..80 and offset, the
 * three bytes present or not, at the ends of a 16-byte block or beyond. */
static void test_find_any3(void)
{
  static const char alphabet[] = {'a', '<', '&', ';', '\0', '\xE5', '\xBC'};
  GRand *r = g_rand_new_with_seed(2026);
  char buf[96];
  for (int round = 0; round < 60000; round++) {
    size_t n = (size_t)g_rand_int_range(r, 0, 81);
    int kinds = g_rand_int_range(r, 1, G_N_ELEMENTS(alphabet) + 1);
    for (size_t i = 0; i < n; i++) buf[i] = alphabet[g_rand_int_range(r, 0, kinds)];
    size_t want = n;
    for (size_t i = 0; i < n && want == n; i++)
      if (buf[i] == '<' || buf[i] == '&' || buf[i] == ';') want = i;
    g_assert_cmpuint(jd_mem_find_any3(buf, n, '<', '&', ';'), ==, want);
  }
  g_rand_free(r);
}

static void test_find_text(void)
{
  const char *t = "全省共破获毒品案件120起，全市破获毒品案件30起，其中“净边”行动破获毒品案件9起。";
  size_t n = strlen(t);
  const char *w = "毒品案件";
  g_assert_true(jd_mem_find(t, n, w, strlen(w)) == strstr(t, w));
  g_assert_true(jd_mem_rfind(t, n, w, strlen(w)) == g_strrstr(t, w));
  g_assert_null(jd_mem_find(t, n, "缴获", strlen("缴获")));
  g_assert_true(jd_mem_find(t, n, "起", strlen("起")) == strstr(t, "起"));
  g_assert_true(jd_mem_rfind(t, n, "起", strlen("起")) == g_strrstr(t, "起"));
  /* the whole text, and one byte short of it */
  g_assert_true(jd_mem_find(t, n, t, n) == t);
  g_assert_null(jd_mem_find(t, n - 1, t, n));
  g_assert_true(jd_mem_rfind(t, n, t, n) == t);
}

/* What jd_period_format gave when it was written with snprintf. */
static void reference_format(const jd_period *p, char *buf, size_t size)
{
  if (p->year <= 0) {
    g_strlcpy(buf, "unknown", size);
    return;
  }
  if (p->year_to > p->year && p->month_from && p->month_to)
    snprintf(buf, size, "%d-%02d/%d-%02d", p->year, p->month_from, p->year_to, p->month_to);
  else if (p->year_to > p->year)
    snprintf(buf, size, "%d/%d", p->year, p->year_to);
  else if (p->half)
    snprintf(buf, size, "%d-H%d", p->year, p->half);
  else if (p->quarter)
    snprintf(buf, size, "%d-Q%d", p->year, p->quarter);
  else if (p->month_from && p->month_to && p->month_to != p->month_from)
    snprintf(buf, size, "%d-%02d/%d-%02d", p->year, p->month_from, p->year, p->month_to);
  else if (p->month_from)
    snprintf(buf, size, "%d-%02d", p->year, p->month_from);
  else
    snprintf(buf, size, "%d", p->year);
}

static void test_period_format(void)
{
  static const int years[] = {-1, 0, 1, 9, 999, 2019, 2023, 12345, G_MAXINT};
  static const int small[] = {G_MININT, -12, -1, 0, 1, 2, 9, 10, 12, 13, 100};
  for (size_t a = 0; a < G_N_ELEMENTS(years); a++)
    for (size_t b = 0; b < G_N_ELEMENTS(years); b++)
      for (size_t c = 0; c < G_N_ELEMENTS(small); c++)
        for (size_t d = 0; d < G_N_ELEMENTS(small); d++)
          for (int shape = 0; shape < 4; shape++) {
            jd_period p = {0};
            p.year = years[a];
            p.year_to = shape == 0 ? years[b] : 0;
            p.month_from = small[c];
            p.month_to = shape == 3 ? 0 : small[d];
            p.half = shape == 1 ? small[d] : 0;
            p.quarter = shape == 2 ? small[c] : 0;
            for (size_t size = 1; size <= 64; size += size < 12 ? 1 : 26) {
              char want[64], got[64];
              reference_format(&p, want, size);
              jd_period_format(&p, got, size);
              g_assert_cmpstr(got, ==, want);
            }
          }
}

/* The longest entry (then the first in its file) written at / ending at the
 * end of text[0, len), from all the table's entries. */
static const jd_lex_entry *scan_entries(const jd_lexicon *lx, jd_lex_table table, const char *text,
                                        size_t len, gboolean ending)
{
  const jd_lex_entry *best = NULL;
  for (size_t i = 0; i < jd_lexicon_get_count(lx, table); i++) {
    const jd_lex_entry *e = jd_lexicon_get(lx, table, i);
    if (e->len > len || memcmp(e->surface, ending ? text + len - e->len : text, e->len) != 0)
      continue;
    if (!best || e->len > best->len || (e->len == best->len && e->line < best->line)) best = e;
  }
  return best;
}

static void check_lexicon_doc(const char *path)
{
  static jd_lexicon *lx;
  if (!lx) {
    GError *err = NULL;
    lx = jd_lexicon_load(NULL, &err);
    g_assert_no_error(err);
  }
  gsize n;
  g_autofree char *t = jd_test_read_file(path, &n);
  if (!g_utf8_validate(t, (gssize)n, NULL)) return; /* the GB18030 sample */
  static const size_t bounds[] = {1, 2, 3, 5, 6, 9, 12, 18, 27, 40};
  for (size_t p = 0; p < n; p = (size_t)(g_utf8_next_char(t + p) - t)) {
    for (int table = 0; table < JD_LEX_N_TABLES; table++) {
      for (size_t b = 0; b < G_N_ELEMENTS(bounds); b++) {
        size_t len = MIN(bounds[b], n - p);
        const jd_lex_entry *e = jd_lexicon_match(lx, table, t + p, len);
        g_assert_true(e == scan_entries(lx, table, t + p, len, FALSE));
        /* the index of first characters never rules out an entry that is there */
        gunichar c = g_utf8_get_char(t + p);
        if (e && c < 0x10000) g_assert_true((jd_lexicon_first_bits(lx, table)[c >> 3] >> (c & 7)) & 1);
        if (bounds[b] <= p)
          g_assert_true(jd_lexicon_match_ending(lx, table, t + p - bounds[b], bounds[b]) ==
                        scan_entries(lx, table, t + p - bounds[b], bounds[b], TRUE));
      }
    }
  }
}

static void test_cell_care(void)
{
  /* pieces: hidden characters, quotes and dashes that are not, broken UTF-8 */
  static const char *const pieces[] = {
      "a", "=", "-", " ", ",", "\t", "\n", "\x01", "\x7f", "全", "“", "”", "—", "\xE2\x80\x8E",
      "\xE2\x80\x8F", "\xE2\x80\xAA", "\xE2\x80\xAE", "\xE2\x80\xAF", "\xE2\x81\xA6",
      "\xE2\x81\xA9", "\xE2\x81\xAA", "\xC2\x85", "\xC2\x9F", "\xC2\xA0", "\xD8\x9C",
      "\xD8\x9D", "\xE2", "\xC2", "\xD8", "\x80", "\xE2\x80", "\xF0\x9F\x98\x80"};
  GRand *r = g_rand_new_with_seed(7);
  for (int round = 0; round < 200000; round++) {
    char s[64] = "";
    int k = g_rand_int_range(r, 0, 6);
    for (int i = 0; i < k; i++) g_strlcat(s, pieces[g_rand_int_range(r, 0, G_N_ELEMENTS(pieces))], sizeof s);
    g_autofree char *safe = jd_cell_safe_text(s);
    g_assert_true(jd_cell_needs_care(s) == (strcmp(safe, s) != 0) ||
                  (jd_cell_needs_care(s) && strpbrk(s, "\t\n\r") != NULL));
  }
  g_rand_free(r);
}

/* The CSV field as written before: every text made safe when any byte
 * could need it, then quoted when a byte or an edge space asks for it. */
static void reference_csv_field(GString *out, const char *s)
{
  gboolean care = *s && strchr("=+-@\t\r", s[0]);
  for (const guchar *p = (const guchar *)s; *p; p++)
    if (*p < 0x20 || *p == 0x7f || *p == 0xC2 || *p == 0xD8 || *p == 0xE2) care = TRUE;
  g_autofree char *safe = care ? jd_cell_safe_text(s) : g_strdup(s);
  size_t n = strlen(safe);
  gboolean quote = strpbrk(safe, ",\"\n\r") || (n && (safe[0] == ' ' || safe[n - 1] == ' '));
  if (!quote) {
    g_string_append(out, safe);
    return;
  }
  g_string_append_c(out, '"');
  for (const char *q = safe; *q; q++) {
    if (*q == '"') g_string_append_c(out, '"');
    g_string_append_c(out, *q);
  }
  g_string_append_c(out, '"');
}

static void test_csv_field(void)
{
  static const char *const pieces[] = {
      "a", "=", "@", " ", ",", "\"", "\t", "\n", "\r", "\x01", "\x7f", "全省破获毒品案件", "“",
      "”", "—", "\xE2\x80\x8E", "\xE2\x80\xAE", "\xE2\x81\xA7", "\xC2\x85", "\xC2\xA0",
      "\xD8\x9C", "\xE2", "\x80", "0123456789abcdef"};
  GRand *r = g_rand_new_with_seed(11);
  GString *got = g_string_new(NULL), *want = g_string_new(NULL);
  for (int round = 0; round < 200000; round++) {
    char s[200] = "";
    int k = g_rand_int_range(r, 0, 12);
    for (int i = 0; i < k; i++) g_strlcat(s, pieces[g_rand_int_range(r, 0, G_N_ELEMENTS(pieces))], sizeof s);
    g_string_truncate(got, 0);
    g_string_truncate(want, 0);
    jd_csv_append_field(got, s);
    reference_csv_field(want, s);
    g_assert_cmpstr(got->str, ==, want->str);
  }
  g_string_free(got, TRUE);
  g_string_free(want, TRUE);
  g_rand_free(r);
}

/* jd_strip_pinyin_glosses as it was: a character at a time. */
static gboolean ref_toned(gunichar c)
{
  static const gunichar toned[] = {0x101, 0xE1, 0x1CE, 0xE0, 0x113, 0xE9, 0x11B, 0xE8, 0x12B, 0xED,
                                   0x1D0, 0xEC, 0x14D, 0xF3, 0x1D2, 0xF2, 0x16B, 0xFA, 0x1D4, 0xF9,
                                   0x1D6, 0x1D8, 0x1DA, 0x1DC, 0xFC, 0x144, 0x148, 0x1F9, 0x1E3F};
  for (size_t i = 0; i < G_N_ELEMENTS(toned); i++)
    if (toned[i] == c) return TRUE;
  return FALSE;
}

static size_t ref_gloss_at(const char *s, size_t n, size_t i)
{
  size_t j = i + 1;
  int letters = 0;
  gboolean tone = FALSE;
  while (j < n && s[j] != ')') {
    gunichar c = g_utf8_get_char_validated(s + j, (gssize)(n - j));
    if (c == (gunichar)-1 || c == (gunichar)-2) return 0;
    if (ref_toned(c)) tone = TRUE;
    else if (!(c >= 'a' && c <= 'z')) return 0;
    if (++letters > 7) return 0;
    j = (size_t)(g_utf8_next_char(s + j) - s);
  }
  if (j >= n || letters == 0 || !tone) return 0;
  return j + 1 - i;
}

static void ref_strip(GString *s)
{
  if (!memchr(s->str, '(', s->len)) return;
  size_t k = 0, i = 0;
  gunichar prev = 0;
  while (i < s->len) {
    gboolean cjk = (prev >= 0x3400 && prev <= 0x9FFF) || (prev >= 0xF900 && prev <= 0xFAFF) ||
                   (prev >= 0x20000 && prev <= 0x3FFFF);
    if (s->str[i] == '(' && cjk) {
      size_t g = ref_gloss_at(s->str, s->len, i);
      if (g) {
        i += g;
        continue;
      }
    }
    const char *next = g_utf8_next_char(s->str + i);
    size_t l = (size_t)(next - (s->str + i));
    if (i + l > s->len) l = s->len - i;
    prev = l > 1 ? g_utf8_get_char_validated(s->str + i, (gssize)l) : (guchar)s->str[i];
    memmove(s->str + k, s->str + i, l);
    k += l;
    i += l;
  }
  g_string_truncate(s, k);
}

static void test_pinyin(void)
{
  static const char *const pieces[] = {"禁", "毒", "(", ")", "(jìn)", "(dú)", "(zhōng)", "(abc)",
                                       "(ǖ)", "(jìnjìnjìn)", "a", " ", "𠀀", "\xE7", "\xE7\xA6",
                                       "，", "(", "ü"};
  GRand *r = g_rand_new_with_seed(3);
  for (int round = 0; round < 200000; round++) {
    GString *a = g_string_new(NULL);
    int k = g_rand_int_range(r, 0, 10);
    for (int i = 0; i < k; i++) g_string_append(a, pieces[g_rand_int_range(r, 0, G_N_ELEMENTS(pieces))]);
    GString *b = g_string_new_len(a->str, (gssize)a->len);
    jd_strip_pinyin_glosses(a);
    ref_strip(b);
    g_assert_cmpuint(a->len, ==, b->len);
    g_assert_true(memcmp(a->str, b->str, a->len) == 0);
    g_string_free(a, TRUE);
    g_string_free(b, TRUE);
  }
  g_rand_free(r);
}

static void test_lexicon_index(void)
{
  jd_test_each_doc(check_lexicon_doc);
  /* every entry's first character is in the index */
  jd_lexicon *lx = jd_lexicon_load(NULL, NULL);
  g_assert_nonnull(lx);
  for (int table = 0; table < JD_LEX_N_TABLES; table++)
    for (size_t i = 0; i < jd_lexicon_get_count(lx, table); i++) {
      gunichar c = g_utf8_get_char(jd_lexicon_get(lx, table, i)->surface);
      if (c < 0x10000) g_assert_true((jd_lexicon_first_bits(lx, table)[c >> 3] >> (c & 7)) & 1);
    }
  jd_lexicon_free(lx);
}

/* jd_cue_find as it was: each word in turn, searched for in the whole range. */
static const jd_lex_entry *cue_find_per_word(const jd_cue_set *set, const char *t, size_t from,
                                             size_t to, size_t *pos)
{
  for (size_t i = 0; i < set->count && to > from; i++) {
    const char *hit = memmem(t + from, to - from, set->entries[i]->surface, set->entries[i]->len);
    if (hit) {
      *pos = (size_t)(hit - t);
      return set->entries[i];
    }
  }
  return NULL;
}

static jd_lexicon *cue_lx;
static void check_cue_at_everywhere(const char *t, size_t n);

/* Every set over ranges of t from byte offsets that are and are not character
 * starts, short and long (both ways of searching), ending anywhere. */
static void check_cue_ranges(const char *t, size_t n, size_t stride)
{
  static const size_t spans[] = {0, 1, 2, 3, 6, 20, 64, 65, 90, 300, 2000};
  for (size_t from = 0; from < n; from += stride)
    for (size_t k = 0; k < G_N_ELEMENTS(spans); k++) {
      size_t to = MIN(n, from + spans[k]);
      for (int c = 0; c < JD_CUE_N_SETS; c++) {
        const jd_cue_set *set = jd_lexicon_get_cues(cue_lx, (jd_cue)c);
        size_t pos = (size_t)-1, want_pos = (size_t)-1;
        const jd_lex_entry *got = jd_cue_find(set, t, from, to, &pos);
        const jd_lex_entry *want = cue_find_per_word(set, t, from, to, &want_pos);
        g_assert_true(got == want);
        g_assert_cmpuint(pos, ==, want_pos);
        g_assert_true(jd_cue_find(set, t, from, to, NULL) == want);
      }
    }
}

static void check_cue_doc(const char *path)
{
  gsize n;
  g_autofree char *t = jd_test_read_file(path, &n);
  check_cue_ranges(t, n, 61);
  /* broken UTF-8: lead bytes dropped, continuation bytes doubled, NULs */
  GRand *r = g_rand_new_with_seed((guint32)n);
  for (gsize i = 0; i < n; i += (gsize)g_rand_int_range(r, 1, 40))
    t[i] = g_rand_boolean(r) ? (char)0x80 : (char)g_rand_int_range(r, 0, 256);
  check_cue_ranges(t, n, 89);
  g_rand_free(r);
}

static void test_cue_find(void)
{
  GError *err = NULL;
  cue_lx = jd_lexicon_load(NULL, &err);
  g_assert_no_error(err);
  jd_test_each_doc(check_cue_doc);
  /* each set's own words, one after another (last to first, then first to
   * last: words of one first character found at one place), in every set */
  for (int c = 0; c < JD_CUE_N_SETS; c++) {
    const jd_cue_set *set = jd_lexicon_get_cues(cue_lx, (jd_cue)c);
    /* the words are valid UTF-8: each set has its lists by first and last
     * character (lexicon.c), which the searches above and below go through */
    g_assert_nonnull(set->chains);
    GString *all = g_string_new(NULL);
    for (size_t i = set->count; i-- > 0;) g_string_append(all, set->entries[i]->surface);
    for (size_t i = 0; i < set->count; i++)
      g_string_append(all, set->entries[i]->surface);
    check_cue_ranges(all->str, all->len, 1 + all->len / 50);
    check_cue_at_everywhere(all->str, all->len);
    g_string_free(all, TRUE);
  }
  jd_lexicon_free(cue_lx);
  cue_lx = NULL;
}

/* jd_cue_at as a scan of every word of the set, in file order. */
static const jd_lex_entry *cue_at_scan(const jd_cue_set *set, const char *t, size_t end, size_t p)
{
  for (size_t i = 0; p < end && i < set->count; i++)
    if (set->entries[i]->len <= end - p && !memcmp(t + p, set->entries[i]->surface, set->entries[i]->len))
      return set->entries[i];
  return NULL;
}

/* jd_cue_before as a scan of every word of the set, in file order. */
static const jd_lex_entry *cue_before_scan(const jd_cue_set *set, const char *t, size_t floor,
                                           size_t p)
{
  for (size_t i = 0; i < set->count; i++) {
    size_t l = set->entries[i]->len;
    if (p >= floor + l && !memcmp(t + p - l, set->entries[i]->surface, l)) return set->entries[i];
  }
  return NULL;
}

/* Every set at every byte of t (character starts or not), ending at the
 * text's end and one, two, three and four bytes on; and the word ending at
 * each byte (jd_cue_before, its index of last characters) from floors 0 to
 * six bytes back. */
static void check_cue_at_everywhere(const char *t, size_t n)
{
  /* no word found in the text (jd_cue_find): none at any place either (a
   * walk that asks jd_cue_at everywhere may be skipped, add_flat_changes) */
  for (int c = 0; c < JD_CUE_N_SETS; c++) {
    const jd_cue_set *set = jd_lexicon_get_cues(cue_lx, (jd_cue)c);
    if (jd_cue_find(set, t, 0, n, NULL)) continue;
    for (size_t p = 0; p < n; p++) g_assert_null(jd_cue_at(set, t, n, p));
  }
  for (size_t p = 0; p <= n; p++)
    for (size_t k = 0; k < 5; k++) {
      size_t end = k == 0 ? n : MIN(n, p + k);
      for (int c = 0; c < JD_CUE_N_SETS; c++) {
        const jd_cue_set *set = jd_lexicon_get_cues(cue_lx, (jd_cue)c);
        g_assert_true(jd_cue_at(set, t, end, p) == cue_at_scan(set, t, end, p));
        static const size_t back[] = {0, 1, 2, 3, 6};
        size_t floor = k == 0 ? 0 : p >= back[k] ? p - back[k] : 0;
        g_assert_true(jd_cue_before(set, t, floor, p) == cue_before_scan(set, t, floor, p));
      }
    }
}

static void check_cue_at_doc(const char *path)
{
  gsize n;
  g_autofree char *t = jd_test_read_file(path, &n);
  n = MIN(n, 6000); /* the opening of each document is enough */
  check_cue_at_everywhere(t, n);
  GRand *r = g_rand_new_with_seed((guint32)n + 1);
  for (gsize i = 0; i < n; i += (gsize)g_rand_int_range(r, 1, 40))
    t[i] = g_rand_boolean(r) ? (char)0x80 : (char)g_rand_int_range(r, 0, 256);
  check_cue_at_everywhere(t, n);
  g_rand_free(r);
}

/* jd_cue_at (the set's index tested inline, then the words) finds what a scan
 * of every word finds: on the invented documents, their bytes changed, and
 * each set's own words one after another. */
static void test_cue_at(void)
{
  GError *err = NULL;
  cue_lx = jd_lexicon_load(NULL, &err);
  g_assert_no_error(err);
  jd_test_each_doc(check_cue_at_doc);
  for (int c = 0; c < JD_CUE_N_SETS; c++) {
    const jd_cue_set *set = jd_lexicon_get_cues(cue_lx, (jd_cue)c);
    GString *all = g_string_new(NULL);
    for (size_t i = set->count; i-- > 0;) g_string_append(all, set->entries[i]->surface);
    check_cue_at_everywhere(all->str, MIN(all->len, 3000));
    g_string_free(all, TRUE);
  }
  jd_lexicon_free(cue_lx);
  cue_lx = NULL;
}

/* Every figure of the document at path as CSV, and whether one explanation
 * counts its year from a reason the document's context gave (its date). */
typedef struct {
  GString *csv;
  gboolean context_reason;
} explained;

static void collect_explained(const jd_figure *f, const char *explanation, gpointer data)
{
  explained *e = data;
  jd_figure_write(e->csv, f, JD_FORMAT_CSV);
  if (explanation && strstr(explanation, "year counted from: document date")) e->context_reason = TRUE;
}

static gboolean any_context_reason;

static void check_explain_doc(const char *path)
{
  static jd_lexicon *lx;
  if (!lx) lx = jd_lexicon_load(NULL, NULL);
  g_assert_nonnull(lx);
  explained runs[2];
  for (int k = 0; k < 2; k++) {
    jd_extract_options xo = JD_EXTRACT_OPTIONS_INIT;
    xo.explain = k == 1;
    runs[k].csv = g_string_new(NULL);
    runs[k].context_reason = FALSE;
    jd_extractor *x = jd_extractor_new(lx, &xo);
    GError *err = NULL;
    jd_extract_file(x, path, NULL, collect_explained, &runs[k], &err);
    g_clear_error(&err);
    jd_extractor_free(x);
  }
  g_assert_cmpstr(runs[0].csv->str, ==, runs[1].csv->str);
  g_assert_false(runs[0].context_reason); /* no explanation is made without --explain */
  any_context_reason = any_context_reason || runs[1].context_reason;
  g_string_free(runs[0].csv, TRUE);
  g_string_free(runs[1].csv, TRUE);
}

/* The document's reasons (its date, region, topic: the why_ strings of the
 * context learner) are formatted only when an explanation is asked for: the
 * figures are the same either way, and with --explain they still say where
 * the year was counted from. */
static void test_explain_reasons(void)
{
  any_context_reason = FALSE;
  jd_test_each_doc(check_explain_doc);
  g_assert_true(any_context_reason);
}

/* jd_anonymized_at as it was before the scans tested its first character
 * inline: the same answer at every byte (the mark test is its own first
 * step), and the inline test holds wherever a name is found. */
static void check_anonymized(const char *t, size_t n)
{
  for (size_t p = 0; p < n; p++)
    for (size_t k = 0; k < 5; k++) {
      size_t end = k == 0 ? n : MIN(n, p + k);
      int level = -9;
      size_t a = jd_anonymized_at(t, end, p, &level);
      if (!jd_anonymized_mark_at(t, end, p)) g_assert_cmpuint(a, ==, 0);
      if (a) g_assert_true(jd_anonymized_mark_at(t, end, p));
    }
}

static void check_anonymized_doc(const char *path)
{
  gsize n;
  g_autofree char *t = jd_test_read_file(path, &n);
  check_anonymized(t, n);
  GRand *r = g_rand_new_with_seed((guint32)n + 2);
  for (gsize i = 0; i < n; i += (gsize)g_rand_int_range(r, 1, 40))
    t[i] = g_rand_boolean(r) ? (char)0x80 : (char)g_rand_int_range(r, 0, 256);
  check_anonymized(t, n);
  g_rand_free(r);
}

static void test_anonymized_mark(void)
{
  const char *t = "X市破获案件3起，A县、XX县、×县、Ｘ省和某县、某某市、ABCD县、bX市、x区各1起。";
  size_t n = strlen(t);
  check_anonymized(t, n);
  static const char *const names[] = {"X市", "A县", "XX县", "×县", "Ｘ省", "某县", "某某市", "x区"};
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
    const char *at = strstr(t, names[i]);
    int level;
    g_assert_nonnull(at);
    g_assert_cmpuint(jd_anonymized_at(t, n, (size_t)(at - t), &level), ==, strlen(names[i]));
  }
  jd_test_each_doc(check_anonymized_doc);
}

/* Every figure and its explanation, as CSV and text. */
static void collect_with_why(const jd_figure *f, const char *explanation, gpointer data)
{
  GString *out = data;
  jd_figure_write(out, f, JD_FORMAT_CSV);
  g_string_append_printf(out, "  why: %s\n", explanation ? explanation : "");
}

/* The paragraphs fed to an extractor as they are (no reader: broken UTF-8
 * reaches the rules), with or without the sentence index. */
static char *extract_fed(jd_lexicon *lx, char **paras, gboolean plain)
{
  jd_extract_options xo = JD_EXTRACT_OPTIONS_INIT;
  xo.explain = TRUE;
  jd_extractor *x = jd_extractor_new(lx, &xo);
  jd_extractor_set_plain_walks(x, plain);
  GString *out = g_string_new(NULL);
  jd_extractor_begin(x, "fed.txt", collect_with_why, out);
  for (guint i = 0; paras[i]; i++) {
    jd_paragraph p = {paras[i], strlen(paras[i]), i + 1, FALSE, NULL};
    jd_extractor_feed(x, &p);
  }
  jd_extractor_end(x);
  jd_extractor_free(x);
  return g_string_free(out, FALSE);
}

static jd_lexicon *walk_lx;
static guint walk_figures;

/* What the index counts on: the scope word at p with the sentence's end as
 * bound is the one with any nearer bound it fits in, and no word with that
 * bound is none with a nearer one (jd_lexicon_match: the longest that fits). */
static void check_bounds_narrow(const char *t, size_t n)
{
  for (size_t p = 0; p < n; p++) {
    const jd_lex_entry *far = jd_lexicon_match(walk_lx, JD_LEX_SCOPE, t + p, n - p);
    for (size_t k = 1; k <= 13 && p + k <= n; k++) {
      const jd_lex_entry *near = jd_lexicon_match(walk_lx, JD_LEX_SCOPE, t + p, k);
      if (!far)
        g_assert_null(near);
      else if (far->len <= k)
        g_assert_true(near == far);
    }
  }
}

static void check_walks_doc(const char *path)
{
  gsize n;
  g_autofree char *t = jd_test_read_file(path, &n);
  for (int broken = 0; broken < 2; broken++) {
    if (broken) { /* lead bytes dropped, continuation bytes doubled */
      GRand *r = g_rand_new_with_seed((guint32)n + 5);
      for (gsize i = 0; i < n; i += (gsize)g_rand_int_range(r, 1, 60))
        t[i] = g_rand_boolean(r) ? (char)0x80 : (char)g_rand_int_range(r, 1, 256);
      g_rand_free(r);
    }
    check_bounds_narrow(t, MIN(n, 20000));
    g_auto(GStrv) paras = g_strsplit(t, "\n", -1);
    g_autofree char *indexed = extract_fed(walk_lx, paras, FALSE);
    g_autofree char *plain = extract_fed(walk_lx, paras, TRUE);
    g_assert_cmpstr(indexed, ==, plain);
    for (const char *q = indexed; (q = strstr(q, "  why: ")); q++)
      walk_figures++;
  }
}

/* jd_lex_at (its inline tests: first character, then the pair of the first
 * two) against jd_lexicon_match, at every byte of t, every table, bounds
 * from the text's end down to one byte on. */
static void check_lex_at(jd_extractor *x, const char *t, size_t n)
{
  for (size_t p = 0; p < n; p++)
    for (int table = 0; table < JD_LEX_N_TABLES; table++)
      for (size_t k = 0; k <= 9; k++) {
        size_t end = k == 0 ? n : MIN(n, p + k);
        const jd_lex_entry *want =
            p < end ? jd_lexicon_match(walk_lx, table, t + p, end - p) : NULL;
        g_assert_true(jd_lex_at(x, table, t, p, end) == want);
      }
}

static void check_lex_at_doc(const char *path)
{
  gsize n;
  g_autofree char *t = jd_test_read_file(path, &n);
  n = MIN(n, 4000);
  jd_extractor *x = jd_extractor_new(walk_lx, NULL);
  check_lex_at(x, t, n);
  GRand *r = g_rand_new_with_seed((guint32)n + 9);
  for (gsize i = 0; i < n; i += (gsize)g_rand_int_range(r, 1, 30))
    t[i] = g_rand_boolean(r) ? (char)0x80 : (char)g_rand_int_range(r, 0, 256);
  check_lex_at(x, t, n);
  g_rand_free(r);
  jd_extractor_free(x);
}

static void test_lex_at(void)
{
  walk_lx = jd_lexicon_load(NULL, NULL);
  g_assert_nonnull(walk_lx);
  jd_test_each_doc(check_lex_at_doc);
  /* every entry of every table, written out, each after the one before */
  jd_extractor *x = jd_extractor_new(walk_lx, NULL);
  for (int table = 0; table < JD_LEX_N_TABLES; table++) {
    GString *all = g_string_new(NULL);
    for (size_t i = 0; i < jd_lexicon_get_count(walk_lx, table) && all->len < 60000; i++)
      g_string_append(all, jd_lexicon_get(walk_lx, table, i)->surface);
    check_lex_at(x, all->str, MIN(all->len, 6000));
    g_string_free(all, TRUE);
  }
  jd_extractor_free(x);
  jd_lexicon_free(walk_lx);
  walk_lx = NULL;
}

/* The scope words of a sentence, found once for its rules (scope.c), give
 * the figures and explanations the walk over every character gave, on every
 * document as it is and with its bytes broken, and on a sentence of many
 * figures and scope words. */
static void test_sentence_index(void)
{
  walk_lx = jd_lexicon_load(NULL, NULL);
  g_assert_nonnull(walk_lx);
  jd_test_each_doc(check_walks_doc);
  g_assert_cmpuint(walk_figures, >, 300);
  char *dense[] = {
      "2023年，全省开展“净边”专项行动，公开查缉破获毒品案件120起、抓获犯罪嫌疑人150名，"
      "其中寄递渠道涉毒案件12起，病残吸毒人员36名，境外执法部门查获毒品146公斤，抓获21人；"
      "通过群众举报破获案件20起、抓获30人，该案缴获冰毒3.5公斤。",
      /* words inside words (娱乐场所 in 歌舞娱乐场所, 打零 in 集群打零): the walk
       * steps over the inner one */
      "全市清查歌舞娱乐场所，查获吸毒人员30名，通过集群打零破获案件12起，国内制毒案件5起，"
      "本次专案中抓获犯罪嫌疑人8名。",
      NULL};
  g_autofree char *indexed = extract_fed(walk_lx, dense, FALSE);
  g_autofree char *plain = extract_fed(walk_lx, dense, TRUE);
  g_assert_cmpstr(indexed, ==, plain);
  g_assert_nonnull(strstr(indexed, "scope "));
  jd_lexicon_free(walk_lx);
  walk_lx = NULL;
}

/* is_goal compares a goal word's first and last bytes before the rest, and
 * counts_users tells the users' metrics by their first letter: goals still
 * give no figure, and the users' figures are still read (same-output.sh holds
 * the rest). */
static void test_goal_and_users(void)
{
  jd_lexicon *lx = jd_lexicon_load(NULL, NULL);
  g_assert_nonnull(lx);
  char *paras[] = {"2023年全省力争破案数增长10%以上，确保巩固率达到50%。全省新滋生吸毒人员356人，"
                   "戒断三年未复吸人员1.2万人。",
                   NULL};
  g_autofree char *out = extract_fed(lx, paras, FALSE);
  g_assert_null(strstr(out, ",10,percent"));
  g_assert_null(strstr(out, ",50,percent"));
  g_assert_nonnull(strstr(out, ",new_users,"));
  g_assert_nonnull(strstr(out, ",abstinent_3y,"));
  jd_lexicon_free(lx);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_test_add("/fastpaths/find/random-against-plain-search", test_find_random);
  jd_test_add("/fastpaths/find/utf8-text", test_find_text);
  jd_test_add("/fastpaths/find/any-of-three-bytes", test_find_any3);
  jd_test_add("/fastpaths/period/format-against-snprintf", test_period_format);
  jd_test_add("/fastpaths/lexicon/index-against-scan", test_lexicon_index);
  jd_test_add("/fastpaths/cues/find-against-search-per-word", test_cue_find);
  jd_test_add("/fastpaths/cues/at-and-before-against-scan", test_cue_at);
  jd_test_add("/fastpaths/explain/reasons-only-when-asked", test_explain_reasons);
  jd_test_add("/fastpaths/places/anonymized-mark-inline", test_anonymized_mark);
  jd_test_add("/fastpaths/cell/needs-care-exactly-when-changed", test_cell_care);
  jd_test_add("/fastpaths/csv/field-as-two-pass-writer", test_csv_field);
  jd_test_add("/fastpaths/pinyin/strip-as-char-at-a-time", test_pinyin);
  jd_test_add("/fastpaths/lexicon/lex-at-pair-test-inline", test_lex_at);
  jd_test_add("/fastpaths/scope/sentence-words-against-walk", test_sentence_index);
  jd_test_add("/fastpaths/rules/goal-words-and-users-metrics", test_goal_and_users);
  return jd_test_run();
}
