/* Reference lines (a target, the parent region's value), dashed across
 * the plot and labelled beside it, and intervals (Wilson) as whiskers. */
#include <math.h>
#include <string.h>

#include "chart/draw-cartesian.h"

/* The label of a reference line: its name and value ("省定目标 90%"). */
gboolean jd_cart_ref_label(dctx *d, const jd_chart_ref *ref, label *l)
{
  const jd_chart *c = d->c;
  g_autofree char *num = jd_chart_format_number(ref->value, c->number_style, c->decimals,
                                                JD_QUAL_EXACT);
  g_autofree char *txt = g_strdup_printf("%s%s%s", ref->label, *ref->label ? "\n" : "", num);
  return jd_label_make(d, l, txt, R_TICK, TRUE, 0, PANGO_ALIGN_LEFT);
}

static gboolean rects_overlap(rect a, rect b)
{
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/* The first of the labels before k that mark k's label overlaps, or -1. */
static int ref_clash(const ref_mark *marks, guint k, rect r)
{
  for (guint j = 0; j < k; j++)
    if (rects_overlap(r, marks[j].r)) return (int)j;
  return -1;
}

/* Two lines close together (a parent's 88% beside a target of 90%): the
 * later label moves along the side it stands on — beyond the one it would
 * cover, on the side of its own line, else the other — within the canvas. */
static void separate_ref(const dctx *d, const plot *p, ref_mark *marks, guint k)
{
  ref_mark *m = &marks[k];
  double gap = d->sp->value_gap * d->fs, edge = d->m * d->sp->canvas_edge;
  for (int tries = 0; tries < 4; tries++) {
    int j = ref_clash(marks, k, m->r);
    if (j < 0) return;
    const ref_mark *o = &marks[j];
    gboolean after = p->horizontal ? m->pos >= o->pos : m->pos > o->pos;
    rect best = m->r;
    for (int side = 0; side < 2; side++, after = !after) {
      rect r = m->r;
      if (p->horizontal) {
        double w = r.x1 - r.x0;
        r.x0 = after ? o->r.x1 + gap : o->r.x0 - gap - w;
        r.x0 = fmax(edge, fmin(r.x0, d->W - edge - w));
        r.x1 = r.x0 + w;
      } else {
        double h = r.y1 - r.y0;
        r.y0 = after ? o->r.y1 + gap / 2 : o->r.y0 - gap / 2 - h;
        r.y0 = fmax(edge, fmin(r.y0, d->H - edge - h));
        r.y1 = r.y0 + h;
      }
      best = r;
      if (ref_clash(marks, k, r) < 0) break;
    }
    m->r = best;
  }
}

gboolean jd_cart_place_refs(dctx *d, cartesian *cs, ref_mark **out)
{
  const jd_chart *c = d->c;
  const plot *p = &cs->p;
  *out = g_new0(ref_mark, c->refs->len + 1);
  double gap = d->sp->value_gap * d->fs;
  for (guint k = 0; k < c->refs->len; k++) {
    const jd_chart_ref *ref = &g_array_index(c->refs, jd_chart_ref, k);
    ref_mark *m = &(*out)[k];
    if (!jd_cart_ref_label(d, ref, &m->l)) return FALSE;
    m->pos = vpos(p, ref->value);
    if (p->horizontal) /* above the plot, over the line */
      m->r = (rect){m->pos - m->l.w / 2, p->y0 - gap - m->l.h, m->pos + m->l.w / 2, p->y0 - gap};
    else /* right of the plot, level with the line */
      m->r = (rect){p->x1 + d->sp->end_label_gap * d->fs, m->pos - m->l.h / 2,
                    p->x1 + d->sp->end_label_gap * d->fs + m->l.w, m->pos + m->l.h / 2};
    separate_ref(d, p, *out, k);
    /* the line itself: value labels keep off it */
    rect line = p->horizontal ? (rect){m->pos - gap / 2, p->y0, m->pos + gap / 2, p->y1}
                              : (rect){p->x0, m->pos - gap / 2, p->x1, m->pos + gap / 2};
    g_array_append_val(cs->placed, line);
  }
  return TRUE;
}

void jd_cart_draw_refs(dctx *d, const cartesian *cs, const ref_mark *marks)
{
  const jd_chart *c = d->c;
  const plot *p = &cs->p;
  cairo_t *cr = d->cr;
  for (guint k = 0; k < c->refs->len; k++) {
    const ref_mark *m = &marks[k];
    cairo_save(cr);
    jd_set_rgba(cr, d->t->accent);
    cairo_set_line_width(cr, d->sp->rule * d->fs * 1.6);
    double dash[] = {d->sp->trend_dash[0] * d->fs, d->sp->trend_dash[1] * d->fs};
    cairo_set_dash(cr, dash, 2, 0);
    if (p->horizontal) {
      cairo_move_to(cr, m->pos, p->y0);
      cairo_line_to(cr, m->pos, p->y1);
    } else {
      cairo_move_to(cr, p->x0, m->pos);
      cairo_line_to(cr, p->x1, m->pos);
    }
    cairo_stroke(cr);
    cairo_restore(cr);
    jd_label_halo(d, &m->l, m->r.x0, m->r.y0);
    jd_label_show(d, &m->l, m->r.x0, m->r.y0, 0, 0, d->t->accent, 0);
  }
}

/* Where the whisker of point i of series s lies: across the value axis
 * from *a to *b at *centre (the bar's or point's middle), caps *cap long
 * each side. FALSE when the point has no interval. */
static gboolean whisker_at(const dctx *d, const cartesian *cs, size_t s, size_t i, double *centre,
                           double *a, double *b, double *cap)
{
  const jd_chart *c = d->c;
  const plot *p = &cs->p;
  const jd_chart_series *se = g_ptr_array_index(c->series, s);
  size_t nser = c->series->len, ncat = c->categories->len;
  if (!se->ci_lo || !se->ci_hi || i >= se->ci_lo->len || i >= se->ci_hi->len) return FALSE;
  double lo = g_array_index(se->ci_lo, double, i), hi = g_array_index(se->ci_hi, double, i);
  if (isnan(lo) || isnan(hi)) return FALSE;
  gboolean bars = c->type == JD_CHART_BAR || c->type == JD_CHART_GROUPED_BAR;
  double band = p->horizontal ? (p->y1 - p->y0) / ncat : cs->band;
  double group = bars ? fmin(band * d->t->bar_width, nser * d->sp->bar_max * d->fs) : 0;
  double gap = bars && nser > 1 ? fmin(d->sp->bar_gap * d->fs, group * d->sp->bar_gap_share) : 0;
  double bw = bars ? (group - gap * (nser - 1)) / nser : 0;
  *cap = d->sp->marker * d->fs * 1.2;
  *centre = (p->horizontal ? p->y0 : p->x0) + band * (i + 0.5);
  if (bars) *centre += -group / 2 + s * (bw + gap) + bw / 2;
  *a = vpos(p, lo);
  *b = vpos(p, hi);
  return TRUE;
}

void jd_cart_place_intervals(const dctx *d, cartesian *cs)
{
  double centre, a, b, cap;
  for (size_t s = 0; s < d->c->series->len; s++)
    for (size_t i = 0; i < d->c->categories->len; i++) {
      if (!whisker_at(d, cs, s, i, &centre, &a, &b, &cap)) continue;
      rect r = cs->p.horizontal ? (rect){fmin(a, b) - cap / 2, centre - cap, fmax(a, b) + cap / 2, centre + cap}
                                : (rect){centre - cap, fmin(a, b) - cap / 2, centre + cap, fmax(a, b) + cap / 2};
      g_array_append_val(cs->placed, r);
    }
}

/* Whiskers from lo to hi at the bars' or points' centres (Wilson intervals
 * of rates), with short caps. */
void jd_cart_draw_intervals(dctx *d, const cartesian *cs)
{
  const jd_chart *c = d->c;
  const plot *p = &cs->p;
  cairo_t *cr = d->cr;
  cairo_save(cr);
  jd_set_rgba(cr, d->t->text);
  cairo_set_line_width(cr, d->sp->rule * d->fs * 1.5);
  double centre, a, b, cap;
  for (size_t s = 0; s < c->series->len; s++)
    for (size_t i = 0; i < c->categories->len; i++) {
      if (!whisker_at(d, cs, s, i, &centre, &a, &b, &cap)) continue;
      if (p->horizontal) {
        cairo_move_to(cr, a, centre);
        cairo_line_to(cr, b, centre);
        cairo_move_to(cr, a, centre - cap);
        cairo_line_to(cr, a, centre + cap);
        cairo_move_to(cr, b, centre - cap);
        cairo_line_to(cr, b, centre + cap);
      } else {
        cairo_move_to(cr, centre, a);
        cairo_line_to(cr, centre, b);
        cairo_move_to(cr, centre - cap, a);
        cairo_line_to(cr, centre + cap, a);
        cairo_move_to(cr, centre - cap, b);
        cairo_line_to(cr, centre + cap, b);
      }
      cairo_stroke(cr);
    }
  cairo_restore(cr);
}
