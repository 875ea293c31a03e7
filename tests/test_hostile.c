/* Hostile and huge inputs (issue 21), through the CLI: bounded work for any
 * value, no path from data to the file system, spreadsheet-safe outputs and
 * no number lost. Each case failed before its fix. */
#define _DEFAULT_SOURCE 1
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "schedule/build-private.h"
#include "jindu/figure.h"
#include "testutil.h"

static char *tmp;

static char *write_tmp(const char *name, const char *text)
{
  char *p = g_build_filename(tmp, name, NULL);
  g_assert_true(g_file_set_contents(p, text, -1, NULL));
  return p;
}

/* Runs jindu; returns the exit code, *out and *err owned by the caller. */
static int cli(const char *const *argv, char **out, char **err)
{
  return jd_test_run_cli(argv, tmp, NULL, out, err);
}

/* ------------------------------------------------------- bounded work */

/* 9007199254740992 = 2^53: a search stepping a double by one never moved; the
 * number is now left out with a warning naming the file and line. */
static void test_two_pow_53_does_not_hang(void)
{
  g_autofree char *p = write_tmp("big.txt", "2020年全国破获毒品案件9007199254740992起。"
                                            "2021年全国破获毒品案件9000万亿起，同比上升50%。\n");
  const char *argv[] = {"audit", p, NULL};
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint(cli(argv, &out, &err), ==, 0);
  const char *xargv[] = {"extract", p, NULL};
  g_autofree char *xout = NULL, *xerr = NULL;
  g_assert_cmpint(cli(xargv, &xout, &xerr), ==, 0);
  g_assert_nonnull(strstr(xerr, "big.txt:1: the number 9007199254740992"));
  g_assert_nonnull(strstr(xerr, "beyond exact precision"));
  /* the digits of an address or a name are no number of the text: no warning */
  g_autofree char *u = write_tmp("url.txt", "来源：http://example.cn/article/1/1567314036092829698.html\n"
                                            "附件：scan_20230101123456789012.pdf，编号id=98765432109876543210\n"
                                            "2020年全国破获毒品案件5万起。\n");
  const char *uargv[] = {"extract", u, NULL};
  g_autofree char *uout = NULL, *uerr = NULL;
  g_assert_cmpint(cli(uargv, &uout, &uerr), ==, 0);
  g_assert_null(strstr(uerr, "beyond exact precision"));
  g_assert_nonnull(strstr(uout, "50000"));
}

/* Values beyond the plausible range of their unit (data/lexicon/ranges.tsv):
 * a document's figure is left out with a warning naming file and line; a
 * figures table's row is an error naming file and line (exit 3), in analyze,
 * report and build alike. Before, 50亿名 and 3e9 cases were figures. */
