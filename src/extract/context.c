/* What the extractor learns about a document before reading its figures:
 * its own date (header lines such as 发布时间:2020/1/23), the year it is
 * about (title, lead sentence) and its own region (title, opening, the
 * level that 全省/全州/全县 point at), with the words a document uses for
 * itself (全省, 我县) and for places it will not name (X市, 某县), what a
 * place is there for (a dateline, a comparison's base: jd_place_role, which
 * place.c shares), and Minguo years (民国111年). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "extract/extract-private.h"
#include "jindu/numeral.h"
#include "util/find.h"

/* ---- Minguo years ------------------------------------------------------------ */

int jd_roc_year_at(const jd_lexicon *lx, const char *t, size_t len, const jd_numeral *m,
                   gboolean roc)
{
  /* the range first: (int) of a value outside int is undefined */
  if (m->kind != JD_NUM_NUMBER || m->is_range || !(m->value >= 1 && m->value <= 150) ||
      m->value != (double)(int)m->value || !jd_has_prefix_at(t, len, m->end, "年"))
    return 0;
  /* 111年来, 100年以来, 100年间: a span of years (cues.tsv, not_roc_year) */
  if (jd_cue_at(jd_lexicon_get_cues(lx, JD_CUE_NOT_ROC_YEAR), t, len, m->end)) return 0;
  if (jd_has_suffix_at(t, 0, m->start, "民国")) return 1911 + (int)m->value;
  if (!roc || m->value < 80 || m->digits_start != m->start) return 0;
  return 1911 + (int)m->value;
}

/* ---- web page furniture --------------------------------------------------------- */

int jd_page_furniture(const jd_lexicon *lx, const char *t, size_t len)
{
  size_t p = 0;
  while (p < len && (t[p] == ' ' || t[p] == '[' || t[p] == '|')) p++;
  if (jd_cue_at(jd_lexicon_get_cues(lx, JD_CUE_PAGE_LINKS), t, len, p)) return 2;
  if (jd_cue_at(jd_lexicon_get_cues(lx, JD_CUE_PAGE_NAV), t, len, p)) return 1;
  return 0;
}

/* ---- places hidden in words ----------------------------------------------- */

/* The start of the character before t[p], not before s. */
static size_t prev_char(const char *t, size_t s, size_t p)
{
  if (p <= s) return s;
  size_t q = p - 1;
  while (q > s && ((unsigned char)t[q] & 0xC0) == 0x80) q--;
  return q;
}

/* 禁毒委主任张太原出席, 张太原：…: a place name of one or two characters right
 * after a family name is a person's given name when a title comes before the
 * family name, or the name opens its line and a word of what people do follows
 * (cues.tsv surname, person_title, person_after). */
static gboolean person_name_at(const jd_lexicon *lx, const char *t, size_t s, size_t e, size_t p,
                               size_t len)
{
  if (p <= s || len > 6) return FALSE;
  size_t q = prev_char(t, s, p);
  const jd_lex_entry *fam = jd_cue_at(jd_lexicon_get_cues(lx, JD_CUE_SURNAME), t, p, q);
  if (!fam || q + fam->len != p) return FALSE;
  if (jd_cue_before(jd_lexicon_get_cues(lx, JD_CUE_PERSON_TITLE), t, s, q)) return TRUE;
  gboolean opens = q == s || t[q - 1] == '\n';
  return opens && jd_cue_at(jd_lexicon_get_cues(lx, JD_CUE_PERSON_AFTER), t, e, p + len) != NULL;
}

/* A place name at t[p, p+len) that a word of place_hider straddles — one that
 * starts up to two characters before it and ends inside it (其中宁波: not
 * 中宁), or starts with it or inside it and ends after it (以上海洛因: not 上海;
 * 台北时间: a clock, not the city) — is not read there. */
gboolean jd_place_hidden(const jd_lexicon *lx, const char *t, size_t s, size_t e, size_t p,
                         size_t len)
{
  const jd_cue_set *set = jd_lexicon_get_cues(lx, JD_CUE_PLACE_HIDER);
  size_t q = p;
  for (int k = 0; k < 2 && q > s; k++) {
    q = prev_char(t, s, q);
    const jd_lex_entry *w = jd_cue_at(set, t, e, q);
    if (w && q + w->len > p && q + w->len < p + len) return TRUE;
  }
  for (q = p; q < p + len; q = jd_next_char(t, e, q)) {
    const jd_lex_entry *w = jd_cue_at(set, t, e, q);
    if (w && q + w->len > p + len) return TRUE;
  }
  return person_name_at(lx, t, s, e, p, len);
}

/* ---- self references ------------------------------------------------------ */

int jd_self_reference_at(const jd_lexicon *lx, const char *text, size_t len, size_t *match_len)
{
  /* 全省, 我县, 本市 (cues.tsv, self_reference); not 全市场, 全区域 */
  const jd_lex_entry *e = jd_cue_at(jd_lexicon_get_cues(lx, JD_CUE_SELF_REFERENCE), text, len, 0);
  if (!e || jd_cue_at(jd_lexicon_get_cues(lx, JD_CUE_NOT_SELF), text, len, e->len)) return -2;
  if (match_len) *match_len = e->len;
  if (!strcmp(e->arg, "province")) return JD_LEVEL_PROVINCE;
  if (!strcmp(e->arg, "prefecture")) return JD_LEVEL_PREFECTURE;
  if (!strcmp(e->arg, "county")) return JD_LEVEL_COUNTY;
  if (!strcmp(e->arg, "town")) return JD_LEVEL_TOWN;
  return -1;
}

/* ---- the document's own date, topic and region ----------------------------- */

/* The reason for what was learned, for --explain (c->explain); NULL when no
 * explanation is asked for, so that a run without it formats none. */
