#include "geo/model/simple_ring.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nbhd {

namespace {

// The sign of the orientation of (a, b, c): +1 left turn, -1 right turn, 0 when the floating-point
// determinant cannot be trusted to have its true sign (or is zero). Shewchuk's orient2d with its first
// error bound, (3 + 16 eps) eps of the summed magnitudes ("Adaptive Precision Floating-Point Arithmetic and
// Fast Robust Geometric Predicates", 1997).
int orientation(Point a, Point b, Point c) {
  constexpr double eps = std::numeric_limits<double>::epsilon() / 2;
  constexpr double bound = (3.0 + 16.0 * eps) * eps;
  const double left = (a.x - c.x) * (b.y - c.y);
  const double right = (a.y - c.y) * (b.x - c.x);
  const double det = left - right;
  const double err = bound * (std::abs(left) + std::abs(right));
  if (det > err) return 1;
  if (-det > err) return -1;
  return 0;
}

// Non-adjacent edges p1-q1 and p2-q2 certainly do not meet.
bool certainly_apart(Point p1, Point q1, Point p2, Point q2) {
  if (std::max(p1.x, q1.x) < std::min(p2.x, q2.x) || std::max(p2.x, q2.x) < std::min(p1.x, q1.x) ||
      std::max(p1.y, q1.y) < std::min(p2.y, q2.y) || std::max(p2.y, q2.y) < std::min(p1.y, q1.y))
    return true;  // boxes apart (exact comparisons)
  const int o1 = orientation(p1, q1, p2), o2 = orientation(p1, q1, q2);
  if (o1 == 0 || o2 == 0) return false;
  if (o1 == o2) return true;  // both ends of the second edge on one side of the first's line
  const int o3 = orientation(p2, q2, p1), o4 = orientation(p2, q2, q1);
  if (o3 == 0 || o4 == 0) return false;
  return o3 == o4;  // else they cross
}

// Adjacent edges a-b and b-c meet only at b: they go on forwards (then even collinear edges share only b),
// or they certainly turn.
bool certainly_meet_only_at_joint(Point a, Point b, Point c) {
  const double ux = b.x - a.x, uy = b.y - a.y, vx = c.x - b.x, vy = c.y - b.y;
  const double dot = ux * vx + uy * vy;
  // Far above the rounding of the differences and the products (a few eps of the magnitudes).
  if (dot > 1e-12 * (std::abs(ux * vx) + std::abs(uy * vy))) return true;
  return orientation(a, b, c) != 0;
}

}  // namespace

bool certainly_simple_ring(const Ring& r) {
  const size_t n = r.size();
  if (n < 4 || n > kMaxSimpleRingPoints || !(r.front() == r.back())) return false;
  const size_t m = n - 1;  // edges: r[i] - r[i + 1]
  for (size_t i = 0; i < m; ++i)
    if (r[i] == r[i + 1]) return false;  // not clean_rings' form
  for (size_t i = 0; i < m; ++i)
    if (!certainly_meet_only_at_joint(r[i], r[i + 1], r[i + 2 <= m ? i + 2 : 1])) return false;
  for (size_t i = 0; i + 2 < m; ++i) {
    // Edges i and j > i + 1; the last edge is adjacent to the first.
    const size_t last = i == 0 ? m - 1 : m;
    for (size_t j = i + 2; j < last; ++j)
      if (!certainly_apart(r[i], r[i + 1], r[j], r[j + 1])) return false;
  }
  return true;
}

}  // namespace nbhd
