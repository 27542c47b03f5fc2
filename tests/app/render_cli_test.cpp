// `nbhd render` end to end on the demo borough: pixel colours at area interiors against the class colours
// computed here from the indicator CSV, legend swatches and counts, SVG paths, PDF page, error messages.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "geo/spatial/geos_handle.hpp"
#include "geo/tables/join.hpp"
#include "geo/tables/table_io.hpp"
#include "geo/vector/ingest.hpp"
#include "support/demo_layer.hpp"
#include "support/image_check.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

// ColorBrewer RdBu, 10 classes (colorbrewer2.org), written out independently of the app's tables.
const char* kRdBu10[] = {"#67001f", "#b2182b", "#d6604d", "#f4a582", "#fddbc7",
                         "#d1e5f0", "#92c5de", "#4393c3", "#2166ac", "#053061"};

struct Demo {
  const AreaLayer& layer = test::demo_layer();
  std::vector<int> decile;
  Demo() {
    for (double v : layer.attrs.numeric("IMD_decile").num) decile.push_back(std::isnan(v) ? -1 : int(v));
  }
};

const Demo& demo() {
  static const Demo d;
  return d;
}

std::string demo_args() {
  auto dir = test::demo_dir();
  return "render '" + (dir / "lsoa.gpkg").string() + "' --indicators '" + (dir / "indicators.csv").string() +
         "' --column IMD_decile --method unique --palette RdBu";
}

TEST(RenderCli, DemoMapPixelsAtAreaInteriorsAreTheirClassColours) {
  const Demo& d = demo();
  auto out = test::scratch_dir() / "demo.png";
  std::string json, err;
  ASSERT_EQ(test::run_nbhd(demo_args() + " --width 1600 --height 1200 --json -o '" + out.string() + "'",
                           &json, &err),
            0)
      << err;
  auto j = nlohmann::json::parse(json);
  test::Pixels px = test::read_png(out);
  ASSERT_EQ(px.w, 1600);
  double s = j["world_to_px"]["scale"], ox = j["world_to_px"]["ox"], oy = j["world_to_px"]["oy"];
  GeosContext g;
  size_t checked = 0;
  for (size_t i = 0; i < d.layer.size(); ++i) {
    GeomPtr geom = to_geos(g, d.layer.geoms[i]);
    GeomPtr pos = own(g, GEOSPointOnSurface_r(g, geom.get()));
    GeomPtr boundary = own(g, GEOSBoundary_r(g, geom.get()));
    double dist = 0;
    GEOSDistance_r(g, pos.get(), boundary.get(), &dist);
    if (dist * s < 3) continue;  // too close to an edge for an anti-aliasing-free pixel
    double x, y;
    GEOSGeomGetX_r(g, pos.get(), &x);
    GEOSGeomGetY_r(g, pos.get(), &y);
    Rgba want = parse_hex_colour(kRdBu10[d.decile[i] - 1]);
    EXPECT_EQ(px.at(int(s * x + ox), int(-s * y + oy)), want) << d.layer.codes[i];
    ++checked;
  }
  EXPECT_GT(checked, d.layer.size() * 8 / 10);

  // Legend: ten classes with the RdBu colours, the counts of the CSV, and swatches drawn in those colours.
  ASSERT_EQ(j["classes"].size(), 10u);
  for (int k = 0; k < 10; ++k) {
    const auto& c = j["classes"][size_t(k)];
    EXPECT_EQ(c["colour"], kRdBu10[k]);
    EXPECT_EQ(c["count"].get<long long>(), std::count(d.decile.begin(), d.decile.end(), k + 1));
    auto r = c["swatch_px"];
    EXPECT_EQ(px.at(int(r[0].get<double>() + r[2].get<double>() / 2),
                    int(r[1].get<double>() + r[3].get<double>() / 2)),
              parse_hex_colour(kRdBu10[k]));
  }
}

