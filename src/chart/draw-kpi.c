/* KPI cards: the latest value large with its unit, the change against the
 * period before (or the one the chart states), and a sparkline of the
 * series, inside a rounded card. */
#include <math.h>
#include <string.h>

#include "chart/draw-private.h"

/* The rounded outline of the card, just inside the margin. */
static void draw_card(dctx *d)
{
  cairo_t *cr = d->cr;
  double m = d->m;
  cairo_save(cr);
  jd_set_rgba(cr, d->t->grid);
  cairo_set_line_width(cr, d->sp->card_line * d->fs);
  double r = d->sp->card_corner * d->fs, inset = m * d->sp->card_inset;
  double x0 = inset, y0 = inset, x1 = d->W - inset, y1 = d->H - inset;
  cairo_new_sub_path(cr);
  cairo_arc(cr, x1 - r, y0 + r, r, -G_PI / 2, 0);
  cairo_arc(cr, x1 - r, y1 - r, r, 0, G_PI / 2);
  cairo_arc(cr, x0 + r, y1 - r, r, G_PI / 2, G_PI);
  cairo_arc(cr, x0 + r, y0 + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path(cr);
  cairo_stroke(cr);
  jd_set_rgba(cr, d->t->accent);
  cairo_rectangle(cr, x0 + r, y0, 0, 0);
  cairo_restore(cr);
}

/* The title and subtitle at the top (moving *y down) and the footnote at
 * the bottom (moving *bottom up). */
static gboolean draw_card_texts(dctx *d, double *y, double *bottom)
{
  const jd_chart *c = d->c;
  double m = d->m, w = d->W - 2 * m;
  if (c->title) {
    label l;
    if (!jd_label_make(d, &l, c->title, R_SUBTITLE, TRUE, w, PANGO_ALIGN_LEFT)) return FALSE;
    jd_label_show(d, &l, m, *y, 0, 0, d->t->text, 0);
    *y += l.h + d->sp->kpi_title_gap * d->fs;
  }
  if (c->subtitle) {
    /* the period and place of the number: as large as the change line */
    label l;
    if (!jd_label_make(d, &l, c->subtitle, R_LEGEND, FALSE, w, PANGO_ALIGN_LEFT)) return FALSE;
    jd_label_show(d, &l, m, *y, 0, 0, d->t->muted, 0);
    *y += l.h;
  }
  if (c->footnote) {
    label l;
    if (!jd_label_make(d, &l, c->footnote, R_FOOTNOTE, FALSE, w, PANGO_ALIGN_LEFT)) return FALSE;
    *bottom -= l.h;
    jd_label_show(d, &l, m, *bottom, 0, 0, d->t->muted, 0);
    *bottom -= d->sp->kpi_footnote_gap * d->fs;
  }
  return TRUE;
}

/* The change line, measured, in *chg and its colour in *col: the change
 * the chart states, else the latest value v against the one before (prev,
 * -1 if none), as "同比 ▲ 12.5%"; without either, says there is no earlier
 * value rather than leave the line blank. */
static gboolean measure_change(dctx *d, ssize_t prev, double v, label *chg, jd_rgba *col)
{
  const jd_chart *c = d->c;
  double change = NAN;
  jd_chart_change kind = JD_CHART_CHANGE_PCT;
  int dec = c->kpi_change_decimals;
  const char *what = c->kpi_change_label ? c->kpi_change_label : "同比";
  if (c->kpi_change_set) {
    change = c->kpi_change;
    kind = c->kpi_change_kind;
  } else if (prev >= 0) {
    double pv = jd_chart_value(c, 0, (size_t)prev);
    if (pv != 0) change = (v - pv) / fabs(pv) * 100;
  }
  *col = d->t->muted;
  if (isnan(change)) {
    g_autofree char *txt = g_strdup_printf("%s：无上期数据", what);
    return jd_label_make(d, chg, txt, R_LEGEND, FALSE, 0, PANGO_ALIGN_LEFT);
  }
  const char *arrow = change > 0 ? "▲" : change < 0 ? "▼" : "—";
  *col = change > 0 ? d->t->up : change < 0 ? d->t->down : d->t->muted;
  g_autofree char *amount = NULL;
  if (kind == JD_CHART_CHANGE_PP) {
    g_autofree char *a = jd_chart_format_number(fabs(change), JD_NUMBER_PLAIN, dec, JD_QUAL_EXACT);
    amount = g_strdup_printf("%s个百分点", a);
  } else if (kind == JD_CHART_CHANGE_ABS) {
    g_autofree char *a = jd_chart_format_number(fabs(change), c->number_style, -1, JD_QUAL_EXACT);
    amount = g_strdup_printf("%s%s", a, c->unit && strcmp(c->unit, "%") ? c->unit : "");
  } else {
    amount = jd_chart_format_number(fabs(change), JD_NUMBER_PERCENT, dec, JD_QUAL_EXACT);
  }
  g_autofree char *txt = g_strdup_printf("%s %s %s", what, arrow, amount);
  return jd_label_make(d, chg, txt, R_LEGEND, TRUE, 0, PANGO_ALIGN_LEFT);
}

/* The sparkline of the series up to the latest point (last) in the
 * rectangle (sx0,sy0)-(sx1,sy1), with a dot on the latest value. */
static void draw_sparkline(dctx *d, size_t last, double sx0, double sy0, double sx1, double sy1)
{
  const jd_chart *c = d->c;
  cairo_t *cr = d->cr;
  size_t n = ((const jd_chart_series *)g_ptr_array_index(c->series, 0))->values->len;
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < n; i++) {
    double x = jd_chart_value(c, 0, i);
    if (isnan(x)) continue;
    lo = fmin(lo, x);
    hi = fmax(hi, x);
  }
  if (hi == lo) {
    hi += 1;
    lo -= 1;
  }
  double rad = d->sp->spark_marker * d->fs;
  sy0 += rad;
  sy1 -= rad;
  sx0 += rad;
  sx1 -= rad;
  cairo_save(cr);
  jd_set_rgba(cr, d->t->accent);
  cairo_set_line_width(cr, d->sp->spark_line * d->fs);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  gboolean started = FALSE;
  double lx = 0, ly = 0;
  size_t first = 0;
  while (first < n && isnan(jd_chart_value(c, 0, first))) first++;
  size_t span = last > first ? last - first : 1;
  for (size_t i = first; i <= last; i++) {
    double x = jd_chart_value(c, 0, i);
    if (isnan(x)) {
      started = FALSE;
      continue;
    }
    double px = sx0 + (sx1 - sx0) * (double)(i - first) / (double)span;
    double py = sy1 - (x - lo) / (hi - lo) * (sy1 - sy0);
    if (!started) cairo_move_to(cr, px, py); else cairo_line_to(cr, px, py);
    started = TRUE;
    lx = px;
    ly = py;
  }
  cairo_stroke(cr);
  cairo_arc(cr, lx, ly, rad, 0, 2 * G_PI);
  cairo_fill(cr);
  cairo_restore(cr);
}

