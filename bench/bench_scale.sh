#!/usr/bin/env bash
# Cost growth with scale (issue #18): ingest (load + reproject + join), the national 4000 x 4000 PNG,
# proximity (assets --per-area) and LISA at three sizes, each timed as a whole process with its peak RSS,
# against the python3-gdal WKB floor and QGIS in the same run:
#   1x  ../shared/data/england/lsoa21.gpkg      35,672 areas, 421,310 vertices     + imd2025_lsoa21.csv
#   a   SCALE/lsoa21_dense.gpkg                 35,672 areas, ~10.2 M vertices     + imd2025_lsoa21.csv
#   b   SCALE/oa_like.gpkg                      ~185,000 areas, ~1.1 M vertices    + oa_like_indicators.csv
# (SCALE is made by bench/make_scale_data.sh.) The floor is ../shared/bench/peers/gdal_read.sh's py_wkb + csv
# tasks (every geometry as WKB, the key and the mapped column of the table) on the same files. QGIS runs
# qgis_render.py --mode full on a PEER_DATA folder shaped like ../shared/data (symlinks; for b, a copy with
# the layer, key and columns under the names the script reads: untimed preparation).
# usage: bench/bench_scale.sh [BUILD_DIR] [SCALE_DIR] [RUNS]   env: DATA, PEERS, OUT, STEPS (default
#        "ingest render assets lisa"), SCALES (default "1x a b")
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${1:-$HERE/../build}
SCALE=${2:-/work/scale-data}
RUNS=${3:-1}
DATA=${DATA:-$HERE/../../shared/data}
PEERS=${PEERS:-$HERE/../../shared/bench/peers}
OUT=${OUT:-${TMPDIR:-/tmp}/nbhd_bench_scale}
STEPS=${STEPS:-ingest render assets lisa}
SCALES=${SCALES:-1x a b}
NBHD=$BUILD/app/nbhd
[ -x "$NBHD" ] || { echo "build nbhd first ($NBHD)" >&2; exit 2; }
[ -f "$SCALE/oa_like.gpkg" ] || { echo "make the scale data first: bench/make_scale_data.sh $SCALE" >&2; exit 2; }
mkdir -p "$OUT"
E=$DATA/england

# Per scale: boundaries, layer, key, table, table key, mapped column, numeric column for LISA.
gpkg_of() { case $1 in 1x) echo "$E/lsoa21.gpkg" ;; a) echo "$SCALE/lsoa21_dense.gpkg" ;; b) echo "$SCALE/oa_like.gpkg" ;; esac; }
layer_of() { case $1 in b) echo oa_like ;; *) echo lsoa21 ;; esac; }
key_of() { case $1 in b) echo oa21_code ;; *) echo lsoa21_code ;; esac; }
csv_of() { case $1 in b) echo "$SCALE/oa_like_indicators.csv" ;; *) echo "$E/imd2025_lsoa21.csv" ;; esac; }
col_of() { case $1 in b) echo imd_decile_synth ;; *) echo IMD_decile ;; esac; }
score_of() { case $1 in b) echo imd_score_synth ;; *) echo IMD_score ;; esac; }

# PEER_DATA folders for qgis_render.py (it reads england/lsoa21.gpkg layer lsoa21 and imd2025_lsoa21.csv).
peer_dir() {
  local s=$1 d=$OUT/peer_$1
  mkdir -p "$d/england"
  case $s in
    1x) ln -sf "$E/lsoa21.gpkg" "$d/england/lsoa21.gpkg"; ln -sf "$E/imd2025_lsoa21.csv" "$d/england/imd2025_lsoa21.csv" ;;
    a) ln -sf "$SCALE/lsoa21_dense.gpkg" "$d/england/lsoa21.gpkg"; ln -sf "$E/imd2025_lsoa21.csv" "$d/england/imd2025_lsoa21.csv" ;;
    b) if [ ! -f "$d/england/lsoa21.gpkg" ] || [ "$SCALE/oa_like.gpkg" -nt "$d/england/lsoa21.gpkg" ]; then
         rm -f "$d/england/lsoa21.gpkg"
         ogr2ogr -f GPKG -nln lsoa21 -sql "SELECT oa21_code AS lsoa21_code, lsoa21_code AS parent_code, geom FROM oa_like" \
           "$d/england/lsoa21.gpkg" "$SCALE/oa_like.gpkg"
       fi
       sed '1s/.*/lsoa21_code,parent_code,IMD_score,IMD_decile,households/' "$SCALE/oa_like_indicators.csv" \
         > "$d/england/imd2025_lsoa21.csv" ;;
  esac
  echo "$d"
}

