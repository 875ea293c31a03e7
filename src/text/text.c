/* The loader (see include/jindu/text.h): finds input files, streams a document
 * paragraph by paragraph while detecting and decoding UTF-8 or GB18030 (GLib's
 * g_iconv), normalizes each paragraph (HTML entities and tags, thousands
 * separators, full-width forms, traditional -> simplified by OpenCC's tables, compiled in) and
 * splits text into clauses and sentences. Memory stays bounded: one raw chunk
 * and at most one (cut) line are held at a time. */
#include "jindu/text.h"
#include "text/pinyin.h"
#include "text/t2s.h"
#include "text/doc-private.h"
#include "util/find.h"
#include "util/utf8.h"

#include <errno.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <string.h>

#define RAW_CHUNK (64 * 1024)
#define MAX_LINE (64 * 1024)
#define MAX_WARNINGS 50

/* ---- normalization -------------------------------------------------------- */

typedef struct {
  const char *name;
  const char *text;
} entity;

/* HTML entities, also matched without the & as they appear in documents
 * scraped from the web (战争rdquo;). bull becomes the middle dot because it
 * stands for the dot of campaign codes (7bull;04 = 7·04). */
static const entity entities[] = {
    {"rdquo", "\xE2\x80\x9D"}, {"ldquo", "\xE2\x80\x9C"}, {"rsquo", "\xE2\x80\x99"},
    {"lsquo", "\xE2\x80\x98"}, {"mdash", "\xE2\x80\x94"}, {"ndash", "\xE2\x80\x93"},
    {"hellip", "\xE2\x80\xA6"}, {"bull", "\xC2\xB7"},     {"middot", "\xC2\xB7"},
    {"nbsp", " "},             {"ensp", " "},             {"emsp", " "},
    {"thinsp", " "},           {"amp", "&"},              {"lt", "<"},
    {"gt", ">"},               {"quot", "\""},            {"apos", "'"},
    {"times", "\xC3\x97"},     {"divide", "\xC3\xB7"},    {"deg", "\xC2\xB0"},
    {"plusmn", "\xC2\xB1"},    {"permil", "\xE2\x80\xB0"}, {"percnt", "%"},
    {"laquo", "\xC2\xAB"},     {"raquo", "\xC2\xBB"},     {"yen", "\xC2\xA5"},
    {"copy", "\xC2\xA9"},      {"reg", "\xC2\xAE"},       {"shy", ""},
    {"zwj", ""},               {"zwnj", ""},
};

static const entity *entity_lookup(const char *s, size_t n)
{
  for (size_t i = 0; i < G_N_ELEMENTS(entities); i++)
    if (strlen(entities[i].name) == n && memcmp(entities[i].name, s, n) == 0) return &entities[i];
  return NULL;
}

/* Pass 1: HTML tags removed, entities (with or without &) decoded. Runs of
 * ordinary bytes are copied in bulk; a stray entity word is recognised at its
 * ';' by looking back at the letters already copied. */
