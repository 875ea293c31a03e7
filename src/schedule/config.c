/* Reading jindu.ini, the configuration of `jindu build`: a GLib key file with
 * the groups [input], [output] and [report]. Every key is checked; a typo or a
 * bad value is an error naming jindu.ini:LINE and saying what to write. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jindu/build.h"
#include "jindu/chart.h"
#include "jindu/report-formats.h"
#include "jindu/names.h"
#include "jindu/text.h"
#include "util/keyfile.h"

G_DEFINE_QUARK(jd-build-error-quark, jd_build_error)

typedef struct {
  const char *group;
  const char *key;
  const char *help; /* what a valid value looks like */
} known_key;

static const known_key known_keys[] = {
    {"input", "documents", "files or directories separated by ';'"},
    {"input", "figures", "figure tables (CSV or JSON Lines) separated by ';'"},
    {"input", "overrides", "curated figure CSV files separated by ';'"},
    {"input", "encoding", JD_ENCODING_NAMES},
    {"output", "dir", "a directory"},
    {"output", "report", "a file name ending in .pdf, or empty for none"},
    {"output", "figures", "a file name ending in .csv or .jsonl, or empty for none"},
    {"output", "charts", "a directory name inside dir, or empty for no chart files"},
    {"output", "chart_formats", "png, svg, pdf separated by ';'"},
    {"output", "chart_size", "slide, slide@2x, slide-4x3, a4-half or WxH"},
    {"output", "lock_timeout", "seconds (a number >= 0)"},
    {"report", "title", "text"},
    {"report", "issue", "a whole number >= 0"},
    {"report", "organisation", "text"},
    {"report", "date", "YYYY-MM-DD, or empty to use SOURCE_DATE_EPOCH"},
    {"report", "region", "a region name such as 全国 or 甘肃省"},
    {"report", "author", "text"},
    {"report", "subject", "text"},
    {"report", "keywords", "text"},
    {"report", "metrics", "metric ids separated by ';'"},
    {"report", "kpis", "metric ids separated by ';'"},
    {"report", "theme", "default, dark, official or a theme file"},
    {"report", "style", "gongwen (GB/T 9704 简报) or modern"},
    {"report", "secrecy", "密级, e.g. 内部; empty for none"},
    {"report", "urgency", "紧急程度, e.g. 特急; empty for none"},
    {"report", "report_to", "版记 报：, text"},
    {"report", "send_to", "版记 送：, text"},
    {"report", "distribute_to", "版记 发：, text"},
    {"report", "copies", "共印N份: a whole number >= 0"},
};

static void set_config_error(GError **error, const char *path, const char *text,
                             const char *group, const char *key, const char *fmt, ...)
    G_GNUC_PRINTF(6, 7);

static void set_config_error(GError **error, const char *path, const char *text,
                             const char *group, const char *key, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  g_autofree char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  unsigned line = text ? jd_keyfile_line(text, group, key) : 0;
  if (line)
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_CONFIG, "%s:%u: %s", path, line, msg);
  else
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_CONFIG, "%s: %s", path, msg);
}

/* jd_keyfile_known_func: the groups and keys of known_keys. */
static gboolean is_known(const char *group, const char *key, void *unused)
{
  (void)unused;
  for (size_t i = 0; i < G_N_ELEMENTS(known_keys); i++)
    if (strcmp(known_keys[i].group, group) == 0 && (!key || strcmp(known_keys[i].key, key) == 0))
      return TRUE;
  return FALSE;
}

static char *get_string(GKeyFile *kf, const char *group, const char *key, const char *fallback)
{
  char *v = g_key_file_get_string(kf, group, key, NULL);
  if (!v) return g_strdup(fallback);
  g_strstrip(v);
  return v;
}

static char *resolve_path(const char *base_dir, const char *p)
{
  if (g_path_is_absolute(p)) return g_strdup(p);
  return g_build_filename(base_dir, p, NULL);
}

/* A ';'-separated list, each item stripped, empty items dropped; paths are
 * resolved against base_dir when base_dir is non-NULL. */
static char **get_list(GKeyFile *kf, const char *group, const char *key, const char *fallback,
                       const char *base_dir)
{
  g_autofree char *v = get_string(kf, group, key, fallback);
  GPtrArray *out = g_ptr_array_new();
  if (v) {
    g_auto(GStrv) parts = g_strsplit(v, ";", -1);
    for (char **p = parts; *p; p++) {
      g_strstrip(*p);
      if (!**p) continue;
      g_ptr_array_add(out, base_dir ? resolve_path(base_dir, *p) : g_strdup(*p));
    }
  }
  g_ptr_array_add(out, NULL);
  return (char **)g_ptr_array_free(out, FALSE);
}

