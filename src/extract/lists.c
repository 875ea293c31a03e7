/* Figures that take their meaning from a list: 分别 hands the figures after it
 * to the items before it (places, age groups, metrics, years, earlier levels);
 * a figure after 其中 counts a part of the figure before it (METRIC_TAG,
 * METRIC_part); a part named right before its noun (女性吸毒人员) needs no 其中. */
#include <string.h>

#include "extract/extract-private.h"
#include "jindu/names.h"

/* ---- 分别 -------------------------------------------------------------------------- */

static void copy_item(cand *dst, const cand *src)
{
  g_strlcpy(dst->metric, src->metric, sizeof dst->metric);
  dst->metric_trigger = src->metric_trigger;
  g_strlcpy(dst->region, src->region, sizeof dst->region);
  dst->drug = src->drug;
}

/* The figures a 分别 hands out: count figures from cands[first], all in the
 * clause of the 分别 at `here` (and its continuation with 和/、); the items
 * they go to are named from `cs`, the start of that clause, up to here. */
typedef struct {
  cand *cands;
  guint first, count;
  size_t cs, here;
} list_span;

/* Places listed before 分别: 深圳市、广州市分别破获…2100起和1800起. */
static void by_places(jd_extractor *x, const list_span *ls)
{
  const region_marker *places[16];
  guint np = 0;
  for (guint r = 0; r < x->rmarks->len && np < G_N_ELEMENTS(places); r++) {
    const region_marker *m = &g_array_index(x->rmarks, region_marker, r);
    if (m->pos >= ls->cs && m->end <= ls->here && m->level != -3) places[np++] = m;
  }
  if (np < 2 || ls->count % np != 0) return;
  for (guint i = 0; i < ls->count; i++) {
    cand *c = &ls->cands[ls->first + i];
    jd_resolve_region_marker(x, places[i % np], c->region, sizeof c->region);
    jd_why(c, "分别: place %u of those listed before it", i % np + 1);
  }
}

/* Age groups listed before 分别: 18岁以下、18至35岁、36至59岁和60岁及以上的分别为…
 * (of the people named after them, or in the sentence t[s, ...), or of
 * registered users). */
static gboolean by_age_groups(jd_extractor *x, const char *t, size_t s, const list_span *ls)
{
  char groups[8][32];
  guint ng = 0;
  size_t q = ls->cs, first_age = (size_t)-1;
  while (ng < G_N_ELEMENTS(groups)) {
    size_t ge = 0;
    size_t st = jd_age_group_in(x, t, q, ls->here, groups[ng], sizeof groups[ng], &ge);
    if (st == (size_t)-1) break;
    if (first_age == (size_t)-1) first_age = st;
    ng++;
    q = ge;
  }
  if (ng < 2 || ls->count % ng != 0) return FALSE;
  const char *subject = jd_people_named_in(x, t, q, ls->here);
  if (!subject) subject = jd_people_named_in(x, t, s, first_age);
  if (!subject) subject = "users_registered";
  for (guint i = 0; i < ls->count; i++) {
    cand *c = &ls->cands[ls->first + i];
    const char *g = groups[i % ng];
    if (!strcmp(subject, "users_registered")) g_snprintf(c->metric, sizeof c->metric, "users_%s", g);
    else g_snprintf(c->metric, sizeof c->metric, "%s_%s", subject, g);
    c->metric_trigger = NULL;
    c->distributed = TRUE;
    jd_why(c, "分别: age group %u of those listed before it (%s)", i % ng + 1, c->metric);
  }
  return TRUE;
}

/* Metrics listed before 分别 in its clause: 人数、复吸率分别由… */
static guint metrics_listed(jd_extractor *x, const char *t, size_t from, size_t to,
                            gboolean verbs, const jd_lex_entry **out, guint max);

