#include "geo/spatial/dissolve.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "base/error.hpp"
#include "geo/spatial/geos_handle.hpp"

namespace nbhd {
namespace {

MultiPolygon square(double x, double y, double s) {
  return {Polygon{{Ring{{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}, {x, y}}}}};
}

// An 8 x 6 grid of 100 m cells with slightly irregular shared corners (so parents are not rectangles by
// accident): cell (i, j) belongs to parent "P<i/2>-<j/3>", 4 x 2 = 8 parents of 6 cells each.
struct Grid {
  std::vector<MultiPolygon> cells;
  std::vector<std::string> parent_of;
};

Grid grid() {
  Grid g;
  auto corner = [](int i, int j) {
    double dx = ((i * 7 + j * 3) % 5) * 3.0, dy = ((i * 5 + j * 11) % 7) * 2.0;
    bool edge = i == 0 || j == 0 || i == 8 || j == 6;
    return Point{i * 100.0 + (edge ? 0 : dx), j * 100.0 + (edge ? 0 : dy)};
  };
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 6; ++j) {
      Ring r{corner(i, j), corner(i + 1, j), corner(i + 1, j + 1), corner(i, j + 1), corner(i, j)};
      g.cells.push_back({Polygon{{r}}});
      g.parent_of.push_back("P" + std::to_string(i / 2) + "-" + std::to_string(j / 3));
    }
  return g;
}

double sum_area(const std::vector<MultiPolygon>& gs, const std::vector<uint32_t>& which) {
  double a = 0;
  for (uint32_t k : which) a += area(gs[k]);
  return a;
}

TEST(Dissolve, CoverageKeepsAreaAndCountsParents) {
  Grid g = grid();
  DissolveResult r = dissolve(g.cells, g.parent_of);
  ASSERT_EQ(r.parents.size(), 8u);
  EXPECT_EQ(r.parents.front(), "P0-0");
  EXPECT_EQ(r.fallbacks, 0u);
  EXPECT_TRUE(r.no_parent.empty());
  double total = 0;
  for (size_t p = 0; p < r.parents.size(); ++p) {
    ASSERT_EQ(r.children[p].size(), 6u) << r.parents[p];
    double kids = sum_area(g.cells, r.children[p]);
    EXPECT_NEAR(area(r.geoms[p]), kids, 1e-6 * kids) << r.parents[p];
    ASSERT_EQ(r.geoms[p].size(), 1u) << r.parents[p] << ": one polygon, the inner edges gone";
    EXPECT_EQ(r.geoms[p][0].rings.size(), 1u);
    total += area(r.geoms[p]);
  }
  EXPECT_NEAR(total, 800.0 * 600.0, 1e-6 * 800 * 600);
  EXPECT_EQ(describe_dissolve(r, "wards"), "coverage union for 8 wards");
}

TEST(Dissolve, ChildrenWithoutParentAreListedNotDissolved) {
  Grid g = grid();
  g.parent_of[0] = "";
  g.parent_of[47] = "";
  DissolveResult r = dissolve(g.cells, g.parent_of);
  EXPECT_EQ(r.no_parent, (std::vector<uint32_t>{0, 47}));
  ASSERT_EQ(r.parents.size(), 8u);
  EXPECT_EQ(r.children[0].size(), 5u);
  EXPECT_NEAR(area(r.geoms[0]), sum_area(g.cells, r.children[0]), 1e-6 * area(r.geoms[0]));
}

TEST(Dissolve, OverlappingChildrenFallBackToTheGeneralUnion) {
  // Not a coverage: B overlaps A by half, C is apart. The coverage union cannot be trusted for "X".
  std::vector<MultiPolygon> kids = {square(0, 0, 100), square(50, 0, 100), square(500, 0, 100),
                                    square(1000, 0, 100), square(1100, 0, 100)};
  std::vector<std::string> parent = {"X", "X", "X", "Y", "Y"};
  DissolveResult r = dissolve(kids, parent);
  ASSERT_EQ(r.parents, (std::vector<std::string>{"X", "Y"}));
  EXPECT_EQ(r.fallbacks, 1u);
  EXPECT_EQ(r.fallback_parents, (std::vector<std::string>{"X"}));
  EXPECT_NEAR(area(r.geoms[0]), 150.0 * 100 + 100 * 100, 1e-6);  // the overlap counted once
  EXPECT_EQ(r.geoms[0].size(), 2u);
  EXPECT_NEAR(area(r.geoms[1]), 200.0 * 100, 1e-6);  // Y is a clean coverage
  EXPECT_EQ(
      describe_dissolve(r, "wards"),
      "coverage union for 1 wards, the general union for 1 whose children are not a clean coverage (X)");
}

TEST(Dissolve, SameResultOnOneThreadAndMany) {
  Grid g = grid();
  DissolveOptions one;
  one.threads = 1;
  DissolveResult a = dissolve(g.cells, g.parent_of, one), b = dissolve(g.cells, g.parent_of);
  ASSERT_EQ(a.parents, b.parents);
  for (size_t p = 0; p < a.parents.size(); ++p) EXPECT_EQ(area(a.geoms[p]), area(b.geoms[p]));
}

TEST(Dissolve, CancelStops) {
  Grid g = grid();
  DissolveOptions o;
  o.progress = [](double, std::string_view) { return false; };
  EXPECT_THROW(dissolve(g.cells, g.parent_of, o), Cancelled);
}

TEST(Dissolve, SizesMustAgree) {
  Grid g = grid();
  g.parent_of.pop_back();
  try {
    dissolve(g.cells, g.parent_of);
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "dissolve: 48 children but 47 parent codes");
  }
}

}  // namespace
}  // namespace nbhd
