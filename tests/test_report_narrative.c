/* The briefing's Chinese, sentence by sentence: a table of small invented
 * figures tables and the sentence a careful 科员 would write from each —
 * stated values and changes first and as stated, computed ones marked 推算
 * at the figures' precision, the 万/亿 style, one term per concept. */
#include <string.h>

#include "jindu/jindu.h"
#include "jindu/report.h"
#include "report/report-private.h"
#include "testutil.h"

#define HEAD "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period\n"

typedef enum { NARRATIVE, SUMMARY, OTHERS } part;

typedef struct {
  const char *rows; /* CSV rows after the header */
  part where;
  const char *sentence; /* expected, whole */
} narrative_case;

/* Two years of national cases; the latest with a stated change. */
#define CASES2(v0, v1) \
  "a.txt,1,,cases_solved,,,全国,2020,year," #v0 ",case,exact,level,\n" \
  "b.txt,1,,cases_solved,,,全国,2021,year," #v1 ",case,exact,level,\n"
#define LINEAR5(metric, unit, a, b, c, d, e) \
  "a.txt,1,,"metric",,,全国,2015,year," #a ","unit",exact,level,\n" \
  "b.txt,1,,"metric",,,全国,2016,year," #b ","unit",exact,level,\n" \
  "c.txt,1,,"metric",,,全国,2017,year," #c ","unit",exact,level,\n" \
  "d.txt,1,,"metric",,,全国,2018,year," #d ","unit",exact,level,\n" \
  "e.txt,1,,"metric",,,全国,2019,year," #e ","unit",exact,level,\n"

