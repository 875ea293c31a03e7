/* The "commands" module's face (commands-module.h): its commands and the
 * workbook writer as one table, the library versions of `jindu --version`,
 * and the version the module is stamped with (util/module.h). */
#include "commands-module.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <gsl/gsl_version.h>
#include <pango/pango.h>
#include <stdio.h>

#include "jindu-config.h"
#include "jindu/workbook.h"
#include "util/module-stamp.h"
#include "util/module.h"

static GBytes *workbook_render(const jd_figure_table *figures, gint64 created, GError **error)
{
  return jd_workbook_render(figures, NULL, created, error);
}

static void print_library_versions(void)
{
  int fc = FcGetVersion();
  printf("  GSL %s, cairo %s, Pango %s, fontconfig %d.%d.%d, GLib %u.%u.%u, t2s tables from OpenCC %s\n",
         gsl_version, cairo_version_string(), pango_version_string(), fc / 10000,
         (fc / 100) % 100, fc % 100, glib_major_version, glib_minor_version, glib_micro_version,
         JINDU_OPENCC_VERSION);
}

const jd_commands_api jd_commands_table = {
    .build = jd_cmd_build,
    .analyze = jd_cmd_analyze,
    .audit = jd_cmd_audit,
    .chart = jd_cmd_chart,
    .report = jd_cmd_report,
    .review = jd_cmd_review,
    .diff = jd_cmd_diff,
    .workbook_render = workbook_render,
    .workbook_csv_header = jd_workbook_csv_header,
    .workbook_csv_row = jd_workbook_csv_row,
    .print_library_versions = print_library_versions,
};

/* Checked by jd_module_symbol against the executable's version. */
const char jd_module_version[] = JD_MODULE_VERSION;
