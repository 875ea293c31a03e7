/* Helpers shared by the tests: where the seeds, the source tree and the
 * built jindu binary are, and running the CLI. */
#pragma once

#include <glib.h>

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
