#!/usr/bin/env bash
# Benchmark (issue #18 item 3, the viewer): `nbhd view --bench-frames` at 1920x1080 under Xvfb (Mesa llvmpipe
# unless a GPU is there) on the national LSOA21 (1x, the shared file, 421,310 vertices) and on the scale
# datasets of bench/make_scale_data.sh: (a) LSOA21 densified to ~10 M vertices, (b) ~185,000 output-area-like
# polygons. Prints, per dataset and build: the time from the viewer's start to its first exact national frame
# (and the data's load and show times within it), frame times p50/p95 over the zoom path, CPU per frame, peak
# RSS. With a previous build, both run in turn on each dataset, so they see the same machine load.
# usage: bench/bench_viewer_scale.sh [BUILD_DIR] [PREVIOUS_BUILD_DIR]
#   env: SCALE (the scale datasets' folder, default /work/scale-data), DATA (shared data), FRAMES (300)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${1:-$HERE/../build}
PREVIOUS=${2:-}
DATA=${DATA:-$HERE/../../shared/data}
SCALE=${SCALE:-/work/scale-data}
FRAMES=${FRAMES:-300}
for f in "$SCALE/lsoa21_dense.gpkg" "$SCALE/oa_like.gpkg" "$SCALE/oa_like_indicators.csv"; do
  [ -f "$f" ] || {
    echo "bench_viewer_scale.sh: $f is missing; make it with bench/make_scale_data.sh $SCALE" >&2
    exit 2
  }
done
one() {  # label, nbhd binary, view arguments...
  local label=$1 bin=$2 out
  shift 2
  out=$(xvfb-run -a -s '-screen 0 1920x1080x24' /usr/bin/time -f 'peak RSS %M KB' "$bin" view "$@" \
    --size 1920x1080 --bench-frames "$FRAMES" 2>&1) || {
    echo "$label: FAILED"
    echo "$out" | tail -3
    return 0
  }
  echo "$label:"
  echo "$out" | grep -E '^first exact frame|^frames |^CPU per frame|^peak RSS' | sed 's/^/    /'
}
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); $FRAMES frames at 1920x1080"
run() {  # dataset label, view arguments...
  local name=$1
  shift
  one "$name, this build" "$BUILD/app/nbhd" "$@"
  if [ -n "$PREVIOUS" ]; then one "$name, previous build" "$PREVIOUS/app/nbhd" "$@"; fi
}
run "1x LSOA21 (421,310 vertices)" "$DATA/england/lsoa21.gpkg" --indicators "$DATA/england/imd2025_lsoa21.csv" \
  --column IMD_decile
run "(a) LSOA21 densified" "$SCALE/lsoa21_dense.gpkg" --indicators "$DATA/england/imd2025_lsoa21.csv" \
  --column IMD_decile
run "(b) output-area-like" "$SCALE/oa_like.gpkg" --key oa21_code --indicators "$SCALE/oa_like_indicators.csv" \
  --column imd_decile_synth
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
