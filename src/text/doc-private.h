/* Documents that are not plain text (text.h): each reader turns a file's bytes
 * into a list of blocks — one paragraph, heading or table cell each, with where
 * it stands — that the streaming reader of text.c then normalizes like the
 * lines of a text file. Private to src/text/. */
#pragma once

#include <glib.h>

#include "jindu/text.h"

/* The forms told apart by their first bytes. */
typedef enum {
  JD_FORM_TEXT = 0,
  JD_FORM_ZIP,   /* .docx/.wps (OOXML), .xlsx, .odt or .ods */
  JD_FORM_PDF,
  JD_FORM_HTML,
  JD_FORM_OLE,   /* legacy .doc / .wps / .xls / .et: converted by LibreOffice */
  JD_FORM_IMAGE, /* PNG, JPEG, TIFF, BMP, GIF: OCR */
  JD_FORM_RTF,   /* RTF: converted by LibreOffice */
} jd_form;

typedef struct {
  char *text;  /* UTF-8, not yet normalized */
  char *where; /* "第3页", "第12段", "表2 第4行 第3列" */
  unsigned line; /* a plain text's line it stands on, when not the where's; 0 */
} jd_block;

typedef struct {
  GPtrArray *blocks; /* jd_block* */
  char *date;        /* "2023-06-26" from outside the text, or NULL */
  const char *format;/* "docx", "odt", "pdf", "html", "image" */
  int tables;        /* tables seen so far (numbers 表1, 表2 …) */
  GPtrArray *warnings;
} jd_doc;

jd_doc *jd_doc_new(const char *format);
void jd_doc_free(jd_doc *doc);
/* Adds a block (text copied; where from a printf format). Blocks that are only
 * blank are left out. */
