/* A title restating a body figure of a special span (海南省今年破获毒品刑事案件899起
 * above 今年以来，…共破获毒品刑事案件899起; 缴获毒品1.43吨 above 自去年10月…以来，…缴获
 * 各类毒品1.43吨): the title's figure is the body's, of the body's period. The
 * document's figures are held from its first title figure until a few
 * paragraphs into the body, then go out in order, the title's with the period of
 * the body figure it restates. */
#include <string.h>

#include "extract/extract-private.h"

/* How far into the body a restated figure is looked for, and how many figures
 * are held at most (then they go out as they are). */
#define TITLE_BODY_LINES 40
#define TITLE_HELD_MAX 400

typedef struct {
  jd_figure *f;
  char *explanation;
  gboolean title;
} held_figure;

static void held_figure_free(gpointer p)
{
  held_figure *h = p;
  jd_figure_free(h->f);
  g_free(h->explanation);
  g_free(h);
}

/* b restates the title's t: the same count of the same thing, of a period
 * inside t's year (t: 2015; b: 2015-01/2015-05, 2014-10/2015-03) */
static gboolean restates(const jd_figure *t, const jd_figure *b)
{
  return b->kind == JD_KIND_LEVEL && b->value == t->value && !strcmp(b->metric, t->metric) &&
         !strcmp(b->unit, t->unit) && !strcmp(b->drug, t->drug) &&
         !strcmp(b->region, t->region) && !strcmp(t->span, "year") &&
         strcmp(b->span, "year") != 0 && strcmp(b->span, "multiyear") != 0 &&
         strcmp(b->period, t->period) != 0 && strstr(b->period, t->period) != NULL;
}

static void take_body_period(jd_extractor *x, held_figure *t)
{
  for (guint i = 0; i < x->title_held->len; i++) {
    const held_figure *b = x->title_held->pdata[i];
    if (b->title || !restates(t->f, b->f)) continue;
    g_free(t->f->period);
    t->f->period = g_strdup(b->f->period);
    jd_figure_set_span(t->f, b->f->span);
    if (t->explanation) {
      char *e = g_strdup_printf("%s; period %s of the body figure it restates (line %u)",
                                t->explanation, b->f->period, b->f->line);
      g_free(t->explanation);
      t->explanation = e;
    }
    return;
  }
}

void jd_title_flush(jd_extractor *x)
{
  if (!x->title_held) return;
  GPtrArray *held = x->title_held;
  for (guint i = 0; i < held->len; i++) {
    held_figure *h = held->pdata[i];
    if (h->title && h->f->kind == JD_KIND_LEVEL) take_body_period(x, h);
  }
  x->title_held = NULL; /* figures the callback gives rise to go straight out */
  for (guint i = 0; i < held->len; i++) {
    held_figure *h = held->pdata[i];
    if (x->func) x->func(h->f, h->explanation, x->data);
  }
  g_ptr_array_unref(held);
}

gboolean jd_title_hold(jd_extractor *x, const jd_figure *f, const char *explanation)
{
  gboolean title = x->ctx.lead_line && f->line < x->ctx.lead_line;
  if (!x->title_held && !(title && f->kind == JD_KIND_LEVEL)) return FALSE;
  if (x->title_held && (f->line > x->ctx.lead_line + TITLE_BODY_LINES ||
                        x->title_held->len >= TITLE_HELD_MAX)) {
    jd_title_flush(x);
    return FALSE;
  }
  if (!x->title_held) x->title_held = g_ptr_array_new_with_free_func(held_figure_free);
  held_figure *h = g_new0(held_figure, 1);
  h->f = jd_figure_copy(f);
  h->explanation = g_strdup(explanation);
  h->title = title;
  g_ptr_array_add(x->title_held, h);
  return TRUE;
}
