/* Short-needle search (find.h). Sixteen candidate places at a time: a place
 * can start the needle only if its byte is the needle's first byte and the
 * byte m-1 further on is its last, which SSE2 tests for 16 places in a few
 * instructions; only those places are compared whole. Without SSE2, memchr
 * on the first byte. Same answers as memmem and a backward memmem. */
#define _GNU_SOURCE /* memrchr */
#include "util/find.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>

/* Bit i set: hay[p + i] is the needle's first byte and hay[p + i + m - 1] its
 * last (p + 15 + m - 1 < n). */
static inline unsigned candidates(const char *hay, size_t p, size_t m, __m128i first, __m128i last)
{
  __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(hay + p));
  __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(hay + p + m - 1));
  return (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last)));
}
#endif

const char *jd_mem_find(const char *hay, size_t n, const char *needle, size_t m)
{
  if (m == 0) return hay;
  if (m > n) return NULL;
  size_t last_start = n - m; /* places 0 .. last_start */
  size_t p = 0;
#if defined(__SSE2__)
  __m128i first = _mm_set1_epi8(needle[0]), last = _mm_set1_epi8(needle[m - 1]);
  for (; p + 16 <= last_start + 1; p += 16) {
    unsigned bits = candidates(hay, p, m, first, last);
    while (bits) {
      unsigned i = (unsigned)__builtin_ctz(bits);
      if (memcmp(hay + p + i + 1, needle + 1, m - 1) == 0) return hay + p + i;
      bits &= bits - 1;
    }
  }
#endif
  while (p <= last_start) {
    const char *c = memchr(hay + p, needle[0], last_start + 1 - p);
    if (!c) return NULL;
    if (memcmp(c + 1, needle + 1, m - 1) == 0) return c;
    p = (size_t)(c - hay) + 1;
  }
  return NULL;
}

const char *jd_mem_rfind(const char *hay, size_t n, const char *needle, size_t m)
{
  if (m == 0) return hay + n;
  if (m > n) return NULL;
  size_t end = n - m + 1; /* places below end */
#if defined(__SSE2__)
  __m128i first = _mm_set1_epi8(needle[0]), last = _mm_set1_epi8(needle[m - 1]);
  for (; end >= 16; end -= 16) {
    unsigned bits = candidates(hay, end - 16, m, first, last);
    while (bits) {
      unsigned i = 31u - (unsigned)__builtin_clz(bits);
      if (memcmp(hay + end - 16 + i + 1, needle + 1, m - 1) == 0) return hay + end - 16 + i;
      bits &= ~(1u << i);
    }
  }
#endif
  while (end > 0) {
    const char *c = memrchr(hay, needle[0], end);
    if (!c) return NULL;
    if (memcmp(c + 1, needle + 1, m - 1) == 0) return c;
    end = (size_t)(c - hay);
  }
  return NULL;
}

size_t jd_mem_find_any3(const char *s, size_t n, char a, char b, char c)
{
  size_t p = 0;
#if defined(__SSE2__)
  __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c);
  for (; p + 16 <= n; p += 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + p));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)),
                               _mm_cmpeq_epi8(x, vc));
    unsigned bits = (unsigned)_mm_movemask_epi8(hit);
    if (bits) return p + (unsigned)__builtin_ctz(bits);
  }
#endif
  for (; p < n; p++)
    if (s[p] == a || s[p] == b || s[p] == c) return p;
  return n;
}
