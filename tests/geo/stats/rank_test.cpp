#include "geo/stats/rank.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "base/error.hpp"

namespace nbhd {
namespace {
const double NaN = std::numeric_limits<double>::quiet_NaN();

TEST(Rank, DirectionTiesAndMissing) {
  std::vector<double> v{5, 9, NaN, 9, 1};
  auto hi = rank_values(v, Worse::High);
  EXPECT_EQ(hi.rank[1], 1);
  EXPECT_EQ(hi.rank[3], 1);  // tie shares the rank
  EXPECT_EQ(hi.rank[0], 3);  // competition ranking: 1, 1, 3
  EXPECT_EQ(hi.rank[4], 4);
  EXPECT_TRUE(std::isnan(hi.rank[2]));
  EXPECT_EQ(hi.decile[2], 0);
  EXPECT_EQ(hi.ranked, 4u);
  auto lo = rank_values(v, Worse::Low);
  EXPECT_EQ(lo.rank[4], 1);
  EXPECT_EQ(lo.rank[0], 2);
  EXPECT_EQ(lo.rank[1], 3);
}

TEST(Rank, DecilesFollowTheCeilingConvention) {
  // 32,844 areas ranked 1..n: decile 1 holds ranks 1..3284 (floor(n/10)), as the IoD 2019 publishes.
  const size_t n = 32844;
  std::vector<double> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<double>(i + 1);
  auto r = rank_values(v, Worse::Low);
  std::vector<size_t> per(11, 0);
  for (size_t i = 0; i < n; ++i) {
    ASSERT_EQ(r.rank[i], static_cast<double>(i + 1));
    ++per[r.decile[i]];
  }
  EXPECT_EQ(r.decile[3283], 1);
  EXPECT_EQ(r.decile[3284], 2);
  EXPECT_EQ(r.decile[n - 1], 10);
  EXPECT_EQ(per[0], 0u);
  for (int d = 1; d <= 10; ++d) EXPECT_TRUE(per[d] == 3284 || per[d] == 3285) << d << ": " << per[d];
}

TEST(Rank, LocalDecilesRankWithinEachGroup) {
  std::mt19937 rng(1);
  std::vector<double> v(300);
  std::vector<std::string> g(300);
  for (size_t i = 0; i < v.size(); ++i) {
    v[i] = std::uniform_real_distribution<double>(0, 100)(rng);
    g[i] = i % 3 == 0 ? "A" : (i % 3 == 1 ? "B" : "");
  }
  auto r = rank_within(v, Worse::High, g);
  EXPECT_EQ(r.ranked, 200u);
  for (size_t i = 0; i < v.size(); ++i) {
    if (g[i].empty()) {
      EXPECT_TRUE(std::isnan(r.rank[i]));
      continue;
    }
    // Independent count: 1 + the number of group members with a strictly worse (higher) value.
    size_t worse = 0;
    for (size_t j = 0; j < v.size(); ++j) worse += (g[j] == g[i] && v[j] > v[i]);
    EXPECT_EQ(r.rank[i], static_cast<double>(worse + 1));
    EXPECT_EQ(r.group_size[i], 100u);
    EXPECT_EQ(r.decile[i], static_cast<int>(std::ceil((worse + 1) / 10.0)));
  }
}

TEST(Rank, ParseWorse) {
  EXPECT_EQ(parse_worse("HIGH"), Worse::High);
  EXPECT_EQ(parse_worse("low"), Worse::Low);
  try {
    parse_worse("up");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "unknown direction 'up': say worse=high (a high value is worse) or worse=low");
  }
}

}  // namespace
}  // namespace nbhd
