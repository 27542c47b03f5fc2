// `nbhd view` under Xvfb, driven by --script, for what a planner does besides looking: opening files (the
// open dialog by keyboard, drag-and-drop), exporting the view (PNG/SVG/PDF), saving and restoring a
// project (and relocating a moved data file), brushing the histogram, and the dual-disadvantage view
// over a bivariate map. Expected values are computed here from the demo data (geo's classification,
// GEOS interior points, ColorBrewer's published YlOrRd), never read back from the viewer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "app/viewer/file_dialog.hpp"
#include "geo/spatial/geos_handle.hpp"
#include "geo/stats/classify.hpp"
#include "geo/tables/join.hpp"
#include "geo/tables/table_io.hpp"
#include "geo/vector/ingest.hpp"
#include "render/document/map_document.hpp"
#include "support/demo_layer.hpp"
#include "support/image_check.hpp"
#include "support/test_data.hpp"
#include "support/viewer_run.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;

using test::kYlOrRd5;
using test::on_map;
using test::quoted;
using test::read_json;
using test::WorldToPx;

struct Demo {
  const AreaLayer& layer = test::demo_layer();
  const Classification& classes = test::demo_imd_classes();
  const std::vector<double>& imd = layer.attrs.numeric("IMD_score").num;
  const std::vector<double>& cni = layer.attrs.numeric("CNI_score").num;
};
const Demo& demo() {
  static const Demo d;
  return d;
}

// Every demo area's interior point, computed once.
const std::vector<test::InteriorPoint>& interiors() {
  static std::vector<test::InteriorPoint> all = [] {
    GeosContext g;
    std::vector<test::InteriorPoint> r;
    for (const auto& mp : demo().layer.geoms) r.push_back(test::interior_point(g, mp));
    return r;
  }();
  return all;
}

// The demo areas whose interior point shows on the map in the view `xf` with at least `clearance_px`
// pixels to the area's boundary, and where (window pixels).
struct OnMap {
  size_t area;
  int x, y;
};
std::vector<OnMap> clear_interiors(const WorldToPx& xf, double clearance_px) {
  std::vector<OnMap> r;
  for (size_t i = 0; i < interiors().size(); ++i) {
    const test::InteriorPoint& p = interiors()[i];
    double x = xf.px(p.x), y = xf.py(p.y);
    if (p.clearance * xf.s >= clearance_px && on_map(x, y)) r.push_back({i, int(x), int(y)});
  }
  return r;
}

bool faded(Rgba c) {
  return c.r >= 190 && c.g >= 190 && c.b >= 190;
}

// --- Opening files ------------------------------------------------------------------------------------

