/* The words around numerals (rows of data/lexicon/numerals.tsv, see
 * include/jindu/numeral.h): kept by role in the order they were added, the
 * not_number words also indexed by their first character because the scan
 * asks for them at every Chinese numeral. Also the names of qualifiers and
 * kinds of numbers ("more_than", "percent"), which the rows use. */
#include "numeral/numeral-private.h"

#include <string.h>

/* memcmp(a, b, n) == 0, the first and last bytes tried before the call:
 * the word lists are tried at nearly every number, and most words differ
 * there. */
static inline gboolean same_bytes(const char *a, const char *b, size_t n)
{
  return n == 0 || (a[0] == b[0] && a[n - 1] == b[n - 1] && memcmp(a, b, n) == 0);
}

/* ---- the names of qualifiers and kinds, as tables and records write them ---- */

static const char *const qual_names[] = {"exact",     "more_than", "nearly",  "about",
                                         "less_than", "at_least",  "at_most"};

const char *jd_qualifier_to_string(jd_qualifier q)
{
  if ((size_t)q < G_N_ELEMENTS(qual_names)) return qual_names[q];
  return "exact";
}

gboolean jd_qualifier_from_string(const char *s, jd_qualifier *out)
{
  if (!s) return FALSE;
  for (size_t i = 0; i < G_N_ELEMENTS(qual_names); i++) {
    if (strcmp(s, qual_names[i]) == 0) {
      *out = (jd_qualifier)i;
      return TRUE;
    }
  }
  return FALSE;
}

const char *jd_numeral_kind_to_string(jd_numeral_kind k)
{
  static const char *const names[] = {"number", "percent", "permille", "percent_point", "year",
                                      "date",   "time",    "ordinal",  "code"};
  if ((size_t)k < G_N_ELEMENTS(names)) return names[k];
  return "number";
}

/* ---- the words --------------------------------------------------------------- */

typedef enum {
  ROLE_NOT_NUMBER = 0, /* 一些, 千方百计, 四川 */
  ROLE_PREFIX,         /* qualifier before: 超过, 近, 约 */
  ROLE_SUFFIX,         /* qualifier after: 多, 以上, 左右 */
  ROLE_CODE,           /* after a campaign code: 专案, 行动 */
  ROLE_NOT_TENTHS,     /* 成员, 成为 */
  ROLE_IN_WORD,        /* 统一, 之一, 周一 */
  ROLE_RANK,           /* 前3名, 前十位: a place in a ranking */
  N_ROLES
} word_role;

static const char *const role_names[N_ROLES] = {"not_number", "prefix",  "suffix", "code",
                                                "not_tenths", "in_word", "rank"};

typedef struct {
  const char *word;
  size_t len;
  int qualifier;       /* PREFIX, SUFFIX: a jd_qualifier */
  guint kinds;         /* SUFFIX: bit per jd_numeral_kind it may follow */
  const char *blocked; /* PREFIX: characters before it that make another word;
                          RANK: the words after the number, comma-separated */
  gunichar before, of; /* IN_WORD: the character before, the numeral (0 = any) */
} numeral_word;

struct jd_numeral_words {
  GStringChunk *strings;
  GArray *roles[N_ROLES];       /* numeral_word, in the order added */
  GHashTable *not_number_index; /* first character -> GArray of guint indices */
  GHashTable *prefix_index;     /* PREFIX words by their last character, the same */
  gboolean prefix_unindexed;    /* an empty PREFIX word: the index is not used */
};

jd_numeral_words *jd_numeral_words_new(void)
{
  jd_numeral_words *w = g_new0(jd_numeral_words, 1);
  w->strings = g_string_chunk_new(4096);
  for (int r = 0; r < N_ROLES; r++) w->roles[r] = g_array_new(FALSE, TRUE, sizeof(numeral_word));
  w->not_number_index = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                              (GDestroyNotify)g_array_unref);
  w->prefix_index = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                          (GDestroyNotify)g_array_unref);
  return w;
}

void jd_numeral_words_free(jd_numeral_words *w)
{
  if (!w) return;
  for (int r = 0; r < N_ROLES; r++) g_array_unref(w->roles[r]);
  g_hash_table_destroy(w->not_number_index);
  g_hash_table_destroy(w->prefix_index);
  g_string_chunk_free(w->strings);
  g_free(w);
}

/* Appends word i to the list of index under the character c. */
static void index_word(GHashTable *index, gunichar c, guint i)
{
  GArray *list = g_hash_table_lookup(index, GUINT_TO_POINTER(c));
  if (!list) {
    list = g_array_new(FALSE, FALSE, sizeof(guint));
    g_hash_table_insert(index, GUINT_TO_POINTER(c), list);
  }
  g_array_append_val(list, i);
}

