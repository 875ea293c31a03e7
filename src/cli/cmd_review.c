/* `jindu review`: walks through what needs a human — audit findings
 * (warnings, errors) and figures whose scope, span or period jindu could not
 * tell — shows each quote with its document and line, and lets the analyst
 * accept it, correct it (metric, scope, region, period, value) or withdraw
 * it. Each decision is appended at once to the overrides file named in
 * jindu.ini (never rewritten), so the next build uses it and the next review
 * does not ask again. Prompts are lines on standard input: the same on a
 * terminal, in tmux or from a script. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "jindu/analyze.h"
#include "jindu/build.h"
#include "jindu/text.h"

typedef struct {
  const jd_figure *f;
  char *why; /* what needs a human, in Chinese */
} item;

static char *figure_key(const char *doc, unsigned line, const char *metric, const char *drug,
                        const char *period, const char *kind)
{
  return g_strdup_printf("%s\t%u\t%s\t%s\t%s\t%s", doc, line, metric, drug, period, kind);
}

/* The items, in document order, each figure once; those the overrides
 * already decide are left out. */
static GArray *collect_items(const jd_figure_table *t, const jd_analysis *a, GHashTable *decided)
{
  GArray *items = g_array_new(FALSE, TRUE, sizeof(item));
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (size_t i = 0; i < jd_figure_table_get_count(t); i++) {
    const jd_figure *f = jd_figure_table_get(t, i);
    GString *why = g_string_new(NULL);
    if (strcmp(f->scope, "?") == 0) g_string_append(why, "范围不明 ");
    if (strcmp(f->span, "unknown") == 0 || strcmp(f->period, "unknown") == 0)
      g_string_append(why, "时期不详 ");
    for (size_t k = 0; k < jd_analysis_get_finding_count(a); k++) {
      const jd_finding *fd = jd_analysis_get_finding(a, k);
      if (fd->severity < JD_SEVERITY_WARNING) continue;
      for (size_t s = 0; s < fd->n_sources; s++)
        if (fd->sources[s].line == f->line && strcmp(fd->sources[s].doc, f->doc) == 0 &&
            fd->sources[s].value == f->value && fd->sources[s].kind == f->kind &&
            !strstr(why->str, fd->title))
          g_string_append_printf(why, "【%s】%s ", jd_severity_to_chinese(fd->severity), fd->title);
    }
    char *key = figure_key(f->doc, f->line, f->metric, f->drug, f->period, jd_kind_to_string(f->kind));
    if (why->len && !g_hash_table_contains(decided, key) && g_hash_table_add(seen, key)) {
      item it = {f, g_strdup(g_strchomp(why->str))};
      g_array_append_val(items, it);
    } else if (!g_hash_table_contains(seen, key)) {
      g_free(key);
    }
    g_string_free(why, TRUE);
  }
  g_hash_table_unref(seen);
  return items;
}

/* RFC 4180: a field with a comma, quote or line break is quoted. */
static void csv_field(GString *out, const char *s)
{
  if (!strpbrk(s, ",\"\r\n")) {
    g_string_append(out, s);
    return;
  }
  g_string_append_c(out, '"');
  for (const char *p = s; *p; p++) {
    if (*p == '"') g_string_append_c(out, '"');
    g_string_append_c(out, *p);
  }
  g_string_append_c(out, '"');
}

static const char *const columns[] = {"doc", "line", "quote", "metric", "scope", "drug", "region",
                                      "period", "span", "value", "unit", "qualifier", "kind",
                                      "base_period", "note", NULL};

/* One field of f by column name; value "" withdraws. */
static char *field(const jd_figure *f, const char *col, gboolean withdraw, const char *note)
{
  if (!strcmp(col, "doc")) return g_strdup(f->doc);
  if (!strcmp(col, "line")) return g_strdup_printf("%u", f->line);
  if (!strcmp(col, "quote")) return g_strdup(f->quote);
  if (!strcmp(col, "metric")) return g_strdup(f->metric);
  if (!strcmp(col, "scope")) return g_strdup(f->scope);
  if (!strcmp(col, "drug")) return g_strdup(f->drug);
  if (!strcmp(col, "region")) return g_strdup(f->region);
  if (!strcmp(col, "period")) return g_strdup(f->period);
  if (!strcmp(col, "span")) return g_strdup(f->span);
  if (!strcmp(col, "value")) return withdraw ? g_strdup("") : jd_figure_format_value(f->value);
  if (!strcmp(col, "unit")) return g_strdup(f->unit);
  if (!strcmp(col, "qualifier")) return g_strdup(jd_qualifier_to_string(f->qualifier));
  if (!strcmp(col, "kind")) return g_strdup(jd_kind_to_string(f->kind));
  if (!strcmp(col, "base_period")) return g_strdup(f->base_period);
  if (!strcmp(col, "note")) return g_strdup(note);
  return g_strdup("");
}

/* The overrides file's columns: its header, or ours for a new file (then
 * written). */
