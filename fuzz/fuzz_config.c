/* Fuzzes the reader of jindu.ini (jd_build_config_load): any bytes must give
 * either a configuration with every path absolute and resolved, or an error
 * naming the file — never a crash. */
#include "fuzz.h"
#include "jindu/build.h"
#include "jindu/jindu.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  jd_fuzz_setup();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *path = jd_fuzz_scratch_file(".ini", data, size);
  GError *error = NULL;
  jd_build_config *config = jd_build_config_load(path, &error);
  if (!config) {
    FUZZ_CHECK(error != NULL && error->message != NULL);
    FUZZ_CHECK(g_utf8_validate(error->message, -1, NULL));
    g_error_free(error);
    return 0;
  }
  FUZZ_CHECK(error == NULL);
  FUZZ_CHECK(config->output_dir != NULL && g_path_is_absolute(config->output_dir));
  for (char **d = config->documents; d && *d; d++) FUZZ_CHECK(g_path_is_absolute(*d));
  for (char **d = config->overrides; d && *d; d++) FUZZ_CHECK(g_path_is_absolute(*d));
  jd_build_config_free(config);
  return 0;
}
