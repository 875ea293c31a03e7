/* Line breaking for Chinese text with embedded file names and numbers: runs
 * that should read as one word get Pango's allow-breaks attribute turned off
 * when they fit the line, so lines break between them instead. */
#include "render/wrap.h"

#include <string.h>

static gboolean run_byte(char c) { return c > 0x20 && c < 0x7f; }

/* 万, 亿, 余, 多 and ‰ belong to the number before them. */
static gboolean number_suffix(gunichar u)
{
  return u == 0x4E07 || u == 0x4EBF || u == 0x4F59 || u == 0x591A || u == 0x2030;
}

static gboolean ideograph(gunichar u) { return u >= 0x4E00 && u <= 0x9FFF; }

/* Width of text[0, len) in the layout's font, in Pango units. An upper
 * bound (one em per character) answers most runs without shaping them. */
static gboolean fits(PangoLayout *l, const char *text, int len, int width)
{
  const PangoFontDescription *fd = pango_layout_get_font_description(l);
  gint64 em = fd ? pango_font_description_get_size(fd) : 0;
  /* in 64 bits: a run of a million characters times the em overflows an int */
  gint64 chars = g_utf8_strlen(text, len);
  if (em > 0 && chars * em <= width) return TRUE;
  /* no character is narrower than a sixth of an em: a longer run cannot fit
   * (and is never shaped whole just to learn that) */
  if (em > 0 && chars * em > (gint64)width * 6) return FALSE;
  PangoLayout *m = pango_layout_new(pango_layout_get_context(l));
  if (fd) pango_layout_set_font_description(m, fd);
  pango_layout_set_text(m, text, len);
  PangoRectangle logical;
  pango_layout_get_extents(m, NULL, &logical);
  g_object_unref(m);
  return logical.width <= width;
}

static void keep(PangoAttrList *list, int start, int end)
{
  if (end - start < 2) return;
  PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
  a->start_index = (guint)start;
  a->end_index = (guint)end;
  pango_attr_list_insert(list, a);
}

typedef struct {
  int start, end;
  gboolean kinsoku; /* a 禁则 pair, kept even when its neighbours are not */
} span;

static void add_span(GArray *spans, int start, int end, gboolean kinsoku)
{
  if (end - start < 2) return;
  span sp = {start, end, kinsoku};
  g_array_append_val(spans, sp);
}

/* Keeps [s, e) together if it fits, else its pieces ending in '/' or ':'. */
static void protect_run(PangoLayout *l, GArray *spans, const char *text, int s, int e, int width)
{
  if (fits(l, text + s, e - s, width)) {
    add_span(spans, s, e, FALSE);
    return;
  }
  /* too wide with its measure word: the number with its 万 at least */
  const char *last = g_utf8_find_prev_char(text + s, text + e);
  if (last && ideograph(g_utf8_get_char(last)) && !number_suffix(g_utf8_get_char(last)) &&
      fits(l, text + s, (int)(last - text) - s, width)) {
    add_span(spans, s, (int)(last - text), FALSE);
    return;
  }
  int a = s;
  for (int i = s; i < e; i++) {
    if (text[i] != '/' && text[i] != ':' && i + 1 < e) continue;
    if (fits(l, text + a, i + 1 - a, width)) add_span(spans, a, i + 1, FALSE);
    a = i + 1;
  }
}

/* 禁则: punctuation no line may start with (closing marks, pauses and
 * stops, % and ‰) and none may end with (opening marks). */
static gboolean no_line_start(gunichar u)
{
  static const char closing[] = "，。、；：！？）」』”’》〉】〕…—%‰,.;:!?)]";
  char buf[8] = {0};
  g_unichar_to_utf8(u, buf);
  return u != 0x2014 && strstr(closing, buf) != NULL;
}

static gboolean no_line_end(gunichar u)
{
  static const char opening[] = "（「『“‘《〈【〔([";
  char buf[8] = {0};
  g_unichar_to_utf8(u, buf);
  return strstr(opening, buf) != NULL;
}

/* The 禁则 pairs of text: each closing mark with the character before it,
 * each opening mark with the one after it. */
static void kinsoku_spans(const char *text, GArray *spans)
{
  const char *prev = NULL;
  for (const char *c = text; *c; c = g_utf8_next_char(c)) {
    gunichar u = g_utf8_get_char(c);
    const char *next = g_utf8_next_char(c);
    if (prev && no_line_start(u)) add_span(spans, (int)(prev - text), (int)(next - text), TRUE);
    if (no_line_end(u) && *next)
      add_span(spans, (int)(c - text), (int)(g_utf8_next_char(next) - text), TRUE);
    prev = c;
  }
}

