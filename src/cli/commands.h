/* The jindu subcommands. Each takes argc/argv with argv[0] the command name
 * and returns a jd_exit_code. */
#pragma once

#include <glib.h>
#include "jindu/jindu.h"

int jd_cmd_normalize(int argc, char **argv);
int jd_cmd_extract(int argc, char **argv);
int jd_cmd_merge(int argc, char **argv);
int jd_cmd_analyze(int argc, char **argv);
int jd_cmd_audit(int argc, char **argv);
int jd_cmd_chart(int argc, char **argv);
int jd_cmd_report(int argc, char **argv);
int jd_cmd_build(int argc, char **argv);
int jd_cmd_metrics(int argc, char **argv);
int jd_cmd_diff(int argc, char **argv);
int jd_cmd_review(int argc, char **argv);
int jd_cmd_regions(int argc, char **argv);

/* Shared helpers for commands (src/cli/common.c). */

/* Prints "jindu: MESSAGE" to stderr; MESSAGE should already name FILE:LINE
 * and say what to do. */
void jd_cli_error(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
void jd_cli_warning(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* Says every warning of the list (may be NULL) and empties it. */
void jd_cli_warnings(GPtrArray *warnings);
/* Prints err's message and returns the exit code for its domain. */
int jd_cli_fail(GError *err, int exit_code);
/* Parses options for a command with GOptionContext; prints usage errors.
 * Returns TRUE to go on; on FALSE *exit_code is set (0 for --help). */
gboolean jd_cli_parse(GOptionContext *ctx, int *argc, char ***argv, int *exit_code);
/* Parses an --encoding value (NULL: auto) into *enc (a jd_encoding); on an
 * unknown name says which ones there are and returns FALSE. One parser for
 * every command. */
gboolean jd_cli_parse_encoding(const char *value, int *enc);
/* The help text of --encoding. */
#define JD_CLI_ENCODING_HELP "input encoding: auto (default: UTF-8 if valid, else GB18030 or Big5), utf-8, gb18030 or big5"
/* The exit-code paragraph used in every --help. */
extern const char jd_cli_exit_codes_help[];
