#include "geo/spatial/point_index.hpp"

#include "base/error.hpp"

namespace nbhd {

PointIndex::PointIndex(const std::vector<Point>& pts, const std::vector<uint32_t>& ids) {
  if (!ids.empty() && ids.size() != pts.size())
    throw Error("internal: PointIndex ids and points differ in size");
  if (pts.size() >= UINT32_MAX) throw Error("too many points for one index (4 billion); split the input");
  const size_t n = pts.size();
  if (n == 0) return;
  // Sort-Tile-Recursive packing: sort by x, cut into vertical slices of about sqrt(leaves) leaves each,
  // sort every slice by y. Consecutive runs of 16 are then compact leaves; upper levels group runs of 16
  // consecutive nodes, which the same ordering keeps spatially close.
  // Sorting the points themselves (not indices into them) keeps the sorts cache-friendly.
  struct Item {
    Point p;
    uint32_t id;
  };
  std::vector<Item> items(n);
  for (size_t i = 0; i < n; ++i) items[i] = {pts[i], ids.empty() ? static_cast<uint32_t>(i) : ids[i]};
  auto by_x = [](const Item& a, const Item& b) { return a.p.x < b.p.x || (a.p.x == b.p.x && a.id < b.id); };
  auto by_y = [](const Item& a, const Item& b) { return a.p.y < b.p.y || (a.p.y == b.p.y && a.id < b.id); };
  std::sort(items.begin(), items.end(), by_x);
  size_t leaves = (n + kNodeSize - 1) / kNodeSize;
  size_t slices = std::max<size_t>(1, static_cast<size_t>(std::ceil(std::sqrt(static_cast<double>(leaves)))));
  size_t per_slice = ((leaves + slices - 1) / slices) * kNodeSize;
  for (size_t s = 0; s < n; s += per_slice)
    std::sort(items.begin() + s, items.begin() + std::min(n, s + per_slice), by_y);

  pts_.resize(n);
  ids_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    pts_[i] = items[i].p;
    ids_[i] = items[i].id;
  }
  std::vector<BBox> level((n + kNodeSize - 1) / kNodeSize);
  for (size_t i = 0; i < n; ++i) level[i / kNodeSize].expand(pts_[i]);
  levels_.push_back(std::move(level));
  while (levels_.back().size() > 1) {
    const auto& below = levels_.back();
    std::vector<BBox> up((below.size() + kNodeSize - 1) / kNodeSize);
    for (size_t i = 0; i < below.size(); ++i) up[i / kNodeSize].expand(below[i]);
    levels_.push_back(std::move(up));
  }
}

}  // namespace nbhd
