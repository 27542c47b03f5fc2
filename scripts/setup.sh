#!/usr/bin/env bash
# Installs every Debian 12 package nbhd's build, tests and demo need (idempotent), then configures and
# builds into ./build (or $NBHD_BUILD_DIR; not with --packages-only). Works as root, or through sudo otherwise.
# Extra CMake arguments may be given in $NBHD_CMAKE_ARGS (CI passes -DNBHD_WERROR=ON).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  # toolchain; ccache (used when present) lets CI's sanitizer build reuse the test objects of its first build
  cmake ninja-build g++ pkg-config ccache
  # geo: GDAL (all vector/table I/O), PROJ, GEOS; gdal-bin gives ogrinfo for tests and users
  libgdal-dev libproj-dev libgeos-dev gdal-bin
  # geo/vector's file hashes (SHA-256 of a brief's inputs): OpenSSL's libcrypto; GeoPackages read directly
  libssl-dev libsqlite3-dev
  # render: OpenGL 3.3 core via GLVND + EGL (headless), Cairo for layout/PDF/SVG, PNG, fonts; qpdf joins
  # the parts of an atlas PDF drawn in parallel
  libgl-dev libegl-dev libegl1-mesa-dev libgl1-mesa-dri libcairo2-dev libpng-dev libstb-dev fonts-dejavu-core
  libqpdf-dev
  # viewer: GLFW + Dear ImGui (libimgui.a holds the GLFW/OpenGL3 backends), session files
  libglfw3-dev libimgui-dev nlohmann-json3-dev
  # tests: GoogleTest; Xvfb for the viewer; poppler for pdfinfo; util-linux's setpriv (tests an unwritable
  # folder when running as root)
  libgtest-dev xvfb xauth poppler-utils util-linux
  # packaging test: dpkg-shlibdeps (the .deb's dependencies), desktop-file-validate, groff (man page check)
  dpkg-dev desktop-file-utils groff-base
  # HTML map test (tests/app/html_map_test.cpp): a real headless browser loads the page and hovers an area
  chromium
  # PostGIS tests (tests/app/postgis_test.cpp, suites Postgis*/ViewerPostgis*): each test process runs a
  # throwaway server (initdb, pg_ctl) with PostGIS, loaded with ogr2ogr; postgresql-15 brings psql
  # (postgresql-client-15), the -scripts package the extension's SQL. Without them those tests skip.
  postgresql-15 postgresql-15-postgis-3
  # CI's fuzzing job (scripts/fuzz.sh): clang with libFuzzer and the sanitizer runtimes
  clang libclang-rt-14-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}" >/dev/null
fi

# --packages-only: stop here (scripts/fuzz.sh needs clang, not a build/).
if [ "${1:-}" = "--packages-only" ]; then exit 0; fi

BUILD="${NBHD_BUILD_DIR:-build}"
LAUNCHER=()
if command -v ccache >/dev/null; then LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache); fi
# shellcheck disable=SC2086
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE="${NBHD_BUILD_TYPE:-RelWithDebInfo}" "${LAUNCHER[@]}" \
  ${NBHD_CMAKE_ARGS:-} >/dev/null
cmake --build "$BUILD" -j"$(nproc)"
echo "setup: built $BUILD/app/nbhd" >&2