TEST(ViewerOpen, DialogByKeyboardOpensBoundariesThenJoinsATableAndShowsErrorsAsOneLine) {
  NBHD_REQUIRE_XVFB();
  const Demo& d = demo();
  auto dir = test::scratch_dir();
  fs::path data = dir / "data";
  fs::create_directories(data / "zz_folder");
  fs::copy_file(test::demo_dir() / "lsoa.gpkg", data / "lsoa.gpkg");
  fs::copy_file(test::demo_dir() / "indicators.csv", data / "indicators.csv");
  std::ofstream(data / "broken.geojson") << "{ not geojson";
  std::ofstream(data / "notes.txt") << "not listed";
  std::string s =
      "frames 3\nopen boundaries\nframes 2\ntype " + data.string() + "\nkey Enter\nframes 2\ndump " +
      (dir / "listing.json").string() +
      // Click the size header (largest first), then again (smallest first, as by name here).
      "\ndialog-header 1\nframes 2\ndump " + (dir / "by_size.json").string() +
      "\ndialog-header 1\nframes 2\ndump " + (dir / "by_size_asc.json").string() +
      // folders first, then broken.geojson, lsoa.gpkg: three steps down
      "\nkey Down\nkey Down\nkey Down\nframes 1\nkey Enter\nwait-loaded\nkey F\nframes 2\ndump " +
      (dir / "areas.json").string() + "\nopen table\nframes 2\ndump " + (dir / "tables.json").string() +
      "\ntype lsoa.gpkg\nkey Enter\nframes 2\ndump " + (dir / "wrong.json").string() +
      "\ntype indicators.csv\nkey Enter\nwait-loaded\nframes 2\nmove 1275 795\nframes 2\nscreenshot " +
      (dir / "joined.png").string() + "\ndump " + (dir / "joined.json").string() +
      "\nopen boundaries\nframes 2\ntype broken.geojson\nkey Enter\nwait-loaded\nframes 2\ndump " +
      (dir / "broken.json").string() + "\nopen assets\nframes 2\nkey Escape\nframes 2\ndump " +
      (dir / "closed.json").string() + "\n";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir, "--column IMD_score", s, &log), 0) << log;

  auto listing = read_json(dir / "listing.json");
  EXPECT_TRUE(listing["dialog"]["open"].get<bool>());
  EXPECT_EQ(listing["dialog"]["folder"], fs::canonical(data).string());
  EXPECT_EQ(listing["dialog"]["entries"], nlohmann::json({"zz_folder/", "broken.geojson", "lsoa.gpkg"}));
  EXPECT_FALSE(listing["loaded"].get<bool>());
  auto by_size = read_json(dir / "by_size.json");
  EXPECT_EQ(by_size["dialog"]["sort"], "size desc");
  EXPECT_EQ(by_size["dialog"]["entries"], nlohmann::json({"zz_folder/", "lsoa.gpkg", "broken.geojson"}));
  auto by_size_asc = read_json(dir / "by_size_asc.json");
  EXPECT_EQ(by_size_asc["dialog"]["sort"], "size asc");
  EXPECT_EQ(by_size_asc["dialog"]["entries"], nlohmann::json({"zz_folder/", "broken.geojson", "lsoa.gpkg"}));

  auto areas = read_json(dir / "areas.json");
  EXPECT_FALSE(areas["dialog"]["open"].get<bool>());
  EXPECT_TRUE(areas["loaded"].get<bool>());
  EXPECT_EQ(areas["areas"], d.layer.size());
  EXPECT_EQ(areas["sources"]["boundaries"], (fs::canonical(data) / "lsoa.gpkg").string());

  // The table dialog remembers the folder and lists only tables.
  auto tables = read_json(dir / "tables.json");
  EXPECT_EQ(tables["dialog"]["role"], "table");
  EXPECT_EQ(tables["dialog"]["folder"], fs::canonical(data).string());
  EXPECT_EQ(tables["dialog"]["entries"], nlohmann::json({"zz_folder/", "indicators.csv"}));
  auto wrong = read_json(dir / "wrong.json");
  EXPECT_TRUE(wrong["dialog"]["open"].get<bool>());
  EXPECT_EQ(wrong["dialog"]["error"], "lsoa.gpkg is not a table file; choose one of .csv .tsv .xlsx");

  // Joined: the map is the IMD choropleth (class colours at area interiors), legend counts as geo's.
  auto joined = read_json(dir / "joined.json");
  EXPECT_EQ(joined["sources"]["indicators"],
            nlohmann::json({(fs::canonical(data) / "indicators.csv").string()}));
  EXPECT_EQ(joined["column"], "IMD_score");
  ASSERT_EQ(joined["legend"].size(), 5u);
  for (size_t k = 0; k < 5; ++k) EXPECT_EQ(joined["legend"][k]["count"], (long long)d.classes.counts[k]);
  test::Pixels px = test::read_png(dir / "joined.png");
  WorldToPx xf(joined["world_to_px"]);
  size_t checked = 0;
  for (size_t i = 0; i < d.layer.size(); ++i) {
    const test::InteriorPoint& p = interiors()[i];
    double x = xf.px(p.x), y = xf.py(p.y);
    if (p.clearance * xf.s < 4 || !on_map(x, y)) continue;
    EXPECT_EQ(px.at(int(x), int(y)), kYlOrRd5[d.classes.class_of[i]]) << d.layer.codes[i];
    ++checked;
  }
  EXPECT_GT(checked, d.layer.size() / 2);

  // A file that does not load: one line naming it and saying what to do; the map loaded before stays.
  auto broken = read_json(dir / "broken.json");
  std::string err = broken["load_error"];
  EXPECT_NE(err.find("broken.geojson"), std::string::npos) << err;
  EXPECT_EQ(err.find('\n'), std::string::npos) << err;
  EXPECT_TRUE(broken["loaded"].get<bool>());
  EXPECT_EQ(broken["areas"], d.layer.size());
  EXPECT_EQ(broken["sources"]["boundaries"], (fs::canonical(data) / "lsoa.gpkg").string());
  EXPECT_EQ(broken["sources"]["indicators"], joined["sources"]["indicators"]);
  // Esc closes the dialog and leaves the map as it was.
  auto closed = read_json(dir / "closed.json");
  EXPECT_FALSE(closed["dialog"]["open"].get<bool>());
  EXPECT_EQ(closed["dialog"]["role"], "assets");
  EXPECT_TRUE(closed["sources"]["assets"].empty());  // no asset file was added
}

