/* The compiled-in traditional -> simplified tables (src/text/t2s.c) convert
 * exactly as OpenCC's t2s.json does: every dictionary entry alone and in
 * context, a large random mix built to make phrases overlap, and the project's
 * own documents turned traditional by OpenCC's s2t. */
#include <opencc.h>
#include <string.h>

#include "jindu/text.h"
#include "testutil.h"
#include "text/t2s.h"

typedef struct {
  const char *from;
  const char *to;
} jd_t2s_entry;

#include "t2s-table.inc"

static opencc_t t2s_od;

static char *ours(const char *s)
{
  GString *out = g_string_new(NULL);
  jd_t2s_convert(s, strlen(s), out);
  return g_string_free(out, FALSE);
}

static char *theirs(const char *s)
{
  char *conv = opencc_convert_utf8(t2s_od, s, strlen(s));
  g_assert_nonnull(conv);
  char *copy = g_strdup(conv);
  opencc_convert_utf8_free(conv);
  return copy;
}

/* Compares line by line so a difference names the line. */
static void assert_same(const char *what, const char *text)
{
  g_autofree char *a = ours(text), *b = theirs(text);
  if (strcmp(a, b) == 0) return;
  char **la = g_strsplit(a, "\n", -1), **lb = g_strsplit(b, "\n", -1), **lt = g_strsplit(text, "\n", -1);
  for (guint i = 0; la[i] && lb[i]; i++)
    if (strcmp(la[i], lb[i]) != 0)
      g_error("%s, line %u: input %s\n  ours:   %s\n  OpenCC: %s", what, i + 1, lt[i] ? lt[i] : "",
              la[i], lb[i]);
  g_error("%s: outputs differ in length (%zu vs %zu bytes)", what, strlen(a), strlen(b));
}

static void test_every_entry(void)
{
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < G_N_ELEMENTS(t2s_characters); i++)
    g_string_append_printf(s, "%s\n禁%s毒。\n", t2s_characters[i].from, t2s_characters[i].from);
  for (size_t i = 0; i < G_N_ELEMENTS(t2s_phrases); i++)
    g_string_append_printf(s, "%s\n全省%s工作\n", t2s_phrases[i].from, t2s_phrases[i].from);
  assert_same("every dictionary entry", s->str);
  g_string_free(s, TRUE);
}

/* Pieces of phrases (a phrase's first or last characters) next to whole
 * phrases and single characters make the longest-match choice matter. */
static void append_piece(GString *s, GRand *r)
{
  int kind = g_rand_int_range(r, 0, 10);
  if (kind < 4) {
    g_string_append(s, t2s_characters[g_rand_int_range(r, 0, G_N_ELEMENTS(t2s_characters))].from);
  } else if (kind < 7) {
    const char *p = t2s_phrases[g_rand_int_range(r, 0, G_N_ELEMENTS(t2s_phrases))].from;
    glong n = g_utf8_strlen(p, -1);
    glong from = kind == 4 ? 0 : g_rand_int_range(r, 0, (gint32)n);
    glong to = kind == 6 ? g_rand_int_range(r, (gint32)from + 1, (gint32)n + 1) : n;
    const char *a = g_utf8_offset_to_pointer(p, from), *b = g_utf8_offset_to_pointer(p, to);
    g_string_append_len(s, a, b - a);
  } else if (kind < 9) {
    static const char *const plain[] = {"禁毒", "破获", "案件", "起", "名", "2023年", "，", "。", "、"};
    g_string_append(s, plain[g_rand_int_range(r, 0, G_N_ELEMENTS(plain))]);
  } else {
    g_string_append_c(s, '\n');
  }
}

static void test_random_mix(void)
{
  GRand *r = g_rand_new_with_seed(20261202);
  GString *s = g_string_new(NULL);
  for (int i = 0; i < 300000; i++) append_piece(s, r);
  assert_same("random mix", s->str);
  g_string_free(s, TRUE);
  g_rand_free(r);
}

/* The project's own documents, made traditional by OpenCC, come back as
 * OpenCC would bring them back. */
static void test_documents(void)
{
  opencc_t s2t = opencc_open(OPENCC_DEFAULT_CONFIG_SIMP_TO_TRAD);
  g_assert_true(s2t != (opencc_t)-1);
  g_autofree char *dir = jd_test_source_path("tests/docs");
  GDir *d = g_dir_open(dir, 0, NULL);
  g_assert_nonnull(d);
  const char *name;
  guint n = 0;
  while ((name = g_dir_read_name(d))) {
    if (!g_str_has_suffix(name, ".txt")) continue;
    g_autofree char *path = g_build_filename(dir, name, NULL);
    gsize len;
    g_autofree char *data = jd_test_read_file(path, &len);
    if (!g_utf8_validate(data, (gssize)len, NULL)) continue;
    char *trad = opencc_convert_utf8(s2t, data, len);
    g_assert_nonnull(trad);
    assert_same(name, trad);
    assert_same(name, data);
    opencc_convert_utf8_free(trad);
    n++;
  }
  g_dir_close(d);
  g_assert_cmpuint(n, >=, 10);
  opencc_close(s2t);
}

/* What may change is what the tables hold; plain simplified text does not. */
static void test_may_change(void)
{
  gunichar c = g_utf8_get_char(t2s_characters[0].from);
  g_assert_true(jd_t2s_may_change(c) || strcmp(t2s_characters[0].from, t2s_characters[0].to) == 0);
  g_assert_true(jd_t2s_may_change(g_utf8_get_char("麼")));
  g_assert_true(jd_t2s_may_change(g_utf8_get_char("緝")));
  g_assert_false(jd_t2s_may_change(g_utf8_get_char("禁")));
  g_assert_false(jd_t2s_may_change('A'));
  g_assert_false(jd_t2s_may_change(0x10FFFF));
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  t2s_od = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
  g_assert_true(t2s_od != (opencc_t)-1);
  g_test_add_func("/t2s/every-entry", test_every_entry);
  g_test_add_func("/t2s/random-mix", test_random_mix);
  g_test_add_func("/t2s/documents", test_documents);
  g_test_add_func("/t2s/may-change", test_may_change);
  int rc = g_test_run();
  opencc_close(t2s_od);
  return rc;
}