/* A KPI card over the whole canvas: the card, its texts, the latest value
 * large with its unit and the change line under it, and the sparkline at
 * the bottom. The number sits where it would with a change line and a
 * sparkline, so that cards of one size side by side line up whatever they
 * show. */
gboolean jd_draw_kpi(dctx *d)
{
  const jd_chart *c = d->c;
  double m = d->m;
  size_t n = ((const jd_chart_series *)g_ptr_array_index(c->series, 0))->values->len;
  ssize_t last = -1, prev = -1;
  size_t npts = 0;
  for (size_t i = 0; i < n; i++)
    if (!isnan(jd_chart_value(c, 0, i))) {
      prev = last;
      last = (ssize_t)i;
      npts++;
    }
  double v = jd_chart_value(c, 0, (size_t)last);
  double y = m, bottom = d->H - m;
  double w = d->W - 2 * m;
  draw_card(d);
  if (!draw_card_texts(d, &y, &bottom)) return FALSE;
  /* big number + unit */
  g_autofree char *num = jd_chart_value_text(c, 0, (size_t)last);
  label big, unit = {0}, chg = {0};
  if (!jd_label_make(d, &big, num, R_KPI, TRUE, 0, PANGO_ALIGN_LEFT)) return FALSE;
  if (c->unit && !jd_label_make(d, &unit, c->unit, R_TITLE, FALSE, 0, PANGO_ALIGN_LEFT))
    return FALSE;
  jd_rgba ccol;
  if (!measure_change(d, prev, v, &chg, &ccol)) return FALSE;
  double spark_room = fmin(d->sp->spark_height * d->fs, (bottom - y) * d->sp->spark_share);
  double spark_h = npts >= 2 ? spark_room : 0;
  double avail = bottom - y - spark_room - d->sp->spark_gap * d->fs;
  /* a long number (约1234.5万) is set smaller rather than overflow the card,
   * down to the size of the unit */
  double unit_gap = d->sp->kpi_unit_gap * d->fs, change_gap = d->sp->kpi_change_gap * d->fs;
  double need = big.w + (c->unit ? unit.w + unit_gap : 0);
  if (need > w) {
    double size = jd_role_size(d, R_KPI) * (w - (need - big.w)) / big.w * 0.98;
    if (size >= jd_role_size(d, R_TITLE) &&
        !jd_label_make_sized(d, &big, num, R_KPI, size, TRUE, 0, PANGO_ALIGN_LEFT))
      return FALSE;
  }
  double block = big.h + chg.h + change_gap;
  double by = y + fmax(change_gap, (avail - block) / 2);
  if (big.w + (c->unit ? unit.w + unit_gap : 0) > w || block > avail + d->sp->spark_gap * d->fs) {
    g_set_error(
        d->error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
        "chart '%s': the KPI card %.0f×%.0f is too small for its number — use a larger size",
        jd_chart_display_name(c), d->W, d->H);
    d->failed = TRUE;
    return FALSE;
  }
  jd_label_show(d, &big, m, by, 0, 0, d->t->accent, 0);
  if (c->unit) {
    /* baseline-aligned unit after the number */
    int bb = pango_layout_get_baseline(big.lay), ub = pango_layout_get_baseline(unit.lay);
    jd_label_show(d, &unit, m + big.w + unit_gap, by + (bb - ub) / (double)PANGO_SCALE, 0, 0,
                  d->t->muted, 0);
  }
  jd_label_show(d, &chg, m, by + big.h + change_gap, 0, 0, ccol, 0);
  if (spark_h > 0) draw_sparkline(d, (size_t)last, m, bottom - spark_h, d->W - m, bottom);
  return TRUE;
}
