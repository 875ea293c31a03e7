/* The audit: stated shares and changes checked against the levels they refer
 * to, exact integers behind approximate figures, implied priors and totals,
 * and `jindu audit` / `jindu analyze` on the command line.
 *
 * The figures are the seed documents' figures restated by hand as a figures
 * table (no sentences copied); the expected numbers are worked by hand:
 *   31/54 = 57.407% (stated 57%: rounds to it)
 *   238/626 = 38.019% (stated 40%: neither rounds nor truncates to it)
 *   194/455 = 42.637% (stated 42%: only truncation gives it)
 *   340多 -> 190多 at -44.15%: only 342 -> 191; 50多 -> 30多 at -30.77%: only 52 -> 36
 *   88 at +33%: prior 88/1.33 = 66.165..., the only integer 66 (88/66 = +33.3%)
 *   330多 at +21.6%: prior 330/1.216 = 271.38...; integer pairs 273 -> 332, 278 -> 338
 *   23 at 0.064%: total 23/0.00064 = 35937.5 (35659.7 .. 36220.5) */
#include <math.h>
#include <string.h>

#include "jindu/analyze.h"
#include "jindu/extract.h"
#include "testutil.h"

static const char seed_figures_csv[] =
    "doc,line,quote,metric,drug,region,period,value,unit,qualifier,kind,base_period\n"
    "g.txt,12,,outflow_traffickers,all,甘肃省,2018,340,person,more_than,level,\n"
    "g.txt,12,,outflow_traffickers,all,甘肃省,2019,190,person,more_than,level,\n"
    "g.txt,12,,outflow_traffickers,all,临夏州,2018,50,person,more_than,level,\n"
    "g.txt,12,,outflow_traffickers,all,临夏州,2019,30,person,more_than,level,\n"
    "g.txt,12,,outflow_traffickers,all,甘肃省,2019,-44.15,percent,,change_pct,2018\n"
    "g.txt,12,,outflow_traffickers,all,临夏州,2019,-30.77,percent,,change_pct,2018\n"
    "g.txt,14,,cases_solved,all,甘肃省,2019,1480,case,more_than,level,\n"
    "g.txt,14,,suspects_arrested,all,甘肃省,2019,1870,person,more_than,level,\n"
    "g.txt,14,,gangs_busted,all,甘肃省,2019,88,case,,level,\n"
    "g.txt,14,,suspects_arrested,all,甘肃省,2019,330,person,more_than,level,\n"
    "g.txt,14,,gangs_busted,all,甘肃省,2019,33,percent,,change_pct,\n"
    "g.txt,14,,suspects_arrested,all,甘肃省,2019,21.6,percent,,change_pct,\n"
    "g.txt,22,,users_registered,all,甘肃省,2019,23,person,,level,\n"
    "g.txt,22,,users_registered,all,甘肃省,2019,0.064,percent,,share,\n"
    "t.txt,7,,compulsory_isolation,all,同心县,unknown,626,person,,level,\n"
    "t.txt,7,,new_users,all,同心县,unknown,238,person,,level,\n"
    "t.txt,7,,new_users,all,同心县,unknown,40,percent,,share,\n"
    "t.txt,7,,compulsory_isolation,all,同心县,2020-H1,455,person,,level,\n"
    "t.txt,7,,new_users,all,同心县,2020-H1,194,person,,level,\n"
    "t.txt,7,,new_users,all,同心县,2020-H1,42,percent,,share,\n"
    "t.txt,9,,cases_solved,all,同心县,2020,54,case,,level,\n"
    "t.txt,9,,cases_solved,all,同心县,2020,31,case,,level,\n"
    "t.txt,9,,cases_solved,all,同心县,2020,57,percent,,share,\n"
    "t.txt,9,,suspects_arrested,all,同心县,2020,31,person,,level,\n"
    "t.txt,9,,suspects_arrested,all,同心县,2020,48,percent,,share,\n";

static jd_analysis *analyse_csv(const char *csv)
{
  jd_figure_table *t = jd_figure_table_new();
  GError *err = NULL;
  g_assert_true(jd_figure_table_read_csv(t, "seed.csv", csv, strlen(csv), &err));
  jd_analysis *a = jd_analyze(t, NULL, &err);
  g_assert_no_error(err);
  jd_figure_table_free(t);
  return a;
}

/* The finding of `kind` whose stated value is `stated` (and first source
 * doc:line). */
static const jd_finding *find(const jd_analysis *a, jd_finding_kind kind, double stated)
{
  for (size_t i = 0; i < jd_analysis_get_finding_count(a); i++) {
    const jd_finding *f = jd_analysis_get_finding(a, i);
    if (f->kind == kind && fabs(f->stated - stated) < 1e-9) return f;
  }
  g_error("no %s finding for %g", jd_finding_kind_to_string(kind), stated);
  return NULL;
}

static void assert_cites(const jd_finding *f, const char *doc, unsigned line, size_t n)
{
  g_assert_cmpuint(f->n_sources, ==, n);
  for (size_t i = 0; i < f->n_sources; i++) {
    g_assert_cmpstr(f->sources[i].doc, ==, doc);
    g_assert_cmpuint(f->sources[i].line, ==, line);
  }
  g_assert_true(g_utf8_validate(f->explanation, -1, NULL));
  g_assert_true(*f->explanation && *f->arithmetic && *f->title);
}

static void test_shares(void)
{
  jd_analysis *a = analyse_csv(seed_figures_csv);
  const jd_finding *f = find(a, JD_FINDING_SHARE_CHECK, 57);
  g_assert_cmpint(f->severity, ==, JD_SEVERITY_OK);
  g_assert_cmpfloat(fabs(f->computed - 100.0 * 31 / 54), <, 1e-9);
  g_assert_nonnull(strstr(f->arithmetic, "57.4%"));
  g_assert_nonnull(strstr(f->explanation, "一致"));
  assert_cites(f, "t.txt", 9, 3);
  /* Wilson interval of 31/54, in percent (closed form, see test_analyze.c) */
  g_assert_cmpfloat(fabs(f->computed_interval.low - 44.16273382599005), <, 1e-7);

  f = find(a, JD_FINDING_SHARE_CHECK, 40);
  g_assert_cmpint(f->severity, ==, JD_SEVERITY_ERROR);
  g_assert_nonnull(strstr(f->arithmetic, "238 ÷ 626"));
  g_assert_nonnull(strstr(f->arithmetic, "38.0%"));
  g_assert_nonnull(strstr(f->explanation, "不符"));
  assert_cites(f, "t.txt", 7, 3);

  f = find(a, JD_FINDING_SHARE_CHECK, 42);
  g_assert_cmpint(f->severity, ==, JD_SEVERITY_WARNING);
  g_assert_nonnull(strstr(f->arithmetic, "42.6%"));
  g_assert_nonnull(strstr(f->explanation, "截尾"));

  /* 31 persons at 48%: no whole stated after the previous share -> total */
  f = find(a, JD_FINDING_IMPLIED_TOTAL, 48);
  g_assert_cmpfloat(fabs(f->computed - 31 / 0.48), <, 1e-9);
  f = find(a, JD_FINDING_IMPLIED_TOTAL, 0.064);
  g_assert_cmpfloat(fabs(f->computed - 35937.5), <, 1e-6);
  g_assert_cmpfloat(fabs(f->computed_interval.low - 23 / 0.000645), <, 1e-6);
  g_assert_cmpfloat(fabs(f->computed_interval.high - 23 / 0.000635), <, 1e-6);
  g_assert_nonnull(strstr(f->explanation, "35900"));
  assert_cites(f, "g.txt", 22, 2);
  jd_analysis_free(a);
}

