/* Tests of the briefing PDF, read back with poppler-glib: pages, outline,
 * the masthead and narrative text, embedded fonts, every figure used in the
 * sources table, links to source rows, metadata, reproducibility; from the
 * bundled sample and from the seed corpus. */
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "jindu/build.h"
#include "jindu/jindu.h"
#include "jindu/report.h"
#include "jindu/text.h"
#include "render/fonts.h"
#include "render/wrap.h"
#include "report/ooxml.h"
#include "report/report-private.h"
#include "testutil.h"

static jd_figure_table *load_dir(const char *dir, const char *overrides)
{
  const char *paths[] = {dir};
  GError *err = NULL;
  GPtrArray *docs = jd_inputs_collect(paths, 1, &err);
  g_assert_no_error(err);
  const char *ov[] = {overrides, NULL};
  jd_figure_table *t = jd_figure_table_new();
  g_assert_true(jd_build_load_figures((const char *const *)docs->pdata, docs->len, NULL,
                                      overrides ? ov : NULL, 0, t, NULL, &err));
  g_assert_no_error(err);
  g_ptr_array_unref(docs);
  return t;
}

static jd_figure_table *sample_figures(void)
{
  g_autofree char *dir = jd_test_source_path("data/corpus");
  g_autofree char *ov = jd_test_source_path("data/overrides.csv");
  return load_dir(dir, ov);
}

static void sample_options(jd_report_options *o)
{
  jd_report_options_init(o);
  o->issue = 3;
  o->organisation = g_strdup("测试编辑部");
  o->date = g_strdup("2023-06-30");
  o->region = g_strdup("全国");
  o->author = g_strdup("测试作者");
}

static PopplerDocument *open_pdf(GBytes *pdf)
{
  GError *err = NULL;
  jd_test_qpdf_check(g_bytes_get_data(pdf, NULL), g_bytes_get_size(pdf));
  PopplerDocument *doc = poppler_document_new_from_bytes(pdf, NULL, &err);
  g_assert_no_error(err);
  g_assert_nonnull(doc);
  return doc;
}

static char *all_text(PopplerDocument *doc)
{
  GString *s = g_string_new(NULL);
  for (int i = 0; i < poppler_document_get_n_pages(doc); i++) {
    PopplerPage *p = poppler_document_get_page(doc, i);
    char *t = poppler_page_get_text(p);
    g_string_append(s, t);
    g_string_append_c(s, '\f');
    g_free(t);
    g_object_unref(p);
  }
  return g_string_free(s, FALSE);
}

/* Text without line breaks and spaces, so wrapped phrases still match. */
static char *squeeze(const char *s)
{
  GString *o = g_string_new(NULL);
  for (const char *p = s; *p; p++)
    if (*p != '\n' && *p != ' ' && *p != '\r') g_string_append_c(o, *p);
  return g_string_free(o, FALSE);
}

static void collect_outline(PopplerIndexIter *it, GPtrArray *titles)
{
  do {
    PopplerAction *a = poppler_index_iter_get_action(it);
    if (a && a->type == POPPLER_ACTION_GOTO_DEST && a->goto_dest.title)
      g_ptr_array_add(titles, g_strdup(a->goto_dest.title));
    if (a) poppler_action_free(a);
    PopplerIndexIter *child = poppler_index_iter_get_child(it);
    if (child) {
      collect_outline(child, titles);
      poppler_index_iter_free(child);
    }
  } while (poppler_index_iter_next(it));
}

static gboolean has_title(GPtrArray *titles, const char *needle)
{
  for (guint i = 0; i < titles->len; i++)
    if (strstr(titles->pdata[i], needle)) return TRUE;
  return FALSE;
}

/* A change stated of a part (团伙's suspects, after 其中) never shows as the
 * whole's change on its KPI card, and a part never becomes the headline. */
