/* Numbers of the figures table without printf/strtod in the common case
 * (src/figure.c): the readers' and writers' fast paths. Each gives exactly
 * what the slow path (g_ascii_strtod, printf) gives, and says when it cannot. */
#pragma once

#include <glib.h>

/* Converts s[0..len) when it is a plain decimal — an optional '-', digits
 * with at most one '.', at least one digit, at most 15 significant digits
 * and 22 decimals — to the same double g_ascii_strtod gives (correctly
 * rounded). FALSE for anything else (blanks, '+', exponents, more digits,
 * "inf"...): the caller then uses g_ascii_strtod. */
gboolean jd_parse_decimal(const char *s, size_t len, double *out);

/* Appends jd_figure_format_value(v) to out without allocating. */
void jd_figure_append_value(GString *out, double v);

/* Writes jd_figure_format_value(v) to buf (at least JD_VALUE_BUF bytes,
 * NUL-terminated); returns its length. */
#define JD_VALUE_BUF 128
size_t jd_figure_format_value_buf(double v, char *buf);
