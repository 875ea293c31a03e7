/* Tables of Word, OpenDocument and web documents as figures (doc-private.h).
 *
 * Cells go into a grid, a merged cell's text filling every place it covers.
 * The header rows are the rows before the first one with a number in it, the
 * header columns the columns before the first one with a number below the
 * headers (a 序号 column, data/lexicon/documents.tsv "index", is left out).
 * Each number cell then becomes a paragraph that states it with its headers:
 * the pieces that name a period first (2023年, 1-6月), then the row's, then
 * the column's, then the number with the unit its header gives in brackets
 * (破获案件(起) -> 12起):
 *     县区 | 破获案件(起)         ->  2023年城关区破获案件12起
 *          | 2022年 | 2023年
 *     城关区 |   10   |   12
 * so the extractor reads a table's figures like a sentence's. Other cells are
 * paragraphs of their own; a table without numbers (a layout table) gives its
 * cells as paragraphs. Every block says where it is: 表2 第4行 第3列. */
#include "text/doc-private.h"
#include "util/where.h"

#include <math.h>
#include <string.h>

#define MAX_ROWS 4096
#define MAX_COLS 128

typedef struct {
  char *text;
  int colspan, rowspan;
  gboolean cont;
} cell_in;

struct jd_table {
  GPtrArray *rows; /* GPtrArray of cell_in* */
};

static void free_cell(gpointer p)
{
  cell_in *c = p;
  g_free(c->text);
  g_free(c);
}

jd_table *jd_table_new(void)
{
  jd_table *t = g_new0(jd_table, 1);
  t->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
  return t;
}

void jd_table_free(jd_table *t)
{
  if (!t) return;
  g_ptr_array_unref(t->rows);
  g_free(t);
}

void jd_table_row(jd_table *t)
{
  if (t->rows->len < MAX_ROWS) g_ptr_array_add(t->rows, g_ptr_array_new_with_free_func(free_cell));
}

void jd_table_cell(jd_table *t, const char *text, int colspan, int rowspan, gboolean cont)
{
  if (!t->rows->len) jd_table_row(t);
  GPtrArray *row = t->rows->pdata[t->rows->len - 1];
  if (row->len >= MAX_COLS) return;
  cell_in *c = g_new0(cell_in, 1);
  c->text = g_strstrip(g_strdup(text ? text : ""));
  c->colspan = CLAMP(colspan, 1, MAX_COLS);
  c->rowspan = CLAMP(rowspan, 1, MAX_ROWS);
  c->cont = cont;
  g_ptr_array_add(row, c);
}

/* ---- the grid ------------------------------------------------------------------ */

typedef struct {
  int rows, cols;
  const char **text; /* rows*cols, borrowed from the cells; NULL: no cell */
  gboolean *origin;  /* the cell's own place (not covered by its span) */
} grid;

static const char **at(grid *g, int r, int c)
{
  return &g->text[(size_t)r * (size_t)g->cols + (size_t)c];
}

static void grid_build(const jd_table *t, grid *g)
{
  g->rows = (int)t->rows->len;
  g->cols = 0;
  for (guint r = 0; r < t->rows->len; r++) {
    GPtrArray *row = t->rows->pdata[r];
    int w = 0;
    for (guint i = 0; i < row->len; i++) w += ((cell_in *)row->pdata[i])->colspan;
    g->cols = MAX(g->cols, MIN(w, MAX_COLS));
  }
  /* row spans may push cells right: leave room */
  g->cols = MIN(g->cols * 2, MAX_COLS);
  g->text = g_new0(const char *, (size_t)g->rows * (size_t)MAX(g->cols, 1));
  g->origin = g_new0(gboolean, (size_t)g->rows * (size_t)MAX(g->cols, 1));
  for (int r = 0; r < g->rows; r++) {
    GPtrArray *row = t->rows->pdata[r];
    int c = 0;
    for (guint i = 0; i < row->len; i++) {
      cell_in *ci = row->pdata[i];
      while (c < g->cols && *at(g, r, c)) c++;
      if (c >= g->cols) break;
      const char *text = ci->text;
      if (ci->cont && r > 0 && *at(g, r - 1, c)) text = *at(g, r - 1, c);
      for (int rr = r; rr < MIN(g->rows, r + ci->rowspan); rr++)
        for (int cc = c; cc < MIN(g->cols, c + ci->colspan); cc++) *at(g, rr, cc) = text;
      g->origin[(size_t)r * (size_t)g->cols + (size_t)c] = !ci->cont;
      c += ci->colspan;
    }
  }
}

/* ---- cells ------------------------------------------------------------------- */

static gboolean is_digit_at(const char *s, size_t *len)
{
  if (*s >= '0' && *s <= '9') {
    *len = 1;
    return TRUE;
  }
  if (!strncmp(s, "\xEF\xBC", 2) && (guchar)s[2] >= 0x90 && (guchar)s[2] <= 0x99) {
    *len = 3; /* full-width ０-９ */
    return TRUE;
  }
  return FALSE;
}

