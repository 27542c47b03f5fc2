// `nbhd render` end to end on the demo borough: pixel colours at area interiors against the class colours
// computed here from the indicator CSV, legend swatches and counts, SVG paths, PDF page, error messages.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

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
      std::system(("env -u DISPLAY -u WAYLAND_DISPLAY '" + std::string(test::nbhd_binary()) + "' " + demo_args() +
                   " --raster gl --width 400 --height 400 -o '" + out.string() + "' 2>/dev/null")
                      .c_str());
  EXPECT_EQ(rc, 0);
  EXPECT_TRUE(std::filesystem::exists(out));
}

// The Greater Manchester assets have 20 categories: the map shows 20 distinct symbol colours, each on the
// map and in the legend, and --category-colour fixes one category's colour.
TEST(RenderCli, TwentyAssetCategoriesGiveTwentyDistinctColours) {
  NBHD_REQUIRE_SHARED("assets/gm_community_assets.gpkg");
  NBHD_REQUIRE_SHARED("england/ltla24.gpkg");
  auto dir = test::scratch_dir();
  // The ten boroughs (E08000001-10) with a value each, so the map has fills.
  std::ofstream csv(dir / "gm.csv");
  csv << "code,value\n";
  std::string focus;
  for (int i = 1; i <= 10; ++i) {
    std::string code = (i < 10 ? "E0800000" : "E080000") + std::to_string(i);
    csv << code << "," << i << "\n";
    focus += (i > 1 ? "," : "") + std::string(code);
  }
  csv.close();
  auto out = (dir / "gm.png").string();
  std::string json, err;
  ASSERT_EQ(
      test::run_nbhd(
          "render '" + (test::shared_data() / "england/ltla24.gpkg").string() + "' --indicators '" +
              (dir / "gm.csv").string() + "' --column value --focus " + focus + " --assets '" +
              (test::shared_data() / "assets/gm_community_assets.gpkg").string() +
              "' --category-colour 'library=#010203' --width 3000 --height 3000 --json -o '" + out + "'",
          &json, &err),
      0)
      << err;
  auto j = nlohmann::json::parse(json);
  const auto& cats = j["asset_categories"];
  ASSERT_EQ(cats.size(), 20u) << cats.dump();
  std::set<std::string> colours;
  for (const auto& c : cats) {
    colours.insert(c["colour"].get<std::string>());
    EXPECT_EQ(c["shape"], "circle");
    if (c["label"] == "library") {
      EXPECT_EQ(c["colour"], "#010203");
    }
  }
  ASSERT_EQ(colours.size(), 20u);
  // Every colour is on the map (pixels of that exact colour inside the frame) and on its legend swatch.
  test::Pixels px = test::read_png(out);
  auto f = j["frame_px"];
  std::map<std::string, int> on_map;
  for (int y = int(f[1].get<double>()) + 2; y < int(f[1].get<double>() + f[3].get<double>()) - 2; ++y)
    for (int x = int(f[0].get<double>()) + 2; x < int(f[0].get<double>() + f[2].get<double>()) - 2; ++x) {
      std::string h = to_hex(px.at(x, y));
      if (colours.count(h)) on_map[h]++;
    }
  for (const auto& c : cats) {
    std::string h = c["colour"];
    EXPECT_GE(on_map[h], 10) << c["label"] << " " << h << " is hardly on the map";
    auto s = c["swatch_px"];
    EXPECT_EQ(to_hex(px.at(int(s[0].get<double>() + s[2].get<double>() / 2),
                           int(s[1].get<double>() + s[3].get<double>() / 2))),
              h)
        << c["label"] << "'s legend symbol";
  }
}

