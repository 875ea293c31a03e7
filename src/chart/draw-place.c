/* Where value labels go: clear of each other, of the lines and of the
 * reference lines; moved (a size smaller, inside the bar, upright, led out)
 * before they are left out, and counted when they are, so that the
 * footnote can say so. */
#include <math.h>
#include <string.h>

#include "chart/draw-cartesian.h"

/* Value labels that have been placed (to avoid overlaps). */
gboolean jd_cart_overlaps(GArray *placed, rect r)
{
  for (guint i = 0; i < placed->len; i++) {
    rect o = g_array_index(placed, rect, i);
    if (r.x0 < o.x1 && o.x0 < r.x1 && r.y0 < o.y1 && o.y0 < r.y1) return TRUE;
  }
  return FALSE;
}

jd_rgba jd_cart_value_color(const dctx *d) { return d->t->text; }

/* Whether the polyline through vals (NaN breaks it) at the category centres
 * passes through r. */
static gboolean polyline_hits(const plot *p, double band, const GArray *vals, const double *raw,
                              size_t n, rect r)
{
  if (!vals && !raw) return FALSE;
  for (size_t i = 0; i + 1 < n; i++) {
    double va = vals ? g_array_index(vals, double, i) : raw[i];
    double vb = vals ? g_array_index(vals, double, i + 1) : raw[i + 1];
    if (isnan(va) || isnan(vb)) continue;
    double xa = p->x0 + band * (i + 0.5), xb = xa + band;
    double lo = fmax(xa, r.x0), hi = fmin(xb, r.x1);
    if (lo > hi) continue;
    double ya = vpos(p, va), yb = vpos(p, vb);
    double y_lo = ya + (yb - ya) * (lo - xa) / band, y_hi = ya + (yb - ya) * (hi - xa) / band;
    if (fmax(y_lo, y_hi) >= r.y0 && fmin(y_lo, y_hi) <= r.y1) return TRUE;
  }
  return FALSE;
}

/* Whether r crosses any series line or fitted trend of a line chart. */
static gboolean hits_lines(const dctx *d, const plot *p, double band, rect r)
{
  const jd_chart *c = d->c;
  size_t ncat = c->categories->len;
  double *vals = g_new(double, ncat);
  gboolean hit = FALSE;
  for (size_t s = 0; s < c->series->len && !hit; s++) {
    const jd_chart_series *se = g_ptr_array_index(c->series, s);
    for (size_t i = 0; i < ncat; i++) vals[i] = jd_chart_value(c, s, i);
    hit = polyline_hits(p, band, NULL, vals, ncat, r) ||
          (se->fit && polyline_hits(p, band, se->fit, NULL, MIN(se->fit->len, ncat), r));
  }
  g_free(vals);
  return hit;
}

/* Whether r lies inside the plot (with the value labels' overhang above
 * it) and clear of the labels placed so far. */
gboolean jd_cart_free_place(const dctx *d, const cartesian *cs, rect r)
{
  const plot *p = &cs->p;
  double over = d->sp->line_label_overhang * d->fs;
  return r.y0 >= p->y0 - over && r.y1 <= p->y1 + 0.5 && r.x0 >= d->m * d->sp->canvas_edge &&
         r.x1 <= d->W - d->m * d->sp->canvas_edge && !jd_cart_overlaps(cs->placed, r);
}

/* The text colour on a fill of colour col (dark on light fills, hatching). */
jd_rgba jd_cart_on_fill(jd_rgba col, gboolean derived)
{
  return derived || jd_luminance(col) > 0.55 ? (jd_rgba){0.08, 0.08, 0.08, 1}
                                             : (jd_rgba){1, 1, 1, 1};
}

/* The value label at the end of a horizontal bar (x, y, w, bh) when it
 * fits the room across (fit): at its size, else a size smaller; else left
 * out and counted. */
