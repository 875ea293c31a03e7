/* Memory for big arrays that are written once from end to end (big-alloc.c). */
#pragma once

#include <stddef.h>

/* malloc, with memory of 2 MiB or more aligned for transparent huge pages;
 * release with free(). Never NULL. */
void *jd_big_alloc(size_t size);
