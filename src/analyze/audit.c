/* The audit: within each document, every stated share is checked against the
 * two levels it relates (part and whole), every stated change against the
 * levels of both periods, with tolerances from the stated precision and the
 * qualifiers; approximate levels are pinned to the integers that reproduce
 * the stated percentage; missing priors and totals are implied.
 *
 * How figures are paired (the figure record has no explicit link):
 *  - share: the part is the nearest level before the share on the same line;
 *    the whole is the nearest level before the part, on the same line and
 *    after the previous share, with the same unit and a value not below the
 *    part. No whole: the total is implied instead.
 *  - change: levels of the same document, metric, drug and region, of the
 *    change's period (current) and base period (prior; default the period one
 *    year before). Several candidates on the change's line are matched by
 *    rank from the end, as "分别" lists are written ("A、B，同比分别上升x和y"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze-private.h"
#include "jindu/names.h"
#include "util/big-alloc.h"
#include "util/keymap.h"

#define MAX_LISTED 20

static gboolean is_level(const jd_figure *f)
{
  return f->kind == JD_KIND_LEVEL && isfinite(f->value);
}

static gboolean is_rate(const jd_figure *f)
{
  return (f->kind == JD_KIND_RATE || f->kind == JD_KIND_SHARE) && isfinite(f->value);
}

static gboolean interval_is_point(const jd_interval *iv) { return iv->low == iv->high; }

static gboolean integers_possible(const jd_figure *f)
{
  return jd_unit_is_count(f->unit) && f->kind == JD_KIND_LEVEL;
}

/* Whether the integers of an interval are few enough to search one by one. */
static gboolean searchable(const jd_interval *iv)
{
  return isfinite(iv->low) && isfinite(iv->high) && iv->high - iv->low <= 2e6;
}

/* The stated range of a percentage figure: its interval when qualified,
 * else the rounding (or truncation) range of its written precision. */
static void stated_range(const jd_figure *f, gboolean truncated, double *lo, double *hi)
{
  if (f->qualifier != JD_QUAL_EXACT) {
    jd_interval iv = jd_figure_get_interval(f);
    *lo = iv.low;
    *hi = iv.high;
    return;
  }
  jd_percent_range(f->value, jd_figure_get_decimals(f), truncated, lo, hi);
}

static int percent_decimals(const jd_figure *f)
{
  return CLAMP(jd_figure_get_decimals(f) + 1, 1, 4);
}

static int compare_sources(const void *pa, const void *pb)
{
  const jd_source *a = pa, *b = pb;
  int c = a->doc == b->doc ? 0 : strcmp(a->doc, b->doc);
  if (c) return c;
  return (a->line > b->line) - (a->line < b->line);
}

static jd_finding *finding_new(jd_analysis *a, jd_finding_kind kind, jd_severity sev,
                               const jd_figure *about, const jd_figure *const *figs, size_t n)
{
  jd_finding *fd = jd_analysis_alloc0(a, sizeof *fd);
  fd->kind = kind;
  fd->severity = sev;
  fd->metric = about->metric; /* the table's strings, which the analysis keeps */
  fd->drug = about->drug;
  fd->region = about->region;
  fd->period = about->period;
  fd->stated = fd->computed = NAN;
  fd->computed_interval.low = fd->computed_interval.high = NAN;
  jd_source *src = jd_analysis_alloc(a, n * sizeof *src);
  for (size_t i = 0; i < n; i++) {
    const jd_figure *f = figs[i];
    jd_source s = {f->doc, f->line, f->quote, f->value, f->qualifier, f->kind, f->period};
    /* in (document, line) order: an insertion sort of at most three */
    size_t j = i;
    for (; j > 0 && compare_sources(&src[j - 1], &s) > 0; j--) src[j] = src[j - 1];
    src[j] = s;
  }
  fd->sources = src;
  fd->n_sources = n;
  return fd;
}

/* title: a string literal */
static void finding_set_text(jd_analysis *a, jd_finding *fd, const char *title, GString *ex,
                             GString *ar)
{
  fd->title = title;
  fd->explanation = jd_analysis_text(a, ex);
  fd->arithmetic = jd_analysis_text(a, ar);
}

/* The analysis' scratch strings, emptied. */
static GString *scratch(GString *s)
{
  g_string_truncate(s, 0);
  return s;
}

static void finding_set_solutions(jd_analysis *a, jd_finding *fd, GArray *sol, size_t count,
                                  size_t arity)
{
  fd->n_solutions = count;
  fd->solution_arity = arity;
  fd->n_listed = sol->len / arity;
  fd->solutions = sol->len ? jd_analysis_dup(a, sol->data, sol->len * sizeof(double)) : NULL;
}

/* "342 → 191、343 → 192" (at most `max` pairs). */
static void append_pairs(GString *s, GArray *sol, size_t max, const char *sep)
{
  char x[48], y[48];
  for (guint i = 0; i + 1 < sol->len && i / 2 < max; i += 2) {
    double vx = g_array_index(sol, double, i), vy = g_array_index(sol, double, i + 1);
    if (i) g_string_append(s, "、");
    if (vx == nearbyint(vx) && vy == nearbyint(vy) && jd_fixed_digits_fast(vx, 0, x) &&
        jd_fixed_digits_fast(vy, 0, y)) {
      g_string_append(s, x);
      g_string_append(s, sep);
      g_string_append(s, y);
      continue;
    }
    jd_numbuf fx, fy;
    g_string_append(s, jd_buf_number(&fx, vx, 0));
    g_string_append(s, sep);
    g_string_append(s, jd_buf_number(&fy, vy, 0));
  }
}

/* How many solutions: the searches stop counting at ten million. */
static const char *count_text(jd_numbuf *b, size_t n)
{
  if (n >= 10000000) return g_strlcpy(b->s, "上千万", sizeof b->s), b->s;
  g_snprintf(b->s, sizeof b->s, "%zu", n);
  return b->s;
}