static void test_changes(void)
{
  jd_analysis *a = analyse_csv(seed_figures_csv);
  const jd_finding *f = find(a, JD_FINDING_EXACT_INTEGERS, -44.15);
  g_assert_cmpint(f->severity, ==, JD_SEVERITY_NOTE);
  g_assert_cmpuint(f->n_solutions, ==, 1);
  g_assert_cmpfloat(f->solutions[0], ==, 342);
  g_assert_cmpfloat(f->solutions[1], ==, 191);
  g_assert_nonnull(strstr(f->explanation, "342 → 191"));
  g_assert_cmpstr(f->region, ==, "甘肃省");
  assert_cites(f, "g.txt", 12, 3);

  f = find(a, JD_FINDING_EXACT_INTEGERS, -30.77);
  g_assert_cmpuint(f->n_solutions, ==, 1);
  g_assert_cmpfloat(f->solutions[0], ==, 52);
  g_assert_cmpfloat(f->solutions[1], ==, 36);

  f = find(a, JD_FINDING_IMPLIED_PRIOR, 33);
  g_assert_cmpstr(f->period, ==, "2018");
  g_assert_cmpfloat(fabs(f->computed - 88 / 1.33), <, 1e-9);
  g_assert_cmpuint(f->n_solutions, ==, 1);
  g_assert_cmpfloat(f->solutions[0], ==, 66);
  assert_cites(f, "g.txt", 14, 2);

  f = find(a, JD_FINDING_IMPLIED_PRIOR, 21.6);
  g_assert_cmpfloat(fabs(f->computed - 330 / 1.216), <, 1e-9);
  g_assert_cmpuint(f->n_solutions, ==, 2);
  g_assert_cmpfloat(f->solutions[0], ==, 273);
  g_assert_cmpfloat(f->solutions[1], ==, 332);
  g_assert_cmpfloat(f->solutions[2], ==, 278);
  g_assert_cmpfloat(f->solutions[3], ==, 338);
  /* the suspects' headline is 1870多; 330多 is a sub-total (其中), so the
   * implied 2018 value is not added to the series */
  const jd_series *s = jd_analysis_find_series(a, "suspects_arrested", "all", "甘肃省");
  g_assert_cmpuint(s->n_points, ==, 1);
  g_assert_cmpfloat(s->points[0].value, ==, 1870);
  g_assert_cmpuint(s->points[0].n_others, ==, 1);
  /* the gangs' prior is: an implied point pinned to 66 */
  s = jd_analysis_find_series(a, "gangs_busted", "all", "甘肃省");
  g_assert_cmpuint(s->n_points, ==, 2);
  g_assert_cmpint(s->points[0].origin, ==, JD_POINT_IMPLIED);
  g_assert_cmpfloat(s->points[0].value, ==, 66);
  g_assert_cmpint(s->trend.kind, ==, JD_TREND_TWO_POINTS);
  g_assert_cmpfloat(fabs(s->trend.cagr_pct - (88.0 / 66 - 1) * 100), <, 1e-9);
  /* severity order: errors first */
  g_assert_cmpint(jd_analysis_get_finding(a, 0)->severity, ==, JD_SEVERITY_ERROR);
  g_assert_cmpuint(jd_analysis_count_findings(a, JD_SEVERITY_ERROR), ==, 1);
  jd_analysis_free(a);
}

/* Changes between two exact levels; change_abs and change_pp; no integers
 * fit; a qualified change. */
static void test_change_kinds(void)
{
  const char *csv =
      "doc,line,metric,region,period,value,unit,qualifier,kind,base_period\n"
      "a.txt,1,cases_solved,X,2018,200,case,,level,\n"
      "a.txt,1,cases_solved,X,2019,250,case,,level,\n"
      "a.txt,1,cases_solved,X,2019,25,percent,,change_pct,2018\n"    /* exact: ok */
      "a.txt,2,users_checked,X,2018,500,person,,level,\n"
      "a.txt,2,users_checked,X,2019,400,person,,level,\n"
      "a.txt,2,users_checked,X,2019,-100,person,,change_abs,\n"      /* ok */
      "a.txt,3,relapse_rate,X,2018,12.5,percent,,rate,\n"
      "a.txt,3,relapse_rate,X,2019,11.7,percent,,rate,\n"
      "a.txt,3,relapse_rate,X,2019,-1.2,percent,,change_pp,\n"       /* 11.7-12.5 = -0.8 (at most -0.9 within rounding): error */
      "a.txt,4,new_users,X,2018,10,person,more_than,level,\n"
      "a.txt,4,new_users,X,2019,10,person,more_than,level,\n"
      "a.txt,4,new_users,X,2019,100,percent,,change_pct,\n"         /* no integers: error */
      "a.txt,5,drugs_seized,X,2018,100,kg,,level,\n"
      "a.txt,5,drugs_seized,X,2019,140,kg,,level,\n"
      "a.txt,5,drugs_seized,X,2019,30,percent,more_than,change_pct,\n"; /* 40% > 30%: ok */
  jd_analysis *a = analyse_csv(csv);
  const jd_finding *f = find(a, JD_FINDING_CHANGE_CHECK, 25);
  g_assert_cmpint(f->severity, ==, JD_SEVERITY_OK);
  g_assert_cmpfloat(f->computed, ==, 25);
  f = find(a, JD_FINDING_CHANGE_CHECK, -100);
  g_assert_cmpint(f->severity, ==, JD_SEVERITY_OK);
  f = find(a, JD_FINDING_CHANGE_CHECK, -1.2);
  g_assert_cmpint(f->severity, ==, JD_SEVERITY_ERROR);
  g_assert_cmpfloat(fabs(f->computed + 0.8), <, 1e-9);
  f = find(a, JD_FINDING_EXACT_INTEGERS, 100);
  g_assert_cmpint(f->severity, ==, JD_SEVERITY_ERROR);
  g_assert_cmpuint(f->n_solutions, ==, 0);
  f = find(a, JD_FINDING_CHANGE_CHECK, 30);
  g_assert_cmpint(f->severity, <, JD_SEVERITY_WARNING); /* kg carry ±0.5: a note */
  jd_analysis_free(a);
}

/* "分别" lists: two levels of one key on a line and two changes; the k-th
 * change goes with the k-th level counted from the end. */
