/* `jindu --version`: jindu's version and the versions of the libraries that
 * decide whether outputs are byte-identical. */
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <gsl/gsl_version.h>
#include <pango/pango.h>
#include <stdio.h>

#include "commands.h"
#include "jindu-config.h"

int jd_print_version(void);

int jd_print_version(void)
{
  int fc = FcGetVersion();
  printf("jindu %s\n", jd_version());
  printf("  GSL %s, cairo %s, Pango %s, fontconfig %d.%d.%d, GLib %u.%u.%u, t2s tables from OpenCC %s\n",
         gsl_version, cairo_version_string(), pango_version_string(), fc / 10000,
         (fc / 100) % 100, fc % 100, glib_major_version, glib_minor_version, glib_micro_version,
         JINDU_OPENCC_VERSION);
  printf("  data: %s\n", jd_data_dir());
  return JD_EXIT_OK;
}
