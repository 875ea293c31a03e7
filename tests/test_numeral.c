/* Numerals: a table of forms Chinese documents use, each with the span,
 * kind, value(s) and qualifier the scanner must report (with the words of
 * data/lexicon/numerals.tsv), plus the scan of whole sentences and the seeds,
 * and the checks on the rows of numerals.tsv. */
#include <math.h>
#include <string.h>

#include "jindu/lexicon.h"
#include "jindu/numeral.h"
#include "testutil.h"

/* The words around numerals (numerals.tsv), read by the lexicon once. */
static jd_lexicon *shared_lexicon;
static const jd_numeral_words *words(void)
{
  if (!shared_lexicon) {
    GError *err = NULL;
    shared_lexicon = jd_lexicon_load(NULL, &err);
    g_assert_no_error(err);
  }
  return jd_lexicon_get_numeral_words(shared_lexicon);
}

#define X JD_QUAL_EXACT
#define MT JD_QUAL_MORE_THAN
#define NR JD_QUAL_NEARLY
#define AB JD_QUAL_ABOUT
#define LT JD_QUAL_LESS_THAN
#define AL JD_QUAL_AT_LEAST
#define AM JD_QUAL_AT_MOST

typedef struct {
  const char *text;
  unsigned index;       /* which numeral of the scan */
  const char *span;     /* expected text of [start, end) */
  jd_numeral_kind kind;
  double value, high;   /* high < 0: same as value */
  jd_qualifier qual;
  int decimals;
} num_case;

