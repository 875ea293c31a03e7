#!/usr/bin/env bash
# Installs what jindu needs on Debian 12 (as root) and builds it into build/.
# Idempotent: re-running only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

# the last line is for the tests only: LibreOffice and Chromium read the
# office outputs back, tmux drives `jindu review`'s screen, GNU parallel runs
# the README's sharding recipe (tests/test_readme.c)
PACKAGES="build-essential cmake pkg-config libglib2.0-dev libopencc-dev opencc libgsl-dev
  libcairo2-dev libpango1.0-dev libfontconfig-dev libpng-dev libharfbuzz-dev fonts-noto-cjk
  fonts-dejavu-core libpoppler-glib-dev poppler-utils libqpdf-dev qpdf fonts-arphic-gkai00mp libxlsxwriter-dev libxml2-dev libzip-dev
  libtesseract-dev libleptonica-dev tesseract-ocr-chi-sim tesseract-ocr-chi-tra libncurses-dev
  libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui chromium librsvg2-bin tmux parallel"

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  # apt and dpkg print hundreds of lines: they go to a log, shown only when
  # something fails
  log=$(mktemp /tmp/jindu-setup-XXXXXX.log)
  echo "setup: installing$missing (log: $log)"
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
         -o Dpkg::Use-Pty=0 --no-install-recommends $missing; } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "setup: apt-get failed — the whole log is in $log" >&2
    exit 1
  fi
  rm -f "$log"
fi

BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo ${JINDU_CMAKE_FLAGS:-} >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
