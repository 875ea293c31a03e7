/* The report's model, shared by report.c (which fills it from the analysis)
 * and pdf.c / chart.c (which draw it). Kept free of analyze.h
 * and chart.h types so each side includes only what it needs. */
#pragma once

#include "jindu/report.h"

typedef struct {
  char *period;     /* "2019" */
  char *label;      /* "2019年" (category label) */
  double value;     /* base unit */
  jd_qualifier qualifier;
  gboolean implied; /* 推算 */
  char *derivation; /* implied: how ("由…推算") */
  int source;       /* 1-based row of the sources table; 0 for none */
  double ci_lo, ci_hi; /* a rate's Wilson interval in percent (plot.h); NAN: none */
} jd_report_point;

typedef struct {
  char *metric, *drug, *region;
  char *title;      /* 破获毒品案件 */
  char *unit;       /* display unit after scaling: 起, 名, 吨, 公斤, % */
  double scale;     /* display value = value / scale */
  gboolean percent;
  GPtrArray *points;    /* jd_report_point, sorted by period */
  /* linear trend with its interval (when there are >= 3 points) */
  gboolean has_fit;
  double fitted_first, fitted_last; /* not used for drawing; narrative only */
  double *fitted;       /* per point, NULL without a fit */
  char *narrative;      /* paragraphs separated by '\n' */
  char *footnote;       /* 来源：… */
  char *stem;           /* 01-cases_solved */
  char *y_label;
  /* a comparison across regions (各地对比): the points are regions of one
   * level in one period (label: the region), largest first; parent holds
   * them all (NULL: none reports), parent_value its value (NAN: none) */
  gboolean compare;
  char *unit_id;        /* the figures' unit (percent, case…) */
  char *parent;
  double parent_value;
  jd_qualifier parent_qualifier;
} jd_report_section;

typedef struct {
  int severity;     /* jd_severity */
  char *severity_zh;
  char *title;
  char *about;      /* 全国 2019 现有吸毒人员 */
  char *explanation;
  char *arithmetic;
  GArray *sources;  /* int: rows of the sources table */
  size_t more_sources; /* further sources of the finding, not listed */
} jd_report_finding;

typedef struct {
  int no;
  char *doc;
  unsigned line;
  char *metric;     /* Chinese metric name */
  char *region, *period;
  char *value;      /* formatted with qualifier and unit */
  char *quote;      /* cut for display */
  int also;         /* further documents stating the same figure, not listed */
  char *where;      /* 第3页, 表2 第4行 第3列 (figure.h), "" for plain text */
} jd_report_source;

typedef struct {
  char *metric, *title, *unit, *region;
  double scale;
  gboolean percent;
  GPtrArray *points;  /* jd_report_point (borrowed copies owned here) */
  double change;      /* NAN: none */
  int change_kind;    /* jd_kind */
  char *change_label; /* 同比 */
  gboolean change_stated; /* the change is the document's, not computed */
  int digits;         /* significant digits of the stated values */
  char *caption;      /* 2021年 · 全国 */
} jd_report_kpi;

struct jd_report {
  jd_report_options options;
  char *headline_region;
  char *summary;          /* generated sentences for the summary page */
  char *others;           /* single-period figures not given a section: one paragraph */
  GPtrArray *kpis;        /* jd_report_kpi */
  GPtrArray *sections;    /* jd_report_section */
  GPtrArray *findings;    /* jd_report_finding */
  GPtrArray *sources;     /* jd_report_source */
  size_t warnings;        /* findings at warning or error */
  size_t omitted_findings; /* findings beyond the appendix's bounds, counted only */
};

/* chart.c: the chart of a section / a KPI card, at a size preset or
 * for placing on a page (preset NULL). Caller frees with jd_chart_free. */
struct jd_chart;
struct jd_chart *jd_report_section_chart(const jd_report *r, const jd_report_section *s,
                                         GError **error);
struct jd_chart *jd_report_kpi_chart(const jd_report *r, const jd_report_kpi *k, GError **error);

/* The height of a section's chart for a width of width_pt points: 0.40 of
 * it for one or two points, 0.52 for more, and a ranking across regions
 * tall enough for a row per region, at most max_pt. */
double jd_report_chart_height(const jd_report_section *s, double width_pt, double max_pt);

/* Number with qualifier and unit for a sentence: "1480余起", "约3.5万起",
 * "超过45%". Caller frees. */
char *jd_report_format_value(double value, jd_qualifier q, const char *unit, double scale,
                             gboolean percent);
