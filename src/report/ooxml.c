/* Helpers of the editable briefings: the zip package (libzip, in memory),
 * XML parts (libxml2 xmlTextWriter), the GB/T 9704 faces and the pieces of
 * content the PDF, DOCX, PPTX and HTML briefings say alike. */
#include <math.h>
#include <string.h>
#include <zip.h>

#include "jindu/plot.h"
#include "report/ooxml.h"

/* ------------------------------------------------------------ package */

struct jd_zip_package {
  zip_source_t *source; /* the archive's bytes */
  zip_t *zip;
  GPtrArray *keep;      /* GBytes the archive reads on close */
};

static void zip_fail(GError **error, const char *what, zip_error_t *ze)
{
  g_set_error(error, JD_REPORT_ERROR, JD_REPORT_ERROR_RENDER, "%s: %s", what,
              ze ? zip_error_strerror(ze) : "out of memory");
}

jd_zip_package *jd_zip_package_new(GError **error)
{
  zip_error_t ze;
  zip_error_init(&ze);
  jd_zip_package *p = g_new0(jd_zip_package, 1);
  p->keep = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
  p->source = zip_source_buffer_create(NULL, 0, 0, &ze);
  if (p->source) {
    zip_source_keep(p->source);
    p->zip = zip_open_from_source(p->source, ZIP_TRUNCATE, &ze);
  }
  if (!p->zip) {
    if (p->source) zip_source_free(p->source); /* the reference zip_open did not take */
    zip_fail(error, "the package could not be started", &ze);
    zip_error_fini(&ze);
    jd_zip_package_free(p);
    return NULL;
  }
  zip_error_fini(&ze);
  return p;
}

gboolean jd_zip_package_add(jd_zip_package *p, const char *name, GBytes *bytes, GError **error)
{
  gsize len;
  const void *data = g_bytes_get_data(bytes, &len);
  g_ptr_array_add(p->keep, g_bytes_ref(bytes));
  zip_source_t *s = zip_source_buffer(p->zip, data, len, 0);
  zip_int64_t i = s ? zip_file_add(p->zip, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) : -1;
  if (i < 0) {
    if (s) zip_source_free(s);
    zip_fail(error, name, zip_get_error(p->zip));
    return FALSE;
  }
  /* a fixed time (1980-01-01) keeps the package reproducible */
  zip_file_set_dostime(p->zip, (zip_uint64_t)i, 0, (1 << 5) | 1, 0);
  /* pictures are compressed already */
  if (g_str_has_suffix(name, ".png")) zip_set_file_compression(p->zip, (zip_uint64_t)i, ZIP_CM_STORE, 0);
  return TRUE;
}

gboolean jd_zip_package_add_xml(jd_zip_package *p, const char *name, xmlBufferPtr buf,
                                GError **error)
{
  GBytes *b = g_bytes_new(xmlBufferContent(buf), (gsize)xmlBufferLength(buf));
  xmlBufferFree(buf);
  gboolean ok = jd_zip_package_add(p, name, b, error);
  g_bytes_unref(b);
  return ok;
}

void jd_zip_package_free(jd_zip_package *p)
{
  if (!p) return;
  if (p->zip) zip_discard(p->zip);
  if (p->source) zip_source_free(p->source);
  g_ptr_array_unref(p->keep);
  g_free(p);
}

GBytes *jd_zip_package_finish(jd_zip_package *p, GError **error)
{
  GBytes *out = NULL;
  if (zip_close(p->zip) != 0) {
    zip_fail(error, "the package could not be written", zip_get_error(p->zip));
    jd_zip_package_free(p);
    return NULL;
  }
  p->zip = NULL;
  zip_stat_t st;
  if (zip_source_stat(p->source, &st) == 0 && zip_source_open(p->source) == 0) {
    GByteArray *a = g_byte_array_sized_new((guint)st.size);
    g_byte_array_set_size(a, (guint)st.size);
    zip_int64_t n = zip_source_read(p->source, a->data, st.size);
    zip_source_close(p->source);
    if (n == (zip_int64_t)st.size)
      out = g_byte_array_free_to_bytes(a);
    else
      g_byte_array_unref(a);
  }
  if (!out) zip_fail(error, "the package could not be read back", zip_source_error(p->source));
  jd_zip_package_free(p);
  return out;
}

/* ------------------------------------------------------------ XML */

xmlTextWriterPtr jd_xml_new(xmlBufferPtr *buf)
{
  *buf = xmlBufferCreate();
  xmlTextWriterPtr w = xmlNewTextWriterMemory(*buf, 0);
  xmlTextWriterStartDocument(w, "1.0", "UTF-8", "yes");
  return w;
}

void jd_xml_finish(xmlTextWriterPtr w)
{
  xmlTextWriterEndDocument(w);
  xmlFreeTextWriter(w);
}

static void attributes(xmlTextWriterPtr w, const char *const *attrs)
{
  for (size_t i = 0; attrs[i]; i += 2)
    xmlTextWriterWriteAttribute(w, BAD_CAST attrs[i], BAD_CAST(attrs[i + 1] ? attrs[i + 1] : ""));
}

