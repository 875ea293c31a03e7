/* The error domain of the text stage (text.h), shared by the loader and the
 * readers of documents in other forms. */
#include "jindu/text.h"

G_DEFINE_QUARK(jd-text-error-quark, jd_text_error)
