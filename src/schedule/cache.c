/* The extraction cache of `jindu build`: what the last build extracted
 * from each document, so that a document whose bytes did not change is not
 * read and extracted again. Kept beside the manifest in the output
 * directory (JD_BUILD_EXTRACT_CACHE), written through the build's atomic
 * batch.
 *
 * The file is "jindu-extract-cache 1\n", then length-prefixed records, each
 * a tag and fields, one line:
 *
 *   identity LEN:ID                  what extraction depends on beyond a
 *                                    document's bytes (program, version,
 *                                    lexicon, encoding): another -> unused
 *   doc LEN:PATH LEN:SHA256          a document as configured and its hash,
 *   fig LINE QUAL KIND BITS LEN:doc LEN:quote LEN:metric LEN:scope LEN:drug
 *       LEN:region LEN:period LEN:span LEN:unit LEN:base_period LEN:where
 *                                    then each figure it gave (BITS the
 *                                    value's 64 bits in hex: exact),
 *   warn LEN:TEXT                    and each warning its reading gave;
 *   end LEN:SHA256                   the hash of every byte before it.
 *
 * Every LEN is the decimal byte count of what follows it, so no path, quote
 * or warning can end its record early or forge another. A file that is not
 * exactly this — cut short, a byte changed (the end hash), a field out of
 * range, a document twice — is reported once and ignored as a whole: every
 * document is extracted again and the cache rewritten. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "schedule/build-private.h"
#include "util/append.h"

#define CACHE_MAGIC "jindu-extract-cache 1\n"
#define CACHE_FAMILY "jindu-extract-cache "
#define CACHE_MAX_FIELD (16u << 20) /* a quote or warning longer than 16 MiB is no quote */

struct jd_extract_cache {
  char *data;
  GHashTable *docs; /* path -> doc_slice */
};

typedef struct {
  char *hash;
  size_t start, len; /* the "doc" record and its figures and warnings */
} doc_slice;

static void doc_slice_free(gpointer p)
{
  doc_slice *s = p;
  g_free(s->hash);
  g_free(s);
}

/* ---------------------------------------------------------------- writing */

/* " N" in decimal, without printf: a cache of 10,000 documents has a
 * million numbers. */
static void append_number(GString *s, guint64 n)
{
  char buf[24];
  size_t i = sizeof buf;
  do {
    buf[--i] = (char)('0' + n % 10);
    n /= 10;
  } while (n);
  buf[--i] = ' ';
  jd_append_fast(s, buf + i, sizeof buf - i);
}

static void append_field(GString *s, const char *f)
{
  size_t n = strlen(f);
  append_number(s, n);
  jd_append_fast(s, ":", 1);
  jd_append_fast(s, f, n);
}

GString *jd_extract_cache_begin(const char *identity)
{
  GString *s = g_string_new(CACHE_MAGIC);
  g_string_append(s, "identity");
  append_field(s, identity);
  g_string_append_c(s, '\n');
  return s;
}

static void append_figure(GString *s, const jd_figure *f)
{
  guint64 bits;
  memcpy(&bits, &f->value, sizeof bits);
  jd_append_fast(s, "fig", 3);
  append_number(s, f->line);
  append_number(s, (guint64)f->qualifier);
  append_number(s, (guint64)f->kind);
  char hex[17] = " ";
  for (int i = 0; i < 16; i++) hex[1 + i] = "0123456789abcdef"[(bits >> (60 - 4 * i)) & 15];
  jd_append_fast(s, hex, 17);
  const char *fields[] = {f->doc,    f->quote, f->metric, f->scope,       f->drug, f->region,
                          f->period, f->span,  f->unit,   f->base_period, f->where};
  for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) append_field(s, fields[i] ? fields[i] : "");
  g_string_append_c(s, '\n');
}

void jd_extract_cache_add(GString *next, const char *doc, const char *hash,
                          const jd_figure_table *t, size_t first_figure, const GPtrArray *warnings,
                          guint first_warning)
{
  g_string_append(next, "doc");
  append_field(next, doc);
  append_field(next, hash);
  g_string_append_c(next, '\n');
  for (size_t i = first_figure; i < jd_figure_table_get_count(t); i++)
    append_figure(next, jd_figure_table_get(t, i));
  for (guint i = first_warning; warnings && i < warnings->len; i++) {
    g_string_append(next, "warn");
    append_field(next, warnings->pdata[i]);
    g_string_append_c(next, '\n');
  }
}

void jd_extract_cache_end(GString *next)
{
  g_autofree char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)next->str,
                                                     next->len);
  g_string_append(next, "end");
  append_field(next, sum);
  g_string_append_c(next, '\n');
}

/* ---------------------------------------------------------------- reading */

/* Reads one record's parts at *p (before end). */
typedef struct {
  const char *p, *end;
} cursor;

