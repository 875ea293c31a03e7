/* Vocabularies the extractor reads, loaded from the TSV files in data/lexicon so they
 * can be edited without recompiling: metric triggers, measure words and
 * their conversions, nouns counted with 个, drug names, the region
 * gazetteer, period words and change words. Each table answers one question:
 * "which entry is the longest one starting here?". */
#pragma once

#include <glib.h>
#include <stddef.h>

#include "jindu/numeral.h"

G_BEGIN_DECLS

#define JD_LEXICON_ERROR (jd_lexicon_error_quark())
GQuark jd_lexicon_error_quark(void);
typedef enum {
  JD_LEXICON_ERROR_NOT_FOUND, /* a table file is missing */
  JD_LEXICON_ERROR_PARSE,     /* a malformed row: message names file:line */
} jd_lexicon_error;

typedef enum {
  JD_LEX_METRIC = 0, /* metrics.tsv: metric, role, trigger, units */
  JD_LEX_UNIT,       /* units.tsv: surface, unit, factor, class */
  JD_LEX_COUNTED,    /* counted.tsv: surface, unit */
  JD_LEX_DRUG,       /* drugs.tsv: surface, drug */
  JD_LEX_REGION,     /* regions.tsv: surface, canonical, level, match */
  JD_LEX_PERIOD,     /* periods.tsv: surface, type, argument */
  JD_LEX_CHANGE,     /* changes.tsv: surface, direction, form */
  JD_LEX_SUBSET,     /* subsets.tsv: surface, tag (the part of a whole after 其中) */
  JD_LEX_SCOPE,      /* scopes.tsv: surface, scope, class (what narrows a figure's count) */
  JD_LEX_N_TABLES
} jd_lex_table;

/* Metric trigger roles, in rising strength. */
typedef enum { JD_ROLE_NOUN = 0, JD_ROLE_VERB, JD_ROLE_PHRASE } jd_lex_role;

/* Region levels, from the widest. */
typedef enum {
  JD_LEVEL_COUNTRY = 0,
  JD_LEVEL_PROVINCE,
  JD_LEVEL_PREFECTURE,
  JD_LEVEL_COUNTY,
  JD_LEVEL_TOWN, /* 镇, 乡, 街道: below the gazetteer's places, named by the text */
} jd_region_level;

/* One row of a table. All strings are borrowed from the lexicon.
 *   table    surface  id                 arg                    extra         number
 *   METRIC   trigger  metric id          role name              units list    role (jd_lex_role)
 *   UNIT     measure  unit id ("-")      class (figure, skip,   -             factor to base unit
 *                                        counted, ratio)
 *   COUNTED  noun     unit id            -                      -             1
 *   DRUG     name     drug id            -                      -             1
 *   REGION   name     canonical name     level name             match mode    level (jd_region_level)
 *            (and parent: the place one level up, from the optional fifth column)
 *   PERIOD   word     type               argument               -             argument as integer
 *   CHANGE   word     form (by, to)      -                      -             direction (+1, -1, 0)
 *   SUBSET   word     tag (female ...)   "bare" or ""           -             1
 *   SCOPE    word     scope as written   class (channel,        -             1
 *                     (公开查缉)         operation, case, subset,
 *                                        org, outside) */
typedef struct {
  const char *surface;
  size_t len; /* bytes of surface */
  const char *id;
  const char *arg;
  const char *extra;
  double number;
  unsigned line; /* row in its file, for --explain */
  const char *parent; /* REGION: canonical name one level up, or ""; METRIC: words
                         separated by | one of which must come before the trigger
                         in its clause (吸食|施用 before 人数), or ""; else "" */
} jd_lex_entry;

typedef struct jd_lexicon jd_lexicon;

/* Loads every table from dir (NULL: jd_data_path("data/lexicon")). Errors
 * name the file and line. Caller frees with jd_lexicon_free. */
jd_lexicon *jd_lexicon_load(const char *dir, GError **error);
void jd_lexicon_free(jd_lexicon *lexicon);

