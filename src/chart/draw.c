/* Drawing a chart onto a cairo context: every label is measured with Pango
 * first, margins are laid out from the measurements, then axes, series,
 * legend and footnote are drawn. The same code serves PNG, PDF, SVG and the
 * report's pages. No text is drawn that the fonts cannot show: a character
 * without a glyph is an error naming it and the chart. */
#include <math.h>
#include <string.h>

#include "render/pdffont.h"
#include "chart/chart-private.h"
#include "render/wrap.h"

#define MINUS "\xe2\x88\x92"

typedef enum {
  R_TITLE, R_SUBTITLE, R_AXIS, R_TICK, R_CATEGORY, R_VALUE, R_LEGEND, R_FOOTNOTE, R_KPI,
} role;

typedef struct {
  const jd_chart *c;
  const jd_theme *t;
  cairo_t *cr;
  PangoContext *pctx;
  double W, H, fs, m;
  GError **error;
  gboolean failed;
  GPtrArray *owned; /* layouts to unref */
  jd_pdf_fonts *pf; /* PDF: glyph collection or subset drawing; else NULL */
  gboolean pf_collect;
} dctx;

typedef struct {
  PangoLayout *lay;
  double w, h, ox; /* logical size; ox: logical x offset (alignment inside a wrap width) */
} label;

typedef struct {
  double x0, y0, x1, y1;
} rect;

/* ---- text ---- */

static double role_size(const dctx *d, role r)
{
  const jd_theme *t = d->t;
  double s = 12;
  switch (r) {
  case R_TITLE: s = t->title_size; break;
  case R_SUBTITLE: s = t->subtitle_size; break;
  case R_AXIS: s = t->axis_label_size; break;
  case R_TICK: s = t->tick_size; break;
  case R_CATEGORY: s = t->category_size; break;
  case R_VALUE: s = t->value_size; break;
  case R_LEGEND: s = t->legend_size; break;
  case R_FOOTNOTE: s = t->footnote_size; break;
  case R_KPI: s = t->kpi_size; break;
  }
  return s * d->fs;
}

static gboolean check_glyphs(dctx *d, PangoLayout *lay, const char *text)
{
  if (pango_layout_get_unknown_glyphs_count(lay) == 0) return TRUE;
  gunichar bad = 0;
  PangoLayoutIter *it = pango_layout_get_iter(lay);
  do {
    PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
    if (!run) continue;
    for (int i = 0; i < run->glyphs->num_glyphs && !bad; i++) {
      PangoGlyph g = run->glyphs->glyphs[i].glyph;
      if (g & PANGO_GLYPH_UNKNOWN_FLAG) bad = g & ~PANGO_GLYPH_UNKNOWN_FLAG;
    }
  } while (!bad && pango_layout_iter_next_run(it));
  pango_layout_iter_free(it);
  char utf8[8] = {0};
  if (bad) g_unichar_to_utf8(bad, utf8);
  if (!d->failed)
    g_set_error(d->error, JD_CHART_ERROR, JD_CHART_ERROR_GLYPH,
                "chart '%s': the fonts have no glyph for U+%04X '%s' in \"%s\" — replace or "
                "remove that character (fonts: %s)",
                jd_chart_display_name(d->c), bad, utf8, text, d->t->font_family);
  d->failed = TRUE;
  return FALSE;
}

/* A measured label in the font of role r at size; width > 0 wraps at that
 * width (word-char). FALSE on tofu. */
static gboolean mk_sized(dctx *d, label *out, const char *text, role r, double size, gboolean bold,
                         double width, PangoAlignment align)
{
  PangoLayout *lay = pango_layout_new(d->pctx);
  g_ptr_array_add(d->owned, lay);
  PangoFontDescription *fd = pango_font_description_new();
  pango_font_description_set_family_static(fd, r == R_TITLE ? d->t->title_family
                                                            : d->t->font_family);
  pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
  if (bold) pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(lay, fd);
  pango_font_description_free(fd);
  if (width > 0) {
    pango_layout_set_width(lay, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment(lay, align);
  pango_layout_set_text(lay, text ? text : "", -1);
  if (width > 0) jd_wrap_protect(lay); /* file names in footnotes stay whole */
  out->lay = lay;
  PangoRectangle logical;
  pango_layout_get_extents(lay, NULL, &logical);
  out->w = logical.width / (double)PANGO_SCALE;
  out->h = logical.height / (double)PANGO_SCALE;
  out->ox = logical.x / (double)PANGO_SCALE;
  return check_glyphs(d, lay, text ? text : "");
}

/* A measured label at its role's size. */
static gboolean mk(dctx *d, label *out, const char *text, role r, gboolean bold, double width,
                   PangoAlignment align)
{
  return mk_sized(d, out, text, r, role_size(d, r), bold, width, align);
}

static void set_rgba(cairo_t *cr, jd_rgba c) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a); }

/* Draws a label with its box anchored at (x,y): ax/ay 0 = left/top, 0.5 centre, 1 right/bottom. */
static void show(dctx *d, const label *l, double x, double y, double ax, double ay, jd_rgba col,
                 double angle)
{
  cairo_t *cr = d->cr;
  cairo_save(cr);
  cairo_translate(cr, x, y);
  if (angle != 0) cairo_rotate(cr, angle);
  cairo_move_to(cr, -ax * l->w - l->ox, -ay * l->h);
  set_rgba(cr, col);
  if (d->pf && d->pf_collect) jd_pdf_fonts_collect(d->pf, l->lay);
  if (!d->pf || d->pf_collect || !jd_pdf_fonts_show(d->pf, cr, l->lay))
    pango_cairo_show_layout(cr, l->lay);
  cairo_restore(cr);
}

/* An outline of the label's glyphs in the background colour, drawn under the
 * label at (x,y) (top-left), so that lines running behind it do not cut
 * through the strokes; the label itself stays text. */
static void halo(dctx *d, const label *l, double x, double y)
{
  cairo_t *cr = d->cr;
  jd_rgba bg = d->t->background;
  cairo_save(cr);
  cairo_new_path(cr);
  cairo_move_to(cr, x - l->ox, y);
  pango_cairo_layout_path(cr, l->lay);
  cairo_set_source_rgba(cr, bg.r, bg.g, bg.b, 1);
  cairo_set_line_width(cr, 3.5 * d->fs);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke(cr);
  cairo_restore(cr);
}

/* ---- colours and fills ---- */

static jd_rgba series_color(const dctx *d, size_t s)
{
  return d->t->palette[s % d->t->n_palette];
}

static jd_rgba mix(jd_rgba a, jd_rgba b, double t)
{
  return (jd_rgba){a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t, 1};
}

static double luminance(jd_rgba c) { return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b; }

static void pattern_overlay(dctx *d, double x, double y, double w, double h, jd_pattern p)
{
  if (p == JD_PATTERN_SOLID || w <= 0 || h <= 0) return;
  cairo_t *cr = d->cr;
  cairo_save(cr);
  cairo_rectangle(cr, x, y, w, h);
  cairo_clip(cr);
  jd_rgba bg = d->t->background;
  cairo_set_source_rgba(cr, bg.r, bg.g, bg.b, 0.55);
  double step = 6 * d->fs;
  if (p == JD_PATTERN_DOTS) {
    for (double yy = y + step / 2; yy < y + h; yy += step)
      for (double xx = x + step / 2; xx < x + w; xx += step) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, xx, yy, 1.2 * d->fs, 0, 2 * G_PI);
      }
    cairo_fill(cr);
  } else {
    cairo_set_line_width(cr, 1.2 * d->fs);
    for (double xx = x + step / 2; xx < x + w; xx += step) {
      cairo_move_to(cr, xx, y);
      cairo_line_to(cr, xx, y + h);
    }
    if (p == JD_PATTERN_CROSS)
      for (double yy = y + step / 2; yy < y + h; yy += step) {
        cairo_move_to(cr, x, yy);
        cairo_line_to(cr, x + w, yy);
      }
    cairo_stroke(cr);
  }
  cairo_restore(cr);
}

