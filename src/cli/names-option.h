/* Options that name metrics, drugs or regions (names-option.c). */
#pragma once

#include "commands.h"
#include "jindu/catalog.h"
#include "jindu/figure.h"

/* Replaces *value (';'-separated ids, Chinese names or aliases of kind) by
 * the ids; values that t (may be NULL) holds pass as they are. An unknown
 * name prints "OPTION: unknown … — did you mean …" and returns
 * JD_EXIT_USAGE. */
int jd_cli_resolve_names(jd_catalog_kind kind, char **value, const jd_figure_table *t,
                         const char *option);
