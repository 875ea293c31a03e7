/* The parts loaded on first use (src/util/module.h): the executable links
 * only GLib and the C library, a plain-text extract runs without the modules,
 * and a missing or broken module is an error that names the file and what to
 * do. */
#include <glib/gstdio.h>
#include <string.h>

#include "testutil.h"

/* The libraries the executable may name in its dynamic section: GLib, GModule
 * and the C library (and the sanitizers' run-time in the sanitizers' build). */
static gboolean allowed_needed(const char *lib)
{
  const char *const ok[] = {"libglib-2.0.so", "libgmodule-2.0.so", "libm.so", "libc.so",
                            "libasan.so",     "libubsan.so",       "ld-linux"};
  for (size_t i = 0; i < G_N_ELEMENTS(ok); i++)
    if (g_str_has_prefix(lib, ok[i])) return TRUE;
  return FALSE;
}

static void test_linked_libraries(void)
{
  g_autofree char *readelf = g_find_program_in_path("readelf");
  if (!readelf) {
    g_test_skip("readelf not installed (binutils)");
    return;
  }
  const char *bin = g_getenv("JINDU_BINARY");
  g_assert_nonnull(bin);
  g_autofree char *cmd = g_strdup_printf("%s -d '%s'", readelf, bin);
  g_autofree char *out = NULL;
  int status = 0;
  g_assert_true(g_spawn_command_line_sync(cmd, &out, NULL, &status, NULL));
  g_assert_cmpint(status, ==, 0);
  int needed = 0;
  g_auto(GStrv) lines = g_strsplit(out, "\n", -1);
  for (char **l = lines; *l; l++) {
    if (!strstr(*l, "(NEEDED)")) continue;
    const char *open = strchr(*l, '[');
    g_assert_nonnull(open);
    g_autofree char *lib = g_strndup(open + 1, strcspn(open + 1, "]"));
    if (!allowed_needed(lib)) g_error("jindu is linked against %s: load it in a module", lib);
    needed++;
  }
  g_assert_cmpint(needed, >=, 2);
  /* the core is exported for the modules */
  g_autofree char *syms = g_strdup_printf("%s --dyn-syms -W '%s'", readelf, bin);
  g_autofree char *sout = NULL;
  g_assert_true(g_spawn_command_line_sync(syms, &sout, NULL, &status, NULL));
  g_assert_nonnull(strstr(sout, " jd_doc_add\n"));
  g_assert_nonnull(strstr(sout, " jd_cli_error\n"));
}

/* Runs jindu with JINDU_MODULE_DIR set to dir, in cwd. */
static int run_with_modules(const char *dir, const char *const *argv, const char *cwd,
                            char **out, char **err)
{
  g_setenv("JINDU_MODULE_DIR", dir, TRUE);
  int rc = jd_test_run_cli(argv, cwd, NULL, out, err);
  g_unsetenv("JINDU_MODULE_DIR");
  return rc;
}

static void test_missing(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *none = g_build_filename(dir, "none", NULL);
  g_assert_cmpint(g_mkdir(none, 0755), ==, 0);
  g_autofree char *text = g_build_filename(dir, "a.txt", NULL);
  g_autofree char *page = g_build_filename(dir, "b.html", NULL);
  g_assert_true(g_file_set_contents(text, "2021年全县共破获毒品刑事案件35起。\n", -1, NULL));
  g_assert_true(g_file_set_contents(
      page, "<html><body><p>2021年全县共破获毒品刑事案件35起。</p></body></html>", -1, NULL));

  /* plain text needs no module */
  const char *ex_text[] = {"extract", "a.txt", NULL};
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint(run_with_modules(none, ex_text, dir, &out, &err), ==, 0);
  g_assert_nonnull(strstr(out, "a.txt,1,2021年全县共破获毒品刑事案件35起,cases_solved,"));
  g_assert_cmpstr(err, ==, "");

  /* a web page needs the readers: the message names the document, the file
   * and what to do */
  const char *ex_page[] = {"extract", "b.html", NULL};
  g_autofree char *err2 = NULL;
  g_assert_cmpint(run_with_modules(none, ex_page, dir, NULL, &err2), ==, 3);
  g_autofree char *want = g_strdup_printf("b.html: cannot load %s/readers.so", none);
  g_assert_nonnull(strstr(err2, want));
  g_assert_nonnull(strstr(err2, "reinstall jindu"));
  g_assert_nonnull(strstr(err2, "JINDU_MODULE_DIR"));

  /* a command of the commands module: exit 70 (jindu is incomplete) */
  const char *chart[] = {"chart", "-m", "cases_solved", "-o", "c.svg", "a.txt", NULL};
  g_autofree char *err3 = NULL;
  g_assert_cmpint(run_with_modules(none, chart, dir, NULL, &err3), ==, 70);
  g_autofree char *want3 = g_strdup_printf("cannot load %s/commands.so", none);
  g_assert_nonnull(strstr(err3, want3));
  g_autofree char *c_svg = g_build_filename(dir, "c.svg", NULL);
  g_assert_false(g_file_test(c_svg, G_FILE_TEST_EXISTS));

  /* --version still answers, and says what is missing */
  const char *version[] = {"--version", NULL};
  g_autofree char *out4 = NULL, *err4 = NULL;
  g_assert_cmpint(run_with_modules(none, version, dir, &out4, &err4), ==, 0);
  g_assert_true(g_str_has_prefix(out4, "jindu "));
  g_assert_nonnull(strstr(out4, "the commands module is missing"));
  g_autofree char *want4 = g_strdup_printf("modules: %s\n", none);
  g_assert_nonnull(strstr(out4, want4));
  g_assert_nonnull(strstr(err4, want3));
  jd_test_rm_rf(dir);
}

