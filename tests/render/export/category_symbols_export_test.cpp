// Point symbols in an exported PNG: 20 categories give 20 distinct colours on the page, and categories
// past the palette are drawn as squares, triangles and diamonds (pixels where only that shape reaches).
// Both rasterisers, since `nbhd render --raster gl` and the default CPU one must draw the same symbols.
#include <gtest/gtest.h>

#include <set>

#include "render/document/build_map_document.hpp"
#include "render/export/export.hpp"
#include "support/image_check.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

// One dark 10 x 12 km area with `n` categories of points on a 1 km grid, category k having n - k points
// (so the frequency order is k's), each point at least 1 km from the next.
struct SymbolMap {
  std::vector<MultiPolygon> geoms;
  PointLayer assets;
  MapDocument doc;
  explicit SymbolMap(int n) {
    const double X = 380000, Y = 395000;
    geoms.push_back(
        {Polygon{{Ring{{X, Y}, {X + 10000, Y}, {X + 10000, Y + 12000}, {X, Y + 12000}, {X, Y}}}}});
    int slot = 0;
    for (int k = 0; k < n; ++k)
      for (int j = 0; j < std::max(1, 3 - k / 10); ++j, ++slot) {
        assets.pts.push_back({X + 500 + 1000 * (slot % 10), Y + 500 + 1000 * (slot / 10)});
        assets.categories.push_back("category " + std::to_string(k));
      }
    if (slot > 120) throw std::logic_error("more points than the area holds");
    doc.areas = &geoms;
    doc.fills = {Rgba{40, 40, 40, 255}};
    doc.extent = bbox_of(geoms[0]);
    CategoryColours cc = category_colours(assets.categories);
    PointSymbols ps;
    ps.title = "Assets";
    ps.pts = &assets.pts;
    ps.legend = cc.legend;
    ps.radius_pt = 6;
    for (const auto& c : assets.categories) {
      ps.colours.push_back(cc.symbol(c).colour);
      ps.shapes.push_back(cc.symbol(c).shape);
    }
    doc.points = ps;
  }
};

class SymbolExport : public ::testing::TestWithParam<Raster> {};

TEST_P(SymbolExport, TwentyCategoriesGiveTwentyDistinctColours) {
  SymbolMap m(20);
  auto dir = test::scratch_dir();
  ExportOptions opt;
  opt.raster = GetParam();
  ExportResult r = export_map(m.doc, page_from_pixels(1600, 1200), dir / "map.png", opt);
  test::Pixels px = test::read_png(dir / "map.png");
  double k = r.page.px_per_pt;
  const auto& t = r.layout.world_to_pt;
  std::set<std::string> on_map;
  for (size_t i = 0; i < m.assets.pts.size(); ++i) {
    Point p = m.assets.pts[i];
    Rgba c = px.at(int(t.px(p.x) * k), int(t.py(p.y) * k));
    EXPECT_EQ(c, m.doc.points->colours[i]) << m.assets.categories[i];
    on_map.insert(to_hex(c));
  }
  EXPECT_EQ(on_map.size(), 20u);
  // The legend's symbols have them too.
  ASSERT_EQ(r.layout.point_swatches.size(), 20u);
  std::set<std::string> in_legend;
  for (const auto& s : r.layout.point_swatches)
    in_legend.insert(to_hex(px.at(int((s.x + s.w / 2) * k), int((s.y + s.h / 2) * k))));
  EXPECT_EQ(in_legend, on_map);
}

TEST_P(SymbolExport, CategoriesPastThePaletteHaveShapes) {
  SymbolMap m(80);
  auto dir = test::scratch_dir();
  ExportOptions opt;
  opt.raster = GetParam();
  ExportResult r = export_map(m.doc, page_from_paper("A3", 200, false), dir / "map.png", opt);
  test::Pixels px = test::read_png(dir / "map.png");
  double k = r.page.px_per_pt, rad = m.doc.points->radius_pt * k;
  const auto& t = r.layout.world_to_pt;
  const Rgba ground{40, 40, 40, 255};
  // Points that only one shape covers (image y down; the triangle points up): a square's corner, below
  // the triangle's right corner, the diamond's bottom tip. A circle covers none of them.
  auto covered = [&](double cx, double cy, double dx, double dy) {
    Rgba c = px.at(int(cx + dx * rad), int(cy + dy * rad));
    return c != ground;
  };
  std::map<SymbolShape, int> seen;
  for (size_t i = 0; i < m.assets.pts.size(); ++i) {
    double cx = t.px(m.assets.pts[i].x) * k, cy = t.py(m.assets.pts[i].y) * k;
    SymbolShape s = m.doc.points->shapes[i];
    EXPECT_EQ(px.at(int(cx), int(cy)), m.doc.points->colours[i]) << m.assets.categories[i];
    EXPECT_EQ(covered(cx, cy, 0.78, 0.78), s == SymbolShape::square) << m.assets.categories[i];
    EXPECT_EQ(covered(cx, cy, 0.95, 0.55), s == SymbolShape::triangle) << m.assets.categories[i];
    EXPECT_EQ(covered(cx, cy, 0, 1.15), s == SymbolShape::diamond) << m.assets.categories[i];
    seen[s]++;
  }
  EXPECT_EQ(seen.size(), 4u);
}

INSTANTIATE_TEST_SUITE_P(Rasterisers, SymbolExport, ::testing::Values(Raster::Cpu, Raster::Gl),
                         [](const auto& p) { return p.param == Raster::Cpu ? "Cpu" : "Gl"; });

}  // namespace
}  // namespace nbhd
