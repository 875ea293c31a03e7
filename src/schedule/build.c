/* `jindu build`: the scheduled pipeline. Hashes every input, the
 * configuration and jindu's version into a manifest kept in the output
 * directory; when the manifest matches and the outputs are intact the build
 * is a no-op. Otherwise documents are extracted, figure tables and curated
 * overrides merged, the report rendered (on a thread of its own) and the
 * chart files whose digest changed drawn (on a thread pool; the others are
 * kept undrawn), and each output replaced atomically (only when its bytes
 * changed) in one batch: all written, synced at once, renamed, the manifest
 * last. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "schedule/build-private.h"
#include "jindu/analyze.h"
#include "jindu/chart.h"
#include "jindu/extract.h"
#include "jindu/report-formats.h"
#include "jindu/workbook.h"
#include "jindu/jindu.h"
#include "jindu/text.h"
#include "util/module.h"

typedef jd_manifest_entry manifest_entry;
#define manifest_entry_free jd_manifest_entry_free
#define entry_new jd_manifest_entry_new

static char *hash_bytes(const void *data, size_t len)
{
  return g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
}

/* SHA-256 of a file, read in 1 MiB chunks: memory stays bounded whatever the
 * file's size (a 200 MB document is never held whole). */
static char *hash_file(const char *path, GError **error)
{
  FILE *f = fopen(path, "rb");
  if (!f) {
    int e = errno;
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_INPUT,
                "%s: cannot read: %s — fix the path in the configuration", path, g_strerror(e));
    return NULL;
  }
  GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
  enum { CHUNK = 1 << 20 };
  guchar *buf = g_malloc(CHUNK);
  size_t got;
  while ((got = fread(buf, 1, CHUNK, f)) > 0) g_checksum_update(ck, buf, (gssize)got);
  int failed = ferror(f) ? (errno ? errno : EIO) : 0;
  fclose(f);
  g_free(buf);
  char *h = failed ? NULL : g_strdup(g_checksum_get_string(ck));
  g_checksum_free(ck);
  if (failed)
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_INPUT,
                "%s: cannot read: %s — fix the path in the configuration", path, g_strerror(failed));
  return h;
}

/* The entries by kind and path ("KIND\nPATH": a kind has no newline), the
 * first of each: a manifest of 10,000 documents is looked up in constant
 * time, not by walking it for each input. */
static GHashTable *index_entries(const GPtrArray *entries)
{
  GHashTable *idx = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; entries && i < entries->len; i++) {
    const manifest_entry *e = entries->pdata[i];
    char *key = g_strconcat(e->kind, "\n", e->path, NULL);
    if (g_hash_table_contains(idx, key))
      g_free(key);
    else
      g_hash_table_insert(idx, key, (gpointer)e);
  }
  return idx;
}

static const manifest_entry *find_entry(GHashTable *idx, const char *kind, const char *path)
{
  if (!idx) return NULL;
  g_autofree char *key = g_strconcat(kind, "\n", path, NULL);
  return g_hash_table_lookup(idx, key);
}

