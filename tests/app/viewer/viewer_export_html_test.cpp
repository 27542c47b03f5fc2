// The Export panel's "Export HTML" button writes the interactive page through the same map document and
// exporter as `nbhd render -o map.html`: for the same data, style and extent the two files are identical.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "support/test_data.hpp"
#include "support/viewer_run.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;

using test::bbox_arg;
using test::quoted;
using test::read_json;

TEST(ViewerExportHtml, ButtonWritesThePageNbhdRenderWrites) {
  NBHD_REQUIRE_XVFB();
  auto demo = test::demo_dir();
  auto dir = test::scratch_dir();
  fs::path view = dir / "view", cli = dir / "cli";
  fs::create_directories(view);
  fs::create_directories(cli);
  // The file box names a PNG; the button writes the same name as .html. Zoomed in a step first, so the
  // page opens on part of the borough (and holds the rest to pan to).
  std::string s = std::string(test::kWaitLoadedAndFit) +
                  "wheel 640 390 1\nframes 2\n"
                  "click-item export.header\n"
                  "click-item export.file\nkey Ctrl+A\ntype " +
                  (view / "map.png").string() +
                  "\n"
                  "click-item export.html\nwait-export\ndump " +
                  (dir / "state.json").string() + "\n";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args(), s, &log), 0) << log;
  EXPECT_EQ(log.find("no UI item"), std::string::npos) << log;
  auto j = read_json(dir / "state.json");
  ASSERT_TRUE(j["export"]["ok"].get<bool>()) << j["export_msg"] << "\n" << log;
  EXPECT_FALSE(fs::exists(view / "map.png"));
  std::string b = test::read_file(view / "map.html");
  ASSERT_GT(b.size(), 10000u);
  EXPECT_EQ(j["export_msg"],
            "wrote " + (view / "map.html").string() + " (" + std::to_string(b.size() / 1024) + " KB)");

  std::string err;
  ASSERT_EQ(test::run_nbhd("render " + quoted(demo / "lsoa.gpkg") + " --indicators " +
                               quoted(demo / "indicators.csv") + " --column IMD_score --bbox " +
                               bbox_arg(j["export"]["extent"]) + " -o " + quoted(cli / "map.html"),
                           nullptr, &err),
            0)
      << err;
  std::string a = test::read_file(cli / "map.html");
  EXPECT_TRUE(a == b) << cli / "map.html"
                      << " and " << view / "map.html"
                      << " differ (" << a.size() << " and " << b.size() << " bytes)";
}

}  // namespace
}  // namespace nbhd
