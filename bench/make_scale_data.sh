#!/usr/bin/env bash
# Makes the scale datasets of issue #18 from ../shared/data (nothing here is committed data):
#   OUTDIR/lsoa21_dense.gpkg        layer lsoa21   LSOA21 densified to ~10.2 M vertices (ogr2ogr -segmentize
#                                                 0.0003 degrees; same fields and key lsoa21_code as the source)
#   OUTDIR/oa_like.gpkg             layer oa_like  ~185,000 output-area-like polygons, EPSG:4326: each LSOA21
#                                                 split into contiguous parts by geo/spatial/subdivide
#                                                 (bench/make_scale_oa); fields oa21_code (E00/W00, unique),
#                                                 lsoa21_code (the parent), ltla24_code, ltla24_name
#   OUTDIR/oa_like_indicators.csv   SYNTHETIC indicators, key oa21_code (English parts only, like the IMD):
#                                   lsoa21_code, imd_score_synth (parent's IMD 2025 score x lognormal noise),
#                                   imd_decile_synth (1 = most deprived), households_synth
#   OUTDIR/README.txt               the above, for whoever reads OUTDIR
# usage: bench/make_scale_data.sh OUTDIR [BUILD_DIR (default build)] [DATA (default ../shared/data)]
# Takes about a minute on 2 cores (the subdivision runs on the thread pool).
set -euo pipefail
OUT="${1:?usage: make_scale_data.sh OUTDIR [BUILD_DIR] [DATA]}"
BUILD="${2:-build}"
DATA="${3:-${NBHD_SHARED_DATA:-../shared/data}}"
E="$DATA/england"
MAKE_OA="$BUILD/bench/make_scale_oa"
[ -x "$MAKE_OA" ] || { echo "make_scale_data.sh: $MAKE_OA not built (ninja -C $BUILD make_scale_oa)" >&2; exit 2; }
[ -f "$E/lsoa21.gpkg" ] || { echo "make_scale_data.sh: $E/lsoa21.gpkg not found; pass the shared data folder" >&2; exit 2; }
mkdir -p "$OUT"
TMP="$(mktemp -d "$OUT/.make_scale.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
t0=$(date +%s.%N)

# (a) densified LSOA21: a vertex at least every 0.0003 degrees (about 20-33 m) along every edge.
ogr2ogr -f GPKG -segmentize 0.0003 -nln lsoa21 "$TMP/lsoa21_dense.gpkg" "$E/lsoa21.gpkg" lsoa21
VERTS=$(/usr/bin/python3 - "$TMP/lsoa21_dense.gpkg" <<'PY'
import sys
from osgeo import ogr
ds = ogr.Open(sys.argv[1]); n = 0
for f in ds.GetLayer(0):
    g = f.GetGeometryRef()
    for i in range(g.GetGeometryCount()):
        p = g.GetGeometryRef(i)
        n += sum(p.GetGeometryRef(j).GetPointCount() for j in range(p.GetGeometryCount()))
print(n)
PY
)
echo "lsoa21_dense.gpkg: $VERTS vertices"

# (b) output-area-like parts, made in EPSG:27700 by our code, stored in EPSG:4326 like the shared files.
"$MAKE_OA" "$E/lsoa21.gpkg" "$E/imd2025_lsoa21.csv" "$E/census21_households_lsoa21.csv" \
  "$TMP/oa_like_27700.gpkg" "$TMP/oa_like_indicators.csv"
ogr2ogr -f GPKG -t_srs EPSG:4326 -nln oa_like "$TMP/oa_like.gpkg" "$TMP/oa_like_27700.gpkg"
ROWS=$(($(wc -l < "$TMP/oa_like_indicators.csv") - 1))
NOA=$(ogrinfo -so "$TMP/oa_like.gpkg" oa_like | awk -F': ' '/Feature Count/{print $2}')

mv "$TMP/lsoa21_dense.gpkg" "$TMP/oa_like.gpkg" "$TMP/oa_like_indicators.csv" "$OUT/"
cat > "$OUT/README.txt" <<TXT
Scale datasets for nbhd issue #18, made by bench/make_scale_data.sh from $DATA on $(date -u +%Y-%m-%dT%H:%MZ).
Not real data where marked SYNTHETIC. All EPSG:4326, like ../shared/data.

lsoa21_dense.gpkg         layer lsoa21    35,672 LSOA21 (E+W), $VERTS vertices (shared file: 421,310):
                                          ogr2ogr -segmentize 0.0003 of england/lsoa21.gpkg. Same fields;
                                          key lsoa21_code. Joins: england/imd2025_lsoa21.csv etc. on lsoa21_code.
oa_like.gpkg              layer oa_like   $NOA output-area-like polygons: each LSOA21 split into contiguous
                                          parts (one polygon each; parts per LSOA = its Census 2021 households
                                          / 135, at least 2; an island of a multipart LSOA is its own part).
                                          Fields: oa21_code (key, unique, E00000001.. / W00000001..),
                                          lsoa21_code (parent), ltla24_code, ltla24_name.
oa_like_indicators.csv    SYNTHETIC       key oa21_code (English parts only: $ROWS rows; Welsh parts have
                                          none, as the IMD covers England). Columns: oa21_code, lsoa21_code,
                                          imd_score_synth (parent's IMD 2025 score x exp(0.3 N(0,1))),
                                          imd_decile_synth (deciles of that over English parts, 1 = most
                                          deprived), households_synth (parent's households shared by area).
Joins: oa_like.oa21_code = oa_like_indicators.oa21_code; oa_like.lsoa21_code = any LSOA21 table's lsoa21_code.
Example: nbhd render oa_like.gpkg --key oa21_code --indicators oa_like_indicators.csv:oa21_code --column imd_decile_synth ...
TXT
echo "done in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s: $OUT"
