#!/usr/bin/env bash
# One neighbourhood brief on the national files (a Manchester LSOA: IMD 2025, CNI 2023, households, the GM
# assets; key figures, dual disadvantage, assets and gaps, provenance hashes), as whole `nbhd brief`
# processes: the median wall and CPU time of REPS runs. The same inputs loaded by `nbhd rank` (load + join +
# one ranking) are timed in the same run, interleaved, so the brief's own cost reads as the difference.
# Target: one brief <= 1 s.
# usage: bench/bench_brief.sh [BUILD_DIR] [SHARED_DATA] [REPS] [BASE_BUILD_DIR (timed interleaved too)]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${1:-build}"
DATA="${2:-${NBHD_SHARED_DATA:-../shared/data}}"
REPS="${3:-5}"
BASE="${4:-}"
NBHD="$BUILD/app/nbhd"
E="$DATA/england"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
IN=("$E/lsoa21.gpkg" --indicators "$E/imd2025_lsoa21.csv" --indicators "$E/cni2023_lsoa21.csv"
    --indicators "$E/census21_households_lsoa21.csv")
brief=("$NBHD" brief "${IN[@]}" --area E01005084 --columns "IMD_score,Community Needs Index 2023 Score,Income_score"
       --weight households_total --flag-a IMD_score:worse=high --flag-b "Community Needs Index 2023 Score:worse=high"
       --assets "$DATA/assets/gm_community_assets.gpkg" --per households_total -o "$OUT/brief.pdf" --force)
load=("$NBHD" rank "${IN[@]}" --column IMD_score --worse high -o "$OUT/rank.csv" --force)
# "wall user+sys" of one run
timed() { /usr/bin/time -f '%e %U %S' "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.3f %.3f\n", $1, $2 + $3}'; }
"${brief[@]}" 2>/dev/null  # warm the page cache
: >"$OUT/b.txt"; : >"$OUT/l.txt"; : >"$OUT/base.txt"
for _ in $(seq "$REPS"); do
  timed "${brief[@]}" >>"$OUT/b.txt"
  [ -n "$BASE" ] && timed "$BASE/app/nbhd" "${brief[@]:1}" >>"$OUT/base.txt"
  timed "${load[@]}" >>"$OUT/l.txt"
done
median() { sort -n -k"$2" "$1" | awk -v k="$2" '{v[NR]=$k} END {print v[int((NR+1)/2)]}'; }
pages=$(pdfinfo "$OUT/brief.pdf" | awk '/^Pages:/ {print $2}')
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)   runs: $REPS   brief pages: $pages"
printf '%-28s %8s %8s\n' "" wall_s cpu_s
printf '%-28s %8s %8s\n' "nbhd brief (whole process)" "$(median "$OUT/b.txt" 1)" "$(median "$OUT/b.txt" 2)"
[ -n "$BASE" ] && printf '%-28s %8s %8s\n' "base build's brief" "$(median "$OUT/base.txt" 1)" "$(median "$OUT/base.txt" 2)"
printf '%-28s %8s %8s\n' "nbhd rank, same inputs" "$(median "$OUT/l.txt" 1)" "$(median "$OUT/l.txt" 2)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v w="$(median "$OUT/b.txt" 1)" 'BEGIN {print (w <= 1 ? "target (<= 1 s): met" : "target (<= 1 s): NOT met at this load")}'
