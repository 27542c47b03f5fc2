// The viewer's map cache (render/map_cache.hpp) under Xvfb: after a scripted zoom and pan, the progressively
// refreshed display must converge to exactly the pixels of a fresh full render of the same view (the same
// viewer with the cache switched off), and while it converges the newly exposed edge must already show map,
// not background. One exact tile a frame and a small quick-frame triangle budget (map-budget 0 100) make
// the progressive path run on the small demo data and on any machine.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "support/image_check.hpp"
#include "support/test_data.hpp"
#include "support/viewer_run.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;

using test::read_json;

// Runs the viewer on the demo borough, fitted to the window, with `script`; returns the exit status, output
// in *log.
int run_script(const fs::path& dir, const std::string& script, std::string* log) {
  return test::run_view_script(dir, test::demo_view_args(), test::kWaitLoadedAndFit + script, log);
}

const Rgba kBackground{245, 245, 242, 255};

// The part of the window where the map shows between the side panels (330 px) and above the status bar.
constexpr int kX0 = 340, kX1 = 940, kY0 = 0, kY1 = 770;

TEST(ViewerMapCache, ProgressiveDisplayConvergesToTheFreshRenderAndFillsExposedEdges) {
  if (!test::have_xvfb()) GTEST_SKIP() << "xvfb-run not installed (apt-get install xvfb xauth)";
  auto dir = test::scratch_dir();
  auto p = [&](const char* name) { return (dir / name).string(); };
  // Zoom in, let it converge; then pan left by 560 px so the window's right 560 px are newly exposed
  // (x 720-940 of them between the panels), take a frame mid-refresh, wait for convergence, and compare
  // with the cache switched off.
  std::string s =
      "map-budget 0 100\nmove 1275 795\nwait-exact\nwheel 640 400 6\nmove 1275 795\nwait-exact\n"
      "drag 900 400 340 400\nmove 1275 795\nscreenshot " +
      p("moving.png") + "\ndump " + p("moving.json") + "\nwait-exact\nscreenshot " + p("cached.png") +
      "\ndump " + p("cached.json") + "\nmap-cache off\nframes 2\nscreenshot " + p("fresh.png") + "\ndump " +
      p("fresh.json") + "\n";
  std::string log;
  ASSERT_EQ(run_script(dir, s, &log), 0) << log;

  auto moving = read_json(dir / "moving.json"), cached = read_json(dir / "cached.json"),
       fresh = read_json(dir / "fresh.json");
  // The same view throughout (the cache never moves the camera), and the cache really was mid-refresh.
  EXPECT_EQ(moving["world_to_px"], fresh["world_to_px"]);
  EXPECT_EQ(cached["world_to_px"], fresh["world_to_px"]);
  EXPECT_FALSE(moving["map_exact"]) << "one tile a frame cannot have refreshed the whole view yet";
  EXPECT_TRUE(cached["map_exact"]);
  EXPECT_FALSE(fresh["map_cache"]);

  test::Pixels a = test::read_png(dir / "cached.png"), b = test::read_png(dir / "fresh.png"),
               m = test::read_png(dir / "moving.png");
  ASSERT_EQ(a.w, b.w);
  ASSERT_EQ(a.h, b.h);
  ASSERT_EQ(a.rgba.size(), b.rgba.size());
  size_t differ = 0;
  for (size_t i = 0; i < a.rgba.size(); i += 4)
    differ += a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1] || a.rgba[i + 2] != b.rgba[i + 2];
  EXPECT_EQ(differ, 0u) << "pixels where the converged cache differs from a fresh render";

  // Not a trivial picture: the zoomed map shows several classes' colours.
  std::set<uint32_t> colours;
  for (int y = kY0; y < kY1; y += 4)
    for (int x = kX0; x < kX1; x += 4) {
      Rgba c = b.at(x, y);
      colours.insert(uint32_t(c.r) << 16 | uint32_t(c.g) << 8 | c.b);
    }
  EXPECT_GE(colours.size(), 5u);

  // Mid-refresh: the exposed strip (previously off-screen to the right) shows map wherever the exact
  // render has map, from the overview or an exact tile, not background.
  size_t map_px = 0, blank = 0;
  for (int y = kY0; y < kY1; ++y)
    for (int x = 720; x < kX1; ++x) {
      if (b.at(x, y) == kBackground) continue;
      ++map_px;
      blank += m.at(x, y) == kBackground;
    }
  ASSERT_GT(map_px, 10000u);
  EXPECT_LT(double(blank), 0.02 * double(map_px)) << blank << " of " << map_px << " exposed map pixels blank";
  // ... and it is a different (approximate) picture somewhere, else the test would not be exercising motion.
  size_t moving_differ = 0;
  for (int y = kY0; y < kY1; ++y)
    for (int x = kX0; x < kX1; ++x) moving_differ += m.at(x, y) != b.at(x, y);
  EXPECT_GT(moving_differ, 0u);
}

