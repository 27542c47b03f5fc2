#include "render/triangulate/vertex_loop.hpp"

#include <cmath>
#include <cstddef>

namespace nbhd::detail {

uint32_t link_ring(std::vector<Node>& n, const Ring& r, uint32_t base, bool want_ccw) {
  if (r.size() < 4) return kNil;
  const size_t m = r.size() - 1;
  // Shoelace relative to the first point: BNG coordinates are ~1e5..1e6, products would lose digits.
  double area2 = 0;
  const double x0 = r[0].x, y0 = r[0].y;
  for (size_t i = 1; i + 1 < m; ++i)
    area2 += cross(r[i].x - x0, r[i].y - y0, r[i + 1].x - x0, r[i + 1].y - y0);
  if (area2 == 0 || !std::isfinite(area2)) return kNil;
  const bool reverse = (area2 > 0) != want_ccw;
  uint32_t first = kNil, last = kNil;
  for (size_t k = 0; k < m; ++k) {
    const size_t i = reverse ? m - 1 - k : k;
    const Point& p = r[i];
    if (last != kNil && n[last].x == p.x && n[last].y == p.y) continue;
    n.push_back(Node{p.x, p.y, base + static_cast<uint32_t>(i), kNil, kNil, 0, true, false, false});
    const uint32_t v = static_cast<uint32_t>(n.size() - 1);
    if (last == kNil) {
      first = v;
    } else {
      n[last].next = v;
      n[v].prev = last;
    }
    last = v;
  }
  if (last != first && same(n[last], n[first])) {
    n[last].alive = false;
    last = n[last].prev;
  }
  n[last].next = first;
  n[first].prev = last;
  uint32_t count = loop_size(n, first);
  if (count < 3) {
    for (uint32_t v = first, k = 0; k < count; ++k, v = n[v].next) n[v].alive = false;
    return kNil;
  }
  return first;
}

}  // namespace nbhd::detail
