/* Fuzzes the figures-table readers: CSV from memory, and CSV or JSON Lines
 * from a file (the first byte picks). Whatever is accepted must survive a
 * round trip: writing the table and reading it back gives the same number of
 * rows, and a second write is byte-identical to the first. */
#include <string.h>

#include "fuzz.h"
#include "jindu/figure.h"
#include "jindu/jindu.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  jd_fuzz_setup();
  return 0;
}

static GString *write_table(const jd_figure_table *t, jd_figure_format format)
{
  GString *out = g_string_new(NULL);
  jd_figure_write_header(out, format, FALSE);
  for (size_t i = 0; i < jd_figure_table_get_count(t); i++)
    jd_figure_write(out, jd_figure_table_get(t, i), format);
  return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1) return 0;
  int mode = data[0] % 3;
  data++;
  size--;

  GError *error = NULL;
  jd_figure_table *t = jd_figure_table_new();
  gboolean ok;
  if (mode == 0) {
    ok = jd_figure_table_read_csv(t, "fuzz.csv", (const char *)data, size, &error);
  } else {
    const char *path = jd_fuzz_scratch_file(mode == 1 ? ".csv" : ".jsonl", data, size);
    ok = jd_figure_table_read_file(t, path, &error);
  }
  if (!ok) {
    FUZZ_CHECK(error != NULL && error->message != NULL);
    g_error_free(error);
    jd_figure_table_free(t);
    return 0;
  }
  FUZZ_CHECK(error == NULL);

  for (jd_figure_format format = JD_FORMAT_CSV; format <= JD_FORMAT_JSONL; format++) {
    GString *first = write_table(t, format);
    jd_figure_table *back = jd_figure_table_new();
    gboolean back_ok;
    if (format == JD_FORMAT_CSV) {
      back_ok = jd_figure_table_read_csv(back, "roundtrip.csv", first->str, first->len, &error);
    } else {
      const char *path = jd_fuzz_scratch_file(".jsonl", (const uint8_t *)first->str, first->len);
      back_ok = jd_figure_table_read_file(back, path, &error);
    }
    if (!back_ok) {
      fprintf(stderr, "re-reading jindu's own output failed: %s\n--- output:\n%s\n",
              error ? error->message : "?", first->str);
      FUZZ_CHECK(back_ok);
    }
    FUZZ_CHECK(jd_figure_table_get_count(back) == jd_figure_table_get_count(t));
    GString *second = write_table(back, format);
    if (strcmp(first->str, second->str) != 0) {
      fprintf(stderr, "round trip changed the table:\n--- first:\n%s\n--- second:\n%s\n",
              first->str, second->str);
      FUZZ_CHECK(strcmp(first->str, second->str) == 0);
    }
    g_string_free(first, TRUE);
    g_string_free(second, TRUE);
    jd_figure_table_free(back);
  }
  jd_figure_table_free(t);
  return 0;
}
