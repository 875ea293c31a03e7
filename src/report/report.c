/* Composing the briefing from a figures table: runs the analysis, picks the
 * series of each metric section and the KPI cards, writes the Chinese
 * narratives (value with qualifier, change against the prior period, trend
 * with its interval, implied values and what they come from), and collects
 * the audit findings and every figure used into the sources table. Drawing
 * is in pdf.c and chart.c. */
#include <math.h>
#include <string.h>

#include "jindu/analyze.h"
#include "jindu/chart.h"
#include "jindu/lexicon.h"
#include "jindu/names.h"
#include "jindu/period.h"
#include "jindu/plot.h"
#include "report/report-private.h"
#include "report/style.h"

G_DEFINE_QUARK(jd-report-error-quark, jd_report_error)

/* Bounds that keep the briefing's size independent of the corpus': the
 * documents a chart's footnote names, the sources a point cites (the
 * further documents stating the same figure are counted on the last row),
 * and the differing values a narrative names. */
#define FOOTNOTE_DOCS 6
#define SOURCES_PER_POINT 3
#define CONFLICTS_PER_POINT 3
#define FINDING_SOURCES 6
#define MAX_SERIOUS_FINDINGS 200
#define MAX_NOTES 60
/* comparisons across regions (各地对比): at most three metrics, each of three
 * regions or more (two are a sentence, not a ranking) */
#define MAX_COMPARISONS 3
#define MIN_COMPARED 3
/* the regions a ranking's chart names (a row each); the others are counted */
#define MAX_RANKED 20

static const char *const default_kpis[] = {"cases_solved", "suspects_arrested", "drugs_seized",
                                           "rehab_consolidation_rate", NULL};

/* metric id -> the words the lexicon's metrics.tsv gives it (its first
 * phrase, else its first verb, else its first noun), for metrics added to the
 * lexicon after this file. Loaded once; empty when the lexicon is missing. */
static gpointer load_trigger_names(gpointer unused)
{
  (void)unused;
  GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  GHashTable *roles = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  jd_lexicon *lex = jd_lexicon_load(NULL, NULL);
  for (size_t i = 0; lex && i < jd_lexicon_get_count(lex, JD_LEX_METRIC); i++) {
    const jd_lex_entry *e = jd_lexicon_get(lex, JD_LEX_METRIC, i);
    int role = (int)e->number + 1; /* phrase 3 > verb 2 > noun 1; 0 absent */
    if (GPOINTER_TO_INT(g_hash_table_lookup(roles, e->id)) >= role) continue;
    g_hash_table_insert(roles, g_strdup(e->id), GINT_TO_POINTER(role));
    g_hash_table_insert(names, g_strdup(e->id), g_strndup(e->surface, e->len));
  }
  jd_lexicon_free(lex);
  g_hash_table_unref(roles);
  return names;
}

static const char *trigger_name(const char *metric)
{
  static GOnce once = G_ONCE_INIT;
  GHashTable *names = g_once(&once, load_trigger_names, NULL);
  return g_hash_table_lookup(names, metric);
}

/* A metric's Chinese name (names.h); one the lexicon has and names.h does
 * not yet know is named by its words in metrics.tsv, never by its id.
 * Caller frees. */
static char *metric_name(const char *metric)
{
  char *name = jd_metric_name(metric);
  if (metric && strcmp(name, metric) == 0) {
    const char *words = trigger_name(metric);
    g_free(name);
    /* never an id such as "other" in the Chinese text */
    name = g_strdup(words ? words : "其他数据");
  }
  return name;
}

static char *section_title(const char *metric, const char *drug)
{
  g_autofree char *name = metric_name(metric);
  if (!drug || !*drug || strcmp(drug, "all") == 0) return g_steal_pointer(&name);
  if (strcmp(metric, "drugs_seized") == 0) return g_strdup_printf("缴获%s", jd_drug_name(drug));
  return g_strdup_printf("%s（%s）", name, jd_drug_name(drug));
}

/* The unit a reader expects, and the scale from the base unit. */
static void display_unit(const char *metric, const char *unit, double max_value, const char **out,
                         double *scale, gboolean *percent)
{
  *scale = 1;
  *percent = strcmp(unit, "percent") == 0;
  *out = jd_unit_name(unit);
  if (strcmp(unit, "person") == 0 && jd_metric_person_unit(metric))
    *out = jd_metric_person_unit(metric);
  else if (strcmp(unit, "kg") == 0 && max_value >= 1000) {
    *out = "吨";
    *scale = 1000;
  }
}

/* "2019" -> "2019年", "2020-01/2020-10" -> "2020年1—10月", "unknown" or ""
 * -> "时间不详" (names.h). Caller frees. */
static char *period_label(const char *period) { return jd_period_label(period); }

/* A period of series se as a sentence opens with it: a state at a date (span
 * asof) is 截至2025年10月, not the month 2025年10月. */
static char *span_label(const jd_series *se, const char *period)
{
  char *l = jd_period_label(period);
  if (!se || !se->span || strcmp(se->span, JD_SPAN_ASOF) != 0 || !period || !*period ||
      strcmp(period, "unknown") == 0)
    return l;
  char *r = g_strconcat("截至", l, NULL);
  g_free(l);
  return r;
}

/* ------------------------------------------------------------ frees */

static void point_free(gpointer p)
{
  jd_report_point *pt = p;
  g_free(pt->period);
  g_free(pt->label);
  g_free(pt->derivation);
  g_free(pt);
}

static void section_free(gpointer p)
{
  jd_report_section *s = p;
  g_free(s->metric);
  g_free(s->drug);
  g_free(s->region);
  g_free(s->title);
  g_free(s->unit);
  g_ptr_array_unref(s->points);
  g_free(s->fitted);
  g_free(s->narrative);
  g_free(s->footnote);
  g_free(s->stem);
  g_free(s->y_label);
  g_free(s->unit_id);
  g_free(s->parent);
  g_free(s);
}

static void finding_free(gpointer p)
{
  jd_report_finding *f = p;
  g_free(f->severity_zh);
  g_free(f->title);
  g_free(f->about);
  g_free(f->explanation);
  g_free(f->arithmetic);
  g_array_unref(f->sources);
  g_free(f);
}

static void source_free(gpointer p)
{
  jd_report_source *s = p;
  g_free(s->doc);
  g_free(s->metric);
  g_free(s->region);
  g_free(s->period);
  g_free(s->value);
  g_free(s->quote);
  g_free(s->where);
  g_free(s);
}

static void kpi_free(gpointer p)
{
  jd_report_kpi *k = p;
  g_free(k->metric);
  g_free(k->title);
  g_free(k->unit);
  g_free(k->region);
  g_ptr_array_unref(k->points);
  g_free(k->change_label);
  g_free(k->caption);
  g_free(k);
}

gboolean jd_report_parse_date(const char *s, int *year, int *month, int *day)
{
  /* exactly YYYY-MM-DD */
  if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit(s[i])) return FALSE;
  int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  int m = (s[5] - '0') * 10 + (s[6] - '0');
  int d = (s[8] - '0') * 10 + (s[9] - '0');
  if (y < 1 || !g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y)) return FALSE;
  if (year) *year = y;
  if (month) *month = m;
  if (day) *day = d;
  return TRUE;
}

void jd_report_options_init(jd_report_options *o)
{
  memset(o, 0, sizeof *o);
  o->title = g_strdup("禁毒工作简报");
  o->theme = g_strdup("default");
}

void jd_report_options_clear(jd_report_options *o)
{
  if (!o) return;
  g_free(o->title);
  g_free(o->organisation);
  g_free(o->date);
  g_free(o->region);
  g_free(o->author);
  g_free(o->subject);
  g_free(o->keywords);
  g_strfreev(o->metrics);
  g_strfreev(o->kpis);
  g_strfreev(o->unread);
  g_free(o->changes);
  g_free(o->theme);
  g_free(o->style);
  g_free(o->secrecy);
  g_free(o->urgency);
  g_free(o->report_to);
  g_free(o->send_to);
  g_free(o->distribute_to);
  memset(o, 0, sizeof *o);
}

