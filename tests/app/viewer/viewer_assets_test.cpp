// The viewer's Assets panel as a real window under Xvfb, on the demo borough and its assets: the list
// against `nbhd assets --near ... --csv` (same assets, same distances), the D-metre ring at points whose
// distance to the selection is D by construction, symbol colours against the category palette and the
// documented ranking rule, category toggles, picking a symbol over the area beneath it, and the
// project file's assets. Skipped when xvfb-run is not installed.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "geo/spatial/geos_handle.hpp"
#include "geo/vector/ingest.hpp"
#include "render/style/category_symbols.hpp"
#include "support/image_check.hpp"
#include "support/test_data.hpp"
#include "support/viewer_run.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;

using test::on_map;
using test::quoted;
using test::read_json;
using test::WorldToPx;

struct DemoAssets {
  AreaLayer layer;
  PointLayer assets;
  std::map<std::string, Rgba> colour;  // per category, by the rule nbhd render documents
  DemoAssets() {
    auto dir = test::demo_dir();
    layer = load_areas((dir / "lsoa.gpkg").string());
    assets = load_points((dir / "assets.gpkg").string());
    // Categories by frequency (ties by name) take the palette's colours in order (shapes after 20).
    std::map<std::string, int> n;
    for (const auto& c : assets.categories) n[c]++;
    std::vector<std::pair<int, std::string>> order;
    for (const auto& [c, k] : n) order.push_back({-k, c});
    std::sort(order.begin(), order.end());
    for (size_t i = 0; i < order.size(); ++i)
      colour[order[i].second] = kCategoryPalette[i % kCategoryPalette.size()];
  }
};
const DemoAssets& demo() {
  static DemoAssets d;
  return d;
}

// Runs `nbhd view ARGS --script`, the script starting with the data loaded and fitted; returns the exit
// status.
int run_view_args(const fs::path& dir, const std::string& args, const std::string& script, std::string* log) {
  return test::run_view_script(dir, args, test::kWaitLoadedAndFit + script, log);
}

int run_view(const fs::path& dir, const std::string& script, std::string* log) {
  return run_view_args(dir, test::demo_view_args() + " --assets " + quoted(test::demo_dir() / "assets.gpkg"),
                       script, log);
}

// Screen distance from (x, y) to the nearest asset symbol other than `except`.
double nearest_asset_px(const WorldToPx& xf, double x, double y, size_t except = SIZE_MAX) {
  double best = 1e9;
  const auto& pts = demo().assets.pts;
  for (size_t i = 0; i < pts.size(); ++i)
    if (i != except) best = std::min(best, std::hypot(xf.px(pts[i].x) - x, xf.py(pts[i].y) - y));
  return best;
}

// A point inside area i, at least `clear` px from its boundary and from every asset, on the map.
bool click_point(GeosContext& g, const WorldToPx& xf, size_t i, double* cx, double* cy) {
  test::InteriorPoint p = test::interior_point(g, demo().layer.geoms[i]);
  *cx = std::round(xf.px(p.x)), *cy = std::round(xf.py(p.y));
  return p.clearance * xf.s >= 6 && on_map(*cx, *cy) && *cx < 860 && *cy < 700 &&
         nearest_asset_px(xf, *cx, *cy) > 10;
}

std::string click(double x, double y, bool shift = false) {
  return "click " + std::to_string(int(x)) + " " + std::to_string(int(y)) + (shift ? " shift" : "") + "\n";
}

