/* Bar, grouped, stacked, horizontal bar and line charts: the data range,
 * the layout pass (axis titles, tick labels and category labels measured,
 * the plot rectangle placed, the value axis fitted once), the grid and
 * ticks, the category labels and the zero line; then the chart type's
 * drawer (draw-bars.c, draw-lines.c) and the reference marks
 * (draw-marks.c), with value labels placed by draw-place.c. */
#include <math.h>
#include <string.h>

#include "chart/draw-cartesian.h"

static void data_range(const dctx *d, range *r)
{
  const jd_chart *c = d->c;
  size_t ncat = c->categories->len;
  gboolean any = FALSE;
  r->lo = INFINITY;
  r->hi = -INFINITY;
  for (size_t i = 0; i < ncat; i++) {
    double pos = 0, neg = 0;
    for (size_t s = 0; s < c->series->len; s++) {
      double v = jd_chart_value(c, s, i);
      if (isnan(v)) continue;
      any = TRUE;
      if (c->type == JD_CHART_STACKED_BAR) {
        if (v >= 0) pos += v; else neg += v;
      } else {
        r->lo = fmin(r->lo, v);
        r->hi = fmax(r->hi, v);
      }
      if (c->type == JD_CHART_LINE) {
        const jd_chart_series *se = g_ptr_array_index(c->series, s);
        (void)se;
      }
    }
    if (c->type == JD_CHART_STACKED_BAR) {
      r->lo = fmin(r->lo, neg);
      r->hi = fmax(r->hi, pos);
    }
  }
  /* counts that are never negative: a trend band or an interval reaching below
   * zero (a steep line fitted from a small first value) does not take the
   * axis there; the band is cut at the axis */
  double floor_of_bands = any && r->lo >= 0 ? 0 : -INFINITY;
  if (c->type == JD_CHART_LINE) {
    for (size_t s = 0; s < c->series->len; s++) {
      const jd_chart_series *se = g_ptr_array_index(c->series, s);
      GArray *arrs[3] = {se->fit, se->lower, se->upper};
      for (int k = 0; k < 3; k++) {
        if (!arrs[k]) continue;
        for (guint i = 0; i < arrs[k]->len && i < ncat; i++) {
          double v = g_array_index(arrs[k], double, i);
          if (isnan(v) || isinf(v)) continue;
          r->lo = fmin(r->lo, fmax(v, floor_of_bands));
          r->hi = fmax(r->hi, v);
          any = TRUE;
        }
      }
    }
  }
  for (size_t s = 0; s < c->series->len; s++) {
    const jd_chart_series *se = g_ptr_array_index(c->series, s);
    for (guint i = 0; se->ci_lo && se->ci_hi && i < se->ci_lo->len && i < se->ci_hi->len; i++) {
      double lo = g_array_index(se->ci_lo, double, i), hi = g_array_index(se->ci_hi, double, i);
      if (!isnan(lo)) r->lo = fmin(r->lo, fmax(lo, floor_of_bands));
      if (!isnan(hi)) r->hi = fmax(r->hi, hi);
    }
  }
  for (guint k = 0; k < c->refs->len; k++) {
    double v = g_array_index(c->refs, jd_chart_ref, k).value;
    r->lo = fmin(r->lo, v);
    r->hi = fmax(r->hi, v);
    any = TRUE;
  }
  if (!any) {
    r->lo = 0;
    r->hi = 1;
  }
  /* every chart of counts starts at zero, lines too, so that two charts of
   * one metric share their baseline; a fixed range (rates on 0–100%) holds */
  r->lo = fmin(r->lo, 0);
  r->hi = fmax(r->hi, 0);
  if (c->range_set) {
    r->lo = fmin(r->lo, c->range_min);
    r->hi = fmax(r->hi, c->range_max);
  } else if (c->number_style == JD_NUMBER_PERCENT && r->lo >= 0 && r->hi <= 100) {
    r->hi = 100; /* a rate: the whole 0–100% (a spec's range says otherwise) */
  }
}

/* Whether the value axis is fixed (a range set, or a rate on 0–100%): no
 * head room is added for value labels. */
static gboolean axis_fixed(const jd_chart *c, const range *r)
{
  return c->range_set || (c->number_style == JD_NUMBER_PERCENT && r->lo >= 0 && r->hi == 100);
}

