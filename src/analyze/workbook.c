/* The figures and their analysis as an Excel workbook with libxlsxwriter
 * (sheets 指标数据, 时间序列, 核查结果, 来源), and the figures as a CSV with
 * Chinese headers and names (`--headers zh`). One definition of the figure
 * row serves both. Names come from data/lexicon/names.tsv (names.h, the
 * "kind" and "trend" rows), never from C strings. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

#include "jindu/names.h"
#include "jindu/workbook.h"
#include "util/names-table.h"

/* ------------------------------------------------------------ cells */

typedef struct {
  const char *text; /* text, or NULL for a number */
  char *owned;      /* text owned by the cell */
  double number;    /* NAN: an empty cell */
  int decimals;
  gboolean percent; /* number is in percent (45 for 45%) */
} cell;

static void cell_text(cell *c, const char *text) { *c = (cell){.text = text ? text : ""}; }
static void cell_own(cell *c, char *text) { *c = (cell){.text = text, .owned = text}; }
static void cell_number(cell *c, double v, int decimals, gboolean percent)
{
  *c = (cell){.number = v, .decimals = CLAMP(decimals, 0, 6), .percent = percent};
}
static void cells_clear(cell *cells, size_t n)
{
  for (size_t i = 0; i < n; i++) g_free(cells[i].owned);
}

/* Digits after the point as the value is written (at most 6). */
static int decimals_of(double v)
{
  if (!isfinite(v)) return 0;
  g_autofree char *s = jd_figure_format_value(v);
  const char *dot = strchr(s, '.');
  return dot && !strpbrk(s, "eE") ? (int)strlen(dot + 1) : 0;
}

static const char *row_name(const char *kind, const char *id)
{
  const char *n = jd_names_row_column(jd_names_table_find(kind, id), 0);
  return *n ? n : id;
}

/* The qualifier in words, as documents write it: "多", "约", "近". */
static char *qualifier_words(jd_qualifier q)
{
  const char *before = "", *after = "";
  jd_qualifier_words(q, JD_QUAL_WORDS_AUDIT, &before, &after);
  return g_strconcat(before, *before && *after ? "…" : "", after, NULL);
}

/* A drug's name; "all" (every drug) in the words of names.tsv. */
static const char *drug_name(const char *drug)
{
  if (!*drug) return "";
  if (strcmp(drug, "all") == 0) return row_name("phrase", "all_drugs");
  return jd_drug_name(drug);
}

static char *period_label(const char *period)
{
  return *period ? jd_period_label(period) : g_strdup("");
}

/* ------------------------------------------------------------ the figure row */

enum {
  FC_NO, FC_METRIC, FC_SCOPE, FC_DRUG, FC_REGION, FC_PERIOD, FC_VALUE, FC_UNIT, FC_QUAL,
  FC_KIND, FC_BASE, FC_DOC, FC_LINE, FC_QUOTE,
  FC_ID_METRIC, FC_ID_DRUG, FC_ID_PERIOD, FC_ID_SPAN, FC_ID_UNIT, FC_ID_QUAL, FC_ID_KIND,
  FC_N
};
static const char *const figure_headers[FC_N] = {
    "序号", "指标", "范围", "毒品", "地区", "时期", "数值", "单位", "约数", "类型", "基期",
    "文件", "行号", "原文", "metric", "drug", "period", "span", "unit", "qualifier", "kind"};

static gboolean figure_is_percent(const jd_figure *f)
{
  return strcmp(f->unit, "percent") == 0 || f->kind == JD_KIND_CHANGE_PCT;
}

