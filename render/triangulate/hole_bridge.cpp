#include "render/triangulate/hole_bridge.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nbhd::detail {

namespace {

// Among the nodes of the loop at v's position (pinches, earlier bridges), the one whose interior
// angle holds direction d; v itself when none does.
uint32_t pick_copy(const std::vector<Node>& n, uint32_t v, uint32_t ring_start, double dx, double dy) {
  if (in_wedge(n, v, dx, dy)) return v;
  uint32_t w = ring_start;
  do {
    if (w != v && same(n[w], n[v]) && in_wedge(n, w, dx, dy)) return w;
    w = n[w].next;
  } while (w != ring_start);
  return v;
}

// A direction from hole vertex m into the hole's body (the angle outside the polygon's wedge at m).
void hole_body_dir(const std::vector<Node>& n, uint32_t m, double& dx, double& dy) {
  const Node& nm = n[m];
  double ux = n[nm.next].x - nm.x, uy = n[nm.next].y - nm.y;
  double vx = n[nm.prev].x - nm.x, vy = n[nm.prev].y - nm.y;
  const double lu = std::hypot(ux, uy), lv = std::hypot(vx, vy);
  ux /= lu, uy /= lu, vx /= lv, vy /= lv;
  // The body turns counter-clockwise from v (incoming) to u (outgoing).
  const double c = cross(vx, vy, ux, uy);
  if (c > 0) {
    dx = ux + vx, dy = uy + vy;
  } else if (c < 0) {
    dx = -(ux + vx), dy = -(uy + vy);
  } else {
    dx = -vy, dy = vx;
  }
}

// True when segment a-b crosses no edge of any live loop properly and passes through no vertex.
bool segment_clear(const std::vector<Node>& n, uint32_t a, double bx, double by, uint32_t b_node) {
  const double ax = n[a].x, ay = n[a].y;
  const double minx = std::min(ax, bx), maxx = std::max(ax, bx);
  const double miny = std::min(ay, by), maxy = std::max(ay, by);
  for (uint32_t v = 0; v < n.size(); ++v) {
    const Node& p = n[v];
    if (!p.alive) continue;
    const Node& q = n[p.next];
    if (std::max(p.x, q.x) < minx || std::min(p.x, q.x) > maxx || std::max(p.y, q.y) < miny ||
        std::min(p.y, q.y) > maxy)
      continue;
    const double o1 = orient(ax, ay, bx, by, p.x, p.y), o2 = orient(ax, ay, bx, by, q.x, q.y);
    const double o3 = orient(p.x, p.y, q.x, q.y, ax, ay), o4 = orient(p.x, p.y, q.x, q.y, bx, by);
    if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)))
      return false;
    // A vertex strictly inside the segment.
    if (o1 == 0 && !(p.x == ax && p.y == ay) && !(p.x == bx && p.y == by) && v != b_node && p.x >= minx &&
        p.x <= maxx && p.y >= miny && p.y <= maxy)
      return false;
  }
  return true;
}

