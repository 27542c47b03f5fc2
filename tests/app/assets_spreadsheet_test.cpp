// Assets from a spreadsheet end to end: the Greater Manchester assets written here as a CSV with
// easting/northing columns (from the GeoPackage, in British National Grid) give exactly the same
// `nbhd assets --per-area` output as the GeoPackage itself, and the detection is reported.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "geo/vector/ingest.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;

std::string csv_text(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

TEST(AssetsSpreadsheet, EastingNorthingCsvGivesTheSamePerAreaOutputAsTheGeoPackage) {
  NBHD_REQUIRE_SHARED("assets/gm_community_assets.gpkg");
  NBHD_REQUIRE_SHARED("england/ltla24.gpkg");
  fs::path dir = test::scratch_dir();
  fs::path gpkg = test::shared_data() / "assets/gm_community_assets.gpkg";
  fs::path las = test::shared_data() / "england/ltla24.gpkg";
  PointLayer p = load_points(gpkg.string());  // EPSG:27700, the working CRS
  ASSERT_GT(p.size(), 6000u);
  {
    std::ofstream csv(dir / "gm_assets.csv");
    csv << "asset_id,category,name,easting,northing\n";
    const Column& id = p.attrs.column("asset_id");
    char xy[64];
    for (size_t i = 0; i < p.size(); ++i) {
      std::snprintf(xy, sizeof xy, "%.17g,%.17g", p.pts[i].x, p.pts[i].y);
      csv << id.cell(i) << "," << csv_text(p.categories[i]) << "," << csv_text(p.names[i]) << "," << xy
          << "\n";
    }
  }
  std::string err_g, err_c;
  auto run = [&](const fs::path& assets, const fs::path& out, std::string* err) {
    return test::run_nbhd("assets '" + las.string() + "' --assets '" + assets.string() +
                              "' --per-area --within 800 -o '" + out.string() + "'",
                          nullptr, err);
  };
  ASSERT_EQ(run(gpkg, dir / "from_gpkg.csv", &err_g), 0) << err_g;
  ASSERT_EQ(run(dir / "gm_assets.csv", dir / "from_csv.csv", &err_c), 0) << err_c;
  std::string a = test::read_file(dir / "from_gpkg.csv"), b = test::read_file(dir / "from_csv.csv");
  EXPECT_GT(a.size(), 1000u);
  EXPECT_TRUE(a == b) << "per-area output differs between the GeoPackage and the spreadsheet";
  EXPECT_NE(
      err_c.find((dir / "gm_assets.csv").string() +
                 ": coordinates by name: easting / northing (easting/northing); CRS EPSG:27700 from their "
                 "values"),
      std::string::npos)
      << err_c;
}

}  // namespace
}  // namespace nbhd
