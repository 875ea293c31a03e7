/* Writing an analysis: a readable text table of series, trends and findings,
 * CSV (one row per series point, or per finding) and JSON. */
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "analyze/analyze-private.h"
#include "figure/figure-number.h"

static void sappend_uint(GString *s, unsigned long long v) {
  char buf[24];
  int i = (int)sizeof buf;
  do buf[--i] = (char)('0' + v % 10);
  while ((v /= 10) > 0);
  g_string_append_len(s, buf + i, (gssize)(sizeof buf - (size_t)i));
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
/* clang-tidy 14 reports every va_arg below as reading an uninitialized va_list
 * when analyze.c is checked before this file in one run (a false positive:
 * va_start is the second line); alone it is clean. */
/* NOLINTBEGIN(clang-analyzer-valist.Uninitialized) */
void jd_sappend(GString *s, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const char *p = fmt;
  while (*p) {
    const char *pct = strchr(p, '%');
    if (!pct) {
      g_string_append(s, p);
      break;
    }
    if (pct > p) g_string_append_len(s, p, pct - p);
    const char *q = pct + 1;
    if (*q == '%') {
      g_string_append_c(s, '%');
      p = q + 1;
      continue;
    }
    if (*q == 's') {
      const char *v = va_arg(ap, const char *);
      g_string_append(s, v ? v : "(null)");
      p = q + 1;
      continue;
    }
    if (*q == 'c') {
      g_string_append_c(s, (char)va_arg(ap, int));
      p = q + 1;
      continue;
    }
    if (*q == 'u') {
      sappend_uint(s, va_arg(ap, unsigned int));
      p = q + 1;
      continue;
    }
    if (q[0] == 'z' && q[1] == 'u') {
      sappend_uint(s, va_arg(ap, size_t));
      p = q + 2;
      continue;
    }
    if (*q == 'd') {
      int v = va_arg(ap, int);
      if (v < 0) g_string_append_c(s, '-');
      sappend_uint(s, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
      p = q + 1;
      continue;
    }
    if (*q == 'g') { /* whole numbers below 10^6 print as integers under %g */
      double v = va_arg(ap, double);
      if (v > 0 && v < 1e6 && v == (double)(long long)v) sappend_uint(s, (unsigned long long)v);
      else g_string_append_printf(s, "%g", v);
      p = q + 1;
      continue;
    }
    /* anything else: one conversion at a time through printf */
    while (*q && strchr("-+ #0123456789.", *q)) q++;
    int longs = 0, z = 0;
    while (*q == 'l') longs++, q++;
    if (*q == 'z') z = 1, q++;
    char spec[32];
    size_t len = (size_t)(q + 1 - pct);
    if (!*q || len >= sizeof spec) {
      g_string_append(s, pct); /* malformed: cannot happen with the format check */
      break;
    }
    memcpy(spec, pct, len);
    spec[len] = '\0';
    switch (*q) {
    case 'd': case 'i':
      if (z) g_string_append_printf(s, spec, va_arg(ap, gssize));
      else if (longs >= 2) g_string_append_printf(s, spec, va_arg(ap, long long));
      else if (longs) g_string_append_printf(s, spec, va_arg(ap, long));
      else g_string_append_printf(s, spec, va_arg(ap, int));
      break;
    case 'u': case 'x': case 'X': case 'o':
      if (z) g_string_append_printf(s, spec, va_arg(ap, size_t));
      else if (longs >= 2) g_string_append_printf(s, spec, va_arg(ap, unsigned long long));
      else if (longs) g_string_append_printf(s, spec, va_arg(ap, unsigned long));
      else g_string_append_printf(s, spec, va_arg(ap, unsigned int));
      break;
    case 'c':
      g_string_append_printf(s, spec, va_arg(ap, int));
      break;
    case 's':
      g_string_append_printf(s, spec, va_arg(ap, const char *));
      break;
    case 'p':
      g_string_append_printf(s, spec, va_arg(ap, void *));
      break;
    default: /* e f g E G a */
      g_string_append_printf(s, spec, va_arg(ap, double));
      break;
    }
    p = q + 1;
  }
  va_end(ap);
}
/* NOLINTEND(clang-analyzer-valist.Uninitialized) */
#pragma GCC diagnostic pop

static const char *trend_kind_name(jd_trend_kind k)
{
  static const char *const names[] = {"none", "two_points", "linear", "weighted"};
  return (unsigned)k < G_N_ELEMENTS(names) ? names[k] : "none";
}

static void json_num(GString *out, double v)
{
  if (!isfinite(v))
    g_string_append(out, "null");
  else
    jd_figure_append_value(out, v);
}

/* k is one of this file's member names (ASCII letters and '_'), which
 * jd_json_append_string would only put in quotes */
static void json_key(GString *out, const char *k, gboolean first)
{
  g_string_append(out, first ? "\"" : ",\"");
  g_string_append(out, k);
  g_string_append(out, "\":");
}

static void json_kv_str(GString *out, const char *k, const char *v, gboolean first)
{
  json_key(out, k, first);
  jd_json_append_string(out, v ? v : "");
}

static void json_kv_num(GString *out, const char *k, double v)
{
  json_key(out, k, FALSE);
  json_num(out, v);
}

static void json_interval(GString *out, const char *k, const jd_interval *iv)
{
  json_key(out, k, FALSE);
  g_string_append(out, "{");
  json_key(out, "low", TRUE);
  json_num(out, iv->low);
  json_kv_num(out, "high", iv->high);
  g_string_append(out, iv->low_open ? ",\"low_open\":true" : ",\"low_open\":false");
  g_string_append(out, iv->high_open ? ",\"high_open\":true}" : ",\"high_open\":false}");
}

static void json_sources(GString *out, const char *k, const jd_source *s, size_t n)
{
  json_key(out, k, FALSE);
  g_string_append_c(out, '[');
  for (size_t i = 0; i < n; i++) {
    if (i) g_string_append_c(out, ',');
    g_string_append_c(out, '{');
    json_kv_str(out, "doc", s[i].doc, TRUE);
    g_string_append(out, ",\"line\":");
    sappend_uint(out, s[i].line);
    json_kv_str(out, "quote", s[i].quote, FALSE);
    json_kv_num(out, "value", s[i].value);
    json_kv_str(out, "qualifier", jd_qualifier_name(s[i].qualifier), FALSE);
    json_kv_str(out, "kind", jd_kind_to_string(s[i].kind), FALSE);
    json_kv_str(out, "period", s[i].period, FALSE);
    g_string_append_c(out, '}');
  }
  g_string_append_c(out, ']');
}

/* The doc a source names in lists (jd_source_to_string). */
static const char *source_doc(const jd_source *s)
{
  return s->doc && *s->doc ? s->doc : "(curated)";
}

/* Appends "a.txt:3; b.txt:7", each doc:line once (the text of
 * jd_source_to_string, built in place). */
static void append_sources(GString *g, const jd_source *s, size_t n)
{
  gsize start = g->len;
  GHashTable *seen = n > 16 ? g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL) : NULL;
  for (size_t i = 0; i < n; i++) {
    const char *doc = source_doc(&s[i]);
    if (seen) {
      if (!g_hash_table_add(seen, jd_source_to_string(&s[i]))) continue;
    } else {
      /* "doc:line" strings are equal when doc and line are: the line has
       * no ':' */
      size_t k = 0;
      while (k < i && !(s[k].line == s[i].line && strcmp(source_doc(&s[k]), doc) == 0)) k++;
      if (k < i) continue;
    }
    if (g->len > start) g_string_append(g, "; ");
    g_string_append(g, doc);
    g_string_append_c(g, ':');
    sappend_uint(g, s[i].line);
  }
  if (seen) g_hash_table_unref(seen);
}

/* CSV cells appended in place: the first of a row, then one after a comma. */
static void cell_first(GString *out, const char *s) { jd_csv_append_field(out, s ? s : ""); }

static void cell(GString *out, const char *s)
{
  g_string_append_c(out, ',');
  jd_csv_append_field(out, s ? s : "");
}

/* A number needs no quotes; not finite: empty. */
static void cell_num(GString *out, double v)
{
  g_string_append_c(out, ',');
  if (isfinite(v)) jd_figure_append_value(out, v);
}

static void cell_uint(GString *out, size_t v)
{
  g_string_append_c(out, ',');
  sappend_uint(out, v);
}

/* A list of sources as one cell; scratch is reused between cells. */
static void cell_sources(GString *out, GString *scratch, const jd_source *s, size_t n)
{
  g_string_truncate(scratch, 0);
  append_sources(scratch, s, n);
  cell(out, scratch->str);
}

/* An interval with at most `decimals` digits. */
static char *interval_text(const jd_interval *iv, int decimals)
{
  if (isnan(iv->low) || isnan(iv->high)) return g_strdup("—");
  g_autofree char *lo = jd_format_number(iv->low, decimals), *hi = jd_format_number(iv->high, decimals);
  if (iv->low == iv->high) return g_strdup(lo);
  return g_strdup_printf("%c%s, %s%c", iv->low_open ? '(' : '[', lo, hi, iv->high_open ? ')' : ']');
}

static void json_finding(GString *out, const jd_finding *f)
{
  g_string_append_c(out, '{');
  json_kv_str(out, "severity", jd_severity_to_string(f->severity), TRUE);
  json_kv_str(out, "kind", jd_finding_kind_to_string(f->kind), FALSE);
  json_kv_str(out, "metric", f->metric, FALSE);
  json_kv_str(out, "drug", f->drug, FALSE);
  json_kv_str(out, "region", f->region, FALSE);
  json_kv_str(out, "period", f->period, FALSE);
  json_kv_str(out, "title", f->title, FALSE);
  json_kv_str(out, "explanation", f->explanation, FALSE);
  json_kv_str(out, "arithmetic", f->arithmetic, FALSE);
  json_kv_num(out, "stated", f->stated);
  json_kv_num(out, "computed", f->computed);
  json_interval(out, "computed_interval", &f->computed_interval);
  g_string_append(out, ",\"n_solutions\":");
  sappend_uint(out, f->n_solutions);
  json_key(out, "solutions", FALSE);
  g_string_append_c(out, '[');
  size_t ar = f->solution_arity ? f->solution_arity : 1;
  for (size_t i = 0; i < f->n_listed; i++) {
    if (i) g_string_append_c(out, ',');
    if (ar > 1) g_string_append_c(out, '[');
    for (size_t j = 0; j < ar; j++) {
      if (j) g_string_append_c(out, ',');
      json_num(out, f->solutions[i * ar + j]);
    }
    if (ar > 1) g_string_append_c(out, ']');
  }
  g_string_append_c(out, ']');
  json_sources(out, "sources", f->sources, f->n_sources);
  g_string_append_c(out, '}');
}

static const char *const finding_csv_columns[] = {
    "severity", "kind",     "metric",   "drug",     "region",   "period",
    "title",    "explanation", "arithmetic", "stated", "computed", "low",
    "high",     "n_solutions", "solutions",  "sources", NULL};

static void csv_row(GString *out, const char *const *cells, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    if (i) g_string_append_c(out, ',');
    jd_csv_append_field(out, cells[i] ? cells[i] : "");
  }
  g_string_append(out, "\r\n");
}