/* 较前年成长6倍多 after 163件: a qualified change is an interval (+600% to
 * +700%): 21, 22 and 23 give it; no warning that no integer does. */
static void test_qualified_change_prior(void)
{
  const char *csv = "doc,line,metric,region,period,value,unit,qualifier,kind,base_period\n"
                    "a.txt,1,cases_solved,X,2012,163,case,,level,\n"
                    "a.txt,1,cases_solved,X,2012,600,percent,more_than,change_pct,2011\n";
  jd_analysis *a = analyse_csv(csv);
  const jd_finding *f = find(a, JD_FINDING_IMPLIED_PRIOR, 600);
  g_assert_cmpint(f->severity, ==, JD_SEVERITY_NOTE);
  g_assert_nonnull(strstr(f->explanation, "21 → 163"));
  g_assert_nonnull(strstr(f->explanation, "23 → 163"));
  g_assert_null(strstr(f->explanation, "没有整数"));
  jd_analysis_free(a);
}

static void test_respectively(void)
{
  const char *csv = "doc,line,metric,region,period,value,unit,qualifier,kind,base_period\n"
                    "a.txt,1,cases_solved,X,2019,1000,case,,level,\n"
                    "a.txt,1,cases_solved,X,2019,200,case,,level,\n"
                    "a.txt,1,cases_solved,X,2019,100,case,,level,\n"
                    "a.txt,1,cases_solved,X,2019,25,percent,,change_pct,\n"
                    "a.txt,1,cases_solved,X,2019,-50,percent,,change_pct,\n";
  jd_analysis *a = analyse_csv(csv);
  const jd_finding *f = find(a, JD_FINDING_IMPLIED_PRIOR, 25);
  g_assert_cmpfloat(f->computed, ==, 160); /* 200 / 1.25 */
  f = find(a, JD_FINDING_IMPLIED_PRIOR, -50);
  g_assert_cmpfloat(f->computed, ==, 200); /* 100 / 0.5 */
  jd_analysis_free(a);
}

/* "分别占" lists: four sibling levels then four shares, metrics matched; no
 * level is the whole of another, so each share implies the total (≈2.55
 * million from 141.9万 at 55.6%), and no share is checked against a sibling. */
static void test_share_lists(void)
{
  const char *csv = "doc,line,metric,region,period,value,unit,qualifier,kind\n"
                    "a.txt,3,users_minor,X,2017,15000,person,,level\n"
                    "a.txt,3,users_18_35,X,2017,1419000,person,,level\n"
                    "a.txt,3,users_36_59,X,2017,1099000,person,,level\n"
                    "a.txt,3,users_over_60,X,2017,20000,person,,level\n"
                    "a.txt,3,users_minor,X,2017,0.6,percent,,share\n"
                    "a.txt,3,users_18_35,X,2017,55.6,percent,,share\n"
                    "a.txt,3,users_36_59,X,2017,43,percent,,share\n"
                    "a.txt,3,users_over_60,X,2017,0.8,percent,,share\n";
  jd_analysis *a = analyse_csv(csv);
  g_assert_cmpuint(jd_analysis_get_finding_count(a), ==, 4);
  const jd_finding *f = find(a, JD_FINDING_IMPLIED_TOTAL, 55.6);
  g_assert_cmpfloat(fabs(f->computed - 1419000 / 0.556), <, 1e-6);
  /* 141.9万 is rounded to the thousand: the range widens by ±500 */
  g_assert_cmpfloat(fabs(f->computed_interval.low - 1418500 / 0.5565), <, 1e-6);
  jd_analysis_free(a);
}

static char *write_temp(const char *dir, const char *name, const char *text)
{
  char *p = g_build_filename(dir, name, NULL);
  g_assert_true(g_file_set_contents(p, text, -1, NULL));
  return p;
}

/* End to end from a document: an age breakdown followed by a 分别 list of
 * shares.  Each share must be checked against the level of its own age
 * group (the 60+ share against the 60+ count, not the 36–59 count), so no
 * error is reported; counts in 万 are consistent with the shares. */
static void test_share_list_document(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *doc = write_temp(
      dir, "ages.txt",
      "2017年底，全国现有吸毒人员255.3万名。\n"
      "从年龄看，不满18岁的1.5万名，18岁到35岁的141.9万名，36岁到59岁的109.9万名，"
      "60岁及以上的2万名，分别占0.6%、55.6%、43%和0.8%。\n");
  const char *argv[] = {"audit", doc, NULL};
  char *out = NULL;
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, &out, NULL), ==, 0);
  g_assert_null(strstr(out, "错误"));
  g_assert_null(strstr(out, "1099000人占0.8%"));
  g_assert_null(strstr(out, "20000人占43%"));
  g_free(out);
  jd_test_rm_rf(dir);
}

static void test_cli(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *csv = write_temp(dir, "figures.csv", seed_figures_csv);
  char *out = NULL, *err = NULL;
  const char *audit[] = {"audit", csv, NULL};
  g_assert_cmpint(jd_test_run_cli(audit, NULL, NULL, &out, &err), ==, 0);
  g_assert_nonnull(strstr(out, "t.txt:7"));
  g_assert_nonnull(strstr(out, "238 ÷ 626"));
  g_assert_nonnull(strstr(out, "342 → 191"));
  g_assert_null(strstr(out, "== Series")); /* findings only */
  g_free(out);
  g_free(err);

  const char *strict[] = {"audit", "--strict", "--min-severity", "warning", "--format", "csv",
                          csv, NULL};
  g_assert_cmpint(jd_test_run_cli(strict, NULL, NULL, &out, NULL), ==, 5);
  g_assert_true(g_str_has_prefix(out, "severity,kind,"));
  g_assert_null(strstr(out, "\nok,"));
  g_free(out);

  g_autofree char *json_path = g_build_filename(dir, "analysis.json", NULL);
  const char *analyze[] = {"analyze", "--format", "json", "-o", json_path, csv, NULL};
  g_assert_cmpint(jd_test_run_cli(analyze, NULL, NULL, NULL, NULL), ==, 0);
  g_autofree char *json = jd_test_read_file(json_path, NULL);
  g_assert_true(g_str_has_prefix(json, "{\"series\":["));
  g_assert_nonnull(strstr(json, "\"origin\":\"implied\""));

  /* stdin */
  const char *from_stdin[] = {"analyze", "-", NULL};
  g_assert_cmpint(jd_test_run_cli(from_stdin, NULL, seed_figures_csv, &out, NULL), ==, 0);
  g_assert_nonnull(strstr(out, "== Series"));
  g_free(out);

  /* bad input: file:line and what to do, exit 3 */
  g_autofree char *bad = write_temp(dir, "bad.csv",
                                    "doc,line,metric,value,qualifier\na,1,m,5,\na,2,m,5,多\n");
  const char *bad_argv[] = {"audit", bad, NULL};
  g_assert_cmpint(jd_test_run_cli(bad_argv, NULL, NULL, NULL, &err), ==, 3);
  g_assert_nonnull(strstr(err, "bad.csv:3:"));
  g_assert_nonnull(strstr(err, "unknown qualifier"));
  g_free(err);
  const char *missing[] = {"analyze", "/nonexistent/figures.csv", NULL};
  g_assert_cmpint(jd_test_run_cli(missing, NULL, NULL, NULL, &err), ==, 3);
  g_free(err);
  const char *usage[] = {"analyze", "--format", "xml", csv, NULL};
  g_assert_cmpint(jd_test_run_cli(usage, NULL, NULL, NULL, &err), ==, 2);
  g_free(err);
  const char *none[] = {"audit", NULL};
  g_assert_cmpint(jd_test_run_cli(none, NULL, NULL, NULL, &err), ==, 2);
  g_free(err);
  g_autofree char *unwritable = g_build_filename(dir, "no", "such", "out.txt", NULL);
  const char *outerr[] = {"analyze", "-o", unwritable, csv, NULL};
  g_assert_cmpint(jd_test_run_cli(outerr, NULL, NULL, NULL, &err), ==, 4);
  g_free(err);
  jd_test_rm_rf(dir);
}