static void strip_html(const char *s, size_t n, GString *out)
{
  size_t i = 0;
  while (i < n) {
    size_t j = i + jd_mem_find_any3(s + i, n - i, '<', '&', ';');
    g_string_append_len(out, s + i, (gssize)(j - i));
    if (j >= n) break;
    i = j;
    char c = s[i];
    if (c == '<' && i + 1 < n && (g_ascii_isalpha(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!')) {
      size_t k = i + 1;
      while (k < n && k - i < 1024 && s[k] != '>' && s[k] != '<') k++;
      if (k < n && s[k] == '>') {
        i = k + 1;
        continue;
      }
    }
    if (c == '&' && i + 2 < n) {
      size_t k = i + 1;
      if (s[k] == '#') {
        k++;
        gboolean hex = k < n && (s[k] == 'x' || s[k] == 'X');
        if (hex) k++;
        size_t ds = k;
        guint32 v = 0;
        while (k < n && k - ds < 8 && (hex ? g_ascii_isxdigit(s[k]) : g_ascii_isdigit(s[k]))) {
          v = v * (hex ? 16 : 10) + (guint32)(hex ? g_ascii_xdigit_value(s[k]) : s[k] - '0');
          k++;
        }
        if (k > ds && k < n && s[k] == ';') {
          if (v > 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF) && v != 0xFFFE &&
              v != 0xFFFF)
            g_string_append_unichar(out, v == 0xA0 ? ' ' : v);
          i = k + 1;
          continue;
        }
      } else {
        while (k < n && k - i <= 8 && g_ascii_isalpha(s[k])) k++;
        if (k < n && s[k] == ';') {
          const entity *e = entity_lookup(s + i + 1, k - i - 1);
          if (e) {
            g_string_append(out, e->text);
            i = k + 1;
            continue;
          }
        }
      }
    }
    if (c == ';') {
      /* stray entity word: a known name just before, not glued to a Latin word */
      size_t k = out->len;
      while (k > 0 && out->len - k < 8 && out->str[k - 1] >= 'a' && out->str[k - 1] <= 'z') k--;
      if (k < out->len && (k == 0 || !g_ascii_isalpha(out->str[k - 1]))) {
        const entity *e = entity_lookup(out->str + k, out->len - k);
        if (e) {
          g_string_truncate(out, k);
          g_string_append(out, e->text);
          i++;
          continue;
        }
      }
    }
    g_string_append_c(out, c);
    i++;
  }
}

static gunichar decode_char(const char *s, size_t n, size_t i, size_t *len)
{
  return jd_utf8_decode((const guchar *)s + i, n - i, len);
}

static int digit_value(gunichar c)
{
  if (c >= '0' && c <= '9') return (int)(c - '0');
  if (c >= 0xFF10 && c <= 0xFF19) return (int)(c - 0xFF10);
  return -1;
}

/* a thousands separator: ASCII comma, spaces (not the full-width comma ，,
 * which is clause punctuation in Chinese text) */
static int separator_kind(gunichar c)
{
  if (c == ',') return 1;
  if (c == ' ' || c == 0x00A0 || c == 0x2009 || c == 0x202F) return 2;
  return 0;
}

/* exactly three digits at s[i], then no further digit */
static gboolean three_digits_at(const char *s, size_t n, size_t i)
{
  for (int k = 0; k < 4; k++) {
    if (i >= n) return k == 3;
    size_t l;
    gunichar c = decode_char(s, n, i, &l);
    gboolean d = digit_value(c) >= 0;
    if (k < 3 && !d) return FALSE;
    if (k == 3) return !d;
    i += l;
  }
  return FALSE;
}

/* Pass 2: full-width forms to ASCII, thousands separators dropped, spaces
 * collapsed and trimmed, control characters removed. When convert is set,
 * sets *needs_t2s when a character t2s may change is seen (text/t2s.h). The
 * input is valid UTF-8 and nothing here makes text longer, so it writes
 * straight into out. */
static void fold_width(const char *s, size_t n, GString *out, gboolean convert,
                       gboolean *needs_t2s)
{
  size_t old = out->len;
  g_string_set_size(out, old + n);
  char *o = out->str + old;
  size_t k = 0, i = 0;
  int group = 0;          /* digits since the number started or the last separator */
  gboolean clean = TRUE;  /* the digit run started after a non-digit, non-point */
  int grouped = 0;        /* separator kind already removed in this number */
  gboolean space = FALSE; /* a pending space */
  char prev = 0;          /* last ASCII written, or 'x' for any other character */
  *needs_t2s = FALSE;
  while (i < n) {
    guchar b = (guchar)s[i];
    gunichar c;
    size_t l;
    if (b < 0x80) {
      c = b;
      l = 1;
    } else if (b == 0xEF || b == 0xE3 || b == 0xC2 || b == 0xE2) {
      c = decode_char(s, n, i, &l);
    } else {
      /* a run of other characters is copied as it is, looking only for
       * traditional ones */
      size_t j = i;
      gboolean check = convert && !*needs_t2s;
      while (j < n) {
        guchar h = (guchar)s[j];
        if (h >= 0xE4 && h <= 0xE9 && j + 2 < n) {
          if (check) {
            gunichar cc = ((gunichar)(h & 0x0F) << 12) |
                          ((gunichar)((guchar)s[j + 1] & 0x3F) << 6) | ((guchar)s[j + 2] & 0x3F);
            if (jd_t2s_may_change(cc)) {
              *needs_t2s = TRUE;
              check = FALSE;
            }
          }
          j += 3;
        } else if (h >= 0xF0 && h < 0xF8) {
          if (check) *needs_t2s = TRUE, check = FALSE;
          j += MIN((size_t)4, n - j);
        } else if ((h >= 0xC3 && h <= 0xDF) || h == 0xE1 || (h >= 0xEA && h <= 0xEE)) {
          size_t w = h >= 0xE0 ? 3 : 2;
          if (check && w == 3) {
            gunichar cc = ((gunichar)(h & 0x0F) << 12) |
                          ((gunichar)((guchar)s[j + 1] & 0x3F) << 6) | ((guchar)s[j + 2] & 0x3F);
            if (jd_t2s_may_change(cc)) *needs_t2s = TRUE, check = FALSE;
          }
          j += MIN(w, n - j);
        } else {
          break;
        }
      }
      if (j == i) j = i + 1; /* a stray continuation byte (not from the reader) */
      if (space) {
        o[k++] = ' ';
        space = FALSE;
      }
      memcpy(o + k, s + i, j - i);
      k += j - i;
      i = j;
      prev = 'x';
      group = 0;
      grouped = 0;
      continue;
    }
    i += l;
    int sep = separator_kind(c);
    if (sep && group >= 1 && group <= 3 && (grouped ? grouped == sep && group == 3 : clean) &&
        three_digits_at(s, n, i)) {
      grouped = sep;
      group = 0;
      continue;
    }
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    else if (c == 0x3000 || c == 0x00A0 || c == 0x2009 || c == 0x202F || c == '\t') c = ' ';
    else if (c == 0x200B || c == 0xFEFF || c == 0x200C || c == 0x200D) continue;
    else if ((c < 0x20 && c != '\n') || c == 0x7F) continue;
    if (c == '\n') {
      space = FALSE;
      o[k++] = '\n';
      prev = '\n';
      group = 0;
      grouped = 0;
      clean = TRUE;
      continue;
    }
    if (c == ' ') {
      space = prev != 0 && prev != '\n';
      continue;
    }
    if (space) {
      o[k++] = ' ';
      space = FALSE;
      prev = ' ';
    }
    if (c >= '0' && c <= '9') {
      if (group == 0 && !grouped) clean = !(prev >= '0' && prev <= '9') && prev != '.';
      group++;
    } else {
      group = 0;
      grouped = 0;
    }
    if (c < 0x80) {
      o[k++] = (char)c;
      prev = (char)c;
    } else {
      if (convert && !*needs_t2s && jd_t2s_may_change(c)) *needs_t2s = TRUE;
      k += (size_t)g_unichar_to_utf8(c, o + k);
      prev = 'x';
    }
  }
  g_string_truncate(out, old + k);
}

/* ---- spaced numbers -------------------------------------------------------- */

static gboolean is_ascii_digit(char c)
{
  return c >= '0' && c <= '9';
}

/* A CJK ideograph (3-byte UTF-8 in U+3400..U+9FFF) starting at s[i]. */
static gboolean ideograph_at(const char *s, size_t n, size_t i, gunichar *out)
{
  guchar b = (guchar)s[i];
  if (i + 3 > n || b < 0xE3 || b > 0xE9) return FALSE;
  gunichar c = ((gunichar)(b & 0x0F) << 12) | ((gunichar)((guchar)s[i + 1] & 0x3F) << 6) |
               ((guchar)s[i + 2] & 0x3F);
  if (c < 0x3400 || c > 0x9FFF) return FALSE;
  *out = c;
  return TRUE;
}

/* The ideograph ending at s[k) (k >= 3), or 0. */
static gunichar ideograph_before(const char *s, size_t k)
{
  gunichar c = 0;
  return k >= 3 && ideograph_at(s, k, k - 3, &c) ? c : 0;
}

/* Chinese digits: a number written next to them in Arabic digits may be a
 * separate number (三 2019年), so a space between them stays. */
static gboolean is_cn_digit(gunichar c)
{
  static const gunichar d[] = {0x3007, 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D,
                               0x4E03, 0x516B, 0x4E5D, 0x4E24, 0x5169, 0x5341, 0x767E, 0x5343};
  for (size_t i = 0; i < G_N_ELEMENTS(d); i++)
    if (c == d[i]) return TRUE;
  return FALSE;
}

static gboolean is_myriad(gunichar c)
{
  return c == 0x4E07 || c == 0x842C || c == 0x4EBF || c == 0x5104; /* 万 萬 亿 億 */
}

/* Whether exactly four digits start at s[i] (then no digit or point). */
static gboolean four_digits_at(const char *s, size_t n, size_t i)
{
  for (int k = 0; k < 4; k++)
    if (i + (size_t)k >= n || !is_ascii_digit(s[i + (size_t)k])) return FALSE;
  return i + 4 >= n || !(is_ascii_digit(s[i + 4]) || s[i + 4] == '.');
}

/* 1 to 3 digits at s[i] and then, after at most one space, the word they count
 * (5 萬 179 人, Taiwan's statistics): the rest of a number after 萬 or 億, not a
 * date (年, 月, 日) and not another number. */
static gboolean short_rest_at(const char *s, size_t n, size_t i)
{
  size_t d = 0;
  while (i + d < n && is_ascii_digit(s[i + d])) d++;
  if (d == 0 || d > 3) return FALSE;
  size_t j = i + d;
  if (j < n && s[j] == ' ') j++;
  if (j >= n || is_ascii_digit(s[j]) || s[j] == '.' || s[j] == '%') return FALSE;
  gunichar c;
  if (!ideograph_at(s, n, j, &c)) return FALSE;
  return c != 0x5E74 && c != 0x6708 && c != 0x65E5 && !is_cn_digit(c) && !is_myriad(c); /* 年月日 */
}

/* Whether the space at s[i] (o[0..k) is what is kept before it) splits one
 * number or binds a number to its word — web text writes 6449 .9公斤,
 * 6 萬 0638 人, 2016 年, 68.2 %, 第 2 期 — and cannot separate two numbers:
 *   digit ␣ .digit, digit. ␣ digit, digit ␣ % or ‰   one number
 *   digit ␣ ideograph (not a Chinese digit: 3 一)      a number and its word
 *   ideograph ␣ digit (not after a Chinese digit: 十 2) a word and its number
 *   D万 ␣ DDDD, D万 ␣ DDD 人                            the section below 万
 *   ideograph ␣ ideograph (not two Chinese digits)      layout inside a word, in prose */
static gboolean space_joins(const char *o, size_t k, const char *s, size_t n, size_t i,
                            gboolean prose)
{
  if (k == 0 || i + 1 >= n) return FALSE;
  char l = o[k - 1], r = s[i + 1];
  gunichar lc = ideograph_before(o, k), rc = 0;
  if (is_ascii_digit(l)) {
    if (r == '.' && i + 2 < n && is_ascii_digit(s[i + 2])) return TRUE;
    if (r == '%' || (i + 4 <= n && !memcmp(s + i + 1, "\xE2\x80\xB0", 3))) return TRUE;
    return ideograph_at(s, n, i + 1, &rc) && !is_cn_digit(rc);
  }
  if (l == '.' && k >= 2 && is_ascii_digit(o[k - 2]) && is_ascii_digit(r)) return TRUE;
  /* 移送戒 治人数, 女 性占: in running prose a space between two Chinese
   * characters is left by layout (a PDF's line end), not a word break — but
   * not between two Chinese numbers (三 一); a title's space separates */
  if (prose && lc && ideograph_at(s, n, i + 1, &rc) && !(is_cn_digit(lc) && is_cn_digit(rc)))
    return TRUE;
  if (!lc || !is_ascii_digit(r) || is_cn_digit(lc)) return FALSE;
  if (!is_myriad(lc)) return TRUE;
  return k >= 4 && is_ascii_digit(o[k - 4]) &&
         (four_digits_at(s, n, i + 1) || short_rest_at(s, n, i + 1));
}

/* Drops the spaces inside spaced numbers (space_joins), in place. */
/* Whether a paragraph is running prose: long, with at least two commas or
 * full stops (a title or a heading is not). */
static gboolean is_prose(const char *s, size_t n)
{
  if (n < 90) return FALSE;
  int marks = 0;
  for (const char *p = s; (p = memchr(p, 0xEF, (size_t)(s + n - p))) != NULL && marks < 2; p++)
    if (p + 3 <= s + n && (!memcmp(p, "，", 3) || !memcmp(p, "；", 3))) marks++;
  for (const char *p = s; (p = memchr(p, 0xE3, (size_t)(s + n - p))) != NULL && marks < 2; p++)
    if (p + 3 <= s + n && !memcmp(p, "。", 3)) marks++;
  for (size_t i = 0; i < n && marks < 2; i++) marks += s[i] == ',' || s[i] == ';';
  return marks >= 2;
}

static void join_spaced_numbers(GString *out)
{
  if (!memchr(out->str, ' ', out->len)) return;
  char *s = out->str;
  size_t n = out->len, k = 0;
  gboolean prose = is_prose(s, n);
  for (size_t i = 0; i < n; i++) {
    if (s[i] == ' ' && space_joins(s, k, s, n, i, prose)) continue;
    s[k++] = s[i];
  }
  g_string_truncate(out, k);
}

/* Normalizes s[0..n) into out (cleared first). */
static void normalize_into(const char *s, size_t n, gboolean keep_traditional, GString *out,
                           GString *tmp)
{
  g_string_truncate(out, 0);
  g_string_truncate(tmp, 0);
  const char *src = s;
  size_t srclen = n;
  if (memchr(s, '&', n) || memchr(s, '<', n) || memchr(s, ';', n)) {
    strip_html(s, n, tmp);
    src = tmp->str;
    srclen = tmp->len;
  }
  gboolean t2s = FALSE;
  fold_width(src, srclen, out, !keep_traditional, &t2s);
  jd_strip_pinyin_glosses(out);
  if (t2s && !keep_traditional) {
    g_string_truncate(tmp, 0);
    jd_t2s_convert(out->str, out->len, tmp);
    /* out takes tmp's text by swapping the two strings' buffers, not by a
     * copy (g_string_assign did strlen and memcpy; the text has no NUL,
     * fold_width drops control characters) */
    GString swap = *out;
    *out = *tmp;
    *tmp = swap;
  }
  join_spaced_numbers(out);
}

char *jd_text_normalize(const char *utf8, size_t len, gboolean keep_traditional)
{
  g_autofree char *valid = NULL;
  if (!g_utf8_validate_len(utf8, len, NULL)) {
    valid = g_utf8_make_valid(utf8, (gssize)len);
    utf8 = valid;
    len = strlen(valid);
  }
  GString *out = g_string_sized_new(len + 16), *tmp = g_string_new(NULL);
  /* CRLF and CR line ends become \n */
  GString *lf = g_string_sized_new(len);
  for (size_t i = 0; i < len; i++) {
    if (utf8[i] == '\r') {
      g_string_append_c(lf, '\n');
      if (i + 1 < len && utf8[i + 1] == '\n') i++;
    } else {
      g_string_append_c(lf, utf8[i]);
    }
  }
  normalize_into(lf->str, lf->len, keep_traditional, out, tmp);
  while (out->len && out->str[out->len - 1] == ' ') g_string_truncate(out, out->len - 1);
  g_string_free(lf, TRUE);
  g_string_free(tmp, TRUE);
  return g_string_free(out, FALSE);
}

/* ---- input files ------------------------------------------------------------ */

static gboolean is_document_name(const char *name)
{
  g_autofree char *lower = g_ascii_strdown(name, -1);
  return g_str_has_suffix(lower, ".txt") || g_str_has_suffix(lower, ".md") ||
         jd_doc_known_name(name);
}

static int compare_strings(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A walk of the input folders: every file and folder is met once by its
 * device and inode (a `self -> .` link or two links into each other would
 * otherwise read documents again and again, or never end), and FIFOs,
 * devices and sockets inside a folder are skipped with a warning (reading a
 * FIFO would block the build forever). */
typedef struct {
  GHashTable *seen; /* file_id (device, inode) of every folder and document met */
  GPtrArray *out;
  GPtrArray *warnings; /* may be NULL */
} walk;

static void walk_warn(walk *w, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void walk_warn(walk *w, const char *fmt, ...)
{
  if (!w->warnings || w->warnings->len >= 100) return;
  va_list ap;
  va_start(ap, fmt);
  g_ptr_array_add(w->warnings, g_strdup_vprintf(fmt, ap));
  va_end(ap);
}

/* A file's identity: its device and inode (a key of walk.seen). */
typedef struct {
  guint64 dev, ino;
} file_id;

static guint file_id_hash(gconstpointer p)
{
  const file_id *f = p;
  return (guint)(f->ino ^ (f->ino >> 32) ^ (f->dev * 2654435761u));
}

static gboolean file_id_equal(gconstpointer a, gconstpointer b)
{
  const file_id *x = a, *y = b;
  return x->dev == y->dev && x->ino == y->ino;
}

/* TRUE the first time the file st is met (the key was a "dev:ino" string
 * made by g_strdup_printf for every file; the same identity, kept as two
 * numbers). */
static gboolean walk_first_time(walk *w, const GStatBuf *st)
{
  file_id *f = g_new(file_id, 1);
  f->dev = (guint64)st->st_dev;
  f->ino = (guint64)st->st_ino;
  return g_hash_table_add(w->seen, f);
}

static gboolean collect_dir(walk *w, const char *dir, int depth, GError **error)
{
  if (depth > 64) {
    walk_warn(w, "%s: folders nested more than 64 deep — skipped", dir);
    return TRUE;
  }
  GError *e = NULL;
  GDir *d = g_dir_open(dir, 0, &e);
  if (!d) {
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_READ,
                "%s: cannot open the directory: %s — check its permissions", dir, e->message);
    g_error_free(e);
    return FALSE;
  }
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  const char *n;
  while ((n = g_dir_read_name(d))) {
    if (n[0] == '.') continue;
    g_ptr_array_add(names, g_strdup(n));
  }
  g_dir_close(d);
  g_ptr_array_sort(names, compare_strings);
  gboolean ok = TRUE;
  for (guint i = 0; i < names->len && ok; i++) {
    g_autofree char *p = g_build_filename(dir, names->pdata[i], NULL);
    GStatBuf st;
    if (g_stat(p, &st) != 0) continue; /* a dangling link */
    if (S_ISDIR(st.st_mode)) {
      if (walk_first_time(w, &st))
        ok = collect_dir(w, p, depth + 1, error);
      else
        walk_warn(w, "%s: a folder already read (a link loop or a second link) — skipped", p);
    } else if (S_ISREG(st.st_mode)) {
      if (!is_document_name(names->pdata[i])) continue;
      if (walk_first_time(w, &st))
        g_ptr_array_add(w->out, g_steal_pointer(&p));
      else
        walk_warn(w, "%s: the same document as one already read (a link) — skipped", p);
    } else { /* a FIFO, a character or block device, a socket */
      walk_warn(w, "%s: not a regular file (a FIFO, device or socket) — skipped", p);
    }
  }
  g_ptr_array_unref(names);
  return ok;
}

GPtrArray *jd_inputs_collect_full(const char *const *paths, size_t n, GPtrArray *warnings,
                                  GError **error)
{
  walk w = {g_hash_table_new_full(file_id_hash, file_id_equal, g_free, NULL),
            g_ptr_array_new_with_free_func(g_free), warnings};
  for (size_t i = 0; i < n; i++) {
    const char *p = paths[i];
    if (strcmp(p, "-") == 0) {
      g_ptr_array_add(w.out, g_strdup(p));
      continue;
    }
    GStatBuf st;
    if (g_stat(p, &st) != 0) {
      g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_NOT_FOUND,
                  "%s: no such file or directory — check the path", p);
      goto fail;
    }
    if (S_ISDIR(st.st_mode)) {
      guint before = w.out->len;
      if (walk_first_time(&w, &st) && !collect_dir(&w, p, 0, error)) goto fail;
      if (w.out->len == before) {
        g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_NO_DOCUMENTS,
                    "%s: no documents (*.txt, *.md, .docx, .doc, .xlsx, .xls, .odt, .ods, .rtf, .pdf, .html or scans) in this "
                    "directory — add some, or name the files directly",
                    p);
        goto fail;
      }
      continue;
    }
    /* a file named on the command line is read as asked (even a FIFO: a
     * pipe is a filter's input), but only once */
    if (S_ISREG(st.st_mode) && !walk_first_time(&w, &st)) continue;
    g_ptr_array_add(w.out, g_strdup(p));
  }
  g_hash_table_destroy(w.seen);
  return w.out;
fail:
  g_hash_table_destroy(w.seen);
  g_ptr_array_unref(w.out);
  return NULL;
}

