/* The briefing's comparison across regions (各地对比, 县区排名): a section
 * when several regions of one level report a metric in one period, ranked,
 * with the parent's value, in every form the report model feeds (PDF read
 * back with poppler, DOCX, PPTX and HTML read back as their XML); none when
 * one region reports. And the Wilson interval of a rate whose counts are
 * known, against the interval computed by hand. */
#include <math.h>
#include <poppler.h>
#include <string.h>
#include <zip.h>

#include "jindu/chart.h"
#include "jindu/jindu.h"
#include "jindu/plot.h"
#include "jindu/report-formats.h"
#include "jindu/report.h"
#include "render/fonts.h"
#include "report/report-private.h"
#include "testutil.h"

/* 临夏州 and five of its counties in 2021, the state's own series, and a
 * figure of another span (1—5月) that must not be compared. */
static const char counties_csv[] =
    "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period\n"
    "z.txt,1,,cases_solved,,,临夏州,2019,year,280,case,,level,\n"
    "z.txt,2,,cases_solved,,,临夏州,2020,year,300,case,,level,\n"
    "z.txt,3,,cases_solved,,,临夏州,2021,year,320,case,,level,\n"
    "a.txt,1,,cases_solved,,,临夏市,2021,year,96,case,,level,\n"
    "b.txt,1,,cases_solved,,,临夏县,2021,year,40,case,,level,\n"
    "c.txt,1,,cases_solved,,,康乐县,2021,year,24,case,,level,\n"
    "d.txt,1,,cases_solved,,,永靖县,2021,year,72,case,,level,\n"
    "e.txt,1,,cases_solved,,,广河县,2021,year,55,case,,level,\n"
    "e.txt,2,,cases_solved,,,广河县,2022-01/2022-05,months,20,case,,level,\n";

static jd_figure_table *table_of(const char *csv, size_t len)
{
  jd_figure_table *t = jd_figure_table_new();
  GError *err = NULL;
  g_assert_true(jd_figure_table_read_csv(t, "t.csv", csv, len, &err));
  g_assert_no_error(err);
  return t;
}

static jd_report *report_of(jd_figure_table *t)
{
  jd_report_options o;
  jd_report_options_init(&o);
  o.region = g_strdup("临夏州");
  o.date = g_strdup("2022-03-01");
  GError *err = NULL;
  jd_report *r = jd_report_new(t, &o, &err);
  g_assert_no_error(err);
  jd_report_options_clear(&o);
  return r;
}

static const jd_report_section *comparison(const jd_report *r)
{
  const jd_report_section *found = NULL;
  for (guint i = 0; i < r->sections->len; i++) {
    const jd_report_section *s = r->sections->pdata[i];
    if (!s->compare) continue;
    g_assert_null(found); /* one metric, one comparison */
    found = s;
  }
  return found;
}

/* The text of one member of an Office package, tags removed. */
static char *zip_text(GBytes *pkg, const char *member)
{
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(g_bytes_get_data(pkg, NULL), g_bytes_get_size(pkg), 0, &ze);
  g_assert_nonnull(src);
  zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
  g_assert_nonnull(z);
  zip_stat_t st;
  g_assert_cmpint(zip_stat(z, member, 0, &st), ==, 0);
  zip_file_t *f = zip_fopen(z, member, 0);
  g_assert_nonnull(f);
  char *xml = g_malloc0(st.size + 1);
  g_assert_cmpint(zip_fread(f, xml, st.size), ==, (zip_int64_t)st.size);
  zip_fclose(f);
  zip_close(z);
  GString *text = g_string_new(NULL);
  gboolean in_tag = FALSE;
  for (const char *p = xml; *p; p++) {
    if (*p == '<') in_tag = TRUE;
    else if (*p == '>') in_tag = FALSE;
    else if (!in_tag) g_string_append_c(text, *p);
  }
  g_free(xml);
  return g_string_free(text, FALSE);
}

static char *pdf_text(GBytes *pdf)
{
  GError *err = NULL;
  PopplerDocument *doc = poppler_document_new_from_bytes(pdf, NULL, &err);
  g_assert_no_error(err);
  GString *all = g_string_new(NULL);
  for (int i = 0; i < poppler_document_get_n_pages(doc); i++) {
    PopplerPage *p = poppler_document_get_page(doc, i);
    g_autofree char *t = poppler_page_get_text(p);
    g_string_append(all, t);
    g_object_unref(p);
  }
  g_object_unref(doc);
  /* lines wrap anywhere in Chinese text: compare without line breaks */
  GString *flat = g_string_new(NULL);
  for (const char *p = all->str; *p; p++)
    if (*p != '\n' && *p != ' ') g_string_append_c(flat, *p);
  g_string_free(all, TRUE);
  return g_string_free(flat, FALSE);
}

