/* jindu's command-line front end: dispatches `jindu <command> [options]` in
 * the style of git. Each command lives in its own cmd_*.c file. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "commands-module.h"
#include "jindu/names.h"

typedef struct {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} command;

/* The commands of the "commands" module: each loads it on first use. */
#define MODULE_COMMAND(name)                                                            \
  static int module_##name(int argc, char **argv)                                       \
  {                                                                                     \
    const jd_commands_api *api = jd_commands();                                         \
    return api ? api->name(argc, argv) : JD_EXIT_INTERNAL;                              \
  }
MODULE_COMMAND(build)
MODULE_COMMAND(analyze)
MODULE_COMMAND(audit)
MODULE_COMMAND(chart)
MODULE_COMMAND(report)
MODULE_COMMAND(review)
MODULE_COMMAND(diff)

static const command commands[] = {
    {"build", module_build, "run the scheduled pipeline from jindu.ini (incremental, atomic)"},
    {"extract", jd_cmd_extract, "extract every figure from documents as CSV or JSON Lines"},
    {"merge", jd_cmd_merge, "one figures table from the shards of an extraction (many machines)"},
    {"analyze", module_analyze, "series, trends, implied values from figures or documents"},
    {"audit", module_audit, "only the findings: figures that do not add up"},
    {"chart", module_chart, "draw a chart from figures to PNG, PDF or SVG"},
    {"report", module_report, "compose a multi-page PDF briefing (简报)"},
    {"normalize", jd_cmd_normalize, "print documents' normalized text (debugging the loader)"},
    {"review", module_review, "decide findings and unclear figures; appends to the overrides"},
    {"diff", module_diff, "what changed between two builds: figures and audit findings"},
    {"metrics", jd_cmd_metrics, "list metrics (or --drugs): id, Chinese name, aliases, units"},
    {"regions", jd_cmd_regions, "list the regions and the names they go by"},
};

static void usage(FILE *out)
{
  fprintf(out,
          "Usage: jindu <command> [options] [args]\n"
          "       jindu --version | jindu help [command]\n"
          "       (every command takes --lexicon DIR: vocabularies and names from DIR)\n\n"
          "jindu turns Chinese anti-drug work documents into audited statistics,\n"
          "charts and briefing reports.\n\nCommands:\n");
  for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
    fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf(out, "\nRun 'jindu <command> --help' for a command's options.\n\n%s",
          jd_cli_exit_codes_help);
}

int jd_print_version(void);

/* --lexicon DIR (or --lexicon=DIR), anywhere after the command: the
 * vocabularies and display names of the whole run come from DIR. Taken out
 * of argv here, before the names are read. */
static int take_lexicon_option(int argc, char **argv)
{
  int out = 0;
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) {
      while (i < argc) argv[out++] = argv[i++];
      break;
    }
    if (strcmp(argv[i], "--lexicon") == 0 && i + 1 < argc) {
      jd_set_lexicon_dir(argv[++i]);
    } else if (g_str_has_prefix(argv[i], "--lexicon=")) {
      jd_set_lexicon_dir(argv[i] + strlen("--lexicon="));
    } else {
      argv[out++] = argv[i];
    }
  }
  argv[out] = NULL;
  return out;
}

static const command *find_command(const char *name)
{
  for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
    if (strcmp(commands[i].name, name) == 0) return &commands[i];
  return NULL;
}

int main(int argc, char **argv)
{
  setlocale(LC_ALL, "");
  if (argc < 2) {
    usage(stderr);
    return JD_EXIT_USAGE;
  }
  const char *name = argv[1];
  if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) return jd_print_version();
  if (strcmp(name, "help") == 0 || strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
    if (argc > 2 && strcmp(name, "help") == 0) {
      const command *c = find_command(argv[2]);
      if (!c) {
        fprintf(stderr, "jindu: unknown command '%s' — run 'jindu help' for the list\n", argv[2]);
        return JD_EXIT_USAGE;
      }
      char *args[] = {(char *)c->name, (char *)"--help", NULL};
      return c->run(2, args);
    }
    usage(stdout);
    return JD_EXIT_OK;
  }
  const command *c = find_command(name);
  if (!c) {
    fprintf(stderr, "jindu: unknown command '%s' — run 'jindu help' for the list\n", name);
    return JD_EXIT_USAGE;
  }
  argc = take_lexicon_option(argc, argv);
  jd_fonts_init();
  GError *err = NULL;
  if (!jd_names_load(&err)) return jd_cli_fail(err, JD_EXIT_INPUT);
  return c->run(argc - 1, argv + 1);
}