static void test_scoped_change_not_on_kpi(void)
{
  static const char csv[] =
      "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period\n"
      "a.txt,3,,suspects_arrested,,,全省,2019,year,1870,person,,level,\n"
      "a.txt,3,,suspects_arrested,团伙,,全省,2019,year,330,person,,level,\n"
      "a.txt,3,,suspects_arrested,团伙,,全省,2019,year,21.6,percent,,change_pct,2018\n"
      "b.txt,2,,suspects_arrested,,,全省,2018,year,1700,person,,level,\n"
      "b.txt,2,,suspects_arrested,团伙,,全省,2018,year,9000,person,,level,\n";
  jd_figure_table *t = jd_figure_table_new();
  GError *err = NULL;
  g_assert_true(jd_figure_table_read_csv(t, "scoped.csv", csv, sizeof csv - 1, &err));
  g_assert_no_error(err);
  jd_report_options o;
  sample_options(&o);
  g_free(o.region);
  o.region = g_strdup("全省");
  jd_report *r = jd_report_new(t, &o, &err);
  g_assert_no_error(err);
  g_assert_cmpuint(r->kpis->len, >=, 1);
  const jd_report_kpi *k = r->kpis->pdata[0];
  g_assert_cmpstr(k->metric, ==, "suspects_arrested");
  const jd_report_point *last = k->points->pdata[k->points->len - 1];
  g_assert_cmpfloat(last->value, ==, 1870);
  /* computed from the whole's own two years (1700 -> 1870 = +10%), not 21.6 */
  g_assert_cmpfloat_with_epsilon(k->change, 10.0, 1e-6);
  jd_report_free(r);
  jd_report_options_clear(&o);
  jd_figure_table_free(t);
}

/* A KPI whose latest year follows a gap (2018, then 2020) says what it is
 * compared with (较2018年), on its card and in the summary, never 同比; the
 * change the document states against that year is taken, and a change over
 * adjacent years is still 同比. */
static void test_change_over_gap_is_named(void)
{
  static const char csv[] =
      "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period\n"
      "a.txt,4,,suspects_arrested,,,某县,2018,year,160,person,,level,\n"
      "a.txt,4,,suspects_arrested,,,某县,2020,year,105,person,,level,\n"
      "a.txt,4,,suspects_arrested,,,某县,2020,year,-34.4,percent,,change_pct,2018\n"
      "a.txt,5,,cases_solved,,,某县,2018,year,80,case,,level,\n"
      "a.txt,6,,cases_solved,,,某县,2021,year,60,case,,level,\n"
      "a.txt,7,,new_users,,,某县,2019,year,50,person,,level,\n"
      "a.txt,7,,new_users,,,某县,2020,year,40,person,,level,\n"
      "b.txt,2,,users_checked,,,某县,2018,year,300,person,,level,\n"
      "a.txt,8,,users_checked,,,某县,2020,year,200,person,,level,\n"
      "a.txt,8,,users_checked,,,某县,2020,year,-10,percent,,change_pct,2019\n";
  jd_figure_table *t = jd_figure_table_new();
  GError *err = NULL;
  g_assert_true(jd_figure_table_read_csv(t, "gap.csv", csv, sizeof csv - 1, &err));
  jd_report_options o;
  sample_options(&o);
  g_free(o.region);
  o.region = g_strdup("某县");
  g_strfreev(o.kpis);
  o.kpis = g_strsplit("cases_solved,suspects_arrested,new_users,users_checked", ",", -1);
  jd_report *r = jd_report_new(t, &o, &err);
  g_assert_no_error(err);
  g_assert_cmpuint(r->kpis->len, ==, 4);
  /* a change the document states against the year before (2019) is 同比, though
   * the series' point before is 2018 */
  const jd_report_kpi *uc = r->kpis->pdata[3];
  g_assert_cmpstr(uc->change_label, ==, "同比");
  g_assert_true(uc->change_stated);
  g_assert_cmpfloat(uc->change, ==, -10);
  const jd_report_kpi *cases = r->kpis->pdata[0], *sus = r->kpis->pdata[1], *nu = r->kpis->pdata[2];
  /* computed over three years, named and said to be computed */
  g_assert_cmpstr(cases->change_label, ==, "较2018年");
  g_assert_false(cases->change_stated);
  g_assert_cmpfloat_with_epsilon(cases->change, -25.0, 1e-6);
  /* the stated change against 2018 */
  g_assert_cmpstr(sus->change_label, ==, "较2018年");
  g_assert_true(sus->change_stated);
  g_assert_cmpfloat(sus->change, ==, -34.4);
  g_assert_cmpstr(nu->change_label, ==, "同比");
  g_assert_nonnull(strstr(r->summary, "2021年某县破获毒品案件60起，较2018年下降"));
  g_assert_nonnull(strstr(r->summary, "2020年某县抓获犯罪嫌疑人105名，较2018年下降34.4%。"));
  g_assert_nonnull(strstr(r->summary, "2020年某县新发现吸毒人员40名，同比下降"));
  g_assert_null(strstr(r->summary, "同比下降34.4%"));
  /* the section says the stated change against 2018 too, not a computed one */
  gboolean said = FALSE;
  for (guint i = 0; i < r->sections->len; i++) {
    const jd_report_section *sec = r->sections->pdata[i];
    if (strcmp(sec->metric, "suspects_arrested") != 0) continue;
    g_assert_nonnull(strstr(sec->narrative, "2020年，某县抓获犯罪嫌疑人105名，比2018年的160名下降34.4%。"));
    said = TRUE;
  }
  g_assert_true(said);
  char *cells[4];
  jd_report_kpi_cells(sus, cells);
  g_assert_cmpstr(cells[2], ==, "较2018年−34.4%");
  for (int i = 0; i < 4; i++) g_free(cells[i]);
  jd_report_free(r);
  jd_report_options_clear(&o);
  jd_figure_table_free(t);
}

