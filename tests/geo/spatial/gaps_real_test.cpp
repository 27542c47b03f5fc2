// The gap engine on the real Greater Manchester assets and all 35,672 LSOAs: the coverage rule keeps exactly
// the LSOAs of the ten GM boroughs (counted here from the ONS lookup, independently of the assets), the one
// asset over the border does not make Blackburn with Darwen "covered", and the documented GM group tables
// (docs/asset_groups_gm*.csv) name only categories the files have.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "base/error.hpp"
#include "geo/spatial/gaps.hpp"
#include "geo/vector/ingest.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

TEST(GapsReal, CoverageIsTheTenBoroughsAndTheGroupTablesMatchTheFiles) {
  NBHD_REQUIRE_SHARED("assets/gm_community_assets.gpkg");
  NBHD_REQUIRE_SHARED("assets/gm_greenspace_access_points.gpkg");
  AreaLayer areas = load_areas((test::shared_data() / "england/lsoa21.gpkg").string());
  std::vector<PointLayer> layers{
      load_points((test::shared_data() / "assets/gm_community_assets.gpkg").string())};
  AssetIndex idx(merge_assets(layers));
  GapOptions o;
  o.within = 800;
  o.groups = read_category_groups(std::string(NBHD_SOURCE_DIR) + "/docs/asset_groups_gm.csv");
  GapReport r = gap_indicators(areas, idx, o);
  const std::set<std::string> gm{"Bolton",  "Bury",      "Manchester", "Oldham",   "Rochdale",
                                 "Salford", "Stockport", "Tameside",   "Trafford", "Wigan"};
  const Column& la = areas.attrs.column("ltla24_name");
  size_t in_gm = 0;
  const auto& miss = r.table.column(r.missing_column).num;
  for (size_t i = 0; i < areas.size(); ++i) {
    bool g = gm.count(la.text[i]) > 0;
    in_gm += g;
    EXPECT_EQ(std::isnan(miss[i]), !g) << areas.codes[i] << " " << la.text[i];
  }
  EXPECT_EQ(r.covered, in_gm);
  EXPECT_EQ(in_gm, 1702u);
  EXPECT_EQ(r.units, (std::vector<std::string>{"community_civic", "health", "education", "green_space",
                                               "everyday_services"}));
  // With the greenspace access points as a second layer, the second table is accepted (and without it, not).
  CategoryGroups green =
      read_category_groups(std::string(NBHD_SOURCE_DIR) + "/docs/asset_groups_gm_greenspace.csv");
  EXPECT_THROW(check_group_categories(green, idx.set().categories), Error);
  layers.push_back(load_points((test::shared_data() / "assets/gm_greenspace_access_points.gpkg").string()));
  AssetIndex both(merge_assets(layers));
  check_group_categories(green, both.set().categories);
}

}  // namespace
}  // namespace nbhd
