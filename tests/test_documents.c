/* Documents as offices have them (src/text/doc-*.c): the tests build their
 * own .docx and .odt (libzip + XML), PDF (cairo + Pango), web pages (GB18030)
 * and scanned pictures from invented text at test time, and check that the
 * same figures come out as from the plain text, with where each stands (第3页,
 * 第2段, 表1 第3行 第2列); tables with merged headers and a 合计 row; the
 * seed documents converted to each form; and a clear error, exit 3, for each
 * kind of bad document while the others are still read. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "jindu/analyze.h"
#include "jindu/extract.h"
#include "jindu/jindu.h"
#include "testutil.h"

/* Invented text: a title, paragraphs with figures of this year and last. */
static const char *const invented[] = {
    "临夏州2023年禁毒工作情况通报",
    "2023年,全州共破获毒品刑事案件156起,抓获犯罪嫌疑人178名,同比上升12.5%;缴获各类毒品23.2公斤。",
    "全州共查获吸毒人员410人次,强制隔离戒毒120人,社区戒毒社区康复执行率达到98.6%。",
    "2022年,全州共破获毒品刑事案件139起,抓获犯罪嫌疑人160名。",
    "临夏市破获毒品案件45起,和政县破获毒品案件12起。",
    NULL};

/* A figure's content, for comparing sets of figures across forms. */
static char *figure_key(const jd_figure *f)
{
  g_autofree char *v = jd_figure_format_value(f->value);
  return g_strdup_printf("%s|%s|%s|%s|%s|%s|%s|%d|%d|%s", f->metric, f->scope, f->drug, f->region,
                         f->period, v, f->unit, (int)f->qualifier, (int)f->kind, f->base_period);
}

/* The keys of t's figures; with tables FALSE the figures of table cells are left out. */
static GPtrArray *keys_of(const jd_figure_table *t, gboolean tables)
{
  GPtrArray *k = g_ptr_array_new_with_free_func(g_free);
  for (size_t i = 0; i < jd_figure_table_get_count(t); i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    if (!tables && g_str_has_prefix(f->where, "表")) continue;
    g_ptr_array_add(k, figure_key(f));
  }
  return k;
}

static int cmp_str(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void assert_same_keys(GPtrArray *want, GPtrArray *got, const char *what)
{
  g_ptr_array_sort(want, cmp_str);
  g_ptr_array_sort(got, cmp_str);
  gboolean same = want->len == got->len;
  for (guint i = 0; same && i < want->len; i++) same = !strcmp(want->pdata[i], got->pdata[i]);
  if (!same) {
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < want->len; i++) g_string_append_printf(s, "  text: %s\n", (char *)want->pdata[i]);
    for (guint i = 0; i < got->len; i++) g_string_append_printf(s, "  %s: %s\n", what, (char *)got->pdata[i]);
    fputs(s->str, stderr); /* as UTF-8, whatever the locale */
    g_error("%s: the figures differ from the plain text's (above)", what);
  }
  g_ptr_array_unref(want);
  g_ptr_array_unref(got);
}

static jd_lexicon *lexicon(void)
{
  static jd_lexicon *lx;
  if (!lx) {
    GError *e = NULL;
    lx = jd_lexicon_load(NULL, &e);
    g_assert_no_error(e);
  }
  return lx;
}

static jd_figure_table *extract_file(const char *path, jd_ocr_mode ocr)
{
  jd_figure_table *t = jd_figure_table_new();
  jd_load_options lo = JD_LOAD_OPTIONS_INIT;
  lo.ocr = ocr;
  GError *e = NULL;
  gboolean ok = jd_extract_file_to_table(lexicon(), path, &lo, NULL, t, &e);
  g_assert_no_error(e);
  g_assert_true(ok);
  return t;
}

static jd_figure_table *extract_lines(const char *const *lines, size_t n)
{
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < n; i++) g_string_append_printf(s, "%s\n", lines[i]);
  jd_figure_table *t = jd_figure_table_new();
  GError *e = NULL;
  g_assert_true(jd_extract_text_to_table(lexicon(), "plain.txt", s->str, s->len, NULL, NULL, t, &e));
  g_assert_no_error(e);
  g_string_free(s, TRUE);
  return t;
}

/* ---- building documents ------------------------------------------------------------- */

static void write_zip(const char *path, const char *const *names, const char *const *contents)
{
  int ze = 0;
  zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &ze);
  g_assert_nonnull(z);
  for (int i = 0; names[i]; i++) {
    zip_source_t *s = zip_source_buffer(z, contents[i], strlen(contents[i]), 0);
    g_assert_nonnull(s);
    g_assert_cmpint(zip_file_add(z, names[i], s, ZIP_FL_ENC_UTF_8), >=, 0);
  }
  g_assert_cmpint(zip_close(z), ==, 0);
}

/* The merged-header table of the tests: 县市 over two rows, 破获毒品案件(起)
 * over two columns, a 合计 row. */
static const char *const table_rows[][3] = {
    {"临夏市", "20", "25"}, {"和政县", "9", "12"}, {"合计", "29", "37"}};

static void docx_paragraph(GString *x, const char *text, gboolean split_runs)
{
  if (strchr(text, '\t')) { /* typed with tab stops: a run with w:tab between its texts */
    g_auto(GStrv) parts = g_strsplit(text, "\t", -1);
    g_string_append(x, "<w:p><w:r>");
    for (char **p = parts; *p; p++) {
      g_autofree char *e = g_markup_escape_text(*p, -1);
      g_string_append_printf(x, "%s<w:t>%s</w:t>", p == parts ? "" : "<w:tab/>", e);
    }
    g_string_append(x, "</w:r></w:p>");
    return;
  }
  g_autofree char *t = g_markup_escape_text(text, -1);
  /* a paragraph in two runs (as Word writes one when formatting changes) */
  const char *mid = split_runs ? g_utf8_offset_to_pointer(t, g_utf8_strlen(t, -1) / 2) : t;
  g_string_append(x, "<w:p>");
  if (mid > t)
    g_string_append_printf(x, "<w:r><w:t xml:space=\"preserve\">%.*s</w:t></w:r>", (int)(mid - t), t);
  g_string_append_printf(x, "<w:r><w:rPr><w:b/></w:rPr><w:t>%s</w:t></w:r></w:p>", mid);
}

static void docx_cell(GString *x, const char *text, const char *props)
{
  g_string_append_printf(x, "<w:tc><w:tcPr>%s</w:tcPr><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>",
                         props, text);
}

