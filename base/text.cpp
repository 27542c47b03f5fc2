#include "base/text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace nbhd {

std::string lower(std::string_view s) {
  std::string r(s);
  for (auto& ch : r) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return r;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string join_list(const std::vector<std::string>& items, size_t n) {
  std::string r;
  for (size_t i = 0; i < items.size() && i < n; ++i) {
    if (i) r += ", ";
    r += items[i];
  }
  if (items.size() > n) r += ", ... (" + std::to_string(items.size() - n) + " more)";
  return r;
}

std::string unknown_name_message(std::string_view what, std::string_view name,
                                 const std::vector<std::string>& candidates, std::string_view where) {
  std::string msg = "unknown " + std::string(what) + " '" + std::string(name) + "' in " + std::string(where);
  std::string lname = lower(name);
  for (const auto& c : candidates)
    if (lower(c) == lname) return msg + "; did you mean '" + c + "'?";
  return msg + "; " + std::string(what) + "s are: " + join_list(candidates, 20);
}

std::string first_value(const std::vector<std::string>& v) {
  for (const auto& s : v)
    if (!s.empty()) return s;
  return "";
}

std::string format_number(double v) {
  if (std::isnan(v)) return "";
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, p);
}

}  // namespace nbhd
