/* The precision a figure was stated with, for the audit: one unit of its
 * last written digit, read from the figure's own clause (1.36万 -> 100,
 * 23.61吨 -> 10 kg, 六成 -> 10%), else derived from the value conservatively;
 * and the interval of true values that the statement allows, so that an
 * error is raised only when no value in the intervals fits. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/audit-private.h"

static gboolean is_percent_figure(const jd_figure *f)
{
  return f->kind == JD_KIND_RATE || f->kind == JD_KIND_SHARE || f->kind == JD_KIND_CHANGE_PCT ||
         f->kind == JD_KIND_CHANGE_PP || strcmp(f->unit, "percent") == 0;
}

/* One unit of the last non-zero digit of an integer: 340 -> 10, 13600 -> 100. */
static double last_nonzero_unit(double a)
{
  double r = nearbyint(a), unit = 1;
  if (!(r >= 1) || r != a) return 1;
  while (unit < 1e15 && fmod(r, unit * 10) == 0) unit *= 10;
  return unit;
}

static gboolean near_power_of_ten(double ratio, double *p)
{
  if (!(ratio > 0)) return FALSE;
  double k = nearbyint(log10(ratio));
  if (k < -6 || k > 8) return FALSE;
  double t = pow(10, k);
  if (fabs(ratio - t) > 1e-9 * t) return FALSE;
  *p = t;
  return TRUE;
}

/* 万 and 亿 after a number (the numeral system's own characters), and 成
 * (tenths) after a percentage. */
static double multiplier_at(const char *s)
{
  if (g_str_has_prefix(s, "万亿")) return 1e12;
  if (g_str_has_prefix(s, "万")) return 1e4;
  if (g_str_has_prefix(s, "亿")) return 1e8;
  if (g_str_has_prefix(s, "成")) return 10;
  return 1;
}

/* The written unit of a number in Arabic digits in the quote whose value
 * (times 万/亿/成) is |v|; else, for amounts, one whose value times a unit
 * conversion that is a power of ten is |v| (23.61吨 -> 23610 kg), the
 * coarsest when several are; 0 when none. */
static double written_unit_arabic(const char *q, double v, gboolean percent)
{
  double same = 0, converted = 0;
  for (const char *p = q; *p;) {
    if (!g_ascii_isdigit(*p)) {
      p++;
      continue;
    }
    const char *s = p;
    int decimals = -1;
    while (g_ascii_isdigit(*p) || (*p == '.' && decimals < 0 && g_ascii_isdigit(p[1]))) {
      if (decimals >= 0) decimals++;
      if (*p == '.') decimals = 0;
      p++;
    }
    if (s > q && (s[-1] == '.' || g_ascii_isalpha(s[-1]))) continue;
    double m = g_ascii_strtod(s, NULL), mult = multiplier_at(p), conv;
    if (!(m > 0) || !near_power_of_ten(v / (m * mult), &conv)) continue;
    double unit = pow(10, -(decimals < 0 ? 0 : decimals)) * mult * conv;
    if (conv == 1 && unit > same) same = unit;
    if (conv != 1 && !percent && unit > converted) converted = unit;
  }
  return same > 0 ? same : converted;
}

/* A percentage written in tenths with a Chinese numeral: 六成, 两成, 近七成. */
static gboolean written_in_tenths(const char *q, double v)
{
  static const char *const digits[] = {"一", "二", "两", "三", "四", "五",
                                       "六", "七", "八", "九", "十"};
  if (!(v > 0) || v > 100 || fmod(v, 10) != 0) return FALSE;
  for (const char *p = strstr(q, "成"); p; p = strstr(p + 1, "成"))
    for (size_t i = 0; i < G_N_ELEMENTS(digits); i++) {
      size_t n = strlen(digits[i]);
      if ((size_t)(p - q) >= n && memcmp(p - n, digits[i], n) == 0) return TRUE;
    }
  return FALSE;
}

/* Without the written form: percentages by their decimals; counts from
 * 10,000 with two or more trailing zeros as rounded in 万 (13600 may be
 * 1.36万); other amounts from 1,000 with trailing zeros as rounded (23610 kg
 * may be 23.61吨); anything else by its decimals (exact counts: 1). */
static double unit_from_value(const jd_figure *f)
{
  double a = fabs(f->value);
  int d = jd_figure_get_decimals(f);
  double by_decimals = pow(10, -d);
  if (is_percent_figure(f)) return by_decimals;
  double lz = d == 0 ? last_nonzero_unit(a) : 1;
  if (jd_unit_is_count(f->unit)) return a >= 1e4 && lz >= 100 ? lz : 1;
  return a >= 1e3 && lz >= 10 ? lz : by_decimals;
}

double jd_audit_written_unit(const jd_figure *f)
{
  double a = fabs(f->value);
  if (!isfinite(a)) return 1;
  if (f->quote && *f->quote) {
    double u = written_unit_arabic(f->quote, a, is_percent_figure(f));
    if (u > 0) return u;
    if (is_percent_figure(f) && written_in_tenths(f->quote, a)) return 10;
  }
  return unit_from_value(f);
}

static jd_interval hull(jd_interval iv, double lo, double hi)
{
  if (lo < iv.low) {
    iv.low = lo;
    iv.low_open = FALSE;
  }
  if (hi > iv.high) {
    iv.high = hi;
    iv.high_open = TRUE;
  }
  return iv;
}

jd_interval jd_audit_interval(const jd_figure *f)
{
  jd_interval iv = jd_figure_get_interval(f);
  if (!isfinite(f->value)) return iv;
  double u = jd_audit_written_unit(f), v = f->value;
  if (f->qualifier == JD_QUAL_EXACT) {
    if (u <= 1 && jd_unit_is_count(f->unit) && !is_percent_figure(f) && v == nearbyint(v)) {
      jd_interval point = {v, v, FALSE, FALSE}; /* an exact count written in full */
      return point;
    }
    jd_interval r = {v - u / 2, v + u / 2, FALSE, TRUE};
    if (u <= pow(10, -jd_figure_get_decimals(f))) r.high_open = FALSE;
    return r;
  }
  /* 约六成 = about 60%: [55, 65], wider than ±5% of 60; bounds (多, 至少)
   * keep their own side */
  if (f->qualifier == JD_QUAL_ABOUT || f->qualifier == JD_QUAL_NEARLY ||
      f->qualifier == JD_QUAL_LESS_THAN)
    return hull(iv, v - u / 2, v + u / 2);
  return iv;
}

void jd_audit_stated_range(const jd_figure *f, gboolean truncated, double *lo, double *hi)
{
  double u = jd_audit_written_unit(f);
  int d = jd_figure_get_decimals(f);
  if (f->qualifier != JD_QUAL_EXACT) {
    jd_interval iv = jd_audit_interval(f);
    *lo = iv.low;
    *hi = iv.high;
    return;
  }
  if (u <= pow(10, -d) * (1 + 1e-9)) {
    jd_percent_range(f->value, d, truncated, lo, hi);
    return;
  }
  /* coarser than its decimals (六成): the written unit */
  double c = f->value;
  if (!truncated) {
    *lo = c - u / 2;
    *hi = c + u / 2;
  } else if (c >= 0) {
    *lo = c;
    *hi = c + u - 1e-12;
  } else {
    *lo = c - u + 1e-12;
    *hi = c;
  }
}

gboolean jd_audit_precision_is_decimals(const jd_figure *f)
{
  return jd_audit_written_unit(f) <= pow(10, -jd_figure_get_decimals(f)) * (1 + 1e-9);
}
