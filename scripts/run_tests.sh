#!/usr/bin/env bash
# Quick start, command 2: set up (packages + build) and run the whole test suite through CTest.
# Real-data tests use ../shared/data (or $NBHD_SHARED_DATA) and skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
BUILD="${NBHD_BUILD_DIR:-build}"
ctest --test-dir "$BUILD" --output-on-failure -j"$(nproc)" --timeout 900
