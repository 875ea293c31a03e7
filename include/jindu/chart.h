/* Charts: a chart spec that knows nothing about analysis (type, titles, axis
 * labels, categories, series with per-point flags, trend and forecast band,
 * footnote, theme, size) and its rendering through cairo + Pango with the
 * project's CJK fonts to PNG, PDF and SVG, or onto any cairo context (the
 * report places charts on its own PDF pages that way).
 *
 * All text goes through Pango with fonts found via fonts/fonts.conf (call
 * jd_fonts_init() first). A character the fonts cannot draw is an error
 * (JD_CHART_ERROR_GLYPH) naming the character and the chart, never a box.
 * Output is reproducible: the same chart gives byte-identical PNG, PDF, SVG.
 *
 * Ownership follows jindu.h: setters copy their arguments; the chart owns
 * everything it holds. */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <stddef.h>

#include "jindu/numeral.h"

G_BEGIN_DECLS

#define JD_CHART_ERROR (jd_chart_error_quark())
GQuark jd_chart_error_quark(void);
typedef enum {
  JD_CHART_ERROR_INVALID, /* the spec cannot be drawn: no data, mismatched lengths, unknown preset */
  JD_CHART_ERROR_GLYPH,   /* a character the fonts cannot draw (names it and the chart) */
  JD_CHART_ERROR_THEME,   /* a theme file is malformed (names file:line) or names a missing font */
  JD_CHART_ERROR_SPEC,    /* a --spec key file is malformed (names file:line) */
  JD_CHART_ERROR_IO,      /* the output could not be written */
  JD_CHART_ERROR_CAIRO,   /* cairo reported an error while drawing */
} jd_chart_error;

typedef enum {
  JD_CHART_BAR = 0,     /* one series, vertical bars */
  JD_CHART_GROUPED_BAR, /* several series side by side per category */
  JD_CHART_HBAR,        /* horizontal bars (long Chinese category labels); several series grouped */
  JD_CHART_LINE,        /* one or more series; optional trend line and forecast band */
  JD_CHART_STACKED_BAR, /* series stacked per category */
  JD_CHART_DONUT,       /* shares: series 0 over the categories */
  JD_CHART_KPI,         /* a KPI card: big number (last point of series 0), unit, 同比 arrow, sparkline */
  JD_CHART_HEATMAP,     /* a table of series (rows: regions) × categories (periods), shaded by value */
  JD_CHART_PANELS,      /* small multiples: one panel of bars per series, all on one scale */
} jd_chart_type;

/* "bar", "grouped-bar", "hbar", "line", "stacked-bar", "donut", "kpi", "heatmap", "panels". */
const char *jd_chart_type_to_string(jd_chart_type t);
gboolean jd_chart_type_from_string(const char *s, jd_chart_type *out);

/* Per-point flags. Implied and inferred points (derived, not stated) are drawn
 * hatched/outlined and the legend gains a 推算值 entry. Missing points are not
 * drawn (a gap in a line). */
typedef enum {
  JD_CHART_POINT_STATED = 0,
  JD_CHART_POINT_IMPLIED = 1 << 0,  /* derived from a stated change (同比增长 → prior value) */
  JD_CHART_POINT_INFERRED = 1 << 1, /* inferred exact value behind 340多 etc. */
  JD_CHART_POINT_MISSING = 1 << 2,  /* no value for this category */
} jd_chart_point_flags;

/* How numbers are printed on axes and value labels. */
typedef enum {
  JD_NUMBER_AUTO = 0, /* 万/亿 where that reads better (1.2万, 3.5亿), thousands separators otherwise */
  JD_NUMBER_PLAIN,    /* never 万/亿: 25,000 (four digits ungrouped: 1113) */
  JD_NUMBER_PERCENT,  /* value is a percentage: 45.3% at the stated decimals */
} jd_number_style;

