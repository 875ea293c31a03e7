/* Fuzzes the analysis: whatever figures table the CSV reader accepts is
 * analysed (series, trends, the audit) and written in every format. The
 * results must hold together: findings sorted by severity, each with a
 * title, valid UTF-8 text and the figures it cites; every series' points in
 * time order; the text, CSV and JSON writers must not fail. */
#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "jindu/analyze.h"
#include "jindu/jindu.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  jd_fuzz_setup();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1) return 0;
  jd_analyze_options opt = JD_ANALYZE_OPTIONS_INIT;
  opt.corroboration = (data[0] & 1) != 0;
  opt.implied_points = (data[0] & 2) == 0;
  opt.weighted = (data[0] & 4) == 0;
  data++;
  size--;

  GError *error = NULL;
  jd_figure_table *t = jd_figure_table_new();
  if (!jd_figure_table_read_csv(t, "fuzz.csv", (const char *)data, size, &error)) {
    g_error_free(error);
    jd_figure_table_free(t);
    return 0;
  }
  jd_analysis *a = jd_analyze(t, &opt, &error);
  jd_figure_table_free(t); /* the results must not need it */
  if (!a) {
    FUZZ_CHECK(error != NULL && error->message != NULL);
    g_error_free(error);
    return 0;
  }
  for (size_t i = 0; i < jd_analysis_get_series_count(a); i++) {
    const jd_series *s = jd_analysis_get_series(a, i);
    for (size_t j = 1; j < s->n_points; j++) FUZZ_CHECK(s->points[j - 1].x <= s->points[j].x);
    for (size_t j = 0; j < s->n_points; j++) FUZZ_CHECK(s->points[j].n_sources >= 1);
  }
  for (size_t i = 0; i < jd_analysis_get_finding_count(a); i++) {
    const jd_finding *f = jd_analysis_get_finding(a, i);
    if (i) FUZZ_CHECK(jd_analysis_get_finding(a, i - 1)->severity >= f->severity);
    FUZZ_CHECK(f->title && *f->title && f->explanation && f->arithmetic);
    FUZZ_CHECK(g_utf8_validate(f->explanation, -1, NULL));
    FUZZ_CHECK(f->n_sources >= 1);
    FUZZ_CHECK(f->n_listed <= f->n_solutions || f->n_solutions == 0);
  }
  GString *out = g_string_new(NULL);
  for (jd_analysis_format fmt = JD_ANALYSIS_TEXT; fmt <= JD_ANALYSIS_JSON; fmt++) {
    jd_analysis_write(out, a, fmt);
    jd_analysis_write_findings(out, a, fmt, JD_SEVERITY_OK);
  }
  g_string_free(out, TRUE);
  jd_analysis_free(a);
  return 0;
}
