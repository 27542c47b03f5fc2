#!/usr/bin/env bash
# The Debian package, installed into a scratch root (dpkg-deb -x; no root rights, nothing touches the
# system): it declares its Debian dependencies, holds the desktop entry, icon, MIME type, man page and bash
# completion, and the nbhd it installs runs: --version, the demo, and a headless render.
# usage: deb_test.sh BUILD_DIR SCRATCH_DIR
set -euo pipefail
build=$1
scratch=$2
rm -rf "$scratch"
mkdir -p "$scratch"
fail() {
  echo "deb_test: $*" >&2
  exit 1
}

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$scratch/pkg" >"$scratch/cpack.log" 2>&1 ||
  fail "cpack failed: $(tail -3 "$scratch/cpack.log")"
deb=$(ls "$scratch"/pkg/nbhd_*.deb)
echo "package: $(basename "$deb"), $(($(stat -c %s "$deb") / 1024)) KiB"

# Dependencies: the shared libraries dpkg-shlibdeps found, and the fonts found by path.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libgdal libgeos-c libproj libcairo2 libglfw3 fonts-dejavu-core; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib"
done

root="$scratch/root"
dpkg-deb -x "$deb" "$root"
for f in usr/bin/nbhd usr/share/applications/nbhd.desktop usr/share/icons/hicolor/scalable/apps/nbhd.svg \
  usr/share/mime/packages/nbhd.xml usr/share/man/man1/nbhd.1.gz usr/share/bash-completion/completions/nbhd \
  usr/share/doc/nbhd/README.md; do
  [ -e "$root/$f" ] || fail "the package lacks /$f"
done
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$root/usr/share/applications/nbhd.desktop" || fail "the desktop entry is invalid"
fi
grep -q '^MimeType=application/x-nbhd-project;' "$root/usr/share/applications/nbhd.desktop" ||
  fail "the desktop entry does not open projects"
grep -q 'glob pattern="\*.nbhd.json"' "$root/usr/share/mime/packages/nbhd.xml" || fail "no *.nbhd.json MIME glob"

# The man page documents every command, from the installed binary's own help.
man_text=$(zcat "$root/usr/share/man/man1/nbhd.1.gz")
for cmd in $("$root/usr/bin/nbhd" --help | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
  grep -q "^\.SS nbhd $cmd\$" <<<"$man_text" || fail "the man page lacks nbhd $cmd"
done
if command -v groff >/dev/null; then
  # As man(1) reads it: preconv turns UTF-8 (£, ’) into groff escapes.
  warnings=$(zcat "$root/usr/share/man/man1/nbhd.1.gz" | preconv | groff -man -ww -z 2>&1 || true)
  [ -z "$warnings" ] || fail "groff warns: $warnings"
fi

# Bash completion: commands, then a command's options.
# shellcheck disable=SC1091
source "$root/usr/share/bash-completion/completions/nbhd"
COMP_WORDS=(nbhd ren)
COMP_CWORD=1
_nbhd
[ "${COMPREPLY[*]}" = "render" ] || fail "completing 'nbhd ren' gave '${COMPREPLY[*]}'"
COMP_WORDS=(nbhd render --pal)
COMP_CWORD=2
_nbhd
[ "${COMPREPLY[*]}" = "--palette" ] || fail "completing 'nbhd render --pal' gave '${COMPREPLY[*]}'"

# The installed binary runs.
nbhd="$root/usr/bin/nbhd"
version=$("$nbhd" --version)
[ "$version" = "nbhd $(dpkg-deb -f "$deb" Version)" ] || fail "--version says '$version'"
"$nbhd" demo -o "$scratch/demo" >/dev/null
"$nbhd" render "$scratch/demo/lsoa.gpkg" --indicators "$scratch/demo/indicators.csv" --column IMD_score \
  -o "$scratch/map.png" >/dev/null
[ "$(head -c 8 "$scratch/map.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] ||
  fail "the installed nbhd did not write a PNG"
echo "deb_test: the package installs and runs"
