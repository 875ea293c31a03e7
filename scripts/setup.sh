#!/usr/bin/env bash
# Installs what jindu needs on Debian 12 (as root) and builds it into build/.
# Idempotent: re-running only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES="build-essential cmake pkg-config libglib2.0-dev libopencc-dev opencc libgsl-dev
  libcairo2-dev libpango1.0-dev libfontconfig-dev libpng-dev libharfbuzz-dev fonts-noto-cjk
  fonts-dejavu-core libpoppler-glib-dev poppler-utils
  libxml2-dev libzip-dev libtesseract-dev libleptonica-dev tesseract-ocr-chi-sim
  tesseract-ocr-chi-tra qpdf"

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo ${JINDU_CMAKE_FLAGS:-} >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
