#include "geo/spatial/contiguity.hpp"

#include <algorithm>
#include <cmath>

#include "base/error.hpp"
#include "base/text.hpp"
#include "base/thread_pool.hpp"

namespace nbhd {

namespace {

struct Vertex {
  double x, y;
  uint32_t area;
};

bool by_xy(const Vertex& a, const Vertex& b) {
  if (a.x != b.x) return a.x < b.x;
  if (a.y != b.y) return a.y < b.y;
  return a.area < b.area;
}

// Every ring vertex once (the closing copy of the first vertex left out), tagged with its area.
std::vector<Vertex> collect_vertices(const std::vector<MultiPolygon>& areas) {
  size_t total = 0;
  for (const auto& mp : areas)
    for (const auto& poly : mp)
      for (const auto& ring : poly.rings) total += ring.size();
  std::vector<Vertex> v;
  v.reserve(total);
  for (size_t a = 0; a < areas.size(); ++a)
    for (const auto& poly : areas[a])
      for (const auto& ring : poly.rings) {
        size_t n = ring.size();
        if (n > 1 && ring.front() == ring.back()) --n;
        for (size_t k = 0; k < n; ++k) v.push_back({ring[k].x, ring[k].y, static_cast<uint32_t>(a)});
      }
  return v;
}

// Sorts both halves on two threads, then merges: the sort is most of the work.
void sort_vertices(std::vector<Vertex>& v) {
  const size_t mid = v.size() / 2;
  parallel_for(2, 1, 0, [&](size_t b, size_t e) {
    for (size_t h = b; h < e; ++h)
      std::sort(v.begin() + std::ptrdiff_t(h == 0 ? 0 : mid),
                h == 0 ? v.begin() + std::ptrdiff_t(mid) : v.end(), by_xy);
  });
  std::inplace_merge(v.begin(), v.begin() + std::ptrdiff_t(mid), v.end(), by_xy);
}

}  // namespace

SpatialWeights contiguity_weights(const std::vector<MultiPolygon>& areas, const ContiguityOptions& opt) {
  if (!(opt.snap >= 0) || !std::isfinite(opt.snap))
    throw Error("the snap tolerance must be a distance of 0 or more, got " + format_number(opt.snap));
  std::vector<Vertex> v = collect_vertices(areas);
  sort_vertices(v);
  const double t = opt.snap, t2 = t * t;
  // Matches between vertices of different areas: (low area, high area) and, for rook, where they meet.
  struct Match {
    uint32_t a, b;
    double x, y;
  };
  std::vector<Match> m;
  for (size_t i = 0; i < v.size(); ++i) {
    for (size_t j = i + 1; j < v.size() && v[j].x - v[i].x <= t; ++j) {
      if (v[j].area == v[i].area) continue;
      double dx = v[j].x - v[i].x, dy = v[j].y - v[i].y;
      if (dx * dx + dy * dy > t2) continue;
      const Vertex& lo = v[i].area < v[j].area ? v[i] : v[j];
      const Vertex& hi = v[i].area < v[j].area ? v[j] : v[i];
      m.push_back({lo.area, hi.area, lo.x, lo.y});
    }
  }
  std::sort(m.begin(), m.end(), [](const Match& p, const Match& q) {
    if (p.a != q.a) return p.a < q.a;
    if (p.b != q.b) return p.b < q.b;
    if (p.x != q.x) return p.x < q.x;
    return p.y < q.y;
  });
  std::vector<Link> links;
  for (size_t k = 0; k < m.size();) {
    size_t e = k, points = 0;
    for (; e < m.size() && m[e].a == m[k].a && m[e].b == m[k].b; ++e)
      if (e == k || m[e].x != m[e - 1].x || m[e].y != m[e - 1].y) ++points;  // distinct meeting points
    if (opt.rule == Contiguity::Queen || points >= 2) {
      links.push_back({m[k].a, m[k].b, 1});
      links.push_back({m[k].b, m[k].a, 1});
    }
    k = e;
  }
  return weights_from_links(areas.size(), std::move(links),
                            opt.rule == Contiguity::Queen ? "queen contiguity" : "rook contiguity");
}

}  // namespace nbhd
