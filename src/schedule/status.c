/* The last build's outcome, beside the manifest: the number of audit
 * findings and the documents that were skipped, so that `jindu build
 * --strict` gives a no-op rebuild the status of the build it repeats, and a
 * cron job's exit code depends on the data, not on timing. A GLib key file,
 * written atomically. */
#include <string.h>

#include "schedule/build-private.h"

#define GROUP "last build"

gboolean jd_build_status_save(jd_atomic_batch *batch, const char *output_dir,
                              const jd_build_result *r, GError **error)
{
  GKeyFile *k = g_key_file_new();
  g_key_file_set_uint64(k, GROUP, "audit_findings", r->audit_findings);
  g_key_file_set_uint64(k, GROUP, "pages", r->pages);
  size_t n = r->skipped ? r->skipped->len : 0;
  if (n) {
    g_key_file_set_string_list(k, GROUP, "skipped", (const char *const *)r->skipped->pdata, n);
    g_key_file_set_string_list(k, GROUP, "skipped_errors",
                               (const char *const *)r->skipped_errors->pdata, n);
  }
  gsize len = 0;
  g_autofree char *text = g_key_file_to_data(k, &len, NULL);
  g_key_file_free(k);
  g_autofree char *path = g_build_filename(output_dir, JD_BUILD_STATUS, NULL);
  return jd_build_write(batch, path, text, len, error);
}

void jd_build_status_load(const char *output_dir, jd_build_result *r)
{
  g_autofree char *path = g_build_filename(output_dir, JD_BUILD_STATUS, NULL);
  GKeyFile *k = g_key_file_new();
  if (!g_key_file_load_from_file(k, path, G_KEY_FILE_NONE, NULL)) {
    g_key_file_free(k);
    return;
  }
  r->audit_findings = (size_t)g_key_file_get_uint64(k, GROUP, "audit_findings", NULL);
  r->pages = (size_t)g_key_file_get_uint64(k, GROUP, "pages", NULL); /* 0 when not kept */
  gsize n = 0, m = 0;
  g_auto(GStrv) skipped = g_key_file_get_string_list(k, GROUP, "skipped", &n, NULL);
  g_auto(GStrv) errors = g_key_file_get_string_list(k, GROUP, "skipped_errors", &m, NULL);
  for (gsize i = 0; i < n; i++) {
    g_ptr_array_add(r->skipped, g_strdup(skipped[i]));
    g_ptr_array_add(r->skipped_errors, g_strdup(i < m ? errors[i] : skipped[i]));
  }
  g_key_file_free(k);
}
