#include "geo/model/geometry.hpp"

#include <algorithm>
#include <cmath>

namespace nbhd {

BBox bbox_of(const MultiPolygon& mp) {
  BBox b;
  for (const auto& poly : mp)
    if (!poly.rings.empty())
      for (const auto& p : poly.rings[0]) b.expand(p);
  return b;
}

double signed_area(const Ring& r) {
  double s = 0;
  for (size_t i = 0; i + 1 < r.size(); ++i) s += r[i].x * r[i + 1].y - r[i + 1].x * r[i].y;
  return s / 2;
}

double area(const MultiPolygon& mp) {
  double a = 0;
  for (const auto& poly : mp)
    for (const auto& ring : poly.rings) a += (&ring == &poly.rings[0]) ? std::abs(signed_area(ring)) : -std::abs(signed_area(ring));
  return a;
}

bool finite(const MultiPolygon& mp) {
  for (const auto& p : mp)
    for (const auto& r : p.rings)
      for (const auto& pt : r)
        if (!std::isfinite(pt.x) || !std::isfinite(pt.y)) return false;
  return true;
}

bool clean_rings(MultiPolygon& mp) {
  bool dropped = false;
  MultiPolygon out;
  for (auto& poly : mp) {
    Polygon p;
    for (size_t ri = 0; ri < poly.rings.size(); ++ri) {
      Ring& r = poly.rings[ri];
      Ring c;
      c.reserve(r.size() + 1);
      for (const auto& pt : r)
        if (c.empty() || !(c.back() == pt)) c.push_back(pt);
      if (!c.empty() && !(c.front() == c.back())) c.push_back(c.front());
      if (c.size() < 4) {
        dropped = true;
        if (ri == 0) break;  // no exterior: the polygon has no area
        continue;
      }
      // Zero signed area (a bow-tie, a spike) is left as is: GEOS validity catches it and MakeValid fixes it.
      double a = signed_area(c);
      if (a != 0 && (ri == 0) != (a > 0)) std::reverse(c.begin(), c.end());
      p.rings.push_back(std::move(c));
    }
    if (!p.rings.empty()) out.push_back(std::move(p));
  }
  mp = std::move(out);
  return dropped;
}

namespace {
// On-segment test with a tolerance relative to coordinate magnitude (BNG metres: ~1e-9 m).
bool on_segment(Point a, Point b, Point p) {
  double cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
  double len = std::hypot(b.x - a.x, b.y - a.y);
  if (std::abs(cross) > 1e-9 * std::max(1.0, len)) return false;
  return p.x >= std::min(a.x, b.x) && p.x <= std::max(a.x, b.x) && p.y >= std::min(a.y, b.y) &&
         p.y <= std::max(a.y, b.y);
}
}  // namespace

bool contains(const MultiPolygon& mp, Point p) {
  bool inside = false;
  for (const auto& poly : mp)
    for (const auto& ring : poly.rings)
      for (size_t i = 0, n = ring.size(); i + 1 < n; ++i) {
        Point a = ring[i], b = ring[i + 1];
        if (on_segment(a, b, p)) return true;
        if ((a.y > p.y) != (b.y > p.y)) {
          double x = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y);
          if (p.x < x) inside = !inside;
        }
      }
  return inside;
}

}  // namespace nbhd
