#!/usr/bin/env bash
# Benchmark: the national LSOA21 IMD 2025 decile map (England + Wales, 4000 x 4000 PNG), whole processes,
# nbhd against QGIS and Mapnik from ../shared/bench/peers in the same run (interleaved, N runs each,
# medians), then how the images differ.
#   nbhd:   start to PNG on disk, including GDAL load, reprojection, CSV read + join, tessellation.
#   QGIS:   including its load and join (qgis_render.py --mode full).
#   Mapnik: on its pre-joined GeoPackage (prepared once here, not timed), as the peers README says.
# usage: bench/bench_render.sh [BUILD_DIR] [RUNS]     env: PEERS (peers dir), DATA (shared data dir),
#        PREVIOUS=OLD_BUILD_DIR (also times that build's nbhd, interleaved, and prints new / previous)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${1:-$HERE/../build}
RUNS=${2:-3}
PEERS=${PEERS:-$HERE/../../shared/bench/peers}
DATA=${DATA:-$HERE/../../shared/data}
OUT=${OUT:-${TMPDIR:-/tmp}/nbhd_bench_render}
NBHD=$BUILD/app/nbhd
PREV=${PREVIOUS:+$PREVIOUS/app/nbhd}
mkdir -p "$OUT"
W=4000 H=4000
GPKG=$DATA/england/lsoa21.gpkg CSV=$DATA/england/imd2025_lsoa21.csv
[ -x "$NBHD" ] || { echo "build nbhd first ($NBHD)" >&2; exit 2; }
bash "$PEERS/install.sh" >/dev/null
export PEER_DATA=$DATA PEER_OUT=$OUT
/usr/bin/python3 "$PEERS/mapnik_render.py" --task prep >/dev/null   # Mapnik's join, once, untimed

now() { date +%s.%N; }
declare -A T
run() {  # name, command...
  local name=$1; shift
  local t0 t1; t0=$(now); "$@" >"$OUT/$name.log" 2>&1 || { echo "$name failed:"; tail -5 "$OUT/$name.log"; exit 1; }
  t1=$(now); T[$name]+="$(echo "$t1 - $t0" | bc) "
}
nbhd_bare() { env -u DISPLAY "$NBHD" render "$GPKG" --indicators "$CSV" --column IMD_decile --method unique --palette RdBu \
  --width $W --height $H --no-layout --force -o "$OUT/nbhd_bare.png"; }
nbhd_prev_bare() { env -u DISPLAY "$PREV" render "$GPKG" --indicators "$CSV" --column IMD_decile --method unique --palette RdBu \
  --width $W --height $H --no-layout --force -o "$OUT/nbhd_prev_bare.png"; }
nbhd_prev_layout() { env -u DISPLAY "$PREV" render "$GPKG" --indicators "$CSV" --column IMD_decile --method unique \
  --palette RdBu --width $W --height $H --title "Index of Multiple Deprivation 2025" --force -o "$OUT/nbhd_prev_layout.png"; }
nbhd_layout() { env -u DISPLAY "$NBHD" render "$GPKG" --indicators "$CSV" --column IMD_decile --method unique --palette RdBu \
  --width $W --height $H --title "Index of Multiple Deprivation 2025" --force -o "$OUT/nbhd_layout.png"; }
qgis() { /usr/bin/python3 "$PEERS/qgis_render.py" --mode full --width $W --height $H --out "$OUT/qgis.png"; }
mapnik() { /usr/bin/python3 "$PEERS/mapnik_render.py" --mode full --width $W --height $H --out "$OUT/mapnik.png"; }

echo "warm-up (file cache), then $RUNS interleaved runs each; load: $(cut -d' ' -f1-3 /proc/loadavg)"
nbhd_bare >/dev/null 2>&1; mapnik >/dev/null 2>&1
for i in $(seq "$RUNS"); do
  run nbhd_bare nbhd_bare; run nbhd_layout nbhd_layout; run qgis qgis; run mapnik mapnik
  if [ -n "$PREV" ]; then run nbhd_prev_bare nbhd_prev_bare; run nbhd_prev_layout nbhd_prev_layout; fi
done
median() { echo "$@" | tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
declare -A M
KEYS="nbhd_bare nbhd_layout qgis mapnik${PREV:+ nbhd_prev_bare nbhd_prev_layout}"
for k in $KEYS; do M[$k]=$(median ${T[$k]}); printf "%-12s median %6.3f s   runs: %s\n" "$k" "${M[$k]}" "${T[$k]}"; done
ratio() { echo "scale=2; $1 / $2" | bc; }
echo "QGIS / nbhd (bare map)    = $(ratio ${M[qgis]} ${M[nbhd_bare]})x   (target >= 5)"
echo "Mapnik / nbhd (bare map)  = $(ratio ${M[mapnik]} ${M[nbhd_bare]})x   (target >= 2)"
echo "QGIS / nbhd (with layout) = $(ratio ${M[qgis]} ${M[nbhd_layout]})x"
echo "Mapnik / nbhd (with layout) = $(ratio ${M[mapnik]} ${M[nbhd_layout]})x"
if [ -n "$PREV" ]; then
  echo "nbhd / previous build (bare map)    = $(ratio ${M[nbhd_bare]} ${M[nbhd_prev_bare]})   (<= 1: no slower)"
  echo "nbhd / previous build (with layout) = $(ratio ${M[nbhd_layout]} ${M[nbhd_prev_layout]})"
  cmp -s "$OUT/nbhd_bare.png" "$OUT/nbhd_prev_bare.png" && echo "bare map PNG: identical to the previous build's" \
    || echo "bare map PNG: DIFFERS from the previous build's"
fi
grep -h RESULT "$OUT/qgis.log" "$OUT/mapnik.log" || true
env -u DISPLAY "$NBHD" render "$GPKG" --indicators "$CSV" --column IMD_decile --method unique --palette RdBu \
  --width $W --height $H --no-layout --force -o "$OUT/nbhd_bare.png" --json | /usr/bin/python3 -c \
  'import json,sys; print("nbhd phases (s):", json.load(sys.stdin)["timings_s"])'
# Image comparison on the same extent: Mapnik's zoom_all envelope (its box of the lon/lat extent, squared),
# which nbhd takes as --bbox; QGIS's extent is computed the same way up to rounding.
BBOX=$(/usr/bin/python3 -c "
import mapnik
m = mapnik.Map($W, $H, 'epsg:27700'); l = mapnik.Layer('l', 'epsg:4326')
l.datasource = mapnik.Ogr(file='${PEER_CACHE:-/tmp/peers_cache}/lsoa21_imd2025.gpkg', layer='lsoa21_imd')
m.layers.append(l); m.zoom_all(); e = m.envelope(); print('%.3f,%.3f,%.3f,%.3f' % (e.minx, e.miny, e.maxx, e.maxy))")
echo "comparison extent (Mapnik zoom_all): $BBOX"
env -u DISPLAY "$NBHD" render "$GPKG" --indicators "$CSV" --column IMD_decile --method unique --palette RdBu \
  --width $W --height $H --no-layout --bbox "$BBOX" --force -o "$OUT/nbhd_same_extent.png"
/usr/bin/python3 "$HERE/compare_images.py" "$OUT/nbhd_same_extent.png" "$OUT/qgis.png" "$OUT/mapnik.png"
/usr/bin/python3 "$HERE/compare_images.py" "$OUT/mapnik.png" "$OUT/qgis.png"
