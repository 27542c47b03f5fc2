// The gap engine (geo/spatial/gaps.hpp) and the category group table (asset_groups.hpp) on hand-built
// layers whose answers are known by construction: four 100 m squares in two local authorities, assets placed
// at chosen distances, a denominator with a zero and a blank.
#include "geo/spatial/gaps.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "base/error.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

Polygon square(double x0, double y0, double x1, double y1) {
  return Polygon{{Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}};
}

Column text_col(const std::string& name, std::vector<std::string> v) {
  Column c;
  c.name = name;
  c.type = ColumnType::Text;
  c.text = std::move(v);
  return c;
}

// Four squares in a row, 1 km apart (A0 A1 in authority E1, A2 A3 in E2), each 100 m wide.
AreaLayer four_areas() {
  AreaLayer l;
  l.key_field = "code";
  l.source = "fixture.gpkg";
  for (int i = 0; i < 4; ++i) {
    double x = 1000.0 * i;
    l.geoms.push_back(MultiPolygon{square(x, 0, x + 100, 100)});
    l.codes.push_back("A" + std::to_string(i));
    l.names.push_back("");
    l.extent.expand(bbox_of(l.geoms.back()));
  }
  l.attrs.set_rows(4);
  l.attrs.add(text_col("ltla24_code", {"E1", "E1", "E2", "E2"}));
  Column hh;
  hh.name = "households_total";
  hh.type = ColumnType::Real;
  hh.num = {500, 0, std::nan(""), 400};
  l.attrs.add(hh);
  return l;
}

// In E1: 10 libraries inside A0, a gp 150 m right of A0's edge (850 m from A1's), a park inside A1. In E2:
// one library inside A2.
AssetIndex fixture_assets() {
  PointLayer p;
  p.source = "assets.gpkg";
  for (int k = 0; k < 10; ++k) {
    p.pts.push_back({10.0 + 8 * k, 50});
    p.categories.push_back("library");
  }
  p.pts.push_back({250, 50});  // 150 m right of A0's edge
  p.categories.push_back("gp");
  p.pts.push_back({1050, 50});
  p.categories.push_back("park");
  p.pts.push_back({2050, 50});
  p.categories.push_back("library");
  p.names.assign(p.pts.size(), "");
  return AssetIndex(merge_assets({p}));
}

double at(const Table& t, const std::string& col, size_t row) {
  return t.column(col).num[row];
}

TEST(Gaps, CoverageLeavesUnsurveyedAuthoritiesNoDataAndCountsTheRest) {
  AreaLayer areas = four_areas();
  AssetIndex idx = fixture_assets();
  GapOptions o;
  o.within = 200;
  GapReport r = gap_indicators(areas, idx, o);
  EXPECT_EQ(r.coverage_field, "ltla24_code");
  EXPECT_EQ(r.covered, 2u);  // E1 holds 11 assets inside its areas, E2 one
  EXPECT_EQ(r.uncovered_with_assets, std::vector<std::string>{"E2"});
  const Table& t = r.table;
  EXPECT_EQ(at(t, "library_inside", 0), 10);
  EXPECT_EQ(at(t, "gp_within_200m", 0), 1);  // 150 m away
  EXPECT_EQ(at(t, "gp_inside", 0), 0);
  EXPECT_NEAR(at(t, "gp_nearest_m", 0), 150, 1e-9);
  EXPECT_EQ(at(t, "park_within_200m", 1), 1);
  // A2 holds a library but its authority is not covered: No data, never a count.
  for (const char* c : {"library_inside", "assets_within_200m", "missing_within_200m", "library_nearest_m"}) {
    EXPECT_TRUE(std::isnan(at(t, c, 2))) << c;
    EXPECT_TRUE(std::isnan(at(t, c, 3))) << c;
  }
  EXPECT_EQ(t.column("missing_within_200m_list").text[2], "");
  // Without the rule every area is counted.
  o.coverage.on = false;
  GapReport all = gap_indicators(areas, idx, o);
  EXPECT_EQ(all.covered, 4u);
  EXPECT_EQ(at(all.table, "library_inside", 2), 1);
  EXPECT_EQ(at(all.table, "assets_within_200m", 3), 0);
  // A lower threshold covers E2 too.
  o.coverage = {true, "", 1};
  EXPECT_EQ(gap_indicators(areas, idx, o).covered, 4u);
}