// The demo's metadata table names the mapped column in the title, legend title and subtitle, and adds its
// source to the attribution; --label overrides one label; a bad table is one line and exit 2.
TEST(RenderCli, MetadataAndLabelsGiveReadableTitlesLegendAndAttribution) {
  auto dir = test::scratch_dir();
  auto meta = (test::demo_dir() / "metadata.csv").string();
  auto lsoa = (test::demo_dir() / "lsoa.gpkg").string(), ind = (test::demo_dir() / "indicators.csv").string();
  auto base = "render '" + lsoa + "' --indicators '" + ind + "' --width 800 --height 800 --json ";
  std::string json, err;
  ASSERT_EQ(test::run_nbhd(
                base + "--column IMD_score --metadata '" + meta + "' -o '" + (dir / "a.png").string() + "'",
                &json, &err),
            0)
      << err;
  auto j = nlohmann::json::parse(json);
  EXPECT_EQ(j["title"], "Deprivation score (IMD-like) by LSOA");
  EXPECT_EQ(j["legend_title"], "Deprivation score (IMD-like) (score)");
  EXPECT_EQ(j["subtitle"], "Higher is worse");
  EXPECT_EQ(j["attribution"].back(), "Source: Eastbrook demo data (synthetic), 2025");
  // --label over the table's label; the table's unit and source stay. Without metadata: the raw name.
  ASSERT_EQ(test::run_nbhd(base + "--column CNI_score --metadata '" + meta +
                               "' --label 'CNI_score=Community needs' -o '" + (dir / "b.png").string() + "'",
                           &json, &err),
            0)
      << err;
  j = nlohmann::json::parse(json);
  EXPECT_EQ(j["legend_title"], "Community needs (score)");
  EXPECT_EQ(j["attribution"].back(), "Source: Eastbrook demo data (synthetic), 2023");
  ASSERT_EQ(test::run_nbhd(base + "--column CNI_score -o '" + (dir / "c.png").string() + "'", &json, &err), 0)
      << err;
  EXPECT_EQ(nlohmann::json::parse(json)["legend_title"], "CNI_score");
  // A bad table: one line naming it and the row, no output.
  std::ofstream(dir / "bad.csv") << "column,higher_is\nIMD_score,up\n";
  EXPECT_EQ(test::run_nbhd(base + "--column IMD_score --metadata '" + (dir / "bad.csv").string() + "' -o '" +
                               (dir / "d.png").string() + "'",
                           &json, &err),
            2);
  EXPECT_EQ(err, "nbhd render: " + (dir / "bad.csv").string() +
                     " row 2: higher_is must be worse, better or blank, not 'up'\n");
  EXPECT_FALSE(std::filesystem::exists(dir / "d.png"));
}

// --labels and --outline-labels: the renderer reports what it placed; every name's anchor lies inside its
// own polygon, no two boxes overlap, all lie in the frame, ward names were placed before (and so win over)
// area names, and the PDF holds the names as real text.
TEST(RenderCli, LabelsLieInsideTheirPolygonsAndNeverOverlap) {
  auto dir = test::scratch_dir();
  auto wards_path = test::demo_dir() / "wards.gpkg";
  AreaLayer wards = load_areas(wards_path.string());
  const AreaLayer& lsoa = demo().layer;
  std::string json, err;
  std::string args = demo_args() + " --labels lsoa21_name --outline-layer '" + wards_path.string() +
                     "' --outline-labels ward24_name --width 2400 --height 2400 --json"
                     " --bbox 435000,396000,439000,400000";  // the middle 4 km: area names fit there
  ASSERT_EQ(test::run_nbhd(args + " -o '" + (dir / "l.png").string() + "'", &json, &err), 0) << err;
  auto j = nlohmann::json::parse(json);
  double s = j["world_to_px"]["scale"], ox = j["world_to_px"]["ox"], oy = j["world_to_px"]["oy"];
  auto f = j["frame_px"];
  const auto& placed = j["labels"];
  GeosContext g;
  size_t per_layer[2] = {0, 0};
  std::set<std::string> ward_names;
  for (size_t a = 0; a < placed.size(); ++a) {
    const auto& p = placed[a];
    size_t layer = p["layer"], i = p["feature"];
    ASSERT_LT(layer, 2u);
    per_layer[layer]++;
    const AreaLayer& L = layer == 0 ? wards : lsoa;
    ASSERT_LT(i, L.size());
    EXPECT_EQ(p["text"], L.attrs.col(*L.attrs.find(layer == 0 ? "ward24_name" : "lsoa21_name")).cell(i));
    if (layer == 0) ward_names.insert(p["text"]);
    // The anchor, back in world coordinates, is inside the feature's polygon.
    double x = (p["anchor_px"][0].get<double>() - ox) / s, y = (oy - p["anchor_px"][1].get<double>()) / s;
    GeomPtr poly = to_geos(g, L.geoms[i]), pt = to_geos(g, Point{x, y});
    EXPECT_EQ(GEOSContains_r(g, poly.get(), pt.get()), 1) << p.dump();
    auto b = p["box_px"];
    EXPECT_GE(b[0].get<double>(), f[0].get<double>() - 0.01);
    EXPECT_GE(b[1].get<double>(), f[1].get<double>() - 0.01);
    EXPECT_LE(b[0].get<double>() + b[2].get<double>(), f[0].get<double>() + f[2].get<double>() + 0.01);
    EXPECT_LE(b[1].get<double>() + b[3].get<double>(), f[1].get<double>() + f[3].get<double>() + 0.01);
    for (size_t c = 0; c < a; ++c) {
      auto o = placed[c]["box_px"];
      bool apart = b[0].get<double>() >= o[0].get<double>() + o[2].get<double>() ||
                   o[0].get<double>() >= b[0].get<double>() + b[2].get<double>() ||
                   b[1].get<double>() >= o[1].get<double>() + o[3].get<double>() ||
                   o[1].get<double>() >= b[1].get<double>() + b[3].get<double>();
      EXPECT_TRUE(apart) << p["text"] << " overlaps " << placed[c]["text"];
    }
    if (a > 0) {
      EXPECT_GE(layer, placed[a - 1]["layer"].get<size_t>()) << "ward names are placed first";
    }
  }
  EXPECT_GE(per_layer[0], 2u) << "ward names";
  EXPECT_GT(per_layer[1], 10u) << "area names fit at this scale too";
  // PDF: the names are text a reader can search and copy.
  auto pdf = dir / "l.pdf";
  ASSERT_EQ(test::run_nbhd(args + " -o '" + pdf.string() + "'", &json, &err), 0) << err;
  ASSERT_EQ(std::system(("pdftotext '" + pdf.string() + "' '" + (dir / "l.txt").string() + "'").c_str()), 0);
  std::string text = test::read_file(dir / "l.txt");
  for (const auto& name : ward_names)
    EXPECT_NE(text.find(name), std::string::npos) << name << " not in the PDF text";
}

