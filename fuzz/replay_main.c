/* A main() for the fuzz targets in ordinary (non-libFuzzer) builds: runs
 * LLVMFuzzerTestOneInput over every file named on the command line (or found
 * in the directories named), so ctest replays fuzz/regressions/TARGET/ with
 * gcc, with and without the sanitizers. */
#include <glib.h>
#include <string.h>

#include "fuzz.h"

static int replay_file(const char *path)
{
  char *data = NULL;
  gsize len = 0;
  GError *err = NULL;
  if (!g_file_get_contents(path, &data, &len, &err)) {
    fprintf(stderr, "replay: %s\n", err->message);
    g_error_free(err);
    return 1;
  }
  /* An exact-size copy, so reads past the end are caught as in libFuzzer. */
  uint8_t *copy = g_malloc(len ? len : 1);
  memcpy(copy, data, len);
  g_free(data);
  fprintf(stderr, "replay: %s (%zu bytes)\n", path, (size_t)len);
  LLVMFuzzerTestOneInput(copy, len);
  g_free(copy);
  return 0;
}

int main(int argc, char **argv)
{
  LLVMFuzzerInitialize(&argc, &argv);
  int failures = 0, count = 0;
  for (int i = 1; i < argc; i++) {
    if (g_file_test(argv[i], G_FILE_TEST_IS_DIR)) {
      GDir *d = g_dir_open(argv[i], 0, NULL);
      if (!d) continue;
      GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
      const char *n;
      while ((n = g_dir_read_name(d)))
        if (n[0] != '.') g_ptr_array_add(names, g_build_filename(argv[i], n, NULL));
      g_dir_close(d);
      for (guint k = 0; k < names->len; k++, count++) failures += replay_file(names->pdata[k]);
      g_ptr_array_unref(names);
    } else {
      failures += replay_file(argv[i]);
      count++;
    }
  }
  fprintf(stderr, "replay: %d inputs, all returned\n", count);
  return failures ? 1 : 0;
}
