/* Donut charts: the ring of shares with the share inside each wide enough
 * segment, the total in the centre, and a legend of categories with value
 * and share on the right. */
#include <math.h>
#include <string.h>

#include "chart/draw-private.h"

/* ---- donut ---- */

gboolean jd_draw_donut(dctx *d, frame *f)
{
  const jd_chart *c = d->c;
  cairo_t *cr = d->cr;
  size_t n = c->categories->len;
  double total = 0;
  for (size_t i = 0; i < n; i++) {
    double v = jd_chart_value(c, 0, i);
    if (!isnan(v)) total += v;
  }
  /* legend on the right: swatch, category, value and share */
  double avail_w = d->W - 2 * d->m, avail_h = f->bottom - f->top;
  double leg_w = avail_w * 0.45;
  label *names = g_new0(label, n), *vals = g_new0(label, n);
  gboolean ok = FALSE;
  double sw = 14 * d->fs, gap = 8 * d->fs, row_h = 0, name_w = 0, val_w = 0;
  for (size_t i = 0; i < n; i++) {
    double v = jd_chart_value(c, 0, i);
    if (!jd_label_make(d, &names[i], g_ptr_array_index(c->categories, i), R_LEGEND, FALSE,
            leg_w * 0.6, PANGO_ALIGN_LEFT))
      goto out;
    g_autofree char *num = jd_chart_value_text(c, 0, i);
    g_autofree char *pct = isnan(v) ? g_strdup("—")
                                    : jd_chart_format_number(100 * v / total, JD_NUMBER_PERCENT, 1,
                                                             JD_QUAL_EXACT);
    gboolean shares = c->unit && strcmp(c->unit, "%") == 0;
    g_autofree char *txt = shares ? g_strdup_printf("%s%%", num)
                                  : g_strdup_printf("%s%s（%s）", num, c->unit ? c->unit : "", pct);
    if (!jd_label_make(d, &vals[i], txt, R_LEGEND, FALSE, 0, PANGO_ALIGN_LEFT)) goto out;
    row_h = fmax(row_h, fmax(names[i].h, vals[i].h));
    name_w = fmax(name_w, names[i].w);
    val_w = fmax(val_w, vals[i].w);
  }
  double leg_total_w = sw + gap + name_w + 2 * gap + val_w;
  double radius = fmin((avail_w - leg_total_w - 30 * d->fs) / 2, avail_h / 2 - 4 * d->fs);
  if (radius < 30 * d->fs) {
    g_set_error(d->error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "chart '%s': %.0f×%.0f is too small for a donut with these labels — use a larger "
                "size", jd_chart_display_name(c), d->W, d->H);
    d->failed = TRUE;
    goto out;
  }
  double block_w = 2 * radius + 30 * d->fs + leg_total_w;
  double cx = d->W / 2 - block_w / 2 + radius, cy = (f->top + f->bottom) / 2;
  double inner = radius * 0.58;
  double a0 = -G_PI / 2;
  for (size_t i = 0; i < n; i++) {
    double v = jd_chart_value(c, 0, i);
    if (isnan(v) || v <= 0) continue;
    double a1 = a0 + 2 * G_PI * v / total;
    jd_rgba col = d->t->palette[i % d->t->n_palette];
    unsigned fl = jd_chart_flags(c, 0, i);
    cairo_new_path(cr);
    cairo_arc(cr, cx, cy, radius, a0, a1);
    cairo_arc_negative(cr, cx, cy, inner, a1, a0);
    cairo_close_path(cr);
    if (fl & (JD_CHART_POINT_IMPLIED | JD_CHART_POINT_INFERRED)) {
      cairo_save(cr);
      jd_set_rgba(cr, jd_rgba_mix(col, d->t->background, 0.72));
      cairo_fill_preserve(cr);
      cairo_clip_preserve(cr);
      jd_set_rgba(cr, col);
      cairo_new_path(cr);
      cairo_set_line_width(cr, 1.4 * d->fs);
      for (double k = -2 * radius; k < 2 * radius; k += 6 * d->fs) {
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
    cairo_set_line_width(cr, 1.5 * d->fs);
    cairo_move_to(cr, cx + inner * cos(a0), cy + inner * sin(a0));
    cairo_line_to(cr, cx + radius * cos(a0), cy + radius * sin(a0));
    cairo_stroke(cr);
    /* share inside the ring when the arc is wide enough */
    double mid = (a0 + a1) / 2, rr = (radius + inner) / 2;
    g_autofree char *pct = jd_chart_format_number(100 * v / total, JD_NUMBER_PERCENT, 1, JD_QUAL_EXACT);
    label l;
    if (!jd_label_make(d, &l, pct, R_VALUE, TRUE, 0, PANGO_ALIGN_LEFT)) goto out;
    double arc_len = (a1 - a0) * rr;
    if (arc_len > l.w * 1.15 && radius - inner > l.h * 1.2) {
      gboolean derived = fl & (JD_CHART_POINT_IMPLIED | JD_CHART_POINT_INFERRED);
      jd_rgba tc = derived || jd_luminance(col) > 0.55 ? (jd_rgba){0.08, 0.08, 0.08, 1}
                                                    : (jd_rgba){1, 1, 1, 1};
      jd_label_show(d, &l, cx + rr * cos(mid), cy + rr * sin(mid), 0.5, 0.5, tc, 0);
    }
    a0 = a1;
  }
  /* centre: the total (not for shares that add up to 100%) */
  if (!(c->unit && strcmp(c->unit, "%") == 0)) {
    g_autofree char *num = jd_chart_format_number(total, c->number_style, c->decimals, JD_QUAL_EXACT);
    g_autofree char *txt = g_strdup_printf("%s%s", num, c->unit ? c->unit : "");
    label big, small;
    if (!jd_label_make(d, &big, txt, R_TITLE, TRUE, inner * 1.8, PANGO_ALIGN_CENTER)) goto out;
    if (!jd_label_make(d, &small, "合计", R_LEGEND, FALSE, 0, PANGO_ALIGN_LEFT)) goto out;
    if (big.h + small.h < inner * 1.6) {
      jd_label_show(d, &small, cx, cy - big.h / 2, 0.5, 1, d->t->muted, 0);
      jd_label_show(d, &big, cx, cy - big.h / 2, 0.5, 0, d->t->text, 0);
    }
  }
  /* the legend rows */
  double lx = cx + radius + 30 * d->fs, ly = cy - (n * (row_h + 6 * d->fs)) / 2;
  for (size_t i = 0; i < n; i++) {
    double yy = ly + i * (row_h + 6 * d->fs);
    jd_rgba col = d->t->palette[i % d->t->n_palette];
    unsigned fl = jd_chart_flags(c, 0, i);
    if (fl & (JD_CHART_POINT_IMPLIED | JD_CHART_POINT_INFERRED))
      jd_draw_hatched(d, lx, yy + row_h / 2 - sw / 2, sw, sw, col);
    else {
      jd_set_rgba(cr, col);
      cairo_rectangle(cr, lx, yy + row_h / 2 - sw / 2, sw, sw);
      cairo_fill(cr);
    }
    jd_label_show(d, &names[i], lx + sw + gap, yy + row_h / 2, 0, 0.5, d->t->text, 0);
    jd_label_show(d, &vals[i], lx + sw + gap + name_w + 2 * gap, yy + row_h / 2, 0, 0.5, d->t->muted, 0);
  }
  if (jd_chart_has_derived(c)) {
    double yy = ly + n * (row_h + 6 * d->fs);
    label l;
    if (!jd_label_make(d, &l, "斜线：推算值", R_FOOTNOTE, FALSE, 0, PANGO_ALIGN_LEFT)) goto out;
    jd_label_show(d, &l, lx, yy, 0, 0, d->t->muted, 0);
  }
  ok = TRUE;
out:
  g_free(names);
  g_free(vals);
  return ok && !d->failed;
}
