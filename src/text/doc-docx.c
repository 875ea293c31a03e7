/* Word's OOXML body (word/document.xml, parsed with libxml2): paragraphs and
 * headings in order (w:p; a line break w:br ends a paragraph's block), text of
 * the current revision only (w:t, not w:delText or field codes), content
 * controls opened, and tables (w:tbl) with their merged cells — w:gridSpan
 * across, w:vMerge down — handed to doc-table.c. */
#include "text/doc-private.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

static gboolean is(const xmlNode *n, const char *name)
{
  return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* The w:val attribute (namespaced or not), or NULL; caller frees with xmlFree. */
static xmlChar *val_of(xmlNode *n)
{
  for (xmlAttr *a = n->properties; a; a = a->next)
    if (!strcmp((const char *)a->name, "val")) return xmlNodeGetContent((xmlNode *)a);
  return NULL;
}

typedef struct {
  jd_doc *doc;
  int para;        /* paragraphs so far, for 第N段 */
  GString *text;   /* the paragraph being read */
  gboolean in_cell;/* inside a table cell: breaks are spaces, no blocks */
  jd_tab_run tabs; /* paragraphs typed with tab stops, in a row */
} docx_reader;

static void flush(docx_reader *r)
{
  if (r->in_cell) return;
  if (r->text->len) {
    g_autofree char *where = g_strdup_printf("第%d段", r->para);
    jd_tab_run_add(&r->tabs, r->doc, r->text->str, where, strchr(r->text->str, '\t') != NULL);
  }
  g_string_truncate(r->text, 0);
}

/* The text of a run container (a paragraph, a hyperlink, a smart tag …). */
static void read_runs(docx_reader *r, xmlNode *n)
{
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is(c, "t")) {
      xmlChar *s = xmlNodeGetContent(c);
      if (s) g_string_append(r->text, (const char *)s);
      xmlFree(s);
    } else if (is(c, "tab") && !is(n, "tabs")) {
      /* a tab stop, kept: never a thousands separator (150\t130 is two numbers) */
      g_string_append_c(r->text, r->in_cell ? ' ' : '\t');
    } else if (is(c, "br") || is(c, "cr")) {
      if (r->in_cell) g_string_append_c(r->text, ' ');
      else flush(r);
    } else if (is(c, "noBreakHyphen")) {
      g_string_append_c(r->text, '-');
    } else if (is(c, "del") || is(c, "delText") || is(c, "instrText") || is(c, "pPr") ||
               is(c, "rPr") || is(c, "footnoteReference") || is(c, "commentReference")) {
      continue;
    } else {
      read_runs(r, c); /* w:r, w:hyperlink, w:ins, w:smartTag, w:fldSimple, w:sdtContent … */
    }
  }
}

static void read_body(docx_reader *r, xmlNode *n);

/* A table: rows of cells with their spans; nested tables give their text. */
static void read_table(docx_reader *r, xmlNode *tbl)
{
  jd_table *t = jd_table_new();
  gboolean outer_cell = r->in_cell;
  GString *outer = r->text;
  for (xmlNode *tr = tbl->children; tr; tr = tr->next) {
    if (!is(tr, "tr")) continue;
    jd_table_row(t);
    for (xmlNode *tc = tr->children; tc; tc = tc->next) {
      if (!is(tc, "tc")) continue;
      int span = 1;
      gboolean cont = FALSE;
      for (xmlNode *p = tc->children; p; p = p->next) {
        if (!is(p, "tcPr")) continue;
        for (xmlNode *q = p->children; q; q = q->next) {
          xmlChar *v = (is(q, "gridSpan") || is(q, "vMerge")) ? val_of(q) : NULL;
          if (is(q, "gridSpan") && v) span = CLAMP(atoi((const char *)v), 1, 64);
          if (is(q, "vMerge")) cont = !v || strcmp((const char *)v, "restart") != 0;
          xmlFree(v);
        }
      }
      r->text = g_string_new(NULL);
      r->in_cell = TRUE;
      read_body(r, tc);
      jd_table_cell(t, r->text->str, span, 1, cont);
      g_string_free(r->text, TRUE);
    }
  }
  r->text = outer;
  r->in_cell = outer_cell;
  if (r->in_cell) {
    jd_table_free(t); /* a table inside a cell: its text is the cell's */
    return;
  }
  jd_table_finish(t, r->doc);
  jd_table_free(t);
}

static void read_body(docx_reader *r, xmlNode *n)
{
  for (xmlNode *c = n->children; c; c = c->next) {
    if (is(c, "p")) {
      if (r->in_cell) {
        if (r->text->len) g_string_append_c(r->text, ' ');
        read_runs(r, c);
        continue;
      }
      r->para++;
      read_runs(r, c);
      flush(r);
    } else if (is(c, "tbl")) {
      if (r->in_cell) {
        read_body(r, c);
        continue;
      }
      jd_tab_run_end(&r->tabs, r->doc);
      read_table(r, c);
    } else if (is(c, "sdt") || is(c, "sdtContent") || is(c, "customXml") || is(c, "ins") ||
               (r->in_cell && (is(c, "tr") || is(c, "tc")))) {
      read_body(r, c);
    }
  }
}

gboolean jd_doc_read_docx_xml(jd_doc *doc, const char *path, const char *xml, size_t len,
                              GError **error)
{
  xmlDoc *x = xmlReadMemory(xml, (int)MIN(len, (size_t)G_MAXINT), "document.xml", NULL,
                            XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR |
                                XML_PARSE_HUGE);
  if (!x) {
    const xmlError *e = xmlGetLastError();
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                "%s: word/document.xml is not well-formed XML (line %d) — save the document "
                "again in Word, WPS or LibreOffice",
                path, e ? e->line : 0);
    return FALSE;
  }
  xmlNode *root = xmlDocGetRootElement(x);
  xmlNode *body = NULL;
  for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
    if (is(c, "body")) body = c;
  docx_reader r = {doc, 0, g_string_new(NULL), FALSE, {NULL, NULL}};
  jd_tab_run_init(&r.tabs);
  if (body) read_body(&r, body);
  jd_tab_run_end(&r.tabs, doc);
  jd_tab_run_clear(&r.tabs);
  g_string_free(r.text, TRUE);
  xmlFreeDoc(x);
  return TRUE;
}
