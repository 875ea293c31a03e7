/* A PDF cairo wrote, rewritten and checked by libqpdf (render/pdftidy.c). */
#pragma once

#include <glib.h>

/* cairo 1.16 (Debian 12) numbers a structure element for every link
 * annotation on a page and never writes it, so its cross-reference table
 * points at objects that are not there ("object 13 0 not found").
 * Rewrites data through libqpdf (cross-reference rebuilt, unreferenced
 * objects dropped, a deterministic /ID so the same input gives the same
 * bytes), then reads the result back and runs qpdf's own check over it:
 * any warning is an error naming it. Returns the new bytes, or NULL with
 * *message (caller frees) set. */
GBytes *jd_pdf_tidy(const void *data, size_t length, char **message);

/* Runs qpdf's check (cross-reference, every object and stream) over data;
 * FALSE with *message (caller frees) on the first warning or error. */
gboolean jd_pdf_check(const void *data, size_t length, char **message);
