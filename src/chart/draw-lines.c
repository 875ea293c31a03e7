/* Line charts: the bands and trends under the data, the lines with their
 * markers (hollow for derived points), their value labels (draw-place.c)
 * and the series names at the line ends. */
#include <math.h>
#include <string.h>

#include "chart/draw-cartesian.h"

/* The confidence or prediction band of series se as one filled shape:
 * along the upper bounds, back along the lower ones. */
static void draw_band(dctx *d, const cartesian *cs, const jd_chart_series *se, jd_rgba col)
{
  cairo_t *cr = d->cr;
  const plot *p = &cs->p;
  size_t nser = d->c->series->len, ncat = d->c->categories->len;
  double band = cs->band;
  jd_rgba bc = nser == 1 ? d->t->band : (jd_rgba){col.r, col.g, col.b, d->t->band.a};
  jd_set_rgba(cr, bc);
  gboolean started = FALSE;
  size_t n = MIN(MIN(se->lower->len, se->upper->len), ncat);
  for (size_t i = 0; i < n; i++) {
    double lo = g_array_index(se->lower, double, i), hi = g_array_index(se->upper, double, i);
    if (isnan(lo) || isnan(hi)) continue;
    double x = p->x0 + band * (i + 0.5);
    if (!started) cairo_move_to(cr, x, vpos(p, hi)); else cairo_line_to(cr, x, vpos(p, hi));
    started = TRUE;
  }
  for (size_t i = n; i-- > 0;) {
    double lo = g_array_index(se->lower, double, i), hi = g_array_index(se->upper, double, i);
    if (isnan(lo) || isnan(hi)) continue;
    cairo_line_to(cr, p->x0 + band * (i + 0.5), vpos(p, lo));
  }
  if (started) {
    cairo_close_path(cr);
    cairo_fill(cr);
  }
}

/* The fitted trend of series se, dashed in a lighter shade of its colour. */
static void draw_trend(dctx *d, const cartesian *cs, const jd_chart_series *se, jd_rgba col)
{
  cairo_t *cr = d->cr;
  const plot *p = &cs->p;
  size_t ncat = d->c->categories->len;
  double lw = d->t->line_width * d->fs;
  cairo_save(cr);
  jd_set_rgba(cr, jd_rgba_mix(col, d->t->background, 0.25));
  cairo_set_line_width(cr, lw * d->sp->trend_width);
  double dash[] = {d->sp->trend_dash[0] * d->fs, d->sp->trend_dash[1] * d->fs};
  cairo_set_dash(cr, dash, 2, 0);
  gboolean started = FALSE;
  for (size_t i = 0; i < se->fit->len && i < ncat; i++) {
    double v = g_array_index(se->fit, double, i);
    if (isnan(v)) {
      started = FALSE;
      continue;
    }
    double x = p->x0 + cs->band * (i + 0.5);
    if (!started) cairo_move_to(cr, x, vpos(p, v)); else cairo_line_to(cr, x, vpos(p, v));
    started = TRUE;
  }
  cairo_stroke(cr);
  cairo_restore(cr);
}

/* Where the forecast of se begins: a dotted rule and "预测" beside it. */
static gboolean draw_forecast_mark(dctx *d, cartesian *cs, const jd_chart_series *se)
{
  cairo_t *cr = d->cr;
  const plot *p = &cs->p;
  double x = p->x0 + cs->band * se->forecast_from;
  cairo_save(cr);
  jd_set_rgba(cr, d->t->muted);
  cairo_set_line_width(cr, d->sp->rule * d->fs);
  double dots[] = {d->sp->forecast_dots[0] * d->fs, d->sp->forecast_dots[1] * d->fs};
  cairo_set_dash(cr, dots, 2, 0);
  cairo_move_to(cr, round(x * 2) / 2, p->y0);
  cairo_line_to(cr, round(x * 2) / 2, p->y1);
  cairo_stroke(cr);
  cairo_restore(cr);
  label l;
  if (!jd_label_make(d, &l, "预测", R_TICK, FALSE, 0, PANGO_ALIGN_LEFT)) return FALSE;
  jd_label_show(d, &l, x + d->sp->forecast_label_gap * d->fs, p->y0, 0, 0, d->t->muted, 0);
  g_array_append_val(cs->placed,
                     ((rect){x, p->y0, x + l.w + d->sp->forecast_label_room * d->fs, p->y0 + l.h}));
  return TRUE;
}

/* Bands, trends and forecast marks of every series, under the data. */
static gboolean draw_trends(dctx *d, cartesian *cs)
{
  const jd_chart *c = d->c;
  size_t ncat = c->categories->len;
  for (size_t s = 0; s < c->series->len; s++) {
    const jd_chart_series *se = g_ptr_array_index(c->series, s);
    jd_rgba col = jd_series_color(d, s);
    if (se->lower && se->upper) draw_band(d, cs, se, col);
    if (!se->fit) continue;
    draw_trend(d, cs, se, col);
    if (se->forecast_from > 0 && se->forecast_from < ncat && se->forecast_from < se->fit->len &&
        !draw_forecast_mark(d, cs, se))
      return FALSE;
  }
  return TRUE;
}

