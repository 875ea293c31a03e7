/* The extraction vocabularies: reads the TSV tables in data/lexicon into tables indexed
 * by their first and last character, so the extractor can ask for the
 * longest entry starting (or ending) at any point of a clause in a couple of
 * hash look-ups. */
#define _GNU_SOURCE /* memmem */
#include "jindu/lexicon.h"

#include <stdlib.h>
#include <string.h>

#include "jindu/jindu.h"
#include "util/charmap.h"
#include "util/find.h"

G_DEFINE_QUARK(jd-lexicon-error-quark, jd_lexicon_error)

typedef struct {
  GPtrArray *entries;  /* jd_lex_entry*, file order */
  GHashTable *by_first; /* gunichar -> GPtrArray of entries, longest first */
  GHashTable *by_last;
  jd_charmap first_map, last_map; /* the same, for jd_lexicon_match (util/charmap.h) */
  guint8 first_bits[8192]; /* characters below U+10000 that start an entry */
  guint8 last_bits[8192];
  guint8 single_bits[8192]; /* characters below U+10000 that are a whole entry */
  guint8 pair_bits[8192];   /* pair_hash of an entry's first two characters */
} lex_table;

/* A bit for two characters (of 65,536): an entry of two or more characters
 * sets the bit of its first two, so that a text whose bit is clear starts
 * with none of them (jd_lexicon_match). */
static inline guint pair_hash(gunichar a, gunichar b)
{
  return jd_lexicon_pair_hash(a, b);
}

/* A cue set's words by their first and by their last character: the head of
 * each list (a character -> 1 + the index of its first word, util/charmap.h)
 * and each word's next of the same character (count: none). A list keeps file
 * order, so the first word of a list that is written at a place is the first
 * word of the set written there. */
struct jd_cue_chains {
  jd_charmap first_head, last_head;
  guint32 *next_first, *next_last;
};

/* numerals.tsv and cues.tsv, at the end of this file */
typedef struct {
  GPtrArray *entries; /* jd_lex_entry*, file order */
  jd_cue_set set;     /* a view of entries */
  struct jd_cue_chains chains;
  guint8 first_bits[8192];
  guint8 last_bits[512]; /* cue_last_hash of the characters that end a word (jd_cue_before) */
} cue_table;

/* A bit of 4,096 for a character that ends a word of a set: small (the sets
 * are many), and a clear bit still says no word ends with the character. */
static inline guint cue_last_hash(gunichar c)
{
  return (c * 2654435761u) >> 20 & 4095u;
}

struct jd_lexicon {
  GPtrArray *files;     /* the tables' bytes, read whole: every string of an entry points
                         * into them (split in place), so loading copies nothing */
  lex_table tables[JD_LEX_N_TABLES];
  jd_numeral_words *numeral_words;
  cue_table cues[JD_CUE_N_SETS];
  int last_cue; /* the set of the last row of cues.tsv read (add_cue) */
};

static gboolean load_numeral_words(jd_lexicon *lx, const char *dir, GError **error);
static gboolean load_cues(jd_lexicon *lx, const char *dir, GError **error);
static void cue_chains_clear(struct jd_cue_chains *ch);

static const char *const table_files[JD_LEX_N_TABLES] = {
    "metrics.tsv", "units.tsv", "counted.tsv", "drugs.tsv",
    "regions.tsv", "periods.tsv", "changes.tsv", "subsets.tsv", "scopes.tsv",
};
static const int table_min_columns[JD_LEX_N_TABLES] = {4, 4, 2, 2, 4, 3, 3, 2, 3};

const char *jd_lex_table_file(jd_lex_table table)
{
  return table < JD_LEX_N_TABLES ? table_files[table] : "";
}

static int by_length_desc(gconstpointer a, gconstpointer b)
{
  const jd_lex_entry *x = *(const jd_lex_entry *const *)a;
  const jd_lex_entry *y = *(const jd_lex_entry *const *)b;
  if (x->len != y->len) return x->len > y->len ? -1 : 1;
  return x->line < y->line ? -1 : (x->line > y->line);
}

static void index_add(GHashTable *index, gunichar c, jd_lex_entry *e)
{
  GPtrArray *list = g_hash_table_lookup(index, GUINT_TO_POINTER(c));
  if (!list) {
    list = g_ptr_array_new();
    g_hash_table_insert(index, GUINT_TO_POINTER(c), list);
  }
  g_ptr_array_add(list, e);
}

static void index_sort(gpointer key, gpointer value, gpointer data)
{
  (void)key;
  (void)data;
  g_ptr_array_sort(value, by_length_desc);
}

static const char *const role_names[] = {"noun", "verb", "phrase"};
static const char *const level_names[] = {"country", "province", "prefecture", "county", "town"};