/* "52->36; 53->37" (integers, jd_format_number(v, 0)) */
static void append_solutions(GString *g, const jd_finding *f)
{
  size_t ar = f->solution_arity ? f->solution_arity : 1;
  for (size_t i = 0; i < f->n_listed; i++) {
    if (i) g_string_append(g, "; ");
    for (size_t j = 0; j < ar; j++) {
      g_autofree char *v = jd_format_number(f->solutions[i * ar + j], 0);
      if (j) g_string_append(g, "->");
      g_string_append(g, v);
    }
  }
}

static void csv_finding(GString *out, GString *scratch, const jd_finding *f)
{
  cell_first(out, jd_severity_to_string(f->severity));
  cell(out, jd_finding_kind_to_string(f->kind));
  cell(out, f->metric);
  cell(out, f->drug);
  cell(out, f->region);
  cell(out, f->period);
  cell(out, f->title);
  cell(out, f->explanation);
  cell(out, f->arithmetic);
  cell_num(out, f->stated);
  cell_num(out, f->computed);
  cell_num(out, f->computed_interval.low);
  cell_num(out, f->computed_interval.high);
  cell_uint(out, f->n_solutions);
  g_string_truncate(scratch, 0);
  append_solutions(scratch, f);
  cell(out, scratch->str);
  cell_sources(out, scratch, f->sources, f->n_sources);
  g_string_append(out, "\r\n");
}