GPtrArray *jd_inputs_collect(const char *const *paths, size_t n, GError **error)
{
  return jd_inputs_collect_full(paths, n, NULL, error);
}

/* ---- the streaming reader ------------------------------------------------------ */

struct jd_reader {
  char *name, *path;
  jd_load_options options;
  FILE *fp;
  gboolean own_fp;
  gboolean from_memory; /* jd_reader_open_bytes */
  char *mem;
  size_t mem_len, mem_pos;
  gboolean input_done;      /* no more raw bytes */
  char *raw;                /* undecoded bytes */
  size_t raw_len;
  guint64 raw_offset;       /* file offset of raw[0] */
  guint64 raw_lines;        /* line ends in the bytes before raw[0] */
  gboolean started;
  jd_encoding encoding;
  gboolean saw_multibyte;   /* UTF-8 decided on real evidence, not ASCII alone */
  GIConv cd;
  GString *dec;             /* decoded UTF-8 waiting to be cut into lines */
  size_t dec_pos;
  unsigned line;            /* line of dec[dec_pos] */
  gboolean pending_cr;      /* the last line ended in \r: a leading \n belongs to it */
  gboolean continued;
  GString *para, *tmp;
  GPtrArray *warnings;
  unsigned replaced;
  guint64 last_bad; /* offset of the last replaced byte */
  guint64 udc_line; /* the line of the last Big5 user-defined character said */
  size_t count;
  jd_doc *doc;  /* a document that is not plain text (doc-private.h), read whole */
  guint block;  /* the next of its blocks */
  gboolean date_given;
  /* a table of tab-separated lines in plain text, as a document's tables are read */
  jd_table *tab;      /* rows being gathered, or NULL */
  guint tab_rows;
  unsigned tab_line;  /* the line of its first row */
  GArray *tab_lines;  /* the line of each row (unsigned) */
  GString *tab_flat;  /* its one row, as text, when it stays a single line */
  int tab_kind;       /* how its rows are cut into cells (row_kind) */
  GPtrArray *tab_texts; /* its rows as lines, when cut at wide spaces (no grid: lines again) */
  GPtrArray *tab_raw;   /* and as they were read, for their cells' places */
  jd_doc *tab_doc;    /* its blocks, being handed out */
  guint tab_block;
  int tables;         /* tables seen (表1, 表2 …) */
  GString *held;      /* the line after a table, handed out after it */
  unsigned held_line;
  gboolean held_valid;
  /* decide_encoding's utf8_prefix of raw, for decode_raw right after it
   * (the same bytes: nothing is read in between), so that the first chunk
   * is validated once */
  gboolean prefix_known;
  size_t prefix_len;
  gboolean prefix_tail;
};

static void reader_warn(jd_reader *r, guint64 offset, guint64 line)
{
  r->replaced++;
  gboolean same_run = r->replaced > 1 && offset == r->last_bad + 1;
  r->last_bad = offset;
  if (same_run) return; /* one warning per run of bad bytes */
  if (r->warnings->len < MAX_WARNINGS)
    g_ptr_array_add(r->warnings,
                    g_strdup_printf("%s:%" G_GUINT64_FORMAT ": bytes from offset %" G_GUINT64_FORMAT
                                    " are not valid %s; replaced with U+FFFD",
                                    r->path, line, offset, jd_encoding_to_string(r->encoding)));
  else if (r->warnings->len == MAX_WARNINGS)
    g_ptr_array_add(r->warnings, g_strdup_printf("%s: more undecodable bytes replaced; further "
                                                 "warnings suppressed — check the file's encoding",
                                                 r->path));
}

/* A Big5 user-defined character read as U+FFFD: said once per line. */
static void udc_warn(jd_reader *r, guint64 offset)
{
  guint64 line = r->raw_lines + 1;
  if (r->udc_line == line) return;
  r->udc_line = line;
  if (r->warnings->len < MAX_WARNINGS)
    g_ptr_array_add(r->warnings,
                    g_strdup_printf("%s:%" G_GUINT64_FORMAT ": a Big5 user-defined character "
                                    "(bytes 0x%02X%02X at offset %" G_GUINT64_FORMAT
                                    ") has no Unicode character; read as U+FFFD — check the "
                                    "document, or give --encoding if it is not Big5",
                                    r->path, line, (guchar)r->raw[0], (guchar)r->raw[1], offset));
}

