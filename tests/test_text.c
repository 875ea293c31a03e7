/* The loader: normalization steps one by one, the streaming reader (line
 * numbers, CR/CRLF, BOM, GB18030, traditional input, long lines), splitting,
 * input collection, and every kind of bad input, through the library and
 * through `jindu normalize`. */
#include <glib/gstdio.h>
#include <opencc.h>
#include <string.h>

#include "jindu/jindu.h"
#include "jindu/text.h"
#include "testutil.h"


typedef struct {
  const char *in, *out;
} norm_case;

static void check_norm(const norm_case *cases, size_t n, gboolean keep_traditional)
{
  for (size_t i = 0; i < n; i++) {
    g_autofree char *got = jd_text_normalize(cases[i].in, strlen(cases[i].in), keep_traditional);
    if (strcmp(got, cases[i].out) != 0)
      g_error("normalize('%s') = '%s', want '%s'", cases[i].in, got, cases[i].out);
  }
}

static void test_traditional(void)
{
  static const norm_case c[] = {
      {"繳獲毒品", "缴获毒品"}, {"三噸", "三吨"}, {"兩萬人", "两万人"},
      {"禁毒工作會議", "禁毒工作会议"}, {"強制隔離戒毒", "强制隔离戒毒"},
      {"簡體不變", "简体不变"}, {"已经是简体", "已经是简体"},
  };
  check_norm(c, G_N_ELEMENTS(c), FALSE);
  g_autofree char *kept = jd_text_normalize("繳獲", strlen("繳獲"), TRUE);
  g_assert_cmpstr(kept, ==, "繳獲");
}

static void test_fullwidth(void)
{
  static const norm_case c[] = {
      {"１２３人", "123人"},       {"４５％", "45%"},         {"ＡＢＣ", "ABC"},
      {"同志们：", "同志们:"},     {"一是，二是；", "一是,二是;"}, {"（三）", "(三)"},
      {"句号。保留", "句号。保留"}, {"甲、乙", "甲、乙"},       {"全角　空格", "全角 空格"},
      {"３．８４公斤", "3.84公斤"}, {"  前后空格  ", "前后空格"},
  };
  check_norm(c, G_N_ELEMENTS(c), FALSE);
}

static void test_thousands(void)
{
  static const norm_case c[] = {
      {"3,556人", "3556人"},       {"8 468人", "8468人"},     {"1 000起", "1000起"},
      {"1,234,567元", "1234567元"}, {"1,100万", "1100万"},     {"１，２３４", "1,234"},
      {"3,5年", "3,5年"},           {"12,34", "12,34"},        {"2019 800", "2019 800"},
      {"13:55:26", "13:55:26"},     {"1,2345", "1,2345"},      {"0.5,100", "0.5,100"},
  };
  check_norm(c, G_N_ELEMENTS(c), FALSE);
}

/* A space between two Chinese characters in running prose is a PDF's line
 * end (移送戒 治人数 → 移送戒治人数); in a title it separates (…毒品案 缴获…);
 * between two Chinese numbers it stays. */
static void test_layout_spaces(void)
{
  static const norm_case c[] = {
      {"2016年,全县判决有罪人数320人(男性占八成五、女 性占一成五),较上年增加5%;移送戒 治人数47人,"
       "较上年减少2%,判 处六月以下者占六成。",
       "2016年,全县判决有罪人数320人(男性占八成五、女性占一成五),较上年增加5%;移送戒治人数47人,"
       "较上年减少2%,判处六月以下者占六成。"},
      {"2023年全省破获毒品案件1200起 缴获毒品3吨", "2023年全省破获毒品案件1200起 缴获毒品3吨"},
      {"2016年,全县查获吸毒人员,其中三 一人为女性,另有若干人员正在核查之中,相关工作正在推进,已经完成了大部分。",
       "2016年,全县查获吸毒人员,其中三 一人为女性,另有若干人员正在核查之中,相关工作正在推进,已经完成了大部分。"},
  };
  check_norm(c, G_N_ELEMENTS(c), FALSE);
}

static void test_entities(void)
{
  static const norm_case c[] = {
      {"人民战争rdquo;各项", "人民战争”各项"},
      {"ldquo;零种植rdquo;", "“零种植”"},
      {"7bull;04rdquo;案件", "7·04”案件"},
      {"2mdash;3年", "2—3年"},
      {"等等hellip;", "等等…"},
      {"&ldquo;禁毒&rdquo;", "“禁毒”"},
      {"A&amp;B", "A&B"},
      {"&#8220;引号&#x201D;", "“引号”"},
      {"<p>段落</p><br/>", "段落"},
      {"a<b", "a<b"},
      {"nbsp;空格", "空格"},
      {"x;y", "x;y"},
      {"smdash;", "smdash;"},
  };
  check_norm(c, G_N_ELEMENTS(c), FALSE);
}

static GPtrArray *read_all(const char *name, const char *data, size_t len,
                           const jd_load_options *opt, GArray *lines, GError **error)
{
  jd_reader *r = jd_reader_open_bytes(name, data, len, opt, error);
  if (!r) return NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  jd_paragraph p;
  while (jd_reader_next(r, &p, error)) {
    g_assert_cmpuint(strlen(p.text), ==, p.len);
    g_ptr_array_add(out, g_strndup(p.text, p.len));
    if (lines) g_array_append_val(lines, p.line);
  }
  jd_reader_free(r);
  if (error && *error) {
    g_ptr_array_unref(out);
    return NULL;
  }
  return out;
}

