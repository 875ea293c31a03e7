/* Every command README.md shows runs as written, in a scratch copy of the
 * project (data, fonts, jindu.ini, tests/docs, build/jindu, and `jindu` on
 * PATH as after an install), as a new user would after scripts/setup.sh:
 * - "a week with jindu" (the block between <!-- week:begin --> and
 *   <!-- week:end -->) runs with bash -e and its outputs are checked;
 * - every command of every shell block (```sh fences and indented code
 *   blocks) runs in README order, each on its own, and must exit 0 — or
 *   with a code its own comment documents ("exit 5 if …") — except the few
 *   of `excluded` below, which need root or the real build tree and are
 *   tested elsewhere. The example files the README's commands name (doc.txt,
 *   report.txt, x.txt, 通报.docx, inbox/, corpus/, chart.ini …) are made in
 *   the scratch copy first from the project's own sample; figures.csv is
 *   left to the README's own commands to write. */
#define _DEFAULT_SOURCE 1
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

static void copy_tree(const char *from, const char *to)
{
  g_assert_cmpint(g_mkdir_with_parents(to, 0755), ==, 0);
  GDir *d = g_dir_open(from, 0, NULL);
  g_assert_nonnull(d);
  const char *n;
  while ((n = g_dir_read_name(d))) {
    g_autofree char *a = g_build_filename(from, n, NULL);
    g_autofree char *b = g_build_filename(to, n, NULL);
    if (g_file_test(a, G_FILE_TEST_IS_DIR)) {
      copy_tree(a, b);
    } else {
      gsize len;
      g_autofree char *data = jd_test_read_file(a, &len);
      g_assert_true(g_file_set_contents(b, data, (gssize)len, NULL));
    }
  }
  g_dir_close(d);
}

/* The commands of the README's block `name`. */
static char *readme_block(const char *name)
{
  g_autofree char *path = jd_test_source_path("README.md");
  g_autofree char *text = jd_test_read_file(path, NULL);
  g_autofree char *begin = g_strdup_printf("<!-- %s:begin -->", name);
  g_autofree char *end = g_strdup_printf("<!-- %s:end -->", name);
  const char *b = strstr(text, begin), *e = strstr(text, end);
  g_assert_nonnull(b);
  g_assert_nonnull(e);
  const char *open = strstr(b, "```sh\n");
  g_assert_true(open && open < e);
  open += strlen("```sh\n");
  const char *close = strstr(open, "```");
  g_assert_true(close && close < e);
  return g_strndup(open, (gsize)(close - open));
}

/* A scratch copy of the project as scripts/setup.sh leaves it. */
static char *scratch_copy(void)
{
  char *dir = jd_test_tmpdir();
  const char *parts[] = {"data", "fonts", "tests/docs"};
  for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
    g_autofree char *from = jd_test_source_path(parts[i]);
    g_autofree char *to = g_build_filename(dir, parts[i], NULL);
    copy_tree(from, to);
  }
  g_autofree char *ini_src = jd_test_source_path("jindu.ini");
  g_autofree char *ini = jd_test_read_file(ini_src, NULL);
  g_autofree char *ini_dst = g_build_filename(dir, "jindu.ini", NULL);
  g_assert_true(g_file_set_contents(ini_dst, ini, -1, NULL));
  const char *bins[] = {"build", "bin"}; /* build/jindu, and bin/jindu for PATH */
  for (size_t i = 0; i < G_N_ELEMENTS(bins); i++) {
    g_autofree char *bindir = g_build_filename(dir, bins[i], NULL);
    g_assert_cmpint(g_mkdir(bindir, 0755), ==, 0);
    g_autofree char *bin = g_build_filename(bindir, "jindu", NULL);
    g_assert_cmpint(symlink(g_getenv("JINDU_BINARY"), bin), ==, 0);
  }
  return dir;
}

/* Runs script with bash in dir (stopping at the first failure, or only
 * failing pipelines as a whole); returns the exit status, *out the output. */