TEST(Gaps, MissingCountsGroupsWithNothingWithinDAndNamesThem) {
  AreaLayer areas = four_areas();
  AssetIndex idx = fixture_assets();
  GapOptions o;
  o.within = 200;
  o.groups = parse_category_groups("group,category\ncivic,library\nhealth,gp\ngreen,park\n", "groups.csv");
  o.per_category = false;
  GapReport r = gap_indicators(areas, idx, o);
  EXPECT_EQ(r.units, (std::vector<std::string>{"civic", "health", "green"}));
  const Table& t = r.table;
  EXPECT_FALSE(t.find("library_inside"));  // per_category off: groups only
  EXPECT_EQ(at(t, "civic_inside", 0), 10);
  EXPECT_EQ(at(t, "missing_within_200m", 0), 1);  // civic and health near A0, no green
  EXPECT_EQ(t.column("missing_within_200m_list").text[0], "green");
  EXPECT_EQ(at(t, "missing_within_200m", 1), 2);
  EXPECT_EQ(t.column("missing_within_200m_list").text[1], "civic; health");
  // At 1 km the park (950 m from A0's edge) and the gp (850 m from A1's) come within reach.
  o.within = 1000;
  GapReport far = gap_indicators(areas, idx, o);
  EXPECT_EQ(at(far.table, "missing_within_1000m", 0), 0);
  EXPECT_EQ(far.table.column("missing_within_1000m_list").text[0], "none");
  // Without groups, the missing count is over the chosen categories.
  GapOptions c;
  c.within = 200;
  c.categories = {"gp", "park"};
  GapReport rc = gap_indicators(areas, idx, c);
  EXPECT_EQ(rc.units, (std::vector<std::string>{"gp", "park"}));
  EXPECT_EQ(at(rc.table, "missing_within_200m", 0), 1);
  EXPECT_EQ(at(rc.table, "assets_inside", 0), 0);  // the libraries are not chosen
  EXPECT_EQ(rc.covered, 2u);                       // coverage still counts every asset
}

TEST(Gaps, DenominatorZerosAndBlanksGiveNoDataRatesAndAreCounted) {
  AreaLayer areas = four_areas();
  AssetIndex idx = fixture_assets();
  GapOptions o;
  o.within = 200;
  o.coverage.on = false;
  o.denominator = &areas.attrs.column("households_total");
  GapReport r = gap_indicators(areas, idx, o);
  EXPECT_EQ(r.denominator_missing, 2u);  // A1 has 0, A2 blank
  EXPECT_DOUBLE_EQ(at(r.table, "assets_inside_per_1000", 0), 1000.0 * 10 / 500);
  EXPECT_TRUE(std::isnan(at(r.table, "assets_inside_per_1000", 1)));
  EXPECT_TRUE(std::isnan(at(r.table, "assets_within_200m_per_1000", 2)));
  EXPECT_DOUBLE_EQ(at(r.table, "assets_within_200m_per_1000", 3), 0);
}

TEST(Gaps, SameFiguresAsGapTableWhenNothingIsChosen) {
  AreaLayer areas = four_areas();
  AssetIndex idx = fixture_assets();
  GapOptions o;
  o.within = 300;
  o.coverage.on = false;
  GapReport r = gap_indicators(areas, idx, o);
  ProximityOptions po;
  po.within = 300;
  Table old = gap_table(areas, idx.set(), proximity_per_area(areas, idx, po));
  for (const auto& c : old.cols()) {
    ASSERT_TRUE(r.table.find(c.name)) << c.name;
    const Column& n = r.table.column(c.name);
    for (size_t i = 0; i < old.rows(); ++i)
      if (c.numeric())
        EXPECT_TRUE(c.num[i] == n.num[i] || (std::isnan(c.num[i]) && std::isnan(n.num[i]))) << c.name << i;
      else
        EXPECT_EQ(c.text[i], n.text[i]);
  }
}