static void test_line_numbers(void)
{
  const char *data = "第一行\r\n\r\n第三行\r第四行\n\n   \n第七行";
  GArray *lines = g_array_new(FALSE, FALSE, sizeof(unsigned));
  GError *e = NULL;
  GPtrArray *p = read_all("t", data, strlen(data), NULL, lines, &e);
  g_assert_no_error(e);
  g_assert_cmpuint(p->len, ==, 4);
  unsigned want[] = {1, 3, 4, 7};
  for (guint i = 0; i < 4; i++) g_assert_cmpuint(g_array_index(lines, unsigned, i), ==, want[i]);
  g_assert_cmpstr(p->pdata[3], ==, "第七行");
  g_ptr_array_unref(p);
  g_array_unref(lines);
}

/* Lines of cells separated by tabs (a table pasted into a text file) read as
 * a document's table: each number stated with its row and column headers, at
 * the line of its row; the line after the table comes after its statements; a
 * single line with a tab stays a line; a leading tab is no table. */
static void test_tab_table(void)
{
  const char *data = "表1 某县禁毒工作主要数据\n"
                     "项目\t2019年\t2020年\n"
                     "破获毒品案件（起）\t１２０\t98\n"
                     "\n"
                     "抓获犯罪嫌疑人（人）\t150\t130\n"
                     "以上数据由县公安局提供。\n"
                     "2021年\t全县破获毒品案件87起\n"
                     "\t全县缴获毒品3公斤\n";
  GArray *lines = g_array_new(FALSE, FALSE, sizeof(unsigned));
  GError *e = NULL;
  GPtrArray *p = read_all("t.txt", data, strlen(data), NULL, lines, &e);
  g_assert_no_error(e);
  const char *want[] = {"表1某县禁毒工作主要数据", "2019年破获毒品案件120起。", "2020年破获毒品案件98起。",
                        "2019年抓获犯罪嫌疑人150人。", "2020年抓获犯罪嫌疑人130人。",
                        "以上数据由县公安局提供。", "2021年 全县破获毒品案件87起", "全县缴获毒品3公斤"};
  unsigned want_line[] = {1, 3, 3, 5, 5, 6, 7, 8};
  g_assert_cmpuint(p->len, ==, G_N_ELEMENTS(want));
  for (guint i = 0; i < p->len; i++) {
    g_assert_cmpstr(p->pdata[i], ==, want[i]);
    g_assert_cmpuint(g_array_index(lines, unsigned, i), ==, want_line[i]);
  }
  g_ptr_array_unref(p);
  g_array_unref(lines);
}

/* Tables as a PDF's text or a Markdown file keeps them: columns at wide
 * spaces (two spaces or more, an ideographic space), or between bars, read as
 * the tab table above — a column in percent (同比(%)) holding percentages.
 * Lines with wide spaces that are no grid of figures stay lines, each on its
 * own line: a page's header fields, prose with punctuation, a line cut at
 * wide spaces with text right of a number. */
static void test_wide_and_bar_tables(void)
{
  const char *data = "表2  某市禁毒主要指标\n"
                     "指标                  2022年      2023年     同比(%)\n"
                     "破获毒品案件(起)        1,234       1,100      -10.9\n"
                     "抓获犯罪嫌疑人(名)      1,500       1,400      -6.7\n"
                     "发布时间：2024-01-15  来源：某县公安局  浏览次数：88\n"
                     "全县破获毒品案件  46起  抓获犯罪嫌疑人  58名\n"
                     "全县破获毒品案件  47起  抓获犯罪嫌疑人  59名\n"
                     "2023年，全县破获毒品案件46起，  抓获犯罪嫌疑人58名。\n"
                     "| 县区 | 破获案件(起) | 同比(%) |\n"
                     "|:---|---:|---:|\n"
                     "| 城关区 | 12 | 20 |\n"
                     "| 七里河区 | 9 | - |\n"
                     "完。\n";
  GArray *lines = g_array_new(FALSE, FALSE, sizeof(unsigned));
  GError *e = NULL;
  GPtrArray *p = read_all("t.txt", data, strlen(data), NULL, lines, &e);
  g_assert_no_error(e);
  const char *want[] = {"表2某市禁毒主要指标",
                        "2022年破获毒品案件1234起。", "2023年破获毒品案件1100起。",
                        "2023年破获毒品案件同比-10.9%。", "2022年抓获犯罪嫌疑人1500名。",
                        "2023年抓获犯罪嫌疑人1400名。", "2023年抓获犯罪嫌疑人同比-6.7%。",
                        "发布时间:2024-01-15来源:某县公安局 浏览次数:88",
                        "全县破获毒品案件46起 抓获犯罪嫌疑人58名",
                        "全县破获毒品案件47起 抓获犯罪嫌疑人59名",
                        "2023年,全县破获毒品案件46起, 抓获犯罪嫌疑人58名。",
                        "城关区破获案件12起。", "城关区破获案件同比20%。", "七里河区破获案件9起。", "完。"};
  unsigned want_line[] = {1, 3, 3, 3, 4, 4, 4, 5, 6, 7, 8, 11, 11, 12, 13};
  g_assert_cmpuint(p->len, ==, G_N_ELEMENTS(want));
  for (guint i = 0; i < p->len; i++) {
    g_assert_cmpstr(p->pdata[i], ==, want[i]);
    g_assert_cmpuint(g_array_index(lines, unsigned, i), ==, want_line[i]);
  }
  g_ptr_array_unref(p);
  g_array_unref(lines);
}

/* Tables as pdftotext -layout writes a PDF's (a heading on two lines, rows a
 * blank line apart, a name that fills its column one space before its
 * number, Chinese characters one column wide) and as an editor aligns them
 * with ideographic spaces (two columns wide); a caption above a table on a
 * wide-spaced line of its own stays a line. */
