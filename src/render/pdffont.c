/* Small PDF fonts: cairo 1.16 embeds CFF subsets of the CJK fonts that keep
 * all of the original subroutines (≈ 58 KB per font for a chart's forty
 * glyphs). For PDF output we first collect the glyphs a chart uses, cut each
 * font down to them with HarfBuzz's subsetter (subroutines inlined, no
 * hinting, no layout tables; glyphs renumbered through the subset plan) and
 * draw the runs Pango shaped with those faces through cairo_show_text_glyphs,
 * so the text stays searchable. Any failure falls back to Pango drawing. */
#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-subset.h>
#include <hb.h>
#include <pango/pangofc-font.h>
#include <string.h>

#include "render/pdffont.h"

typedef struct {
  char *file;
  int index;
  hb_set_t *glyphs;
  cairo_font_face_t *face; /* the subset, after prepare */
  hb_subset_plan_t *plan;  /* its glyph renumbering */
} face_entry;

struct jd_pdf_fonts {
  GHashTable *by_font; /* PangoFont* -> face_entry* (borrowed) */
  GPtrArray *faces;    /* face_entry*, owned */
  gboolean ready;
  jd_pdf_fonts_text_fn sink; /* text mode: layouts go here, nothing is drawn */
  gpointer sink_data;
};

typedef struct {
  FT_Face ft;
  hb_blob_t *blob;
} face_holder;

static FT_Library ft_library(void)
{
  static FT_Library lib;
  if (!lib && FT_Init_FreeType(&lib) != 0) lib = NULL;
  return lib;
}

static void face_entry_free(gpointer p)
{
  face_entry *e = p;
  g_free(e->file);
  hb_set_destroy(e->glyphs);
  if (e->face) cairo_font_face_destroy(e->face);
  if (e->plan) hb_subset_plan_destroy(e->plan);
  g_free(e);
}

jd_pdf_fonts *jd_pdf_fonts_new(void)
{
  jd_pdf_fonts *pf = g_new0(jd_pdf_fonts, 1);
  pf->by_font = g_hash_table_new(g_direct_hash, g_direct_equal);
  pf->faces = g_ptr_array_new_with_free_func(face_entry_free);
  return pf;
}

jd_pdf_fonts *jd_pdf_fonts_new_text_sink(jd_pdf_fonts_text_fn fn, gpointer data)
{
  jd_pdf_fonts *pf = jd_pdf_fonts_new();
  pf->sink = fn;
  pf->sink_data = data;
  pf->ready = TRUE;
  return pf;
}

void jd_pdf_fonts_free(jd_pdf_fonts *pf)
{
  if (!pf) return;
  g_hash_table_unref(pf->by_font);
  g_ptr_array_unref(pf->faces);
  g_free(pf);
}

static face_entry *entry_for(jd_pdf_fonts *pf, PangoFont *font)
{
  face_entry *e = g_hash_table_lookup(pf->by_font, font);
  if (e) return e;
  if (!PANGO_IS_FC_FONT(font)) return NULL;
  FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
  FcChar8 *file = NULL;
  int index = 0;
  if (!pat || FcPatternGetString(pat, FC_FILE, 0, &file) != FcResultMatch) return NULL;
  FcPatternGetInteger(pat, FC_INDEX, 0, &index);
  for (guint i = 0; i < pf->faces->len && !e; i++) {
    face_entry *x = g_ptr_array_index(pf->faces, i);
    if (x->index == index && strcmp(x->file, (const char *)file) == 0) e = x;
  }
  if (!e) {
    e = g_new0(face_entry, 1);
    e->file = g_strdup((const char *)file);
    e->index = index;
    e->glyphs = hb_set_create();
    hb_set_add(e->glyphs, 0);
    g_ptr_array_add(pf->faces, e);
  }
  g_hash_table_insert(pf->by_font, font, e);
  return e;
}

