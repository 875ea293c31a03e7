/* `jindu chart`: placeholder until its module lands. */
#include <stdio.h>

#include "commands.h"

int jd_cmd_chart(int argc, char **argv)
{
  jd_cli_error("'chart' is not available in this build yet");
  return JD_EXIT_INTERNAL;
}
