/* The numeral system itself: exact decimals, the classes of numeral
 * characters, and the core reader of one number's digits and multipliers
 * (1480, 3,556, 四万三千四百, 十点四九, 6.8万, 二〇一六, 两三, 十几). What
 * surrounds a number (dates, percent signs, ranges, qualifier words) is read
 * by numeral.c. */
#include "numeral/numeral-private.h"

#include <string.h>

/* ---- exact decimals ---------------------------------------------------- */

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

numeral_dec numeral_dec_int(guint64 v)
{
  numeral_dec d = {v, 0, FALSE, (double)v};
  return d;
}

/* m = m * 10 + v, leaving the scale alone (approx is fixed up by the caller) */
static void dec_push_digit(numeral_dec *d, int v)
{
  guint64 r;
  if (d->ovf) return;
  if (!g_uint64_checked_mul(&r, d->m, 10) || !g_uint64_checked_add(&r, r, (guint64)v)) d->ovf = TRUE;
  else d->m = r;
}

static void dec_mul_u(numeral_dec *d, guint64 v)
{
  guint64 r;
  d->approx *= (double)v;
  if (d->ovf) return;
  if (!g_uint64_checked_mul(&r, d->m, v)) d->ovf = TRUE;
  else d->m = r;
}

/* Multiplies by 10^k, k >= 0, using up the fraction digits first. */
void numeral_dec_shift(numeral_dec *d, int k)
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

static void dec_rescale(numeral_dec *d, int s)
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

static void dec_add(numeral_dec *a, const numeral_dec *b)
{
  numeral_dec bb = *b;
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

gboolean numeral_dec_is_zero(const numeral_dec *d)
{
  return !d->ovf && d->m == 0;
}

gboolean numeral_dec_overflow(const numeral_dec *d)
{
  return d->ovf || (double)d->m > EXACT_LIMIT || d->s > 22;
}

double numeral_dec_value(const numeral_dec *d)
{
  if (numeral_dec_overflow(d)) return d->approx;
  return (double)d->m / dpow10[d->s];
}

/* integer value or -1 when it has a fraction or is large */
gint64 numeral_dec_small_int(const numeral_dec *d)
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

/* The character ending just before p (p > floor), or 0. */
gunichar numeral_char_before(const char *t, size_t floor, size_t p, int *n)
{
  if (p <= floor) {
    *n = 0;
    return 0;
  }
  size_t q = p - 1;
  while (q > floor && ((guchar)t[q] & 0xC0) == 0x80 && p - q < 4) q--;
  int m;
  gunichar c = numeral_char_at(t, p, q, &m);
  if (q + (size_t)m != p) {
    *n = 1;
    return 0xFFFD;
  }
  *n = m;
  return c;
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

guint8 numeral_class[0x10000];
guint8 numeral_prefix[1024];

void numeral_class_init(void)
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
    numeral_prefix[0x5EFF >> 6] = numeral_prefix[0x5345 >> 6] = 1; /* 廿 卅 (take_tens) */
    g_once_init_leave(&done, 1);
  }
}

gboolean numeral_is_financial_digit(gunichar c)
{
  switch (c) {
  case 0x58F9: case 0x8D30: case 0x8CB3: case 0x53C1: case 0x53C3: case 0x8086:
  case 0x4F0D: case 0x9646: case 0x9678: case 0x67D2: case 0x634C: case 0x7396:
    return TRUE;
  default:
    return FALSE;
  }
}

/* Reads ASCII/full-width digits with optional 3-digit comma groups and a
 * decimal point. Returns FALSE when there is no digit at p. */
