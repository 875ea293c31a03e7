/* `jindu extract`: placeholder until its module lands. */
#include <stdio.h>

#include "commands.h"

int jd_cmd_extract(int argc, char **argv)
{
  jd_cli_error("'extract' is not available in this build yet");
  return JD_EXIT_INTERNAL;
}
