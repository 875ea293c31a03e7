/* SVG charts with real text: while the chart is drawn onto cairo's SVG
 * surface, every label is recorded (its lines, position, transformation,
 * face, size, weight and colour) instead of being drawn as glyph outlines;
 * the recorded lines are then added to cairo's SVG as <text> elements, with
 * libxml2 parsing and writing the document. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <string.h>

#include "chart/svgtext.h"

typedef struct {
  char *text;
  cairo_matrix_t m;
  double x, y;
  char *family;
  double size;
  int weight;
  double r, g, b, a;
} text_line;

struct jd_svg_text {
  GPtrArray *lines; /* text_line */
};

static void text_line_free(gpointer p)
{
  text_line *t = p;
  g_free(t->text);
  g_free(t->family);
  g_free(t);
}

jd_svg_text *jd_svg_text_new(void)
{
  jd_svg_text *t = g_new0(jd_svg_text, 1);
  t->lines = g_ptr_array_new_with_free_func(text_line_free);
  return t;
}

void jd_svg_text_free(jd_svg_text *t)
{
  if (!t) return;
  g_ptr_array_unref(t->lines);
  g_free(t);
}

void jd_svg_text_record(cairo_t *cr, PangoLayout *lay, gpointer data)
{
  jd_svg_text *t = data;
  double x0, y0, r = 0, g = 0, b = 0, a = 1;
  cairo_get_current_point(cr, &x0, &y0);
  cairo_matrix_t m;
  cairo_get_matrix(cr, &m);
  cairo_pattern_get_rgba(cairo_get_source(cr), &r, &g, &b, &a);
  const PangoFontDescription *fd = pango_layout_get_font_description(lay);
  const char *text = pango_layout_get_text(lay);
  PangoLayoutIter *it = pango_layout_get_iter(lay);
  do {
    PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, NULL, &logical);
    char *s = g_strndup(text + line->start_index, (gsize)line->length);
    g_strchomp(s);
    if (!*s) {
      g_free(s);
      continue;
    }
    text_line *l = g_new0(text_line, 1);
    l->text = s;
    l->m = m;
    l->x = x0 + logical.x / (double)PANGO_SCALE;
    l->y = y0 + pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
    l->family = g_strdup(fd && pango_font_description_get_family(fd)
                             ? pango_font_description_get_family(fd) : "sans-serif");
    l->size = fd ? pango_font_description_get_size(fd) / (double)PANGO_SCALE : 10;
    l->weight = fd ? (int)pango_font_description_get_weight(fd) : 400;
    l->r = r, l->g = g, l->b = b, l->a = a;
    g_ptr_array_add(t->lines, l);
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
}

/* The theme's face first, then CJK faces an office machine has. */
static char *font_family(const char *family)
{
  static const char cjk[] = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', "
                            "'PingFang SC', 'SimHei', sans-serif";
  if (strcmp(family, "Noto Sans CJK SC") == 0) return g_strdup(cjk);
  return g_strdup_printf("'%s', %s", family, cjk);
}

static void set_number(xmlNodePtr n, const char *name, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(buf, sizeof buf, "%.3f", fabs(v) < 5e-4 ? 0 : v);
  /* drop trailing zeros: 12.500 -> 12.5 */
  char *dot = strchr(buf, '.');
  if (dot) {
    char *end = buf + strlen(buf) - 1;
    while (end > dot && *end == '0') *end-- = '\0';
    if (end == dot) *end = '\0';
  }
  xmlSetProp(n, BAD_CAST name, BAD_CAST buf);
}

static void add_line(xmlNodePtr g, xmlNsPtr ns, const text_line *l)
{
  xmlNodePtr n = xmlNewChild(g, ns, BAD_CAST "text", NULL);
  xmlNodeAddContent(n, BAD_CAST l->text); /* escaped by libxml2 when written */
  xmlNodeSetSpacePreserve(n, 1);
  const cairo_matrix_t *m = &l->m;
  gboolean moved = m->xx == 1 && m->yx == 0 && m->xy == 0 && m->yy == 1; /* only moved */
  set_number(n, "x", l->x + (moved ? m->x0 : 0));
  set_number(n, "y", l->y + (moved ? m->y0 : 0));
  if (!moved) {
    char v[6][G_ASCII_DTOSTR_BUF_SIZE];
    const double d[6] = {m->xx, m->yx, m->xy, m->yy, m->x0, m->y0};
    for (int i = 0; i < 6; i++) g_ascii_formatd(v[i], sizeof v[i], "%.4f", d[i]);
    g_autofree char *tr = g_strdup_printf("matrix(%s %s %s %s %s %s)", v[0], v[1], v[2], v[3],
                                          v[4], v[5]);
    xmlSetProp(n, BAD_CAST "transform", BAD_CAST tr);
  }
  g_autofree char *ff = font_family(l->family);
  xmlSetProp(n, BAD_CAST "font-family", BAD_CAST ff);
  set_number(n, "font-size", l->size);
  if (l->weight >= 600) xmlSetProp(n, BAD_CAST "font-weight", BAD_CAST "bold");
  g_autofree char *fill = g_strdup_printf("#%02x%02x%02x", (int)lround(l->r * 255),
                                          (int)lround(l->g * 255), (int)lround(l->b * 255));
  xmlSetProp(n, BAD_CAST "fill", BAD_CAST fill);
  if (l->a < 1) set_number(n, "fill-opacity", l->a);
}

gboolean jd_svg_text_insert(const jd_svg_text *t, GByteArray *svg, GError **error)
{
  xmlDocPtr doc = xmlReadMemory((const char *)svg->data, (int)svg->len, "chart.svg", "UTF-8",
                                XML_PARSE_NONET | XML_PARSE_HUGE);
  xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
  if (!root) {
    if (doc) xmlFreeDoc(doc);
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_CAIRO, "cairo's SVG could not be read back");
    return FALSE;
  }
  xmlNodePtr g = xmlNewChild(root, root->ns, BAD_CAST "g", NULL);
  xmlSetProp(g, BAD_CAST "id", BAD_CAST "text");
  for (guint i = 0; i < t->lines->len; i++) add_line(g, root->ns, t->lines->pdata[i]);
  xmlChar *out = NULL;
  int len = 0;
  xmlDocDumpMemoryEnc(doc, &out, &len, "UTF-8");
  xmlFreeDoc(doc);
  if (!out) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_CAIRO, "the SVG could not be written");
    return FALSE;
  }
  g_byte_array_set_size(svg, 0);
  g_byte_array_append(svg, out, (guint)len);
  xmlFree(out);
  return TRUE;
}
