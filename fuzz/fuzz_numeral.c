/* Fuzzes the numeral parser on UTF-8 text (what the loader hands it):
 * jd_numeral_parse over the whole input and jd_numeral_scan over it. Checks
 * what numeral.h promises: byte offsets inside the text and nested
 * (start <= digits_start <= digits_end <= end), numerals in order, ranges
 * with low <= high, and the qualifier/kind names defined. */
#include <math.h>

#include "fuzz.h"
#include "jindu/jindu.h"
#include "jindu/lexicon.h"
#include "jindu/numeral.h"

static jd_lexicon *lexicon; /* for the words around numerals (numerals.tsv) */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  jd_fuzz_setup();
  GError *error = NULL;
  g_autofree char *dir = jd_data_path("data/lexicon");
  lexicon = jd_lexicon_load(dir, &error);
  if (!lexicon) {
    fprintf(stderr, "fuzz_numeral: %s\n", error->message);
    abort();
  }
  return 0;
}

static void check(const jd_numeral *n, size_t len)
{
  FUZZ_CHECK(n->start <= n->digits_start);
  FUZZ_CHECK(n->digits_start <= n->digits_end);
  FUZZ_CHECK(n->digits_end <= n->end);
  FUZZ_CHECK(n->end <= len);
  FUZZ_CHECK(jd_qualifier_to_string(n->qualifier) != NULL);
  FUZZ_CHECK(jd_numeral_kind_to_string(n->kind) != NULL);
  if (n->is_range && !isnan(n->value) && !isnan(n->value_high))
    FUZZ_CHECK(n->value <= n->value_high);
  FUZZ_CHECK(n->decimals >= 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *text = (const char *)data;
  if (!g_utf8_validate(text, (gssize)size, NULL)) return 0;

  jd_numeral one;
  if (jd_numeral_parse(jd_lexicon_get_numeral_words(lexicon), text, size, &one)) check(&one, size);

  GArray *found = g_array_new(FALSE, FALSE, sizeof(jd_numeral));
  size_t n = jd_numeral_scan(jd_lexicon_get_numeral_words(lexicon), text, size, found);
  FUZZ_CHECK(n == found->len);
  size_t prev_start = 0;
  for (guint i = 0; i < found->len; i++) {
    const jd_numeral *x = &g_array_index(found, jd_numeral, i);
    check(x, size);
    FUZZ_CHECK(x->start >= prev_start);
    prev_start = x->start;
    jd_qualifier q;
    FUZZ_CHECK(jd_qualifier_from_string(jd_qualifier_to_string(x->qualifier), &q));
    FUZZ_CHECK(q == x->qualifier);
  }
  g_array_unref(found);
  return 0;
}
