/* What narrows each figure's count (its scope), read from the figure's own
 * sentence after its metric is known, so that a part is never taken for the
 * headline total:
 *   - a part already named by its metric (其中女性…, 21岁以下…: METRIC_TAG) —
 *     the part's name;
 *   - a word of data/lexicon/scopes.tsv before the number in the sentence: a
 *     channel (公开查缉, 寄递渠道), an operation (专项行动, 会战), one case
 *     (该案), a kind of case or person (制毒案件, 病残吸毒人员), one
 *     organisation (海关), a place outside (全球, 境外) — the nearest one;
 *   - an operation named in quotes (“净边”专项行动, ‘雷霆’行动);
 *   - one case told just before the figure (破获运输毒品案，缴获毒品…克).
 * A scope word reaches the later clauses of its sentence, unless a clause
 * names its own place (全省, 某市) or its own scope. An organisation written
 * in a list (公安、海关等部门共破获…) is the whole, not a part. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract-private.h"
#include "jindu/names.h"

/* A scope in force from a position of the sentence on. */
typedef struct {
  char scope[64];
  const char *klass; /* scopes.tsv class, or "part", "quoted", "one_case" */
  size_t pos;        /* where its words start */
  gboolean frames;   /* an operation framing the time of what follows it */
} scope_hit;

/* ---- a part named by the metric ------------------------------------------- */

/* users_under_21 -> 21岁以下; suspects_arrested_female -> 女性; NULL when the
 * metric is not a part of another. Caller frees. */
static char *part_scope_name(const char *metric)
{
  static gsize once;
  static char *unknown; /* the name of a tag no table knows */
  if (g_once_init_enter(&once)) {
    unknown = jd_part_name("");
    g_once_init_leave(&once, 1);
  }
  size_t n = strlen(metric);
  for (size_t i = n; i-- > 1;) {
    if (metric[i] != '_') continue;
    g_autofree char *base = g_strndup(metric, i);
    gboolean people = strcmp(base, "users") == 0;
    if (!people && !jd_metric_title(base)) continue;
    char *name = jd_part_name(metric + i + 1);
    /* users_registered is a metric of its own, not a part "registered" */
    if (unknown && strcmp(name, unknown) == 0 && strcmp(metric + i + 1, "part") != 0) {
      g_free(name);
      return NULL;
    }
    return name;
  }
  return NULL;
}

/* The part a metric names (part_scope_name) into out; FALSE when none.
 * Remembered per metric for the extractor's life: the answer depends on
 * the metric alone, and the names tables are read with sscanf. */
static gboolean part_scope(jd_extractor *x, const char *metric, char *out, size_t size)
{
  gpointer name;
  if (!g_hash_table_lookup_extended(x->part_scopes, metric, NULL, &name)) {
    name = part_scope_name(metric);
    g_hash_table_insert(x->part_scopes, g_strdup(metric), name);
  }
  if (!name) return FALSE;
  g_strlcpy(out, name, size);
  return TRUE;
}

/* ---- scope words ---------------------------------------------------------- */

/* 公安、海关等 / 公安和海关 / 海关、边防: the organisation is one of several
 * (org_joiner in cues.tsv, right after or right before it). */
static gboolean is_list_joiner(jd_extractor *x, const char *t, size_t floor, size_t end, size_t p,
                               size_t q)
{
  const jd_cue_set *joiners = CUES(x, ORG_JOINER);
  return jd_cue_at(joiners, t, end, q) != NULL || jd_cue_before(joiners, t, floor, p) != NULL;
}

/* Where the clause of position p ends (its next punctuation), by to. */
static size_t clause_end_from(const char *t, size_t to, size_t p)
{
  while (p < to && !jd_is_punct(jd_char_at(t, to, p, NULL))) p = jd_next_char(t, to, p);
  return p;
}

/* An operation word (suffix class) counts alone only when its clause frames a
 * time with it: 整治行动6月开展以来, 会战期间. */
static gboolean frames_time(jd_extractor *x, const char *t, size_t to, size_t q)
{
  size_t pos;
  return jd_cue_find(CUES(x, OPERATION_TIME), t, q, clause_end_from(t, to, q), &pos) != NULL;
}

/* 2015年3至6月组织开展网络扫毒行动: a launch word (cues.tsv operation_launch)
 * before the operation word at p, in its clause, after a month of a year
 * there or before the operation's length: the operation frames that time. */
static gboolean launched_in_months(jd_extractor *x, const char *t, size_t p)
{
  size_t c0 = p, prev, at;
  while (c0 > 0 && !jd_is_punct(jd_char_before(t, 0, c0, &prev))) c0 = prev;
  if (!jd_cue_find(CUES(x, OPERATION_LAUNCH), t, c0, p, &at)) return FALSE;
  for (guint k = 0; k < x->nums->len; k++) {
    const jd_numeral *m = &g_array_index(x->nums, jd_numeral, k);
    if (m->start >= c0 && m->end <= at && m->kind == JD_NUM_DATE && m->month) return TRUE;
    /* 经过10个多月的“雷霆扫毒”专项行动, 开展为期3个月的专项行动: its length */
    if (m->start >= at && m->end <= p && m->kind == JD_NUM_NUMBER) return TRUE;
  }
  return FALSE;
}

/* Whether the words from p to the end of their clause (quote marks do not end
 * it: “清风”专项行动以来, nor what they quote: “3+2”专项行动中) frame a time
 * (cues.tsv operation_time). */
static gboolean frames_time_from(jd_extractor *x, const char *t, size_t to, size_t p)
{
  size_t q = p;
  gboolean quoted = FALSE;
  while (q < to) {
    size_t next;
    gunichar ch = jd_char_at(t, to, q, &next);
    gboolean opens = ch == 0x201C || ch == 0x2018 || ch == 0x300C || ch == 0x300E;
    gboolean closes = ch == 0x201D || ch == 0x2019 || ch == 0x300D || ch == 0x300F;
    gboolean quote = opens || closes || ch == '"' || ch == '\'';
    if (opens) quoted = TRUE;
    if (closes) quoted = FALSE;
    if (ch == '"' || ch == '\'') quoted = !quoted;
    if (jd_is_punct(ch) && !quote && !quoted) break;
    q = next;
  }
  size_t pos;
  return jd_cue_find(CUES(x, OPERATION_TIME), t, p, q, &pos) != NULL;
}

/* 根据群众举报，全省…: a channel word (at p) in a clause of its own (from s
 * on) that holds no number, after a word that makes it the means (cues.tsv,
 * channel_frame). */
static gboolean channel_opens(jd_extractor *x, const char *t, size_t s, size_t p)
{
  size_t a = p, b = p, nx;
  while (a > s) {
    size_t prev;
    if (jd_is_punct(jd_char_before(t, s, a, &prev))) break;
    a = prev;
  }
  while (b < x->sent_end && t[b] && !jd_is_punct(jd_char_at(t, x->sent_end, b, &nx))) b = nx;
  for (guint k = 0; k < x->nums->len; k++) {
    const jd_numeral *m = &g_array_index(x->nums, jd_numeral, k);
    if (m->start >= a && m->start < b) return FALSE;
  }
  size_t at;
  return jd_cue_find(CUES(x, CHANNEL_FRAME), t, a, p, &at) != NULL;
}

/* The last scope word in t[from, to), into hit; FALSE if none. Words that
 * name another subject are found by subject_word. */
/* Whether the words at p begin a trigger of metric itself (外流贩毒人员 is the
 * whole of outflow_traffickers, not a part 外流 of it). */
static gboolean starts_own_trigger(jd_extractor *x, const char *t, size_t p, size_t end,
                                   const char *metric, size_t word_len)
{
  const jd_lex_entry *m = jd_lex_at(x, JD_LEX_METRIC, t, p, end);
  return m && m->len > word_len && metric && strcmp(m->id, metric) == 0;
}

/* 三年行动和“净边2020”专项行动: an operation word joined (place_joiner) to a quoted name
 * after it is one of several operations, the whole's work */
static gboolean first_of_operations(jd_extractor *x, const char *t, size_t q, size_t to)
{
  const jd_lex_entry *j = jd_cue_at(CUES(x, PLACE_JOINER), t, to, q);
  if (!j || j->surface[0] == ',') return FALSE;
  size_t r = q + j->len;
  return jd_has_prefix_at(t, to, r, "“") || jd_has_prefix_at(t, to, r, "\"") ||
         jd_has_prefix_at(t, to, r, "「");
}

/* The scope word w at p in t[from, to) of last_scope_word: taken into *hit
 * unless passed over; where the walk goes on. */
static size_t take_scope_word(jd_extractor *x, const char *t, size_t from, size_t to,
                              const char *metric, size_t p, const jd_lex_entry *w, gboolean *found,
                              scope_hit *hit)
{
  size_t q = p + w->len;
  gboolean skip = (strcmp(w->arg, "org") == 0 && is_list_joiner(x, t, from, to, p, q)) ||
                  starts_own_trigger(x, t, p, to, metric, w->len) ||
                  strcmp(w->arg, "subject") == 0 || strcmp(w->arg, "name") == 0 ||
                  (strcmp(w->arg, "suffix") == 0 && !frames_time(x, t, to, q) &&
                   (*found || !launched_in_months(x, t, p))) ||
                  ((!strcmp(w->arg, "suffix") || !strcmp(w->arg, "operation")) &&
                   first_of_operations(x, t, q, to));
  if (!skip) {
    g_strlcpy(hit->scope, w->id, sizeof hit->scope);
    hit->klass = w->arg;
    hit->pos = p;
    *found = TRUE;
  }
  return q;
}

/* The last scope word in t[from, to) that is not passed over (a walk over
 * every character, jd_lex_at at each; a word's characters are skipped). */
static gboolean last_scope_word(jd_extractor *x, const char *t, size_t from, size_t to,
                                const char *metric, scope_hit *hit)
{
  gboolean found = FALSE;
  /* only the places where the sentence's scope words are (a word there that
   * does not fit by `to` is looked for again) */
  guint i, n;
  const jd_word_at *a = jd_sentence_words_in(x, JD_LEX_SCOPE, t, from, to, &i, &n);
  if (a) {
    size_t p = from;
    for (; i < n && a[i].pos < to; i++) {
      if (a[i].pos < p) continue; /* inside the word taken before */
      const jd_lex_entry *w = jd_sentence_word(x, JD_LEX_SCOPE, t, &a[i], to);
      if (!w) continue;
      p = take_scope_word(x, t, from, to, metric, a[i].pos, w, &found, hit);
      if (p < to && ((unsigned char)t[p] & 0xC0) == 0x80) break; /* off the characters: walk */
    }
    if (p >= to || ((unsigned char)t[p] & 0xC0) != 0x80) return found;
    for (size_t q = p; q < to;) { /* (never with well-formed words) */
      const jd_lex_entry *w = jd_lex_at(x, JD_LEX_SCOPE, t, q, to);
      q = w ? take_scope_word(x, t, from, to, metric, q, w, &found, hit) : jd_next_char(t, to, q);
    }
    return found;
  }
  for (size_t p = from; p < to;) {
    const jd_lex_entry *w = jd_lex_at(x, JD_LEX_SCOPE, t, p, to);
    if (!w) {
      p = jd_next_char(t, to, p);
      continue;
    }
    p = take_scope_word(x, t, from, to, metric, p, w, &found, hit);
  }
  return found;
}

/* ---- operations named in quotes ------------------------------------------- */

static const char *const open_quotes[] = {"“", "‘", "\"", "'", "「", "『"};
static const char *const close_quotes[] = {"”", "’", "\"", "'", "」", "』"};

/* The word `open` (以) within four characters before p, in its clause (以“净边”,
 * 以公安“清源”) */
