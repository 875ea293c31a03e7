/* Tests of the editable outputs, each opened by an independent reader: the
 * workbook (.xlsx) converted sheet by sheet to CSV by LibreOffice headless
 * (values, formats, headers) and its sheet XML read for the frozen header
 * and the filter; the Chinese CSV re-read; the Word briefing (.docx)
 * converted to PDF by LibreOffice and its text compared with the PDF
 * briefing's text (poppler); the web page (.html) loaded by headless
 * Chromium (text, no console errors, a screenshot); the slides (.pptx)
 * through LibreOffice Impress; an unknown extension refused. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <cairo.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <poppler.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

#include "jindu/build.h"
#include "jindu/chart.h"
#include "jindu/jindu.h"
#include "jindu/report-formats.h"
#include "jindu/text.h"
#include "render/fonts.h"
#include "report/report-private.h"
#include "testutil.h"

/* ------------------------------------------------------------ tools */

/* Runs argv with HOME set to home; returns the exit status, *err the
 * standard error (may be NULL). */
static int run_tool(const char *const *argv, const char *home, char **out, char **err)
{
  GSubprocessLauncher *l = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                     G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (home) g_subprocess_launcher_setenv(l, "HOME", home, TRUE);
  GError *e = NULL;
  GSubprocess *p = g_subprocess_launcher_spawnv(l, argv, &e);
  g_object_unref(l);
  if (!p) g_error("%s: %s — install it (scripts/setup.sh)", argv[0], e->message);
  char *o = NULL, *x = NULL;
  g_subprocess_communicate_utf8(p, NULL, NULL, &o, &x, &e);
  g_assert_no_error(e);
  int status = g_subprocess_get_exit_status(p);
  g_object_unref(p);
  if (out) *out = o; else g_free(o);
  if (err) *err = x; else g_free(x);
  return status;
}

/* LibreOffice headless with its own profile in dir (so tests may run side
 * by side): converts in to filter into dir. */
static void soffice(const char *dir, const char *in, const char *filter)
{
  g_autofree char *profile = g_strdup_printf("-env:UserInstallation=file://%s/lo-profile", dir);
  const char *argv[] = {"soffice", profile, "--headless", "--convert-to", filter, "--outdir", dir,
                        in, NULL};
  g_autofree char *err = NULL;
  int status = run_tool(argv, dir, NULL, &err);
  if (status != 0) g_error("soffice failed (%d): %s", status, err);
}

/* The text of a PDF file with every blank removed. */
static char *pdf_text(const char *path)
{
  GError *e = NULL;
  g_autofree char *uri = g_filename_to_uri(path, NULL, &e);
  g_assert_no_error(e);
  PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, &e);
  g_assert_no_error(e);
  GString *s = g_string_new(NULL);
  for (int i = 0; i < poppler_document_get_n_pages(doc); i++) {
    PopplerPage *p = poppler_document_get_page(doc, i);
    g_autofree char *t = poppler_page_get_text(p);
    for (const char *c = t; *c; c = g_utf8_next_char(c))
      if (!g_unichar_isspace(g_utf8_get_char(c))) g_string_append_unichar(s, g_utf8_get_char(c));
    g_object_unref(p);
  }
  g_object_unref(doc);
  return g_string_free(s, FALSE);
}

static char *squeeze(const char *text)
{
  GString *s = g_string_new(NULL);
  for (const char *c = text; *c; c = g_utf8_next_char(c))
    if (!g_unichar_isspace(g_utf8_get_char(c))) g_string_append_unichar(s, g_utf8_get_char(c));
  return g_string_free(s, FALSE);
}

/* Removes page furniture (— 3 —, the running header) from squeezed text. */
static char *strip_furniture(const char *text, const char *header)
{
  GRegex *re = g_regex_new("—\\d+—", 0, 0, NULL);
  char *a = g_regex_replace_literal(re, text, -1, 0, "", 0, NULL);
  g_regex_unref(re);
  if (header && *header) {
    g_auto(GStrv) parts = g_strsplit(a, header, -1);
    g_free(a);
    a = g_strjoinv("", parts);
  }
  return a;
}

/* text without the clause punctuation ，、；： : LibreOffice hangs a comma at a
 * line's end in the margin, and poppler's text then loses it */