/* printf's "%s" of a NULL string */
static const char *str_or_null(const char *s) { return s ? s : "(null)"; }

static void text_finding(GString *out, const jd_finding *f)
{
  g_string_append_c(out, '[');
  g_string_append(out, jd_severity_to_chinese(f->severity));
  g_string_append_c(out, ' ');
  g_string_append(out, jd_severity_to_string(f->severity));
  g_string_append(out, "] ");
  g_string_append(out, str_or_null(f->title));
  g_string_append(out, " — ");
  append_sources(out, f->sources, f->n_sources);
  g_string_append(out, "\n    ");
  g_string_append(out, str_or_null(f->explanation));
  g_string_append_c(out, '\n');
  if (f->arithmetic && *f->arithmetic) {
    g_string_append(out, "    算式：");
    g_string_append(out, f->arithmetic);
    g_string_append_c(out, '\n');
  }
}

void jd_analysis_write_findings(GString *out, const jd_analysis *a, jd_analysis_format format,
                                jd_severity min_severity)
{
  size_t n = jd_analysis_get_finding_count(a);
  if (format == JD_ANALYSIS_CSV) {
    csv_row(out, finding_csv_columns, G_N_ELEMENTS(finding_csv_columns) - 1);
  } else if (format == JD_ANALYSIS_JSON) {
    g_string_append_c(out, '[');
  }
  gboolean first = TRUE;
  GString *scratch = g_string_new(NULL);
  for (size_t i = 0; i < n; i++) {
    const jd_finding *f = jd_analysis_get_finding(a, i);
    if (f->severity < min_severity) continue;
    if (format == JD_ANALYSIS_CSV)
      csv_finding(out, scratch, f);
    else if (format == JD_ANALYSIS_JSON) {
      g_string_append(out, first ? "\n" : ",\n");
      json_finding(out, f);
    } else
      text_finding(out, f);
    first = FALSE;
  }
  g_string_free(scratch, TRUE);
  if (format == JD_ANALYSIS_JSON) g_string_append(out, first ? "]\n" : "\n]\n");
  if (format == JD_ANALYSIS_TEXT && first) g_string_append(out, "（没有发现）\n");
}