static const char *parse_kinds(const char *list, guint *kinds)
{
  *kinds = 0;
  if (!*list) {
    *kinds = 1u << JD_NUM_NUMBER | 1u << JD_NUM_PERCENT | 1u << JD_NUM_PERMILLE |
             1u << JD_NUM_PERCENT_POINT;
    return NULL;
  }
  char **names = g_strsplit(list, ",", -1);
  const char *problem = NULL;
  for (guint i = 0; names[i] && !problem; i++) {
    guint k = JD_NUM_NUMBER;
    while (k <= JD_NUM_PERCENT_POINT && strcmp(names[i], jd_numeral_kind_to_string(k)) != 0) k++;
    if (k > JD_NUM_PERCENT_POINT)
      problem = "unknown kind of number: use number, percent, permille or percent_point";
    else
      *kinds |= 1u << k;
  }
  g_strfreev(names);
  return problem;
}

const char *jd_numeral_words_add(jd_numeral_words *w, const char *role, const char *word,
                                 const char *arg, const char *extra)
{
  int r = 0;
  while (r < N_ROLES && strcmp(role, role_names[r]) != 0) r++;
  if (r == N_ROLES)
    return "unknown role: use not_number, prefix, suffix, code, not_tenths, in_word or rank";
  if (!*word || !g_utf8_validate(word, -1, NULL)) return "the word is empty or not UTF-8";
  numeral_word nw = {g_string_chunk_insert_const(w->strings, word), strlen(word), 0, 0, "", 0, 0};
  jd_qualifier q;
  const char *problem = NULL;
  switch ((word_role)r) {
  case ROLE_NOT_NUMBER:
    numeral_class_init();
    if (!numeral_is_cn(g_utf8_get_char(word)))
      return "a not_number word must start with a numeral character";
    break;
  case ROLE_PREFIX:
  case ROLE_SUFFIX:
    if (!jd_qualifier_from_string(arg, &q))
      return "unknown qualifier: use more_than, nearly, about, less_than, at_least or at_most";
    nw.qualifier = (int)q;
    if (r == ROLE_PREFIX) nw.blocked = g_string_chunk_insert_const(w->strings, extra);
    else problem = parse_kinds(extra, &nw.kinds);
    break;
  case ROLE_IN_WORD:
    nw.before = g_utf8_get_char(word);
    if (!*arg) return "an in_word row needs the numeral it binds, or *";
    nw.of = strcmp(arg, "*") == 0 ? 0 : g_utf8_get_char(arg);
    break;
  case ROLE_RANK:
    if (!*arg) return "a rank row needs the words after the number (名,位)";
    nw.blocked = g_string_chunk_insert_const(w->strings, arg);
    break;
  default:
    break;
  }
  if (problem) return problem;
  g_array_append_val(w->roles[r], nw);
  if (r == ROLE_NOT_NUMBER) index_word(w->not_number_index, g_utf8_get_char(word), w->roles[r]->len - 1);
  if (r == ROLE_PREFIX && !*word) w->prefix_unindexed = TRUE;
  if (r == ROLE_PREFIX && *word)
    index_word(w->prefix_index, g_utf8_get_char(g_utf8_prev_char(word + strlen(word))),
               w->roles[r]->len - 1);
  return NULL;
}

size_t numeral_words_not_number_at(const jd_numeral_words *w, const char *t, size_t len,
                                   size_t pos)
{
  if (!w) return 0;
  int n;
  gunichar c = numeral_char_at(t, len, pos, &n);
  const GArray *list = g_hash_table_lookup(w->not_number_index, GUINT_TO_POINTER(c));
  if (!list) return 0;
  const numeral_word *words = (const numeral_word *)(void *)w->roles[ROLE_NOT_NUMBER]->data;
  for (guint i = 0; i < list->len; i++) {
    const numeral_word *nw = &words[g_array_index(list, guint, i)];
    if (pos + nw->len <= len && same_bytes(t + pos, nw->word, nw->len)) return nw->len;
  }
  return 0;
}

/* Whether the character c is one of the characters of set. */
static gboolean char_in(const char *set, gunichar c)
{
  for (const char *p = set; c && *p; p = g_utf8_next_char(p))
    if (g_utf8_get_char(p) == c) return TRUE;
  return FALSE;
}

/* Whether the PREFIX word nw ends at t[pos] (after floor) and counts there;
 * its qualifier and start into *start, or -1. */
