/* A figure's metric and drug: the strongest trigger (metrics.tsv: phrase, verb,
 * noun) before it, after it or earlier in the sentence, drug names governing
 * weights, and age groups (18岁以下, 18至35岁, 未成年) naming a part of the
 * people counted (users_under_35, suspects_arrested_minor). */
#include <math.h>
#include <string.h>

#include "extract/extract-private.h"

static gboolean unit_ok(const cand *c, const jd_lex_entry *e)
{
  const char *unit = c->unit;
  gboolean pct = !strcmp(unit, "percent") || !strcmp(unit, "permille");
  if (c->kind == JD_KIND_LEVEL && pct)
    return jd_lexicon_metric_takes_unit(e, "percent");
  if (c->kind == JD_KIND_RATE) return jd_lexicon_metric_takes_unit(e, "percent");
  /* 复吸率低于全市4.4个百分点: percentage points are a rate's change */
  if (c->kind == JD_KIND_CHANGE_PP || !strcmp(unit, "percentage_point"))
    return jd_lexicon_metric_takes_unit(e, "percent");
  if (c->kind != JD_KIND_LEVEL) return !jd_lexicon_metric_takes_unit(e, "percent") ||
                                       !strcmp(e->extra, "*");
  return jd_lexicon_metric_takes_unit(e, unit);
}

/* Whether one of the words of list (separated by |) is written in t[from, to). */
static gboolean some_word_in(const char *t, size_t from, size_t to, const char *list)
{
  for (const char *w = list; *w;) {
    const char *bar = strchr(w, '|');
    size_t n = bar ? (size_t)(bar - w) : strlen(w);
    g_autofree char *word = g_strndup(w, n);
    if (n && jd_find_lit(t, from, to, word) != (size_t)-1) return TRUE;
    w += n + (bar ? 1 : 0);
  }
  return FALSE;
}

/* The strongest trigger in t[from, to) that fits c: phrase > verb > noun,
 * then the nearest to `near` (the figure). Drug names count as nouns of
 * drugs_seized. */
static gboolean is_mass(const char *unit)
{
  return !strcmp(unit, "kg") || !strcmp(unit, "pill") || !strcmp(unit, "tablet") ||
         !strcmp(unit, "litre"); /* 4.5公升液态可卡因 */
}

/* Whether the trigger e at p ends a longer drug name that starts at most 12
 * bytes before it (危害精神毒品, 第一级毒品). */
static gboolean inside_drug_name(jd_extractor *x, const char *t, size_t from, size_t p,
                                 const jd_lex_entry *e)
{
  for (size_t b = p > from + 12 ? p - 12 : from; b < p; b = jd_next_char(t, p, b)) {
    const jd_lex_entry *d = jd_lex_at(x, JD_LEX_DRUG, t, b, p + e->len);
    if (d && b + d->len == p + e->len) return TRUE;
  }
  return FALSE;
}

trigger_hit jd_best_trigger(jd_extractor *x, const char *t, size_t from, size_t to,
                                const cand *c, size_t near)
{
  trigger_hit best = {NULL, 0};
  size_t p = from, covered = 0;
  gboolean best_attr = FALSE;
  while (p < to) {
    const jd_lex_entry *e = jd_lex_at(x, JD_LEX_METRIC, t, p, to);
    /* 社区康复 inside 社区戒毒社区康复 is part of the longer trigger */
    if (e && p + e->len <= covered) e = NULL;
    /* 吸食冰毒的人数: 人数 counts users only after 吸食 */
    if (e && *e->parent && !some_word_in(t, from, p, e->parent)) e = NULL;
    if (e) covered = p + e->len;
    /* 最常被吸食的危害精神毒品，占总人数约五成: 毒品 inside a drug's name counts
     * no seizure of a share or of people */
    if (e && e->number == JD_ROLE_NOUN && !is_mass(c->unit) && inside_drug_name(x, t, from, p, e))
      e = NULL;
    if (e && unit_ok(c, e)) {
      /* 销毁…缴获的各类毒品2026公斤: a verb before 的 qualifies a noun; the
       * clause's own verb wins over it */
      gboolean attr = e->number == JD_ROLE_VERB && jd_has_prefix_at(t, to, p + e->len, "的");
      gboolean better = !best.e || e->number > best.e->number ||
                        (e->number == best.e->number && best_attr && !attr) ||
                        (e->number == best.e->number && best_attr == attr &&
                         (near >= to ? p >= best.pos : p <= best.pos));
      if (better) {
        best.e = e;
        best.pos = p;
        best_attr = attr;
      }
    }
    p = jd_next_char(t, to, p);
  }
  return best;
}

const char *jd_drug_in(jd_extractor *x, const char *t, size_t from, size_t to)
{
  const char *drug = NULL;
  size_t p = from, drug_end = (size_t)-1;
  while (p < to) {
    const jd_lex_entry *e = jd_lex_at(x, JD_LEX_DRUG, t, p, to);
    if (e) {
      /* the last one before the figure wins, but 依托咪酯类毒品 is still 依托咪酯 */
      gboolean kind_of = drug && strcmp(drug, "all") != 0 && !strcmp(e->id, "all") &&
                         drug_end + strlen("类") == p && jd_has_prefix_at(t, to, drug_end, "类");
      if (!kind_of) drug = e->id;
      p += e->len;
      drug_end = p;
      /* 第一级毒品(海洛因、吗啡等): the drugs in brackets after a drug's name are
       * its examples, not what is counted */
      if (p < to && (t[p] == '(' || jd_has_prefix_at(t, to, p, "（"))) {
        size_t close = jd_find_lit(t, p, to, t[p] == '(' ? ")" : "）");
        if (close != (size_t)-1) p = close + (t[p] == '(' ? 1 : strlen("）"));
      }
      continue;
    }
    p = jd_next_char(t, to, p);
  }
  return drug;
}

/* 在现有吸毒人员中占0.064%: the denominator is not the subject */
static size_t skip_denominator(const char *t, size_t from, size_t to)
{
  size_t z = jd_find_lit(t, from, to, "在");
  if (z != (size_t)-1 && z <= from + 6) {
    size_t e = jd_rfind_lit(t, z, to, "中");
    if (e != (size_t)-1 && e + 3 >= to - 3) return (size_t)-1;
  }
  return to;
}

/* ---- age groups ------------------------------------------------------------------ */

/* The numeral of the paragraph that ends exactly at p, or NULL. */
static const jd_numeral *numeral_ending_at(const jd_extractor *x, size_t p)
{
  guint lo = 0, hi = x->nums->len;
  while (lo < hi) { /* the first numeral starting at or after p */
    guint mid = lo + (hi - lo) / 2;
    if (g_array_index(x->nums, jd_numeral, mid).start < p) lo = mid + 1;
    else hi = mid;
  }
  for (guint i = lo; i-- > 0;) {
    const jd_numeral *m = &g_array_index(x->nums, jd_numeral, i);
    if (m->end == p) return m;
    if (m->end < p) break;
  }
  return NULL;
}

/* The whole number before 岁 or 周岁 at p (p points at 岁), or -1. */
static int age_before(const jd_extractor *x, const char *t, size_t lo, size_t p,
                      const jd_numeral **out)
{
  if (lit_before(t, lo, p, "周")) p -= 3;
  const jd_numeral *m = numeral_ending_at(x, p);
  if (!m || m->start < lo || m->kind != JD_NUM_NUMBER || m->value != floor(m->value) ||
      !(m->value >= 0 && m->value_high <= 120))
    return -1;
  *out = m;
  return (int)m->value;
}

/* Names the age group stated in t[from, to) nearest to `to` (18岁以下, 不满18周岁,
 * 18至35岁, 十八岁至三十五岁, 60岁及以上, 36-59岁, 未成年) into group: "minor",
 * "18_35", "under_35", "36_59", "over_35", "over_60", or "under_N", "over_N",
 * "A_B" for other bounds. Returns the position where the expression starts, or
 * (size_t)-1. */
