/* `jindu metrics` and `jindu regions`: what a metric, drug or region may be
 * called — id, Chinese name, aliases, and for metrics the units and kind —
 * from data/lexicon (catalog.h), all of them or those matching --search. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "jindu/catalog.h"
#include "jindu/names.h"

/* Columns of display width (CJK characters are two columns wide). */
static size_t width(const char *s)
{
  size_t w = 0;
  for (const char *p = s; *p; p = g_utf8_next_char(p))
    w += g_unichar_iswide(g_utf8_get_char(p)) ? 2 : 1;
  return w;
}

static void pad(GString *out, const char *s, size_t w)
{
  g_string_append(out, s);
  for (size_t n = width(s); n < w; n++) g_string_append_c(out, ' ');
}

/* The units of a metric as words: "case,percent" -> "起、%". */
static char *unit_words(const char *units)
{
  g_auto(GStrv) list = g_strsplit(units, ",", -1);
  GString *s = g_string_new(NULL);
  for (char **u = list; *u; u++) {
    if (!**u) continue;
    const char *w = strcmp(*u, "percent") == 0 ? "%" : jd_unit_name(*u);
    if (s->len) g_string_append(s, "、");
    g_string_append(s, *w ? w : *u);
  }
  return g_string_free(s, FALSE);
}

static void print_table(GPtrArray *rows, gboolean tsv, const char *const *head, size_t ncol)
{
  size_t w[8] = {0};
  for (size_t c = 0; c < ncol; c++) w[c] = width(head[c]);
  for (guint i = 0; i < rows->len; i++) {
    char **r = rows->pdata[i];
    for (size_t c = 0; c < ncol; c++) w[c] = MAX(w[c], width(r[c]));
  }
  GString *out = g_string_new(NULL);
  for (guint i = 0; i <= rows->len; i++) {
    const char *const *r = i == 0 ? head : (const char *const *)rows->pdata[i - 1];
    for (size_t c = 0; c < ncol; c++) {
      if (tsv)
        g_string_append_printf(out, "%s%s", r[c], c + 1 < ncol ? "\t" : "");
      else if (c + 1 < ncol)
        pad(out, r[c], w[c] + 2);
      else
        g_string_append(out, r[c]);
    }
    g_string_append_c(out, '\n');
  }
  fwrite(out->str, 1, out->len, stdout);
  g_string_free(out, TRUE);
}

typedef struct {
  char *search, *format, *level;
  gboolean drugs;
} list_args;

static int run(int argc, char **argv, gboolean regions)
{
  list_args a = {0};
  int code = JD_EXIT_OK;
  GError *err = NULL;
  jd_lexicon *lx = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
  GOptionEntry entries[] = {
      {"search", 's', 0, G_OPTION_ARG_STRING, &a.search,
       "only those whose id, name or an alias contains TEXT", "TEXT"},
      {"format", 0, 0, G_OPTION_ARG_STRING, &a.format, "text (default) or tsv", "FORMAT"},
      {regions ? "level" : "drugs", 0, 0, regions ? G_OPTION_ARG_STRING : G_OPTION_ARG_NONE,
       regions ? (gpointer)&a.level : (gpointer)&a.drugs,
       regions ? "only this level: country, province, prefecture or county" : "list the drugs",
       regions ? "LEVEL" : NULL},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  GOptionContext *ctx = g_option_context_new(regions ? "- list the regions jindu knows"
                                                     : "- list the metrics (or drugs) jindu knows");
  g_option_context_set_summary(
      ctx, regions ? "Every place of data/lexicon/regions.tsv with the names it goes by. Any\n"
                     "option that takes a region accepts these names.\n\n"
                     "  jindu regions --search 甘肃\n  jindu regions --level province"
                   : "Every metric with its Chinese name, aliases, units and kind (level or\n"
                     "rate), from data/lexicon. Any option that takes a metric (or drug)\n"
                     "accepts the id, the Chinese name or an alias.\n\n"
                     "  jindu metrics --search 戒毒\n  jindu metrics --drugs");
  g_option_context_add_main_entries(ctx, entries, NULL);
  if (!jd_cli_parse(ctx, &argc, &argv, &code)) goto out;
  gboolean tsv = a.format && strcmp(a.format, "tsv") == 0;
  if (a.format && !tsv && strcmp(a.format, "text") != 0) {
    jd_cli_error("--format '%s' is not known — use text or tsv", a.format);
    code = JD_EXIT_USAGE;
    goto out;
  }
  if (argc > 1) {
    jd_cli_error("unexpected argument '%s' — to look for a name use --search %s", argv[1], argv[1]);
    code = JD_EXIT_USAGE;
    goto out;
  }
  if (!(lx = jd_lexicon_load(NULL, &err))) {
    code = jd_cli_fail(err, JD_EXIT_INPUT);
    goto out;
  }
  jd_catalog_kind kind = regions ? JD_CATALOG_REGION : a.drugs ? JD_CATALOG_DRUG : JD_CATALOG_METRIC;
  GPtrArray *list = jd_catalog_list(lx, kind);
  for (guint i = 0; i < list->len; i++) {
    const jd_catalog_entry *e = list->pdata[i];
    if (a.search && !jd_catalog_entry_matches(e, a.search)) continue;
    if (a.level && strcmp(e->unit, a.level) != 0) continue;
    char *aliases = g_strjoinv("、", e->aliases);
    char **r = g_new0(char *, 6);
    if (regions) {
      r[0] = g_strdup(e->name), r[1] = g_strdup(e->unit), r[2] = g_strdup(*e->kind ? e->kind : "-");
      r[3] = aliases;
    } else if (a.drugs) {
      r[0] = g_strdup(e->id), r[1] = g_strdup(e->name), r[2] = aliases;
    } else {
      r[0] = g_strdup(e->id), r[1] = g_strdup(e->name), r[2] = unit_words(e->unit);
      r[3] = g_strdup(e->kind), r[4] = aliases;
    }
    for (int c = 0; c < 5; c++)
      if (r[c] && !*r[c]) g_free(r[c]), r[c] = g_strdup("-");
    g_ptr_array_add(rows, r);
  }
  g_ptr_array_unref(list);
  if (rows->len == 0) {
    jd_cli_error("no %s matches '%s' — try a shorter --search", regions ? "region" : "metric",
                 a.search ? a.search : a.level);
    code = JD_EXIT_INPUT;
    goto out;
  }
  static const char *const metric_head[] = {"id", "名称", "单位", "类型", "别名"};
  static const char *const drug_head[] = {"id", "名称", "别名"};
  static const char *const region_head[] = {"名称", "级别", "上级", "别名"};
  if (regions)
    print_table(rows, tsv, region_head, 4);
  else if (a.drugs)
    print_table(rows, tsv, drug_head, 3);
  else
    print_table(rows, tsv, metric_head, 5);
out:
  g_ptr_array_unref(rows);
  jd_lexicon_free(lx);
  g_free(a.search);
  g_free(a.format);
  g_free(a.level);
  g_option_context_free(ctx);
  return code;
}

int jd_cmd_metrics(int argc, char **argv) { return run(argc, argv, FALSE); }
int jd_cmd_regions(int argc, char **argv) { return run(argc, argv, TRUE); }