static gboolean opener_before(const char *t, size_t from, size_t p, const char *open)
{
  if (!*open) return FALSE;
  for (int n = 0; n < 5 && p > from; n++) {
    if (lit_before(t, from, p, open)) return TRUE;
    size_t q;
    if (jd_is_punct(jd_char_before(t, from, p, &q))) return FALSE;
    p = q;
  }
  return FALSE;
}

/* 开展了全省治理外流贩毒三年行动和“净边2020”专项行动: a quoted operation joined (cues.tsv
 * place_joiner) to an operation word before it is one of several, the whole's work */
static gboolean second_of_operations(jd_extractor *x, const char *t, size_t from, size_t p)
{
  const jd_lex_entry *j = jd_cue_before(CUES(x, PLACE_JOINER), t, p >= from + 6 ? p - 6 : from, p);
  if (!j || j->surface[0] == ',') return FALSE;
  size_t q = p - j->len;
  for (size_t b = q >= from + 18 ? q - 18 : from; b < q; b = jd_next_char(t, q, b)) {
    const jd_lex_entry *w = jd_lex_at(x, JD_LEX_SCOPE, t, b, q);
    if (w && b + w->len == q && (!strcmp(w->arg, "operation") || !strcmp(w->arg, "suffix")))
      return TRUE;
  }
  return FALSE;
}

/* “净边”专项行动 ending at or before `to`: the name and its operation word. */
static gboolean last_quoted_operation(jd_extractor *x, const char *t, size_t from, size_t to,
                                      scope_hit *hit)
{
  gboolean found = FALSE;
  if (!x->sent_has_quote) return FALSE;
  for (size_t p = from; p < to; p = jd_next_char(t, to, p)) {
    for (size_t k = 0; k < G_N_ELEMENTS(open_quotes); k++) {
      if (!jd_has_prefix_at(t, to, p, open_quotes[k])) continue;
      size_t a = p + strlen(open_quotes[k]);
      size_t b = jd_find_lit(t, a, MIN(to, a + 40), close_quotes[k]);
      if (b == (size_t)-1 || b == a) continue;
      size_t c = b + strlen(close_quotes[k]);
      /* “6·27”特大贩毒专案: up to four words may qualify the operation word (not
       * 等: “除根”等行动 are several, the whole's work) */
      const jd_lex_entry *w = NULL;
      for (int n = 0; n <= 4 && c < to && !w; n++) {
        w = jd_lex_at(x, JD_LEX_SCOPE, t, c, to);
        if (w && strcmp(w->arg, "operation") != 0 && strcmp(w->arg, "suffix") != 0) w = NULL;
        size_t nx;
        if (!w && (n == 4 || jd_is_punct(jd_char_at(t, to, c, &nx)) || jd_has_prefix_at(t, to, c, "等")))
          break;
        if (!w) c = nx;
      }
      if (!w) continue;
      /* 以“清源断流”行动为牵引，全年共破获…: the means of the whole's work */
      const jd_lex_entry *means =
          jd_cue_at(CUES(x, OPERATION_MEANS), t, to, jd_skip_spaces(t, to, c + w->len));
      if (means && opener_before(t, from, p, means->extra)) continue;
      if (second_of_operations(x, t, from, p)) continue;
      g_autofree char *name = g_strndup(t + a, b - a);
      g_snprintf(hit->scope, sizeof hit->scope, "%s%s", name, w->id);
      hit->klass = "quoted";
      hit->pos = p;
      found = TRUE;
    }
  }
  return found;
}

/* ---- one case told before the figure --------------------------------------- */

/* Whether ch is one of the quote marks of open_quotes and close_quotes. */
static gboolean is_quote_mark(gunichar ch)
{
  char u[8] = {0};
  g_unichar_to_utf8(ch, u);
  for (size_t k = 0; k < G_N_ELEMENTS(open_quotes); k++)
    if (!strcmp(u, open_quotes[k]) || !strcmp(u, close_quotes[k])) return TRUE;
  return FALSE;
}

/* Whether no punctuation but quote marks stands in t[from, to). */
static gboolean same_clause(const char *t, size_t from, size_t to)
{
  for (size_t p = from; p < to; p = jd_next_char(t, to, p)) {
    gunichar ch = jd_char_at(t, to, p, NULL);
    if (jd_is_punct(ch) && !is_quote_mark(ch)) return FALSE;
  }
  return TRUE;
}

/* Where the clause holding p starts, from on: its punctuation before p, but quote
 * marks and what they quote do not end it (侦破了“11.25”制造毒品案, 「12·01」專案). */
static size_t case_clause_start(const char *t, size_t from, size_t p)
{
  while (p > from) {
    size_t prev;
    gunichar c = jd_char_before(t, from, p, &prev);
    const char *open = c == 0x201D ? "“" : c == 0x300D ? "「" : c == 0x300F ? "『" : NULL;
    size_t o = open ? jd_rfind_lit(t, prev >= from + 40 ? prev - 40 : from, prev, open) : (size_t)-1;
    if (o != (size_t)-1) {
      p = o;
      continue;
    }
    if (jd_is_punct(c) && !is_quote_mark(c)) break;
    p = prev;
  }
  return p;
}

/* 破获运输毒品案，缴获… / 一起特大运输毒品案就缴获…: a case (案) named without a
 * count, after a verb or 一起, in t[from, to); its position, or (size_t)-1. */
static size_t one_case_before(jd_extractor *x, const char *t, size_t from, size_t to)
{
  size_t found = (size_t)-1;
  if (!x->sent_has_case) return found;
  for (size_t p = from; p < to; p = jd_next_char(t, to, p)) {
    if (!jd_has_prefix_at(t, to, p, "案")) continue;
    size_t q = p + strlen("案");
    if (jd_has_prefix_at(t, to, q, "件")) q += strlen("件");
    /* a count follows (案件1480起) or a word goes on (案值, 案犯): not one case */
    size_t r = jd_skip_spaces(t, to, q);
    gunichar next = r < to ? jd_char_at(t, to, r, NULL) : 0;
    /* 侦破一特大运输毒品案缴获海洛因20公斤 (a title): a verb of what was done
     * in the case ends its naming as a comma would */
    const jd_lex_entry *v = next && !jd_is_punct(next) ? jd_lex_at(x, JD_LEX_METRIC, t, r, to) : NULL;
    gboolean verb_next = v && v->number == JD_ROLE_VERB && strcmp(v->id, "cases_solved") != 0 &&
                         q == p + strlen("案"); /* (破获毒品案件收缴…: cases in general) */
    if (next && !jd_is_punct(next) && !verb_next && !jd_cue_at(CUES(x, CASE_FOLLOW), t, to, r))
      continue;
    /* 破获重大制毒案件、捣毁制毒厂点…分别下降: one item of a list of counts */
    if (next && jd_has_prefix_at(t, to, r, "、")) continue;
    /* told as one: 一起…案, or a case verb before it in its clause (quote marks
     * do not end it: 侦破了“11.25”制造毒品案) */
    size_t clause = case_clause_start(t, from, p);
    size_t at;
    /* (侦破一批互联网涉毒案件, 破获多宗大案: many cases, no count) */
    if (jd_cue_find(CUES(x, MANY_CASES), t, clause, p, &at)) continue;
    if (jd_find_lit(t, clause, p, "一起") != (size_t)-1 ||
        jd_cue_find(CUES(x, CASE_VERB), t, clause, p, &at))
      found = p;
  }
  return found;
}

/* 2016年5月18日，…一举捣毁…制贩毒加工厂，现场缴获冰毒244公斤: a sentence dated to a day
 * whose clause raids a place (cues.tsv site_raid, then a raided_site word ending the
 * clause) with no count there tells one raid, one case; the place's position in
 * t[from, to), or (size_t)-1. */
static size_t raided_site_before(jd_extractor *x, const char *t, size_t from, size_t to)
{
  size_t at, found = (size_t)-1;
  const jd_lex_entry *v;
  for (size_t p = from; (v = jd_cue_find(CUES(x, SITE_RAID), t, p, to, &at)); p = at + v->len) {
    size_t b = clause_end_from(t, to, at), np;
    if (b >= to) break; /* (its clause goes on to the figure: 捣毁制毒窝点3个) */
    const jd_lex_entry *w = NULL, *h;
    for (size_t q = at + v->len; (h = jd_cue_find(CUES(x, RAIDED_SITE), t, q, b, &np)); q = np + h->len)
      if (np + h->len == b) w = h;
    if (!w) continue;
    gboolean counted = FALSE, day = FALSE;
    for (guint k = 0; k < x->nums->len; k++) {
      const jd_numeral *m = &g_array_index(x->nums, jd_numeral, k);
      /* (一 there is an article: 捣毁一制毒加工厂) */
      if (m->start >= at && m->start < b && m->kind != JD_NUM_DATE && m->kind != JD_NUM_YEAR &&
          m->value != 1)
        counted = TRUE;
      if (m->start >= x->sent_start && m->start < at && m->kind == JD_NUM_DATE && m->day) day = TRUE;
    }
    if (!counted && day) found = b - w->len;
  }
  return found;
}

/* ---- a new subject --------------------------------------------------------- */

/* A clause that starts with its own place (全省…, 全国公安机关…, 某市…) starts
 * over: the scope of an earlier clause does not reach it. */
static gboolean clause_names_place(jd_extractor *x, const char *t, size_t from, size_t to)
{
  size_t p = jd_skip_spaces(t, to, from);
  for (int k = 0; k < 3 && p < to; k++) {
    size_t len;
    if (jd_self_reference_at(x->lx, t + p, to - p, &len) >= -1) return TRUE;
    const jd_lex_entry *r = jd_lex_at(x, JD_LEX_REGION, t, p, to);
    if (r && !jd_place_hidden(x->lx, t, from, to, p, r->len)) return TRUE;
    p = jd_next_char(t, to, p);
  }
  return FALSE;
}

/* Whether some clause in t[from, to) starts with its own place. */
static gboolean new_subject_between(jd_extractor *x, const char *t, size_t from, size_t to)
{
  for (size_t p = from; p < to; p = jd_next_char(t, to, p)) {
    gunichar ch = jd_char_at(t, to, p, NULL);
    /* (a quote mark starts no clause: “毒邮票”“听话水”等新型毒品) */
    if (jd_is_punct(ch) && !is_quote_mark(ch) && clause_names_place(x, t, jd_next_char(t, to, p), to))
      return TRUE;
  }
  return FALSE;
}

static gboolean is_case_count(const cand *c) { return c->unit && strcmp(c->unit, "case") == 0; }

/* Whether the numeral m is (a part of) a code in quote marks naming a case or an
 * operation (“11.25”制造毒品案, 「12·01」專案): digits and the signs between them only. */
static gboolean in_quoted_code(const char *t, size_t to, const jd_numeral *m)
{
  static const char *const signs[] = {".", "·", "•", "-", "－", "—", "."};
  size_t a = m->start, b = m->end;
  for (int n = 0; n < 8 && a > 0; n++) {
    size_t prev;
    gunichar ch = jd_char_before(t, 0, a, &prev);
    if (ch == 0x201C || ch == 0x300C || ch == 0x300E || ch == '"') break;
    gboolean sign = g_unichar_isdigit(ch);
    for (size_t k = 0; k < G_N_ELEMENTS(signs) && !sign; k++) sign = lit_at(t, a, prev, signs[k]);
    if (!sign) return FALSE;
    a = prev;
  }
  if (a == 0) return FALSE;
  for (int n = 0; n < 8 && b < to; n++) {
    size_t next;
    gunichar ch = jd_char_at(t, to, b, &next);
    if (ch == 0x201D || ch == 0x300D || ch == 0x300F || ch == '"') return TRUE;
    gboolean sign = g_unichar_isdigit(ch);
    for (size_t k = 0; k < G_N_ELEMENTS(signs) && !sign; k++) sign = lit_at(t, to, b, signs[k]);
    if (!sign) return FALSE;
    b = next;
  }
  return FALSE;
}