/* Measures tick labels; returns their max width and height. */
static gboolean tick_labels(dctx *d, const axis *a, label **out, double *wmax, double *hmax)
{
  *out = g_new0(label, a->n + 1);
  *wmax = *hmax = 0;
  for (int i = 0; i <= a->n; i++) {
    g_autofree char *s = jd_axis_text(a, a->min + i * a->step);
    if (!jd_label_make(d, &(*out)[i], s, R_TICK, FALSE, 0, PANGO_ALIGN_LEFT)) return FALSE;
    *wmax = fmax(*wmax, (*out)[i].w);
    *hmax = fmax(*hmax, (*out)[i].h);
  }
  return TRUE;
}

static void draw_grid(dctx *d, const plot *p, label *ticks)
{
  cairo_t *cr = d->cr;
  cairo_save(cr);
  cairo_set_line_width(cr, d->sp->rule * d->fs);
  for (int i = 0; i <= p->ax.n; i++) {
    double v = p->ax.min + i * p->ax.step;
    double pos = vpos(p, v);
    gboolean zero = fabs(v) < p->ax.step * 1e-9;
    jd_set_rgba(cr, zero ? d->t->axis : d->t->grid);
    if (p->horizontal) {
      double x = round(pos * 2) / 2;
      cairo_move_to(cr, x, p->y0);
      cairo_line_to(cr, x, p->y1);
    } else {
      double y = round(pos * 2) / 2;
      cairo_move_to(cr, p->x0, y);
      cairo_line_to(cr, p->x1, y);
    }
    cairo_stroke(cr);
    if (p->horizontal)
      jd_label_show(d, &ticks[i], pos, p->y1 + d->sp->tick_gap_below * d->fs, 0.5, 0, d->t->muted,
                    0);
    else
      jd_label_show(d, &ticks[i], p->x0 - d->sp->tick_gap * d->fs, pos, 1, 0.5, d->t->muted, 0);
  }
  cairo_restore(cr);
}

static gboolean measure_categories(dctx *d, cats *k, double band, gboolean horizontal,
                                   double max_width)
{
  const jd_chart *c = d->c;
  size_t n = c->categories->len;
  k->ls = g_new0(label, n);
  k->hmax = k->wmax = 0;
  k->rotated = FALSE;
  double size = jd_role_size(d, R_CATEGORY);
  double width = horizontal ? max_width : band - d->sp->category_pad * d->fs;
  gboolean rotate = !horizontal && width < size * d->sp->category_rotate;
  for (size_t i = 0; i < n && !rotate; i++) {
    if (!jd_label_make(d, &k->ls[i], g_ptr_array_index(c->categories, i), R_CATEGORY, FALSE, width,
            horizontal ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER))
      return FALSE;
    if (!horizontal && pango_layout_get_line_count(k->ls[i].lay) > 3) rotate = TRUE;
    k->hmax = fmax(k->hmax, k->ls[i].h);
    k->wmax = fmax(k->wmax, k->ls[i].w);
  }
  if (rotate) {
    k->rotated = TRUE;
    k->hmax = k->wmax = 0;
    for (size_t i = 0; i < n; i++) {
      if (!jd_label_make(d, &k->ls[i], g_ptr_array_index(c->categories, i), R_CATEGORY, FALSE,
              d->H * d->sp->category_rotated_max / sin(G_PI / 4), PANGO_ALIGN_RIGHT))
        return FALSE;
      /* rotated by −45°: vertical extent */
      double ext = (k->ls[i].w + k->ls[i].h) * sin(G_PI / 4);
      k->hmax = fmax(k->hmax, ext);
    }
  }
  return TRUE;
}

static void draw_category(dctx *d, const cats *k, size_t i, double cx, double ytop)
{
  if (!k->rotated) {
    jd_label_show(d, &k->ls[i], cx, ytop, 0.5, 0, d->t->text, 0);
  } else {
    /* anchor the label's right end under the tick, text running up-left */
    jd_label_show(d, &k->ls[i], cx + k->ls[i].h * 0.35, ytop, 1, 0, d->t->text, -G_PI / 4);
  }
}

/* The value axis title as Chinese charts print it, level above the tick
 * labels: a bare unit ("起", "万起") or a trailing "（单位）" becomes
 * "单位：起"; a longer name is kept as it is. */