static guint64 count_line_ends(const char *s, size_t n)
{
  guint64 k = 0;
  if (!memchr(s, '\r', n)) {
    for (const char *p = s, *end = s + n; (p = memchr(p, '\n', (size_t)(end - p))); p++) k++;
    return k;
  }
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\n') k++;
    else if (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n')) k++;
  }
  return k;
}

/* The buffers of the last reader freed, kept for the next one: a run over
 * many small documents allocated and freed some 200 KB of them per file.
 * One slot, under a lock (readers may be used on several threads); a
 * reader's buffers start empty either way, only their capacity differs. */
typedef struct {
  char *raw;
  GString *dec, *para, *tmp;
} reader_buffers;
static reader_buffers spare_buffers;
G_LOCK_DEFINE_STATIC(spare_buffers);
#define SPARE_MAX (4 * RAW_CHUNK) /* a string grown past this is not kept */

static void take_buffers(jd_reader *r)
{
  G_LOCK(spare_buffers);
  r->raw = spare_buffers.raw;
  r->dec = spare_buffers.dec;
  r->para = spare_buffers.para;
  r->tmp = spare_buffers.tmp;
  memset(&spare_buffers, 0, sizeof spare_buffers);
  G_UNLOCK(spare_buffers);
  if (r->raw) {
    g_string_truncate(r->dec, 0);
    g_string_truncate(r->para, 0);
    g_string_truncate(r->tmp, 0);
    return;
  }
  r->raw = g_malloc(RAW_CHUNK);
  r->dec = g_string_sized_new(2 * RAW_CHUNK);
  r->para = g_string_sized_new(1024);
  r->tmp = g_string_sized_new(1024);
}

static void give_buffers(jd_reader *r)
{
  gboolean keep = r->dec->allocated_len <= SPARE_MAX && r->para->allocated_len <= SPARE_MAX &&
                  r->tmp->allocated_len <= SPARE_MAX;
  if (keep) {
    G_LOCK(spare_buffers);
    if (!spare_buffers.raw) {
      spare_buffers = (reader_buffers){r->raw, r->dec, r->para, r->tmp};
      r->raw = NULL;
    }
    G_UNLOCK(spare_buffers);
    if (!r->raw) return;
  }
  g_free(r->raw);
  g_string_free(r->dec, TRUE);
  g_string_free(r->para, TRUE);
  g_string_free(r->tmp, TRUE);
}

static jd_reader *reader_new(const char *name, const char *path, const jd_load_options *options)
{
  jd_reader *r = g_new0(jd_reader, 1);
  jd_load_options def = JD_LOAD_OPTIONS_INIT;
  r->options = options ? *options : def;
  r->name = g_strdup(name);
  r->path = g_strdup(path);
  take_buffers(r);
  r->warnings = g_ptr_array_new_with_free_func(g_free);
  r->line = 1;
  r->cd = (GIConv)-1;
  r->encoding = r->options.encoding;
  return r;
}

/* A document in another form than plain text (told by its first bytes) is
 * read whole by its reader into blocks (doc-private.h); plain text streams. */
static gboolean open_document(jd_reader *r, GError **error)
{
  char head[4096];
  size_t n = 0;
  if (r->from_memory) {
    n = MIN(sizeof head, r->mem_len);
    if (n) memcpy(head, r->mem, n);
  } else {
    /* a pipe or a device is read as plain text: its bytes cannot be read twice */
    GStatBuf st;
    if (g_stat(r->path, &st) != 0 || !S_ISREG(st.st_mode)) return TRUE;
    n = fread(head, 1, sizeof head, r->fp);
    if (fseek(r->fp, 0, SEEK_SET) != 0) return TRUE;
  }
  jd_form form = jd_doc_sniff(head, n);
  if (form == JD_FORM_TEXT) return TRUE;
  char *data = r->mem;
  size_t len = r->mem_len;
  GError *e = NULL;
  if (!r->from_memory && !g_file_get_contents(r->path, &data, &len, &e)) {
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_READ, "%s: %s — check the file", r->path,
                e->message);
    g_error_free(e);
    return FALSE;
  }
  r->doc = jd_doc_read(form, r->path, data, len, &r->options, error);
  if (data != r->mem) g_free(data);
  if (!r->doc) return FALSE;
  for (guint i = 0; i < r->doc->warnings->len; i++)
    if (r->warnings->len < MAX_WARNINGS)
      g_ptr_array_add(r->warnings,
                      g_strdup_printf("%s: %s", r->path, (char *)r->doc->warnings->pdata[i]));
  r->encoding = JD_ENCODING_UTF8;
  return TRUE;
}

/* The next block of a document read whole, normalized like a line of text. */
static gboolean next_block(jd_reader *r, jd_paragraph *out)
{
  while (r->block < r->doc->blocks->len || (!r->date_given && r->doc->date)) {
    const char *text, *where;
    unsigned line;
    g_autofree char *dateline = NULL;
    if (!r->date_given && r->doc->date) {
      /* the date from outside the text, as the header line the extractor reads */
      r->date_given = TRUE;
      const char *word = jd_doc_words("date")[0];
      dateline = g_strdup_printf("%s:%s", word ? word : "", r->doc->date);
      text = dateline;
      where = "";
      line = 0;
    } else {
      const jd_block *b = r->doc->blocks->pdata[r->block++];
      text = b->text;
      where = b->where;
      line = r->block;
    }
    normalize_into(text, strlen(text), r->options.keep_traditional, r->para, r->tmp);
    GString *p = r->para;
    for (char *c = p->str; *c; c++)
      if (*c == '\n' || *c == '\r') *c = ' ';
    g_strstrip(p->str);
    g_string_set_size(p, strlen(p->str));
    if (p->len == 0) continue;
    out->text = p->str;
    out->len = p->len;
    out->line = line;
    out->continued = FALSE;
    out->where = where;
    r->count++;
    return TRUE;
  }
  return FALSE;
}

jd_reader *jd_reader_open(const char *path, const jd_load_options *options, GError **error)
{
  g_return_val_if_fail(path != NULL, NULL);
  if (strcmp(path, "-") == 0) {
    jd_reader *r = reader_new("stdin", "stdin", options);
    r->fp = stdin;
    return r;
  }
  if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_READ,
                "%s: is a directory — name the documents in it, or pass the directory where a "
                "list of inputs is expected",
                path);
    return NULL;
  }
  FILE *fp = g_fopen(path, "rb");
  if (!fp) {
    int e = errno;
    g_set_error(error, JD_TEXT_ERROR, e == ENOENT ? JD_TEXT_ERROR_NOT_FOUND : JD_TEXT_ERROR_READ,
                "%s: %s — %s", path, g_strerror(e),
                e == ENOENT ? "check the path" : "check the file's permissions");
    return NULL;
  }
  g_autofree char *base = g_path_get_basename(path);
  jd_reader *r = reader_new(base, path, options);
  r->fp = fp;
  r->own_fp = TRUE;
  if (!open_document(r, error)) {
    jd_reader_free(r);
    return NULL;
  }
  return r;
}

jd_reader *jd_reader_open_bytes(const char *name, const char *data, size_t len,
                                const jd_load_options *options, GError **error)
{
  jd_reader *r = reader_new(name ? name : "memory", name ? name : "memory", options);
  r->from_memory = TRUE;
  r->mem = g_memdup2(data ? data : "", len);
  r->mem_len = len;
  if (!open_document(r, error)) {
    jd_reader_free(r);
    return NULL;
  }
  return r;
}

/* Appends more raw bytes; returns how many were read (0 at the end). */
static gboolean read_raw(jd_reader *r, GError **error)
{
  size_t room = RAW_CHUNK - r->raw_len;
  size_t got = 0;
  if (room == 0) return TRUE;
  if (r->from_memory) {
    got = MIN(room, r->mem_len - r->mem_pos);
    if (got) memcpy(r->raw + r->raw_len, r->mem + r->mem_pos, got);
    r->mem_pos += got;
  } else {
    got = fread(r->raw + r->raw_len, 1, room, r->fp);
    if (got < room && ferror(r->fp)) {
      g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_READ,
                  "%s: read error after byte %" G_GUINT64_FORMAT ": %s — check the disk or file",
                  r->path, r->raw_offset + r->raw_len, g_strerror(errno));
      return FALSE;
    }
  }
  if (got == 0) r->input_done = TRUE;
  const guchar *u = (const guchar *)r->raw;
  if (r->raw_offset == 0 && r->raw_len == 0 && got >= 2 &&
      ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_ENCODING,
                "%s:1: UTF-16 text — convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)", r->path);
    return FALSE;
  }
  /* NUL bytes mean a binary file (or UTF-16, which is told apart below) */
  const char *nul = memchr(r->raw + r->raw_len, '\0', got);
  if (nul) {
    size_t off = (size_t)(nul - r->raw);
    guint64 line = r->raw_lines + count_line_ends(r->raw, off) + 1;
    g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_BINARY,
                "%s:%" G_GUINT64_FORMAT ": binary data (a NUL byte at offset %" G_GUINT64_FORMAT
                ") — jindu reads plain-text documents in UTF-8 or GB18030; convert it to text first",
                r->path, line, r->raw_offset + off);
    return FALSE;
  }
  r->raw_len += got;
  return TRUE;
}

static void consume_raw(jd_reader *r, size_t n)
{
  r->raw_lines += count_line_ends(r->raw, n);
  memmove(r->raw, r->raw + n, r->raw_len - n);
  r->raw_len -= n;
  r->raw_offset += n;
}

/* Length of the longest prefix of s that is valid UTF-8 (RFC 3629: no
 * overlongs, surrogates or code points past U+10FFFF). Written out rather than
 * g_utf8_validate_len because it runs over every byte and this one skips
 * ASCII eight bytes at a time. */
