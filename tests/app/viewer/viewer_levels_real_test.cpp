// Levels on the national data (Xvfb): the 35,672 LSOA21 switched to 2024 wards through the boundaries'
// ward24_code show, ward for ward, the mean IMD 2025 score `nbhd aggregate` computes through the ONS
// LSOA21 -> ward24 lookup (a different path to the same parents), e.g. Harpurhey in Manchester.
#include <gtest/gtest.h>

#include <cmath>

#include "geo/tables/table_io.hpp"
#include "support/test_data.hpp"
#include "support/viewer_run.hpp"

namespace nbhd {
namespace {

using test::quoted;

TEST(ViewerLevelsReal, NationalWardsShowTheAggregationCliMeans) {
  NBHD_REQUIRE_XVFB();
  NBHD_REQUIRE_SHARED("england/lsoa21.gpkg");
  NBHD_REQUIRE_SHARED("england/imd2025_lsoa21.csv");
  NBHD_REQUIRE_SHARED("england/lsoa21_ward24_ltla24.csv");
  auto dir = test::scratch_dir();
  auto d = test::shared_data() / "england";
  std::string err;
  ASSERT_EQ(test::run_nbhd(
                "aggregate --table " + quoted(d / "imd2025_lsoa21.csv") + " --key lsoa21_code --lookup " +
                    quoted(d / "lsoa21_ward24_ltla24.csv") +
                    " --child-key lsoa21_code --parent-key ward24_code --stat mean --column IMD_score -o " +
                    quoted(dir / "cli.csv"),
                nullptr, &err),
            0)
      << err;
  Table cli = read_table((dir / "cli.csv").string());
  Table lookup = read_table((d / "lsoa21_ward24_ltla24.csv").string());
  std::string harpurhey;
  for (size_t r = 0; r < lookup.rows(); ++r)
    if (lookup.column("ward24_name").text[r] == "Harpurhey") harpurhey = lookup.column("ward24_code").text[r];
  ASSERT_FALSE(harpurhey.empty());

  std::string log;
  std::string s = std::string(test::kWaitLoadedAndFit) + "level Ward\nwait-level\nframes 2\ndump " +
                  (dir / "wards.json").string() + "\n";
  ASSERT_EQ(test::run_view_script(dir,
                                  quoted(d / "lsoa21.gpkg") + " --indicators " +
                                      quoted(d / "imd2025_lsoa21.csv") + " --column IMD_score",
                                  s, &log),
            0)
      << log;
  auto j = test::read_json(dir / "wards.json");
  ASSERT_EQ(j["level"]["current"], "Ward") << j["level"].dump().substr(0, 400);
  EXPECT_EQ(j["legend_title"], "IMD_score (mean of LSOAs)");
  EXPECT_EQ(j["level"]["no_parent"], 0);  // the boundaries carry every LSOA's ward
  const auto& areas = j["level"]["areas"];
  size_t compared = 0;
  for (size_t r = 0; r < cli.rows(); ++r) {
    const std::string& code = cli.column("ward24_code").text[r];
    ASSERT_TRUE(areas.contains(code)) << code;
    double want = cli.numeric("IMD_score_mean").num[r];
    EXPECT_NEAR(areas[code]["value"].get<double>(), want, 1e-9 * std::abs(want)) << code;
    EXPECT_EQ(areas[code]["children"].get<double>(), cli.numeric("n_children").num[r]) << code;
    ++compared;
  }
  EXPECT_GT(compared, 6000u);  // every English ward
  EXPECT_EQ(areas[harpurhey]["name"], "Harpurhey");
  EXPECT_GT(areas[harpurhey]["value"].get<double>(), 50);  // among the most deprived wards in England
}

}  // namespace
}  // namespace nbhd