/* Formats v for Chinese readers: 1113, 12,345 (separators from five digits,
 * as GB/T 15835 has it), 1.2万, 250万, 3.5亿, 45.3%. decimals < 0 picks the fewest that show v
 * (at most 2; 万/亿 values get one or two). U+2212 for negative numbers.
 * Qualifier words are added: more_than → 1870余, about → 约1870, nearly →
 * 近1870, less_than → 不到1870, at_least → 至少…, at_most → 至多….
 * Caller frees with g_free. */
char *jd_chart_format_number(double v, jd_number_style style, int decimals, jd_qualifier q);

/* Theme: fonts, sizes, palette, background, from a GLib key file. */
typedef struct jd_theme jd_theme;
/* name_or_path: "default", "dark", "official" (data/themes/NAME.ini under
 * jd_data_dir()) or a path to a .ini file. Unknown groups/keys, bad colours
 * and fonts that fontconfig cannot find are errors naming file:line.
 * Caller frees with jd_theme_free. */
jd_theme *jd_theme_load(const char *name_or_path, GError **error);
jd_theme *jd_theme_copy(const jd_theme *theme);
void jd_theme_free(jd_theme *theme);
/* The theme's font family for body text (borrowed), e.g. "Noto Sans CJK SC". */
const char *jd_theme_get_font_family(const jd_theme *theme);

/* Size: the canvas in layout units (= PDF/SVG points) and the raster scale
 * (PNG pixels per unit). Font sizes in themes are for a 960×540 canvas and
 * scale with the canvas unless font_scale is set. */
typedef struct {
  double width, height; /* canvas, in units/points */
  double scale;         /* PNG pixels per unit */
} jd_chart_size;

/* Presets: "slide" 1920×1080 px (960×540 pt, scale 2), "slide@2x" 3840×2160
 * (scale 4), "slide-4x3" 1600×1200 (800×600 pt, scale 2), "a4-half"
 * (A4 width × half height in pt, 300 dpi), or "WxH" in pixels (scale 2
 * unless scale > 0 is given: canvas = W/scale × H/scale). scale <= 0 keeps
 * the preset's own. */
gboolean jd_chart_size_parse(const char *preset, double scale, jd_chart_size *out, GError **error);

typedef struct jd_chart jd_chart;

/* A new chart of the given type with the default theme (loaded on first
 * render when none is set) and the "slide" size. Caller frees with jd_chart_free. */
jd_chart *jd_chart_new(jd_chart_type type);
void jd_chart_free(jd_chart *chart);

void jd_chart_set_type(jd_chart *chart, jd_chart_type type);
jd_chart_type jd_chart_get_type(const jd_chart *chart);
/* Name used in error messages (default: the title). */
void jd_chart_set_name(jd_chart *chart, const char *name);
void jd_chart_set_title(jd_chart *chart, const char *title);
void jd_chart_set_subtitle(jd_chart *chart, const char *subtitle);
/* Axis labels with units, e.g. x "年份", y "数量（起/人）". NULL/"" for none.
 * y_label always names the value axis (in hbar it is drawn under the plot),
 * x_label the categories. */
void jd_chart_set_axis_labels(jd_chart *chart, const char *x_label, const char *y_label);
/* Unit shown after the big number of a KPI card and in donut centre ("人", "起", "%"). */
void jd_chart_set_unit(jd_chart *chart, const char *unit);
/* Source footnote naming the documents ("来源：…；注：2018年数值由同比增幅推算"). */
void jd_chart_set_footnote(jd_chart *chart, const char *footnote);
void jd_chart_set_number_format(jd_chart *chart, jd_number_style style, int decimals);
/* The texts set so far (NULL when unset); valid until changed. */
const char *jd_chart_get_title(const jd_chart *chart);
const char *jd_chart_get_unit(const jd_chart *chart);
const char *jd_chart_get_footnote(const jd_chart *chart);
const char *jd_chart_get_x_label(const jd_chart *chart);
const char *jd_chart_get_y_label(const jd_chart *chart);
/* Copies the theme. */
void jd_chart_set_theme(jd_chart *chart, const jd_theme *theme);
/* Loads and sets a theme by name or path (see jd_theme_load). */
gboolean jd_chart_set_theme_name(jd_chart *chart, const char *name_or_path, GError **error);
void jd_chart_set_size(jd_chart *chart, const jd_chart_size *size);
gboolean jd_chart_set_size_preset(jd_chart *chart, const char *preset, double scale, GError **error);
jd_chart_size jd_chart_get_size(const jd_chart *chart);
/* Multiplies all theme font sizes; 0 (default) = derived from the canvas. */
void jd_chart_set_font_scale(jd_chart *chart, double font_scale);
/* Value labels on bars/points (default TRUE; drawn only where they fit). */
void jd_chart_set_value_labels(jd_chart *chart, gboolean show);

