/* The names of metrics, drugs and regions a user may type (catalog.h). */
#include "jindu/catalog.h"

#include <string.h>

#include "jindu/names.h"
#include "util/names-table.h"

G_DEFINE_QUARK(jd-catalog-error-quark, jd_catalog_error)

static void entry_free(gpointer p)
{
  jd_catalog_entry *e = p;
  g_free(e->id);
  g_free(e->name);
  g_strfreev(e->aliases);
  g_free(e->unit);
  g_free(e->kind);
  g_free(e);
}

static jd_catalog_entry *entry_new(GPtrArray *list, GHashTable *by_id, const char *id,
                                   const char *name)
{
  jd_catalog_entry *e = g_new0(jd_catalog_entry, 1);
  e->id = g_strdup(id);
  e->name = g_strdup(name && *name ? name : id);
  e->aliases = g_new0(char *, 1);
  e->unit = g_strdup("");
  e->kind = g_strdup("");
  g_ptr_array_add(list, e);
  g_hash_table_insert(by_id, e->id, e);
  return e;
}

static void add_alias(jd_catalog_entry *e, const char *alias)
{
  if (!alias || !*alias || strcmp(alias, e->id) == 0 || strcmp(alias, e->name) == 0) return;
  for (char **a = e->aliases; *a; a++)
    if (strcmp(*a, alias) == 0) return;
  guint n = g_strv_length(e->aliases);
  e->aliases = g_renew(char *, e->aliases, n + 2);
  e->aliases[n] = g_strdup(alias);
  e->aliases[n + 1] = NULL;
}

/* names.tsv's KIND-alias rows: id, then its aliases. */
static void add_alias_rows(GHashTable *by_id, const char *kind)
{
  size_t n = 0;
  const jd_names_row *const *rows = jd_names_table_rows(kind, &n);
  for (size_t i = 0; i < n; i++) {
    jd_catalog_entry *e = g_hash_table_lookup(by_id, rows[i]->id);
    for (size_t c = 0; e && c < rows[i]->n_columns; c++) add_alias(e, rows[i]->columns[c]);
  }
}

static void append_unit(jd_catalog_entry *e, const char *units)
{
  g_auto(GStrv) list = g_strsplit(units, ",", -1);
  for (char **u = list; *u; u++) {
    if (!**u || strcmp(*u, "*") == 0) continue;
    g_auto(GStrv) have = g_strsplit(e->unit, ",", -1);
    if (g_strv_contains((const char *const *)have, *u)) continue;
    char *joined = *e->unit ? g_strconcat(e->unit, ",", *u, NULL) : g_strdup(*u);
    g_free(e->unit);
    e->unit = joined;
  }
}

static gboolean is_rate_unit(const char *u)
{
  return strcmp(u, "percent") == 0 || strcmp(u, "permille") == 0;
}

static void list_metrics(const jd_lexicon *lx, GPtrArray *list, GHashTable *by_id)
{
  size_t n = 0;
  const jd_names_row *const *rows = jd_names_table_rows("metric", &n);
  for (size_t i = 0; i < n; i++) entry_new(list, by_id, rows[i]->id, jd_names_row_column(rows[i], 0));
  for (size_t i = 0; lx && i < jd_lexicon_get_count(lx, JD_LEX_METRIC); i++) {
    const jd_lex_entry *t = jd_lexicon_get(lx, JD_LEX_METRIC, i);
    if (!strcmp(t->id, "other")) continue; /* a phrase that names no metric */
    jd_catalog_entry *e = g_hash_table_lookup(by_id, t->id);
    if (!e) e = entry_new(list, by_id, t->id, NULL);
    append_unit(e, t->extra);
    /* a phrase names the metric alone (团伙案件): an alias */
    if (t->number == JD_ROLE_PHRASE) add_alias(e, t->surface);
  }
  add_alias_rows(by_id, "metric-alias");
  for (guint i = 0; i < list->len; i++) {
    jd_catalog_entry *e = list->pdata[i];
    g_auto(GStrv) units = g_strsplit(e->unit, ",", -1);
    gboolean rate = units[0] && *units[0];
    for (char **u = units; *u; u++) rate = rate && is_rate_unit(*u);
    g_free(e->kind);
    e->kind = g_strdup(rate ? "rate" : "level");
  }
}

