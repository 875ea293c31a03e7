/* Loading jindu's modules on first use (util/module.h). */
#include "util/module.h"

#include <gmodule.h>
#include <string.h>

#include "jindu-config.h"
#include "util/module-stamp.h"

G_DEFINE_QUARK(jd-module-error-quark, jd_module_error)

static char *existing(char *path)
{
  if (g_file_test(path, G_FILE_TEST_EXISTS)) return path;
  g_free(path);
  return NULL;
}

char *jd_module_path(const char *name)
{
  g_autofree char *file = g_strconcat(name, ".", G_MODULE_SUFFIX, NULL);
  const char *env = g_getenv("JINDU_MODULE_DIR");
  if (env && *env) return g_build_filename(env, file, NULL);
  g_autofree char *exe = g_file_read_link("/proc/self/exe", NULL);
  if (exe) {
    g_autofree char *bin = g_path_get_dirname(exe);
    g_autofree char *dir = g_build_filename(bin, "..", JINDU_MODULE_SUBDIR, NULL);
    g_autofree char *canon = g_canonicalize_filename(dir, NULL);
    char *beside = existing(g_build_filename(canon, file, NULL));
    if (beside) return beside;
  }
  char *built = existing(g_build_filename(JINDU_BUILD_MODULE_DIR, file, NULL));
  if (built) return built;
  return g_build_filename(JINDU_INSTALL_MODULE_DIR, file, NULL);
}

/* Opens name's module, checks its version; NULL with the error. */
static GModule *open_module(const char *name, const char *what, GError **error)
{
  g_autofree char *path = jd_module_path(name);
  GModule *m = g_module_open(path, G_MODULE_BIND_LOCAL);
  if (!m) {
    g_set_error(error, JD_MODULE_ERROR, 0,
                "cannot load %s, jindu's %s: %s — reinstall jindu (the module belongs in "
                "lib/jindu/ beside bin/jindu), or set JINDU_MODULE_DIR to the folder that "
                "holds %s.%s",
                path, what, g_module_error(), name, G_MODULE_SUFFIX);
    return NULL;
  }
  gpointer version = NULL;
  if (!g_module_symbol(m, JD_MODULE_VERSION_SYMBOL, &version) ||
      strcmp((const char *)version, JD_MODULE_VERSION) != 0) {
    g_set_error(error, JD_MODULE_ERROR, 0,
                "%s, jindu's %s, is of jindu %s, not %s (this binary's) — reinstall jindu, or "
                "set JINDU_MODULE_DIR to the lib/jindu/ folder built with this binary",
                path, what, version ? (const char *)version : "(unknown)", JD_MODULE_VERSION);
    g_module_close(m);
    return NULL;
  }
  g_module_make_resident(m);
  return m;
}

typedef struct {
  char *name;
  GModule *module;
} loaded;

gconstpointer jd_module_symbol(const char *name, const char *symbol, const char *what,
                               GError **error)
{
  static GMutex lock;
  static loaded modules[4];
  GModule *m = NULL;
  g_mutex_lock(&lock);
  size_t i = 0;
  for (; i < G_N_ELEMENTS(modules) && modules[i].name; i++)
    if (strcmp(modules[i].name, name) == 0) m = modules[i].module;
  if (!m) {
    m = open_module(name, what, error);
    if (m && i < G_N_ELEMENTS(modules)) modules[i] = (loaded){g_strdup(name), m};
  }
  g_mutex_unlock(&lock);
  if (!m) return NULL;
  gpointer p = NULL;
  if (!g_module_symbol(m, symbol, &p) || !p) {
    g_set_error(error, JD_MODULE_ERROR, 0,
                "%s, jindu's %s, has no %s — it is damaged or of another build: reinstall jindu",
                g_module_name(m), what, symbol);
    return NULL;
  }
  return p;
}
