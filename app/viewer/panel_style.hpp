#pragma once
// The Style panel: indicator picker (filterable), classification method and classes, palette picker
// showing the ramps, reverse, bivariate mode with its 3 x 3 legend scheme, dual-disadvantage highlight,
// and the layers (outline layers on or off, assets on or off).
#include <cstddef>
#include <vector>

namespace nbhd::view {

class Viewer;

class StylePanel {
 public:
  void draw(Viewer& v);
  // New data: its outline layers go into the scene, all shown.
  void layers_loaded(Viewer& v);
  bool outline_shown(size_t i) const { return i < outline_on_.size() && outline_on_[i]; }

 private:
  char column_filter_[64] = "", second_filter_[64] = "", dual_filter_[64] = "";
  std::vector<bool> outline_on_;
  std::vector<size_t> outline_index_;  // the scene's index of each outline layer
};

}  // namespace nbhd::view