/* The longest entry of table whose surface starts text[0..len), or NULL.
 * Borrowed. */
const jd_lex_entry *jd_lexicon_match(const jd_lexicon *lexicon, jd_lex_table table,
                                     const char *text, size_t len);
/* The longest entry of table that ends exactly at text[len], or NULL
 * (used to look backwards from a number). Borrowed. */
/* The table's index of first characters (8192 bytes): bit c is set when
 * some entry starts with the character c below U+10000 (every bit, when one
 * starts above). jd_lexicon_match returns NULL at once for a character whose
 * bit is clear; a caller trying every character of a text may test the bit
 * itself first. Borrowed. */
const guint8 *jd_lexicon_first_bits(const jd_lexicon *lexicon, jd_lex_table table);
/* jd_lexicon_match's next two tests, for callers that make them inline: the
 * characters below U+10000 that are a whole entry (a bit each), and the bits
 * of jd_lexicon_pair_hash of every entry's first two characters (an entry
 * starting with a character that is no entry alone goes on with one of
 * those pairs). */
const guint8 *jd_lexicon_single_bits(const jd_lexicon *lexicon, jd_lex_table table);
const guint8 *jd_lexicon_pair_bits(const jd_lexicon *lexicon, jd_lex_table table);
static inline guint jd_lexicon_pair_hash(gunichar a, gunichar b)
{
  return ((a * 2654435761u) ^ (b * 40503u)) >> 16 & 0xFFFFu;
}
/* jd_lexicon_match's pair test made inline: TRUE when no entry starts at u
 * (left bytes), whose first character c (nonzero, as jd_lexicon_match
 * decodes it; a three-byte one) is no entry alone and is followed by a
 * three-byte character whose pair with c starts no entry. FALSE: the call
 * must be made. */
static inline gboolean jd_lexicon_pair_rules_out(const guint8 *single, const guint8 *pairs,
                                                 const unsigned char *u, size_t left, gunichar c)
{
  if (((single[c >> 3] >> (c & 7)) & 1) || left < 6 || u[3] < 0xE0 || u[3] >= 0xF0) return FALSE;
  gunichar c2 = ((gunichar)(u[3] & 0x0F) << 12) | ((gunichar)(u[4] & 0x3F) << 6) | (u[5] & 0x3F);
  guint h = jd_lexicon_pair_hash(c, c2);
  return !((pairs[h >> 3] >> (h & 7)) & 1);
}
const jd_lex_entry *jd_lexicon_match_ending(const jd_lexicon *lexicon, jd_lex_table table,
                                            const char *text, size_t len);

size_t jd_lexicon_get_count(const jd_lexicon *lexicon, jd_lex_table table);
const jd_lex_entry *jd_lexicon_get(const jd_lexicon *lexicon, jd_lex_table table, size_t i);

/* Whether a metric trigger may measure figures in unit (its units column,
 * "*" = any). */
gboolean jd_lexicon_metric_takes_unit(const jd_lex_entry *metric_trigger, const char *unit);

/* The place of the given level that holds the place canonically named
 * `canonical` (itself when it is of that level), following the gazetteer's
 * parent column: 德宏州 at JD_LEVEL_PROVINCE is 云南省. NULL when unknown.
 * Borrowed. */
const char *jd_lexicon_region_ancestor(const jd_lexicon *lexicon, const char *canonical,
                                       int level);

/* Whether the place `canonical` lies in `outer`, a place of `level` (its
 * ancestor of that level, or, for a name several prefectures give (鼓楼区,
 * parents a|b|c in regions.tsv), one of its parents or theirs). */
gboolean jd_lexicon_region_within(const jd_lexicon *lx, const char *canonical, const char *outer,
                                  int level);

/* The file name of a table ("metrics.tsv"). */
const char *jd_lex_table_file(jd_lex_table table);