static int run_bash(const char *dir, const char *option, const char *script, char **out)
{
  const char *argv[] = {"bash", "-o", option, "-c", script, NULL};
  GSubprocessLauncher *l = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                     G_SUBPROCESS_FLAGS_STDERR_MERGE |
                                                     G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_set_cwd(l, dir);
  g_subprocess_launcher_setenv(l, "JINDU_DATA_DIR", dir, TRUE); /* the copy's data */
  g_autofree char *bin = g_build_filename(dir, "bin", NULL);
  g_autofree char *path = g_strconcat(bin, ":", g_getenv("PATH"), NULL);
  g_subprocess_launcher_setenv(l, "PATH", path, TRUE);
  GError *e = NULL;
  GSubprocess *p = g_subprocess_launcher_spawnv(l, argv, &e);
  g_assert_no_error(e);
  /* bytes, made valid: stdout and stderr share the pipe, so a warning may
   * land inside a multi-byte character of the output */
  GBytes *stdin_bytes = g_bytes_new_static("", 0), *stdout_bytes = NULL;
  g_subprocess_communicate(p, stdin_bytes, NULL, &stdout_bytes, NULL, &e);
  g_assert_no_error(e);
  gsize n = 0;
  const char *raw = stdout_bytes ? g_bytes_get_data(stdout_bytes, &n) : NULL;
  *out = g_utf8_make_valid(raw ? raw : "", (gssize)n);
  g_bytes_unref(stdin_bytes);
  if (stdout_bytes) g_bytes_unref(stdout_bytes);
  int st = g_subprocess_get_if_exited(p) ? g_subprocess_get_exit_status(p) : 128;
  g_object_unref(p);
  g_object_unref(l);
  return st;
}

static void test_week(void)
{
  g_autofree char *script = readme_block("week");
  g_assert_nonnull(strstr(script, "build/jindu build"));
  g_autofree char *dir = scratch_copy();
  char *out = NULL;
  int st = run_bash(dir, "errexit", script, &out);
  if (st != 0) g_test_message("%s", out);
  g_assert_cmpint(st, ==, 0);
  g_assert_nonnull(strstr(out, "compulsory_isolation"));                 /* metrics */
  g_assert_nonnull(strstr(out, "2 decisions appended"));                 /* review */
  g_assert_nonnull(strstr(out, "2023-06-30.csv → 2023-07-07.csv: 与上期相比，新增数据")); /* diff */
  g_assert_nonnull(strstr(out, "+ 新增 "));
  g_assert_nonnull(strstr(out, "(haifeng-2020-tongbao.txt:"));
  g_autofree char *pdf = g_build_filename(dir, "reports", "jindu-briefing.pdf", NULL);
  g_assert_true(g_file_test(pdf, G_FILE_TEST_IS_REGULAR));
  g_free(out);
  jd_test_rm_rf(dir);
}

/* The commands the README shows but this test does not run, and why: each
 * needs root or the real build tree, and is tested elsewhere. */
static const struct {
  const char *command; /* the command as written, up to its comment */
  const char *why;
} excluded[] = {
    {"scripts/setup.sh && build/jindu build", "apt-get as root, then builds build/ (this test runs after it)"},
    {"scripts/setup.sh && ctest --test-dir build --output-on-failure", "the same, then this very suite"},
    {"cmake --install build --prefix /usr/local", "writes /usr/local as root; tests/test_install.c installs into a scratch prefix"},
    {"cd build && cpack -G DEB", "packages the real build tree; tests/test_package.c runs it"},
    {"man jindu", "needs the man page installed by cmake --install; tests/test_install.c reads it"},
};

typedef struct {
  guint line;
  char *command;
} readme_command;

static void readme_command_free(gpointer p)
{
  readme_command *c = p;
  g_free(c->command);
  g_free(c);
}

/* Every command of every shell block of the README: ```sh (bash, shell)
 * fences and indented code blocks; comment lines and blank lines left out. */
static GPtrArray *readme_commands(void)
{
  g_autofree char *path = jd_test_source_path("README.md");
  g_autofree char *text = jd_test_read_file(path, NULL);
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  GPtrArray *out = g_ptr_array_new_with_free_func(readme_command_free);
  gboolean fence = FALSE, shell = FALSE, indented = FALSE, blank = TRUE;
  for (guint i = 0; lines[i]; i++) {
    const char *l = lines[i];
    if (g_str_has_prefix(l, "```")) {
      shell = !fence && (!strcmp(l + 3, "sh") || !strcmp(l + 3, "bash") || !strcmp(l + 3, "shell"));
      fence = !fence;
      blank = FALSE;
      continue;
    }
    const char *cmd = NULL;
    if (fence) {
      cmd = shell ? l : NULL;
    } else {
      indented = g_str_has_prefix(l, "    ") && l[4] && l[4] != ' ' && (indented || blank);
      cmd = indented ? l + 4 : NULL;
      blank = !*l;
    }
    if (!cmd) continue;
    g_autofree char *c = g_strstrip(g_strdup(cmd));
    if (!*c || *c == '#') continue;
    readme_command *rc = g_new0(readme_command, 1);
    rc->line = i + 1;
    rc->command = g_steal_pointer(&c);
    g_ptr_array_add(out, rc);
  }
  return out;
}