typedef enum { CELL_EMPTY, CELL_TEXT, CELL_NUMBER, CELL_YEAR } cell_kind;

/* A number with at most a short unit after it (12, 3.5公斤, 45%, 1.2万人), a year
 * label (2023, 2023年), or text. */
static cell_kind classify(const char *s)
{
  if (!s) return CELL_EMPTY;
  while (*s == ' ') s++;
  if (!*s || !strcmp(s, "-") || !strcmp(s, "—") || !strcmp(s, "/") || !strcmp(s, "——") ||
      !strcmp(s, "－"))
    return CELL_EMPTY;
  const char *p = s;
  if (*p == '+' || *p == '-') p++;
  else if (!strncmp(p, "−", strlen("−"))) p += strlen("−");
  size_t l, digits = 0;
  long v = 0;
  gboolean point = FALSE;
  while (*p) {
    if (is_digit_at(p, &l)) {
      if (!point && v < 100000) v = v * 10 + (l == 1 ? *p - '0' : (guchar)p[2] - 0x90);
      digits++;
      p += l;
    } else if ((*p == '.' || *p == ',') && digits) {
      point = point || *p == '.';
      p++;
    } else {
      break;
    }
  }
  if (!digits) return CELL_TEXT;
  const char *rest = p;
  while (*rest == ' ') rest++;
  if (strlen(rest) > 15) return CELL_TEXT;
  for (const char *q = rest; *q; q++)
    if (g_ascii_isdigit(*q)) return CELL_TEXT;
  gboolean year = digits == 4 && !point && v >= 1949 && v <= 2100 && p == s + 4;
  if (year && (!*rest || !strcmp(rest, "年") || !strcmp(rest, "年度"))) return CELL_YEAR;
  if (g_str_has_suffix(rest, "年") || g_str_has_suffix(rest, "月") ||
      g_str_has_suffix(rest, "日") || g_str_has_suffix(rest, "季度"))
    return CELL_TEXT;
  return CELL_NUMBER;
}

static gboolean is_value(cell_kind k)
{
  return k == CELL_NUMBER || k == CELL_YEAR;
}

/* A piece naming a period: a number (Arabic or Chinese) followed by 年, 月 or
 * 季度, or 上半年 / 下半年. */
static gboolean is_period_piece(const char *s)
{
  static const char *const marks[] = {"年", "月", "季度"};
  for (size_t k = 0; k < G_N_ELEMENTS(marks); k++) {
    for (const char *p = strstr(s, marks[k]); p; p = strstr(p + 1, marks[k])) {
      if (p == s) continue;
      const char *prev = g_utf8_find_prev_char(s, p);
      while (prev && *prev == ' ') prev = g_utf8_find_prev_char(s, prev); /* 2022 年 */
      gunichar c = prev ? g_utf8_get_char(prev) : 0;
      if (g_unichar_isdigit(c) || strchr("0123456789", (int)c) || g_utf8_strchr("一二三四上下全本", -1, c))
        return TRUE;
    }
  }
  return FALSE;
}

/* Cuts a unit in brackets at the end of a header piece: 破获案件(起) -> 起. */
static char *take_unit(GString *piece)
{
  static const char *const open[] = {"(", "（"}, *const close[] = {")", "）"};
  for (size_t k = 0; k < 2; k++) {
    if (!g_str_has_suffix(piece->str, close[k])) continue;
    for (size_t j = 0; j < 2; j++) {
      const char *o = g_strrstr(piece->str, open[j]);
      if (!o) continue;
      size_t start = (size_t)(o - piece->str) + strlen(open[j]);
      size_t end = piece->len - strlen(close[k]);
      if (end <= start || end - start > 12) continue;
      char *unit = g_strndup(piece->str + start, end - start);
      g_string_truncate(piece, (size_t)(o - piece->str));
      return unit;
    }
  }
  return NULL;
}

/* The length of the period that opens a header piece (2022年破获案件(起):
 * "2022年"; 2023年1-6月抓获: "2023年1-6月"), 0 when it opens with none. */
static size_t period_prefix(const char *s)
{
  size_t end = 0;
  gboolean digit = FALSE;
  for (const char *p = s; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_isdigit(c) || g_utf8_strchr("〇零一二三四五六七八九十", -1, c)) {
      digit = TRUE;
    } else if (c == 0x5E74 || c == 0x6708 || c == 0x5EA6) { /* 年 月 度 */
      if (!digit && c != 0x5EA6) break;
      end = (size_t)(g_utf8_next_char(p) - s);
    } else if (!g_utf8_strchr("-—–~～至到第季上下半全本 ", -1, c)) {
      break;
    }
  }
  return end;
}

/* Whether the rows of t read as a grid of figures: a cell right of the first
 * column holds a number, and no row has text right of a number (a line of
 * prose cut at wide spaces, 破获案件  46起  抓获  58名, is no table). */
