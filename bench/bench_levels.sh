#!/usr/bin/env bash
# The Level control's cost on the national data (35,672 LSOA21 -> 7,6xx wards -> 331 local authorities), and
# the dissolve against GDAL/SpatiaLite and geopandas in the same run:
#  1. `nbhd aggregate --dissolve` (CLI: load + dissolve + aggregate + write) to wards and to local authorities;
#  2. the viewer: national LSOAs loaded, switched to wards the first time (dissolve + aggregate + tessellate,
#     off the UI thread: the level's build_s), back to LSOA and to wards again (cached: the show time);
#  3. ogr2ogr -dialect sqlite "SELECT ST_Union(geom) ... GROUP BY ward24_code" (EPSG:4326 as stored; nbhd
#     works in EPSG:27700 after reprojecting, included in its load time, not in its dissolve);
#  4. geopandas GeoDataFrame.dissolve(by="ward24_code") via /usr/bin/python3 (when geopandas is installed).
# Each timed once (the machine is shared; say so when recording). Results go to stdout as RESULT lines.
#
# usage: bench/bench_levels.sh [BUILD_DIR]     (default: build)
# env:   DATA (default ../shared/data beside the checkout), OUT (/tmp/nbhd_levels_bench)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BUILD="${1:-$ROOT/build}"
DATA="${DATA:-$ROOT/../shared/data}"
OUT="${OUT:-/tmp/nbhd_levels_bench}"
NBHD="$BUILD/app/nbhd"
[ -x "$NBHD" ] || { echo "bench_levels: $NBHD not built" >&2; exit 2; }
[ -f "$DATA/england/lsoa21.gpkg" ] || { echo "bench_levels: no data at $DATA (set DATA=)" >&2; exit 2; }
rm -rf "$OUT"; mkdir -p "$OUT"
LSOA="$DATA/england/lsoa21.gpkg"
IMD="$DATA/england/imd2025_lsoa21.csv"
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{ printf "%.2f", b - a }'; }

# 1. CLI
t=$(now)
"$NBHD" aggregate "$LSOA" --indicators "$IMD" --dissolve --parent-field ward24_code -o "$OUT/wards.gpkg" 2>"$OUT/cli_wards.log"
echo "RESULT cli_dissolve_wards_s=$(since "$t") $(grep -o 'coverage union.*' "$OUT/cli_wards.log" | head -1)"
t=$(now)
"$NBHD" aggregate "$LSOA" --indicators "$IMD" --dissolve --parent-field ltla24_code -o "$OUT/las.gpkg" 2>"$OUT/cli_las.log"
echo "RESULT cli_dissolve_las_s=$(since "$t") $(grep -o 'coverage union.*' "$OUT/cli_las.log" | head -1)"

# 2. Viewer (Xvfb)
cat >"$OUT/script.txt" <<SCRIPT
size 1280 800
wait-loaded
frames 2
level Ward
wait-level
frames 2
dump $OUT/first.json
level LSOA
frames 2
level Ward
frames 2
dump $OUT/cached.json
quit
SCRIPT
t=$(now)
xvfb-run -a -s '-screen 0 1280x800x24' "$NBHD" view "$LSOA" --indicators "$IMD" --column IMD_score \
  --script "$OUT/script.txt" >"$OUT/view.log" 2>&1
echo "RESULT viewer_total_s=$(since "$t")"
python3 - "$OUT" <<'PY'
import json, sys
d = sys.argv[1]
f, c = json.load(open(d + "/first.json")), json.load(open(d + "/cached.json"))
print("RESULT viewer_first_switch_build_s=%.2f wards=%d no_parent=%d dissolve=%r" % (
    f["level"]["build_s"], f["areas"], f["level"]["no_parent"], f["level"]["dissolve"]))
print("RESULT viewer_cached_switch_ms=%.1f (show: restyle + scene of %d wards)" % (c["level"]["show_ms"], c["areas"]))
PY

# 3. ogr2ogr / SpatiaLite
t=$(now)
ogr2ogr -f GPKG "$OUT/wards_ogr.gpkg" "$LSOA" -dialect sqlite \
  -sql "SELECT ward24_code, ST_Union(geom) AS geom FROM lsoa21 GROUP BY ward24_code" -nln wards 2>"$OUT/ogr.log" || true
echo "RESULT ogr2ogr_sqlite_st_union_s=$(since "$t") features=$(ogrinfo -so "$OUT/wards_ogr.gpkg" wards 2>/dev/null | sed -n 's/Feature Count: //p')"

# 4. geopandas
if /usr/bin/python3 -c "import geopandas" 2>/dev/null; then
  /usr/bin/python3 - "$LSOA" <<'PY'
import sys, time
import geopandas as gpd
t = time.time()
g = gpd.read_file(sys.argv[1])
t1 = time.time()
w = g.dissolve(by="ward24_code")
t2 = time.time()
print("RESULT geopandas_read_s=%.2f geopandas_dissolve_s=%.2f wards=%d" % (t1 - t, t2 - t1, len(w)))
PY
fi