static char *unpunctuated(const char *text)
{
  GString *s = g_string_new(NULL);
  for (const char *c = text; *c; c = g_utf8_next_char(c)) {
    gunichar u = g_utf8_get_char(c);
    if (u != 0xFF0C && u != 0x3001 && u != 0xFF1B && u != 0xFF1A) g_string_append_unichar(s, u);
  }
  return g_string_free(s, FALSE);
}

static void assert_contains(const char *hay, const char *needle, const char *where)
{
  g_autofree char *n = squeeze(needle);
  g_autofree char *hay2 = unpunctuated(hay), *n2 = unpunctuated(n);
  if (*n && !strstr(hay, n) && !strstr(hay2, n2)) {
    fprintf(stderr, "%s lacks: %s\n", where, needle); /* as UTF-8, whatever the locale */
    g_test_fail();
  }
}

/* ------------------------------------------------------------ the sample */

static jd_figure_table *sample_figures(void)
{
  g_autofree char *dir = jd_test_source_path("data/corpus");
  g_autofree char *ov = jd_test_source_path("data/overrides.csv");
  const char *paths[] = {dir};
  GError *err = NULL;
  GPtrArray *docs = jd_inputs_collect(paths, 1, &err);
  g_assert_no_error(err);
  const char *ovs[] = {ov, NULL};
  jd_figure_table *t = jd_figure_table_new();
  g_assert_true(jd_build_load_figures((const char *const *)docs->pdata, docs->len, NULL, ovs, 0,
                                      t, NULL, &err));
  g_ptr_array_unref(docs);
  return t;
}

static jd_report *sample_report(jd_figure_table **figures)
{
  *figures = sample_figures();
  jd_report_options o;
  jd_report_options_init(&o);
  o.issue = 3;
  o.organisation = g_strdup("测试编辑部");
  o.date = g_strdup("2023-06-30");
  o.region = g_strdup("全国");
  GError *err = NULL;
  jd_report *r = jd_report_new(*figures, &o, &err);
  g_assert_no_error(err);
  jd_report_options_clear(&o);
  return r;
}

static void write_bytes(const char *path, GBytes *b)
{
  GError *err = NULL;
  gsize len;
  const void *data = g_bytes_get_data(b, &len);
  g_assert_true(g_file_set_contents(path, data, (gssize)len, &err));
}

/* What the PDF and any other form of the briefing must both say: the
 * headings, every paragraph of every narrative, the audit's entries and
 * (when tables is not NULL: the text of the tables, cell by cell) every
 * quote of the sources table. */
static void assert_same_text(const jd_report *r, const char *pdf, const char *other,
                             const char *tables, const char *what)
{
  for (guint i = 0; i < r->sections->len; i++) {
    const jd_report_section *s = r->sections->pdata[i];
    g_auto(GStrv) paras = g_strsplit(s->narrative, "\n", -1);
    for (char **p = paras; *p; p++) {
      assert_contains(pdf, *p, "the PDF");
      assert_contains(other, *p, what);
    }
    assert_contains(pdf, s->title, "the PDF");
    assert_contains(other, s->title, what);
  }
  for (guint i = 0; i < r->findings->len; i++) {
    const jd_report_finding *f = r->findings->pdata[i];
    if (f->severity >= 2) {
      assert_contains(pdf, f->explanation, "the PDF");
      assert_contains(other, f->explanation, what);
    }
    assert_contains(other, f->title, what);
  }
  for (guint i = 0; i < r->sources->len; i++) {
    const jd_report_source *s = r->sources->pdata[i];
    /* (the PDF's own table is checked cell by cell in test_report.c) */
    assert_contains(tables ? tables : other, s->quote, what);
  }
  for (const char *h = "本期摘要\0附件一\0数据核查\0附件二\0数据来源\0"; *h; h += strlen(h) + 1)
    assert_contains(other, h, what);
}

/* ------------------------------------------------------------ report: dispatch */

static void test_unknown_extension(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *corpus = jd_test_source_path("data/corpus");
  g_autofree char *out = g_build_filename(dir, "b.doc", NULL);
  const char *argv[] = {"report", corpus, "-o", out, NULL};
  g_autofree char *err = NULL;
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, NULL, &err), ==, 2);
  g_assert_nonnull(strstr(err, ".docx"));
  g_assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
  jd_report_format f;
  g_assert_true(jd_report_format_from_path("简报.DOCX", &f) && f == JD_REPORT_DOCX);
  g_assert_true(jd_report_format_from_path("a/b.htm", &f) && f == JD_REPORT_HTML);
  g_assert_false(jd_report_format_from_path("a.b/c", &f));
  jd_test_rm_rf(dir);
}

