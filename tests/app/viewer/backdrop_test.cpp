// The map rectangle the viewer's opaque panels leave (app/viewer/backdrop.hpp), for the layouts the viewer
// draws: both side panels open or collapsed, the status bar, HiDPI scales, windows that float.
#include <gtest/gtest.h>

#include "app/viewer/backdrop.hpp"

namespace nbhd::view {
namespace {

void expect_rect(const MapRect& r, int x, int y, int w, int h) {
  EXPECT_EQ(r.x, x);
  EXPECT_EQ(r.y, y);
  EXPECT_EQ(r.w, w);
  EXPECT_EQ(r.h, h);
}

// The viewer's layout at 1920 x 1080: 330 px side panels down to a 24 px status bar.
const Backdrop kLeft{0, 0, 330, 1056}, kRight{1590, 0, 1920, 1056}, kStatus{0, 1056, 1920, 1080};

TEST(Backdrop, NoPanelsLeaveTheWholeWindow) {
  expect_rect(map_area(1920, 1080, 1, {}), 0, 0, 1920, 1080);
}

TEST(Backdrop, SidePanelsAndStatusBarLeaveTheMiddleAboveTheStatusBar) {
  // GL rows count from the bottom: the status bar's 24 rows are rows 0-23.
  expect_rect(map_area(1920, 1080, 1, {kLeft, kRight, kStatus}), 330, 24, 1260, 1056);
  // Whatever order the panels were recorded in: the sides reach the map's bottom only without the status bar.
  expect_rect(map_area(1920, 1080, 1, {kStatus, kRight, kLeft}), 330, 24, 1260, 1056);
}

TEST(Backdrop, ACollapsedPanelIsNotABackdropSoTheMapReachesTheEdge) {
  expect_rect(map_area(1920, 1080, 1, {kRight, kStatus}), 0, 24, 1590, 1056);
  expect_rect(map_area(1920, 1080, 1, {kLeft, kStatus}), 330, 24, 1590, 1056);
}

TEST(Backdrop, FloatingWindowsTakeNothingOff) {
  // The open dialog in the middle, a tooltip: the map is drawn beneath them.
  Backdrop dialog{500, 300, 1400, 800};
  expect_rect(map_area(1920, 1080, 1, {kLeft, kRight, kStatus, dialog}), 330, 24, 1260, 1056);
  // A column that does not span the map's height is floating too.
  Backdrop half{0, 0, 330, 500};
  expect_rect(map_area(1920, 1080, 1, {half, kStatus}), 0, 24, 1920, 1056);
}

TEST(Backdrop, HiDpiScaleAndFractionalEdgesRoundOutward) {
  // Scale 2: every figure doubles.
  expect_rect(map_area(1920, 1080, 2, {kLeft, kRight, kStatus}), 660, 48, 2520, 2112);
  // Scale 1.5 with a status bar 25.5 px high: rows 1581-1619 of 1620 hold it; a half-covered row stays map.
  Backdrop status{0, 1054.5f, 1920, 1080};
  MapRect r = map_area(1920, 1080, 1.5f, {status});
  expect_rect(r, 0, 38, 2880, 1582);  // rows 38 .. 1619 from the bottom; row 38 is half status, half map
  // The backdrop itself also rounds outward, so between them no row is left unpainted.
  MapRect s = framebuffer_rect(status, 1080, 1.5f);
  expect_rect(s, 0, 0, 2880, 39);
  EXPECT_GE(s.y + s.h, r.y);
}

TEST(Backdrop, PanelsCoveringEverythingLeaveNoMap) {
  EXPECT_EQ(map_area(600, 400, 1, {Backdrop{0, 0, 330, 400}, Backdrop{270, 0, 600, 400}}).w, 0);
  EXPECT_EQ(map_area(600, 400, 1, {Backdrop{0, 0, 600, 400}}).w, 0);
}

}  // namespace
}  // namespace nbhd::view