size_t jd_age_group_in(const jd_extractor *x, const char *t, size_t from, size_t to,
                           char *group, size_t size, size_t *first_end)
{
  size_t found = (size_t)-1;
  size_t p = from;
  while ((p = jd_find_lit(t, p, to, "岁")) != (size_t)-1) {
    size_t at = p;
    p += 3;
    const jd_numeral *a = NULL;
    int n = age_before(x, t, from, at, &a);
    if (n < 0) continue;
    int lo = -1, hi = -1; /* inclusive bounds; -1 open */
    size_t after = p, start = a->start;
    if (a->is_range) {
      lo = n;
      hi = (int)a->value_high;
    } else {
      /* 18岁至35岁, 18周岁到35周岁 */
      const jd_lex_entry *w = jd_cue_at(CUES(x, AGE_TO), t, to, after);
      if (w) {
        size_t r = after + w->len, s2 = jd_find_lit(t, r, MIN(to, r + 24), "岁");
        const jd_numeral *b = NULL;
        int m2 = s2 != (size_t)-1 ? age_before(x, t, r, s2, &b) : -1;
        if (m2 > n && b->start == r) {
          lo = n;
          hi = m2;
          after = p = s2 + 3;
        }
      }
    }
    if (lo < 0) {
      gboolean neg = jd_cue_before(CUES(x, AGE_BELOW), t, from, start) != NULL;
      size_t q = after;
      if (lit_at(t, to, q, "(含)")) q += 5;
      if (lit_at(t, to, q, "及") || lit_at(t, to, q, "或")) q += 3;
      if (neg) {
        hi = n - 1; /* 不满18岁: at most 17 */
      } else if (lit_at(t, to, q, "以下")) {
        hi = n;
        after = q + 6;
      } else if (lit_at(t, to, q, "以上")) {
        lo = n;
        after = q + 6;
      } else {
        continue; /* 年龄最小的14岁: an age, not a group */
      }
      if (hi >= 0) lo = 0;
    }
    /* name the group the way the statistics do */
    if (lo <= 0 && hi >= 0 && hi <= 18) g_strlcpy(group, "minor", size);
    else if (lo <= 0 && (hi == 35 || hi == 34)) g_strlcpy(group, "under_35", size);
    else if (lo <= 0) g_snprintf(group, size, "under_%d", hi);
    else if (hi < 0 && (lo == 35 || lo == 36)) g_strlcpy(group, "over_35", size);
    else if (hi < 0 && lo == 60) g_strlcpy(group, "over_60", size);
    else if (hi < 0) g_snprintf(group, size, "over_%d", lo);
    else if (lo == 18 && hi == 35) g_strlcpy(group, "18_35", size);
    else if ((lo == 35 || lo == 36) && (hi == 59 || hi == 60)) g_strlcpy(group, "36_59", size);
    else g_snprintf(group, size, "%d_%d", lo, hi);
    found = start;
    if (first_end) { /* the first expression only (a list is read left to right) */
      size_t u = jd_find_lit(t, from, start, "未成年");
      if (u != (size_t)-1) {
        g_strlcpy(group, "minor", size);
        *first_end = u + 9;
        return u;
      }
      *first_end = after;
      return found;
    }
  }
  /* 未成年人, 未成年吸毒人员 (no number) */
  size_t u = jd_rfind_lit(t, from, to, "未成年");
  if (u != (size_t)-1 && (found == (size_t)-1 || u > found)) {
    g_strlcpy(group, "minor", size);
    found = u;
    if (first_end) *first_end = u + 9;
  }
  return found;
}

static gboolean is_age_metric(const char *m)
{
  if (!g_str_has_prefix(m, "users_")) return FALSE;
  m += 6;
  return g_ascii_isdigit(*m) || g_str_has_prefix(m, "minor") || g_str_has_prefix(m, "under_") ||
         g_str_has_prefix(m, "over_");
}

/* The last metric of people (not an age group) named in t[from, to), or NULL. */
const char *jd_people_named_in(jd_extractor *x, const char *t, size_t from, size_t to)
{
  const char *found = NULL;
  for (size_t p = from; p < to;) {
    const jd_lex_entry *e = jd_lex_at(x, JD_LEX_METRIC, t, p, to);
    if (e && !is_age_metric(e->id) && jd_lexicon_metric_takes_unit(e, "person") &&
        strcmp(e->id, "other") != 0) {
      found = e->id;
      p += e->len;
      continue;
    }
    p = jd_next_char(t, to, p);
  }
  return found;
}

/* Where an age group's suffix starts in a metric id (new_users_under_35:
 * "_under_35"), or NULL. */
static const char *age_suffix(const char *metric)
{
  const char *age = metric[0] ? strstr(metric, "_over_") : NULL;
  return age ? age : metric[0] ? strstr(metric, "_under_") : NULL;
}

/* A figure of people in an age group. The group belongs to the people the
 * sentence is about: registered users (users_over_60, the default), or the
 * metric named before the age (查获的嫌疑人中，未满18岁的 -> suspects_arrested_minor,
 * 新发现吸毒人员中35岁以下的 -> new_users_under_35). */
static void apply_age_group(jd_extractor *x, const char *t, cand *c, size_t sent_start,
                            size_t left_end)
{
  gboolean pct = !strcmp(c->unit, "percent");
  gboolean change = c->kind == JD_KIND_CHANGE_PCT || c->kind == JD_KIND_CHANGE_ABS;
  if (strcmp(c->unit, "person") != 0 && !(pct && (c->kind == JD_KIND_SHARE || change))) return;
  /* 21岁以下吸毒人数上升47%（由150人上升至220人）: the two levels of a change
   * belong to the people its clause names, before the change */
  size_t from = c->is_from || c->is_to ? c->clause_start : MAX(c->seg_start, c->clause_start);
  char group[32];
  size_t at = from < left_end ? jd_age_group_in(x, t, from, left_end, group, sizeof group, NULL)
                              : (size_t)-1;
  /* 二十一岁以下首次被呈报的吸毒人数，则下跌18%: the group named with the noun
   * of an earlier clause it took its metric from */
  gboolean people = g_str_has_prefix(c->metric, "users_") || !strcmp(c->metric, "new_users") ||
                    !strcmp(c->metric, "suspects_arrested");
  if (at == (size_t)-1 && people && c->early_noun_end && c->early_noun_end <= c->clause_start) {
    size_t cl = c->early_noun_pos, prev_pos;
    while (cl > sent_start && !jd_is_punct(jd_char_before(t, sent_start, cl, &prev_pos)))
      cl = prev_pos;
    at = jd_age_group_in(x, t, cl, c->early_noun_end, group, sizeof group, NULL);
  }
  /* 21岁以下青少年…人数亦见上升（吸食可卡因的人数由122人…，吸食大麻的人数由68人…）:
   * in brackets, the people named before them */
  size_t open = at == (size_t)-1 && people ? jd_rfind_lit(t, sent_start, c->n.start, "(") : (size_t)-1;
  if (open != (size_t)-1 && jd_find_lit(t, open, c->n.start, ")") == (size_t)-1) {
    size_t cl = open, prev_pos;
    while (cl > sent_start && !jd_is_punct(jd_char_before(t, sent_start, cl, &prev_pos))) cl = prev_pos;
    at = jd_age_group_in(x, t, cl, open, group, sizeof group, NULL);
  }
  /* 其中62人为21岁以下青少年, 当中…，241人是21岁以下: the group named right after
   * the count */
  gboolean after = FALSE;
  size_t link = jd_skip_spaces(t, c->clause_end, c->end);
  if (at == (size_t)-1 && c->kind == JD_KIND_LEVEL &&
      (jd_find_lit(t, c->clause_start, c->n.start, "其中") != (size_t)-1 ||
       jd_find_lit(t, c->clause_start, c->n.start, "当中") != (size_t)-1 ||
       lit_at(t, c->clause_end, link, "是") || lit_at(t, c->clause_end, link, "为"))) {
    size_t to = MIN(c->clause_end, c->end + 30);
    at = c->end < to ? jd_age_group_in(x, t, c->end, to, group, sizeof group, NULL) : (size_t)-1;
    after = at != (size_t)-1 && at <= c->end + 6;
    if (!after) at = (size_t)-1;
  }
  if (at == (size_t)-1) return;
  char whole[48];
  if (after && g_str_has_suffix(c->metric, "_part")) { /* suspects_arrested_part: its whole */
    g_strlcpy(whole, c->metric, sizeof whole);
    whole[strlen(whole) - strlen("_part")] = 0;
    g_strlcpy(c->metric, whole, sizeof c->metric);
  }
  const char *subject = c->metric;
  if (!subject[0] || !strcmp(subject, "other") || is_age_metric(subject)) {
    /* the people named with the age (18岁以下吸毒人员), else before it in its
     * clause, else in a clause that ends with 中 (查获的嫌疑人中，未满18岁的) */
    subject = jd_people_named_in(x, t, at, left_end);
    /* 新发现35岁以下吸毒人员: the people of a word right before the age */
    const char *adjacent = at > c->clause_start
                               ? jd_people_named_in(x, t, back(c->clause_start, at, 12), at)
                               : NULL;
    if (adjacent && (!subject || !strcmp(subject, "users_registered"))) subject = adjacent;
    if (!subject) subject = jd_people_named_in(x, t, c->clause_start, at);
    size_t q = c->clause_start;
    while (q > sent_start && (t[q - 1] == ' ' || t[q - 1] == ',')) q--;
    if (!subject && q >= sent_start + 3 && lit_before(t, sent_start, q, "中"))
      subject = jd_people_named_in(x, t, back(sent_start, q, LOOKBACK), q);
    if (!subject) subject = "users_registered";
  }
  char buf[48], base[48];
  /* 当中1975人是21岁或以上，241人是21岁以下: the metric taken from the group
   * before is of its whole */
  const char *age = age_suffix(c->metric);
  if (subject == c->metric && age && !g_str_has_prefix(c->metric, "users_")) {
    g_strlcpy(base, c->metric, MIN(sizeof base, (size_t)(age - c->metric) + 1));
    subject = base;
  }
  if (!strcmp(subject, "users_registered")) g_snprintf(buf, sizeof buf, "users_%s", group);
  else if (strstr(subject, group)) return;
  else g_snprintf(buf, sizeof buf, "%s_%s", subject, group);
  g_strlcpy(c->metric, buf, sizeof c->metric);
  jd_why(c, "metric %s: an age group named %s it", c->metric, after ? "right after" : "before");
}

static void set_metric(cand *c, const jd_lex_entry *e, const char *how)
{
  c->metric_trigger = e;
  c->trigger_end = 0;
  g_strlcpy(c->metric, e->id, sizeof c->metric);
  jd_why(c, "metric %s from %s '%s' (%s)", e->id, e->arg, e->surface, how);
}

/* Metrics of drug users that say which users: new, relapsed, abstinent. */
static gboolean counts_users_family(const char *id)
{
  return !strcmp(id, "new_users") || !strcmp(id, "relapsed_users") || !strcmp(id, "abstinent_3y");
}

/* Where the words after a purpose clause opening the sentence start
 * (为破除戒毒人员复吸毒品的难题，…: cues.tsv, purpose); sent_start if none. */