static const num_case cases[] = {
    /* Arabic integers and decimals */
    {"破获毒品案件1480多起", 0, "1480多", JD_NUM_NUMBER, 1480, -1, MT, 0},
    {"抓获犯罪嫌疑人3名", 0, "3", JD_NUM_NUMBER, 3, -1, X, 0},
    {"缴获海洛因30.92公斤", 0, "30.92", JD_NUM_NUMBER, 30.92, -1, X, 2},
    {"缴获毒品18228.07克", 0, "18228.07", JD_NUM_NUMBER, 18228.07, -1, X, 2},
    {"冰毒3.84公斤", 0, "3.84", JD_NUM_NUMBER, 3.84, -1, X, 2},
    {"共3,556人", 0, "3,556", JD_NUM_NUMBER, 3556, -1, X, 0},
    {"1,100万元", 0, "1,100万", JD_NUM_NUMBER, 11000000, -1, X, 0},
    {"１", 0, "１", JD_NUM_NUMBER, 1, -1, X, 0},
    {"共１２３人", 0, "１２３", JD_NUM_NUMBER, 123, -1, X, 0},
    {"３．５公斤", 0, "３．５", JD_NUM_NUMBER, 3.5, -1, X, 1},
    /* Chinese numerals */
    {"四万三千四百人", 0, "四万三千四百", JD_NUM_NUMBER, 43400, -1, X, 0},
    {"两万六千", 0, "两万六千", JD_NUM_NUMBER, 26000, -1, X, 0},
    {"二十二万", 0, "二十二万", JD_NUM_NUMBER, 220000, -1, X, 0},
    {"十点四九", 0, "十点四九", JD_NUM_NUMBER, 10.49, -1, X, 2},
    {"一千二百零五", 0, "一千二百零五", JD_NUM_NUMBER, 1205, -1, X, 0},
    {"一万零一十二", 0, "一万零一十二", JD_NUM_NUMBER, 10012, -1, X, 0},
    {"二十万亿", 0, "二十万亿", JD_NUM_NUMBER, 2e13, -1, X, 0},
    {"十五名", 0, "十五", JD_NUM_NUMBER, 15, -1, X, 0},
    {"十人", 0, "十", JD_NUM_NUMBER, 10, -1, X, 0},
    {"一百五十人", 0, "一百五十", JD_NUM_NUMBER, 150, -1, X, 0},
    {"一百五", 0, "一百五", JD_NUM_NUMBER, 150, -1, X, 0},
    {"三万五", 0, "三万五", JD_NUM_NUMBER, 35000, -1, X, 0},
    {"一千零五", 0, "一千零五", JD_NUM_NUMBER, 1005, -1, X, 0},
    {"八县", 0, "八", JD_NUM_NUMBER, 8, -1, X, 0},
    {"千人县", 0, "千", JD_NUM_NUMBER, 1000, -1, X, 0},
    {"壹佰贰拾", 0, "壹佰贰拾", JD_NUM_NUMBER, 120, -1, X, 0},
    {"兩萬", 0, "兩萬", JD_NUM_NUMBER, 20000, -1, X, 0},
    {"一点二亿", 0, "一点二亿", JD_NUM_NUMBER, 1.2e8, -1, X, 1},
    {"三分之一", 0, "三分之一", JD_NUM_NUMBER, 1.0 / 3.0, -1, X, 0},
    {"伍佰元", 0, "伍佰", JD_NUM_NUMBER, 500, -1, X, 0},
    {"百分之三十点七七", 0, "百分之三十点七七", JD_NUM_PERCENT, 30.77, -1, X, 2},
    {"二百五十五万三千名", 0, "二百五十五万三千", JD_NUM_NUMBER, 2553000, -1, X, 0},
    {"超过一千人", 0, "超过一千", JD_NUM_NUMBER, 1000, -1, MT, 0},
    /* mixed */
    {"6.8万余条", 0, "6.8万余", JD_NUM_NUMBER, 68000, -1, MT, 1},
    {"1.2亿元", 0, "1.2亿", JD_NUM_NUMBER, 1.2e8, -1, X, 1},
    {"3万4千", 0, "3万4千", JD_NUM_NUMBER, 34000, -1, X, 0},
    {"3万4000", 0, "3万4000", JD_NUM_NUMBER, 34000, -1, X, 0},
    {"25万6千", 0, "25万6千", JD_NUM_NUMBER, 256000, -1, X, 0},
    {"340多万人", 0, "340多万", JD_NUM_NUMBER, 3400000, -1, MT, 0},
    {"5万人", 0, "5万", JD_NUM_NUMBER, 50000, -1, X, 0},
    /* qualifiers */
    {"三十万多", 0, "三十万多", JD_NUM_NUMBER, 300000, -1, MT, 0},
    {"从340多人减少到190多人", 0, "340多", JD_NUM_NUMBER, 340, -1, MT, 0},
    {"从340多人减少到190多人", 1, "190多", JD_NUM_NUMBER, 190, -1, MT, 0},
    {"强制隔离戒毒5190余人", 0, "5190余", JD_NUM_NUMBER, 5190, -1, MT, 0},
    {"逾百人", 0, "逾百", JD_NUM_NUMBER, 100, -1, MT, 0},
    {"超过45%", 0, "超过45%", JD_NUM_PERCENT, 45, -1, MT, 0},
    {"45%以上", 0, "45%以上", JD_NUM_PERCENT, 45, -1, MT, 0},
    {"近20年来", 0, "近20", JD_NUM_NUMBER, 20, -1, NR, 0},
    {"将近300人", 0, "将近300", JD_NUM_NUMBER, 300, -1, NR, 0},
    {"接近一万人", 0, "接近一万", JD_NUM_NUMBER, 10000, -1, NR, 0},
    {"约3000人", 0, "约3000", JD_NUM_NUMBER, 3000, -1, AB, 0},
    {"大约30人", 0, "大约30", JD_NUM_NUMBER, 30, -1, AB, 0},
    {"30%左右", 0, "30%左右", JD_NUM_PERCENT, 30, -1, AB, 0},
    {"200左右", 0, "200左右", JD_NUM_NUMBER, 200, -1, AB, 0},
    {"不到10人", 0, "不到10", JD_NUM_NUMBER, 10, -1, LT, 0},
    {"不足5%", 0, "不足5%", JD_NUM_PERCENT, 5, -1, LT, 0},
    {"至少12人", 0, "至少12", JD_NUM_NUMBER, 12, -1, AL, 0},
    {"不超过3年", 0, "不超过3", JD_NUM_NUMBER, 3, -1, AM, 0},
    {"最近3年", 0, "3", JD_NUM_NUMBER, 3, -1, X, 0},
    {"签约3家", 0, "3", JD_NUM_NUMBER, 3, -1, X, 0},
    {"十几人", 0, "十几", JD_NUM_NUMBER, 11, 19, AB, 0},
    {"吸毒人员上千人", 0, "上千", JD_NUM_NUMBER, 1000, -1, MT, 0},
    {"数百人", 0, "数百", JD_NUM_NUMBER, 200, 900, AB, 0},
    {"千余人", 0, "千余", JD_NUM_NUMBER, 1000, -1, MT, 0},
    {"3000余万元", 0, "3000余万", JD_NUM_NUMBER, 30000000, -1, MT, 0},
    {"万余人", 0, "万余", JD_NUM_NUMBER, 10000, -1, MT, 0},
    /* percentages */
    {"占比近三成", 0, "近三成", JD_NUM_PERCENT, 30, -1, NR, 0},
    {"3.5成", 0, "3.5成", JD_NUM_PERCENT, 35, -1, X, 0},
    {"增长两成多,", 0, "两成多", JD_NUM_PERCENT, 20, -1, MT, 0}, /* more than */
    {"大幅减少五成半，", 0, "五成半", JD_NUM_PERCENT, 55, -1, X, 0}, /* and a half */
    {"巩固率达八成半。", 0, "八成半", JD_NUM_PERCENT, 85, -1, X, 0},
    {"减少了近一半", 0, "近一半", JD_NUM_PERCENT, 50, -1, NR, 0}, /* half */
    {"一半以上", 0, "一半以上", JD_NUM_PERCENT, 50, -1, MT, 0},
    {"同比下降44.15%", 0, "44.15%", JD_NUM_PERCENT, 44.15, -1, X, 2},
    {"30.77％", 0, "30.77％", JD_NUM_PERCENT, 30.77, -1, X, 2},
    {"占0.064%", 0, "0.064%", JD_NUM_PERCENT, 0.064, -1, X, 3},
    {"百分之四十五", 0, "百分之四十五", JD_NUM_PERCENT, 45, -1, X, 0},
    {"百分之一点五七", 0, "百分之一点五七", JD_NUM_PERCENT, 1.57, -1, X, 2},
    {"3‰", 0, "3‰", JD_NUM_PERMILLE, 3, -1, X, 0},
    {"千分之五", 0, "千分之五", JD_NUM_PERMILLE, 5, -1, X, 0},
    {"六个百分点", 0, "六个百分点", JD_NUM_PERCENT_POINT, 6, -1, X, 0},
    {"上升0.8个百分点", 0, "0.8个百分点", JD_NUM_PERCENT_POINT, 0.8, -1, X, 1},
    {"下降2百分点", 0, "2百分点", JD_NUM_PERCENT_POINT, 2, -1, X, 0},
    /* ranges */
    {"2—3年", 0, "2—3", JD_NUM_NUMBER, 2, 3, X, 0},
    {"2至3年", 0, "2至3", JD_NUM_NUMBER, 2, 3, X, 0},
    {"2-3年", 0, "2-3", JD_NUM_NUMBER, 2, 3, X, 0},
    {"5-20%", 0, "5-20%", JD_NUM_PERCENT, 5, 20, X, 0},
    {"5%-20%", 0, "5%-20%", JD_NUM_PERCENT, 5, 20, X, 0},
    {"两三个", 0, "两三", JD_NUM_NUMBER, 2, 3, X, 0},
    {"三四十人", 0, "三四十", JD_NUM_NUMBER, 30, 40, X, 0},
    {"2至3万", 0, "2至3万", JD_NUM_NUMBER, 20000, 30000, X, 0},
    {"一两年", 0, "一两", JD_NUM_NUMBER, 1, 2, X, 0},
    /* years and dates */
    {"2018年", 0, "2018年", JD_NUM_YEAR, 2018, -1, X, 0},
    {"二〇一六年", 0, "二〇一六年", JD_NUM_YEAR, 2016, -1, X, 0},
    {"二00六年", 0, "二00六年", JD_NUM_YEAR, 2006, -1, X, 0}, /* Latin zeros */
    {"二0一0年,", 0, "二0一0年", JD_NUM_YEAR, 2010, -1, X, 0},
    {"2018—2020年", 0, "2018—2020年", JD_NUM_YEAR, 2018, 2020, X, 0},
    {"2016年3月18日,", 0, "2016年3月18日", JD_NUM_DATE, 2016, -1, X, 0},
    {"2016年06月21日", 0, "2016年06月21日", JD_NUM_DATE, 2016, -1, X, 0},
    {"2020/1/23", 0, "2020/1/23", JD_NUM_DATE, 2020, -1, X, 0},
    {"2021-02-23", 0, "2021-02-23", JD_NUM_DATE, 2021, -1, X, 0},
    {"7月28日电", 0, "7月28日", JD_NUM_DATE, 7, -1, X, 0},
    {"今年6月", 0, "6月", JD_NUM_DATE, 6, -1, X, 0},
    {"1至5月", 0, "1至5月", JD_NUM_DATE, 1, 5, X, 0},
    {"三月十八日", 0, "三月十八日", JD_NUM_DATE, 3, -1, X, 0},
    /* times */
    {"13:55:26", 0, "13:55:26", JD_NUM_TIME, 13, -1, X, 0},
    {"11:49", 0, "11:49", JD_NUM_TIME, 11, -1, X, 0},
    /* ordinals */
    {"第六个三年规划", 0, "第六", JD_NUM_ORDINAL, 6, -1, X, 0},
    {"第六个三年规划", 1, "三", JD_NUM_NUMBER, 3, -1, X, 0},
    {"一是工作发展不平衡", 0, "一", JD_NUM_ORDINAL, 1, -1, X, 0},
    {"明确。二是加强", 0, "二", JD_NUM_ORDINAL, 2, -1, X, 0},
    {"(三)全面提升", 0, "(三)", JD_NUM_ORDINAL, 3, -1, X, 0},
    {"（2）加强", 0, "（2）", JD_NUM_ORDINAL, 2, -1, X, 0},
    {"二、措施要再有力", 0, "二", JD_NUM_ORDINAL, 2, -1, X, 0},
    {"一要注重", 0, "一", JD_NUM_ORDINAL, 1, -1, X, 0},
    {"第1季度", 0, "第1", JD_NUM_ORDINAL, 1, -1, X, 0},
    /* campaign codes */
    {"“6.27”工程", 0, "6.27", JD_NUM_CODE, 6.27, -1, X, 0},
    {"6.27工程", 0, "6.27", JD_NUM_CODE, 6.27, -1, X, 0},
    {"“8·31”工程", 0, "8·31", JD_NUM_CODE, 8.31, -1, X, 0},
    {"“5.14”堵源截流机制", 0, "5.14", JD_NUM_CODE, 5.14, -1, X, 0},
    {"7·04特大贩卖运输毒品案件", 0, "7·04", JD_NUM_CODE, 7.04, -1, X, 0},
    {"“4.14”打击制毒专案", 0, "4.14", JD_NUM_CODE, 4.14, -1, X, 0},
    {"4.14专案", 0, "4.14", JD_NUM_CODE, 4.14, -1, X, 0},
    {"6·26国际禁毒日", 0, "6·26", JD_NUM_CODE, 6.26, -1, X, 0},
    /* large but exact */
    {"9007199254740992", 0, "9007199254740992", JD_NUM_NUMBER, 9007199254740992.0, -1, X, 0},
    {"1234亿", 0, "1234亿", JD_NUM_NUMBER, 1.234e11, -1, X, 0},
};

