/* The figure record: one stated (or curated) figure with its metric, region,
 * period, unit, qualifier and source. The figures table is the hand-off
 * between extraction and everything downstream; it reads and writes CSV
 * (RFC 4180, optional UTF-8 BOM for Excel) and JSON Lines, merges tables from
 * several documents and applies curated overrides. */
#pragma once

#include <glib.h>
#include <stdio.h>
#include "jindu/numeral.h"
#include "jindu/period.h"

G_BEGIN_DECLS

#define JD_FIGURE_ERROR (jd_figure_error_quark())
GQuark jd_figure_error_quark(void);
typedef enum {
  JD_FIGURE_ERROR_PARSE,  /* malformed CSV/JSONL: message names file:line */
  JD_FIGURE_ERROR_IO,
} jd_figure_error;

typedef enum {
  JD_KIND_LEVEL = 0,   /* a count or amount */
  JD_KIND_RATE,        /* a percentage that is itself the measure (巩固率) */
  JD_KIND_SHARE,       /* 占…的X% */
  JD_KIND_CHANGE_PCT,  /* 同比上升33% */
  JD_KIND_CHANGE_ABS,  /* 减少197人 */
  JD_KIND_CHANGE_PP,   /* 下降0.8个百分点 */
  JD_KIND_RATIO,       /* 是2015年的2.2倍 */
} jd_kind;

/* One record. All strings are owned by the record (never NULL; "" when
 * empty). Columns in this order in CSV: doc, line, quote, metric, scope,
 * drug, region, period, span, value, unit, qualifier, kind, base_period, where.
 *
 * scope: what narrows the thing counted, in the words of data/lexicon/
 * scopes.tsv (团伙, 公开查缉, 该案, 全球, 21岁以下 学生 …; several separated by a
 * space); "" = the whole that the metric names; "?" = cannot tell. Headline
 * series, KPI cards, charts and narrative use only figures with scope "".
 * span: the kind of period (period.h: year, months, half, quarter, month,
 * asof, multiyear, unknown); "" is read as the period's own.
 * where: where in the document the figure stands, for documents that are not
 * plain text, as a reader of the document would look it up: "第3页" (PDF),
 * "第12段" (a Word or web paragraph), "表2 第4行 第3列" (a table cell), with
 * " 识别置信度低" appended for a scanned page that OCR read with low
 * confidence; "" for plain text, where `line` says it. */
typedef struct {
  char *doc;
  unsigned line;
  char *quote;
  char *metric;
  char *scope;
  char *drug;
  char *region;
  char *period;
  char *span;
  double value;
  char *unit;
  jd_qualifier qualifier;
  jd_kind kind;
  char *base_period;
  char *where;
} jd_figure;

/* Makes a record, copying every string (NULL becomes ""). Caller frees with
 * jd_figure_free. */
jd_figure *jd_figure_new(const char *doc, unsigned line, const char *quote,
                         const char *metric, const char *drug, const char *region,
                         const char *period, double value, const char *unit,
                         jd_qualifier qualifier, jd_kind kind, const char *base_period);
jd_figure *jd_figure_copy(const jd_figure *f);
/* Replace the scope / the span of a record made by jd_figure_new (scope "";
 * span that of its period). NULL or "" span: the period's own. */
void jd_figure_set_scope(jd_figure *f, const char *scope);
void jd_figure_set_span(jd_figure *f, const char *span);
void jd_figure_set_where(jd_figure *f, const char *where);
void jd_figure_free(jd_figure *f);

const char *jd_kind_to_string(jd_kind k);
gboolean jd_kind_from_string(const char *s, jd_kind *out);

/* The column names, NULL-terminated. */
extern const char *const jd_figure_columns[];

typedef struct jd_figure_table jd_figure_table;

jd_figure_table *jd_figure_table_new(void);
void jd_figure_table_free(jd_figure_table *t);
/* Takes ownership of f (the one exception to the rule: it is a sink). The
 * table moves f's strings into its shared string pool: afterwards f stays
 * valid (same pointer) but its strings must not be freed or replaced. */
void jd_figure_table_take(jd_figure_table *t, jd_figure *f);
size_t jd_figure_table_get_count(const jd_figure_table *t);
const jd_figure *jd_figure_table_get(const jd_figure_table *t, size_t i); /* borrowed */
/* Sorts by doc, line, then position of insertion (stable). */
void jd_figure_table_sort(jd_figure_table *t);

/* Reading: CSV with a header row (columns by name, any order; unknown
 * columns are ignored; `metric` and `value` are required; a BOM is skipped;
 * CRLF, LF or CR line ends; GB18030 files are converted) or JSON Lines,
 * chosen by content. Empty qualifier means exact, empty kind level, an empty
 * value NaN (see overrides). Errors name path:line and what to do. Appends to
 * t; on error t keeps the rows read before the bad one. */