static void test_layout_tables(void)
{
  const char *data = "             2022    2023\n"
                     "    指标                      同比(%)\n"
                     "              年       年\n"
                     "\n"
                     "破获毒品案件(起)   1,234   1,100   -10.9\n"
                     "\n"
                     "抓获犯罪嫌疑人(名) 1,500    1,400   -6.7\n"
                     "以上为全市数据。\n"
                     "附表　　某县数据\n"
                     "县区　　　　破获案件（起）\n"
                     "甲区　　　　　　　１２\n"
                     "乙区　　　　　　　　９\n";
  GArray *lines = g_array_new(FALSE, FALSE, sizeof(unsigned));
  GError *e = NULL;
  GPtrArray *p = read_all("t.txt", data, strlen(data), NULL, lines, &e);
  g_assert_no_error(e);
  const char *want[] = {"2022年破获毒品案件1234起。", "2023年破获毒品案件1100起。",
                        "2023年破获毒品案件同比-10.9%。", "2022年抓获犯罪嫌疑人1500名。",
                        "2023年抓获犯罪嫌疑人1400名。", "2023年抓获犯罪嫌疑人同比-6.7%。",
                        "以上为全市数据。", "附表 某县数据", "甲区破获案件12起。", "乙区破获案件9起。"};
  unsigned want_line[] = {5, 5, 5, 7, 7, 7, 8, 9, 11, 12};
  g_assert_cmpuint(p->len, ==, G_N_ELEMENTS(want));
  for (guint i = 0; i < p->len; i++) {
    g_assert_cmpstr(p->pdata[i], ==, want[i]);
    g_assert_cmpuint(g_array_index(lines, unsigned, i), ==, want_line[i]);
  }
  g_ptr_array_unref(p);
  g_array_unref(lines);
}

/* Rows whose numbers do not line up in columns are no table (a 1 and a 2
 * side by side never make 12), and a long aligned table is read row by row. */
static void test_wide_rows_out_of_line(void)
{
  const char *data = "指标            2022年      2023年\n"
                     "甲区破获案件(起)    1     2\n"
                     "某县乙区破获案件(起)    3     4\n";
  GError *e = NULL;
  GPtrArray *p = read_all("t.txt", data, strlen(data), NULL, NULL, &e);
  g_assert_no_error(e);
  g_assert_cmpuint(p->len, ==, 3);
  for (guint i = 0; i < p->len; i++) {
    g_assert_null(strstr(p->pdata[i], "12"));
    g_assert_null(strstr(p->pdata[i], "34"));
  }
  g_ptr_array_unref(p);
  GString *big = g_string_new("县区          破获案件(起)\n");
  for (int i = 0; i < 1500; i++) g_string_append_printf(big, "第%04d区          %d\n", i, i % 97 + 1);
  p = read_all("big.txt", big->str, big->len, NULL, NULL, &e);
  g_assert_no_error(e);
  g_assert_cmpuint(p->len, ==, 1500);
  g_assert_cmpstr(p->pdata[1499], ==, "第1499区破获案件45起。");
  g_ptr_array_unref(p);
  g_string_free(big, TRUE);
}

static void test_bom(void)
{
  const char *data = "\xEF\xBB\xBF禁毒\n";
  GError *e = NULL;
  GPtrArray *p = read_all("t", data, strlen(data), NULL, NULL, &e);
  g_assert_no_error(e);
  g_assert_cmpstr(p->pdata[0], ==, "禁毒");
  g_ptr_array_unref(p);
}

/* The normalized paragraphs of a file's text, joined by newlines. */
static char *normalized_of(const char *data, size_t len, const jd_load_options *opt,
                           jd_encoding *enc)
{
  GError *e = NULL;
  jd_reader *r = jd_reader_open_bytes("t", data, len, opt, &e);
  g_assert_no_error(e);
  GString *s = g_string_new(NULL);
  jd_paragraph p;
  while (jd_reader_next(r, &p, &e)) g_string_append_printf(s, "%u:%s\n", p.line, p.text);
  g_assert_no_error(e);
  if (enc) *enc = jd_reader_get_encoding(r);
  jd_reader_free(r);
  return g_string_free(s, FALSE);
}

/* A document written as GB18030 reads as its UTF-8 original, detected or
 * forced. */
static void check_gb18030(const char *path)
{
  {
    gsize len, gblen;
    g_autofree char *data = jd_test_read_file(path, &len);
    GError *e = NULL;
    g_autofree char *gb = g_convert(data, (gssize)len, "GB18030", "UTF-8", NULL, &gblen, &e);
    g_assert_no_error(e);
    jd_encoding enc;
    g_autofree char *want = normalized_of(data, len, NULL, NULL);
    g_autofree char *got = normalized_of(gb, gblen, NULL, &enc);
    g_assert_cmpint(enc, ==, JD_ENCODING_GB18030);
    g_assert_cmpstr(got, ==, want);
    jd_load_options forced = JD_LOAD_OPTIONS_INIT;
    forced.encoding = JD_ENCODING_GB18030;
    g_autofree char *got2 = normalized_of(gb, gblen, &forced, NULL);
    g_assert_cmpstr(got2, ==, want);
  }
}

/* A document turned into traditional characters normalizes as the
 * original. */
static void check_traditional(const char *path)
{
  opencc_t od = opencc_open(OPENCC_DEFAULT_CONFIG_SIMP_TO_TRAD);
  g_assert_true(od != (opencc_t)-1);
  {
    gsize len;
    g_autofree char *data = jd_test_read_file(path, &len);
    char *trad = opencc_convert_utf8(od, data, len);
    g_assert_nonnull(trad);
    g_autofree char *want = normalized_of(data, len, NULL, NULL);
    g_autofree char *got = normalized_of(trad, strlen(trad), NULL, NULL);
    g_assert_cmpstr(got, ==, want);
    opencc_convert_utf8_free(trad);
  }
  opencc_close(od);
}

