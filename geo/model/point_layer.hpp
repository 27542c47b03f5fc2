#pragma once
// Point features (community assets): position in the working CRS, a category and a name.
#include <string>
#include <vector>

#include "geo/model/geometry.hpp"
#include "geo/model/table.hpp"

namespace nbhd {

struct PointLayer {
  std::string source;  // path, or connection string without its password (messages show it)
  std::string layer_name;
  std::string source_crs;
  std::string working_crs;
  std::string category_field;  // "" when none: every point is in category "asset"
  std::string name_field;

  std::vector<Point> pts;
  std::vector<std::string> categories;
  std::vector<std::string> names;
  Table attrs;  // every source field, one row per point
  size_t dropped_empty = 0;

  size_t size() const { return pts.size(); }
};

}  // namespace nbhd