gboolean jd_table_is_grid(const jd_table *t)
{
  gboolean number = FALSE;
  for (guint r = 0; r < t->rows->len; r++) {
    const GPtrArray *row = t->rows->pdata[r];
    gboolean seen = FALSE;
    for (guint i = 0; i < row->len; i++) {
      cell_kind k = classify(((const cell_in *)row->pdata[i])->text);
      if (k == CELL_NUMBER && i > 0) seen = number = TRUE;
      else if (k == CELL_TEXT && seen) return FALSE;
    }
  }
  return number;
}

/* ---- tables laid out on a page ------------------------------------------------ */

#define MAX_SEGMENTS 6000 /* the work grows with their square in places */

/* Segments' indices by their tops (g_qsort_with_data: ties keep their order). */
static gint by_top_index(gconstpointer a, gconstpointer b, gpointer data)
{
  const GArray *segs = data;
  double ya = g_array_index(segs, jd_seg, *(const guint *)a).y1;
  double yb = g_array_index(segs, jd_seg, *(const guint *)b).y1;
  return ya < yb ? -1 : ya > yb;
}

/* The visual rows of segs (those whose heights overlap, chained), as the
 * index of each segment's row; returns the count of rows. Rows are numbered
 * top to bottom. */
static guint seg_rows(GArray *segs, guint *row)
{
  guint n = segs->len, rows = 0;
  guint *order = g_new(guint, MAX(n, 1));
  for (guint i = 0; i < n; i++) order[i] = i;
  g_qsort_with_data(order, (gint)n, sizeof *order, by_top_index, segs); /* stable: ties keep order */
  double bottom = -G_MAXDOUBLE;
  for (guint k = 0; k < n; k++) {
    const jd_seg *g = &g_array_index(segs, jd_seg, order[k]);
    double h = g->y2 - g->y1;
    if (k == 0 || g->y1 > bottom - 0.25 * h) rows++; /* below the row so far: a new one */
    row[order[k]] = rows - 1;
    bottom = k == 0 || row[order[k - 1]] != rows - 1 ? g->y2 : MAX(bottom, g->y2);
  }
  g_free(order);
  return rows;
}

/* Columns: the spans of the number rows' segments, overlapping ones merged,
 * left to right, into cols (x1, x2 pairs); returns their count. */
static guint seg_columns(GArray *segs, const guint *row, const gboolean *number_row, GArray *cols)
{
  for (guint i = 0; i < segs->len; i++) {
    const jd_seg *g = &g_array_index(segs, jd_seg, i);
    if (!number_row[row[i]]) continue;
    double span[2] = {g->x1, g->x2};
    /* merge with every column it overlaps */
    for (guint c = 0; c < cols->len / 2;) {
      double *x = &g_array_index(cols, double, 2 * c);
      if (x[0] <= span[1] && span[0] <= x[1]) {
        span[0] = MIN(span[0], x[0]);
        span[1] = MAX(span[1], x[1]);
        g_array_remove_range(cols, 2 * c, 2);
      } else {
        c++;
      }
    }
    guint at = 0;
    while (at < cols->len / 2 && g_array_index(cols, double, 2 * at) < span[0]) at++;
    g_array_insert_vals(cols, 2 * at, span, 2);
  }
  return cols->len / 2;
}

/* The columns a segment covers [*c0, *c1]: the bands (a column and half the
 * gap to each neighbour) it overlaps by half its width or most of a
 * character, else the nearest. A header centred over two columns
 * (破获毒品案件(起) over 2022年 | 2023年) covers both. */
static void seg_cover(const jd_seg *g, const GArray *cols, guint *c0, guint *c1)
{
  guint n = cols->len / 2;
  *c0 = G_MAXUINT, *c1 = 0;
  double best = G_MAXDOUBLE;
  guint nearest = 0;
  for (guint c = 0; c < n; c++) {
    double x1 = g_array_index(cols, double, 2 * c), x2 = g_array_index(cols, double, 2 * c + 1);
    double gl = c ? (x1 - g_array_index(cols, double, 2 * c - 1)) / 2 : -1;
    double gr = c + 1 < n ? (g_array_index(cols, double, 2 * c + 2) - x2) / 2 : -1;
    if (gl < 0) gl = MAX(gr, 0); /* the outer columns: their gap mirrored */
    if (gr < 0) gr = MAX(gl, 0);
    double lo = x1 - gl, hi = x2 + gr;
    double need = MIN(0.5 * (g->x2 - g->x1), 0.4 * (hi - lo));
    if (MIN(hi, g->x2) - MAX(lo, g->x1) >= need) {
      *c0 = MIN(*c0, c);
      *c1 = MAX(*c1, c);
    }
    double d = g->x2 < x1 ? x1 - g->x2 : g->x1 - x2;
    if (d < best) best = d, nearest = c;
  }
  if (*c0 == G_MAXUINT) *c0 = *c1 = nearest;
}

