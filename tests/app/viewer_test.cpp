// `nbhd view` as a real window under Xvfb, driven by --script: hover, click, legend clicks, and the pixels
// of its screenshots checked against positions and colours computed here from the demo data (GEOS point on
// surface, geo's classification, ColorBrewer's published YlOrRd). Skipped when xvfb-run is not installed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "geo/classify.hpp"
#include "geo/geos_handle.hpp"
#include "geo/ingest.hpp"
#include "geo/join.hpp"
#include "geo/table_io.hpp"
#include "support/image_check.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;

// ColorBrewer YlOrRd, 5 classes (colorbrewer2.org), written out independently of the app's tables.
const Rgba kYlOrRd5[] = {{0xff, 0xff, 0xb2, 255},
                         {0xfe, 0xcc, 0x5c, 255},
                         {0xfd, 0x8d, 0x3c, 255},
                         {0xf0, 0x3b, 0x20, 255},
                         {0xbd, 0x00, 0x26, 255}};

bool have_xvfb() {
  return std::system("command -v xvfb-run >/dev/null 2>&1") == 0;
}

#define NBHD_REQUIRE_XVFB() \
  if (!have_xvfb())         \
  GTEST_SKIP() << "xvfb-run not installed (apt-get install xvfb xauth); skipping viewer window tests"

struct Demo {
  AreaLayer layer;
  Classification classes;
  Demo() {
    auto dir = test::demo_dir();
    layer = load_areas((dir / "lsoa.gpkg").string());
    join_table(layer, read_table((dir / "indicators.csv").string()));
    ClassifyOptions o;
    o.classes = 5;
    classes = classify(layer.attrs.numeric("IMD_score").num, o);
  }
};
const Demo& demo() {
  static Demo d;
  return d;
}

