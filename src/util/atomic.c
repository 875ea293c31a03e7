/* Atomic file replacement (util/atomic.h): a temporary file in the target's
 * directory, fsync, rename; or many at once with one sync (the batch). The one way jindu writes a file: the build's
 * outputs, the briefing, charts, figure tables and analyses. */
#define _GNU_SOURCE 1 /* syncfs */
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

/* ---- the batch ---------------------------------------------------------- */

struct jd_atomic_batch {
  GPtrArray *paths, *tmps; /* parallel; a tmp is NULL once renamed */
};

jd_atomic_batch *jd_atomic_batch_new(void)
{
  jd_atomic_batch *b = g_new0(jd_atomic_batch, 1);
  b->paths = g_ptr_array_new_with_free_func(g_free);
  b->tmps = g_ptr_array_new_with_free_func(g_free);
  return b;
}

size_t jd_atomic_batch_get_count(const jd_atomic_batch *b) { return b->paths->len; }

gboolean jd_atomic_batch_write(jd_atomic_batch *b, const char *path, const void *data,
                               size_t len, GError **error)
{
  jd_atomic_file *f = jd_atomic_file_new(path, error);
  if (!f) return FALSE;
  int saved = 0;
  if (len > 0 && fwrite(data, 1, len, f->stream) != len) saved = errno ? errno : EIO;
  if (!saved && (fflush(f->stream) != 0 || ferror(f->stream))) saved = errno ? errno : EIO;
  FILE *stream = f->stream;
  f->stream = NULL;
  if (fclose(stream) != 0 && !saved) saved = errno ? errno : EIO;
  if (saved) {
    jd_atomic_file_free(f);
    set_errno_error(error, JD_ATOMIC_ERROR_WRITE, saved);
    return FALSE;
  }
  g_ptr_array_add(b->paths, f->path);
  g_ptr_array_add(b->tmps, f->tmp_path);
  g_free(f);
  return TRUE;
}

/* Syncs every temporary file: one syncfs when they all live on one file
 * system (one journal commit for the whole build), else one fsync each.
 * Returns the index of the file that failed, or -1. */
static gint sync_all(jd_atomic_batch *b, int *saved)
{
  dev_t dev = 0;
  gboolean one_fs = TRUE;
  for (guint i = 0; i < b->tmps->len; i++) {
    struct stat st;
    if (stat(b->tmps->pdata[i], &st) != 0) {
      *saved = errno;
      return (gint)i;
    }
    if (i > 0 && st.st_dev != dev) one_fs = FALSE;
    dev = st.st_dev;
  }
  for (guint i = 0; i < b->tmps->len; i++) {
    int fd = open(b->tmps->pdata[i], O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      *saved = errno;
      return (gint)i;
    }
    int rc = one_fs && b->tmps->len > 1 ? syncfs(fd) : fsync(fd);
    int e = errno;
    close(fd);
    if (rc != 0 && e != EINVAL) {
      *saved = e;
      return (gint)i;
    }
    if (one_fs && b->tmps->len > 1) break;
  }
  return -1;
}

/* Syncs each directory of the batch once, so the renames are on disk. */
static void sync_dirs(const jd_atomic_batch *b)
{
  GHashTable *done = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < b->paths->len; i++) {
    char *dir = g_path_get_dirname(b->paths->pdata[i]);
    if (g_hash_table_contains(done, dir)) {
      g_free(dir);
      continue;
    }
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
      (void)fsync(fd); /* the files are whole either way: this only makes them last */
      close(fd);
    }
    g_hash_table_add(done, dir);
  }
  g_hash_table_unref(done);
}

gboolean jd_atomic_batch_commit(jd_atomic_batch *b, char **failed_path, GError **error)
{
  int saved = 0;
  gint bad = sync_all(b, &saved);
  if (bad >= 0) {
    if (failed_path) *failed_path = g_strdup(b->paths->pdata[bad]);
    set_errno_error(error, JD_ATOMIC_ERROR_WRITE, saved);
    return FALSE;
  }
  for (guint i = 0; i < b->paths->len; i++) {
    if (rename(b->tmps->pdata[i], b->paths->pdata[i]) != 0) {
      saved = errno;
      if (failed_path) *failed_path = g_strdup(b->paths->pdata[i]);
      set_errno_error(error, JD_ATOMIC_ERROR_RENAME, saved);
      return FALSE;
    }
    g_clear_pointer(&b->tmps->pdata[i], g_free);
  }
  sync_dirs(b);
  return TRUE;
}

void jd_atomic_batch_free(jd_atomic_batch *b)
{
  if (!b) return;
  for (guint i = 0; i < b->tmps->len; i++)
    if (b->tmps->pdata[i]) g_unlink(b->tmps->pdata[i]);
  g_ptr_array_unref(b->paths);
  g_ptr_array_unref(b->tmps);
  g_free(b);
}
