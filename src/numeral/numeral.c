/* Numerals as Chinese documents write them (see include/jindu/numeral.h).
 *
 * A hand-written byte scanner: there is no Debian library for Chinese
 * numerals, and the loader plus this scan must run at hundreds of MB/s, so the
 * scan decodes UTF-8 inline and only looks closer at digits and numeral
 * characters. Values are kept as an exact decimal (integer mantissa and a
 * power of ten) and turned into a double once, so 百分之一点五七 is exactly the
 * double nearest to 1.57. */
#include "jindu/numeral.h"
#include "util/utf8.h"

#include <string.h>

/* ---- exact decimals ---------------------------------------------------- */

typedef struct {
  guint64 m;     /* value = m / 10^s */
  int s;
  gboolean ovf;  /* m overflowed 64 bits; approx holds the value */
  double approx;
} dec;

#define EXACT_LIMIT 9007199254740992.0 /* 2^53 */

static const double dpow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static double pow10_d(int k)
{
  double r = 1.0;
  if (k >= 0 && k < (int)G_N_ELEMENTS(dpow10)) return dpow10[k];
  for (int i = 0; i < k; i++) r *= 10.0;
  return r;
}

static dec dec_int(guint64 v)
{
  dec d = {v, 0, FALSE, (double)v};
  return d;
}

/* m = m * 10 + v, leaving the scale alone (approx is fixed up by the caller) */
static void dec_push_digit(dec *d, int v)
{
  guint64 r;
  if (d->ovf) return;
  if (!g_uint64_checked_mul(&r, d->m, 10) || !g_uint64_checked_add(&r, r, (guint64)v)) d->ovf = TRUE;
  else d->m = r;
}

static void dec_mul_u(dec *d, guint64 v)
{
  guint64 r;
  d->approx *= (double)v;
  if (d->ovf) return;
  if (!g_uint64_checked_mul(&r, d->m, v)) d->ovf = TRUE;
  else d->m = r;
}

/* Multiplies by 10^k, k >= 0, using up the fraction digits first. */
static void dec_shift(dec *d, int k)
{
  d->approx *= pow10_d(k);
  if (d->ovf) return;
  while (k > 0 && d->s > 0) {
    d->s--;
    k--;
  }
  while (k-- > 0) {
    guint64 r;
    if (!g_uint64_checked_mul(&r, d->m, 10)) {
      d->ovf = TRUE;
      return;
    }
    d->m = r;
  }
}

static void dec_rescale(dec *d, int s)
{
  while (d->s < s && !d->ovf) {
    guint64 r;
    if (!g_uint64_checked_mul(&r, d->m, 10)) d->ovf = TRUE;
    else {
      d->m = r;
      d->s++;
    }
  }
}

static void dec_add(dec *a, const dec *b)
{
  dec bb = *b;
  a->approx += b->approx;
  if (a->ovf || b->ovf) {
    a->ovf = TRUE;
    return;
  }
  int s = MAX(a->s, bb.s);
  dec_rescale(a, s);
  dec_rescale(&bb, s);
  if (a->ovf || bb.ovf) {
    a->ovf = TRUE;
    return;
  }
  guint64 r;
  if (!g_uint64_checked_add(&r, a->m, bb.m)) a->ovf = TRUE;
  else a->m = r;
}

static gboolean dec_is_zero(const dec *d)
{
  return !d->ovf && d->m == 0;
}

static gboolean dec_overflow(const dec *d)
{
  return d->ovf || (double)d->m > EXACT_LIMIT || d->s > 22;
}

static double dec_value(const dec *d)
{
  if (dec_overflow(d)) return d->approx;
  return (double)d->m / dpow10[d->s];
}

/* integer value or -1 when it has a fraction or is large */
static gint64 dec_small_int(const dec *d)
{
  if (d->ovf) return -1;
  guint64 m = d->m;
  for (int i = 0; i < d->s; i++) {
    if (m % 10) return -1;
    m /= 10;
  }
  return m > 100000 ? -1 : (gint64)m;
}

/* ---- characters -------------------------------------------------------- */

/* Decodes one UTF-8 character at t[p] (bounded by len); invalid bytes come
 * back as U+FFFD of length 1. */
static gunichar char_at(const char *t, size_t len, size_t p, int *n)
{
  if (p >= len) {
    *n = 0;
    return 0;
  }
  size_t l;
  gunichar c = jd_utf8_decode((const guchar *)t + p, len - p, &l);
  *n = (int)l;
  return c;
}

/* The character ending just before p (p > floor), or 0. */
static gunichar char_before(const char *t, size_t floor, size_t p, int *n)
{
  if (p <= floor) {
    *n = 0;
    return 0;
  }
  size_t q = p - 1;
  while (q > floor && ((guchar)t[q] & 0xC0) == 0x80 && p - q < 4) q--;
  int m;
  gunichar c = char_at(t, p, q, &m);
  if (q + (size_t)m != p) {
    *n = 1;
    return 0xFFFD;
  }
  *n = m;
  return c;
}

static int arabic_digit(gunichar c)
{
  if (c >= '0' && c <= '9') return (int)(c - '0');
  if (c >= 0xFF10 && c <= 0xFF19) return (int)(c - 0xFF10);
  return -1;
}

/* 0..9 for Chinese digits (零〇○ give 0), else -1. */
static int cn_digit_slow(gunichar c)
{
  switch (c) {
  case 0x96F6: /* 零 */
  case 0x3007: /* 〇 */
  case 0x25CB: /* ○ */
    return 0;
  case 0x4E00: /* 一 */
  case 0x58F9: /* 壹 */
    return 1;
  case 0x4E8C: /* 二 */
  case 0x4E24: /* 两 */
  case 0x5169: /* 兩 */
  case 0x8D30: /* 贰 */
  case 0x8CB3: /* 貳 */
    return 2;
  case 0x4E09: /* 三 */
  case 0x53C1: /* 叁 */
  case 0x53C3: /* 參 */
    return 3;
  case 0x56DB: /* 四 */
  case 0x8086: /* 肆 */
    return 4;
  case 0x4E94: /* 五 */
  case 0x4F0D: /* 伍 */
    return 5;
  case 0x516D: /* 六 */
  case 0x9646: /* 陆 */
  case 0x9678: /* 陸 */
    return 6;
  case 0x4E03: /* 七 */
  case 0x67D2: /* 柒 */
    return 7;
  case 0x516B: /* 八 */
  case 0x634C: /* 捌 */
    return 8;
  case 0x4E5D: /* 九 */
  case 0x7396: /* 玖 */
    return 9;
  default:
    return -1;
  }
}

static int cn_unit_slow(gunichar c)
{
  switch (c) {
  case 0x5341: /* 十 */
  case 0x62FE: /* 拾 */
    return 10;
  case 0x767E: /* 百 */
  case 0x4F70: /* 佰 */
    return 100;
  case 0x5343: /* 千 */
  case 0x4EDF: /* 仟 */
    return 1000;
  default:
    return 0;
  }
}