static void progress(const jd_build_options *o, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void progress(const jd_build_options *o, const char *fmt, ...)
{
  if (!o->progress) return;
  va_list ap;
  va_start(ap, fmt);
  g_autofree char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  o->progress(msg, o->progress_data);
}

void jd_build_result_clear(jd_build_result *r)
{
  if (!r) return;
  g_clear_pointer(&r->changed, g_ptr_array_unref);
  g_clear_pointer(&r->warnings, g_ptr_array_unref);
  g_clear_pointer(&r->outputs, g_ptr_array_unref);
  g_clear_pointer(&r->summary, g_free);
  g_clear_pointer(&r->skipped, g_ptr_array_unref);
  g_clear_pointer(&r->skipped_errors, g_ptr_array_unref);
  memset(r, 0, sizeof *r);
}

static int cmp_path(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Lexicon and theme files change what a build produces, so they are inputs
 * too, the lexicon's in the order of their names. */
static void add_data_files(GPtrArray *paths, const jd_build_config *c)
{
  g_autofree char *lex = jd_lexicon_dir();
  GDir *d = g_dir_open(lex, 0, NULL);
  if (d) {
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *n;
    while ((n = g_dir_read_name(d)))
      if (g_str_has_suffix(n, ".tsv")) g_ptr_array_add(names, g_build_filename(lex, n, NULL));
    g_dir_close(d);
    g_ptr_array_sort(names, cmp_path);
    for (guint i = 0; i < names->len; i++) g_ptr_array_add(paths, g_strdup(names->pdata[i]));
    g_ptr_array_unref(names);
  }
  const char *theme = c->report.theme && *c->report.theme ? c->report.theme : "default";
  if (strchr(theme, '/') || g_str_has_suffix(theme, ".ini")) {
    g_ptr_array_add(paths, g_canonicalize_filename(theme, c->base_dir));
  } else {
    g_autofree char *rel = g_strdup_printf("data/themes/%s.ini", theme);
    char *p = jd_data_path(rel);
    if (g_file_test(p, G_FILE_TEST_EXISTS))
      g_ptr_array_add(paths, p);
    else
      g_free(p);
  }
}

/* Where extraction reports to: skipped (and its errors) NULL stops at the
 * first bad document; else a bad document is listed there and the rest go on. */
typedef struct {
  GPtrArray *skipped, *skipped_errors;
  const jd_build_options *o;
  GPtrArray *warnings; /* what extraction left out or replaced; may be NULL */
  /* the extraction cache (cache.c), all NULL outside a build: the last
   * build's (NULL: none usable, or --force), the next one, each document's
   * hash (NULL: unreadable, never cached) and the count of documents reused */
  const jd_extract_cache *cache;
  GString *next_cache;
  const char *const *hashes;
  size_t *reused;
} extract_sink;

static guint64 file_size(const char *path)
{
  GStatBuf st;
  return g_stat(path, &st) == 0 && st.st_size > 0 ? (guint64)st.st_size : 0;
}

static void document_progress(const extract_sink *k, size_t done, size_t n, guint64 bytes,
                              guint64 total)
{
  if (k && k->o && k->o->document_progress)
    k->o->document_progress(done, n, bytes, total, k->o->progress_data);
}

/* Extracts one document into t and, when it has a hash (a regular file
 * that could be read), adds its figures and warnings to the next cache. */
static gboolean extract_one(const jd_lexicon *lex, const char *doc, const char *hash, int encoding,
                            jd_figure_table *t, const extract_sink *k, GError **error)
{
  GPtrArray *warnings = k ? k->warnings : NULL;
  GString *next = k && hash ? k->next_cache : NULL;
  size_t first = jd_figure_table_get_count(t);
  guint first_warning = warnings ? warnings->len : 0;
  if (!jd_build_extract_document(lex, doc, NULL, 0, encoding, t, warnings, error)) return FALSE;
  if (next) jd_extract_cache_add(next, doc, hash, t, first, warnings, first_warning);
  return TRUE;
}

/* Extracts every document into t with the project's lexicon (loaded on the
 * first document the extraction cache does not hold). */
static gboolean extract_documents(const char *const *docs, size_t n, int encoding,
                                  jd_figure_table *t, const extract_sink *k, GError **error)
{
  if (n == 0) return TRUE;
  GError *err = NULL;
  guint64 total = 0, bytes = 0;
  if (k && k->o && k->o->document_progress)
    for (size_t i = 0; i < n; i++) total += file_size(docs[i]);
  jd_lexicon *lex = NULL;
  gboolean ok = TRUE;
  document_progress(k, 0, n, 0, total);
  for (size_t i = 0; ok && i < n; i++) {
    const char *hash = k && k->hashes ? k->hashes[i] : NULL;
    if (k && jd_extract_cache_reuse(k->cache, k->next_cache, docs[i], hash, t, k->warnings)) {
      (*k->reused)++;
      if (total) bytes += file_size(docs[i]);
      document_progress(k, i + 1, n, bytes, total);
      continue;
    }
    if (!lex) {
      g_autofree char *dir = jd_lexicon_dir();
      lex = jd_lexicon_load(dir, &err);
      if (!lex) {
        g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_INPUT, "%s", err->message);
        g_error_free(err);
        return FALSE;
      }
    }
    if (!extract_one(lex, docs[i], hash, encoding, t, k, &err)) {
      if (k && k->skipped) {
        g_ptr_array_add(k->skipped, g_strdup(docs[i]));
        g_ptr_array_add(k->skipped_errors, g_strdup(err->message));
        g_clear_error(&err);
      } else {
        g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_INPUT, "%s", err->message);
        g_error_free(err);
        ok = FALSE;
      }
    }
    if (total) bytes += file_size(docs[i]);
    document_progress(k, i + 1, n, bytes, total);
  }
  if (lex) jd_lexicon_free(lex);
  return ok;
}

static gboolean load_figures(const char *const *documents, size_t n_documents,
                             const char *const *figure_files, const char *const *override_files,
                             int encoding, jd_figure_table *t, const extract_sink *k,
                             GError **error)
{
  GError *err = NULL;
  if (!extract_documents(documents, n_documents, encoding, t, k, error)) return FALSE;
  if (!jd_figure_table_load(t, figure_files, override_files, &err)) {
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_INPUT, "%s", err->message);
    g_error_free(err);
    return FALSE;
  }
  jd_figure_table_sort(t);
  return TRUE;
}

gboolean jd_build_load_figures(const char *const *documents, size_t n_documents,
                               const char *const *figure_files, const char *const *override_files,
                               int encoding, jd_figure_table *t, GPtrArray *warnings,
                               GError **error)
{
  extract_sink k = {NULL, NULL, NULL, warnings, NULL, NULL, NULL, NULL};
  return load_figures(documents, n_documents, figure_files, override_files, encoding, t, &k,
                      error);
}

static void to_table(const jd_figure *f, const char *explanation, gpointer data)
{
  (void)explanation;
  jd_figure_table_take(data, jd_figure_copy(f));
}

gboolean jd_build_extract_document(const jd_lexicon *lexicon, const char *path, const char *data,
                                   size_t len, int encoding, jd_figure_table *t,
                                   GPtrArray *warnings, GError **error)
{
  jd_load_options lo = JD_LOAD_OPTIONS_INIT;
  lo.encoding = (jd_encoding)encoding;
  jd_reader *r = data ? jd_reader_open_bytes(path, data, len, &lo, error)
                      : jd_reader_open(path, &lo, error);
  if (!r) return FALSE;
  jd_extractor *x = jd_extractor_new(lexicon, NULL);
  gboolean ok = jd_extract_reader(x, r, to_table, t, warnings, error);
  jd_extractor_free(x);
  jd_reader_free(r);
  return ok;
}

/* One run of the build: what each step hands to the next. */
typedef struct {
  const jd_build_config *c;
  const jd_build_options *o;
  jd_build_result *r;
  GPtrArray *docs;        /* the documents, directories expanded */
  GPtrArray *inputs;      /* every input file: documents, tables, overrides, data files */
  GPtrArray *entries;     /* the manifest being made */
  GPtrArray *old;         /* the last build's manifest, or NULL */
  GHashTable *old_index;  /* its entries by kind and path (index_entries), or NULL */
  char *manifest_path;
  char *charts_dir;       /* NULL when no chart files are made */
  gboolean outputs_intact;/* the last build's outputs are as it left them */
  gboolean same_render;   /* the render key is the last build's: an intact briefing stays */
  GHashTable *intact;     /* output path -> hash, of the last build's outputs left as they were */
  char *chart_base;       /* what every chart file depends on beyond its digest */
  char *extract_id;       /* what extraction depends on beyond a document's bytes */
  GPtrArray *doc_hashes;  /* each document's hash (borrowed from entries; NULL: never cached,
                             unreadable or not a regular file) */
  GString *next_cache;    /* the extraction cache this build writes, or NULL */
  jd_atomic_batch *batch; /* this build's files, synced and renamed together */
  int lock_fd;
} build_run;

