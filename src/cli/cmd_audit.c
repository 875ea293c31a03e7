/* `jindu audit`: only the findings — stated percentages and changes checked
 * against the levels they refer to, implied values, conflicts — each citing
 * doc:line, with a Chinese explanation and a severity. */
#include <stdio.h>
#include <string.h>

#include "cmd-analyze.h"

static gboolean parse_severity(const char *s, jd_severity *out)
{
  for (int i = JD_SEVERITY_OK; i <= JD_SEVERITY_ERROR; i++)
    if (s && strcmp(s, jd_severity_to_string((jd_severity)i)) == 0) {
      *out = (jd_severity)i;
      return TRUE;
    }
  return FALSE;
}

int jd_cmd_audit(int argc, char **argv)
{
  char *format = NULL, *output = NULL, *overrides = NULL, *min = NULL;
  gboolean strict = FALSE, corroboration = FALSE;
  char **inputs = NULL;
  int rc = JD_EXIT_OK;
  jd_figure_table *t = NULL;
  jd_analysis *a = NULL;
  GString *out = NULL;
  GOptionEntry entries[] = {
      {"format", 'f', 0, G_OPTION_ARG_STRING, &format, "output format: text (default), csv, json",
       "FORMAT"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
       "write to FILE (replaced atomically) instead of standard output", "FILE"},
      {"overrides", 0, 0, G_OPTION_ARG_FILENAME, &overrides,
       "apply curated overrides from a figures CSV first", "FILE"},
      {"min-severity", 0, 0, G_OPTION_ARG_STRING, &min,
       "show findings at or above: ok (default), note, warning, error", "LEVEL"},
      {"strict", 0, 0, G_OPTION_ARG_NONE, &strict,
       "exit with status 5 when any finding is an error", NULL},
      {"corroboration", 0, 0, G_OPTION_ARG_NONE, &corroboration,
       "also list values that several documents state alike (ok)", NULL},
      {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs, NULL, NULL},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  GOptionContext *ctx = g_option_context_new("FIGURES.csv|DOCUMENT|DIR... — figures that do not add up");
  g_option_context_set_summary(
      ctx, "Checks every stated percentage and change against the levels it refers to in the\n"
           "same document (tolerance from the stated precision and qualifiers), pins the\n"
           "integers behind approximate figures, implies missing priors and totals, and\n"
           "reports conflicting values across documents. Severities: ok, note, warning, error.\n\n"
           "Examples:\n  jindu audit figures.csv\n  jindu audit --min-severity warning --strict "
           "figures.csv");
  g_option_context_add_main_entries(ctx, entries, NULL);
  jd_analysis_format fmt;
  jd_severity min_sev = JD_SEVERITY_OK;
  if (!jd_cli_parse(ctx, &argc, &argv, &rc)) goto out;
  if (!jd_cli_parse_analysis_format(format, &fmt)) {
    jd_cli_error("unknown --format '%s' — use text, csv or json", format);
    rc = JD_EXIT_USAGE;
    goto out;
  }
  if (min && !parse_severity(min, &min_sev)) {
    jd_cli_error("unknown --min-severity '%s' — use ok, note, warning or error", min);
    rc = JD_EXIT_USAGE;
    goto out;
  }
  if (!inputs || !inputs[0]) {
    jd_cli_error("no input — give documents, a directory, a figures table (CSV or JSON Lines) or '-' for stdin; see "
                 "'jindu audit --help'");
    rc = JD_EXIT_USAGE;
    goto out;
  }
  t = jd_figure_table_new();
  rc = jd_cli_load_figures(inputs, (int)g_strv_length(inputs), overrides, t);
  if (rc != JD_EXIT_OK) goto out;
  GError *err = NULL;
  jd_analyze_options opt = JD_ANALYZE_OPTIONS_INIT;
  opt.corroboration = corroboration;
  a = jd_analyze(t, &opt, &err);
  if (!a) {
    rc = jd_cli_fail(err, JD_EXIT_INPUT);
    goto out;
  }
  jd_cli_release_table(&t);
  out = g_string_new(NULL);
  jd_analysis_write_findings(out, a, fmt, min_sev);
  rc = jd_cli_write_output(output, out);
  if (rc == JD_EXIT_OK && strict && jd_analysis_count_findings(a, JD_SEVERITY_ERROR) > 0)
    rc = JD_EXIT_AUDIT;
out:
  if (out) g_string_free(out, TRUE);
  jd_analysis_free(a);
  jd_figure_table_free(t);
  g_option_context_free(ctx);
  g_free(format);
  g_free(output);
  g_free(overrides);
  g_free(min);
  g_strfreev(inputs);
  return rc;
}