static const char *const point_csv_columns[] = {
    "metric", "scope", "drug", "region", "unit", "kind", "period_class", "span", "period", "x", "value", "low",
    "high", "qualifier", "origin", "n_documents", "sources", "others", "change_abs",
    "change_pct", "trend", "slope", "slope_low", "slope_high", "r2", "cagr_pct", "forecast_x",
    "forecast", "forecast_low", "forecast_high", "derivation", NULL};

/* The trend's cells are the same on every point of a series: made once. */
static void csv_trend_cells(GString *out, const jd_trend *t)
{
  cell(out, trend_kind_name(t->kind));
  cell_num(out, t->slope);
  cell_num(out, t->slope_low);
  cell_num(out, t->slope_high);
  cell_num(out, t->r2);
  cell_num(out, t->cagr_pct);
  cell_num(out, t->forecast_x);
  cell_num(out, t->forecast);
  cell_num(out, t->forecast_low);
  cell_num(out, t->forecast_high);
}

static void csv_point(GString *out, GString *scratch, const jd_series *s, const jd_point *p,
                      const GString *trend_cells)
{
  cell_first(out, s->metric);
  cell(out, s->scope);
  cell(out, s->drug);
  cell(out, s->region);
  cell(out, s->unit);
  cell(out, jd_kind_to_string(s->kind));
  cell(out, s->period_class);
  cell(out, s->span);
  cell(out, p->period);
  cell_num(out, p->x);
  cell_num(out, p->value);
  cell_num(out, p->interval.low);
  cell_num(out, p->interval.high);
  cell(out, jd_qualifier_name(p->qualifier));
  cell(out, p->origin == JD_POINT_IMPLIED ? "implied" : "stated");
  cell_uint(out, p->n_documents);
  cell_sources(out, scratch, p->sources, p->n_sources);
  cell_sources(out, scratch, p->others, p->n_others);
  cell_num(out, p->change_abs);
  cell_num(out, p->change_pct);
  g_string_append_len(out, trend_cells->str, (gssize)trend_cells->len);
  cell(out, p->derivation);
  g_string_append(out, "\r\n");
}

/* printf's "%-<w>s" (pad_right) and "%<w>s" (pad_left): widths in bytes */
static void pad_right(GString *out, const char *s, size_t w)
{
  size_t n = strlen(s);
  g_string_append_len(out, s, (gssize)n);
  for (; n < w; n++) g_string_append_c(out, ' ');
}