static void write_docx(const char *path, const char *const *lines, size_t n, gboolean table)
{
  GString *x = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
                            "wordprocessingml/2006/main\"><w:body>");
  for (size_t i = 0; i < n; i++) docx_paragraph(x, lines[i], i % 2 == 1);
  if (table) {
    g_string_append(x, "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>");
    docx_cell(x, "县市", "<w:vMerge w:val=\"restart\"/>");
    docx_cell(x, "破获毒品案件(起)", "<w:gridSpan w:val=\"2\"/>");
    g_string_append(x, "</w:tr><w:tr>");
    docx_cell(x, "", "<w:vMerge/>");
    docx_cell(x, "2022年", "");
    docx_cell(x, "2023年", "");
    g_string_append(x, "</w:tr>");
    for (size_t r = 0; r < G_N_ELEMENTS(table_rows); r++) {
      g_string_append(x, "<w:tr>");
      for (int c = 0; c < 3; c++) docx_cell(x, table_rows[r][c], "");
      g_string_append(x, "</w:tr>");
    }
    g_string_append(x, "</w:tbl>");
  }
  g_string_append(x, "<w:sectPr/></w:body></w:document>");
  const char *names[] = {"[Content_Types].xml", "_rels/.rels", "word/document.xml", NULL};
  const char *contents[] = {
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
      "package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/"
      "vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
      "ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document."
      "main+xml\"/></Types>",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas."
      "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://"
      "schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
      "Target=\"word/document.xml\"/></Relationships>",
      x->str, NULL};
  write_zip(path, names, contents);
  g_string_free(x, TRUE);
}

static void odt_cell(GString *x, const char *text, const char *attrs)
{
  g_string_append_printf(x, "<table:table-cell %s><text:p>%s</text:p></table:table-cell>", attrs,
                         text);
}

static void write_odt(const char *path, const char *const *lines, size_t n)
{
  GString *x = g_string_new(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
      "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" office:version=\"1.2\">"
      "<office:body><office:text>");
  for (size_t i = 0; i < n; i++) {
    g_autofree char *t = g_markup_escape_text(lines[i], -1);
    if (i == 0) g_string_append_printf(x, "<text:h text:outline-level=\"1\">%s</text:h>", t);
    else g_string_append_printf(x, "<text:p><text:span>%s</text:span></text:p>", t);
  }
  g_string_append(x, "<table:table><table:table-column table:number-columns-repeated=\"3\"/>"
                     "<table:table-row>");
  odt_cell(x, "县市", "table:number-rows-spanned=\"2\"");
  odt_cell(x, "破获毒品案件(起)", "table:number-columns-spanned=\"2\"");
  g_string_append(x, "<table:covered-table-cell/></table:table-row><table:table-row>"
                     "<table:covered-table-cell/>");
  odt_cell(x, "2022年", "");
  odt_cell(x, "2023年", "");
  g_string_append(x, "</table:table-row>");
  for (size_t r = 0; r < G_N_ELEMENTS(table_rows); r++) {
    g_string_append(x, "<table:table-row>");
    for (int c = 0; c < 3; c++) odt_cell(x, table_rows[r][c], "");
    g_string_append(x, "</table:table-row>");
  }
  g_string_append(x, "</table:table></office:text></office:body></office:document-content>");
  const char *names[] = {"mimetype", "content.xml", NULL};
  const char *contents[] = {"application/vnd.oasis.opendocument.text", x->str, NULL};
  write_zip(path, names, contents);
  g_string_free(x, TRUE);
}

/* A PDF as an office prints one: A4, 12pt text wrapped to the margins, each
 * paragraph's first line indented two characters, a running header (unless
 * NULL) and a page number on every page. */
static void write_pdf(const char *path, const char *const *lines, size_t n, double font_pt,
                      const char *header)
{
  const double W = 595, H = 842, M = 72;
  cairo_surface_t *s = cairo_pdf_surface_create(path, W, H);
  cairo_t *cr = cairo_create(s);
  PangoFontDescription *fd = pango_font_description_from_string("Noto Sans CJK SC");
  pango_font_description_set_absolute_size(fd, font_pt * PANGO_SCALE);
  int page = 1;
  double y = M;
  gboolean page_started = FALSE;
  for (size_t i = 0; i <= n; i++) {
    if (!page_started || i == n) {
      /* header and footer of the page being finished or started */
      if (page_started) {
        PangoLayout *f = pango_cairo_create_layout(cr);
        pango_layout_set_font_description(f, fd);
        g_autofree char *num = g_strdup_printf("- %d -", page);
        pango_layout_set_text(f, num, -1);
        cairo_move_to(cr, W / 2 - 15, H - 50);
        pango_cairo_show_layout(cr, f);
        g_object_unref(f);
      }
      if (i == n) break;
      PangoLayout *h = pango_cairo_create_layout(cr);
      pango_layout_set_font_description(h, fd);
      pango_layout_set_text(h, header ? header : "", -1);
      cairo_move_to(cr, M, 36);
      pango_cairo_show_layout(cr, h);
      g_object_unref(h);
      page_started = TRUE;
    }
    PangoLayout *l = pango_cairo_create_layout(cr);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_width(l, (int)((W - 2 * M) * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_indent(l, (int)(2 * font_pt * PANGO_SCALE));
    pango_layout_set_text(l, lines[i], -1);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    double top = 0;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, NULL, &logical);
      double ly = logical.y / (double)PANGO_SCALE - top;
      if (y + ly + logical.height / (double)PANGO_SCALE > H - M) {
        /* the page is full: its footer, then a new page */
        PangoLayout *f = pango_cairo_create_layout(cr);
        pango_layout_set_font_description(f, fd);
        g_autofree char *num = g_strdup_printf("- %d -", page);
        pango_layout_set_text(f, num, -1);
        cairo_move_to(cr, W / 2 - 15, H - 50);
        pango_cairo_show_layout(cr, f);
        g_object_unref(f);
        cairo_show_page(cr);
        page++;
        PangoLayout *h = pango_cairo_create_layout(cr);
        pango_layout_set_font_description(h, fd);
        pango_layout_set_text(h, header ? header : "", -1);
        cairo_move_to(cr, M, 36);
        pango_cairo_show_layout(cr, h);
        g_object_unref(h);
        top = logical.y / (double)PANGO_SCALE;
        y = M;
        ly = 0;
      }
      int baseline = pango_layout_iter_get_baseline(it);
      cairo_move_to(cr, M + logical.x / (double)PANGO_SCALE,
                    y + baseline / (double)PANGO_SCALE - top);
      pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it));
      (void)ly;
    } while (pango_layout_iter_next_line(it));
    PangoRectangle ink, log;
    pango_layout_get_extents(l, &ink, &log);
    y += (log.height / (double)PANGO_SCALE - top) + font_pt * 0.5;
    pango_layout_iter_free(it);
    g_object_unref(l);
  }
  pango_font_description_free(fd);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  g_assert_cmpint(cairo_surface_status(s), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(s);
}

