/* Excel workbooks (.xlsx, OOXML spreadsheets, parsed with libxml2): every
 * worksheet in the workbook's order becomes a table of doc-table.c — its name
 * a paragraph before it when it says something (2023年各县区, not Sheet1),
 * its cells as Excel shows them: shared and inline strings, numbers written
 * back in their shortest exact form, percentages of a percent format as
 * 25.3%, dates of a date format as 2023年6月26日; a merged range is one cell
 * spanning it. Formulas give their cached value; hidden sheets are read too
 * (a figure is a figure). */
#include "text/doc-private.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SHEETS 64
#define MAX_ROWS 4096
#define MAX_COLS 128

static gboolean is(const xmlNode *n, const char *name)
{
  return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* The attribute `name` (any namespace), or NULL; caller frees with xmlFree. */
static xmlChar *attr(xmlNode *n, const char *name)
{
  for (xmlAttr *a = n->properties; a; a = a->next)
    if (!strcmp((const char *)a->name, name)) return xmlNodeGetContent((xmlNode *)a);
  return NULL;
}

static xmlDoc *parse(const char *path, const char *entry, const char *xml, size_t len,
                     GError **error)
{
  xmlDoc *x = xmlReadMemory(xml, (int)MIN(len, (size_t)G_MAXINT), entry, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR |
                                XML_PARSE_HUGE);
  if (!x) {
    const xmlError *e = xmlGetLastError();
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                "%s: %s is not well-formed XML (line %d) — save the workbook again in Excel, "
                "WPS or LibreOffice",
                path, entry, e ? e->line : 0);
  }
  return x;
}

/* The text of a shared or inline string: its t elements, phonetic runs (rPh)
 * left out. */
static void string_text(xmlNode *n, GString *out)
{
  for (xmlNode *c = n->children; c; c = c->next) {
    if (is(c, "rPh") || is(c, "phoneticPr")) continue;
    if (is(c, "t")) {
      xmlChar *s = xmlNodeGetContent(c);
      if (s) g_string_append(out, (const char *)s);
      xmlFree(s);
    } else if (c->type == XML_ELEMENT_NODE) {
      string_text(c, out);
    }
  }
}

typedef struct {
  GPtrArray *strings; /* shared strings */
  GArray *formats;    /* per cell style (s): 0 plain, 1 percent, 2 date */
} book;

static void read_strings(book *b, xmlDoc *x)
{
  xmlNode *root = xmlDocGetRootElement(x);
  for (xmlNode *si = root ? root->children : NULL; si; si = si->next) {
    if (!is(si, "si")) continue;
    GString *s = g_string_new(NULL);
    string_text(si, s);
    g_ptr_array_add(b->strings, g_string_free(s, FALSE));
  }
}

/* What a number format shows: 1 a percentage, 2 a date, 0 the number. */
static int format_kind(int id, const char *code)
{
  if (id == 9 || id == 10) return 1;
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) ||
      (id >= 50 && id <= 58))
    return 2;
  if (!code) return 0;
  gboolean quoted = FALSE, date = FALSE;
  for (const char *p = code; *p; p++) {
    if (*p == '"') quoted = !quoted;
    else if (quoted) continue;
    else if (*p == '\\' && p[1]) p++;
    else if (*p == '[') { /* [Red], [$-804] */
      const char *e = strchr(p, ']');
      if (!e) break;
      p = e;
    } else if (*p == '%') return 1;
    else if (strchr("yYdD", *p) || (*p == 'm' && !date)) date = TRUE;
  }
  return date ? 2 : 0;
}

static void read_styles(book *b, xmlDoc *x)
{
  GHashTable *custom = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
  xmlNode *root = xmlDocGetRootElement(x);
  for (xmlNode *sec = root ? root->children : NULL; sec; sec = sec->next) {
    if (is(sec, "numFmts")) {
      for (xmlNode *f = sec->children; f; f = f->next) {
        if (!is(f, "numFmt")) continue;
        xmlChar *id = attr(f, "numFmtId"), *code = attr(f, "formatCode");
        if (id && code)
          g_hash_table_insert(custom, GINT_TO_POINTER(atoi((const char *)id)),
                              g_strdup((const char *)code));
        xmlFree(id);
        xmlFree(code);
      }
    } else if (is(sec, "cellXfs")) {
      for (xmlNode *xf = sec->children; xf; xf = xf->next) {
        if (!is(xf, "xf")) continue;
        xmlChar *id = attr(xf, "numFmtId");
        int n = id ? atoi((const char *)id) : 0;
        xmlFree(id);
        int k = format_kind(n, g_hash_table_lookup(custom, GINT_TO_POINTER(n)));
        g_array_append_val(b->formats, k);
      }
    }
  }
  g_hash_table_unref(custom);
}