/* Categories (x axis: periods, regions, metrics). */
void jd_chart_set_categories(jd_chart *chart, const char *const *categories, size_t n);
void jd_chart_add_category(jd_chart *chart, const char *category);
size_t jd_chart_get_category_count(const jd_chart *chart);

/* Adds a series (legend name, values per category; n may be shorter than the
 * categories: the rest are missing). NAN values are missing. Returns its index. */
size_t jd_chart_add_series(jd_chart *chart, const char *name, const double *values, size_t n);
size_t jd_chart_get_series_count(const jd_chart *chart);
/* Removes every category and series (keeps titles, theme and size). */
void jd_chart_clear_data(jd_chart *chart);
/* Per-point flags (jd_chart_point_flags) and qualifier (printed: 1870余). Out of
 * range indices are ignored. */
void jd_chart_set_point_flags(jd_chart *chart, size_t series, size_t index, unsigned flags);
void jd_chart_set_point_qualifier(jd_chart *chart, size_t series, size_t index, jd_qualifier q);
/* Replaces the printed value label of one point (e.g. "1.48千起"). */
void jd_chart_set_point_label(jd_chart *chart, size_t series, size_t index, const char *label);

/* Line charts: a trend line for a series, fitted[i] per category (NAN: none),
 * and an optional band lower/upper (confidence or prediction interval; NULL
 * for none). Categories from forecast_from on are forecasts: the trend is
 * dashed there and the band is labelled 预测区间. n = number of categories
 * covered. label: legend text such as "线性趋势" (NULL: "趋势"). */
void jd_chart_set_trend(jd_chart *chart, size_t series, const double *fitted,
                        const double *lower, const double *upper, size_t n,
                        size_t forecast_from, const char *label);

/* What the values of series s count ("起", "人", "%"). Series of different
 * units never share an axis, a stack or a ring: drawing such a chart is an
 * error (JD_CHART_ERROR_INVALID) that says what to do instead. */
void jd_chart_set_series_unit(jd_chart *chart, size_t series, const char *unit);
/* Fixes the value axis to min..max (a rate on 0–100%, panels on one shared
 * scale); values outside widen it. NAN, NAN: fitted to the data (default). */
void jd_chart_set_value_range(jd_chart *chart, double min, double max);
/* A reference line across the plot at value, labelled (省定目标 90%,
 * 全省 412起); bar, grouped, hbar and line charts. */
void jd_chart_add_reference_line(jd_chart *chart, double value, const char *label);
/* An interval per point of series s (lo[i]..hi[i], NAN: none), drawn as
 * whiskers; label names them in the legend (NULL: "95%置信区间"). */
void jd_chart_set_intervals(jd_chart *chart, size_t series, const double *lo, const double *hi,
                            size_t n, const char *label);
/* The Wilson score interval of k successes in n trials at z (1.96 for 95%),
 * in percent: FALSE when n <= 0 or k is outside 0..n. */
gboolean jd_chart_wilson(double k, double n, double z, double *lo, double *hi);
/* How derived (implied, inferred) values are drawn by a chart of this type,
 * for a footnote: "空心标记为推算值" (lines), "斜线填充为推算值" (bars, donut). */
const char *jd_chart_derived_note(jd_chart_type type);

/* How a KPI card's change is stated. */
typedef enum {
  JD_CHART_CHANGE_PCT, /* 下降15.4% */
  JD_CHART_CHANGE_ABS, /* 减少197人 (in the chart's unit) */
  JD_CHART_CHANGE_PP,  /* 下降0.8个百分点 */
} jd_chart_change;