/* Names in the explanations: the metric's, a period's (names.h). */
static const char *label(jd_analysis *a, const jd_figure *f)
{
  return jd_analysis_metric_name(a, f->metric);
}

static const char *when(jd_analysis *a, const char *period)
{
  return jd_analysis_period_label(a, period);
}

/* The size of a change as written after 上升/下降: "33%", "近60%", "3万";
 * percentage points without the % ("2.3", the caller adds 个百分点). */
static const char *change_size(jd_numbuf *b, const jd_figure *c)
{
  jd_figure m = *c;
  m.value = fabs(c->value);
  if (c->kind == JD_KIND_CHANGE_PP) {
    m.kind = JD_KIND_LEVEL;
    m.unit = (char *)"";
  }
  return jd_buf_cn_stated(b, &m);
}

/* The ends of a computed range with `d` decimals, or up to three more while
 * they would read the same ("0.325–0.334", not "0.33–0.33"). */
static void fixed_range(jd_numbuf *lo, jd_numbuf *hi, double l, double h, int d)
{
  for (int k = d; k <= d + 3; k++) {
    jd_buf_fixed(lo, l, k);
    jd_buf_fixed(hi, h, k);
    if (strcmp(lo->s, hi->s) != 0 || l == h) return;
  }
}


/* ------------------------------------------------------------- share */

/* What check_share works out about one share before writing it up. */
typedef struct {
  double lo, hi;       /* the values the stated share stands for when rounded */
  double c_lo, c_hi;   /* part ÷ whole over the figures' intervals, in % */
  int pd;              /* decimals of the stated share */
  gboolean exact_share, counts, approx;
  gboolean ok_round, ok_trunc;
  size_t n_round, n_trunc;
  const char *sp, *sw; /* part and whole as written, with their measure words */
  const char *ss, *cs; /* the stated share; the computed one with pd decimals */
} share_facts;

/* The arithmetic of a share check: part ÷ whole (over the intervals when
 * approximate), what the stated share rounds from, and the Wilson interval
 * of exact counts. */
static void share_arithmetic(jd_analysis *a, GString *ar, const jd_finding *fd,
                             const jd_figure *part, const jd_figure *whole, const share_facts *s)
{
  jd_numbuf b_pv, b_wv, b_l, b_h;
  const char *pv = jd_buf_cn_value(&b_pv, part->value), *wv = jd_buf_cn_value(&b_wv, whole->value);
  jd_sappend(ar, "%s ÷ %s × 100%% = %s%%", pv, wv, s->cs);
  if (s->approx) {
    fixed_range(&b_l, &b_h, s->c_lo, s->c_hi, s->pd);
    jd_sappend(ar, "（按区间 %s%%–%s%%）", b_l.s, b_h.s);
  }
  jd_sappend(ar, "；所述 %s", s->ss);
  if (s->exact_share) {
    jd_sappend(ar, "，四舍五入对应 [%s%%, %s%%]", jd_buf_number(&b_l, s->lo, 6),
               jd_buf_number(&b_h, s->hi, 6));
  }
  if (fd->computed_interval.low == fd->computed_interval.low && !s->approx && s->counts) {
    const char *l = jd_buf_fixed(&b_l, fd->computed_interval.low, 1);
    const char *h = jd_buf_fixed(&b_h, fd->computed_interval.high, 1);
    jd_sappend(ar, "；Wilson %g%% 区间 %s%%–%s%%", a->options.confidence * 100, l,
                           h);
  }
}

/* The explanation of a share check: agreement, or which rounding gives the
 * stated share; for approximate counts, the integer pairs that do. */
static void share_explanation(jd_analysis *a, GString *ex, const jd_figure *whole, GArray *sol,
                              const share_facts *s)
{
  const char *ss = s->ss, *cs = s->cs;
  jd_sappend(ex, "%s%s中%s占%s：", s->sw, *whole->metric ? label(a, whole) : "", s->sp, ss);
  if (!s->approx || !s->counts) {
    if (s->ok_round)
      jd_sappend(ex, "实际为%s%%，与所述一致。", cs);
    else if (s->ok_trunc)
      jd_sappend(ex,
                             "实际为%s%%，按四舍五入不等于所述%s；只有把小数直接舍去（截尾）"
                             "才得到%s，请核实。",
                             cs, ss, ss);
    else
      jd_sappend(ex,
                             "实际为%s%%，与所述%s不符（四舍五入或截尾都得不到%s），至少有一个数"
                             "字有误。",
                             cs, ss, ss);
  } else {
    if (s->ok_round && s->n_round == 1) {
      g_string_append(ex, "在约数范围内，唯一能得到该百分比的整数组合为（总数 → 部分）");
      append_pairs(ex, sol, 1, " → ");
      g_string_append(ex, "。");
    } else if (s->ok_round && s->n_round > MAX_LISTED) {
      /* rounded to 千/万: too many integers to list; what matters is that they agree */
      jd_numbuf b_n;
      jd_sappend(ex, "按约数计算为%s%%，与所述一致；约数范围内能得到该百分比的整数组合有%s组，"
                     "无法确定确切数值。", cs, count_text(&b_n, s->n_round));
    } else if (s->ok_round) {
      jd_sappend(ex, "在约数范围内共有%zu组整数能得到该百分比（总数 → 部分）：", s->n_round);
      append_pairs(ex, sol, MAX_LISTED, " → ");
      g_string_append(ex, "。");
    } else if (s->ok_trunc) {
      jd_sappend(ex, "四舍五入时没有整数组合能得到%s，截尾时有%zu组：", ss, s->n_trunc);
      append_pairs(ex, sol, MAX_LISTED, " → ");
      g_string_append(ex, "，请核实。");
    } else {
      jd_sappend(ex, "在约数范围内没有任何整数组合能得到%s，文件前后矛盾。", ss);
    }
  }
}

