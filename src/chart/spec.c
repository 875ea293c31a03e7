/* INI chart specs (`jindu chart --spec`): a chart's type, titles, size and
 * theme, and its series as written in the file. Where data comes from a
 * figures table or analysis series, see report/plot-data.c. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "chart/chart-private.h"
#include "util/keyfile.h"

void jd_chart_select_clear(jd_chart_select *s)
{
  if (!s) return;
  g_clear_pointer(&s->metric, g_free);
  g_clear_pointer(&s->region, g_free);
  g_clear_pointer(&s->drug, g_free);
  g_clear_pointer(&s->group_by, g_free);
  g_clear_pointer(&s->scope, g_free);
  g_clear_pointer(&s->period, g_free);
  g_clear_pointer(&s->compare, g_free);
}

/* ---- INI chart specs ---- */

static gboolean spec_fail(GError **error, const char *path, unsigned line, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);
static gboolean spec_fail(GError **error, const char *path, unsigned line, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  g_autofree char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_SPEC, "%s:%u: %s", path, line, msg);
  return FALSE;
}

static gboolean parse_doubles(const char *s, GArray *out)
{
  g_auto(GStrv) parts = g_strsplit(s, ";", -1);
  for (size_t i = 0; parts[i]; i++) {
    char *p = g_strstrip(parts[i]);
    double v = NAN;
    if (*p && strcmp(p, "-") != 0) {
      /* thousands separators are fine: 1,113 */
      GString *clean = g_string_new(NULL);
      for (const char *q = p; *q; q++)
        if (*q != ',') g_string_append_c(clean, *q);
      char *end = NULL;
      v = g_ascii_strtod(clean->str, &end);
      gboolean good = end && end != clean->str && !*end && isfinite(v);
      g_string_free(clean, TRUE);
      if (!good) return FALSE;
    }
    if (!parts[i + 1] && !*p && i > 0) break; /* trailing ';' */
    g_array_append_val(out, v);
  }
  return TRUE;
}

static const char *const chart_keys[] = {
    "type", "title", "subtitle", "x_label", "y_label", "unit", "footnote", "theme", "size",
    "scale", "number_format", "decimals", "categories", "value_labels", "name",
    "metric", "region", "drug", "group_by", "font_scale", "scope", "period", "compare",
    "range", "target", "target_label", NULL};
static const char *const series_keys[] = {"values", "implied", "inferred", "qualifiers", "labels",
                                          "trend", "trend_lower", "trend_upper", "forecast_from",
                                          "trend_label", "unit", "numerators", "denominators",
                                          NULL};

static gboolean known(const char *const *keys, const char *k)
{
  for (size_t i = 0; keys[i]; i++)
    if (strcmp(keys[i], k) == 0) return TRUE;
  return FALSE;
}

/* jd_keyfile_known_func: [chart] and any number of [series NAME]. */
static gboolean spec_knows(const char *group, const char *key, void *unused)
{
  (void)unused;
  gboolean series = g_str_has_prefix(group, "series");
  if (!series && strcmp(group, "chart") != 0) return FALSE;
  return !key || known(series ? series_keys : chart_keys, key);
}

static gboolean spec_check_keys(GKeyFile *kf, const char *text, const char *path, GError **error)
{
  g_autofree char *group = NULL, *key = NULL;
  unsigned line = 0;
  if (jd_keyfile_check(kf, text, spec_knows, NULL, &group, &key, &line)) return TRUE;
  if (!key)
    return spec_fail(error, path, line,
                     "unknown group [%s] — a spec has [chart] and [series NAME] groups", group);
  if (strcmp(group, "chart") == 0)
    return spec_fail(error, path, line,
                     "unknown key '%s' in [chart] — see `jindu chart --help` for the spec keys", key);
  return spec_fail(error, path, line,
                   "unknown key '%s' in [%s] — series keys are values, implied, inferred, "
                   "qualifiers, labels, trend, trend_lower, trend_upper, forecast_from, "
                   "trend_label, unit, numerators, denominators", key, group);
}

/* The qualifier names of the figures table (numeral.h spells them the same). */
static gboolean qualifier_from_string(const char *s, jd_qualifier *out)
{
  static const char *const names[] = {"exact", "more_than", "nearly", "about",
                                      "less_than", "at_least", "at_most"};
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
    if (strcmp(names[i], s) == 0) {
      *out = (jd_qualifier)i;
      return TRUE;
    }
  return FALSE;
}

/* A series' unit, and numerators and denominators: a rate of known counts
 * is drawn in percent with its Wilson interval (95%). */
