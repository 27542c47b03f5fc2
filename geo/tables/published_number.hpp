#pragma once
// Numbers as official tables publish them: "1,234" with thousands separators, "12.5%", a decimal comma in
// files separated by semicolons (as Excel saves CSV where the comma is the decimal mark), and the markers
// that stand for a suppressed or unavailable value ("..", ":", "*", "-", "x", "c", "[x]", ...). The reader
// turns the forms into numbers and the markers into missing values, so neither makes a column text.
#include <optional>
#include <string>
#include <string_view>

namespace nbhd {

// True for the markers official statistics use for a value withheld or not available: "..", ":", "*", "-",
// "x", "c", "z", "u" (either case) and their bracketed forms ("[x]", "[c]", "[z]", "[u]").
bool is_suppression_marker(std::string_view cell);

// A cheap first test: whether `cell` may be a marker or a published number form (short, or ending with
// '%', or holding a comma). Plain numbers of more than three characters skip the slower look.
inline bool maybe_published(std::string_view cell) {
  return cell.size() <= 3 || cell.back() == '%' || cell.find(',') != std::string_view::npos;
}

// The plain decimal form of a published number ("1,234.5" -> "1234.5", "12.5%" -> "12.5", and with
// `delim` ';' "1.234,5" -> "1234.5"); nullopt when `cell` is not one. A percentage keeps its figure (12.5,
// not 0.125), as the table printed it.
std::optional<std::string> published_number(std::string_view cell, char delim);

}  // namespace nbhd
