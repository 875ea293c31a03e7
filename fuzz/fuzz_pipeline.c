/* Fuzzes the pipeline after extraction: a figures CSV is read, analysed and
 * composed into the briefing (jd_report_new: series, audit, sections), and
 * every 16th input is rendered to PDF. Any table the reader accepts must
 * give a report or a clear error — never a crash, hang or leak; a PDF must
 * start with %PDF. */
#include <string.h>

#include "fuzz.h"
#include "jindu/figure.h"
#include "jindu/jindu.h"
#include "jindu/report.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  jd_fuzz_setup();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1) return 0;
  gboolean render = (data[0] & 15) == 0;
  data++;
  size--;
  GError *error = NULL;
  jd_figure_table *t = jd_figure_table_new();
  if (!jd_figure_table_read_csv(t, "fuzz.csv", (const char *)data, size, &error)) {
    FUZZ_CHECK(error != NULL && g_utf8_validate(error->message, -1, NULL));
    g_error_free(error);
    jd_figure_table_free(t);
    return 0;
  }
  jd_report_options opt;
  jd_report_options_init(&opt);
  jd_report *r = jd_report_new(t, &opt, &error);
  if (!r) {
    FUZZ_CHECK(error != NULL && error->message != NULL);
    g_error_free(error);
  } else {
    if (render) {
      size_t pages = 0;
      GBytes *pdf = jd_report_render_pdf(r, &pages, &error);
      if (pdf) {
        gsize n = 0;
        const char *p = g_bytes_get_data(pdf, &n);
        FUZZ_CHECK(n > 4 && memcmp(p, "%PDF", 4) == 0 && pages >= 1);
        g_bytes_unref(pdf);
      } else {
        FUZZ_CHECK(error != NULL);
        g_error_free(error);
      }
    }
    jd_report_free(r);
  }
  jd_report_options_clear(&opt);
  jd_figure_table_free(t);
  return 0;
}
