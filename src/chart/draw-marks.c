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

/* Whiskers from lo to hi at the bars' or points' centres (Wilson intervals
 * of rates), with short caps. */
void jd_cart_draw_intervals(dctx *d, const cartesian *cs)
{
  const jd_chart *c = d->c;
  const plot *p = &cs->p;
  cairo_t *cr = d->cr;
  size_t nser = c->series->len, ncat = c->categories->len;
  gboolean bars = c->type == JD_CHART_BAR || c->type == JD_CHART_GROUPED_BAR;
  double band = p->horizontal ? (p->y1 - p->y0) / ncat : cs->band;
  double group = bars ? fmin(band * d->t->bar_width, nser * d->sp->bar_max * d->fs) : 0;
  double gap = bars && nser > 1 ? fmin(d->sp->bar_gap * d->fs, group * d->sp->bar_gap_share) : 0;
  double bw = bars ? (group - gap * (nser - 1)) / nser : 0;
  double cap = d->sp->marker * d->fs * 1.2;
  cairo_save(cr);
  jd_set_rgba(cr, d->t->text);
  cairo_set_line_width(cr, d->sp->rule * d->fs * 1.5);
  for (size_t s = 0; s < nser; s++) {
    const jd_chart_series *se = g_ptr_array_index(c->series, s);
    if (!se->ci_lo || !se->ci_hi) continue;
    for (size_t i = 0; i < ncat && i < se->ci_lo->len && i < se->ci_hi->len; i++) {
      double lo = g_array_index(se->ci_lo, double, i), hi = g_array_index(se->ci_hi, double, i);
      if (isnan(lo) || isnan(hi)) continue;
      double centre = (p->horizontal ? p->y0 : p->x0) + band * (i + 0.5);
      if (bars) centre += -group / 2 + s * (bw + gap) + bw / 2;
      double a = vpos(p, lo), b = vpos(p, hi);
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
  }
  cairo_restore(cr);
}