static gboolean spec_series_rates(jd_chart *c, size_t s, GKeyFile *kf, const char *text,
                                  const char *path, const char *group, GError **error)
{
  g_autofree char *unit = g_key_file_get_string(kf, group, "unit", NULL);
  if (unit) jd_chart_set_series_unit(c, s, g_strstrip(unit));
  g_autofree char *nums = g_key_file_get_string(kf, group, "numerators", NULL);
  g_autofree char *dens = g_key_file_get_string(kf, group, "denominators", NULL);
  if (!nums && !dens) return TRUE;
  GArray *k = g_array_new(FALSE, FALSE, sizeof(double)), *n = g_array_new(FALSE, FALSE, sizeof(double));
  gboolean ok = nums && dens && parse_doubles(nums, k) && parse_doubles(dens, n) && k->len == n->len;
  double *lo = g_new(double, k->len + 1), *hi = g_new(double, k->len + 1);
  for (guint i = 0; ok && i < k->len; i++) {
    double a = g_array_index(k, double, i), b = g_array_index(n, double, i);
    lo[i] = hi[i] = NAN;
    if (isnan(a) || isnan(b)) continue;
    ok = jd_chart_wilson(a, b, 1.959964, &lo[i], &hi[i]);
  }
  if (ok) jd_chart_set_intervals(c, s, lo, hi, k->len, "95%置信区间（Wilson）");
  g_array_unref(k);
  g_array_unref(n);
  g_free(lo);
  g_free(hi);
  if (!ok)
    return spec_fail(error, path, jd_keyfile_line(text, group, nums ? "numerators" : "denominators"),
                     "numerators and denominators must be counts separated by ';', the same "
                     "number each, every numerator at most its denominator");
  return TRUE;
}

/* [chart] range, target and target_label: the value axis and a target line. */
static gboolean spec_axis(jd_chart *c, GKeyFile *kf, const char *text, const char *path,
                          GError **error)
{
  g_autofree char *range = g_key_file_get_string(kf, "chart", "range", NULL);
  g_autofree char *target = g_key_file_get_string(kf, "chart", "target", NULL);
  g_autofree char *tl = g_key_file_get_string(kf, "chart", "target_label", NULL);
  if (range) {
    GArray *r = g_array_new(FALSE, FALSE, sizeof(double));
    gboolean ok = parse_doubles(range, r) && r->len == 2 &&
                  g_array_index(r, double, 1) > g_array_index(r, double, 0);
    if (ok) jd_chart_set_value_range(c, g_array_index(r, double, 0), g_array_index(r, double, 1));
    g_array_unref(r);
    if (!ok)
      return spec_fail(error, path, jd_keyfile_line(text, "chart", "range"),
                       "range must be MIN;MAX with MIN below MAX, e.g. range=0;100");
  }
  if (target) {
    char *end = NULL;
    double v = g_ascii_strtod(target, &end);
    if (!end || *end || isnan(v))
      return spec_fail(error, path, jd_keyfile_line(text, "chart", "target"),
                       "target must be a number, e.g. target=90");
    jd_chart_add_reference_line(c, v, tl ? tl : "目标");
  }
  return TRUE;
}

