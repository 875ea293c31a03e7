/* What `jindu review` asks a human about, and how it records the answers:
 * audit findings (warnings, errors), figures whose scope, span or period
 * jindu could not tell, and readings of low confidence (an OCR page marked
 * 识别置信度低 in the figure's `where`). Each decision is one row APPENDED to
 * the build's first overrides file (never rewritten), so the next build uses
 * it and the next review does not ask again. The line prompts and the
 * terminal screen of src/cli/ both work through these functions. */
#pragma once

#include <glib.h>

#include "jindu/analyze.h"
#include "jindu/build.h"
#include "jindu/figure.h"
#include "jindu/lexicon.h"

G_BEGIN_DECLS

typedef struct {
  const jd_figure *figure; /* borrowed from the table under review */
  char *why;               /* what needs a human, in Chinese: 【警告】… 范围不明 时期不详 识别置信度低 */
  char decision;           /* this session's last decision: 0, 'a' accepted, 'c' corrected, 'w' withdrawn */
  /* the sentence of the document the quote stands in (jd_review_sentence) */
  char *sentence;
  size_t quote_start, quote_end;
  gboolean looked;
} jd_review_item;

typedef struct jd_review_docs jd_review_docs;

typedef struct {
  char *path;        /* the overrides file decisions go to */
  char **header;     /* its columns (written for a new file) */
  GPtrArray *items;  /* of jd_review_item*, in document order */
  guint decided;     /* decisions appended in this session */
  jd_lexicon *lexicon; /* for names typed in a correction */
  const jd_figure_table *table;
  jd_review_docs *docs; /* the documents, to show a quote in its sentence */
} jd_review;

/* Checks that config names an overrides file and creates it (a header row)
 * when it is missing, before the build's figures are loaded with it. FALSE
 * with error: JD_BUILD_ERROR_CONFIG for no overrides file (exit 3), a
 * G_FILE_ERROR when it cannot be written (exit 4). */
gboolean jd_review_prepare(const jd_build_config *config, GError **error);

/* The items of table t (a build's figures with its overrides applied, read
 * from documents, the paths of config's documents as collected) that
 * config's overrides files do not already decide; creates the first
 * overrides file (a header row) when it is missing. NULL with error: a
 * G_FILE_ERROR when the overrides file cannot be written (exit 4), any other
 * domain for bad input (exit 3). t must outlive the review. */
jd_review *jd_review_open(const jd_build_config *config, const jd_figure_table *t,
                          const char *const *documents, size_t n_documents, GError **error);
void jd_review_free(jd_review *r);

/* Appends item i's decision: accepted as it is, or withdrawn (an empty value). */
gboolean jd_review_accept(jd_review *r, guint i, GError **error);
gboolean jd_review_withdraw(jd_review *r, guint i, GError **error);
/* Appends corrected in item i's place. A new metric or period is another
 * row: the old one is first appended as withdrawn. */
gboolean jd_review_correct(jd_review *r, guint i, const jd_figure *corrected, GError **error);

/* Sets one field of f from what the analyst typed: metric (an id, the
 * Chinese name or an alias, resolved through catalog.h), scope, region (an
 * id, a name or alias, or one the table holds), period (2019, 2019-H1,
 * 2019-01/2019-05 …; its span follows) or value (a number). FALSE with
 * *message (caller frees: Chinese, with what to type) when the field or
 * the value is not one jindu can take. */
gboolean jd_review_set_field(const jd_review *r, jd_figure *f, const char *field,
                             const char *value, char **message);

/* Where the figure's number stands in its quote: [*start, *end) in bytes,
 * the numeral whose value (in any of the usual scales: 万, 亿, 吨 → kg …) is
 * the figure's. FALSE when none matches. */
gboolean jd_review_number_span(const jd_review *r, const jd_figure *f, size_t *start,
                               size_t *end);

/* The whole sentence item i's quote stands in, read again from its document
 * (plain text, Word, PDF, web page; not a scan), with the quote at
 * [*quote_start, *quote_end) in it; read once and kept. NULL when the
 * document is not at hand or no longer holds the quote: show the quote
 * alone. */
const char *jd_review_sentence(jd_review *r, guint i, size_t *quote_start, size_t *quote_end);

G_END_DECLS