// The dialog's breadcrumbs, clicked where they are drawn: each goes to its folder, and the folder's
// listing follows; a boundaries file picked from there loads.
TEST(ViewerOpen, BreadcrumbClicksGoToThatFolder) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  fs::path top = fs::canonical(dir) / "survey", deep = top / "north" / "ward7";
  fs::create_directories(deep);
  fs::copy_file(test::demo_dir() / "lsoa.gpkg", top / "lsoa.gpkg");
  // The crumbs of the deep folder, as the dialog splits it: the one for `top` and the one above it.
  auto crumbs = view::breadcrumbs(deep);
  auto at = std::find(crumbs.begin(), crumbs.end(), top);
  ASSERT_NE(at, crumbs.end());
  size_t k = size_t(at - crumbs.begin());
  std::string s =
      "frames 3\nopen boundaries\nframes 2\ntype " + deep.string() + "\nkey Enter\nframes 2\ndump " +
      (dir / "deep.json").string() + "\nclick-item dialog.crumb." + std::to_string(k) + "\nframes 2\ndump " +
      (dir / "top.json").string() + "\nclick-item dialog.crumb." + std::to_string(k - 1) +
      "\nframes 2\ndump " + (dir / "above.json").string() +
      // Back down by keyboard: Down to survey/ and Enter, then Down twice to lsoa.gpkg and Enter.
      "\nkey Down\nkey Enter\nframes 2\nkey Down\nkey Down\nframes 1\nkey Enter\nwait-loaded\nframes "
      "2\ndump " +
      (dir / "loaded.json").string() + "\n";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir, "--column IMD_score", s, &log), 0) << log;
  EXPECT_EQ(log.find("no UI item"), std::string::npos) << log;
  EXPECT_EQ(log.find("nothing is loading"), std::string::npos) << log;

  auto deep_j = read_json(dir / "deep.json");
  EXPECT_EQ(deep_j["dialog"]["folder"], deep.string());
  EXPECT_EQ(deep_j["dialog"]["entries"], nlohmann::json::array());
  // The crumbs are on screen, one per folder of the path.
  for (size_t i = 0; i < crumbs.size(); ++i)
    EXPECT_TRUE(deep_j["ui"].contains("dialog.crumb." + std::to_string(i)));
  auto top_j = read_json(dir / "top.json");
  EXPECT_EQ(top_j["dialog"]["folder"], top.string());
  EXPECT_EQ(top_j["dialog"]["entries"], nlohmann::json({"north/", "lsoa.gpkg"}));
  auto above_j = read_json(dir / "above.json");
  EXPECT_EQ(above_j["dialog"]["folder"], top.parent_path().string());
  ASSERT_FALSE(above_j["dialog"]["entries"].empty());
  EXPECT_EQ(above_j["dialog"]["entries"][0], "survey/");  // folders first; then this test's own files
  auto loaded = read_json(dir / "loaded.json");
  EXPECT_FALSE(loaded["dialog"]["open"].get<bool>());
  EXPECT_EQ(loaded["sources"]["boundaries"], (top / "lsoa.gpkg").string());
  EXPECT_EQ(loaded["areas"], demo().layer.size());
}

TEST(ViewerOpen, DroppedFilesAreRoutedByExtension) {
  NBHD_REQUIRE_XVFB();
  const Demo& d = demo();
  auto dir = test::scratch_dir();
  auto demo_dir = test::demo_dir();
  fs::path lsoa = demo_dir / "lsoa.gpkg", csv = demo_dir / "indicators.csv";
  // A table alone has nothing to join to; then boundaries and table dropped together (table first).
  std::string s = "frames 3\ndrop " + csv.string() + "\nframes 2\ndump " + (dir / "alone.json").string() +
                  "\ndrop " + csv.string() + " " + lsoa.string() + "\nwait-loaded\nkey F\nframes 2\ndump " +
                  (dir / "both.json").string() + "\n";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir, "--column IMD_score", s, &log), 0) << log;
  auto alone = read_json(dir / "alone.json");
  EXPECT_EQ(alone["open_error"],
            "cannot join indicators.csv: no boundaries are loaded; drop or open a boundaries file first");
  EXPECT_FALSE(alone["loaded"].get<bool>());
  auto both = read_json(dir / "both.json");
  EXPECT_EQ(both["open_error"], "");
  EXPECT_EQ(both["sources"]["boundaries"], lsoa.string());
  EXPECT_EQ(both["sources"]["indicators"], nlohmann::json({csv.string()}));
  EXPECT_EQ(both["areas"], d.layer.size());
  ASSERT_EQ(both["legend"].size(), 5u);
  for (size_t k = 0; k < 5; ++k) EXPECT_EQ(both["legend"][k]["count"], (long long)d.classes.counts[k]);
}

TEST(ViewerOpen, FilesDroppedByAnXdndSourceReachTheGlfwDropCallback) {
  NBHD_REQUIRE_XVFB();
  if (!*test::xdnd_drop_binary()) GTEST_SKIP() << "built without X11 development files: no XDND drop helper";
  const Demo& d = demo();
  auto dir = test::scratch_dir();
  auto demo_dir = test::demo_dir();
  // A name with a space and a percent sign: the URI list is percent-encoded and must come back decoded.
  fs::path data = dir / "my data%";
  fs::create_directories(data);
  fs::copy_file(demo_dir / "lsoa.gpkg", data / "lsoa.gpkg");
  fs::copy_file(demo_dir / "indicators.csv", data / "indicators.csv");
  // The viewer starts empty and waits for the drop's load; the helper drops table and boundaries on it.
  fs::path sf = test::write_view_script(
      dir, "frames 3\nwait-loaded\nkey F\nframes 2\ndump " + (dir / "dropped.json").string() + "\n");
  std::string inner =
      "timeout 60 '" + std::string(test::nbhd_binary()) + "' view --column IMD_score --script " + quoted(sf) +
      " & '" + std::string(test::xdnd_drop_binary()) + "' 'nbhd view' " + quoted(data / "indicators.csv") +
      " " + quoted(data / "lsoa.gpkg") + "; echo drop=$?; wait $!; echo view=$?";
  std::string log;
  test::run_logged(test::xvfb_run_prefix() + "sh -c \"" + inner + "\"", dir / "log.txt", &log);
  ASSERT_NE(log.find("drop=0"), std::string::npos) << log;
  ASSERT_NE(log.find("view=0"), std::string::npos) << log;
  auto j = read_json(dir / "dropped.json");
  EXPECT_EQ(j["sources"]["boundaries"], (data / "lsoa.gpkg").string());
  EXPECT_EQ(j["sources"]["indicators"], nlohmann::json({(data / "indicators.csv").string()}));
  EXPECT_EQ(j["areas"], d.layer.size());
  ASSERT_EQ(j["legend"].size(), 5u);
  for (size_t k = 0; k < 5; ++k) EXPECT_EQ(j["legend"][k]["count"], (long long)d.classes.counts[k]);
}

