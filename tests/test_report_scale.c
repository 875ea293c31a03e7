/* The briefing at scale (issues 20 and 21): a figures table of 10,000
 * generated documents — the same figures stated by hundreds of documents,
 * differing values, one quote of megabytes — gives a bounded, valid PDF:
 * footnotes name six documents "等N份文件", a point cites three sources,
 * the sources table is grouped by document and quotes are cut. */
#include <poppler.h>
#include <string.h>

#include "jindu/jindu.h"
#include "jindu/report.h"
#include "report/report-private.h"
#include "testutil.h"

#define N_DOCS 10000
#define HUGE_QUOTE (20u << 20)

static const char *const regions[] = {"全国", "甲省", "乙省", "丙省", "丁市"};

/* Invented sentences and figures: cases, arrests and seizures of one region
 * and year per document; every 53rd document states a differing value. */
static GString *generate(void)
{
  GString *csv = g_string_new(
      "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period\n");
  static const struct {
    const char *metric, *unit, *words;
    double base;
  } m[] = {{"cases_solved", "case", "侦破毒品案件", 140000},
           {"suspects_arrested", "person", "抓获嫌疑人", 168000},
           {"drugs_seized", "kg", "缴获毒品公斤", 52000}};
  for (int d = 0; d < N_DOCS; d++) {
    int year = 2013 + d % 10;
    const char *region = regions[(d / 10) % G_N_ELEMENTS(regions)];
    for (guint k = 0; k < G_N_ELEMENTS(m); k++) {
      double v = m[k].base * (1 - 0.04 * (year - 2013)) * ((d / 10) % 5 ? 0.1 : 1);
      if (d % 53 == 0) v *= 1.08;
      v = (double)(long)v;
      g_string_append_printf(csv, "%05d-%s.txt,%u,", d, d % 2 ? "tongbao" : "zongjie", k + 1);
      if (d == 4242 && k == 0) {
        g_string_append(csv, "据测试文件所载");
        for (guint i = 0; i < HUGE_QUOTE; i++) g_string_append_c(csv, 'x');
      } else {
        g_string_append_printf(csv, "%d年%s%s%.0f", year, region, m[k].words, v);
      }
      g_string_append_printf(csv, ",%s,,,%s,%d,year,%.0f,%s,exact,level,\n", m[k].metric, region,
                             year, v, m[k].unit);
    }
  }
  return csv;
}

static void test_ten_thousand_documents(void)
{
  GString *csv = generate();
  jd_figure_table *t = jd_figure_table_new();
  GError *err = NULL;
  g_assert_true(jd_figure_table_read_csv(t, "scale.csv", csv->str, csv->len, &err));
  g_assert_no_error(err);
  g_string_free(csv, TRUE);
  g_assert_cmpuint(jd_figure_table_get_count(t), ==, 3 * N_DOCS);

  jd_report_options o;
  jd_report_options_init(&o);
  o.date = g_strdup("2023-06-30");
  o.region = g_strdup("全国");
  jd_report *r = jd_report_new(t, &o, &err);
  g_assert_no_error(err);
  /* bounded by the points and findings, not the documents */
  g_assert_cmpuint(r->sources->len, <, 1000);
  for (guint i = 0; i < r->sections->len; i++) {
    const jd_report_section *s = r->sections->pdata[i];
    g_assert_cmpuint(strlen(s->footnote), <, 400);
    g_assert_nonnull(strstr(s->footnote, "份文件"));
  }
  gboolean counted = FALSE;
  for (guint i = 0; i < r->sources->len; i++) {
    const jd_report_source *s = r->sources->pdata[i];
    g_assert_cmpuint(g_utf8_strlen(s->quote, -1), <=, 170);
    counted |= s->also > 0;
    if (i) { /* grouped: in document order */
      const jd_report_source *prev = r->sources->pdata[i - 1];
      int c = strcmp(prev->doc, s->doc);
      g_assert_true(c < 0 || (c == 0 && prev->line <= s->line));
    }
  }
  g_assert_true(counted);

  size_t pages = 0;
  GBytes *pdf = jd_report_render_pdf(r, &pages, &err);
  g_assert_no_error(err);
  g_assert_nonnull(pdf);
  g_assert_cmpuint(pages, <, 80);
  g_assert_cmpuint(g_bytes_get_size(pdf), <, 4u << 20);
  jd_test_qpdf_check(g_bytes_get_data(pdf, NULL), g_bytes_get_size(pdf));
  PopplerDocument *doc = poppler_document_new_from_bytes(pdf, NULL, &err);
  g_assert_no_error(err);
  GString *all = g_string_new(NULL);
  for (int i = 0; i < poppler_document_get_n_pages(doc); i++) {
    PopplerPage *pg = poppler_document_get_page(doc, i);
    char *text = poppler_page_get_text(pg);
    for (const char *c = text; *c; c++) /* lines joined: wrapped cells read whole */
      if (*c != '\n' && *c != ' ') g_string_append_c(all, *c);
    g_free(text);
    g_object_unref(pg);
  }
  if (!g_regex_match_simple("等[0-9]{3,4}份", all->str, 0, 0)) {
    g_file_set_contents("scale-text.txt", all->str, -1, NULL);
    g_error("no capped footnote: see scale-text.txt");
  }
  g_assert_nonnull(strstr(all->str, "处记载相同"));
  g_assert_null(strstr(all->str, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
  g_string_free(all, TRUE);
  g_object_unref(doc);
  g_bytes_unref(pdf);
  jd_report_free(r);
  jd_report_options_clear(&o);
  jd_figure_table_free(t);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_fonts_init();
  g_test_add_func("/report/scale/ten-thousand-documents", test_ten_thousand_documents);
  return g_test_run();
}