/* A numeral other than 一起 or 一宗 in t[from, to) of the paragraph: the case named
 * there was counted (十万九千六百宗毒案), not told as one. */
static gboolean counted_between(const jd_extractor *x, const char *t, size_t from, size_t to)
{
  /* only the case's own clause: 2021年3月，…破获…案 (quote marks do not end it) */
  from = case_clause_start(t, from, to);
  for (guint k = 0; k < x->nums->len; k++) {
    const jd_numeral *m = &g_array_index(x->nums, jd_numeral, k);
    if (m->start < from || m->start >= to) continue;
    /* 2020年5月侦破一起…案: a date says when, it counts nothing */
    if (m->kind == JD_NUM_YEAR || m->kind == JD_NUM_DATE || in_quoted_code(t, to, m)) continue;
    /* 一起, 一宗 (a measure word of cases, units.tsv): one case told as one */
    const jd_lex_entry *u = jd_lex_at(x, JD_LEX_UNIT, t, m->end, to);
    if (m->value == 1 && u && !strcmp(u->id, "case") && u->len <= 3) continue;
    /* 破获一非法贩卖毒品案: 一 with no measure word is an article; 联合两地公安机关:
     * a number with no measure word counts no cases (but 共9案 does) */
    if (!u && m->end != to && !lit_at(t, to, m->end, "案")) continue; /* (to: the case's 案) */
    return TRUE;
  }
  return FALSE;
}

/* 境外执法部门查获毒品146公斤，抓获犯罪嫌疑人21人: a place outside opening its
 * clause, which a figure before has as its scope, is the subject of the
 * clauses after it too. */
static gboolean outside_subject(const jd_extractor *x, const char *t, size_t from, const scope_hit *w)
{
  /* (and only after a figure of its own: 境外毒品渗透加剧，破获…120起 is not abroad) */
  if (strcmp(w->klass, "outside") != 0 || strcmp(w->scope, x->sent_outside) != 0) return FALSE;
  return w->pos <= from || jd_is_punct(jd_char_before(t, from, w->pos, NULL));
}

/* The scope words, quoted operation or single case in t[from, to) nearest
 * to `to`; carried: only the kinds that reach later clauses (how, by whom or during
 * what the figures were found, one case), not the words that name a part of
 * a noun (病残吸毒人员: its own clause only). */
static gboolean scope_in(jd_extractor *x, const char *t, size_t from, size_t to, const cand *c,
                         gboolean carried, scope_hit *hit)
{
  scope_hit w = {0}, q = {0};
  gboolean have_w = last_scope_word(x, t, from, to, c->metric, &w);
  /* 行动开展以来，全省冰毒外流数…下降99%；全省共破获…: a part named in an earlier
   * clause (外流) does not reach on, but the operation before it still does */
  while (have_w && carried && strcmp(w.klass, "channel") && strcmp(w.klass, "operation") &&
         strcmp(w.klass, "suffix") && strcmp(w.klass, "case") && strcmp(w.klass, "org") &&
         !outside_subject(x, t, from, &w))
    have_w = w.pos > from && last_scope_word(x, t, from, w.pos, c->metric, &w);
  gboolean have_q = last_quoted_operation(x, t, from, to, &q);
  size_t one = is_case_count(c) ? (size_t)-1 : one_case_before(x, t, from, to);
  /* 在一渔排上查获12.24千克海洛因: one place searched once is one case */
  size_t site;
  gboolean inside = from >= x->sent_start && to <= x->sent_end;
  if (one == (size_t)-1 && !is_case_count(c) && inside && x->sent_site < 0)
    x->sent_site = jd_cue_find(CUES(x, SINGLE_SITE), t, x->sent_start, x->sent_end, &site) != NULL;
  if (one == (size_t)-1 && !is_case_count(c) && (!inside || x->sent_site) &&
      jd_cue_find(CUES(x, SINGLE_SITE), t, from, to, &site))
    one = site;
  if (one == (size_t)-1 && !is_case_count(c) && inside) one = raided_site_before(x, t, from, to);
  const scope_hit *best = NULL;
  if (have_w) best = &w;
  /* “清风”专项行动以来: the operation word just after a quoted name is that name's */
  gboolean names_quoted = have_q && have_w && w.pos > q.pos && w.pos <= q.pos + 60 &&
                          (!strcmp(w.klass, "operation") || !strcmp(w.klass, "suffix"));
  if (have_q && (!best || q.pos >= best->pos || names_quoted)) best = &q;
  /* 侦破「520」贩毒专案, 侦破“2014-651”公安部毒品目标案件: the case is the quoted one,
   * named so */
  gboolean case_quoted = best == &q && one != (size_t)-1 &&
                         (same_clause(t, q.pos, one) || case_clause_start(t, from, one) <= q.pos);
  if (one != (size_t)-1 && (!best || one > best->pos) && !case_quoted) {
    g_strlcpy(hit->scope, "该案", sizeof hit->scope);
    hit->klass = "one_case";
    hit->pos = one;
    return TRUE;
  }
  if (!best) return FALSE;
  *hit = *best;
  return TRUE;
}

/* The scope of c's own clause: any kind in its own item of a list, only the
 * kinds that reach on before it (破获重大制毒案件12起、捣毁制毒厂点8个: 制毒 is the
 * cases' alone; 通过公开查缉破获案件20起、抓获30人: 公开查缉 is both's). */
static gboolean own_scope(jd_extractor *x, const char *t, size_t s, const cand *c, scope_hit *hit)
{
  size_t own = MAX(s, c->clause_start), item = MAX(own, c->seg_start);
  if (item > own && item < c->n.start) {
    if (scope_in(x, t, item, c->n.start, c, FALSE, hit)) return TRUE;
    return scope_in(x, t, own, item, c, TRUE, hit);
  }
  return scope_in(x, t, own, c->n.start, c, FALSE, hit);
}

/* Whether an earlier figure of the sentence with c's metric has scope. */
static gboolean scoped_level_of(const cand *cs, guint i, const char *metric, const char *scope)
{
  for (guint j = 0; j < i; j++)
    if (cs[j].kind == JD_KIND_LEVEL && !strcmp(cs[j].metric, metric) && !strcmp(cs[j].scope, scope))
      return TRUE;
  return FALSE;
}

/* 共破获183宗，其中客运渠道40宗，货运渠道143宗，检获1.4吨: the part whose
 * scope word hit is, with the parts after it, adds up to the whole figure
 * before them: all of it told, the clauses after are the whole's again (with
 * the whole's own scope: 海关…破获90宗). That whole, or NULL. */
static const cand *parts_add_up(const cand *cs, guint i, const scope_hit *hit)
{
  guint j = 0;
  while (j < i && !(cs[j].n.start > hit->pos && !strcmp(cs[j].scope, hit->scope))) j++;
  if (j == i || cs[j].kind != JD_KIND_LEVEL) return NULL;
  for (guint w = j; w-- > 0;) {
    const cand *whole = &cs[w];
    if (whole->kind != JD_KIND_LEVEL || strcmp(whole->unit, cs[j].unit) != 0 || whole->value <= 0)
      continue;
    double sum = 0;
    guint parts = 0;
    for (guint k = w + 1; k < i; k++) {
      if (cs[k].kind != JD_KIND_LEVEL || strcmp(cs[k].unit, whole->unit) != 0) continue;
      if (!*cs[k].scope || !strcmp(cs[k].scope, whole->scope)) break;
      sum += cs[k].value;
      parts++;
    }
    if (parts >= 2 && fabs(sum - whole->value) < 1e-6 * whole->value) return whole;
  }
  return NULL;
}

/* The scope of cs[i] from its own clause, else carried from an earlier
 * clause of the sentence t[s, …). own_found: what scope_in said of its own
 * clause already (into *own_hit when TRUE), or -1 when it was not asked. */
static gboolean scope_before(jd_extractor *x, const char *t, size_t s, const cand *cs, guint i,
                             int own_found, const scope_hit *own_hit, scope_hit *hit)
{
  const cand *c = &cs[i];
  size_t own = MAX(s, c->clause_start);
  if (own_found > 0) *hit = *own_hit;
  if (own_found > 0 || (own_found < 0 && scope_in(x, t, own, c->n.start, c, FALSE, hit))) {
    if (!strcmp(hit->klass, "one_case") && counted_between(x, t, own, hit->pos)) return FALSE;
    return TRUE;
  }
  if (own <= s || !scope_in(x, t, s, own, c, TRUE, hit)) return FALSE;
  if (!strcmp(hit->klass, "one_case") && counted_between(x, t, s, hit->pos)) return FALSE;
  const cand *whole = parts_add_up(cs, i, hit);
  if (whole && !*whole->scope) return FALSE;
  if (whole) {
    g_strlcpy(hit->scope, whole->scope, sizeof hit->scope);
    hit->klass = "part";
  }
  /* a later clause that names its own place starts over — but not after an
   * operation that frames the time of what follows (自…开展专项行动以来，全省…) */
  gboolean frame = (!strcmp(hit->klass, "operation") || !strcmp(hit->klass, "quoted") ||
                    !strcmp(hit->klass, "suffix")) &&
                   (frames_time_from(x, t, c->n.start, hit->pos) || launched_in_months(x, t, hit->pos));
  frame = frame || (!strcmp(hit->klass, "channel") && channel_opens(x, t, s, hit->pos));
  if (!frame && new_subject_between(x, t, hit->pos, c->n.start)) return FALSE;
  /* a change reaches the scope only with a level of its metric there
   * (…破案357起，查处吸毒人员数同比下降17%: the whole's change) */
  if (c->kind != JD_KIND_LEVEL && !frame && !scoped_level_of(cs, i, c->metric, hit->scope))
    return FALSE;
  hit->frames = frame;
  return TRUE;
}

/* Whether any of the quote marks occurs in t[s, e). */
static gboolean any_quote(const char *t, size_t s, size_t e)
{
  for (size_t k = 0; k < G_N_ELEMENTS(open_quotes); k++)
    if (jd_find_lit(t, s, e, open_quotes[k]) != (size_t)-1) return TRUE;
  return FALSE;
}

/* 开展“清源”禁毒专项行动。期间，共破获毒品案件31起: a sentence that opens
 * with a word pointing back to an operation (cues.tsv, operation_backref) right
 * after the sentence naming it; its figures with no scope of their own are
 * that operation's (the quoted name, else its operation word). */
static void operation_of_sentence_before(jd_extractor *x, const char *t, size_t s, size_t e,
                                         cand *cs, guint n)
{
  size_t ps = x->prev_sent_s, pe = x->prev_sent_e;
  if (pe == (size_t)-1 && x->op_named_para[0]) {
    /* 启动了…“百城禁毒会战”。 then 此次专项整治，…共破获…: the paragraph before's */
    const jd_lex_entry *back = jd_cue_at(CUES(x, OPERATION_BACKREF), t, e, jd_skip_spaces(t, e, s));
    for (guint i = 0; back && i < n; i++) {
      cand *c = &cs[i];
      if ((c->scope[0] && !strstr(back->surface, c->scope)) || !c->metric[0] || !strcmp(c->metric, "other"))
        continue;
      g_strlcpy(c->scope, x->op_named_para, sizeof c->scope);
      jd_why(c, "scope %s: the operation named in the paragraph before, which its opening points back to",
             c->scope);
    }
  }
  if (pe == (size_t)-1 || pe > s) return;
  while (pe < s && (t[pe] == ' ' || t[pe] == '\n')) pe++;
  const jd_lex_entry *back = pe == s ? jd_cue_at(CUES(x, OPERATION_BACKREF), t, e, jd_skip_spaces(t, e, s)) : NULL;
  if (!back) return;
  scope_hit q = {0}, w = {0};
  gboolean saved = x->sent_has_quote;
  x->sent_has_quote = any_quote(t, ps, s);
  gboolean have_q = last_quoted_operation(x, t, ps, s, &q);
  x->sent_has_quote = saved;
  gboolean have_w = !have_q && last_scope_word(x, t, ps, s, NULL, &w) &&
                    (!strcmp(w.klass, "operation") || !strcmp(w.klass, "suffix"));
  if (!have_q && !have_w) return;
  const scope_hit *hit = have_q ? &q : &w;
  for (guint i = 0; i < n; i++) {
    cand *c = &cs[i];
    /* (行动期间: its own scope 行动 is that word's, the operation named before) */
    if ((c->scope[0] && !strstr(back->surface, c->scope)) || !c->metric[0] ||
        !strcmp(c->metric, "other"))
      continue;
    g_strlcpy(c->scope, hit->scope, sizeof c->scope);
    jd_why(c, "scope %s: the operation named in the sentence before, which its opening points back to",
           c->scope);
  }
}

