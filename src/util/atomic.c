/* Atomic file replacement (util/atomic.h): a temporary file in the target's
 * directory, fsync, rename. The one way jindu writes a file: the build's
 * outputs, the briefing, charts, figure tables and analyses. */
#define _POSIX_C_SOURCE 200809L
#include "util/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

G_DEFINE_QUARK(jd-atomic-error-quark, jd_atomic_error)

struct jd_atomic_file {
  char *path;
  char *tmp_path;
  FILE *stream;
};

static void set_errno_error(GError **error, jd_atomic_error code, int saved)
{
  g_set_error_literal(error, JD_ATOMIC_ERROR, code, g_strerror(saved));
}

/* -o /dev/null, -o /dev/stdout, a named pipe: no file to replace, so the
 * stream writes to it directly (renaming over /dev/null would replace the
 * device with a regular file for everyone on the machine). */
static jd_atomic_file *open_special(const char *path, GError **error)
{
  FILE *stream = fopen(path, "wb");
  if (!stream) {
    set_errno_error(error, JD_ATOMIC_ERROR_CREATE, errno);
    return NULL;
  }
  jd_atomic_file *f = g_new0(jd_atomic_file, 1);
  f->path = g_strdup(path);
  f->stream = stream;
  return f;
}

jd_atomic_file *jd_atomic_file_new(const char *path, GError **error)
{
  struct stat target;
  if (stat(path, &target) == 0 && !S_ISREG(target.st_mode) && !S_ISDIR(target.st_mode))
    return open_special(path, error);
  g_autofree char *dir = g_path_get_dirname(path);
  g_autofree char *base = g_path_get_basename(path);
  char *tmpl = g_strdup_printf("%s/.%s" JD_ATOMIC_TMP_MARK "XXXXXX", dir, base);
  int fd = g_mkstemp_full(tmpl, O_WRONLY | O_CLOEXEC, 0666);
  /* a file replaced keeps its permissions (an existing 0644 table stays
   * 0644 whatever the umask); a new one gets 0666 less the umask */
  struct stat st;
  if (fd >= 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode)) (void)fchmod(fd, st.st_mode & 07777);
  FILE *stream = fd >= 0 ? fdopen(fd, "wb") : NULL;
  if (!stream) {
    int saved = errno;
    if (fd >= 0) {
      close(fd);
      g_unlink(tmpl);
    }
    g_free(tmpl);
    set_errno_error(error, JD_ATOMIC_ERROR_CREATE, saved);
    return NULL;
  }
  jd_atomic_file *f = g_new0(jd_atomic_file, 1);
  f->path = g_strdup(path);
  f->tmp_path = tmpl;
  f->stream = stream;
  return f;
}

FILE *jd_atomic_file_get_stream(jd_atomic_file *f) { return f->stream; }

void jd_atomic_file_free(jd_atomic_file *f)
{
  if (!f) return;
  if (f->stream) fclose(f->stream);
  if (f->tmp_path) g_unlink(f->tmp_path);
  g_free(f->tmp_path);
  g_free(f->path);
  g_free(f);
}

gboolean jd_atomic_file_commit(jd_atomic_file *f, GError **error)
{
  int saved = 0;
  jd_atomic_error stage = JD_ATOMIC_ERROR_WRITE;
  if (fflush(f->stream) != 0 || ferror(f->stream)) {
    saved = errno ? errno : EIO;
    goto fail;
  }
  if (f->tmp_path && fsync(fileno(f->stream)) != 0 && errno != EINVAL) {
    saved = errno;
    goto fail;
  }
  FILE *stream = f->stream;
  f->stream = NULL;
  if (fclose(stream) != 0) {
    saved = errno;
    goto fail;
  }
  if (!f->tmp_path) { /* a device or a pipe, written directly */
    jd_atomic_file_free(f);
    return TRUE;
  }
  if (rename(f->tmp_path, f->path) != 0) {
    saved = errno;
    stage = JD_ATOMIC_ERROR_RENAME;
    goto fail;
  }
  g_clear_pointer(&f->tmp_path, g_free);
  jd_atomic_file_free(f);
  return TRUE;

fail:
  jd_atomic_file_free(f);
  set_errno_error(error, stage, saved);
  return FALSE;
}

gboolean jd_atomic_write(const char *path, const void *data, size_t len, GError **error)
{
  jd_atomic_file *f = jd_atomic_file_new(path, error);
  if (!f) return FALSE;
  if (len > 0 && fwrite(data, 1, len, f->stream) != len) {
    int saved = errno ? errno : EIO;
    jd_atomic_file_free(f);
    set_errno_error(error, JD_ATOMIC_ERROR_WRITE, saved);
    return FALSE;
  }
  return jd_atomic_file_commit(f, error);
}