TEST(Gaps, BadInputIsOneLineThatSaysWhatToGive) {
  AreaLayer areas = four_areas();
  AssetIndex idx = fixture_assets();
  GapOptions o;
  o.within = -1;
  EXPECT_EQ(test::message_of([&] { gap_indicators(areas, idx, o); }),
            "the distance D must be a number of metres from 0 to 50000, got -1");
  o.within = 60000;
  EXPECT_EQ(test::message_of([&] { gap_indicators(areas, idx, o); }),
            "the distance D must be a number of metres from 0 to 50000, got 60000");
  o.within = 100;
  o.groups = parse_category_groups("group,category\nhealth,gp\nhealth,dentist\ncivic,libary\n", "g.csv");
  EXPECT_EQ(
      test::message_of([&] { gap_indicators(areas, idx, o); }),
      "g.csv names 2 categories the assets do not have: dentist, libary; the assets' categories are: gp, "
      "library, park");
  o.groups = {};
  o.categories = {"pub"};
  EXPECT_EQ(test::message_of([&] { gap_indicators(areas, idx, o); }),
            "unknown category pub; the assets' categories are: gp, library, park");
  o.categories = {};
  o.coverage.field = "lad99_code";
  EXPECT_EQ(
      test::message_of([&] { gap_indicators(areas, idx, o); }),
      "coverage field 'lad99_code' is not a field of fixture.gpkg; name the local-authority field of the "
      "boundaries (e.g. ltla24_code)");
}

TEST(Gaps, AssetsFarFromTheBoundariesAreWarnedNotMappedAsZeros) {
  AreaLayer areas = four_areas();
  PointLayer p;
  p.source = "lonlat_as_metres.gpkg";  // degrees read as metres: a few metres from the origin of 27700
  p.pts = {{-2.24, 53.48}, {-2.25, 53.47}};
  p.pts[0].x += 1e6, p.pts[1].x += 1e6;
  p.categories = {"library", "library"};
  p.names = {"", ""};
  AssetIndex idx(merge_assets({p}));
  GapReport r = gap_indicators(areas, idx, GapOptions{});
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(
      r.warnings[0],
      "none of the 2 assets (lonlat_as_metres.gpkg) lies within 10 km of the boundaries; check the assets' "
      "CRS (every area is No data)");
  EXPECT_EQ(r.covered, 0u);
}

TEST(CategoryGroups, ParsesQuotesCommentsAndOrder) {
  auto g = parse_category_groups(
      "\xEF\xBB\xBF# planners' groups\r\nnote,Category,GROUP\r\n"
      "x,gp,health\r\n\r\ny,\"food, bank\",\"everyday "
      "\"\"services\"\"\"\r\nz,pharmacy,health\r\nz,gp,health\n",
      "g.csv");
  ASSERT_EQ(g.groups.size(), 2u);
  EXPECT_EQ(g.groups[0].name, "health");
  EXPECT_EQ(g.groups[0].categories, (std::vector<std::string>{"gp", "pharmacy"}));
  EXPECT_EQ(g.groups[1].name, "everyday \"services\"");
  EXPECT_EQ(g.groups[1].categories, std::vector<std::string>{"food, bank"});
}

TEST(CategoryGroups, BadTablesSayWhereAndWhat) {
  auto msg = [](const std::string& text) {
    return test::message_of([&] { parse_category_groups(text, "g.csv"); });
  };
  EXPECT_EQ(msg(""),
            "g.csv: is empty; a group table has a header line group,category and one line per category");
  EXPECT_EQ(msg("group,category\n"), "g.csv: has a header but no groups; add lines group,category");
  EXPECT_EQ(msg("name,cat\nx,y\n"),
            "g.csv line 1: the header must name the columns 'group' and 'category' (e.g. group,category)");
  EXPECT_EQ(msg("group,category\nhealth,gp,extra\n"),
            "g.csv line 2: has 3 fields, the header 2; one group,category pair a line");
  EXPECT_EQ(msg("group,category\n,gp\n"),
            "g.csv line 2: the group is blank; give both a group and a category");
  EXPECT_EQ(msg("group,category\n\"health,gp\n"),
            "g.csv line 2: a quoted field is not closed; close the quote or remove it");
}

}  // namespace
}  // namespace nbhd
