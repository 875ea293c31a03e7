/* A map from a tuple of pointer-sized words to dense indices 0, 1, 2 ... in
 * order of insertion, by open addressing (keymap.c). The analysis numbers
 * documents, periods and series with it, comparing strings by pointer. */
#pragma once

#include <glib.h>
#include <stddef.h>

typedef struct {
  guint32 *slots; /* index + 1; 0 empty */
  guint32 mask;
  guint32 count;
  guint words;
  GArray *keys;   /* guintptr, words per entry */
} jd_keymap;

/* An empty map of keys of `words` words; release with jd_keymap_destroy. */
void jd_keymap_init(jd_keymap *m, guint words);
/* Empties m, sized for about `expected` keys. */
void jd_keymap_reset(jd_keymap *m, size_t expected);
void jd_keymap_destroy(jd_keymap *m);
/* The index of key, added when absent (*added TRUE then; added may be NULL). */
guint32 jd_keymap_intern(jd_keymap *m, const guintptr *key, gboolean *added);
/* The index of key or -1. */
gint64 jd_keymap_find(const jd_keymap *m, const guintptr *key);
