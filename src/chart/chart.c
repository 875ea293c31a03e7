/* The chart spec: creation, setters, validation, size presets and Chinese
 * number formatting (1.2万, 3.5亿, 1,113, 45.3%, U+2212 minus, 1870余).
 * Drawing lives in draw.c, output formats in output.c, themes in theme.c. */
#include <math.h>
#include <string.h>

#include "chart/chart-private.h"

static const char *const type_names[] = {"bar", "grouped-bar", "hbar", "line", "stacked-bar",
                                         "donut", "kpi", "heatmap", "panels"};

const char *jd_chart_type_to_string(jd_chart_type t)
{
  return (unsigned)t < G_N_ELEMENTS(type_names) ? type_names[t] : "bar";
}

gboolean jd_chart_type_from_string(const char *s, jd_chart_type *out)
{
  if (!s) return FALSE;
  for (size_t i = 0; i < G_N_ELEMENTS(type_names); i++) {
    if (g_ascii_strcasecmp(s, type_names[i]) == 0) {
      *out = (jd_chart_type)i;
      return TRUE;
    }
  }
  /* a few spellings people type */
  static const struct { const char *s; jd_chart_type t; } alias[] = {
      {"grouped", JD_CHART_GROUPED_BAR}, {"grouped_bar", JD_CHART_GROUPED_BAR},
      {"horizontal", JD_CHART_HBAR},     {"horizontal-bar", JD_CHART_HBAR},
      {"stacked", JD_CHART_STACKED_BAR}, {"stacked_bar", JD_CHART_STACKED_BAR},
      {"pie", JD_CHART_DONUT},           {"kpi-card", JD_CHART_KPI},
      {"heat-map", JD_CHART_HEATMAP},    {"small-multiples", JD_CHART_PANELS},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(alias); i++) {
    if (g_ascii_strcasecmp(s, alias[i].s) == 0) {
      *out = alias[i].t;
      return TRUE;
    }
  }
  return FALSE;
}

/* ---- number formatting ---- */

/* Appends the integer part of |v| (already rounded) with thousands separators. */
static void append_grouped(GString *out, const char *digits)
{
  size_t n = strlen(digits);
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 == 0) g_string_append_c(out, ',');
    g_string_append_c(out, digits[i]);
  }
}

/* Fixed-point with `decimals` digits, trailing zeros trimmed when trim. */
static void append_fixed(GString *out, double a, int decimals, gboolean group, gboolean trim)
{
  char buf[64];
  g_ascii_formatd(buf, sizeof buf, decimals == 0 ? "%.0f" : decimals == 1 ? "%.1f"
                                   : decimals == 2 ? "%.2f" : decimals == 3 ? "%.3f" : "%.4f", a);
  char *dot = strchr(buf, '.');
  if (dot && trim) {
    char *end = buf + strlen(buf) - 1;
    while (end > dot && *end == '0') *end-- = '\0';
    if (end == dot) *end = '\0';
  }
  dot = strchr(buf, '.');
  if (dot) *dot = '\0';
  if (group && a >= 10000) /* Chinese style (GB/T 15835): four-digit numbers stay ungrouped */
    append_grouped(out, buf);
  else
    g_string_append(out, buf);
  if (dot) {
    g_string_append_c(out, '.');
    g_string_append(out, dot + 1);
  }
}

/* Fewest decimals (<= max) that show a exactly after rounding to 10 digits. */
static int auto_decimals(double a, int max)
{
  for (int d = 0; d < max; d++) {
    double m = pow(10, d);
    if (fabs(a * m - round(a * m)) < 1e-9 * fmax(1, a * m)) return d;
  }
  return max;
}

