/* The legend of bar and line charts: one item per series, then the marks
 * for derived values, the trend and its band, laid out in centred rows
 * under the header, each a swatch drawn as the series is and its name. */
#include <math.h>

#include "chart/draw-private.h"

typedef enum { SW_BOX, SW_HATCH, SW_LINE, SW_DASH, SW_BAND, SW_HOLLOW, SW_WHISKER } swatch_kind;
typedef struct {
  char *text;
  swatch_kind kind;
  jd_rgba color;
  jd_pattern pattern;
} legend_item;

static void legend_item_clear(gpointer p) { g_free(((legend_item *)p)->text); }

static void draw_swatch(dctx *d, const legend_item *it, double x, double y, double w, double h)
{
  cairo_t *cr = d->cr;
  switch (it->kind) {
  case SW_BOX:
    jd_set_rgba(cr, it->color);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
    jd_draw_pattern(d, x, y, w, h, it->pattern);
    break;
  case SW_HATCH: jd_draw_hatched(d, x, y, w, h, it->color); break;
  case SW_BAND:
    jd_set_rgba(cr, it->color);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
    break;
  case SW_HOLLOW:
    /* a derived point on a line: dashed segment into a hollow marker */
    cairo_save(cr);
    jd_set_rgba(cr, it->color);
    cairo_set_line_width(cr, d->t->line_width * d->fs * d->sp->derived_outline);
    {
      double dash[] = {d->sp->legend_hollow_dash[0] * d->fs, d->sp->legend_hollow_dash[1] * d->fs};
      cairo_set_dash(cr, dash, 2, 0);
    }
    cairo_move_to(cr, x, y + h / 2);
    cairo_line_to(cr, x + w / 2 - d->sp->legend_marker * d->fs, y + h / 2);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    cairo_arc(cr, x + w / 2, y + h / 2, d->sp->legend_marker * d->fs, 0, 2 * G_PI);
    jd_set_rgba(cr, d->t->background);
    cairo_fill_preserve(cr);
    jd_set_rgba(cr, it->color);
    cairo_stroke(cr);
    cairo_restore(cr);
    break;
  case SW_WHISKER:
    /* an interval: a level whisker with caps, as drawn over the data */
    cairo_save(cr);
    jd_set_rgba(cr, it->color);
    cairo_set_line_width(cr, d->sp->rule * d->fs * 1.5);
    cairo_move_to(cr, x, y + h / 2);
    cairo_line_to(cr, x + w, y + h / 2);
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x, y + h);
    cairo_move_to(cr, x + w, y);
    cairo_line_to(cr, x + w, y + h);
    cairo_stroke(cr);
    cairo_restore(cr);
    break;
  case SW_LINE:
  case SW_DASH:
    cairo_save(cr);
    jd_set_rgba(cr, it->color);
    cairo_set_line_width(cr, d->t->line_width * d->fs);
    if (it->kind == SW_DASH) {
      double dash[] = {d->sp->dash[0] * d->fs, d->sp->dash[1] * d->fs};
      cairo_set_dash(cr, dash, 2, 0);
    }
    cairo_move_to(cr, x, y + h / 2);
    cairo_line_to(cr, x + w, y + h / 2);
    cairo_stroke(cr);
    if (it->kind == SW_LINE) {
      cairo_arc(cr, x + w / 2, y + h / 2, d->sp->legend_marker * d->fs, 0, 2 * G_PI);
      cairo_fill(cr);
    }
    cairo_restore(cr);
    break;
  }
}