/* KPI card: the change shown with ▲/▼ (default: computed from the last two
 * points of series 0 as a percentage); label e.g. "同比". */
void jd_chart_set_kpi_change(jd_chart *chart, double change, jd_chart_change kind, int decimals,
                             const char *label);

/* Checks the spec (non-empty series, lengths, donut values >= 0, ...) and that
 * every string can be drawn with the theme's fonts. */
gboolean jd_chart_validate(const jd_chart *chart, GError **error);

/* Output formats. */
/* SVG: the text as <text> elements (editable, searchable; the font-family
 * lists CJK faces); SVG_OUTLINES: the text as glyph outlines, the exact look. */
typedef enum { JD_CHART_PNG = 0, JD_CHART_PDF, JD_CHART_SVG, JD_CHART_SVG_OUTLINES } jd_chart_format;
/* From a path's extension (.png .pdf .svg, case-insensitive). */
gboolean jd_chart_format_from_path(const char *path, jd_chart_format *out, GError **error);

/* Renders to path (format from the extension), replacing it atomically. */
gboolean jd_chart_render_file(const jd_chart *chart, const char *path, GError **error);
/* Renders into memory. Caller frees with g_bytes_unref. */
GBytes *jd_chart_render_bytes(const jd_chart *chart, jd_chart_format format, GError **error);
/* SHA-256 (hex) of everything that decides the chart's bytes in format: its
 * model, size and theme, jindu's version and the fonts fontconfig offers
 * (chart/digest.c). Equal digests, equal output. Caller frees. */
char *jd_chart_digest(const jd_chart *chart, jd_chart_format format);
/* PNG into memory (same as jd_chart_render_bytes(chart, JD_CHART_PNG, error)). */
GBytes *jd_chart_render_png(const jd_chart *chart, GError **error);
/* Draws the chart into the rectangle (x, y, w, h) of cr's user space (e.g. a
 * report page in points). Font sizes follow w×h unless a font scale is set.
 * cr's state is saved and restored. */
gboolean jd_chart_render_to_cairo(const jd_chart *chart, cairo_t *cr, double x, double y,
                                  double w, double h, GError **error);

/* Chart specs from a GLib key file (`jindu chart --spec`): group [chart] with
 * type, title, subtitle, x_label, y_label, unit, footnote, theme, size, scale,
 * number_format, decimals, categories (;-separated); one group per series
 * [series NAME] with values (;-separated, "" = missing), implied, inferred
 * (;-separated indices), qualifiers, unit, numerators and denominators (a rate
 * with its Wilson interval); [chart] range=MIN;MAX, target, target_label,
 * scope, period, compare. Unknown keys are errors naming
 * file:line. Data selection keys (metric, region, drug, unit, kind, group_by)
 * are returned in *select when select is non-NULL; see jd_chart_select. */
typedef struct {
  char *metric;     /* required for figures: a metric id */
  char *region;     /* NULL/"": any; several separated by ';' */
  char *drug;       /* NULL/"": "all" or empty drug */
  char *group_by;   /* "region" (default when several regions), "metric", "drug" or NULL */
  char *scope;      /* NULL/"": the whole only (figures with an empty scope); else that scope */
  char *period;     /* one period id (2019, 2019-H1) for part-of-whole and comparisons; NULL: the latest */
  char *compare;    /* "region": one metric across the regions that report it */
} jd_chart_select;
void jd_chart_select_clear(jd_chart_select *select);

jd_chart *jd_chart_load_spec(const char *path, jd_chart_select *select, GError **error);

/* For documents that embed charts with shared font subsets (the briefing):
 * draws chart into (x,y,w,h) of cr; collect = TRUE records its glyphs into
 * fonts, FALSE draws with fonts' subsets. */
typedef struct jd_pdf_fonts jd_pdf_fonts;
gboolean jd_chart_render_with_fonts(const jd_chart *chart, cairo_t *cr, double x, double y,
                                    double w, double h, jd_pdf_fonts *fonts, gboolean collect,
                                    GError **error);

G_END_DECLS
