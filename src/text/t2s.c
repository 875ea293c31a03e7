/* Traditional -> simplified from OpenCC's data compiled in (see t2s.h). */
#include "text/t2s.h"

#include <string.h>

#include "util/append.h"
#include "util/charmap.h"

typedef struct {
  const char *from;
  const char *to;
} jd_t2s_entry;

#include "t2s-table.inc"

#define T2S_PLANES 0x30000 /* BMP and the supplementary ideographic planes */

/* The CJK ideographs (U+3400..U+9FFF, nearly every character of a Chinese
 * text) have a word each in a direct table, so that jd_t2s_convert reads a
 * character's fate in one load instead of two map look-ups and strlen calls:
 * 0 when it stays as it is (not converted, no phrase starts with it); else
 * CJK_PHRASES when some phrase starts with it, CJK_SIMPLE and its simplified
 * form's three bytes (bits 0-23) when that is one three-byte character, and
 * CJK_OTHER when it converts to anything else (found in char_map). */
#define CJK_FIRST 0x3400u
#define CJK_LAST 0x9FFFu
#define CJK_PHRASES 0x80000000u
#define CJK_SIMPLE 0x40000000u
#define CJK_OTHER 0x20000000u

typedef struct {
  const guint8 *may_change; /* may_change_bits() */
  GHashTable *chars;   /* code point -> const jd_t2s_entry * */
  GHashTable *phrases; /* first code point -> GPtrArray of entries, longest first */
  jd_charmap char_map, phrase_map; /* the same two, for jd_t2s_convert */
  guint32 *cjk;        /* CJK_FIRST..CJK_LAST, as above */
} t2s_index;

static gint longest_first(gconstpointer a, gconstpointer b)
{
  const jd_t2s_entry *x = *(const jd_t2s_entry *const *)a, *y = *(const jd_t2s_entry *const *)b;
  size_t lx = strlen(x->from), ly = strlen(y->from);
  return lx == ly ? 0 : lx > ly ? -1 : 1;
}

static void mark(guint8 *bits, gunichar c)
{
  if (c < T2S_PLANES) bits[c >> 3] |= (guint8)(1u << (c & 7));
}

/* The characters that may change (a character OpenCC converts, or the first
 * of a phrase): a bitmap built on its own, so that text with none of them
 * never pays for the hash tables of t2s_index_build. */
static gpointer may_change_build(gpointer unused)
{
  (void)unused;
  guint8 *bits = g_new0(guint8, T2S_PLANES / 8);
  for (size_t i = 0; i < G_N_ELEMENTS(t2s_characters); i++)
    if (strcmp(t2s_characters[i].from, t2s_characters[i].to) != 0)
      mark(bits, g_utf8_get_char(t2s_characters[i].from));
  for (size_t i = 0; i < G_N_ELEMENTS(t2s_phrases); i++)
    mark(bits, g_utf8_get_char(t2s_phrases[i].from));
  return bits;
}

static const guint8 *may_change_bits(void)
{
  static GOnce once = G_ONCE_INIT;
  return g_once(&once, may_change_build, NULL);
}

static gpointer t2s_index_build(gpointer unused)
{
  (void)unused;
  t2s_index *ix = g_new0(t2s_index, 1);
  ix->may_change = may_change_bits();
  ix->chars = g_hash_table_new(g_direct_hash, g_direct_equal);
  ix->phrases = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                      (GDestroyNotify)g_ptr_array_unref);
  for (size_t i = 0; i < G_N_ELEMENTS(t2s_characters); i++) {
    const jd_t2s_entry *e = &t2s_characters[i];
    gunichar c = g_utf8_get_char(e->from);
    if (strcmp(e->from, e->to) == 0) continue; /* OpenCC keeps it as it is */
    g_hash_table_insert(ix->chars, GUINT_TO_POINTER(c), (gpointer)e);
  }
  for (size_t i = 0; i < G_N_ELEMENTS(t2s_phrases); i++) {
    const jd_t2s_entry *e = &t2s_phrases[i];
    gunichar c = g_utf8_get_char(e->from);
    GPtrArray *list = g_hash_table_lookup(ix->phrases, GUINT_TO_POINTER(c));
    if (!list) {
      list = g_ptr_array_new();
      g_hash_table_insert(ix->phrases, GUINT_TO_POINTER(c), list);
    }
    g_ptr_array_add(list, (gpointer)e);
  }
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init(&it, ix->phrases);
  while (g_hash_table_iter_next(&it, &key, &value)) g_ptr_array_sort(value, longest_first);
  jd_charmap_from_hash(&ix->char_map, ix->chars);
  jd_charmap_from_hash(&ix->phrase_map, ix->phrases);
  ix->cjk = g_new0(guint32, CJK_LAST - CJK_FIRST + 1);
  g_hash_table_iter_init(&it, ix->phrases);
  while (g_hash_table_iter_next(&it, &key, &value)) {
    gunichar c = GPOINTER_TO_UINT(key);
    if (c >= CJK_FIRST && c <= CJK_LAST) ix->cjk[c - CJK_FIRST] |= CJK_PHRASES;
  }
  g_hash_table_iter_init(&it, ix->chars);
  while (g_hash_table_iter_next(&it, &key, &value)) {
    gunichar c = GPOINTER_TO_UINT(key);
    const jd_t2s_entry *e = value;
    const guchar *to = (const guchar *)e->to;
    if (c < CJK_FIRST || c > CJK_LAST) continue;
    if (strlen(e->to) == 3 && to[0] >= 0xE0 && to[0] < 0xF0)
      ix->cjk[c - CJK_FIRST] |= CJK_SIMPLE | ((guint32)to[0] << 16) | ((guint32)to[1] << 8) | to[2];
    else
      ix->cjk[c - CJK_FIRST] |= CJK_OTHER;
  }
  return ix;
}