static char **overrides_header(const char *path, GError **error)
{
  g_autofree char *text = NULL;
  if (!g_file_get_contents(path, &text, NULL, NULL) || !*text) {
    GString *h = g_string_new(NULL);
    for (size_t i = 0; columns[i]; i++) g_string_append_printf(h, "%s%s", i ? "," : "", columns[i]);
    g_string_append_c(h, '\n');
    gboolean ok = g_file_set_contents(path, h->str, (gssize)h->len, error);
    g_string_free(h, TRUE);
    return ok ? g_strdupv((char **)columns) : NULL;
  }
  char *nl = strpbrk(text, "\r\n");
  if (nl) *nl = 0;
  const char *start = g_str_has_prefix(text, "\xEF\xBB\xBF") ? text + 3 : text;
  return g_strsplit(start, ",", -1);
}

/* Appends one decision (never rewriting the file). */
static gboolean append_decision(const char *path, char **header, const jd_figure *f,
                                gboolean withdraw, const char *note, GError **error)
{
  GString *row = g_string_new(NULL);
  for (char **c = header; *c; c++) {
    g_autofree char *v = field(f, g_strstrip(*c), withdraw, note);
    if (c != header) g_string_append_c(row, ',');
    csv_field(row, v);
  }
  g_string_append_c(row, '\n');
  FILE *fp = fopen(path, "a");
  gboolean ok = fp && fwrite(row->str, 1, row->len, fp) == row->len;
  ok = fp && fclose(fp) == 0 && ok;
  if (!ok)
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                "%s: cannot append the decision — check that the file is writable", path);
  g_string_free(row, TRUE);
  return ok;
}

/* "period=2019 value=640": applies each FIELD=VALUE to a copy of f.
 * FALSE with a message on a field it does not know. */
