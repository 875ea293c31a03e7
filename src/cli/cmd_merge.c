/* `jindu merge`: the figures tables of a sharded extraction (one `jindu
 * extract` per group of documents, on one machine or many: GNU parallel,
 * Hadoop Streaming, Spark pipe — docs/sharding.md) as one table, identical
 * byte for byte to what one `jindu extract` over all the documents writes,
 * whatever the split and the order of the shards. */
#include <stdio.h>
#include <string.h>

#include "cmd-analyze.h"
#include "commands.h"
#include "jindu/figure.h"

static const char merge_summary[] =
    "Reads the figures tables (CSV or JSON Lines, as `jindu extract` writes them)\n"
    "of a sharded extraction and writes them as one table, in the order one\n"
    "extraction over all the documents gives (by document, then line). Each\n"
    "document must be in one shard only: a document found in two shards is an\n"
    "error (the shards overlap). '-' reads standard input.\n"
    "\n"
    "Examples:\n"
    "  jindu merge -o figures.csv shards/*.csv\n"
    "  ls corpus/*.txt | parallel -N 500 --sshloginfile hosts \\\n"
    "      jindu extract --format jsonl {} > all.jsonl && jindu merge all.jsonl\n";

/* Documents seen so far, each with the shard it came from: a document in two
 * shards means the shards overlap, and the merged table would count it twice. */
static gboolean check_overlap(GHashTable *owner, const jd_figure_table *t, size_t from,
                              const char *shard, GError **error)
{
  GHashTable *mine = g_hash_table_new(g_str_hash, g_str_equal);
  gboolean ok = TRUE;
  for (size_t i = from; i < jd_figure_table_get_count(t) && ok; i++) {
    const char *doc = jd_figure_table_get(t, i)->doc;
    if (!*doc || g_hash_table_contains(mine, doc)) continue;
    const char *other = g_hash_table_lookup(owner, doc);
    if (other) {
      g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                  "%s: document %s is also in %s — the shards overlap; give each document to "
                  "one shard only (e.g. split the file list with `split -n r/N` or "
                  "`parallel -N`)",
                  shard, doc, other);
      ok = FALSE;
    }
    g_hash_table_add(mine, (gpointer)doc);
  }
  GHashTableIter it;
  gpointer doc;
  g_hash_table_iter_init(&it, mine);
  while (ok && g_hash_table_iter_next(&it, &doc, NULL))
    g_hash_table_insert(owner, g_strdup(doc), g_strdup(shard));
  g_hash_table_unref(mine);
  return ok;
}

static int merge_shards(char **shards, gboolean allow_overlap, jd_figure_table *t)
{
  GHashTable *owner = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  int rc = JD_EXIT_OK;
  for (char **p = shards; *p && rc == JD_EXIT_OK; p++) {
    size_t before = jd_figure_table_get_count(t);
    GError *err = NULL;
    if (!jd_figure_table_read_file(t, *p, &err) ||
        (!allow_overlap && !check_overlap(owner, t, before, *p, &err)))
      rc = jd_cli_fail(err, JD_EXIT_INPUT);
  }
  g_hash_table_unref(owner);
  if (rc == JD_EXIT_OK) jd_figure_table_sort(t);
  return rc;
}

int jd_cmd_merge(int argc, char **argv)
{
  g_autofree char *format = NULL, *output = NULL;
  g_auto(GStrv) inputs = NULL;
  gboolean bom = FALSE, allow_overlap = FALSE;
  GOptionEntry entries[] = {
      {"format", 'f', 0, G_OPTION_ARG_STRING, &format, "csv (default) or jsonl", "FORMAT"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
       "write to FILE (replaced atomically) instead of standard output", "FILE"},
      {"bom", 0, 0, G_OPTION_ARG_NONE, &bom, "start a CSV with a UTF-8 BOM (for Excel)", NULL},
      {"allow-overlap", 0, 0, G_OPTION_ARG_NONE, &allow_overlap,
       "accept a document in several shards (its rows are kept from each)", NULL},
      {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs, NULL, "SHARD..."},
      G_OPTION_ENTRY_NULL};
  GOptionContext *ctx = g_option_context_new("SHARD... — one figures table from the shards of an extraction");
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_option_context_set_summary(ctx, merge_summary);
  g_option_context_set_description(ctx, jd_cli_exit_codes_help);
  int rc;
  gboolean go = jd_cli_parse(ctx, &argc, &argv, &rc);
  g_option_context_free(ctx);
  if (!go) return rc;
  jd_figure_format fmt = JD_FORMAT_CSV;
  if (format && strcmp(format, "jsonl") == 0) {
    fmt = JD_FORMAT_JSONL;
  } else if (format && strcmp(format, "csv") != 0) {
    jd_cli_error("unknown --format '%s' — use csv or jsonl", format);
    return JD_EXIT_USAGE;
  }
  if (!inputs || !inputs[0]) {
    jd_cli_error("no shards given — name the figures tables to merge (jindu merge --help)");
    return JD_EXIT_USAGE;
  }
  jd_figure_table *t = jd_figure_table_new();
  rc = merge_shards(inputs, allow_overlap, t);
  if (rc == JD_EXIT_OK) {
    GString *text = jd_figure_table_to_string(t, fmt, bom);
    rc = jd_cli_write_output(output, text);
    g_string_free(text, TRUE);
  }
  jd_cli_release_table(&t);
  return rc;
}
