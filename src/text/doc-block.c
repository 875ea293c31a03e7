/* The blocks of a document that is not plain text (doc-private.h), and the
 * words its readers look for (data/lexicon/documents.tsv): what every reader
 * shares, below them all. */
#include "text/doc-private.h"

#include <stdarg.h>
#include <string.h>

#include "jindu/jindu.h"

jd_doc *jd_doc_new(const char *format)
{
  jd_doc *d = g_new0(jd_doc, 1);
  d->blocks = g_ptr_array_new();
  d->warnings = g_ptr_array_new_with_free_func(g_free);
  d->format = format;
  return d;
}

void jd_doc_free(jd_doc *d)
{
  if (!d) return;
  for (guint i = 0; i < d->blocks->len; i++) {
    jd_block *b = d->blocks->pdata[i];
    g_free(b->text);
    g_free(b->where);
    g_free(b);
  }
  g_ptr_array_unref(d->blocks);
  g_ptr_array_unref(d->warnings);
  g_free(d->date);
  g_free(d);
}

void jd_doc_add(jd_doc *d, const char *text, const char *where_fmt, ...)
{
  const char *p = text;
  while (*p && (g_ascii_isspace(*p) || !strncmp(p, "\xE3\x80\x80", 3) ||
                !strncmp(p, "\xC2\xA0", 2)))
    p += (guchar)*p == 0xE3 ? 3 : (guchar)*p == 0xC2 ? 2 : 1;
  if (!*p) return;
  jd_block *b = g_new0(jd_block, 1);
  b->text = g_strdup(text);
  va_list ap;
  va_start(ap, where_fmt);
  b->where = g_strdup_vprintf(where_fmt, ap);
  va_end(ap);
  g_ptr_array_add(d->blocks, b);
}

void jd_doc_warn(jd_doc *d, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  g_ptr_array_add(d->warnings, g_strdup_vprintf(fmt, ap));
  va_end(ap);
}

/* ---- words ---------------------------------------------------------------------- */

/* kind -> NULL-terminated char** */
static gpointer words_init(gpointer unused)
{
  (void)unused;
  GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
  g_autofree char *path = jd_data_path("data/lexicon/documents.tsv");
  g_autofree char *text = NULL;
  if (!g_file_get_contents(path, &text, NULL, NULL)) return h;
  GHashTable *lists = g_hash_table_new(g_str_hash, g_str_equal);
  char **lines = g_strsplit(text, "\n", -1);
  for (int i = 0; lines[i]; i++) {
    char *l = g_strchomp(lines[i]);
    if (!*l || *l == '#') continue;
    char **f = g_strsplit(l, "\t", 3);
    if (f[0] && f[1] && *f[1]) {
      GPtrArray *a = g_hash_table_lookup(lists, f[0]);
      if (!a) {
        a = g_ptr_array_new();
        g_hash_table_insert(lists, g_strdup(f[0]), a);
      }
      g_ptr_array_add(a, g_strdup(f[1]));
    }
    g_strfreev(f);
  }
  g_strfreev(lines);
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init(&it, lists);
  while (g_hash_table_iter_next(&it, &k, &v)) {
    g_ptr_array_add(v, NULL);
    g_hash_table_insert(h, k, g_ptr_array_free(v, FALSE));
  }
  g_hash_table_unref(lists);
  return h;
}

const char *const *jd_doc_words(const char *kind)
{
  static GOnce once = G_ONCE_INIT;
  static const char *const none[] = {NULL};
  GHashTable *h = g_once(&once, words_init, NULL);
  const char *const *w = g_hash_table_lookup(h, kind);
  return w ? w : none;
}

gboolean jd_doc_has_word(const char *kind, const char *s)
{
  for (const char *const *w = jd_doc_words(kind); *w; w++)
    if (strstr(s, *w)) return TRUE;
  return FALSE;
}

