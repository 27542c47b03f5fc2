#!/usr/bin/env bash
# Benchmark (issue #15): the national LSOA21 IMD 2025 decile map with the 296 local authorities as an
# outline layer, with and without their names as labels (--outline-labels ltla24_name), interleaved in the
# same run, N runs each, medians. Target: labels cost <= 25% more (ratio <= 1.25).
# usage: bench/bench_render_labels.sh [BUILD_DIR] [RUNS]     env: DATA (shared data dir), OUT
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${1:-$HERE/../build}
RUNS=${2:-3}
DATA=${DATA:-$HERE/../../shared/data}
OUT=${OUT:-${TMPDIR:-/tmp}/nbhd_bench_labels}
NBHD=$BUILD/app/nbhd
mkdir -p "$OUT"
GPKG=$DATA/england/lsoa21.gpkg CSV=$DATA/england/imd2025_lsoa21.csv LA=$DATA/england/ltla24.gpkg
[ -x "$NBHD" ] || { echo "build nbhd first ($NBHD)" >&2; exit 2; }
now() { date +%s.%N; }
declare -A T
render() {  # name, extra options...
  local name=$1; shift
  local t0 t1; t0=$(now)
  env -u DISPLAY "$NBHD" render "$GPKG" --indicators "$CSV" --column IMD_decile --method unique --palette RdBu \
    --outline-layer "$LA" "$@" --force --json -o "$OUT/$name.png" >"$OUT/$name.json" 2>"$OUT/$name.log" \
    || { echo "$name failed:"; tail -5 "$OUT/$name.log"; exit 1; }
  t1=$(now); T[$name]+="$(echo "$t1 - $t0" | bc) "
}
echo "warm-up (file cache), then $RUNS interleaved runs each; load: $(cut -d' ' -f1-3 /proc/loadavg)"
render plain >/dev/null; T[plain]=""  # the warm-up is not timed
for i in $(seq "$RUNS"); do render plain; render labels --outline-labels ltla24_name; done
median() { echo "$@" | tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
P=$(median ${T[plain]}) L=$(median ${T[labels]})
printf "without labels  median %6.3f s   runs: %s\n" "$P" "${T[plain]}"
printf "with LA labels  median %6.3f s   runs: %s\n" "$L" "${T[labels]}"
echo "labels / without = $(echo "scale=3; $L / $P" | bc)   (target <= 1.25)"
/usr/bin/python3 -c "import json; j = json.load(open('$OUT/labels.json')); print('labels placed:', len(j['labels']), 'of 296 local authorities')"
