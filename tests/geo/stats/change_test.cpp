// Change between two periods: hand-checkable areas, then IMD 2019 (brought to LSOA 2021 by the worst
// rule) against IMD 2025 on the shared data: the transition matrix sums to the areas compared and its
// margins are each period's decile counts.
#include "geo/stats/change.hpp"

#include <gtest/gtest.h>

#include "geo/tables/convert.hpp"
#include "geo/tables/table_io.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

using test::message_of;

TEST(Change, PerAreaMatrixAndHeadline) {
  Period a{"A",
           {"x", "y", "z", "w", "only_a"},
           {1, 5, 40, 90, 3},
           {1, 1, 4, 9, 1},
           {"unchanged", "split", "", "", ""}};
  Period b{"B", {"z", "y", "x", "only_b", "w"}, {2, 20, 3, 7, 95}, {1, 2, 1, 1, 10}, {}};
  ChangeResult r = compare_periods(a, b);
  ASSERT_EQ(r.compared, 4u);
  EXPECT_EQ(r.only_a, std::vector<std::string>{"only_a"});
  EXPECT_EQ(r.only_b, std::vector<std::string>{"only_b"});
  EXPECT_EQ(r.areas[0].code, "z");  // B's order
  EXPECT_EQ(r.areas[0].decile_change, -3);
  EXPECT_TRUE(r.areas[0].entered);
  EXPECT_EQ(r.areas[1].code, "y");
  EXPECT_TRUE(r.areas[1].left);
  EXPECT_EQ(r.areas[1].rank_change, 15);
  EXPECT_EQ(r.areas[1].comparability, "split");
  EXPECT_EQ(r.transition[0][0], 1u);  // x
  EXPECT_EQ(r.transition[0][1], 1u);  // y
  EXPECT_EQ(r.transition[3][0], 1u);  // z
  EXPECT_EQ(r.transition[8][9], 1u);  // w
  EXPECT_EQ(r.national.top_b, 2u);
  EXPECT_EQ(r.national.top_b_was_top_a, 1u);
  EXPECT_EQ(r.national.top_a, 2u);
  auto g = headlines_by_group(r, {"G1", "G1", "G2", ""});
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].group, "G1");
  EXPECT_EQ(g[0].top_b, 1u);
  EXPECT_EQ(g[0].top_a, 1u);
  EXPECT_EQ(g[0].top_b_was_top_a, 0u);
  EXPECT_EQ(g[1].top_b_was_top_a, 1u);
}

TEST(Change, BadPeriods) {
  Period a{"imd2019.csv", {"E01000001"}, {1}, {1}, {}};
  Period b{"imd2025.csv", {"E01999999"}, {1}, {1}, {}};
  EXPECT_EQ(message_of([&] { compare_periods(a, b); }),
            "imd2019.csv and imd2025.csv have no area code in common (E01000001... against E01999999...); "
            "bring both "
            "to the same geography first (nbhd convert)");
  Period c{"c.csv", {"E01999999"}, {1}, {11}, {}};
  EXPECT_EQ(message_of([&] { compare_periods(b, c); }),
            "c.csv: decile of 'E01999999' is 11; a decile is a whole number from 1 to 10 (is the column a "
            "decile?)");
}

TEST(Change, Imd2019To2025TransitionSumsToTheAreasCompared) {
  NBHD_REQUIRE_SHARED("england/imd2025_lsoa21.csv");
  NBHD_REQUIRE_SHARED("england/lsoa11_lsoa21.csv");
  const auto d = test::shared_data() / "england";
  Table imd19 = read_table((d / "imd2019_lsoa11.csv").string());
  ConvertOptions co;
  co.rules = {parse_column_rule("*=worst")};
  Table a = convert_table(
                imd19,
                read_lookup(read_table((d / "lsoa11_lsoa21.csv").string()), "lsoa11_code", "lsoa21_code"), co)
                .table;
  Table b = read_table((d / "imd2025_lsoa21.csv").string());
  ChangeOptions o;
  o.rank_a = "IMD_rank";
  o.decile_a = "IMD_decile";
  ChangeResult r = change_tables(a, b, o);
  EXPECT_EQ(r.compared, 33755u);
  size_t total = 0;
  std::array<size_t, 10> row{}, col{};
  for (int i = 0; i < 10; ++i)
    for (int j = 0; j < 10; ++j) {
      total += r.transition[i][j];
      row[i] += r.transition[i][j];
      col[j] += r.transition[i][j];
    }
  EXPECT_EQ(total, r.compared);
  // Margins: each period's decile counts, counted straight from the tables.
  std::array<size_t, 10> da{}, db{};
  for (double v : a.column("IMD_decile").num) ++da[static_cast<size_t>(v) - 1];
  for (double v : b.column("IMD_decile").num) ++db[static_cast<size_t>(v) - 1];
  EXPECT_EQ(row, da);
  EXPECT_EQ(col, db);
  // Headline as computed: 2,766 of IMD 2025's 3,375 most deprived LSOAs were in decile 1 of IMD 2019.
  EXPECT_EQ(r.national.top_b, 3375u);
  EXPECT_EQ(r.national.top_b_was_top_a, 2766u);
  EXPECT_EQ(r.transition[0][0], 2766u);
  size_t entered = 0, left = 0;
  for (const auto& c : r.areas) {
    entered += c.entered;
    left += c.left;
  }
  EXPECT_EQ(entered, db[0] - r.transition[0][0]);
  EXPECT_EQ(left, da[0] - r.transition[0][0]);
}

}  // namespace
}  // namespace nbhd
