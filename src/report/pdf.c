/* Drawing the briefing as an A4 PDF with cairo and Pango in the page style
 * of report/style.h (gongwen after GB/T 9704-2012, or modern): 版头 and KPI
 * summary, metric sections (heading, narrative, chart, linked data line),
 * the audit appendix, the sources table grouped by document (rows break
 * across pages with the header repeated) and the 版记. Pages carry an
 * official page number (— 3 —, on the outer side in gongwen); sections are
 * PDF bookmarks; chart numbers link to their source rows; metadata dates
 * come from the options, never the clock; the file is rewritten and checked
 * by libqpdf (render/pdftidy.h). */
#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "jindu/chart.h"
#include "jindu/plot.h"
#include "jindu/jindu.h"
#include "render/pdffont.h"
#include "render/pdftidy.h"
#include "render/wrap.h"
#include "report/report-private.h"
#include "report/style.h"

/* The page of the style (report/style.h): every length below is the
 * style's, and the text's left edge moves with the binding edge (订口) on
 * two-sided pages. Used inside functions with a `pdf *p`. */
#define PAGE_W (p->st->page_w)
#define PAGE_H (p->st->page_h)
#define MARGIN_L (p->x0)
#define MARGIN_T (p->st->top)
#define CONTENT_W (p->st->text_w)
#define TEXT_BOTTOM (p->st->top + p->st->text_h)
#define TEXT_RIGHT (p->x0 + p->st->text_w)

/* The faces by role (the office's from fonts/, else the free substitutes);
 * fonts are subset (render/pdffont.h), so each face costs only its glyphs. */
#define SANS (p->face[JD_FACE_SANS])
#define BODY (p->face[JD_FACE_BODY])

typedef struct {
  double r, g, b;
} rgb;

static const rgb RED = {0.78, 0.05, 0.05};
static const rgb INK = {0.10, 0.10, 0.12};
static const rgb GREY = {0.42, 0.42, 0.45};
static const rgb RULE = {0.75, 0.75, 0.78};
static const rgb LINK = {0.05, 0.25, 0.60};

typedef struct {
  const jd_report *r;
  cairo_surface_t *surface;
  cairo_t *cr;
  int page;          /* current page, 1-based; 0 before the first */
  double y;          /* cursor on the current page */
  GError *error;     /* first error */
  GString *bytes;    /* the PDF being written */
  jd_pdf_fonts *pf;  /* compact fonts: glyphs collected, then subsets; or NULL */
  gboolean collect;  /* the first pass: lay out and collect glyphs, draw no text */
  const jd_report_style *st;
  const char *face[JD_FACE_COUNT];
  double x0;         /* the text's left edge on this page */
  double pitch;      /* gongwen: body baseline to baseline (0 until measured) */
  double line_h;     /* gongwen: one body line's own height */
} pdf;