typedef struct {
  char *rel;    /* path relative to the output directory */
  GBytes *data; /* NULL when kept */
  char *kept;   /* a chart file kept undrawn: its hash */
  char *chart;  /* a chart file: its key (jd_report_chart_digest and chart_base) */
} output;

static void output_free(gpointer p)
{
  output *o = p;
  g_free(o->rel);
  g_free(o->kept);
  g_free(o->chart);
  if (o->data) g_bytes_unref(o->data);
  g_free(o);
}

static gboolean ensure_dir(const char *dir, GError **error)
{
  if (g_mkdir_with_parents(dir, 0755) != 0) {
    int e = errno;
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_OUTPUT,
                "%s: cannot create the output directory: %s — check the path and permissions",
                dir, g_strerror(e));
    return FALSE;
  }
  return TRUE;
}

/* The figures and their analysis as a workbook, created on the report's date. */
static GBytes *figures_workbook(const jd_build_config *c, const jd_figure_table *figures,
                                GError **error)
{
  jd_analyze_options ao = JD_ANALYZE_OPTIONS_INIT;
  GError *err = NULL;
  jd_analysis *a = jd_analyze(figures, &ao, &err);
  GBytes *b = NULL;
  if (a) {
    gint64 created = JD_WORKBOOK_EPOCH;
    int y, m, d;
    if (c->report.date && jd_report_parse_date(c->report.date, &y, &m, &d)) {
      GDateTime *dt = g_date_time_new_utc(y, m, d, 0, 0, 0);
      created = g_date_time_to_unix(dt);
      g_date_time_unref(dt);
    }
    b = jd_workbook_render(figures, a, created, &err);
    jd_analysis_free(a);
  }
  if (!b) {
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_OUTPUT, "%s", err->message);
    g_error_free(err);
  }
  return b;
}

/* The charts directory inside the output directory, made when missing; a
 * symbolic link there is refused (outputs are written only where we mean). */
static gboolean real_charts_dir(const char *dir, GError **error)
{
  GStatBuf st;
  if (g_lstat(dir, &st) == 0 && S_ISLNK(st.st_mode)) {
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_OUTPUT,
                "%s: is a symbolic link — jindu writes charts only into a real directory inside "
                "the output directory; remove the link or set [output] charts",
                dir);
    return FALSE;
  }
  return ensure_dir(dir, error);
}

/* A chart's file name from its stem: [a-z0-9_-] only (anything else
 * becomes '_'), so no figure's id can name a path. Caller frees. */
static char *slug(const char *stem)
{
  char *s = g_strdup(stem && *stem ? stem : "chart");
  for (char *p = s; *p; p++)
    if (!(g_ascii_islower(*p) || g_ascii_isdigit(*p) || *p == '_' || *p == '-')) *p = '_';
  return s;
}

/* A chart file's key: its digest with the data files and the program. */
static char *chart_key(const build_run *b, const char *digest)
{
  g_autofree char *both = g_strconcat(digest, " ", b->chart_base, NULL);
  return hash_bytes(both, strlen(both));
}

/* The chart files: each section's chart in each format. A chart whose key
 * is the last build's, its file as that build left it, is kept undrawn; the
 * others are drawn on the build's threads. */
static gboolean chart_outputs(build_run *b, const jd_report *report, GPtrArray *outputs,
                              int threads, GError **error)
{
  const jd_build_config *c = b->c;
  GArray *jobs = g_array_new(FALSE, TRUE, sizeof(jd_report_chart_job));
  GPtrArray *slots = g_ptr_array_new(); /* the output of each job */
  gboolean ok = TRUE;
  for (size_t i = 0; ok && i < jd_report_get_section_count(report); i++) {
    g_autofree char *stem = slug(jd_report_get_chart_stem(report, i));
    for (char **f = c->chart_formats; ok && *f; f++) {
      output *out = g_new0(output, 1);
      out->rel = g_strdup_printf("%s/%s.%s", c->charts_dir_name, stem, *f);
      g_ptr_array_add(outputs, out);
      g_autofree char *digest = jd_report_chart_digest(report, i, *f, c->chart_size, error);
      if (!digest) {
        ok = FALSE;
        break;
      }
      out->chart = chart_key(b, digest);
      const manifest_entry *prev = find_entry(b->old_index, "chart", out->rel);
      const char *was = b->intact ? g_hash_table_lookup(b->intact, out->rel) : NULL;
      if (!b->o->force && prev && was && strcmp(prev->hash, out->chart) == 0) {
        out->kept = g_strdup(was);
        b->r->charts_reused++;
        continue;
      }
      jd_report_chart_job job = {i, *f, NULL, NULL};
      g_array_append_val(jobs, job);
      g_ptr_array_add(slots, out);
    }
  }
  if (ok && jobs->len)
    progress(b->o, "drawing %u chart file%s (%zu unchanged) on %d thread%s", jobs->len,
             jobs->len == 1 ? "" : "s", b->r->charts_reused, threads, threads == 1 ? "" : "s");
  if (ok)
    ok = jd_report_render_charts(report, c->chart_size, (jd_report_chart_job *)(void *)jobs->data,
                                 jobs->len, threads, error);
  for (guint k = 0; k < jobs->len; k++) {
    jd_report_chart_job *j = &g_array_index(jobs, jd_report_chart_job, k);
    ((output *)slots->pdata[k])->data = j->data;
    if (j->error) g_error_free(j->error);
  }
  if (ok) b->r->charts_drawn += jobs->len;
  g_array_unref(jobs);
  g_ptr_array_unref(slots);
  return ok;
}

