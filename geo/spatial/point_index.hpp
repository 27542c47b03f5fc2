#pragma once
// A static, packed R-tree over points (STR bulk load, 16 entries per node). Built once, then read-only:
// any number of threads may query it at the same time without locks, which GEOS's STRtree (built lazily
// on its first query) does not promise. Box tests are exact comparisons, so a box query returns exactly
// the points whose coordinates lie in the (closed) box; proximity.cpp applies GEOS predicates to those.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <queue>
#include <vector>

#include "geo/model/geometry.hpp"

namespace nbhd {

// Smallest distance between two boxes (0 when they touch or overlap).
inline double box_distance(const BBox& a, const BBox& b) {
  double dx = std::max({0.0, a.minx - b.maxx, b.minx - a.maxx});
  double dy = std::max({0.0, a.miny - b.maxy, b.miny - a.maxy});
  return std::sqrt(dx * dx + dy * dy);
}

class PointIndex {
 public:
  static constexpr size_t kNodeSize = 16;

  PointIndex() = default;
  // ids[i] is reported for pts[i]; when ids is empty, i itself is reported.
  explicit PointIndex(const std::vector<Point>& pts, const std::vector<uint32_t>& ids = {});

  size_t size() const { return pts_.size(); }
  bool empty() const { return pts_.empty(); }

  // Calls fn(id, point) for every point inside the closed box b.
  template <class F>
  void query(const BBox& b, F&& fn) const {
    if (pts_.empty()) return;
    query_node(levels_.size() - 1, 0, b, fn);
  }

  // Best-first nearest search. lower(box) must never exceed exact(id, point) for any point in box;
  // exact(id, point) is the true distance. Returns {id, distance}, or {UINT32_MAX, inf} when empty.
  // Ties go to the smallest id, so the answer does not depend on the build order.
  template <class Lower, class Exact>
  std::pair<uint32_t, double> nearest(Lower&& lower, Exact&& exact) const;

 private:
  template <class F>
  void query_node(size_t level, size_t node, const BBox& b, F& fn) const;
  BBox point_box(size_t i) const { return BBox{pts_[i].x, pts_[i].y, pts_[i].x, pts_[i].y}; }

  std::vector<Point> pts_;                 // in tree order
  std::vector<uint32_t> ids_;              // caller's id of pts_[i]
  std::vector<std::vector<BBox>> levels_;  // levels_[0] are leaves (16 points each), back() is the root
};

template <class F>
void PointIndex::query_node(size_t level, size_t node, const BBox& b, F& fn) const {
  const BBox& nb = levels_[level][node];
  if (!nb.intersects(b)) return;
  size_t first = node * kNodeSize;
  if (level == 0) {
    size_t last = std::min(first + kNodeSize, pts_.size());
    for (size_t i = first; i < last; ++i)
      if (b.contains(pts_[i])) fn(ids_[i], pts_[i]);
    return;
  }
  size_t last = std::min(first + kNodeSize, levels_[level - 1].size());
  for (size_t c = first; c < last; ++c) query_node(level - 1, c, b, fn);
}

template <class Lower, class Exact>
std::pair<uint32_t, double> PointIndex::nearest(Lower&& lower, Exact&& exact) const {
  std::pair<uint32_t, double> best{UINT32_MAX, std::numeric_limits<double>::infinity()};
  if (pts_.empty()) return best;
  // Entries: (key, level, index). level == -1 marks a point whose key is a lower bound; the best exact
  // answer is kept aside, and the search stops once no entry can beat (or tie with a smaller id) it.
  struct Entry {
    double key;
    int level;
    uint32_t index;
    bool operator>(const Entry& o) const { return key > o.key; }
  };
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> q;
  // The bound and the exact distance are computed by different formulas (box gap vs GEOS's segment
  // distance, sqrt vs hypot) and may disagree in the last bit; shaving a relative 1e-12 off the bound
  // (a micrometre at 1,000 km) keeps it a true lower bound, so no tie or near-tie is pruned.
  auto bound = [&](const BBox& b) { return lower(b) * (1 - 1e-12); };
  size_t root_level = levels_.size() - 1;
  q.push({bound(levels_[root_level][0]), static_cast<int>(root_level), 0});
  while (!q.empty()) {
    Entry e = q.top();
    if (e.key > best.second) break;
    q.pop();
    if (e.level < 0) {
      double d = exact(ids_[e.index], pts_[e.index]);
      if (d < best.second || (d == best.second && ids_[e.index] < best.first)) best = {ids_[e.index], d};
      continue;
    }
    size_t first = e.index * kNodeSize;
    if (e.level == 0) {
      size_t last = std::min(first + kNodeSize, pts_.size());
      for (size_t i = first; i < last; ++i) {
        double k = bound(point_box(i));
        if (k <= best.second) q.push({k, -1, static_cast<uint32_t>(i)});
      }
    } else {
      size_t last = std::min(first + kNodeSize, levels_[e.level - 1].size());
      for (size_t c = first; c < last; ++c) {
        double k = bound(levels_[e.level - 1][c]);
        if (k <= best.second) q.push({k, e.level - 1, static_cast<uint32_t>(c)});
      }
    }
  }
  return best;
}

}  // namespace nbhd