static void test_implausible_values_refused(void)
{
  g_autofree char *p = write_tmp("absurd.txt", "2021年全市抓获吸毒人员50亿名，破获毒品案件30亿起，"
                                               "缴获毒品12吨。\n2021年全市抓获犯罪嫌疑人-20名。\n");
  const char *xargv[] = {"extract", p, NULL};
  g_autofree char *xout = NULL, *xerr = NULL;
  g_assert_cmpint(cli(xargv, &xout, &xerr), ==, 0);
  g_assert_nonnull(strstr(xout, ",12000,kg,"));
  g_assert_null(strstr(xout, ",person,"));
  g_assert_null(strstr(xout, ",case,"));
  g_assert_nonnull(strstr(xerr, "absurd.txt:1: 5000000000 person is more than any plausible"));
  g_assert_nonnull(strstr(xerr, "absurd.txt:1: 3000000000 case is more than any plausible"));
  g_assert_nonnull(strstr(xerr, "left out"));
  g_autofree char *c = write_tmp("absurd.csv", "doc,line,metric,region,period,value,unit,kind\n"
                                               "a.txt,1,cases_solved,全国,2020,5,case,level\n"
                                               "a.txt,2,cases_solved,全国,2021,3e9,case,level\n");
  g_autofree char *n = write_tmp("negative.csv", "doc,line,metric,region,period,value,unit,kind\n"
                                                 "a.txt,1,suspects_arrested,全国,2020,-3,person,level\n");
  const char *cmds[][5] = {{"analyze", c, NULL}, {"report", c, "-o", "absurd.pdf", NULL},
                           {"analyze", n, NULL}};
  for (size_t i = 0; i < G_N_ELEMENTS(cmds); i++) {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint(cli(cmds[i], &out, &err), ==, 3);
    const char *want = i < 2 ? "absurd.csv:3: column 'value': 3000000000 case is more than any plausible"
                             : "negative.csv:2: column 'value': -3 person is less than any plausible";
    if (!strstr(err, want)) g_error("%s: %s", cmds[i][0], err);
  }
  /* the range is a level's: a fall of 3 people is fine */
  g_autofree char *ok = write_tmp("fall.csv", "doc,line,metric,region,period,value,unit,kind,base_period\n"
                                              "a.txt,1,suspects_arrested,全国,2021,-3,person,change_abs,2020\n");
  const char *aargv[] = {"analyze", ok, NULL};
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint(cli(aargv, &out, &err), ==, 0);
}

/* Every number left out is said, whatever command read the document: analyze,
 * audit, report and build extracted with the conveniences that kept the
 * extractor's and the reader's warnings to themselves (silent drops). */
static void test_dropped_values_said_everywhere(void)
{
  g_autofree char *proj = g_build_filename(tmp, "said", NULL);
  g_autofree char *docs = g_build_filename(proj, "docs", NULL);
  g_assert_cmpint(g_mkdir_with_parents(docs, 0755), ==, 0);
  g_autofree char *d = write_tmp("said/docs/a.txt", "2021年全市抓获吸毒人员50亿名，破获毒品案件12起。\n"
                                                    "2020年全市破获毒品案件9007199254740993起。\n");
  g_autofree char *ini = write_tmp("said/jindu.ini", "[input]\ndocuments=docs\n[output]\ndir=out\n"
                                                     "report=\ncharts=\nlock_timeout=5\n");
  g_autofree char *pdf = g_build_filename(proj, "r.pdf", NULL);
  const char *cmds[][5] = {{"analyze", docs, NULL}, {"analyze", d, NULL}, {"audit", docs, NULL},
                           {"report", docs, "-o", pdf, NULL}, {"build", "-c", ini, NULL}};
  for (size_t i = 0; i < G_N_ELEMENTS(cmds); i++) {
    g_autofree char *out = NULL, *err = NULL;
    int rc = cli(cmds[i], &out, &err);
    if (rc != 0 || !strstr(err, "a.txt:1: 5000000000 person is more than any plausible") ||
        !strstr(err, "a.txt:2: the number 9007199254740993 is beyond exact precision"))
      g_error("%s %s: exit %d, stderr: %s", cmds[i][0], cmds[i][1], rc, err);
  }
  /* stdin too */
  g_autofree char *in = jd_test_read_file(d, NULL);
  const char *argv[] = {"analyze", "-", NULL};
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint(jd_test_run_cli(argv, tmp, in, &out, &err), ==, 0);
  g_assert_nonnull(strstr(err, "stdin:1: 5000000000 person"));
}

/* A figures table of 1e300 and 1e308 hung analyze: rejected with file:line. */
static void test_huge_csv_values_rejected(void)
{
  g_autofree char *p = write_tmp("huge.csv", "doc,line,metric,region,period,value,unit,kind\n"
                                             "a.txt,1,cases_solved,全国,2020,1e300,case,level\n"
                                             "a.txt,2,cases_solved,全国,2021,1e308,case,level\n");
  const char *argv[] = {"analyze", p, NULL};
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint(cli(argv, &out, &err), ==, 3);
  g_assert_nonnull(strstr(err, "huge.csv:2: column 'value'"));
}

