/* `jindu build`: placeholder until its module lands. */
#include <stdio.h>

#include "commands.h"

int jd_cmd_build(int argc, char **argv)
{
  jd_cli_error("'build' is not available in this build yet");
  return JD_EXIT_INTERNAL;
}
