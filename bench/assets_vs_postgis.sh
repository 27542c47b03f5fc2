#!/usr/bin/env bash
# nbhd's proximity engine against PostGIS, in the same run, on the same data, with the same three queries:
#  (a) assets inside each of the 35,672 LSOAs, (b) assets within 1000 m of each of the 1,702 GM LSOAs,
#  (c) distance to the nearest asset per GM LSOA;
# once with the GM community assets (6,847), once with the 9,933 greenspace access points added, then
# nbhd alone on 1,000,000 synthetic points over England. Answers are compared (counts exact, distances to
# 0.01 m) with PostGIS's and with the stored reference; ratios are PostGIS time / nbhd time.
#
# usage: bench/assets_vs_postgis.sh [BUILD_DIR]     (default: build)
# env:   DATA (default ../shared/data beside the checkout), PEERS (../shared/bench/peers), OUT (/tmp/nbhd_assets_bench),
#        REPS (5 for nbhd; PostGIS uses its own REPS, default 3), SYNTHETIC (1000000)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BUILD="${1:-$ROOT/build}"
DATA="${DATA:-$ROOT/../shared/data}"
PEERS="${PEERS:-$ROOT/../shared/bench/peers}"
REF="${REF:-$PEERS/../reference}"
OUT="${OUT:-/tmp/nbhd_assets_bench}"
REPS="${REPS:-5}"
SYNTHETIC="${SYNTHETIC:-1000000}"
BENCH="$BUILD/bench/bench_assets"
[ -x "$BENCH" ] || { echo "assets_vs_postgis: $BENCH not built; run ninja -C $BUILD bench_assets" >&2; exit 2; }
[ -f "$DATA/england/lsoa21.gpkg" ] || { echo "assets_vs_postgis: no data at $DATA (set DATA=)" >&2; exit 2; }
if ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
  "$PEERS/install.sh" >&2
fi
rm -rf "$OUT"; mkdir -p "$OUT"

now() { date +%s.%N; }
field() { sed -n "s/.*[ ,=]$1=\([^,]*\).*/\1/p" | head -1; }  # value of key $1 in a RESULT line
ratio() { awk -v p="$1" -v n="$2" 'BEGIN{ if (n > 0) printf "%.1fx", p / n; else printf "n/a" }'; }

# Data with greenspace added, in the layout postgis_proximity.sh reads (layer "assets"), so the peers'
# script runs unchanged on it.
GREEN="$OUT/data_green"
mkdir -p "$GREEN/england" "$GREEN/assets"
ln -s "$(cd "$DATA/england" && pwd)/lsoa21.gpkg" "$GREEN/england/lsoa21.gpkg"
ogr2ogr -q -f GPKG "$GREEN/assets/gm_community_assets.gpkg" "$DATA/assets/gm_community_assets.gpkg" assets -nln assets
ogr2ogr -q -append -nln assets "$GREEN/assets/gm_community_assets.gpkg" \
  "$DATA/assets/gm_greenspace_access_points.gpkg" greenspace_access_points

run_pair() {  # label, data dir, nbhd asset args...
  local label=$1 data=$2; shift 2
  local t0 t1
  t0=$(now)
  "$BENCH" --lsoa "$data/england/lsoa21.gpkg" "$@" --out "$OUT/nbhd_$label" --reps "$REPS" --label "$label" \
    > "$OUT/nbhd_$label.result" 2> "$OUT/nbhd_$label.log"
  t1=$(now)
  cat "$OUT/nbhd_$label.log" >&2
  echo "nbhd[$label] whole process: $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') s" >&2
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')" > "$OUT/nbhd_$label.wall"
  PEER_DATA="$data" "$PEERS/postgis_proximity.sh" "$OUT/postgis_$label" > "$OUT/postgis_$label.result" 2> "$OUT/postgis_$label.log" \
    || { cat "$OUT/postgis_$label.log" >&2; echo "assets_vs_postgis: PostGIS run failed" >&2; exit 1; }
  grep -v '^$' "$OUT/postgis_$label.log" | grep -i "query_" >&2 || true
  python3 "$PEERS/compare_proximity.py" "$OUT/nbhd_$label" "$OUT/postgis_$label" > "$OUT/compare_$label.result" 2> "$OUT/compare_$label.log"
  cat "$OUT/compare_$label.log" >&2
}

run_pair gm "$DATA" --assets "$DATA/assets/gm_community_assets.gpkg"
python3 "$PEERS/compare_proximity.py" "$OUT/nbhd_gm" "$REF" > "$OUT/compare_ref.result" 2> "$OUT/compare_ref.log" || true
run_pair green "$GREEN" --assets "$DATA/assets/gm_community_assets.gpkg" --assets "$DATA/assets/gm_greenspace_access_points.gpkg"

t0=$(now)
"$BENCH" --lsoa "$DATA/england/lsoa21.gpkg" --assets "$DATA/assets/gm_community_assets.gpkg" --reps 1 \
  --synthetic "$SYNTHETIC" --label synthetic > "$OUT/nbhd_synthetic.result" 2> "$OUT/nbhd_synthetic.log"
SYN_WALL=$(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.2f", b-a}')
grep synthetic "$OUT/nbhd_synthetic.log" | grep points >&2

echo
echo "== nbhd vs PostGIS: query time with data loaded and indexed (PostGIS: EXPLAIN ANALYZE execution time; psql wall in brackets) =="
for label in gm green; do
  N=$(cat "$OUT/nbhd_$label.result"); P=$(cat "$OUT/postgis_$label.result"); C=$(cat "$OUT/compare_$label.result")
  printf "%-6s assets=%s threads=%s\n" "$label" "$(echo "$N" | field assets)" "$(echo "$N" | field threads)"
  for q in a b c; do
    n=$(echo "$N" | field "$q"); pe=$(echo "$P" | field "exec_$q"); pw=$(echo "$P" | field "$q")
    printf "  (%s) nbhd %8.4f s   PostGIS %8.4f s [%7.4f s]   ratio %s [%s]   mismatches %s\n" "$q" "$n" "$pe" "$pw" \
      "$(ratio "$pe" "$n")" "$(ratio "$pw" "$n")" "$(echo "$C" | field "${q}_mismatch")"
  done
  printf "  whole process: nbhd %s s (load %s s + %s s, index %s s; %s reps of 4 queries), PostGIS %s s (cluster %s s, load %s + %s s, index %s s)\n" \
    "$(cat "$OUT/nbhd_$label.wall")" "$(echo "$N" | field load_lsoa)" "$(echo "$N" | field load_assets)" "$(echo "$N" | field index)" \
    "$REPS" "$(echo "$P" | field process_total)" "$(echo "$P" | field cluster_init)" "$(echo "$P" | field load_lsoa)" \
    "$(echo "$P" | field load_assets)" "$(echo "$P" | field index_analyze)"
done
echo "reference answers ($REF): $(sed 's/.*extra=//; s/,c_tol.*//' "$OUT/compare_ref.result")"
S=$(cat "$OUT/nbhd_synthetic.result")
echo "synthetic: $(echo "$S" | field synthetic_n) points vs all LSOAs: index $(echo "$S" | field synthetic_index) s +" \
     "inside counts $(echo "$S" | field synthetic_a) s = $(echo "$S" | field synthetic_index_plus_a) s (target <= 5 s);" \
     "inside+within+nearest $(echo "$S" | field synthetic_a_b_c) s; whole process incl. loading and generating $SYN_WALL s"