static int by_top(gconstpointer a, gconstpointer b)
{
  const jd_seg *x = *(const jd_seg *const *)a, *y = *(const jd_seg *const *)b;
  if (fabs(x->y1 - y->y1) > 0.3 * (x->y2 - x->y1)) return x->y1 < y->y1 ? -1 : 1;
  return x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

/* One row of the table from the segments of segs that pick says: each cell
 * the text of the segments that start at its column, top to bottom (a cell
 * written on two lines), spanning the columns they cover; rowspan of a cell
 * whose column nothing below fills (a header's 县市 beside two header rows);
 * a place a cell above spans (skip) is left to it. */
static gboolean add_row(jd_table *t, GArray *segs, const GArray *cols, const guint *idx, guint m,
                        const int *rowspan, const gboolean *skip, const guint *cover, GArray *row_top)
{
  gboolean ok = TRUE;
  guint ncols = cols->len / 2;
  if (row_top) { /* the row's top, for a text's line numbers */
    double top = G_MAXDOUBLE;
    for (guint k = 0; k < m; k++) top = MIN(top, g_array_index(segs, jd_seg, idx[k]).y1);
    g_array_append_val(row_top, top);
  }
  GPtrArray *at = g_ptr_array_new();
  GString *cell = g_string_new(NULL);
  jd_table_row(t);
  for (guint c = 0; c < ncols;) {
    g_ptr_array_set_size(at, 0);
    guint span = 1;
    int rs = 1;
    for (guint k = 0; k < m; k++) {
      guint c0, c1, i = idx[k];
      jd_seg *g = &g_array_index(segs, jd_seg, i);
      if (cover) c0 = cover[2 * i], c1 = cover[2 * i + 1];
      else seg_cover(g, cols, &c0, &c1);
      if (c0 != c) continue;
      g_ptr_array_add(at, g);
      span = MAX(span, c1 - c0 + 1);
      if (rowspan) rs = MAX(rs, rowspan[i]);
    }
    if (!at->len && skip && skip[c]) {
      c++;
      continue;
    }
    g_ptr_array_sort(at, by_top);
    g_string_truncate(cell, 0);
    for (guint k = 0; k < at->len; k++) {
      const jd_seg *g = at->pdata[k];
      /* two pieces side by side in one column (1     2 where the columns do
       * not line up): no cell of a table, and never one number of them */
      if (k && g->y1 < ((const jd_seg *)at->pdata[k - 1])->y2 - 0.5 * (g->y2 - g->y1)) ok = FALSE;
      g_string_append_len(cell, g->s, (gssize)g->len);
    }
    jd_table_cell(t, cell->str, (int)MIN(span, ncols - c), rs, FALSE);
    c += span;
  }
  g_string_free(cell, TRUE);
  g_ptr_array_unref(at);
  return ok;
}

/* The header rows (the segments of rows before the first with a number): a
 * segment's level is how many segments above it span more columns than it
 * does (破获毒品案件(起) over 2022年 | 2023年); one segment under another
 * covering the same columns goes on its text (2022 / 年). */
static void add_header(jd_table *t, GArray *segs, const GArray *cols, const guint *row, guint head,
                       guint first, GArray *row_top)
{
  guint n = segs->len, ncols = cols->len / 2, levels = 0;
  guint *c0 = g_new(guint, n), *c1 = g_new(guint, n), *cover = g_new(guint, 2 * MAX(n, 1));
  int *level = g_new0(int, n), *rowspan = g_new0(int, n);
  for (guint i = 0; i < n; i++) seg_cover(&g_array_index(segs, jd_seg, i), cols, &c0[i], &c1[i]);
  /* a heading over sub-headings covers their columns (破获毒品案件(起) over
   * 2022年 | 2023年, however narrow the columns of numbers under them) */
  for (guint i = 0; i < n; i++) {
    const jd_seg *h = &g_array_index(segs, jd_seg, i);
    double tol = 0.5 * (h->y2 - h->y1);
    guint lo = G_MAXUINT, hi = 0;
    for (guint k = 0; k < n && row[i] >= head && row[i] < first; k++) {
      const jd_seg *g = &g_array_index(segs, jd_seg, k);
      double mid = (g->x1 + g->x2) / 2;
      if (k == i || row[k] < head || row[k] >= first || g->y1 < h->y2 - tol) continue;
      if (mid < h->x1 - tol || mid > h->x2 + tol) continue;
      lo = MIN(lo, c0[k]), hi = MAX(hi, c1[k]);
    }
    if (lo != G_MAXUINT && hi > lo) c0[i] = lo, c1[i] = hi;
    cover[2 * i] = c0[i], cover[2 * i + 1] = c1[i];
  }
  for (guint i = 0; i < n; i++) {
    if (row[i] < head || row[i] >= first) continue;
    const jd_seg *h = &g_array_index(segs, jd_seg, i);
    for (guint k = 0; k < n; k++) {
      const jd_seg *g = &g_array_index(segs, jd_seg, k);
      if (row[k] < head || row[k] >= first || k == i || g->y2 > h->y1 + 0.3 * (h->y2 - h->y1)) continue;
      if (c0[k] <= c0[i] && c1[k] >= c1[i] && c1[k] - c0[k] > c1[i] - c0[i]) level[i]++;
    }
    levels = MAX(levels, (guint)level[i] + 1);
  }
  guint *idx = g_new(guint, MAX(n, 1));
  gboolean *skip = g_new0(gboolean, ncols);
  for (guint i = 0; i < n; i++) { /* nothing below it: it spans the header's rows */
    if (row[i] < head || row[i] >= first) continue;
    gboolean below = FALSE;
    for (guint k = 0; k < n && !below; k++)
      below = row[k] >= head && row[k] < first && level[k] > level[i] && c0[k] <= c1[i] && c1[k] >= c0[i];
    rowspan[i] = below ? 1 : (int)levels - level[i];
  }
  for (guint L = 0; L < levels; L++) {
    guint m = 0;
    for (guint i = 0; i < n; i++)
      if (row[i] >= head && row[i] < first && level[i] == (int)L) idx[m++] = i;
    (void)add_row(t, segs, cols, idx, m, rowspan, L ? skip : NULL, cover, row_top);
    for (guint k = 0; k < m; k++)
      if (rowspan[idx[k]] > 1)
        for (guint c = c0[idx[k]]; c <= c1[idx[k]]; c++) skip[c] = TRUE;
  }
  g_free(idx);
  g_free(skip);
  g_free(c0);
  g_free(c1);
  g_free(cover);
  g_free(level);
  g_free(rowspan);
}

/* Whether the rows with numbers fill their columns of numbers (six cells in
 * ten at least): numbers that do not line up make columns of one number
 * each, no table. */
static gboolean columns_filled(GArray *segs, const guint *row, const gboolean *number_row,
                               guint rows, const GArray *cols)
{
  guint ncols = cols->len / 2, filled = 0, nrows = 0, numeric = 0;
  gboolean *has = g_new0(gboolean, MAX(ncols, 1));
  for (guint i = 0; i < segs->len; i++) {
    if (!number_row[row[i]]) continue;
    const jd_seg *g = &g_array_index(segs, jd_seg, i);
    g_autofree char *text = g_strndup(g->s, g->len);
    if (classify(text) != CELL_NUMBER) continue;
    guint c0, c1;
    seg_cover(g, cols, &c0, &c1);
    has[c0] = TRUE;
    filled++;
  }
  for (guint c = 0; c < ncols; c++) numeric += has[c];
  for (guint r = 0; r < rows; r++) nrows += number_row[r];
  g_free(has);
  return filled * 10 >= (guint64)nrows * numeric * 6;
}

/* Whether row r is a table's caption (表2  某市禁毒主要指标, 附表 …): its
 * leftmost segment opens with a word of documents.tsv caption. */
static gboolean caption_row(GArray *segs, const guint *row, guint r)
{
  const jd_seg *left = NULL;
  for (guint i = 0; i < segs->len; i++) {
    const jd_seg *g = &g_array_index(segs, jd_seg, i);
    if (row[i] == r && (!left || g->x1 < left->x1)) left = g;
  }
  if (!left) return FALSE;
  g_autofree char *text = g_strndup(left->s, left->len);
  for (const char *const *w = jd_doc_words("caption"); *w; w++)
    if (g_str_has_prefix(text, *w)) return TRUE;
  return FALSE;
}

/* Whether the segments of row r each cover columns no other of them beside
 * it does (one above another is a heading over its columns). */
static gboolean cells_apart(GArray *segs, const guint *row, guint r, const GArray *cols)
{
  for (guint i = 0; i < segs->len; i++) {
    if (row[i] != r) continue;
    const jd_seg *a = &g_array_index(segs, jd_seg, i);
    guint a0, a1;
    seg_cover(a, cols, &a0, &a1);
    for (guint k = i + 1; k < segs->len; k++) {
      const jd_seg *b = &g_array_index(segs, jd_seg, k);
      if (row[k] != r) continue;
      double h = MIN(a->y2 - a->y1, b->y2 - b->y1);
      if (MIN(a->y2, b->y2) - MAX(a->y1, b->y1) < 0.5 * h) continue; /* one above the other */
      guint b0, b1;
      seg_cover(b, cols, &b0, &b1);
      if (a0 <= b1 && b0 <= a1) return FALSE;
    }
  }
  return TRUE;
}

jd_table *jd_table_from_segments(GArray *segs, GArray *row_top, double *top)
{
  guint n = segs->len;
  if (n > MAX_SEGMENTS) return NULL; /* no table of a page or text is this big */
  guint *row = g_new0(guint, MAX(n, 1));
  guint rows = seg_rows(segs, row);
  gboolean *number_row = g_new0(gboolean, MAX(rows, 1));
  double *left = g_new(double, MAX(rows, 1)); /* a row's first cell is its name, even 2023 */
  for (guint r = 0; r < rows; r++) left[r] = G_MAXDOUBLE;
  for (guint i = 0; i < n; i++) left[row[i]] = MIN(left[row[i]], g_array_index(segs, jd_seg, i).x1);
  for (guint i = 0; i < n; i++) {
    const jd_seg *g = &g_array_index(segs, jd_seg, i);
    if (g->x1 <= left[row[i]]) continue;
    g_autofree char *text = g_strndup(g->s, g->len);
    if (classify(text) == CELL_NUMBER) number_row[row[i]] = TRUE;
  }
  g_free(left);
  guint first = 0;
  while (first < rows && !number_row[first]) first++;
  GArray *cols = g_array_new(FALSE, FALSE, sizeof(double));
  guint ncols = seg_columns(segs, row, number_row, cols);
  jd_table *t = NULL;
  if (first < rows && ncols >= 2 && columns_filled(segs, row, number_row, rows, cols)) {
    /* the header: the rows right above, as long as each of their cells has
     * columns of its own (表2  某市禁毒主要指标 above it is a caption) */
    guint head = first;
    while (head > 0 && cells_apart(segs, row, head - 1, cols) && !caption_row(segs, row, head - 1))
      head--;
    *top = G_MAXDOUBLE;
    for (guint i = 0; i < n; i++)
      if (row[i] >= head) *top = MIN(*top, g_array_index(segs, jd_seg, i).y1);
    t = jd_table_new();
    if (first > head) add_header(t, segs, cols, row, head, first, row_top);
    /* the body's rows, their segments bucketed by row */
    guint *start = g_new0(guint, rows + 1), *idx = g_new(guint, MAX(n, 1));
    for (guint i = 0; i < n; i++) start[row[i] + 1]++;
    for (guint r = 0; r < rows; r++) start[r + 1] += start[r];
    guint *fill = g_memdup2(start, (rows + 1) * sizeof *start);
    for (guint i = 0; i < n; i++) idx[fill[row[i]]++] = i;
    gboolean ok = TRUE;
    for (guint r = first; r < rows; r++)
      ok &= add_row(t, segs, cols, idx + start[r], start[r + 1] - start[r], NULL, NULL, NULL, row_top);
    g_free(fill);
    g_free(idx);
    g_free(start);
    if (!ok || !jd_table_is_grid(t)) {
      jd_table_free(t);
      t = NULL;
    }
  }
  g_array_unref(cols);
  g_free(number_row);
  g_free(row);
  return t;
}

/* ---- tables typed with tab stops ------------------------------------------------ */

/* The cells of a paragraph typed with tabs (a run of tabs one stop). */
static GPtrArray *tab_cells(const char *para)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func(g_free);
  g_auto(GStrv) parts = g_strsplit(para, "\t", -1);
  for (char **p = parts; *p; p++) {
    g_strstrip(*p);
    if (!**p && p != parts) continue;
    g_ptr_array_add(cells, g_strdup(*p));
  }
  return cells;
}