char *jd_chart_format_number(double v, jd_number_style style, int decimals, jd_qualifier q)
{
  GString *out = g_string_new(NULL);
  if (isnan(v)) {
    g_string_append(out, "—");
    return g_string_free(out, FALSE);
  }
  const char *before, *after;
  jd_qualifier_words(q, JD_QUAL_WORDS_FIGURE, &before, &after);
  g_string_append(out, before);
  double a = fabs(v);
  int d = decimals;
  gboolean trim = decimals < 0;
  const char *suffix = "";
  double shown = a;
  if (style == JD_NUMBER_PERCENT) {
    if (d < 0) d = auto_decimals(a, 2);
    suffix = "%";
  } else if (style == JD_NUMBER_AUTO && a >= 1e8) {
    shown = a / 1e8;
    d = auto_decimals(shown, 2);
    trim = TRUE;
    suffix = "亿";
  } else if (style == JD_NUMBER_AUTO && a >= 1e4 && q != JD_QUAL_EXACT && q != JD_QUAL_MORE_THAN) {
    /* an approximate or implied value: 约71.7万, never 约716,604.59 */
    shown = a / 1e4;
    d = shown >= 100 ? 0 : shown >= 10 ? 1 : 2;
    d = MIN(d, auto_decimals(shown, 2));
    trim = TRUE;
    suffix = "万";
  } else if (style == JD_NUMBER_AUTO && a >= 1e4 &&
             (a >= 1e6 || auto_decimals(a / 1e4, 3) <= 2)) {
    shown = a / 1e4;
    d = auto_decimals(shown, 2);
    trim = TRUE;
    suffix = "万";
  } else if (d < 0) {
    d = auto_decimals(a, a < 1 ? 3 : 2);
  }
  if (d > 4) d = 4;
  /* round first so "−0" never appears */
  double m = pow(10, d);
  double r = round(shown * m) / m;
  if (v < 0 && r > 0) g_string_append(out, "\xe2\x88\x92"); /* U+2212 MINUS SIGN */
  append_fixed(out, r, d, *suffix != '%' && *suffix != 0 ? FALSE : TRUE, trim);
  g_string_append(out, suffix);
  g_string_append(out, after);
  return g_string_free(out, FALSE);
}

/* ---- sizes ---- */

gboolean jd_chart_size_parse(const char *preset, double scale, jd_chart_size *out, GError **error)
{
  jd_chart_size s = {960, 540, 2};
  if (!preset || !*preset || strcmp(preset, "slide") == 0) {
  } else if (strcmp(preset, "slide@2x") == 0) {
    s.scale = 4;
  } else if (strcmp(preset, "slide-4x3") == 0) {
    s = (jd_chart_size){800, 600, 2};
  } else if (strcmp(preset, "a4-half") == 0) {
    s = (jd_chart_size){595.276, 420.945, 300.0 / 72.0};
  } else {
    char *end = NULL;
    guint64 w = g_ascii_strtoull(preset, &end, 10);
    guint64 h = 0;
    if (end && (*end == 'x' || *end == 'X')) {
      char *end2 = NULL;
      h = g_ascii_strtoull(end + 1, &end2, 10);
      if (!end2 || *end2) h = 0;
    }
    if (w < 16 || h < 16 || w > 20000 || h > 20000) {
      g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                  "unknown size '%s' — use slide, slide@2x, slide-4x3, a4-half or WxH in "
                  "pixels (16–20000), e.g. 1280x720", preset);
      return FALSE;
    }
    double sc = scale > 0 ? scale : 2;
    s = (jd_chart_size){w / sc, h / sc, sc};
    *out = s;
    return TRUE;
  }
  if (scale > 0) s.scale = scale;
  if (s.scale > 20) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "scale %.3g is too large — use at most 20 (pixels per point)", s.scale);
    return FALSE;
  }
  *out = s;
  return TRUE;
}

/* ---- the chart ---- */

static void series_free(gpointer p)
{
  jd_chart_series *s = p;
  if (!s) return;
  g_free(s->name);
  g_array_unref(s->values);
  g_array_unref(s->flags);
  g_array_unref(s->qualifiers);
  g_ptr_array_unref(s->labels);
  if (s->fit) g_array_unref(s->fit);
  if (s->lower) g_array_unref(s->lower);
  if (s->upper) g_array_unref(s->upper);
  if (s->ci_lo) g_array_unref(s->ci_lo);
  if (s->ci_hi) g_array_unref(s->ci_hi);
  g_free(s->trend_label);
  g_free(s->unit);
  g_free(s);
}