/* Implied/inferred: a pale fill with diagonal hatching and a solid outline. */
static void hatched_rect(dctx *d, double x, double y, double w, double h, jd_rgba col)
{
  cairo_t *cr = d->cr;
  if (w <= 0 || h <= 0) return;
  cairo_save(cr);
  set_rgba(cr, mix(col, d->t->background, 0.72));
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill_preserve(cr);
  cairo_clip(cr);
  set_rgba(cr, col);
  cairo_set_line_width(cr, 1.4 * d->fs);
  double step = 6 * d->fs;
  for (double k = -h; k < w; k += step) {
    cairo_move_to(cr, x + k, y + h);
    cairo_line_to(cr, x + k + h, y);
  }
  cairo_stroke(cr);
  cairo_reset_clip(cr);
  double lw = 1.4 * d->fs;
  cairo_set_line_width(cr, lw);
  cairo_rectangle(cr, x + lw / 2, y + lw / 2, fmax(0, w - lw), fmax(0, h - lw));
  cairo_stroke(cr);
  cairo_restore(cr);
}

static void bar_rect(dctx *d, double x, double y, double w, double h, size_t s, unsigned flags)
{
  jd_rgba col = series_color(d, s);
  if (flags & (JD_CHART_POINT_IMPLIED | JD_CHART_POINT_INFERRED)) {
    hatched_rect(d, x, y, w, h, col);
    return;
  }
  set_rgba(d->cr, col);
  cairo_rectangle(d->cr, x, y, w, h);
  cairo_fill(d->cr);
  pattern_overlay(d, x, y, w, h, d->t->patterns[s % d->t->n_patterns]);
}

/* ---- numbers on axes ---- */

typedef struct {
  double min, max, step;
  int n;
  double divisor;
  const char *suffix;
  int decimals;
} axis;

static double nice_step(double range, int target)
{
  if (!(range > 0)) range = 1;
  double raw = range / target;
  double p = pow(10, floor(log10(raw)));
  double f = raw / p;
  double nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nf * p;
}

static void axis_make(axis *a, double lo, double hi, int target, jd_number_style style)
{
  if (lo > hi) {
    double t = lo;
    lo = hi;
    hi = t;
  }
  if (hi == lo) {
    if (hi == 0)
      hi = 1;
    else if (hi > 0)
      lo = 0;
    else
      hi = 0;
  }
  a->step = nice_step(hi - lo, target);
  a->min = floor(lo / a->step + 1e-9) * a->step;
  a->max = ceil(hi / a->step - 1e-9) * a->step;
  if (a->max <= a->min) a->max = a->min + a->step;
  a->n = (int)llround((a->max - a->min) / a->step);
  double top = fmax(fabs(a->min), fabs(a->max));
  a->divisor = 1;
  a->suffix = "";
  if (style == JD_NUMBER_PERCENT) {
    a->suffix = "%";
  } else if (style == JD_NUMBER_AUTO && top >= 1e8) {
    a->divisor = 1e8;
    a->suffix = "亿";
  } else if (style == JD_NUMBER_AUTO && top >= 1e4) {
    a->divisor = 1e4;
    a->suffix = "万";
  }
  double st = a->step / a->divisor;
  a->decimals = st >= 1 ? 0 : (int)ceil(-log10(st) - 1e-9);
  if (fabs(st * pow(10, a->decimals) - round(st * pow(10, a->decimals))) > 1e-6) a->decimals++;
  if (a->decimals > 6) a->decimals = 6;
}

static char *axis_text(const axis *a, double v)
{
  if (fabs(v) < a->step * 1e-9) return g_strdup("0");
  GString *s = g_string_new(v < 0 ? MINUS : "");
  double x = fabs(v) / a->divisor;
  char buf[64];
  char fmt[16];
  g_snprintf(fmt, sizeof fmt, "%%.%df", a->decimals);
  g_ascii_formatd(buf, sizeof buf, fmt, x);
  if (a->divisor == 1 && fmax(fabs(a->min), fabs(a->max)) >= 10000) {
    char *dot = strchr(buf, '.');
    size_t n = dot ? (size_t)(dot - buf) : strlen(buf);
    for (size_t i = 0; i < n; i++) {
      if (i > 0 && (n - i) % 3 == 0) g_string_append_c(s, ',');
      g_string_append_c(s, buf[i]);
    }
    if (dot) g_string_append(s, dot);
  } else {
    g_string_append(s, buf);
  }
  g_string_append(s, a->suffix);
  return g_string_free(s, FALSE);
}

/* ---- header, legend, footnote ---- */

typedef struct {
  double top, bottom; /* free vertical space left for the plot */
} frame;

static gboolean draw_header(dctx *d, frame *f)
{
  const jd_chart *c = d->c;
  double y = d->m * 0.9;
  double w = d->W - 2 * d->m;
  if (c->title) {
    label l;
    if (!mk(d, &l, c->title, R_TITLE, d->t->title_bold, w, PANGO_ALIGN_CENTER)) return FALSE;
    show(d, &l, d->W / 2, y, 0.5, 0, d->t->text, 0);
    y += l.h;
    if (d->t->title_rule) {
      y += 4 * d->fs;
      set_rgba(d->cr, d->t->accent);
      cairo_rectangle(d->cr, d->m, y, w, 2.2 * d->fs);
      cairo_fill(d->cr);
      y += 2.2 * d->fs;
    }
    y += 4 * d->fs;
  }
  if (c->subtitle) {
    label l;
    if (!mk(d, &l, c->subtitle, R_SUBTITLE, FALSE, w, PANGO_ALIGN_CENTER)) return FALSE;
    show(d, &l, d->W / 2, y, 0.5, 0, d->t->muted, 0);
    y += l.h + 4 * d->fs;
  }
  f->top = y + 6 * d->fs;
  f->bottom = d->H - d->m * 0.8;
  if (c->footnote) {
    label l;
    if (!mk(d, &l, c->footnote, R_FOOTNOTE, FALSE, w, PANGO_ALIGN_LEFT)) return FALSE;
    f->bottom -= l.h;
    show(d, &l, d->m, f->bottom, 0, 0, d->t->muted, 0);
    f->bottom -= 8 * d->fs;
  }
  return TRUE;
}

typedef enum { SW_BOX, SW_HATCH, SW_LINE, SW_DASH, SW_BAND, SW_HOLLOW } swatch_kind;
typedef struct {
  char *text;
  swatch_kind kind;
  jd_rgba color;
  jd_pattern pattern;
} legend_item;

static void legend_item_clear(gpointer p) { g_free(((legend_item *)p)->text); }

static gboolean has_derived(const jd_chart *c)
{
  for (size_t s = 0; s < c->series->len; s++)
    for (size_t i = 0; i < c->categories->len; i++)
      if (jd_chart_flags(c, s, i) & (JD_CHART_POINT_IMPLIED | JD_CHART_POINT_INFERRED) &&
          !(jd_chart_flags(c, s, i) & JD_CHART_POINT_MISSING))
        return TRUE;
  return FALSE;
}

