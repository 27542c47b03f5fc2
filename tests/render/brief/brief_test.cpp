// write_brief as a library function on the demo borough: sections whose inputs were not given are left out
// (read back with pdftotext), a cancel from the progress callback leaves nothing behind and an existing brief
// untouched, and the provenance hash is SHA-256 (a FIPS 180-2 test vector).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/error.hpp"
#include "geo/tables/load_and_join.hpp"
#include "geo/vector/file_hash.hpp"
#include "render/brief/brief.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;

const AreaLayer& demo() {
  static const AreaLayer layer = [] {
    LoadAndJoinOptions o;
    o.tables.push_back(parse_table_spec((test::demo_dir() / "indicators.csv").string()));
    return load_and_join((test::demo_dir() / "lsoa.gpkg").string(), o).layer;
  }();
  return layer;
}

std::string pdftext(const fs::path& pdf) {
  auto txt = pdf.string() + ".txt";
  EXPECT_EQ(std::system(("pdftotext '" + pdf.string() + "' '" + txt + "'").c_str()), 0);
  return test::read_file(txt);
}

TEST(Brief, SectionsWithoutTheirInputsAreLeftOut) {
  auto dir = test::scratch_dir();
  BriefOptions o;
  o.areas = {demo().codes[7]};
  o.columns = {{"IMD_score", std::nullopt}};
  o.inputs = {test::demo_dir() / "lsoa.gpkg"};
  BriefResult r = write_brief(demo(), o, dir / "b.pdf");
  EXPECT_EQ(r.pages, 1u);
  std::string text = pdftext(dir / "b.pdf");
  EXPECT_NE(text.find(demo().names[7]), std::string::npos);
  EXPECT_NE(text.find("Key figures"), std::string::npos);
  EXPECT_NE(text.find("Provenance"), std::string::npos);
  for (const char* absent : {"Dual disadvantage", "Change since", "Local clusters", "Assets within"})
    EXPECT_EQ(text.find(absent), std::string::npos) << absent;
  // With a flag pair, its section appears.
  o.flag_a = BriefColumn{"IMD_score", Worse::High};
  o.flag_b = BriefColumn{"CNI_score", Worse::High};
  o.overwrite = true;
  write_brief(demo(), o, dir / "b.pdf");
  EXPECT_NE(pdftext(dir / "b.pdf").find("Dual disadvantage"), std::string::npos);
}

TEST(Brief, CancelLeavesNothingAndKeepsAnExistingBrief) {
  auto dir = test::scratch_dir();
  std::ofstream(dir / "b.pdf") << "old";
  BriefOptions o;
  o.areas = {demo().codes[0], demo().codes[1]};
  o.columns = {{"IMD_score", std::nullopt}};
  o.png_dpi = 40;
  o.overwrite = true;
  // Stops before the second area's page: the first page's PNG temporary exists by then and must go too.
  int pages = 0;
  o.progress = [&](double, std::string_view stage) { return stage != "pages" || ++pages < 2; };
  EXPECT_THROW(write_brief(demo(), o, dir / "b.pdf"), Cancelled);
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(test::read_file(dir / "b.pdf"), "old");
  std::vector<std::string> listed;
  for (const auto& e : fs::directory_iterator(dir)) listed.push_back(e.path().filename().string());
  EXPECT_EQ(listed, std::vector<std::string>{"b.pdf"});
  // Without overwrite, an existing file is refused before any work.
  o.progress = {};
  o.overwrite = false;
  EXPECT_EQ(test::message_of([&] { write_brief(demo(), o, dir / "b.pdf"); }),
            "cannot write " + (dir / "b.pdf").string() + ": the file exists; allow overwriting it");
}

TEST(Brief, ProvenanceHashIsSha256) {
  auto dir = test::scratch_dir();
  std::ofstream(dir / "abc.txt") << "abc";
  EXPECT_EQ(file_sha256(dir / "abc.txt"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::ofstream(dir / "empty.txt").close();
  EXPECT_EQ(file_sha256(dir / "empty.txt"),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace nbhd
