#include "render/triangulate/triangulation_check.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>
#include <unordered_map>

namespace nbhd::test {

std::vector<Point> flatten(const Polygon& poly) {
  std::vector<Point> pts;
  for (const auto& r : poly.rings)
    if (!r.empty()) pts.insert(pts.end(), r.begin(), r.end() - 1);
  return pts;
}

namespace {

struct PointHash {
  size_t operator()(const Point& p) const {
    uint64_t a, b;
    std::memcpy(&a, &p.x, 8);
    std::memcpy(&b, &p.y, 8);
    return std::hash<uint64_t>()(a * 0x9E3779B97F4A7C15ull ^ b);
  }
};

// Twice the signed area, in long double and relative to a so it is an independent computation from
// the triangulator's double arithmetic.
long double area2(Point a, Point b, Point c) {
  const long double bx = (long double)b.x - a.x, by = (long double)b.y - a.y;
  const long double cx = (long double)c.x - a.x, cy = (long double)c.y - a.y;
  return bx * cy - by * cx;
}

class Chain {
 public:
  explicit Chain(const std::vector<Point>& pts) {
    for (const Point& p : pts)
      if (ids_.emplace(p, static_cast<int>(uniq_.size())).second) uniq_.push_back(p);
    order_.resize(uniq_.size());
    for (size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<int>(i);
    std::sort(order_.begin(), order_.end(), [&](int a, int b) { return uniq_[a].x < uniq_[b].x; });
    xs_.resize(order_.size());
    for (size_t i = 0; i < order_.size(); ++i) xs_[i] = uniq_[order_[i]].x;
  }

  // Adds the directed edge a->b with weight w, split at every vertex lying on it.
  void add(Point a, Point b, int w) {
    if (a == b) return;
    const int ia = ids_.at(a), ib = ids_.at(b);
    const double tol = 1e-8;  // metres from the line: ~100 ulps at BNG magnitudes
    const double len = std::hypot(b.x - a.x, b.y - a.y);
    std::vector<std::pair<double, int>> on;
    auto lo = std::lower_bound(xs_.begin(), xs_.end(), std::min(a.x, b.x) - tol);
    auto hi = std::upper_bound(xs_.begin(), xs_.end(), std::max(a.x, b.x) + tol);
    for (auto it = lo; it != hi; ++it) {
      const int k = order_[it - xs_.begin()];
      if (k == ia || k == ib) continue;
      const Point& p = uniq_[k];
      if (p.y < std::min(a.y, b.y) - tol || p.y > std::max(a.y, b.y) + tol) continue;
      const double d = std::abs((double)area2(a, b, p)) / len;
      if (d > tol) continue;
      const double t = ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / (len * len);
      if (t > 0 && t < 1) on.push_back({t, k});
    }
    std::sort(on.begin(), on.end());
    int prev = ia;
    for (const auto& [t, k] : on) {
      bump(prev, k, w);
      prev = k;
    }
    bump(prev, ib, w);
  }

  // First edge whose net count is not zero, or "" when the chain cancels exactly.
  std::string residue() const {
    for (const auto& [key, n] : net_)
      if (n != 0) {
        const int a = static_cast<int>(key >> 32), b = static_cast<int>(key & 0xffffffffu);
        std::ostringstream os;
        os.precision(17);
        os << "edge (" << uniq_[a].x << " " << uniq_[a].y << ")-(" << uniq_[b].x << " " << uniq_[b].y
           << ") has net count " << n;
        return os.str();
      }
    return "";
  }

 private:
  void bump(int a, int b, int w) {
    if (a == b) return;
    if (a < b)
      net_[(uint64_t(a) << 32) | uint32_t(b)] += w;
    else
      net_[(uint64_t(b) << 32) | uint32_t(a)] -= w;
  }
  std::unordered_map<Point, int, PointHash> ids_;
  std::vector<Point> uniq_;
  std::vector<int> order_;
  std::vector<double> xs_;
  std::unordered_map<uint64_t, int> net_;
};

}  // namespace

TriCheck check_triangulation(const GeosContext& ctx, const Polygon& poly, const std::vector<uint32_t>& tris,
                             const TriCheckOptions& opt) {
  TriCheck r;
  auto fail = [&](const std::string& why) {
    if (r.ok) r.why = why;
    r.ok = false;
  };
  const std::vector<Point> pts = flatten(poly);
  r.triangles = tris.size() / 3;
  if (tris.size() % 3 != 0) fail("index count " + std::to_string(tris.size()) + " is not a multiple of 3");
  for (uint32_t i : tris)
    if (i >= pts.size()) {
      fail("index " + std::to_string(i) + " out of range " + std::to_string(pts.size()));
      return r;
    }

  GeomPtr g = to_geos(ctx, MultiPolygon{poly});
  GEOSArea_r(ctx, g.get(), &r.polygon_area);

  long double sum = 0, negative = 0;
  for (size_t t = 0; t + 2 < tris.size(); t += 3) {
    const long double a2 = area2(pts[tris[t]], pts[tris[t + 1]], pts[tris[t + 2]]);
    if (a2 < 0) negative -= a2;
    sum += a2;
  }
  r.triangle_area = static_cast<double>(sum / 2);
  if (negative > 0) {
    std::ostringstream os;
    os << "clockwise triangles with total area " << (double)(negative / 2);
    fail(os.str());
  }
  const double err = std::abs(r.triangle_area - r.polygon_area);
  if (err > opt.area_rel_tol * r.polygon_area) {
    std::ostringstream os;
    os.precision(17);
    os << "triangle area " << r.triangle_area << " vs GEOS area " << r.polygon_area << " (rel. error "
       << err / r.polygon_area << ")";
    fail(os.str());
  }

  if (opt.chain) {
    Chain chain(pts);
    for (size_t k = 0; k < poly.rings.size(); ++k) {
      const Ring& ring = poly.rings[k];
      if (ring.size() < 2) continue;
      // Exterior counter-clockwise, holes clockwise, whatever the input order.
      const double s = signed_area(ring);
      const bool flip = k == 0 ? s < 0 : s > 0;
      for (size_t i = 0; i + 1 < ring.size(); ++i)
        chain.add(flip ? ring[i + 1] : ring[i], flip ? ring[i] : ring[i + 1], 1);
    }
    for (size_t t = 0; t + 2 < tris.size(); t += 3)
      for (int e = 0; e < 3; ++e) chain.add(pts[tris[t + e]], pts[tris[t + (e + 1) % 3]], -1);
    if (std::string res = chain.residue(); !res.empty())
      fail("triangle edges do not cancel to the boundary: " + res);
  }

  if (opt.centroids && !tris.empty()) {
    PreparedPtr prep(GEOSPrepare_r(ctx, g.get()), PreparedDeleter{ctx.get()});
    for (size_t t = 0; t + 2 < tris.size(); t += 3) {
      const Point a = pts[tris[t]], b = pts[tris[t + 1]], c = pts[tris[t + 2]];
      const double area = std::abs((double)area2(a, b, c)) / 2;
      const double perim = std::hypot(b.x - a.x, b.y - a.y) + std::hypot(c.x - b.x, c.y - b.y) +
                           std::hypot(a.x - c.x, a.y - c.y);
      // Slivers thinner than a micrometre can have a centroid on the boundary after rounding.
      if (2 * area / perim < 1e-6) continue;
      GeomPtr pt = to_geos(ctx, Point{(a.x + b.x + c.x) / 3, (a.y + b.y + c.y) / 3});
      if (GEOSPreparedContains_r(ctx, prep.get(), pt.get()) != 1) {
        std::ostringstream os;
        os.precision(17);
        os << "centroid of triangle " << t / 3 << " (" << a.x << " " << a.y << ", " << b.x << " " << b.y
           << ", " << c.x << " " << c.y << ") is not inside the polygon";
        fail(os.str());
        break;
      }
    }
  }

  if (opt.union_area && !tris.empty()) {
    std::vector<GEOSGeometry*> parts;
    for (size_t t = 0; t + 2 < tris.size(); t += 3) {
      Ring tri{pts[tris[t]], pts[tris[t + 1]], pts[tris[t + 2]], pts[tris[t]]};
      parts.push_back(to_geos(ctx, MultiPolygon{Polygon{{tri}}}).release());
    }
    GeomPtr coll = own(ctx, GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                        static_cast<unsigned>(parts.size())));
    GeomPtr uni = own(ctx, GEOSUnaryUnion_r(ctx, coll.get()));
    GeomPtr diff = uni ? own(ctx, GEOSSymDifference_r(ctx, uni.get(), g.get())) : GeomPtr(nullptr, {ctx});
    double ua = 0, da = 0;
    if (!uni || !diff) {
      fail("GEOS union failed: " + ctx.last_error());
    } else {
      GEOSArea_r(ctx, uni.get(), &ua);
      GEOSArea_r(ctx, diff.get(), &da);
      if (std::abs(ua - r.polygon_area) > 1e-9 * r.polygon_area || da > 1e-9 * r.polygon_area) {
        std::ostringstream os;
        os.precision(17);
        os << "union of triangles has area " << ua << ", symmetric difference with the polygon " << da;
        fail(os.str());
      }
    }
  }
  return r;
}

}  // namespace nbhd::test