/* The same checks on figures extracted from the seed documents themselves. */
static void test_seed_documents(void)
{
  GError *err = NULL;
  jd_lexicon *lx = jd_lexicon_load(NULL, &err);
  g_assert_no_error(err);
  jd_figure_table *t = jd_figure_table_new();
  const char *seeds[] = {"002_58a269f792bb5910.txt", "004_bf3a45d2709a0b28.txt"};
  jd_load_options lo = JD_LOAD_OPTIONS_INIT;
  for (size_t i = 0; i < G_N_ELEMENTS(seeds); i++) {
    g_autofree char *path = jd_test_seed_path(seeds[i]);
    g_assert_true(jd_extract_file_to_table(lx, path, &lo, NULL, t, &err));
    g_assert_no_error(err);
  }
  jd_analysis *a = jd_analyze(t, NULL, &err);
  g_assert_no_error(err);
  const jd_finding *f = find(a, JD_FINDING_SHARE_CHECK, 57);
  g_assert_cmpint(f->severity, ==, JD_SEVERITY_OK);
  g_assert_nonnull(strstr(f->arithmetic, "31 ÷ 54"));
  f = find(a, JD_FINDING_SHARE_CHECK, 40);
  g_assert_cmpint(f->severity, ==, JD_SEVERITY_ERROR);
  g_assert_nonnull(strstr(f->arithmetic, "238 ÷ 626"));
  g_assert_cmpstr(f->sources[0].doc, ==, "004_bf3a45d2709a0b28.txt");
  g_assert_cmpuint(f->sources[0].line, ==, 7);
  f = find(a, JD_FINDING_SHARE_CHECK, 42);
  g_assert_cmpint(f->severity, ==, JD_SEVERITY_WARNING);
  g_assert_nonnull(strstr(f->arithmetic, "194 ÷ 455"));
  f = find(a, JD_FINDING_EXACT_INTEGERS, -44.15);
  g_assert_cmpuint(f->n_solutions, ==, 1);
  g_assert_cmpfloat(f->solutions[0], ==, 342);
  g_assert_cmpfloat(f->solutions[1], ==, 191);
  g_assert_cmpuint(f->sources[0].line, ==, 12);
  f = find(a, JD_FINDING_EXACT_INTEGERS, -30.77);
  g_assert_cmpfloat(f->solutions[0], ==, 52);
  g_assert_cmpfloat(f->solutions[1], ==, 36);
  f = find(a, JD_FINDING_IMPLIED_PRIOR, 33);
  g_assert_cmpfloat(f->solutions[0], ==, 66);
  f = find(a, JD_FINDING_IMPLIED_PRIOR, 21.6);
  g_assert_cmpuint(f->n_solutions, ==, 2);
  f = find(a, JD_FINDING_IMPLIED_TOTAL, 0.064);
  g_assert_cmpfloat(fabs(f->computed - 35937.5), <, 1e-6);
  jd_analysis_free(a);
  jd_figure_table_free(t);
  jd_lexicon_free(lx);

  /* and through the command line, straight from the documents */
  g_autofree char *doc = jd_test_seed_path("004_bf3a45d2709a0b28.txt");
  const char *argv[] = {"audit", "--min-severity", "warning", doc, NULL};
  char *out = NULL;
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, &out, NULL), ==, 0);
  g_assert_nonnull(strstr(out, "004_bf3a45d2709a0b28.txt:7"));
  g_assert_nonnull(strstr(out, "38.0%"));
  g_free(out);
}

/* The same checks on figures extracted from invented documents that state the
 * same facts in other words (tests/docs: a county's half-year bulletin and a
 * province's year summary), so a plain clone without the seeds tests them. */
static void test_own_documents(void)
{
  GError *err = NULL;
  jd_lexicon *lx = jd_lexicon_load(NULL, &err);
  g_assert_no_error(err);
  jd_figure_table *t = jd_figure_table_new();
  const char *docs[] = {"haifeng-2020-tongbao.txt", "qinghai-2019-zongjie.txt"};
  jd_load_options lo = JD_LOAD_OPTIONS_INIT;
  for (size_t i = 0; i < G_N_ELEMENTS(docs); i++) {
    g_autofree char *path = jd_test_doc_path(docs[i]);
    g_assert_true(jd_extract_file_to_table(lx, path, &lo, NULL, t, &err));
    g_assert_no_error(err);
  }
  jd_analysis *a = jd_analyze(t, NULL, &err);
  g_assert_no_error(err);
  const jd_finding *f = find(a, JD_FINDING_SHARE_CHECK, 57);
  g_assert_cmpint(f->severity, ==, JD_SEVERITY_OK);
  g_assert_nonnull(strstr(f->arithmetic, "31 ÷ 54"));
  f = find(a, JD_FINDING_SHARE_CHECK, 40);
  g_assert_cmpint(f->severity, ==, JD_SEVERITY_ERROR);
  g_assert_nonnull(strstr(f->arithmetic, "238 ÷ 626"));
  g_assert_cmpstr(f->sources[0].doc, ==, "haifeng-2020-tongbao.txt");
  g_assert_cmpuint(f->sources[0].line, ==, 3);
  f = find(a, JD_FINDING_SHARE_CHECK, 42);
  g_assert_cmpint(f->severity, ==, JD_SEVERITY_WARNING);
  g_assert_nonnull(strstr(f->arithmetic, "194 ÷ 455"));
  f = find(a, JD_FINDING_EXACT_INTEGERS, -44.15);
  g_assert_cmpuint(f->n_solutions, ==, 1);
  g_assert_cmpfloat(f->solutions[0], ==, 342);
  g_assert_cmpfloat(f->solutions[1], ==, 191);
  g_assert_cmpuint(f->sources[0].line, ==, 3);
  f = find(a, JD_FINDING_EXACT_INTEGERS, -30.77);
  g_assert_cmpfloat(f->solutions[0], ==, 52);
  g_assert_cmpfloat(f->solutions[1], ==, 36);
  f = find(a, JD_FINDING_IMPLIED_PRIOR, 33);
  g_assert_cmpfloat(f->solutions[0], ==, 66);
  f = find(a, JD_FINDING_IMPLIED_PRIOR, 21.6);
  g_assert_cmpuint(f->n_solutions, ==, 2);
  f = find(a, JD_FINDING_IMPLIED_TOTAL, 0.064);
  g_assert_cmpfloat(fabs(f->computed - 35937.5), <, 1e-6);
  jd_analysis_free(a);
  jd_figure_table_free(t);
  jd_lexicon_free(lx);

  g_autofree char *doc = jd_test_doc_path("haifeng-2020-tongbao.txt");
  const char *argv[] = {"audit", "--min-severity", "warning", doc, NULL};
  char *out = NULL;
  g_assert_cmpint(jd_test_run_cli(argv, NULL, NULL, &out, NULL), ==, 0);
  g_assert_nonnull(strstr(out, "haifeng-2020-tongbao.txt:3"));
  g_assert_nonnull(strstr(out, "38.0%"));
  g_free(out);
}

