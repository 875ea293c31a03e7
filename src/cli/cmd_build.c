/* `jindu build`: the scheduled job. Reads jindu.ini, rebuilds what changed,
 * prints one summary line; progress goes to stderr only on a terminal. */
#include <stdio.h>
#include <unistd.h>

#include "commands.h"
#include "jindu/build.h"
#include "progress.h"

typedef struct {
  gboolean verbose;
  jd_progress *line; /* NULL: not a terminal, or --quiet */
} build_report;

static void on_progress(const char *message, void *user_data)
{
  build_report *br = user_data;
  if (br->verbose) fprintf(stderr, "jindu: %s\n", message);
}

static void on_document(size_t done, size_t total, guint64 bytes, guint64 bytes_total,
                        void *user_data)
{
  build_report *br = user_data;
  jd_progress_update(br->line, done, total, bytes, bytes_total);
}

/* The exit code of a build that ran: skipped documents (7) before the audit
 * (5 with --strict); a no-op rebuild gives the status of the build it
 * repeats. */
static int build_exit_code(const jd_build_result *r, gboolean strict, gboolean quiet)
{
  for (guint i = 0; i < r->skipped_errors->len; i++)
    jd_cli_error("skipped: %s",
                 (const char *)r->skipped_errors->pdata[i]);
  if (r->status == JD_BUILD_WOULD_BUILD) return JD_EXIT_OK;
  if (r->skipped->len) {
    if (!quiet)
      jd_cli_warning("%u document%s could not be read and %s left out (listed above and in the "
                     "briefing's sources appendix) — exit %d",
                     r->skipped->len, r->skipped->len == 1 ? "" : "s",
                     r->skipped->len == 1 ? "was" : "were", JD_EXIT_SKIPPED);
    return JD_EXIT_SKIPPED;
  }
  if (strict && r->audit_findings > 0) return JD_EXIT_AUDIT;
  return JD_EXIT_OK;
}

int jd_cmd_build(int argc, char **argv)
{
  char *config_path = NULL;
  gboolean strict = FALSE, dry_run = FALSE, force = FALSE, quiet = FALSE, verbose = FALSE;
  double wait = -1;
  int jobs = 0;
  int code = JD_EXIT_OK;
  GError *err = NULL;
  jd_build_config *config = NULL;
  jd_build_result result = {0};
  GOptionEntry entries[] = {
      {"config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
       "configuration file (default: jindu.ini in the current directory)", "FILE"},
      {"strict", 0, 0, G_OPTION_ARG_NONE, &strict,
       "exit 5 when the audit finds problems (warnings or errors)", NULL},
      {"dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, "only list what would be rebuilt", NULL},
      {"force", 'f', 0, G_OPTION_ARG_NONE, &force, "rebuild even when nothing changed", NULL},
      {"wait", 'w', 0, G_OPTION_ARG_DOUBLE, &wait,
       "seconds to wait for another build's lock (default: lock_timeout in the configuration)",
       "SECONDS"},
      {"jobs", 'j', 0, G_OPTION_ARG_INT, &jobs,
       "threads drawing the chart files (default: $JINDU_JOBS, else every core); the files are "
       "the same whatever the number",
       "N"},
      {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "print nothing but errors", NULL},
      {"verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
       "say each step (extracting, analysing, rendering each file) on stderr", NULL},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  GOptionContext *ctx = g_option_context_new("- run the scheduled pipeline from jindu.ini");
  g_option_context_set_summary(
      ctx,
      "Extracts every document named in the configuration, merges figure tables and curated\n"
      "overrides, and writes the briefing PDF, the figures table and the chart files into the\n"
      "output directory. A manifest of input hashes makes an unchanged build a no-op; after an\n"
      "edit only the charts whose data changed are drawn again, on every core (--jobs);\n"
      "outputs are replaced atomically; a lock keeps two builds apart. A document that\n"
      "cannot be read is skipped with its error and listed in the briefing; the build then\n"
      "exits 7. On a terminal a progress line shows documents done, MB/s and the time left.\n\n"
      "  jindu build                      # jindu.ini in the current directory\n"
      "  jindu build -c /srv/jindu.ini --strict");
  g_option_context_add_main_entries(ctx, entries, NULL);
  if (!jd_cli_parse(ctx, &argc, &argv, &code)) goto out;
  if (argc > 1) {
    jd_cli_error("unexpected argument '%s' — inputs are named in jindu.ini; see 'jindu build --help'",
                 argv[1]);
    code = JD_EXIT_USAGE;
    goto out;
  }
  if (!(wait < 0) && !(wait <= 86400)) { /* unset is -1; NaN and 1e300 are refused */
    jd_cli_error("--wait %g: not a number of seconds from 0 to 86400 (a day) — e.g. --wait 30",
                 wait);
    code = JD_EXIT_USAGE;
    goto out;
  }
  if (jobs < 0 || jobs > 1024) {
    jd_cli_error("--jobs %d: not a number of threads from 1 to 1024 — e.g. --jobs 4", jobs);
    code = JD_EXIT_USAGE;
    goto out;
  }
  config = jd_build_config_load(config_path ? config_path : "jindu.ini", &err);
  if (!config) {
    code = jd_cli_fail(err, JD_EXIT_INPUT);
    goto out;
  }
  if (!config->report.date && *config->report_name)
    jd_cli_warning("%s: [report] date is empty and SOURCE_DATE_EPOCH is not set: the briefing's "
                   "masthead carries no date and the PDF no creation date — write date=YYYY-MM-DD",
                   config->path);
  jd_build_options options = JD_BUILD_OPTIONS_INIT;
  options.force = force;
  options.dry_run = dry_run;
  options.lock_timeout = wait;
  options.jobs = jobs;
  build_report br = {verbose && !quiet, quiet ? NULL : jd_progress_new("extracting")};
  options.progress = on_progress;
  options.document_progress = on_document;
  options.progress_data = &br;
  gboolean built = jd_build_run(config, &options, &result, &err);
  jd_progress_free(br.line);
  for (guint i = 0; result.warnings && i < result.warnings->len; i++)
    jd_cli_warning("%s", (const char *)result.warnings->pdata[i]);
  if (!built) {
    int exit_code = JD_EXIT_INPUT;
    if (err->domain == JD_BUILD_ERROR) {
      switch (err->code) {
      case JD_BUILD_ERROR_OUTPUT: exit_code = JD_EXIT_OUTPUT; break;
      case JD_BUILD_ERROR_BUSY: exit_code = JD_EXIT_BUSY; break;
      default: exit_code = JD_EXIT_INPUT; break;
      }
    }
    code = jd_cli_fail(err, exit_code);
    goto out;
  }
  if (dry_run && !quiet) {
    for (guint i = 0; i < result.changed->len; i++)
      printf("changed: %s\n", (const char *)result.changed->pdata[i]);
    for (guint i = 0; i < result.outputs->len; i++)
      printf("would rebuild: %s\n", (const char *)result.outputs->pdata[i]);
  }
  if (!quiet) printf("jindu: %s\n", result.summary);
  if (!quiet && *config->report_name) {
    g_autofree char *fonts = jd_report_style_font_substitutes(config->report.style);
    if (fonts)
      printf("jindu: fonts: %s (the office's licensed faces in fonts/ are used when present)\n",
             fonts);
  }
  code = build_exit_code(&result, strict, quiet);

out:
  jd_build_result_clear(&result);
  jd_build_config_free(config);
  g_free(config_path);
  g_option_context_free(ctx);
  return code;
}
