/* The briefing as a Word document (OOXML, .docx): the content of the PDF —
 * masthead, summary and KPI table, one section per metric with its
 * narrative, chart (PNG at 300 dpi with the SVG beside it) and data line,
 * the audit appendix and the sources table — as paragraphs in named styles
 * (GB/T 9704 faces and sizes: ooxml.c), real tables with a repeated header
 * row and page numbers (— N —) in the footer. XML by libxml2, the package by
 * libzip (ooxml.c). */
#include <string.h>

#include "report/ooxml.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_PIC "http://schemas.openxmlformats.org/drawingml/2006/picture"
#define NS_ASVG "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
#define REL_BASE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* A4 with the margins of GB/T 9704 (天头 37 mm, 订口 28 mm), in twips. */
#define PAGE_W 11906
#define PAGE_H 16838
#define MARGIN_T 2098
#define MARGIN_B 1984
#define MARGIN_L 1588
#define MARGIN_R 1474
#define TEXT_W (PAGE_W - MARGIN_L - MARGIN_R)
#define EMU_PER_TWIP 635
#define RED "C00000"

typedef struct {
  const jd_report *r;
  xmlTextWriterPtr w;
  jd_zip_package *pkg;
  GPtrArray *rel_list; /* "id\ttype\ttarget" */
  int pictures;
  GError *error;
} docx;

/* ------------------------------------------------------------ paragraphs */

static void run(docx *d, const char *text, gboolean bold, const char *colour)
{
  xmlTextWriterPtr w = d->w;
  jd_xml_start(w, "w:r", NULL);
  if (bold || colour) {
    jd_xml_start(w, "w:rPr", NULL);
    if (bold) jd_xml_empty(w, "w:b", NULL);
    if (colour) jd_xml_empty(w, "w:color", "w:val", colour, NULL);
    jd_xml_end(w);
  }
  /* a tab in the text is a w:tab */
  g_auto(GStrv) parts = g_strsplit(text, "\t", -1);
  for (char **p = parts; *p; p++) {
    if (p != parts) jd_xml_empty(w, "w:tab", NULL);
    if (!**p) continue;
    jd_xml_start(w, "w:t", "xml:space", "preserve", NULL);
    jd_xml_text(w, *p);
    jd_xml_end(w);
  }
  jd_xml_end(w);
}

static void para_start(docx *d, const char *style)
{
  jd_xml_start(d->w, "w:p", NULL);
  jd_xml_start(d->w, "w:pPr", NULL);
  jd_xml_empty(d->w, "w:pStyle", "w:val", style, NULL);
}

static void para(docx *d, const char *style, const char *text)
{
  para_start(d, style);
  jd_xml_end(d->w);
  run(d, text, FALSE, NULL);
  jd_xml_end(d->w);
}

/* Each line of text ('\n') as a paragraph. */
static void paras(docx *d, const char *style, const char *text)
{
  g_auto(GStrv) lines = g_strsplit(text ? text : "", "\n", -1);
  for (char **l = lines; *l; l++)
    if (**l) para(d, style, *l);
}

static void heading(docx *d, int level, const char *text, gboolean new_page)
{
  para_start(d, level == 1 ? "Heading1" : "Heading2");
  if (new_page) jd_xml_empty(d->w, "w:pageBreakBefore", NULL);
  jd_xml_end(d->w);
  run(d, text, FALSE, NULL);
  jd_xml_end(d->w);
}

/* ------------------------------------------------------------ pictures */

/* A relationship of the document; returns its id. Caller frees. */
static char *add_rel(docx *d, const char *type, const char *target)
{
  char *id = g_strdup_printf("rIdP%u", d->rel_list->len);
  g_ptr_array_add(d->rel_list, g_strdup_printf("%s\t%s\t%s", id, type, target));
  return id;
}

