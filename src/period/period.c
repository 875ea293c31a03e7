/* Periods and their spans: parsing, formatting, the period before, and the
 * Chinese label (include/jindu/period.h). */
#include <stdio.h>
#include <string.h>

#include "jindu/period.h"

/* Appends v as printf's "%d", or "%02d" when two is set (zero-padded to two
 * characters, the sign counted): it runs once per figure, where snprintf
 * cost more than the rest of the record. */
static char *put_int(char *w, int v, gboolean two)
{
  long long n = v;
  char digits[24];
  int k = 0;
  if (n < 0) {
    *w++ = '-';
    n = -n;
  }
  do {
    digits[k++] = (char)('0' + n % 10);
    n /= 10;
  } while (n);
  if (two && v >= 0 && k < 2) *w++ = '0';
  while (k) *w++ = digits[--k];
  return w;
}

void jd_period_format(const jd_period *p, char *buf, size_t size)
{
  if (p->year <= 0) {
    g_strlcpy(buf, "unknown", size);
    return;
  }
  char out[96], *w = out;
  w = put_int(w, p->year, FALSE);
  if (p->year_to > p->year && p->month_from && p->month_to) {
    *w++ = '-';
    w = put_int(w, p->month_from, TRUE);
    *w++ = '/';
    w = put_int(w, p->year_to, FALSE);
    *w++ = '-';
    w = put_int(w, p->month_to, TRUE);
  } else if (p->year_to > p->year) {
    *w++ = '/';
    w = put_int(w, p->year_to, FALSE);
  } else if (p->half || p->quarter) {
    *w++ = '-';
    *w++ = p->half ? 'H' : 'Q';
    w = put_int(w, p->half ? p->half : p->quarter, FALSE);
  } else if (p->month_from && p->month_to && p->month_to != p->month_from) {
    *w++ = '-';
    w = put_int(w, p->month_from, TRUE);
    *w++ = '/';
    w = put_int(w, p->year, FALSE);
    *w++ = '-';
    w = put_int(w, p->month_to, TRUE);
  } else if (p->month_from) {
    *w++ = '-';
    w = put_int(w, p->month_from, TRUE);
  }
  *w = '\0';
  if (size) g_strlcpy(buf, out, size); /* cut as snprintf cuts */
}

const char *jd_period_span_of(const jd_period *p)
{
  if (p->year <= 0) return JD_SPAN_UNKNOWN;
  if (p->asof) return JD_SPAN_ASOF;
  if (p->year_to > p->year && p->month_from && p->month_to &&
      (p->year_to - p->year) * 12 + p->month_to - p->month_from < 12)
    return JD_SPAN_MONTHS; /* 2014年10月至2015年3月: months across the turn of a year */
  if (p->year_to > p->year) return JD_SPAN_MULTIYEAR;
  if (p->to_date && !p->half && !p->quarter && !p->month_from) return JD_SPAN_MONTHS;
  char id[40];
  jd_period_format(p, id, sizeof id);
  return jd_period_span_name(id);
}

jd_period jd_period_previous(const jd_period *p)
{
  jd_period q = *p;
  if (q.year <= 0) return q;
  if (q.year_to > q.year && strcmp(jd_period_span_of(p), JD_SPAN_MONTHS) == 0) {
    q.year -= 1; /* 2014-10/2015-03: the same months a year before (同比) */
    q.year_to -= 1;
    return q;
  }
  if (q.year_to > q.year) {
    int len = q.year_to - q.year + 1;
    q.year -= len;
    q.year_to -= len;
    return q;
  }
  q.year -= 1;
  return q;
}

static gboolean parse_year(const char *s, int *year)
{
  if (!g_ascii_isdigit(s[0]) || !g_ascii_isdigit(s[1]) || !g_ascii_isdigit(s[2]) ||
      !g_ascii_isdigit(s[3]))
    return FALSE;
  *year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  return *year >= 1900 && *year <= 2200;
}

static gboolean parse_month(const char *s, int *month)
{
  if (!g_ascii_isdigit(s[0]) || !g_ascii_isdigit(s[1])) return FALSE;
  *month = (s[0] - '0') * 10 + (s[1] - '0');
  return *month >= 1 && *month <= 12;
}

gboolean jd_period_parse(const char *p, double *x, char **class_out)
{
  int y = 0, y2 = 0, m1 = 0, m2 = 0;
  if (class_out) *class_out = NULL;
  if (!p || strlen(p) < 4 || !parse_year(p, &y)) return FALSE;
  size_t n = strlen(p);
  char *cls = NULL;
  if (n == 4)
    cls = g_strdup("");
  else if (n == 7 && p[4] == '-' && (p[5] == 'H' && (p[6] == '1' || p[6] == '2')))
    cls = g_strdup(p + 5);
  else if (n == 7 && p[4] == '-' && p[5] == 'Q' && p[6] >= '1' && p[6] <= '4')
    cls = g_strdup(p + 5);
  else if (n == 7 && p[4] == '-' && parse_month(p + 5, &m1))
    cls = g_strdup(p + 5);
  else if (n == 15 && p[4] == '-' && parse_month(p + 5, &m1) && p[7] == '/' &&
           parse_year(p + 8, &y2) && y2 == y && p[12] == '-' && parse_month(p + 13, &m2) &&
           m2 >= m1)
    cls = g_strdup_printf("%02d/%02d", m1, m2);
  else if (n == 15 && p[4] == '-' && parse_month(p + 5, &m1) && p[7] == '/' &&
           parse_year(p + 8, &y2) && y2 > y && p[12] == '-' && parse_month(p + 13, &m2)) {
    cls = g_strdup("range");
    y = y2;
  } else if (n == 9 && p[4] == '/' && parse_year(p + 5, &y2) && y2 > y) {
    cls = g_strdup("range");
    y = y2;
  } else
    return FALSE;
  if (x) *x = y;
  if (class_out)
    *class_out = cls;
  else
    g_free(cls);
  return TRUE;
}

