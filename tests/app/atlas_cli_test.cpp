// `nbhd atlas` end to end on the demo borough (wards as groups): the PDF read back with pdfinfo/pdftotext
// (page count, each page's title, the legend's breaks), a PNG page's pixels (the group's areas in their
// class colours, the other areas lighter), thread-count invariance, bad input; and a few pages of the
// national LSOA 2021 atlas by local authority (AtlasReal).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "geo/spatial/geos_handle.hpp"
#include "render/style/color.hpp"
#include "support/demo_layer.hpp"
#include "support/image_check.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;

// ColorBrewer RdBu, 10 classes (colorbrewer2.org), written out independently of the app's tables.
const char* kRdBu10[] = {"#67001f", "#b2182b", "#d6604d", "#f4a582", "#fddbc7",
                         "#d1e5f0", "#92c5de", "#4393c3", "#2166ac", "#053061"};

std::string q(const fs::path& p) {
  return "'" + p.string() + "'";
}

std::string demo_atlas(const std::string& column = "IMD_score") {
  auto dir = test::demo_dir();
  return "atlas " + q(dir / "lsoa.gpkg") + " --indicators " + q(dir / "indicators.csv") + " --column " +
         column + " --by ward24_code";
}

// The demo's wards in code order with their names, from the layer's own fields.
std::map<std::string, std::string> demo_wards() {
  const AreaLayer& L = test::demo_layer();
  const Column& code = L.attrs.col(*L.attrs.find("ward24_code"));
  const Column& name = L.attrs.col(*L.attrs.find("ward24_name"));
  std::map<std::string, std::string> w;
  for (size_t i = 0; i < L.size(); ++i) w[code.cell(i)] = name.cell(i);
  return w;
}

// pdftotext of every page (pages[0] is page 1), read once.
std::vector<std::string> pdf_pages(const fs::path& pdf) {
  auto txt = pdf.parent_path() / (pdf.stem().string() + ".txt");
  std::string cmd = "pdftotext -layout " + q(pdf) + " " + q(txt);
  if (std::system(cmd.c_str()) != 0) return {};
  std::vector<std::string> pages;
  std::stringstream all(test::read_file(txt));
  for (std::string page; std::getline(all, page, '\f');) pages.push_back(page);
  return pages;
}

// Legend class ranges ("2 - 6.95") on a page's text, in order.
std::vector<std::string> ranges_on(const std::string& text) {
  static const std::regex range(R"((-?[\d.,]+ - -?[\d.,]+))");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), range); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

int page_count(const fs::path& pdf) {
  std::smatch m;
  std::string info = test::pdfinfo(pdf);
  static const std::regex pages(R"(Pages:\s+(\d+))");
  return std::regex_search(info, m, pages) ? std::stoi(m[1]) : -1;
}

TEST(AtlasCli, PdfHasAContentsPageAndOnePagePerWardTitledWithItsName) {
  auto wards = demo_wards();
  ASSERT_GE(wards.size(), 20u);
  auto pdf = test::scratch_dir() / "wards.pdf";
  std::string err;
  ASSERT_EQ(test::run_nbhd(demo_atlas() + " -o " + q(pdf), nullptr, &err), 0) << err;
  EXPECT_EQ(page_count(pdf), int(wards.size()) + 1);
  auto text = pdf_pages(pdf);
  ASSERT_EQ(text.size(), wards.size() + 1);
  const std::string& contents = text[0];
  EXPECT_NE(contents.find("Contents"), std::string::npos);
  int page = 2;
  for (const auto& [code, name] : wards) {
    // The contents row, then the page's title.
    EXPECT_TRUE(std::regex_search(contents, std::regex(std::to_string(page) + R"(\s+)" + code + R"(\s+)" +
                                                       std::regex_replace(name, std::regex("'"), "."))))
        << code;
    const std::string& t = text[size_t(page - 1)];
    EXPECT_NE(t.find(name + " (" + code + ")"), std::string::npos) << "page " << page << ":\n" << t;
    ++page;
  }
}

