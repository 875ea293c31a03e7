/* A chart's digest: SHA-256 over everything that decides its pixels — the
 * type, texts, data, point flags and labels, trends, intervals, reference
 * lines, size, the theme's every value, jindu's version and the fonts
 * fontconfig offers. Two charts with the same digest draw the same bytes,
 * so a build keeps a chart file whose digest did not change. */
#include <string.h>

#include "chart/chart-private.h"

static void put_bytes(GChecksum *ck, const void *p, size_t n)
{
  g_checksum_update(ck, (const guchar *)p, (gssize)n);
}

/* A string with its length (NULL differs from ""), so no two fields run together. */
static void put_str(GChecksum *ck, const char *s)
{
  guint64 n = s ? strlen(s) : G_MAXUINT64;
  put_bytes(ck, &n, sizeof n);
  if (s) put_bytes(ck, s, strlen(s));
}

static void put_u64(GChecksum *ck, guint64 v) { put_bytes(ck, &v, sizeof v); }
static void put_double(GChecksum *ck, double v) { put_bytes(ck, &v, sizeof v); }

static void put_array(GChecksum *ck, const GArray *a)
{
  put_u64(ck, a ? a->len : G_MAXUINT64);
  if (a) put_bytes(ck, a->data, (size_t)a->len * g_array_get_element_size((GArray *)a));
}

static void put_theme(GChecksum *ck, const jd_theme *t)
{
  put_str(ck, t->font_family);
  put_str(ck, t->title_family);
  const double sizes[] = {t->title_size,  t->subtitle_size, t->axis_label_size,
                          t->tick_size,   t->category_size, t->value_size,
                          t->legend_size, t->footnote_size, t->kpi_size,
                          t->bar_width,   t->line_width};
  put_bytes(ck, sizes, sizeof sizes);
  put_u64(ck, (guint64)t->title_bold * 2 + (guint64)t->title_rule);
  const jd_rgba colors[] = {t->background, t->text, t->muted, t->axis, t->grid,
                            t->accent,     t->up,   t->down,  t->band};
  put_bytes(ck, colors, sizeof colors); /* doubles only: no padding */
  put_u64(ck, t->n_palette);
  put_bytes(ck, t->palette, t->n_palette * sizeof t->palette[0]);
  put_u64(ck, t->n_patterns);
  for (size_t i = 0; i < t->n_patterns; i++) put_u64(ck, (guint64)t->patterns[i]);
  put_bytes(ck, &t->spacing, sizeof t->spacing); /* doubles only */
}

static void put_series(GChecksum *ck, const jd_chart_series *s)
{
  put_str(ck, s->name);
  put_array(ck, s->values);
  put_array(ck, s->flags);
  put_array(ck, s->qualifiers);
  put_u64(ck, s->labels ? s->labels->len : 0);
  for (guint i = 0; s->labels && i < s->labels->len; i++) put_str(ck, s->labels->pdata[i]);
  put_array(ck, s->fit);
  put_array(ck, s->lower);
  put_array(ck, s->upper);
  put_u64(ck, s->forecast_from);
  put_str(ck, s->trend_label);
  put_str(ck, s->unit);
  put_array(ck, s->ci_lo);
  put_array(ck, s->ci_hi);
}

static void put_model(GChecksum *ck, const jd_chart *c)
{
  put_u64(ck, (guint64)c->type);
  const char *texts[] = {c->name, c->title, c->subtitle, c->x_label, c->y_label, c->unit,
                         c->footnote, c->kpi_change_label, c->interval_label};
  for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) put_str(ck, texts[i]);
  put_u64(ck, (guint64)c->number_style);
  put_u64(ck, (guint64)(gint64)c->decimals);
  put_double(ck, c->size.width);
  put_double(ck, c->size.height);
  put_double(ck, c->size.scale);
  put_double(ck, c->font_scale);
  put_u64(ck, (guint64)c->value_labels);
  put_u64(ck, c->categories->len);
  for (guint i = 0; i < c->categories->len; i++) put_str(ck, c->categories->pdata[i]);
  put_u64(ck, c->series->len);
  for (guint i = 0; i < c->series->len; i++) put_series(ck, c->series->pdata[i]);
  put_u64(ck, (guint64)c->kpi_change_set);
  put_double(ck, c->kpi_change);
  put_u64(ck, (guint64)c->kpi_change_kind);
  put_u64(ck, (guint64)(gint64)c->kpi_change_decimals);
  put_u64(ck, (guint64)c->range_set);
  put_double(ck, c->range_min);
  put_double(ck, c->range_max);
  put_u64(ck, c->refs ? c->refs->len : 0);
  for (guint i = 0; c->refs && i < c->refs->len; i++) {
    const jd_chart_ref *r = &g_array_index(c->refs, jd_chart_ref, i);
    put_double(ck, r->value);
    put_str(ck, r->label);
  }
}

char *jd_chart_digest(const jd_chart *c, jd_chart_format format)
{
  GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
  put_str(ck, "jindu chart digest 1");
  put_str(ck, jd_version());
  put_str(ck, jd_render_fonts_fingerprint());
  put_u64(ck, (guint64)format);
  put_model(ck, c);
  jd_theme *own = c->theme ? NULL : jd_theme_load("default", NULL);
  const jd_theme *t = c->theme ? c->theme : own;
  if (t)
    put_theme(ck, t);
  else
    put_str(ck, "no theme");
  if (own) jd_theme_free(own);
  char *d = g_strdup(g_checksum_get_string(ck));
  g_checksum_free(ck);
  return d;
}
