/* The figure record made from a finished candidate: value rounded to nine
 * decimals, period and base formatted, the clause quoted (a window around the
 * figure when the clause is a whole page), and the explanation for --explain. */
#include <math.h>
#include <string.h>

#include "extract/extract-private.h"

void jd_emit_figure(jd_extractor *x, const char *t, unsigned line, cand *c)
{
  char period[40], base[40] = "";
  jd_period_format(&c->period, period, sizeof period);
  if (c->has_base) jd_period_format(&c->base, base, sizeof base);
  if (c->kind == JD_KIND_LEVEL || c->kind == JD_KIND_RATE || c->kind == JD_KIND_SHARE) base[0] = 0;
  const char *drug = c->drug ? c->drug : "";
  size_t qs = c->clause_start, qe = c->clause_end;
  while (qs < qe && (t[qs] == ' ')) qs++;
  /* a clause without punctuation for pages: quote the figure's neighbourhood */
  if (qe - qs > 600) {
    size_t a = back(qs, c->n.start, 240), b = MIN(qe, c->end + 240);
    while (a > qs && ((unsigned char)t[a] & 0xC0) == 0x80) a--;
    while (b < qe && ((unsigned char)t[b] & 0xC0) == 0x80) b++;
    qs = a;
    qe = b;
  }
  double v = c->value;
  if (fabs(v) < 1e15) v = round(v * 1e9) / 1e9;
  char *why = NULL;
  if (!jd_figure_value_plausible(c->unit, c->kind, v, &why)) {
    /* 5000000000人: a misread or a typo, no figure — left out, and said so */
    if (x->warnings->len < 100)
      g_ptr_array_add(x->warnings, g_strdup_printf("%s:%u: %s — left out; check the document",
                                                   x->doc, line, why));
    g_free(why);
    return;
  }
  char *quote = g_strndup(t + qs, qe - qs);
  /* the record lives only for the callback (which copies what it keeps):
   * its strings are borrowed, not copied, as jd_figure_new would give them */
  const char *span = jd_period_span_of(&c->period);
  jd_figure fig = {
      .doc = x->doc ? x->doc : (char *)"",
      .line = line,
      .quote = quote,
      .metric = (char *)c->metric,
      .scope = (char *)c->scope,
      .drug = (char *)drug,
      .region = (char *)c->region,
      .period = period,
      /* the span the text states (截至3月底: asof; 2018年以来 undated: months) */
      .span = (char *)(span && *span ? span : jd_period_span_name(period)),
      .value = v,
      .unit = (char *)(c->unit ? c->unit : ""),
      .qualifier = c->qualifier,
      .kind = c->kind,
      .base_period = base,
      .where = x->where ? x->where : (char *)"",
  };
  const jd_figure *f = &fig;
  char *explanation = NULL;
  if (c->why) {
    char *vs = jd_figure_format_value(v);
    explanation = g_strdup_printf("%s:%u: %s %s %s [%s] scope=%s span=%s — %s\n  clause: %s",
                                  x->doc, line, vs, c->unit, jd_qualifier_to_string(c->qualifier),
                                  jd_kind_to_string(c->kind), *f->scope ? f->scope : "(whole)",
                                  f->span, c->why->str, quote);
    g_free(vs);
  }
  if (x->func && !jd_title_hold(x, f, explanation)) x->func(f, explanation, x->data);
  g_free(explanation);
  g_free(quote);
}