static void picture_xml(docx *d, const char *png_id, const char *svg_id, long cx, long cy,
                        const char *descr)
{
  xmlTextWriterPtr w = d->w;
  g_autofree char *scx = g_strdup_printf("%ld", cx), *scy = g_strdup_printf("%ld", cy);
  g_autofree char *no = g_strdup_printf("%d", d->pictures);
  g_autofree char *name = g_strdup_printf("图%d", d->pictures);
  jd_xml_start(w, "w:r", NULL);
  jd_xml_start(w, "w:drawing", NULL);
  jd_xml_start(w, "wp:inline", "distT", "0", "distB", "0", "distL", "0", "distR", "0", NULL);
  jd_xml_empty(w, "wp:extent", "cx", scx, "cy", scy, NULL);
  jd_xml_empty(w, "wp:docPr", "id", no, "name", name, "descr", descr, NULL);
  jd_xml_start(w, "wp:cNvGraphicFramePr", NULL);
  jd_xml_empty(w, "a:graphicFrameLocks", "noChangeAspect", "1", NULL);
  jd_xml_end(w);
  jd_xml_start(w, "a:graphic", NULL);
  jd_xml_start(w, "a:graphicData", "uri", "http://schemas.openxmlformats.org/drawingml/2006/picture", NULL);
  jd_xml_start(w, "pic:pic", NULL);
  jd_xml_start(w, "pic:nvPicPr", NULL);
  jd_xml_empty(w, "pic:cNvPr", "id", no, "name", name, "descr", descr, NULL);
  jd_xml_empty(w, "pic:cNvPicPr", NULL);
  jd_xml_end(w);
  jd_xml_start(w, "pic:blipFill", NULL);
  jd_xml_start(w, "a:blip", "r:embed", png_id, NULL);
  if (svg_id) { /* Word 2016+ shows the SVG, others the PNG */
    jd_xml_start(w, "a:extLst", NULL);
    jd_xml_start(w, "a:ext", "uri", "{96DAC541-7B7A-43D3-8B79-37D633B846F1}", NULL);
    jd_xml_empty(w, "asvg:svgBlip", "xmlns:asvg", NS_ASVG, "r:embed", svg_id, NULL);
    jd_xml_end(w);
    jd_xml_end(w);
  }
  jd_xml_end(w); /* a:blip */
  jd_xml_start(w, "a:stretch", NULL);
  jd_xml_empty(w, "a:fillRect", NULL);
  jd_xml_end(w);
  jd_xml_end(w); /* pic:blipFill */
  jd_xml_start(w, "pic:spPr", NULL);
  jd_xml_start(w, "a:xfrm", NULL);
  jd_xml_empty(w, "a:off", "x", "0", "y", "0", NULL);
  jd_xml_empty(w, "a:ext", "cx", scx, "cy", scy, NULL);
  jd_xml_end(w);
  jd_xml_start(w, "a:prstGeom", "prst", "rect", NULL);
  jd_xml_empty(w, "a:avLst", NULL);
  jd_xml_end(w);
  jd_xml_end(w); /* pic:spPr */
  jd_xml_end(w); /* pic:pic */
  jd_xml_end(w); /* a:graphicData */
  jd_xml_end(w); /* a:graphic */
  jd_xml_end(w); /* wp:inline */
  jd_xml_end(w); /* w:drawing */
  jd_xml_end(w); /* w:r */
}

/* Section s's chart across the text width, as PNG (300 dpi) and SVG. */
static void chart(docx *d, const jd_report_section *s)
{
  double w_pt = TEXT_W / 20.0, h_pt = jd_report_chart_height(s, w_pt, w_pt * 1.35);
  GError *err = NULL;
  GBytes *png = jd_report_office_chart(d->r, s, w_pt, h_pt, 300.0 / 72.0, JD_CHART_PNG, &err);
  GBytes *svg = png ? jd_report_office_chart(d->r, s, w_pt, h_pt, 1, JD_CHART_SVG, &err) : NULL;
  if (!png || !svg) {
    if (!d->error) d->error = err;
    else g_clear_error(&err);
    if (png) g_bytes_unref(png);
    return;
  }
  d->pictures++;
  g_autofree char *png_name = g_strdup_printf("media/%s.png", s->stem);
  g_autofree char *svg_name = g_strdup_printf("media/%s.svg", s->stem);
  g_autofree char *png_path = g_strdup_printf("word/%s", png_name);
  g_autofree char *svg_path = g_strdup_printf("word/%s", svg_name);
  if (!d->error) jd_zip_package_add(d->pkg, png_path, png, &d->error);
  if (!d->error) jd_zip_package_add(d->pkg, svg_path, svg, &d->error);
  g_bytes_unref(png);
  g_bytes_unref(svg);
  g_autofree char *png_id = add_rel(d, "image", png_name);
  g_autofree char *svg_id = add_rel(d, "image", svg_name);
  para_start(d, "Chart");
  jd_xml_end(d->w);
  picture_xml(d, png_id, svg_id, (long)(w_pt * 12700), (long)(h_pt * 12700), s->title);
  jd_xml_end(d->w);
}

