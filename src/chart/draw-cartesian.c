/* Bar, grouped, stacked, horizontal bar and line charts: the data range,
 * the layout pass (axis titles, tick labels and category labels measured,
 * the plot rectangle placed), the grid and ticks, then the bars or the
 * lines, their value labels (placed clear of each other and of the lines)
 * and the zero line. */
#include <math.h>
#include <string.h>

#include "chart/draw-private.h"

/* ---- cartesian charts (bar, grouped, stacked, line, hbar) ---- */

typedef struct {
  double lo, hi; /* data range incl. zero for bars */
} range;

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
  if (c->type == JD_CHART_LINE) {
    for (size_t s = 0; s < c->series->len; s++) {
      const jd_chart_series *se = g_ptr_array_index(c->series, s);
      GArray *arrs[3] = {se->fit, se->lower, se->upper};
      for (int k = 0; k < 3; k++) {
        if (!arrs[k]) continue;
        for (guint i = 0; i < arrs[k]->len && i < ncat; i++) {
          double v = g_array_index(arrs[k], double, i);
          if (isnan(v) || isinf(v)) continue;
          r->lo = fmin(r->lo, v);
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
      if (!isnan(lo)) r->lo = fmin(r->lo, lo);
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

typedef struct {
  double x0, x1, y0, y1; /* plot rectangle: y0 top, y1 bottom */
  axis ax;
  gboolean horizontal; /* hbar: value axis is x */
} plot;

static double vpos(const plot *p, double v)
{
  double t = (v - p->ax.min) / (p->ax.max - p->ax.min);
  return p->horizontal ? p->x0 + t * (p->x1 - p->x0) : p->y1 - t * (p->y1 - p->y0);
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
typedef struct {
  label *ls;
  double hmax, wmax;
  gboolean rotated;
} cats;

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

/* Value labels that have been placed (to avoid overlaps). */
static gboolean overlaps(GArray *placed, rect r)
{
  for (guint i = 0; i < placed->len; i++) {
    rect o = g_array_index(placed, rect, i);
    if (r.x0 < o.x1 && o.x0 < r.x1 && r.y0 < o.y1 && o.y0 < r.y1) return TRUE;
  }
  return FALSE;
}

static jd_rgba value_color(const dctx *d) { return d->t->text; }

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

/* The label of a reference line: its name and value ("省定目标 90%"). */
static gboolean ref_label(dctx *d, const jd_chart_ref *ref, label *l)
{
  const jd_chart *c = d->c;
  g_autofree char *num = jd_chart_format_number(ref->value, c->number_style, c->decimals,
                                                JD_QUAL_EXACT);
  g_autofree char *txt = g_strdup_printf("%s%s%s", ref->label, *ref->label ? "\n" : "", num);
  return jd_label_make(d, l, txt, R_TICK, TRUE, 0, PANGO_ALIGN_LEFT);
}

/* The room on the right for the series names at the line ends (several
 * lines: direct labels help greyscale readers). */
static gboolean direct_label_room(dctx *d, double *room)
{
  const jd_chart *c = d->c;
  *room = 0;
  for (guint k = 0; k < c->refs->len; k++) {
    label l;
    if (!ref_label(d, &g_array_index(c->refs, jd_chart_ref, k), &l)) return FALSE;
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
    if (!ref_label(d, &g_array_index(c->refs, jd_chart_ref, k), &l)) return FALSE;
    ref_h = fmax(ref_h, l.h + d->sp->value_gap * d->fs);
  }
  p->y0 = f->top + fmax(ref_h, cs->left_text ? cs->yl.h + d->sp->axis_title_gap * d->fs : 0);
  p->y1 = f->bottom - th - d->sp->tick_gap_below * d->fs -
          (cs->bottom_text ? cs->xl.h + d->sp->axis_title_gap * d->fs : 0);
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

/* The value label at the end of a horizontal bar (x, y, w, bh) when it
 * fits the room across (fit): at its size, else a size smaller; else left
 * out and counted. */
static gboolean hbar_value_label(dctx *d, size_t s, size_t i, double x, double y, double w,
                                 double fit, double bh)
{
  const jd_chart *c = d->c;
  double v = jd_chart_value(c, s, i);
  g_autofree char *txt = jd_chart_value_text(c, s, i);
  for (int k = 0; k < 3; k++) {
    label l;
    if (!jd_label_make_sized(d, &l, txt, R_VALUE, jd_role_size(d, R_VALUE) * (1 - 0.12 * k),
                             FALSE, 0, PANGO_ALIGN_LEFT))
      return FALSE;
    if (l.h > fit) continue;
    if (v >= 0)
      jd_label_show(d, &l, x + w + d->sp->hbar_value_gap * d->fs, y + bh / 2, 0, 0.5,
                    value_color(d), 0);
    else
      jd_label_show(d, &l, x - d->sp->hbar_value_gap * d->fs, y + bh / 2, 1, 0.5, value_color(d),
                    0);
    return TRUE;
  }
  d->dropped++;
  return TRUE;
}

/* Horizontal bars: per category its label and a group of bars, each with
 * its value at the end when it fits the bar's height. */
static gboolean draw_hbars(dctx *d, cartesian *cs)
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
      if (!hbar_value_label(d, s, i, x, y, w, bh + gap + d->sp->value_fit * d->fs, bh))
        return FALSE;
    }
  }
  return TRUE;
}

/* Whether r lies inside the plot (with the value labels' overhang above
 * it) and clear of the labels placed so far. */
static gboolean free_place(const dctx *d, const cartesian *cs, rect r)
{
  const plot *p = &cs->p;
  double over = d->sp->line_label_overhang * d->fs;
  return r.y0 >= p->y0 - over && r.y1 <= p->y1 + 0.5 && r.x0 >= d->m * d->sp->canvas_edge &&
         r.x1 <= d->W - d->m * d->sp->canvas_edge && !overlaps(cs->placed, r);
}

/* The text colour on a fill of colour col (dark on light fills, hatching). */
static jd_rgba on_fill(jd_rgba col, gboolean derived)
{
  return derived || jd_luminance(col) > 0.55 ? (jd_rgba){0.08, 0.08, 0.08, 1}
                                             : (jd_rgba){1, 1, 1, 1};
}

/* The value label of a vertical bar b (x0,y0 its top-left) with room for
 * its width: above the bar (below, negative); else a size smaller there;
 * else inside the bar's end, level or turned upright; else upright above
 * it. Only when none is free is it left out, and counted (the footnote
 * says so). */
static gboolean bar_value_label(dctx *d, cartesian *cs, size_t s, size_t i, rect b, double room)
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
    if (l.w <= room && free_place(d, cs, r)) {
      jd_label_show(d, &l, r.x0, r.y0, 0, 0, value_color(d), 0);
      g_array_append_val(cs->placed, r);
      return TRUE;
    }
  }
  label l;
  if (!jd_label_make(d, &l, txt, R_VALUE, FALSE, 0, PANGO_ALIGN_LEFT)) return FALSE;
  jd_rgba tc = on_fill(jd_series_color(d, s), derived);
  if (l.w <= bw - 2 * pad && l.h <= inside - 2 * pad) { /* inside, level, clear of ref lines */
    double ly = up ? in_end + pad : in_end - pad - l.h;
    for (int k = 0; k < 3; k++) {
      rect r = {cx - l.w / 2, ly, cx + l.w / 2, ly + l.h};
      if (r.y0 < b.y0 + pad / 2 || r.y1 > b.y1 - pad / 2) break;
      if (!overlaps(cs->placed, r)) {
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
  if (l.h <= room && free_place(d, cs, r)) { /* upright, outside */
    jd_label_show(d, &l, cx, r.y1, 0, 0.5, value_color(d), -G_PI / 2);
    g_array_append_val(cs->placed, r);
    return TRUE;
  }
  d->dropped++;
  return TRUE;
}

/* Bars and grouped bars: per category a group of bars side by side, each
 * with its value above (below, when negative) when it fits the width. */
static gboolean draw_bars(dctx *d, cartesian *cs)
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
      if (!bar_value_label(d, cs, s, i, (rect){x, y, x + bw, y + h}, room)) return FALSE;
    }
  }
  return TRUE;
}

/* The value of a stack segment inside it, when it fits: dark or white
 * text by the fill, on a plate over hatching. */
static gboolean stacked_lead_out(dctx *d, cartesian *cs, const label *l, double cx, double y,
                                 double bw, double h)
{
  /* beside the bar, right, with a short leader to the segment's middle */
  double lead = d->sp->value_gap * d->fs * 2, x = cx + bw / 2 + lead;
  double my = y + h / 2;
  rect r = {x, my - l->h / 2, x + l->w, my + l->h / 2};
  if (r.x1 > cx + cs->band / 2 || !free_place(d, cs, r)) {
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
  jd_label_show(d, l, r.x0, r.y0, 0, 0, value_color(d), 0);
  g_array_append_val(cs->placed, r);
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
  if (!(l.w <= bw - 2 * pad && l.h <= h - pad)) return stacked_lead_out(d, cs, &l, cx, y, bw, h);
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

/* The total of a stack (sums pos and neg) above it, or below when it goes
 * down only, when it fits the band. */
static gboolean stacked_total_label(dctx *d, const cartesian *cs, double cx, double pos, double neg)
{
  const jd_chart *c = d->c;
  double total = pos + neg;
  g_autofree char *txt = jd_chart_format_number(total, c->number_style, c->decimals, JD_QUAL_EXACT);
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
static gboolean draw_stacked(dctx *d, cartesian *cs)
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
    if (any && c->value_labels && nser > 1 && !stacked_total_label(d, cs, cx, pos, neg))
      return FALSE;
  }
  return TRUE;
}

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

/* The value label of point i of series s: above the point, else below,
 * else further up or down — the first place clear of other labels and of
 * every line; else the first clear of labels (the halo keeps the lines off
 * the glyphs); else left out. */
static gboolean line_value_label(dctx *d, cartesian *cs, size_t s, size_t i)
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
    if (!inside || overlaps(cs->placed, *cr_)) continue;
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
static gboolean draw_lines(dctx *d, cartesian *cs)
{
  const jd_chart *c = d->c;
  size_t nser = c->series->len;
  if (!draw_trends(d, cs)) return FALSE;
  for (size_t s = 0; s < nser; s++) draw_series_line(d, cs, s);
  if (c->value_labels)
    for (size_t s = 0; s < nser; s++)
      for (size_t i = 0; i < c->categories->len; i++)
        if (!line_value_label(d, cs, s, i)) return FALSE;
  if (nser > 1 && !line_end_labels(d, cs)) return FALSE;
  return TRUE;
}

/* The reference lines (targets, a parent region's value): their labels
 * measured and their places kept free of value labels first, the lines
 * drawn over the data at the end (draw_refs). */
typedef struct {
  label l;
  double pos; /* where the value lies on the value axis */
  rect r;     /* the label's place */
} ref_mark;

static gboolean place_refs(dctx *d, cartesian *cs, ref_mark **out)
{
  const jd_chart *c = d->c;
  const plot *p = &cs->p;
  *out = g_new0(ref_mark, c->refs->len + 1);
  double gap = d->sp->value_gap * d->fs;
  for (guint k = 0; k < c->refs->len; k++) {
    const jd_chart_ref *ref = &g_array_index(c->refs, jd_chart_ref, k);
    ref_mark *m = &(*out)[k];
    if (!ref_label(d, ref, &m->l)) return FALSE;
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

static void draw_refs(dctx *d, const cartesian *cs, const ref_mark *marks)
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
static void draw_intervals(dctx *d, const cartesian *cs)
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
  if (!place_refs(d, &cs, &refs)) goto out;
  if (horizontal) {
    if (!draw_hbars(d, &cs)) goto out;
    draw_zero_line(d, &cs);
    draw_intervals(d, &cs);
    draw_refs(d, &cs, refs);
    ok = TRUE;
    goto out;
  }
  for (size_t i = 0; i < ncat; i++)
    draw_category(d, &cs.k, i, cs.p.x0 + cs.band * (i + 0.5),
                  cs.p.y1 + d->sp->category_gap * d->fs);
  switch (c->type) {
  case JD_CHART_BAR:
  case JD_CHART_GROUPED_BAR: ok = draw_bars(d, &cs); break;
  case JD_CHART_STACKED_BAR: ok = draw_stacked(d, &cs); break;
  case JD_CHART_LINE: ok = draw_lines(d, &cs); break;
  default: ok = TRUE; break;
  }
  if (ok && c->type != JD_CHART_LINE) draw_zero_line(d, &cs);
  if (ok) {
    draw_intervals(d, &cs);
    draw_refs(d, &cs, refs);
  }
out:
  g_free(refs);
  cartesian_clear(&cs);
  return ok && !d->failed;
}
