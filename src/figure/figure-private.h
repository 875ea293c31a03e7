/* Internals of the figures table shared with the analysis. */
#pragma once

#include "jindu/figure.h"

/* The table's string pool. Every string of every row of one table lives in
 * it, and equal strings other than quotes are stored once: within one table,
 * equal doc/metric/drug/region/period/unit/base_period strings have equal
 * pointers. */
typedef struct jd_string_pool jd_string_pool;

/* A new reference to t's string pool: the row strings stay valid until it
 * is released, even after jd_figure_table_free(t). */
jd_string_pool *jd_figure_table_ref_strings(const jd_figure_table *t);
void jd_string_pool_unref(jd_string_pool *p);

/* The rows of t in order (borrowed; valid until t changes). */
const jd_figure *const *jd_figure_table_peek_rows(const jd_figure_table *t);