static void figure_cells(const jd_figure *f, size_t no, cell *c)
{
  cell_number(&c[FC_NO], (double)no, 0, FALSE);
  cell_own(&c[FC_METRIC], jd_metric_name(f->metric));
  cell_text(&c[FC_SCOPE], f->scope);
  cell_text(&c[FC_DRUG], drug_name(f->drug));
  cell_text(&c[FC_REGION], f->region);
  cell_own(&c[FC_PERIOD], period_label(f->period));
  cell_number(&c[FC_VALUE], f->value, decimals_of(f->value), figure_is_percent(f));
  const char *unit = jd_unit_name(f->unit);
  cell_text(&c[FC_UNIT], f->kind == JD_KIND_CHANGE_PCT ? "%" : *unit ? unit : f->unit);
  cell_own(&c[FC_QUAL], qualifier_words(f->qualifier));
  cell_text(&c[FC_KIND], row_name("kind", jd_kind_to_string(f->kind)));
  cell_own(&c[FC_BASE], period_label(f->base_period));
  cell_text(&c[FC_DOC], f->doc);
  cell_number(&c[FC_LINE], f->line, 0, FALSE);
  cell_text(&c[FC_QUOTE], f->quote);
  cell_text(&c[FC_ID_METRIC], f->metric);
  cell_text(&c[FC_ID_DRUG], f->drug);
  cell_text(&c[FC_ID_PERIOD], f->period);
  cell_text(&c[FC_ID_SPAN], f->span);
  cell_text(&c[FC_ID_UNIT], f->unit);
  cell_text(&c[FC_ID_QUAL], jd_qualifier_to_string(f->qualifier));
  cell_text(&c[FC_ID_KIND], jd_kind_to_string(f->kind));
}

const char *jd_figure_column_zh(const char *column)
{
  static const struct { const char *id; int col; } map[] = {
      {"metric", FC_METRIC}, {"scope", FC_SCOPE},   {"drug", FC_DRUG},  {"region", FC_REGION},
      {"period", FC_PERIOD}, {"value", FC_VALUE},   {"unit", FC_UNIT},  {"qualifier", FC_QUAL},
      {"kind", FC_KIND},     {"base_period", FC_BASE}, {"doc", FC_DOC}, {"line", FC_LINE},
      {"quote", FC_QUOTE}};
  for (size_t i = 0; i < G_N_ELEMENTS(map); i++)
    if (strcmp(map[i].id, column) == 0) return figure_headers[map[i].col];
  return column;
}

/* ------------------------------------------------------------ CSV */

void jd_workbook_csv_header(GString *out, gboolean bom)
{
  if (bom) g_string_append(out, "\xEF\xBB\xBF");
  for (size_t i = 0; i < FC_N; i++) {
    if (i) g_string_append_c(out, ',');
    jd_csv_append_field(out, figure_headers[i]);
  }
  g_string_append(out, "\r\n");
}

void jd_workbook_csv_row(GString *out, const jd_figure *f, size_t no)
{
  cell c[FC_N];
  figure_cells(f, no, c);
  for (size_t i = 0; i < FC_N; i++) {
    if (i) g_string_append_c(out, ',');
    if (c[i].text) {
      jd_csv_append_field(out, c[i].text);
    } else if (!isnan(c[i].number)) {
      g_autofree char *v = jd_figure_format_value(c[i].number);
      g_string_append(out, v);
    }
  }
  g_string_append(out, "\r\n");
  cells_clear(c, FC_N);
}

/* ------------------------------------------------------------ sheets */

#define MAX_COLS 32
#define MAX_WIDTH 60.0

typedef struct {
  lxw_workbook *wb;
  lxw_format *header, *text, *wrap;
  lxw_format *numbers[7], *percents[7]; /* by decimals */
  lxw_error status;                     /* first failure */
} book;

typedef struct {
  book *b;
  lxw_worksheet *ws;
  lxw_row_t row;
  lxw_col_t ncols;
  double widths[MAX_COLS];
} sheet;

/* Width of text in Excel's units: a CJK character is two, others one. */
static double text_width(const char *s)
{
  double w = 0;
  for (const char *p = s; *p; p = g_utf8_next_char(p)) {
    gunichar ch = g_utf8_get_char(p);
    w += g_unichar_iswide(ch) || g_unichar_iswide_cjk(ch) ? 2.0 : 1.0;
  }
  return w;
}