TEST(RenderCli, SvgHasOnePathPerAreaAndPdfOnePageOfA4) {
  const Demo& d = demo();
  auto dir = test::scratch_dir();
  std::string err;
  ASSERT_EQ(test::run_nbhd(demo_args() + " --width 1200 --height 900 -o '" + (dir / "m.svg").string() + "'",
                           nullptr, &err),
            0)
      << err;
  auto fills = test::svg_path_fills(dir / "m.svg");
  size_t coloured = 0;
  static const std::regex pct(R"(rgb\(([\d.]+)%,\s*([\d.]+)%,\s*([\d.]+)%\))");
  for (const auto& f : fills)
    for (const char* hex : kRdBu10) {
      Rgba want = parse_hex_colour(hex);
      std::smatch m;
      bool eq = f == hex;
      if (std::regex_match(f, m, pct))
        eq = Rgba{uint8_t(std::lround(std::stod(m[1]) * 2.55)), uint8_t(std::lround(std::stod(m[2]) * 2.55)),
                  uint8_t(std::lround(std::stod(m[3]) * 2.55)), 255} == want;
      coloured += eq;
    }
  EXPECT_EQ(coloured, d.layer.size() + 10) << "one path per area plus one legend swatch per class";

  ASSERT_EQ(test::run_nbhd(demo_args() + " --paper A4 --dpi 150 -o '" + (dir / "m.pdf").string() + "'",
                           nullptr, &err),
            0)
      << err;
  std::string info = test::pdfinfo(dir / "m.pdf");
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(Pages:\s+1\n)"))) << info;
  EXPECT_NE(info.find("595.276 x 841.89 pts (A4)"), std::string::npos) << info;
}

TEST(RenderCli, FocusOnCodesKeepsAspectAndShowsThoseAreas) {
  const Demo& d = demo();
  auto out = test::scratch_dir() / "focus.png";
  std::string json, err;
  std::string codes = d.layer.codes[10] + "," + d.layer.codes[11];
  ASSERT_EQ(test::run_nbhd(demo_args() + " --width 800 --height 800 --no-layout --focus " + codes +
                               " --json -o '" + out.string() + "'",
                           &json, &err),
            0)
      << err;
  auto j = nlohmann::json::parse(json);
  double s = j["world_to_px"]["scale"], ox = j["world_to_px"]["ox"], oy = j["world_to_px"]["oy"];
  BBox b = bbox_of(d.layer.geoms[10]);
  b.expand(bbox_of(d.layer.geoms[11]));
  // Both areas inside the image, and the larger side of their box spans ~90% of it (5% padding each side).
  double wpx = b.width() * s, hpx = b.height() * s;
  EXPECT_NEAR(std::max(wpx, hpx), 800 / 1.1, 2.0);
  EXPECT_GE(s * b.minx + ox, 0);
  EXPECT_LE(s * b.maxx + ox, 800);
  EXPECT_GE(-s * b.maxy + oy, 0);
  EXPECT_LE(-s * b.miny + oy, 800);
}

TEST(RenderCli, ClearErrorsForUnknownPaletteColumnAndCode) {
  auto out = (test::scratch_dir() / "x.png").string();
  std::string err;
  EXPECT_EQ(test::run_nbhd(demo_args() + " --palette Nope -o '" + out + "'", nullptr, &err), 2);
  EXPECT_EQ(err.rfind("nbhd render: unknown colour scheme 'Nope'; schemes are: ", 0), 0u) << err;
  EXPECT_NE(err.find("RdBu"), std::string::npos) << err;
  EXPECT_EQ(test::run_nbhd(demo_args() + " --column imd_decile -o '" + out + "'", nullptr, &err), 2);
  EXPECT_NE(err.find("imd_decile"), std::string::npos) << err;
  EXPECT_NE(err.find("IMD_decile"), std::string::npos) << "suggests the right case: " << err;
  EXPECT_EQ(test::run_nbhd(demo_args() + " --focus E01999999 -o '" + out + "'", nullptr, &err), 2);
  EXPECT_NE(err.find("cannot focus on E01999999: it is not an area code of"), std::string::npos) << err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(RenderCli, WorksWithoutDisplay) {
  auto out = test::scratch_dir() / "nodisplay.png";
  std::string err;
  ASSERT_EQ(test::run_nbhd("", nullptr, nullptr), 2);
  int rc =
      std::system(("env -u DISPLAY -u WAYLAND_DISPLAY '" + std::string(NBHD_BINARY) + "' " + demo_args() +
                   " --raster gl --width 400 --height 400 -o '" + out.string() + "' 2>/dev/null")
                      .c_str());
  EXPECT_EQ(rc, 0);
  EXPECT_TRUE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace nbhd
