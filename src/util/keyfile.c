/* The key-file checker (util/keyfile.h) shared by the build configuration,
 * chart themes and chart specs: the first unknown group or key, and the line
 * of a group or key in the file's text. */
#include "util/keyfile.h"

#include <string.h>

unsigned jd_keyfile_line(const char *text, const char *group, const char *key)
{
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  gboolean in_group = FALSE;
  for (unsigned i = 0; lines[i]; i++) {
    char *l = g_strstrip(lines[i]);
    if (*l == '[') {
      size_t n = strlen(l);
      in_group = n >= 2 && l[n - 1] == ']' && strlen(group) == n - 2 &&
                 strncmp(l + 1, group, n - 2) == 0;
      if (in_group && !key) return i + 1;
      continue;
    }
    if (in_group && key && g_str_has_prefix(l, key)) {
      const char *rest = l + strlen(key);
      while (*rest == ' ' || *rest == '\t') rest++;
      if (*rest == '=') return i + 1;
    }
  }
  return 0;
}

gboolean jd_keyfile_check(GKeyFile *kf, const char *text, jd_keyfile_known_func known, void *data,
                          char **group, char **key, unsigned *line)
{
  g_auto(GStrv) groups = g_key_file_get_groups(kf, NULL);
  for (size_t g = 0; groups[g]; g++) {
    if (!known(groups[g], NULL, data)) {
      *group = g_strdup(groups[g]);
      *key = NULL;
      *line = jd_keyfile_line(text, groups[g], NULL);
      return FALSE;
    }
    g_auto(GStrv) keys = g_key_file_get_keys(kf, groups[g], NULL, NULL);
    for (size_t k = 0; keys && keys[k]; k++) {
      if (!known(groups[g], keys[k], data)) {
        *group = g_strdup(groups[g]);
        *key = g_strdup(keys[k]);
        *line = jd_keyfile_line(text, groups[g], keys[k]);
        return FALSE;
      }
    }
  }
  return TRUE;
}

gboolean jd_keyfile_find_duplicate(const char *text, char **group, char **key, unsigned *line)
{
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cur = g_strdup("");
  gboolean dup = FALSE;
  for (unsigned i = 0; lines[i] && !dup; i++) {
    char *l = g_strstrip(lines[i]);
    if (!*l || *l == '#') continue;
    if (*l == '[') {
      size_t n = strlen(l);
      g_free(cur);
      cur = n >= 2 && l[n - 1] == ']' ? g_strndup(l + 1, n - 2) : g_strdup(l);
      continue;
    }
    char *eq = strchr(l, '=');
    if (!eq) continue;
    g_autofree char *k = g_strstrip(g_strndup(l, (gsize)(eq - l)));
    char *id = g_strdup_printf("%s\x1f%s", cur, k);
    if (!g_hash_table_add(seen, id)) {
      *group = g_strdup(cur);
      *key = g_strdup(k);
      *line = i + 1;
      dup = TRUE;
    }
  }
  g_hash_table_destroy(seen);
  return dup;
}
