/* Replacing a file atomically: every file jindu writes goes first to a
 * temporary file beside it (".NAME.jindu-tmp-XXXXXX"), is flushed to disk
 * and then renamed over NAME, so a reader sees the old file or the new one,
 * never half of one, and a failed write leaves the old file as it was. */
#pragma once

#include <glib.h>
#include <stdio.h>

/* The marker in a temporary file's name (jd_build_remove_stale_temps). */
#define JD_ATOMIC_TMP_MARK ".jindu-tmp-"

#define JD_ATOMIC_ERROR (jd_atomic_error_quark())
GQuark jd_atomic_error_quark(void);
/* The stage that failed; every message is the system's reason alone
 * (strerror), for the caller to put into its own sentence. */
typedef enum {
  JD_ATOMIC_ERROR_CREATE, /* the temporary file could not be made */
  JD_ATOMIC_ERROR_WRITE,  /* writing, flushing or closing it failed */
  JD_ATOMIC_ERROR_RENAME, /* it could not replace the file */
} jd_atomic_error;

typedef struct jd_atomic_file jd_atomic_file;

/* Starts replacing path: makes the temporary file (mode 0666 less the umask).
 * Write to jd_atomic_file_get_stream, then jd_atomic_file_commit, or give up
 * with jd_atomic_file_free. */
jd_atomic_file *jd_atomic_file_new(const char *path, GError **error);
/* The stream to write the new contents to. Borrowed. */
FILE *jd_atomic_file_get_stream(jd_atomic_file *file);
/* Flushes the stream, syncs it to disk and renames it over the path. Frees
 * file whatever happens; on failure the temporary file is removed and the
 * old file is untouched. */
gboolean jd_atomic_file_commit(jd_atomic_file *file, GError **error);
/* Abandons the new contents and removes the temporary file. NULL is fine. */
void jd_atomic_file_free(jd_atomic_file *file);

/* Writes data to path atomically (the three steps above at once). */
gboolean jd_atomic_write(const char *path, const void *data, size_t len, GError **error);

/* A batch of replacements that reach the disk together (`jindu build`): each
 * file is written to its temporary file at once, then commit syncs them all
 * with one call (syncfs when they share a file system, else one fsync each),
 * renames each over its path in the order they were added, and syncs each
 * directory once. Every file is still replaced atomically: a reader sees
 * the old file or the new one. A failure before the renames replaces
 * nothing; jd_atomic_batch_free removes the temporary files of a batch not
 * committed. */
typedef struct jd_atomic_batch jd_atomic_batch;

jd_atomic_batch *jd_atomic_batch_new(void);
/* Writes data to path's temporary file (not yet synced or renamed). */
gboolean jd_atomic_batch_write(jd_atomic_batch *batch, const char *path, const void *data,
                               size_t len, GError **error);
/* How many files the batch holds. */
size_t jd_atomic_batch_get_count(const jd_atomic_batch *batch);
/* Syncs, renames and syncs the directories as above. On failure
 * *failed_path (may be NULL) gets the path concerned (caller frees); the
 * batch is spent either way (free it). */
gboolean jd_atomic_batch_commit(jd_atomic_batch *batch, char **failed_path, GError **error);
/* Removes the temporary files not committed. NULL is fine. */
void jd_atomic_batch_free(jd_atomic_batch *batch);
