// Exports a small in-code choropleth to PNG, SVG and PDF and checks the outputs by their content:
// pixel colours at area interiors, legend swatches, scale bar length, SVG paths, PDF page size.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <regex>

#include "base/error.hpp"
#include "render/document/fonts.hpp"
#include "render/export/export.hpp"
#include "support/image_check.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

// A 6 x 5 grid of 1 km square areas in BNG near Manchester, one with a hole, one with two parts.
struct Fixture {
  std::vector<MultiPolygon> geoms;
  std::vector<Point> centres;  // interior points
  MapDocument doc;
  std::vector<Rgba> palette = {{215, 48, 39, 255},
                               {252, 141, 89, 255},
                               {254, 224, 144, 255},
                               {145, 191, 219, 255},
                               {69, 117, 180, 255}};
  Rgba no_data{190, 190, 190, 255};

  Fixture() {
    const double X = 380000, Y = 395000, S = 1000;
    for (int r = 0; r < 5; ++r)
      for (int c = 0; c < 6; ++c) {
        double x0 = X + c * S, y0 = Y + r * S;
        Ring ring{{x0, y0}, {x0 + S, y0}, {x0 + S, y0 + S}, {x0, y0 + S}, {x0, y0}};
        Polygon p{{ring}};
        if (r == 2 && c == 2)
          p.rings.push_back(Ring{{x0 + 400, y0 + 400},
                                 {x0 + 400, y0 + 600},
                                 {x0 + 600, y0 + 600},
                                 {x0 + 600, y0 + 400},
                                 {x0 + 400, y0 + 400}});
        geoms.push_back({p});
        centres.push_back({x0 + 250, y0 + 250});
      }
    // Area 29 gets a second, detached part to the east.
    geoms[29].push_back(Polygon{{Ring{{X + 6300, Y + 4300},
                                      {X + 6700, Y + 4300},
                                      {X + 6700, Y + 4700},
                                      {X + 6300, Y + 4700},
                                      {X + 6300, Y + 4300}}}});
    doc.areas = &geoms;
    std::vector<long long> counts(5, 0);
    for (size_t i = 0; i < geoms.size(); ++i) {
      if (i == 7) {
        doc.fills.push_back(no_data);
        continue;
      }
      doc.fills.push_back(palette[i % 5]);
      counts[i % 5]++;
    }
    for (size_t k = 0; k < 5; ++k)
      doc.legend.push_back({"class " + std::to_string(k + 1), palette[k], counts[k]});
    doc.no_data = LegendEntry{"No data", no_data, 1};
    doc.title = "Index of Multiple Deprivation – £ spend per head";
    doc.subtitle = "Fictional borough, 2025 – Rank 1 = most deprived";
    doc.legend_title = "IMD decile";
    doc.attribution = {"Contains OS data © Crown copyright and database right",
                       "Source: MHCLG's English Indices of Deprivation"};
    for (const auto& g : geoms) doc.extent.expand(bbox_of(g));
  }
};

double px_per_metre(const ExportResult& r) {
  return r.layout.world_to_pt.scale * r.page.px_per_pt;
}

class ExportPng : public ::testing::TestWithParam<Raster> {};

