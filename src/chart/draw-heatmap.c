/* Heat maps: a table of series (rows: regions) × categories (columns:
 * periods), each cell shaded from the background to the first palette
 * colour by its value (zero to the largest), with the value in it; a
 * missing cell says "—", a derived one is hatched. */
#include <math.h>

#include "chart/draw-private.h"

typedef struct {
  double x0, y0, cw, ch; /* the table's top-left and a cell's size */
  double lo, hi;         /* the shading runs over lo..hi */
} grid;

static gboolean heat_layout(dctx *d, frame *f, grid *g, label *rows, label *cols)
{
  const jd_chart *c = d->c;
  size_t nser = c->series->len, ncat = c->categories->len;
  double rw = 0, chh = 0, gap = d->sp->hbar_category_gap * d->fs;
  for (size_t s = 0; s < nser; s++) {
    const jd_chart_series *se = g_ptr_array_index(c->series, s);
    if (!jd_label_make(d, &rows[s], se->name, R_CATEGORY, FALSE,
                       (d->W - 2 * d->m) * d->sp->hbar_category_max, PANGO_ALIGN_RIGHT))
      return FALSE;
    rw = fmax(rw, rows[s].w);
  }
  g->x0 = d->m + rw + gap;
  double cw = (d->W - d->m - g->x0) / (double)ncat;
  for (size_t i = 0; i < ncat; i++) {
    if (!jd_label_make(d, &cols[i], g_ptr_array_index(c->categories, i), R_CATEGORY, FALSE,
                       cw - d->sp->category_pad * d->fs, PANGO_ALIGN_CENTER))
      return FALSE;
    chh = fmax(chh, cols[i].h);
  }
  g->y0 = f->top + chh + d->sp->category_gap * d->fs;
  g->cw = cw;
  g->ch = fmin((f->bottom - g->y0) / (double)nser, jd_role_size(d, R_VALUE) * 3.2);
  if (g->ch < jd_role_size(d, R_VALUE) * 1.2 || cw < jd_role_size(d, R_VALUE) * 2) {
    g_autofree char *sz = jd_canvas_size_text(d);
    g_set_error(d->error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "chart '%s': %s is too small for a table of %zu×%zu cells — use a larger size or "
                "fewer regions", jd_chart_display_name(c), sz, nser, ncat);
    d->failed = TRUE;
    return FALSE;
  }
  g->lo = 0;
  g->hi = -INFINITY;
  for (size_t s = 0; s < nser; s++)
    for (size_t i = 0; i < ncat; i++) {
      double v = jd_chart_value(c, s, i);
      if (!isnan(v)) g->hi = fmax(g->hi, v), g->lo = fmin(g->lo, v);
    }
  if (!(g->hi > g->lo)) g->hi = g->lo + 1;
  return TRUE;
}

/* One cell: its shade, its value (a size smaller when it does not fit,
 * else left out and counted). */
static gboolean heat_cell(dctx *d, const grid *g, size_t s, size_t i)
{
  const jd_chart *c = d->c;
  cairo_t *cr = d->cr;
  double x = g->x0 + g->cw * i, y = g->y0 + g->ch * s, v = jd_chart_value(c, s, i);
  double inset = d->sp->rule * d->fs;
  jd_rgba col = d->t->background;
  if (!isnan(v)) {
    double t = (v - g->lo) / (g->hi - g->lo);
    col = jd_rgba_mix(d->t->background, d->t->palette[0], 0.1 + 0.9 * t);
    if (jd_chart_flags(c, s, i) & (JD_CHART_POINT_IMPLIED | JD_CHART_POINT_INFERRED))
      jd_draw_hatched(d, x + inset, y + inset, g->cw - 2 * inset, g->ch - 2 * inset, col);
    else {
      jd_set_rgba(cr, col);
      cairo_rectangle(cr, x + inset, y + inset, g->cw - 2 * inset, g->ch - 2 * inset);
      cairo_fill(cr);
    }
  }
  if (!c->value_labels && !isnan(v)) return TRUE;
  g_autofree char *txt = isnan(v) ? g_strdup("—") : jd_chart_value_text(c, s, i);
  jd_rgba tc = fabs(jd_luminance(col) - 0.5) < 0.25 || jd_luminance(col) > 0.5
                   ? (jd_rgba){0.08, 0.08, 0.08, 1} : (jd_rgba){1, 1, 1, 1};
  if (isnan(v)) tc = d->t->muted;
  for (int k = 0; k < 3; k++) {
    label l;
    if (!jd_label_make_sized(d, &l, txt, R_VALUE, jd_role_size(d, R_VALUE) * (1 - 0.12 * k), FALSE,
                             0, PANGO_ALIGN_LEFT))
      return FALSE;
    if (l.w > g->cw - 4 * inset || l.h > g->ch - 2 * inset) continue;
    jd_label_show(d, &l, x + g->cw / 2, y + g->ch / 2, 0.5, 0.5, tc, 0);
    return TRUE;
  }
  d->dropped++;
  return TRUE;
}

gboolean jd_draw_heatmap(dctx *d, frame *f)
{
  const jd_chart *c = d->c;
  size_t nser = c->series->len, ncat = c->categories->len;
  label *rows = g_new0(label, nser), *cols = g_new0(label, ncat);
  grid g = {0};
  gboolean ok = heat_layout(d, f, &g, rows, cols);
  for (size_t i = 0; ok && i < ncat; i++)
    jd_label_show(d, &cols[i], g.x0 + g.cw * (i + 0.5), g.y0 - d->sp->category_gap * d->fs, 0.5, 1,
                  d->t->text, 0);
  for (size_t s = 0; ok && s < nser; s++) {
    jd_label_show(d, &rows[s], g.x0 - d->sp->hbar_category_gap * d->fs, g.y0 + g.ch * (s + 0.5), 1,
                  0.5, d->t->text, 0);
    for (size_t i = 0; ok && i < ncat; i++) ok = heat_cell(d, &g, s, i);
  }
  g_free(rows);
  g_free(cols);
  return ok && !d->failed;
}