static void ref_clear(gpointer p) { g_free(((jd_chart_ref *)p)->label); }

jd_chart *jd_chart_new(jd_chart_type type)
{
  jd_chart *c = g_new0(jd_chart, 1);
  c->type = type;
  c->size = (jd_chart_size){960, 540, 2};
  c->decimals = -1;
  c->value_labels = TRUE;
  c->categories = g_ptr_array_new_with_free_func(g_free);
  c->series = g_ptr_array_new_with_free_func(series_free);
  c->kpi_change_decimals = 1;
  c->range_min = c->range_max = NAN;
  c->refs = g_array_new(FALSE, TRUE, sizeof(jd_chart_ref));
  g_array_set_clear_func(c->refs, ref_clear);
  return c;
}

void jd_chart_free(jd_chart *c)
{
  if (!c) return;
  g_free(c->name);
  g_free(c->title);
  g_free(c->subtitle);
  g_free(c->x_label);
  g_free(c->y_label);
  g_free(c->unit);
  g_free(c->footnote);
  g_free(c->kpi_change_label);
  g_free(c->interval_label);
  g_array_unref(c->refs);
  jd_theme_free(c->theme);
  g_ptr_array_unref(c->categories);
  g_ptr_array_unref(c->series);
  g_free(c);
}

static void set_str(char **dst, const char *s)
{
  g_free(*dst);
  *dst = s && *s ? g_strdup(s) : NULL;
}

void jd_chart_set_type(jd_chart *c, jd_chart_type type) { c->type = type; }
jd_chart_type jd_chart_get_type(const jd_chart *c) { return c->type; }
void jd_chart_set_name(jd_chart *c, const char *name) { set_str(&c->name, name); }
void jd_chart_set_title(jd_chart *c, const char *t) { set_str(&c->title, t); }
void jd_chart_set_subtitle(jd_chart *c, const char *t) { set_str(&c->subtitle, t); }
void jd_chart_set_axis_labels(jd_chart *c, const char *x, const char *y)
{
  set_str(&c->x_label, x);
  set_str(&c->y_label, y);
}
void jd_chart_set_unit(jd_chart *c, const char *unit) { set_str(&c->unit, unit); }
void jd_chart_set_footnote(jd_chart *c, const char *f) { set_str(&c->footnote, f); }
void jd_chart_set_number_format(jd_chart *c, jd_number_style style, int decimals)
{
  c->number_style = style;
  c->decimals = decimals;
}

void jd_chart_set_theme(jd_chart *c, const jd_theme *theme)
{
  jd_theme_free(c->theme);
  c->theme = theme ? jd_theme_copy(theme) : NULL;
}

gboolean jd_chart_set_theme_name(jd_chart *c, const char *name, GError **error)
{
  jd_theme *t = jd_theme_load(name, error);
  if (!t) return FALSE;
  jd_theme_free(c->theme);
  c->theme = t;
  return TRUE;
}

void jd_chart_set_size(jd_chart *c, const jd_chart_size *size) { c->size = *size; }

gboolean jd_chart_set_size_preset(jd_chart *c, const char *preset, double scale, GError **error)
{
  jd_chart_size s;
  if (!jd_chart_size_parse(preset, scale, &s, error)) return FALSE;
  c->size = s;
  return TRUE;
}

jd_chart_size jd_chart_get_size(const jd_chart *c) { return c->size; }
void jd_chart_set_font_scale(jd_chart *c, double fs) { c->font_scale = fs > 0 ? fs : 0; }
void jd_chart_set_value_labels(jd_chart *c, gboolean show) { c->value_labels = show; }

static void series_resize(jd_chart_series *s, size_t n)
{
  while (s->values->len < n) {
    double nan = NAN;
    unsigned f = JD_CHART_POINT_MISSING;
    jd_qualifier q = JD_QUAL_EXACT;
    g_array_append_val(s->values, nan);
    g_array_append_val(s->flags, f);
    g_array_append_val(s->qualifiers, q);
    g_ptr_array_add(s->labels, NULL);
  }
}