/* Checks a stated share against its part and whole: by the integers that
 * reproduce it when both are approximate counts, else by the intervals;
 * rounded first, then truncated. */
static void check_share(jd_analysis *a, const jd_figure *share, const jd_figure *part,
                        const jd_figure *whole)
{
  jd_interval ip = jd_figure_get_interval(part), iw = jd_figure_get_interval(whole);
  share_facts s = {0};
  double tlo, thi;
  stated_range(share, FALSE, &s.lo, &s.hi);
  stated_range(share, TRUE, &tlo, &thi);
  s.exact_share = share->qualifier == JD_QUAL_EXACT;
  s.pd = percent_decimals(share);
  double computed = whole->value != 0 ? 100 * part->value / whole->value : NAN;
  s.c_lo = iw.high > 0 ? 100 * ip.low / iw.high : NAN;
  s.c_hi = iw.low > 0 ? 100 * ip.high / iw.low : INFINITY;
  s.counts = integers_possible(part) && integers_possible(whole) && searchable(&iw);
  s.approx = !interval_is_point(&ip) || !interval_is_point(&iw);
  const jd_figure *figs[3] = {whole, part, share};
  jd_numbuf b_sp, b_sw, b_ss, b_cs;
  s.sp = jd_buf_cn_stated_unit(&b_sp, part);
  s.sw = jd_buf_cn_stated_unit(&b_sw, whole);
  s.ss = jd_buf_stated(&b_ss, share);
  s.cs = jd_buf_fixed(&b_cs, computed, s.pd);
  GString *ex = scratch(a->ex), *ar = scratch(a->ar);
  GArray *sol = a->sol; /* scratch */
  g_array_set_size(sol, 0);

  if (s.counts) {
    s.n_round = jd_solve_share_integers(&iw, &ip, s.lo, s.hi, MAX_LISTED, sol);
    s.ok_round = s.n_round > 0;
    if (!s.ok_round && s.exact_share) {
      s.n_trunc = jd_solve_share_integers(&iw, &ip, tlo, thi, MAX_LISTED, sol);
      s.ok_trunc = s.n_trunc > 0;
    } else
      s.ok_trunc = FALSE;
  } else {
    s.ok_round = !(s.c_hi < s.lo || s.c_lo > s.hi);
    s.ok_trunc = s.exact_share && !s.ok_round && !(s.c_hi < tlo || s.c_lo > thi);
  }
  gboolean approx = s.approx, counts = s.counts;
  jd_severity sev = s.ok_round ? (approx ? JD_SEVERITY_NOTE : JD_SEVERITY_OK)
                               : s.ok_trunc ? JD_SEVERITY_WARNING : JD_SEVERITY_ERROR;
  jd_finding *fd = finding_new(a, approx && counts ? JD_FINDING_EXACT_INTEGERS
                                                   : JD_FINDING_SHARE_CHECK,
                               sev, part, figs, 3);
  fd->stated = share->value;
  fd->computed = computed;
  if (!approx && counts && part->value <= whole->value && whole->value > 0) {
    jd_interval w;
    if (jd_wilson_interval(part->value, whole->value, a->options.confidence, &w, NULL)) {
      w.low *= 100;
      w.high *= 100;
      fd->computed_interval = w;
    }
  } else {
    fd->computed_interval.low = s.c_lo;
    fd->computed_interval.high = s.c_hi;
  }

  share_arithmetic(a, ar, fd, part, whole, &s);
  share_explanation(a, ex, whole, sol, &s);
  finding_set_solutions(a, fd, sol, s.ok_round ? s.n_round : s.n_trunc, 2);
  const char *title = sev == JD_SEVERITY_ERROR     ? "占比与数值不符"
                      : sev == JD_SEVERITY_WARNING ? "占比仅在截尾时成立"
                      : approx && counts && s.n_round <= MAX_LISTED ? "约数背后的整数"
                                                   : "占比核对一致";
  finding_set_text(a, fd, title, ex, ar);
  g_ptr_array_add(a->findings, fd);
}

static void implied_total(jd_analysis *a, const jd_figure *share, const jd_figure *part)
{
  double lo, hi;
  stated_range(share, FALSE, &lo, &hi);
  if (!(share->value > 0) || !(lo > 0) || share->value > 100) return;
  jd_interval ip = jd_figure_get_interval(part);
  double total = part->value * 100 / share->value;
  double t_lo = ip.low * 100 / hi, t_hi = ip.high * 100 / lo;
  const jd_figure *figs[2] = {part, share};
  jd_finding *fd = finding_new(a, JD_FINDING_IMPLIED_TOTAL, JD_SEVERITY_NOTE, part, figs, 2);
  fd->stated = share->value;
  fd->computed = total;
  fd->computed_interval.low = t_lo;
  fd->computed_interval.high = t_hi;
  jd_numbuf b_sp, b_ss, b_tv, b_tl, b_th, b_pv, b_sv, b_r3;
  const char *sp = jd_buf_cn_stated_unit(&b_sp, part), *ss = jd_buf_stated(&b_ss, share);
  const char *tv = jd_buf_cn_estimate(&b_tv, total, total < 100 ? 1 : 0);
  jd_buf_cn_range(NULL, &b_tl, &b_th, total, t_lo, t_hi, t_lo < 100 ? 1 : 0);
  const char *tl = b_tl.s, *th = b_th.s;
  const char *pv = jd_buf_cn_value(&b_pv, part->value);
  const char *sv = jd_buf_value(&b_sv, share->value);
  /* the headline estimate: three significant digits, more when the range is
   * narrow enough to need them */
  double mag = total > 0 ? pow(10, floor(log10(total)) - 2) : 1;
  while (mag > 1e-6 && !(nearbyint(total / mag) * mag >= t_lo && nearbyint(total / mag) * mag <= t_hi))
    mag /= 10;
  const char *round3 = total >= 1e5 ? jd_buf_cn_estimate(&b_r3, total, 0)
                                     : jd_buf_number(&b_r3, nearbyint(total / mag) * mag, mag < 1 ? 2 : 0);
  GString *ex = scratch(a->ex), *ar = scratch(a->ar);
  jd_sappend(ar, "%s ÷ %s%% = %s（区间 %s–%s）", pv, sv, tv, tl, th);
  jd_sappend(ex, "%s占%s，由此推算所指总数约为%s%s（在%s–%s之间）。", sp, ss, round3,
                         strcmp(part->unit, "percent") ? jd_unit_name(part->unit) : "", tl, th); /* the whole is not the part's metric */
  finding_set_text(a, fd, "由占比推算总数", ex, ar);
  g_ptr_array_add(a->findings, fd);
}

