/* Drawing a whole chart onto a cairo context in the rectangle (0,0,W,H):
 * the font scale and margin from the canvas, the background, the header
 * (title, subtitle) and footnote, then the chart type's pass
 * (draw-cartesian.c, draw-donut.c, draw-kpi.c), each of which measures
 * every label before it lays out and draws. The same code serves PNG, PDF,
 * SVG and the report's pages. */
#include <math.h>

#include "chart/draw-private.h"

static gboolean draw_header(dctx *d, frame *f)
{
  const jd_chart *c = d->c;
  double y = d->m * d->sp->title_top;
  double w = d->W - 2 * d->m;
  if (c->title) {
    label l;
    if (!jd_label_make(d, &l, c->title, R_TITLE, d->t->title_bold, w, PANGO_ALIGN_CENTER))
      return FALSE;
    jd_label_show(d, &l, d->W / 2, y, 0.5, 0, d->t->text, 0);
    y += l.h;
    if (d->t->title_rule) {
      y += d->sp->title_rule_gap * d->fs;
      jd_set_rgba(d->cr, d->t->accent);
      cairo_rectangle(d->cr, d->m, y, w, d->sp->title_rule * d->fs);
      cairo_fill(d->cr);
      y += d->sp->title_rule * d->fs;
    }
    y += d->sp->title_gap * d->fs;
  }
  if (c->subtitle) {
    label l;
    if (!jd_label_make(d, &l, c->subtitle, R_SUBTITLE, FALSE, w, PANGO_ALIGN_CENTER)) return FALSE;
    jd_label_show(d, &l, d->W / 2, y, 0.5, 0, d->t->muted, 0);
    y += l.h + d->sp->subtitle_gap * d->fs;
  }
  f->top = y + d->sp->header_gap * d->fs;
  f->bottom = d->H - d->m * d->sp->footnote_bottom;
  if (d->footnote) {
    label l;
    if (!jd_label_make(d, &l, d->footnote, R_FOOTNOTE, FALSE, w, PANGO_ALIGN_LEFT)) return FALSE;
    f->bottom -= l.h;
    jd_label_show(d, &l, d->m, f->bottom, 0, 0, d->t->muted, 0);
    f->bottom -= d->sp->footnote_gap * d->fs;
  }
  return TRUE;
}

gboolean jd_chart_draw(const jd_chart *c, const jd_theme *theme, cairo_t *cr, double w, double h,
                       GError **error)
{
  return jd_chart_draw_with_fonts(c, theme, cr, w, h, NULL, FALSE, error);
}

/* One drawing of c onto cr with the given footnote; the labels' boxes into
 * boxes (NULL: not kept) and how many value labels found no place into
 * *dropped. */
static gboolean draw_once(const jd_chart *c, const jd_theme *theme, cairo_t *cr, double w,
                          double h, jd_pdf_fonts *pf, gboolean collect, const char *footnote,
                          GArray *boxes, unsigned *dropped, GError **error)
{
  dctx d = {0};
  d.c = c;
  d.t = theme;
  d.sp = &theme->spacing;
  d.cr = cr;
  d.W = w;
  d.H = h;
  d.error = error;
  d.pf = pf;
  d.pf_collect = collect;
  d.footnote = footnote;
  d.boxes = boxes;
  if (c->font_scale > 0)
    d.fs = c->font_scale;
  else if (c->type == JD_CHART_KPI)
    d.fs = fmin(w / 480.0, h / 270.0);
  else
    d.fs = fmin(w / 960.0, h / 540.0);
  d.fs = fmax(0.25, fmin(d.fs, 6));
  d.m = d.sp->margin * d.fs;
  d.owned = g_ptr_array_new_with_free_func(g_object_unref);

  d.pctx = pango_font_map_create_context(jd_render_font_map());
  cairo_font_options_t *fo = cairo_font_options_create();
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(d.pctx, fo);
  cairo_font_options_destroy(fo);
  pango_context_set_round_glyph_positions(d.pctx, FALSE);
  pango_context_set_language(d.pctx, pango_language_from_string("zh-cn"));

  cairo_save(cr);
  jd_set_rgba(cr, theme->background);
  cairo_rectangle(cr, 0, 0, w, h);
  cairo_fill(cr);

  gboolean ok;
  if (c->type == JD_CHART_KPI) {
    ok = jd_draw_kpi(&d);
  } else {
    frame f;
    ok = draw_header(&d, &f);
    if (ok) {
      switch (c->type) {
      case JD_CHART_DONUT: ok = jd_draw_donut(&d, &f); break;
      case JD_CHART_HEATMAP: ok = jd_draw_heatmap(&d, &f); break;
      case JD_CHART_PANELS: ok = jd_draw_panels(&d, &f); break;
      default: ok = jd_draw_cartesian(&d, &f); break;
      }
    }
  }
  cairo_restore(cr);
  if (ok && cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_CAIRO, "chart '%s': cairo: %s",
                jd_chart_display_name(c), cairo_status_to_string(cairo_status(cr)));
    ok = FALSE;
  }
  if (!ok && error && !*error)
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID, "chart '%s' could not be drawn",
                jd_chart_display_name(c));
  if (dropped) *dropped = d.dropped;
  g_ptr_array_unref(d.owned);
  g_object_unref(d.pctx);
  return ok;
}

