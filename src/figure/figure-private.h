/* Internals of the figures table shared with the analysis. */
#pragma once

#include "jindu/figure.h"

/* The table's string pool. Every string of every row of one table lives in
 * it, and equal strings other than quotes are stored once: within one table,
 * equal doc/metric/drug/region/period/unit/base_period strings have equal
 * pointers. */
typedef struct jd_string_pool jd_string_pool;

/* A new reference to t's string pool: the row strings stay valid until it
 * is released, even after jd_figure_table_free(t). */
jd_string_pool *jd_figure_table_ref_strings(const jd_figure_table *t);
void jd_string_pool_unref(jd_string_pool *p);

/* The rows of t in order (borrowed; valid until t changes). */
const jd_figure *const *jd_figure_table_peek_rows(const jd_figure_table *t);

/* Whether the bytes at p start a hidden character above U+007F that
 * jd_cell_safe_text removes: C2 80–9F (C1 controls), D8 9C (U+061C),
 * E2 80 8E–8F, E2 80 AA–AE, E2 81 A6–A9 (bidirectional controls). C2, D8 and
 * E2 only ever start a character, so looking at the bytes finds what the
 * decoding finds; “” and — (E2 80 9C…) are common in a quote and are not
 * hidden. p is NUL-terminated. */
static inline gboolean jd_cell_hidden_at(const guchar *p)
{
  switch (p[0]) {
  case 0xC2: return p[1] >= 0x80 && p[1] <= 0x9F;
  case 0xD8: return p[1] == 0x9C;
  case 0xE2:
    if (p[1] == 0x80) return p[2] == 0x8E || p[2] == 0x8F || (p[2] >= 0xAA && p[2] <= 0xAE);
    return p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9;
  default: return FALSE;
  }
}
