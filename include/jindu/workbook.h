/* The figures and their analysis as an Excel workbook (.xlsx, written with
 * libxlsxwriter) for the people who put the figures into their own tables:
 * sheets 指标数据 (every figure), 时间序列 (series points with their trend),
 * 核查结果 (audit findings) and 来源 (where each figure was stated). Headers
 * and names are Chinese, the ids follow in the last columns for machines;
 * values are numbers with 千分位 and % formats, qualifiers are words (约数
 * "多"); the header row is frozen and filtered, widths fit CJK text. */
#pragma once

#include <glib.h>

#include "jindu/analyze.h"
#include "jindu/figure.h"

G_BEGIN_DECLS

/* The workbook's bytes. analysis NULL: only 指标数据 and 来源 (what
 * `jindu extract` knows). created: the document's creation time written into
 * its properties (jindu never reads the clock; pass SOURCE_DATE_EPOCH or a
 * fixed date). Caller frees with g_bytes_unref. Errors: JD_FIGURE_ERROR_IO. */
/* The creation time when no date is given: 2000-01-01 00:00 UTC. */
#define JD_WORKBOOK_EPOCH G_GINT64_CONSTANT(946684800)
GBytes *jd_workbook_render(const jd_figure_table *figures, const jd_analysis *analysis,
                           gint64 created, GError **error);

/* The figures as a CSV with Chinese headers and names (`--headers zh`): the
 * columns of the 指标数据 sheet, numbers plain (no separators, percentages as
 * 45 with the unit %). A header row (with a UTF-8 BOM on request), then one
 * row per figure, no its 1-based number. */
void jd_workbook_csv_header(GString *out, gboolean bom);
void jd_workbook_csv_row(GString *out, const jd_figure *f, size_t no);

/* The Chinese header of a figures CSV column ("metric" -> "指标"), for
 * `--headers zh`; the column itself when unknown. Static. */
const char *jd_figure_column_zh(const char *column);

G_END_DECLS
