/* The gongwen style read back with poppler (GB/T 9704-2012): text inside
 * the 版心 (天头 37 mm, 订口 28 mm on alternate sides, 156 × 225 mm), body
 * lines on a 22-line pitch in 3号, faces by role, page numbers on the outer
 * side 7 mm below the 版心, the 版头 and 版记. */
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "jindu/build.h"
#include "jindu/jindu.h"
#include "jindu/report.h"
#include "jindu/text.h"
#include "report/style.h"
#include "testutil.h"

typedef struct {
  gunichar c;
  PopplerRectangle r;
  char *font;
  double size;
} glyph;

typedef struct {
  glyph *g;
  guint n;
  char *text;
} page_text;

/* Every character of a page with its box, font and size. */
static page_text read_page(PopplerPage *pg)
{
  page_text t = {0};
  t.text = poppler_page_get_text(pg);
  PopplerRectangle *rects = NULL;
  guint nr = 0;
  g_assert_true(poppler_page_get_text_layout(pg, &rects, &nr));
  glong n = g_utf8_strlen(t.text, -1);
  t.n = MIN(nr, (guint)n);
  t.g = g_new0(glyph, t.n);
  const char *c = t.text;
  for (guint i = 0; i < t.n; i++, c = g_utf8_next_char(c)) {
    t.g[i].c = g_utf8_get_char(c);
    t.g[i].r = rects[i];
  }
  GList *attrs = poppler_page_get_text_attributes(pg);
  for (GList *l = attrs; l; l = l->next) {
    PopplerTextAttributes *a = l->data;
    for (int i = a->start_index; i <= a->end_index && i < (int)t.n; i++) {
      t.g[i].font = a->font_name;
      t.g[i].size = a->font_size;
    }
  }
  /* the font names outlive the list: keep it with the page text */
  g_object_set_data_full(G_OBJECT(pg), "attrs", attrs, (GDestroyNotify)poppler_page_free_text_attributes);
  g_free(rects);
  return t;
}

static void page_text_clear(page_text *t)
{
  g_free(t->g);
  g_free(t->text);
}

static GBytes *sample_pdf(const char *style)
{
  g_autofree char *dir = jd_test_source_path("data/corpus");
  g_autofree char *ov = jd_test_source_path("data/overrides.csv");
  const char *paths[] = {dir};
  GError *err = NULL;
  GPtrArray *docs = jd_inputs_collect(paths, 1, &err);
  g_assert_no_error(err);
  const char *ovs[] = {ov, NULL};
  jd_figure_table *t = jd_figure_table_new();
  g_assert_true(jd_build_load_figures((const char *const *)docs->pdata, docs->len, NULL, ovs, 0,
                                      t, NULL, &err));
  g_ptr_array_unref(docs);
  jd_report_options o;
  jd_report_options_init(&o);
  o.issue = 3;
  o.organisation = g_strdup("测试编辑部");
  o.date = g_strdup("2023-06-30");
  o.region = g_strdup("全国");
  o.style = g_strdup(style);
  o.secrecy = g_strdup("内部");
  o.report_to = g_strdup("测试上级单位");
  o.distribute_to = g_strdup("测试下级单位");
  o.copies = 40;
  jd_report *r = jd_report_new(t, &o, &err);
  g_assert_no_error(err);
  GBytes *pdf = jd_report_render_pdf(r, NULL, &err);
  g_assert_no_error(err);
  jd_test_qpdf_check(g_bytes_get_data(pdf, NULL), g_bytes_get_size(pdf));
  jd_report_free(r);
  jd_report_options_clear(&o);
  jd_figure_table_free(t);
  return pdf;
}

static gboolean is_page_number(const page_text *t, guint i, double bottom)
{
  return t->g[i].r.y1 > bottom + 5;
}

