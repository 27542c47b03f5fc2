#pragma once
// Working-CRS positions as WGS84 longitude/latitude, through PROJ (the viewer's status bar, reports).
#include <memory>
#include <string>

#include "geo/model/geometry.hpp"

namespace nbhd {

class LonLatTransform {
 public:
  // Throws nbhd::Error when `crs` is unknown.
  explicit LonLatTransform(const std::string& crs);
  ~LonLatTransform();
  LonLatTransform(const LonLatTransform&) = delete;
  LonLatTransform& operator=(const LonLatTransform&) = delete;

  // false when the point cannot be transformed (outside the CRS's area).
  bool operator()(Point p, double& lon, double& lat) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nbhd
