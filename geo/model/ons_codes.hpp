#pragma once
// The shapes of ONS GSS codes ("E01000001": country letter, two-digit entity, six digits), used to find
// the key field of a boundary file from its values and to spot joins across geographies.
#include <string>
#include <string_view>
#include <vector>

namespace nbhd {

// "LSOA", "MSOA", "ward", "local authority", ... ; "" when `code` is not shaped like a GSS code.
std::string ons_code_kind(std::string_view code);

// The entity prefix ("E01") of a GSS-shaped code, "" otherwise.
std::string ons_prefix(std::string_view code);

struct KeyGuess {
  int column = -1;       // index into the candidate columns, -1 when none looks like area codes
  std::string kind;      // "LSOA", ...
  std::string prefixes;  // "E01/W01"
  size_t shaped = 0;     // how many values are code-shaped
  size_t distinct = 0;
};

// Picks the text column whose values are (>= 90%) GSS-shaped codes, preferring the most distinct values,
// then the leftmost. Columns are given as their values.
KeyGuess guess_key_column(const std::vector<const std::vector<std::string>*>& columns);

// Where a code column's names would be, lower-case: "ward24_code" -> "ward24_name", "LAD24CD" -> "lad24nm".
std::vector<std::string> name_column_candidates(const std::string& code_col);

}  // namespace nbhd