TEST_P(ExportPng, AreaColoursLegendAndScaleBar) {
  Fixture f;
  f.doc.border_width_pt = 0.2;
  auto dir = test::scratch_dir();
  auto out = dir / "map.png";
  ExportOptions opt;
  opt.raster = GetParam();
  ExportResult r = export_map(f.doc, page_from_pixels(2400, 1800), out, opt);
  ASSERT_TRUE(std::filesystem::exists(out));
  test::Pixels px = test::read_png(out);
  ASSERT_EQ(px.w, 2400);
  ASSERT_EQ(px.h, 1800);
  const auto& t = r.layout.world_to_pt;
  double k = r.page.px_per_pt;
  auto at_world = [&](Point p) { return px.at(int(t.px(p.x) * k), int(t.py(p.y) * k)); };
  for (size_t i = 0; i < f.geoms.size(); ++i)
    EXPECT_EQ(at_world(f.centres[i]), f.doc.fills[i]) << "area " << i;
  // The hole of area 14 shows the background; the detached part of area 29 has its colour.
  EXPECT_EQ(at_world({380000 + 2500, 395000 + 2500}), (Rgba{255, 255, 255, 255}));
  EXPECT_EQ(at_world({380000 + 6500, 395000 + 4500}), f.doc.fills[29]);

  // Legend swatches: their centres hold exactly the class colours, then the no-data colour.
  ASSERT_EQ(r.layout.swatches.size(), 6u);
  for (size_t i = 0; i < 6; ++i) {
    const auto& s = r.layout.swatches[i];
    Rgba want = i < 5 ? f.palette[i] : f.no_data;
    EXPECT_EQ(px.at(int((s.x + s.w / 2) * k), int((s.y + s.h / 2) * k)), want) << "swatch " << i;
  }

  // Scale bar: measure its drawn length along its middle row (dark outline to dark outline) and compare with
  // the ground length it claims, at the image's own scale measured from a 1 km area's width in pixels.
  const auto& b = r.layout.scale_bar;
  int row = int((b.y + b.h / 2) * k);
  int first = -1, last = -1;
  for (int x = int((b.x - 5) * k); x < int((b.x + b.w + 5) * k); ++x) {
    Rgba c = px.at(x, row);
    if (c.r < 100 && c.g < 100 && c.b < 100) {
      if (first < 0) first = x;
      last = x;
    }
  }
  ASSERT_GE(first, 0) << "no scale bar found";
  // Width of the bottom row of areas (6 km) in pixels: from the first to the last non-background pixel.
  int ay = int(t.py(395000 + 500) * k), ax = int(t.px(380000 + 500) * k);
  int l = ax, rr = ax;
  const Rgba white{255, 255, 255, 255};
  while (px.at(l - 1, ay) != white) --l;
  while (px.at(rr + 1, ay) != white) ++rr;
  double measured_px_per_m = (rr - l + 1) / 6000.0;
  EXPECT_NEAR(measured_px_per_m, px_per_metre(r), 0.01 * px_per_metre(r));
  // BNG grid metres are ground metres to within 0.1% here, so the bar must be true to 1%.
  double bar_px = last - first + 1;
  double grid_m = bar_px / measured_px_per_m;
  EXPECT_NEAR(grid_m * r.layout.metres_per_unit, r.layout.scale_bar_metres, 0.01 * r.layout.scale_bar_metres)
      << "bar " << bar_px << " px claims " << r.layout.scale_bar_label;
  EXPECT_NEAR(r.layout.metres_per_unit, 1.0, 0.002);
}

INSTANTIATE_TEST_SUITE_P(Rasterisers, ExportPng, ::testing::Values(Raster::Cpu, Raster::Gl),
                         [](const auto& p) { return p.param == Raster::Cpu ? "Cpu" : "Gl"; });

// The two rasterisers agree: same colours in area interiors, and edges differ only by anti-aliasing.
TEST(Export, CpuAndGlRasterisersAgree) {
  Fixture f;
  auto dir = test::scratch_dir();
  ExportOptions cpu, gl;
  gl.raster = Raster::Gl;
  export_map(f.doc, page_from_pixels(1200, 900), dir / "cpu.png", cpu);
  export_map(f.doc, page_from_pixels(1200, 900), dir / "gl.png", gl);
  test::Pixels a = test::read_png(dir / "cpu.png"), b = test::read_png(dir / "gl.png");
  size_t differ = 0, far = 0;
  for (size_t i = 0; i < a.rgba.size(); i += 4) {
    int d = 0;
    for (int c = 0; c < 3; ++c) d = std::max(d, std::abs(int(a.rgba[i + c]) - int(b.rgba[i + c])));
    differ += d > 0;
    far += d > 96;
  }
  size_t n = a.rgba.size() / 4;
  EXPECT_LT(differ, n / 50) << "more than 2% of pixels differ";
  EXPECT_LT(far, n / 2000) << "edge pixels differ by more than anti-aliasing";
}

TEST(Export, TextHasNoMissingGlyphs) {
  Fixture f;
  const Fonts& fonts = map_fonts();
  EXPECT_EQ(fonts.missing_glyphs(f.doc.title + f.doc.subtitle + "£©'’–é"), "");
  for (const auto& a : f.doc.attribution) EXPECT_EQ(fonts.missing_glyphs(a), "");
  EXPECT_EQ(fonts.missing_glyphs("\u4e2d"), "\u4e2d") << "the check must be able to fail";
}

