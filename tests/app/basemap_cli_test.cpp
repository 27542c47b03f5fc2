// `nbhd render --basemap` on the demo borough: the demo's own basemap is a GeoPackage raster in British
// National Grid, a PNG shows it under translucent fills (and only in the map frame), its attribution is on
// the map in PNG, SVG and PDF, and bad basemaps are refused before anything is written.
#include <cpl_conv.h>
#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "geo/spatial/geos_handle.hpp"
#include "geo/vector/gdal_handle.hpp"
#include "support/demo_layer.hpp"
#include "support/image_check.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

const char* kCredit = "Basemap: synthetic Eastbrook streets, nbhd demo";

std::string demo_args() {
  auto dir = test::demo_dir();
  return "render '" + (dir / "lsoa.gpkg").string() + "' --indicators '" + (dir / "indicators.csv").string() +
         "' --column IMD_decile --method unique --palette RdBu --width 900 --height 700";
}

std::string basemap() {
  return (test::demo_dir() / "eastbrook_basemap.gpkg").string();
}

TEST(RenderBasemap, DemoBasemapIsATiledRasterInBritishNationalGrid) {
  ensure_gdal();
  GdalDataset ds(GDALOpenEx(basemap().c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  ASSERT_TRUE(ds);
  EXPECT_STREQ(GDALGetDriverShortName(GDALGetDatasetDriver(ds.get())), "GPKG");
  EXPECT_EQ(GDALGetRasterCount(ds.get()), 4);
  OgrSrs srs(OSRNewSpatialReference(GDALGetProjectionRef(ds.get())));
  ASSERT_TRUE(srs);
  OSRAutoIdentifyEPSG(srs.get());
  ASSERT_NE(OSRGetAuthorityCode(srs.get(), nullptr), nullptr);
  EXPECT_STREQ(OSRGetAuthorityCode(srs.get(), nullptr), "27700");
  const char* credit = GDALGetMetadataItem(ds.get(), "ATTRIBUTION", nullptr);
  ASSERT_NE(credit, nullptr);
  EXPECT_STREQ(credit, kCredit);
  // It covers the whole borough, and stays small.
  double gt[6];
  ASSERT_EQ(GDALGetGeoTransform(ds.get(), gt), CE_None);
  BBox cover{gt[0], gt[3] + GDALGetRasterYSize(ds.get()) * gt[5],
             gt[0] + GDALGetRasterXSize(ds.get()) * gt[1], gt[3]};
  BBox borough;
  for (const auto& g : test::demo_layer().geoms) borough.expand(bbox_of(g));
  EXPECT_TRUE(cover.contains({borough.minx, borough.miny}) && cover.contains({borough.maxx, borough.maxy}));
  EXPECT_LT(std::filesystem::file_size(basemap()), 500u * 1024);
}

struct Render {
  test::Pixels px;
  nlohmann::json j;
};

Render render(const std::string& extra, const std::string& name) {
  auto out = test::scratch_dir() / name;
  std::string json, err;
  EXPECT_EQ(test::run_nbhd(demo_args() + extra + " --json -o '" + out.string() + "'", &json, &err), 0) << err;
  return {test::read_png(out), nlohmann::json::parse(json)};
}

TEST(RenderBasemap, PngShowsTheBasemapUnderTranslucentFillsAndOnlyInTheFrame) {
  Render plain = render("", "plain.png");
  Render over = render(" --basemap '" + basemap() + "' --basemap-opacity 0.6", "over.png");
  ASSERT_EQ(plain.px.w, over.px.w);
  ASSERT_EQ(plain.j["frame_px"], over.j["frame_px"]) << "the credit joins a line: the layout stays";
  double s = over.j["world_to_px"]["scale"], ox = over.j["world_to_px"]["ox"],
         oy = over.j["world_to_px"]["oy"];

  // Inside areas: without a basemap the class colour F; with it, 0.6 F + 0.4 B for some basemap colour B,
  // and B is not the same everywhere (streets, parks and land differ).
  const AreaLayer& L = test::demo_layer();
  GeosContext g;
  size_t checked = 0, differ = 0;
  std::set<std::array<int, 3>> under;
  for (size_t i = 0; i < L.size(); ++i) {
    GeomPtr geom = to_geos(g, L.geoms[i]);
    GeomPtr pos = own(g, GEOSPointOnSurface_r(g, geom.get()));
    GeomPtr boundary = own(g, GEOSBoundary_r(g, geom.get()));
    double dist = 0, x, y;
    GEOSDistance_r(g, pos.get(), boundary.get(), &dist);
    if (dist * s < 3) continue;
    GEOSGeomGetX_r(g, pos.get(), &x);
    GEOSGeomGetY_r(g, pos.get(), &y);
    int px = int(s * x + ox), py = int(-s * y + oy);
    Rgba f = plain.px.at(px, py), p = over.px.at(px, py);
    ++checked;
    differ += !(f == p);
    std::array<int, 3> b{};
    const int fc[3] = {f.r, f.g, f.b}, pc[3] = {p.r, p.g, p.b};
    for (int c = 0; c < 3; ++c) {
      double bc = (pc[c] - 0.6 * fc[c]) / 0.4;
      EXPECT_GE(bc, -4) << L.codes[i];
      EXPECT_LE(bc, 259) << L.codes[i];
      b[size_t(c)] = int(std::lround(bc / 16));
    }
    under.insert(b);
  }
  EXPECT_GT(checked, L.size() / 2);
  EXPECT_EQ(differ, checked) << "every area's interior shows the basemap through its fill";
  EXPECT_GE(under.size(), 3u) << "streets, parks and land under the fills";

  // The frame's corner lies outside the borough: the countryside of the basemap instead of white paper.
  auto f = over.j["frame_px"];
  int fx = int(f[0].get<double>()) + 4, fy = int(f[1].get<double>()) + 4;
  EXPECT_EQ(plain.px.at(fx, fy), (Rgba{255, 255, 255, 255}));
  EXPECT_NE(over.px.at(fx, fy), (Rgba{255, 255, 255, 255}));
  // Outside the frame (title, legend column) nothing changes; the attribution line gains the credit.
  int right = int(std::ceil(f[0].get<double>() + f[2].get<double>())) + 2;
  int top = int(f[1].get<double>()) - 2;
  size_t changed = 0;
  for (int y = 0; y < plain.px.h; ++y)
    for (int x = 0; x < plain.px.w; ++x)
      if (x > right || y < top) changed += !(plain.px.at(x, y) == over.px.at(x, y));
  EXPECT_EQ(changed, 0u);
  std::string last = over.j["attribution"].back();
  EXPECT_NE(last.find(std::string("; ") + kCredit), std::string::npos) << last;
}

TEST(RenderBasemap, CreditIsTextInPdfAndSvgAndCanBeGiven) {
  auto dir = test::scratch_dir();
  std::string err;
  auto pdf = dir / "b.pdf";
  ASSERT_EQ(
      test::run_nbhd(demo_args() + " --basemap '" + basemap() + "' -o '" + pdf.string() + "'", nullptr, &err),
      0)
      << err;
  ASSERT_EQ(std::system(("pdftotext '" + pdf.string() + "' '" + (dir / "b.txt").string() + "'").c_str()), 0);
  EXPECT_NE(test::read_file(dir / "b.txt").find(kCredit), std::string::npos);
  // SVG, with a credit given: it replaces the dataset's own, as a <text> of the attribution line.
  auto svg = dir / "b.svg";
  ASSERT_EQ(test::run_nbhd(demo_args() + " --basemap '" + basemap() +
                               "' --basemap-attribution 'Tiles: the council' -o '" + svg.string() + "'",
                           nullptr, &err),
            0)
      << err;
  bool credited = false;
  for (const auto& t : test::svg_texts(svg)) {
    credited = credited || t.text.find("; Tiles: the council") != std::string::npos;
    EXPECT_EQ(t.text.find(kCredit), std::string::npos) << t.text;
  }
  EXPECT_TRUE(credited) << "the given credit is a <text> of the SVG";
  EXPECT_NE(test::read_file(svg).find("<image"), std::string::npos)
      << "the basemap is one image under the fills";
}

// The error is the last line, after the join report (the basemap is opened once the working CRS is known).
std::string last_line(const std::string& err) {
  size_t end = err.size() > 0 && err.back() == '\n' ? err.size() - 1 : err.size();
  size_t start = err.rfind('\n', end == 0 ? 0 : end - 1);
  return err.substr(start == std::string::npos ? 0 : start + 1);
}

TEST(RenderBasemap, BadBasemapsAreRefusedBeforeAnyOutput) {
  auto dir = test::scratch_dir();
  auto out = dir / "bad.png";
  std::string err;
  auto text = dir / "notes.txt";
  std::ofstream(text) << "not a map\n";
  EXPECT_EQ(test::run_nbhd(demo_args() + " --basemap '" + text.string() + "' -o '" + out.string() + "'",
                           nullptr, &err),
            2);
  EXPECT_EQ(
      last_line(err),
      "nbhd render: basemap " + text.string() +
          " holds no raster GDAL can read; give a GeoPackage or MBTiles of raster tiles, or a GeoTIFF\n");
  // A GeoPackage of vectors (the boundaries themselves) is no basemap either.
  auto vectors = (test::demo_dir() / "lsoa.gpkg").string();
  EXPECT_EQ(
      test::run_nbhd(demo_args() + " --basemap '" + vectors + "' -o '" + out.string() + "'", nullptr, &err),
      2);
  EXPECT_EQ(
      last_line(err),
      "nbhd render: basemap " + vectors +
          " holds no raster GDAL can read; give a GeoPackage or MBTiles of raster tiles, or a GeoTIFF\n");
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(RenderBasemap, MissingBasemapBadOpacityAndGlAreRefused) {
  auto dir = test::scratch_dir();
  auto out = dir / "bad.png";
  std::string err;
  auto missing = (dir / "nowhere.gpkg").string();
  EXPECT_EQ(
      test::run_nbhd(demo_args() + " --basemap '" + missing + "' -o '" + out.string() + "'", nullptr, &err),
      2);
  EXPECT_EQ(last_line(err),
            "nbhd render: basemap " + missing +
                " does not exist; give a GeoPackage or MBTiles of raster tiles, or a GeoTIFF\n");
  EXPECT_EQ(test::run_nbhd(demo_args() + " --basemap '" + basemap() + "' --basemap-opacity 1.5 -o '" +
                               out.string() + "'",
                           nullptr, &err),
            2);
  EXPECT_EQ(err.rfind("nbhd render: --basemap-opacity must be between 0 and 1, not 1.5", 0), 0u) << err;
  EXPECT_EQ(
      test::run_nbhd(demo_args() + " --basemap '" + basemap() + "' --raster gl -o '" + out.string() + "'",
                     nullptr, &err),
      2);
  EXPECT_EQ(last_line(err),
            "nbhd render: a basemap is drawn by the CPU rasteriser only; leave out the GL rasteriser "
            "(--raster gl)\n");
  EXPECT_FALSE(std::filesystem::exists(out));
}

// The interactive page draws no raster: it says so and leaves the basemap (and its credit) out.
TEST(RenderBasemap, HtmlPageLeavesTheBasemapOutAndSaysSo) {
  auto out = test::scratch_dir() / "m.html";
  std::string err;
  ASSERT_EQ(
      test::run_nbhd(demo_args() + " --basemap '" + basemap() + "' -o '" + out.string() + "'", nullptr, &err),
      0)
      << err;
  EXPECT_NE(err.find("warning: the .html page does not draw a basemap; --basemap is left out\n"),
            std::string::npos)
      << err;
  EXPECT_EQ(test::read_file(out).find("synthetic Eastbrook streets"), std::string::npos);
}

TEST(RenderBasemap, BasemapMissingTheMapIsLeftOutWithAWarning) {
  // A GeoTIFF of Cornwall under a map of the northern borough.
  ensure_gdal();
  auto dir = test::scratch_dir();
  auto tif = dir / "elsewhere.tif";
  {
    GdalDataset ds(GDALCreate(GDALGetDriverByName("GTiff"), tif.c_str(), 16, 16, 3, GDT_Byte, nullptr));
    ASSERT_TRUE(ds);
    double gt[6] = {180000, 100, 0, 60000, 0, -100};
    GDALSetGeoTransform(ds.get(), gt);
    OgrSrs srs(OSRNewSpatialReference(nullptr));
    OSRImportFromEPSG(srs.get(), 27700);
    char* wkt = nullptr;
    OSRExportToWkt(srs.get(), &wkt);
    GDALSetProjection(ds.get(), wkt);
    CPLFree(wkt);
  }
  auto out = dir / "away.png";
  std::string json, err;
  ASSERT_EQ(test::run_nbhd(demo_args() + " --basemap '" + tif.string() + "' --json -o '" + out.string() + "'",
                           &json, &err),
            0)
      << err;
  EXPECT_NE(err.find("warning: basemap " + tif.string() +
                     " does not overlap the map (it covers 180000,58400 to "
                     "181600,60000 in EPSG:27700); the map is drawn without it\n"),
            std::string::npos)
      << err;
  EXPECT_EQ(nlohmann::json::parse(json)["attribution"].dump().find("Basemap"), std::string::npos);
}

}  // namespace
}  // namespace nbhd
