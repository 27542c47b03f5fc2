#pragma once
// Polygon triangulation by ear clipping with hole bridging (our own implementation; see README contract).
#include <cstdint>
#include <vector>

#include "geo/geometry.hpp"

namespace nbhd {

// Triangulates one polygon (exterior + holes). Returns vertex indices, three per triangle, into the
// concatenation of the polygon's rings with each ring's closing point omitted:
// ring 0 points [0, n0-1), ring 1 points [n0-1, n0-1 + n1-1), ...
std::vector<uint32_t> triangulate(const Polygon& poly);

}  // namespace nbhd
