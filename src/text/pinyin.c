/* Pinyin glosses after characters (see pinyin.h). */
#include "text/pinyin.h"

#include <string.h>

/* The tone-marked vowels of pinyin (and ü, ń ň ǹ ḿ), as code points. */
static gboolean is_toned(gunichar c)
{
  static const gunichar toned[] = {0x101, 0xE1, 0x1CE, 0xE0, 0x113, 0xE9, 0x11B, 0xE8, 0x12B,
                                   0xED,  0x1D0, 0xEC, 0x14D, 0xF3, 0x1D2, 0xF2, 0x16B, 0xFA,
                                   0x1D4, 0xF9, 0x1D6, 0x1D8, 0x1DA, 0x1DC, 0xFC, 0x144, 0x148,
                                   0x1F9, 0x1E3F};
  for (size_t i = 0; i < G_N_ELEMENTS(toned); i++)
    if (toned[i] == c) return TRUE;
  return FALSE;
}

static gboolean is_cjk(gunichar c)
{
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

/* The length in bytes of a gloss "(...)" starting at s[i] == '(', or 0. */
static size_t gloss_at(const char *s, size_t n, size_t i)
{
  size_t j = i + 1;
  int letters = 0;
  gboolean tone = FALSE;
  while (j < n && s[j] != ')') {
    gunichar c = g_utf8_get_char_validated(s + j, (gssize)(n - j));
    if (c == (gunichar)-1 || c == (gunichar)-2) return 0;
    if (is_toned(c))
      tone = TRUE;
    else if (!(c >= 'a' && c <= 'z'))
      return 0;
    if (++letters > 7) return 0;
    j = (size_t)(g_utf8_next_char(s + j) - s);
  }
  if (j >= n || letters == 0 || !tone) return 0;
  return j + 1 - i;
}

void jd_strip_pinyin_glosses(GString *s)
{
  if (!memchr(s->str, '(', s->len)) return;
  /* character by character as before, but the character before a '(' is
   * decoded only there, and the kept text is moved in runs, not a
   * character at a time. Bytes of the run not yet moved are still in place
   * (a move only writes below the run it moves). */
  size_t k = 0, i = 0, run = 0;     /* s->str[run, i) is kept, to go to k */
  size_t prev_at = 0, prev_len = 0; /* the last character kept, if in the run */
  gunichar prev_before = 0;         /* else this one (0: none yet) */
  while (i < s->len) {
    if (s->str[i] == '(') {
      gunichar prev = prev_before;
      if (prev_len)
        prev = prev_len > 1 ? g_utf8_get_char_validated(s->str + prev_at, (gssize)prev_len)
                            : (guchar)s->str[prev_at];
      size_t g = is_cjk(prev) ? gloss_at(s->str, s->len, i) : 0;
      if (g) {
        memmove(s->str + k, s->str + run, i - run);
        k += i - run;
        i += g;
        run = i;
        prev_before = prev; /* prev stays the glossed character */
        prev_len = 0;
        continue;
      }
    }
    const char *next = g_utf8_next_char(s->str + i);
    size_t l = (size_t)(next - (s->str + i));
    if (i + l > s->len) l = s->len - i;
    prev_at = i;
    prev_len = l;
    i += l;
  }
  memmove(s->str + k, s->str + run, i - run);
  k += i - run;
  g_string_truncate(s, k);
}