/* ------------------------------------------------------------ tables */

static void cell(docx *d, const char *text, int width, gboolean header)
{
  xmlTextWriterPtr w = d->w;
  g_autofree char *sw = g_strdup_printf("%d", width);
  jd_xml_start(w, "w:tc", NULL);
  jd_xml_start(w, "w:tcPr", NULL);
  jd_xml_empty(w, "w:tcW", "w:w", sw, "w:type", "dxa", NULL);
  if (header) jd_xml_empty(w, "w:shd", "w:val", "clear", "w:color", "auto", "w:fill", "DDE3EA", NULL);
  jd_xml_end(w);
  para_start(d, "TableText");
  jd_xml_end(w);
  run(d, text, header, NULL);
  jd_xml_end(w);
  jd_xml_end(w);
}

static void table_start(docx *d, const int *widths, size_t n, const char *const *headers)
{
  xmlTextWriterPtr w = d->w;
  jd_xml_start(w, "w:tbl", NULL);
  jd_xml_start(w, "w:tblPr", NULL);
  jd_xml_empty(w, "w:tblStyle", "w:val", "TableGrid", NULL);
  jd_xml_empty(w, "w:tblW", "w:w", "5000", "w:type", "pct", NULL);
  jd_xml_empty(w, "w:tblLayout", "w:type", "fixed", NULL);
  jd_xml_end(w);
  jd_xml_start(w, "w:tblGrid", NULL);
  for (size_t c = 0; c < n; c++) {
    g_autofree char *sw = g_strdup_printf("%d", widths[c]);
    jd_xml_empty(w, "w:gridCol", "w:w", sw, NULL);
  }
  jd_xml_end(w);
  jd_xml_start(w, "w:tr", NULL);
  jd_xml_start(w, "w:trPr", NULL);
  jd_xml_empty(w, "w:tblHeader", NULL); /* repeated on every page */
  jd_xml_empty(w, "w:cantSplit", NULL);
  jd_xml_end(w);
  for (size_t c = 0; c < n; c++) cell(d, headers[c], widths[c], TRUE);
  jd_xml_end(w);
}

static void table_row(docx *d, const int *widths, size_t n, char **cells)
{
  jd_xml_start(d->w, "w:tr", NULL);
  jd_xml_start(d->w, "w:trPr", NULL);
  jd_xml_empty(d->w, "w:cantSplit", NULL);
  jd_xml_end(d->w);
  for (size_t c = 0; c < n; c++) cell(d, cells[c], widths[c], FALSE);
  jd_xml_end(d->w);
}

/* ------------------------------------------------------------ the parts of the briefing */

static void masthead(docx *d)
{
  const jd_report *r = d->r;
  para(d, "Masthead", r->options.title);
  g_autofree char *issue = jd_report_issue_text(r);
  if (*issue) para(d, "Issue", issue);
  g_autofree char *date = jd_report_date_chinese(r);
  g_autofree char *line = g_strdup_printf("%s\t%s", r->options.organisation, date);
  para(d, "MastheadRule", line);
}

