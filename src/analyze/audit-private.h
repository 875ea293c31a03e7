/* The audit's internals shared by its files: the stated precision of a
 * figure (audit-precision.c), how shares and changes are paired with the
 * levels they speak of and how certain that pairing is (audit-pairing.c),
 * and the checks and the driver (audit.c). */
#pragma once

#include "analyze/analyze-private.h"
#include "util/keymap.h"

/* ------------------------------------------------------------ precision */

/* One unit of the last digit of f as written: from a number in Arabic
 * digits in its quote (1.36万 -> 100; 23.61吨 -> 10 kg; 3.5成 -> 1), a
 * percentage in Chinese tenths (六成 -> 10), else from the value: counts
 * from 10,000 with two trailing zeros or more as rounded in 万, other
 * amounts from 1,000 with trailing zeros as rounded, percentages by their
 * decimals, exact counts 1. */
double jd_audit_written_unit(const jd_figure *f);
/* The values f can stand for: an exact count written in full is a point;
 * any other exact figure is ±half its written unit (1.36万 = [13550,
 * 13650)); an approximate one (约, 近, 不到) is the qualifier's interval
 * widened by that rounding (约六成 = [55, 65]); a bound (多, 至少, 至多) is
 * the qualifier's interval. */
jd_interval jd_audit_interval(const jd_figure *f);
/* The stated range of a percentage figure: rounded (or truncated toward
 * zero) at its written unit when exact, else jd_audit_interval. */
void jd_audit_stated_range(const jd_figure *f, gboolean truncated, double *lo, double *hi);
/* Whether f is written to its decimals (40%, 12.5%), not coarser (六成). */
gboolean jd_audit_precision_is_decimals(const jd_figure *f);

/* -------------------------------------------------------------- pairing */

/* How certain the pairing of a share or change with its levels is. Only a
 * certain pairing may give a warning or an error; any other caps the
 * finding at a note that says what is uncertain (jd_pairing_reason). */
typedef enum {
  JD_PAIR_CERTAIN = 0,
  JD_PAIR_PART_GUESSED, /* share: the level just before it is not its part */
  JD_PAIR_LIST_UNEVEN,  /* a list (分别): percentages and levels do not match one to one */
  JD_PAIR_LIST_ITEM,    /* the part is one item of a list in its own clause (A起、B人、C吨) */
  JD_PAIR_WHOLES,       /* several levels of the sentence could be the whole */
  JD_PAIR_WHOLE_FAR,    /* the whole is before other percentages of the line */
  JD_PAIR_FROM_TO,      /* a level shares its clause with one of another period or
                         * the same series (由A至B): the percentage may be their change */
  JD_PAIR_SCOPE,        /* the whole is narrowed differently, or a scope is unknown (?) */
  JD_PAIR_PERIOD,       /* periods unknown, of another span, or not those stated */
  JD_PAIR_OTHER_LINE,   /* a level is in another paragraph */
  JD_PAIR_WHOLE_AFTER,  /* part of whole: the whole is written after its part */
} jd_pairing;

/* What is uncertain, in plain Chinese (no final punctuation). */
const char *jd_pairing_reason(jd_pairing p);

gboolean jd_audit_is_level(const jd_figure *f);
gboolean jd_audit_is_rate(const jd_figure *f);
gboolean jd_audit_is_change(const jd_figure *f);

/* One document's figures in line order, with an index of its levels by
 * (metric, drug, region, period, scope) for the search beyond a change's
 * line. */
typedef struct {
  const jd_figure *const *fig;
  size_t n;
  jd_keymap levels;   /* key pointers -> list */
  GArray *head;       /* per list: first position in fig, then next[] */
  GArray *tail;
  guint32 *next;      /* per position: the next of its list, or G_MAXUINT32 */
} jd_doc_index;

#define JD_LEVEL_KEY_WORDS 5
void jd_doc_index_init(jd_doc_index *d);
void jd_doc_index_destroy(jd_doc_index *d);
/* Indexes the levels and rates of doc[0..n). */
void jd_doc_index_fill(jd_doc_index *d, const jd_figure *const *doc, size_t n);

/* The level of `period` for the change fig[ci], whose line spans [ls, le),
 * and how certain that pick is; NULL when none. */
const jd_figure *jd_pair_change_level(jd_doc_index *d, size_t ci, size_t ls, size_t le,
                                      const char *period, jd_pairing *certainty);

/* A share's part and whole on its line [ls, le): part_of and is_part are
 * filled once per line by jd_pair_find_parts, then jd_pair_share gives the
 * part (NULL: none), the whole (NULL: none, the total is implied) and the
 * certainty of the pair. */
void jd_pair_find_parts(const jd_figure *const *doc, size_t ls, size_t le, gssize *part_of,
                        gboolean *is_part);
jd_pairing jd_pair_share(const jd_figure *const *doc, size_t ls, size_t le, size_t i,
                         const gssize *part_of, const gboolean *is_part,
                         const jd_figure **part, const jd_figure **whole);
/* Whether f's clause (its quote, when recorded) holds another level of the
 * same unit on the line [ls, le) of another period, or of the same series. */
gboolean jd_pair_clause_has_from_to(const jd_figure *const *doc, size_t ls, size_t le,
                                    const jd_figure *f);

/* ---------------------------------------------------------------- scope */

typedef enum {
  JD_SCOPE_WHOLE = 0, /* "" */
  JD_SCOPE_PART,      /* every word a channel, operation, case, subset or organisation */
  JD_SCOPE_OUTSIDE,   /* an outside geography: not a part of the whole */
  JD_SCOPE_UNKNOWN,   /* "?", or a word data/lexicon/scopes.tsv does not know */
} jd_scope_kind;

/* The scope words of data/lexicon/scopes.tsv and their classes (an empty
 * table when the file cannot be read). Free with g_hash_table_unref. */
GHashTable *jd_audit_scope_classes_load(void);
jd_scope_kind jd_audit_scope_kind(GHashTable *classes, const char *scope);

/* ---------------------------------------------------------- table totals */

/* audit-total.c: every cell of a table's row of totals (合计, where ends in
 * JD_WHERE_TOTAL_ROW) against the sum of the cells of its column above it (up
 * to the row of totals before), or below it when the totals come first; the
 * sum's interval is what the parts' stated precision allows. */
void jd_audit_table_totals(jd_analysis *a, const jd_figure *const *doc, size_t n);
