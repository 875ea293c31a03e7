/* In-process chart benchmark: renders the peers' reference chart (grouped
 * bar, bench/chart/reference.ini) N times with the jindu library and prints
 * the first chart's time (font set-up and first shaping included) and the
 * mean per chart after it, wall clock and CPU.
 * Usage: chart_bench SPEC.ini OUT.(png|pdf|svg) [N] */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "jindu/chart.h"
#include "jindu/jindu.h"

static double now(clockid_t id)
{
  struct timespec t;
  clock_gettime(id, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
  if (argc < 3) {
    fprintf(stderr, "usage: %s SPEC.ini OUT.(png|pdf|svg) [N]\n", argv[0]);
    return 2;
  }
  int n = argc > 3 ? atoi(argv[3]) : 1;
  double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
  jd_fonts_init();
  GError *err = NULL;
  jd_chart *chart = jd_chart_load_spec(argv[1], NULL, &err);
  if (!chart) {
    fprintf(stderr, "%s\n", err->message);
    return 1;
  }
  double w1 = 0, c1 = 0;
  for (int i = 0; i < n; i++) {
    if (!jd_chart_render_file(chart, argv[2], &err)) {
      fprintf(stderr, "%s\n", err->message);
      return 1;
    }
    if (i == 0) {
      w1 = now(CLOCK_MONOTONIC);
      c1 = now(CLOCK_PROCESS_CPUTIME_ID);
    }
  }
  double w2 = now(CLOCK_MONOTONIC), c2 = now(CLOCK_PROCESS_CPUTIME_ID);
  printf("first chart %.1f ms wall (%.1f ms CPU)", w1 - w0, c1 - c0);
  if (n > 1)
    printf("; then per chart %.2f ms wall (%.2f ms CPU) over %d", (w2 - w1) / (n - 1),
           (c2 - c1) / (n - 1), n - 1);
  printf("\n");
  jd_chart_free(chart);
  return 0;
}
