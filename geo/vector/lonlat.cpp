#include "geo/vector/lonlat.hpp"

#include <cmath>

#include "base/error.hpp"
#include "geo/vector/gdal_handle.hpp"

namespace nbhd {

struct LonLatTransform::Impl {
  OgrTransform ct;
};

LonLatTransform::LonLatTransform(const std::string& crs) : impl_(std::make_unique<Impl>()) {
  ensure_gdal();
  OgrSrs src(OSRNewSpatialReference(nullptr)), dst(OSRNewSpatialReference(nullptr));
  if (OSRSetFromUserInput(src.get(), crs.c_str()) != OGRERR_NONE)
    throw Error("unknown CRS '" + crs + "'; give an EPSG code such as EPSG:27700");
  OSRImportFromEPSG(dst.get(), 4326);
  OSRSetAxisMappingStrategy(src.get(), OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy(dst.get(), OAMS_TRADITIONAL_GIS_ORDER);
  impl_->ct.reset(OCTNewCoordinateTransformation(src.get(), dst.get()));
  if (!impl_->ct) throw Error("cannot transform " + crs + " to longitude/latitude (" + last_gdal_error() + ")");
}

LonLatTransform::~LonLatTransform() = default;

bool LonLatTransform::operator()(Point p, double& lon, double& lat) const {
  double x = p.x, y = p.y;
  int ok = 0;
  if (!OCTTransformEx(impl_->ct.get(), 1, &x, &y, nullptr, &ok) || !ok || !std::isfinite(x) || !std::isfinite(y))
    return false;
  lon = x;
  lat = y;
  return true;
}

}  // namespace nbhd