/* A year with only part-year figures is said in the narrative, never drawn
 * or compared beside whole years. */
static void test_partial_year_is_said(void)
{
  static const char csv[] =
      "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period\n"
      "a.txt,1,,cases_solved,,,全省,2020,year,1000,case,,level,\n"
      "a.txt,2,,cases_solved,,,全省,2021,year,1100,case,,level,\n"
      "a.txt,3,,cases_solved,,,全省,2022-01/2022-05,months,400,case,,level,\n";
  jd_figure_table *t = jd_figure_table_new();
  GError *err = NULL;
  g_assert_true(jd_figure_table_read_csv(t, "partial.csv", csv, sizeof csv - 1, &err));
  jd_report_options o;
  sample_options(&o);
  g_free(o.region);
  o.region = g_strdup("全省");
  jd_report *r = jd_report_new(t, &o, &err);
  g_assert_no_error(err);
  g_assert_cmpuint(r->sections->len, >=, 1);
  const jd_report_section *sec = r->sections->pdata[0];
  g_assert_nonnull(strstr(sec->narrative, "2022年1—5月的数据（400起）为部分年度数据"));
  /* the KPI card's latest value is the whole year, not the five months */
  const jd_report_kpi *k = r->kpis->pdata[0];
  const jd_report_point *last = k->points->pdata[k->points->len - 1];
  g_assert_cmpfloat(last->value, ==, 1100);
  jd_report_free(r);
  jd_report_options_clear(&o);
  jd_figure_table_free(t);
}

/* A count stated at a date (截至10月底: span asof) is said as one. */
static void test_asof_is_said(void)
{
  static const char csv[] =
      "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period\n"
      "a.txt,1,,cases_solved,,,全省,2020,year,1000,case,,level,\n"
      "a.txt,2,,cases_solved,,,全省,2021,year,1100,case,,level,\n"
      "a.txt,3,,cases_solved,,,全省,2022-10,asof,420,case,,level,\n";
  jd_figure_table *t = jd_figure_table_new();
  GError *err = NULL;
  g_assert_true(jd_figure_table_read_csv(t, "asof.csv", csv, sizeof csv - 1, &err));
  jd_report_options o;
  sample_options(&o);
  g_free(o.region);
  o.region = g_strdup("全省");
  jd_report *r = jd_report_new(t, &o, &err);
  g_assert_no_error(err);
  GString *all = g_string_new(NULL);
  for (guint i = 0; i < r->sections->len; i++) {
    const jd_report_section *sec = r->sections->pdata[i];
    g_string_append(all, sec->narrative);
  }
  g_assert_nonnull(strstr(all->str, "截至2022年10月的数据（420起）为部分年度数据"));
  g_assert_nonnull(strstr(all->str, "另据文件，截至2022年10月，全省破获毒品案件420起"));
  g_assert_null(strstr(all->str, "。2022年10月"));
  g_string_free(all, TRUE);
  jd_report_free(r);
  jd_report_options_clear(&o);
  jd_figure_table_free(t);
}

