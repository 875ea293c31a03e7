/* Charts: number formatting, sizes, themes, reference images for every chart
 * type (per-pixel tolerance, the project's fonts), PDFs read back with
 * poppler (text, pages, fonts), edge cases, tofu, reproducible bytes, and the
 * `jindu chart` command. Set JINDU_UPDATE_REFS=1 to rewrite tests/ref/. A
 * reference image that differs fails its own case only and leaves out.png,
 * ref.png and diff.png in chart-diff/NAME/ of the working directory. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "jindu/chart.h"
#include "jindu/plot.h"
#include "jindu/jindu.h"
#include "testutil.h"

/* ---- fixtures ---- */

static const char *const ref_cats[] = {"破获毒品案件", "抓获犯罪嫌疑人", "外流贩毒人员"};

static jd_chart *reference_chart(jd_chart_type type)
{
  jd_chart *c = jd_chart_new(type);
  jd_chart_set_title(c, "2018—2019年甘肃省禁毒主要指标");
  jd_chart_set_subtitle(c, "数据来源：甘肃省禁毒办");
  jd_chart_set_axis_labels(c, NULL, "数量（起/人）");
  jd_chart_set_categories(c, ref_cats, 3);
  const double a[] = {1113, 1538, 340}, b[] = {1480, 1870, 190};
  jd_chart_add_series(c, "2018年", a, 3);
  jd_chart_add_series(c, "2019年", b, 3);
  jd_chart_set_footnote(c, "注：2018年数值由同比增幅推算");
  return c;
}

static jd_chart *years_chart(jd_chart_type type)
{
  jd_chart *c = jd_chart_new(type);
  const char *const years[] = {"2016年", "2017年", "2018年", "2019年", "2020年", "2021年（预测）"};
  jd_chart_set_categories(c, years, 6);
  const double v[] = {1120, 1260, 1113, 1480, 1535, NAN};
  jd_chart_add_series(c, "破获毒品案件", v, 6);
  jd_chart_set_point_flags(c, 0, 2, JD_CHART_POINT_IMPLIED);
  jd_chart_set_title(c, "2016—2020年破获毒品案件数及趋势");
  jd_chart_set_axis_labels(c, "年份", "案件数（起）");
  jd_chart_set_unit(c, "起");
  jd_chart_set_footnote(c, "来源：示例数据；2018年为推算值");
  return c;
}

static jd_chart *make_ref(const char *name)
{
  jd_chart *c = NULL;
  if (strcmp(name, "bar") == 0) {
    c = jd_chart_new(JD_CHART_BAR);
    jd_chart_set_title(c, "2019年各地破获毒品案件");
    const char *const cats[] = {"兰州市", "临夏州", "天水市", "白银市", "定西市"};
    jd_chart_set_categories(c, cats, 5);
    const double v[] = {412, 268, 135, 98.5, 61};
    jd_chart_add_series(c, "案件", v, 5);
    jd_chart_set_point_qualifier(c, 0, 1, JD_QUAL_MORE_THAN);
    jd_chart_set_axis_labels(c, "地区", "案件数（起）");
    jd_chart_set_footnote(c, "来源：示例数据");
  } else if (strcmp(name, "grouped-bar") == 0) {
    c = reference_chart(JD_CHART_GROUPED_BAR);
    for (size_t i = 0; i < 3; i++) jd_chart_set_point_flags(c, 0, i, JD_CHART_POINT_IMPLIED);
    jd_chart_set_point_qualifier(c, 1, 1, JD_QUAL_MORE_THAN);
  } else if (strcmp(name, "hbar") == 0) {
    c = jd_chart_new(JD_CHART_HBAR);
    jd_chart_set_title(c, "查处吸毒人员来源构成");
    const char *const cats[] = {"社区戒毒社区康复期间复吸人员", "强制隔离戒毒解除后三年内复吸人员",
                                "新发现吸毒人员", "外省籍流入人员"};
    jd_chart_set_categories(c, cats, 4);
    const double v[] = {2380, 1540, 26000, 412};
    jd_chart_add_series(c, "人数", v, 4);
    jd_chart_set_axis_labels(c, NULL, "人数（人）");
    jd_chart_set_footnote(c, "来源：示例数据");
  } else if (strcmp(name, "line") == 0) {
    c = years_chart(JD_CHART_LINE);
    const double fit[] = {1118, 1196, 1274, 1352, 1430, 1508};
    const double lo[] = {NAN, NAN, NAN, NAN, 1430, 1290};
    const double hi[] = {NAN, NAN, NAN, NAN, 1430, 1726};
    jd_chart_set_trend(c, 0, fit, lo, hi, 6, 5, "线性趋势");
  } else if (strcmp(name, "line-multi") == 0) {
    c = jd_chart_new(JD_CHART_LINE);
    const char *const years[] = {"2016年", "2017年", "2018年", "2019年", "2020年"};
    jd_chart_set_categories(c, years, 5);
    const double a[] = {95.1, 96.3, 96.8, 97.2, 97.6}, b[] = {90.2, 91.0, NAN, 93.5, 94.8};
    jd_chart_add_series(c, "甘肃省", a, 5);
    jd_chart_add_series(c, "临夏州", b, 5);
    jd_chart_set_number_format(c, JD_NUMBER_PERCENT, 1);
    jd_chart_set_title(c, "戒断巩固率");
    jd_chart_set_axis_labels(c, NULL, "巩固率（%）");
    jd_chart_set_footnote(c, "来源：示例数据；2018年临夏州无数据");
  } else if (strcmp(name, "stacked-bar") == 0) {
    c = jd_chart_new(JD_CHART_STACKED_BAR);
    const char *const years[] = {"2017年", "2018年", "2019年"};
    jd_chart_set_categories(c, years, 3);
    const double h[] = {52.4, 38.1, 21.7}, m[] = {120.3, 146.8, 98.2}, o[] = {12.5, 8.1, 6.4};
    jd_chart_add_series(c, "海洛因", h, 3);
    jd_chart_add_series(c, "冰毒", m, 3);
    jd_chart_add_series(c, "其他", o, 3);
    jd_chart_set_point_flags(c, 1, 0, JD_CHART_POINT_INFERRED);
    jd_chart_set_title(c, "缴获毒品构成");
    jd_chart_set_axis_labels(c, NULL, "重量（公斤）");
    jd_chart_set_footnote(c, "来源：示例数据");
  } else if (strcmp(name, "donut") == 0) {
    c = jd_chart_new(JD_CHART_DONUT);
    const char *const cats[] = {"海洛因", "冰毒", "氯胺酮", "其他"};
    jd_chart_set_categories(c, cats, 4);
    const double v[] = {38.2, 45.1, 9.7, 7.0};
    jd_chart_add_series(c, "占比", v, 4);
    jd_chart_set_title(c, "滥用毒品种类构成");
    jd_chart_set_unit(c, "%");
    jd_chart_set_number_format(c, JD_NUMBER_PLAIN, 1);
    jd_chart_set_footnote(c, "来源：示例数据");
  } else if (strcmp(name, "kpi") == 0) {
    c = years_chart(JD_CHART_KPI);
    jd_chart_set_title(c, "破获毒品案件");
    jd_chart_set_subtitle(c, "2020年");
    jd_chart_set_footnote(c, "来源：示例数据");
  } else if (strcmp(name, "kpi-down") == 0) {
    c = jd_chart_new(JD_CHART_KPI);
    const double v[] = {36000, 34500, 31200, 26400};
    jd_chart_add_series(c, "吸毒人员", v, 4);
    jd_chart_set_title(c, "现有吸毒人员");
    jd_chart_set_unit(c, "人");
    jd_chart_set_kpi_change(c, -15.4, JD_CHART_CHANGE_PCT, 1, "同比");
  } else if (strcmp(name, "dark") == 0) {
    c = reference_chart(JD_CHART_GROUPED_BAR);
    g_assert_true(jd_chart_set_theme_name(c, "dark", NULL));
  } else if (strcmp(name, "official") == 0) {
    c = reference_chart(JD_CHART_GROUPED_BAR);
    for (size_t i = 0; i < 3; i++) jd_chart_set_point_flags(c, 0, i, JD_CHART_POINT_IMPLIED);
    const double d[] = {1310, 1702, 255};
    jd_chart_add_series(c, "2020年", d, 3);
    g_assert_true(jd_chart_set_theme_name(c, "official", NULL));
  }
  g_assert_nonnull(c);
  jd_chart_set_name(c, name);
  return c;
}

