#pragma once
// Where a polygon's name goes: the pole of inaccessibility (the centre of the largest circle inside it,
// GEOS's maximum inscribed circle), of its part with the largest such circle. Unlike the centroid, it lies
// inside a C-shaped ward, and its radius says how much room the name has.
#include <vector>

#include "geo/model/geometry.hpp"

namespace nbhd {

struct LabelPoint {
  Point at;
  double radius = 0;  // of the inscribed circle, in the geometry's units; 0 for an empty geometry
};

// One per geometry, in parallel (GEOS contexts per thread). `tolerance_fraction` of each part's bounding
// box size bounds the error of the circle's centre (GEOS iterates to it).
std::vector<LabelPoint> label_points(const std::vector<MultiPolygon>& geoms,
                                     double tolerance_fraction = 0.002, unsigned threads = 0);

}  // namespace nbhd
