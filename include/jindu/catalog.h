/* What a user may call a metric, a drug or a region: the ids jindu writes,
 * their Chinese names (data/lexicon/names.tsv) and aliases (names.tsv's
 * metric-alias and drug-alias rows, the drug names of drugs.tsv, the place
 * names of regions.tsv). Lists them for `jindu metrics` and `jindu regions`,
 * and resolves what was typed on a command line to an id — or says "did you
 * mean …" with the closest names (edit distance over ids, names and aliases). */
#pragma once

#include <glib.h>

#include "jindu/lexicon.h"

G_BEGIN_DECLS

#define JD_CATALOG_ERROR (jd_catalog_error_quark())
GQuark jd_catalog_error_quark(void);
typedef enum { JD_CATALOG_ERROR_UNKNOWN } jd_catalog_error;

typedef enum { JD_CATALOG_METRIC, JD_CATALOG_DRUG, JD_CATALOG_REGION } jd_catalog_kind;

typedef struct {
  char *id;         /* metric or drug id; a region's canonical name */
  char *name;       /* the Chinese name */
  char **aliases;   /* other names it goes by (NULL-terminated, may be empty) */
  char *unit;       /* metric: the units it is counted in (comma list); region: its level */
  char *kind;       /* metric: level or rate; region: the place one level up, or "" */
} jd_catalog_entry;

/* Every entry of kind, in the lexicon's order. Free with g_ptr_array_unref. */
GPtrArray *jd_catalog_list(const jd_lexicon *lexicon, jd_catalog_kind kind);

/* TRUE when entry's id, name or one of its aliases contains text. */
gboolean jd_catalog_entry_matches(const jd_catalog_entry *entry, const char *text);

/* The id for what was typed: an id, a Chinese name or an alias (a metric's
 * part, cases_solved_female, as it is). Values in present (NULL-terminated,
 * may be NULL: the values a figures table holds) are accepted as they are.
 * Unknown: NULL and an error "unknown metric '…' — did you mean …? (see
 * 'jindu metrics')". Caller frees. */
char *jd_catalog_resolve(const jd_lexicon *lexicon, jd_catalog_kind kind, const char *typed,
                         const char *const *present, GError **error);

/* The same for a ';'-separated list; the result keeps the separators. */
char *jd_catalog_resolve_list(const jd_lexicon *lexicon, jd_catalog_kind kind, const char *typed,
                              const char *const *present, GError **error);

/* Levenshtein distance in characters (not bytes) between two UTF-8 strings. */
size_t jd_edit_distance(const char *a, const char *b);

G_END_DECLS
