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
# The demo map: IMD deciles of Eastbrook's areas, ward boundaries and community assets over the demo's own
# (synthetic) street basemap, as a print-ready PNG.
"$NBHD" render "$OUT/demo/lsoa.gpkg" --indicators "$OUT/demo/indicators.csv" --column IMD_decile --method unique \
  --palette RdBu --outline-layer "$OUT/demo/wards.gpkg" --outline-labels ward24_name --assets "$OUT/demo/assets.gpkg" \
  --basemap "$OUT/demo/eastbrook_basemap.gpkg" \
  --metadata "$OUT/demo/metadata.csv" \
  --title "Eastbrook: Index of Multiple Deprivation 2025" --subtitle "Decile 1 = the most deprived 10% of areas" \
  --width 2400 --height 1800 --force -o "$OUT/eastbrook_imd.png"
echo "demo map: $OUT/eastbrook_imd.png"
# Where social infrastructure is missing: for each area, how many of the five groups of services (community and
# civic, health, education, green space, everyday services) have nothing within 800 m, per 1,000 households
# too; then the same as a shareable interactive map (one self-contained HTML file).
"$NBHD" assets "$OUT/demo/lsoa.gpkg" --assets "$OUT/demo/assets.gpkg" --per-area --within 800 \
  --groups "$OUT/demo/asset_groups.csv" --per households_total --indicators "$OUT/demo/indicators.csv" \
  --force -o "$OUT/eastbrook_gaps.csv"
"$NBHD" render "$OUT/demo/lsoa.gpkg" --indicators "$OUT/demo/indicators.csv" --indicators "$OUT/eastbrook_gaps.csv" \
  --column missing_within_800m --method unique --metadata "$OUT/demo/metadata.csv" \
  --label "missing_within_800m=Groups of services with nothing within 800 m" \
  --title "Eastbrook: where social infrastructure is missing" --force -o "$OUT/eastbrook_gaps.html"
"$NBHD" info "$OUT/demo/lsoa.gpkg" --indicators "$OUT/demo/indicators.csv"
"$NBHD" join "$OUT/demo/lsoa.gpkg" --indicators "$OUT/demo/indicators.csv" -o "$OUT/eastbrook_joined.gpkg" --force
echo "demo: the map is $OUT/eastbrook_imd.png, the gaps map $OUT/eastbrook_gaps.html (open it in a browser), the dataset is in $OUT/demo/ and the joined GeoPackage is $OUT/eastbrook_joined.gpkg"
# With a display, open the interactive viewer on the same data (close the window to finish); without one the
# PNG above is the demo map. NBHD_NO_VIEWER=1 skips the window.
if [ -n "${DISPLAY:-}" ] && [ -z "${NBHD_NO_VIEWER:-}" ]; then
  echo "opening the viewer (nbhd view) on the demo borough"
  "$NBHD" view "$OUT/demo/lsoa.gpkg" --indicators "$OUT/demo/indicators.csv" --column IMD_score \
    --outline-layer "$OUT/demo/wards.gpkg" --assets "$OUT/demo/assets.gpkg" --asset-groups "$OUT/demo/asset_groups.csv" \
    --metadata "$OUT/demo/metadata.csv" --postcodes "$OUT/demo/postcodes.csv"
else
  echo "no display (DISPLAY unset): not opening the viewer; the demo map was rendered to $OUT/eastbrook_imd.png"
fi
