#include "render/style/category_symbols.hpp"

#include <algorithm>

#include "base/error.hpp"

namespace nbhd {

CategoryColours category_colours(const std::vector<std::string>& categories,
                                 const std::map<std::string, Rgba>& fixed) {
  std::map<std::string, long long> counts;
  for (const auto& c : categories) counts[c]++;
  std::vector<std::pair<long long, std::string>> order;  // (-count, name): most frequent first
  for (const auto& [k, v] : counts) order.push_back({-v, k});
  std::sort(order.begin(), order.end());
  CategoryColours cc;
  long long other = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    const std::string& name = order[i].second;
    long long n = -order[i].first;
    if (i >= kDistinctSymbols) {
      other += n;
      continue;
    }
    CategorySymbol s{kCategoryPalette[i % kCategoryPalette.size()],
                     SymbolShape(int(i / kCategoryPalette.size()))};
    if (auto f = fixed.find(name); f != fixed.end()) s.colour = f->second;
    cc.symbol_of[name] = s;
    cc.legend.push_back({name, s.colour, n, s.shape});
  }
  if (other > 0) cc.legend.push_back({"other", cc.other.colour, other, cc.other.shape});
  return cc;
}

std::pair<std::string, Rgba> parse_category_colour(const std::string& text) {
  auto eq = text.rfind('=');
  if (eq == std::string::npos || eq == 0)
    throw Error("bad category colour '" + text + "': give NAME=#RRGGBB, e.g. library=#1f78b4");
  try {
    return {text.substr(0, eq), parse_hex_colour(text.substr(eq + 1))};
  } catch (const Error&) {
    throw Error("bad category colour '" + text + "': give NAME=#RRGGBB, e.g. library=#1f78b4");
  }
}

}  // namespace nbhd