/* ------------------------------------------------------------ report: Word */

static void test_docx(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  jd_figure_table *t;
  jd_report *r = sample_report(&t);
  GError *err = NULL;
  GBytes *pdf = jd_report_render_as(r, JD_REPORT_PDF, NULL, &err);
  g_assert_no_error(err);
  GBytes *docx = jd_report_render_as(r, JD_REPORT_DOCX, NULL, &err);
  g_assert_no_error(err);
  /* the same report gives the same bytes */
  GBytes *again = jd_report_render_as(r, JD_REPORT_DOCX, NULL, &err);
  g_assert_true(g_bytes_equal(docx, again));
  g_bytes_unref(again);
  g_autofree char *pdf_path = g_build_filename(dir, "brief.pdf", NULL);
  g_autofree char *docx_path = g_build_filename(dir, "word.docx", NULL);
  write_bytes(pdf_path, pdf);
  write_bytes(docx_path, docx);
  soffice(dir, docx_path, "pdf");
  g_autofree char *converted = g_build_filename(dir, "word.pdf", NULL);
  g_assert_true(g_file_test(converted, G_FILE_TEST_EXISTS));
  g_autofree char *a = pdf_text(pdf_path), *b = pdf_text(converted);
  g_autofree char *a2 = strip_furniture(a, "禁毒工作简报第3期测试编辑部");
  g_autofree char *b2 = strip_furniture(b, NULL);
  /* a table's cells interleave line by line in a PDF's text: the tables are
   * compared in LibreOffice's plain-text export of the same file */
  soffice(dir, docx_path, "txt:Text (encoded):UTF8");
  g_autofree char *txt_path = g_build_filename(dir, "word.txt", NULL);
  g_autofree char *txt = jd_test_read_file(txt_path, NULL);
  g_autofree char *tables = squeeze(txt);
  assert_same_text(r, a2, b2, tables, "the DOCX");
  /* masthead, KPI table, page numbers in the footer */
  g_assert_nonnull(strstr(b, "禁毒工作简报"));
  g_assert_nonnull(strstr(b, "第3期"));
  g_assert_nonnull(strstr(b, "2023年6月30日"));
  g_assert_nonnull(strstr(b, "最近数值"));
  g_assert_nonnull(strstr(b, "—2—"));
  /* a real table: the sources' header is a table row in the XML */
  zip_t *z = zip_open(docx_path, ZIP_RDONLY, NULL);
  g_assert_nonnull(z);
  g_assert_cmpint(zip_name_locate(z, "word/media/01-cases_solved.png", 0), >=, 0);
  g_assert_cmpint(zip_name_locate(z, "word/media/01-cases_solved.svg", 0), >=, 0);
  zip_close(z);
  g_bytes_unref(pdf);
  g_bytes_unref(docx);
  jd_report_free(r);
  jd_figure_table_free(t);
  jd_test_rm_rf(dir);
}

/* ------------------------------------------------------------ workbook */

/* Sheet name of the workbook converted to CSV by LibreOffice: DIR/STEM-NAME.csv. */
static char *sheet_csv(const char *dir, const char *stem, const char *sheet)
{
  g_autofree char *name = g_strdup_printf("%s-%s.csv", stem, sheet);
  g_autofree char *path = g_build_filename(dir, name, NULL);
  return jd_test_read_file(path, NULL);
}

