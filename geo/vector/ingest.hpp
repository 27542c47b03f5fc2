#pragma once
// Reading boundaries and points from any OGR source (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, GML,
// "PG:" connection strings), reprojected to the working CRS.
#include <optional>
#include <string>
#include <vector>

#include "base/progress.hpp"
#include "geo/model/area_layer.hpp"
#include "geo/model/geometry.hpp"
#include "geo/model/point_layer.hpp"

namespace nbhd {

struct IngestOptions {
  std::string layer;           // "" = the only polygon (or point) layer
  std::string key_field;       // "" = detect from values (ONS code shapes)
  std::string name_field;      // "" = detect (*_name, *NM)
  std::string working_crs = "EPSG:27700";
  std::string assume_crs;      // used only when the source has no CRS
  std::string category_field;  // points only: "" = detect (category, type, amenity, ...)
  // Keep only the areas whose geometry meets this box (working CRS; touching counts). The source
  // filters by bounding box first (GeoPackage: its R-tree; PostGIS: a `&&` query on the server), so
  // stats.features_read counts the rows fetched and stats.outside_box those whose shape then misses it.
  std::optional<BBox> read_bbox;
};

// Opens `path`, picks the layer, detects key/name, reads, repairs (GEOS MakeValid), drops empty
// geometries and reprojects. Throws nbhd::Error with the file named and the next step.
AreaLayer load_areas(const std::string& path, const IngestOptions& opt = {}, const Progress& progress = {});

// Points (or polygons reduced to a point on surface) with a category.
PointLayer load_points(const std::string& path, const IngestOptions& opt = {}, const Progress& progress = {});

// Layers of a source, for messages and the viewer's picker.
struct LayerInfo {
  std::string name;
  std::string geometry;  // "Polygon", "MultiPolygon", "Point", "None", ...
  long long features = -1;
};
std::vector<LayerInfo> list_layers(const std::string& path);

}  // namespace nbhd