static GBytes *render(const jd_report *r, jd_report_format f)
{
  GError *err = NULL;
  GBytes *b = jd_report_render_as(r, f, NULL, &err);
  g_assert_no_error(err);
  g_assert_nonnull(b);
  return b;
}

/* The model: ranked largest first, the parent's value, the narrative. */
static void test_model(void)
{
  jd_figure_table *t = table_of(counties_csv, sizeof counties_csv - 1);
  jd_report *r = report_of(t);
  const jd_report_section *s = comparison(r);
  g_assert_nonnull(s);
  g_assert_cmpuint(s->points->len, ==, 5);
  static const char *const order[] = {"临夏市", "永靖县", "广河县", "临夏县", "康乐县"};
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr(((const jd_report_point *)s->points->pdata[i])->label, ==, order[i]);
  g_assert_cmpstr(s->parent, ==, "临夏州");
  g_assert_cmpfloat(s->parent_value, ==, 320);
  g_assert_cmpstr(s->title, ==, "各县区破获毒品案件对比");
  /* who leads, who trails, the spread (96 / 24 = 4.0), one period */
  g_assert_nonnull(strstr(s->narrative, "2021年，临夏州5个县区报告了破获毒品案件"));
  g_assert_nonnull(strstr(s->narrative, "临夏市最多，为96起"));
  g_assert_nonnull(strstr(s->narrative, "康乐县最少，为24起"));
  g_assert_nonnull(strstr(s->narrative, "前者约为后者的4.0倍"));
  g_assert_nonnull(strstr(s->narrative, "以上仅比较2021年一个时期"));
  /* the 1—5月 figure is not compared, and the footnote says so */
  g_assert_nonnull(strstr(s->footnote, "另有1项非同一时段口径的数据未列入"));
  g_assert_nonnull(strstr(s->footnote, "虚线为临夏州数值"));
  /* every bar cites its source row */
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint(((const jd_report_point *)s->points->pdata[i])->source, >, 0);
  /* the chart is the ranking `jindu chart --compare region` draws */
  jd_chart *c = jd_report_section_chart(r, s, NULL);
  g_assert_nonnull(c);
  g_assert_cmpint(jd_chart_get_type(c), ==, JD_CHART_HBAR);
  g_assert_cmpstr(jd_chart_get_title(c), ==, "2021年临夏州各地破获毒品案件");
  jd_chart_free(c);
  jd_report_free(r);
  jd_figure_table_free(t);
}

/* Every form the model feeds carries the section. */
static void test_every_form(void)
{
  jd_figure_table *t = table_of(counties_csv, sizeof counties_csv - 1);
  jd_report *r = report_of(t);
  GBytes *pdf = render(r, JD_REPORT_PDF);
  g_autofree char *pt = pdf_text(pdf);
  g_assert_nonnull(strstr(pt, "临夏州各县区破获毒品案件对比"));
  g_assert_nonnull(strstr(pt, "临夏市最多，为96起"));
  g_assert_nonnull(strstr(pt, "临夏州合计")); /* the reference line's label, in the chart */
  g_assert_nonnull(strstr(pt, "康乐县24起"));  /* the data line */
  GBytes *docx = render(r, JD_REPORT_DOCX);
  g_autofree char *dt = zip_text(docx, "word/document.xml");
  g_assert_nonnull(strstr(dt, "临夏州各县区破获毒品案件对比"));
  g_assert_nonnull(strstr(dt, "康乐县最少，为24起"));
  g_autofree char *media = g_strdup_printf("word/media/%s.png",
                                           ((const jd_report_section *)comparison(r))->stem);
  g_autofree char *png = zip_text(docx, media); /* the chart is in the package */
  GBytes *pptx = render(r, JD_REPORT_PPTX);
  gboolean in_notes = FALSE;
  for (guint i = 2; i <= r->sections->len + 1; i++) {
    g_autofree char *member = g_strdup_printf("ppt/notesSlides/notesSlide%u.xml", i);
    g_autofree char *nt = zip_text(pptx, member);
    in_notes |= strstr(nt, "临夏州各县区破获毒品案件对比") && strstr(nt, "临夏市最多");
  }
  g_assert_true(in_notes);
  GBytes *html = render(r, JD_REPORT_HTML);
  g_autofree char *ht = g_strndup(g_bytes_get_data(html, NULL), g_bytes_get_size(html));
  g_assert_nonnull(strstr(ht, "临夏州各县区破获毒品案件对比"));
  g_assert_nonnull(strstr(ht, "前者约为后者的4.0倍"));
  g_bytes_unref(pdf);
  g_bytes_unref(docx);
  g_bytes_unref(pptx);
  g_bytes_unref(html);
  jd_report_free(r);
  jd_figure_table_free(t);
}

