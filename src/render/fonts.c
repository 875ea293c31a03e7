/* The Pango font maps: pangocairo over the fontconfig configuration in
 * fonts/ (jd_fonts_init), shared by charts and the briefing. One map per
 * thread: a PangoFontMap and its caches are not safe to use from two
 * threads at once, so charts drawn on a thread pool each get their own,
 * over the one fontconfig configuration (fontconfig itself is thread-safe). */
#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>
#include <string.h>

#include "jindu/jindu.h"
#include "render/fonts.h"

static gpointer setup_fontconfig(gpointer unused)
{
  (void)unused;
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
  return NULL;
}

static GPrivate thread_map = G_PRIVATE_INIT(g_object_unref);

PangoFontMap *jd_render_font_map(void)
{
  static GOnce once = G_ONCE_INIT;
  g_once(&once, setup_fontconfig, NULL);
  PangoFontMap *map = g_private_get(&thread_map);
  if (!map) {
    map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    g_private_set(&thread_map, map);
  }
  return map;
}

static int cmp_str(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every font file fontconfig offers with its index, size and time, sorted,
 * hashed: a font installed, removed or replaced changes it. */
static gpointer fingerprint(gpointer unused)
{
  (void)unused;
  jd_render_font_map();
  GPtrArray *rows = g_ptr_array_new_with_free_func(g_free);
  g_autofree char *conf = g_strdup(g_getenv("FONTCONFIG_FILE"));
  g_ptr_array_add(rows, g_strdup_printf("conf %s", conf ? conf : ""));
  FcFontSet *fs = FcConfigGetFonts(NULL, FcSetSystem);
  for (int i = 0; fs && i < fs->nfont; i++) {
    FcChar8 *file = NULL;
    int index = 0;
    if (FcPatternGetString(fs->fonts[i], FC_FILE, 0, &file) != FcResultMatch) continue;
    FcPatternGetInteger(fs->fonts[i], FC_INDEX, 0, &index);
    GStatBuf st;
    gboolean ok = g_stat((const char *)file, &st) == 0;
    g_ptr_array_add(rows, g_strdup_printf("%s#%d %lld %lld", (const char *)file, index,
                                          ok ? (long long)st.st_size : -1LL,
                                          ok ? (long long)st.st_mtime : -1LL));
  }
  g_ptr_array_sort(rows, cmp_str);
  GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
  for (guint i = 0; i < rows->len; i++) {
    g_checksum_update(ck, (const guchar *)rows->pdata[i], -1);
    g_checksum_update(ck, (const guchar *)"\n", 1);
  }
  char *h = g_strdup(g_checksum_get_string(ck));
  g_checksum_free(ck);
  g_ptr_array_unref(rows);
  return h;
}

const char *jd_render_fonts_fingerprint(void)
{
  static GOnce once = G_ONCE_INIT;
  return g_once(&once, fingerprint, NULL);
}
