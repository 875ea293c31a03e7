/* The briefing (简报): a multi-page A4 PDF composed from a figures table —
 * masthead, KPI summary, one section per metric with its chart and a
 * generated Chinese narrative, the audit appendix and the sources table —
 * with outline, metadata, page numbers in the official style and links from
 * chart numbers to their source rows. The same charts can be written as
 * slide-sized PNG/SVG/PDF files. All text goes through Pango with the
 * project's fonts (call jd_fonts_init() first). Output is reproducible: the
 * same figures and options give byte-identical files. */
#pragma once

#include <glib.h>

#include "jindu/figure.h"

G_BEGIN_DECLS

#define JD_REPORT_ERROR (jd_report_error_quark())
GQuark jd_report_error_quark(void);
typedef enum {
  JD_REPORT_ERROR_NO_DATA, /* no figure the report can use */
  JD_REPORT_ERROR_INVALID, /* bad options (unknown metric, bad date) */
  JD_REPORT_ERROR_RENDER,  /* cairo or a chart failed while drawing */
  JD_REPORT_ERROR_IO,      /* the output could not be written */
} jd_report_error;

/* What the report says about itself. Strings are owned by the struct (free
 * with jd_report_options_clear); NULL or "" means the default. */
typedef struct {
  char *title;        /* 禁毒工作简报 */
  int issue;          /* 第N期; <= 0: none */
  char *organisation; /* issuing organisation under the masthead */
  char *date;         /* YYYY-MM-DD; NULL: no date on the masthead */
  char *region;       /* headline region for the KPI cards; NULL: the one with most figures */
  char *author, *subject, *keywords; /* PDF metadata */
  char **metrics;     /* section order (metric ids); NULL: every metric with data */
  char **kpis;        /* KPI cards (metric ids); NULL: cases, arrests, seizures, consolidation rate */
  char *theme;        /* chart theme name or path; NULL: "default" */
  char **unread;      /* documents that could not be read (file names), listed as not read
                         in the sources appendix; NULL: none */
  char *changes;      /* a sentence on what changed since the last build (本期变化), under
                         the summary; NULL: none */
  /* the page style and the 公文 fields (GB/T 9704-2012) */
  char *style;        /* "gongwen" (default) or "modern" */
  char *secrecy;      /* 密级, e.g. 内部; NULL or "": none */
  char *urgency;      /* 紧急程度, e.g. 特急; NULL or "": none */
  char *report_to;    /* 版记 报：(to the level above) */
  char *send_to;      /* 版记 送：(to peers) */
  char *distribute_to; /* 版记 发：(to the level below) */
  int copies;         /* 共印N份; <= 0: not said */
} jd_report_options;

void jd_report_options_init(jd_report_options *options);
/* Parses exactly YYYY-MM-DD (a valid calendar date). Outputs may be NULL. */
gboolean jd_report_parse_date(const char *s, int *year, int *month, int *day);
void jd_report_options_clear(jd_report_options *options);

typedef struct jd_report jd_report;

/* Analyses the figures and composes the report (charts, narratives, audit).
 * Caller frees with jd_report_free. */
jd_report *jd_report_new(const jd_figure_table *figures, const jd_report_options *options,
                         GError **error);
void jd_report_free(jd_report *report);

/* Metric sections, each with one chart. */
size_t jd_report_get_section_count(const jd_report *report);
/* Predictable file stem of section i's chart: "01-cases_solved". Borrowed. */
const char *jd_report_get_chart_stem(const jd_report *report, size_t i);
/* Chinese title of section i (e.g. "破获毒品案件"). Borrowed. */
const char *jd_report_get_section_title(const jd_report *report, size_t i);
/* Audit findings listed in the appendix (at warning or error). */
size_t jd_report_get_finding_count(const jd_report *report);
/* Of those, the errors (figures that cannot all be true). */
size_t jd_report_get_error_count(const jd_report *report);
/* Figures listed in the sources table. */
size_t jd_report_get_source_count(const jd_report *report);

/* Renders section i's chart alone as "png", "svg" or "pdf", at a size preset
 * (see jd_chart_size_parse; NULL: "slide"). Caller frees with g_bytes_unref. */
GBytes *jd_report_render_chart(const jd_report *report, size_t i, const char *format,
                               const char *size_preset, GError **error);
/* The digest of that chart (jd_chart_digest): what it draws, at that format
 * and size, without drawing it. Equal digests, equal bytes. Caller frees. */
char *jd_report_chart_digest(const jd_report *report, size_t i, const char *format,
                             const char *size_preset, GError **error);
/* Safe to call jd_report_render_chart for different charts of one report
 * from several threads at once (each draws with its thread's font map). */

/* One chart file to draw: section i's chart as "png", "svg" or "pdf". */
typedef struct {
  size_t section;
  const char *format; /* borrowed */
  GBytes *data;       /* out: the file's bytes (caller frees) */
  GError *error;      /* out: why not (caller frees) */
} jd_report_chart_job;

/* Threads to draw charts on: requested when > 0, else $JINDU_JOBS, else the
 * number of processors. */
int jd_report_jobs(int requested);
/* Draws every job's chart at a size preset on up to threads threads (<= 1:
 * here, in order); the bytes are the same whatever the number. FALSE with
 * the error of the first job that failed, in job order. */
gboolean jd_report_render_charts(const jd_report *report, const char *size_preset,
                                 jd_report_chart_job *jobs, size_t n, int threads, GError **error);

/* The faces the page style wants that are not installed, with the free
 * ones used instead ("正文：仿宋_GB2312 → Noto Serif CJK SC；…"), or NULL.
 * Caller frees. */
char *jd_report_get_font_substitutes(const jd_report *report);
/* The same for a style by name (NULL or "": gongwen). Caller frees. */
char *jd_report_style_font_substitutes(const char *style);

/* Renders the whole briefing as PDF bytes; *pages receives the page count
 * (may be NULL). Caller frees with g_bytes_unref. */
GBytes *jd_report_render_pdf(const jd_report *report, size_t *pages, GError **error);

G_END_DECLS
