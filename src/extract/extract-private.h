/* Shared between the extractor's files: the per-document context (date,
 * own region, topic year), the extractor's state and the figure being built
 * (cand), the markers of time and place found in a sentence, and the steps
 * each file provides. Not a public interface.
 *
 * The files, in the order a sentence goes through them:
 *   extract.c  the document flow, paragraphs, sentences and the candidates
 *   context.c  what the document says of itself (date, region, topic year)
 *   unit.c     the measure word after a number, and what is no figure
 *   kind.c     level, change, share, rate or ratio
 *   metric.c   the metric (the governing trigger), drug, age groups
 *   place.c    the place markers and a figure's region
 *   time.c     the time markers and the periods of a sentence's figures
 *   lists.c    分别 lists, parts after 其中 and bare parts (女性吸毒人员)
 *   scope.c    what narrows a figure's count (a part, a channel, one case)
 *   emit.c     the figure record handed to the caller
 *   helpers.c  UTF-8 stepping, finding words in byte ranges, explanations */
#pragma once

#include <glib.h>
#include <string.h>

#include "jindu/extract.h"
#include "jindu/lexicon.h"
#include "jindu/numeral.h"
#include "jindu/period.h"
#include "util/find.h"


/* Everything learned about the document before its figures are resolved. */
typedef struct {
  int year, month, day;    /* the document's own date; 0 when unknown */
  int topic_year;          /* year the document is about (title, lead); 0 */
  int topic_to;            /* the title's year opens a span to now (陕西2020年以来…): the
                              document's year; 0 */
  int now_year;            /* without a dated year: the year the document was written in,
                              from what it reports (《2018年…报告》: 2019); 0 */
  int latest_year;         /* the latest year its opening states; 0 */
  int span_from, span_to;  /* the first span of years its body writes out (2013年至2022年); 0 */
  jd_period lead_asof;     /* the date its lead opens with (◆截至2021年11月底，…), for the
                              title's figures that name no time; year 0: none */
  unsigned lead_line;      /* the line of the lead (the first of the body) */
  const jd_lex_entry *lead_part; /* a part of a year its lead opens with (今年上半年，…,
                              1至5月，…; periods.tsv half/quarter/months/ytd), for the
                              title's figures that name no time; NULL: none */
  int lead_part_year;      /* the year written before it (2024年上半年), or 0 */
  char date[16];           /* "2020-01-23", "2020-02", "2020" or "" */
  char *region;            /* canonical own region, or NULL */
  int region_level;        /* its jd_region_level */
  int self_level;          /* jd_region_level of 全省/全州/全县, or -1 */
  char self_word[7];       /* the first self reference as written (全市) */
  gboolean roc;            /* years may be counted in the Minguo era (111年 = 2022):
                              the document is about Taiwan or writes 民国 */
  char *why_date, *why_region, *why_topic, *why_now; /* for --explain; NULL without it */
  gboolean explain;        /* set before jd_doc_context_learn: build the why_ strings */
} jd_doc_context;

void jd_doc_context_clear(jd_doc_context *c);
/* Learns date, topic year and own region from the first paragraphs of a
 * document (texts[i] normalized, n of them). nums, when not NULL, has n
 * slots for the numerals of each text (jd_numeral_scan's): a NULL slot is
 * filled when the text is scanned, so that the caller need not scan it again.
 * The caller frees the arrays. */
void jd_doc_context_learn(jd_doc_context *c, const jd_lexicon *lx, const char *const *texts,
                          const size_t *lens, GArray **nums, size_t n);

/* The Western year of a Minguo year written at nums[k] (民国111年, or 111年 when
 * roc), or 0. */
int jd_roc_year_at(const jd_lexicon *lx, const char *t, size_t len, const jd_numeral *m,
                   gboolean roc);

/* The level a self reference (全省, 我县, 本市) points at, with its byte
 * length in *len; -2 when text does not start with one; -1 for 全区/我区
 * (an autonomous region or a district: any level). */