static gboolean parse_number_column(jd_lex_table t, jd_lex_entry *e, char **cols,
                                    const char *file, unsigned line, GError **error)
{
  switch (t) {
  case JD_LEX_METRIC:
    for (int r = 0; r < 3; r++)
      if (strcmp(e->arg, role_names[r]) == 0) {
        e->number = r;
        return TRUE;
      }
    g_set_error(error, JD_LEXICON_ERROR, JD_LEXICON_ERROR_PARSE,
                "%s:%u: unknown role '%s' — use noun, verb or phrase", file, line, e->arg);
    return FALSE;
  case JD_LEX_REGION:
    for (int l = 0; l < (int)G_N_ELEMENTS(level_names); l++)
      if (strcmp(e->arg, level_names[l]) == 0) {
        e->number = l;
        return TRUE;
      }
    g_set_error(error, JD_LEXICON_ERROR, JD_LEXICON_ERROR_PARSE,
                "%s:%u: unknown level '%s' — use country, province, prefecture, county or town",
                file, line, e->arg);
    return FALSE;
  case JD_LEX_UNIT:
  case JD_LEX_CHANGE: {
    const char *num = t == JD_LEX_UNIT ? cols[2] : cols[1];
    char *end = NULL;
    e->number = g_ascii_strtod(num, &end);
    if (!end || end == num || *end) {
      g_set_error(error, JD_LEXICON_ERROR, JD_LEXICON_ERROR_PARSE,
                  "%s:%u: '%s' is not a number — fix the column", file, line, num);
      return FALSE;
    }
    return TRUE;
  }
  case JD_LEX_PERIOD:
    e->number = g_ascii_strtod(e->arg, NULL);
    return TRUE;
  default:
    e->number = 1;
    return TRUE;
  }
}

static gboolean scope_class_known(const char *c)
{
  static const char *const classes[] = {"channel", "operation", "case",    "subset", "org",
                                        "outside", "suffix",    "subject", "name",   "not_counted"};
  for (size_t i = 0; i < G_N_ELEMENTS(classes); i++)
    if (strcmp(c, classes[i]) == 0) return TRUE;
  return FALSE;
}

/* The columns of one row after its surface, by table (see lexicon.h); FALSE
 * with error set on a value the table does not allow. */
static gboolean fill_columns(jd_lex_table t, jd_lex_entry *e, char **cols,
                             guint nc, const char *path, unsigned i, GError **error)
{
  switch (t) {
  case JD_LEX_METRIC:
    e->id = cols[0];
    e->arg = cols[1];
    e->extra = cols[3];
    /* a fifth column: words one of which must come before the trigger */
    if (nc > 4 && cols[4][0]) e->parent = cols[4];
    break;
  case JD_LEX_UNIT:
    e->id = cols[1];
    e->arg = cols[3];
    e->extra = "";
    break;
  case JD_LEX_REGION:
    e->id = cols[1];
    e->arg = cols[2];
    e->extra = cols[3];
    if (nc > 4) e->parent = cols[4];
    break;
  case JD_LEX_PERIOD:
    e->id = cols[1];
    e->arg = cols[2];
    e->extra = "";
    break;
  case JD_LEX_SUBSET:
    e->id = cols[1];
    e->arg = nc > 2 ? cols[2] : "";
    e->extra = "";
    break;
  case JD_LEX_SCOPE:
    e->id = cols[1];
    e->arg = cols[2];
    e->extra = "";
    if (!scope_class_known(e->arg)) {
      g_set_error(error, JD_LEXICON_ERROR, JD_LEXICON_ERROR_PARSE,
                  "%s:%u: unknown scope class '%s' — use channel, operation, case, subset, org, "
                  "outside, suffix or subject",
                  path, i + 1, e->arg);
      return FALSE;
    }
    break;
  case JD_LEX_CHANGE:
    e->id = cols[2];
    e->arg = "";
    e->extra = "";
    break;
  default:
    e->id = cols[1];
    e->arg = "";
    e->extra = "";
    break;
  }
  return TRUE;
}

/* A lexicon table's bytes (UTF-8, read whole), kept by lx until it is freed,
 * or NULL with error set naming the file. Its lines are split in place with
 * next_line. */