void jd_chart_set_categories(jd_chart *c, const char *const *cats, size_t n)
{
  g_ptr_array_set_size(c->categories, 0);
  for (size_t i = 0; i < n; i++) g_ptr_array_add(c->categories, g_strdup(cats[i] ? cats[i] : ""));
}

void jd_chart_add_category(jd_chart *c, const char *cat)
{
  g_ptr_array_add(c->categories, g_strdup(cat ? cat : ""));
}

size_t jd_chart_get_category_count(const jd_chart *c) { return c->categories->len; }

size_t jd_chart_add_series(jd_chart *c, const char *name, const double *values, size_t n)
{
  jd_chart_series *s = g_new0(jd_chart_series, 1);
  s->name = g_strdup(name ? name : "");
  s->values = g_array_new(FALSE, FALSE, sizeof(double));
  s->flags = g_array_new(FALSE, FALSE, sizeof(unsigned));
  s->qualifiers = g_array_new(FALSE, FALSE, sizeof(jd_qualifier));
  s->labels = g_ptr_array_new_with_free_func(g_free);
  for (size_t i = 0; i < n; i++) {
    double v = values[i];
    unsigned f = isnan(v) || isinf(v) ? JD_CHART_POINT_MISSING : JD_CHART_POINT_STATED;
    if (f) v = NAN;
    jd_qualifier q = JD_QUAL_EXACT;
    g_array_append_val(s->values, v);
    g_array_append_val(s->flags, f);
    g_array_append_val(s->qualifiers, q);
    g_ptr_array_add(s->labels, NULL);
  }
  g_ptr_array_add(c->series, s);
  return c->series->len - 1;
}

size_t jd_chart_get_series_count(const jd_chart *c) { return c->series->len; }

void jd_chart_clear_data(jd_chart *c)
{
  g_ptr_array_set_size(c->categories, 0);
  g_ptr_array_set_size(c->series, 0);
}

const char *jd_chart_get_title(const jd_chart *c) { return c->title; }
const char *jd_chart_get_unit(const jd_chart *c) { return c->unit; }
const char *jd_chart_get_footnote(const jd_chart *c) { return c->footnote; }
const char *jd_chart_get_x_label(const jd_chart *c) { return c->x_label; }
const char *jd_chart_get_y_label(const jd_chart *c) { return c->y_label; }

static jd_chart_series *point(jd_chart *c, size_t s, size_t i)
{
  if (s >= c->series->len || i >= 100000) return NULL;
  jd_chart_series *se = g_ptr_array_index(c->series, s);
  series_resize(se, i + 1);
  return se;
}

void jd_chart_set_point_flags(jd_chart *c, size_t s, size_t i, unsigned flags)
{
  jd_chart_series *se = point(c, s, i);
  if (!se) return;
  if (isnan(g_array_index(se->values, double, i))) flags |= JD_CHART_POINT_MISSING;
  g_array_index(se->flags, unsigned, i) = flags;
}

void jd_chart_set_point_qualifier(jd_chart *c, size_t s, size_t i, jd_qualifier q)
{
  jd_chart_series *se = point(c, s, i);
  if (se) g_array_index(se->qualifiers, jd_qualifier, i) = q;
}

void jd_chart_set_point_label(jd_chart *c, size_t s, size_t i, const char *label)
{
  jd_chart_series *se = point(c, s, i);
  if (!se) return;
  g_free(g_ptr_array_index(se->labels, i));
  g_ptr_array_index(se->labels, i) = label && *label ? g_strdup(label) : NULL;
}

static GArray *copy_doubles(const double *v, size_t n)
{
  if (!v) return NULL;
  GArray *a = g_array_sized_new(FALSE, FALSE, sizeof(double), (guint)n);
  g_array_append_vals(a, v, (guint)n);
  return a;
}