/* The briefings of a build (one per report= name), rendered in order. */
typedef struct {
  const jd_report *report;
  GPtrArray *outs; /* output*, borrowed */
  size_t pages;    /* of the first PDF */
  GError *error;
} briefings;

static gpointer render_briefings(gpointer p)
{
  briefings *w = p;
  for (guint k = 0; k < w->outs->len; k++) {
    output *out = w->outs->pdata[k];
    jd_report_format format = JD_REPORT_PDF;
    jd_report_format_from_path(out->rel, &format);
    size_t pages = 0;
    out->data = jd_report_render_as(w->report, format, &pages, &w->error);
    if (!out->data) break;
    if (format == JD_REPORT_PDF && !w->pages) w->pages = pages;
  }
  return NULL;
}

/* The pages of the last build's briefing (its status). */
static size_t last_pages(const char *output_dir)
{
  jd_build_result last = {0};
  last.skipped = g_ptr_array_new_with_free_func(g_free);
  last.skipped_errors = g_ptr_array_new_with_free_func(g_free);
  jd_build_status_load(output_dir, &last);
  size_t pages = last.pages;
  jd_build_result_clear(&last);
  return pages;
}

/* Renders every output into memory (a kept chart file or briefing stays
 * undrawn). */
static gboolean render_outputs(build_run *b, const jd_figure_table *figures, GPtrArray *outputs,
                               GError **error)
{
  const jd_build_config *c = b->c;
  const jd_build_options *o = b->o;
  jd_build_result *r = b->r;
  jd_report *report = NULL;
  gboolean ok = FALSE;
  GError *err = NULL;

  for (char **name = c->figures_names; name && *name; name++) {
    output *out = g_new0(output, 1);
    out->rel = g_strdup(*name);
    g_ptr_array_add(outputs, out);
    if (g_str_has_suffix(*name, ".xlsx")) {
      progress(o, "writing %s", *name);
      out->data = figures_workbook(c, figures, error);
      if (!out->data) return FALSE;
      continue;
    }
    GString *s = g_string_new(NULL);
    jd_figure_format fmt = g_str_has_suffix(*name, ".jsonl") ? JD_FORMAT_JSONL : JD_FORMAT_CSV;
    jd_figure_write_header(s, fmt, fmt == JD_FORMAT_CSV);
    for (size_t i = 0; i < jd_figure_table_get_count(figures); i++)
      jd_figure_write(s, jd_figure_table_get(figures, i), fmt);
    out->data = g_string_free_to_bytes(s);
  }
  if (!(c->report_names && *c->report_names) && !*c->charts_dir_name) return TRUE;

  progress(o, "analysing %zu figures", jd_figure_table_get_count(figures));
  jd_report_options ro = c->report; /* shallow: jd_report_new copies it */
  GPtrArray *unread = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < r->skipped->len; i++)
    g_ptr_array_add(unread, g_path_get_basename(r->skipped->pdata[i]));
  g_ptr_array_add(unread, NULL);
  ro.unread = r->skipped->len ? (char **)unread->pdata : NULL;
  char *changes = jd_build_changes_since_last(c, figures);
  ro.changes = changes;
  report = jd_report_new(figures, &ro, &err);
  g_ptr_array_unref(unread);
  g_free(changes);
  if (!report) goto fail;
  r->audit_findings = jd_report_get_finding_count(report);

  /* the briefings on a thread of their own while the charts are drawn */
  briefings w = {report, g_ptr_array_new(), 0, NULL};
  gboolean kept_briefing = FALSE;
  for (char **name = c->report_names; name && *name; name++) {
    output *out = g_new0(output, 1);
    out->rel = g_strdup(*name);
    g_ptr_array_add(outputs, out);
    /* the same figures, configuration, theme and program as the last build
     * (only another output was changed or removed): its briefing stays */
    const char *was = b->same_render ? g_hash_table_lookup(b->intact, *name) : NULL;
    if (was) {
      out->kept = g_strdup(was);
      kept_briefing = TRUE;
      continue;
    }
    progress(o, "rendering %s", *name);
    g_ptr_array_add(w.outs, out);
  }
  int threads = jd_report_jobs(o->jobs);
  gboolean apart = threads > 1 && w.outs->len && *c->charts_dir_name;
  GThread *t = apart ? g_thread_new("jindu-briefing", render_briefings, &w) : NULL;
  if (!t) render_briefings(&w);
  GError *chart_err = NULL;
  gboolean charts = !*c->charts_dir_name ||
                    chart_outputs(b, report, outputs, apart ? threads - 1 : threads, &chart_err);
  if (t) g_thread_join(t);
  g_ptr_array_unref(w.outs);
  r->pages = w.pages;
  if (!r->pages && kept_briefing) r->pages = last_pages(c->output_dir);
  if (w.error || !charts) { /* the briefing's error first, as on one thread */
    err = w.error ? w.error : chart_err;
    if (w.error && chart_err) g_error_free(chart_err);
    goto fail;
  }
  ok = TRUE;

fail:
  if (!ok && err) {
    /* a malformed theme is an input error (exit 3), as for `jindu chart` */
    gboolean input = err->domain == JD_CHART_ERROR &&
                     (err->code == JD_CHART_ERROR_THEME || err->code == JD_CHART_ERROR_SPEC);
    g_set_error(error, JD_BUILD_ERROR, input ? JD_BUILD_ERROR_INPUT : JD_BUILD_ERROR_OUTPUT, "%s",
                err->message);
    g_error_free(err);
  }
  jd_report_free(report);
  return ok;
}


