// TEMPORARY: stands in for the project's own ear-clipping triangulator (issue 4, deliverable 1) until it
// lands on main, so the GL scene can be built and tested against the same contract. Delete this file when
// merging the real render/triangulate.cpp. GEOS's constrained Delaunay is correct but ~0.4 ms per
// 200-vertex polygon, far too slow for national maps.
#include <geos_c.h>

#include <bit>
#include <cstring>
#include <unordered_map>

#include "geo/geos_handle.hpp"
#include "render/triangulate.hpp"

namespace nbhd {

namespace {
struct PointKey {
  uint64_t x, y;
  bool operator==(const PointKey&) const = default;
};
struct PointKeyHash {
  size_t operator()(const PointKey& k) const { return k.x * 0x9E3779B97F4A7C15ull ^ (k.y + (k.x >> 7)); }
};
}  // namespace

std::vector<uint32_t> triangulate(const Polygon& poly) {
  std::vector<uint32_t> out;
  if (poly.rings.empty() || poly.rings[0].size() < 4) return out;
  // Index every ring vertex (closing point omitted) by its exact coordinates.
  std::unordered_map<PointKey, uint32_t, PointKeyHash> index;
  uint32_t n = 0;
  for (const auto& ring : poly.rings)
    for (size_t i = 0; i + 1 < ring.size(); ++i, ++n)
      index.emplace(PointKey{std::bit_cast<uint64_t>(ring[i].x), std::bit_cast<uint64_t>(ring[i].y)}, n);

  thread_local GeosContext ctx;
  GeomPtr g = to_geos(ctx, MultiPolygon{poly});
  if (!g) return out;
  GeomPtr tris = own(ctx, GEOSConstrainedDelaunayTriangulation_r(ctx, g.get()));
  if (!tris) return out;
  int ng = GEOSGetNumGeometries_r(ctx, tris.get());
  out.reserve(size_t(ng) * 3);
  for (int i = 0; i < ng; ++i) {
    const GEOSGeometry* t = GEOSGetGeometryN_r(ctx, tris.get(), i);
    const GEOSGeometry* ring = GEOSGetExteriorRing_r(ctx, t);
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, ring);
    uint32_t idx[3];
    bool ok = true;
    for (unsigned k = 0; k < 3; ++k) {
      double x, y;
      GEOSCoordSeq_getXY_r(ctx, seq, k, &x, &y);
      auto it = index.find(PointKey{std::bit_cast<uint64_t>(x), std::bit_cast<uint64_t>(y)});
      if (it == index.end()) {
        ok = false;  // a Steiner point: cannot be expressed in the contract's indices; drop the triangle
        break;
      }
      idx[k] = it->second;
    }
    if (ok) out.insert(out.end(), idx, idx + 3);
  }
  return out;
}

}  // namespace nbhd
