/* `jindu diff [OLD [NEW]]`: what changed between two builds — figures new,
 * changed and withdrawn, audit findings new, changed and resolved. OLD and
 * NEW are figures tables or dates of the build's history (the output
 * directory's history/DATE.csv); without them the two latest builds. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "jindu/build.h"
#include "jindu/diff.h"

static int cmp_name(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The snapshots of the history directory, oldest first (their names are
 * dates). */
static GPtrArray *history(const char *dir)
{
  GPtrArray *list = g_ptr_array_new_with_free_func(g_free);
  GDir *d = g_dir_open(dir, 0, NULL);
  if (!d) return list;
  const char *n;
  while ((n = g_dir_read_name(d)))
    if (g_str_has_suffix(n, ".csv") && n[0] != '.') g_ptr_array_add(list, g_build_filename(dir, n, NULL));
  g_dir_close(d);
  g_ptr_array_sort(list, cmp_name);
  return list;
}

/* A table path as given, or a date of the history. */
static char *snapshot_path(const char *arg, const char *dir)
{
  if (g_file_test(arg, G_FILE_TEST_EXISTS)) return g_strdup(arg);
  g_autofree char *name = g_strdup_printf("%s.csv", arg);
  char *p = g_build_filename(dir, name, NULL);
  if (g_file_test(p, G_FILE_TEST_EXISTS)) return p;
  g_free(p);
  return g_strdup(arg); /* reading it says what is wrong */
}

static jd_figure_table *load(const char *path, int *code)
{
  jd_figure_table *t = jd_figure_table_new();
  GError *err = NULL;
  if (!jd_figure_table_read_file(t, path, &err)) {
    *code = jd_cli_fail(err, JD_EXIT_INPUT);
    jd_figure_table_free(t);
    return NULL;
  }
  return t;
}

/* OLD and NEW from the arguments and the history. */
static int pick(int argc, char **argv, const char *dir, char **old_path, char **new_path)
{
  GPtrArray *h = history(dir);
  int code = JD_EXIT_OK;
  if (argc >= 3) {
    *old_path = snapshot_path(argv[1], dir);
    *new_path = snapshot_path(argv[2], dir);
  } else if (h->len >= (argc == 2 ? 1u : 2u)) {
    *new_path = g_strdup(h->pdata[h->len - 1]);
    *old_path = argc == 2 ? snapshot_path(argv[1], dir) : g_strdup(h->pdata[h->len - 2]);
  } else {
    jd_cli_error("%s: %u build%s in the history — diff needs two: build again on another date, "
                 "or name two figures tables (jindu diff OLD.csv NEW.csv)",
                 dir, h->len, h->len == 1 ? "" : "s");
    code = JD_EXIT_INPUT;
  }
  g_ptr_array_unref(h);
  return code;
}

static int print_diff(const jd_figure_table *a, const jd_figure_table *b, const char *old_path,
                      const char *new_path, gboolean summary_only)
{
  GError *err = NULL;
  GString *out = g_string_new(NULL);
  jd_diff_counts counts;
  if (!jd_diff_tables(a, b, summary_only ? NULL : out, &counts, &err)) {
    g_string_free(out, TRUE);
    return jd_cli_fail(err, JD_EXIT_INPUT);
  }
  g_autofree char *sum = jd_diff_summary(&counts);
  g_autofree char *o = g_path_get_basename(old_path), *n = g_path_get_basename(new_path);
  printf("%s → %s: %s\n%s", o, n, sum, out->str);
  g_string_free(out, TRUE);
  return JD_EXIT_OK;
}

int jd_cmd_diff(int argc, char **argv)
{
  char *config_path = NULL;
  gboolean summary_only = FALSE;
  int code = JD_EXIT_OK;
  GError *err = NULL;
  jd_build_config *config = NULL;
  jd_figure_table *a = NULL, *b = NULL;
  char *old_path = NULL, *new_path = NULL, *dir = NULL;
  GOptionEntry entries[] = {
      {"config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
       "the build whose history to read (default: jindu.ini)", "FILE"},
      {"summary", 's', 0, G_OPTION_ARG_NONE, &summary_only,
       "only the counts, as the briefing's 本期变化 says them", NULL},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  GOptionContext *ctx = g_option_context_new("[OLD [NEW]] - what changed between two builds");
  g_option_context_set_summary(
      ctx, "Each build keeps its figures as OUTPUT/history/DATE.csv. diff lists the figures\n"
           "that are new (+), changed (~) or withdrawn (-), then the audit findings\n"
           "(warnings and errors) that are new, changed or resolved. OLD and NEW are\n"
           "dates of the history or figures tables; by default the two latest builds.\n\n"
           "  jindu diff                       # the last two builds\n"
           "  jindu diff 2023-06-23            # that build against the latest\n"
           "  jindu diff old.csv new.csv");
  g_option_context_add_main_entries(ctx, entries, NULL);
  if (!jd_cli_parse(ctx, &argc, &argv, &code)) goto out;
  if (argc > 3) {
    jd_cli_error("diff takes at most two builds (OLD NEW) — see 'jindu diff --help'");
    code = JD_EXIT_USAGE;
    goto out;
  }
  /* the history of the configured build (needed unless two tables are named) */
  config = jd_build_config_load(config_path ? config_path : "jindu.ini", &err);
  if (config) {
    dir = g_build_filename(config->output_dir, JD_BUILD_HISTORY, NULL);
  } else if (argc < 3 || config_path) {
    code = jd_cli_fail(err, JD_EXIT_INPUT);
    goto out;
  } else {
    g_clear_error(&err);
    dir = g_strdup(".");
  }
  if ((code = pick(argc, argv, dir, &old_path, &new_path)) != JD_EXIT_OK) goto out;
  if (!(a = load(old_path, &code)) || !(b = load(new_path, &code))) goto out;
  code = print_diff(a, b, old_path, new_path, summary_only);
out:
  jd_figure_table_free(a);
  jd_figure_table_free(b);
  jd_build_config_free(config);
  g_free(config_path);
  g_free(old_path);
  g_free(new_path);
  g_free(dir);
  g_option_context_free(ctx);
  return code;
}
