/* The mark a reader of src/text/ puts at the end of the `where` of a table
 * cell in a row of totals (合计, 小计: data/lexicon/documents.tsv "total"),
 * and that the audit (src/analyze/audit-total.c) looks for:
 * "表1 第5行 第2列(合计)". */
#pragma once

#define JD_WHERE_TOTAL_ROW "(合计)"
