#include "render/triangulate/loop_repair.hpp"

#include <algorithm>
#include <cmath>

namespace nbhd::detail {

void LoopRepair::relabel(uint32_t start, uint32_t loop) {
  uint32_t v = start;
  do {
    n_[v].loop = loop;
    v = n_[v].next;
  } while (v != start);
}

// Twice the signed area of the sub-loop from..to_excl closed back to from.
double LoopRepair::loop_area2(uint32_t from, uint32_t to_excl) const {
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

// Where the loop passes one point several times (pinches, bridge ends, holes touching the ring),
// each pass must own one interior sector: the one turning counter-clockwise from its outgoing edge
// to the first edge met, which must then be an incoming edge. When that edge belongs to another
// pass, the two passes swap predecessors (a splice). That splits the loop, and each part is
// clipped on its own. Returns false when every pass was already proper.
bool LoopRepair::split_at_pinch(uint32_t start) {
  auto& v = tmp_;
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
    pending_.push_back(x);
  }
  ++st_.pinch_splits;
  return true;
}

// A reflex vertex lying inside another edge pinches the region there; no ear can use that edge.
// Insert a copy of the vertex into the edge and split at the new pinch.
bool LoopRepair::split_at_t_junction(uint32_t start, uint32_t count) {
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
      const uint32_t t = copy_node(n_, v);
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
        pending_.push_back(v);
        pending_.push_back(t);
        ++st_.t_junction_splits;
        return true;
      }
      unlink(n_, t);
    }
  }
  return false;
}

// Invalid input only: edges (a, p) and (b, c) around p, b cross. Dropping p and b removes the
// twisted lobe between them.
bool LoopRepair::cut_crossing(uint32_t start, uint32_t count, uint32_t& before, uint32_t& after) {
  uint32_t p = start;
  for (uint32_t i = 0; i < count && count > 3; ++i) {
    const uint32_t a = n_[p].prev, b = n_[p].next, c = n_[b].next;
    if (a != c) {
      const Node &na = n_[a], &np = n_[p], &nb = n_[b], &nc = n_[c];
      const double o1 = orient(na, np, nb), o2 = orient(na, np, nc);
      const double o3 = orient(nb, nc, na), o4 = orient(nb, nc, np);
      if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) {
        unlink(n_, p);
        unlink(n_, b);
        ++st_.crossings_cut;
        before = a;
        after = c;
        return true;
      }
    }
    p = n_[p].next;
  }
  return false;
}

bool LoopRepair::valid_diagonal(uint32_t a, uint32_t b) const {
  const Node &na = n_[a], &nb = n_[b];
  if (same(na, nb)) return false;
  if (!in_wedge(n_, a, nb.x - na.x, nb.y - na.y) || !in_wedge(n_, b, na.x - nb.x, na.y - nb.y)) return false;
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

void LoopRepair::push_split(uint32_t a, uint32_t b) {
  const uint32_t a2 = cut_diagonal(n_, a, b);
  relabel(a2, next_loop_++);
  pending_.push_back(a);
  pending_.push_back(a2);
}

bool LoopRepair::split_at_diagonal(uint32_t start, uint32_t count) {
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

}  // namespace nbhd::detail
