/* Chart themes: fonts, sizes, palette and background read from GLib key
 * files in data/themes/ (default, dark, official). Every key is checked: an
 * unknown group or key, a bad colour or number, or a font family fontconfig
 * does not know is an error naming file:line. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <fontconfig/fontconfig.h>

#include "chart/chart-private.h"
#include "util/keyfile.h"

/* The chart module's error domain, here in its lowest file (theme.c uses no
 * other file of the chart). */
G_DEFINE_QUARK(jd-chart-error-quark, jd_chart_error)

static const jd_rgba okabe_ito[] = {
    {0x00 / 255., 0x72 / 255., 0xB2 / 255., 1}, {0xE6 / 255., 0x9F / 255., 0x00 / 255., 1},
    {0x00 / 255., 0x9E / 255., 0x73 / 255., 1}, {0xD5 / 255., 0x5E / 255., 0x00 / 255., 1},
    {0x56 / 255., 0xB4 / 255., 0xE9 / 255., 1}, {0xCC / 255., 0x79 / 255., 0xA7 / 255., 1},
    {0xF0 / 255., 0xE4 / 255., 0x42 / 255., 1}, {0x00 / 255., 0x00 / 255., 0x00 / 255., 1},
};

/* The spacings of every theme (see jd_spacing): points on 960×540, or factors. */
static const jd_spacing default_spacing = {
    .margin = 18, .title_top = 0.9, .footnote_bottom = 0.8, .title_rule_gap = 4,
    .title_rule = 2.2, .title_gap = 4, .subtitle_gap = 4, .header_gap = 6, .footnote_gap = 8,
    .halo = 3.5, .pattern_step = 6, .pattern_mark = 1.2, .hatch_step = 6, .hatch_line = 1.4,
    .legend_swatch_w = 22, .legend_swatch_h = 12, .legend_text_gap = 6, .legend_item_gap = 18,
    .legend_raise = 2, .legend_row_gap = 2, .legend_gap = 8, .legend_marker = 3.5,
    .legend_hollow_dash = {4, 2.5},
    .rule = 1, .tick_gap = 7, .tick_gap_below = 5, .tick_spacing = 4, .hbar_tick_spacing = 2.2,
    .axis_title_width = 0.6, .axis_title_gap = 6, .unit_title_raise = 0.7, .unit_title_gap = 3,
    .plot_top_pad = 4, .value_label_room = 1.45, .value_label_pad = 2, .category_gap = 8,
    .category_pad = 4, .category_rotate = 1.6, .category_rotated_max = 0.3,
    .hbar_category_max = 0.32, .hbar_category_gap = 8,
    .hbar_category_room = 10, .hbar_value_room = 6,
    .end_label_gap = 8, .end_label_room = 10, .end_label_max = 0.25, .canvas_edge = 0.5,
    .plot_min_height = 40, .hbar_plot_min_width = 60,
    .bar_max = 110, .bar_min = 1, .bar_gap = 3, .bar_gap_share = 0.04, .bar_value_pad = 1,
    .hbar_bar_max = 56, .hbar_bar_gap = 2, .hbar_value_gap = 4, .value_gap = 2, .value_fit = 2,
    .stack_width = 0.8, .stack_max = 130, .segment_pad = 2,
    .marker = 4, .derived_outline = 0.8, .trend_width = 0.7, .dash = {5, 3}, .trend_dash = {6, 4},
    .forecast_dots = {2, 3}, .forecast_label_gap = 4, .forecast_label_room = 8,
    .line_label_gap = 3, .line_label_overhang = 2,
    .donut_legend_share = 0.45, .donut_name_share = 0.6, .donut_swatch = 14, .donut_gap = 8,
    .donut_row_gap = 6, .donut_legend_gap = 30, .donut_pad = 4, .donut_min_radius = 30,
    .donut_hole = 0.58, .donut_separator = 1.5,
    .card_line = 1.5, .card_corner = 8, .card_inset = 0.4, .kpi_title_gap = 2,
    .kpi_footnote_gap = 4, .kpi_unit_gap = 6, .kpi_change_gap = 4, .spark_height = 60,
    .spark_share = 0.3, .spark_gap = 8, .spark_line = 2, .spark_marker = 3.5,
};