static size_t after_purpose(jd_extractor *x, const char *t, size_t sent_start)
{
  const jd_span *first = NULL;
  for (guint i = 0; i < x->clauses->len; i++) {
    const jd_span *cl = &g_array_index(x->clauses, jd_span, i);
    if (cl->end > sent_start) {
      first = cl;
      break;
    }
  }
  if (!first) return sent_start;
  size_t p = jd_skip_spaces(t, first->end, MAX(sent_start, first->start));
  return jd_cue_at(CUES(x, PURPOSE), t, first->end, p) ? first->end : sent_start;
}

/* 近80%的定罪率: a rate named right after the percentage. */
static gboolean rate_named_after(jd_extractor *x, const char *t, cand *c)
{
  if (c->kind != JD_KIND_SHARE || strcmp(c->unit, "percent") != 0) return FALSE;
  size_t a = jd_skip_spaces(t, c->clause_end, c->end);
  if (jd_has_prefix_at(t, c->clause_end, a, "的")) a += strlen("的");
  cand as_rate = *c;
  as_rate.kind = JD_KIND_RATE;
  trigger_hit hr = jd_best_trigger(x, t, a, MIN(c->clause_end, a + 30), &as_rate, a);
  if (!hr.e || hr.pos != a || hr.e->number != JD_ROLE_PHRASE) return FALSE;
  c->kind = JD_KIND_RATE;
  set_metric(c, hr.e, "the rate named right after it");
  return TRUE;
}

/* 其次為愷他命，增加900公克: a weight's change after a clause naming a drug. */
static gboolean weight_change_after_drug(jd_extractor *x, const char *t, cand *c, const cand *prev,
                                         size_t sent_start)
{
  if (!is_mass(c->unit) || c->kind != JD_KIND_CHANGE_ABS) return FALSE;
  size_t from = prev && prev->end > sent_start ? prev->end : sent_start;
  const char *d = from < c->clause_start ? jd_drug_in(x, t, from, c->clause_start) : NULL;
  if (!d || !strcmp(d, "all")) return FALSE;
  g_strlcpy(c->metric, "drugs_seized", sizeof c->metric);
  jd_why(c, "metric drugs_seized: a change of a weight after a clause naming a drug");
  return TRUE;
}

/* 缴获毒品31.4吨，缴获制毒物品2976.9吨，占当年中国缴毒总数的48%: a share whose
 * whole names a metric (缴毒) that the figure before does not count is the
 * share of that metric's figure earlier in the sentence, when the whole is a
 * place's total — not when the figure before is a part of that whole
 * (收戒…626人，新增238人，占收戒总数的40%; 其中…). */
static gboolean share_of_named_whole(jd_extractor *x, const char *t, cand *c, const cand *prev,
                                     size_t sent_start)
{
  if (c->kind != JD_KIND_SHARE || c->change_pos == (size_t)-1 || c->change_pos >= c->n.start ||
      !prev || !prev->metric[0] || jd_rfind_lit(t, sent_start, c->n.start, "其中") != (size_t)-1)
    return FALSE;
  /* the whole is a larger place's (占当年中国缴毒总数): a place named in it */
  gboolean place = FALSE;
  for (size_t q = c->change_pos; q < c->n.start && !place; q = jd_next_char(t, c->n.start, q))
    place = jd_lexicon_match(x->lx, JD_LEX_REGION, t + q, c->n.start - q) != NULL ||
            jd_cue_at(CUES(x, SELF_REFERENCE), t, c->n.start, q) != NULL;
  if (!place) return FALSE;
  cand as_level = *c;
  as_level.kind = JD_KIND_LEVEL;
  as_level.unit = prev->unit;
  trigger_hit h = jd_best_trigger(x, t, c->change_pos, c->n.start, &as_level, c->n.start);
  if (!h.e || !strcmp(h.e->id, prev->metric) || !strcmp(h.e->id, "other")) return FALSE;
  const cand *all = (const cand *)(const void *)x->cands->data;
  if (c < all || c >= all + x->cands->len) return FALSE;
  for (guint j = (guint)(c - all); j-- > 0 && all[j].n.start >= sent_start;) {
    if (all[j].kind == JD_KIND_LEVEL && !strcmp(all[j].metric, h.e->id)) {
      set_metric(c, h.e, "the whole its share is of, stated earlier in the sentence");
      return TRUE;
    }
  }
  return FALSE;
}

/* Where the next count after c in c's own unit starts before lim (51起刑事案件、
 * 101起行政案件: what the second names is its own), else lim. */
static size_t next_count_start(const jd_extractor *x, const char *t, const cand *c, size_t lim)
{
  for (guint k = 0; k < x->nums->len; k++) {
    const jd_numeral *m = &g_array_index(x->nums, jd_numeral, k);
    if (m->kind != JD_NUM_NUMBER || m->start < c->end || m->start >= lim) continue;
    size_t q = jd_skip_spaces(t, lim, m->end);
    const jd_lex_entry *u = jd_lexicon_match(x->lx, JD_LEX_UNIT, t + q, lim - q);
    if (u && !strcmp(u->id, c->unit)) lim = m->start;
  }
  return lim;
}

/* A trigger that says more than the one found before the number: users
 * (吸毒者人数) an earlier phrase of the clause says are new ones (首次被呈报的二十一
 * 岁以下的吸毒者人数), into *h; or the thing counted named right after the unit
 * when a general verb stands before the number (缴获938.5吨制毒物品): set as c's
 * metric, TRUE. */
static gboolean more_specific_trigger(jd_extractor *x, const char *t, cand *c, trigger_hit *h)
{
  if (h->e && !strcmp(h->e->id, "users_registered") && h->pos > c->seg_start) {
    trigger_hit first = jd_best_trigger(x, t, c->seg_start, h->pos, c, h->pos);
    if (first.e && first.e->number == JD_ROLE_PHRASE && counts_users_family(first.e->id)) *h = first;
  }
  /* (12起刑事案件、30起行政案件: a noun after the figure before it, then 、, is that
   * one's) */
  gboolean noun_of_prev = h->e && h->e->number != JD_ROLE_VERB && c->seg_start > c->clause_start &&
                          h->pos >= c->seg_start &&
                          jd_find_lit(t, h->pos + h->e->len, c->n.start, "、") != (size_t)-1;
  if (h->e && (h->e->number == JD_ROLE_VERB || noun_of_prev) && c->kind == JD_KIND_LEVEL &&
      c->end < c->clause_end) {
    size_t at = jd_skip_spaces(t, c->clause_end, c->end);
    size_t lim = MIN(c->clause_end, at + 40);
    if (noun_of_prev) lim = next_count_start(x, t, c, lim);
    trigger_hit after = jd_best_trigger(x, t, at, lim, c, at);
    /* (集中销毁10.83吨毒品: 毒品 names what was destroyed, the verb's metric stays) */
    gboolean drugs_named = !strcmp(after.e ? after.e->id : "", "drugs_seized") &&
                           !strcmp(h->e->id, "drugs_destroyed");
    if (after.e && (after.pos == at || noun_of_prev) && after.e->number != JD_ROLE_VERB &&
        strcmp(after.e->id, h->e->id) && !drugs_named) {
      /* 查获6名吸毒人员: the verb and the noun make a phrase of their own (查获吸毒人员) */
      g_autofree char *both = g_strconcat(h->e->surface, after.e->surface, NULL);
      size_t bl = strlen(both);
      const jd_lex_entry *p = jd_lexicon_match(x->lx, JD_LEX_METRIC, both, bl);
      if (p && p->len == bl && p->number == JD_ROLE_PHRASE &&
          jd_lexicon_metric_takes_unit(p, c->unit)) {
        set_metric(c, p, "its verb and the noun right after its unit make a phrase");
        return TRUE;
      }
      set_metric(c, after.e, "named right after its unit");
      return TRUE;
    }
  }
  return FALSE;
}

/* 移送起诉毒品刑事案件135起，毒品犯罪嫌疑人196人: a verb of a stage that counts
 * both cases and people (metrics.tsv units person,case) governs the people
 * named after its cases with a noun alone, and the cases after its people. */
static gboolean stage_of_cases_and_people(cand *c, const cand *prev, const jd_lex_entry *noun,
                                          size_t sent_start)
{
  if (noun->number != JD_ROLE_NOUN || !prev || prev->end <= sent_start || !prev->metric_trigger ||
      prev->metric_trigger->number != JD_ROLE_VERB || c->kind != JD_KIND_LEVEL ||
      prev->kind != JD_KIND_LEVEL || c->clause_start <= prev->n.start ||
      !strcmp(noun->id, prev->metric) || !strcmp(c->unit, prev->unit))
    return FALSE;
  gboolean pair = (!strcmp(c->unit, "person") && !strcmp(prev->unit, "case")) ||
                  (!strcmp(c->unit, "case") && !strcmp(prev->unit, "person"));
  if (!pair || !jd_lexicon_metric_takes_unit(prev->metric_trigger, c->unit)) return FALSE;
  g_strlcpy(c->metric, prev->metric, sizeof c->metric);
  c->metric_trigger = prev->metric_trigger;
  jd_why(c, "metric %s: '%s' before it counts both cases and people", c->metric,
         prev->metric_trigger->surface);
  return TRUE;
}

/* 审结非法持有毒品案件1595件、容留他人吸毒案件11203件: an item of a list that
 * names only what it counts (a noun) is governed by the verb of the item
 * before it, when that verb counts its unit. */
