/* The bars: horizontal, vertical and grouped, and stacked (positive values
 * up from zero, negative down, with the stack's total), each with its value
 * label placed by draw-place.c. */
#include <math.h>
#include <string.h>

#include "chart/draw-cartesian.h"

/* Horizontal bars: per category its label and a group of bars, each with
 * its value at the end when it fits the bar's height. */
gboolean jd_cart_draw_hbars(dctx *d, cartesian *cs)
{
  const jd_chart *c = d->c;
  const plot *p = &cs->p;
  size_t ncat = c->categories->len, nser = c->series->len;
  double zero = cs->zero;
  double bandh = (p->y1 - p->y0) / ncat;
  double group = fmin(bandh * d->t->bar_width, nser * d->sp->hbar_bar_max * d->fs);
  double gap = nser > 1 ? d->sp->hbar_bar_gap * d->fs : 0;
  double bh = (group - gap * (nser - 1)) / nser;
  for (size_t i = 0; i < ncat; i++) {
    double cy = p->y0 + bandh * (i + 0.5);
    jd_label_show(d, &cs->k.ls[i], p->x0 - d->sp->hbar_category_gap * d->fs, cy, 1, 0.5, d->t->text,
                  0);
    for (size_t s = 0; s < nser; s++) {
      double v = jd_chart_value(c, s, i);
      if (isnan(v)) continue;
      double y = cy - group / 2 + s * (bh + gap);
      double xv = vpos(p, v);
      double x = fmin(zero, xv), w = fabs(xv - zero);
      if (v != 0 && w < d->sp->bar_min * d->fs) w = d->sp->bar_min * d->fs;
      jd_draw_bar(d, x, y, w, bh, s, jd_chart_flags(c, s, i));
      if (!c->value_labels) continue;
      if (!jd_cart_hbar_value_label(d, cs, s, i, x, y, w, bh + gap + d->sp->value_fit * d->fs, bh))
        return FALSE;
    }
  }
  return TRUE;
}

/* Bars and grouped bars: per category a group of bars side by side, each
 * with its value above (below, when negative) when it fits the width. */
gboolean jd_cart_draw_bars(dctx *d, cartesian *cs)
{
  const jd_chart *c = d->c;
  const plot *p = &cs->p;
  size_t ncat = c->categories->len, nser = c->series->len;
  double band = cs->band, zero = cs->zero;
  double group = fmin(band * d->t->bar_width, nser * d->sp->bar_max * d->fs);
  double gap = nser > 1 ? fmin(d->sp->bar_gap * d->fs, group * d->sp->bar_gap_share) : 0;
  double bw = (group - gap * (nser - 1)) / nser;
  for (size_t i = 0; i < ncat; i++) {
    double cx = p->x0 + band * (i + 0.5);
    for (size_t s = 0; s < nser; s++) {
      double v = jd_chart_value(c, s, i);
      if (isnan(v)) continue;
      double x = cx - group / 2 + s * (bw + gap);
      double yv = vpos(p, v);
      double y = fmin(zero, yv), h = fabs(yv - zero);
      if (v != 0 && h < d->sp->bar_min * d->fs) {
        h = d->sp->bar_min * d->fs;
        if (v > 0) y = zero - h;
      }
      jd_draw_bar(d, x, y, bw, h, s, jd_chart_flags(c, s, i));
      if (!c->value_labels) continue;
      double room = bw + gap + (nser == 1 ? band - group : 0) - d->sp->bar_value_pad * d->fs;
      if (!jd_cart_bar_value_label(d, cs, s, i, (rect){x, y, x + bw, y + h}, room)) return FALSE;
    }
  }
  return TRUE;
}

static gboolean stacked_segment_label(dctx *d, cartesian *cs, size_t s, size_t i, double cx,
                                      double y, double bw, double h)
{
  const jd_chart *c = d->c;
  cairo_t *cr = d->cr;
  g_autofree char *txt = jd_chart_value_text(c, s, i);
  label l;
  if (!jd_label_make(d, &l, txt, R_VALUE, FALSE, 0, PANGO_ALIGN_LEFT)) return FALSE;
  double pad = d->sp->segment_pad * d->fs;
  if (!(l.w <= bw - 2 * pad && l.h <= h - pad)) return jd_cart_lead_out(d, cs, &l, cx, y, bw, h);
  jd_rgba col = jd_series_color(d, s);
  gboolean derived = jd_chart_flags(c, s, i) & (JD_CHART_POINT_IMPLIED | JD_CHART_POINT_INFERRED);
  jd_rgba tc = derived || jd_luminance(col) > 0.55 ? (jd_rgba){0.08, 0.08, 0.08, 1}
                                                   : (jd_rgba){1, 1, 1, 1};
  if (derived) {
    /* a plate behind the text so the hatching does not cut through it */
    jd_rgba bg = d->t->background;
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    if (jd_luminance(bg) < 0.5) cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_rectangle(cr, cx - l.w / 2 - pad, y + h / 2 - l.h / 2, l.w + 2 * pad, l.h);
    cairo_fill(cr);
  }
  jd_label_show(d, &l, cx, y + h / 2, 0.5, 0.5, tc, 0);
  return TRUE;
}