static gboolean valid_date(const char *s)
{
  return jd_report_parse_date(s, NULL, NULL, NULL);
}

/* The date from SOURCE_DATE_EPOCH (reproducible-builds.org), or NULL. */
static char *date_from_source_date_epoch(GError **error)
{
  const char *env = g_getenv("SOURCE_DATE_EPOCH");
  if (!env || !*env) return NULL;
  char *end = NULL;
  errno = 0;
  long long secs = strtoll(env, &end, 10);
  if (errno || *end || secs < 0) {
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_CONFIG,
                "SOURCE_DATE_EPOCH='%s' is not a number of seconds — unset it or give "
                "seconds since 1970",
                env);
    return NULL;
  }
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(secs);
  if (!dt) {
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_CONFIG,
                "SOURCE_DATE_EPOCH='%s' is out of range — give seconds since 1970", env);
    return NULL;
  }
  return g_date_time_format(dt, "%Y-%m-%d");
}

void jd_build_config_free(jd_build_config *c)
{
  if (!c) return;
  g_free(c->path);
  g_free(c->base_dir);
  g_strfreev(c->documents);
  g_strfreev(c->figures);
  g_strfreev(c->overrides);
  g_free(c->output_dir);
  g_free(c->report_name);
  g_free(c->figures_name);
  g_strfreev(c->report_names);
  g_strfreev(c->figures_names);
  g_free(c->charts_dir_name);
  g_strfreev(c->chart_formats);
  g_free(c->chart_size);
  jd_report_options_clear(&c->report);
  g_free(c);
}

static gboolean plain_name(const char *s)
{
  return !strchr(s, '/') && strcmp(s, ".") != 0 && strcmp(s, "..") != 0 && s[0] != '.';
}

/* Unknown groups and keys are errors naming the line and the valid ones. */
static gboolean check_keys(GKeyFile *kf, const char *path, const char *text, GError **error)
{
  g_autofree char *group = NULL, *key = NULL;
  unsigned line = 0;
  if (jd_keyfile_find_duplicate(text, &group, &key, &line)) {
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_CONFIG,
                "%s:%u: key '%s' is set twice in [%s] — keep one of the two lines", path, line,
                key, group);
    return FALSE;
  }
  if (jd_keyfile_check(kf, text, is_known, NULL, &group, &key, &line)) return TRUE;
  if (!key) {
    set_config_error(error, path, text, group, NULL,
                     "unknown group [%s] — the groups are [input], [output] and [report]", group);
    return FALSE;
  }
  GString *valid = g_string_new(NULL);
  for (size_t i = 0; i < G_N_ELEMENTS(known_keys); i++)
    if (strcmp(known_keys[i].group, group) == 0)
      g_string_append_printf(valid, "%s%s", valid->len ? ", " : "", known_keys[i].key);
  set_config_error(error, path, text, group, key,
                   "unknown key '%s' in [%s] — the keys of [%s] are: %s", key, group, group,
                   valid->str);
  g_string_free(valid, TRUE);
  return FALSE;
}

/* Reads path as a UTF-8 key file into kf, keeping its text for line numbers. */
static char *read_key_file(const char *path, GKeyFile *kf, GError **error)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  GError *err = NULL;
  if (!g_file_get_contents(path, &text, &len, &err)) {
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_CONFIG,
                "%s: cannot read the configuration: %s — pass an existing file with -c", path,
                err->message);
    g_error_free(err);
    return NULL;
  }
  if (!g_utf8_validate(text, (gssize)len, NULL)) {
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_CONFIG,
                "%s: not UTF-8 text — save the configuration as UTF-8", path);
    return NULL;
  }
  if (!g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, &err)) {
    /* GKeyFile's messages already say which line. */
    g_set_error(error, JD_BUILD_ERROR, JD_BUILD_ERROR_CONFIG,
                "%s: %s — write 'key=value' lines under [input], [output] and [report]", path,
                err->message);
    g_error_free(err);
    return NULL;
  }
  return g_steal_pointer(&text);
}

/* [input]: documents, figures, overrides, encoding. */
static gboolean read_input(jd_build_config *c, GKeyFile *kf, const char *path, const char *text,
                           GError **error)
{
  c->documents = get_list(kf, "input", "documents", "", c->base_dir);
  c->figures = get_list(kf, "input", "figures", "", c->base_dir);
  c->overrides = get_list(kf, "input", "overrides", "", c->base_dir);
  if (!c->documents[0] && !c->figures[0]) {
    set_config_error(error, path, text, "input", NULL,
                     "[input] names no documents and no figures — set documents=DIR");
    return FALSE;
  }
  g_autofree char *enc = get_string(kf, "input", "encoding", "auto");
  jd_encoding e = JD_ENCODING_AUTO;
  if (*enc && !jd_encoding_from_string(enc, &e)) {
    set_config_error(error, path, text, "input", "encoding",
                     "encoding '%s' is not known — write " JD_ENCODING_NAMES, enc);
    return FALSE;
  }
  c->encoding = e;
  return TRUE;
}

