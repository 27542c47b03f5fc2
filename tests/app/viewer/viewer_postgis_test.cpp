// The viewer opens a PG: source (the demo borough in a throwaway PostGIS server) and shows the map the
// GeoPackage gives: its Export of the fitted view is byte for byte `nbhd render` of the GeoPackage with the
// same extent. One viewer run; the server comes from tests/support/postgis_cluster.hpp.
#include <gtest/gtest.h>

#include "support/postgis_cluster.hpp"
#include "support/test_data.hpp"
#include "support/viewer_run.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;
using test::quoted;

TEST(ViewerPostgis, MapFromPgMatchesTheGeopackagesRender) {
  NBHD_REQUIRE_XVFB();
  NBHD_REQUIRE_POSTGIS(pg);
  const auto demo = test::demo_dir();
  const auto dir = test::scratch_dir();
  const std::string script = std::string(test::kWaitLoadedAndFit) + "export " + (dir / "view.png").string() +
                             " 800 600\nwait-export\ndump " + (dir / "state.json").string() + "\n";
  const std::string args = test::PostgisCluster::q(pg->dsn()) + " --layer lsoa --indicators " +
                           quoted(demo / "indicators.csv") + " --column IMD_score";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir, args, script, &log), 0) << log;
  auto j = test::read_json(dir / "state.json");
  ASSERT_TRUE(j["export"]["ok"].get<bool>()) << j["export_msg"] << "\n" << log;
  std::string err;
  ASSERT_EQ(test::run_nbhd("render " + quoted(demo / "lsoa.gpkg") + " --indicators " +
                               quoted(demo / "indicators.csv") + " --column IMD_score --bbox " +
                               test::bbox_arg(j["export"]["extent"]) + " --width 800 --height 600 -o " +
                               quoted(dir / "cli.png"),
                           nullptr, &err),
            0)
      << err;
  const std::string a = test::read_file(dir / "cli.png"), b = test::read_file(dir / "view.png");
  ASSERT_GT(a.size(), 1000u);
  EXPECT_TRUE(a == b) << "the viewer's export of PG: differs from nbhd render of the GeoPackage (" << b.size()
                      << " and " << a.size() << " bytes)";
}

}  // namespace
}  // namespace nbhd
