#include "geo/vector/point_reproject.hpp"

#include <ogr_srs_api.h>

#include "base/error.hpp"
#include "geo/vector/gdal_handle.hpp"
#include "geo/vector/ogr_read.hpp"

namespace nbhd {

void reproject_points(std::vector<Point>& pts, const std::string& from, const std::string& to,
                      const std::string& what) {
  if (from == to || pts.empty()) return;
  OgrSrs a(OSRNewSpatialReference(nullptr)), b(OSRNewSpatialReference(nullptr));
  if (OSRSetFromUserInput(a.get(), from.c_str()) != OGRERR_NONE)
    throw Error("unknown CRS '" + from + "' for " + what + "; give an EPSG code such as EPSG:4326",
                Need::SourceCrs);
  if (OSRSetFromUserInput(b.get(), to.c_str()) != OGRERR_NONE)
    throw Error("unknown CRS '" + to + "'; give an EPSG code such as EPSG:27700");
  OSRSetAxisMappingStrategy(a.get(), OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy(b.get(), OAMS_TRADITIONAL_GIS_ORDER);
  OgrTransform ct(OCTNewCoordinateTransformation(a.get(), b.get()));
  if (!ct) throw Error("cannot reproject " + what + " from " + from + " to " + to);
  std::vector<double> sx, sy;
  transform_points(static_cast<OGRCoordinateTransformationH>(ct.get()), pts, sx, sy);
}

}  // namespace nbhd
