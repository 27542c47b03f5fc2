#include "geo/spatial/subdivide.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include "base/error.hpp"

namespace nbhd {

namespace {

// Uniform double in [0, 1) from the generator's bits, so the stream is the same with any standard library
// (std::uniform_real_distribution's algorithm is not specified).
double unit(std::mt19937_64& g) {
  return double(g() >> 11) * 0x1.0p-53;
}

double geos_area(const GeosContext& c, const GEOSGeometry* g) {
  double a = 0;
  GEOSArea_r(c, g, &a);
  return a;
}

double geos_length(const GeosContext& c, const GEOSGeometry* g) {
  double l = 0;
  GEOSLength_r(c, g, &l);
  return l;
}

// Seeds for n compact cells: Lloyd rounds over points sampled uniformly inside the component.
std::vector<Point> seeds_for(const Polygon& comp, unsigned n, std::mt19937_64& rng) {
  const MultiPolygon mp{comp};
  const BBox b = bbox_of(mp);
  const size_t want = size_t(n) * 24;
  std::vector<Point> samples;
  samples.reserve(want);
  for (size_t tries = 0; samples.size() < want && tries < want * 200; ++tries) {
    Point p{b.minx + unit(rng) * b.width(), b.miny + unit(rng) * b.height()};
    if (contains(mp, p)) samples.push_back(p);
  }
  if (samples.size() < n) return samples;  // a sliver-thin component: as many cells as points found
  std::vector<Point> centres(n);
  for (unsigned k = 0; k < n; ++k) centres[k] = samples[k * samples.size() / n];
  std::vector<unsigned> owner(samples.size());
  for (int round = 0; round < 10; ++round) {
    for (size_t i = 0; i < samples.size(); ++i) {
      double best = INFINITY;
      for (unsigned k = 0; k < n; ++k) {
        double dx = samples[i].x - centres[k].x, dy = samples[i].y - centres[k].y, d = dx * dx + dy * dy;
        if (d < best) best = d, owner[i] = k;
      }
    }
    std::vector<Point> sum(n, Point{0, 0});
    std::vector<size_t> count(n, 0);
    for (size_t i = 0; i < samples.size(); ++i) {
      sum[owner[i]].x += samples[i].x;
      sum[owner[i]].y += samples[i].y;
      ++count[owner[i]];
    }
    for (unsigned k = 0; k < n; ++k)  // an empty cluster keeps its centre
      if (count[k]) centres[k] = Point{sum[k].x / double(count[k]), sum[k].y / double(count[k])};
  }
  std::sort(centres.begin(), centres.end(),
            [](Point p, Point q) { return p.x < q.x || (p.x == q.x && p.y < q.y); });
  centres.erase(std::unique(centres.begin(), centres.end()), centres.end());
  return centres;
}

struct Piece {
  GeomPtr geom;
  double area = 0;
};

// The pieces of each Voronoi cell of `seeds` inside the component.
std::vector<std::vector<Piece>> cell_pieces(const GeosContext& c, const GEOSGeometry* comp,
                                            const std::vector<Point>& seeds) {
  std::vector<GEOSGeometry*> pts;
  for (Point p : seeds) pts.push_back(to_geos(c, p).release());
  GeomPtr sites = own(c, GEOSGeom_createCollection_r(c, GEOS_MULTIPOINT, pts.data(), unsigned(pts.size())));
  // The diagram is extended to cover the component's envelope, so the cells cover all of it.
  GeomPtr cells = own(c, GEOSVoronoiDiagram_r(c, sites.get(), comp, 0.0, 0));
  if (!cells) throw Error("subdivide: GEOS could not make a Voronoi diagram: " + c.last_error());
  std::vector<std::vector<Piece>> out;
  for (int i = 0, n = GEOSGetNumGeometries_r(c, cells.get()); i < n; ++i) {
    GeomPtr inter = own(c, GEOSIntersection_r(c, GEOSGetGeometryN_r(c, cells.get(), i), comp));
    if (!inter) throw Error("subdivide: GEOS could not intersect a cell with the area: " + c.last_error());
    std::vector<Piece> pieces;
    for (const Polygon& p : from_geos(c, inter.get())) {
      GeomPtr g = to_geos(c, MultiPolygon{p});
      double a = geos_area(c, g.get());
      if (a > 0) pieces.push_back({std::move(g), a});
    }
    std::sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) { return a.area > b.area; });
    if (!pieces.empty()) out.push_back(std::move(pieces));
  }
  return out;
}

