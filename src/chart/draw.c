/* The helpers every chart type draws with: labels measured with Pango
 * before anything is placed (a character the fonts cannot show is an error
 * naming it and the chart), then drawn; colours, patterns, hatched fills
 * for derived values, and bars. */
#include <math.h>
#include <string.h>

#include "chart/draw-private.h"
#include "render/pdffont.h"
#include "render/wrap.h"

/* ---- text ---- */

double jd_role_size(const dctx *d, role r)
{
  const jd_theme *t = d->t;
  double s = 12;
  switch (r) {
  case R_TITLE: s = t->title_size; break;
  case R_SUBTITLE: s = t->subtitle_size; break;
  case R_AXIS: s = t->axis_label_size; break;
  case R_TICK: s = t->tick_size; break;
  case R_CATEGORY: s = t->category_size; break;
  case R_VALUE: s = t->value_size; break;
  case R_LEGEND: s = t->legend_size; break;
  case R_FOOTNOTE: s = t->footnote_size; break;
  case R_KPI: s = t->kpi_size; break;
  }
  return s * d->fs;
}

static gboolean check_glyphs(dctx *d, PangoLayout *lay, const char *text)
{
  if (pango_layout_get_unknown_glyphs_count(lay) == 0) return TRUE;
  gunichar bad = 0;
  PangoLayoutIter *it = pango_layout_get_iter(lay);
  do {
    PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
    if (!run) continue;
    for (int i = 0; i < run->glyphs->num_glyphs && !bad; i++) {
      PangoGlyph g = run->glyphs->glyphs[i].glyph;
      if (g & PANGO_GLYPH_UNKNOWN_FLAG) bad = g & ~PANGO_GLYPH_UNKNOWN_FLAG;
    }
  } while (!bad && pango_layout_iter_next_run(it));
  pango_layout_iter_free(it);
  char utf8[8] = {0};
  if (bad) g_unichar_to_utf8(bad, utf8);
  if (!d->failed)
    g_set_error(d->error, JD_CHART_ERROR, JD_CHART_ERROR_GLYPH,
                "chart '%s': the fonts have no glyph for U+%04X '%s' in \"%s\" — replace or "
                "remove that character (fonts: %s)",
                jd_chart_display_name(d->c), bad, utf8, text, d->t->font_family);
  d->failed = TRUE;
  return FALSE;
}