/* ---- number formatting ---- */

static void check_number(double v, jd_number_style st, int dec, jd_qualifier q, const char *want)
{
  g_autofree char *got = jd_chart_format_number(v, st, dec, q);
  g_assert_cmpstr(got, ==, want);
}

static void test_format_numbers(void)
{
  check_number(1113, JD_NUMBER_AUTO, -1, JD_QUAL_EXACT, "1113");
  check_number(340, JD_NUMBER_AUTO, -1, JD_QUAL_EXACT, "340");
  check_number(12000, JD_NUMBER_AUTO, -1, JD_QUAL_EXACT, "1.2万");
  check_number(12345, JD_NUMBER_AUTO, -1, JD_QUAL_EXACT, "12,345");
  check_number(2500000, JD_NUMBER_AUTO, -1, JD_QUAL_EXACT, "250万");
  check_number(350000000, JD_NUMBER_AUTO, -1, JD_QUAL_EXACT, "3.5亿");
  check_number(2500000, JD_NUMBER_PLAIN, -1, JD_QUAL_EXACT, "2,500,000");
  check_number(0.064, JD_NUMBER_AUTO, -1, JD_QUAL_EXACT, "0.064");
  check_number(-197, JD_NUMBER_AUTO, -1, JD_QUAL_EXACT, "\xe2\x88\x92" "197");
  check_number(-0.0001, JD_NUMBER_AUTO, 1, JD_QUAL_EXACT, "0.0");
  check_number(30.77, JD_NUMBER_PERCENT, 2, JD_QUAL_EXACT, "30.77%");
  check_number(45, JD_NUMBER_PERCENT, 1, JD_QUAL_EXACT, "45.0%");
  check_number(1870, JD_NUMBER_AUTO, -1, JD_QUAL_MORE_THAN, "1870余");
  check_number(50, JD_NUMBER_PERCENT, -1, JD_QUAL_NEARLY, "近50%");
  check_number(1000, JD_NUMBER_AUTO, -1, JD_QUAL_ABOUT, "约1000");
  /* approximate and implied values never show spurious digits */
  check_number(716604.59, JD_NUMBER_AUTO, -1, JD_QUAL_ABOUT, "约71.7万");
  check_number(12345, JD_NUMBER_AUTO, -1, JD_QUAL_NEARLY, "近1.23万");
  check_number(2553000, JD_NUMBER_AUTO, -1, JD_QUAL_ABOUT, "约255万");
  check_number(0, JD_NUMBER_AUTO, -1, JD_QUAL_EXACT, "0");
}

static void test_size_presets(void)
{
  jd_chart_size s;
  g_assert_true(jd_chart_size_parse("slide", 0, &s, NULL));
  g_assert_cmpfloat(s.width * s.scale, ==, 1920);
  g_assert_cmpfloat(s.height * s.scale, ==, 1080);
  g_assert_true(jd_chart_size_parse("slide@2x", 0, &s, NULL));
  g_assert_cmpfloat(s.width * s.scale, ==, 3840);
  g_assert_true(jd_chart_size_parse("slide-4x3", 0, &s, NULL));
  g_assert_cmpfloat(s.width * s.scale, ==, 1600);
  g_assert_cmpfloat(s.height * s.scale, ==, 1200);
  g_assert_true(jd_chart_size_parse("a4-half", 0, &s, NULL));
  g_assert_cmpint((int)lround(s.width * s.scale), ==, 2480);
  g_assert_true(jd_chart_size_parse("1280x720", 0, &s, NULL));
  g_assert_cmpfloat(s.width, ==, 640);
  g_assert_true(jd_chart_size_parse("800x600", 1, &s, NULL));
  g_assert_cmpfloat(s.width, ==, 800);
  GError *err = NULL;
  g_assert_false(jd_chart_size_parse("huge", 0, &s, &err));
  g_assert_error(err, JD_CHART_ERROR, JD_CHART_ERROR_INVALID);
  g_assert_nonnull(strstr(err->message, "huge"));
  g_clear_error(&err);
}

