#pragma once
// Exact picking: which area contains a point. A uniform grid over the layer's extent lists the areas whose
// bounding box touches each cell; candidates are then tested with geo's point-in-polygon, so a click on
// the edge of a neighbour's box never selects the neighbour.
#include <cstdint>
#include <vector>

#include "geo/model/geometry.hpp"

namespace nbhd::view {

class PickIndex {
 public:
  PickIndex() = default;
  // geoms must outlive the index.
  explicit PickIndex(const std::vector<MultiPolygon>& geoms);
  // The area containing p, or -1.
  int pick(Point p) const;

 private:
  const std::vector<MultiPolygon>* geoms_ = nullptr;
  std::vector<BBox> boxes_;
  BBox extent_;
  int nx_ = 0, ny_ = 0;
  double cw_ = 1, ch_ = 1;
  std::vector<uint32_t> start_, items_;  // CSR: cell c holds items_[start_[c] .. start_[c+1])
};

}  // namespace nbhd::view