/* Paragraphs [a, b) of paras as a table when they are a grid of figures. */
static gboolean add_tab_table(jd_doc *doc, GPtrArray *paras, guint a, guint b)
{
  if (b - a < 2) return FALSE;
  jd_table *t = jd_table_new();
  for (guint i = a; i < b; i++) {
    GPtrArray *cells = tab_cells(paras->pdata[i]);
    jd_table_row(t);
    for (guint k = 0; k < cells->len; k++) jd_table_cell(t, cells->pdata[k], 1, 1, FALSE);
    g_ptr_array_unref(cells);
  }
  gboolean is_grid = jd_table_is_grid(t);
  if (is_grid) jd_table_finish(t, doc);
  jd_table_free(t);
  return is_grid;
}

static void add_tab_paragraphs(jd_doc *doc, GPtrArray *paras, GPtrArray *wheres)
{
  /* runs of paragraphs with as many cells each (two or more) */
  for (guint a = 0; a < paras->len;) {
    GPtrArray *first = tab_cells(paras->pdata[a]);
    guint n = first->len, b = a + 1;
    g_ptr_array_unref(first);
    for (; b < paras->len && n >= 2; b++) {
      GPtrArray *c = tab_cells(paras->pdata[b]);
      gboolean same = c->len == n;
      g_ptr_array_unref(c);
      if (!same) break;
    }
    if (!add_tab_table(doc, paras, a, b))
      for (guint i = a; i < b; i++) jd_doc_add(doc, paras->pdata[i], "%s", (char *)wheres->pdata[i]);
    a = b;
  }
  g_ptr_array_set_size(paras, 0);
  g_ptr_array_set_size(wheres, 0);
}

