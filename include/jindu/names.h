/* Chinese display names of the ids the extractor writes into the figures
 * table (metric, drug, part, unit), shared by the audit's explanations, the
 * charts and the briefing so one figure reads the same everywhere. The names
 * are data: data/lexicon/names.tsv, read once per process. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads data/lexicon/names.tsv now (the functions below read it on first use;
 * any thread may call them). When it cannot be read, returns FALSE with an
 * error naming the file and what to do, and every id is its own name. */
gboolean jd_names_load(GError **error);

/* "cases_solved" -> "破获毒品案件"; a part of a known metric, as the
 * extractor names a figure after 其中 (METRIC_TAG), reads
 * "破获毒品案件（女性）"; an age group of drug users "25岁以下吸毒人员";
 * an unknown id is returned as it is. Caller frees. */
char *jd_metric_name(const char *metric);

/* The name of a known metric id without parts ("cases_solved" ->
 * "破获毒品案件"), or NULL. Static. */
const char *jd_metric_title(const char *metric);

/* Position of a metric in the default order of a briefing's sections
 * (known metrics first, in the lexicon's order of importance); unknown
 * metrics share the last position. */
int jd_metric_rank(const char *metric);

/* The measure word a briefing uses for people counted under a metric ("名"
 * for suspects and drug users, "人" otherwise), or NULL when the metric does
 * not count people. Static. */
const char *jd_metric_person_unit(const char *metric);

/* "heroin" -> "海洛因"; an unknown id as it is. Static or the argument. */
const char *jd_drug_name(const char *drug);

/* The word written after a number of unit ("kg" -> "公斤", "person" -> "人",
 * "pill" -> "粒"); "" for a unit without one. Static. */
const char *jd_unit_name(const char *unit);

/* A chart's value-axis label for unit ("kg" -> "重量（公斤）"), or NULL.
 * Static. */
const char *jd_unit_axis_label(const char *unit);

/* A part of a whole ("female" -> "女性", "under_25" -> "25岁以下",
 * "18_35" -> "18至35岁"); "其中部分" when unknown. Caller frees. */
char *jd_part_name(const char *tag);


G_END_DECLS