/* A 400-digit number is left out with the warning the README promises. */
static void test_400_digits_warned(void)
{
  GString *s = g_string_new("2021年破获毒品案件");
  for (int i = 0; i < 400; i++) g_string_append_c(s, '9');
  g_string_append(s, "起。\n");
  g_autofree char *p = write_tmp("digits.txt", s->str);
  g_string_free(s, TRUE);
  const char *argv[] = {"extract", p, NULL};
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint(cli(argv, &out, &err), ==, 0);
  g_assert_nonnull(strstr(err, "digits.txt:1: the number 9999"));
  g_assert_null(strstr(out, "999999"));
}

/* ------------------------------------------------------- no number lost */

static void test_kilogram_after_decimal(void)
{
  /* 千克 after a number that did not take the 千 was a phantom "1 kg" */
  g_autofree char *p = write_tmp("kg.txt", "缴获毒品三点八千克。\n查获冰毒3.千克。\n另查获余千克。\n"
                                           "缴获毒品350.5千克，其中海洛因3.8千克。\n");
  const char *argv[] = {"extract", p, NULL};
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint(cli(argv, &out, &err), ==, 0);
  g_assert_null(strstr(out, ",1,kg,"));
  g_assert_nonnull(strstr(out, ",3.8,kg,"));
  g_assert_nonnull(strstr(out, ",350.5,kg,"));
}

static void test_round_trip_values(void)
{
  g_autofree char *p = write_tmp("n.txt", "全市缴获毒资12345678901元，缴获毒品350克。\n");
  const char *argv[] = {"extract", "--format", "jsonl", p, NULL};
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint(cli(argv, &out, &err), ==, 0);
  g_assert_nonnull(strstr(out, "\"value\":12345678901,"));
  g_assert_nonnull(strstr(out, "\"value\":0.35,"));
}


/* ---------------------------------------------- the manifest and clean-up */

/* A path holding newlines, tabs and a whole forged record reads back as one
 * entry with exactly that path; a cut, a lying length, an output outside the
 * directory make the whole manifest unreadable. */
static void test_manifest_cannot_be_forged(void)
{
  const char *evil = "/d/x\noutput 3:abc 9:notes.txt\n\tinput\t1\t/etc.txt";
  g_autoptr(GPtrArray) e = g_ptr_array_new_with_free_func(jd_manifest_entry_free);
  g_ptr_array_add(e, jd_manifest_entry_new("input", "00ff", evil));
  g_ptr_array_add(e, jd_manifest_entry_new("output", "abcd", "charts/a.png"));
  GString *m = jd_manifest_format(e);
  GPtrArray *back = jd_manifest_parse(m->str, m->len);
  g_assert_nonnull(back);
  g_assert_cmpuint(back->len, ==, 2);
  g_assert_cmpstr(((jd_manifest_entry *)back->pdata[0])->path, ==, evil);
  g_assert_cmpstr(((jd_manifest_entry *)back->pdata[1])->kind, ==, "output");
  g_ptr_array_unref(back);
  for (size_t cut = 1; cut < m->len; cut++) {
    GPtrArray *part = jd_manifest_parse(m->str, cut);
    /* a prefix parses only when it ends exactly after a record */
    if (part) {
      g_assert_true(m->str[cut - 1] == '\n');
      g_ptr_array_unref(part);
    }
  }
  g_string_free(m, TRUE);
  const char *bad[] = {
      "jindu-manifest 2\noutput 1:a 5:../x1\n", "jindu-manifest 2\noutput 1:a 6:/etc/x\n",
      "jindu-manifest 2\ninput 1:a 99:short\n", "jindu-manifest 2\ninput 1:a 5:abcde",
      "jindu-manifest 2\nOUTPUT 1:a 1:x\n",     "jindu-manifest 1\noutput\tabc\tnotes.txt\n",
      "jindu-manifest 2\noutput 1:a 0:\n",      "jindu-manifest 2\noutput 1:; 1:x\n"};
  for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
    GPtrArray *p = jd_manifest_parse(bad[i], strlen(bad[i]));
    if (p) g_error("forged manifest accepted: %s", bad[i]);
  }
}

