/* Traditional -> simplified, as OpenCC's t2s.json converts, from tables
 * generated at build time out of OpenCC's own dictionaries (cmake/GenT2S.cmake):
 * no dictionary files are opened and nothing is built per process beyond a
 * few microseconds of indexing. */
#pragma once

#include <glib.h>

/* TRUE when c may change under t2s: a character OpenCC converts, or the first
 * character of one of its phrases. Characters for which it is FALSE are
 * copied as they are. */
gboolean jd_t2s_may_change(gunichar c);

/* Appends the conversion of the valid UTF-8 s[0..n) to out: at each place the
 * longest TSPhrases word wins, otherwise the character's first simplified form
 * (OpenCC's maximum-match segmentation and its dictionary group, in order). */
void jd_t2s_convert(const char *s, size_t n, GString *out);
