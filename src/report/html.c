/* The briefing as one self-contained web page (.html) for an intranet: the
 * content of the PDF in its order, charts as inline SVG (ids prefixed per
 * chart so the pictures' glyphs and clips never collide), real tables, links
 * from data points and audit entries to their source rows, faces of GB/T
 * 9704 and a print stylesheet (A4, the standard's margins). Written with
 * libxml2's xmlTextWriter (all escaping is its own); the SVG is parsed and
 * re-serialised with libxml2. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "report/ooxml.h"

typedef struct {
  const jd_report *r;
  xmlTextWriterPtr w;
  GError *error;
} page;

/* Non-void elements always end with </name>: <td/> is no HTML. */
static void end(page *p) { xmlTextWriterFullEndElement(p->w); }

static void element(page *p, const char *name, const char *cls, const char *text)
{
  jd_xml_start(p->w, name, cls ? "class" : NULL, cls, NULL);
  jd_xml_text(p->w, text ? text : "");
  end(p);
}

static void paras(page *p, const char *cls, const char *text)
{
  g_auto(GStrv) lines = g_strsplit(text ? text : "", "\n", -1);
  for (char **l = lines; *l; l++)
    if (**l) element(p, "p", cls, *l);
}

/* " [n]" linking to source row n. */
static void source_link(page *p, int no)
{
  g_autofree char *href = g_strdup_printf("#src-%d", no);
  g_autofree char *label = g_strdup_printf("[%d]", no);
  jd_xml_text(p->w, " ");
  jd_xml_start(p->w, "a", "href", href, NULL);
  jd_xml_text(p->w, label);
  end(p);
}

/* ------------------------------------------------------------ inline SVG */

static void prefix_refs(xmlNodePtr n, const char *prefix)
{
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
      xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
      if (!v) continue;
      char *nv = NULL;
      const char *s = (const char *)v;
      if (strcmp((const char *)a->name, "id") == 0) {
        nv = g_strconcat(prefix, s, NULL);
      } else if (strcmp((const char *)a->name, "href") == 0 && s[0] == '#') {
        nv = g_strconcat("#", prefix, s + 1, NULL);
      } else if (strstr(s, "url(#")) {
        g_autofree char *with = g_strconcat("url(#", prefix, NULL);
        g_auto(GStrv) parts = g_strsplit(s, "url(#", -1);
        nv = g_strjoinv(with, parts);
      }
      if (nv) {
        xmlSetNsProp(n, a->ns, a->name, BAD_CAST nv);
        g_free(nv);
      }
      xmlFree(v);
    }
    prefix_refs(n->children, prefix);
  }
}

/* The chart of section i as an <svg> element in the page. */
static void inline_chart(page *p, const jd_report_section *s, size_t i)
{
  GError *err = NULL;
  GBytes *svg = jd_report_office_chart(p->r, s, 720, jd_report_chart_height(s, 720, 720 * 1.35), 1,
                                       JD_CHART_SVG, &err);
  if (!svg) {
    if (!p->error) p->error = err;
    else g_clear_error(&err);
    return;
  }
  gsize len;
  const char *data = g_bytes_get_data(svg, &len);
  xmlDocPtr doc = xmlReadMemory(data, (int)len, "chart.svg", "UTF-8", XML_PARSE_NONET | XML_PARSE_HUGE);
  g_bytes_unref(svg);
  if (!doc) {
    if (!p->error)
      g_set_error(&p->error, JD_REPORT_ERROR, JD_REPORT_ERROR_RENDER, "chart %zu: its SVG could not be read", i + 1);
    return;
  }
  xmlNodePtr root = xmlDocGetRootElement(doc);
  g_autofree char *prefix = g_strdup_printf("c%zu-", i + 1);
  prefix_refs(root, prefix);
  /* scale with the page: the viewBox stays, the size goes to CSS */
  xmlUnsetProp(root, BAD_CAST "width");
  xmlUnsetProp(root, BAD_CAST "height");
  xmlSetProp(root, BAD_CAST "role", BAD_CAST "img");
  xmlSetProp(root, BAD_CAST "aria-label", BAD_CAST s->title);
  xmlBufferPtr b = xmlBufferCreate();
  xmlNodeDump(b, doc, root, 0, 0);
  xmlTextWriterWriteRaw(p->w, xmlBufferContent(b));
  xmlBufferFree(b);
  xmlFreeDoc(doc);
}