void jd_tab_run_init(jd_tab_run *run)
{
  run->paras = g_ptr_array_new_with_free_func(g_free);
  run->wheres = g_ptr_array_new_with_free_func(g_free);
}

void jd_tab_run_end(jd_tab_run *run, jd_doc *doc)
{
  if (run->paras->len) add_tab_paragraphs(doc, run->paras, run->wheres);
}

void jd_tab_run_add(jd_tab_run *run, jd_doc *doc, const char *text, const char *where,
                    gboolean tabbed)
{
  if (tabbed) {
    g_ptr_array_add(run->paras, g_strdup(text));
    g_ptr_array_add(run->wheres, g_strdup(where));
    return;
  }
  jd_tab_run_end(run, doc);
  jd_doc_add(doc, text, "%s", where);
}

void jd_tab_run_clear(jd_tab_run *run)
{
  g_ptr_array_unref(run->paras);
  g_ptr_array_unref(run->wheres);
}

/* ---- statements ------------------------------------------------------------------ */

typedef struct {
  grid *g;
  int hr, hc;          /* header rows and columns */
  gboolean *index_col; /* 序号 columns, left out */
  int unit_col;        /* a 单位 column (documents.tsv unit_column): its cell is the row's unit; -1 */
  char *last_period;   /* the period that heads the rightmost column that names one, or NULL */
} layout;