static gboolean verb_of_list_item(const char *t, cand *c, const cand *prev, const jd_lex_entry *noun)
{
  if (noun->number != JD_ROLE_NOUN || !prev || !prev->metric_trigger ||
      prev->metric_trigger->number != JD_ROLE_VERB || prev->clause_start != c->clause_start ||
      prev->end > c->n.start || c->kind != JD_KIND_LEVEL || prev->kind != JD_KIND_LEVEL ||
      !strcmp(noun->id, prev->metric) || !strcmp(prev->metric, "other") ||
      !jd_lexicon_metric_takes_unit(prev->metric_trigger, c->unit))
    return FALSE;
  size_t a = jd_skip_spaces(t, c->n.start, prev->end);
  if (!jd_has_prefix_at(t, c->n.start, a, "、")) return FALSE;
  g_strlcpy(c->metric, prev->metric, sizeof c->metric);
  c->metric_trigger = prev->metric_trigger;
  jd_why(c, "metric %s: an item of the list that '%s' governs", c->metric,
         prev->metric_trigger->surface);
  return TRUE;
}

/* …241人是21岁以下，总数较前年的2407人减少8%: a metric taken from a part
 * before it is the whole's again after 总数 (cues.tsv whole_again); not a
 * share (占整体的25.3% is the part's share of the whole). */
static void whole_again(jd_extractor *x, const char *t, cand *c)
{
  char *age = (char *)age_suffix(c->metric);
  if (age && age != c->metric && !g_str_has_prefix(c->metric, "users_") &&
      c->kind != JD_KIND_SHARE &&
      jd_cue_find(CUES(x, WHOLE_AGAIN), t, c->clause_start, c->n.start, NULL))
    *age = 0;
}

/* A weight after a drug's name (缴获海洛因250公斤、冰毒3.84公斤) is a seizure,
 * unless a verb for weights earlier in the sentence says what happened to them:
 * 毒品被投入焚化炉销毁，包括海洛因、冰毒等共计252公斤. */
static gboolean weight_of_drugs_named(jd_extractor *x, const char *t, cand *c, const cand *prev,
                                      size_t left_end, size_t sent_start)
{
  if (!is_mass(c->unit) || c->kind != JD_KIND_LEVEL ||
      !jd_drug_in(x, t, back(c->clause_start, left_end, LOOKBACK), left_end))
    return FALSE;
  /* …销毁各类毒品2026公斤。其中，海洛因667余公斤、鸦片14公斤: the drugs listed
   * after a weight that was not seized go on with it */
  if (prev && is_mass(prev->unit) && prev->kind == JD_KIND_LEVEL && prev->metric[0] &&
      strcmp(prev->metric, "drugs_seized") != 0 && strcmp(prev->metric, "other") != 0 &&
      (prev->end > sent_start || jd_find_lit(t, prev->end, c->n.start, "其中") != (size_t)-1)) {
    g_strlcpy(c->metric, prev->metric, sizeof c->metric);
    c->metric_trigger = prev->metric_trigger;
    jd_why(c, "metric %s: a drug's weight listed after the %s before it", c->metric, c->metric);
    return TRUE;
  }
  if (sent_start < c->clause_start) {
    trigger_hit v = jd_best_trigger(x, t, back(sent_start, c->clause_start, LOOKBACK),
                                    c->clause_start, c, left_end);
    if (v.e && v.e->number == JD_ROLE_VERB && strcmp(v.e->id, "other") != 0 &&
        strcmp(v.e->id, "drugs_seized") != 0) {
      set_metric(c, v.e, "the verb earlier in its sentence, before the drugs it lists");
      return TRUE;
    }
  }
  /* 冰毒、大麻等19千克符合销毁条件的毒品被押送至销毁点: a verb after the weight in its
   * clause tells what was done to it */
  if (c->end < c->clause_end) {
    trigger_hit v = jd_best_trigger(x, t, c->end, c->clause_end, c, c->clause_end);
    if (v.e && v.e->number == JD_ROLE_VERB && strcmp(v.e->id, "other") != 0 &&
        strcmp(v.e->id, "drugs_seized") != 0) {
      set_metric(c, v.e, "the verb after it in its clause, after the drugs it lists");
      return TRUE;
    }
  }
  g_strlcpy(c->metric, "drugs_seized", sizeof c->metric);
  jd_why(c, "metric drugs_seized: a drug named before a weight");
  return TRUE;
}

/* 其中刑事拘留41名 (a verb), …1200名吸毒人员被强制隔离戒毒，其中病残吸毒人员86名
 * (a noun the whole's clause names too): a part after 其中 counts what the
 * figure before counts; set, TRUE. */
static gboolean subset_of_figure_before(const char *t, cand *c, const cand *prev,
                                        const jd_lex_entry *e)
{
  if (!e || !prev || !prev->metric[0] || !strcmp(prev->metric, "other") ||
      strcmp(prev->unit, c->unit) != 0)
    return FALSE;
  gboolean noun_of_whole = e->number == JD_ROLE_NOUN &&
                           jd_find_lit(t, prev->clause_start, prev->clause_end, e->surface) != (size_t)-1;
  if (e->number != JD_ROLE_VERB && !noun_of_whole) return FALSE;
  g_strlcpy(c->metric, prev->metric, sizeof c->metric);
  jd_why(c, "metric %s: a subset (其中) of the figure before", c->metric);
  return TRUE;
}

static void find_metric_named(jd_extractor *x, const char *t, cand *c, const cand *prev,
                              size_t sent_start)
{
  size_t left_end = c->n.start;
  if (c->kind == JD_KIND_SHARE && c->change_pos != (size_t)-1) left_end = c->change_pos;
  if (c->kind == JD_KIND_SHARE) {
    size_t e = skip_denominator(t, back(c->clause_start, left_end, LOOKBACK), left_end);
    if (e == (size_t)-1) left_end = c->clause_start;
  }
  gboolean subset = lit_at(t, c->clause_end, jd_skip_spaces(t, c->clause_end, c->clause_start), "其中");
  trigger_hit h = {NULL, 0};
  /* a bare percentage: a rate when a rate is named (巩固率45%), else a share
   * of what the clause names (缴获毒品的三分之一) */
  if (c->kind == JD_KIND_LEVEL &&
      (!strcmp(c->unit, "percent") || !strcmp(c->unit, "permille"))) {
    c->kind = JD_KIND_RATE;
    h = jd_best_trigger(x, t, back(c->clause_start, left_end, LOOKBACK), left_end, c, left_end);
    if (h.e) {
      set_metric(c, h.e, "a rate named before it");
      jd_why(c, "kind rate: %s is itself a percentage", c->metric);
      return;
    }
    c->kind = JD_KIND_SHARE;
    jd_why(c, "kind share: a percentage of what comes before");
  }
  if (c->seg_start < left_end) h = jd_best_trigger(x, t, c->seg_start, left_end, c, left_end);
  const char *how = "before it";
  /* 分别下降63%、56%和43%: a number joined to the one before it counts the same */
  if (!h.e && c->list_cont && prev && prev->metric[0] && strcmp(prev->metric, "other") != 0 &&
      !strcmp(prev->unit, c->unit)) {
    g_strlcpy(c->metric, prev->metric, sizeof c->metric);
    c->metric_trigger = prev->metric_trigger;
    jd_why(c, "metric %s: a number listed with the one before it", c->metric);
    return;
  }
  if (!h.e && c->clause_start < c->seg_start && c->clause_start < left_end) {
    size_t upto = MIN(left_end, c->seg_start);
    h = jd_best_trigger(x, t, back(c->clause_start, upto, LOOKBACK), upto, c, left_end);
    how = "earlier in the clause";
  }
  /* drug names govern seizures: 缴获海洛因250公斤、冰毒3.84公斤 */
  if (!h.e && weight_of_drugs_named(x, t, c, prev, left_end, sent_start)) return;
  if (!h.e && weight_change_after_drug(x, t, c, prev, sent_start)) return;
  if (subset && subset_of_figure_before(t, c, prev, h.e)) return;
  /* 新收毒品案件8万件，其中第一级毒品占24.8%，较上年增加17.7%: 毒品 naming a
   * class of drugs is not a seizure; a change or share goes on with the figure
   * before in its sentence */
  if (h.e && h.e->number == JD_ROLE_NOUN && !strcmp(h.e->id, "drugs_seized") &&
      c->kind != JD_KIND_LEVEL && prev && prev->end > sent_start && prev->metric[0] &&
      strcmp(prev->metric, "other") != 0 && strcmp(prev->metric, "drugs_seized") != 0 &&
      !is_mass(prev->unit)) {
    g_strlcpy(c->metric, prev->metric, sizeof c->metric);
    c->metric_trigger = prev->metric_trigger;
    jd_why(c, "metric %s taken from the figure before ('%s' names a class of drugs)", c->metric,
           h.e->surface);
    return;
  }
  if (more_specific_trigger(x, t, c, &h)) return;
  if (h.e) {
    set_metric(c, h.e, how);
    if (h.e->number == JD_ROLE_VERB && h.pos + h.e->len <= c->n.start) c->trigger_end = h.pos + h.e->len;
    return;
  }
  if (rate_named_after(x, t, c)) return;
  /* 对5190余人实施了强制隔离戒毒: the measure named after the number */
  if (c->kind == JD_KIND_LEVEL) {
    size_t rend = next_count_start(x, t, c, MIN(c->clause_end, c->end + 120));
    h = jd_best_trigger(x, t, c->end, rend, c, c->end);
    /* 10名嫌疑人被捕, 12人被抓获: a verb after them in the passive governs them */
    gboolean passive = h.e && h.e->number == JD_ROLE_VERB &&
                       (g_str_has_prefix(h.e->surface, "被") || lit_before(t, c->end, h.pos, "被"));
    /* 1.4吨毒品运往水泥厂公开销毁, 200公斤毒品被集中销毁: drugs named after the
     * weight, then what was done with them */
    gboolean destroyed = h.e && h.e->number == JD_ROLE_VERB && !strcmp(h.e->id, "drugs_destroyed") &&
                         jd_drug_in(x, t, c->end, h.pos);
    if (h.e && (h.e->number != JD_ROLE_VERB || passive || destroyed)) {
      set_metric(c, h.e, "after it");
      return;
    }
  }
  gboolean pct = !strcmp(c->unit, "percent") || !strcmp(c->unit, "permille") ||
                 !strcmp(c->unit, "percentage_point") || !strcmp(c->unit, "ratio");
  if (share_of_named_whole(x, t, c, prev, sent_start)) return;
  if (prev && prev->metric[0] && c->kind != JD_KIND_RATE &&
      (pct || c->kind != JD_KIND_LEVEL || !strcmp(prev->unit, c->unit))) {
    g_strlcpy(c->metric, prev->metric, sizeof c->metric);
    c->metric_trigger = prev->metric_trigger;
    whole_again(x, t, c);
    /* 管控率由87.8%提升至100%: the level reached is the same rate */
    if (pct && c->kind == JD_KIND_SHARE && prev->kind == JD_KIND_RATE &&
        !strcmp(prev->unit, c->unit))
      c->kind = JD_KIND_RATE;
    jd_why(c, "metric %s taken from the figure before", c->metric);
    return;
  }
  /* (取缔黑仓库1700余处 after 打掉窝点18个: 处 counts places of any kind, so only
   * a word of its own clause says what they are) */
  if (sent_start < c->clause_start && strcmp(c->unit, "site") != 0) {
    size_t lb = MAX(back(sent_start, c->clause_start, LOOKBACK), after_purpose(x, t, sent_start));
    h = jd_best_trigger(x, t, lb, c->clause_start, c, c->clause_start);
    /* 执行率明显提升,达100%: a rate named after the count it is a rate of */
    if (pct && c->kind == JD_KIND_SHARE) {
      cand as_rate = *c;
      as_rate.kind = JD_KIND_RATE;
      trigger_hit hr = jd_best_trigger(x, t, lb, c->clause_start, &as_rate, c->clause_start);
      if (hr.e && (!h.e || hr.pos > h.pos)) {
        c->kind = JD_KIND_RATE;
        h = hr;
      }
    }
    if (h.e) {
      set_metric(c, h.e, "earlier in the sentence");
      c->early_noun_pos = h.pos;
      c->early_noun_end = h.pos + h.e->len;
      return;
    }
  }
  g_strlcpy(c->metric, "other", sizeof c->metric);
  jd_why(c, "metric other: no trigger fits");
}

