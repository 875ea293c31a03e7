/* PDF (poppler-glib): the text layer page by page in poppler's reading order,
 * with the box of every character, so that
 *  - running headers and footers (a line among the first or last two of a page
 *    that recurs, digits aside, on half the pages or more) and page numbers
 *    (- 3 -, 第3页, 3/10) are dropped;
 *  - the lines of a paragraph are joined: a paragraph ends at a line that stops
 *    short of the right margin, before an indented line or a wide gap, and
 *    goes on across a page break otherwise; Chinese lines join without a space,
 *    Latin words with one, a word hyphenated at the line end without the hyphen;
 *  - every paragraph says the page where it starts (第3页).
 * A page without a text layer is a scan: with --ocr auto or always it is drawn
 * at 300 dpi (cairo) and read by Tesseract (doc-ocr.c). */
#include "text/doc-private.h"

#include <cairo.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#define OCR_DPI 300.0

typedef struct {
  const char *s; /* the line's text in the page text (not NUL-terminated) */
  size_t len;
  double x1, x2, y1, y2;
  guint ci;      /* the index (in the page's character boxes) of s's first character */
} pdf_line;

/* Lines of a page's text with the extent of their characters. */
static GArray *page_lines(const char *text, const PopplerRectangle *rect, guint n_rect)
{
  GArray *lines = g_array_new(FALSE, TRUE, sizeof(pdf_line));
  const char *p = text;
  guint ci = 0; /* index of the character at p */
  while (*p) {
    pdf_line l = {p, 0, G_MAXDOUBLE, -G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, ci};
    const char *q = p;
    while (*q && *q != '\n') {
      gunichar c = g_utf8_get_char(q);
      if (ci < n_rect && !g_unichar_isspace(c)) {
        const PopplerRectangle *r = &rect[ci];
        l.x1 = MIN(l.x1, MIN(r->x1, r->x2));
        l.x2 = MAX(l.x2, MAX(r->x1, r->x2));
        l.y1 = MIN(l.y1, MIN(r->y1, r->y2));
        l.y2 = MAX(l.y2, MAX(r->y1, r->y2));
      }
      q = g_utf8_next_char(q);
      ci++;
    }
    l.len = (size_t)(q - p);
    while (l.len && (p[l.len - 1] == ' ' || p[l.len - 1] == '\r')) l.len--;
    while (l.len && *l.s == ' ') l.s++, l.len--, l.ci++;
    if (l.len && (!rect || l.x2 > l.x1)) g_array_append_val(lines, l);
    if (*q == '\n') {
      q++;
      ci++;
    }
    p = q;
  }
  return lines;
}

static gboolean ends_sentence(const pdf_line *l)
{
  static const char *const ends[] = {"。", "！", "？", "；", "：", "”", "）", "!", "?", ";", ":", ")"};
  for (size_t k = 0; k < G_N_ELEMENTS(ends); k++) {
    size_t n = strlen(ends[k]);
    if (l->len >= n && !memcmp(l->s + l->len - n, ends[k], n)) return TRUE;
  }
  return FALSE;
}

/* A line's text with digits folded to #, marked T for the top of a page and B
 * for its bottom: running headers differ in the page number. NULL for a line
 * that cannot be one: a sentence's end, or longer than 40 characters. */
static char *line_key(const pdf_line *l, gboolean top)
{
  if (ends_sentence(l) || g_utf8_strlen(l->s, (gssize)l->len) > 40) return NULL;
  GString *k = g_string_new(top ? "T" : "B");
  for (size_t i = 0; i < l->len; i++) {
    char c = l->s[i];
    if (c == ' ') continue;
    g_string_append_c(k, g_ascii_isdigit(c) ? '#' : c);
  }
  return g_string_free(k, FALSE);
}

