// draw_map_cpu over pool threads: the same pixels as one thread, and a failure inside a band (a progress
// callback that throws, no memory) reaches the caller instead of terminating the process, leaving the
// threads' scratch clean for the next map.
#include "render/export/coverage_raster.hpp"

#include <gtest/gtest.h>

#include <new>

#include "base/error.hpp"
#include "render/worker_grid.hpp"

namespace nbhd {
namespace {

struct Map {
  std::vector<MultiPolygon> geoms = test::worker_grid();
  std::vector<Rgba> fills;
  CpuMapLayers layers;
  PixelTransform t;
  static constexpr int W = 900, H = 700;  // 11 bands of 64 rows

  Map() {
    for (size_t i = 0; i < geoms.size(); ++i)
      fills.push_back(Rgba{uint8_t(40 + i % 200), uint8_t(90 + (i * 7) % 160), uint8_t(200 - i % 150), 255});
    layers.areas = &geoms;
    layers.fills = &fills;
    layers.borders = LineStyle{Rgba{255, 255, 255, 200}, 0.7f};
    BBox b;
    for (const auto& g : geoms) b.expand(bbox_of(g));
    double s = std::min(W / (b.maxx - b.minx), H / (b.maxy - b.miny)) * 0.98;
    t = PixelTransform{s, -b.minx * s + 5, b.maxy * s + 5};
  }
  std::vector<uint8_t> draw(unsigned threads, const Progress& progress = {}) const {
    std::vector<uint8_t> px(size_t(W) * H * 4, 0);
    draw_map_cpu(layers, t, 0, 0, W, H, Rgba{250, 250, 250, 255}, px.data(), size_t(W) * 4, threads,
                 progress);
    return px;
  }
};

TEST(CoverageRaster, ThreadsGiveTheSerialPixels) {
  Map m;
  auto serial = m.draw(1);
  EXPECT_EQ(m.draw(0), serial);
  EXPECT_EQ(m.draw(3), serial);
  // Something was drawn: the centre pixel is an area's colour, not the background.
  size_t c = (size_t(Map::H / 2) * Map::W + Map::W / 2) * 4;
  EXPECT_NE(serial[c + 1], 250);
}

// Every poll throws, in whichever thread draws a band. Before the one pool this threw out of a std::thread
// (or unwound past joinable threads) and the process called std::terminate.
template <class E>
void expect_band_failure_reaches_caller(E thrown) {
  Map m;
  auto before = m.draw(2);
  Progress fails = [&](double, std::string_view) -> bool { throw thrown; };
  EXPECT_THROW(m.draw(2, fails), E);
  // The bands abandoned half-way left no coverage behind in the threads' scratch.
  EXPECT_EQ(m.draw(2), before);
  EXPECT_EQ(m.draw(0), before);
}

TEST(CoverageRaster, ACancelThrownInABandReachesTheCaller) {
  expect_band_failure_reaches_caller(Cancelled());
}

TEST(CoverageRaster, OutOfMemoryInABandReachesTheCaller) {
  expect_band_failure_reaches_caller(std::bad_alloc());
}

TEST(CoverageRaster, ACancelAskedInABandThrowsCancelled) {
  Map m;
  Progress stop = [](double, std::string_view) { return false; };
  EXPECT_THROW(m.draw(2, stop), Cancelled);
}

}  // namespace
}  // namespace nbhd
