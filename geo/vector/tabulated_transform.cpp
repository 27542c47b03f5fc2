#include "geo/vector/tabulated_transform.hpp"

#include <algorithm>
#include <cmath>

namespace nbhd {

namespace {

// Lagrange weights of the nodes at -1, 0, 1, 2 for a point at t in [0, 1].
[[gnu::always_inline]] inline void weights(double t, double w[4]) {
  const double a = t + 1, b = t, c = t - 1, d = t - 2;
  w[0] = -b * c * d / 6;
  w[1] = a * c * d / 2;
  w[2] = -a * b * d / 2;
  w[3] = a * b * c / 6;
}

bool transform_all(OGRCoordinateTransformationH ct, std::vector<double>& x, std::vector<double>& y) {
  std::vector<int> ok(x.size(), 1);
  if (!OCTTransformEx(ct, int(x.size()), x.data(), y.data(), nullptr, ok.data())) return false;
  for (size_t i = 0; i < x.size(); ++i)
    if (!ok[i] || !std::isfinite(x[i]) || !std::isfinite(y[i])) return false;
  return true;
}

}  // namespace

Point TabulatedTransform::operator()(Point p) const {
  const double fx = (p.x - x0_) / step_, fy = (p.y - y0_) / step_;
  const size_t i = std::min(size_t(std::max(0.0, std::floor(fx))), nx_ - 1);
  const size_t j = std::min(size_t(std::max(0.0, std::floor(fy))), ny_ - 1);
  double wx[4], wy[4];
  weights(fx - double(i), wx);
  weights(fy - double(j), wy);
  const size_t row = nx_ + 3;
  double x = 0, y = 0;
  for (size_t r = 0; r < 4; ++r) {  // node rows j-1 .. j+2 are stored at j .. j+3
    const size_t base = (j + r) * row + i;
    const double ax =
        wx[0] * gx_[base] + wx[1] * gx_[base + 1] + wx[2] * gx_[base + 2] + wx[3] * gx_[base + 3];
    const double ay =
        wx[0] * gy_[base] + wx[1] * gy_[base + 1] + wx[2] * gy_[base + 2] + wx[3] * gy_[base + 3];
    x += wy[r] * ax;
    y += wy[r] * ay;
  }
  return {x, y};
}

std::optional<TabulatedTransform> TabulatedTransform::build(OGRCoordinateTransformationH ct, const BBox& box,
                                                            double tolerance) {
  if (!ct || box.empty() || !std::isfinite(box.width()) || !std::isfinite(box.height())) return std::nullopt;
  const double span = std::max({box.width(), box.height(), 1e-9});
  for (size_t cells = 64; cells <= 1024; cells *= 2) {
    TabulatedTransform t;
    t.step_ = span / double(cells);
    t.nx_ = std::max<size_t>(1, size_t(std::ceil(box.width() / t.step_)));
    t.ny_ = std::max<size_t>(1, size_t(std::ceil(box.height() / t.step_)));
    t.x0_ = box.minx, t.y0_ = box.miny;
    // At least the box, whatever the rounding of nx * step (a point past the last node by an ulp is
    // extrapolated by that ulp).
    t.x1_ = std::max(box.maxx, box.minx + double(t.nx_) * t.step_);
    t.y1_ = std::max(box.maxy, box.miny + double(t.ny_) * t.step_);
    const size_t row = t.nx_ + 3, rows = t.ny_ + 3;
    t.gx_.resize(row * rows), t.gy_.resize(row * rows);
    for (size_t j = 0; j < rows; ++j)
      for (size_t i = 0; i < row; ++i) {
        t.gx_[j * row + i] = t.x0_ + (double(i) - 1) * t.step_;
        t.gy_[j * row + i] = t.y0_ + (double(j) - 1) * t.step_;
      }
    if (!transform_all(ct, t.gx_, t.gy_)) return std::nullopt;
    std::vector<double> cx, cy;
    for (size_t j = 0; j < t.ny_; ++j)
      for (size_t i = 0; i < t.nx_; ++i) {
        cx.push_back(t.x0_ + (double(i) + 0.5) * t.step_);
        cy.push_back(t.y0_ + (double(j) + 0.5) * t.step_);
      }
    std::vector<double> ex = cx, ey = cy;
    if (!transform_all(ct, ex, ey)) return std::nullopt;
    for (size_t k = 0; k < cx.size(); ++k) {
      Point q = t({cx[k], cy[k]});
      t.max_err_ = std::max({t.max_err_, std::abs(q.x - ex[k]), std::abs(q.y - ey[k])});
    }
    if (t.max_err_ <= tolerance) return t;
  }
  return std::nullopt;
}

}  // namespace nbhd