/* exponent of 万 (4) and 亿 (8) */
static int cn_big_slow(gunichar c)
{
  switch (c) {
  case 0x4E07: /* 万 */
  case 0x842C: /* 萬 */
    return 4;
  case 0x4EBF: /* 亿 */
  case 0x5104: /* 億 */
    return 8;
  default:
    return 0;
  }
}

/* One byte per BMP character: what kind of numeral character it is, so the
 * scan tests a character with one load. */
enum { NC_DIGIT = 0x10, NC_UNIT = 0x20, NC_BIG = 0x40 };
static guint8 numeral_class[0x10000];
/* for 3-byte UTF-8: does any numeral character start with these two bytes? */
static guint8 numeral_prefix[1024];

static void numeral_class_init(void)
{
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    for (gunichar c = 0x2000; c < 0x10000; c++) {
      int d = cn_digit_slow(c), u = cn_unit_slow(c), b = cn_big_slow(c);
      if (d >= 0) numeral_class[c] = (guint8)(NC_DIGIT | d);
      else if (u) numeral_class[c] = (guint8)(NC_UNIT | (u == 10 ? 1 : u == 100 ? 2 : 3));
      else if (b) numeral_class[c] = (guint8)(NC_BIG | b);
      if (numeral_class[c] || (c >= 0xFF10 && c <= 0xFF19)) numeral_prefix[c >> 6] = 1;
    }
    g_once_init_leave(&done, 1);
  }
}

static inline int cn_digit(gunichar c)
{
  return c < 0x10000 && (numeral_class[c] & NC_DIGIT) ? numeral_class[c] & 0x0F : -1;
}

static inline int cn_unit(gunichar c)
{
  static const int units[] = {0, 10, 100, 1000};
  return c < 0x10000 && (numeral_class[c] & NC_UNIT) ? units[numeral_class[c] & 0x03] : 0;
}

static inline int cn_big(gunichar c)
{
  return c < 0x10000 && (numeral_class[c] & NC_BIG) ? numeral_class[c] & 0x0F : 0;
}

static gboolean is_financial_digit(gunichar c)
{
  switch (c) {
  case 0x58F9: case 0x8D30: case 0x8CB3: case 0x53C1: case 0x53C3: case 0x8086:
  case 0x4F0D: case 0x9646: case 0x9678: case 0x67D2: case 0x634C: case 0x7396:
    return TRUE;
  default:
    return FALSE;
  }
}

static gboolean is_cn_point(gunichar c)
{
  return c == 0x70B9 /* 点 */ || c == 0x9EDE /* 點 */;
}

static inline gboolean is_cn_numeral(gunichar c)
{
  return c < 0x10000 && numeral_class[c] != 0;
}

static gboolean is_middle_dot(gunichar c)
{
  return c == 0x00B7 || c == 0x2022 || c == 0x30FB || c == 0xFF65 || c == 0x2027 || c == 0x2219;
}

static gboolean is_range_dash(gunichar c)
{
  return c == '-' || c == '~' || c == 0x2014 || c == 0x2013 || c == 0x2012 || c == 0x2015 || c == 0xFF0D ||
         c == 0xFF5E || c == 0x301C || c == 0x81F3 /* 至 */ || c == 0x5230 /* 到 */;
}

static inline gboolean at(const char *t, size_t len, size_t p, const char *lit)
{
  size_t n = strlen(lit);
  return p + n <= len && memcmp(t + p, lit, n) == 0;
}

static inline gboolean before(const char *t, size_t floor, size_t p, const char *lit)
{
  size_t n = strlen(lit);
  return p >= floor + n && memcmp(t + p - n, lit, n) == 0;
}

/* ---- the numeral core -------------------------------------------------- */

typedef struct {
  size_t end;
  dec v, hi;
  gboolean is_range;
  int decimals;
  gboolean chinese, arabic;
  gboolean plain;       /* an integer in digits only: no unit, multiplier or point */
  int ndigits;          /* digits of a plain integer */
  int trailing_big;     /* 3万 -> 4: a multiplier that ends the number */
  gboolean inner_more;  /* 340多万 */
  gboolean single_cn;   /* one Chinese digit or unit character alone */
  gboolean approximate; /* 十几 */
} core;

/* Reads ASCII/full-width digits with optional 3-digit comma groups and a
 * decimal point. Returns FALSE when there is no digit at p. */
static gboolean read_arabic(const char *t, size_t len, size_t p, dec *out, int *decimals,
                            int *ndigits, size_t *end)
{
  dec d = dec_int(0);
  int n, nd = 0, dd = 0;
  size_t q = p;
  gunichar c;
  for (;;) {
    c = char_at(t, len, q, &n);
    int v = arabic_digit(c);
    if (v >= 0) {
      dec_push_digit(&d, v);
      nd++;
      q += (size_t)n;
      continue;
    }
    /* 1,100 and 3,556: a comma followed by exactly three digits */
    if (c == ',' && nd > 0 && q + 4 <= len && arabic_digit((guchar)t[q + 1]) >= 0 &&
        arabic_digit((guchar)t[q + 2]) >= 0 && arabic_digit((guchar)t[q + 3]) >= 0 &&
        (q + 4 == len || arabic_digit((guchar)t[q + 4]) < 0)) {
      q += 1;
      continue;
    }
    break;
  }
  if (nd == 0) return FALSE;
  *ndigits = nd;
  c = char_at(t, len, q, &n);
  if (c == '.' || c == 0xFF0E) {
    int m;
    gunichar c2 = char_at(t, len, q + (size_t)n, &m);
    if (arabic_digit(c2) >= 0) {
      q += (size_t)n;
      for (;;) {
        c = char_at(t, len, q, &m);
        int v = arabic_digit(c);
        if (v < 0) break;
        dec_push_digit(&d, v);
        d.s++;
        dd++;
        q += (size_t)m;
      }
    }
  }
  if (!d.ovf) {
    d.approx = (double)d.m / pow10_d(d.s);
  } else {
    /* too long for 64 bits: let the C library round the cleaned digits */
    GString *clean = g_string_sized_new(q - p + 1);
    for (size_t i = p; i < q;) {
      int m;
      gunichar ch = char_at(t, len, i, &m);
      int v = arabic_digit(ch);
      if (v >= 0) g_string_append_c(clean, (char)('0' + v));
      else if (ch == '.' || ch == 0xFF0E) g_string_append_c(clean, '.');
      i += (size_t)m;
    }
    d.approx = g_ascii_strtod(clean->str, NULL);
    g_string_free(clean, TRUE);
  }
  *out = d;
  *decimals = dd;
  *end = q;
  return TRUE;
}

static int range_pair(int a, int b)
{
  return (a >= 1 && b == a + 1 && b <= 9) || (a == 3 && b == 5);
}