/* ------------------------------------------------------------ the parts */

static void masthead(page *p)
{
  const jd_report *r = p->r;
  jd_xml_start(p->w, "header", "class", "masthead", NULL);
  element(p, "h1", NULL, r->options.title);
  g_autofree char *issue = jd_report_issue_text(r);
  if (*issue) element(p, "p", "issue", issue);
  jd_xml_start(p->w, "p", "class", "imprint", NULL);
  element(p, "span", NULL, r->options.organisation);
  g_autofree char *date = jd_report_date_chinese(r);
  element(p, "span", NULL, date);
  end(p);
  end(p);
}

static void table_head(page *p, const char *const *headers, size_t n)
{
  jd_xml_start(p->w, "thead", NULL);
  jd_xml_start(p->w, "tr", NULL);
  for (size_t c = 0; c < n; c++) element(p, "th", NULL, headers[c]);
  end(p);
  end(p);
}

static void summary(page *p)
{
  const jd_report *r = p->r;
  element(p, "h2", NULL, "本期摘要");
  paras(p, NULL, r->summary);
  if (!r->kpis->len) return;
  element(p, "h3", NULL, "主要指标");
  static const char *const headers[] = {"指标", "最近数值", "变化", "时期与地区"};
  jd_xml_start(p->w, "table", "class", "kpi", NULL);
  table_head(p, headers, 4);
  jd_xml_start(p->w, "tbody", NULL);
  for (guint i = 0; i < r->kpis->len; i++) {
    char *cells[4];
    jd_report_kpi_cells(r->kpis->pdata[i], cells);
    jd_xml_start(p->w, "tr", NULL);
    for (int c = 0; c < 4; c++) {
      element(p, "td", c == 1 ? "num" : NULL, cells[c]);
      g_free(cells[c]);
    }
    end(p);
  }
  end(p);
  end(p);
  element(p, "p", "note", "注：数值取各指标最近一个时期；变化优先采用文件所载，否则由最近两期数值推算，两期不相邻时注明所比年份。");
}

static void data_line(page *p, const jd_report_section *s)
{
  jd_xml_start(p->w, "figcaption", NULL);
  jd_xml_text(p->w, "图中数据：");
  for (guint i = 0; i < s->points->len; i++) {
    const jd_report_point *pt = s->points->pdata[i];
    g_autofree char *v = jd_report_format_value(pt->value, pt->qualifier, s->unit, s->scale,
                                                s->percent);
    g_autofree char *item = g_strdup_printf("%s%s %s%s", i ? "；" : "", pt->label, v,
                                            pt->implied ? "（推算）" : "");
    jd_xml_text(p->w, item);
    if (pt->source) source_link(p, pt->source);
  }
  end(p);
}

static void sections(page *p)
{
  const jd_report *r = p->r;
  for (guint i = 0; i < r->sections->len; i++) {
    const jd_report_section *s = r->sections->pdata[i];
    g_autofree char *title = jd_report_section_heading(r, i);
    g_autofree char *id = g_strdup_printf("s%u", i + 1);
    jd_xml_start(p->w, "section", "id", id, NULL);
    element(p, "h2", NULL, title);
    paras(p, NULL, s->narrative);
    jd_xml_start(p->w, "figure", NULL);
    inline_chart(p, s, i);
    data_line(p, s);
    end(p);
    end(p);
  }
  if (r->others && *r->others) {
    g_autofree char *title = jd_report_section_heading(r, r->sections->len);
    jd_xml_start(p->w, "section", NULL);
    element(p, "h2", NULL, title);
    paras(p, NULL, r->others);
    end(p);
  }
}