/* Whether the period p ends in the month of the document's date. */
static gboolean ends_now(const jd_extractor *x, const jd_period *p)
{
  const char *d = x->ctx.date;
  if (strlen(d) < 7 || d[4] != '-') return FALSE;
  int year = atoi(d), month = atoi(d + 5);
  return (p->year_to ? p->year_to : p->year) == year && p->month_to == month;
}

/* Whether the sentence t[s, e) names a time of its own (a free time marker; with
 * to_date FALSE, a day it is told at, 截至9月25日, or a span to now, 6个月, too). */
static gboolean sentence_names_time_but(const jd_extractor *x, size_t s, size_t e, gboolean to_date)
{
  for (guint i = 0; i < x->tmarks->len; i++) {
    const time_marker *m = &g_array_index(x->tmarks, time_marker, i);
    if (m->pos >= s && m->pos < e && m->binding == TM_FREE &&
        !(to_date && (m->period.asof || ends_now(x, &m->period))))
      return TRUE;
  }
  return FALSE;
}

static gboolean sentence_names_time(const jd_extractor *x, size_t s, size_t e)
{
  return sentence_names_time_but(x, s, e, FALSE);
}

/* 自今年3月20日…开展“飓风肃毒”专项行动以来，…。 (a sentence giving no figure): its operation
 * framing the time frames the sentences after it in the paragraph (carry_operation_frame). */
void jd_note_sentence_operation(jd_extractor *x, const char *t, size_t s, size_t e)
{
  scope_hit q = {0};
  gboolean saved = x->sent_has_quote;
  x->sent_has_quote = any_quote(t, s, e);
  gboolean quoted = last_quoted_operation(x, t, s, e, &q) && frames_time_from(x, t, e, q.pos);
  x->sent_has_quote = saved;
  if (!quoted) return;
  g_strlcpy(x->op_frame, q.scope, sizeof x->op_frame);
  x->op_frame_semi = FALSE;
  x->op_frame_end = e;
  x->op_frame_told = TRUE;
}

/* “3+2”专项行动中，全市共查处吸毒人员843人；刑拘…103人: the sentences after one
 * whose operation frames the time (or whose figures are of a place outside:
 * 全球…；…), joined to it by ；, are still the operation's, up to a 。 or a
 * sentence that opens with its own place. After a 。 too, when the operation
 * frames the time (专项行动开展以来，…破获…起。…共打掉贩毒团伙127个): the next
 * sentences of the paragraph that name no time and no place of their own. Their
 * figures with no scope of their own take it. */
static void carry_operation_frame(jd_extractor *x, const char *t, size_t s, size_t e, cand *cs,
                                  guint n, const char *framed, gboolean framed_time)
{
  size_t p = x->op_frame_end;
  while (p < s && (t[p] == ' ' || t[p] == '\n')) p++;
  /* (after a sentence of no figure naming the operation: a day the totals are told at,
   * 截至9月25日, is the operation's own) */
  gboolean follows = x->op_frame[0] && p == s && !clause_names_place(x, t, s, e) &&
                     (x->op_frame_semi || !sentence_names_time_but(x, s, e, x->op_frame_told));
  x->op_frame_told = FALSE;
  for (guint i = 0; follows && i < n; i++) {
    cand *c = &cs[i];
    if (c->scope[0] || !c->metric[0] || !strcmp(c->metric, "other")) continue;
    g_strlcpy(c->scope, x->op_frame, sizeof c->scope);
    jd_why(c, "scope %s: the operation that frames the sentence before it", c->scope);
  }
  size_t end = e;
  while (end > s && (t[end - 1] == ' ' || t[end - 1] == '\n')) end--;
  gboolean semicolon = jd_has_prefix_at(t, end, end >= 3 ? end - 3 : s, "；") ||
                       (end > s && t[end - 1] == ';');
  if (semicolon && framed) {
    g_strlcpy(x->op_frame, framed, sizeof x->op_frame);
    x->op_frame_semi = TRUE;
  } else if (semicolon && follows) {
    x->op_frame_semi = TRUE;
  } else if (!semicolon && framed && framed_time) {
    g_strlcpy(x->op_frame, framed, sizeof x->op_frame);
    x->op_frame_semi = FALSE;
  } else if (!semicolon && follows && !x->op_frame_semi) {
    /* the paragraph goes on in the operation's time */
  } else {
    x->op_frame[0] = 0;
  }
  x->op_frame_end = e;
}

/* 百城禁毒会战开展以来，南京公安机关…取得了空前战果。 then paragraphs of figures: the
 * operation framing the time (an operation word, its clause going on with cues.tsv
 * operation_time) of a paragraph giving no figure; the last one it names. */
void jd_note_paragraph_operation(jd_extractor *x, const char *t, size_t len, gboolean figures)
{
  scope_hit q = {0};
  gboolean saved = x->sent_has_quote;
  x->sent_has_quote = any_quote(t, 0, len);
  gboolean quoted = last_quoted_operation(x, t, 0, len, &q);
  x->sent_has_quote = saved;
  g_strlcpy(x->op_named_para, quoted ? q.scope : "", sizeof x->op_named_para);
  for (size_t p = 0; !quoted && p < len;) {
    /* (启动了“百城禁毒会战”: the operation word inside the quotes) */
    const jd_lex_entry *w = (unsigned char)t[p] >= 0xE0 ? jd_lex_at(x, JD_LEX_SCOPE, t, p, len) : NULL;
    if (w && !strcmp(w->arg, "operation")) g_strlcpy(x->op_named_para, w->id, sizeof x->op_named_para);
    p = w ? p + w->len : jd_next_char(t, len, p);
  }
  if (figures) return;
  /* a paragraph naming a year or a date ends the one before */
  for (guint i = 0; i < x->nums->len; i++) {
    jd_numeral_kind k = g_array_index(x->nums, jd_numeral, i).kind;
    if (k == JD_NUM_DATE || k == JD_NUM_YEAR) x->op_frame_para[0] = 0;
  }
  for (size_t p = 0; p < len;) {
    const jd_lex_entry *w = (unsigned char)t[p] >= 0xE0 ? jd_lex_at(x, JD_LEX_SCOPE, t, p, len) : NULL;
    if (!w) {
      p = jd_next_char(t, len, p);
      continue;
    }
    if ((!strcmp(w->arg, "operation") || !strcmp(w->arg, "suffix")) && frames_time_from(x, t, len, p))
      g_strlcpy(x->op_frame_para, w->id, sizeof x->op_frame_para);
    p += w->len;
  }
  /* (“雷霆”专项行动期间: the quoted name and its operation word) */
  if (quoted && frames_time_from(x, t, len, q.pos))
    g_strlcpy(x->op_frame_para, q.scope, sizeof x->op_frame_para);
}

/* The figures with no scope of their own of a sentence in a paragraph after one that
 * named an operation framing the time (x->op_frame_para) take it, up to a sentence
 * that names a time or an operation of its own, or opens with a place. */
static void carry_paragraph_operation(jd_extractor *x, const char *t, size_t s, size_t e,
                                      cand *cs, guint n, const char *framed)
{
  if (!x->op_frame_para[0]) return;
  size_t p = jd_skip_spaces(t, e, s), len;
  const jd_lex_entry *r = jd_lex_at(x, JD_LEX_REGION, t, p, e);
  gboolean place = jd_self_reference_at(x->lx, t + p, e - p, &len) >= -1 ||
                   (r && !jd_place_hidden(x->lx, t, s, e, p, r->len));
  if (framed || place || sentence_names_time(x, s, e)) {
    x->op_frame_para[0] = 0;
    return;
  }
  for (guint i = 0; i < n; i++) {
    cand *c = &cs[i];
    if (c->scope[0] || !c->metric[0] || !strcmp(c->metric, "other")) continue;
    g_strlcpy(c->scope, x->op_frame_para, sizeof c->scope);
    jd_why(c, "scope %s: the operation that frames the time, named in a paragraph before", c->scope);
  }
}

/* A word in c's own clause before its number naming another thing counted
 * than its metric's noun (就业安置2.8万人); NULL if none. */
static const jd_lex_entry *subject_word_in(jd_extractor *x, const char *t, size_t from, size_t to)
{
  for (size_t p = from; p < to;) {
    const jd_lex_entry *w = jd_lex_at(x, JD_LEX_SCOPE, t, p, to);
    if (w && strcmp(w->arg, "subject") == 0) return w;
    p = w ? p + w->len : jd_next_char(t, to, p);
  }
  return NULL;
}

/* …, else with its noun named earlier in the sentence (新增制麻制毒人员明显减少，
 * 由2018年的46人…). */
static const jd_lex_entry *subject_word(jd_extractor *x, const char *t, size_t s, const cand *c)
{
  const jd_lex_entry *w = subject_word_in(x, t, MAX(s, c->clause_start), c->n.start);
  if (w || !c->early_noun_end) return w;
  for (guint i = 0; i < x->clauses->len; i++) {
    const jd_span *cl = &g_array_index(x->clauses, jd_span, i);
    if (cl->start <= c->early_noun_pos && c->early_noun_pos < cl->end)
      return subject_word_in(x, t, c->early_noun_pos, MIN(cl->end, c->n.start));
  }
  return NULL;
}

/* A word of scopes.tsv after c's number in its clause, naming what the
 * number counts (四百一十二宗国内制毒案件: subset; 共有364人认定已脱毒: subject);
 * NULL if none. */
static const jd_lex_entry *word_after_number(jd_extractor *x, const char *t, const cand *c)
{
  size_t to = c->clause_end;
  for (size_t p = c->end; p < to;) {
    gunichar ch = jd_char_at(t, to, p, NULL);
    if (jd_is_punct(ch)) break;
    const jd_lex_entry *w = jd_lex_at(x, JD_LEX_SCOPE, t, p, to);
    if (w && (!strcmp(w->arg, "subset") || !strcmp(w->arg, "subject") || !strcmp(w->arg, "not_counted")))
      return w;
    p = w ? p + w->len : jd_next_char(t, to, p);
  }
  return NULL;
}

static void part_word_after(jd_extractor *x, const char *t, size_t q, const cand *c, char *out,
                            size_t size);
static gboolean narrowing_words(jd_extractor *x, const char *t, size_t from, size_t to,
                                const char *metric, gboolean stop_at_noun, char *out, size_t size);

/* 全省抓获犯罪嫌疑人1870人，…，其中破获团伙案件88起，抓获犯罪嫌疑人330人: after
 * 其中, a figure of a metric stated as a level before 其中 in its sentence is a
 * part of it, named by the part word between 其中 and it (团伙), else "?". */