static gboolean parse_core(const char *t, size_t len, size_t pos, core *o)
{
  memset(o, 0, sizeof *o);
  o->v = dec_int(0);
  int n;
  gunichar c = char_at(t, len, pos, &n);

  /* runs of Chinese digits read one by one: 二〇一六, or a range 两三 / 三四十 */
  if (cn_digit(c) >= 0) {
    int ds[32], r = 0;
    size_t q = pos;
    for (;;) {
      int m;
      gunichar d = char_at(t, len, q, &m);
      int v = cn_digit(d);
      if (v < 0 || r == 32) break;
      ds[r++] = v;
      q += (size_t)m;
    }
    if (r >= 2) {
      int m;
      gunichar next = char_at(t, len, q, &m);
      gboolean unit_next = cn_unit(next) || cn_big(next) || is_cn_point(next);
      if (r == 2 && range_pair(ds[0], ds[1])) {
        dec lo = dec_int((guint64)ds[0]), hi = dec_int((guint64)ds[1]);
        while (cn_unit(next) || cn_big(next)) {
          guint64 u = cn_unit(next) ? (guint64)cn_unit(next) : (cn_big(next) == 4 ? 10000 : 100000000);
          dec_mul_u(&lo, u);
          dec_mul_u(&hi, u);
          q += (size_t)m;
          next = char_at(t, len, q, &m);
        }
        o->end = q;
        o->v = lo;
        o->hi = hi;
        o->is_range = TRUE;
        o->chinese = TRUE;
        return TRUE;
      }
      if (!unit_next && ds[0] != 0) {
        dec v = dec_int(0);
        for (int i = 0; i < r; i++) {
          dec_mul_u(&v, 10);
          dec one = dec_int((guint64)ds[i]);
          dec_add(&v, &one);
        }
        o->end = q;
        o->v = v;
        o->hi = v;
        o->chinese = TRUE;
        o->plain = TRUE;
        o->ndigits = r;
        return TRUE;
      }
    }
  }

  dec yi = dec_int(0), wan = dec_int(0), sec = dec_int(0), num = dec_int(0);
  gboolean have_num = FALSE, zero = FALSE, num_cn_single = FALSE, had_point = FALSE;
  gboolean any_wan = FALSE;
  int last_small = 0, elements = 0, last_exp = 0, trailing_big = 0;
  size_t q = pos;
  for (;;) {
    c = char_at(t, len, q, &n);
    if (n == 0) break;
    int v;
    if (arabic_digit(c) >= 0) {
      if (have_num || had_point) break;
      int dd, nd;
      size_t e;
      dec d;
      if (!read_arabic(t, len, q, &d, &dd, &nd, &e)) break;
      num = d;
      have_num = TRUE;
      num_cn_single = FALSE;
      o->arabic = TRUE;
      o->decimals = dd;
      o->ndigits = nd;
      if (dd > 0) had_point = TRUE;
      q = e;
      elements++;
      trailing_big = 0;
      continue;
    }
    if ((v = cn_digit(c)) > 0) {
      if (have_num || had_point) break;
      num = dec_int((guint64)v);
      have_num = TRUE;
      num_cn_single = TRUE;
      o->chinese = TRUE;
      q += (size_t)n;
      elements++;
      trailing_big = 0;
      continue;
    }
    if (v == 0) {
      if (elements == 0 || have_num || had_point) break;
      zero = TRUE;
      q += (size_t)n;
      continue;
    }
    int u = cn_unit(c);
    if (u) {
      if (had_point) break;
      if ((u == 100 && at(t, len, q, "百分")) || (u == 1000 && at(t, len, q, "千分之"))) break;
      if (last_small && u >= last_small) break;
      dec m = have_num ? num : dec_int(1);
      if (!have_num && elements > 0 && u != 10) break;
      dec_mul_u(&m, (guint64)u);
      dec_add(&sec, &m);
      last_small = u;
      have_num = FALSE;
      num = dec_int(0);
      num_cn_single = FALSE;
      zero = FALSE;
      last_exp = u == 10 ? 1 : u == 100 ? 2 : 3;
      o->chinese = TRUE;
      q += (size_t)n;
      elements++;
      trailing_big = 0;
      continue;
    }
    int b = cn_big(c);
    if (b) {
      dec tot = sec;
      dec_add(&tot, &num);
      if (b == 8) dec_add(&tot, &wan); /* 二十万亿 */
      if (elements > 0 && dec_is_zero(&tot)) break; /* 亿万, 一万万 */
      if (elements == 0) tot = dec_int(1);
      if (b == 4) {
        if (any_wan) break;
        dec_shift(&tot, 4);
        wan = tot;
        any_wan = TRUE;
      } else {
        dec_add(&tot, &yi);
        dec_shift(&tot, 8);
        yi = tot;
        wan = dec_int(0);
        any_wan = FALSE;
      }
      sec = dec_int(0);
      num = dec_int(0);
      have_num = FALSE;
      num_cn_single = FALSE;
      had_point = FALSE;
      zero = FALSE;
      last_small = 0;
      last_exp = b;
      o->chinese = TRUE;
      q += (size_t)n;
      elements++;
      trailing_big = b;
      continue;
    }
    if (is_cn_point(c) && (have_num || !dec_is_zero(&sec)) && !had_point && !o->arabic) {
      int m;
      size_t r = q + (size_t)n;
      gunichar d = char_at(t, len, r, &m);
      if (cn_digit(d) < 0) break;
      dec ip = sec;
      dec_add(&ip, &num);
      int fd = 0;
      dec frac = dec_int(0);
      while ((v = cn_digit(d)) >= 0) {
        dec_mul_u(&frac, 10);
        dec one = dec_int((guint64)v);
        dec_add(&frac, &one);
        fd++;
        r += (size_t)m;
        d = char_at(t, len, r, &m);
      }
      frac.s = fd;
      if (!frac.ovf) frac.approx = (double)frac.m / pow10_d(fd);
      dec_add(&ip, &frac);
      num = ip;
      sec = dec_int(0);
      have_num = TRUE;
      had_point = TRUE;
      num_cn_single = FALSE;
      o->decimals = fd;
      q = r;
      elements++;
      trailing_big = 0;
      continue;
    }
    /* 340多万, 5余万: an approximation word between the number and 万/亿 */
    if ((c == 0x591A /* 多 */ || c == 0x4F59 /* 余 */) && (have_num || !dec_is_zero(&sec))) {
      int m;
      gunichar d = char_at(t, len, q + (size_t)n, &m);
      if (cn_big(d) || (cn_unit(d) && cn_unit(d) > 10 && o->arabic)) {
        o->inner_more = TRUE;
        q += (size_t)n;
        continue;
      }
    }
    break;
  }
  if (elements == 0) return FALSE;
  /* 十几, 二十几万: a range over the units digit */
  if (c == 0x51E0 /* 几 */ && last_exp == 1 && !have_num && !had_point) {
    dec lo = yi, hi;
    dec_add(&lo, &wan);
    dec_add(&lo, &sec);
    hi = lo;
    dec one = dec_int(1), nine = dec_int(9);
    dec_add(&lo, &one);
    dec_add(&hi, &nine);
    q += (size_t)n;
    int m;
    gunichar d = char_at(t, len, q, &m);
    int bb = cn_big(d);
    if (bb && dec_is_zero(&wan) && dec_is_zero(&yi)) {
      dec_shift(&lo, bb);
      dec_shift(&hi, bb);
      q += (size_t)m;
    }
    o->v = lo;
    o->hi = hi;
    o->is_range = TRUE;
    o->approximate = TRUE;
    o->end = q;
    return TRUE;
  }
  /* 三万五 = 35000, 一百五 = 150: the unit after the last digit is left out */
  if (have_num && num_cn_single && last_exp >= 2 && !zero) dec_shift(&num, last_exp - 1);
  dec total = yi;
  dec_add(&total, &wan);
  dec_add(&total, &sec);
  dec_add(&total, &num);
  o->v = total;
  o->hi = total;
  o->end = q;
  o->trailing_big = trailing_big;
  o->plain = elements == 1 && have_num && !had_point && !num_cn_single ? o->arabic : FALSE;
  if (elements == 1 && have_num && num_cn_single) {
    o->plain = TRUE;
    o->ndigits = 1;
  }
  o->single_cn = elements == 1 && o->chinese && !o->arabic && !had_point;
  if (!o->plain) o->ndigits = 0;
  return TRUE;
}

