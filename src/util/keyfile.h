/* Checking a GLib key file (jindu.ini, chart themes, chart specs) against the
 * groups and keys its reader knows, so a typo is an error naming file:line
 * instead of a setting silently ignored. GKeyFile keeps no line numbers; the
 * line is found again in the text. */
#pragma once

#include <glib.h>

/* The 1-based line of `key=` in [group] of the key file text, or of the
 * [group] line itself when key is NULL; 0 when not found. */
unsigned jd_keyfile_line(const char *text, const char *group, const char *key);

/* Whether a reader knows group (key NULL) or key in group. */
typedef gboolean (*jd_keyfile_known_func)(const char *group, const char *key, void *data);

/* Looks at every group of kf in file order and, in a known group, at every
 * key. Returns TRUE when all are known; else FALSE with the first unknown one
 * in *group and *key (*key NULL when the group itself is unknown; both owned
 * by the caller) and its line in *line (0 when not found). */
gboolean jd_keyfile_check(GKeyFile *kf, const char *text, jd_keyfile_known_func known, void *data,
                          char **group, char **key, unsigned *line);

/* The first key set twice in one group (GKeyFile would silently keep the
 * last): TRUE with its group, key (owned by the caller) and 1-based line. */
gboolean jd_keyfile_find_duplicate(const char *text, char **group, char **key, unsigned *line);