jd_theme *jd_theme_new_builtin(void)
{
  jd_theme *t = g_new0(jd_theme, 1);
  t->path = g_strdup("");
  t->font_family = g_strdup("Noto Sans CJK SC");
  t->title_family = g_strdup("Noto Sans CJK SC");
  t->title_bold = TRUE;
  t->title_size = 24;
  t->subtitle_size = 14;
  t->axis_label_size = 14;
  t->tick_size = 13;
  t->category_size = 15;
  t->value_size = 13;
  t->legend_size = 14;
  t->footnote_size = 12;
  t->kpi_size = 64;
  t->background = (jd_rgba){1, 1, 1, 1};
  t->text = (jd_rgba){0.10, 0.10, 0.10, 1};
  t->muted = (jd_rgba){0.40, 0.40, 0.40, 1};
  t->axis = (jd_rgba){0.20, 0.20, 0.20, 1};
  t->grid = (jd_rgba){0.87, 0.87, 0.87, 1};
  t->accent = okabe_ito[0];
  t->up = (jd_rgba){0xC0 / 255., 0x39 / 255., 0x2B / 255., 1};
  t->down = (jd_rgba){0x1E / 255., 0x7B / 255., 0x34 / 255., 1};
  t->band = (jd_rgba){0x00 / 255., 0x72 / 255., 0xB2 / 255., 0.15};
  t->n_palette = G_N_ELEMENTS(okabe_ito);
  memcpy(t->palette, okabe_ito, sizeof okabe_ito);
  t->n_patterns = 4;
  t->patterns[0] = JD_PATTERN_SOLID;
  t->patterns[1] = JD_PATTERN_SOLID;
  t->patterns[2] = JD_PATTERN_DOTS;
  t->patterns[3] = JD_PATTERN_VLINES;
  t->bar_width = 0.7;
  t->line_width = 2.5;
  t->spacing = default_spacing;
  return t;
}

jd_theme *jd_theme_copy(const jd_theme *t)
{
  if (!t) return NULL;
  jd_theme *c = g_new(jd_theme, 1);
  *c = *t;
  c->path = g_strdup(t->path);
  c->font_family = g_strdup(t->font_family);
  c->title_family = g_strdup(t->title_family);
  return c;
}

void jd_theme_free(jd_theme *t)
{
  if (!t) return;
  g_free(t->path);
  g_free(t->font_family);
  g_free(t->title_family);
  g_free(t);
}

const char *jd_theme_get_font_family(const jd_theme *t) { return t->font_family; }

gboolean jd_theme_font_exists(const char *family)
{
  /* ask fontconfig directly (through the configuration Pango uses): listing
   * Pango's families would build an object per family for one lookup */
  jd_render_font_map();
  FcPattern *pat = FcPatternCreate();
  FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
  FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, NULL);
  FcFontSet *fs = FcFontList(NULL, pat, os);
  gboolean found = fs && fs->nfont > 0;
  if (fs) FcFontSetDestroy(fs);
  FcObjectSetDestroy(os);
  FcPatternDestroy(pat);
  return found;
}

static gboolean parse_color(const char *s, jd_rgba *out)
{
  /* "#rrggbb", "#rrggbbaa" or "#rrggbb@0.15" (alpha as a fraction) */
  if (!s || s[0] != '#') return FALSE;
  const char *hex = s + 1;
  size_t n = strcspn(hex, "@");
  if (n != 6 && n != 8) return FALSE;
  unsigned v[4] = {0, 0, 0, 255};
  for (size_t i = 0; i < n / 2; i++) {
    int hi = g_ascii_xdigit_value(hex[2 * i]), lo = g_ascii_xdigit_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return FALSE;
    v[i] = (unsigned)(hi * 16 + lo);
  }
  double a = v[3] / 255.0;
  if (hex[n] == '@') {
    char *end = NULL;
    a = g_ascii_strtod(hex + n + 1, &end);
    if (!end || *end || a < 0 || a > 1) return FALSE;
  }
  *out = (jd_rgba){v[0] / 255.0, v[1] / 255.0, v[2] / 255.0, a};
  return TRUE;
}

typedef enum { K_FAMILY, K_SIZE, K_BOOL, K_COLOR, K_PALETTE, K_PATTERNS, K_FRACTION } key_kind;
typedef struct {
  const char *group, *key;
  key_kind kind;
  size_t offset;
} key_spec;