/* ---- context ------------------------------------------------------------ */

/* Words in which numeral characters are no quantity. Matched at the
 * position where a numeral would start. */
static const char *const not_numbers[] = {
    "一些", "一定", "一般", "一直", "一切", "一旦", "一致", "一体", "一贯", "一律",
    "一样", "一同", "一向", "一味", "一举", "一道", "一边", "一面", "一方面", "一流",
    "一线", "一系列", "一带一路", "一一", "一再", "一度", "一时", "一手", "一心",
    "一共", "一把手", "一级", "一步步", "一下", "一番", "一阵", "一贯", "一批", "一大批",
    "一些", "一揽子", "一体化", "一环", "一刀切", "一盘棋", "一票否决", "一岗双责",
    "一并", "一经", "一言", "一概", "一起抓", "一份子", "一条龙", "一蹴而就", "一劳永逸",
    "一如既往", "一以贯之", "一半", "一部分", "一大", "一小", "一抓到底", "一竿子", "一往无前",
    "十分", "十足", "十全十美", "百姓", "千方百计", "千家万户", "万众一心", "万无一失",
    "千万", "三令五申", "四面八方", "五花八门", "七上八下", "三番五次", "九牛一毛",
    "千辛万苦", "千千万万", "万一", "万分", "万里", "千里", "百般", "百倍努力", "百尺竿头",
    "两面", "两手", "两头", "两者", "两难", "三心二意", "一五一十", "八仙", "九泉",
    "万事", "百舸", "千秋", "万古", "三思", "再三", "一无所", "万物", "七零八落", "五湖四海",
    "四平八稳", "三五成群", "百花", "千篇一律", "一分为二", "独一无二", "说一不二", "不二",
    "二话", "零包", "零星", "零售", "零散", "零距离", "零容忍", "零种植", "零产量", "零增长",
    "零发案", "零报告", "零死亡", "零事故", "零起", "零打碎敲", "零口供", "零距", "零",
    "千上万", "十三五", "十四五", "十二五", "十一五", "一成不变", "八成新",
    /* place names */
    "四川", "三亚", "三明", "三门峡", "三沙", "九江", "九龙", "六安", "六盘水", "七台河",
    "十堰", "万州", "万宁", "百色", "五指山", "五家渠", "二连浩特", "八宿", "千岛", "万山",
};

typedef struct {
  gunichar first, second;
  size_t len;
} word_key;
static word_key not_number_keys[G_N_ELEMENTS(not_numbers)];
/* the words grouped by their first character */
typedef struct {
  gunichar first;
  guint n;
  guint16 idx[G_N_ELEMENTS(not_numbers)];
} word_group;
static word_group not_number_groups[32];
static guint not_number_group_count;

static void not_numbers_init(void)
{
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    for (size_t i = 0; i < G_N_ELEMENTS(not_numbers); i++) {
      not_number_keys[i].first = g_utf8_get_char(not_numbers[i]);
      const char *second = g_utf8_next_char(not_numbers[i]);
      not_number_keys[i].second = *second ? g_utf8_get_char(second) : 0;
      not_number_keys[i].len = strlen(not_numbers[i]);
      guint g = 0;
      while (g < not_number_group_count && not_number_groups[g].first != not_number_keys[i].first)
        g++;
      if (g == not_number_group_count) {
        g_assert(g < G_N_ELEMENTS(not_number_groups));
        not_number_groups[g].first = not_number_keys[i].first;
        not_number_group_count++;
      }
      not_number_groups[g].idx[not_number_groups[g].n++] = (guint16)i;
    }
    g_once_init_leave(&done, 1);
  }
}

/* Characters after which a lone 一 (or another single digit) is part of a
 * word: 进一步, 统一, 唯一, 之一, 星期一 ... */
static gboolean word_before_single(gunichar p, gunichar c)
{
  if (c == 0x4E00) {
    switch (p) {
    case 0x8FDB: /* 进 */
    case 0x7EDF: /* 统 */
    case 0x552F: /* 唯 */
    case 0x4E4B: /* 之 */
    case 0x5355: /* 单 */
    case 0x540C: /* 同 */
    case 0x5176: /* 其 */
    case 0x4E13: /* 专 */
    case 0x5212: /* 划 */
    case 0x9010: /* 逐 */
    case 0x5408: /* 合 */
    case 0x4E07: /* 万 */
    case 0x521D: /* 初 */
    case 0x4E0D: /* 不 */
    case 0x6B62: /* 止 */
    case 0x4E0B: /* 下一步 */
    case 0x4E0A: /* 上一年 */
    case 0x65B0: /* 新一轮 */
    case 0x6BCF: /* 每一 */
      return TRUE;
    default:
      break;
    }
  }
  /* 周一, 星期三, 礼拜五, 初二 */
  return p == 0x5468 /* 周 */ || p == 0x671F /* 期 */ || p == 0x62DC /* 拜 */ ||
         p == 0x521D /* 初 */;
}

static gboolean is_clause_start(gunichar p)
{
  switch (p) {
  case 0:
  case ' ':
  case '\t':
  case ',':
  case ';':
  case ':':
  case '!':
  case '?':
  case '"':
  case '(':
  case ')':
  case 0x3002: /* 。 */
  case 0xFF0C: /* ， */
  case 0xFF1B: /* ； */
  case 0xFF1A: /* ： */
  case 0xFF01:
  case 0xFF1F:
  case 0x201C: /* “ */
  case 0x3000:
  case 0xFF09: /* ） */
  case 0x3001: /* 、 */
    return TRUE;
  default:
    return FALSE;
  }
}

static gboolean is_open_quote(gunichar p)
{
  return p == 0x201C || p == '"' || p == 0x2018 || p == 0x300C || p == 0x300E || p == 0x300A ||
         p == '\'';
}

static gboolean is_close_quote(gunichar p)
{
  return p == 0x201D || p == '"' || p == 0x2019 || p == 0x300D || p == 0x300F || p == 0x300B ||
         p == '\'';
}

