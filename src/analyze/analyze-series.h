/* The series builder as the driver sees it (series.c): the series of a
 * table and their points, built in three phases around the audit. */
#pragma once

#include "analyze/analyze-context.h"

typedef struct jd_series_set jd_series_set;

/* An empty set for the rows of c. Release with jd_series_set_free. */
jd_series_set *jd_series_set_new(jd_analyze_ctx *c);
void jd_series_set_free(jd_series_set *set);
/* Phase 1: numbers every row of the table: its document and period (in the
 * context) and its series (metric, drug, region, unit, kind, period class),
 * and notes each document's most recent year. */
void jd_series_set_number_rows(jd_series_set *set);
/* Phase 2 (beside the audit, which only reads the context): the stated
 * points of every series, with their conflict and corroboration findings
 * appended to a->findings. */
void jd_series_set_build_stated(jd_series_set *set, jd_analysis *a);
/* Phase 3 (after the audit): adds the implied priors (jd_implied_prior, in
 * the order the audit found them) where nothing is stated, when
 * a->options.implied_points; sorts the points, fits the trends and appends
 * the series to a->series. */
void jd_series_set_finish(jd_series_set *set, jd_analysis *a, const GArray *implied);