// `nbhd assets --near CODES --within D --csv`, parsed: kind ("within"/"nearest") -> source row -> fields.
struct CliRow {
  std::string category, name;
  double distance;
};
std::map<std::string, std::map<long, CliRow>> cli_near(const std::string& codes, double d) {
  auto dir = test::demo_dir();
  std::string out, err;
  char within[32];
  std::snprintf(within, sizeof within, "%g", d);
  int rc = test::run_nbhd("assets " + quoted(dir / "lsoa.gpkg") + " --assets " + quoted(dir / "assets.gpkg") +
                              " --near " + codes + " --within " + within + " --csv",
                          &out, &err);
  EXPECT_EQ(rc, 0) << err;
  std::map<std::string, std::map<long, CliRow>> r;
  std::istringstream in(out);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "areas,kind,category,name,distance_m,x,y,source,row");
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::string cur;
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"')
        cur += '"', ++i;
      else if (c == '"')
        quoted = !quoted;
      else if (c == ',' && !quoted)
        f.push_back(cur), cur.clear();
      else
        cur += c;
    }
    f.push_back(cur);
    if (f.size() != 9) {
      ADD_FAILURE() << "bad CSV line: " << line;
      continue;
    }
    r[f[1]][std::stol(f[8])] = CliRow{f[2], f[3], std::stod(f[4])};
  }
  return r;
}

// The panel's rows (or nearest) against the CLI's, asset by asset.
void expect_same(const nlohmann::json& rows, const std::map<long, CliRow>& cli, const char* what) {
  EXPECT_EQ(rows.size(), cli.size()) << what;
  std::set<long> seen;
  for (const auto& r : rows) {
    long row = r["row"];
    seen.insert(row);
    auto it = cli.find(row);
    if (it == cli.end()) {
      ADD_FAILURE() << what << ": panel lists asset row " << row << " (" << r["name"]
                    << "), the CLI does not";
      continue;
    }
    EXPECT_EQ(r["category"], it->second.category) << what << " row " << row;
    EXPECT_EQ(r["name"], it->second.name) << what << " row " << row;
    EXPECT_NEAR(double(r["distance_m"]), it->second.distance, 0.01) << what << " row " << row;
  }
  EXPECT_EQ(seen.size(), rows.size()) << what << ": an asset is listed twice";
}

bool is_ring(Rgba c) {
  return c.r > 200 && c.g < 60 && c.b > 160;
}
bool ring_near(const test::Pixels& p, double x, double y, int r) {
  for (int dy = -r; dy <= r; ++dy)
    for (int dx = -r; dx <= r; ++dx)
      if (is_ring(p.at(int(x) + dx, int(y) + dy))) return true;
  return false;
}

// The extreme vertices of some areas: a point `d` beyond one of them, straight out, is exactly `d` from
// the areas (every other point of them is no further out along that axis).
std::vector<Point> points_at(const std::vector<size_t>& areas, double d) {
  double minx = 1e18, maxx = -1e18, miny = 1e18, maxy = -1e18;
  Point w, e, s, n;
  for (size_t a : areas)
    for (const auto& poly : demo().layer.geoms[a])
      for (Point p : poly.rings[0]) {
        if (p.x < minx) minx = p.x, w = p;
        if (p.x > maxx) maxx = p.x, e = p;
        if (p.y < miny) miny = p.y, s = p;
        if (p.y > maxy) maxy = p.y, n = p;
      }
  return {{e.x + d, e.y}, {w.x - d, w.y}, {n.x, n.y + d}, {s.x, s.y - d}};
}

