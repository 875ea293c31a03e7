/* Reads data/lexicon/names.tsv, the display names of ids, into one table per
 * kind (rows in file order, and an index by id) the first time a name is
 * asked for, under a GOnce so threads can ask at once. */
#include "util/names-table.h"

#include <string.h>

#include "jindu/jindu.h"

typedef struct {
  GPtrArray *rows;  /* jd_names_row*, file order */
  GHashTable *by_id; /* id -> the first row with it */
} kind_table;

typedef struct {
  GHashTable *kinds; /* kind -> kind_table* */
  GStringChunk *strings;
  GError *error;     /* why the table is empty, or NULL */
} names_table;

static kind_table *kind_table_get(names_table *nt, const char *kind)
{
  kind_table *k = g_hash_table_lookup(nt->kinds, kind);
  if (!k) {
    k = g_new0(kind_table, 1);
    k->rows = g_ptr_array_new();
    k->by_id = g_hash_table_new(g_str_hash, g_str_equal);
    g_hash_table_insert(nt->kinds, g_string_chunk_insert_const(nt->strings, kind), k);
  }
  return k;
}

static void add_row(names_table *nt, char **cols, guint n)
{
  jd_names_row *r = g_new0(jd_names_row, 1);
  const char **values = g_new0(const char *, n - 1);
  r->id = g_string_chunk_insert_const(nt->strings, cols[1]);
  for (guint i = 2; i < n; i++)
    values[i - 2] = strcmp(cols[i], "-") == 0 ? "" : g_string_chunk_insert_const(nt->strings, cols[i]);
  r->columns = values;
  r->n_columns = n - 2;
  kind_table *k = kind_table_get(nt, cols[0]);
  g_ptr_array_add(k->rows, r);
  if (!g_hash_table_contains(k->by_id, r->id)) g_hash_table_insert(k->by_id, (char *)r->id, r);
}

static void parse(names_table *nt, const char *path, char *data, GError **error)
{
  if (!g_utf8_validate(data, -1, NULL)) {
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                "%s:1: not UTF-8 — save the table as UTF-8", path);
    return;
  }
  g_auto(GStrv) lines = g_strsplit(data, "\n", -1);
  for (unsigned i = 0; lines[i]; i++) {
    char *l = lines[i];
    size_t len = strlen(l);
    if (len && l[len - 1] == '\r') l[--len] = 0;
    if (!len || l[0] == '#') continue;
    g_auto(GStrv) cols = g_strsplit(l, "\t", -1);
    guint n = g_strv_length(cols);
    if (n < 3 || !*cols[0] || !*cols[1]) {
      g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                  "%s:%u: expected kind, id and a name separated by tabs — fix the row", path,
                  i + 1);
      return;
    }
    add_row(nt, cols, n);
  }
}

static gpointer load(gpointer unused)
{
  (void)unused;
  names_table *nt = g_new0(names_table, 1);
  nt->kinds = g_hash_table_new(g_str_hash, g_str_equal);
  nt->strings = g_string_chunk_new(4096);
  g_autofree char *path = jd_lexicon_path("names.tsv");
  g_autofree char *data = NULL;
  GError *err = NULL;
  if (!g_file_get_contents(path, &data, NULL, &err)) {
    g_set_error(&nt->error, G_FILE_ERROR, err->code,
                "%s: cannot read the display names (%s) — reinstall jindu or set JINDU_DATA_DIR",
                path, err->message);
    g_error_free(err);
  } else {
    parse(nt, path, data, &nt->error);
  }
  return nt;
}

static names_table *table(void)
{
  static GOnce once = G_ONCE_INIT;
  return g_once(&once, load, NULL);
}

/* The rows of kind; none when the file could not be read whole. */
static kind_table *kind_rows(const char *kind)
{
  names_table *nt = table();
  return nt->error ? NULL : g_hash_table_lookup(nt->kinds, kind);
}

gboolean jd_names_table_load(GError **error)
{
  names_table *nt = table();
  if (!nt->error) return TRUE;
  if (error) *error = g_error_copy(nt->error);
  return FALSE;
}

const jd_names_row *jd_names_table_find(const char *kind, const char *id)
{
  if (!kind || !id) return NULL;
  kind_table *k = kind_rows(kind);
  return k ? g_hash_table_lookup(k->by_id, id) : NULL;
}

const jd_names_row *const *jd_names_table_rows(const char *kind, size_t *n)
{
  kind_table *k = kind_rows(kind);
  *n = k ? k->rows->len : 0;
  return k ? (const jd_names_row *const *)k->rows->pdata : NULL;
}

const char *jd_names_row_column(const jd_names_row *row, size_t i)
{
  return row && i < row->n_columns ? row->columns[i] : "";
}