/* "B12" -> column 1, row 11 (from 0); FALSE when it is not a reference. */
static gboolean cell_ref(const char *s, int *col, int *row)
{
  int c = 0, r = 0;
  const char *p = s;
  for (; *p >= 'A' && *p <= 'Z'; p++) {
    c = c * 26 + (*p - 'A' + 1);
    if (c > 16384) return FALSE;
  }
  if (p == s || !g_ascii_isdigit(*p)) return FALSE;
  for (; g_ascii_isdigit(*p); p++) {
    r = r * 10 + (*p - '0');
    if (r > 1048576) return FALSE;
  }
  if (*p) return FALSE;
  *col = c - 1;
  *row = r - 1;
  return TRUE;
}

/* A number as written: the shortest form that reads back to it (0.1+0.2 is
 * 0.3, 1234567 stays 1234567). */
static char *number_text(double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  for (int digits = 1; digits <= 17; digits++) {
    char fmt[8];
    g_snprintf(fmt, sizeof fmt, "%%.%dg", digits);
    g_ascii_formatd(buf, sizeof buf, fmt, v);
    if (g_ascii_strtod(buf, NULL) == v) break;
  }
  if (strchr(buf, 'e')) g_ascii_formatd(buf, sizeof buf, "%.0f", v); /* 1e+06: 1000000 */
  return g_strdup(buf);
}

/* A serial date (days since 1899-12-30) as 2023年6月26日. */
static char *date_text(double v)
{
  if (!(v >= 1 && v < 2958466)) return number_text(v);
  GDate *d = g_date_new_dmy(30, G_DATE_DECEMBER, 1899);
  g_date_add_days(d, (guint)floor(v));
  char *s = g_strdup_printf("%d年%d月%d日", g_date_get_year(d), g_date_get_month(d),
                            g_date_get_day(d));
  g_date_free(d);
  return s;
}

/* The text Excel shows for cell c (a c element). */
static char *cell_text(const book *b, xmlNode *c)
{
  xmlChar *t = attr(c, "t"), *st = attr(c, "s");
  char *out = NULL;
  xmlNode *v = NULL, *is_node = NULL;
  for (xmlNode *k = c->children; k; k = k->next) {
    if (is(k, "v")) v = k;
    else if (is(k, "is")) is_node = k;
  }
  xmlChar *vs = v ? xmlNodeGetContent(v) : NULL;
  const char *type = t ? (const char *)t : "n";
  if (!strcmp(type, "inlineStr") && is_node) {
    GString *s = g_string_new(NULL);
    string_text(is_node, s);
    out = g_string_free(s, FALSE);
  } else if (!vs) {
    out = NULL;
  } else if (!strcmp(type, "s")) {
    char *end = NULL;
    long i = strtol((const char *)vs, &end, 10);
    if (end && !*end && i >= 0 && (guint)i < b->strings->len)
      out = g_strdup(g_ptr_array_index(b->strings, i));
  } else if (!strcmp(type, "n")) {
    char *end = NULL;
    double d = g_ascii_strtod((const char *)vs, &end);
    int kind = 0;
    long si = st ? strtol((const char *)st, NULL, 10) : 0;
    if (si >= 0 && (guint)si < b->formats->len) kind = g_array_index(b->formats, int, si);
    if (!end || *end || !isfinite(d)) out = g_strdup((const char *)vs);
    else if (kind == 1) {
      g_autofree char *n = number_text(round(d * 100 * 1e9) / 1e9);
      out = g_strconcat(n, "%", NULL);
    } else if (kind == 2) out = date_text(d);
    else out = number_text(d);
  } else if (!strcmp(type, "b")) {
    out = g_strdup(vs[0] == '1' ? "是" : "否");
  } else {
    out = g_strdup((const char *)vs); /* str (a formula's text), e (#DIV/0!) */
  }
  xmlFree(vs);
  xmlFree(t);
  xmlFree(st);
  return out;
}

typedef struct {
  int rows, cols;
  char **text;  /* rows × cols, NULL for an empty cell */
  int *span;    /* per cell: columns and rows it spans (packed col | row << 16); -1 covered */
} sheet_grid;