static void draw_swatch(dctx *d, const legend_item *it, double x, double y, double w, double h)
{
  cairo_t *cr = d->cr;
  switch (it->kind) {
  case SW_BOX:
    set_rgba(cr, it->color);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
    pattern_overlay(d, x, y, w, h, it->pattern);
    break;
  case SW_HATCH: hatched_rect(d, x, y, w, h, it->color); break;
  case SW_BAND:
    set_rgba(cr, it->color);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
    break;
  case SW_HOLLOW:
    /* a derived point on a line: dashed segment into a hollow marker */
    cairo_save(cr);
    set_rgba(cr, it->color);
    cairo_set_line_width(cr, d->t->line_width * d->fs * 0.8);
    {
      double dash[] = {4 * d->fs, 2.5 * d->fs};
      cairo_set_dash(cr, dash, 2, 0);
    }
    cairo_move_to(cr, x, y + h / 2);
    cairo_line_to(cr, x + w / 2 - 3.5 * d->fs, y + h / 2);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    cairo_arc(cr, x + w / 2, y + h / 2, 3.5 * d->fs, 0, 2 * G_PI);
    set_rgba(cr, d->t->background);
    cairo_fill_preserve(cr);
    set_rgba(cr, it->color);
    cairo_stroke(cr);
    cairo_restore(cr);
    break;
  case SW_LINE:
  case SW_DASH:
    cairo_save(cr);
    set_rgba(cr, it->color);
    cairo_set_line_width(cr, d->t->line_width * d->fs);
    if (it->kind == SW_DASH) {
      double dash[] = {5 * d->fs, 3 * d->fs};
      cairo_set_dash(cr, dash, 2, 0);
    }
    cairo_move_to(cr, x, y + h / 2);
    cairo_line_to(cr, x + w, y + h / 2);
    cairo_stroke(cr);
    if (it->kind == SW_LINE) {
      cairo_arc(cr, x + w / 2, y + h / 2, 3.5 * d->fs, 0, 2 * G_PI);
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
  double sw = 22 * d->fs, sh = 12 * d->fs, gap = 6 * d->fs, spacing = 18 * d->fs;
  label *ls = g_new0(label, items->len);
  gboolean ok = TRUE;
  for (guint i = 0; i < items->len && ok; i++)
    ok = mk(d, &ls[i], g_array_index(items, legend_item, i).text, R_LEGEND, FALSE,
            x1 - x0 - sw - gap, PANGO_ALIGN_LEFT);
  if (ok) {
    guint i = 0;
    double y = f->top - 2 * d->fs;
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
        show(d, &ls[k], x, y + hmax / 2, 0, 0.5, d->t->text, 0);
        x += ls[k].w;
      }
      y += hmax + 2 * d->fs;
      i = j;
    }
    f->top = y + 8 * d->fs;
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
  if (!any) {
    r->lo = 0;
    r->hi = 1;
  }
  if (c->type != JD_CHART_LINE) {
    r->lo = fmin(r->lo, 0);
    r->hi = fmax(r->hi, 0);
  } else if (r->lo > 0 && r->lo <= 0.5 * r->hi) {
    r->lo = 0; /* a line far from zero keeps its own range; one near it starts at zero */
  }
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
    g_autofree char *s = axis_text(a, a->min + i * a->step);
    if (!mk(d, &(*out)[i], s, R_TICK, FALSE, 0, PANGO_ALIGN_LEFT)) return FALSE;
    *wmax = fmax(*wmax, (*out)[i].w);
    *hmax = fmax(*hmax, (*out)[i].h);
  }
  return TRUE;
}

static void draw_grid(dctx *d, const plot *p, label *ticks)
{
  cairo_t *cr = d->cr;
  cairo_save(cr);
  cairo_set_line_width(cr, 1 * d->fs);
  for (int i = 0; i <= p->ax.n; i++) {
    double v = p->ax.min + i * p->ax.step;
    double pos = vpos(p, v);
    gboolean zero = fabs(v) < p->ax.step * 1e-9;
    set_rgba(cr, zero ? d->t->axis : d->t->grid);
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
      show(d, &ticks[i], pos, p->y1 + 5 * d->fs, 0.5, 0, d->t->muted, 0);
    else
      show(d, &ticks[i], p->x0 - 7 * d->fs, pos, 1, 0.5, d->t->muted, 0);
  }
  cairo_restore(cr);
}

static gboolean needs_legend(const jd_chart *c)
{
  if (c->series->len > 1) return TRUE;
  for (size_t s = 0; s < c->series->len; s++)
    if (((jd_chart_series *)g_ptr_array_index(c->series, s))->fit) return TRUE;
  return has_derived(c);
}

static gboolean build_legend(dctx *d, frame *f)
{
  const jd_chart *c = d->c;
  if (!needs_legend(c)) return TRUE;
  GArray *items = legend_new();
  gboolean line = c->type == JD_CHART_LINE;
  if (c->series->len > 1 || !has_derived(c) || line)
    for (size_t s = 0; s < c->series->len; s++) {
      const jd_chart_series *se = g_ptr_array_index(c->series, s);
      if (!se->name[0] && c->series->len == 1) continue;
      legend_add(items, se->name[0] ? se->name : "数值", line ? SW_LINE : SW_BOX,
                 series_color(d, s), line ? JD_PATTERN_SOLID : d->t->patterns[s % d->t->n_patterns]);
    }
  if (has_derived(c)) {
    if (line)
      legend_add(items, "推算值", SW_HOLLOW, d->t->muted, JD_PATTERN_SOLID);
    else
      legend_add(items, "推算值", SW_HATCH, d->t->muted, JD_PATTERN_SOLID);
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
    if (trend) legend_add(items, tl ? tl : "趋势", SW_DASH, d->t->muted, JD_PATTERN_SOLID);
    if (band)
      legend_add(items, forecast ? "预测区间" : "置信区间", SW_BAND, d->t->band, JD_PATTERN_SOLID);
  }
  gboolean ok = draw_legend(d, f, items, d->m, d->W - d->m);
  g_array_unref(items);
  return ok;
}

