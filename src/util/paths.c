/* Where jindu finds its data files and fonts, and its version. The data
 * directory is $JINDU_DATA_DIR, else share/jindu beside an installed binary
 * (BINDIR/../share/jindu, so a package or a `cmake --install --prefix` tree
 * is relocatable), else the source tree of a build-tree binary, else the
 * compiled-in install prefix. */
#include "jindu/jindu.h"

#include "jindu-config.h"

const char *jd_version(void) { return JINDU_VERSION; }

static gboolean has_lexicon(const char *dir)
{
  g_autofree char *p = g_build_filename(dir, "data", "lexicon", NULL);
  return g_file_test(p, G_FILE_TEST_IS_DIR);
}

static gboolean has_fonts_conf(const char *dir)
{
  g_autofree char *p = g_build_filename(dir, "fonts", "fonts.conf", NULL);
  return g_file_test(p, G_FILE_TEST_IS_REGULAR);
}

const char *jd_data_dir(void)
{
  static char *dir;
  if (dir) return dir;
  const char *env = g_getenv("JINDU_DATA_DIR");
  g_autofree char *exe = g_file_read_link("/proc/self/exe", NULL);
  g_autofree char *exe_dir = exe ? g_path_get_dirname(exe) : NULL;
  g_autofree char *beside = exe_dir ? g_build_filename(exe_dir, "..", "share", "jindu", NULL) : NULL;
  if (env && *env)
    dir = g_strdup(env);
  else if (beside && has_fonts_conf(beside))
    dir = g_canonicalize_filename(beside, NULL);
  else if (has_lexicon(JINDU_SOURCE_DATA_DIR))
    dir = g_strdup(JINDU_SOURCE_DATA_DIR);
  else
    dir = g_strdup(JINDU_INSTALL_DATA_DIR);
  return dir;
}

char *jd_data_path(const char *relative)
{
  return g_build_filename(jd_data_dir(), relative, NULL);
}

static char *lexicon_dir;

void jd_set_lexicon_dir(const char *dir)
{
  g_free(lexicon_dir);
  lexicon_dir = dir && *dir ? g_canonicalize_filename(dir, NULL) : NULL;
}

char *jd_lexicon_dir(void)
{
  return lexicon_dir ? g_strdup(lexicon_dir) : jd_data_path("data/lexicon");
}

char *jd_lexicon_path(const char *file)
{
  g_autofree char *dir = jd_lexicon_dir();
  return g_build_filename(dir, file, NULL);
}

void jd_fonts_init(void)
{
  static gboolean done;
  if (done) return;
  done = TRUE;
  if (g_getenv("FONTCONFIG_FILE")) return;
  g_autofree char *conf = jd_data_path("fonts/fonts.conf");
  if (g_file_test(conf, G_FILE_TEST_EXISTS)) g_setenv("FONTCONFIG_FILE", conf, TRUE);
}