// A drag pans by whole pixels: the display is the last exact image moved with the mouse, and only the strip
// the pan uncovered is drawn as a quick (coarse) map, so the map stays sharp while it is dragged.
TEST(ViewerMapCache, ADragMovesTheExactImageAndDrawsOnlyTheUncoveredStripQuickly) {
  if (!test::have_xvfb()) GTEST_SKIP() << "xvfb-run not installed (apt-get install xvfb xauth)";
  auto dir = test::scratch_dir();
  auto p = [&](const char* name) { return (dir / name).string(); };
  // Zoomed in, exact; then dragged 120 px to the left (6 steps of 20 px) and caught one frame later, while
  // the exact render of the new view has drawn only its first tile.
  std::string s = "map-budget 0 100\nwheel 640 400 3\nmove 1275 795\nwait-exact\nscreenshot " +
                  p("before.png") + "\ndump " + p("before.json") +
                  "\ndrag 700 400 580 400\nmove 1275 795\nscreenshot " + p("during.png") + "\ndump " +
                  p("during.json") + "\nwait-exact\nscreenshot " + p("after.png") + "\n";
  std::string log;
  ASSERT_EQ(run_script(dir, s, &log), 0) << log;
  auto before = read_json(dir / "before.json"), during = read_json(dir / "during.json");
  EXPECT_TRUE(during["map_shifted"]) << during.dump();
  EXPECT_FALSE(during["map_exact"]);
  EXPECT_EQ(during["world_to_px"]["scale"], before["world_to_px"]["scale"]);
  EXPECT_NEAR(double(during["world_to_px"]["ox"]) - double(before["world_to_px"]["ox"]), -120, 1e-6);
  ASSERT_EQ(before["map_area"][0], kX0 - 10);

  test::Pixels b = test::read_png(dir / "before.png"), d = test::read_png(dir / "during.png"),
               a = test::read_png(dir / "after.png");
  // Kept: map pixel x shows what x + 120 showed before.
  size_t kept = 0, same = 0;
  for (int y = kY0; y < kY1; ++y)
    for (int x = kX0 - 10; x < kX1 + 10 - 120; ++x) {
      ++kept;
      same += d.at(x, y) == b.at(x + 120, y);
    }
  EXPECT_GT(double(same), 0.999 * double(kept))
      << same << " of " << kept << " moved pixels equal the exact image";
  // ... which is what the exact render of the new view gives there (to the odd pixel on an edge).
  size_t settled = 0;
  for (int y = kY0; y < kY1; ++y)
    for (int x = kX0 - 10; x < kX1 + 10 - 120; ++x) settled += d.at(x, y) == a.at(x, y);
  EXPECT_GT(double(settled), 0.999 * double(kept));
  // The uncovered strip shows map wherever the exact render has map, and a coarser picture than it.
  size_t map_px = 0, blank = 0, differ = 0;
  for (int y = kY0; y < kY1; ++y)
    for (int x = kX1 + 10 - 120; x < kX1 + 10; ++x) {
      differ += d.at(x, y) != a.at(x, y);
      if (a.at(x, y) == kBackground) continue;
      ++map_px;
      blank += d.at(x, y) == kBackground;
    }
  ASSERT_GT(map_px, 20000u);
  EXPECT_LT(double(blank), 0.02 * double(map_px))
      << blank << " of " << map_px << " uncovered map pixels blank";
  EXPECT_GT(differ, 0u) << "the strip was already exact: the test is not exercising the quick path";
}