// --- Export -------------------------------------------------------------------------------------------

std::vector<std::string> leftovers(const fs::path& dir, const std::string& final_name) {
  std::vector<std::string> out;
  std::string stem = fs::path(final_name).stem().string();
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().rfind(stem + ".tmp-", 0) == 0)
      out.push_back(e.path().filename().string());
  return out;
}

TEST(ViewerExport, CurrentViewToPngSvgAndPdfThroughTheRenderer) {
  NBHD_REQUIRE_XVFB();
  const Demo& d = demo();
  auto dir = test::scratch_dir();
  fs::path out = dir / "out";
  fs::create_directories(out);
  // Zoom in four steps about the map's centre, so the export shows part of the borough.
  std::string s = std::string(test::kWaitLoadedAndFit) + "wheel 640 390 4\nframes 2\nexport " +
                  (out / "map.png").string() + " 1200 900\nwait-export\ndump " + (dir / "png.json").string() +
                  "\nexport " + (out / "map.svg").string() + " 1200 900\nwait-export\ndump " +
                  (dir / "svg.json").string() + "\nexport " + (out / "map.pdf").string() +
                  " A3 150 landscape\nwait-export\ndump " + (dir / "pdf.json").string() + "\n";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args(), s, &log), 0) << log;

  // PNG: 1200 x 900, each area's interior inside the map frame in its class colour.
  auto pj = read_json(dir / "png.json");
  ASSERT_TRUE(pj["export"]["ok"].get<bool>()) << pj["export_msg"];
  EXPECT_EQ(pj["export_msg"], "wrote " + (out / "map.png").string() + " (1200x900 px)");
  test::Pixels px = test::read_png(out / "map.png");
  ASSERT_EQ(px.w, 1200);
  ASSERT_EQ(px.h, 900);
  WorldToPx xf(pj["export"]["world_to_px"]);
  auto fr = pj["export"]["frame"];
  size_t checked = 0, outside = 0;
  for (size_t i = 0; i < d.layer.size(); ++i) {
    const test::InteriorPoint& p = interiors()[i];
    double x = xf.px(p.x), y = xf.py(p.y);
    bool in_frame =
        x > double(fr[0]) + 2 && x < double(fr[2]) - 2 && y > double(fr[1]) + 2 && y < double(fr[3]) - 2;
    if (!in_frame) ++outside;
    if (p.clearance * xf.s < 3 || !in_frame) continue;
    EXPECT_EQ(px.at(int(x), int(y)), kYlOrRd5[d.classes.class_of[i]]) << d.layer.codes[i];
    ++checked;
  }
  EXPECT_GT(checked, 20u);
  EXPECT_GT(outside, 20u) << "the zoomed view should leave areas out";

  // SVG: well-formed, one path per area whose box meets the frame's extent, plus one legend swatch per
  // class (both in class colours).
  auto sj = read_json(dir / "svg.json");
  ASSERT_TRUE(sj["export"]["ok"].get<bool>()) << sj["export_msg"];
  auto vis = sj["export"]["visible"];
  BBox visible{vis[0], vis[1], vis[2], vis[3]};
  size_t expected = 0;
  for (const auto& g : d.layer.geoms) expected += bbox_of(g).intersects(visible);
  EXPECT_LT(expected, d.layer.size());
  auto fills = test::svg_path_fills(out / "map.svg");
  static const std::regex pct(R"(rgb\(([\d.]+)%,\s*([\d.]+)%,\s*([\d.]+)%\))");
  size_t coloured = 0;
  for (const auto& f : fills) {
    std::smatch m;
    if (!std::regex_match(f, m, pct)) continue;
    Rgba c{uint8_t(std::lround(std::stod(m[1]) * 2.55)), uint8_t(std::lround(std::stod(m[2]) * 2.55)),
           uint8_t(std::lround(std::stod(m[3]) * 2.55)), 255};
    for (const Rgba& k : kYlOrRd5) coloured += c == k;
  }
  EXPECT_EQ(coloured, expected + 5);

  // PDF: one page of A3 landscape.
  auto dj = read_json(dir / "pdf.json");
  ASSERT_TRUE(dj["export"]["ok"].get<bool>()) << dj["export_msg"];
  std::string info = test::pdfinfo(out / "map.pdf");
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(Pages:\s+1\n)"))) << info;
  EXPECT_NE(info.find("1190.55 x 841.89 pts (A3)"), std::string::npos) << info;

  // Written atomically: the three files and no temporaries beside them.
  std::vector<std::string> listed;
  for (const auto& e : fs::directory_iterator(out)) listed.push_back(e.path().filename().string());
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(listed, (std::vector<std::string>{"map.pdf", "map.png", "map.svg"}));
}

