/* Fuzzes the key-file readers of charts: themes (jd_theme_load) and chart
 * specs (jd_chart_load_spec), chosen by the first byte. Malformed files must
 * give an error naming the file, never a crash. */
#include "fuzz.h"
#include "jindu/chart.h"
#include "jindu/jindu.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  jd_fuzz_setup();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1) return 0;
  int mode = data[0] & 1;
  const char *path = jd_fuzz_scratch_file(".ini", data + 1, size - 1);
  GError *error = NULL;
  if (mode == 0) {
    jd_theme *theme = jd_theme_load(path, &error);
    if (theme) {
      FUZZ_CHECK(jd_theme_get_font_family(theme) != NULL);
      jd_theme *copy = jd_theme_copy(theme);
      jd_theme_free(copy);
      jd_theme_free(theme);
    } else {
      FUZZ_CHECK(error != NULL && error->message != NULL);
    }
  } else {
    jd_chart_select select = {0};
    jd_chart *chart = jd_chart_load_spec(path, &select, &error);
    jd_chart_select_clear(&select);
    if (chart) {
      jd_chart_free(chart);
    } else {
      FUZZ_CHECK(error != NULL && error->message != NULL);
    }
  }
  if (error) g_error_free(error);
  return 0;
}
