#pragma once
// Ranks and deciles of a column, with a direction (is a high value worse or better?), over all areas or
// within groups (e.g. the areas of one local authority: "local deciles").
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace nbhd {

// Which end of an indicator is the disadvantaged one. IMD scores: High; IMD ranks: Low.
enum class Worse { High, Low };

const char* to_string(Worse w);
// "high"/"low" (also "higher", "lower"); throws nbhd::Error otherwise.
Worse parse_worse(std::string_view s);

struct Ranking {
  // 1 = worst. Ties share the lowest rank of their run ("1, 2, 2, 4"). NaN for missing or excluded areas.
  std::vector<double> rank;
  // 1 = the worst tenth ... 10 = the best tenth: decile = ceil(10 * rank / n), n = ranked areas in the
  // group (the MHCLG convention: decile 1 holds ranks 1 .. floor(n/10)). 0 for missing or excluded areas.
  std::vector<int> decile;
  // Areas ranked in each area's group (0 for missing/excluded).
  std::vector<size_t> group_size;
  size_t ranked = 0;  // areas with a rank
};

// Ranks over all non-missing values.
Ranking rank_values(const std::vector<double>& values, Worse worse);

// Ranks within groups: areas with the same group label are ranked together; an empty label excludes the
// area. `groups` must be as long as `values`.
Ranking rank_within(const std::vector<double>& values, Worse worse, const std::vector<std::string>& groups);

// The n-tile (1 = worst) of a rank among n ranked areas: ceil(tiles * rank / n).
int ntile(double rank, size_t n, int tiles);

}  // namespace nbhd