static void options_copy(jd_report_options *dst, const jd_report_options *src)
{
  dst->title = g_strdup(src->title && *src->title ? src->title : "禁毒工作简报");
  dst->issue = src->issue;
  dst->organisation = g_strdup(src->organisation ? src->organisation : "");
  dst->date = src->date && *src->date ? g_strdup(src->date) : NULL;
  dst->region = g_strdup(src->region ? src->region : "");
  dst->author = g_strdup(src->author ? src->author : "");
  dst->subject = g_strdup(src->subject ? src->subject : "");
  dst->keywords = g_strdup(src->keywords ? src->keywords : "");
  dst->metrics = src->metrics ? g_strdupv(src->metrics) : NULL;
  dst->kpis = src->kpis ? g_strdupv(src->kpis) : NULL;
  dst->theme = g_strdup(src->theme && *src->theme ? src->theme : "default");
  dst->unread = src->unread && *src->unread ? g_strdupv(src->unread) : NULL;
  dst->changes = src->changes && *src->changes ? g_strdup(src->changes) : NULL;
  dst->style = g_strdup(src->style && *src->style ? src->style : "gongwen");
  dst->secrecy = g_strdup(src->secrecy ? src->secrecy : "");
  dst->urgency = g_strdup(src->urgency ? src->urgency : "");
  dst->report_to = g_strdup(src->report_to ? src->report_to : "");
  dst->send_to = g_strdup(src->send_to ? src->send_to : "");
  dst->distribute_to = g_strdup(src->distribute_to ? src->distribute_to : "");
  dst->copies = src->copies;
}

void jd_report_free(jd_report *r)
{
  if (!r) return;
  jd_report_options_clear(&r->options);
  g_free(r->headline_region);
  g_free(r->summary);
  g_free(r->others);
  if (r->kpis) g_ptr_array_unref(r->kpis);
  if (r->sections) g_ptr_array_unref(r->sections);
  if (r->findings) g_ptr_array_unref(r->findings);
  if (r->sources) g_ptr_array_unref(r->sources);
  g_free(r);
}

/* ------------------------------------------------------------ sources */

typedef struct {
  jd_report *r;
  const jd_figure_table *t;
  GHashTable *index;   /* key -> row number */
  GHashTable *figures; /* doc, line, kind, value -> the table's first such figure */
} source_registry;

/* The figure index's key. Caller frees. */
static char *figure_key(const char *doc, unsigned line, jd_kind kind, double value)
{
  return g_strdup_printf("%s\x1f%u\x1f%d\x1f%.17g", doc, line, (int)kind, value);
}

static GHashTable *index_figures(const jd_figure_table *t)
{
  GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (size_t i = jd_figure_table_get_count(t); i-- > 0;) { /* the first one wins */
    const jd_figure *f = jd_figure_table_get(t, i);
    g_hash_table_replace(h, figure_key(f->doc, f->line, f->kind, f->value), (gpointer)f);
  }
  return h;
}

/* The figure a source came from (for its unit, metric and region). */
static const jd_figure *source_figure(const source_registry *reg, const jd_source *s)
{
  g_autofree char *key = figure_key(s->doc, s->line, s->kind, s->value);
  return g_hash_table_lookup(reg->figures, key);
}

/* A quote as the sources table shows it: the sentence, cut after
 * QUOTE_CHARS characters (a document line can be megabytes long). */
#define QUOTE_CHARS 160
static char *display_quote(const char *quote)
{
  if (!quote) return g_strdup("");
  const char *end = quote;
  glong n = 0;
  while (*end && n < QUOTE_CHARS) {
    end = g_utf8_next_char(end);
    n++;
  }
  if (!*end) return g_strdup(quote);
  return g_strdup_printf("%.*s……", (int)(end - quote), quote);
}

/* The row of the sources table for s (added on first use). */
static int register_source(source_registry *reg, const jd_source *s, const char *metric,
                           const char *region, const char *unit, double scale, gboolean percent,
                           const char *drug)
{
  /* without a metric of the caller's, the figure's own (a finding about
   * 31 of 54 cites the 54 as what the document calls it) */
  const jd_figure *orig = metric ? NULL : source_figure(reg, s);
  if (!metric && orig) metric = orig->metric;
  g_autofree char *key = g_strdup_printf("%s\x1f%u\x1f%.17g\x1f%d\x1f%s\x1f%s", s->doc, s->line,
                                         s->value, (int)s->kind, s->period ? s->period : "",
                                         metric ? metric : "");
  int row = GPOINTER_TO_INT(g_hash_table_lookup(reg->index, key));
  if (row) return row;
  jd_report_source *src = g_new0(jd_report_source, 1);
  src->no = (int)reg->r->sources->len + 1;
  src->doc = g_strdup(s->doc);
  src->line = s->line;
  if (!orig) orig = source_figure(reg, s);
  if (!drug && orig) drug = orig->drug;
  if ((!region || !*region) && orig) region = orig->region;
  src->metric = metric ? section_title(metric, drug) : g_strdup("");
  src->region = g_strdup(region ? region : "");
  src->period = g_strdup(s->period ? s->period : "");
  if (s->kind == JD_KIND_CHANGE_PCT || s->kind == JD_KIND_CHANGE_PP) {
    g_autofree char *v = jd_report_format_value(fabs(s->value), s->qualifier,
                                                s->kind == JD_KIND_CHANGE_PP ? "个百分点" : "%",
                                                1, s->kind == JD_KIND_CHANGE_PCT);
    src->value = g_strdup_printf("%s%s", s->value >= 0 ? "增" : "降", v);
  } else if (s->kind == JD_KIND_SHARE || s->kind == JD_KIND_RATE) {
    src->value = jd_report_format_value(s->value, s->qualifier, "%", 1, TRUE);
  } else if (s->kind == JD_KIND_RATIO) {
    src->value = jd_report_format_value(s->value, s->qualifier, "倍", 1, FALSE);
  } else if (unit) {
    src->value = jd_report_format_value(s->value, s->qualifier, unit, scale, percent);
  } else {
    double sc;
    gboolean pc;
    const char *u;
    const jd_figure *f = source_figure(reg, s);
    display_unit(metric ? metric : "", f ? f->unit : "", fabs(s->value), &u, &sc, &pc);
    src->value = jd_report_format_value(s->value, s->qualifier, u, sc, pc);
  }
  src->quote = display_quote(s->quote);
  src->where = g_strdup(orig && orig->where ? orig->where : "");
  g_ptr_array_add(reg->r->sources, src);
  g_hash_table_insert(reg->index, g_steal_pointer(&key), GINT_TO_POINTER(src->no));
  return src->no;
}

/* ------------------------------------------------------------ numbers */

static char *fmt(double value, jd_qualifier q, const jd_report_section *s)
{
  return jd_report_format_value(value, q, s->unit, s->scale, s->percent);
}

static double round3(double v);

/* A point as a sentence states it: implied values rounded to three digits. */
static char *fmt_point(const jd_point *p, const jd_report_section *s)
{
  if (p->origin == JD_POINT_IMPLIED)
    return jd_report_format_value(round3(p->value / s->scale) * s->scale, JD_QUAL_ABOUT, s->unit,
                                  s->scale, s->percent);
  return fmt(p->value, p->qualifier, s);
}

/* A computed value (trend, interval, forecast): three significant digits. */
static double round3(double v)
{
  if (v == 0 || !isfinite(v)) return v;
  double mag = pow(10, floor(log10(fabs(v))) - 2);
  return round(v / mag) * mag;
}

/* ------------------------------------------------------------ narrative */

static gboolean consecutive(const jd_point *a, const jd_point *b)
{
  return fabs(b->x - a->x - 1.0) < 1e-6;
}

static gboolean stated_change(const jd_figure_table *t, const jd_series *se, const jd_point *pt,
                              const char *base, double *change, jd_kind *kind);

/* Significant digits a stated value is written with, in the 万/亿 style
 * ("14万" 2, "16.8万" 3, "1480" 4). */
static int stated_digits(double v)
{
  double a = fabs(v);
  if (a >= 1e8) a /= 1e8;
  else if (a >= 1e4) a /= 1e4;
  char buf[64];
  g_ascii_formatd(buf, sizeof buf, "%.2f", a);
  /* trailing zeros say nothing of precision: 300 is one digit, 16.80 three */
  size_t n = strlen(buf);
  while (n > 0 && (buf[n - 1] == '0' || buf[n - 1] == '.')) buf[--n] = 0;
  int digits = 0;
  gboolean lead = TRUE;
  for (const char *c = buf; *c; c++) {
    if (!g_ascii_isdigit(*c)) continue;
    if (lead && *c == '0') continue;
    lead = FALSE;
    digits++;
  }
  return MAX(digits, 1);
}

/* The precision computed values are given at: that of the least precise
 * stated value of the series, two or three significant digits. */
static int series_digits(const jd_series *se)
{
  int d = 3;
  for (size_t i = 0; i < se->n_points; i++)
    if (se->points[i].origin == JD_POINT_STATED) d = MIN(d, stated_digits(se->points[i].value));
  return MAX(d, 2);
}