/* ---- themes ---- */

static char *write_tmp(const char *dir, const char *name, const char *text)
{
  char *p = g_build_filename(dir, name, NULL);
  g_assert_true(g_file_set_contents(p, text, -1, NULL));
  return p;
}

static void test_theme_builtin_files(void)
{
  const char *names[] = {"default", "dark", "official"};
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
    GError *err = NULL;
    jd_theme *t = jd_theme_load(names[i], &err);
    g_assert_no_error(err);
    g_assert_nonnull(t);
    g_assert_cmpstr(jd_theme_get_font_family(t), ==, "Noto Sans CJK SC");
    jd_theme_free(t);
  }
  GError *err = NULL;
  g_assert_null(jd_theme_load("no-such-theme", &err));
  g_assert_error(err, JD_CHART_ERROR, JD_CHART_ERROR_THEME);
  g_clear_error(&err);
}

static void test_theme_errors(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *bad_key = write_tmp(dir, "a.ini", "[fonts]\nfamily=Noto Sans CJK SC\n\n[sizes]\ntitel=20\n");
  GError *err = NULL;
  g_assert_null(jd_theme_load(bad_key, &err));
  g_assert_error(err, JD_CHART_ERROR, JD_CHART_ERROR_THEME);
  g_autofree char *want = g_strdup_printf("%s:5:", bad_key);
  g_assert_true(g_str_has_prefix(err->message, want));
  g_assert_nonnull(strstr(err->message, "titel"));
  g_clear_error(&err);

  g_autofree char *bad_font = write_tmp(dir, "b.ini", "[fonts]\nfamily=Comic Sans MS\n");
  g_assert_null(jd_theme_load(bad_font, &err));
  g_assert_error(err, JD_CHART_ERROR, JD_CHART_ERROR_THEME);
  g_assert_nonnull(strstr(err->message, ":2:"));
  g_assert_nonnull(strstr(err->message, "Comic Sans MS"));
  g_clear_error(&err);

  g_autofree char *bad_color = write_tmp(dir, "c.ini", "[colors]\n\nbackground=white\n");
  g_assert_null(jd_theme_load(bad_color, &err));
  g_assert_nonnull(strstr(err->message, ":3:"));
  g_clear_error(&err);

  g_autofree char *bad_group = write_tmp(dir, "d.ini", "[colours]\ntext=#000000\n");
  g_assert_null(jd_theme_load(bad_group, &err));
  g_assert_nonnull(strstr(err->message, ":1:"));
  g_clear_error(&err);
  jd_test_rm_rf(dir);
}

/* ---- reference images ---- */

typedef struct {
  int max_channel;    /* a pixel differs when a channel differs by more than this */
  double max_share;   /* share of differing pixels allowed */
} tolerance;

static const guint32 *image_row(cairo_surface_t *s, int y)
{
  return (const guint32 *)(const void *)(cairo_image_surface_get_data(s) +
                                         (size_t)y * cairo_image_surface_get_stride(s));
}

/* Whether two ARGB pixels differ by more than the tolerance in a colour channel. */
static gboolean pixel_differs(guint32 a, guint32 b, const tolerance *tol)
{
  int dmax = 0;
  for (int k = 0; k < 24; k += 8) {
    int da = abs((int)((a >> k) & 0xff) - (int)((b >> k) & 0xff));
    if (da > dmax) dmax = da;
  }
  return dmax > tol->max_channel;
}

/* The reference faded to a quarter of its contrast, with every pixel that
 * differs from out in solid red. */
static cairo_surface_t *diff_image(cairo_surface_t *ref, cairo_surface_t *out, const tolerance *tol)
{
  int w = cairo_image_surface_get_width(ref), h = cairo_image_surface_get_height(ref);
  cairo_surface_t *d = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  cairo_surface_flush(d);
  for (int y = 0; y < h; y++) {
    const guint32 *ra = image_row(ref, y), *rb = image_row(out, y);
    guint32 *rd = (guint32 *)(void *)(cairo_image_surface_get_data(d) +
                                      (size_t)y * cairo_image_surface_get_stride(d));
    for (int x = 0; x < w; x++) {
      guint32 px = 0xff000000u;
      if (pixel_differs(ra[x], rb[x], tol)) {
        px |= 0xff0000u;
      } else {
        for (int k = 0; k < 24; k += 8) px |= (guint32)(255 - (255 - ((ra[x] >> k) & 0xff)) / 4) << k;
      }
      rd[x] = px;
    }
  }
  cairo_surface_mark_dirty(d);
  return d;
}

/* Writes out.png, ref.png and (when the sizes agree) diff.png into
 * chart-diff/NAME/ under the working directory (the build's tests/ under
 * ctest). Returns that directory; caller frees. */
static char *write_diff(const char *name, GBytes *png, const char *ref_path, cairo_surface_t *ref,
                        cairo_surface_t *out, const tolerance *tol)
{
  g_autofree char *cwd = g_get_current_dir();
  char *dir = g_build_filename(cwd, "chart-diff", name, NULL);
  g_mkdir_with_parents(dir, 0755);
  g_autofree char *out_path = g_build_filename(dir, "out.png", NULL);
  g_autofree char *ref_copy = g_build_filename(dir, "ref.png", NULL);
  g_autofree char *diff_path = g_build_filename(dir, "diff.png", NULL);
  g_file_set_contents(out_path, g_bytes_get_data(png, NULL), (gssize)g_bytes_get_size(png), NULL);
  g_autofree char *ref_data = NULL;
  gsize ref_len = 0;
  if (g_file_get_contents(ref_path, &ref_data, &ref_len, NULL))
    g_file_set_contents(ref_copy, ref_data, (gssize)ref_len, NULL);
  g_unlink(diff_path);
  if (ref && out && cairo_image_surface_get_width(ref) == cairo_image_surface_get_width(out) &&
      cairo_image_surface_get_height(ref) == cairo_image_surface_get_height(out)) {
    cairo_surface_t *d = diff_image(ref, out, tol);
    cairo_surface_write_to_png(d, diff_path);
    cairo_surface_destroy(d);
  }
  return dir;
}