static void finding_sources(page *p, const jd_report_finding *f)
{
  if (!f->sources->len) return;
  jd_xml_start(p->w, "p", "class", "sources", NULL);
  jd_xml_text(p->w, "来源：");
  for (guint k = 0; k < f->sources->len; k++) source_link(p, g_array_index(f->sources, int, k));
  end(p);
}

static void audit(page *p)
{
  const jd_report *r = p->r;
  jd_xml_start(p->w, "section", "class", "appendix", "id", "audit", NULL);
  element(p, "h2", NULL, "附件一  数据核查");
  g_autofree char *intro = jd_report_audit_intro(r);
  element(p, "p", NULL, intro);
  gboolean notes = FALSE;
  for (guint i = 0; i < r->findings->len; i++) {
    const jd_report_finding *f = r->findings->pdata[i];
    g_autofree char *head = jd_report_finding_head(f, i + 1);
    static const char *const cls[] = {"finding ok", "finding note", "finding warning", "finding error"};
    if (f->severity < 2 && !notes) {
      element(p, "h3", NULL, "其他核查结果");
      notes = TRUE;
    }
    jd_xml_start(p->w, "div", "class", cls[CLAMP(f->severity, 0, 3)], NULL);
    element(p, f->severity < 2 ? "p" : "h4", NULL, head);
    if (f->severity >= 2) {
      if (*f->explanation) element(p, "p", NULL, f->explanation);
      if (*f->arithmetic) element(p, "p", "arithmetic", f->arithmetic);
    }
    finding_sources(p, f);
    end(p);
  }
  end(p);
}

static void sources(page *p)
{
  const jd_report *r = p->r;
  jd_xml_start(p->w, "section", "class", "appendix", "id", "sources", NULL);
  element(p, "h2", NULL, "附件二  数据来源");
  g_autofree char *intro = jd_report_sources_intro(r);
  element(p, "p", NULL, intro);
  jd_xml_start(p->w, "table", "class", "sources", NULL);
  table_head(p, jd_source_headers, JD_SOURCE_COLS);
  jd_xml_start(p->w, "tbody", NULL);
  GPtrArray *rows = jd_report_sources_in_order(r);
  for (guint i = 0; i < rows->len; i++) {
    const jd_report_source *s = rows->pdata[i];
    char *cells[JD_SOURCE_COLS];
    jd_report_source_cells(s, cells);
    g_autofree char *id = g_strdup_printf("src-%d", s->no);
    jd_xml_start(p->w, "tr", "id", id, NULL);
    for (int c = 0; c < JD_SOURCE_COLS; c++) {
      element(p, "td", c == 0 || c == 4 ? "num" : NULL, cells[c]);
      g_free(cells[c]);
    }
    end(p);
  }
  g_ptr_array_unref(rows);
  end(p);
  end(p);
  end(p);
}

/* ------------------------------------------------------------ style */