static gboolean part_after_qizhong(jd_extractor *x, const char *t, size_t s, const cand *cs,
                                   guint i, char *out, size_t size)
{
  const cand *c = &cs[i];
  /* a change of a 分别 list pairs with a level the list decides (the whole's
   * or the part's): not told here */
  if (c->kind != JD_KIND_LEVEL && c->distributed) return FALSE;
  if (!x->sent_has_qizhong) return FALSE;
  size_t q = jd_rfind_lit(t, s, c->n.start, "其中");
  if (q == (size_t)-1) return FALSE;
  gboolean whole_before = FALSE;
  for (guint j = 0; j < i && !whole_before; j++)
    whole_before = cs[j].end <= q && cs[j].kind == JD_KIND_LEVEL && !cs[j].scope[0] &&
                   !strcmp(cs[j].metric, c->metric) &&
                   /* 其中海洛因412公斤: the drug column already says which part */
                   !g_strcmp0(cs[j].drug, c->drug) &&
                   /* 其中七里河区30起: the region column already says which part
                    * (not 其中临夏籍人员: people from there, not there) */
                   (!strcmp(cs[j].region, c->region) ||
                    jd_find_lit(t, q, c->n.start, "籍") != (size_t)-1);
  if (!whole_before) return FALSE;
  part_word_after(x, t, q, c, out, size);
  return TRUE;
}

static gboolean narrowed_by_words(jd_extractor *x, const char *t, const cand *c, char *out,
                                  size_t size);

/* 破获的9757起毒品刑事案件中，千克以上毒品案件230起: a whole restated in a clause
 * ending with 中 is followed, in its sentence, by its parts, named by the words
 * before their noun (as after 其中). */
static gboolean part_of_restated_whole(jd_extractor *x, const char *t, const cand *cs, guint i,
                                       char *out, size_t size)
{
  const cand *c = &cs[i];
  if (c->kind != JD_KIND_LEVEL) return FALSE;
  for (guint j = 0; j < i; j++) {
    const cand *w = &cs[j];
    size_t end = w->clause_end;
    while (end > w->end && t[end - 1] == ' ') end--;
    if (w->kind != JD_KIND_LEVEL || w->scope[0] || strcmp(w->metric, c->metric) != 0 ||
        g_strcmp0(w->drug, c->drug) != 0 || w->clause_end > c->clause_start ||
        end < w->end + strlen("中") || !jd_has_prefix_at(t, end, end - strlen("中"), "中"))
      continue;
    /* only the whole's noun between its number and 中 (not 行动中, 案件侦办中) */
    size_t zhong = end - strlen("中");
    gboolean noun = FALSE;
    for (size_t p = w->end; p < zhong && !noun; p = jd_next_char(t, zhong, p)) {
      const jd_lex_entry *e = jd_lex_at(x, JD_LEX_METRIC, t, p, zhong);
      noun = e && !strcmp(e->id, c->metric) && e->number == JD_ROLE_NOUN;
    }
    char words[64];
    if (!noun || narrowing_words(x, t, w->end, zhong, c->metric, FALSE, words, sizeof words))
      continue;
    return narrowing_words(x, t, c->clause_start, c->n.start, c->metric, TRUE, out, size);
  }
  return FALSE;
}

/* 毒源指向外省的案件22宗: a count with no verb of its own, whose noun a clause
 * with 的 qualifies, is a part named by that clause's words. */
static gboolean part_of_relative_clause(jd_extractor *x, const char *t, const cand *c, char *out,
                                        size_t size)
{
  if (c->kind != JD_KIND_LEVEL || (c->trigger_end && c->trigger_end >= c->clause_start)) return FALSE;
  size_t mlen = strlen(c->metric);
  const jd_lex_entry *m = jd_cue_at(CUES(x, NARROWED_METRIC), c->metric, mlen, 0);
  if (!m || m->len != mlen) return FALSE;
  size_t de = jd_rfind_lit(t, c->clause_start, c->n.start, "的");
  /* 涉及毒品罪行的被捕人数: a clause naming drugs says what the whole is */
  if (de == (size_t)-1 || jd_drug_in(x, t, c->clause_start, de)) return FALSE;
  char rest[64];
  size_t after = de + strlen("的");
  /* only its noun after 的 (毒品案件, 案件), nothing that narrows it there */
  if (narrowing_words(x, t, after, c->n.start, c->metric, FALSE, rest, sizeof rest) ||
      !jd_best_trigger(x, t, after, c->n.start, c, c->n.start).e)
    return FALSE;
  return narrowing_words(x, t, c->clause_start, de, c->metric, FALSE, out, size);
}

/* 现有吸毒人员434人，在押139人，其他类7人: a count of its own clause that
 * names no noun of its own, right after a whole of the same metric and unit,
 * is the part its words name. */
static gboolean part_named_alone(jd_extractor *x, const char *t, const cand *cs, guint i, char *out,
                                 size_t size)
{
  const cand *c = &cs[i], *w = i ? &cs[i - 1] : NULL;
  /* (目前在所2.4万人 after a total since 2008: another period, no part) */
  /* (降至1800人: the level reached, no part) */
  if (!w || c->kind != JD_KIND_LEVEL || c->is_to || w->kind != JD_KIND_LEVEL ||
      memcmp(&w->period, &c->period, sizeof c->period) != 0 ||
      strcmp(w->metric, c->metric) != 0 || strcmp(w->unit, c->unit) != 0 ||
      c->metric_trigger != w->metric_trigger || w->end > c->clause_start ||
      jd_best_trigger(x, t, c->clause_start, c->n.start, c, c->n.start).e)
    return FALSE;
  size_t p = jd_skip_spaces(t, c->n.start, c->clause_start), len;
  if (jd_self_reference_at(x->lx, t + p, c->n.start - p, &len) >= -1) return FALSE;
  /* 其中有海洛因294公斤 (after 560公斤 destroyed): the part is a drug, told in its column */
  const char *d = g_str_has_prefix(c->metric, "drugs_") ? jd_drug_in(x, t, p, c->n.start) : NULL;
  if (d && strcmp(d, "all") != 0) return FALSE;
  /* 其中七里河区30起: another place's whole, not a part of this one's */
  if (strcmp(w->region, c->region) != 0 &&
      jd_find_lit(t, c->clause_start, c->n.start, "籍") == (size_t)-1)
    return FALSE;
  return narrowing_words(x, t, c->clause_start, c->n.start, c->metric, FALSE, out, size);
}

/* The words of c's own clause that narrow it (narrowed_by_words, then
 * part_of_relative_clause, then part_named_alone), into its scope. */
static gboolean narrowed_in_own_clause(jd_extractor *x, const char *t, cand *cs, guint i)
{
  cand *c = &cs[i];
  if (narrowed_by_words(x, t, c, c->scope, sizeof c->scope)) {
    jd_why(c, "scope %s: words between its verb and its noun narrow what it counts", c->scope);
    return TRUE;
  }
  if (part_of_relative_clause(x, t, c, c->scope, sizeof c->scope)) {
    jd_why(c, "scope %s: the clause with 的 that qualifies its noun", c->scope);
    return TRUE;
  }
  if (part_named_alone(x, t, cs, i, c->scope, sizeof c->scope)) {
    jd_why(c, "scope %s: its own clause names a part of the %s before it", c->scope, c->metric);
    return TRUE;
  }
  return FALSE;
}

/* 其中，共破获目标案件45起，抓获犯罪嫌疑人4560名 opening a sentence (or a
 * paragraph that goes on from the one before): its figures are parts of the
 * wholes stated before it in the paragraph, when one of the same metric and
 * drug was stated there as a whole. */
/* 铁路公安处共查获各类毒品87909克。其中，冰毒11000余克…: a drug of a whole
 * the sentence before gave a scope (an organisation, a channel) is of that
 * scope too. */
static gboolean drug_of_scoped_whole(jd_extractor *x, const char *t, size_t s, size_t e, cand *c)
{
  if (c->kind != JD_KIND_LEVEL || !c->drug || !strcmp(c->drug, "all") || !x->para_items->len)
    return FALSE;
  if (!jd_has_prefix_at(t, e, jd_skip_spaces(t, e, s), "其中")) return FALSE;
  for (guint j = x->para_items->len; j-- > 0;) {
    const cand *w = &g_array_index(x->para_items, cand, j);
    if (w->kind != JD_KIND_LEVEL || strcmp(w->metric, c->metric) != 0 || !w->drug ||
        strcmp(w->drug, "all") != 0 || w->value < c->value)
      continue;
    if (!*w->scope || !strcmp(w->scope, "?")) return FALSE;
    g_strlcpy(c->scope, w->scope, sizeof c->scope);
    jd_why(c, "scope %s: a drug of the whole before it, which has that scope", c->scope);
    return TRUE;
  }
  return FALSE;
}

static gboolean part_after_opening_qizhong(jd_extractor *x, const char *t, size_t s, size_t e,
                                           cand *c, char *out, size_t size)
{
  if (c->kind != JD_KIND_LEVEL || !x->para_items->len) return FALSE;
  size_t q = jd_skip_spaces(t, e, s);
  if (!jd_has_prefix_at(t, e, q, "其中")) return FALSE;
  gboolean whole = FALSE;
  for (guint j = 0; j < x->para_items->len && !whole; j++) {
    const cand *w = &g_array_index(x->para_items, cand, j);
    whole = w->kind == JD_KIND_LEVEL && !strcmp(w->metric, c->metric) &&
            !g_strcmp0(w->drug, c->drug) && w->value >= c->value;
  }
  if (!whole) return FALSE;
  /* named in its own clause: 破获千克以上贩毒大案603起, 其中女性…; else an unnamed part */
  if (narrowed_by_words(x, t, c, out, size)) return TRUE;
  part_word_after(x, t, MAX(q, c->clause_start), c, out, size);
  if (!strcmp(out, "?")) {
    /* an unnamed part, written as the others are: METRIC_part, 其中部分 */
    g_autofree char *name = jd_part_name("part");
    g_strlcpy(out, name, size);
    if (strlen(c->metric) + strlen("_part") < sizeof c->metric)
      g_strlcat(c->metric, "_part", sizeof c->metric);
  }
  return TRUE;
}

/* The part word (subsets.tsv) nearest before c's number after 其中 at q, as
 * the part's name, into out; "?" when none. */
static void part_word_after(jd_extractor *x, const char *t, size_t q, const cand *c, char *out,
                            size_t size)
{
  const jd_lex_entry *word = NULL;
  /* the part word of its own clause first; then, when its clause names nothing
   * of its own (其中破获团伙案件80起，抓获犯罪嫌疑人260名), the one after 其中 —
   * but an earlier item's (…跨省毒品大案2起，百克以上毒品案件58起) is not its */
  size_t own = MAX(q, c->clause_start);
  for (int pass = 0; pass < 2 && !word; pass++) {
    size_t from = pass ? q : own;
    if (pass && own > q) {
      size_t n = strlen(c->metric);
      g_autofree char *whole = g_str_has_suffix(c->metric, "_part")
                                   ? g_strndup(c->metric, n - strlen("_part"))
                                   : g_strdup(c->metric);
      char mine[64];
      if (narrowing_words(x, t, own, c->n.start, whole, FALSE, mine, sizeof mine)) break;
    }
    for (size_t p = from; p < c->n.start;) {
      const jd_lex_entry *w = jd_lex_at(x, JD_LEX_SUBSET, t, p, c->n.start);
      if (w) word = w;
      p = w ? p + w->len : jd_next_char(t, c->n.start, p);
    }
  }
  /* 其中有五名青少年: the part word right after the unit */
  if (!word && c->end < c->clause_end) {
    size_t p = jd_skip_spaces(t, c->clause_end, c->end);
    word = jd_lex_at(x, JD_LEX_SUBSET, t, p, c->clause_end);
  }
  if (word) {
    g_autofree char *name = jd_part_name(word->id);
    g_strlcpy(out, name, size);
    return;
  }
  /* 其中临夏籍人员…: people from a place, named as written (a place + 籍) */
  for (size_t p = q; p < c->n.start; p = jd_next_char(t, c->n.start, p)) {
    const jd_lex_entry *r = jd_lex_at(x, JD_LEX_REGION, t, p, c->n.start);
    if (r && jd_has_prefix_at(t, c->n.start, p + r->len, "籍")) {
      g_snprintf(out, size, "%.*s籍", (int)r->len, t + p);
      return;
    }
  }
  g_strlcpy(out, "?", size);
}

