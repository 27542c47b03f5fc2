// The Export panel's Atlas section writes the atlas `nbhd atlas` writes: a page per ward of the demo
// borough, through the same function, on the viewer's map column and style (IMD score, 5 quantiles).
#include <gtest/gtest.h>

#include <regex>

#include "support/image_check.hpp"
#include "support/test_data.hpp"
#include "support/viewer_run.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;

using test::quoted;

std::string pdf_text(const fs::path& pdf) {
  auto txt = pdf.parent_path() / (pdf.stem().string() + ".txt");
  if (std::system(("pdftotext " + quoted(pdf) + " " + quoted(txt)).c_str()) != 0) return "";
  return test::read_file(txt);
}

TEST(ViewerAtlas, ButtonWritesTheAtlasNbhdAtlasWrites) {
  NBHD_REQUIRE_XVFB();
  auto demo = test::demo_dir();
  auto dir = test::scratch_dir();
  fs::path view = dir / "view" / "wards.pdf", cli = dir / "cli" / "wards.pdf";
  fs::create_directories(view.parent_path());
  fs::create_directories(cli.parent_path());
  std::string s = std::string(test::kWaitLoadedAndFit) +
                  "click-item export.header\n"
                  "click-item export.atlas.by\nkey Ctrl+A\ntype ward24_code\n"
                  "click-item export.atlas.file\nkey Ctrl+A\ntype " +
                  view.string() + "\nclick-item export.atlas.button\nwait-export\nframes 2\n";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args(), s, &log), 0) << log;
  EXPECT_EQ(log.find("no UI item"), std::string::npos) << log;
  ASSERT_TRUE(fs::exists(view)) << log;

  std::string err;
  ASSERT_EQ(test::run_nbhd("atlas " + quoted(demo / "lsoa.gpkg") + " --indicators " +
                               quoted(demo / "indicators.csv") + " --column IMD_score --by ward24_code -o " +
                               quoted(cli),
                           nullptr, &err),
            0)
      << err;
  std::smatch m;
  std::string info = test::pdfinfo(view);
  ASSERT_TRUE(std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))"))) << info;
  EXPECT_EQ(std::stoi(m[1]), 26);
  std::string text = pdf_text(view);
  EXPECT_NE(text.find("Abbey Mill (E05900001)"), std::string::npos);
  EXPECT_EQ(text, pdf_text(cli));
  // Written whole: the file and its text, no temporary beside it.
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(view.parent_path())) files += e.path().extension() == ".pdf";
  EXPECT_EQ(files, 1u);
}

// Cancel, clicked on the frame after Atlas while the first of 25 A3 pages at 300 dpi (17 Mpx each, a second of
// work) is being drawn: the job stops at its next poll, says so, and leaves no folder and no temporary.
TEST(ViewerAtlas, CancelStopsTheAtlasAndLeavesNothing) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  fs::path out = dir / "out", pages = out / "pages";
  fs::create_directories(out);
  std::string s =
      std::string(test::kWaitLoadedAndFit) +
      "click-item export.header\n"
      "click-item export.size\nclick-item export.size.A3\n"
      "click-item export.dpi\nkey Ctrl+A\ntype 300\nkey Enter\n"
      "click-item export.atlas.by\nkey Ctrl+A\ntype ward24_code\n"
      "click-item export.atlas.file\nkey Ctrl+A\ntype " +
      pages.string() +
      "\nclick-item export.atlas.button\nclick-item export.atlas.cancel\nwait-export\nframes 1\ndump " +
      (dir / "done.json").string() + "\n";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args(), s, &log, 1280, 1200), 0) << log;
  EXPECT_EQ(log.find("no UI item"), std::string::npos) << log;
  EXPECT_EQ(test::read_json(dir / "done.json")["atlas_msg"], "atlas cancelled; nothing was written");
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(out)) left.push_back(e.path().filename().string());
  EXPECT_TRUE(left.empty()) << left.front();
}

}  // namespace
}  // namespace nbhd
