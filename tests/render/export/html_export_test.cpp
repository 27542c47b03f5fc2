// export_html on an in-code grid of areas: a cancel leaves no file and an existing one untouched, tooltips
// that do not match the areas are refused, and a large ring is simplified to the pixel size.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "base/error.hpp"
#include "render/export/export.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

struct Grid {
  std::vector<MultiPolygon> geoms;
  MapDocument doc;
  HtmlTooltips tips;
  // n x n squares of 100 m; the first is a circle of 4000 vertices instead (a detailed coastline).
  explicit Grid(int n) {
    for (int r = 0; r < n; ++r)
      for (int c = 0; c < n; ++c) {
        double x = 400000 + c * 100, y = 300000 + r * 100;
        Ring ring{{x, y}, {x + 100, y}, {x + 100, y + 100}, {x, y + 100}, {x, y}};
        if (r == 0 && c == 0) {
          ring.clear();
          for (int k = 0; k <= 4000; ++k)
            ring.push_back(
                {x + 50 + 50 * std::cos(k * 2 * M_PI / 4000), y + 50 + 50 * std::sin(k * 2 * M_PI / 4000)});
        }
        geoms.push_back({Polygon{{ring}}});
        doc.fills.push_back(Rgba{uint8_t(r * 10), uint8_t(c * 10), 100, 255});
        tips.codes.push_back("A" + std::to_string(r * n + c));
        tips.class_of.push_back(-1);
        doc.extent.expand(bbox_of(geoms.back()));
      }
    doc.areas = &geoms;
    doc.title = "Grid";
  }
};

TEST(HtmlExport, CancelLeavesNoFileAndKeepsTheOldOne) {
  Grid g(40);
  auto dir = test::scratch_dir();
  auto out = dir / "map.html";
  std::ofstream(out) << "old";
  ExportOptions eo;
  eo.html.tooltips = &g.tips;
  int calls = 0;
  eo.progress = [&](double, std::string_view) { return ++calls < 2; };
  EXPECT_THROW(export_map(g.doc, PageSpec{}, out, eo), Cancelled);
  EXPECT_EQ(test::read_file(out), "old");
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) files += e.is_regular_file();
  EXPECT_EQ(files, 1u);
}

TEST(HtmlExport, TooltipsMustMatchTheAreas) {
  Grid g(3);
  g.tips.codes.pop_back();
  HtmlOptions o;
  o.tooltips = &g.tips;
  EXPECT_EQ(test::message_of([&] { export_html(g.doc, test::scratch_dir() / "m.html", o); }),
            "internal error: tooltips for 8 areas, the map has 9; please report this");
}

TEST(HtmlExport, DetailIsSimplifiedToThePixelSize) {
  Grid g(10);  // 1 km wide: the 100 m circle is 120 px across at the 1200 px fit
  HtmlOptions o;
  o.tooltips = &g.tips;
  HtmlStats st = export_html(g.doc, test::scratch_dir() / "m.html", o);
  EXPECT_EQ(st.source_vertices, 4001u + 99 * 5);
  // Every square keeps its 4 corners at both levels; the circle keeps what half a pixel needs: a chord
  // of sagitta 0.5 px on a 60 px radius spans ~2*sqrt(2*60*0.5) = 15.5 px, so ~25 vertices (fine: 8x finer,
  // ~70 vertices; Douglas-Peucker keeps up to about twice the fewest), far below its 4000.
  size_t circle_coarse = st.coarse_vertices - 99 * 4, circle_fine = st.fine_vertices - 99 * 4;
  EXPECT_GE(circle_coarse, 15u);
  EXPECT_LE(circle_coarse, 40u);
  EXPECT_GT(circle_fine, circle_coarse * 2);
  EXPECT_LE(circle_fine, 150u);
}

}  // namespace
}  // namespace nbhd