/* A file that is not a module (a damaged install) is refused by name. */
static void test_broken(void)
{
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *fake = g_build_filename(dir, "readers.so", NULL);
  g_assert_true(g_file_set_contents(fake, "not a module\n", -1, NULL));
  g_autofree char *page = g_build_filename(dir, "b.html", NULL);
  g_assert_true(g_file_set_contents(page, "<html><body><p>全县</p></body></html>", -1, NULL));
  const char *ex_page[] = {"extract", "b.html", NULL};
  g_autofree char *err = NULL;
  g_assert_cmpint(run_with_modules(dir, ex_page, dir, NULL, &err), ==, 3);
  g_autofree char *want = g_strdup_printf("b.html: cannot load %s", fake);
  g_assert_nonnull(strstr(err, want));
  g_assert_nonnull(strstr(err, "reinstall jindu"));
  jd_test_rm_rf(dir);
}

/* A module of another build (its stamp, the hash of the sources it was built
 * from, differs from the executable's) is refused by name: here the build
 * tree's readers.so with one character of its stamp changed. */
static void test_other_build(void)
{
  const char *build = g_getenv("JINDU_BUILD_DIR");
  g_assert_nonnull(build);
  g_autofree char *from = g_build_filename(build, "lib", "jindu", "readers.so", NULL);
  gsize len = 0;
  g_autofree char *data = jd_test_read_file(from, &len);
  g_autofree char *prefix = g_strconcat(JINDU_TEST_VERSION, "+", NULL);
  size_t n = strlen(prefix);
  char *stamp = NULL; /* the binary holds NUL bytes: no string search */
  for (size_t i = 0; !stamp && i + n < len; i++)
    if (memcmp(data + i, prefix, n) == 0) stamp = data + i;
  g_assert_nonnull(stamp);
  char *c = stamp + strlen(prefix);
  g_assert_true(g_ascii_isxdigit(*c));
  *c = *c == '0' ? '1' : '0';
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *to = g_build_filename(dir, "readers.so", NULL);
  g_assert_true(g_file_set_contents(to, data, (gssize)len, NULL));
  g_autofree char *page = g_build_filename(dir, "b.html", NULL);
  g_assert_true(g_file_set_contents(page, "<html><body><p>全县</p></body></html>", -1, NULL));
  const char *ex_page[] = {"extract", "b.html", NULL};
  g_autofree char *err = NULL;
  g_assert_cmpint(run_with_modules(dir, ex_page, dir, NULL, &err), ==, 3);
  g_autofree char *want = g_strdup_printf("b.html: %s, jindu's reader", to);
  g_assert_nonnull(strstr(err, want));
  g_assert_nonnull(strstr(err, "is of jindu " JINDU_TEST_VERSION "+"));
  g_assert_nonnull(strstr(err, "built with this binary"));
  jd_test_rm_rf(dir);
}

/* The build tree's modules are found without JINDU_MODULE_DIR, and they are
 * what `--version` names. */
static void test_build_tree(void)
{
  const char *version[] = {"--version", NULL};
  g_autofree char *out = NULL;
  g_assert_cmpint(jd_test_run_cli(version, NULL, NULL, &out, NULL), ==, 0);
  g_assert_nonnull(strstr(out, "GSL"));
  const char *build = g_getenv("JINDU_BUILD_DIR");
  g_assert_nonnull(build);
  g_autofree char *lib = g_build_filename(build, "lib", "jindu", NULL);
  g_autofree char *want = g_strdup_printf("modules: %s\n", lib);
  g_assert_nonnull(strstr(out, want));
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_unsetenv("JINDU_MODULE_DIR");
  g_test_add_func("/modules/executable-links-only-glib", test_linked_libraries);
  g_test_add_func("/modules/missing", test_missing);
  g_test_add_func("/modules/broken", test_broken);
  g_test_add_func("/modules/other-build", test_other_build);
  g_test_add_func("/modules/build-tree", test_build_tree);
  return g_test_run();
}
