#pragma once
// What part of the world a map shows: the whole layer, a bounding box, or the areas named by codes
// (area codes, or values of any text column such as a local authority code), with padding.
#include <string>
#include <vector>

#include "geo/model/area_layer.hpp"

namespace nbhd {

// "minx,miny,maxx,maxy" in the working CRS. Throws nbhd::Error naming the text when malformed or empty.
BBox parse_bbox(const std::string& text);

// Grows a box by `fraction` of its larger side on every side (a zero-size box grows by 500 m).
BBox padded(const BBox& b, double fraction);

// Areas to focus on: each code is an area code of `layer`, or else a value of one of its text columns
// (e.g. "E08000003" in ltla24_code selects that authority's areas). Throws nbhd::Error naming every
// unknown code. Returns area indices.
std::vector<uint32_t> focus_areas(const AreaLayer& layer, const std::vector<std::string>& codes);

BBox extent_of(const AreaLayer& layer, const std::vector<uint32_t>& areas);

}  // namespace nbhd
