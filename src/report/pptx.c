/* The briefing as a slide deck (OOXML, .pptx): a title slide, then one slide
 * per section with its key sentence as the title and its chart as a picture
 * at slide resolution, the section's narrative in the speaker notes. XML by
 * libxml2, the package by libzip (ooxml.c). */
#include <string.h>

#include "report/ooxml.h"

#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_P "http://schemas.openxmlformats.org/presentationml/2006/main"
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT "application/vnd.openxmlformats-officedocument.presentationml."

/* 16:9, 960 × 540 points, in EMU (12700 a point) */
#define EMU 12700L
#define SLIDE_W (960 * EMU)
#define SLIDE_H (540 * EMU)

typedef struct {
  const jd_report *r;
  jd_zip_package *pkg;
  GError *error;
} deck;

static xmlTextWriterPtr part(xmlBufferPtr *buf, const char *root)
{
  xmlTextWriterPtr w = jd_xml_new(buf);
  jd_xml_start(w, root, "xmlns:a", NS_A, "xmlns:r", NS_R, "xmlns:p", NS_P, NULL);
  return w;
}

static void add(deck *d, const char *name, xmlTextWriterPtr w, xmlBufferPtr buf)
{
  jd_xml_end(w);
  jd_xml_finish(w);
  if (d->error) {
    xmlBufferFree(buf);
    return;
  }
  jd_zip_package_add_xml(d->pkg, name, buf, &d->error);
}

/* Relationships: pairs of (type, target), NULL-terminated; ids rId1… */
static void add_rels(deck *d, const char *name, const char *const *pairs)
{
  xmlBufferPtr buf;
  xmlTextWriterPtr w = jd_xml_new(&buf);
  jd_xml_start(w, "Relationships", "xmlns", "http://schemas.openxmlformats.org/package/2006/relationships", NULL);
  for (int i = 0; pairs[2 * i]; i++) {
    g_autofree char *id = g_strdup_printf("rId%d", i + 1);
    const char *type = pairs[2 * i];
    g_autofree char *full = g_str_has_prefix(type, "http") ? g_strdup(type) : g_strconcat(REL, type, NULL);
    jd_xml_empty(w, "Relationship", "Id", id, "Type", full, "Target", pairs[2 * i + 1], NULL);
  }
  jd_xml_end(w);
  jd_xml_finish(w);
  if (d->error) {
    xmlBufferFree(buf);
    return;
  }
  jd_zip_package_add_xml(d->pkg, name, buf, &d->error);
}

static void group_start(xmlTextWriterPtr w)
{
  jd_xml_start(w, "p:cSld", NULL);
  jd_xml_start(w, "p:spTree", NULL);
  jd_xml_start(w, "p:nvGrpSpPr", NULL);
  jd_xml_empty(w, "p:cNvPr", "id", "1", "name", "", NULL);
  jd_xml_empty(w, "p:cNvGrpSpPr", NULL);
  jd_xml_empty(w, "p:nvPr", NULL);
  jd_xml_end(w);
  jd_xml_empty(w, "p:grpSpPr", NULL);
}

static void group_end(xmlTextWriterPtr w)
{
  jd_xml_end(w);
  jd_xml_end(w);
}

static void xfrm(xmlTextWriterPtr w, long x, long y, long cx, long cy)
{
  g_autofree char *sx = g_strdup_printf("%ld", x), *sy = g_strdup_printf("%ld", y);
  g_autofree char *scx = g_strdup_printf("%ld", cx), *scy = g_strdup_printf("%ld", cy);
  jd_xml_start(w, "a:xfrm", NULL);
  jd_xml_empty(w, "a:off", "x", sx, "y", sy, NULL);
  jd_xml_empty(w, "a:ext", "cx", scx, "cy", scy, NULL);
  jd_xml_end(w);
}

typedef struct {
  double size;
  const char *colour, *face, *align;
} text_style;

/* A shape with text: a placeholder (ph "title", "body" …) or a text box
 * (ph NULL); one paragraph per line of text. */
