#include "app/viewer/pick_index.hpp"

#include <algorithm>
#include <cmath>

namespace nbhd::view {

PickIndex::PickIndex(const std::vector<MultiPolygon>& geoms) : geoms_(&geoms) {
  boxes_.reserve(geoms.size());
  for (const auto& g : geoms) {
    boxes_.push_back(bbox_of(g));
    extent_.expand(boxes_.back());
  }
  if (extent_.empty()) return;
  // About two areas per cell on average keeps candidate lists short.
  double cells = std::max(1.0, geoms.size() / 2.0);
  double aspect = std::max(extent_.width(), 1.0) / std::max(extent_.height(), 1.0);
  nx_ = std::max(1, int(std::sqrt(cells * aspect)));
  ny_ = std::max(1, int(cells / nx_));
  cw_ = std::max(extent_.width(), 1e-9) / nx_;
  ch_ = std::max(extent_.height(), 1e-9) / ny_;
  auto cell_range = [&](const BBox& b, int& x0, int& x1, int& y0, int& y1) {
    x0 = std::clamp(int((b.minx - extent_.minx) / cw_), 0, nx_ - 1);
    x1 = std::clamp(int((b.maxx - extent_.minx) / cw_), 0, nx_ - 1);
    y0 = std::clamp(int((b.miny - extent_.miny) / ch_), 0, ny_ - 1);
    y1 = std::clamp(int((b.maxy - extent_.miny) / ch_), 0, ny_ - 1);
  };
  std::vector<uint32_t> count(size_t(nx_) * size_t(ny_) + 1, 0);
  for (const auto& b : boxes_) {
    if (b.empty()) continue;
    int x0, x1, y0, y1;
    cell_range(b, x0, x1, y0, y1);
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) count[size_t(y) * nx_ + x + 1]++;
  }
  for (size_t i = 1; i < count.size(); ++i) count[i] += count[i - 1];
  start_ = count;
  items_.resize(count.back());
  for (uint32_t i = 0; i < boxes_.size(); ++i) {
    const auto& b = boxes_[i];
    if (b.empty()) continue;
    int x0, x1, y0, y1;
    cell_range(b, x0, x1, y0, y1);
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) items_[count[size_t(y) * nx_ + x]++] = i;
  }
}

int PickIndex::pick(Point p) const {
  if (!geoms_ || nx_ == 0 || !extent_.contains(p)) return -1;
  int x = std::clamp(int((p.x - extent_.minx) / cw_), 0, nx_ - 1);
  int y = std::clamp(int((p.y - extent_.miny) / ch_), 0, ny_ - 1);
  size_t c = size_t(y) * nx_ + x;
  for (uint32_t k = start_[c]; k < start_[c + 1]; ++k) {
    uint32_t i = items_[k];
    if (boxes_[i].contains(p) && contains((*geoms_)[i], p)) return int(i);
  }
  return -1;
}

}  // namespace nbhd::view