static const t2s_index *t2s(void)
{
  static GOnce once = G_ONCE_INIT;
  return g_once(&once, t2s_index_build, NULL);
}

gboolean jd_t2s_may_change(gunichar c)
{
  if (c >= T2S_PLANES) return FALSE;
  return (may_change_bits()[c >> 3] >> (c & 7)) & 1;
}

/* The longest phrase of list that s[0..n) starts with, or NULL. first: the
 * byte length of the first character (every phrase of list starts with it). */
static const jd_t2s_entry *phrase_at(const GPtrArray *list, const char *s, size_t n, size_t first)
{
  for (guint i = 0; i < list->len; i++) {
    const jd_t2s_entry *e = g_ptr_array_index(list, i);
    /* the second character's first byte rules out most phrases without strlen */
    if (e->from[first] && (first >= n || e->from[first] != s[first])) continue;
    size_t l = strlen(e->from);
    if (l <= n && memcmp(s, e->from, l) == 0) return e;
  }
  return NULL;
}

/* The character at s + i (of n bytes) and its length, as g_utf8_get_char
 * and g_utf8_next_char give them; a well-formed three-byte character (nearly
 * every one of a Chinese text) without their calls. */
static inline gunichar char_at(const char *s, size_t n, size_t i, size_t *len)
{
  const guchar *u = (const guchar *)s + i;
  if (u[0] >= 0xE0 && u[0] < 0xF0 && i + 2 < n && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
    *len = 3;
    return ((gunichar)(u[0] & 0x0F) << 12) | ((gunichar)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
  }
  *len = (size_t)(g_utf8_next_char(s + i) - (s + i));
  return g_utf8_get_char(s + i);
}


/* The piece for the character c (len bytes at s) where no phrase starts:
 * its simplified form, or the character itself. */
static void append_char(const t2s_index *ix, gunichar c, const char *s, size_t len, GString *out)
{
  const jd_t2s_entry *e = jd_charmap_get(&ix->char_map, c);
  if (e)
    jd_append_fast(out, e->to, strlen(e->to));
  else
    jd_append_fast(out, s, len);
}

/* Room in out for m more bytes and its NUL, without changing its text. */
static void make_room(GString *out, size_t m)
{
  if (out->allocated_len < out->len + m + 1) {
    gsize keep = out->len;
    g_string_set_size(out, out->len + m + 1);
    g_string_truncate(out, keep);
  }
}

/* Copies or converts, straight into out, the characters from s[i] on that
 * keep their length — ASCII, three-byte characters that cannot change, and
 * ideographs no phrase starts with (as they are, or as their three-byte
 * simplified form) — and stops at the first other character; returns where
 * it stopped. out has room for n - i more
 * bytes. The choice between the two forms is a select, not a branch: in a
 * traditional text a third of the ideographs change, in no order a branch
 * predictor could learn. */
static size_t convert_same_length(const t2s_index *ix, const char *s, size_t n, size_t i,
                                  GString *out)
{
  char *o = out->str + out->len, *o0 = o;
  while (i < n) {
    const guchar *u = (const guchar *)s + i;
    if (u[0] < 0x80) {
      *o++ = (char)u[0];
      i++;
      continue;
    }
    /* a well-formed three-byte character, as char_at reads it */
    if (u[0] < 0xE0 || u[0] >= 0xF0 || i + 2 >= n || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
      break;
    gunichar c = ((gunichar)(u[0] & 0x0F) << 12) | ((gunichar)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    guint32 as_is = ((guint32)u[0] << 16) | ((guint32)u[1] << 8) | u[2];
    guint32 w = as_is;
    if (c >= CJK_FIRST && c <= CJK_LAST) { /* an ideograph: the direct table */
      guint32 v = ix->cjk[c - CJK_FIRST];
      if (v & (CJK_PHRASES | CJK_OTHER)) break;
      w = v ? v : as_is; /* CJK_SIMPLE's bits are above the three bytes */
    } else if ((ix->may_change[c >> 3] >> (c & 7)) & 1) { /* c < U+10000 */
      break;
    }
    o[0] = (char)(w >> 16);
    o[1] = (char)(w >> 8);
    o[2] = (char)w;
    o += 3;
    i += 3;
  }
  out->len += (gsize)(o - o0);
  out->str[out->len] = '\0';
  return i;
}

void jd_t2s_convert(const char *s, size_t n, GString *out)
{
  const t2s_index *ix = t2s();
  size_t i = 0;
  while (i < n) {
    make_room(out, n - i);
    i = convert_same_length(ix, s, n, i, out);
    if (i >= n) break;
    /* any other character: as it is when it cannot change; else the longest
     * phrase that starts here, else its simplified form */
    size_t len;
    gunichar c = char_at(s, n, i, &len);
    gboolean cjk = c >= CJK_FIRST && c <= CJK_LAST && len == 3;
    gboolean may = cjk ? ix->cjk[c - CJK_FIRST] != 0
                       : c < T2S_PLANES && ((ix->may_change[c >> 3] >> (c & 7)) & 1);
    if (!may) {
      jd_append_fast(out, s + i, MIN(len, n - i));
      i += len;
      continue;
    }
    const GPtrArray *list = !cjk || (ix->cjk[c - CJK_FIRST] & CJK_PHRASES)
                                ? jd_charmap_get(&ix->phrase_map, c)
                                : NULL;
    const jd_t2s_entry *e = list ? phrase_at(list, s + i, n - i, len) : NULL;
    if (e) {
      jd_append_fast(out, e->to, strlen(e->to));
      i += strlen(e->from);
      continue;
    }
    append_char(ix, c, s + i, len, out);
    i += len;
  }
}