static void text_shape(xmlTextWriterPtr w, int id, const char *name, const char *ph,
                       const char *ph_idx, long x, long y, long cx, long cy, const char *text,
                       const text_style *st)
{
  g_autofree char *sid = g_strdup_printf("%d", id);
  jd_xml_start(w, "p:sp", NULL);
  jd_xml_start(w, "p:nvSpPr", NULL);
  jd_xml_empty(w, "p:cNvPr", "id", sid, "name", name, NULL);
  if (ph) {
    jd_xml_start(w, "p:cNvSpPr", NULL);
    jd_xml_empty(w, "a:spLocks", "noGrp", "1", NULL);
    jd_xml_end(w);
    jd_xml_start(w, "p:nvPr", NULL);
    jd_xml_empty(w, "p:ph", "type", ph, ph_idx ? "idx" : NULL, ph_idx, NULL);
    jd_xml_end(w);
  } else {
    jd_xml_empty(w, "p:cNvSpPr", "txBox", "1", NULL);
    jd_xml_empty(w, "p:nvPr", NULL);
  }
  jd_xml_end(w);
  jd_xml_start(w, "p:spPr", NULL);
  if (cx > 0) xfrm(w, x, y, cx, cy);
  jd_xml_end(w);
  jd_xml_start(w, "p:txBody", NULL);
  jd_xml_start(w, "a:bodyPr", "wrap", "square", "anchor", ph && !strcmp(ph, "title") ? "ctr" : "t", NULL);
  jd_xml_empty(w, "a:normAutofit", NULL);
  jd_xml_end(w);
  jd_xml_empty(w, "a:lstStyle", NULL);
  g_auto(GStrv) lines = g_strsplit(text ? text : "", "\n", -1);
  g_autofree char *sz = g_strdup_printf("%d", (int)(st->size * 100));
  for (char **l = lines; *l; l++) {
    if (!**l && l != lines) continue;
    jd_xml_start(w, "a:p", NULL);
    if (st->align) jd_xml_empty(w, "a:pPr", "algn", st->align, NULL);
    jd_xml_start(w, "a:r", NULL);
    jd_xml_start(w, "a:rPr", "lang", "zh-CN", "altLang", "en-US", "sz", sz, NULL);
    if (st->colour) {
      jd_xml_start(w, "a:solidFill", NULL);
      jd_xml_empty(w, "a:srgbClr", "val", st->colour, NULL);
      jd_xml_end(w);
    }
    jd_xml_empty(w, "a:latin", "typeface", "Arial", NULL);
    jd_xml_empty(w, "a:ea", "typeface", st->face, NULL);
    jd_xml_end(w);
    jd_xml_element(w, "a:t", *l);
    jd_xml_end(w);
    jd_xml_end(w);
  }
  jd_xml_end(w);
  jd_xml_end(w);
}

static void picture(xmlTextWriterPtr w, int id, const char *descr, long x, long y, long cx, long cy)
{
  g_autofree char *sid = g_strdup_printf("%d", id);
  jd_xml_start(w, "p:pic", NULL);
  jd_xml_start(w, "p:nvPicPr", NULL);
  jd_xml_empty(w, "p:cNvPr", "id", sid, "name", "图", "descr", descr, NULL);
  jd_xml_start(w, "p:cNvPicPr", NULL);
  jd_xml_empty(w, "a:picLocks", "noChangeAspect", "1", NULL);
  jd_xml_end(w);
  jd_xml_empty(w, "p:nvPr", NULL);
  jd_xml_end(w);
  jd_xml_start(w, "p:blipFill", NULL);
  jd_xml_empty(w, "a:blip", "r:embed", "rId2", NULL);
  jd_xml_start(w, "a:stretch", NULL);
  jd_xml_empty(w, "a:fillRect", NULL);
  jd_xml_end(w);
  jd_xml_end(w);
  jd_xml_start(w, "p:spPr", NULL);
  xfrm(w, x, y, cx, cy);
  jd_xml_start(w, "a:prstGeom", "prst", "rect", NULL);
  jd_xml_empty(w, "a:avLst", NULL);
  jd_xml_end(w);
  jd_xml_end(w);
  jd_xml_end(w);
}

static void colour_map(xmlTextWriterPtr w)
{
  jd_xml_empty(w, "p:clrMap", "bg1", "lt1", "tx1", "dk1", "bg2", "lt2", "tx2", "dk2", "accent1",
               "accent1", "accent2", "accent2", "accent3", "accent3", "accent4", "accent4",
               "accent5", "accent5", "accent6", "accent6", "hlink", "hlink", "folHlink",
               "folHlink", NULL);
}

