#include "geo/stats/level.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace nbhd {
namespace {

MultiPolygon cell(int i) {
  double x = i * 100.0;
  return {Polygon{{Ring{{x, 0}, {x + 100, 0}, {x + 100, 100}, {x, 100}, {x, 0}}}}};
}

Column num(std::string name, std::vector<double> v) {
  Column c{std::move(name), ColumnType::Real, std::move(v), {}};
  return c;
}
Column text(std::string name, std::vector<std::string> v) {
  return Column{std::move(name), ColumnType::Text, {}, std::move(v)};
}

// Six cells in a row: W1 = c0..c2 and W2 = c3, c4 (both in LA "L1"); c5 has no ward.
AreaLayer children() {
  AreaLayer L;
  L.key_field = "lsoa_code";
  L.codes = {"c0", "c1", "c2", "c3", "c4", "c5"};
  L.names.assign(6, "");
  for (int i = 0; i < 6; ++i) L.geoms.push_back(cell(i));
  L.attrs.add(text("lsoa_code", L.codes));
  L.attrs.add(text("ward_code", {"W1", "W1", "W1", "W2", "W2", ""}));
  L.attrs.add(text("ward_name", {"One", "One", "One", "Two", "Two", ""}));
  L.attrs.add(text("la_code", {"L1", "L1", "L1", "L1", "L1", "L2"}));
  L.attrs.add(text("lsoa_note", {"a", "b", "c", "d", "e", "f"}));
  L.attrs.add(num("score", {10, 20, 60, 5, std::nan(""), 7}));
  L.attrs.add(num("households", {100, 300, 0, 50, 50, 10}));
  L.attrs.add(num("IMD_decile", {1, 2, 1, 3, 1, 1}));
  L.attrs.add(num("IMD_rank", {5, 40, 100, 12, 90, 1}));
  return L;
}

TEST(Level, RulesFollowTheColumnAndTheWeight) {
  AreaLayer L = children();
  EXPECT_EQ(level_rule(L.attrs, "score").stat, AggStat::Mean);
  AggregateStat w = level_rule(L.attrs, "score", "households");
  EXPECT_EQ(w.stat, AggStat::WeightedMean);
  EXPECT_EQ(rule_text(w, "LSOAs", "household"), "household-weighted mean of LSOAs");
  EXPECT_EQ(level_rule(L.attrs, "households", "households").stat, AggStat::Sum);
  AggregateStat d = level_rule(L.attrs, "IMD_decile");
  EXPECT_EQ(d.stat, AggStat::Share);
  EXPECT_EQ(d.lo, 1);
  EXPECT_EQ(d.hi, 1);
  EXPECT_EQ(rule_text(d, "LSOAs", ""), "% of LSOAs in the most deprived decile");
  AggregateStat r = level_rule(L.attrs, "IMD_rank");
  EXPECT_EQ(r.stat, AggStat::Share);
  EXPECT_EQ(r.hi, 10);  // the largest rank is 100
}

TEST(Level, ParentsGetDissolvedPolygonsAggregatedValuesAndConstantFields) {
  AreaLayer L = children();
  LevelOptions o;
  o.parent_key = "ward_code";
  o.parent_name = "ward_name";
  o.weight = "households";
  std::vector<std::string> parent = {"W1", "W1", "W1", "W2", "W2", ""};
  std::vector<std::string> names = {"One", "One", "One", "Two", "Two", ""};
  LevelResult r = build_level(L, parent, names, o);
  const AreaLayer& P = r.layer;
  ASSERT_EQ(P.codes, (std::vector<std::string>{"W1", "W2"}));
  EXPECT_EQ(P.names, (std::vector<std::string>{"One", "Two"}));
  EXPECT_NEAR(area(P.geoms[0]), 30000, 1e-6);
  EXPECT_EQ(r.dissolved.no_parent, (std::vector<uint32_t>{5}));
  EXPECT_EQ(r.no_parent_area, size_t(-1));
  const Table& t = P.attrs;
  EXPECT_EQ(t.numeric("n_children").num, (std::vector<double>{3, 2}));
  // (10*100 + 20*300 + 60*0) / 400; W2: c4's score is missing, so only c3 counts.
  EXPECT_DOUBLE_EQ(t.numeric("score").num[0], 17.5);
  EXPECT_DOUBLE_EQ(t.numeric("score").num[1], 5);
  EXPECT_EQ(t.numeric("households").num, (std::vector<double>{400, 100}));
  EXPECT_NEAR(t.numeric("IMD_decile").num[0], 200.0 / 3, 1e-9);
  EXPECT_EQ(t.numeric("IMD_decile").num[1], 50);
  EXPECT_NEAR(t.numeric("IMD_rank").num[0], 100.0 / 3, 1e-9);  // rank 5 <= 10
  EXPECT_EQ(t.column("la_code").text, (std::vector<std::string>{"L1", "L1"}));
  EXPECT_FALSE(t.find("lsoa_note"));  // differs within a ward
  EXPECT_FALSE(t.find("lsoa_code"));
}

TEST(Level, ChildrenWithoutParentCanShowAsOneArea) {
  AreaLayer L = children();
  LevelOptions o;
  o.parent_key = "ward_code";
  o.no_parent_name = "No ward";
  LevelResult r = build_level(L, {"W1", "W1", "W1", "W2", "W2", ""}, {}, o);
  ASSERT_EQ(r.no_parent_area, 2u);
  EXPECT_EQ(r.layer.codes[2], "none");
  EXPECT_EQ(r.layer.names[2], "No ward");
  EXPECT_NEAR(area(r.layer.geoms[2]), 10000, 1e-6);
  EXPECT_EQ(r.layer.attrs.numeric("n_children").num[2], 1);
  EXPECT_TRUE(std::isnan(r.layer.attrs.numeric("score").num[2]));
  EXPECT_EQ(r.layer.attrs.column("la_code").text, (std::vector<std::string>{"L1", "L1", ""}));
}

}  // namespace
}  // namespace nbhd