static void summary(docx *d)
{
  const jd_report *r = d->r;
  heading(d, 1, "本期摘要", FALSE);
  paras(d, "Normal", r->summary);
  if (r->kpis->len == 0) return;
  heading(d, 2, "主要指标", FALSE);
  static const char *const headers[] = {"指标", "最近数值", "变化", "时期与地区"};
  static const int widths[] = {2800, 2000, 2200, TEXT_W - 7000};
  table_start(d, widths, 4, headers);
  for (guint i = 0; i < r->kpis->len; i++) {
    char *cells[4];
    jd_report_kpi_cells(r->kpis->pdata[i], cells);
    table_row(d, widths, 4, cells);
    for (int c = 0; c < 4; c++) g_free(cells[c]);
  }
  jd_xml_end(d->w);
  para(d, "Note", "注：数值取各指标最近一个时期；变化优先采用文件所载，否则由最近两期数值推算，两期不相邻时注明所比年份。");
}

static void sections(docx *d)
{
  const jd_report *r = d->r;
  for (guint i = 0; i < r->sections->len && !d->error; i++) {
    const jd_report_section *s = r->sections->pdata[i];
    g_autofree char *title = jd_report_section_heading(r, i);
    heading(d, 1, title, FALSE);
    paras(d, "Normal", s->narrative);
    chart(d, s);
    g_autofree char *data = jd_report_data_line(s);
    para(d, "Note", data);
  }
  if (r->others && *r->others) {
    g_autofree char *title = jd_report_section_heading(r, r->sections->len);
    heading(d, 1, title, FALSE);
    paras(d, "Normal", r->others);
  }
}

static void audit(docx *d)
{
  const jd_report *r = d->r;
  heading(d, 1, "附件一  数据核查", TRUE);
  g_autofree char *intro = jd_report_audit_intro(r);
  para(d, "Normal", intro);
  gboolean notes = FALSE;
  for (guint i = 0; i < r->findings->len; i++) {
    const jd_report_finding *f = r->findings->pdata[i];
    g_autofree char *head = jd_report_finding_head(f, i + 1);
    g_autofree char *src = jd_report_finding_sources(f);
    if (f->severity < 2) {
      if (!notes) heading(d, 2, "其他核查结果", FALSE);
      notes = TRUE;
      para(d, "Note", head);
    } else {
      para_start(d, "FindingHead");
      jd_xml_end(d->w);
      run(d, head, TRUE, f->severity >= 3 ? RED : "CC6600");
      jd_xml_end(d->w);
      if (*f->explanation) para(d, "Finding", f->explanation);
      if (*f->arithmetic) para(d, "Arithmetic", f->arithmetic);
    }
    if (*src) para(d, "FindingSource", src);
  }
}

static void sources(docx *d)
{
  const jd_report *r = d->r;
  heading(d, 1, "附件二  数据来源", TRUE);
  g_autofree char *intro = jd_report_sources_intro(r);
  para(d, "Normal", intro);
  if (!r->sources->len) return;
  static const int widths[JD_SOURCE_COLS] = {560, 1500, 800, 1000, 1100, 1500, TEXT_W - 6460};
  table_start(d, widths, JD_SOURCE_COLS, jd_source_headers);
  GPtrArray *rows = jd_report_sources_in_order(r);
  for (guint i = 0; i < rows->len; i++) {
    char *cells[JD_SOURCE_COLS];
    jd_report_source_cells(rows->pdata[i], cells);
    table_row(d, widths, JD_SOURCE_COLS, cells);
    for (int c = 0; c < JD_SOURCE_COLS; c++) g_free(cells[c]);
  }
  g_ptr_array_unref(rows);
  jd_xml_end(d->w);
}