char *jd_period_previous_string(const char *p)
{
  double x;
  g_autofree char *cls = NULL;
  if (!jd_period_parse(p, &x, &cls) || strcmp(cls, "range") == 0) return NULL;
  int y = (int)x - 1;
  if (!*cls) return g_strdup_printf("%04d", y);
  if (strlen(p) == 15) return g_strdup_printf("%04d%.3s/%04d%.3s", y, p + 4, y, p + 12);
  return g_strdup_printf("%04d%s", y, p + 4);
}


static const char *const quarter_names[] = {"第一季度", "第二季度", "第三季度", "第四季度"};

char *jd_period_label(const char *p)
{
  if (!p || !*p || strcmp(p, "unknown") == 0) return g_strdup("时间不详");
  int y1, y2, m1, m2, q;
  char c;
  size_t n = strlen(p);
  if (n == 4 && sscanf(p, "%4d", &y1) == 1 && g_ascii_isdigit(p[3])) return g_strdup_printf("%d年", y1);
  if (sscanf(p, "%4d-H%d%c", &y1, &q, &c) == 2 && (q == 1 || q == 2))
    return g_strdup_printf("%d年%s半年", y1, q == 1 ? "上" : "下");
  if (sscanf(p, "%4d-Q%d%c", &y1, &q, &c) == 2 && q >= 1 && q <= 4)
    return g_strdup_printf("%d年%s", y1, quarter_names[q - 1]);
  if (sscanf(p, "%4d-%2d/%4d-%2d%c", &y1, &m1, &y2, &m2, &c) == 4) {
    if (y1 == y2) return g_strdup_printf("%d年%d—%d月", y1, m1, m2);
    return g_strdup_printf("%d年%d月—%d年%d月", y1, m1, y2, m2);
  }
  if (sscanf(p, "%4d-%2d%c", &y1, &m1, &c) == 2 && m1 >= 1 && m1 <= 12)
    return g_strdup_printf("%d年%d月", y1, m1);
  if (sscanf(p, "%4d/%4d%c", &y1, &y2, &c) == 2) return g_strdup_printf("%d—%d年", y1, y2);
  return g_strdup(p);
}

/* Without jd_period_parse's allocation: readers call it once per row. */
const char *jd_period_span_name(const char *p)
{
  int y, y2, m1, m2;
  size_t n = p ? strlen(p) : 0;
  if (n < 4 || !parse_year(p, &y)) return JD_SPAN_UNKNOWN;
  if (n == 4) return JD_SPAN_YEAR;
  if (n == 9 && p[4] == '/' && parse_year(p + 5, &y2) && y2 > y) return JD_SPAN_MULTIYEAR;
  if (n == 7 && p[4] == '-' && p[5] == 'H' && (p[6] == '1' || p[6] == '2')) return JD_SPAN_HALF;
  if (n == 7 && p[4] == '-' && p[5] == 'Q' && p[6] >= '1' && p[6] <= '4') return JD_SPAN_QUARTER;
  if (n == 7 && p[4] == '-' && parse_month(p + 5, &m1)) return JD_SPAN_MONTH;
  if (n == 15 && p[4] == '-' && parse_month(p + 5, &m1) && p[7] == '/' && parse_year(p + 8, &y2) &&
      y2 == y && p[12] == '-' && parse_month(p + 13, &m2) && m2 >= m1)
    return JD_SPAN_MONTHS;
  if (n == 15 && p[4] == '-' && parse_month(p + 5, &m1) && p[7] == '/' && parse_year(p + 8, &y2) &&
      y2 > y && p[12] == '-' && parse_month(p + 13, &m2))
    return (y2 - y) * 12 + m2 - m1 < 12 ? JD_SPAN_MONTHS : JD_SPAN_MULTIYEAR;
  return JD_SPAN_UNKNOWN;
}

gboolean jd_period_span_known(const char *span)
{
  static const char *const names[] = {JD_SPAN_YEAR,    JD_SPAN_MONTHS,    JD_SPAN_MONTH,
                                      JD_SPAN_HALF,    JD_SPAN_QUARTER,   JD_SPAN_MULTIYEAR,
                                      JD_SPAN_ASOF,    JD_SPAN_UNKNOWN};
  for (size_t i = 0; span && i < G_N_ELEMENTS(names); i++)
    if (strcmp(span, names[i]) == 0) return TRUE;
  return FALSE;
}