/* Compares the rendered png with tests/ref/NAME.png. A mismatch fails this
 * test case only (the others still run), saying how many pixels differ and
 * where out.png, ref.png and diff.png (differences in red over the faded
 * reference) were written. */
static void compare_png(const char *name, GBytes *png)
{
  g_autofree char *rel = g_strdup_printf("tests/ref/%s.png", name);
  g_autofree char *ref = jd_test_source_path(rel);
  gsize len = 0;
  const char *data = g_bytes_get_data(png, &len);
  if (g_getenv("JINDU_UPDATE_REFS")) {
    g_assert_true(g_file_set_contents(ref, data, (gssize)len, NULL));
    return;
  }
  const tolerance tol = {48, 0.003};
  g_autofree char *tmp = g_strdup_printf("%s/jindu-chart-%s.png", g_get_tmp_dir(), name);
  g_assert_true(g_file_set_contents(tmp, data, (gssize)len, NULL));
  cairo_surface_t *a = cairo_image_surface_create_from_png(ref);
  cairo_surface_t *b = cairo_image_surface_create_from_png(tmp);
  g_unlink(tmp);
  g_assert_cmpint(cairo_surface_status(b), ==, CAIRO_STATUS_SUCCESS);
  if (cairo_surface_status(a) != CAIRO_STATUS_SUCCESS) {
    g_autofree char *dir = write_diff(name, png, ref, NULL, b, &tol);
    g_test_fail_printf("%s: missing reference image; run the test with JINDU_UPDATE_REFS=1 and "
                       "look at it (the rendering is in %s/)", ref, dir);
    goto out;
  }
  int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
  int wb = cairo_image_surface_get_width(b), hb = cairo_image_surface_get_height(b);
  if (w != wb || h != hb) {
    g_autofree char *dir = write_diff(name, png, ref, a, b, &tol);
    g_test_fail_printf("%s: rendered %dx%d, the reference %s is %dx%d; out.png and ref.png are in %s/",
                       name, wb, hb, ref, w, h, dir);
    goto out;
  }
  size_t differ = 0;
  for (int y = 0; y < h; y++) {
    const guint32 *ra = image_row(a, y), *rb = image_row(b, y);
    for (int x = 0; x < w; x++) differ += pixel_differs(ra[x], rb[x], &tol);
  }
  if (differ > tol.max_share * w * h) {
    g_autofree char *dir = write_diff(name, png, ref, a, b, &tol);
    g_test_fail_printf("%s differs from %s in %zu of %d pixels (allowed %.0f); out.png, ref.png "
                       "and diff.png (differences in red) are in %s/",
                       name, ref, differ, w * h, tol.max_share * w * h, dir);
  }
out:
  cairo_surface_destroy(a);
  cairo_surface_destroy(b);
}

static void test_reference(gconstpointer data)
{
  const char *name = data;
  jd_chart *c = make_ref(name);
  GError *err = NULL;
  g_assert_true(jd_chart_set_size_preset(c, "720x405", 0.75, &err));
  g_assert_no_error(err);
  GBytes *png = jd_chart_render_png(c, &err);
  g_assert_no_error(err);
  g_assert_nonnull(png);
  compare_png(name, png);
  g_bytes_unref(png);
  jd_chart_free(c);
}

/* ---- PDF read back with poppler ---- */

static void test_pdf_text_and_fonts(void)
{
  jd_chart *c = make_ref("grouped-bar");
  GError *err = NULL;
  GBytes *pdf = jd_chart_render_bytes(c, JD_CHART_PDF, &err);
  g_assert_no_error(err);
  /* fonts cut down with HarfBuzz: well under cairo's ≈ 121 KB */
  g_assert_cmpuint(g_bytes_get_size(pdf), <, 50 * 1024);
  jd_test_qpdf_check(g_bytes_get_data(pdf, NULL), g_bytes_get_size(pdf));
  PopplerDocument *doc = poppler_document_new_from_bytes(pdf, NULL, &err);
  g_assert_no_error(err);
  g_assert_cmpint(poppler_document_get_n_pages(doc), ==, 1);
  PopplerPage *page = poppler_document_get_page(doc, 0);
  double pw, ph;
  poppler_page_get_size(page, &pw, &ph);
  g_assert_cmpfloat(fabs(pw - 960), <, 0.5);
  g_assert_cmpfloat(fabs(ph - 540), <, 0.5);
  g_autofree char *text = poppler_page_get_text(page);
  const char *want[] = {"2018—2019年甘肃省禁毒主要指标", "数据来源：甘肃省禁毒办", "破获毒品案件",
                        "抓获犯罪嫌疑人", "外流贩毒人员", "2018年", "2019年", "推算值", "1870余",
                        "1113", "注：2018年数值由同比增幅推算"};
  for (size_t i = 0; i < G_N_ELEMENTS(want); i++)
    if (!strstr(text, want[i])) g_error("PDF text lacks '%s':\n%s", want[i], text);
  /* fonts: embedded subsets of Noto Sans CJK, regular and real bold */
  PopplerFontInfo *fi = poppler_font_info_new(doc);
  PopplerFontsIter *it = NULL;
  gboolean regular = FALSE, bold = FALSE;
  while (poppler_font_info_scan(fi, 1, &it) && it) {
    do {
      const char *name = poppler_fonts_iter_get_name(it);
      g_assert_true(poppler_fonts_iter_is_embedded(it));
      g_assert_true(poppler_fonts_iter_is_subset(it));
      if (name && strstr(name, "NotoSansCJK")) {
        if (strstr(name, "Bold")) bold = TRUE; else regular = TRUE;
      }
    } while (poppler_fonts_iter_next(it));
    poppler_fonts_iter_free(it);
    it = NULL;
  }
  g_assert_true(regular);
  g_assert_true(bold);
  poppler_font_info_free(fi);
  g_object_unref(page);
  g_object_unref(doc);
  g_bytes_unref(pdf);
  jd_chart_free(c);
}