/* The comment of a command line (after " # "), or "". */
static const char *comment_of(const char *command)
{
  for (const char *p = command; *p; p++)
    if (p[0] == '#' && p > command && g_ascii_isspace(p[-1]) && (!p[1] || g_ascii_isspace(p[1])))
      return p + 1;
  return "";
}

/* TRUE when status is 0 or a code the command's comment documents ("exit 5
 * when the audit finds problems"). */
static gboolean documented_status(const char *command, int status)
{
  if (status == 0) return TRUE;
  const char *c = comment_of(command);
  for (const char *p = strstr(c, "exit "); p; p = strstr(p + 1, "exit "))
    if (g_ascii_isdigit(p[5]) && atoi(p + 5) == status) return TRUE;
  return FALSE;
}

/* The example files the README's commands name, from the project's own
 * sample (figures.csv is the README's own commands' to write). */
static void make_examples(const char *dir)
{
  g_autofree char *spec_src = jd_test_source_path("bench/chart/reference.ini");
  g_autofree char *spec = jd_test_read_file(spec_src, NULL);
  g_autofree char *spec_dst = g_build_filename(dir, "chart.ini", NULL);
  g_assert_true(g_file_set_contents(spec_dst, spec, -1, NULL));
  char *out = NULL;
  int st = run_bash(dir, "errexit",
                    "cp data/corpus/04-quanguo-2019.txt doc.txt\n"
                    "cp data/corpus/01-quanguo-2016.txt report.txt\n"
                    "cp data/corpus/08-gansu-2019-gb18030.txt x.txt\n"
                    "cp data/corpus/08-gansu-2019-gb18030.txt old.txt\n"
                    "mkdir corpus && cp data/corpus/*.txt corpus/\n"
                    "jindu report data/corpus --date 2023-06-30 -o 通报.docx\n"
                    "jindu report data/corpus --date 2023-06-30 -o 简报.pdf\n"
                    "mkdir inbox && cp doc.txt 通报.docx 简报.pdf inbox/\n"
                    "jindu report data/corpus --date 2023-06-30 -o inbox/简报.html\n",
                    &out);
  if (st != 0) g_test_message("%s", out);
  g_assert_cmpint(st, ==, 0);
  g_free(out);
}

/* The last lines of a command's output, for the failure message. */
static const char *tail_of(const char *out, int lines)
{
  const char *p = out + strlen(out);
  while (p > out && lines > 0)
    if (*--p == '\n') lines--;
  return p;
}

static void test_every_command(void)
{
  GPtrArray *commands = readme_commands();
  g_assert_cmpuint(commands->len, >=, 50);
  g_autofree char *dir = scratch_copy();
  make_examples(dir);
  GString *failed = g_string_new(NULL);
  guint ran = 0, skipped = 0;
  for (guint i = 0; i < commands->len; i++) {
    const readme_command *c = g_ptr_array_index(commands, i);
    gboolean skip = FALSE;
    for (size_t k = 0; k < G_N_ELEMENTS(excluded); k++)
      skip = skip || g_str_has_prefix(c->command, excluded[k].command);
    if (skip) {
      skipped++;
      continue;
    }
    char *out = NULL;
    int st = run_bash(dir, "pipefail", c->command, &out);
    ran++;
    if (!documented_status(c->command, st))
      g_string_append_printf(failed, "README.md:%u: `%s` exited %d:\n%s\n", c->line, c->command, st,
                             tail_of(out, 12));
    g_free(out);
  }
  if (failed->len) g_test_message("%s", failed->str);
  g_assert_cmpstr(failed->str, ==, "");
  g_assert_cmpuint(skipped, ==, G_N_ELEMENTS(excluded)); /* each exclusion is still in the README */
  g_assert_cmpuint(ran + skipped, ==, commands->len);
  g_string_free(failed, TRUE);
  g_ptr_array_unref(commands);
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_test_add("/readme/a-week-with-jindu", test_week);
  jd_test_add("/readme/every-command", test_every_command);
  return jd_test_run();
}
