/* `jindu --version`: jindu's version and the versions of the libraries that
 * decide whether outputs are byte-identical. */
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <gsl/gsl_version.h>
#include <opencc.h>
#include <pango/pango.h>
#include <stdio.h>

#include "commands.h"

int jd_print_version(void);

int jd_print_version(void)
{
  int fc = FcGetVersion();
  printf("jindu %s\n", jd_version());
  printf("  GSL %s, cairo %s, Pango %s, fontconfig %d.%d.%d, GLib %u.%u.%u, OpenCC (libopencc %s)\n",
         gsl_version, cairo_version_string(), pango_version_string(), fc / 10000,
         (fc / 100) % 100, fc % 100, glib_major_version, glib_minor_version, glib_micro_version,
#ifdef OPENCC_VERSION
         OPENCC_VERSION
#else
         "1.1"
#endif
  );
  printf("  data: %s\n", jd_data_dir());
  return JD_EXIT_OK;
}