static char *read_table(jd_lexicon *lx, const char *path, GError **error)
{
  char *data = NULL;
  gsize len = 0;
  GError *err = NULL;
  if (!g_file_get_contents(path, &data, &len, &err)) {
    g_set_error(error, JD_LEXICON_ERROR, JD_LEXICON_ERROR_NOT_FOUND,
                "%s: cannot read the lexicon table (%s) — reinstall jindu or set JINDU_DATA_DIR",
                path, err->message);
    g_error_free(err);
    return NULL;
  }
  /* a table is valid UTF-8 as a whole, so is every piece of it cut at a tab,
   * a CR or a newline */
  if (memchr(data, 0, len) || !g_utf8_validate(data, (gssize)len, NULL)) {
    g_set_error(error, JD_LEXICON_ERROR, JD_LEXICON_ERROR_PARSE,
                "%s:1: not UTF-8 — save the table as UTF-8", path);
    g_free(data);
    return NULL;
  }
  g_ptr_array_add(lx->files, data);
  return data;
}

/* The line at *pos, ended in place; *pos moves past it (NULL after the last). */
static char *next_line(char **pos)
{
  char *l = *pos;
  if (!l) return NULL;
  char *nl = strchr(l, '\n');
  if (nl) {
    *nl = 0;
    *pos = nl + 1;
  } else {
    *pos = NULL;
  }
  return l;
}

/* Splits line l at its tabs in place into cols (at most max columns, then
 * NULL); returns how many. No allocation: the tables have thousands of rows. */
static guint split_tabs(char *l, char **cols, guint max)
{
  guint n = 0;
  while (n < max) {
    cols[n++] = l;
    char *tab = strchr(l, '\t');
    if (!tab) break;
    *tab = 0;
    l = tab + 1;
  }
  cols[n] = NULL;
  return n;
}

/* Strips a CR from line l; FALSE for a blank line or a '#' comment. */
static gboolean row_text(char *l)
{
  size_t n = strlen(l);
  if (n && l[n - 1] == '\r') l[--n] = 0;
  return n && l[0] != '#';
}

static gboolean load_table(jd_lexicon *lx, jd_lex_table t, const char *dir, GError **error)
{
  gboolean ok = FALSE;
  char *path = g_build_filename(dir, table_files[t], NULL);
  lex_table *tab = &lx->tables[t];
  char *pos = read_table(lx, path, error);
  if (!pos) goto done;
  char *l;
  for (unsigned i = 0; (l = next_line(&pos)); i++) {
    if (!row_text(l)) continue;
    char *cols[17];
    guint nc = split_tabs(l, cols, 16);
    if ((int)nc < table_min_columns[t] || !*cols[0]) {
      g_set_error(error, JD_LEXICON_ERROR, JD_LEXICON_ERROR_PARSE,
                  "%s:%u: expected %d tab-separated columns, found %u — fix the row", path,
                  i + 1, table_min_columns[t], nc);
      goto done;
    }
    jd_lex_entry *e = g_new0(jd_lex_entry, 1);
    e->line = i + 1;
    e->parent = "";
    /* metrics.tsv lists the id first and the trigger third; every other
     * table starts with the surface form. */
    e->surface = t == JD_LEX_METRIC ? cols[2] : cols[0];
    e->len = strlen(e->surface);
    if (!fill_columns(t, e, cols, nc, path, i, error)) {
      g_free(e);
      goto done;
    }
    gboolean parsed = parse_number_column(t, e, cols, path, i + 1, error);
    if (!parsed || !e->len) {
      if (parsed)
        g_set_error(error, JD_LEXICON_ERROR, JD_LEXICON_ERROR_PARSE,
                    "%s:%u: empty surface form — fix the row", path, i + 1);
      g_free(e);
      goto done;
    }
    g_ptr_array_add(tab->entries, e);
    gunichar fc = g_utf8_get_char(e->surface);
    gunichar lc = g_utf8_get_char(g_utf8_prev_char(e->surface + e->len));
    index_add(tab->by_first, fc, e);
    index_add(tab->by_last, lc, e);
    if (fc < 0x10000) tab->first_bits[fc >> 3] |= (guint8)(1u << (fc & 7));
    else memset(tab->first_bits, 0xFF, sizeof tab->first_bits);
    size_t fl = (size_t)g_utf8_skip[(guchar)e->surface[0]];
    if (fl >= e->len) {
      if (fc < 0x10000) tab->single_bits[fc >> 3] |= (guint8)(1u << (fc & 7));
    } else {
      guint h = pair_hash(fc, g_utf8_get_char(e->surface + fl));
      tab->pair_bits[h >> 3] |= (guint8)(1u << (h & 7));
    }
    if (lc < 0x10000) tab->last_bits[lc >> 3] |= (guint8)(1u << (lc & 7));
    else memset(tab->last_bits, 0xFF, sizeof tab->last_bits);
  }
  g_hash_table_foreach(tab->by_first, index_sort, NULL);
  g_hash_table_foreach(tab->by_last, index_sort, NULL);
  jd_charmap_from_hash(&tab->first_map, tab->by_first);
  jd_charmap_from_hash(&tab->last_map, tab->by_last);
  ok = TRUE;
done:
  g_free(path);
  return ok;
}