static gboolean by_metrics(jd_extractor *x, const char *t, const list_span *ls)
{
  GPtrArray *metrics = g_ptr_array_new();
  size_t q = ls->cs;
  while (q < ls->here) {
    const jd_lex_entry *m = jd_lex_at(x, JD_LEX_METRIC, t, q, ls->here);
    if (m && (m->number != JD_ROLE_VERB)) {
      gboolean dup = FALSE;
      for (guint k = 0; k < metrics->len; k++)
        if (!strcmp(((const jd_lex_entry *)metrics->pdata[k])->id, m->id)) dup = TRUE;
      if (!dup) g_ptr_array_add(metrics, (gpointer)m);
      q += m->len;
      continue;
    }
    q = jd_next_char(t, ls->here, q);
  }
  /* 群众对毒品危害的正确辨识比例分别为86%和97%: levels in percent are of the
   * metrics that take percent; a noun before them (毒品) names no item */
  gboolean all_percent = ls->count > 0;
  for (guint i = 0; i < ls->count; i++) {
    const cand *c = &ls->cands[ls->first + i];
    if (strcmp(c->unit, "percent") != 0 || !(c->kind == JD_KIND_LEVEL || c->kind == JD_KIND_SHARE ||
                                             c->kind == JD_KIND_RATE))
      all_percent = FALSE;
  }
  guint before = metrics->len, kept = 0;
  for (guint k = 0; all_percent && k < metrics->len; k++)
    if (jd_lexicon_metric_takes_unit(metrics->pdata[k], "percent")) kept++;
  gboolean rates_only = all_percent && before >= 2 && kept == 1;
  if (rates_only) {
    for (guint k = metrics->len; k-- > 0;)
      if (!jd_lexicon_metric_takes_unit(metrics->pdata[k], "percent")) g_ptr_array_remove_index(metrics, k);
  }
  gboolean fits = (metrics->len >= 2 || (before >= 2 && metrics->len == 1)) &&
                  ls->count % metrics->len == 0;
  if (!fits) {
    /* 破案、抓获犯罪嫌疑人、缴毒数同比分别上升…: items named by their verbs too, one
     * for each figure */
    const jd_lex_entry *listed[16];
    guint k = metrics_listed(x, t, ls->cs, ls->here, TRUE, listed, G_N_ELEMENTS(listed));
    if (k >= 2 && k == ls->count) {
      g_ptr_array_set_size(metrics, 0);
      for (guint i = 0; i < k; i++) g_ptr_array_add(metrics, (gpointer)listed[i]);
      fits = TRUE;
    }
  }
  for (guint i = 0; fits && i < ls->count; i++) {
    cand *c = &ls->cands[ls->first + i];
    const jd_lex_entry *m = metrics->pdata[i % metrics->len];
    g_strlcpy(c->metric, m->id, sizeof c->metric);
    c->metric_trigger = m;
    /* "drugs" in general only qualifies seizures (as jd_find_drug says) */
    if (c->drug && !strcmp(c->drug, "all") && strcmp(m->id, "drugs_seized") != 0) c->drug = NULL;
    if ((c->kind == JD_KIND_LEVEL || rates_only) && jd_lexicon_metric_takes_unit(m, "percent") &&
        !strcmp(c->unit, "percent"))
      c->kind = JD_KIND_RATE;
    c->distributed = TRUE;
    jd_why(c, "分别: item %u of the metrics listed before it ('%s')", i % metrics->len + 1,
           m->surface);
  }
  g_ptr_array_unref(metrics);
  return fits;
}

/* Drugs listed before 分别 in its clause: 缴获海洛因、冰毒、鸦片分别为1.2吨、3.4吨和
 * 0.5吨, 海洛因、冰毒片剂缴获量分别占全国的86.5%、93.7%. "毒品" (all drugs) is no
 * item of such a list. */
static gboolean by_drugs(jd_extractor *x, const char *t, const list_span *ls)
{
  const char *drugs[8];
  guint nd = 0;
  size_t q = ls->cs;
  while (q < ls->here && nd < G_N_ELEMENTS(drugs)) {
    const jd_lex_entry *d = jd_lex_at(x, JD_LEX_DRUG, t, q, ls->here);
    if (d) {
      gboolean dup = !strcmp(d->id, "all");
      for (guint k = 0; k < nd && !dup; k++) dup = !strcmp(drugs[k], d->id);
      if (!dup) drugs[nd++] = d->id;
      q += d->len;
      continue;
    }
    q = jd_next_char(t, ls->here, q);
  }
  if (nd < 2 || ls->count % nd != 0) return FALSE;
  for (guint i = 0; i < ls->count; i++) {
    cand *c = &ls->cands[ls->first + i];
    c->drug = drugs[i % nd];
    c->distributed = TRUE;
    jd_why(c, "分别: drug %u of those listed before it (%s)", i % nd + 1, c->drug);
  }
  return TRUE;
}

/* 吸食危害精神毒品和麻醉镇痛剂的人数，分别下跌3%（由5537人下降至5360人）及4%（…）:
 * the drugs named in the sentence before 分别, one to each change after it, and
 * to the two levels (由…至…) that follow each change. */
