#pragma once
// Dual disadvantage: areas in the worst X% of two indicators at once, and the 3x3 bivariate class used by
// the bivariate map.
#include <cstddef>
#include <string>
#include <vector>

#include "geo/stats/rank.hpp"

namespace nbhd {

struct FlagIndicator {
  std::string name;            // column name, for messages and output headers
  std::vector<double> values;  // one per area; NaN = missing
  Worse worse = Worse::High;
};

struct FlagOptions {
  double worst_share = 0.10;  // (0, 1]: the worst 10% by default
};

struct FlagResult {
  // Ranks (1 = worst) among the areas that have both values; NaN where either value is missing.
  std::vector<double> rank_a, rank_b;
  std::vector<bool> flagged;  // in the worst share of both
  // 3x3 bivariate class: 3 * level_b + level_a, with level 0 = the least disadvantaged third and 2 = the
  // most disadvantaged third of each indicator (ranked over the same areas). -1 where a value is missing.
  // palette.hpp's bivariate schemes are indexed the same way (column = A, row = B).
  std::vector<int> bivariate;
  size_t considered = 0;  // areas with both values
  size_t flagged_count = 0;
  size_t cutoff_rank = 0;            // an area is in the worst share when its rank <= cutoff_rank
  std::vector<size_t> flagged_rows;  // area indices, worst first (by the sum of both ranks, then A)
};

// Throws nbhd::Error when the share is outside (0, 1], the lengths differ, or no area has both values.
FlagResult flag_dual(const FlagIndicator& a, const FlagIndicator& b, const FlagOptions& opt = {});

// Level 0..2 (2 = the most disadvantaged third) of a rank among n: the tercile with 1 = worst, flipped.
int bivariate_level(double rank, size_t n);

}  // namespace nbhd