/* Category labels, measured: wrapped to the band, or rotated when too narrow. */
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
  double size = role_size(d, R_CATEGORY);
  double width = horizontal ? max_width : band - 4 * d->fs;
  gboolean rotate = !horizontal && width < size * 1.6;
  for (size_t i = 0; i < n && !rotate; i++) {
    if (!mk(d, &k->ls[i], g_ptr_array_index(c->categories, i), R_CATEGORY, FALSE, width,
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
      if (!mk(d, &k->ls[i], g_ptr_array_index(c->categories, i), R_CATEGORY, FALSE,
              d->H * 0.3 / sin(G_PI / 4), PANGO_ALIGN_RIGHT))
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
    show(d, &k->ls[i], cx, ytop, 0.5, 0, d->t->text, 0);
  } else {
    /* anchor the label's right end under the tick, text running up-left */
    show(d, &k->ls[i], cx + k->ls[i].h * 0.35, ytop, 1, 0, d->t->text, -G_PI / 4);
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

static gboolean draw_cartesian(dctx *d, frame *f)
{
  const jd_chart *c = d->c;
  size_t ncat = c->categories->len, nser = c->series->len;
  gboolean horizontal = c->type == JD_CHART_HBAR;
  gboolean line = c->type == JD_CHART_LINE;
  gboolean ok = FALSE;
  label *ticks = NULL;
  cats k = {0};
  GArray *placed = g_array_new(FALSE, FALSE, sizeof(rect));
  char *unit_title = NULL;

  if (!build_legend(d, f)) goto out;

  range r;
  data_range(d, &r);
  plot p = {0};
  p.horizontal = horizontal;

  /* axis labels */
  label xl = {0}, yl = {0};
  double plot_w_guess = d->W - 2 * d->m;
  /* y_label names the value axis, x_label the categories: in hbar they swap sides */
  /* both lie level: the value axis title above the ticks (vertical charts)
   * or under the axis (hbar); the hbar category name above the categories */
  unit_title = axis_title_text(c->y_label);
  const char *left_text = horizontal ? c->x_label : unit_title;
  const char *bottom_text = horizontal ? unit_title : c->x_label;
  if (left_text && !*left_text) left_text = NULL;
  if (bottom_text && !*bottom_text) bottom_text = NULL;
  if (left_text && !mk(d, &yl, left_text, R_AXIS, FALSE, plot_w_guess * 0.6, PANGO_ALIGN_LEFT))
    goto out;
  if (bottom_text && !mk(d, &xl, bottom_text, R_AXIS, FALSE, plot_w_guess, PANGO_ALIGN_CENTER))
    goto out;

  double tick_gap = 7 * d->fs;
  double vsize = role_size(d, R_VALUE);
  double value_h = c->value_labels ? vsize * 1.45 : 0;

  if (!horizontal) {
    /* the top tick label reaches half its height above y0 */
    double unit_gap = role_size(d, R_TICK) * 0.7 + 3 * d->fs;
    p.y0 = f->top + (c->value_labels ? 0 : 4 * d->fs) + (left_text ? yl.h + unit_gap : 0);
    double bottom = f->bottom - (bottom_text ? xl.h + 6 * d->fs : 0);
    /* first guess of the left margin from the data range */
    axis_make(&p.ax, r.lo, r.hi, 5, c->number_style);
    double tw, th;
    if (!tick_labels(d, &p.ax, &ticks, &tw, &th)) goto out;
    g_free(ticks);
    ticks = NULL;
    double left = d->m + tw + tick_gap;
    double right = d->W - d->m;
    if (line && nser > 1) {
      /* direct labels at the line ends help greyscale readers */
      double wmax = 0;
      for (size_t s = 0; s < nser; s++) {
        label l;
        if (!mk(d, &l, ((jd_chart_series *)g_ptr_array_index(c->series, s))->name, R_LEGEND,
                FALSE, 0, PANGO_ALIGN_LEFT))
          goto out;
        wmax = fmax(wmax, l.w);
      }
      right -= fmin(wmax + 10 * d->fs, d->W * 0.25);
    }
    double band = (right - left) / (double)ncat;
    if (!measure_categories(d, &k, band, FALSE, 0)) goto out;
    p.y1 = bottom - k.hmax - 8 * d->fs;
    if (p.y1 - p.y0 < 40 * d->fs) {
      g_set_error(d->error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                  "chart '%s': %.0f×%.0f is too small for its titles and labels — use a larger "
                  "size or shorter labels", jd_chart_display_name(c), d->W, d->H);
      d->failed = TRUE;
      goto out;
    }
    /* the value range, with head room for the value labels */
    int target = (int)fmax(3, fmin(8, (p.y1 - p.y0) / (role_size(d, R_TICK) * 4)));
    double lo = r.lo, hi = r.hi;
    for (int iter = 0; iter < 4; iter++) {
      axis_make(&p.ax, lo, hi, target, c->number_style);
      double span = p.ax.max - p.ax.min, ph = p.y1 - p.y0;
      double need = value_h + 2 * d->fs;
      gboolean grow = FALSE;
      if (c->value_labels && r.hi > 0 && (p.ax.max - r.hi) / span * ph < need) {
        hi = r.hi + need / ph * span * 1.05;
        grow = TRUE;
      }
      if (c->value_labels && r.lo < 0 && (r.lo - p.ax.min) / span * ph < need) {
        lo = r.lo - need / ph * span * 1.05;
        grow = TRUE;
      }
      if (!grow) break;
    }
    if (!tick_labels(d, &p.ax, &ticks, &tw, &th)) goto out;
    p.x0 = d->m + tw + tick_gap;
    p.x1 = right;
    if (k.rotated) {
      /* rotated labels run down-left from their tick: the first ones must not
       * leave the canvas (a fixed point: moving x0 also moves the ticks) */
      for (int iter = 0; iter < 3; iter++) {
        double bw = (p.x1 - p.x0) / (double)ncat, need = p.x0;
        for (size_t i = 0; i < ncat; i++) {
          double reach = (k.ls[i].w + k.ls[i].h) * cos(G_PI / 4);
          need = fmax(need, d->m * 0.5 + reach - bw * (i + 0.5));
        }
        if (need <= p.x0 + 0.5) break;
        p.x0 = need;
      }
    }
    /* the unit, level, above the tick labels (which end at x0 − tick_gap) */
    if (left_text)
      show(d, &yl, d->m, p.y0 - unit_gap, 0, 1, d->t->muted, 0);
    if (bottom_text) show(d, &xl, (p.x0 + p.x1) / 2, f->bottom, 0.5, 1, d->t->text, 0);
  } else {
    /* horizontal bars: categories down the left, values along the bottom */
    double max_cat_w = (d->W - 2 * d->m) * 0.32;
    if (!measure_categories(d, &k, 0, TRUE, max_cat_w)) goto out;
    axis_make(&p.ax, r.lo, r.hi, 5, c->number_style);
    double tw, th;
    if (!tick_labels(d, &p.ax, &ticks, &tw, &th)) goto out;
    p.y0 = f->top + (left_text ? yl.h + 6 * d->fs : 0);
    p.y1 = f->bottom - th - 5 * d->fs - (bottom_text ? xl.h + 6 * d->fs : 0);
    p.x0 = d->m + k.wmax + 10 * d->fs;
    p.x1 = d->W - d->m - tw / 2;
    if (p.x1 - p.x0 < 60 * d->fs || p.y1 - p.y0 < 20 * d->fs * ncat * 0.5) {
      if (p.x1 - p.x0 < 60 * d->fs) {
        g_set_error(d->error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                    "chart '%s': %.0f×%.0f is too small for its labels — use a larger size",
                    jd_chart_display_name(c), d->W, d->H);
        d->failed = TRUE;
        goto out;
      }
    }
    /* head room on the right for value labels: measure the widest */
    double vw = 0;
    if (c->value_labels)
      for (size_t s = 0; s < nser; s++)
        for (size_t i = 0; i < ncat; i++) {
          if (isnan(jd_chart_value(c, s, i))) continue;
          g_autofree char *txt = jd_chart_value_text(c, s, i);
          label l;
          if (!mk(d, &l, txt, R_VALUE, FALSE, 0, PANGO_ALIGN_LEFT)) goto out;
          vw = fmax(vw, l.w);
        }
    double lo = r.lo, hi = r.hi;
    for (int iter = 0; iter < 4; iter++) {
      axis_make(&p.ax, lo, hi, (int)fmax(3, fmin(8, (p.x1 - p.x0) / (tw * 2.2))), c->number_style);
      double span = p.ax.max - p.ax.min, pw = p.x1 - p.x0, need = vw + 6 * d->fs;
      gboolean grow = FALSE;
      if (vw > 0 && r.hi > 0 && (p.ax.max - r.hi) / span * pw < need) {
        hi = r.hi + need / pw * span * 1.05;
        grow = TRUE;
      }
      if (vw > 0 && r.lo < 0 && (r.lo - p.ax.min) / span * pw < need) {
        lo = r.lo - need / pw * span * 1.05;
        grow = TRUE;
      }
      if (!grow) break;
    }
    g_free(ticks);
    if (!tick_labels(d, &p.ax, &ticks, &tw, &th)) goto out;
    if (left_text) show(d, &yl, d->m, p.y0 - 6 * d->fs, 0, 1, d->t->muted, 0);
    if (bottom_text) show(d, &xl, p.x1, f->bottom, 1, 1, d->t->muted, 0);
  }

  draw_grid(d, &p, ticks);
  cairo_t *cr = d->cr;
  double zero = vpos(&p, fmin(fmax(0, p.ax.min), p.ax.max));

  if (horizontal) {
    double bandh = (p.y1 - p.y0) / ncat;
    double group = fmin(bandh * d->t->bar_width, nser * 56 * d->fs), gap = nser > 1 ? 2 * d->fs : 0;
    double bh = (group - gap * (nser - 1)) / nser;
    for (size_t i = 0; i < ncat; i++) {
      double cy = p.y0 + bandh * (i + 0.5);
      show(d, &k.ls[i], p.x0 - 8 * d->fs, cy, 1, 0.5, d->t->text, 0);
      for (size_t s = 0; s < nser; s++) {
        double v = jd_chart_value(c, s, i);
        if (isnan(v)) continue;
        double y = cy - group / 2 + s * (bh + gap);
        double xv = vpos(&p, v);
        double x = fmin(zero, xv), w = fabs(xv - zero);
        if (v != 0 && w < 1 * d->fs) w = 1 * d->fs;
        bar_rect(d, x, y, w, bh, s, jd_chart_flags(c, s, i));
        if (c->value_labels) {
          g_autofree char *txt = jd_chart_value_text(c, s, i);
          label l;
          if (!mk(d, &l, txt, R_VALUE, FALSE, 0, PANGO_ALIGN_LEFT)) goto out;
          if (l.h <= bh + gap + 2 * d->fs) {
            if (v >= 0)
              show(d, &l, x + w + 4 * d->fs, y + bh / 2, 0, 0.5, value_color(d), 0);
            else
              show(d, &l, x - 4 * d->fs, y + bh / 2, 1, 0.5, value_color(d), 0);
          }
        }
      }
    }
    /* the zero line over the bars */
    set_rgba(cr, d->t->axis);
    cairo_set_line_width(cr, 1 * d->fs);
    cairo_move_to(cr, round(zero * 2) / 2, p.y0);
    cairo_line_to(cr, round(zero * 2) / 2, p.y1);
    cairo_stroke(cr);
    ok = TRUE;
    goto out;
  }

  double band = (p.x1 - p.x0) / ncat;
  for (size_t i = 0; i < ncat; i++) draw_category(d, &k, i, p.x0 + band * (i + 0.5), p.y1 + 8 * d->fs);

  if (c->type == JD_CHART_BAR || c->type == JD_CHART_GROUPED_BAR) {
    double group = fmin(band * d->t->bar_width, nser * 110 * d->fs);
    double gap = nser > 1 ? fmin(3 * d->fs, group * 0.04) : 0;
    double bw = (group - gap * (nser - 1)) / nser;
    for (size_t i = 0; i < ncat; i++) {
      double cx = p.x0 + band * (i + 0.5);
      for (size_t s = 0; s < nser; s++) {
        double v = jd_chart_value(c, s, i);
        if (isnan(v)) continue;
        double x = cx - group / 2 + s * (bw + gap);
        double yv = vpos(&p, v);
        double y = fmin(zero, yv), h = fabs(yv - zero);
        if (v != 0 && h < 1 * d->fs) {
          h = 1 * d->fs;
          if (v > 0) y = zero - h;
        }
        bar_rect(d, x, y, bw, h, s, jd_chart_flags(c, s, i));
        if (c->value_labels) {
          g_autofree char *txt = jd_chart_value_text(c, s, i);
          label l;
          if (!mk(d, &l, txt, R_VALUE, FALSE, 0, PANGO_ALIGN_LEFT)) goto out;
          if (l.w <= bw + gap + (nser == 1 ? band - group : 0) - 1 * d->fs) {
            if (v >= 0)
              show(d, &l, x + bw / 2, y - 2 * d->fs, 0.5, 1, value_color(d), 0);
            else
              show(d, &l, x + bw / 2, y + h + 2 * d->fs, 0.5, 0, value_color(d), 0);
          }
        }
      }
    }
  } else if (c->type == JD_CHART_STACKED_BAR) {
    double bw = fmin(band * d->t->bar_width * 0.8, 130 * d->fs);
    for (size_t i = 0; i < ncat; i++) {
      double cx = p.x0 + band * (i + 0.5), x = cx - bw / 2;
      double pos = 0, neg = 0;
      gboolean any = FALSE;
      for (size_t s = 0; s < nser; s++) {
        double v = jd_chart_value(c, s, i);
        if (isnan(v) || v == 0) continue;
        any = TRUE;
        double a = v >= 0 ? pos : neg, b = a + v;
        if (v >= 0) pos = b; else neg = b;
        double ya = vpos(&p, a), yb = vpos(&p, b);
        double y = fmin(ya, yb), h = fabs(yb - ya);
        bar_rect(d, x, y, bw, h, s, jd_chart_flags(c, s, i));
        /* thin separator between segments */
        set_rgba(cr, d->t->background);
        cairo_set_line_width(cr, 1 * d->fs);
        cairo_move_to(cr, x, yb);
        cairo_line_to(cr, x + bw, yb);
        cairo_stroke(cr);
        if (c->value_labels) {
          g_autofree char *txt = jd_chart_value_text(c, s, i);
          label l;
          if (!mk(d, &l, txt, R_VALUE, FALSE, 0, PANGO_ALIGN_LEFT)) goto out;
          if (l.w <= bw - 4 * d->fs && l.h <= h - 2 * d->fs) {
            jd_rgba col = series_color(d, s);
            gboolean derived = jd_chart_flags(c, s, i) & (JD_CHART_POINT_IMPLIED | JD_CHART_POINT_INFERRED);
            jd_rgba tc = derived || luminance(col) > 0.55 ? (jd_rgba){0.08, 0.08, 0.08, 1}
                                                          : (jd_rgba){1, 1, 1, 1};
            if (derived) {
              /* a plate behind the text so the hatching does not cut through it */
              jd_rgba bg = d->t->background;
              cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
              if (luminance(bg) < 0.5) cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
              cairo_rectangle(cr, cx - l.w / 2 - 2 * d->fs, y + h / 2 - l.h / 2, l.w + 4 * d->fs, l.h);
              cairo_fill(cr);
            }
            show(d, &l, cx, y + h / 2, 0.5, 0.5, tc, 0);
          }
        }
      }
      if (any && c->value_labels && nser > 1) {
        /* the total above (or below) the stack */
        double total = pos + neg;
        g_autofree char *txt = jd_chart_format_number(total, c->number_style, c->decimals,
                                                      JD_QUAL_EXACT);
        label l;
        if (!mk(d, &l, txt, R_VALUE, TRUE, 0, PANGO_ALIGN_LEFT)) goto out;
        if (l.w <= band - 2 * d->fs) {
          if (pos > 0)
            show(d, &l, cx, vpos(&p, pos) - 2 * d->fs, 0.5, 1, d->t->text, 0);
          else
            show(d, &l, cx, vpos(&p, neg) + 2 * d->fs, 0.5, 0, d->t->text, 0);
        }
      }
    }
  } else if (line) {
    double lw = d->t->line_width * d->fs, rad = 4 * d->fs;
    /* bands and trends first, under the data */
    for (size_t s = 0; s < nser; s++) {
      const jd_chart_series *se = g_ptr_array_index(c->series, s);
      jd_rgba col = series_color(d, s);
      if (se->lower && se->upper) {
        jd_rgba bc = nser == 1 ? d->t->band : (jd_rgba){col.r, col.g, col.b, d->t->band.a};
        set_rgba(cr, bc);
        gboolean started = FALSE;
        size_t n = MIN(MIN(se->lower->len, se->upper->len), ncat);
        size_t first = n, last = 0;
        for (size_t i = 0; i < n; i++) {
          double lo = g_array_index(se->lower, double, i), hi = g_array_index(se->upper, double, i);
          if (isnan(lo) || isnan(hi)) continue;
          double x = p.x0 + band * (i + 0.5);
          if (!started) cairo_move_to(cr, x, vpos(&p, hi)); else cairo_line_to(cr, x, vpos(&p, hi));
          started = TRUE;
          if (i < first) first = i;
          last = i;
        }
        for (size_t i = n; i-- > 0;) {
          double lo = g_array_index(se->lower, double, i), hi = g_array_index(se->upper, double, i);
          if (isnan(lo) || isnan(hi)) continue;
          cairo_line_to(cr, p.x0 + band * (i + 0.5), vpos(&p, lo));
        }
        if (started) {
          cairo_close_path(cr);
          cairo_fill(cr);
        }
        (void)first;
        (void)last;
      }
      if (se->fit) {
        cairo_save(cr);
        set_rgba(cr, mix(col, d->t->background, 0.25));
        cairo_set_line_width(cr, lw * 0.7);
        double dash[] = {6 * d->fs, 4 * d->fs};
        cairo_set_dash(cr, dash, 2, 0);
        gboolean started = FALSE;
        for (size_t i = 0; i < se->fit->len && i < ncat; i++) {
          double v = g_array_index(se->fit, double, i);
          if (isnan(v)) {
            started = FALSE;
            continue;
          }
          double x = p.x0 + band * (i + 0.5);
          if (!started) cairo_move_to(cr, x, vpos(&p, v)); else cairo_line_to(cr, x, vpos(&p, v));
          started = TRUE;
        }
        cairo_stroke(cr);
        cairo_restore(cr);
        if (se->forecast_from > 0 && se->forecast_from < ncat && se->forecast_from < se->fit->len) {
          double x = p.x0 + band * se->forecast_from;
          cairo_save(cr);
          set_rgba(cr, d->t->muted);
          cairo_set_line_width(cr, 1 * d->fs);
          double dots[] = {2 * d->fs, 3 * d->fs};
          cairo_set_dash(cr, dots, 2, 0);
          cairo_move_to(cr, round(x * 2) / 2, p.y0);
          cairo_line_to(cr, round(x * 2) / 2, p.y1);
          cairo_stroke(cr);
          cairo_restore(cr);
          label l;
          if (!mk(d, &l, "预测", R_TICK, FALSE, 0, PANGO_ALIGN_LEFT)) goto out;
          show(d, &l, x + 4 * d->fs, p.y0, 0, 0, d->t->muted, 0);
          g_array_append_val(placed, ((rect){x, p.y0, x + l.w + 8 * d->fs, p.y0 + l.h}));
        }
      }
    }
    /* the lines: solid between stated points, dashed into derived ones */
    for (size_t s = 0; s < nser; s++) {
      jd_rgba col = series_color(d, s);
      cairo_save(cr);
      set_rgba(cr, col);
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
        double x = p.x0 + band * (i + 0.5), y = vpos(&p, v);
        gboolean derived = (jd_chart_flags(c, s, i) & (JD_CHART_POINT_IMPLIED | JD_CHART_POINT_INFERRED)) != 0;
        if (have) {
          if (derived || pderived) {
            double dash[] = {5 * d->fs, 3 * d->fs};
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
        double x = p.x0 + band * (i + 0.5), y = vpos(&p, v);
        gboolean derived = (jd_chart_flags(c, s, i) & (JD_CHART_POINT_IMPLIED | JD_CHART_POINT_INFERRED)) != 0;
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, rad, 0, 2 * G_PI);
        if (derived) {
          set_rgba(cr, d->t->background);
          cairo_fill_preserve(cr);
          set_rgba(cr, col);
          cairo_set_line_width(cr, lw * 0.8);
          cairo_stroke(cr);
        } else {
          cairo_fill(cr);
        }
        g_array_append_val(placed, ((rect){x - rad, y - rad, x + rad, y + rad}));
      }
      cairo_restore(cr);
    }
    /* value labels: above the point, else below, else left out */
    if (c->value_labels) {
      for (size_t s = 0; s < nser; s++)
        for (size_t i = 0; i < ncat; i++) {
          double v = jd_chart_value(c, s, i);
          if (isnan(v)) continue;
          g_autofree char *txt = jd_chart_value_text(c, s, i);
          label l;
          if (!mk(d, &l, txt, R_VALUE, FALSE, 0, PANGO_ALIGN_LEFT)) goto out;
          double x = p.x0 + band * (i + 0.5), y = vpos(&p, v);
          if (l.w > band - 2 * d->fs && ncat > 1) continue;
          rect above = {x - l.w / 2, y - rad - 3 * d->fs - l.h, x + l.w / 2, y - rad - 3 * d->fs};
          rect below = {x - l.w / 2, y + rad + 3 * d->fs, x + l.w / 2, y + rad + 3 * d->fs + l.h};
          /* above, below, then further up: the first place clear of other
           * labels and of every line; else the first clear of labels (the
           * halo keeps the lines off the glyphs) */
          double lift = l.h * 0.9;
          rect high = {above.x0, above.y0 - lift, above.x1, above.y1 - lift};
          rect low = {below.x0, below.y0 + lift, below.x1, below.y1 + lift};
          rect cand[] = {above, below, high, low};
          rect *use = NULL, *fallback = NULL;
          for (size_t q = 0; q < G_N_ELEMENTS(cand) && !use; q++) {
            rect *cr_ = &cand[q];
            gboolean inside = cr_->y0 >= p.y0 - 2 * d->fs && cr_->y1 <= p.y1 &&
                              cr_->x0 >= d->m * 0.5 && cr_->x1 <= d->W - d->m * 0.5;
            if (!inside || overlaps(placed, *cr_)) continue;
            /* the glyph box is narrower than the layout box: test that */
            rect ink = {cr_->x0 + d->fs, cr_->y0 + l.h * 0.18, cr_->x1 - d->fs, cr_->y1 - l.h * 0.12};
            if (!hits_lines(d, &p, band, ink)) use = cr_;
            else if (!fallback && q < 2) fallback = cr_;
          }
          if (!use) use = fallback;
          if (!use) continue;
          halo(d, &l, use->x0, use->y0);
          jd_rgba tc = series_color(d, s);
          if (fabs(luminance(tc) - luminance(d->t->background)) < 0.3) tc = d->t->text;
          show(d, &l, use->x0, use->y0, 0, 0, tc, 0);
          g_array_append_val(placed, *use);
        }
    }
    /* direct labels at the line ends */
    if (nser > 1) {
      double *ys = g_new0(double, nser);
      label *ls = g_new0(label, nser);
      gboolean good = TRUE;
      for (size_t s = 0; s < nser && good; s++) {
        ys[s] = NAN;
        for (size_t i = ncat; i-- > 0;) {
          double v = jd_chart_value(c, s, i);
          if (!isnan(v)) {
            ys[s] = vpos(&p, v);
            break;
          }
        }
        good = mk(d, &ls[s], ((jd_chart_series *)g_ptr_array_index(c->series, s))->name, R_LEGEND,
                  FALSE, 0, PANGO_ALIGN_LEFT);
      }
      if (good) {
        /* push apart so they do not overlap: simple relaxation in y order */
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
            show(d, &ls[s], p.x1 + 8 * d->fs, ys[s], 0, 0.5, series_color(d, s), 0);
      }
      g_free(ys);
      g_free(ls);
      if (!good) goto out;
    }
  }
  /* the zero line over the bars */
  if (!line) {
    set_rgba(cr, d->t->axis);
    cairo_set_line_width(cr, 1 * d->fs);
    cairo_move_to(cr, p.x0, round(zero * 2) / 2);
    cairo_line_to(cr, p.x1, round(zero * 2) / 2);
    cairo_stroke(cr);
  }
  ok = TRUE;
out:
  g_free(ticks);
  g_free(unit_title);
  g_free(k.ls);
  g_array_unref(placed);
  return ok && !d->failed;
}

/* ---- donut ---- */

static gboolean draw_donut(dctx *d, frame *f)
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
    if (!mk(d, &names[i], g_ptr_array_index(c->categories, i), R_LEGEND, FALSE,
            leg_w * 0.6, PANGO_ALIGN_LEFT))
      goto out;
    g_autofree char *num = jd_chart_value_text(c, 0, i);
    g_autofree char *pct = isnan(v) ? g_strdup("—")
                                    : jd_chart_format_number(100 * v / total, JD_NUMBER_PERCENT, 1,
                                                             JD_QUAL_EXACT);
    gboolean shares = c->unit && strcmp(c->unit, "%") == 0;
    g_autofree char *txt = shares ? g_strdup_printf("%s%%", num)
                                  : g_strdup_printf("%s%s（%s）", num, c->unit ? c->unit : "", pct);
    if (!mk(d, &vals[i], txt, R_LEGEND, FALSE, 0, PANGO_ALIGN_LEFT)) goto out;
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
      set_rgba(cr, mix(col, d->t->background, 0.72));
      cairo_fill_preserve(cr);
      cairo_clip_preserve(cr);
      set_rgba(cr, col);
      cairo_new_path(cr);
      cairo_set_line_width(cr, 1.4 * d->fs);
      for (double k = -2 * radius; k < 2 * radius; k += 6 * d->fs) {
        cairo_move_to(cr, cx + k - radius, cy + radius);
        cairo_line_to(cr, cx + k + radius, cy - radius);
      }
      cairo_stroke(cr);
      cairo_restore(cr);
    } else {
      set_rgba(cr, col);
      cairo_fill(cr);
    }
    /* white separators */
    set_rgba(cr, d->t->background);
    cairo_set_line_width(cr, 1.5 * d->fs);
    cairo_move_to(cr, cx + inner * cos(a0), cy + inner * sin(a0));
    cairo_line_to(cr, cx + radius * cos(a0), cy + radius * sin(a0));
    cairo_stroke(cr);
    /* share inside the ring when the arc is wide enough */
    double mid = (a0 + a1) / 2, rr = (radius + inner) / 2;
    g_autofree char *pct = jd_chart_format_number(100 * v / total, JD_NUMBER_PERCENT, 1, JD_QUAL_EXACT);
    label l;
    if (!mk(d, &l, pct, R_VALUE, TRUE, 0, PANGO_ALIGN_LEFT)) goto out;
    double arc_len = (a1 - a0) * rr;
    if (arc_len > l.w * 1.15 && radius - inner > l.h * 1.2) {
      gboolean derived = fl & (JD_CHART_POINT_IMPLIED | JD_CHART_POINT_INFERRED);
      jd_rgba tc = derived || luminance(col) > 0.55 ? (jd_rgba){0.08, 0.08, 0.08, 1}
                                                    : (jd_rgba){1, 1, 1, 1};
      show(d, &l, cx + rr * cos(mid), cy + rr * sin(mid), 0.5, 0.5, tc, 0);
    }
    a0 = a1;
  }
  /* centre: the total (not for shares that add up to 100%) */
  if (!(c->unit && strcmp(c->unit, "%") == 0)) {
    g_autofree char *num = jd_chart_format_number(total, c->number_style, c->decimals, JD_QUAL_EXACT);
    g_autofree char *txt = g_strdup_printf("%s%s", num, c->unit ? c->unit : "");
    label big, small;
    if (!mk(d, &big, txt, R_TITLE, TRUE, inner * 1.8, PANGO_ALIGN_CENTER)) goto out;
    if (!mk(d, &small, "合计", R_LEGEND, FALSE, 0, PANGO_ALIGN_LEFT)) goto out;
    if (big.h + small.h < inner * 1.6) {
      show(d, &small, cx, cy - big.h / 2, 0.5, 1, d->t->muted, 0);
      show(d, &big, cx, cy - big.h / 2, 0.5, 0, d->t->text, 0);
    }
  }
  /* the legend rows */
  double lx = cx + radius + 30 * d->fs, ly = cy - (n * (row_h + 6 * d->fs)) / 2;
  for (size_t i = 0; i < n; i++) {
    double yy = ly + i * (row_h + 6 * d->fs);
    jd_rgba col = d->t->palette[i % d->t->n_palette];
    unsigned fl = jd_chart_flags(c, 0, i);
    if (fl & (JD_CHART_POINT_IMPLIED | JD_CHART_POINT_INFERRED))
      hatched_rect(d, lx, yy + row_h / 2 - sw / 2, sw, sw, col);
    else {
      set_rgba(cr, col);
      cairo_rectangle(cr, lx, yy + row_h / 2 - sw / 2, sw, sw);
      cairo_fill(cr);
    }
    show(d, &names[i], lx + sw + gap, yy + row_h / 2, 0, 0.5, d->t->text, 0);
    show(d, &vals[i], lx + sw + gap + name_w + 2 * gap, yy + row_h / 2, 0, 0.5, d->t->muted, 0);
  }
  if (has_derived(c)) {
    double yy = ly + n * (row_h + 6 * d->fs);
    label l;
    if (!mk(d, &l, "斜线：推算值", R_FOOTNOTE, FALSE, 0, PANGO_ALIGN_LEFT)) goto out;
    show(d, &l, lx, yy, 0, 0, d->t->muted, 0);
  }
  ok = TRUE;
out:
  g_free(names);
  g_free(vals);
  return ok && !d->failed;
}

