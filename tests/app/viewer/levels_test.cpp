// The Level control's model without a window: the levels the demo borough's fields offer, a level's data
// made in process (the loaded areas dissolved, every column aggregated by its rule, children per ward), the
// level chosen for a zoom, and a lookup without the boundaries' codes refused with the loader's message.
#include "app/viewer/levels.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "support/test_data.hpp"

namespace nbhd::view {
namespace {

Sources demo_sources() {
  Sources s;
  s.boundaries = (test::demo_dir() / "lsoa.gpkg").string();
  s.indicators = {(test::demo_dir() / "indicators.csv").string()};
  return s;
}

TEST(LevelsModel, TheDemoOffersWardsAndItsLocalAuthorityAndMakesThem) {
  std::shared_ptr<const ViewData> base = load_view_data(demo_sources(), {});
  Levels lv;
  lv.reset(base);
  ASSERT_EQ(lv.choices().size(), 3u);
  EXPECT_EQ(lv.choices()[1].label, "Ward");
  EXPECT_EQ(lv.choices()[1].code_field, "ward24_code");
  EXPECT_EQ(lv.choices()[1].name_field, "ward24_name");
  EXPECT_EQ(lv.choices()[2].label, "Local authority");
  auto w = build_level_data(base, lv.choices()[1], "households_total", {});
  EXPECT_EQ(w->layer.size(), 25u);
  EXPECT_EQ(w->level.rules.at("IMD_score"), "households-weighted mean of LSOAs");
  EXPECT_EQ(w->level.rules.at("IMD_rank"), "% of LSOAs in the most deprived decile");
  EXPECT_EQ(w->level.rules.at("households_total"), "sum of LSOAs");
  size_t kids = 0;
  for (const auto& c : w->level.children) kids += c.size();
  EXPECT_EQ(kids, base->layer.size());
  EXPECT_EQ(w->group_column, "ltla24_code");  // carried: every ward's LSOAs share it
  // Zoomed far out the biggest level, close in the LSOAs.
  EXPECT_EQ(lv.level_for_zoom(1e6), 2);
  EXPECT_EQ(lv.level_for_zoom(1), 0);
  // Level 0 is the loaded data itself, at once.
  EXPECT_EQ(lv.request(0), base);
}

TEST(LevelsModel, ALookupWithoutTheBoundariesCodesIsRefused) {
  auto dir = test::scratch_dir();
  std::ofstream(dir / "lookup.csv") << "code,ward\nX1,E05000001\n";
  Sources s = demo_sources();
  s.lookup = (dir / "lookup.csv").string();
  EXPECT_EQ(test::message_of([&] { load_view_data(s, {}); }),
            "lookup " + s.lookup + " has no column holding the codes of " + s.boundaries +
                " (e.g. E01900001); give a table with the boundaries' codes and their parents' codes");
}

}  // namespace
}  // namespace nbhd::view