static void test_render_to_cairo(void)
{
  /* a report page with two charts side by side */
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *path = g_build_filename(dir, "page.pdf", NULL);
  cairo_surface_t *sf = cairo_pdf_surface_create(path, 595, 842);
  cairo_t *cr = cairo_create(sf);
  jd_chart *a = make_ref("line"), *b = make_ref("kpi");
  GError *err = NULL;
  g_assert_true(jd_chart_render_to_cairo(a, cr, 40, 60, 515, 290, &err));
  g_assert_no_error(err);
  g_assert_true(jd_chart_render_to_cairo(b, cr, 40, 380, 250, 140, &err));
  g_assert_no_error(err);
  cairo_destroy(cr);
  cairo_surface_finish(sf);
  g_assert_cmpint(cairo_surface_status(sf), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(sf);
  g_autofree char *uri = g_filename_to_uri(path, NULL, NULL);
  PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, &err);
  g_assert_no_error(err);
  PopplerPage *page = poppler_document_get_page(doc, 0);
  g_autofree char *text = poppler_page_get_text(page);
  g_assert_nonnull(strstr(text, "2016—2020年破获毒品案件数及趋势"));
  g_assert_nonnull(strstr(text, "同比"));
  g_assert_nonnull(strstr(text, "预测"));
  g_object_unref(page);
  g_object_unref(doc);
  jd_chart_free(a);
  jd_chart_free(b);
  jd_test_rm_rf(dir);
}

/* ---- edge cases ---- */

static GBytes *render_ok(jd_chart *c)
{
  GError *err = NULL;
  GBytes *b = jd_chart_render_png(c, &err);
  g_assert_no_error(err);
  g_assert_nonnull(b);
  g_assert_cmpuint(g_bytes_get_size(b), >, 1000);
  return b;
}

static void edge_save(const char *name, GBytes *b)
{
  /* for looking at: JINDU_CHART_EDGE_DIR=/tmp/x */
  const char *dir = g_getenv("JINDU_CHART_EDGE_DIR");
  if (!dir) return;
  g_autofree char *p = g_strdup_printf("%s/%s.png", dir, name);
  g_file_set_contents(p, g_bytes_get_data(b, NULL), (gssize)g_bytes_get_size(b), NULL);
}

static void test_edge_one_value(void)
{
  jd_chart_type types[] = {JD_CHART_BAR, JD_CHART_LINE, JD_CHART_HBAR, JD_CHART_DONUT,
                           JD_CHART_KPI, JD_CHART_STACKED_BAR};
  for (size_t i = 0; i < G_N_ELEMENTS(types); i++) {
    jd_chart *c = jd_chart_new(types[i]);
    const char *cat = "2019年";
    jd_chart_set_categories(c, &cat, 1);
    const double v = 1480;
    jd_chart_add_series(c, "案件", &v, 1);
    jd_chart_set_title(c, "只有一个值");
    GBytes *b = render_ok(c);
    g_autofree char *n = g_strdup_printf("one-%s", jd_chart_type_to_string(types[i]));
    edge_save(n, b);
    g_bytes_unref(b);
    jd_chart_free(c);
  }
}

/* A KPI number too long for its card is set smaller, not refused. */
static void test_edge_kpi_long_number(void)
{
  jd_chart *c = jd_chart_new(JD_CHART_KPI);
  const char *const cats[] = {"2021年", "2022年"};
  jd_chart_set_categories(c, cats, 2);
  const double v[] = {98765432.1, 123456789.5};
  jd_chart_add_series(c, "禁毒经费", v, 2);
  jd_chart_set_title(c, "禁毒经费");
  jd_chart_set_unit(c, "元");
  jd_chart_set_number_format(c, JD_NUMBER_PLAIN, 1);
  g_assert_true(jd_chart_set_size_preset(c, "320x180", 1, NULL));
  GBytes *b = render_ok(c);
  edge_save("kpi-long-number", b);
  g_bytes_unref(b);
  jd_chart_free(c);
}

static void test_edge_zero_and_negative(void)
{
  jd_chart_type types[] = {JD_CHART_BAR, JD_CHART_LINE, JD_CHART_HBAR, JD_CHART_STACKED_BAR};
  for (size_t i = 0; i < G_N_ELEMENTS(types); i++) {
    jd_chart *c = jd_chart_new(types[i]);
    const char *const cats[] = {"破获案件", "抓获嫌疑人", "缴获毒品", "外流人员"};
    jd_chart_set_categories(c, cats, 4);
    const double v[] = {33.0, -12.5, 0, -197};
    jd_chart_add_series(c, "同比变化", v, 4);
    jd_chart_set_title(c, "同比变化（%）");
    jd_chart_set_number_format(c, JD_NUMBER_PERCENT, 1);
    GBytes *b = render_ok(c);
    g_autofree char *n = g_strdup_printf("negative-%s", jd_chart_type_to_string(types[i]));
    edge_save(n, b);
    g_bytes_unref(b);
    jd_chart_free(c);
  }
  /* all zero */
  jd_chart *c = jd_chart_new(JD_CHART_BAR);
  const char *const cats[] = {"甲", "乙"};
  jd_chart_set_categories(c, cats, 2);
  const double z[] = {0, 0};
  jd_chart_add_series(c, "零", z, 2);
  GBytes *b = render_ok(c);
  edge_save("zero", b);
  g_bytes_unref(b);
  jd_chart_free(c);
}

static void test_edge_wide_range(void)
{
  jd_chart_type types[] = {JD_CHART_BAR, JD_CHART_HBAR, JD_CHART_LINE};
  for (size_t i = 0; i < G_N_ELEMENTS(types); i++) {
    jd_chart *c = jd_chart_new(types[i]);
    const char *const cats[] = {"海洛因", "冰毒", "缴获金额"};
    jd_chart_set_categories(c, cats, 3);
    const double v[] = {0.064, 1234.5, 2500000};
    jd_chart_add_series(c, "数值", v, 3);
    jd_chart_set_title(c, "0.064到250万");
    GBytes *b = render_ok(c);
    g_autofree char *n = g_strdup_printf("wide-%s", jd_chart_type_to_string(types[i]));
    edge_save(n, b);
    g_bytes_unref(b);
    jd_chart_free(c);
  }
}

