/* Internals of the build module shared between build*.c files. */
#pragma once

#include "jindu/build.h"
#include "util/atomic.h"

/* Writes path through batch (its temporary file now, the rest at
 * jd_build_commit), or atomically at once when batch is NULL; the build's
 * error messages. */
gboolean jd_build_write(jd_atomic_batch *batch, const char *path, const void *data, size_t len,
                        GError **error);
/* Syncs and renames every file of batch (jd_atomic_batch_commit). */
gboolean jd_build_commit(jd_atomic_batch *batch, GError **error);

/* Removes temporary files a killed build left in dir (".NAME.jindu-tmp-*"). */
void jd_build_remove_stale_temps(const char *dir);
/* Takes the build lock of dir, waiting up to timeout seconds. Returns the
 * lock's file descriptor, or -1 with JD_BUILD_ERROR_BUSY when another build
 * holds it. Release with jd_build_unlock. */
int jd_build_lock(const char *dir, double timeout, GError **error);
void jd_build_unlock(int fd);

/* The last build's outcome, kept in JD_BUILD_STATUS in the output directory
 * (status.c): its audit findings, its briefing's pages and the documents it
 * skipped. Save writes r's audit_findings, pages, skipped and skipped_errors
 * atomically; load fills them in r (nothing when there is no readable
 * record). */
gboolean jd_build_status_save(jd_atomic_batch *batch, const char *output_dir,
                              const jd_build_result *r, GError **error);
void jd_build_status_load(const char *output_dir, jd_build_result *r);

/* Keeps the build's figures as OUTPUT/history/DATE.csv (snapshot.c), DATE
 * the report's date, else today's (UTC): what `jindu diff` compares. */
/* What changed since the last build of an earlier date (jd_diff_summary),
 * or NULL when there is none. Caller frees. */
char *jd_build_changes_since_last(const jd_build_config *c, const jd_figure_table *figures);
gboolean jd_build_snapshot_save(jd_atomic_batch *batch, const jd_build_config *c,
                                const jd_figure_table *figures, GError **error);
/* ---- the manifest (manifest.c) ---------------------------------------- */

typedef struct {
  char *kind; /* "version", "config", "input", "output", "render", "chart" (a chart file's
                key: its digest with the data files and program; others are kept) */
  char *hash;
  char *path; /* inputs: as configured (absolute); outputs: relative to the output dir */
} jd_manifest_entry;

jd_manifest_entry *jd_manifest_entry_new(const char *kind, const char *hash, const char *path);
void jd_manifest_entry_free(gpointer entry);
/* The manifest's bytes: length-prefixed records no path can forge. */
GString *jd_manifest_format(const GPtrArray *entries);
/* The entries of a manifest's bytes, or NULL when they are not exactly a
 * manifest (then nothing of it is trusted). */
GPtrArray *jd_manifest_parse(const char *data, size_t len);
GPtrArray *jd_manifest_read(const char *path);
/* A relative path that stays inside its directory: not empty or absolute, no
 * "", "." or ".." component, no control character. */
gboolean jd_manifest_safe_relative(const char *rel);
/* Removes output_dir/rel when it is a regular file reached without following
 * any symbolic link; TRUE when removed. */
gboolean jd_manifest_remove_output(const char *output_dir, const char *rel);


/* ---- the extraction cache (cache.c) ----------------------------------- */

/* What the last build extracted from each document (JD_BUILD_EXTRACT_CACHE):
 * length-prefixed records, checked whole by a closing hash. */
typedef struct jd_extract_cache jd_extract_cache;

/* The cache at path when it was made for identity (what extraction depends
 * on beyond a document's bytes); NULL when there is none or it is of another
 * identity or format (silently), or when it is damaged — cut short, a byte
 * changed, a record malformed — which is said in warnings. */
jd_extract_cache *jd_extract_cache_open(const char *path, const char *identity,
                                        GPtrArray *warnings);
void jd_extract_cache_free(jd_extract_cache *cache);
/* When cache holds doc with this hash: appends its figures to t and its
 * warnings to warnings (in the order extraction gave them), copies its
 * records to next (when given) and returns TRUE. */
gboolean jd_extract_cache_reuse(const jd_extract_cache *cache, GString *next, const char *doc,
                                const char *hash, jd_figure_table *t, GPtrArray *warnings);
/* The next cache: begin, one add per document extracted (its figures are
 * t's from first_figure on, its warnings those of warnings from
 * first_warning on) or reused, then end (the closing hash). */
GString *jd_extract_cache_begin(const char *identity);
void jd_extract_cache_add(GString *next, const char *doc, const char *hash,
                          const jd_figure_table *t, size_t first_figure, const GPtrArray *warnings,
                          guint first_warning);
void jd_extract_cache_end(GString *next);