static double round_sig(double v, int digits)
{
  if (v == 0 || !isfinite(v)) return v;
  double mag = pow(10, floor(log10(fabs(v))) - (digits - 1));
  return round(v / mag) * mag;
}

/* A computed value at the series' precision, with 约: "约1.9万起". */
static char *fmt_computed(double value, const jd_report_section *s, int digits)
{
  double x = round_sig(fabs(value) / s->scale, digits) * s->scale;
  return jd_report_format_value(x, JD_QUAL_ABOUT, s->unit, s->scale, s->percent);
}

/* A computed percentage at the inputs' precision: one decimal from values
 * of three digits or more, whole percents from two ("约16%"). */
static char *fmt_computed_pct(double pct, int digits)
{
  double a = fabs(pct);
  return digits >= 3 ? g_strdup_printf("%.1f%%", a) : g_strdup_printf("约%.0f%%", a);
}

/* "2021年，全国抓获犯罪嫌疑人7.7万名，同比下降16.7%。": the stated value and
 * the stated change as the document gives them; without a stated change,
 * the change computed from the period before, marked 推算. */
static void narrate_latest(GString *out, const jd_report_section *s, const jd_series *se,
                           const jd_figure_table *t)
{
  const jd_point *last = &se->points[se->n_points - 1];
  g_autofree char *label = span_label(se, last->period);
  g_autofree char *v = fmt_point(last, s);
  const char *verb = s->percent && last->qualifier == JD_QUAL_EXACT ? "为" : "";
  g_string_append_printf(out, "%s，%s%s%s%s", label, s->region, s->title, verb, v);
  if (last->origin == JD_POINT_IMPLIED) g_string_append(out, "（推算）");
  int digits = series_digits(se);
  if (se->n_points >= 2) {
    const jd_point *prev = &se->points[se->n_points - 2];
    g_autofree char *pl = span_label(se, prev->period);
    g_autofree char *pv = fmt_point(prev, s);
    const char *pmark = prev->origin == JD_POINT_IMPLIED ? "（推算）" : "";
    double stated;
    jd_kind kind;
    /* a change stated against the point before: 同比 when the years are
     * adjacent, else against that year by name (比2018年的160名下降34.4%) */
    gboolean adjacent = consecutive(prev, last);
    gboolean has_stated = stated_change(t, se, last, prev->period, &stated, &kind);
    g_autofree char *against =
        adjacent ? g_strdup("同比") : g_strdup_printf("比%s的%s%s", pl, pv, pmark);
    if (has_stated && kind == JD_KIND_CHANGE_PCT) {
      g_autofree char *sv = jd_report_format_value(fabs(stated), JD_QUAL_EXACT, "", 1, TRUE);
      g_string_append_printf(out, "，%s%s%s", against, stated >= 0 ? "上升" : "下降", sv);
    } else if (has_stated && kind == JD_KIND_CHANGE_PP) {
      g_string_append_printf(out, "，%s%s%g个百分点", against, stated >= 0 ? "提高" : "下降",
                             fabs(stated));
    } else if (s->percent) {
      double d = last->value - prev->value;
      g_string_append_printf(out, "，比%s的%s%s%s%.1f个百分点", pl, pv, pmark,
                             d >= 0 ? "提高" : "下降", fabs(d));
    } else if (!isnan(last->change_pct) &&
               fabs(last->change_pct) < (digits >= 3 ? 0.05 : 0.5)) {
      g_string_append_printf(out, "，与%s的%s%s基本持平", pl, pv, pmark);
    } else if (!isnan(last->change_pct)) {
      g_autofree char *pct = fmt_computed_pct(last->change_pct, digits);
      g_string_append_printf(out, "，比%s的%s%s%s%s（推算）", pl, pv, pmark,
                             last->change_abs >= 0 ? "上升" : "下降", pct);
      if (!consecutive(prev, last)) g_string_append(out, "，两期不相邻");
    }
  }
  g_string_append(out, "。");
}

/* "从2015年到2022年的8个年度看，总体呈下降趋势，平均每年减少约1.9万起（推算）。"
 * The trend as a 科员 would say it: its direction, the yearly change at the
 * precision of the figures, and a caution when the years scatter too much
 * to call it a trend; intervals and fits stay in `jindu analyze`. */
static void narrate_trend(GString *out, const jd_report_section *s, const jd_series *se)
{
  const jd_trend *t = &se->trend;
  if (se->n_points < 2) return;
  const jd_point *first = &se->points[0], *last = &se->points[se->n_points - 1];
  g_autofree char *fl = period_label(first->period);
  g_autofree char *ll = period_label(last->period);
  int digits = series_digits(se);
  if (t->kind == JD_TREND_LINEAR || t->kind == JD_TREND_WEIGHTED) {
    gboolean up = t->slope > 0;
    gboolean significant = (t->slope_low > 0 && t->slope_high > 0) ||
                           (t->slope_low < 0 && t->slope_high < 0);
    if (!significant) {
      g_string_append_printf(out, "从%s到%s的%zu个年度看，年度间起伏较大，尚看不出稳定的升降趋势。",
                             fl, ll, t->n);
      return;
    }
    if (s->percent) {
      g_string_append_printf(out, "从%s到%s的%zu个年度看，总体呈%s趋势，平均每年%s约%.*f个百分点（推算）。",
                             fl, ll, t->n, up ? "上升" : "下降", up ? "提高" : "下降",
                             digits >= 3 ? 1 : 0, fabs(t->slope));
    } else {
      g_autofree char *sl = fmt_computed(t->slope, s, digits);
      g_string_append_printf(out, "从%s到%s的%zu个年度看，总体呈%s趋势，平均每年%s%s（推算）。", fl,
                             ll, t->n, up ? "上升" : "下降", up ? "增加" : "减少", sl);
    }
    if (!isnan(t->forecast) && t->forecast_low >= 0 && t->n >= 4) {
      g_autofree char *fv = fmt_computed(t->forecast, s, digits);
      g_string_append_printf(out, "若延续这一趋势，%.0f年%s（推算，仅供参考）。", t->forecast_x, fv);
    }
  } else if (t->kind == JD_TREND_TWO_POINTS && se->n_points == 2 && !consecutive(first, last)) {
    if (!isnan(t->cagr_pct)) {
      g_autofree char *pct = fmt_computed_pct(t->cagr_pct, digits);
      g_string_append_printf(out, "%s至%s年均%s%s（推算）。", fl, ll,
                             t->cagr_pct >= 0 ? "增长" : "下降", pct);
    }
  }
}

/* text with its counts of 10000 and more in the 万 style of the rest of the
 * report ("由2019年617000人次…" -> "由2019年61.7万人次…"); years, percentages
 * and decimals stay as they are. */
static char *wan_style(const char *text)
{
  GString *out = g_string_new(NULL);
  const char *p = text;
  while (*p) {
    if (!g_ascii_isdigit(*p) || (p > text && (g_ascii_isdigit(p[-1]) || p[-1] == '.'))) {
      g_string_append_c(out, *p++);
      continue;
    }
    const char *e = p;
    while (g_ascii_isdigit(*e)) e++;
    gboolean plain = e - p >= 5 && *e != '.' && *e != '%' && !g_str_has_prefix(e, "年");
    if (plain) {
      g_autofree char *digits = g_strndup(p, (gsize)(e - p));
      g_autofree char *v = jd_report_format_value(g_ascii_strtod(digits, NULL), JD_QUAL_EXACT, "",
                                                  1, FALSE);
      g_string_append(out, v);
    } else {
      g_string_append_len(out, p, e - p);
    }
    p = e;
  }
  return g_string_free(out, FALSE);
}

static void narrate_implied(GString *out, const jd_series *se)
{
  for (size_t i = 0; i < se->n_points; i++) {
    const jd_point *p = &se->points[i];
    if (p->origin != JD_POINT_IMPLIED) continue;
    g_autofree char *pl = span_label(se, p->period);
    g_autofree char *how = p->derivation && *p->derivation ? wan_style(p->derivation) : NULL;
    g_string_append_printf(out, "%s数值为推算值，%s，文件未直接载明。", pl,
                           how ? how : "由相邻时期数据推算");
  }
}

/* A year after the last whole year that has only part-year figures (1—5月,
 * 上半年) is said, not drawn beside whole years: "2023年1—5月的数据（…）为部分年度
 * 数据，不与全年数据并列比较。" */
