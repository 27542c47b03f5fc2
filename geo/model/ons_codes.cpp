#include "geo/model/ons_codes.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "base/string_index.hpp"
#include "geo/model/table.hpp"

namespace nbhd {

std::string ons_prefix(std::string_view code) {
  code = trim(code);
  if (code.size() != 9) return "";
  if (code[0] != 'E' && code[0] != 'W' && code[0] != 'S' && code[0] != 'N' && code[0] != 'K') return "";
  for (size_t i = 1; i < 9; ++i)
    if (!std::isdigit(static_cast<unsigned char>(code[i]))) return "";
  return std::string(code.substr(0, 3));
}

std::string ons_code_kind(std::string_view code) {
  static const std::map<std::string, std::string> kinds = {
      {"E00", "output area"},
      {"W00", "output area"},
      {"E01", "LSOA"},
      {"W01", "LSOA"},
      {"S01", "data zone"},
      {"E02", "MSOA"},
      {"W02", "MSOA"},
      {"S02", "intermediate zone"},
      {"E05", "ward"},
      {"W05", "ward"},
      {"S13", "ward"},
      {"N08", "ward"},
      {"E06", "local authority"},
      {"E07", "local authority"},
      {"E08", "local authority"},
      {"E09", "local authority"},
      {"W06", "local authority"},
      {"S12", "local authority"},
      {"N09", "local authority"},
      {"E10", "county"},
      {"E12", "region"},
      {"E92", "country"},
  };
  std::string p = ons_prefix(code);
  if (p.empty()) return "";
  auto it = kinds.find(p);
  return it == kinds.end() ? "area (" + p + ")" : it->second;
}

KeyGuess guess_key_column(const std::vector<const std::vector<std::string>*>& columns) {
  KeyGuess best;
  for (size_t c = 0; c < columns.size(); ++c) {
    const auto& values = *columns[c];
    if (values.empty()) continue;
    // First pass, no allocation per value: how many values are code-shaped, by prefix (a handful).
    size_t shaped = 0, nonblank = 0;
    std::vector<std::pair<std::string, size_t>> prefix_count;
    for (const auto& v : values) {
      if (trim(v).empty()) continue;  // blank codes are dropped later, not evidence against the field
      ++nonblank;
      std::string p = ons_prefix(v);  // 3 characters: no heap allocation
      if (p.empty()) continue;
      ++shaped;
      auto it =
          std::find_if(prefix_count.begin(), prefix_count.end(), [&](const auto& e) { return e.first == p; });
      if (it == prefix_count.end())
        prefix_count.emplace_back(std::move(p), 1);
      else
        ++it->second;
    }
    if (shaped == 0 || shaped * 10 < nonblank * 9) continue;
    // A column cannot have more distinct codes than shaped values: count them only when that could win.
    if (best.column >= 0 && shaped <= best.distinct) continue;
    StringIndex distinct(shaped);
    for (const auto& v : values)
      if (!ons_prefix(v).empty()) distinct.insert(trim(v), 0);
    if (best.column >= 0 && distinct.size() <= best.distinct) continue;
    std::sort(prefix_count.begin(), prefix_count.end());
    best.column = static_cast<int>(c);
    best.shaped = shaped;
    best.distinct = distinct.size();
    best.prefixes.clear();
    std::string top;
    size_t top_n = 0;
    for (const auto& [p, k] : prefix_count) {
      if (!best.prefixes.empty()) best.prefixes += "/";
      best.prefixes += p;
      if (k > top_n) top = p, top_n = k;
    }
    if (prefix_count.size() > 4) best.prefixes = top + "/...";
    best.kind = ons_code_kind(top + "000000");
  }
  return best;
}

std::vector<std::string> name_column_candidates(const std::string& code_col) {
  std::vector<std::string> out;
  std::string l;
  for (char ch : code_col) l += char(std::tolower(static_cast<unsigned char>(ch)));
  for (auto [from, to] : {std::pair{"code", "name"}, std::pair{"cd", "nm"}}) {
    size_t at = l.rfind(from);
    if (at != std::string::npos)
      out.push_back(l.substr(0, at) + to + l.substr(at + std::string(from).size()));
  }
  return out;
}

}  // namespace nbhd