static void build_run_clear(build_run *b)
{
  jd_atomic_batch_free(b->batch); /* a failed build's temporary files, under the lock */
  jd_build_unlock(b->lock_fd);
  if (b->intact) g_hash_table_unref(b->intact);
  g_free(b->chart_base);
  g_free(b->extract_id);
  if (b->doc_hashes) g_ptr_array_unref(b->doc_hashes);
  if (b->next_cache) g_string_free(b->next_cache, TRUE);
  if (b->docs) g_ptr_array_unref(b->docs);
  if (b->inputs) g_ptr_array_unref(b->inputs);
  if (b->entries) g_ptr_array_unref(b->entries);
  if (b->old) g_ptr_array_unref(b->old);
  if (b->old_index) g_hash_table_unref(b->old_index);
  g_free(b->manifest_path);
  g_free(b->charts_dir);
}

/* 1. The inputs: documents found under [input] documents, figure tables,
 * overrides and the data files. */
static gboolean collect_inputs(build_run *b, GError **error)
{
  const jd_build_config *c = b->c;
  GError *err = NULL;
  if (c->documents[0]) {
    b->docs = jd_inputs_collect_full((const char *const *)c->documents,
                                     g_strv_length(c->documents), b->r->warnings, &err);
    if (!b->docs) {
      g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_INPUT, "%s — check [input] documents in %s",
                  err->message, c->path);
      g_error_free(err);
      return FALSE;
    }
  } else {
    b->docs = g_ptr_array_new_with_free_func(g_free);
  }
  b->r->documents = b->docs->len;
  b->inputs = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < b->docs->len; i++) g_ptr_array_add(b->inputs, g_strdup(b->docs->pdata[i]));
  for (char **p = c->figures; *p; p++) g_ptr_array_add(b->inputs, g_strdup(*p));
  for (char **p = c->overrides; *p; p++) g_ptr_array_add(b->inputs, g_strdup(*p));
  add_data_files(b->inputs, c);
  return TRUE;
}

/* What a document's figures depend on beyond its bytes (the extraction
 * cache's identity): jindu's version and program (the readers' module with
 * it), the lexicon's files and the configured encoding. Also each
 * document's hash, for the cache. */
static void extraction_identity(build_run *b, size_t first_data)
{
  g_autofree char *lex = jd_lexicon_dir();
  g_autofree char *under = g_strconcat(lex, G_DIR_SEPARATOR_S, NULL);
  GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
  g_autofree char *head = g_strdup_printf("extraction 1 encoding %d", b->c->encoding);
  g_checksum_update(ck, (const guchar *)head, (gssize)strlen(head) + 1);
  guint first_input = b->entries->len - b->inputs->len;
  b->doc_hashes = g_ptr_array_new();
  for (guint i = 0; i < b->entries->len; i++) {
    const manifest_entry *e = b->entries->pdata[i];
    gboolean input = i >= first_input;
    size_t k = input ? i - first_input : 0;
    if (input && k < b->docs->len) {
      /* only a regular file's bytes can be read again: a pipe or "-" is never cached */
      GStatBuf st;
      gboolean regular = g_stat(e->path, &st) == 0 && S_ISREG(st.st_mode);
      g_ptr_array_add(b->doc_hashes,
                      !regular || strcmp(e->hash, "unreadable") == 0 ? NULL : e->hash);
    }
    if (strcmp(e->kind, "version") == 0 ||
        (input && k >= first_data && g_str_has_prefix(e->path, under))) {
      g_checksum_update(ck, (const guchar *)e->path, (gssize)strlen(e->path) + 1);
      g_checksum_update(ck, (const guchar *)e->hash, (gssize)strlen(e->hash) + 1);
    }
  }
  b->extract_id = g_strdup(g_checksum_get_string(ck));
  g_checksum_free(ck);
}

/* The manifest's first entries: jindu's version, the program, the
 * configuration and every input, with their hashes. */
static gboolean hash_inputs(build_run *b, GError **error)
{
  b->entries = g_ptr_array_new_with_free_func(manifest_entry_free);
  g_ptr_array_add(b->entries, entry_new("version", jd_version(), "jindu"));
  /* the program itself (size, time and inode of the executable and of the
   * modules that read and draw, util/module.h, which is cheaper than hashing
   * them): a rebuilt jindu of the same version rebuilds */
  GStatBuf st;
  if (g_stat("/proc/self/exe", &st) == 0) {
    GString *id = g_string_new(NULL);
    g_string_printf(id, "%lld-%lld-%llu", (long long)st.st_size, (long long)st.st_mtime,
                    (unsigned long long)st.st_ino);
    const char *const modules[] = {"commands", "readers"};
    for (size_t i = 0; i < G_N_ELEMENTS(modules); i++) {
      g_autofree char *m = jd_module_path(modules[i]);
      if (g_stat(m, &st) == 0)
        g_string_append_printf(id, "+%s-%lld-%lld-%llu", modules[i], (long long)st.st_size,
                               (long long)st.st_mtime, (unsigned long long)st.st_ino);
    }
    g_ptr_array_add(b->entries, entry_new("version", id->str, "program"));
    g_string_free(id, TRUE);
  }
  char *h = hash_file(b->c->path, error);
  if (!h) return FALSE;
  g_ptr_array_add(b->entries, entry_new("config", h, b->c->path));
  g_free(h);
  for (guint i = 0; i < b->inputs->len; i++) {
    /* a document that cannot be read is skipped by the extraction, which
     * says why; it is an input all the same (a fixed file rebuilds) */
    h = hash_file(b->inputs->pdata[i], i < b->docs->len ? NULL : error);
    if (!h && i < b->docs->len) h = g_strdup("unreadable");
    if (!h) return FALSE;
    g_ptr_array_add(b->entries, entry_new("input", h, b->inputs->pdata[i]));
    g_free(h);
  }
  /* a chart file depends on what it draws (its digest), on the program and
   * on the data files (lexicon, theme), not on the documents as such */
  size_t first_data = b->docs->len + g_strv_length(b->c->figures) + g_strv_length(b->c->overrides);
  GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
  for (guint i = 0; i < b->entries->len; i++) {
    const manifest_entry *e = b->entries->pdata[i];
    if (strcmp(e->kind, "version") == 0) g_checksum_update(ck, (const guchar *)e->hash, -1);
  }
  for (guint i = 0; i < b->entries->len; i++) { /* version, program, config, then the inputs */
    const manifest_entry *e = b->entries->pdata[i];
    gint k = (gint)i - (gint)(b->entries->len - b->inputs->len);
    if (k >= 0 && (size_t)k >= first_data) g_checksum_update(ck, (const guchar *)e->hash, -1);
  }
  b->chart_base = g_strdup(g_checksum_get_string(ck));
  g_checksum_free(ck);
  extraction_identity(b, first_data);
  return TRUE;
}

