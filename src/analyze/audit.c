/* The audit: within each document, every stated share is checked against the
 * two levels it relates (part and whole), every stated change against the
 * levels of both periods, every part (a level with a scope) against its
 * whole, with the ranges the stated precision and qualifiers allow
 * (audit-precision.c); approximate levels are pinned to the integers that
 * reproduce the stated percentage; missing priors and totals are implied.
 * Which levels a share or change speaks of, and how certain that is, is
 * audit-pairing.c: an uncertain pairing never gives more than a note. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/audit-private.h"
#include "jindu/jindu.h"
#include "jindu/names.h"
#include "util/big-alloc.h"

#define MAX_LISTED 20

static gboolean interval_is_point(const jd_interval *iv) { return iv->low == iv->high; }

static gboolean integers_possible(const jd_figure *f)
{
  return jd_unit_is_count(f->unit) && f->kind == JD_KIND_LEVEL;
}

/* Whether the integers of an interval are few enough to search one by one. */
static gboolean searchable(const jd_interval *iv)
{
  /* beyond 2^52 a double cannot step by one: no exact-integer search there */
  return isfinite(iv->low) && isfinite(iv->high) && fabs(iv->low) < JD_EXACT_INTEGER_MAX &&
         fabs(iv->high) < JD_EXACT_INTEGER_MAX && iv->high - iv->low <= 2e6;
}