static gboolean by_drugs_of_changes(jd_extractor *x, const char *t, size_t s, size_t e,
                                    cand *cands, guint n, const list_span *ls)
{
  const char *drugs[8];
  guint nd = 0;
  /* the drugs of the people counted: no figure between them and 分别 */
  size_t from = ls->first ? MAX(s, cands[ls->first - 1].end) : s;
  if (!g_str_has_prefix(cands[ls->first].metric, "users_")) return FALSE;
  for (size_t q = from; q < ls->here && nd < G_N_ELEMENTS(drugs);) {
    const jd_lex_entry *d = jd_lex_at(x, JD_LEX_DRUG, t, q, ls->here);
    if (!d) {
      q = jd_next_char(t, ls->here, q);
      continue;
    }
    gboolean dup = !strcmp(d->id, "all");
    for (guint k = 0; k < nd && !dup; k++) dup = !strcmp(drugs[k], d->id);
    if (!dup) drugs[nd++] = d->id;
    q += d->len;
  }
  guint changes = 0;
  for (guint i = ls->first; i < n && cands[i].n.start < e; i++)
    if (cands[i].kind != JD_KIND_LEVEL) changes++;
  if (nd < 2 || changes != nd) return FALSE;
  guint k = 0;
  for (guint i = ls->first; i < n && cands[i].n.start < e; i++) {
    cand *c = &cands[i];
    gboolean level = c->kind == JD_KIND_LEVEL;
    if (!level) k++;
    if (!k || (level && !c->is_from && !c->is_to)) return k > 0;
    c->drug = drugs[k - 1];
    c->distributed = TRUE;
    jd_why(c, "分别: drug %u of those named before it (%s)", k, c->drug);
  }
  return TRUE;
}

/* c becomes the figure of one year of a list over a span; a change's base
 * is then the year before it (降幅分别是14%、16%: each against its year before). */
static void one_year_of_list(cand *c, int year)
{
  memset(&c->period, 0, sizeof c->period);
  c->period.year = year;
  c->distributed = TRUE;
  if (c->kind != JD_KIND_LEVEL && c->base.year > 0 && !c->vs_other) {
    memset(&c->base, 0, sizeof c->base);
    c->base.year = year - 1;
  }
}

/* Whether the figures of ls all have one span of as many years as they are
 * (分析某县2017—2019年…，其破获案件数依次为94起、41起、43起；缴获毒品数为…): then
 * each is one of its years. */
static gboolean by_years_of_period(const list_span *ls)
{
  const jd_period *p = &ls->cands[ls->first].period;
  /* (去年12月至今年4月…分别占75%和74%: months across a new year are no years) */
  if (p->year <= 0 || p->year_to <= p->year || p->month_from ||
      (guint)(p->year_to - p->year + 1) != ls->count)
    return FALSE;
  for (guint i = 1; i < ls->count; i++) {
    const jd_period *q = &ls->cands[ls->first + i].period;
    if (q->year != p->year || q->year_to != p->year_to) return FALSE;
  }
  int from = p->year;
  for (guint i = 0; i < ls->count; i++) {
    cand *c = &ls->cands[ls->first + i];
    one_year_of_list(c, from + (int)i);
    jd_why(c, "list: year %d of the span, in order", c->period.year);
  }
  return TRUE;
}

/* The years of a span named before 分别: 2020年至2022年…分别为59.23%、64.37%、79.02% */
static gboolean by_years(jd_extractor *x, const list_span *ls)
{
  for (guint m = 0; m < x->tmarks->len; m++) {
    const time_marker *tm = &g_array_index(x->tmarks, time_marker, m);
    if (tm->pos >= ls->here || tm->period.year <= 0 || tm->period.year_to <= tm->period.year ||
        tm->period.month_from)
      continue;
    if ((guint)(tm->period.year_to - tm->period.year + 1) != ls->count) continue;
    for (guint i = 0; i < ls->count; i++) {
      cand *c = &ls->cands[ls->first + i];
      one_year_of_list(c, tm->period.year + (int)i);
      jd_why(c, "分别: year %d of the span", c->period.year);
    }
    return TRUE;
  }
  return by_years_of_period(ls);
}

/* Base years listed before 分别 (比2015年、2016年、2017年分别下降63%、56%和43%):
 * each change is against its own base year. */