/* Big5 (traditional, as Taiwan and Hong Kong publish) is told apart from
 * GB18030 by the characters each decoding gives; traditional text stored as
 * GB18030 stays GB18030. Characters Big5 lacks become '?' in the copy, so only
 * the lines without one are compared. */
static void check_big5(const char *path)
{
  opencc_t od = opencc_open(OPENCC_DEFAULT_CONFIG_SIMP_TO_TRAD);
  g_assert_true(od != (opencc_t)-1);
  {
    gsize len, blen, glen;
    g_autofree char *data = jd_test_read_file(path, &len);
    char *trad = opencc_convert_utf8(od, data, len);
    GError *e = NULL;
    g_autofree char *big5 =
        g_convert_with_fallback(trad, -1, "BIG5-HKSCS", "UTF-8", "?", NULL, &blen, &e);
    g_assert_no_error(e);
    g_autofree char *gb = g_convert(trad, -1, "GB18030", "UTF-8", NULL, &glen, &e);
    g_assert_no_error(e);
    jd_encoding enc;
    g_autofree char *want = normalized_of(data, len, NULL, NULL);
    g_autofree char *got = normalized_of(big5, blen, NULL, &enc);
    g_assert_cmpint(enc, ==, JD_ENCODING_BIG5);
    char **wl = g_strsplit(want, "\n", -1), **gl = g_strsplit(got, "\n", -1);
    guint compared = 0;
    for (guint k = 0; gl[k]; k++) {
      if (strchr(gl[k], '?')) continue;
      gboolean found = FALSE;
      for (guint j = 0; wl[j] && !found; j++) found = strcmp(wl[j], gl[k]) == 0;
      if (!found) g_error("%s: Big5 line not in the original: %s", path, gl[k]);
      compared++;
    }
    g_assert_cmpuint(compared, >, 0);
    g_strfreev(wl);
    g_strfreev(gl);
    g_autofree char *got_gb = normalized_of(gb, glen, NULL, &enc);
    g_assert_cmpint(enc, ==, JD_ENCODING_GB18030);
    g_assert_cmpstr(got_gb, ==, want);
    opencc_convert_utf8_free(trad);
  }
  opencc_close(od);
  jd_encoding e;
  g_assert_true(jd_encoding_from_string("Big5", &e));
  g_assert_cmpint(e, ==, JD_ENCODING_BIG5);
  g_assert_true(jd_encoding_from_string("gbk", &e));
  g_assert_cmpint(e, ==, JD_ENCODING_GB18030);
  g_assert_false(jd_encoding_from_string("latin1", &e));
}

static void test_utf8_then_invalid(void)
{
  GString *s = g_string_new(NULL);
  for (int i = 0; i < 4000; i++) g_string_append(s, "禁毒工作取得成效。\n");
  gsize bad = s->len;
  g_string_append(s, "坏\xFF\xFE字节\n");
  GError *e = NULL;
  GPtrArray *p = read_all("bad.txt", s->str, s->len, NULL, NULL, &e);
  g_assert_null(p);
  g_assert_error(e, JD_TEXT_ERROR, JD_TEXT_ERROR_ENCODING);
  g_autofree char *where = g_strdup_printf("bad.txt:4001:");
  g_autofree char *off = g_strdup_printf("byte %" G_GSIZE_FORMAT, bad + 3);
  g_assert_nonnull(strstr(e->message, where));
  g_assert_nonnull(strstr(e->message, off));
  g_assert_nonnull(strstr(e->message, "—"));
  g_clear_error(&e);
  jd_load_options opt = JD_LOAD_OPTIONS_INIT;
  opt.lenient = TRUE;
  jd_reader *r = jd_reader_open_bytes("bad.txt", s->str, s->len, &opt, &e);
  jd_paragraph par;
  const char *last = NULL;
  unsigned line = 0;
  while (jd_reader_next(r, &par, &e)) {
    line = par.line;
    last = par.text;
    if (line == 4001) g_assert_nonnull(strstr(last, "\xEF\xBF\xBD"));
  }
  g_assert_no_error(e);
  g_assert_cmpuint(line, ==, 4001);
  g_assert_cmpuint(jd_reader_get_warnings(r)->len, >=, 1);
  g_assert_nonnull(strstr(g_ptr_array_index(jd_reader_get_warnings(r), 0), "bad.txt:4001:"));
  jd_reader_free(r);
  g_string_free(s, TRUE);
}

/* The first 64 KiB read (the chunk the encoding is decided on, then
 * decoded: its UTF-8 check is made once and kept for the decoding) ending
 * inside a character, right after one, in an ASCII-only start, or before an
 * invalid byte: every line comes back whole, or the bad byte is named at its
 * offset (strict) or replaced (lenient). */
