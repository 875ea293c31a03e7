/* The progress line of long runs (src/cli/progress.c): on a terminal only,
 * after the run has taken a second, one line rewritten in place —
 * documents done/total, MB/s, ETA — and cleared at the end. Nothing when
 * stderr is not a terminal (cron, systemd, pipes) or TERM is dumb. */
#pragma once

#include <glib.h>

typedef struct jd_progress jd_progress;

/* A progress line for `what` ("extracting"); NULL when stderr is not a
 * terminal (every function accepts NULL). */
jd_progress *jd_progress_new(const char *what);
/* done of total documents, bytes of bytes_total read. */
void jd_progress_update(jd_progress *p, size_t done, size_t total, guint64 bytes,
                        guint64 bytes_total);
/* The line as shown for these numbers after elapsed seconds (for tests and
 * the display). Caller frees. */
char *jd_progress_format(const char *what, size_t done, size_t total, guint64 bytes,
                         guint64 bytes_total, double elapsed);
/* Clears the line; frees p. */
void jd_progress_free(jd_progress *p);