/* The stated range of a percentage figure (audit-precision.c). */
static void stated_range(const jd_figure *f, gboolean truncated, double *lo, double *hi)
{
  jd_audit_stated_range(f, truncated, lo, hi);
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
/* A figure's metric as the audit names it, with its drug when it counts one
 * drug (现有吸毒人员（海洛因）, 缴获冰毒): a heroin users' count is not all users. */
static const char *label(jd_analysis *a, const jd_figure *f)
{
  const char *name = jd_analysis_metric_name(a, f->metric);
  gboolean drug = f->drug && *f->drug && strcmp(f->drug, "all") != 0;
  gboolean part = f->scope && *f->scope;
  if (!drug && !part) return name;
  g_autofree char *s = !drug                                   ? g_strdup(name)
                       : strcmp(f->metric, "drugs_seized") == 0 ? g_strconcat("缴获", jd_drug_name(f->drug), NULL)
                                                                : g_strconcat(name, "（", jd_drug_name(f->drug), "）", NULL);
  if (part && !strstr(s, f->scope)) { /* a part is named, never taken for the whole:
                                        * 破获毒品案件（其中“百克以上毒品大案”） */
    char *t = g_strconcat(s, "（其中“", f->scope, "”）", NULL);
    g_free(s);
    s = t;
  }
  return jd_analysis_intern(a, s); /* one copy of each name */
}

static const char *when_label(jd_analysis *a, const char *period)
{
  return jd_analysis_period_label(a, period);
}

/* A period as the audit writes it for a figure of that span: a state at a
 * date (span asof) is 截至2025年10月, not the month 2025年10月. */
static const char *when_span(jd_analysis *a, const char *period, const char *span)
{
  const char *w = when_label(a, period);
  if (!span || strcmp(span, JD_SPAN_ASOF) != 0 || !period || !*period ||
      strcmp(period, "unknown") == 0)
    return w;
  g_autofree char *s = g_strconcat("截至", w, NULL);
  return jd_analysis_intern(a, s);
}

/* The period of figure f as the audit writes it. */
static const char *when(jd_analysis *a, const jd_figure *f)
{
  return when_span(a, f->period, f->span);
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


/* An uncertain pairing caps a warning or error at a note (audit-pairing.c);
 * TRUE when it did. */
static gboolean cap_uncertain(jd_severity *sev, jd_pairing pairing)
{
  if (pairing == JD_PAIR_CERTAIN || *sev < JD_SEVERITY_WARNING) return FALSE;
  *sev = JD_SEVERITY_NOTE;
  return TRUE;
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
 * approximate) and what the stated share rounds from. */
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
      jd_sappend(ex, "四舍五入时没有整数组合能得到%s，截尾（直接舍去小数）时有%zu组：", ss, s->n_trunc);
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
                        const jd_figure *whole, jd_pairing pairing)
{
  jd_interval ip = jd_audit_interval(part), iw = jd_audit_interval(whole);
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
  gboolean capped = cap_uncertain(&sev, pairing);
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
  if (capped)
    jd_sappend(ex, "无法确定该百分比对应的数值：%s。若把它看作%s%s中%s所占的比例，实际为%s%%，"
                   "与所述%s不同；请对照原文核实，此处不算错误。",
               jd_pairing_reason(pairing), s.sw, *whole->metric ? label(a, whole) : "", s.sp,
               s.cs, s.ss);
  else
    share_explanation(a, ex, whole, sol, &s);
  finding_set_solutions(a, fd, sol, s.ok_round ? s.n_round : s.n_trunc, 2);
  const char *title = capped                       ? "占比对应的数值不确定"
                      : sev == JD_SEVERITY_ERROR     ? "占比与数值不符"
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
  jd_interval ip = jd_audit_interval(part);
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

static const char *direction(double v) { return v < 0 ? "下降" : "上升"; }


/* What check_change works out about one change before writing it up. */
typedef struct {
  gboolean approx, counts, solve, ok_round, ok_trunc;
  size_t n_round, n_trunc;
  const char *cs, *unit_sign;
} change_facts;

/* The explanation of a change check: agreement, which rounding gives it, or
 * the integer pairs behind approximate counts. */
static void change_explanation(jd_analysis *a, GString *ex, const jd_figure *c,
                               const jd_figure *prior, const jd_figure *cur, GArray *sol,
                               const change_facts *k)
{
  jd_numbuf b_size, b_sa, b_sb;
  const char *sa = jd_buf_cn_stated_unit(&b_sa, prior), *sb = jd_buf_cn_stated_unit(&b_sb, cur);
  const char *cs = k->cs, *unit_sign = k->unit_sign;
  jd_sappend(ex, "%s%s从%s的%s到%s的%s，所述%s%s%s：", prior->region, label(a, cur),
             when(a, prior), sa, when(a, cur), sb, direction(c->value),
             change_size(&b_size, c), c->kind == JD_KIND_CHANGE_PCT ? "" : unit_sign);
  if (k->solve && k->approx) {
    if (k->ok_round && k->n_round == 1) {
      g_string_append(ex, "能得到该百分比的整数唯一，为");
      append_pairs(ex, sol, 1, " → ");
      g_string_append(ex, "。");
    } else if (k->ok_round && k->n_round > MAX_LISTED) {
      jd_numbuf b_n;
      jd_sappend(ex, "按约数计算为%s%%，与所述一致；约数范围内能得到该百分比的整数组合有%s组，"
                     "无法确定确切数值。", cs, count_text(&b_n, k->n_round));
    } else if (k->ok_round) {
      jd_sappend(ex, "共有%zu组整数能得到该百分比：", k->n_round);
      append_pairs(ex, sol, MAX_LISTED, " → ");
      g_string_append(ex, "，无法唯一确定。");
    } else if (k->ok_trunc) {
      jd_sappend(ex, "四舍五入时没有整数能得到该百分比，截尾（直接舍去小数）时有%zu组：",
                 k->n_trunc);
      append_pairs(ex, sol, MAX_LISTED, " → ");
      g_string_append(ex, "，请核实。");
    } else {
      g_string_append(ex, "在两个约数的范围内没有任何整数能得到该百分比，文件前后矛盾。");
    }
  } else if (k->ok_round) {
    jd_sappend(ex, "实际为%s%s，与所述一致。", cs, unit_sign);
  } else if (k->ok_trunc) {
    jd_sappend(ex, "实际为%s%s，只有截尾（直接舍去小数）才得到所述数值，请核实。", cs, unit_sign);
  } else {
    jd_sappend(ex, "实际为%s%s，与所述不符，至少有一个数字有误。", cs, unit_sign);
  }
}

/* Whether the change agrees with its levels: by the integers that
 * reproduce it when both are counts (rounded at its written precision, then
 * truncated), else by the intervals. */
static void change_agreement(const jd_figure *c, const jd_interval *ia, const jd_interval *ib,
                             double c_lo, double c_hi, GArray *sol, change_facts *k)
{
  gboolean exact_c = c->qualifier == JD_QUAL_EXACT;
  gboolean by_decimals = exact_c && jd_audit_precision_is_decimals(c);
  double lo, hi, tlo, thi;
  stated_range(c, FALSE, &lo, &hi);
  stated_range(c, TRUE, &tlo, &thi);
  /* a difference of counts written in full is exact */
  if (c->kind == JD_KIND_CHANGE_ABS && exact_c && k->counts && jd_audit_written_unit(c) <= 1)
    lo = hi = tlo = thi = c->value;
  if (k->solve) {
    if (by_decimals)
      k->n_round = jd_solve_change_integers(ia, ib, c->value, jd_figure_get_decimals(c), FALSE,
                                            MAX_LISTED, sol);
    else /* a qualified change, or one coarser than its decimals (两成): its interval */
      k->n_round = jd_solve_share_integers(ia, ib, 100 + lo, 100 + hi, MAX_LISTED, sol);
    k->ok_round = k->n_round > 0;
    if (!k->ok_round && by_decimals) {
      k->n_trunc = jd_solve_change_integers(ia, ib, c->value, jd_figure_get_decimals(c), TRUE,
                                            MAX_LISTED, sol);
      k->ok_trunc = k->n_trunc > 0;
    }
  } else {
    k->ok_round = !(c_hi < lo || c_lo > hi);
    k->ok_trunc = exact_c && !k->ok_round && !(c_hi < tlo || c_lo > thi);
  }
}

static void check_change(jd_analysis *a, const jd_figure *c, const jd_figure *prior,
                         const jd_figure *cur, jd_pairing pairing)
{
  jd_interval ia = jd_audit_interval(prior), ib = jd_audit_interval(cur);
  gboolean counts = integers_possible(prior) && integers_possible(cur) && searchable(&ia);
  change_facts k = {0};
  k.approx = !interval_is_point(&ia) || !interval_is_point(&ib);
  k.counts = counts;
  k.solve = counts && c->kind == JD_KIND_CHANGE_PCT;
  double computed, c_lo, c_hi;
  if (c->kind == JD_KIND_CHANGE_PCT) {
    computed = prior->value != 0 ? 100 * (cur->value - prior->value) / prior->value : NAN;
    c_lo = ia.high > 0 ? 100 * (ib.low / ia.high - 1) : NAN;
    c_hi = ia.low > 0 ? 100 * (ib.high / ia.low - 1) : INFINITY;
    k.unit_sign = "%";
  } else {
    computed = cur->value - prior->value;
    c_lo = ib.low - ia.high;
    c_hi = ib.high - ia.low;
    k.unit_sign = c->kind == JD_KIND_CHANGE_PP ? "个百分点" : jd_measure_word(cur);
  }
  GArray *sol = a->sol; /* scratch */
  g_array_set_size(sol, 0);
  change_agreement(c, &ia, &ib, c_lo, c_hi, sol, &k);
  jd_severity sev = k.ok_round ? (k.approx ? JD_SEVERITY_NOTE : JD_SEVERITY_OK)
                               : k.ok_trunc ? JD_SEVERITY_WARNING : JD_SEVERITY_ERROR;
  gboolean capped = cap_uncertain(&sev, pairing);
  const jd_figure *figs[3] = {prior, cur, c};
  jd_finding *fd = finding_new(a, k.approx && k.solve ? JD_FINDING_EXACT_INTEGERS
                                                      : JD_FINDING_CHANGE_CHECK,
                               sev, cur, figs, 3);
  fd->stated = c->value;
  fd->computed = computed;
  fd->computed_interval.low = c_lo;
  fd->computed_interval.high = c_hi;
  finding_set_solutions(a, fd, sol, k.ok_round ? k.n_round : k.n_trunc, 2);

  int pd = c->kind == JD_KIND_CHANGE_ABS ? jd_figure_get_decimals(c) : percent_decimals(c);
  jd_numbuf b_sc, b_cs, b_av, b_bv, b_l, b_h;
  const char *sc = jd_buf_cn_stated(&b_sc, c);
  k.cs = jd_buf_fixed(&b_cs, computed, pd);
  const char *av = jd_buf_cn_value(&b_av, prior->value), *bv = jd_buf_cn_value(&b_bv, cur->value);
  GString *ex = scratch(a->ex), *ar = scratch(a->ar);
  if (c->kind == JD_KIND_CHANGE_PCT)
    jd_sappend(ar, "(%s − %s) ÷ %s × 100%% = %s%%", bv, av, av, k.cs);
  else
    jd_sappend(ar, "%s − %s = %s%s", bv, av, k.cs, k.unit_sign);
  if (k.approx) {
    fixed_range(&b_l, &b_h, c_lo, c_hi, pd);
    /* "-45.714% 至 -41.176%": a dash between negative numbers misreads */
    const char *u = c->kind == JD_KIND_CHANGE_PCT ? "%" : "";
    jd_sappend(ar, "（按区间 %s%s%s%s%s）", b_l.s, u, c_lo < 0 ? " 至 " : "–", b_h.s, u);
  }
  jd_sappend(ar, "；所述 %s%s", sc, c->kind == JD_KIND_CHANGE_PCT ? "" : k.unit_sign);
  if (capped) {
    jd_numbuf b_sa, b_sb;
    jd_sappend(ex, "无法确定该增减幅度对应的数值：%s。若按%s的%s和%s的%s计算，实际为%s%s，"
                   "与所述不同；请对照原文核实，此处不算错误。",
               jd_pairing_reason(pairing), when(a, prior),
               jd_buf_cn_stated_unit(&b_sa, prior), when(a, cur),
               jd_buf_cn_stated_unit(&b_sb, cur), k.cs, k.unit_sign);
  } else
    change_explanation(a, ex, c, prior, cur, sol, &k);
  const char *title = capped                       ? "增减幅度对应的数值不确定"
                      : sev == JD_SEVERITY_ERROR   ? "增减幅度与数值不符"
                      : sev == JD_SEVERITY_WARNING ? "增减幅度仅在截尾时成立"
                      : k.solve && k.approx && k.n_round <= MAX_LISTED ? "约数背后的整数"
                                                                        : "增减幅度核对一致";
  finding_set_text(a, fd, title, ex, ar);
  g_ptr_array_add(a->findings, fd);
}

/* prior_period: lives as long as the analysis */
static void imply_prior(jd_analysis *a, const jd_figure *c, const jd_figure *cur,
                        const char *prior_period, jd_pairing pairing, GArray *implied)
{
  jd_interval ib = jd_audit_interval(cur);
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
        jd_unit_is_count(c->unit[0] ? c->unit : cur->unit) && jd_audit_written_unit(c) <= 1)
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
    if (c->qualifier == JD_QUAL_EXACT && jd_audit_precision_is_decimals(c))
      n_sol = jd_solve_change_integers(&wide, &ib, c->value, jd_figure_get_decimals(c), FALSE,
                                       MAX_LISTED, sol);
    else /* 成长6倍多, 两成: the stated interval, as the change check reads it */
      n_sol = jd_solve_share_integers(&wide, &ib, 100 + lo, 100 + hi, MAX_LISTED, sol);
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
                               ? when_span(a, prior_period, cur->span)
                               : "上期";
  jd_sappend(ex, "%s%s%s为%s，%s%s%s，推算%s%s%s%s", cur->region, label(a, cur),
             when(a, cur), sb, direction(c->value), size, csign, prior_when,
             exact ? "为" : "约为", vs, ul);
  if (!exact) jd_sappend(ex, "（%s–%s）", ls, hs);
  double point_value = value;
  jd_interval point_iv = iv;
  if (counts && c->kind == JD_KIND_CHANGE_PCT) {
    if (n_sol == 0) {
      g_string_append(ex, "；但没有整数能准确得到所述百分比，请核实。");
      fd->severity = JD_SEVERITY_WARNING;
      if (cap_uncertain(&fd->severity, pairing))
        jd_sappend(ex, "（不作为警告：%s。）", jd_pairing_reason(pairing));
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
                 when_span(a, prior_period, cur->span), when(a, cur), n_sol);
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
  jd_sappend(dv, "由%s%s及%s%s%s推算", when(a, cur), sb, direction(c->value), size,
             csign);
  ip.derivation = jd_analysis_text(a, dv);
  g_array_append_val(implied, ip);
}

/* -------------------------------------------------------- part of whole */

/* The whole of a part p (a level with a scope): an empty-scope level of the
 * same metric, drug, region, period, span and unit, preferably on p's line
 * (the nearest before it, then after), else on the nearest line. *wholes:
 * how many such levels of other values p's line holds. */
static const jd_figure *whole_of_part(const jd_figure *const *doc, size_t n, size_t pi,
                                      size_t *line_values)
{
  const jd_figure *p = doc[pi], *best = NULL;
  unsigned best_dist = G_MAXUINT;
  const jd_figure *first_on_line = NULL;
  *line_values = 0;
  for (size_t j = 0; j < n; j++) {
    const jd_figure *w = doc[j];
    if (!jd_audit_is_level(w) || *w->scope || w->metric != p->metric || w->drug != p->drug ||
        w->region != p->region || w->period != p->period || w->span != p->span ||
        w->unit != p->unit)
      continue;
    if (w->line == p->line) {
      if (!first_on_line || w->value != first_on_line->value) (*line_values)++;
      if (!first_on_line) first_on_line = w;
    }
    unsigned dist = w->line == p->line ? (j < pi ? (unsigned)(pi - j) : (unsigned)(n + j - pi))
                                       : (unsigned)(2 * n) + (unsigned)abs((int)w->line - (int)p->line);
    if (dist < best_dist) {
      best_dist = dist;
      best = w;
    }
  }
  return best;
}

/* The line [*ls, *le) of doc[i]. */
static void line_of(const jd_figure *const *doc, size_t n, size_t i, size_t *ls, size_t *le)
{
  size_t s = i, e = i + 1;
  while (s > 0 && doc[s - 1]->line == doc[i]->line) s--;
  while (e < n && doc[e]->line == doc[i]->line) e++;
  *ls = s;
  *le = e;
}

/* Whether the whole w is written after the part doc[pi] on its line. */
static gboolean whole_after_part(const jd_figure *const *doc, size_t ls, size_t pi,
                                 const jd_figure *w)
{
  for (size_t j = ls; j < pi; j++)
    if (doc[j] == w) return FALSE;
  return TRUE;
}

static void part_whole_finding(jd_analysis *a, const jd_figure *part, const jd_figure *whole,
                               jd_pairing pairing)
{
  const jd_figure *figs[2] = {whole, part};
  jd_severity sev = pairing == JD_PAIR_CERTAIN ? JD_SEVERITY_ERROR : JD_SEVERITY_NOTE;
  jd_finding *fd = finding_new(a, JD_FINDING_PART_WHOLE, sev, part, figs, 2);
  fd->stated = part->value;
  fd->computed = whole->value;
  jd_numbuf b_sp, b_sw, b_pv, b_wv;
  const char *sp = jd_buf_cn_stated_unit(&b_sp, part), *sw = jd_buf_cn_stated_unit(&b_sw, whole);
  GString *ex = scratch(a->ex), *ar = scratch(a->ar);
  jd_sappend(ar, "%s > %s", jd_buf_cn_value(&b_pv, part->value), jd_buf_cn_value(&b_wv, whole->value));
  jd_sappend(ex, "%s%s%s：其中“%s”部分为%s，大于总数%s", whole->region, when(a, whole),
             label(a, whole), part->scope, sp, sw);
  if (sev == JD_SEVERITY_ERROR)
    g_string_append(ex, "。部分不可能大于总数，至少有一个数字有误。");
  else
    jd_sappend(ex, "；但%s，请对照原文核实，此处不算错误。", jd_pairing_reason(pairing));
  finding_set_text(a, fd, sev == JD_SEVERITY_ERROR ? "部分大于总数" : "部分与总数对应不确定", ex,
                   ar);
  g_ptr_array_add(a->findings, fd);
}

/* Every level with a scope (a part) against the empty-scope level of its
 * series and period (its whole): a part larger than its whole, beyond what
 * the stated precision allows, is an error when certain — on the whole's
 * line and after it (总 then 分: an empty-scope level after the part may be a
 * part whose scope was not recognised), the only value of the whole there, a
 * scope that is a part of it (not 全球/境外, a known word), neither in a
 * 由A至B clause — else a note. */
static void check_parts_of_wholes(jd_analysis *a, const jd_figure *const *doc, size_t n,
                                  GHashTable **classes)
{
  for (size_t i = 0; i < n; i++) {
    const jd_figure *p = doc[i];
    if (!jd_audit_is_level(p) || !*p->scope) continue;
    size_t line_values;
    const jd_figure *w = whole_of_part(doc, n, i, &line_values);
    if (!w) continue;
    jd_interval ip = jd_audit_interval(p), iw = jd_audit_interval(w);
    if (!(ip.low > iw.high)) continue;
    if (!*classes) *classes = jd_audit_scope_classes_load();
    jd_scope_kind kind = jd_audit_scope_kind(*classes, p->scope);
    if (kind == JD_SCOPE_OUTSIDE) continue; /* 全球 is no part of 全国 */
    size_t ls, le;
    line_of(doc, n, i, &ls, &le);
    jd_pairing pairing = JD_PAIR_CERTAIN;
    if (kind != JD_SCOPE_PART) pairing = JD_PAIR_SCOPE;
    else if (w->line != p->line) pairing = JD_PAIR_OTHER_LINE;
    else if (line_values > 1) pairing = JD_PAIR_WHOLES;
    else if (whole_after_part(doc, ls, i, w)) pairing = JD_PAIR_WHOLE_AFTER;
    else if (jd_pair_clause_has_from_to(doc, ls, le, p) || jd_pair_clause_has_from_to(doc, ls, le, w))
      pairing = JD_PAIR_FROM_TO;
    part_whole_finding(a, p, w, pairing);
  }
}

/* Values no figure can have, whatever the others say: a fall of more than
 * 100% (同比下降150%), a share or rate in percent over 100 or below 0 (占比
 * 250%), in permille over 1000; and a part named by its metric (其中女性:
 * suspects_arrested_female) larger than its whole on the same line. */
static void impossible_finding(jd_analysis *a, const jd_figure *f, const jd_figure *whole,
                               const char *why)
{
  const jd_figure *figs[2] = {whole ? whole : f, f};
  jd_finding *fd = finding_new(a, JD_FINDING_IMPOSSIBLE, JD_SEVERITY_ERROR, f, figs, whole ? 2 : 1);
  fd->stated = f->value;
  fd->computed = whole ? whole->value : NAN;
  jd_numbuf b_v, b_w;
  GString *ex = scratch(a->ex), *ar = scratch(a->ar);
  jd_sappend(ar, "%s", jd_buf_cn_value(&b_v, f->value));
  if (whole) jd_sappend(ar, " > %s", jd_buf_cn_value(&b_w, whole->value));
  jd_sappend(ex, "%s%s%s：%s，至少有一个数字有误。", f->region, when(a, f), label(a, f), why);
  finding_set_text(a, fd, "不可能的数值", ex, ar);
  g_ptr_array_add(a->findings, fd);
}

static void check_impossible(jd_analysis *a, const jd_figure *const *doc, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    const jd_figure *f = doc[i];
    if (!isfinite(f->value)) continue;
    gboolean pct = strcmp(f->unit, "percent") == 0, pml = strcmp(f->unit, "permille") == 0;
    if (f->kind == JD_KIND_CHANGE_PCT && f->value < -100) {
      impossible_finding(a, f, NULL, "下降幅度超过100%，数量不可能减少到零以下");
    } else if ((f->kind == JD_KIND_SHARE || f->kind == JD_KIND_RATE) && (pct || pml) &&
               (f->value < 0 || f->value > (pml ? 1000 : 100))) {
      impossible_finding(a, f, NULL, f->value < 0 ? "比例或比率不可能为负数" : "比例或比率不可能超过100%");
    } else if (jd_audit_is_level(f)) {
      for (size_t j = 0; j < n; j++) {
        const jd_figure *w = doc[j];
        size_t wl = strlen(w->metric);
        if (j == i || w->line != f->line || !jd_audit_is_level(w) || !wl ||
            strncmp(f->metric, w->metric, wl) != 0 || f->metric[wl] != '_' ||
            strcmp(f->unit, w->unit) != 0 || strcmp(f->region, w->region) != 0 ||
            strcmp(f->period, w->period) != 0 || strcmp(f->drug, w->drug) != 0 ||
            *w->scope)
          continue;
        jd_interval ip = jd_audit_interval(f), iw = jd_audit_interval(w);
        if (ip.low > iw.high) impossible_finding(a, f, w, "其中的部分大于总数");
        break;
      }
    }
  }
}

/* -------------------------------------------------------------- driver */

/* A share at doc[i] on the line [ls, le): checked against its part and
 * whole, or its total implied when its part is certain. */
static void audit_share(jd_analysis *a, const jd_figure *const *doc, size_t ls, size_t le,
                        size_t i, const gssize *part_of, const gboolean *is_part)
{
  const jd_figure *part, *whole;
  jd_pairing pairing = jd_pair_share(doc, ls, le, i, part_of, is_part, &part, &whole);
  if (!part) return;
  if (whole)
    check_share(a, doc[i], part, whole, pairing);
  else if (pairing == JD_PAIR_CERTAIN) /* a total from a guessed part is noise */
    implied_total(a, doc[i], part);
}

/* A change at position i of the document on the line [ls, le): checked
 * against the levels of its period and base period, or the prior implied. */
static void audit_change(jd_analysis *a, jd_analyze_ctx *c, jd_doc_index *d, size_t i,
                         size_t ls, size_t le, GArray *implied)
{
  const jd_figure *f = d->fig[i];
  jd_pairing p_cur, p_prior = JD_PAIR_CERTAIN;
  const jd_figure *cur = jd_pair_change_level(d, i, ls, le, f->period, &p_cur);
  if (!cur) return;
  const char *base = *f->base_period ? f->base_period : jd_ctx_period_previous(c, f->period);
  if (!base) return;
  /* the table's pointer for that period: none, no row states it */
  const char *canon = jd_ctx_period_canonical(c, base);
  const jd_figure *prior = canon ? jd_pair_change_level(d, i, ls, le, canon, &p_prior) : NULL;
  jd_pairing pairing = p_cur != JD_PAIR_CERTAIN ? p_cur : p_prior;
  if (prior && pairing == JD_PAIR_CERTAIN && *prior->span && *cur->span && prior->span != cur->span)
    pairing = JD_PAIR_PERIOD; /* 1—9月 against a whole year */
  if (prior && prior != cur)
    check_change(a, f, prior, cur, pairing);
  else if (!prior)
    imply_prior(a, f, cur, base, p_cur, implied);
}

/* doc: one document's figures in line order (within a line, table order);
 * d: its level index, reused from document to document. */
static void audit_document(jd_analysis *a, jd_analyze_ctx *c, const jd_figure *const *doc,
                           size_t n, jd_doc_index *d, GArray *implied, GHashTable **classes)
{
  gboolean has_changes = FALSE;
  for (size_t i = 0; i < n && !has_changes; i++) has_changes = jd_audit_is_change(doc[i]);
  d->fig = doc;
  d->n = n;
  if (has_changes) jd_doc_index_fill(d, doc, n);
  size_t line_start = 0, line_end = 0, line_parts_start = G_MAXSIZE;
  GArray *parts = g_array_new(FALSE, FALSE, sizeof(gssize));
  GArray *part_flags = g_array_new(FALSE, FALSE, sizeof(gboolean));
  for (size_t i = 0; i < n; i++) {
    if (i == 0 || doc[i]->line != doc[i - 1]->line) {
      line_start = i;
      for (line_end = i; line_end < n && doc[line_end]->line == doc[i]->line; line_end++)
        ;
      g_array_set_size(parts, line_end - line_start);
      g_array_set_size(part_flags, line_end - line_start);
      line_parts_start = G_MAXSIZE;
    }
    gssize *part_of = (gssize *)(void *)parts->data;
    gboolean *is_part = (gboolean *)(void *)part_flags->data;
    const jd_figure *f = doc[i];
    if (!isfinite(f->value)) continue;
    if (f->kind == JD_KIND_SHARE) {
      if (line_parts_start != line_start) {
        jd_pair_find_parts(doc, line_start, line_end, part_of, is_part);
        line_parts_start = line_start;
      }
      audit_share(a, doc, line_start, line_end, i, part_of, is_part);
    } else if (jd_audit_is_change(f)) {
      audit_change(a, c, d, i, line_start, line_end, implied);
    }
  }
  g_array_unref(parts);
  g_array_unref(part_flags);
  check_parts_of_wholes(a, doc, n, classes);
  jd_audit_table_totals(a, doc, n);
  check_impossible(a, doc, n);
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
  jd_doc_index dx;
  jd_doc_index_init(&dx);
  GHashTable *classes = NULL; /* scope words, read when first needed */
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
    audit_document(a, c, doc, m, &dx, implied, &classes);
  }
  jd_doc_index_destroy(&dx);
  if (classes) g_hash_table_unref(classes);
  free(doc);
  return TRUE;
}