static void test_first_chunk_boundary(void)
{
  const size_t chunk = 64 * 1024;
  for (size_t shift = 0; shift < 4; shift++)
    for (int ascii = 0; ascii < 2; ascii++) {
      /* lines of 40 bytes ("禁毒工作。" + ASCII, or ASCII only), then a
       * Chinese line placed so that the chunk ends shift bytes into it */
      GString *s = g_string_new(NULL);
      while (s->len + 40 + 20 < chunk)
        g_string_append(s, ascii ? "abcdefghijklmnopqrstuvwxyz0123456789abc\n"
                                 : "禁毒工作。abcdefghijklmnopqrstuvwx\n");
      while (s->len < chunk - shift) g_string_append_c(s, 'x');
      g_string_append(s, "\n");
      gsize lines_before = 0;
      for (gsize i = 0; i < s->len; i++) lines_before += s->str[i] == '\n';
      const char *tail = "全省破获案件12起。";
      g_string_append(s, tail);
      GError *e = NULL;
      GPtrArray *p = read_all("chunk.txt", s->str, s->len, NULL, NULL, &e);
      g_assert_no_error(e);
      g_assert_cmpuint(p->len, ==, lines_before + 1);
      g_assert_cmpstr(p->pdata[p->len - 1], ==, tail);
      g_ptr_array_unref(p);
      /* an invalid byte in the place of the character's first byte */
      gsize bad = s->len - strlen(tail);
      s->str[bad] = (char)0xFF;
      p = read_all("chunk.txt", s->str, s->len, NULL, NULL, &e);
      g_assert_null(p);
      g_assert_error(e, JD_TEXT_ERROR, JD_TEXT_ERROR_ENCODING);
      g_autofree char *off = g_strdup_printf("byte %" G_GSIZE_FORMAT, bad);
      if (!ascii) g_assert_nonnull(strstr(e->message, off));
      g_clear_error(&e);
      jd_load_options opt = JD_LOAD_OPTIONS_INIT;
      opt.lenient = TRUE;
      p = read_all("chunk.txt", s->str, s->len, &opt, NULL, &e);
      g_assert_no_error(e);
      g_assert_cmpuint(p->len, ==, lines_before + 1);
      if (!ascii) g_assert_true(g_str_has_prefix(p->pdata[p->len - 1], "\xEF\xBF\xBD"));
      g_ptr_array_unref(p);
      g_string_free(s, TRUE);
    }
}

/* A reader takes the buffers the last one freed (text.c keeps one set):
 * readers one after another, two at once, and after one whose buffers grew
 * past what is kept (a 200 KB line) each read exactly their own text. */
static void test_reader_buffers_reused(void)
{
  const char *a = "全省破获毒品案件1480起。\n\n抓获犯罪嫌疑人1870名。\n";
  const char *b = "禁毒工作會議召開。\n繳獲毒品2.1噸。\n";
  GString *big = g_string_new(NULL);
  while (big->len < 200 * 1024) g_string_append(big, "全市破获案件12起，");
  g_string_append(big, "\n末行。\n");
  GError *e = NULL;
  GPtrArray *first = read_all("a.txt", a, strlen(a), NULL, NULL, &e);
  g_assert_no_error(e);
  g_assert_cmpuint(first->len, ==, 2);
  for (int round = 0; round < 3; round++) {
    /* two at once: the second gets fresh buffers or the spare ones */
    jd_reader *ra = jd_reader_open_bytes("a.txt", a, strlen(a), NULL, &e);
    jd_reader *rb = jd_reader_open_bytes("b.txt", b, strlen(b), NULL, &e);
    g_assert_no_error(e);
    jd_paragraph pa, pb;
    g_assert_true(jd_reader_next(ra, &pa, &e));
    g_assert_true(jd_reader_next(rb, &pb, &e));
    g_assert_cmpstr(pa.text, ==, first->pdata[0]);
    g_assert_cmpstr(pb.text, ==, "禁毒工作会议召开。");
    jd_reader_free(ra);
    g_assert_true(jd_reader_next(rb, &pb, &e));
    g_assert_cmpstr(pb.text, ==, "缴获毒品2.1吨。");
    g_assert_false(jd_reader_next(rb, &pb, &e));
    jd_reader_free(rb);
    g_assert_no_error(e);
    GPtrArray *p = read_all("big.txt", big->str, big->len, NULL, NULL, &e);
    g_assert_no_error(e);
    g_assert_cmpstr(p->pdata[p->len - 1], ==, "末行。");
    g_ptr_array_unref(p);
    p = read_all("a.txt", a, strlen(a), NULL, NULL, &e);
    g_assert_no_error(e);
    g_assert_cmpuint(p->len, ==, first->len);
    for (guint i = 0; i < p->len; i++) g_assert_cmpstr(p->pdata[i], ==, first->pdata[i]);
    g_ptr_array_unref(p);
  }
  g_ptr_array_unref(first);
  g_string_free(big, TRUE);
}

/* A Big5 document with user-defined characters (codes Big5 leaves to the
 * user, no Unicode character) is still read as Big5: each one is U+FFFD and
 * a warning names the file and line. Before, the document fell to GB18030
 * and was read as garbage with no word said. */
static void test_big5_udc(void)
{
  const char *lines[] = {"全國破獲毒品案件1234起。", "抓獲犯罪嫌疑人2345名。", "一名", "同比上升5%。"};
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < G_N_ELEMENTS(lines); i++) {
    gsize n;
    GError *e = NULL;
    g_autofree char *b = g_convert(lines[i], -1, "BIG5", "UTF-8", NULL, &n, &e);
    g_assert_no_error(e);
    if (i == 0) g_string_append(s, "\x81\x40"); /* first byte of the file */
    if (i == 2) g_string_append(s, "\x85\x40\x86\xA1"); /* two on line 3 */
    g_string_append_len(s, b, (gssize)n);
    g_string_append_c(s, '\n');
  }
  GError *e = NULL;
  jd_reader *r = jd_reader_open_bytes("udc.txt", s->str, s->len, NULL, &e);
  g_assert_no_error(e);
  jd_paragraph p;
  GString *all = g_string_new(NULL);
  while (jd_reader_next(r, &p, &e)) g_string_append_printf(all, "%u:%s\n", p.line, p.text);
  g_assert_no_error(e);
  g_assert_cmpint(jd_reader_get_encoding(r), ==, JD_ENCODING_BIG5);
  g_assert_nonnull(strstr(all->str, "\xEF\xBF\xBD全国破获毒品案件1234起"));
  g_assert_nonnull(strstr(all->str, "抓获犯罪嫌疑人2345名"));
  if (!strstr(all->str, "\xEF\xBF\xBD\xEF\xBF\xBD一名")) { fprintf(stderr, "read: %s", all->str); g_assert_not_reached(); }
  const GPtrArray *w = jd_reader_get_warnings(r);
  g_assert_cmpuint(w->len, ==, 2); /* one per line */
  g_assert_nonnull(strstr(w->pdata[0], "udc.txt:1:"));
  g_assert_nonnull(strstr(w->pdata[0], "user-defined character"));
  g_assert_nonnull(strstr(w->pdata[0], "0x8140"));
  g_assert_nonnull(strstr(w->pdata[0], "--encoding"));
  g_assert_nonnull(strstr(w->pdata[1], "udc.txt:3:"));
  jd_reader_free(r);
  /* forced Big5 reads the same way */
  jd_load_options opt = JD_LOAD_OPTIONS_INIT;
  opt.encoding = JD_ENCODING_BIG5;
  r = jd_reader_open_bytes("udc.txt", s->str, s->len, &opt, &e);
  g_assert_no_error(e);
  guint n = 0;
  while (jd_reader_next(r, &p, &e)) n++;
  g_assert_no_error(e);
  g_assert_cmpuint(n, ==, 4);
  g_assert_cmpuint(jd_reader_get_warnings(r)->len, ==, 2);
  jd_reader_free(r);
  g_string_free(all, TRUE);
  g_string_free(s, TRUE);
}

