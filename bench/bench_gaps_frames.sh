#!/usr/bin/env bash
# Benchmark: the viewer's frame times while the Gaps panel recomputes. `nbhd view --bench-frames` pans and
# zooms over every LSOA with the Greater Manchester assets and the GM group table loaded, while a script
# moves D every 8 frames (each move cancels the running job and starts another); the same run without the
# script is the baseline. Under Xvfb (Mesa llvmpipe unless a GPU is there).
# usage: bench/bench_gaps_frames.sh [BUILD_DIR]   env: DATA (shared data dir), FRAMES (default 300)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${1:-$HERE/../build}
DATA=${DATA:-$HERE/../../shared/data}
FRAMES=${FRAMES:-300}
script=$(mktemp)
trap 'rm -f "$script"' EXIT
{
  echo "wait-loaded"
  echo "gaps-map missing"  # the map follows each new D: recompute and redraw
  for i in $(seq 60); do
    echo "gaps-within $((300 + (i * 97) % 1500))"
    echo "frames 8"
  done
} >"$script"
args=("$DATA/england/lsoa21.gpkg" --indicators "$DATA/england/imd2025_lsoa21.csv" --column IMD_decile
  --assets "$DATA/assets/gm_community_assets.gpkg" --asset-groups "$HERE/../docs/asset_groups_gm.csv"
  --size 1280x800 --bench-frames "$FRAMES")
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); $FRAMES frames"
for mode in baseline moving-D; do
  extra=()
  [ "$mode" = moving-D ] && extra=(--script "$script")
  line=$(xvfb-run -a -s '-screen 0 1280x800x24' "$BUILD/app/nbhd" view "${args[@]}" "${extra[@]}" 2>&1 |
    grep -E '^frames |^CPU per frame' | tr '\n' ' ')
  echo "$mode: $line"
done
