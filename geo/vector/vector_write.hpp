#pragma once
// Writing an AreaLayer (geometry + every attribute column, typed) as a GeoPackage, atomically.
#include <string>

#include "base/progress.hpp"
#include "geo/model/area_layer.hpp"
#include "geo/model/point_layer.hpp"

namespace nbhd {

// Writes `layer` to `path` (.gpkg) in the layer's working CRS, one feature per area, columns typed
// Integer64/Real/Integer(Boolean)/String. Written to a temporary name and renamed when complete.
void write_gpkg(const AreaLayer& layer, const std::string& path, bool overwrite, const Progress& progress = {});

}  // namespace nbhd

namespace nbhd {

// Writes points (assets) with their attribute table as a GeoPackage point layer, atomically.
void write_points_gpkg(const PointLayer& points, const std::string& path, bool overwrite);

}  // namespace nbhd