static void add_pieces(GPtrArray *pieces, const char *s)
{
  if (!s || !*s) return;
  if (pieces->len && !strcmp(pieces->pdata[pieces->len - 1], s)) return; /* a merged header */
  g_ptr_array_add(pieces, g_strdup(s));
}

/* Whether s opens with one of the words of kind (documents.tsv). */
static gboolean opens_with_word(const char *kind, const char *s)
{
  for (const char *const *w = jd_doc_words(kind); *w; w++)
    if (g_str_has_prefix(s, *w)) return TRUE;
  return FALSE;
}

/* 破获毒品案件(起) | 同比增减(%): a change column names no measure of its own;
 * it is of the nearest column on its left that does.
 * The measure the nearest column left of c names (破获毒品案件 of 破获毒品案件(起)),
 * without its period and unit; NULL when that column is a period or a change. */
static char *left_measure(const layout *L, int c)
{
  for (int k = c - 1; k >= L->hc; k--) {
    const char *h = NULL;
    for (int r = 0; r < L->hr; r++)
      if (*at(L->g, r, k)) h = *at(L->g, r, k);
    if (!h) continue;
    if (opens_with_word("change_column", h)) continue;
    GString *piece = g_string_new(h);
    g_free(take_unit(piece));
    size_t pp = period_prefix(piece->str);
    char *m = g_strstrip(g_strdup(piece->str + pp));
    g_string_free(piece, TRUE);
    if (*m && !is_period_piece(m)) return m;
    g_free(m);
    return NULL;
  }
  return NULL;
}

/* The statement of the number cell (r, c). */
static char *statement(const layout *L, int r, int c, const char *cell)
{
  GPtrArray *rowp = g_ptr_array_new_with_free_func(g_free);
  GPtrArray *colp = g_ptr_array_new_with_free_func(g_free);
  for (int k = 0; k < L->hc; k++)
    if (!L->index_col[k] && k != L->unit_col) add_pieces(rowp, *at(L->g, r, k));
  for (int k = 0; k < L->hr; k++) add_pieces(colp, *at(L->g, k, c));
  GString *out = g_string_new(NULL), *rest = g_string_new(NULL);
  char *unit = NULL;
  GPtrArray *all[2] = {rowp, colp};
  for (int a = 0; a < 2; a++) {
    for (guint i = 0; i < all[a]->len; i++) {
      GString *piece = g_string_new(all[a]->pdata[i]);
      char *u = take_unit(piece);
      /* 破获毒品案件(起) | 同比(%): a column in percent holds percentages,
       * whatever the row counts */
      gboolean pct = u && a == 1 && (!strcmp(u, "%") || !strcmp(u, "％") || !strcmp(u, "百分点"));
      if (u && (!unit || pct)) {
        g_free(unit);
        unit = u;
      } else {
        g_free(u);
      }
      g_strstrip(piece->str);
      piece->len = strlen(piece->str);
      if (a == 1 && colp->len == 1 && opens_with_word("change_column", piece->str)) {
        g_autofree char *measure = left_measure(L, c);
        if (measure) g_string_append(rest, measure);
      }
      /* 2022年破获案件: the year opens the statement, the measure follows the
       * row's place (城关区2022年破获案件10起, not 2022年破获案件城关区10起) */
      size_t pp = period_prefix(piece->str);
      if (pp && pp < piece->len) {
        g_string_append_len(out, piece->str, (gssize)pp);
        g_string_append(rest, piece->str + pp);
      } else {
        g_string_append(is_period_piece(piece->str) ? out : rest, piece->str);
      }
      g_string_free(piece, TRUE);
    }
  }
  /* 同比(%) beside 2022年 | 2023年: the change is the latest period's */
  if (!out->len && L->last_period) {
    gboolean period_col = FALSE;
    for (int k = 0; k < L->hr && !period_col; k++)
      period_col = *at(L->g, k, c) && is_period_piece(*at(L->g, k, c));
    if (!period_col) g_string_append(out, L->last_period);
  }
  g_string_append(out, rest->str);
  g_string_append(out, cell);
  /* the row's 单位 cell (起, 千克) when the header gives none */
  const char *row_unit = L->unit_col >= 0 ? *at(L->g, r, L->unit_col) : NULL;
  if (!unit && row_unit && *row_unit && strlen(row_unit) <= 12) unit = g_strdup(row_unit);
  /* the header's unit when the cell has none of its own */
  if (unit) {
    const char *e = cell + strlen(cell);
    if (e > cell && (g_ascii_isdigit(e[-1]) || (e - cell >= 3 && (guchar)e[-3] == 0xEF &&
                                                (guchar)e[-2] == 0xBC && (guchar)e[-1] >= 0x90 &&
                                                (guchar)e[-1] <= 0x99)))
      g_string_append(out, unit);
  }
  g_string_append(out, "。");
  g_free(unit);
  g_string_free(rest, TRUE);
  g_ptr_array_unref(rowp);
  g_ptr_array_unref(colp);
  return g_string_free(out, FALSE);
}

