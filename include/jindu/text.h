/* Loading documents: find the input files, detect and decode UTF-8 or
 * GB18030, normalize (traditional -> simplified as OpenCC t2s does, full-width ->
 * ASCII, thousands separators, stray HTML entity words, tags, CRLF), and keep
 * a map from normalized text back to original line numbers.
 *
 * Documents are read as a stream of paragraphs (one original line each, long
 * lines cut at sentence ends), so memory stays bounded whatever the size.
 *
 * Normalization policy, applied the same way to every paragraph:
 * - HTML tags are removed; entities (&amp; &rdquo; &#8220;) and the stray
 *   entity words scraped pages leave behind (rdquo; ldquo; mdash; bull;
 *   hellip; nbsp;) become their characters; bull; becomes the middle dot ·
 *   because it stands for the dot of campaign codes (7·04).
 * - Full-width forms U+FF01..U+FF5E become ASCII: digits, letters, ％ ．
 *   and also the clause punctuation ，：；！？（） -> , : ; ! ? ( ). The
 *   ideographic full stop 。 and the enumeration comma 、 stay, as do Chinese
 *   quotes “” ‘’ 《》 and dashes —. Splitting treats , ; : ! ? like their
 *   full-width forms, so clauses split the same either way.
 * - Thousands separators are dropped inside numbers when every group after
 *   the first has exactly three digits: 3,556 -> 3556, 8 468 -> 8468. Only the
 *   ASCII comma and spaces count; the full-width comma ， is punctuation.
 * - Runs of spaces (incl. U+3000, NBSP, tabs) become one space; paragraphs
 *   are trimmed; control and zero-width characters are removed.
 * - Traditional characters become simplified exactly as OpenCC t2s.json converts them (its
 *   dictionaries compiled in at build time, src/text/t2s.c) unless
 *   keep_traditional is set. */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdio.h>

G_BEGIN_DECLS

#define JD_TEXT_ERROR (jd_text_error_quark())
GQuark jd_text_error_quark(void);
typedef enum {
  JD_TEXT_ERROR_NOT_FOUND,   /* missing file or directory */
  JD_TEXT_ERROR_READ,        /* unreadable (permissions, I/O) */
  JD_TEXT_ERROR_NO_DOCUMENTS,/* a directory with no documents */
  JD_TEXT_ERROR_ENCODING,    /* bytes that fit no encoding */
  JD_TEXT_ERROR_BINARY,      /* a binary file */
  JD_TEXT_ERROR_FORMAT,      /* a document that cannot be read as its format: a corrupt zip,
                                an encrypted PDF, a .docx without text, a legacy .doc/.wps */
  JD_TEXT_ERROR_OCR,         /* a scan that needs OCR which cannot run (--ocr never, no
                                language data) */
} jd_text_error;

/* OCR of scanned pages (Tesseract, chi_sim + chi_tra): AUTO reads images and the
 * PDF pages without a text layer, NEVER refuses them with an error, ALWAYS
 * reads every PDF page from its picture even when it has a text layer. */
typedef enum { JD_OCR_AUTO = 0, JD_OCR_NEVER, JD_OCR_ALWAYS } jd_ocr_mode;

typedef enum {
  JD_ENCODING_AUTO = 0, /* UTF-8 if valid, else GB18030 or Big5 (whichever decodes to
                           common Chinese characters) */
  JD_ENCODING_UTF8,
  JD_ENCODING_GB18030,
  JD_ENCODING_BIG5,     /* Big5-HKSCS: traditional documents from Taiwan / Hong Kong */
} jd_encoding;

typedef struct {
  jd_encoding encoding;
  gboolean lenient;        /* replace undecodable bytes with U+FFFD and warn */
  gboolean keep_traditional; /* skip the traditional -> simplified step */
  jd_ocr_mode ocr;           /* scanned pages and images */
} jd_load_options;
#define JD_LOAD_OPTIONS_INIT {JD_ENCODING_AUTO, FALSE, FALSE, JD_OCR_AUTO}

/* Documents in other forms than plain text are told by their content (magic
 * bytes), whatever their name, and read into paragraphs by a reader each
 * (src/text/doc-*.c): Word .docx/.wps (OOXML) and .odt (libzip + libxml2;
 * paragraphs and headings in order, tables cell by cell), PDF with a text
 * layer (poppler-glib; page by page, running headers, footers and page
 * numbers dropped, wrapped lines joined), web pages (libxml2's HTML parser;
 * the main content only, the publication date as the document's date), and
 * scans — images and PDF pages without text — through Tesseract OCR. A table
 * cell becomes a paragraph of its own that states the cell with its row and
 * column headers (城关区 2023年 破获案件 12起), so tables give figures like
 * sentences do. Legacy .doc and OLE .wps files are refused with the command
 * that converts them.
 *
 * Expands the command-line inputs: files as given, directories recursively
 * (sorted, *.txt, *.md and the document forms above by their extension), "-"
 * for stdin. Returns a GPtrArray of paths
 * (owned strings; free with g_ptr_array_unref). A directory with no
 * documents or a missing path is an error. */
