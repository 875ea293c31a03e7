/* `jindu review` on a terminal: a full screen (ncursesw) that walks through
 * the review's items one by one — the quote with its number highlighted,
 * the figure as it stands, and keys to accept, correct, withdraw, skip, go
 * back or quit. Decisions go through review.h (appended to the overrides). */
#pragma once

#include <glib.h>

#include "jindu/review.h"

/* Runs the screen until the analyst quits. *left: items not decided in this
 * session. FALSE with error when a decision could not be written (the
 * screen is closed first). */
gboolean jd_review_screen(jd_review *r, guint *left, GError **error);