/* A tag [a-z]+ followed by a space or a newline. */
static gboolean read_tag(cursor *c, const char *want)
{
  size_t n = strlen(want);
  if ((size_t)(c->end - c->p) <= n || memcmp(c->p, want, n) != 0) return FALSE;
  if (c->p[n] != ' ' && c->p[n] != '\n') return FALSE;
  c->p += n;
  return TRUE;
}

/* " N" (decimal, canonical, at most max) */
static gboolean read_number(cursor *c, guint64 max, guint64 *out)
{
  if (c->p >= c->end || *c->p != ' ') return FALSE;
  const char *q = ++c->p;
  guint64 n = 0;
  while (c->p < c->end && g_ascii_isdigit(*c->p) && c->p - q < 11) n = n * 10 + (guint64)(*c->p++ - '0');
  if (c->p == q || (c->p - q > 1 && *q == '0') || n > max) return FALSE;
  *out = n;
  return TRUE;
}

/* " LEN:BYTES", NUL-free; *out points into the file (len in *n). */
static gboolean read_field(cursor *c, const char **out, size_t *n)
{
  guint64 len;
  if (!read_number(c, CACHE_MAX_FIELD, &len) || c->p >= c->end || *c->p != ':') return FALSE;
  c->p++;
  if ((guint64)(c->end - c->p) < len || memchr(c->p, '\0', (size_t)len)) return FALSE;
  *out = c->p;
  *n = (size_t)len;
  c->p += len;
  return TRUE;
}

static gboolean read_eol(cursor *c)
{
  if (c->p >= c->end || *c->p != '\n') return FALSE;
  c->p++;
  return TRUE;
}

/* A "fig" record after its tag; the figure into *out when given. */
static gboolean read_figure(cursor *c, jd_figure **out)
{
  guint64 line, qual, kind, bits = 0;
  if (!read_number(c, G_MAXUINT, &line) || !read_number(c, JD_QUAL_AT_MOST, &qual) ||
      !read_number(c, JD_KIND_RATIO, &kind) || (size_t)(c->end - c->p) < 17 || *c->p != ' ')
    return FALSE;
  c->p++;
  for (int i = 0; i < 16; i++) {
    int d = g_ascii_xdigit_value(*c->p++);
    if (d < 0 || g_ascii_isupper(c->p[-1])) return FALSE;
    bits = bits << 4 | (guint64)d;
  }
  const char *s[11];
  size_t n[11];
  for (int i = 0; i < 11; i++)
    if (!read_field(c, &s[i], &n[i])) return FALSE;
  if (!read_eol(c)) return FALSE;
  if (!out) return TRUE;
  jd_figure *f = g_new0(jd_figure, 1);
  char **fields[] = {&f->doc,    &f->quote, &f->metric, &f->scope,       &f->drug, &f->region,
                     &f->period, &f->span,  &f->unit,   &f->base_period, &f->where};
  for (int i = 0; i < 11; i++) *fields[i] = g_strndup(s[i], n[i]);
  f->line = (unsigned)line;
  f->qualifier = (jd_qualifier)qual;
  f->kind = (jd_kind)kind;
  memcpy(&f->value, &bits, sizeof bits);
  *out = f;
  return TRUE;
}

/* The figures and warnings after a "doc" record, up to the next "doc" or
 * "end": into t and warnings when given (else only checked). */
static gboolean read_body(cursor *c, jd_figure_table *t, GPtrArray *warnings)
{
  while (c->p < c->end) {
    if (read_tag(c, "fig")) {
      jd_figure *f = NULL;
      if (!read_figure(c, t ? &f : NULL)) return FALSE;
      if (f) jd_figure_table_take(t, f);
    } else if (read_tag(c, "warn")) {
      const char *s;
      size_t n;
      if (!read_field(c, &s, &n) || !read_eol(c)) return FALSE;
      if (warnings) g_ptr_array_add(warnings, g_strndup(s, n));
    } else {
      return TRUE;
    }
  }
  return TRUE;
}

