/* Chinese display names of the extractor's ids (names.h), read from
 * data/lexicon/names.tsv (util/names-table.c) so a name is corrected in the
 * data, not in the code. */
#include <stdio.h>
#include <string.h>

#include "jindu/names.h"
#include "util/names-table.h"

gboolean jd_names_load(GError **error) { return jd_names_table_load(error); }

/* The phrase id of names.tsv with {1} and {2} filled in. Caller frees. */
static char *phrase(const char *id, const char *one, const char *two)
{
  const char *p = jd_names_row_column(jd_names_table_find("phrase", id), 0);
  GString *out = g_string_new(NULL);
  for (; *p; p++) {
    if (p[0] == '{' && (p[1] == '1' || p[1] == '2') && p[2] == '}') {
      const char *arg = p[1] == '1' ? one : two;
      g_string_append(out, arg ? arg : "");
      p += 2;
    } else {
      g_string_append_c(out, *p);
    }
  }
  return g_string_free(out, FALSE);
}

int jd_metric_rank(const char *id)
{
  size_t n = 0;
  const jd_names_row *const *rows = jd_names_table_rows("metric", &n);
  const jd_names_row *row = jd_names_table_find("metric", id);
  for (size_t i = 0; row && i < n; i++)
    if (rows[i] == row) return (int)i;
  return (int)n;
}

const char *jd_metric_title(const char *id)
{
  const jd_names_row *row = jd_names_table_find("metric", id);
  return row ? jd_names_row_column(row, 0) : NULL;
}

const char *jd_metric_person_unit(const char *id)
{
  const char *unit = jd_names_row_column(jd_names_table_find("metric", id), 1);
  return *unit ? unit : NULL;
}

const char *jd_drug_name(const char *drug)
{
  const jd_names_row *row = jd_names_table_find("drug", drug);
  return row ? jd_names_row_column(row, 0) : drug;
}

const char *jd_unit_name(const char *unit)
{
  return jd_names_row_column(jd_names_table_find("unit", unit), 0);
}

const char *jd_unit_axis_label(const char *unit)
{
  const char *label = jd_names_row_column(jd_names_table_find("unit", unit), 1);
  return *label ? label : NULL;
}

char *jd_part_name(const char *tag)
{
  const jd_names_row *row = jd_names_table_find("part", tag);
  if (row) return g_strdup(jd_names_row_column(row, 0));
  int a, b;
  char c;
  char one[16], two[16];
  if (sscanf(tag, "under_%d%c", &a, &c) == 1) {
    g_snprintf(one, sizeof one, "%d", a);
    return phrase("age_under", one, NULL);
  }
  if (sscanf(tag, "over_%d%c", &a, &c) == 1) {
    g_snprintf(one, sizeof one, "%d", a);
    return phrase("age_over", one, NULL);
  }
  if (sscanf(tag, "%d_%d%c", &a, &b, &c) == 2) {
    g_snprintf(one, sizeof one, "%d", a);
    g_snprintf(two, sizeof two, "%d", b);
    return phrase("age_range", one, two);
  }
  return phrase("unknown_part", NULL, NULL);
}

char *jd_metric_name(const char *metric)
{
  if (!metric || !*metric) return phrase("no_metric", NULL, NULL);
  const char *title = jd_metric_title(metric);
  if (title) return g_strdup(title);
  /* a count the lexicon knows is not a drug-control one (各类刑事案件) */
  if (strcmp(metric, "other") == 0 || g_str_has_prefix(metric, "other_"))
    return phrase("other_metric", NULL, NULL);
  /* a part of a known metric: the longest metric id followed by '_' */
  size_t n = 0, best = 0;
  const jd_names_row *const *rows = jd_names_table_rows("metric", &n);
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(rows[i]->id);
    if (len > best && strncmp(metric, rows[i]->id, len) == 0 && metric[len] == '_') {
      best = len;
      title = jd_names_row_column(rows[i], 0);
    }
  }
  if (!title && g_str_has_prefix(metric, "users_")) {
    g_autofree char *age = jd_part_name(metric + strlen("users_"));
    return phrase("users_of", age, NULL);
  }
  if (!title) return g_strdup(metric);
  g_autofree char *part = jd_part_name(metric + best + 1);
  return phrase("metric_part", title, part);
}