/* 2块各重约1公斤, 每包重…: the weight of each piece, not what was seized. */
static gboolean weight_of_each(const char *t, const cand *c)
{
  size_t lo = back(c->clause_start, c->n.start, 12);
  return jd_find_lit(t, lo, c->n.start, "各") != (size_t)-1 ||
         jd_find_lit(t, lo, c->n.start, "每") != (size_t)-1;
}

/* 发现约1.1公斤怀疑可卡因, 排出共约1.6公斤怀疑可卡因: a weight of a drug
 * "believed to be" one (cues.tsv suspected) is a seizure, whatever the verb */
static gboolean suspected_drug_weight(jd_extractor *x, const char *t, const cand *c)
{
  if (!is_mass(c->unit) || c->kind != JD_KIND_LEVEL) return FALSE;
  /* 2块各重约1公斤的怀疑可卡因砖: the weight of each, not what was seized */
  if (weight_of_each(t, c)) return FALSE;
  size_t a = jd_skip_spaces(t, c->clause_end, c->end);
  if (lit_at(t, c->clause_end, a, "的")) a += strlen("的");
  const jd_lex_entry *h = jd_cue_at(CUES(x, SUSPECTED), t, c->clause_end, a);
  if (!h) return FALSE;
  const jd_lex_entry *d = jd_lex_at(x, JD_LEX_DRUG, t, a + h->len, c->clause_end);
  return d && strcmp(d->id, "all") != 0;
}

/* 发现以茶叶袋包装的怀疑氯胺酮，重约两公斤: the weight (重) of a suspected drug
 * named earlier in the sentence; that drug, or NULL. */
static const char *weighed_suspected_drug(jd_extractor *x, const char *t, const cand *c,
                                          size_t sent_start)
{
  if (!is_mass(c->unit) || c->kind != JD_KIND_LEVEL || !jd_has_suffix_at(t, sent_start, c->n.start, "重"))
    return NULL;
  /* 3块各重约1公斤: the weight of each */
  if (weight_of_each(t, c)) return NULL;
  const char *drug = NULL;
  for (size_t p = sent_start; p < c->clause_start; p = jd_next_char(t, c->clause_start, p)) {
    const jd_lex_entry *h = jd_cue_at(CUES(x, SUSPECTED), t, c->clause_start, p);
    if (!h) continue;
    const jd_lex_entry *d = jd_lex_at(x, JD_LEX_DRUG, t, p + h->len, c->clause_start);
    if (d && strcmp(d->id, "all") != 0) drug = d->id;
  }
  return drug;
}

/* 还向10起重特大制毒贩毒案件的线索举报群众兑现奖金: a count after a preposition
 * (cues.tsv, attr_preposition) whose words run on to 的 describes the people
 * after it; it counts nothing of its own metric. */
static gboolean count_describes_someone(jd_extractor *x, const char *t, const cand *c)
{
  size_t at;
  if (c->kind != JD_KIND_LEVEL || !strcmp(c->metric, "other")) return FALSE;
  /* words that run on to 的 after the number (the cheaper test first) */
  gboolean de = FALSE;
  size_t lim = MIN(c->clause_end, c->end + 36);
  for (size_t p = c->end; p < lim && !de; p = jd_next_char(t, lim, p)) {
    gunichar ch = jd_char_at(t, lim, p, NULL);
    if (ch == 0x7684 /* 的 */) {
      if (p == c->end) return FALSE;
      de = TRUE;
    } else if (!jd_is_cjk(ch)) {
      return FALSE;
    }
  }
  if (!de || !jd_cue_find(CUES(x, ATTR_PREPOSITION), t, c->clause_start, c->n.start, &at))
    return FALSE;
  /* only words between the preposition and the number (向10起…, 为其中3名…) */
  for (size_t p = at; p < c->n.start; p = jd_next_char(t, c->n.start, p))
    if (jd_is_punct(jd_char_at(t, c->n.start, p, NULL))) return FALSE;
  return TRUE;
}

/* 35岁以下青少年吸毒人数同比下降19%，其中新发现人数同比下降29.3%: a part after
 * 其中 of an age group's count is of that age group too (new_users_under_35). */
static void part_of_age_group(const char *t, cand *c, const cand *prev)
{
  const char *age = prev ? age_suffix(prev->metric) : NULL;
  if (!age || age_suffix(c->metric) || !c->metric[0] || !strcmp(c->metric, "other") ||
      (strcmp(c->metric, "new_users") != 0 && strcmp(c->metric, "relapsed_users") != 0) ||
      !lit_at(t, c->clause_end, jd_skip_spaces(t, c->clause_end, c->clause_start), "其中"))
    return;
  char buf[48];
  g_snprintf(buf, sizeof buf, "%s%s", c->metric, age);
  g_strlcpy(c->metric, buf, sizeof c->metric);
  jd_why(c, "metric %s: a part (其中) of the age group's count before it", c->metric);
}

/* 此次销毁的毒品是…缴获的560公斤毒品，其中有海洛因294公斤; 此次销毁的毒品，是…缴获的
 * 各类毒品。其中，海洛因440.47克: a weight of drugs after words naming the drugs
 * destroyed (cues.tsv destroyed_subject) in its sentence, or in the sentence before
 * when its own opens with 其中 (cues.tsv among), is a weight destroyed. */
static gboolean weighs_destroyed_drugs(jd_extractor *x, const char *t, const cand *c,
                                       size_t sent_start)
{
  if (strcmp(c->metric, "drugs_seized") != 0 || c->kind != JD_KIND_LEVEL || !is_mass(c->unit))
    return FALSE;
  size_t from = sent_start, at;
  size_t open = jd_skip_spaces(t, c->n.start, sent_start);
  if (sent_start > 0 && jd_cue_at(CUES(x, AMONG), t, c->n.start, open)) {
    size_t p = sent_start, pv;
    if (jd_char_before(t, 0, p, &pv) == 0x3002) p = pv; /* the 。 ending the one before */
    while (p > 0 && sent_start - p < 300) {
      gunichar ch = jd_char_before(t, 0, p, &pv);
      if (ch == 0x3002 || ch == '\n') break;
      p = pv;
    }
    from = p;
  }
  return jd_cue_find(CUES(x, DESTROYED_SUBJECT), t, from, c->n.start, &at) != NULL;
}

/* Whether e, a trigger at p, is a verb that is the clause's own (no 的 after
 * it: 缴获的 only tells where what it qualifies came from). */
static gboolean own_verb_at(const jd_lex_entry *e, const char *t, size_t to, size_t p)
{
  return e && e->number == JD_ROLE_VERB && !jd_has_prefix_at(t, to, p + e->len, "的");
}

