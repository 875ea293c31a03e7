/* Chinese line breaking (kinsoku, 禁则) in the briefing's wrapper
 * (render/wrap.c): no line starts with closing punctuation or ends with
 * opening punctuation, a number stays with its 万/亿/% and measure word,
 * at every width, in the sans faces and in the gongwen body face with its
 * 28-characters-to-the-line letter spacing. */
#include <locale.h>
#include <string.h>

#include "jindu/jindu.h"
#include "render/fonts.h"
#include "render/wrap.h"
#include "testutil.h"

static const char *const texts[] = {
    "2021年，全国抓获犯罪嫌疑人7.7万名，同比下降16.7%。从2015年到2021年的7个年度看，总体呈下降趋势，"
    "平均每年减少约2万名（推算）。若延续这一趋势，2022年约5.6万名（推算，仅供参考）。",
    "另据文件，2019年，甲省破获毒品案件1480余起；“清源断流”行动中，缴获毒品3.84公斤，"
    "查获吸毒人员（含复吸）255万—255.4万名。戒毒康复巩固率为50%，比上年提高5.0个百分点。",
    "本期共分析10份文件中的120项数据，形成9个专题；数据核查发现2处需要注意的问题，其中1处数字相互矛盾，"
    "详见附件一。「注」：卡片数值取各指标最近一个时期，同比变化优先采用文件所载。",
};

/* Closing punctuation a line may not start with; opening it may not end with. */
static const char *const no_start[] = {"，", "。", "、", "；", "：", "）", "」", "”", "！", "？", "%",
                                       "》", "…"};
static const char *const no_end[] = {"（", "「", "“", "《"};

static PangoLayout *layout(PangoContext *ctx, const char *family, double size, double spacing,
                           const char *text, double width)
{
  PangoLayout *l = pango_layout_new(ctx);
  PangoFontDescription *fd = pango_font_description_from_string(family);
  pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
  pango_layout_set_font_description(l, fd);
  pango_font_description_free(fd);
  pango_layout_set_width(l, (int)(width * PANGO_SCALE));
  pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(l, text, -1);
  if (spacing != 0) {
    PangoAttrList *a = pango_attr_list_new();
    pango_attr_list_insert(a, pango_attr_letter_spacing_new((int)(spacing * PANGO_SCALE)));
    pango_layout_set_attributes(l, a);
    pango_attr_list_unref(a);
  }
  pango_layout_set_justify(l, TRUE);
  jd_wrap_protect(l);
  return l;
}

static void check(PangoLayout *l, const char *what, double width)
{
  const char *text = pango_layout_get_text(l);
  for (int i = 1; i < pango_layout_get_line_count(l); i++) {
    const char *at = text + pango_layout_get_line_readonly(l, i)->start_index;
    for (size_t k = 0; k < G_N_ELEMENTS(no_start); k++)
      if (g_str_has_prefix(at, no_start[k]))
        g_error("%s, width %.0f: a line starts with %s: \"%.30s\"", what, width, no_start[k], at);
    for (size_t k = 0; k < G_N_ELEMENTS(no_end); k++) {
      size_t n = strlen(no_end[k]);
      if ((size_t)(at - text) >= n && strncmp(at - n, no_end[k], n) == 0)
        g_error("%s, width %.0f: a line ends with %s before \"%.30s\"", what, width, no_end[k], at);
    }
    /* a number with its 万 and measure word */
    if (g_ascii_isdigit(at[-1]) || at[-1] == '.' ||
        (g_ascii_isdigit(*at) && (g_ascii_isdigit(at[-1]) || at[-1] == '.')))
      g_error("%s, width %.0f: a number broken before \"%.30s\"", what, width, at);
    if (g_str_has_prefix(at, "万") || g_str_has_prefix(at, "亿") || g_str_has_prefix(at, "余"))
      g_error("%s, width %.0f: 万/亿/余 parted from its number: \"%.30s\"", what, width, at);
  }
}

static void test_kinsoku(void)
{
  PangoContext *ctx = pango_font_map_create_context(jd_render_font_map());
  struct {
    const char *family;
    double size, spacing;
  } faces[] = {{"Noto Sans CJK SC", 10.5, 0}, {"Noto Serif CJK SC", 16, -0.2}, {"AR PL KaitiM GB", 16, -0.2}};
  int lines = 0;
  for (size_t f = 0; f < G_N_ELEMENTS(faces); f++)
    for (size_t t = 0; t < G_N_ELEMENTS(texts); t++)
      for (double width = 10 * faces[f].size; width <= 30 * faces[f].size; width += faces[f].size / 3) {
        PangoLayout *l = layout(ctx, faces[f].family, faces[f].size, faces[f].spacing, texts[t], width);
        check(l, faces[f].family, width);
        lines += pango_layout_get_line_count(l);
        g_object_unref(l);
      }
  g_assert_cmpint(lines, >, 1000);
  g_object_unref(ctx);
}

int main(int argc, char **argv)
{
  setlocale(LC_ALL, "");
  g_test_init(&argc, &argv, NULL);
  jd_fonts_init();
  g_test_add_func("/render/wrap/kinsoku", test_kinsoku);
  return g_test_run();
}