void jd_pdf_fonts_collect(jd_pdf_fonts *pf, PangoLayout *lay)
{
  if (pf->sink) return;
  PangoLayoutIter *it = pango_layout_get_iter(lay);
  do {
    PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
    if (!run) continue;
    face_entry *e = entry_for(pf, run->item->analysis.font);
    if (!e) continue;
    for (int i = 0; i < run->glyphs->num_glyphs; i++) {
      PangoGlyph g = run->glyphs->glyphs[i].glyph;
      if (g != PANGO_GLYPH_EMPTY && !(g & PANGO_GLYPH_UNKNOWN_FLAG)) hb_set_add(e->glyphs, g);
    }
  } while (pango_layout_iter_next_run(it));
  pango_layout_iter_free(it);
}

static void holder_free(void *p)
{
  face_holder *h = p;
  FT_Done_Face(h->ft);
  hb_blob_destroy(h->blob);
  g_free(h);
}

static cairo_font_face_t *subset_face(face_entry *e)
{
  static const cairo_user_data_key_t key;
  FT_Library lib = ft_library();
  if (!lib) return NULL;
  hb_blob_t *blob = hb_blob_create_from_file_or_fail(e->file);
  if (!blob) return NULL;
  hb_face_t *face = hb_face_create(blob, (unsigned)e->index);
  hb_blob_destroy(blob);
  hb_subset_input_t *in = hb_subset_input_create_or_fail();
  hb_face_t *sub = NULL;
  hb_blob_t *out = NULL;
  cairo_font_face_t *cf = NULL;
  if (!in) goto out;
  hb_set_union(hb_subset_input_glyph_set(in), e->glyphs);
  hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE | HB_SUBSET_FLAGS_NO_HINTING);
  hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
  static const char *const tags[] = {"GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea",
                                     "vmtx", "DSIG", "JSTF", "MATH"};
  for (size_t i = 0; i < G_N_ELEMENTS(tags); i++) hb_set_add(drop, hb_tag_from_string(tags[i], 4));
  e->plan = hb_subset_plan_create_or_fail(face, in);
  if (!e->plan) goto out;
  sub = hb_subset_plan_execute_or_fail(e->plan);
  if (!sub) goto out;
  out = hb_face_reference_blob(sub);
  unsigned len = 0;
  const char *data = hb_blob_get_data(out, &len);
  FT_Face ft = NULL;
  if (!len || FT_New_Memory_Face(lib, (const FT_Byte *)data, (FT_Long)len, 0, &ft) != 0) goto out;
  cf = cairo_ft_font_face_create_for_ft_face(ft, 0);
  face_holder *h = g_new(face_holder, 1);
  h->ft = ft;
  h->blob = out;
  if (cairo_font_face_set_user_data(cf, &key, h, holder_free) != CAIRO_STATUS_SUCCESS) {
    cairo_font_face_destroy(cf);
    cf = NULL;
    holder_free(h);
  }
  out = NULL; /* owned by the holder now (or freed) */
out:
  if (out) hb_blob_destroy(out);
  if (sub) hb_face_destroy(sub);
  if (in) hb_subset_input_destroy(in);
  hb_face_destroy(face);
  return cf;
}

/* Subsets made in this process, by font file, index and glyph set: a report
 * or a batch draws many charts with the same glyphs (the faces stay reachable
 * here, not leaked; SUBSET_CACHE_MAX bounds them). */
typedef struct {
  cairo_font_face_t *face;
  hb_subset_plan_t *plan;
} cached_subset;

static void cached_subset_free(gpointer p)
{
  cached_subset *c = p;
  cairo_font_face_destroy(c->face);
  hb_subset_plan_destroy(c->plan);
  g_free(c);
}

/* At most this many subsets are kept: a process that draws many PDFs with
 * different text (a long batch, the fuzzer: 2 GB after 250,000 briefings)
 * must not keep one per glyph set for ever. A full cache starts again empty;
 * the faces in use hold their own references. */
#define SUBSET_CACHE_MAX 64

static GHashTable *subset_cache(void)
{
  static GHashTable *cache;
  if (!cache) cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, cached_subset_free);
  if (g_hash_table_size(cache) >= SUBSET_CACHE_MAX) g_hash_table_remove_all(cache);
  return cache;
}

