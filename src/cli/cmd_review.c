/* `jindu review`: walks through what needs a human — audit findings
 * (warnings, errors), figures whose scope, span or period jindu could not
 * tell, OCR readings of low confidence — shows each quote with its document
 * and line, and lets the analyst accept it, correct it (metric, scope,
 * region, period, value) or withdraw it. Each decision is appended at once
 * to the overrides file named in jindu.ini (never rewritten; review.h), so
 * the next build uses it and the next review does not ask again. On a
 * terminal a full screen (review-screen.c); in a pipe, from a script or with
 * --lines, prompts that are lines on standard input. */
#include <gio/gio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "jindu/build.h"
#include "jindu/review.h"
#include "jindu/text.h"
#include "review-screen.h"

/* "period=2019 value=640": applies each FIELD=VALUE to f. FALSE with a
 * message on a field or value it cannot take. */
static gboolean apply_correction(const jd_review *r, jd_figure *f, const char *line)
{
  if (!f || !line) return FALSE;
  g_auto(GStrv) parts = g_strsplit_set(line, " \t", -1);
  gboolean any = FALSE;
  for (char **p = parts; *p; p++) {
    if (!**p) continue;
    char *eq = strchr(*p, '=');
    if (!eq) {
      printf("  “%s”不是 字段=值 — 可更正 metric scope region period value\n", *p);
      return FALSE;
    }
    *eq = 0;
    g_autofree char *msg = NULL;
    if (!jd_review_set_field(r, f, *p, eq + 1, &msg)) {
      printf("  %s\n", msg);
      return FALSE;
    }
    any = TRUE;
  }
  return any;
}

static char *read_line(void)
{
  char buf[4096];
  if (!fgets(buf, sizeof buf, stdin)) return NULL;
  return g_strdup(g_strchomp(buf));
}

static void show(jd_review *r, guint i)
{
  const jd_review_item *it = g_ptr_array_index(r->items, i);
  guint n = r->items->len;
  const jd_figure *f = it->figure;
  size_t qs, qe;
  const char *sentence = jd_review_sentence(r, i, &qs, &qe);
  g_autofree char *v = jd_figure_format_value(f->value);
  GString *now = g_string_new(f->metric);
  if (*f->scope) g_string_append_printf(now, " 范围=%s", f->scope);
  g_string_append_printf(now, " %s %s %s %s %s", *f->region ? f->region : "-", f->period, v,
                         f->unit, jd_kind_to_string(f->kind));
  printf("\n[%u/%u] %s — %s:%u%s%s\n  原文：%s\n", i + 1, n, it->why, f->doc, f->line,
         *f->where ? " " : "", f->where, f->quote);
  if (sentence && strcmp(sentence, f->quote)) printf("  句子：%s\n", sentence);
  printf("  现为：%s\n", now->str);
  g_string_free(now, TRUE);
  printf("a 接受  c 更正  w 撤回  s 跳过  q 退出 > ");
  fflush(stdout);
}

/* One item: until a decision, a skip or the end of input. Returns 'q' to
 * stop, -1 on an error, else 0. */
static int review_item(jd_review *r, guint i, GError **error)
{
  const jd_review_item *it = g_ptr_array_index(r->items, i);
  for (;;) {
    show(r, i);
    g_autofree char *ans = read_line();
    if (!ans || !strcmp(ans, "q")) return 'q';
    if (!strcmp(ans, "s") || !*ans) return 0;
    if (!strcmp(ans, "a") || !strcmp(ans, "w")) {
      gboolean w = ans[0] == 'w';
      if (!(w ? jd_review_withdraw(r, i, error) : jd_review_accept(r, i, error))) return -1;
      printf("  已%s\n", w ? "撤回" : "接受");
      return 0;
    }
    if (!strcmp(ans, "c")) {
      printf("  更正（字段=值，以空格分隔，如 period=2019 value=640 metric=破获毒品案件）> ");
      fflush(stdout);
      g_autofree char *fix = read_line();
      jd_figure *c = jd_figure_copy(it->figure);
      gboolean ok = fix && apply_correction(r, c, fix);
      gboolean written = ok && jd_review_correct(r, i, c, error);
      jd_figure_free(c);
      if (ok && !written) return -1;
      if (!ok) continue;
      printf("  已更正\n");
      return 0;
    }
    printf("  请输入 a、c、w、s 或 q\n");
  }
}

/* The line prompts: the same on a terminal with --lines, in a pipe or from
 * a script. */
