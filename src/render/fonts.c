/* The one Pango font map of the process: pangocairo over the fontconfig
 * configuration in fonts/ (jd_fonts_init), shared by charts and the briefing. */
#include <fontconfig/fontconfig.h>

#include "jindu/jindu.h"
#include "render/fonts.h"

PangoFontMap *jd_render_font_map(void)
{
  static PangoFontMap *map;
  if (!map) {
    jd_fonts_init();
    /* Load the configuration ourselves and make it current before Pango
     * starts: FcInit() would also parse the ~80 files of the system's
     * conf.avail for their descriptions, and Pango's start-up thread and the
     * first lookup could each build a configuration of their own. */
    const char *file = g_getenv("FONTCONFIG_FILE");
    if (file && *file) {
      FcConfig *cfg = FcConfigCreate();
      if (cfg && FcConfigParseAndLoad(cfg, (const FcChar8 *)file, FcTrue) && FcConfigBuildFonts(cfg))
        FcConfigSetCurrent(cfg);
      if (cfg) FcConfigDestroy(cfg);
    }
    map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
  }
  return map;
}
