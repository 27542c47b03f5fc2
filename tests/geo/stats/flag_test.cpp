#include "geo/stats/flag.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

#include "base/error.hpp"

namespace nbhd {
namespace {
const double NaN = std::numeric_limits<double>::quiet_NaN();

TEST(Flag, WorstShareOfBothMatchesADirectCount) {
  std::mt19937 rng(42);
  const size_t n = 1000;
  FlagIndicator a{"need", std::vector<double>(n), Worse::High};
  FlagIndicator b{"rank", std::vector<double>(n), Worse::Low};
  for (size_t i = 0; i < n; ++i) {
    a.values[i] = std::uniform_real_distribution<double>(0, 1)(rng);
    // Correlated with a so that both-worst areas exist: low b where a is high.
    b.values[i] = 1 - a.values[i] + std::uniform_real_distribution<double>(-0.2, 0.2)(rng);
  }
  a.values[3] = NaN;  // left out of both rankings
  FlagOptions o;
  o.worst_share = 0.10;
  auto r = flag_dual(a, b, o);
  EXPECT_EQ(r.considered, n - 1);
  EXPECT_EQ(r.cutoff_rank, 99u);  // 10% of 999
  // Independent: an area is flagged when fewer than 99 considered areas are worse on each indicator.
  size_t expected = 0;
  for (size_t i = 0; i < n; ++i) {
    if (i == 3) continue;
    size_t worse_a = 0, worse_b = 0;
    for (size_t j = 0; j < n; ++j) {
      if (j == 3) continue;
      worse_a += a.values[j] > a.values[i];
      worse_b += b.values[j] < b.values[i];
    }
    bool f = worse_a < 99 && worse_b < 99;
    expected += f;
    EXPECT_EQ(r.flagged[i], f) << i;
  }
  EXPECT_GT(expected, 10u);
  EXPECT_EQ(r.flagged_count, expected);
  EXPECT_FALSE(r.flagged[3]);
  EXPECT_EQ(r.bivariate[3], -1);
  // Flagged areas are in the worst third of both: bivariate class 8 (level 2 on each).
  for (size_t i : r.flagged_rows) EXPECT_EQ(r.bivariate[i], 8);
  // Listed worst first.
  for (size_t k = 1; k < r.flagged_rows.size(); ++k)
    EXPECT_LE(r.rank_a[r.flagged_rows[k - 1]] + r.rank_b[r.flagged_rows[k - 1]],
              r.rank_a[r.flagged_rows[k]] + r.rank_b[r.flagged_rows[k]]);
}

TEST(Flag, BivariateClassesSplitEachIndicatorIntoThirds) {
  // 9 areas, a = 1..9 (worse high), b = 9..1 (worse high): levels are terciles of each.
  FlagIndicator a{"a", {1, 2, 3, 4, 5, 6, 7, 8, 9}, Worse::High};
  FlagIndicator b{"b", {1, 1, 1, 5, 5, 5, 9, 9, 9}, Worse::High};
  auto r = flag_dual(a, b, {});
  std::vector<int> want;
  for (int i = 0; i < 9; ++i) {
    int la = i / 3;  // a = 1..3 least disadvantaged
    int lb = i / 3;
    want.push_back(3 * lb + la);
  }
  EXPECT_EQ(r.bivariate, want);
  EXPECT_EQ(bivariate_level(1, 9), 2);
  EXPECT_EQ(bivariate_level(9, 9), 0);
}

TEST(Flag, Errors) {
  FlagIndicator a{"a", {NaN, 1}, Worse::High};
  FlagIndicator b{"b", {1, NaN}, Worse::High};
  try {
    flag_dual(a, b, {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(
        e.what(),
        "no area has values of both 'a' and 'b'; check that both columns joined (see the join report)");
  }
  FlagOptions o;
  o.worst_share = 1.5;
  try {
    flag_dual(a, b, o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "the worst share must be above 0% and at most 100% (got 150%)");
  }
}

}  // namespace
}  // namespace nbhd
