/* Periods: the one owner of what a figure's period column means. A period
 * id is "2019", "2019-H1", "2019-Q3", "2019-05", "2019-01/2019-05",
 * "2018/2020" (several years), "2006-01/2007-09" (from a month of one year to a
 * month of a later one: several years) or "unknown"; the extractor reasons with the
 * jd_period struct and writes ids, the analysis places ids on a time axis,
 * the briefing and charts write them in Chinese (src/period/period.c). */
#pragma once

#include <glib.h>
#include <stddef.h>

G_BEGIN_DECLS

/* A period as the extractor reasons about it. year 0 = none stated,
 * year -1 = stated but unknown (placeholder 某年, __年). */
typedef struct {
  int year;
  int year_to;   /* spans 2018/2020: last year, else 0 */
  int half;      /* 1, 2 or 0 */
  int quarter;   /* 1..4 or 0 */
  int month_from, month_to; /* 0 when absent; equal for a single month; with
                               year_to: 2006-01/2007-09 (from a month of one year
                               to a month of a later one) */
  gboolean asof;    /* a state at the end of the period (截至3月底, 目前), not a total */
  gboolean to_date; /* from the start of the year to a month the text does not give
                       (2018年以来 in an undated document): span months */
} jd_period;

#define JD_PERIOD_UNKNOWN_YEAR (-1)

/* Formats p as the figure's period column ("2019", "2019-H1", "2019-Q3",
 * "2019-05", "2019-01/2019-05", "2018/2020", "unknown") into buf. */
void jd_period_format(const jd_period *p, char *buf, size_t size);
/* The span kind of p (JD_SPAN_ names below): asof and to_date first, then
 * what its id says. Static string. */
const char *jd_period_span_of(const jd_period *p);
/* The period before p of the same length (同比): 2019-H1 -> 2018-H1. */
jd_period jd_period_previous(const jd_period *p);

/* Position of a period on the time axis and its class (see jd_series);
 * FALSE for "unknown" or unparsable periods. class_out may be NULL; caller
 * frees *class_out with g_free. */
gboolean jd_period_parse(const char *period, double *x, char **class_out);
/* The period one year before ("2019" -> "2018", "2019-H1" -> "2018-H1",
 * "2019-01/2019-05" -> "2018-01/2018-05"); NULL if none. Caller frees. */
char *jd_period_previous_string(const char *period);

/* A period as it is written in Chinese: "2019" -> "2019年", "2019-H1" ->
 * "2019年上半年", "2019-Q3" -> "2019年第三季度", "2019-05" -> "2019年5月",
 * "2020-01/2020-10" -> "2020年1—10月", "2015/2019" -> "2015—2019年",
 * "unknown" or "" -> "时间不详"; anything else as it is. Caller frees. */
char *jd_period_label(const char *period);

/* Spans: what stretch of time a figure covers. A series, a trend, a change or
 * a chart joins only figures of one span kind. "asof" (截至, 现有, 年底) is a
 * state at the end of the period, not a total over it, and is known only from
 * the text; the others follow from the period id. */
#define JD_SPAN_YEAR "year"           /* 2019 */
#define JD_SPAN_MONTHS "months"       /* 2019-01/2019-05: 1—5月 */
#define JD_SPAN_MONTH "month"         /* 2019-05 */
#define JD_SPAN_HALF "half"           /* 2019-H1 */
#define JD_SPAN_QUARTER "quarter"     /* 2019-Q3 */
#define JD_SPAN_MULTIYEAR "multiyear" /* 2015/2019: 五年来, 累计 */
#define JD_SPAN_ASOF "asof"           /* 截至2019年底 */
#define JD_SPAN_UNKNOWN "unknown"

/* The span kind of a period id (one of the JD_SPAN_ strings above, never
 * "asof"); "unknown" for "unknown", "" or anything unparsable. Static string. */
const char *jd_period_span_name(const char *period);
/* TRUE when span is one of the JD_SPAN_ names. */
gboolean jd_period_span_known(const char *span);

G_END_DECLS
