/* `jindu analyze`: placeholder until its module lands. */
#include <stdio.h>

#include "commands.h"

int jd_cmd_analyze(int argc, char **argv)
{
  jd_cli_error("'analyze' is not available in this build yet");
  return JD_EXIT_INTERNAL;
}