static void master_mapping(xmlTextWriterPtr w)
{
  jd_xml_start(w, "p:clrMapOvr", NULL);
  jd_xml_empty(w, "a:masterClrMapping", NULL);
  jd_xml_end(w);
}

/* ------------------------------------------------------------ slides */

static const text_style TITLE = {24, "1A1A1A", "黑体", NULL};
static const text_style NOTES = {12, NULL, "仿宋", NULL};

/* The key sentence of a section: its narrative's first sentence. Caller frees. */
static char *key_sentence(const jd_report_section *s)
{
  const char *n = s->narrative ? s->narrative : "";
  const char *end = strstr(n, "。");
  const char *nl = strchr(n, '\n');
  if (!end || (nl && nl < end)) return nl ? g_strndup(n, (gsize)(nl - n)) : g_strdup(n);
  return g_strndup(n, (gsize)(end - n) + strlen("。"));
}

static void notes_slide(deck *d, int no, const char *text)
{
  xmlBufferPtr buf;
  xmlTextWriterPtr w = part(&buf, "p:notes");
  group_start(w);
  jd_xml_start(w, "p:sp", NULL);
  jd_xml_start(w, "p:nvSpPr", NULL);
  jd_xml_empty(w, "p:cNvPr", "id", "2", "name", "幻灯片图像", NULL);
  jd_xml_start(w, "p:cNvSpPr", NULL);
  jd_xml_empty(w, "a:spLocks", "noGrp", "1", "noRot", "1", "noChangeAspect", "1", NULL);
  jd_xml_end(w);
  jd_xml_start(w, "p:nvPr", NULL);
  jd_xml_empty(w, "p:ph", "type", "sldImg", NULL);
  jd_xml_end(w);
  jd_xml_end(w);
  jd_xml_empty(w, "p:spPr", NULL);
  jd_xml_end(w);
  text_shape(w, 3, "备注", "body", "1", 0, 0, 0, 0, text, &NOTES);
  group_end(w);
  master_mapping(w);
  g_autofree char *name = g_strdup_printf("ppt/notesSlides/notesSlide%d.xml", no);
  add(d, name, w, buf);
  g_autofree char *rels = g_strdup_printf("ppt/notesSlides/_rels/notesSlide%d.xml.rels", no);
  g_autofree char *slide = g_strdup_printf("../slides/slide%d.xml", no);
  const char *pairs[] = {"notesMaster", "../notesMasters/notesMaster1.xml", "slide", slide, NULL};
  add_rels(d, rels, pairs);
}

static void title_slide(deck *d)
{
  const jd_report *r = d->r;
  xmlBufferPtr buf;
  xmlTextWriterPtr w = part(&buf, "p:sld");
  group_start(w);
  static const text_style big = {54, "C00000", "方正小标宋简体", "ctr"};
  static const text_style sub = {24, "1A1A1A", "仿宋", "ctr"};
  text_shape(w, 2, "标题", "ctrTitle", NULL, 60 * EMU, 150 * EMU, 840 * EMU, 110 * EMU,
             r->options.title, &big);
  g_autofree char *issue = jd_report_issue_text(r);
  g_autofree char *date = jd_report_date_chinese(r);
  g_autofree char *lines = g_strdup_printf("%s\n%s\n%s", issue, r->options.organisation, date);
  text_shape(w, 3, "副标题", "subTitle", "1", 60 * EMU, 290 * EMU, 840 * EMU, 150 * EMU, lines, &sub);
  group_end(w);
  master_mapping(w);
  add(d, "ppt/slides/slide1.xml", w, buf);
  const char *pairs[] = {"slideLayout", "../slideLayouts/slideLayout1.xml", "notesSlide",
                         "../notesSlides/notesSlide1.xml", NULL};
  add_rels(d, "ppt/slides/_rels/slide1.xml.rels", pairs);
  notes_slide(d, 1, r->summary);
}