/* A line of a saved web page that is no text: 1 navigation (上一篇：…), 2 the
 * start of its links to other articles (相关新闻); else 0 (context.c). */
int jd_page_furniture(const jd_lexicon *lx, const char *t, size_t len);
int jd_self_reference_at(const jd_lexicon *lx, const char *text, size_t len,
                         size_t *match_len);

/* An anonymized place name at p (X市, XX县, A县, 某县); its byte length
 * and level, or 0. */
size_t jd_anonymized_at(const char *t, size_t end, size_t p, int *level);
/* jd_anonymized_at's first test: t[p] is a mark an anonymized name starts
 * with (A-Z, x, ×, Ｘ, 某); without it the answer is 0. Inline, for the scans
 * that ask at every character. */
static inline gboolean jd_anonymized_mark_at(const char *t, size_t end, size_t p)
{
  const unsigned char *u = (const unsigned char *)t + p;
  size_t left = p < end ? end - p : 0;
  return left && ((u[0] >= 'A' && u[0] <= 'Z') || u[0] == 'x' ||
                  (left >= 2 && u[0] == 0xC3 && u[1] == 0x97) ||             /* × */
                  (left >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] == 0xB8) || /* Ｘ */
                  (left >= 3 && u[0] == 0xE6 && u[1] == 0x9F && u[2] == 0x90));  /* 某 */
}

/* UTF-8 helpers over byte ranges (helpers.c). */
gunichar jd_char_at(const char *t, size_t end, size_t p, size_t *next);
/* The offset of the character after the one at p (text is valid UTF-8). */
static inline size_t jd_next_char(const char *t, size_t end, size_t p)
{
  unsigned char b = (unsigned char)t[p];
  size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  return p + n <= end ? p + n : end;
}
gunichar jd_char_before(const char *t, size_t floor, size_t p, size_t *prev);
/* Inline so that strlen of a literal folds to a constant. */
static inline gboolean jd_has_prefix_at(const char *t, size_t end, size_t p, const char *lit)
{
  size_t n = strlen(lit);
  return p + n <= end && memcmp(t + p, lit, n) == 0;
}
static inline gboolean jd_has_suffix_at(const char *t, size_t floor, size_t p, const char *lit)
{
  size_t n = strlen(lit);
  return p >= floor + n && memcmp(t + p - n, lit, n) == 0;
}
gboolean jd_is_cjk(gunichar c);
gboolean jd_is_punct(gunichar c);
/* Where the clause going on at p ends (its ，。；： — not a quote or bracket),
 * at most 120 bytes on; and the since_now word (以来) that ends it there. */
size_t jd_clause_end_after(const char *t, size_t end, size_t p);
const jd_lex_entry *jd_since_closes_clause(const jd_cue_set *since, const char *t, size_t end,
                                           size_t p, size_t *at);

/* The cue words of set NAME (cues.tsv) in the lexicon of the extractor x. */
#define CUES(x, NAME) ((x)->cues[JD_CUE_##NAME]) /* jd_lexicon_get_cues, kept */

/* ---- the extractor ------------------------------------------------------ */

/* A time marker found in a sentence. */
typedef enum {
  TM_FREE = 0, /* sets the period for what follows (2019年，全省…) */
  TM_BOUND,    /* belongs to the next number(s) only (从2018年的340人) */
  TM_BASE,     /* the comparison base (比2005年, 较2017年高峰时的) */
  TM_PREV,     /* 上年: the year before the current one */
} tm_binding;

typedef struct {
  size_t pos, end;
  jd_period period;
  gboolean relative_year; /* year to be taken from the context (上半年 alone) */
  tm_binding binding;
  const char *why;
  gboolean as_base; /* TM_PREV after 比/较: also the comparison base */
  int prev_mode; /* TM_PREV: -1 上年 (the whole year before), 0 上年同期 (the same part
                    of the year before), 1 去年同期 (as 0, of the paragraph's own period) */
  gboolean deictic; /* counted from the document's date (今年, 去年, 目前) */
  gboolean whole_year; /* 比起2020年全年: a base that is the whole year, said so */
} time_marker;