gboolean jd_figure_table_read_file(jd_figure_table *t, const char *path, GError **error);
gboolean jd_figure_table_read_csv(jd_figure_table *t, const char *name, const char *data,
                                  size_t len, GError **error);

/* Writing one record at a time (streaming) or a whole table. CSV follows
 * RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote, line
 * break or leading/trailing blank. JSON Lines: one object per line, "value"
 * a number (null for NaN). */
typedef enum { JD_FORMAT_CSV = 0, JD_FORMAT_JSONL } jd_figure_format;
void jd_figure_write_header(GString *out, jd_figure_format format, gboolean bom);
void jd_figure_write(GString *out, const jd_figure *f, jd_figure_format format);
/* Writes the table to path atomically (temporary file + rename). */
gboolean jd_figure_table_write_file(const jd_figure_table *t, const char *path,
                                    jd_figure_format format, gboolean bom, GError **error);

/* Whether value is plausible for its unit (data/lexicon/ranges.tsv: a level
 * at least the unit's min, every kind at most its max in absolute value). NaN
 * (withdrawn) is. When not, *why (if given) says which bound, for a message;
 * free it. */
gboolean jd_figure_value_plausible(const char *unit, jd_kind kind, double value, char **why);

/* Formats a value the way the CSV does: shortest decimal that round-trips
 * after rounding to 10 significant digits ("1480", "30.77", "0.064").
 * Caller frees with g_free. */
char *jd_figure_format_value(double v);

/* Curated overrides. Each row o of `overrides` replaces rows of t:
 *  - when o.doc is non-empty, the rows with the same (doc, line, metric, drug,
 *    period, kind);
 *  - when o.doc is empty, every row, from any document, with the same
 *    (metric, drug, region, period, kind) — this settles a conflict between
 *    documents with one curated value.
 * All matched rows are removed and one copy of o takes the place of the first
 * of them; an override that matches nothing is appended. An override whose
 * value is NaN (an empty value column) withdraws the matched rows and adds
 * nothing. When several overrides have the same key the last one wins.
 * Returns the number of rows replaced, withdrawn or added. */
size_t jd_figure_table_apply_overrides(jd_figure_table *t, const jd_figure_table *overrides);

/* The one way figures files are loaded (the build, `jindu report`, `analyze`,
 * `audit`): appends every file of tables to t, then reads every file of
 * overrides and applies them as above, then sorts the rows by document and
 * line (stably), so the result does not depend on the order of the files or
 * of the documents in them: shards of one extraction load as the whole does.
 * Either list (NULL-terminated) may be NULL. Stops at the first file that
 * cannot be read, with its error. */
gboolean jd_figure_table_load(jd_figure_table *t, const char *const *tables,
                              const char *const *overrides, GError **error);

/* Appends copies of every row of other to t. */
void jd_figure_table_append(jd_figure_table *t, const jd_figure_table *other);

/* Reads JSON Lines (one object per line, members named like the CSV columns;
 * "line" and "value" may be numbers or strings, "value": null is NaN). */
gboolean jd_figure_table_read_jsonl(jd_figure_table *t, const char *name, const char *data,
                                    size_t len, GError **error);
/* Reads CSV or JSON Lines from memory, chosen by content ('{' first: JSONL). */
gboolean jd_figure_table_read_data(jd_figure_table *t, const char *name, const char *data,
                                   size_t len, GError **error);

/* The whole table as CSV or JSON Lines text. Caller frees with
 * g_string_free(s, TRUE). */
GString *jd_figure_table_to_string(const jd_figure_table *t, jd_figure_format format,
                                   gboolean bom);

/* Appends s as one CSV field (quoted when needed, RFC 4180), made safe for
 * spreadsheets with jd_cell_safe_text. */
void jd_csv_append_field(GString *out, const char *s);
/* A text cell made safe for spreadsheets (OWASP CSV injection): a leading
 * apostrophe before a first character = + - @ tab or CR, and C0/C1 control
 * characters (but tab and line breaks) and bidirectional controls removed.
 * For every writer of spreadsheet cells (CSV, XLSX). Caller frees. */
char *jd_cell_safe_text(const char *s);
/* Whether jd_cell_safe_text could change s (a quick test). */
gboolean jd_cell_needs_care(const char *s);
/* Appends s as a JSON string literal (escaped; invalid UTF-8 replaced). */
void jd_json_append_string(GString *out, const char *s);

G_END_DECLS