static void test_sample_pdf(void)
{
  jd_figure_table *t = sample_figures();
  jd_report_options o;
  sample_options(&o);
  GError *err = NULL;
  jd_report *r = jd_report_new(t, &o, &err);
  g_assert_no_error(err);
  size_t pages = 0;
  GBytes *pdf = jd_report_render_pdf(r, &pages, &err);
  g_assert_no_error(err);
  PopplerDocument *doc = open_pdf(pdf);
  int n = poppler_document_get_n_pages(doc);
  g_assert_cmpint(n, ==, (int)pages);
  g_assert_cmpint(n, >=, 5);
  g_assert_cmpuint(jd_report_get_section_count(r), >=, 4);

  /* outline: summary, every section, both appendices */
  GPtrArray *titles = g_ptr_array_new_with_free_func(g_free);
  PopplerIndexIter *it = poppler_index_iter_new(doc);
  g_assert_nonnull(it);
  collect_outline(it, titles);
  poppler_index_iter_free(it);
  g_assert_true(has_title(titles, "本期摘要"));
  g_assert_true(has_title(titles, "附件一"));
  g_assert_true(has_title(titles, "附件二"));
  for (size_t i = 0; i < jd_report_get_section_count(r); i++)
    g_assert_true(has_title(titles, jd_report_get_section_title(r, i)));
  g_assert_cmpuint(titles->len, >=, jd_report_get_section_count(r) + 3);
  g_ptr_array_unref(titles);

  /* masthead on page 1 */
  PopplerPage *p1 = poppler_document_get_page(doc, 0);
  g_autofree char *t1 = poppler_page_get_text(p1);
  g_autofree char *s1 = squeeze(t1);
  g_assert_true(strstr(s1, "禁毒工作简报") != NULL);
  g_assert_true(strstr(s1, "第3期") != NULL);
  g_assert_true(strstr(s1, "测试编辑部") != NULL);
  g_assert_true(strstr(s1, "2023年6月30日") != NULL);
  g_assert_true(strstr(s1, "—1—") != NULL);
  g_object_unref(p1);

  /* narratives: the national cases series with its trend, in words (the
   * intervals stay in `jindu analyze`) */
  g_autofree char *text = all_text(doc);
  g_autofree char *flat = squeeze(text);
  g_assert_true(strstr(flat, "全国破获毒品案件") != NULL);
  g_assert_null(strstr(flat, "置信区间"));
  g_assert_true(strstr(flat, "平均每年减少约") != NULL);
  g_assert_true(strstr(flat, "下降趋势") != NULL);
  g_assert_true(strstr(flat, "推算") != NULL);
  g_assert_true(strstr(flat, "数据核查") != NULL);
  g_autofree char *last = g_strdup_printf("—%d—", n);
  g_assert_true(strstr(flat, last) != NULL);

  /* charts name their unit level above the value axis, as searchable text */
  g_assert_true(strstr(flat, "单位：") != NULL);

  /* chart footnotes list their documents in name order */
  for (guint i = 0; i < r->sections->len; i++) {
    const jd_report_section *sec = r->sections->pdata[i];
    g_assert_true(g_str_has_prefix(sec->footnote, "来源："));
    g_auto(GStrv) part = g_strsplit(sec->footnote + strlen("来源："), "；", 2);
    g_auto(GStrv) docs = g_strsplit(part[0], "、", -1);
    for (size_t k = 1; docs[k]; k++)
      if (strcmp(docs[k - 1], docs[k]) > 0) g_error("footnote out of order: %s", sec->footnote);
  }

  /* every figure used is in the sources table, with doc:line */
  const jd_report *rr = r;
  g_assert_cmpuint(rr->sources->len, >, 20);
  for (guint i = 0; i < rr->sources->len; i++) {
    const jd_report_source *s = rr->sources->pdata[i];
    /* grouped by document: the file's name heads its rows */
    g_autofree char *w = squeeze(s->doc);
    if (!strstr(flat, w)) g_error("source %d (%s) is not in the table", s->no, s->doc);
  }

  /* links from chart numbers to their source rows */
  int links = 0;
  for (int i = 0; i < n; i++) {
    PopplerPage *pg = poppler_document_get_page(doc, i);
    GList *map = poppler_page_get_link_mapping(pg);
    for (GList *l = map; l; l = l->next) {
      PopplerLinkMapping *m = l->data;
      if (m->action->type == POPPLER_ACTION_GOTO_DEST) links++;
    }
    poppler_page_free_link_mapping(map);
    g_object_unref(pg);
  }
  g_assert_cmpint(links, >=, 10);

  /* metadata */
  g_autofree char *title = poppler_document_get_title(doc);
  g_autofree char *author = poppler_document_get_author(doc);
  g_autofree char *creator = poppler_document_get_creator(doc);
  g_autofree char *keywords = poppler_document_get_keywords(doc);
  g_autofree char *subject = poppler_document_get_subject(doc);
  g_assert_cmpstr(title, ==, "禁毒工作简报 第3期");
  g_assert_cmpstr(author, ==, "测试作者");
  g_assert_true(g_str_has_prefix(creator, "jindu "));
  g_assert_nonnull(keywords);
  g_assert_nonnull(subject);
  GDateTime *created = poppler_document_get_creation_date_time(doc);
  g_assert_nonnull(created);
  g_assert_cmpint(g_date_time_get_year(created), ==, 2023);
  g_date_time_unref(created);

  /* fonts: all embedded and subset */
  PopplerFontInfo *fi = poppler_font_info_new(doc);
  PopplerFontsIter *fit = NULL;
  int fonts = 0;
  while (poppler_font_info_scan(fi, 1, &fit)) {
    if (!fit) continue;
    do {
      fonts++;
      if (!poppler_fonts_iter_is_embedded(fit)) g_error("font %s not embedded", poppler_fonts_iter_get_name(fit));
      g_assert_true(poppler_fonts_iter_is_subset(fit));
    } while (poppler_fonts_iter_next(fit));
    poppler_fonts_iter_free(fit);
    fit = NULL;
  }
  poppler_font_info_free(fi);
  g_assert_cmpint(fonts, >=, 2);

  g_object_unref(doc);
  g_bytes_unref(pdf);
  jd_report_free(r);
  jd_report_options_clear(&o);
  jd_figure_table_free(t);
}