// Splits one connected component into up to n parts (see the header's contract).
void split_component(const GeosContext& c, const Polygon& comp, unsigned n, double min_fraction,
                     std::mt19937_64& rng, std::vector<Polygon>& out) {
  std::vector<Point> seeds = n > 1 ? seeds_for(comp, n, rng) : std::vector<Point>{};
  if (seeds.size() < 2) {
    out.push_back(comp);
    return;
  }
  GeomPtr g = to_geos(c, MultiPolygon{comp});
  const double total = geos_area(c, g.get());
  const double min_area = min_fraction * total / double(seeds.size());
  std::vector<Piece> groups, orphans;
  for (auto& pieces : cell_pieces(c, g.get(), seeds))
    for (size_t i = 0; i < pieces.size(); ++i)
      (i == 0 && pieces[i].area >= min_area ? groups : orphans).push_back(std::move(pieces[i]));
  if (groups.empty()) {  // every cell a sliver: keep the biggest piece as the one part to grow
    auto big = std::max_element(orphans.begin(), orphans.end(),
                                [](const Piece& a, const Piece& b) { return a.area < b.area; });
    groups.push_back(std::move(*big));
    orphans.erase(big);
  }
  // Each orphan joins the group it shares the longest edge with: shared length = (perimeter of one +
  // perimeter of the other - perimeter of their union) / 2, which needs no exact edge matching. A join must
  // leave one polygon. An orphan touching only other orphans waits for a later pass.
  while (!orphans.empty()) {
    bool merged_any = false;
    for (auto it = orphans.begin(); it != orphans.end();) {
      double best_len = 0;
      size_t best = groups.size();
      GeomPtr best_union;
      const double lo = geos_length(c, it->geom.get());
      for (size_t k = 0; k < groups.size(); ++k) {
        if (GEOSIntersects_r(c, it->geom.get(), groups[k].geom.get()) != 1) continue;
        GeomPtr u = own(c, GEOSUnion_r(c, it->geom.get(), groups[k].geom.get()));
        if (!u || GEOSGeomTypeId_r(c, u.get()) != GEOS_POLYGON) continue;
        double len = (lo + geos_length(c, groups[k].geom.get()) - geos_length(c, u.get())) / 2;
        if (len > best_len) best_len = len, best = k, best_union = std::move(u);
      }
      if (best < groups.size() && best_len > 1e-6) {
        groups[best].geom = std::move(best_union);
        groups[best].area += it->area;
        it = orphans.erase(it);
        merged_any = true;
      } else {
        ++it;
      }
    }
    if (!merged_any) {  // the rest touch nothing they could join as one polygon: they stay parts
      for (auto& o : orphans) groups.push_back(std::move(o));
      orphans.clear();
    }
  }
  for (const Piece& p : groups)
    for (Polygon& poly : from_geos(c, p.geom.get())) out.push_back(std::move(poly));
}

}  // namespace

std::vector<Polygon> subdivide(const GeosContext& c, const MultiPolygon& area, const SubdivideOptions& opt) {
  std::vector<Polygon> out;
  if (area.empty()) return out;
  std::vector<double> areas;
  double total = 0;
  for (const Polygon& p : area) {
    areas.push_back(nbhd::area(MultiPolygon{p}));
    total += areas.back();
  }
  std::mt19937_64 rng(opt.seed);
  for (size_t i = 0; i < area.size(); ++i) {
    double share = total > 0 ? areas[i] / total : 1.0 / double(area.size());
    auto n = unsigned(std::max(1.0, std::round(double(opt.parts) * share)));
    split_component(c, area[i], n, opt.min_part_fraction, rng, out);
  }
  return out;
}

}  // namespace nbhd