/* 从340人减少到190人，其中临夏籍从50人减少到30人，同比分别下降44.15%和30.77%: the
 * changes of a 分别 list speak, in order, of the last subjects of the sentence
 * (its levels grouped by metric and scope, in order of appearance); a change
 * takes the scope of its subject when the metric agrees. */
/* 收戒吸毒人员356人，其中强制隔离戒毒218人、社区戒毒103人、社区康复35人: a total
 * told with a verb, broken down after 其中 into measures of their own names,
 * one of them its own metric's: that one is the measure's whole, and the total
 * counts all the measures (cues.tsv broader_metric). */
static void total_of_measures(jd_extractor *x, const char *t, cand *cs, guint n)
{
  for (guint i = 0; i + 2 < n; i++) {
    cand *w = &cs[i];
    if (w->kind != JD_KIND_LEVEL || w->scope[0] || !w->metric_trigger ||
        w->metric_trigger->number != JD_ROLE_VERB)
      continue;
    if (cs[i + 1].n.start <= w->end) continue;
    size_t q = jd_find_lit(t, w->end, cs[i + 1].n.start, "其中");
    if (q == (size_t)-1) continue;
    size_t wl = strlen(w->metric);
    guint own = 0, others = 0, own_at = 0;
    for (guint j = i + 1; j < n && cs[j].clause_start == cs[i + 1].clause_start; j++) {
      if (cs[j].kind != JD_KIND_LEVEL || strcmp(cs[j].unit, w->unit) != 0) break;
      if (!strncmp(cs[j].metric, w->metric, wl) && !strcmp(cs[j].metric + wl, "_part")) {
        own++;
        own_at = j;
      } else if (strcmp(cs[j].metric, w->metric) != 0 && strcmp(cs[j].metric, "other") != 0) {
        others++;
      }
    }
    const jd_lex_entry *b = jd_cue_at(CUES(x, BROADER_METRIC), w->metric, wl, 0);
    if (own != 1 || others < 1 || !b || b->len != wl) continue;
    const char *broader = b->arg;
    cand *m = &cs[own_at];
    m->metric[wl] = 0; /* compulsory_isolation_part -> compulsory_isolation */
    m->scope[0] = 0;
    jd_why(m, "metric %s: a measure listed after 其中 beside others, its own whole", m->metric);
    g_strlcpy(w->metric, broader, sizeof w->metric);
    jd_why(w, "metric %s: a total broken down into measures of their own after it", w->metric);
  }
}

/* Whether the part metric `part` is a part of `whole` (drugs_seized_foreign of
 * drugs_seized). */
static gboolean metric_part_of(const char *part, const char *whole)
{
  size_t n = strlen(whole);
  return !strncmp(part, whole, n) && part[n] == '_';
}

/* 其中来源境外15.3吨、国内2吨，同比分别下降21.7%和48.2%，分占总量的88.6%和11.4%: each run of
 * the 分别 list's changes or shares of one kind is of the last levels before them, in
 * order: their scopes (and the part metric a level of a part has). */
static void scope_list_changes(cand *cs, guint n)
{
  guint subj[64], n_subj = 0, chg[64], n_chg = 0;
  for (guint i = 0; i < n; i++) {
    const cand *c = &cs[i];
    if (c->kind != JD_KIND_LEVEL && c->distributed) {
      if (n_chg < G_N_ELEMENTS(chg)) chg[n_chg++] = i;
      continue;
    }
    if (c->kind != JD_KIND_LEVEL || n_chg) continue;
    gboolean seen = FALSE;
    for (guint k = 0; k < n_subj && !seen; k++)
      seen = !strcmp(cs[subj[k]].metric, c->metric) && !strcmp(cs[subj[k]].scope, c->scope);
    if (!seen && n_subj < G_N_ELEMENTS(subj)) subj[n_subj++] = i;
  }
  for (guint g = 0, h; g < n_chg; g = h + 1) {
    h = g;
    while (h + 1 < n_chg && chg[h + 1] == chg[h] + 1 && cs[chg[h + 1]].kind == cs[chg[g]].kind) h++;
    guint len = h - g + 1;
    if (len > n_subj || (g == 0 && h + 1 == n_chg && n_chg > n_subj)) continue;
    for (guint r = 0; r < len; r++) {
      cand *c = &cs[chg[g + r]];
      const cand *w = &cs[subj[n_subj - len + r]];
      gboolean part = metric_part_of(w->metric, c->metric);
      if ((strcmp(w->metric, c->metric) != 0 && !part) || !strcmp(w->scope, c->scope)) continue;
      if (part) g_strlcpy(c->metric, w->metric, sizeof c->metric);
      g_strlcpy(c->scope, w->scope, sizeof c->scope);
      jd_why(c, "scope %s: in its 分别 list, the change of the %s%s%s", c->scope[0] ? c->scope : "(whole)",
             w->metric, w->scope[0] ? " of " : "", w->scope);
    }
  }
}

/* Users of one drug (吸食海洛因的8.9万人) are part of all users. */
static gboolean counts_users(const char *metric)
{
  switch (metric[0]) { /* (the names by their first letter: asked for every figure, often) */
  case 'u':
    return g_str_has_prefix(metric, "users_");
  case 'n':
    return strcmp(metric, "new_users") == 0;
  case 'a':
    return strcmp(metric, "abstinent_3y") == 0;
  case 'r':
    return strcmp(metric, "relapsed_users") == 0 || strcmp(metric, "rehab_venue") == 0;
  case 'c':
    return strcmp(metric, "compulsory_isolation") == 0; /* 收治规模达3.7万人: a capacity */
  default:
    return FALSE;
  }
}

/* 新滋生本地籍吸毒人员356人，比上年下降了20%: a change that names nothing of its
 * own, right after a level of its metric that has a scope, is that part's
 * change (a share of the part between them is passed over). */
static gboolean change_of_scoped_level(jd_extractor *x, const char *t, cand *cs, guint i)
{
  cand *c = &cs[i];
  if (c->kind == JD_KIND_LEVEL || i == 0 || c->distributed) return FALSE;
  guint j = i - 1;
  while (j > 0 && cs[j].kind == JD_KIND_SHARE) j--; /* 施用者7万件占81.5%，较上年增加19.5% */
  const cand *p = &cs[j];
  size_t n = strlen(p->metric), m = strlen(c->metric);
  /* 其中施用者…件，较上年增加8.5%: the change is read as a part (METRIC_part);
   * 其中刑事专案调查共600宗，较上年上升5.2%: the part is unnamed (METRIC_part)
   * and the change took its whole's metric */
  gboolean same = !strcmp(p->metric, c->metric) ||
                  (!strncmp(p->metric, c->metric, n) && !strcmp(c->metric + n, "_part")) ||
                  (!strncmp(p->metric, c->metric, m) && !strcmp(p->metric + m, "_part"));
  if (p->kind != JD_KIND_LEVEL || !p->scope[0] || !same) return FALSE;
  size_t from = MAX(p->end, c->clause_start);
  if (from < c->n.start && jd_best_trigger(x, t, from, c->n.start, c, c->n.start).e) return FALSE;
  g_strlcpy(c->metric, p->metric, sizeof c->metric);
  g_strlcpy(c->scope, p->scope, sizeof c->scope);
  return TRUE;
}

/* ---- words that narrow a count ---------------------------------------------- */

/* The words of t[from, to) that are not plain (cues.tsv plain_modifier), a
 * drug, a place or a noun of metric, as written, into out (at most size);
 * with stop_at_noun, up to the first noun of metric only, and FALSE when
 * there is none. FALSE too where a number or a punctuation mark stands. */
static gboolean narrowing_words(jd_extractor *x, const char *t, size_t from, size_t to,
                                const char *metric, gboolean stop_at_noun, char *out, size_t size)
{
  size_t first = (size_t)-1, last = 0, nchars = 0;
  gboolean noun = FALSE;
  out[0] = 0;
  for (size_t p = from; p < to;) {
    size_t next;
    gunichar ch = jd_char_at(t, to, p, &next);
    /* 三起利用地毯藏匿走私、贩运“金新月”毒品案件: a kind of case after the unit
     * may list verbs and quote a name, up to its noun */
    if (stop_at_noun && (ch == 0x3001 || ch == 0x201C || ch == 0x201D)) {
      p = next;
      continue;
    }
    /* 侦破缴毒量在1公斤以上的毒品大案: a weight with 以上 sizes the cases */
    size_t q = p;
    while (q < to && (g_ascii_isdigit(t[q]) || (q > p && t[q] == '.'))) q++;
    const jd_lex_entry *u = q > p ? jd_lex_at(x, JD_LEX_UNIT, t, q, to) : NULL;
    size_t after = q + (u ? u->len : 0) + strlen("以上");
    if (lit_at(t, to, after, "的")) after += strlen("的");
    if (u && !strcmp(u->id, "kg") &&
        (lit_at(t, to, q + u->len, "以上") || lit_at(t, to, q + u->len, "以下")) &&
        (lit_at(t, to, after, "毒品") || lit_at(t, to, after, "大案") || lit_at(t, to, after, "案"))) {
      if (first == (size_t)-1) first = p;
      last = q + u->len + strlen("以上");
      nchars += 3;
      p = last;
      continue;
    }
    if (jd_is_punct(ch) || g_unichar_isdigit(ch)) return FALSE;
    const jd_lex_entry *w = jd_lex_at(x, JD_LEX_METRIC, t, p, to);
    if (w && !strcmp(w->id, metric)) {
      if (stop_at_noun && w->number == JD_ROLE_NOUN) {
        noun = TRUE;
        break;
      }
      p += w->len;
      continue;
    }
    if ((w = jd_cue_at(CUES(x, PLAIN_MODIFIER), t, to, p)) ||
        (w = jd_lex_at(x, JD_LEX_DRUG, t, p, to)) ||
        (w = jd_lex_at(x, JD_LEX_REGION, t, p, to)) ||
        (w = jd_lex_at(x, JD_LEX_PERIOD, t, p, to))) {
      p += w->len;
      continue;
    }
    if (ch != ' ') {
      if (first == (size_t)-1) first = p;
      last = next;
      nchars++;
    }
    p = next;
  }
  if ((stop_at_noun && !noun) || nchars < 2) return FALSE;
  /* as written, from the first narrowing word to the last (特大跨国毒品走私), with
   * the 案 that ends a kind of case (千克以上贩毒大案) */
  if (jd_has_prefix_at(t, to, last, "案") && !jd_has_prefix_at(t, to, last + strlen("案"), "件"))
    last += strlen("案");
  /* (…贩运“金三角”毒品案件: a quote opened in the words is closed in them) */
  if (jd_find_lit(t, first, last, "“") != (size_t)-1 && jd_find_lit(t, first, last, "”") == (size_t)-1 &&
      jd_has_prefix_at(t, to, last, "”"))
    last += strlen("”");
  size_t n = MIN(last - first, size - 1);
  while (n && (t[first + n] & 0xC0) == 0x80) n--; /* not inside a character */
  memcpy(out, t + first, n);
  out[n] = 0;
  return TRUE;
}

/* 抓获团伙成员329名, 破获千克以上贩毒大案603起, 破获4起特大跨国毒品走私案件: words
 * between a count's verb and its number, or after its unit before its noun,
 * that do not name the whole (cues.tsv plain_modifier) narrow it; the scope is
 * those words as written. Only for the metrics of cues.tsv narrowed_metric. */