// Eberly's bridge: cast a ray from the hole's rightmost vertex M to +x, take the nearest edge it hits
// (interior on the edge's left, so only upward edges count), then the visible vertex of smallest
// angle to the ray inside triangle (M, hit, max-x endpoint). The outer loop then runs
// P -> M -> hole -> M' -> P' -> ...
bool bridge_hole(std::vector<Node>& n, uint32_t outer, uint32_t m, std::vector<uint32_t>& tmp) {
  const double mx = n[m].x, my = n[m].y;
  double best_x = std::numeric_limits<double>::infinity();
  uint32_t ep = kNil, eq = kNil;
  uint32_t p = outer;
  do {
    const uint32_t q = n[p].next;
    const Node &np = n[p], &nq = n[q];
    if (np.y <= my && nq.y >= my && nq.y != np.y) {
      double x;
      if (np.y == my)
        x = np.x;
      else if (nq.y == my)
        x = nq.x;
      else
        x = np.x + (my - np.y) * (nq.x - np.x) / (nq.y - np.y);
      if (x >= mx && x < best_x) {
        best_x = x;
        ep = p;
        eq = q;
      }
    }
    p = q;
  } while (p != outer);
  if (ep == kNil) return false;  // hole outside the outer ring: invalid input, leave it out

  uint32_t target;
  if (n[ep].y == my && n[ep].x == best_x) {
    target = ep;
  } else if (n[eq].y == my && n[eq].x == best_x) {
    target = eq;
  } else {
    target = n[ep].x > n[eq].x ? ep : eq;
    const Node& t = n[target];
    // Triangle (M, I, target), either orientation.
    const double ix = best_x, iy = my;
    const double tri = orient(mx, my, ix, iy, t.x, t.y);
    double bdx = t.x - mx, bdy = std::abs(t.y - my);
    uint32_t v = outer;
    do {
      const Node& nv = n[v];
      if (v != target && !same(nv, t) && nv.x >= mx) {
        const double o1 = orient(mx, my, ix, iy, nv.x, nv.y), o2 = orient(ix, iy, t.x, t.y, nv.x, nv.y),
                     o3 = orient(t.x, t.y, mx, my, nv.x, nv.y);
        const bool inside = tri > 0 ? (o1 >= 0 && o2 >= 0 && o3 >= 0) : (o1 <= 0 && o2 <= 0 && o3 <= 0);
        if (inside) {
          const double dx = nv.x - mx, dy = std::abs(nv.y - my);
          // Smaller angle to the ray wins (dy/dx), then the nearer vertex.
          const double lhs = dy * bdx, rhs = bdy * dx;
          if (lhs < rhs || (lhs == rhs && dx < bdx)) {
            target = v;
            bdx = dx;
            bdy = dy;
          }
        }
      }
      v = nv.next;
    } while (v != outer);
  }

  // Choose the copies whose interior angles the bridge leaves through.
  double dx = n[target].x - mx, dy = n[target].y - my;
  uint32_t pc, mc = m;
  if (dx == 0 && dy == 0) {
    double hx, hy;
    hole_body_dir(n, m, hx, hy);
    pc = pick_copy(n, target, outer, hx, hy);
  } else {
    pc = pick_copy(n, target, outer, -dx, -dy);
    mc = pick_copy(n, m, m, dx, dy);
  }
  if (!(dx == 0 && dy == 0) && !segment_clear(n, mc, n[pc].x, n[pc].y, pc)) {
    // Degenerate geometry defeated the visibility argument: search all outer vertices, nearest first.
    tmp.clear();
    uint32_t v = outer;
    do {
      tmp.push_back(v);
      v = n[v].next;
    } while (v != outer);
    auto d2 = [&](uint32_t w) { return std::hypot(n[w].x - mx, n[w].y - my); };
    std::sort(tmp.begin(), tmp.end(), [&](uint32_t a, uint32_t b) { return d2(a) < d2(b); });
    pc = kNil;
    for (uint32_t w : tmp) {
      const double ddx = n[w].x - mx, ddy = n[w].y - my;
      if (ddx == 0 && ddy == 0) continue;
      if (!in_wedge(n, w, -ddx, -ddy)) continue;
      const uint32_t mm = pick_copy(n, m, m, ddx, ddy);
      if (!in_wedge(n, mm, ddx, ddy)) continue;
      if (segment_clear(n, mm, n[w].x, n[w].y, w)) {
        pc = w;
        mc = mm;
        break;
      }
    }
    if (pc == kNil) return false;
  }

  cut_diagonal(n, pc, mc);
  return true;
}

}  // namespace

uint32_t bridge_start(const std::vector<Node>& n, uint32_t hole) {
  uint32_t m = hole;
  for (uint32_t v = n[hole].next; v != hole; v = n[v].next)
    if (n[v].x > n[m].x || (n[v].x == n[m].x && n[v].y < n[m].y)) m = v;
  return m;
}

void bridge_holes(std::vector<Node>& n, uint32_t outer, std::vector<std::pair<double, uint32_t>>& holes,
                  std::vector<uint32_t>& tmp, TriangulateStats& st) {
  // Rightmost holes first: a hole's ray to +x can then meet only the outer ring and merged holes.
  std::sort(holes.begin(), holes.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& h : holes) {
    if (bridge_hole(n, outer, h.second, tmp)) {
      ++st.bridges;
      continue;
    }
    ++st.holes_dropped;
    uint32_t v = h.second;  // unbridgeable (outside the shell): drop it
    do {
      n[v].alive = false;
      v = n[v].next;
    } while (v != h.second);
  }
}

}  // namespace nbhd::detail
