#include "render/triangulate.hpp"

// Ear clipping after Eberly ("Triangulation by Ear Clipping", 2002) with the degeneracy handling
// described for Held's FIST (2001): holes are merged into the outer ring by bridges to a visible
// vertex, ears are tested only against reflex vertices (found through a uniform grid), zero-area
// vertices are dropped as they appear, and a stalled pass escalates through repairs that keep the
// covered region (split at a pinch, split at a T-junction, split along a diagonal) before the
// ones that only exist for invalid input (cut a local self-intersection, clip a convex vertex anyway).
// See render/README.md ("triangulate") for the contract and the measured speed.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#ifdef NBHD_TRI_TRACE
#include <cstdio>
#define TRACE(...) std::fprintf(stderr, __VA_ARGS__)
#else
#define TRACE(...) (void)0
#endif

namespace nbhd {

namespace {

constexpr uint32_t kNil = std::numeric_limits<uint32_t>::max();

struct Node {
  double x, y;
  uint32_t idx;  // output vertex index (position in the concatenated rings)
  uint32_t prev, next;
  uint32_t loop;  // loops are relabelled when one is split, so ear tests ignore the other part
  bool alive;
  bool reflex;
  bool tracked;  // already in the reflex grid or the extra list
};

// Twice the signed area of (a, b, c): > 0 when counter-clockwise.
inline double orient(double ax, double ay, double bx, double by, double cx, double cy) {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}
inline double orient(const Node& a, const Node& b, const Node& c) {
  return orient(a.x, a.y, b.x, b.y, c.x, c.y);
}
inline bool same(const Node& a, const Node& b) {
  return a.x == b.x && a.y == b.y;
}
inline double cross(double ax, double ay, double bx, double by) {
  return ax * by - ay * bx;
}

// Grid cell of coordinate v, clamped in floating point first (a cast of an out-of-range double is UB).
inline int cell_of(double v, double origin, double scale, int n) {
  const double t = (v - origin) * scale;
  if (!(t > 0)) return 0;
  if (t >= n - 1) return n - 1;
  return static_cast<int>(t);
}

// Scratch kept per thread: a national map triangulates ~36k small polygons, so per-call allocation
// would dominate the run time.
struct Scratch {
  std::vector<Node> nodes;
  std::vector<uint32_t> cell_start, cell_end, cell_items, extra, work, tmp;
  std::vector<std::pair<double, uint32_t>> holes;  // (rightmost x, node) per hole to bridge
  std::vector<uint32_t> loops;                     // loops still to clip (splits push here)
};

class Triangulator {
 public:
  Triangulator(Scratch& s, std::vector<uint32_t>& out, TriangulateStats& st)
      : s_(s), n_(s.nodes), out_(out), st_(st) {}

  void run(const Polygon& poly);

 private:
  Scratch& s_;
  std::vector<Node>& n_;
  std::vector<uint32_t>& out_;
  TriangulateStats& st_;
  bool grid_built_ = false;
  uint32_t next_loop_ = 1;
  uint32_t splice_budget_ = 0;  // splices allowed per polygon: the vertex count
  // Reflex grid over the merged loop at the start of clipping.
  double gx0_ = 0, gy0_ = 0, gsx_ = 0, gsy_ = 0;
  int gnx_ = 0, gny_ = 0;

  uint32_t add_node(double x, double y, uint32_t idx, uint32_t loop) {
    n_.push_back(Node{x, y, idx, kNil, kNil, loop, true, false, false});
    return static_cast<uint32_t>(n_.size() - 1);
  }
  uint32_t copy_node(uint32_t v) {
    Node c = n_[v];
    c.tracked = false;
    n_.push_back(c);
    return static_cast<uint32_t>(n_.size() - 1);
  }
  void unlink(uint32_t v) {
    Node& nv = n_[v];
    n_[nv.prev].next = nv.next;
    n_[nv.next].prev = nv.prev;
    nv.alive = false;
  }
  double orient_at(uint32_t v) const { return orient(n_[n_[v].prev], n_[v], n_[n_[v].next]); }
  void set_reflex(uint32_t v) {
    Node& nv = n_[v];
    nv.reflex = orient_at(v) < 0;
    if (nv.reflex && grid_built_ && !nv.tracked) {
      nv.tracked = true;
      s_.extra.push_back(v);
    }
  }
  void emit(uint32_t a, uint32_t b, uint32_t c) {
    out_.push_back(n_[a].idx);
    out_.push_back(n_[b].idx);
    out_.push_back(n_[c].idx);
  }