static void test_ascii_then_gb(void)
{
  GString *s = g_string_new(NULL);
  for (int i = 0; i < 5000; i++) g_string_append(s, "header line\n");
  gsize gblen;
  g_autofree char *gb = g_convert("缴获毒品3公斤", -1, "GB18030", "UTF-8", NULL, &gblen, NULL);
  g_string_append_len(s, gb, (gssize)gblen);
  jd_encoding enc;
  g_autofree char *got = normalized_of(s->str, s->len, NULL, &enc);
  g_assert_nonnull(strstr(got, "5001:缴获毒品3公斤"));
  g_assert_cmpint(enc, ==, JD_ENCODING_GB18030);
  g_string_free(s, TRUE);
}

static void test_neither_encoding(void)
{
  const char *data = "abc\n\x80\x80\x80\xFF\xFF\n";
  GError *e = NULL;
  g_assert_null(read_all("x.txt", data, strlen(data), NULL, NULL, &e));
  g_assert_error(e, JD_TEXT_ERROR, JD_TEXT_ERROR_ENCODING);
  g_assert_nonnull(strstr(e->message, "x.txt:2:"));
  g_assert_nonnull(strstr(e->message, "--lenient"));
  g_clear_error(&e);
  jd_load_options opt = JD_LOAD_OPTIONS_INIT;
  opt.lenient = TRUE;
  GPtrArray *p = read_all("x.txt", data, strlen(data), &opt, NULL, &e);
  g_assert_no_error(e);
  g_assert_cmpuint(p->len, ==, 2);
  g_ptr_array_unref(p);
  /* UTF-16 gets its own advice */
  g_assert_null(read_all("u.txt", "\xFF\xFE" "a\0b\0", 6, NULL, NULL, &e));
  g_assert_error(e, JD_TEXT_ERROR, JD_TEXT_ERROR_ENCODING);
  g_assert_nonnull(strstr(e->message, "UTF-16"));
  g_clear_error(&e);
}

static void test_binary(void)
{
  const char data[] = "\x7F" "ELF\x02\x01\x01\0\0\0garbage";
  GError *e = NULL;
  g_assert_null(read_all("x.bin", data, sizeof data - 1, NULL, NULL, &e));
  g_assert_error(e, JD_TEXT_ERROR, JD_TEXT_ERROR_BINARY);
  g_assert_nonnull(strstr(e->message, "x.bin:1:"));
  g_clear_error(&e);
  /* a zip is read as a .docx or .odt: a damaged one says so */
  const char zip[] = "PK\x03\x04\0\0\x01\x02garbage";
  g_assert_null(read_all("x.zip", zip, sizeof zip - 1, NULL, NULL, &e));
  g_assert_error(e, JD_TEXT_ERROR, JD_TEXT_ERROR_FORMAT);
  g_assert_nonnull(strstr(e->message, "x.zip: a damaged zip"));
  g_clear_error(&e);
}

static void test_empty(void)
{
  GError *e = NULL;
  jd_reader *r = jd_reader_open_bytes("empty.txt", "", 0, NULL, &e);
  jd_paragraph p;
  g_assert_false(jd_reader_next(r, &p, &e));
  g_assert_no_error(e);
  g_assert_cmpuint(jd_reader_get_paragraph_count(r), ==, 0);
  jd_reader_free(r);
  r = jd_reader_open_bytes("blank.txt", "\n \r\n\t\n", 6, NULL, &e);
  g_assert_false(jd_reader_next(r, &p, &e));
  g_assert_no_error(e);
  jd_reader_free(r);
}

/* A single 100 MB line, written at test time: cut into bounded pieces at
 * sentence ends, all on line 1, nothing lost. */
static void test_long_line(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *path = g_build_filename(dir, "long.txt", NULL);
  FILE *f = g_fopen(path, "wb");
  g_assert_nonnull(f);
  const char *sentence = "全省破获毒品案件1480多起。"; /* 37 bytes */
  size_t slen = strlen(sentence), total = 0;
  char block[37 * 1000 + 1];
  block[0] = 0;
  for (int i = 0; i < 1000; i++) strcat(block, sentence);
  while (total < 100u * 1024 * 1024) {
    fwrite(block, 1, strlen(block), f);
    total += strlen(block);
  }
  fputs("\n第二行\n", f);
  fclose(f);
  GError *e = NULL;
  jd_reader *r = jd_reader_open(path, NULL, &e);
  g_assert_no_error(e);
  jd_paragraph p;
  size_t got = 0, n = 0;
  gboolean saw_second = FALSE;
  while (jd_reader_next(r, &p, &e)) {
    if (p.line == 2) {
      g_assert_cmpstr(p.text, ==, "第二行");
      g_assert_false(p.continued);
      saw_second = TRUE;
      continue;
    }
    g_assert_cmpuint(p.line, ==, 1);
    g_assert_cmpuint(p.len, <=, 64 * 1024);
    g_assert_true(p.continued == (n > 0));
    g_assert_true(g_str_has_suffix(p.text, "。"));
    got += p.len;
    n++;
  }
  g_assert_no_error(e);
  g_assert_true(saw_second);
  g_assert_cmpuint(got, ==, total);
  g_assert_cmpuint(total % slen, ==, 0);
  jd_reader_free(r);
  jd_test_rm_rf(dir);
}

