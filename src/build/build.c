/* `jindu build`: the scheduled pipeline. Hashes every input, the
 * configuration and jindu's version into a manifest kept in the output
 * directory; when the manifest matches and the outputs are intact the build
 * is a no-op. Otherwise documents are extracted, figure tables and curated
 * overrides merged, the report and chart files rendered, and each output
 * replaced atomically (only when its bytes changed), the manifest last. */
#include <string.h>
#include <glib/gstdio.h>

#include "build/build-private.h"
#include "jindu/extract.h"
#include "jindu/jindu.h"
#include "jindu/text.h"

typedef struct {
  char *kind; /* "version", "config", "input", "output" */
  char *hash;
  char *path; /* inputs: as configured (absolute); outputs: relative to the output dir */
} manifest_entry;

static void manifest_entry_free(gpointer p)
{
  manifest_entry *e = p;
  g_free(e->kind);
  g_free(e->hash);
  g_free(e->path);
  g_free(e);
}

static manifest_entry *entry_new(const char *kind, const char *hash, const char *path)
{
  manifest_entry *e = g_new0(manifest_entry, 1);
  e->kind = g_strdup(kind);
  e->hash = g_strdup(hash);
  e->path = g_strdup(path);
  return e;
}

static char *hash_bytes(const void *data, size_t len)
{
  return g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
}

static char *hash_file(const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  GError *err = NULL;
  if (!g_file_get_contents(path, &data, &len, &err)) {
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_INPUT,
                "%s: cannot read: %s — fix the path in the configuration", path, err->message);
    g_error_free(err);
    return NULL;
  }
  return hash_bytes(data, len);
}

/* The manifest as text; entries keep their order. */
static GString *manifest_format(const GPtrArray *entries)
{
  GString *s = g_string_new("jindu-manifest 1\n");
  for (guint i = 0; i < entries->len; i++) {
    const manifest_entry *e = entries->pdata[i];
    g_string_append_printf(s, "%s\t%s\t%s\n", e->kind, e->hash, e->path);
  }
  return s;
}

static GPtrArray *manifest_read(const char *path)
{
  g_autofree char *text = NULL;
  if (!g_file_get_contents(path, &text, NULL, NULL)) return NULL;
  if (!g_str_has_prefix(text, "jindu-manifest 1\n")) return NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func(manifest_entry_free);
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  for (char **l = lines + 1; *l; l++) {
    if (!**l) continue;
    g_auto(GStrv) f = g_strsplit(*l, "\t", 3);
    if (g_strv_length(f) != 3) {
      g_ptr_array_unref(entries);
      return NULL;
    }
    g_ptr_array_add(entries, entry_new(f[0], f[1], f[2]));
  }
  return entries;
}

static const manifest_entry *find_entry(const GPtrArray *entries, const char *kind, const char *path)
{
  for (guint i = 0; entries && i < entries->len; i++) {
    const manifest_entry *e = entries->pdata[i];
    if (strcmp(e->kind, kind) == 0 && strcmp(e->path, path) == 0) return e;
  }
  return NULL;
}