/* Words that follow a campaign code written as 5.14 */
static gboolean code_word_at(const char *t, size_t len, size_t p)
{
  static const char *const words[] = {"工程", "专案", "行动", "机制", "专项", "案件", "大案",
                                      "特大", "系列", "战役", "会战", "禁毒日", "国际禁毒日",
                                      "活动", "案", "专题"};
  for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
    if (at(t, len, p, words[i])) return TRUE;
  return FALSE;
}

typedef struct {
  const char *word;
  jd_qualifier q;
} qual_word;

/* before the number; longer words first */
static const qual_word prefix_quals[] = {
    {"不超过", JD_QUAL_AT_MOST},  {"不少于", JD_QUAL_AT_LEAST}, {"不低于", JD_QUAL_AT_LEAST},
    {"不高于", JD_QUAL_AT_MOST},  {"将近", JD_QUAL_NEARLY},     {"接近", JD_QUAL_NEARLY},
    {"大约", JD_QUAL_ABOUT},      {"大概", JD_QUAL_ABOUT},      {"超过", JD_QUAL_MORE_THAN},
    {"多于", JD_QUAL_MORE_THAN},  {"高于", JD_QUAL_MORE_THAN},  {"不到", JD_QUAL_LESS_THAN},
    {"不足", JD_QUAL_LESS_THAN},  {"少于", JD_QUAL_LESS_THAN},  {"低于", JD_QUAL_LESS_THAN},
    {"至少", JD_QUAL_AT_LEAST},   {"最少", JD_QUAL_AT_LEAST},   {"至多", JD_QUAL_AT_MOST},
    {"最多", JD_QUAL_AT_MOST},    {"近", JD_QUAL_NEARLY},       {"约", JD_QUAL_ABOUT},
    {"逾", JD_QUAL_MORE_THAN},    {"超", JD_QUAL_MORE_THAN},
};

/* characters before 近 / 约 / 超 that make them part of another word */
static gboolean prefix_blocked(const char *word, gunichar p)
{
  if (strcmp(word, "近") == 0)
    return p == 0x6700 /* 最 */ || p == 0x9644 /* 附 */ || p == 0x90BB /* 邻 */ ||
           p == 0x5C31 /* 就 */ || p == 0x4EB2 /* 亲 */ || p == 0x9760 /* 靠 */;
  if (strcmp(word, "约") == 0)
    return p == 0x7B7E /* 签 */ || p == 0x5236 /* 制 */ || p == 0x8282 /* 节 */ ||
           p == 0x5951 /* 契 */ || p == 0x516C /* 公 */ || p == 0x6761 /* 条 */ ||
           p == 0x76F8 /* 相 */ || p == 0x9884 /* 预 */ || p == 0x9080 /* 邀 */ ||
           p == 0x5C65 /* 履 */ || p == 0x8FDD /* 违 */ || p == 0x5408 /* 合 */ ||
           p == 0x76DF /* 盟 */ || p == 0x7279 /* 特 */ || p == 0x534F /* 协 */ ||
           p == 0x7EA6 /* 约 */;
  if (strcmp(word, "超") == 0)
    return p == 0x8D76 /* 赶 */ || p == 0x9AD8 /* 高 */;
  return FALSE;
}

/* ---- one numeral at pos ------------------------------------------------- */

static void fill_plain(jd_numeral *o, size_t start, size_t end, jd_numeral_kind kind)
{
  memset(o, 0, sizeof *o);
  o->start = o->digits_start = start;
  o->end = o->digits_end = end;
  o->kind = kind;
}

static gboolean read_uint(const char *t, size_t len, size_t p, int maxdigits, int *v, size_t *e)
{
  int n = 0, val = 0;
  while (p < len && t[p] >= '0' && t[p] <= '9' && n < maxdigits + 1) {
    val = val * 10 + (t[p] - '0');
    p++;
    n++;
  }
  if (n == 0 || n > maxdigits) return FALSE;
  *v = val;
  *e = p;
  return TRUE;
}

static gboolean digit_follows(const char *t, size_t len, size_t p)
{
  int n;
  gunichar c = char_at(t, len, p, &n);
  return arabic_digit(c) >= 0;
}

/* 2020/1/23, 2021-02-23, 2019.12.31 */
static gboolean try_numeric_date(const char *t, size_t len, size_t pos, jd_numeral *o)
{
  int y, m, d;
  size_t e;
  if (!read_uint(t, len, pos, 4, &y, &e) || e - pos != 4 || y < 1900 || y > 2199) return FALSE;
  if (e >= len) return FALSE;
  char sep = t[e];
  if (sep != '/' && sep != '-' && sep != '.') return FALSE;
  if (!read_uint(t, len, e + 1, 2, &m, &e) || m < 1 || m > 12) return FALSE;
  if (e >= len || t[e] != sep) {
    if (sep == '.') return FALSE;
    /* 2020/1 or 2020-01: year and month */
    if (digit_follows(t, len, e)) return FALSE;
    fill_plain(o, pos, e, JD_NUM_DATE);
    o->year = y;
    o->month = m;
    o->value = o->value_high = y;
    return sep == '/' || (e - pos == 7);
  }
  if (!read_uint(t, len, e + 1, 2, &d, &e) || d < 1 || d > 31) return FALSE;
  if (digit_follows(t, len, e)) return FALSE;
  fill_plain(o, pos, e, JD_NUM_DATE);
  o->year = y;
  o->month = m;
  o->day = d;
  o->value = o->value_high = y;
  return TRUE;
}

/* 13:55:26, 11:49 */
static gboolean try_time(const char *t, size_t len, size_t pos, jd_numeral *o)
{
  int h, m, s;
  size_t e;
  if (!read_uint(t, len, pos, 2, &h, &e) || h > 24) return FALSE;
  if (e >= len || t[e] != ':') return FALSE;
  size_t ms = e + 1;
  if (!read_uint(t, len, ms, 2, &m, &e) || e - ms != 2 || m > 59) return FALSE;
  if (e < len && t[e] == ':') {
    size_t ss = e + 1;
    size_t e2;
    if (read_uint(t, len, ss, 2, &s, &e2) && e2 - ss == 2 && s <= 60) e = e2;
  }
  if (digit_follows(t, len, e)) return FALSE;
  fill_plain(o, pos, e, JD_NUM_TIME);
  o->value = o->value_high = h;
  return TRUE;
}

/* campaign codes: 8·31, 7·04, and 6.27 / 5.14 when quoted or followed by
 * 工程, 专案, 行动, 机制 ... */
static gboolean try_code(const char *t, size_t len, size_t floor, size_t pos, jd_numeral *o)
{
  int a, b, n;
  size_t e, e2;
  if (!read_uint(t, len, pos, 2, &a, &e) || a < 1 || a > 12) return FALSE;
  gunichar sep = char_at(t, len, e, &n);
  gboolean dot = sep == '.' || sep == 0xFF0E;
  if (!dot && !is_middle_dot(sep)) return FALSE;
  if (!read_uint(t, len, e + (size_t)n, 2, &b, &e2) || b < 1 || b > 31) return FALSE;
  if (digit_follows(t, len, e2)) return FALSE;
  if (dot) {
    int m;
    gunichar p = char_before(t, floor, pos, &m);
    gunichar nx = char_at(t, len, e2, &m);
    if (e2 - (e + (size_t)n) != 2) return FALSE;
    if (!is_open_quote(p) && !is_close_quote(nx) && !code_word_at(t, len, e2)) return FALSE;
  }
  fill_plain(o, pos, e2, JD_NUM_CODE);
  o->month = a;
  o->day = b;
  /* the code as written, 5.14 -> 5.14 (the value carries no quantity) */
  o->value = o->value_high = (double)(a * 100 + b) / 100.0;
  return TRUE;
}

