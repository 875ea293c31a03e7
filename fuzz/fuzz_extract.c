/* Fuzzes extraction end to end on one document in memory: decoding,
 * normalization, numerals, lexicon matching, pairing (分别), changes, periods
 * and regions. Checks the records: every string set, the line inside the
 * document, the quote valid UTF-8, qualifier and kind names defined, and the
 * value finite (a huge stated number must not become inf or nan). */
#include <math.h>

#include "fuzz.h"
#include "jindu/extract.h"
#include "jindu/jindu.h"

static jd_lexicon *lexicon;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  jd_fuzz_setup();
  GError *error = NULL;
  g_autofree char *dir = jd_data_path("data/lexicon");
  lexicon = jd_lexicon_load(dir, &error);
  if (!lexicon) {
    fprintf(stderr, "fuzz_extract: %s\n", error->message);
    abort();
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  unsigned lines = 1;
  for (size_t i = 0; i < size; i++)
    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'))) lines++;
  jd_load_options load = JD_LOAD_OPTIONS_INIT;
  load.lenient = TRUE;
  jd_extract_options options = JD_EXTRACT_OPTIONS_INIT;
  options.explain = size > 0 && (data[0] & 1);
  jd_figure_table *table = jd_figure_table_new();
  GError *error = NULL;
  if (!jd_extract_text_to_table(lexicon, "fuzz.txt", (const char *)data, size, &load, &options,
                                table, &error)) {
    FUZZ_CHECK(error != NULL);
    g_error_free(error);
  }
  GString *out = g_string_new(NULL);
  for (size_t i = 0; i < jd_figure_table_get_count(table); i++) {
    const jd_figure *f = jd_figure_table_get(table, i);
    FUZZ_CHECK(f->doc && f->quote && f->metric && f->drug && f->region && f->period && f->unit &&
               f->base_period);
    FUZZ_CHECK(f->line >= 1 && f->line <= lines);
    FUZZ_CHECK(g_utf8_validate(f->quote, -1, NULL));
    FUZZ_CHECK(g_utf8_validate(f->region, -1, NULL));
    FUZZ_CHECK(jd_qualifier_to_string(f->qualifier) != NULL);
    FUZZ_CHECK(jd_kind_to_string(f->kind) != NULL);
    FUZZ_CHECK(isfinite(f->value));
    jd_figure_write(out, f, JD_FORMAT_CSV);
    jd_figure_write(out, f, JD_FORMAT_JSONL);
  }
  g_string_free(out, TRUE);
  jd_figure_table_free(table);
  return 0;
}
