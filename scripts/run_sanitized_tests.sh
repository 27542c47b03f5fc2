#!/usr/bin/env bash
# The test suite (less the groups named below, which the tests job runs) built with AddressSanitizer +
# UndefinedBehaviorSanitizer (LeakSanitizer runs at each process's exit) in its own folder, build-asan/ (or
# $NBHD_ASAN_BUILD_DIR). Any sanitizer report fails the test that caused it, including reports from the nbhd
# processes the CLI tests start. The options and the suppressions (third-party frames only) are in
# tests/sanitizers/; see its README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export NBHD_BUILD_DIR="${NBHD_ASAN_BUILD_DIR:-build-asan}"
# Benchmarks are not run in CI and need no sanitizing.
export NBHD_CMAKE_ARGS="${NBHD_CMAKE_ARGS:-} -DNBHD_SANITIZE=ON -DNBHD_BUILD_BENCH=OFF"
bash scripts/setup.sh
# Tests that drive OpenGL (Mesa llvmpipe via EGL or GLX) end with 112 bytes of LSan "indirect leaks" from
# Mesa's DRI driver, which is dlclose()d before LSan runs, so its frames cannot be named and no suppression
# can match them. They run under ASan + UBSan with leak detection off; everything else with it on.
# By convention a test that opens a window is in a suite named Viewer* (so a new one cannot be forgotten
# here); the viewer's model tests without a window are named for what they test (DerivedColumns, UiLook).
GL_TESTS='Export\.|Offscreen\.|ExportPng\.|RenderCli\.|Viewer[A-Za-z]*\.'
# The national real-data tests (suites named *Real*/*National*) run in the tests job; under ASan they take
# 3-10x longer and walk the same code as the demo-data tests, so this job leaves them out to keep CI in its
# 30 minutes. For the same reason it leaves two more groups to the tests job:
# - BadInput (16 tests, 96 s under ASan): each runs the CLI a dozen times on broken files to check its
#   one-line messages; the parsers they reach are fuzzed under ASan + UBSan by the fuzzing job.
# - the window tests, but for the suites whose panels run background jobs (the threads a sanitizer is most
#   worth having on) and the renderer's own GL suites: 460 s of ASan test time down to about 125 s.
REAL_DATA='Real[A-Za-z]*\.|[A-Za-z]*Real\.|National[A-Za-z]*\.|RealData'
# - the PostGIS tests (Postgis*; ViewerPostgis* is a window test, left out above): each test process starts
#   a PostgreSQL server (copied from a template, ~0.5 s; the first builds it, ~4 s) and most of what they time
#   is the server and GDAL's PG driver, not our code; what of ours they reach is the demo-data tests' but
#   for the PG: table writer (geo/vector/vector_write.cpp), small and single-threaded.
SERVER_TESTS='^Postgis[A-Za-z]*\.'
GL_SANITIZED='^(Export|Offscreen|ExportPng|ViewerGaps|ViewerLevels|ViewerExport|ViewerBrief|ViewerAtlas|ViewerBasemap|ViewerMapCache)\.'
# - the other commands' bad-input tests (suites *BadInput, tests BadInput*: AtlasCli, BriefCli, LisaCli,
#   LeftBehind...), for the reason BadInput is left out: one-line messages from parsers the fuzzers cover.
BAD_INPUT='BadInput\.|\.BadInput'
ctest --test-dir "$NBHD_BUILD_DIR" --output-on-failure -j"$(nproc)" --timeout 900 -E "$GL_TESTS|$REAL_DATA|$SERVER_TESTS|$BAD_INPUT"
ASAN_OPTIONS=detect_leaks=0 ctest --test-dir "$NBHD_BUILD_DIR" --output-on-failure -j"$(nproc)" --timeout 900 \
  -R "$GL_SANITIZED" -E "$REAL_DATA"