static gboolean by_base_years(jd_extractor *x, const list_span *ls)
{
  int years[16];
  guint k = 0;
  for (guint m = 0; m < x->tmarks->len && k < G_N_ELEMENTS(years); m++) {
    const time_marker *tm = &g_array_index(x->tmarks, time_marker, m);
    if (tm->pos >= ls->here) continue; /* (其中…分别下降: the years said before 其中) */
    if (tm->binding == TM_BASE && tm->period.year > 0 && !tm->period.year_to) years[k++] = tm->period.year;
  }
  if (k < 2 || k != ls->count) return FALSE;
  for (guint i = 0; i < ls->count; i++)
    if (ls->cands[ls->first + i].kind == JD_KIND_LEVEL) return FALSE;
  for (guint i = 0; i < ls->count; i++) {
    cand *c = &ls->cands[ls->first + i];
    memset(&c->base, 0, sizeof c->base);
    c->base.year = years[i];
    c->has_base = TRUE;
    c->distributed = TRUE;
    jd_why(c, "分别: against base year %d, the %u. of those listed", years[i], i + 1);
  }
  return TRUE;
}

/* Changes after 分别 go with the levels stated before them (同比分别上升33%和
 * 21.6%), in the paragraph or the sentence; a from→to pair counts once. Gaps in
 * percentage points go with the rates before them (重刑率为22.08%，…为23.06%，分别
 * 高出…11.29和13.85个百分点), and a gap against something other than a period
 * keeps its base unknown. */
static void by_levels_before(jd_extractor *x, const list_span *ls)
{
  GPtrArray *items = g_ptr_array_new();
  gboolean pp = ls->cands[ls->first].kind == JD_KIND_CHANGE_PP;
  for (guint i = 0; i < x->para_items->len; i++) {
    cand *it = &g_array_index(x->para_items, cand, i);
    if (it->is_from) continue;
    g_ptr_array_add(items, it);
  }
  for (guint i = 0; i < ls->first; i++) {
    cand *it = &ls->cands[i];
    gboolean rate = pp && (it->kind == JD_KIND_RATE || it->kind == JD_KIND_SHARE);
    if ((it->kind != JD_KIND_LEVEL && !rate) || it->is_from) continue;
    g_ptr_array_add(items, it);
  }
  for (guint i = 0; items->len >= ls->count && i < ls->count; i++) {
    cand *c = &ls->cands[ls->first + i];
    const cand *it = items->pdata[items->len - ls->count + i];
    copy_item(c, it);
    c->period = it->period;
    /* 较2015年高峰时期分别下降了85.33%和68.77%: the base named stays; 分别高出
     * 同期全部刑事案件…: no period is the base */
    if (!c->vs_other &&
        (!c->base_named || c->base.year <= 0 || c->base.year >= it->period.year))
      c->base = jd_period_previous(&it->period);
    c->has_base = TRUE;
    c->distributed = TRUE;
    char pbuf[32];
    jd_period_format(&it->period, pbuf, sizeof pbuf);
    jd_why(c, "分别: change %u of %u goes with the level %s %s", i + 1, ls->count, it->metric,
           pbuf);
  }
  g_ptr_array_unref(items);
}

/* 分别 hands out the figures after it, in order, to the items before it:
 * places (besides anything else), then the first that fits of age groups,
 * metrics listed before it (人数、复吸率分别由…), drugs (海洛因、冰毒分别为…), the years of a span
 * (2020年至2022年…分别为), or — for changes — the levels stated earlier. */
/* Levels listed with 、 or 和 and no 分别 (2017—2019年…缴获毒品数为55.3千克、
 * 53.3千克、51.5千克): as many as the years of their span, one a year. */
static void implicit_year_lists(cand *cands, guint n)
{
  for (guint i = 0; i < n;) {
    guint k = 1;
    while (i + k < n && cands[i + k].list_cont && cands[i + k].clause_start == cands[i].clause_start)
      k++;
    gboolean fits = k >= 2 && cands[i].kind == JD_KIND_LEVEL && !cands[i].distributed &&
                    !cands[i].is_from && !cands[i].is_to;
    for (guint j = 1; fits && j < k; j++) fits = cands[i + j].kind == JD_KIND_LEVEL;
    if (fits) {
      list_span ls = {cands, i, k, cands[i].clause_start, cands[i].n.start};
      by_years_of_period(&ls);
    }
    i += k;
  }
}

/* 海洛因及K仔有四十七及一百卅五公斤，增幅有五成七及四成四: numbers sharing one
 * measure word, after as many drugs named in their clause, are those drugs' in
 * order, even with no 分别; so are as many changes listed right after levels
 * handed to drugs (…分别有604及359公斤，较前年增加1.7及1.5倍). */