static gboolean narrowed_by_words(jd_extractor *x, const char *t, const cand *c, char *out,
                                  size_t size)
{
  if (!c->trigger_end || c->trigger_end < c->clause_start || c->kind != JD_KIND_LEVEL) return FALSE;
  size_t mlen = strlen(c->metric);
  const jd_lex_entry *m = jd_cue_at(CUES(x, NARROWED_METRIC), c->metric, mlen, 0);
  if (!m || m->len != mlen) return FALSE;
  /* 案件已从最高峰时期的16万余起(降至…): what follows 从/由 dates the starting
   * level, it names no part */
  size_t to = c->n.start;
  if (c->is_from) {
    size_t f = jd_rfind_lit(t, c->trigger_end, to, "从");
    if (f == (size_t)-1) f = jd_rfind_lit(t, c->trigger_end, to, "由");
    if (f != (size_t)-1) to = f;
  }
  if (narrowing_words(x, t, c->trigger_end, to, c->metric, FALSE, out, size)) return TRUE;
  /* 破获4起特大跨国毒品走私案件: the noun after the unit */
  return c->end < c->clause_end &&
         narrowing_words(x, t, c->end, c->clause_end, c->metric, TRUE, out, size);
}


/* 破获涉依托咪酯犯罪案件9800余起，抓获犯罪嫌疑人1.8万名: the suspects of a
 * sentence whose cases are of one drug (涉 + the drug) are those cases'
 * suspects, not all suspects. */
static void suspects_of_drug_cases(jd_extractor *x, const char *t, cand *cs, guint n)
{
  const char *drug = NULL;
  const jd_lex_entry *word = NULL;
  for (guint i = 0; i < n; i++) {
    cand *c = &cs[i];
    if (!drug && c->kind == JD_KIND_LEVEL && !strcmp(c->metric, "cases_solved") && c->drug &&
        strcmp(c->drug, "all") != 0 && !c->scope[0]) {
      size_t at;
      const char *d = jd_drug_in(x, t, c->clause_start, c->n.start);
      if (d && !strcmp(d, c->drug) &&
          (word = jd_cue_find(CUES(x, DRUG_CASES), t, c->clause_start, c->n.start, &at)))
        drug = c->drug;
      continue;
    }
    if (drug && c->kind == JD_KIND_LEVEL && !strcmp(c->metric, "suspects_arrested") && !c->scope[0]) {
      g_snprintf(c->scope, sizeof c->scope, "%s%s", word->surface, jd_drug_name(drug));
      jd_why(c, "scope %s: the suspects of the cases of one drug before it", c->scope);
    }
  }
}

/* 全省侦破公安部毒品目标案件12起，抓获犯罪嫌疑人180名，缴获毒品1.2吨; 联合缅甸
 * 警方破获跨国贩毒案件6起，抓获犯罪嫌疑人11名: a sentence that opens with a
 * count of some cases only (target or gang cases, or cases a part word names)
 * goes on with those cases' suspects and seizures. */
static void counts_of_cases_told_first(const char *t, size_t s, cand *cs, guint n)
{
  if (!n || cs[0].kind != JD_KIND_LEVEL || jd_find_lit(t, s, cs[0].n.start, "其中") != (size_t)-1)
    return;
  const cand *lead = &cs[0];
  char scope[sizeof lead->scope];
  if ((!strcmp(lead->metric, "target_cases") || !strcmp(lead->metric, "gang_cases_solved")) &&
      lead->metric_trigger && !lead->scope[0])
    g_strlcpy(scope, lead->metric_trigger->surface, sizeof scope);
  else if ((!strcmp(lead->metric, "cases_solved") || !strcmp(lead->metric, "gangs_busted")) &&
           lead->scope[0] && strcmp(lead->scope, "?") != 0)
    g_strlcpy(scope, lead->scope, sizeof scope);
  else
    return;
  for (guint i = 1; i < n; i++) {
    cand *c = &cs[i];
    if (c->kind != JD_KIND_LEVEL ||
        (strcmp(c->metric, "suspects_arrested") != 0 && strcmp(c->metric, "drugs_seized") != 0) ||
        jd_find_lit(t, lead->end, c->n.start, "其中") != (size_t)-1)
      break;
    /* …抓获台湾籍犯罪嫌疑人31名，缴获毒品357千克: a part of their own goes on */
    if (c->scope[0]) continue;
    /* …大案17起，抓获毒品犯罪嫌疑人530名: suspects named as all drug suspects */
    if (!strcmp(c->metric, "suspects_arrested") &&
        jd_find_lit(t, c->clause_start, c->n.start, "毒品") != (size_t)-1)
      break;
    g_strlcpy(c->scope, scope, sizeof c->scope);
    jd_why(c, "scope %s: of the cases its sentence opens with", c->scope);
  }
}

/* Whether c counts what narrowed_metric names (cases, suspects). */
static gboolean is_narrowed_metric(jd_extractor *x, const cand *c)
{
  size_t mlen = strlen(c->metric);
  const jd_lex_entry *m = mlen ? jd_cue_at(CUES(x, NARROWED_METRIC), c->metric, mlen, 0) : NULL;
  return m && m->len == mlen;
}

/* 破获食品药品安全犯罪案件1.9万宗，拘捕2.8万名疑犯 in a drug document: cases
 * (and suspects) of another crime, or of all crimes (各类刑事案件), are no
 * drug figures (cues.tsv, other_crime); the suspects after such cases in the
 * sentence are those cases'. */
/* Whether metric counts people charged (the suspects after cases of another
 * crime are those cases', as are the prosecuted after arrests of it). */
static gboolean counts_offenders(const char *metric)
{
  return !strcmp(metric, "suspects_arrested") || !strcmp(metric, "arrests_approved") ||
         !strcmp(metric, "prosecuted");
}

/* The last word of another crime (cues.tsv other_crime) in t[from, to), its
 * start in *at. */
static const jd_lex_entry *last_crime_word(jd_extractor *x, const char *t, size_t from, size_t to,
                                           size_t *at)
{
  const jd_lex_entry *w, *last = NULL;
  size_t a;
  while (from < to && (w = jd_cue_find(CUES(x, OTHER_CRIME), t, from, to, &a))) {
    last = w;
    *at = a;
    from = a + w->len;
  }
  return last;
}

/* 吸毒人员实施“两抢一盗”案件4673起、“毒驾”案件625起: the 毒 of the clause is
 * the offenders', when the last word before the number names another crime
 * with no 毒 after it up to the number. */
static gboolean crime_named_last(jd_extractor *x, const char *t, const cand *c)
{
  size_t at = 0;
  const jd_lex_entry *w = last_crime_word(x, t, c->clause_start, c->n.start, &at);
  return w && jd_find_lit(t, at + w->len, c->n.start, "毒") == (size_t)-1;
}

static void counts_of_other_crimes(jd_extractor *x, const char *t, cand *cs, guint n)
{
  const char *crime = NULL;
  for (guint i = 0; i < n; i++) {
    cand *c = &cs[i];
    if (!is_narrowed_metric(x, c)) continue;
    /* 批捕毒品犯罪37.3万人，占全部刑事案件的8%: the crimes a share is taken of are
     * its base, not what it counts */
    if (c->kind == JD_KIND_SHARE) continue;
    gboolean drug_here = jd_find_lit(t, c->clause_start, c->clause_end, "毒") != (size_t)-1;
    if (drug_here && crime_named_last(x, t, c)) drug_here = FALSE;
    if (drug_here) {
      crime = NULL;
      continue;
    }
    size_t at;
    size_t after_end = MIN(c->clause_end, c->end + 36);
    const jd_lex_entry *w = last_crime_word(x, t, c->clause_start, c->n.start, &at);
    if (!w) w = jd_cue_find(CUES(x, OTHER_CRIME), t, c->end, after_end, &at);
    if (w) crime = w->surface;
    /* …“两抢一盗”案件40起，同比下降35%: the change after such a count is its own */
    else if (!crime || (!counts_offenders(c->metric) && c->kind == JD_KIND_LEVEL)) {
      if (c->kind == JD_KIND_LEVEL) crime = NULL;
      continue;
    }
    jd_why(c, "metric other: '%s' is no drug crime (it was %s)", crime, c->metric);
    g_strlcpy(c->metric, "other", sizeof c->metric);
    g_strlcpy(c->scope, crime, sizeof c->scope);
    c->drug = NULL;
  }
}

/* 区内制麻制毒案件明显减少，由2018年的8件减至…: a count whose noun was named
 * earlier in the sentence is narrowed by the kind of case or person (subset)
 * named with that noun. */
static gboolean subset_with_earlier_noun(jd_extractor *x, const char *t, size_t s, cand *c)
{
  if (!c->early_noun_end || c->kind != JD_KIND_LEVEL) return FALSE;
  size_t from = s;
  for (guint i = 0; i < x->clauses->len; i++) {
    const jd_span *cl = &g_array_index(x->clauses, jd_span, i);
    if (cl->start <= c->early_noun_pos && c->early_noun_pos < cl->end) from = MAX(s, cl->start);
  }
  scope_hit w = {0};
  if (!last_scope_word(x, t, from, c->early_noun_end, c->metric, &w) || strcmp(w.klass, "subset"))
    return FALSE;
  g_strlcpy(c->scope, w.scope, sizeof c->scope);
  return TRUE;
}

/* A subject word of the sentence seen before (subject_word) and the metric it
 * took a figure from. */
typedef struct {
  const jd_lex_entry *word, *trigger;
  char metric[48];
} subject_seen;

/* Whether c counts another subject than its metric's people (就业安置2.8万人,
 * 共有364人认定已脱毒): then it is metric other, scoped by that word. Only
 * where the metric was read from a noun of people (吸毒人员), never a metric
 * named by the words themselves (就业安置率); the figures after it that took
 * its metric follow it (由2018年的46人减至2020年的16人). */
static gboolean counts_another_subject(jd_extractor *x, const char *t, size_t s, cand *c,
                                       const jd_lex_entry *after, subject_seen *seen)
{
  if (!counts_users(c->metric)) {
    /* 端掉赌博窝点2个, 92.82%的受访中小学生, 为100余名学生代表讲授: any count
     * whose own clause names a thing that no metric counts (class not_counted) */
    const jd_lex_entry *w = NULL;
    for (size_t p = MAX(MAX(s, c->clause_start), c->seg_start); p < c->n.start && !w;) {
      const jd_lex_entry *v = jd_lex_at(x, JD_LEX_SCOPE, t, p, c->n.start);
      if (v && !strcmp(v->arg, "not_counted")) w = v;
      p = v ? p + v->len : jd_next_char(t, c->n.start, p);
    }
    if (!w && after && !strcmp(after->arg, "not_counted")) w = after;
    if (!w) return FALSE;
    jd_why(c, "metric other: '%s' is what it counts, not %s", w->surface, c->metric);
    g_strlcpy(c->metric, "other", sizeof c->metric);
    g_strlcpy(c->scope, w->id, sizeof c->scope);
    c->drug = NULL;
    return TRUE;
  }
  const jd_lex_entry *subject = subject_word(x, t, s, c);
  if (!subject && seen->word && c->metric_trigger == seen->trigger && !strcmp(c->metric, seen->metric))
    subject = seen->word;
  if (subject) {
    jd_why(c, "metric other: '%s' is what it counts, not %s", subject->surface, c->metric);
    seen->word = subject;
    seen->trigger = c->metric_trigger;
    g_strlcpy(seen->metric, c->metric, sizeof seen->metric);
  } else if (after && !strcmp(after->arg, "subject")) {
    jd_why(c, "metric other: '%s' after it is what it counts, not %s", after->surface, c->metric);
    subject = after;
  } else {
    return FALSE;
  }
  g_strlcpy(c->metric, "other", sizeof c->metric);
  g_strlcpy(c->scope, subject->id, sizeof c->scope);
  return TRUE;
}