static cairo_status_t write_bytes(void *closure, const unsigned char *data, unsigned int length)
{
  g_string_append_len(closure, (const char *)data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* ------------------------------------------------------------ text */

static PangoLayout *make_layout(pdf *p, const char *text, const char *family, gboolean bold,
                                double size, double width, gboolean markup)
{
  PangoLayout *l = pango_cairo_create_layout(p->cr);
  PangoFontDescription *fd = pango_font_description_new();
  pango_font_description_set_family(fd, family);
  pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
  pango_layout_set_font_description(l, fd);
  pango_font_description_free(fd);
  if (width > 0) {
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  }
  if (markup)
    pango_layout_set_markup(l, text, -1);
  else
    pango_layout_set_text(l, text, -1);
  if (width > 0) jd_wrap_protect(l);
  return l;
}

static double layout_height(PangoLayout *l)
{
  int w, h;
  pango_layout_get_size(l, &w, &h);
  return (double)h / PANGO_SCALE;
}

static void show_layout(pdf *p, PangoLayout *l, double x, double y, rgb c)
{
  cairo_save(p->cr);
  cairo_set_source_rgb(p->cr, c.r, c.g, c.b);
  cairo_move_to(p->cr, x, y);
  if (p->collect)
    jd_pdf_fonts_collect(p->pf, l);
  else if (!p->pf || !jd_pdf_fonts_show(p->pf, p->cr, l))
    pango_cairo_show_layout(p->cr, l);
  cairo_restore(p->cr);
}

/* Draws text at (x, y); returns its height. */
static double text_at(pdf *p, const char *text, const char *family, gboolean bold, double size,
                      double x, double y, double width, PangoAlignment align, rgb c)
{
  PangoLayout *l = make_layout(p, text, family, bold, size, width, FALSE);
  pango_layout_set_alignment(l, align);
  show_layout(p, l, x, y, c);
  double h = layout_height(l);
  g_object_unref(l);
  return h;
}

static void hline(pdf *p, double x0, double x1, double y, double width, rgb c)
{
  cairo_save(p->cr);
  cairo_set_source_rgb(p->cr, c.r, c.g, c.b);
  cairo_set_line_width(p->cr, width);
  cairo_move_to(p->cr, x0, y);
  cairo_line_to(p->cr, x1, y);
  cairo_stroke(p->cr);
  cairo_restore(p->cr);
}

/* ------------------------------------------------------------ pages */

static char *date_chinese(const char *date)
{
  int y, m, d;
  if (!jd_report_parse_date(date, &y, &m, &d)) return g_strdup("");
  return g_strdup_printf("%d年%d月%d日", y, m, d);
}

static char *issue_text(const jd_report *r)
{
  return r->options.issue > 0 ? g_strdup_printf("第%d期", r->options.issue) : g_strdup("");
}

/* "— 3 —": modern centres it under the text; gongwen sets it in 4号 on the
 * outer side, one character in from the 版心's edge, its top 7 mm below it. */
static void page_number(pdf *p)
{
  const jd_report_style *st = p->st;
  g_autofree char *num = g_strdup_printf("— %d —", p->page);
  double size = st->size_page_number;
  if (!st->outer_page_number) {
    text_at(p, num, BODY, FALSE, size, MARGIN_L, TEXT_BOTTOM + st->page_number_gap, CONTENT_W,
            PANGO_ALIGN_CENTER, INK);
    return;
  }
  double inset = st->size_body; /* 空一字 */
  gboolean odd = p->page % 2 == 1;
  text_at(p, num, p->face[JD_FACE_SANS], FALSE, size, MARGIN_L + (odd ? 0 : inset),
          TEXT_BOTTOM + st->page_number_gap, CONTENT_W - inset,
          odd ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT, INK);
}

static void page_furniture(pdf *p)
{
  const jd_report *r = p->r;
  if (p->page > 1 && p->st->running_header) {
    g_autofree char *issue = issue_text(r);
    g_autofree char *left = g_strdup_printf("%s %s", r->options.title, issue);
    g_autofree char *date = date_chinese(r->options.date);
    double y = MARGIN_T - 32;
    text_at(p, left, SANS, FALSE, 8.5, MARGIN_L, y, CONTENT_W, PANGO_ALIGN_LEFT, GREY);
    const char *right = *r->options.organisation ? r->options.organisation : date;
    text_at(p, right, SANS, FALSE, 8.5, MARGIN_L, y, CONTENT_W, PANGO_ALIGN_RIGHT, GREY);
    hline(p, MARGIN_L, TEXT_RIGHT, MARGIN_T - 16, 0.6, RED);
  }
  page_number(p);
}

static void new_page(pdf *p)
{
  if (p->page > 0) cairo_show_page(p->cr);
  p->page++;
  /* 订口 on the left of odd pages, on the right of even ones */
  p->x0 = p->st->mirror && p->page % 2 == 0 ? p->st->outer : p->st->inner;
  p->y = MARGIN_T;
  page_furniture(p);
}

static double room(const pdf *p) { return TEXT_BOTTOM - p->y; }

static void ensure(pdf *p, double h)
{
  if (h > room(p) && p->y > MARGIN_T + 1) new_page(p);
}

static int outline(pdf *p, int parent, const char *title)
{
  g_autofree char *attrs = g_strdup_printf("page=%d pos=[%.1f %.1f]", p->page, MARGIN_L,
                                           MAX(p->y - 12, 0.0));
  return cairo_pdf_surface_add_outline(p->surface, parent, title, attrs, 0);
}

static gboolean gongwen(const pdf *p) { return p->st->lines > 0; }

/* The gongwen grid: 28 characters to the line (a letter spacing that fits
 * them to the 版心's width) and 22 lines to the page (the spacing that makes
 * the baseline pitch 225 mm / 22). */
static void on_grid(pdf *p, PangoLayout *l, double size)
{
  if (!gongwen(p)) return;
  double advance = p->st->text_w / p->st->chars;
  PangoAttrList *attrs = pango_layout_get_attributes(l);
  attrs = attrs ? pango_attr_list_copy(attrs) : pango_attr_list_new();
  pango_attr_list_insert_before(attrs, pango_attr_letter_spacing_new((int)((advance - size) * PANGO_SCALE)));
  pango_layout_set_attributes(l, attrs);
  pango_attr_list_unref(attrs);
  if (p->pitch <= 0) {
    PangoLayout *one = make_layout(p, "国", BODY, FALSE, size, 0, FALSE);
    p->pitch = p->st->text_h / p->st->lines;
    p->line_h = layout_height(one);
    g_object_unref(one);
  }
  pango_layout_set_spacing(l, (int)((p->pitch - p->line_h) * PANGO_SCALE));
}

static double heading_size(const pdf *p, int level)
{
  if (gongwen(p)) return p->st->size_heading;
  return level == 0 ? 16 : 13;
}

/* 一、 headings in 黑体, （一） in 楷体, both indented two characters
 * (gongwen); bold sans otherwise. */
static PangoLayout *heading_layout(pdf *p, const char *text, int level)
{
  double size = heading_size(p, level);
  if (!gongwen(p)) return make_layout(p, text, SANS, TRUE, size, CONTENT_W, FALSE);
  const char *face = p->face[level == 0 ? JD_FACE_HEADING : JD_FACE_KAI];
  PangoLayout *l = make_layout(p, text, face, FALSE, size, CONTENT_W, FALSE);
  pango_layout_set_indent(l, (int)(2 * size * PANGO_SCALE));
  on_grid(p, l, size);
  return l;
}

/* The gaps above and below a heading. */
static double heading_gap(const pdf *p, int level, gboolean above)
{
  if (gongwen(p)) return above ? 0 : p->pitch - p->line_h;
  if (level == 0) return above ? 6 : 8;
  return above ? 4 : 6;
}

/* Vertical space a heading takes, its gaps included. */
static double heading_advance(pdf *p, const char *text, int level)
{
  PangoLayout *l = heading_layout(p, text, level);
  double h = layout_height(l) + heading_gap(p, level, TRUE) + heading_gap(p, level, FALSE);
  g_object_unref(l);
  return h;
}

/* A heading kept on one page with the first keep points of what follows it;
 * with a bookmark title, also an outline entry under parent (its id is
 * returned, else 0). */
static int heading(pdf *p, const char *text, int level, double keep, int parent,
                   const char *bookmark)
{
  PangoLayout *l = heading_layout(p, text, level);
  double h = layout_height(l);
  ensure(p, h + heading_gap(p, level, TRUE) + heading_gap(p, level, FALSE) + keep);
  int id = bookmark ? outline(p, parent, bookmark) : 0;
  p->y += heading_gap(p, level, TRUE);
  show_layout(p, l, MARGIN_L, p->y, level == 0 && !gongwen(p) ? RED : INK);
  g_object_unref(l);
  p->y += h + heading_gap(p, level, FALSE);
  return id;
}

/* The space after a paragraph: on the gongwen grid, the line spacing its
 * last line did not take. */
static double para_gap(const pdf *p, double size)
{
  return gongwen(p) ? p->pitch - p->line_h : size * 0.5;
}

static PangoLayout *paragraph_layout(pdf *p, const char *text, double size)
{
  if (gongwen(p)) size = p->st->size_body; /* 3号 throughout */
  PangoLayout *l = make_layout(p, text, BODY, FALSE, size, CONTENT_W, FALSE);
  pango_layout_set_indent(l, (int)(2 * size * PANGO_SCALE));
  if (gongwen(p))
    on_grid(p, l, size);
  else
    pango_layout_set_line_spacing(l, 1.35f);
  pango_layout_set_justify(l, TRUE);
  return l;
}

/* A body paragraph with a two-character first-line indent, split across
 * pages between lines when it does not fit: never one line alone at the foot
 * of a page (the whole paragraph moves on) nor alone at the head of the next
 * (one more line moves with it). */
static void paragraph(pdf *p, const char *text, double size, rgb c)
{
  PangoLayout *l = paragraph_layout(p, text, size);
  int n = pango_layout_get_line_count(l);
  double *lx = g_new(double, n), *ly = g_new(double, n), *lh = g_new(double, n);
  int *base = g_new(int, n);
  PangoLayoutIter *it = pango_layout_get_iter(l);
  for (int k = 0; k < n; k++) {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, NULL, &logical);
    lx[k] = (double)logical.x / PANGO_SCALE;
    ly[k] = (double)logical.y / PANGO_SCALE;
    lh[k] = (double)logical.height / PANGO_SCALE;
    base[k] = pango_layout_iter_get_baseline(it);
    pango_layout_iter_next_line(it);
  }
  pango_layout_iter_free(it);
  const double bottom = TEXT_BOTTOM;
  int i = 0;
  while (i < n) {
    double top = p->y, offset = ly[i];
    int k = i; /* lines i..k-1 fit on this page */
    while (k < n && top + (ly[k] - offset) + lh[k] <= bottom) k++;
    gboolean page_top = p->y <= MARGIN_T + 1;
    if (k < n) {
      if (k - i < 2 && n - i > 1 && !page_top) { /* an orphan: start on the next page */
        new_page(p);
        continue;
      }
      if (n - k == 1 && k - i > 2) k--; /* a widow: take a line along */
      if (k == i) k = i + 1;            /* a line taller than a page */
    }
    for (int j = i; j < k; j++) {
      PangoLayoutLine *line = pango_layout_get_line_readonly(l, j);
      cairo_save(p->cr);
      cairo_set_source_rgb(p->cr, c.r, c.g, c.b);
      cairo_move_to(p->cr, MARGIN_L + lx[j], top + ((double)base[j] / PANGO_SCALE - offset));
      if (p->collect)
        jd_pdf_fonts_collect(p->pf, l);
      else if (!p->pf || !jd_pdf_fonts_show_line(p->pf, p->cr, line))
        pango_cairo_show_layout_line(p->cr, line);
      cairo_restore(p->cr);
      p->y = top + (ly[j] - offset) + lh[j];
    }
    i = k;
    if (i < n) new_page(p);
  }
  g_free(lx);
  g_free(ly);
  g_free(lh);
  g_free(base);
  g_object_unref(l);
  p->y += para_gap(p, size);
}

static double measure_paragraph(pdf *p, const char *text, double size)
{
  PangoLayout *l = paragraph_layout(p, text, size);
  double h = layout_height(l) + para_gap(p, size);
  g_object_unref(l);
  return h;
}

/* Height a heading must keep below it for paragraph text: all of a short
 * paragraph, else its first two lines. */
static double paragraph_head(pdf *p, const char *text, double size)
{
  PangoLayout *l = paragraph_layout(p, text, size);
  int n = pango_layout_get_line_count(l);
  double h;
  if (n <= 3) {
    h = layout_height(l) + para_gap(p, size);
  } else {
    PangoLayoutIter *it = pango_layout_get_iter(l);
    pango_layout_iter_next_line(it);
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, NULL, &logical);
    h = (double)(logical.y + logical.height) / PANGO_SCALE;
    pango_layout_iter_free(it);
  }
  g_object_unref(l);
  return h;
}

