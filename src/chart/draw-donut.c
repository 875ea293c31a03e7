/* Donut charts: the ring of shares with the share inside each wide enough
 * segment, the total in the centre, and a legend of categories with value
 * and share on the right. */
#include <math.h>
#include <string.h>

#include "chart/draw-private.h"

/* The legend of a donut, measured: per category its name and its value
 * with unit and share (just the value for shares that add up to 100%). */
typedef struct {
  label *names, *vals;
  double row_h, name_w, val_w;
  double sw, gap; /* swatch size, gap between swatch, name and value */
} donut_legend;

static gboolean measure_donut_legend(dctx *d, donut_legend *lg, double total, double leg_w)
{
  const jd_chart *c = d->c;
  size_t n = c->categories->len;
  for (size_t i = 0; i < n; i++) {
    double v = jd_chart_value(c, 0, i);
    if (!jd_label_make(d, &lg->names[i], g_ptr_array_index(c->categories, i), R_LEGEND, FALSE,
                       leg_w * d->sp->donut_name_share, PANGO_ALIGN_LEFT))
      return FALSE;
    g_autofree char *num = jd_chart_value_text(c, 0, i);
    g_autofree char *pct = isnan(v) ? g_strdup("—")
                                    : jd_chart_format_number(100 * v / total, JD_NUMBER_PERCENT, 1,
                                                             JD_QUAL_EXACT);
    gboolean shares = c->unit && strcmp(c->unit, "%") == 0;
    g_autofree char *txt = shares ? g_strdup_printf("%s%%", num)
                                  : g_strdup_printf("%s%s（%s）", num, c->unit ? c->unit : "", pct);
    if (!jd_label_make(d, &lg->vals[i], txt, R_LEGEND, FALSE, 0, PANGO_ALIGN_LEFT)) return FALSE;
    lg->row_h = fmax(lg->row_h, fmax(lg->names[i].h, lg->vals[i].h));
    lg->name_w = fmax(lg->name_w, lg->names[i].w);
    lg->val_w = fmax(lg->val_w, lg->vals[i].w);
  }
  return TRUE;
}

/* The ring: where it is and how thick. */
typedef struct {
  double cx, cy, radius, inner;
} ring;

/* The segment from a0 to a1 in colour col, hatched when derived. */
static void draw_segment(dctx *d, const ring *g, double a0, double a1, jd_rgba col,
                         gboolean derived)
{
  cairo_t *cr = d->cr;
  double cx = g->cx, cy = g->cy, radius = g->radius;
  cairo_new_path(cr);
  cairo_arc(cr, cx, cy, radius, a0, a1);
  cairo_arc_negative(cr, cx, cy, g->inner, a1, a0);
  cairo_close_path(cr);
  if (derived) {
    cairo_save(cr);
    jd_set_rgba(cr, jd_rgba_mix(col, d->t->background, 0.72));
    cairo_fill_preserve(cr);
    cairo_clip_preserve(cr);
    jd_set_rgba(cr, col);
    cairo_new_path(cr);
    cairo_set_line_width(cr, d->sp->hatch_line * d->fs);
    for (double k = -2 * radius; k < 2 * radius; k += d->sp->hatch_step * d->fs) {
      cairo_move_to(cr, cx + k - radius, cy + radius);
      cairo_line_to(cr, cx + k + radius, cy - radius);
    }
    cairo_stroke(cr);
    cairo_restore(cr);
  } else {
    jd_set_rgba(cr, col);
    cairo_fill(cr);
  }
  /* white separators */
  jd_set_rgba(cr, d->t->background);
  cairo_set_line_width(cr, d->sp->donut_separator * d->fs);
  cairo_move_to(cr, cx + g->inner * cos(a0), cy + g->inner * sin(a0));
  cairo_line_to(cr, cx + radius * cos(a0), cy + radius * sin(a0));
  cairo_stroke(cr);
}

/* The segments clockwise from the top, each with its share inside the
 * ring when the arc is wide enough. */
static gboolean draw_ring(dctx *d, const ring *g, double total)
{
  const jd_chart *c = d->c;
  double a0 = -G_PI / 2;
  for (size_t i = 0; i < c->categories->len; i++) {
    double v = jd_chart_value(c, 0, i);
    if (isnan(v) || v <= 0) continue;
    double a1 = a0 + 2 * G_PI * v / total;
    jd_rgba col = d->t->palette[i % d->t->n_palette];
    gboolean derived = jd_chart_flags(c, 0, i) & (JD_CHART_POINT_IMPLIED | JD_CHART_POINT_INFERRED);
    draw_segment(d, g, a0, a1, col, derived);
    double mid = (a0 + a1) / 2, rr = (g->radius + g->inner) / 2;
    g_autofree char *pct =
        jd_chart_format_number(100 * v / total, JD_NUMBER_PERCENT, 1, JD_QUAL_EXACT);
    label l;
    if (!jd_label_make(d, &l, pct, R_VALUE, TRUE, 0, PANGO_ALIGN_LEFT)) return FALSE;
    double arc_len = (a1 - a0) * rr;
    if (arc_len > l.w * 1.15 && g->radius - g->inner > l.h * 1.2) {
      jd_rgba tc = derived || jd_luminance(col) > 0.55 ? (jd_rgba){0.08, 0.08, 0.08, 1}
                                                       : (jd_rgba){1, 1, 1, 1};
      jd_label_show(d, &l, g->cx + rr * cos(mid), g->cy + rr * sin(mid), 0.5, 0.5, tc, 0);
    }
    a0 = a1;
  }
  return TRUE;
}

