/* The parts of jindu loaded on first use. The jindu executable links only
 * GLib and the core every command needs (reading text, numerals, the lexicon,
 * extraction); the readers of other document forms (poppler, Tesseract,
 * libxml2, libzip) and the commands that draw or write office formats (cairo,
 * Pango, qpdf, libxlsxwriter, GSL, ncurses) are loadable modules in lib/jindu/,
 * opened the first time they are needed, so a plain-text extract maps none of
 * their libraries.
 *
 * A module NAME is found as, in order: $JINDU_MODULE_DIR/NAME.so;
 * BINDIR/../lib/jindu/NAME.so beside the running executable (an installed or
 * packaged tree, relocatable); the build tree's lib/jindu/ (an uninstalled
 * binary); the compiled-in install prefix's lib/jindu/. */
#pragma once

#include <glib.h>

#define JD_MODULE_ERROR (jd_module_error_quark())
GQuark jd_module_error_quark(void);

/* The jindu version every module is stamped with (jd_module_version); a
 * module of another version is refused. */
#define JD_MODULE_VERSION_SYMBOL "jd_module_version"
extern const char jd_module_version[];

/* The address of symbol in module name ("readers", "commands"), opening the
 * module once per process (thread-safe). what says what the module is needed
 * for, for the message. NULL with an error that names the file and what to do
 * when the module is missing, of another version or lacks the symbol. */
gconstpointer jd_module_symbol(const char *name, const char *symbol, const char *what,
                               GError **error);
/* The file jd_module_symbol opens for module name (newly allocated). */
char *jd_module_path(const char *name);