static const narrative_case cases[] = {
    /* the latest value with the document's own change, as stated */
    {CASES2(92000, 77000) "b.txt,1,,cases_solved,,,全国,2021,year,-16.7,percent,exact,change_pct,2020\n",
     NARRATIVE, "2021年，全国破获毒品案件7.7万起，同比下降16.7%。"},
    {CASES2(50000, 56000) "b.txt,1,,cases_solved,,,全国,2021,year,12,percent,exact,change_pct,2020\n",
     NARRATIVE, "2021年，全国破获毒品案件5.6万起，同比上升12%。"},
    /* without a stated change: computed, at the figures' precision, 推算 */
    {CASES2(92000, 77000), NARRATIVE, "2021年，全国破获毒品案件7.7万起，比2020年的9.2万起下降约16%（推算）。"},
    {CASES2(194000, 168000), NARRATIVE, "2021年，全国破获毒品案件16.8万起，比2020年的19.4万起下降13.4%（推算）。"},
    {CASES2(1480, 1210), NARRATIVE, "2021年，全国破获毒品案件1210起，比2020年的1480起下降18.2%（推算）。"},
    {CASES2(300, 450), NARRATIVE, "2021年，全国破获毒品案件450起，比2020年的300起上升约50%（推算）。"},
    {CASES2(140000, 140000), NARRATIVE, "2021年，全国破获毒品案件14万起，与2020年的14万起基本持平。"},
    /* qualifiers as the document gives them */
    {"a.txt,1,,cases_solved,,,全国,2020,year,1400,case,exact,level,\n"
     "b.txt,1,,cases_solved,,,全国,2021,year,1480,case,more_than,level,\n"
     "b.txt,1,,cases_solved,,,全国,2021,year,5.7,percent,exact,change_pct,2020\n",
     NARRATIVE, "2021年，全国破获毒品案件1480余起，同比上升5.7%。"},
    {"a.txt,1,,cases_solved,,,全国,2020,year,30000,case,exact,level,\n"
     "b.txt,1,,cases_solved,,,全国,2021,year,35000,case,about,level,\n"
     "b.txt,1,,cases_solved,,,全国,2021,year,16.7,percent,exact,change_pct,2020\n",
     NARRATIVE, "2021年，全国破获毒品案件约3.5万起，同比上升16.7%。"},
    {"a.txt,1,,cases_solved,,,全国,2020,year,9000,case,exact,level,\n"
     "b.txt,1,,cases_solved,,,全国,2021,year,10000,case,nearly,level,\n"
     "b.txt,1,,cases_solved,,,全国,2021,year,11,percent,exact,change_pct,2020\n",
     NARRATIVE, "2021年，全国破获毒品案件近1万起，同比上升11%。"},
    /* persons, tonnes, the 万 and 亿 styles */
    {"a.txt,1,,suspects_arrested,,,全国,2020,year,92000,person,exact,level,\n"
     "b.txt,1,,suspects_arrested,,,全国,2021,year,77000,person,exact,level,\n"
     "b.txt,1,,suspects_arrested,,,全国,2021,year,-16.7,percent,exact,change_pct,2020\n",
     NARRATIVE, "2021年，全国抓获犯罪嫌疑人7.7万名，同比下降16.7%。"},
    {"a.txt,1,,drugs_seized,,,全国,2020,year,55490,kg,exact,level,\n"
     "b.txt,1,,drugs_seized,,,全国,2021,year,27000,kg,exact,level,\n"
     "b.txt,1,,drugs_seized,,,全国,2021,year,-51.4,percent,exact,change_pct,2020\n",
     NARRATIVE, "2021年，全国缴获毒品27吨，同比下降51.4%。"},
    {"a.txt,1,,drugs_seized,,,甲省,2020,year,300,kg,exact,level,\n"
     "b.txt,1,,drugs_seized,,,甲省,2021,year,250,kg,more_than,level,\n",
     NARRATIVE, "2021年，甲省缴获毒品250余公斤，比2020年的300公斤下降约17%（推算）。"},
    {"a.txt,1,,users_registered,,,全国,2020,year,1801000,person,exact,level,\n"
     "b.txt,1,,users_registered,,,全国,2021,year,1486000,person,exact,level,\n"
     "b.txt,1,,users_registered,,,全国,2021,year,-17.5,percent,exact,change_pct,2020\n",
     NARRATIVE, "2021年，全国现有吸毒人员148.6万名，同比下降17.5%。"},
    {"a.txt,1,,cases_solved,,,全国,2020,year,120000000,case,exact,level,\n"
     "b.txt,1,,cases_solved,,,全国,2021,year,135000000,case,exact,level,\n"
     "b.txt,1,,cases_solved,,,全国,2021,year,12.5,percent,exact,change_pct,2020\n",
     NARRATIVE, "2021年，全国破获毒品案件1.35亿起，同比上升12.5%。"},
    /* rates: 为, and the change in 百分点 */
    {"a.txt,1,,rehab_consolidation_rate,,,全国,2020,year,45,percent,exact,rate,\n"
     "b.txt,1,,rehab_consolidation_rate,,,全国,2021,year,50,percent,exact,rate,\n",
     NARRATIVE, "2021年，全国戒毒康复巩固率为50%，比2020年的45%提高5.0个百分点。"},
    {"a.txt,1,,rehab_consolidation_rate,,,全国,2020,year,52.5,percent,exact,rate,\n"
     "b.txt,1,,rehab_consolidation_rate,,,全国,2021,year,50.1,percent,exact,rate,\n",
     NARRATIVE, "2021年，全国戒毒康复巩固率为50.1%，比2020年的52.5%下降2.4个百分点。"},
    {"a.txt,1,,rehab_consolidation_rate,,,全国,2020,year,40,percent,exact,rate,\n"
     "b.txt,1,,rehab_consolidation_rate,,,全国,2021,year,45,percent,more_than,rate,\n",
     NARRATIVE, "2021年，全国戒毒康复巩固率超过45%，比2020年的40%提高5.0个百分点。"},
    /* trends in words */
    {LINEAR5("cases_solved", "case", 100000, 90000, 80000, 70000, 60000), NARRATIVE,
     "从2015年到2019年的5个年度看，总体呈下降趋势，平均每年减少约1万起（推算）。"},
    {LINEAR5("cases_solved", "case", 100000, 90000, 80000, 70000, 60000), NARRATIVE,
     "若延续这一趋势，2020年约5万起（推算，仅供参考）。"},
    {LINEAR5("suspects_arrested", "person", 1200, 1300, 1400, 1500, 1600), NARRATIVE,
     "从2015年到2019年的5个年度看，总体呈上升趋势，平均每年增加约100名（推算）。"},
    {LINEAR5("suspects_arrested", "person", 1200, 1300, 1400, 1500, 1600), NARRATIVE,
     "若延续这一趋势，2020年约1700名（推算，仅供参考）。"},
    {LINEAR5("cases_solved", "case", 5000, 9000, 4000, 8000, 5000), NARRATIVE,
     "从2015年到2019年的5个年度看，年度间起伏较大，尚看不出稳定的升降趋势。"},
    {LINEAR5("rehab_consolidation_rate", "percent", 40, 42, 44, 46, 48), NARRATIVE,
     "从2015年到2019年的5个年度看，总体呈上升趋势，平均每年提高约2个百分点（推算）。"},
    {LINEAR5("drugs_seized", "kg", 50000, 45000, 40000, 35000, 30000), NARRATIVE,
     "从2015年到2019年的5个年度看，总体呈下降趋势，平均每年减少约5吨（推算）。"},
    /* two years apart */
    {"a.txt,1,,cases_solved,,,全国,2015,year,100000,case,exact,level,\n"
     "b.txt,1,,cases_solved,,,全国,2019,year,60000,case,exact,level,\n",
     NARRATIVE, "2015年至2019年年均下降约12%（推算）。"},
    /* differing values: said once per year, distinct values named */
    {CASES2(92000, 77000) "c.txt,1,,cases_solved,,,全国,2021,year,78000,case,exact,level,\n",
     NARRATIVE, "2021年另有1处记载的数值不同（7.7万起），已列入附件一数据核查。"},
    /* other places' latest values */
    {CASES2(92000, 77000) "c.txt,4,,cases_solved,,,甲省,2019,year,1480,case,more_than,level,\n",
     NARRATIVE, "另据文件，2019年，甲省破获毒品案件1480余起。"},
    /* one-period figures share one lead-in */
    {CASES2(92000, 77000)
     "c.txt,4,,suspects_arrested,,,甲省,2019,year,1870,person,more_than,level,\n"
     "c.txt,5,,gang_cases_solved,,,甲省,2019,year,26,case,exact,level,\n",
     OTHERS, "2019年，甲省抓获犯罪嫌疑人1870余名，破获团伙案件26起。"},
    /* the summary: stated changes as stated, computed ones marked */
    {CASES2(92000, 77000) "b.txt,1,,cases_solved,,,全国,2021,year,-16.7,percent,exact,change_pct,2020\n",
     SUMMARY, "2021年全国破获毒品案件7.7万起，同比下降16.7%。"},
    {CASES2(92000, 77000), SUMMARY, "2021年全国破获毒品案件7.7万起，同比下降约16%（推算）。"},
    {"a.txt,1,,rehab_consolidation_rate,,,全国,2020,year,45,percent,exact,rate,\n"
     "b.txt,1,,rehab_consolidation_rate,,,全国,2021,year,50,percent,exact,rate,\n",
     SUMMARY, "2021年全国戒毒康复巩固率为50%，同比提高5个百分点（推算）。"},
    {LINEAR5("cases_solved", "case", 100000, 90000, 80000, 70000, 60000), SUMMARY,
     "2015年至2019年，全国破获毒品案件年均下降约12%（推算），总体趋势明确。"},
};