static size_t utf8_valid_prefix(const char *str, size_t n)
{
  const guchar *s = (const guchar *)str;
  size_t i = 0;
  while (i < n) {
    /* CJK text is mostly 3-byte characters: take runs of them first */
    while (i + 3 <= n && s[i] >= 0xE1 && s[i] <= 0xEC && (s[i + 1] & 0xC0) == 0x80 &&
           (s[i + 2] & 0xC0) == 0x80)
      i += 3;
    if (i >= n) break;
    if (s[i] < 0x80) {
      while (i + 8 <= n) {
        guint64 w;
        memcpy(&w, s + i, 8);
        if (w & G_GUINT64_CONSTANT(0x8080808080808080)) break;
        i += 8;
      }
      while (i < n && s[i] < 0x80) i++;
      continue;
    }
    guchar b = s[i];
    if (b < 0x80) {
      i++;
    } else if (b >= 0xE1 && b <= 0xEC) {
      if (i + 2 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80) return i;
      i += 3;
    } else if (b >= 0xC2 && b <= 0xDF) {
      if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80) return i;
      i += 2;
    } else if (b == 0xE0 || b == 0xED || b == 0xEE || b == 0xEF) {
      if (i + 2 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80) return i;
      if (b == 0xE0 && s[i + 1] < 0xA0) return i; /* overlong */
      if (b == 0xED && s[i + 1] >= 0xA0) return i; /* surrogate */
      i += 3;
    } else if (b >= 0xF0 && b <= 0xF4) {
      if (i + 3 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 ||
          (s[i + 3] & 0xC0) != 0x80)
        return i;
      if (b == 0xF0 && s[i + 1] < 0x90) return i;
      if (b == 0xF4 && s[i + 1] >= 0x90) return i;
      i += 4;
    } else {
      return i;
    }
  }
  return n;
}

/* Length of the longest prefix that is valid UTF-8, and whether the rest is
 * only an incomplete character at the end. */
static size_t utf8_prefix(const char *s, size_t n, gboolean *incomplete_tail)
{
  *incomplete_tail = FALSE;
  size_t ok = utf8_valid_prefix(s, n);
  if (ok == n) return n;
  size_t rest = n - ok;
  guchar b = (guchar)s[ok];
  size_t need = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xC2 && b <= 0xDF ? 2 : 0;
  if (need && rest < need) {
    gboolean cont = TRUE;
    for (size_t i = 1; i < rest; i++)
      if (((guchar)s[ok + i] & 0xC0) != 0x80) cont = FALSE;
    *incomplete_tail = cont;
  }
  return ok;
}

static gboolean has_high_bytes(const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if ((guchar)s[i] >= 0x80) return TRUE;
  return FALSE;
}

static const char *iconv_name(jd_encoding e)
{
  return e == JD_ENCODING_BIG5 ? "BIG5-HKSCS" : "GB18030";
}

/* Very common Chinese characters, simplified and traditional: text decoded in
 * the right encoding is full of them, text decoded in the wrong one is not. */
static const char common_chars[] =
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下"
    "过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两"
    "体制机当使点从业本去把性好应开合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内"
    "数正心反明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直"
    "题党程展五果员位入常文总次品式活设及管特件长求基资边流路级少图统接知较将组见计别期根论运农指"
    "区强放决被干做必战先回则任取据处队南给光门即保治北造百规领七海口东导志世金增争济思术交受联认"
    "六共权收证改清再采转更单切打教带安场身车例真务具万每目至达积示议声报完类八离华名确才科信节话"
    "整空元况今集传许步群广记需段研界林律究观越织装影算持众书复容须际商非验连断深难近千周委素技备"
    "半办省列习响约般史团历市克何除构府称准精值号率族维划选标写存候亲效院查型按格养易置层始专状育"
    "厂识属包调满县局照参细引听该铁价严禁毒品吸贩案件获缴抓破戒犯罪嫌疑"
    "這個國們時來對會發動過說產種後學經進著電裡現實體機當點從業開還與關兩間樣問題無係軍結變條沒總"
    "設長頭資邊級圖統將組見計別論運農區強決戰則據處隊給門規領導誌爭濟術極聯認權證轉單帶場車務萬達"
    "積議聲報類離華確傳許記觀織裝眾書復際驗連斷難備辦習響約團歷構稱準號維劃選標寫親養層專狀廠識屬"
    "調滿縣參細聽該鐵價嚴販獲繳嫌";

static guint8 common_bitmap[0x10000 / 8];

static gpointer common_init(gpointer unused)
{
  for (const char *p = common_chars; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c < 0x10000) common_bitmap[c >> 3] |= (guint8)(1u << (c & 7));
  }
  return NULL;
}

/* A Big5 user-defined character (UDC) at s: a lead byte in 0x81–0xA0,
 * 0xC6–0xC8 (from 0xC6A1) or 0xFA–0xFE and a valid trail byte. Asked only where
 * iconv's BIG5-HKSCS has stopped, so the UDC codes HKSCS does define are read
 * as HKSCS characters; the rest have no Unicode character and are read as
 * U+FFFD with a warning. */
static gboolean big5_udc_at(const char *s, size_t n)
{
  if (n < 2) return FALSE;
  guint lead = (guchar)s[0], trail = (guchar)s[1];
  if (!((trail >= 0x40 && trail <= 0x7E) || (trail >= 0xA1 && trail <= 0xFE))) return FALSE;
  if (lead >= 0x81 && lead <= 0xA0) return TRUE;
  if (lead == 0xC6) return trail >= 0xA1;
  if (lead == 0xC7 || lead == 0xC8) return TRUE;
  return lead >= 0xFA && lead <= 0xFE;
}

/* Decodes s in encoding e as far as it goes. Returns TRUE when all of it
 * decodes (an incomplete character at the end is fine unless at_end);
 * *valid is the decodable length and *score how many common characters per
 * thousand decoded characters it gives. */
static gboolean legacy_prefix(jd_encoding e, const char *s, size_t n, gboolean at_end,
                              size_t *valid, int *score)
{
  static GOnce once = G_ONCE_INIT;
  g_once(&once, common_init, NULL);
  *valid = 0;
  *score = 0;
  GIConv cd = g_iconv_open("UTF-8", iconv_name(e));
  if (cd == (GIConv)-1) return FALSE;
  char buf[4096];
  char *in = (char *)s;
  gsize inleft = n;
  gboolean ok = TRUE;
  guint64 chars = 0, common = 0;
  while (inleft > 0) {
    char *out = buf;
    gsize outleft = sizeof buf;
    gsize rc = g_iconv(cd, &in, &inleft, &out, &outleft);
    int err = errno;
    for (const char *p = buf; p < out; p = g_utf8_next_char(p)) {
      gunichar c = g_utf8_get_char(p);
      if (c < 0x80) continue;
      chars++;
      if (c < 0x10000 && (common_bitmap[c >> 3] >> (c & 7)) & 1) common++;
    }
    if (rc == (gsize)-1) {
      if (err == E2BIG) continue;
      if (err == EINVAL && !at_end) break;
      if (err == EILSEQ && e == JD_ENCODING_BIG5 && big5_udc_at(in, inleft)) {
        chars++; /* a user-defined character: Big5 still, read as U+FFFD */
        in += 2;
        inleft -= 2;
        continue;
      }
      ok = FALSE;
      break;
    }
  }
  g_iconv_close(cd);
  *valid = n - inleft;
  *score = chars ? (int)(common * 1000 / chars) : 0;
  return ok;
}

/* GB18030 or Big5 for bytes that are not UTF-8: the one that decodes, and
 * when both do, the one that gives common Chinese characters. Returns AUTO
 * when neither decodes; *valid is then the longer decodable prefix. */
static jd_encoding choose_legacy(const char *s, size_t n, gboolean at_end, size_t *valid)
{
  size_t gv, bv;
  int gs, bs;
  gboolean g = legacy_prefix(JD_ENCODING_GB18030, s, n, at_end, &gv, &gs);
  gboolean b = legacy_prefix(JD_ENCODING_BIG5, s, n, at_end, &bv, &bs);
  *valid = MAX(gv, bv);
  if (g && b) return bs > gs ? JD_ENCODING_BIG5 : JD_ENCODING_GB18030;
  if (g) return JD_ENCODING_GB18030;
  if (b) return JD_ENCODING_BIG5;
  return JD_ENCODING_AUTO;
}

static void encoding_error(jd_reader *r, guint64 offset, const char *what, GError **error)
{
  guint64 line = r->raw_lines + count_line_ends(r->raw, (size_t)(offset - r->raw_offset)) + 1;
  g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_ENCODING,
              "%s:%" G_GUINT64_FORMAT ": %s at byte %" G_GUINT64_FORMAT
              " — convert the file to UTF-8, force an encoding with --encoding, or pass "
              "--lenient to replace such bytes",
              r->path, line, what, offset);
}

static gboolean decide_encoding(jd_reader *r, GError **error)
{
  r->started = TRUE;
  if (r->raw_len >= 3 && memcmp(r->raw, "\xEF\xBB\xBF", 3) == 0) {
    consume_raw(r, 3);
    if (r->encoding == JD_ENCODING_AUTO) {
      r->encoding = JD_ENCODING_UTF8;
      r->saw_multibyte = TRUE;
    }
  }
  if (r->encoding != JD_ENCODING_AUTO) return TRUE;
  gboolean tail;
  size_t u = utf8_prefix(r->raw, r->raw_len, &tail);
  if (u == r->raw_len || (tail && !r->input_done)) {
    r->encoding = JD_ENCODING_UTF8;
    r->saw_multibyte = has_high_bytes(r->raw, u);
    r->prefix_known = TRUE;
    r->prefix_len = u;
    r->prefix_tail = tail;
    return TRUE;
  }
  size_t g;
  jd_encoding legacy = choose_legacy(r->raw, r->raw_len, r->input_done, &g);
  if (legacy != JD_ENCODING_AUTO) {
    r->encoding = legacy;
    return TRUE;
  }
  /* none: report where the likelier one fails, or go on replacing */
  if (!r->options.lenient) {
    encoding_error(r, r->raw_offset + MAX(u, g),
                   "bytes that are neither UTF-8 nor GB18030 nor Big5", error);
    return FALSE;
  }
  r->encoding = g > u ? JD_ENCODING_GB18030 : JD_ENCODING_UTF8;
  r->saw_multibyte = TRUE;
  return TRUE;
}