static char *cache_key(const face_entry *e)
{
  GString *k = g_string_new(e->file);
  g_string_append_printf(k, "#%d:", e->index);
  hb_codepoint_t g = HB_SET_VALUE_INVALID;
  while (hb_set_next(e->glyphs, &g)) g_string_append_printf(k, "%u,", g);
  return g_string_free(k, FALSE);
}

/* The cache and FreeType's library are shared by the threads that draw
 * charts at once (FT_New_Memory_Face on one library is not thread-safe). */
G_LOCK_DEFINE_STATIC(subsets);

static gboolean prepare_locked(jd_pdf_fonts *pf)
{
  for (guint i = 0; i < pf->faces->len; i++) {
    face_entry *e = g_ptr_array_index(pf->faces, i);
    char *key = cache_key(e);
    cached_subset *c = g_hash_table_lookup(subset_cache(), key);
    if (!c) {
      e->face = subset_face(e);
      if (!e->face) {
        g_free(key);
        return FALSE;
      }
      c = g_new(cached_subset, 1);
      c->face = cairo_font_face_reference(e->face);
      c->plan = hb_subset_plan_reference(e->plan);
      g_hash_table_insert(subset_cache(), key, c);
    } else {
      g_free(key);
      e->face = cairo_font_face_reference(c->face);
      e->plan = hb_subset_plan_reference(c->plan);
    }
  }
  return TRUE;
}

gboolean jd_pdf_fonts_prepare(jd_pdf_fonts *pf)
{
  G_LOCK(subsets);
  gboolean ok = prepare_locked(pf);
  G_UNLOCK(subsets);
  if (ok) pf->ready = TRUE;
  return ok;
}