/* 公开销毁…缴获的各类毒品及制毒原料…1325.6公斤; 对…收缴的47.2公斤毒品…进行集中焚烧;
 * 押送365.80公斤毒品来到…，将之销毁: a weight seized by its words whose sentence's
 * own verb is one of destroying (the last before it, or, with none before it, one
 * after it) is a weight destroyed. */
static gboolean destroyed_by_sentence_verb(jd_extractor *x, const char *t, const cand *c,
                                           size_t sent_start)
{
  if ((strcmp(c->metric, "drugs_seized") != 0 && strcmp(c->metric, "precursors_seized") != 0) ||
      c->kind != JD_KIND_LEVEL || !is_mass(c->unit) || x->sent_end <= c->end)
    return FALSE;
  const jd_lex_entry *last = NULL;
  for (size_t p = sent_start; p < c->n.start;) {
    const jd_lex_entry *e = jd_lex_at(x, JD_LEX_METRIC, t, p, c->n.start);
    if (own_verb_at(e, t, c->n.start, p)) last = e;
    p = e ? p + e->len : jd_next_char(t, c->n.start, p);
  }
  if (last) return !strcmp(last->id, "drugs_destroyed");
  for (size_t p = c->end; p < x->sent_end;) {
    const jd_lex_entry *e = jd_lex_at(x, JD_LEX_METRIC, t, p, x->sent_end);
    if (own_verb_at(e, t, x->sent_end, p)) return !strcmp(e->id, "drugs_destroyed");
    p = e ? p + e->len : jd_next_char(t, x->sent_end, p);
  }
  return FALSE;
}

/* 铲除毒品原植物4315株(净重111.07千克), 查获海洛因12块(重4.2千克): the weight in
 * brackets right after a count is the weight of what was counted, of its metric */
static void weight_of_count_before(jd_extractor *x, const char *t, cand *c, const cand *prev)
{
  if (!prev || prev->kind != JD_KIND_LEVEL || c->kind != JD_KIND_LEVEL || !is_mass(c->unit) ||
      is_mass(prev->unit) || !prev->metric[0] || !strcmp(prev->metric, "other") ||
      !strcmp(prev->metric, c->metric) || prev->end > c->n.start)
    return;
  size_t q = jd_skip_spaces(t, c->n.start, prev->end);
  if (!lit_at(t, c->n.start, q, "(")) return;
  q = jd_skip_spaces(t, c->n.start, q + 1);
  const jd_lex_entry *w = jd_cue_at(CUES(x, WEIGHT_WORD), t, c->n.start, q);
  if (!w || jd_skip_spaces(t, c->n.start, q + w->len) != c->n.start) return;
  g_strlcpy(c->metric, prev->metric, sizeof c->metric);
  jd_why(c, "metric %s: the weight in brackets of the count before it", c->metric);
}

/* 市内60%的娱乐场所存在毒品问题, 七成的乡镇: a share followed by 的 (de) and a noun
 * of places or bodies (counted.tsv) is a share of those, no drug work; 500-1000人县
 * 29个: a count of people right before such a noun only describes the places. */
static gboolean venues_after(jd_extractor *x, const char *t, const cand *c, gboolean de)
{
  static const char *const kinds[] = {"county", "township", "city", "prefecture", "province",
                                      "village", "venue", "org", "institution", "school",
                                      "household", "community"};
  size_t q = jd_skip_spaces(t, c->clause_end, c->end);
  if (de && !lit_at(t, c->clause_end, q, "的")) return FALSE;
  if (de) q += strlen("的");
  const jd_lex_entry *e = jd_lexicon_match(x->lx, JD_LEX_COUNTED, t + q, c->clause_end - q);
  for (size_t k = 0; e && k < G_N_ELEMENTS(kinds); k++)
    if (!strcmp(e->id, kinds[k])) return TRUE;
  return FALSE;
}

/* 目前已达七十三个，占县市区总数的八成以上: a share of a number of places (counted.tsv
 * county, township, city, …) in its own clause counts places, no drug work */
static void share_of_places(jd_extractor *x, const char *t, cand *c)
{
  static const char *const places[] = {"county", "township", "city", "prefecture", "province"};
  if (c->kind != JD_KIND_SHARE || !strcmp(c->metric, "other")) return;
  if (venues_after(x, t, c, TRUE)) {
    g_strlcpy(c->metric, "other", sizeof c->metric);
    c->drug = NULL;
    jd_why(c, "metric other: a share of the places named right after it (…%%的娱乐场所)");
    return;
  }
  size_t from = MAX(c->seg_start, c->clause_start);
  for (size_t p = from; p < c->n.start;) {
    const jd_lex_entry *e = jd_lex_at(x, JD_LEX_COUNTED, t, p, c->n.start);
    if (!e) {
      p = jd_next_char(t, c->n.start, p);
      continue;
    }
    /* (a noun of two characters or more: 全省, 省籍 name no number of places) */
    for (size_t k = 0; k < G_N_ELEMENTS(places) && e->len >= 6; k++)
      if (!strcmp(e->id, places[k])) {
        g_strlcpy(c->metric, "other", sizeof c->metric);
        c->drug = NULL;
        jd_why(c, "metric other: a share of a number of places ('%s')", e->surface);
        return;
      }
    p += e->len;
  }
}

void jd_find_metric(jd_extractor *x, const char *t, cand *c, const cand *prev,
                        size_t sent_start)
{
  find_metric_named(x, t, c, prev, sent_start);
  if (c->kind == JD_KIND_LEVEL && !strcmp(c->unit, "person") &&
      strcmp(c->metric, "other") != 0 && venues_after(x, t, c, FALSE)) {
    g_strlcpy(c->metric, "other", sizeof c->metric);
    jd_why(c, "metric other: a count of people right before places it describes (千人以上县)");
  }
  if (count_describes_someone(x, t, c)) {
    g_strlcpy(c->metric, "other", sizeof c->metric);
    jd_why(c, "metric other: the count only describes who comes after it (a preposition before, 的 after)");
  }
  if (!strcmp(c->metric, "other") && weighed_suspected_drug(x, t, c, sent_start)) {
    g_strlcpy(c->metric, "drugs_seized", sizeof c->metric);
    jd_why(c, "metric drugs_seized: the weight of a suspected drug named before it");
  }
  if (!strcmp(c->metric, "other") && suspected_drug_weight(x, t, c)) {
    g_strlcpy(c->metric, "drugs_seized", sizeof c->metric);
    jd_why(c, "metric drugs_seized: a weight of a suspected drug");
  }
  if (weighs_destroyed_drugs(x, t, c, sent_start) ||
      destroyed_by_sentence_verb(x, t, c, sent_start)) {
    g_strlcpy(c->metric, "drugs_destroyed", sizeof c->metric);
    jd_why(c, "metric drugs_destroyed: the drugs weighed are those destroyed (cues.tsv "
              "destroyed_subject, or the sentence's own verb destroys)");
  }
  if (c->metric_trigger && !stage_of_cases_and_people(c, prev, c->metric_trigger, sent_start))
    verb_of_list_item(t, c, prev, c->metric_trigger);
  size_t left_end = c->n.start;
  if (c->kind == JD_KIND_SHARE && c->change_pos != (size_t)-1) left_end = c->change_pos;
  apply_age_group(x, t, c, sent_start, left_end);
  part_of_age_group(t, c, prev);
  /* 二十一岁以下吸毒人数减少了39.9%，由1110人减少至667人: the two levels of a
   * change that name nothing of their own are the changed people's */
  gboolean prev_change = prev && (prev->kind == JD_KIND_CHANGE_PCT || prev->kind == JD_KIND_CHANGE_ABS);
  /* 较上年翻了一番，达到60人: a clause opening with the level reached */
  gboolean reached = c->kind == JD_KIND_LEVEL &&
                     jd_cue_at(CUES(x, REACHED), t, c->n.start,
                               jd_skip_spaces(t, c->n.start, c->clause_start)) != NULL;
  if ((c->is_from || c->is_to || reached) && prev_change && prev->end > sent_start &&
      c->clause_start > prev->n.start && strcmp(prev->metric, c->metric) != 0 && prev->metric[0] &&
      strcmp(prev->metric, "other") != 0 &&
      !jd_best_trigger(x, t, c->clause_start, c->n.start, c, c->n.start).e) {
    g_strlcpy(c->metric, prev->metric, sizeof c->metric);
    jd_why(c, "metric %s: a level of the change before it", c->metric);
  }
  weight_of_count_before(x, t, c, prev);
  share_of_places(x, t, c);
}

/* The drug named after a figure: a share of users (约四成五吸食大麻) or a count
 * of users (二万四千名滥用大麻人员, 六万三千人经常服食俗称「K仔」的氯胺酮): a word
 * of use (cues.tsv, drug_use) within a few characters after the number, then
 * the first drug name of the clause after it. */
static const char *drug_after_figure(jd_extractor *x, const char *t, const cand *c)
{
  size_t lim = MIN(c->clause_end, c->end + 18);
  for (size_t q = c->end; q < lim; q = jd_next_char(t, lim, q)) {
    const jd_lex_entry *v = jd_cue_at(CUES(x, DRUG_USE), t, c->clause_end, q);
    if (!v) continue;
    size_t r = q + v->len, rend = MIN(c->clause_end, r + 36);
    for (; r < rend; r = jd_next_char(t, rend, r)) {
      const jd_lex_entry *d = jd_lex_at(x, JD_LEX_DRUG, t, r, c->clause_end);
      if (d) return strcmp(d->id, "all") != 0 ? d->id : NULL;
    }
    return NULL;
  }
  return NULL;
}

