/* The progress line (progress.h). */
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct jd_progress {
  char *what;
  gint64 start, last; /* monotonic µs */
  gint64 after;       /* µs before the line appears */
  gboolean shown;
};

jd_progress *jd_progress_new(const char *what)
{
  const char *term = g_getenv("TERM");
  if (!isatty(STDERR_FILENO) || (term && strcmp(term, "dumb") == 0)) return NULL;
  jd_progress *p = g_new0(jd_progress, 1);
  p->what = g_strdup(what);
  p->start = g_get_monotonic_time();
  /* JINDU_PROGRESS_AFTER (seconds, default 1): how long a run is before
   * the line appears */
  const char *after = g_getenv("JINDU_PROGRESS_AFTER");
  p->after = after ? (gint64)(g_ascii_strtod(after, NULL) * G_USEC_PER_SEC) : G_USEC_PER_SEC;
  return p;
}

static void append_duration(GString *s, double seconds)
{
  long t = (long)(seconds + 0.5);
  if (t >= 3600)
    g_string_append_printf(s, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
  else
    g_string_append_printf(s, "%ld:%02ld", t / 60, t % 60);
}

char *jd_progress_format(const char *what, size_t done, size_t total, guint64 bytes,
                         guint64 bytes_total, double elapsed)
{
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "jindu: %s %zu/%zu documents", what, done, total);
  if (total) g_string_append_printf(s, " (%.0f%%)", 100.0 * (double)done / (double)total);
  if (elapsed > 0 && bytes > 0) {
    double rate = (double)bytes / elapsed;
    g_string_append_printf(s, ", %.1f MB/s", rate / 1e6);
    if (bytes_total > bytes) {
      g_string_append(s, ", ETA ");
      append_duration(s, (double)(bytes_total - bytes) / rate);
    }
  }
  return g_string_free(s, FALSE);
}

void jd_progress_update(jd_progress *p, size_t done, size_t total, guint64 bytes,
                        guint64 bytes_total)
{
  if (!p) return;
  gint64 now = g_get_monotonic_time();
  /* a short run shows nothing; a long one at most ten times a second */
  if (now - p->start < p->after) return;
  if (p->shown && now - p->last < G_USEC_PER_SEC / 10 && done < total) return;
  p->last = now;
  p->shown = TRUE;
  g_autofree char *line =
      jd_progress_format(p->what, done, total, bytes, bytes_total, (double)(now - p->start) / 1e6);
  fprintf(stderr, "\r%s\033[K", line);
  fflush(stderr);
}

void jd_progress_free(jd_progress *p)
{
  if (!p) return;
  if (p->shown) {
    fputs("\r\033[K", stderr);
    fflush(stderr);
  }
  g_free(p->what);
  g_free(p);
}