static void test_edge_long_label(void)
{
  const char *long_label = "全省各级禁毒委员会成员单位联合开展的专项整治行动中破获的跨省跨境贩毒案件数量统计表";
  g_assert_cmpint(g_utf8_strlen(long_label, -1), >=, 40);
  jd_chart_type types[] = {JD_CHART_BAR, JD_CHART_HBAR, JD_CHART_GROUPED_BAR, JD_CHART_DONUT};
  for (size_t i = 0; i < G_N_ELEMENTS(types); i++) {
    jd_chart *c = jd_chart_new(types[i]);
    const char *cats[] = {long_label, "短", "破获毒品案件"};
    jd_chart_set_categories(c, cats, 3);
    const double v[] = {120, 80, 45};
    jd_chart_add_series(c, "2019年", v, 3);
    if (types[i] == JD_CHART_GROUPED_BAR) jd_chart_add_series(c, "2020年", v, 3);
    jd_chart_set_title(c, long_label);
    jd_chart_set_footnote(c, long_label);
    GBytes *b = render_ok(c);
    g_autofree char *n = g_strdup_printf("long-%s", jd_chart_type_to_string(types[i]));
    edge_save(n, b);
    g_bytes_unref(b);
    jd_chart_free(c);
  }
}

static void test_edge_many_categories(void)
{
  /* thirty labels in a 960-point width: rotated, none leaving the canvas */
  jd_chart *c = jd_chart_new(JD_CHART_BAR);
  double v[30];
  for (int i = 0; i < 30; i++) {
    g_autofree char *cat = g_strdup_printf("第%d支队禁毒大队", i + 1);
    jd_chart_add_category(c, cat);
    v[i] = 10 + 3 * i;
  }
  jd_chart_add_series(c, "案件", v, 30);
  jd_chart_set_title(c, "三十个类别");
  GBytes *b = render_ok(c);
  edge_save("many", b);
  g_bytes_unref(b);
  jd_chart_free(c);
}

static void test_edge_empty_series(void)
{
  jd_chart *c = jd_chart_new(JD_CHART_BAR);
  const char *const cats[] = {"2018年", "2019年"};
  jd_chart_set_categories(c, cats, 2);
  const double v[] = {NAN, NAN};
  jd_chart_add_series(c, "空系列", v, 2);
  jd_chart_set_title(c, "空");
  GError *err = NULL;
  g_assert_null(jd_chart_render_png(c, &err));
  g_assert_error(err, JD_CHART_ERROR, JD_CHART_ERROR_INVALID);
  g_assert_nonnull(strstr(err->message, "空系列"));
  g_assert_nonnull(strstr(err->message, "empty"));
  g_clear_error(&err);
  jd_chart_free(c);

  c = jd_chart_new(JD_CHART_LINE);
  g_assert_null(jd_chart_render_png(c, &err));
  g_assert_error(err, JD_CHART_ERROR, JD_CHART_ERROR_INVALID);
  g_clear_error(&err);
  jd_chart_free(c);
}

/* One span per axis: a 1—5月 value never sits among whole years, and the
 * footnote says it was left out; a part (scope) is drawn only when asked. */
static void test_one_span_per_axis(void)
{
  static const char csv[] =
      "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period\n"
      "a.txt,1,,cases_solved,,,甲省,2019,year,1000,case,,level,\n"
      "a.txt,2,,cases_solved,,,甲省,2020,year,1100,case,,level,\n"
      "a.txt,3,,cases_solved,,,甲省,2021-01/2021-05,months,400,case,,level,\n"
      "a.txt,4,,cases_solved,公开查缉,,甲省,2020,year,300,case,,level,\n";
  jd_figure_table *t = jd_figure_table_new();
  GError *err = NULL;
  g_assert_true(jd_figure_table_read_csv(t, "spans.csv", csv, sizeof csv - 1, &err));
  jd_chart *c = jd_chart_new(JD_CHART_BAR);
  jd_chart_select sel = {.metric = g_strdup("cases_solved")};
  g_assert_true(jd_plot_fill_from_figures(c, t, &sel, &err));
  g_assert_no_error(err);
  g_assert_cmpuint(jd_chart_get_category_count(c), ==, 2);
  g_assert_nonnull(strstr(jd_chart_get_footnote(c), "未列入"));
  jd_chart_free(c);
  /* the part, when asked for by its scope */
  c = jd_chart_new(JD_CHART_BAR);
  sel.scope = g_strdup("公开查缉");
  g_assert_true(jd_plot_fill_from_figures(c, t, &sel, &err));
  g_assert_cmpuint(jd_chart_get_category_count(c), ==, 1);
  jd_chart_free(c);
  jd_chart_select_clear(&sel);
  jd_figure_table_free(t);
}

static void test_tofu_is_an_error(void)
{
  jd_chart *c = reference_chart(JD_CHART_GROUPED_BAR);
  /* U+13000 (Egyptian hieroglyph) and U+E000 (private use): no font in fonts/ has them */
  jd_chart_set_title(c, "禁毒\xf0\x93\x80\x80成果");
  GError *err = NULL;
  g_assert_null(jd_chart_render_png(c, &err));
  g_assert_error(err, JD_CHART_ERROR, JD_CHART_ERROR_GLYPH);
  g_assert_nonnull(strstr(err->message, "U+13000"));
  g_assert_nonnull(strstr(err->message, "禁毒"));
  g_clear_error(&err);
  jd_chart_set_title(c, "ok");
  const char *bad_cat[] = {"破获\xee\x80\x80案件", "b", "c"};
  jd_chart_set_categories(c, bad_cat, 3);
  jd_chart_set_name(c, "category-test");
  g_assert_null(jd_chart_render_bytes(c, JD_CHART_PDF, &err));
  g_assert_error(err, JD_CHART_ERROR, JD_CHART_ERROR_GLYPH);
  g_assert_nonnull(strstr(err->message, "U+E000"));
  g_assert_nonnull(strstr(err->message, "category-test"));
  g_clear_error(&err);
  jd_chart_free(c);
}