/* ------------------------------------------------------------ charts */

static void place_chart(pdf *p, jd_chart *c, double x, double y, double w, double h)
{
  if (!c) return;
  GError *err = NULL;
  gboolean ok;
  if (p->collect) {
    /* learn the chart's glyphs off the page */
    cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *rcr = cairo_create(rec);
    ok = jd_chart_render_with_fonts(c, rcr, 0, 0, w, h, p->pf, TRUE, &err);
    cairo_destroy(rcr);
    cairo_surface_destroy(rec);
  } else {
    ok = jd_chart_render_with_fonts(c, p->cr, x, y, w, h, p->pf, FALSE, &err);
  }
  if (!ok) {
    if (!p->error)
      p->error = err;
    else
      g_error_free(err);
  }
}

static void keep_error(pdf *p, GError *err)
{
  if (!err) return;
  if (!p->error)
    p->error = err;
  else
    g_error_free(err);
}

/* "图中数据：2016年 14万起 [1]；2017年 …" with each value linked to its source
 * row; an item never breaks across lines. Returns its height with the gap
 * below; draw = FALSE only measures. */
static double data_line(pdf *p, const jd_report_section *s, gboolean draw)
{
  GString *t = g_string_new("图中数据：");
  GArray *starts = g_array_new(FALSE, FALSE, sizeof(int));
  GArray *ends = g_array_new(FALSE, FALSE, sizeof(int));
  for (guint i = 0; i < s->points->len; i++) {
    const jd_report_point *pt = s->points->pdata[i];
    g_autofree char *v = jd_report_format_value(pt->value, pt->qualifier, s->unit, s->scale,
                                                s->percent);
    if (i) g_string_append(t, "；");
    int start = (int)t->len;
    g_string_append_printf(t, "%s %s%s", pt->label, v, pt->implied ? "（推算）" : "");
    if (pt->source) g_string_append_printf(t, " [%d]", pt->source);
    int end = (int)t->len;
    g_array_append_val(starts, start);
    g_array_append_val(ends, end);
  }
  PangoLayout *l = make_layout(p, t->str, SANS, FALSE, 8.5, CONTENT_W, FALSE);
  pango_layout_set_line_spacing(l, 1.3f);
  for (guint i = 0; i < s->points->len; i++)
    jd_wrap_keep(l, g_array_index(starts, int, i), g_array_index(ends, int, i));
  double h = layout_height(l);
  if (draw) {
    ensure(p, h);
    show_layout(p, l, MARGIN_L, p->y, LINK);
  }
  for (guint i = 0; draw && i < s->points->len; i++) {
    const jd_report_point *pt = s->points->pdata[i];
    if (!pt->source) continue;
    int a = g_array_index(starts, int, i), b = g_array_index(ends, int, i);
    /* one rectangle per line the item spans */
    int line_a, xa, line_b, xb;
    pango_layout_index_to_line_x(l, a, FALSE, &line_a, &xa);
    pango_layout_index_to_line_x(l, b, FALSE, &line_b, &xb);
    for (int ln = line_a; ln <= line_b; ln++) {
      PangoLayoutLine *line = pango_layout_get_line_readonly(l, ln);
      PangoRectangle ext;
      pango_layout_line_get_extents(line, NULL, &ext);
      PangoLayoutIter *it = pango_layout_get_iter(l);
      for (int k = 0; k < ln; k++) pango_layout_iter_next_line(it);
      PangoRectangle lr;
      pango_layout_iter_get_line_extents(it, NULL, &lr);
      pango_layout_iter_free(it);
      double x0 = ln == line_a ? (double)xa / PANGO_SCALE : (double)lr.x / PANGO_SCALE;
      double x1 = ln == line_b ? (double)xb / PANGO_SCALE : (double)(lr.x + lr.width) / PANGO_SCALE;
      if (x1 <= x0) continue;
      g_autofree char *attrs = g_strdup_printf(
          "rect=[%.2f %.2f %.2f %.2f] dest='src-%d'", MARGIN_L + x0,
          p->y + (double)lr.y / PANGO_SCALE, x1 - x0, (double)lr.height / PANGO_SCALE, pt->source);
      cairo_tag_begin(p->cr, CAIRO_TAG_LINK, attrs);
      cairo_tag_end(p->cr, CAIRO_TAG_LINK);
    }
  }
  g_object_unref(l);
  g_array_unref(starts);
  g_array_unref(ends);
  g_string_free(t, TRUE);
  if (draw) p->y += h + 10;
  return h + 10;
}

