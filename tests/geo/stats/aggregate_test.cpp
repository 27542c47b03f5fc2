#include "geo/stats/aggregate.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "base/error.hpp"

namespace nbhd {
namespace {

Table make_table(const std::string& source,
                 const std::vector<std::pair<std::string, std::vector<std::string>>>& cols) {
  Table t(source);
  for (const auto& [name, cells] : cols)
    t.add(make_column(name, std::vector<std::string_view>(cells.begin(), cells.end())));
  return t;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

// Children c1..c6 in parents P1 (c1, c2, c3), P2 (c4, c5); c6 has no parent in the lookup.
struct Fixture {
  Table children = make_table("children.csv", {{"code", {"c1", "c2", "c3", "c4", "c5", "c6"}},
                                               {"decile", {"1", "1", "4", "2", "", "1"}},
                                               {"score", {"10", "20", "60", "5", "7", "99"}},
                                               {"households", {"100", "300", "0", "50", "50", "1"}},
                                               {"name", {"a", "b", "c", "d", "e", "f"}}});
  Table lookup = make_table("lookup.csv", {{"child", {"c1", "c2", "c3", "c4", "c5", "zz"}},
                                           {"parent", {"P1", "P1", "P1", "P2", "P2", "P3"}}});
  std::vector<std::string> codes{"c1", "c2", "c3", "c4", "c5", "c6"};
};

TEST(Aggregate, LookupAssignsParentsAndReportsOrphans) {
  Fixture f;
  auto a = parents_from_lookup(f.codes, f.lookup, "child", "parent");
  EXPECT_EQ(a.parent_of, (std::vector<std::string>{"P1", "P1", "P1", "P2", "P2", ""}));
  EXPECT_EQ(a.unassigned, (std::vector<std::string>{"c6"}));
}

TEST(Aggregate, EveryStatisticAgainstHandWorkedValues) {
  Fixture f;
  auto a = parents_from_lookup(f.codes, f.lookup, "child", "parent");
  std::vector<AggregateStat> stats{parse_agg_stat("count", ""),
                                   parse_agg_stat("count", "decile"),
                                   parse_agg_stat("sum", "score"),
                                   parse_agg_stat("mean", "score"),
                                   parse_agg_stat("wmean", "score", "households"),
                                   parse_agg_stat("min", "score"),
                                   parse_agg_stat("max", "score"),
                                   parse_agg_stat("median", "score"),
                                   parse_agg_stat("share:1", "decile"),
                                   parse_agg_stat("share:1:2", "decile")};
  auto r = aggregate(f.children, a.parent_of, stats, "ward");
  const Table& t = r.table;
  EXPECT_EQ(r.assigned, 5u);
  EXPECT_EQ(r.parents, 2u);
  EXPECT_EQ(t.column("ward").text, (std::vector<std::string>{"P1", "P2"}));
  EXPECT_EQ(t.column("n_children").num, (std::vector<double>{3, 2}));
  EXPECT_EQ(t.column("decile_count").num, (std::vector<double>{3, 1}));  // c5 has no decile
  EXPECT_EQ(t.column("score_sum").num, (std::vector<double>{90, 12}));
  EXPECT_EQ(t.column("score_mean").num, (std::vector<double>{30, 6}));
  EXPECT_DOUBLE_EQ(t.column("score_wmean").num[0], (10 * 100 + 20 * 300 + 60 * 0) / 400.0);
  EXPECT_DOUBLE_EQ(t.column("score_wmean").num[1], 6);
  EXPECT_EQ(t.column("score_min").num, (std::vector<double>{10, 5}));
  EXPECT_EQ(t.column("score_max").num, (std::vector<double>{60, 7}));
  EXPECT_EQ(t.column("score_median").num, (std::vector<double>{20, 6}));
  EXPECT_DOUBLE_EQ(t.column("decile_pct_1").num[0], 200.0 / 3);
  EXPECT_EQ(t.column("decile_pct_1").num[1], 0);
  EXPECT_EQ(t.column("decile_pct_1_2").num[1], 100);
  EXPECT_EQ(t.column("score_sum").type, ColumnType::Integer);
  EXPECT_EQ(t.column("score_wmean").type, ColumnType::Real);
}

TEST(Aggregate, ParentOrderKeepsChildlessParentsWithMissingValues) {
  Fixture f;
  auto a = parents_from_lookup(f.codes, f.lookup, "child", "parent");
  std::vector<std::string> order{"P3", "P1"};
  auto r = aggregate(f.children, a.parent_of, {parse_agg_stat("mean", "score")}, "ward", &order);
  EXPECT_EQ(r.table.column("n_children").num, (std::vector<double>{0, 3}));
  EXPECT_TRUE(std::isnan(r.table.column("score_mean").num[0]));
  EXPECT_EQ(r.assigned, 3u);  // P2's children are outside the order
}

TEST(Aggregate, ErrorsNameTheTableAndColumn) {
  Fixture f;
  auto a = parents_from_lookup(f.codes, f.lookup, "child", "parent");
  EXPECT_EQ(error_of([&] { aggregate(f.children, a.parent_of, {parse_agg_stat("mean", "Score")}, "ward"); }),
            "unknown column 'Score' in children.csv; did you mean 'score'?");
  EXPECT_EQ(
      error_of([&] { aggregate(f.children, a.parent_of, {parse_agg_stat("mean", "name")}, "ward"); }),
      "column 'name' in children.csv is not numeric (it holds text such as 'a'); choose a numeric column");
  EXPECT_EQ(
      error_of([&] { parse_agg_stat("average", "score"); }),
      "unknown statistic 'average'; statistics are: count, sum, mean, wmean, min, max, median, share:V, "
      "share:LO:HI");
  EXPECT_EQ(error_of([&] { parse_agg_stat("share:x", "decile"); }),
            "statistic 'share:x': 'x' is not a number; write share:1 or share:1:3");
  EXPECT_EQ(error_of([&] { parse_agg_stat("wmean", "score"); }),
            "statistic 'wmean' needs a weight column, e.g. households");
  EXPECT_EQ(error_of([&] { parents_from_lookup(f.codes, f.lookup, "lsoa", "parent"); }),
            "unknown column 'lsoa' in lookup.csv; columns are: child, parent");
  Table twice = make_table("l2.csv", {{"child", {"c1", "c1"}}, {"parent", {"P1", "P2"}}});
  EXPECT_EQ(
      error_of([&] { parents_from_lookup(f.codes, twice, "child", "parent"); }),
      "lookup l2.csv maps 'c1' to two parents ('P1' and 'P2'); a lookup must give one parent per child");
  Table neg = make_table("neg.csv", {{"v", {"1", "2"}}, {"w", {"1", "-1"}}});
  EXPECT_EQ(error_of([&] {
              aggregate(neg, {"A", "A"}, {parse_agg_stat("wmean", "v", "w")}, "p");
            }),
            "weight column 'w' in neg.csv has a negative value (-1); weights must be 0 or more");
}

MultiPolygon square(double x0, double y0, double s) {
  Polygon p;
  p.rings.push_back({{x0, y0}, {x0 + s, y0}, {x0 + s, y0 + s}, {x0, y0 + s}, {x0, y0}});
  return {p};
}

TEST(Aggregate, SpatialAssignmentUsesPointOnSurface) {
  AreaLayer parents;
  parents.source = "parents.gpkg";
  parents.codes = {"W1", "W2"};
  parents.geoms = {square(0, 0, 100), square(100, 0, 100)};
  AreaLayer children;
  children.codes = {"a", "b", "c", "d"};
  // An L-shaped child whose centroid would fall outside it; its point on surface must not.
  Polygon l;
  l.rings.push_back({{110, 10}, {190, 10}, {190, 20}, {120, 20}, {120, 90}, {110, 90}, {110, 10}});
  children.geoms = {square(10, 10, 20), square(60, 60, 30), {l}, square(500, 500, 10)};
  auto pts = points_on_surface(children);
  ASSERT_EQ(pts.size(), 4u);
  EXPECT_TRUE(contains(children.geoms[2], pts[2]));
  auto a = parents_by_location(pts, children.codes, parents);
  EXPECT_EQ(a.parent_of, (std::vector<std::string>{"W1", "W1", "W2", ""}));
  EXPECT_EQ(a.unassigned, (std::vector<std::string>{"d"}));
}

}  // namespace
}  // namespace nbhd