TEST(ViewerAssets, ListEqualsAssetsNearAndTheRingLiesAtDistanceD) {
  NBHD_REQUIRE_XVFB();
  const DemoAssets& d = demo();
  auto dir = test::scratch_dir();
  std::string log;
  ASSERT_EQ(run_view(dir, "dump " + (dir / "start.json").string() + "\n", &log), 0) << log;
  WorldToPx xf(read_json(dir / "start.json")["world_to_px"]);
  const double D = 500;
  // Two neighbouring areas with clear click points whose ring test points are on the map, away from symbols.
  GeosContext g;
  auto usable = [&](const std::vector<size_t>& areas, double dist) {
    int n = 0;
    for (Point p : points_at(areas, dist)) {
      double x = xf.px(p.x), y = xf.py(p.y);
      n += on_map(x, y) && nearest_asset_px(xf, x, y) > 8;
    }
    return n;
  };
  size_t a = SIZE_MAX, b = SIZE_MAX;
  double ax = 0, ay = 0, bx = 0, by = 0;
  for (size_t i = 0; i < d.layer.size() && b == SIZE_MAX; ++i) {
    if (!click_point(g, xf, i, &ax, &ay) || usable({i}, D) < 3 || usable({i}, D / 2) < 3) continue;
    BBox bi = bbox_of(d.layer.geoms[i]);
    for (size_t j = 0; j < d.layer.size(); ++j) {
      if (j == i || !bbox_of(d.layer.geoms[j]).intersects(bi)) continue;
      if (click_point(g, xf, j, &bx, &by) && usable({i, j}, 1000) >= 3) {
        a = i, b = j;
        break;
      }
    }
  }
  ASSERT_NE(b, SIZE_MAX) << "no suitable pair of areas in the demo borough";
  const std::string ca = d.layer.codes[a], cb = d.layer.codes[b];

  // Then zoom about the ring's east point (6 wheel notches, about 6 m a pixel) to check it closely.
  Point east = points_at({a}, D)[0];
  std::string zoom = "wheel " + std::to_string(int(std::lround(xf.px(east.x)))) + " " +
                     std::to_string(int(std::lround(xf.py(east.y)))) + " 6\n";
  std::string s = "screenshot " + (dir / "none.png").string() + "\n" + click(ax, ay) + "assets-within 500\n" +
                  "wait-assets\nmove 1275 795\nframes 2\ndump " + (dir / "one.json").string() +
                  "\nscreenshot " + (dir / "one.png").string() + "\n" + zoom +
                  "move 1275 795\nframes 2\ndump " + (dir / "zoom.json").string() + "\nscreenshot " +
                  (dir / "zoom.png").string() + "\nkey F\nframes 2\n" + click(bx, by, true) +
                  "assets-within 1000\nwait-assets\n" + "move 1275 795\nframes 2\ndump " +
                  (dir / "two.json").string() + "\nscreenshot " + (dir / "two.png").string() + "\n";
  ASSERT_EQ(run_view(dir, s, &log), 0) << log;

  auto one = read_json(dir / "one.json");
  ASSERT_EQ(one["selection"], nlohmann::json::array({ca}));
  ASSERT_TRUE(one["assets"]["current"]) << one["assets"].dump();
  EXPECT_EQ(one["assets"]["within_m"], D);
  auto cli1 = cli_near(ca, D);
  ASSERT_FALSE(cli1["within"].empty()) << "pick an area with assets near it";
  expect_same(one["assets"]["rows"], cli1["within"], "within 500 m of one area");
  expect_same(one["assets"]["nearest"], cli1["nearest"], "nearest of each category");
  // Listed by distance (the default sort).
  for (size_t i = 1; i < one["assets"]["rows"].size(); ++i)
    EXPECT_LE(double(one["assets"]["rows"][i - 1]["distance_m"]),
              double(one["assets"]["rows"][i]["distance_m"]));

  // The selection and a new D: the list follows both.
  auto two = read_json(dir / "two.json");
  ASSERT_EQ(two["selection"], nlohmann::json::array({ca, cb}));
  auto cli2 = cli_near(ca + "," + cb, 1000);
  expect_same(two["assets"]["rows"], cli2["within"], "within 1000 m of two areas");
  expect_same(two["assets"]["nearest"], cli2["nearest"], "nearest of each category, two areas");

  // The ring: absent before any selection; through the points exactly D out, not through points D/2 out.
  test::Pixels none = test::read_png(dir / "none.png"), p1 = test::read_png(dir / "one.png"),
               p2 = test::read_png(dir / "two.png");
  size_t stray = 0;
  for (int y = 20; y < 755; ++y)
    for (int x = 350; x < 930; ++x) stray += is_ring(none.at(x, y));
  EXPECT_EQ(stray, 0u) << "ring-coloured pixels before anything was selected";
  auto check = [&](const test::Pixels& px, const std::vector<size_t>& areas, double dist, bool expect,
                   const char* what) {
    int checked = 0;
    for (Point p : points_at(areas, dist)) {
      double x = xf.px(p.x), y = xf.py(p.y);
      if (!on_map(x, y) || nearest_asset_px(xf, x, y) <= 8) continue;
      ++checked;
      EXPECT_EQ(ring_near(px, x, y, 2), expect) << what << " at screen " << x << "," << y;
    }
    EXPECT_GE(checked, 3) << what;
  };
  check(p1, {a}, D, true, "ring 500 m from one area");
  check(p1, {a}, D / 2, false, "no ring 250 m from one area");
  check(p2, {a, b}, 1000, true, "ring 1000 m from two areas");

  // Close up: the ring passes within 2 px (about 12 m) of the east point, and not 40 m either side of it.
  WorldToPx zx(read_json(dir / "zoom.json")["world_to_px"]);
  ASSERT_GT(zx.s, xf.s * 3);
  test::Pixels pz = test::read_png(dir / "zoom.png");
  auto at = [&](double dx) {
    double x = zx.px(east.x + dx), y = zx.py(east.y);
    EXPECT_TRUE(on_map(x, y));
    EXPECT_GT(nearest_asset_px(zx, x, y), 8) << "a symbol covers the ring there";
    return ring_near(pz, x, y, 2);
  };
  EXPECT_TRUE(at(0)) << "no ring exactly " << D << " m east of " << ca;
  EXPECT_FALSE(at(-40)) << "ring 40 m too close";
  EXPECT_FALSE(at(40)) << "ring 40 m too far";
}

