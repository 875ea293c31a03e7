/* Benchmark of jd_analyze: synthesizes N figure records (default 1,000,000)
 * shaped like extraction output — 200 documents, 400 metrics x 25 regions,
 * ten years, some approximate ("多") values, conflicting restatements, shares
 * and year-on-year changes for the audit — then times the analysis and
 * reports peak resident memory. Optionally writes the table as CSV for the
 * end-to-end CLI run in run.sh.
 *
 *   bench_analyze [N] [--levels-only] [--one-thread] [--csv FILE]
 * --levels-only: levels that agree across documents (no audit work).
 * --one-thread: jd_analyze on the calling thread only (options.threads = 1). */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-usage.h"
#include "jindu/analyze.h"


int main(int argc, char **argv)
{
  size_t n = 1000000;
  const char *csv = NULL;
  gboolean levels_only = FALSE;
  jd_analyze_options opt = JD_ANALYZE_OPTIONS_INIT;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--csv") == 0 && i + 1 < argc)
      csv = argv[++i];
    else if (strcmp(argv[i], "--levels-only") == 0)
      levels_only = TRUE;
    else if (strcmp(argv[i], "--one-thread") == 0)
      opt.threads = 1;
    else
      n = strtoull(argv[i], NULL, 10);
  }
  GRand *rng = g_rand_new_with_seed(20191231);
  gint64 t0 = g_get_monotonic_time();
  jd_figure_table *t = jd_figure_table_new();
  char doc[32], metric[32], region[32], period[8], base[8];
  size_t made = 0;
  unsigned line = 1;
  while (made < n) {
    int d = g_rand_int_range(rng, 0, 200);
    int m = g_rand_int_range(rng, 0, 400);
    int r = g_rand_int_range(rng, 0, 25);
    int y = g_rand_int_range(rng, 2011, 2021);
    g_snprintf(doc, sizeof doc, "doc%03d.txt", d);
    g_snprintf(metric, sizeof metric, "metric_%03d", m);
    g_snprintf(region, sizeof region, "region_%02d", r);
    g_snprintf(period, sizeof period, "%d", y);
    g_snprintf(base, sizeof base, "%d", y - 1);
    /* a level on a trend with noise; every 7th is "多"; every 50th restated differently */
    double level = 1000 + 37.0 * m + 20.0 * (y - 2011) + g_rand_int_range(rng, 0, 5);
    jd_qualifier q = made % 7 == 0 ? JD_QUAL_MORE_THAN : JD_QUAL_EXACT;
    if (q == JD_QUAL_MORE_THAN) level = floor(level / 10) * 10;
    if (made % 50 == 0 && !levels_only) level += 100;
    if (levels_only) level = floor(level / 10) * 10; /* restatements agree */
    line = (unsigned)(made % 400) + 1;
    jd_figure_table_take(t, jd_figure_new(doc, line, "", metric, "all", region, period, level,
                                          "case", q, JD_KIND_LEVEL, ""));
    made++;
    if (!levels_only && made < n && made % 10 == 1) { /* a change on the same line */
      jd_figure_table_take(t, jd_figure_new(doc, line, "", metric, "all", region, period,
                                            g_rand_int_range(rng, -300, 300) / 10.0, "percent",
                                            JD_QUAL_EXACT, JD_KIND_CHANGE_PCT, base));
      made++;
    }
    if (!levels_only && made < n && made % 10 == 5) { /* a part and its share */
      double part = floor(level * 0.4);
      jd_figure_table_take(t, jd_figure_new(doc, line, "", metric, "all", region, period, part,
                                            "case", JD_QUAL_EXACT, JD_KIND_LEVEL, ""));
      made++;
      if (made < n) {
        jd_figure_table_take(t, jd_figure_new(doc, line, "", metric, "all", region, period,
                                              nearbyint(100 * part / level), "percent",
                                              JD_QUAL_EXACT, JD_KIND_SHARE, ""));
        made++;
      }
    }
  }
  gint64 t1 = g_get_monotonic_time();
  double rss_table = peak_rss_mb();
  double c1 = cpu_seconds();
  GError *err = NULL;
  jd_analysis *a = jd_analyze(t, &opt, &err);
  gint64 t2 = g_get_monotonic_time();
  double c2 = cpu_seconds();
  if (!a) {
    fprintf(stderr, "bench_analyze: %s\n", err->message);
    return 1;
  }
  printf("figures            %zu\n", jd_figure_table_get_count(t));
  printf("series             %zu\n", jd_analysis_get_series_count(a));
  printf("findings           %zu (errors %zu)\n", jd_analysis_get_finding_count(a),
         jd_analysis_count_findings(a, JD_SEVERITY_ERROR));
  size_t by_kind[8] = {0};
  for (size_t i = 0; i < jd_analysis_get_finding_count(a); i++)
    by_kind[jd_analysis_get_finding(a, i)->kind & 7]++;
  printf("  by kind:");
  for (int k = 0; k <= JD_FINDING_CORROBORATED; k++)
    printf(" %s %zu", jd_finding_kind_to_string((jd_finding_kind)k), by_kind[k]);
  printf("\n");
  printf("synthesize         %.3f s\n", (t1 - t0) / 1e6);
  printf("analyze            %.3f s wall, %.3f s CPU (user + system)\n", (t2 - t1) / 1e6,
         c2 - c1);
  printf("peak RSS (table)   %.1f MB\n", rss_table);
  printf("peak RSS (total)   %.1f MB\n", peak_rss_mb());
  if (csv) {
    GError *e = NULL;
    if (!jd_figure_table_write_file(t, csv, JD_FORMAT_CSV, FALSE, &e)) {
      fprintf(stderr, "bench_analyze: %s\n", e->message);
      return 1;
    }
  }
  jd_analysis_free(a);
  jd_figure_table_free(t);
  g_rand_free(rng);
  return 0;
}
