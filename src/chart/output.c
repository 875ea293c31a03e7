/* Chart output: PNG (libpng at a fast zlib level from the cairo image
 * surface, much faster than cairo's own writer), PDF (vector, fonts
 * embedded and subset, text searchable, fixed dates so output is
 * reproducible) and SVG, to memory, to a file (atomically) or onto a caller's
 * cairo context. */
#define _GNU_SOURCE /* MAP_ANONYMOUS, MAP_POPULATE, MADV_HUGEPAGE */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <png.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "chart/svgtext.h"
#include "render/fonts.h"
#include "render/pdffont.h"
#include "chart/chart-private.h"
#include "util/atomic.h"

gboolean jd_chart_format_from_path(const char *path, jd_chart_format *out, GError **error)
{
  const char *dot = path ? strrchr(path, '.') : NULL;
  if (dot && g_ascii_strcasecmp(dot, ".png") == 0) *out = JD_CHART_PNG;
  else if (dot && g_ascii_strcasecmp(dot, ".pdf") == 0) *out = JD_CHART_PDF;
  else if (dot && g_ascii_strcasecmp(dot, ".svg") == 0) *out = JD_CHART_SVG;
  else {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "%s: cannot tell the output format — name the file .png, .pdf or .svg",
                path ? path : "(no output)");
    return FALSE;
  }
  return TRUE;
}

static jd_theme *resolve_theme(const jd_chart *c, GError **error)
{
  if (c->theme) return jd_theme_copy(c->theme);
  /* the default theme file when the data directory has it, else the same built in */
  g_autofree char *p = jd_data_path("data/themes/default.ini");
  if (g_file_test(p, G_FILE_TEST_EXISTS)) return jd_theme_load(p, error);
  return jd_theme_new_builtin();
}

gboolean jd_chart_render_to_cairo(const jd_chart *c, cairo_t *cr, double x, double y, double w,
                                  double h, GError **error)
{
  return jd_chart_render_with_fonts(c, cr, x, y, w, h, NULL, FALSE, error);
}

gboolean jd_chart_render_with_fonts(const jd_chart *c, cairo_t *cr, double x, double y, double w,
                                    double h, jd_pdf_fonts *pf, gboolean collect, GError **error)
{
  if (!(w > 0 && h > 0)) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                "chart '%s': cannot draw into a %g×%g rectangle", jd_chart_display_name(c), w, h);
    return FALSE;
  }
  jd_theme *t = resolve_theme(c, error);
  if (!t) return FALSE;
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_rectangle(cr, 0, 0, w, h);
  cairo_clip(cr);
  gboolean ok = jd_chart_draw_with_fonts(c, t, cr, w, h, pf, collect, error);
  cairo_restore(cr);
  jd_theme_free(t);
  return ok;
}

/* ---- the raster surface ---- */

typedef struct {
  void *base;
  size_t len;
} mapping;

static void unmap(void *p)
{
  mapping *m = p;
  munmap(m->base, m->len);
  g_free(m);
}

/* An RGB24 image surface over memory mapped in one go (populated, with
 * transparent huge pages where the kernel offers them): a 1920×1080 chart
 * otherwise takes some 2,000 page faults, a measurable share of a run. */