void jd_xml_start_v(xmlTextWriterPtr w, const char *name, const char *const *attrs)
{
  xmlTextWriterStartElement(w, BAD_CAST name);
  attributes(w, attrs);
}

void jd_xml_empty_v(xmlTextWriterPtr w, const char *name, const char *const *attrs)
{
  xmlTextWriterStartElement(w, BAD_CAST name);
  attributes(w, attrs);
  xmlTextWriterEndElement(w);
}

void jd_xml_end(xmlTextWriterPtr w) { xmlTextWriterEndElement(w); }
void jd_xml_text(xmlTextWriterPtr w, const char *text) { xmlTextWriterWriteString(w, BAD_CAST text); }
void jd_xml_element(xmlTextWriterPtr w, const char *name, const char *text)
{
  xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST(text ? text : ""));
}

/* ------------------------------------------------------------ GB/T 9704 */

/* 2号 22pt, 3号 16pt, 4号 14pt, 5号 10.5pt. The masthead (发文机关标志) is
 * not sized by the standard; 36pt keeps the title on one line. */
static const jd_face faces[JD_FACE_N] = {
    [JD_FACE_MASTHEAD] = {"Masthead", "版头", "方正小标宋简体", "Times New Roman", 36, FALSE},
    [JD_FACE_TITLE] = {"Title", "Title", "方正小标宋简体", "Times New Roman", 22, FALSE},
    [JD_FACE_BODY] = {"Normal", "Normal", "仿宋_GB2312", "Times New Roman", 16, FALSE},
    [JD_FACE_HEADING1] = {"Heading1", "heading 1", "黑体", "Times New Roman", 16, FALSE},
    [JD_FACE_HEADING2] = {"Heading2", "heading 2", "楷体_GB2312", "Times New Roman", 16, FALSE},
    [JD_FACE_TABLE] = {"TableText", "表格文字", "仿宋_GB2312", "Times New Roman", 10.5, FALSE},
    [JD_FACE_NOTE] = {"Note", "注释", "仿宋_GB2312", "Times New Roman", 12, FALSE},
    [JD_FACE_PAGE] = {"Footer", "footer", "宋体", "Times New Roman", 14, FALSE},
};

static const char *const css[JD_FACE_N] = {
    [JD_FACE_MASTHEAD] = "'方正小标宋简体', 'FZXiaoBiaoSong-B05S', 'Noto Serif CJK SC', 'AR PL UMing CN', serif",
    [JD_FACE_TITLE] = "'方正小标宋简体', 'FZXiaoBiaoSong-B05S', 'Noto Serif CJK SC', 'AR PL UMing CN', serif",
    [JD_FACE_BODY] = "'仿宋_GB2312', '仿宋', FangSong, STFangsong, 'Noto Serif CJK SC', serif",
    [JD_FACE_HEADING1] = "'黑体', SimHei, STHeiti, 'Noto Sans CJK SC', sans-serif",
    [JD_FACE_HEADING2] = "'楷体_GB2312', '楷体', KaiTi, STKaiti, 'AR PL UKai CN', serif",
    [JD_FACE_TABLE] = "'仿宋_GB2312', '仿宋', FangSong, 'Noto Serif CJK SC', serif",
    [JD_FACE_NOTE] = "'仿宋_GB2312', '仿宋', FangSong, 'Noto Serif CJK SC', serif",
    [JD_FACE_PAGE] = "'宋体', SimSun, 'Noto Serif CJK SC', serif",
};

const jd_face *jd_face_get(jd_face_role role) { return &faces[role]; }
const char *jd_face_css(jd_face_role role) { return css[role]; }

/* ------------------------------------------------------------ content */

GBytes *jd_report_office_chart(const jd_report *r, const jd_report_section *s, double w,
                               double h, double scale, jd_chart_format format, GError **error)
{
  jd_chart *c = jd_report_section_chart(r, s, error);
  if (!c) return NULL;
  jd_chart_size size = {w, h, scale};
  jd_chart_set_size(c, &size);
  /* a wide, low chart on the page: text sized for the width, as in the PDF */
  /* a ranking of many regions in a box lower than it wants: the text a
   * size smaller, so that every row keeps its name */
  double want = jd_report_chart_height(s, w, INFINITY);
  jd_chart_set_font_scale(c, 0.6 * w / 471.0 * fmin(1, h / want));
  GBytes *out = jd_chart_render_bytes(c, format, error);
  jd_chart_free(c);
  return out;
}

char *jd_report_data_line(const jd_report_section *s)
{
  GString *t = g_string_new("图中数据：");
  for (guint i = 0; i < s->points->len; i++) {
    const jd_report_point *pt = s->points->pdata[i];
    g_autofree char *v = jd_report_format_value(pt->value, pt->qualifier, s->unit, s->scale,
                                                s->percent);
    if (i) g_string_append(t, "；");
    g_string_append_printf(t, "%s %s%s", pt->label, v, pt->implied ? "（推算）" : "");
    if (pt->source) g_string_append_printf(t, " [%d]", pt->source);
  }
  return g_string_free(t, FALSE);
}