/* Decodes what is in raw into dec. */
static gboolean decode_raw(jd_reader *r, GError **error)
{
  while (r->raw_len > 0) {
    if (r->encoding == JD_ENCODING_UTF8 || r->encoding == JD_ENCODING_AUTO) {
      gboolean tail;
      size_t u;
      if (r->prefix_known) { /* decide_encoding read these bytes just now */
        u = r->prefix_len;
        tail = r->prefix_tail;
      } else {
        u = utf8_prefix(r->raw, r->raw_len, &tail);
      }
      /* (after decide_encoding, saw_multibyte is has_high_bytes of the same prefix) */
      if (!r->prefix_known && !r->saw_multibyte && has_high_bytes(r->raw, u)) r->saw_multibyte = TRUE;
      r->prefix_known = FALSE;
      g_string_append_len(r->dec, r->raw, (gssize)u);
      consume_raw(r, u);
      if (r->raw_len == 0) return TRUE;
      if (tail && !r->input_done) return TRUE;
      guint64 off = r->raw_offset;
      if (r->options.encoding == JD_ENCODING_AUTO && !r->saw_multibyte) {
        /* only ASCII so far: the file is GB18030 or Big5 after all */
        size_t g;
        jd_encoding legacy = choose_legacy(r->raw, r->raw_len, r->input_done, &g);
        r->encoding = legacy != JD_ENCODING_AUTO ? legacy : JD_ENCODING_GB18030;
        continue;
      }
      if (!r->options.lenient) {
        encoding_error(r, off,
                       r->options.encoding == JD_ENCODING_AUTO
                           ? "not valid UTF-8 (the file looked like UTF-8 until here)"
                           : "not valid UTF-8",
                       error);
        return FALSE;
      }
      reader_warn(r, off, r->raw_lines + 1);
      g_string_append(r->dec, "\xEF\xBF\xBD");
      consume_raw(r, 1);
      continue;
    }
    /* GB18030 or Big5 through iconv */
    if (r->cd == (GIConv)-1) {
      r->cd = g_iconv_open("UTF-8", iconv_name(r->encoding));
      if (r->cd == (GIConv)-1) {
        g_set_error(error, JD_TEXT_ERROR, JD_TEXT_ERROR_ENCODING,
                    "%s: this system cannot convert %s (iconv) — convert the file to UTF-8",
                    r->path, jd_encoding_to_string(r->encoding));
        return FALSE;
      }
    }
    gsize old = r->dec->len;
    gsize room = r->raw_len * 2 + 16;
    g_string_set_size(r->dec, old + room);
    char *in = r->raw, *out = r->dec->str + old;
    gsize inleft = r->raw_len, outleft = room;
    gsize rc = g_iconv(r->cd, &in, &inleft, &out, &outleft);
    int e = errno;
    g_string_truncate(r->dec, old + (room - outleft));
    consume_raw(r, r->raw_len - inleft);
    if (rc != (gsize)-1 || r->raw_len == 0) continue;
    if (e == E2BIG) continue;
    if (e == EINVAL && !r->input_done) return TRUE;
    guint64 off = r->raw_offset;
    if (r->encoding == JD_ENCODING_BIG5 && big5_udc_at(r->raw, r->raw_len)) {
      udc_warn(r, off);
      g_string_append(r->dec, "\xEF\xBF\xBD");
      consume_raw(r, 2);
      continue;
    }
    if (!r->options.lenient) {
      encoding_error(r, off,
                     r->encoding == JD_ENCODING_BIG5 ? "not valid Big5" : "not valid GB18030",
                     error);
      return FALSE;
    }
    reader_warn(r, off, r->raw_lines + 1);
    g_string_append(r->dec, "\xEF\xBF\xBD");
    consume_raw(r, 1);
  }
  return TRUE;
}

/* Makes sure dec holds a complete line (or MAX_LINE bytes, or the rest). */
static gboolean fill(jd_reader *r, GError **error)
{
  for (;;) {
    size_t avail = r->dec->len - r->dec_pos;
    const char *s = r->dec->str + r->dec_pos;
    if (avail > MAX_LINE || memchr(s, '\n', avail) || memchr(s, '\r', avail)) return TRUE;
    if (r->input_done && r->raw_len == 0) return TRUE;
    if (r->dec_pos > 0) {
      g_string_erase(r->dec, 0, (gssize)r->dec_pos);
      r->dec_pos = 0;
    }
    if (!r->input_done && !read_raw(r, error)) return FALSE;
    if (!r->started && (r->raw_len >= RAW_CHUNK || r->input_done))
      if (!decide_encoding(r, error)) return FALSE;
    if (r->started || r->input_done) {
      if (!decode_raw(r, error)) return FALSE;
      if (r->input_done && r->raw_len > 0) {
        /* an incomplete character at the very end */
        if (!r->options.lenient) {
          encoding_error(r, r->raw_offset, "the file ends inside a character", error);
          return FALSE;
        }
        reader_warn(r, r->raw_offset, r->raw_lines + 1);
        g_string_append(r->dec, "\xEF\xBF\xBD");
        consume_raw(r, r->raw_len);
      }
    }
  }
}

/* Where to cut a line longer than MAX_LINE: after the last sentence end in
 * its second half, else at a character boundary. */
static size_t cut_point(const char *s, size_t n)
{
  static const char *const ends[] = {"\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F",
                                     "\xEF\xBC\x9B"}; /* 。！？； */
  for (size_t i = n; i > n / 2; i--) {
    if (s[i - 1] == '!' || s[i - 1] == '?' || s[i - 1] == ';') return i;
    if (i >= 3)
      for (size_t k = 0; k < G_N_ELEMENTS(ends); k++)
        if (memcmp(s + i - 3, ends[k], 3) == 0) return i;
  }
  size_t i = n;
  while (i > 0 && ((guchar)s[i] & 0xC0) == 0x80) i--;
  return i ? i : n;
}

/* ---- tables in plain text -------------------------------------------------------------- */

/* How a line is cut into the cells of a table row: at tabs; at the bars of a
 * Markdown table (| 指标 | 2022年 |); at wide spaces, as a PDF's text keeps a
 * table's columns (指标     2022年     2023年) — a table only when its rows turn
 * out to be a grid of figures (jd_table_is_grid), else lines again. */
typedef enum { ROW_NONE, ROW_TAB, ROW_BAR, ROW_WIDE } row_kind;

#define MAX_ROW_CELLS 128

static size_t skip_blank(const char *s, size_t len, size_t i)
{
  for (;;) {
    if (i < len && s[i] == ' ') i++;
    else if (i + 3 <= len && !memcmp(s + i, "\xE3\x80\x80", 3)) i += 3; /* 　 */
    else return i;
  }
}

/* The cells of the line s[0, len) cut as kind says: their bounds in cut[]
 * (start, end pairs); returns their count (a Markdown rule |---|:-:| has none). */
static guint row_cells(const char *s, size_t len, row_kind kind, size_t *cut)
{
  guint n = 0;
  if (kind == ROW_TAB) {
    for (size_t a = 0; a <= len && n < MAX_ROW_CELLS;) {
      const char *tab = memchr(s + a, '\t', len - a);
      size_t b = tab ? (size_t)(tab - s) : len;
      cut[2 * n] = a, cut[2 * n + 1] = b, n++;
      a = b + 1;
    }
    return n;
  }
  size_t a = skip_blank(s, len, 0), end = len;
  while (end > a && (s[end - 1] == ' ' || s[end - 1] == '\r')) end--;
  if (kind == ROW_BAR) {
    gboolean rule = TRUE;
    for (size_t i = a; i < end; i++) rule = rule && strchr("|-: ", s[i]) != NULL;
    if (rule) return 0;
    a++; /* the opening bar */
    if (end > a && s[end - 1] == '|') end--;
    while (a <= end && n < MAX_ROW_CELLS) {
      const char *bar = memchr(s + a, '|', end - a);
      size_t b = bar ? (size_t)(bar - s) : end;
      cut[2 * n] = a, cut[2 * n + 1] = b, n++;
      a = b + 1;
    }
    return n;
  }
  /* wide spaces: two spaces or more, or an ideographic space */
  size_t start = a;
  for (size_t i = a; i < end && n < MAX_ROW_CELLS;) {
    size_t j = skip_blank(s, end, i);
    if (j > i && (j - i >= 2 || s[i] != ' ')) {
      cut[2 * n] = start, cut[2 * n + 1] = i, n++;
      start = j;
    }
    i = j > i ? j : i + 1;
  }
  if (start < end && n < MAX_ROW_CELLS) cut[2 * n] = start, cut[2 * n + 1] = end, n++;
  return n;
}

/* Whether a cell cut at wide spaces can be a table's: short, and no
 * sentence's punctuation in it (，。；: prose with wide spaces is no table). */
static gboolean wide_cell(const char *s, size_t a, size_t b)
{
  if (b - a > 60 || memchr(s + a, ':', b - a)) return FALSE;
  static const char *const marks[] = {"，", "。", "；", "！", "？", "、", "："};
  for (size_t k = 0; k < G_N_ELEMENTS(marks); k++)
    if (jd_mem_find(s + a, b - a, marks[k], 3)) return FALSE;
  return TRUE;
}

/* How the line s[0, len) is a row of a table: cells separated by tabs, two
 * of them with text; a line that opens with a bar and has two cells; two
 * cells or more at wide spaces, each short and without a sentence's
 * punctuation. ROW_NONE otherwise. */