/* The documents of a cache's bytes, or FALSE with *why set. */
static gboolean index_docs(const char *data, size_t len, const char *identity, GHashTable *docs,
                           const char **why)
{
  cursor c = {data + strlen(CACHE_MAGIC), data + len};
  const char *s, *h, *id;
  size_t n, hn, idn;
  if (!read_tag(&c, "identity") || !read_field(&c, &id, &idn) || !read_eol(&c)) {
    *why = "no identity";
    return FALSE;
  }
  /* the whole file is checked before its identity is looked at: a damaged
   * identity is reported as damage, not taken for another program's */
  for (;;) {
    const char *rec = c.p;
    if (read_tag(&c, "end")) {
      g_autofree char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data,
                                                         (gsize)(rec - data));
      if (!read_field(&c, &s, &n) || !read_eol(&c) || c.p != c.end) {
        *why = "its last record is malformed or followed by more";
        return FALSE;
      }
      if (n != strlen(sum) || memcmp(s, sum, n) != 0) {
        *why = "its content does not match its checksum";
        return FALSE;
      }
      if (idn != strlen(identity) || memcmp(id, identity, idn) != 0) {
        *why = NULL; /* another program, lexicon or encoding: not damaged, only of no use */
        return FALSE;
      }
      return TRUE;
    }
    if (!read_tag(&c, "doc") || !read_field(&c, &s, &n) || !read_field(&c, &h, &hn) ||
        !read_eol(&c) || !read_body(&c, NULL, NULL)) {
      *why = c.p >= c.end ? "it is cut short" : "a record is malformed";
      return FALSE;
    }
    char *path = g_strndup(s, n);
    if (g_hash_table_contains(docs, path)) {
      g_free(path);
      *why = "a document is listed twice";
      return FALSE;
    }
    doc_slice *slice = g_new0(doc_slice, 1);
    slice->hash = g_strndup(h, hn);
    slice->start = (size_t)(rec - data);
    slice->len = (size_t)(c.p - rec);
    g_hash_table_insert(docs, path, slice);
  }
}

/* The whole regular file at fd (not mapped: a file cut short under a mapping
 * would kill the build), or NULL. */
static char *read_fd(int fd, size_t *len, const char **why)
{
  struct stat st;
  *why = "it is not a regular file";
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return NULL;
  *why = "it is empty";
  if (st.st_size <= 0) return NULL;
  size_t size = (size_t)st.st_size, got = 0;
  char *data = g_malloc(size);
  while (got < size) {
    ssize_t n = read(fd, data + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += (size_t)n;
  }
  *len = got;
  *why = "it cannot be read";
  if (got == size) return data;
  g_free(data);
  return NULL;
}

/* "jindu-extract-cache N\n", N another format's number. */
static gboolean other_format(const char *data, size_t len)
{
  size_t f = strlen(CACHE_FAMILY), i = f;
  if (len <= f || memcmp(data, CACHE_FAMILY, f) != 0) return FALSE;
  while (i < len && i < f + 9 && g_ascii_isdigit(data[i])) i++;
  return i > f && i < len && data[i] == '\n';
}

jd_extract_cache *jd_extract_cache_open(const char *path, const char *identity,
                                        GPtrArray *warnings)
{
  /* never through a symbolic link, and only a regular file */
  int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) return NULL; /* the first build (or an older jindu's output) */
  const char *why = "it cannot be opened";
  size_t len = 0;
  char *data = fd >= 0 ? read_fd(fd, &len, &why) : NULL;
  if (fd >= 0) close(fd);
  jd_extract_cache *c = NULL;
  if (data) {
    size_t m = strlen(CACHE_MAGIC);
    GHashTable *docs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, doc_slice_free);
    if (len >= m && memcmp(data, CACHE_MAGIC, m) == 0) {
      if (index_docs(data, len, identity, docs, &why)) {
        c = g_new0(jd_extract_cache, 1);
        c->data = data;
        c->docs = g_hash_table_ref(docs);
        data = NULL;
      }
    } else if (other_format(data, len)) {
      why = NULL; /* another jindu's format: of no use, not damaged */
    } else {
      why = "it does not start as an extraction cache";
    }
    g_hash_table_unref(docs);
    g_free(data);
  }
  if (!c && why && warnings)
    g_ptr_array_add(warnings, g_strdup_printf("%s: the extraction cache cannot be trusted (%s) — "
                                              "ignored: every document is extracted again and "
                                              "the cache written anew",
                                              path, why));
  return c;
}

void jd_extract_cache_free(jd_extract_cache *c)
{
  if (!c) return;
  g_hash_table_unref(c->docs);
  g_free(c->data);
  g_free(c);
}

gboolean jd_extract_cache_reuse(const jd_extract_cache *c, GString *next, const char *doc,
                                const char *hash, jd_figure_table *t, GPtrArray *warnings)
{
  if (!c || !hash) return FALSE;
  const doc_slice *s = g_hash_table_lookup(c->docs, doc);
  if (!s || strcmp(s->hash, hash) != 0) return FALSE;
  cursor cur = {c->data + s->start, c->data + s->start + s->len};
  const char *f;
  size_t n;
  /* checked when the cache was opened: these reads cannot fail */
  if (!read_tag(&cur, "doc") || !read_field(&cur, &f, &n) || !read_field(&cur, &f, &n) ||
      !read_eol(&cur) || !read_body(&cur, t, warnings))
    return FALSE;
  if (next) g_string_append_len(next, c->data + s->start, (gssize)s->len);
  return TRUE;
}