static char *axis_title_text(const char *t)
{
  if (!t || !*t) return NULL;
  if (g_str_has_prefix(t, "单位")) return g_strdup(t);
  /* percentages carry their sign on every tick */
  if (strcmp(t, "%") == 0 || g_str_has_suffix(t, "（%）")) return NULL;
  const char *open = strstr(t, "（");
  if (open && g_str_has_suffix(t, "）") && open + strlen("（") < t + strlen(t) - strlen("）")) {
    const char *u = open + strlen("（");
    return g_strdup_printf("单位：%.*s", (int)(t + strlen(t) - strlen("）") - u), u);
  }
  if (g_utf8_strlen(t, -1) <= 3) return g_strdup_printf("单位：%s", t);
  return g_strdup(t);
}

static void cartesian_clear(cartesian *cs)
{
  g_free(cs->ticks);
  g_free(cs->unit_title);
  g_free(cs->k.ls);
  g_array_unref(cs->placed);
}

/* Fails the drawing: the canvas is too small for what (and the hint how to fix it). */
static gboolean too_small(dctx *d, const char *what, const char *hint)
{
  g_autofree char *sz = jd_canvas_size_text(d);
  g_set_error(d->error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
              "chart '%s': %s is too small for %s — use a larger size%s",
              jd_chart_display_name(d->c), sz, what, hint);
  d->failed = TRUE;
  return FALSE;
}

/* The axis titles, measured. y_label names the value axis, x_label the
 * categories: in hbar they swap sides. Both lie level: the value axis title
 * above the ticks (vertical charts) or under the axis (hbar); the hbar
 * category name above the categories. */
static gboolean measure_axis_titles(dctx *d, cartesian *cs)
{
  const jd_chart *c = d->c;
  gboolean horizontal = c->type == JD_CHART_HBAR;
  double plot_w_guess = d->W - 2 * d->m;
  cs->unit_title = axis_title_text(c->y_label);
  cs->left_text = horizontal ? c->x_label : cs->unit_title;
  cs->bottom_text = horizontal ? cs->unit_title : c->x_label;
  if (cs->left_text && !*cs->left_text) cs->left_text = NULL;
  if (cs->bottom_text && !*cs->bottom_text) cs->bottom_text = NULL;
  if (cs->left_text && !jd_label_make(d, &cs->yl, cs->left_text, R_AXIS, FALSE,
                                      plot_w_guess * d->sp->axis_title_width, PANGO_ALIGN_LEFT))
    return FALSE;
  if (cs->bottom_text && !jd_label_make(d, &cs->xl, cs->bottom_text, R_AXIS, FALSE, plot_w_guess,
                                        PANGO_ALIGN_CENTER))
    return FALSE;
  return TRUE;
}

/* The room on the right for the series names at the line ends (several
 * lines: direct labels help greyscale readers). */
static gboolean direct_label_room(dctx *d, double *room)
{
  const jd_chart *c = d->c;
  *room = 0;
  for (guint k = 0; k < c->refs->len; k++) {
    label l;
    if (!jd_cart_ref_label(d, &g_array_index(c->refs, jd_chart_ref, k), &l)) return FALSE;
    *room = fmax(*room, l.w + d->sp->end_label_gap * d->fs);
  }
  if (c->type != JD_CHART_LINE || c->series->len <= 1) return TRUE;
  double wmax = 0;
  for (size_t s = 0; s < c->series->len; s++) {
    label l;
    if (!jd_label_make(d, &l, ((jd_chart_series *)g_ptr_array_index(c->series, s))->name, R_LEGEND,
                       FALSE, 0, PANGO_ALIGN_LEFT))
      return FALSE;
    wmax = fmax(wmax, l.w);
  }
  *room = fmax(*room, fmin(wmax + d->sp->end_label_room * d->fs, d->W * d->sp->end_label_max));
  return TRUE;
}

/* The value axis of a vertical chart, with head room above (below) the
 * data for the value labels. */