static gboolean spec_series(jd_chart *c, GKeyFile *kf, const char *text, const char *path,
                            const char *group, GError **error)
{
  const char *name = group + strlen("series");
  while (*name == ' ') name++;
  g_autofree char *values = g_key_file_get_string(kf, group, "values", NULL);
  if (!values)
    return spec_fail(error, path, jd_keyfile_line(text, group, NULL),
                     "[%s] has no values= — give the values separated by ';'", group);
  GArray *v = g_array_new(FALSE, FALSE, sizeof(double));
  if (!parse_doubles(values, v)) {
    g_array_unref(v);
    return spec_fail(error, path, jd_keyfile_line(text, group, "values"),
                     "values '%s' are not numbers separated by ';'", values);
  }
  size_t s = jd_chart_add_series(c, name, (const double *)(void *)v->data, v->len);
  g_array_unref(v);
  if (!spec_series_rates(c, s, kf, text, path, group, error)) return FALSE;
  static const char *const flag_keys[] = {"implied", "inferred"};
  for (int fk = 0; fk < 2; fk++) {
    g_autofree char *idx = g_key_file_get_string(kf, group, flag_keys[fk], NULL);
    if (!idx) continue;
    g_auto(GStrv) parts = g_strsplit(idx, ";", -1);
    for (size_t i = 0; parts[i]; i++) {
      char *p = g_strstrip(parts[i]);
      if (!*p) continue;
      char *end = NULL;
      guint64 at = g_ascii_strtoull(p, &end, 10);
      if (!end || *end || at >= jd_chart_get_category_count(c))
        return spec_fail(error, path, jd_keyfile_line(text, group, flag_keys[fk]),
                         "%s: '%s' is not a category index (0–%zu)", flag_keys[fk], p,
                         jd_chart_get_category_count(c) ? jd_chart_get_category_count(c) - 1 : 0);
      unsigned old = jd_chart_flags(c, s, at);
      jd_chart_set_point_flags(c, s, at, (old & ~JD_CHART_POINT_MISSING) |
                                             (fk ? JD_CHART_POINT_INFERRED : JD_CHART_POINT_IMPLIED));
    }
  }
  g_autofree char *quals = g_key_file_get_string(kf, group, "qualifiers", NULL);
  if (quals) {
    g_auto(GStrv) parts = g_strsplit(quals, ";", -1);
    for (size_t i = 0; parts[i]; i++) {
      char *p = g_strstrip(parts[i]);
      if (!*p) continue;
      jd_qualifier q;
      if (!qualifier_from_string(p, &q))
        return spec_fail(error, path, jd_keyfile_line(text, group, "qualifiers"),
                         "'%s' is not a qualifier — use exact, more_than, nearly, about, "
                         "less_than, at_least or at_most", p);
      jd_chart_set_point_qualifier(c, s, i, q);
    }
  }
  g_autofree char *labels = g_key_file_get_string(kf, group, "labels", NULL);
  if (labels) {
    g_auto(GStrv) parts = g_strsplit(labels, ";", -1);
    for (size_t i = 0; parts[i]; i++) jd_chart_set_point_label(c, s, i, g_strstrip(parts[i]));
  }
  g_autofree char *trend = g_key_file_get_string(kf, group, "trend", NULL);
  if (trend) {
    GArray *fit = g_array_new(FALSE, FALSE, sizeof(double));
    GArray *lo = g_array_new(FALSE, FALSE, sizeof(double));
    GArray *hi = g_array_new(FALSE, FALSE, sizeof(double));
    g_autofree char *los = g_key_file_get_string(kf, group, "trend_lower", NULL);
    g_autofree char *his = g_key_file_get_string(kf, group, "trend_upper", NULL);
    gboolean ok = parse_doubles(trend, fit) && (!los || parse_doubles(los, lo)) &&
                  (!his || parse_doubles(his, hi));
    if (ok && (los || his) && (lo->len != fit->len || hi->len != fit->len)) ok = FALSE;
    if (ok) {
      int ff = g_key_file_get_integer(kf, group, "forecast_from", NULL);
      g_autofree char *tl = g_key_file_get_string(kf, group, "trend_label", NULL);
      jd_chart_set_trend(c, s, (double *)(void *)fit->data, los ? (double *)(void *)lo->data : NULL,
                         his ? (double *)(void *)hi->data : NULL, fit->len,
                         ff > 0 ? (size_t)ff : fit->len, tl);
    }
    g_array_unref(fit);
    g_array_unref(lo);
    g_array_unref(hi);
    if (!ok)
      return spec_fail(error, path, jd_keyfile_line(text, group, "trend"),
                       "trend, trend_lower and trend_upper must be numbers separated by ';', "
                       "the same count each");
  }
  return TRUE;
}

