/* The commands of the "commands" module (util/module.h): those that analyse
 * (GSL), draw (cairo, Pango), write PDF and office formats (qpdf,
 * libxlsxwriter, libzip, libxml2) or run the review screen (ncurses), and the
 * workbook writer `jindu extract --format xlsx / --headers zh` borrows. Built
 * into lib/jindu/commands.so; the executable looks up the one table
 * jd_commands_table (commands-module.c) the first time it needs one, so
 * extract, normalize, merge, metrics and regions load none of those
 * libraries. */
#pragma once

#include "commands.h"
#include "jindu/figure.h"

typedef struct {
  int (*build)(int argc, char **argv);
  int (*analyze)(int argc, char **argv);
  int (*audit)(int argc, char **argv);
  int (*chart)(int argc, char **argv);
  int (*report)(int argc, char **argv);
  int (*review)(int argc, char **argv);
  int (*diff)(int argc, char **argv);
  /* jindu/workbook.h with no analysis */
  GBytes *(*workbook_render)(const jd_figure_table *figures, gint64 created, GError **error);
  void (*workbook_csv_header)(GString *out, gboolean bom);
  void (*workbook_csv_row)(GString *out, const jd_figure *f, size_t no);
  /* The "  GSL …, cairo …" line of `jindu --version`: the libraries whose
   * versions decide whether outputs are byte-identical. */
  void (*print_library_versions)(void);
} jd_commands_api;

extern const jd_commands_api jd_commands_table;

/* The table, loading the module on first use (commands-load.c); NULL after
 * printing what is missing and what to do. */
const jd_commands_api *jd_commands(void);
