#pragma once
// How many metres on the ground one map unit spans at a point, for scale bars that are true for the
// map's CRS (BNG: 0.9996-1.0007 by position; Web Mercator: 1/cos(latitude); degrees: ~111 km).
#include <string>

#include "geo/model/geometry.hpp"

namespace nbhd {

// Ground metres per horizontal map unit at `at` in `crs` (PROJ; WGS 84 ellipsoid distance over a short
// east-west step). Throws nbhd::Error naming the CRS when PROJ does not know it.
double ground_metres_per_unit(const std::string& crs, Point at);

// The largest 1, 2 or 5 x 10^k not above `x` (x > 0).
double nice_floor(double x);

// "500 m", "2 km", "1.5 km".
std::string format_distance(double metres);

}  // namespace nbhd
