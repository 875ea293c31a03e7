/* Vocabularies the extractor reads, loaded from the TSV files in data/lexicon so they
 * can be edited without recompiling: metric triggers, measure words and
 * their conversions, nouns counted with 个, drug names, the region
 * gazetteer, period words and change words. Each table answers one question:
 * "which entry is the longest one starting here?". */
#pragma once

#include <glib.h>
#include <stddef.h>

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
 *   SUBSET   word     tag (female ...)   "bare" or ""           -             1 */
typedef struct {
  const char *surface;
  size_t len; /* bytes of surface */
  const char *id;
  const char *arg;
  const char *extra;
  double number;
  unsigned line; /* row in its file, for --explain */
  const char *parent; /* REGION: canonical name one level up, or ""; else "" */
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

/* The file name of a table ("metrics.tsv"). */
const char *jd_lex_table_file(jd_lex_table table);

G_END_DECLS
