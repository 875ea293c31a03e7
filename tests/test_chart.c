/* Charts: number formatting, sizes, themes, reference images for every chart
 * type (per-pixel tolerance, the project's fonts), PDFs read back with
 * poppler (text, pages, fonts), edge cases, tofu, reproducible bytes, and the
 * `jindu chart` command; the matrix of every type × theme × preset (63
 * references in tests/ref/matrix/); the cases a chart must refuse or split
 * to stay true; label boxes measured for overlap on the bundled sample.
 * scripts/refresh-refs.sh (JINDU_UPDATE_REFS=1) rewrites tests/ref/. A
 * reference image that differs fails its own case only and leaves out.png,
 * ref.png and diff.png in out/ref/NAME/ of the working directory. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <math.h>
#include <poppler.h>
#include <string.h>
#include <unistd.h>

#include "chart/chart-private.h"
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
  } else if (strcmp(name, "heatmap") == 0 || strcmp(name, "panels") == 0) {
    c = jd_chart_new(strcmp(name, "heatmap") == 0 ? JD_CHART_HEATMAP : JD_CHART_PANELS);
    const char *const years[] = {"2019年", "2020年", "2021年"};
    jd_chart_set_categories(c, years, 3);
    const double a[] = {412, 380, 350}, b[] = {268, 301, NAN}, d3[] = {135, 122, 140},
                 e[] = {98, 110, 87};
    jd_chart_add_series(c, "兰州市", a, 3);
    jd_chart_add_series(c, "临夏州", b, 3);
    jd_chart_add_series(c, "天水市", d3, 3);
    jd_chart_add_series(c, "白银市", e, 3);
    jd_chart_set_point_qualifier(c, 1, 0, JD_QUAL_MORE_THAN);
    jd_chart_set_title(c, "2019—2021年甘肃省各地破获毒品案件");
    jd_chart_set_footnote(c, "来源：示例数据；2021年临夏州无数据");
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
  char *dir = g_build_filename(cwd, "out", "ref", name, NULL);
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
    g_autofree char *parent = g_path_get_dirname(ref);
    g_mkdir_with_parents(parent, 0755);
    g_assert_true(g_file_set_contents(ref, data, (gssize)len, NULL));
    return;
  }
  const tolerance tol = {48, 0.003};
  g_autofree char *flat = g_strdelimit(g_strdup(name), "/", '-');
  g_autofree char *tmp = g_strdup_printf("%s/jindu-chart-%d-%s.png", g_get_tmp_dir(), (int)getpid(), flat);
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

/* Counts never below zero: a steep trend band fitted from a small first value
 * reaches under zero, but the axis of counts starts at zero (it went to
 * -200万 in a briefing). The SVG's tick labels are text: none is negative. */