static void narrate_partial_years(GString *out, const jd_report_section *s, const jd_analysis *a,
                                  const jd_series *chosen)
{
  double last_year = chosen->n_points ? chosen->points[chosen->n_points - 1].x : -1;
  const jd_point *latest = NULL;
  const jd_series *latest_se = NULL;
  for (size_t i = 0; i < jd_analysis_get_series_count(a); i++) {
    const jd_series *se = jd_analysis_get_series(a, i);
    if (se == chosen || !*se->period_class || !strcmp(se->period_class, "range")) continue;
    if (strcmp(se->metric, chosen->metric) || strcmp(se->drug, chosen->drug) ||
        strcmp(se->region, chosen->region) || strcmp(se->scope, chosen->scope) ||
        se->kind != chosen->kind || strcmp(se->unit, chosen->unit) || !se->n_points)
      continue;
    const jd_point *p = &se->points[se->n_points - 1];
    if (p->origin != JD_POINT_STATED || floor(p->x) <= last_year) continue;
    if (!latest || p->x > latest->x) {
      latest = p;
      latest_se = se;
    }
  }
  if (!latest) return;
  g_autofree char *pl = span_label(latest_se, latest->period);
  g_autofree char *v = fmt_point(latest, s);
  g_string_append_printf(out, "%s的数据（%s）为部分年度数据，不与全年数据并列比较。", pl, v);
}

static void narrate_others(GString *out, const jd_report_section *s, const jd_analysis *a,
                           const jd_series *chosen)
{
  size_t n = jd_analysis_get_series_count(a);
  int listed = 0;
  for (size_t i = 0; i < n && listed < 4; i++) {
    const jd_series *se = jd_analysis_get_series(a, i);
    if (se == chosen || strcmp(se->metric, s->metric) != 0 || se->n_points == 0) continue;
    if (*se->scope) continue; /* a part is not another place's total */
    if (se->kind != chosen->kind || strcmp(se->unit, chosen->unit) != 0) continue;
    if (strcmp(se->region, chosen->region) == 0 && strcmp(se->drug, chosen->drug) == 0 &&
        strcmp(se->period_class, chosen->period_class) == 0)
      continue;
    const jd_point *last = &se->points[se->n_points - 1];
    if (last->origin == JD_POINT_IMPLIED) continue;
    g_autofree char *pl = span_label(se, last->period);
    g_autofree char *title = section_title(se->metric, se->drug);
    double scale;
    gboolean percent;
    const char *unit;
    display_unit(se->metric, se->unit, fabs(last->value), &unit, &scale, &percent);
    g_autofree char *v = jd_report_format_value(last->value, last->qualifier, unit, scale, percent);
    g_string_append_printf(out, "%s%s，%s%s%s%s", listed ? "；" : "另据文件，", pl,
                           *se->region ? se->region : "", title,
                           percent && last->qualifier == JD_QUAL_EXACT ? "为" : "", v);
    listed++;
  }
  if (listed) g_string_append(out, "。");
}

/* "2019年另有2处记载的数值不同（14.1万起、14.2万起），已列入附件一数据核查。"
 * One sentence per period, naming CONFLICTS_PER_POINT distinct values at most. */
static void narrate_conflicts(GString *out, const jd_report_section *s, const jd_series *se)
{
  for (size_t i = 0; i < se->n_points; i++) {
    const jd_point *p = &se->points[i];
    if (!p->n_others) continue;
    g_autofree char *pl = span_label(se, p->period);
    g_string_append_printf(out, "%s另有%zu处记载的数值不同（", pl, p->n_others);
    g_autoptr(GPtrArray) named = g_ptr_array_new_with_free_func(g_free);
    gboolean more = FALSE;
    for (size_t k = 0; k < p->n_others; k++) {
      char *v = fmt(p->others[k].value, p->others[k].qualifier, s);
      gboolean seen = FALSE;
      for (guint j = 0; j < named->len && !seen; j++) seen = strcmp(named->pdata[j], v) == 0;
      if (seen || named->len == CONFLICTS_PER_POINT) {
        more |= !seen;
        g_free(v);
        continue;
      }
      g_string_append_printf(out, "%s%s", named->len ? "、" : "", v);
      g_ptr_array_add(named, v);
    }
    g_string_append(out, more ? "等），" : "），");
    g_string_append(out, "已列入附件一数据核查。");
  }
}

/* ------------------------------------------------------------ choosing series */

static gboolean usable(const jd_series *se)
{
  /* the headline: whole years, the whole (no scope) */
  return se->n_points > 0 && strcmp(se->period_class, "") == 0 && !*se->scope &&
         (se->kind == JD_KIND_LEVEL || se->kind == JD_KIND_RATE);
}

static size_t stated_points(const jd_series *se)
{
  size_t n = 0;
  for (size_t i = 0; i < se->n_points; i++) n += se->points[i].origin == JD_POINT_STATED;
  return n;
}

/* The series of metric to show: the headline region's when it has one
 * (drug "all" or none before a single drug), else the one with most points. */
static const jd_series *choose_series(const jd_analysis *a, const char *metric, const char *region)
{
  const jd_series *best = NULL;
  int best_score = -1;
  size_t n = jd_analysis_get_series_count(a);
  for (size_t i = 0; i < n; i++) {
    const jd_series *se = jd_analysis_get_series(a, i);
    if (strcmp(se->metric, metric) != 0 || !usable(se)) continue;
    int score = (int)stated_points(se) * 4 + (int)se->n_points;
    if (region && strcmp(se->region, region) == 0) score += 1000;
    if (!*se->drug || strcmp(se->drug, "all") == 0) score += 100;
    if (score > best_score) {
      best = se;
      best_score = score;
    }
  }
  return best;
}

static char *most_common_region(const jd_figure_table *t)
{
  g_autoptr(GHashTable) counts = g_hash_table_new(g_str_hash, g_str_equal);
  const char *best = NULL;
  guint best_n = 0;
  for (size_t i = 0; i < jd_figure_table_get_count(t); i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    if (!*f->region) continue;
    guint c = GPOINTER_TO_UINT(g_hash_table_lookup(counts, f->region)) + 1;
    g_hash_table_insert(counts, f->region, GUINT_TO_POINTER(c));
    if (!best || c > best_n || (c == best_n && strcmp(f->region, best) < 0)) {
      best = f->region;
      best_n = c;
    }
  }
  return g_strdup(best ? best : "");
}

/* A stated change of the point against base (同比: the previous period), if
 * the document states one in the same line as the value itself (a change in
 * another sentence may be about a sub-total: 团伙成员 among all suspects). */
static gboolean stated_change(const jd_figure_table *t, const jd_series *se, const jd_point *pt,
                              const char *base, double *change, jd_kind *kind)
{
  if (!base) return FALSE;
  const char *period = pt->period;
  for (size_t i = 0; i < jd_figure_table_get_count(t); i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    if ((f->kind != JD_KIND_CHANGE_PCT && f->kind != JD_KIND_CHANGE_PP) || isnan(f->value))
      continue;
    if (strcmp(f->metric, se->metric) != 0 || strcmp(f->region, se->region) != 0 ||
        strcmp(f->period, period) != 0 || strcmp(f->drug, se->drug) != 0)
      continue;
    /* a change of a part (团伙's suspects) is not the whole's */
    if (strcmp(f->scope, se->scope) != 0) continue;
    if (*f->base_period && strcmp(f->base_period, base) != 0) continue;
    gboolean same_line = FALSE;
    for (size_t k = 0; k < pt->n_sources && !same_line; k++)
      same_line = pt->sources[k].line == f->line && strcmp(pt->sources[k].doc, f->doc) == 0;
    if (!same_line) continue;
    *change = f->value;
    *kind = f->kind;
    return TRUE;
  }
  return FALSE;
}


/* Registers the first SOURCES_PER_POINT sources of a point; returns the first row. */
static int register_point_sources(source_registry *reg, const jd_point *p, const jd_series *se,
                                  const char *unit, double scale, gboolean percent)
{
  int first = 0, row = 0;
  for (size_t k = 0; k < p->n_sources && k < SOURCES_PER_POINT; k++) {
    row = register_source(reg, &p->sources[k], se->metric, se->region, unit, scale, percent,
                          se->drug);
    if (!first) first = row;
  }
  if (row && p->n_sources > SOURCES_PER_POINT) {
    jd_report_source *last = reg->r->sources->pdata[row - 1];
    last->also = MAX(last->also, (int)(p->n_sources - SOURCES_PER_POINT));
  }
  for (size_t k = 0; k < p->n_others && k < CONFLICTS_PER_POINT; k++)
    register_source(reg, &p->others[k], se->metric, se->region, unit, scale, percent, se->drug);
  return first;
}