/* ------------------------------------------------------------ pages of the report */

static void masthead_modern(pdf *p)
{
  const jd_report *r = p->r;
  g_autofree char *esc = g_markup_escape_text(r->options.title, -1);
  g_autofree char *markup = g_strdup_printf("<span letter_spacing=\"%d\">%s</span>", 8 * 1024, esc);
  PangoLayout *l = make_layout(p, markup, SANS, TRUE, 42, CONTENT_W, TRUE);
  pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
  p->y = 58;
  show_layout(p, l, MARGIN_L, p->y, RED);
  p->y += layout_height(l) + 4;
  g_object_unref(l);
  g_autofree char *issue = issue_text(r);
  if (*issue) p->y += text_at(p, issue, BODY, FALSE, 14, MARGIN_L, p->y, CONTENT_W, PANGO_ALIGN_CENTER, INK) + 8;
  g_autofree char *date = date_chinese(r->options.date);
  double h1 = text_at(p, r->options.organisation, BODY, FALSE, 12, MARGIN_L, p->y, CONTENT_W,
                      PANGO_ALIGN_LEFT, INK);
  double h2 = text_at(p, date, BODY, FALSE, 12, MARGIN_L, p->y, CONTENT_W, PANGO_ALIGN_RIGHT, INK);
  p->y += MAX(h1, h2) + 6;
  hline(p, MARGIN_L, TEXT_RIGHT, p->y, 2.4, RED);
  hline(p, MARGIN_L, TEXT_RIGHT, p->y + 4, 0.7, RED);
  p->y += 20;
}

/* The 版头 of a 简报 after GB/T 9704: 密级 and 紧急程度 (黑体 3号) at the top
 * left when given; the 简报's name in red 小标宋, centred; 第N期 under it;
 * the 编发单位 at the left and the date at the right of one line, each one
 * character in; then the red rule the 版心's width. */
static void masthead_gongwen(pdf *p)
{
  const jd_report *r = p->r;
  const jd_report_style *st = p->st;
  double size = st->size_body, inset = size;
  const char *marks[] = {r->options.secrecy, r->options.urgency};
  for (size_t i = 0; i < G_N_ELEMENTS(marks); i++)
    if (marks[i] && *marks[i])
      p->y += text_at(p, marks[i], p->face[JD_FACE_HEADING], FALSE, size, MARGIN_L, p->y,
                      CONTENT_W, PANGO_ALIGN_LEFT, INK);
  g_autofree char *esc = g_markup_escape_text(r->options.title, -1);
  g_autofree char *markup = g_strdup_printf("<span letter_spacing=\"%d\">%s</span>",
                                            (int)(st->size_masthead * 0.15 * PANGO_SCALE), esc);
  PangoLayout *l = make_layout(p, markup, p->face[JD_FACE_TITLE], st->bold[JD_FACE_TITLE],
                               st->size_masthead, CONTENT_W, TRUE);
  pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
  p->y += 6;
  show_layout(p, l, MARGIN_L, p->y, RED);
  p->y += layout_height(l) + 8;
  g_object_unref(l);
  g_autofree char *issue = issue_text(r);
  if (*issue)
    p->y += text_at(p, issue, BODY, FALSE, size, MARGIN_L, p->y, CONTENT_W, PANGO_ALIGN_CENTER, INK) + 6;
  g_autofree char *date = date_chinese(r->options.date);
  double h1 = text_at(p, r->options.organisation, BODY, FALSE, size, MARGIN_L + inset, p->y,
                      CONTENT_W - inset, PANGO_ALIGN_LEFT, INK);
  double h2 = text_at(p, date, BODY, FALSE, size, MARGIN_L, p->y, CONTENT_W - inset,
                      PANGO_ALIGN_RIGHT, INK);
  p->y += MAX(h1, h2) + JD_MM(4);
  hline(p, MARGIN_L, TEXT_RIGHT, p->y, 1.5, RED);
  p->y += JD_MM(8);
  /* the title of this issue: 2号 小标宋, centred */
  g_autofree char *title = g_strdup_printf("%s禁毒工作主要数据", r->headline_region);
  PangoLayout *tl = make_layout(p, title, p->face[JD_FACE_TITLE], st->bold[JD_FACE_TITLE],
                                st->size_title, CONTENT_W, FALSE);
  pango_layout_set_alignment(tl, PANGO_ALIGN_CENTER);
  show_layout(p, tl, MARGIN_L, p->y, INK);
  p->y += layout_height(tl) + size;
  g_object_unref(tl);
}

static void masthead(pdf *p)
{
  if (gongwen(p))
    masthead_gongwen(p);
  else
    masthead_modern(p);
}

/* The 版记 at the foot of the last page, between a thick rule above and
 * below and thin ones between its lines (4号 仿宋, one character in from
 * each side): 报：, 送：, 发： when given, then the 编发单位 and the date
 * 印发, and 共印N份. Modern briefings have none. */
