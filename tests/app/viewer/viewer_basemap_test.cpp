// `nbhd view --basemap FILE`: the demo's street basemap drawn under translucent fills, switched off and on
// from the Map panel (the script's `basemap` command), saved in a project and reopened with it; a project
// whose basemap file has gone opens without it and says so in one line.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/image_check.hpp"
#include "support/test_data.hpp"
#include "support/viewer_run.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;

using test::quoted;
using test::read_json;

// Pixels of the map (between the side panels, above the status bar) that differ between two screenshots.
size_t map_pixels_differing(const test::Pixels& a, const test::Pixels& b) {
  size_t n = 0;
  for (int y = 0; y < a.h; ++y)
    for (int x = 0; x < a.w; ++x)
      if (test::on_map(x, y) && !(a.at(x, y) == b.at(x, y))) ++n;
  return n;
}

size_t map_pixels(const test::Pixels& a) {
  size_t n = 0;
  for (int y = 0; y < a.h; ++y)
    for (int x = 0; x < a.w; ++x) n += test::on_map(x, y);
  return n;
}

// Map pixels drawn in exactly one of the 5 classes' colours: the opaque fills (the demo mapped by IMD score).
size_t class_coloured(const test::Pixels& a) {
  size_t n = 0;
  for (int y = 0; y < a.h; ++y)
    for (int x = 0; x < a.w; ++x)
      if (test::on_map(x, y))
        for (const Rgba& c : test::kYlOrRd5) n += a.at(x, y) == c;
  return n;
}

// The demo, mapped by IMD score, with its basemap at `basemap` (shown, fills at 0.4), as a project file.
fs::path demo_project(const fs::path& dir, const fs::path& basemap) {
  auto demo = test::demo_dir();
  nlohmann::json p = {{"format", "nbhd-project/1"},
                      {"data",
                       {{"boundaries", (demo / "lsoa.gpkg").string()},
                        {"indicators", {(demo / "indicators.csv").string()}},
                        {"basemap", basemap.string()}}},
                      {"style", {{"column", "IMD_score"}}},
                      {"basemap_view", {{"shown", true}, {"opacity", 0.4}}}};
  fs::path project = dir / "p.nbhd.json";
  std::ofstream(project) << p.dump(1);
  return project;
}

TEST(ViewerBasemap, DrawnUnderTheFillsOffAgainAndSavedInTheProject) {
  NBHD_REQUIRE_XVFB();
  auto demo = test::demo_dir();
  fs::path basemap = fs::absolute(demo / "eastbrook_basemap.gpkg");
  ASSERT_TRUE(fs::exists(basemap)) << "nbhd demo writes " << basemap;
  auto dir = test::scratch_dir();
  fs::path project = dir / "p.nbhd.json";
  // On, off (the exact map each time), then on again at 0.4 and saved.
  std::string s = std::string(test::kWaitLoadedAndFit) + "wait-exact\nscreenshot " +
                  (dir / "on.png").string() + "\ndump " + (dir / "on.json").string() +
                  "\nbasemap off\nframes 2\nwait-exact\nscreenshot " + (dir / "off.png").string() +
                  "\nbasemap on\nbasemap 0.4\nsave " + project.string() + "\n";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args() + " --basemap " + quoted(basemap), s, &log), 0)
      << log;
  auto on = read_json(dir / "on.json");
  EXPECT_EQ(on["load_error"], "") << log;
  EXPECT_TRUE(on["basemap"]["shown"].get<bool>());
  EXPECT_EQ(std::max(on["basemap"]["pixels"][0].get<int>(), on["basemap"]["pixels"][1].get<int>()), 2048)
      << on["basemap"];
  auto with = test::read_png(dir / "on.png"), without = test::read_png(dir / "off.png");
  ASSERT_EQ(with.w, test::kViewerWidth);
  // The streets and parks show through the fills over much of the map.
  size_t changed = map_pixels_differing(with, without);
  EXPECT_GT(changed, map_pixels(with) / 4) << changed << " of " << map_pixels(with) << " map pixels";
  // Off, the fills are opaque class colours again; on, hardly a pixel keeps one.
  EXPECT_GT(class_coloured(without), map_pixels(without) / 3);
  EXPECT_LT(class_coloured(with), map_pixels(with) / 50);
  auto saved = read_json(project);
  EXPECT_EQ(saved["data"]["basemap"], basemap.string());
  EXPECT_EQ(saved["basemap_view"]["shown"], true);
  EXPECT_DOUBLE_EQ(saved["basemap_view"]["opacity"].get<double>(), 0.4);
}