/* ---- Numeral words and cue words --------------------------------------------
 * Two more files of data/lexicon, read with the tables above:
 *   numerals.tsv  the words around numerals (role, word, argument, extra), handed
 *                 to the numeral scanner, which owns what the roles mean;
 *   cues.tsv      small closed sets of cue words the extractor looks for around a
 *                 figure (set, word, value, extra): 同比, 力争, 分别为 ... Every set
 *                 below must have rows; a row naming another set is an error. */

/* The words around numerals, for jd_numeral_scan. Borrowed. */
const jd_numeral_words *jd_lexicon_get_numeral_words(const jd_lexicon *lexicon);

/* The sets, named as in cues.tsv (JD_CUE_GOAL is "goal"); the file says what each is. */
typedef enum {
  JD_CUE_UNIT_QUALIFIER = 0,
  JD_CUE_GOAL,
  JD_CUE_FILLER,
  JD_CUE_VS_PREVIOUS,
  JD_CUE_NOT_COMPARISON,
  JD_CUE_LIST_JOINER,
  JD_CUE_ANNUAL_AVERAGE,
  JD_CUE_CHANGE_RATE,
  JD_CUE_SHARE,
  JD_CUE_AGE_TO,
  JD_CUE_AGE_BELOW,
  JD_CUE_YEAR_BASE,
  JD_CUE_YEAR_BOUND,
  JD_CUE_YEAR_JOINER,
  JD_CUE_SINCE_NOW,
  JD_CUE_SPAN_NEAR,
  JD_CUE_SPAN_YEARS,
  JD_CUE_YEAR_END,
  JD_CUE_PERIOD_COMPARE,
  JD_CUE_PLACE_JOINER,
  JD_CUE_DRUG_USE,
  JD_CUE_NOT_ROC_YEAR,
  JD_CUE_SELF_REFERENCE,
  JD_CUE_NOT_SELF,
  JD_CUE_HEADER,
  JD_CUE_CASE_VERB,
  JD_CUE_CASE_FOLLOW,
  JD_CUE_OPERATION_TIME,
  JD_CUE_DATELINE_MARK,
  JD_CUE_TODAY_MARK,
  JD_CUE_SINCE_FROM,
  JD_CUE_ASOF_BEFORE,
  JD_CUE_YEAR_REPORT,
  JD_CUE_NEWS_LEAD,
  JD_CUE_PLACE_BEFORE,
  JD_CUE_PLACE_AFTER,
  JD_CUE_NATION_SELF,
  JD_CUE_EACH,
  JD_CUE_ORG_JOINER,
  JD_CUE_PLACE_HIDER,
  JD_CUE_PAGE_NAV,
  JD_CUE_PAGE_LINKS,
  JD_CUE_PLAIN_MODIFIER,
  JD_CUE_NARROWED_METRIC,
  JD_CUE_DRUG_CASES,
  JD_CUE_ANAPHORA,
  JD_CUE_DRUG_JOINER,
  JD_CUE_OTHER_CRIME,
  JD_CUE_PURPOSE,
  JD_CUE_RESPECTIVELY,
  JD_CUE_PLACE_GAP,
  JD_CUE_GAP_SIGN,
  JD_CUE_REACHED,
  JD_CUE_YEAR_NOW,
  JD_CUE_SUSPECTED,
  JD_CUE_DURATION_AFTER,
  JD_CUE_DURATION_BEFORE,
  JD_CUE_TOWN_SUFFIX,
  JD_CUE_NOT_TOWN,
  JD_CUE_YEAR_FINISHED,
  JD_CUE_FLAT_CHANGE,
  JD_CUE_OF_TARGET,
  JD_CUE_AMONG,
  JD_CUE_DRUG_CLASS,
  JD_CUE_LIST_TOTAL,
  JD_CUE_SINCE_ATTR,
  JD_CUE_GAP_FILLER,
  JD_CUE_NUMBERED_DAY,
  JD_CUE_SURNAME,
  JD_CUE_PERSON_TITLE,
  JD_CUE_PERSON_AFTER,
  JD_CUE_LIST_BULLET,
  JD_CUE_SCORE_WORD,
  JD_CUE_VS_SEQUENTIAL,
  JD_CUE_BROADER_METRIC,
  JD_CUE_FLOW_METRIC,
  JD_CUE_MONTHS_TO,
  JD_CUE_WHOLE_AGAIN,
  JD_CUE_GOAL_SENTENCE,
  JD_CUE_PEAK_TIME,
  JD_CUE_OPERATION_BACKREF,
  JD_CUE_GOAL_AFTER,
  JD_CUE_ATTR_PREPOSITION,
  JD_CUE_OPERATION_LAUNCH,
  JD_CUE_MANY_CASES,
  JD_CUE_SINGLE_SITE,
  JD_CUE_YEAR_ASSESSED,
  JD_CUE_CURRENCY_BEFORE,
  JD_CUE_DESTROYED_SUBJECT,
  JD_CUE_PAGE_COUNTER,
  JD_CUE_CHANNEL_FRAME,
  JD_CUE_OPERATION_MEANS,
  JD_CUE_SPAN_CLOSE,
  JD_CUE_WEIGHT_WORD,
  JD_CUE_PERSON_DOING,
  JD_CUE_COMPARE_CLOSE,
  JD_CUE_TOLD_BACK,
  JD_CUE_SITE_RAID,
  JD_CUE_RAIDED_SITE,
  JD_CUE_N_SETS
} jd_cue;