static char *part_text(const jd_report *r, part where)
{
  if (where == SUMMARY) return g_strdup(r->summary);
  if (where == OTHERS) return g_strdup(r->others ? r->others : "");
  GString *all = g_string_new(NULL);
  for (guint i = 0; i < r->sections->len; i++)
    g_string_append(all, ((const jd_report_section *)r->sections->pdata[i])->narrative);
  return g_string_free(all, FALSE);
}

static void test_sentences(void)
{
  g_assert_cmpuint(G_N_ELEMENTS(cases), >=, 30);
  int failed = 0;
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *csv = g_strconcat(HEAD, cases[i].rows, NULL);
    jd_figure_table *t = jd_figure_table_new();
    GError *err = NULL;
    if (!jd_figure_table_read_csv(t, "case.csv", csv, strlen(csv), &err)) g_error("%s", err->message);
    jd_report_options o;
    jd_report_options_init(&o);
    jd_report *r = jd_report_new(t, &o, &err);
    g_assert_no_error(err);
    g_autofree char *text = part_text(r, cases[i].where);
    if (!strstr(text, cases[i].sentence)) {
      g_printerr("case %zu: want\n  %s\nin\n  %s\n", i, cases[i].sentence, text);
      failed++;
    }
    /* no ids, no English in the Chinese text */
    for (const char *c = text; *c; c++)
      if (g_ascii_isalpha(*c)) g_error("case %zu: Latin letters in '%s'", i, text);
    jd_report_free(r);
    jd_report_options_clear(&o);
    jd_figure_table_free(t);
  }
  g_assert_cmpint(failed, ==, 0);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_fonts_init();
  g_test_add_func("/report/narrative/sentences", test_sentences);
  return g_test_run();
}