static void fit_value_axis(dctx *d, cartesian *cs, double value_h)
{
  const jd_chart *c = d->c;
  plot *p = &cs->p;
  int target =
      (int)fmax(3, fmin(8, (p->y1 - p->y0) / (jd_role_size(d, R_TICK) * d->sp->tick_spacing)));
  double lo = cs->r.lo, hi = cs->r.hi;
  for (int iter = 0; iter < 4; iter++) {
    jd_axis_make(&p->ax, lo, hi, target, c->number_style);
    if (axis_fixed(c, &cs->r)) break; /* value labels near the top go inside their bars */
    double span = p->ax.max - p->ax.min, ph = p->y1 - p->y0;
    double need = value_h + d->sp->value_label_pad * d->fs;
    gboolean grow = FALSE;
    if (c->value_labels && cs->r.hi > 0 && (p->ax.max - cs->r.hi) / span * ph < need) {
      hi = cs->r.hi + need / ph * span * 1.05;
      grow = TRUE;
    }
    if (c->value_labels && cs->r.lo < 0 && (cs->r.lo - p->ax.min) / span * ph < need) {
      lo = cs->r.lo - need / ph * span * 1.05;
      grow = TRUE;
    }
    if (!grow) break;
  }
}

/* Rotated category labels run down-left from their tick: the first ones
 * must not leave the canvas. Moves x0 right (a fixed point: moving x0 also
 * moves the ticks). */
static void keep_rotated_on_canvas(dctx *d, cartesian *cs)
{
  plot *p = &cs->p;
  size_t ncat = d->c->categories->len;
  for (int iter = 0; iter < 3; iter++) {
    double bw = (p->x1 - p->x0) / (double)ncat, need = p->x0;
    for (size_t i = 0; i < ncat; i++) {
      double reach = (cs->k.ls[i].w + cs->k.ls[i].h) * cos(G_PI / 4);
      need = fmax(need, d->m * d->sp->canvas_edge + reach - bw * (i + 0.5));
    }
    if (need <= p->x0 + 0.5) break;
    p->x0 = need;
  }
}

/* The layout pass of a vertical chart: the plot rectangle from the header,
 * the unit title, the tick labels (a first guess of the left margin from
 * the data range, then the final axis), the category labels and the room
 * for direct labels; then draws the axis titles. */
static gboolean layout_vertical(dctx *d, frame *f, cartesian *cs)
{
  const jd_chart *c = d->c;
  plot *p = &cs->p;
  size_t ncat = c->categories->len;
  double tick_gap = d->sp->tick_gap * d->fs;
  double vsize = jd_role_size(d, R_VALUE);
  double value_h = c->value_labels ? vsize * d->sp->value_label_room : 0;
  /* the top tick label reaches half its height above y0 */
  double unit_gap =
      jd_role_size(d, R_TICK) * d->sp->unit_title_raise + d->sp->unit_title_gap * d->fs;
  p->y0 = f->top + (c->value_labels ? 0 : d->sp->plot_top_pad * d->fs) +
          (cs->left_text ? cs->yl.h + unit_gap : 0);
  double bottom = f->bottom - (cs->bottom_text ? cs->xl.h + d->sp->axis_title_gap * d->fs : 0);
  jd_axis_make(&p->ax, cs->r.lo, cs->r.hi, 5, c->number_style);
  double tw, th;
  if (!tick_labels(d, &p->ax, &cs->ticks, &tw, &th)) return FALSE;
  g_free(cs->ticks);
  cs->ticks = NULL;
  double left = d->m + tw + tick_gap;
  double right = d->W - d->m, room;
  if (!direct_label_room(d, &room)) return FALSE;
  right -= room;
  double band = (right - left) / (double)ncat;
  if (!measure_categories(d, &cs->k, band, FALSE, 0)) return FALSE;
  p->y1 = bottom - cs->k.hmax - d->sp->category_gap * d->fs;
  if (p->y1 - p->y0 < d->sp->plot_min_height * d->fs)
    return too_small(d, "its titles and labels", " or shorter labels");
  fit_value_axis(d, cs, value_h);
  if (!tick_labels(d, &p->ax, &cs->ticks, &tw, &th)) return FALSE;
  p->x0 = d->m + tw + tick_gap;
  p->x1 = right;
  if (cs->k.rotated) keep_rotated_on_canvas(d, cs);
  /* the unit, level, above the tick labels (which end at x0 − tick_gap) */
  if (cs->left_text) jd_label_show(d, &cs->yl, d->m, p->y0 - unit_gap, 0, 1, d->t->muted, 0);
  if (cs->bottom_text)
    jd_label_show(d, &cs->xl, (p->x0 + p->x1) / 2, f->bottom, 0.5, 1, d->t->text, 0);
  return TRUE;
}