/* Every sheet as CSV, cells as shown (千分位, %). */
static void xlsx_to_csv(const char *dir, const char *xlsx)
{
  soffice(dir, xlsx, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1");
}

/* The sheet's XML (an independent zip reader), for what CSV does not show. */
static char *sheet_xml(const char *xlsx, int n)
{
  zip_t *z = zip_open(xlsx, ZIP_RDONLY, NULL);
  g_assert_nonnull(z);
  g_autofree char *name = g_strdup_printf("xl/worksheets/sheet%d.xml", n);
  zip_stat_t st;
  g_assert_cmpint(zip_stat(z, name, 0, &st), ==, 0);
  zip_file_t *f = zip_fopen(z, name, 0);
  char *data = g_malloc0(st.size + 1);
  g_assert_cmpint(zip_fread(f, data, st.size), ==, (zip_int64_t)st.size);
  zip_fclose(f);
  zip_close(z);
  return data;
}

static void test_xlsx_analyze(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *corpus = jd_test_source_path("data/corpus");
  g_autofree char *out = g_build_filename(dir, "数据.xlsx", NULL);
  const char *argv[] = {"analyze", "--format", "xlsx", "-o", out, corpus, NULL};
  g_autofree char *err = NULL;
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, NULL, &err), ==, 0);
  xlsx_to_csv(dir, out);
  g_autofree char *fig = sheet_csv(dir, "数据", "指标数据");
  g_autofree char *ser = sheet_csv(dir, "数据", "时间序列");
  g_autofree char *aud = sheet_csv(dir, "数据", "核查结果");
  g_autofree char *src = sheet_csv(dir, "数据", "来源");
  /* Chinese headers, ids last */
  g_assert_true(g_str_has_prefix(fig, "序号,指标,范围,毒品,地区,时期,数值,单位,约数,类型,"));
  g_assert_nonnull(strstr(fig, ",metric,drug,period,span,unit,qualifier,kind"));
  g_assert_true(g_str_has_prefix(ser, "指标,范围,毒品,地区,时期,数值,"));
  g_assert_true(g_str_has_prefix(aud, "序号,级别,核查项目,"));
  g_assert_true(g_str_has_prefix(src, "序号,文件,数据条数,"));
  /* numbers with 千分位, qualifiers in words, names with their ids */
  g_assert_nonnull(strstr(fig, "破获毒品案件,,,全国,2019年,\"83,000\",起,,数量,"));
  g_assert_nonnull(strstr(fig, "破获毒品案件,,,甘肃省,2019年,\"1,480\",起,多,数量,"));
  g_assert_nonnull(strstr(fig, ",cases_solved,,2019,year,case,more_than,level"));
  g_assert_nonnull(strstr(fig, "戒毒康复巩固率,,,甘肃省,2019年,45%,%,多,比率,"));
  g_assert_nonnull(strstr(ser, "破获毒品案件,,,全国,2016年,\"140,000\",起,,文件所载,\"-25,000\",-15.2%"));
  g_assert_nonnull(strstr(aud, ",错误,占比与数值不符,"));
  /* frozen header row and a filter on every sheet */
  for (int n = 1; n <= 4; n++) {
    g_autofree char *xml = sheet_xml(out, n);
    g_assert_nonnull(strstr(xml, "ySplit=\"1\""));
    g_assert_nonnull(strstr(xml, "<autoFilter "));
    g_assert_nonnull(strstr(xml, "<col "));
  }
  jd_test_rm_rf(dir);
}

static void test_xlsx_extract_and_csv_zh(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *doc = jd_test_source_path("data/corpus/04-quanguo-2019.txt");
  g_autofree char *out = g_build_filename(dir, "ex.xlsx", NULL);
  const char *argv[] = {"extract", "--format", "xlsx", "-o", out, doc, NULL};
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, NULL, NULL), ==, 0);
  xlsx_to_csv(dir, out);
  g_autofree char *fig = sheet_csv(dir, "ex", "指标数据");
  g_autofree char *src = sheet_csv(dir, "ex", "来源");
  g_assert_nonnull(strstr(src, "04-quanguo-2019.txt"));
  g_assert_null(strstr(fig, "时间序列")); /* no analysis: two sheets */
  const char *nosheet = "ex-时间序列.csv";
  g_autofree char *np = g_build_filename(dir, nosheet, NULL);
  g_assert_false(g_file_test(np, G_FILE_TEST_EXISTS));

  /* --headers zh: the same rows as the default CSV, Chinese headers and names */
  const char *en_argv[] = {"extract", doc, NULL};
  const char *zh_argv[] = {"extract", "--headers", "zh", doc, NULL};
  g_autofree char *en = NULL, *zh = NULL;
  g_assert_cmpint(jd_test_run_cli(en_argv, NULL, NULL, &en, NULL), ==, 0);
  g_assert_cmpint(jd_test_run_cli(zh_argv, NULL, NULL, &zh, NULL), ==, 0);
  g_assert_true(g_str_has_prefix(zh, "序号,指标,"));
  g_assert_nonnull(strstr(zh, "破获毒品案件"));
  g_assert_nonnull(strstr(zh, ",各类毒品,"));
  g_auto(GStrv) en_lines = g_strsplit(en, "\r\n", -1), zh_lines = g_strsplit(zh, "\r\n", -1);
  g_assert_cmpuint(g_strv_length(en_lines), ==, g_strv_length(zh_lines));
  /* the workbook's figures sheet has as many rows too */
  g_auto(GStrv) xl_lines = g_strsplit(fig, "\n", -1);
  g_assert_cmpuint(g_strv_length(xl_lines), ==, g_strv_length(zh_lines));
  const char *bad[] = {"extract", "--headers", "fr", doc, NULL};
  g_assert_cmpint(jd_test_run_cli(bad, NULL, NULL, NULL, NULL), ==, 2);
  const char *no_o[] = {"extract", "--format", "xlsx", doc, NULL};
  g_assert_cmpint(jd_test_run_cli(no_o, NULL, NULL, NULL, NULL), ==, 2);
  jd_test_rm_rf(dir);
}

