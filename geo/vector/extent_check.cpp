#include "geo/vector/extent_check.hpp"

#include <ogr_srs_api.h>

#include <cstdio>

#include "geo/vector/gdal_handle.hpp"

namespace nbhd {

namespace {

std::string box_text(const BBox& b, int decimals) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%.*f, %.*f to %.*f, %.*f", decimals, b.minx, decimals, b.miny, decimals,
                b.maxx, decimals, b.maxy);
  return buf;
}

}  // namespace

std::optional<std::string> extent_warning(const BBox& extent, const std::string& working_crs,
                                          const std::string& what) {
  if (extent.empty()) return std::nullopt;
  OgrSrs crs(OSRNewSpatialReference(nullptr)), wgs(OSRNewSpatialReference(nullptr));
  if (OSRSetFromUserInput(crs.get(), working_crs.c_str()) != OGRERR_NONE) return std::nullopt;
  double west, south, east, north;
  const char* area = nullptr;
  if (!OSRGetAreaOfUse(crs.get(), &west, &south, &east, &north, &area) || west > east) return std::nullopt;
  OSRSetWellKnownGeogCS(wgs.get(), "WGS84");
  OSRSetAxisMappingStrategy(wgs.get(), OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy(crs.get(), OAMS_TRADITIONAL_GIS_ORDER);
  OgrTransform to_crs(OCTNewCoordinateTransformation(wgs.get(), crs.get()));
  if (!to_crs) return std::nullopt;
  BBox use;
  if (!OCTTransformBounds(to_crs.get(), west, south, east, north, &use.minx, &use.miny, &use.maxx, &use.maxy,
                          21))
    return std::nullopt;
  Point centre{(extent.minx + extent.maxx) / 2, (extent.miny + extent.maxy) / 2};
  if (extent.intersects(use) && use.contains(centre)) return std::nullopt;
  bool degrees = OSRIsGeographic(crs.get());
  return what + ": its extent (" + box_text(extent, degrees ? 4 : 0) + " in " + working_crs +
         ") lies outside the area " + working_crs + " is for (" + (area ? area : "its area of use") + ": " +
         box_text(use, degrees ? 4 : 0) +
         "), so the map may show nothing of it; check the file's CRS (a wrong "
         "CRS declared, or x and y swapped)";
}

}  // namespace nbhd