/* Curated files are never written: no output may be an input. */
static gboolean check_outputs_are_not_inputs(const build_run *b, GError **error)
{
  const jd_build_config *c = b->c;
  g_autoptr(GPtrArray) names = g_ptr_array_new();
  for (char **n = c->report_names; n && *n; n++) g_ptr_array_add(names, *n);
  for (char **n = c->figures_names; n && *n; n++) g_ptr_array_add(names, *n);
  for (guint i = 0; i < names->len; i++) {
    g_autofree char *p = g_build_filename(c->output_dir, names->pdata[i], NULL);
    g_autofree char *cp = g_canonicalize_filename(p, NULL);
    for (guint k = 0; k < b->inputs->len; k++) {
      g_autofree char *ci = g_canonicalize_filename(b->inputs->pdata[k], NULL);
      if (strcmp(ci, cp) == 0) {
        g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_CONFIG,
                    "%s: the output %s is also an input — jindu never writes curated "
                    "files; choose another [output] name or dir",
                    c->path, cp);
        return FALSE;
      }
    }
  }
  return TRUE;
}

/* 2. Locks the output directory, cleans up after a killed build and reads
 * the last build's manifest (a dry run of a new directory does neither). */
static gboolean lock_output_dir(build_run *b, GError **error)
{
  const jd_build_config *c = b->c;
  b->manifest_path = g_build_filename(c->output_dir, JD_BUILD_MANIFEST, NULL);
  if (*c->charts_dir_name) b->charts_dir = g_build_filename(c->output_dir, c->charts_dir_name, NULL);
  if (b->o->dry_run && !g_file_test(c->output_dir, G_FILE_TEST_IS_DIR)) return TRUE;
  if (!ensure_dir(c->output_dir, error)) return FALSE;
  b->lock_fd = jd_build_lock(c->output_dir,
                             b->o->lock_timeout >= 0 ? b->o->lock_timeout : c->lock_timeout, error);
  if (b->lock_fd < 0) return FALSE;
  if (!b->o->dry_run) {
    jd_build_remove_stale_temps(c->output_dir);
    if (b->charts_dir) jd_build_remove_stale_temps(b->charts_dir);
    g_autofree char *history = g_build_filename(c->output_dir, JD_BUILD_HISTORY, NULL);
    jd_build_remove_stale_temps(history);
  }
  b->old = jd_manifest_read(b->manifest_path);
  b->old_index = b->old ? index_entries(b->old) : NULL;
  return TRUE;
}

/* 3. Compares with the last build: lists what changed in r->changed, sets
 * outputs_intact, and says whether every input is as it was. */
static gboolean inputs_unchanged(build_run *b)
{
  GPtrArray *changed = b->r->changed;
  gboolean same = b->old != NULL;
  for (guint i = 0; i < b->entries->len; i++) {
    const manifest_entry *e = b->entries->pdata[i];
    const manifest_entry *prev = find_entry(b->old_index, e->kind, e->path);
    if (!prev || strcmp(prev->hash, e->hash) != 0) {
      same = FALSE;
      g_ptr_array_add(changed, g_strdup(strcmp(e->kind, "version") == 0
                                            ? (strcmp(e->path, "program") == 0 ? "jindu program"
                                                                               : "jindu version")
                                            : e->path));
    }
  }
  GHashTable *now = index_entries(b->entries);
  for (guint i = 0; b->old && i < b->old->len; i++) {
    const manifest_entry *e = b->old->pdata[i];
    if (strcmp(e->kind, "output") == 0 || strcmp(e->kind, "render") == 0 ||
        strcmp(e->kind, "chart") == 0)
      continue;
    if (!find_entry(now, e->kind, e->path)) {
      same = FALSE;
      g_ptr_array_add(changed, g_strdup_printf("%s (removed)", e->path));
    }
  }
  g_hash_table_unref(now);
  b->outputs_intact = b->old != NULL;
  b->intact = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; b->old && i < b->old->len; i++) {
    const manifest_entry *e = b->old->pdata[i];
    if (strcmp(e->kind, "output") != 0) continue;
    g_autofree char *p = g_build_filename(b->c->output_dir, e->path, NULL);
    g_autofree char *h = hash_file(p, NULL);
    if (h && strcmp(h, e->hash) == 0) g_hash_table_insert(b->intact, g_strdup(e->path), g_strdup(h));
    if (!h || strcmp(h, e->hash) != 0) {
      b->outputs_intact = FALSE;
      g_ptr_array_add(changed, g_strdup_printf("%s (output %s)", p, h ? "modified" : "missing"));
    }
  }
  return same;
}

/* A dry run: the outputs that would be rebuilt. */
static void dry_run_result(const build_run *b)
{
  const jd_build_config *c = b->c;
  jd_build_result *r = b->r;
  r->status = JD_BUILD_WOULD_BUILD;
  for (guint i = 0; b->old && i < b->old->len; i++) {
    const manifest_entry *e = b->old->pdata[i];
    if (strcmp(e->kind, "output") == 0)
      g_ptr_array_add(r->outputs, g_build_filename(c->output_dir, e->path, NULL));
  }
  if (r->outputs->len == 0) {
    for (char **n = c->figures_names; n && *n; n++)
      g_ptr_array_add(r->outputs, g_build_filename(c->output_dir, *n, NULL));
    for (char **n = c->report_names; n && *n; n++)
      g_ptr_array_add(r->outputs, g_build_filename(c->output_dir, *n, NULL));
    if (b->charts_dir) g_ptr_array_add(r->outputs, g_strdup_printf("%s/*.{%s}", b->charts_dir, c->chart_formats[0] ? c->chart_formats[0] : "png"));
  }
  r->summary = g_strdup_printf("would rebuild %u output%s: %u input%s changed%s", r->outputs->len,
                               r->outputs->len == 1 ? "" : "s", r->changed->len,
                               r->changed->len == 1 ? "" : "s", b->o->force ? " (--force)" : "");
}