/* A government site's news page: navigation, breadcrumbs, the article with its
 * 发布时间 line, 上一篇/下一篇, a footer; in GB18030 as such sites declare gb2312. */
static void write_html(const char *path, const char *const *lines, size_t n, gboolean table,
                       const char *date)
{
  GString *h = g_string_new(
      "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/"
      "xhtml1/DTD/xhtml1-transitional.dtd\">\n<html><head><meta http-equiv=\"Content-Type\" "
      "content=\"text/html; charset=gb2312\" />\n");
  g_autofree char *title = g_markup_escape_text(lines[0], -1);
  g_string_append_printf(h, "<title>%s_临夏州人民政府</title>\n<script>var s = \"今年破获案件999起\";"
                            "</script></head><body>\n<div class=\"header\"><ul class=\"nav\">",
                         title);
  static const char *const nav[] = {"首页", "政务公开", "新闻中心", "办事服务", "互动交流"};
  for (size_t i = 0; i < G_N_ELEMENTS(nav); i++)
    g_string_append_printf(h, "<li><a href=\"/%zu\">%s</a></li>", i, nav[i]);
  g_string_append(h, "</ul></div>\n<div class=\"position\">当前位置：<a href=\"/\">首页</a> &gt; "
                     "<a href=\"/x\">新闻中心</a></div>\n<div class=\"main\">");
  g_string_append_printf(h, "<div class=\"title\"><h1>%s</h1></div>\n", title);
  if (date)
    g_string_append_printf(h, "<div class=\"info\">发布时间：%s 09:30&nbsp;来源：州禁毒办&nbsp;"
                              "【字体：<a>大</a> <a>中</a> <a>小</a>】【打印本页】</div>\n",
                           date);
  g_string_append(h, "<div id=\"zoom\" class=\"TRS_Editor\">\n");
  for (size_t i = 1; i < n; i++) {
    g_autofree char *t = g_markup_escape_text(lines[i], -1);
    g_string_append_printf(h, "<p style=\"text-indent:2em\">　　%s</p>\n", t);
  }
  if (table) {
    g_string_append(h, "<table border=\"1\"><tr><td rowspan=\"2\">县市</td><td colspan=\"2\">"
                       "破获毒品案件(起)</td></tr><tr><th>2022年</th><th>2023年</th></tr>\n");
    for (size_t r = 0; r < G_N_ELEMENTS(table_rows); r++)
      g_string_append_printf(h, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>\n", table_rows[r][0],
                             table_rows[r][1], table_rows[r][2]);
    g_string_append(h, "</table>\n");
  }
  g_string_append(h, "</div>\n<div class=\"pages\">上一篇：<a href=\"/a\">全州召开禁毒委员会全体会议"
                     "</a><br/>下一篇：<a href=\"/b\">州禁毒办开展宣传活动</a></div></div>\n"
                     "<div class=\"footer\"><p>版权所有：临夏州人民政府办公室　主办单位：临夏州人民政府"
                     "</p><p>陇ICP备00000000号</p></div></body></html>\n");
  gsize len = 0;
  GError *e = NULL;
  g_autofree char *gb = g_convert(h->str, (gssize)h->len, "GB18030", "UTF-8", NULL, &len, &e);
  g_assert_no_error(e);
  g_assert_true(g_file_set_contents(path, gb, (gssize)len, NULL));
  g_string_free(h, TRUE);
}

static void write_scan(const char *path, const char *const *lines, size_t n)
{
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1800, 120 + 110 * (int)n);
  cairo_t *cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  PangoLayout *l = pango_cairo_create_layout(cr);
  PangoFontDescription *fd = pango_font_description_from_string("Noto Sans CJK SC 30");
  pango_layout_set_font_description(l, fd);
  pango_layout_set_width(l, 1700 * PANGO_SCALE);
  GString *all = g_string_new(NULL);
  for (size_t i = 0; i < n; i++) g_string_append_printf(all, "%s\n\n", lines[i]);
  pango_layout_set_text(l, all->str, -1);
  cairo_move_to(cr, 50, 50);
  pango_cairo_show_layout(cr, l);
  g_string_free(all, TRUE);
  pango_font_description_free(fd);
  g_object_unref(l);
  cairo_destroy(cr);
  g_assert_cmpint(cairo_surface_write_to_png(s, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(s);
}

/* ---- the tests ------------------------------------------------------------------------ */

static size_t n_invented(void)
{
  return g_strv_length((char **)invented);
}

/* The figures of a form equal the plain text's; every figure says where it stands. */
static void check_form(const char *name, void (*make)(const char *, const char *const *, size_t),
                       const char *where_prefix)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *path = g_build_filename(dir, name, NULL);
  make(path, invented, n_invented());
  jd_figure_table *plain = extract_lines(invented, n_invented());
  jd_figure_table *doc = extract_file(path, JD_OCR_AUTO);
  g_assert_cmpuint(jd_figure_table_get_count(plain), >=, 8);
  assert_same_keys(keys_of(plain, FALSE), keys_of(doc, FALSE), name);
  for (size_t i = 0; i < jd_figure_table_get_count(doc); i++) {
    const jd_figure *f = jd_figure_table_get(doc, i);
    g_assert_true(g_str_has_prefix(f->where, where_prefix) || g_str_has_prefix(f->where, "表"));
    g_assert_cmpstr(f->doc, ==, name);
  }
  jd_figure_table_free(plain);
  jd_figure_table_free(doc);
  jd_test_rm_rf(dir);
}

static void make_docx(const char *p, const char *const *l, size_t n) { write_docx(p, l, n, TRUE); }
static void make_pdf(const char *p, const char *const *l, size_t n) { write_pdf(p, l, n, 12, "临夏州禁毒委员会办公室"); }
static void make_html(const char *p, const char *const *l, size_t n) { write_html(p, l, n, TRUE, NULL); }

static void test_docx(void) { check_form("通报.docx", make_docx, "第"); }
static void test_odt(void) { check_form("通报.odt", write_odt, "第"); }
static void test_pdf(void) { check_form("通报.pdf", make_pdf, "第1页"); }
static void test_html(void) { check_form("通报.html", make_html, "第"); }

/* The table: a figure per number cell, with the row's region, the merged
 * header's metric and unit and the sub-header's year; 合计 is the whole. */
