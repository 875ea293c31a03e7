/* Periods: the one owner of what a figure's period column means. A period
 * id is "2019", "2019-H1", "2019-Q3", "2019-05", "2019-01/2019-05",
 * "2018/2020" (several years) or "unknown"; the extractor reasons with the
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
  int month_from, month_to; /* 0 when absent; equal for a single month */
} jd_period;

#define JD_PERIOD_UNKNOWN_YEAR (-1)

/* Formats p as the figure's period column ("2019", "2019-H1", "2019-Q3",
 * "2019-05", "2019-01/2019-05", "2018/2020", "unknown") into buf. */
void jd_period_format(const jd_period *p, char *buf, size_t size);
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

G_END_DECLS
