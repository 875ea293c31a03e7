/* Finding a short byte string in a short byte range (find.c): the extractor
 * asks this hundreds of thousands of times per megabyte, over ranges of a few
 * dozen bytes, where memmem's set-up costs more than the search. */
#pragma once

#include <stddef.h>

/* The first place the m bytes of needle occur whole in hay[0, n), or NULL;
 * hay itself when m is 0 (as memmem). */
const char *jd_mem_find(const char *hay, size_t n, const char *needle, size_t m);
/* The last place the m bytes of needle occur whole in hay[0, n), or NULL;
 * hay + n when m is 0. */
const char *jd_mem_rfind(const char *hay, size_t n, const char *needle, size_t m);
/* The offset of the first byte of s[0, n) that is a, b or c, or n when none
 * is (sixteen bytes at a time with SSE2). */
size_t jd_mem_find_any3(const char *s, size_t n, char a, char b, char c);
