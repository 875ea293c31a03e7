/* The words a value is written with under its qualifier (numeral.h): the
 * display side of qualifiers, read from the qualifier rows of
 * data/lexicon/names.tsv. The words the scanner recognises are in
 * data/lexicon/numerals.tsv (words.c). */
#include "jindu/numeral.h"
#include "util/names-table.h"

void jd_qualifier_words(jd_qualifier q, jd_qualifier_words_style style, const char **before,
                        const char **after)
{
  const jd_names_row *row = jd_names_table_find("qualifier", jd_qualifier_to_string(q));
  size_t column = 2 * (size_t)style;
  *before = jd_names_row_column(row, column);
  *after = jd_names_row_column(row, column + 1);
}