static void section_properties(docx *d)
{
  xmlTextWriterPtr w = d->w;
  jd_xml_start(w, "w:sectPr", NULL);
  jd_xml_empty(w, "w:footerReference", "w:type", "default", "r:id", "rId3", NULL);
  g_autofree char *pw = g_strdup_printf("%d", PAGE_W), *ph = g_strdup_printf("%d", PAGE_H);
  jd_xml_empty(w, "w:pgSz", "w:w", pw, "w:h", ph, NULL);
  g_autofree char *t = g_strdup_printf("%d", MARGIN_T), *b = g_strdup_printf("%d", MARGIN_B);
  g_autofree char *l = g_strdup_printf("%d", MARGIN_L), *rr = g_strdup_printf("%d", MARGIN_R);
  jd_xml_empty(w, "w:pgMar", "w:top", t, "w:right", rr, "w:bottom", b, "w:left", l,
               "w:header", "851", "w:footer", "992", "w:gutter", "0", NULL);
  /* the grid of GB/T 9704: 22 lines a page */
  jd_xml_empty(w, "w:docGrid", "w:type", "lines", "w:linePitch", "579", NULL);
  jd_xml_end(w);
}

static xmlBufferPtr document_xml(docx *d)
{
  xmlBufferPtr buf;
  d->w = jd_xml_new(&buf);
  jd_xml_start(d->w, "w:document", "xmlns:w", NS_W, "xmlns:r", NS_R, "xmlns:wp", NS_WP,
               "xmlns:a", NS_A, "xmlns:pic", NS_PIC, NULL);
  jd_xml_start(d->w, "w:body", NULL);
  masthead(d);
  summary(d);
  sections(d);
  audit(d);
  sources(d);
  section_properties(d);
  jd_xml_end(d->w);
  jd_xml_end(d->w);
  jd_xml_finish(d->w);
  d->w = NULL;
  return buf;
}

/* ------------------------------------------------------------ styles */

static void run_props(xmlTextWriterPtr w, const jd_face *f, const char *colour)
{
  g_autofree char *sz = g_strdup_printf("%d", (int)(f->size * 2 + 0.5));
  jd_xml_start(w, "w:rPr", NULL);
  jd_xml_empty(w, "w:rFonts", "w:ascii", f->latin, "w:hAnsi", f->latin, "w:eastAsia",
               f->east_asia, "w:cs", f->latin, NULL);
  if (f->bold) jd_xml_empty(w, "w:b", NULL);
  if (colour) jd_xml_empty(w, "w:color", "w:val", colour, NULL);
  jd_xml_empty(w, "w:sz", "w:val", sz, NULL);
  jd_xml_empty(w, "w:szCs", "w:val", sz, NULL);
  jd_xml_end(w);
}

typedef struct {
  const char *id, *name;
  const char *align;       /* left, center, both */
  const char *colour;      /* NULL: the face's */
  jd_face_role face;
  int first_line_chars;    /* first-line indent in 1/100 characters */
  int line;                /* exact line spacing in twips; 0: single */
  int before, after;       /* spacing in twips */
  int outline;             /* outline level + 1; 0 none */
  gboolean keep_next;
} para_style;

/* Body text at 28.95 pt a line (22 lines on the type area), first lines
 * indented two characters, as GB/T 9704 lays out 正文. */
static const para_style styles[] = {
    {"Normal", "Normal", "both", NULL, JD_FACE_BODY, 200, 579, 0, 0, 0, FALSE},
    {"Masthead", "版头", "center", RED, JD_FACE_MASTHEAD, 0, 0, 0, 120, 0, TRUE},
    {"Issue", "期号", "center", NULL, JD_FACE_BODY, 0, 579, 0, 0, 0, TRUE},
    {"MastheadRule", "版头线", "left", NULL, JD_FACE_BODY, 0, 579, 0, 480, 0, TRUE},
    {"Heading1", "heading 1", "left", NULL, JD_FACE_HEADING1, 200, 579, 120, 0, 1, TRUE},
    {"Heading2", "heading 2", "left", NULL, JD_FACE_HEADING2, 200, 579, 0, 0, 2, TRUE},
    {"TableText", "表格文字", "left", NULL, JD_FACE_TABLE, 0, 0, 0, 0, 0, FALSE},
    {"Note", "注释", "both", NULL, JD_FACE_NOTE, 0, 0, 60, 120, 0, FALSE},
    {"Chart", "图", "center", NULL, JD_FACE_NOTE, 0, 0, 120, 60, 0, TRUE},
    {"FindingHead", "核查标题", "left", NULL, JD_FACE_NOTE, 0, 0, 120, 40, 0, TRUE},
    {"Finding", "核查说明", "both", NULL, JD_FACE_NOTE, 0, 0, 0, 40, 0, FALSE},
    {"Arithmetic", "核查算式", "left", NULL, JD_FACE_NOTE, 0, 0, 0, 40, 0, FALSE},
    {"FindingSource", "核查来源", "left", "1F4E79", JD_FACE_NOTE, 0, 0, 0, 80, 0, FALSE},
    {"Footer", "footer", "center", NULL, JD_FACE_PAGE, 0, 0, 0, 0, 0, FALSE},
};