static void check_table(const char *name, void (*make)(const char *, const char *const *, size_t))
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *path = g_build_filename(dir, name, NULL);
  make(path, invented, 1);
  jd_figure_table *t = extract_file(path, JD_OCR_AUTO);
  static const char *const want[] = {
      "临夏市 2022 20 表1 第3行 第2列", "临夏市 2023 25 表1 第3行 第3列",
      "和政县 2022 9 表1 第4行 第2列",  "和政县 2023 12 表1 第4行 第3列",
      "临夏州 2022 29 表1 第5行 第2列(合计)", "临夏州 2023 37 表1 第5行 第3列(合计)"};
  g_assert_cmpuint(jd_figure_table_get_count(t), ==, G_N_ELEMENTS(want));
  for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    g_autofree char *v = jd_figure_format_value(f->value);
    g_autofree char *got = g_strdup_printf("%s %s %s %s", f->region, f->period, v, f->where);
    g_assert_cmpstr(got, ==, want[i]);
    g_assert_cmpstr(f->metric, ==, "cases_solved");
    g_assert_cmpstr(f->unit, ==, "case");
  }
  g_assert_nonnull(strstr(jd_figure_table_get(t, 4)->quote, "合计"));
  jd_figure_table_free(t);
  jd_test_rm_rf(dir);
}

/* The table drawn into a PDF as an office's layout program sets one: the
 * title, then 县市 beside two header rows, 破获毒品案件(起) centred over
 * 2022年 | 2023年, numbers right-aligned in their columns, a note after. */
static void draw_pdf_table(const char *path, const char *const *lines, size_t n, gboolean tight)
{
  cairo_surface_t *s = cairo_pdf_surface_create(path, 595, 842);
  cairo_t *cr = cairo_create(s);
  PangoFontDescription *fd = pango_font_description_from_string("Noto Sans CJK SC");
  pango_font_description_set_absolute_size(fd, 12 * PANGO_SCALE);
  /* text, x, y, align: 0 left, 1 centred on x, 2 right-aligned at x */
  typedef struct {
    const char *text;
    double x, y;
    int align;
  } placed;
  placed at[32];
  size_t k = 0;
  at[k++] = (placed){n ? lines[0] : "", 72, 72, 0};
  /* tight: columns as narrow as their text, a few points apart, numbers
   * left-aligned right after the row's name (as LibreOffice sets an HTML table) */
  const double c1 = tight ? 112 : 217, c2 = tight ? 163 : 307, n1 = tight ? 112 : 250,
               n2 = tight ? 163 : 340;
  at[k++] = (placed){"县市", tight ? 72 : 100, 130, tight ? 0 : 1};
  at[k++] = (placed){"破获毒品案件(起)", tight ? 112 : 262, 120, tight ? 0 : 1};
  at[k++] = (placed){"2022年", c1, 140, tight ? 0 : 1};
  at[k++] = (placed){"2023年", c2, 140, tight ? 0 : 1};
  for (size_t r = 0; r < G_N_ELEMENTS(table_rows); r++) {
    at[k++] = (placed){table_rows[r][0], 72, 170 + 22.0 * r, 0};
    at[k++] = (placed){table_rows[r][1], n1, 170 + 22.0 * r, tight ? 0 : 2};
    at[k++] = (placed){table_rows[r][2], n2, 170 + 22.0 * r, tight ? 0 : 2};
  }
  at[k++] = (placed){"以上数据由州公安局提供。", 72, 250, 0};
  for (size_t i = 0; i < k; i++) {
    PangoLayout *l = pango_cairo_create_layout(cr);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_text(l, at[i].text, -1);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    double x = at[i].x - (at[i].align == 1 ? w / 2.0 : at[i].align == 2 ? w : 0) / PANGO_SCALE;
    cairo_move_to(cr, x, at[i].y);
    pango_cairo_show_layout(cr, l);
    g_object_unref(l);
  }
  pango_font_description_free(fd);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);
}

static void write_pdf_table(const char *path, const char *const *lines, size_t n)
{
  draw_pdf_table(path, lines, n, FALSE);
}

static void write_pdf_table_tight(const char *path, const char *const *lines, size_t n)
{
  draw_pdf_table(path, lines, n, TRUE);
}

static void test_table_pdf(void) { check_table("表.pdf", write_pdf_table); }
static void test_table_pdf_tight(void) { check_table("紧.pdf", write_pdf_table_tight); }
/* A table typed in Word with tab stops (a run of tabs one stop): its rows
 * read as a table's; a number never runs into the next across a tab
 * (150<tab>130 is not 150130: without a unit in the row or its header the
 * 150 is no figure); a heading with a tab stays a paragraph. */
static void test_table_docx_tabs(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *path = g_build_filename(dir, "制表.docx", NULL);
  static const char *const lines[] = {"临夏州2023年禁毒工作情况",
                                      "一、\t主要数据",
                                      "指标\t\t2022年\t2023年",
                                      "破获毒品案件(起)\t120\t\t98",
                                      "抓获犯罪嫌疑人(名)\t150\t130",
                                      "全州抓获吸毒人员\t150\t130人。"};
  write_docx(path, lines, G_N_ELEMENTS(lines), FALSE);
  jd_figure_table *t = extract_file(path, JD_OCR_AUTO);
  static const char *const want[] = {"cases_solved 2022 120 表1 第2行 第2列", "cases_solved 2023 98 表1 第2行 第3列",
                                     "suspects_arrested 2022 150 表1 第3行 第2列",
                                     "suspects_arrested 2023 130 表1 第3行 第3列",
                                     "users_checked 2023 130 表1 第4行 第3列"};
  g_assert_cmpuint(jd_figure_table_get_count(t), ==, G_N_ELEMENTS(want));
  for (size_t i = 0; i < jd_figure_table_get_count(t); i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    g_autofree char *v = jd_figure_format_value(f->value);
    g_autofree char *got = g_strdup_printf("%s %s %s %s", f->metric, f->period, v, f->where);
    g_assert_cmpstr(got, ==, want[i]);
  }
  jd_figure_table_free(t);
  jd_test_rm_rf(dir);
}

/* A web page's table typed with &nbsp; runs in paragraphs: a table when its
 * rows are a grid of figures; a header line with two spaces stays a line. */
