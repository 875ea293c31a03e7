/* The safety parts of `jindu build`: atomic file replacement in the build's
 * words (util/atomic.c does it), the lock file (flock, waiting up to
 * a timeout), and removal of temporary files a killed build left behind. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE 1
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "schedule/build-private.h"
#include "util/atomic.h"

/* The build's sentence around an atomic write's failure. */
static void write_error(const char *path, GError *err, GError **error)
{
  if (g_error_matches(err, JD_ATOMIC_ERROR, JD_ATOMIC_ERROR_CREATE)) {
    g_autofree char *dir = g_path_get_dirname(path);
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_OUTPUT,
                "%s: cannot create a temporary file in %s: %s — check that the directory "
                "exists and is writable",
                path, dir, err->message);
  } else {
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_OUTPUT,
                "%s: cannot write: %s — the previous file was left as it was; free space or fix "
                "permissions and build again",
                path, err->message);
  }
  g_error_free(err);
}

gboolean jd_write_file_atomic(const char *path, const void *data, size_t len, GError **error)
{
  GError *err = NULL;
  if (jd_atomic_write(path, data, len, &err)) return TRUE;
  write_error(path, err, error);
  return FALSE;
}

gboolean jd_build_write(jd_atomic_batch *batch, const char *path, const void *data, size_t len,
                        GError **error)
{
  if (!batch) return jd_write_file_atomic(path, data, len, error);
  GError *err = NULL;
  if (jd_atomic_batch_write(batch, path, data, len, &err)) return TRUE;
  write_error(path, err, error);
  return FALSE;
}

gboolean jd_build_commit(jd_atomic_batch *batch, GError **error)
{
  GError *err = NULL;
  g_autofree char *path = NULL;
  if (jd_atomic_batch_commit(batch, &path, &err)) return TRUE;
  write_error(path ? path : "(output)", err, error);
  return FALSE;
}

void jd_build_remove_stale_temps(const char *dir)
{
  /* never through a symlinked directory, and only regular files */
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return;
  DIR *d = fdopendir(fd);
  if (!d) {
    close(fd);
    return;
  }
  struct dirent *de;
  while ((de = readdir(d))) {
    const char *name = de->d_name;
    struct stat st;
    if (name[0] == '.' && strstr(name, JD_ATOMIC_TMP_MARK) &&
        fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
      unlinkat(fd, name, 0);
  }
  closedir(d);
}

int jd_build_lock(const char *dir, double timeout, GError **error)
{
  g_autofree char *path = g_build_filename(dir, JD_BUILD_LOCK, NULL);
  int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) {
    int e = errno;
    if (e == ELOOP)
      g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_OUTPUT,
                  "%s: the lock file is a symbolic link — jindu never follows it; remove the "
                  "link and build again",
                  path);
    else
      g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_OUTPUT,
                  "%s: cannot open the lock file: %s — check that the output directory is "
                  "writable",
                  path, g_strerror(e));
    return -1;
  }
  gint64 deadline = g_get_monotonic_time() + (gint64)(timeout * G_USEC_PER_SEC);
  for (;;) {
    if (flock(fd, LOCK_EX | LOCK_NB) == 0) return fd;
    if (errno != EWOULDBLOCK && errno != EINTR) {
      int e = errno;
      close(fd);
      g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_OUTPUT, "%s: cannot lock: %s", path,
                  g_strerror(e));
      return -1;
    }
    if (g_get_monotonic_time() >= deadline) break;
    g_usleep(50 * 1000);
  }
  close(fd);
  g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_BUSY,
              "%s: another build is running in this output directory (waited %.0f s) — try "
              "again when it has finished, or raise lock_timeout in jindu.ini",
              path, timeout);
  return -1;
}

void jd_build_unlock(int fd)
{
  if (fd >= 0) {
    flock(fd, LOCK_UN);
    close(fd);
  }
}
