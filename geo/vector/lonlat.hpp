#pragma once
// Working-CRS positions as WGS84 longitude/latitude, through PROJ: the one way from a map's CRS to
// lon/lat (the viewer's status bar, the scale bar's ground distances).
#include <memory>
#include <string>

#include "geo/model/geometry.hpp"

namespace nbhd {

class LonLatTransform {
 public:
  // Throws nbhd::Error when `crs` is unknown or cannot be taken to WGS84.
  explicit LonLatTransform(const std::string& crs);
  ~LonLatTransform();
  LonLatTransform(const LonLatTransform&) = delete;
  LonLatTransform& operator=(const LonLatTransform&) = delete;

  // false when the point cannot be transformed (outside the CRS's area).
  bool operator()(Point p, double& lon, double& lat) const;
  // The CRS's coordinates are angles (degrees), not lengths.
  bool angular() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nbhd