static void check_case(gconstpointer data)
{
  const num_case *c = data;
  GArray *a = g_array_new(FALSE, FALSE, sizeof(jd_numeral));
  jd_numeral_scan(words(), c->text, strlen(c->text), a);
  if (c->index >= a->len) g_error("%s: only %u numerals found", c->text, a->len);
  const jd_numeral *n = &g_array_index(a, jd_numeral, c->index);
  g_autofree char *span = g_strndup(c->text + n->start, n->end - n->start);
  g_assert_cmpstr(span, ==, c->span);
  g_assert_cmpstr(jd_numeral_kind_to_string(n->kind), ==, jd_numeral_kind_to_string(c->kind));
  /* exact equality: no float noise allowed */
  g_assert_cmpfloat(n->value, ==, c->value);
  g_assert_cmpfloat(n->value_high, ==, c->high < 0 ? c->value : c->high);
  g_assert_cmpint(n->is_range, ==, c->high >= 0 && c->kind != JD_NUM_DATE ? TRUE : n->is_range);
  g_assert_cmpstr(jd_qualifier_to_string(n->qualifier), ==, jd_qualifier_to_string(c->qual));
  if (c->kind == JD_NUM_NUMBER || c->kind == JD_NUM_PERCENT) g_assert_cmpint(n->decimals, ==, c->decimals);
  g_assert_true(n->digits_start >= n->start && n->digits_end <= n->end);
  g_array_unref(a);
}

