/* The input and output of `jindu analyze` and `jindu audit` (cmd_analyze.c),
 * for any command that reads figures: figures tables (CSV / JSON Lines) and,
 * through extraction, documents. */
#pragma once

#include "commands.h"
#include "jindu/analyze.h"

/* Reads every input into t (figures tables as they are; documents through
 * the extractor), then applies the overrides file if given. Returns an exit
 * code (JD_EXIT_OK on success; the error is printed). */
int jd_cli_load_figures(char **inputs, int n, const char *overrides, jd_figure_table *t);
/* Parses "text", "csv", "json". */
gboolean jd_cli_parse_analysis_format(const char *s, jd_analysis_format *out);
/* Writes text to path atomically, or to stdout when path is NULL or "-".
 * Returns an exit code (the error is printed). */
int jd_cli_write_output(const char *path, const GString *text);
/* Frees the figures table once the analysis is made (the analysis owns or
 * holds everything it points to) and gives the freed memory back to the
 * system, so the output is not written on top of the table. Sets *t NULL. */
void jd_cli_release_table(jd_figure_table **t);
