/* What a scope word means for the part-of-whole check: the classes of
 * data/lexicon/scopes.tsv (surface, scope, class) and the part words of
 * data/lexicon/subsets.tsv. A channel, operation,
 * single case, subset or organisation counts part of the whole its metric
 * names; an outside geography (全球, 境外) does not; a word the file does not
 * know is unknown, so no check on it can be certain. */
#include <string.h>

#include "analyze/audit-private.h"
#include "jindu/jindu.h"

/* Adds the rows of a TSV file: key column -> class column, or -> `cls` when
 * cls is given (never replacing a word already known). */
static void load_words(GHashTable *t, const char *relative, int key_col, int class_col,
                       const char *cls)
{
  g_autofree char *path = jd_lexicon_path(relative);
  g_autofree char *text = NULL;
  if (!path || !g_file_get_contents(path, &text, NULL, NULL)) return;
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  for (char **l = lines; *l; l++) {
    if (**l == '#' || !**l) continue;
    g_auto(GStrv) col = g_strsplit(g_strchomp(*l), "\t", -1);
    int n = (int)g_strv_length(col);
    if (n <= key_col || !*col[key_col] || (!cls && n <= class_col)) continue;
    if (g_hash_table_contains(t, col[key_col])) continue;
    g_hash_table_insert(t, g_strdup(col[key_col]), g_strdup(cls ? cls : col[class_col]));
  }
}

/* scopes.tsv's scope words with their classes; the words of subsets.tsv
 * (女性, 团伙 …: what follows 其中) are subsets. */
GHashTable *jd_audit_scope_classes_load(void)
{
  GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  load_words(t, "scopes.tsv", 1, 2, NULL);
  load_words(t, "subsets.tsv", 0, 0, "subset");
  return t;
}

static jd_scope_kind word_kind(GHashTable *classes, const char *word)
{
  const char *cls = g_hash_table_lookup(classes, word);
  if (!cls) return JD_SCOPE_UNKNOWN;
  static const char *const parts[] = {"channel", "operation", "case", "subset", "org"};
  for (size_t i = 0; i < G_N_ELEMENTS(parts); i++)
    if (strcmp(cls, parts[i]) == 0) return JD_SCOPE_PART;
  return strcmp(cls, "outside") == 0 ? JD_SCOPE_OUTSIDE : JD_SCOPE_UNKNOWN;
}

jd_scope_kind jd_audit_scope_kind(GHashTable *classes, const char *scope)
{
  if (!*scope) return JD_SCOPE_WHOLE;
  if (strcmp(scope, "?") == 0 || !classes) return JD_SCOPE_UNKNOWN;
  /* several words: a part only when every word is one */
  g_auto(GStrv) words = g_strsplit(scope, " ", -1);
  jd_scope_kind k = JD_SCOPE_PART;
  for (char **w = words; *w; w++) {
    if (!**w) continue;
    jd_scope_kind wk = word_kind(classes, *w);
    if (wk == JD_SCOPE_OUTSIDE) return JD_SCOPE_OUTSIDE;
    if (wk != JD_SCOPE_PART) k = JD_SCOPE_UNKNOWN;
  }
  return k;
}
