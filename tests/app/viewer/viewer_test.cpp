// `nbhd view` as a real window under Xvfb, driven by --script: hover, click, legend clicks, and the pixels
// of its screenshots checked against positions and colours computed here from the demo data (GEOS point on
// surface, geo's classification, ColorBrewer's published YlOrRd). Skipped when xvfb-run is not installed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "geo/spatial/geos_handle.hpp"
#include "geo/stats/classify.hpp"
#include "geo/tables/join.hpp"
#include "geo/tables/table_io.hpp"
#include "geo/vector/ingest.hpp"
#include "support/demo_layer.hpp"
#include "support/image_check.hpp"
#include "support/test_data.hpp"
#include "support/viewer_run.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;

using test::kYlOrRd5;
using test::on_map;
using test::read_json;
using test::WorldToPx;

struct Demo {
  const AreaLayer& layer = test::demo_layer();
  const Classification& classes = test::demo_imd_classes();
};
const Demo& demo() {
  static const Demo d;
  return d;
}

// Runs the viewer on the demo borough, fitted to the window, with `script`; returns the exit status, output
// in *log.
int run_view(const fs::path& dir, const std::string& script, std::string* log) {
  return test::run_view_script(dir, test::demo_view_args(), test::kWaitLoadedAndFit + script, log);
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
  WorldToPx xf(read_json(dir / "view.json")["world_to_px"]);

  // An area whose interior point, on screen, also lies inside another area's bounding box: a bbox pick
  // could answer either, an exact one only this area.
  GeosContext g;
  int target = -1;
  test::InteriorPoint at{};
  for (size_t i = 0; i < d.layer.size() && target < 0; ++i) {
    test::InteriorPoint p = test::interior_point(g, d.layer.geoms[i]);
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
  EXPECT_GT(dark_share(hover), 0.6);  // the rest is the tooltip's light text (DejaVu Sans, anti-aliased)

  // What the tooltip says: code, name, the mapped value and its class, the rank and decile published with it,
  // each read here from the joined table and the legend the viewer dumped.
  auto hj = read_json(dir / "hover.json");
  const Table& t = d.layer.attrs;
  auto cell = [&](const char* col) { return t.col(*t.find(col)).cell(size_t(target)); };
  int k = d.classes.class_of[size_t(target)];
  ASSERT_GE(k, 0);
  EXPECT_EQ(hj["tooltip"],
            nlohmann::json({code, d.layer.names[size_t(target)], "", "IMD_score: " + cell("IMD_score"),
                            "class: " + hj["legend"][size_t(k)]["label"].get<std::string>(),
                            "IMD_rank: " + cell("IMD_rank"), "IMD_decile: " + cell("IMD_decile")}));

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

// An area whose values are missing says "no data" in its tooltip, never an empty value.
TEST(ViewerWindow, TooltipOfAnAreaWithMissingValuesSaysNoData) {
  NBHD_REQUIRE_XVFB();
  const Demo& d = demo();
  auto dir = test::scratch_dir();
  // The demo indicators with the rank and decile of one area left blank.
  const size_t target = 0;
  std::ifstream in(test::demo_dir() / "indicators.csv");
  std::ofstream out(dir / "indicators.csv");
  std::string line;
  std::getline(in, line);
  out << line << "\n";
  while (std::getline(in, line)) {
    if (line.rfind(d.layer.codes[target] + ",", 0) == 0) {
      // code,name,IMD_score,IMD_rank,IMD_decile,...: blank the 4th and 5th fields.
      std::vector<std::string> f;
      std::stringstream ss(line);
      for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
      f[3].clear(), f[4].clear();
      line.clear();
      for (size_t i = 0; i < f.size(); ++i) line += (i ? "," : "") + f[i];
    }
    out << line << "\n";
  }
  out.close();
  GeosContext g;
  std::string log;
  std::string args = test::quoted(test::demo_dir() / "lsoa.gpkg") + " --indicators " +
                     test::quoted(dir / "indicators.csv") + " --column IMD_score";
  ASSERT_EQ(test::run_view_script(
                dir, args,
                test::kWaitLoadedAndFit + std::string("dump ") + (dir / "view.json").string() + "\n", &log),
            0)
      << log;
  WorldToPx xf(read_json(dir / "view.json")["world_to_px"]);
  test::InteriorPoint p = test::interior_point(g, d.layer.geoms[target]);
  std::string s = "move " + std::to_string(std::lround(xf.px(p.x))) + " " +
                  std::to_string(std::lround(xf.py(p.y))) + "\nframes 2\ndump " +
                  (dir / "hover.json").string() + "\n";
  ASSERT_EQ(test::run_view_script(dir, args, test::kWaitLoadedAndFit + s, &log), 0) << log;
  auto hj = read_json(dir / "hover.json");
  ASSERT_EQ(hj["hover"], d.layer.codes[target]) << log;
  auto tip = hj["tooltip"];
  ASSERT_EQ(tip.size(), 7u) << tip.dump();
  EXPECT_EQ(tip[5], "IMD_rank: no data");
  EXPECT_EQ(tip[6], "IMD_decile: no data");
  EXPECT_NE(tip[3], "IMD_score: no data");  // the score is still there
}

// --metadata and --label name the mapped column in the legend and tooltip (as nbhd render's legend), and a
// saved project keeps them: reopened, it shows the same names.
TEST(ViewerWindow, MetadataAndLabelsNameColumnsInTooltipAndLegendAndProjectKeepsThem) {
  NBHD_REQUIRE_XVFB();
  const Demo& d = demo();
  auto dir = test::scratch_dir();
  GeosContext g;
  std::string log;
  std::string args = test::demo_view_args() + " --metadata " +
                     test::quoted(test::demo_dir() / "metadata.csv") + " --label 'IMD_rank=Rank of the area'";
  ASSERT_EQ(test::run_view_script(
                dir, args,
                test::kWaitLoadedAndFit + std::string("dump ") + (dir / "view.json").string() + "\n", &log),
            0)
      << log;
  auto view = read_json(dir / "view.json");
  EXPECT_EQ(view["column_title"], "Deprivation score (IMD-like) (score)");
  WorldToPx xf(view["world_to_px"]);
  const size_t target = 0;
  test::InteriorPoint p = test::interior_point(g, d.layer.geoms[target]);
  fs::path proj = dir / "labels.nbhd.json";
  std::string s = "move " + std::to_string(std::lround(xf.px(p.x))) + " " +
                  std::to_string(std::lround(xf.py(p.y))) + "\nframes 2\ndump " +
                  (dir / "hover.json").string() + "\nsave " + proj.string() + "\n";
  ASSERT_EQ(test::run_view_script(dir, args, test::kWaitLoadedAndFit + s, &log), 0) << log;
  auto hj = read_json(dir / "hover.json");
  ASSERT_EQ(hj["hover"], d.layer.codes[target]) << log;
  const Table& t = d.layer.attrs;
  auto cell = [&](const char* col) { return t.col(*t.find(col)).cell(target); };
  auto tip = hj["tooltip"];
  ASSERT_EQ(tip.size(), 7u) << tip.dump();
  EXPECT_EQ(tip[3], "Deprivation score (IMD-like) (score): " + cell("IMD_score"));
  EXPECT_EQ(tip[5], "Rank of the area: " + cell("IMD_rank"));
  EXPECT_EQ(tip[6], "Deprivation decile (1 = most deprived): " + cell("IMD_decile"));
  auto pj = read_json(proj);
  EXPECT_EQ(pj["labels"]["metadata"], (test::demo_dir() / "metadata.csv").string());
  EXPECT_EQ(pj["labels"]["columns"], nlohmann::json::array({"IMD_rank=Rank of the area"}));
  ASSERT_EQ(
      test::run_view_script(
          dir, test::quoted(proj),
          test::kWaitLoadedAndFit + std::string("dump ") + (dir / "reopened.json").string() + "\n", &log),
      0)
      << log;
  EXPECT_EQ(read_json(dir / "reopened.json")["column_title"], "Deprivation score (IMD-like) (score)");
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
  WorldToPx xf(after["world_to_px"]);
  GeosContext g;
  size_t lit = 0, faded = 0;
  for (size_t i = 0; i < d.layer.size(); ++i) {
    test::InteriorPoint p = test::interior_point(g, d.layer.geoms[i]);
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