/* ------------------------------------------------------------ change */

static gboolean same_series_key(const jd_figure *a, const jd_figure *b)
{
  /* one table: equal strings, equal pointers */
  return a->metric == b->metric && a->drug == b->drug && a->region == b->region;
}

static gboolean level_for_change(const jd_figure *c, const jd_figure *f)
{
  if (!same_series_key(c, f)) return FALSE;
  if (c->kind == JD_KIND_CHANGE_PP) return is_rate(f);
  if (c->kind == JD_KIND_CHANGE_PCT) return is_level(f) || is_rate(f);
  return is_level(f);
}

/* One document's figures in line order, with an index of its levels by
 * (metric, drug, region, period) for the search beyond a change's line. */
typedef struct {
  const jd_figure *const *fig;
  size_t n;
  jd_keymap levels;   /* (metric, drug, region, period) pointers -> list */
  GArray *head;       /* per list: first position in fig, then next[] */
  GArray *tail;
  guint32 *next;      /* per position: the next of its list, or G_MAXUINT32 */
} doc_index;

static void level_key(guintptr key[4], const jd_figure *f, const char *period)
{
  key[0] = (guintptr)f->metric;
  key[1] = (guintptr)f->drug;
  key[2] = (guintptr)f->region;
  key[3] = (guintptr)period;
}

/* Picks the level of `period` for change fig[ci], whose line spans
 * [ls, le) (see the file comment). */
static const jd_figure *find_level(doc_index *d, size_t ci, size_t ls, size_t le,
                                   const char *period)
{
  const jd_figure *c = d->fig[ci];
  /* rank of c among its line's changes of the same key, period and kind */
  size_t rank = 0, n_changes = 0;
  for (size_t i = ls; i < le; i++) {
    const jd_figure *f = d->fig[i];
    if (f->kind != c->kind || !same_series_key(c, f) || f->period != c->period) continue;
    if (i < ci) rank++;
    n_changes++;
  }
  size_t n_cands = 0;
  for (size_t i = ls; i < ci; i++)
    if (level_for_change(c, d->fig[i]) && d->fig[i]->period == period) n_cands++;
  if (n_cands) {
    gssize k = (gssize)n_cands - (gssize)n_changes + (gssize)rank;
    if (k < 0) k = MIN((gssize)rank, (gssize)n_cands - 1);
    for (size_t i = ls; i < ci; i++)
      if (level_for_change(c, d->fig[i]) && d->fig[i]->period == period && k-- == 0)
        return d->fig[i];
    return NULL;
  }
  /* elsewhere in the document: the nearest line, earlier lines first */
  guintptr key[4];
  level_key(key, c, period);
  gint64 list = jd_keymap_find(&d->levels, key);
  const jd_figure *pick = NULL;
  unsigned best = G_MAXUINT;
  for (guint32 i = list < 0 ? G_MAXUINT32 : g_array_index(d->head, guint32, list);
       i != G_MAXUINT32; i = d->next[i]) {
    const jd_figure *f = d->fig[i];
    if (f == c || !level_for_change(c, f)) continue;
    unsigned dist = f->line <= c->line ? (c->line - f->line) * 2 : (f->line - c->line) * 2 + 1;
    if (dist < best) {
      best = dist;
      pick = f;
    }
  }
  return pick;
}

static const char *direction(double v) { return v < 0 ? "下降" : "上升"; }

