#pragma once
// A layer of small areas split into output-area-like parts (geo/spatial/subdivide.hpp gives the contract
// of each split), with codes: what bench/make_scale_data.sh builds its ~185,000-area scale layer with.
//
// Contract: the result has one area per part, in parent order; its codes are the parent's country letter
// (the first character of the parent code: E, W, ...) + "00" + a 6-digit serial counted per letter from 1
// (E00000001, ...: unique, shaped like ONS output-area codes), and its table has the columns
// `<code_column>` (the code again) and `parent_column` (the parent's code) then the parent's text columns
// named in `carry`. Splitting runs on the thread pool; the result depends only on the input.
#include <string>
#include <vector>

#include "geo/model/area_layer.hpp"

namespace nbhd {

struct SubdivideLayerOptions {
  std::vector<unsigned> parts;  // parts asked for each parent (size = parents.size())
  std::string code_column = "oa21_code";
  std::string parent_column = "lsoa21_code";
  std::vector<std::string> carry;  // parent text columns copied to each part
  double min_part_fraction = 0.1;  // SubdivideOptions::min_part_fraction
  unsigned threads = 0;            // 0 = pool_threads()
};

// Throws nbhd::Error when `parts` does not have one entry per parent, a carried column is missing, or a
// letter's serial would pass 999999.
AreaLayer subdivide_layer(const AreaLayer& parents, const SubdivideLayerOptions& opt);

}  // namespace nbhd