static int span_order(gconstpointer a, gconstpointer b)
{
  const span *x = a, *y = b;
  return x->start != y->start ? (x->start < y->start ? -1 : 1) : (x->end > y->end ? -1 : x->end < y->end);
}

/* Overlapping spans join into one kept together when it fits the width;
 * one too wide keeps only its 禁则 pairs (a line never starts with 。 even
 * where a long number must break). */
static void apply_spans(PangoLayout *l, PangoAttrList *list, const char *text, GArray *spans,
                        int width)
{
  g_array_sort(spans, span_order);
  guint i = 0;
  while (i < spans->len) {
    int s = g_array_index(spans, span, i).start, e = g_array_index(spans, span, i).end;
    guint j = i + 1;
    while (j < spans->len && g_array_index(spans, span, j).start < e) {
      e = MAX(e, g_array_index(spans, span, j).end);
      j++;
    }
    if (j == i + 1 || fits(l, text + s, e - s, width)) {
      keep(list, s, e);
    } else {
      /* the 禁则 pairs whole, the runs without the characters they share */
      for (guint k = i; k < j; k++) {
        span sp = g_array_index(spans, span, k);
        for (guint m = i; m < j && !sp.kinsoku; m++) {
          const span *q = &g_array_index(spans, span, m);
          if (!q->kinsoku) continue;
          if (q->start > sp.start && q->start < sp.end) sp.end = q->start;
          if (q->end > sp.start && q->end < sp.end && q->start <= sp.start) sp.start = q->end;
        }
        keep(list, sp.start, sp.end);
      }
    }
    i = j;
  }
}

static PangoAttrList *attrs_of(PangoLayout *l)
{
  PangoAttrList *old = pango_layout_get_attributes(l);
  return old ? pango_attr_list_copy(old) : pango_attr_list_new();
}

void jd_wrap_protect(PangoLayout *l)
{
  int width = pango_layout_get_width(l);
  if (width <= 0) return;
  char *text = g_strdup(pango_layout_get_text(l));
  gboolean retyped = FALSE;
  PangoAttrList *list = attrs_of(l);
  GArray *spans = g_array_new(FALSE, FALSE, sizeof(span));
  char *p = text;
  while (*p) {
    if (!run_byte(*p)) {
      p = g_utf8_next_char(p);
      continue;
    }
    const char *s = p;
    gboolean numeric;
    for (;;) {
      while (run_byte(*p)) p++;
      numeric = g_ascii_isdigit(p[-1]) || p[-1] == '%';
      /* 7.7万, 1480余 */
      while (numeric && *p && number_suffix(g_utf8_get_char(p))) p = g_utf8_next_char(p);
      /* a range or a negative number: 63880.6–65152.4, 255万—255.4万, 1—10月, −3 */
      gboolean en = strncmp(p, "\xe2\x80\x93", 3) == 0;
      if ((en || strncmp(p, "\xe2\x80\x94", 3) == 0 || strncmp(p, "\xe2\x88\x92", 3) == 0) &&
          run_byte(p[3])) {
        /* Pango breaks after an en dash whatever the attributes say; a range
         * of numbers takes the Chinese range dash (一字线, the same length
         * in UTF-8), as the periods of the report already do */
        if (en && numeric && g_ascii_isdigit(p[3])) {
          p[2] = (char)0x94;
          retyped = TRUE;
        }
        p += 3;
      } else {
        break;
      }
    }
    /* the measure word after a number: 7.7万名, 2019年 */
    if (numeric && *p && ideograph(g_utf8_get_char(p))) p = g_utf8_next_char(p);
    protect_run(l, spans, text, (int)(s - text), (int)(p - text), width);
  }
  kinsoku_spans(text, spans);
  apply_spans(l, list, text, spans, width);
  g_array_unref(spans);
  if (retyped) pango_layout_set_text(l, text, -1);
  pango_layout_set_attributes(l, list);
  pango_attr_list_unref(list);
  g_free(text);
}

void jd_wrap_keep(PangoLayout *l, int start, int end)
{
  int width = pango_layout_get_width(l);
  const char *text = pango_layout_get_text(l);
  if (start < 0 || end <= start || (size_t)end > strlen(text)) return;
  if (width > 0 && !fits(l, text + start, end - start, width)) return;
  PangoAttrList *list = attrs_of(l);
  keep(list, start, end);
  pango_layout_set_attributes(l, list);
  pango_attr_list_unref(list);
}