static void test_sample_audit(void)
{
  jd_figure_table *t = sample_figures();
  jd_report_options o;
  sample_options(&o);
  jd_report *r = jd_report_new(t, &o, NULL);
  g_assert_nonnull(r);
  /* the deliberately inconsistent share in the Tongxin speech (238 of 626 is 38%, not 40%) */
  g_assert_cmpuint(jd_report_get_finding_count(r), >=, 1);
  gboolean found = FALSE;
  for (guint i = 0; i < r->findings->len; i++) {
    const jd_report_finding *f = r->findings->pdata[i];
    if (strstr(f->arithmetic, "238") && strstr(f->arithmetic, "626")) found = TRUE;
  }
  g_assert_true(found);
  jd_report_free(r);
  jd_report_options_clear(&o);
  jd_figure_table_free(t);
}

static void test_reproducible(void)
{
  jd_figure_table *t = sample_figures();
  jd_report_options o;
  sample_options(&o);
  jd_report *r = jd_report_new(t, &o, NULL);
  GBytes *a = jd_report_render_pdf(r, NULL, NULL);
  GBytes *b = jd_report_render_pdf(r, NULL, NULL);
  g_assert_true(g_bytes_equal(a, b));
  GBytes *pa = jd_report_render_chart(r, 0, "png", NULL, NULL);
  GBytes *pb = jd_report_render_chart(r, 0, "png", NULL, NULL);
  g_assert_nonnull(pa);
  g_assert_true(g_bytes_equal(pa, pb));
  g_assert_cmpstr(jd_report_get_chart_stem(r, 0), ==, "01-cases_solved");
  g_bytes_unref(a);
  g_bytes_unref(b);
  g_bytes_unref(pa);
  g_bytes_unref(pb);
  jd_report_free(r);
  jd_report_options_clear(&o);
  jd_figure_table_free(t);
}