// Runs the viewer on the demo borough with `script`; returns the exit status, output in *log.
int run_view(const fs::path& dir, const std::string& script, std::string* log) {
  fs::path sf = dir / "script.txt";
  std::ofstream(sf) << "size 1280 800\nwait-loaded\nkey F\nframes 2\n" << script << "quit\n";
  auto d = test::demo_dir();
  fs::path out = dir / "log.txt";
  std::string cmd = "xvfb-run -a -s '-screen 0 1280x800x24' '" + std::string(NBHD_BINARY) + "' view '" +
                    (d / "lsoa.gpkg").string() + "' --indicators '" + (d / "indicators.csv").string() +
                    "' --column IMD_score --script '" + sf.string() + "' >'" + out.string() + "' 2>&1";
  int rc = std::system(cmd.c_str());
  std::ifstream f(out);
  log->assign(std::istreambuf_iterator<char>(f), {});
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

nlohmann::json read_json(const fs::path& p) {
  std::ifstream f(p);
  return nlohmann::json::parse(f);
}

struct Xf {
  double s, ox, oy;
  explicit Xf(const nlohmann::json& j)
      : s(j["world_to_px"]["scale"]), ox(j["world_to_px"]["ox"]), oy(j["world_to_px"]["oy"]) {}
  double px(double x) const { return s * x + ox; }
  double py(double y) const { return -s * y + oy; }
};

// The map is visible between the side panels (330 px each) and above the status bar.
bool on_map(double x, double y) {
  return x > 345 && x < 935 && y > 15 && y < 760;
}

struct Interior {
  double x, y, clearance;  // world point on surface and its distance to the boundary
};
Interior interior(GeosContext& g, const MultiPolygon& mp) {
  GeomPtr geom = to_geos(g, mp);
  GeomPtr pos = own(g, GEOSPointOnSurface_r(g, geom.get()));
  GeomPtr boundary = own(g, GEOSBoundary_r(g, geom.get()));
  Interior r{};
  GEOSDistance_r(g, pos.get(), boundary.get(), &r.clearance);
  GEOSGeomGetX_r(g, pos.get(), &r.x);
  GEOSGeomGetY_r(g, pos.get(), &r.y);
  return r;
}

bool is_cyan(Rgba c) {
  return c.r < 80 && c.g > 150 && c.b > 200;
}

TEST(ViewerWindow, HoverShowsTooltipAndClickSelectsExactlyTheAreaUnderTheCursor) {
  NBHD_REQUIRE_XVFB();
  const Demo& d = demo();
  auto dir = test::scratch_dir();
  std::string log;
  ASSERT_EQ(run_view(dir, "dump " + (dir / "view.json").string() + "\n", &log), 0) << log;
  Xf xf(read_json(dir / "view.json"));

  // An area whose interior point, on screen, also lies inside another area's bounding box: a bbox pick
  // could answer either, an exact one only this area.
  GeosContext g;
  int target = -1;
  Interior at{};
  for (size_t i = 0; i < d.layer.size() && target < 0; ++i) {
    Interior p = interior(g, d.layer.geoms[i]);
    if (p.clearance * xf.s < 8 || !on_map(xf.px(p.x), xf.py(p.y))) continue;
    if (xf.px(p.x) > 800 || xf.py(p.y) > 650) continue;  // leave room for the tooltip
    for (size_t j = 0; j < d.layer.size(); ++j)
      if (j != i && bbox_of(d.layer.geoms[j]).contains({p.x, p.y})) {
        target = int(i);
        at = p;
        break;
      }
  }
  ASSERT_GE(target, 0) << "no suitable area in the demo borough";
  int cx = int(std::lround(xf.px(at.x))), cy = int(std::lround(xf.py(at.y)));
  std::string s = "screenshot " + (dir / "before.png").string() + "\nmove " + std::to_string(cx) + " " +
                  std::to_string(cy) + "\nframes 2\nscreenshot " + (dir / "hover.png").string() + "\ndump " +
                  (dir / "hover.json").string() + "\nclick " + std::to_string(cx) + " " + std::to_string(cy) +
                  "\nmove 1275 795\nframes 2\nscreenshot " + (dir / "selected.png").string() + "\ndump " +
                  (dir / "selected.json").string() + "\n";
  ASSERT_EQ(run_view(dir, s, &log), 0) << log;
  const std::string code = d.layer.codes[size_t(target)];
  EXPECT_EQ(read_json(dir / "hover.json")["hover"], code);
  auto sel = read_json(dir / "selected.json");
  ASSERT_EQ(sel["selection"].size(), 1u);
  EXPECT_EQ(sel["selection"][0], code);

  // Tooltip: below right of the cursor, ImGui's dark popup covers what was map before hovering.
  test::Pixels before = test::read_png(dir / "before.png"), hover = test::read_png(dir / "hover.png");
  auto dark_share = [&](const test::Pixels& p) {
    int dark = 0, n = 0;
    for (int y = cy + 24; y < cy + 40; ++y)
      for (int x = cx + 24; x < cx + 90; ++x, ++n) {
        Rgba c = p.at(x, y);
        dark += std::max({c.r, c.g, c.b}) < 70;
      }
    return double(dark) / n;
  };
  EXPECT_LT(dark_share(before), 0.05);
  EXPECT_GT(dark_share(hover), 0.8);

  // Highlight: cyan along this area's boundary, and nowhere else on the map (none before the click).
  test::Pixels selected = test::read_png(dir / "selected.png");
  size_t verts = 0, near_cyan = 0;
  double minx = 1e9, miny = 1e9, maxx = -1e9, maxy = -1e9;
  for (const auto& poly : d.layer.geoms[size_t(target)])
    for (const auto& p : poly.rings[0]) {
      double x = xf.px(p.x), y = xf.py(p.y);
      minx = std::min(minx, x), maxx = std::max(maxx, x), miny = std::min(miny, y), maxy = std::max(maxy, y);
      if (!on_map(x, y)) continue;
      ++verts;
      bool found = false;
      for (int dy = -2; dy <= 2 && !found; ++dy)
        for (int dx = -2; dx <= 2 && !found; ++dx) found = is_cyan(selected.at(int(x) + dx, int(y) + dy));
      near_cyan += found;
    }
  ASSERT_GT(verts, 3u);
  EXPECT_GE(near_cyan * 10, verts * 9) << near_cyan << " of " << verts << " boundary vertices highlighted";
  size_t stray = 0, cyan_before = 0;
  for (int y = 20; y < 755; ++y)
    for (int x = 350; x < 930; ++x) {
      cyan_before += is_cyan(before.at(x, y));
      bool inside = x >= minx - 4 && x <= maxx + 4 && y >= miny - 4 && y <= maxy + 4;
      if (!inside) stray += is_cyan(selected.at(x, y));
    }
  EXPECT_EQ(cyan_before, 0u);
  EXPECT_EQ(stray, 0u);
}

TEST(ViewerWindow, LegendShowsPaletteColoursAndCountsAndClickHighlightsThatClass) {
  NBHD_REQUIRE_XVFB();
  const Demo& d = demo();
  auto dir = test::scratch_dir();
  std::string log;
  std::string s = "dump " + (dir / "before.json").string() + "\nscreenshot " + (dir / "before.png").string() +
                  "\nlegend-click 4\nmove 1275 795\nframes 2\nscreenshot " + (dir / "after.png").string() +
                  "\ndump " + (dir / "after.json").string() + "\n";
  ASSERT_EQ(run_view(dir, s, &log), 0) << log;
  auto j = read_json(dir / "before.json");
  ASSERT_EQ(j["legend"].size(), 5u);
  test::Pixels before = test::read_png(dir / "before.png");
  for (size_t k = 0; k < 5; ++k) {
    const auto& e = j["legend"][k];
    EXPECT_EQ(e["count"], (long long)d.classes.counts[k]);
    int x = int((double(e["rect"][0]) + double(e["rect"][2])) / 2),
        y = int((double(e["rect"][1]) + double(e["rect"][3])) / 2);
    EXPECT_EQ(before.at(x, y), kYlOrRd5[k]) << "legend swatch " << k;
  }

  // After clicking the last class: exactly its areas keep their colour, every other area is faded.
  auto after = read_json(dir / "after.json");
  EXPECT_EQ(after["highlight"]["kind"], "legend");
  EXPECT_EQ(after["highlight"]["count"], (long long)d.classes.counts[4]);
  test::Pixels px = test::read_png(dir / "after.png");
  Xf xf(after);
  GeosContext g;
  size_t lit = 0, faded = 0;
  for (size_t i = 0; i < d.layer.size(); ++i) {
    Interior p = interior(g, d.layer.geoms[i]);
    double x = xf.px(p.x), y = xf.py(p.y);
    if (p.clearance * xf.s < 4 || !on_map(x, y)) continue;
    Rgba c = px.at(int(x), int(y));
    if (d.classes.class_of[i] == 4) {
      EXPECT_EQ(c, kYlOrRd5[4]) << d.layer.codes[i];
      ++lit;
    } else {
      EXPECT_TRUE(c.r >= 190 && c.g >= 190 && c.b >= 190) << d.layer.codes[i] << " should be faded";
      ++faded;
    }
  }
  EXPECT_GT(lit, d.classes.counts[4] / 2);
  EXPECT_GT(faded, d.layer.size() / 2);
}

TEST(ViewerWindow, SearchTypeAheadSelectsTheArea) {
  NBHD_REQUIRE_XVFB();
  const Demo& d = demo();
  auto dir = test::scratch_dir();
  std::string log;
  const std::string& name = d.layer.names[123];
  std::string s = "key Slash\nframes 1\ntype " + name + "\nframes 2\nkey Enter\nframes 2\ndump " +
                  (dir / "after.json").string() + "\n";
  ASSERT_EQ(run_view(dir, s, &log), 0) << log;
  auto j = read_json(dir / "after.json");
  ASSERT_EQ(j["selection"].size(), 1u);
  EXPECT_EQ(j["selection"][0], d.layer.codes[123]);
}

TEST(ViewerCli, ScriptErrorsNameTheLine) {
  auto dir = test::scratch_dir();
  std::ofstream(dir / "bad.txt") << "wait-loaded\nfly 1 2\n";
  std::string err;
  EXPECT_EQ(test::run_nbhd("view --script '" + (dir / "bad.txt").string() + "'", nullptr, &err), 2);
  EXPECT_NE(err.find("bad.txt:2: unknown script command 'fly'"), std::string::npos) << err;
}

}  // namespace
}  // namespace nbhd