static void check_change(jd_analysis *a, const jd_figure *c, const jd_figure *prior,
                         const jd_figure *cur)
{
  jd_interval ia = jd_figure_get_interval(prior), ib = jd_figure_get_interval(cur);
  gboolean counts = integers_possible(prior) && integers_possible(cur) && searchable(&ia);
  gboolean approx = !interval_is_point(&ia) || !interval_is_point(&ib);
  gboolean exact_c = c->qualifier == JD_QUAL_EXACT;
  double lo, hi, tlo, thi;
  stated_range(c, FALSE, &lo, &hi);
  stated_range(c, TRUE, &tlo, &thi);
  if (c->kind == JD_KIND_CHANGE_ABS && exact_c && counts) lo = hi = tlo = thi = c->value;
  double computed, c_lo, c_hi;
  const char *unit_sign = "";
  if (c->kind == JD_KIND_CHANGE_PCT) {
    computed = prior->value != 0 ? 100 * (cur->value - prior->value) / prior->value : NAN;
    c_lo = ia.high > 0 ? 100 * (ib.low / ia.high - 1) : NAN;
    c_hi = ia.low > 0 ? 100 * (ib.high / ia.low - 1) : INFINITY;
    unit_sign = "%";
  } else {
    computed = cur->value - prior->value;
    c_lo = ib.low - ia.high;
    c_hi = ib.high - ia.low;
    unit_sign = c->kind == JD_KIND_CHANGE_PP ? "个百分点" : jd_measure_word(cur);
  }
  GArray *sol = a->sol; /* scratch */
  g_array_set_size(sol, 0);
  size_t n_round = 0, n_trunc = 0;
  gboolean ok_round, ok_trunc = FALSE;
  gboolean solve = counts && c->kind == JD_KIND_CHANGE_PCT;
  if (solve) {
    n_round = jd_solve_change_integers(&ia, &ib, c->value, jd_figure_get_decimals(c), FALSE,
                                       MAX_LISTED, sol);
    if (!exact_c) {
      /* a qualified change: search its interval */
      g_array_set_size(sol, 0);
      jd_interval civ = jd_figure_get_interval(c);
      double r_lo = 1 + civ.low / 100, r_hi = 1 + civ.high / 100;
      n_round = jd_solve_share_integers(&ia, &ib, 100 * r_lo, 100 * r_hi, MAX_LISTED, sol);
    }
    ok_round = n_round > 0;
    if (!ok_round && exact_c) {
      n_trunc = jd_solve_change_integers(&ia, &ib, c->value, jd_figure_get_decimals(c), TRUE,
                                         MAX_LISTED, sol);
      ok_trunc = n_trunc > 0;
    }
  } else {
    ok_round = !(c_hi < lo || c_lo > hi);
    ok_trunc = exact_c && !ok_round && !(c_hi < tlo || c_lo > thi);
  }
  jd_severity sev = ok_round ? (approx ? JD_SEVERITY_NOTE : JD_SEVERITY_OK)
                             : ok_trunc ? JD_SEVERITY_WARNING : JD_SEVERITY_ERROR;
  const jd_figure *figs[3] = {prior, cur, c};
  jd_finding *fd = finding_new(a, approx && solve ? JD_FINDING_EXACT_INTEGERS
                                                  : JD_FINDING_CHANGE_CHECK,
                               sev, cur, figs, 3);
  fd->stated = c->value;
  fd->computed = computed;
  fd->computed_interval.low = c_lo;
  fd->computed_interval.high = c_hi;
  finding_set_solutions(a, fd, sol, ok_round ? n_round : n_trunc, 2);

  int pd = c->kind == JD_KIND_CHANGE_ABS ? jd_figure_get_decimals(c) : percent_decimals(c);
  jd_numbuf b_sa, b_sb, b_sc, b_cs, b_av, b_bv, b_l, b_h;
  const char *sa = jd_buf_cn_stated_unit(&b_sa, prior), *sb = jd_buf_cn_stated_unit(&b_sb, cur);
  const char *sc = jd_buf_cn_stated(&b_sc, c);
  const char *cs = jd_buf_fixed(&b_cs, computed, pd);
  const char *av = jd_buf_cn_value(&b_av, prior->value), *bv = jd_buf_cn_value(&b_bv, cur->value);
  GString *ex = scratch(a->ex), *ar = scratch(a->ar);
  if (c->kind == JD_KIND_CHANGE_PCT)
    jd_sappend(ar, "(%s − %s) ÷ %s × 100%% = %s%%", bv, av, av, cs);
  else
    jd_sappend(ar, "%s − %s = %s%s", bv, av, cs, unit_sign);
  if (approx) {
    fixed_range(&b_l, &b_h, c_lo, c_hi, pd);
    /* "-45.714% 至 -41.176%": a dash between negative numbers misreads */
    const char *u = c->kind == JD_KIND_CHANGE_PCT ? "%" : "";
    jd_sappend(ar, "（按区间 %s%s%s%s%s）", b_l.s, u, c_lo < 0 ? " 至 " : "–", b_h.s, u);
  }
  jd_sappend(ar, "；所述 %s%s", sc, c->kind == JD_KIND_CHANGE_PCT ? "" : unit_sign);

  jd_numbuf b_size;
  jd_sappend(ex, "%s%s从%s的%s到%s的%s，所述%s%s%s：", prior->region, label(a, cur),
             when(a, prior->period), sa, when(a, cur->period), sb, direction(c->value),
             change_size(&b_size, c), c->kind == JD_KIND_CHANGE_PCT ? "" : unit_sign);
  if (solve && approx) {
    if (ok_round && n_round == 1) {
      g_string_append(ex, "能得到该百分比的整数唯一，为");
      append_pairs(ex, sol, 1, " → ");
      g_string_append(ex, "。");
    } else if (ok_round && n_round > MAX_LISTED) {
      jd_numbuf b_n;
      jd_sappend(ex, "按约数计算为%s%%，与所述一致；约数范围内能得到该百分比的整数组合有%s组，"
                     "无法确定确切数值。", cs, count_text(&b_n, n_round));
    } else if (ok_round) {
      jd_sappend(ex, "共有%zu组整数能得到该百分比：", n_round);
      append_pairs(ex, sol, MAX_LISTED, " → ");
      g_string_append(ex, "，无法唯一确定。");
    } else if (ok_trunc) {
      jd_sappend(ex, "四舍五入时没有整数能得到该百分比，截尾时有%zu组：", n_trunc);
      append_pairs(ex, sol, MAX_LISTED, " → ");
      g_string_append(ex, "，请核实。");
    } else {
      g_string_append(ex, "在两个约数的范围内没有任何整数能得到该百分比，文件前后矛盾。");
    }
  } else if (ok_round) {
    jd_sappend(ex, "实际为%s%s，与所述一致。", cs, unit_sign);
  } else if (ok_trunc) {
    jd_sappend(ex, "实际为%s%s，只有截尾（舍去小数）才得到所述数值，请核实。", cs,
                           unit_sign);
  } else {
    jd_sappend(ex, "实际为%s%s，与所述不符，至少有一个数字有误。", cs, unit_sign);
  }
  const char *title = sev == JD_SEVERITY_ERROR     ? "增减幅度与数值不符"
                      : sev == JD_SEVERITY_WARNING ? "增减幅度仅在截尾时成立"
                      : solve && approx && n_round <= MAX_LISTED ? "约数背后的整数"
                                                   : "增减幅度核对一致";
  finding_set_text(a, fd, title, ex, ar);
  g_ptr_array_add(a->findings, fd);
}

