/* The scheduled pipeline (`jindu build`): a GLib key-file configuration
 * (jindu.ini) naming inputs, outputs and report settings; a manifest of
 * SHA-256 hashes of every input, the configuration and jindu's version kept
 * in the output directory, so an unchanged build is a no-op (and each chart
 * file's digest, so an edit redraws only the charts whose data changed);
 * outputs written to temporary files in their own directories, synced
 * together once and renamed into place; chart files drawn on a thread pool;
 * a lock file (flock) so two builds never write the same directory at once.
 * Curated inputs (documents, overrides) are never written. */
#pragma once

#include <glib.h>

#include "jindu/figure.h"
#include "jindu/lexicon.h"
#include "jindu/report.h"

G_BEGIN_DECLS

#define JD_BUILD_ERROR (jd_build_error_quark())
GQuark jd_build_error_quark(void);
typedef enum {
  JD_BUILD_ERROR_CONFIG, /* jindu.ini is malformed: message names jindu.ini:LINE */
  JD_BUILD_ERROR_INPUT,  /* an input is missing or unreadable */
  JD_BUILD_ERROR_OUTPUT, /* an output could not be written (nothing was replaced) */
  JD_BUILD_ERROR_BUSY,   /* another build holds the lock */
} jd_build_error;

/* The configuration, read from jindu.ini. Paths are resolved against the
 * directory holding the configuration file. All strings are owned. */
typedef struct {
  char *path;              /* the configuration file itself */
  char *base_dir;          /* its directory */
  /* [input] */
  char **documents;        /* files or directories (NULL-terminated, absolute) */
  char **figures;          /* extra figure tables (CSV/JSONL) merged as they are */
  char **overrides;        /* curated corrections, applied last */
  int encoding;            /* jd_encoding */
  /* [output] */
  char *output_dir;
  char *report_name;       /* e.g. "jindu-briefing.pdf"; "" for no report */
  char *figures_name;      /* e.g. "figures.csv"; "" for none */
  /* every output of the report= and figures= lists (';'), by extension: the
   * briefing as .pdf, .docx, .pptx, .html; the figures as .csv, .jsonl, .xlsx.
   * report_name and figures_name are the first of each (or ""). */
  char **report_names;
  char **figures_names;
  char *charts_dir_name;   /* e.g. "charts"; "" for no chart files */
  char **chart_formats;    /* "png", "svg", "pdf" */
  char *chart_size;        /* chart size preset for chart files */
  double lock_timeout;     /* seconds to wait for another build's lock */
  /* [report] */
  jd_report_options report;
} jd_build_config;

/* Reads path. Unknown groups and keys, bad values and missing required keys
 * are errors naming path:LINE and what to do. Caller frees with
 * jd_build_config_free. */
jd_build_config *jd_build_config_load(const char *path, GError **error);
void jd_build_config_free(jd_build_config *config);

typedef void (*jd_build_progress_func)(const char *message, void *user_data);
/* Called before the first document (done 0) and after each document is
 * extracted or skipped: documents done of total, bytes read of bytes_total. */
typedef void (*jd_build_document_func)(size_t done, size_t total, guint64 bytes,
                                       guint64 bytes_total, void *user_data);

typedef struct {
  gboolean force;     /* rebuild even when the manifest says nothing changed */
  gboolean dry_run;   /* only say what would be rebuilt */
  double lock_timeout;/* < 0: use the configuration's */
  jd_build_progress_func progress; /* may be NULL */
  void *progress_data;
  jd_build_document_func document_progress; /* may be NULL; gets progress_data */
  int jobs;           /* threads drawing chart files; <= 0: $JINDU_JOBS, else every core */
} jd_build_options;
#define JD_BUILD_OPTIONS_INIT {FALSE, FALSE, -1.0, NULL, NULL, NULL, 0}

