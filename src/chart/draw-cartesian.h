/* What the drawing files of bar and line charts share (draw-cartesian.c
 * the layout and the value axis, draw-bars.c and draw-lines.c one drawer
 * per chart type, draw-place.c where value labels go, draw-marks.c the
 * reference lines and intervals): the data range, the plot rectangle and
 * its value axis, the measured labels, and the labels placed so far. */
#pragma once

#include "chart/draw-private.h"

typedef struct {
  double lo, hi; /* data range incl. zero for bars */
} range;

typedef struct {
  double x0, x1, y0, y1; /* plot rectangle: y0 top, y1 bottom */
  axis ax;
  gboolean horizontal; /* hbar: value axis is x */
} plot;

static inline double vpos(const plot *p, double v)
{
  double t = (v - p->ax.min) / (p->ax.max - p->ax.min);
  return p->horizontal ? p->x0 + t * (p->x1 - p->x0) : p->y1 - t * (p->y1 - p->y0);
}

typedef struct {
  label *ls;
  double hmax, wmax;
  gboolean rotated;
} cats;

/* What the passes of a bar or line chart share: the plot rectangle and its
 * value axis, the measured tick, category and axis title labels, and the
 * labels and markers placed so far (line charts keep value labels clear of
 * them). */
typedef struct {
  plot p;
  range r;
  label *ticks; /* one per tick of p.ax */
  cats k;
  label xl, yl;                       /* the axis titles (bottom, left), when there are */
  const char *left_text, *bottom_text; /* their text, NULL when none */
  char *unit_title;
  double band; /* width of a category (vertical charts) */
  double zero; /* where the value axis has zero (clamped to the axis) */
  GArray *placed; /* rect */
} cartesian;

/* The reference lines (targets, a parent region's value): their labels
 * measured and their places kept free of value labels first, the lines
 * drawn over the data at the end (draw_refs). */
typedef struct {
  label l;
  double pos; /* where the value lies on the value axis */
  rect r;     /* the label's place */
} ref_mark;

/* ---- label placement (draw-place.c) ---- */

/* Whether r overlaps a rectangle placed so far. */
gboolean jd_cart_overlaps(GArray *placed, rect r);
/* Whether r lies inside the plot (with the value labels' overhang above
 * it) and clear of the labels placed so far. */
gboolean jd_cart_free_place(const dctx *d, const cartesian *cs, rect r);
/* The text colour of value labels; on a fill of colour col. */
jd_rgba jd_cart_value_color(const dctx *d);
jd_rgba jd_cart_on_fill(jd_rgba col, gboolean derived);
/* The value label of vertical bar b, of a horizontal bar, led out beside a
 * stack segment, and of a point on a line: each moved before it is left
 * out, and counted in d->dropped when it is. */
gboolean jd_cart_bar_value_label(dctx *d, cartesian *cs, size_t s, size_t i, rect b, double room);
gboolean jd_cart_hbar_value_label(dctx *d, cartesian *cs, size_t s, size_t i, double x, double y,
                                  double w, double fit, double bh);
gboolean jd_cart_lead_out(dctx *d, cartesian *cs, const label *l, double cx, double y, double bw,
                          double h);
gboolean jd_cart_line_value_label(dctx *d, cartesian *cs, size_t s, size_t i);

/* ---- the drawers (draw-bars.c, draw-lines.c) ---- */

gboolean jd_cart_draw_hbars(dctx *d, cartesian *cs);
gboolean jd_cart_draw_bars(dctx *d, cartesian *cs);
gboolean jd_cart_draw_stacked(dctx *d, cartesian *cs);
gboolean jd_cart_draw_lines(dctx *d, cartesian *cs);

/* ---- reference lines and intervals (draw-marks.c) ---- */

/* The label of a reference line ("省定目标\n90%"). */
gboolean jd_cart_ref_label(dctx *d, const jd_chart_ref *ref, label *l);
/* Measures the reference lines' labels and keeps their places (and the
 * lines) free of value labels; *out is freed by the caller. */
gboolean jd_cart_place_refs(dctx *d, cartesian *cs, ref_mark **out);
void jd_cart_draw_refs(dctx *d, const cartesian *cs, const ref_mark *marks);
/* Keeps the whiskers' places free of value labels; draws them. */
void jd_cart_place_intervals(const dctx *d, cartesian *cs);
void jd_cart_draw_intervals(dctx *d, const cartesian *cs);