/* prior_period: lives as long as the analysis */
static void imply_prior(jd_analysis *a, const jd_figure *c, const jd_figure *cur,
                        const char *prior_period, GArray *implied)
{
  jd_interval ib = jd_figure_get_interval(cur);
  double lo, hi;
  stated_range(c, FALSE, &lo, &hi);
  double value;
  jd_interval iv = {NAN, NAN, FALSE, FALSE};
  const char *unit_sign;
  if (c->kind == JD_KIND_CHANGE_PCT) {
    if (!(1 + c->value / 100 > 0) || !(1 + lo / 100 > 0)) return;
    value = cur->value / (1 + c->value / 100);
    iv.low = ib.low / (1 + hi / 100);
    iv.high = ib.high / (1 + lo / 100);
    unit_sign = "%";
  } else {
    if (c->kind == JD_KIND_CHANGE_ABS && c->qualifier == JD_QUAL_EXACT &&
        jd_unit_is_count(c->unit[0] ? c->unit : cur->unit))
      lo = hi = c->value;
    value = cur->value - c->value;
    iv.low = ib.low - hi;
    iv.high = ib.high - lo;
    unit_sign = c->kind == JD_KIND_CHANGE_PP ? "个百分点" : jd_measure_word(cur);
  }
  if (!isfinite(value)) return;
  gboolean counts = integers_possible(cur) && searchable(&iv);
  GArray *sol = a->sol; /* scratch */
  g_array_set_size(sol, 0);
  size_t n_sol = 0;
  if (counts && c->kind == JD_KIND_CHANGE_PCT) {
    jd_interval wide = {floor(iv.low), ceil(iv.high), FALSE, FALSE};
    n_sol = jd_solve_change_integers(&wide, &ib, c->value, jd_figure_get_decimals(c), FALSE,
                                     MAX_LISTED, sol);
  } else if (counts && c->kind == JD_KIND_CHANGE_ABS) {
    double a_lo = ceil(iv.low), a_hi = floor(iv.high);
    for (double x = a_lo; x <= a_hi && n_sol < 1000000; x += 1, n_sol++)
      if (n_sol < MAX_LISTED) g_array_append_val(sol, x);
  }
  const jd_figure *figs[2] = {cur, c};
  jd_finding *fd = finding_new(a, JD_FINDING_IMPLIED_PRIOR, JD_SEVERITY_NOTE, cur, figs, 2);
  fd->period = prior_period;
  fd->stated = c->value;
  fd->computed = value;
  fd->computed_interval = iv;
  finding_set_solutions(a, fd, sol, n_sol, c->kind == JD_KIND_CHANGE_PCT ? 2 : 1);

  /* an estimate of a count in whole units (one decimal below 100) */
  int vd = integers_possible(cur) ? (fabs(value) < 100 ? 1 : 0) : fabs(value) < 100 ? 2 : 1;
  jd_numbuf b_vs, b_ls, b_hs, b_sb, b_bv, b_cv, b_p;
  jd_buf_cn_range(&b_vs, &b_ls, &b_hs, value, iv.low, iv.high, vd);
  const char *vs = b_vs.s, *ls = b_ls.s, *hs = b_hs.s;
  const char *sb = jd_buf_cn_stated_unit(&b_sb, cur);
  const char *bv = jd_buf_cn_value(&b_bv, cur->value), *cv = jd_buf_cn_value(&b_cv, c->value);
  const char *ul = strcmp(cur->unit, "percent") ? jd_measure_word(cur) : "%";
  GString *ex = scratch(a->ex), *ar = scratch(a->ar);
  /* an exact prior (an exact count and an exact difference) has no range */
  gboolean exact = strcmp(ls, hs) == 0;
  if (c->kind == JD_KIND_CHANGE_PCT)
    jd_sappend(ar, "%s ÷ (1 %s %s%%) = %s", bv, c->value < 0 ? "−" : "+",
               cv[0] == '-' ? cv + 1 : cv, vs);
  else
    jd_sappend(ar, "%s %s %s = %s", bv, c->value < 0 ? "+" : "−", cv[0] == '-' ? cv + 1 : cv, vs);
  if (!exact) jd_sappend(ar, "（区间 %s–%s）", ls, hs);
  jd_numbuf b_size;
  const char *size = change_size(&b_size, c);
  const char *csign = c->kind == JD_KIND_CHANGE_PCT ? "" : unit_sign;
  /* a prior of no known period ("较高峰时期") is just the earlier value */
  const char *prior_when = *prior_period && strcmp(prior_period, "unknown") != 0
                               ? when(a, prior_period)
                               : "上期";
  jd_sappend(ex, "%s%s%s为%s，%s%s%s，推算%s%s%s%s", cur->region, label(a, cur),
             when(a, cur->period), sb, direction(c->value), size, csign, prior_when,
             exact ? "为" : "约为", vs, ul);
  if (!exact) jd_sappend(ex, "（%s–%s）", ls, hs);
  double point_value = value;
  jd_interval point_iv = iv;
  if (counts && c->kind == JD_KIND_CHANGE_PCT) {
    if (n_sol == 0) {
      g_string_append(ex, "；但没有整数能准确得到所述百分比，请核实。");
      fd->severity = JD_SEVERITY_WARNING;
    } else if (n_sol == 1) {
      const char *p = jd_buf_number(&b_p, g_array_index(sol, double, 0), 0);
      jd_sappend(ex, "；能准确得到所述百分比的整数唯一，为%s%s。", p, ul);
      point_value = g_array_index(sol, double, 0);
      point_iv.low = point_iv.high = point_value;
      point_iv.low_open = point_iv.high_open = FALSE;
    } else if (n_sol > MAX_LISTED) {
      jd_sappend(ex, "；能得到所述百分比的整数组合有%s组，无法唯一确定。", count_text(&b_p, n_sol));
    } else {
      jd_sappend(ex, "；能准确得到所述百分比的组合（%s → %s）有%zu组：",
                 when(a, prior_period), when(a, cur->period), n_sol);
      append_pairs(ex, sol, 8, " → ");
      g_string_append(ex, n_sol > 8 ? "等。" : "。");
    }
  } else {
    g_string_append(ex, "。");
  }
  finding_set_text(a, fd, "由增减幅度推算上期数值", ex, ar);
  g_ptr_array_add(a->findings, fd);

  jd_implied_prior ip = {cur, c, prior_period, point_value, point_iv, NULL};
  GString *dv = scratch(a->ex);
  jd_sappend(dv, "由%s%s及%s%s%s推算", when(a, cur->period), sb, direction(c->value), size,
             csign);
  ip.derivation = jd_analysis_text(a, dv);
  g_array_append_val(implied, ip);
}