static void implicit_drug_lists(jd_extractor *x, const char *t, cand *cands, guint n)
{
  for (guint i = 0; i < n; i++) {
    guint k = 1;
    while (i + k < n && cands[i + k].list_cont && cands[i + k].clause_start == cands[i].clause_start)
      k++;
    gboolean fits = k >= 2 && !strcmp(cands[i].metric, "drugs_seized"), handed = fits;
    for (guint j = 0; fits && j < k; j++) {
      fits = cands[i + j].kind == JD_KIND_LEVEL && !strcmp(cands[i + j].metric, cands[i].metric);
      handed = handed && cands[i + j].distributed && cands[i + j].drug;
    }
    list_span ls = {cands, i, k, cands[i].clause_start, cands[i].n.start};
    /* handed out by 分别 already, or now: numbers sharing one measure word */
    if (!fits || !(handed || (cands[i].shared_unit && !cands[i].distributed && by_drugs(x, t, &ls))))
      continue;
    /* the changes listed right after: as many, of the same metric */
    guint c0 = i + k, m = 0;
    while (c0 + m < n && cands[c0 + m].kind != JD_KIND_LEVEL && !cands[c0 + m].distributed &&
           !strcmp(cands[c0 + m].metric, cands[i].metric) && (m == 0 || cands[c0 + m].list_cont))
      m++;
    if (m == k && !jd_drug_in(x, t, cands[i + k - 1].end, cands[c0].n.start)) {
      for (guint j = 0; j < m; j++) {
        cand *c = &cands[c0 + j];
        c->drug = cands[i + j].drug;
        c->distributed = TRUE;
        jd_why(c, "the change of drug %u of the levels listed before it (%s)", j + 1, c->drug);
      }
    }
    i += k - 1;
  }
}

/* 移送起诉毒品案件数和…人数同比分别上升26.62%和35.11%: changes whose own clause names
 * what they count by a verb before 分别 (after any figure before them) are of that,
 * not of the levels stated earlier in the sentence */
static gboolean names_own_metric(const list_span *ls)
{
  const cand *c = &ls->cands[ls->first];
  size_t from = ls->first ? MAX(ls->cs, ls->cands[ls->first - 1].end) : ls->cs;
  if (!c->metric_trigger || c->trigger_end <= from || c->trigger_end > ls->here) return FALSE;
  /* 缉获毒品163件，价值…，查获件数、价值分别较前年成长…: a verb of finding (or of a
   * level before) restates the levels before; a verb of a later step (起诉, 逮捕,
   * 判处) names counts of its own */
  static const char *const finding[] = {"drugs_seized", "cases_solved", "suspects_arrested"};
  const char *own = c->metric_trigger->id;
  for (size_t k = 0; k < G_N_ELEMENTS(finding); k++)
    if (!strcmp(own, finding[k])) return FALSE;
  for (guint i = 0; i < ls->first; i++)
    if (!strcmp(ls->cands[i].metric, own)) return FALSE;
  return TRUE;
}

void jd_distribute(jd_extractor *x, const char *t, size_t s, size_t e, cand *cands, guint n)
{
  size_t p = s;
  const jd_lex_entry *w;
  while ((w = jd_cue_find(CUES(x, RESPECTIVELY), t, p, e, &p))) {
    list_span ls = {cands, n, 0, 0, p};
    p += w->len;
    size_t cl_end = e;
    for (guint i = 0; i < n; i++) {
      if (cands[i].n.start > ls.here && cands[i].clause_start <= ls.here && ls.first == n) {
        ls.first = i;
        cl_end = cands[i].clause_end;
      }
    }
    if (ls.first == n) continue;
    guint i = ls.first;
    for (; i < n && cands[i].n.start < cl_end; i++) ls.count++;
    /* 分别上升12.5%，9.1%，30.2%: numbers alone in the clauses after it, listed on */
    for (; i < n && cands[i].list_cont && cands[i].clause_start > cands[i - 1].n.start; i++) ls.count++;
    if (ls.count < 2) continue;
    ls.cs = cands[ls.first].clause_start;
    by_places(x, &ls);
    if (by_age_groups(x, t, s, &ls) || by_metrics(x, t, &ls) || by_drugs(x, t, &ls) ||
        by_base_years(x, &ls) || by_years(x, &ls) || by_drugs_of_changes(x, t, s, e, cands, n, &ls))
      continue;
    if (cands[ls.first].kind != JD_KIND_LEVEL && !names_own_metric(&ls)) by_levels_before(x, &ls);
  }
  implicit_drug_lists(x, t, cands, n);
  implicit_year_lists(cands, n);
}

/* ---- 均: one value for each item ----------------------------------------------------- */

/* The metrics listed in t[from, to) (nouns; with verbs, 破案数 and 缴毒数 too), at
 * most max, in order. */
