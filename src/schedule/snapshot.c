/* A dated snapshot of each build's figures (build-private.h), the history
 * that `jindu diff` compares: OUTPUT/history/DATE.csv, one per day (a later
 * build of the same day replaces it), written atomically. */
#include <errno.h>

#include <string.h>

#include "schedule/build-private.h"
#include "jindu/diff.h"

static char *build_date(const jd_build_config *c)
{
  if (c->report.date && *c->report.date) return g_strdup(c->report.date);
  GDateTime *now = g_date_time_new_now_utc();
  char *date = g_date_time_format(now, "%Y-%m-%d");
  g_date_time_unref(now);
  return date;
}

char *jd_build_changes_since_last(const jd_build_config *c, const jd_figure_table *figures)
{
  g_autofree char *date = build_date(c);
  g_autofree char *dir = g_build_filename(c->output_dir, JD_BUILD_HISTORY, NULL);
  g_autofree char *mine = g_strdup_printf("%s.csv", date);
  g_autofree char *last = NULL; /* the latest name before this build's date */
  GDir *d = g_dir_open(dir, 0, NULL);
  if (!d) return NULL;
  const char *n;
  while ((n = g_dir_read_name(d)))
    if (g_str_has_suffix(n, ".csv") && strcmp(n, mine) < 0 && (!last || strcmp(n, last) > 0))
      g_free(last), last = g_strdup(n);
  g_dir_close(d);
  if (!last) return NULL;
  g_autofree char *path = g_build_filename(dir, last, NULL);
  jd_figure_table *old = jd_figure_table_new();
  jd_diff_counts counts;
  char *summary = NULL;
  if (jd_figure_table_read_file(old, path, NULL) &&
      jd_diff_tables(old, figures, NULL, &counts, NULL))
    summary = jd_diff_summary(&counts);
  jd_figure_table_free(old);
  return summary;
}

gboolean jd_build_snapshot_save(jd_atomic_batch *batch, const jd_build_config *c,
                                const jd_figure_table *figures, GError **error)
{
  g_autofree char *date = build_date(c);
  g_autofree char *dir = g_build_filename(c->output_dir, JD_BUILD_HISTORY, NULL);
  if (g_mkdir_with_parents(dir, 0755) != 0) {
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_OUTPUT,
                "%s: cannot create the history directory: %s — check the permissions", dir,
                g_strerror(errno));
    return FALSE;
  }
  GString *s = g_string_new(NULL);
  jd_figure_write_header(s, JD_FORMAT_CSV, FALSE);
  for (size_t i = 0; i < jd_figure_table_get_count(figures); i++)
    jd_figure_write(s, jd_figure_table_get(figures, i), JD_FORMAT_CSV);
  g_autofree char *name = g_strdup_printf("%s.csv", date);
  g_autofree char *path = g_build_filename(dir, name, NULL);
  gboolean ok = jd_build_write(batch, path, s->str, s->len, error);
  g_string_free(s, TRUE);
  return ok;
}