static gpointer page_number_regex(gpointer unused)
{
  (void)unused;
  return g_regex_new("^[\\s\\-—－·_]*(第\\s*)?([0-9]+|[ivxlc]+)\\s*(页)?"
                     "(\\s*([/／]|共)\\s*[0-9]+\\s*页?)?[\\s\\-—－·_]*$"
                     "|^\\s*page\\s+[0-9]+(\\s+of\\s+[0-9]+)?\\s*$",
                     G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
}

static gboolean is_page_number(const pdf_line *l)
{
  static GOnce once = G_ONCE_INIT;
  GRegex *re = g_once(&once, page_number_regex, NULL);
  g_autofree char *s = g_strndup(l->s, l->len);
  return g_regex_match(re, s, 0, NULL);
}

typedef struct {
  jd_doc *doc;
  GString *para;
  int para_page;
  double cw;            /* a character's width, for indents and short lines */
  GHashTable *running;  /* keys of running headers and footers */
  jd_ocr *ocr;
  gboolean ocr_failed;
} pdf_reader;

static void flush(pdf_reader *r)
{
  if (r->para->len) jd_doc_add(r->doc, r->para->str, "第%d页", r->para_page);
  g_string_truncate(r->para, 0);
}

static void append_line(pdf_reader *r, const pdf_line *l, int page)
{
  if (!r->para->len) {
    r->para_page = page;
    g_string_append_len(r->para, l->s, (gssize)l->len);
    return;
  }
  char last = r->para->str[r->para->len - 1];
  char first = l->s[0];
  if (last == '-' && r->para->len >= 2 && g_ascii_isalpha(r->para->str[r->para->len - 2]) &&
      g_ascii_islower(first))
    g_string_truncate(r->para, r->para->len - 1); /* a hyphenated word */
  else if (g_ascii_isalnum(last) && g_ascii_isalnum(first))
    g_string_append_c(r->para, ' ');
  else if ((last == ',' || last == '.' || last == ';' || last == ':') && g_ascii_isalpha(first))
    g_string_append_c(r->para, ' ');
  g_string_append_len(r->para, l->s, (gssize)l->len);
}

/* Joins a page's lines into paragraphs; the paragraph open at its end may go
 * on on the next page. */
static void read_page_lines(pdf_reader *r, GArray *lines, int page, guint from, guint to,
                            double left, double right)
{
  for (guint i = from; i < to; i++) {
    const pdf_line *l = &g_array_index(lines, pdf_line, i);
    double h = l->y2 - l->y1;
    if (i == from && r->para->len && l->x1 > left + 1.5 * r->cw) flush(r); /* indented */
    if (i > from) {
      const pdf_line *p = &g_array_index(lines, pdf_line, i - 1);
      gboolean indented = l->x1 > left + 1.5 * r->cw;
      gboolean gap = l->y1 - p->y2 > 1.2 * MAX(h, p->y2 - p->y1);
      gboolean same_row = l->y1 < p->y2 - 0.5 * h; /* poppler split one visual line */
      if (!same_row && (indented || gap)) flush(r);
    }
    append_line(r, l, page);
    /* a line that stops well short of the margin ends its paragraph, one that
     * stops a little short (a word or number that did not fit) only when it
     * ends a sentence */
    if (l->x2 < right - 6 * r->cw || (l->x2 < right - 1.5 * r->cw && ends_sentence(l))) flush(r);
  }
}

/* ---- tables ------------------------------------------------------------------ */


/* Adds the segment of box *box and text [start, end) to segs. */
static void push_seg(GArray *segs, const jd_seg *box, const char *start, const char *end)
{
  jd_seg g = *box;
  g.s = start;
  g.len = (gsize)(end - start);
  g_array_append_val(segs, g);
}

/* Cuts line l at gaps wider than 0.8 characters between its characters
 * (spaces aside) into segs; returns how many it added. */
static guint line_segments(const pdf_line *l, const PopplerRectangle *rect, guint n_rect, double cw,
                           GArray *segs)
{
  guint before = segs->len, ci = l->ci;
  const char *start = NULL, *end = NULL;
  jd_seg cur = {NULL, 0, 0, 0, 0, 0};
  gboolean space = FALSE;
  gunichar last = 0;
  for (const char *p = l->s; p < l->s + l->len; p = g_utf8_next_char(p), ci++) {
    gunichar ch = g_utf8_get_char(p);
    if (g_unichar_isspace(ch)) space = TRUE;
    if (g_unichar_isspace(ch) || ci >= n_rect) continue;
    const PopplerRectangle *b = &rect[ci];
    double x1 = MIN(b->x1, b->x2), x2 = MAX(b->x1, b->x2);
    /* a wide gap; or a space before a number after a word (抓获犯罪嫌疑人(名) 1,500:
     * a cell its text nearly fills) */
    gboolean number_after_word = space && (g_ascii_isdigit(ch) || ch == '-') && last > 0x7F;
    /* a space poppler saw a gap for, between the cells of a tight table
     * (2022年 2023年), but not inside a date or count (2022 年) */
    gboolean spaced = space && x1 - cur.x2 >= 0.3 * cw &&
                      !(g_ascii_isdigit(last) && g_utf8_strchr("年月日季", -1, ch));
    space = FALSE;
    last = ch == ')' ? 0x80 : ch;
    if (start && (x1 - cur.x2 > MAX(0.8 * cw, 4.0) || number_after_word || spaced)) {
      push_seg(segs, &cur, start, end);
      start = NULL;
    }
    if (!start) {
      start = p;
      cur = (jd_seg){NULL, 0, x1, x2, MIN(b->y1, b->y2), MAX(b->y1, b->y2)};
    }
    end = g_utf8_next_char(p);
    cur.x2 = MAX(cur.x2, x2);
    cur.y1 = MIN(cur.y1, MIN(b->y1, b->y2));
    cur.y2 = MAX(cur.y2, MAX(b->y1, b->y2));
  }
  if (start) push_seg(segs, &cur, start, end);
  return segs->len - before;
}

/* Whether a segment can be a table's cell: short, no sentence's punctuation. */
static gboolean cell_like(const jd_seg *g)
{
  static const char *const marks[] = {"，", "。", "；", "！", "？"};
  if (g_utf8_strlen(g->s, (gssize)g->len) > 30) return FALSE;
  for (size_t k = 0; k < G_N_ELEMENTS(marks); k++)
    if (g_strstr_len(g->s, (gssize)g->len, marks[k])) return FALSE;
  return TRUE;
}

/* The lines [from, *to) that may be a table: a line cut into two cells or more
 * (cell_like), then such lines and one-cell lines beside them (a row's name
 * poppler gives apart from its numbers), into segs. */
static void table_region(GArray *lines, guint from, const PopplerRectangle *rect, guint n_rect,
                         double cw, GArray *segs, guint *to)
{
  *to = from;
  double top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
  for (guint i = from; i < lines->len; i++) {
    const pdf_line *l = &g_array_index(lines, pdf_line, i);
    guint before = segs->len, got = line_segments(l, rect, n_rect, cw, segs);
    gboolean ok = got >= 2 || (got == 1 && i > from && l->y1 < bottom && l->y2 > top);
    for (guint k = before; k < segs->len && ok; k++) ok = cell_like(&g_array_index(segs, jd_seg, k));
    if (!ok) {
      g_array_set_size(segs, before);
      return;
    }
    top = MIN(top, l->y1);
    bottom = MAX(bottom, l->y2);
    *to = i + 1;
  }
}

/* The lines right above the table region [i, to) that are its header (a
 * header's cells are often a line each: 县市, 破获毒品案件(起), 2022年):
 * short, no sentence's punctuation nor a colon, no wider than a line's
 * height and a half above the rows below them; their segments go into segs.
 * Returns the first of them (i when none), not before from. */
static guint header_lines(GArray *lines, guint from, guint i, guint to, const PopplerRectangle *rect,
                          guint n_rect, double cw, GArray *segs)
{
  static const char *const marks[] = {"，", "。", "；", "！", "？", "：", ":"};
  double top = G_MAXDOUBLE;
  for (guint k = i; k < to; k++) top = MIN(top, g_array_index(lines, pdf_line, k).y1);
  const double rows_top = top;
  while (i > from) {
    const pdf_line *l = &g_array_index(lines, pdf_line, i - 1);
    double h = l->y2 - l->y1;
    if (l->y1 > rows_top - 0.5 * h || l->y2 < top - 1.5 * h) break; /* above the rows, close */
    if (g_utf8_strlen(l->s, (gssize)l->len) > 20) break;
    gboolean punct = FALSE;
    for (size_t k = 0; k < G_N_ELEMENTS(marks) && !punct; k++)
      punct = g_strstr_len(l->s, (gssize)l->len, marks[k]) != NULL;
    if (punct) break;
    line_segments(l, rect, n_rect, cw, segs);
    top = MIN(top, l->y1);
    i--;
  }
  return i;
}

/* A page's lines: runs that are a grid of figures become a table (its cells
 * stated with their headers, doc-table.c), the rest joins into paragraphs. */
static void read_page_body(pdf_reader *r, GArray *lines, const PopplerRectangle *rect, guint n_rect,
                           int page)
{
  double left = G_MAXDOUBLE, right = -G_MAXDOUBLE;
  for (guint i = 0; i < lines->len; i++) {
    const pdf_line *l = &g_array_index(lines, pdf_line, i);
    left = MIN(left, l->x1);
    right = MAX(right, l->x2);
  }
  GArray *segs = g_array_new(FALSE, FALSE, sizeof(jd_seg));
  guint prose = 0;
  for (guint i = 0; i < lines->len;) {
    guint to;
    g_array_set_size(segs, 0);
    table_region(lines, i, rect, n_rect, r->cw, segs, &to);
    guint from = to > i ? header_lines(lines, prose, i, to, rect, n_rect, r->cw, segs) : i;
    double top = 0;
    jd_table *t = to > i && to - from >= 2 ? jd_table_from_segments(segs, NULL, &top) : NULL;
    if (!t) {
      i++;
      continue;
    }
    /* lines above the table's first row (a caption) are prose */
    while (from < i && g_array_index(lines, pdf_line, from).y2 <= top) from++;
    read_page_lines(r, lines, page, prose, from, left, right);
    flush(r);
    jd_table_finish(t, r->doc);
    jd_table_free(t);
    prose = i = to;
  }
  read_page_lines(r, lines, page, prose, lines->len, left, right);
  g_array_unref(segs);
}

/* Characters' typical width on a page (the median of CJK-sized boxes). */
static double char_width(const PopplerRectangle *rect, guint n)
{
  if (!n) return 10;
  GArray *w = g_array_new(FALSE, FALSE, sizeof(double));
  for (guint i = 0; i < n; i++) {
    double x = fabs(rect[i].x2 - rect[i].x1);
    if (x > 1) g_array_append_val(w, x);
  }
  double m = 10;
  if (w->len) {
    double *d = (double *)w->data;
    for (guint i = 1; i < w->len; i++) /* insertion sort: pages have a few thousand */
      for (guint j = i; j > 0 && d[j - 1] > d[j]; j--) {
        double t = d[j];
        d[j] = d[j - 1];
        d[j - 1] = t;
      }
    m = d[w->len * 3 / 4];
  }
  g_array_unref(w);
  return m;
}

/* Drops running headers/footers and page numbers from the first and last two lines. */
static void drop_running(pdf_reader *r, GArray *lines)
{
  double top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
  for (guint i = 0; i < lines->len; i++) {
    top = MIN(top, g_array_index(lines, pdf_line, i).y1);
    bottom = MAX(bottom, g_array_index(lines, pdf_line, i).y2);
  }
  for (guint i = lines->len; i-- > 0;) {
    if (i >= 2 && i + 2 < lines->len) continue;
    pdf_line *l = &g_array_index(lines, pdf_line, i);
    g_autofree char *k = line_key(l, i < 2);
    /* a page number stands at the page's top or foot, not inside its text (a
     * table's 29 that poppler gives on a line of its own) */
    double edge = 0.15 * (bottom - top);
    gboolean at_edge = l->y2 <= top + edge || l->y1 >= bottom - edge;
    if ((at_edge && is_page_number(l)) || (k && r->running && g_hash_table_contains(r->running, k)))
      g_array_remove_index(lines, i);
  }
}

/* Keys of lines among the first or last two of a page that recur on half the
 * pages or more (at least two). */
static GHashTable *find_running(PopplerDocument *pd, int pages, GPtrArray *texts)
{
  GHashTable *count = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (int i = 0; i < pages; i++) {
    PopplerPage *pg = poppler_document_get_page(pd, i);
    char *text = pg ? poppler_page_get_text(pg) : NULL;
    g_ptr_array_add(texts, text); /* kept for the second pass */
    if (!pg) continue;
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GArray *lines = page_lines(text ? text : "", NULL, 0);
    for (guint k = 0; k < lines->len; k++) {
      if (k >= 2 && k + 2 < lines->len) continue;
      char *key = line_key(&g_array_index(lines, pdf_line, k), k < 2);
      if (!key) continue;
      if (g_hash_table_contains(seen, key)) {
        g_free(key);
        continue;
      }
      g_hash_table_add(seen, key);
      g_hash_table_insert(count, g_strdup(key),
                          GINT_TO_POINTER(GPOINTER_TO_INT(g_hash_table_lookup(count, key)) + 1));
    }
    g_hash_table_unref(seen);
    g_array_unref(lines);
    g_object_unref(pg);
  }
  GHashTable *running = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init(&it, count);
  while (g_hash_table_iter_next(&it, &k, &v))
    if (GPOINTER_TO_INT(v) >= MAX(2, (pages + 1) / 2)) g_hash_table_add(running, g_strdup(k));
  g_hash_table_unref(count);
  return running;
}

/* Draws page pg at OCR_DPI on white and reads it; its paragraphs are added. */
static gboolean ocr_page(pdf_reader *r, PopplerPage *pg, int page, const char *path,
                         GError **error)
{
  if (!r->ocr && !r->ocr_failed) {
    r->ocr = jd_ocr_new(path, error);
    if (!r->ocr) {
      r->ocr_failed = TRUE;
      return FALSE;
    }
  }
  if (!r->ocr) return TRUE;
  double w = 0, h = 0;
  poppler_page_get_size(pg, &w, &h);
  double scale = OCR_DPI / 72.0;
  int iw = (int)ceil(w * scale), ih = (int)ceil(h * scale);
  if (iw <= 0 || ih <= 0 || iw > 20000 || ih > 20000) return TRUE;
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, iw, ih);
  cairo_t *cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  poppler_page_render_for_printing(pg, cr);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  int conf = 0;
  char *text = jd_ocr_page(r->ocr, cairo_image_surface_get_data(s), iw, ih, 4,
                           cairo_image_surface_get_stride(s), (int)OCR_DPI, &conf);
  cairo_surface_destroy(s);
  flush(r);
  if (text) jd_doc_add_ocr_page(r->doc, text, page, conf);
  g_free(text);
  return TRUE;
}