static void test_band_below_zero_keeps_axis_at_zero(void)
{
  jd_chart *c = jd_chart_new(JD_CHART_LINE);
  const char *const cats[] = {"2009年", "2014年", "2018年", "2019年", "2022年", "2023年"};
  jd_chart_set_categories(c, cats, 6);
  const double v[] = {68000, 1009000, 2070000, 2533000, 3790000, 4078000};
  jd_chart_add_series(c, "戒断三年未复吸人员", v, 6);
  const double fit[] = {-150000, 1000000, 1900000, 2200000, 3300000, 3600000};
  const double lo[] = {-1900000, -300000, 900000, 1300000, 2200000, 2300000};
  const double hi[] = {1600000, 2300000, 2900000, 3100000, 4400000, 4900000};
  jd_chart_set_trend(c, 0, fit, lo, hi, 6, 6, "线性趋势");
  GError *err = NULL;
  GBytes *svg = jd_chart_render_bytes(c, JD_CHART_SVG, &err);
  g_assert_no_error(err);
  gsize n;
  const char *text = g_bytes_get_data(svg, &n);
  g_autofree char *doc = g_strndup(text, n);
  g_assert_null(strstr(doc, ">-"));
  g_assert_null(strstr(doc, ">−"));
  g_bytes_unref(svg);
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

/* Horizontal bars name every category: twenty rows fit a slide (the
 * names a size smaller, no box over another); sixty are refused in pixels,
 * never drawn over one another. */
static void test_edge_many_hbar_rows(void)
{
  for (int n = 20; n <= 60; n += 40) {
    jd_chart *c = jd_chart_new(JD_CHART_HBAR);
    double *v = g_new(double, n);
    for (int i = 0; i < n; i++) {
      g_autofree char *cat = g_strdup_printf("第%d县区", i + 1);
      jd_chart_add_category(c, cat);
      v[i] = 500 - 7 * i;
    }
    jd_chart_add_series(c, "案件", v, n);
    g_free(v);
    jd_chart_set_title(c, "各县区");
    g_assert_true(jd_chart_set_size_preset(c, "slide", 0, NULL));
    GArray *boxes = g_array_new(FALSE, FALSE, sizeof(jd_chart_box));
    GError *err = NULL;
    gboolean ok = jd_chart_layout_boxes(c, boxes, NULL, &err);
    if (n == 20) {
      g_assert_no_error(err);
      g_assert_true(ok);
      for (guint i = 0; i < boxes->len; i++)
        for (guint j = i + 1; j < boxes->len; j++) {
          const jd_chart_box *a = &g_array_index(boxes, jd_chart_box, i);
          const jd_chart_box *b = &g_array_index(boxes, jd_chart_box, j);
          g_assert_false(a->x0 + 0.5 < b->x1 && b->x0 + 0.5 < a->x1 && a->y0 + 0.5 < b->y1 &&
                         b->y0 + 0.5 < a->y1);
        }
    } else {
      g_assert_false(ok);
      g_assert_nonnull(strstr(err->message, "60 rows of category names"));
      g_assert_nonnull(strstr(err->message, "1920×1080 px"));
      g_clear_error(&err);
    }
    g_array_unref(boxes);
    jd_chart_free(c);
  }
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


/* ---- the reference-image matrix: every type × theme × preset ---- */

static const char *const matrix_types[] = {"bar", "grouped-bar", "hbar", "line", "stacked-bar",
                                           "donut", "kpi", "heatmap", "panels"};
static const char *const matrix_themes[] = {"default", "dark", "official"};
static const char *const matrix_presets[] = {"slide", "slide-4x3", "a4-half"};

/* One case of the matrix ("bar/dark/a4-half"): the preset's canvas (its
 * layout) drawn at a quarter of its pixels, so that 63 references stay small. */
static void test_matrix(gconstpointer data)
{
  g_auto(GStrv) parts = g_strsplit(data, "/", 3);
  jd_chart *c = make_ref(parts[0]);
  GError *err = NULL;
  g_assert_true(jd_chart_set_theme_name(c, parts[1], &err));
  jd_chart_size sz;
  g_assert_true(jd_chart_size_parse(parts[2], 0, &sz, &err));
  sz.scale /= strcmp(parts[2], "a4-half") == 0 ? 8 : 4;
  jd_chart_set_size(c, &sz);
  GBytes *png = jd_chart_render_png(c, &err);
  g_assert_no_error(err);
  g_autofree char *name = g_strdup_printf("matrix/%s-%s-%s", parts[0], parts[1], parts[2]);
  compare_png(name, png);
  g_bytes_unref(png);
  jd_chart_free(c);
}

/* ---- correct by construction ---- */

static const char parts_csv[] =
    "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period\n"
    "a.txt,1,,cases_solved,,,全国,2019,year,83000,case,,level,\n"
    "a.txt,2,,cases_solved,,,甘肃省,2019,year,1480,case,,level,\n"
    "a.txt,3,,suspects_arrested,,,全国,2019,year,113000,person,,level,\n"
    "a.txt,4,,cases_solved,,,全国,2020,year,64000,case,,level,\n"
    "b.txt,1,,users_minor,未成年,,全国,2017,year,0.6,percent,,share,\n"
    "b.txt,2,,users_18_35,18至35岁,,全国,2017,year,55.6,percent,,share,\n"
    "b.txt,3,,users_36_59,36至59岁,,全国,2017,year,43,percent,,share,\n"
    "b.txt,4,,users_minor,未成年,,全国,2019,year,0.3,percent,,share,\n"
    "b.txt,5,,users_18_35,18至35岁,,全国,2019,year,48.7,percent,,share,\n"
    "c.txt,1,,cases_solved,,,乙市,2021-01/2021-06,months,300,case,,level,\n"
    "c.txt,2,,cases_solved,,,乙市,2020-H1,half,280,case,,level,\n"
    "c.txt,3,,cases_solved,,,乙市,2021,year,700,case,,level,\n";

static jd_figure_table *parts_table(void)
{
  jd_figure_table *t = jd_figure_table_new();
  GError *err = NULL;
  g_assert_true(jd_figure_table_read_csv(t, "parts.csv", parts_csv, sizeof parts_csv - 1, &err));
  g_assert_no_error(err);
  return t;
}

/* A stack never adds 起 and 人, nor a region and a region inside it; the
 * error says what to do instead. */
static void test_stack_refuses(void)
{
  jd_figure_table *t = parts_table();
  GError *err = NULL;
  jd_chart *c = jd_chart_new(JD_CHART_STACKED_BAR);
  jd_chart_select sel = {.metric = g_strdup("cases_solved;suspects_arrested"),
                         .region = g_strdup("全国"), .group_by = g_strdup("metric")};
  g_assert_false(jd_plot_fill_from_figures(c, t, &sel, &err));
  g_assert_nonnull(strstr(err->message, "grouped-bar"));
  g_clear_error(&err);
  jd_chart_select_clear(&sel);
  sel.metric = g_strdup("cases_solved");
  sel.group_by = g_strdup("region");
  g_assert_false(jd_plot_fill_from_figures(c, t, &sel, &err));
  g_assert_nonnull(strstr(err->message, "全国 holds 甘肃省"));
  g_clear_error(&err);
  jd_chart_select_clear(&sel);
  jd_chart_free(c);
  /* built by hand: units that differ refuse to draw, in every format */
  c = reference_chart(JD_CHART_STACKED_BAR);
  jd_chart_set_series_unit(c, 0, "起");
  jd_chart_set_series_unit(c, 1, "人");
  g_assert_null(jd_chart_render_png(c, &err));
  g_assert_error(err, JD_CHART_ERROR, JD_CHART_ERROR_INVALID);
  g_assert_nonnull(strstr(err->message, "cannot be added"));
  g_clear_error(&err);
  jd_chart_set_type(c, JD_CHART_GROUPED_BAR);
  g_assert_null(jd_chart_render_bytes(c, JD_CHART_SVG, &err));
  g_assert_nonnull(strstr(err->message, "cannot share one axis"));
  g_clear_error(&err);
  jd_chart_free(c);
  jd_figure_table_free(t);
}

/* A donut: the parts of one whole in one period, grouped as asked; never a
 * metric over years. */
static void test_donut_parts(void)
{
  jd_figure_table *t = parts_table();
  GError *err = NULL;
  jd_chart *c = jd_chart_new(JD_CHART_DONUT);
  jd_chart_select sel = {.metric = g_strdup("cases_solved"), .region = g_strdup("全国")};
  g_assert_false(jd_plot_fill_from_figures(c, t, &sel, &err));
  g_assert_nonnull(strstr(err->message, "one period"));
  g_clear_error(&err);
  jd_chart_select_clear(&sel);
  sel.metric = g_strdup("users_minor;users_18_35;users_36_59");
  sel.group_by = g_strdup("metric");
  sel.period = g_strdup("2017");
  g_assert_true(jd_plot_fill_from_figures(c, t, &sel, &err));
  g_assert_no_error(err);
  g_assert_cmpuint(jd_chart_get_series_count(c), ==, 1);
  /* three parts and the 0.8% not listed */
  g_assert_cmpuint(jd_chart_get_category_count(c), ==, 4);
  g_assert_nonnull(strstr(jd_chart_get_footnote(c), "其他"));
  g_assert_nonnull(strstr(jd_chart_get_title(c), "2017年"));
  GBytes *b = render_ok(c);
  g_bytes_unref(b);
  /* the latest period by default: 2019 has two of the parts */
  g_clear_pointer(&sel.period, g_free);
  jd_chart_free(c);
  c = jd_chart_new(JD_CHART_DONUT);
  g_assert_true(jd_plot_fill_from_figures(c, t, &sel, &err));
  g_assert_nonnull(strstr(jd_chart_get_title(c), "2019年"));
  jd_chart_select_clear(&sel);
  jd_chart_free(c);
  /* a donut of several series would hide all but the first */
  c = reference_chart(JD_CHART_DONUT);
  g_assert_null(jd_chart_render_png(c, &err));
  g_assert_nonnull(strstr(err->message, "one series"));
  g_clear_error(&err);
  jd_chart_free(c);
  jd_figure_table_free(t);
}

/* 1—6月 and 上半年 are one period on the axis, and the footnote says so. */
static void test_half_year_one_period(void)
{
  jd_figure_table *t = parts_table();
  GError *err = NULL;
  jd_chart *c = jd_chart_new(JD_CHART_BAR);
  jd_chart_select sel = {.metric = g_strdup("cases_solved"), .region = g_strdup("乙市")};
  g_assert_true(jd_plot_fill_from_figures(c, t, &sel, &err));
  g_assert_no_error(err);
  /* 2020-H1 and 2021-01/2021-06 (= 2021-H1): one span, two half years; the
   * whole year 2021 is the other span, left out and said */
  g_assert_cmpuint(jd_chart_get_category_count(c), ==, 1);
  jd_chart_free(c);
  jd_figure_table *t2 = jd_figure_table_new();
  static const char csv[] =
      "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period\n"
      "c.txt,1,,cases_solved,,,乙市,2021-01/2021-06,months,300,case,,level,\n"
      "c.txt,2,,cases_solved,,,乙市,2020-H1,half,280,case,,level,\n";
  g_assert_true(jd_figure_table_read_csv(t2, "h.csv", csv, sizeof csv - 1, &err));
  c = jd_chart_new(JD_CHART_BAR);
  g_assert_true(jd_plot_fill_from_figures(c, t2, &sel, &err));
  g_assert_cmpuint(jd_chart_get_category_count(c), ==, 2);
  g_assert_nonnull(strstr(jd_chart_get_footnote(c), "2021年1—6月计为2021年上半年"));
  jd_chart_select_clear(&sel);
  jd_chart_free(c);
  jd_figure_table_free(t2);
  jd_figure_table_free(t);
}

/* The most common colour of the canvas pixels in r (x0,y0,x1,y1 in px). */
static guint32 mode_colour(cairo_surface_t *s, double x0, double y0, double x1, double y1)
{
  GHashTable *h = g_hash_table_new(g_direct_hash, g_direct_equal);
  guint32 best = 0;
  guint best_n = 0;
  int w = cairo_image_surface_get_width(s), hh = cairo_image_surface_get_height(s);
  for (int y = MAX(0, (int)y0); y < MIN(hh, (int)y1); y++)
    for (int x = MAX(0, (int)x0); x < MIN(w, (int)x1); x++) {
      guint32 px = image_row(s, y)[x] & 0xffffff;
      guint n = GPOINTER_TO_UINT(g_hash_table_lookup(h, GUINT_TO_POINTER(px))) + 1;
      g_hash_table_insert(h, GUINT_TO_POINTER(px), GUINT_TO_POINTER(n));
      if (n > best_n) best_n = n, best = px;
    }
  g_hash_table_unref(h);
  return best;
}

/* In every theme, a legend swatch has its series' colour: the swatch left
 * of each legend text and that series' bar are read back from the PNG. */
static void test_legend_colours(void)
{
  for (size_t k = 0; k < G_N_ELEMENTS(matrix_themes); k++) {
    jd_chart *c = reference_chart(JD_CHART_GROUPED_BAR);
    jd_chart_set_value_labels(c, FALSE);
    const double v[] = {800, 900, 700};
    jd_chart_add_series(c, "2020年", v, 3);
    g_assert_true(jd_chart_set_theme_name(c, matrix_themes[k], NULL));
    g_assert_true(jd_chart_set_size_preset(c, "960x540", 1, NULL));
    GArray *boxes = g_array_new(FALSE, FALSE, sizeof(jd_chart_box));
    g_assert_true(jd_chart_layout_boxes(c, boxes, NULL, NULL));
    GBytes *png = render_ok(c);
    g_autofree char *tmp = g_strdup_printf("%s/jindu-legend-%d.png", g_get_tmp_dir(), (int)getpid());
    g_file_set_contents(tmp, g_bytes_get_data(png, NULL), (gssize)g_bytes_get_size(png), NULL);
    cairo_surface_t *s = cairo_image_surface_create_from_png(tmp);
    g_unlink(tmp);
    guint found = 0;
    for (guint i = 0; i < boxes->len; i++) {
      jd_chart_box *b = &g_array_index(boxes, jd_chart_box, i);
      if (b->role != 6 /* R_LEGEND */) continue;
      /* the swatch: left of the text, a little apart */
      guint32 sw = mode_colour(s, b->x0 - 14, b->y0 + 3, b->x0 - 8, b->y1 - 3);
      /* that series' bar in the first category, low down */
      double band = 0;
      (void)band;
      guint32 bar = 0;
      for (guint j = 0; j < boxes->len; j++) {
        jd_chart_box *cb = &g_array_index(boxes, jd_chart_box, j);
        if (cb->role != 4 /* R_CATEGORY */) continue;
        /* the group is centred over its category label; series found left to right */
        double cx = (cb->x0 + cb->x1) / 2;
        double gw = 0.6 * 0.9 * (960 - 2 * 40) / 3; /* within the group */
        bar = mode_colour(s, cx - gw / 2 + gw * (found + 0.3) / 3, cb->y0 - 40,
                          cx - gw / 2 + gw * (found + 0.7) / 3, cb->y0 - 20);
        break;
      }
      if (sw != bar)
        g_test_fail_printf("theme %s: legend swatch %u is #%06x, its bars #%06x",
                           matrix_themes[k], found, sw, bar);
      found++;
    }
    g_assert_cmpuint(found, ==, 3);
    cairo_surface_destroy(s);
    g_bytes_unref(png);
    g_array_unref(boxes);
    jd_chart_free(c);
  }
}

/* One series with an implied value: the 推算值 swatch is hatched in the
 * series' colour, as its bar is (it was grey), in every theme. */
static void test_derived_swatch_colour(void)
{
  for (size_t k = 0; k < G_N_ELEMENTS(matrix_themes); k++) {
    jd_chart *c = jd_chart_new(JD_CHART_BAR);
    const char *const cats[] = {"2018年", "2019年"};
    jd_chart_set_categories(c, cats, 2);
    const double v[] = {1113, 1480};
    jd_chart_add_series(c, "破获案件", v, 2);
    jd_chart_set_point_flags(c, 0, 0, JD_CHART_POINT_IMPLIED);
    jd_chart_set_value_labels(c, FALSE);
    g_assert_true(jd_chart_set_theme_name(c, matrix_themes[k], NULL));
    g_assert_true(jd_chart_set_size_preset(c, "960x540", 1, NULL));
    GArray *boxes = g_array_new(FALSE, FALSE, sizeof(jd_chart_box));
    g_assert_true(jd_chart_layout_boxes(c, boxes, NULL, NULL));
    GBytes *png = render_ok(c);
    g_autofree char *tmp = g_strdup_printf("%s/jindu-dsw-%d.png", g_get_tmp_dir(), (int)getpid());
    g_file_set_contents(tmp, g_bytes_get_data(png, NULL), (gssize)g_bytes_get_size(png), NULL);
    cairo_surface_t *s = cairo_image_surface_create_from_png(tmp);
    g_unlink(tmp);
    guint32 sw = 0, bar = 0;
    for (guint i = 0; i < boxes->len; i++) {
      jd_chart_box *b = &g_array_index(boxes, jd_chart_box, i);
      double cy = (b->y0 + b->y1) / 2;
      if (b->role == 6 /* R_LEGEND */) sw = mode_colour(s, b->x0 - 26, cy - 4, b->x0 - 8, cy + 4);
      if (b->role == 4 /* R_CATEGORY */ && !bar) {
        double cx = (b->x0 + b->x1) / 2;
        bar = mode_colour(s, cx - 30, b->y0 - 60, cx + 30, b->y0 - 20);
      }
    }
    if (sw != bar)
      g_test_fail_printf("theme %s: 推算值 swatch #%06x, the implied bar #%06x", matrix_themes[k],
                         sw, bar);
    cairo_surface_destroy(s);
    g_bytes_unref(png);
    g_array_unref(boxes);
    jd_chart_free(c);
  }
}

/* Implied values: the note says what the chart draws. */
static void test_derived_note(void)
{
  g_assert_cmpstr(jd_chart_derived_note(JD_CHART_LINE), ==, "空心标记为推算值");
  g_assert_cmpstr(jd_chart_derived_note(JD_CHART_BAR), ==, "斜线填充为推算值");
  g_assert_cmpstr(jd_chart_derived_note(JD_CHART_DONUT), ==, "斜线填充为推算值");
}

/* Value labels that cannot be placed even moved and smaller are said in the
 * footnote, never silently left out. */
static void test_drops_are_said(void)
{
  jd_chart *c = jd_chart_new(JD_CHART_GROUPED_BAR);
  for (int i = 0; i < 12; i++) {
    g_autofree char *cat = g_strdup_printf("%d月", i + 1);
    jd_chart_add_category(c, cat);
  }
  double a[12], b[12], d3[12];
  for (int i = 0; i < 12; i++) a[i] = 1234567 + i * 1111, b[i] = 2345678 - i * 999, d3[i] = 20;
  jd_chart_add_series(c, "甲", a, 12);
  jd_chart_add_series(c, "乙", b, 12);
  jd_chart_add_series(c, "丙", d3, 12);
  jd_chart_set_number_format(c, JD_NUMBER_PLAIN, 0);
  jd_chart_set_footnote(c, "来源：示例");
  g_assert_true(jd_chart_set_size_preset(c, "800x450", 1, NULL));
  unsigned dropped = 0;
  GArray *boxes = g_array_new(FALSE, FALSE, sizeof(jd_chart_box));
  g_assert_true(jd_chart_layout_boxes(c, boxes, &dropped, NULL));
  g_assert_cmpuint(dropped, >, 0);
  GError *err = NULL;
  GBytes *pdf = jd_chart_render_bytes(c, JD_CHART_PDF, &err);
  g_assert_no_error(err);
  PopplerDocument *doc = poppler_document_new_from_bytes(pdf, NULL, &err);
  PopplerPage *page = poppler_document_get_page(doc, 0);
  g_autofree char *text = poppler_page_get_text(page);
  g_autofree char *want = g_strdup_printf("%u个数值标签因空间不足未标出", dropped);
  g_assert_nonnull(strstr(text, want));
  g_object_unref(page);
  g_object_unref(doc);
  g_bytes_unref(pdf);
  g_array_unref(boxes);
  jd_chart_free(c);
}

/* A rate: 0–100%, its target line, and Wilson intervals from counts. */
static void test_rates(void)
{
  double lo, hi;
  g_assert_true(jd_chart_wilson(90, 100, 1.959964, &lo, &hi));
  g_assert_cmpfloat(fabs(lo - 82.56), <, 0.05);
  g_assert_cmpfloat(fabs(hi - 94.48), <, 0.05);
  g_assert_false(jd_chart_wilson(5, 0, 1.96, &lo, &hi));
  g_assert_false(jd_chart_wilson(7, 5, 1.96, &lo, &hi));
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *spec = write_tmp(dir, "r.ini",
      "[chart]\ntype=bar\ntitle=社区戒毒执行率\nnumber_format=percent\ntarget=90\n"
      "target_label=省定目标\ncategories=2021年;2022年\n\n[series 执行率]\nvalues=88.2;93.1\n"
      "numerators=441;512\ndenominators=500;550\nunit=%\n");
  g_autofree char *pdf = g_build_filename(dir, "r.pdf", NULL);
  char *err = NULL;
  const char *a1[] = {"chart", "--spec", spec, "-o", pdf, NULL};
  g_assert_cmpint(jd_test_run_cli(a1, NULL, NULL, NULL, &err), ==, 0);
  g_free(err);
  g_autofree char *uri = g_filename_to_uri(pdf, NULL, NULL);
  PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, NULL);
  PopplerPage *page = poppler_document_get_page(doc, 0);
  g_autofree char *text = poppler_page_get_text(page);
  g_assert_nonnull(strstr(text, "100%"));  /* the axis runs to 100% */
  g_assert_null(strstr(text, "120%"));
  g_assert_nonnull(strstr(text, "省定目标"));
  g_assert_nonnull(strstr(text, "Wilson"));
  g_object_unref(page);
  g_object_unref(doc);
  g_autofree char *bad = write_tmp(dir, "b.ini",
      "[chart]\ncategories=a\n\n[series x]\nvalues=1\nnumerators=5\ndenominators=4\n");
  const char *a2[] = {"chart", "--spec", bad, "-o", pdf, NULL};
  g_assert_cmpint(jd_test_run_cli(a2, NULL, NULL, NULL, &err), ==, 3);
  g_assert_nonnull(strstr(err, ":6:"));
  g_free(err);
  jd_test_rm_rf(dir);
}

/* The README's KPI example fits at every preset and down to 800×450; a card
 * too small says so in pixels. */
static void test_kpi_fits(void)
{
  const char *sizes[] = {"960x540", "800x450", "slide", "slide@2x", "slide-4x3", "a4-half"};
  for (size_t i = 0; i < G_N_ELEMENTS(sizes); i++) {
    jd_chart *c = years_chart(JD_CHART_KPI);
    jd_chart_set_title(c, "2016—2022年全国现有吸毒人员");
    jd_chart_set_footnote(c, "来源：01-quanguo-2016.txt、02-quanguo-2017.txt、03-quanguo-2018.txt、"
                             "04-quanguo-2019.txt、05-quanguo-2020.txt、06-quanguo-2021-fanti.txt等7份文件");
    g_assert_true(jd_chart_set_theme_name(c, "dark", NULL));
    g_assert_true(jd_chart_set_size_preset(c, sizes[i], 0, NULL));
    GBytes *b = render_ok(c);
    g_bytes_unref(b);
    jd_chart_free(c);
  }
  jd_chart *c = years_chart(JD_CHART_KPI);
  GString *fn = g_string_new(NULL);
  for (int i = 0; i < 150; i++) g_string_append(fn, "一段很长很长的脚注，");
  jd_chart_set_footnote(c, fn->str);
  g_string_free(fn, TRUE);
  g_assert_true(jd_chart_set_size_preset(c, "320x180", 1, NULL));
  GError *err = NULL;
  g_assert_null(jd_chart_render_png(c, &err));
  g_assert_nonnull(strstr(err->message, "320×180 px"));
  g_clear_error(&err);
  jd_chart_free(c);
}


/* --compare region: the ranking of one period with the parent as a
 * reference line; the region × year table; the panels on one scale. */
static const char regions_csv[] =
    "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period\n"
    "g.txt,1,,cases_solved,,,甘肃省,2019,year,1480,case,,level,\n"
    "g.txt,2,,cases_solved,,,兰州市,2019,year,412,case,,level,\n"
    "g.txt,3,,cases_solved,,,临夏州,2019,year,268,case,more_than,level,\n"
    "g.txt,4,,cases_solved,,,天水市,2019,year,135,case,,level,\n"
    "g.txt,5,,cases_solved,,,白银市,2019,year,98,case,,level,\n"
    "g.txt,6,,cases_solved,,,兰州市,2020,year,380,case,,level,\n"
    "g.txt,7,,cases_solved,,,天水市,2020,year,122,case,,level,\n"
    "g.txt,8,,cases_solved,,,全国,2019,year,83000,case,,level,\n";

static void test_compare_regions(void)
{
  jd_figure_table *t = jd_figure_table_new();
  GError *err = NULL;
  g_assert_true(jd_figure_table_read_csv(t, "r.csv", regions_csv, sizeof regions_csv - 1, &err));
  jd_chart *c = jd_chart_new(JD_CHART_BAR);
  jd_chart_select sel = {.metric = g_strdup("cases_solved")};
  g_assert_true(jd_plot_fill_compare_regions(c, t, &sel, &err));
  g_assert_no_error(err);
  g_assert_cmpint(jd_chart_get_type(c), ==, JD_CHART_HBAR);
  /* 2019: four prefectures, largest first; 甘肃省 the reference, 全国 said */
  g_assert_cmpuint(jd_chart_get_category_count(c), ==, 4);
  g_assert_nonnull(strstr(jd_chart_get_title(c), "2019年甘肃省各地"));
  g_assert_nonnull(strstr(jd_chart_get_footnote(c), "另有1个不同层级的地区未列入"));
  GBytes *pdf = jd_chart_render_bytes(c, JD_CHART_PDF, &err);
  g_assert_no_error(err);
  PopplerDocument *doc = poppler_document_new_from_bytes(pdf, NULL, &err);
  PopplerPage *page = poppler_document_get_page(doc, 0);
  g_autofree char *text = poppler_page_get_text(page);
  g_assert_nonnull(strstr(text, "甘肃省合计"));
  const char *a = strstr(text, "兰州市"), *b = strstr(text, "白银市");
  g_assert_true(a && b && a < b);
  g_object_unref(page);
  g_object_unref(doc);
  g_bytes_unref(pdf);
  jd_chart_free(c);
  /* the table and the panels: every prefecture over the years */
  jd_chart_type types[] = {JD_CHART_HEATMAP, JD_CHART_PANELS};
  for (size_t i = 0; i < 2; i++) {
    c = jd_chart_new(types[i]);
    g_assert_true(jd_plot_fill_compare_regions(c, t, &sel, &err));
    g_assert_cmpuint(jd_chart_get_series_count(c), ==, 4);
    g_assert_cmpuint(jd_chart_get_category_count(c), ==, 2);
    GBytes *png = render_ok(c);
    g_bytes_unref(png);
    jd_chart_free(c);
  }
  /* the same from a spec file, as a table */
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *csv = write_tmp(dir, "r.csv", regions_csv);
  g_autofree char *spec = write_tmp(dir, "c.ini", "[chart]\ntype=heatmap\nmetric=cases_solved\n"
                                                  "compare=region\n");
  g_autofree char *out = g_build_filename(dir, "t.svg", NULL);
  char *e = NULL;
  const char *a1[] = {"chart", csv, "--spec", spec, "-o", out, NULL};
  g_assert_cmpint(jd_test_run_cli(a1, NULL, NULL, NULL, &e), ==, 0);
  g_free(e);
  g_autofree char *svg = jd_test_read_file(out, NULL);
  g_assert_true(g_str_has_prefix(svg, "<?xml"));
  jd_test_rm_rf(dir);
  /* one metric only */
  g_free(sel.metric);
  sel.metric = g_strdup("cases_solved;suspects_arrested");
  c = jd_chart_new(JD_CHART_BAR);
  g_assert_false(jd_plot_fill_compare_regions(c, t, &sel, &err));
  g_assert_nonnull(strstr(err->message, "one metric"));
  g_clear_error(&err);
  jd_chart_free(c);
  jd_chart_select_clear(&sel);
  jd_figure_table_free(t);
}

/* ---- layout: no label over another, at every preset, on the sample ---- */

static jd_figure_table *sample_figures(void)
{
  static jd_figure_table *t;
  if (t) return t;
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *corpus = jd_test_source_path("data/corpus");
  g_autofree char *csv = g_build_filename(dir, "figures.csv", NULL);
  const char *a[] = {"extract", corpus, "-o", csv, NULL};
  g_assert_cmpint(jd_test_run_cli(a, NULL, NULL, NULL, NULL), ==, 0);
  t = jd_figure_table_new();
  g_assert_true(jd_figure_table_read_file(t, csv, NULL));
  jd_test_rm_rf(dir);
  return t;
}

/* The chart of the sample for a type: what a user would draw with it. */
static jd_chart *sample_chart(jd_chart_type type)
{
  jd_chart *c = jd_chart_new(type);
  jd_chart_select sel = {.metric = g_strdup("cases_solved"), .region = g_strdup("全国")};
  if (type == JD_CHART_GROUPED_BAR) {
    g_free(sel.region);
    sel.region = g_strdup("全国;甘肃省");
  } else if (type == JD_CHART_DONUT) {
    jd_chart_select_clear(&sel);
    sel.metric = g_strdup("users_minor;users_18_35;users_36_59;users_over_60");
    sel.group_by = g_strdup("metric");
    sel.period = g_strdup("2017");
  } else if (type == JD_CHART_STACKED_BAR) {
    jd_chart_select_clear(&sel);
    sel.metric = g_strdup("drugs_seized");
    sel.drug = g_strdup("heroin;meth");
    sel.group_by = g_strdup("drug");
  }
  GError *err = NULL;
  g_assert_true(jd_plot_fill_from_figures(c, sample_figures(), &sel, &err));
  g_assert_no_error(err);
  jd_chart_select_clear(&sel);
  return c;
}

/* No label box over another or off the canvas, and no value label dropped
 * (a drop would be said, but on the sample none is needed). */
static void check_layout(jd_chart *c, const char *what, const char *theme, const char *preset)
{
  g_assert_true(jd_chart_set_theme_name(c, theme, NULL));
  g_assert_true(jd_chart_set_size_preset(c, preset, strcmp(preset, "800x450") ? 0 : 1, NULL));
  GArray *boxes = g_array_new(FALSE, FALSE, sizeof(jd_chart_box));
  GError *err = NULL;
  unsigned dropped = 0;
  if (!jd_chart_layout_boxes(c, boxes, &dropped, &err))
    g_test_fail_printf("%s, %s at %s: %s", what, theme, preset, err->message);
  g_clear_error(&err);
  if (dropped)
    g_test_fail_printf("%s, %s at %s: %u value labels dropped", what, theme, preset, dropped);
  jd_chart_size sz = jd_chart_get_size(c);
  g_assert_cmpuint(boxes->len, >=, 4); /* title, ticks or card texts, categories, footnote */
  for (guint i = 0; i < boxes->len; i++) {
    const jd_chart_box *a = &g_array_index(boxes, jd_chart_box, i);
    if (a->x0 < -0.5 || a->y0 < -0.5 || a->x1 > sz.width + 0.5 || a->y1 > sz.height + 0.5)
      g_test_fail_printf("%s, %s at %s: label %u (role %d) leaves the canvas", what, theme, preset,
                         i, a->role);
    for (guint j = i + 1; j < boxes->len; j++) {
      const jd_chart_box *b = &g_array_index(boxes, jd_chart_box, j);
      if (a->turned && b->turned) continue; /* boxes of turned labels overlap, the text does not */
      double e = 0.5;
      if (a->x0 + e < b->x1 && b->x0 + e < a->x1 && a->y0 + e < b->y1 && b->y0 + e < a->y1)
        g_test_fail_printf("%s, %s at %s: labels %u (role %d) and %u (role %d) overlap", what, theme,
                           preset, i, a->role, j, b->role);
    }
  }
  g_array_unref(boxes);
}

/* The extra charts of the layout check: the sample's rate (0–100%, its
 * target line), a ranking across regions (the parent's reference line), a
 * rate with Wilson whiskers, and a ranking of rates with whiskers and two
 * reference lines close together. */
static jd_chart *extra_chart(int which)
{
  GError *err = NULL;
  jd_chart *c = jd_chart_new(JD_CHART_BAR);
  if (which == 0) {
    jd_chart_select sel = {.metric = g_strdup("rehab_consolidation_rate")};
    g_assert_true(jd_plot_fill_from_figures(c, sample_figures(), &sel, &err));
    jd_chart_select_clear(&sel);
  } else if (which == 1) {
    jd_figure_table *t = jd_figure_table_new();
    g_assert_true(jd_figure_table_read_csv(t, "r.csv", regions_csv, sizeof regions_csv - 1, &err));
    jd_chart_select sel = {.metric = g_strdup("cases_solved")};
    g_assert_true(jd_plot_fill_compare_regions(c, t, &sel, &err));
    jd_chart_select_clear(&sel);
    jd_figure_table_free(t);
  } else if (which == 3) {
    /* the parent's 88% beside the target's 90%, whiskers past the bars */
    static const char csv[] =
        "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period\n"
        "z.txt,1,,abstinent_3y_rate,,,临夏州,2021,year,88.0,percent,,rate,\n"
        "a.txt,1,,abstinent_3y_rate,,,临夏市,2021,year,91.5,percent,,rate,\n"
        "a.txt,1,,abstinent_3y,,,临夏市,2021,year,366,person,,level,\n"
        "b.txt,1,,abstinent_3y_rate,,,临夏县,2021,year,84.0,percent,,rate,\n"
        "b.txt,1,,abstinent_3y,,,临夏县,2021,year,210,person,,level,\n"
        "c.txt,1,,abstinent_3y_rate,,,康乐县,2021,year,79.5,percent,,rate,\n"
        "d.txt,1,,abstinent_3y_rate,,,永靖县,2021,year,89.2,percent,,rate,\n";
    jd_figure_table *t = jd_figure_table_new();
    g_assert_true(jd_figure_table_read_csv(t, "k.csv", csv, sizeof csv - 1, &err));
    jd_chart_select sel = {.metric = g_strdup("abstinent_3y_rate")};
    g_assert_true(jd_plot_fill_compare_regions(c, t, &sel, &err));
    g_assert_nonnull(strstr(jd_chart_get_footnote(c), "Wilson"));
    jd_chart_select_clear(&sel);
    jd_figure_table_free(t);
  } else {
    static const char csv[] =
        "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period\n"
        "s.txt,1,,abstinent_3y,,,临夏州,2021,year,441,person,,level,\n"
        "s.txt,1,,abstinent_3y_rate,,,临夏州,2021,year,88.2,percent,,rate,\n"
        "t.txt,1,,abstinent_3y,,,临夏州,2022,year,51,person,,level,\n"
        "t.txt,1,,abstinent_3y_rate,,,临夏州,2022,year,93.1,percent,,rate,\n";
    jd_figure_table *t = jd_figure_table_new();
    g_assert_true(jd_figure_table_read_csv(t, "w.csv", csv, sizeof csv - 1, &err));
    jd_chart_select sel = {.metric = g_strdup("abstinent_3y_rate")};
    g_assert_true(jd_plot_fill_from_figures(c, t, &sel, &err));
    jd_chart_select_clear(&sel);
    jd_figure_table_free(t);
  }
  g_assert_no_error(err);
  return c;
}

static void test_layout_no_overlap(void)
{
  const char *presets[] = {"slide", "slide@2x", "slide-4x3", "a4-half", "800x450"};
  const char *themes[] = {"default", "dark", "official"};
  /* the sample's charts of every type; the sample has no regions of one
   * level, so the heat map and panels are the reference charts */
  for (int ty = 0; ty <= JD_CHART_PANELS + 4; ty++)
    for (size_t th = 0; th < G_N_ELEMENTS(themes); th++)
      for (size_t p = 0; p < G_N_ELEMENTS(presets); p++) {
        static const char *const extra[] = {"rate with target", "ranking", "rate with Wilson",
                                            "ranking of rates"};
        jd_chart *c = ty > JD_CHART_PANELS    ? extra_chart(ty - JD_CHART_PANELS - 1)
                      : ty == JD_CHART_HEATMAP ? make_ref("heatmap")
                      : ty == JD_CHART_PANELS  ? make_ref("panels")
                                               : sample_chart((jd_chart_type)ty);
        check_layout(c, ty > JD_CHART_PANELS ? extra[ty - JD_CHART_PANELS - 1]
                                             : jd_chart_type_to_string((jd_chart_type)ty),
                     themes[th], presets[p]);
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
  /* 起 and 人 never share an axis: refused, saying what to do */
  const char *a3[] = {"chart", csv, "-m", "cases_solved;suspects_arrested", "--region", "甘肃省",
                      "--group-by", "metric", "--title", "主要指标", "-o", svg, NULL};
  g_assert_cmpint(jd_test_run_cli(a3, NULL, NULL, NULL, &err), ==, 3);
  g_assert_nonnull(strstr(err, "one --metric per chart"));
  g_free(err);
  g_assert_false(g_file_test(svg, G_FILE_TEST_EXISTS));
  const char *a5[] = {"chart", csv, "-m", "cases_solved", "--group-by", "region", "--type",
                      "grouped-bar", "--title", "各地破获案件", "-o", svg, NULL};
  g_assert_cmpint(jd_test_run_cli(a5, NULL, NULL, NULL, &err), ==, 0);
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
  /* a stack of 起 and 人, a donut over years: refused with what to do, exit 3 */
  const char *a6[] = {"chart", csv, "-m", "cases_solved;suspects_arrested", "--region", "甘肃省",
                      "--group-by", "metric", "--type", "stacked-bar", "-o", png, NULL};
  g_assert_cmpint(jd_test_run_cli(a6, NULL, NULL, NULL, &err), ==, 3);
  g_assert_nonnull(strstr(err, "grouped-bar"));
  g_free(err);
  const char *a7[] = {"chart", csv, "-m", "cases_solved", "--region", "甘肃省", "--type", "donut",
                      "-o", png, NULL};
  g_assert_cmpint(jd_test_run_cli(a7, NULL, NULL, NULL, &err), ==, 3);
  g_assert_nonnull(strstr(err, "one period"));
  g_free(err);
  const char *a8[] = {"chart", csv, "-m", "cases_solved", "--compare", "drug", "-o", png, NULL};
  g_assert_cmpint(jd_test_run_cli(a8, NULL, NULL, NULL, &err), ==, 2);
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

/* The digest: equal for the same chart, different when anything drawn
 * changes — a value, a flag, a label, the footnote, the theme, the size or
 * the format — and unmoved by what is not drawn. */
static void test_digest(void)
{
  jd_chart *a = years_chart(JD_CHART_LINE), *b = years_chart(JD_CHART_LINE);
  g_autofree char *da = jd_chart_digest(a, JD_CHART_PNG);
  g_autofree char *db = jd_chart_digest(b, JD_CHART_PNG);
  g_assert_cmpuint(strlen(da), ==, 64);
  g_assert_cmpstr(da, ==, db);
  g_autofree char *pdf = jd_chart_digest(a, JD_CHART_PDF);
  g_assert_cmpstr(da, !=, pdf);
  { /* cleared and drawn again with the same data: the same digest */
    const double v[] = {1120, 1260, 1113, 1480, 1535, NAN};
    const char *const years[] = {"2016年", "2017年", "2018年", "2019年", "2020年", "2021年（预测）"};
    jd_chart_clear_data(b);
    jd_chart_set_categories(b, years, 6);
    jd_chart_add_series(b, "破获毒品案件", v, 6);
    jd_chart_set_point_flags(b, 0, 2, JD_CHART_POINT_IMPLIED);
    g_autofree char *again = jd_chart_digest(b, JD_CHART_PNG);
    g_assert_cmpstr(da, ==, again);
  }
  GPtrArray *seen = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(seen, g_strdup(da));
  for (int change = 0; change < 7; change++) {
    jd_chart *c = years_chart(JD_CHART_LINE);
    switch (change) {
    case 0: { const double v[] = {1120, 1260, 1113, 1480, 1536, NAN};
              jd_chart_clear_data(c);
              const char *const years[] = {"2016年", "2017年", "2018年", "2019年", "2020年",
                                           "2021年（预测）"};
              jd_chart_set_categories(c, years, 6);
              jd_chart_add_series(c, "破获毒品案件", v, 6);
              jd_chart_set_point_flags(c, 0, 2, JD_CHART_POINT_IMPLIED); } break;
    case 1: jd_chart_set_point_flags(c, 0, 3, JD_CHART_POINT_IMPLIED); break;
    case 2: jd_chart_set_point_label(c, 0, 1, "1260"); break;
    case 3: jd_chart_set_footnote(c, "来源：示例数据"); break;
    case 4: g_assert_true(jd_chart_set_theme_name(c, "dark", NULL)); break;
    case 5: g_assert_true(jd_chart_set_size_preset(c, "a4-half", 0, NULL)); break;
    case 6: jd_chart_set_type(c, JD_CHART_BAR); break;
    }
    char *d = jd_chart_digest(c, JD_CHART_PNG);
    for (guint i = 0; i < seen->len; i++)
      if (strcmp(seen->pdata[i], d) == 0) g_error("change %d left the digest as it was", change);
    g_ptr_array_add(seen, d);
    jd_chart_free(c);
  }
  g_ptr_array_unref(seen);
  jd_chart_free(a);
  jd_chart_free(b);
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
  g_test_add_func("/chart/digest", test_digest);
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
  g_test_add_func("/chart/edge/band-below-zero-keeps-the-axis", test_band_below_zero_keeps_axis_at_zero);
  g_test_add_func("/chart/edge/kpi-long-number", test_edge_kpi_long_number);
  g_test_add_func("/chart/edge/wide-range", test_edge_wide_range);
  g_test_add_func("/chart/edge/long-label", test_edge_long_label);
  g_test_add_func("/chart/edge/many-categories", test_edge_many_categories);
  g_test_add_func("/chart/edge/empty-series", test_edge_empty_series);
  g_test_add_func("/chart/edge/many-hbar-rows", test_edge_many_hbar_rows);
  g_test_add_func("/chart/glyphs/tofu-is-an-error", test_tofu_is_an_error);
  g_test_add_func("/chart/glyphs/minus-and-arrows", test_minus_and_arrows_render);
  g_test_add_func("/chart/output/reproducible", test_reproducible);
  g_test_add_func("/chart/cli/figures", test_cli_figures);
  g_test_add_func("/chart/data/one-span-per-axis", test_one_span_per_axis);
  g_test_add_func("/chart/cli/errors", test_cli_errors);
  g_test_add_func("/chart/cli/spec", test_cli_spec);
  for (size_t a = 0; a < G_N_ELEMENTS(matrix_types); a++)
    for (size_t b = 0; b < G_N_ELEMENTS(matrix_themes); b++)
      for (size_t p = 0; p < G_N_ELEMENTS(matrix_presets); p++) {
        char *id = g_strdup_printf("%s/%s/%s", matrix_types[a], matrix_themes[b], matrix_presets[p]);
        g_autofree char *path = g_strdup_printf("/chart/matrix/%s", id);
        g_test_add_data_func_full(path, id, test_matrix, g_free);
      }
  g_test_add_func("/chart/truth/stack-refuses", test_stack_refuses);
  g_test_add_func("/chart/truth/donut-parts", test_donut_parts);
  g_test_add_func("/chart/truth/half-year-one-period", test_half_year_one_period);
  g_test_add_func("/chart/truth/legend-colours", test_legend_colours);
  g_test_add_func("/chart/truth/derived-note", test_derived_note);
  g_test_add_func("/chart/truth/derived-swatch-colour", test_derived_swatch_colour);
  g_test_add_func("/chart/truth/drops-are-said", test_drops_are_said);
  g_test_add_func("/chart/rates/target-wilson", test_rates);
  g_test_add_func("/chart/layout/kpi-fits", test_kpi_fits);
  g_test_add_func("/chart/layout/no-overlap", test_layout_no_overlap);
  g_test_add_func("/chart/compare/regions", test_compare_regions);
  return g_test_run();
}
