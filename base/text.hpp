#pragma once
// Small text helpers shared by error messages and output.
#include <string>
#include <string_view>
#include <vector>

namespace nbhd {

// "unknown column 'IMD_Decile' in imd.csv; did you mean 'IMD_decile'?" or, with no close match,
// "...; columns are: a, b, c" (first 20).
std::string unknown_name_message(std::string_view what, std::string_view name,
                                 const std::vector<std::string>& candidates, std::string_view where);

std::string first_value(const std::vector<std::string>& v);

// Shortest round-trip decimal form of v ("12", "0.5", "1e-07").
std::string format_number(double v);

// "a, b, c" of at most n items, then ", ... (N more)".
std::string join_list(const std::vector<std::string>& items, size_t n = 10);

// Lower-case ASCII copy.
std::string lower(std::string_view s);

// Equal but for ASCII case ("TRUE" and "true").
bool iequals(std::string_view a, std::string_view b);

}  // namespace nbhd