static gboolean read_page(pdf_reader *r, PopplerDocument *pd, int i, const char *text,
                          const char *path, const jd_load_options *o, int *scans, GError **error)
{
  PopplerPage *pg = poppler_document_get_page(pd, i);
  if (!pg) return TRUE;
  PopplerRectangle *rect = NULL;
  guint n_rect = 0;
  gboolean has_text = FALSE;
  for (const char *p = text; p && *p && !has_text; p++) has_text = !g_ascii_isspace(*p);
  gboolean ok = TRUE;
  jd_ocr_mode mode = o ? o->ocr : JD_OCR_AUTO;
  if ((!has_text && mode == JD_OCR_AUTO) || mode == JD_OCR_ALWAYS) {
    ok = ocr_page(r, pg, i + 1, path, error);
  } else if (!has_text) {
    (*scans)++;
  } else if (poppler_page_get_text_layout(pg, &rect, &n_rect)) {
    r->cw = char_width(rect, n_rect);
    GArray *lines = page_lines(text, rect, n_rect);
    drop_running(r, lines);
    read_page_body(r, lines, rect, n_rect, i + 1);
    g_array_unref(lines);
  }
  g_free(rect);
  g_object_unref(pg);
  return ok;
}

gboolean jd_doc_read_pdf(jd_doc *doc, const char *path, const char *data, size_t len,
                         const jd_load_options *o, GError **error)
{
  GError *e = NULL;
  GBytes *bytes = g_bytes_new_static(data, len);
  PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, &e);
  g_bytes_unref(bytes);
  if (!pd) {
    gboolean enc = g_error_matches(e, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED);
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                enc ? "%s: an encrypted PDF (%s) — save a copy without the password (qpdf "
                      "--decrypt --password=PASSWORD in.pdf out.pdf) and give jindu that"
                    : "%s: a damaged PDF (%s) — get a fresh copy or print it to PDF again",
                path, e ? e->message : "unknown error");
    g_clear_error(&e);
    return FALSE;
  }
  int pages = poppler_document_get_n_pages(pd), scans = 0;
  GPtrArray *texts = g_ptr_array_new_with_free_func(g_free);
  pdf_reader r = {doc, g_string_new(NULL), 1, 10, find_running(pd, pages, texts), NULL, FALSE};
  gboolean ok = TRUE;
  for (int i = 0; i < pages && ok; i++)
    ok = read_page(&r, pd, i, texts->pdata[i], path, o, &scans, error);
  g_ptr_array_unref(texts);
  flush(&r);
  if (ok && scans && doc->blocks->len == 0) {
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_OCR,
                "%s: a scanned PDF (%d page%s without a text layer) and --ocr never — run "
                "with --ocr auto to read it with Tesseract",
                path, scans, scans == 1 ? "" : "s");
    ok = FALSE;
  } else if (ok && scans) {
    jd_doc_warn(doc, "%s: %d scanned page%s left unread (--ocr never)", path, scans,
                scans == 1 ? "" : "s");
  }
  jd_ocr_free(r.ocr);
  g_hash_table_unref(r.running);
  g_string_free(r.para, TRUE);
  g_object_unref(pd);
  return ok;
}