static void test_table_html_spaces(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *path = g_build_filename(dir, "空格表.html", NULL);
  static const char page[] =
      "<html><head><meta charset=\"utf-8\"><title>临夏州2023年禁毒工作情况</title></head><body>"
      "<div class=\"content\"><p>临夏州2023年禁毒工作情况</p>"
      "<p>发布时间：2024-01-15&nbsp;&nbsp;来源：州禁毒办</p>"
      "<p>县市&nbsp;&nbsp;&nbsp;&nbsp;2022年&nbsp;&nbsp;&nbsp;&nbsp;2023年</p>"
      "<p>临夏市&nbsp;&nbsp;&nbsp;&nbsp;20起&nbsp;&nbsp;&nbsp;&nbsp;25起</p>"
      "<p>和政县&nbsp;&nbsp;&nbsp;&nbsp;9起&nbsp;&nbsp;&nbsp;&nbsp;12起</p>"
      "<p>以上为破获毒品案件数。</p></div></body></html>";
  g_assert_true(g_file_set_contents(path, page, -1, NULL));
  jd_figure_table *t = extract_file(path, JD_OCR_AUTO);
  static const char *const want[] = {"临夏市 2022 20 表1 第2行 第2列", "临夏市 2023 25 表1 第2行 第3列",
                                     "和政县 2022 9 表1 第3行 第2列", "和政县 2023 12 表1 第3行 第3列"};
  g_assert_cmpuint(jd_figure_table_get_count(t), ==, G_N_ELEMENTS(want));
  for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    g_autofree char *v = jd_figure_format_value(f->value);
    g_autofree char *got = g_strdup_printf("%s %s %s %s", f->region, f->period, v, f->where);
    g_assert_cmpstr(got, ==, want[i]);
  }
  jd_figure_table_free(t);
  jd_test_rm_rf(dir);
}

static void test_table_docx(void) { check_table("表.docx", make_docx); }
static void test_table_odt(void) { check_table("表.odt", write_odt); }
static void test_table_html(void) { check_table("表.html", make_html); }

/* An Excel workbook as offices keep one (libxlsxwriter): the title as the
 * sheet's name, the same table with its merged headers, numbers as numbers. */
static void write_xlsx(const char *path, const char *const *lines, size_t n)
{
  lxw_workbook *wb = workbook_new(path);
  lxw_worksheet *ws = workbook_add_worksheet(wb, n ? lines[0] : NULL);
  worksheet_merge_range(ws, 0, 0, 1, 0, "县市", NULL);
  worksheet_merge_range(ws, 0, 1, 0, 2, "破获毒品案件(起)", NULL);
  worksheet_write_string(ws, 1, 1, "2022年", NULL);
  worksheet_write_string(ws, 1, 2, "2023年", NULL);
  for (size_t r = 0; r < G_N_ELEMENTS(table_rows); r++) {
    worksheet_write_string(ws, (lxw_row_t)(r + 2), 0, table_rows[r][0], NULL);
    for (int c = 1; c < 3; c++)
      worksheet_write_number(ws, (lxw_row_t)(r + 2), (lxw_col_t)c, atof(table_rows[r][c]), NULL);
  }
  g_assert_cmpint(workbook_close(wb), ==, LXW_NO_ERROR);
}

/* LibreOffice (scripts/setup.sh) converts src into the form ext, written at dst:
 * the legacy files offices still have (.doc, .xls, RTF) and .ods. */
static void soffice_convert(const char *src, const char *ext, const char *dst)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *profile_dir = g_build_filename(dir, "profile", NULL);
  g_autofree char *profile = g_filename_to_uri(profile_dir, NULL, NULL);
  g_autofree char *env = g_strconcat("-env:UserInstallation=", profile, NULL);
  const char *argv[] = {"soffice", env, "--headless", "--convert-to", ext, "--outdir", dir, src,
                        NULL};
  int status = -1;
  GError *e = NULL;
  g_assert_true(g_spawn_sync(NULL, (char **)argv, NULL,
                             G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                                 G_SPAWN_STDERR_TO_DEV_NULL,
                             NULL, NULL, NULL, NULL, &status, &e));
  g_assert_no_error(e);
  g_assert_true(g_spawn_check_wait_status(status, NULL));
  g_autofree char *base = g_path_get_basename(src);
  char *dot = strrchr(base, '.');
  if (dot) *dot = 0;
  g_autofree char *name = g_strconcat(base, ".", ext, NULL);
  g_autofree char *out = g_build_filename(dir, name, NULL);
  g_assert_cmpint(g_rename(out, dst), ==, 0);
  jd_test_rm_rf(dir);
}

static void make_doc(const char *p, const char *const *l, size_t n)
{
  g_autofree char *docx = g_strconcat(p, ".src.docx", NULL);
  write_docx(docx, l, n, TRUE);
  soffice_convert(docx, "doc", p);
  g_unlink(docx);
}

static void make_rtf(const char *p, const char *const *l, size_t n)
{
  g_autofree char *docx = g_strconcat(p, ".src.docx", NULL);
  write_docx(docx, l, n, TRUE);
  soffice_convert(docx, "rtf", p);
  g_unlink(docx);
}

static void make_xls(const char *p, const char *const *l, size_t n)
{
  g_autofree char *xlsx = g_strconcat(p, ".src.xlsx", NULL);
  write_xlsx(xlsx, l, n);
  soffice_convert(xlsx, "xls", p);
  g_unlink(xlsx);
}

static void make_ods(const char *p, const char *const *l, size_t n)
{
  g_autofree char *xlsx = g_strconcat(p, ".src.xlsx", NULL);
  write_xlsx(xlsx, l, n);
  soffice_convert(xlsx, "ods", p);
  g_unlink(xlsx);
}

/* Word 97–2003 and RTF, converted by LibreOffice inside jindu: the same
 * figures as the plain text, each table cell where it stands. */
static void test_doc(void) { check_form("通报.doc", make_doc, "第"); }
static void test_rtf(void) { check_form("通报.rtf", make_rtf, "第"); }
static void test_table_xlsx(void) { check_table("表.xlsx", write_xlsx); }
static void test_table_xls(void) { check_table("表.xls", make_xls); }
static void test_table_ods(void) { check_table("表.ods", make_ods); }

/* What a cell shows, not how Excel stores it: a percent format's 0.953 is
 * 95.3%, 0.1+0.2 is 0.3, a date format's serial a date; an empty row between
 * blocks and a plain sheet name change nothing. */
