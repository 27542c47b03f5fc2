#pragma once
// Working-CRS positions as longitude/latitude, through PROJ: the one way from a map's CRS to lon/lat.
// On WGS 84 (the viewer's status bar: what GPS and web maps show), or on the CRS's own datum (the scale
// bar's ground distances): the second is the inverse of the projection alone, with no datum shift to
// choose, so it is made in about 1 ms where the first reads proj.db's candidate operations for about 40 ms.
#include <memory>
#include <string>

#include "geo/model/geometry.hpp"

namespace nbhd {

enum class LonLatDatum { Wgs84, Own };

// An ellipsoid's semi-major axis (metres) and flattening.
struct Ellipsoid {
  double a = 6378137.0;
  double f = 1 / 298.257223563;
};

class LonLatTransform {
 public:
  // Throws nbhd::Error when `crs` is unknown or cannot be taken to WGS84 (or to its own datum's lon/lat).
  explicit LonLatTransform(const std::string& crs, LonLatDatum datum = LonLatDatum::Wgs84);
  ~LonLatTransform();
  LonLatTransform(const LonLatTransform&) = delete;
  LonLatTransform& operator=(const LonLatTransform&) = delete;

  // false when the point cannot be transformed (outside the CRS's area).
  bool operator()(Point p, double& lon, double& lat) const;
  // The CRS's coordinates are angles (degrees), not lengths.
  bool angular() const;
  // The ellipsoid the longitudes and latitudes are on.
  Ellipsoid ellipsoid() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nbhd
