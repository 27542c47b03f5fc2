// Names on the viewer's map (--labels, --outline-labels) under Xvfb, on the demo borough and its wards:
// every placed name's anchor lies inside its own polygon, no two boxes overlap, ward names are placed
// before area names, zooming in places more area names, and the names are drawn (dark text pixels
// appear where the map had none). Skipped when xvfb-run is not installed.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "geo/spatial/geos_handle.hpp"
#include "geo/vector/ingest.hpp"
#include "support/image_check.hpp"
#include "support/test_data.hpp"
#include "support/viewer_run.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;
using test::read_json;
using test::WorldToPx;

// Checks the dump's placed labels against the layers; returns how many of each layer were placed.
std::pair<size_t, size_t> check_labels(const nlohmann::json& dump, const AreaLayer& wards,
                                       const AreaLayer& lsoa) {
  WorldToPx xf(dump["world_to_px"]);
  const auto& placed = dump["map_labels"];
  GeosContext g;
  size_t n[2] = {0, 0};
  for (size_t a = 0; a < placed.size(); ++a) {
    const auto& p = placed[a];
    size_t layer = p["layer"], i = p["feature"];
    EXPECT_LT(layer, 2u);
    if (layer >= 2) continue;
    n[layer]++;
    const AreaLayer& L = layer == 0 ? wards : lsoa;
    EXPECT_EQ(p["text"], L.attrs.col(*L.attrs.find(layer == 0 ? "ward24_name" : "lsoa21_name")).cell(i));
    double x = (p["anchor"][0].get<double>() - xf.ox) / xf.s,
           y = (xf.oy - p["anchor"][1].get<double>()) / xf.s;
    GeomPtr poly = to_geos(g, L.geoms[i]), pt = to_geos(g, Point{x, y});
    EXPECT_EQ(GEOSContains_r(g, poly.get(), pt.get()), 1) << p.dump();
    auto b = p["box"];
    for (size_t c = 0; c < a; ++c) {
      auto o = placed[c]["box"];
      bool apart = b[0].get<double>() >= o[0].get<double>() + o[2].get<double>() ||
                   o[0].get<double>() >= b[0].get<double>() + b[2].get<double>() ||
                   b[1].get<double>() >= o[1].get<double>() + o[3].get<double>() ||
                   o[1].get<double>() >= b[1].get<double>() + b[3].get<double>();
      EXPECT_TRUE(apart) << p["text"] << " overlaps " << placed[c]["text"];
    }
    if (a > 0) {
      EXPECT_GE(layer, placed[a - 1]["layer"].get<size_t>());
    }
  }
  return {n[0], n[1]};
}

TEST(ViewerLabels, NamesLieInsideTheirPolygonsNeverOverlapAndZoomingShowsMore) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  auto demo = test::demo_dir();
  AreaLayer wards = load_areas((demo / "wards.gpkg").string());
  AreaLayer lsoa = load_areas((demo / "lsoa.gpkg").string());
  std::string args = test::demo_view_args() + " --outline-layer " + test::quoted(demo / "wards.gpkg") +
                     " --labels lsoa21_name --outline-labels ward24_name";
  std::string log;
  std::string s = "move 1275 795\nframes 3\ndump " + (dir / "fit.json").string() + "\nscreenshot " +
                  (dir / "fit.png").string() + "\nwheel 640 400 3\nframes 3\nmove 1275 795\nframes 3\ndump " +
                  (dir / "zoomed.json").string() + "\n";
  ASSERT_EQ(test::run_view_script(dir, args, test::kWaitLoadedAndFit + s, &log), 0) << log;
  auto fit = read_json(dir / "fit.json"), zoomed = read_json(dir / "zoomed.json");
  auto [w0, a0] = check_labels(fit, wards, lsoa);
  auto [w1, a1] = check_labels(zoomed, wards, lsoa);
  EXPECT_GT(w0, 0u) << "ward names at the fitted view";
  EXPECT_GT(a1, a0) << "zoomed in, more area names fit (" << a0 << " -> " << a1 << ")";
  // Drawn: the text's dark pixels inside the first placed label's box.
  test::Pixels px = test::read_png(dir / "fit.png");
  ASSERT_FALSE(fit["map_labels"].empty());
  auto b = fit["map_labels"][0]["box"];
  int dark = 0;
  for (int y = int(b[1].get<double>()); y < int(b[1].get<double>() + b[3].get<double>()); ++y)
    for (int x = int(b[0].get<double>()); x < int(b[0].get<double>() + b[2].get<double>()); ++x) {
      Rgba c = px.at(x, y);
      dark += std::max({c.r, c.g, c.b}) < 60;
    }
  EXPECT_GT(dark, 10) << "no text drawn in " << fit["map_labels"][0].dump();
}

// A label field the layer does not have: one line naming the file and its fields (on stderr under a script,
// and under the Data panel for a person).
TEST(ViewerLabels, UnknownLabelFieldIsNamed) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  std::string log;
  int rc = test::run_view_script(dir, test::demo_view_args() + " --labels nosuchfield",
                                 test::kWaitLoadedAndFit + std::string("frames 2\n"), &log);
  EXPECT_EQ(rc, 0) << "the map still shows, without names; the line is reported as a load error is";
  EXPECT_NE(log.find("has no field 'nosuchfield' to label the map with; its fields are: "), std::string::npos)
      << log;
}

}  // namespace
}  // namespace nbhd
