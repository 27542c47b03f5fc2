#!/usr/bin/env bash
# Benchmark: the viewer's frame times over the national map (300 frames zooming x40 and out while circling,
# `nbhd view --bench-frames`), at 1920x1080 under Xvfb (Mesa llvmpipe unless a GPU is there), this build against
# a previous build in the same run: ROUNDS rounds, alternating, so both see the same machine load.
# usage: bench/bench_viewer_frames.sh [BUILD_DIR] [PREVIOUS_BUILD_DIR] [ROUNDS]   env: DATA (shared data dir)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${1:-$HERE/../build}
PREVIOUS=${2:-}
ROUNDS=${3:-3}
DATA=${DATA:-$HERE/../../shared/data}
FRAMES=${FRAMES:-300}
args=("$DATA/england/lsoa21.gpkg" --indicators "$DATA/england/imd2025_lsoa21.csv" --column IMD_decile
  --size 1920x1080 --bench-frames "$FRAMES")
one() {  # label, nbhd binary
  local line
  line=$(xvfb-run -a -s '-screen 0 1920x1080x24' "$2" view "${args[@]}" 2>&1 | grep -E '^frames |^CPU per frame' |
    tr '\n' ' ')
  echo "$1: $line"
}
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); $ROUNDS rounds of $FRAMES frames"
for i in $(seq "$ROUNDS"); do
  one "this build    " "$BUILD/app/nbhd"
  if [ -n "$PREVIOUS" ]; then one "previous build" "$PREVIOUS/app/nbhd"; fi
done