/* Removal never follows a symlink, and never leaves the output directory. */
static void test_remove_never_through_symlink(void)
{
  g_autofree char *out = g_build_filename(tmp, "rm-out", NULL);
  g_autofree char *ext = g_build_filename(tmp, "rm-ext", NULL);
  g_assert_cmpint(g_mkdir_with_parents(out, 0755), ==, 0);
  g_assert_cmpint(g_mkdir_with_parents(ext, 0755), ==, 0);
  g_autofree char *victim = write_tmp("rm-ext/a.png", "x");
  g_autofree char *link = g_build_filename(out, "charts", NULL);
  g_assert_cmpint(symlink(ext, link), ==, 0);
  g_autofree char *flink = g_build_filename(out, "b.png", NULL);
  g_assert_cmpint(symlink(victim, flink), ==, 0);
  g_assert_false(jd_manifest_remove_output(out, "charts/a.png"));
  g_assert_false(jd_manifest_remove_output(out, "../rm-ext/a.png"));
  g_assert_false(jd_manifest_remove_output(out, victim));
  g_assert_false(jd_manifest_remove_output(out, "b.png"));
  g_assert_true(g_file_test(victim, G_FILE_TEST_IS_REGULAR));
  g_autofree char *own = write_tmp("rm-out/own.csv", "x");
  g_assert_true(jd_manifest_remove_output(out, "own.csv"));
  g_assert_false(g_file_test(own, G_FILE_TEST_EXISTS));
}

/* A document named with newlines and tabs that spell manifest records: the
 * next build's clean-up deleted other files of the output directory. */
static void test_build_forged_name_deletes_nothing(void)
{
  g_autofree char *proj = g_build_filename(tmp, "forge", NULL);
  g_autofree char *docs = g_build_filename(proj, "docs", NULL);
  g_autofree char *outd = g_build_filename(proj, "out", NULL);
  g_assert_cmpint(g_mkdir_with_parents(docs, 0755), ==, 0);
  g_assert_cmpint(g_mkdir_with_parents(outd, 0755), ==, 0);
  g_autofree char *ini = write_tmp("forge/jindu.ini", "[input]\ndocuments=docs\n[output]\ndir=out\n"
                                                     "report=\ncharts=\nlock_timeout=5\n");
  g_autofree char *ok = write_tmp("forge/docs/a.txt", "2021年全市破获毒品案件12起。\n");
  const char *evil_name = "x\noutput\t0\tnotes.txt\noutput\t0\tindex.html\ninput\t0\ty.txt";
  g_autofree char *evil = g_build_filename(docs, evil_name, NULL);
  g_assert_true(g_file_set_contents(evil, "2021年全市抓获毒品犯罪嫌疑人5名。\n", -1, NULL));
  const char *argv[] = {"build", "-c", ini, NULL};
  g_autofree char *o1 = NULL, *e1 = NULL;
  g_assert_cmpint(cli(argv, &o1, &e1), ==, 0);
  g_autofree char *notes = write_tmp("forge/out/notes.txt", "mine");
  g_autofree char *index = write_tmp("forge/out/index.html", "mine");
  g_assert_cmpint(g_unlink(evil), ==, 0);
  g_autofree char *o2 = NULL, *e2 = NULL;
  g_assert_cmpint(cli(argv, &o2, &e2), ==, 0);
  g_assert_true(g_file_test(notes, G_FILE_TEST_IS_REGULAR));
  g_assert_true(g_file_test(index, G_FILE_TEST_IS_REGULAR));
}