static void imprint(pdf *p)
{
  if (!gongwen(p)) return;
  const jd_report *r = p->r;
  const jd_report_style *st = p->st;
  double size = st->size_note, inset = st->size_body, row = size * 1.9;
  const char *labels[] = {"报：", "送：", "发："};
  const char *lists[] = {r->options.report_to, r->options.send_to, r->options.distribute_to};
  int n = 1 + (r->options.copies > 0);
  for (size_t i = 0; i < G_N_ELEMENTS(lists); i++) n += lists[i] && *lists[i];
  double h = n * row;
  if (room(p) < h + p->st->size_body) new_page(p);
  double y = TEXT_BOTTOM - h;
  hline(p, MARGIN_L, TEXT_RIGHT, y, JD_MM(0.35), INK);
  for (size_t i = 0; i < G_N_ELEMENTS(lists); i++) {
    if (!lists[i] || !*lists[i]) continue;
    g_autofree char *t = g_strdup_printf("%s%s", labels[i], lists[i]);
    text_at(p, t, BODY, FALSE, size, MARGIN_L + inset, y + (row - size * 1.4) / 2,
            CONTENT_W - 2 * inset, PANGO_ALIGN_LEFT, INK);
    y += row;
    hline(p, MARGIN_L, TEXT_RIGHT, y, JD_MM(0.25), INK);
  }
  g_autofree char *date = date_chinese(r->options.date);
  g_autofree char *printed = *date ? g_strdup_printf("%s印发", date) : g_strdup("");
  double ty = y + (row - size * 1.4) / 2;
  text_at(p, r->options.organisation, BODY, FALSE, size, MARGIN_L + inset, ty,
          CONTENT_W - 2 * inset, PANGO_ALIGN_LEFT, INK);
  text_at(p, printed, BODY, FALSE, size, MARGIN_L + inset, ty, CONTENT_W - 2 * inset,
          PANGO_ALIGN_RIGHT, INK);
  y += row;
  if (r->options.copies > 0) {
    hline(p, MARGIN_L, TEXT_RIGHT, y, JD_MM(0.25), INK);
    g_autofree char *copies = g_strdup_printf("（共印%d份）", r->options.copies);
    text_at(p, copies, BODY, FALSE, size, MARGIN_L + inset, y + (row - size * 1.4) / 2,
            CONTENT_W - 2 * inset, PANGO_ALIGN_RIGHT, INK);
    y += row;
  }
  hline(p, MARGIN_L, TEXT_RIGHT, y, JD_MM(0.35), INK);
  p->y = y;
}

static void summary_page(pdf *p)
{
  const jd_report *r = p->r;
  masthead(p);
  static const char summary[] = "本期摘要";
  heading(p, summary, 0, 0, CAIRO_PDF_OUTLINE_ROOT, summary);
  paragraph(p, r->summary, 11.5, INK);
  if (r->options.changes) { /* the build's comparison with the last one */
    g_autofree char *changes = g_strconcat("本期变化：", r->options.changes, NULL);
    paragraph(p, changes, 11.5, INK);
  }
  if (r->kpis->len == 0) return;
  double gap = 12, w = (CONTENT_W - gap) / 2, h = 140;
  heading(p, "主要指标", 1, h, 0, NULL);
  for (guint i = 0; i < r->kpis->len; i++) {
    if (i % 2 == 0) {
      if (i) p->y += h + gap;
      ensure(p, h);
    }
    GError *err = NULL;
    jd_chart *c = jd_report_kpi_chart(r, r->kpis->pdata[i], &err);
    keep_error(p, err);
    /* card text no smaller than 7.5 points in print */
    if (c) jd_chart_set_font_scale(c, 0.54);
    place_chart(p, c, MARGIN_L + (i % 2) * (w + gap), p->y, w, h);
    jd_chart_free(c);
  }
  p->y += h + gap;
  ensure(p, 16);
  p->y += text_at(p, "注：卡片数值取各指标最近一个时期；变化优先采用文件所载，否则由最近两期数值推算，两期不相邻时注明所比年份。",
                  SANS, FALSE, 8, MARGIN_L, p->y, CONTENT_W, PANGO_ALIGN_LEFT, GREY);
  p->y += 14;
}

/* The audit appendix's heading on the page and in the outline. */
#define AUDIT_HEADING "附件一  数据核查"
#define AUDIT_OUTLINE "附件一 数据核查"

/* 一 … 十, 十一 … 九十九 for section numbers. Caller frees. */
static char *chinese_ordinal(guint n) { return jd_numeral_to_chinese(n); }

static void sections(pdf *p)
{
  const jd_report *r = p->r;
  int parent = 0;
  for (guint i = 0; i < r->sections->len; i++) {
    const jd_report_section *s = r->sections->pdata[i];
    g_autofree char *ord = chinese_ordinal(i + 1);
    g_autofree char *title = g_strdup_printf("%s、%s%s", ord, s->region, s->title);
    double chart_h = jd_report_chart_height(s, CONTENT_W, p->st->text_h * 0.8);
    double below = 4 + data_line(p, s, FALSE), chart_block = chart_h + below;
    g_auto(GStrv) paras = g_strsplit(s->narrative, "\n", -1);
    /* the heading stays with the start of its text (or its chart) */
    double keep = chart_block;
    for (char **q = paras; *q; q++)
      if (**q) {
        keep = paragraph_head(p, *q, 11);
        break;
      }
    /* a section that would start in the last third of a page and lose its
     * chart to the next one starts on the next page itself */
    double text_h = heading_advance(p, title, 0);
    for (char **q = paras; *q; q++)
      if (**q) text_h += measure_paragraph(p, *q, 11);
    const double body_h = p->st->text_h;
    if (room(p) < text_h + chart_h * 0.8 + below && room(p) < body_h / 3 &&
        text_h + chart_block <= body_h)
      new_page(p);
    if (i == 0) {
      ensure(p, heading_advance(p, title, 0) + keep);
      parent = outline(p, CAIRO_PDF_OUTLINE_ROOT, "分项情况");
    }
    heading(p, title, 0, keep, parent, title);
    for (char **q = paras; *q; q++)
      if (**q) paragraph(p, *q, 11, INK);
    /* a chart and its data line stay whole, on the page of its text when
     * giving up at most a fifth of its height lets it fit there */
    if (room(p) < chart_block && room(p) >= chart_h * 0.8 + below)
      chart_h = room(p) - below;
    ensure(p, chart_h + below);
    GError *err = NULL;
    jd_chart *c = jd_report_section_chart(r, s, &err);
    keep_error(p, err);
    /* a wide, low chart on the page: size the text for the width, not the height */
    if (c) jd_chart_set_font_scale(c, 0.6);
    place_chart(p, c, MARGIN_L, p->y, CONTENT_W, chart_h);
    jd_chart_free(c);
    p->y += chart_h + 4;
    data_line(p, s, TRUE);
    p->y += 8;
  }
  if (r->others && *r->others) {
    g_autofree char *ord = chinese_ordinal(r->sections->len + 1);
    g_autofree char *t = g_strdup_printf("%s、其他数据", ord);
    heading(p, t, 0, paragraph_head(p, r->others, 10.5),
            parent ? parent : CAIRO_PDF_OUTLINE_ROOT, t);
    paragraph(p, r->others, 10.5, INK);
  }
}