static int cmp_doc_name(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static jd_report_section *make_section(jd_report *r, source_registry *reg, const jd_analysis *a,
                                       const jd_series *se, size_t index,
                                       const jd_figure_table *t)
{
  jd_report_section *s = g_new0(jd_report_section, 1);
  s->metric = g_strdup(se->metric);
  s->drug = g_strdup(se->drug);
  s->region = g_strdup(se->region);
  s->title = section_title(se->metric, se->drug);
  double maxv = 0;
  for (size_t i = 0; i < se->n_points; i++) maxv = MAX(maxv, fabs(se->points[i].value));
  const char *unit;
  display_unit(se->metric, se->unit, maxv, &unit, &s->scale, &s->percent);
  s->unit = g_strdup(unit);
  s->stem = g_strdup_printf("%02zu-%s%s%s", index + 1, se->metric,
                            *se->drug && strcmp(se->drug, "all") != 0 ? "-" : "",
                            *se->drug && strcmp(se->drug, "all") != 0 ? se->drug : "");
  s->y_label = g_strdup_printf("%s（%s）", s->title, *unit ? unit : "数值");
  s->points = g_ptr_array_new_with_free_func(point_free);
  g_autoptr(GPtrArray) doc_list = g_ptr_array_new();
  g_autoptr(GHashTable) seen_docs = g_hash_table_new(g_str_hash, g_str_equal);
  gboolean any_implied = FALSE, any_wilson = FALSE;
  for (size_t i = 0; i < se->n_points; i++) {
    const jd_point *p = &se->points[i];
    jd_report_point *rp = g_new0(jd_report_point, 1);
    rp->period = g_strdup(p->period);
    rp->label = period_label(p->period);
    rp->value = p->value;
    rp->qualifier = p->qualifier;
    rp->implied = p->origin == JD_POINT_IMPLIED;
    if (rp->implied) {
      /* an estimate: three significant digits, and said to be approximate */
      rp->value = round3(p->value / s->scale) * s->scale;
      rp->qualifier = JD_QUAL_ABOUT;
    }
    rp->derivation = g_strdup(p->derivation ? p->derivation : "");
    any_implied |= rp->implied;
    rp->source = register_point_sources(reg, p, se, s->unit, s->scale, s->percent);
    rp->ci_lo = rp->ci_hi = NAN;
    const jd_figure *rate = s->percent && p->n_sources ? source_figure(reg, &p->sources[0]) : NULL;
    if (rate && !rp->implied && jd_plot_rate_wilson(t, rate, 0.95, &rp->ci_lo, &rp->ci_hi))
      any_wilson = TRUE;
    for (size_t k = 0; k < p->n_sources; k++) {
      const jd_source *src = &p->sources[k];
      if (!g_hash_table_contains(seen_docs, src->doc)) {
        g_hash_table_add(seen_docs, (gpointer)src->doc);
        g_ptr_array_add(doc_list, (gpointer)src->doc);
      }
    }
    g_ptr_array_add(s->points, rp);
  }
  if ((se->trend.kind == JD_TREND_LINEAR || se->trend.kind == JD_TREND_WEIGHTED) &&
      se->n_points >= 3) {
    s->has_fit = TRUE;
    s->fitted = g_new(double, se->n_points);
    for (size_t i = 0; i < se->n_points; i++)
      s->fitted[i] = se->trend.intercept + se->trend.slope * se->points[i].x;
  }
  /* the sources in name order (numbered files then read in sequence), six
   * at most: a chart's footnote is one or two lines at any corpus size */
  g_ptr_array_sort(doc_list, cmp_doc_name);
  GString *fn = g_string_new("来源：");
  for (guint i = 0; i < doc_list->len && i < FOOTNOTE_DOCS; i++)
    g_string_append_printf(fn, "%s%s", i ? "、" : "", (const char *)doc_list->pdata[i]);
  if (doc_list->len > FOOTNOTE_DOCS) g_string_append_printf(fn, "等%u份文件", doc_list->len);
  /* the note says how the chart draws implied values: hollow markers on a
   * line, hatching on bars */
  if (any_implied)
    g_string_append_printf(fn, "；%s",
                           jd_chart_derived_note(s->has_fit ? JD_CHART_LINE : JD_CHART_BAR));
  if (any_wilson) g_string_append_printf(fn, "；%s", JD_PLOT_WILSON_NOTE);
  s->footnote = g_string_free(fn, FALSE);

  GString *n = g_string_new(NULL);
  narrate_latest(n, s, se, t);
  narrate_trend(n, s, se);
  narrate_implied(n, se);
  narrate_conflicts(n, s, se);
  narrate_partial_years(n, s, a, se);
  g_string_append_c(n, '\n');
  size_t before = n->len;
  narrate_others(n, s, a, se);
  if (n->len == before) g_string_truncate(n, n->len - 1);
  s->narrative = g_string_free(n, FALSE);
  return s;
}

static jd_report_kpi *make_kpi(const jd_figure_table *t, const jd_series *se, source_registry *reg)
{
  jd_report_kpi *k = g_new0(jd_report_kpi, 1);
  k->metric = g_strdup(se->metric);
  k->title = section_title(se->metric, se->drug);
  k->region = g_strdup(se->region);
  double maxv = 0;
  for (size_t i = 0; i < se->n_points; i++) maxv = MAX(maxv, fabs(se->points[i].value));
  const char *unit;
  display_unit(se->metric, se->unit, maxv, &unit, &k->scale, &k->percent);
  k->unit = g_strdup(unit);
  k->points = g_ptr_array_new_with_free_func(point_free);
  for (size_t i = 0; i < se->n_points; i++) {
    const jd_point *p = &se->points[i];
    jd_report_point *rp = g_new0(jd_report_point, 1);
    rp->period = g_strdup(p->period);
    rp->label = period_label(p->period);
    rp->value = p->value;
    rp->qualifier = p->qualifier;
    rp->implied = p->origin == JD_POINT_IMPLIED;
    rp->derivation = g_strdup(p->derivation);
    rp->source = register_point_sources(reg, p, se, k->unit, k->scale, k->percent);
    rp->ci_lo = rp->ci_hi = NAN;
    g_ptr_array_add(k->points, rp);
  }
  const jd_point *last = &se->points[se->n_points - 1];
  k->change = NAN;
  double c;
  jd_kind kind;
  g_autofree char *base = jd_period_previous_string(last->period);
  k->digits = series_digits(se);
  /* against the previous period (同比), else against the point before it,
   * which the label then names (较2018年): never 同比 over a gap */
  const jd_point *prev = se->n_points >= 2 ? &se->points[se->n_points - 2] : NULL;
  gboolean adjacent = prev && consecutive(prev, last);
  gboolean vs_previous = stated_change(t, se, last, base, &c, &kind);
  if (vs_previous || (prev && !adjacent && stated_change(t, se, last, prev->period, &c, &kind))) {
    k->change = c;
    k->change_kind = kind;
    k->change_stated = TRUE;
    adjacent = adjacent || vs_previous; /* stated against the period before: 同比 */
  } else if (prev) {
    if (k->percent) {
      k->change = last->value - prev->value;
      k->change_kind = JD_KIND_CHANGE_PP;
    } else if (!isnan(last->change_pct)) {
      k->change = last->change_pct;
      k->change_kind = JD_KIND_CHANGE_PCT;
    }
  }
  if (prev && !adjacent) {
    g_autofree char *pl = period_label(prev->period);
    k->change_label = g_strconcat("较", pl, NULL);
  } else {
    k->change_label = g_strdup("同比");
  }
  g_autofree char *pl = span_label(se, last->period);
  k->caption = g_strdup_printf("%s · %s", pl, se->region);
  return k;
}

static void make_summary(jd_report *r, const jd_analysis *a, size_t n_docs, size_t n_figures)
{
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < r->kpis->len; i++) {
    const jd_report_kpi *k = r->kpis->pdata[i];
    const jd_report_point *last = k->points->pdata[k->points->len - 1];
    g_autofree char *v =
        jd_report_format_value(last->value, last->qualifier, k->unit, k->scale, k->percent);
    g_autofree char *pl = period_label(last->period);
    g_string_append_printf(s, "%s%s%s%s%s", pl, k->region, k->title,
                           k->percent && last->qualifier == JD_QUAL_EXACT ? "为" : "", v);
    if (!isnan(k->change)) {
      const char *mark = k->change_stated ? "" : "（推算）";
      if (k->change_kind == JD_KIND_CHANGE_PP) {
        g_string_append_printf(s, "，%s%s%g个百分点%s", k->change_label, k->change >= 0 ? "提高" : "下降",
                               k->change_stated ? fabs(k->change) : round(fabs(k->change) * 10) / 10,
                               mark);
      } else {
        g_autofree char *pct = k->change_stated
                                   ? jd_report_format_value(fabs(k->change), JD_QUAL_EXACT, "", 1, TRUE)
                                   : fmt_computed_pct(k->change, k->digits);
        g_string_append_printf(s, "，%s%s%s%s", k->change_label, k->change >= 0 ? "上升" : "下降",
                               pct, mark);
      }
    }
    g_string_append(s, "。");
  }
  /* The clearest trend among the sections. */
  for (guint i = 0; i < r->sections->len; i++) {
    const jd_report_section *sec = r->sections->pdata[i];
    const jd_series *se = jd_analysis_find_series(a, sec->metric, sec->drug, sec->region);
    if (!se || (se->trend.kind != JD_TREND_LINEAR && se->trend.kind != JD_TREND_WEIGHTED)) continue;
    if (!(se->trend.slope_high < 0 || se->trend.slope_low > 0) || isnan(se->trend.cagr_pct) ||
        fabs(se->trend.cagr_pct) < 0.05) /* "年均下降0%" tells nothing */
      continue;
    g_autofree char *fl = period_label(se->points[0].period);
    g_autofree char *ll = period_label(se->points[se->n_points - 1].period);
    g_autofree char *pct = fmt_computed_pct(se->trend.cagr_pct, series_digits(se));
    g_string_append_printf(s, "%s至%s，%s%s年均%s%s（推算），总体趋势明确。", fl, ll, sec->region,
                           sec->title, se->trend.cagr_pct >= 0 ? "增长" : "下降", pct);
    break;
  }
  size_t errors = jd_analysis_count_findings(a, JD_SEVERITY_ERROR);
  g_string_append_printf(s, "本期共分析%zu份文件中的%zu项数据，形成%u个专题；", n_docs, n_figures,
                         r->sections->len);
  if (!r->warnings) {
    g_string_append(s, "数据核查未发现需要注意的问题。");
  } else {
    g_string_append_printf(s, "数据核查发现%zu处需要注意的问题", r->warnings);
    if (errors) g_string_append_printf(s, "，其中%zu处数字相互矛盾", errors);
    g_string_append(s, "，详见附件一。");
  }
  r->summary = g_string_free(s, FALSE);
}