/* The widest value label of the chart (0 without value labels). */
static gboolean widest_value_label(dctx *d, double *vw)
{
  const jd_chart *c = d->c;
  *vw = 0;
  if (!c->value_labels) return TRUE;
  for (size_t s = 0; s < c->series->len; s++)
    for (size_t i = 0; i < c->categories->len; i++) {
      if (isnan(jd_chart_value(c, s, i))) continue;
      g_autofree char *txt = jd_chart_value_text(c, s, i);
      label l;
      if (!jd_label_make(d, &l, txt, R_VALUE, FALSE, 0, PANGO_ALIGN_LEFT)) return FALSE;
      *vw = fmax(*vw, l.w);
    }
  return TRUE;
}

/* The layout pass of horizontal bars: categories down the left, values
 * along the bottom, with head room on the right (left) for the widest
 * value label; then draws the axis titles. */
/* Horizontal bars: each category's name within its row — a size smaller,
 * down to two thirds, before the chart is too small for them (a ranking
 * never leaves a region unnamed). */
static gboolean fit_hbar_categories(dctx *d, cartesian *cs, double max_w)
{
  const jd_chart *c = d->c;
  size_t n = c->categories->len;
  double band = (cs->p.y1 - cs->p.y0) / (double)n, size = jd_role_size(d, R_CATEGORY);
  for (int k = 1; cs->k.hmax > band && k <= 4; k++) {
    cs->k.hmax = cs->k.wmax = 0;
    for (size_t i = 0; i < n; i++) {
      if (!jd_label_make_sized(d, &cs->k.ls[i], g_ptr_array_index(c->categories, i), R_CATEGORY,
                               size * (1 - 0.085 * k), FALSE, max_w, PANGO_ALIGN_RIGHT))
        return FALSE;
      cs->k.hmax = fmax(cs->k.hmax, cs->k.ls[i].h);
      cs->k.wmax = fmax(cs->k.wmax, cs->k.ls[i].w);
    }
  }
  if (cs->k.hmax > band) {
    g_autofree char *what = g_strdup_printf("%zu rows of category names", n);
    return too_small(d, what, " (a taller one) or fewer categories");
  }
  return TRUE;
}

static gboolean layout_horizontal(dctx *d, frame *f, cartesian *cs)
{
  const jd_chart *c = d->c;
  plot *p = &cs->p;
  double max_cat_w = (d->W - 2 * d->m) * d->sp->hbar_category_max;
  if (!measure_categories(d, &cs->k, 0, TRUE, max_cat_w)) return FALSE;
  jd_axis_make(&p->ax, cs->r.lo, cs->r.hi, 5, c->number_style);
  double tw, th;
  if (!tick_labels(d, &p->ax, &cs->ticks, &tw, &th)) return FALSE;
  double ref_h = 0;
  for (guint k = 0; k < c->refs->len; k++) {
    label l;
    if (!jd_cart_ref_label(d, &g_array_index(c->refs, jd_chart_ref, k), &l)) return FALSE;
    ref_h = fmax(ref_h, l.h + d->sp->value_gap * d->fs);
  }
  p->y0 = f->top + fmax(ref_h, cs->left_text ? cs->yl.h + d->sp->axis_title_gap * d->fs : 0);
  p->y1 = f->bottom - th - d->sp->tick_gap_below * d->fs -
          (cs->bottom_text ? cs->xl.h + d->sp->axis_title_gap * d->fs : 0);
  if (!fit_hbar_categories(d, cs, max_cat_w)) return FALSE;
  p->x0 = d->m + cs->k.wmax + d->sp->hbar_category_room * d->fs;
  p->x1 = d->W - d->m - tw / 2;
  if (p->x1 - p->x0 < d->sp->hbar_plot_min_width * d->fs) return too_small(d, "its labels", "");
  double vw;
  if (!widest_value_label(d, &vw)) return FALSE;
  double lo = cs->r.lo, hi = cs->r.hi;
  for (int iter = 0; iter < 4; iter++) {
    jd_axis_make(&p->ax, lo, hi,
                 (int)fmax(3, fmin(8, (p->x1 - p->x0) / (tw * d->sp->hbar_tick_spacing))),
                 c->number_style);
    if (axis_fixed(c, &cs->r)) break;
    double span = p->ax.max - p->ax.min, pw = p->x1 - p->x0,
           need = vw + d->sp->hbar_value_room * d->fs;
    gboolean grow = FALSE;
    if (vw > 0 && cs->r.hi > 0 && (p->ax.max - cs->r.hi) / span * pw < need) {
      hi = cs->r.hi + need / pw * span * 1.05;
      grow = TRUE;
    }
    if (vw > 0 && cs->r.lo < 0 && (cs->r.lo - p->ax.min) / span * pw < need) {
      lo = cs->r.lo - need / pw * span * 1.05;
      grow = TRUE;
    }
    if (!grow) break;
  }
  g_free(cs->ticks);
  cs->ticks = NULL;
  if (!tick_labels(d, &p->ax, &cs->ticks, &tw, &th)) return FALSE;
  if (cs->left_text)
    jd_label_show(d, &cs->yl, d->m, p->y0 - d->sp->axis_title_gap * d->fs, 0, 1, d->t->muted, 0);
  if (cs->bottom_text) jd_label_show(d, &cs->xl, p->x1, f->bottom, 1, 1, d->t->muted, 0);
  return TRUE;
}

