#pragma once
// Small areas (LSOAs, wards, ...) with their geometry and one attribute row each.
#include <string>
#include <vector>

#include "geo/model/geometry.hpp"
#include "geo/model/table.hpp"

namespace nbhd {

// What ingest had to do to the source geometries; always reported to the user.
struct IngestStats {
  size_t features_read = 0;
  size_t repaired = 0;         // invalid geometries fixed with GEOS MakeValid
  size_t dropped_empty = 0;    // null or empty geometries, dropped
  size_t dropped_no_key = 0;   // blank key value, dropped
  size_t outside_box = 0;      // IngestOptions::read_bbox: read (its box meets the box), shape misses it
  size_t merged_features = 0;  // features whose code an earlier feature had: parts merged into that area
  std::vector<std::string> merged_codes;    // first few
  std::vector<std::string> repaired_codes;  // first few, for the report
};

struct AreaLayer {
  std::string source;  // path, or connection string without its password (messages show it)
  std::string driver;  // GDAL driver short name
  std::string layer_name;
  std::string source_crs;     // e.g. "EPSG:4326" or the CRS name when it has no EPSG code
  std::string working_crs;    // e.g. "EPSG:27700"
  std::string key_field;      // e.g. "lsoa21_code"
  std::string key_detection;  // how the key was chosen: "named by the user", or "detected: 35672 values
                              // shaped like E01/W01 (LSOA)"
  std::string name_field;     // "" when none was found
  std::string code_kind;      // "LSOA", "ward", ... from the code shapes, "" when unknown

  std::vector<std::string> codes;   // trimmed key values, unique
  std::vector<std::string> names;   // "" when no name field
  std::vector<MultiPolygon> geoms;  // in working_crs
  Table attrs;                      // source fields then joined indicators; attrs.rows() == size()
  BBox extent;
  IngestStats stats;

  size_t size() const { return codes.size(); }
  // Index of the area with this code, or npos.
  size_t index_of(std::string_view code) const;
};

}  // namespace nbhd