static void progress(const jd_build_options *o, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void progress(const jd_build_options *o, const char *fmt, ...)
{
  if (!o->progress) return;
  va_list ap;
  va_start(ap, fmt);
  g_autofree char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  o->progress(msg, o->progress_data);
}

void jd_build_result_clear(jd_build_result *r)
{
  if (!r) return;
  g_clear_pointer(&r->changed, g_ptr_array_unref);
  g_clear_pointer(&r->outputs, g_ptr_array_unref);
  g_clear_pointer(&r->summary, g_free);
  memset(r, 0, sizeof *r);
}

static int cmp_path(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Lexicon and theme files change what a build produces, so they are inputs
 * too, the lexicon's in the order of their names. */
static void add_data_files(GPtrArray *paths, const jd_build_config *c)
{
  g_autofree char *lex = jd_data_path("data/lexicon");
  GDir *d = g_dir_open(lex, 0, NULL);
  if (d) {
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *n;
    while ((n = g_dir_read_name(d)))
      if (g_str_has_suffix(n, ".tsv")) g_ptr_array_add(names, g_build_filename(lex, n, NULL));
    g_dir_close(d);
    g_ptr_array_sort(names, cmp_path);
    for (guint i = 0; i < names->len; i++) g_ptr_array_add(paths, g_strdup(names->pdata[i]));
    g_ptr_array_unref(names);
  }
  const char *theme = c->report.theme && *c->report.theme ? c->report.theme : "default";
  if (strchr(theme, '/') || g_str_has_suffix(theme, ".ini")) {
    g_ptr_array_add(paths, g_canonicalize_filename(theme, c->base_dir));
  } else {
    g_autofree char *rel = g_strdup_printf("data/themes/%s.ini", theme);
    char *p = jd_data_path(rel);
    if (g_file_test(p, G_FILE_TEST_EXISTS))
      g_ptr_array_add(paths, p);
    else
      g_free(p);
  }
}

/* Extracts every document into t with the project's lexicon. */
static gboolean extract_documents(const char *const *docs, size_t n, int encoding,
                                  jd_figure_table *t, GError **error)
{
  if (n == 0) return TRUE;
  GError *err = NULL;
  g_autofree char *dir = jd_data_path("data/lexicon");
  jd_lexicon *lex = jd_lexicon_load(dir, &err);
  if (!lex) {
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_INPUT, "%s", err->message);
    g_error_free(err);
    return FALSE;
  }
  jd_load_options lo = JD_LOAD_OPTIONS_INIT;
  lo.encoding = (jd_encoding)encoding;
  gboolean ok = TRUE;
  for (size_t i = 0; ok && i < n; i++) {
    if (!jd_extract_file_to_table(lex, docs[i], &lo, NULL, t, &err)) {
      g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_INPUT, "%s", err->message);
      g_error_free(err);
      ok = FALSE;
    }
  }
  jd_lexicon_free(lex);
  return ok;
}

gboolean jd_build_load_figures(const char *const *documents, size_t n_documents,
                               const char *const *figure_files, const char *const *override_files,
                               int encoding, jd_figure_table *t, GError **error)
{
  GError *err = NULL;
  if (!extract_documents(documents, n_documents, encoding, t, error)) return FALSE;
  if (!jd_figure_table_load(t, figure_files, override_files, &err)) {
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_INPUT, "%s", err->message);
    g_error_free(err);
    return FALSE;
  }
  jd_figure_table_sort(t);
  return TRUE;
}

typedef struct {
  char *rel;    /* path relative to the output directory */
  GBytes *data;
} output;

static void output_free(gpointer p)
{
  output *o = p;
  g_free(o->rel);
  if (o->data) g_bytes_unref(o->data);
  g_free(o);
}

static gboolean ensure_dir(const char *dir, GError **error)
{
  if (g_mkdir_with_parents(dir, 0755) != 0) {
    int e = errno;
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_OUTPUT,
                "%s: cannot create the output directory: %s — check the path and permissions",
                dir, g_strerror(e));
    return FALSE;
  }
  return TRUE;
}

/* Renders every output into memory. */
static gboolean render_outputs(const jd_build_config *c, const jd_build_options *o,
                               const jd_figure_table *figures, GPtrArray *outputs,
                               jd_build_result *r, GError **error)
{
  jd_report *report = NULL;
  gboolean ok = FALSE;
  GError *err = NULL;

  if (*c->figures_name) {
    GString *s = g_string_new(NULL);
    jd_figure_format fmt =
        g_str_has_suffix(c->figures_name, ".jsonl") ? JD_FORMAT_JSONL : JD_FORMAT_CSV;
    jd_figure_write_header(s, fmt, fmt == JD_FORMAT_CSV);
    for (size_t i = 0; i < jd_figure_table_get_count(figures); i++)
      jd_figure_write(s, jd_figure_table_get(figures, i), fmt);
    output *out = g_new0(output, 1);
    out->rel = g_strdup(c->figures_name);
    out->data = g_string_free_to_bytes(s);
    g_ptr_array_add(outputs, out);
  }
  if (!*c->report_name && !*c->charts_dir_name) return TRUE;

  progress(o, "analysing %zu figures", jd_figure_table_get_count(figures));
  report = jd_report_new(figures, &c->report, &err);
  if (!report) goto fail;
  r->audit_findings = jd_report_get_finding_count(report);

  if (*c->report_name) {
    progress(o, "rendering %s", c->report_name);
    output *out = g_new0(output, 1);
    out->rel = g_strdup(c->report_name);
    g_ptr_array_add(outputs, out);
    out->data = jd_report_render_pdf(report, &r->pages, &err);
    if (!out->data) goto fail;
  }
  if (*c->charts_dir_name) {
    size_t n = jd_report_get_section_count(report);
    for (size_t i = 0; i < n; i++) {
      for (char **f = c->chart_formats; *f; f++) {
        output *out = g_new0(output, 1);
        out->rel = g_strdup_printf("%s/%s.%s", c->charts_dir_name,
                                   jd_report_get_chart_stem(report, i), *f);
        g_ptr_array_add(outputs, out);
        progress(o, "rendering %s", out->rel);
        out->data = jd_report_render_chart(report, i, *f, c->chart_size, &err);
        if (!out->data) goto fail;
      }
    }
  }
  ok = TRUE;

fail:
  if (!ok && err) {
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_OUTPUT, "%s", err->message);
    g_error_free(err);
  }
  jd_report_free(report);
  return ok;
}