static int prefix_word_at(const numeral_word *nw, const char *t, size_t floor, size_t pos, int only,
                          size_t *start)
{
  if (pos < floor + nw->len || !same_bytes(t + pos - nw->len, nw->word, nw->len)) return -1;
  size_t ws = pos - nw->len;
  if (only >= 0) {
    if (nw->qualifier != only) return -1;
  } else if (*nw->blocked) {
    int bn;
    if (char_in(nw->blocked, numeral_char_before(t, floor, ws, &bn))) return -1;
  }
  *start = ws;
  return nw->qualifier;
}

int numeral_words_prefix_before(const jd_numeral_words *w, const char *t, size_t floor,
                                size_t pos, int only, size_t *start)
{
  if (!w) return -1;
  const GArray *a = w->roles[ROLE_PREFIX];
  const numeral_word *words = (const numeral_word *)(void *)a->data;
  /* only the words ending with the character before pos can end there (their
   * bytes are that character's): the first of them in order, as the list */
  size_t q = pos;
  while (q > floor && (((guchar)t[q - 1]) & 0xC0) == 0x80) q--;
  gunichar c = q > floor && !w->prefix_unindexed ? g_utf8_get_char_validated(t + q - 1, (gssize)(pos - q + 1))
                                                 : (gunichar)-1;
  if (c != (gunichar)-1 && c != (gunichar)-2) {
    const GArray *list = g_hash_table_lookup(w->prefix_index, GUINT_TO_POINTER(c));
    for (guint i = 0; list && i < list->len; i++) {
      int qual = prefix_word_at(&words[g_array_index(list, guint, i)], t, floor, pos, only, start);
      if (qual >= 0) return qual;
    }
    return -1;
  }
  for (guint i = 0; i < a->len; i++) {
    int qual = prefix_word_at(&words[i], t, floor, pos, only, start);
    if (qual >= 0) return qual;
  }
  return -1;
}

int numeral_words_suffix_at(const jd_numeral_words *w, const char *t, size_t len, size_t p,
                            jd_numeral_kind kind, size_t *wlen)
{
  if (!w) return -1;
  const GArray *a = w->roles[ROLE_SUFFIX];
  for (guint i = 0; i < a->len; i++) {
    const numeral_word *nw = &g_array_index(a, numeral_word, i);
    if (p + nw->len > len || !same_bytes(t + p, nw->word, nw->len)) continue;
    if (!(nw->kinds & (1u << kind))) continue;
    *wlen = nw->len;
    return nw->qualifier;
  }
  return -1;
}

static gboolean any_at(const GArray *a, const char *t, size_t len, size_t p)
{
  for (guint i = 0; i < a->len; i++) {
    const numeral_word *nw = &g_array_index(a, numeral_word, i);
    if (p + nw->len <= len && same_bytes(t + p, nw->word, nw->len)) return TRUE;
  }
  return FALSE;
}

gboolean numeral_words_code_at(const jd_numeral_words *w, const char *t, size_t len, size_t p)
{
  return w && any_at(w->roles[ROLE_CODE], t, len, p);
}

gboolean numeral_words_not_tenths_at(const jd_numeral_words *w, const char *t, size_t len,
                                     size_t p)
{
  return w && any_at(w->roles[ROLE_NOT_TENTHS], t, len, p);
}

gboolean numeral_words_in_word(const jd_numeral_words *w, gunichar prev, gunichar c)
{
  if (!w) return FALSE;
  const GArray *a = w->roles[ROLE_IN_WORD];
  for (guint i = 0; i < a->len; i++) {
    const numeral_word *nw = &g_array_index(a, numeral_word, i);
    if (nw->before == prev && (!nw->of || nw->of == c)) return TRUE;
  }
  return FALSE;
}

gboolean numeral_words_rank_around(const jd_numeral_words *w, const char *t, size_t len,
                                   size_t start, size_t end)
{
  if (!w) return FALSE;
  const GArray *a = w->roles[ROLE_RANK];
  for (guint i = 0; i < a->len; i++) {
    const numeral_word *nw = &g_array_index(a, numeral_word, i);
    if (!numeral_before(t, 0, start, nw->word)) continue;
    for (const char *s = nw->blocked; *s;) {
      const char *comma = strchr(s, ',');
      size_t n = comma ? (size_t)(comma - s) : strlen(s);
      if (n && end + n <= len && memcmp(t + end, s, n) == 0) return TRUE;
      s += n + (comma ? 1 : 0);
    }
  }
  return FALSE;
}

int jd_numeral_prefix_before(const jd_numeral_words *words, const char *text, size_t floor,
                             size_t pos, size_t *start)
{
  return numeral_words_prefix_before(words, text, floor, pos, -1, start);
}