static void paragraph_style(xmlTextWriterPtr w, const para_style *s)
{
  gboolean normal = strcmp(s->id, "Normal") == 0;
  jd_xml_start(w, "w:style", "w:type", "paragraph", "w:styleId", s->id, NULL);
  if (normal) xmlTextWriterWriteAttribute(w, BAD_CAST "w:default", BAD_CAST "1");
  jd_xml_empty(w, "w:name", "w:val", s->name, NULL);
  if (!normal) jd_xml_empty(w, "w:basedOn", "w:val", "Normal", NULL);
  jd_xml_empty(w, "w:qFormat", NULL);
  jd_xml_start(w, "w:pPr", NULL);
  if (s->keep_next) jd_xml_empty(w, "w:keepNext", NULL);
  if (strcmp(s->id, "MastheadRule") == 0) {
    jd_xml_start(w, "w:pBdr", NULL);
    jd_xml_empty(w, "w:bottom", "w:val", "thickThinSmallGap", "w:sz", "24", "w:space", "4",
                 "w:color", RED, NULL);
    jd_xml_end(w);
    jd_xml_start(w, "w:tabs", NULL);
    g_autofree char *pos = g_strdup_printf("%d", TEXT_W);
    jd_xml_empty(w, "w:tab", "w:val", "right", "w:pos", pos, NULL);
    jd_xml_end(w);
  }
  if (strcmp(s->id, "Arithmetic") == 0)
    jd_xml_empty(w, "w:shd", "w:val", "clear", "w:color", "auto", "w:fill", "F2F2F4", NULL);
  g_autofree char *before = g_strdup_printf("%d", s->before), *after = g_strdup_printf("%d", s->after);
  g_autofree char *line = g_strdup_printf("%d", s->line ? s->line : 240);
  jd_xml_empty(w, "w:spacing", "w:before", before, "w:after", after, "w:line", line,
               "w:lineRule", s->line ? "exact" : "auto", NULL);
  /* two characters of the style's own size (LibreOffice reads the twips) */
  g_autofree char *fl = g_strdup_printf("%d", s->first_line_chars);
  g_autofree char *ft = g_strdup_printf(
      "%d", (int)(s->first_line_chars / 100.0 * jd_face_get(s->face)->size * 20 + 0.5));
  jd_xml_empty(w, "w:ind", "w:firstLine", ft, "w:firstLineChars", fl, NULL);
  jd_xml_empty(w, "w:jc", "w:val", s->align, NULL);
  if (s->outline) {
    g_autofree char *lvl = g_strdup_printf("%d", s->outline - 1);
    jd_xml_empty(w, "w:outlineLvl", "w:val", lvl, NULL);
  }
  jd_xml_end(w);
  run_props(w, jd_face_get(s->face), s->colour);
  jd_xml_end(w);
}