// Its basemap moved away: the project opens without it, the fills opaque, and the message line names the
// file in the words nbhd render uses.
TEST(ViewerBasemap, ProjectWhoseBasemapHasGoneOpensWithoutIt) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  fs::path gone = dir / "gone.gpkg";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir, quoted(demo_project(dir, gone)),
                                  std::string(test::kWaitLoadedAndFit) + "wait-exact\nscreenshot " +
                                      (dir / "m.png").string() + "\ndump " + (dir / "d.json").string() + "\n",
                                  &log),
            0)
      << log;
  auto m = read_json(dir / "d.json");
  EXPECT_TRUE(m["loaded"].get<bool>());
  EXPECT_FALSE(m["basemap"]["shown"].get<bool>());
  EXPECT_EQ(m["load_error"],
            "basemap " + gone.string() +
                " does not exist; give a GeoPackage or MBTiles of raster tiles, or a GeoTIFF")
      << log;
  auto shot = test::read_png(dir / "m.png");
  EXPECT_GT(class_coloured(shot), map_pixels(shot) / 3);
}

TEST(ViewerBasemap, ProjectReopensWithItsBasemapAndExportsItAsRenderDoes) {
  NBHD_REQUIRE_XVFB();
  auto demo = test::demo_dir();
  auto dir = test::scratch_dir();
  fs::path project = demo_project(dir, fs::absolute(demo / "eastbrook_basemap.gpkg"));
  std::string log;
  // Its Export draws the basemap as nbhd render --basemap does: the same file, byte for byte.
  fs::path view_png = dir / "view.png", cli_png = dir / "cli.png";
  ASSERT_EQ(test::run_view_script(dir, quoted(project),
                                  "wait-loaded\nframes 2\ndump " + (dir / "d.json").string() + "\nexport " +
                                      view_png.string() + " 600 400\nwait-export\ndump " +
                                      (dir / "e.json").string() + "\n",
                                  &log),
            0)
      << log;
  auto r = read_json(dir / "d.json");
  EXPECT_EQ(r["load_error"], "") << log;
  EXPECT_TRUE(r["basemap"]["shown"].get<bool>());
  EXPECT_TRUE(r["basemap"]["pixels"].is_array()) << r["basemap"];
  EXPECT_DOUBLE_EQ(r["basemap"]["opacity"].get<double>(), 0.4);
  auto e = read_json(dir / "e.json");
  ASSERT_TRUE(e["export"]["ok"].get<bool>()) << e["export_msg"] << "\n" << log;
  std::string err;
  ASSERT_EQ(test::run_nbhd("render " + quoted(demo / "lsoa.gpkg") + " --indicators " +
                               quoted(demo / "indicators.csv") + " --column IMD_score --basemap " +
                               quoted(demo / "eastbrook_basemap.gpkg") + " --basemap-opacity 0.4 --bbox " +
                               test::bbox_arg(e["export"]["extent"]) + " --width 600 --height 400 -o " +
                               quoted(cli_png),
                           nullptr, &err),
            0)
      << err;
  std::string a = test::read_file(cli_png), b = test::read_file(view_png);
  ASSERT_GT(a.size(), 1000u);
  EXPECT_TRUE(a == b) << cli_png << " and " << view_png << " differ";
}

}  // namespace
}  // namespace nbhd