static void test_xlsx_cells(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *path = g_build_filename(dir, "率.xlsx", NULL);
  lxw_workbook *wb = workbook_new(path);
  lxw_worksheet *ws = workbook_add_worksheet(wb, NULL); /* Sheet1: not a paragraph */
  lxw_format *pct = workbook_add_format(wb);
  format_set_num_format(pct, "0.0%");
  lxw_format *date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  worksheet_write_string(ws, 0, 0, "县市", NULL);
  worksheet_write_string(ws, 0, 1, "2023年戒断三年未复吸率", NULL);
  worksheet_write_string(ws, 0, 2, "2023年缴获毒品(公斤)", NULL);
  worksheet_write_string(ws, 2, 0, "临夏市", NULL); /* row 2 empty */
  worksheet_write_number(ws, 2, 1, 0.953, pct);
  worksheet_write_number(ws, 2, 2, 0.1 + 0.2, NULL);
  worksheet_write_string(ws, 4, 0, "统计截止日期", NULL);
  worksheet_write_number(ws, 4, 1, 45291, date); /* 2023-12-31 */
  g_assert_cmpint(workbook_close(wb), ==, LXW_NO_ERROR);
  jd_figure_table *t = extract_file(path, JD_OCR_AUTO);
  gboolean rate = FALSE, weight = FALSE;
  for (size_t i = 0; i < jd_figure_table_get_count(t); i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    g_assert_cmpstr(f->doc, ==, "率.xlsx");
    g_assert_true(g_str_has_prefix(f->where, "表1 "));
    if (!strcmp(f->metric, "abstinent_3y_rate")) {
      rate = TRUE;
      g_assert_cmpfloat(f->value, ==, 95.3);
      g_assert_cmpstr(f->unit, ==, "percent");
      g_assert_cmpstr(f->region, ==, "临夏市");
    } else if (!strcmp(f->metric, "drugs_seized")) {
      weight = TRUE;
      g_assert_cmpfloat(f->value, ==, 0.3);
      g_assert_cmpstr(f->unit, ==, "kg");
    }
    g_assert_cmpfloat(f->value, !=, 45291);
  }
  g_assert_true(rate);
  g_assert_true(weight);
  jd_figure_table_free(t);
  jd_test_rm_rf(dir);
}

/* A statistics table as offices keep one: a 单位 column giving each row's
 * unit, years as columns and a 同比(%) column (the latest year's change, its
 * sign as written); a table of sibling counties with 合计 is their
 * prefecture's, and its 同比增减 column keeps its signs. */
static void test_xlsx_statistics(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *path = g_build_filename(dir, "统计表.xlsx", NULL);
  lxw_workbook *wb = workbook_new(path);
  lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
  static const char *const head[] = {"指标", "单位", "2022年", "2023年", "同比(%)"};
  static const char *const rows[][2] = {{"破获毒品刑事案件", "起"}, {"缴获毒品", "千克"}};
  static const double vals[][3] = {{210, 231, 10}, {14.5, 12.1, -16.6}};
  for (int c = 0; c < 5; c++) worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
  for (int r = 0; r < 2; r++) {
    worksheet_write_string(ws, (lxw_row_t)(r + 1), 0, rows[r][0], NULL);
    worksheet_write_string(ws, (lxw_row_t)(r + 1), 1, rows[r][1], NULL);
    for (int c = 0; c < 3; c++) worksheet_write_number(ws, (lxw_row_t)(r + 1), (lxw_col_t)(c + 2), vals[r][c], NULL);
  }
  lxw_worksheet *ws2 = workbook_add_worksheet(wb, NULL);
  static const char *const head2[] = {"县市", "破获毒品案件(起)", "同比增减(%)"};
  static const char *const places[] = {"和政县", "康乐县", "合计"};
  static const double v2[][2] = {{12, -5.5}, {9, 12.5}, {21, 1.2}};
  for (int c = 0; c < 3; c++) worksheet_write_string(ws2, 0, (lxw_col_t)c, head2[c], NULL);
  for (int r = 0; r < 3; r++) {
    worksheet_write_string(ws2, (lxw_row_t)(r + 1), 0, places[r], NULL);
    for (int c = 0; c < 2; c++) worksheet_write_number(ws2, (lxw_row_t)(r + 1), (lxw_col_t)(c + 1), v2[r][c], NULL);
  }
  g_assert_cmpint(workbook_close(wb), ==, LXW_NO_ERROR);
  jd_figure_table *t = extract_file(path, JD_OCR_AUTO);
  static const char *const want[] = {
      "cases_solved 2022 210 case level ",      "cases_solved 2023 231 case level ",
      "cases_solved 2023 10 percent change_pct 2022", "drugs_seized 2022 14.5 kg level ",
      "drugs_seized 2023 12.1 kg level ",      "drugs_seized 2023 -16.6 percent change_pct 2022",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    g_autofree char *v = jd_figure_format_value(f->value);
    g_autofree char *got = g_strdup_printf("%s %s %s %s %s %s", f->metric, f->period, v, f->unit,
                                           jd_kind_to_string(f->kind), f->base_period);
    g_assert_cmpstr(got, ==, want[i]);
  }
  gboolean fall = FALSE, total = FALSE;
  for (size_t i = G_N_ELEMENTS(want); i < jd_figure_table_get_count(t); i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    if (f->kind == JD_KIND_CHANGE_PCT && !strcmp(f->region, "和政县"))
      fall = f->value == -5.5;
    if (f->kind == JD_KIND_LEVEL && strstr(f->quote, "合计"))
      total = !strcmp(f->region, "临夏州") && f->value == 21;
  }
  g_assert_true(fall);
  g_assert_true(total);
  jd_figure_table_free(t);
  jd_test_rm_rf(dir);
}

/* The audit's check of a 合计 row: the sum of the rows above it, within what
 * the stated precision allows. */
static void test_table_total(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *path = g_build_filename(dir, "表.html", NULL);
  for (int bad = 0; bad < 2; bad++) {
    write_html(path, invented, 1, TRUE, NULL);
    if (bad) { /* 37 -> 38: the 2023 total no longer adds up */
      gsize len = 0;
      g_autofree char *html = jd_test_read_file(path, &len);
      char *p = strstr(html, "<td>37</td>");
      g_assert_nonnull(p);
      p[5] = '8';
      g_assert_true(g_file_set_contents(path, html, (gssize)len, NULL));
    }
    jd_figure_table *t = extract_file(path, JD_OCR_AUTO);
    GError *e = NULL;
    jd_analysis *a = jd_analyze(t, NULL, &e);
    g_assert_no_error(e);
    int ok = 0, errors = 0;
    for (size_t i = 0; i < jd_analysis_get_finding_count(a); i++) {
      const jd_finding *f = jd_analysis_get_finding(a, i);
      if (f->kind != JD_FINDING_TABLE_TOTAL) continue;
      if (f->severity == JD_SEVERITY_OK) ok++;
      if (f->severity == JD_SEVERITY_ERROR) {
        errors++;
        g_assert_cmpfloat(f->stated, ==, 38);
        g_assert_cmpfloat(f->computed, ==, 37);
        g_assert_cmpuint(f->n_sources, ==, 3);
        g_assert_nonnull(strstr(f->arithmetic, "25 + 12 = 37"));
      }
    }
    g_assert_cmpint(ok, ==, bad ? 1 : 2);
    g_assert_cmpint(errors, ==, bad ? 1 : 0);
    jd_analysis_free(a);
    jd_figure_table_free(t);
  }
  jd_test_rm_rf(dir);
}