static void test_seeds_pdf(void)
{
  const char *dir = g_getenv("JINDU_SEEDS_DIR");
  jd_figure_table *t = load_dir(dir, NULL);
  jd_report_options o;
  jd_report_options_init(&o);
  o.date = g_strdup("2020-01-23");
  GError *err = NULL;
  jd_report *r = jd_report_new(t, &o, &err);
  g_assert_no_error(err);
  GBytes *pdf = jd_report_render_pdf(r, NULL, &err);
  g_assert_no_error(err);
  PopplerDocument *doc = open_pdf(pdf);
  g_assert_cmpint(poppler_document_get_n_pages(doc), >=, 3);
  g_autofree char *text = all_text(doc);
  g_autofree char *flat = squeeze(text);
  g_assert_true(strstr(flat, "禁毒工作简报") != NULL);
  /* Gansu's 2019 figures and the outflow decline (340多 -> 190多) */
  g_assert_true(strstr(flat, "甘肃省") != NULL);
  g_assert_true(strstr(flat, "1480") != NULL);
  g_assert_true(strstr(flat, "002_58a269f792bb5910.txt") != NULL);
  /* the other figures of one year and place share one lead-in */
  g_assert_nonnull(r->others);
  const char *lead = strstr(r->others, "2019年，甘肃省");
  g_assert_nonnull(lead);
  g_assert_null(strstr(lead + 1, "2019年，甘肃省"));
  g_object_unref(doc);
  g_bytes_unref(pdf);
  jd_report_free(r);
  jd_report_options_clear(&o);
  jd_figure_table_free(t);
}

static void test_no_data(void)
{
  jd_figure_table *t = jd_figure_table_new();
  GError *err = NULL;
  g_assert_null(jd_report_new(t, NULL, &err));
  g_assert_error(err, JD_REPORT_ERROR, JD_REPORT_ERROR_NO_DATA);
  g_error_free(err);
  jd_figure_table_free(t);
}


/* Sections flow on: no page but the last ends in its upper half (text,
 * chart labels included, above the page number). */
static void test_layout_flow(void)
{
  jd_figure_table *t = sample_figures();
  jd_report_options o;
  sample_options(&o);
  jd_report *r = jd_report_new(t, &o, NULL);
  g_assert_nonnull(r);
  GBytes *pdf = jd_report_render_pdf(r, NULL, NULL);
  g_assert_nonnull(pdf);
  PopplerDocument *doc = open_pdf(pdf);
  int n = poppler_document_get_n_pages(doc);
  for (int i = 0; i + 1 < n; i++) {
    PopplerPage *pg = poppler_document_get_page(doc, i);
    double pw, ph;
    poppler_page_get_size(pg, &pw, &ph);
    PopplerRectangle *rects = NULL;
    guint nr = 0;
    g_assert_true(poppler_page_get_text_layout(pg, &rects, &nr));
    double bottom = 0;
    for (guint k = 0; k < nr; k++)
      if (rects[k].y2 < ph - 60) bottom = MAX(bottom, rects[k].y2);
    if (bottom < ph * 0.55) g_error("page %d of %d ends at %.0f of %.0f points", i + 1, n, bottom, ph);
    g_free(rects);
    g_object_unref(pg);
  }
  /* the sources table repeats its header on every page it runs over */
  gboolean in_table = FALSE;
  for (int i = 0; i < n; i++) {
    PopplerPage *pg = poppler_document_get_page(doc, i);
    g_autofree char *text = poppler_page_get_text(pg);
    g_autofree char *flat = squeeze(text);
    if (strstr(flat, "附件二数据来源")) in_table = TRUE;
    if (in_table && !(strstr(flat, "序号") && strstr(flat, "行") && strstr(flat, "原文")))
      g_error("page %d of the sources table has no header row", i + 1);
    g_object_unref(pg);
  }
  g_assert_true(in_table);
  /* no file name broken at a hyphen, no number parted from its 万 */
  g_autofree char *text = all_text(doc);
  GRegex *split = g_regex_new("[A-Za-z0-9]-\\n[A-Za-z0-9]|[0-9]\\n[万亿%]", 0, 0, NULL);
  GMatchInfo *mi = NULL;
  if (g_regex_match(split, text, 0, &mi)) {
    g_autofree char *w = g_match_info_fetch(mi, 0);
    g_error("a word broken across lines: \"%s\"", w);
  }
  g_match_info_free(mi);
  g_regex_unref(split);
  g_object_unref(doc);
  g_bytes_unref(pdf);
  jd_report_free(r);
  jd_report_options_clear(&o);
  jd_figure_table_free(t);
}

/* Documents of other provinces, in traditional wording and Chinese numerals:
 * every metric, part, age group, drug and period reads in Chinese. */