/* The line of series s: solid between stated points, dashed into derived
 * ones; then its markers, hollow for derived points (placed, so that value
 * labels keep off them). */
static void draw_series_line(dctx *d, cartesian *cs, size_t s)
{
  const jd_chart *c = d->c;
  const plot *p = &cs->p;
  cairo_t *cr = d->cr;
  size_t ncat = c->categories->len;
  double band = cs->band, lw = d->t->line_width * d->fs;
  double rad = d->sp->marker * d->fs;
  jd_rgba col = jd_series_color(d, s);
  cairo_save(cr);
  jd_set_rgba(cr, col);
  cairo_set_line_width(cr, lw);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  double px = 0, py = 0;
  gboolean have = FALSE, pderived = FALSE;
  for (size_t i = 0; i < ncat; i++) {
    double v = jd_chart_value(c, s, i);
    if (isnan(v)) {
      have = FALSE;
      continue;
    }
    double x = p->x0 + band * (i + 0.5), y = vpos(p, v);
    gboolean derived =
        (jd_chart_flags(c, s, i) & (JD_CHART_POINT_IMPLIED | JD_CHART_POINT_INFERRED)) != 0;
    if (have) {
      if (derived || pderived) {
        double dash[] = {d->sp->dash[0] * d->fs, d->sp->dash[1] * d->fs};
        cairo_set_dash(cr, dash, 2, 0);
      } else {
        cairo_set_dash(cr, NULL, 0, 0);
      }
      cairo_move_to(cr, px, py);
      cairo_line_to(cr, x, y);
      cairo_stroke(cr);
    }
    px = x;
    py = y;
    pderived = derived;
    have = TRUE;
  }
  cairo_set_dash(cr, NULL, 0, 0);
  for (size_t i = 0; i < ncat; i++) {
    double v = jd_chart_value(c, s, i);
    if (isnan(v)) continue;
    double x = p->x0 + band * (i + 0.5), y = vpos(p, v);
    gboolean derived =
        (jd_chart_flags(c, s, i) & (JD_CHART_POINT_IMPLIED | JD_CHART_POINT_INFERRED)) != 0;
    cairo_new_sub_path(cr);
    cairo_arc(cr, x, y, rad, 0, 2 * G_PI);
    if (derived) {
      jd_set_rgba(cr, d->t->background);
      cairo_fill_preserve(cr);
      jd_set_rgba(cr, col);
      cairo_set_line_width(cr, lw * d->sp->derived_outline);
      cairo_stroke(cr);
    } else {
      cairo_fill(cr);
    }
    g_array_append_val(cs->placed, ((rect){x - rad, y - rad, x + rad, y + rad}));
  }
  cairo_restore(cr);
}

/* The series names at the line ends, pushed apart so they do not overlap
 * (simple relaxation in y order). */
static gboolean line_end_labels(dctx *d, const cartesian *cs)
{
  const jd_chart *c = d->c;
  size_t ncat = c->categories->len, nser = c->series->len;
  double *ys = g_new0(double, nser);
  label *ls = g_new0(label, nser);
  gboolean good = TRUE;
  for (size_t s = 0; s < nser && good; s++) {
    ys[s] = NAN;
    for (size_t i = ncat; i-- > 0;) {
      double v = jd_chart_value(c, s, i);
      if (!isnan(v)) {
        ys[s] = vpos(&cs->p, v);
        break;
      }
    }
    good = jd_label_make(d, &ls[s], ((jd_chart_series *)g_ptr_array_index(c->series, s))->name,
                         R_LEGEND, FALSE, 0, PANGO_ALIGN_LEFT);
  }
  if (good) {
    for (int it = 0; it < 20; it++)
      for (size_t a = 0; a < nser; a++)
        for (size_t b = 0; b < nser; b++) {
          if (a == b || isnan(ys[a]) || isnan(ys[b])) continue;
          double need = (ls[a].h + ls[b].h) / 2;
          double dy = ys[b] - ys[a];
          if (fabs(dy) < need && (dy > 0 || (dy == 0 && b > a))) {
            double push = (need - fabs(dy)) / 2;
            ys[a] -= push;
            ys[b] += push;
          }
        }
    for (size_t s = 0; s < nser; s++)
      if (!isnan(ys[s]))
        jd_label_show(d, &ls[s], cs->p.x1 + d->sp->end_label_gap * d->fs, ys[s], 0, 0.5,
                      jd_series_color(d, s), 0);
  }
  g_free(ys);
  g_free(ls);
  return good;
}

/* Line charts: bands and trends under the data, the lines with their
 * markers, value labels, and the series names at the line ends. */
gboolean jd_cart_draw_lines(dctx *d, cartesian *cs)
{
  const jd_chart *c = d->c;
  size_t nser = c->series->len;
  if (!draw_trends(d, cs)) return FALSE;
  for (size_t s = 0; s < nser; s++) draw_series_line(d, cs, s);
  if (c->value_labels)
    for (size_t s = 0; s < nser; s++)
      for (size_t i = 0; i < c->categories->len; i++)
        if (!jd_cart_line_value_label(d, cs, s, i)) return FALSE;
  if (nser > 1 && !line_end_labels(d, cs)) return FALSE;
  return TRUE;
}
