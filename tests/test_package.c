/* The README's packaging command works after the README's set-up: `cpack -G
 * DEB` from the build tree (configured with the default prefix, as
 * scripts/setup.sh does) makes a package that installs under /usr, whose
 * systemd unit and crontab line run /usr/bin/jindu, read back with dpkg-deb. */
#include <gio/gio.h>
#include <string.h>

#include "testutil.h"

static int run(const char *const *argv, const char *cwd, char **out)
{
  GSubprocessLauncher *l =
      g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  if (cwd) g_subprocess_launcher_set_cwd(l, cwd);
  GError *e = NULL;
  GSubprocess *p = g_subprocess_launcher_spawnv(l, argv, &e);
  g_assert_no_error(e);
  char *o = NULL;
  g_subprocess_communicate_utf8(p, NULL, NULL, &o, NULL, &e);
  g_assert_no_error(e);
  int status = g_subprocess_get_if_exited(p) ? g_subprocess_get_exit_status(p) : 128;
  if (out) *out = o; else g_free(o);
  g_object_unref(p);
  g_object_unref(l);
  return status;
}

/* One file of the package's data. */
static char *member(const char *deb, const char *path)
{
  g_autofree char *cmd = g_strdup_printf("dpkg-deb --fsys-tarfile '%s' | tar -xO '%s'", deb, path);
  const char *argv[] = {"sh", "-c", cmd, NULL};
  char *out = NULL;
  g_assert_cmpint(run(argv, NULL, &out), ==, 0);
  return out;
}

static void test_deb(void)
{
  const char *build = g_getenv("JINDU_BUILD_DIR");
  g_assert_nonnull(build);
  g_autofree char *cpack_bin = g_find_program_in_path("cpack");
  g_autofree char *dpkg_bin = g_find_program_in_path("dpkg-deb");
  if (!cpack_bin || !dpkg_bin) {
    g_test_skip("cpack or dpkg-deb not installed");
    return;
  }
  g_autofree char *dir = jd_test_tmpdir();
  g_autofree char *config = g_build_filename(build, "CPackConfig.cmake", NULL);
  /* the README's `cd build && cpack -G DEB`, with the package written elsewhere */
  const char *cpack[] = {"cpack", "-G", "DEB", "--config", config, "-B", dir, NULL};
  char *out = NULL;
  int st = run(cpack, build, &out);
  if (st != 0) g_test_message("%s", out);
  g_assert_cmpint(st, ==, 0);
  g_free(out);
  g_autofree char *deb = g_build_filename(dir, "jindu_" JINDU_TEST_VERSION "_amd64.deb", NULL);
  if (!g_file_test(deb, G_FILE_TEST_IS_REGULAR)) { /* another architecture */
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *n;
    while ((n = g_dir_read_name(d)))
      if (g_str_has_suffix(n, ".deb")) g_free(deb), deb = g_build_filename(dir, n, NULL);
    g_dir_close(d);
  }
  const char *contents[] = {"dpkg-deb", "-c", deb, NULL};
  g_assert_cmpint(run(contents, NULL, &out), ==, 0);
  g_assert_nonnull(strstr(out, " ./usr/bin/jindu\n"));
  g_assert_nonnull(strstr(out, " ./usr/share/jindu/data/lexicon/names.tsv\n"));
  /* the modules loaded on first use, where /usr/bin/jindu looks: ../lib/jindu */
  g_assert_nonnull(strstr(out, " ./usr/lib/jindu/readers.so\n"));
  g_assert_nonnull(strstr(out, " ./usr/lib/jindu/commands.so\n"));
  g_assert_null(strstr(out, "/usr/local"));
  g_free(out);
  const char *control[] = {"dpkg-deb", "-f", deb, "Depends", NULL};
  g_assert_cmpint(run(control, NULL, &out), ==, 0);
  g_assert_nonnull(strstr(out, "libglib2.0-0"));
  g_free(out);
  g_autofree char *unit = member(deb, "./usr/lib/systemd/system/jindu-build.service");
  g_assert_nonnull(strstr(unit, "\nExecStart=/usr/bin/jindu build\n"));
  g_autofree char *cron = member(deb, "./usr/share/doc/jindu/examples/crontab");
  g_assert_nonnull(strstr(cron, " /usr/bin/jindu build"));
  jd_test_rm_rf(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  jd_test_add("/package/deb-under-usr", test_deb);
  return jd_test_run();
}
