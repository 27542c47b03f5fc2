#pragma once
// The triangulator's working form of a polygon: each ring as a circular doubly linked list of nodes
// in one pool (index-linked, so splitting and splicing loops never allocates per node), and the exact
// orientation predicates every stage shares. Internal to render/ (triangulate, hole_bridge,
// loop_repair); see render/README.md ("triangulate").
#include <cstdint>
#include <limits>
#include <vector>

#include "geo/model/geometry.hpp"

namespace nbhd::detail {

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

// A second node at v's position (bridge and split ends); it is in no reflex list yet.
inline uint32_t copy_node(std::vector<Node>& n, uint32_t v) {
  Node c = n[v];
  c.tracked = false;
  n.push_back(c);
  return static_cast<uint32_t>(n.size() - 1);
}

// Cuts the loop through a and b along the diagonal a-b, both ways: a -> b, and copies a2 of a and b2 of b
// close the other side, b.prev -> b2 -> a2 -> a.next. Bridging a hole (a on the outer ring, b on the hole)
// makes one loop of two; splitting (a and b on one loop) makes two. Returns a2; b2 is a2's prev.
inline uint32_t cut_diagonal(std::vector<Node>& n, uint32_t a, uint32_t b) {
  const uint32_t a2 = copy_node(n, a), b2 = copy_node(n, b);
  const uint32_t an = n[a].next, bp = n[b].prev;
  n[a].next = b;
  n[b].prev = a;
  n[a2].next = an;
  n[an].prev = a2;
  n[bp].next = b2;
  n[b2].prev = bp;
  n[b2].next = a2;
  n[a2].prev = b2;
  return a2;
}

inline void unlink(std::vector<Node>& n, uint32_t v) {
  Node& nv = n[v];
  n[nv.prev].next = nv.next;
  n[nv.next].prev = nv.prev;
  nv.alive = false;
}

inline uint32_t loop_size(const std::vector<Node>& n, uint32_t start) {
  uint32_t k = 0, v = start;
  do {
    ++k;
    v = n[v].next;
  } while (v != start);
  return k;
}

// Whether direction d leaves vertex v into the polygon's interior (strictly inside the angle that
// turns counter-clockwise from the outgoing edge to the incoming edge).
inline bool in_wedge(const std::vector<Node>& n, uint32_t v, double dx, double dy) {
  const Node& nv = n[v];
  const double e1x = n[nv.next].x - nv.x, e1y = n[nv.next].y - nv.y;
  const double e2x = n[nv.prev].x - nv.x, e2y = n[nv.prev].y - nv.y;
  const double c = cross(e1x, e1y, e2x, e2y);
  const double c1 = cross(e1x, e1y, dx, dy), c2 = cross(dx, dy, e2x, e2y);
  if (c > 0) return c1 > 0 && c2 > 0;
  if (c < 0) return c1 > 0 || c2 > 0;
  if (e1x * e2x + e1y * e2y < 0) return c1 > 0;  // straight vertex: the half-plane on the left
  return false;                                  // spike: no interior direction is certain
}

// Links ring r (closing point omitted) as a loop with the requested orientation; drops repeated
// points. Output indices start at base. Returns a node of the loop, or kNil for a ring with no area.
uint32_t link_ring(std::vector<Node>& n, const Ring& r, uint32_t base, bool want_ccw);

}  // namespace nbhd::detail
