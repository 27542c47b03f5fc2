#pragma once
// Groups of asset categories: what planners ask about ("health", "community and civic spaces") made of the
// categories an asset file holds ("gp_surgery", "pharmacy"). The viewer and `nbhd assets --groups` read the
// same table, so a group means the same categories in both.
//
// Format: a CSV with a header line naming the columns `group` and `category` (in either order, other columns
// ignored), then one line per membership; a category may belong to several groups. Blank lines and lines
// starting with '#' are skipped; fields may be double-quoted ("" is a quote inside one). Groups keep the
// order of their first line.
#include <string>
#include <string_view>
#include <vector>

namespace nbhd {

struct CategoryGroup {
  std::string name;
  std::vector<std::string> categories;  // in file order, no repeats
};

struct CategoryGroups {
  std::string source;  // the file, for messages
  std::vector<CategoryGroup> groups;
  bool empty() const { return groups.empty(); }
  const CategoryGroup* find(std::string_view name) const;
};

// Parses the text of a group table; `source` names it in errors (nbhd::Error: "<source> line N: ...").
CategoryGroups parse_category_groups(std::string_view text, const std::string& source);
// Reads and parses a file.
CategoryGroups read_category_groups(const std::string& path);

// Throws nbhd::Error when the table names categories that `present` lacks, listing every unknown one and
// the categories present (a typo must not silently make a group empty).
void check_group_categories(const CategoryGroups& g, const std::vector<std::string>& present);

}  // namespace nbhd
