/* A bounded UTF-8 decoder shared by the loader and the numeral scanner. Hand
 * written and inline because both call it for every character on their hot
 * paths (g_utf8_get_char_validated is a function call and does not bound the
 * read by the buffer's length). */
#pragma once

#include <glib.h>
#include <stddef.h>

/* Decodes the character at u (left > 0 bytes available) and stores its length
 * in *len; an invalid or truncated sequence gives U+FFFD of length 1. */
static inline gunichar jd_utf8_decode(const guchar *u, size_t left, size_t *len)
{
  if (u[0] < 0x80) {
    *len = 1;
    return u[0];
  }
  if ((u[0] & 0xE0) == 0xC0 && left >= 2 && (u[1] & 0xC0) == 0x80) {
    *len = 2;
    return ((gunichar)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
  }
  if ((u[0] & 0xF0) == 0xE0 && left >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
    *len = 3;
    return ((gunichar)(u[0] & 0x0F) << 12) | ((gunichar)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
  }
  if ((u[0] & 0xF8) == 0xF0 && left >= 4 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 &&
      (u[3] & 0xC0) == 0x80) {
    *len = 4;
    return ((gunichar)(u[0] & 0x07) << 18) | ((gunichar)(u[1] & 0x3F) << 12) |
           ((gunichar)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
  }
  *len = 1;
  return 0xFFFD;
}
