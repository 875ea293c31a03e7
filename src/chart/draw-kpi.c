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

/* The texts of a card, measured at a share t of their sizes: the title
 * and subtitle at the top, the footnote at the bottom, all wrapped at the
 * card's width. */
typedef struct {
  label title, sub, foot;
  gboolean has_title, has_sub, has_foot;
  double top, bottom; /* room left between them */
} card_texts;

static gboolean measure_card_texts(dctx *d, double t, card_texts *k)
{
  const jd_chart *c = d->c;
  double m = d->m, w = d->W - 2 * m;
  k->top = m;
  k->bottom = d->H - m;
  k->has_title = c->title != NULL;
  k->has_sub = c->subtitle != NULL;
  k->has_foot = c->footnote != NULL;
  if (k->has_title) {
    if (!jd_label_make_sized(d, &k->title, c->title, R_SUBTITLE, jd_role_size(d, R_SUBTITLE) * t,
                             TRUE, w, PANGO_ALIGN_LEFT))
      return FALSE;
    k->top += k->title.h + d->sp->kpi_title_gap * d->fs;
  }
  if (k->has_sub) {
    /* the period and place of the number: as large as the change line */
    if (!jd_label_make_sized(d, &k->sub, c->subtitle, R_LEGEND, jd_role_size(d, R_LEGEND) * t,
                             FALSE, w, PANGO_ALIGN_LEFT))
      return FALSE;
    k->top += k->sub.h;
  }
  if (k->has_foot) {
    if (!jd_label_make_sized(d, &k->foot, c->footnote, R_FOOTNOTE,
                             jd_role_size(d, R_FOOTNOTE) * fmax(t, 0.8), FALSE, w,
                             PANGO_ALIGN_LEFT))
      return FALSE;
    k->bottom -= k->foot.h + d->sp->kpi_footnote_gap * d->fs;
  }
  return TRUE;
}

