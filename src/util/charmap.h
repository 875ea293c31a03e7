/* A map from a character to a pointer, for look-ups made at nearly every
 * character of a text (the lexicon's index, traditional -> simplified): open
 * addressing, one multiply and a probe or two, instead of GHashTable's
 * function calls. Built once, then read only (safe to share between
 * threads). Key 0 is an empty slot: U+0000 cannot be a key. */
#pragma once

#include <glib.h>
#include <string.h>

typedef struct {
  gunichar *keys;
  gpointer *values;
  guint mask;
} jd_charmap;

static inline guint jd_charmap_slot(gunichar c, guint mask)
{
  return (c * 2654435761u) & mask;
}

/* Makes room for n keys (before any jd_charmap_put). */
static inline void jd_charmap_init(jd_charmap *m, guint n)
{
  guint cap = 16;
  while (cap < 2 * n) cap <<= 1;
  m->keys = g_new0(gunichar, cap);
  m->values = g_new0(gpointer, cap);
  m->mask = cap - 1;
}

/* Sets c's value (c != 0; at most the n keys of jd_charmap_init). */
static inline void jd_charmap_put(jd_charmap *m, gunichar c, gpointer value)
{
  guint s = jd_charmap_slot(c, m->mask);
  while (m->keys[s] && m->keys[s] != c) s = (s + 1) & m->mask;
  m->keys[s] = c;
  m->values[s] = value;
}

/* c's value, or NULL. */
static inline gpointer jd_charmap_get(const jd_charmap *m, gunichar c)
{
  if (!m->keys) return NULL;
  for (guint s = jd_charmap_slot(c, m->mask);; s = (s + 1) & m->mask) {
    if (m->keys[s] == c) return m->values[s];
    if (!m->keys[s]) return NULL;
  }
}

/* A map of what a GHashTable keyed by GUINT_TO_POINTER(character) holds. */
static inline void jd_charmap_from_hash(jd_charmap *m, GHashTable *h)
{
  jd_charmap_init(m, g_hash_table_size(h));
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init(&it, h);
  while (g_hash_table_iter_next(&it, &k, &v)) jd_charmap_put(m, GPOINTER_TO_UINT(k), v);
}

static inline void jd_charmap_clear(jd_charmap *m)
{
  g_free(m->keys);
  g_free(m->values);
  memset(m, 0, sizeof *m);
}
