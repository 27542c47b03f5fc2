// write_brief as a library function on the demo borough: sections whose inputs were not given are left out
// (read back with pdftotext), a cancel from the progress callback leaves nothing behind and an existing brief
// untouched, and the provenance hash is SHA-256 (a FIPS 180-2 test vector).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "base/error.hpp"
#include "geo/stats/lisa_run.hpp"
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

// The LISA line names the cluster run_lisa (nbhd lisa's engine) gives the area; the change line carries
// compare_periods' deciles and ranks (here a period against a shuffled copy of itself).
TEST(Brief, LisaAndChangeLinesComeFromTheirEngines) {
  AreaLayer L = demo();
  LisaRunOptions lo;
  lo.column = "IMD_score";
  LisaRun run = run_lisa(L, lo);
  size_t area = SIZE_MAX;
  for (size_t k = 0; k < run.rows.size() && area == SIZE_MAX; ++k)
    if (run.result.cluster[k] == 1) area = run.rows[k];  // High-High
  ASSERT_NE(area, SIZE_MAX);
  // A "previous" period: the next area's rank and decile.
  const Column rank = L.attrs.numeric("IMD_rank"),
               dec = L.attrs.numeric("IMD_decile");  // copies: add() moves
  Column prev_rank{"prev_rank", ColumnType::Integer, {}, {}},
      prev_dec{"prev_decile", ColumnType::Integer, {}, {}};
  for (size_t i = 0; i < L.size(); ++i) {
    prev_rank.num.push_back(rank.num[(i + 1) % L.size()]);
    prev_dec.num.push_back(dec.num[(i + 1) % L.size()]);
  }
  L.attrs.add(std::move(prev_rank));
  L.attrs.add(std::move(prev_dec));
  BriefOptions o;
  o.areas = {L.codes[area]};
  o.lisa_column = "IMD_score";
  o.change_rank_a = "prev_rank", o.change_decile_a = "prev_decile";
  o.change_rank_b = "IMD_rank", o.change_decile_b = "IMD_decile";
  o.change_label_a = "2019", o.change_label_b = "2025";
  auto dir = test::scratch_dir();
  write_brief(L, o, dir / "b.pdf");
  std::string text = std::regex_replace(pdftext(dir / "b.pdf"), std::regex(R"(\s+)"), " ");
  EXPECT_NE(text.find("IMD_score: High-High"), std::string::npos) << text;
  const size_t next = (area + 1) % L.size();
  auto n = [](double v) { return std::to_string(static_cast<long long>(v)); };
  EXPECT_NE(text.find("Decile " + n(dec.num[next]) + " (2019) to " + n(dec.num[area]) + " (2025); rank " +
                      n(rank.num[next]) + " to " + n(rank.num[area])),
            std::string::npos)
      << text;
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
