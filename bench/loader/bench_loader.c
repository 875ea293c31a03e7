/* Loader + numeral scan throughput: streams each file given through
 * jd_reader (decode, normalize, t2s) and scans every paragraph for
 * numerals, then prints MB/s over the input bytes. Peak memory is measured
 * from outside by /usr/bin/time -v (see run.sh). */
#include <glib/gstdio.h>
#include <sys/resource.h>
#include <stdio.h>

#include "jindu/lexicon.h"
#include "jindu/numeral.h"
#include "jindu/text.h"

int main(int argc, char **argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: bench_loader FILE...\n");
    return 2;
  }
  GError *lerr = NULL;
  jd_lexicon *lx = jd_lexicon_load(NULL, &lerr);
  if (!lx) {
    fprintf(stderr, "%s\n", lerr->message);
    return 3;
  }
  const jd_numeral_words *words = jd_lexicon_get_numeral_words(lx);
  GArray *nums = g_array_new(FALSE, FALSE, sizeof(jd_numeral));
  guint64 bytes = 0, paragraphs = 0, numerals = 0;
  gint64 t0 = g_get_monotonic_time();
  for (int i = 1; i < argc; i++) {
    GStatBuf st;
    if (g_stat(argv[i], &st) == 0) bytes += (guint64)st.st_size;
    GError *err = NULL;
    jd_reader *r = jd_reader_open(argv[i], NULL, &err);
    if (!r) {
      fprintf(stderr, "%s\n", err->message);
      return 3;
    }
    jd_paragraph p;
    while (jd_reader_next(r, &p, &err)) {
      g_array_set_size(nums, 0);
      numerals += jd_numeral_scan(words, p.text, p.len, nums);
      paragraphs++;
    }
    if (err) {
      fprintf(stderr, "%s\n", err->message);
      return 3;
    }
    jd_reader_free(r);
  }
  double secs = (double)(g_get_monotonic_time() - t0) / 1e6;
  /* CPU time too: the machine is shared, so wall time can include waiting */
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
               (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
  printf("bytes=%" G_GUINT64_FORMAT " paragraphs=%" G_GUINT64_FORMAT " numerals=%" G_GUINT64_FORMAT
         " wall=%.3fs cpu=%.3fs MB/s(wall)=%.1f MB/s(cpu)=%.1f\n",
         bytes, paragraphs, numerals, secs, cpu, (double)bytes / 1e6 / secs,
         (double)bytes / 1e6 / cpu);
  g_array_unref(nums);
  jd_lexicon_free(lx);
  return 0;
}
