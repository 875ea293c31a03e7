/* Options that name a metric, drug or region take an id, a Chinese name or
 * an alias (catalog.h); an unknown one is a usage error that says "did you
 * mean …". */
#include <string.h>

#include "names-option.h"

/* The distinct values of one column of t (NULL-terminated). */
static char **present_values(const jd_figure_table *t, jd_catalog_kind kind)
{
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  GPtrArray *out = g_ptr_array_new();
  for (size_t i = 0; t && i < jd_figure_table_get_count(t); i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    const char *v = kind == JD_CATALOG_METRIC ? f->metric : kind == JD_CATALOG_DRUG ? f->drug
                                                                                      : f->region;
    if (v && *v && g_hash_table_add(seen, (gpointer)v)) g_ptr_array_add(out, g_strdup(v));
  }
  g_ptr_array_add(out, NULL);
  g_hash_table_unref(seen);
  return (char **)g_ptr_array_free(out, FALSE);
}

int jd_cli_resolve_names(jd_catalog_kind kind, char **value, const jd_figure_table *t,
                         const char *option)
{
  if (!*value || !**value) return JD_EXIT_OK;
  GError *err = NULL;
  jd_lexicon *lx = jd_lexicon_load(NULL, &err);
  if (!lx) return jd_cli_fail(err, JD_EXIT_INPUT);
  g_auto(GStrv) present = present_values(t, kind);
  char *ids = jd_catalog_resolve_list(lx, kind, *value, (const char *const *)present, &err);
  jd_lexicon_free(lx);
  if (!ids) {
    jd_cli_error("%s: %s", option, err->message);
    g_error_free(err);
    return JD_EXIT_USAGE;
  }
  g_free(*value);
  *value = ids;
  return JD_EXIT_OK;
}
