#include "geo/tables/published_number.hpp"

#include "base/text.hpp"
#include "geo/model/table.hpp"

namespace nbhd {

bool is_suppression_marker(std::string_view s) {
  if (s.size() == 3 && s.front() == '[' && s.back() == ']') s = s.substr(1, 1);
  if (s == ".." || s == ":" || s == "*" || s == "-") return true;
  if (s.size() != 1) return false;
  const char c = s[0];
  return c == 'x' || c == 'X' || c == 'c' || c == 'C' || c == 'z' || c == 'Z' || c == 'u' || c == 'U';
}

namespace {

bool digit(char c) {
  return c >= '0' && c <= '9';
}

// "1,234,567.89" (groups of three after the first group of one to three) -> "1234567.89". `group` and
// `decimal` are the separators: ',' and '.' in most files, '.' and ',' in semicolon-separated ones.
std::optional<std::string> grouped(std::string_view s, char group, char decimal) {
  std::string out;
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) out += s[i++];
  size_t run = 0, groups = 0;
  for (; i < s.size() && (digit(s[i]) || s[i] == group); ++i) {
    if (s[i] == group) {
      if (run == 0 || (groups == 0 && run > 3) || (groups > 0 && run != 3)) return std::nullopt;
      ++groups;
      run = 0;
      continue;
    }
    out += s[i];
    ++run;
  }
  if (run == 0 || (groups > 0 && run != 3)) return std::nullopt;
  if (i < s.size() && s[i] == decimal) {
    out += '.';
    size_t frac = 0;
    for (++i; i < s.size() && digit(s[i]); ++i, ++frac) out += s[i];
    if (frac == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  // With the usual separators a plain number needs no rewriting; a semicolon file's "12,5" does.
  if (groups == 0 && decimal == '.') return std::nullopt;
  return out;
}

}  // namespace

std::optional<std::string> published_number(std::string_view cell, char delim) {
  // A plain number or a marker (most short cells) holds neither: the usual reading takes it.
  if (cell.find_first_of(",%") == std::string_view::npos) return std::nullopt;
  cell = trim(cell);
  const char group = delim == ';' ? '.' : ',', decimal = delim == ';' ? ',' : '.';
  if (!cell.empty() && cell.back() == '%') {
    std::string_view figure = trim(cell.substr(0, cell.size() - 1));
    if (parse_number(figure)) return std::string(figure);
    return grouped(figure, group, decimal);
  }
  return grouped(cell, group, decimal);
}

}  // namespace nbhd