TEST(Export, SvgHasOnePathPerAreaWithItsColour) {
  Fixture f;
  auto out = test::scratch_dir() / "map.svg";
  f.doc.border_width_pt = 0.3;
  export_map(f.doc, page_from_pixels(1200, 900), out);
  auto fills = test::svg_path_fills(out);
  // Every area's colour appears on exactly as many paths as areas of that colour (+1 legend swatch).
  for (size_t k = 0; k < 5; ++k) {
    std::string hex = to_hex(f.palette[k]);
    size_t areas = 0;
    for (auto c : f.doc.fills) areas += c == f.palette[k];
    size_t paths = 0;
    for (const auto& s : fills) {
      // Cairo writes rgb(r%,g%,b%) or #rrggbb depending on version: normalise both.
      if (s == hex) ++paths;
      std::smatch m;
      static const std::regex pct(R"(rgb\(([\d.]+)%,\s*([\d.]+)%,\s*([\d.]+)%\))");
      if (std::regex_match(s, m, pct)) {
        Rgba c{uint8_t(std::lround(std::stod(m[1]) * 2.55)), uint8_t(std::lround(std::stod(m[2]) * 2.55)),
               uint8_t(std::lround(std::stod(m[3]) * 2.55)), 255};
        if (c == f.palette[k]) ++paths;
      }
    }
    EXPECT_EQ(paths, areas + 1) << hex;
  }
  // Total: areas, the one border path, and the layout (swatches, bar, arrow, frame): bounded, not per area.
  EXPECT_GE(fills.size(), f.geoms.size() + 1);
  EXPECT_LE(fills.size(), f.geoms.size() + 1 + 30);
}

TEST(Export, PdfHasOnePageOfTheRequestedPaper) {
  Fixture f;
  auto dir = test::scratch_dir();
  export_map(f.doc, page_from_paper("A4", 300, false), dir / "a4.pdf");
  std::string info = test::pdfinfo(dir / "a4.pdf");
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(Pages:\s+1\n)"))) << info;
  EXPECT_NE(info.find("595.276 x 841.89 pts (A4)"), std::string::npos) << info;
  export_map(f.doc, page_from_paper("a3", 150, true), dir / "a3.pdf");
  info = test::pdfinfo(dir / "a3.pdf");
  EXPECT_NE(info.find("1190.55 x 841.89 pts (A3)"), std::string::npos) << info;
}

TEST(Export, RejectsUnknownFormatAndPaper) {
  Fixture f;
  auto dir = test::scratch_dir();
  try {
    export_map(f.doc, page_from_pixels(400, 400), dir / "map.jpg");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "cannot tell the format of " + (dir / "map.jpg").string() +
                                         "; name the output .png, .svg, .pdf or .html");
  }
  EXPECT_THROW(page_from_paper("Letter", 300, false), Error);
  EXPECT_FALSE(std::filesystem::exists(dir / "map.jpg"));
}

}  // namespace
}  // namespace nbhd

#include <sys/resource.h>

namespace nbhd {
namespace {

// 10000 x 10000 px: beyond one tile here (tiles forced to 4096 px), streamed in strips, never the whole image
// in memory (a full RGBA frame alone would be 400 MB, its 4x MSAA buffer 1.6 GB).
TEST(Export, TenThousandPixelPngIsTiledAndStreamed) {
  Fixture f;
  auto out = test::scratch_dir() / "big.png";
  ExportOptions opt;
  opt.raster = Raster::Gl;  // the GL path must tile beyond its limits; the CPU path streams strips anyway
  opt.gl.max_tile = 4096;
  ExportResult r = export_map(f.doc, page_from_pixels(10000, 10000), out, opt);
  const auto& t = r.layout.world_to_pt;
  double k = r.page.px_per_pt;
  // Expected colours at area interiors, keyed by pixel row.
  std::multimap<int, std::pair<int, Rgba>> want;
  for (size_t i = 0; i < f.geoms.size(); ++i)
    want.insert({int(t.py(f.centres[i].y) * k), {int(t.px(f.centres[i].x) * k), f.doc.fills[i]}});
  size_t checked = 0, wrong = 0;
  auto [w, h] = test::scan_png_rows(out, [&](int y, const uint8_t* px) {
    auto [b, e] = want.equal_range(y);
    for (auto it = b; it != e; ++it) {
      const uint8_t* p = px + size_t(it->second.first) * 4;
      ++checked;
      wrong += !(Rgba{p[0], p[1], p[2], 255} == it->second.second);
    }
  });
  EXPECT_EQ(w, 10000);
  EXPECT_EQ(h, 10000);
  EXPECT_EQ(checked, f.geoms.size());
  EXPECT_EQ(wrong, 0u);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  EXPECT_LT(ru.ru_maxrss / 1024, 1200) << "peak resident MB";
}

}  // namespace
}  // namespace nbhd