static gboolean spec_fill(jd_chart *c, GKeyFile *kf, const char *text, const char *path,
                          jd_chart_select *select, GError **error)
{
  GError *err = NULL;
  g_auto(GStrv) groups = g_key_file_get_groups(kf, NULL);
#define GET(k) g_autofree char *k = g_key_file_get_string(kf, "chart", #k, NULL)
  GET(type);
  GET(title);
  GET(subtitle);
  GET(x_label);
  GET(y_label);
  GET(unit);
  GET(footnote);
  GET(theme);
  GET(size);
  GET(scale);
  GET(number_format);
  GET(decimals);
  GET(categories);
  GET(value_labels);
  GET(name);
  GET(font_scale);
#undef GET
  if (type) {
    jd_chart_type ty;
    if (!jd_chart_type_from_string(type, &ty)) {
      spec_fail(error, path, jd_keyfile_line(text, "chart", "type"),
                "unknown chart type '%s' — use bar, grouped-bar, hbar, line, stacked-bar, donut "
                "or kpi", type);
      return FALSE;
    }
    jd_chart_set_type(c, ty);
  }
  jd_chart_set_title(c, title);
  jd_chart_set_subtitle(c, subtitle);
  jd_chart_set_axis_labels(c, x_label, y_label);
  jd_chart_set_unit(c, unit);
  jd_chart_set_footnote(c, footnote);
  jd_chart_set_name(c, name);
  if (theme && !jd_chart_set_theme_name(c, theme, error)) return FALSE;
  double sc = 0;
  if (scale) {
    char *end = NULL;
    sc = g_ascii_strtod(scale, &end);
    if (!end || *end || !(sc > 0)) {
      spec_fail(error, path, jd_keyfile_line(text, "chart", "scale"), "scale must be a positive number");
      return FALSE;
    }
  }
  if ((size || scale) && !jd_chart_set_size_preset(c, size, sc, &err)) {
    spec_fail(error, path, jd_keyfile_line(text, "chart", size ? "size" : "scale"), "%s", err->message);
    g_error_free(err);
    return FALSE;
  }
  if (font_scale) jd_chart_set_font_scale(c, g_ascii_strtod(font_scale, NULL));
  int dec = -1;
  if (decimals) {
    char *end = NULL;
    gint64 d = g_ascii_strtoll(decimals, &end, 10);
    if (!end || *end || d < 0 || d > 4) {
      spec_fail(error, path, jd_keyfile_line(text, "chart", "decimals"), "decimals must be 0–4");
      return FALSE;
    }
    dec = (int)d;
  }
  jd_number_style style = JD_NUMBER_AUTO;
  if (number_format) {
    if (strcmp(number_format, "auto") == 0) style = JD_NUMBER_AUTO;
    else if (strcmp(number_format, "plain") == 0) style = JD_NUMBER_PLAIN;
    else if (strcmp(number_format, "percent") == 0) style = JD_NUMBER_PERCENT;
    else {
      spec_fail(error, path, jd_keyfile_line(text, "chart", "number_format"),
                "number_format must be auto, plain or percent");
      return FALSE;
    }
  }
  jd_chart_set_number_format(c, style, dec);
  if (value_labels) jd_chart_set_value_labels(c, strcmp(value_labels, "false") != 0);
  if (categories) {
    g_auto(GStrv) parts = g_strsplit(categories, ";", -1);
    for (size_t i = 0; parts[i]; i++) {
      char *p = g_strstrip(parts[i]);
      if (!*p && !parts[i + 1]) break;
      jd_chart_add_category(c, p);
    }
  }
  for (size_t g = 0; groups[g]; g++) {
    if (strcmp(groups[g], "chart") == 0) continue;
    if (!spec_series(c, kf, text, path, groups[g], error)) return FALSE; /* [series NAME] */
  }
  if (!spec_axis(c, kf, text, path, error)) return FALSE;
  if (select) {
    jd_chart_select_clear(select);
    select->scope = g_key_file_get_string(kf, "chart", "scope", NULL);
    select->period = g_key_file_get_string(kf, "chart", "period", NULL);
    select->compare = g_key_file_get_string(kf, "chart", "compare", NULL);
    select->metric = g_key_file_get_string(kf, "chart", "metric", NULL);
    select->region = g_key_file_get_string(kf, "chart", "region", NULL);
    select->drug = g_key_file_get_string(kf, "chart", "drug", NULL);
    select->group_by = g_key_file_get_string(kf, "chart", "group_by", NULL);
  }
  return TRUE;
}

jd_chart *jd_chart_load_spec(const char *path, jd_chart_select *select, GError **error)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  GError *err = NULL;
  if (!g_file_get_contents(path, &text, &len, &err)) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_SPEC, "%s: cannot read the chart spec: %s",
                path, err->message);
    g_error_free(err);
    return NULL;
  }
  GKeyFile *kf = g_key_file_new();
  jd_chart *c = NULL;
  if (!g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, &err)) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_SPEC, "%s: not a valid key file: %s", path,
                err->message);
    g_error_free(err);
    goto out;
  }
  if (!g_key_file_has_group(kf, "chart")) {
    spec_fail(error, path, 1, "no [chart] group — a spec starts with [chart] and type=, title=");
    goto out;
  }
  if (!spec_check_keys(kf, text, path, error)) goto out;
  c = jd_chart_new(JD_CHART_BAR);
  if (!spec_fill(c, kf, text, path, select, error)) goto fail;
  goto out;
fail:
  jd_chart_free(c);
  c = NULL;
out:
  g_key_file_free(kf);
  return c;
}