static void pad_left(GString *out, const char *s, size_t w)
{
  size_t n = strlen(s);
  for (size_t k = n; k < w; k++) g_string_append_c(out, ' ');
  g_string_append_len(out, s, (gssize)n);
}

static void text_series(GString *out, const jd_series *s)
{
  jd_sappend(out, "\n%s (%s)", jd_metric_label(s->metric), s->metric);
  if (*s->scope) jd_sappend(out, " · 范围：%s", s->scope);
  if (*s->drug) jd_sappend(out, " · %s", s->drug);
  if (*s->region) jd_sappend(out, " · %s", s->region);
  jd_sappend(out, " · %s", *s->unit ? s->unit : "-");
  if (s->kind != JD_KIND_LEVEL) jd_sappend(out, " · %s", jd_kind_to_string(s->kind));
  if (*s->period_class) jd_sappend(out, " · %s", s->period_class);
  if (!strcmp(s->span, JD_SPAN_ASOF)) jd_sappend(out, " · %s", s->span);
  g_string_append_c(out, '\n');
  for (size_t i = 0; i < s->n_points; i++) {
    const jd_point *p = &s->points[i];
    g_autofree char *iv = interval_text(&p->interval, 4);
    g_autofree char *v = jd_format_number(p->value, p->origin == JD_POINT_IMPLIED ? 1 : 6);
    /* "  %-16s %12s %-9s %-22s %s" */
    g_string_append(out, "  ");
    pad_right(out, str_or_null(p->period), 16);
    g_string_append_c(out, ' ');
    pad_left(out, v, 12);
    g_string_append_c(out, ' ');
    pad_right(out,
              p->origin == JD_POINT_IMPLIED ? "implied"
              : p->qualifier                ? jd_qualifier_name(p->qualifier)
                                            : "",
              9);
    g_string_append_c(out, ' ');
    pad_right(out, iv, 22);
    g_string_append_c(out, ' ');
    append_sources(out, p->sources, p->n_sources);
    if (p->n_documents > 1) jd_sappend(out, "  [%zu docs]", p->n_documents);
    if (isfinite(p->change_pct)) {
      g_autofree char *c = jd_format_fixed(p->change_pct, 1);
      jd_sappend(out, "  %s%s%%", p->change_pct >= 0 ? "+" : "", c);
    }
    if (p->n_others) {
      g_string_append(out, "  (also: ");
      append_sources(out, p->others, p->n_others);
      g_string_append_c(out, ')');
    }
    if (p->origin == JD_POINT_IMPLIED) jd_sappend(out, "  %s", p->derivation);
    g_string_append_c(out, '\n');
  }
  const jd_trend *t = &s->trend;
  if (t->kind == JD_TREND_TWO_POINTS || t->kind == JD_TREND_LINEAR ||
      t->kind == JD_TREND_WEIGHTED) {
    g_autofree char *ca = jd_format_number(t->change_abs, 2), *cp = jd_format_fixed(t->change_pct, 1),
                    *cg = jd_format_fixed(t->cagr_pct, 1);
    jd_sappend(out, "  change %s (%s%%), CAGR %s%%/yr\n", ca, cp, cg);
  }
  if (t->kind == JD_TREND_LINEAR || t->kind == JD_TREND_WEIGHTED) {
    g_autofree char *sl = jd_format_number(t->slope, 2), *sll = jd_format_number(t->slope_low, 2),
                    *slh = jd_format_number(t->slope_high, 2), *r2 = jd_format_fixed(t->r2, 3),
                    *fx = jd_format_number(t->forecast_x, 2), *fc = jd_format_number(t->forecast, 1),
                    *fl = jd_format_number(t->forecast_low, 1),
                    *fh = jd_format_number(t->forecast_high, 1);
    jd_sappend(out,
               "  %s trend over %zu points: slope %s/yr (95%% CI %s to %s), R² %s; "
               "forecast %s: %s (95%% PI %s to %s)\n",
               t->kind == JD_TREND_WEIGHTED ? "weighted" : "linear", t->n, sl, sll, slh, r2, fx,
               fc, fl, fh);
  }
}