typedef struct {
  size_t pos, end;
  const char *canonical; /* borrowed from the lexicon, or NULL */
  char written[48];      /* self references and anonymized names as written */
  int level;             /* jd_region_level, -1 for 全区, -3 for a self reference */
  int self_level;
  gboolean origin;       /* X籍: where the people come from */
  gboolean demonym;      /* X人, X男子: an origin that is no figure's region */
  int role;              /* jd_place_role: JD_PLACE_SUBJECT, or why it is not the figure's */
} region_marker;

/* What a place named at t[pos, end) is there for (cues.tsv place_before,
 * place_after): the place of what is said, or a dateline (台北报导), a
 * comparison's base (占全国, 全国第一), where something comes from (来自境外),
 * a venue (在北京发布; only the document's own region minds it), or an example
 * of a group (广东、四川等19个省份). */
enum {
  JD_PLACE_SUBJECT = 0,
  JD_PLACE_DATELINE,
  JD_PLACE_REFERENCE,
  JD_PLACE_SOURCE,
  JD_PLACE_VENUE,
  JD_PLACE_EXAMPLE,
  JD_PLACE_ATTRIBUTE /* 中国禁毒主战场云南: a national word describing the place after it */
};
/* The place that region is in whose own documents call it 全国 (cues.tsv
 * nation_self: a Taiwan report's 全国各检警调机关 is Taiwan's); or NULL. */
const char *jd_nation_self(const jd_lexicon *lx, const char *region);
int jd_place_role(const jd_lexicon *lx, const char *t, size_t len, size_t pos, size_t end);
/* Places joined to a source (来自A及B) share its role forward, places joined
 * to an example (A、B等地) share it backward: pos/end/role of n places in
 * text order, at stride bytes apart. */
void jd_place_roles_spread(const jd_lexicon *lx, const char *t, void *places, size_t n,
                           size_t stride, size_t pos_off, size_t end_off, size_t role_off);

/* A figure being built. Offsets are into the paragraph text. */
typedef struct {
  jd_numeral n;
  size_t start, end;          /* number + unit + trailing qualifier */
  size_t clause_start, clause_end;
  size_t seg_start;           /* after the previous figure in the clause */
  const char *unit;
  double value;
  jd_qualifier qualifier;
  jd_kind kind;
  int sign;
  gboolean is_from, is_to, list_cont;
  gboolean part_of_drug; /* metric.c: of the drug of the weight before it (其中…) */
  gboolean from_undated;      /* a starting level at a time not dated (从最高峰时期的…) */
  gboolean shared_unit;       /* its measure word is the next number's (四十七及一百卅五公斤) */
  size_t change_pos;          /* where its change word starts, or (size_t)-1 */
  gboolean yoy;               /* 同比/比上年 */
  gboolean sequential;        /* 环比: against the period right before */
  gboolean vs_other;          /* 较高峰时期下降: compared with something not a period */
  gboolean vs_year_start;     /* 较年初: compared with the end of the year before */
  gboolean annual_average;    /* 年均下降8.5%: no single base period */
  const jd_lex_entry *metric_trigger;
  size_t trigger_end;         /* where a verb trigger before the number ends; 0 = none */
  size_t early_noun_pos, early_noun_end; /* a trigger earlier in the sentence; end 0 = none */
  char metric[48];
  const char *drug;
  char region[64];
  gboolean region_is_doc;     /* no place named in its sentence: the document's own */
  jd_period period;
  gboolean has_base;
  gboolean base_named; /* the base is a period named after 比/较 */
  jd_period base;
  gboolean distributed;
  char scope[64];             /* what narrows its count (scope.c); "" = the whole */
  GString *why;
} cand;

/* A word of a table at a place, found with the sentence's end as bound. */
typedef struct {
  size_t pos;
  const jd_lex_entry *w;
} jd_word_at;