// SVG: area and ward names, the title, legend and attribution are <text> elements in DejaVu Sans (searchable,
// copyable), not glyph outlines; each label sits in the box the layout placed it in and keeps its halo.
TEST(RenderCli, SvgLabelsAndLayoutAreTextElements) {
  auto dir = test::scratch_dir();
  auto wards_path = test::demo_dir() / "wards.gpkg";
  std::string json, err;
  auto svg = dir / "l.svg";
  ASSERT_EQ(test::run_nbhd(demo_args() + " --labels lsoa21_name --outline-layer '" + wards_path.string() +
                               "' --outline-labels ward24_name --width 1600 --height 1600 --json"
                               " --bbox 435000,396000,439000,400000 --title 'Eastbrook deciles' -o '" +
                               svg.string() + "'",
                           &json, &err),
            0)
      << err;
  auto j = nlohmann::json::parse(json);
  std::vector<test::SvgText> texts = test::svg_texts(svg);
  std::map<std::string, const test::SvgText*> by_text;
  for (const auto& t : texts) {
    by_text[t.text] = &t;
    EXPECT_EQ(t.font_family, "DejaVu Sans") << t.text;
  }
  size_t area_names = 0;
  for (const auto& p : j["labels"]) {
    std::string name = p["text"];
    auto it = by_text.find(name);
    ASSERT_NE(it, by_text.end()) << name << " is not a <text> of the SVG";
    area_names += p["layer"] == 1;
    auto b = p["box_px"];
    EXPECT_GE(it->second->x, b[0].get<double>()) << name;
    EXPECT_LE(it->second->x, b[0].get<double>() + b[2].get<double>()) << name;
    EXPECT_GE(it->second->y, b[1].get<double>()) << name;
    EXPECT_LE(it->second->y, b[1].get<double>() + b[3].get<double>()) << name;
    EXPECT_EQ(it->second->stroke, "#ffffff") << name << ": the halo";
  }
  EXPECT_GT(area_names, 5u);
  EXPECT_TRUE(by_text.count("Eastbrook deciles"));
  EXPECT_TRUE(by_text.count("Contains OS data © Crown copyright and database right"));
  EXPECT_TRUE(by_text.count("N"));  // the north arrow's letter
  EXPECT_EQ(test::read_file(svg).find("<symbol"), std::string::npos) << "no text drawn as glyph outlines";
}

// Latitude and longitude swapped in a GeoJSON: its extent lies far outside British National Grid's area of
// use, and the map would be empty without a word; the warning says so, with the extent.
TEST(RenderCli, SwappedAxesWarnWithTheExtent) {
  auto dir = test::scratch_dir();
  std::ofstream(dir / "swapped.geojson") << R"({"type": "FeatureCollection", "features": [{"type": "Feature",
  "properties": {"lsoa21_code": "E01005001", "v": 1},
  "geometry": {"type": "Polygon", "coordinates": [[[53.47, -2.25], [53.48, -2.25], [53.48, -2.23], [53.47, -2.23],
  [53.47, -2.25]]]}}]})";
  std::string out, err;
  int rc = test::run_nbhd("render '" + (dir / "swapped.geojson").string() +
                              "' --column v --width 300 --height 300 -o '" + (dir / "s.png").string() + "'",
                          &out, &err);
  EXPECT_EQ(rc, 0) << err;
  std::string want = "warning: " + (dir / "swapped.geojson").string() + ": its extent (";
  EXPECT_NE(err.find(want), std::string::npos) << err;
  EXPECT_NE(err.find(" in EPSG:27700) lies outside the area EPSG:27700 is for (United Kingdom (UK)"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("check the file's CRS (a wrong CRS declared, or x and y swapped)"), std::string::npos)
      << err;
  // The demo borough, in Great Britain, gets no such warning.
  ASSERT_EQ(test::run_nbhd(demo_args() + " --width 300 --height 300 -o '" + (dir / "d.png").string() + "'",
                           &out, &err),
            0);
  EXPECT_EQ(err.find("lies outside the area"), std::string::npos) << err;
}

}  // namespace
}  // namespace nbhd