  uint32_t link_ring(const Ring& r, uint32_t base, bool want_ccw);
  bool bridge_hole(uint32_t outer, uint32_t hole);
  bool segment_clear(uint32_t a, double bx, double by, uint32_t b_node) const;
  bool in_wedge(uint32_t v, double dx, double dy) const;
  uint32_t pick_copy(uint32_t v, uint32_t ring_start, double dx, double dy) const;
  void hole_body_dir(uint32_t m, double& dx, double& dy) const;

  uint32_t settle(uint32_t v, uint32_t& count);
  void build_grid(uint32_t start);
  bool is_ear(uint32_t a, uint32_t b, uint32_t c);
  bool blocks(uint32_t p, uint32_t a, uint32_t b, uint32_t c) const;
  void clip_loop(uint32_t start);
  uint32_t loop_size(uint32_t start) const;
  void relabel(uint32_t start, uint32_t loop);
  double loop_area2(uint32_t from, uint32_t to_excl) const;

  bool split_at_pinch(uint32_t start);
  bool split_at_t_junction(uint32_t start, uint32_t count);
  bool cure_crossing(uint32_t& start, uint32_t& count);
  bool split_at_diagonal(uint32_t start, uint32_t count);
  bool valid_diagonal(uint32_t a, uint32_t b) const;
  void push_split(uint32_t a, uint32_t b);
};

// Links ring r (closing point omitted) as a loop with the requested orientation; drops repeated
// points. Returns a node of the loop, or kNil for a ring with no area.
uint32_t Triangulator::link_ring(const Ring& r, uint32_t base, bool want_ccw) {
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
    if (last != kNil && n_[last].x == p.x && n_[last].y == p.y) continue;
    uint32_t v = add_node(p.x, p.y, base + static_cast<uint32_t>(i), 0);
    if (last == kNil) {
      first = v;
    } else {
      n_[last].next = v;
      n_[v].prev = last;
    }
    last = v;
  }
  if (last != first && same(n_[last], n_[first])) {
    n_[last].alive = false;
    last = n_[last].prev;
  }
  n_[last].next = first;
  n_[first].prev = last;
  uint32_t count = loop_size(first);
  if (count < 3) {
    for (uint32_t v = first, k = 0; k < count; ++k, v = n_[v].next) n_[v].alive = false;
    return kNil;
  }
  return first;
}

uint32_t Triangulator::loop_size(uint32_t start) const {
  uint32_t k = 0, v = start;
  do {
    ++k;
    v = n_[v].next;
  } while (v != start);
  return k;
}

void Triangulator::relabel(uint32_t start, uint32_t loop) {
  uint32_t v = start;
  do {
    n_[v].loop = loop;
    v = n_[v].next;
  } while (v != start);
}

// Twice the signed area of the sub-loop from..to_excl closed back to from.
double Triangulator::loop_area2(uint32_t from, uint32_t to_excl) const {
  double s = 0;
  const double x0 = n_[from].x, y0 = n_[from].y;
  uint32_t v = from;
  while (true) {
    uint32_t w = n_[v].next;
    if (w == to_excl) break;
    s += cross(n_[v].x - x0, n_[v].y - y0, n_[w].x - x0, n_[w].y - y0);
    v = w;
  }
  return s;
}

// Whether direction d leaves vertex v into the polygon's interior (strictly inside the angle that
// turns counter-clockwise from the outgoing edge to the incoming edge).
bool Triangulator::in_wedge(uint32_t v, double dx, double dy) const {
  const Node& nv = n_[v];
  const double e1x = n_[nv.next].x - nv.x, e1y = n_[nv.next].y - nv.y;
  const double e2x = n_[nv.prev].x - nv.x, e2y = n_[nv.prev].y - nv.y;
  const double c = cross(e1x, e1y, e2x, e2y);
  const double c1 = cross(e1x, e1y, dx, dy), c2 = cross(dx, dy, e2x, e2y);
  if (c > 0) return c1 > 0 && c2 > 0;
  if (c < 0) return c1 > 0 || c2 > 0;
  if (e1x * e2x + e1y * e2y < 0) return c1 > 0;  // straight vertex: the half-plane on the left
  return false;                                  // spike: no interior direction is certain
}

// Among the nodes of the loop at v's position (pinches, earlier bridges), the one whose interior
// angle holds direction d; v itself when none does.
uint32_t Triangulator::pick_copy(uint32_t v, uint32_t ring_start, double dx, double dy) const {
  if (in_wedge(v, dx, dy)) return v;
  uint32_t w = ring_start;
  do {
    if (w != v && same(n_[w], n_[v]) && in_wedge(w, dx, dy)) return w;
    w = n_[w].next;
  } while (w != ring_start);
  return v;
}

// A direction from hole vertex m into the hole's body (the angle outside the polygon's wedge at m).
void Triangulator::hole_body_dir(uint32_t m, double& dx, double& dy) const {
  const Node& nm = n_[m];
  double ux = n_[nm.next].x - nm.x, uy = n_[nm.next].y - nm.y;
  double vx = n_[nm.prev].x - nm.x, vy = n_[nm.prev].y - nm.y;
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
bool Triangulator::segment_clear(uint32_t a, double bx, double by, uint32_t b_node) const {
  const double ax = n_[a].x, ay = n_[a].y;
  const double minx = std::min(ax, bx), maxx = std::max(ax, bx);
  const double miny = std::min(ay, by), maxy = std::max(ay, by);
  for (uint32_t v = 0; v < n_.size(); ++v) {
    const Node& p = n_[v];
    if (!p.alive) continue;
    const Node& q = n_[p.next];
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
bool Triangulator::bridge_hole(uint32_t outer, uint32_t m) {
  const double mx = n_[m].x, my = n_[m].y;
  double best_x = std::numeric_limits<double>::infinity();
  uint32_t ep = kNil, eq = kNil;
  uint32_t p = outer;
  do {
    const uint32_t q = n_[p].next;
    const Node &np = n_[p], &nq = n_[q];
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
  if (n_[ep].y == my && n_[ep].x == best_x) {
    target = ep;
  } else if (n_[eq].y == my && n_[eq].x == best_x) {
    target = eq;
  } else {
    target = n_[ep].x > n_[eq].x ? ep : eq;
    const Node& t = n_[target];
    // Triangle (M, I, target), either orientation.
    const double ix = best_x, iy = my;
    const double tri = orient(mx, my, ix, iy, t.x, t.y);
    double bdx = t.x - mx, bdy = std::abs(t.y - my);
    uint32_t v = outer;
    do {
      const Node& nv = n_[v];
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
  double dx = n_[target].x - mx, dy = n_[target].y - my;
  uint32_t pc, mc = m;
  if (dx == 0 && dy == 0) {
    double hx, hy;
    hole_body_dir(m, hx, hy);
    pc = pick_copy(target, outer, hx, hy);
  } else {
    pc = pick_copy(target, outer, -dx, -dy);
    mc = pick_copy(m, m, dx, dy);
  }
  if (!(dx == 0 && dy == 0) && !segment_clear(mc, n_[pc].x, n_[pc].y, pc)) {
    // Degenerate geometry defeated the visibility argument: search all outer vertices, nearest first.
    s_.tmp.clear();
    uint32_t v = outer;
    do {
      s_.tmp.push_back(v);
      v = n_[v].next;
    } while (v != outer);
    auto d2 = [&](uint32_t w) { return std::hypot(n_[w].x - mx, n_[w].y - my); };
    std::sort(s_.tmp.begin(), s_.tmp.end(), [&](uint32_t a, uint32_t b) { return d2(a) < d2(b); });
    pc = kNil;
    for (uint32_t w : s_.tmp) {
      const double ddx = n_[w].x - mx, ddy = n_[w].y - my;
      if (ddx == 0 && ddy == 0) continue;
      if (!in_wedge(w, -ddx, -ddy)) continue;
      const uint32_t mm = pick_copy(m, m, ddx, ddy);
      if (!in_wedge(mm, ddx, ddy)) continue;
      if (segment_clear(mm, n_[w].x, n_[w].y, w)) {
        pc = w;
        mc = mm;
        break;
      }
    }
    if (pc == kNil) return false;
  }

  const uint32_t m2 = copy_node(mc), p2 = copy_node(pc);
  const uint32_t pn = n_[pc].next, mp = n_[mc].prev;
  n_[pc].next = mc;
  n_[mc].prev = pc;
  n_[mp].next = m2;
  n_[m2].prev = mp;
  n_[m2].next = p2;
  n_[p2].prev = m2;
  n_[p2].next = pn;
  n_[pn].prev = p2;
  ++st_.bridges;
  return true;
}

// Removes v while it repeats a neighbour or has zero area with them (straight runs, spikes), then
// its neighbours in turn; updates reflex flags of what stays. Returns a live node of the loop, or
// kNil once fewer than three remain.
uint32_t Triangulator::settle(uint32_t v, uint32_t& count) {
  if (count < 3) return kNil;
  {  // Fast path, nearly always taken: v is a proper vertex.
    const Node& nv = n_[v];
    if (!same(nv, n_[nv.next]) && orient_at(v) != 0) {
      set_reflex(v);
      return v;
    }
  }
  auto& work = s_.work;
  work.clear();
  work.push_back(v);
  uint32_t live = v;
  while (!work.empty()) {
    const uint32_t x = work.back();
    work.pop_back();
    if (!n_[x].alive) continue;
    if (count < 3) return kNil;
    const Node& nx = n_[x];
    if (same(nx, n_[nx.next]) || orient_at(x) == 0) {
      const uint32_t a = nx.prev, b = nx.next;
      unlink(x);
      --count;
      work.push_back(a);
      work.push_back(b);
      live = b;
    } else {
      set_reflex(x);
      live = x;
    }
  }
  if (count < 3) return kNil;
  return n_[live].alive ? live : kNil;
}

void Triangulator::build_grid(uint32_t start) {
  auto& items = s_.tmp;
  items.clear();
  double minx = std::numeric_limits<double>::infinity(), miny = minx, maxx = -minx, maxy = -minx;
  uint32_t v = start;
  do {
    Node& nv = n_[v];
    if (nv.reflex) {
      items.push_back(v);
      nv.tracked = true;
      minx = std::min(minx, nv.x), maxx = std::max(maxx, nv.x);
      miny = std::min(miny, nv.y), maxy = std::max(maxy, nv.y);
    }
    v = nv.next;
  } while (v != start);
  grid_built_ = true;
  const size_t r = items.size();
  if (r <= 24) {  // one cell: the counting sort below would cost more than it saves
    gnx_ = gny_ = 1;
    gx0_ = gy0_ = gsx_ = gsy_ = 0;
    s_.cell_start.assign({0, static_cast<uint32_t>(r)});
    s_.cell_end.assign({static_cast<uint32_t>(r)});
    s_.cell_items.assign(items.begin(), items.end());
    return;
  }
  // About four reflex vertices per cell; a single cell for small polygons.
  const double cells = std::max(1.0, static_cast<double>(r) / 4.0);
  const double w = std::max(maxx - minx, 1e-300), h = std::max(maxy - miny, 1e-300);
  if (r == 0) {
    gnx_ = gny_ = 1;
  } else {
    gnx_ = std::clamp(static_cast<int>(std::sqrt(cells * w / h)), 1, 1024);
    gny_ = std::clamp(static_cast<int>(cells / gnx_), 1, 1024);
  }
  gx0_ = r ? minx : 0;
  gy0_ = r ? miny : 0;
  gsx_ = r ? gnx_ / w : 0;
  gsy_ = r ? gny_ / h : 0;
  auto& start_ = s_.cell_start;
  auto& cell = s_.cell_items;
  start_.assign(static_cast<size_t>(gnx_) * gny_ + 1, 0);
  cell.resize(r);
  auto cell_at = [&](const Node& nv) {
    return static_cast<size_t>(cell_of(nv.y, gy0_, gsy_, gny_)) * gnx_ + cell_of(nv.x, gx0_, gsx_, gnx_);
  };
  for (uint32_t it : items) ++start_[cell_at(n_[it]) + 1];
  for (size_t i = 1; i < start_.size(); ++i) start_[i] += start_[i - 1];
  std::vector<uint32_t>& fill = s_.work;
  fill.assign(start_.begin(), start_.end() - 1);
  for (uint32_t it : items) cell[fill[cell_at(n_[it])]++] = it;
  s_.cell_end.assign(start_.begin() + 1, start_.end());
}

// Whether reflex vertex p (not a, b or c) keeps (a, b, c) from being an ear. A vertex at a corner's
// position (a pinch or a bridge end) blocks only when its own interior angle overlaps the corner.
bool Triangulator::blocks(uint32_t p, uint32_t a, uint32_t b, uint32_t c) const {
  const Node &np = n_[p], &na = n_[a], &nb = n_[b], &nc = n_[c];
  const Node* corner = nullptr;
  const Node *r1 = nullptr, *r2 = nullptr;
  if (same(np, na)) {
    corner = &na, r1 = &nb, r2 = &nc;
  } else if (same(np, nb)) {
    corner = &nb, r1 = &nc, r2 = &na;
  } else if (same(np, nc)) {
    corner = &nc, r1 = &na, r2 = &nb;
  }
  if (corner) {
    // p is reflex, so the angle outside the polygon at p (prev -> next, counter-clockwise) is convex;
    // p blocks unless the triangle's corner lies within that outside angle.
    const double ux = n_[np.prev].x - np.x, uy = n_[np.prev].y - np.y;
    const double vx = n_[np.next].x - np.x, vy = n_[np.next].y - np.y;
    auto in_cone = [&](const Node* r) {
      const double dx = r->x - np.x, dy = r->y - np.y;
      return cross(ux, uy, dx, dy) >= 0 && cross(dx, dy, vx, vy) >= 0;
    };
    return !(in_cone(r1) && in_cone(r2));
  }
  // Closed triangle: a reflex vertex on an edge also blocks (a touching ring, or the diagonal a-c
  // would pass through it).
  return orient(na, nb, np) >= 0 && orient(nb, nc, np) >= 0 && orient(nc, na, np) >= 0;
}

bool Triangulator::is_ear(uint32_t a, uint32_t b, uint32_t c) {
  const Node &na = n_[a], &nb = n_[b], &nc = n_[c];
  if (orient(na, nb, nc) <= 0) return false;
  const uint32_t loop = nb.loop;
  const double minx = std::min({na.x, nb.x, nc.x}), maxx = std::max({na.x, nb.x, nc.x});
  const double miny = std::min({na.y, nb.y, nc.y}), maxy = std::max({na.y, nb.y, nc.y});
  // Scans a candidate list, dropping entries that were clipped or turned convex (they are
  // re-listed through `extra` should they turn reflex again).
  auto scan = [&](uint32_t* items, uint32_t k, uint32_t& end) {
    uint32_t e = end;
    bool blocked = false;
    while (k < e) {
      const uint32_t p = items[k];
      Node& np = n_[p];
      if (!np.alive || !np.reflex) {
        np.tracked = false;
        items[k] = items[--e];
        continue;
      }
      ++k;
      if (np.loop != loop || p == a || p == b || p == c) continue;
      if (np.x < minx || np.x > maxx || np.y < miny || np.y > maxy) continue;
      if (blocks(p, a, b, c)) {
        blocked = true;
        break;
      }
    }
    end = e;
    return blocked;
  };
  const int cx0 = cell_of(minx, gx0_, gsx_, gnx_), cx1 = cell_of(maxx, gx0_, gsx_, gnx_);
  const int cy0 = cell_of(miny, gy0_, gsy_, gny_), cy1 = cell_of(maxy, gy0_, gsy_, gny_);
  uint32_t* items = s_.cell_items.data();
  for (int cy = cy0; cy <= cy1; ++cy) {
    const size_t row = static_cast<size_t>(cy) * gnx_;
    for (int cx = cx0; cx <= cx1; ++cx)
      if (scan(items, s_.cell_start[row + cx], s_.cell_end[row + cx])) return false;
  }
  if (!s_.extra.empty()) {
    uint32_t end = static_cast<uint32_t>(s_.extra.size());
    const bool blocked = scan(s_.extra.data(), 0, end);
    s_.extra.resize(end);
    if (blocked) return false;
  }
  return true;
}

// Where the loop passes one point several times (pinches, bridge ends, holes touching the ring),
// each pass must own one interior sector: the one turning counter-clockwise from its outgoing edge
// to the first edge met, which must then be an incoming edge. When that edge belongs to another
// pass, the two passes swap predecessors (a splice). That splits the loop, and each part is
// clipped on its own. Returns false when every pass was already proper.
bool Triangulator::split_at_pinch(uint32_t start) {
  auto& v = s_.tmp;
  v.clear();
  uint32_t w = start;
  do {
    v.push_back(w);
    w = n_[w].next;
  } while (w != start);
  std::vector<uint32_t> all(v);  // the loop's nodes, for finding the parts afterwards
  std::sort(v.begin(), v.end(), [&](uint32_t a, uint32_t b) {
    return n_[a].x < n_[b].x || (n_[a].x == n_[b].x && n_[a].y < n_[b].y);
  });
  auto angle = [&](uint32_t from, uint32_t to) {
    return std::atan2(n_[to].y - n_[from].y, n_[to].x - n_[from].x);
  };
  bool spliced = false;
  for (size_t i = 0; i < v.size();) {
    size_t j = i + 1;
    while (j < v.size() && same(n_[v[i]], n_[v[j]])) ++j;
    for (int round = 0; j - i > 1 && round < static_cast<int>(j - i); ++round) {
      bool changed = false;
      for (size_t k = i; k < j; ++k) {
        const uint32_t u = v[k];
        const double a0 = angle(u, n_[u].next);
        // The first direction counter-clockwise after u's outgoing edge, over every pass here.
        double best = 7;
        uint32_t best_node = kNil;
        bool best_is_in = false;
        for (size_t m = i; m < j; ++m) {
          const uint32_t x = v[m];
          for (int in = 0; in < 2; ++in) {
            if (!in && x == u) continue;
            double rel = angle(x, in ? n_[x].prev : n_[x].next) - a0;
            while (rel < 0) rel += 2 * M_PI;
            while (rel >= 2 * M_PI) rel -= 2 * M_PI;
            // An edge along u's outgoing edge (the other side of a bridge) bounds the zero-width slit
            // on u's clockwise side: it comes last, not first.
            if (rel == 0) rel = 2 * M_PI;
            if (rel < best) best = rel, best_node = x, best_is_in = in;
          }
        }
        if (best_node == u || !best_is_in) continue;  // proper, or overlapping sectors (invalid input)
        if (splice_budget_ == 0) continue;            // invalid input could otherwise splice in circles
        --splice_budget_;
        const uint32_t up = n_[u].prev, xp = n_[best_node].prev;
        n_[u].prev = xp;
        n_[xp].next = u;
        n_[best_node].prev = up;
        n_[up].next = best_node;
        changed = spliced = true;
      }
      if (!changed) break;
    }
    i = j;
  }
  if (!spliced) return false;
  // Push every resulting loop, each with its own label.
  const uint32_t old = n_[start].loop;
  for (uint32_t x : all) n_[x].loop = kNil;
  bool first = true;
  for (uint32_t x : all) {
    if (n_[x].loop != kNil) continue;
    relabel(x, first ? old : next_loop_++);
    first = false;
    s_.loops.push_back(x);
  }
  ++st_.pinch_splits;
  return true;
}

// A reflex vertex lying inside another edge pinches the region there; no ear can use that edge.
// Insert a copy of the vertex into the edge and split at the new pinch.
bool Triangulator::split_at_t_junction(uint32_t start, uint32_t count) {
  const double total = loop_area2(start, start);
  uint32_t v = start;
  for (uint32_t i = 0; i < count; ++i, v = n_[v].next) {
    if (!n_[v].reflex) continue;
    uint32_t p = start;
    for (uint32_t j = 0; j < count; ++j, p = n_[p].next) {
      const uint32_t q = n_[p].next;
      const Node &np = n_[p], &nq = n_[q], &nv = n_[v];
      if (p == v || q == v || same(np, nv) || same(nq, nv)) continue;
      if (orient(np, nq, nv) != 0) continue;
      if (nv.x < std::min(np.x, nq.x) || nv.x > std::max(np.x, nq.x) || nv.y < std::min(np.y, nq.y) ||
          nv.y > std::max(np.y, nq.y))
        continue;
      const uint32_t t = copy_node(v);
      n_[t].prev = p;
      n_[t].next = q;
      n_[p].next = t;
      n_[q].prev = t;
      const double a1 = loop_area2(v, t);
      if (a1 > 0 && total - a1 > 0) {
        const uint32_t vp = n_[v].prev, tp = n_[t].prev;
        n_[tp].next = v;
        n_[v].prev = tp;
        n_[vp].next = t;
        n_[t].prev = vp;
        relabel(t, next_loop_++);
        s_.loops.push_back(v);
        s_.loops.push_back(t);
        ++st_.t_junction_splits;
        return true;
      }
      unlink(t);
    }
  }
  return false;
}

// Invalid input only: edges (a, p) and (b, c) around p, b cross. Dropping p and b removes the
// twisted lobe between them.
bool Triangulator::cure_crossing(uint32_t& start, uint32_t& count) {
  uint32_t p = start;
  for (uint32_t i = 0; i < count && count > 3; ++i) {
    const uint32_t a = n_[p].prev, b = n_[p].next, c = n_[b].next;
    if (a != c) {
      const Node &na = n_[a], &np = n_[p], &nb = n_[b], &nc = n_[c];
      const double o1 = orient(na, np, nb), o2 = orient(na, np, nc);
      const double o3 = orient(nb, nc, na), o4 = orient(nb, nc, np);
      if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) {
        unlink(p);
        unlink(b);
        count -= 2;
        ++st_.crossings_cut;
        uint32_t live = settle(a, count);
        if (live != kNil && n_[c].alive) live = settle(c, count);
        start = live;
        return true;
      }
    }
    p = n_[p].next;
  }
  return false;
}

bool Triangulator::valid_diagonal(uint32_t a, uint32_t b) const {
  const Node &na = n_[a], &nb = n_[b];
  if (same(na, nb)) return false;
  if (!in_wedge(a, nb.x - na.x, nb.y - na.y) || !in_wedge(b, na.x - nb.x, na.y - nb.y)) return false;
  const double minx = std::min(na.x, nb.x), maxx = std::max(na.x, nb.x);
  const double miny = std::min(na.y, nb.y), maxy = std::max(na.y, nb.y);
  uint32_t p = a;
  do {
    const uint32_t q = n_[p].next;
    const Node &np = n_[p], &nq = n_[q];
    const double o1 = orient(na, nb, np), o2 = orient(na, nb, nq);
    const double o3 = orient(np, nq, na), o4 = orient(np, nq, nb);
    if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)))
      return false;
    if (o1 == 0 && !same(np, na) && !same(np, nb) && np.x >= minx && np.x <= maxx && np.y >= miny &&
        np.y <= maxy)
      return false;
    p = q;
  } while (p != a);
  return true;
}

void Triangulator::push_split(uint32_t a, uint32_t b) {
  const uint32_t a2 = copy_node(a), b2 = copy_node(b);
  const uint32_t an = n_[a].next, bp = n_[b].prev;
  n_[a].next = b;
  n_[b].prev = a;
  n_[a2].next = an;
  n_[an].prev = a2;
  n_[bp].next = b2;
  n_[b2].prev = bp;
  n_[b2].next = a2;
  n_[a2].prev = b2;
  relabel(a2, next_loop_++);
  s_.loops.push_back(a);
  s_.loops.push_back(a2);
}

bool Triangulator::split_at_diagonal(uint32_t start, uint32_t count) {
  if (count > 4096) return false;  // cubic search; input this broken gets the last resort instead
  uint32_t a = start;
  for (uint32_t i = 0; i < count; ++i, a = n_[a].next) {
    uint32_t b = n_[n_[a].next].next;
    for (uint32_t j = 0; j + 3 < count; ++j, b = n_[b].next)
      if (valid_diagonal(a, b)) {
        push_split(a, b);
        ++st_.diagonal_splits;
        return true;
      }
  }
  return false;
}

// Clips one loop; loops split off by the repairs go on s_.loops.
void Triangulator::clip_loop(uint32_t start) {
  uint32_t count = loop_size(start);
  // One sweep: reflex flags for all, and every repeated, straight or spike vertex dropped (settle
  // only for those, as it cascades to the neighbours). Following next pointers, even of removed
  // nodes, only moves forward, so `count` steps cover the loop.
  {
    uint32_t v = start, live = start;
    for (uint32_t k = 0, steps = count; k < steps; ++k) {
      const uint32_t nx = n_[v].next;
      if (n_[v].alive) {
        const double o = orient_at(v);
        if (o == 0 || same(n_[v], n_[nx])) {
          live = settle(v, count);
          if (live == kNil) return;
        } else {
          set_reflex(v);
          live = v;
        }
      }
      v = nx;
    }
    start = n_[live].alive ? live : kNil;
    if (start == kNil) return;
  }
  if (!grid_built_) build_grid(start);

  uint32_t ear = start, stop = start;
  int stage = 0;
  while (true) {
    if (count < 3) return;
    if (count == 3) {
      const uint32_t a = n_[ear].prev, c = n_[ear].next;
      if (orient(n_[a], n_[ear], n_[c]) > 0) emit(a, ear, c);
      n_[a].alive = n_[ear].alive = n_[c].alive = false;
      return;
    }
    const uint32_t a = n_[ear].prev, c = n_[ear].next;
    if (is_ear(a, ear, c)) {
      emit(a, ear, c);
      unlink(ear);
      --count;
      uint32_t live = settle(a, count);
      if (live == kNil) return;
      if (n_[c].alive) live = settle(c, count);
      if (live == kNil) return;
      ear = stop = live;
      stage = 0;
      continue;
    }
    ear = n_[ear].next;
    if (ear != stop) continue;

    // A whole pass without an ear: repair, cheapest and region-preserving first.
    ++stage;
#ifdef NBHD_TRI_TRACE
    TRACE("stall: stage %d, %u nodes in loop %u:\n", stage, count, n_[ear].loop);
    {
      uint32_t v = ear;
      do {
        TRACE("  node %u idx %u (%.17g %.17g) orient %.3g reflex %d\n", v, n_[v].idx, n_[v].x, n_[v].y,
              orient_at(v), n_[v].reflex);
        v = n_[v].next;
      } while (v != ear);
    }
#endif
    if (stage == 1) {
      if (split_at_pinch(ear)) return;
    } else if (stage == 2) {
      if (split_at_t_junction(ear, count)) return;
    } else if (stage == 3) {
      if (split_at_diagonal(ear, count)) return;
    } else if (stage == 4) {
      uint32_t s = ear;
      if (cure_crossing(s, count)) {
        if (s == kNil) return;
        ear = stop = s;
        stage = 0;
      }
    } else {
      // Last resort for self-intersecting input: clip the first convex vertex so the loop shrinks.
      uint32_t v = ear;
      bool found = false;
      for (uint32_t i = 0; i < count; ++i, v = n_[v].next)
        if (orient_at(v) > 0) {
          found = true;
          break;
        }
      if (!found) return;  // only inverted (negative) area is left
      const uint32_t va = n_[v].prev, vc = n_[v].next;
      emit(va, v, vc);
      ++st_.forced_ears;
      unlink(v);
      --count;
      uint32_t live = settle(va, count);
      if (live == kNil) return;
      if (n_[vc].alive) live = settle(vc, count);
      if (live == kNil) return;
      ear = stop = live;
      stage = 0;
    }
  }
}

void Triangulator::run(const Polygon& poly) {
  if (poly.rings.empty()) return;
  size_t total = 0;
  for (const auto& r : poly.rings) total += r.empty() ? 0 : r.size() - 1;
  n_.clear();
  n_.reserve(total + 2 * poly.rings.size() + 16);
  splice_budget_ = static_cast<uint32_t>(total);
  s_.extra.clear();
  s_.holes.clear();

  uint32_t base = 0;
  const uint32_t outer = link_ring(poly.rings[0], base, true);
  base += poly.rings[0].empty() ? 0 : static_cast<uint32_t>(poly.rings[0].size() - 1);
  if (outer == kNil) return;

  for (size_t i = 1; i < poly.rings.size(); ++i) {
    const uint32_t h = link_ring(poly.rings[i], base, false);
    base += poly.rings[i].empty() ? 0 : static_cast<uint32_t>(poly.rings[i].size() - 1);
    if (h == kNil) continue;
    uint32_t m = h;
    for (uint32_t v = n_[h].next; v != h; v = n_[v].next)
      if (n_[v].x > n_[m].x || (n_[v].x == n_[m].x && n_[v].y < n_[m].y)) m = v;
    s_.holes.push_back({n_[m].x, m});
  }
  // Rightmost holes first: a hole's ray to +x can then meet only the outer ring and merged holes.
  std::sort(s_.holes.begin(), s_.holes.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& h : s_.holes)
    if (!bridge_hole(outer, h.second)) {
      ++st_.holes_dropped;
      uint32_t v = h.second;  // unbridgeable (outside the shell): drop it
      do {
        n_[v].alive = false;
        v = n_[v].next;
      } while (v != h.second);
    }
  s_.holes.clear();

  out_.reserve(out_.size() + 3 * (total + 2 * poly.rings.size()));
  s_.loops.clear();
  s_.loops.push_back(outer);
  while (!s_.loops.empty()) {
    const uint32_t start = s_.loops.back();
    s_.loops.pop_back();
    if (n_[start].alive) clip_loop(start);
  }
}

}  // namespace

std::vector<uint32_t> triangulate(const Polygon& poly, TriangulateStats* stats) {
  thread_local Scratch scratch;
  TriangulateStats local;
  std::vector<uint32_t> out;
  Triangulator(scratch, out, stats ? *stats : local).run(poly);
  return out;
}

std::vector<uint32_t> triangulate(const Polygon& poly) {
  return triangulate(poly, nullptr);
}

}  // namespace nbhd