static void note(book *b, lxw_error e)
{
  if (e != LXW_NO_ERROR && b->status == LXW_NO_ERROR) b->status = e;
}

static lxw_format *number_format(book *b, int decimals, gboolean percent)
{
  lxw_format **slot = percent ? &b->percents[decimals] : &b->numbers[decimals];
  if (!*slot) {
    GString *f = g_string_new(percent ? "0" : "#,##0");
    if (decimals) g_string_append_c(f, '.');
    for (int i = 0; i < decimals; i++) g_string_append_c(f, '0');
    if (percent) g_string_append_c(f, '%');
    *slot = workbook_add_format(b->wb);
    format_set_num_format(*slot, f->str);
    g_string_free(f, TRUE);
  }
  return *slot;
}

static sheet sheet_new(book *b, const char *name, const char *const *headers, size_t n)
{
  sheet s = {.b = b, .ws = workbook_add_worksheet(b->wb, name), .ncols = (lxw_col_t)n};
  for (size_t i = 0; i < n && i < MAX_COLS; i++) {
    note(b, worksheet_write_string(s.ws, 0, (lxw_col_t)i, headers[i], b->header));
    s.widths[i] = text_width(headers[i]) + 3; /* room for the filter button */
  }
  s.row = 1;
  return s;
}

static void sheet_row(sheet *s, const cell *c)
{
  for (lxw_col_t i = 0; i < s->ncols; i++) {
    double w;
    if (c[i].text) {
      if (!*c[i].text) continue;
      note(s->b, worksheet_write_string(s->ws, s->row, i, c[i].text, s->b->text));
      w = text_width(c[i].text);
    } else {
      if (isnan(c[i].number) || !isfinite(c[i].number)) continue;
      double v = c[i].percent ? c[i].number / 100 : c[i].number;
      note(s->b, worksheet_write_number(s->ws, s->row, i, v,
                                        number_format(s->b, c[i].decimals, c[i].percent)));
      /* digits, separators and the point */
      double digits = fabs(c[i].number) >= 1 ? floor(log10(fabs(c[i].number))) + 1 : 1;
      w = digits + floor((digits - 1) / 3) + c[i].decimals + 3;
    }
    s->widths[i] = MAX(s->widths[i], MIN(w + 1, MAX_WIDTH));
  }
  s->row++;
}

static void sheet_finish(sheet *s)
{
  worksheet_freeze_panes(s->ws, 1, 0);
  note(s->b, worksheet_autofilter(s->ws, 0, 0, s->row > 1 ? s->row - 1 : 1, s->ncols - 1));
  for (lxw_col_t i = 0; i < s->ncols; i++)
    note(s->b, worksheet_set_column(s->ws, i, i, s->widths[i], NULL));
}

/* ------------------------------------------------------------ 指标数据, 来源 */

static void figures_sheet(book *b, const jd_figure_table *t)
{
  sheet s = sheet_new(b, "指标数据", figure_headers, FC_N);
  for (size_t i = 0; i < jd_figure_table_get_count(t); i++) {
    cell c[FC_N];
    figure_cells(jd_figure_table_get(t, i), i + 1, c);
    sheet_row(&s, c);
    cells_clear(c, FC_N);
  }
  sheet_finish(&s);
}

