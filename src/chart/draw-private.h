/* What the drawing files of the chart share (draw.c and one file per chart
 * type: draw-cartesian.c, draw-donut.c, draw-kpi.c, with draw-axis.c and
 * draw-legend.c): the drawing context, measured labels, the value axis, and
 * the helpers that measure and draw text and fill bars. */
#pragma once

#include "chart/chart-private.h"

/* The text roles, each with its size in the theme. */
typedef enum {
  R_TITLE, R_SUBTITLE, R_AXIS, R_TICK, R_CATEGORY, R_VALUE, R_LEGEND, R_FOOTNOTE, R_KPI,
} role;

/* One drawing: the chart, its theme and its spacings, the cairo context,
 * the canvas (W×H), the font scale fs (sizes and spacings are points on
 * 960×540) and the margin m. The first error is kept in *error and sets
 * failed. */
typedef struct {
  const jd_chart *c;
  const jd_theme *t;
  const jd_spacing *sp; /* &t->spacing */
  cairo_t *cr;
  PangoContext *pctx;
  double W, H, fs, m;
  GError **error;
  gboolean failed;
  GPtrArray *owned; /* layouts to unref */
  jd_pdf_fonts *pf; /* PDF: glyph collection or subset drawing; else NULL */
  gboolean pf_collect;
  const char *footnote; /* the chart's, or with the note on labels left out */
  unsigned dropped;  /* value labels left out for want of room (said in the footnote) */
  GArray *boxes;     /* jd_chart_box of every label shown, when asked for (tests) */
} dctx;

typedef struct {
  PangoLayout *lay;
  double w, h, ox; /* logical size; ox: logical x offset (alignment inside a wrap width) */
  role role;
} label;

typedef struct {
  double x0, y0, x1, y1;
} rect;

/* A value axis: ticks from min to max by step (n steps), labelled in units
 * of divisor with suffix (万, 亿, %) and decimals. */
typedef struct {
  double min, max, step;
  int n;
  double divisor;
  const char *suffix;
  int decimals;
} axis;

typedef struct {
  double top, bottom; /* free vertical space left for the plot */
} frame;

/* ---- text (draw.c) ---- */

/* The size of role r on this canvas. */
double jd_role_size(const dctx *d, role r);
/* A measured label in the font of role r at size; width > 0 wraps at that
 * width (word-char). FALSE on tofu (the error set in d). */
gboolean jd_label_make_sized(dctx *d, label *out, const char *text, role r, double size,
                             gboolean bold, double width, PangoAlignment align);
/* A measured label at its role's size. */
gboolean jd_label_make(dctx *d, label *out, const char *text, role r, gboolean bold, double width,
                       PangoAlignment align);
/* Draws a label with its box anchored at (x,y): ax/ay 0 = left/top, 0.5 centre, 1 right/bottom. */
void jd_label_show(dctx *d, const label *l, double x, double y, double ax, double ay, jd_rgba col,
                   double angle);
/* An outline in the background colour under the label at (x,y) (top-left). */
void jd_label_halo(dctx *d, const label *l, double x, double y);

/* The canvas size for messages: "1920×1080 px" when drawn at the chart's
 * own size (PNG), else in points. Caller frees. */
char *jd_canvas_size_text(const dctx *d);

/* ---- colours and fills (draw.c) ---- */

static inline void jd_set_rgba(cairo_t *cr, jd_rgba c)
{
  cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

static inline jd_rgba jd_rgba_mix(jd_rgba a, jd_rgba b, double t)
{
  return (jd_rgba){a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t, 1};
}

static inline double jd_luminance(jd_rgba c) { return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b; }

jd_rgba jd_series_color(const dctx *d, size_t s);
/* The theme's pattern p over the rectangle (nothing for solid). */
void jd_draw_pattern(dctx *d, double x, double y, double w, double h, jd_pattern p);
/* Implied/inferred: a pale fill with diagonal hatching and a solid outline. */
void jd_draw_hatched(dctx *d, double x, double y, double w, double h, jd_rgba col);
/* A bar of series s: its colour and pattern, hatched when derived. */
void jd_draw_bar(dctx *d, double x, double y, double w, double h, size_t s, unsigned flags);
/* Whether any point present is implied or inferred. */
gboolean jd_chart_has_derived(const jd_chart *c);

/* ---- the value axis (draw-axis.c) ---- */

/* Ticks covering lo..hi in about target steps. */
void jd_axis_make(axis *a, double lo, double hi, int target, jd_number_style style);
/* The label of tick value v. Caller frees. */
char *jd_axis_text(const axis *a, double v);

/* ---- passes (one file each) ---- */

/* The legend of a bar or line chart under the header; moves f->top down. */
gboolean jd_draw_legend(dctx *d, frame *f);
gboolean jd_draw_cartesian(dctx *d, frame *f);
gboolean jd_draw_donut(dctx *d, frame *f);
gboolean jd_draw_kpi(dctx *d);
/* A region × period table (draw-heatmap.c); small multiples on one scale (draw-panels.c). */
gboolean jd_draw_heatmap(dctx *d, frame *f);
gboolean jd_draw_panels(dctx *d, frame *f);