gboolean jd_cart_hbar_value_label(dctx *d, cartesian *cs, size_t s, size_t i, double x, double y,
                                  double w, double fit, double bh)
{
  const jd_chart *c = d->c;
  double v = jd_chart_value(c, s, i), gap = d->sp->hbar_value_gap * d->fs;
  double edge = d->W - d->m * d->sp->canvas_edge;
  g_autofree char *txt = jd_chart_value_text(c, s, i);
  for (int k = 0; k < 3; k++) {
    label l;
    if (!jd_label_make_sized(d, &l, txt, R_VALUE, jd_role_size(d, R_VALUE) * (1 - 0.12 * k),
                             FALSE, 0, PANGO_ALIGN_LEFT))
      return FALSE;
    if (l.h > fit) continue;
    double cy = y + bh / 2;
    if (v < 0) {
      jd_label_show(d, &l, x - gap, cy, 1, 0.5, jd_cart_value_color(d), 0);
      return TRUE;
    }
    /* after the bar's end, past a whisker or a reference line in the way */
    rect r = {x + w + gap, cy - l.h / 2, x + w + gap + l.w, cy + l.h / 2};
    for (int tries = 0; tries < 4; tries++) {
      gboolean moved = FALSE;
      for (guint q = 0; q < cs->placed->len && !moved; q++) {
        rect o = g_array_index(cs->placed, rect, q);
        if (!(r.x0 < o.x1 && o.x0 < r.x1 && r.y0 < o.y1 && o.y0 < r.y1)) continue;
        r.x0 = o.x1 + gap / 2;
        r.x1 = r.x0 + l.w;
        moved = TRUE;
      }
      if (!moved) break;
    }
    if (r.x1 > edge || jd_cart_overlaps(cs->placed, r)) {
      /* else inside the bar's end, on its fill */
      rect in = {x + w - gap - l.w, r.y0, x + w - gap, r.y1};
      if (in.x0 >= x + gap && !jd_cart_overlaps(cs->placed, in)) {
        jd_label_show(d, &l, in.x0, in.y0, 0, 0, jd_cart_on_fill(jd_series_color(d, s), FALSE), 0);
        g_array_append_val(cs->placed, in);
        return TRUE;
      }
      r = (rect){x + w + gap, cy - l.h / 2, x + w + gap + l.w, cy + l.h / 2};
    }
    jd_label_show(d, &l, r.x0, r.y0, 0, 0, jd_cart_value_color(d), 0);
    g_array_append_val(cs->placed, r);
    return TRUE;
  }
  d->dropped++;
  return TRUE;
}

/* The value label of a vertical bar b (x0,y0 its top-left) with room for
 * its width: above the bar (below, negative); else a size smaller there;
 * else inside the bar's end, level or turned upright; else upright above
 * it. Only when none is free is it left out, and counted (the footnote
 * says so). */
gboolean jd_cart_bar_value_label(dctx *d, cartesian *cs, size_t s, size_t i, rect b, double room)
{
  const jd_chart *c = d->c;
  double v = jd_chart_value(c, s, i), gap = d->sp->value_gap * d->fs;
  double pad = d->sp->segment_pad * d->fs, bw = b.x1 - b.x0, cx = (b.x0 + b.x1) / 2;
  gboolean up = v >= 0;
  g_autofree char *txt = jd_chart_value_text(c, s, i);
  gboolean derived = jd_chart_flags(c, s, i) & (JD_CHART_POINT_IMPLIED | JD_CHART_POINT_INFERRED);
  /* outside: beyond the bar's end and its interval's whisker; inside: from
   * the end, clear of the whisker's other half */
  double out_end = up ? b.y0 : b.y1, in_end = out_end;
  const jd_chart_series *se = g_ptr_array_index(c->series, s);
  if (se->ci_lo && se->ci_hi && i < se->ci_hi->len && i < se->ci_lo->len) {
    double hi = g_array_index(se->ci_hi, double, i), lo = g_array_index(se->ci_lo, double, i);
    double cap = d->sp->marker * d->fs;
    if (!isnan(hi) && !isnan(lo)) {
      out_end = up ? fmin(out_end, vpos(&cs->p, hi) - cap) : fmax(out_end, vpos(&cs->p, lo) + cap);
      in_end = up ? fmax(in_end, vpos(&cs->p, lo) + cap) : fmin(in_end, vpos(&cs->p, hi) - cap);
    }
  }
  double inside = up ? b.y1 - in_end : in_end - b.y0; /* the bar's length left inside */
  for (int k = 0; k < 2; k++) {
    label l;
    if (!jd_label_make_sized(d, &l, txt, R_VALUE, jd_role_size(d, R_VALUE) * (k ? 0.85 : 1), FALSE,
                             0, PANGO_ALIGN_LEFT))
      return FALSE;
    double ly = up ? out_end - gap - l.h : out_end + gap;
    rect r = {cx - l.w / 2, ly, cx + l.w / 2, ly + l.h};
    if (l.w <= room && jd_cart_free_place(d, cs, r)) {
      jd_label_show(d, &l, r.x0, r.y0, 0, 0, jd_cart_value_color(d), 0);
      g_array_append_val(cs->placed, r);
      return TRUE;
    }
  }
  label l;
  if (!jd_label_make(d, &l, txt, R_VALUE, FALSE, 0, PANGO_ALIGN_LEFT)) return FALSE;
  jd_rgba tc = jd_cart_on_fill(jd_series_color(d, s), derived);
  if (l.w <= bw - 2 * pad && l.h <= inside - 2 * pad) { /* inside, level, clear of ref lines */
    double ly = up ? in_end + pad : in_end - pad - l.h;
    for (int k = 0; k < 3; k++) {
      rect r = {cx - l.w / 2, ly, cx + l.w / 2, ly + l.h};
      if (r.y0 < b.y0 + pad / 2 || r.y1 > b.y1 - pad / 2) break;
      if (!jd_cart_overlaps(cs->placed, r)) {
        jd_label_show(d, &l, r.x0, r.y0, 0, 0, tc, 0);
        return TRUE;
      }
      ly += (up ? 1 : -1) * (l.h * 0.75);
    }
  }
  if (l.h <= bw - pad && l.w <= inside - 2 * pad) { /* inside, upright */
    double ly = up ? in_end + pad : in_end - pad - l.w;
    jd_label_show(d, &l, cx, ly, 1, 0.5, tc, -G_PI / 2);
    return TRUE;
  }
  double ly = up ? out_end - gap - l.w : out_end + gap;
  rect r = {cx - l.h / 2, ly, cx + l.h / 2, ly + l.w};
  if (l.h <= room && jd_cart_free_place(d, cs, r)) { /* upright, outside */
    jd_label_show(d, &l, cx, r.y1, 0, 0.5, jd_cart_value_color(d), -G_PI / 2);
    g_array_append_val(cs->placed, r);
    return TRUE;
  }
  d->dropped++;
  return TRUE;
}