// The side panels are opaque and painted by the viewer, and the map is drawn only between them
// (app/viewer/backdrop.hpp). Collapsing a panel must widen the map to the window's edge, exactly as a
// fresh render draws it: no stale or undefined pixels where the panel was.
TEST(ViewerMapCache, PanelsAreOpaqueAndACollapsedPanelShowsTheExactMapBeneathIt) {
  if (!test::have_xvfb()) GTEST_SKIP() << "xvfb-run not installed (apt-get install xvfb xauth)";
  auto dir = test::scratch_dir();
  auto p = [&](const char* name) { return (dir / name).string(); };
  // Zoomed in so the map reaches x = 0, and at rest when the panel collapses (its arrow is at the left of
  // its title bar): only the map's rectangle changes, not the view.
  // A 100-triangle quick budget so the demo's views go through the cache, as national ones do.
  std::string s =
      "map-budget 0 100\nmove 1275 795\nwait-exact\nscreenshot " + p("open.png") + "\ndump " +
      p("open.json") +
      "\nwheel 640 400 4\nmove 700 795\nwait-exact\nclick 9 9\nmove 700 795\nwait-exact\nscreenshot " +
      p("collapsed.png") + "\ndump " + p("collapsed.json") + "\nmap-cache off\nframes 2\nscreenshot " +
      p("fresh.png") + "\n";
  std::string log;
  ASSERT_EQ(run_script(dir, s, &log), 0) << log;

  // Open: the map lies between the 330 px panels, above the status bar.
  auto open = read_json(dir / "open.json"), collapsed = read_json(dir / "collapsed.json");
  ASSERT_EQ(open["map_area"].size(), 4u);
  EXPECT_EQ(open["map_area"][0], 330);
  EXPECT_EQ(open["map_area"][2], 950);
  EXPECT_EQ(open["map_area"][1], 0);
  EXPECT_GE(open["map_area"][3], 770);
  EXPECT_LT(open["map_area"][3], 790);
  // The panels are opaque: the empty lower part of the left panel is the panel colour (ImGui's dark
  // WindowBg, 0.06 grey) in every pixel, whatever the map beneath would have been.
  test::Pixels o = test::read_png(dir / "open.png");
  const Rgba panel{15, 15, 15, 255};
  for (int y = 700; y < 760; y += 3)
    for (int x = 20; x < 320; x += 3) ASSERT_EQ(o.at(x, y), panel) << "left panel at " << x << "," << y;

  // Collapsed: the map reaches the window's left edge.
  EXPECT_EQ(collapsed["map_area"][0], 0) << "the left panel did not collapse: " << collapsed.dump();
  EXPECT_TRUE(collapsed["map_exact"]);
  test::Pixels c = test::read_png(dir / "collapsed.png"), f = test::read_png(dir / "fresh.png");
  ASSERT_EQ(c.rgba.size(), f.rgba.size());
  size_t differ = 0, first = 0;
  for (size_t i = 0; i < c.rgba.size(); i += 4)
    if (c.rgba[i] != f.rgba[i] || c.rgba[i + 1] != f.rgba[i + 1] || c.rgba[i + 2] != f.rgba[i + 2])
      if (differ++ == 0) first = i / 4;
  EXPECT_EQ(differ, 0u) << "pixels where the cached display differs from a fresh render, the first at x "
                        << first % size_t(c.w) << " y " << first / size_t(c.w);
  // Where the panel was (below its collapsed title bar), the map: several area colours, no panel colour.
  std::set<uint32_t> colours;
  size_t panel_px = 0;
  for (int y = 60; y < 760; y += 4)
    for (int x = 0; x < 330; x += 4) {
      Rgba px = c.at(x, y);
      panel_px += px == panel;
      colours.insert(uint32_t(px.r) << 16 | uint32_t(px.g) << 8 | px.b);
    }
  EXPECT_EQ(panel_px, 0u);
  EXPECT_GE(colours.size(), 4u);
}

}  // namespace
}  // namespace nbhd