static char *stylesheet(void)
{
  return g_strdup_printf(
      ":root{--red:#c00000;--ink:#1a1a1f;--grey:#6b6b73;--rule:#c0c0c8}\n"
      "body{margin:0 auto;max-width:46em;padding:2em 1.5em 4em;color:var(--ink);"
      "font-family:%s;font-size:16pt;line-height:1.8}\n"
      "header.masthead h1{font-family:%s;color:var(--red);font-size:36pt;font-weight:normal;"
      "text-align:center;letter-spacing:.3em;margin:.5em 0 .2em}\n"
      ".issue{text-align:center;margin:0}\n"
      ".imprint{display:flex;justify-content:space-between;margin:0;padding-bottom:.3em;"
      "border-bottom:4px double var(--red)}\n"
      "h2{font-family:%s;font-size:16pt;font-weight:normal;margin:1.4em 0 .3em;text-indent:2em}\n"
      "h3{font-family:%s;font-size:16pt;font-weight:normal;margin:1em 0 .3em;text-indent:2em}\n"
      "p{margin:0;text-indent:2em;text-align:justify}\n"
      "figure{margin:1em 0}\nfigure svg{width:100%%;height:auto;display:block}\n"
      "figcaption,.note,.sources,.finding p,.finding h4{font-family:%s;font-size:12pt;"
      "line-height:1.6;text-indent:0}\n"
      "figcaption{color:#0d3f99;margin-top:.3em}\n"
      "table{border-collapse:collapse;width:100%%;font-family:%s;font-size:10.5pt;line-height:1.5;"
      "margin:.5em 0}\n"
      "th,td{border:1px solid var(--rule);padding:.2em .4em;vertical-align:top;text-align:left}\n"
      "th{background:#dde3ea}\ntd.num{text-align:right;white-space:nowrap}\n"
      "thead{display:table-header-group}\ntr{break-inside:avoid}\n"
      ".finding{margin:.6em 0}\n.finding h4{margin:0;font-weight:bold}\n"
      ".finding.error h4{color:var(--red)}\n.finding.warning h4{color:#cc6600}\n"
      ".arithmetic{background:#f2f2f4;padding:.2em .5em}\n"
      ".sources{color:#1f4e79}\na{color:#0d3f99;text-decoration:none}\n"
      "tr:target{background:#fff4c2}\n"
      "@media print{@page{size:A4;margin:37mm 26mm 35mm 28mm}"
      "body{max-width:none;padding:0}a{color:inherit}"
      "section.appendix{break-before:page}figure,h2,h3{break-inside:avoid}h2,h3{break-after:avoid}}\n",
      jd_face_css(JD_FACE_BODY), jd_face_css(JD_FACE_MASTHEAD), jd_face_css(JD_FACE_HEADING1),
      jd_face_css(JD_FACE_HEADING2), jd_face_css(JD_FACE_NOTE), jd_face_css(JD_FACE_TABLE));
}

static void head(page *p)
{
  const jd_report *r = p->r;
  jd_xml_start(p->w, "head", NULL);
  jd_xml_empty(p->w, "meta", "charset", "utf-8", NULL);
  jd_xml_empty(p->w, "meta", "name", "viewport", "content", "width=device-width, initial-scale=1", NULL);
  jd_xml_empty(p->w, "meta", "name", "generator", "content", "jindu", NULL);
  if (r->options.author && *r->options.author)
    jd_xml_empty(p->w, "meta", "name", "author", "content", r->options.author, NULL);
  g_autofree char *issue = jd_report_issue_text(r);
  g_autofree char *title = g_strdup_printf("%s%s%s", r->options.title, *issue ? " " : "", issue);
  element(p, "title", NULL, title);
  g_autofree char *css = stylesheet();
  element(p, "style", NULL, css);
  end(p);
}

GBytes *jd_report_render_html(const jd_report *r, GError **error)
{
  xmlBufferPtr buf = xmlBufferCreate();
  page p = {.r = r, .w = xmlNewTextWriterMemory(buf, 0)};
  xmlTextWriterWriteDTD(p.w, BAD_CAST "html", NULL, NULL, NULL);
  xmlTextWriterWriteRaw(p.w, BAD_CAST "\n");
  jd_xml_start(p.w, "html", "lang", "zh-CN", NULL);
  head(&p);
  jd_xml_start(p.w, "body", NULL);
  jd_xml_start(p.w, "main", NULL);
  masthead(&p);
  summary(&p);
  sections(&p);
  audit(&p);
  sources(&p);
  end(&p);
  end(&p);
  end(&p);
  xmlTextWriterEndDocument(p.w);
  xmlFreeTextWriter(p.w);
  if (p.error) {
    xmlBufferFree(buf);
    g_propagate_error(error, p.error);
    return NULL;
  }
  GBytes *out = g_bytes_new(xmlBufferContent(buf), (gsize)xmlBufferLength(buf));
  xmlBufferFree(buf);
  return out;
}
