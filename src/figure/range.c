/* The plausible range of a value for its unit, from data/lexicon/ranges.tsv
 * (issue 21: absurd values are refused where read). Loaded once for the life
 * of the process; a missing or malformed table bounds nothing more than
 * JD_VALUE_MAX. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "jindu/figure.h"
#include "jindu/jindu.h"

typedef struct {
  char *unit;
  double min, max;
} range_row;

static GArray *ranges; /* of range_row */

static gpointer load_ranges(gpointer unused)
{
  (void)unused;
  GArray *a = g_array_new(FALSE, FALSE, sizeof(range_row));
  g_autofree char *path = jd_lexicon_path("ranges.tsv");
  g_autofree char *text = NULL;
  if (g_file_get_contents(path, &text, NULL, NULL)) {
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (size_t i = 0; lines[i]; i++) {
      if (lines[i][0] == '#' || !lines[i][0]) continue;
      g_auto(GStrv) f = g_strsplit(g_strchomp(lines[i]), "\t", -1);
      if (g_strv_length(f) < 3) continue;
      char *e1, *e2;
      range_row r = {g_strdup(f[0]), g_ascii_strtod(f[1], &e1), g_ascii_strtod(f[2], &e2)};
      if (*e1 || *e2 || !(r.min <= r.max)) {
        g_free(r.unit);
        continue;
      }
      g_array_append_val(a, r);
    }
  }
  ranges = a;
  return NULL;
}

static const range_row *range_of(const char *unit)
{
  static GOnce once = G_ONCE_INIT;
  g_once(&once, load_ranges, NULL);
  const range_row *any = NULL;
  for (guint i = 0; i < ranges->len; i++) {
    const range_row *r = &g_array_index(ranges, range_row, i);
    if (unit && strcmp(r->unit, unit) == 0) return r;
    if (strcmp(r->unit, "*") == 0) any = r;
  }
  return any;
}

gboolean jd_figure_value_plausible(const char *unit, jd_kind kind, double value, char **why)
{
  if (why) *why = NULL;
  if (isnan(value)) return TRUE; /* withdrawn (an override) */
  const range_row *r = range_of(unit);
  double max = r ? r->max : JD_VALUE_MAX;
  gboolean level = kind == JD_KIND_LEVEL || kind == JD_KIND_RATE || kind == JD_KIND_SHARE;
  double min = r && level ? r->min : -max; /* the least bounds levels only */
  if (fabs(value) <= max && value >= min) return TRUE;
  if (why) {
    char v[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
    if (value == floor(value) && fabs(value) < 1e15)
      g_ascii_formatd(v, sizeof v, "%.0f", value); /* 5000000000, not 5e+09 */
    else
      for (int digits = 1; digits <= 17; digits++) { /* the shortest text that reads back */
        char fmt[8];
        g_snprintf(fmt, sizeof fmt, "%%.%dg", digits);
        g_ascii_formatd(v, sizeof v, fmt, value);
        if (g_ascii_strtod(v, NULL) == value) break;
      }
    gboolean over = fabs(value) > max;
    g_ascii_formatd(b, sizeof b, "%g", over ? max : min);
    const char *u = unit && *unit ? unit : "-";
    *why = over ? g_strdup_printf("%s %s is more than any plausible figure in %s (at most %s, "
                                  "data/lexicon/ranges.tsv)", v, u, u, b)
                : g_strdup_printf("%s %s is less than any plausible level in %s (at least %s, "
                                  "data/lexicon/ranges.tsv)", v, u, u, b);
  }
  return FALSE;
}
