// libFuzzer target for the category group table (parse_category_groups) and its check against the assets'
// categories: any bytes give a well-formed table or one nbhd::Error, never a crash or a sanitizer report; a
// table that parses has named groups of named, unrepeated categories, and checking it against its own
// categories succeeds.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "geo/spatial/asset_groups.hpp"

namespace {
void check(bool ok) {
  if (!ok) std::abort();  // libFuzzer reports the input that broke an invariant
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  nbhd::CategoryGroups g;
  try {
    g = nbhd::parse_category_groups(text, "fuzz.csv");
  } catch (const nbhd::Error&) {
    return 0;
  }
  check(!g.groups.empty());
  std::vector<std::string> all;
  for (const auto& grp : g.groups) {
    check(!grp.name.empty() && !grp.categories.empty());
    check(g.find(grp.name) == &grp);  // names are unique: the first with a name is the group
    for (size_t i = 0; i < grp.categories.size(); ++i) {
      check(!grp.categories[i].empty());
      check(std::count(grp.categories.begin(), grp.categories.end(), grp.categories[i]) == 1);
      all.push_back(grp.categories[i]);
    }
  }
  try {
    nbhd::check_group_categories(g, all);
  } catch (const nbhd::Error&) {
    check(false);
  }
  if (!all.empty()) {  // without one of its categories the check must refuse
    std::vector<std::string> fewer(all.begin() + 1, all.end());
    std::erase(fewer, all.front());
    bool refused = false;
    try {
      nbhd::check_group_categories(g, fewer);
    } catch (const nbhd::Error&) {
      refused = true;
    }
    check(refused);
  }
  return 0;
}