/* 查获自中国、香港走私毒品2079公斤: what came from a place named in its own clause
 * before the number (cues.tsv place_before, source) is a part of all seized;
 * the scope is 来自 and the place. */
static gboolean source_place_in_clause(jd_extractor *x, const char *t, cand *c)
{
  const jd_cue_set *before = CUES(x, PLACE_BEFORE);
  for (size_t p = c->clause_start; p < c->n.start; p = jd_next_char(t, c->n.start, p)) {
    const jd_lex_entry *w = jd_cue_at(before, t, c->n.start, p);
    if (!w || strcmp(w->arg, "source") != 0) continue;
    const jd_lex_entry *r = jd_lex_at(x, JD_LEX_REGION, t, p + w->len, c->n.start);
    if (!r || jd_place_hidden(x->lx, t, c->clause_start, c->n.start, p + w->len, r->len)) continue;
    g_snprintf(c->scope, sizeof c->scope, "来自%.*s", (int)r->len, t + p + w->len);
    jd_why(c, "scope %s: where what it counts came from, named before it", c->scope);
    return TRUE;
  }
  return FALSE;
}

/* What the sentence as a whole (and the sentences around it) says of its
 * figures' scopes, after each has its own. */
static void scopes_of_the_sentence(jd_extractor *x, const char *t, size_t s, size_t e, cand *cs,
                                   guint n, const char *framed, gboolean framed_time)
{
  scope_list_changes(cs, n);
  total_of_measures(x, t, cs, n);
  suspects_of_drug_cases(x, t, cs, n);
  counts_of_cases_told_first(t, s, cs, n);
  counts_of_other_crimes(x, t, cs, n);
  carry_operation_frame(x, t, s, e, cs, n, framed, framed_time);
  operation_of_sentence_before(x, t, s, e, cs, n);
  carry_paragraph_operation(x, t, s, e, cs, n, framed);
}

/* Whether c's metric trigger names c's drug (合成毒品人员: users_synthetic). */
static gboolean trigger_names_drug(jd_extractor *x, const cand *c)
{
  const jd_lex_entry *m = c->metric_trigger;
  if (!m) return FALSE;
  const char *d = jd_drug_in(x, m->surface, 0, m->len);
  return d && !strcmp(d, c->drug);
}

/* What jd_find_scopes's rules ask of the sentence t[s, e) again and again. */
static void note_sentence(jd_extractor *x, const char *t, size_t s, size_t e)
{
  x->sent_has_quote = any_quote(t, s, e);
  x->sent_outside[0] = 0;
  x->sent_has_case = jd_find_lit(t, s, e, "案") != (size_t)-1;
  x->sent_has_qizhong = jd_find_lit(t, s, e, "其中") != (size_t)-1;
}

/* A figure of the whole (no scope) before cs[i] in its sentence: a place outside
 * named after it (全年缴获海洛因1.81吨，其中来自“金新月”地区22公斤；缴获冰毒15吨) is
 * a part of that whole, and frames no sentence after it. */
static gboolean whole_before(const cand *cs, guint i)
{
  for (guint j = 0; j < i; j++)
    if (!cs[j].scope[0] && cs[j].metric[0] && strcmp(cs[j].metric, "other") != 0) return TRUE;
  return FALSE;
}

/* A count of users of one drug is that drug's part (scope: its name); in
 * 吸食合成毒品人员占78% the drug is its metric's own (users_synthetic), as
 * the metric's name says, and no part. */
static gboolean users_of_one_drug(jd_extractor *x, cand *c)
{
  if (!counts_users(c->metric) || !c->drug || !*c->drug) return FALSE;
  if (trigger_names_drug(x, c)) c->drug = NULL;
  if (!c->drug || strcmp(c->drug, "all") == 0) return FALSE;
  g_strlcpy(c->scope, jd_drug_name(c->drug), sizeof c->scope);
  jd_why(c, "scope %s: users of one drug", c->scope);
  return TRUE;
}

/* 年均破案近千余起, 平均每年缴毒4吨 (cues.tsv, annual_average, in its clause before the
 * number): a count or amount a year on average over its span, not the span's total; a
 * figure already read as a part keeps its part */
static gboolean yearly_average(jd_extractor *x, const char *t, cand *c)
{
  if (c->kind != JD_KIND_LEVEL || c->scope[0] || !c->metric[0] || c->n.start <= c->clause_start)
    return FALSE;
  const jd_lex_entry *w = NULL;
  size_t at, from = c->clause_start;
  for (const jd_lex_entry *h; (h = jd_cue_find(CUES(x, ANNUAL_AVERAGE), t, from, c->n.start, &at));
       from = at + h->len)
    w = h;
  if (!w) return FALSE;
  g_strlcpy(c->scope, "年均", sizeof c->scope);
  jd_why(c, "scope 年均: '%s' before it in its clause, a yearly average", w->surface);
  return TRUE;
}

void jd_find_scopes(jd_extractor *x, const char *t, size_t s, size_t e, cand *cs, guint n)
{
  note_sentence(x, t, s, e);
  subject_seen subj = {0};
  const char *framed = NULL; /* the scope of an operation framing the time */
  gboolean framed_time = FALSE;
  for (guint i = 0; i < n; i++) {
    cand *c = &cs[i];
    c->scope[0] = 0;
    gboolean unnamed_part = g_str_has_suffix(c->metric, "_part");
    if (!unnamed_part && part_scope(x, c->metric, c->scope, sizeof c->scope)) {
      jd_why(c, "scope %s: the part its metric names", c->scope);
      continue;
    }
    if (!c->metric[0]) continue;
    const jd_lex_entry *after = c->kind == JD_KIND_LEVEL || c->kind == JD_KIND_SHARE ? word_after_number(x, t, c) : NULL;
    if (counts_another_subject(x, t, s, c, after, &subj)) continue;
    if (after && !strcmp(after->arg, "subset")) {
      g_strlcpy(c->scope, after->id, sizeof c->scope);
      jd_why(c, "scope %s: '%s' after it names what it counts", c->scope, after->surface);
      continue;
    }
    if (users_of_one_drug(x, c)) continue;
    /* 由2018年的8件减至2020年的3件: the level reached is of the part it started from */
    if (c->is_to && i && cs[i - 1].is_from && cs[i - 1].scope[0] && cs[i - 1].early_noun_end &&
        !strcmp(c->metric, cs[i - 1].metric)) {
      g_strlcpy(c->scope, cs[i - 1].scope, sizeof c->scope);
      jd_why(c, "scope %s: the level reached from the part before it", c->scope);
      continue;
    }
    if (subset_with_earlier_noun(x, t, s, c)) {
      jd_why(c, "scope %s: the kind named with its noun earlier in the sentence", c->scope);
      continue;
    }
    if (change_of_scoped_level(x, t, cs, i)) {
      jd_why(c, "scope %s: the change of the part stated just before it", c->scope);
      continue;
    }
    scope_hit hit = {0};
    if (!unnamed_part && part_after_qizhong(x, t, s, cs, i, c->scope, sizeof c->scope)) {
      jd_why(c, "scope %s: after 其中, a part of the %s stated before it", c->scope, c->metric);
      continue;
    }
    if (!unnamed_part && part_of_restated_whole(x, t, cs, i, c->scope, sizeof c->scope)) {
      jd_why(c, "scope %s: a part of the %s restated before it (…中)", c->scope, c->metric);
      continue;
    }

    /* words of its own clause narrow it before a scope carried from an earlier
     * clause (…跨省毒品大案2起，百克以上毒品案件58起) */
    scope_hit own = {0};
    int own_found = unnamed_part ? -1 : own_scope(x, t, s, c, &own);
    if (!own_found && narrowed_in_own_clause(x, t, cs, i)) continue;
    /* scope_in is not asked again what it said (it reads, never writes) */
    if (!scope_before(x, t, s, cs, i, own_found, &own, &hit)) {
      if (!unnamed_part && drug_of_scoped_whole(x, t, s, e, c)) continue;
      if (!unnamed_part && part_after_opening_qizhong(x, t, s, e, c, c->scope, sizeof c->scope)) {
        jd_why(c, "scope %s: its sentence opens with 其中, a part of the %s stated before it",
               c->scope, c->metric);
        continue;
      }
      /* a part after 其中: named by a part word after 其中, else by the words of
       * its own clause (其中…，百克以上毒品案件58起), else unnamed */
      size_t q = unnamed_part ? jd_rfind_lit(t, s, c->n.start, "其中") : (size_t)-1;
      if (q != (size_t)-1) part_word_after(x, t, q, c, c->scope, sizeof c->scope);
      if (q != (size_t)-1 && !strcmp(c->scope, "?")) {
        g_autofree char *whole = g_strndup(c->metric, strlen(c->metric) - strlen("_part"));
        size_t from = MAX(q + strlen("其中"), c->clause_start);
        if (narrowing_words(x, t, from, c->n.start, whole, FALSE, c->scope, sizeof c->scope)) {
          g_strlcpy(c->metric, whole, sizeof c->metric);
          jd_why(c, "scope %s: the part after 其中 its own words name", c->scope);
          continue;
        }
        g_strlcpy(c->scope, "?", sizeof c->scope);
      }
      if (unnamed_part && (!c->scope[0] || !strcmp(c->scope, "?")))
        part_scope(x, c->metric, c->scope, sizeof c->scope);
      else if (unnamed_part)
        c->metric[strlen(c->metric) - strlen("_part")] = 0; /* the scope names the part */
      else if (!c->scope[0])
        source_place_in_clause(x, t, c);
      continue;
    }
    if (unnamed_part) {
      c->metric[strlen(c->metric) - strlen("_part")] = 0;
      /* an operation carried from before 其中 does not name the part its own
       * words name (专项行动以来…，其中…，百克以上毒品案件58起) */
      size_t q = jd_rfind_lit(t, s, c->n.start, "其中");
      if (hit.pos < c->clause_start && q != (size_t)-1 && q < c->n.start &&
          narrowing_words(x, t, MAX(q + strlen("其中"), c->clause_start), c->n.start, c->metric,
                          FALSE, c->scope, sizeof c->scope)) {
        jd_why(c, "scope %s: the part after 其中 its own words name", c->scope);
        continue;
      }
      /* a part named by a scope word (其中依托群众举报破获…): the scope says which */
      g_strlcpy(c->scope, hit.scope, sizeof c->scope);
      jd_why(c, "scope %s: the part after 其中 that '%s' names", c->scope, hit.scope);
      continue;
    }
    g_strlcpy(c->scope, hit.scope, sizeof c->scope);
    /* 全球有2.96亿人使用毒品；因滥用药物患病达3950万人: a place outside frames
     * the sentences joined to it by ； too */
    if (hit.frames || (!strcmp(hit.klass, "outside") && !whole_before(cs, i))) framed = c->scope;
    if (hit.frames) framed_time = TRUE;
    if (!strcmp(hit.klass, "outside")) g_strlcpy(x->sent_outside, c->scope, sizeof x->sent_outside);
    /* the words quoted up to a character boundary (valid UTF-8) */
    size_t cut = hit.pos, want = hit.pos + MIN(strlen(hit.scope) + 3, (size_t)24);
    while (cut < want && t[cut]) cut = jd_next_char(t, want + 4, cut);
    jd_why(c, "scope %s: '%.*s…' before it in its sentence (%s)", c->scope, (int)(cut - hit.pos),
           t + hit.pos, hit.klass);
  }
  scopes_of_the_sentence(x, t, s, e, cs, n, framed, framed_time);
  for (guint i = 0; i < n; i++) yearly_average(x, t, &cs[i]);
}