static xmlBufferPtr styles_xml(void)
{
  xmlBufferPtr buf;
  xmlTextWriterPtr w = jd_xml_new(&buf);
  jd_xml_start(w, "w:styles", "xmlns:w", NS_W, NULL);
  jd_xml_start(w, "w:docDefaults", NULL);
  jd_xml_start(w, "w:rPrDefault", NULL);
  run_props(w, jd_face_get(JD_FACE_BODY), NULL);
  jd_xml_end(w);
  jd_xml_end(w);
  for (size_t i = 0; i < G_N_ELEMENTS(styles); i++) paragraph_style(w, &styles[i]);
  jd_xml_start(w, "w:style", "w:type", "table", "w:styleId", "TableGrid", NULL);
  jd_xml_empty(w, "w:name", "w:val", "Table Grid", NULL);
  jd_xml_start(w, "w:tblPr", NULL);
  jd_xml_start(w, "w:tblBorders", NULL);
  static const char *const sides[] = {"w:top", "w:left", "w:bottom", "w:right", "w:insideH",
                                      "w:insideV"};
  for (size_t i = 0; i < G_N_ELEMENTS(sides); i++)
    jd_xml_empty(w, sides[i], "w:val", "single", "w:sz", "4", "w:space", "0", "w:color",
                 "808080", NULL);
  jd_xml_end(w);
  jd_xml_start(w, "w:tblCellMar", NULL);
  jd_xml_empty(w, "w:left", "w:w", "80", "w:type", "dxa", NULL);
  jd_xml_empty(w, "w:right", "w:w", "80", "w:type", "dxa", NULL);
  jd_xml_end(w);
  jd_xml_end(w);
  jd_xml_end(w);
  jd_xml_end(w);
  jd_xml_finish(w);
  return buf;
}

/* ------------------------------------------------------------ the package's other parts */

static xmlBufferPtr footer_xml(void)
{
  xmlBufferPtr buf;
  xmlTextWriterPtr w = jd_xml_new(&buf);
  jd_xml_start(w, "w:ftr", "xmlns:w", NS_W, "xmlns:r", NS_R, NULL);
  jd_xml_start(w, "w:p", NULL);
  jd_xml_start(w, "w:pPr", NULL);
  jd_xml_empty(w, "w:pStyle", "w:val", "Footer", NULL);
  jd_xml_end(w);
  static const char *const parts[][2] = {{"t", "— "}, {"begin", NULL}, {"instr", " PAGE "},
                                         {"separate", NULL}, {"t", "1"}, {"end", NULL},
                                         {"t", " —"}};
  for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
    jd_xml_start(w, "w:r", NULL);
    if (strcmp(parts[i][0], "t") == 0 || strcmp(parts[i][0], "instr") == 0) {
      jd_xml_start(w, parts[i][0][0] == 't' ? "w:t" : "w:instrText", "xml:space", "preserve", NULL);
      jd_xml_text(w, parts[i][1]);
      jd_xml_end(w);
    } else {
      jd_xml_empty(w, "w:fldChar", "w:fldCharType", parts[i][0], NULL);
    }
    jd_xml_end(w);
  }
  jd_xml_end(w);
  jd_xml_end(w);
  jd_xml_finish(w);
  return buf;
}

static xmlBufferPtr content_types_xml(void)
{
  xmlBufferPtr buf;
  xmlTextWriterPtr w = jd_xml_new(&buf);
  jd_xml_start(w, "Types", "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types", NULL);
  jd_xml_empty(w, "Default", "Extension", "rels", "ContentType",
               "application/vnd.openxmlformats-package.relationships+xml", NULL);
  jd_xml_empty(w, "Default", "Extension", "xml", "ContentType", "application/xml", NULL);
  jd_xml_empty(w, "Default", "Extension", "png", "ContentType", "image/png", NULL);
  jd_xml_empty(w, "Default", "Extension", "svg", "ContentType", "image/svg+xml", NULL);
  static const char *const over[][2] = {
      {"/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"},
      {"/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"},
      {"/word/footer1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"},
      {"/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"}};
  for (size_t i = 0; i < G_N_ELEMENTS(over); i++)
    jd_xml_empty(w, "Override", "PartName", over[i][0], "ContentType", over[i][1], NULL);
  jd_xml_end(w);
  jd_xml_finish(w);
  return buf;
}