gboolean jd_build_run(const jd_build_config *c, const jd_build_options *options,
                      jd_build_result *r, GError **error)
{
  jd_build_options defaults = JD_BUILD_OPTIONS_INIT;
  const jd_build_options *o = options ? options : &defaults;
  gboolean ok = FALSE;
  int lock_fd = -1;
  GPtrArray *docs = NULL, *inputs = NULL, *entries = NULL, *old = NULL, *outputs = NULL;
  jd_figure_table *figures = NULL;
  g_autofree char *manifest_path = NULL;
  g_autofree char *charts_dir = NULL;
  g_autofree char *render_key = NULL;
  GError *err = NULL;

  memset(r, 0, sizeof *r);
  r->changed = g_ptr_array_new_with_free_func(g_free);
  r->outputs = g_ptr_array_new_with_free_func(g_free);

  /* 1. Inputs and their hashes. */
  if (c->documents[0]) {
    docs = jd_inputs_collect((const char *const *)c->documents, g_strv_length(c->documents), &err);
    if (!docs) {
      g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_INPUT, "%s — check [input] documents in %s",
                  err->message, c->path);
      g_error_free(err);
      goto done;
    }
  } else {
    docs = g_ptr_array_new_with_free_func(g_free);
  }
  r->documents = docs->len;
  inputs = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < docs->len; i++) g_ptr_array_add(inputs, g_strdup(docs->pdata[i]));
  for (char **p = c->figures; *p; p++) g_ptr_array_add(inputs, g_strdup(*p));
  for (char **p = c->overrides; *p; p++) g_ptr_array_add(inputs, g_strdup(*p));
  add_data_files(inputs, c);

  entries = g_ptr_array_new_with_free_func(manifest_entry_free);
  g_ptr_array_add(entries, entry_new("version", jd_version(), "jindu"));
  {
    /* the program itself (size, time and inode of the executable, which is
     * cheaper than hashing it): a rebuilt jindu of the same version rebuilds */
    GStatBuf st;
    if (g_stat("/proc/self/exe", &st) == 0) {
      g_autofree char *id = g_strdup_printf("%lld-%lld-%llu", (long long)st.st_size,
                                            (long long)st.st_mtime, (unsigned long long)st.st_ino);
      g_ptr_array_add(entries, entry_new("version", id, "program"));
    }
  }
  {
    char *h = hash_file(c->path, error);
    if (!h) goto done;
    g_ptr_array_add(entries, entry_new("config", h, c->path));
    g_free(h);
  }
  for (guint i = 0; i < inputs->len; i++) {
    char *h = hash_file(inputs->pdata[i], error);
    if (!h) goto done;
    g_ptr_array_add(entries, entry_new("input", h, inputs->pdata[i]));
    g_free(h);
  }

  /* Curated files are never written: no output may be an input. */
  {
    const char *names[] = {c->report_name, c->figures_name};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
      if (!*names[i]) continue;
      g_autofree char *p = g_build_filename(c->output_dir, names[i], NULL);
      g_autofree char *cp = g_canonicalize_filename(p, NULL);
      for (guint k = 0; k < inputs->len; k++) {
        g_autofree char *ci = g_canonicalize_filename(inputs->pdata[k], NULL);
        if (strcmp(ci, cp) == 0) {
          g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_CONFIG,
                      "%s: the output %s is also an input — jindu never writes curated "
                      "files; choose another [output] name or dir",
                      c->path, cp);
          goto done;
        }
      }
    }
  }

  /* 2. Lock the output directory; clean up after a killed build. */
  manifest_path = g_build_filename(c->output_dir, JD_BUILD_MANIFEST, NULL);
  if (*c->charts_dir_name) charts_dir = g_build_filename(c->output_dir, c->charts_dir_name, NULL);
  if (o->dry_run && !g_file_test(c->output_dir, G_FILE_TEST_IS_DIR)) {
    old = NULL;
  } else {
    if (!ensure_dir(c->output_dir, error)) goto done;
    lock_fd = jd_build_lock(c->output_dir, o->lock_timeout >= 0 ? o->lock_timeout : c->lock_timeout,
                            error);
    if (lock_fd < 0) goto done;
    if (!o->dry_run) {
      jd_build_remove_stale_temps(c->output_dir);
      if (charts_dir) jd_build_remove_stale_temps(charts_dir);
    }
    old = manifest_read(manifest_path);
  }

  /* 3. Compare with the last build. */
  gboolean inputs_same = old != NULL;
  for (guint i = 0; i < entries->len; i++) {
    const manifest_entry *e = entries->pdata[i];
    const manifest_entry *prev = find_entry(old, e->kind, e->path);
    if (!prev || strcmp(prev->hash, e->hash) != 0) {
      inputs_same = FALSE;
      g_ptr_array_add(r->changed, g_strdup(strcmp(e->kind, "version") == 0
                                               ? (strcmp(e->path, "program") == 0 ? "jindu program"
                                                                                  : "jindu version")
                                               : e->path));
    }
  }
  for (guint i = 0; old && i < old->len; i++) {
    const manifest_entry *e = old->pdata[i];
    if (strcmp(e->kind, "output") == 0 || strcmp(e->kind, "render") == 0) continue;
    if (!find_entry(entries, e->kind, e->path)) {
      inputs_same = FALSE;
      g_ptr_array_add(r->changed, g_strdup_printf("%s (removed)", e->path));
    }
  }
  gboolean outputs_intact = old != NULL;
  for (guint i = 0; old && i < old->len; i++) {
    const manifest_entry *e = old->pdata[i];
    if (strcmp(e->kind, "output") != 0) continue;
    g_autofree char *p = g_build_filename(c->output_dir, e->path, NULL);
    g_autofree char *h = hash_file(p, NULL);
    if (!h || strcmp(h, e->hash) != 0) {
      outputs_intact = FALSE;
      g_ptr_array_add(r->changed, g_strdup_printf("%s (output %s)", p, h ? "modified" : "missing"));
    }
  }
  if (inputs_same && outputs_intact && !o->force) {
    r->status = JD_BUILD_NOTHING_TO_DO;
    r->summary = g_strdup_printf("nothing to do: %u inputs unchanged since the last build in %s",
                                 inputs->len, c->output_dir);
    ok = TRUE;
    goto done;
  }
  if (o->dry_run) {
    r->status = JD_BUILD_WOULD_BUILD;
    if (old) {
      for (guint i = 0; i < old->len; i++) {
        const manifest_entry *e = old->pdata[i];
        if (strcmp(e->kind, "output") == 0)
          g_ptr_array_add(r->outputs, g_build_filename(c->output_dir, e->path, NULL));
      }
    }
    if (r->outputs->len == 0) {
      if (*c->figures_name) g_ptr_array_add(r->outputs, g_build_filename(c->output_dir, c->figures_name, NULL));
      if (*c->report_name) g_ptr_array_add(r->outputs, g_build_filename(c->output_dir, c->report_name, NULL));
      if (charts_dir) g_ptr_array_add(r->outputs, g_strdup_printf("%s/*.{%s}", charts_dir, c->chart_formats[0] ? c->chart_formats[0] : "png"));
    }
    r->summary = g_strdup_printf("would rebuild %u output%s: %u input%s changed%s", r->outputs->len,
                                 r->outputs->len == 1 ? "" : "s", r->changed->len,
                                 r->changed->len == 1 ? "" : "s", o->force ? " (--force)" : "");
    ok = TRUE;
    goto done;
  }

  /* 4. Figures: extraction, then figure tables, then curated overrides. */
  figures = jd_figure_table_new();
  progress(o, "extracting %u documents", docs->len);
  if (!jd_build_load_figures((const char *const *)docs->pdata, docs->len,
                             (const char *const *)c->figures, (const char *const *)c->overrides,
                             c->encoding, figures, error))
    goto done;
  r->figures = jd_figure_table_get_count(figures);

  /* 5. The outputs depend on the figures, the configuration, the program and
   * the theme only: when those are what the last build rendered, a changed
   * document that states the same figures changes nothing downstream. */
  {
    GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
    GString *fig = g_string_new(NULL);
    jd_figure_write_header(fig, JD_FORMAT_CSV, FALSE);
    for (size_t i = 0; i < jd_figure_table_get_count(figures); i++)
      jd_figure_write(fig, jd_figure_table_get(figures, i), JD_FORMAT_CSV);
    g_checksum_update(ck, (const guchar *)fig->str, (gssize)fig->len);
    g_string_free(fig, TRUE);
    for (guint i = 0; i < entries->len; i++) {
      const manifest_entry *e = entries->pdata[i];
      gboolean theme = strstr(e->path, "/data/themes/") != NULL || g_str_has_suffix(e->path, ".ini");
      if (strcmp(e->kind, "version") == 0 || strcmp(e->kind, "config") == 0 ||
          (strcmp(e->kind, "input") == 0 && theme && strcmp(e->path, c->path) != 0))
        g_checksum_update(ck, (const guchar *)e->hash, -1);
    }
    render_key = g_strdup(g_checksum_get_string(ck));
    g_checksum_free(ck);
  }
  const manifest_entry *old_render = find_entry(old, "render", "outputs");
  if (!o->force && outputs_intact && old_render && strcmp(old_render->hash, render_key) == 0) {
    for (guint i = 0; i < old->len; i++) {
      const manifest_entry *e = old->pdata[i];
      if (strcmp(e->kind, "output") == 0) {
        g_ptr_array_add(entries, entry_new("output", e->hash, e->path));
        r->outputs_kept++;
      }
    }
    g_ptr_array_add(entries, entry_new("render", render_key, "outputs"));
    GString *m = manifest_format(entries);
    gboolean w = jd_write_file_atomic(manifest_path, m->str, m->len, error);
    g_string_free(m, TRUE);
    if (!w) goto done;
    r->status = JD_BUILD_BUILT;
    r->summary = g_strdup_printf(
        "built %s: %u input%s changed but the %zu figures did not; %zu outputs kept",
        c->output_dir, r->changed->len, r->changed->len == 1 ? "" : "s", r->figures,
        r->outputs_kept);
    ok = TRUE;
    goto done;
  }

  /* 6. Render everything in memory, then replace what changed. */
  outputs = g_ptr_array_new_with_free_func(output_free);
  if (!render_outputs(c, o, figures, outputs, r, error)) goto done;
  if (charts_dir && !ensure_dir(charts_dir, error)) goto done;
  for (guint i = 0; i < outputs->len; i++) {
    const output *out = outputs->pdata[i];
    g_autofree char *p = g_build_filename(c->output_dir, out->rel, NULL);
    gsize len = 0;
    const void *data = g_bytes_get_data(out->data, &len);
    g_autofree char *h = hash_bytes(data, len);
    g_autofree char *old_h = hash_file(p, NULL);
    if (old_h && strcmp(old_h, h) == 0) {
      r->outputs_kept++;
    } else {
      if (!jd_write_file_atomic(p, data, len, error)) goto done;
      r->outputs_written++;
      g_ptr_array_add(r->outputs, g_strdup(p));
    }
    g_ptr_array_add(entries, entry_new("output", h, out->rel));
  }
  /* Outputs of the last build that this one no longer makes. */
  for (guint i = 0; old && i < old->len; i++) {
    const manifest_entry *e = old->pdata[i];
    if (strcmp(e->kind, "output") != 0 || find_entry(entries, "output", e->path)) continue;
    if (strstr(e->path, "..")) continue;
    g_autofree char *p = g_build_filename(c->output_dir, e->path, NULL);
    g_unlink(p);
  }
  g_ptr_array_add(entries, entry_new("render", render_key, "outputs"));
  {
    GString *m = manifest_format(entries);
    gboolean w = jd_write_file_atomic(manifest_path, m->str, m->len, error);
    g_string_free(m, TRUE);
    if (!w) goto done;
  }
  r->status = JD_BUILD_BUILT;
  r->summary = g_strdup_printf(
      "built %s: %zu documents, %zu figures, %zu pages, %zu audit finding%s; %zu file%s "
      "written, %zu unchanged",
      c->output_dir, r->documents, r->figures, r->pages, r->audit_findings,
      r->audit_findings == 1 ? "" : "s", r->outputs_written, r->outputs_written == 1 ? "" : "s",
      r->outputs_kept);
  ok = TRUE;

done:
  jd_build_unlock(lock_fd);
  if (docs) g_ptr_array_unref(docs);
  if (inputs) g_ptr_array_unref(inputs);
  if (entries) g_ptr_array_unref(entries);
  if (old) g_ptr_array_unref(old);
  if (outputs) g_ptr_array_unref(outputs);
  jd_figure_table_free(figures);
  return ok;
}