jd_lexicon *jd_lexicon_load(const char *dir, GError **error)
{
  char *default_dir = NULL;
  jd_lexicon *lx = g_new0(jd_lexicon, 1);
  lx->files = g_ptr_array_new_with_free_func(g_free);
  for (int t = 0; t < JD_LEX_N_TABLES; t++) {
    lx->tables[t].entries = g_ptr_array_new_with_free_func(g_free);
    lx->tables[t].by_first =
        g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
    lx->tables[t].by_last =
        g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
  }
  for (int c = 0; c < JD_CUE_N_SETS; c++) lx->cues[c].entries = g_ptr_array_new_with_free_func(g_free);
  lx->numeral_words = jd_numeral_words_new();
  if (!dir) dir = default_dir = jd_lexicon_dir();
  gboolean ok = TRUE;
  for (int t = 0; t < JD_LEX_N_TABLES && ok; t++) ok = load_table(lx, (jd_lex_table)t, dir, error);
  ok = ok && load_numeral_words(lx, dir, error) && load_cues(lx, dir, error);
  if (!ok) {
    jd_lexicon_free(lx);
    lx = NULL;
  }
  g_free(default_dir);
  return lx;
}

void jd_lexicon_free(jd_lexicon *lx)
{
  if (!lx) return;
  for (int t = 0; t < JD_LEX_N_TABLES; t++) {
    jd_charmap_clear(&lx->tables[t].first_map);
    jd_charmap_clear(&lx->tables[t].last_map);
    if (lx->tables[t].by_first) g_hash_table_destroy(lx->tables[t].by_first);
    if (lx->tables[t].by_last) g_hash_table_destroy(lx->tables[t].by_last);
    if (lx->tables[t].entries) g_ptr_array_unref(lx->tables[t].entries);
  }
  for (int c = 0; c < JD_CUE_N_SETS; c++) {
    if (lx->cues[c].entries) g_ptr_array_unref(lx->cues[c].entries);
    cue_chains_clear(&lx->cues[c].chains);
  }
  jd_numeral_words_free(lx->numeral_words);
  g_ptr_array_unref(lx->files);
  g_free(lx);
}

/* memcmp(a, b, n) == 0, the first and last bytes tried before the call
 * (most words of a list differ there). */
static inline gboolean same_bytes(const char *a, const char *b, size_t n)
{
  return n == 0 || (a[0] == b[0] && a[n - 1] == b[n - 1] && memcmp(a, b, n) == 0);
}