typedef enum {
  JD_BUILD_NOTHING_TO_DO = 0, /* manifest matched: nothing was written */
  JD_BUILD_BUILT,             /* outputs (re)written */
  JD_BUILD_WOULD_BUILD,       /* dry run: something is out of date */
} jd_build_status;

typedef struct {
  jd_build_status status;
  size_t documents;       /* documents read */
  size_t figures;         /* figures in the final table */
  size_t outputs_written; /* files replaced (identical outputs are left alone) */
  size_t outputs_kept;    /* outputs whose bytes did not change */
  size_t charts_drawn;    /* chart files rendered by this build */
  size_t charts_reused;   /* chart files kept undrawn: their digest (what they draw, the
                             theme, fonts and version) is the last build's */
  size_t documents_reused;/* documents not read again: their bytes, the program, the lexicon
                             and the encoding were the last build's, so their figures and
                             warnings came from its extraction cache */
  size_t audit_findings;  /* audit findings (warnings) in the report */
  size_t pages;           /* pages in the report */
  GPtrArray *changed;     /* inputs that changed since the last build (owned strings) */
  GPtrArray *outputs;     /* outputs (re)built or, in a dry run, to be rebuilt */
  char *summary;          /* one line saying what happened */
  /* Documents that could not be read or understood: the build went on
   * without them (their paths, and the error of each: FILE:LINE: what — what
   * to do). A no-op rebuild gives the last build's lists and findings. */
  GPtrArray *skipped;
  GPtrArray *skipped_errors;
  GPtrArray *warnings;    /* inputs skipped, numbers left out ("path: what — what was done", owned) */
} jd_build_result;

void jd_build_result_clear(jd_build_result *result);

/* Runs the build. On failure no previous output has been replaced by a
 * partial file. Fills *result (clear it with jd_build_result_clear). */
gboolean jd_build_run(const jd_build_config *config, const jd_build_options *options,
                      jd_build_result *result, GError **error);

/* The figures of a build: every document extracted (paths as given, already
 * expanded), then the figure tables read, then the overrides applied, sorted
 * by document and line. Appends to t. What the reading and the extraction
 * left out or replaced (a number beyond the plausible range, undecodable
 * bytes: "FILE:LINE: what — what was done") is appended to warnings when
 * given; the caller says it. */
gboolean jd_build_load_figures(const char *const *documents, size_t n_documents,
                               const char *const *figure_files, const char *const *override_files,
                               int encoding, jd_figure_table *t, GPtrArray *warnings,
                               GError **error);

/* Extracts one document (path; or, when data is given, len bytes of it
 * named path) into t, appending the reader's and the extractor's warnings
 * to warnings (when given). FALSE with error set
 * when the document cannot be read. */
gboolean jd_build_extract_document(const jd_lexicon *lexicon, const char *path, const char *data,
                                   size_t len, int encoding, jd_figure_table *t,
                                   GPtrArray *warnings, GError **error);

/* Writes data to path atomically (util/atomic.h: a temporary file in the
 * same directory, flushed to disk, then renamed over path), with the build's
 * error domain and messages. On failure path is untouched and no temporary
 * file is left behind. */
gboolean jd_write_file_atomic(const char *path, const void *data, size_t len, GError **error);

/* The manifest file name inside the output directory. */
#define JD_BUILD_MANIFEST ".jindu-manifest"
#define JD_BUILD_LOCK ".jindu.lock"
/* The last build's outcome (audit findings, documents skipped), so a no-op
 * rebuild reports what the build it repeats reported. */
#define JD_BUILD_STATUS ".jindu-status"
/* What the last build extracted from each document (its figures and
 * warnings, by the document's path and hash), so an unchanged document is
 * not read again. A damaged cache is reported and ignored. */
#define JD_BUILD_EXTRACT_CACHE ".jindu-extract-cache"
/* Dated snapshots of each build's figures (DATE.csv), for `jindu diff`. */
#define JD_BUILD_HISTORY "history"

G_END_DECLS