/* The lock file is never followed when it is a symlink. */
static void test_lock_symlink_not_followed(void)
{
  g_autofree char *proj = g_build_filename(tmp, "lock", NULL);
  g_autofree char *outd = g_build_filename(proj, "out", NULL);
  g_assert_cmpint(g_mkdir_with_parents(outd, 0755), ==, 0);
  g_autofree char *target = g_build_filename(proj, "victim", NULL);
  g_autofree char *lock = g_build_filename(outd, ".jindu.lock", NULL);
  g_assert_cmpint(symlink(target, lock), ==, 0);
  g_autofree char *doc = write_tmp("lock/a.txt", "2021年全市破获毒品案件12起。\n");
  g_autofree char *ini = write_tmp("lock/jindu.ini", "[input]\ndocuments=a.txt\n[output]\ndir=out\n"
                                                    "report=\ncharts=\n");
  const char *argv[] = {"build", "-c", ini, NULL};
  g_autofree char *o = NULL, *e = NULL;
  g_assert_cmpint(cli(argv, &o, &e), ==, 4);
  g_assert_nonnull(strstr(e, "symbolic link"));
  g_assert_false(g_file_test(target, G_FILE_TEST_EXISTS));
}

/* ------------------------------------------------------- configuration */

static void test_config_rejects(void)
{
  g_autofree char *doc = write_tmp("cfg-a.txt", "2021年全市破获毒品案件12起。\n");
  const struct {
    const char *ini, *want;
    int code;
  } cases[] = {
      {"[input]\ndocuments=cfg-a.txt\n[output]\ndir=cfg-out\nlock_timeout=1e300\n", "lock_timeout", 3},
      {"[input]\ndocuments=cfg-a.txt\n[output]\ndir=cfg-out\ndir=elsewhere\n", "cfg.ini:5: key 'dir' is set twice", 3},
      {"[input]\ndocuments=cfg-a.txt\n[report]\nmetrics=cases_solved;no_such_metric\n", "no_such_metric", 3},
      {"[input]\ndocuments=cfg-a.txt\n[output]\ndir=cfg-out\n[report]\ntheme=/etc/passwd\n", "/etc/passwd:1:", 3},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *ini = write_tmp("cfg.ini", cases[i].ini);
    const char *argv[] = {"build", "-c", ini, NULL};
    g_autofree char *o = NULL, *e = NULL;
    int rc = cli(argv, &o, &e);
    if (rc != cases[i].code || !strstr(e, cases[i].want))
      g_error("case %zu: exit %d, stderr %s", i, rc, e);
    g_assert_null(strstr(e, "root:")); /* a theme's content is never echoed */
  }
  const char *argv[] = {"build", "-c", "cfg.ini", "--wait", "1e300", NULL};
  g_autofree char *o = NULL, *e = NULL;
  g_assert_cmpint(cli(argv, &o, &e), ==, 2);
}


/* ------------------------------------------------------- folder walks */

/* `self -> .` read every document 41 times; two links never finished; a FIFO
 * blocked the walk. Each document is read once, and each skip is said. */
static void test_walk_loops_and_fifos(void)
{
  g_autofree char *root = g_build_filename(tmp, "walk", NULL);
  g_autofree char *sub = g_build_filename(root, "sub", NULL);
  g_assert_cmpint(g_mkdir_with_parents(sub, 0755), ==, 0);
  g_autofree char *doc = write_tmp("walk/sub/a.txt", "2021年全市破获毒品案件12起。\n");
  g_autofree char *self = g_build_filename(root, "self", NULL);
  g_autofree char *up = g_build_filename(sub, "up", NULL);
  g_autofree char *twin = g_build_filename(root, "twin.txt", NULL);
  g_autofree char *fifo = g_build_filename(root, "pipe.txt", NULL);
  g_assert_cmpint(symlink(".", self), ==, 0);
  g_assert_cmpint(symlink("..", up), ==, 0);
  g_assert_cmpint(symlink(doc, twin), ==, 0);
  g_assert_cmpint(mkfifo(fifo, 0644), ==, 0);
  const char *argv[] = {"extract", root, NULL};
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint(cli(argv, &out, &err), ==, 0);
  g_auto(GStrv) lines = g_strsplit(out, "\n", -1);
  g_assert_cmpuint(g_strv_length(lines), ==, 3); /* header, one figure, "" */
  g_assert_nonnull(strstr(err, "pipe.txt: not a regular file"));
  g_assert_nonnull(strstr(err, "a folder already read"));
}