static void test_other_documents(void)
{
  g_autofree char *dir = jd_test_source_path("tests/docs");
  if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
    g_test_skip("tests/docs not available");
    return;
  }
  jd_figure_table *t = load_dir(dir, NULL);
  jd_report_options o;
  jd_report_options_init(&o);
  o.date = g_strdup("2023-01-01");
  GError *err = NULL;
  jd_report *r = jd_report_new(t, &o, &err);
  g_assert_no_error(err);
  GBytes *pdf = jd_report_render_pdf(r, NULL, &err);
  g_assert_no_error(err);
  PopplerDocument *doc = open_pdf(pdf);
  g_autofree char *text = all_text(doc);
  GRegex *raw = g_regex_new("[a-z]{2,}_[a-z0-9_]+|\\d{4}-\\d{2}/\\d{4}", 0, 0, NULL);
  GMatchInfo *mi = NULL;
  if (g_regex_match(raw, text, 0, &mi)) {
    g_autofree char *w = g_match_info_fetch(mi, 0);
    g_error("an id where Chinese was meant: \"%s\"", w);
  }
  g_match_info_free(mi);
  g_regex_unref(raw);
  g_object_unref(doc);
  g_bytes_unref(pdf);
  jd_report_free(r);
  jd_report_options_clear(&o);
  jd_figure_table_free(t);
}

static PangoLayout *wrap_layout(PangoContext *ctx, const char *text, double width)
{
  PangoLayout *l = pango_layout_new(ctx);
  PangoFontDescription *fd = pango_font_description_from_string("Noto Sans CJK SC");
  pango_font_description_set_absolute_size(fd, 10 * PANGO_SCALE);
  pango_layout_set_font_description(l, fd);
  pango_font_description_free(fd);
  pango_layout_set_width(l, (int)(width * PANGO_SCALE));
  pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(l, text, -1);
  jd_wrap_protect(l);
  return l;
}

/* Line starts of l as byte offsets. */
static GArray *line_starts(PangoLayout *l)
{
  GArray *a = g_array_new(FALSE, FALSE, sizeof(int));
  for (int i = 1; i < pango_layout_get_line_count(l); i++) {
    int at = pango_layout_get_line_readonly(l, i)->start_index;
    g_array_append_val(a, at);
  }
  return a;
}

static void test_layout_wrap(void)
{
  PangoContext *ctx = pango_font_map_create_context(jd_render_font_map());
  const char *names = "来源：01-quanguo-2016.txt、02-quanguo-2017.txt、03-quanguo-2018.txt、"
                      "06-quanguo-2021-fanti.txt、07-quanguo-2022.txt；空心标记为推算值";
  for (double width = 160; width <= 400; width += 40) {
    PangoLayout *l = wrap_layout(ctx, names, width);
    GArray *a = line_starts(l);
    g_assert_cmpuint(a->len, >, 0);
    for (guint i = 0; i < a->len; i++) {
      /* a line starts with a file name (after 、) or with Chinese text */
      const char *at = names + g_array_index(a, int, i);
      if (g_ascii_isalnum(at[-1]) || at[-1] == '-' || at[-1] == '.')
        g_error("width %.0f: a line starts inside a name: \"%s\"", width, at);
    }
    g_array_unref(a);
    g_object_unref(l);
  }
  /* numbers keep their 万 and measure word */
  const char *sentence = "2021年全国抓获犯罪嫌疑人7.7万名，同比下降16.7%。2021年全国缴获毒品27吨";
  for (double width = 60; width <= 300; width += 10) {
    PangoLayout *l = wrap_layout(ctx, sentence, width);
    GArray *a = line_starts(l);
    for (guint i = 0; i < a->len; i++) {
      const char *at = sentence + g_array_index(a, int, i);
      if (g_ascii_isdigit(at[-1]) || at[-1] == '.')
        g_error("width %.0f: a number broken: \"%s\"", width, at);
    }
    g_array_unref(a);
    g_object_unref(l);
  }
  /* ranges stay whole: 34.3%–41.9%, 255万–255.4万 */
  const char *ranges = "238 ÷ 626 × 100% = 38.0%；所述 40%，四舍五入对应 [39.5%, 40.5%]；"
                       "Wilson 95% 区间 34.3%\u2013" "41.9%（区间 255万\u2013" "255.4万）";
  for (double width = 100; width <= 450; width += 10) {
    PangoLayout *rl = wrap_layout(ctx, ranges, width);
    GArray *ra = line_starts(rl);
    const char *shown = pango_layout_get_text(rl);
    g_assert_null(strstr(shown, "\u2013")); /* ranges take the Chinese range dash */
    for (guint i = 0; i < ra->len; i++) {
      const char *at = shown + g_array_index(ra, int, i);
      if (g_str_has_prefix(at - 3, "\u2014"))
        g_error("width %.0f: a range broken: \"%s\"", width, at);
    }
    g_array_unref(ra);
    g_object_unref(rl);
  }
  /* a name wider than the line breaks after '/' or ':' first, and nothing
   * is ever wider than the line */
  const char *path = "data/corpus/06-quanguo-2021-fanti.txt:12";
  PangoLayout *l = wrap_layout(ctx, path, 150);
  GArray *a = line_starts(l);
  g_assert_cmpuint(a->len, >=, 1);
  g_assert_true(path[g_array_index(a, int, 0) - 1] == '/');
  g_array_unref(a);
  g_object_unref(l);
  for (double width = 20; width <= 80; width += 20) {
    l = wrap_layout(ctx, path, width);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
      PangoRectangle r;
      pango_layout_iter_get_line_extents(it, NULL, &r);
      g_assert_cmpint(r.width, <=, (int)(width * PANGO_SCALE));
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    g_object_unref(l);
  }
  g_object_unref(ctx);
}