static xmlBufferPtr rels_xml(GPtrArray *rels)
{
  xmlBufferPtr buf;
  xmlTextWriterPtr w = jd_xml_new(&buf);
  jd_xml_start(w, "Relationships", "xmlns", "http://schemas.openxmlformats.org/package/2006/relationships", NULL);
  for (guint i = 0; i < rels->len; i++) {
    g_auto(GStrv) f = g_strsplit(rels->pdata[i], "\t", 3);
    g_autofree char *type = g_str_has_prefix(f[1], "http") ? g_strdup(f[1]) : g_strconcat(REL_BASE, f[1], NULL);
    jd_xml_empty(w, "Relationship", "Id", f[0], "Type", type, "Target", f[2], NULL);
  }
  jd_xml_end(w);
  jd_xml_finish(w);
  return buf;
}

xmlBufferPtr jd_ooxml_core_xml(const jd_report *r)
{
  xmlBufferPtr buf;
  xmlTextWriterPtr w = jd_xml_new(&buf);
  jd_xml_start(w, "cp:coreProperties", "xmlns:cp",
               "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
               "xmlns:dc", "http://purl.org/dc/elements/1.1/", "xmlns:dcterms",
               "http://purl.org/dc/terms/", "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance",
               NULL);
  g_autofree char *issue = jd_report_issue_text(r);
  g_autofree char *title = g_strdup_printf("%s%s%s", r->options.title, *issue ? " " : "", issue);
  jd_xml_element(w, "dc:title", title);
  const char *author = r->options.author && *r->options.author ? r->options.author
                                                                 : r->options.organisation;
  if (author && *author) jd_xml_element(w, "dc:creator", author);
  if (r->options.subject && *r->options.subject) jd_xml_element(w, "dc:subject", r->options.subject);
  if (r->options.date && *r->options.date) {
    g_autofree char *when = g_strdup_printf("%sT00:00:00Z", r->options.date);
    jd_xml_start(w, "dcterms:created", "xsi:type", "dcterms:W3CDTF", NULL);
    jd_xml_text(w, when);
    jd_xml_end(w);
  }
  jd_xml_end(w);
  jd_xml_finish(w);
  return buf;
}

static GPtrArray *line_list(const char *const *lines, size_t n)
{
  GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
  for (size_t i = 0; i < n; i++) g_ptr_array_add(a, g_strdup(lines[i]));
  return a;
}

GBytes *jd_report_render_docx(const jd_report *r, GError **error)
{
  docx d = {.r = r};
  d.pkg = jd_zip_package_new(error);
  if (!d.pkg) return NULL;
  static const char *const doc_rels[] = {"rId1\tstyles\tstyles.xml", "rId3\tfooter\tfooter1.xml"};
  d.rel_list = line_list(doc_rels, G_N_ELEMENTS(doc_rels));
  static const char *const pkg_rels[] = {
      "rId1\tofficeDocument\tword/document.xml",
      "rId2\thttp://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\tdocProps/core.xml"};
  GPtrArray *top = line_list(pkg_rels, G_N_ELEMENTS(pkg_rels));
  jd_zip_package_add_xml(d.pkg, "[Content_Types].xml", content_types_xml(), NULL);
  jd_zip_package_add_xml(d.pkg, "_rels/.rels", rels_xml(top), NULL);
  g_ptr_array_unref(top);
  xmlBufferPtr body = document_xml(&d);
  gboolean ok = !d.error;
  if (ok)
    ok = jd_zip_package_add_xml(d.pkg, "word/document.xml", body, &d.error);
  else
    xmlBufferFree(body);
  ok = ok && jd_zip_package_add_xml(d.pkg, "word/_rels/document.xml.rels", rels_xml(d.rel_list), &d.error);
  ok = ok && jd_zip_package_add_xml(d.pkg, "word/styles.xml", styles_xml(), &d.error);
  ok = ok && jd_zip_package_add_xml(d.pkg, "word/footer1.xml", footer_xml(), &d.error);
  ok = ok && jd_zip_package_add_xml(d.pkg, "docProps/core.xml", jd_ooxml_core_xml(r), &d.error);
  g_ptr_array_unref(d.rel_list);
  if (!ok) {
    jd_zip_package_free(d.pkg);
    g_propagate_error(error, d.error);
    return NULL;
  }
  return jd_zip_package_finish(d.pkg, error);
}