static void draw_card_texts(dctx *d, const card_texts *k)
{
  double m = d->m, y = m;
  if (k->has_title) {
    jd_label_show(d, &k->title, m, y, 0, 0, d->t->text, 0);
    y += k->title.h + d->sp->kpi_title_gap * d->fs;
  }
  if (k->has_sub) jd_label_show(d, &k->sub, m, y, 0, 0, d->t->muted, 0);
  if (k->has_foot)
    jd_label_show(d, &k->foot, m, d->H - m - k->foot.h, 0, 0, d->t->muted, 0);
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

/* One try at laying the card out with its texts at a share t of their
 * sizes (the number too, and smaller still when it is long): the texts,
 * the number with its unit, the change line, and the sparkline when there
 * is room. FALSE in *fits when the texts and the number do not fit. */
typedef struct {
  card_texts k;
  label big, unit, chg;
  jd_rgba ccol;
  double by, spark_h;
  gboolean fits;
} kpi_layout;

static gboolean kpi_try(dctx *d, double t, const char *num, ssize_t prev, double v, size_t npts,
                        kpi_layout *L)
{
  const jd_chart *c = d->c;
  double w = d->W - 2 * d->m;
  L->fits = FALSE;
  if (!measure_card_texts(d, t, &L->k)) return FALSE;
  double y = L->k.top, bottom = L->k.bottom;
  double ksize = jd_role_size(d, R_KPI) * t, usize = jd_role_size(d, R_TITLE) * fmax(t, 0.75);
  if (!jd_label_make_sized(d, &L->big, num, R_KPI, ksize, TRUE, 0, PANGO_ALIGN_LEFT)) return FALSE;
  if (c->unit &&
      !jd_label_make_sized(d, &L->unit, c->unit, R_TITLE, usize, FALSE, 0, PANGO_ALIGN_LEFT))
    return FALSE;
  if (!measure_change(d, prev, v, &L->chg, &L->ccol)) return FALSE;
  double unit_gap = d->sp->kpi_unit_gap * d->fs, change_gap = d->sp->kpi_change_gap * d->fs;
  double uw = c->unit ? L->unit.w + unit_gap : 0;
  /* a long number (约1234.5万) is set smaller rather than overflow the card,
   * down to the size of the unit */
  if (L->big.w + uw > w) {
    double size = ksize * (w - uw) / L->big.w * 0.98;
    if (size < usize) return TRUE;
    if (!jd_label_make_sized(d, &L->big, num, R_KPI, size, TRUE, 0, PANGO_ALIGN_LEFT)) return FALSE;
  }
  double block = L->big.h + L->chg.h + change_gap;
  double left = bottom - y - block - change_gap;
  if (left < 0 || L->chg.w > w) return TRUE;
  /* the sparkline takes what is left, up to its share; none when too flat */
  double spark = fmin(d->sp->spark_height * d->fs, (bottom - y) * d->sp->spark_share);
  spark = fmin(spark, left - d->sp->spark_gap * d->fs);
  L->spark_h = npts >= 2 && spark >= d->sp->spark_height * d->fs * 0.3 ? spark : 0;
  double avail = bottom - y - (L->spark_h > 0 ? L->spark_h + d->sp->spark_gap * d->fs : 0);
  L->by = y + fmax(change_gap, (avail - block) / 2);
  L->fits = TRUE;
  return TRUE;
}

/* The canvas size for messages: pixels when the chart is drawn at its own
 * size (PNG), else points. Caller frees. */
char *jd_canvas_size_text(const dctx *d)
{
  const jd_chart_size *s = &d->c->size;
  if (fabs(s->width - d->W) < 0.5 && fabs(s->height - d->H) < 0.5 && s->scale > 0)
    return g_strdup_printf("%.0f×%.0f px", d->W * s->scale, d->H * s->scale);
  return g_strdup_printf("%.0f×%.0f pt", d->W, d->H);
}

/* A KPI card over the whole canvas: the card, its texts, the latest value
 * large with its unit and the change line under it, and the sparkline at
 * the bottom. When they do not fit, the texts and the number are set
 * smaller, step by step, down to 55% (the footnote to 80%) and the
 * sparkline gives way first; only then is the canvas too small. */
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
  g_autofree char *num = jd_chart_value_text(c, 0, (size_t)last);
  kpi_layout L = {0};
  for (double t = 1.0; t > 0.5; t -= 0.05) {
    if (!kpi_try(d, t, num, prev, v, npts, &L)) return FALSE;
    if (L.fits) break;
  }
  if (!L.fits) {
    g_autofree char *sz = jd_canvas_size_text(d);
    g_set_error(d->error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "chart '%s': the KPI card %s cannot hold its title, number and footnote even "
                "at 55%% of their sizes — use a larger size or a shorter title or "
                "footnote", jd_chart_display_name(c), sz);
    d->failed = TRUE;
    return FALSE;
  }
  draw_card(d);
  draw_card_texts(d, &L.k);
  double unit_gap = d->sp->kpi_unit_gap * d->fs, change_gap = d->sp->kpi_change_gap * d->fs;
  jd_label_show(d, &L.big, m, L.by, 0, 0, d->t->accent, 0);
  if (c->unit) {
    /* baseline-aligned unit after the number */
    int bb = pango_layout_get_baseline(L.big.lay), ub = pango_layout_get_baseline(L.unit.lay);
    jd_label_show(d, &L.unit, m + L.big.w + unit_gap, L.by + (bb - ub) / (double)PANGO_SCALE, 0,
                  0, d->t->muted, 0);
  }
  jd_label_show(d, &L.chg, m, L.by + L.big.h + change_gap, 0, 0, L.ccol, 0);
  if (L.spark_h > 0)
    draw_sparkline(d, (size_t)last, m, L.k.bottom - L.spark_h, d->W - m, L.k.bottom);
  return TRUE;
}