/* 5. The outputs depend on the figures, the configuration, the program and
 * the theme only: when those are what the last build rendered, a changed
 * document that states the same figures changes nothing downstream. */
static char *render_key(const build_run *b, const jd_figure_table *figures)
{
  GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
  GString *fig = g_string_new(NULL);
  jd_figure_write_header(fig, JD_FORMAT_CSV, FALSE);
  for (size_t i = 0; i < jd_figure_table_get_count(figures); i++)
    jd_figure_write(fig, jd_figure_table_get(figures, i), JD_FORMAT_CSV);
  g_checksum_update(ck, (const guchar *)fig->str, (gssize)fig->len);
  g_string_free(fig, TRUE);
  for (guint i = 0; i < b->r->skipped->len; i++) /* they are listed in the briefing */
    g_checksum_update(ck, (const guchar *)b->r->skipped->pdata[i], -1);
  for (guint i = 0; i < b->entries->len; i++) {
    const manifest_entry *e = b->entries->pdata[i];
    gboolean theme = strstr(e->path, "/data/themes/") != NULL || g_str_has_suffix(e->path, ".ini");
    if (strcmp(e->kind, "version") == 0 || strcmp(e->kind, "config") == 0 ||
        (strcmp(e->kind, "input") == 0 && theme && strcmp(e->path, b->c->path) != 0))
      g_checksum_update(ck, (const guchar *)e->hash, -1);
  }
  char *key = g_strdup(g_checksum_get_string(ck));
  g_checksum_free(ck);
  return key;
}

/* The extraction cache joins the build's batch (before the manifest: a
 * build killed before its manifest is renamed leaves a cache that matches
 * the documents it holds, whatever the manifest says). */
static gboolean write_extract_cache(build_run *b, GError **error)
{
  if (!b->next_cache) return TRUE;
  jd_extract_cache_end(b->next_cache);
  g_autofree char *path = g_build_filename(b->c->output_dir, JD_BUILD_EXTRACT_CACHE, NULL);
  return jd_build_write(b->batch, path, b->next_cache->str, b->next_cache->len, error);
}

/* The status and the manifest (with the render key) join the build's
 * batch, the manifest last, and the whole batch reaches the disk: one sync
 * of every file, the renames in order, one sync of each directory. */
static gboolean write_manifest(build_run *b, const char *key, GError **error)
{
  g_ptr_array_add(b->entries, entry_new("render", key, "outputs"));
  if (!b->batch) b->batch = jd_atomic_batch_new();
  GString *m = jd_manifest_format(b->entries);
  gboolean w = jd_build_status_save(b->batch, b->c->output_dir, b->r, error) &&
               write_extract_cache(b, error) &&
               jd_build_write(b->batch, b->manifest_path, m->str, m->len, error);
  g_string_free(m, TRUE);
  return w && jd_build_commit(b->batch, error);
}

/* The figures did not change: the last build's outputs stay. */
static gboolean keep_outputs(build_run *b, const char *key, GError **error)
{
  jd_build_result *r = b->r;
  jd_build_result last = {0};
  last.skipped = g_ptr_array_new_with_free_func(g_free);
  last.skipped_errors = g_ptr_array_new_with_free_func(g_free);
  jd_build_status_load(b->c->output_dir, &last); /* same figures: same findings */
  r->audit_findings = last.audit_findings;
  r->pages = last.pages;
  jd_build_result_clear(&last);
  for (guint i = 0; i < b->old->len; i++) {
    const manifest_entry *e = b->old->pdata[i];
    if (strcmp(e->kind, "output") == 0) {
      g_ptr_array_add(b->entries, entry_new("output", e->hash, e->path));
      r->outputs_kept++;
    } else if (strcmp(e->kind, "chart") == 0) {
      g_ptr_array_add(b->entries, entry_new("chart", e->hash, e->path));
    }
  }
  if (!write_manifest(b, key, error)) return FALSE;
  r->status = JD_BUILD_BUILT;
  r->summary = g_strdup_printf(
      "built %s: %u input%s changed but the %zu figures did not; %zu outputs kept; %zu "
      "document%s read, %zu from the extraction cache",
      b->c->output_dir, r->changed->len, r->changed->len == 1 ? "" : "s", r->figures,
      r->outputs_kept, r->documents - r->documents_reused,
      r->documents - r->documents_reused == 1 ? "" : "s", r->documents_reused);
  return TRUE;
}

/* 6. Renders everything in memory, then replaces what changed and removes
 * what this build no longer makes. */