/* A finding's explanation as the appendix says it: plain sentences, the
 * arithmetic and its technical terms left to `jindu audit` (its CSV):
 * clauses counting integer combinations or giving intervals go, a
 * parenthesis naming 截尾 goes, "为-56.0%" reads "为下降56.0%". */
static char *plain_explanation(const char *text)
{
  if (!text || !*text) return g_strdup("");
  g_auto(GStrv) clauses = g_strsplit(text, "；", -1);
  GString *out = g_string_new(NULL);
  for (char **c = clauses; *c; c++) {
    if (strstr(*c, "整数组合") || strstr(*c, "区间")) continue;
    if (out->len) g_string_append(out, "；");
    g_string_append(out, *c);
  }
  /* parentheses about 截尾 */
  for (;;) {
    char *t = strstr(out->str, "截尾");
    if (!t) break;
    char *open = g_strrstr_len(out->str, t - out->str, "（");
    char *close = strstr(t, "）");
    if (!open || !close) {
      g_string_erase(out, t - out->str, strlen("截尾"));
      continue;
    }
    g_string_erase(out, open - out->str, close + strlen("）") - open);
  }
  for (char *m; (m = strstr(out->str, "为-"));) {
    gssize at = m - out->str + (gssize)strlen("为");
    g_string_erase(out, at, 1);
    g_string_insert(out, at, "下降");
  }
  if (out->len && !g_str_has_suffix(out->str, "。")) g_string_append(out, "。");
  return g_string_free(out, FALSE);
}

static void make_findings(jd_report *r, source_registry *reg, const jd_analysis *a)
{
  size_t n = jd_analysis_get_finding_count(a), listed_serious = 0, listed_notes = 0;
  g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (size_t i = 0; i < n; i++) {
    const jd_finding *f = jd_analysis_get_finding(a, i);
    if (f->severity == JD_SEVERITY_OK && f->kind == JD_FINDING_CORROBORATED) continue;
    /* each finding once, however many checks arrive at it */
    char *key = g_strdup_printf("%s\x1f%s\x1f%s\x1f%s\x1f%s", f->title ? f->title : "",
                                f->region ? f->region : "", f->period ? f->period : "",
                                f->metric ? f->metric : "", f->explanation ? f->explanation : "");
    if (!g_hash_table_add(seen, key)) continue;
    /* the appendix stays readable at any corpus size: the rest are counted */
    gboolean serious = f->severity >= JD_SEVERITY_WARNING;
    if (serious) r->warnings++;
    if (serious ? listed_serious++ >= MAX_SERIOUS_FINDINGS : listed_notes++ >= MAX_NOTES) {
      r->omitted_findings++;
      continue;
    }
    jd_report_finding *rf = g_new0(jd_report_finding, 1);
    rf->severity = (int)f->severity;
    rf->severity_zh = g_strdup(jd_severity_to_chinese(f->severity));
    rf->title = g_strdup(f->title ? f->title : "");
    g_autofree char *pl = period_label(f->period ? f->period : "");
    g_autofree char *mt = f->metric ? section_title(f->metric, f->drug) : g_strdup("");
    gboolean dated = f->period && *f->period && strcmp(f->period, "unknown") != 0;
    rf->about = g_strdup_printf("%s%s%s", f->region ? f->region : "", dated ? pl : "", mt);
    rf->explanation = plain_explanation(f->explanation);
    rf->arithmetic = g_strdup(f->arithmetic ? f->arithmetic : "");
    rf->sources = g_array_new(FALSE, FALSE, sizeof(int));
    for (size_t k = 0; k < f->n_sources && k < FINDING_SOURCES; k++) {
      const jd_source *src = &f->sources[k];
      int row = register_source(reg, src, NULL, NULL, NULL, 1, FALSE, NULL);
      g_array_append_val(rf->sources, row);
    }
    rf->more_sources = f->n_sources > FINDING_SOURCES ? f->n_sources - FINDING_SOURCES : 0;
    g_ptr_array_add(r->findings, rf);
  }
}

static int source_order(gconstpointer a, gconstpointer b)
{
  const jd_report_source *x = *(jd_report_source *const *)a, *y = *(jd_report_source *const *)b;
  int c = strcmp(x->doc, y->doc);
  if (c) return c;
  if (x->line != y->line) return x->line < y->line ? -1 : 1;
  return x->no - y->no;
}

/* Numbers the sources table in document order and updates every reference. */
static void renumber_sources(jd_report *r)
{
  guint n = r->sources->len;
  int *map = g_new0(int, n + 1);
  g_ptr_array_sort(r->sources, source_order);
  for (guint i = 0; i < n; i++) {
    jd_report_source *s = r->sources->pdata[i];
    map[s->no] = (int)i + 1;
    s->no = (int)i + 1;
  }
  for (guint i = 0; i < r->sections->len; i++) {
    jd_report_section *s = r->sections->pdata[i];
    for (guint k = 0; k < s->points->len; k++) {
      jd_report_point *p = s->points->pdata[k];
      if (p->source) p->source = map[p->source];
    }
  }
  for (guint i = 0; i < r->kpis->len; i++) {
    jd_report_kpi *kp = r->kpis->pdata[i];
    for (guint k = 0; k < kp->points->len; k++) {
      jd_report_point *p = kp->points->pdata[k];
      if (p->source) p->source = map[p->source];
    }
  }
  for (guint i = 0; i < r->findings->len; i++) {
    jd_report_finding *f = r->findings->pdata[i];
    for (guint k = 0; k < f->sources->len; k++)
      g_array_index(f->sources, int, k) = map[g_array_index(f->sources, int, k)];
  }
  g_free(map);
}

/* The metrics with a section: the configured ones, or every metric with a
 * usable series, the catalogue's first (names.h), then by id. Caller frees. */
static GPtrArray *section_metrics(const jd_report *r, const jd_analysis *a)
{
  GPtrArray *metrics = g_ptr_array_new_with_free_func(g_free);
  if (r->options.metrics) {
    for (char **m = r->options.metrics; *m; m++) g_ptr_array_add(metrics, g_strdup(*m));
    return metrics;
  }
  g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
  for (size_t i = 0; i < jd_analysis_get_series_count(a); i++) {
    const jd_series *se = jd_analysis_get_series(a, i);
    if (!usable(se) || strcmp(se->metric, "other") == 0 || !*se->metric) continue;
    if (g_hash_table_contains(seen, se->metric)) continue;
    g_hash_table_add(seen, (gpointer)se->metric);
    g_ptr_array_add(metrics, g_strdup(se->metric));
  }
  for (guint i = 1; i < metrics->len; i++) {
    for (guint j = i; j > 0; j--) {
      const char *x = metrics->pdata[j - 1], *y = metrics->pdata[j];
      int rx = jd_metric_rank(x), ry = jd_metric_rank(y);
      if (rx < ry || (rx == ry && strcmp(x, y) <= 0)) break;
      metrics->pdata[j - 1] = (gpointer)y;
      metrics->pdata[j] = (gpointer)x;
    }
  }
  return metrics;
}