/* ---- KPI card ---- */

static gboolean draw_kpi(dctx *d)
{
  const jd_chart *c = d->c;
  cairo_t *cr = d->cr;
  double m = d->m;
  size_t n = 0;
  const jd_chart_series *se = g_ptr_array_index(c->series, 0);
  n = se->values->len;
  ssize_t last = -1, prev = -1;
  for (size_t i = 0; i < n; i++)
    if (!isnan(jd_chart_value(c, 0, i))) {
      prev = last;
      last = (ssize_t)i;
    }
  double v = jd_chart_value(c, 0, (size_t)last);
  double y = m;
  double w = d->W - 2 * m;
  /* card outline */
  cairo_save(cr);
  set_rgba(cr, d->t->grid);
  cairo_set_line_width(cr, 1.5 * d->fs);
  double r = 8 * d->fs, x0 = m * 0.4, y0 = m * 0.4, x1 = d->W - m * 0.4, y1 = d->H - m * 0.4;
  cairo_new_sub_path(cr);
  cairo_arc(cr, x1 - r, y0 + r, r, -G_PI / 2, 0);
  cairo_arc(cr, x1 - r, y1 - r, r, 0, G_PI / 2);
  cairo_arc(cr, x0 + r, y1 - r, r, G_PI / 2, G_PI);
  cairo_arc(cr, x0 + r, y0 + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path(cr);
  cairo_stroke(cr);
  set_rgba(cr, d->t->accent);
  cairo_rectangle(cr, x0 + r, y0, 0, 0);
  cairo_restore(cr);

  if (c->title) {
    label l;
    if (!mk(d, &l, c->title, R_SUBTITLE, TRUE, w, PANGO_ALIGN_LEFT)) return FALSE;
    show(d, &l, m, y, 0, 0, d->t->text, 0);
    y += l.h + 2 * d->fs;
  }
  if (c->subtitle) {
    /* the period and place of the number: as large as the change line */
    label l;
    if (!mk(d, &l, c->subtitle, R_LEGEND, FALSE, w, PANGO_ALIGN_LEFT)) return FALSE;
    show(d, &l, m, y, 0, 0, d->t->muted, 0);
    y += l.h;
  }
  double bottom = d->H - m;
  if (c->footnote) {
    label l;
    if (!mk(d, &l, c->footnote, R_FOOTNOTE, FALSE, w, PANGO_ALIGN_LEFT)) return FALSE;
    bottom -= l.h;
    show(d, &l, m, bottom, 0, 0, d->t->muted, 0);
    bottom -= 4 * d->fs;
  }
  /* big number + unit */
  g_autofree char *num = jd_chart_value_text(c, 0, (size_t)last);
  label big, unit = {0};
  if (!mk(d, &big, num, R_KPI, TRUE, 0, PANGO_ALIGN_LEFT)) return FALSE;
  if (c->unit && !mk(d, &unit, c->unit, R_TITLE, FALSE, 0, PANGO_ALIGN_LEFT)) return FALSE;
  /* the change line */
  double change = NAN;
  jd_chart_change kind = JD_CHART_CHANGE_PCT;
  int dec = c->kpi_change_decimals;
  if (c->kpi_change_set) {
    change = c->kpi_change;
    kind = c->kpi_change_kind;
  } else if (prev >= 0) {
    double pv = jd_chart_value(c, 0, (size_t)prev);
    if (pv != 0) change = (v - pv) / fabs(pv) * 100;
  }
  label chg = {0};
  gboolean have_change = !isnan(change);
  jd_rgba ccol = d->t->muted;
  if (have_change) {
    const char *arrow = change > 0 ? "▲" : change < 0 ? "▼" : "—";
    ccol = change > 0 ? d->t->up : change < 0 ? d->t->down : d->t->muted;
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
    g_autofree char *txt = g_strdup_printf("%s %s %s", c->kpi_change_label ? c->kpi_change_label : "同比",
                                           arrow, amount);
    if (!mk(d, &chg, txt, R_LEGEND, TRUE, 0, PANGO_ALIGN_LEFT)) return FALSE;
  }
  /* sparkline below, if there are at least two points; the number sits
   * where it would with a change line and a sparkline, so that cards of one
   * size side by side line up whatever they show */
  size_t npts = 0;
  for (size_t i = 0; i < n; i++) npts += !isnan(jd_chart_value(c, 0, i));
  double spark_room = fmin(60 * d->fs, (bottom - y) * 0.3);
  double spark_h = npts >= 2 ? spark_room : 0;
  double avail = bottom - y - spark_room - 8 * d->fs;
  if (!have_change) {
    /* say so rather than leave the line blank */
    g_autofree char *txt = g_strdup_printf(
        "%s：无上期数据", c->kpi_change_label ? c->kpi_change_label : "同比");
    if (!mk(d, &chg, txt, R_LEGEND, FALSE, 0, PANGO_ALIGN_LEFT)) return FALSE;
  }
  double chg_h = chg.h;
  /* a long number (约1234.5万) is set smaller rather than overflow the card,
   * down to the size of the unit */
  double need = big.w + (c->unit ? unit.w + 6 * d->fs : 0);
  if (need > w) {
    double size = role_size(d, R_KPI) * (w - (need - big.w)) / big.w * 0.98;
    if (size >= role_size(d, R_TITLE) &&
        !mk_sized(d, &big, num, R_KPI, size, TRUE, 0, PANGO_ALIGN_LEFT))
      return FALSE;
  }
  double block = big.h + chg_h + 4 * d->fs;
  double by = y + fmax(4 * d->fs, (avail - block) / 2);
  if (big.w + (c->unit ? unit.w + 6 * d->fs : 0) > w || block > avail + 8 * d->fs) {
    g_set_error(d->error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "chart '%s': the KPI card %.0f×%.0f is too small for its number — use a larger size",
                jd_chart_display_name(c), d->W, d->H);
    d->failed = TRUE;
    return FALSE;
  }
  show(d, &big, m, by, 0, 0, d->t->accent, 0);
  if (c->unit) {
    /* baseline-aligned unit after the number */
    int bb = pango_layout_get_baseline(big.lay), ub = pango_layout_get_baseline(unit.lay);
    show(d, &unit, m + big.w + 6 * d->fs, by + (bb - ub) / (double)PANGO_SCALE, 0, 0,
         d->t->muted, 0);
  }
  show(d, &chg, m, by + big.h + 4 * d->fs, 0, 0, ccol, 0);
  if (spark_h > 0) {
    double sy0 = bottom - spark_h, sy1 = bottom, sx0 = m, sx1 = d->W - m;
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
    double rad = 3.5 * d->fs;
    sy0 += rad;
    sy1 -= rad;
    sx0 += rad;
    sx1 -= rad;
    cairo_save(cr);
    set_rgba(cr, d->t->accent);
    cairo_set_line_width(cr, 2 * d->fs);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    gboolean started = FALSE;
    double lx = 0, ly = 0;
    size_t first = 0;
    while (first < n && isnan(jd_chart_value(c, 0, first))) first++;
    size_t span = (size_t)last > first ? (size_t)last - first : 1;
    for (size_t i = first; i <= (size_t)last; i++) {
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
  return TRUE;
}

/* ---- entry ---- */

gboolean jd_chart_draw(const jd_chart *c, const jd_theme *theme, cairo_t *cr, double w, double h,
                       GError **error)
{
  return jd_chart_draw_with_fonts(c, theme, cr, w, h, NULL, FALSE, error);
}

gboolean jd_chart_draw_with_fonts(const jd_chart *c, const jd_theme *theme, cairo_t *cr, double w,
                                  double h, jd_pdf_fonts *pf, gboolean collect, GError **error)
{
  if (!jd_chart_validate(c, error)) return FALSE;
  dctx d = {0};
  d.c = c;
  d.t = theme;
  d.cr = cr;
  d.W = w;
  d.H = h;
  d.error = error;
  d.pf = pf;
  d.pf_collect = collect;
  if (c->font_scale > 0)
    d.fs = c->font_scale;
  else if (c->type == JD_CHART_KPI)
    d.fs = fmin(w / 480.0, h / 270.0);
  else
    d.fs = fmin(w / 960.0, h / 540.0);
  d.fs = fmax(0.25, fmin(d.fs, 6));
  d.m = 18 * d.fs;
  d.owned = g_ptr_array_new_with_free_func(g_object_unref);

  d.pctx = pango_font_map_create_context(jd_render_font_map());
  cairo_font_options_t *fo = cairo_font_options_create();
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(d.pctx, fo);
  cairo_font_options_destroy(fo);
  pango_context_set_round_glyph_positions(d.pctx, FALSE);
  pango_context_set_language(d.pctx, pango_language_from_string("zh-cn"));

  cairo_save(cr);
  set_rgba(cr, theme->background);
  cairo_rectangle(cr, 0, 0, w, h);
  cairo_fill(cr);

  gboolean ok;
  if (c->type == JD_CHART_KPI) {
    ok = draw_kpi(&d);
  } else {
    frame f;
    ok = draw_header(&d, &f);
    if (ok) ok = c->type == JD_CHART_DONUT ? draw_donut(&d, &f) : draw_cartesian(&d, &f);
  }
  cairo_restore(cr);
  if (ok && cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_CAIRO, "chart '%s': cairo: %s",
                jd_chart_display_name(c), cairo_status_to_string(cairo_status(cr)));
    ok = FALSE;
  }
  if (!ok && error && !*error)
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID, "chart '%s' could not be drawn",
                jd_chart_display_name(c));
  g_ptr_array_unref(d.owned);
  g_object_unref(d.pctx);
  return ok;
}