static void test_gongwen_page(void)
{
  const jd_report_style *st = jd_report_style_get("gongwen");
  GBytes *pdf = sample_pdf("gongwen");
  GError *err = NULL;
  PopplerDocument *doc = poppler_document_new_from_bytes(pdf, NULL, &err);
  g_assert_no_error(err);
  int n = poppler_document_get_n_pages(doc);
  g_assert_cmpint(n, >=, 4);
  const double top = st->top, bottom = st->top + st->text_h, tol = 1.5;
  gboolean saw_body = FALSE, saw_heading = FALSE, saw_kai = FALSE, saw_title = FALSE;
  for (int p = 0; p < n; p++) {
    PopplerPage *pg = poppler_document_get_page(doc, p);
    page_text t = read_page(pg);
    gboolean odd = (p + 1) % 2 == 1;
    double x0 = odd ? st->inner : st->outer, x1 = x0 + st->text_w;
    /* margins: everything but the page number inside the 版心 */
    double pn_left = 1e9, pn_right = -1, pn_top = 1e9;
    for (guint i = 0; i < t.n; i++) {
      const PopplerRectangle *r = &t.g[i].r;
      if (g_unichar_isspace(t.g[i].c) || r->x2 <= r->x1) continue;
      if (is_page_number(&t, i, bottom)) {
        pn_left = MIN(pn_left, r->x1);
        pn_right = MAX(pn_right, r->x2);
        pn_top = MIN(pn_top, r->y1);
        continue;
      }
      if (r->x1 < x0 - tol || r->x2 > x1 + tol || r->y1 < top - tol || r->y2 > bottom + tol)
        g_error("page %d: U+%04X at [%.1f %.1f %.1f %.1f] outside the 版心 [%.1f %.1f %.1f %.1f]",
                p + 1, (unsigned)t.g[i].c, r->x1, r->y1, r->x2, r->y2, x0, top, x1, bottom);
    }
    /* page number: 4号, the outer side one character in, 7 mm below the 版心 */
    g_assert_cmpfloat(pn_right, >, 0);
    if (odd)
      g_assert_cmpfloat(fabs(pn_right - (x1 - st->size_body)), <, 3);
    else
      g_assert_cmpfloat(fabs(pn_left - (x0 + st->size_body)), <, 3);
    g_assert_cmpfloat(fabs(pn_top - (bottom + st->page_number_gap)), <, 6);
    /* body lines: 3号 仿宋 (its substitute) on a 225 mm / 22 pitch */
    GArray *baselines = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 0; i < t.n; i++) {
      const glyph *g = &t.g[i];
      if (!g->font || g_unichar_isspace(g->c)) continue;
      if (fabs(g->size - 16) < 0.3 && strstr(g->font, "Serif") && g->c >= 0x4E00 &&
          g->r.y1 > top + 100) {
        saw_body = TRUE;
        double y = g->r.y2;
        gboolean known = FALSE;
        for (guint k = 0; k < baselines->len && !known; k++)
          known = fabs(g_array_index(baselines, double, k) - y) < 2;
        if (!known) g_array_append_val(baselines, y);
      }
      if (fabs(g->size - 16) < 0.3 && strstr(g->font, "Sans") && g->c == 0x3001 /* 、 */)
        saw_heading = TRUE;
      if (strstr(g->font, "Kai")) saw_kai = TRUE;
      if (g->size > 30 && strstr(g->font, "Serif")) saw_title = TRUE;
    }
    g_assert_cmpuint(baselines->len, <=, (guint)st->lines);
    double pitch = st->text_h / st->lines;
    for (guint k = 1; k < baselines->len; k++) {
      double d = g_array_index(baselines, double, k) - g_array_index(baselines, double, k - 1);
      if (d > 0 && d < pitch * 1.5 && fabs(d - pitch) > 1.0)
        g_error("page %d: body lines %.2f apart, not %.2f", p + 1, d, pitch);
    }
    g_array_unref(baselines);
    page_text_clear(&t);
    g_object_unref(pg);
  }
  g_assert_true(saw_body);
  g_assert_true(saw_heading);
  g_assert_true(saw_kai);
  g_assert_true(saw_title);
  /* the 版头 and the 版记 */
  PopplerPage *first = poppler_document_get_page(doc, 0);
  g_autofree char *t1 = poppler_page_get_text(first);
  g_assert_nonnull(strstr(t1, "内部"));
  g_assert_nonnull(strstr(t1, "第3期"));
  g_assert_nonnull(strstr(t1, "测试编辑部"));
  g_assert_nonnull(strstr(t1, "2023年6月30日"));
  g_object_unref(first);
  PopplerPage *last = poppler_document_get_page(doc, n - 1);
  g_autofree char *tn = poppler_page_get_text(last);
  g_assert_nonnull(strstr(tn, "报：测试上级单位"));
  g_assert_nonnull(strstr(tn, "发：测试下级单位"));
  g_assert_nonnull(strstr(tn, "2023年6月30日印发"));
  g_assert_nonnull(strstr(tn, "共印40份"));
  g_object_unref(last);
  g_object_unref(doc);
  g_bytes_unref(pdf);
}

/* 22 lines of 28 characters: a paragraph of ideographs breaks every 28. */
static void test_gongwen_grid(void)
{
  const jd_report_style *st = jd_report_style_get("gongwen");
  g_assert_cmpfloat(fabs(st->top - JD_MM(37)), <, 1e-9);
  g_assert_cmpfloat(fabs(st->inner - JD_MM(28)), <, 1e-9);
  g_assert_cmpfloat(fabs(st->text_w - JD_MM(156)), <, 1e-9);
  g_assert_cmpfloat(fabs(st->text_h - JD_MM(225)), <, 1e-9);
  g_assert_cmpint(st->lines, ==, 22);
  g_assert_cmpint(st->chars, ==, 28);
  g_assert_null(jd_report_style_get("nonesuch"));
  g_assert_nonnull(jd_report_style_get("modern"));
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_fonts_init();
  g_test_add_func("/report/gongwen/grid", test_gongwen_grid);
  g_test_add_func("/report/gongwen/page", test_gongwen_page);
  return g_test_run();
}