/* Decodes the UTF-8 character at s (n bytes available); 0 when invalid. */
static inline gunichar decode(const unsigned char *s, size_t n)
{
  if (s[0] < 0x80) return s[0];
  if (s[0] >= 0xE0 && s[0] < 0xF0 && n >= 3)
    return ((gunichar)(s[0] & 0x0F) << 12) | ((gunichar)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
  if (s[0] >= 0xC0 && s[0] < 0xE0 && n >= 2)
    return ((gunichar)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
  gunichar c = g_utf8_get_char_validated((const char *)s, (gssize)n);
  return c == (gunichar)-1 || c == (gunichar)-2 ? 0 : c;
}

const jd_lex_entry *jd_lexicon_match(const jd_lexicon *lx, jd_lex_table table, const char *text,
                                     size_t len)
{
  if (G_UNLIKELY(!lx || table >= JD_LEX_N_TABLES || !len)) return NULL;
  const lex_table *tab = &lx->tables[table];
  const unsigned char *u = (const unsigned char *)text;
  gunichar c;
  if (u[0] >= 0xE0 && u[0] < 0xF0 && len >= 3) /* most characters, as decode() reads them */
    c = ((gunichar)(u[0] & 0x0F) << 12) | ((gunichar)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
  else
    c = decode(u, len);
  if (!c) return NULL;
  if (c < 0x10000 && !(tab->first_bits[c >> 3] & (1u << (c & 7)))) return NULL;
  if (c < 0x10000 && !(tab->single_bits[c >> 3] & (1u << (c & 7)))) {
    /* no entry is this one character: the next must go on one (an entry's
     * characters are whole, so one that fits decodes as it was indexed) */
    size_t fl = (size_t)g_utf8_skip[u[0]];
    if (fl >= len) return NULL;
    guint h = pair_hash(c, decode(u + fl, len - fl));
    if (!(tab->pair_bits[h >> 3] & (1u << (h & 7)))) return NULL;
  }
  GPtrArray *list = jd_charmap_get(&tab->first_map, c);
  if (!list) return NULL;
  for (guint i = 0; i < list->len; i++) {
    const jd_lex_entry *e = list->pdata[i];
    /* the last byte first: most entries of a common first character differ there */
    if (e->len <= len && e->surface[e->len - 1] == text[e->len - 1] &&
        memcmp(e->surface, text, e->len) == 0)
      return e;
  }
  return NULL;
}

const guint8 *jd_lexicon_first_bits(const jd_lexicon *lx, jd_lex_table table)
{
  static const guint8 none[8192] = {0}; /* no table: no entry starts anywhere */
  return lx && table < JD_LEX_N_TABLES ? lx->tables[table].first_bits : none;
}

const guint8 *jd_lexicon_single_bits(const jd_lexicon *lx, jd_lex_table table)
{
  static const guint8 none[8192] = {0};
  return lx && table < JD_LEX_N_TABLES ? lx->tables[table].single_bits : none;
}

const guint8 *jd_lexicon_pair_bits(const jd_lexicon *lx, jd_lex_table table)
{
  static const guint8 all[8192] = {[0 ... 8191] = 0xFF}; /* no table: nothing ruled out here */
  return lx && table < JD_LEX_N_TABLES ? lx->tables[table].pair_bits : all;
}

const jd_lex_entry *jd_lexicon_match_ending(const jd_lexicon *lx, jd_lex_table table,
                                            const char *text, size_t len)
{
  if (!lx || table >= JD_LEX_N_TABLES || !len) return NULL;
  const lex_table *tab = &lx->tables[table];
  const char *last = text + len - 1;
  while (last > text && ((unsigned char)*last & 0xC0) == 0x80) last--;
  gunichar c = decode((const unsigned char *)last, (size_t)(text + len - last));
  if (!c) return NULL;
  if (c < 0x10000 && !(tab->last_bits[c >> 3] & (1u << (c & 7)))) return NULL;
  GPtrArray *list = jd_charmap_get(&tab->last_map, c);
  if (!list) return NULL;
  for (guint i = 0; i < list->len; i++) {
    const jd_lex_entry *e = list->pdata[i];
    if (e->len <= len && same_bytes(e->surface, text + len - e->len, e->len)) return e;
  }
  return NULL;
}

size_t jd_lexicon_get_count(const jd_lexicon *lx, jd_lex_table table)
{
  return lx && table < JD_LEX_N_TABLES ? lx->tables[table].entries->len : 0;
}

const jd_lex_entry *jd_lexicon_get(const jd_lexicon *lx, jd_lex_table table, size_t i)
{
  if (!lx || table >= JD_LEX_N_TABLES || i >= lx->tables[table].entries->len) return NULL;
  return lx->tables[table].entries->pdata[i];
}

gboolean jd_lexicon_metric_takes_unit(const jd_lex_entry *m, const char *unit)
{
  if (!m || !unit) return FALSE;
  const char *u = m->extra;
  if (!u || !*u || strcmp(u, "*") == 0) return TRUE;
  size_t ul = strlen(unit);
  while (*u) {
    const char *comma = strchr(u, ',');
    size_t n = comma ? (size_t)(comma - u) : strlen(u);
    if (n == ul && memcmp(u, unit, n) == 0) return TRUE;
    if (!comma) break;
    u = comma + 1;
  }
  return FALSE;
}

const char *jd_lexicon_region_ancestor(const jd_lexicon *lx, const char *canonical, int level)
{
  for (int step = 0; canonical && *canonical && step < 4; step++) {
    size_t n = strlen(canonical);
    const jd_lex_entry *e = jd_lexicon_match(lx, JD_LEX_REGION, canonical, n);
    if (!e || e->len != n || strcmp(e->id, canonical) != 0) return NULL;
    if ((int)e->number == level) return e->id;
    if ((int)e->number < level) return NULL;
    canonical = e->parent;
  }
  return NULL;
}

gboolean jd_lexicon_region_within(const jd_lexicon *lx, const char *canonical, const char *outer,
                                  int level)
{
  if (!canonical || !outer) return FALSE;
  if (!g_strcmp0(jd_lexicon_region_ancestor(lx, canonical, level), outer)) return TRUE;
  /* a name several prefectures give (鼓楼区): any of its parents, a|b|c */
  size_t n = strlen(canonical);
  const jd_lex_entry *e = jd_lexicon_match(lx, JD_LEX_REGION, canonical, n);
  if (!e || e->len != n || !e->parent || !strchr(e->parent, '|')) return FALSE;
  for (const char *p = e->parent; *p;) {
    const char *bar = strchr(p, '|');
    size_t k = bar ? (size_t)(bar - p) : strlen(p);
    g_autofree char *one = g_strndup(p, k);
    if (!strcmp(one, outer) || !g_strcmp0(jd_lexicon_region_ancestor(lx, one, level), outer))
      return TRUE;
    if (!bar) break;
    p = bar + 1;
  }
  return FALSE;
}

/* ---- Numeral words and cue words (numerals.tsv, cues.tsv) ------------------- */

static const char *const cue_names[JD_CUE_N_SETS] = {
    "unit_qualifier",
    "goal",
    "filler",
    "vs_previous",
    "not_comparison",
    "list_joiner",
    "annual_average",
    "change_rate",
    "share",
    "age_to",
    "age_below",
    "year_base",
    "year_bound",
    "year_joiner",
    "since_now",
    "span_near",
    "span_years",
    "year_end",
    "period_compare",
    "place_joiner",
    "drug_use",
    "not_roc_year",
    "self_reference",
    "not_self",
    "header",
    "case_verb",
    "case_follow",
    "operation_time",
    "dateline_mark",
    "today_mark",
    "since_from",
    "asof_before",
    "year_report",
    "news_lead",
    "place_before",
    "place_after",
    "nation_self",
    "each",
    "org_joiner",
    "place_hider",
    "page_nav",
    "page_links",
    "plain_modifier",
    "narrowed_metric",
    "drug_cases",
    "anaphora",
    "drug_joiner",
    "other_crime",
    "purpose",
    "respectively",
    "place_gap",
    "gap_sign",
    "reached",
    "year_now",
    "suspected",
    "duration_after",
    "duration_before",
    "town_suffix",
    "not_town",
    "year_finished",
    "flat_change",
    "of_target",
    "among",
    "drug_class",
    "list_total",
    "since_attr",
    "gap_filler",
    "numbered_day",
    "surname",
    "person_title",
    "person_after",
    "list_bullet",
    "score_word",
    "vs_sequential",
    "broader_metric",
    "flow_metric",
    "months_to",
    "whole_again",
    "goal_sentence",
    "peak_time",
    "operation_backref",
    "goal_after",
    "attr_preposition",
    "operation_launch",
    "many_cases",
    "single_site",
    "year_assessed",
    "currency_before",
    "destroyed_subject",
    "page_counter",
    "channel_frame",
    "operation_means",
    "span_close",
    "weight_word",
    "person_doing",
    "compare_close",
    "told_back",
    "site_raid",
    "raided_site",
};

const char *jd_cue_name(jd_cue cue)
{
  return cue < JD_CUE_N_SETS ? cue_names[cue] : "";
}

/* Receives one row: its columns (at least two), their count and the row's
 * line; returns NULL or a sentence saying what is wrong with the row. */
typedef const char *(*row_func)(jd_lexicon *lx, char **cols, guint n, unsigned line);

/* Reads file in dir row by row: '#' lines and blank lines are skipped, every
 * other line needs at least two tab-separated columns. */
static gboolean each_row(jd_lexicon *lx, const char *dir, const char *file, row_func f,
                         GError **error)
{
  gboolean ok = FALSE;
  char *path = g_build_filename(dir, file, NULL);
  char *pos = read_table(lx, path, error);
  if (!pos) goto done;
  char *l;
  for (unsigned i = 0; (l = next_line(&pos)); i++) {
    if (!row_text(l)) continue;
    char *cols[17];
    guint nc = split_tabs(l, cols, 16);
    const char *problem = nc < 2 || !*cols[1] ? "expected at least two tab-separated columns"
                                              : f(lx, cols, nc, i + 1);
    if (problem) {
      g_set_error(error, JD_LEXICON_ERROR, JD_LEXICON_ERROR_PARSE, "%s:%u: %s — fix the row",
                  path, i + 1, problem);
      goto done;
    }
  }
  ok = TRUE;
done:
  g_free(path);
  return ok;
}

static const char *add_numeral_word(jd_lexicon *lx, char **cols, guint n, unsigned line)
{
  (void)line;
  return jd_numeral_words_add(lx->numeral_words, cols[0], cols[1], n > 2 ? cols[2] : "",
                              n > 3 ? cols[3] : "");
}

static gboolean load_numeral_words(jd_lexicon *lx, const char *dir, GError **error)
{
  return each_row(lx, dir, "numerals.tsv", add_numeral_word, error);
}

const jd_numeral_words *jd_lexicon_get_numeral_words(const jd_lexicon *lx)
{
  return lx ? lx->numeral_words : NULL;
}

static const char *add_cue(jd_lexicon *lx, char **cols, guint n, unsigned line)
{
  /* the rows of a set stand together: its name is most often the last row's */
  int c = lx->last_cue;
  if (strcmp(cols[0], cue_names[c]) != 0) {
    c = 0;
    while (c < JD_CUE_N_SETS && strcmp(cols[0], cue_names[c]) != 0)
      c++;
    if (c == JD_CUE_N_SETS) return "unknown set of cue words (see the list at the top of the file)";
    lx->last_cue = c;
  }
  jd_lex_entry *e = g_new0(jd_lex_entry, 1);
  e->surface = cols[1];
  e->len = strlen(e->surface);
  e->id = cue_names[c];
  e->arg = n > 2 ? cols[2] : "";
  e->extra = n > 3 ? cols[3] : "";
  e->number = g_ascii_strtod(e->arg, NULL);
  e->line = line;
  e->parent = "";
  g_ptr_array_add(lx->cues[c].entries, e);
  gunichar fc = g_utf8_get_char(e->surface);
  if (fc < 0x10000) lx->cues[c].first_bits[fc >> 3] |= (guint8)(1u << (fc & 7));
  else memset(lx->cues[c].first_bits, 0xFF, sizeof lx->cues[c].first_bits);
  guint lh = cue_last_hash(g_utf8_get_char(g_utf8_prev_char(e->surface + e->len)));
  lx->cues[c].last_bits[lh >> 3] |= (guint8)(1u << (lh & 7));
  return NULL;
}

static void cue_chains_clear(struct jd_cue_chains *ch)
{
  jd_charmap_clear(&ch->first_head);
  jd_charmap_clear(&ch->last_head);
  g_free(ch->next_first);
  g_free(ch->next_last);
  memset(ch, 0, sizeof *ch);
}

/* The first word of set's list for c (its index), or set->count. */
static inline size_t cue_head(const jd_charmap *head, gunichar c, size_t count)
{
  gpointer v = c ? jd_charmap_get(head, c) : NULL;
  return v ? GPOINTER_TO_SIZE(v) - 1 : count;
}

/* The chains of a set's words (struct jd_cue_chains); NULL when a word is not
 * valid UTF-8 (its first or last character would not be the one a text that
 * holds it decodes: every word is compared then, as before the chains). */
static const struct jd_cue_chains *cue_chains_build(struct jd_cue_chains *ch, GPtrArray *words)
{
  guint32 n = words->len;
  for (guint32 i = 0; i < n; i++) {
    const jd_lex_entry *e = words->pdata[i];
    if (!e->len || !g_utf8_validate(e->surface, (gssize)e->len, NULL)) return NULL;
  }
  jd_charmap_init(&ch->first_head, n);
  jd_charmap_init(&ch->last_head, n);
  ch->next_first = g_new(guint32, n + 1);
  ch->next_last = g_new(guint32, n + 1);
  /* from the last word back: each word goes in front of its list */
  for (guint32 i = n; i-- > 0;) {
    const jd_lex_entry *e = words->pdata[i];
    gunichar fc = decode((const unsigned char *)e->surface, e->len);
    const char *lp = g_utf8_prev_char(e->surface + e->len);
    gunichar lc = decode((const unsigned char *)lp, (size_t)(e->surface + e->len - lp));
    ch->next_first[i] = (guint32)cue_head(&ch->first_head, fc, n);
    ch->next_last[i] = (guint32)cue_head(&ch->last_head, lc, n);
    jd_charmap_put(&ch->first_head, fc, GUINT_TO_POINTER(i + 1));
    jd_charmap_put(&ch->last_head, lc, GUINT_TO_POINTER(i + 1));
  }
  return ch;
}

static gboolean load_cues(jd_lexicon *lx, const char *dir, GError **error)
{
  if (!each_row(lx, dir, "cues.tsv", add_cue, error)) return FALSE;
  for (int c = 0; c < JD_CUE_N_SETS; c++) {
    cue_table *ct = &lx->cues[c];
    ct->set.entries = (const jd_lex_entry *const *)ct->entries->pdata;
    ct->set.count = ct->entries->len;
    ct->set.first_bits = ct->first_bits;
    ct->set.last_bits = ct->last_bits;
    ct->set.chains = cue_chains_build(&ct->chains, ct->entries);
    if (ct->entries->len) continue;
    g_set_error(error, JD_LEXICON_ERROR, JD_LEXICON_ERROR_PARSE,
                "cues.tsv: no words for the set '%s' — add its rows (the extractor needs them)",
                cue_names[c]);
    return FALSE;
  }
  return TRUE;
}

const jd_cue_set *jd_lexicon_get_cues(const jd_lexicon *lx, jd_cue cue)
{
  return lx && cue < JD_CUE_N_SETS ? &lx->cues[cue].set : NULL;
}

const jd_lex_entry *jd_cue_at_words(const jd_cue_set *set, const char *t, size_t end, size_t p)
{
  if (p >= end) return NULL;
  gunichar c = decode((const unsigned char *)t + p, end - p);
  if (c < 0x10000 && !(set->first_bits[c >> 3] & (1u << (c & 7)))) return NULL;
  if (set->chains) { /* only the words that start with c, in file order */
    const struct jd_cue_chains *ch = set->chains;
    for (size_t i = cue_head(&ch->first_head, c, set->count); i < set->count;
         i = ch->next_first[i]) {
      const jd_lex_entry *e = set->entries[i];
      if (p + e->len <= end && same_bytes(t + p, e->surface, e->len)) return e;
    }
    return NULL;
  }
  for (size_t i = 0; i < set->count; i++) {
    const jd_lex_entry *e = set->entries[i];
    if (p + e->len <= end && same_bytes(t + p, e->surface, e->len)) return e;
  }
  return NULL;
}

const jd_lex_entry *jd_cue_before(const jd_cue_set *set, const char *t, size_t floor, size_t p)
{
  /* the set's index of last characters: a well-formed three-byte character
   * ends at p (so no word ending in a character of another length can), and
   * no word ends with it */
  if (p >= floor + 3) {
    const unsigned char *u = (const unsigned char *)t + p - 3;
    if (u[0] >= 0xE0 && u[0] < 0xF0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
      gunichar c = ((gunichar)(u[0] & 0x0F) << 12) | ((gunichar)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
      guint h = cue_last_hash(c);
      if (!((set->last_bits[h >> 3] >> (h & 7)) & 1)) return NULL;
      if (set->chains) { /* a word ending at p ends with c: only those, in file order */
        const struct jd_cue_chains *ch = set->chains;
        for (size_t i = cue_head(&ch->last_head, c, set->count); i < set->count;
             i = ch->next_last[i]) {
          const jd_lex_entry *e = set->entries[i];
          if (p >= floor + e->len && same_bytes(t + p - e->len, e->surface, e->len)) return e;
        }
        return NULL;
      }
    }
  }
  for (size_t i = 0; i < set->count; i++) {
    const jd_lex_entry *e = set->entries[i];
    if (p >= floor + e->len && same_bytes(t + p - e->len, e->surface, e->len)) return e;
  }
  return NULL;
}

/* jd_cue_find by one search per word: the short-needle search is fastest
 * for a few words over a long stretch. */
static const jd_lex_entry *cue_find_each(const jd_cue_set *set, const char *t, size_t from,
                                         size_t to, size_t *pos)
{
  for (size_t i = 0; i < set->count && to > from; i++) {
    const jd_lex_entry *e = set->entries[i];
    const char *hit = jd_mem_find(t + from, to - from, e->surface, e->len);
    if (hit) {
      if (pos) *pos = (size_t)(hit - t);
      return e;
    }
  }
  return NULL;
}

const jd_lex_entry *jd_cue_find(const jd_cue_set *set, const char *t, size_t from, size_t to,
                                size_t *pos)
{
  if (to <= from) return NULL;
  if (set->count < 6 && to - from > 64) return cue_find_each(set, t, from, to, pos);
  /* One walk: at each place where a word may start (the set's first-character
   * index), the words of the set written there; the earliest word of the set
   * found anywhere wins, at the first place it occurs. A word starts with a
   * lead byte, so no continuation byte is tried; decode reads a word's first
   * character as the index was built from it. */
  size_t best = set->count, best_pos = 0;
  for (size_t p = from, next; p < to && best > 0; p = next) {
    const unsigned char *u = (const unsigned char *)t + p;
    gunichar c;
    if (u[0] >= 0xE0 && u[0] < 0xF0 && to - p >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
      c = ((gunichar)(u[0] & 0x0F) << 12) | ((gunichar)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
      next = p + 3; /* p + 1 and p + 2 are continuation bytes */
    } else {
      next = p + 1;
      if ((u[0] & 0xC0) == 0x80) continue;
      c = decode(u, to - p);
    }
    if (c < 0x10000 && !(set->first_bits[c >> 3] & (1u << (c & 7)))) continue;
    if (set->chains) {
      /* only the words that start with c, in file order */
      const struct jd_cue_chains *ch = set->chains;
      for (size_t i = cue_head(&ch->first_head, c, set->count); i < best; i = ch->next_first[i]) {
        const jd_lex_entry *e = set->entries[i];
        if (p + e->len <= to && same_bytes(t + p, e->surface, e->len)) {
          best = i;
          best_pos = p;
          break;
        }
      }
      continue;
    }
    for (size_t i = 0; i < best; i++) {
      const jd_lex_entry *e = set->entries[i];
      if (p + e->len <= to && same_bytes(t + p, e->surface, e->len)) {
        best = i;
        best_pos = p;
        break;
      }
    }
  }
  if (best == set->count) return NULL;
  if (pos) *pos = best_pos;
  return set->entries[best];
}