static cairo_surface_t *raster_surface(int w, int h)
{
  static const cairo_user_data_key_t key;
  int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
  size_t len = (size_t)stride * (size_t)h;
  size_t huge = 2u << 20, maplen = (len + huge - 1) / huge * huge + huge;
  char *base = mmap(NULL, maplen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) return cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  char *data = (char *)(((guintptr)base + huge - 1) & ~(guintptr)(huge - 1));
#ifdef MADV_HUGEPAGE
  madvise(data, (len + huge - 1) / huge * huge, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
  madvise(data, len, MADV_POPULATE_WRITE);
#endif
  cairo_surface_t *sf =
      cairo_image_surface_create_for_data((unsigned char *)data, CAIRO_FORMAT_RGB24, w, h, stride);
  mapping *m = g_new(mapping, 1);
  m->base = base;
  m->len = maplen;
  if (cairo_surface_set_user_data(sf, &key, m, unmap) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(sf);
    unmap(m);
    return cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  }
  return sf;
}

/* ---- PNG through libpng ---- */

typedef struct {
  GByteArray *buf;
} png_sink;

static void png_write_cb(png_structp p, png_bytep data, png_size_t len)
{
  png_sink *s = png_get_io_ptr(p);
  g_byte_array_append(s->buf, data, (guint)len);
}

static void png_flush_cb(png_structp p) { (void)p; }

static void png_error_cb(png_structp p, png_const_charp msg)
{
  (void)msg;
  png_longjmp(p, 1);
}

static void png_warning_cb(png_structp p, png_const_charp msg)
{
  (void)p;
  (void)msg;
}

/* Encodes an RGB24 image surface at zlib level 1 without row filters: on
 * charts (large flat areas) that is both the fastest setting measured and
 * smaller than level 1–3 with SUB (bench/chart/README.md); cairo's own writer
 * (level 6, adaptive filters) takes three to four times as long. */
static GBytes *encode_png(cairo_surface_t *sf, double dpi, GError **error)
{
  int w = cairo_image_surface_get_width(sf), h = cairo_image_surface_get_height(sf);
  int stride = cairo_image_surface_get_stride(sf);
  const unsigned char *data = cairo_image_surface_get_data(sf);
  png_sink sink = {g_byte_array_sized_new((guint)(w * h / 8 + 1024))};
  volatile png_bytep row = g_malloc((size_t)w * 3);
  png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_error_cb, png_warning_cb);
  png_infop info = p ? png_create_info_struct(p) : NULL;
  if (!p || !info || setjmp(png_jmpbuf(p))) {
    png_destroy_write_struct(&p, &info);
    g_free(row);
    g_byte_array_unref(sink.buf);
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_IO, "PNG encoding failed");
    return NULL;
  }
  png_set_write_fn(p, &sink, png_write_cb, png_flush_cb);
  png_set_IHDR(p, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_uint_32 ppm = (png_uint_32)lround(dpi / 0.0254);
  png_set_pHYs(p, info, ppm, ppm, PNG_RESOLUTION_METER);
  png_set_compression_level(p, 1);
  png_set_filter(p, 0, PNG_FILTER_NONE);
  png_write_info(p, info);
  for (int y = 0; y < h; y++) {
    const guint32 *src = (const guint32 *)(const void *)(data + (size_t)y * stride);
    png_bytep d = row;
    for (int x = 0; x < w; x++) {
      guint32 px = src[x];
      d[0] = (png_byte)(px >> 16);
      d[1] = (png_byte)(px >> 8);
      d[2] = (png_byte)px;
      d += 3;
    }
    png_write_row(p, row);
  }
  png_write_end(p, info);
  png_destroy_write_struct(&p, &info);
  g_free(row);
  return g_byte_array_free_to_bytes(sink.buf);
}

static cairo_status_t stream_cb(void *closure, const unsigned char *data, unsigned int len)
{
  g_byte_array_append(closure, data, len);
  return CAIRO_STATUS_SUCCESS;
}

/* ISO-8601 date for PDF metadata: SOURCE_DATE_EPOCH when set, else a fixed
 * date, so that the same chart always gives the same bytes. */
static void fixed_date(char *buf, size_t n)
{
  const char *sde = g_getenv("SOURCE_DATE_EPOCH");
  gint64 t = 946684800; /* 2000-01-01T00:00:00Z */
  if (sde && *sde) {
    char *end = NULL;
    gint64 v = g_ascii_strtoll(sde, &end, 10);
    if (end && !*end && v >= 0) t = v;
  }
  GDateTime *dt = g_date_time_new_from_unix_utc(t);
  if (!dt) dt = g_date_time_new_from_unix_utc(946684800);
  char *s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S");
  g_snprintf(buf, n, "%s", s);
  g_free(s);
  g_date_time_unref(dt);
}

/* cairo names the SVG's top group after a process-wide surface counter; a
 * fixed name keeps the bytes the same however many charts came before. */
static void normalize_svg_ids(GByteArray *buf)
{
  static const char key[] = "<g id=\"surface";
  size_t n = sizeof key - 1, at = 0;
  while (at + n <= buf->len && memcmp(buf->data + at, key, n) != 0) at++;
  if (at + n > buf->len) return;
  at += n;
  size_t end = at;
  while (end < buf->len && g_ascii_isdigit(buf->data[end])) end++;
  if (end == at) return;
  g_byte_array_remove_range(buf, (guint)at, (guint)(end - at));
  g_array_insert_vals((GArray *)(void *)buf, (guint)at, "1", 1);
}