void jd_chart_set_trend(jd_chart *c, size_t s, const double *fitted, const double *lower,
                        const double *upper, size_t n, size_t forecast_from, const char *label)
{
  if (s >= c->series->len) return;
  jd_chart_series *se = g_ptr_array_index(c->series, s);
  if (se->fit) g_array_unref(se->fit);
  if (se->lower) g_array_unref(se->lower);
  if (se->upper) g_array_unref(se->upper);
  se->fit = copy_doubles(fitted, n);
  se->lower = lower && upper ? copy_doubles(lower, n) : NULL;
  se->upper = lower && upper ? copy_doubles(upper, n) : NULL;
  se->forecast_from = forecast_from;
  set_str(&se->trend_label, label);
}

void jd_chart_set_kpi_change(jd_chart *c, double change, jd_chart_change kind, int decimals,
                             const char *label)
{
  c->kpi_change_set = !isnan(change);
  c->kpi_change = change;
  c->kpi_change_kind = kind;
  c->kpi_change_decimals = decimals < 0 ? 1 : decimals;
  set_str(&c->kpi_change_label, label);
}

void jd_chart_set_series_unit(jd_chart *c, size_t s, const char *unit)
{
  if (s >= c->series->len) return;
  set_str(&((jd_chart_series *)g_ptr_array_index(c->series, s))->unit, unit);
}

void jd_chart_set_value_range(jd_chart *c, double min, double max)
{
  c->range_set = !isnan(min) && !isnan(max) && max > min;
  c->range_min = min;
  c->range_max = max;
}

void jd_chart_add_reference_line(jd_chart *c, double value, const char *label)
{
  if (isnan(value) || isinf(value)) return;
  jd_chart_ref r = {value, g_strdup(label ? label : "")};
  g_array_append_val(c->refs, r);
}

void jd_chart_set_intervals(jd_chart *c, size_t s, const double *lo, const double *hi, size_t n,
                            const char *label)
{
  if (s >= c->series->len || !lo || !hi) return;
  jd_chart_series *se = g_ptr_array_index(c->series, s);
  if (se->ci_lo) g_array_unref(se->ci_lo);
  if (se->ci_hi) g_array_unref(se->ci_hi);
  se->ci_lo = copy_doubles(lo, n);
  se->ci_hi = copy_doubles(hi, n);
  set_str(&c->interval_label, label);
}

gboolean jd_chart_wilson(double k, double n, double z, double *lo, double *hi)
{
  if (!(n > 0) || !(k >= 0) || k > n || !(z > 0)) return FALSE;
  double p = k / n, z2 = z * z;
  double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  double half = z / (1 + z2 / n) * sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  *lo = 100 * fmax(0, centre - half);
  *hi = 100 * fmin(1, centre + half);
  return TRUE;
}

const char *jd_chart_derived_note(jd_chart_type type)
{
  return type == JD_CHART_LINE ? "空心标记为推算值" : "斜线填充为推算值";
}

/* ---- accessors for the drawing code ---- */

double jd_chart_value(const jd_chart *c, size_t s, size_t i)
{
  const jd_chart_series *se = g_ptr_array_index(c->series, s);
  if (i >= se->values->len) return NAN;
  if (g_array_index(se->flags, unsigned, i) & JD_CHART_POINT_MISSING) return NAN;
  return g_array_index(se->values, double, i);
}

unsigned jd_chart_flags(const jd_chart *c, size_t s, size_t i)
{
  const jd_chart_series *se = g_ptr_array_index(c->series, s);
  if (i >= se->flags->len) return JD_CHART_POINT_MISSING;
  return g_array_index(se->flags, unsigned, i);
}

char *jd_chart_value_text(const jd_chart *c, size_t s, size_t i)
{
  const jd_chart_series *se = g_ptr_array_index(c->series, s);
  if (i < se->labels->len && g_ptr_array_index(se->labels, i))
    return g_strdup(g_ptr_array_index(se->labels, i));
  jd_qualifier q = i < se->qualifiers->len ? g_array_index(se->qualifiers, jd_qualifier, i)
                                           : JD_QUAL_EXACT;
  return jd_chart_format_number(jd_chart_value(c, s, i), c->number_style, c->decimals, q);
}