static void test_collect(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *sub = g_build_filename(dir, "b", NULL);
  g_mkdir(sub, 0755);
  const char *names[] = {"z.txt", "a.md", "b/c.txt", "skip.csv", ".hidden.txt"};
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
    g_autofree char *p = g_build_filename(dir, names[i], NULL);
    g_assert_true(g_file_set_contents(p, "禁毒\n", -1, NULL));
  }
  GError *e = NULL;
  const char *args[] = {dir, "-"};
  GPtrArray *files = jd_inputs_collect(args, 2, &e);
  g_assert_no_error(e);
  g_assert_cmpuint(files->len, ==, 4);
  g_assert_true(g_str_has_suffix(files->pdata[0], "/a.md"));
  g_assert_true(g_str_has_suffix(files->pdata[1], "/b/c.txt"));
  g_assert_true(g_str_has_suffix(files->pdata[2], "/z.txt"));
  g_assert_cmpstr(files->pdata[3], ==, "-");
  g_ptr_array_unref(files);

  const char *missing[] = {"/nonexistent/jindu/doc.txt"};
  g_assert_null(jd_inputs_collect(missing, 1, &e));
  g_assert_error(e, JD_TEXT_ERROR, JD_TEXT_ERROR_NOT_FOUND);
  g_clear_error(&e);

  g_autofree char *emptydir = g_build_filename(dir, "empty", NULL);
  g_mkdir(emptydir, 0755);
  const char *none[] = {emptydir};
  g_assert_null(jd_inputs_collect(none, 1, &e));
  g_assert_error(e, JD_TEXT_ERROR, JD_TEXT_ERROR_NO_DOCUMENTS);
  g_clear_error(&e);

  g_assert_null(jd_reader_open("/nonexistent/jindu/doc.txt", NULL, &e));
  g_assert_error(e, JD_TEXT_ERROR, JD_TEXT_ERROR_NOT_FOUND);
  g_clear_error(&e);
  jd_test_rm_rf(dir);
}

static void test_split(void)
{
  const char *t = "今年以来,破获案件54起,抓获31名。同比上升33%;时间13:55:26,“禁毒”。结束";
  GArray *a = g_array_new(FALSE, FALSE, sizeof(jd_span));
  g_assert_cmpuint(jd_text_split_clauses(t, strlen(t), a), ==, 7);
  const char *want[] = {"今年以来", "破获案件54起", "抓获31名", "同比上升33%",
                        "时间13:55:26", "“禁毒”", "结束"};
  for (guint i = 0; i < a->len; i++) {
    jd_span *s = &g_array_index(a, jd_span, i);
    g_autofree char *piece = g_strndup(t + s->start, s->end - s->start);
    g_assert_cmpstr(piece, ==, want[i]);
  }
  g_assert_false(g_array_index(a, jd_span, 0).sentence_end);
  g_assert_true(g_array_index(a, jd_span, 2).sentence_end);
  g_array_set_size(a, 0);
  g_assert_cmpuint(jd_text_split_sentences(t, strlen(t), a), ==, 4);
  /* full-width punctuation splits the same way; 、 does not split */
  const char *fw = "甲、乙，丙。丁！";
  g_array_set_size(a, 0);
  g_assert_cmpuint(jd_text_split_clauses(fw, strlen(fw), a), ==, 3);
  g_array_unref(a);
}

/* a document normalizes, and paragraph lines match the original lines */
static void check_lines(const char *path)
{
  {
    gsize len;
    g_autofree char *data = jd_test_read_file(path, &len);
    char **orig = g_strsplit(data, "\n", -1);
    GError *e = NULL;
    jd_reader *r = jd_reader_open(path, NULL, &e);
    g_assert_no_error(e);
    jd_paragraph p;
    while (jd_reader_next(r, &p, &e)) {
      g_assert_cmpuint(p.line, <=, g_strv_length(orig));
      /* the first CJK character of the paragraph occurs on its original line */
      gunichar c = g_utf8_get_char(p.text);
      char buf[8] = {0};
      g_unichar_to_utf8(c, buf);
      g_autofree char *line = jd_text_normalize(orig[p.line - 1], strlen(orig[p.line - 1]), FALSE);
      g_assert_nonnull(strstr(line, buf));
      g_assert_null(strstr(p.text, "rdquo;"));
      g_assert_null(strstr(p.text, "\xEF\xBC\x8C")); /* ， */
    }
    g_assert_no_error(e);
    g_assert_cmpuint(jd_reader_get_paragraph_count(r), >, 3);
    jd_reader_free(r);
    g_strfreev(orig);
  }
}

static void test_gb18030_seeds(void) { jd_test_each_seed(check_gb18030); }
static void test_gb18030_docs(void) { jd_test_each_doc(check_gb18030); }
static void test_traditional_seeds(void) { jd_test_each_seed(check_traditional); }
static void test_traditional_docs(void) { jd_test_each_doc(check_traditional); }
static void test_big5_seeds(void) { jd_test_each_seed(check_big5); }
static void test_big5_docs(void) { jd_test_each_doc(check_big5); }
static void test_seed_lines(void) { jd_test_each_seed(check_lines); }
static void test_doc_lines(void) { jd_test_each_doc(check_lines); }

