#pragma once
// The embedded demo dataset: a fictional borough ("Eastbrook") of ~300 LSOA-like areas that share edges
// (a Voronoi tessellation clipped to an irregular outline), ~25 wards, spatially clustered IMD-like and
// CNI-like indicators, household counts and ~800 community assets. Deterministic: the same bytes of data
// on every machine. Codes are ONS-shaped but fictional (E01900001, E05900001, E08900001).
#include <string>

#include "base/progress.hpp"

namespace nbhd {

struct DemoSummary {
  size_t areas = 0, wards = 0, assets = 0, left_behind = 0;
  size_t postcodes = 0;  // in use (not terminated) in postcodes.csv
};

// Writes into `dir` (created if needed): lsoa.gpkg, wards.gpkg, indicators.csv, lsoa_ward_lookup.csv,
// metadata.csv, assets.gpkg, asset_groups.csv, eastbrook_basemap.gpkg, postcodes.csv, README.md. Each file
// atomically.
DemoSummary write_demo_dataset(const std::string& dir, const Progress& progress = {});

}  // namespace nbhd
