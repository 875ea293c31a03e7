/* Helpers shared by the fuzz targets (see fuzz.h). */
#include "fuzz.h"

#include <glib.h>
#include <unistd.h>

#include "jindu/jindu.h"

#ifndef JINDU_FUZZ_SOURCE_DIR
#error "JINDU_FUZZ_SOURCE_DIR must be defined by the build"
#endif

void jd_fuzz_setup(void)
{
  if (!g_getenv("JINDU_DATA_DIR")) g_setenv("JINDU_DATA_DIR", JINDU_FUZZ_SOURCE_DIR, TRUE);
  /* a legacy .doc or RTF input takes the no-LibreOffice error path: starting
   * LibreOffice per input would make every such unit a slow one */
  g_setenv("JINDU_SOFFICE", "/nonexistent/soffice", TRUE);
  jd_fonts_init();
}

const char *jd_fuzz_scratch_file(const char *suffix, const uint8_t *data, size_t size)
{
  static char path[4096];
  if (!path[0])
    g_snprintf(path, sizeof path, "%s/jindu-fuzz-%ld%s", g_get_tmp_dir(), (long)getpid(), suffix);
  FILE *f = fopen(path, "wb");
  FUZZ_CHECK(f != NULL);
  if (size) FUZZ_CHECK(fwrite(data, 1, size, f) == size);
  FUZZ_CHECK(fclose(f) == 0);
  return path;
}
