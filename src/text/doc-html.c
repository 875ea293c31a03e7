/* Web pages (libxml2's HTML parser): the main content only, its publication
 * date, and its tables.
 *  - Encoding: UTF-8 when the bytes are UTF-8, else Big5 when the page says
 *    so, else GB18030 (which covers the GB2312 and GBK that government sites
 *    declare).
 *  - Main content: every element with text of its own gives that text's
 *    length to itself, its parent and half to its grandparent; the element
 *    with the highest score (a table counting as one block of its parent's),
 *    lowered by its share of link text and raised or
 *    lowered by the words of its id and class (data/lexicon/documents.tsv,
 *    "content" and "chrome"), holds the article. Scripts, styles, forms and
 *    navigation never count; short lines of page furniture (上一篇, 打印本页:
 *    "drop") are left out.
 *  - The title (the page's <h1>, else its <title> without the site's name)
 *    comes first when the content does not hold it.
 *  - Date: a <meta> date ("meta_date" names) or the first date after a date
 *    word ("date": 发布时间, 发布日期 …) anywhere on the page; the reader gives
 *    it as a header line for the extractor (jd_reader_get_date). */
#include "text/doc-private.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

static gboolean is(const xmlNode *n, const char *name)
{
  return n && n->type == XML_ELEMENT_NODE && !g_ascii_strcasecmp((const char *)n->name, name);
}

static gboolean is_any(const xmlNode *n, const char *const *names)
{
  for (; *names; names++)
    if (is(n, *names)) return TRUE;
  return FALSE;
}

static const char *const skipped[] = {"script", "style", "noscript", "iframe", "form", "select",
                                      "button", "nav",   "head",     "svg",    "object", "template",
                                      "textarea", NULL};
static const char *const inlines[] = {"a", "span", "font", "strong", "b", "em", "i", "u", "sub",
                                      "sup", "small", "big", "label", "abbr", "cite", "code",
                                      "img", "ins", "mark", "q", "s", "strike", "var", NULL};

static gboolean skip(const xmlNode *n)
{
  return n->type == XML_COMMENT_NODE || is_any(n, skipped);
}

/* Length of text in characters, a CJK character counting 1, ASCII 1/3. */
static double text_weight(const char *s)
{
  double w = 0;
  for (const guchar *p = (const guchar *)s; *p; p++) {
    if (*p >= 0xC0) w += 1;
    else if (*p < 0x80 && !g_ascii_isspace(*p)) w += 1.0 / 3;
  }
  return w;
}

/* Text and link text under n (not in skipped elements). */
static void weigh(const xmlNode *n, double *text, double *links, gboolean in_link)
{
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE && c->content) {
      double w = text_weight((const char *)c->content);
      *text += w;
      if (in_link) *links += w;
    } else if (c->type == XML_ELEMENT_NODE && !skip(c)) {
      weigh(c, text, links, in_link || is(c, "a"));
    }
  }
}

/* A node's id and class, lower case. */
static char *id_class(xmlNode *n)
{
  xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
  xmlChar *cl = xmlGetProp(n, (const xmlChar *)"class");
  g_autofree char *both = g_strconcat(id ? (char *)id : "", " ", cl ? (char *)cl : "", NULL);
  char *s = g_ascii_strdown(both, -1);
  xmlFree(id);
  xmlFree(cl);
  return s;
}

static gboolean has_any_word(const char *kind, const char *s)
{
  for (const char *const *w = jd_doc_words(kind); *w; w++) {
    g_autofree char *lw = g_ascii_strdown(*w, -1);
    if (*lw && strstr(s, lw)) return TRUE;
  }
  return FALSE;
}

/* Own text of an element: its text nodes and inline children but links. */
static double own_text(const xmlNode *n)
{
  double w = 0;
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE && c->content) w += text_weight((const char *)c->content);
    else if (c->type == XML_ELEMENT_NODE && !skip(c) && !is(c, "a") && is_any(c, inlines))
      w += own_text(c);
  }
  return w;
}

