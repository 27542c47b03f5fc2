#!/usr/bin/env bash
# Benchmark: how fast Ctrl-C stops `nbhd render` of the national LSOA21 IMD 2025 decile map (4000 x 4000
# PNG). SIGINT at moments spread over loading and over the export (counted from when the temporary
# output appears, i.e. rasterising starts), then the time from the signal to the exit of the process.
# Each run must exit 2 with "cancelled", leave no temporary and leave the previous map.png untouched.
# usage: bench/bench_cancel.sh [BUILD_DIR]     env: DATA (shared data dir)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${1:-$HERE/../build}
DATA=${DATA:-$HERE/../../shared/data}
NBHD=$BUILD/app/nbhd
[ -x "$NBHD" ] || { echo "build nbhd first ($NBHD)" >&2; exit 2; }
OUT=$(mktemp -d "${TMPDIR:-/tmp}/nbhd_bench_cancel.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
now() { date +%s.%N; }
bad=0
# $1: "load" (seconds after start) or "export" (seconds after the temporary appears); $2: seconds.
run() {
  local phase=$1 delay=$2
  echo "previous map" >"$OUT/map.png"
  "$NBHD" render "$DATA/england/lsoa21.gpkg" --indicators "$DATA/england/imd2025_lsoa21.csv" \
    --column IMD_decile --method categorical --width 4000 --height 4000 -o "$OUT/map.png" --force \
    2>"$OUT/err" &
  local pid=$! t_start
  t_start=$(now)
  if [ "$phase" = export ]; then
    while kill -0 $pid 2>/dev/null && ! ls "$OUT" | grep -q '\.tmp-'; do sleep 0.005; done
  fi
  sleep "$delay"
  local t0 rc=0 t1
  t0=$(now)
  kill -INT $pid 2>/dev/null || true
  wait $pid || rc=$?
  t1=$(now)
  local left verdict=ok
  left=$(ls "$OUT" | grep -c '\.tmp-' || true)
  if [ $rc -ne 2 ] || ! tail -1 "$OUT/err" | grep -q "cancelled" || [ "$left" != 0 ] ||
    [ "$(cat "$OUT/map.png")" != "previous map" ]; then
    verdict="NOT CANCELLED CLEANLY (exit $rc, $left temporaries, $(tail -1 "$OUT/err"))"
    bad=1
  fi
  printf '%-6s +%4.2f s (signal at %5.2f s after start): exit after %6.3f s  %s\n' "$phase" "$delay" \
    "$(echo "$t0 - $t_start" | bc)" "$(echo "$t1 - $t0" | bc)" "$verdict"
}
for d in 0.2 1 2 3 4; do run load $d; done
for d in 0 0.2 0.4 0.6 0.8 1.0 1.2 1.4; do run export $d; done
exit $bad
