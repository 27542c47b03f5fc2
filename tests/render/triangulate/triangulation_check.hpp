#pragma once
// Independent verification of a triangulation (test-only).
//
// A triangulation T of polygon P is exactly right when (1) every triangle is counter-clockwise and
// (2) the triangles' directed edges, summed as a 1-chain, equal P's boundary (exterior counter-
// clockwise, holes clockwise): then every point of the plane is covered as many times as P winds
// around it: once inside, never outside, so no triangle overlaps another or leaves P. Edges are
// compared by coordinates (bridges and pinches repeat points under other indices) and split at
// polygon vertices lying on them (the triangulator drops straight vertices). Areas are checked
// against GEOS, and triangle centroids with a GEOS prepared predicate, as separate oracles.
#include <string>
#include <vector>

#include "geo/model/geometry.hpp"
#include "geo/spatial/geos_handle.hpp"

namespace nbhd::test {

struct TriCheck {
  bool ok = true;
  std::string why;           // first failure, with numbers
  double triangle_area = 0;  // sum of triangle areas
  double polygon_area = 0;   // GEOSArea_r
  size_t triangles = 0;
};

struct TriCheckOptions {
  double area_rel_tol = 1e-9;
  bool chain = true;        // the exact cover proof above
  bool centroids = true;    // GEOS prepared contains of each (non-sliver) triangle's centroid
  bool union_area = false;  // GEOS union of the triangles vs the polygon (slow: fixtures only)
};

// Points in index order: the rings concatenated, each without its closing point (the contract).
std::vector<Point> flatten(const Polygon& poly);

TriCheck check_triangulation(const GeosContext& ctx, const Polygon& poly, const std::vector<uint32_t>& tris,
                             const TriCheckOptions& opt = {});

}  // namespace nbhd::test