/* The explanations read as Chinese text does: periods in words, large
 * numbers in 万/亿, percentage points without a %, exact priors without a
 * range, a prior of no known period as 上期. */
static void test_wording(void)
{
  const char *csv =
      "doc,line,metric,region,period,value,unit,qualifier,kind,base_period\n"
      "w.txt,1,cases_solved,X市,2020-01/2020-10,13000,case,,level,\n"
      "w.txt,1,cases_solved,X市,2020-01/2020-10,5.2,percent,,change_pct,\n"
      "w.txt,2,relapse_rate,X市,2021,18.7,percent,,rate,\n"
      "w.txt,2,relapse_rate,X市,2021,-2.3,percent,,change_pp,\n"
      "w.txt,3,suspects_arrested,X市,2019,471,person,,level,\n"
      "w.txt,3,suspects_arrested,X市,2019,16,person,,change_abs,\n"
      "w.txt,4,users_registered,全国,2017,2553000,person,,level,\n"
      "w.txt,4,users_registered,全国,2017,0.18,percent,,share,\n"
      "w.txt,5,users_registered,X市,2022,20000,person,more_than,level,\n"
      "w.txt,5,users_registered,X市,2022,-60,percent,nearly,change_pct,unknown\n";
  jd_analysis *a = analyse_csv(csv);
  const jd_finding *f = find(a, JD_FINDING_IMPLIED_PRIOR, 5.2);
  g_assert_nonnull(strstr(f->explanation, "X市破获毒品案件2020年1—10月为1.3万起"));
  g_assert_nonnull(strstr(f->explanation, "推算2019年1—10月约为"));
  f = find(a, JD_FINDING_IMPLIED_PRIOR, -2.3);
  g_assert_nonnull(strstr(f->explanation, "下降2.3个百分点"));
  g_assert_null(strstr(f->explanation, "%个百分点"));
  f = find(a, JD_FINDING_IMPLIED_PRIOR, 16);
  g_assert_nonnull(strstr(f->explanation, "推算2018年为455名。")); /* exact: no range; 名 as the briefing counts suspects */
  f = find(a, JD_FINDING_IMPLIED_TOTAL, 0.18);
  g_assert_nonnull(strstr(f->arithmetic, "255.3万 ÷ 0.18% = 14.2亿"));
  g_assert_nonnull(strstr(f->explanation, "约为14.2亿人"));
  f = find(a, JD_FINDING_IMPLIED_PRIOR, -60);
  g_assert_nonnull(strstr(f->explanation, "2万多名，下降近60%，推算上期约为"));
  g_assert_null(strstr(f->explanation, "unknown"));
  jd_analysis_free(a);
}

/* The audit names what a figure counts: a count of one drug's users is not
 * all users (现有吸毒人员（海洛因）), a count of another kind of case is not a
 * drug case and no id is ever written; a relative change after a share is
 * the part's count's change, never the share's. */
static void test_labels(void)
{
  const char *csv =
      "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period\n"
      "l.txt,1,现有吸毒人员中滥用海洛因41.6万名,users_registered,海洛因,heroin,全国,2022,year,416000,person,,level,\n"
      "l.txt,1,同比下降25.2%,users_registered,海洛因,heroin,全国,2022,year,-25.2,percent,,change_pct,2021\n"
      "l.txt,2,缴获冰毒1200公斤,drugs_seized,,meth,X市,2022,year,1200,kg,,level,\n"
      "l.txt,2,同比上升20%,drugs_seized,,meth,X市,2022,year,20,percent,,change_pct,2021\n"
      "l.txt,3,开立各类案卷9800宗,other,,,X区,2022,year,9800,case,,level,\n"
      "l.txt,3,较上年增加3.1%,other,,,X区,2022,year,3.1,percent,,change_pct,2021\n"
      "l.txt,4,新收毒品案件8万件,cases_solved,,,X省,2016,year,80000,case,,level,\n"
      "l.txt,4,其中一级毒品占24.8%,cases_solved,,schedule_1,X省,2016,year,24.8,percent,,share,\n"
      "l.txt,4,一级毒品较上年增加13.3%,cases_solved,,schedule_1,X省,2016,year,13.3,percent,,change_pct,2015\n"
      "l.txt,5,截至10月底破获毒品案件120起,cases_solved,,,Y市,2023-10,asof,120,case,,level,\n"
      "l.txt,5,同比上升25%,cases_solved,,,Y市,2023-10,asof,25,percent,,change_pct,2022-10\n"
      "l.txt,6,破获百克以上毒品大案91起,cases_solved,百克以上毒品大案,,Z市,2015,year,91,case,,level,\n"
      "l.txt,6,同比提升164%,cases_solved,百克以上毒品大案,,Z市,2015,year,164,percent,,change_pct,2014\n";
  jd_analysis *a = analyse_csv(csv);
  /* a part is named as one, never written as the whole's count */
  const jd_finding *part = find(a, JD_FINDING_IMPLIED_PRIOR, 164);
  g_assert_nonnull(strstr(part->explanation, "Z市破获毒品案件（其中“百克以上毒品大案”）2015年为91起"));
  const jd_finding *f = find(a, JD_FINDING_IMPLIED_PRIOR, -25.2);
  g_assert_nonnull(strstr(f->explanation, "全国现有吸毒人员（海洛因）2022年为41.6万名"));
  f = find(a, JD_FINDING_IMPLIED_PRIOR, 20);
  g_assert_nonnull(strstr(f->explanation, "X市缴获冰毒2022年为1.2吨"));
  f = find(a, JD_FINDING_IMPLIED_PRIOR, 3.1);
  g_assert_null(strstr(f->explanation, "other"));
  g_assert_nonnull(strstr(f->explanation, "其他数据"));
  /* a state at a date is written as one */
  f = find(a, JD_FINDING_IMPLIED_PRIOR, 25);
  g_assert_nonnull(strstr(f->explanation, "Y市破获毒品案件截至2023年10月为120起"));
  g_assert_nonnull(strstr(f->explanation, "推算截至2022年10月约为96起"));
  /* 24.8% is a share: 13.3% is not its change (no prior of 21.89%) */
  for (size_t i = 0; i < jd_analysis_get_finding_count(a); i++) {
    const jd_finding *g = jd_analysis_get_finding(a, i);
    g_assert_false(g->kind == JD_FINDING_IMPLIED_PRIOR && g->stated == 13.3 &&
                   strstr(g->explanation, "24.8%") != NULL);
  }
  jd_analysis_free(a);
}

