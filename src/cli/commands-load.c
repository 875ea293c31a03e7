/* Loading the "commands" module on first use (commands-module.h). */
#include "commands-module.h"

#include "util/module.h"

const jd_commands_api *jd_commands(void)
{
  GError *err = NULL;
  const jd_commands_api *api = jd_module_symbol(
      "commands", "jd_commands_table",
      "module of the commands that analyse, draw and write reports", &err);
  if (!api) {
    jd_cli_error("%s", err->message);
    g_error_free(err);
  }
  return api;
}
