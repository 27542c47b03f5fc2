// Levels in the viewer window under Xvfb (--script): switching the demo borough's LSOAs to wards shows the
// ward polygons with the values `nbhd aggregate` computes for the same column and rule, area for area (state
// dump) and on screen (pixels inside wards); a selection follows the switch, a ward lists its LSOAs and a
// click on one goes back to it; a lookup that leaves areas without a ward shows them as one "No ward" area,
// counted; a level switch while the data loads is refused with a message, and switches asked for in a row
// end on the last.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "geo/stats/classify.hpp"
#include "geo/tables/table_io.hpp"
#include "support/demo_layer.hpp"
#include "support/image_check.hpp"
#include "support/test_data.hpp"
#include "support/viewer_run.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;
using test::quoted;
using test::read_json;

// `nbhd aggregate` (the lookup form) of one column of the demo's indicators to wards: code -> value.
std::map<std::string, double> cli_wards(const fs::path& dir, const std::string& stat,
                                        const std::string& column, const std::string& weight = "") {
  auto d = test::demo_dir();
  fs::path out = dir / ("cli_" + column + ".csv");
  std::string err;
  std::string args = "aggregate --table " + quoted(d / "indicators.csv") + " --key lsoa21_code --lookup " +
                     quoted(d / "lsoa_ward_lookup.csv") +
                     " --child-key lsoa21_code --parent-key ward24_code --stat " + stat + " --column " +
                     column + (weight.empty() ? "" : " --weight " + weight) + " -o " + quoted(out) +
                     " --force";
  EXPECT_EQ(test::run_nbhd(args, nullptr, &err), 0) << err;
  Table t = read_table(out.string());
  std::map<std::string, double> m;
  const Column& v = t.col(2);
  for (size_t r = 0; r < t.rows(); ++r) m[t.column("ward24_code").text[r]] = v.num[r];
  return m;
}

TEST(ViewerLevels, WardFillsEqualTheAggregationCli) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  auto wmean = cli_wards(dir, "wmean", "IMD_score", "households_total");
  auto share = cli_wards(dir, "share:1", "IMD_decile");
  ASSERT_EQ(wmean.size(), 25u);
  const AreaLayer& L = test::demo_layer();
  // A ward and an LSOA in it, to click: the LSOA's interior point is inside its ward.
  const size_t lsoa = 120;
  const std::string ward = L.attrs.column("ward24_code").text[lsoa];
  std::vector<std::string> ward_lsoas;
  for (size_t i = 0; i < L.size(); ++i)
    if (L.attrs.column("ward24_code").text[i] == ward) ward_lsoas.push_back(L.codes[i]);

  // First the map as fitted at LSOA level, to find the LSOA's pixel; the level switch keeps the view.
  std::string log;
  std::string s =
      std::string(test::kWaitLoadedAndFit) + "dump " + (dir / "lsoa.json").string() +
      "\nlevel-weight households_total\nlevel Ward\nwait-level\nframes 3\nwait-exact\nscreenshot " +
      (dir / "wards.png").string() + "\ndump " + (dir / "wards.json").string() + "\n";
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args(), s, &log), 0) << log;
  auto j = read_json(dir / "wards.json");
  ASSERT_EQ(j["level"]["current"], "Ward") << j["level"].dump();
  EXPECT_EQ(j["level"]["choices"], nlohmann::json({"LSOA", "Ward", "Local authority"}));
  EXPECT_EQ(j["areas"], 25);
  EXPECT_EQ(j["legend_title"], "IMD_score (households-weighted mean of LSOAs)");
  EXPECT_EQ(j["level"]["rules"]["IMD_decile"], "% of LSOAs in the most deprived decile");
  EXPECT_EQ(j["level"]["dissolve"], "coverage union for 25 wards");
  EXPECT_EQ(j["level"]["no_parent"], 0);
  // Values: the viewer's equal the CLI's, ward for ward, for the mapped column and a decile column.
  const auto& areas = j["level"]["areas"];
  ASSERT_EQ(areas.size(), 25u);
  std::vector<double> values;
  std::vector<std::string> codes;
  for (const auto& [code, v] : wmean) {
    ASSERT_TRUE(areas.contains(code)) << code;
    EXPECT_NEAR(areas[code]["value"].get<double>(), v, 1e-9 * std::abs(v)) << code;
    EXPECT_NEAR(areas[code]["columns"]["IMD_decile"].get<double>(), share.at(code), 1e-9) << code;
    values.push_back(v);
    codes.push_back(code);
  }
  // Fills: the CLI's values classified as the viewer classifies (5 quantiles, YlOrRd), ward for ward.
  ClassifyOptions co;
  co.classes = 5;
  Classification c = classify(values, co);
  for (size_t k = 0; k < codes.size(); ++k)
    EXPECT_EQ(areas[codes[k]]["fill"], to_hex(test::kYlOrRd5[c.class_of[k]])) << codes[k];
  // On screen: the pixel inside the clicked LSOA shows its ward's fill.
  GeosContext g;
  auto p = test::interior_point(g, L.geoms[lsoa]);
  test::WorldToPx t(j["world_to_px"]);
  test::Pixels px = test::read_png(dir / "wards.png");
  Rgba want = test::kYlOrRd5[c.class_of[size_t(std::find(codes.begin(), codes.end(), ward) - codes.begin())]];
  Rgba got = px.at(int(t.px(p.x)), int(t.py(p.y)));
  EXPECT_EQ(to_hex(got), to_hex(want));
}

