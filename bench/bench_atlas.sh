#!/usr/bin/env bash
# Benchmark: an atlas of the LSOA21 IMD 2025 decile map, one A4 landscape page per English local authority,
# nbhd atlas against QGIS's print-layout atlas (../shared/bench/peers/qgis_atlas.py) in the same run,
# whole processes (load, join, every page, written to disk), interleaved, RUNS each, medians.
#   pdf: all 296 English authorities as one PDF.
#   png: the first 20 authorities (ltla24_code order) as PNG pages at 150 dpi.
# Both draw the same things: every LSOA in the frame (nbhd fades the other authorities' LSOAs), the LA
# boundaries on top, title with the LA's name, legend, scale bar, north arrow, attribution; nbhd adds a
# contents page. Peak RSS (GNU time) shows memory stays bounded while pages are written.
# usage: bench/bench_atlas.sh [BUILD_DIR] [RUNS] [THREADS]   env: PEERS (peers dir), DATA (shared data dir),
#   BASE (another build dir, e.g. main's: timed in the same runs, interleaved, for a same-run ratio)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${1:-$HERE/../build}
RUNS=${2:-1}
THREADS=${3:-0}
PEERS=${PEERS:-$HERE/../../shared/bench/peers}
DATA=${DATA:-$HERE/../../shared/data}
OUT=${OUT:-${TMPDIR:-/tmp}/nbhd_bench_atlas}
NBHD=$BUILD/app/nbhd
BASE=${BASE:-}
E=$DATA/england
[ -x "$NBHD" ] || { echo "build nbhd first ($NBHD)" >&2; exit 2; }
mkdir -p "$OUT"
export PEER_DATA=$DATA PEER_OUT=$OUT
# The English authorities, as QGIS's coverage filter (ltla24_code LIKE 'E%') takes them.
ONLY=$(/usr/bin/python3 -c "
import sqlite3, sys
c = sqlite3.connect('file:$E/lsoa21.gpkg?mode=ro', uri=True)
print(','.join(r[0] for r in c.execute(\"select distinct ltla24_code from lsoa21 where ltla24_code like 'E%' order by 1\")))")

declare -A T R
run() {  # name, command...
  local name=$1; shift
  local t0 t1; t0=$(date +%s.%N)
  # GNU time through bash: the functions below run as a child shell; %M is the largest process's peak RSS.
  /usr/bin/time -f "%M" -o "$OUT/$name.rss" bash -c "$*" >"$OUT/$name.log" 2>&1 || { echo "$name failed:"; tail -5 "$OUT/$name.log"; exit 1; }
  t1=$(date +%s.%N); T[$name]+="$(echo "$t1 - $t0" | bc) "; R[$name]=$(tail -1 "$OUT/$name.rss")
}
nbhd() {  # format, extra args...
  local f=$1; shift
  env -u DISPLAY "${BIN:-$NBHD}" atlas "$E/lsoa21.gpkg" --indicators "$E/imd2025_lsoa21.csv" --column IMD_decile \
    --method unique --palette RdBu --by ltla24_code --only "$ONLY" --outline-layer "$E/ltla24.gpkg" \
    --title "Index of Multiple Deprivation 2025" --landscape --force $([ "$THREADS" != 0 ] && echo --threads "$THREADS") "$@"
}
nbhd_pdf() { nbhd pdf -o "$OUT/nbhd_atlas.pdf"; }
nbhd_png() { nbhd png --format png --pages 20 --dpi 150 -o "$OUT/nbhd_png"; }
base_pdf() { BIN=$BASE/app/nbhd nbhd pdf -o "$OUT/base_atlas.pdf"; }
base_png() { BIN=$BASE/app/nbhd nbhd png --format png --pages 20 --dpi 150 -o "$OUT/base_png"; }
qgis_pdf() { /usr/bin/python3 "$PEERS/qgis_atlas.py" --format pdf --out "$OUT/qgis_atlas.pdf"; }
qgis_png() { rm -rf "$OUT/qgis_png"; /usr/bin/python3 "$PEERS/qgis_atlas.py" --format png --pages 20 --dpi 150 --out "$OUT/qgis_png"; }

export -f nbhd nbhd_pdf nbhd_png base_pdf base_png qgis_pdf qgis_png
export NBHD BASE E ONLY OUT PEERS THREADS
echo "atlas benchmark: $RUNS interleaved run(s) each; cores $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$RUNS"); do
  run nbhd_pdf nbhd_pdf; [ -n "$BASE" ] && run base_pdf base_pdf; run qgis_pdf qgis_pdf
  run nbhd_png nbhd_png; [ -n "$BASE" ] && run base_png base_png; run qgis_png qgis_png
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -A M
names="nbhd_pdf qgis_pdf nbhd_png qgis_png"; [ -n "$BASE" ] && names="$names base_pdf base_png"
for n in $names; do M[$n]=$(echo "${T[$n]}" | median); echo "$n runs: ${T[$n]}"; done
pages_pdf=$(pdfinfo "$OUT/nbhd_atlas.pdf" | awk '/^Pages:/ {print $2}')
qpages_pdf=$(pdfinfo "$OUT/qgis_atlas.pdf" | awk '/^Pages:/ {print $2}')
printf "%-34s %8s %8s %10s\n" task seconds pages "peak RSS"
printf "%-34s %8.2f %8s %7s MB\n" "nbhd atlas, 296 LAs, A4 PDF" "${M[nbhd_pdf]}" "$pages_pdf" $((R[nbhd_pdf] / 1024))
printf "%-34s %8.2f %8s %7s MB\n" "QGIS atlas, 296 LAs, A4 PDF" "${M[qgis_pdf]}" "$qpages_pdf" $((R[qgis_pdf] / 1024))
printf "%-34s %8.2f %8s %7s MB\n" "nbhd atlas, 20 PNG pages, 150 dpi" "${M[nbhd_png]}" "$(ls "$OUT/nbhd_png" | wc -l)" $((R[nbhd_png] / 1024))
printf "%-34s %8.2f %8s %7s MB\n" "QGIS atlas, 20 PNG pages, 150 dpi" "${M[qgis_png]}" "$(ls "$OUT/qgis_png" | wc -l)" $((R[qgis_png] / 1024))
echo "ratio pdf (QGIS / nbhd): $(echo "scale=2; ${M[qgis_pdf]} / ${M[nbhd_pdf]}" | bc)"
echo "ratio png (QGIS / nbhd): $(echo "scale=2; ${M[qgis_png]} / ${M[nbhd_png]}" | bc)"
if [ -n "$BASE" ]; then
  printf "%-34s %8.2f %8s %7s MB\n" "base atlas, 296 LAs, A4 PDF" "${M[base_pdf]}" \
    "$(pdfinfo "$OUT/base_atlas.pdf" | awk '/^Pages:/ {print $2}')" $((R[base_pdf] / 1024))
  printf "%-34s %8.2f %8s %7s MB\n" "base atlas, 20 PNG pages, 150 dpi" "${M[base_png]}" "$(ls "$OUT/base_png" | wc -l)" \
    $((R[base_png] / 1024))
  echo "ratio pdf (QGIS / base): $(echo "scale=2; ${M[qgis_pdf]} / ${M[base_pdf]}" | bc)"
  echo "ratio png (QGIS / base): $(echo "scale=2; ${M[qgis_png]} / ${M[base_png]}" | bc)"
  echo "ratio pdf (base / nbhd): $(echo "scale=2; ${M[base_pdf]} / ${M[nbhd_pdf]}" | bc)"
  echo "ratio png (base / nbhd): $(echo "scale=2; ${M[base_png]} / ${M[nbhd_png]}" | bc)"
fi
grep -h "RESULT" "$OUT"/qgis_*.log | tail -2