/* ------------------------------------------------------- pairing cases */

/* One invented figures table (rows after the header below) and what the
 * audit must say of it: how many errors, and one finding (kind and stated
 * value; kind -1: none) with its severity and a phrase of its explanation. */
typedef struct {
  const char *name;
  const char *rows;
  size_t errors;
  int kind;
  double stated;
  jd_severity severity;
  const char *says;
} audit_case;

#define CASE_HEADER \
  "doc,line,quote,metric,scope,drug,region,period,span,value,unit,qualifier,kind,base_period\n"

static const audit_case audit_cases[] = {
    /* consistent documents: no error */
    {"several-subjects-one-line",
     "c,3,整体减少10%(由2000人下降至1800人),users_registered,,,X,unknown,,-10,percent,,change_pct,unknown\n"
     "c,3,整体减少10%(由2000人下降至1800人),users_registered,,,X,unknown,,2000,person,,level,\n"
     "c,3,整体减少10%(由2000人下降至1800人),users_registered,,,X,unknown,,1800,person,,level,\n"
     "c,3,青少年上升50%(由100人上升至150人),users_registered,,,X,unknown,,50,percent,,change_pct,unknown\n"
     "c,3,青少年上升50%(由100人上升至150人),users_registered,,,X,unknown,,100,person,,level,\n"
     "c,3,青少年上升50%(由100人上升至150人),users_registered,,,X,unknown,,150,person,,level,\n"
     "c,3,学生由30人上升至60人,users_registered,,,X,unknown,,30,person,,level,\n"
     "c,3,学生由30人上升至60人,users_registered,,,X,unknown,,60,person,,level,\n"
     "c,3,由30%上升至40%,users_registered,,,X,unknown,,30,percent,,share,\n"
     "c,3,由30%上升至40%,users_registered,,,X,unknown,,40,percent,,share,\n",
     0, JD_FINDING_SHARE_CHECK, 30, JD_SEVERITY_NOTE, "无法确定该百分比对应的数值"},
    {"respectively-list-one-to-one",
     "c,1,全市破获毒品案件1000起,cases_solved,,,X,2020,,1000,case,,level,\n"
     "c,1,缴获毒品200公斤,drugs_seized,,all,X,2020,,200,kg,,level,\n"
     "c,1,通过群众举报破获案件200起,cases_solved,群众举报,,X,2020,,200,case,,level,\n"
     "c,1,缴获毒品50公斤,drugs_seized,群众举报,all,X,2020,,50,kg,,level,\n"
     "c,1,分别占总数的20%和25%,cases_solved,群众举报,,X,2020,,20,percent,,share,\n"
     "c,1,分别占总数的20%和25%,drugs_seized,群众举报,all,X,2020,,25,percent,,share,\n",
     0, JD_FINDING_SHARE_CHECK, 25, JD_SEVERITY_NOTE, "与所述一致"},
    {"respectively-list-without-its-levels",
     "c,2,破获毒品案件13000起,cases_solved,,,X,2015,,13000,case,,level,\n"
     "c,2,缴获制毒物品600吨,precursors_seized,,precursor,X,2015,,600000,kg,,level,\n"
     "c,2,同比上升130%,precursors_seized,,precursor,X,2015,,130,percent,,change_pct,2014\n"
     "c,2,缴获毒品23.6吨,drugs_seized,,all,X,2015,,23600,kg,,level,\n"
     "c,2,同比上升1.5%,drugs_seized,,all,X,2015,,1.5,percent,,change_pct,2014\n"
     "c,2,海洛因、冰毒、鸦片分别占全国的80%、90%、95%,drugs_seized,,heroin,X,2015,,80,percent,,share,\n"
     "c,2,海洛因、冰毒、鸦片分别占全国的80%、90%、95%,drugs_seized,,meth,X,2015,,90,percent,,share,\n"
     "c,2,海洛因、冰毒、鸦片分别占全国的80%、90%、95%,drugs_seized,,all,X,2015,,95,percent,,share,\n",
     0, -1, 0, 0, NULL},
    {"from-to-pair-across-periods",
     "c,2,1-9月吸毒人数为4100人,users_registered,,,X,2022-01/2022-09,,4100,person,,level,\n"
     "c,2,去年同期为4900人,users_registered,,,X,2021-01/2021-09,,4900,person,,level,\n"
     "c,2,其中青少年由800人下跌至600人,users_young,,,X,2021-01/2021-09,,800,person,,level,\n"
     "c,2,其中青少年由800人下跌至600人,users_registered,,,X,2022-01/2022-09,,600,person,,level,\n"
     "c,2,少25%,users_registered,,,X,2022-01/2022-09,,25,percent,,share,\n",
     0, JD_FINDING_SHARE_CHECK, 25, JD_SEVERITY_NOTE, "由A降至B"},
    {"share-whose-whole-has-another-scope",
     "c,1,抓获团伙成员300人,suspects_arrested,团伙,,X,2020,,300,person,,level,\n"
     "c,1,其中女性90人,suspects_arrested,,,X,2020,,90,person,,level,\n"
     "c,1,占50%,suspects_arrested,,,X,2020,,50,percent,,share,\n",
     0, JD_FINDING_SHARE_CHECK, 50, JD_SEVERITY_NOTE, "统计范围"},
    {"rounded-wan-from-quote",
     "c,1,现有吸毒人员1.36万名,users_registered,,,X,2020,,13600,person,,level,\n"
     "c,1,其中35岁以下3400名,users_registered,,,X,2020,,3400,person,,level,\n"
     "c,1,占25.1%,users_registered,,,X,2020,,25.1,percent,,share,\n",
     0, JD_FINDING_EXACT_INTEGERS, 25.1, JD_SEVERITY_NOTE, NULL},
    {"rounded-wan-from-value",
     "c,1,,users_registered,,,X,2020,,13600,person,,level,\n"
     "c,1,,users_registered,,,X,2020,,3400,person,,level,\n"
     "c,1,,users_registered,,,X,2020,,25.1,percent,,share,\n",
     0, JD_FINDING_EXACT_INTEGERS, 25.1, JD_SEVERITY_NOTE, NULL},
    {"about-six-tenths",
     "c,1,抓获犯罪嫌疑人1000人,suspects_arrested,,,X,2020,,1000,person,,level,\n"
     "c,1,其中吸毒人员560人,suspects_arrested,,,X,2020,,560,person,,level,\n"
     "c,1,约占六成,suspects_arrested,,,X,2020,,60,percent,about,share,\n",
     0, JD_FINDING_SHARE_CHECK, 60, JD_SEVERITY_OK, "一致"},
    {"two-tenths-exact",
     "c,1,抓获犯罪嫌疑人1000人,suspects_arrested,,,X,2020,,1000,person,,level,\n"
     "c,1,其中外籍170人,suspects_arrested,,,X,2020,,170,person,,level,\n"
     "c,1,占两成,suspects_arrested,,,X,2020,,20,percent,,share,\n",
     0, JD_FINDING_SHARE_CHECK, 20, JD_SEVERITY_OK, "一致"},
    {"rounded-wan-change",
     "c,1,破获案件由2019年的3.6万起,cases_solved,,,X,2019,,36000,case,,level,\n"
     "c,1,上升到2020年的4.3万起,cases_solved,,,X,2020,,43000,case,,level,\n"
     "c,1,上升20%,cases_solved,,,X,2020,,20,percent,,change_pct,2019\n",
     0, JD_FINDING_EXACT_INTEGERS, 20, JD_SEVERITY_NOTE, NULL},
    {"change-with-a-level-in-another-paragraph",
     "c,1,2019年破获案件500起,cases_solved,,,X,2019,,500,case,,level,\n"
     "c,4,2020年破获案件800起,cases_solved,,,X,2020,,800,case,,level,\n"
     "c,4,同比上升20%,cases_solved,,,X,2020,,20,percent,,change_pct,2019\n",
     0, JD_FINDING_CHANGE_CHECK, 20, JD_SEVERITY_NOTE, "其他段落"},
    {"change-across-spans",
     "c,1,1-9月吸毒人数4000人,users_registered,,,X,2022-01/2022-09,,4000,person,,level,\n"
     "c,1,2021年为5000人,users_registered,,,X,2021,,5000,person,,level,\n"
     "c,1,下降17%,users_registered,,,X,2022-01/2022-09,,-17,percent,,change_pct,2021\n",
     0, JD_FINDING_CHANGE_CHECK, -17, JD_SEVERITY_NOTE, "时段"},
    {"changes-each-with-its-own-from-to",
     "c,3,整体减少10%(由2000人下降至1800人),users_registered,,,X,2021-Q1,,-10,percent,,change_pct,2020-Q1\n"
     "c,3,整体减少10%(由2000人下降至1800人),users_registered,,,X,2020-Q1,,2000,person,,level,\n"
     "c,3,整体减少10%(由2000人下降至1800人),users_registered,,,X,2021-Q1,,1800,person,,level,\n"
     "c,3,青少年上升50%(由100人上升至150人),users_registered,,,X,2021-Q1,,50,percent,,change_pct,2020-Q1\n"
     "c,3,青少年上升50%(由100人上升至150人),users_registered,,,X,2020-Q1,,100,person,,level,\n"
     "c,3,青少年上升50%(由100人上升至150人),users_registered,,,X,2021-Q1,,150,person,,level,\n",
     0, JD_FINDING_CHANGE_CHECK, 50, JD_SEVERITY_OK, "一致"},
    {"share-of-a-whole-not-stated",
     "c,1,全省缴获毒品5吨,drugs_seized,,all,X省,2020,,5000,kg,,level,\n"
     "c,1,其中海洛因2吨,drugs_seized,,heroin,X省,2020,,2000,kg,,level,\n"
     "c,1,占全国的10%,drugs_seized,,heroin,全国,2020,,10,percent,,share,\n",
     0, JD_FINDING_SHARE_CHECK, 10, JD_SEVERITY_NOTE, "统计范围"},
    {"share-after-a-list-of-several-items",
     "c,3,全省缴获毒品3.5吨,drugs_seized,,all,X,2020,,3500,kg,,level,\n"
     "c,3,通过公开查缉破获案件400起、抓获300人、缴获毒品1.1吨,cases_solved,公开查缉,,X,2020,,400,case,,level,\n"
     "c,3,通过公开查缉破获案件400起、抓获300人、缴获毒品1.1吨,suspects_arrested,公开查缉,,X,2020,,300,person,,level,\n"
     "c,3,通过公开查缉破获案件400起、抓获300人、缴获毒品1.1吨,drugs_seized,公开查缉,all,X,2020,,1100,kg,,level,\n"
     "c,3,破获案件数占全省总数的50%,drugs_seized,公开查缉,all,X,2020,,50,percent,,share,\n",
     0, JD_FINDING_SHARE_CHECK, 50, JD_SEVERITY_NOTE, "并列的几项"},
    {"shares-in-clauses-of-their-own",
     "c,22,全省18岁以下吸毒人员23人,users_minor,,,X,2019,,23,person,,level,\n"
     "c,22,占现有吸毒人员总数的0.064%,users_minor,,,X,2019,,0.064,percent,,share,\n"
     "c,22,35岁以下占比为22.4%,users_under_35,,,X,2019,,22.4,percent,,share,\n",
     0, JD_FINDING_IMPLIED_TOTAL, 0.064, JD_SEVERITY_NOTE, NULL},
    {"list-of-changes-uneven",
     "c,1,,cases_solved,,,X,2019,,1000,case,,level,\n"
     "c,1,,cases_solved,,,X,2019,,200,case,,level,\n"
     "c,1,,cases_solved,,,X,2019,,100,case,,level,\n"
     "c,1,,cases_solved,,,X,2018,,300,case,,level,\n"
     "c,1,,cases_solved,,,X,2019,,25,percent,,change_pct,2018\n"
     "c,1,,cases_solved,,,X,2019,,-50,percent,,change_pct,2018\n",
     0, -1, 0, 0, NULL},
    {"part-within-its-whole",
     "c,1,抓获犯罪嫌疑人1870人,suspects_arrested,,,X,2019,,1870,person,,level,\n"
     "c,1,其中团伙成员330人,suspects_arrested,团伙,,X,2019,,330,person,,level,\n",
     0, -1, 0, 0, NULL},
    {"outside-geography-is-no-part",
     "c,1,全国现有吸毒人员240万名,users_registered,,,全国,2018,,2400000,person,,level,\n"
     "c,1,全球吸毒人数约2.7亿,users_registered,全球,,全国,2018,,270000000,person,about,level,\n",
     0, -1, 0, 0, NULL},
    {"part-larger-than-whole-elsewhere",
     "c,1,破获毒品案件100起,cases_solved,,,X,2020,,100,case,,level,\n"
     "c,5,通过公开查缉破获案件150起,cases_solved,公开查缉,,X,2020,,150,case,,level,\n",
     0, JD_FINDING_PART_WHOLE, 150, JD_SEVERITY_NOTE, "其他段落"},
    {"part-within-a-rounded-whole",
     "c,1,破获毒品案件1.2万起,cases_solved,,,X,2020,,12000,case,,level,\n"
     "c,1,其中公开查缉破获12040起,cases_solved,公开查缉,,X,2020,,12040,case,,level,\n",
     0, -1, 0, 0, NULL},

    /* inconsistent documents: still an error */
    {"share-of-a-stated-whole-wrong",
     "c,7,全年收戒吸毒人员500人,compulsory_isolation,,,X,unknown,,500,person,,level,\n"
     "c,7,新增150人,new_users,,,X,unknown,,150,person,,level,\n"
     "c,7,占收戒总数的40%,new_users,,,X,unknown,,40,percent,,share,\n",
     1, JD_FINDING_SHARE_CHECK, 40, JD_SEVERITY_ERROR, "不符"},
    {"change-between-two-levels-wrong",
     "c,1,2019年破获案件200起,cases_solved,,,X,2019,,200,case,,level,\n"
     "c,1,2020年破获案件250起,cases_solved,,,X,2020,,250,case,,level,\n"
     "c,1,同比上升30%,cases_solved,,,X,2020,,30,percent,,change_pct,2019\n",
     1, JD_FINDING_CHANGE_CHECK, 30, JD_SEVERITY_ERROR, "不符"},
    {"respectively-list-one-to-one-wrong",
     "c,1,全市破获毒品案件1000起,cases_solved,,,X,2020,,1000,case,,level,\n"
     "c,1,缴获毒品200公斤,drugs_seized,,all,X,2020,,200,kg,,level,\n"
     "c,1,通过群众举报破获案件200起,cases_solved,群众举报,,X,2020,,200,case,,level,\n"
     "c,1,缴获毒品50公斤,drugs_seized,群众举报,all,X,2020,,50,kg,,level,\n"
     "c,1,分别占总数的20%和30%,cases_solved,群众举报,,X,2020,,20,percent,,share,\n"
     "c,1,分别占总数的20%和30%,drugs_seized,群众举报,all,X,2020,,30,percent,,share,\n",
     1, JD_FINDING_SHARE_CHECK, 30, JD_SEVERITY_ERROR, "不符"},
    {"about-six-tenths-wrong",
     "c,1,抓获犯罪嫌疑人1000人,suspects_arrested,,,X,2020,,1000,person,,level,\n"
     "c,1,其中吸毒人员400人,suspects_arrested,,,X,2020,,400,person,,level,\n"
     "c,1,约占六成,suspects_arrested,,,X,2020,,60,percent,about,share,\n",
     1, JD_FINDING_SHARE_CHECK, 60, JD_SEVERITY_ERROR, NULL},
    {"rounded-wan-wrong",
     "c,1,现有吸毒人员1.36万名,users_registered,,,X,2020,,13600,person,,level,\n"
     "c,1,其中35岁以下3400名,users_registered,,,X,2020,,3400,person,,level,\n"
     "c,1,占30%,users_registered,,,X,2020,,30,percent,,share,\n",
     1, JD_FINDING_EXACT_INTEGERS, 30, JD_SEVERITY_ERROR, "没有任何整数组合"},
    {"part-larger-than-whole",
     "c,1,破获毒品案件100起,cases_solved,,,X,2020,,100,case,,level,\n"
     "c,1,其中公开查缉破获150起,cases_solved,公开查缉,,X,2020,,150,case,,level,\n",
     1, JD_FINDING_PART_WHOLE, 150, JD_SEVERITY_ERROR, "部分不可能大于总数"},
};

