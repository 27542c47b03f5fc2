#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang + ASan + UBSan into build-fuzz/ and runs each for a
# bounded time from the seed corpus in tests/fuzz/corpus/. Fails when a target finds a crash, a sanitizer
# report, a leak, a timeout or an out-of-memory; the input is saved in build-fuzz/crashes/<target>/ and is
# to become a regression test (tests/geo/fuzz_regression_test.cpp) once fixed.
#
# usage: scripts/fuzz.sh [SECONDS]   (default 60; CI uses 60)
#        NBHD_FUZZ_TARGETS="fuzz_csv" scripts/fuzz.sh 600    (one target, longer)
# The budget stays 2 x SECONDS whatever the targets: fuzz_vector gets SECONDS, and the two CSV-based targets
# (fuzz_csv, fuzz_lookup: both start at parse_csv) share the other SECONDS, half each. A target run alone
# gets the whole SECONDS.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-60}"
BUILD="${NBHD_FUZZ_BUILD_DIR:-build-fuzz}"
TARGETS=(${NBHD_FUZZ_TARGETS:-fuzz_csv fuzz_lookup fuzz_vector})

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
  secs="$SECONDS_PER_TARGET"
  if [ ${#TARGETS[@]} -gt 1 ] && { [ "$t" = fuzz_csv ] || [ "$t" = fuzz_lookup ]; }; then
    secs=$(( (SECONDS_PER_TARGET + 1) / 2 ))
  fi
  set +e
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