TEST(AtlasCli, SharedBreaksAreTheNationalOnesOnEveryPageLocalBreaksDiffer) {
  auto dir = test::scratch_dir();
  std::string err;
  const std::string only = " --only E05900001,E05900009,E05900017";
  ASSERT_EQ(test::run_nbhd(demo_atlas() + only + " -o " + q(dir / "shared.pdf"), nullptr, &err), 0) << err;
  ASSERT_EQ(test::run_nbhd(demo_atlas() + only + " --local-breaks -o " + q(dir / "local.pdf"), nullptr, &err),
            0)
      << err;
  // The classes nbhd classify gives over every area (quantile, 5) are each page's legend.
  std::vector<std::string> national(test::demo_imd_classes().labels.begin(),
                                    test::demo_imd_classes().labels.end());
  ASSERT_EQ(national.size(), 5u);
  ASSERT_EQ(page_count(dir / "shared.pdf"), 4);
  auto shared = pdf_pages(dir / "shared.pdf");
  ASSERT_EQ(shared.size(), 4u);
  for (int p = 2; p <= 4; ++p) EXPECT_EQ(ranges_on(shared[size_t(p - 1)]), national) << p;
  ASSERT_EQ(page_count(dir / "local.pdf"), 4);
  auto local_text = pdf_pages(dir / "local.pdf");
  ASSERT_EQ(local_text.size(), 4u);
  std::set<std::vector<std::string>> local;
  for (int p = 2; p <= 4; ++p) {
    auto r = ranges_on(local_text[size_t(p - 1)]);
    EXPECT_FALSE(r.empty()) << p;
    EXPECT_NE(r, national) << p;
    local.insert(r);
  }
  EXPECT_EQ(local.size(), 3u) << "each ward's own classes";
}

TEST(AtlasCli, PngPageShowsTheWardInItsClassColoursAndOtherAreasLighter) {
  const AreaLayer& L = test::demo_layer();
  auto dir = test::scratch_dir() / "pages";
  std::string json, err;
  ASSERT_EQ(
      test::run_nbhd(
          demo_atlas("IMD_decile") +
              " --method unique --palette RdBu --only E05900009 --format png --dpi 100 --json -o " + q(dir),
          &json, &err),
      0)
      << err;
  auto j = nlohmann::json::parse(json);
  ASSERT_EQ(j["groups"].size(), 1u);
  const auto& g = j["groups"][0];
  test::Pixels px = test::read_png(g["file"].get<std::string>());
  EXPECT_EQ(px.w, int(std::lround(210 / 25.4 * 100)));
  double s = g["world_to_px"]["scale"], ox = g["world_to_px"]["ox"], oy = g["world_to_px"]["oy"];
  auto f = g["frame_px"];
  const Column& ward = L.attrs.col(*L.attrs.find("ward24_code"));
  const auto& decile = L.attrs.numeric("IMD_decile").num;
  GeosContext gc;
  size_t inside = 0, around = 0;
  for (size_t i = 0; i < L.size(); ++i) {
    GeomPtr geom = to_geos(gc, L.geoms[i]);
    GeomPtr pos = own(gc, GEOSPointOnSurface_r(gc, geom.get()));
    GeomPtr boundary = own(gc, GEOSBoundary_r(gc, geom.get()));
    double dist = 0, x, y;
    GEOSDistance_r(gc, pos.get(), boundary.get(), &dist);
    if (dist * s < 3) continue;
    GEOSGeomGetX_r(gc, pos.get(), &x);
    GEOSGeomGetY_r(gc, pos.get(), &y);
    double X = s * x + ox, Y = -s * y + oy;
    if (X < f[0].get<double>() + 2 || Y < f[1].get<double>() + 2 ||
        X > f[0].get<double>() + f[2].get<double>() - 2 || Y > f[1].get<double>() + f[3].get<double>() - 2)
      continue;
    Rgba got = px.at(int(X), int(Y)), want = parse_hex_colour(kRdBu10[int(decile[i]) - 1]);
    if (ward.cell(i) == "E05900009") {
      EXPECT_EQ(got, want) << L.codes[i];
      ++inside;
    } else {
      EXPECT_NE(got, want) << L.codes[i];
      EXPECT_GT(got.r + got.g + got.b, want.r + want.g + want.b) << L.codes[i] << ": lighter than its class";
      ++around;
    }
  }
  EXPECT_GT(inside, 5u);
  EXPECT_GT(around, 5u);
}