// The Export panel's own widgets, clicked and typed into as a planner would: file name, paper size, DPI and
// orientation, then pixel width and height. The files must have the sizes chosen there.
TEST(ViewerExport, DialogFieldsChooseFilePaperDpiOrientationAndPixelSize) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  fs::path out = dir / "out";
  fs::create_directories(out);
  std::string s = std::string(test::kWaitLoadedAndFit) +
                  "click-item export.header\n"
                  "click-item export.file\nkey Ctrl+A\ntype " +
                  (out / "a4.png").string() +
                  "\n"
                  "click-item export.size\nclick-item export.size.A4\n"
                  "click-item export.dpi\nkey Ctrl+A\ntype 100\n"
                  "click-item export.landscape\nclick-item export.button\nwait-export\ndump " +
                  (dir / "a4.json").string() +
                  "\n"
                  "click-item export.size\nclick-item export.size.pixels\n"
                  "click-item export.width\nkey Ctrl+A\ntype 640\n"
                  "click-item export.height\nkey Ctrl+A\ntype 400\n"
                  "click-item export.file\nkey Ctrl+A\ntype " +
                  (out / "px.png").string() + "\nclick-item export.button\nwait-export\ndump " +
                  (dir / "px.json").string() +
                  // Too wide: refused in the panel, nothing written.
                  "\nclick-item export.width\nkey Ctrl+A\ntype 60000\n"
                  "click-item export.file\nkey Ctrl+A\ntype " +
                  (out / "huge.png").string() + "\nclick-item export.button\nwait-export\ndump " +
                  (dir / "huge.json").string() + "\n";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args(), s, &log), 0) << log;
  EXPECT_EQ(log.find("no UI item"), std::string::npos) << log;

  // A4 landscape at 100 dpi, as the renderer sizes it for `nbhd render --paper A4 --dpi 100 --landscape`.
  PageSpec a4 = page_from_paper("A4", 100, true);
  ASSERT_GT(a4.width_px, a4.height_px);
  auto aj = read_json(dir / "a4.json");
  ASSERT_TRUE(aj["export"]["ok"].get<bool>()) << aj["export_msg"] << "\n" << log;
  EXPECT_EQ(aj["export_msg"], "wrote " + (out / "a4.png").string() + " (" + std::to_string(a4.width_px) +
                                  "x" + std::to_string(a4.height_px) + " px)");
  test::Pixels p4 = test::read_png(out / "a4.png");
  EXPECT_EQ(p4.w, a4.width_px);
  EXPECT_EQ(p4.h, a4.height_px);

  auto pj = read_json(dir / "px.json");
  ASSERT_TRUE(pj["export"]["ok"].get<bool>()) << pj["export_msg"] << "\n" << log;
  test::Pixels pp = test::read_png(out / "px.png");
  EXPECT_EQ(pp.w, 640);
  EXPECT_EQ(pp.h, 400);

  auto hj = read_json(dir / "huge.json");
  EXPECT_EQ(hj["export_msg"], "export failed: width and height must be 100 to 50000 px (asked 60000 x 400)");
  EXPECT_FALSE(fs::exists(out / "huge.png"));
  std::vector<std::string> listed;
  for (const auto& e : fs::directory_iterator(out)) listed.push_back(e.path().filename().string());
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(listed, (std::vector<std::string>{"a4.png", "px.png"}));
}