/* Header rows: those before the first row with a number outside its first
 * column (a year label counts as a header). -1 when no row has a number. */
static int header_rows(grid *g)
{
  for (int r = 0; r < g->rows; r++)
    for (int c = 1; c < g->cols; c++)
      if (classify(*at(g, r, c)) == CELL_NUMBER) return r;
  return -1;
}

static void find_layout(layout *L)
{
  grid *g = L->g;
  L->index_col = g_new0(gboolean, (size_t)MAX(g->cols, 1));
  L->hc = 0;
  for (int c = 0; c < g->cols; c++) {
    gboolean index = FALSE;
    for (int r = 0; r < L->hr && !index; r++)
      index = *at(g, r, c) && jd_doc_has_word("index", *at(g, r, c)) && strlen(*at(g, r, c)) <= 9;
    gboolean numbers = FALSE;
    for (int r = L->hr; r < g->rows && !numbers; r++)
      numbers = is_value(classify(*at(g, r, c)));
    if (index) {
      L->index_col[c] = TRUE;
      continue;
    }
    if (numbers) break;
    L->hc = c + 1;
  }
  for (int c = L->hc; c < g->cols; c++) L->index_col[c] = FALSE;
  L->unit_col = -1;
  for (int c = 0; c < L->hc && L->unit_col < 0; c++)
    for (int r = 0; r < L->hr; r++)
      if (*at(g, r, c) && jd_doc_has_word("unit_column", *at(g, r, c)) &&
          strlen(*at(g, r, c)) <= 15) {
        L->unit_col = c;
        break;
      }
  /* the period heading the rightmost column that names one (2022年 | 2023年 | 同比) */
  for (int c = g->cols - 1; c >= L->hc && !L->last_period; c--)
    for (int r = 0; r < L->hr && !L->last_period; r++) {
      const char *h = *at(g, r, c);
      size_t pp = h ? period_prefix(h) : 0;
      if (pp) L->last_period = g_strndup(h, pp);
    }
}

/* Whether row r's header says it holds totals (合计, 小计). */
static gboolean total_row(const layout *L, int r)
{
  for (int k = 0; k < L->hc; k++) {
    const char *h = *at(L->g, r, k);
    if (h && !L->index_col[k] && strlen(h) <= 18 && jd_doc_has_word("total", h)) return TRUE;
  }
  return FALSE;
}

void jd_table_finish(jd_table *t, jd_doc *doc)
{
  grid g = {0};
  grid_build(t, &g);
  int no = ++doc->tables;
  layout L = {&g, header_rows(&g), 0, NULL, -1, NULL};
  if (L.hr < 0) { /* no numbers: a layout table, its cells as paragraphs */
    for (int r = 0; r < g.rows; r++)
      for (int c = 0; c < g.cols; c++)
        if (*at(&g, r, c) && g.origin[(size_t)r * (size_t)g.cols + (size_t)c])
          jd_doc_add(doc, *at(&g, r, c), "表%d 第%d行 第%d列", no, r + 1, c + 1);
  } else {
    find_layout(&L);
    for (int r = L.hr; r < g.rows; r++) {
      for (int c = L.hc; c < g.cols; c++) {
        const char *s = *at(&g, r, c);
        if (!s || L.index_col[c]) continue;
        gboolean own = g.origin[(size_t)r * (size_t)g.cols + (size_t)c];
        if (is_value(classify(s))) {
          char *st = statement(&L, r, c, s);
          jd_doc_add(doc, st, "表%d 第%d行 第%d列%s", no, r + 1, c + 1,
                     total_row(&L, r) ? JD_WHERE_TOTAL_ROW : "");
          g_free(st);
        } else if (own && classify(s) == CELL_TEXT) {
          jd_doc_add(doc, s, "表%d 第%d行 第%d列", no, r + 1, c + 1);
        }
      }
    }
  }
  g_free(L.index_col);
  g_free(L.last_period);
  g_free(g.text);
  g_free(g.origin);
}

/* A sheet name that says something: not a default name (documents.tsv sheet)
 * with only a number after it (Sheet1, 工作表 2). */
static gboolean telling_name(const char *name)
{
  if (!name || !*name) return FALSE;
  const char *const *plain = jd_doc_words("sheet");
  for (int i = 0; plain && plain[i]; i++) {
    if (!g_str_has_prefix(name, plain[i])) continue;
    const char *p = name + strlen(plain[i]);
    while (*p == ' ') p++;
    while (g_ascii_isdigit(*p)) p++;
    if (!*p) return FALSE;
  }
  return TRUE;
}

void jd_doc_add_sheet_name(jd_doc *doc, const char *name)
{
  if (telling_name(name)) jd_doc_add(doc, name, "工作表“%s”", name);
}
