// The IoD local-authority summary measures on a hand-checkable set, then on IMD 2025 against a direct
// computation of the proportion measure.
#include "geo/stats/iod_summary.hpp"

#include <gtest/gtest.h>

#include <map>

#include "geo/tables/table_io.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

using test::message_of;

TEST(IodSummary, ExtentWeights) {
  // 1,000 LSOAs: percentile = ceil(rank / 10).
  EXPECT_EQ(extent_weight(1, 1000), 1.0);
  EXPECT_EQ(extent_weight(100, 1000), 1.0);
  EXPECT_DOUBLE_EQ(extent_weight(101, 1000), 0.95);
  EXPECT_NEAR(extent_weight(300, 1000), 0.05, 1e-12);
  EXPECT_NEAR(extent_weight(205, 1000), 0.95 - 0.9 * 10 / 19, 1e-12);  // 21st percentile
  EXPECT_EQ(extent_weight(301, 1000), 0.0);
}

// 100 LSOAs nationally; area P has ranks 5, 15, 25, 60 (weights 1, 1, 2, 6); area Q has 95, 100.
IodLsoas sample(bool weighted) {
  IodLsoas in;
  in.group = {"P", "P", "P", "P", "Q", "Q", ""};
  in.rank = {5, 15, 25, 60, 95, 100, 1};
  in.score = {50, 30, 20, 5, 1, 0.5, 99};
  if (weighted) in.weight = {1, 1, 2, 6, 1, 1, 1};
  in.national_n = 100;
  return in;
}

TEST(IodSummary, UnweightedByHand) {
  IodSummary s = summarise_iod(sample(false));
  ASSERT_EQ(s.areas.size(), 2u);
  EXPECT_EQ(s.lsoas_without_group, 1u);
  const auto& p = s.areas[0];
  EXPECT_EQ(p.code, "P");
  EXPECT_DOUBLE_EQ(p.average_rank, (5 + 15 + 25 + 60) / 4.0);
  EXPECT_DOUBLE_EQ(p.average_score, (50 + 30 + 20 + 5) / 4.0);
  EXPECT_DOUBLE_EQ(p.proportion, 0.25);  // rank 5 <= 10
  // Extent: percentiles 5, 15, 25, 60 -> 1, 0.95 - 0.9*4/19, 0.95 - 0.9*14/19, 0.
  EXPECT_NEAR(p.extent, (1 + (0.95 - 0.9 * 4 / 19) + (0.95 - 0.9 * 14 / 19)) / 4, 1e-12);
  // Local concentration: 10% of 4 LSOAs = 0.4 of the most deprived one.
  EXPECT_DOUBLE_EQ(p.local_concentration, 5);
  EXPECT_EQ(p.rank_average_rank, 1u);
  EXPECT_EQ(p.rank_local_concentration, 1u);
  EXPECT_EQ(s.areas[1].rank_proportion, 2u);
}

TEST(IodSummary, WeightedByHand) {
  IodSummary s = summarise_iod(sample(true));
  const auto& p = s.areas[0];
  EXPECT_DOUBLE_EQ(p.weight, 10);
  EXPECT_DOUBLE_EQ(p.average_rank, (5 + 15 + 2 * 25 + 6 * 60) / 10.0);
  EXPECT_DOUBLE_EQ(p.average_score, (50 + 30 + 2 * 20 + 6 * 5) / 10.0);
  EXPECT_DOUBLE_EQ(p.proportion, 0.25);  // a count of LSOAs, unweighted as the report defines it
  // 10% of 10 = 1: exactly the first LSOA.
  EXPECT_DOUBLE_EQ(p.local_concentration, 5);
  IodLsoas in = sample(true);
  in.weight = {1, 1, 2, 6, 1, 1, 1};
  in.rank[0] =
      15;  // 10% of 10 = 1: taken from the two rank-15 LSOAs? no: sorted, the first (rank 15) gives 1
  EXPECT_DOUBLE_EQ(summarise_iod(in).areas[0].local_concentration, 15);
  in.weight[0] = 0.5;  // 10% of 9.5 = 0.95: 0.5 from one rank-15 LSOA and 0.45 from the other
  EXPECT_DOUBLE_EQ(summarise_iod(in).areas[0].local_concentration, 15);
  in.rank[1] = 20;  // 0.5 at 15, 0.45 at 20
  EXPECT_NEAR(summarise_iod(in).areas[0].local_concentration, (0.5 * 15 + 0.45 * 20) / 0.95, 1e-12);
}

TEST(IodSummary, BadWeightsAndRanks) {
  IodLsoas in = sample(true);
  in.weight[1] = 0;
  in.weight[2] = std::nan("");
  std::vector<std::string> codes{"l1", "l2", "l3", "l4", "l5", "l6", "l7"};
  EXPECT_EQ(message_of([&] { summarise_iod(in, &codes); }),
            "the weight is blank, zero or negative for 2 LSOAs (l2, l3); every LSOA needs a positive weight");
  IodLsoas r = sample(false);
  r.rank[3] = 101;
  EXPECT_EQ(message_of([&] { summarise_iod(r, &codes); }),
            "rank 101 of 'l4' is outside 1..100; is the column a national rank?");
}

TEST(IodSummary, Imd2025LocalAuthoritiesProportionMatchesADirectCount) {
  NBHD_REQUIRE_SHARED("england/imd2025_lsoa21.csv");
  NBHD_REQUIRE_SHARED("england/lsoa21_ward24_ltla24.csv");
  const auto d = test::shared_data() / "england";
  Table imd = read_table((d / "imd2025_lsoa21.csv").string());
  Table groups = read_table((d / "lsoa21_ward24_ltla24.csv").string());
  SummariseOptions o;
  o.rank = "IMD_rank";
  o.score = "IMD_score";
  o.by = "ltla24_code";
  o.groups = &groups;
  IodSummary s = summarise_table(imd, o);
  EXPECT_EQ(s.national_n, 33755u);
  ASSERT_EQ(s.areas.size(), 296u);  // English local authorities 2024
  // Direct: LSOAs per LA and those with the published decile 1.
  std::map<std::string, std::string> la;
  for (size_t r = 0; r < groups.rows(); ++r)
    la[groups.column("lsoa21_code").text[r]] = groups.column("ltla24_code").text[r];
  std::map<std::string, std::pair<size_t, size_t>> count;
  for (size_t r = 0; r < imd.rows(); ++r) {
    auto& c = count[la.at(imd.column("lsoa21_code").text[r])];
    ++c.first;
    c.second += imd.column("IMD_decile").num[r] == 1;
  }
  size_t with_d1 = 0;
  for (const auto& a : s.areas) {
    ASSERT_EQ(a.lsoas, count.at(a.code).first);
    ASSERT_DOUBLE_EQ(a.proportion, static_cast<double>(count.at(a.code).second) / a.lsoas);
    with_d1 += a.proportion > 0;
  }
  EXPECT_EQ(with_d1, 192u);
}

}  // namespace
}  // namespace nbhd