TEST(ViewerAssets, SymbolsHaveTheirCategoryColoursAndAHiddenCategoryIsNeitherDrawnNorListed) {
  NBHD_REQUIRE_XVFB();
  const DemoAssets& d = demo();
  auto dir = test::scratch_dir();
  std::string log;
  ASSERT_EQ(run_view(dir, "dump " + (dir / "start.json").string() + "\n", &log), 0) << log;
  WorldToPx xf(read_json(dir / "start.json")["world_to_px"]);
  // An area to select, with pubs (the most frequent category) within 1000 m.
  GeosContext g;
  size_t target = SIZE_MAX;
  double cx = 0, cy = 0;
  for (size_t i = 0; i < d.layer.size() && target == SIZE_MAX; ++i)
    if (click_point(g, xf, i, &cx, &cy)) target = i;
  ASSERT_NE(target, SIZE_MAX);
  std::string s = "move 1275 795\nframes 2\nscreenshot " + (dir / "all.png").string() + "\n" + click(cx, cy) +
                  "assets-within 1500\nwait-assets\nmove 1275 795\nframes 2\ndump " +
                  (dir / "before.json").string() +
                  "\nasset-category-click pub\nwait-assets\nmove 1275 795\nframes 2\ndump " +
                  (dir / "after.json").string() + "\nkey Escape\nframes 2\nscreenshot " +
                  (dir / "nopub.png").string() + "\n";
  ASSERT_EQ(run_view(dir, s, &log), 0) << log;

  // Each isolated symbol's centre pixel is its category's colour.
  test::Pixels all = test::read_png(dir / "all.png"), nopub = test::read_png(dir / "nopub.png");
  std::map<std::string, int> checked;
  int pubs_gone = 0, others_kept = 0;
  for (size_t i = 0; i < d.assets.size(); ++i) {
    double x = xf.px(d.assets.pts[i].x), y = xf.py(d.assets.pts[i].y);
    if (!on_map(x, y) || nearest_asset_px(xf, x, y, i) < 12) continue;
    const std::string& cat = d.assets.categories[i];
    Rgba want = d.colour.at(cat);
    int px = int(std::floor(x)), py = int(std::floor(y));
    EXPECT_EQ(all.at(px, py), want) << cat << " symbol at " << px << "," << py;
    checked[cat]++;
    if (cat == "pub") {
      pubs_gone += !(nopub.at(px, py) == want);
      EXPECT_NE(nopub.at(px, py), want) << "hidden pub still drawn at " << px << "," << py;
    } else {
      others_kept += nopub.at(px, py) == want;
      EXPECT_EQ(nopub.at(px, py), want) << cat << " symbol lost when pubs were hidden";
    }
  }
  EXPECT_EQ(checked.size(), d.colour.size()) << "every category checked on screen";
  EXPECT_GT(pubs_gone, 3);
  EXPECT_GT(others_kept, 20);

  // Listed before, not after; every other row stays.
  auto before = read_json(dir / "before.json")["assets"], after = read_json(dir / "after.json")["assets"];
  size_t pub_rows = 0;
  std::set<long> kept;
  for (const auto& r : before["rows"]) {
    if (r["category"] == "pub")
      ++pub_rows;
    else
      kept.insert(long(r["row"]));
  }
  ASSERT_GT(pub_rows, 0u) << "no pub within 1500 m of " << d.layer.codes[target];
  std::set<long> listed;
  for (const auto& r : after["rows"]) {
    EXPECT_NE(r["category"], "pub");
    listed.insert(long(r["row"]));
  }
  EXPECT_EQ(listed, kept);
  for (const auto& c : after["categories"]) EXPECT_EQ(c["visible"], c["name"] != "pub") << c["name"];
  for (const auto& c : before["categories"]) EXPECT_EQ(c["colour"], to_hex(d.colour.at(c["name"])));
}

