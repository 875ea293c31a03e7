/* `jindu normalize`: placeholder until its module lands. */
#include <stdio.h>

#include "commands.h"

int jd_cmd_normalize(int argc, char **argv)
{
  jd_cli_error("'normalize' is not available in this build yet");
  return JD_EXIT_INTERNAL;
}