static rgb severity_colour(int severity)
{
  switch (severity) {
  case 3: return RED;
  case 2: return (rgb){0.80, 0.40, 0.00};
  case 1: return (rgb){0.10, 0.35, 0.65};
  default: return (rgb){0.10, 0.50, 0.20};
  }
}

static void source_links(pdf *p, GArray *rows, size_t more, double x, double y, double size,
                         double *height)
{
  GString *t = g_string_new("来源：");
  for (guint k = 0; k < rows->len; k++)
    g_string_append_printf(t, "%s[%d]", k ? " " : "", g_array_index(rows, int, k));
  if (more) g_string_append_printf(t, "等%zu处", rows->len + more);
  PangoLayout *l = make_layout(p, t->str, SANS, FALSE, size, CONTENT_W - (x - MARGIN_L), FALSE);
  show_layout(p, l, x, y, LINK);
  /* each [n] links to its row */
  const char *s = t->str;
  for (guint k = 0; k < rows->len; k++) {
    g_autofree char *needle = g_strdup_printf("[%d]", g_array_index(rows, int, k));
    const char *at = strstr(s, needle);
    if (!at) continue;
    PangoRectangle a, b;
    pango_layout_index_to_pos(l, (int)(at - t->str), &a);
    pango_layout_index_to_pos(l, (int)(at - t->str + strlen(needle) - 1), &b);
    double x0 = (double)a.x / PANGO_SCALE, x1 = (double)(b.x + b.width) / PANGO_SCALE;
    g_autofree char *attrs = g_strdup_printf("rect=[%.2f %.2f %.2f %.2f] dest='src-%d'", x + x0,
                                             y + (double)a.y / PANGO_SCALE, x1 - x0,
                                             (double)a.height / PANGO_SCALE,
                                             g_array_index(rows, int, k));
    cairo_tag_begin(p->cr, CAIRO_TAG_LINK, attrs);
    cairo_tag_end(p->cr, CAIRO_TAG_LINK);
    s = at + strlen(needle);
  }
  *height = layout_height(l);
  g_object_unref(l);
  g_string_free(t, TRUE);
}

/* A compact entry of the audit appendix (a note or a passed check): the
 * numbered line with a hanging indent, its source links below. */
typedef struct {
  PangoLayout *text;
  double indent, height;
} note_entry;

static note_entry note_make(pdf *p, guint no, const jd_report_finding *f)
{
  note_entry e = {0};
  g_autofree char *num = g_strdup_printf("%u. ", no);
  PangoLayout *nl = make_layout(p, num, SANS, FALSE, 8.5, 0, FALSE);
  int nw, nh;
  pango_layout_get_size(nl, &nw, &nh);
  g_object_unref(nl);
  e.indent = (double)nw / PANGO_SCALE;
  g_autofree char *line = g_strdup_printf("%s【%s】%s：%s%s", num, f->severity_zh, f->about,
                                          f->title, *f->explanation ? "。" : "");
  if (*f->explanation) {
    char *longer = g_strdup_printf("%s%s", line, f->explanation);
    g_free(line);
    line = longer;
  }
  e.text = make_layout(p, line, SANS, FALSE, 8.5, CONTENT_W, FALSE);
  pango_layout_set_indent(e.text, -nw);
  e.height = layout_height(e.text) + (f->sources->len ? 11 : 0) + 4;
  return e;
}

static void audit_appendix(pdf *p)
{
  const jd_report *r = p->r;
  if (r->findings->len == 0) {
    heading(p, AUDIT_HEADING, 0, 0, CAIRO_PDF_OUTLINE_ROOT, AUDIT_OUTLINE);
    paragraph(p, "本期数据未发现需要说明的问题。", 11, INK);
    return;
  }
  g_autofree char *intro = g_strdup_printf(
      "以下逐项列出对文件所载数字的核查：百分比与其所依据的数量是否相符、同比变化与前后两期数值是否一致、"
      "约数背后可能的准确数值，以及由变化幅度推算的上期数值。共%u项，其中需要注意的%zu项列在前面；"
      "方括号中的编号对应附件二的数据来源，计算过程可用 jindu audit 查看。",
      r->findings->len, r->warnings);
  if (r->omitted_findings) {
    char *longer = g_strdup_printf("%s另有%zu项核查结果未在此列出，完整清单请用 jindu audit 查看。",
                                   intro, r->omitted_findings);
    g_free(intro);
    intro = longer;
  }
  heading(p, AUDIT_HEADING, 0, paragraph_head(p, intro, 10.5), CAIRO_PDF_OUTLINE_ROOT,
          AUDIT_OUTLINE);
  paragraph(p, intro, 10.5, INK);
  gboolean notes_heading = FALSE;
  for (guint i = 0; i < r->findings->len; i++) {
    const jd_report_finding *f = r->findings->pdata[i];
    if (f->severity < 2) {
      note_entry e = note_make(p, i + 1, f);
      if (!notes_heading) {
        heading(p, "其他核查结果", 1, e.height, 0, NULL);
        notes_heading = TRUE;
      }
      ensure(p, e.height);
      show_layout(p, e.text, MARGIN_L, p->y, INK);
      p->y += layout_height(e.text);
      g_object_unref(e.text);
      if (f->sources->len) {
        double sh;
        source_links(p, f->sources, f->more_sources, MARGIN_L + e.indent, p->y, 7.5, &sh);
        p->y += sh;
      }
      p->y += 4;
      continue;
    }
    g_autofree char *head = g_strdup_printf("%u. 【%s】%s：%s", i + 1, f->severity_zh, f->about,
                                            f->title);
    PangoLayout *hl = make_layout(p, head, SANS, TRUE, 10, CONTENT_W, FALSE);
    PangoLayout *el = *f->explanation ? make_layout(p, f->explanation, BODY, FALSE, 10, CONTENT_W - 12, FALSE) : NULL;
    /* the arithmetic stays in `jindu audit`: the briefing says it in words */
    PangoLayout *al = NULL;
    if (el) pango_layout_set_line_spacing(el, 1.3f);
    double hh = layout_height(hl), eh = el ? layout_height(el) : 0, ah = al ? layout_height(al) + 6 : 0;
    ensure(p, hh + eh + ah + 30);
    show_layout(p, hl, MARGIN_L, p->y, severity_colour(f->severity));
    p->y += hh + 2;
    if (el) {
      show_layout(p, el, MARGIN_L + 12, p->y, INK);
      p->y += eh + 3;
    }
    if (al) {
      cairo_save(p->cr);
      cairo_set_source_rgb(p->cr, 0.95, 0.95, 0.96);
      cairo_rectangle(p->cr, MARGIN_L + 12, p->y, CONTENT_W - 12, ah);
      cairo_fill(p->cr);
      cairo_restore(p->cr);
      show_layout(p, al, MARGIN_L + 18, p->y + 3, INK);
      p->y += ah + 3;
    }
    if (f->sources->len) {
      double h;
      source_links(p, f->sources, f->more_sources, MARGIN_L + 12, p->y, 8.5, &h);
      p->y += h;
    }
    p->y += 9;
    g_object_unref(hl);
    if (el) g_object_unref(el);
    if (al) g_object_unref(al);
  }
}