TEST(ViewerAssets, ClickOnASymbolPicksTheAssetNotTheAreaAndARowClickPansToIt) {
  NBHD_REQUIRE_XVFB();
  const DemoAssets& d = demo();
  auto dir = test::scratch_dir();
  std::string log;
  ASSERT_EQ(run_view(dir, "dump " + (dir / "start.json").string() + "\n", &log), 0) << log;
  WorldToPx xf(read_json(dir / "start.json")["world_to_px"]);
  GeosContext g;
  // An area to select first, and an isolated asset inside a different area.
  size_t area = SIZE_MAX, asset = SIZE_MAX;
  double cx = 0, cy = 0;
  for (size_t i = 0; i < d.layer.size() && area == SIZE_MAX; ++i)
    if (click_point(g, xf, i, &cx, &cy)) area = i;
  ASSERT_NE(area, SIZE_MAX);
  for (size_t i = 0; i < d.assets.size() && asset == SIZE_MAX; ++i) {
    double x = xf.px(d.assets.pts[i].x), y = xf.py(d.assets.pts[i].y);
    if (!on_map(x, y) || x > 860 || y > 700 || nearest_asset_px(xf, x, y, i) <= 14) continue;
    // Inside an area other than the selected one: a click there would otherwise select that area.
    for (size_t j = 0; j < d.layer.size() && asset == SIZE_MAX; ++j)
      if (j != area && bbox_of(d.layer.geoms[j]).contains(d.assets.pts[i]) &&
          contains(d.layer.geoms[j], d.assets.pts[i]))
        asset = i;
  }
  ASSERT_NE(asset, SIZE_MAX);
  // Three pixels off the symbol's centre: still the asset.
  double ax = xf.px(d.assets.pts[asset].x) + 3, ay = xf.py(d.assets.pts[asset].y) + 2;
  std::string s = "move " + std::to_string(int(ax)) + " " + std::to_string(int(ay)) + "\nframes 2\ndump " +
                  (dir / "hover.json").string() + "\n" + click(cx, cy) + click(ax, ay) +
                  "move 1275 795\nwait-assets\nframes 2\ndump " + (dir / "picked.json").string() +
                  "\nasset-row-click 0\nframes 3\ndump " + (dir / "row.json").string() + "\n";
  ASSERT_EQ(run_view(dir, s, &log), 0) << log;

  // Hovering the symbol names the asset (tooltip), not the area beneath it.
  auto hover = read_json(dir / "hover.json");
  EXPECT_EQ(hover["assets"]["hover"], asset);
  EXPECT_EQ(hover["hover"], "");

  auto picked = read_json(dir / "picked.json");
  EXPECT_EQ(picked["selection"], nlohmann::json::array({d.layer.codes[area]}))
      << "the click on the symbol changed the area selection";
  const auto& sel = picked["assets"]["selected"];
  ASSERT_TRUE(sel.is_object()) << picked["assets"].dump();
  EXPECT_EQ(sel["row"], asset);
  // Every field of the asset file, as GDAL reads it.
  nlohmann::json want = nlohmann::json::object();
  for (const auto& c : d.assets.attrs.cols()) want[c.name] = c.cell(asset);
  EXPECT_EQ(sel["attributes"], want);
  EXPECT_GE(want.size(), 3u);

  // The first row of the list: selected, and the map is centred on it.
  auto row = read_json(dir / "row.json");
  ASSERT_FALSE(picked["assets"]["rows"].empty());
  long first = picked["assets"]["rows"][0]["row"];
  ASSERT_TRUE(row["assets"]["selected"].is_object());
  EXPECT_EQ(long(row["assets"]["selected"]["row"]), first);
  WorldToPx moved(row["world_to_px"]);
  int fw = row["framebuffer"][0], fh = row["framebuffer"][1];
  EXPECT_NEAR(moved.px(d.assets.pts[size_t(first)].x), fw / 2.0, 0.5);
  EXPECT_NEAR(moved.py(d.assets.pts[size_t(first)].y), fh / 2.0, 0.5);
}

