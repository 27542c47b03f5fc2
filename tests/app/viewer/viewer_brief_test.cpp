// The Export panel's Brief button under Xvfb: with an area selected (from a project file), a click writes
// the brief PDF through render/brief's write_brief, off the UI thread; pdftotext reads the selected area's
// name and code back from it, and nothing else is left in the folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/demo_layer.hpp"
#include "support/image_check.hpp"
#include "support/test_data.hpp"
#include "support/viewer_run.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;
using test::quoted;
using test::read_json;

// A project file opening the demo on IMD score with `selection` selected.
fs::path demo_project(const fs::path& dir, const std::vector<std::string>& selection) {
  auto demo = test::demo_dir();
  nlohmann::json p;
  p["format"] = "nbhd-project/1";
  p["data"] = {{"boundaries", (demo / "lsoa.gpkg").string()},
               {"indicators", {(demo / "indicators.csv").string()}}};
  p["style"] = {{"column", "IMD_score"}};
  p["selection"] = selection;
  fs::path proj = dir / "p.nbhd.json";
  std::ofstream(proj) << p.dump();
  return proj;
}

TEST(ViewerBrief, TheButtonWritesABriefOfTheSelectedArea) {
  NBHD_REQUIRE_XVFB();
  const AreaLayer& L = test::demo_layer();
  const size_t area = 40;
  const std::string code = L.codes[area], name = L.names[area];
  auto dir = test::scratch_dir();
  fs::path out = dir / "out";
  fs::create_directories(out);
  fs::path proj = demo_project(dir, {code});
  std::string s = std::string(test::kWaitLoadedAndFit) + "frames 2\nclick-item export.header\n" +
                  "click-item export.file\nkey Ctrl+A\ntype " + (out / "map.png").string() +
                  "\nclick-item export.brief\nwait-export\nframes 1\ndump " + (dir / "done.json").string() +
                  "\n";
  std::string log;
  // Tall enough for the whole Export section below the open Selection panel.
  ASSERT_EQ(test::run_view_script(dir, quoted(proj), s, &log, 1280, 1200), 0) << log;
  EXPECT_EQ(log.find("no UI item"), std::string::npos) << log;

  const fs::path pdf = out / "map-brief.pdf";
  auto done = read_json(dir / "done.json");
  EXPECT_EQ(done["brief_msg"], "wrote " + pdf.string() + " (1 page)") << done["brief_msg"];
  std::string info = test::pdfinfo(pdf);
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(Pages:\s+1\n)"))) << info;
  ASSERT_EQ(std::system(("pdftotext " + quoted(pdf) + " " + quoted(dir / "brief.txt")).c_str()), 0);
  const std::string text = test::read_file(dir / "brief.txt");
  EXPECT_NE(text.find(name), std::string::npos) << text;
  EXPECT_NE(text.find(code), std::string::npos);
  // The brief only: no map export, no temporary.
  std::vector<std::string> listed;
  for (const auto& e : fs::directory_iterator(out)) listed.push_back(e.path().filename().string());
  EXPECT_EQ(listed, std::vector<std::string>{"map-brief.pdf"});
}

// Cancel, clicked on the frame after Brief, with 60 areas selected (a page each, seconds of work): the job
// stops at its next poll between stages or pages, says so, and writes nothing.
TEST(ViewerBrief, CancelStopsTheBriefAndWritesNothing) {
  NBHD_REQUIRE_XVFB();
  const AreaLayer& L = test::demo_layer();
  auto dir = test::scratch_dir();
  fs::path out = dir / "out";
  fs::create_directories(out);
  fs::path proj = demo_project(dir, std::vector<std::string>(L.codes.begin(), L.codes.begin() + 60));
  std::string s = std::string(test::kWaitLoadedAndFit) + "frames 2\nclick-item export.header\n" +
                  "click-item export.file\nkey Ctrl+A\ntype " + (out / "map.png").string() +
                  "\nclick-item export.brief\nclick-item export.brief.cancel\nwait-export\nframes 1\ndump " +
                  (dir / "done.json").string() + "\n";
  std::string log;
  // Tall enough for the Export section below the Selection panel's 60 lines (one per area when more than
  // three are selected).
  ASSERT_EQ(test::run_view_script(dir, quoted(proj), s, &log, 1280, 2000), 0) << log;
  EXPECT_EQ(log.find("no UI item"), std::string::npos) << log;
  EXPECT_EQ(read_json(dir / "done.json")["brief_msg"], "brief cancelled");
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(out)) left.push_back(e.path().filename().string());
  EXPECT_TRUE(left.empty()) << left.front();
}

}  // namespace
}  // namespace nbhd