/* The sources table, grouped by document: a document's name once, then its
 * rows 序号 | 行 | 指标 | 地区 | 时期 | 数值 | 原文. Columns have fixed widths
 * (原文 takes the rest), so every cell is laid out once, whatever the number
 * of rows; a row never breaks across pages, every page repeats the header
 * and a document's name stays with its first row. A column is one entry of
 * source_columns (a page or table location fits as one more). */
typedef struct {
  const char *title;
  double width; /* points; 0: the rest */
  char *(*cell)(const jd_report_source *s);
} source_column;

static char *cell_no(const jd_report_source *s) { return g_strdup_printf("%d", s->no); }
static char *cell_line(const jd_report_source *s) { return g_strdup_printf("%u", s->line); }
static char *cell_metric(const jd_report_source *s) { return g_strdup(s->metric); }
static char *cell_region(const jd_report_source *s) { return g_strdup(s->region); }
static char *cell_period(const jd_report_source *s)
{
  return !*s->period || strcmp(s->period, "unknown") == 0 ? g_strdup("不详")
                                                          : jd_plot_period_label(s->period);
}
static char *cell_value(const jd_report_source *s) { return g_strdup(s->value); }
static char *cell_quote(const jd_report_source *s)
{
  /* where the figure stands in a document that is not plain text: 第3页, 表2 第4行 */
  g_autofree char *where =
      s->where && *s->where ? g_strdup_printf("【%s】", s->where) : g_strdup("");
  if (s->also <= 0) return g_strdup_printf("%s%s", where, s->quote);
  return g_strdup_printf("%s%s（另有%d处记载相同，未逐一列出）", where, s->quote, s->also);
}

static const source_column source_columns[] = {
    {"序号", 30, cell_no},     {"行", 26, cell_line},     {"指标", 84, cell_metric},
    {"地区", 50, cell_region}, {"时期", 54, cell_period}, {"数值", 64, cell_value},
    {"原文", 0, cell_quote},
};
#define NCOLS G_N_ELEMENTS(source_columns)
#define CELL_PAD 3.0
#define TABLE_FONT 8.0

static void column_widths(const pdf *p, double *widths)
{
  double fixed = 0;
  for (size_t c = 0; c < NCOLS; c++) fixed += source_columns[c].width;
  for (size_t c = 0; c < NCOLS; c++)
    widths[c] = source_columns[c].width > 0 ? source_columns[c].width : CONTENT_W - fixed;
}

static void table_header(pdf *p, const double *widths)
{
  double x = MARGIN_L, h = 16;
  cairo_save(p->cr);
  cairo_set_source_rgb(p->cr, 0.90, 0.91, 0.93);
  cairo_rectangle(p->cr, MARGIN_L, p->y, CONTENT_W, h);
  cairo_fill(p->cr);
  cairo_restore(p->cr);
  for (size_t c = 0; c < NCOLS; c++) {
    text_at(p, source_columns[c].title, SANS, TRUE, TABLE_FONT, x + CELL_PAD, p->y + 2.5,
            widths[c] - 2 * CELL_PAD, PANGO_ALIGN_LEFT, INK);
    x += widths[c];
  }
  p->y += h;
}

/* One row's cells, laid out; returns the row's height. */
static double row_layouts(pdf *p, const jd_report_source *s, const double *widths,
                          PangoLayout **ls)
{
  double h = 0;
  for (size_t c = 0; c < NCOLS; c++) {
    g_autofree char *text = source_columns[c].cell(s);
    ls[c] = make_layout(p, text, SANS, FALSE, TABLE_FONT, widths[c] - 2 * CELL_PAD, FALSE);
    h = MAX(h, layout_height(ls[c]));
  }
  return h + 2 * CELL_PAD;
}

static void sources_table(pdf *p)
{
  const jd_report *r = p->r;
  g_autofree char *intro = g_strdup_printf(
      "本期引用的%u项数据按文件分组、按行号排列；“行”为该数据在文件中的行号，“原文”为规范化后的原句"
      "（过长的只列前%d字）。",
      r->sources->len, 160);
  heading(p, "附件二  数据来源", 0, paragraph_head(p, intro, 10.5), CAIRO_PDF_OUTLINE_ROOT,
          "附件二 数据来源");
  paragraph(p, intro, 10.5, INK);
  if (r->options.unread) { /* documents the build skipped */
    guint n = g_strv_length(r->options.unread), shown = MIN(n, 20u);
    char **first = g_new0(char *, shown + 1);
    for (guint k = 0; k < shown; k++) first[k] = r->options.unread[k];
    g_autofree char *names = g_strjoinv("、", first);
    g_free(first); /* the names are borrowed */
    g_autofree char *more = n > shown ? g_strdup_printf("等%u个", n) : g_strdup("");
    g_autofree char *note = g_strdup_printf("以下%u个文件未能读取，本期数据未包括其内容：%s%s。",
                                            n, names, more);
    paragraph(p, note, 10.5, INK);
  }
  double widths[NCOLS];
  column_widths(p, widths);
  gboolean header = FALSE;
  const char *doc = NULL;
  /* the rows are in document order already (renumber_sources sorts them) */
  for (guint i = 0; i < r->sources->len; i++) {
    const jd_report_source *s = r->sources->pdata[i];
    PangoLayout *ls[NCOLS];
    double h = row_layouts(p, s, widths, ls);
    gboolean new_doc = !doc || strcmp(doc, s->doc) != 0;
    PangoLayout *dl = new_doc ? make_layout(p, s->doc, SANS, TRUE, TABLE_FONT, CONTENT_W - 2 * CELL_PAD, FALSE) : NULL;
    double dh = dl ? layout_height(dl) + 2 * CELL_PAD : 0;
    if (!header || h + dh > room(p)) { /* the header stays with a row */
      if (header || h + dh + 16 > room(p)) new_page(p);
      table_header(p, widths);
      header = TRUE;
    }
    if (dl) {
      show_layout(p, dl, MARGIN_L + CELL_PAD, p->y + CELL_PAD, INK);
      p->y += dh;
      hline(p, MARGIN_L, TEXT_RIGHT, p->y, 0.3, RULE);
      g_object_unref(dl);
      doc = s->doc;
    }
    g_autofree char *dest = g_strdup_printf("name='src-%d'", s->no);
    cairo_tag_begin(p->cr, CAIRO_TAG_DEST, dest);
    double x = MARGIN_L;
    for (size_t c = 0; c < NCOLS; c++) {
      show_layout(p, ls[c], x + CELL_PAD, p->y + CELL_PAD, INK);
      x += widths[c];
      g_object_unref(ls[c]);
    }
    cairo_tag_end(p->cr, CAIRO_TAG_DEST);
    p->y += h;
    hline(p, MARGIN_L, TEXT_RIGHT, p->y, 0.4, RULE);
  }
}