/* The words of one table at the characters of a sentence (jd_word_at, by
 * place), found from its start on as far as the rules have asked (done). */
typedef struct {
  GArray *words;
  const char *t; /* the sentence's text; NULL: none found yet */
  size_t s, e, done;
} jd_sentence_words;

struct jd_extractor {
  const jd_lexicon *lx;
  jd_extract_options opt;
  char *doc;
  char *where;  /* where the paragraph being read stands (jd_paragraph.where), or "" */
  jd_figure_func func;
  gpointer data;
  gboolean open;
  GPtrArray *held;
  size_t held_bytes;
  gboolean settled;
  gboolean page_links;        /* a saved page's list of links began: the rest is skipped */
  jd_doc_context ctx;
  /* paragraph state */
  jd_period para_period;
  gboolean para_deictic; /* para_period counts from the document's date (目前) */
  GArray *nums, *sentences, *clauses, *cands, *tmarks, *rmarks;
  GPtrArray *recent; /* cand* items of the paragraph usable by 分别 (borrowed from cands) */
  GArray *para_items; /* cand copies of recent level items in the paragraph */
  gboolean para_figures; /* a sentence of the paragraph gave figures */
  jd_period carry;        /* a running total's period carried to later paragraphs */
  gboolean carry_past;    /* carry is months of the year before the document's (去年10至12月) */
  /* 其中: the whole whose parts follow, while its scope lasts */
  gboolean sub_active;
  cand sub_parent;
  size_t sub_pos;
  /* scope.c: whether the sentence has any quote / any 案 at all (its scans
   * are skipped otherwise) */
  gboolean sent_has_quote, sent_has_case, sent_has_qizhong;
  /* scope.c: an operation that frames the time of a sentence ending with ；
   * (“3+2”专项行动中，全市…；刑拘…) and the end of that sentence: the next
   * sentence, right after it, is still the operation's */
  char op_frame[64];
  size_t op_frame_end;
  gboolean op_frame_semi;  /* op_frame came across a ；(else across a 。, framing the time) */
  gboolean op_frame_told;  /* op_frame came from a sentence of no figure (scope.c) */
  /* scope.c: an operation that frames the time, named by a paragraph holding no
   * quantity (百城禁毒会战开展以来，…取得了空前战果。): the paragraphs after it, up to a
   * sentence that names a time or a place of its own, report on it */
  char op_frame_para[64];
  /* scope.c: the last quoted operation the paragraph before named (启动了…“百城禁毒会战”。),
   * for a sentence opening the next paragraph that points back to it (此次专项整治，…);
   * "" when none */
  char op_named_para[64];
  /* place.c: the place (below the country) an earlier figure of the paragraph named,
   * in a document about the whole country; "" when none */
  char para_place[64];
  int sent_site, sent_goal; /* the sentence holds a single_site / goal_sentence word (cues.tsv):
                              1, 0, or -1 when not looked for yet */
  size_t sent_start, sent_end; /* the sentence being read */
  /* the words of each table at the characters of the sentence being read,
   * found once for the rules that ask (jd_sentence_words_in, helpers.c) */
  jd_sentence_words sent_words[JD_LEX_N_TABLES];
  gboolean plain_walks;    /* tests only: the rules walk every character, no index */
  char sent_outside[64];   /* the scope of the sentence's last figure abroad (境外), or "" */
  size_t prev_sent_s, prev_sent_e; /* the sentence before in the paragraph; e (size_t)-1: none */
  /* time.c: the period a sentence's own time words left, for the next
   * sentence when ；alone stands between them (1至10月份，…刑拘12人；缴获…);
   * semi_from: the end of that sentence's last figure; 0 period: none */
  jd_period semi_period;
  size_t semi_from;
  /* the periods of that sentence's last 从A…到B levels (semi_pair: any),
   * for a pair after ；that names no years (…增至2016年的11.8万件；生效判决人数从8.1万人增至11.6万人) */
  jd_period semi_last_from, semi_last_to;
  gboolean semi_pair;
  /* time.c: the last span of years the document wrote out (2013年至2022年): a
   * span of as many years ending the year before now (十年来) is that one */
  int stated_from, stated_to;
  /* time.c: a document of January to March that looks back 一年来 reviews this
   * year (the year before its date); figures without a time word are of it */
  int review_year;
  /* numbers left out (beyond exact precision or JD_VALUE_MAX), with their
   * document and line; cleared by begin */
  GPtrArray *warnings;
  unsigned line; /* the paragraph being read */
  GHashTable *part_scopes; /* scope.c: metric -> the part it names, or NULL */
  GPtrArray *title_held;   /* title.c: the figures held from a title's on, or NULL */
  char op_span_scope[64];  /* time.c: an operation whose figures ran over a span of months */
  jd_period op_span;       /* that span (自去年10月…会战以来: 2014-10/2015-03) */
  const jd_cue_set *cues[JD_CUE_N_SETS]; /* jd_lexicon_get_cues of each set, for CUES() */
  const guint8 *first_bits[JD_LEX_N_TABLES]; /* jd_lexicon_first_bits, for jd_lex_at */
  const guint8 *single_bits[JD_LEX_N_TABLES], *pair_bits[JD_LEX_N_TABLES]; /* the same */
};