/* The total and "合计" in the centre (not for shares that add up to 100%),
 * when they fit the hole. */
static gboolean draw_total(dctx *d, const ring *g, double total)
{
  const jd_chart *c = d->c;
  if (c->unit && strcmp(c->unit, "%") == 0) return TRUE;
  g_autofree char *num = jd_chart_format_number(total, c->number_style, c->decimals, JD_QUAL_EXACT);
  g_autofree char *txt = g_strdup_printf("%s%s", num, c->unit ? c->unit : "");
  label big, small;
  if (!jd_label_make(d, &big, txt, R_TITLE, TRUE, g->inner * 1.8, PANGO_ALIGN_CENTER)) return FALSE;
  if (!jd_label_make(d, &small, "合计", R_LEGEND, FALSE, 0, PANGO_ALIGN_LEFT)) return FALSE;
  if (big.h + small.h < g->inner * 1.6) {
    jd_label_show(d, &small, g->cx, g->cy - big.h / 2, 0.5, 1, d->t->muted, 0);
    jd_label_show(d, &big, g->cx, g->cy - big.h / 2, 0.5, 0, d->t->text, 0);
  }
  return TRUE;
}

/* The legend rows right of the ring, centred on it, and the note on
 * hatching when a value is derived. */
static gboolean draw_donut_legend(dctx *d, const ring *g, const donut_legend *lg)
{
  const jd_chart *c = d->c;
  cairo_t *cr = d->cr;
  size_t n = c->categories->len;
  double sw = lg->sw, gap = lg->gap, row_h = lg->row_h;
  double row_gap = d->sp->donut_row_gap * d->fs;
  double lx = g->cx + g->radius + d->sp->donut_legend_gap * d->fs,
         ly = g->cy - (n * (row_h + row_gap)) / 2;
  for (size_t i = 0; i < n; i++) {
    double yy = ly + i * (row_h + row_gap);
    jd_rgba col = d->t->palette[i % d->t->n_palette];
    unsigned fl = jd_chart_flags(c, 0, i);
    if (fl & (JD_CHART_POINT_IMPLIED | JD_CHART_POINT_INFERRED))
      jd_draw_hatched(d, lx, yy + row_h / 2 - sw / 2, sw, sw, col);
    else {
      jd_set_rgba(cr, col);
      cairo_rectangle(cr, lx, yy + row_h / 2 - sw / 2, sw, sw);
      cairo_fill(cr);
    }
    jd_label_show(d, &lg->names[i], lx + sw + gap, yy + row_h / 2, 0, 0.5, d->t->text, 0);
    jd_label_show(d, &lg->vals[i], lx + sw + gap + lg->name_w + 2 * gap, yy + row_h / 2, 0, 0.5,
                  d->t->muted, 0);
  }
  if (jd_chart_has_derived(c)) {
    double yy = ly + n * (row_h + row_gap);
    label l;
    if (!jd_label_make(d, &l, "斜线：推算值", R_FOOTNOTE, FALSE, 0, PANGO_ALIGN_LEFT)) return FALSE;
    jd_label_show(d, &l, lx, yy, 0, 0, d->t->muted, 0);
  }
  return TRUE;
}

/* A donut below the header: the legend measured first, the ring as large
 * as the rest of the space allows, the block of both centred. */
gboolean jd_draw_donut(dctx *d, frame *f)
{
  const jd_chart *c = d->c;
  size_t n = c->categories->len;
  double total = 0;
  for (size_t i = 0; i < n; i++) {
    double v = jd_chart_value(c, 0, i);
    if (!isnan(v)) total += v;
  }
  /* legend on the right: swatch, category, value and share */
  double avail_w = d->W - 2 * d->m, avail_h = f->bottom - f->top;
  double leg_w = avail_w * d->sp->donut_legend_share;
  donut_legend lg = {
      g_new0(label, n),        g_new0(label, n), 0, 0, 0, d->sp->donut_swatch * d->fs,
      d->sp->donut_gap * d->fs};
  gboolean ok = FALSE;
  if (!measure_donut_legend(d, &lg, total, leg_w)) goto out;
  double leg_total_w = lg.sw + lg.gap + lg.name_w + 2 * lg.gap + lg.val_w;
  ring g;
  g.radius = fmin((avail_w - leg_total_w - d->sp->donut_legend_gap * d->fs) / 2,
                  avail_h / 2 - d->sp->donut_pad * d->fs);
  if (g.radius < d->sp->donut_min_radius * d->fs) {
    g_autofree char *sz = jd_canvas_size_text(d);
    g_set_error(d->error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "chart '%s': %s is too small for a donut with these labels — use a larger size",
                jd_chart_display_name(c), sz);
    d->failed = TRUE;
    goto out;
  }
  double block_w = 2 * g.radius + d->sp->donut_legend_gap * d->fs + leg_total_w;
  g.cx = d->W / 2 - block_w / 2 + g.radius;
  g.cy = (f->top + f->bottom) / 2;
  g.inner = g.radius * d->sp->donut_hole;
  ok = draw_ring(d, &g, total) && draw_total(d, &g, total) && draw_donut_legend(d, &g, &lg);
out:
  g_free(lg.names);
  g_free(lg.vals);
  return ok && !d->failed;
}