/* A web page: its 发布时间 is the document's date (今年 = 2023), nothing of
 * the navigation, script, 上一篇/下一篇 or footer is read. */
static void test_html_page(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *path = g_build_filename(dir, "news.html", NULL);
  const char *lines[] = {"全州禁毒工作取得新进展", "今年1至5月,全州共破获毒品刑事案件56起,抓获犯罪嫌疑人78名。",
                         "去年全州共查获吸毒人员410人次。"};
  write_html(path, lines, 3, FALSE, "2023-06-26");
  GError *e = NULL;
  jd_reader *r = jd_reader_open(path, NULL, &e);
  g_assert_no_error(e);
  g_assert_cmpstr(jd_reader_get_format(r), ==, "html");
  g_assert_cmpstr(jd_reader_get_date(r), ==, "2023-06-26");
  GString *all = g_string_new(NULL);
  jd_paragraph p;
  while (jd_reader_next(r, &p, &e)) g_string_append_printf(all, "%s\n", p.text);
  g_assert_no_error(e);
  jd_reader_free(r);
  g_assert_nonnull(strstr(all->str, "全州禁毒工作取得新进展\n"));
  static const char *const absent[] = {"首页", "999", "上一篇", "下一篇", "版权所有", "ICP", "打印本页",
                                       "当前位置", "_临夏州人民政府"};
  for (size_t i = 0; i < G_N_ELEMENTS(absent); i++)
    if (strstr(all->str, absent[i])) g_error("'%s' read from the page:\n%s", absent[i], all->str);
  g_string_free(all, TRUE);
  jd_figure_table *t = extract_file(path, JD_OCR_AUTO);
  g_assert_cmpuint(jd_figure_table_get_count(t), ==, 3);
  g_assert_cmpstr(jd_figure_table_get(t, 0)->period, ==, "2023-01/2023-05");
  g_assert_cmpstr(jd_figure_table_get(t, 2)->period, ==, "2022");
  jd_figure_table_free(t);
  jd_test_rm_rf(dir);
}

/* A PDF of several pages: running header and page numbers gone, paragraphs
 * joined across line and page breaks, each figure on its page. */
static void test_pdf_pages(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *path = g_build_filename(dir, "long.pdf", NULL);
  GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(lines, g_strdup(invented[0]));
  for (int i = 0; i < 40; i++)
    g_ptr_array_add(lines, g_strdup_printf("第%d项工作中,全州各级禁毒部门持续开展宣传教育活动,"
                                           "组织专题宣讲%d场次,覆盖群众%d万人次,工作取得明显成效。",
                                           i + 1, 100 + i, 20 + i));
  write_pdf(path, (const char *const *)lines->pdata, lines->len, 14, "临夏州禁毒委员会办公室");
  GError *e = NULL;
  jd_reader *r = jd_reader_open(path, NULL, &e);
  g_assert_no_error(e);
  jd_paragraph p;
  guint n = 0;
  int last_page = 0;
  while (jd_reader_next(r, &p, &e)) {
    g_assert_null(strstr(p.text, "禁毒委员会办公室"));
    g_assert_false(g_str_has_prefix(p.text, "- "));
    g_assert_cmpstr(p.text, ==, n == 0 ? invented[0] : lines->pdata[n]);
    sscanf(p.where, "第%d页", &last_page);
    n++;
  }
  g_assert_no_error(e);
  g_assert_cmpuint(n, ==, lines->len);
  g_assert_cmpint(last_page, >=, 3);
  jd_reader_free(r);
  g_ptr_array_unref(lines);
  jd_test_rm_rf(dir);
}

/* A scanned page (a PNG) read by Tesseract: the figures, with the page and its confidence. */
static void test_scan(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *path = g_build_filename(dir, "scan.png", NULL);
  const char *lines[] = {"今年全州共破获毒品刑事案件56起,抓获犯罪嫌疑人78名。"};
  write_scan(path, lines, 1);
  jd_figure_table *t = extract_file(path, JD_OCR_AUTO);
  g_assert_cmpuint(jd_figure_table_get_count(t), ==, 2);
  const jd_figure *f = jd_figure_table_get(t, 0);
  g_assert_cmpstr(f->metric, ==, "cases_solved");
  g_assert_cmpfloat(f->value, ==, 56);
  g_assert_true(g_str_has_prefix(f->where, "第1页 识别置信度"));
  g_assert_cmpfloat(jd_figure_table_get(t, 1)->value, ==, 78);
  jd_figure_table_free(t);
  jd_test_rm_rf(dir);
}

/* The documents of dir in each form give the figures of their plain text. */
static void check_converted(const char *dir)
{
  GDir *d = g_dir_open(dir, 0, NULL);
  g_assert_nonnull(d);
  g_autofree char *tmp = jd_test_tmpdir();
  const char *name;
  int seeds = 0;
  size_t figures = 0;
  while ((name = g_dir_read_name(d))) {
    if (!g_str_has_suffix(name, ".txt")) continue;
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_autofree char *raw_text = jd_test_read_file(path, NULL);
    /* the bundled sample has a GB18030 document: every form gets UTF-8 */
    g_autofree char *text = g_utf8_validate(raw_text, -1, NULL)
                                ? g_strdup(raw_text)
                                : g_convert(raw_text, -1, "UTF-8", "GB18030", NULL, NULL, NULL);
    g_assert_nonnull(text);
    char **raw = g_strsplit(text, "\n", -1);
    GPtrArray *lines = g_ptr_array_new();
    for (int i = 0; raw[i]; i++) {
      g_strstrip(raw[i]);
      if (*raw[i]) g_ptr_array_add(lines, raw[i]);
    }
    const char *const *l = (const char *const *)lines->pdata;
    jd_figure_table *plain = extract_file(path, JD_OCR_AUTO);
    figures += jd_figure_table_get_count(plain);
    static const char *const forms[] = {"docx", "odt", "pdf", "html"};
    for (size_t k = 0; k < G_N_ELEMENTS(forms); k++) {
      g_autofree char *out = g_strdup_printf("%s/%s.%s", tmp, name, forms[k]);
      if (k == 0) write_docx(out, l, lines->len, FALSE);
      if (k == 1) write_odt(out, l, lines->len);
      if (k == 2) write_pdf(out, l, lines->len, 12, NULL); /* a one-page header would be read */
      if (k == 3) write_html(out, l, lines->len, FALSE, NULL);
      jd_figure_table *t = extract_file(out, JD_OCR_AUTO);
      g_autofree char *what = g_strdup_printf("%s as %s", name, forms[k]);
      assert_same_keys(keys_of(plain, FALSE), keys_of(t, FALSE), what);
      jd_figure_table_free(t);
    }
    jd_figure_table_free(plain);
    g_ptr_array_unref(lines);
    g_strfreev(raw);
    seeds++;
  }
  g_dir_close(d);
  g_assert_cmpint(seeds, >=, 1);
  g_assert_cmpuint(figures, >=, 20);
  jd_test_rm_rf(tmp);
}

