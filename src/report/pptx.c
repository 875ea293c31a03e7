/* placeholder replaced below */
#include "report/ooxml.h"
GBytes *jd_report_render_pptx(const jd_report *r, GError **error)
{
  (void)r;
  g_set_error(error, JD_REPORT_ERROR, JD_REPORT_ERROR_INVALID, "slides are not written yet");
  return NULL;
}
