#pragma once
// Named colour-and-label sets for coded columns, whose values mean fixed classes rather than amounts: the
// LISA cluster and significance codes and Gi* hot/cold spots that `nbhd lisa` writes. Colours are the ones
// GeoDa users know (GeoDa's LISA cluster and significance maps), so a map reads the same in both tools.
// Used by map_style.cpp when --palette names a set and the method is categorical.
#include <string>
#include <string_view>
#include <vector>

#include "render/style/palette.hpp"

namespace nbhd {

struct CategoryClass {
  double value;       // the code in the column
  std::string label;  // the legend text
  Rgb colour;
  bool always_listed = true;  // false: in the legend only when some area has it (Neighbourless)
};

struct CategorySet {
  std::string name;                    // "lisa", "lisa-significance", "gi"
  std::vector<CategoryClass> classes;  // in legend order; optional classes last
};

const std::vector<CategorySet>& category_sets();
// Case-insensitive; nullptr when `name` is not a set (then it is a ColorBrewer scheme or unknown).
const CategorySet* find_category_set(std::string_view name);

}  // namespace nbhd
