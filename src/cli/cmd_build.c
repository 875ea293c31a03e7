/* `jindu build`: the scheduled job. Reads jindu.ini, rebuilds what changed,
 * prints one summary line; progress goes to stderr only on a terminal. */
#include <stdio.h>
#include <unistd.h>

#include "commands.h"
#include "jindu/build.h"

static void on_progress(const char *message, void *user_data)
{
  (void)user_data;
  fprintf(stderr, "jindu: %s\n", message);
}

int jd_cmd_build(int argc, char **argv)
{
  char *config_path = NULL;
  gboolean strict = FALSE, dry_run = FALSE, force = FALSE, quiet = FALSE;
  double wait = -1;
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
      {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "print nothing but errors", NULL},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  GOptionContext *ctx = g_option_context_new("- run the scheduled pipeline from jindu.ini");
  g_option_context_set_summary(
      ctx,
      "Extracts every document named in the configuration, merges figure tables and curated\n"
      "overrides, and writes the briefing PDF, the figures table and the chart files into the\n"
      "output directory. A manifest of input hashes makes an unchanged build a no-op; outputs\n"
      "are replaced atomically; a lock keeps two builds apart.\n\n"
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
  config = jd_build_config_load(config_path ? config_path : "jindu.ini", &err);
  if (!config) {
    code = jd_cli_fail(err, JD_EXIT_INPUT);
    goto out;
  }
  jd_build_options options = JD_BUILD_OPTIONS_INIT;
  options.force = force;
  options.dry_run = dry_run;
  options.lock_timeout = wait;
  if (!quiet && isatty(STDERR_FILENO)) options.progress = on_progress;
  gboolean built = jd_build_run(config, &options, &result, &err);
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
  if (strict && result.status == JD_BUILD_BUILT && result.audit_findings > 0) code = JD_EXIT_AUDIT;

out:
  jd_build_result_clear(&result);
  jd_build_config_free(config);
  g_free(config_path);
  g_option_context_free(ctx);
  return code;
}
