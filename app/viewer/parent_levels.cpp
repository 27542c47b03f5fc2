#include "app/viewer/parent_levels.hpp"

#include <algorithm>
#include <map>

#include "base/text.hpp"
#include "geo/model/ons_codes.hpp"

namespace nbhd::view {

// Bigger areas rank higher: a place name typed is more often the district than a small area inside it.
int kind_rank(const std::string& kind) {
  static const std::map<std::string, int> ranks = {{"output area", 0},
                                                   {"LSOA", 1},
                                                   {"data zone", 1},
                                                   {"MSOA", 2},
                                                   {"intermediate zone", 2},
                                                   {"ward", 3},
                                                   {"local authority", 4},
                                                   {"county", 5},
                                                   {"region", 6},
                                                   {"country", 7}};
  auto it = ranks.find(kind);
  return it == ranks.end() ? 1 : it->second;
}

std::vector<ParentLevel> parent_levels(const AreaLayer& layer) {
  std::vector<ParentLevel> out;
  const Table& t = layer.attrs;
  for (const auto& c : t.cols()) {
    if (c.numeric() || c.name == layer.key_field || c.name == layer.name_field || c.text.empty()) continue;
    KeyGuess g = guess_key_column({&c.text});
    if (g.column < 0 || g.kind.empty() || g.kind == layer.code_kind) continue;
    bool seen = false;
    for (const auto& p : out) seen |= p.kind == g.kind;
    if (seen) continue;  // one column per level: the first (e.g. ward24_code before an older ward17_code)
    ParentLevel p;
    p.codes = &c;
    p.kind = g.kind;
    p.rank = kind_rank(g.kind);
    for (const auto& cand : name_column_candidates(c.name))
      for (const auto& d : t.cols())
        if (!d.numeric() && lower(d.name) == cand) p.names = &d;
    out.push_back(p);
  }
  std::sort(out.begin(), out.end(),
            [](const ParentLevel& a, const ParentLevel& b) { return a.rank < b.rank; });
  return out;
}

}  // namespace nbhd::view