static void score_tree(xmlNode *n, GHashTable *score)
{
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || skip(c)) continue;
    if (!is_any(c, inlines)) {
      /* a table counts as one block of its parent's */
      double t = 0, links = 0;
      if (is(c, "table")) weigh(c, &t, &links, FALSE);
      else t = own_text(c);
      t = MAX(t - links, 0);
      if (t > 0) {
        xmlNode *targets[3] = {is(c, "table") ? NULL : c, c->parent,
                               c->parent ? c->parent->parent : NULL};
        double share[3] = {1, 1, 0.5};
        for (int k = 0; k < 3; k++) {
          if (!targets[k] || targets[k]->type != XML_ELEMENT_NODE) continue;
          double *s = g_hash_table_lookup(score, targets[k]);
          if (!s) {
            s = g_new0(double, 1);
            g_hash_table_insert(score, targets[k], s);
          }
          *s += t * share[k];
        }
      }
    }
    if (!is(c, "table")) score_tree(c, score);
  }
}

static xmlNode *main_content(xmlNode *body)
{
  GHashTable *score = g_hash_table_new_full(NULL, NULL, NULL, g_free);
  score_tree(body, score);
  xmlNode *best = NULL;
  double best_score = 0;
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init(&it, score);
  while (g_hash_table_iter_next(&it, &k, &v)) {
    xmlNode *n = k;
    double s = *(double *)v, text = 0, links = 0;
    weigh(n, &text, &links, FALSE);
    if (text > 0) s *= 1 - links / text;
    g_autofree char *ic = id_class(n);
    if (has_any_word("content", ic)) s *= 2;
    else if (has_any_word("chrome", ic)) s *= 0.2;
    if (s > best_score) {
      best_score = s;
      best = n;
    }
  }
  g_hash_table_unref(score);
  return best ? best : body;
}

/* ---- blocks --------------------------------------------------------------------- */

typedef struct {
  jd_doc *doc;
  GString *text;
  int para;
  gboolean in_cell;
  jd_tab_run tabs; /* paragraphs laid out in columns by spaces, in a row */
} html_reader;

/* text with each run of two spaces or more inside it (&nbsp;&nbsp;, 　) as
 * a tab stop, or NULL when it has none: a table typed with spaces. */
static char *spaced_columns(const char *text)
{
  GString *out = g_string_new(NULL);
  gboolean stops = FALSE;
  for (const char *p = text; *p;) {
    const char *q = p;
    int blanks = 0;
    for (;;) {
      gunichar c = g_utf8_get_char(q);
      if (c != ' ' && c != 0x00A0 && c != 0x3000 && c != '\t') break;
      blanks += c == 0x3000 ? 2 : 1;
      q = g_utf8_next_char(q);
    }
    if (q > p) {
      gboolean inside = p != text && *q;
      if (inside && blanks >= 2) {
        g_string_append_c(out, '\t');
        stops = TRUE;
      } else {
        g_string_append_len(out, p, q - p);
      }
      p = q;
      continue;
    }
    const char *n = g_utf8_next_char(p);
    g_string_append_len(out, p, n - p);
    p = n;
  }
  return g_string_free(out, !stops);
}

static void flush(html_reader *r)
{
  if (r->in_cell) {
    if (r->text->len) g_string_append_c(r->text, ' ');
    return;
  }
  g_strstrip(r->text->str);
  r->text->len = strlen(r->text->str);
  gboolean furniture = r->text->len < 60 && jd_doc_has_word("drop", r->text->str);
  if (r->text->len && !furniture) {
    g_autofree char *columns = spaced_columns(r->text->str);
    g_autofree char *where = g_strdup_printf("第%d段", ++r->para);
    jd_tab_run_add(&r->tabs, r->doc, columns ? columns : r->text->str, where, columns != NULL);
  }
  g_string_truncate(r->text, 0);
}

static void read_nodes(html_reader *r, xmlNode *n);

