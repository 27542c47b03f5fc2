#pragma once
// A rectangle in window pixels from the top left, as a panel drew something last frame: scripted input
// clicks there and the state dump reports it.
namespace nbhd::view {

struct ScreenRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

}  // namespace nbhd::view
