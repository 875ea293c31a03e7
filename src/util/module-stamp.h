/* The stamp of this build (util/module.h): jindu's version and a hash of the
 * sources, generated at every build by cmake/GenStamp.cmake. Included only by
 * the files that stamp or check a module, so that a change elsewhere
 * recompiles only them. */
#pragma once

#include "jindu-config.h"
#include "jindu-stamp.h"

#define JD_MODULE_VERSION JINDU_VERSION "+" JINDU_BUILD_STAMP
