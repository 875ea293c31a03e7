/* Shared by the libFuzzer targets in fuzz/: the entry points, and a check
 * that aborts (so libFuzzer records the input) when an invariant the public
 * headers promise does not hold. */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond)                                                                   \
  do {                                                                                     \
    if (!(cond)) {                                                                         \
      fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);         \
      abort();                                                                             \
    }                                                                                      \
  } while (0)

/* Points JINDU_DATA_DIR at the source tree (lexicons, themes) unless set, and
 * quiets GLib's debug output. Called from every target's LLVMFuzzerInitialize. */
void jd_fuzz_setup(void);
/* Writes data to a per-process scratch file (for readers that take a path)
 * and returns its path (static storage, same path on every call). */
const char *jd_fuzz_scratch_file(const char *suffix, const uint8_t *data, size_t size);