/* ------------------------------------------------------- spreadsheet safety */

static void test_csv_neutralised(void)
{
  g_autofree char *p = write_tmp("formula.txt", "=HYPERLINK(\"http://x\",\"y\")全市破获毒品案件12起。\n"
                                                "+cmd|' /C calc'!A0 全市抓获嫌疑人\xe2\x80\xae" "5名。\n"
                                                "@SUM(1)全市查获吸毒人员7名\x1b。\n");
  const char *argv[] = {"extract", p, NULL};
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint(cli(argv, &out, &err), ==, 0);
  g_auto(GStrv) lines = g_strsplit(out, "\n", -1);
  for (char **l = lines + 1; *l && **l; l++) {
    g_auto(GStrv) cells = g_strsplit(*l, ",", -1);
    for (char **c = cells; *c; c++) {
      const char *v = **c == '"' ? *c + 1 : *c;
      if (*v && strchr("=+@", *v)) g_error("a formula reached the CSV: %s", *l);
    }
  }
  g_assert_null(strstr(out, "\xe2\x80\xae"));
  g_assert_null(strstr(out, "\x1b"));
  g_autofree char *a = jd_cell_safe_text("-2+3");
  g_assert_cmpstr(a, ==, "'-2+3");
  g_autofree char *b = jd_cell_safe_text("\xe2\x80\xae=1");
  g_assert_cmpstr(b, ==, "'=1");
  g_autofree char *c = jd_cell_safe_text("全市12起");
  g_assert_cmpstr(c, ==, "全市12起");
}

/* A metric id from a figures table named a chart file: ../../../pwned wrote
 * outside charts/. Ids are [a-z0-9_]+ where they are read. */
static void test_ids_validated(void)
{
  g_autofree char *p = write_tmp("pw.csv", "doc,line,metric,region,period,value,unit,kind\n"
                                           "a.txt,1,../../../pwned,全国,2020,5,case,level\n");
  const char *argv[] = {"analyze", p, NULL};
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint(cli(argv, &out, &err), ==, 3);
  g_assert_nonnull(strstr(err, "pw.csv:2: column 'metric'"));
}


/* ------------------------------------------------------- signs, months, audit */

static void test_sign_and_month(void)
{
  g_autofree char *p = write_tmp("sign.txt", "2021年全省戒断巩固率达-5%。\n2021年1—13月全省破获毒品案件12起。\n"
                                             "2020-2021年全市破获案件8起。\n");
  const char *argv[] = {"extract", p, NULL};
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint(cli(argv, &out, &err), ==, 0);
  g_assert_nonnull(strstr(out, ",-5,percent,"));   /* the sign kept */
  g_assert_null(strstr(out, ",2021-01,month,"));    /* 1—13月 is not January */
  g_assert_nonnull(strstr(out, ",2020/2021,"));     /* a range's dash is no sign */
  g_assert_nonnull(strstr(out, ",8,case,"));
}

static void test_audit_impossible_values(void)
{
  g_autofree char *p = write_tmp("imp.txt", "2021年全市破获毒品案件12起，同比下降150%。全市吸毒人员中青少年占比250%。"
                                            "2021年全市抓获毒品犯罪嫌疑人20名，其中女性30名。\n");
  const char *argv[] = {"audit", "--format", "json", p, NULL};
  g_autofree char *out = NULL, *err = NULL;
  cli(argv, &out, &err);
  int n = 0;
  for (const char *q = out; (q = strstr(q, "\"impossible\"")); q++) n++;
  g_assert_cmpint(n, ==, 3);
}

/* analyze --format json never writes inf or nan, and a header-less table
 * is an error, never read as a document. */