TEST(ViewerLevels, ASelectionFollowsTheLevelAndAWardListsItsLsoas) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  const AreaLayer& L = test::demo_layer();
  const size_t lsoa = 120;
  const std::string ward = L.attrs.column("ward24_code").text[lsoa];
  std::vector<std::string> ward_lsoas;
  for (size_t i = 0; i < L.size(); ++i)
    if (L.attrs.column("ward24_code").text[i] == ward) ward_lsoas.push_back(L.codes[i]);
  // Search selects the ward's LSOAs at LSOA level; the switch carries them to their ward.
  std::string log;
  std::string s = std::string(test::kWaitLoadedAndFit) + "key Slash\nframes 1\ntype " +
                  L.attrs.column("ward24_name").text[lsoa] +
                  "\nframes 2\nkey Enter\nframes 2\nlevel Ward\nwait-level\nframes 3\ndump " +
                  (dir / "ward.json").string() + "\nsave " + (dir / "p.nbhd.json").string() +
                  "\nclick-item selection.child.0\nframes 3\ndump " + (dir / "child.json").string() + "\n";
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args(), s, &log), 0) << log;
  auto w = read_json(dir / "ward.json");
  EXPECT_EQ(w["selection"], nlohmann::json({ward}));
  EXPECT_EQ(w["level"]["selection_children"], nlohmann::json(ward_lsoas));
  EXPECT_EQ(w["level"]["areas"][ward]["children"], ward_lsoas.size());
  // The project keeps the level and the selection as the loaded layer's codes (the ward's LSOAs).
  auto proj = read_json(dir / "p.nbhd.json");
  EXPECT_EQ(proj["level"]["shown"], "Ward");
  EXPECT_EQ(proj["selection"], nlohmann::json(ward_lsoas));
  auto c = read_json(dir / "child.json");
  EXPECT_EQ(c["level"]["current"], "LSOA");
  EXPECT_EQ(c["areas"], 300);
  EXPECT_EQ(c["selection"], nlohmann::json({ward_lsoas.front()}));
}

TEST(ViewerLevels, ALookupThatMissesAreasShowsThemAsNoWard) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  // The demo's lookup without its first 7 LSOAs.
  std::ifstream in(test::demo_dir() / "lsoa_ward_lookup.csv");
  std::ofstream out(dir / "partial.csv");
  std::string line;
  std::set<std::string> dropped;
  for (int n = 0; std::getline(in, line); ++n) {
    if (n >= 1 && n <= 7) {
      dropped.insert(line.substr(0, line.find(',')));
      continue;
    }
    out << line << "\n";
  }
  out.close();
  ASSERT_EQ(dropped.size(), 7u);
  std::string log;
  std::string s = std::string(test::kWaitLoadedAndFit) + "level Ward\nwait-level\nframes 2\ndump " +
                  (dir / "ward.json").string() + "\n";
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args() + " --lookup " + quoted(dir / "partial.csv"), s,
                                  &log),
            0)
      << log;
  auto j = read_json(dir / "ward.json");
  ASSERT_EQ(j["level"]["current"], "Ward") << j["level"].dump();
  EXPECT_EQ(j["level"]["no_parent"], 7);
  EXPECT_EQ(j["level"]["no_parent_area"], "none");
  const auto& none = j["level"]["areas"]["none"];
  EXPECT_EQ(none["name"], "No ward");
  EXPECT_EQ(none["children"], 7);
  EXPECT_TRUE(none["value"].is_null());
  EXPECT_EQ(j["areas"], 26);  // the 25 wards (each keeps an LSOA) and the No ward area
  // Its fill is the No data colour, and the legend counts it there, apart from the 25 wards' classes.
  EXPECT_EQ(j["legend_no_data"]["label"], "No data");
  EXPECT_EQ(j["legend_no_data"]["count"], 1);
  EXPECT_EQ(j["legend_no_data"]["colour"], none["fill"]);
  long classed = 0;
  for (const auto& e : j["legend"]) classed += e["count"].get<long>();
  EXPECT_EQ(classed, 25);
}