floor() {  # the python3-gdal floor of gdal_read.sh (py_wkb + csv) on one scale's files
  /usr/bin/python3 - "$(gpkg_of "$1")" "$(layer_of "$1")" "$(key_of "$1")" "$(csv_of "$1")" "$(col_of "$1")" <<'PY'
import sys
from osgeo import ogr
ogr.UseExceptions()
gpkg, layer, key, csv, col = sys.argv[1:6]
ds = ogr.Open(gpkg); lyr = ds.GetLayerByName(layer)
n = 0; nbytes = 0
for f in lyr:
    code = f.GetField(key)
    nbytes += len(f.GetGeometryRef().ExportToWkb())
    n += 1
cds = ogr.Open(csv); cl = cds.GetLayer(0)
rows = 0; s = 0
for f in cl:
    code = f.GetField(0); s += int(f.GetField(col)); rows += 1
print("floor features=%d wkb_bytes=%d csv_rows=%d" % (n, nbytes, rows))
PY
}
ingest() { "$NBHD" info "$(gpkg_of "$1")" --indicators "$(csv_of "$1"):$(key_of "$1")"; }
render() { env -u DISPLAY "$NBHD" render "$(gpkg_of "$1")" --indicators "$(csv_of "$1"):$(key_of "$1")" --column "$(col_of "$1")" \
  --method unique --palette RdBu --width 4000 --height 4000 --no-layout --force -o "$OUT/nbhd_$1.png"; }
qgis() { PEER_DATA=$(peer_dir "$1") /usr/bin/python3 "$PEERS/qgis_render.py" --mode full --width 4000 --height 4000 --out "$OUT/qgis_$1.png"; }
assets() { "$NBHD" assets "$(gpkg_of "$1")" --assets "$DATA/assets/gm_community_assets.gpkg" --per-area --within 1000 \
  --force -o "$OUT/gaps_$1.csv"; }
lisa() { "$NBHD" lisa "$(gpkg_of "$1")" --indicators "$(csv_of "$1"):$(key_of "$1")" --column "$(score_of "$1")" \
  --permutations 999 --force -o "$OUT/lisa_$1.csv"; }

# /usr/bin/time runs a program: each step runs in `bash -c` with these exported (peak RSS is the largest
# process of the step, the child; bash's own start adds a few ms).
export NBHD OUT SCALE E DATA PEERS
export -f gpkg_of layer_of key_of csv_of col_of score_of peer_dir floor ingest render qgis assets lisa
declare -A S M C
timed() {  # name scale: wall seconds and peak RSS (MB) of one whole process, medians over RUNS
  local name=$1 s=$2 log=$OUT/$1_$2.log
  /usr/bin/time -f "%e %M %U %S" -o "$OUT/time" bash -c "$name $s" >"$log" 2>&1 || { echo "$name $s failed:"; tail -5 "$log"; exit 1; }
  read -r sec kb usr sys <"$OUT/time"
  S[$name.$s]+="$sec "
  C[$name.$s]+="$(echo "$usr + $sys" | bc) "
  M[$name.$s]+="$((kb / 1024)) "
}
median() { echo "$@" | tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "bench_scale: $(date -u +%FT%TZ), $(nproc) cores, load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for s in $SCALES; do [ "$s" = b ] && peer_dir b >/dev/null; cat "$(gpkg_of "$s")" >/dev/null; done  # warm the file cache
for r in $(seq "$RUNS"); do
  for s in $SCALES; do
    for step in $STEPS; do
      case $step in
        ingest) timed floor "$s"; timed ingest "$s" ;;
        render) timed render "$s"; timed qgis "$s" ;;
        assets) timed assets "$s" ;;
        lisa) timed lisa "$s" ;;
      esac
    done
  done
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wall and CPU (user + sys) seconds, peak RSS MB; medians of $RUNS; ratios are peer / nbhd (above 1: nbhd faster)"
printf "%-5s %-7s %8s %7s %7s   %-6s %8s %7s %7s   %s\n" scale step wall_s cpu_s rss_MB peer wall_s cpu_s rss_MB "ratio wall (cpu)"
for s in $SCALES; do
  for step in $STEPS; do
    name=$step peer=""
    case $step in ingest) peer=floor ;; render) peer=qgis ;; esac
    n=$(median ${S[$name.$s]}) nc=$(median ${C[$name.$s]}) nm=$(median ${M[$name.$s]})
    if [ -n "$peer" ]; then
      p=$(median ${S[$peer.$s]}) pc=$(median ${C[$peer.$s]}) pm=$(median ${M[$peer.$s]})
      printf "%-5s %-7s %8.2f %7.2f %7d   %-6s %8.2f %7.2f %7d   %.2f (%.2f)\n" "$s" "$step" "$n" "$nc" "$nm" "$peer" "$p" "$pc" "$pm" \
        "$(echo "$p / $n" | bc -l)" "$(echo "$pc / $nc" | bc -l)"
    else
      printf "%-5s %-7s %8.2f %7.2f %7d\n" "$s" "$step" "$n" "$nc" "$nm"
    fi
  done
done
for s in $SCALES; do
  [ -f "$OUT/render_$s.log" ] && grep -h "timings\|RESULT" "$OUT/qgis_$s.log" 2>/dev/null | sed "s/^/$s qgis: /" || true
done
