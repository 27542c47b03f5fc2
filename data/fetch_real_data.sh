#!/usr/bin/env bash
# Downloads real public data for nbhd into DIR (default ./real-data). Needs internet access; nbhd itself never
# downloads anything. URLs change when publishers reorganise their sites: if one fails, search the publisher's
# site for the dataset named beside it (see data/README.md).
set -euo pipefail
DIR="${1:-real-data}"
mkdir -p "$DIR"
fetch() {  # fetch NAME URL
  echo "fetching $1" >&2
  curl -fL --retry 3 -o "$DIR/$1.tmp" "$2" && mv "$DIR/$1.tmp" "$DIR/$1"
}
# English Indices of Deprivation 2019, File 7 (all ranks, deciles and scores), MHCLG
fetch imd2019_lsoa11.csv "https://assets.publishing.service.gov.uk/media/5dc407b440f0b6379a7acc8d/File_7_-_All_IoD2019_Scores__Ranks__Deciles_and_Population_Denominators_3.csv"
# LSOA 2021 boundaries, generalised (BSC), ONS Open Geography Portal (GeoJSON, EPSG:4326). The ArcGIS query
# API pages at 2,000 features: for the full 35,672 use the portal page's "Download" (GeoPackage or Shapefile).
fetch lsoa21.geojson "https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services/Lower_layer_Super_Output_Areas_2021_EW_BSC_V4/FeatureServer/0/query?where=1%3D1&outFields=*&outSR=4326&f=geojson"
echo "done: files are in $DIR; see data/README.md for the other sources" >&2