static guint metrics_listed(jd_extractor *x, const char *t, size_t from, size_t to,
                            gboolean verbs, const jd_lex_entry **out, guint max)
{
  guint k = 0;
  size_t q = from;
  while (q < to && k < max) {
    const jd_lex_entry *m = jd_lex_at(x, JD_LEX_METRIC, t, q, to);
    if (m && (verbs || m->number != JD_ROLE_VERB)) {
      gboolean dup = FALSE;
      for (guint i = 0; i < k; i++) dup = dup || !strcmp(out[i]->id, m->id);
      if (!dup) out[k++] = m;
      q += m->len;
      continue;
    }
    q = jd_next_char(t, to, q);
  }
  return k;
}

/* 破案数、抓人数、缴毒数占全国的比例均由60%左右提升到70%左右, 人数和案件数均下降
 * 10%: after 均 (cues.tsv, each) each figure of its clause holds for every metric
 * listed before it; the figure is emitted once per metric. */
static guint each_item_metrics(jd_extractor *x, const char *t, const cand *c,
                               const jd_lex_entry **out, guint max)
{
  const jd_cue_set *each = CUES(x, EACH);
  size_t at = (size_t)-1;
  for (size_t i = 0; i < each->count && at == (size_t)-1; i++) {
    const jd_lex_entry *w = each->entries[i];
    at = jd_rfind_lit(t, c->clause_start, c->n.start, w->surface);
    if (at != (size_t)-1 && *w->extra) {
      gunichar b = jd_char_before(t, c->clause_start, at, NULL);
      for (const char *e = w->extra; b && *e; e = g_utf8_next_char(e))
        if (g_utf8_get_char(e) == b) at = (size_t)-1;
    }
  }
  if (at == (size_t)-1 || c->distributed) return 0;
  guint k = metrics_listed(x, t, c->clause_start, at, TRUE, out, max);
  return k >= 2 ? k : 0;
}

void jd_emit_each(jd_extractor *x, const char *t, unsigned line, cand *cs, guint n)
{
  for (guint i = 0; i < n; i++) {
    cand *c = &cs[i];
    const jd_lex_entry *ms[8];
    guint k = each_item_metrics(x, t, c, ms, G_N_ELEMENTS(ms));
    if (!k) {
      jd_emit_figure(x, t, line, c);
      continue;
    }
    cand one = *c;
    GString *why = c->why;
    for (guint j = 0; j < k; j++) {
      if (why) one.why = g_string_new(why->str);
      one.drug = strcmp(ms[j]->id, c->metric) == 0 ? c->drug : NULL;
      g_strlcpy(one.metric, ms[j]->id, sizeof one.metric);
      one.metric_trigger = ms[j];
      if (one.kind == JD_KIND_LEVEL && !strcmp(one.unit, "percent"))
        one.kind = jd_lexicon_metric_takes_unit(ms[j], "percent") ? JD_KIND_RATE : JD_KIND_SHARE;
      jd_why(&one, "均: item %u of %u metrics listed before it ('%s')", j + 1, k, ms[j]->surface);
      jd_emit_figure(x, t, line, &one);
      if (one.why) g_string_free(one.why, TRUE);
    }
  }
}

/* ---- 其中: parts of a whole ------------------------------------------------------------ */

static gboolean same_str(const char *a, const char *b)
{
  return !strcmp(a ? a : "", b ? b : "");
}

static gboolean same_period(const jd_period *a, const jd_period *b)
{
  return a->year == b->year && a->year_to == b->year_to && a->half == b->half &&
         a->quarter == b->quarter && a->month_from == b->month_from && a->month_to == b->month_to;
}

/* The part-of-whole word (subsets.tsv) nearest to `to` in t[from, to). */
static const jd_lex_entry *subset_word_in(jd_extractor *x, const char *t, size_t from, size_t to)
{
  const jd_lex_entry *found = NULL;
  size_t p = from;
  while (p < to) {
    const jd_lex_entry *e = jd_lex_at(x, JD_LEX_SUBSET, t, p, to);
    if (e) {
      found = e;
      p += e->len;
      continue;
    }
    p = jd_next_char(t, to, p);
  }
  return found;
}

/* The next word of subsets.tsv marked bare in c's own words from *p on,
 * with *p moved past it; NULL at c's number. */
static const jd_lex_entry *next_bare_part(jd_extractor *x, const char *t, const cand *c, size_t *p)
{
  while (*p < c->n.start) {
    const jd_lex_entry *w = jd_lex_at(x, JD_LEX_SUBSET, t, *p, c->n.start);
    if (!w) {
      *p = jd_next_char(t, c->n.start, *p);
      continue;
    }
    *p += w->len;
    if (!strcmp(w->arg, "bare")) return w;
  }
  return NULL;
}