static void section_slide(deck *d, guint i)
{
  const jd_report *r = d->r;
  const jd_report_section *s = r->sections->pdata[i];
  int no = (int)i + 2;
  /* the chart below the title, 16:9, at 2 pixels a point */
  long top = 108 * EMU, h = SLIDE_H - top - 18 * EMU, wd = h * 16 / 9;
  GError *err = NULL;
  GBytes *png = jd_report_office_chart(r, s, (double)wd / EMU, (double)h / EMU, 2, JD_CHART_PNG, &err);
  if (!png) {
    if (!d->error) d->error = err;
    else g_clear_error(&err);
    return;
  }
  g_autofree char *media = g_strdup_printf("ppt/media/%s.png", s->stem);
  if (!d->error) jd_zip_package_add(d->pkg, media, png, &d->error);
  g_bytes_unref(png);
  xmlBufferPtr buf;
  xmlTextWriterPtr w = part(&buf, "p:sld");
  group_start(w);
  g_autofree char *key = key_sentence(s);
  text_shape(w, 2, "标题", "title", NULL, 36 * EMU, 14 * EMU, 888 * EMU, 90 * EMU, key, &TITLE);
  picture(w, 3, s->title, (SLIDE_W - wd) / 2, top, wd, h);
  group_end(w);
  master_mapping(w);
  g_autofree char *name = g_strdup_printf("ppt/slides/slide%d.xml", no);
  add(d, name, w, buf);
  g_autofree char *rels = g_strdup_printf("ppt/slides/_rels/slide%d.xml.rels", no);
  g_autofree char *image = g_strdup_printf("../media/%s.png", s->stem);
  g_autofree char *notes = g_strdup_printf("../notesSlides/notesSlide%d.xml", no);
  const char *pairs[] = {"slideLayout", "../slideLayouts/slideLayout1.xml", "image", image,
                         "notesSlide", notes, NULL};
  add_rels(d, rels, pairs);
  g_autofree char *heading = jd_report_section_heading(r, i);
  g_autofree char *data = jd_report_data_line(s);
  g_autofree char *text = g_strdup_printf("%s\n%s\n%s", heading, s->narrative, data);
  notes_slide(d, no, text);
}

/* ------------------------------------------------------------ master, layout, theme */

static void scheme_colour(xmlTextWriterPtr w, const char *name, const char *rgb)
{
  jd_xml_start(w, name, NULL);
  jd_xml_empty(w, "a:srgbClr", "val", rgb, NULL);
  jd_xml_end(w);
}

static void theme(deck *d, const char *name)
{
  xmlBufferPtr buf;
  xmlTextWriterPtr w = jd_xml_new(&buf);
  jd_xml_start(w, "a:theme", "xmlns:a", NS_A, "name", "jindu", NULL);
  jd_xml_start(w, "a:themeElements", NULL);
  jd_xml_start(w, "a:clrScheme", "name", "jindu", NULL);
  static const char *const colours[][2] = {
      {"a:dk1", "000000"},     {"a:lt1", "FFFFFF"},     {"a:dk2", "1A1A1A"},
      {"a:lt2", "EEECE1"},     {"a:accent1", "1F77B4"}, {"a:accent2", "C00000"},
      {"a:accent3", "F0A30A"}, {"a:accent4", "2CA02C"}, {"a:accent5", "9467BD"},
      {"a:accent6", "8C564B"}, {"a:hlink", "0D3F99"},   {"a:folHlink", "6B6B73"}};
  for (size_t i = 0; i < G_N_ELEMENTS(colours); i++) scheme_colour(w, colours[i][0], colours[i][1]);
  jd_xml_end(w);
  jd_xml_start(w, "a:fontScheme", "name", "jindu", NULL);
  for (int k = 0; k < 2; k++) {
    jd_xml_start(w, k ? "a:minorFont" : "a:majorFont", NULL);
    jd_xml_empty(w, "a:latin", "typeface", "Arial", NULL);
    jd_xml_empty(w, "a:ea", "typeface", k ? "仿宋" : "黑体", NULL);
    jd_xml_empty(w, "a:cs", "typeface", "", NULL);
    jd_xml_end(w);
  }
  jd_xml_end(w);
  jd_xml_start(w, "a:fmtScheme", "name", "jindu", NULL);
  static const char *const lists[] = {"a:fillStyleLst", "a:lnStyleLst", "a:effectStyleLst",
                                      "a:bgFillStyleLst"};
  for (size_t l = 0; l < G_N_ELEMENTS(lists); l++) {
    jd_xml_start(w, lists[l], NULL);
    for (int k = 0; k < 3; k++) {
      if (l == 1) jd_xml_start(w, "a:ln", "w", "9525", NULL);
      if (l == 2) {
        jd_xml_start(w, "a:effectStyle", NULL);
        jd_xml_empty(w, "a:effectLst", NULL);
        jd_xml_end(w);
        continue;
      }
      jd_xml_start(w, "a:solidFill", NULL);
      jd_xml_empty(w, "a:schemeClr", "val", "phClr", NULL);
      jd_xml_end(w);
      if (l == 1) jd_xml_end(w);
    }
    jd_xml_end(w);
  }
  jd_xml_end(w);
  jd_xml_end(w);
  jd_xml_end(w);
  jd_xml_finish(w);
  if (!d->error) jd_zip_package_add_xml(d->pkg, name, buf, &d->error);
  else xmlBufferFree(buf);
}