char *jd_report_date_chinese(const jd_report *r)
{
  int y, m, d;
  if (!r->options.date || !jd_report_parse_date(r->options.date, &y, &m, &d)) return g_strdup("");
  return g_strdup_printf("%d年%d月%d日", y, m, d);
}

char *jd_report_issue_text(const jd_report *r)
{
  return r->options.issue > 0 ? g_strdup_printf("第%d期", r->options.issue) : g_strdup("");
}

char *jd_report_section_heading(const jd_report *r, size_t i)
{
  g_autofree char *ord = jd_numeral_to_chinese((guint)i + 1);
  if (i >= r->sections->len) return g_strdup_printf("%s、其他数据", ord);
  const jd_report_section *s = r->sections->pdata[i];
  return g_strdup_printf("%s、%s%s", ord, s->region, s->title);
}

void jd_report_kpi_cells(const jd_report_kpi *k, char **cells)
{
  cells[0] = g_strdup(k->title);
  const jd_report_point *last = k->points->len ? k->points->pdata[k->points->len - 1] : NULL;
  cells[1] = last ? jd_report_format_value(last->value, last->qualifier, k->unit, k->scale,
                                           k->percent)
                  : g_strdup("—");
  if (isnan(k->change)) {
    cells[2] = g_strdup("—");
  } else {
    const char *sign = k->change > 0 ? "+" : k->change < 0 ? "−" : "";
    double a = fabs(k->change);
    if (k->change_kind == JD_KIND_CHANGE_PP)
      cells[2] = g_strdup_printf("%s%s%.1f个百分点", k->change_label, sign, a);
    else if (k->change_kind == JD_KIND_CHANGE_ABS)
      cells[2] = g_strdup_printf("%s%s%g", k->change_label, sign, a / k->scale);
    else
      cells[2] = g_strdup_printf("%s%s%.1f%%", k->change_label, sign, a);
  }
  cells[3] = g_strdup(k->caption);
}

const char *const jd_source_headers[JD_SOURCE_COLS] = {"序号", "指标", "地区", "时期",
                                                       "数值", "出处", "原文"};

void jd_report_source_cells(const jd_report_source *s, char **cells)
{
  cells[0] = g_strdup_printf("%d", s->no);
  cells[1] = g_strdup(s->metric);
  cells[2] = g_strdup(s->region);
  cells[3] = !*s->period || strcmp(s->period, "unknown") == 0 ? g_strdup("不详")
                                                               : jd_plot_period_label(s->period);
  cells[4] = g_strdup(s->value);
  cells[5] = g_strdup_printf("%s:%u", s->doc, s->line);
  cells[6] = g_strdup(s->quote);
}

static gint source_order(gconstpointer pa, gconstpointer pb)
{
  const jd_report_source *a = *(const jd_report_source *const *)pa;
  const jd_report_source *b = *(const jd_report_source *const *)pb;
  int c = strcmp(a->doc, b->doc);
  if (c) return c;
  if (a->line != b->line) return a->line < b->line ? -1 : 1;
  return a->no < b->no ? -1 : a->no > b->no;
}

GPtrArray *jd_report_sources_in_order(const jd_report *r)
{
  GPtrArray *rows = g_ptr_array_new();
  for (guint i = 0; i < r->sources->len; i++) g_ptr_array_add(rows, r->sources->pdata[i]);
  g_ptr_array_sort(rows, source_order);
  return rows;
}

char *jd_report_audit_intro(const jd_report *r)
{
  if (r->findings->len == 0) return g_strdup("本期数据未发现需要说明的问题。");
  return g_strdup_printf(
      "以下逐项列出对文件所载数字的核查：百分比与其所依据的数量是否相符、同比变化与前后两期数值是否一致、"
      "约数背后可能的准确数值，以及由变化幅度推算的上期数值。共%u项，其中需要注意的%zu项列在前面；"
      "方括号中的编号对应附件二的数据来源。",
      r->findings->len, r->warnings);
}

char *jd_report_finding_head(const jd_report_finding *f, size_t no)
{
  if (f->severity < 2)
    return g_strdup_printf("%zu. 【%s】%s %s：%s", no, f->severity_zh, f->title, f->about,
                           f->arithmetic);
  return g_strdup_printf("%zu. 【%s】%s  %s", no, f->severity_zh, f->title, f->about);
}

char *jd_report_finding_sources(const jd_report_finding *f)
{
  if (!f->sources->len) return g_strdup("");
  GString *t = g_string_new("来源：");
  for (guint k = 0; k < f->sources->len; k++)
    g_string_append_printf(t, "%s[%d]", k ? " " : "", g_array_index(f->sources, int, k));
  return g_string_free(t, FALSE);
}

char *jd_report_sources_intro(const jd_report *r)
{
  return g_strdup_printf(
      "本期引用的全部%u项数据，按文件和行号排列；“出处”为文件名和行号，“原文”为规范化后的原句。",
      r->sources->len);
}
