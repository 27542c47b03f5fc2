#pragma once
// The parent levels a layer of small areas carries as fields: a text column of GSS-shaped codes of a
// bigger kind than the layer's own (ward24_code, ltla24_code on LSOAs), with the column naming them
// (ward24_name). Search lists them; the Level control dissolves the layer into them.
#include <string>
#include <vector>

#include "geo/model/area_layer.hpp"

namespace nbhd::view {

struct ParentLevel {
  const Column* codes = nullptr;  // into the layer's attrs
  const Column* names = nullptr;  // nullptr when no name column was found
  std::string kind;               // "ward", "local authority", ...
  int rank = 0;                   // kind_rank(kind)
};

// Bigger areas rank higher: 0 output area, 1 LSOA, 2 MSOA, 3 ward, 4 local authority, 5 county ...
int kind_rank(const std::string& kind);

// One per kind (the first column of a kind: ward24_code before an older ward17_code), smallest first.
std::vector<ParentLevel> parent_levels(const AreaLayer& layer);

}  // namespace nbhd::view