static char *why(const jd_doc_context *c, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static char *why(const jd_doc_context *c, const char *fmt, ...)
{
  if (!c->explain) return NULL;
  va_list ap;
  va_start(ap, fmt);
  char *s = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  return s;
}

void jd_doc_context_clear(jd_doc_context *c)
{
  g_free(c->region);
  g_free(c->why_date);
  g_free(c->why_region);
  g_free(c->why_topic);
  g_free(c->why_now);
  memset(c, 0, sizeof *c);
  c->self_level = -2;
}

/* A short line naming the source, date or editor (cues.tsv, header). */
static gboolean is_header_line(const jd_lexicon *lx, const char *t, size_t len)
{
  return len <= 300 && jd_cue_find(jd_lexicon_get_cues(lx, JD_CUE_HEADER), t, 0, len, NULL);
}

static gboolean is_body_line(const char *t, size_t len)
{
  if (len > 150) return TRUE;
  size_t p;
  gunichar last = jd_char_before(t, 0, len, &p);
  while (last == ' ' && p > 0) last = jd_char_before(t, 0, p, &p);
  return last == 0x3002 || last == ':' || last == 0xFF1A || last == '!' || last == 0xFF01 ||
         last == ';';
}

/* ---- what a place is there for -------------------------------------------- */

/* Characters of a date between a place and 电/讯 (北京6月25日电, 南宁三月五日电). */
static gboolean is_date_char(gunichar c)
{
  return (c >= '0' && c <= '9') || c == ' ' || c == 0x6708 /* 月 */ || c == 0x65E5 /* 日 */ ||
         c == 0x5E74 /* 年 */ || c == 0x3007 /* 〇 */ || c == 0x96F6 /* 零 */ ||
         (c >= 0x4E00 && g_utf8_strchr("一二三四五六七八九十", -1, c) != NULL);
}

/* 来自缅北及云南边境: a place joined (及, 和, 、) to words a source word opens, a few
 * characters back in its clause, is where something comes from too */
static gboolean source_across_joiner(const jd_lexicon *lx, const char *t, size_t pos)
{
  const jd_cue_set *joiners = jd_lexicon_get_cues(lx, JD_CUE_PLACE_JOINER);
  const jd_cue_set *before = jd_lexicon_get_cues(lx, JD_CUE_PLACE_BEFORE);
  if (!jd_cue_before(joiners, t, pos >= 9 ? pos - 9 : 0, pos)) return FALSE;
  size_t p = pos;
  for (int n = 0; n < 10 && p > 0; n++) {
    size_t q;
    gunichar c = jd_char_before(t, 0, p, &q);
    if (c == 0x3002 || c == 0xFF0C || c == 0xFF1B || c == ',' || c == ';') return FALSE;
    const jd_lex_entry *b = jd_cue_before(before, t, q >= 12 ? q - 12 : 0, q);
    if (b && !strcmp(b->arg, "source")) return TRUE;
    p = q;
  }
  return FALSE;
}

int jd_place_role(const jd_lexicon *lx, const char *t, size_t len, size_t pos, size_t end)
{
  const jd_lex_entry *b =
      jd_cue_before(jd_lexicon_get_cues(lx, JD_CUE_PLACE_BEFORE), t, pos >= 12 ? pos - 12 : 0, pos);
  if (!b && source_across_joiner(lx, t, pos)) return JD_PLACE_SOURCE;
  if (b) {
    if (!strcmp(b->arg, "reference")) return JD_PLACE_REFERENCE;
    if (!strcmp(b->arg, "source")) return JD_PLACE_SOURCE;
    if (!strcmp(b->arg, "venue")) return JD_PLACE_VENUE;
  }
  const jd_cue_set *after = jd_lexicon_get_cues(lx, JD_CUE_PLACE_AFTER);
  const jd_lex_entry *a = jd_cue_at(after, t, len, end);
  if (a) {
    if (!strcmp(a->arg, "dateline")) return JD_PLACE_DATELINE;
    if (!strcmp(a->arg, "reference")) return JD_PLACE_REFERENCE;
    if (!strcmp(a->arg, "example")) return JD_PLACE_EXAMPLE;
    if (!strcmp(a->arg, "example_counted")) {
      /* 等19个省份, 等十余个地区: a count follows */
      gunichar c = jd_char_at(t, len, end + a->len, NULL);
      if ((c >= '0' && c <= '9') || (c >= 0x4E00 && g_utf8_strchr("一二两三四五六七八九十几", -1, c)))
        return JD_PLACE_EXAMPLE;
    }
  }
  /* 北京6月25日电: a date, then 电 or 讯 */
  size_t q = end, n;
  int k = 0;
  while (q < len && k < 12 && is_date_char(jd_char_at(t, len, q, &n))) q = n, k++;
  if (k >= 2 && (a = jd_cue_at(after, t, len, q)) && !strcmp(a->arg, "dateline_dated"))
    return JD_PLACE_DATELINE;
  /* 新华网北京电 截至…, 本报北京讯：… (no date; not 北京电视台) */
  if (k == 0 && (a = jd_cue_at(after, t, len, end)) && !strcmp(a->arg, "dateline_dated")) {
    gunichar c = end + a->len < len ? jd_char_at(t, len, end + a->len, NULL) : ' ';
    if (c == ' ' || c == 0x3000 || g_unichar_ispunct(c)) return JD_PLACE_DATELINE;
  }
  return JD_PLACE_SUBJECT;
}

void jd_place_roles_spread(const jd_lexicon *lx, const char *t, void *places, size_t n,
                           size_t stride, size_t pos_off, size_t end_off, size_t role_off)
{
#define AT(i, off, type) (*(type *)((char *)places + (i) * stride + (off)))
  const jd_cue_set *join = jd_lexicon_get_cues(lx, JD_CUE_PLACE_JOINER);
  for (size_t i = 1; i < n; i++) {
    /* 在云南昆明召开: a place written right after a venue is its address, a
     * venue too */
    int r0 = AT(i - 1, role_off, int), r1 = AT(i, role_off, int);
    if (AT(i, pos_off, size_t) != AT(i - 1, end_off, size_t)) continue;
    if (r0 == JD_PLACE_VENUE && r1 == JD_PLACE_SUBJECT) AT(i, role_off, int) = r0;
  }
  for (size_t i = 1; i < n; i++) {
    /* 来自中国大陆及香港: the next place, a joiner at most three characters on */
    size_t gap_from = AT(i - 1, end_off, size_t), gap_to = AT(i, pos_off, size_t);
    /* (联合珠海、广州两地公安机关: partners, as a comparison's base, are no figure's place) */
    int r = AT(i - 1, role_off, int);
    if ((r != JD_PLACE_SOURCE && r != JD_PLACE_REFERENCE) || AT(i, role_off, int) != JD_PLACE_SUBJECT ||
        gap_to < gap_from || gap_to - gap_from > 9 || !jd_cue_find(join, t, gap_from, gap_to, NULL))
      continue;
    AT(i, role_off, int) = r;
  }
  for (size_t i = n; i-- > 1;) {
    /* 湖南、湖北等地: the place before, joined directly */
    size_t a_end = AT(i - 1, end_off, size_t), b_pos = AT(i, pos_off, size_t);
    /* (在安徽、河南、湖北等地警方的配合下: 在 does not make the first a venue) */
    int before = AT(i - 1, role_off, int);
    if (AT(i, role_off, int) != JD_PLACE_EXAMPLE ||
        (before != JD_PLACE_SUBJECT && before != JD_PLACE_VENUE))
      continue;
    const jd_lex_entry *j = jd_cue_at(join, t, b_pos, a_end);
    if (j && a_end + j->len == b_pos) AT(i - 1, role_off, int) = JD_PLACE_EXAMPLE;
  }
#undef AT
}

const char *jd_nation_self(const jd_lexicon *lx, const char *region)
{
  const char *top = region ? jd_lexicon_region_ancestor(lx, region, JD_LEVEL_PROVINCE) : NULL;
  if (!top) return NULL;
  const jd_lex_entry *n = jd_cue_at(jd_lexicon_get_cues(lx, JD_CUE_NATION_SELF), top, strlen(top), 0);
  return n && n->len == strlen(top) ? top : NULL;
}

typedef struct {
  const char *canonical; /* borrowed from the lexicon, or NULL */
  char *written;         /* anonymized name as written */
  int level;
  size_t pos, end;       /* in its paragraph */
  int role;              /* jd_place_role */
  gboolean implied;      /* regions.tsv match implied: 新台币, 禁毒常务委员会 */
  gboolean self;         /* regions.tsv match self: 本港, 全澳 */
} region_hit;

size_t jd_anonymized_at(const char *t, size_t end, size_t p, int *level)
{
  size_t q = p, n;
  int marks = 0;
  /* the first character must be a mark (below): a byte that cannot start one
   * ends it here (this runs at every character of a sentence) */
  if (!jd_anonymized_mark_at(t, end, p)) return 0;
  gunichar before = jd_char_before(t, 0, p, NULL);
  if (before < 0x80 && g_ascii_isalnum((char)before)) return 0;
  for (;;) {
    gunichar c = jd_char_at(t, end, q, &n);
    if ((c >= 'A' && c <= 'Z') || c == 'x' || c == 0xD7 || c == 0xFF38 || c == 0x67D0 /* 某 */) {
      marks++;
      q = n;
    } else {
      break;
    }
  }
  if (!marks || marks > 3) return 0;
  gunichar s = jd_char_at(t, end, q, &n);
  switch (s) {
  case 0x7701: *level = JD_LEVEL_PROVINCE; break;   /* 省 */
  case 0x5E02:                                        /* 市 */
  case 0x5DDE: *level = JD_LEVEL_PREFECTURE; break; /* 州 */
  case 0x53BF:                                        /* 县 */
  case 0x533A: *level = JD_LEVEL_COUNTY; break;     /* 区 */
  default: return 0;
  }
  return n - p;
}

/* 中国禁毒主战场云南, 全国禁毒示范城市昆明: a national word followed in the same
 * phrase (no punctuation, at most eight characters on) by a narrower place
 * describes that place; it is not what is spoken of. */
static void mark_attributes(const char *t, GArray *hits, guint first)
{
  for (guint i = first; i + 1 < hits->len; i++) {
    region_hit *a = &g_array_index(hits, region_hit, i);
    const region_hit *b = &g_array_index(hits, region_hit, i + 1);
    if (a->level != JD_LEVEL_COUNTRY || b->level <= JD_LEVEL_COUNTRY ||
        a->role != JD_PLACE_SUBJECT || b->role != JD_PLACE_SUBJECT || b->pos < a->end ||
        b->pos - a->end > 24)
      continue;
    gboolean phrase = TRUE;
    for (size_t q = a->end, n; q < b->pos && phrase; q = n) {
      gunichar c = jd_char_at(t, b->pos, q, &n);
      phrase = c >= 0x4E00 && c < 0xA000;
    }
    if (phrase) a->role = JD_PLACE_ATTRIBUTE;
  }
}

/* 广西上林县澄泰乡, 云南省昆明市: a place written right before a place inside it
 * is its address, the narrower place is the one spoken of — in the role the
 * address has (在云南昆明召开: a venue). */
static void mark_addresses(const jd_lexicon *lx, GArray *hits, guint first)
{
  for (guint i = first; i + 1 < hits->len; i++) {
    region_hit *a = &g_array_index(hits, region_hit, i);
    region_hit *b = &g_array_index(hits, region_hit, i + 1);
    if (b->pos != a->end || !a->canonical || !b->canonical || b->level <= a->level ||
        a->level <= JD_LEVEL_COUNTRY || b->role != JD_PLACE_SUBJECT ||
        !jd_lexicon_region_within(lx, b->canonical, a->canonical, a->level))
      continue;
    /* 在云南昆明召开: the whole address is the venue (or the dateline) */
    if (a->role != JD_PLACE_SUBJECT) b->role = a->role;
    else a->role = JD_PLACE_ATTRIBUTE;
  }
}

/* The offset of the character after t[p] as jd_char_at reads it (an invalid
 * sequence is one byte), without the call for ASCII and well-formed
 * three-byte characters (most of the text). */
static inline size_t step_char(const char *t, size_t len, size_t p)
{
  const unsigned char *u = (const unsigned char *)t + p;
  if (u[0] < 0x80) return p + 1;
  if (u[0] >= 0xE0 && u[0] < 0xF0 && len - p >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80)
    return p + 3;
  size_t n;
  jd_char_at(t, len, p, &n);
  return n;
}

/* Every place named in t[0..len), in order, each with what it is there for
 * (a dateline, a comparison's base, ...: jd_place_role). */
static void find_regions(const jd_lexicon *lx, const char *t, size_t len, GArray *out,
                         gboolean title)
{
  size_t p = 0;
  guint first = out->len;
  const guint8 *starts = jd_lexicon_first_bits(lx, JD_LEX_REGION);
  const guint8 *single = jd_lexicon_single_bits(lx, JD_LEX_REGION);
  const guint8 *pairs = jd_lexicon_pair_bits(lx, JD_LEX_REGION);
  while (p < len) {
    int level;
    const unsigned char *u = (const unsigned char *)t + p;
    size_t alen = jd_anonymized_mark_at(t, len, p) ? jd_anonymized_at(t, len, p, &level) : 0;
    if (alen) {
      region_hit h = {NULL, g_strndup(t + p, alen), level, p, p + alen, 0, FALSE, FALSE};
      g_array_append_val(out, h);
      p += alen;
      continue;
    }
    /* a character that starts no place name: jd_lexicon_match's first test, here */
    gunichar c0 = len - p >= 3 && u[0] >= 0xE0 && u[0] < 0xF0
                      ? ((gunichar)(u[0] & 0x0F) << 12) | ((gunichar)(u[1] & 0x3F) << 6) | (u[2] & 0x3F)
                      : 0;
    if (c0 && (!((starts[c0 >> 3] >> (c0 & 7)) & 1) ||
               jd_lexicon_pair_rules_out(single, pairs, u, len - p, c0))) {
      p = step_char(t, len, p);
      continue;
    }
    const jd_lex_entry *e = jd_lexicon_match(lx, JD_LEX_REGION, t + p, len - p);
    /* a short name (祁东) only before 籍, or opening a title (祁东禁毒经验…) */
    if (e && strcmp(e->extra, "ji") == 0 && !jd_has_prefix_at(t, len, p + e->len, "籍") &&
        !(title && p == 0))
      e = NULL;
    if (e && jd_place_hidden(lx, t, 0, len, p, e->len)) e = NULL;
    if (e) {
      region_hit h = {e->id, NULL, (int)e->number, p, p + e->len, 0,
                      strcmp(e->extra, "implied") == 0, strcmp(e->extra, "self") == 0};
      g_array_append_val(out, h);
      p += e->len;
      continue;
    }
    p = step_char(t, len, p);
  }
  for (guint i = first; i < out->len; i++) {
    region_hit *h = &g_array_index(out, region_hit, i);
    h->role = jd_place_role(lx, t, len, h->pos, h->end);
  }
  if (out->len > first) /* no pointer arithmetic on an empty array's NULL data */
    jd_place_roles_spread(lx, t, out->data + first * sizeof(region_hit), out->len - first,
                          sizeof(region_hit), offsetof(region_hit, pos), offsetof(region_hit, end),
                          offsetof(region_hit, role));
  mark_attributes(t, out, first);
  mark_addresses(lx, out, first);
}

static void clear_hits(GArray *hits)
{
  for (guint i = 0; i < hits->len; i++) g_free(g_array_index(hits, region_hit, i).written);
  g_array_set_size(hits, 0);
}

/* A place that says what the document is about: not a dateline, a venue, a
 * comparison's base, a source or an example, nor a word that only implies it. */
static gboolean is_subject(const region_hit *h)
{
  return h->role == JD_PLACE_SUBJECT && !h->implied;
}

static const region_hit *pick_region(GArray *hits, int self_level, gboolean any)
{
  const region_hit *first = NULL;
  for (guint i = 0; i < hits->len; i++) {
    const region_hit *h = &g_array_index(hits, region_hit, i);
    if (!is_subject(h)) continue;
    if (!first) first = h;
    if (h->level == self_level || (self_level == -1 && h->level > JD_LEVEL_COUNTRY)) return h;
  }
  return any ? first : NULL;
}

/* The first subject that is a county-level city (化州市), or NULL; in a
 * source line, the outlet's place too (来源:化州市新闻中心). */
static const region_hit *pick_county_city(GArray *hits, gboolean source)
{
  for (guint i = 0; i < hits->len; i++) {
    const region_hit *h = &g_array_index(hits, region_hit, i);
    gboolean outlet = source && h->role == JD_PLACE_DATELINE && !h->implied;
    if ((is_subject(h) || outlet) && h->level == JD_LEVEL_COUNTY && h->canonical &&
        g_str_has_suffix(h->canonical, "市"))
      return h;
  }
  return NULL;
}

/* What is gathered while the opening paragraphs are read. */
typedef struct {
  const jd_lexicon *lx;
  jd_doc_context *c;
  const GArray *nums;                        /* the numerals of the paragraph: own_nums,
                                                or the caller's slot (not copied) */
  GArray *own_nums;                          /* when the caller keeps no slots */
  GArray **scanned;                          /* the caller's slots (or NULL) */
  GArray *title_hits, *body_hits, *source_hits; /* region_hit */
  gboolean body_seen;                        /* the lead (first body paragraph) is read */
  guint lead_hits;                           /* body_hits[0, lead_hits) are the lead's */
  gboolean page_links;                       /* a saved page's links began (page_links) */
  guint first_hits;                          /* body_hits[0, first_hits): the first body
                                                paragraph's (lead_hits runs on to the next
                                                paragraph when that one names no place) */
  gboolean minguo;                           /* 民国 is written */
  int title_year, title_roc;                 /* a year in the title; a Minguo one */
  gboolean title_since;                      /* the title's year opens a span (…以来) */
  unsigned title_line;
  int lead_year;                             /* a year the lead opens with */
  int lead_rel;                              /* 去年，全省…: relative to the date */
  gboolean lead_rel_set;
  int latest_year;                           /* the latest year the opening states */
  int url_y, url_m, url_d;                   /* a date in a header line's web address */
  unsigned url_line;
  int title_rel;                             /* 澳门去年呈报…: relative to the date */
  gboolean title_rel_set;
  gboolean lead_finished;                    /* a news lead reporting lead_year whole */
  int stated_year;                           /* the first year the opening states */
  int now_mark_year, now_mark_offset;        /* 即将过去的2024年 (cues.tsv year_now) */
  unsigned now_mark_line;
  unsigned stated_line, body_paras;
  gboolean stated_finished;                  /* 2015年度: told as a finished year */
  gboolean stated_since;                     /* 2013年以来: told as a span's start */
  int report_year;                           /* 《2018年…报告》 */
  unsigned report_line;
  int docno_year;                            /* 某禁办〔2019〕12号 */
  unsigned docno_line;
  int opname_year;                           /* “飓风2016”行动 in the opening */
  unsigned opname_line;
  int dl_month, dl_day;                      /* 新华社南宁三月五日电: no year */
  int day_year;                              /* 第35个国际禁毒日 (cues.tsv numbered_day) */
  unsigned day_line;
  unsigned dl_line;
  char town[16];                             /* 乐平镇 in a title (cues.tsv, town_suffix) */
} learner;

/* A date in a header line (发布时间:2020/1/23), or in a short line of the
 * opening: the document's own. */
/* Whether 以来/至今 (cues.tsv since_now) ends the clause that goes on from p. */
static gboolean since_closes_clause(learner *L, const char *t, size_t len, size_t p)
{
  size_t at;
  return jd_since_closes_clause(jd_lexicon_get_cues(L->lx, JD_CUE_SINCE_NOW), t, len, p, &at) != NULL;
}

static void learn_date(learner *L, const char *t, size_t len, size_t i, gboolean header)
{
  jd_doc_context *c = L->c;
  for (guint k = 0; k < L->nums->len; k++) {
    const jd_numeral *m = &g_array_index(L->nums, jd_numeral, k);
    /* 自2010年3月1日条例施行以来，…: the start of a span, not the text's date */
    if (!header && jd_cue_before(jd_lexicon_get_cues(L->lx, JD_CUE_SINCE_FROM), t, 0, m->start))
      continue;
    /* 2023年9月全省开展清剿行动以来，…: nor a month that 以来 closes in its clause */
    if (!header && m->kind == JD_NUM_DATE && since_closes_clause(L, t, len, m->end)) continue;
    if (m->kind == JD_NUM_DATE && m->year > 1900 && m->month > 0) {
      c->year = m->year;
      c->month = m->month;
      c->day = m->day;
    } else if (header && m->kind == JD_NUM_YEAR && m->year > 1900) {
      c->year = m->year;
    }
    if (!c->year) continue;
    if (c->day) snprintf(c->date, sizeof c->date, "%04d-%02d-%02d", c->year, c->month, c->day);
    else if (c->month) snprintf(c->date, sizeof c->date, "%04d-%02d", c->year, c->month);
    else snprintf(c->date, sizeof c->date, "%04d", c->year);
    c->why_date = why(c, "document date %s from line %zu of the opening", c->date, i + 1);
    return;
  }
}

/* The first self reference (全省, 我县): the level the document's place is of. */
static void learn_self_word(learner *L, const char *t, size_t len)
{
  const guint8 *starts = jd_lexicon_get_cues(L->lx, JD_CUE_SELF_REFERENCE)->first_bits;
  for (size_t p = 0; p + 6 <= len; p++) {
    const unsigned char *u = (const unsigned char *)t + p;
    if (u[0] < 0xE0 || u[0] >= 0xF0) continue;
    /* a character that starts no self reference: jd_cue_at's first test, here */
    gunichar c = ((gunichar)(u[0] & 0x0F) << 12) | ((gunichar)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    if (!((starts[c >> 3] >> (c & 7)) & 1)) {
      /* its continuation bytes start nothing either: stepped over */
      if ((u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) p += 2;
      continue;
    }
    int lv = jd_self_reference_at(L->lx, t + p, len - p, NULL);
    if (lv != -2) {
      L->c->self_level = lv;
      g_strlcpy(L->c->self_word, t + p, sizeof L->c->self_word);
      return;
    }
  }
}

/* Whether t[p, p + 3) is a character of a town's name: a CJK ideograph at
 * which no word of cues.tsv not_town starts. */
static gboolean town_char_at(const learner *L, const char *t, size_t len, size_t p)
{
  gunichar ch = g_utf8_get_char_validated(t + p, (gssize)(len - p));
  return ch >= 0x4E00 && ch <= 0x9FFF &&
         !jd_cue_at(jd_lexicon_get_cues(L->lx, JD_CUE_NOT_TOWN), t, len, p);
}

/* 2018年8-10月乐平镇禁毒工作情况的通报: two characters and a town word in a
 * title name a town (the gazetteer stops at counties); it is the document's
 * only where the text speaks of itself as a town (learn_region). */
static void learn_town(learner *L, const char *t, size_t len)
{
  if (L->town[0]) return;
  const jd_cue_set *suffix = jd_lexicon_get_cues(L->lx, JD_CUE_TOWN_SUFFIX);
  for (size_t p = 6; p + 3 <= len; p++) {
    const jd_lex_entry *w = jd_cue_at(suffix, t, len, p);
    if (!w || !town_char_at(L, t, len, p - 6) || !town_char_at(L, t, len, p - 3)) continue;
    if (6 + w->len < sizeof L->town) g_strlcpy(L->town, t + p - 6, 6 + w->len + 1);
    return;
  }
}

/* A title line (before the body): its places, its year (2019年禁毒工作总结) or
 * Minguo year. */
static void learn_title(learner *L, const char *t, size_t len, size_t i)
{
  find_regions(L->lx, t, len, L->title_hits, TRUE);
  /* 澳门去年呈报吸毒人数…: a year named relative to the date */
  const guint8 *starts = jd_lexicon_first_bits(L->lx, JD_LEX_PERIOD);
  const guint8 *single = jd_lexicon_single_bits(L->lx, JD_LEX_PERIOD);
  const guint8 *pairs = jd_lexicon_pair_bits(L->lx, JD_LEX_PERIOD);
  for (size_t p = 0; p < len && !L->title_rel_set; p = jd_next_char(t, len, p)) {
    /* jd_lexicon_match's first tests here (as jd_lex_at makes them) */
    const unsigned char *u = (const unsigned char *)t + p;
    if (len - p >= 3 && u[0] >= 0xE0 && u[0] < 0xF0) {
      gunichar c = ((gunichar)(u[0] & 0x0F) << 12) | ((gunichar)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
      if (c && (!((starts[c >> 3] >> (c & 7)) & 1) ||
                jd_lexicon_pair_rules_out(single, pairs, u, len - p, c)))
        continue;
    }
    const jd_lex_entry *w = jd_lexicon_match(L->lx, JD_LEX_PERIOD, t + p, len - p);
    if (w && !strcmp(w->id, "year")) {
      L->title_rel = (int)w->number;
      L->title_rel_set = TRUE;
    }
  }
  learn_town(L, t, len);
  for (guint k = 0; k < L->nums->len && !L->title_year; k++) {
    const jd_numeral *m = &g_array_index(L->nums, jd_numeral, k);
    if (m->kind == JD_NUM_YEAR && m->year > 1900 && !m->is_range) {
      L->title_year = m->year;
      L->title_line = (unsigned)i + 1;
      L->title_since = jd_cue_at(jd_lexicon_get_cues(L->lx, JD_CUE_SINCE_NOW), t, len, m->end) != NULL;
    }
    if (!L->title_roc && jd_roc_year_at(L->lx, t, len, m, TRUE)) {
      L->title_roc = jd_roc_year_at(L->lx, t, len, m, TRUE);
      if (!L->title_line) L->title_line = (unsigned)i + 1;
    }
  }
}

static gboolean whole_year_at(const learner *L, const char *t, size_t len, const jd_numeral *m,
                              guint k);

/* The lead: a year it opens with, or a year relative to the date (过去的一年，
 * 全州…/ 去年，全省…). */
static void learn_lead(learner *L, const char *t, size_t len)
{
  size_t q = 0;
  while (q < len && (t[q] == ' ' || t[q] == '\t')) q++;
  const jd_lex_entry *w = jd_lexicon_match(L->lx, JD_LEX_PERIOD, t + q, len - q);
  if (w && !strcmp(w->id, "year")) {
    L->lead_rel = (int)w->number;
    L->lead_rel_set = TRUE;
  }
  for (guint k = 0; k < L->nums->len; k++) {
    const jd_numeral *m = &g_array_index(L->nums, jd_numeral, k);
    if (m->start > 48) break;
    /* 比2019年同期: a comparison base, not what the lead is about; 自2008年…以来:
     * where a span starts, not the year the text is written in */
    const jd_lex_entry *since = jd_cue_at(jd_lexicon_get_cues(L->lx, JD_CUE_SINCE_NOW), t, len, m->end);
    if (jd_cue_before(jd_lexicon_get_cues(L->lx, JD_CUE_YEAR_BASE), t, 0, m->start) ||
        jd_cue_before(jd_lexicon_get_cues(L->lx, JD_CUE_SINCE_FROM), t, 0, m->start) ||
        (since && since->number == 1)) /* 2015年至今 */
      continue;
    if ((m->kind == JD_NUM_YEAR || m->kind == JD_NUM_DATE) && m->year > 1900 && !m->is_range) {
      L->lead_year = m->year;
      /* 记者…了解到，2016年全省共…: a news report of the whole year */
      L->lead_finished = m->kind == JD_NUM_YEAR && whole_year_at(L, t, len, m, k) &&
                         jd_cue_find(jd_lexicon_get_cues(L->lx, JD_CUE_NEWS_LEAD), t, 0, m->start,
                                     NULL);
      break;
    }
  }
}

/* ---- dates without a year, dotted dates, stated and reported years -------- */

/* A month and day without a year that the opening gives as the document's
 * own: a 电头 (新华社南宁三月五日电, 中新网成都6月14日电) or 今日(六月十七日). */
static void learn_month_day(learner *L, const char *t, size_t len, size_t i)
{
  for (guint k = 0; k < L->nums->len && !L->dl_month; k++) {
    const jd_numeral *m = &g_array_index(L->nums, jd_numeral, k);
    if (m->kind != JD_NUM_DATE || m->year || !m->month || !m->day || m->start > 120) continue;
    size_t q = jd_skip_spaces(t, len, m->end);
    /* 6月26日，…召开新闻发布会: a day opening the first paragraph of the body is
     * the news's own */
    gunichar after = jd_char_at(t, len, q, NULL);
    gboolean opens = L->body_paras <= 1 && m->start == jd_skip_spaces(t, len, 0) &&
                     (after == 0xFF0C /* ， */ || after == ',');
    if (opens || jd_cue_at(jd_lexicon_get_cues(L->lx, JD_CUE_DATELINE_MARK), t, len, q) ||
        jd_cue_before(jd_lexicon_get_cues(L->lx, JD_CUE_TODAY_MARK), t, 0, m->start)) {
      L->dl_month = m->month;
      L->dl_day = m->day;
      L->dl_line = (unsigned)i + 1;
    }
  }
}

static int digits_at(const char *t, size_t len, size_t p, size_t *n)
{
  int v = 0;
  size_t q = p;
  while (q < len && q - p < 4 && g_ascii_isdigit(t[q])) v = v * 10 + (t[q++] - '0');
  *n = q - p;
  return v;
}

/* A date written day.month.year (26.12.2014) on a short line of the opening. */
static gboolean learn_dotted_date(learner *L, const char *t, size_t len, size_t i)
{
  for (size_t p = 0; p < len; p++) {
    if (!g_ascii_isdigit(t[p]) || (p && (g_ascii_isdigit(t[p - 1]) || t[p - 1] == '.'))) continue;
    size_t n1, n2, n3;
    int d = digits_at(t, len, p, &n1);
    if (n1 < 1 || n1 > 2 || p + n1 >= len || t[p + n1] != '.') continue;
    int mo = digits_at(t, len, p + n1 + 1, &n2);
    if (n2 < 1 || n2 > 2 || p + n1 + 1 + n2 >= len || t[p + n1 + 1 + n2] != '.') continue;
    size_t q = p + n1 + n2 + 2;
    int y = digits_at(t, len, q, &n3);
    if (n3 != 4 || (q + 4 < len && (g_ascii_isdigit(t[q + 4]) || t[q + 4] == '.'))) continue;
    if (d < 1 || d > 31 || mo < 1 || mo > 12 || y < 1900 || y > 2200) continue;
    jd_doc_context *c = L->c;
    c->year = y, c->month = mo, c->day = d;
    snprintf(c->date, sizeof c->date, "%04d-%02d-%02d", y, mo, d);
    c->why_date = why(c, "document date %s from line %zu of the opening (day.month.year)",
                                  c->date, i + 1);
    return TRUE;
  }
  return FALSE;
}

/* n digits at p as a number, when exactly n digits stand there (no digit right
 * before or after); -1 otherwise. */
static int digits_exactly(const char *t, size_t len, size_t p, size_t n)
{
  if (p + n > len || (p > 0 && g_ascii_isdigit(t[p - 1])) ||
      (p + n < len && g_ascii_isdigit(t[p + n])))
    return -1;
  int v = 0;
  for (size_t q = p; q < p + n; q++) {
    if (!g_ascii_isdigit(t[q])) return -1;
    v = v * 10 + (t[q] - '0');
  }
  return v;
}

/* The date in a web address (…/20170822/864815.htm, …/2020-06/16/content_…,
 * …/202512/31030619.html: a month only) on a header line (来源：http://…): the
 * document's date when the text states none. */
static void learn_url_date(learner *L, const char *t, size_t len, size_t i)
{
  const char *h = jd_mem_find(t, len, "http", 4);
  if (!h || L->url_y) return;
  size_t end = (size_t)(h - t);
  while (end < len && !g_ascii_isspace(t[end]) && (unsigned char)t[end] < 0x80) end++;
  for (size_t p = (size_t)(h - t); p + 6 <= end; p++) {
    int y = digits_exactly(t, end, p, 4), m = -1, d = 0;
    if (y >= 0 && p + 7 < end && (t[p + 4] == '-' || t[p + 4] == '/')) {
      m = digits_exactly(t, end, p + 5, 2);
      if (m >= 0 && p + 9 < end && (t[p + 7] == '-' || t[p + 7] == '/'))
        d = MAX(digits_exactly(t, end, p + 8, 2), 0);
    } else if ((y = digits_exactly(t, end, p, 8)) >= 0) {
      d = y % 100, m = y / 100 % 100, y /= 10000;
    } else if ((y = digits_exactly(t, end, p, 6)) >= 0) {
      m = y % 100, y /= 100;
    }
    if (y < 1995 || y > 2100 || m < 1 || m > 12 || d > 31) continue;
    L->url_y = y, L->url_m = m, L->url_d = d;
    L->url_line = (unsigned)i + 1;
    return;
  }
}

/* Whether the year m is written alone, as a whole year: not 2018年以来,
 * 2019年上半年, 2019年1至5月, 2019年底. */
static gboolean whole_year_at(const learner *L, const char *t, size_t len, const jd_numeral *m,
                              guint k)
{
  size_t q = jd_skip_spaces(t, len, m->end);
  if (jd_lexicon_match(L->lx, JD_LEX_PERIOD, t + q, len - q)) return FALSE;
  if (jd_cue_at(jd_lexicon_get_cues(L->lx, JD_CUE_SINCE_NOW), t, len, q) ||
      jd_cue_at(jd_lexicon_get_cues(L->lx, JD_CUE_YEAR_END), t, len, q) ||
      jd_cue_at(jd_lexicon_get_cues(L->lx, JD_CUE_YEAR_JOINER), t, len, q))
    return FALSE;
  return !(k + 1 < L->nums->len && g_array_index(L->nums, jd_numeral, k + 1).start <= q + 3);
}

/* The first year an opening paragraph states as a period (not 比2021年同期): the
 * year the document is about when neither its date, title nor lead's start
 * says (检视了二○二一年首季…, then 今年首季). */
/* 回首即将过去的2024年 / 刚刚过去的2023年: the year the text looks back on, and
 * from it the year it was written (cues.tsv, year_now). */
static void learn_year_now(learner *L, const char *t, size_t len, size_t i)
{
  (void)len;
  const jd_cue_set *marks = jd_lexicon_get_cues(L->lx, JD_CUE_YEAR_NOW);
  for (guint k = 0; k < L->nums->len && !L->now_mark_year; k++) {
    const jd_numeral *m = &g_array_index(L->nums, jd_numeral, k);
    if (m->kind != JD_NUM_YEAR || m->year <= 1900 || m->is_range) continue;
    const jd_lex_entry *w = jd_cue_before(marks, t, m->start >= 24 ? m->start - 24 : 0, m->start);
    if (!w) continue;
    L->now_mark_year = m->year;
    L->now_mark_offset = (int)w->number;
    L->now_mark_line = (unsigned)i + 1;
  }
}

/* 今天是第35个国际禁毒日: a day kept every year since a known year dates the
 * text (cues.tsv numbered_day). */
static void learn_numbered_day(learner *L, const char *t, size_t len, size_t i)
{
  const jd_cue_set *days = jd_lexicon_get_cues(L->lx, JD_CUE_NUMBERED_DAY);
  for (guint k = 0; k < L->nums->len && !L->day_year; k++) {
    const jd_numeral *m = &g_array_index(L->nums, jd_numeral, k);
    gboolean ordinal = m->kind == JD_NUM_ORDINAL ||
                       (m->kind == JD_NUM_NUMBER && jd_has_suffix_at(t, 0, m->start, "第"));
    if (!ordinal || m->value < 1 || m->value > 200 || m->value != (int)m->value) continue;
    size_t q = m->end;
    if (jd_has_prefix_at(t, len, q, "个")) q += strlen("个");
    else if (jd_has_prefix_at(t, len, q, "届")) q += strlen("届");
    const jd_lex_entry *d = jd_cue_at(days, t, len, q);
    if (!d || d->number < 1900) continue;
    L->day_year = (int)d->number + (int)m->value;
    L->day_line = (unsigned)i + 1;
  }
}

/* 今年上半年，全市共破获…, 2024年1至5月，…: the part of a year the lead opens
 * with (before its first comma); the title before it (某市破获毒品案件1200起)
 * restates the lead's figures, so it is of that part, not the whole year. */
static void learn_lead_part(learner *L, const char *t, size_t len, size_t from)
{
  size_t lim = MIN(len, from + 60);
  for (size_t p = from; p < lim; p = jd_next_char(t, lim, p)) {
    gunichar c = jd_char_at(t, lim, p, NULL);
    if (c == 0xFF0C || c == ',' || c == 0x3002) return;
    const jd_lex_entry *w = jd_lexicon_match(L->lx, JD_LEX_PERIOD, t + p, lim - p);
    if (!w || (strcmp(w->id, "half") && strcmp(w->id, "quarter") && strcmp(w->id, "months") &&
               strcmp(w->id, "ytd")))
      continue;
    L->c->lead_part = w;
    for (guint k = 0; k < L->nums->len; k++) {
      const jd_numeral *m = &g_array_index(L->nums, jd_numeral, k);
      if (m->kind == JD_NUM_YEAR && m->end <= p && m->end + 3 >= p) L->c->lead_part_year = m->year;
    }
    return;
  }
}

/* ◆截至2021年11月底，全国共破获…: a lead that opens with a state or total at a
 * month of a year; the title before it (破获毒品犯罪案件4.8万起) restates it. */
static void learn_lead_asof(learner *L, const char *t, size_t len, size_t i)
{
  const jd_cue_set *asof = jd_lexicon_get_cues(L->lx, JD_CUE_ASOF_BEFORE);
  if (L->body_seen) L->c->lead_line = (unsigned)i + 1;
  size_t from = jd_skip_spaces(t, len, 0);
  const jd_lex_entry *bullet = jd_cue_at(jd_lexicon_get_cues(L->lx, JD_CUE_LIST_BULLET), t, len, from);
  if (bullet) from += bullet->len;
  for (guint k = 0; k < L->nums->len; k++) {
    const jd_numeral *m = &g_array_index(L->nums, jd_numeral, k);
    if (m->start > from + 60) break;
    if (m->kind != JD_NUM_DATE || m->year <= 1900 || m->month < 1 || m->month > 11 ||
        !jd_cue_before(asof, t, 0, m->start))
      continue;
    memset(&L->c->lead_asof, 0, sizeof L->c->lead_asof);
    L->c->lead_asof.year = m->year;
    L->c->lead_asof.month_from = L->c->lead_asof.month_to = m->month;
    L->c->lead_asof.asof = TRUE;
    if (!L->body_seen) L->c->lead_line = (unsigned)i + 1; /* a highlight before the body */
    break;
  }
  if (L->body_seen && !L->c->lead_asof.year) learn_lead_part(L, t, len, from);
}

/* 2013年至2022年，全国共破获…: the first span of years the body writes out, for
 * a 十年 said before it (a title: 十年破获毒品犯罪案件107万起). */
static void learn_span(learner *L, const char *t, size_t len)
{
  const jd_cue_set *joiners = jd_lexicon_get_cues(L->lx, JD_CUE_YEAR_JOINER);
  for (guint k = 0; k + 1 < L->nums->len && !L->c->span_from; k++) {
    const jd_numeral *a = &g_array_index(L->nums, jd_numeral, k);
    const jd_numeral *b = &g_array_index(L->nums, jd_numeral, k + 1);
    if (a->kind != JD_NUM_YEAR || b->kind != JD_NUM_YEAR || a->is_range || b->is_range ||
        a->year <= 1900 || b->year <= a->year || b->year - a->year > 30)
      continue;
    const jd_lex_entry *j = jd_cue_at(joiners, t, len, jd_skip_spaces(t, len, a->end));
    if (!j || jd_skip_spaces(t, len, jd_skip_spaces(t, len, a->end) + j->len) != b->start) continue;
    L->c->span_from = a->year;
    L->c->span_to = b->year;
  }
}

static void learn_stated_year(learner *L, const char *t, size_t len, size_t i)
{
  for (guint k = 0; k < L->nums->len && !L->stated_year; k++) {
    const jd_numeral *m = &g_array_index(L->nums, jd_numeral, k);
    if (!((m->kind == JD_NUM_YEAR || m->kind == JD_NUM_DATE) && m->year > 1900) || m->is_range)
      continue;
    const jd_lex_entry *since = jd_cue_at(jd_lexicon_get_cues(L->lx, JD_CUE_SINCE_NOW), t, len, m->end);
    if (jd_cue_before(jd_lexicon_get_cues(L->lx, JD_CUE_YEAR_BASE), t, 0, m->start) ||
        jd_cue_before(jd_lexicon_get_cues(L->lx, JD_CUE_SINCE_FROM), t, 0, m->start) ||
        (since && since->number == 1)) /* 2015年至今 */
      continue;
    L->stated_year = m->year;
    L->stated_line = (unsigned)i + 1;
    L->stated_since = since != NULL;
    L->stated_finished =
        jd_cue_at(jd_lexicon_get_cues(L->lx, JD_CUE_YEAR_FINISHED), t, len, m->end) != NULL;
  }
  /* 通报2022年以来…情况。2022年全市禁毒工作综合考核位列全省第二: the stated year
   * told again with its results in */
  for (guint k = 0; k < L->nums->len && L->stated_year && !L->stated_finished; k++) {
    const jd_numeral *m = &g_array_index(L->nums, jd_numeral, k);
    if (m->kind != JD_NUM_YEAR || m->year != L->stated_year || m->is_range) continue;
    size_t end = m->end;
    while (end < len && end < m->end + 60 && !jd_is_punct(jd_char_at(t, len, end, NULL)))
      end = jd_next_char(t, len, end);
    size_t at;
    L->stated_finished =
        jd_cue_find(jd_lexicon_get_cues(L->lx, JD_CUE_YEAR_ASSESSED), t, m->end, end, &at) != NULL;
  }
}

/* 《2018年中国毒品形势报告》: a report on the finished year 2018. */
static void learn_report_year(learner *L, const char *t, size_t len, size_t i)
{
  for (guint k = 0; k < L->nums->len && !L->report_year; k++) {
    const jd_numeral *m = &g_array_index(L->nums, jd_numeral, k);
    if (m->kind != JD_NUM_YEAR || m->year <= 1900 || m->is_range ||
        !jd_has_suffix_at(t, 0, m->start, "《"))
      continue;
    size_t close = jd_find_lit(t, m->end, MIN(len, m->end + 150), "》");
    if (close == (size_t)-1) continue;
    if (jd_cue_find(jd_lexicon_get_cues(L->lx, JD_CUE_YEAR_REPORT), t, m->end, close, NULL)) {
      L->report_year = m->year;
      L->report_line = (unsigned)i + 1;
    }
  }
}

/* A document number of the opening (某禁办〔2019〕12号, GB/T 9704's 发文字号:
 * the year in 〔〕, then the number and 号): the year the document was
 * issued. */
static void learn_docno_year(learner *L, const char *t, size_t len, size_t i)
{
  static const char *const brackets[][2] = {{"〔", "〕"}, {"［", "］"}, {"[", "]"}};
  for (size_t b = 0; b < G_N_ELEMENTS(brackets) && !L->docno_year; b++) {
    size_t p = jd_find_lit(t, 0, MIN(len, 600), brackets[b][0]);
    if (p == (size_t)-1) continue;
    size_t q = p + strlen(brackets[b][0]), n;
    int y = digits_at(t, len, q, &n);
    if (n != 4 || y < 1950 || y > 2200 || !jd_has_prefix_at(t, len, q + 4, brackets[b][1])) continue;
    size_t r = q + 4 + strlen(brackets[b][1]);
    if (jd_find_lit(t, r, MIN(len, r + 12), "号") == (size_t)-1) continue;
    L->docno_year = y;
    L->docno_line = (unsigned)i + 1;
  }
}

/* An operation named with its year in quotes in the opening paragraphs
 * (“飓风2016”行动, “禁毒2018两打两控”专项行动): campaigns are named after the
 * year they run in, so an undated text about one was written in that year
 * (the first such name counts). */
static void learn_opname_year(learner *L, const char *t, size_t len, size_t i)
{
  static const char *const quotes[][2] = {{"“", "”"}, {"「", "」"}, {"\"", "\""}};
  size_t lim = MIN(len, 1200);
  for (size_t b = 0; b < G_N_ELEMENTS(quotes) && !L->opname_year; b++) {
    for (size_t p = jd_find_lit(t, 0, lim, quotes[b][0]); p != (size_t)-1 && !L->opname_year;
         p = jd_find_lit(t, p + 1, lim, quotes[b][0])) {
      size_t a = p + strlen(quotes[b][0]);
      size_t e = jd_find_lit(t, a, MIN(lim, a + 36), quotes[b][1]);
      if (e == (size_t)-1) continue;
      for (size_t q = a; q + 4 <= e; q++) {
        size_t n;
        if (q > a && g_ascii_isdigit(t[q - 1])) continue;
        int y = digits_at(t, e, q, &n);
        /* a year of four digits inside a name that has words too (not “2016”) */
        if (n == 4 && y >= 1990 && y <= 2200 && (q > a || q + 4 < e) &&
            !(q + 4 < e && g_ascii_isdigit(t[q + 4]))) {
          L->opname_year = y;
          L->opname_line = (unsigned)i + 1;
          break;
        }
        if (n) q += n - 1;
      }
    }
  }
}

/* Without a dated year: the year the document was written in, from a report
 * on a finished year or a news lead reporting a whole year (记者…获悉，2016年全省
 * 共…): the year after it. 去年 then means that year. */
static void learn_now(learner *L)
{
  jd_doc_context *c = L->c;
  if (c->year) return;
  if (L->now_mark_year) {
    c->now_year = L->now_mark_year + L->now_mark_offset;
    c->why_now = why(c, "written in %d: line %u looks back on %d", c->now_year,
                                 L->now_mark_line, L->now_mark_year);
    g_free(c->why_topic);
    c->topic_year = L->now_mark_year;
    c->why_topic = why(c, "line %u looks back on %d", L->now_mark_line, L->now_mark_year);
  } else if (L->report_year) {
    c->now_year = L->report_year + 1;
    c->why_now = why(c, "written in %d: line %u names the report on %d", c->now_year,
                                 L->report_line, L->report_year);
    if (!c->topic_year) {
      c->topic_year = L->report_year;
      c->why_topic = why(c, "the report named on line %u is about %d", L->report_line,
                                     L->report_year);
    }
  } else if (L->day_year) {
    c->now_year = L->day_year;
    c->why_now = why(c, "written in %d: line %u names the day by its number in the years",
                                 c->now_year, L->day_line);
  } else if (L->docno_year) {
    c->now_year = L->docno_year;
    c->why_now = why(c, "written in %d: the document number on line %u", c->now_year,
                                 L->docno_line);
  } else if (L->lead_finished && c->topic_year == L->lead_year && L->dl_month == 12) {
    /* 新华社海口12月20日电 2018年，…: a December dateline sums up its own year */
    c->now_year = L->lead_year;
    c->why_now = why(c, "written in %d: a December dateline (line %u) reports the year",
                                 c->now_year, L->dl_line);
  } else if (L->lead_finished && c->topic_year == L->lead_year) {
    c->now_year = L->lead_year + 1;
    c->why_now = why(c, "written in %d: the news lead reports the whole year %d",
                                 c->now_year, L->lead_year);
  } else if (L->stated_finished && L->dl_month && c->topic_year == L->stated_year) {
    /* 4月19日讯 … 浙江2015年度，全省新增吸毒人员2.3万人 */
    c->now_year = L->stated_year + 1;
    c->why_now = why(c, "written in %d: line %u tells %d as a finished year",
                                 c->now_year, L->stated_line, L->stated_year);
  } else if (L->opname_year && !c->topic_year) {
    c->now_year = L->opname_year;
    c->why_now = g_strdup_printf("written in %d: line %u names an operation of that year",
                                 c->now_year, L->opname_line);
  }
}

/* 时间:2025-04-09 … 中新网6月23日电: a page's date earlier in its year than the
 * news agency's dateline is when the page copied the story, not when it was
 * written (a later year's repost): the text's date is not known from it. */
static gboolean drop_repost_date(learner *L)
{
  jd_doc_context *c = L->c;
  if (!c->year || !c->month || !c->day || !L->dl_month ||
      L->dl_month * 100 + L->dl_day <= c->month * 100 + c->day)
    return FALSE;
  char *old = c->why_date;
  c->why_date = why(c, "the page's date %s is before the dateline's %d-%02d (line %u): "
                                "a copy made later, the text's year unknown",
                                c->date, L->dl_month, L->dl_day, L->dl_line);
  g_free(old);
  c->year = c->month = c->day = 0;
  c->date[0] = 0;
  return TRUE;
}

/* A month and day of a dateline without a year: the document's, in the year
 * it was written (or, for want of one, the year it is about). */
static void learn_dateline_month(learner *L)
{
  jd_doc_context *c = L->c;
  if (!L->dl_month || c->month) return;
  c->month = L->dl_month;
  c->day = L->dl_day;
  char *old = c->why_date;
  c->why_date = why(c, "%s%smonth and day %d-%02d from the dateline on line %u (no year)",
                                old ? old : "", old ? "; " : "", c->month, c->day, L->dl_line);
  g_free(old);
}

/* The numerals of paragraph i (text t) into L->nums: scanned once, kept in
 * the caller's slot when there is one. */
static void paragraph_numerals(learner *L, size_t i, const char *t, size_t len)
{
  if (!L->scanned) {
    g_array_set_size(L->own_nums, 0);
    jd_numeral_scan(jd_lexicon_get_numeral_words(L->lx), t, len, L->own_nums);
    L->nums = L->own_nums;
  } else {
    if (!L->scanned[i]) {
      L->scanned[i] = g_array_new(FALSE, FALSE, sizeof(jd_numeral));
      jd_numeral_scan(jd_lexicon_get_numeral_words(L->lx), t, len, L->scanned[i]);
    }
    L->nums = L->scanned[i];
  }
  for (guint k = 0; k < L->nums->len; k++) {
    const jd_numeral *m = &g_array_index(L->nums, jd_numeral, k);
    if ((m->kind == JD_NUM_YEAR || m->kind == JD_NUM_DATE) && m->year > 1900 && m->year < 2200)
      L->latest_year = MAX(L->latest_year, m->year);
  }
}

/* 民国 in the first 4 KiB of t, before any NUL byte (what g_strstr_len finds),
 * by the short-needle search. */
static gboolean has_minguo(const char *t, size_t len)
{
  size_t n = MIN(len, 4096);
  const char *nul = memchr(t, 0, n);
  if (nul) n = (size_t)(nul - t);
  return jd_mem_find(t, n, "民国", strlen("民国")) != NULL;
}

/* One opening paragraph (line i): a header line, a title, the lead or body. */
static void learn_paragraph(learner *L, const char *t, size_t len, size_t i)
{
  jd_doc_context *c = L->c;
  /* a saved page's navigation and its links to other articles (their dates
   * and places are theirs) */
  int furniture = L->page_links ? 2 : jd_page_furniture(L->lx, t, len);
  if (furniture == 2) L->page_links = TRUE;
  if (furniture) return;
  gboolean header = is_header_line(L->lx, t, len);
  gboolean body = !header && is_body_line(t, len);
  paragraph_numerals(L, i, t, len);
  if (!c->year && (header || (!L->body_seen && len <= 200))) learn_date(L, t, len, i, header);
  if (!c->year && header) learn_url_date(L, t, len, i);
  if (!c->year && !L->body_seen && len <= 200) learn_dotted_date(L, t, len, i);
  if (!c->year && !L->body_seen) learn_docno_year(L, t, len, i);
  if (!c->year && L->body_paras < 3) learn_opname_year(L, t, len, i);
  if (!header && L->body_paras < 4) {
    learn_month_day(L, t, len, i);
    learn_report_year(L, t, len, i);
  }
  if (c->self_level == -2 && !header) learn_self_word(L, t, len);
  if (header) {
    find_regions(L->lx, t, len, L->source_hits, FALSE);
    return;
  }
  if (!L->minguo && has_minguo(t, len)) L->minguo = TRUE;
  if (!L->body_seen && !body) {
    /* ◆截至2021年11月底，全国共破获… as a highlight before the body: its date
     * is the one the title restates */
    if (!L->c->lead_asof.year &&
        jd_cue_at(jd_lexicon_get_cues(L->lx, JD_CUE_LIST_BULLET), t, len, jd_skip_spaces(t, len, 0)))
      learn_lead_asof(L, t, len, i);
    learn_title(L, t, len, i);
    return;
  }
  /* a salutation (同志们：) is not the lead */
  if (!L->body_seen && len < 30) return;
  gboolean lead = !L->body_seen;
  if (lead) {
    L->body_seen = TRUE;
    learn_lead(L, t, len);
    learn_lead_asof(L, t, len, i);
  }
  if (L->body_paras < 4) learn_year_now(L, t, len, i);
  if (L->body_paras < 4 && !L->day_year) learn_numbered_day(L, t, len, i);
  if (L->body_paras < 6 && !c->span_from) learn_span(L, t, len);
  if (L->body_paras++ < 4) learn_stated_year(L, t, len, i);
  find_regions(L->lx, t, len, L->body_hits, FALSE);
  if (lead) L->first_hits = L->body_hits->len; /* the first body paragraph's own (none: 0) */
  if (!L->lead_hits) L->lead_hits = L->body_hits->len;
}

/* No date in the header or opening: a dateline anywhere in what was read
 * (县禁毒委员会 / 二〇二〇年六月二十六日 closing a speech) is the document's
 * date; failing that, the latest full date stated in the text gives the year
 * that 今年/去年 count from. Without either, they stay unknown. */
static void learn_dateline(learner *L, const char *const *texts, const size_t *lens, size_t n)
{
  jd_doc_context *c = L->c;
  int best_y = 0, best_m = 0, best_d = 0, latest_year = 0;
  size_t best_i = 0;
  gboolean dateline = FALSE;
  for (size_t i = 0; i < n && !dateline; i++) {
    const char *t = texts[i];
    size_t len = lens[i];
    paragraph_numerals(L, i, t, len);
    for (guint k = 0; k < L->nums->len; k++) {
      const jd_numeral *m = &g_array_index(L->nums, jd_numeral, k);
      if ((m->kind == JD_NUM_YEAR || m->kind == JD_NUM_DATE) && m->year > 1900)
        latest_year = MAX(latest_year, m->is_range && m->kind == JD_NUM_YEAR
                                           ? (int)m->value_high : m->year);
      if (m->kind != JD_NUM_DATE || m->year <= 1900 || !m->month || !m->day) continue;
      /* a line that is only the date (maybe after who signs it) */
      size_t rest = len - m->end;
      while (rest && (t[len - rest] == ' ' || t[len - rest] == '\r')) rest--;
      if (len <= 90 && rest <= 3 && !is_body_line(t, m->start)) {
        best_y = m->year, best_m = m->month, best_d = m->day, best_i = i;
        dateline = TRUE;
        break;
      }
      /* 自2008年6月1日禁毒法实施以来: the start of a span to now, so the text is later */
      if (jd_cue_before(jd_lexicon_get_cues(L->lx, JD_CUE_SINCE_FROM), t, 0, m->start)) {
        latest_year = MAX(latest_year, m->year + 1);
        continue;
      }
      if (m->year * 10000 + m->month * 100 + m->day > best_y * 10000 + best_m * 100 + best_d)
        best_y = m->year, best_m = m->month, best_d = m->day, best_i = i;
    }
  }
  if (dateline) {
    c->year = best_y;
    c->month = best_m;
    c->day = best_d;
    g_snprintf(c->date, sizeof c->date, "%04d-%02d-%02d", c->year, c->month, c->day);
    c->why_date = why(c, "document date %s from the dateline on line %zu", c->date,
                                  best_i + 1);
  } else if (best_y && latest_year <= best_y) {
    /* (not when the text speaks of a later year: 自2016年5月11日提出…至2022年…, 今年
     * is after both, and which year it is the text does not say) */
    c->year = best_y;
    g_snprintf(c->date, sizeof c->date, "%04d", c->year);
    c->why_date = why(c, "document year %d from the latest full date in the text "
                                  "(line %zu)",
                                  c->year, best_i + 1);
  }
}

/* Nothing names the document's place as its subject: a word by which a
 * place speaks of itself (本港) or that only its own documents use (新台币);
 * else the lead's first subject place; else a national subject (全国禁毒部门: 全国, or the place whose documents
 * call it so, by the dateline: 台北报导); else, last, the dateline (a dateline
 * says where the reporter is, not what the document is about). */
static const region_hit *fallback_region(learner *L, const char **from, const char **nation)
{
  GArray *sets[3] = {L->title_hits, L->body_hits, L->source_hits};
  const region_hit *dateline = NULL, *country = NULL;
  /* the lead's first place that is its subject (2020年，云南省缴获…; 全国公安机关…) */
  const region_hit *lead = NULL;
  for (guint i = 0; i < L->lead_hits && !lead; i++)
    if (is_subject(&g_array_index(L->body_hits, region_hit, i)))
      lead = &g_array_index(L->body_hits, region_hit, i);
  for (int k = 0; k < 3; k++)
    for (guint i = 0; i < sets[k]->len; i++) {
      const region_hit *h = &g_array_index(sets[k], region_hit, i);
      if (h->self || h->implied) {
        /* 安居缉毒 (Taiwan's) in a text whose lead is about 台东县: the county */
        if (lead && lead->canonical && h->canonical && lead->level > h->level &&
            !g_strcmp0(jd_lexicon_region_ancestor(L->lx, lead->canonical, h->level), h->canonical)) {
          *from = "the lead's subject, a place in the one its words imply";
          return lead;
        }
        *from = "a word only its own documents use";
        return h;
      }
      if (!dateline && h->role == JD_PLACE_DATELINE && h->canonical) dateline = h;
      if (!country && k < 2 && h->level == JD_LEVEL_COUNTRY && is_subject(h)) country = h;
    }
  if (lead && lead->level > JD_LEVEL_COUNTRY) {
    *from = "the lead's subject";
    return lead;
  }
  /* 杭州网讯 …全省…全国前列: a text that speaks of itself as a province or
   * below is no national text; its dateline tells more */
  if (country && dateline && L->c->self_level >= JD_LEVEL_PROVINCE && dateline->level > L->c->self_level)
    country = NULL;
  if (country) {
    *nation = dateline ? jd_nation_self(L->lx, dateline->canonical) : NULL;
    *from = *nation ? "a national subject (全国), in a place that calls itself so (dateline)"
                    : "a national subject (全国) in the opening";
    return country;
  }
  if (dateline) *from = "the dateline (nothing else names the place)";
  return dateline;
}

/* The document's region: from the title, else (when it speaks of itself as
 * 全省 …) from the opening or the source line, else fallback_region; then
 * whether its years may be Minguo years (民国 written, or a place in Taiwan).
 * Datelines, venues, comparisons' bases and examples never count
 * (jd_place_role). */
/* 在襄阳市禁毒工作会议上的讲话: a title's venue of the level the text's 全市
 * names is the document's own place (the meeting is that place's). */
static const region_hit *pick_title_venue(GArray *hits, int self_level)
{
  for (guint i = 0; i < hits->len; i++) {
    const region_hit *h = &g_array_index(hits, region_hit, i);
    if (h->role != JD_PLACE_VENUE) continue;
    if (h->level == self_level || (self_level == -1 && h->level > JD_LEVEL_COUNTRY)) return h;
  }
  return NULL;
}

/* 七里河区…，安宁区…，榆中县… with nothing else naming a place: a text (a
 * table of its parts) about several places of one level in one parent is
 * about that parent, not the first of them. NULL unless two or more such. */
static const char *parent_of_siblings(learner *L, const region_hit *h)
{
  if (!h || !h->canonical || h->level <= JD_LEVEL_PROVINCE || h->level > JD_LEVEL_COUNTY)
    return NULL;
  const char *parent = jd_lexicon_region_ancestor(L->lx, h->canonical, h->level - 1);
  /* (城关区 first, a name several cities give: the parent the others have) */
  for (guint i = 0; !parent && i < L->body_hits->len; i++) {
    const region_hit *o = &g_array_index(L->body_hits, region_hit, i);
    if (is_subject(o) && o->canonical && o->level == h->level)
      parent = jd_lexicon_region_ancestor(L->lx, o->canonical, h->level - 1);
  }
  if (!parent || !jd_lexicon_region_within(L->lx, h->canonical, parent, h->level - 1)) return NULL;
  int siblings = 0;
  for (guint i = 0; i < L->body_hits->len; i++) {
    const region_hit *o = &g_array_index(L->body_hits, region_hit, i);
    if (!is_subject(o) || !o->canonical) continue;
    if (o->level < h->level) return NULL; /* a place above them is named: it speaks */
    if (o->level != h->level || !strcmp(o->canonical, h->canonical)) continue;
    if (!jd_lexicon_region_within(L->lx, o->canonical, parent, h->level - 1)) return NULL;
    siblings++;
  }
  return siblings >= 1 ? parent : NULL;
}

/* 全省…推进会议在昆明召开 and no other place: the text of the 全省 is that of
 * the province (the 全市 that of the city) that holds where it met. */
static gboolean venue_holder(learner *L)
{
  jd_doc_context *c = L->c;
  if (c->self_level < JD_LEVEL_PROVINCE) return FALSE;
  for (guint i = 0; i < L->body_hits->len; i++) {
    const region_hit *v = &g_array_index(L->body_hits, region_hit, i);
    if (v->role != JD_PLACE_VENUE || !v->canonical || v->level <= c->self_level) continue;
    const char *up = jd_lexicon_region_ancestor(L->lx, v->canonical, c->self_level);
    if (!up) continue;
    c->region = g_strdup(up);
    c->region_level = c->self_level;
    c->why_region = why(c, "document region %s: the one that holds %s, where the text's "
                                    "meeting was held",
                                    up, v->canonical);
    return TRUE;
  }
  return FALSE;
}

static void learn_region(learner *L)
{
  jd_doc_context *c = L->c;
  const region_hit *h = NULL;
  const char *from = NULL, *nation = NULL;
  gboolean county_city = FALSE; /* h is the city itself, not a place in one */
  if ((h = pick_region(L->title_hits, c->self_level, TRUE))) {
    from = "the title";
  } else if (c->self_level >= -1 && (h = pick_title_venue(L->title_hits, c->self_level))) {
    from = "the title (the meeting's place)";
  } else if (c->self_level != -2) {
    if ((h = pick_region(L->body_hits, c->self_level, FALSE))) from = "the opening paragraphs";
    else if ((h = pick_region(L->source_hits, c->self_level, FALSE))) from = "the source line";
    /* 我市 in the news of 化州市 (a county-level city; 来源:化州市新闻中心) */
    else if (c->self_level == JD_LEVEL_PREFECTURE && strstr(c->self_word, "市") &&
             ((h = pick_county_city(L->body_hits, FALSE)) ||
              (h = pick_county_city(L->source_hits, TRUE)))) {
      from = "a county-level city, where the text speaks of itself as 市";
      county_city = TRUE;
    }
  }
  if (!h) h = fallback_region(L, &from, &nation);
  if (!h && venue_holder(L)) goto roc;
  const char *parent = h && !nation && c->self_level < 0 && !L->title_hits->len
                           ? parent_of_siblings(L, h)
                           : NULL;
  if (parent) {
    c->region = g_strdup(parent);
    c->region_level = h->level - 1;
    c->why_region = why(c, "document region %s: the parent of the places of one level "
                                    "it names (%s and others)", parent, h->canonical);
    goto roc;
  }
  /* 全省 in a text whose only place is a city in it (石家庄市公安局 helped in a
   * case): the document is the province's, the one that holds that city */
  gboolean in_lead = FALSE; /* 去年,长沙县禁毒委…在全市考评中: the lead's subject stays */
  /* (a dateline or an outlet's name in the lead, 杭州网讯…全省, is no subject) */
  for (guint i = 0; h && h->role != JD_PLACE_DATELINE && i < L->first_hits && i < L->body_hits->len; i++)
    in_lead = in_lead || h == &g_array_index(L->body_hits, region_hit, i);
  for (guint i = 0; h && i < L->title_hits->len; i++)
    in_lead = in_lead || h == &g_array_index(L->title_hits, region_hit, i);
  const char *up = h && !nation && !in_lead && !county_city && h->canonical &&
                           c->self_level >= JD_LEVEL_PROVINCE && h->level > c->self_level
                       ? jd_lexicon_region_ancestor(L->lx, h->canonical, c->self_level)
                       : NULL;
  if (up) {
    c->region = g_strdup(up);
    c->region_level = c->self_level;
    c->why_region = why(c, "document region %s: the one that holds %s (from %s), as "
                                    "the text speaks of itself at that level",
                                    up, h->canonical, from);
  } else if (h) {
    c->region = g_strdup(nation ? nation : h->canonical ? h->canonical : h->written);
    c->region_level = nation ? JD_LEVEL_PROVINCE : h->level;
    c->why_region = why(c, "document region %s from %s", c->region, from);
  }
  /* 我镇, 全镇: a town the title names, else none known (not the county or
   * city that also appears) */
  if (c->self_level == JD_LEVEL_TOWN && (!c->region || c->region_level < JD_LEVEL_TOWN)) {
    g_free(c->region);
    g_free(c->why_region);
    c->region = L->town[0] ? g_strdup(L->town) : NULL;
    c->region_level = JD_LEVEL_TOWN;
    c->why_region = L->town[0] ? why(c, "document region %s: the town the title names, "
                                                 "as the text speaks of itself as a town", L->town)
                               : NULL;
  }
roc:;
  const char *province =
      c->region ? jd_lexicon_region_ancestor(L->lx, c->region, JD_LEVEL_PROVINCE) : NULL;
  /* a title of 105年… and nothing that names a place: no text of the 2nd
   * century, a Minguo year (Taiwan's statistics: 105年法务统计年报) */
  c->roc = L->minguo || (province && !strcmp(province, "台湾省")) ||
           (!c->region && L->title_roc && !L->title_year);
}

/* The year the document is about: its title's, its lead's, or the lead's
 * relative year counted from the date. */
static void learn_topic(learner *L)
{
  jd_doc_context *c = L->c;
  if (L->title_year) {
    c->topic_year = L->title_year;
    /* 陕西2020年以来破获…(said in 2021): the title is about 2020 to the document's year */
    if (L->title_since && c->year > L->title_year) c->topic_to = c->year;
    c->why_topic = why(c, "the title (line %u) is about %d", L->title_line, L->title_year);
  } else if (L->title_roc && c->roc) {
    c->topic_year = L->title_roc;
    c->why_topic = why(c, "the title (line %u) is about %d (a Minguo year)",
                                   L->title_line, L->title_roc);
  } else if (L->title_rel_set && c->year && !L->title_roc) {
    c->topic_year = c->year + L->title_rel;
    c->why_topic = why(c, "the title (line %u) speaks of %d (relative to the date)",
                                   L->title_line ? L->title_line : 1, c->topic_year);
  } else if (L->lead_year) {
    c->topic_year = L->lead_year;
    c->why_topic = why(c, "the lead sentence is about %d", L->lead_year);
  } else if (L->lead_rel_set && c->year) {
    c->topic_year = c->year + L->lead_rel;
    c->why_topic = why(c, "the lead sentence speaks of %d (relative to the date)",
                                   c->topic_year);
  } else if (L->stated_year && c->year && c->month && c->month <= 4 &&
             L->stated_year == c->year - 1 && !L->report_year) {
    /* dated early in a year, the opening states the year before: a review of
     * that year (2016年3月: 检视了二○一五年的吸毒情况) */
    c->topic_year = L->stated_year;
    c->why_topic = why(c, "line %u states %d and the document is dated early in %d: "
                                   "a review of the year before",
                                   L->stated_line, L->stated_year, c->year);
  } else if (L->stated_year && !c->year && !L->report_year &&
             !(L->stated_since && L->latest_year > L->stated_year)) {
    /* (2013年以来…，由2013年的…下降至2019年的…: a span's start in a text that
     * states a later year is no year it is about) */
    c->topic_year = L->stated_year;
    c->why_topic = why(c, "line %u is the first to state a year (%d)", L->stated_line,
                                   L->stated_year);
  }
}

void jd_doc_context_learn(jd_doc_context *c, const jd_lexicon *lx, const char *const *texts,
                          const size_t *lens, GArray **nums, size_t n)
{
  learner L;
  memset(&L, 0, sizeof L);
  L.lx = lx;
  L.c = c;
  L.scanned = nums;
  L.own_nums = g_array_new(FALSE, FALSE, sizeof(jd_numeral));
  L.nums = L.own_nums;
  L.title_hits = g_array_new(FALSE, FALSE, sizeof(region_hit));
  L.body_hits = g_array_new(FALSE, FALSE, sizeof(region_hit));
  L.source_hits = g_array_new(FALSE, FALSE, sizeof(region_hit));
  for (size_t i = 0; i < n; i++) learn_paragraph(&L, texts[i], lens[i], i);
  if (!c->year && L.url_y) {
    c->year = L.url_y, c->month = L.url_m, c->day = L.url_d;
    if (c->day) snprintf(c->date, sizeof c->date, "%04d-%02d-%02d", c->year, c->month, c->day);
    else snprintf(c->date, sizeof c->date, "%04d-%02d", c->year, c->month);
    c->why_date = why(c, "document date %s from the web address on line %u", c->date, L.url_line);
  }
  /* (the other dates of such a page are the copy's too) */
  if (!drop_repost_date(&L) && !c->year) learn_dateline(&L, texts, lens, n);
  /* the region first: it tells whether 111年 counts from 1911 */
  learn_region(&L);
  learn_topic(&L);
  c->latest_year = L.latest_year;
  learn_now(&L);
  learn_dateline_month(&L);
  clear_hits(L.title_hits);
  clear_hits(L.body_hits);
  clear_hits(L.source_hits);
  g_array_unref(L.title_hits);
  g_array_unref(L.body_hits);
  g_array_unref(L.source_hits);
  g_array_unref(L.own_nums);
}
