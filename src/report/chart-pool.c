/* Chart files drawn on all cores (`jindu build`, `jindu report --charts`):
 * a GLib thread pool renders independent charts at once, each with its own
 * cairo surface and its thread's Pango font map (render/fonts.c), into its
 * own slot, so the bytes are those of the serial path whatever the number
 * of threads. */
#include <stdlib.h>

#include "jindu/report.h"

int jd_report_jobs(int requested)
{
  if (requested > 0) return requested;
  const char *env = g_getenv("JINDU_JOBS");
  if (env && *env) {
    char *end = NULL;
    long n = strtol(env, &end, 10);
    if (end && !*end && n > 0 && n <= 1024) return (int)n;
  }
  guint n = g_get_num_processors();
  return n > 0 ? (int)MIN(n, 64u) : 1;
}

typedef struct {
  const jd_report *report;
  const char *size;
} pool_data;

static void render_one(gpointer job_p, gpointer data_p)
{
  jd_report_chart_job *job = job_p;
  const pool_data *d = data_p;
  job->data = jd_report_render_chart(d->report, job->section, job->format, d->size, &job->error);
}

gboolean jd_report_render_charts(const jd_report *report, const char *size, jd_report_chart_job *jobs,
                                 size_t n, int threads, GError **error)
{
  pool_data d = {report, size};
  GThreadPool *pool = NULL;
  if (threads > 1 && n > 1)
    pool = g_thread_pool_new(render_one, &d, (gint)MIN((size_t)threads, n), TRUE, NULL);
  for (size_t i = 0; i < n; i++) {
    if (pool)
      g_thread_pool_push(pool, &jobs[i], NULL);
    else
      render_one(&jobs[i], &d);
  }
  if (pool) g_thread_pool_free(pool, FALSE, TRUE); /* waits for every job */
  for (size_t i = 0; i < n; i++) /* the first failure in the serial order */
    if (jobs[i].error) {
      g_propagate_error(error, g_error_copy(jobs[i].error));
      return FALSE;
    }
  return TRUE;
}