static void masters(deck *d)
{
  xmlBufferPtr buf;
  xmlTextWriterPtr w = part(&buf, "p:sldMaster");
  group_start(w);
  text_shape(w, 2, "标题", "title", NULL, 36 * EMU, 14 * EMU, 888 * EMU, 90 * EMU, "", &TITLE);
  group_end(w);
  colour_map(w);
  jd_xml_start(w, "p:sldLayoutIdLst", NULL);
  jd_xml_empty(w, "p:sldLayoutId", "id", "2147483649", "r:id", "rId1", NULL);
  jd_xml_end(w);
  add(d, "ppt/slideMasters/slideMaster1.xml", w, buf);
  const char *mp[] = {"slideLayout", "../slideLayouts/slideLayout1.xml", "theme", "../theme/theme1.xml", NULL};
  add_rels(d, "ppt/slideMasters/_rels/slideMaster1.xml.rels", mp);

  w = part(&buf, "p:sldLayout");
  xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST "titleOnly");
  xmlTextWriterWriteAttribute(w, BAD_CAST "preserve", BAD_CAST "1");
  group_start(w);
  text_shape(w, 2, "标题", "title", NULL, 36 * EMU, 14 * EMU, 888 * EMU, 90 * EMU, "", &TITLE);
  group_end(w);
  master_mapping(w);
  add(d, "ppt/slideLayouts/slideLayout1.xml", w, buf);
  const char *lp[] = {"slideMaster", "../slideMasters/slideMaster1.xml", NULL};
  add_rels(d, "ppt/slideLayouts/_rels/slideLayout1.xml.rels", lp);

  w = part(&buf, "p:notesMaster");
  group_start(w);
  text_shape(w, 2, "备注", "body", "1", 48 * EMU, 380 * EMU, 444 * EMU, 300 * EMU, "", &NOTES);
  group_end(w);
  colour_map(w);
  add(d, "ppt/notesMasters/notesMaster1.xml", w, buf);
  const char *np[] = {"theme", "../theme/theme2.xml", NULL};
  add_rels(d, "ppt/notesMasters/_rels/notesMaster1.xml.rels", np);
  theme(d, "ppt/theme/theme1.xml");
  theme(d, "ppt/theme/theme2.xml");
}

/* ------------------------------------------------------------ the package */

