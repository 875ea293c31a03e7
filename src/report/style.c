/* The briefing's two page styles and the faces they use. */
#include "report/style.h"

#include <fontconfig/fontconfig.h>
#include <string.h>

#include "render/fonts.h"

static const char *const role_names[JD_FACE_COUNT] = {"标题", "正文", "一级标题", "二级标题",
                                                       "表格"};

/* GB/T 9704-2012: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; 3号仿宋 body
 * at 22 lines of 28 characters; 黑体 and 楷体 headings; 4号 page numbers
 * 7 mm below the 版心, on the outer side. No free 仿宋 covers simplified
 * Chinese (fonts-cwtex-fs has Big5's traditional characters only), so the
 * body falls back to the Song-style Noto Serif CJK SC. */
static const jd_report_style gongwen = {
    .name = "gongwen",
    .page_w = 595.276, .page_h = 841.890,
    .top = JD_MM(37), .inner = JD_MM(28), .outer = JD_MM(26),
    .text_w = JD_MM(156), .text_h = JD_MM(225),
    .mirror = TRUE,
    .wanted = {"方正小标宋简体;FZXiaoBiaoSong-B05S", "仿宋_GB2312;FangSong_GB2312;仿宋;FangSong",
               "黑体;SimHei", "楷体_GB2312;KaiTi_GB2312;楷体;KaiTi", "黑体;SimHei"},
    .free = {"Noto Serif CJK SC", "Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL KaitiM GB",
             "Noto Sans CJK SC"},
    .bold = {TRUE, FALSE, FALSE, FALSE, FALSE},
    .size_masthead = 36, .size_title = 22, .size_body = 16, .size_heading = 16,
    .size_page_number = 14, .size_note = 14,
    .lines = 22, .chars = 28,
    .page_number_gap = JD_MM(7),
    .outer_page_number = TRUE,
    .running_header = FALSE,
};

/* The earlier layout: sans-serif throughout, a running header, centred
 * page numbers. */
static const jd_report_style modern = {
    .name = "modern",
    .page_w = 595.276, .page_h = 841.890,
    .top = 66, .inner = 62, .outer = 62,
    .text_w = 595.276 - 124, .text_h = 841.890 - 66 - 70,
    .mirror = FALSE,
    .wanted = {"Noto Sans CJK SC", "Noto Sans CJK SC", "Noto Sans CJK SC", "Noto Sans CJK SC",
               "Noto Sans CJK SC"},
    .free = {"Noto Sans CJK SC", "Noto Sans CJK SC", "Noto Sans CJK SC", "Noto Sans CJK SC",
             "Noto Sans CJK SC"},
    .bold = {TRUE, FALSE, TRUE, TRUE, FALSE},
    .size_masthead = 42, .size_title = 16, .size_body = 11, .size_heading = 16,
    .size_page_number = 10.5, .size_note = 8.5,
    .lines = 0, .chars = 0,
    .page_number_gap = 24,
    .outer_page_number = FALSE,
    .running_header = TRUE,
};

static const char *const style_names[] = {"gongwen", "modern", NULL};

const jd_report_style *jd_report_style_get(const char *name)
{
  if (!name || !*name || strcmp(name, "gongwen") == 0) return &gongwen;
  if (strcmp(name, "modern") == 0) return &modern;
  return NULL;
}

const char *const *jd_report_style_names(void) { return style_names; }

/* Whether fontconfig knows family (by any of its names, 黑体 or SimHei). */
static gboolean installed(const char *family)
{
  jd_render_font_map(); /* the project's fontconfig set-up, fonts/ included */
  FcPattern *pat = FcPatternCreate();
  FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
  FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, (char *)NULL);
  FcFontSet *fs = FcFontList(NULL, pat, os);
  gboolean found = fs && fs->nfont > 0;
  if (fs) FcFontSetDestroy(fs);
  FcObjectSetDestroy(os);
  FcPatternDestroy(pat);
  return found;
}

/* The first installed name of a wanted list ("仿宋_GB2312;FangSong"), else NULL. */
static const char *wanted_face(const char *list)
{
  static GHashTable *cache; /* list -> interned name or "" */
  static GMutex lock;
  g_mutex_lock(&lock);
  if (!cache) cache = g_hash_table_new(g_str_hash, g_str_equal);
  const char *found = g_hash_table_lookup(cache, list);
  if (!found) {
    found = "";
    g_auto(GStrv) names = g_strsplit(list, ";", -1);
    for (char **n = names; *n; n++)
      if (installed(*n)) {
        found = g_intern_string(*n);
        break;
      }
    g_hash_table_insert(cache, (gpointer)list, (gpointer)found);
  }
  g_mutex_unlock(&lock);
  return *found ? found : NULL;
}

const char *jd_report_style_face(const jd_report_style *st, jd_face_role role)
{
  const char *w = wanted_face(st->wanted[role]);
  return w ? w : st->free[role];
}

char *jd_report_style_substitutes(const jd_report_style *st)
{
  GString *out = g_string_new(NULL);
  for (int r = 0; r < JD_FACE_COUNT; r++) {
    if (wanted_face(st->wanted[r])) continue;
    g_autofree char *first = g_strndup(st->wanted[r], strcspn(st->wanted[r], ";"));
    g_string_append_printf(out, "%s%s：%s → %s", out->len ? "；" : "", role_names[r], first,
                           st->free[r]);
  }
  return g_string_free(out, out->len == 0);
}
