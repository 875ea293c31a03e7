/* Fuzzes the build manifest (src/schedule/manifest.c): any bytes either parse
 * into entries whose output paths stay inside the output directory and that
 * format back to exactly the bytes read, or are refused whole — never a
 * crash, never an output path with "..", a leading '/' or a control byte. */
#include <string.h>

#include "schedule/build-private.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  jd_fuzz_setup();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  GPtrArray *e = jd_manifest_parse((const char *)data, size);
  if (!e) return 0;
  for (guint i = 0; i < e->len; i++) {
    const jd_manifest_entry *m = e->pdata[i];
    if (strcmp(m->kind, "output") == 0) {
      FUZZ_CHECK(jd_manifest_safe_relative(m->path));
      FUZZ_CHECK(m->path[0] != '/');
      g_auto(GStrv) parts = g_strsplit(m->path, "/", -1);
      for (char **p = parts; *p; p++) FUZZ_CHECK(strcmp(*p, "..") != 0 && **p);
    }
  }
  GString *back = jd_manifest_format(e);
  FUZZ_CHECK(back->len == size && memcmp(back->str, data, size) == 0);
  g_string_free(back, TRUE);
  g_ptr_array_unref(e);
  return 0;
}