static void presentation(deck *d, int slides)
{
  xmlBufferPtr buf;
  xmlTextWriterPtr w = part(&buf, "p:presentation");
  jd_xml_start(w, "p:sldMasterIdLst", NULL);
  jd_xml_empty(w, "p:sldMasterId", "id", "2147483648", "r:id", "rId1", NULL);
  jd_xml_end(w);
  jd_xml_start(w, "p:notesMasterIdLst", NULL);
  jd_xml_empty(w, "p:notesMasterId", "r:id", "rId2", NULL);
  jd_xml_end(w);
  jd_xml_start(w, "p:sldIdLst", NULL);
  for (int i = 0; i < slides; i++) {
    g_autofree char *id = g_strdup_printf("%d", 256 + i), *rid = g_strdup_printf("rId%d", 4 + i);
    jd_xml_empty(w, "p:sldId", "id", id, "r:id", rid, NULL);
  }
  jd_xml_end(w);
  g_autofree char *cx = g_strdup_printf("%ld", SLIDE_W), *cy = g_strdup_printf("%ld", SLIDE_H);
  jd_xml_empty(w, "p:sldSz", "cx", cx, "cy", cy, NULL);
  jd_xml_empty(w, "p:notesSz", "cx", "6858000", "cy", "9144000", NULL);
  add(d, "ppt/presentation.xml", w, buf);
  GPtrArray *pairs = g_ptr_array_new_with_free_func(g_free);
  static const char *const fixed[] = {"slideMaster", "slideMasters/slideMaster1.xml", "notesMaster",
                                      "notesMasters/notesMaster1.xml", "theme", "theme/theme1.xml"};
  for (size_t i = 0; i < G_N_ELEMENTS(fixed); i++) g_ptr_array_add(pairs, g_strdup(fixed[i]));
  for (int i = 0; i < slides; i++) {
    g_ptr_array_add(pairs, g_strdup("slide"));
    g_ptr_array_add(pairs, g_strdup_printf("slides/slide%d.xml", i + 1));
  }
  g_ptr_array_add(pairs, NULL);
  add_rels(d, "ppt/_rels/presentation.xml.rels", (const char *const *)pairs->pdata);
  g_ptr_array_unref(pairs);
}

static void content_types(deck *d, int slides)
{
  xmlBufferPtr buf;
  xmlTextWriterPtr w = jd_xml_new(&buf);
  jd_xml_start(w, "Types", "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types", NULL);
  jd_xml_empty(w, "Default", "Extension", "rels", "ContentType",
               "application/vnd.openxmlformats-package.relationships+xml", NULL);
  jd_xml_empty(w, "Default", "Extension", "xml", "ContentType", "application/xml", NULL);
  jd_xml_empty(w, "Default", "Extension", "png", "ContentType", "image/png", NULL);
  static const char *const over[][2] = {
      {"/ppt/presentation.xml", CT "presentation.main+xml"},
      {"/ppt/slideMasters/slideMaster1.xml", CT "slideMaster+xml"},
      {"/ppt/slideLayouts/slideLayout1.xml", CT "slideLayout+xml"},
      {"/ppt/notesMasters/notesMaster1.xml", CT "notesMaster+xml"},
      {"/ppt/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"},
      {"/ppt/theme/theme2.xml", "application/vnd.openxmlformats-officedocument.theme+xml"},
      {"/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"}};
  for (size_t i = 0; i < G_N_ELEMENTS(over); i++)
    jd_xml_empty(w, "Override", "PartName", over[i][0], "ContentType", over[i][1], NULL);
  for (int i = 1; i <= slides; i++) {
    g_autofree char *s = g_strdup_printf("/ppt/slides/slide%d.xml", i);
    g_autofree char *n = g_strdup_printf("/ppt/notesSlides/notesSlide%d.xml", i);
    static const char slide_type[] = CT "slide+xml", notes_type[] = CT "notesSlide+xml";
    jd_xml_empty(w, "Override", "PartName", s, "ContentType", slide_type, NULL);
    jd_xml_empty(w, "Override", "PartName", n, "ContentType", notes_type, NULL);
  }
  jd_xml_end(w);
  jd_xml_finish(w);
  jd_zip_package_add_xml(d->pkg, "[Content_Types].xml", buf, &d->error);
}

GBytes *jd_report_render_pptx(const jd_report *r, GError **error)
{
  deck d = {.r = r};
  d.pkg = jd_zip_package_new(error);
  if (!d.pkg) return NULL;
  int slides = (int)r->sections->len + 1;
  content_types(&d, slides);
  const char *top[] = {"officeDocument", "ppt/presentation.xml",
                       "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                       "docProps/core.xml", NULL};
  add_rels(&d, "_rels/.rels", top);
  presentation(&d, slides);
  masters(&d);
  title_slide(&d);
  for (guint i = 0; i < r->sections->len && !d.error; i++) section_slide(&d, i);
  if (!d.error) jd_zip_package_add_xml(d.pkg, "docProps/core.xml", jd_ooxml_core_xml(r), &d.error);
  if (d.error) {
    jd_zip_package_free(d.pkg);
    g_propagate_error(error, d.error);
    return NULL;
  }
  return jd_zip_package_finish(d.pkg, error);
}