static gboolean write_outputs(build_run *b, const jd_figure_table *figures, const char *key,
                              GError **error)
{
  const jd_build_config *c = b->c;
  jd_build_result *r = b->r;
  gboolean ok = FALSE;
  GPtrArray *outputs = g_ptr_array_new_with_free_func(output_free);
  if (!render_outputs(b, figures, outputs, error)) goto done;
  if (b->charts_dir && !real_charts_dir(b->charts_dir, error)) goto done;
  b->batch = jd_atomic_batch_new();
  for (guint i = 0; i < outputs->len; i++) {
    const output *out = outputs->pdata[i];
    if (out->chart) g_ptr_array_add(b->entries, entry_new("chart", out->chart, out->rel));
    if (out->kept) { /* a chart file whose key did not change: not drawn, not read again */
      r->outputs_kept++;
      g_ptr_array_add(b->entries, entry_new("output", out->kept, out->rel));
      continue;
    }
    g_autofree char *p = g_build_filename(c->output_dir, out->rel, NULL);
    gsize len = 0;
    const void *data = g_bytes_get_data(out->data, &len);
    g_autofree char *h = hash_bytes(data, len);
    const char *was = g_hash_table_lookup(b->intact, out->rel);
    g_autofree char *old_h = was ? g_strdup(was) : hash_file(p, NULL);
    if (old_h && strcmp(old_h, h) == 0) {
      r->outputs_kept++;
    } else {
      if (!jd_build_write(b->batch, p, data, len, error)) goto done;
      r->outputs_written++;
      g_ptr_array_add(r->outputs, g_strdup(p));
    }
    g_ptr_array_add(b->entries, entry_new("output", h, out->rel));
  }
  GHashTable *made = index_entries(b->entries);
  for (guint i = 0; b->old && i < b->old->len; i++) {
    const manifest_entry *e = b->old->pdata[i];
    if (strcmp(e->kind, "output") != 0 || find_entry(made, "output", e->path)) continue;
    jd_manifest_remove_output(c->output_dir, e->path); /* never through a symlink */
  }
  g_hash_table_unref(made);
  if (!jd_build_snapshot_save(b->batch, c, figures, error) || !write_manifest(b, key, error))
    goto done;
  r->status = JD_BUILD_BUILT;
  r->summary = g_strdup_printf(
      "built %s: %zu documents, %zu figures, %zu pages, %zu audit finding%s; %zu file%s "
      "written, %zu unchanged; %zu chart%s drawn, %zu kept undrawn; %zu document%s read, %zu "
      "from the extraction cache",
      c->output_dir, r->documents, r->figures, r->pages, r->audit_findings,
      r->audit_findings == 1 ? "" : "s", r->outputs_written, r->outputs_written == 1 ? "" : "s",
      r->outputs_kept, r->charts_drawn, r->charts_drawn == 1 ? "" : "s", r->charts_reused,
      r->documents - r->documents_reused, r->documents - r->documents_reused == 1 ? "" : "s",
      r->documents_reused);
  ok = TRUE;
done:
  g_ptr_array_unref(outputs);
  return ok;
}

/* From the figures on: 4. extraction, tables and overrides; 5. the render
 * key; 6. the outputs. */
static gboolean build_figures_and_outputs(build_run *b, GError **error)
{
  jd_build_result *r = b->r;
  jd_figure_table *figures = jd_figure_table_new();
  g_autofree char *key = NULL;
  gboolean ok = FALSE;
  progress(b->o, "extracting %u documents", b->docs->len);
  g_autofree char *cache_path = g_build_filename(b->c->output_dir, JD_BUILD_EXTRACT_CACHE, NULL);
  /* --force extracts every document again (and writes the cache anew) */
  jd_extract_cache *cache =
      b->o->force ? NULL : jd_extract_cache_open(cache_path, b->extract_id, r->warnings);
  b->next_cache = jd_extract_cache_begin(b->extract_id);
  extract_sink sink = {r->skipped, r->skipped_errors, b->o, r->warnings,
                       cache, b->next_cache, (const char *const *)b->doc_hashes->pdata,
                       &r->documents_reused};
  gboolean loaded = load_figures((const char *const *)b->docs->pdata, b->docs->len,
                    (const char *const *)b->c->figures, (const char *const *)b->c->overrides,
                    b->c->encoding, figures, &sink, error);
  jd_extract_cache_free(cache);
  if (!loaded) goto done;
  r->figures = jd_figure_table_get_count(figures);
  if (r->figures == 0) {
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_INPUT,
                "%s: no figures in the inputs (%zu document%s read, %u skipped) — add documents "
                "that state figures, or fix those that could not be read",
                b->c->path, r->documents - r->skipped->len, r->documents == 1 ? "" : "s",
                r->skipped->len);
    goto done;
  }
  key = render_key(b, figures);
  const manifest_entry *old_render = find_entry(b->old_index, "render", "outputs");
  b->same_render = !b->o->force && old_render && strcmp(old_render->hash, key) == 0;
  if (b->same_render && b->outputs_intact)
    ok = keep_outputs(b, key, error);
  else
    ok = write_outputs(b, figures, key, error);
done:
  jd_figure_table_free(figures);
  return ok;
}

gboolean jd_build_run(const jd_build_config *c, const jd_build_options *options,
                      jd_build_result *r, GError **error)
{
  jd_build_options defaults = JD_BUILD_OPTIONS_INIT;
  build_run b = {.c = c, .o = options ? options : &defaults, .r = r, .lock_fd = -1};
  gboolean ok = FALSE;

  memset(r, 0, sizeof *r);
  r->changed = g_ptr_array_new_with_free_func(g_free);
  r->warnings = g_ptr_array_new_with_free_func(g_free);
  r->outputs = g_ptr_array_new_with_free_func(g_free);
  r->skipped = g_ptr_array_new_with_free_func(g_free);
  r->skipped_errors = g_ptr_array_new_with_free_func(g_free);
  if (!collect_inputs(&b, error) || !hash_inputs(&b, error) ||
      !check_outputs_are_not_inputs(&b, error) || !lock_output_dir(&b, error))
    goto done;
  if (inputs_unchanged(&b) && b.outputs_intact && !b.o->force) {
    r->status = JD_BUILD_NOTHING_TO_DO;
    r->summary = g_strdup_printf("nothing to do: %u inputs unchanged since the last build in %s",
                                 b.inputs->len, c->output_dir);
    jd_build_status_load(c->output_dir, r);
    ok = TRUE;
  } else if (b.o->dry_run) {
    dry_run_result(&b);
    ok = TRUE;
  } else {
    ok = build_figures_and_outputs(&b, error);
  }
done:
  build_run_clear(&b);
  return ok;
}
