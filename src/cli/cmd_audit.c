/* `jindu audit`: placeholder until its module lands. */
#include <stdio.h>

#include "commands.h"

int jd_cmd_audit(int argc, char **argv)
{
  jd_cli_error("'audit' is not available in this build yet");
  return JD_EXIT_INTERNAL;
}
