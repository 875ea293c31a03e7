/* The driver of the analysis (jd_analyze): numbers the rows of the table
 * (context.c, series.c), then audits the documents (audit.c) beside the
 * building of the series' stated points, on two threads above
 * THREAD_MIN_ROWS rows; adds the priors the audit implied to the series,
 * fits the trends and sorts the findings. One thread or two give the same
 * bytes. */
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze-series.h"

/* ---------------------------------------------------------------- findings */

typedef struct {
  guint64 key; /* severity (descending), document name, line */
  guint32 index;
  jd_finding *f;
} finding_key;

static int compare_finding_keys(const void *pa, const void *pb)
{
  const finding_key *a = pa, *b = pb;
  if (a->key != b->key) return a->key < b->key ? -1 : 1;
  return (a->index > b->index) - (a->index < b->index);
}

/* Findings by severity (errors first), then the document and line of their
 * first source; equal keys keep the order they were found in. */
static void sort_findings(jd_analysis *a, const jd_analyze_ctx *c)
{
  guint n = a->findings->len;
  finding_key *k = g_new(finding_key, n ? n : 1);
  for (guint i = 0; i < n; i++) {
    jd_finding *f = g_ptr_array_index(a->findings, i);
    guint64 sev = 3 - (guint64)CLAMP((int)f->severity, 0, 3);
    guint64 rank = f->n_sources ? jd_ctx_doc_rank_of(c, f->sources[0].doc) : 0;
    guint64 line = f->n_sources ? f->sources[0].line : 0;
    k[i].key = sev << 62 | (rank & 0x3fffffff) << 32 | line;
    k[i].index = i;
    k[i].f = f;
  }
  qsort(k, n, sizeof *k, compare_finding_keys);
  for (guint i = 0; i < n; i++) a->findings->pdata[i] = k[i].f;
  g_free(k);
}

/* ------------------------------------------------------------------- audit */

/* The audit's own results while it runs beside the series builder: a
 * second jd_analysis whose arena and findings are moved into the main one
 * afterwards. */
typedef struct {
  jd_analysis *sink;
  jd_analyze_ctx *c;
  jd_audit_plan *plan;
  guint32 from, to; /* documents of the plan */
  GArray *implied;  /* jd_implied_prior */
  gboolean ok;
  GError *error;
} audit_job;

static gpointer audit_thread(gpointer data)
{
  audit_job *job = data;
  job->ok = jd_audit_run(job->sink, job->c, job->plan, job->from, job->to, job->implied,
                         &job->error);
  return NULL;
}

static void audit_job_init(audit_job *job, const jd_analyze_options *options, jd_analyze_ctx *c)
{
  memset(job, 0, sizeof *job);
  job->sink = jd_analysis_new_empty(options);
  job->c = c;
  job->implied = g_array_new(FALSE, FALSE, sizeof(jd_implied_prior));
}

/* Moves what the job found into a: its arena blocks, its findings (appended
 * to all) and implied priors (appended to implied). */
static void audit_job_finish(audit_job *job, jd_analysis *a, GPtrArray *all, GArray *implied)
{
  jd_analysis *w = job->sink;
  if (!w) return;
  jd_analysis_take_blocks(a, w);
  if (all)
    for (guint i = 0; i < w->findings->len; i++) g_ptr_array_add(all, w->findings->pdata[i]);
  if (implied) g_array_append_vals(implied, job->implied->data, job->implied->len);
  jd_analysis_free(w);
  g_array_unref(job->implied);
  g_clear_error(&job->error);
  job->sink = NULL;
}

/* Below this many rows everything runs on the calling thread. Above, a
 * worker thread audits the first WORKER_SHARE of the rows while this thread
 * builds the stated points of the series and then audits the rest (about
 * an even split of the work on the benchmark's million rows). */
#define THREAD_MIN_ROWS 20000
#define WORKER_SHARE 0.85

/* Phase 2: the audit of most documents on a worker thread; here the stated
 * points, then the audit of the other documents. Then the audit's findings
 * go first (as found, document by document), then the series'; the
 * implied priors are appended to implied. */
static gboolean audit_beside_series(jd_analysis *a, jd_analyze_ctx *c, jd_series_set *set,
                                    GArray *implied, GError **error)
{
  audit_job job[2];
  audit_job_init(&job[0], &a->options, c);
  audit_job_init(&job[1], &a->options, c);
  jd_audit_plan *plan = jd_audit_plan_new(c);
  guint32 n_docs = jd_audit_plan_get_count(plan);
  gboolean threaded = c->n >= THREAD_MIN_ROWS && a->options.threads != 1;
  guint32 split = threaded ? jd_audit_plan_split(plan, WORKER_SHARE) : n_docs;
  for (int j = 0; j < 2; j++) job[j].plan = plan;
  job[0].to = job[1].from = split;
  job[1].to = n_docs;
  GThread *worker = NULL;
  if (threaded)
    worker = g_thread_new("jindu-audit", audit_thread, &job[0]);
  else
    audit_thread(&job[0]);

  jd_series_set_build_stated(set, a);
  audit_thread(&job[1]);
  if (worker) g_thread_join(worker);
  jd_audit_plan_free(plan);
  gboolean ok = TRUE;
  for (int j = 0; j < 2 && ok; j++)
    if (!job[j].ok) {
      g_propagate_error(error, job[j].error);
      job[j].error = NULL;
      ok = FALSE;
    }
  if (ok) {
    GPtrArray *all = g_ptr_array_sized_new(a->findings->len);
    for (int j = 0; j < 2; j++) audit_job_finish(&job[j], a, all, implied);
    for (guint i = 0; i < a->findings->len; i++) g_ptr_array_add(all, a->findings->pdata[i]);
    g_ptr_array_unref(a->findings);
    a->findings = all;
  }
  for (int j = 0; j < 2; j++) audit_job_finish(&job[j], a, NULL, NULL);
  return ok;
}

/* ------------------------------------------------------------------ driver */

jd_analysis *jd_analyze(const jd_figure_table *t, const jd_analyze_options *options,
                        GError **error)
{
  g_return_val_if_fail(t != NULL, NULL);
  jd_gsl_init();
  jd_analysis *a = jd_analysis_new_empty(options);
  a->table = jd_figure_table_ref_strings(t);
  jd_analyze_ctx c;
  jd_ctx_init(&c, a, t);
  jd_series_set *set = jd_series_set_new(&c);
  GArray *implied = g_array_new(FALSE, FALSE, sizeof(jd_implied_prior));

  /* phase 1: number the rows (document, period and series of each), then
   * settle what the audit looks up, so that it only reads the context */
  jd_series_set_number_rows(set);
  jd_ctx_settle(&c);
  gboolean ok = audit_beside_series(a, &c, set, implied, error); /* phase 2 */
  if (ok) {
    /* phase 3: implied priors by series, in the order the audit found them */
    jd_series_set_finish(set, a, implied);
    sort_findings(a, &c);
  }

  g_array_unref(implied);
  jd_series_set_free(set);
  jd_ctx_clear(&c);
  jd_analysis_drop_scratch(a);
  if (!ok) {
    jd_analysis_free(a);
    return NULL;
  }
  return a;
}
