/* The phases of `jindu analyze --format csv` and `jindu audit` on a figures
 * file, timed separately with the library calls the CLI makes: read the
 * table, analyze it, write the analysis as CSV (or the findings as text) to
 * a file. Prints wall and CPU time per phase and the peak resident memory
 * after each.
 *
 *   bench_phases FIGURES.csv [--audit] [--format csv|json|text] [-o OUT]
 * (the analysis as CSV, or with --audit the errors as text, by default;
 * OUT defaults to /dev/null) */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "bench-usage.h"
#include "jindu/analyze.h"


typedef struct {
  gint64 wall;
  double cpu;
} mark;

static mark now(void) { return (mark){g_get_monotonic_time(), cpu_seconds()}; }

static void report(const char *what, mark a, mark b)
{
  printf("%-8s %7.3f s wall %7.3f s CPU   peak RSS %6.1f MB\n", what, (b.wall - a.wall) / 1e6,
         b.cpu - a.cpu, peak_rss_mb());
}

int main(int argc, char **argv)
{
  const char *in = NULL, *out_path = "/dev/null";
  gboolean audit = FALSE;
  jd_analysis_format format = JD_ANALYSIS_CSV;
  gboolean format_given = FALSE;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--audit") == 0)
      audit = TRUE;
    else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
      const char *f = argv[++i];
      format = strcmp(f, "json") == 0 ? JD_ANALYSIS_JSON
               : strcmp(f, "text") == 0 ? JD_ANALYSIS_TEXT
                                        : JD_ANALYSIS_CSV;
      format_given = TRUE;
    } else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
      out_path = argv[++i];
    else
      in = argv[i];
  }
  if (!in) {
    fprintf(stderr, "usage: bench_phases FIGURES.csv [--audit] [--format F] [-o OUT]\n");
    return 2;
  }
  GError *err = NULL;
  mark m0 = now();
  jd_figure_table *t = jd_figure_table_new();
  if (!jd_figure_table_read_file(t, in, &err)) goto fail;
  mark m1 = now();
  report("read", m0, m1);
  jd_analyze_options opt = JD_ANALYZE_OPTIONS_INIT;
  jd_analysis *a = jd_analyze(t, &opt, &err);
  if (!a) goto fail;
  mark m2 = now();
  report("analyze", m1, m2);
  GString *out = g_string_new(NULL);
  if (audit)
    jd_analysis_write_findings(out, a, format_given ? format : JD_ANALYSIS_TEXT,
                               JD_SEVERITY_ERROR);
  else
    jd_analysis_write(out, a, format);
  if (strcmp(out_path, "/dev/null") == 0) {
    FILE *f = fopen(out_path, "w");
    if (f) {
      fwrite(out->str, 1, out->len, f);
      fclose(f);
    }
  } else if (!g_file_set_contents(out_path, out->str, (gssize)out->len, &err)) {
    goto fail;
  }
  mark m3 = now();
  report("write", m2, m3);
  printf("%zu figures, %zu series, %zu findings, %zu bytes written\n",
         jd_figure_table_get_count(t), jd_analysis_get_series_count(a),
         jd_analysis_get_finding_count(a), out->len);
  g_string_free(out, TRUE);
  jd_analysis_free(a);
  jd_figure_table_free(t);
  return 0;
fail:
  fprintf(stderr, "bench_phases: %s\n", err->message);
  g_error_free(err);
  return 1;
}