/* After a 4-digit year and 年: month (and day) -> a date. Also handles a
 * month alone (3月18日). Returns the end or 0. */
static size_t read_month_day(const char *t, size_t len, size_t p, int *month, int *day)
{
  core c;
  if (!parse_core(t, len, p, &c) || c.is_range) return 0;
  gint64 m = dec_small_int(&c.v);
  if (m < 1 || m > 12 || c.decimals || c.trailing_big) return 0;
  if (!at(t, len, c.end, "月")) return 0;
  size_t e = c.end + 3;
  *month = (int)m;
  *day = 0;
  core d;
  if (parse_core(t, len, e, &d) && !d.is_range && !d.decimals && !d.trailing_big) {
    gint64 dv = dec_small_int(&d.v);
    if (dv >= 1 && dv <= 31 && (at(t, len, d.end, "日") || at(t, len, d.end, "号"))) {
      *day = (int)dv;
      e = d.end + 3;
    }
  }
  return e;
}

static void fill_from_core(jd_numeral *o, const core *c, size_t start)
{
  memset(o, 0, sizeof *o);
  o->start = o->digits_start = start;
  o->end = o->digits_end = c->end;
  o->kind = JD_NUM_NUMBER;
  o->value = dec_value(&c->v);
  o->value_high = c->is_range ? dec_value(&c->hi) : o->value;
  o->is_range = c->is_range;
  o->decimals = c->decimals;
  o->chinese = c->chinese;
  o->overflow = dec_overflow(&c->v) || (c->is_range && dec_overflow(&c->hi));
  o->qualifier = c->inner_more ? JD_QUAL_MORE_THAN : c->approximate ? JD_QUAL_ABOUT : JD_QUAL_EXACT;
}

static size_t percent_sign(const char *t, size_t len, size_t p, jd_numeral_kind *kind)
{
  if (at(t, len, p, "%")) {
    *kind = JD_NUM_PERCENT;
    return p + 1;
  }
  if (at(t, len, p, "％") || at(t, len, p, "﹪")) {
    *kind = JD_NUM_PERCENT;
    return p + 3;
  }
  if (at(t, len, p, "‰")) {
    *kind = JD_NUM_PERMILLE;
    return p + 3;
  }
  if (at(t, len, p, "个百分点")) {
    *kind = JD_NUM_PERCENT_POINT;
    return p + 12;
  }
  if (at(t, len, p, "百分点")) {
    *kind = JD_NUM_PERCENT_POINT;
    return p + 9;
  }
  return 0;
}

/* Parses the numeral whose digits start at pos; floor is where the previous
 * numeral ended (qualifiers are not looked for before it). Returns the end,
 * or 0 with *skip set to how far the caller may jump. */
