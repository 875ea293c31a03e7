#!/usr/bin/env bash
# Installs the peers the chart benchmark compares against (bench only; jindu
# itself does not need them): matplotlib, gnuplot, rsvg-convert, R + ggplot2
# from Debian, and Apache ECharts from npm into bench/chart/node_modules.
set -euo pipefail
cd "$(dirname "$0")"
PACKAGES="python3-matplotlib gnuplot-nox librsvg2-bin r-base-core r-cran-ggplot2 hyperfine"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
command -v npm >/dev/null || { echo "bench/chart/setup.sh: npm not found: install Node.js 18+ with npm" >&2; exit 1; }
[ -d node_modules/echarts ] || npm install --no-save --no-audit --no-fund --prefix . echarts >/dev/null
