/* The briefing in the format its file name asks for: .pdf (the final form),
 * .docx (Word/WPS, editable), .pptx (a slide deck) or .html (one
 * self-contained page). An unknown extension is an error, never a PDF under
 * another name. */
#pragma once

#include <glib.h>

#include "jindu/report.h"

G_BEGIN_DECLS

typedef enum {
  JD_REPORT_PDF = 0,
  JD_REPORT_DOCX,
  JD_REPORT_PPTX,
  JD_REPORT_HTML,
} jd_report_format;

/* The format of path by its extension (case-insensitive; .htm too). FALSE
 * when the extension is none of them. */
gboolean jd_report_format_from_path(const char *path, jd_report_format *out);
/* "pdf, docx, pptx or html", for messages. */
#define JD_REPORT_FORMATS_HELP ".pdf, .docx, .pptx or .html"

/* Renders the briefing in format; *pages receives the page count for a PDF,
 * the slide count for a deck, 0 otherwise (may be NULL). Caller frees with
 * g_bytes_unref. */
GBytes *jd_report_render_as(const jd_report *report, jd_report_format format, size_t *pages,
                            GError **error);

G_END_DECLS