/* One county beside its prefecture in a period is no comparison, nor are
 * two counties of different periods, nor two alone: no section. */
static void test_one_region(void)
{
  static const char csv[] =
      "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period\n"
      "z.txt,1,,cases_solved,,,临夏州,2020,year,300,case,,level,\n"
      "z.txt,2,,cases_solved,,,临夏州,2021,year,320,case,,level,\n"
      "a.txt,1,,cases_solved,,,临夏市,2021,year,96,case,,level,\n"
      "b.txt,1,,cases_solved,,,临夏县,2020,year,40,case,,level,\n"
      "a.txt,2,,suspects_arrested,,,临夏市,2021,year,120,person,,level,\n"
      "b.txt,2,,suspects_arrested,,,临夏县,2021,year,60,person,,level,\n";
  jd_figure_table *t = table_of(csv, sizeof csv - 1);
  jd_report *r = report_of(t);
  g_assert_null(comparison(r));
  GBytes *pdf = render(r, JD_REPORT_PDF);
  g_autofree char *pt = pdf_text(pdf);
  g_assert_null(strstr(pt, "对比"));
  g_bytes_unref(pdf);
  jd_report_free(r);
  jd_figure_table_free(t);
}

/* Twenty-five provinces: the chart names the twenty largest (a row each,
 * in every form and in the chart files), the narrative counts the rest. */
static void test_many_regions(void)
{
  static const char *const provinces[] = {
      "北京市", "天津市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省",
      "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省",
      "海南省", "重庆市", "四川省", "贵州省", "云南省", "陕西省", "甘肃省"};
  GString *csv = g_string_new(
      "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period\n"
      "n.txt,1,,cases_solved,,,全国,2020,year,80000,case,,level,\n"
      "n.txt,2,,cases_solved,,,全国,2021,year,82000,case,,level,\n");
  for (guint i = 0; i < G_N_ELEMENTS(provinces); i++)
    g_string_append_printf(csv, "p%u.txt,1,,cases_solved,,,%s,2021,year,%u,case,,level,\n", i,
                           provinces[i], 3000 + 100 * i);
  jd_figure_table *t = table_of(csv->str, csv->len);
  g_string_free(csv, TRUE);
  jd_report_options o;
  jd_report_options_init(&o);
  o.region = g_strdup("全国");
  GError *err = NULL;
  jd_report *r = jd_report_new(t, &o, &err);
  g_assert_no_error(err);
  jd_report_options_clear(&o);
  const jd_report_section *s = comparison(r);
  g_assert_nonnull(s);
  g_assert_cmpuint(s->points->len, ==, 20);
  g_assert_cmpstr(((const jd_report_point *)s->points->pdata[0])->label, ==, "甘肃省");
  g_assert_nonnull(strstr(s->narrative, "全国25个省份报告了破获毒品案件"));
  g_assert_nonnull(strstr(s->narrative, "北京市最少，为3000起"));
  g_assert_nonnull(strstr(s->narrative, "最多的20个省份，其余5个未列出"));
  for (jd_report_format f = JD_REPORT_PDF; f <= JD_REPORT_HTML; f++) {
    GBytes *b = render(r, f);
    g_bytes_unref(b);
  }
  for (guint i = 0; i < r->sections->len; i++) {
    GBytes *png = jd_report_render_chart(r, i, "png", "slide", &err);
    g_assert_no_error(err);
    g_bytes_unref(png);
  }
  jd_report_free(r);
  jd_figure_table_free(t);
}

/* ---- Wilson intervals of rates whose counts are stated ---- */

/* 2021: the rate with both counts (441 of 500 = 88.2%); 2022: the rate with
 * its numerator only (512 at 93.1% → 550); 2020: the rate alone. */
static const char rates_csv[] =
    "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period\n"
    "r.txt,1,,abstinent_3y_rate,,,临夏州,2020,year,86.0,percent,,rate,\n"
    "s.txt,1,,abstinent_3y,,,临夏州,2021,year,441,person,,level,\n"
    "s.txt,1,,community_detox,,,临夏州,2021,year,500,person,,level,\n"
    "s.txt,1,,abstinent_3y_rate,,,临夏州,2021,year,88.2,percent,,rate,\n"
    "t.txt,1,,abstinent_3y,,,临夏州,2022,year,512,person,,level,\n"
    "t.txt,1,,community_detox,,,临夏州,2022,year,800,person,,level,\n"
    "t.txt,2,,abstinent_3y_rate,,,临夏州,2022,year,93.1,percent,,rate,\n";