static const jd_finding *find_opt(const jd_analysis *a, jd_finding_kind kind, double stated)
{
  for (size_t i = 0; i < jd_analysis_get_finding_count(a); i++) {
    const jd_finding *f = jd_analysis_get_finding(a, i);
    if (f->kind == kind && fabs(f->stated - stated) < 1e-9) return f;
  }
  return NULL;
}

static void test_pairing_case(gconstpointer data)
{
  const audit_case *c = data;
  g_autofree char *csv = g_strconcat(CASE_HEADER, c->rows, NULL);
  jd_analysis *a = analyse_csv(csv);
  size_t errors = jd_analysis_count_findings(a, JD_SEVERITY_ERROR);
  if (errors != c->errors) {
    GString *s = g_string_new(NULL);
    jd_analysis_write_findings(s, a, JD_ANALYSIS_TEXT, JD_SEVERITY_NOTE);
    g_printerr("%s\n", s->str);
    g_string_free(s, TRUE);
  }
  g_assert_cmpuint(errors, ==, c->errors);
  if (c->kind >= 0) {
    const jd_finding *f = find_opt(a, (jd_finding_kind)c->kind, c->stated);
    g_assert_nonnull(f);
    g_assert_cmpint(f->severity, ==, c->severity);
    if (c->says) g_assert_nonnull(strstr(f->explanation, c->says));
    g_assert_null(strstr(f->explanation, "Wilson"));
  } else if (c->errors == 0) {
    for (size_t i = 0; i < jd_analysis_get_finding_count(a); i++)
      g_assert_cmpint(jd_analysis_get_finding(a, i)->kind, !=, JD_FINDING_PART_WHOLE);
  }
  /* one finding per stated figure and kind */
  for (size_t i = 0; i < jd_analysis_get_finding_count(a); i++)
    for (size_t j = i + 1; j < jd_analysis_get_finding_count(a); j++) {
      const jd_finding *x = jd_analysis_get_finding(a, i), *y = jd_analysis_get_finding(a, j);
      g_assert_false(x->kind == y->kind && x->n_sources == y->n_sources &&
                     x->sources[0].line == y->sources[0].line && x->stated == y->stated &&
                     strcmp(x->explanation, y->explanation) == 0);
    }
  jd_analysis_free(a);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_test_add("/audit/seed-figures/shares", test_shares);
  jd_test_add("/audit/seed-figures/changes-and-integers", test_changes);
  jd_test_add("/audit/change-kinds", test_change_kinds);
  jd_test_add("/audit/wording", test_wording);
  jd_test_add("/audit/labels", test_labels);
  jd_test_add("/audit/respectively-lists", test_respectively);
  jd_test_add("/audit/qualified-change-prior", test_qualified_change_prior);
  jd_test_add("/audit/share-lists", test_share_lists);
  jd_test_add("/audit/share-list-document", test_share_list_document);
  jd_test_add("/audit/cli", test_cli);
  jd_test_add_seeds("/audit/seed-documents", test_seed_documents);
  jd_test_add("/audit/own-documents", test_own_documents);
  for (size_t i = 0; !jd_test_seeds_part() && i < G_N_ELEMENTS(audit_cases); i++) {
    g_autofree char *path = g_strconcat("/audit/pairing/", audit_cases[i].name, NULL);
    g_test_add_data_func(path, &audit_cases[i], test_pairing_case);
  }
  return jd_test_run();
}
