/* Glyph collection and HarfBuzz font subsets for compact, searchable chart
 * PDFs (render/pdffont.c). */
#pragma once

#include <pango/pangocairo.h>

typedef struct jd_pdf_fonts jd_pdf_fonts;

jd_pdf_fonts *jd_pdf_fonts_new(void);
/* Text mode (SVG with real <text>): jd_pdf_fonts_show hands every layout
 * with cr (its current point, matrix and source as they are) to fn and draws
 * nothing; collecting does nothing. */
typedef void (*jd_pdf_fonts_text_fn)(cairo_t *cr, PangoLayout *lay, gpointer data);
jd_pdf_fonts *jd_pdf_fonts_new_text_sink(jd_pdf_fonts_text_fn fn, gpointer data);
void jd_pdf_fonts_free(jd_pdf_fonts *pf);
/* Records the glyphs of every run of lay, per font file. */
void jd_pdf_fonts_collect(jd_pdf_fonts *pf, PangoLayout *lay);
/* Builds one subset face per font file; FALSE if any cannot be made. */
gboolean jd_pdf_fonts_prepare(jd_pdf_fonts *pf);
/* Draws lay at cr's current point with the subset faces; FALSE (nothing
 * drawn) when a run's font has no subset. */
gboolean jd_pdf_fonts_show(jd_pdf_fonts *pf, cairo_t *cr, PangoLayout *lay);
/* The same for one line, its baseline starting at cr's current point (as
 * pango_cairo_show_layout_line). */
gboolean jd_pdf_fonts_show_line(jd_pdf_fonts *pf, cairo_t *cr, PangoLayoutLine *line);