static void test_seeds(void)
{
  const char *dir = g_getenv("JINDU_SEEDS_DIR");
  g_assert_nonnull(dir);
  check_converted(dir);
}

static void test_sample(void)
{
  g_autofree char *dir = jd_test_source_path("data/corpus");
  check_converted(dir);
}

/* Each kind of bad document gets a clear message naming it and what to do; the
 * run exits 3, and the good document among them is still read. */
/* A damaged picture is refused at once, with what to do (it is decoded before
 * Tesseract loads its language data). */
static void test_damaged_picture(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *png = g_build_filename(dir, "broken.png", NULL);
  g_assert_true(g_file_set_contents(png, "\x89PNG\r\n\x1a\n2023年破获毒品案件12起", -1, NULL));
  const char *argv[] = {"extract", png, NULL};
  char *out = NULL, *err = NULL;
  int rc = jd_test_run_cli(argv, NULL, NULL, &out, &err);
  g_assert_cmpint(rc, ==, 3);
  g_assert_nonnull(strstr(err, "broken.png: the picture cannot be decoded"));
  g_assert_null(strstr(err, "Tesseract"));
  g_free(out);
  g_free(err);
  jd_test_rm_rf(dir);
}

static void test_errors(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *good = g_build_filename(dir, "a-good.docx", NULL);
  write_docx(good, invented, n_invented(), FALSE);
  g_autofree char *bad_zip = g_build_filename(dir, "b-corrupt.docx", NULL);
  g_assert_true(g_file_set_contents(bad_zip, "PK\x03\x04 this is not a zip archive", -1, NULL));
  g_autofree char *empty = g_build_filename(dir, "c-empty.docx", NULL);
  write_docx(empty, invented, 0, FALSE);
  g_autofree char *doc = g_build_filename(dir, "d-old.doc", NULL);
  g_assert_true(g_file_set_contents(doc, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 legacy", 16, NULL));
  g_autofree char *rtf = g_build_filename(dir, "g-old.rtf", NULL);
  g_assert_true(g_file_set_contents(rtf, "{\\rtf1\\ansi 2023年破获毒品案件12起}", -1, NULL));
  g_autofree char *png = g_build_filename(dir, "e-scan.png", NULL);
  write_scan(png, invented, 1);
  g_autofree char *pdf = g_build_filename(dir, "plain.pdf", NULL);
  write_pdf(pdf, invented, n_invented(), 12, NULL);
  g_autofree char *enc = g_build_filename(dir, "f-locked.pdf", NULL);
  /* qpdf (scripts/setup.sh) writes the encrypted PDF */
  const char *qpdf[] = {"qpdf", "--encrypt", "secret", "owner", "256", "--", pdf, enc, NULL};
  int status = -1;
  GError *e = NULL;
  g_assert_true(g_spawn_sync(NULL, (char **)qpdf, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                             NULL, &status, &e));
  g_assert_no_error(e);
  g_assert_true(g_spawn_check_wait_status(status, NULL));
  g_assert_cmpint(g_unlink(pdf), ==, 0);

  const char *argv[] = {"extract", "--ocr", "never", dir, NULL};
  char *out = NULL, *err = NULL;
  /* no LibreOffice here: the RTF says what to install */
  g_setenv("JINDU_SOFFICE", "no-such-soffice", TRUE);
  int rc = jd_test_run_cli(argv, NULL, NULL, &out, &err);
  g_unsetenv("JINDU_SOFFICE");
  g_assert_cmpint(rc, ==, 3);
  /* the good document's figures are all there */
  g_assert_nonnull(strstr(out, "a-good.docx,2,"));
  char **pieces = g_strsplit(out, "a-good.docx,", -1);
  g_assert_cmpuint(g_strv_length(pieces) - 1, >=, 8);
  g_strfreev(pieces);
  static const char *const want[] = {
      "b-corrupt.docx: a damaged zip archive",
      "c-empty.docx: the docx has no text",
      "d-old.doc: a damaged legacy Office file",
      "g-old.rtf: a legacy RTF file",
      "apt-get install libreoffice-writer-nogui",
      "e-scan.png: a picture (a scanned page) and --ocr never — run with --ocr auto",
      "f-locked.pdf: an encrypted PDF",
      "qpdf --decrypt"};
  for (size_t i = 0; i < G_N_ELEMENTS(want); i++)
    if (!strstr(err, want[i])) g_error("no '%s' in:\n%s", want[i], err);
  g_assert_null(strstr(err, "CRITICAL"));
  g_free(out);
  g_free(err);
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_fonts_init();
  g_test_add_func("/documents/docx", test_docx);
  g_test_add_func("/documents/odt", test_odt);
  g_test_add_func("/documents/pdf", test_pdf);
  g_test_add_func("/documents/table-pdf", test_table_pdf);
  g_test_add_func("/documents/table-pdf-tight", test_table_pdf_tight);
  g_test_add_func("/documents/html", test_html);
  g_test_add_func("/documents/table-docx", test_table_docx);
  g_test_add_func("/documents/table-docx-tabs", test_table_docx_tabs);
  g_test_add_func("/documents/table-html-spaces", test_table_html_spaces);
  g_test_add_func("/documents/table-odt", test_table_odt);
  g_test_add_func("/documents/table-html", test_table_html);
  g_test_add_func("/documents/table-xlsx", test_table_xlsx);
  g_test_add_func("/documents/xlsx-cells", test_xlsx_cells);
  g_test_add_func("/documents/xlsx-statistics", test_xlsx_statistics);
  g_test_add_func("/documents/legacy/doc", test_doc);
  g_test_add_func("/documents/legacy/rtf", test_rtf);
  g_test_add_func("/documents/legacy/table-xls", test_table_xls);
  g_test_add_func("/documents/table-ods", test_table_ods);
  g_test_add_func("/documents/table-total", test_table_total);
  g_test_add_func("/documents/html-page", test_html_page);
  g_test_add_func("/documents/pdf-pages", test_pdf_pages);
  g_test_add_func("/documents/scan", test_scan);
  g_test_add_func("/documents/errors", test_errors);
  g_test_add_func("/documents/damaged-picture", test_damaged_picture);
  jd_test_add_seeds("/documents/seeds", test_seeds);
  g_test_add_func("/documents/sample", test_sample);
  return jd_test_run();
}
