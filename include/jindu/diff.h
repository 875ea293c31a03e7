/* What changed between two builds: the figures that are new, changed or
 * withdrawn, and the audit findings (warnings and errors) each build's
 * figures give that are new, changed (severity) or resolved. A build keeps
 * a dated snapshot of its figures (OUTPUT/history/DATE.csv) for `jindu diff`;
 * the findings are worked out again from each snapshot. */
#pragma once

#include <glib.h>

#include "jindu/figure.h"

G_BEGIN_DECLS

typedef struct {
  size_t figures_new, figures_changed, figures_withdrawn;
  size_t findings_new, findings_changed, findings_resolved;
} jd_diff_counts;

/* Compares the figures of an older and a newer build. Appends one line per
 * difference to out (may be NULL): "+ 新增", "~ 变化", "- 撤回" for figures,
 * "+ 审计", "~ 审计", "- 审计" for findings, in Chinese names. */
gboolean jd_diff_tables(const jd_figure_table *older, const jd_figure_table *newer, GString *out,
                        jd_diff_counts *counts, GError **error);

/* One Chinese sentence for a briefing's 本期变化 section:
 * "与上期相比，新增数据3项，数值变化1项，撤回0项；审计发现新增1项，消除1项。" */
char *jd_diff_summary(const jd_diff_counts *counts);

G_END_DECLS