/* 吸毒者最多滥用冰毒，占35.4%: a share whose clause names no drug, right after a
 * clause of its sentence that names the drug used (cues.tsv drug_use) and no
 * figure, is that drug's. */
static const char *one_drug_in(jd_extractor *x, const char *t, size_t from, size_t to);

static const char *drug_used_before(jd_extractor *x, const char *t, const cand *c,
                                    const cand *prev, size_t sent_start)
{
  size_t from = prev && prev->end > sent_start ? prev->end : sent_start;
  if (from >= c->clause_start) return NULL;
  size_t use = (size_t)-1;
  if (!jd_cue_find(CUES(x, DRUG_USE), t, from, c->clause_start, &use)) return NULL;
  const char *d = jd_drug_in(x, t, use, c->clause_start);
  /* 大麻继续是最常被吸食的危害精神毒品，占总人数约五成: the one drug of the class */
  const jd_lex_entry *cls = d ? jd_cue_at(CUES(x, DRUG_CLASS), d, strlen(d), 0) : NULL;
  if (cls && cls->len == strlen(d)) {
    const char *one = one_drug_in(x, t, from, c->clause_start);
    if (one) d = one;
  }
  return d && strcmp(d, "all") != 0 ? d : NULL;
}

static gboolean counts_people_using(const cand *c)
{
  return !strcmp(c->unit, "person") && c->kind == JD_KIND_LEVEL &&
         (g_str_has_prefix(c->metric, "users_") || !strcmp(c->metric, "new_users"));
}

/* Whether t[from, to) names more than one drug, or one joined to another
 * elided before it (第三與第四級毒品: cues.tsv, drug_joiner). */
static gboolean several_drugs_in(jd_extractor *x, const char *t, size_t from, size_t to)
{
  const char *first = NULL;
  for (size_t p = from; p < to;) {
    const jd_lex_entry *e = jd_lexicon_match(x->lx, JD_LEX_DRUG, t + p, to - p);
    if (!e) {
      p = jd_next_char(t, to, p);
      continue;
    }
    /* 毒品鸦片共计466.15公斤: drugs in general before one drug name no second drug */
    if (!strcmp(e->id, "all") && jd_lexicon_match(x->lx, JD_LEX_DRUG, t + p + e->len, to - p - e->len)) {
      p += e->len;
      continue;
    }
    if (first && strcmp(first, e->id) != 0) return TRUE;
    for (size_t b = p > from + 6 ? p - 6 : from; b < p; b = jd_next_char(t, p, b))
      if (jd_cue_at(CUES(x, DRUG_JOINER), t, p, b)) return TRUE;
    first = e->id;
    p += e->len;
  }
  return FALSE;
}

/* 5.2余吨冰毒、海洛因、大麻等毒品: a weight before several drugs that a word
 * of the list's total closes (cues.tsv list_total: 等) is of them all. */
static gboolean list_after_weight(jd_extractor *x, const char *t, const cand *c)
{
  size_t lim = MIN(c->clause_end, c->end + 60), at;
  if (!jd_cue_find(CUES(x, LIST_TOTAL), t, c->end, lim, &at)) return FALSE;
  /* the drugs listed between the weight and 等, nothing else (not 氯胺酮的钟某某等7人) */
  return several_drugs_in(x, t, c->end, at) && jd_find_lit(t, c->end, at, "的") == (size_t)-1;
}

/* Whether the last drug named in t[from, to) is followed by a word that sums
 * up a list (cues.tsv list_total: 等, 共计), or ends a list of drugs (cues.tsv
 * drug_joiner between them: 、, 和) right before the figure at to: 缴获冰毒、
 * 海洛因22.1千克 is one weight of both. */
static gboolean total_after_drugs(jd_extractor *x, const char *t, size_t from, size_t to)
{
  size_t last_start = (size_t)-1, last_end = (size_t)-1, before_end = (size_t)-1;
  gboolean named = FALSE, before_named = FALSE; /* a drug, not 毒品 in general */
  const jd_lex_entry *last = NULL, *before = NULL;
  for (size_t p = from; p < to;) {
    const jd_lex_entry *e = jd_lexicon_match(x->lx, JD_LEX_DRUG, t + p, to - p);
    if (!e) {
      p = jd_next_char(t, to, p);
      continue;
    }
    before = last;
    last = e;
    before_end = last_end;
    before_named = named;
    named = strcmp(e->id, "all") != 0;
    last_start = p;
    p += e->len;
    last_end = p;
  }
  if (last_end == (size_t)-1) return FALSE;
  if (jd_cue_at(CUES(x, LIST_TOTAL), t, to, last_end)) return TRUE;
  /* (毒品和制毒原料791千克: drugs in general and something else, no list of drugs) */
  if (before_end == (size_t)-1 || !named || !before_named || jd_skip_spaces(t, to, last_end) != to)
    return FALSE;
  /* 缴获海洛因冰毒近30公斤: two drugs written side by side weigh together too (not a
   * class before its drug: 第二级毒品甲基安非他命) */
  if (before_end == last_start && before && strcmp(before->id, last->id) != 0 &&
      !jd_cue_at(CUES(x, DRUG_CLASS), before->id, strlen(before->id), 0) &&
      strcmp(before->id, "precursor") != 0)
    return TRUE;
  const jd_lex_entry *j = jd_cue_at(CUES(x, DRUG_JOINER), t, last_start, before_end);
  return j && before_end + j->len == last_start;
}

/* The one drug other than drugs in general and classes of drugs (cues.tsv
 * drug_class) that t[from, to) names, or NULL (none, or several). */
static const char *one_drug_in(jd_extractor *x, const char *t, size_t from, size_t to)
{
  const char *one = NULL;
  for (size_t p = from; p < to;) {
    const jd_lex_entry *e = jd_lexicon_match(x->lx, JD_LEX_DRUG, t + p, to - p);
    if (!e) {
      p = jd_next_char(t, to, p);
      continue;
    }
    size_t n = strlen(e->id);
    const jd_lex_entry *cls = jd_cue_at(CUES(x, DRUG_CLASS), e->id, n, 0);
    if (strcmp(e->id, "all") != 0 && !(cls && cls->len == n)) {
      if (one && strcmp(one, e->id) != 0) return NULL;
      one = e->id;
    }
    p += e->len;
  }
  return one;
}

/* The drug of 吸食冰毒人数, 吸食冰毒的人数 in t[from, to): a word of use
 * (cues.tsv drug_use), one drug, then 人数; NULL if none. */
static const char *drug_used_in(jd_extractor *x, const char *t, size_t from, size_t to)
{
  for (size_t p = from; p < to; p = jd_next_char(t, to, p)) {
    const jd_lex_entry *u = jd_cue_at(CUES(x, DRUG_USE), t, to, p);
    if (!u) continue;
    size_t a = p + u->len;
    const jd_lex_entry *d = jd_lex_at(x, JD_LEX_DRUG, t, a, to);
    if (!d || !strcmp(d->id, "all")) continue;
    a += d->len;
    if (lit_at(t, to, a, "的")) a += strlen("的");
    if (lit_at(t, to, a, "人数")) return d->id;
  }
  return NULL;
}

/* A change of a seizure whose clause names no drug, after a clause of the
 * sentence that names one and holds no figure: 增加最多者為第二級毒品依托咪酯，
 * 較上年增加8,070公克 is a change of 依托咪酯. */
static const char *drug_of_clause_before(jd_extractor *x, const char *t, const cand *c,
                                         const cand *prev, size_t sent_start)
{
  /* 被呈报吸食大麻的人数持续上升，较去年同期上升67%: so is a change of users */
  gboolean users = g_str_has_prefix(c->metric, "users_") || !strcmp(c->metric, "new_users");
  /* 只有大麻有下降，由前年1376公斤减至…: so is the starting level of a change;
   * 最常被吸食的毒品仍是海洛因，有3683人: so are users counted by a clause of 有
   * alone */
  size_t own = jd_skip_spaces(t, c->n.start, c->clause_start);
  gboolean counted_by_you = users && lit_at(t, c->n.start, own, "有") && own + strlen("有") == c->n.start;
  if ((strcmp(c->metric, "drugs_seized") != 0 && !users) ||
      (c->kind == JD_KIND_LEVEL && !c->is_from && !counted_by_you))
    return NULL;
  size_t from = prev && prev->end > sent_start ? prev->end : sent_start;
  if (from >= c->clause_start) return NULL;
  /* 冰毒已超越氯胺酮，成为最常被吸食的…，人数上升7%: of which, it does not say;
   * 海洛因仍是最常被吸食的毒品，但吸食人数减少4%: of the one named */
  if (users) {
    /* the clause right before its own (海洛因是最常被吸食的毒品，而…是冰毒，但吸食人数下降25%) */
    size_t cl = c->clause_start, prev_pos;
    while (cl > from && jd_is_punct(jd_char_before(t, from, cl, &prev_pos))) cl = prev_pos;
    while (cl > from && !jd_is_punct(jd_char_before(t, from, cl, &prev_pos))) cl = prev_pos;
    /* 吸食冰毒人数取代K仔成为最常被吸食的…，被呈报吸食人数较去年同期增2%: the
     * users counted are of the drug right after the word of use */
    const char *used = drug_used_in(x, t, cl, c->clause_start);
    return used ? used : one_drug_in(x, t, cl, c->clause_start);
  }
  const char *d = jd_drug_in(x, t, from, c->clause_start);
  return d && strcmp(d, "all") != 0 ? d : NULL;
}

/* 检获约262公斤、市值约3亿元的可卡因: past a money value told between a weight
 * and its drug (、 then a number of 元 within a few characters), to its 的;
 * else a itself. */