static size_t parse_at(const char *t, size_t len, size_t floor, size_t pos, jd_numeral *o,
                       size_t *skip)
{
  int n;
  gunichar c = char_at(t, len, pos, &n);
  *skip = pos + (size_t)n;
  gboolean arabic_start = arabic_digit(c) >= 0;
  int pn;
  gunichar prev = char_before(t, 0, pos, &pn);

  if (arabic_start) {
    /* a digit run glued to a preceding Latin letter or digit is an id (A8, x64) */
    if (c >= '0' && c <= '9' && ((prev >= 'A' && prev <= 'Z') || (prev >= 'a' && prev <= 'z'))) {
      size_t e = pos;
      while (e < len && ((t[e] >= '0' && t[e] <= '9') || g_ascii_isalpha(t[e]))) e++;
      *skip = e;
      return 0;
    }
    if (try_numeric_date(t, len, pos, o)) return o->end;
    if (try_time(t, len, pos, o)) return o->end;
    if (try_code(t, len, floor, pos, o)) return o->end;
  } else {
    int n2;
    gunichar c2 = char_at(t, len, pos + (size_t)n, &n2);
    const word_group *grp = NULL;
    for (guint g = 0; g < not_number_group_count && !grp; g++)
      if (not_number_groups[g].first == c) grp = &not_number_groups[g];
    for (guint gi = 0; grp && gi < grp->n; gi++) {
      size_t i = grp->idx[gi];
      const word_key *k = &not_number_keys[i];
      if (k->second && k->second != c2) continue;
      if (pos + k->len <= len && memcmp(t + pos, not_numbers[i], k->len) == 0) {
        *skip = pos + k->len;
        return 0;
      }
    }
  }

  /* 百分之四十五, 千分之三 */
  jd_numeral_kind kind = JD_NUM_NUMBER;
  size_t digits = pos;
  if (at(t, len, pos, "百分之") || at(t, len, pos, "千分之")) {
    kind = t[pos] == "百"[0] && at(t, len, pos, "百分之") ? JD_NUM_PERCENT : JD_NUM_PERMILLE;
    digits = pos + 9;
  }
  core cr;
  if (!parse_core(t, len, digits, &cr)) return 0;

  if (cr.single_cn && kind == JD_NUM_NUMBER && word_before_single(prev, c)) return 0;
  /* financial digits (壹 贰 伍 陆 ...) only count next to other numeral
   * characters: 队伍, 陆续 and 大陆 are words */
  if (cr.single_cn && is_financial_digit(c)) return 0;

  fill_from_core(o, &cr, pos);
  o->kind = kind;
  size_t q = cr.end;

  if (kind == JD_NUM_NUMBER) {
    int nn;
    gunichar next = char_at(t, len, q, &nn);
    gint64 iv = dec_small_int(&cr.v);
    /* years, dates */
    if (cr.plain && cr.ndigits == 4 && iv >= 1000 && iv <= 2999) {
      /* 2018—2020年, 2018-2020年, 2018至2020年 */
      if (is_range_dash(next)) {
        core c2;
        if (parse_core(t, len, q + (size_t)nn, &c2) && c2.plain && c2.ndigits == 4 &&
            at(t, len, c2.end, "年")) {
          gint64 y2 = dec_small_int(&c2.v);
          if (y2 > iv && y2 <= 2999) {
            o->kind = JD_NUM_YEAR;
            o->year = (int)iv;
            o->value = (double)iv;
            o->value_high = (double)y2;
            o->is_range = TRUE;
            o->end = o->digits_end = c2.end + 3;
            return o->end;
          }
        }
      }
      if (next == 0x5E74 /* 年 */) {
        size_t e = q + 3;
        int m = 0, d = 0;
        size_t e2 = read_month_day(t, len, e, &m, &d);
        o->year = (int)iv;
        o->value = o->value_high = (double)iv;
        if (e2) {
          o->kind = JD_NUM_DATE;
          o->month = m;
          o->day = d;
          o->end = o->digits_end = e2;
        } else {
          o->kind = JD_NUM_YEAR;
          o->end = o->digits_end = e;
        }
        return o->end;
      }
    }
    if (!cr.is_range && !cr.trailing_big && !cr.decimals && iv >= 1 && iv <= 12 &&
        next == 0x6708 /* 月 */ && prev != 0x4E2A /* 个 */) {
      int m = 0, d = 0;
      size_t e2 = read_month_day(t, len, pos, &m, &d);
      if (e2) {
        o->kind = JD_NUM_DATE;
        o->month = m;
        o->day = d;
        o->value = o->value_high = m;
        o->end = o->digits_end = e2;
        return o->end;
      }
    }
    /* 1至5月, 1-5月 */
    if (!cr.is_range && !cr.trailing_big && !cr.decimals && iv >= 1 && iv <= 12 &&
        is_range_dash(next)) {
      core c2;
      if (parse_core(t, len, q + (size_t)nn, &c2) && !c2.is_range && at(t, len, c2.end, "月")) {
        gint64 m2 = dec_small_int(&c2.v);
        if (m2 > iv && m2 <= 12 && !c2.decimals && !c2.trailing_big) {
          o->kind = JD_NUM_DATE;
          o->month = (int)iv;
          o->value = (double)iv;
          o->value_high = (double)m2;
          o->is_range = TRUE;
          o->end = o->digits_end = c2.end + 3;
          return o->end;
        }
      }
    }
    if (!cr.is_range && !cr.trailing_big && !cr.decimals && iv >= 1 && iv <= 31 &&
        next == 0x65E5 /* 日 */) {
      o->kind = JD_NUM_DATE;
      o->day = (int)iv;
      o->end = o->digits_end = q + 3;
      return o->end;
    }
    /* fractions: 三分之一 */
    if (at(t, len, q, "分之")) {
      core c2;
      if (parse_core(t, len, q + 6, &c2) && !c2.is_range && !dec_is_zero(&cr.v)) {
        o->value = dec_value(&c2.v) / dec_value(&cr.v);
        o->value_high = o->value;
        o->decimals = 0;
        o->chinese = cr.chinese || c2.chinese;
        o->end = o->digits_end = c2.end;
        q = c2.end;
        goto qualifiers;
      }
    }
  }

  {
    /* % ‰ 百分点 */
    jd_numeral_kind k2;
    size_t e = percent_sign(t, len, q, &k2);
    if (e && kind == JD_NUM_NUMBER) {
      o->kind = k2;
      q = e;
    } else if (kind == JD_NUM_NUMBER && !cr.is_range && !cr.trailing_big && at(t, len, q, "成") &&
               dec_value(&cr.v) > 0 && dec_value(&cr.v) <= 10) {
      /* 三成, 近五成, 3.5成: tenths, i.e. 30%; not 成员, 成为, 成立 ... */
      int mm;
      gunichar after = char_at(t, len, q + 3, &mm);
      static const gunichar not_tenths[] = {0x5458 /* 员 */, 0x4E3A /* 为 */, 0x7ACB /* 立 */,
                                            0x529F /* 功 */, 0x679C /* 果 */, 0x672C /* 本 */,
                                            0x6548 /* 效 */, 0x7EE9 /* 绩 */, 0x719F /* 熟 */,
                                            0x957F /* 长 */, 0x4EBA /* 人 */, 0x5C31 /* 就 */,
                                            0x578B /* 型 */, 0x5206 /* 分 */, 0x54C1 /* 品 */};
      gboolean ok = TRUE;
      for (size_t i = 0; i < G_N_ELEMENTS(not_tenths); i++)
        if (after == not_tenths[i]) ok = FALSE;
      if (ok) {
        o->kind = JD_NUM_PERCENT;
        o->value = dec_value(&cr.v) * 10.0;
        o->value_high = o->value;
        if (o->decimals > 0) o->decimals--;
        q += 3;
      }
    }
  }

  /* ranges: 2—3, 2至3, 5-20%, 5%-20% */
  if (!cr.is_range) {
    int nn;
    gunichar dash = char_at(t, len, q, &nn);
    if (is_range_dash(dash)) {
      size_t p2 = q + (size_t)nn;
      if (dash == 0x2014 && at(t, len, p2, "—")) p2 += 3;
      int mm;
      gunichar c2c = char_at(t, len, p2, &mm);
      gboolean same_script = cr.arabic ? arabic_digit(c2c) >= 0 : is_cn_numeral(c2c);
      size_t p2d = p2;
      if (o->kind == JD_NUM_PERCENT && at(t, len, p2, "百分之")) p2d = p2 + 9, same_script = TRUE;
      core c2;
      if (same_script && parse_core(t, len, p2d, &c2) && !c2.is_range) {
        dec lo = cr.v;
        if (!cr.trailing_big && c2.trailing_big) dec_shift(&lo, c2.trailing_big);
        size_t e2 = c2.end;
        jd_numeral_kind k2 = JD_NUM_NUMBER;
        size_t pe = percent_sign(t, len, e2, &k2);
        gboolean ok = TRUE;
        if (o->kind != JD_NUM_NUMBER) {
          /* 5%-20% needs the second sign; 百分之五至百分之十 has none */
          if (pe && k2 == o->kind) e2 = pe;
          else if (p2d == p2) ok = FALSE;
        } else if (pe) {
          o->kind = k2;
          e2 = pe;
        }
        double vlo = dec_value(&lo), vhi = dec_value(&c2.v);
        if (ok && vlo < vhi) {
          o->value = vlo;
          o->value_high = vhi;
          o->is_range = TRUE;
          o->overflow = o->overflow || dec_overflow(&lo) || dec_overflow(&c2.v);
          o->chinese = o->chinese || c2.chinese;
          o->decimals = MAX(o->decimals, c2.decimals);
          q = e2;
        }
      }
    }
  }
  o->end = o->digits_end = q;

qualifiers:
  /* suffix qualifiers */
  if (o->kind == JD_NUM_NUMBER || o->kind == JD_NUM_PERCENT || o->kind == JD_NUM_PERMILLE ||
      o->kind == JD_NUM_PERCENT_POINT) {
    static const qual_word suffix_quals[] = {
        {"多", JD_QUAL_MORE_THAN}, {"余", JD_QUAL_MORE_THAN},  {"以上", JD_QUAL_MORE_THAN},
        {"强", JD_QUAL_MORE_THAN}, {"左右", JD_QUAL_ABOUT},    {"上下", JD_QUAL_ABOUT},
        {"以下", JD_QUAL_AT_MOST}, {"以内", JD_QUAL_AT_MOST},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(suffix_quals); i++) {
      const char *w = suffix_quals[i].word;
      if (!at(t, len, q, w)) continue;
      /* 强 only after a percentage; 上下 not before a verb-like 下来 */
      if (strcmp(w, "强") == 0 && o->kind != JD_NUM_PERCENT) continue;
      if (strcmp(w, "多") == 0 && o->kind != JD_NUM_NUMBER) continue;
      if (strcmp(w, "余") == 0 && o->kind != JD_NUM_NUMBER) continue;
      if (o->qualifier == JD_QUAL_EXACT) o->qualifier = suffix_quals[i].q;
      q += strlen(w);
      o->end = q;
      break;
    }
  }

  /* ordinals: 第六, (三), 一是 / 二要 / 三、 at a clause start */
  if (o->kind == JD_NUM_NUMBER && !o->is_range) {
    gint64 iv = dec_small_int(&cr.v);
    int nn;
    gunichar next = char_at(t, len, o->digits_end, &nn);
    if (prev == 0x7B2C /* 第 */) {
      o->kind = JD_NUM_ORDINAL;
      o->start = pos - 3;
      o->qualifier = JD_QUAL_EXACT;
      o->end = o->digits_end;
      return o->end;
    }
    if ((prev == '(' || prev == 0xFF08) && (next == ')' || next == 0xFF09) && iv >= 0 &&
        (cr.chinese || iv <= 50) && o->qualifier == JD_QUAL_EXACT) {
      o->kind = JD_NUM_ORDINAL;
      o->start = pos - (size_t)pn;
      o->end = o->digits_end + (size_t)nn;
      return o->end;
    }
    int pp;
    gunichar before_prev = prev;
    if (prev == ' ' || prev == 0x3000) before_prev = char_before(t, 0, pos - (size_t)pn, &pp);
    if (is_clause_start(before_prev) && o->qualifier == JD_QUAL_EXACT && iv >= 1 && iv <= 99 &&
        !cr.trailing_big && !cr.decimals) {
      gboolean ord = FALSE;
      if (cr.chinese && (next == 0x662F /* 是 */ || next == 0x8981 /* 要 */ ||
                         next == 0x5219 /* 则 */ || next == 0x3001 /* 、 */))
        ord = TRUE;
      if (cr.arabic && (next == 0x3001 || ((next == '.' || next == 0xFF0E) &&
                                           !digit_follows(t, len, o->digits_end + (size_t)nn))))
        ord = TRUE;
      if (ord) {
        o->kind = JD_NUM_ORDINAL;
        o->end = o->digits_end;
        return o->end;
      }
    }
  }

  /* 上千人, 上万: more than; 数百, 几十: a few of that unit */
  if (o->kind == JD_NUM_NUMBER && !o->is_range && o->qualifier == JD_QUAL_EXACT &&
      (cn_unit(c) || cn_big(c)) && (prev == 0x4E0A /* 上 */ || prev == 0x6570 /* 数 */ ||
                                    prev == 0x51E0 /* 几 */)) {
    o->start = pos - (size_t)pn;
    if (prev == 0x4E0A) {
      o->qualifier = JD_QUAL_MORE_THAN;
    } else {
      o->is_range = TRUE;
      o->value_high = o->value * 9.0;
      o->value = o->value * 2.0;
      o->qualifier = JD_QUAL_ABOUT;
    }
    return o->end;
  }

  /* prefix qualifiers */
  if (o->kind != JD_NUM_ORDINAL && o->qualifier == JD_QUAL_EXACT) {
    for (size_t i = 0; i < G_N_ELEMENTS(prefix_quals); i++) {
      const char *w = prefix_quals[i].word;
      if (!before(t, floor, pos, w)) continue;
      size_t ws = pos - strlen(w);
      int bn;
      gunichar bp = char_before(t, floor, ws, &bn);
      if (prefix_blocked(w, bp)) continue;
      o->qualifier = prefix_quals[i].q;
      o->start = ws;
      break;
    }
  } else if (o->kind != JD_NUM_ORDINAL) {
    /* 超过340多 is still more than; only widen the span */
    for (size_t i = 0; i < G_N_ELEMENTS(prefix_quals); i++) {
      const char *w = prefix_quals[i].word;
      if (before(t, floor, pos, w) && prefix_quals[i].q == o->qualifier) {
        o->start = pos - strlen(w);
        break;
      }
    }
  }
  return o->end;
}

