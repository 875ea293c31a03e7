/* data/lexicon/names.tsv, the Chinese display names of jindu's ids, read once
 * per process: the rows behind names.h (metrics, drugs, parts, units,
 * phrases) and numeral.h's qualifier words. Rows are `kind<TAB>id<TAB>
 * columns…`; "-" stands for an empty column. */
#pragma once

#include <glib.h>
#include <stddef.h>

typedef struct {
  const char *id;
  const char *const *columns; /* the columns after the id ("-" read as "") */
  size_t n_columns;
} jd_names_row;

/* Reads the table (jd_data_path("data/lexicon/names.tsv")) on the first call
 * from any thread; later calls give the first call's result. On failure the
 * table is empty and the error names the file (and line) and what to do. */
gboolean jd_names_table_load(GError **error);

/* The first row of kind with id, or NULL (also when the table could not be
 * read). Borrowed, valid for the life of the process. */
const jd_names_row *jd_names_table_find(const char *kind, const char *id);

/* The rows of kind in file order; *n their count. Borrowed. */
const jd_names_row *const *jd_names_table_rows(const char *kind, size_t *n);

/* Column i of row, or "" when row is NULL or has fewer columns. */
const char *jd_names_row_column(const jd_names_row *row, size_t i);