/* One row per document: how many figures it states, of which periods. */
static void sources_sheet(book *b, const jd_figure_table *t)
{
  static const char *const headers[] = {"序号", "文件", "数据条数", "首行", "末行", "最早时期",
                                        "最晚时期", "doc"};
  sheet s = sheet_new(b, "来源", headers, G_N_ELEMENTS(headers));
  size_t n = jd_figure_table_get_count(t), no = 0;
  for (size_t i = 0; i < n;) {
    const jd_figure *f = jd_figure_table_get(t, i);
    size_t j = i, count = 0;
    unsigned first = f->line, last = f->line;
    const char *early = "", *late = "";
    for (; j < n && strcmp(jd_figure_table_get(t, j)->doc, f->doc) == 0; j++) {
      const jd_figure *g = jd_figure_table_get(t, j);
      count++;
      first = MIN(first, g->line);
      last = MAX(last, g->line);
      if (!*g->period || strcmp(g->period, "unknown") == 0) continue;
      if (!*early || strcmp(g->period, early) < 0) early = g->period;
      if (!*late || strcmp(g->period, late) > 0) late = g->period;
    }
    cell c[8];
    cell_number(&c[0], (double)++no, 0, FALSE);
    cell_text(&c[1], f->doc);
    cell_number(&c[2], (double)count, 0, FALSE);
    cell_number(&c[3], first, 0, FALSE);
    cell_number(&c[4], last, 0, FALSE);
    cell_own(&c[5], period_label(early));
    cell_own(&c[6], period_label(late));
    cell_text(&c[7], f->doc);
    sheet_row(&s, c);
    cells_clear(c, 8);
    i = j;
  }
  sheet_finish(&s);
}

/* ------------------------------------------------------------ 时间序列 */

enum {
  SC_METRIC, SC_SCOPE, SC_DRUG, SC_REGION, SC_PERIOD, SC_VALUE, SC_UNIT, SC_QUAL, SC_ORIGIN,
  SC_CHANGE, SC_CHANGE_PCT, SC_DOCS, SC_SOURCES, SC_TREND, SC_SLOPE, SC_CAGR, SC_R2,
  SC_FORECAST_PERIOD, SC_FORECAST, SC_FORECAST_LOW, SC_FORECAST_HIGH,
  SC_ID_METRIC, SC_ID_DRUG, SC_ID_PERIOD, SC_ID_UNIT, SC_ID_QUAL, SC_ID_TREND, SC_N
};
static const char *const series_headers[SC_N] = {
    "指标", "范围", "毒品", "地区", "时期", "数值", "单位", "约数", "来源类型", "较上期变化",
    "较上期变化率", "文件数", "出处", "趋势", "年均变化", "年均增长率", "拟合优度R²",
    "预测年份", "预测值", "预测下限", "预测上限",
    "metric", "drug", "period", "unit", "qualifier", "trend"};

static const char *trend_id(jd_trend_kind k)
{
  static const char *const ids[] = {"none", "two_points", "linear", "weighted"};
  return (size_t)k < G_N_ELEMENTS(ids) ? ids[k] : "none";
}

static char *sources_text(const jd_source *src, size_t n)
{
  GString *s = g_string_new(NULL);
  char *last = NULL;
  for (size_t i = 0; i < n; i++) {
    char *one = jd_source_to_string(&src[i]);
    if (!last || strcmp(last, one) != 0) g_string_append_printf(s, "%s%s", i ? "；" : "", one);
    g_free(last);
    last = one;
  }
  g_free(last);
  return g_string_free(s, FALSE);
}

static void trend_cells(const jd_series *se, int d, gboolean pct, cell *c)
{
  const jd_trend *t = &se->trend;
  cell_text(&c[SC_TREND], row_name("trend", trend_id(t->kind)));
  cell_number(&c[SC_SLOPE], t->kind >= JD_TREND_LINEAR ? t->slope : NAN, d + 1, pct);
  cell_number(&c[SC_CAGR], t->kind >= JD_TREND_TWO_POINTS ? t->cagr_pct : NAN, 1, TRUE);
  cell_number(&c[SC_R2], t->kind >= JD_TREND_LINEAR ? t->r2 : NAN, 3, FALSE);
  gboolean fc = t->kind >= JD_TREND_LINEAR && isfinite(t->forecast_x);
  cell_number(&c[SC_FORECAST_PERIOD], fc ? floor(t->forecast_x) : NAN, 0, FALSE);
  cell_number(&c[SC_FORECAST], fc ? t->forecast : NAN, d, pct);
  cell_number(&c[SC_FORECAST_LOW], fc ? t->forecast_low : NAN, d, pct);
  cell_number(&c[SC_FORECAST_HIGH], fc ? t->forecast_high : NAN, d, pct);
  cell_text(&c[SC_ID_TREND], trend_id(t->kind));
}

