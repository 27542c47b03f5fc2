// Renders small in-code layers headlessly and checks pixels against independently known colours.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "render/scene/egl_context.hpp"
#include "render/scene/offscreen.hpp"
#include "render/scene/scene.hpp"
#include "render/triangulate/area_mesh.hpp"
#include "support/demo_layer.hpp"

namespace nbhd {
namespace {

Ring square(double x0, double y0, double x1, double y1, bool ccw = true) {
  Ring r{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
  if (!ccw) std::reverse(r.begin(), r.end());
  return r;
}

struct Image {
  int w, h;
  std::vector<uint8_t> px;  // BGRA
  Rgba at(int x, int y) const {
    const uint8_t* p = &px[(size_t(y) * w + x) * 4];
    return {p[2], p[1], p[0], p[3]};
  }
};

EglContext& context() {
  static EglContext ctx;  // one per test process: creating contexts is slow on llvmpipe
  return ctx;
}

// Three areas in BNG-sized coordinates: two 1 km squares side by side and a square with a hole.
std::vector<MultiPolygon> fixture() {
  const double X = 400000, Y = 300000;
  std::vector<MultiPolygon> g(3);
  g[0] = {Polygon{{square(X, Y, X + 1000, Y + 1000)}}};
  g[1] = {Polygon{{square(X + 1000, Y, X + 2000, Y + 1000)}}};
  g[2] = {Polygon{
      {square(X, Y + 1000, X + 2000, Y + 2000), square(X + 800, Y + 1300, X + 1200, Y + 1700, false)}}};
  return g;
}

Image render(const Scene& scene, const PixelTransform& t, int w, int h, OffscreenOptions opt = {}) {
  OffscreenRenderer r(opt);
  Image img{w, h, std::vector<uint8_t>(size_t(w) * h * 4)};
  r.render(scene, t, 0, 0, w, h, Rgba{255, 255, 255, 255}, img.px.data(), size_t(w) * 4);
  return img;
}

TEST(Offscreen, AreaInteriorsHaveTheirExactColours) {
  context();
  auto geoms = fixture();
  AreaMesh mesh = build_area_mesh(geoms, centre_of(geoms));
  ASSERT_EQ(mesh.areas, 3u);
  Scene scene;
  scene.set_areas(mesh);
  std::vector<Rgba> colours = {{215, 48, 39, 255}, {69, 117, 180, 255}, {254, 224, 144, 255}};
  scene.set_area_colours(colours);
  // 0.1 px per metre: the 2 km x 2 km layer fills 200 x 200 px with a 50 px margin.
  PixelTransform t{0.1, 50 - 0.1 * 400000, 50 + 0.1 * 302000};
  Image img = render(scene, t, 300, 300);
  auto at_world = [&](double x, double y) { return img.at(int(t.px(x)), int(t.py(y))); };
  EXPECT_EQ(at_world(400500, 300500), colours[0]);
  EXPECT_EQ(at_world(401500, 300500), colours[1]);
  EXPECT_EQ(at_world(400300, 301500), colours[2]);
  EXPECT_EQ(at_world(401000, 301500), (Rgba{255, 255, 255, 255})) << "the hole must show the background";
  EXPECT_EQ(img.at(10, 10), (Rgba{255, 255, 255, 255}));

  // Restyle uploads colours only and is reflected exactly.
  std::swap(colours[0], colours[1]);
  scene.set_area_colours(colours);
  Image img2 = render(scene, t, 300, 300);
  EXPECT_EQ(img2.at(int(t.px(400500)), int(t.py(300500))), colours[0]);
}

// The viewer's scene builds its coarser levels of detail in the background: until they are in, it draws
// with the full-detail level; once they are, it draws exactly what a scene that built them all at once
// draws (at a zoom where a coarse level is picked), and says the scene changed (a new generation).
TEST(Offscreen, LevelsBuiltInTheBackgroundEndAsSetAreasDoes) {
  context();
  const AreaLayer& L = test::demo_layer();
  auto mesh = std::make_shared<AreaMesh>(build_area_mesh(L.geoms, centre_of(L.geoms)));
  std::vector<Rgba> colours(mesh->areas);
  for (size_t i = 0; i < colours.size(); ++i) colours[i] = Rgba{uint8_t(40 + i * 7 % 200), 120, 200, 255};
  Scene all_at_once;
  all_at_once.set_areas(*mesh);
  all_at_once.set_area_colours(colours);
  Scene progressive;
  progressive.set_areas_progressive(mesh);
  progressive.set_area_colours(colours);
  EXPECT_TRUE(progressive.levels_pending());
  // About 150 m a pixel over the borough: a level of 100 m cells is picked when it is there.
  BBox b;
  for (const auto& g : L.geoms) b.expand(bbox_of(g));
  const double k = 1 / 150.0;
  PixelTransform t{k, 10 - k * b.minx, 10 + k * b.maxy};
  const int w = int(b.width() * k) + 20, h = int(b.height() * k) + 20;
  render(progressive, t, w, h);  // draws while levels are missing
  const uint64_t before = progressive.generation();
  bool uploaded = false;
  for (int i = 0; i < 20000 && progressive.levels_pending(); ++i) {
    uploaded |= progressive.upload_ready_levels();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_FALSE(progressive.levels_pending());
  EXPECT_TRUE(uploaded);
  EXPECT_EQ(progressive.levels_error(), "");
  EXPECT_NE(progressive.generation(), before);
  Image a = render(all_at_once, t, w, h), p = render(progressive, t, w, h);
  size_t differing = 0;
  for (size_t i = 0; i < a.px.size(); ++i) differing += a.px[i] != p.px[i];
  EXPECT_EQ(differing, 0u);
  // A scene destroyed while its levels are still being built stops the builder (no hang, no crash).
  {
    Scene gone;
    gone.set_areas_progressive(mesh);
  }
}

TEST(Offscreen, TilingGivesTheSameImageAsOneTile) {
  context();
  auto geoms = fixture();
  AreaMesh mesh = build_area_mesh(geoms, centre_of(geoms));
  Scene scene;
  scene.set_areas(mesh);
  std::vector<Rgba> colours = {{215, 48, 39, 255}, {69, 117, 180, 255}, {254, 224, 144, 255}};
  scene.set_area_colours(colours);
  scene.set_area_borders(LineStyle{{40, 40, 40, 255}, 1.5f});
  PixelTransform t{0.1, 50 - 0.1 * 400000, 50 + 0.1 * 302000};
  Image one = render(scene, t, 300, 300);
  OffscreenOptions small;
  small.max_tile = 64;
  small.max_tile_pixels = 64 * 40;
  Image tiled = render(scene, t, 300, 300, small);
  size_t differing = 0;
  for (size_t i = 0; i < one.px.size(); ++i) differing += one.px[i] != tiled.px[i];
  // MSAA sample positions are the same in every tile, so tiles must join seamlessly.
  EXPECT_EQ(differing, 0u);
  // Borders are drawn: the shared edge at x = 401000 is dark.
  Rgba edge = one.at(int(t.px(401000)), int(t.py(300500)));
  EXPECT_LT(edge.r, 120);
}

TEST(Offscreen, SelectionAndPointsAreDrawn) {
  context();
  auto geoms = fixture();
  AreaMesh mesh = build_area_mesh(geoms, centre_of(geoms));
  Scene scene;
  scene.set_areas(mesh);
  std::vector<Rgba> colours(3, Rgba{255, 255, 255, 255});
  scene.set_area_colours(colours);
  uint32_t sel[] = {1};
  scene.set_selection(sel, LineStyle{{0, 255, 255, 255}, 4});
  Point pts[] = {{400500, 300500}};
  Rgba pc[] = {{0, 128, 0, 255}};
  scene.set_points(pts, pc, PointStyle{6, {255, 255, 255, 255}, 1});
  PixelTransform t{0.1, 50 - 0.1 * 400000, 50 + 0.1 * 302000};
  Image img = render(scene, t, 300, 300);
  EXPECT_EQ(img.at(int(t.px(402000)), int(t.py(300500))), (Rgba{0, 255, 255, 255}));  // right edge of area 1
  EXPECT_EQ(img.at(int(t.px(400000)), int(t.py(300500))), (Rgba{255, 255, 255, 255}));  // area 0 not selected
  EXPECT_EQ(img.at(int(t.px(400500)), int(t.py(300500))), (Rgba{0, 128, 0, 255}));      // point centre
}

}  // namespace
}  // namespace nbhd
