# What `cmake --install` puts where, and the Debian package (cpack -G DEB).
#
# The installed tree mirrors the source tree under share/jindu, so
# jd_data_path("data/lexicon/...") and jd_data_path("fonts/fonts.conf") resolve
# the same way installed and uninstalled (see src/util/paths.c):
#   bin/jindu, lib/jindu/{readers,commands}.so (loaded on first use)
#   share/jindu/{data/lexicon,data/themes,data/corpus,data/overrides.csv,fonts,jindu.ini,
#                jindu-scheduled.ini}
#   share/man/man1/jindu.1, share/bash-completion/completions/jindu
#   lib/systemd/system/jindu-build.{service,timer,path}, lib/sysusers.d, lib/tmpfiles.d
#   share/doc/jindu/{README.md,DESIGN.md,examples/...}
set(JINDU_SHARE "${CMAKE_INSTALL_DATADIR}/jindu")

install(TARGETS jindu RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# the modules loaded on first use (src/util/module.h): BINDIR/../lib/jindu
install(TARGETS jindu_readers jindu_commands LIBRARY DESTINATION lib/jindu)
install(DIRECTORY data/lexicon data/themes data/corpus DESTINATION ${JINDU_SHARE}/data OPTIONAL)
install(FILES data/overrides.csv DESTINATION ${JINDU_SHARE}/data OPTIONAL)
install(DIRECTORY fonts DESTINATION ${JINDU_SHARE})
install(FILES jindu.ini DESTINATION ${JINDU_SHARE} OPTIONAL)
# The scheduled build's configuration (documents/ in, reports/ out), copied to
# /var/lib/jindu/jindu.ini by the package's postinst when none is there.
install(FILES packaging/jindu-scheduled.ini DESTINATION ${JINDU_SHARE})

install(FILES man/jindu.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES completions/jindu.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME jindu)

# The scheduled build: units and the crontab line name the installed binary,
# so they are configured when they are installed, with the prefix of that
# install (`cmake --install build --prefix /usr/local`, or /usr inside
# `cpack -G DEB`), whatever prefix the tree was configured with.
install(CODE "
  set(CMAKE_INSTALL_FULL_BINDIR \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
  string(MD5 key \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}\")  # two installs at once stay apart
  set(staged \"${CMAKE_CURRENT_BINARY_DIR}/packaging/installed-\${key}\")
  foreach(unit jindu-build.service jindu-build.timer jindu-build.path)
    configure_file(\"${CMAKE_CURRENT_SOURCE_DIR}/packaging/systemd/\${unit}.in\" \"\${staged}/\${unit}\" @ONLY)
    file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/lib/systemd/system\" TYPE FILE FILES \"\${staged}/\${unit}\")
  endforeach()
  configure_file(\"${CMAKE_CURRENT_SOURCE_DIR}/packaging/crontab.in\" \"\${staged}/crontab\" @ONLY)
  file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DOCDIR}/examples\" TYPE FILE FILES \"\${staged}/crontab\")
")
install(FILES packaging/systemd/jindu.sysusers DESTINATION lib/sysusers.d RENAME jindu.conf)
install(FILES packaging/systemd/jindu.tmpfiles DESTINATION lib/tmpfiles.d RENAME jindu.conf)

install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES packaging/systemd/README.scheduled DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES jindu.ini DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples OPTIONAL)
install(FILES packaging/debian/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})

# cpack -G DEB (see README): runtime libraries by their Debian 12 package names.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "jindu")
set(CPACK_PACKAGE_VENDOR "jindu developers")
set(CPACK_PACKAGE_CONTACT "jindu developers <jindu@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "audited statistics, charts and briefings from Chinese anti-drug documents")
set(CPACK_PACKAGE_DESCRIPTION
    "jindu reads Chinese anti-drug work documents (plain text in UTF-8, GB18030 or\nBig5, Word .docx and .doc, Excel .xlsx and .xls, .odt, .ods, RTF, PDF, web pages,
scans through Tesseract), extracts\nevery stated figure with its provenance, audits them, and renders PNG/PDF/SVG charts and multi-page PDF briefings. It includes a\nsystemd service and timer for scheduled builds over a watched folder.")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.invalid/jindu")
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libc6 (>= 2.34), libglib2.0-0 (>= 2.74), libgsl27 (>= 2.7), libcairo2 (>= 1.16), libpango-1.0-0 (>= 1.50), libpangocairo-1.0-0 (>= 1.50), libpangoft2-1.0-0 (>= 1.50), libharfbuzz0b (>= 6.0), libharfbuzz-subset0 (>= 6.0), libfreetype6, libfontconfig1 (>= 2.13), libpng16-16, libxlsxwriter4 (>= 1.1), libxml2 (>= 2.9), libzip4 (>= 1.7), libpoppler-glib8 (>= 22.02), libtesseract5 (>= 5.3), liblept5 (>= 1.82), libqpdf29 (>= 11), libncursesw6 (>= 6.4), libtinfo6 (>= 6.4), fonts-noto-cjk, fonts-dejavu-core, fonts-arphic-gkai00mp")
# OCR's language data: without it a scan gets a clear error naming these
# packages, everything else works (src/text/doc-ocr.c).
# .doc, old .wps, .xls, .et and RTF are converted by LibreOffice (src/text/doc-convert.c);
# without it they get a clear error naming these packages.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "tesseract-ocr-chi-sim, tesseract-ocr-chi-tra, libreoffice-writer-nogui | libreoffice-writer, libreoffice-calc-nogui | libreoffice-calc")
# Checked against `readelf -d` of jindu and lib/jindu/*.so + dpkg -S and dpkg-shlibdeps (whose
# minimum versions are lower than these: these are what Debian 12 ships and
# what the outputs are tested with).
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${CMAKE_CURRENT_SOURCE_DIR}/packaging/debian/postinst;${CMAKE_CURRENT_SOURCE_DIR}/packaging/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