/* ------------------------------------------------------------ report: web page */

/* The text content of an HTML document (libxml2's HTML parser), squeezed. */
static char *html_text(const char *html)
{
  htmlDocPtr doc = htmlReadMemory(html, (int)strlen(html), "dom.html", "UTF-8",
                                  HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  g_assert_nonnull(doc);
  xmlChar *t = xmlNodeGetContent(xmlDocGetRootElement(doc));
  char *s = squeeze((const char *)t);
  xmlFree(t);
  xmlFreeDoc(doc);
  return s;
}

static void test_html(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  jd_figure_table *t;
  jd_report *r = sample_report(&t);
  GError *err = NULL;
  GBytes *pdf = jd_report_render_as(r, JD_REPORT_PDF, NULL, &err);
  g_assert_no_error(err);
  GBytes *html = jd_report_render_as(r, JD_REPORT_HTML, NULL, &err);
  g_assert_no_error(err);
  g_autofree char *pdf_path = g_build_filename(dir, "brief.pdf", NULL);
  g_autofree char *html_path = g_build_filename(dir, "page.html", NULL);
  g_autofree char *png_path = g_build_filename(dir, "page.png", NULL);
  write_bytes(pdf_path, pdf);
  write_bytes(html_path, html);
  g_autofree char *uri = g_filename_to_uri(html_path, NULL, NULL);
  g_autofree char *profile = g_strdup_printf("--user-data-dir=%s/chromium", dir);
  g_autofree char *shot = g_strdup_printf("--screenshot=%s", png_path);
  /* the DOM as Chromium built it, and what its console said */
  const char *dump[] = {"chromium", "--headless", "--no-sandbox", "--disable-gpu", profile,
                        "--enable-logging=stderr", "--v=0", "--dump-dom", uri, NULL};
  g_autofree char *dom = NULL, *log = NULL;
  g_assert_cmpint(run_tool(dump, dir, &dom, &log), ==, 0);
  if (strstr(log, "CONSOLE")) g_error("console messages: %s", log);
  g_assert_nonnull(strstr(dom, "<svg"));
  g_autofree char *text = html_text(dom);
  g_autofree char *a = pdf_text(pdf_path);
  g_autofree char *a2 = strip_furniture(a, "禁毒工作简报第3期测试编辑部");
  assert_same_text(r, a2, text, NULL, "the web page");
  g_assert_nonnull(strstr(text, "第3期"));
  g_assert_nonnull(strstr(text, "2023年6月30日"));
  /* and a picture of it */
  const char *snap[] = {"chromium", "--headless", "--no-sandbox", "--disable-gpu", profile,
                        "--window-size=1000,2000", "--hide-scrollbars", shot, uri, NULL};
  g_assert_cmpint(run_tool(snap, dir, NULL, NULL), ==, 0);
  cairo_surface_t *png = cairo_image_surface_create_from_png(png_path);
  g_assert_cmpint(cairo_surface_status(png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint(cairo_image_surface_get_width(png), ==, 1000);
  cairo_surface_destroy(png);
  g_bytes_unref(pdf);
  g_bytes_unref(html);
  jd_report_free(r);
  jd_figure_table_free(t);
  jd_test_rm_rf(dir);
}

/* ------------------------------------------------------------ SVG charts */

static void count_text(xmlNodePtr n, int *texts, GString *all)
{
  for (; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "text") == 0) {
      (*texts)++;
      xmlChar *c = xmlNodeGetContent(n);
      g_string_append(all, (const char *)c);
      xmlFree(c);
      xmlChar *ff = xmlGetProp(n, BAD_CAST "font-family");
      g_assert_nonnull(ff);
      g_assert_nonnull(strstr((const char *)ff, "Noto Sans CJK SC"));
      xmlFree(ff);
    }
    count_text(n->children, texts, all);
  }
}

static void test_svg_text(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  jd_figure_table *t;
  jd_report *r = sample_report(&t);
  GError *err = NULL;
  GBytes *svg = jd_report_render_chart(r, 0, "svg", NULL, &err);
  g_assert_no_error(err);
  gsize len;
  const char *data = g_bytes_get_data(svg, &len);
  xmlDocPtr doc = xmlReadMemory(data, (int)len, "c.svg", NULL, XML_PARSE_NONET);
  g_assert_nonnull(doc);
  int texts = 0;
  GString *all = g_string_new(NULL);
  count_text(xmlDocGetRootElement(doc), &texts, all);
  xmlFreeDoc(doc);
  /* the title, the axis labels and the values are text a reader can search */
  const jd_report_section *s = r->sections->pdata[0];
  g_assert_cmpint(texts, >=, 10);
  g_assert_nonnull(strstr(all->str, s->title));
  g_assert_nonnull(strstr(all->str, "2015年"));
  g_string_free(all, TRUE);
  /* rsvg draws it: as wide as the chart */
  g_autofree char *svg_path = g_build_filename(dir, "c.svg", NULL);
  g_autofree char *png_path = g_build_filename(dir, "c.png", NULL);
  write_bytes(svg_path, svg);
  const char *rsvg[] = {"rsvg-convert", "-o", png_path, svg_path, NULL};
  g_assert_cmpint(run_tool(rsvg, dir, NULL, NULL), ==, 0);
  cairo_surface_t *png = cairo_image_surface_create_from_png(png_path);
  g_assert_cmpint(cairo_surface_status(png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint(cairo_image_surface_get_width(png), >=, 960);
  cairo_surface_destroy(png);
  /* outlines on request: no text elements */
  struct jd_chart *c = jd_report_section_chart(r, s, &err);
  GBytes *outl = jd_chart_render_bytes(c, JD_CHART_SVG_OUTLINES, &err);
  g_assert_no_error(err);
  g_autofree char *o = g_strndup(g_bytes_get_data(outl, NULL), g_bytes_get_size(outl));
  g_assert_null(strstr(o, "<text"));
  g_assert_nonnull(strstr(o, "<use"));
  jd_chart_free(c);
  g_bytes_unref(outl);
  g_bytes_unref(svg);
  jd_report_free(r);
  jd_figure_table_free(t);
  jd_test_rm_rf(dir);
}

/* ------------------------------------------------------------ report: slides */

/* The text of a part of a zip package, parsed as XML. Caller frees. */
static char *zip_part_text(const char *path, const char *name)
{
  zip_t *z = zip_open(path, ZIP_RDONLY, NULL);
  g_assert_nonnull(z);
  zip_stat_t st;
  g_assert_cmpint(zip_stat(z, name, 0, &st), ==, 0);
  zip_file_t *f = zip_fopen(z, name, 0);
  g_autofree char *data = g_malloc0(st.size + 1);
  g_assert_cmpint(zip_fread(f, data, st.size), ==, (zip_int64_t)st.size);
  zip_fclose(f);
  zip_close(z);
  xmlDocPtr doc = xmlReadMemory(data, (int)st.size, name, NULL, XML_PARSE_NONET);
  g_assert_nonnull(doc);
  xmlChar *t = xmlNodeGetContent(xmlDocGetRootElement(doc));
  char *out = squeeze((const char *)t);
  xmlFree(t);
  xmlFreeDoc(doc);
  return out;
}

static void test_pptx(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  jd_figure_table *t;
  jd_report *r = sample_report(&t);
  GError *err = NULL;
  size_t slides = 0;
  GBytes *pptx = jd_report_render_as(r, JD_REPORT_PPTX, &slides, &err);
  g_assert_no_error(err);
  g_assert_cmpuint(slides, ==, r->sections->len + 1);
  g_autofree char *path = g_build_filename(dir, "deck.pptx", NULL);
  write_bytes(path, pptx);
  soffice(dir, path, "pdf");
  g_autofree char *pdf_path = g_build_filename(dir, "deck.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri(pdf_path, NULL, NULL);
  PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, &err);
  g_assert_no_error(err);
  g_assert_cmpint(poppler_document_get_n_pages(doc), ==, (int)slides);
  g_object_unref(doc);
  g_autofree char *text = pdf_text(pdf_path);
  g_assert_nonnull(strstr(text, "禁毒工作简报"));
  g_assert_nonnull(strstr(text, "测试编辑部"));
  for (guint i = 0; i < r->sections->len; i++) {
    const jd_report_section *s = r->sections->pdata[i];
    /* the slide's title is the narrative's first sentence */
    g_autofree char *first = g_strndup(s->narrative, (gsize)(strstr(s->narrative, "。") - s->narrative));
    assert_contains(text, first, "the slides");
    /* the narrative is in the speaker notes */
    g_autofree char *name = g_strdup_printf("ppt/notesSlides/notesSlide%u.xml", i + 2);
    g_autofree char *notes = zip_part_text(path, name);
    g_auto(GStrv) paras = g_strsplit(s->narrative, "\n", -1);
    for (char **p = paras; *p; p++) assert_contains(notes, *p, "the speaker notes");
  }
  g_bytes_unref(pptx);
  jd_report_free(r);
  jd_figure_table_free(t);
  jd_test_rm_rf(dir);
}

/* ------------------------------------------------------------ the scheduled build */

static void test_build_all_formats(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *corpus = jd_test_source_path("data/corpus");
  g_autofree char *ini = g_build_filename(dir, "jindu.ini", NULL);
  g_autofree char *text = g_strdup_printf(
      "[input]\ndocuments=%s\n[output]\ndir=out\nreport=简报.pdf;简报.docx;简报.html;简报.pptx\n"
      "figures=figures.csv;数据.xlsx\ncharts=\n[report]\ndate=2023-06-30\n", corpus);
  g_assert_true(g_file_set_contents(ini, text, -1, NULL));
  const char *argv[] = {"build", "-c", ini, NULL};
  g_autofree char *err1 = NULL, *err2 = NULL, *err3 = NULL; /* the summary is on stdout */
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, &err1, NULL), ==, 0);
  if (!strstr(err1, "6 files written")) g_error("build: %s", err1);
  static const char *const names[] = {"简报.pdf", "简报.docx", "简报.html", "简报.pptx",
                                      "figures.csv", "数据.xlsx"};
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
    g_autofree char *p = g_build_filename(dir, "out", names[i], NULL);
    g_assert_true(g_file_test(p, G_FILE_TEST_IS_REGULAR));
  }
  /* nothing changed: nothing to do; forced: the same bytes, nothing written */
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, &err2, NULL), ==, 0);
  g_assert_nonnull(strstr(err2, "nothing to do"));
  const char *force[] = {"build", "-c", ini, "--force", NULL};
  g_assert_cmpint(jd_test_run_cli(force, NULL, NULL, &err3, NULL), ==, 0);
  g_assert_nonnull(strstr(err3, "0 files written, 6 unchanged"));
  /* an unknown kind of briefing is a configuration error naming the key */
  g_autofree char *bad = g_strdup_printf("[input]\ndocuments=%s\n[output]\ndir=out\nreport=简报.doc\n",
                                         corpus);
  g_assert_true(g_file_set_contents(ini, bad, -1, NULL));
  g_autofree char *err4 = NULL;
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, NULL, &err4), !=, 0);
  g_assert_nonnull(strstr(err4, "report"));
  g_assert_nonnull(strstr(err4, ".docx"));
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_fonts_init();
  g_test_add_func("/office/report/unknown-extension", test_unknown_extension);
  g_test_add_func("/office/xlsx/analyze", test_xlsx_analyze);
  g_test_add_func("/office/xlsx/extract-and-csv-zh", test_xlsx_extract_and_csv_zh);
  g_test_add_func("/office/docx/text-as-pdf", test_docx);
  g_test_add_func("/office/html/chromium", test_html);
  g_test_add_func("/office/pptx/impress", test_pptx);
  g_test_add_func("/office/svg/text", test_svg_text);
  g_test_add_func("/office/build/all-formats", test_build_all_formats);
  return g_test_run();
}
