#include "render/triangulate/triangulate.hpp"

// Ear clipping after Eberly ("Triangulation by Ear Clipping", 2002) with the degeneracy handling
// described for Held's FIST (2001): holes are merged into the outer ring by bridges to a visible
// vertex (render/hole_bridge.cpp), ears are tested only against reflex vertices (found through a
// uniform grid), zero-area vertices are dropped as they appear, and a stalled pass escalates through
// repairs that keep the covered region (split at a pinch, split at a T-junction, split along a
// diagonal) before the ones that only exist for invalid input (cut a local self-intersection, clip a
// convex vertex anyway); the splits and the cut are in render/loop_repair.cpp.
// See render/README.md ("triangulate") for the contract and the measured speed.
//
// The reflex grid stays in this file with the ear test it serves: that is the hot path, and keeping
// it in one translation unit lets the compiler inline it into the clipping loop.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <utility>

#include "render/triangulate/hole_bridge.hpp"
#include "render/triangulate/loop_repair.hpp"
#include "render/triangulate/vertex_loop.hpp"
#ifdef NBHD_TRI_TRACE
#include <cstdio>
#define TRACE(...) std::fprintf(stderr, __VA_ARGS__)
#else
#define TRACE(...) (void)0
#endif

namespace nbhd {

namespace {

using namespace detail;

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
      : s_(s), n_(s.nodes), out_(out), st_(st), repair_(s.nodes, s.loops, s.tmp, st) {}

  void run(const Polygon& poly);

 private:
  Scratch& s_;
  std::vector<Node>& n_;
  std::vector<uint32_t>& out_;
  TriangulateStats& st_;
  LoopRepair repair_;
  bool grid_built_ = false;
  // Reflex grid over the merged loop at the start of clipping.
  double gx0_ = 0, gy0_ = 0, gsx_ = 0, gsy_ = 0;
  int gnx_ = 0, gny_ = 0;

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

  uint32_t settle(uint32_t v, uint32_t& count);
  void build_grid(uint32_t start);
  bool is_ear(uint32_t a, uint32_t b, uint32_t c);
  bool blocks(uint32_t p, uint32_t a, uint32_t b, uint32_t c) const;
  bool cure_crossing(uint32_t& start, uint32_t& count);
  void clip_loop(uint32_t start);
};

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
      unlink(n_, x);
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

// Invalid input only: a local self-intersection is cut (render/loop_repair.cpp), then both sides
// are settled, as after an ear.
bool Triangulator::cure_crossing(uint32_t& start, uint32_t& count) {
  uint32_t a, c;
  if (!repair_.cut_crossing(start, count, a, c)) return false;
  count -= 2;
  uint32_t live = settle(a, count);
  if (live != kNil && n_[c].alive) live = settle(c, count);
  start = live;
  return true;
}

// Clips one loop; loops split off by the repairs go on s_.loops.
void Triangulator::clip_loop(uint32_t start) {
  uint32_t count = loop_size(n_, start);
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
      unlink(n_, ear);
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
      if (repair_.split_at_pinch(ear)) return;
    } else if (stage == 2) {
      if (repair_.split_at_t_junction(ear, count)) return;
    } else if (stage == 3) {
      if (repair_.split_at_diagonal(ear, count)) return;
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
      unlink(n_, v);
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
  repair_.set_splice_budget(static_cast<uint32_t>(total));
  s_.extra.clear();
  s_.holes.clear();

  uint32_t base = 0;
  const uint32_t outer = link_ring(n_, poly.rings[0], base, true);
  base += poly.rings[0].empty() ? 0 : static_cast<uint32_t>(poly.rings[0].size() - 1);
  if (outer == kNil) return;

  for (size_t i = 1; i < poly.rings.size(); ++i) {
    const uint32_t h = link_ring(n_, poly.rings[i], base, false);
    base += poly.rings[i].empty() ? 0 : static_cast<uint32_t>(poly.rings[i].size() - 1);
    if (h == kNil) continue;
    const uint32_t m = bridge_start(n_, h);
    s_.holes.push_back({n_[m].x, m});
  }
  bridge_holes(n_, outer, s_.holes, s_.tmp, st_);
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