/* Lays the legend out in centred rows under the header; moves f->top down. */
static gboolean draw_legend(dctx *d, frame *f, GArray *items, double x0, double x1)
{
  if (items->len == 0) return TRUE;
  double sw = d->sp->legend_swatch_w * d->fs, sh = d->sp->legend_swatch_h * d->fs;
  double gap = d->sp->legend_text_gap * d->fs, spacing = d->sp->legend_item_gap * d->fs;
  label *ls = g_new0(label, items->len);
  gboolean ok = TRUE;
  for (guint i = 0; i < items->len && ok; i++)
    ok = jd_label_make(d, &ls[i], g_array_index(items, legend_item, i).text, R_LEGEND, FALSE,
            x1 - x0 - sw - gap, PANGO_ALIGN_LEFT);
  if (ok) {
    guint i = 0;
    double y = f->top - d->sp->legend_raise * d->fs;
    while (i < items->len) {
      /* one row: as many items as fit */
      double wsum = 0, hmax = 0;
      guint j = i;
      while (j < items->len) {
        double iw = sw + gap + ls[j].w + (j > i ? spacing : 0);
        if (j > i && wsum + iw > x1 - x0) break;
        wsum += iw;
        hmax = fmax(hmax, ls[j].h);
        j++;
      }
      double x = (x0 + x1) / 2 - wsum / 2;
      for (guint k = i; k < j; k++) {
        if (k > i) x += spacing;
        legend_item *it = &g_array_index(items, legend_item, k);
        draw_swatch(d, it, x, y + hmax / 2 - sh / 2, sw, sh);
        x += sw + gap;
        jd_label_show(d, &ls[k], x, y + hmax / 2, 0, 0.5, d->t->text, 0);
        x += ls[k].w;
      }
      y += hmax + d->sp->legend_row_gap * d->fs;
      i = j;
    }
    f->top = y + d->sp->legend_gap * d->fs;
  }
  g_free(ls);
  return ok;
}

static void legend_add(GArray *items, const char *text, swatch_kind k, jd_rgba col, jd_pattern p)
{
  legend_item it = {g_strdup(text), k, col, p};
  g_array_append_val(items, it);
}

static GArray *legend_new(void)
{
  GArray *a = g_array_new(FALSE, TRUE, sizeof(legend_item));
  g_array_set_clear_func(a, legend_item_clear);
  return a;
}
static gboolean needs_legend(const jd_chart *c)
{
  if (c->series->len > 1) return TRUE;
  for (size_t s = 0; s < c->series->len; s++)
    if (((jd_chart_series *)g_ptr_array_index(c->series, s))->fit ||
        ((jd_chart_series *)g_ptr_array_index(c->series, s))->ci_lo)
      return TRUE;
  return jd_chart_has_derived(c);
}

gboolean jd_draw_legend(dctx *d, frame *f)
{
  const jd_chart *c = d->c;
  if (!needs_legend(c)) return TRUE;
  GArray *items = legend_new();
  gboolean line = c->type == JD_CHART_LINE;
  if (c->series->len > 1 || !jd_chart_has_derived(c) || line)
    for (size_t s = 0; s < c->series->len; s++) {
      const jd_chart_series *se = g_ptr_array_index(c->series, s);
      if (!se->name[0] && c->series->len == 1) continue;
      legend_add(items, se->name[0] ? se->name : "数值", line ? SW_LINE : SW_BOX,
                 jd_series_color(d, s),
                 line ? JD_PATTERN_SOLID : d->t->patterns[s % d->t->n_patterns]);
    }
  if (jd_chart_has_derived(c)) {
    /* one series: in its colour, as its derived values are drawn; several:
     * a neutral mark beside their own swatches */
    jd_rgba dc = c->series->len == 1 ? jd_series_color(d, 0) : d->t->muted;
    legend_add(items, "推算值", line ? SW_HOLLOW : SW_HATCH, dc, JD_PATTERN_SOLID);
  }
  if (line) {
    gboolean band = FALSE, trend = FALSE, forecast = FALSE;
    const char *tl = NULL;
    for (size_t s = 0; s < c->series->len; s++) {
      const jd_chart_series *se = g_ptr_array_index(c->series, s);
      if (se->fit) trend = TRUE, tl = tl ? tl : se->trend_label;
      if (se->lower) band = TRUE;
      if (se->fit && se->forecast_from < se->fit->len) forecast = TRUE;
    }
    /* one series: its trend and band in the colours they are drawn in */
    gboolean one = c->series->len == 1;
    jd_rgba col0 = jd_series_color(d, 0);
    if (trend)
      legend_add(items, tl ? tl : "趋势", SW_DASH,
                 one ? jd_rgba_mix(col0, d->t->background, 0.25) : d->t->muted, JD_PATTERN_SOLID);
    if (band)
      legend_add(items, forecast ? "预测区间" : "置信区间", SW_BAND, d->t->band, JD_PATTERN_SOLID);
  }
  for (size_t s = 0; s < c->series->len; s++)
    if (((const jd_chart_series *)g_ptr_array_index(c->series, s))->ci_lo) {
      legend_add(items, c->interval_label ? c->interval_label : "95%置信区间", SW_WHISKER,
                 d->t->text, JD_PATTERN_SOLID);
      break;
    }
  gboolean ok = draw_legend(d, f, items, d->m, d->W - d->m);
  g_array_unref(items);
  return ok;
}
