#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang + ASan + UBSan into build-fuzz/ and runs each for a
# bounded time from the seed corpus in tests/fuzz/corpus/. Fails when a target finds a crash, a sanitizer
# report, a leak, a timeout or an out-of-memory; the input is saved in build-fuzz/crashes/<target>/ and is
# to become a regression test (tests/geo/fuzz_regression_test.cpp) once fixed.
#
# usage: scripts/fuzz.sh [SECONDS]   (default 60; CI uses 30)
#   The job's budget is 2 x SECONDS (the two original targets had SECONDS each), shared by weight so a new
#   target does not lengthen CI: fuzz_vector 3 (slow per input: a GDAL dataset each), fuzz_csv, fuzz_lookup,
#   fuzz_gal, fuzz_groups, fuzz_postcodes and fuzz_gpkg_blob 1 each (parsers that saturate quickly):
#   60 -> 40 s + 6 x 13 s = 118 s; CI's 30 -> 20 s + 6 x 6 s = 56 s.
#        NBHD_FUZZ_TARGETS="fuzz_csv" scripts/fuzz.sh 600    (targets named: SECONDS each, no sharing)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_ARG="${1:-60}"
BUILD="${NBHD_FUZZ_BUILD_DIR:-build-fuzz}"
TARGETS=(${NBHD_FUZZ_TARGETS:-fuzz_csv fuzz_lookup fuzz_gal fuzz_groups fuzz_postcodes fuzz_gpkg_blob fuzz_vector})
declare -A WEIGHT=([fuzz_vector]=3 [fuzz_csv]=1 [fuzz_lookup]=1 [fuzz_gal]=1 [fuzz_groups]=1 [fuzz_postcodes]=1
  [fuzz_gpkg_blob]=1)
WEIGHT_SUM=9
seconds_for() {  # the target's share of 2 x SECONDS, or SECONDS when the targets were named
  if [ -n "${NBHD_FUZZ_TARGETS:-}" ]; then echo "$SECONDS_ARG"; return; fi
  echo $((2 * SECONDS_ARG * ${WEIGHT[$1]} / WEIGHT_SUM))
}

bash scripts/setup.sh --packages-only  # clang, libFuzzer and the sanitizer runtimes on a fresh machine
CC=clang CXX=clang++ cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNBHD_FUZZ=ON \
  -DNBHD_BUILD_TESTS=OFF -DNBHD_BUILD_BENCH=OFF >/dev/null
cmake --build "$BUILD" -j"$(nproc)" --target "${TARGETS[@]}"

status=0
total=0
for t in "${TARGETS[@]}"; do
  seeds="tests/fuzz/corpus/${t#fuzz_}"
  work="$BUILD/corpus/$t"        # grows across runs on the same machine; seeds stay read-only
  crashes="$BUILD/crashes/$t"
  mkdir -p "$work" "$crashes"
  log="$BUILD/$t.log"
  set +e
  secs=$(seconds_for "$t")
  "$BUILD/tests/fuzz/$t" "$work" "$seeds" -dict="tests/fuzz/${t#fuzz_}.dict" -max_total_time="$secs" \
    -timeout=20 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  total=$((total + ${runs:-0}))
  if [ $rc -ne 0 ]; then
    status=1
    echo "fuzz: $t FAILED (exit $rc) after ${runs:-?} executions; input saved in $crashes/:" >&2
    grep -E "ERROR|SUMMARY|Test unit written" "$log" | head -20 >&2 || true
  else
    echo "fuzz: $t ran ${runs:-?} executions in ${secs}s without a crash" \
      "(corpus: $(ls "$work" | wc -l) inputs found + $(ls "$seeds" | wc -l) seeds)"
  fi
done
echo "fuzz: $total executions in all"
exit $status