static void json_series(GString *out, const jd_series *s)
{
  g_string_append_c(out, '{');
  json_kv_str(out, "metric", s->metric, TRUE);
  json_kv_str(out, "scope", s->scope, FALSE);
  json_kv_str(out, "drug", s->drug, FALSE);
  json_kv_str(out, "region", s->region, FALSE);
  json_kv_str(out, "unit", s->unit, FALSE);
  json_kv_str(out, "kind", jd_kind_to_string(s->kind), FALSE);
  json_kv_str(out, "period_class", s->period_class, FALSE);
  json_key(out, "points", FALSE);
  g_string_append_c(out, '[');
  for (size_t i = 0; i < s->n_points; i++) {
    const jd_point *p = &s->points[i];
    if (i) g_string_append_c(out, ',');
    g_string_append_c(out, '{');
    json_kv_str(out, "period", p->period, TRUE);
    json_kv_num(out, "x", p->x);
    json_kv_num(out, "value", p->value);
    json_interval(out, "interval", &p->interval);
    json_kv_str(out, "qualifier", jd_qualifier_name(p->qualifier), FALSE);
    json_kv_str(out, "origin", p->origin == JD_POINT_IMPLIED ? "implied" : "stated", FALSE);
    json_kv_str(out, "derivation", p->derivation, FALSE);
    g_string_append(out, ",\"n_documents\":");
    sappend_uint(out, p->n_documents);
    json_kv_num(out, "change_abs", p->change_abs);
    json_kv_num(out, "change_pct", p->change_pct);
    json_sources(out, "sources", p->sources, p->n_sources);
    json_sources(out, "others", p->others, p->n_others);
    g_string_append_c(out, '}');
  }
  g_string_append_c(out, ']');
  const jd_trend *t = &s->trend;
  json_key(out, "trend", FALSE);
  g_string_append_c(out, '{');
  json_kv_str(out, "kind", trend_kind_name(t->kind), TRUE);
  g_string_append(out, ",\"n\":");
  sappend_uint(out, t->n);
  json_kv_num(out, "change_abs", t->change_abs);
  json_kv_num(out, "change_pct", t->change_pct);
  json_kv_num(out, "cagr_pct", t->cagr_pct);
  json_kv_num(out, "slope", t->slope);
  json_kv_num(out, "intercept", t->intercept);
  json_kv_num(out, "slope_low", t->slope_low);
  json_kv_num(out, "slope_high", t->slope_high);
  json_kv_num(out, "r2", t->r2);
  json_kv_num(out, "forecast_x", t->forecast_x);
  json_kv_num(out, "forecast", t->forecast);
  json_kv_num(out, "forecast_low", t->forecast_low);
  json_kv_num(out, "forecast_high", t->forecast_high);
  g_string_append(out, "}}");
}

void jd_analysis_write(GString *out, const jd_analysis *a, jd_analysis_format format)
{
  size_t ns = jd_analysis_get_series_count(a);
  if (format == JD_ANALYSIS_CSV) {
    csv_row(out, point_csv_columns, G_N_ELEMENTS(point_csv_columns) - 1);
    GString *scratch = g_string_new(NULL), *trend = g_string_new(NULL);
    for (size_t i = 0; i < ns; i++) {
      const jd_series *s = jd_analysis_get_series(a, i);
      g_string_truncate(trend, 0);
      csv_trend_cells(trend, &s->trend);
      for (size_t j = 0; j < s->n_points; j++) csv_point(out, scratch, s, &s->points[j], trend);
    }
    g_string_free(scratch, TRUE);
    g_string_free(trend, TRUE);
    return;
  }
  if (format == JD_ANALYSIS_JSON) {
    g_string_append(out, "{\"series\":[");
    for (size_t i = 0; i < ns; i++) {
      g_string_append(out, i ? ",\n" : "\n");
      json_series(out, jd_analysis_get_series(a, i));
    }
    g_string_append(out, "\n],\"findings\":");
    jd_analysis_write_findings(out, a, JD_ANALYSIS_JSON, JD_SEVERITY_OK);
    g_string_append(out, "}\n");
    return;
  }
  g_string_append_printf(out, "== Series (%zu) ==\n", ns);
  for (size_t i = 0; i < ns; i++) text_series(out, jd_analysis_get_series(a, i));
  g_string_append_printf(out, "\n== Findings (%zu) ==\n", jd_analysis_get_finding_count(a));
  jd_analysis_write_findings(out, a, JD_ANALYSIS_TEXT, JD_SEVERITY_OK);
}