/* The qualifier of a sum of the stack at category i: exact when every
 * part is, 余 when every inexact part is 余 (a floor), else 约. */
static jd_qualifier total_qualifier(const jd_chart *c, size_t i)
{
  jd_qualifier q = JD_QUAL_EXACT;
  for (size_t s = 0; s < c->series->len; s++) {
    const jd_chart_series *se = g_ptr_array_index(c->series, s);
    if (isnan(jd_chart_value(c, s, i)) || i >= se->qualifiers->len) continue;
    jd_qualifier p = g_array_index(se->qualifiers, jd_qualifier, i);
    if (p == JD_QUAL_EXACT) continue;
    q = q == JD_QUAL_EXACT || q == p ? p : JD_QUAL_ABOUT;
  }
  return q == JD_QUAL_MORE_THAN || q == JD_QUAL_EXACT ? q : JD_QUAL_ABOUT;
}

/* The total of a stack (sums pos and neg) above it, or below when it goes
 * down only, when it fits the band; approximate when a part is. */
static gboolean stacked_total_label(dctx *d, const cartesian *cs, size_t i, double cx, double pos,
                                    double neg)
{
  const jd_chart *c = d->c;
  double total = pos + neg;
  g_autofree char *txt =
      jd_chart_format_number(total, c->number_style, c->decimals, total_qualifier(c, i));
  label l;
  if (!jd_label_make(d, &l, txt, R_VALUE, TRUE, 0, PANGO_ALIGN_LEFT)) return FALSE;
  if (l.w <= cs->band - d->sp->value_fit * d->fs) {
    if (pos > 0)
      jd_label_show(d, &l, cx, vpos(&cs->p, pos) - d->sp->value_gap * d->fs, 0.5, 1, d->t->text, 0);
    else
      jd_label_show(d, &l, cx, vpos(&cs->p, neg) + d->sp->value_gap * d->fs, 0.5, 0, d->t->text, 0);
  } else {
    d->dropped++;
  }
  return TRUE;
}

/* Stacked bars: positive values stack up from zero, negative ones down,
 * with a thin separator between segments, their values inside and the
 * total at the end. */
gboolean jd_cart_draw_stacked(dctx *d, cartesian *cs)
{
  const jd_chart *c = d->c;
  const plot *p = &cs->p;
  cairo_t *cr = d->cr;
  size_t ncat = c->categories->len, nser = c->series->len;
  double band = cs->band;
  double bw = fmin(band * d->t->bar_width * d->sp->stack_width, d->sp->stack_max * d->fs);
  for (size_t i = 0; i < ncat; i++) {
    double cx = p->x0 + band * (i + 0.5), x = cx - bw / 2;
    double pos = 0, neg = 0;
    gboolean any = FALSE;
    for (size_t s = 0; s < nser; s++) {
      double v = jd_chart_value(c, s, i);
      if (isnan(v) || v == 0) continue;
      any = TRUE;
      double a = v >= 0 ? pos : neg, b = a + v;
      if (v >= 0) pos = b; else neg = b;
      double ya = vpos(p, a), yb = vpos(p, b);
      double y = fmin(ya, yb), h = fabs(yb - ya);
      jd_draw_bar(d, x, y, bw, h, s, jd_chart_flags(c, s, i));
      /* thin separator between segments */
      jd_set_rgba(cr, d->t->background);
      cairo_set_line_width(cr, d->sp->rule * d->fs);
      cairo_move_to(cr, x, yb);
      cairo_line_to(cr, x + bw, yb);
      cairo_stroke(cr);
      if (c->value_labels && !stacked_segment_label(d, cs, s, i, cx, y, bw, h)) return FALSE;
    }
    if (any && c->value_labels && nser > 1 && !stacked_total_label(d, cs, i, cx, pos, neg))
      return FALSE;
  }
  return TRUE;
}