gboolean jd_label_make_sized(dctx *d, label *out, const char *text, role r, double size,
                             gboolean bold, double width, PangoAlignment align)
{
  PangoLayout *lay = pango_layout_new(d->pctx);
  g_ptr_array_add(d->owned, lay);
  PangoFontDescription *fd = pango_font_description_new();
  pango_font_description_set_family_static(fd, r == R_TITLE ? d->t->title_family
                                                            : d->t->font_family);
  pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
  if (bold) pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(lay, fd);
  pango_font_description_free(fd);
  if (width > 0) {
    pango_layout_set_width(lay, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment(lay, align);
  pango_layout_set_text(lay, text ? text : "", -1);
  if (width > 0) jd_wrap_protect(lay); /* file names in footnotes stay whole */
  out->lay = lay;
  out->role = r;
  PangoRectangle logical;
  pango_layout_get_extents(lay, NULL, &logical);
  out->w = logical.width / (double)PANGO_SCALE;
  out->h = logical.height / (double)PANGO_SCALE;
  out->ox = logical.x / (double)PANGO_SCALE;
  return check_glyphs(d, lay, text ? text : "");
}

/* A measured label at its role's size. */
gboolean jd_label_make(dctx *d, label *out, const char *text, role r, gboolean bold, double width,
                       PangoAlignment align)
{
  return jd_label_make_sized(d, out, text, r, jd_role_size(d, r), bold, width, align);
}


/* Draws a label with its box anchored at (x,y): ax/ay 0 = left/top, 0.5 centre, 1 right/bottom. */
void jd_label_show(dctx *d, const label *l, double x, double y, double ax, double ay, jd_rgba col,
                   double angle)
{
  cairo_t *cr = d->cr;
  cairo_save(cr);
  cairo_translate(cr, x, y);
  if (angle != 0) cairo_rotate(cr, angle);
  cairo_move_to(cr, -ax * l->w - l->ox, -ay * l->h);
  jd_set_rgba(cr, col);
  if (d->pf && d->pf_collect) jd_pdf_fonts_collect(d->pf, l->lay);
  if (!d->pf || d->pf_collect || !jd_pdf_fonts_show(d->pf, cr, l->lay))
    pango_cairo_show_layout(cr, l->lay);
  cairo_restore(cr);
  if (d->boxes) {
    /* the box's corners, turned by angle about (x,y) */
    double bx = -ax * l->w, by = -ay * l->h, cs = cos(angle), sn = sin(angle);
    jd_chart_box b = {INFINITY, INFINITY, -INFINITY, -INFINITY, (int)l->role, angle != 0};
    for (int k = 0; k < 4; k++) {
      double px = bx + (k & 1 ? l->w : 0), py = by + (k & 2 ? l->h : 0);
      double qx = x + px * cs - py * sn, qy = y + px * sn + py * cs;
      b.x0 = fmin(b.x0, qx);
      b.y0 = fmin(b.y0, qy);
      b.x1 = fmax(b.x1, qx);
      b.y1 = fmax(b.y1, qy);
    }
    g_array_append_val(d->boxes, b);
  }
}

/* An outline of the label's glyphs in the background colour, drawn under the
 * label at (x,y) (top-left), so that lines running behind it do not cut
 * through the strokes; the label itself stays text. */
void jd_label_halo(dctx *d, const label *l, double x, double y)
{
  cairo_t *cr = d->cr;
  jd_rgba bg = d->t->background;
  cairo_save(cr);
  cairo_new_path(cr);
  cairo_move_to(cr, x - l->ox, y);
  pango_cairo_layout_path(cr, l->lay);
  cairo_set_source_rgba(cr, bg.r, bg.g, bg.b, 1);
  cairo_set_line_width(cr, d->sp->halo * d->fs);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke(cr);
  cairo_restore(cr);
}

/* ---- colours and fills ---- */

jd_rgba jd_series_color(const dctx *d, size_t s)
{
  return d->t->palette[s % d->t->n_palette];
}

void jd_draw_pattern(dctx *d, double x, double y, double w, double h, jd_pattern p)
{
  if (p == JD_PATTERN_SOLID || w <= 0 || h <= 0) return;
  cairo_t *cr = d->cr;
  cairo_save(cr);
  cairo_rectangle(cr, x, y, w, h);
  cairo_clip(cr);
  jd_rgba bg = d->t->background;
  cairo_set_source_rgba(cr, bg.r, bg.g, bg.b, 0.55);
  double step = d->sp->pattern_step * d->fs;
  if (p == JD_PATTERN_DOTS) {
    for (double yy = y + step / 2; yy < y + h; yy += step)
      for (double xx = x + step / 2; xx < x + w; xx += step) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, xx, yy, d->sp->pattern_mark * d->fs, 0, 2 * G_PI);
      }
    cairo_fill(cr);
  } else {
    cairo_set_line_width(cr, d->sp->pattern_mark * d->fs);
    for (double xx = x + step / 2; xx < x + w; xx += step) {
      cairo_move_to(cr, xx, y);
      cairo_line_to(cr, xx, y + h);
    }
    if (p == JD_PATTERN_CROSS)
      for (double yy = y + step / 2; yy < y + h; yy += step) {
        cairo_move_to(cr, x, yy);
        cairo_line_to(cr, x + w, yy);
      }
    cairo_stroke(cr);
  }
  cairo_restore(cr);
}

/* Implied/inferred: a pale fill with diagonal hatching and a solid outline. */
void jd_draw_hatched(dctx *d, double x, double y, double w, double h, jd_rgba col)
{
  cairo_t *cr = d->cr;
  if (w <= 0 || h <= 0) return;
  cairo_save(cr);
  jd_set_rgba(cr, jd_rgba_mix(col, d->t->background, 0.72));
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill_preserve(cr);
  cairo_clip(cr);
  jd_set_rgba(cr, col);
  cairo_set_line_width(cr, d->sp->hatch_line * d->fs);
  double step = d->sp->hatch_step * d->fs;
  for (double k = -h; k < w; k += step) {
    cairo_move_to(cr, x + k, y + h);
    cairo_line_to(cr, x + k + h, y);
  }
  cairo_stroke(cr);
  cairo_reset_clip(cr);
  double lw = d->sp->hatch_line * d->fs;
  cairo_set_line_width(cr, lw);
  cairo_rectangle(cr, x + lw / 2, y + lw / 2, fmax(0, w - lw), fmax(0, h - lw));
  cairo_stroke(cr);
  cairo_restore(cr);
}

void jd_draw_bar(dctx *d, double x, double y, double w, double h, size_t s, unsigned flags)
{
  jd_rgba col = jd_series_color(d, s);
  if (flags & (JD_CHART_POINT_IMPLIED | JD_CHART_POINT_INFERRED)) {
    jd_draw_hatched(d, x, y, w, h, col);
    return;
  }
  jd_set_rgba(d->cr, col);
  cairo_rectangle(d->cr, x, y, w, h);
  cairo_fill(d->cr);
  jd_draw_pattern(d, x, y, w, h, d->t->patterns[s % d->t->n_patterns]);
}

gboolean jd_chart_has_derived(const jd_chart *c)
{
  for (size_t s = 0; s < c->series->len; s++)
    for (size_t i = 0; i < c->categories->len; i++)
      if (jd_chart_flags(c, s, i) & (JD_CHART_POINT_IMPLIED | JD_CHART_POINT_INFERRED) &&
          !(jd_chart_flags(c, s, i) & JD_CHART_POINT_MISSING))
        return TRUE;
  return FALSE;
}