// An export reads the data it was started on to its end, even when another file is opened while it draws
// (here a drop, as open and "Remove assets" do too): the new load replaces what the viewer shows, not
// what the export reads. The file is the map that was on screen; under ASan, nothing is read after it is
// freed. The image is large so that its strips are still being drawn when the small file has loaded.
TEST(ViewerExport, ALoadDuringAnExportLeavesTheExportItsData) {
  NBHD_REQUIRE_XVFB();
  const Demo& d = demo();
  auto dir = test::scratch_dir();
  fs::path png = dir / "big.png";
  std::string s = std::string(test::kWaitLoadedAndFit) + "export " + png.string() + " 12000 9000\ndrop " +
                  (test::demo_dir() / "wards.gpkg").string() + "\nwait-loaded\ndump " +
                  (dir / "loaded.json").string() + "\nwait-export\ndump " + (dir / "done.json").string() +
                  "\n";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args(), s, &log), 0) << log;

  // The wards replaced the areas while the export was still running.
  auto lj = read_json(dir / "loaded.json");
  EXPECT_EQ(lj["areas"], 25);
  EXPECT_EQ(lj["export_msg"], "exporting " + png.string()) << "the load should end before the export does";

  // The export is the demo areas in their class colours.
  auto dj = read_json(dir / "done.json");
  ASSERT_TRUE(dj["export"]["ok"].get<bool>()) << dj["export_msg"] << "\n" << log;
  EXPECT_EQ(dj["export_msg"], "wrote " + png.string() + " (12000x9000 px)");
  WorldToPx xf(dj["export"]["world_to_px"]);
  auto fr = dj["export"]["frame"];
  std::multimap<int, std::pair<int, size_t>> wanted;  // row -> (column, area)
  for (size_t i = 0; i < d.layer.size(); ++i) {
    const test::InteriorPoint& p = interiors()[i];
    double x = xf.px(p.x), y = xf.py(p.y);
    bool in_frame =
        x > double(fr[0]) + 2 && x < double(fr[2]) - 2 && y > double(fr[1]) + 2 && y < double(fr[3]) - 2;
    if (p.clearance * xf.s >= 3 && in_frame) wanted.emplace(int(y), std::make_pair(int(x), i));
  }
  ASSERT_GT(wanted.size(), 200u);
  size_t checked = 0;
  auto size = test::scan_png_rows(png, [&](int y, const uint8_t* row) {
    auto [a, z] = wanted.equal_range(y);
    for (auto it = a; it != z; ++it) {
      const uint8_t* p = row + size_t(it->second.first) * 4;
      EXPECT_EQ((Rgba{p[0], p[1], p[2], p[3]}), kYlOrRd5[d.classes.class_of[it->second.second]])
          << d.layer.codes[it->second.second];
      ++checked;
    }
  });
  EXPECT_EQ(size, std::make_pair(12000, 9000));
  EXPECT_EQ(checked, wanted.size());
}

// --- Project files ------------------------------------------------------------------------------------

TEST(ViewerSession, SaveThenRestoreGivesTheSameMap) {
  NBHD_REQUIRE_XVFB();
  const Demo& d = demo();
  auto dir = test::scratch_dir();
  fs::path proj = dir / "p.nbhd.json";
  // Not the defaults: another method, class count, palette reversed; zoomed and panned; an area selected.
  std::string s = std::string(test::kWaitLoadedAndFit) +
                  "wheel 600 400 1\nkey Left\nframes 2\nkey Slash\nframes 1\ntype " + d.layer.names[40] +
                  "\nframes 2\nkey Enter\nframes 2\nsave " + proj.string() +
                  "\nmove 1275 795\nframes 2\nscreenshot " + (dir / "saved.png").string() + "\ndump " +
                  (dir / "saved.json").string() + "\n";
  std::string log;
  ASSERT_EQ(
      test::run_view_script(
          dir, test::demo_view_args() + " --method equal --classes 4 --palette Blues --reverse", s, &log),
      0)
      << log;
  ASSERT_TRUE(fs::exists(proj)) << log;
  EXPECT_TRUE(leftovers(dir, "p.nbhd.json").empty());
  std::string r = "wait-loaded\nframes 2\nmove 1275 795\nframes 2\nscreenshot " +
                  (dir / "restored.png").string() + "\ndump " + (dir / "restored.json").string() + "\n";
  ASSERT_EQ(test::run_view_script(dir, quoted(proj), r, &log), 0) << log;

  auto a = read_json(dir / "saved.json"), b = read_json(dir / "restored.json");
  EXPECT_EQ(a["session_msg"], "saved " + proj.string());
  EXPECT_EQ(a["selection"], nlohmann::json({d.layer.codes[40]}));
  for (const char* k : {"column", "method", "classes", "reverse", "palette", "selection", "legend", "view"})
    EXPECT_EQ(a[k], b[k]) << k;
  EXPECT_EQ(b["method"], "equal");
  EXPECT_EQ(b["classes"], 4);
  EXPECT_EQ(b["palette"], "Blues");
  // The map itself: every pixel between the panels is the same.
  test::Pixels pa = test::read_png(dir / "saved.png"), pb = test::read_png(dir / "restored.png");
  size_t differ = 0;
  for (int y = 20; y < 755; ++y)
    for (int x = 350; x < 930; ++x) differ += !(pa.at(x, y) == pb.at(x, y));
  EXPECT_EQ(differ, 0u);
}