static gboolean read_arabic(const char *t, size_t len, size_t p, numeral_dec *out, int *decimals,
                            int *ndigits, size_t *end)
{
  numeral_dec d = numeral_dec_int(0);
  int n, nd = 0, dd = 0;
  size_t q = p;
  gunichar c;
  for (;;) {
    c = numeral_char_at(t, len, q, &n);
    int v = numeral_arabic_digit(c);
    if (v >= 0) {
      dec_push_digit(&d, v);
      nd++;
      q += (size_t)n;
      continue;
    }
    /* 1,100 and 3,556: a comma followed by exactly three digits */
    if (c == ',' && nd > 0 && q + 4 <= len && numeral_arabic_digit((guchar)t[q + 1]) >= 0 &&
        numeral_arabic_digit((guchar)t[q + 2]) >= 0 && numeral_arabic_digit((guchar)t[q + 3]) >= 0 &&
        (q + 4 == len || numeral_arabic_digit((guchar)t[q + 4]) < 0)) {
      q += 1;
      continue;
    }
    break;
  }
  if (nd == 0) return FALSE;
  *ndigits = nd;
  c = numeral_char_at(t, len, q, &n);
  if (c == '.' || c == 0xFF0E) {
    int m;
    gunichar c2 = numeral_char_at(t, len, q + (size_t)n, &m);
    if (numeral_arabic_digit(c2) >= 0) {
      q += (size_t)n;
      for (;;) {
        c = numeral_char_at(t, len, q, &m);
        int v = numeral_arabic_digit(c);
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
      gunichar ch = numeral_char_at(t, len, i, &m);
      int v = numeral_arabic_digit(ch);
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

/* How many Chinese decimals start at p (the digits after a 点); with frac,
 * their value (四七: 0.47) and where they end. */
static int cn_decimals_at(const char *t, size_t len, size_t p, numeral_dec *frac, size_t *end)
{
  int m, v, fd = 0;
  numeral_dec f = numeral_dec_int(0);
  gunichar d = numeral_char_at(t, len, p, &m);
  while ((v = numeral_cn_digit(d)) >= 0) {
    dec_mul_u(&f, 10);
    numeral_dec one = numeral_dec_int((guint64)v);
    dec_add(&f, &one);
    fd++;
    p += (size_t)m;
    d = numeral_char_at(t, len, p, &m);
  }
  f.s = fd;
  if (!f.ovf) f.approx = (double)f.m / pow10_d(fd);
  if (frac) *frac = f;
  if (end) *end = p;
  return fd;
}

/* Two neighbouring digits that name a vague range: 两三, 三四, 三五 (not 二五). */
static int range_pair(int a, int b)
{
  return (a >= 1 && b == a + 1 && b <= 9) || (a == 3 && b == 5);
}

/* Accepts a run of two or more Chinese digits:
 *   两三, 三四十, 五六万   two neighbouring digits (times a multiplier): a range
 *   二〇一六, 一九九八     digits read one by one (not before 十百千万亿点); a
 *                         year may have Latin zeros (二00六年)
 * FALSE for anything else, which is then read with its multipliers. */
static gboolean read_digit_run(const char *t, size_t len, size_t pos, numeral_core *o)
{
  int ds[32], r = 0;
  size_t q = pos;
  gboolean ascii_zero = FALSE; /* 二00六年: a year typed with Latin zeros */
  for (;;) {
    int m;
    gunichar d = numeral_char_at(t, len, q, &m);
    int v = numeral_cn_digit(d);
    if (v < 0 && r > 0 && d == '0') {
      v = 0;
      ascii_zero = TRUE;
    }
    /* 八九O九, 二o一五: a Latin letter O typed for 〇 between Chinese digits */
    if (v < 0 && r > 0 && (d == 'o' || d == 'O')) {
      int m2;
      gunichar after = numeral_char_at(t, len, q + (size_t)m, &m2);
      if (numeral_cn_digit(after) >= 0 || (r == 3 && after == 0x5E74 /* 年: 二O二O年 */)) v = 0;
    }
    if (v < 0 || r == 32) break;
    ds[r++] = v;
    q += (size_t)m;
  }
  if (r < 2) return FALSE;
  int m;
  gunichar next = numeral_char_at(t, len, q, &m);
  if (ascii_zero && (r != 4 || next != 0x5E74 /* 年 */)) return FALSE;
  gboolean unit_next = numeral_cn_unit(next) || numeral_cn_big(next) || numeral_is_cn_point(next);
  if (r == 2 && range_pair(ds[0], ds[1])) {
    numeral_dec lo = numeral_dec_int((guint64)ds[0]), hi = numeral_dec_int((guint64)ds[1]);
    while (numeral_cn_unit(next) || numeral_cn_big(next)) {
      guint64 u = numeral_cn_unit(next) ? (guint64)numeral_cn_unit(next)
                  : numeral_cn_big(next) == 4 ? 10000 : 100000000;
      dec_mul_u(&lo, u);
      dec_mul_u(&hi, u);
      q += (size_t)m;
      next = numeral_char_at(t, len, q, &m);
    }
    o->end = q;
    o->v = lo;
    o->hi = hi;
    o->is_range = TRUE;
    o->chinese = TRUE;
    return TRUE;
  }
  /* ○九年: a two-digit year with its leading zero (read as 9; the extractor
   * tells the year from how it is written) */
  if (ds[0] == 0 && !(r == 2 && next == 0x5E74 /* 年 */)) return FALSE;
  /* 三四三点二, 四八一点四七: digits read one by one, then decimals */
  int fd = numeral_is_cn_point(next) ? cn_decimals_at(t, len, q + (size_t)m, NULL, NULL) : 0;
  if (unit_next && fd == 0) return FALSE;
  numeral_dec v = numeral_dec_int(0);
  for (int i = 0; i < r; i++) {
    dec_mul_u(&v, 10);
    numeral_dec one = numeral_dec_int((guint64)ds[i]);
    dec_add(&v, &one);
  }
  o->chinese = TRUE;
  if (fd > 0) {
    numeral_dec frac;
    q += (size_t)m;
    cn_decimals_at(t, len, q, &frac, &q);
    dec_add(&v, &frac);
    o->decimals = fd;
  } else {
    o->plain = TRUE;
    o->ndigits = r;
  }
  o->end = q;
  o->v = v;
  o->hi = v;
  return TRUE;
}

/* The state of reading one number element by element (an element is a digit
 * run, a Chinese digit, 十百千, 万亿 or a 点 with its decimals). A number is
 * 亿 part + 万 part + the section below 万 + the digit not yet multiplied. */
typedef struct {
  const char *t;
  size_t len;
  size_t q;                      /* where the next character starts */
  numeral_dec yi, wan, sec, num; /* 亿 part, 万 part, section, pending digit(s) */
  gboolean have_num;             /* num holds a digit not yet multiplied */
  gboolean zero;                 /* a 零 since the last unit (一千零五) */
  gboolean num_cn_single;        /* num is one Chinese digit (三万五: 5000) */
  gboolean had_point;            /* decimals read: nothing but 万亿 may follow */
  gboolean any_wan;              /* a 万 since the last 亿 */
  int last_small;                /* the last of 十百千 read, 0 after 万亿 */
  int elements;
  int last_exp;                  /* power of ten of the last unit (十 1, 百 2, 万 4) */
  int trailing_big;              /* exponent of a 万亿 that ends the number so far */
  numeral_core *o;
} core_reader;

/* 1480, 3,556, 30.92 (only first, and not after a 点) */
static gboolean take_arabic(core_reader *r, gunichar c)
{
  if (numeral_arabic_digit(c) < 0 || r->have_num || r->had_point) return FALSE;
  int dd, nd;
  size_t e;
  numeral_dec d;
  if (!read_arabic(r->t, r->len, r->q, &d, &dd, &nd, &e)) return FALSE;
  r->num = d;
  r->have_num = TRUE;
  r->num_cn_single = FALSE;
  r->o->arabic = TRUE;
  r->o->decimals = dd;
  r->o->ndigits = nd;
  if (dd > 0) r->had_point = TRUE;
  r->q = e;
  r->elements++;
  r->trailing_big = 0;
  return TRUE;
}

/* 一 .. 九 (两, 壹 ...): a digit waiting for its unit */
static gboolean take_cn_digit(core_reader *r, gunichar c, int n)
{
  int v = numeral_cn_digit(c);
  if (v < 0 || r->have_num || r->had_point) return FALSE;
  if (v == 0) {
    /* 零点八: 0.8, a zero before the point only */
    int m;
    if (r->elements > 0 || !numeral_is_cn_point(numeral_char_at(r->t, r->len, r->q + (size_t)n, &m)))
      return FALSE;
  }
  r->num = numeral_dec_int((guint64)v);
  r->have_num = TRUE;
  r->num_cn_single = TRUE;
  r->o->chinese = TRUE;
  r->q += (size_t)n;
  r->elements++;
  r->trailing_big = 0;
  return TRUE;
}

/* 一万九六八八, 一万七八九五: right after 万, four digits read one by one are
 * the part below 万 (not 一万九: 19000, nor 三万五千) */
static gboolean take_wan_digits(core_reader *r)
{
  if (r->trailing_big != 4 || r->have_num || r->had_point) return FALSE;
  size_t p = r->q;
  int m, ds = 0;
  guint64 v = 0;
  for (; ds < 5; ds++) {
    gunichar d = numeral_char_at(r->t, r->len, p, &m);
    int dv = numeral_cn_digit(d);
    if (dv < 0 && (d == 'o' || d == 'O')) dv = 0; /* 一万二O五O: O typed for 〇 */
    if (dv < 0 || m == 0) {
      if (numeral_is_cn(d) || numeral_is_cn_point(d)) return FALSE;
      break;
    }
    v = v * 10 + (guint64)dv;
    p += (size_t)m;
  }
  if (ds != 4) return FALSE;
  r->sec = numeral_dec_int(v);
  r->last_small = 1; /* nothing smaller may follow */
  r->last_exp = 0;
  r->q = p;
  r->elements++;
  r->trailing_big = 0;
  return TRUE;
}

/* 廿 (20) and 卅 (30), first or after 百 or 千 (廿一: 21, 一百卅五: 135) */
static gboolean take_tens(core_reader *r, gunichar c, int n)
{
  int v = c == 0x5EFF /* 廿 */ ? 20 : c == 0x5345 /* 卅 */ ? 30 : 0;
  if (!v || r->have_num || r->had_point ||
      (r->last_small && r->last_small <= 10))
    return FALSE;
  numeral_dec t = numeral_dec_int((guint64)v);
  dec_add(&r->sec, &t);
  r->last_small = 10;
  r->last_exp = 1;
  r->zero = FALSE;
  r->q += (size_t)n;
  r->elements++;
  r->trailing_big = 0;
  return TRUE;
}

/* 零 inside a number (一千零五), never first */
static gboolean take_zero(core_reader *r, gunichar c, int n)
{
  if (numeral_cn_digit(c) != 0 || r->elements == 0 || r->have_num || r->had_point) return FALSE;
  r->zero = TRUE;
  r->q += (size_t)n;
  return TRUE;
}

/* 十 百 千, falling in size (三千四百, 十五; not 百分之, 千分之) */
static gboolean take_small_unit(core_reader *r, gunichar c, int n)
{
  int u = numeral_cn_unit(c);
  if (!u || r->had_point) return FALSE;
  if ((u == 100 && numeral_at(r->t, r->len, r->q, "百分")) ||
      (u == 1000 && numeral_at(r->t, r->len, r->q, "千分之")))
    return FALSE;
  if (r->last_small && u >= r->last_small) return FALSE;
  if (!r->have_num && r->elements > 0 && u != 10) return FALSE;
  numeral_dec m = r->have_num ? r->num : numeral_dec_int(1);
  dec_mul_u(&m, (guint64)u);
  dec_add(&r->sec, &m);
  r->last_small = u;
  r->have_num = FALSE;
  r->num = numeral_dec_int(0);
  r->num_cn_single = FALSE;
  r->zero = FALSE;
  r->last_exp = u == 10 ? 1 : u == 100 ? 2 : 3;
  r->o->chinese = TRUE;
  r->q += (size_t)n;
  r->elements++;
  r->trailing_big = 0;
  return TRUE;
}

/* 万 and 亿 multiply what comes before them (二十万亿: 亿 takes the 万 part too;
 * not 亿万 or 一万万) */
static gboolean take_big_unit(core_reader *r, gunichar c, int n)
{
  int b = numeral_cn_big(c);
  if (!b) return FALSE;
  numeral_dec tot = r->sec;
  dec_add(&tot, &r->num);
  if (b == 8) dec_add(&tot, &r->wan);
  if (r->elements > 0 && numeral_dec_is_zero(&tot)) return FALSE;
  if (r->elements == 0) tot = numeral_dec_int(1);
  if (b == 4) {
    if (r->any_wan) return FALSE;
    numeral_dec_shift(&tot, 4);
    r->wan = tot;
    r->any_wan = TRUE;
  } else {
    dec_add(&tot, &r->yi);
    numeral_dec_shift(&tot, 8);
    r->yi = tot;
    r->wan = numeral_dec_int(0);
    r->any_wan = FALSE;
  }
  r->sec = numeral_dec_int(0);
  r->num = numeral_dec_int(0);
  r->have_num = FALSE;
  r->num_cn_single = FALSE;
  r->had_point = FALSE;
  r->zero = FALSE;
  r->last_small = 0;
  r->last_exp = b;
  r->o->chinese = TRUE;
  r->q += (size_t)n;
  r->elements++;
  r->trailing_big = b;
  return TRUE;
}

/* 点 and the Chinese decimals after it (十点四九), once, not after Arabic digits */
static gboolean take_point(core_reader *r, gunichar c, int n)
{
  if (!numeral_is_cn_point(c) || !(r->have_num || !numeral_dec_is_zero(&r->sec)) ||
      r->had_point || r->o->arabic)
    return FALSE;
  size_t p = r->q + (size_t)n;
  numeral_dec frac;
  int fd = cn_decimals_at(r->t, r->len, p, &frac, &p);
  if (fd == 0) return FALSE;
  numeral_dec ip = r->sec;
  dec_add(&ip, &r->num);
  dec_add(&ip, &frac);
  r->num = ip;
  r->sec = numeral_dec_int(0);
  r->have_num = TRUE;
  r->had_point = TRUE;
  r->num_cn_single = FALSE;
  r->o->decimals = fd;
  r->q = p;
  r->elements++;
  r->trailing_big = 0;
  return TRUE;
}

/* 340多万, 5余万: an approximation word between the number and 万/亿 (or 百千
 * after Arabic digits) */
static gboolean take_inner_more(core_reader *r, gunichar c, int n)
{
  if ((c != 0x591A /* 多 */ && c != 0x4F59 /* 余 */) ||
      !(r->have_num || !numeral_dec_is_zero(&r->sec)))
    return FALSE;
  int m;
  gunichar d = numeral_char_at(r->t, r->len, r->q + (size_t)n, &m);
  if (!numeral_cn_big(d) && !(numeral_cn_unit(d) > 10 && r->o->arabic)) return FALSE;
  r->o->inner_more = TRUE;
  r->q += (size_t)n;
  return TRUE;
}

/* 十几, 二十几万: 几 after 十 is a range over the units digit. c and n are the
 * character where the elements stopped. */
static gboolean finish_ji(core_reader *r, gunichar c, int n)
{
  if (c != 0x51E0 /* 几 */ || r->last_exp != 1 || r->have_num || r->had_point) return FALSE;
  numeral_dec lo = r->yi, hi;
  dec_add(&lo, &r->wan);
  dec_add(&lo, &r->sec);
  hi = lo;
  numeral_dec one = numeral_dec_int(1), nine = numeral_dec_int(9);
  dec_add(&lo, &one);
  dec_add(&hi, &nine);
  size_t q = r->q + (size_t)n;
  int m;
  gunichar d = numeral_char_at(r->t, r->len, q, &m);
  int bb = numeral_cn_big(d);
  if (bb && numeral_dec_is_zero(&r->wan) && numeral_dec_is_zero(&r->yi)) {
    numeral_dec_shift(&lo, bb);
    numeral_dec_shift(&hi, bb);
    q += (size_t)m;
  }
  r->o->v = lo;
  r->o->hi = hi;
  r->o->is_range = TRUE;
  r->o->approximate = TRUE;
  r->o->end = q;
  return TRUE;
}

/* Adds the parts up; 三万五 = 35000 and 一百五 = 150 (the unit after the last
 * digit is left out). */
static void finish_total(core_reader *r)
{
  numeral_core *o = r->o;
  if (r->have_num && r->num_cn_single && r->last_exp >= 2 && !r->zero)
    numeral_dec_shift(&r->num, r->last_exp - 1);
  numeral_dec total = r->yi;
  dec_add(&total, &r->wan);
  dec_add(&total, &r->sec);
  dec_add(&total, &r->num);
  o->v = total;
  o->hi = total;
  o->end = r->q;
  o->trailing_big = r->trailing_big;
  o->plain = r->elements == 1 && r->have_num && !r->had_point && !r->num_cn_single ? o->arabic
                                                                                    : FALSE;
  if (r->elements == 1 && r->have_num && r->num_cn_single) {
    o->plain = TRUE;
    o->ndigits = 1;
  }
  o->single_cn = r->elements == 1 && o->chinese && !o->arabic && !r->had_point;
  if (!o->plain) o->ndigits = 0;
}

gboolean numeral_parse_core(const char *t, size_t len, size_t pos, numeral_core *o)
{
  memset(o, 0, sizeof *o);
  o->v = numeral_dec_int(0);
  int n;
  gunichar c = numeral_char_at(t, len, pos, &n);
  if (numeral_cn_digit(c) >= 0 && read_digit_run(t, len, pos, o)) return TRUE;

  core_reader r = {t, len, pos, numeral_dec_int(0), numeral_dec_int(0), numeral_dec_int(0),
                   numeral_dec_int(0), FALSE, FALSE, FALSE, FALSE, FALSE, 0, 0, 0, 0, o};
  for (;;) {
    c = numeral_char_at(t, len, r.q, &n);
    if (n == 0) break;
    if (!(take_arabic(&r, c) || take_wan_digits(&r) || take_cn_digit(&r, c, n) ||
          take_zero(&r, c, n) || take_small_unit(&r, c, n) || take_tens(&r, c, n) ||
          take_big_unit(&r, c, n) || take_point(&r, c, n) || take_inner_more(&r, c, n)))
      break;
  }
  if (r.elements == 0) return FALSE;
  if (finish_ji(&r, c, n)) return TRUE;
  finish_total(&r);
  return TRUE;
}

/* The numeral system's own digits, 零 to 九, and 十 (code points). */
static const gunichar cn_digit[] = {0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
                                    0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
#define CN_TEN 0x5341

char *jd_numeral_to_chinese(guint n)
{
  if (n == 0 || n > 99) return g_strdup_printf("%u", n);
  GString *s = g_string_sized_new(12);
  if (n >= 10) {
    if (n / 10 > 1) g_string_append_unichar(s, cn_digit[n / 10]);
    g_string_append_unichar(s, CN_TEN);
  }
  if (n % 10) g_string_append_unichar(s, cn_digit[n % 10]);
  return g_string_free(s, FALSE);
}
