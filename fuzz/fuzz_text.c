/* Fuzzes the loader: encoding detection and decoding (UTF-8 / GB18030, strict
 * and lenient), normalization and clause/sentence splitting. The first byte
 * picks the options; the rest is the document. Checks what text.h promises:
 * paragraphs are valid NUL-terminated UTF-8 of the stated length, line
 * numbers never go backwards, spans lie inside the text in order. */
#include <string.h>

#include "fuzz.h"
#include "jindu/jindu.h"
#include "jindu/text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  jd_fuzz_setup();
  return 0;
}

static void check_spans(const char *text, size_t len, GArray *spans, size_t n)
{
  FUZZ_CHECK(n == spans->len);
  size_t prev_end = 0;
  for (guint i = 0; i < spans->len; i++) {
    const jd_span *s = &g_array_index(spans, jd_span, i);
    FUZZ_CHECK(s->start <= s->end);
    FUZZ_CHECK(s->end <= len);
    FUZZ_CHECK(s->start >= prev_end);
    prev_end = s->end;
  }
  (void)text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1) return 0;
  jd_load_options options = JD_LOAD_OPTIONS_INIT;
  options.encoding = (jd_encoding)(data[0] % 3);
  options.lenient = (data[0] & 4) != 0;
  options.keep_traditional = (data[0] & 8) != 0;
  data++;
  size--;

  GError *error = NULL;
  jd_reader *reader = jd_reader_open_bytes("fuzz.txt", (const char *)data, size, &options, &error);
  if (!reader) {
    FUZZ_CHECK(error != NULL);
    g_error_free(error);
    return 0;
  }
  GArray *spans = g_array_new(FALSE, FALSE, sizeof(jd_span));
  jd_paragraph p;
  unsigned last_line = 0;
  while (jd_reader_next(reader, &p, &error)) {
    FUZZ_CHECK(p.text != NULL);
    FUZZ_CHECK(strlen(p.text) == p.len);
    FUZZ_CHECK(g_utf8_validate(p.text, (gssize)p.len, NULL));
    FUZZ_CHECK(p.line >= 1 && p.line >= last_line);
    last_line = p.line;
    g_array_set_size(spans, 0);
    check_spans(p.text, p.len, spans, jd_text_split_clauses(p.text, p.len, spans));
    g_array_set_size(spans, 0);
    check_spans(p.text, p.len, spans, jd_text_split_sentences(p.text, p.len, spans));
  }
  if (error) g_error_free(error);
  FUZZ_CHECK(jd_reader_get_name(reader) != NULL);
  (void)jd_encoding_to_string(jd_reader_get_encoding(reader));
  jd_reader_free(reader);

  if (g_utf8_validate((const char *)data, (gssize)size, NULL)) {
    char *n = jd_text_normalize((const char *)data, size, options.keep_traditional);
    FUZZ_CHECK(n != NULL);
    FUZZ_CHECK(g_utf8_validate(n, -1, NULL));
    g_free(n);
  }
  g_array_unref(spans);
  return 0;
}
