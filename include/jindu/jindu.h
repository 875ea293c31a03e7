/* jindu: the umbrella header, the ownership rule and the process-wide set-up.
 *
 * Ownership, stated once: no function takes ownership of its arguments.
 * Functions named _get_ return borrowed pointers, valid until the object they
 * came from is freed. What comes back from _new, _load, _read or through an
 * `**out` argument belongs to the caller, who frees it with the matching _free
 * (every _free accepts NULL). Functions that can fail take a trailing
 * `GError **error` and return FALSE or NULL on failure; library code never
 * exits or aborts on bad input. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of the jindu command, documented in README.md and `jindu help`. */
typedef enum {
  JD_EXIT_OK = 0,
  JD_EXIT_USAGE = 2,      /* bad command line */
  JD_EXIT_INPUT = 3,      /* an input could not be read or understood */
  JD_EXIT_OUTPUT = 4,     /* an output could not be written */
  JD_EXIT_AUDIT = 5,      /* build --strict: built, but the audit found problems */
  JD_EXIT_BUSY = 6,       /* another build holds the lock */
  JD_EXIT_SKIPPED = 7,    /* build: built, but some documents could not be read and were left out */
  JD_EXIT_INTERNAL = 70,  /* a bug in jindu */
} jd_exit_code;

/* The largest magnitude at which a double still counts in whole steps (2^52):
 * exact-integer searches stop here. */
#define JD_EXACT_INTEGER_MAX 4503599627370496.0

/* The largest magnitude of a figure jindu accepts (10^15: a thousand trillion
 * yuan, people or kilograms is no figure of drug work). Larger values are
 * rejected where they are read, naming the file and line. */
#define JD_VALUE_MAX 1e15

/* Version string of jindu itself ("0.1.0"). Borrowed. */
const char *jd_version(void);

/* The directory holding data/, fonts/ and themes: $JINDU_DATA_DIR if set,
 * else the source tree when running from a build tree, else the installed
 * share/jindu. Borrowed. */
const char *jd_data_dir(void);

/* A file under jd_data_dir(), e.g. jd_data_path("data/lexicon/metrics.tsv").
 * Caller frees with g_free. */
char *jd_data_path(const char *relative);

/* The vocabularies' directory: the one given to jd_set_lexicon_dir (the
 * command line's --lexicon DIR, for the whole process), else
 * jd_data_path("data/lexicon"). jd_lexicon_path("names.tsv") is a file in
 * it. Callers free. Set it before anything reads a table. */
void jd_set_lexicon_dir(const char *dir);
char *jd_lexicon_dir(void);
char *jd_lexicon_path(const char *file);

/* Points fontconfig at the project's own configuration in fonts/ (unless
 * FONTCONFIG_FILE is already set), so output never depends on desktop font
 * settings. Call once before any Pango use; idempotent. */
void jd_fonts_init(void);

G_END_DECLS