/* The value of a stack segment inside it, when it fits: dark or white
 * text by the fill, on a plate over hatching. */
gboolean jd_cart_lead_out(dctx *d, cartesian *cs, const label *l, double cx, double y,
                                 double bw, double h)
{
  /* beside the bar, right, with a short leader to the segment's middle */
  double lead = d->sp->value_gap * d->fs * 2, x = cx + bw / 2 + lead;
  double my = y + h / 2;
  rect r = {x, my - l->h / 2, x + l->w, my + l->h / 2};
  if (r.x1 > cx + cs->band / 2 || !jd_cart_free_place(d, cs, r)) {
    d->dropped++;
    return TRUE;
  }
  cairo_t *cr = d->cr;
  cairo_save(cr);
  jd_set_rgba(cr, d->t->muted);
  cairo_set_line_width(cr, d->sp->rule * d->fs);
  cairo_move_to(cr, cx + bw / 2 - bw * 0.15, my);
  cairo_line_to(cr, x - d->fs, my);
  cairo_stroke(cr);
  cairo_restore(cr);
  jd_label_show(d, l, r.x0, r.y0, 0, 0, jd_cart_value_color(d), 0);
  g_array_append_val(cs->placed, r);
  return TRUE;
}

/* The value label of point i of series s: above the point, else below,
 * else further up or down — the first place clear of other labels and of
 * every line; else the first clear of labels (the halo keeps the lines off
 * the glyphs); else left out. */
gboolean jd_cart_line_value_label(dctx *d, cartesian *cs, size_t s, size_t i)
{
  const jd_chart *c = d->c;
  const plot *p = &cs->p;
  double band = cs->band, rad = d->sp->marker * d->fs;
  double gap = d->sp->line_label_gap * d->fs;
  double v = jd_chart_value(c, s, i);
  if (isnan(v)) return TRUE;
  g_autofree char *txt = jd_chart_value_text(c, s, i);
  label l;
  if (!jd_label_make(d, &l, txt, R_VALUE, FALSE, 0, PANGO_ALIGN_LEFT)) return FALSE;
  double x = p->x0 + band * (i + 0.5), y = vpos(p, v);
  if (l.w > band - d->sp->value_fit * d->fs && c->categories->len > 1) {
    d->dropped++;
    return TRUE;
  }
  rect above = {x - l.w / 2, y - rad - gap - l.h, x + l.w / 2, y - rad - gap};
  rect below = {x - l.w / 2, y + rad + gap, x + l.w / 2, y + rad + gap + l.h};
  double lift = l.h * 0.9;
  rect high = {above.x0, above.y0 - lift, above.x1, above.y1 - lift};
  rect low = {below.x0, below.y0 + lift, below.x1, below.y1 + lift};
  rect cand[] = {above, below, high, low};
  rect *use = NULL, *fallback = NULL;
  for (size_t q = 0; q < G_N_ELEMENTS(cand) && !use; q++) {
    rect *cr_ = &cand[q];
    gboolean inside = cr_->y0 >= p->y0 - d->sp->line_label_overhang * d->fs && cr_->y1 <= p->y1 &&
                      cr_->x0 >= d->m * d->sp->canvas_edge &&
                      cr_->x1 <= d->W - d->m * d->sp->canvas_edge;
    if (!inside || jd_cart_overlaps(cs->placed, *cr_)) continue;
    /* the glyph box is narrower than the layout box: test that */
    rect ink = {cr_->x0 + d->fs, cr_->y0 + l.h * 0.18, cr_->x1 - d->fs, cr_->y1 - l.h * 0.12};
    if (!hits_lines(d, p, band, ink)) use = cr_;
    else if (!fallback && q < 2) fallback = cr_;
  }
  if (!use) use = fallback;
  if (!use) {
    d->dropped++;
    return TRUE;
  }
  jd_label_halo(d, &l, use->x0, use->y0);
  jd_rgba tc = jd_series_color(d, s);
  if (fabs(jd_luminance(tc) - jd_luminance(d->t->background)) < 0.3) tc = d->t->text;
  jd_label_show(d, &l, use->x0, use->y0, 0, 0, tc, 0);
  g_array_append_val(cs->placed, *use);
  return TRUE;
}
