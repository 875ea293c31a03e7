/* The "readers" module's face (util/module.h, doc-private.h): the readers of
 * documents that are not plain text, as the one table jd_doc_read looks up,
 * and the version the module is stamped with. Built into lib/jindu/readers.so
 * with doc-zip.c, doc-docx.c, doc-odt.c, doc-pdf.c, doc-html.c and doc-ocr.c. */
#include "text/doc-private.h"

#include "jindu-config.h"
#include "util/module-stamp.h"
#include "util/module.h"

const jd_doc_readers jd_doc_readers_table = {
    .zip = jd_doc_read_zip,
    .pdf = jd_doc_read_pdf,
    .html = jd_doc_read_html,
    .image = jd_doc_read_image,
};

/* Checked by jd_module_symbol against the executable's version. */
const char jd_module_version[] = JD_MODULE_VERSION;
