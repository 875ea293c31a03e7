/* Line breaking for Chinese text that carries file names, numbers and
 * source references (render/wrap.c), shared by the charts and the briefing:
 * Pango's default rules break "06-quanguo-2021.txt" at its hyphens and
 * "7.7万名" between the number and 万. */
#pragma once

#include <pango/pango.h>

/* Keeps every run of ASCII characters (a file name, doc:line, a number with
 * its 万/亿/% and measure word, "[12]") on one line when the run fits the
 * layout's width; a run that does not fit may break only after '/' or ':',
 * and a piece still too wide falls back to Pango's own breaks, so nothing is
 * ever clipped. A range of numbers written with an en dash (34.3%–41.9%) is
 * set with the Chinese range dash — instead: Pango breaks after an en dash
 * whatever its attributes say. Call after the text, font and width are set;
 * no-op for a layout without a width. */
void jd_wrap_protect(PangoLayout *layout);

/* Keeps the bytes [start, end) of the layout's text on one line (a linked
 * item of a list). Call after jd_wrap_protect. */
void jd_wrap_keep(PangoLayout *layout, int start, int end);
