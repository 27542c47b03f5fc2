#pragma once
// A reprojection tabulated on a grid and interpolated, for layers with millions of vertices: a datum-shifting
// PROJ pipeline (EPSG:4326 -> 27700 through a Helmert shift) costs ~500 ns a point, so 10 M densified
// vertices took ~5 s of CPU; the table costs ~30 ns a point.
//
// Contract: the table covers a source-CRS box (the layer's extent). Exact PROJ results are computed at the
// grid nodes; between them each coordinate is a bicubic (tensor Lagrange, 4 x 4 nodes) interpolation, whose
// error falls as the 4th power of the cell size for a smooth transform. build() checks the interpolation
// against PROJ at the centre of every cell (where it is worst) and refines the grid until every check is
// within `tolerance` (source -> target units, metres for the working CRS); a transform that is not smooth
// enough there (a grid-based datum shift with kinks, a CRS boundary inside the box) or a node PROJ cannot
// transform gives no table, and the caller uses PROJ point by point. The same source coordinate always gives
// the same result, so vertices shared by adjacent areas stay shared.
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <optional>
#include <vector>

#include "geo/model/geometry.hpp"

namespace nbhd {

class TabulatedTransform {
 public:
  // nullopt when no grid of up to 1024 cells a side meets `tolerance` over `box`, or box is empty.
  static std::optional<TabulatedTransform> build(OGRCoordinateTransformationH ct, const BBox& box,
                                                 double tolerance = 1e-6);

  bool covers(Point p) const { return p.x >= x0_ && p.x <= x1_ && p.y >= y0_ && p.y <= y1_; }
  // The transformed point; p must be covered.
  Point operator()(Point p) const;
  double max_check_error() const { return max_err_; }  // largest miss at the check points, target units
  size_t cells_x() const { return nx_; }
  size_t cells_y() const { return ny_; }

 private:
  double x0_ = 0, y0_ = 0, x1_ = 0, y1_ = 0, step_ = 1;
  size_t nx_ = 0, ny_ = 0;  // cells; nodes are (nx_ + 3) x (ny_ + 3): one ring beyond the box, and one more
  std::vector<double> gx_, gy_;  // node results, row-major, node (i, j) at source (x0 + (i-1) step, ...)
  double max_err_ = 0;
};

}  // namespace nbhd