static row_kind table_row_kind(const char *s, size_t len, size_t *cut, guint *ncells)
{
  if (memchr(s, '\t', len)) {
    int cells = 0;
    gboolean text = FALSE;
    for (size_t i = 0; i <= len; i++) {
      if (i == len || s[i] == '\t') {
        cells += text;
        text = FALSE;
      } else if (s[i] != ' ') {
        text = TRUE;
      }
    }
    return cells >= 2 ? ROW_TAB : ROW_NONE;
  }
  size_t a = skip_blank(s, len, 0);
  if (a < len && s[a] == '|') {
    *ncells = row_cells(s, len, ROW_BAR, cut);
    return *ncells >= 2 || *ncells == 0 ? ROW_BAR : ROW_NONE;
  }
  /* a wide space inside the line (not its indent) */
  size_t rest = len - a;
  if (!jd_mem_find(s + a, rest, "  ", 2) && !jd_mem_find(s + a, rest, "\xE3\x80\x80", 3))
    return ROW_NONE;
  *ncells = row_cells(s, len, ROW_WIDE, cut);
  if (*ncells < 2) return ROW_NONE;
  for (guint i = 0; i < *ncells; i++)
    if (!wide_cell(s, cut[2 * i], cut[2 * i + 1])) return ROW_NONE;
  return ROW_WIDE;
}

/* Adds the line s[0, len) as a row of the table being gathered (its cells
 * cut[], n of them); its cells normalized as a line is. */
static void table_row(jd_reader *r, const char *s, size_t len, unsigned line, row_kind kind,
                      const size_t *cut, guint n)
{
  if (!r->tab) {
    r->tab = jd_table_new();
    r->tab_rows = 0;
    r->tab_line = line;
    r->tab_kind = kind;
    if (!r->tab_lines) r->tab_lines = g_array_new(FALSE, FALSE, sizeof(unsigned));
    g_array_set_size(r->tab_lines, 0);
    if (!r->tab_flat) r->tab_flat = g_string_new(NULL);
    g_string_truncate(r->tab_flat, 0);
    if (!r->tab_texts) r->tab_texts = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_set_size(r->tab_texts, 0);
    if (!r->tab_raw) r->tab_raw = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_set_size(r->tab_raw, 0);
  }
  if (kind == ROW_WIDE) { /* cut by the places of its cells at the table's end */
    normalize_into(s, len, r->options.keep_traditional, r->para, r->tmp);
    g_ptr_array_add(r->tab_texts, g_strdup(g_strstrip(r->para->str)));
    g_ptr_array_add(r->tab_raw, g_strndup(s, len));
    g_array_append_val(r->tab_lines, line);
    r->tab_rows++;
    return;
  }
  if (n == 0) return; /* a Markdown rule under the header */
  jd_table_row(r->tab);
  r->tab_rows++;
  g_array_append_val(r->tab_lines, line);
  for (guint i = 0; i < n; i++) {
    normalize_into(s + cut[2 * i], cut[2 * i + 1] - cut[2 * i], r->options.keep_traditional, r->para,
                   r->tmp);
    g_strstrip(r->para->str);
    jd_table_cell(r->tab, r->para->str, 1, 1, FALSE);
    if (r->tab_rows == 1) {
      if (r->tab_flat->len && *r->para->str) g_string_append_c(r->tab_flat, ' ');
      g_string_append(r->tab_flat, r->para->str);
    }
  }
}

/* The display column of s[at]: Chinese characters and ideographic spaces
 * two columns wide, as a PDF's text keeps a table's columns. */
static double display_col(const char *s, size_t at, gboolean wide)
{
  double col = 0;
  for (const char *p = s; p < s + at; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char_validated(p, (gssize)(s + at - p));
    if (c == (gunichar)-1 || c == (gunichar)-2) c = '?';
    col += wide && c >= 0x80 && (g_unichar_iswide(c) || c == 0x3000) ? 2 : 1;
  }
  return col;
}

/* The table the wide-space rows make with Chinese characters one column wide
 * (as pdftotext -layout keeps a PDF's columns) or two (wide, as an editor
 * shows them); NULL when no grid. *top: its first row's line index. */
static jd_table *wide_table(jd_reader *r, gboolean wide, GArray *tops, double *top)
{
  GArray *segs = g_array_new(FALSE, FALSE, sizeof(jd_seg));
  size_t cut[2 * MAX_ROW_CELLS];
  for (guint k = 0; k < r->tab_raw->len; k++) {
    const char *raw = r->tab_raw->pdata[k];
    guint n = row_cells(raw, strlen(raw), ROW_WIDE, cut);
    for (guint i = 0; i < n; i++) {
      size_t a = cut[2 * i], b = cut[2 * i + 1];
      /* 抓获犯罪嫌疑人(名) 1,500: one space before a number after a word, where
       * the name nearly fills its column */
      for (size_t q = a + 1; q + 1 < b; q++) {
        if (raw[q] != ' ' || !(g_ascii_isdigit(raw[q + 1]) || raw[q + 1] == '-')) continue;
        if (!((guchar)raw[q - 1] >= 0x80 || raw[q - 1] == ')')) continue;
        jd_seg g = {raw + a, q - a, display_col(raw, a, wide), display_col(raw, q, wide), k, k + 0.8};
        g_array_append_val(segs, g);
        a = q + 1;
      }
      jd_seg g = {raw + a, b - a, display_col(raw, a, wide), display_col(raw, b, wide), k, k + 0.8};
      g_array_append_val(segs, g);
    }
  }
  g_array_set_size(tops, 0);
  jd_table *t = r->tab_rows >= 2 ? jd_table_from_segments(segs, tops, top) : NULL;
  g_array_unref(segs);
  return t;
}

/* Ends a table of lines cut at wide spaces: its cells placed by their columns
 * and lines (a header on two lines, rows a blank line apart) make a table
 * when they are a grid of figures, each statement at the line of its row;
 * else the lines are lines again. */
static void wide_table_end(jd_reader *r)
{
  GArray *tops = g_array_new(FALSE, FALSE, sizeof(double));
  double top = 0;
  jd_table *t = wide_table(r, FALSE, tops, &top);
  if (!t) t = wide_table(r, TRUE, tops, &top);
  guint caption = t ? MIN((guint)top, r->tab_texts->len) : r->tab_texts->len;
  for (guint i = 0; i < caption; i++) { /* lines that are none of the table's: lines again */
    size_t before = r->tab_doc->blocks->len;
    jd_doc_add(r->tab_doc, r->tab_texts->pdata[i], "%s", "");
    if (r->tab_doc->blocks->len > before)
      ((jd_block *)r->tab_doc->blocks->pdata[before])->line = g_array_index(r->tab_lines, unsigned, i);
  }
  if (t) {
    guint b0 = r->tab_doc->blocks->len;
    jd_table_finish(t, r->tab_doc);
    jd_table_free(t);
    for (guint b = b0; b < r->tab_doc->blocks->len; b++) {
      jd_block *blk = r->tab_doc->blocks->pdata[b];
      const char *w = blk->where; /* 表2 第4行: the table's row 4 */
      while (*w && !g_ascii_isdigit(*w)) w++;
      while (g_ascii_isdigit(*w)) w++;
      while (*w && !g_ascii_isdigit(*w)) w++;
      guint row = (guint)strtoul(w, NULL, 10);
      guint k = row >= 1 && row <= tops->len ? (guint)g_array_index(tops, double, row - 1) : 0;
      blk->line = g_array_index(r->tab_lines, unsigned, MIN(k, r->tab_lines->len - 1));
    }
  }
  g_array_unref(tops);
}

/* Ends the table being gathered: its blocks are handed out next (a single row
 * stays a line). */
static void table_end(jd_reader *r)
{
  if (!r->tab) return;
  r->tab_doc = jd_doc_new("text");
  r->tab_doc->tables = r->tables;
  if (r->tab_kind == ROW_WIDE) {
    wide_table_end(r);
  } else if (r->tab_rows >= 2) {
    jd_table_finish(r->tab, r->tab_doc);
  } else {
    jd_doc_add(r->tab_doc, r->tab_flat->str, "%s", "");
  }
  r->tables = r->tab_doc->tables;
  r->tab_block = 0;
  jd_table_free(r->tab);
  r->tab = NULL;
}

/* The next block of a table ended, normalized as a line is; FALSE when none. */
static gboolean next_table_block(jd_reader *r, jd_paragraph *out)
{
  while (r->tab_doc && r->tab_block < r->tab_doc->blocks->len) {
    const jd_block *b = r->tab_doc->blocks->pdata[r->tab_block++];
    normalize_into(b->text, strlen(b->text), r->options.keep_traditional, r->para, r->tmp);
    g_strstrip(r->para->str);
    g_string_set_size(r->para, strlen(r->para->str));
    if (r->para->len == 0) continue;
    out->text = r->para->str;
    out->len = r->para->len;
    /* 表1 第4行 第3列: the line of its row (the where's second number) */
    const char *w = b->where;
    while (*w && !g_ascii_isdigit(*w)) w++;
    while (g_ascii_isdigit(*w)) w++;
    while (*w && !g_ascii_isdigit(*w)) w++;
    unsigned row = (unsigned)strtoul(w, NULL, 10);
    out->line = b->line                                   ? b->line
                : row > 0 && row <= r->tab_lines->len ? g_array_index(r->tab_lines, unsigned, row - 1)
                                                      : r->tab_line;
    out->continued = FALSE;
    out->where = *b->where ? b->where : NULL;
    r->count++;
    return TRUE;
  }
  if (r->tab_doc) {
    jd_doc_free(r->tab_doc);
    r->tab_doc = NULL;
  }
  if (!r->held_valid) return FALSE;
  r->held_valid = FALSE;
  g_string_assign(r->para, r->held->str);
  out->text = r->para->str;
  out->len = r->para->len;
  out->line = r->held_line;
  out->continued = FALSE;
  r->count++;
  return TRUE;
}