static size_t skip_value_aside(jd_extractor *x, const char *t, const cand *c, size_t a)
{
  size_t end = c->clause_end;
  if (!jd_has_prefix_at(t, end, a, "、")) return a;
  size_t from = a + strlen("、");
  const GArray *nums = x->nums;
  for (guint i = 0; i < nums->len; i++) {
    const jd_numeral *m = &g_array_index(nums, jd_numeral, i);
    if (m->start < from) continue;
    if (m->start > from + 12 || m->end >= end) return a;
    size_t q = jd_skip_spaces(t, end, m->end);
    const jd_lex_entry *u = jd_lex_at(x, JD_LEX_UNIT, t, q, end);
    if (!u || strcmp(u->id, "yuan") != 0) return a;
    q += u->len;
    return jd_has_prefix_at(t, end, q, "的") ? q : a;
  }
  return a;
}

/* The drug named right after a seizure's weight or count (搜获了超过2公斤的毒品
 * 海洛因, 检获25公斤大麻、10公斤氯胺酮): after 的 and 毒品 at most, not after
 * another word (5公斤及海洛因3克: that drug is the next figure's). */
static const char *drug_right_after(jd_extractor *x, const char *t, const cand *c, size_t *end)
{
  if ((strcmp(c->metric, "drugs_seized") != 0 && strcmp(c->metric, "drugs_destroyed") != 0) ||
      !is_mass(c->unit))
    return NULL;
  size_t a = skip_value_aside(x, t, c, jd_skip_spaces(t, c->clause_end, c->end));
  if (jd_has_prefix_at(t, c->clause_end, a, "的")) a += strlen("的");
  const jd_lex_entry *h = jd_cue_at(CUES(x, SUSPECTED), t, c->clause_end, a);
  if (h) a += h->len; /* 约49公斤的怀疑可卡因 */
  const jd_lex_entry *d = jd_lexicon_match(x->lx, JD_LEX_DRUG, t + a, c->clause_end - a);
  if (d && !strcmp(d->id, "all")) {
    a += d->len;
    d = jd_lexicon_match(x->lx, JD_LEX_DRUG, t + a, c->clause_end - a);
  }
  if (!d || !strcmp(d->id, "all")) return NULL;
  if (end) {
    /* 6公斤氯胺酮（俗称K仔）: the name in brackets after it is the same drug's */
    size_t e = a + d->len;
    if (e < c->clause_end && (t[e] == '(' || jd_has_prefix_at(t, c->clause_end, e, "（"))) {
      size_t close = jd_find_lit(t, e, c->clause_end, t[e] == '(' ? ")" : "）");
      if (close != (size_t)-1) e = close + (t[e] == '(' ? 1 : strlen("）"));
    }
    *end = e;
  }
  return d->id;
}

/* 减五成八至去年的573公斤: the level reached after a change of its clause */
static gboolean reached_after_change(const char *t, const cand *c, const cand *prev)
{
  if (!prev || prev->kind == JD_KIND_LEVEL || c->kind != JD_KIND_LEVEL ||
      prev->clause_start != c->clause_start || prev->end > c->n.start)
    return FALSE;
  return jd_find_lit(t, prev->end, c->n.start, "至") != (size_t)-1 ||
         jd_find_lit(t, prev->end, c->n.start, "到") != (size_t)-1;
}

/* 缴获海洛因1.81吨，同比下降52.1%，其中来自“金三角”地区1.78吨、“金新月”地区22公斤: a
 * weight after 其中 (or listed after such a one, by 、) that names no drug of its own
 * is of the drug of the weight before it (lvl: the last level before c) */
void jd_drug_of_part(jd_extractor *x, const char *t, cand *c, const cand *lvl, size_t sent_start)
{
  if (!lvl || !lvl->drug || !strcmp(lvl->drug, "all") || !c->drug || strcmp(c->drug, "all") != 0 ||
      lvl->end <= sent_start || lvl->end > c->n.start || strcmp(lvl->metric, c->metric) != 0 ||
      !is_mass(c->unit) || !is_mass(lvl->unit) ||
      jd_drug_in(x, t, MAX(c->seg_start, c->clause_start), c->n.start))
    return;
  if (jd_find_lit(t, lvl->end, c->n.start, "其中") == (size_t)-1 &&
      !(lvl->part_of_drug && jd_has_prefix_at(t, c->n.start, lvl->end, "、")))
    return;
  c->drug = lvl->drug;
  c->part_of_drug = TRUE;
  jd_why(c, "drug %s: a part (其中) of the weight of it before", c->drug);
}

void jd_find_drug(jd_extractor *x, const char *t, cand *c, const cand *prev, size_t sent_start)
{
  /* in the figure's own clause: 餘為第三與第四級毒品，較104年增加17.7% is not of those;
   * 检获25公斤大麻、10公斤氯胺酮: a drug right after the figure before is that
   * figure's, and this one's drug follows its own weight */
  size_t own = MAX(c->seg_start, c->clause_start), taken = 0;
  if (prev && prev->end == c->seg_start && prev->clause_start == c->clause_start &&
      drug_right_after(x, t, prev, &taken) && taken > own && taken <= c->n.start)
    own = taken;
  const char *drug = jd_drug_in(x, t, own, c->n.start);
  /* 包括海洛因、冰毒、麻果等共计252公斤: one weight of several drugs */
  if (drug && is_mass(c->unit) && several_drugs_in(x, t, own, c->n.start) &&
      total_after_drugs(x, t, own, c->n.start))
    drug = "all";
  if (!drug && own > c->seg_start) drug = drug_right_after(x, t, c, NULL);
  /* 在蛋白粉包装中检获约10公斤怀疑氯胺酮, 约五公斤怀疑含四氢大麻酚成分的产品、
   * 约二点七公斤怀疑可卡因: the drug named right after a seized weight is its
   * own, whatever a word before it names */
  if (!strcmp(c->metric, "drugs_seized") || !strcmp(c->metric, "drugs_destroyed")) {
    const char *after = drug_right_after(x, t, c, NULL);
    if (after) drug = list_after_weight(x, t, c) ? "all" : after;
  }
  if (!drug && !strcmp(c->metric, "drugs_seized"))
    drug = jd_drug_in(x, t, back(c->clause_start, c->n.start, LOOKBACK), c->n.start);
  if (!drug && (c->kind == JD_KIND_SHARE || counts_people_using(c))) drug = drug_after_figure(x, t, c);
  if (!drug && c->kind == JD_KIND_SHARE) drug = drug_used_before(x, t, c, prev, sent_start);
  /* 查获咖啡包3.2万包，较前一年减少近两成: the change is of the drug before it */
  /* 吸食可卡因的人数上升42%(由403人上升至571人): the two levels of a change
   * are of its drug too */
  gboolean level_of_change = (c->is_from && prev && prev->kind != JD_KIND_LEVEL) ||
                             (c->is_to && prev && prev->is_from) ||
                             reached_after_change(t, c, prev);
  if (!drug && prev && (c->kind != JD_KIND_LEVEL || level_of_change) && prev->drug &&
      prev->end > sent_start && !strcmp(prev->metric, c->metric)) {
    /* …涉新精神活性物质案件虽然数量少，但较上年增长了一倍: unless a drug is
     * named between them */
    drug = prev->end < c->n.start ? jd_drug_in(x, t, prev->end, c->n.start) : NULL;
    /* …餘為第三與第四級毒品，較104年增加17.7%: after several drugs, the whole's */
    if (drug && several_drugs_in(x, t, prev->end, c->n.start)) drug = NULL;
    else if (!drug) drug = prev->drug;
  }
  if (!drug) drug = drug_of_clause_before(x, t, c, prev, sent_start);
  /* 第一级毒品138.18公斤，较去年同期(293.41公斤)…: the earlier level is of the
   * drug of the level before it */
  if (!drug && c->is_from && prev && prev->kind == JD_KIND_LEVEL && prev->drug &&
      !strcmp(prev->metric, c->metric))
    drug = prev->drug;
  /* 吸食可卡因的人数上升42%，当中21岁以下的人数上升77%: among that drug's users */
  if (!drug && prev && prev->drug && prev->end > sent_start && c->clause_start > prev->n.start &&
      g_str_has_prefix(c->metric, "users_") && g_str_has_prefix(prev->metric, "users_") &&
      jd_cue_at(CUES(x, AMONG), t, c->n.start, jd_skip_spaces(t, c->n.start, c->clause_start)))
    drug = prev->drug;
  /* 搜获了超过2公斤的毒品海洛因: the drug named right after the weight */
  if (!drug || !strcmp(drug, "all")) {
    const char *after = drug_right_after(x, t, c, NULL);
    if (after) drug = list_after_weight(x, t, c) ? "all" : after;
  }
  gboolean weighs_drugs = !strcmp(c->metric, "drugs_seized") || !strcmp(c->metric, "drugs_destroyed");
  if (weighs_drugs && (!drug || !strcmp(drug, "all"))) {
    const char *weighed = weighed_suspected_drug(x, t, c, sent_start);
    if (weighed) drug = weighed;
  }
  if (weighs_drugs && !drug) drug = "all";
  if (!strcmp(c->metric, "precursors_seized") && !drug) drug = "precursor"; /* 缴获3吨制毒物品 */
  if (!drug && c->list_cont && prev) drug = prev->drug;
  /* 毒品案件, 毒品犯罪嫌疑人: "drugs" in general only qualifies seizures */
  if (drug && !strcmp(drug, "all") && !weighs_drugs) drug = NULL;
  c->drug = drug;
}
