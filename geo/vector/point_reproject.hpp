#pragma once
// Reprojects loose points (a spreadsheet's coordinates) from one CRS to another.
#include <string>
#include <vector>

#include "geo/model/geometry.hpp"

namespace nbhd {

// In place; nothing when the CRSs are the same text. Throws nbhd::Error for an unknown CRS (naming `what`)
// or a point PROJ cannot reproject.
void reproject_points(std::vector<Point>& pts, const std::string& from_crs, const std::string& to_crs,
                      const std::string& what);

}  // namespace nbhd
