/* Internals of the build module shared between build*.c files. */
#pragma once

#include "jindu/build.h"

/* Removes temporary files a killed build left in dir (".NAME.jindu-tmp-*"). */
void jd_build_remove_stale_temps(const char *dir);
/* Takes the build lock of dir, waiting up to timeout seconds. Returns the
 * lock's file descriptor, or -1 with JD_BUILD_ERROR_BUSY when another build
 * holds it. Release with jd_build_unlock. */
int jd_build_lock(const char *dir, double timeout, GError **error);
void jd_build_unlock(int fd);