#define OFF(f) offsetof(jd_theme, f)
static const key_spec keys[] = {
    {"fonts", "family", K_FAMILY, OFF(font_family)},
    {"fonts", "title_family", K_FAMILY, OFF(title_family)},
    {"fonts", "title_bold", K_BOOL, OFF(title_bold)},
    {"sizes", "title", K_SIZE, OFF(title_size)},
    {"sizes", "subtitle", K_SIZE, OFF(subtitle_size)},
    {"sizes", "axis_label", K_SIZE, OFF(axis_label_size)},
    {"sizes", "tick", K_SIZE, OFF(tick_size)},
    {"sizes", "category", K_SIZE, OFF(category_size)},
    {"sizes", "value", K_SIZE, OFF(value_size)},
    {"sizes", "legend", K_SIZE, OFF(legend_size)},
    {"sizes", "footnote", K_SIZE, OFF(footnote_size)},
    {"sizes", "kpi", K_SIZE, OFF(kpi_size)},
    {"colors", "background", K_COLOR, OFF(background)},
    {"colors", "text", K_COLOR, OFF(text)},
    {"colors", "muted", K_COLOR, OFF(muted)},
    {"colors", "axis", K_COLOR, OFF(axis)},
    {"colors", "grid", K_COLOR, OFF(grid)},
    {"colors", "accent", K_COLOR, OFF(accent)},
    {"colors", "up", K_COLOR, OFF(up)},
    {"colors", "down", K_COLOR, OFF(down)},
    {"colors", "band", K_COLOR, OFF(band)},
    {"colors", "palette", K_PALETTE, OFF(palette)},
    {"colors", "patterns", K_PATTERNS, OFF(patterns)},
    {"layout", "bar_width", K_FRACTION, OFF(bar_width)},
    {"layout", "line_width", K_SIZE, OFF(line_width)},
    {"layout", "title_rule", K_BOOL, OFF(title_rule)},
};
static const char *const groups[] = {"theme", "fonts", "sizes", "colors", "layout"};

static gboolean fail(GError **error, const char *path, unsigned line, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);
static gboolean fail(GError **error, const char *path, unsigned line, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  g_autofree char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_THEME, "%s:%u: %s", path, line, msg);
  return FALSE;
}

static gboolean set_key(jd_theme *t, const key_spec *k, const char *value, const char *path,
                        unsigned line, GError **error)
{
  char *base = (char *)t + k->offset;
  switch (k->kind) {
  case K_FAMILY: {
    if (!*value) return fail(error, path, line, "empty font family — name one, e.g. Noto Sans CJK SC");
    if (!jd_theme_font_exists(value))
      return fail(error, path, line,
                  "font family '%s' is not installed (or not in fonts/fonts.conf) — use Noto "
                  "Sans CJK SC or Noto Serif CJK SC (apt-get install fonts-noto-cjk)", value);
    char **dst = (char **)(void *)base;
    g_free(*dst);
    *dst = g_strdup(value);
    return TRUE;
  }
  case K_SIZE:
  case K_FRACTION: {
    char *end = NULL;
    double v = g_ascii_strtod(value, &end);
    double max = k->kind == K_FRACTION ? 1 : 400;
    if (!end || end == value || *end || !(v > 0) || v > max)
      return fail(error, path, line, "%s must be a number in (0, %g], not '%s'", k->key, max,
                  value);
    *(double *)(void *)base = v;
    return TRUE;
  }
  case K_BOOL:
    if (strcmp(value, "true") == 0)
      *(gboolean *)(void *)base = TRUE;
    else if (strcmp(value, "false") == 0)
      *(gboolean *)(void *)base = FALSE;
    else
      return fail(error, path, line, "%s must be true or false, not '%s'", k->key, value);
    return TRUE;
  case K_COLOR:
    if (!parse_color(value, (jd_rgba *)(void *)base))
      return fail(error, path, line,
                  "%s: '%s' is not a colour — write #rrggbb, #rrggbbaa or #rrggbb@alpha", k->key,
                  value);
    return TRUE;
  case K_PALETTE: {
    g_auto(GStrv) parts = g_strsplit(value, ";", -1);
    size_t n = 0;
    for (size_t i = 0; parts[i]; i++) {
      char *p = g_strstrip(parts[i]);
      if (!*p) continue;
      if (n == JD_THEME_MAX_COLORS)
        return fail(error, path, line, "palette has more than %d colours", JD_THEME_MAX_COLORS);
      if (!parse_color(p, &t->palette[n]))
        return fail(error, path, line, "palette: '%s' is not a colour — write #rrggbb", p);
      n++;
    }
    if (n == 0) return fail(error, path, line, "palette is empty — give colours separated by ';'");
    t->n_palette = n;
    return TRUE;
  }
  case K_PATTERNS: {
    static const char *const names[] = {"solid", "dots", "vlines", "cross"};
    g_auto(GStrv) parts = g_strsplit(value, ";", -1);
    size_t n = 0;
    for (size_t i = 0; parts[i]; i++) {
      char *p = g_strstrip(parts[i]);
      if (!*p) continue;
      if (n == JD_THEME_MAX_COLORS)
        return fail(error, path, line, "more than %d patterns", JD_THEME_MAX_COLORS);
      size_t j = 0;
      while (j < G_N_ELEMENTS(names) && strcmp(names[j], p) != 0) j++;
      if (j == G_N_ELEMENTS(names))
        return fail(error, path, line, "unknown pattern '%s' — use solid, dots, vlines or cross", p);
      t->patterns[n++] = (jd_pattern)j;
    }
    if (n == 0) return fail(error, path, line, "patterns is empty");
    t->n_patterns = n;
    return TRUE;
  }
  }
  return TRUE;
}