static void set_metadata(pdf *p)
{
  const jd_report *r = p->r;
  g_autofree char *issue = issue_text(r);
  g_autofree char *title = g_strdup_printf("%s%s%s", r->options.title, *issue ? " " : "", issue);
  cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, title);
  const char *author = *r->options.author ? r->options.author : r->options.organisation;
  if (*author) cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_AUTHOR, author);
  g_autofree char *subject = *r->options.subject
                                 ? g_strdup(r->options.subject)
                                 : g_strdup_printf("%s禁毒工作主要数据与核查", r->headline_region);
  cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  GString *kw = g_string_new(r->options.keywords);
  if (!kw->len) {
    g_string_append(kw, "禁毒");
    for (guint i = 0; i < r->sections->len; i++)
      g_string_append_printf(kw, ";%s", ((jd_report_section *)r->sections->pdata[i])->title);
  }
  cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_KEYWORDS, kw->str);
  g_string_free(kw, TRUE);
  g_autofree char *creator = g_strdup_printf("jindu %s", jd_version());
  cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, creator);
  /* cairo stamps the current time unless told otherwise; without a date
   * the file carries none (an empty date is one cairo leaves out) */
  g_autofree char *when = r->options.date ? g_strdup_printf("%sT00:00:00Z", r->options.date)
                                          : g_strdup("");
  cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATE_DATE, when);
  cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_MOD_DATE, when);
}

static cairo_status_t discard_bytes(void *closure, const unsigned char *data, unsigned int length)
{
  (void)closure;
  (void)data;
  (void)length;
  return CAIRO_STATUS_SUCCESS;
}

/* The style and its faces. */
static void pdf_init(pdf *p, const jd_report *r)
{
  p->r = r;
  p->st = jd_report_style_get(r->options.style);
  for (int k = 0; k < JD_FACE_COUNT; k++) p->face[k] = jd_report_style_face(p->st, (jd_face_role)k);
}

/* Every page, in order: the first page, the sections, the appendices, the 版记. */
static void draw_pages(pdf *p)
{
  new_page(p);
  summary_page(p);
  sections(p);
  audit_appendix(p);
  sources_table(p);
  imprint(p);
}

/* The glyphs the report will draw, subset per font (HarfBuzz, through the
 * chart module's PDF fonts): cairo's own CFF subsets keep every subroutine
 * of the CJK fonts. A dry run lays out every page onto a discarded PDF and
 * draws no text. NULL when subsetting fails: Pango then draws as usual. A chart
 * that cannot be drawn is an error of this pass, before the real one. */
static jd_pdf_fonts *collect_fonts(const jd_report *r, GError **error)
{
  pdf p = {0};
  pdf_init(&p, r);
  p.pf = jd_pdf_fonts_new();
  p.collect = TRUE;
  p.surface = cairo_pdf_surface_create_for_stream(discard_bytes, NULL, p.st->page_w, p.st->page_h);
  p.cr = cairo_create(p.surface);
  draw_pages(&p);
  cairo_destroy(p.cr);
  cairo_surface_destroy(p.surface);
  if (p.error) { /* a chart that cannot be drawn fails here, before the real pass */
    g_propagate_error(error, p.error);
    jd_pdf_fonts_free(p.pf);
    return NULL;
  }
  if (!jd_pdf_fonts_prepare(p.pf)) g_clear_pointer(&p.pf, jd_pdf_fonts_free);
  return p.pf;
}

GBytes *jd_report_render_pdf(const jd_report *r, size_t *pages, GError **error)
{
  pdf p = {0};
  pdf_init(&p, r);
  GError *err = NULL;
  p.pf = collect_fonts(r, &err);
  if (err) {
    g_propagate_error(error, err);
    return NULL;
  }
  p.bytes = g_string_sized_new(256 * 1024);
  p.surface = cairo_pdf_surface_create_for_stream(write_bytes, p.bytes, p.st->page_w, p.st->page_h);
  cairo_pdf_surface_restrict_to_version(p.surface, CAIRO_PDF_VERSION_1_5);
  set_metadata(&p);
  p.cr = cairo_create(p.surface);
  draw_pages(&p);

  cairo_status_t st = cairo_status(p.cr);
  cairo_destroy(p.cr);
  cairo_surface_finish(p.surface);
  if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(p.surface);
  cairo_surface_destroy(p.surface);
  if (p.pf) jd_pdf_fonts_free(p.pf);
  if (p.error) {
    g_propagate_error(error, p.error);
    g_string_free(p.bytes, TRUE);
    return NULL;
  }
  if (st != CAIRO_STATUS_SUCCESS) {
    g_set_error(error, JD_REPORT_ERROR, JD_REPORT_ERROR_RENDER, "cairo could not draw the report: %s",
                cairo_status_to_string(st));
    g_string_free(p.bytes, TRUE);
    return NULL;
  }
  /* cairo 1.16's links leave holes in the cross-reference table */
  g_autofree char *problem = NULL;
  GBytes *tidy = jd_pdf_tidy(p.bytes->str, p.bytes->len, &problem);
  g_string_free(p.bytes, TRUE);
  if (!tidy) {
    g_set_error(error, JD_REPORT_ERROR, JD_REPORT_ERROR_RENDER,
                "the briefing PDF did not pass qpdf's check (%s) — please report this", problem);
    return NULL;
  }
  if (pages) *pages = (size_t)p.page;
  return tidy;
}