static void test_format_value(void)
{
  struct {
    double v;
    jd_qualifier q;
    const char *unit;
    double scale;
    gboolean percent;
    const char *want;
  } cases[] = {
      {140000, JD_QUAL_EXACT, "起", 1, FALSE, "14万起"},
      {168000, JD_QUAL_EXACT, "名", 1, FALSE, "16.8万名"},
      {1480, JD_QUAL_MORE_THAN, "起", 1, FALSE, "1480余起"},
      {86700, JD_QUAL_EXACT, "吨", 1000, FALSE, "86.7吨"},
      {55490, JD_QUAL_EXACT, "吨", 1000, FALSE, "55.49吨"},
      {3.84, JD_QUAL_EXACT, "公斤", 1, FALSE, "3.84公斤"},
      {45, JD_QUAL_MORE_THAN, "%", 1, TRUE, "超过45%"},
      {0.064, JD_QUAL_EXACT, "%", 1, TRUE, "0.064%"},
      {35000, JD_QUAL_ABOUT, "起", 1, FALSE, "约3.5万起"},
      {10960, JD_QUAL_EXACT, "起", 1, FALSE, "10960起"},
      {109600, JD_QUAL_EXACT, "起", 1, FALSE, "10.96万起"},
      {2553000, JD_QUAL_EXACT, "名", 1, FALSE, "255.3万名"},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *got = jd_report_format_value(cases[i].v, cases[i].q, cases[i].unit,
                                                  cases[i].scale, cases[i].percent);
    if (strcmp(got, cases[i].want) != 0)
      g_error("format %g: got %s, want %s", cases[i].v, got, cases[i].want);
  }
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_fonts_init();
  jd_test_add("/report/format/value", test_format_value);
  jd_test_add("/report/sample/pdf", test_sample_pdf);
  jd_test_add("/report/scope/part-change-not-on-kpi", test_scoped_change_not_on_kpi);
  jd_test_add("/report/kpi/change-over-gap-is-named", test_change_over_gap_is_named);
  jd_test_add("/report/span/partial-year-is-said", test_partial_year_is_said);
  jd_test_add("/report/span/asof-is-said", test_asof_is_said);
  jd_test_add("/report/sample/audit-appendix", test_sample_audit);
  jd_test_add("/report/sample/reproducible", test_reproducible);
  jd_test_add_seeds("/report/seeds/pdf", test_seeds_pdf);
  jd_test_add("/report/no-data", test_no_data);
  jd_test_add("/report/layout/flow", test_layout_flow);
  jd_test_add("/report/docs/chinese-names", test_other_documents);
  jd_test_add("/report/layout/wrap", test_layout_wrap);
  return jd_test_run();
}
