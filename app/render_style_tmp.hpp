#pragma once
// TEMPORARY: a minimal classifier and a few ColorBrewer palettes so `nbhd render` works end to end before
// geo/classify.hpp and render/palette.hpp land on main; replace with those when merging them.
#include <string>
#include <vector>

#include "geo/table.hpp"
#include "render/color.hpp"

namespace nbhd::cli {

struct TmpClasses {
  std::vector<int> cls;               // class per row, -1 = missing value
  std::vector<std::string> labels;    // one per class
  std::vector<long long> counts;      // rows per class
  long long missing = 0;
};

// method: "quantile" (equal count), "equal" (equal interval), "unique" (each distinct value, e.g. deciles).
TmpClasses tmp_classify(const Column& col, const std::string& method, int classes);

// A sequential or diverging ColorBrewer scheme with n colours (RdBu, YlOrRd, Blues); Error for others.
std::vector<Rgba> tmp_palette(const std::string& name, int n);

// 3 x 3 bivariate scheme, row-major from the lowest y class.
std::vector<Rgba> tmp_bivariate_palette();

// Colours for point categories (Tableau 10).
std::vector<Rgba> tmp_category_colours();

}  // namespace nbhd::cli
