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

/* The gaps, paddings and mark sizes of the drawing, each named for what it
 * separates or draws. Lengths are points on a 960×540 canvas and scale
 * with it like the font sizes; a field named "... (× X)" is a factor of X.
 * Every theme has the built-in values (jd_theme_new_builtin); no theme file
 * sets them. */
typedef struct {
  /* the canvas and the header (draw-chart.c) */
  double margin;           /* around everything */
  double title_top;        /* the title's top (× margin) */
  double footnote_bottom;  /* under the footnote (× margin) */
  double title_rule_gap;   /* title to the accent rule under it (title_rule themes) */
  double title_rule;       /* that rule's thickness */
  double title_gap;        /* under the title (and its rule) */
  double subtitle_gap;     /* under the subtitle */
  double header_gap;       /* header to the legend or plot */
  double footnote_gap;     /* plot to the footnote */
  /* text and fills (draw.c) */
  double halo;             /* background outline under labels that lines cross */
  double pattern_step;     /* dots and stripes of series patterns */
  double pattern_mark;     /* their dot radius and stripe width */
  double hatch_step;       /* diagonal hatching of derived values */
  double hatch_line;       /* its lines and the outline */
  /* the legend (draw-legend.c) */
  double legend_swatch_w, legend_swatch_h;
  double legend_text_gap;  /* swatch to its text */
  double legend_item_gap;  /* between the items of a row */
  double legend_raise;     /* the first row above the header's end */
  double legend_row_gap;   /* between rows */
  double legend_gap;       /* legend to the plot */
  double legend_marker;    /* point marker radius on line swatches */
  double legend_hollow_dash[2]; /* the dashes into a hollow (derived) marker */
  /* axes and layout (draw-cartesian.c) */
  double rule;             /* grid, zero line, stack separators, forecast rule */
  double tick_gap;         /* value tick labels to the plot, left */
  double tick_gap_below;   /* hbar: value tick labels under the plot */
  double tick_spacing;     /* tick labels apart, about (× tick size) */
  double hbar_tick_spacing; /* hbar: the same (× widest tick label) */
  double axis_title_width; /* left axis title wraps at (× plot width) */
  double axis_title_gap;   /* axis titles to the plot */
  double unit_title_raise; /* unit title above the top tick (× tick size) */
  double unit_title_gap;   /* ... and this much more */
  double plot_top_pad;     /* over the plot when there are no value labels */
  double value_label_room; /* head room for value labels (× value size) */
  double value_label_pad;  /* ... and this much more */
  double category_gap;     /* plot to the category labels */
  double category_pad;     /* between category labels (wrap width: band less this) */
  double category_rotate;  /* rotate category labels in bands narrower (× category size) */
  double category_rotated_max; /* longest rotated label (× canvas height) */
  double hbar_category_max; /* hbar: widest category label (× width inside margins) */
  double hbar_category_gap; /* hbar: category labels to the plot */
  double hbar_category_room; /* hbar: room kept for them beyond the widest */
  double hbar_value_room;  /* hbar: beyond the widest value label */
  double end_label_gap;    /* line ends to the series names there */
  double end_label_room;   /* room kept for them beyond the widest name */
  double end_label_max;    /* ... at most (× canvas width) */
  double canvas_edge;      /* labels keep this far from the canvas edge (× margin) */
  double plot_min_height;  /* smaller: the canvas is too small */
  double hbar_plot_min_width;
  /* bars */
  double bar_max;          /* widest bar (per series of a group) */
  double bar_min;          /* thinnest bar of a non-zero value */
  double bar_gap;          /* between the bars of a group */
  double bar_gap_share;    /* ... at most (× group width) */
  double bar_value_pad;    /* value labels this much narrower than their bar */
  double hbar_bar_max;     /* hbar: thickest bar (per series of a group) */
  double hbar_bar_gap;     /* hbar: between the bars of a group */
  double hbar_value_gap;   /* hbar: bar end to its value label */
  double value_gap;        /* bar or stack end to its value label */
  double value_fit;        /* leeway when a value label must fit a bar or band */
  double stack_width;      /* stacked bar width (× theme bar width) */
  double stack_max;        /* widest stacked bar */
  double segment_pad;      /* value label to the edges of its stack segment */
  /* lines */
  double marker;           /* point marker radius */
  double derived_outline;  /* hollow marker outline (× line width) */
  double trend_width;      /* trend line (× line width) */
  double dash[2];          /* lines into derived points; the trend in the legend */
  double trend_dash[2];
  double forecast_dots[2]; /* the rule where the forecast begins */
  double forecast_label_gap; /* that rule to "预测" */
  double forecast_label_room; /* kept clear right of "预测" */
  double line_label_gap;   /* marker to its value label */
  double line_label_overhang; /* value labels may reach above the plot */
  /* donut (draw-donut.c) */
  double donut_legend_share; /* the legend's width (× width inside margins) */
  double donut_name_share; /* category names wrap at (× legend width) */
  double donut_swatch;
  double donut_gap;        /* swatch to name; twice: name to value */
  double donut_row_gap;
  double donut_legend_gap; /* ring to the legend */
  double donut_pad;        /* ring to the header and footnote */
  double donut_min_radius; /* smaller: the canvas is too small */
  double donut_hole;       /* the hole's radius (× ring radius) */
  double donut_separator;  /* between segments */
  /* KPI cards (draw-kpi.c) */
  double card_line;
  double card_corner;
  double card_inset;       /* card edge from the canvas edge (× margin) */
  double kpi_title_gap;    /* title to subtitle */
  double kpi_footnote_gap; /* above the footnote */
  double kpi_unit_gap;     /* number to its unit */
  double kpi_change_gap;   /* number to the change line; least room above it */
  double spark_height;     /* the sparkline, at most */
  double spark_share;      /* ... (× height left under the texts) */
  double spark_gap;        /* above the sparkline */
  double spark_line;
  double spark_marker;     /* the dot on the latest value */
} jd_spacing;

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
  jd_spacing spacing;
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
  char *unit;        /* what the values count ("起", "人", "%"); NULL: not said */
  GArray *ci_lo, *ci_hi; /* an interval per point (Wilson), NULL if none */
} jd_chart_series;

/* A reference line across the plot at a value (省定目标 90%, 全省 412起). */
typedef struct {
  double value;
  char *label;
} jd_chart_ref;

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
  gboolean range_set;  /* the value axis runs from range_min to range_max */
  double range_min, range_max;
  GArray *refs;        /* jd_chart_ref */
  char *interval_label; /* legend text of the intervals ("95%置信区间") */
};

/* The box of a label as drawn (axis-aligned, around a rotated one), in
 * canvas units, and its text role (draw-private.h's role). */
typedef struct {
  double x0, y0, x1, y1;
  int role;
  gboolean turned; /* drawn at an angle: the box is wider than the text */
} jd_chart_box;

/* Lays the chart out at its own size as it would be drawn and appends the
 * box of every label to boxes (jd_chart_box); *dropped gets how many value
 * labels found no place. For the layout tests. */
gboolean jd_chart_layout_boxes(const jd_chart *c, GArray *boxes, unsigned *dropped,
                               GError **error);

/* The built-in default theme (same as data/themes/default.ini). */
jd_theme *jd_theme_new_builtin(void);
/* Checks that a family is known to fontconfig through Pango's font map. */
gboolean jd_theme_font_exists(const char *family);

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