static size_t scan_count(const char *s, GArray *a)
{
  g_array_set_size(a, 0);
  return jd_numeral_scan(words(), s, strlen(s), a);
}

static void test_not_numbers(void)
{
  static const char *const texts[] = {"进一步加强", "统一领导", "一定要", "十分重要",
                                      "老百姓", "千方百计", "零包贩售", "打零包",
                                      "一些地方", "之一", "beat365官方", "禁毒队伍",
                                      "陆续开展", "四川省", "下一步", "新一轮", "周一",
                                      "十三五规划", "成千上万", "一成不变"};
  GArray *a = g_array_new(FALSE, FALSE, sizeof(jd_numeral));
  for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
    if (scan_count(texts[i], a) != 0)
      g_error("'%s' should hold no numeral, found %u", texts[i], a->len);
  }
  g_array_unref(a);
}

/* Issue 14 readings: no phantom number in a measure word (3.8千克), doublings
 * (翻了一番), digit runs starting like a word (一一三), ranks (前3名). */
static void test_readings(void)
{
  static const struct {
    const char *text;
    guint count;
    double value;
    jd_numeral_kind kind;
  } readings[] = {
      {"缴获冰毒3.8千克", 1, 3.8, JD_NUM_NUMBER},
      {"大麻二十余千克", 1, 20, JD_NUM_NUMBER},
      {"人数翻了一番", 1, 100, JD_NUM_PERCENT},
      {"缴毒量翻两番", 1, 300, JD_NUM_PERCENT},
      {"一一三年", 1, 113, JD_NUM_NUMBER},
      {"晋级全国前3名", 1, 3, JD_NUM_ORDINAL},
      {"位居前十位", 1, 10, JD_NUM_ORDINAL},
  };
  GArray *a = g_array_new(FALSE, FALSE, sizeof(jd_numeral));
  for (size_t i = 0; i < G_N_ELEMENTS(readings); i++) {
    guint n = (guint)scan_count(readings[i].text, a);
    if (n != readings[i].count) g_error("'%s': %u numerals, not %u", readings[i].text, n, readings[i].count);
    const jd_numeral *m = &g_array_index(a, jd_numeral, 0);
    if (m->value != readings[i].value || m->kind != readings[i].kind)
      g_error("'%s': %g (%s)", readings[i].text, m->value, jd_numeral_kind_to_string(m->kind));
  }
  g_array_unref(a);
}