static void list_drugs(const jd_lexicon *lx, GPtrArray *list, GHashTable *by_id)
{
  size_t n = 0;
  const jd_names_row *const *rows = jd_names_table_rows("drug", &n);
  for (size_t i = 0; i < n; i++) entry_new(list, by_id, rows[i]->id, jd_names_row_column(rows[i], 0));
  for (size_t i = 0; lx && i < jd_lexicon_get_count(lx, JD_LEX_DRUG); i++) {
    const jd_lex_entry *d = jd_lexicon_get(lx, JD_LEX_DRUG, i);
    jd_catalog_entry *e = g_hash_table_lookup(by_id, d->id);
    if (!e) e = entry_new(list, by_id, d->id, d->surface);
    add_alias(e, d->surface);
  }
  add_alias_rows(by_id, "drug-alias");
}

static void list_regions(const jd_lexicon *lx, GPtrArray *list, GHashTable *by_id)
{
  for (size_t i = 0; lx && i < jd_lexicon_get_count(lx, JD_LEX_REGION); i++) {
    const jd_lex_entry *r = jd_lexicon_get(lx, JD_LEX_REGION, i);
    if (r->extra && strcmp(r->extra, "implied") == 0) continue; /* not a name of the place */
    jd_catalog_entry *e = g_hash_table_lookup(by_id, r->id);
    if (!e) {
      e = entry_new(list, by_id, r->id, r->id);
      g_free(e->unit);
      e->unit = g_strdup(r->arg);
      g_free(e->kind);
      e->kind = g_strdup(r->parent ? r->parent : "");
    }
    add_alias(e, r->surface);
  }
  add_alias_rows(by_id, "region-alias");
}

GPtrArray *jd_catalog_list(const jd_lexicon *lexicon, jd_catalog_kind kind)
{
  GPtrArray *list = g_ptr_array_new_with_free_func(entry_free);
  GHashTable *by_id = g_hash_table_new(g_str_hash, g_str_equal);
  switch (kind) {
  case JD_CATALOG_METRIC: list_metrics(lexicon, list, by_id); break;
  case JD_CATALOG_DRUG: list_drugs(lexicon, list, by_id); break;
  case JD_CATALOG_REGION: list_regions(lexicon, list, by_id); break;
  }
  g_hash_table_unref(by_id);
  return list;
}

gboolean jd_catalog_entry_matches(const jd_catalog_entry *e, const char *text)
{
  if (strstr(e->id, text) || strstr(e->name, text) || strstr(e->kind, text)) return TRUE;
  for (char **a = e->aliases; *a; a++)
    if (strstr(*a, text)) return TRUE;
  return FALSE;
}