TEST(AtlasCli, SameFilesWhateverTheThreadCount) {
  auto dir = test::scratch_dir();
  std::string err;
  const std::string only = " --only E05900002,E05900003,E05900004 --dpi 60";
  setenv("SOURCE_DATE_EPOCH", "946684800", 1);  // 2000-01-01T00:00:00Z
  for (const char* t : {"1", "2"}) {
    ASSERT_EQ(test::run_nbhd(demo_atlas() + only + " --threads " + t + " --format png -o " +
                                 q(dir / ("png" + std::string(t))),
                             nullptr, &err),
              0)
        << err;
    ASSERT_EQ(test::run_nbhd(
                  demo_atlas() + only + " --threads " + t + " -o " + q(dir / ("a" + std::string(t) + ".pdf")),
                  nullptr, &err),
              0)
        << err;
  }
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir / "png1")) {
    ++files;
    EXPECT_EQ(test::read_file(e.path()), test::read_file(dir / "png2" / e.path().filename())) << e.path();
  }
  EXPECT_EQ(files, 4u);
  EXPECT_EQ(page_count(dir / "a1.pdf"), 4);
  EXPECT_EQ(page_count(dir / "a2.pdf"), 4);
  EXPECT_EQ(pdf_pages(dir / "a1.pdf"), pdf_pages(dir / "a2.pdf"));
  // With SOURCE_DATE_EPOCH fixing the creation date, the PDFs are the same bytes.
  EXPECT_NE(test::read_file(dir / "a1.pdf").find("/CreationDate (20000101000000Z)"), std::string::npos);
  EXPECT_EQ(test::read_file(dir / "a1.pdf"), test::read_file(dir / "a2.pdf"));
  unsetenv("SOURCE_DATE_EPOCH");
}

TEST(AtlasCli, BadInputIsOneLineExitTwoAndNoOutput) {
  auto dir = test::scratch_dir();
  auto demo = test::demo_dir();
  struct Case {
    std::string args, message;
  };
  const std::string src = (demo / "lsoa.gpkg").string();
  std::vector<Case> cases = {
      {demo_atlas() + " --only E05900001,E05999999 -o " + q(dir / "a.pdf"),
       "nbhd atlas: no area of " + src +
           " has ward24_code E05999999: no page can be made for it; give codes of that field, such as "
           "E05900001, E05900002"},
      {demo_atlas() + " --by ward_code -o " + q(dir / "a.pdf"),
       "nbhd atlas: " + src +
           " has no field 'ward_code' to make the atlas's pages by; its fields are: lsoa21_code, "
           "lsoa21_name, "
           "ward24_code, ward24_name, ltla24_code, ltla24_name, lsoa21_name_2, IMD_score, Left Behind Area?"},
      {demo_atlas() + " --dpi 5000 -o " + q(dir / "a.pdf"),
       "nbhd atlas: the resolution must be between 30 and 1200 dpi (--dpi)"},
      {demo_atlas() + " --paper A9 -o " + q(dir / "a.pdf"),
       "nbhd atlas: unknown paper size 'A9'; use A4 or A3, or give the image size in pixels (--paper, or "
       "--width/--height)"},
      {demo_atlas() + " --format png -o " + q(dir / "exists"),
       "nbhd atlas: cannot write " + (dir / "exists").string() +
           ": the folder exists; allow replacing it (--force)"},
      {demo_atlas() + " --column NoSuchColumn -o " + q(dir / "a.pdf"), ""},
  };
  fs::create_directories(dir / "exists");
  std::ofstream(dir / "exists" / "keep.txt") << "mine";
  for (const auto& c : cases) {
    std::string err;
    EXPECT_EQ(test::run_nbhd(c.args, nullptr, &err), 2) << c.args;
    // The join report may come first; the error is the one last line.
    ASSERT_FALSE(err.empty());
    size_t nl = err.rfind('\n', err.size() - 2);
    std::string last = nl == std::string::npos ? err : err.substr(nl + 1);
    EXPECT_EQ(last.rfind("nbhd atlas: ", 0), 0u) << err;
    if (!c.message.empty()) {
      EXPECT_EQ(last, c.message + "\n");
    }
  }
  EXPECT_FALSE(fs::exists(dir / "a.pdf"));
  EXPECT_EQ(test::read_file(dir / "exists" / "keep.txt"), "mine");
  // Nothing else (no temporary file or folder) was left in the folder.
  size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir)) entries += (void(e), 1);
  EXPECT_EQ(entries, 1u);
  // With --force the folder is replaced whole.
  std::string err;
  ASSERT_EQ(test::run_nbhd(demo_atlas() + " --only E05900001 --format svg --force -o " + q(dir / "exists"),
                           nullptr, &err),
            0)
      << err;
  EXPECT_FALSE(fs::exists(dir / "exists" / "keep.txt"));
  EXPECT_TRUE(fs::exists(dir / "exists" / "page_001.svg"));
  EXPECT_TRUE(fs::exists(dir / "exists" / "page_002.svg"));
}