/* 有罪人数4万625人（男性占八成八、女性占一成二）: a share whose own words are a
 * part's word (subsets.tsv, bare) right before 占 is that part's share of the
 * count before it. */
static void share_of_bare_part(jd_extractor *x, const char *t, cand *c)
{
  /* a whole's share only (not one already a part's: 其中女性80名，占16%) */
  if (!c->metric[0] || !jd_metric_title(c->metric)) return;
  size_t p = c->seg_start;
  for (const jd_lex_entry *w; (w = next_bare_part(x, t, c, &p));) {
    if (!jd_has_prefix_at(t, c->n.start, p, "占")) continue;
    char buf[48];
    g_snprintf(buf, sizeof buf, "%s_%s", c->metric, w->id);
    jd_why(c, "metric %s: '%s占' names a part of %s", buf, w->surface, c->metric);
    g_strlcpy(c->metric, buf, sizeof c->metric);
    return;
  }
}

/* 女性吸毒人员6000名, 抓获女性贩毒人员31名，占48%: a part named by a word right
 * before the figure's own noun, without 其中 (subsets.tsv rows marked bare).
 * The shares and changes after it that took its metric follow it. */
void jd_apply_bare_parts(jd_extractor *x, const char *t, cand *cs, guint n)
{
  char from_metric[48] = "", to_metric[48] = "";
  for (guint i = 0; i < n; i++) {
    cand *c = &cs[i];
    /* the levels of a renamed change (女性吸毒者人数减少了27.5%，由918人减少至666人)
     * and the shares and changes after a renamed part follow it */
    gboolean follows = c->kind != JD_KIND_LEVEL || c->is_from || c->is_to;
    if (follows && to_metric[0] && !strcmp(c->metric, from_metric) &&
        !jd_best_trigger(x, t, c->seg_start, c->n.start, c, c->n.start).e) {
      g_strlcpy(c->metric, to_metric, sizeof c->metric);
      jd_why(c, "metric %s: follows the part before it", c->metric);
      continue;
    }
    if (c->kind == JD_KIND_SHARE) {
      share_of_bare_part(x, t, c);
      continue;
    }
    from_metric[0] = to_metric[0] = 0;
    if (!c->metric[0] || !strcmp(c->metric, "other")) continue;
    size_t p = c->seg_start;
    for (const jd_lex_entry *w; (w = next_bare_part(x, t, c, &p));) {
      const jd_lex_entry *m = jd_lex_at(x, JD_LEX_METRIC, t, p, c->n.start);
      /* 新发现青少年吸毒人员1200名: the noun of people after the part's word is the
       * figure's own even when a phrase (新发现) named its metric */
      gboolean own_people = m && m->number == JD_ROLE_NOUN && jd_lexicon_metric_takes_unit(m, "person") &&
                            c->metric_trigger && c->metric_trigger->number == JD_ROLE_PHRASE &&
                            !strcmp(c->metric_trigger->id, c->metric) &&
                            !strpbrk(c->metric_trigger->surface, "0123456789") && /* no age group */
                            jd_lexicon_metric_takes_unit(c->metric_trigger, "person");
      if (!m || (strcmp(m->id, c->metric) != 0 && !own_people)) continue;
      char buf[48];
      g_snprintf(buf, sizeof buf, "%s_%s", c->metric, w->id);
      g_strlcpy(from_metric, c->metric, sizeof from_metric);
      g_strlcpy(to_metric, buf, sizeof to_metric);
      g_strlcpy(c->metric, buf, sizeof c->metric);
      jd_why(c, "metric %s: '%s' names a part of %s", c->metric, w->surface, from_metric);
      break;
    }
  }
}

/* 查获吸毒人员151人，其中吸食海洛因23人，占15.2%；冰毒121人，占80.1%: a count of people
 * that names a drug and nothing counted, after 其中 a whole of drug users, is the users
 * of that drug (its share after it too) */