const char *jd_chart_display_name(const jd_chart *c)
{
  if (c->name) return c->name;
  if (c->title) return c->title;
  return jd_chart_type_to_string(c->type);
}

/* Different units never share an axis, a stack or a ring; a donut is the
 * parts of one whole: one series. */
static gboolean check_units(const jd_chart *c, GError **error)
{
  const char *name = jd_chart_display_name(c);
  if (c->type == JD_CHART_DONUT && c->series->len > 1) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "chart '%s': a donut shows the parts of one whole, one series, but there are "
                "%u — use grouped-bar to set the series side by side, or one donut each",
                name, c->series->len);
    return FALSE;
  }
  if (c->type == JD_CHART_KPI) return TRUE;
  const jd_chart_series *first = NULL;
  for (size_t s = 0; s < c->series->len; s++) {
    const jd_chart_series *se = g_ptr_array_index(c->series, s);
    if (!se->unit) continue;
    if (!first) {
      first = se;
      continue;
    }
    if (strcmp(first->unit, se->unit) == 0) continue;
    if (c->type == JD_CHART_STACKED_BAR)
      g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                  "chart '%s': a stacked bar adds its series, but '%s' counts %s and '%s' counts "
                  "%s, which cannot be added — chart one metric at a time, or stack the parts of "
                  "one metric (--group-by drug or region)",
                  name, first->name, first->unit, se->name, se->unit);
    else
      g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                  "chart '%s': '%s' counts %s and '%s' counts %s; different units cannot share "
                  "one axis — chart each metric on its own (one --metric per chart)",
                  name, first->name, first->unit, se->name, se->unit);
    return FALSE;
  }
  return TRUE;
}

gboolean jd_chart_validate(const jd_chart *c, GError **error)
{
  const char *name = jd_chart_display_name(c);
  if ((unsigned)c->type >= G_N_ELEMENTS(type_names)) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID, "chart '%s': unknown chart type",
                name);
    return FALSE;
  }
  if (c->series->len == 0) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "chart '%s' has no series — add at least one series with values", name);
    return FALSE;
  }
  size_t ncat = c->categories->len;
  if (ncat == 0 && c->type != JD_CHART_KPI) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "chart '%s' has no categories — give one category per value", name);
    return FALSE;
  }
  for (size_t s = 0; s < c->series->len; s++) {
    const jd_chart_series *se = g_ptr_array_index(c->series, s);
    size_t n = se->values->len;
    if (ncat && n > ncat) {
      g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                  "chart '%s': series '%s' has %zu values but there are only %zu categories — "
                  "give one category per value", name, se->name, n, ncat);
      return FALSE;
    }
    size_t present = 0;
    for (size_t i = 0; i < n; i++) {
      double v = jd_chart_value(c, s, i);
      if (isnan(v)) continue;
      present++;
      if (c->type == JD_CHART_DONUT && v < 0) {
        g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                    "chart '%s': a donut cannot show the negative value %g of '%s' — use a bar "
                    "chart for changes", name, v, ncat ? (const char *)g_ptr_array_index(c->categories, i) : "");
        return FALSE;
      }
      if (fabs(v) > 1e15) {
        g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                    "chart '%s': value %g in series '%s' is out of range", name, v, se->name);
        return FALSE;
      }
    }
    if (present == 0) {
      g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                  "chart '%s': series '%s' is empty (no values) — drop it or give it values",
                  name, se->name[0] ? se->name : "(unnamed)");
      return FALSE;
    }
    if (se->fit && c->type != JD_CHART_LINE) {
      /* trends are drawn on line charts only; elsewhere they are ignored */
    }
  }
  if (!check_units(c, error)) return FALSE;
  if (c->type == JD_CHART_DONUT) {
    double total = 0;
    for (size_t i = 0; i < ncat; i++) {
      double v = jd_chart_value(c, 0, i);
      if (!isnan(v)) total += v;
    }
    if (total <= 0) {
      g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                  "chart '%s': a donut needs shares that add up to more than zero", name);
      return FALSE;
    }
  }
  return TRUE;
}
