/* The chart and theme struct bodies, shared by chart.c (spec), the draw*.c
 * files (layout and drawing, see draw-private.h), output.c (PNG/PDF/SVG),
 * theme.c and spec.c. Other modules use only include/jindu/chart.h. */
#pragma once

#include <pango/pangocairo.h>

#include "jindu/chart.h"
#include "render/fonts.h"
#include "render/pdffont.h"
#include "jindu/jindu.h"

#define JD_THEME_MAX_COLORS 12

typedef struct {
  double r, g, b, a;
} jd_rgba;

typedef enum { JD_PATTERN_SOLID = 0, JD_PATTERN_DOTS, JD_PATTERN_VLINES, JD_PATTERN_CROSS } jd_pattern;

struct jd_theme {
  char *path;        /* where it was loaded from ("" for built-in) */
  char *font_family; /* body text */
  char *title_family;
  double title_size, subtitle_size, axis_label_size, tick_size, category_size;
  double value_size, legend_size, footnote_size, kpi_size;
  gboolean title_bold;
  jd_rgba background, text, muted, axis, grid, accent, up, down, band;
  jd_rgba palette[JD_THEME_MAX_COLORS];
  size_t n_palette;
  jd_pattern patterns[JD_THEME_MAX_COLORS];
  size_t n_patterns;
  double bar_width;  /* share of a category band the bars take (0..1) */
  double line_width;
  gboolean title_rule; /* a rule in the accent colour under the title (official) */
};

typedef struct {
  char *name;
  GArray *values;    /* double, one per category (NAN = missing) */
  GArray *flags;     /* unsigned */
  GArray *qualifiers;/* jd_qualifier */
  GPtrArray *labels; /* char * or NULL per point */
  /* trend */
  GArray *fit, *lower, *upper; /* double per category, NULL if none */
  size_t forecast_from;
  char *trend_label;
} jd_chart_series;

struct jd_chart {
  jd_chart_type type;
  char *name, *title, *subtitle, *x_label, *y_label, *unit, *footnote;
  jd_number_style number_style;
  int decimals;
  jd_theme *theme; /* NULL: default, loaded at render */
  jd_chart_size size;
  double font_scale;
  gboolean value_labels;
  GPtrArray *categories; /* char * */
  GPtrArray *series;     /* jd_chart_series * */
  gboolean kpi_change_set;
  double kpi_change;
  jd_chart_change kpi_change_kind;
  int kpi_change_decimals;
  char *kpi_change_label;
};

/* The built-in default theme (same as data/themes/default.ini). */
jd_theme *jd_theme_new_builtin(void);
/* Checks that a family is known to fontconfig through Pango's font map. */
gboolean jd_theme_font_exists(const char *family);

/* The 1-based line of key (NULL: the group header) in group of key-file text; 0 if absent. */
unsigned jd_keyfile_line(const char *text, const char *group, const char *key);

/* Value of series s at category i; NAN when missing. */
double jd_chart_value(const jd_chart *c, size_t s, size_t i);
unsigned jd_chart_flags(const jd_chart *c, size_t s, size_t i);
/* The text of a value label (qualifier, override label). Caller frees. */
char *jd_chart_value_text(const jd_chart *c, size_t s, size_t i);
/* Name for error messages. Borrowed. */
const char *jd_chart_display_name(const jd_chart *c);


/* Draws the chart onto cr in the rectangle (0,0,w,h) of user space. */
gboolean jd_chart_draw(const jd_chart *c, const jd_theme *theme, cairo_t *cr, double w, double h,
                       GError **error);

/* The same with compact PDF fonts: collect = TRUE records the glyphs used
 * into pf (drawing as usual); FALSE draws text with pf's subset faces. */
typedef struct jd_pdf_fonts jd_pdf_fonts;
gboolean jd_chart_draw_with_fonts(const jd_chart *c, const jd_theme *theme, cairo_t *cr, double w,
                                  double h, jd_pdf_fonts *pf, gboolean collect, GError **error);