static const key_spec *find_key(const char *group, const char *key)
{
  for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
    if (strcmp(keys[i].group, group) == 0 && strcmp(keys[i].key, key) == 0) return &keys[i];
  return NULL;
}

/* jd_keyfile_known_func: [theme] name and description are notes, not settings. */
static gboolean theme_knows(const char *group, const char *key, void *unused)
{
  (void)unused;
  if (!key) {
    for (size_t i = 0; i < G_N_ELEMENTS(groups); i++)
      if (strcmp(groups[i], group) == 0) return TRUE;
    return FALSE;
  }
  if (strcmp(group, "theme") == 0 && (strcmp(key, "name") == 0 || strcmp(key, "description") == 0))
    return TRUE;
  return find_key(group, key) != NULL;
}

static gboolean check_keys(GKeyFile *kf, const char *text, const char *path, GError **error)
{
  g_autofree char *group = NULL, *key = NULL;
  unsigned line = 0;
  if (jd_keyfile_check(kf, text, theme_knows, NULL, &group, &key, &line)) return TRUE;
  if (!key)
    return fail(error, path, line,
                "unknown group [%s] — the groups are [theme] [fonts] [sizes] [colors] [layout]",
                group);
  return fail(error, path, line, "unknown key '%s' in [%s] — see data/themes/default.ini for the keys",
              key, group);
}
/* The 1-based line GKeyFile refused: the first that is no blank, comment,
 * [group] or key=value line (1 when it cannot tell, e.g. bad UTF-8). */
static unsigned first_bad_line(const char *text, gsize len)
{
  unsigned line = 1;
  const char *p = text, *end = text + len;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    const char *q = p;
    while (q < e && (*q == ' ' || *q == '\t')) q++;
    gboolean ok = q >= e || *q == '#' || *q == '\r' || *q == '[' || memchr(q, '=', (size_t)(e - q));
    if (!ok) return line;
    if (!nl) break;
    p = nl + 1;
    line++;
  }
  return 1;
}


jd_theme *jd_theme_load(const char *name_or_path, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  GError *err = NULL;
  jd_theme *t = NULL;
  GKeyFile *kf = NULL;
  const char *name = name_or_path && *name_or_path ? name_or_path : "default";

  if (strchr(name, '/') || g_str_has_suffix(name, ".ini")) {
    path = g_strdup(name);
  } else {
    g_autofree char *rel = g_strdup_printf("data/themes/%s.ini", name);
    path = jd_data_path(rel);
    if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
      g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_THEME,
                  "unknown theme '%s' (no %s) — use default, dark, official or a path to a "
                  ".ini theme file", name, path);
      return NULL;
    }
  }
  if (!g_file_get_contents(path, &text, &len, &err)) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_THEME, "%s: cannot read theme: %s", path,
                err->message);
    g_error_free(err);
    return NULL;
  }
  g_auto(GStrv) gl = NULL; /* declared before the first goto out: its cleanup runs there */
  kf = g_key_file_new();
  if (!g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, &err)) {
    /* GLib's message quotes the offending line: a theme named by mistake
     * (theme=/etc/passwd) must not have its content echoed, only its place */
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_THEME,
                "%s:%u: not a theme file (a line that is no [group], key=value or # comment, or "
                "text that is not UTF-8) — see data/themes/default.ini",
                path, first_bad_line(text, len));
    g_error_free(err);
    goto out;
  }
  if (!check_keys(kf, text, path, error)) goto out;
  t = jd_theme_new_builtin();
  g_free(t->path);
  t->path = g_strdup(path);
  gl = g_key_file_get_groups(kf, NULL);
  for (size_t g = 0; gl[g]; g++) {
    g_auto(GStrv) kl = g_key_file_get_keys(kf, gl[g], NULL, NULL);
    for (size_t k = 0; kl && kl[k]; k++) {
      const key_spec *spec = find_key(gl[g], kl[k]);
      if (!spec) continue; /* [theme] name, description */
      unsigned line = jd_keyfile_line(text, gl[g], kl[k]);
      g_autofree char *value = g_key_file_get_string(kf, gl[g], kl[k], NULL);
      if (!set_key(t, spec, value ? g_strstrip(value) : "", path, line, error)) goto fail;
    }
  }
  goto out;
fail:
  jd_theme_free(t);
  t = NULL;
out:
  g_key_file_free(kf);
  return t;
}
