/* OpenDocument text (content.xml of an .odt, parsed with libxml2): headings
 * (text:h), paragraphs (text:p) in lists and sections, spaces and tabs as
 * written (text:s, text:tab), line breaks ending a block, notes left out, and
 * tables with their spanned cells (the covered cells that ODF writes are
 * skipped: the spanning cell fills them in doc-table.c). */
#include "text/doc-private.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

static gboolean is(const xmlNode *n, const char *name)
{
  return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* An integer attribute by local name, or def. */
static int int_attr(xmlNode *n, const char *name, int def)
{
  for (xmlAttr *a = n->properties; a; a = a->next) {
    if (strcmp((const char *)a->name, name) != 0) continue;
    xmlChar *v = xmlNodeGetContent((xmlNode *)a);
    int k = v ? atoi((const char *)v) : def;
    xmlFree(v);
    return k > 0 ? k : def;
  }
  return def;
}

typedef struct {
  jd_doc *doc;
  int para;
  GString *text;
  gboolean in_cell;
  jd_tab_run tabs; /* paragraphs typed with tab stops, in a row */
} odt_reader;

static void flush(odt_reader *r)
{
  if (r->in_cell) return;
  if (r->text->len) {
    g_autofree char *where = g_strdup_printf("第%d段", r->para);
    jd_tab_run_add(&r->tabs, r->doc, r->text->str, where, strchr(r->text->str, '\t') != NULL);
  }
  g_string_truncate(r->text, 0);
}

static void read_inline(odt_reader *r, xmlNode *n)
{
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content) g_string_append(r->text, (const char *)c->content);
    } else if (is(c, "s")) {
      int k = MIN(int_attr(c, "c", 1), 64);
      for (int i = 0; i < k; i++) g_string_append_c(r->text, ' ');
    } else if (is(c, "tab")) {
      /* a tab stop, kept: never a thousands separator (150\t130 is two numbers) */
      g_string_append_c(r->text, r->in_cell ? ' ' : '\t');
    } else if (is(c, "line-break")) {
      if (r->in_cell) g_string_append_c(r->text, ' ');
      else flush(r);
    } else if (is(c, "note") || is(c, "annotation") || is(c, "tracked-changes") ||
               is(c, "deletion")) {
      continue;
    } else if (c->type == XML_ELEMENT_NODE) {
      read_inline(r, c); /* text:span, text:a, text:bookmark … */
    }
  }
}

static void read_block(odt_reader *r, xmlNode *n);

static void read_cell(odt_reader *r, jd_table *t, xmlNode *cell)
{
  int span = MIN(int_attr(cell, "number-columns-spanned", 1), 64);
  int rows = MIN(int_attr(cell, "number-rows-spanned", 1), 1024);
  int repeat = MIN(int_attr(cell, "number-columns-repeated", 1), 64);
  GString *outer = r->text;
  r->text = g_string_new(NULL);
  read_block(r, cell);
  for (int i = 0; i < repeat; i++) jd_table_cell(t, r->text->str, span, rows, FALSE);
  g_string_free(r->text, TRUE);
  r->text = outer;
}

static void read_rows(odt_reader *r, jd_table *t, xmlNode *n)
{
  for (xmlNode *row = n->children; row; row = row->next) {
    if (is(row, "table-header-rows") || is(row, "table-rows") || is(row, "table-row-group")) {
      read_rows(r, t, row);
      continue;
    }
    if (!is(row, "table-row")) continue;
    jd_table_row(t);
    for (xmlNode *cell = row->children; cell; cell = cell->next)
      if (is(cell, "table-cell")) read_cell(r, t, cell);
  }
}

static void read_table(odt_reader *r, xmlNode *n)
{
  if (r->in_cell) { /* a table inside a cell: its text is the cell's */
    read_block(r, n);
    return;
  }
  if (!strcmp(r->doc->format, "ods")) { /* a spreadsheet's sheet: its name */
    xmlChar *name = NULL;
    for (xmlAttr *a = n->properties; a && !name; a = a->next)
      if (!strcmp((const char *)a->name, "name")) name = xmlNodeGetContent((xmlNode *)a);
    if (name) jd_doc_add_sheet_name(r->doc, (const char *)name);
    xmlFree(name);
  }
  jd_table *t = jd_table_new();
  r->in_cell = TRUE;
  read_rows(r, t, n);
  r->in_cell = FALSE;
  jd_table_finish(t, r->doc);
  jd_table_free(t);
}

static void read_block(odt_reader *r, xmlNode *n)
{
  for (xmlNode *c = n->children; c; c = c->next) {
    if (is(c, "p") || is(c, "h")) {
      if (r->in_cell) {
        if (r->text->len) g_string_append_c(r->text, ' ');
        read_inline(r, c);
        continue;
      }
      r->para++;
      read_inline(r, c);
      flush(r);
    } else if (is(c, "table")) {
      jd_tab_run_end(&r->tabs, r->doc);
      read_table(r, c);
    } else if (is(c, "table-row") || is(c, "table-cell") || is(c, "table-rows") ||
               is(c, "table-header-rows")) {
      if (r->in_cell) read_block(r, c);
    } else if (is(c, "list") || is(c, "list-item") || is(c, "list-header") || is(c, "section") ||
               is(c, "text") || is(c, "body") || is(c, "frame") || is(c, "text-box") ||
               is(c, "spreadsheet")) {
      read_block(r, c);
    }
  }
}

gboolean jd_doc_read_odt_xml(jd_doc *doc, const char *path, const char *xml, size_t len,
                             GError **error)
{
  xmlDoc *x = xmlReadMemory(xml, (int)MIN(len, (size_t)G_MAXINT), "content.xml", NULL,
                            XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR |
                                XML_PARSE_HUGE);
  if (!x) {
    const xmlError *e = xmlGetLastError();
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                "%s: content.xml is not well-formed XML (line %d) — save the document again in "
                "LibreOffice or WPS",
                path, e ? e->line : 0);
    return FALSE;
  }
  xmlNode *root = xmlDocGetRootElement(x);
  odt_reader r = {doc, 0, g_string_new(NULL), FALSE, {NULL, NULL}};
  jd_tab_run_init(&r.tabs);
  for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
    if (is(c, "body")) read_block(&r, c);
  jd_tab_run_end(&r.tabs, doc);
  jd_tab_run_clear(&r.tabs);
  g_string_free(r.text, TRUE);
  xmlFreeDoc(x);
  return TRUE;
}