static void test_minus_and_arrows_render(void)
{
  /* U+2212 in value labels and ▲▼ on KPI cards must have glyphs (no error) */
  jd_chart *c = make_ref("kpi-down");
  GBytes *b = render_ok(c);
  g_bytes_unref(b);
  GError *err = NULL;
  GBytes *pdf = jd_chart_render_bytes(c, JD_CHART_PDF, &err);
  g_assert_no_error(err);
  jd_test_qpdf_check(g_bytes_get_data(pdf, NULL), g_bytes_get_size(pdf));
  PopplerDocument *doc = poppler_document_new_from_bytes(pdf, NULL, &err);
  g_assert_no_error(err);
  PopplerPage *page = poppler_document_get_page(doc, 0);
  g_autofree char *text = poppler_page_get_text(page);
  g_assert_nonnull(strstr(text, "▼"));
  g_assert_nonnull(strstr(text, "2.64万"));
  g_object_unref(page);
  g_object_unref(doc);
  g_bytes_unref(pdf);
  jd_chart_free(c);

  c = jd_chart_new(JD_CHART_BAR);
  const char *const cats[] = {"甲", "乙"};
  jd_chart_set_categories(c, cats, 2);
  const double v[] = {-5.5, 3};
  jd_chart_add_series(c, "▲▼变化", v, 2);
  pdf = jd_chart_render_bytes(c, JD_CHART_PDF, &err);
  g_assert_no_error(err);
  jd_test_qpdf_check(g_bytes_get_data(pdf, NULL), g_bytes_get_size(pdf));
  doc = poppler_document_new_from_bytes(pdf, NULL, &err);
  page = poppler_document_get_page(doc, 0);
  g_free(text);
  text = poppler_page_get_text(page);
  g_assert_nonnull(strstr(text, "\xe2\x88\x92" "5.5"));
  g_object_unref(page);
  g_object_unref(doc);
  g_bytes_unref(pdf);
  jd_chart_free(c);
}

static void test_reproducible(void)
{
  jd_chart_format fmts[] = {JD_CHART_PNG, JD_CHART_PDF, JD_CHART_SVG};
  for (size_t i = 0; i < G_N_ELEMENTS(fmts); i++) {
    jd_chart *c = make_ref("line");
    GError *err = NULL;
    GBytes *a = jd_chart_render_bytes(c, fmts[i], &err);
    g_assert_no_error(err);
    GBytes *b = jd_chart_render_bytes(c, fmts[i], &err);
    g_assert_no_error(err);
    if (!g_bytes_equal(a, b)) {
      g_file_set_contents("/tmp/repro-a", g_bytes_get_data(a, NULL), (gssize)g_bytes_get_size(a), NULL);
      g_file_set_contents("/tmp/repro-b", g_bytes_get_data(b, NULL), (gssize)g_bytes_get_size(b), NULL);
      g_error("format %zu differs", i);
    }
    g_bytes_unref(a);
    g_bytes_unref(b);
    jd_chart_free(c);
  }
}

/* ---- the command ---- */

static const char figures_csv[] =
    "doc,line,quote,metric,drug,region,period,value,unit,qualifier,kind,base_period\n"
    "a.txt,3,q,cases_solved,all,甘肃省,2019,1480,case,exact,level,\n"
    "a.txt,3,q,suspects_arrested,all,甘肃省,2019,1870,person,more_than,level,\n"
    "a.txt,4,q,cases_solved,all,甘肃省,2018,1113,case,exact,level,\n"
    "b.txt,7,q,cases_solved,all,临夏州,2019,268,case,exact,level,\n"
    "b.txt,8,q,cases_solved,all,临夏州,2018,201,case,exact,level,\n"
    "b.txt,9,q,cases_solved,all,甘肃省,2019,33,percent,exact,change_pct,2018\n"
    "c.txt,2,q,gangs_busted,all,甘肃省,2019,88,gang,exact,level,\n"
    "c.txt,2,q,gangs_busted,all,甘肃省,2019,33,percent,exact,change_pct,2018\n";

static void test_cli_figures(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *csv = write_tmp(dir, "figures.csv", figures_csv);
  g_autofree char *png = g_build_filename(dir, "out.png", NULL);
  g_autofree char *pdf = g_build_filename(dir, "out.pdf", NULL);
  g_autofree char *svg = g_build_filename(dir, "out.svg", NULL);
  char *err = NULL;
  const char *a1[] = {"chart", csv, "--metric", "cases_solved", "-o", png, NULL};
  g_assert_cmpint(jd_test_run_cli(a1, NULL, NULL, NULL, &err), ==, 0);
  g_free(err);
  g_assert_true(g_file_test(png, G_FILE_TEST_EXISTS));
  const char *a2[] = {"chart", csv, "--metric", "cases_solved", "--region", "甘肃省", "--type",
                      "line", "--theme", "official", "--size", "slide-4x3", "-o", pdf, NULL};
  g_assert_cmpint(jd_test_run_cli(a2, NULL, NULL, NULL, &err), ==, 0);
  g_free(err);
  g_autofree char *uri = g_filename_to_uri(pdf, NULL, NULL);
  PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, NULL);
  g_assert_nonnull(doc);
  PopplerPage *page = poppler_document_get_page(doc, 0);
  double pw, ph;
  poppler_page_get_size(page, &pw, &ph);
  g_assert_cmpfloat(fabs(pw - 800), <, 0.5);
  g_autofree char *text = poppler_page_get_text(page);
  g_assert_nonnull(strstr(text, "2018年"));
  g_assert_nonnull(strstr(text, "1480"));
  g_assert_nonnull(strstr(text, "来源：a.txt"));
  g_object_unref(page);
  g_object_unref(doc);
  /* analysis supplies the implied 2018 value (88 ÷ 1.33), drawn as 推算值 */
  g_autofree char *pdf2 = g_build_filename(dir, "implied.pdf", NULL);
  const char *a4[] = {"chart", csv, "-m", "gangs_busted", "-o", pdf2, NULL};
  g_assert_cmpint(jd_test_run_cli(a4, NULL, NULL, NULL, &err), ==, 0);
  g_free(err);
  g_autofree char *uri2 = g_filename_to_uri(pdf2, NULL, NULL);
  PopplerDocument *doc2 = poppler_document_new_from_file(uri2, NULL, NULL);
  g_assert_nonnull(doc2);
  PopplerPage *page2 = poppler_document_get_page(doc2, 0);
  g_autofree char *text2 = poppler_page_get_text(page2);
  g_assert_nonnull(strstr(text2, "推算值"));
  g_assert_nonnull(strstr(text2, "2018年"));
  g_assert_nonnull(strstr(text2, "66"));
  g_object_unref(page2);
  g_object_unref(doc2);
  const char *a3[] = {"chart", csv, "-m", "cases_solved;suspects_arrested", "--region", "甘肃省",
                      "--group-by", "metric", "--title", "主要指标", "-o", svg, NULL};
  g_assert_cmpint(jd_test_run_cli(a3, NULL, NULL, NULL, &err), ==, 0);
  g_free(err);
  g_autofree char *svgtext = jd_test_read_file(svg, NULL);
  g_assert_true(g_str_has_prefix(svgtext, "<?xml"));
  jd_test_rm_rf(dir);
}

