// The viewer's panel cache (app/viewer/panel_cache.hpp) under Xvfb: side panels whose draw lists have not
// changed are copied from a texture instead of being drawn again. The copied pixels must be exactly those
// of drawing the panels afresh (the same viewer with the cache switched off), and a panel that changes (a
// hovered widget) must show the change, not a stale picture.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/image_check.hpp"
#include "support/test_data.hpp"
#include "support/viewer_run.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;

using test::read_json;

size_t differing(const test::Pixels& a, const test::Pixels& b, int x0, int x1) {
  size_t n = 0;
  for (int y = 0; y < a.h; ++y)
    for (int x = x0; x < x1; ++x) {
      Rgba p = a.at(x, y), q = b.at(x, y);
      n += p.r != q.r || p.g != q.g || p.b != q.b;
    }
  return n;
}

TEST(ViewerPanelCache, CopiedPanelsEqualAFreshDrawAndFollowAHover) {
  if (!test::have_xvfb()) GTEST_SKIP() << "xvfb-run not installed (apt-get install xvfb xauth)";
  auto dir = test::scratch_dir();
  auto p = [&](const char* name) { return (dir / name).string(); };
  // At rest with the mouse on the status bar: the panels are the same frame after frame. Then the mouse moves
  // onto the right panel's first header (hover colour), and last the cache is switched off.
  std::string s = "move 640 795\nwait-exact\nframes 4\nscreenshot " + p("rest.png") + "\ndump " +
                  p("rest.json") + "\nmove 1100 40\nframes 3\nscreenshot " + p("hover.png") + "\ndump " +
                  p("hover.json") + "\npanel-cache off\nframes 2\nscreenshot " + p("fresh.png") + "\ndump " +
                  p("fresh.json") + "\n";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args(), test::kWaitLoadedAndFit + s, &log), 0) << log;

  auto rest = read_json(dir / "rest.json"), hover = read_json(dir / "hover.json"),
       fresh = read_json(dir / "fresh.json");
  EXPECT_TRUE(rest["panel_cache"]["on"]);
  EXPECT_FALSE(fresh["panel_cache"]["on"]);
  // Resting frames copied both side panels rather than drawing them.
  EXPECT_GE(rest["panel_cache"]["reused"].get<long>(), 8) << rest["panel_cache"].dump();
  // The hover changed the right panel's draw lists, so it was drawn again.
  EXPECT_GT(hover["panel_cache"]["drawn"].get<long>(), rest["panel_cache"]["drawn"].get<long>());

  test::Pixels r = test::read_png(dir / "rest.png"), h = test::read_png(dir / "hover.png"),
               f = test::read_png(dir / "fresh.png");
  ASSERT_EQ(h.rgba.size(), f.rgba.size());
  ASSERT_EQ(r.rgba.size(), f.rgba.size());
  // Cached display (after a change) and a fresh draw agree in every pixel of the window.
  EXPECT_EQ(differing(h, f, 0, h.w), 0u) << "pixels where the cached panels differ from a fresh draw";
  // The hover shows in the right panel: the cache did not keep the resting picture.
  EXPECT_GT(differing(r, h, h.w - 330, h.w), 100u);
  // ... and the left panel, unchanged, is the same picture copied.
  EXPECT_EQ(differing(r, h, 0, 330), 0u);
}

}  // namespace
}  // namespace nbhd