static int review_lines(jd_review *r)
{
  GError *err = NULL;
  int code = JD_EXIT_OK;
  guint i = 0, n = r->items->len;
  printf("jindu review: %u item%s need%s a human; decisions go to %s\n", n, n == 1 ? "" : "s",
         n == 1 ? "s" : "", r->path);
  for (i = 0; i < n; i++) {
    int res = review_item(r, i, &err);
    if (res < 0) code = jd_cli_fail(err, JD_EXIT_OUTPUT);
    if (res != 0) break;
  }
  printf("\njindu review: %u decision%s appended to %s; %u left — run 'jindu build' to use them\n",
         r->decided, r->decided == 1 ? "" : "s", r->path, n - MIN(i, n));
  return code;
}

/* The terminal screen when both ends are a terminal that can draw it. */
static gboolean use_screen(gboolean lines)
{
  const char *term = g_getenv("TERM");
  return !lines && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) && term && *term &&
         strcmp(term, "dumb") != 0;
}

static int run_review(const jd_build_config *c, const jd_figure_table *t, const GPtrArray *docs,
                      gboolean lines)
{
  GError *err = NULL;
  jd_review *r = jd_review_open(c, t, (const char *const *)docs->pdata, docs->len, &err);
  if (!r)
    return jd_cli_fail(err, err && err->domain == G_FILE_ERROR ? JD_EXIT_OUTPUT : JD_EXIT_INPUT);
  int code = JD_EXIT_OK;
  guint left = 0;
  gboolean drawn = r->items->len && use_screen(lines);
  if (drawn && !jd_review_screen(r, &left, &err)) {
    if (g_error_matches(err, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED)) { /* no screen: lines */
      jd_cli_warning("%s", err->message);
      g_clear_error(&err);
      drawn = FALSE;
    } else {
      code = jd_cli_fail(err, JD_EXIT_OUTPUT);
    }
  }
  if (drawn) {
    printf("jindu review: %u decision%s appended to %s; %u left — run 'jindu build' to use them\n",
           r->decided, r->decided == 1 ? "" : "s", r->path, left);
  } else {
    code = review_lines(r);
  }
  jd_review_free(r);
  return code;
}

int jd_cmd_review(int argc, char **argv)
{
  char *config_path = NULL;
  gboolean lines = FALSE;
  int code = JD_EXIT_OK;
  GError *err = NULL;
  jd_build_config *config = NULL;
  jd_figure_table *t = NULL;
  GOptionEntry entries[] = {
      {"config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
       "the build to review (default: jindu.ini)", "FILE"},
      {"lines", 0, 0, G_OPTION_ARG_NONE, &lines,
       "line prompts even on a terminal (as in a pipe or a script)", NULL},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  GOptionContext *ctx = g_option_context_new("- decide what needs a human, for the next build");
  g_option_context_set_summary(
      ctx, "Shows each audit finding (warning, error), each figure whose scope, span or\n"
           "period is unknown and each OCR reading of low confidence, with its quote,\n"
           "document and line. On a terminal it is a full screen; in a pipe or with --lines,\n"
           "line prompts:\n"
           "  a  accept it as it is      c  correct it (metric, scope, region, period, value;\n"
           "  w  withdraw it                the metric by id, Chinese name or alias)\n"
           "  s  skip it for now         b  back (screen)               q  stop\n"
           "Every decision is appended at once to the first overrides file of jindu.ini\n"
           "(created if missing, never rewritten); the next build uses it.");
  g_option_context_add_main_entries(ctx, entries, NULL);
  if (!jd_cli_parse(ctx, &argc, &argv, &code)) goto out;
  config = jd_build_config_load(config_path ? config_path : "jindu.ini", &err);
  if (!config) {
    code = jd_cli_fail(err, JD_EXIT_INPUT);
    goto out;
  }
  if (!jd_review_prepare(config, &err)) { /* a first review: a new overrides file */
    code = jd_cli_fail(err, err->domain == G_FILE_ERROR ? JD_EXIT_OUTPUT : JD_EXIT_INPUT);
    goto out;
  }
  GPtrArray *docs = config->documents[0]
                        ? jd_inputs_collect((const char *const *)config->documents,
                                            g_strv_length(config->documents), &err)
                        : g_ptr_array_new_with_free_func(g_free);
  t = jd_figure_table_new();
  GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
  if (!docs || !jd_build_load_figures((const char *const *)docs->pdata, docs->len,
                                      (const char *const *)config->figures,
                                      (const char *const *)config->overrides, config->encoding, t,
                                      warnings, &err))
    code = jd_cli_fail(err, JD_EXIT_INPUT);
  jd_cli_warnings(warnings);
  g_ptr_array_unref(warnings);
  if (code == JD_EXIT_OK && docs) code = run_review(config, t, docs, lines);
  if (docs) g_ptr_array_unref(docs);
out:
  jd_figure_table_free(t);
  jd_build_config_free(config);
  g_free(config_path);
  g_option_context_free(ctx);
  return code;
}