static void series_sheet(book *b, const jd_analysis *a)
{
  sheet s = sheet_new(b, "时间序列", series_headers, SC_N);
  for (size_t i = 0; i < jd_analysis_get_series_count(a); i++) {
    const jd_series *se = jd_analysis_get_series(a, i);
    gboolean pct = strcmp(se->unit, "percent") == 0;
    int d = 0;
    for (size_t k = 0; k < se->n_points; k++) d = MAX(d, decimals_of(se->points[k].value));
    for (size_t k = 0; k < se->n_points; k++) {
      const jd_point *p = &se->points[k];
      cell c[SC_N];
      cell_own(&c[SC_METRIC], jd_metric_name(se->metric));
      cell_text(&c[SC_SCOPE], se->scope);
      cell_text(&c[SC_DRUG], drug_name(se->drug));
      cell_text(&c[SC_REGION], se->region);
      cell_own(&c[SC_PERIOD], period_label(p->period));
      cell_number(&c[SC_VALUE], p->value, decimals_of(p->value), pct);
      cell_text(&c[SC_UNIT], jd_unit_name(se->unit));
      cell_own(&c[SC_QUAL], qualifier_words(p->qualifier));
      cell_text(&c[SC_ORIGIN], p->origin == JD_POINT_IMPLIED ? p->derivation : "文件所载");
      cell_number(&c[SC_CHANGE], p->change_abs, d, pct);
      cell_number(&c[SC_CHANGE_PCT], p->change_pct, 1, TRUE);
      cell_number(&c[SC_DOCS], (double)p->n_documents, 0, FALSE);
      cell_own(&c[SC_SOURCES], sources_text(p->sources, p->n_sources));
      trend_cells(se, d, pct, c);
      cell_text(&c[SC_ID_METRIC], se->metric);
      cell_text(&c[SC_ID_DRUG], se->drug);
      cell_text(&c[SC_ID_PERIOD], p->period);
      cell_text(&c[SC_ID_UNIT], se->unit);
      cell_text(&c[SC_ID_QUAL], jd_qualifier_to_string(p->qualifier));
      sheet_row(&s, c);
      cells_clear(c, SC_N);
    }
  }
  sheet_finish(&s);
}

/* ------------------------------------------------------------ 核查结果 */

enum {
  AC_NO, AC_SEVERITY, AC_TITLE, AC_METRIC, AC_DRUG, AC_REGION, AC_PERIOD, AC_EXPLANATION,
  AC_ARITHMETIC, AC_STATED, AC_COMPUTED, AC_SOURCES, AC_ID_SEVERITY, AC_ID_KIND, AC_ID_METRIC,
  AC_ID_DRUG, AC_N
};
static const char *const audit_headers[AC_N] = {
    "序号", "级别", "核查项目", "指标", "毒品", "地区", "时期", "说明", "算式", "所载数值",
    "计算数值", "出处", "severity", "check", "metric", "drug"};