GPtrArray *jd_inputs_collect(const char *const *paths, size_t n, GError **error);
/* The same, reading each file and folder once (by device and inode: link
 * loops end, a document linked twice is read once) and skipping FIFOs,
 * devices and sockets inside folders; each skip adds a "path: what — what
 * was done" message to warnings (when not NULL). */
GPtrArray *jd_inputs_collect_full(const char *const *paths, size_t n, GPtrArray *warnings,
                                  GError **error);

/* One paragraph of normalized text. Borrowed from the reader; valid until the
 * next call to jd_reader_next or jd_reader_free. */
typedef struct {
  const char *text;   /* normalized UTF-8, NUL-terminated */
  size_t len;
  unsigned line;      /* 1-based line in the original file where it starts */
  gboolean continued; /* TRUE when this continues a long original line */
  const char *where;  /* where a reader finds it, for documents that are not plain
                         text ("第3页", "第12段", "表2 第4行 第3列", see figure.h);
                         NULL or "" for plain text. line is then the paragraph's
                         number in the document. */
} jd_paragraph;

typedef struct jd_reader jd_reader;

/* Opens a document for streaming; path "-" reads stdin. The document id is
 * the file's base name ("-" gives "stdin"). Caller frees with jd_reader_free. */
jd_reader *jd_reader_open(const char *path, const jd_load_options *options, GError **error);
/* Reads from a memory buffer (tests, fuzzing). The buffer is copied. */
jd_reader *jd_reader_open_bytes(const char *name, const char *data, size_t len,
                                const jd_load_options *options, GError **error);
/* Returns TRUE and fills *out with the next paragraph; FALSE at the end or on
 * error (then *error is set). Empty lines are skipped. */
gboolean jd_reader_next(jd_reader *reader, jd_paragraph *out, GError **error);
const char *jd_reader_get_name(const jd_reader *reader);     /* borrowed */
const char *jd_reader_get_path(const jd_reader *reader);     /* borrowed */
jd_encoding jd_reader_get_encoding(const jd_reader *reader); /* as detected */
/* Warnings collected in lenient mode ("FILE:LINE: ..."), borrowed, may be empty. */
const GPtrArray *jd_reader_get_warnings(const jd_reader *reader);
/* The document's form: "text", "docx", "odt", "pdf", "html" or "image". */
const char *jd_reader_get_format(const jd_reader *reader);
/* The date a document states of itself outside its text, as "2023-06-26" (a web
 * page's publication date, a PDF's or .docx's creation date is NOT used), or
 * NULL. The reader also gives it as the first paragraph, a header line
 * "发布时间:2023-06-26" that the extractor reads as the document's date. */
const char *jd_reader_get_date(const jd_reader *reader);
/* Paragraphs returned so far (0 after the end: the document had no text). */
size_t jd_reader_get_paragraph_count(const jd_reader *reader);
void jd_reader_free(jd_reader *reader);

/* Normalizes one UTF-8 string as the reader does (no line map). Caller frees
 * with g_free. */
char *jd_text_normalize(const char *utf8, size_t len, gboolean keep_traditional);

/* A clause or sentence: byte range in a paragraph's text, without the
 * punctuation that ends it (and closing quotes after it) and trimmed of
 * spaces; empty pieces are left out. */
typedef struct {
  size_t start, end;
  gboolean sentence_end; /* ends with 。！？!?；; or the paragraph end */
} jd_span;

/* Splits text into clauses at Chinese and ASCII punctuation (，。；！？：,;!?
 * and 、 is NOT a clause break). Appends jd_span to out; returns the count. */
size_t jd_text_split_clauses(const char *text, size_t len, GArray *out);
/* Splits into sentences (。！？；!?; and line ends). */
size_t jd_text_split_sentences(const char *text, size_t len, GArray *out);

const char *jd_encoding_to_string(jd_encoding e);
/* Parses "auto", "never", "always" (an --ocr value). Returns FALSE for anything else. */
gboolean jd_ocr_mode_from_string(const char *s, jd_ocr_mode *out);

/* Parses "auto", "utf8"/"utf-8", "gb18030"/"gbk"/"gb2312", "big5"
 * (case-insensitive). Returns FALSE for anything else. */
/* The names jd_encoding_from_string knows, for help texts and messages. */
#define JD_ENCODING_NAMES "auto, utf-8, gb18030 or big5"
gboolean jd_encoding_from_string(const char *s, jd_encoding *out);

G_END_DECLS