/* -------------------------------------------------------------- driver */

static gboolean metric_is_specific(const char *m)
{
  return *m && strcmp(m, "other") != 0;
}

/* For every share of the line [ls, le), the index of its part (the level it
 * is the share of), or -1: the level just before the share when the metrics
 * agree (or one is unspecific); else the nearest earlier level of the
 * share's metric; else (unspecific metric) the nearest level after the
 * previous share. Levels that are parts are flagged in is_part: they are
 * siblings ("分别占…"), never the whole of another share. */
static void find_parts(const jd_figure *const *doc, size_t ls, size_t le, gssize *part_of,
                       gboolean *is_part)
{
  for (size_t i = ls; i < le; i++) {
    part_of[i - ls] = -1;
    is_part[i - ls] = FALSE;
  }
  for (size_t i = ls; i < le; i++) {
    const jd_figure *s = doc[i];
    if (s->kind != JD_KIND_SHARE || !isfinite(s->value)) continue;
    gssize pick = -1;
    /* rank within a "分别占" list: later shares of the same metric in the
     * same run of shares take the later levels of that metric (an extractor
     * may give two list items one metric) */
    size_t rank = 0;
    if (metric_is_specific(s->metric))
      for (size_t j = i + 1; j < le && doc[j]->kind == JD_KIND_SHARE; j++)
        if (doc[j]->metric == s->metric) rank++;
    if (rank == 0 && i > ls && is_level(doc[i - 1]) &&
        (doc[i - 1]->metric == s->metric || !metric_is_specific(s->metric) ||
         !metric_is_specific(doc[i - 1]->metric)))
      pick = (gssize)i - 1;
    if (pick < 0 && metric_is_specific(s->metric))
      for (size_t j = i; j-- > ls;)
        if (is_level(doc[j]) && doc[j]->metric == s->metric && rank-- == 0) {
          pick = (gssize)j;
          break;
        }
    if (pick < 0 && !metric_is_specific(s->metric))
      for (size_t j = i; j-- > ls;) {
        if (doc[j]->kind == JD_KIND_SHARE) break;
        if (is_level(doc[j])) {
          pick = (gssize)j;
          break;
        }
      }
    part_of[i - ls] = pick;
    if (pick >= 0) is_part[pick - (gssize)ls] = TRUE;
  }
}

/* doc: one document's figures in line order (within a line, table order);
 * d: its level index, reused from document to document. */
static void audit_document(jd_analysis *a, jd_analyze_ctx *c, const jd_figure *const *doc,
                           size_t n, doc_index *dx, GArray *implied)
{
  doc_index d = *dx;
  d.fig = doc;
  d.n = n;
  gboolean has_changes = FALSE;
  for (size_t i = 0; i < n; i++)
    if (doc[i]->kind == JD_KIND_CHANGE_PCT || doc[i]->kind == JD_KIND_CHANGE_ABS ||
        doc[i]->kind == JD_KIND_CHANGE_PP)
      has_changes = TRUE;
  if (has_changes) {
    jd_keymap_reset(&d.levels, n / 2);
    g_array_set_size(d.head, 0);
    g_array_set_size(d.tail, 0);
    d.next = g_renew(guint32, d.next, n ? n : 1);
  }
  for (size_t i = 0; has_changes && i < n; i++) {
    const jd_figure *f = doc[i];
    if (!is_level(f) && !is_rate(f)) continue;
    guintptr key[4];
    level_key(key, f, f->period);
    gboolean added;
    guint32 list = jd_keymap_intern(&d.levels, key, &added);
    guint32 pos = (guint32)i;
    d.next[i] = G_MAXUINT32;
    if (added) {
      g_array_append_val(d.head, pos);
      g_array_append_val(d.tail, pos);
    } else {
      guint32 *tail = &g_array_index(d.tail, guint32, list);
      d.next[*tail] = pos;
      *tail = pos;
    }
  }
  size_t line_start = 0, line_end = 0, line_parts_start = G_MAXSIZE;
  GArray *parts = g_array_new(FALSE, FALSE, sizeof(gssize));
  GArray *part_flags = g_array_new(FALSE, FALSE, sizeof(gboolean));
  gssize *part_of = NULL;
  gboolean *is_part = NULL;
  for (size_t i = 0; i < n; i++) {
    if (i == 0 || doc[i]->line != doc[i - 1]->line) {
      line_start = i;
      for (line_end = i; line_end < n && doc[line_end]->line == doc[i]->line; line_end++)
        ;
      g_array_set_size(parts, line_end - line_start);
      g_array_set_size(part_flags, line_end - line_start);
      part_of = (gssize *)(void *)parts->data;
      is_part = (gboolean *)(void *)part_flags->data;
      line_parts_start = G_MAXSIZE;
    }
    const jd_figure *f = doc[i];
    if (!isfinite(f->value)) continue;
    if (f->kind == JD_KIND_SHARE) {
      if (i == line_start || doc[i - 1]->line != f->line || line_parts_start != line_start) {
        find_parts(doc, line_start, line_end, part_of, is_part);
        line_parts_start = line_start;
      }
      gssize pi = part_of[i - line_start];
      if (pi < 0) continue;
      const jd_figure *part = doc[pi], *whole = NULL;
      jd_interval ipart = jd_figure_get_interval(part);
      for (size_t j = (size_t)pi; j-- > line_start;) {
        const jd_figure *w = doc[j];
        if (!is_level(w) || is_part[j - line_start] || w->unit != part->unit) continue;
        if (*w->period && *part->period && w->period != part->period) continue;
        jd_interval iw = jd_figure_get_interval(w);
        if (iw.high < ipart.low) continue;
        whole = w;
        break;
      }
      if (whole)
        check_share(a, f, part, whole);
      else
        implied_total(a, f, part);
    } else if (f->kind == JD_KIND_CHANGE_PCT || f->kind == JD_KIND_CHANGE_ABS ||
               f->kind == JD_KIND_CHANGE_PP) {
      const jd_figure *cur = find_level(&d, i, line_start, line_end, f->period);
      if (!cur) continue;
      const char *base =
          *f->base_period ? f->base_period : jd_ctx_period_previous(c, f->period);
      if (!base) continue;
      /* the table's pointer for that period: none, no row states it */
      const char *canon = jd_ctx_period_canonical(c, base);
      const jd_figure *prior = canon ? find_level(&d, i, line_start, line_end, canon) : NULL;
      if (prior && prior != cur)
        check_change(a, f, prior, cur);
      else if (!prior)
        imply_prior(a, f, cur, base, implied);
    }
  }
  g_array_unref(parts);
  g_array_unref(part_flags);
  *dx = d;
}