TEST(ViewerSession, MissingDataFileIsNamedAndCanBeRelocated) {
  NBHD_REQUIRE_XVFB();
  const Demo& d = demo();
  auto dir = test::scratch_dir();
  fs::create_directories(dir / "old");
  fs::create_directories(dir / "new");
  fs::copy_file(test::demo_dir() / "lsoa.gpkg", dir / "old" / "lsoa.gpkg");
  fs::path proj = dir / "p.nbhd.json";
  std::string s = std::string(test::kWaitLoadedAndFit) + "key Slash\nframes 1\ntype " + d.layer.names[7] +
                  "\nframes 2\nkey Enter\nframes 2\nsave " + proj.string() + "\n";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir,
                                  quoted(dir / "old" / "lsoa.gpkg") + " --indicators " +
                                      quoted(test::demo_dir() / "indicators.csv") + " --column IMD_score",
                                  s, &log),
            0)
      << log;
  fs::rename(dir / "old" / "lsoa.gpkg", dir / "new" / "lsoa.gpkg");
  std::string old_path = (dir / "old" / "lsoa.gpkg").string(),
              new_path = (dir / "new" / "lsoa.gpkg").string();
  std::string r = "frames 3\ndump " + (dir / "missing.json").string() + "\nrelocate " + old_path + " " +
                  (dir / "nowhere.gpkg").string() + "\nframes 1\ndump " + (dir / "still.json").string() +
                  "\nrelocate " + old_path + " " + new_path + "\nwait-loaded\nframes 2\ndump " +
                  (dir / "relocated.json").string() + "\n";
  ASSERT_EQ(test::run_view_script(dir, quoted(proj), r, &log), 0) << log;
  auto m = read_json(dir / "missing.json");
  EXPECT_EQ(m["session_msg"],
            "data file " + old_path +
                " of the project is missing: type its new location under Project and press Load");
  EXPECT_EQ(m["missing_files"], nlohmann::json({old_path}));
  EXPECT_FALSE(m["loaded"].get<bool>());
  auto still = read_json(dir / "still.json");
  EXPECT_EQ(still["session_msg"],
            "still missing: " + (dir / "nowhere.gpkg").string() + "; type the path of the file as it is now");
  auto ok = read_json(dir / "relocated.json");
  EXPECT_TRUE(ok["loaded"].get<bool>());
  EXPECT_EQ(ok["load_error"], "");
  EXPECT_EQ(ok["sources"]["boundaries"], new_path);
  EXPECT_EQ(ok["missing_files"], nlohmann::json::array());
  EXPECT_EQ(ok["column"], "IMD_score");
  EXPECT_EQ(ok["selection"], nlohmann::json({d.layer.codes[7]}));
}

TEST(ViewerSession, BrokenProjectOpenedInTheViewerIsOneLineNamingIt) {
  NBHD_REQUIRE_XVFB();
  const Demo& d = demo();
  auto dir = test::scratch_dir();
  std::ofstream(dir / "bad.nbhd.json") << "{\"format\": \"nbhd-project/1\", \"data\": ";
  std::ofstream(dir / "other.nbhd.json") << "{\"hello\": 1}";
  std::string s = std::string(test::kWaitLoadedAndFit) + "open project\nframes 2\ntype " +
                  (dir / "bad.nbhd.json").string() + "\nkey Enter\nframes 2\ndump " +
                  (dir / "bad.json").string() + "\ndrop " + (dir / "other.nbhd.json").string() +
                  "\nframes 2\ndump " + (dir / "other.json").string() + "\n";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args(), s, &log), 0) << log;
  auto bad = read_json(dir / "bad.json");
  std::string e = bad["open_error"];
  EXPECT_EQ(
      e, (dir / "bad.nbhd.json").string() +
             " is not valid JSON (line 1, column 38: syntax error while parsing value - unexpected end of "
             "input; expected '[', '{', or a literal); correct it in a text editor, or open the data again "
             "and save a new project");
  EXPECT_EQ(e.find('\n'), std::string::npos);
  EXPECT_TRUE(bad["loaded"].get<bool>());  // the map open before is kept
  EXPECT_EQ(bad["areas"], d.layer.size());
  auto other = read_json(dir / "other.json");
  EXPECT_EQ(
      other["open_error"],
      (dir / "other.nbhd.json").string() +
          " is not an nbhd project (no \"format\": \"nbhd-project/1\"); open the data with nbhd view and "
          "save a project from its Project panel");
}

// --- Linked brushing and the dual-disadvantage view ---------------------------------------------------

TEST(ViewerBrush, HistogramDragHighlightsTheAreasInTheRangeAndCountsThem) {
  NBHD_REQUIRE_XVFB();
  const Demo& d = demo();
  auto dir = test::scratch_dir();
  // Brush from the 30th to the 60th percentile of IMD score.
  std::vector<double> v;
  for (double x : d.imd)
    if (!std::isnan(x)) v.push_back(x);
  std::sort(v.begin(), v.end());
  double a = v[v.size() * 3 / 10], b = v[v.size() * 6 / 10];
  std::string s = std::string(test::kWaitLoadedAndFit) + "hist-drag " + std::to_string(a) + " " +
                  std::to_string(b) + "\nmove 1275 795\nframes 2\nscreenshot " +
                  (dir / "brushed.png").string() + "\ndump " + (dir / "brushed.json").string() + "\n";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args(), s, &log), 0) << log;
  auto j = read_json(dir / "brushed.json");
  ASSERT_EQ(j["highlight"]["kind"], "brush") << log;
  double lo = j["highlight"]["lo"], hi = j["highlight"]["hi"];
  // The range brushed is the drag's, to within a pixel of the histogram.
  double per_px = (double(j["histogram"]["hi"]) - double(j["histogram"]["lo"])) /
                  (double(j["histogram"]["rect"][2]) - double(j["histogram"]["rect"][0]));
  EXPECT_NEAR(lo, a, 1.5 * per_px);
  EXPECT_NEAR(hi, b, 1.5 * per_px);
  std::vector<bool> in(d.layer.size());
  size_t count = 0;
  for (size_t i = 0; i < d.imd.size(); ++i) count += (in[i] = d.imd[i] >= lo && d.imd[i] <= hi);
  EXPECT_EQ(j["highlight"]["count"], count);
  EXPECT_GT(count, d.layer.size() / 5);

  // Brushed areas keep their class colour; the others are faded toward white (a quarter of the colour).
  test::Pixels px = test::read_png(dir / "brushed.png");
  WorldToPx xf(j["world_to_px"]);
  size_t lit = 0, dim = 0;
  for (const auto& [i, x, y] : clear_interiors(xf, 4)) {
    Rgba want = kYlOrRd5[d.classes.class_of[i]], got = px.at(x, y);
    if (in[i]) {
      EXPECT_EQ(got, want) << d.layer.codes[i];
      ++lit;
    } else {
      Rgba f{uint8_t(want.r / 4 + 191), uint8_t(want.g / 4 + 191), uint8_t(want.b / 4 + 191), 255};
      EXPECT_EQ(got, f) << d.layer.codes[i];
      ++dim;
    }
  }
  EXPECT_GT(lit, 10u);
  EXPECT_GT(dim, 10u);
}