static void test_json_and_headerless(void)
{
  g_autofree char *z = write_tmp("z.csv", "doc,line,metric,region,period,value,unit,kind\n"
                                          "a.txt,1,cases_solved,全国,2020,0,case,level\n"
                                          "a.txt,2,cases_solved,全国,2021,5,case,level\n"
                                          "a.txt,3,cases_solved,全国,2022,1e9,case,level\n" /* the most for cases */
                                          "a.txt,4,cases_solved,全国,2023,0,case,change_pct\n");
  const char *argv[] = {"analyze", "--format", "json", z, NULL};
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint(cli(argv, &out, &err), ==, 0);
  g_assert_null(strstr(out, ":inf"));
  g_assert_null(strstr(out, ":-inf"));
  g_assert_null(strstr(out, ":nan"));
  g_autofree char *h = write_tmp("nohead.csv", "a.txt,1,cases_solved,全国,2020,5,case,level\n");
  const char *hargv[] = {"audit", h, NULL};
  g_autofree char *hout = NULL, *herr = NULL;
  g_assert_cmpint(cli(hargv, &hout, &herr), ==, 3);
  g_assert_nonnull(strstr(herr, "nohead.csv:1:"));
}

/* extract -o keeps an existing file's permissions whatever the umask. */
static void test_output_mode_kept(void)
{
  g_autofree char *doc = write_tmp("mode.txt", "2021年全市破获毒品案件12起。\n");
  g_autofree char *o = write_tmp("mode.csv", "old");
  g_assert_cmpint(chmod(o, 0644), ==, 0);
  mode_t old = umask(077);
  const char *argv[] = {"extract", "-o", o, doc, NULL};
  g_autofree char *out = NULL, *err = NULL;
  int rc = cli(argv, &out, &err);
  umask(old);
  g_assert_cmpint(rc, ==, 0);
  struct stat st;
  g_assert_cmpint(stat(o, &st), ==, 0);
  g_assert_cmpint(st.st_mode & 0777, ==, 0644);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  tmp = jd_test_tmpdir();
  g_test_add_func("/hostile/bounded/two-pow-53", test_two_pow_53_does_not_hang);
  g_test_add_func("/hostile/bounded/huge-csv-values", test_huge_csv_values_rejected);
  g_test_add_func("/hostile/bounded/dropped-values-said", test_dropped_values_said_everywhere);
  g_test_add_func("/hostile/bounded/400-digits", test_400_digits_warned);
  g_test_add_func("/hostile/bounded/implausible-values", test_implausible_values_refused);
  g_test_add_func("/hostile/numbers/kilogram", test_kilogram_after_decimal);
  g_test_add_func("/hostile/numbers/round-trip", test_round_trip_values);
  g_test_add_func("/hostile/manifest/cannot-be-forged", test_manifest_cannot_be_forged);
  g_test_add_func("/hostile/manifest/remove-never-through-symlink", test_remove_never_through_symlink);
  g_test_add_func("/hostile/manifest/forged-name-deletes-nothing", test_build_forged_name_deletes_nothing);
  g_test_add_func("/hostile/build/lock-symlink", test_lock_symlink_not_followed);
  g_test_add_func("/hostile/build/config-rejects", test_config_rejects);
  g_test_add_func("/hostile/walk/loops-and-fifos", test_walk_loops_and_fifos);
  g_test_add_func("/hostile/csv/neutralised", test_csv_neutralised);
  g_test_add_func("/hostile/ids/validated", test_ids_validated);
  g_test_add_func("/hostile/numbers/sign-and-month", test_sign_and_month);
  g_test_add_func("/hostile/audit/impossible-values", test_audit_impossible_values);
  g_test_add_func("/hostile/analyze/json-and-headerless", test_json_and_headerless);
  g_test_add_func("/hostile/output/mode-kept", test_output_mode_kept);
  int rc = g_test_run();
  jd_test_rm_rf(tmp);
  g_free(tmp);
  return rc;
}