typedef struct {
  guint32 line, row;
} line_row;

/* The documents to audit in the order they first appear, each with its rows
 * (a counting sort; sorted by line in jd_audit_run). Curated levels have no
 * document and are not audited. */
struct jd_audit_plan {
  guint32 n_order;
  guint32 *order;        /* document indices */
  guint32 *start, *count; /* per document index: its rows in lr */
  guint32 max_count;
  line_row *lr;
  guint32 total;
};

jd_audit_plan *jd_audit_plan_new(jd_analyze_ctx *c)
{
  size_t n;
  const jd_figure *const *rows = jd_ctx_rows(c, &n);
  guint32 n_docs = jd_ctx_doc_count(c);
  jd_audit_plan *p = g_new0(jd_audit_plan, 1);
  p->count = g_new0(guint32, n_docs + 1);
  p->order = g_new(guint32, n_docs + 1);
  p->start = g_new(guint32, n_docs + 1);
  for (size_t i = 0; i < n; i++) {
    if (rows[i]->kind == JD_KIND_LEVEL && !*rows[i]->doc) continue;
    guint32 d = jd_ctx_row_doc(c, i);
    if (p->count[d]++ == 0) p->order[p->n_order++] = d;
  }
  for (guint32 d = 0; d < n_docs; d++) {
    p->start[d] = p->total;
    p->total += p->count[d];
    p->max_count = MAX(p->max_count, p->count[d]);
    p->count[d] = 0;
  }
  p->lr = jd_big_alloc(p->total * sizeof *p->lr);
  for (size_t i = 0; i < n; i++) {
    if (rows[i]->kind == JD_KIND_LEVEL && !*rows[i]->doc) continue;
    guint32 d = jd_ctx_row_doc(c, i);
    line_row e = {rows[i]->line, (guint32)i};
    p->lr[p->start[d] + p->count[d]++] = e;
  }
  return p;
}

void jd_audit_plan_free(jd_audit_plan *p)
{
  if (!p) return;
  free(p->lr);
  g_free(p->count);
  g_free(p->order);
  g_free(p->start);
  g_free(p);
}

guint32 jd_audit_plan_get_count(const jd_audit_plan *p) { return p->n_order; }

guint32 jd_audit_plan_split(const jd_audit_plan *p, double fraction)
{
  double want = fraction * p->total, sum = 0;
  guint32 k = 0;
  while (k < p->n_order && sum < want) sum += p->count[p->order[k++]];
  return k;
}

static int compare_line_rows(const void *pa, const void *pb)
{
  const line_row *a = pa, *b = pb;
  if (a->line != b->line) return a->line < b->line ? -1 : 1;
  return (a->row > b->row) - (a->row < b->row);
}

gboolean jd_audit_run(jd_analysis *a, jd_analyze_ctx *c, jd_audit_plan *p, guint32 from,
                      guint32 to, GArray *implied, GError **error)
{
  (void)error;
  size_t n;
  const jd_figure *const *rows = jd_ctx_rows(c, &n);
  const jd_figure **doc = jd_big_alloc(p->max_count * sizeof(const jd_figure *));
  doc_index dx = {0};
  jd_keymap_init(&dx.levels, 4);
  dx.head = g_array_new(FALSE, FALSE, sizeof(guint32));
  dx.tail = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 k = from; k < to && k < p->n_order; k++) {
    guint32 d = p->order[k];
    line_row *e = p->lr + p->start[d];
    guint32 m = p->count[d];
    /* in line order, table order within a line (usually already so) */
    gboolean sorted = TRUE;
    for (guint32 i = 1; i < m && sorted; i++)
      if (e[i].line < e[i - 1].line) sorted = FALSE;
    if (!sorted) qsort(e, m, sizeof *e, compare_line_rows);
    for (guint32 i = 0; i < m; i++) doc[i] = rows[e[i].row];
    audit_document(a, c, doc, m, &dx, implied);
  }
  jd_keymap_destroy(&dx.levels);
  g_array_unref(dx.head);
  g_array_unref(dx.tail);
  g_free(dx.next);
  free(doc);
  return TRUE;
}