/* One set of cue words: its entries in file order (surface = the word, id =
 * the set's name, arg = the value column, extra = the extra column, "" when
 * absent; number = the value as a number, 0 when it is not one). */
typedef struct {
  const jd_lex_entry *const *entries;
  size_t count;
  const guint8 *first_bits; /* characters below U+10000 that start a word (an index) */
  const guint8 *last_bits;  /* a hash of the characters that end a word (lexicon.c, 512 bytes) */
  const struct jd_cue_chains *chains; /* lexicon.c: the words by first and by last character,
                                       * each list in file order; NULL: compare every word */
} jd_cue_set;

/* The set; never NULL for a lexicon that loaded. Borrowed. */
const jd_cue_set *jd_lexicon_get_cues(const jd_lexicon *lexicon, jd_cue cue);
/* The set's name in cues.tsv ("goal"). */
const char *jd_cue_name(jd_cue cue);
/* The first word of set (in file order) written at t[p], ending by end; or NULL. */
const jd_lex_entry *jd_cue_at_words(const jd_cue_set *set, const char *t, size_t end, size_t p);
/* jd_cue_at_words with its first test — no word of the set starts with the
 * three-byte character at t[p] (the set's index) — made here without the
 * call: the rules ask at nearly every character of a paragraph. Same answers
 * (the test is the one jd_cue_at_words makes first). */
static inline const jd_lex_entry *jd_cue_at(const jd_cue_set *set, const char *t, size_t end,
                                            size_t p)
{
  if (p >= end) return NULL;
  const unsigned char *u = (const unsigned char *)t + p;
  if (u[0] >= 0xE0 && u[0] < 0xF0 && end - p >= 3) {
    gunichar c = ((gunichar)(u[0] & 0x0F) << 12) | ((gunichar)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    if (!((set->first_bits[c >> 3] >> (c & 7)) & 1)) return NULL;
  }
  return jd_cue_at_words(set, t, end, p);
}
/* The first word of set (in file order) ending exactly at t[p] and starting at
 * or after floor; or NULL. */
const jd_lex_entry *jd_cue_before(const jd_cue_set *set, const char *t, size_t floor, size_t p);
/* The first word of set (in file order) found anywhere in t[from, to), with
 * where it starts in *pos (the first place it occurs); or NULL. */
const jd_lex_entry *jd_cue_find(const jd_cue_set *set, const char *t, size_t from, size_t to,
                                size_t *pos);

G_END_DECLS
