#pragma once
// Extent sanity: a layer whose extent falls outside the area its working CRS is for (PROJ's area of use;
// British National Grid: Great Britain and its waters) almost always has its axes swapped or a wrong CRS
// declared. Without a word the map comes out empty; this says so, with the extent.
#include <optional>
#include <string>

#include "geo/model/geometry.hpp"

namespace nbhd {

// A one-line warning when `extent` (in `working_crs`) does not meet the CRS's area of use, or its centre
// lies outside it; nullopt when it is fine, empty, or the CRS has no area of use. `what` names the file.
std::optional<std::string> extent_warning(const BBox& extent, const std::string& working_crs,
                                          const std::string& what);

}  // namespace nbhd