static void test_cli_errors(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *csv = write_tmp(dir, "figures.csv", figures_csv);
  g_autofree char *png = g_build_filename(dir, "out.png", NULL);
  char *err = NULL;
  const char *a1[] = {"chart", csv, "--metric", "dens_destroyed", "-o", png, NULL};
  g_assert_cmpint(jd_test_run_cli(a1, NULL, NULL, NULL, &err), ==, 3);
  g_assert_nonnull(strstr(err, "dens_destroyed"));
  g_free(err);
  const char *a2[] = {"chart", csv, "--metric", "cases_solved", "-o", "x.gif", NULL};
  g_assert_cmpint(jd_test_run_cli(a2, NULL, NULL, NULL, &err), ==, 2);
  g_assert_nonnull(strstr(err, ".png"));
  g_free(err);
  const char *a3[] = {"chart", csv, "--metric", "cases_solved", "--type", "pyramid", "-o", png, NULL};
  g_assert_cmpint(jd_test_run_cli(a3, NULL, NULL, NULL, &err), ==, 2);
  g_free(err);
  g_autofree char *nodir = g_build_filename(dir, "no", "such", "out.png", NULL);
  const char *a4[] = {"chart", csv, "--metric", "cases_solved", "-o", nodir, NULL};
  g_assert_cmpint(jd_test_run_cli(a4, NULL, NULL, NULL, &err), ==, 4);
  g_free(err);
  g_autofree char *spec = write_tmp(dir, "s.ini", "[chart]\ntype=bar\ncolour=red\n");
  const char *a5[] = {"chart", "--spec", spec, "-o", png, NULL};
  g_assert_cmpint(jd_test_run_cli(a5, NULL, NULL, NULL, &err), ==, 3);
  g_autofree char *want = g_strdup_printf("%s:3:", spec);
  g_assert_nonnull(strstr(err, want));
  g_free(err);
  g_assert_false(g_file_test(png, G_FILE_TEST_EXISTS));
  jd_test_rm_rf(dir);
}

static void test_cli_spec(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *spec = write_tmp(dir, "s.ini",
                                    "[chart]\ntype=grouped-bar\ntitle=规格文件\ncategories=甲;乙;丙\n"
                                    "size=800x450\nscale=1\n\n[series 2018年]\nvalues=1,113;1538;340\n"
                                    "implied=0;1;2\n\n[series 2019年]\nvalues=1480;1870;\n"
                                    "qualifiers=exact;more_than\n");
  g_autofree char *png = g_build_filename(dir, "out.png", NULL);
  char *err = NULL;
  const char *a1[] = {"chart", "--spec", spec, "-o", png, NULL};
  g_assert_cmpint(jd_test_run_cli(a1, NULL, NULL, NULL, &err), ==, 0);
  g_free(err);
  cairo_surface_t *s = cairo_image_surface_create_from_png(png);
  g_assert_cmpint(cairo_image_surface_get_width(s), ==, 800);
  g_assert_cmpint(cairo_image_surface_get_height(s), ==, 450);
  cairo_surface_destroy(s);
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  /* --keep-going: a reference image that differs fails its own case, and
   * the other cases still run */
  static char **args; /* kept for the life of the run, as g_test_init needs */
  args = g_new0(char *, (size_t)argc + 2);
  memcpy(args, argv, (size_t)argc * sizeof *argv);
  args[argc++] = (char *)"--keep-going";
  argv = args;
  g_test_init(&argc, &argv, NULL);
  jd_fonts_init();
  g_test_add_func("/chart/format/numbers", test_format_numbers);
  g_test_add_func("/chart/size/presets", test_size_presets);
  g_test_add_func("/chart/theme/builtin-files", test_theme_builtin_files);
  g_test_add_func("/chart/theme/errors-name-file-line", test_theme_errors);
  static const char *const refs[] = {"bar", "grouped-bar", "hbar", "line", "line-multi",
                                     "stacked-bar", "donut", "kpi", "kpi-down", "dark", "official"};
  for (size_t i = 0; i < G_N_ELEMENTS(refs); i++) {
    g_autofree char *path = g_strdup_printf("/chart/reference/%s", refs[i]);
    g_test_add_data_func(path, refs[i], test_reference);
  }
  g_test_add_func("/chart/pdf/text-pages-fonts", test_pdf_text_and_fonts);
  g_test_add_func("/chart/pdf/render-to-cairo", test_render_to_cairo);
  g_test_add_func("/chart/edge/one-value", test_edge_one_value);
  g_test_add_func("/chart/edge/zero-and-negative", test_edge_zero_and_negative);
  g_test_add_func("/chart/edge/kpi-long-number", test_edge_kpi_long_number);
  g_test_add_func("/chart/edge/wide-range", test_edge_wide_range);
  g_test_add_func("/chart/edge/long-label", test_edge_long_label);
  g_test_add_func("/chart/edge/many-categories", test_edge_many_categories);
  g_test_add_func("/chart/edge/empty-series", test_edge_empty_series);
  g_test_add_func("/chart/glyphs/tofu-is-an-error", test_tofu_is_an_error);
  g_test_add_func("/chart/glyphs/minus-and-arrows", test_minus_and_arrows_render);
  g_test_add_func("/chart/output/reproducible", test_reproducible);
  g_test_add_func("/chart/cli/figures", test_cli_figures);
  g_test_add_func("/chart/data/one-span-per-axis", test_one_span_per_axis);
  g_test_add_func("/chart/cli/errors", test_cli_errors);
  g_test_add_func("/chart/cli/spec", test_cli_spec);
  return g_test_run();
}
