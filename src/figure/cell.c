/* Spreadsheet safety of a text cell (OWASP "CSV Injection"): a cell that a
 * spreadsheet would read as a formula — it starts with = + - @, a tab or a
 * carriage return — gets a leading apostrophe ('=HYPERLINK(…) is shown as
 * text, never run), and characters that hide or reorder what a reader sees
 * are removed: C0 controls other than tab and line breaks, DEL, C1
 * controls, and the bidirectional controls (U+061C, U+200E, U+200F,
 * U+202A–U+202E, U+2066–U+2069). The CSV writer (jd_csv_append_field) and
 * any other spreadsheet writer (XLSX) use it for every text cell. */
#include <string.h>

#include "jindu/figure.h"
#include "figure/figure-private.h"

static gboolean is_hidden(gunichar c)
{
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f) ||
         c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

gboolean jd_cell_needs_care(const char *s)
{
  if (!s || !*s) return FALSE;
  if (strchr("=+-@\t\r", s[0])) return TRUE;
  for (const guchar *p = (const guchar *)s; *p; p++) {
    if (*p >= 0x20 && *p < 0x7f) continue;
    if (*p < 0x20 || *p == 0x7f || jd_cell_hidden_at(p)) return TRUE;
  }
  return FALSE;
}

char *jd_cell_safe_text(const char *s)
{
  if (!s) return g_strdup("");
  GString *out = g_string_sized_new(strlen(s) + 1);
  const char *p = s;
  /* the first character that is shown decides whether it reads as a formula */
  gboolean first = TRUE;
  while (*p) {
    gunichar c = g_utf8_get_char_validated(p, -1);
    if (c == (gunichar)-1 || c == (gunichar)-2) { /* invalid UTF-8: kept byte by byte */
      if ((guchar)*p >= 0x20 && (guchar)*p != 0x7f) g_string_append_c(out, *p);
      p++;
      first = FALSE;
      continue;
    }
    const char *next = g_utf8_next_char(p);
    if (!is_hidden(c)) {
      if (first && (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'))
        g_string_append_c(out, '\'');
      g_string_append_len(out, p, next - p);
      first = FALSE;
    }
    p = next;
  }
  return g_string_free(out, FALSE);
}