/* [output] dir, report, figures, charts: names inside the output directory. */
static gboolean read_output_names(jd_build_config *c, GKeyFile *kf, const char *path,
                                  const char *text, GError **error)
{
  g_autofree char *dir = get_string(kf, "output", "dir", "reports");
  if (!*dir) {
    set_config_error(error, path, text, "output", "dir",
                     "dir is empty — name the output directory, e.g. dir=reports");
    return FALSE;
  }
  c->output_dir = resolve_path(c->base_dir, dir);
  c->report_names = get_list(kf, "output", "report", "jindu-briefing.pdf", NULL);
  c->report_name = g_strdup(c->report_names[0] ? c->report_names[0] : "");
  for (char **n = c->report_names; *n; n++)
    if (!plain_name(*n) || !jd_report_format_from_path(*n, NULL)) {
      set_config_error(error, path, text, "output", "report",
                       "report '%s' must be a plain file name ending in %s (it is written "
                       "inside dir; several separated by ';')",
                       *n, JD_REPORT_FORMATS_HELP);
      return FALSE;
    }
  c->figures_names = get_list(kf, "output", "figures", "figures.csv", NULL);
  c->figures_name = g_strdup(c->figures_names[0] ? c->figures_names[0] : "");
  for (char **n = c->figures_names; *n; n++)
    if (!plain_name(*n) || (!g_str_has_suffix(*n, ".csv") && !g_str_has_suffix(*n, ".jsonl") &&
                            !g_str_has_suffix(*n, ".xlsx"))) {
      set_config_error(error, path, text, "output", "figures",
                       "figures '%s' must be a plain file name ending in .csv, .jsonl or .xlsx "
                       "(several separated by ';')",
                       *n);
      return FALSE;
    }
  c->charts_dir_name = get_string(kf, "output", "charts", "charts");
  if (*c->charts_dir_name && !plain_name(c->charts_dir_name)) {
    set_config_error(error, path, text, "output", "charts",
                     "charts '%s' must be a plain directory name (it is made inside dir)",
                     c->charts_dir_name);
    return FALSE;
  }
  return TRUE;
}

/* [output] chart_formats, chart_size, lock_timeout. */
static gboolean read_output_settings(jd_build_config *c, GKeyFile *kf, const char *path,
                                     const char *text, GError **error)
{
  c->chart_formats = get_list(kf, "output", "chart_formats", "png", NULL);
  for (char **f = c->chart_formats; *f; f++) {
    if (strcmp(*f, "png") != 0 && strcmp(*f, "svg") != 0 && strcmp(*f, "pdf") != 0) {
      set_config_error(error, path, text, "output", "chart_formats",
                       "chart format '%s' is not known — write png, svg or pdf separated by ';'",
                       *f);
      return FALSE;
    }
  }
  c->chart_size = get_string(kf, "output", "chart_size", "slide");
  jd_chart_size size;
  GError *serr = NULL;
  if (!jd_chart_size_parse(c->chart_size, 0, &size, &serr)) {
    set_config_error(error, path, text, "output", "chart_size", "chart_size: %s", serr->message);
    g_error_free(serr);
    return FALSE;
  }
  g_autofree char *t = get_string(kf, "output", "lock_timeout", "30");
  char *end = NULL;
  double v = g_ascii_strtod(t, &end);
  if (!*t || *end || !isfinite(v) || v < 0 || v > 86400) {
    set_config_error(error, path, text, "output", "lock_timeout",
                     "lock_timeout '%s' is not a number of seconds from 0 to 86400 (a day) — "
                     "e.g. lock_timeout=30",
                     t);
    return FALSE;
  }
  c->lock_timeout = v;
  return TRUE;
}