/* A series of one period: a sentence among the other figures, not a chart.
 * Figures of the same period and place share one lead-in:
 * "2019年，甘肃省破获……，抓获……；2018年，……"; *prev_lead is the last one. */
static void append_other_figure(GString *others, char **prev_lead, source_registry *reg,
                                const jd_series *se)
{
  const jd_point *pt = &se->points[0];
  if (pt->n_sources == 0) return;
  double scale;
  gboolean percent;
  const char *unit;
  display_unit(se->metric, se->unit, fabs(pt->value), &unit, &scale, &percent);
  g_autofree char *v = jd_report_format_value(pt->value, pt->qualifier, unit, scale, percent);
  g_autofree char *pl = span_label(se, pt->period);
  g_autofree char *title = section_title(se->metric, se->drug);
  register_source(reg, &pt->sources[0], se->metric, se->region, unit, scale, percent, se->drug);
  g_autofree char *lead = g_strdup_printf("%s，%s", pl, se->region);
  const char *is = percent && pt->qualifier == JD_QUAL_EXACT ? "为" : "";
  if (*prev_lead && strcmp(*prev_lead, lead) == 0) {
    g_string_append_printf(others, "，%s%s%s", title, is, v);
  } else {
    g_string_append_printf(others, "%s%s%s%s%s", others->len ? "；" : "", lead, title, is, v);
    g_free(*prev_lead);
    *prev_lead = g_steal_pointer(&lead);
  }
}

/* ------------------------------------------------------------ comparisons across regions */

/* What the regions of a level are called together: 县区, 市州, 省份. */
static const char *level_word(int level)
{
  return level == JD_LEVEL_COUNTY ? "县区" : level == JD_LEVEL_PREFECTURE ? "市州"
         : level == JD_LEVEL_PROVINCE ? "省份" : "地区";
}

/* The narrative of a comparison: who leads, who trails, the spread, the
 * parent's value, and that it is one period of one span. */
static void narrate_comparison(GString *n, const jd_report_section *s, const jd_plot_ranking *rk)
{
  guint count = rk->regions->len;
  const jd_figure *top = g_ptr_array_index(rk->regions, 0);
  const jd_figure *low = g_ptr_array_index(rk->regions, count - 1);
  const char *level = level_word(rk->level);
  g_autofree char *pl = period_label(rk->period);
  g_autofree char *vt = fmt(top->value, top->qualifier, s);
  g_autofree char *vl = fmt(low->value, low->qualifier, s);
  g_autofree char *name = metric_name(rk->metric);
  g_string_append_printf(n, "%s，%s%u个%s报告了%s：", pl, s->parent ? s->parent : "", count, level,
                         name);
  if (top->value == low->value && top->qualifier == low->qualifier)
    g_string_append_printf(n, "各%s均为%s", level, vt);
  else
    g_string_append_printf(n, "%s最%s，为%s；%s最%s，为%s", top->region, s->percent ? "高" : "多",
                           vt, low->region, s->percent ? "低" : "少", vl);
  gboolean differ = top->value != low->value;
  if (differ && s->percent)
    g_string_append_printf(n, "，相差%.1f个百分点", top->value - low->value);
  else if (differ && low->value > 0 && top->qualifier == JD_QUAL_EXACT &&
           low->qualifier == JD_QUAL_EXACT)
    g_string_append_printf(n, "，前者约为后者的%.1f倍", top->value / low->value);
  g_string_append(n, "。");
  if (s->parent && !isnan(s->parent_value)) {
    g_autofree char *pv = fmt(s->parent_value, s->parent_qualifier, s);
    if (s->percent) {
      guint above = 0;
      for (guint i = 0; i < count; i++)
        above += ((const jd_figure *)g_ptr_array_index(rk->regions, i))->value > s->parent_value;
      g_string_append_printf(n, "%s为%s，%u个%s高于这一水平。", s->parent, pv, above, level);
    } else {
      g_string_append_printf(n, "%s全域为%s（图中虚线）。", s->parent, pv);
    }
  }
  if (count > s->points->len)
    g_string_append_printf(n, "图中列出%s最%s的%u个%s，其余%u个未列出。", name,
                           s->percent ? "高" : "多", s->points->len, level, count - s->points->len);
  g_string_append_printf(n, "以上仅比较%s一个时期、同一统计时段的数据", pl);
  if (rk->other_level) g_string_append_printf(n, "，另有%u个其他层级地区未列入", rk->other_level);
  g_string_append(n, "。");
}

static jd_report_section *make_comparison(source_registry *reg, const jd_plot_ranking *rk,
                                          size_t index)
{
  jd_report_section *s = g_new0(jd_report_section, 1);
  const jd_figure *f0 = g_ptr_array_index(rk->regions, 0);
  s->compare = TRUE;
  s->metric = g_strdup(rk->metric);
  s->drug = g_strdup("");
  s->parent = rk->parent ? g_strdup(rk->parent->region) : NULL;
  s->parent_value = rk->parent ? rk->parent->value : NAN;
  s->parent_qualifier = rk->parent ? rk->parent->qualifier : JD_QUAL_EXACT;
  s->region = g_strdup(s->parent ? s->parent : "");
  g_autofree char *name = metric_name(rk->metric);
  s->title = g_strdup_printf("各%s%s对比", level_word(rk->level), name);
  double maxv = 0;
  for (guint i = 0; i < rk->regions->len; i++)
    maxv = MAX(maxv, fabs(((const jd_figure *)g_ptr_array_index(rk->regions, i))->value));
  const char *unit;
  display_unit(rk->metric, f0->unit, maxv, &unit, &s->scale, &s->percent);
  s->unit = g_strdup(unit);
  s->unit_id = g_strdup(f0->unit);
  s->stem = g_strdup_printf("%02zu-%s-regions", index + 1, rk->metric);
  s->y_label = g_strdup_printf("%s（%s）", name, *unit ? unit : "数值");
  s->points = g_ptr_array_new_with_free_func(point_free);
  gboolean any_wilson = FALSE;
  for (guint i = 0; i < rk->regions->len && i < MAX_RANKED; i++) {
    const jd_figure *f = g_ptr_array_index(rk->regions, i);
    jd_report_point *rp = g_new0(jd_report_point, 1);
    rp->period = g_strdup(f->period);
    rp->label = g_strdup(f->region);
    rp->value = f->value;
    rp->qualifier = f->qualifier;
    rp->derivation = g_strdup("");
    jd_source src = {f->doc, f->line, f->quote, f->value, f->qualifier, f->kind, f->period};
    rp->source = register_source(reg, &src, f->metric, f->region, s->unit, s->scale, s->percent,
                                 f->drug);
    rp->ci_lo = rp->ci_hi = NAN;
    any_wilson |= jd_plot_rate_wilson(reg->t, f, 0.95, &rp->ci_lo, &rp->ci_hi);
    g_ptr_array_add(s->points, rp);
  }
  GString *fn = g_string_new("来源：");
  for (guint i = 0; i < rk->docs->len && i < FOOTNOTE_DOCS; i++)
    g_string_append_printf(fn, "%s%s", i ? "、" : "", (const char *)rk->docs->pdata[i]);
  if (rk->docs->len > FOOTNOTE_DOCS) g_string_append_printf(fn, "等%u份文件", rk->docs->len);
  g_string_append(fn, rk->notes);
  if (any_wilson) g_string_append_printf(fn, "；%s", JD_PLOT_WILSON_NOTE);
  s->footnote = g_string_free(fn, FALSE);
  GString *n = g_string_new(NULL);
  narrate_comparison(n, s, rk);
  s->narrative = g_string_free(n, FALSE);
  return s;
}

static int cmp_rank(gconstpointer a, gconstpointer b)
{
  const char *x = *(const char *const *)a, *y = *(const char *const *)b;
  int rx = jd_metric_rank(x), ry = jd_metric_rank(y);
  return rx != ry ? (rx < ry ? -1 : 1) : strcmp(x, y);
}

/* A section per metric that several (MIN_COMPARED) regions of one level
 * report in one period (县区排名), the catalogue's order, MAX_COMPARISONS
 * at most. */