TEST(ViewerLevels, ASwitchWhileLoadingIsRefusedAndSwitchesInARowEndOnTheLast) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  std::string log;
  // Two switches asked for at once: the second replaces the first. Then new boundaries dropped: while they
  // load, a switch is refused with a message, and the viewer carries on. The dropped file is the demo's
  // LSOAs densified to a vertex every 2 m, as GeoJSON: about a second to load, where the GeoPackage itself
  // now loads within a frame and the switch would come too late to be refused.
  const auto slow = dir / "lsoa_dense.geojson";
  ASSERT_EQ(std::system(("ogr2ogr -f GeoJSON -segmentize 2 '" + slow.string() + "' '" +
                         (test::demo_dir() / "lsoa.gpkg").string() + "'")
                            .c_str()),
            0);
  std::string s = std::string(test::kWaitLoadedAndFit) +
                  "level Ward\nlevel Local authority\nwait-level\nframes 2\ndump " +
                  (dir / "la.json").string() + "\ndrop " + slow.string() +
                  "\nlevel Ward\ndump " + (dir / "loading.json").string() +
                  "\nwait-loaded\nwait-level\nframes 2\ndump " + (dir / "after.json").string() + "\n";
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args(), s, &log), 0) << log;
  auto la = read_json(dir / "la.json");
  EXPECT_EQ(la["level"]["current"], "Local authority");
  EXPECT_EQ(la["areas"], 1);
  EXPECT_EQ(la["level"]["areas"]["E08900001"]["children"], 300);
  auto l = read_json(dir / "loading.json");
  ASSERT_TRUE(l["level"]["loading"]) << "the load ended before the switch: the test proves nothing";
  EXPECT_EQ(l["level"]["error"], "the data is still loading: switch level when it has loaded");
  EXPECT_EQ(l["level"]["wanted"], "Local authority");
  auto a = read_json(dir / "after.json");
  EXPECT_TRUE(a["loaded"]);
  EXPECT_EQ(a["areas"], 1);  // the reload kept the level shown
  EXPECT_EQ(a["level"]["current"], "Local authority");
  EXPECT_EQ(a["level"]["error"], "");
}

// "Switch level with zoom": at the fitted borough the LSOAs (tens of pixels each), zoomed far out the one
// local authority.
TEST(ViewerLevels, SwitchWithZoomPicksTheLevelThatFitsTheScale) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  std::string log;
  std::string s = std::string(test::kWaitLoadedAndFit) +
                  "level-zoom on\nframes 2\nwait-level\nframes 2\ndump " + (dir / "fit.json").string() +
                  "\nwheel 640 400 -15\nframes 3\nwait-level\nframes 2\ndump " + (dir / "out.json").string() +
                  "\n";
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args(), s, &log), 0) << log;
  auto fit = read_json(dir / "fit.json"), out = read_json(dir / "out.json");
  EXPECT_EQ(fit["level"]["current"], "LSOA");
  EXPECT_TRUE(fit["level"]["with_zoom"]);
  EXPECT_GT(out["view"]["metres_per_pixel"].get<double>(),
            20 * fit["view"]["metres_per_pixel"].get<double>());
  EXPECT_EQ(out["level"]["current"], "Local authority");
  EXPECT_EQ(out["areas"], 1);
}

}  // namespace
}  // namespace nbhd
