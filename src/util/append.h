/* g_string_append_len without its call when the string has room: for hot
 * loops that append one short piece at a time (a CSV field, a converted
 * character). */
#pragma once

#include <glib.h>
#include <string.h>

static inline void jd_append_fast(GString *out, const char *s, size_t n)
{
  if (out->len + n >= out->allocated_len) {
    g_string_append_len(out, s, (gssize)n);
    return;
  }
  memcpy(out->str + out->len, s, n);
  out->len += n;
  out->str[out->len] = '\0';
}
