#!/usr/bin/env bash
# Builds the Debian package and checks it without installing it on this
# machine: every shared library the binary needs is covered by Depends
# (dpkg-shlibdeps), apt can resolve the dependencies (simulated install), and
# the unpacked package runs from another directory: --version shows
# /usr/share/jindu-equivalent data, and `jindu build` works on a copy of the
# sample corpus. Usage: packaging/check-deb.sh [BUILD_DIR] (default build-deb)
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
bdir=${1:-build-deb}
cmake -S . -B "$bdir" -DCMAKE_INSTALL_PREFIX=/usr -DJINDU_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$bdir" -j2 >/dev/null
(cd "$bdir" && cpack -G DEB >/dev/null)
deb=$(ls -t "$bdir"/jindu_*.deb | head -1)
echo "package: $deb"
depends=$(dpkg-deb -f "$deb" Depends)

# 1. dpkg-shlibdeps' view of the binary is covered by Depends.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/pkg/debian"
printf 'Source: jindu\n\nPackage: jindu\nArchitecture: any\n' >"$tmp/pkg/debian/control"
shlibs=$(cd "$tmp/pkg" && dpkg-shlibdeps -O "$src/$bdir/jindu" 2>/dev/null | sed 's/^shlibs:Depends=//')
fail=0
[ -n "$shlibs" ] || { echo "dpkg-shlibdeps gave nothing"; fail=1; }
echo "dpkg-shlibdeps: $shlibs"
for p in $(echo "$shlibs" | tr ',' '\n' | sed 's/(.*//; s/ //g'); do
  if ! echo "$depends" | tr ',' '\n' | sed 's/(.*//; s/ //g' | grep -qx "$p"; then
    echo "missing from Depends: $p (dpkg-shlibdeps: $shlibs)"; fail=1
  fi
done

# 2. apt resolves every dependency (simulation: nothing is installed).
if ! apt-get install -s -qq "./$deb" >/dev/null 2>"$tmp/apt.err"; then
  echo "apt cannot resolve the dependencies:"; cat "$tmp/apt.err"; fail=1
fi

# 3. The unpacked package runs from elsewhere with its own data.
dpkg-deb -x "$deb" "$tmp/root"
mkdir -p "$tmp/work"
cd "$tmp/work"
env -u JINDU_DATA_DIR -u FONTCONFIG_FILE "$tmp/root/usr/bin/jindu" --version |
  grep -q "data: $tmp/root/usr/share/jindu" || { echo "unpacked binary does not use its own data"; fail=1; }
if [ -d "$tmp/root/usr/share/jindu/data/corpus" ] && [ -f "$tmp/root/usr/share/jindu/jindu.ini" ]; then
  cp -r "$tmp/root/usr/share/jindu/data" "$tmp/work/data"
  cp "$tmp/root/usr/share/jindu/jindu.ini" "$tmp/work/jindu.ini"
  if env -u JINDU_DATA_DIR -u FONTCONFIG_FILE "$tmp/root/usr/bin/jindu" build; then
    echo "jindu build on a copy of the sample: ok ($(find "$tmp/work" -newer "$tmp/work/jindu.ini" -type f | wc -l) files written)"
  else
    echo "jindu build on a copy of the sample failed"; fail=1
  fi
fi
[ $fail -eq 0 ] && echo "package ok: Depends: $depends"
exit $fail