static void audit_sheet(book *b, const jd_analysis *a)
{
  sheet s = sheet_new(b, "核查结果", audit_headers, AC_N);
  for (size_t i = 0; i < jd_analysis_get_finding_count(a); i++) {
    const jd_finding *f = jd_analysis_get_finding(a, i);
    cell c[AC_N];
    cell_number(&c[AC_NO], (double)(i + 1), 0, FALSE);
    cell_text(&c[AC_SEVERITY], jd_severity_to_chinese(f->severity));
    cell_text(&c[AC_TITLE], f->title);
    cell_own(&c[AC_METRIC], jd_metric_name(f->metric));
    cell_text(&c[AC_DRUG], drug_name(f->drug ? f->drug : ""));
    cell_text(&c[AC_REGION], f->region);
    cell_own(&c[AC_PERIOD], period_label(f->period ? f->period : ""));
    cell_text(&c[AC_EXPLANATION], f->explanation);
    cell_text(&c[AC_ARITHMETIC], f->arithmetic);
    cell_number(&c[AC_STATED], f->stated, decimals_of(f->stated), FALSE);
    cell_number(&c[AC_COMPUTED], f->computed, MIN(decimals_of(f->computed), 2), FALSE);
    cell_own(&c[AC_SOURCES], sources_text(f->sources, f->n_sources));
    cell_text(&c[AC_ID_SEVERITY], jd_severity_to_string(f->severity));
    cell_text(&c[AC_ID_KIND], jd_finding_kind_to_string(f->kind));
    cell_text(&c[AC_ID_METRIC], f->metric);
    cell_text(&c[AC_ID_DRUG], f->drug);
    sheet_row(&s, c);
    cells_clear(c, AC_N);
  }
  sheet_finish(&s);
}

/* ------------------------------------------------------------ the workbook */

static void book_formats(book *b)
{
  b->header = workbook_add_format(b->wb);
  format_set_bold(b->header);
  format_set_bg_color(b->header, 0xDDE3EA);
  format_set_bottom(b->header, LXW_BORDER_THIN);
  format_set_align(b->header, LXW_ALIGN_CENTER);
  format_set_align(b->header, LXW_ALIGN_VERTICAL_CENTER);
  b->text = workbook_add_format(b->wb);
  format_set_num_format(b->text, "@");
}

static GBytes *read_back(const char *path, GError **error)
{
  char *data = NULL;
  gsize len = 0;
  GError *err = NULL;
  if (!g_file_get_contents(path, &data, &len, &err)) {
    g_set_error(error, JD_FIGURE_ERROR, JD_FIGURE_ERROR_IO, "the workbook could not be read back: %s",
                err->message);
    g_error_free(err);
    return NULL;
  }
  return g_bytes_new_take(data, len);
}

GBytes *jd_workbook_render(const jd_figure_table *figures, const jd_analysis *analysis,
                           gint64 created, GError **error)
{
  GError *err = NULL;
  g_autofree char *dir = g_dir_make_tmp("jindu-xlsx-XXXXXX", &err);
  if (!dir) {
    g_set_error(error, JD_FIGURE_ERROR, JD_FIGURE_ERROR_IO,
                "no temporary directory for the workbook: %s — set TMPDIR to a writable directory",
                err->message);
    g_error_free(err);
    return NULL;
  }
  g_autofree char *path = g_build_filename(dir, "book.xlsx", NULL);
  lxw_workbook_options wo = {.constant_memory = LXW_FALSE, .tmpdir = dir, .use_zip64 = LXW_FALSE};
  book b = {.wb = workbook_new_opt(path, &wo)};
  GBytes *out = NULL;
  if (!b.wb) {
    g_set_error(error, JD_FIGURE_ERROR, JD_FIGURE_ERROR_IO, "the workbook could not be started");
    goto done;
  }
  lxw_doc_properties props = {.title = "禁毒数据", .comments = "jindu", .created = (time_t)created};
  note(&b, workbook_set_properties(b.wb, &props));
  book_formats(&b);
  figures_sheet(&b, figures);
  if (analysis) {
    series_sheet(&b, analysis);
    audit_sheet(&b, analysis);
  }
  sources_sheet(&b, figures);
  lxw_error e = workbook_close(b.wb);
  if (b.status == LXW_NO_ERROR) b.status = e;
  if (b.status != LXW_NO_ERROR) {
    g_set_error(error, JD_FIGURE_ERROR, JD_FIGURE_ERROR_IO, "the workbook could not be written: %s",
                lxw_strerror(b.status));
    goto done;
  }
  out = read_back(path, error);
done:
  g_remove(path);
  g_rmdir(dir);
  return out;
}