static char **slot(sheet_grid *g, int r, int c) { return &g->text[(size_t)r * MAX_COLS + (size_t)c]; }

static void read_merges(sheet_grid *g, xmlNode *n)
{
  for (xmlNode *m = n->children; m; m = m->next) {
    if (!is(m, "mergeCell")) continue;
    xmlChar *ref = attr(m, "ref");
    char **parts = ref ? g_strsplit((const char *)ref, ":", 2) : NULL;
    int c1, r1, c2, r2;
    if (parts && parts[0] && parts[1] && cell_ref(parts[0], &c1, &r1) &&
        cell_ref(parts[1], &c2, &r2) && r1 < MAX_ROWS && c1 < MAX_COLS && r2 >= r1 && c2 >= c1) {
      r2 = MIN(r2, MAX_ROWS - 1);
      c2 = MIN(c2, MAX_COLS - 1);
      for (int r = r1; r <= r2; r++)
        for (int c = c1; c <= c2; c++)
          if (r != r1 || c != c1) g->span[(size_t)r * MAX_COLS + (size_t)c] = -1;
      g->span[(size_t)r1 * MAX_COLS + (size_t)c1] = (c2 - c1 + 1) | ((r2 - r1 + 1) << 16);
      g->rows = MAX(g->rows, r2 + 1);
      g->cols = MAX(g->cols, c2 + 1);
    }
    g_strfreev(parts);
    xmlFree(ref);
  }
}

static void read_cells(const book *b, sheet_grid *g, xmlNode *data)
{
  int next_row = 0;
  for (xmlNode *row = data->children; row; row = row->next) {
    if (!is(row, "row")) continue;
    xmlChar *rr = attr(row, "r");
    int r = rr ? atoi((const char *)rr) - 1 : next_row;
    xmlFree(rr);
    next_row = r + 1;
    if (r < 0 || r >= MAX_ROWS) continue;
    int next_col = 0;
    for (xmlNode *c = row->children; c; c = c->next) {
      if (!is(c, "c")) continue;
      xmlChar *ref = attr(c, "r");
      int col = next_col, rr2;
      if (ref && !cell_ref((const char *)ref, &col, &rr2)) col = next_col;
      xmlFree(ref);
      next_col = col + 1;
      if (col < 0 || col >= MAX_COLS) continue;
      char *s = cell_text(b, c);
      if (!s) continue;
      g_strstrip(s);
      if (!*s) {
        g_free(s);
        continue;
      }
      g_free(*slot(g, r, col));
      *slot(g, r, col) = s;
      g->rows = MAX(g->rows, r + 1);
      g->cols = MAX(g->cols, col + 1);
    }
  }
}

static void read_sheet(const book *b, jd_doc *doc, const char *name, xmlDoc *x)
{
  sheet_grid g = {0, 0, g_new0(char *, (size_t)MAX_ROWS * MAX_COLS),
                  g_new0(int, (size_t)MAX_ROWS * MAX_COLS)};
  xmlNode *root = xmlDocGetRootElement(x);
  for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
    if (is(n, "sheetData")) read_cells(b, &g, n);
    else if (is(n, "mergeCells")) read_merges(&g, n);
  }
  gboolean any = FALSE;
  for (size_t i = 0; i < (size_t)g.rows * MAX_COLS && !any; i++) any = g.text[i] != NULL;
  if (any) {
    jd_doc_add_sheet_name(doc, name);
    jd_table *t = jd_table_new();
    for (int r = 0; r < g.rows; r++) {
      gboolean blank = TRUE;
      for (int c = 0; c < g.cols && blank; c++) blank = !*slot(&g, r, c) && !g.span[(size_t)r * MAX_COLS + (size_t)c];
      if (blank) continue; /* an empty row between blocks of the sheet */
      jd_table_row(t);
      for (int c = 0; c < g.cols; c++) {
        int sp = g.span[(size_t)r * MAX_COLS + (size_t)c];
        if (sp < 0) continue; /* covered by a merged cell: the merged one fills it */
        const char *s = *slot(&g, r, c);
        jd_table_cell(t, s ? s : "", sp ? (sp & 0xFFFF) : 1, sp ? (sp >> 16) : 1, FALSE);
      }
    }
    jd_table_finish(t, doc);
    jd_table_free(t);
  }
  for (size_t i = 0; i < (size_t)MAX_ROWS * MAX_COLS; i++) g_free(g.text[i]);
  g_free(g.text);
  g_free(g.span);
}