// The script that selects the first area clickable on the fitted demo map and lists the assets within
// 1,500 m of it (the tables' tests start from it); "" when no area is clickable.
std::string select_an_area_listing_assets(const fs::path& dir, std::string* log) {
  const DemoAssets& d = demo();
  if (run_view(dir, "dump " + (dir / "start.json").string() + "\n", log) != 0) return "";
  WorldToPx xf(read_json(dir / "start.json")["world_to_px"]);
  GeosContext g;
  double cx = 0, cy = 0;
  for (size_t i = 0; i < d.layer.size(); ++i)
    if (click_point(g, xf, i, &cx, &cy))
      return click(cx, cy) + "assets-within 1500\nwait-assets\nmove 1275 795\nframes 2\n";
  return "";
}

TEST(ViewerAssets, ClickingAHeaderSortsTheListAndAgainReversesIt) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  std::string log;
  const std::string start = select_an_area_listing_assets(dir, &log);
  ASSERT_FALSE(start.empty()) << "no clickable area in the demo borough: " << log;
  ASSERT_EQ(run_view(dir, start + "dump " + (dir / "layout.json").string() + "\n", &log), 0) << log;
  auto headers = read_json(dir / "layout.json")["assets"]["header_rects"];
  ASSERT_EQ(headers.size(), 3u);
  auto centre = [&](int c) {
    const auto& r = headers[size_t(c)];
    return click((double(r[0]) + double(r[2])) / 2, (double(r[1]) + double(r[3])) / 2);
  };
  // The same start, so the panel is laid out the same: name, name again, then category.
  std::string s = start + centre(1) + "frames 2\ndump " + (dir / "name.json").string() + "\n" + centre(1) +
                  "frames 2\ndump " + (dir / "name_desc.json").string() + "\n" + centre(0) +
                  "frames 2\ndump " + (dir / "cat.json").string() + "\n";
  ASSERT_EQ(run_view(dir, s, &log), 0) << log;
  auto check = [&](const char* file, const char* field, bool ascending) {
    auto rows = read_json(dir / file)["assets"]["rows"];
    ASSERT_GT(rows.size(), 5u) << file;
    size_t changes = 0;
    for (size_t i = 1; i < rows.size(); ++i) {
      std::string a = rows[i - 1][field], b = rows[i][field];
      EXPECT_TRUE(ascending ? a <= b : a >= b) << file << " row " << i << ": " << a << " then " << b;
      // Within one category, nearest first.
      if (a == b && std::string(field) == "category") {
        EXPECT_LE(double(rows[i - 1]["distance_m"]), double(rows[i]["distance_m"])) << file << " row " << i;
      }
      changes += a != b;
    }
    EXPECT_GT(changes, 2u) << file;
  };
  check("name.json", "name", true);
  check("name_desc.json", "name", false);
  check("cat.json", "category", true);
}

