// Search in the viewer window under Xvfb (--script): a ward typed by name is found with its level and
// parent, Enter zooms to it and selects its LSOAs; a postcode typed in lower case without its space is
// found in the demo's postcode table, zoomed to, and the LSOA containing it selected; "no matches" leaves
// no hits. Expectations are read here from the demo's files (the layer's ward fields, postcodes.csv).
// A postcode table without the needed columns stops `nbhd view` before any window opens.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "support/demo_layer.hpp"
#include "support/test_data.hpp"
#include "support/viewer_run.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;
using test::read_json;

std::string args() {
  return test::demo_view_args() + " --postcodes " + test::quoted(test::demo_dir() / "postcodes.csv");
}

// The first postcode in use in the demo table's LSOA `code`, with its easting and northing.
struct DemoPostcode {
  std::string pcds;
  double x = 0, y = 0;
};
DemoPostcode demo_postcode(const std::string& code) {
  std::ifstream f(test::demo_dir() / "postcodes.csv");
  std::string line;
  std::getline(f, line);  // pcd,pcd2,pcds,dointr,doterm,oseast1m,osnrth1m,lat,long,lsoa21cd
  while (std::getline(f, line)) {
    std::vector<std::string> c;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) c.push_back(cell);
    if (c.size() == 10 && c[9] == code && c[4].empty()) return {c[2], std::stod(c[5]), std::stod(c[6])};
  }
  return {};
}

TEST(ViewerSearch, AWardAndAPostcodeAreFoundZoomedToAndSelected) {
  NBHD_REQUIRE_XVFB();
  const AreaLayer& L = test::demo_layer();
  const size_t area = 200;
  const std::string ward = L.attrs.column("ward24_name").text[area];
  std::vector<std::string> ward_lsoas;
  BBox wb;
  for (size_t i = 0; i < L.size(); ++i)
    if (L.attrs.column("ward24_name").text[i] == ward)
      ward_lsoas.push_back(L.codes[i]), wb.expand(bbox_of(L.geoms[i]));
  DemoPostcode pc = demo_postcode(L.codes[area]);
  ASSERT_FALSE(pc.pcds.empty());
  std::string typed = pc.pcds;  // "EB7 2QS" -> "eb72qs"
  typed.erase(std::remove(typed.begin(), typed.end(), ' '), typed.end());
  std::transform(typed.begin(), typed.end(), typed.begin(), [](char c) { return char(std::tolower(c)); });

  auto dir = test::scratch_dir();
  std::string log;
  std::string s = std::string(test::kWaitLoadedAndFit) + "key Slash\nframes 1\ntype " + ward +
                  "\nframes 2\ndump " + (dir / "typed.json").string() + "\nkey Enter\nframes 3\ndump " +
                  (dir / "ward.json").string() + "\nkey Slash\nframes 1\nkey Ctrl+A\ntype " + typed +
                  "\nframes 2\nkey Enter\nframes 3\ndump " + (dir / "postcode.json").string() +
                  "\nkey Slash\nframes 1\nkey Ctrl+A\ntype Qxzvbn\nframes 2\ndump " +
                  (dir / "none.json").string() + "\n";
  ASSERT_EQ(test::run_view_script(dir, args(), s, &log), 0) << log;

  auto typed_j = read_json(dir / "typed.json");
  EXPECT_EQ(typed_j["postcodes"], 864);
  ASSERT_FALSE(typed_j["search_results"].empty());
  auto first = typed_j["search_results"][0];
  EXPECT_EQ(first["name"], ward);
  EXPECT_EQ(first["level"], "Ward");
  EXPECT_EQ(first["parent"], "Eastbrook");
  EXPECT_EQ(first["code"], L.attrs.column("ward24_code").text[area]);
  EXPECT_EQ(first["label"], ward + " - Ward, Eastbrook");

  auto w = read_json(dir / "ward.json");
  std::vector<std::string> sel = w["selection"].get<std::vector<std::string>>();
  std::sort(sel.begin(), sel.end());
  std::sort(ward_lsoas.begin(), ward_lsoas.end());
  EXPECT_EQ(sel, ward_lsoas);
  double cx = w["view"]["centre"][0], cy = w["view"]["centre"][1];
  EXPECT_TRUE(wb.contains({cx, cy})) << cx << " " << cy;
  // The ward fills the map between the panels: its box inside the map area, its centre at the middle.
  test::WorldToPx xf(w["world_to_px"]);
  auto ma = w["map_area"];
  double mx = (double(ma[0]) + double(ma[2])) / 2, my = (double(ma[1]) + double(ma[3])) / 2;
  EXPECT_NEAR(xf.px((wb.minx + wb.maxx) / 2), mx, 3);
  EXPECT_NEAR(xf.py((wb.miny + wb.maxy) / 2), my, 3);
  EXPECT_GE(xf.px(wb.minx), double(ma[0]));
  EXPECT_LE(xf.px(wb.maxx), double(ma[2]));
  EXPECT_GE(xf.py(wb.maxy), double(ma[1]));
  EXPECT_LE(xf.py(wb.miny), double(ma[3]));
  EXPECT_LT(double(w["view"]["metres_per_pixel"]),
            double(read_json(dir / "typed.json")["view"]["metres_per_pixel"]));

  auto p = read_json(dir / "postcode.json");
  ASSERT_FALSE(p["search_results"].empty());
  EXPECT_EQ(p["search_results"][0]["code"], pc.pcds);
  EXPECT_EQ(p["search_results"][0]["level"], "Postcode");
  EXPECT_EQ(p["search_results"][0]["parent"], L.names[area]);
  EXPECT_EQ(p["selection"], nlohmann::json::array({L.codes[area]}));
  test::WorldToPx pxf(p["world_to_px"]);  // the postcode at the middle of the map area
  auto pa = p["map_area"];
  EXPECT_NEAR(pxf.px(pc.x), (double(pa[0]) + double(pa[2])) / 2, 3);
  EXPECT_NEAR(pxf.py(pc.y), (double(pa[1]) + double(pa[3])) / 2, 3);

  auto none = read_json(dir / "none.json");
  EXPECT_TRUE(none["search_hits"].empty());
  EXPECT_EQ(none["selection"], nlohmann::json::array({L.codes[area]}));  // unchanged
}

TEST(ViewerSearchCli, APostcodeTableWithoutItsColumnsStopsBeforeTheWindow) {
  auto dir = test::scratch_dir();
  std::ofstream(dir / "pc.csv") << "code,x,y\nEB1 1AB,1,2\n";
  std::string err;
  EXPECT_EQ(test::run_nbhd("view " + test::demo_view_args() + " --postcodes " + test::quoted(dir / "pc.csv"),
                           nullptr, &err),
            2);
  EXPECT_EQ(err,
            "nbhd view: " + (dir / "pc.csv").string() +
                " has no postcode column; a postcode table (ONS Postcode Directory layout) needs a postcode "
                "column (pcds, pcd, pcd2 or postcode) and coordinates (lat and long, or oseast1m and "
                "osnrth1m)\n");
}

}  // namespace
}  // namespace nbhd
