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

/* ---- the manifest (manifest.c) ---------------------------------------- */

typedef struct {
  char *kind; /* "version", "config", "input", "output", "render" (others are kept) */
  char *hash;
  char *path; /* inputs: as configured (absolute); outputs: relative to the output dir */
} jd_manifest_entry;

jd_manifest_entry *jd_manifest_entry_new(const char *kind, const char *hash, const char *path);
void jd_manifest_entry_free(gpointer entry);
/* The manifest's bytes: length-prefixed records no path can forge. */
GString *jd_manifest_format(const GPtrArray *entries);
/* The entries of a manifest's bytes, or NULL when they are not exactly a
 * manifest (then nothing of it is trusted). */
GPtrArray *jd_manifest_parse(const char *data, size_t len);
GPtrArray *jd_manifest_read(const char *path);
/* A relative path that stays inside its directory: not empty or absolute, no
 * "", "." or ".." component, no control character. */
gboolean jd_manifest_safe_relative(const char *rel);
/* Removes output_dir/rel when it is a regular file reached without following
 * any symbolic link; TRUE when removed. */
gboolean jd_manifest_remove_output(const char *output_dir, const char *rel);
