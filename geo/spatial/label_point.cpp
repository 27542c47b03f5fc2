#include "geo/spatial/label_point.hpp"

#include <algorithm>
#include <cmath>

#include "base/thread_pool.hpp"
#include "geo/spatial/geos_handle.hpp"

namespace nbhd {

namespace {

LabelPoint part_label_point(const GeosContext& c, const Polygon& poly, double fraction) {
  if (poly.rings.empty() || poly.rings[0].size() < 4) return {};
  BBox b;
  for (Point p : poly.rings[0]) b.expand(p);
  double size = std::max(b.maxx - b.minx, b.maxy - b.miny);
  GeomPtr g = to_geos(c, MultiPolygon{poly});
  if (!g) return {};
  GeomPtr line = own(c, GEOSMaximumInscribedCircle_r(c, g.get(), std::max(size * fraction, 1e-9)));
  if (!line) return {};
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(c, line.get());
  double x0, y0, x1, y1;
  if (!seq || !GEOSCoordSeq_getXY_r(c, seq, 0, &x0, &y0) || !GEOSCoordSeq_getXY_r(c, seq, 1, &x1, &y1))
    return {};
  return {Point{x0, y0}, std::hypot(x1 - x0, y1 - y0)};
}

}  // namespace

std::vector<LabelPoint> label_points(const std::vector<MultiPolygon>& geoms, double fraction,
                                     unsigned threads) {
  std::vector<LabelPoint> out(geoms.size());
  parallel_team(geoms.size(), 4, threads, [&](ChunkQueue& chunks) {
    GeosContext c;
    while (auto ch = chunks.next())
      for (size_t i = ch.begin; i < ch.end; ++i)
        for (const Polygon& part : geoms[i]) {
          LabelPoint lp = part_label_point(c, part, fraction);
          if (lp.radius > out[i].radius) out[i] = lp;
        }
  });
  return out;
}

}  // namespace nbhd
