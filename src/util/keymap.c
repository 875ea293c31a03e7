/* The pointer-tuple map (keymap.h): keys are stored one after the other in
 * one array, the slots hold index + 1 and are probed linearly; the table
 * doubles when half full. */
#include "util/keymap.h"

#include <string.h>

static inline guint64 mix64(guint64 h)
{
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

static guint64 key_hash(const guintptr *k, guint words)
{
  guint64 h = 0x9e3779b97f4a7c15ULL * (words + 1);
  for (guint i = 0; i < words; i++) h = mix64(h ^ (guint64)k[i]) + i;
  return h;
}

void jd_keymap_init(jd_keymap *m, guint words)
{
  memset(m, 0, sizeof *m);
  m->words = words;
  m->keys = g_array_new(FALSE, FALSE, sizeof(guintptr));
  m->mask = 15;
  m->slots = g_new0(guint32, 16);
}

void jd_keymap_destroy(jd_keymap *m)
{
  g_free(m->slots);
  if (m->keys) g_array_unref(m->keys);
  memset(m, 0, sizeof *m);
}

void jd_keymap_reset(jd_keymap *m, size_t expected)
{
  size_t cap = 16;
  while (cap < expected * 2) cap *= 2;
  if (cap != (size_t)m->mask + 1) {
    g_free(m->slots);
    m->slots = g_new0(guint32, cap);
    m->mask = (guint32)cap - 1;
  } else {
    memset(m->slots, 0, cap * sizeof *m->slots);
  }
  m->count = 0;
  g_array_set_size(m->keys, 0);
}

static void keymap_grow(jd_keymap *m)
{
  guint32 cap = (m->mask + 1) * 2;
  g_free(m->slots);
  m->slots = g_new0(guint32, cap);
  m->mask = cap - 1;
  const guintptr *keys = (const guintptr *)(void *)m->keys->data;
  for (guint32 e = 0; e < m->count; e++) {
    guint32 i = (guint32)key_hash(keys + (size_t)e * m->words, m->words) & m->mask;
    while (m->slots[i]) i = (i + 1) & m->mask;
    m->slots[i] = e + 1;
  }
}

guint32 jd_keymap_intern(jd_keymap *m, const guintptr *key, gboolean *added)
{
  if (((size_t)m->count + 1) * 2 > (size_t)m->mask + 1) keymap_grow(m);
  const guintptr *keys = (const guintptr *)(void *)m->keys->data;
  size_t kb = m->words * sizeof(guintptr);
  for (guint32 i = (guint32)key_hash(key, m->words) & m->mask;; i = (i + 1) & m->mask) {
    guint32 s = m->slots[i];
    if (!s) {
      g_array_append_vals(m->keys, key, m->words);
      m->slots[i] = ++m->count;
      if (added) *added = TRUE;
      return m->count - 1;
    }
    if (memcmp(keys + (size_t)(s - 1) * m->words, key, kb) == 0) {
      if (added) *added = FALSE;
      return s - 1;
    }
  }
}

gint64 jd_keymap_find(const jd_keymap *m, const guintptr *key)
{
  const guintptr *keys = (const guintptr *)(void *)m->keys->data;
  size_t kb = m->words * sizeof(guintptr);
  for (guint32 i = (guint32)key_hash(key, m->words) & m->mask;; i = (i + 1) & m->mask) {
    guint32 s = m->slots[i];
    if (!s) return -1;
    if (memcmp(keys + (size_t)(s - 1) * m->words, key, kb) == 0) return (gint64)s - 1;
  }
}