static gboolean apply_correction(jd_figure *f, const char *line)
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
    const char *v = eq + 1;
    char **slot = !strcmp(*p, "metric") ? &f->metric : !strcmp(*p, "scope") ? &f->scope
                : !strcmp(*p, "region") ? &f->region : !strcmp(*p, "period") ? &f->period : NULL;
    if (slot) {
      g_free(*slot);
      *slot = g_strdup(v);
    } else if (!strcmp(*p, "value")) {
      char *end = NULL;
      double x = g_ascii_strtod(v, &end);
      if (!*v || *end || !isfinite(x)) {
        printf("  value=%s 不是数字\n", v);
        return FALSE;
      }
      f->value = x;
    } else {
      printf("  不能更正“%s” — 可更正 metric scope region period value\n", *p);
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

static void show(const item *it, guint i, guint n)
{
  const jd_figure *f = it->f;
  g_autofree char *v = jd_figure_format_value(f->value);
  GString *now = g_string_new(f->metric);
  if (*f->scope) g_string_append_printf(now, " 范围=%s", f->scope);
  g_string_append_printf(now, " %s %s %s %s %s", *f->region ? f->region : "-", f->period, v,
                         f->unit, jd_kind_to_string(f->kind));
  printf("\n[%u/%u] %s — %s:%u\n  原文：%s\n  现为：%s\n", i + 1, n, it->why, f->doc, f->line,
         f->quote, now->str);
  g_string_free(now, TRUE);
  printf("a 接受  c 更正  w 撤回  s 跳过  q 退出 > ");
  fflush(stdout);
}

/* One item: until a decision, a skip or the end of input. Returns 'q' to
 * stop, else 0; *decided counts decisions written. */
static int review_item(const item *it, guint i, guint n, const char *path, char **header,
                       guint *decided, GError **error)
{
  for (;;) {
    show(it, i, n);
    g_autofree char *ans = read_line();
    if (!ans || !strcmp(ans, "q")) return 'q';
    if (!strcmp(ans, "s") || !*ans) return 0;
    if (!strcmp(ans, "a") || !strcmp(ans, "w")) {
      gboolean w = ans[0] == 'w';
      if (!append_decision(path, header, it->f, w, w ? "review: withdrawn" : "review: accepted", error))
        return -1;
      printf("  已%s\n", w ? "撤回" : "接受");
      (*decided)++;
      return 0;
    }
    if (!strcmp(ans, "c")) {
      printf("  更正（字段=值，以空格分隔，如 period=2019 value=640）> ");
      fflush(stdout);
      g_autofree char *fix = read_line();
      jd_figure *c = jd_figure_copy(it->f);
      gboolean ok = fix && apply_correction(c, fix);
      /* a new metric or period is another row: the old one is withdrawn */
      gboolean moved = strcmp(c->metric, it->f->metric) || strcmp(c->period, it->f->period);
      if (strcmp(c->period, it->f->period)) jd_figure_set_span(c, NULL); /* the new period's own */
      if (ok && ((moved && !append_decision(path, header, it->f, TRUE,
                                            "review: corrected (old row)", error)) ||
                 !append_decision(path, header, c, FALSE, "review: corrected", error))) {
        jd_figure_free(c);
        return -1;
      }
      jd_figure_free(c);
      if (!ok) continue;
      printf("  已更正\n");
      (*decided)++;
      return 0;
    }
    printf("  请输入 a、c、w、s 或 q\n");
  }
}

/* The keys the overrides files already decide. */
static GHashTable *decided_keys(char **files)
{
  GHashTable *keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (char **p = files; p && *p; p++) {
    jd_figure_table *t = jd_figure_table_new();
    if (jd_figure_table_read_file(t, *p, NULL))
      for (size_t i = 0; i < jd_figure_table_get_count(t); i++) {
        const jd_figure *f = jd_figure_table_get(t, i);
        g_hash_table_add(keys, figure_key(f->doc, f->line, f->metric, f->drug, f->period,
                                          jd_kind_to_string(f->kind)));
      }
    jd_figure_table_free(t);
  }
  return keys;
}

static int run_review(const jd_build_config *c, const jd_figure_table *t)
{
  GError *err = NULL;
  jd_analysis *a = jd_analyze(t, NULL, &err);
  if (!a) return jd_cli_fail(err, JD_EXIT_INPUT);
  GHashTable *done = decided_keys(c->overrides);
  GArray *items = collect_items(t, a, done);
  const char *path = c->overrides[0];
  char **header = items->len ? overrides_header(path, &err) : NULL;
  int code = JD_EXIT_OK;
  guint decided = 0, i = 0;
  if (items->len && !header) {
    code = jd_cli_fail(err, JD_EXIT_OUTPUT);
  } else {
    printf("jindu review: %u item%s need%s a human; decisions go to %s\n", items->len,
           items->len == 1 ? "" : "s", items->len == 1 ? "s" : "", path);
    for (i = 0; i < items->len; i++) {
      int r = review_item(&g_array_index(items, item, i), i, items->len, path, header, &decided, &err);
      if (r < 0) code = jd_cli_fail(err, JD_EXIT_OUTPUT);
      if (r != 0) break;
    }
    printf("\njindu review: %u decision%s appended to %s; %u left — run 'jindu build' to use them\n",
           decided, decided == 1 ? "" : "s", path, items->len - MIN(i, items->len));
  }
  for (guint k = 0; k < items->len; k++) g_free(g_array_index(items, item, k).why);
  g_array_unref(items);
  g_strfreev(header);
  g_hash_table_unref(done);
  jd_analysis_free(a);
  return code;
}

int jd_cmd_review(int argc, char **argv)
{
  char *config_path = NULL;
  int code = JD_EXIT_OK;
  GError *err = NULL;
  jd_build_config *config = NULL;
  jd_figure_table *t = NULL;
  GOptionEntry entries[] = {
      {"config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
       "the build to review (default: jindu.ini)", "FILE"},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  GOptionContext *ctx = g_option_context_new("- decide what needs a human, for the next build");
  g_option_context_set_summary(
      ctx, "Shows each audit finding (warning, error) and each figure whose scope, span or\n"
           "period is unknown, with its quote, document and line, and asks:\n"
           "  a  accept it as it is      c  correct it (metric= scope= region= period= value=)\n"
           "  w  withdraw it             s  skip it for now            q  stop\n"
           "Every decision is appended at once to the first overrides file of jindu.ini\n"
           "(created if missing, never rewritten); the next build uses it.");
  g_option_context_add_main_entries(ctx, entries, NULL);
  if (!jd_cli_parse(ctx, &argc, &argv, &code)) goto out;
  config = jd_build_config_load(config_path ? config_path : "jindu.ini", &err);
  if (!config) {
    code = jd_cli_fail(err, JD_EXIT_INPUT);
    goto out;
  }
  if (!config->overrides[0]) {
    jd_cli_error("%s: no overrides file to write decisions to — add overrides=overrides.csv "
                 "under [input]", config->path);
    code = JD_EXIT_INPUT;
    goto out;
  }
  if (!g_file_test(config->overrides[0], G_FILE_TEST_EXISTS)) { /* a first review: a new file */
    char **header = overrides_header(config->overrides[0], &err);
    if (!header) {
      code = jd_cli_fail(err, JD_EXIT_OUTPUT);
      goto out;
    }
    g_strfreev(header);
  }
  GPtrArray *docs = config->documents[0]
                        ? jd_inputs_collect((const char *const *)config->documents,
                                            g_strv_length(config->documents), &err)
                        : g_ptr_array_new_with_free_func(g_free);
  t = jd_figure_table_new();
  if (!docs || !jd_build_load_figures((const char *const *)docs->pdata, docs->len,
                                      (const char *const *)config->figures,
                                      (const char *const *)config->overrides, config->encoding, t,
                                      &err))
    code = jd_cli_fail(err, JD_EXIT_INPUT);
  if (docs) g_ptr_array_unref(docs);
  if (code == JD_EXIT_OK) code = run_review(config, t);
out:
  jd_figure_table_free(t);
  jd_build_config_free(config);
  g_free(config_path);
  g_option_context_free(ctx);
  return code;
}