static void make_comparisons(jd_report *r, source_registry *reg, const jd_figure_table *t)
{
  g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) metrics = g_ptr_array_new();
  for (size_t i = 0; i < jd_figure_table_get_count(t); i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    if (!*f->region || *f->scope || (f->kind != JD_KIND_LEVEL && f->kind != JD_KIND_RATE)) continue;
    if (strcmp(f->metric, "other") == 0 || !*f->metric) continue;
    if (r->options.metrics && !g_strv_contains((const char *const *)r->options.metrics, f->metric))
      continue;
    if (g_hash_table_add(seen, f->metric)) g_ptr_array_add(metrics, f->metric);
  }
  g_ptr_array_sort(metrics, cmp_rank);
  guint made = 0;
  for (guint i = 0; i < metrics->len && made < MAX_COMPARISONS; i++) {
    jd_chart_select sel = {0};
    sel.metric = metrics->pdata[i];
    jd_plot_ranking *rk = jd_plot_rank_regions(t, &sel, NULL);
    if (!rk) continue;
    if (rk->regions->len < MIN_COMPARED) {
      jd_plot_ranking_free(rk);
      continue;
    }
    g_ptr_array_add(r->sections, make_comparison(reg, rk, r->sections->len));
    made++;
    jd_plot_ranking_free(rk);
  }
}

/* The KPI cards, the sections and the sentence of other figures. */
static void make_body(jd_report *r, source_registry *reg, const jd_analysis *a,
                      const jd_figure_table *figures)
{
  const char *const *kpis = r->options.kpis ? (const char *const *)r->options.kpis : default_kpis;
  for (const char *const *k = kpis; *k; k++) {
    const jd_series *se = choose_series(a, *k, r->headline_region);
    if (se) g_ptr_array_add(r->kpis, make_kpi(figures, se, reg));
  }
  GPtrArray *metrics = section_metrics(r, a);
  GString *others = g_string_new(NULL);
  g_autofree char *prev_lead = NULL;
  for (guint i = 0; i < metrics->len; i++) {
    const jd_series *se = choose_series(a, metrics->pdata[i], r->headline_region);
    if (!se) continue;
    if (!r->options.metrics && se->n_points < 2)
      append_other_figure(others, &prev_lead, reg, se);
    else
      g_ptr_array_add(r->sections, make_section(r, reg, a, se, r->sections->len, figures));
  }
  g_ptr_array_unref(metrics);
  make_comparisons(r, reg, figures);
  if (others->len) g_string_append(others, "。");
  r->others = g_string_free(others, FALSE);
}

jd_report *jd_report_new(const jd_figure_table *figures, const jd_report_options *options,
                         GError **error)
{
  jd_report *r = NULL;
  jd_analysis *a = NULL;
  GError *err = NULL;
  source_registry reg = {NULL, NULL, NULL, NULL};

  if (!figures || jd_figure_table_get_count(figures) == 0) {
    g_set_error(error, JD_REPORT_ERROR, JD_REPORT_ERROR_NO_DATA,
                "no figures to report on — check that the documents state figures "
                "(try 'jindu extract' on them)");
    return NULL;
  }
  if (options && options->style && *options->style && !jd_report_style_get(options->style)) {
    g_set_error(error, JD_REPORT_ERROR, JD_REPORT_ERROR_INVALID,
                "style '%s' is not known — use gongwen (GB/T 9704 简报) or modern",
                options->style);
    return NULL;
  }
  jd_analyze_options ao = JD_ANALYZE_OPTIONS_INIT;
  a = jd_analyze(figures, &ao, &err);
  if (!a) {
    g_set_error(error, JD_REPORT_ERROR, JD_REPORT_ERROR_INVALID, "analysis failed: %s",
                err->message);
    g_error_free(err);
    return NULL;
  }

  r = g_new0(jd_report, 1);
  jd_report_options default_options;
  jd_report_options_init(&default_options);
  options_copy(&r->options, options ? options : &default_options);
  jd_report_options_clear(&default_options);
  r->headline_region = *r->options.region ? g_strdup(r->options.region)
                                          : most_common_region(figures);
  r->kpis = g_ptr_array_new_with_free_func(kpi_free);
  r->sections = g_ptr_array_new_with_free_func(section_free);
  r->findings = g_ptr_array_new_with_free_func(finding_free);
  r->sources = g_ptr_array_new_with_free_func(source_free);
  reg.r = r;
  reg.t = figures;
  reg.index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  reg.figures = index_figures(figures);

  make_body(r, &reg, a, figures);
  make_findings(r, &reg, a);
  renumber_sources(r);

  if (r->sections->len == 0 && r->kpis->len == 0) {
    g_set_error(error, JD_REPORT_ERROR, JD_REPORT_ERROR_NO_DATA,
                "none of the %zu figures forms a yearly series of a known metric — nothing to "
                "report; check the figures with 'jindu analyze'",
                jd_figure_table_get_count(figures));
    jd_report_free(r);
    r = NULL;
    goto done;
  }
  {
    g_autoptr(GHashTable) docs = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < jd_figure_table_get_count(figures); i++)
      g_hash_table_add(docs, jd_figure_table_get(figures, i)->doc);
    make_summary(r, a, g_hash_table_size(docs), jd_figure_table_get_count(figures));
  }

done:
  if (reg.index) g_hash_table_unref(reg.index);
  if (reg.figures) g_hash_table_unref(reg.figures);
  jd_analysis_free(a);
  return r;
}

size_t jd_report_get_section_count(const jd_report *r) { return r->sections->len; }

const char *jd_report_get_chart_stem(const jd_report *r, size_t i)
{
  g_return_val_if_fail(i < r->sections->len, NULL);
  return ((const jd_report_section *)r->sections->pdata[i])->stem;
}

const char *jd_report_get_section_title(const jd_report *r, size_t i)
{
  g_return_val_if_fail(i < r->sections->len, NULL);
  return ((const jd_report_section *)r->sections->pdata[i])->title;
}

size_t jd_report_get_finding_count(const jd_report *r) { return r->warnings; }

size_t jd_report_get_error_count(const jd_report *r)
{
  size_t n = 0;
  for (guint i = 0; i < r->findings->len; i++) {
    const jd_report_finding *f = r->findings->pdata[i];
    if (f->severity == JD_SEVERITY_ERROR) n++;
  }
  return n;
}

size_t jd_report_get_source_count(const jd_report *r) { return r->sources->len; }

char *jd_report_style_font_substitutes(const char *style)
{
  const jd_report_style *st = jd_report_style_get(style);
  return st ? jd_report_style_substitutes(st) : NULL;
}

char *jd_report_get_font_substitutes(const jd_report *r)
{
  return jd_report_style_font_substitutes(r->options.style);
}

/* Shortest decimal for x with at most `max` digits after the point. */
static void append_trimmed(GString *out, double x, int max)
{
  char buf[64];
  g_ascii_formatd(buf, sizeof buf, max == 0 ? "%.0f" : max == 1 ? "%.1f" : max == 2 ? "%.2f" : "%.3f",
                  x);
  if (strchr(buf, '.')) {
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == '0') buf[--n] = 0;
    if (n > 0 && buf[n - 1] == '.') buf[--n] = 0;
  }
  g_string_append(out, strcmp(buf, "-0") == 0 ? "0" : buf);
}

char *jd_report_format_value(double value, jd_qualifier q, const char *unit, double scale,
                             gboolean percent)
{
  GString *out = g_string_new(NULL);
  double x = value / (scale > 0 ? scale : 1);
  if (isnan(x)) {
    g_string_append(out, "—");
    return g_string_free(out, FALSE);
  }
  const char *before, *after;
  jd_qualifier_words(q, percent ? JD_QUAL_WORDS_PERCENT : JD_QUAL_WORDS_FIGURE, &before, &after);
  g_string_append(out, before);
  double a = fabs(x);
  if (x < 0) g_string_append(out, "-");
  if (percent) {
    append_trimmed(out, a, 3);
    g_string_append(out, "%");
  } else if (a >= 1e8) {
    append_trimmed(out, a / 1e8, 2);
    g_string_append(out, "亿");
  } else if (a >= 1e4 && (a >= 1e6 || fabs(a / 100 - round(a / 100)) < 1e-9)) {
    append_trimmed(out, a / 1e4, 2);
    g_string_append(out, "万");
  } else {
    append_trimmed(out, a, a < 1000 ? 2 : 0);
  }
  g_string_append(out, after);
  if (!percent && unit) g_string_append(out, unit);
  return g_string_free(out, FALSE);
}