void jd_doc_add(jd_doc *doc, const char *text, const char *where_fmt, ...) G_GNUC_PRINTF(3, 4);
void jd_doc_warn(jd_doc *doc, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* The form of a file from its first bytes (n may be short). */
jd_form jd_doc_sniff(const char *head, size_t n);
/* Whether a file name has the extension of a document form jindu reads. */
gboolean jd_doc_known_name(const char *name);

/* A legacy form (JD_FORM_OLE, JD_FORM_RTF) converted by LibreOffice
 * (doc-convert.c): *out_data the .docx or .xlsx (*out_ext) it became, caller
 * frees. FALSE with error (what to install or do) when it cannot be. */
gboolean jd_doc_convert_legacy(jd_form form, const char *path, const char *data, size_t len,
                               const char **out_ext, char **out_data, size_t *out_len,
                               GError **error);

/* Reads a whole document of the given form (not JD_FORM_TEXT). path names it in
 * messages. Errors are JD_TEXT_ERROR_FORMAT or _OCR with what to do. */
jd_doc *jd_doc_read(jd_form form, const char *path, const char *data, size_t len,
                    const jd_load_options *options, GError **error);

/* The readers (doc-*.c). Those that need poppler, Tesseract, libxml2 or
 * libzip are built into the "readers" module (util/module.h), which gives them
 * to jd_doc_read as one table, jd_doc_readers_table (doc-readers.c); a
 * program linked with the whole library statically (the tests) has the table
 * itself and loads nothing. */
typedef struct {
  gboolean (*zip)(jd_doc **out, const char *path, const char *data, size_t len, GError **error);
  gboolean (*pdf)(jd_doc *doc, const char *path, const char *data, size_t len,
                  const jd_load_options *options, GError **error);
  gboolean (*html)(jd_doc *doc, const char *path, const char *data, size_t len, GError **error);
  gboolean (*image)(jd_doc *doc, const char *path, const char *data, size_t len,
                    const jd_load_options *options, GError **error);
} jd_doc_readers;
extern const jd_doc_readers jd_doc_readers_table;

gboolean jd_doc_read_zip(jd_doc **out, const char *path, const char *data, size_t len,
                         GError **error);
/* Reads one entry of an open zip archive (doc-zip.c): the whole of it, or NULL
 * with error set (a missing entry too). */
typedef char *(*jd_zip_entry_reader)(void *zip, const char *entry, size_t *len, GError **error);
/* An Excel workbook (doc-xlsx.c): each worksheet a table. */
gboolean jd_doc_read_xlsx(jd_doc *doc, const char *path, jd_zip_entry_reader read, void *zip,
                          GError **error);
gboolean jd_doc_read_docx_xml(jd_doc *doc, const char *path, const char *xml, size_t len,
                              GError **error);
gboolean jd_doc_read_odt_xml(jd_doc *doc, const char *path, const char *xml, size_t len,
                             GError **error);
gboolean jd_doc_read_pdf(jd_doc *doc, const char *path, const char *data, size_t len,
                         const jd_load_options *options, GError **error);
gboolean jd_doc_read_html(jd_doc *doc, const char *path, const char *data, size_t len,
                          GError **error);
gboolean jd_doc_read_image(jd_doc *doc, const char *path, const char *data, size_t len,
                           const jd_load_options *options, GError **error);

/* OCR (doc-ocr.c). A page's picture as 8-bit grey or 32-bit pixels; returns the
 * text with spaces between Chinese characters removed, *confidence the mean word
 * confidence 0..100. NULL with error when Tesseract or its language data is
 * missing. */
typedef struct jd_ocr jd_ocr;
jd_ocr *jd_ocr_new(const char *path, GError **error);
char *jd_ocr_page(jd_ocr *ocr, const unsigned char *pixels, int width, int height,
                  int bytes_per_pixel, int stride, int dpi, int *confidence);
void jd_ocr_free(jd_ocr *ocr);
/* The confidence below which a page is marked 识别置信度低. */
#define JD_OCR_LOW_CONFIDENCE 70
/* Adds the paragraphs of one OCR'd page: blank lines and indentation end
 * paragraphs, lines are joined. */
void jd_doc_add_ocr_page(jd_doc *doc, const char *text, int page, int confidence);

/* Tables (doc-table.c): cells go in row by row, with their spans; a merged
 * cell's text fills every grid place it covers. jd_table_finish turns the
 * table into blocks: each number cell states itself with its row and column
 * headers, other cells are paragraphs of their own. */
typedef struct jd_table jd_table;
jd_table *jd_table_new(void);
void jd_table_row(jd_table *t);
/* vmerge_continue: a Word cell that continues the merged cell above it. */
void jd_table_cell(jd_table *t, const char *text, int colspan, int rowspan,
                   gboolean vmerge_continue);
void jd_table_finish(jd_table *t, jd_doc *doc);
/* Whether the rows read as a grid of figures (a number right of the first
 * column, no text right of a number): a text's rows split at wide spaces are
 * a table only then. */
gboolean jd_table_is_grid(const jd_table *t);
/* A table as a page lays it out: runs of text with no wide gap inside (a
 * cell, or a piece of one: a header written on two lines), with their boxes
 * (a PDF's points, or a text file's columns and lines). */
typedef struct {
  const char *s; /* its text (not NUL-terminated), borrowed */
  gsize len;
  double x1, x2, y1, y2;
} jd_seg;
/* The table the segments make: rows by height, columns by the rows with
 * numbers, the rows above them its header, a heading over several columns
 * spanning them; NULL when they are no grid of figures. row_top (or NULL)
 * gets the top of each of the table's rows (double); *top the top of its
 * first: segments above it are none of the table's (a caption). */
jd_table *jd_table_from_segments(GArray *segs, GArray *row_top, double *top);
void jd_table_free(jd_table *t);
/* A run of a document's paragraphs typed with tab stops (指标\t2022年\t2023年),
 * held until it ends: then a table of their cells (a run of tabs one stop)
 * where rows with as many cells are a grid of figures, else the paragraphs as
 * they are, at their wheres. */
typedef struct {
  GPtrArray *paras, *wheres; /* strings */
} jd_tab_run;
void jd_tab_run_init(jd_tab_run *run);
/* Adds a paragraph at where: held when tabbed (typed with tab stops), else
 * after the run it ends. */
void jd_tab_run_add(jd_tab_run *run, jd_doc *doc, const char *text, const char *where,
                    gboolean tabbed);
/* Ends the run (before a real table, at the document's end). */
void jd_tab_run_end(jd_tab_run *run, jd_doc *doc);
void jd_tab_run_clear(jd_tab_run *run);
/* A worksheet's name as a paragraph before its table when it says something
 * (2023年各县区禁毒数据), not when it is Excel's or Calc's default (Sheet1,
 * 工作表1). */
void jd_doc_add_sheet_name(jd_doc *doc, const char *name);

/* The words of data/lexicon/documents.tsv by kind ("date", "drop", "index"),
 * NULL-terminated, borrowed; loaded once. */
const char *const *jd_doc_words(const char *kind);
/* Whether s starts with / contains one of the words of a kind. */
gboolean jd_doc_has_word(const char *kind, const char *s);
