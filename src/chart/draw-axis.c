/* The value axis: a nice step for a data range ("1, 2, 2.5, 5 × 10^k"),
 * the tick values that cover it, and the tick labels (万 and 亿 for large
 * values, thousands separators, a true minus sign). */
#include <math.h>
#include <string.h>

#include "chart/draw-private.h"

#define MINUS "\xe2\x88\x92"

static double nice_step(double range, int target)
{
  if (!(range > 0)) range = 1;
  double raw = range / target;
  double p = pow(10, floor(log10(raw)));
  double f = raw / p;
  double nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nf * p;
}

void jd_axis_make(axis *a, double lo, double hi, int target, jd_number_style style)
{
  if (lo > hi) {
    double t = lo;
    lo = hi;
    hi = t;
  }
  if (hi == lo) {
    if (hi == 0)
      hi = 1;
    else if (hi > 0)
      lo = 0;
    else
      hi = 0;
  }
  a->step = nice_step(hi - lo, target);
  a->min = floor(lo / a->step + 1e-9) * a->step;
  a->max = ceil(hi / a->step - 1e-9) * a->step;
  if (a->max <= a->min) a->max = a->min + a->step;
  a->n = (int)llround((a->max - a->min) / a->step);
  double top = fmax(fabs(a->min), fabs(a->max));
  a->divisor = 1;
  a->suffix = "";
  if (style == JD_NUMBER_PERCENT) {
    a->suffix = "%";
  } else if (style == JD_NUMBER_AUTO && top >= 1e8) {
    a->divisor = 1e8;
    a->suffix = "亿";
  } else if (style == JD_NUMBER_AUTO && top >= 1e4) {
    a->divisor = 1e4;
    a->suffix = "万";
  }
  double st = a->step / a->divisor;
  a->decimals = st >= 1 ? 0 : (int)ceil(-log10(st) - 1e-9);
  if (fabs(st * pow(10, a->decimals) - round(st * pow(10, a->decimals))) > 1e-6) a->decimals++;
  if (a->decimals > 6) a->decimals = 6;
}

char *jd_axis_text(const axis *a, double v)
{
  if (fabs(v) < a->step * 1e-9) return g_strdup("0");
  GString *s = g_string_new(v < 0 ? MINUS : "");
  double x = fabs(v) / a->divisor;
  char buf[64];
  char fmt[16];
  g_snprintf(fmt, sizeof fmt, "%%.%df", a->decimals);
  g_ascii_formatd(buf, sizeof buf, fmt, x);
  if (a->divisor == 1 && fmax(fabs(a->min), fabs(a->max)) >= 10000) {
    char *dot = strchr(buf, '.');
    size_t n = dot ? (size_t)(dot - buf) : strlen(buf);
    for (size_t i = 0; i < n; i++) {
      if (i > 0 && (n - i) % 3 == 0) g_string_append_c(s, ',');
      g_string_append_c(s, buf[i]);
    }
    if (dot) g_string_append(s, dot);
  } else {
    g_string_append(s, buf);
  }
  g_string_append(s, a->suffix);
  return g_string_free(s, FALSE);
}