/* [report] issue and date. */
static gboolean read_report_issue_date(jd_report_options *r, GKeyFile *kf, const char *path,
                                       const char *text, GError **error)
{
  g_autofree char *t = get_string(kf, "report", "issue", "0");
  char *end = NULL;
  long v = strtol(t, &end, 10);
  if (!*t || *end || v < 0 || v > 100000) {
    set_config_error(error, path, text, "report", "issue",
                     "issue '%s' is not a whole number >= 0 — e.g. issue=3", t);
    return FALSE;
  }
  r->issue = (int)v;
  r->date = get_string(kf, "report", "date", "");
  if (*r->date && !valid_date(r->date)) {
    set_config_error(error, path, text, "report", "date",
                     "date '%s' is not a date — write YYYY-MM-DD, e.g. date=2023-06-30", r->date);
    return FALSE;
  }
  if (!*r->date) {
    GError *derr = NULL;
    char *d = date_from_source_date_epoch(&derr);
    if (derr) {
      g_propagate_error(error, derr);
      return FALSE;
    }
    g_free(r->date);
    r->date = d; /* NULL: the report carries no date */
  }
  return TRUE;
}

/* [report] metrics and kpis: lists of metric ids. */
static gboolean read_report_metrics(jd_report_options *r, GKeyFile *kf, const char *path,
                                    const char *text, GError **error)
{
  r->metrics = get_list(kf, "report", "metrics", "", NULL);
  if (!r->metrics[0]) g_clear_pointer(&r->metrics, g_strfreev);
  r->kpis = get_list(kf, "report", "kpis", "", NULL);
  if (!r->kpis[0]) g_clear_pointer(&r->kpis, g_strfreev);
  for (int pass = 0; pass < 2; pass++) {
    char **list = pass ? r->kpis : r->metrics;
    for (char **m = list; m && *m; m++) {
      for (const char *q = *m; *q; q++) {
        if (!(g_ascii_islower(*q) || g_ascii_isdigit(*q) || *q == '_') || !jd_metric_title(*m)) {
          set_config_error(error, path, text, "report", pass ? "kpis" : "metrics",
                           "'%s' is not a known metric id — use the ids of "
                           "data/lexicon/names.tsv such as cases_solved, separated by ';'",
                           *m);
          return FALSE;
        }
      }
    }
  }
  return TRUE;
}

/* [report]: the page style and the 公文 fields of the 版头 and 版记. */
static gboolean read_report_gongwen(jd_report_options *r, GKeyFile *kf, const char *path,
                                    const char *text, GError **error)
{
  r->style = get_string(kf, "report", "style", "gongwen");
  if (!*r->style || (strcmp(r->style, "gongwen") && strcmp(r->style, "modern"))) {
    set_config_error(error, path, text, "report", "style",
                     "style '%s' is not known — write style=gongwen (GB/T 9704 简报) or style=modern",
                     r->style);
    return FALSE;
  }
  r->secrecy = get_string(kf, "report", "secrecy", "");
  r->urgency = get_string(kf, "report", "urgency", "");
  r->report_to = get_string(kf, "report", "report_to", "");
  r->send_to = get_string(kf, "report", "send_to", "");
  r->distribute_to = get_string(kf, "report", "distribute_to", "");
  g_autofree char *c = get_string(kf, "report", "copies", "0");
  char *end = NULL;
  gint64 v = g_ascii_strtoll(c, &end, 10);
  if (!*c || *end || v < 0 || v > 1000000) {
    set_config_error(error, path, text, "report", "copies",
                     "copies '%s' is not a whole number from 0 to 1000000 — e.g. copies=40", c);
    return FALSE;
  }
  r->copies = (int)v;
  return TRUE;
}

/* [report]: the briefing's options. */
static gboolean read_report(jd_report_options *r, GKeyFile *kf, const char *path,
                            const char *text, GError **error)
{
  g_free(r->title);
  r->title = get_string(kf, "report", "title", "禁毒工作简报");
  r->organisation = get_string(kf, "report", "organisation", "");
  if (!read_report_issue_date(r, kf, path, text, error)) return FALSE;
  r->region = get_string(kf, "report", "region", "");
  r->author = get_string(kf, "report", "author", "");
  r->subject = get_string(kf, "report", "subject", "");
  r->keywords = get_string(kf, "report", "keywords", "");
  g_free(r->theme);
  r->theme = get_string(kf, "report", "theme", "default");
  if (!read_report_gongwen(r, kf, path, text, error)) return FALSE;
  return read_report_metrics(r, kf, path, text, error);
}

jd_build_config *jd_build_config_load(const char *path, GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new();
  g_autofree char *text = read_key_file(path, kf, error);
  if (!text || !check_keys(kf, path, text, error)) return NULL;

  jd_build_config *c = g_new0(jd_build_config, 1);
  c->path = g_canonicalize_filename(path, NULL);
  c->base_dir = g_path_get_dirname(c->path);
  jd_report_options_init(&c->report);
  if (read_input(c, kf, path, text, error) && read_output_names(c, kf, path, text, error) &&
      read_output_settings(c, kf, path, text, error) &&
      read_report(&c->report, kf, path, text, error))
    return c;
  jd_build_config_free(c);
  return NULL;
}