TEST(ViewerAssets, DraggingAColumnEdgeWidensTheColumn) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  std::string log;
  const std::string start = select_an_area_listing_assets(dir, &log);
  ASSERT_FALSE(start.empty()) << "no clickable area in the demo borough: " << log;
  ASSERT_EQ(run_view(dir, start + "dump " + (dir / "before.json").string() + "\n", &log), 0) << log;
  auto before = read_json(dir / "before.json")["assets"]["header_rects"];
  ASSERT_EQ(before.size(), 3u);
  // The edge between the category and the name columns, dragged 60 px right.
  double edge = double(before[0][2]) + 1, y = (double(before[0][1]) + double(before[0][3])) / 2;
  std::string drag = "drag " + std::to_string(int(edge)) + " " + std::to_string(int(y)) + " " +
                     std::to_string(int(edge + 60)) + " " + std::to_string(int(y)) + "\nframes 2\n";
  ASSERT_EQ(run_view(dir, start + drag + "dump " + (dir / "after.json").string() + "\n", &log), 0) << log;
  auto after = read_json(dir / "after.json")["assets"]["header_rects"];
  ASSERT_EQ(after.size(), 3u);
  auto width = [](const nlohmann::json& r) { return double(r[2]) - double(r[0]); };
  EXPECT_NEAR(width(after[0]) - width(before[0]), 60, 8) << "the category column";
  EXPECT_NEAR(width(after[1]) - width(before[1]), -60, 8) << "the name column gives the room";
  // The list itself is unchanged: same rows, same order.
  EXPECT_EQ(read_json(dir / "after.json")["assets"]["rows"],
            read_json(dir / "before.json")["assets"]["rows"]);
}

TEST(ViewerAssets, ProjectFileRestoresAssetFilesDistanceAndHiddenCategories) {
  NBHD_REQUIRE_XVFB();
  const DemoAssets& d = demo();
  auto dir = test::scratch_dir();
  auto demo_dir = test::demo_dir();
  const std::string code = d.layer.codes[40];
  for (bool old_format : {false, true}) {
    nlohmann::json p;
    p["format"] = "nbhd-project/1";
    std::string assets = (demo_dir / "assets.gpkg").string();
    p["data"] = {{"boundaries", (demo_dir / "lsoa.gpkg").string()},
                 {"indicators", {(demo_dir / "indicators.csv").string()}},
                 {"assets", old_format ? nlohmann::json(assets) : nlohmann::json::array({assets})}};
    p["style"] = {{"column", "IMD_score"}};
    p["selection"] = {code};
    if (!old_format)
      p["assets_panel"] = {
          {"within_m", 750}, {"hidden_categories", {"school"}}, {"category_colours", {{"pub", "#010203"}}}};
    fs::path proj = dir / "p.nbhd.json";
    std::ofstream(proj) << p.dump();
    std::string log;
    ASSERT_EQ(run_view_args(dir, quoted(proj),
                            "wait-assets\nframes 2\ndump " + (dir / "v.json").string() + "\n", &log),
              0)
        << log;
    auto j = read_json(dir / "v.json")["assets"];
    EXPECT_EQ(j["files"], nlohmann::json::array({assets}));
    double within = old_format ? 1000 : 750;
    EXPECT_EQ(j["within_m"], within);
    auto cli = cli_near(code, within)["within"];
    if (!old_format)
      for (auto it = cli.begin(); it != cli.end();)
        it = it->second.category == "school" ? cli.erase(it) : std::next(it);
    expect_same(j["rows"], cli, old_format ? "old project" : "project with a hidden category");
    for (const auto& c : j["categories"]) {
      EXPECT_EQ(c["visible"], old_format || c["name"] != "school");
      // The project's fixed colour for pubs; every other category keeps the palette's.
      bool fixed = !old_format && c["name"] == "pub";
      EXPECT_EQ(c["colour"], fixed ? "#010203" : to_hex(d.colour.at(c["name"]))) << c["name"];
    }
  }
}

}  // namespace
}  // namespace nbhd