size_t jd_edit_distance(const char *a, const char *b)
{
  glong na = 0, nb = 0;
  gunichar *ua = g_utf8_to_ucs4_fast(a, -1, &na), *ub = g_utf8_to_ucs4_fast(b, -1, &nb);
  if (na < 0 || nb < 0) na = nb = 0; /* not valid UTF-8: nothing to compare */
  size_t *row = g_new0(size_t, (gsize)nb + 1);
  for (glong j = 0; j <= nb; j++) row[j] = (size_t)j;
  for (glong i = 1; i <= na; i++) {
    size_t diag = row[0];
    row[0] = (size_t)i;
    for (glong j = 1; j <= nb; j++) {
      size_t up = row[j];
      size_t best = MIN(row[j] + 1, row[j - 1] + 1);
      row[j] = MIN(best, diag + (ua[i - 1] == ub[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  size_t d = row[nb];
  g_free(row);
  g_free(ua);
  g_free(ub);
  return d;
}

static const char *kind_word(jd_catalog_kind kind)
{
  return kind == JD_CATALOG_METRIC ? "metric" : kind == JD_CATALOG_DRUG ? "drug" : "region";
}

/* How near typed is to an entry: the least distance to its id, name or an
 * alias; a name that holds what was typed (or is held by it) is near. */
static size_t nearness(const jd_catalog_entry *e, const char *typed)
{
  size_t best = jd_edit_distance(typed, e->id);
  const char *names[64];
  size_t n = 0;
  names[n++] = e->name;
  for (char **a = e->aliases; *a && n < G_N_ELEMENTS(names); a++) names[n++] = *a;
  for (size_t i = 0; i < n; i++) {
    size_t d = jd_edit_distance(typed, names[i]);
    if (strstr(names[i], typed) || strstr(typed, names[i])) d = MIN(d, 1);
    best = MIN(best, d);
  }
  return best;
}

typedef struct {
  const jd_catalog_entry *e;
  size_t d;
} candidate;

static int cmp_candidate(gconstpointer a, gconstpointer b)
{
  const candidate *x = a, *y = b;
  return x->d < y->d ? -1 : x->d > y->d ? 1 : 0;
}

/* "unknown metric 'x' — did you mean 破获毒品案件 (cases_solved), …?" */
static void unknown(const GPtrArray *list, jd_catalog_kind kind, const char *typed,
                    GError **error)
{
  GArray *c = g_array_new(FALSE, FALSE, sizeof(candidate));
  size_t len = (size_t)g_utf8_strlen(typed, -1);
  size_t limit = MAX(2, len / 2);
  for (guint i = 0; i < list->len; i++) {
    candidate k = {list->pdata[i], nearness(list->pdata[i], typed)};
    if (k.d <= limit) g_array_append_val(c, k);
  }
  g_array_sort(c, cmp_candidate); /* stable in GLib: the lexicon's order breaks ties */
  GString *s = g_string_new(NULL);
  g_string_printf(s, "unknown %s '%s'", kind_word(kind), typed);
  for (guint i = 0; i < MIN(c->len, 3u); i++) {
    const jd_catalog_entry *e = g_array_index(c, candidate, i).e;
    g_string_append(s, i == 0 ? " — did you mean " : ", ");
    if (strcmp(e->id, e->name) == 0)
      g_string_append(s, e->name);
    else
      g_string_append_printf(s, "%s (%s)", e->name, e->id);
  }
  g_string_append_printf(s, "%s — 'jindu %s' lists them%s", c->len ? "?" : "",
                         kind == JD_CATALOG_REGION ? "regions" : "metrics",
                         kind == JD_CATALOG_DRUG ? " (drugs with --drugs)" : "");
  g_set_error_literal(error, JD_CATALOG_ERROR, JD_CATALOG_ERROR_UNKNOWN, s->str);
  g_string_free(s, TRUE);
  g_array_unref(c);
}

/* A metric's part as the extractor names it (cases_solved_female). */
static gboolean is_metric_part(const GPtrArray *list, const char *typed)
{
  for (guint i = 0; i < list->len; i++) {
    const jd_catalog_entry *e = list->pdata[i];
    size_t n = strlen(e->id);
    if (strncmp(typed, e->id, n) == 0 && typed[n] == '_' && typed[n + 1]) return TRUE;
  }
  return FALSE;
}

static char *resolve_in(const GPtrArray *list, jd_catalog_kind kind, const char *typed,
                        const char *const *present, GError **error)
{
  g_autofree char *t = g_strstrip(g_strdup(typed));
  if (present && g_strv_contains(present, t)) return g_steal_pointer(&t);
  for (guint i = 0; i < list->len; i++) /* ids first, then names, then aliases */
    if (strcmp(((const jd_catalog_entry *)list->pdata[i])->id, t) == 0) return g_steal_pointer(&t);
  for (guint i = 0; i < list->len; i++) {
    const jd_catalog_entry *e = list->pdata[i];
    if (strcmp(e->name, t) == 0) return g_strdup(e->id);
  }
  for (guint i = 0; i < list->len; i++) {
    const jd_catalog_entry *e = list->pdata[i];
    for (char **a = e->aliases; *a; a++)
      if (strcmp(*a, t) == 0) return g_strdup(e->id);
  }
  if (kind == JD_CATALOG_METRIC && is_metric_part(list, t)) return g_steal_pointer(&t);
  unknown(list, kind, t, error);
  return NULL;
}

char *jd_catalog_resolve(const jd_lexicon *lexicon, jd_catalog_kind kind, const char *typed,
                         const char *const *present, GError **error)
{
  GPtrArray *list = jd_catalog_list(lexicon, kind);
  char *id = resolve_in(list, kind, typed, present, error);
  g_ptr_array_unref(list);
  return id;
}

char *jd_catalog_resolve_list(const jd_lexicon *lexicon, jd_catalog_kind kind, const char *typed,
                              const char *const *present, GError **error)
{
  GPtrArray *list = jd_catalog_list(lexicon, kind);
  g_auto(GStrv) parts = g_strsplit(typed, ";", -1);
  GString *out = g_string_new(NULL);
  gboolean ok = TRUE;
  for (char **p = parts; *p && ok; p++) {
    if (!*g_strstrip(*p)) continue;
    char *id = resolve_in(list, kind, *p, present, error);
    ok = id != NULL;
    if (id) g_string_append_printf(out, "%s%s", out->len ? ";" : "", id);
    g_free(id);
  }
  g_ptr_array_unref(list);
  return g_string_free(out, !ok);
}