static const jd_figure *rate_of(const jd_figure_table *t, const char *period)
{
  for (size_t i = 0; i < jd_figure_table_get_count(t); i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    if (strcmp(f->metric, "abstinent_3y_rate") == 0 && strcmp(f->period, period) == 0) return f;
  }
  g_assert_not_reached();
}

/* By hand: p = k/n, z = 1.959964 (95%), centre = (p + z²/2n)/(1 + z²/n),
 * half = z/(1 + z²/n)·√(p(1−p)/n + z²/4n²). 441/500 → 85.0768–90.7407%;
 * 512/550 → 90.6589–94.9252%. */
static void test_wilson_numbers(void)
{
  jd_figure_table *t = table_of(rates_csv, sizeof rates_csv - 1);
  double lo, hi;
  g_assert_true(jd_plot_rate_wilson(t, rate_of(t, "2021"), 0.95, &lo, &hi));
  g_assert_cmpfloat_with_epsilon(lo, 85.0768, 1e-3);
  g_assert_cmpfloat_with_epsilon(hi, 90.7407, 1e-3);
  /* 512 of 800 is 64%, not the 93.1% stated: the denominator is 512 ÷ 93.1% */
  g_assert_true(jd_plot_rate_wilson(t, rate_of(t, "2022"), 0.95, &lo, &hi));
  g_assert_cmpfloat_with_epsilon(lo, 90.6589, 1e-3);
  g_assert_cmpfloat_with_epsilon(hi, 94.9252, 1e-3);
  g_assert_false(jd_plot_rate_wilson(t, rate_of(t, "2020"), 0.95, &lo, &hi));
  jd_figure_table_free(t);
}

/* The chart from figures and the briefing's section draw the intervals on
 * 0–100% with the target line and say so in the footnote. */
static void test_wilson_charts(void)
{
  jd_figure_table *t = table_of(rates_csv, sizeof rates_csv - 1);
  jd_chart *c = jd_chart_new(JD_CHART_BAR);
  jd_chart_select sel = {0};
  sel.metric = (char *)"abstinent_3y_rate";
  GError *err = NULL;
  g_assert_true(jd_plot_fill_from_figures(c, t, &sel, &err));
  g_assert_no_error(err);
  g_assert_nonnull(strstr(jd_chart_get_footnote(c), JD_PLOT_WILSON_NOTE));
  GBytes *pdf = jd_chart_render_bytes(c, JD_CHART_PDF, &err);
  g_assert_no_error(err);
  g_autofree char *text = pdf_text(pdf);
  g_assert_nonnull(strstr(text, "100%"));
  g_assert_nonnull(strstr(text, "省定目标"));
  g_assert_nonnull(strstr(text, "Wilson"));
  g_bytes_unref(pdf);
  jd_chart_free(c);
  jd_report *r = report_of(t);
  const jd_report_section *s = NULL;
  for (guint i = 0; i < r->sections->len; i++)
    if (strcmp(((const jd_report_section *)r->sections->pdata[i])->metric, "abstinent_3y_rate") == 0)
      s = r->sections->pdata[i];
  g_assert_nonnull(s);
  g_assert_cmpuint(s->points->len, ==, 3);
  const jd_report_point *p20 = s->points->pdata[0], *p21 = s->points->pdata[1];
  g_assert_true(isnan(p20->ci_lo));
  g_assert_cmpfloat_with_epsilon(p21->ci_lo, 85.0768, 1e-3);
  g_assert_cmpfloat_with_epsilon(p21->ci_hi, 90.7407, 1e-3);
  g_assert_nonnull(strstr(s->footnote, JD_PLOT_WILSON_NOTE));
  GBytes *b = render(r, JD_REPORT_PDF);
  g_autofree char *bt = pdf_text(b);
  g_assert_nonnull(strstr(bt, "省定目标"));
  g_assert_nonnull(strstr(bt, "Wilson"));
  g_bytes_unref(b);
  jd_report_free(r);
  jd_figure_table_free(t);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_fonts_init();
  jd_test_add("/report/compare/model", test_model);
  jd_test_add("/report/compare/every-form", test_every_form);
  jd_test_add("/report/compare/one-region", test_one_region);
  jd_test_add("/report/compare/many-regions", test_many_regions);
  jd_test_add("/report/wilson/numbers", test_wilson_numbers);
  jd_test_add("/report/wilson/charts", test_wilson_charts);
  return jd_test_run();
}
