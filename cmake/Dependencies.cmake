# Finds every library through pkg-config and names the Debian package when one is missing.
find_package(PkgConfig)
if(NOT PKG_CONFIG_FOUND)
  message(FATAL_ERROR "pkg-config not found: apt-get install pkg-config (or run scripts/setup.sh)")
endif()

# Three sets, one per part of the program (util/module.h): the executable
# links only jindu_base_deps; the "readers" and "commands" modules, loaded on
# first use, link the rest. jindu::deps is all of them (the static library the
# tests and fuzzers link).
add_library(jindu_base_deps INTERFACE)
add_library(jindu_readers_deps INTERFACE)
add_library(jindu_commands_deps INTERFACE)
add_library(jindu_deps INTERFACE)
add_library(jindu::deps ALIAS jindu_deps)
target_link_libraries(jindu_deps INTERFACE jindu_base_deps jindu_readers_deps jindu_commands_deps)

function(jindu_require module debian_package)
  pkg_check_modules(DEP_${module} QUIET IMPORTED_TARGET ${module})
  if(NOT DEP_${module}_FOUND)
    message(FATAL_ERROR "jindu needs ${module}: apt-get install ${debian_package} (or run scripts/setup.sh)")
  endif()
  foreach(part ${ARGN})
    target_link_libraries(jindu_${part}_deps INTERFACE PkgConfig::DEP_${module})
  endforeach()
endfunction()

jindu_require(glib-2.0 libglib2.0-dev base)
jindu_require(gmodule-2.0 libglib2.0-dev base)
jindu_require(gio-2.0 libglib2.0-dev commands)
jindu_require(gsl libgsl-dev commands)
jindu_require(cairo libcairo2-dev readers commands)
jindu_require(cairo-pdf libcairo2-dev commands)
jindu_require(cairo-svg libcairo2-dev commands)
jindu_require(cairo-png libcairo2-dev commands)
jindu_require(pango libpango1.0-dev commands)
jindu_require(pangocairo libpango1.0-dev commands)
jindu_require(pangoft2 libpango1.0-dev commands)
jindu_require(fontconfig libfontconfig-dev commands)
jindu_require(libpng libpng-dev commands)
jindu_require(harfbuzz-subset libharfbuzz-dev commands)
jindu_require(freetype2 libfreetype-dev commands)
jindu_require(libqpdf libqpdf-dev commands)
jindu_require(xlsxwriter libxlsxwriter-dev commands)
jindu_require(libxml-2.0 libxml2-dev readers commands)
jindu_require(libzip libzip-dev readers commands)
# documents that are not plain text (src/text/doc-*.c)
jindu_require(poppler-glib libpoppler-glib-dev readers)
jindu_require(tesseract libtesseract-dev readers)
jindu_require(lept libleptonica-dev readers)
target_link_libraries(jindu_base_deps INTERFACE m)

# The terminal screen of `jindu review` (src/cli/review-screen.c): the
# commands module only, not the library.
pkg_check_modules(DEP_NCURSESW QUIET ncursesw)
if(NOT DEP_NCURSESW_FOUND)
  message(FATAL_ERROR "jindu needs ncursesw: apt-get install libncurses-dev (or run scripts/setup.sh)")
endif()

# OpenCC's data is compiled in (src/text/t2s.c, cmake/GenT2S.cmake); the library
# itself only checks, in the tests, that the compiled tables convert as it does.
pkg_check_modules(DEP_OPENCC QUIET IMPORTED_TARGET opencc)
set(JINDU_OPENCC_VERSION "${DEP_OPENCC_VERSION}")
if(NOT JINDU_OPENCC_VERSION)
  set(JINDU_OPENCC_VERSION "unknown")
endif()

if(JINDU_TESTS)
  if(NOT DEP_OPENCC_FOUND)
    message(FATAL_ERROR "the tests need libopencc: apt-get install libopencc-dev (or configure with -DJINDU_TESTS=OFF)")
  endif()
  pkg_check_modules(DEP_POPPLER QUIET IMPORTED_TARGET poppler-glib)
  if(NOT DEP_POPPLER_FOUND)
    message(FATAL_ERROR "the tests need poppler-glib: apt-get install libpoppler-glib-dev (or configure with -DJINDU_TESTS=OFF)")
  endif()
endif()

if(NOT EXISTS "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
  message(WARNING "Noto Sans CJK not found: apt-get install fonts-noto-cjk (charts and reports need it)")
endif()