static void test_dates_fields(void)
{
  jd_numeral n;
  g_assert_true(jd_numeral_parse(words(), "2016年3月18日", strlen("2016年3月18日"), &n));
  g_assert_cmpint(n.year, ==, 2016);
  g_assert_cmpint(n.month, ==, 3);
  g_assert_cmpint(n.day, ==, 18);
  g_assert_true(jd_numeral_parse(words(), "2021-02-23", 10, &n));
  g_assert_cmpint(n.month, ==, 2);
  g_assert_cmpint(n.day, ==, 23);
  g_assert_true(jd_numeral_parse(words(), "2018年", strlen("2018年"), &n));
  g_assert_cmpint(n.kind, ==, JD_NUM_YEAR);
  g_assert_cmpint(n.year, ==, 2018);
  g_assert_true(jd_numeral_parse(words(), "8·31", strlen("8·31"), &n));
  g_assert_cmpint(n.kind, ==, JD_NUM_CODE);
  g_assert_cmpint(n.month, ==, 8);
  g_assert_cmpint(n.day, ==, 31);
}

static void test_overflow(void)
{
  jd_numeral n;
  const char *s = "9999999999999999亿";
  g_assert_true(jd_numeral_parse(words(), s, strlen(s), &n));
  g_assert_true(n.overflow);
  g_assert_cmpfloat(n.value, >, 9.9e23);
  s = "123456789012345678901234567890";
  g_assert_true(jd_numeral_parse(words(), s, strlen(s), &n));
  g_assert_true(n.overflow);
  g_assert_cmpfloat(fabs(n.value - 1.2345678901234568e29) / n.value, <, 1e-12);
  s = "9007199254740992";
  g_assert_true(jd_numeral_parse(words(), s, strlen(s), &n));
  g_assert_false(n.overflow);
  s = "12345.678";
  g_assert_true(jd_numeral_parse(words(), s, strlen(s), &n));
  g_assert_false(n.overflow);
  g_assert_cmpfloat(n.value, ==, 12345.678);
}