/* ---- public ------------------------------------------------------------- */

size_t jd_numeral_scan(const char *text, size_t len, GArray *out)
{
  size_t count = 0, floor = 0, p = 0;
  const guchar *u = (const guchar *)text;
  numeral_class_init();
  not_numbers_init();
  while (p < len) {
    guchar b = u[p];
    gboolean candidate = FALSE;
    if (b < 0x80) {
      if (b < '0' || b > '9') {
        p++;
        continue;
      }
      candidate = TRUE;
    } else if (b >= 0xE0 && b <= 0xEF && p + 2 < len) {
      if (!numeral_prefix[((b & 0x0F) << 6) | (u[p + 1] & 0x3F)]) {
        p += 3;
        continue;
      }
      gunichar c = ((gunichar)(b & 0x0F) << 12) | ((gunichar)(u[p + 1] & 0x3F) << 6) |
                   (u[p + 2] & 0x3F);
      candidate = is_cn_numeral(c) || (c >= 0xFF10 && c <= 0xFF19);
      if (!candidate) {
        p += 3;
        continue;
      }
    } else {
      p++;
      continue;
    }
    (void)candidate;
    jd_numeral num;
    size_t skip;
    size_t e = parse_at(text, len, floor, p, &num, &skip);
    if (e > p) {
      g_array_append_val(out, num);
      count++;
      floor = e;
      p = e;
    } else {
      p = skip > p ? skip : p + 1;
    }
  }
  return count;
}

gboolean jd_numeral_parse(const char *s, size_t len, jd_numeral *out)
{
  GArray *a = g_array_new(FALSE, FALSE, sizeof(jd_numeral));
  gboolean ok = FALSE;
  jd_numeral_scan(s, len, a);
  if (a->len == 1) {
    jd_numeral *n = &g_array_index(a, jd_numeral, 0);
    if (n->start == 0 && n->end == len) {
      *out = *n;
      ok = TRUE;
    }
  }
  g_array_unref(a);
  return ok;
}

static const char *const qual_names[] = {"exact",     "more_than", "nearly",  "about",
                                         "less_than", "at_least",  "at_most"};

const char *jd_qualifier_to_string(jd_qualifier q)
{
  if ((size_t)q < G_N_ELEMENTS(qual_names)) return qual_names[q];
  return "exact";
}

gboolean jd_qualifier_from_string(const char *s, jd_qualifier *out)
{
  if (!s) return FALSE;
  for (size_t i = 0; i < G_N_ELEMENTS(qual_names); i++) {
    if (strcmp(s, qual_names[i]) == 0) {
      *out = (jd_qualifier)i;
      return TRUE;
    }
  }
  return FALSE;
}

const char *jd_numeral_kind_to_string(jd_numeral_kind k)
{
  static const char *const names[] = {"number", "percent", "permille", "percent_point", "year",
                                      "date",   "time",    "ordinal",  "code"};
  if ((size_t)k < G_N_ELEMENTS(names)) return names[k];
  return "number";
}
