/* `jindu --version`: jindu's version and the versions of the libraries that
 * decide whether outputs are byte-identical (those are linked into the
 * "commands" module, which is loaded to ask them; without it the line says
 * so), the data directory and the directory of the modules (util/module.h). */
#include <stdio.h>

#include "commands-module.h"
#include "jindu-config.h"
#include "util/module.h"

int jd_print_version(void);

int jd_print_version(void)
{
  printf("jindu %s\n", jd_version());
  const jd_commands_api *api = jd_commands();
  if (api)
    api->print_library_versions();
  else
    printf("  GLib %u.%u.%u, t2s tables from OpenCC %s (the commands module is missing: see above)\n",
           glib_major_version, glib_minor_version, glib_micro_version, JINDU_OPENCC_VERSION);
  printf("  data: %s\n", jd_data_dir());
  g_autofree char *module = jd_module_path("commands");
  g_autofree char *modules = g_path_get_dirname(module);
  printf("  modules: %s\n", modules);
  return JD_EXIT_OK;
}
