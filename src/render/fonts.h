/* The Pango font maps (render/fonts.c). */
#pragma once

#include <pango/pangocairo.h>

/* pangocairo over fontconfig, after jd_fonts_init(): the calling thread's
 * own map, created on its first use and freed when the thread ends (the
 * main thread's never). Safe to call from any thread. */
PangoFontMap *jd_render_font_map(void);
/* SHA-256 (hex) of the fonts fontconfig offers: each file, index, size and
 * time. Computed once per process. Borrowed. */
const char *jd_render_fonts_fingerprint(void);