static void test_cli(void)
{
  char *out = NULL, *err = NULL;
  g_autofree char *seed = jd_test_doc_path("hubei-2021-tongbao.txt");
  const char *a1[] = {"normalize", "--lines", seed, NULL};
  g_assert_cmpint(jd_test_run_cli(a1, NULL, NULL, &out, &err), ==, JD_EXIT_OK);
  g_assert_true(g_str_has_prefix(out, "1\t"));
  g_free(out);
  g_free(err);

  const char *a2[] = {"normalize", "-", NULL};
  g_assert_cmpint(jd_test_run_cli(a2, NULL, "繳獲１２３公斤\r\n", &out, &err), ==, JD_EXIT_OK);
  g_assert_cmpstr(out, ==, "缴获123公斤\n");
  g_free(out);
  g_free(err);

  const char *a3[] = {"normalize", "/nonexistent/jindu.txt", NULL};
  g_assert_cmpint(jd_test_run_cli(a3, NULL, NULL, NULL, &err), ==, JD_EXIT_INPUT);
  g_assert_true(g_str_has_prefix(err, "jindu: /nonexistent/jindu.txt: "));
  g_assert_nonnull(strstr(err, "—"));
  g_free(err);

  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *bin = g_build_filename(dir, "bin.txt", NULL);
  g_assert_true(g_file_set_contents(bin, "ab\0cd", 5, NULL));
  const char *a4[] = {"normalize", bin, NULL};
  g_assert_cmpint(jd_test_run_cli(a4, NULL, NULL, NULL, &err), ==, JD_EXIT_INPUT);
  g_assert_nonnull(strstr(err, "bin.txt:1: binary"));
  g_free(err);

  g_autofree char *empty = g_build_filename(dir, "empty.txt", NULL);
  g_assert_true(g_file_set_contents(empty, "", 0, NULL));
  const char *a5[] = {"normalize", empty, NULL};
  g_assert_cmpint(jd_test_run_cli(a5, NULL, NULL, NULL, &err), ==, JD_EXIT_INPUT);
  g_assert_nonnull(strstr(err, "empty"));
  g_free(err);

  const char *a6[] = {"normalize", "--encoding", "latin9", seed, NULL};
  g_assert_cmpint(jd_test_run_cli(a6, NULL, NULL, NULL, &err), ==, JD_EXIT_USAGE);
  g_free(err);

  g_autofree char *bad = g_build_filename(dir, "bad.txt", NULL);
  g_assert_true(g_file_set_contents(bad, "ok\n\x80\x80\xFF\n", -1, NULL));
  const char *a7[] = {"normalize", bad, NULL};
  g_assert_cmpint(jd_test_run_cli(a7, NULL, NULL, NULL, &err), ==, JD_EXIT_INPUT);
  g_assert_nonnull(strstr(err, "bad.txt:2:"));
  g_free(err);
  const char *a8[] = {"normalize", "--lenient", bad, NULL};
  g_assert_cmpint(jd_test_run_cli(a8, NULL, NULL, &out, &err), ==, JD_EXIT_OK);
  g_assert_nonnull(strstr(err, "warning"));
  g_free(out);
  g_free(err);
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_test_add("/text/normalize/traditional", test_traditional);
  jd_test_add("/text/normalize/fullwidth", test_fullwidth);
  jd_test_add("/text/normalize/thousands", test_thousands);
  jd_test_add("/text/normalize/entities", test_entities);
  jd_test_add("/text/normalize/layout-spaces", test_layout_spaces);
  jd_test_add("/text/reader/line-numbers", test_line_numbers);
  jd_test_add("/text/reader/tab-table", test_tab_table);
  jd_test_add("/text/reader/wide-and-bar-tables", test_wide_and_bar_tables);
  jd_test_add("/text/reader/layout-tables", test_layout_tables);
  jd_test_add("/text/reader/wide-rows-out-of-line", test_wide_rows_out_of_line);
  jd_test_add("/text/reader/bom", test_bom);
  jd_test_add_seeds("/text/reader/gb18030-seeds", test_gb18030_seeds);
  jd_test_add("/text/reader/gb18030-docs", test_gb18030_docs);
  jd_test_add_seeds("/text/reader/traditional-seeds", test_traditional_seeds);
  jd_test_add("/text/reader/traditional-docs", test_traditional_docs);
  jd_test_add_seeds("/text/reader/seed-lines", test_seed_lines);
  jd_test_add("/text/reader/doc-lines", test_doc_lines);
  jd_test_add_seeds("/text/reader/big5-seeds", test_big5_seeds);
  jd_test_add("/text/reader/big5-docs", test_big5_docs);
  jd_test_add("/text/reader/big5-udc", test_big5_udc);
  jd_test_add("/text/bad/utf8-then-invalid", test_utf8_then_invalid);
  jd_test_add("/text/reader/first-chunk-boundary", test_first_chunk_boundary);
  jd_test_add("/text/reader/buffers-reused", test_reader_buffers_reused);
  jd_test_add("/text/reader/ascii-then-gb18030", test_ascii_then_gb);
  jd_test_add("/text/bad/neither-encoding", test_neither_encoding);
  jd_test_add("/text/bad/binary", test_binary);
  jd_test_add("/text/bad/empty", test_empty);
  jd_test_add("/text/bad/long-line", test_long_line);
  jd_test_add("/text/inputs/collect", test_collect);
  jd_test_add("/text/split", test_split);
  jd_test_add("/text/cli", test_cli);
  return jd_test_run();
}
