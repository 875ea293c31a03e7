/* Small multiples: one panel per series (a region), each its bars over the
 * categories (periods), every panel on one shared value axis so that their
 * heights compare; the series name over each panel, the axis ticks on the
 * panels of the left column, the category labels under the bottom row. */
#include <math.h>

#include "chart/draw-private.h"

typedef struct {
  size_t cols, rows;
  double pw, ph;        /* a panel's size, gaps included */
  double x0, y0;        /* the first panel's top-left */
  double tick_w, name_h, cat_h;
  axis ax;
} panels;

static gboolean panels_layout(dctx *d, frame *f, panels *P)
{
  const jd_chart *c = d->c;
  size_t n = c->series->len;
  P->cols = n <= 3 ? n : (size_t)ceil(sqrt((double)n * 1.5));
  P->rows = (n + P->cols - 1) / P->cols;
  double lo = 0, hi = 0;
  for (size_t s = 0; s < n; s++)
    for (size_t i = 0; i < c->categories->len; i++) {
      double v = jd_chart_value(c, s, i);
      if (!isnan(v)) lo = fmin(lo, v), hi = fmax(hi, v);
    }
  if (c->range_set) lo = fmin(lo, c->range_min), hi = fmax(hi, c->range_max);
  jd_axis_make(&P->ax, lo, hi, 3, c->number_style);
  P->tick_w = 0;
  for (int i = 0; i <= P->ax.n; i++) {
    g_autofree char *t = jd_axis_text(&P->ax, P->ax.min + i * P->ax.step);
    label l;
    if (!jd_label_make(d, &l, t, R_TICK, FALSE, 0, PANGO_ALIGN_LEFT)) return FALSE;
    P->tick_w = fmax(P->tick_w, l.w);
  }
  label probe;
  if (!jd_label_make(d, &probe, "国", R_LEGEND, TRUE, 0, PANGO_ALIGN_LEFT)) return FALSE;
  P->name_h = probe.h;
  if (!jd_label_make(d, &probe, "2019年", R_TICK, FALSE, 0, PANGO_ALIGN_LEFT)) return FALSE;
  P->cat_h = probe.h;
  P->x0 = d->m + P->tick_w + d->sp->tick_gap * d->fs;
  P->y0 = f->top;
  P->pw = (d->W - d->m - P->x0) / (double)P->cols;
  P->ph = (f->bottom - P->y0 - P->cat_h) / (double)P->rows;
  if (P->ph < P->name_h * 3 || P->pw < P->tick_w * 2) {
    g_autofree char *sz = jd_canvas_size_text(d);
    g_set_error(d->error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "chart '%s': %s is too small for %zu panels — use a larger size or fewer regions",
                jd_chart_display_name(c), sz, n);
    d->failed = TRUE;
    return FALSE;
  }
  return TRUE;
}

/* Panel s: its name, grid, bars with their values where they fit (else
 * counted), and the category labels when it is in the bottom row. */
static gboolean draw_panel(dctx *d, const panels *P, size_t s)
{
  const jd_chart *c = d->c;
  cairo_t *cr = d->cr;
  size_t col = s % P->cols, row = s / P->cols, ncat = c->categories->len;
  double gap = d->sp->legend_item_gap * d->fs;
  double x0 = P->x0 + col * P->pw, x1 = x0 + P->pw - gap;
  double top = P->y0 + row * P->ph, y0 = top + P->name_h * 1.2, y1 = top + P->ph - gap * 0.6;
  const jd_chart_series *se = g_ptr_array_index(c->series, s);
  label name;
  if (!jd_label_make(d, &name, se->name, R_LEGEND, TRUE, x1 - x0, PANGO_ALIGN_LEFT)) return FALSE;
  jd_label_show(d, &name, x0, top, 0, 0, d->t->text, 0);
  double span = P->ax.max - P->ax.min;
  cairo_set_line_width(cr, d->sp->rule * d->fs);
  for (int i = 0; i <= P->ax.n; i++) {
    double v = P->ax.min + i * P->ax.step, y = y1 - (v - P->ax.min) / span * (y1 - y0);
    jd_set_rgba(cr, fabs(v) < 1e-9 ? d->t->axis : d->t->grid);
    cairo_move_to(cr, x0, round(y * 2) / 2);
    cairo_line_to(cr, x1, round(y * 2) / 2);
    cairo_stroke(cr);
    if (col != 0) continue;
    g_autofree char *t = jd_axis_text(&P->ax, v);
    label l;
    if (!jd_label_make(d, &l, t, R_TICK, FALSE, 0, PANGO_ALIGN_LEFT)) return FALSE;
    jd_label_show(d, &l, x0 - d->sp->tick_gap * d->fs, y, 1, 0.5, d->t->muted, 0);
  }
  double band = (x1 - x0) / (double)ncat, bw = band * d->t->bar_width;
  double zero = y1 - (fmin(fmax(0, P->ax.min), P->ax.max) - P->ax.min) / span * (y1 - y0);
  gboolean bottom_row = row == P->rows - 1 || s + P->cols >= c->series->len;
  for (size_t i = 0; i < ncat; i++) {
    double cx = x0 + band * (i + 0.5), v = jd_chart_value(c, s, i);
    if (bottom_row) {
      label l;
      if (!jd_label_make(d, &l, g_ptr_array_index(c->categories, i), R_TICK, FALSE, band,
                         PANGO_ALIGN_CENTER))
        return FALSE;
      if (l.w <= band) jd_label_show(d, &l, cx, y1 + d->sp->rule * d->fs * 2, 0.5, 0, d->t->muted, 0);
    }
    if (isnan(v)) continue;
    double y = y1 - (v - P->ax.min) / span * (y1 - y0);
    jd_draw_bar(d, cx - bw / 2, fmin(y, zero), bw, fabs(zero - y), 0, jd_chart_flags(c, s, i));
    if (!c->value_labels) continue;
    g_autofree char *txt = jd_chart_value_text(c, s, i);
    label l;
    if (!jd_label_make(d, &l, txt, R_TICK, FALSE, 0, PANGO_ALIGN_LEFT)) return FALSE;
    if (l.w <= band && fmin(y, zero) - l.h >= y0 - P->name_h * 0.2)
      jd_label_show(d, &l, cx, fmin(y, zero) - d->sp->value_gap * d->fs, 0.5, 1, d->t->text, 0);
    else
      d->dropped++;
  }
  return TRUE;
}

gboolean jd_draw_panels(dctx *d, frame *f)
{
  panels P;
  if (!panels_layout(d, f, &P)) return FALSE;
  for (size_t s = 0; s < d->c->series->len; s++)
    if (!draw_panel(d, &P, s)) return FALSE;
  return !d->failed;
}