gboolean jd_reader_next(jd_reader *r, jd_paragraph *out, GError **error)
{
  g_return_val_if_fail(r != NULL && out != NULL, FALSE);
  out->where = NULL;
  if (r->doc) return next_block(r, out);
  for (;;) {
    if (next_table_block(r, out)) return TRUE;
    if (!fill(r, error)) return FALSE;
    size_t avail = r->dec->len - r->dec_pos;
    const char *s = r->dec->str + r->dec_pos;
    if (avail == 0) {
      if (!r->tab) return FALSE;
      table_end(r);
      continue;
    }
    if (r->pending_cr) {
      r->pending_cr = FALSE;
      if (s[0] == '\n') {
        r->dec_pos++;
        continue;
      }
    }
    size_t scan = MIN(avail, (size_t)MAX_LINE + 1);
    const char *nl = memchr(s, '\n', scan);
    const char *cr = memchr(s, '\r', nl ? (size_t)(nl - s) : scan);
    const char *eol = cr ? cr : nl;
    size_t linelen, consumed;
    gboolean cut = FALSE;
    if (eol && (size_t)(eol - s) <= MAX_LINE) {
      linelen = (size_t)(eol - s);
      consumed = linelen + 1;
      if (eol == cr) {
        if (linelen + 1 < avail && s[linelen + 1] == '\n') consumed++;
        else if (linelen + 1 == avail) r->pending_cr = TRUE;
      }
    } else if (avail > MAX_LINE) {
      linelen = consumed = cut_point(s, MAX_LINE);
      cut = TRUE;
    } else {
      linelen = consumed = avail; /* last line without a line end */
    }
    unsigned line = r->line;
    gboolean continued = r->continued;
    size_t cells[2 * MAX_ROW_CELLS];
    guint ncells = 0;
    row_kind kind = cut || continued ? ROW_NONE : table_row_kind(s, linelen, cells, &ncells);
    if (kind != ROW_NONE && r->tab && (int)kind != r->tab_kind) {
      table_end(r); /* another table starts here: this one's blocks first */
      continue;
    }
    if (kind != ROW_NONE) {
      if (kind == ROW_TAB) ncells = row_cells(s, linelen, ROW_TAB, cells);
      table_row(r, s, linelen, line, kind, cells, ncells);
      r->dec_pos += consumed;
      r->line++;
      continue;
    }
    normalize_into(s, linelen, r->options.keep_traditional, r->para, r->tmp);
    r->dec_pos += consumed;
    if (cut) {
      r->continued = TRUE;
    } else {
      r->continued = FALSE;
      r->line++;
    }
    /* trim; skip empty paragraphs */
    GString *p = r->para;
    while (p->len && p->str[p->len - 1] == ' ') g_string_truncate(p, p->len - 1);
    if (p->len == 0) continue;
    if (r->tab) { /* the line after a table: the table's blocks first */
      if (!r->held) r->held = g_string_new(NULL);
      g_string_assign(r->held, p->str);
      r->held_line = line;
      r->held_valid = TRUE;
      table_end(r);
      continue;
    }
    out->text = p->str;
    out->len = p->len;
    out->line = line;
    out->continued = continued;
    r->count++;
    return TRUE;
  }
}

const char *jd_reader_get_name(const jd_reader *r)
{
  return r->name;
}

const char *jd_reader_get_path(const jd_reader *r)
{
  return r->path;
}

jd_encoding jd_reader_get_encoding(const jd_reader *r)
{
  return r->encoding == JD_ENCODING_AUTO ? JD_ENCODING_UTF8 : r->encoding;
}

const GPtrArray *jd_reader_get_warnings(const jd_reader *r)
{
  return r->warnings;
}

const char *jd_reader_get_format(const jd_reader *r)
{
  return r->doc ? r->doc->format : "text";
}

const char *jd_reader_get_date(const jd_reader *r)
{
  return r->doc ? r->doc->date : NULL;
}

size_t jd_reader_get_paragraph_count(const jd_reader *r)
{
  return r->count;
}

void jd_reader_free(jd_reader *r)
{
  if (!r) return;
  jd_doc_free(r->doc);
  jd_doc_free(r->tab_doc);
  if (r->tab) jd_table_free(r->tab);
  if (r->tab_flat) g_string_free(r->tab_flat, TRUE);
  if (r->tab_texts) g_ptr_array_unref(r->tab_texts);
  if (r->tab_raw) g_ptr_array_unref(r->tab_raw);
  if (r->tab_lines) g_array_unref(r->tab_lines);
  if (r->held) g_string_free(r->held, TRUE);
  if (r->own_fp && r->fp) fclose(r->fp);
  if (r->cd != (GIConv)-1) g_iconv_close(r->cd);
  g_free(r->mem);
  give_buffers(r);
  g_ptr_array_unref(r->warnings);
  g_free(r->name);
  g_free(r->path);
  g_free(r);
}

const char *jd_encoding_to_string(jd_encoding e)
{
  switch (e) {
  case JD_ENCODING_UTF8:
    return "UTF-8";
  case JD_ENCODING_GB18030:
    return "GB18030";
  case JD_ENCODING_BIG5:
    return "Big5";
  default:
    return "auto";
  }
}

gboolean jd_encoding_from_string(const char *s, jd_encoding *out)
{
  if (!s) return FALSE;
  if (g_ascii_strcasecmp(s, "auto") == 0) *out = JD_ENCODING_AUTO;
  else if (g_ascii_strcasecmp(s, "utf8") == 0 || g_ascii_strcasecmp(s, "utf-8") == 0)
    *out = JD_ENCODING_UTF8;
  else if (g_ascii_strcasecmp(s, "gb18030") == 0 || g_ascii_strcasecmp(s, "gbk") == 0 ||
           g_ascii_strcasecmp(s, "gb2312") == 0)
    *out = JD_ENCODING_GB18030;
  else if (g_ascii_strcasecmp(s, "big5") == 0 || g_ascii_strcasecmp(s, "big5-hkscs") == 0)
    *out = JD_ENCODING_BIG5;
  else return FALSE;
  return TRUE;
}

/* ---- clauses and sentences ------------------------------------------------------ */

/* Length of a break character at s[i] (0 when none); *sentence when it ends a
 * sentence. ASCII , : . between digits are not breaks (13:55, 3,5). */
static size_t break_at(const char *s, size_t n, size_t i, gboolean clauses, gboolean *sentence)
{
  guchar b = (guchar)s[i];
  *sentence = FALSE;
  if (b < 0x80) {
    switch (b) {
    case '!':
    case '?':
    case ';':
      *sentence = TRUE;
      return 1;
    case '\n':
      *sentence = TRUE;
      return 1;
    case ',':
    case ':':
      if (!clauses) return 0;
      if (i > 0 && i + 1 < n && g_ascii_isdigit(s[i - 1]) && g_ascii_isdigit(s[i + 1])) return 0;
      return 1;
    default:
      return 0;
    }
  }
  if (i + 3 > n || (b != 0xE3 && b != 0xEF)) return 0;
  const char *c = s + i;
  if (memcmp(c, "\xE3\x80\x82", 3) == 0 || memcmp(c, "\xEF\xBC\x81", 3) == 0 ||
      memcmp(c, "\xEF\xBC\x9F", 3) == 0 || memcmp(c, "\xEF\xBC\x9B", 3) == 0) {
    *sentence = TRUE; /* 。！？； */
    return 3;
  }
  if (clauses && (memcmp(c, "\xEF\xBC\x8C", 3) == 0 || memcmp(c, "\xEF\xBC\x9A", 3) == 0))
    return 3; /* ，： */
  return 0;
}

static gboolean is_closing(const char *s, size_t n, size_t i, size_t *len)
{
  static const char *const closers[] = {"\xE2\x80\x9D", "\xE2\x80\x99", "\xE3\x80\x8D",
                                        "\xE3\x80\x8F", "\xEF\xBC\x89", "\xE3\x80\x8B"};
  /* ” ’ 」 』 ） 》 */
  if (s[i] == ')' || s[i] == '"') {
    *len = 1;
    return TRUE;
  }
  for (size_t k = 0; k < G_N_ELEMENTS(closers); k++) {
    if (i + 3 <= n && memcmp(s + i, closers[k], 3) == 0) {
      *len = 3;
      return TRUE;
    }
  }
  return FALSE;
}

/* Bytes that may start a break (see break_at): ! ? ; \n , : and the lead
 * bytes of 。！？；，： */
static const guint8 break_lead[256] = {['!'] = 1, ['?'] = 1, [';'] = 1,   ['\n'] = 1,
                                       [','] = 1, [':'] = 1, [0xE3] = 1, [0xEF] = 1};

static size_t split(const char *text, size_t len, GArray *out, gboolean clauses)
{
  size_t count = 0, start = 0, i = 0;
  while (i <= len) {
    /* fast path: skip bytes that cannot start a break (anything but ! ? ; \n , :
     * and the lead bytes E3/EF of 。！？；，：) */
    while (i < len && !break_lead[(guchar)text[i]]) i++;
    gboolean sentence = TRUE;
    size_t bl = i < len ? break_at(text, len, i, clauses, &sentence) : 0;
    if (i < len && bl == 0) {
      i++;
      continue;
    }
    size_t end = i;
    size_t next = i + bl;
    /* a closing quote after the break belongs to this piece's punctuation */
    size_t cl;
    while (next < len && is_closing(text, len, next, &cl)) next += cl;
    size_t a = start, b = end;
    while (a < b && (text[a] == ' ' || text[a] == '\t')) a++;
    while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t')) b--;
    if (b > a) {
      jd_span sp = {a, b, sentence || i >= len};
      g_array_append_val(out, sp);
      count++;
    }
    if (i >= len) break;
    start = next;
    i = next;
  }
  return count;
}

size_t jd_text_split_clauses(const char *text, size_t len, GArray *out)
{
  return split(text, len, out, TRUE);
}

size_t jd_text_split_sentences(const char *text, size_t len, GArray *out)
{
  return split(text, len, out, FALSE);
}