/* Tests only: the rules that read a sentence's words from an index (the
 * scope words, scope.c) walk every character instead, as they did before the
 * index: the figures must come out the same. */
void jd_extractor_set_plain_walks(jd_extractor *x, gboolean plain);

/* jd_lexicon_match(x->lx, table, t + p, end - p), with its first test — no
 * entry starts with this character — made here without the call: the rules
 * try a table at nearly every character of a clause. Same answers. */
static inline const jd_lex_entry *jd_lex_at(const jd_extractor *x, jd_lex_table table,
                                            const char *t, size_t p, size_t end)
{
  const unsigned char *u = (const unsigned char *)t + p;
  if (p < end && end - p >= 3 && u[0] >= 0xE0 && u[0] < 0xF0) {
    gunichar c = ((gunichar)(u[0] & 0x0F) << 12) | ((gunichar)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    if (c && !((x->first_bits[table][c >> 3] >> (c & 7)) & 1)) return NULL;
    /* and its next test: a character that is no entry alone, before a
     * three-byte one, the pair of them starting no entry */
    if (c && jd_lexicon_pair_rules_out(x->single_bits[table], x->pair_bits[table], u, end - p, c))
      return NULL;
  }
  return jd_lexicon_match(x->lx, table, t + p, end - p);
}

/* A rule that walks t[from, to) character by character asking jd_lex_at
 * (table) at each may visit only the places where a word of the table is:
 * the words of the sentence being read (x->sent_start, x->sent_end), found
 * once with the sentence's end as bound (helpers.c). Returns them, *first
 * the index of the first at or after from and *n their count; NULL when the
 * walk must be made (from, to not within the sentence, from not a character's
 * start, the sentence not well-formed UTF-8 up to `to`, x->plain_walks). The
 * places are the ones the walk steps on (every character's start of
 * well-formed text); a word found there is the one jd_lex_at finds with any
 * bound it fits in, and none found is none with a nearer bound
 * (jd_sentence_word). */
const jd_word_at *jd_sentence_words_in(jd_extractor *x, jd_lex_table table, const char *t,
                                       size_t from, size_t to, guint *first, guint *n);
/* The sentence's words are found again for the next sentence (extract.c). */
void jd_sentence_words_forget(jd_extractor *x);
/* jd_lex_at(x, table, t, a->pos, to) for a word of jd_sentence_words_in. */
static inline const jd_lex_entry *jd_sentence_word(const jd_extractor *x, jd_lex_table table,
                                                   const char *t, const jd_word_at *a, size_t to)
{
  return a->pos + a->w->len <= to ? a->w : jd_lex_at(x, table, t, a->pos, to);
}

/* ---- small text helpers (helpers.c) ----------------------------------------- */

/* How far back (bytes) a rule looks for its words: a governing verb or a
 * comparison sits within a few dozen characters of its number. Bounding it
 * keeps pathological inputs (a 100 MB sentence) linear. */
#define LOOKBACK 240

static inline size_t back(size_t floor, size_t p, size_t n)
{
  return p > floor + n ? p - n : floor;
}

#define lit_before jd_has_suffix_at
#define lit_at jd_has_prefix_at

/* Skips spaces (and ideographic spaces) forward. */
size_t jd_skip_spaces(const char *t, size_t end, size_t p);
/* The first / last place lit occurs whole in t[from, to), or (size_t)-1. */
/* (inline, so that strlen of a literal folds to a constant) */
static inline size_t jd_find_lit(const char *t, size_t from, size_t to, const char *lit)
{
  if (to <= from) return (size_t)-1;
  /* the text has no NUL, so this finds what g_strstr_len would */
  const char *hit = jd_mem_find(t + from, to - from, lit, strlen(lit));
  return hit ? (size_t)(hit - t) : (size_t)-1;
}
size_t jd_rfind_lit_n(const char *t, size_t from, size_t to, const char *lit, size_t n);
static inline size_t jd_rfind_lit(const char *t, size_t from, size_t to, const char *lit)
{
  return jd_rfind_lit_n(t, from, to, lit, strlen(lit));
}
/* Adds a step to c's explanation (when --explain asked for one). */
void jd_why(cand *c, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* ---- the steps ------------------------------------------------------------ */

/* unit.c: reads the measure word after c's number into c (unit, value,
 * trailing qualifier); FALSE when the number is no figure (no unit, a duration,
 * an age). */
gboolean jd_read_unit(jd_extractor *x, const char *t, cand *c);
/* unit.c: a number that describes rather than states (3人以上团伙, 千人县), an
 * article (一起案件), an id next to Latin letters, a goal (力争…), or inside a
 * book title. */
gboolean jd_is_no_figure(jd_extractor *x, const char *t, cand *c, size_t sent_start);

/* kind.c: c's kind (level, change, share, rate, ratio), sign, change word and
 * what it is compared with; prev is the figure before it in the sentence. */
void jd_find_kind(jd_extractor *x, const char *t, cand *c, const cand *prev, size_t sent_start);
/* kind.c: once the metric is known, a percentage still a level is a rate (the
 * metric is a percentage: 巩固率) or a share; percentage points a change. */
void jd_settle_percentage_kind(cand *c);
void jd_find_place_gap(jd_extractor *x, const char *t, cand *c);

/* metric.c */
typedef struct {
  const jd_lex_entry *e;
  size_t pos;
} trigger_hit;
/* The strongest metric trigger in t[from, to) that fits c: phrase > verb >
 * noun, then the nearest to `near`. */
trigger_hit jd_best_trigger(jd_extractor *x, const char *t, size_t from, size_t to,
                            const cand *c, size_t near);
/* The last drug named in t[from, to), or NULL. */
const char *jd_drug_in(jd_extractor *x, const char *t, size_t from, size_t to);
/* The age group stated in t[from, to) nearest to `to` (18岁以下, 18至35岁,
 * 未成年) named into group; returns where it starts, or (size_t)-1. With
 * first_end, the first group only, and where it ends. */
size_t jd_age_group_in(const jd_extractor *x, const char *t, size_t from, size_t to,
                       char *group, size_t size, size_t *first_end);
/* The last metric of people (not an age group) named in t[from, to), or NULL. */
const char *jd_people_named_in(jd_extractor *x, const char *t, size_t from, size_t to);
/* c's metric: the governing trigger, the figure before it, an age group. */
void jd_find_metric(jd_extractor *x, const char *t, cand *c, const cand *prev,
                    size_t sent_start);
/* c's drug: named before it (or in its clause, for seizures), after a share,
 * that of the figure before it for a change or a list; "all" only for seizures. */
void jd_find_drug(jd_extractor *x, const char *t, cand *c, const cand *prev, size_t sent_start);

/* place.c: the places named in the sentence t[s, e), in order, into out
 * (region_marker); c's region from them or from the document. */
/* Whether a place name at t[p, p+len) is hidden in a word of place_hider (context.c). */
gboolean jd_place_hidden(const jd_lexicon *lx, const char *t, size_t s, size_t e, size_t p,
                         size_t len);
void jd_find_region_markers(jd_extractor *x, const char *t, size_t s, size_t e, GArray *out);
void jd_resolve_region_marker(jd_extractor *x, const region_marker *m, char *buf, size_t size);
void jd_find_region(jd_extractor *x, const char *t, cand *c, size_t sent_start);

/* time.c: the time markers of the sentence t[s, e) into out (time_marker;
 * nums: the paragraph's numerals); the periods and base periods of the
 * sentence's figures from them. */
void jd_find_time_markers(jd_extractor *x, const char *t, size_t s, size_t e,
                          const GArray *nums, GArray *out);
/* 截至10月底，全市破获毒品案件421起: a total of what was done (cues.tsv
 * flow_metric) up to the end of a month is January to that month, not a state. */
void jd_flows_to_date(jd_extractor *x, cand *cs, guint n);
void jd_assign_periods(jd_extractor *x, const char *t, size_t sent_start,
                       size_t first_clause_end, cand *cands, guint n);
/* The period in force when a sentence names none. */
jd_period jd_fallback_period(const jd_extractor *x);
/* The year the document was written in (its date, or what the text tells); 0 when unknown. */
int jd_current_year(const jd_extractor *x);
/* A period relative to the year (上半年) placed in the year of ctx. */
jd_period jd_with_context_year(jd_period rel, const jd_period *ctx);

/* lists.c: 分别 lists, parts after 其中, bare parts (女性吸毒人员6000名), over
 * the n figures of the sentence t[s, e). */
void jd_distribute(jd_extractor *x, const char *t, size_t s, size_t e, cand *cands, guint n);
void jd_apply_subsets(jd_extractor *x, const char *t, size_t s, size_t e, cand *cs, guint n);
void jd_apply_bare_parts(jd_extractor *x, const char *t, cand *cs, guint n);
/* lists.c: emits the n figures of a sentence; one after 均 (cues.tsv, each) that
 * follows a list of metrics is emitted once for each of them. */
void jd_emit_each(jd_extractor *x, const char *t, unsigned line, cand *cs, guint n);

/* scope.c: the scope of each of the n figures of the sentence t[s, e): the
 * part its metric names, else the scope words before it in its sentence. */
void jd_find_scopes(jd_extractor *x, const char *t, size_t s, size_t e, cand *cs, guint n);
/* The operation framing the time that the paragraph t[0, len) names, when it gave no
 * figure, into x->op_frame_para (kept when it names none); the last quoted operation it
 * names at all into x->op_named_para. */
void jd_note_paragraph_operation(jd_extractor *x, const char *t, size_t len, gboolean figures);
/* The quoted operation framing the time of the sentence t[s, e) of no figure, into
 * x->op_frame for the sentences after it. */
void jd_note_sentence_operation(jd_extractor *x, const char *t, size_t s, size_t e);

/* emit.c: hands c, found on line, to the caller as a figure record. */
void jd_emit_figure(jd_extractor *x, const char *t, unsigned line, cand *c);
/* metric.c: a weight after 其中 that names no drug is of the drug of the level lvl before it */
void jd_drug_of_part(jd_extractor *x, const char *t, cand *c, const cand *lvl, size_t sent_start);

/* title.c: holds f (copied) when it is a title's level or comes after one, in
 * the first paragraphs of the body; TRUE when held. jd_title_flush: the held
 * figures go out, in order, a title's with the period of the body figure it
 * restates. */
gboolean jd_title_hold(jd_extractor *x, const jd_figure *f, const char *explanation);
void jd_title_flush(jd_extractor *x);
