/* Rewriting and checking PDF bytes with libqpdf's C API. */
#include "render/pdftidy.h"

#include <qpdf/qpdf-c.h>

/* The first warning or error of q as a message, else NULL. */
static char *first_problem(qpdf_data q, const char *what)
{
  if (qpdf_has_error(q))
    return g_strdup_printf("%s: %s", what, qpdf_get_error_full_text(q, qpdf_get_error(q)));
  if (qpdf_more_warnings(q))
    return g_strdup_printf("%s: %s", what, qpdf_get_error_full_text(q, qpdf_next_warning(q)));
  return NULL;
}

gboolean jd_pdf_check(const void *data, size_t length, char **message)
{
  qpdf_data q = qpdf_init();
  qpdf_silence_errors(q);
  qpdf_set_suppress_warnings(q, QPDF_TRUE);
  qpdf_set_attempt_recovery(q, QPDF_FALSE);
  char *problem = NULL;
  if (qpdf_read_memory(q, "report.pdf", data, (unsigned long long)length, NULL) & QPDF_ERRORS)
    problem = first_problem(q, "qpdf cannot read the PDF");
  if (!problem) qpdf_check_pdf(q);
  if (!problem) problem = first_problem(q, "qpdf --check");
  qpdf_cleanup(&q);
  if (problem && message) *message = problem;
  else g_free(problem);
  return problem == NULL;
}

GBytes *jd_pdf_tidy(const void *data, size_t length, char **message)
{
  qpdf_data q = qpdf_init();
  qpdf_silence_errors(q);
  /* the warnings of the rebuilt cross-reference table are the point */
  qpdf_set_suppress_warnings(q, QPDF_TRUE);
  GBytes *out = NULL;
  char *problem = NULL;
  if (qpdf_read_memory(q, "cairo.pdf", data, (unsigned long long)length, NULL) & QPDF_ERRORS) {
    problem = first_problem(q, "qpdf cannot read cairo's PDF");
  } else {
    while (qpdf_more_warnings(q)) qpdf_next_warning(q);
    qpdf_init_write_memory(q);
    qpdf_set_deterministic_ID(q, QPDF_TRUE);
    qpdf_set_object_stream_mode(q, qpdf_o_preserve);
    qpdf_set_stream_data_mode(q, qpdf_s_preserve);
    if (qpdf_write(q) & QPDF_ERRORS)
      problem = first_problem(q, "qpdf cannot write the PDF");
    else
      out = g_bytes_new(qpdf_get_buffer(q), qpdf_get_buffer_length(q));
  }
  qpdf_cleanup(&q);
  if (out) {
    gsize n;
    const void *d = g_bytes_get_data(out, &n);
    if (!jd_pdf_check(d, n, &problem)) g_clear_pointer(&out, g_bytes_unref);
  }
  if (problem && message) *message = problem;
  else g_free(problem);
  return out;
}