static gboolean drug_part_of_users(cand *c, const cand *w, const cand *renamed_prev,
                                   const char *renamed_from)
{
  if (strcmp(c->metric, "other") != 0 || c->metric_trigger || !c->drug ||
      !strcmp(c->drug, "all") || !g_str_has_prefix(w->metric, "users_"))
    return FALSE;
  if (c->kind == JD_KIND_LEVEL && same_str(c->unit, w->unit)) {
    g_strlcpy(c->metric, w->metric, sizeof c->metric);
  } else if (c->kind == JD_KIND_SHARE && renamed_prev && !strcmp(renamed_from, "other") &&
             same_str(renamed_prev->drug, c->drug)) {
    g_strlcpy(c->metric, renamed_prev->metric, sizeof c->metric);
  } else {
    return FALSE;
  }
  jd_why(c, "metric %s: the users of a drug (其中), a part of the %s stated before it", c->metric,
         w->metric);
  return TRUE;
}

/* 缴获毒品65.1吨，其中冰毒21.4吨 / 破获案件54起，其中妇女参与的31起: a figure after
 * 其中 counts a part of the figure before it. A part that came out with the whole's
 * own metric, drug, place (and, for a count, unit and period) would read as a
 * second value of the whole: it becomes METRIC_TAG after the word naming the part
 * (subsets.tsv), or METRIC_part. Shares and changes of a renamed part follow it.
 * The scope of 其中 runs to the end of the sentence (through ；). */
void jd_apply_subsets(jd_extractor *x, const char *t, size_t s, size_t e, cand *cs, guint n)
{
  size_t p = s;
  guint i = 0;
  const cand *renamed_prev = NULL;
  char renamed_from[48] = "";
  for (;;) {
    size_t q = jd_find_lit(t, p, e, "其中");
    size_t stop = q == (size_t)-1 ? e : q;
    for (; i < n && cs[i].n.start < stop; i++) {
      cand *c = &cs[i];
      if (!x->sub_active) continue;
      const cand *w = &x->sub_parent;
      /* a part is counted where its whole is, unless its sentence names a place */
      if (c->region_is_doc && strcmp(c->region, w->region) != 0) {
        g_strlcpy(c->region, w->region, sizeof c->region);
        jd_why(c, "region %s: that of the whole it is a part of (其中)", c->region);
      }
      if (!w->metric[0] || !strcmp(w->metric, "other")) continue;
      if (drug_part_of_users(c, w, renamed_prev, renamed_from)) {
        g_strlcpy(renamed_from, "other", sizeof renamed_from);
        renamed_prev = c;
        continue;
      }
      if (!same_str(c->metric, w->metric) || !same_str(c->drug, w->drug) ||
          !same_str(c->region, w->region))
        continue;
      gboolean level = c->kind == JD_KIND_LEVEL;
      if (level && (!same_str(c->unit, w->unit) || !same_period(&c->period, &w->period)))
        continue;
      size_t from = MAX(c->seg_start, x->sub_pos);
      if (from > c->n.start) from = c->n.start;
      const jd_lex_entry *word = subset_word_in(x, t, from, c->n.start);
      char buf[48];
      if (word) {
        g_snprintf(buf, sizeof buf, "%s_%s", w->metric, word->id);
      } else if (!level && renamed_prev && !strcmp(renamed_from, c->metric)) {
        g_strlcpy(buf, renamed_prev->metric, sizeof buf); /* 其中女性250名，占8% */
      } else if (level) {
        g_snprintf(buf, sizeof buf, "%s_part", w->metric);
      } else {
        continue;
      }
      g_strlcpy(renamed_from, c->metric, sizeof renamed_from);
      g_strlcpy(c->metric, buf, sizeof c->metric);
      c->metric_trigger = NULL;
      renamed_prev = c;
      jd_why(c, "metric %s: a part (其中%s%s) of the %s stated before it", c->metric,
          word ? ", " : "", word ? word->surface : "", w->metric);
    }
    if (q == (size_t)-1) break;
    /* the whole: the last count before 其中 in this sentence, else in the paragraph */
    const cand *whole = NULL;
    for (guint j = i; j-- > 0;)
      if (cs[j].kind == JD_KIND_LEVEL && cs[j].end <= q) {
        whole = &cs[j];
        break;
      }
    if (!whole && x->para_items->len)
      whole = &g_array_index(x->para_items, cand, x->para_items->len - 1);
    x->sub_active = whole != NULL;
    if (whole) {
      x->sub_parent = *whole;
      x->sub_parent.why = NULL;
      x->sub_pos = q + 6;
    }
    p = q + 6;
  }
  /* a sentence ending with 。 (not ；) closes the scope */
  size_t end = e;
  while (end > s && (t[end - 1] == ' ' || t[end - 1] == '\n')) end--;
  if (!lit_before(t, s, end, "；") && !lit_before(t, s, end, ";")) x->sub_active = FALSE;
  x->sub_pos = 0; /* offsets of a later sentence start before any 其中 of it */
}