static void read_table(html_reader *r, xmlNode *n)
{
  jd_table *t = jd_table_new();
  GString *outer = r->text;
  r->in_cell = TRUE;
  GPtrArray *stack = g_ptr_array_new();
  g_ptr_array_add(stack, n);
  /* rows of this table (in thead/tbody/tfoot too), not of nested tables */
  for (guint s = 0; s < stack->len; s++) {
    for (xmlNode *c = ((xmlNode *)stack->pdata[s])->children; c; c = c->next) {
      if (is(c, "thead") || is(c, "tbody") || is(c, "tfoot")) {
        g_ptr_array_add(stack, c);
      } else if (is(c, "tr")) {
        jd_table_row(t);
        for (xmlNode *cell = c->children; cell; cell = cell->next) {
          if (!is(cell, "td") && !is(cell, "th")) continue;
          xmlChar *cs = xmlGetProp(cell, (const xmlChar *)"colspan");
          xmlChar *rs = xmlGetProp(cell, (const xmlChar *)"rowspan");
          r->text = g_string_new(NULL);
          read_nodes(r, cell);
          jd_table_cell(t, r->text->str, cs ? atoi((char *)cs) : 1, rs ? atoi((char *)rs) : 1,
                        FALSE);
          g_string_free(r->text, TRUE);
          xmlFree(cs);
          xmlFree(rs);
        }
      }
    }
  }
  g_ptr_array_unref(stack);
  r->text = outer;
  r->in_cell = FALSE;
  jd_table_finish(t, r->doc);
  jd_table_free(t);
}

static void read_nodes(html_reader *r, xmlNode *n)
{
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content) g_string_append(r->text, (const char *)c->content);
      continue;
    }
    if (c->type != XML_ELEMENT_NODE || skip(c)) continue;
    if (is(c, "br")) {
      flush(r);
    } else if (is(c, "table") && !r->in_cell) {
      flush(r);
      jd_tab_run_end(&r->tabs, r->doc);
      read_table(r, c);
    } else if (is_any(c, inlines)) {
      read_nodes(r, c);
    } else {
      flush(r);
      read_nodes(r, c);
      flush(r);
    }
  }
}

/* ---- title and date --------------------------------------------------------------- */

static xmlNode *find_first(xmlNode *n, const char *name)
{
  for (xmlNode *c = n ? n->children : NULL; c; c = c->next) {
    if (is(c, name)) return c;
    if (c->type == XML_ELEMENT_NODE && !skip(c)) {
      xmlNode *f = find_first(c, name);
      if (f) return f;
    }
  }
  return NULL;
}

static gboolean is_inside(const xmlNode *n, const xmlNode *ancestor)
{
  for (; n; n = n->parent)
    if (n == ancestor) return TRUE;
  return FALSE;
}

/* "2023-06-26" from the first date in s (2023-06-26, 2023年6月26日, 2023/6/26, 2023.06.26). */
static gpointer date_regex(gpointer unused)
{
  (void)unused;
  return g_regex_new("((?:19|20)[0-9]{2})\\s*[-年/.]\\s*([01]?[0-9])\\s*[-月/.]\\s*([0-3]?[0-9])",
                     G_REGEX_OPTIMIZE, 0, NULL);
}

static char *date_in(const char *s)
{
  static GOnce once = G_ONCE_INIT;
  GRegex *re = g_once(&once, date_regex, NULL);
  GMatchInfo *m = NULL;
  char *out = NULL;
  if (g_regex_match(re, s, 0, &m)) {
    g_autofree char *y = g_match_info_fetch(m, 1), *mo = g_match_info_fetch(m, 2),
                    *d = g_match_info_fetch(m, 3);
    int mi = atoi(mo), di = atoi(d);
    if (mi >= 1 && mi <= 12 && di >= 1 && di <= 31) out = g_strdup_printf("%s-%02d-%02d", y, mi, di);
  }
  g_match_info_free(m);
  return out;
}

