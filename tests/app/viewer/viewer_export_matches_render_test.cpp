// One map pipeline (render/document/build_map_document): `nbhd render` and the viewer's Export, given the
// same data, style, extent, outline layer and page, write the same file byte for byte (a PDF but for its
// /CreationDate, an SVG but for cairo's serial number of its page group). Also: `nbhd view --on-duplicate
// first` joins a table with repeated codes, as the CLI does.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/test_data.hpp"
#include "support/viewer_run.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;

using test::bbox_arg;
using test::quoted;
using test::read_json;

std::string without_creation_date(const std::string& pdf) {
  return std::regex_replace(pdf, std::regex("/CreationDate \\([^)]*\\)"), "/CreationDate ()");
}

// Cairo names the SVG's page group after its surface's serial number, counted over the whole process: the
// CLI draws one map in a fresh process ("surface2"), the viewer has made many surfaces by then. The id is
// referenced nowhere in the file.
std::string without_surface_serial(const std::string& svg) {
  return std::regex_replace(svg, std::regex("<g id=\"surface[0-9]+\""), "<g id=\"surface\"");
}

TEST(ViewerExportMatchesRender, SameFilesFromTheCliAndTheViewer) {
  NBHD_REQUIRE_XVFB();
  auto demo = test::demo_dir();
  auto dir = test::scratch_dir();
  fs::path view = dir / "view", cli = dir / "cli";
  fs::create_directories(view);
  fs::create_directories(cli);
  // Zoomed in two steps, so the extent is part of the borough and areas are cut by the frame; the wards
  // are drawn over the areas and named in the legend.
  std::string s = std::string(test::kWaitLoadedAndFit) + "wheel 640 390 2\nframes 2\n";
  for (const char* f : {"map.png", "map.svg"})
    s += "export " + (view / f).string() + " 1200 900\nwait-export\ndump " + (dir / f).string() + ".json\n";
  s += "export " + (view / "map.pdf").string() + " A4 100 landscape\nwait-export\ndump " +
       (dir / "map.pdf.json").string() + "\n";
  std::string args = test::demo_view_args() + " --outline-layer " + quoted(demo / "wards.gpkg");
  std::string log;
  ASSERT_EQ(test::run_view_script(dir, args, s, &log), 0) << log;

  for (const char* f : {"map.png", "map.svg", "map.pdf"}) {
    SCOPED_TRACE(f);
    auto j = read_json(dir / (std::string(f) + ".json"));
    ASSERT_TRUE(j["export"]["ok"].get<bool>()) << j["export_msg"] << "\n" << log;
    std::string page =
        std::string(f) == "map.pdf" ? " --paper A4 --dpi 100 --landscape" : " --width 1200 --height 900";
    std::string err;
    ASSERT_EQ(test::run_nbhd("render " + quoted(demo / "lsoa.gpkg") + " --indicators " +
                                 quoted(demo / "indicators.csv") + " --column IMD_score --outline-layer " +
                                 quoted(demo / "wards.gpkg") + " --bbox " + bbox_arg(j["export"]["extent"]) +
                                 page + " -o " + quoted(cli / f),
                             nullptr, &err),
              0)
        << err;
    std::string a = test::read_file(cli / f), b = test::read_file(view / f);
    ASSERT_GT(a.size(), 1000u);
    if (std::string(f) == "map.pdf") {
      ASSERT_NE(a.find("/CreationDate"), std::string::npos);  // what is masked is there to mask
      a = without_creation_date(a), b = without_creation_date(b);
    }
    if (std::string(f) == "map.svg") {
      ASSERT_NE(a.find("<g id=\"surface"), std::string::npos);
      a = without_surface_serial(a), b = without_surface_serial(b);
    }
    EXPECT_TRUE(a == b) << cli / f << " and " << view / f << " differ (" << a.size() << " and " << b.size()
                        << " bytes)";
  }
}

TEST(ViewerExportMatchesRender, ViewHonoursOnDuplicateFirst) {
  NBHD_REQUIRE_XVFB();
  auto demo = test::demo_dir();
  auto dir = test::scratch_dir();
  // A table that gives the first area two rows: the CLI stops on it unless --on-duplicate first.
  std::ifstream in(demo / "indicators.csv");
  std::string header, first;
  std::getline(in, header);
  std::getline(in, first);
  std::string code = first.substr(0, first.find(','));
  std::ofstream(dir / "dup.csv") << "code,extra\n" << code << ",7\n" << code << ",9\n";
  std::string args = test::demo_view_args() + " --indicators " + quoted(dir / "dup.csv");
  std::string script = std::string(test::kWaitLoadedAndFit) + "dump " + (dir / "state.json").string() + "\n";

  std::string log;
  ASSERT_EQ(test::run_view_script(dir, args + " --on-duplicate first", script, &log), 0) << log;
  auto j = read_json(dir / "state.json");
  EXPECT_EQ(j["load_error"], "") << log;
  EXPECT_TRUE(j["loaded"].get<bool>());
  EXPECT_EQ(j["areas"], 300);

  // Without the option the viewer refuses the table, naming the file, the code and its rows (the CLI adds
  // its own flag to the same message).
  ASSERT_EQ(test::run_view_script(dir, args, script, &log), 0) << log;
  auto e = read_json(dir / "state.json");
  EXPECT_FALSE(e["loaded"].get<bool>());
  std::string m = e["load_error"];
  EXPECT_EQ(m.substr(0, m.find(';')),
            (dir / "dup.csv").string() + ": code=" + code + " appears on data rows 1 and 2");
}

}  // namespace
}  // namespace nbhd