GBytes *jd_chart_render_bytes(const jd_chart *c, jd_chart_format format, GError **error)
{
  jd_theme *t = NULL;
  cairo_surface_t *sf = NULL;
  cairo_t *cr = NULL;
  GByteArray *buf = NULL;
  GBytes *out = NULL;
  jd_pdf_fonts *pf = NULL;
  jd_svg_text *svg_text = NULL;
  const jd_chart_size *sz = &c->size;

  if (!jd_chart_validate(c, error)) return NULL;
  t = resolve_theme(c, error);
  if (!t) return NULL;
  if (format == JD_CHART_PNG) {
    int pw = (int)lround(sz->width * sz->scale), ph = (int)lround(sz->height * sz->scale);
    if (pw < 1 || ph < 1 || pw > 32767 || ph > 32767) {
      g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_INVALID,
                  "chart '%s': a %d×%d pixel image is out of range — choose a smaller size or "
                  "scale", jd_chart_display_name(c), pw, ph);
      goto out;
    }
    sf = raster_surface(pw, ph);
  } else {
    buf = g_byte_array_new();
    if (format == JD_CHART_PDF) {
      sf = cairo_pdf_surface_create_for_stream(stream_cb, buf, sz->width, sz->height);
      char date[64];
      fixed_date(date, sizeof date);
      cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATE_DATE, date);
      cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_MOD_DATE, date);
      cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "jindu");
      if (c->title) cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, c->title);
    } else {
      sf = cairo_svg_surface_create_for_stream(stream_cb, buf, sz->width, sz->height);
      cairo_svg_surface_set_document_unit(sf, CAIRO_SVG_UNIT_PT);
      if (format == JD_CHART_SVG) { /* labels as <text>, added after drawing */
        svg_text = jd_svg_text_new();
        pf = jd_pdf_fonts_new_text_sink(jd_svg_text_record, svg_text);
      }
    }
  }
  if (format == JD_CHART_PDF) {
    /* first pass onto a recording surface to learn the glyphs, then subsets */
    pf = jd_pdf_fonts_new();
    cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *rcr = cairo_create(rec);
    gboolean drawn = jd_chart_draw_with_fonts(c, t, rcr, sz->width, sz->height, pf, TRUE, error);
    cairo_destroy(rcr);
    cairo_surface_destroy(rec);
    if (!drawn) goto out;
    if (!jd_pdf_fonts_prepare(pf)) g_clear_pointer(&pf, jd_pdf_fonts_free);
  }
  cr = cairo_create(sf);
  if (format == JD_CHART_PNG) cairo_scale(cr, sz->scale, sz->scale);
  if (!jd_chart_draw_with_fonts(c, t, cr, sz->width, sz->height, pf, FALSE, error)) goto out;
  cairo_destroy(cr);
  cr = NULL;
  if (format == JD_CHART_PNG) {
    cairo_surface_flush(sf);
    if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) goto cairo_fail;
    out = encode_png(sf, 72.0 * sz->scale, error);
  } else {
    cairo_surface_finish(sf);
    if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) goto cairo_fail;
    if (format != JD_CHART_PDF) normalize_svg_ids(buf);
    if (svg_text && !jd_svg_text_insert(svg_text, buf, error)) goto out;
    out = g_byte_array_free_to_bytes(buf);
    buf = NULL;
  }
  goto out;
cairo_fail:
  g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_CAIRO, "chart '%s': cairo: %s",
              jd_chart_display_name(c), cairo_status_to_string(cairo_surface_status(sf)));
out:
  if (cr) cairo_destroy(cr);
  if (sf) cairo_surface_destroy(sf);
  if (buf) g_byte_array_unref(buf);
  jd_pdf_fonts_free(pf);
  jd_svg_text_free(svg_text);
  jd_theme_free(t);
  return out;
}

GBytes *jd_chart_render_png(const jd_chart *c, GError **error)
{
  return jd_chart_render_bytes(c, JD_CHART_PNG, error);
}

gboolean jd_chart_render_file(const jd_chart *c, const char *path, GError **error)
{
  jd_chart_format fmt;
  if (!jd_chart_format_from_path(path, &fmt, error)) return FALSE;
  GBytes *b = jd_chart_render_bytes(c, fmt, error);
  if (!b) return FALSE;
  gsize len = 0;
  const char *data = g_bytes_get_data(b, &len);
  GError *err = NULL;
  gboolean ok = jd_atomic_write(path, data, len, &err);
  if (!ok) {
    g_set_error(error, JD_CHART_ERROR, JD_CHART_ERROR_IO, "%s: cannot write the chart: %s — check "
                "that the directory exists and is writable", path, err->message);
    g_error_free(err);
  }
  g_bytes_unref(b);
  return ok;
}