/* The worksheets' names and entries in the workbook's order. */
static void sheet_list(xmlDoc *wb, xmlDoc *rels, GPtrArray *names, GPtrArray *entries)
{
  GHashTable *target = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  xmlNode *rr = rels ? xmlDocGetRootElement(rels) : NULL;
  for (xmlNode *r = rr ? rr->children : NULL; r; r = r->next) {
    if (!is(r, "Relationship")) continue;
    xmlChar *id = attr(r, "Id"), *t = attr(r, "Target");
    if (id && t) {
      const char *tt = (const char *)t;
      char *full = tt[0] == '/' ? g_strdup(tt + 1) : g_strconcat("xl/", tt, NULL);
      g_hash_table_insert(target, g_strdup((const char *)id), full);
    }
    xmlFree(id);
    xmlFree(t);
  }
  xmlNode *root = xmlDocGetRootElement(wb);
  for (xmlNode *sec = root ? root->children : NULL; sec; sec = sec->next) {
    if (!is(sec, "sheets")) continue;
    for (xmlNode *s = sec->children; s && names->len < MAX_SHEETS; s = s->next) {
      if (!is(s, "sheet")) continue;
      xmlChar *name = attr(s, "name"), *id = attr(s, "id");
      const char *entry = id ? g_hash_table_lookup(target, (const char *)id) : NULL;
      g_autofree char *guess = g_strdup_printf("xl/worksheets/sheet%u.xml", names->len + 1);
      g_ptr_array_add(names, g_strdup(name ? (const char *)name : ""));
      g_ptr_array_add(entries, g_strdup(entry ? entry : guess));
      xmlFree(name);
      xmlFree(id);
    }
  }
  g_hash_table_unref(target);
}

/* The shared strings and the cell styles' number formats, when the workbook
 * has them (a workbook of numbers only has no shared strings). */
static void read_book(book *b, const char *path, jd_zip_entry_reader read, void *zip)
{
  size_t n = 0;
  g_autofree char *sxml = read(zip, "xl/sharedStrings.xml", &n, NULL);
  xmlDoc *sx = sxml ? parse(path, "xl/sharedStrings.xml", sxml, n, NULL) : NULL;
  if (sx) read_strings(b, sx);
  xmlFreeDoc(sx);
  g_autofree char *stxml = read(zip, "xl/styles.xml", &n, NULL);
  xmlDoc *stx = stxml ? parse(path, "xl/styles.xml", stxml, n, NULL) : NULL;
  if (stx) read_styles(b, stx);
  xmlFreeDoc(stx);
}

gboolean jd_doc_read_xlsx(jd_doc *doc, const char *path, jd_zip_entry_reader read, void *zip,
                          GError **error)
{
  size_t n = 0;
  g_autofree char *wxml = read(zip, "xl/workbook.xml", &n, error);
  xmlDoc *wb = wxml ? parse(path, "xl/workbook.xml", wxml, n, error) : NULL;
  if (!wb) return FALSE;
  g_autofree char *rxml = read(zip, "xl/_rels/workbook.xml.rels", &n, NULL);
  xmlDoc *rels = rxml ? parse(path, "workbook.xml.rels", rxml, n, NULL) : NULL;
  book b = {g_ptr_array_new_with_free_func(g_free), g_array_new(FALSE, FALSE, sizeof(int))};
  read_book(&b, path, read, zip);
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  GPtrArray *entries = g_ptr_array_new_with_free_func(g_free);
  sheet_list(wb, rels, names, entries);
  for (guint i = 0; i < entries->len; i++) {
    GError *err = NULL;
    g_autofree char *xml = read(zip, entries->pdata[i], &n, &err);
    xmlDoc *x = xml ? parse(path, entries->pdata[i], xml, n, &err) : NULL;
    if (!x) { /* one damaged sheet does not cost the others */
      jd_doc_warn(doc, "worksheet “%s” left out: %s", (char *)names->pdata[i],
                  err ? err->message : "the workbook does not hold it");
      g_clear_error(&err);
      continue;
    }
    read_sheet(&b, doc, names->pdata[i], x);
    xmlFreeDoc(x);
  }
  xmlFreeDoc(wb);
  xmlFreeDoc(rels);
  g_ptr_array_unref(names);
  g_ptr_array_unref(entries);
  g_ptr_array_unref(b.strings);
  g_array_unref(b.formats);
  return TRUE;
}
