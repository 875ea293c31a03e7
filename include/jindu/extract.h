/* Extraction: finds every stated figure in a document's normalized text and
 * gives it a metric, drug, region, period, unit, qualifier, kind and base
 * period, with the clause it came from.
 *
 * The extractor streams: paragraphs go in one at a time (from a jd_reader),
 * figures come out through a callback, and memory stays bounded whatever
 * the document's size. Only the first few paragraphs of each document are
 * held back, to learn its own date and region from the header and opening
 * before any figure is resolved against them.
 *
 * Conventions of the records it makes:
 *   - value is in the base unit (公斤/克/吨 -> kg, 万元 -> yuan); a percent
 *     is kept as the number before the sign (45% -> 45, unit "percent");
 *   - changes are signed: 下降16.5% -> -16.5 (change_pct), 减少197人 -> -197
 *     (change_abs), 下降0.8个百分点 -> -0.8 (change_pp); 增长一倍 -> 100;
 *     a ratio (是2015年的2.2倍) -> 2.2, unit "ratio";
 *   - period: "2019", "2019-H1", "2019-Q3", "2019-05", "2019-01/2019-05",
 *     "2018/2020" for cumulative spans, or "unknown" — never a guess.
 *     今年/去年/前年/今年以来 count from the document's date (a header line,
 *     the opening, a closing dateline such as 二〇二〇年六月二十六日, else the
 *     latest full date in the paragraphs read ahead), failing that from the
 *     year of its title or lead (2019年禁毒工作总结); with neither they are
 *     "unknown". 上年 is the whole year before the period being talked
 *     about, 上年同期 the same part of it, 去年同期 the same part of last
 *     year as the paragraph's own period;
 *   - a part after 其中 whose metric would repeat the whole's gets
 *     METRIC_TAG (suspects_arrested_female, tags in subsets.tsv) or
 *     METRIC_part; age groups become users_minor, users_18_35,
 *     users_under_35, users_36_59, users_over_35, users_over_60 (other
 *     bounds: users_under_N, users_over_N, users_A_B);
 *   - region: the canonical gazetteer name (甘肃省, 临夏州, 同心县), "全国",
 *     an anonymized name as written (X市), or the self reference as written
 *     (全县) when the document's own region cannot be found. */
#pragma once

#include <glib.h>

#include "jindu/figure.h"
#include "jindu/lexicon.h"
#include "jindu/text.h"

G_BEGIN_DECLS

#define JD_EXTRACT_ERROR (jd_extract_error_quark())
GQuark jd_extract_error_quark(void);
typedef enum {
  JD_EXTRACT_ERROR_FAILED,
} jd_extract_error;

typedef struct {
  gboolean explain;        /* build an explanation for every figure */
  unsigned lookahead;      /* paragraphs held back to learn the document's
                              date and region (0: the default, 12) */
} jd_extract_options;
#define JD_EXTRACT_OPTIONS_INIT {FALSE, 0}

/* Receives each figure as soon as it is final. figure and explanation are
 * borrowed for the call (copy with jd_figure_copy to keep); explanation is
 * NULL unless options.explain. */
typedef void (*jd_figure_func)(const jd_figure *figure, const char *explanation,
                               gpointer user_data);

typedef struct jd_extractor jd_extractor;

/* The lexicon is borrowed and must outlive the extractor. options may be
 * NULL. Caller frees with jd_extractor_free. */
jd_extractor *jd_extractor_new(const jd_lexicon *lexicon, const jd_extract_options *options);
void jd_extractor_free(jd_extractor *extractor);

/* Starts a document named doc (its file name); figures go to func. Ends the
 * previous document if one is open. */
void jd_extractor_begin(jd_extractor *extractor, const char *doc, jd_figure_func func,
                        gpointer user_data);
/* Feeds the next paragraph of the open document. */
void jd_extractor_feed(jd_extractor *extractor, const jd_paragraph *paragraph);
/* Ends the document: flushes held-back paragraphs. */
void jd_extractor_end(jd_extractor *extractor);

/* Warnings of the open (or last) document, "doc:line: what — what to do"
 * (numbers left out as beyond exact precision). Borrowed; cleared by begin. */
const GPtrArray *jd_extractor_get_warnings(const jd_extractor *extractor);

/* What the extractor learned about the open (or last) document, borrowed:
 * its date as "2020-01-23" (or "2020" / "" when unknown), its own region
 * ("" when unknown). Valid until the next begin. */
const char *jd_extractor_get_doc_date(const jd_extractor *extractor);
const char *jd_extractor_get_doc_region(const jd_extractor *extractor);

/* Streams every paragraph of reader through extractor to func (one document:
 * begin, the paragraphs, end). When warnings is not NULL, the extractor's and
 * the reader's warnings are appended to it as copies. The reader is not
 * freed. Returns FALSE with error set when the input cannot be read. */
gboolean jd_extract_reader(jd_extractor *extractor, jd_reader *reader, jd_figure_func func,
                           gpointer user_data, GPtrArray *warnings, GError **error);

/* Reads one document (path, or "-" for stdin) with jd_reader and streams
 * its figures to func. Returns FALSE with error set when the input cannot
 * be read (figures already delivered stay delivered). */
gboolean jd_extract_file(jd_extractor *extractor, const char *path,
                         const jd_load_options *load_options, jd_figure_func func,
                         gpointer user_data, GError **error);

/* Conveniences: every figure of one file, or of a text in memory, appended
 * to table (in document order). */
gboolean jd_extract_file_to_table(const jd_lexicon *lexicon, const char *path,
                                  const jd_load_options *load_options,
                                  const jd_extract_options *options, jd_figure_table *table,
                                  GError **error);
gboolean jd_extract_text_to_table(const jd_lexicon *lexicon, const char *name,
                                  const char *text, size_t len,
                                  const jd_load_options *load_options,
                                  const jd_extract_options *options, jd_figure_table *table,
                                  GError **error);

G_END_DECLS