static char *meta_date(xmlNode *head)
{
  for (xmlNode *c = head ? head->children : NULL; c; c = c->next) {
    if (!is(c, "meta")) continue;
    xmlChar *name = xmlGetProp(c, (const xmlChar *)"name");
    if (!name) name = xmlGetProp(c, (const xmlChar *)"property");
    xmlChar *content = xmlGetProp(c, (const xmlChar *)"content");
    char *d = NULL;
    for (const char *const *w = jd_doc_words("meta_date"); name && content && *w && !d; w++)
      if (!g_ascii_strcasecmp((const char *)name, *w)) d = date_in((const char *)content);
    xmlFree(name);
    xmlFree(content);
    if (d) return d;
  }
  return NULL;
}

/* The first date written after a date word in the page's text. */
static char *stated_date(xmlNode *body)
{
  GString *all = g_string_new(NULL);
  html_reader tmp = {NULL, all, 0, TRUE, {NULL, NULL}}; /* in_cell: flush only adds a space */
  read_nodes(&tmp, body);
  char *out = NULL;
  for (const char *const *w = jd_doc_words("date"); *w && !out; w++)
    for (const char *p = strstr(all->str, *w); p && !out; p = strstr(p + 1, *w)) {
      g_autofree char *window = g_strndup(p + strlen(*w), 40);
      const char *q = window;
      while (*q == ' ' || *q == ':' || !strncmp(q, "：", 3)) q += *q == ' ' || *q == ':' ? 1 : 3;
      if (g_ascii_isdigit(*q)) out = date_in(q);
    }
  g_string_free(all, TRUE);
  return out;
}

static char *title_text(xmlNode *root, xmlNode *body, xmlNode *content)
{
  xmlNode *h1 = find_first(body, "h1");
  if (h1 && is_inside(h1, content)) return NULL;
  if (h1) {
    xmlChar *t = xmlNodeGetContent(h1);
    char *s = g_strstrip(g_strdup(t ? (char *)t : ""));
    xmlFree(t);
    if (*s && strlen(s) < 300) return s;
    g_free(s);
  }
  xmlNode *title = find_first(find_first(root, "head"), "title");
  if (!title) return NULL;
  xmlChar *t = xmlNodeGetContent(title);
  char *s = g_strdup(t ? (char *)t : "");
  xmlFree(t);
  /* the site's name after a separator goes */
  static const char *const seps[] = {" - ", "_", "|", " — ", "－", "——", NULL};
  for (int i = 0; seps[i]; i++) {
    char *p = strstr(s, seps[i]);
    if (p && p > s) *p = '\0';
  }
  return g_strstrip(s);
}

gboolean jd_doc_read_html(jd_doc *doc, const char *path, const char *data, size_t len,
                          GError **error)
{
  const char *enc = "UTF-8";
  if (!g_utf8_validate_len(data, len, NULL)) {
    g_autofree char *head = g_ascii_strdown(data, (gssize)MIN(len, (size_t)4096));
    enc = strstr(head, "charset=big5") || strstr(head, "charset=\"big5") ? "BIG5" : "GB18030";
  }
  htmlDocPtr x = htmlReadMemory(data, (int)MIN(len, (size_t)G_MAXINT), path, enc,
                                HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                    HTML_PARSE_NONET | HTML_PARSE_COMPACT);
  xmlNode *root = x ? xmlDocGetRootElement(x) : NULL;
  if (!root) {
    if (x) xmlFreeDoc(x);
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT,
                "%s: not a readable web page — save the page again from the browser (Save as: "
                "web page, HTML only)",
                path);
    return FALSE;
  }
  xmlNode *head = find_first(root, "head"), *body = find_first(root, "body");
  if (!body) body = root;
  doc->date = meta_date(head);
  if (!doc->date) doc->date = stated_date(body);
  xmlNode *content = main_content(body);
  html_reader r = {doc, g_string_new(NULL), 0, FALSE, {NULL, NULL}};
  jd_tab_run_init(&r.tabs);
  char *title = title_text(root, body, content);
  if (title && *title) jd_doc_add(doc, title, "标题");
  g_free(title);
  read_nodes(&r, content);
  flush(&r);
  jd_tab_run_end(&r.tabs, doc);
  jd_tab_run_clear(&r.tabs);
  g_string_free(r.text, TRUE);
  xmlFreeDoc(x);
  return TRUE;
}
