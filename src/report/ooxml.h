/* Helpers of the editable briefings (docx.c, pptx.c, html.c): a zip package
 * assembled in memory with libzip, XML parts written with libxml2's
 * xmlTextWriter (which does all escaping), the GB/T 9704 faces and sizes,
 * and the section charts as PNG/SVG at a given size. */
#pragma once

#include <glib.h>
#include <libxml/xmlwriter.h>

#include "jindu/chart.h"
#include "report/report-private.h"

/* ------------------------------------------------------------ package */

typedef struct jd_zip_package jd_zip_package;

/* A package in memory; entries keep the order they are added in and carry
 * a fixed time, so the same content gives the same bytes. */
jd_zip_package *jd_zip_package_new(GError **error);
/* Adds name with bytes (referenced). Returns FALSE on error. */
gboolean jd_zip_package_add(jd_zip_package *p, const char *name, GBytes *bytes, GError **error);
/* Adds the XML finished in buf (jd_xml_finish) and frees buf. */
gboolean jd_zip_package_add_xml(jd_zip_package *p, const char *name, xmlBufferPtr buf,
                                GError **error);
/* Closes the package and returns its bytes; frees p in every case. */
GBytes *jd_zip_package_finish(jd_zip_package *p, GError **error);
void jd_zip_package_free(jd_zip_package *p);

/* ------------------------------------------------------------ XML */

/* A writer into a new buffer, with the XML declaration written
 * (standalone="yes"). *buf receives the buffer. */
xmlTextWriterPtr jd_xml_new(xmlBufferPtr *buf);
/* Ends the document and frees the writer; the buffer stays. */
void jd_xml_finish(xmlTextWriterPtr w);
/* <name attr=value…/> and <name attr=value…> (left open) from attribute
 * pairs ending with NULL (a NULL name ends them early):
 * jd_xml_start(w, "w:p", "w:rsid", id, NULL). The pairs are an array, not
 * variadic arguments. */
void jd_xml_empty_v(xmlTextWriterPtr w, const char *name, const char *const *attrs);
void jd_xml_start_v(xmlTextWriterPtr w, const char *name, const char *const *attrs);
#define jd_xml_empty(w, name, ...) jd_xml_empty_v((w), (name), (const char *const[]){__VA_ARGS__})
#define jd_xml_start(w, name, ...) jd_xml_start_v((w), (name), (const char *const[]){__VA_ARGS__})
void jd_xml_end(xmlTextWriterPtr w);
void jd_xml_text(xmlTextWriterPtr w, const char *text);
/* <name>text</name> */
void jd_xml_element(xmlTextWriterPtr w, const char *name, const char *text);

/* ------------------------------------------------------------ GB/T 9704 */

/* The styles of a briefing in the official style: face (East Asian),
 * Latin face and size in points. */
typedef enum {
  JD_FACE_MASTHEAD = 0, /* 版头 发文机关标志: 小标宋, red */
  JD_FACE_TITLE,        /* 标题: 2号小标宋 */
  JD_FACE_BODY,         /* 正文: 3号仿宋 */
  JD_FACE_HEADING1,     /* 一、: 3号黑体 */
  JD_FACE_HEADING2,     /* （一）: 3号楷体 */
  JD_FACE_TABLE,        /* tables: 5号仿宋 */
  JD_FACE_NOTE,         /* notes, data lines, the audit's entries: 4号仿宋 */
  JD_FACE_PAGE,         /* page numbers: 4号宋体 */
  JD_FACE_N
} jd_face_role;

typedef struct {
  const char *style_id; /* Word style id */
  const char *name;     /* style name */
  const char *east_asia;
  const char *latin;
  double size;          /* points */
  gboolean bold;
} jd_face;

const jd_face *jd_face_get(jd_face_role role);
/* The CSS font-family list of a role: its face, then faces a machine without
 * it has (Noto CJK, AR PL), names in single quotes. Static. */
const char *jd_face_css(jd_face_role role);

/* ------------------------------------------------------------ content */

/* Section s's chart w×h points at scale pixels per point (PNG) or as SVG,
 * with the briefing's chart font scale. */
GBytes *jd_report_office_chart(const jd_report *r, const jd_report_section *s, double w,
                               double h, double scale, jd_chart_format format, GError **error);
/* The data line under a chart: "图中数据：2019年 8.3万起 [3]；…". Caller frees. */
char *jd_report_data_line(const jd_report_section *s);
/* "2023年6月30日", or "" without a date. Caller frees. */
char *jd_report_date_chinese(const jd_report *r);
/* "第1期", or "". Caller frees. */
char *jd_report_issue_text(const jd_report *r);
/* A section's heading "一、全国破获毒品案件". Caller frees. */
char *jd_report_section_heading(const jd_report *r, size_t i);
/* The KPI table's cells of card k: 指标, 数值, 变化, 时期与地区. Caller frees each. */
void jd_report_kpi_cells(const jd_report_kpi *k, char **cells);
/* The sources table's cells of row s (序号 指标 地区 时期 数值 出处 原文).
 * Caller frees each. */
#define JD_SOURCE_COLS 7
extern const char *const jd_source_headers[JD_SOURCE_COLS];
void jd_report_source_cells(const jd_report_source *s, char **cells);
/* The sources in document order (borrowed pointers). Caller frees the array. */
GPtrArray *jd_report_sources_in_order(const jd_report *r);
/* The audit appendix's introduction and a finding's lines ("1. 【警告】…"). Caller frees. */
char *jd_report_audit_intro(const jd_report *r);
char *jd_report_finding_head(const jd_report_finding *f, size_t no);
char *jd_report_finding_sources(const jd_report_finding *f);
char *jd_report_sources_intro(const jd_report *r);

/* docProps/core.xml: title, author, subject and the masthead's date (never
 * the clock). */
xmlBufferPtr jd_ooxml_core_xml(const jd_report *r);
/* The writers: the briefing as .docx, .pptx and .html bytes (docx.c,
 * pptx.c, html.c). */
GBytes *jd_report_render_docx(const jd_report *r, GError **error);
GBytes *jd_report_render_pptx(const jd_report *r, GError **error);
GBytes *jd_report_render_html(const jd_report *r, GError **error);