TEST(AtlasReal, FirstLocalAuthoritiesOfEnglandFromLsoa21AndImd2025) {
  NBHD_REQUIRE_SHARED("england/lsoa21.gpkg");
  auto data = test::shared_data() / "england";
  auto pdf = test::scratch_dir() / "la.pdf";
  std::string json, err;
  ASSERT_EQ(
      test::run_nbhd("atlas " + q(data / "lsoa21.gpkg") + " --indicators " + q(data / "imd2025_lsoa21.csv") +
                         " --column IMD_decile --method unique --palette RdBu --by ltla24_code --pages 3"
                         " --outline-layer " +
                         q(data / "ltla24.gpkg") + " --landscape --json -o " + q(pdf),
                     &json, &err),
      0)
      << err;
  EXPECT_EQ(page_count(pdf), 4);
  auto j = nlohmann::json::parse(json);
  ASSERT_EQ(j["groups"].size(), 3u);
  // E06000001.. in code order: Hartlepool, Middlesbrough, Redcar and Cleveland.
  EXPECT_EQ(j["groups"][0]["title"], "Hartlepool (E06000001)");
  EXPECT_EQ(j["groups"][1]["title"], "Middlesbrough (E06000002)");
  EXPECT_EQ(j["groups"][2]["title"], "Redcar and Cleveland (E06000003)");
  auto pages = pdf_pages(pdf);
  ASSERT_EQ(pages.size(), 4u);
  for (int p = 2; p <= 4; ++p) {
    const std::string& text = pages[size_t(p - 1)];
    EXPECT_NE(text.find(j["groups"][p - 2]["title"].get<std::string>()), std::string::npos) << text;
    // Decile legend with the authority's own counts, which add up to its LSOAs.
    long long sum = 0;
    for (const auto& e : j["groups"][p - 2]["legend"]) sum += e["count"].get<long long>();
    EXPECT_EQ(sum, j["groups"][p - 2]["areas"].get<long long>());
    EXPECT_NE(text.find("Local authority boundaries"), std::string::npos);
  }
}

// West Berkshire's page at 60 dpi: a border stroke along the frame's left edge once wrote one column before
// the rasteriser's row (the sum of its x steps drifted to -1e-13), corrupting the heap; the process died at
// exit ("free(): invalid next size").
TEST(AtlasReal, ThinBorderAlongTheFrameEdgeStaysInsideTheRaster) {
  NBHD_REQUIRE_SHARED("england/lsoa21.gpkg");
  auto data = test::shared_data() / "england";
  auto dir = test::scratch_dir() / "wb";
  std::string err;
  ASSERT_EQ(
      test::run_nbhd("atlas " + q(data / "lsoa21.gpkg") + " --indicators " + q(data / "imd2025_lsoa21.csv") +
                         " --column IMD_decile --by ltla24_code --only E06000037 --dpi 60 --threads 1"
                         " --format png -o " +
                         q(dir),
                     nullptr, &err),
      0)
      << err;
  EXPECT_TRUE(fs::exists(dir / "page_002.png"));
}

}  // namespace
}  // namespace nbhd