TEST(ViewerDual, BivariateMapWithDualDisadvantageLightsTheWorstOfBoth) {
  NBHD_REQUIRE_XVFB();
  const Demo& d = demo();
  auto dir = test::scratch_dir();
  std::string s = std::string(test::kWaitLoadedAndFit) +
                  "dual CNI_score 20\nmove 1275 795\nframes 2\nscreenshot " + (dir / "dual.png").string() +
                  "\ndump " + (dir / "dual.json").string() + "\n";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args() + " --bivariate CNI_score", s, &log), 0) << log;
  auto j = read_json(dir / "dual.json");
  ASSERT_EQ(j["highlight"]["kind"], "dual");
  ASSERT_EQ(j["bivariate"], "CNI_score");

  // Independently: ranks (1 = highest value) among areas with both values; worst 20% = rank <= floor(0.2 n).
  size_t n = 0;
  for (size_t i = 0; i < d.layer.size(); ++i) n += !std::isnan(d.imd[i]) && !std::isnan(d.cni[i]);
  auto rank = [&](const std::vector<double>& v, size_t i) {
    size_t r = 1;
    for (size_t k = 0; k < v.size(); ++k)
      if (!std::isnan(d.imd[k]) && !std::isnan(d.cni[k]) && v[k] > v[i]) ++r;
    return r;
  };
  size_t cutoff = size_t(std::floor(0.2 * double(n) + 1e-9));
  std::vector<bool> worst(d.layer.size());
  std::vector<int> level_imd(d.layer.size(), -1), level_cni(d.layer.size(), -1);
  size_t count = 0;
  for (size_t i = 0; i < d.layer.size(); ++i) {
    if (std::isnan(d.imd[i]) || std::isnan(d.cni[i])) continue;
    size_t ra = rank(d.imd, i), rb = rank(d.cni, i);
    count += (worst[i] = ra <= cutoff && rb <= cutoff);
    // Terciles away from their edges (rank one either side is ambiguous by convention): 2 = worst third.
    auto level = [&](size_t r) {
      double t = double(r - 1) * 3 / double(n);
      if (std::abs(t - 1) < 3.0 / double(n) || std::abs(t - 2) < 3.0 / double(n)) return -1;
      return 2 - std::min(int(t), 2);
    };
    level_imd[i] = level(ra), level_cni[i] = level(rb);
  }
  EXPECT_EQ(j["highlight"]["count"], count);
  ASSERT_GT(count, 5u);

  // Lit areas show the colour of their cell of the on-screen 3 x 3 legend (column = IMD, row = CNI);
  // the rest are faded.
  test::Pixels px = test::read_png(dir / "dual.png");
  ASSERT_EQ(j["legend"].size(), 9u);
  auto cell_colour = [&](int k) {
    auto r = j["legend"][size_t(k)]["rect"];
    return px.at(int((double(r[0]) + double(r[2])) / 2), int((double(r[1]) + double(r[3])) / 2 + 8));
  };
  WorldToPx xf(j["world_to_px"]);
  size_t lit = 0, dim = 0;
  for (const auto& [i, x, y] : clear_interiors(xf, 4)) {
    Rgba got = px.at(x, y);
    if (worst[i]) {
      ASSERT_EQ(level_imd[i], 2) << d.layer.codes[i];
      if (level_cni[i] < 0) continue;
      EXPECT_EQ(got, cell_colour(3 * level_cni[i] + level_imd[i])) << d.layer.codes[i];
      ++lit;
    } else {
      EXPECT_TRUE(faded(got)) << d.layer.codes[i];
      ++dim;
    }
  }
  EXPECT_GT(lit, 3u);
  EXPECT_GT(dim, d.layer.size() / 3);
}

}  // namespace
}  // namespace nbhd