static void test_parse_whole(void)
{
  jd_numeral n;
  g_assert_true(jd_numeral_parse(words(), "约3000", strlen("约3000"), &n));
  g_assert_cmpint(n.qualifier, ==, JD_QUAL_ABOUT);
  g_assert_cmpint(n.digits_start, ==, strlen("约"));
  g_assert_false(jd_numeral_parse(words(), "3000人", strlen("3000人"), &n));
  g_assert_false(jd_numeral_parse(words(), "", 0, &n));
  g_assert_false(jd_numeral_parse(words(), "工作", strlen("工作"), &n));
}

static void test_strings(void)
{
  jd_qualifier q;
  for (int i = JD_QUAL_EXACT; i <= JD_QUAL_AT_MOST; i++) {
    g_assert_true(jd_qualifier_from_string(jd_qualifier_to_string((jd_qualifier)i), &q));
    g_assert_cmpint(q, ==, i);
  }
  g_assert_false(jd_qualifier_from_string("roughly", &q));
  g_assert_cmpstr(jd_numeral_kind_to_string(JD_NUM_PERCENT_POINT), ==, "percent_point");
}

/* a sentence with several numerals: spans in order, never overlapping, the
 * unit never swallowed */
static void test_sentence(void)
{
  const char *s = "本年度该省侦破涉毒案件1480多起,另有1870多名嫌疑人落网,同比分别增长33%和21.6%。";
  GArray *a = g_array_new(FALSE, FALSE, sizeof(jd_numeral));
  g_assert_cmpuint(scan_count(s, a), ==, 4);
  double want[] = {1480, 1870, 33, 21.6};
  size_t last = 0;
  for (guint i = 0; i < a->len; i++) {
    const jd_numeral *n = &g_array_index(a, jd_numeral, i);
    g_assert_cmpfloat(n->value, ==, want[i]);
    g_assert_cmpuint(n->start, >=, last);
    last = n->end;
  }
  const jd_numeral *n0 = &g_array_index(a, jd_numeral, 0);
  g_assert_true(g_str_has_prefix(s + n0->end, "起"));
  g_assert_true(g_str_has_prefix(s + n0->end, "起"));
}