/* The zero line over the bars: vertical in hbar, else horizontal. */
static void draw_zero_line(dctx *d, const cartesian *cs)
{
  cairo_t *cr = d->cr;
  const plot *p = &cs->p;
  jd_set_rgba(cr, d->t->axis);
  cairo_set_line_width(cr, d->sp->rule * d->fs);
  if (p->horizontal) {
    cairo_move_to(cr, round(cs->zero * 2) / 2, p->y0);
    cairo_line_to(cr, round(cs->zero * 2) / 2, p->y1);
  } else {
    cairo_move_to(cr, p->x0, round(cs->zero * 2) / 2);
    cairo_line_to(cr, p->x1, round(cs->zero * 2) / 2);
  }
  cairo_stroke(cr);
}

/* A bar or line chart below the header: the legend, the layout pass, the
 * grid with its ticks, the category labels, the series, the zero line. */
gboolean jd_draw_cartesian(dctx *d, frame *f)
{
  const jd_chart *c = d->c;
  size_t ncat = c->categories->len;
  gboolean horizontal = c->type == JD_CHART_HBAR;
  gboolean ok = FALSE;
  cartesian cs = {0};
  ref_mark *refs = NULL;
  cs.placed = g_array_new(FALSE, FALSE, sizeof(rect));

  if (!jd_draw_legend(d, f)) goto out;
  data_range(d, &cs.r);
  cs.p.horizontal = horizontal;
  if (!measure_axis_titles(d, &cs)) goto out;
  if (!(horizontal ? layout_horizontal(d, f, &cs) : layout_vertical(d, f, &cs))) goto out;
  draw_grid(d, &cs.p, cs.ticks);
  cs.zero = vpos(&cs.p, fmin(fmax(0, cs.p.ax.min), cs.p.ax.max));
  if (!horizontal) cs.band = (cs.p.x1 - cs.p.x0) / ncat;
  if (!jd_cart_place_refs(d, &cs, &refs)) goto out;
  jd_cart_place_intervals(d, &cs);
  if (horizontal) {
    if (!jd_cart_draw_hbars(d, &cs)) goto out;
    draw_zero_line(d, &cs);
    jd_cart_draw_intervals(d, &cs);
    jd_cart_draw_refs(d, &cs, refs);
    ok = TRUE;
    goto out;
  }
  for (size_t i = 0; i < ncat; i++)
    draw_category(d, &cs.k, i, cs.p.x0 + cs.band * (i + 0.5),
                  cs.p.y1 + d->sp->category_gap * d->fs);
  switch (c->type) {
  case JD_CHART_BAR:
  case JD_CHART_GROUPED_BAR: ok = jd_cart_draw_bars(d, &cs); break;
  case JD_CHART_STACKED_BAR: ok = jd_cart_draw_stacked(d, &cs); break;
  case JD_CHART_LINE: ok = jd_cart_draw_lines(d, &cs); break;
  default: ok = TRUE; break;
  }
  if (ok && c->type != JD_CHART_LINE) draw_zero_line(d, &cs);
  if (ok) {
    jd_cart_draw_intervals(d, &cs);
    jd_cart_draw_refs(d, &cs, refs);
  }
out:
  g_free(refs);
  cartesian_clear(&cs);
  return ok && !d->failed;
}
