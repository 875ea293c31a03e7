/* The build manifest as length-prefixed records, and the removal of the
 * outputs a build no longer makes.
 *
 * The file is "jindu-manifest 2\n" and then one record per entry:
 *
 *   KIND SP LEN ':' HASH SP LEN ':' PATH '\n'
 *
 * KIND is [a-z_]+, each LEN the decimal byte count of what follows it, so a
 * path may hold any byte (a newline, a tab, "\noutput ...") and still cannot
 * end its record early or forge another. Anything else — a short read, a
 * length past the end, a missing separator, an output path that is absolute
 * or climbs out with "..", a record beyond the limits — makes the whole
 * manifest unreadable, and the build then starts afresh (and removes
 * nothing).
 *
 * Removal walks the output-relative path one directory at a time with
 * O_NOFOLLOW from the output directory, so a symlinked charts/ (or any
 * component) is never followed, and unlinks only a regular file. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "schedule/build-private.h"

#define MANIFEST_MAGIC "jindu-manifest 2\n"
#define MANIFEST_MAX_FIELD (1u << 16) /* a path or hash longer than 64 KiB is no path */
#define MANIFEST_MAX_ENTRIES 1000000u

jd_manifest_entry *jd_manifest_entry_new(const char *kind, const char *hash, const char *path)
{
  jd_manifest_entry *e = g_new0(jd_manifest_entry, 1);
  e->kind = g_strdup(kind);
  e->hash = g_strdup(hash);
  e->path = g_strdup(path);
  return e;
}

void jd_manifest_entry_free(gpointer p)
{
  jd_manifest_entry *e = p;
  if (!e) return;
  g_free(e->kind);
  g_free(e->hash);
  g_free(e->path);
  g_free(e);
}

static void append_field(GString *s, const char *f)
{
  g_string_append_printf(s, "%zu:", strlen(f));
  g_string_append(s, f);
}

GString *jd_manifest_format(const GPtrArray *entries)
{
  GString *s = g_string_new(MANIFEST_MAGIC);
  for (guint i = 0; i < entries->len; i++) {
    const jd_manifest_entry *e = entries->pdata[i];
    g_string_append(s, e->kind);
    g_string_append_c(s, ' ');
    append_field(s, e->hash);
    g_string_append_c(s, ' ');
    append_field(s, e->path);
    g_string_append_c(s, '\n');
  }
  return s;
}

gboolean jd_manifest_safe_relative(const char *rel)
{
  if (!rel || !*rel || rel[0] == '/') return FALSE;
  g_auto(GStrv) parts = g_strsplit(rel, "/", -1);
  for (char **p = parts; *p; p++) {
    if (!**p || strcmp(*p, ".") == 0 || strcmp(*p, "..") == 0) return FALSE;
    for (const char *c = *p; *c; c++)
      if ((guchar)*c < 0x20 || *c == 0x7f) return FALSE;
  }
  return TRUE;
}

/* One "LEN:BYTES" at *p (before end); the bytes, NUL-free, into *out. */
static gboolean read_field(const char **p, const char *end, char **out)
{
  const char *q = *p;
  size_t n = 0;
  int digits = 0;
  while (q < end && g_ascii_isdigit(*q) && digits < 7) {
    n = n * 10 + (size_t)(*q - '0');
    q++;
    digits++;
  }
  /* canonical lengths only (no leading zero): one text per manifest */
  if (!digits || (digits > 1 && **p == '0') || q >= end || *q != ':' || n > MANIFEST_MAX_FIELD)
    return FALSE;
  q++;
  if ((size_t)(end - q) < n || memchr(q, '\0', n)) return FALSE;
  *out = g_strndup(q, n);
  *p = q + n;
  return TRUE;
}

static gboolean read_record(const char **p, const char *end, GPtrArray *entries)
{
  const char *q = *p, *k = q;
  while (q < end && ((*q >= 'a' && *q <= 'z') || *q == '_')) q++;
  if (q == k || q - k > 32 || q >= end || *q != ' ') return FALSE;
  g_autofree char *kind = g_strndup(k, (gsize)(q - k));
  g_autofree char *hash = NULL, *path = NULL;
  q++;
  if (!read_field(&q, end, &hash) || q >= end || *q++ != ' ' || !read_field(&q, end, &path) ||
      q >= end || *q++ != '\n')
    return FALSE;
  for (const char *c = hash; *c; c++)
    if (!g_ascii_isalnum(*c) && *c != '-' && *c != '.' && *c != '+') return FALSE;
  if (strcmp(kind, "output") == 0 && !jd_manifest_safe_relative(path)) return FALSE;
  g_ptr_array_add(entries, jd_manifest_entry_new(kind, hash, path));
  *p = q;
  return TRUE;
}

GPtrArray *jd_manifest_parse(const char *data, size_t len)
{
  size_t m = strlen(MANIFEST_MAGIC);
  if (len < m || memcmp(data, MANIFEST_MAGIC, m) != 0) return NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func(jd_manifest_entry_free);
  const char *p = data + m, *end = data + len;
  while (p < end) {
    if (entries->len >= MANIFEST_MAX_ENTRIES || !read_record(&p, end, entries)) {
      g_ptr_array_unref(entries);
      return NULL;
    }
  }
  return entries;
}

GPtrArray *jd_manifest_read(const char *path)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  if (!g_file_get_contents(path, &text, &len, NULL)) return NULL;
  return jd_manifest_parse(text, len);
}

gboolean jd_manifest_remove_output(const char *output_dir, const char *rel)
{
  if (!jd_manifest_safe_relative(rel)) return FALSE;
  int dir = open(output_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return FALSE;
  g_auto(GStrv) parts = g_strsplit(rel, "/", -1);
  guint n = g_strv_length(parts);
  gboolean ok = FALSE;
  for (guint i = 0; i + 1 < n; i++) {
    int next = openat(dir, parts[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    close(dir);
    if (next < 0) return FALSE; /* gone, or a symlink: never followed */
    dir = next;
  }
  struct stat st;
  if (fstatat(dir, parts[n - 1], &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
    ok = unlinkat(dir, parts[n - 1], 0) == 0;
  close(dir);
  return ok;
}
