#!/usr/bin/env bash
# Quick start, command 1: set up (packages + build), write the demo dataset and run the main job on it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
BUILD="${NBHD_BUILD_DIR:-build}"
NBHD="$BUILD/app/nbhd"
OUT="${NBHD_DEMO_OUT:-out}"
mkdir -p "$OUT"
"$NBHD" demo -o "$OUT/demo"
"$NBHD" info "$OUT/demo/lsoa.gpkg" --indicators "$OUT/demo/indicators.csv"
"$NBHD" join "$OUT/demo/lsoa.gpkg" --indicators "$OUT/demo/indicators.csv" -o "$OUT/eastbrook_joined.gpkg" --force
echo "demo: the dataset is in $OUT/demo/ and the joined GeoPackage is $OUT/eastbrook_joined.gpkg"
