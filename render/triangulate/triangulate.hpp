#pragma once
// Polygon triangulation by ear clipping with hole bridging (our own implementation; see README contract).
#include <cstdint>
#include <vector>

#include "geo/model/geometry.hpp"

namespace nbhd {

// Triangulates one polygon (exterior + holes). Returns vertex indices, three per triangle, into the
// concatenation of the polygon's rings with each ring's closing point omitted:
// ring 0 points [0, n0-1), ring 1 points [n0-1, n0-1 + n1-1), ...
std::vector<uint32_t> triangulate(const Polygon& poly);

// What the triangulator had to do beyond plain ear clipping; counts are added to.
// Valid input needs only bridges and, rarely, the three splits. crossings_cut, forced_ears and
// holes_dropped happen only for invalid (self-intersecting, hole-outside-shell) input, where the
// result approximates the shape.
struct TriangulateStats {
  uint64_t bridges = 0;            // holes merged into the outer ring
  uint64_t pinch_splits = 0;       // loop split where it touches itself
  uint64_t t_junction_splits = 0;  // loop split where a vertex lies on another edge
  uint64_t diagonal_splits = 0;    // loop split along a found diagonal after no ear was found
  uint64_t crossings_cut = 0;      // local self-intersection removed
  uint64_t forced_ears = 0;        // convex vertex clipped without a clean ear test
  uint64_t holes_dropped = 0;      // holes that could not be bridged (outside the shell)
};
std::vector<uint32_t> triangulate(const Polygon& poly, TriangulateStats* stats);

}  // namespace nbhd