/* a whole document scans without trouble and every span is valid UTF-8 */
static void check_scan(const char *path)
{
  GArray *a = g_array_new(FALSE, FALSE, sizeof(jd_numeral));
  {
    gsize len;
    g_autofree char *data = jd_test_read_file(path, &len);
    g_array_set_size(a, 0);
    jd_numeral_scan(words(), data, len, a);
    g_assert_cmpuint(a->len, >, 0);
    for (guint k = 0; k < a->len; k++) {
      const jd_numeral *n = &g_array_index(a, jd_numeral, k);
      g_assert_cmpuint(n->start, <, n->end);
      g_assert_true(g_utf8_validate_len(data + n->start, n->end - n->start, NULL));
    }
  }
  g_array_unref(a);
}

static void test_seeds(void) { jd_test_each_seed(check_scan); }
static void test_docs(void) { jd_test_each_doc(check_scan); }

/* the rows of numerals.tsv are checked as they are added; without words only
 * the numeral system is read */
static void test_words(void)
{
  jd_numeral_words *w = jd_numeral_words_new();
  g_assert_null(jd_numeral_words_add(w, "prefix", "约", "about", "签"));
  g_assert_nonnull(jd_numeral_words_add(w, "prefix", "约", "roughly", ""));
  g_assert_nonnull(jd_numeral_words_add(w, "suffix", "多", "more_than", "year"));
  g_assert_null(jd_numeral_words_add(w, "not_number", "百姓", "", ""));
  g_assert_nonnull(jd_numeral_words_add(w, "not_number", "独一无二", "", ""));
  g_assert_nonnull(jd_numeral_words_add(w, "in_word", "统", "", ""));
  g_assert_nonnull(jd_numeral_words_add(w, "nosuch", "一", "", ""));
  jd_numeral n;
  const char *s = "约3000";
  g_assert_true(jd_numeral_parse(w, s, strlen(s), &n));
  g_assert_cmpint(n.qualifier, ==, JD_QUAL_ABOUT);
  s = "签约3000";
  GArray *a = g_array_new(FALSE, FALSE, sizeof(jd_numeral));
  g_assert_cmpuint(jd_numeral_scan(w, s, strlen(s), a), ==, 1);
  g_assert_cmpint(g_array_index(a, jd_numeral, 0).qualifier, ==, JD_QUAL_EXACT);
  g_array_set_size(a, 0);
  s = "老百姓";
  g_assert_cmpuint(jd_numeral_scan(w, s, strlen(s), a), ==, 0);
  g_assert_cmpuint(jd_numeral_scan(NULL, s, strlen(s), a), ==, 1);
  g_array_unref(a);
  jd_numeral_words_free(w);
}

/* Section numbers in Chinese numerals (the briefing's 一、二、…). */
static void test_to_chinese(void)
{
  static const struct { guint n; const char *s; } numbers[] = {
      {1, "一"}, {9, "九"}, {10, "十"}, {11, "十一"}, {20, "二十"}, {23, "二十三"}, {99, "九十九"},
      {0, "0"}, {100, "100"},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(numbers); i++) {
    char *got = jd_numeral_to_chinese(numbers[i].n);
    g_assert_cmpstr(got, ==, numbers[i].s);
    g_free(got);
  }
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  for (size_t i = 0; !jd_test_seeds_part() && i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *name = g_strdup_printf("/numeral/table/%03zu", i);
    g_test_add_data_func(name, &cases[i], check_case);
  }
  jd_test_add("/numeral/not-numbers", test_not_numbers);
  jd_test_add("/numeral/readings", test_readings);
  jd_test_add("/numeral/date-fields", test_dates_fields);
  jd_test_add("/numeral/overflow", test_overflow);
  jd_test_add("/numeral/to-chinese", test_to_chinese);
  jd_test_add("/numeral/parse-whole", test_parse_whole);
  jd_test_add("/numeral/strings", test_strings);
  jd_test_add("/numeral/sentence", test_sentence);
  jd_test_add_seeds("/numeral/seeds", test_seeds);
  jd_test_add("/numeral/docs", test_docs);
  jd_test_add("/numeral/words", test_words);
  int rc = jd_test_run();
  jd_lexicon_free(shared_lexicon);
  return rc;
}