/* Draws one shaped run with its subset face, its origin at x on baseline base. */
static void show_run(jd_pdf_fonts *pf, cairo_t *cr, const char *text, PangoLayoutRun *run,
                     double x, double base, GArray *glyphs, GArray *clusters)
{
  PangoItem *item = run->item;
  face_entry *e = g_hash_table_lookup(pf->by_font, item->analysis.font);
  cairo_scaled_font_t *orig = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(item->analysis.font));
  if (!orig) return;
  cairo_matrix_t fm;
  cairo_scaled_font_get_font_matrix(orig, &fm);
  cairo_set_font_face(cr, e->face);
  cairo_set_font_matrix(cr, &fm);
  g_array_set_size(glyphs, 0);
  g_array_set_size(clusters, 0);
  PangoGlyphString *gs = run->glyphs;
  int i = 0;
  while (i < gs->num_glyphs) {
    int start = gs->log_clusters[i], j = i;
    int nglyphs = 0;
    while (j < gs->num_glyphs && gs->log_clusters[j] == start) {
      PangoGlyphInfo *gi = &gs->glyphs[j];
      hb_codepoint_t ng = HB_MAP_VALUE_INVALID;
      if (gi->glyph != PANGO_GLYPH_EMPTY && !(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
        ng = hb_map_get(hb_subset_plan_old_to_new_glyph_mapping(e->plan), gi->glyph);
      if (ng != HB_MAP_VALUE_INVALID) {
        cairo_glyph_t cg = {ng, x + gi->geometry.x_offset / (double)PANGO_SCALE,
                            base + gi->geometry.y_offset / (double)PANGO_SCALE};
        g_array_append_val(glyphs, cg);
        nglyphs++;
      }
      x += gi->geometry.width / (double)PANGO_SCALE;
      j++;
    }
    int end = j < gs->num_glyphs ? gs->log_clusters[j] : item->length;
    cairo_text_cluster_t cl = {end - start, nglyphs};
    if (cl.num_bytes > 0 || cl.num_glyphs > 0) {
      if (cl.num_bytes > 0 && cl.num_glyphs == 0 && clusters->len > 0) {
        /* text without a glyph (a line break) joins the previous cluster */
        g_array_index(clusters, cairo_text_cluster_t, clusters->len - 1).num_bytes += cl.num_bytes;
      } else if (cl.num_bytes > 0) {
        g_array_append_val(clusters, cl);
      }
    }
    i = j;
  }
  int bytes = 0, nglyph = 0;
  for (guint k = 0; k < clusters->len; k++) {
    bytes += g_array_index(clusters, cairo_text_cluster_t, k).num_bytes;
    nglyph += g_array_index(clusters, cairo_text_cluster_t, k).num_glyphs;
  }
  if (glyphs->len == 0) return;
  if (bytes == item->length && nglyph == (int)glyphs->len)
    cairo_show_text_glyphs(cr, text + item->offset, item->length,
                           (cairo_glyph_t *)(void *)glyphs->data, (int)glyphs->len,
                           (cairo_text_cluster_t *)(void *)clusters->data, (int)clusters->len, 0);
  else
    cairo_show_glyphs(cr, (cairo_glyph_t *)(void *)glyphs->data, (int)glyphs->len);
}

static void set_plain_font_options(cairo_t *cr)
{
  cairo_font_options_t *fo = cairo_font_options_create();
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options(cr, fo);
  cairo_font_options_destroy(fo);
}

gboolean jd_pdf_fonts_show(jd_pdf_fonts *pf, cairo_t *cr, PangoLayout *lay)
{
  if (!pf->ready || !cairo_has_current_point(cr)) return FALSE;
  if (pf->sink) {
    pf->sink(cr, lay, pf->sink_data);
    return TRUE;
  }
  /* every run's font must have its subset; otherwise let Pango draw it all */
  PangoLayoutIter *it = pango_layout_get_iter(lay);
  gboolean all = TRUE;
  do {
    PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
    if (!run) continue;
    face_entry *e = g_hash_table_lookup(pf->by_font, run->item->analysis.font);
    all = e && e->face;
  } while (all && pango_layout_iter_next_run(it));
  pango_layout_iter_free(it);
  if (!all) return FALSE;

  double x0, y0;
  cairo_get_current_point(cr, &x0, &y0);
  const char *text = pango_layout_get_text(lay);
  cairo_save(cr);
  set_plain_font_options(cr);
  GArray *glyphs = g_array_new(FALSE, FALSE, sizeof(cairo_glyph_t));
  GArray *clusters = g_array_new(FALSE, FALSE, sizeof(cairo_text_cluster_t));
  it = pango_layout_get_iter(lay);
  do {
    PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
    if (!run) continue;
    PangoRectangle logical;
    pango_layout_iter_get_run_extents(it, NULL, &logical);
    show_run(pf, cr, text, run, x0 + logical.x / (double)PANGO_SCALE,
             y0 + pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE, glyphs, clusters);
  } while (pango_layout_iter_next_run(it));
  pango_layout_iter_free(it);
  g_array_unref(glyphs);
  g_array_unref(clusters);
  cairo_restore(cr);
  return TRUE;
}

gboolean jd_pdf_fonts_show_line(jd_pdf_fonts *pf, cairo_t *cr, PangoLayoutLine *line)
{
  if (!pf->ready || !cairo_has_current_point(cr) || pf->sink) return FALSE;
  for (GSList *r = line->runs; r; r = r->next) {
    PangoLayoutRun *run = r->data;
    face_entry *e = g_hash_table_lookup(pf->by_font, run->item->analysis.font);
    if (!e || !e->face) return FALSE;
  }
  double x, y0;
  cairo_get_current_point(cr, &x, &y0);
  const char *text = pango_layout_get_text(line->layout);
  cairo_save(cr);
  set_plain_font_options(cr);
  GArray *glyphs = g_array_new(FALSE, FALSE, sizeof(cairo_glyph_t));
  GArray *clusters = g_array_new(FALSE, FALSE, sizeof(cairo_text_cluster_t));
  for (GSList *r = line->runs; r; r = r->next) {
    PangoLayoutRun *run = r->data;
    /* a run's baseline shift (rise) is in its item's attributes: not used here */
    show_run(pf, cr, text, run, x, y0, glyphs, clusters);
    x += pango_glyph_string_get_width(run->glyphs) / (double)PANGO_SCALE;
  }
  g_array_unref(glyphs);
  g_array_unref(clusters);
  cairo_restore(cr);
  return TRUE;
}
