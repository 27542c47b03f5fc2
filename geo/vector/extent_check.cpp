#include "geo/vector/extent_check.hpp"

#include <ogr_srs_api.h>

#include <cstdio>
#include <map>
#include <mutex>

#include "geo/vector/gdal_handle.hpp"

namespace nbhd {

namespace {

std::string box_text(const BBox& b, int decimals) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%.*f, %.*f to %.*f, %.*f", decimals, b.minx, decimals, b.miny, decimals,
                b.maxx, decimals, b.maxy);
  return buf;
}

// The CRS's area of use in its own coordinates, and its name; nullopt when it has none. Looked up once per
// CRS in a process: a command checks every layer it reads, and each look-up (proj.db, a transformation,
// densified bounds) was about 3% of a brief's CPU time.
struct AreaOfUse {
  BBox box;
  std::string name;
  bool degrees = false;
};

std::optional<AreaOfUse> look_up_area_of_use(const std::string& working_crs) {
  OgrSrs crs(OSRNewSpatialReference(nullptr));
  if (OSRSetFromUserInput(crs.get(), working_crs.c_str()) != OGRERR_NONE) return std::nullopt;
  double west, south, east, north;
  const char* area = nullptr;
  if (!OSRGetAreaOfUse(crs.get(), &west, &south, &east, &north, &area) || west > east) return std::nullopt;
  // The area of use is in WGS 84 degrees; it is taken as degrees on the CRS's own datum, a few hundred
  // metres off at most, nothing to a check of whole extents. That makes the transform the projection
  // alone: from WGS 84, PROJ weighs the datum shifts in proj.db (40 ms, on every command's critical path).
  OgrSrs geog(OSRCloneGeogCS(crs.get()));
  if (!geog) {
    geog.reset(OSRNewSpatialReference(nullptr));
    OSRSetWellKnownGeogCS(geog.get(), "WGS84");
  }
  OSRSetAxisMappingStrategy(geog.get(), OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy(crs.get(), OAMS_TRADITIONAL_GIS_ORDER);
  OgrTransform to_crs(OCTNewCoordinateTransformation(geog.get(), crs.get()));
  if (!to_crs) return std::nullopt;
  AreaOfUse use;
  if (!OCTTransformBounds(to_crs.get(), west, south, east, north, &use.box.minx, &use.box.miny, &use.box.maxx,
                          &use.box.maxy, 21))
    return std::nullopt;
  use.name = area ? area : "its area of use";
  use.degrees = OSRIsGeographic(crs.get());
  return use;
}

std::optional<AreaOfUse> area_of_use(const std::string& working_crs) {
  static std::mutex m;
  static std::map<std::string, std::optional<AreaOfUse>> known;
  std::lock_guard lock(m);
  auto it = known.find(working_crs);
  if (it == known.end()) it = known.emplace(working_crs, look_up_area_of_use(working_crs)).first;
  return it->second;
}

}  // namespace

std::optional<std::string> extent_warning(const BBox& extent, const std::string& working_crs,
                                          const std::string& what) {
  if (extent.empty()) return std::nullopt;
  auto use = area_of_use(working_crs);
  if (!use) return std::nullopt;
  Point centre{(extent.minx + extent.maxx) / 2, (extent.miny + extent.maxy) / 2};
  if (extent.intersects(use->box) && use->box.contains(centre)) return std::nullopt;
  return what + ": its extent (" + box_text(extent, use->degrees ? 4 : 0) + " in " + working_crs +
         ") lies outside the area " + working_crs + " is for (" + use->name + ": " +
         box_text(use->box, use->degrees ? 4 : 0) +
         "), so the map may show nothing of it; check the file's CRS (a wrong "
         "CRS declared, or x and y swapped)";
}

}  // namespace nbhd
