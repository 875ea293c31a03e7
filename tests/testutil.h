/* Helpers shared by the tests: where the seeds, the source tree and the
 * built jindu binary are, and running the CLI. */
#pragma once

#include <glib.h>

/* A test program runs in one of two parts, chosen by $JINDU_TEST_PART:
 * "own" (the default) runs the tests registered with jd_test_add, on the
 * project's own invented documents; "seeds" runs those registered with
 * jd_test_add_seeds, which read the shared seed documents ($JINDU_SEEDS_DIR),
 * and is skipped (exit 77, ctest's SKIP_RETURN_CODE) with a one-line reason
 * when they are not there — a plain clone has no ../shared. */
void jd_test_add(const char *path, GTestFunc fn);
/* TRUE in the seeds part (for tests registered with g_test_add_data_func). */
gboolean jd_test_seeds_part(void);
void jd_test_add_seeds(const char *path, GTestFunc fn);
/* g_test_run() for the part chosen, or 77 when the seeds part has no seeds. */
int jd_test_run(void);
/* TRUE when the seed documents are there. */
gboolean jd_test_have_seeds(void);
/* $JINDU_SOURCE_DIR/tests/docs/name (an invented document). Caller frees. */
char *jd_test_doc_path(const char *name);
/* Calls check on the path of every seed document (the seeds part), or of
 * every invented document in tests/docs (*.txt), in the order of their names. */
void jd_test_each_seed(void (*check)(const char *path));
void jd_test_each_doc(void (*check)(const char *path));
/* $JINDU_SEEDS_DIR/name (the shared seed documents). Caller frees. */
char *jd_test_seed_path(const char *name);
/* $JINDU_SOURCE_DIR/relative. Caller frees. */
char *jd_test_source_path(const char *relative);
/* Reads a whole file; aborts the test when it cannot. Caller frees. */
char *jd_test_read_file(const char *path, gsize *len);
/* Runs the jindu binary with argv (NULL-terminated, without "jindu"), in
 * working directory cwd (NULL: current), feeding stdin_data (NULL: none).
 * Returns the exit status; *out and *err (may be NULL) receive the output. */
int jd_test_run_cli(const char *const *argv, const char *cwd, const char *stdin_data,
                    char **out, char **err);
/* Runs `qpdf --check` (the independent reader) over a PDF file / PDF bytes
 * and fails the test on any warning. */
void jd_test_qpdf_check_file(const char *path);
void jd_test_qpdf_check(const void *data, size_t length);
/* A fresh temporary directory, removed by the caller with jd_test_rm_rf,
 * which first runs qpdf --check over every PDF left in it: every PDF the
 * suite writes is checked. */
char *jd_test_tmpdir(void);
void jd_test_rm_rf(const char *path);