/* The footnote that says how many value labels were left out (never
 * silently): the chart's own, then the note. Caller frees. */
static char *footnote_with_drops(const jd_chart *c, unsigned dropped)
{
  return g_strdup_printf("%s%s注：%u个数值标签因空间不足未标出", c->footnote ? c->footnote : "",
                         c->footnote ? "；" : "", dropped);
}

/* Draws c as it will look: a first pass (on a scratch surface, or on the
 * raster itself) finds the value labels that have no place after moving
 * and shrinking them; when there are any, the chart is drawn again with a
 * footnote that says so. */
static gboolean draw_said(const jd_chart *c, const jd_theme *theme, cairo_t *cr, double w,
                          double h, jd_pdf_fonts *pf, gboolean collect, GArray *boxes,
                          unsigned *dropped_out, GError **error)
{
  unsigned dropped = 0;
  /* on a raster with an opaque background a second drawing covers the
   * first: draw straight away, and again only when a label was left out */
  gboolean raster = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE &&
                    theme->background.a >= 1 && !boxes;
  if (raster || !c->value_labels || c->type == JD_CHART_KPI) {
    if (!draw_once(c, theme, cr, w, h, pf, collect, c->footnote, boxes, &dropped, error))
      return FALSE;
    if (dropped_out) *dropped_out = dropped;
    if (dropped == 0 || !raster) return TRUE;
  } else {
    cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *scr = cairo_create(scratch);
    gboolean ok = draw_once(c, theme, scr, w, h, NULL, FALSE, c->footnote, NULL, &dropped, error);
    cairo_destroy(scr);
    cairo_surface_destroy(scratch);
    if (!ok) return FALSE;
    if (dropped_out) *dropped_out = dropped;
    if (dropped == 0)
      return draw_once(c, theme, cr, w, h, pf, collect, c->footnote, boxes, NULL, error);
  }
  g_autofree char *fn = footnote_with_drops(c, dropped);
  unsigned again = 0;
  gboolean ok = draw_once(c, theme, cr, w, h, pf, collect, fn, boxes, &again, error);
  if (dropped_out) *dropped_out = again;
  return ok;
}

gboolean jd_chart_draw_with_fonts(const jd_chart *c, const jd_theme *theme, cairo_t *cr, double w,
                                  double h, jd_pdf_fonts *pf, gboolean collect, GError **error)
{
  if (!jd_chart_validate(c, error)) return FALSE;
  return draw_said(c, theme, cr, w, h, pf, collect, NULL, NULL, error);
}

gboolean jd_chart_layout_boxes(const jd_chart *c, GArray *boxes, unsigned *dropped,
                               GError **error)
{
  if (!jd_chart_validate(c, error)) return FALSE;
  jd_theme *own = c->theme ? NULL : jd_theme_load("default", error);
  const jd_theme *t = c->theme ? c->theme : own;
  if (!t) return FALSE;
  cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create(scratch);
  gboolean ok = draw_said(c, t, cr, c->size.width, c->size.height, NULL, FALSE, boxes, dropped,
                          error);
  cairo_destroy(cr);
  cairo_surface_destroy(scratch);
  jd_theme_free(own);
  return ok;
}
