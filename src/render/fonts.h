/* The shared Pango font map (render/fonts.c). */
#pragma once

#include <pango/pangocairo.h>

/* pangocairo over fontconfig, after jd_fonts_init(); created on first use,
 * never freed. Not thread-safe on first use. */
PangoFontMap *jd_render_font_map(void);
