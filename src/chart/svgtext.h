/* SVG charts with real <text> elements (chart/svgtext.c): the labels are
 * recorded while drawing (render/pdffont.h's text mode) and added to cairo's
 * SVG afterwards. */
#pragma once

#include <pango/pangocairo.h>

#include "jindu/chart.h"

typedef struct jd_svg_text jd_svg_text;

jd_svg_text *jd_svg_text_new(void);
void jd_svg_text_free(jd_svg_text *t);
/* A jd_pdf_fonts_text_fn: records the lines of lay as cr would draw them. */
void jd_svg_text_record(cairo_t *cr, PangoLayout *lay, gpointer data);
/* Adds every recorded line to the SVG document in svg (replaced). */
gboolean jd_svg_text_insert(const jd_svg_text *t, GByteArray *svg, GError **error);
