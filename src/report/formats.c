/* Which writer a briefing's file name asks for (report-formats.h). */
#include <string.h>

#include "jindu/report-formats.h"
#include "report/ooxml.h"

gboolean jd_report_format_from_path(const char *path, jd_report_format *out)
{
  static const struct {
    const char *ext;
    jd_report_format format;
  } known[] = {{".pdf", JD_REPORT_PDF},   {".docx", JD_REPORT_DOCX}, {".pptx", JD_REPORT_PPTX},
               {".html", JD_REPORT_HTML}, {".htm", JD_REPORT_HTML}};
  const char *dot = path ? strrchr(path, '.') : NULL;
  if (!dot || strchr(dot, '/')) return FALSE;
  for (size_t i = 0; i < G_N_ELEMENTS(known); i++)
    if (g_ascii_strcasecmp(dot, known[i].ext) == 0) {
      if (out) *out = known[i].format;
      return TRUE;
    }
  return FALSE;
}

GBytes *jd_report_render_as(const jd_report *report, jd_report_format format, size_t *pages,
                            GError **error)
{
  if (pages) *pages = 0;
  switch (format) {
  case JD_REPORT_DOCX: return jd_report_render_docx(report, error);
  case JD_REPORT_PPTX: {
    GBytes *b = jd_report_render_pptx(report, error);
    if (b && pages) *pages = report->sections->len + 1;
    return b;
  }
  case JD_REPORT_HTML: return jd_report_render_html(report, error);
  case JD_REPORT_PDF:
  default: return jd_report_render_pdf(report, pages, error);
  }
}
