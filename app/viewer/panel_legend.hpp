#pragma once
// The Legend panel: class colours, ranges and counts (click a class to highlight its areas; the 3 x 3
// legend in bivariate mode) and the histogram of the mapped indicator with the class breaks, where
// dragging a value range highlights those areas (linked brushing).
#include <vector>

#include "app/viewer/screen_rect.hpp"

namespace nbhd::view {

class Viewer;

class LegendPanel {
 public:
  void draw(Viewer& v);
  // Where the legend entries were drawn last frame.
  const std::vector<ScreenRect>& swatches() const { return swatches_; }
  // The histogram as drawn last frame: its rectangle and value range (hi > lo only when one was drawn).
  const ScreenRect& histogram() const { return hist_rect_; }
  double histogram_lo() const { return hist_lo_; }
  double histogram_hi() const { return hist_hi_; }

 private:
  std::vector<ScreenRect> swatches_;
  ScreenRect hist_rect_;
  double hist_lo_ = 0, hist_hi_ = 0;
};

}  // namespace nbhd::view
