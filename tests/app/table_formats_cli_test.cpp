// Tables as people save them, through the commands (#19): every CSV nbhd writes is safe to open in a
// spreadsheet (a name that is a formula is written as text) and reads back unchanged, and the join report
// says how a table was read.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "geo/tables/table_io.hpp"
#include "support/test_data.hpp"

namespace fs = std::filesystem;

namespace nbhd {
namespace {

std::string q(const fs::path& p) {
  return "'" + p.string() + "'";
}

// The demo's indicators.csv with the first area's name replaced by `name` (written as a CSV cell).
fs::path indicators_with_name(const fs::path& dir, const std::string& cell) {
  std::ifstream in(test::demo_dir() / "indicators.csv");
  std::string header, first, rest, line;
  std::getline(in, header);
  std::getline(in, first);
  while (std::getline(in, line)) rest += line + "\n";
  const size_t a = first.find(','), b = first.find(',', a + 1);  // code,name,...: demo names hold no comma
  first = first.substr(0, a + 1) + cell + first.substr(b);
  const fs::path p = dir / "named.csv";
  std::ofstream(p, std::ios::binary) << header << "\n" << first << "\n" << rest;
  return p;
}

TEST(TableFormatsCli, FormulaNameWrittenByFlagOpensAsTextAndReadsBack) {
  auto dir = test::scratch_dir();
  const std::string formula = "=HYPERLINK(\"http://example.invalid/x\",\"click\")";
  const fs::path table =
      indicators_with_name(dir, "\"=HYPERLINK(\"\"http://example.invalid/x\"\",\"\"click\"\")\"");
  std::string out, err;
  ASSERT_EQ(test::run_nbhd("flag --table " + q(table) +
                               " --a IMD_score:worse=high --b CNI_rank:worse=low --worst 20% -o " +
                               q(dir / "flag.csv"),
                           &out, &err),
            0)
      << err;
  const std::string bytes = test::read_file(dir / "flag.csv");
  // The bytes: quoted, with a single quote before the '=' so a spreadsheet shows the cell as text.
  EXPECT_NE(bytes.find(",\"'=HYPERLINK(\"\"http://example.invalid/x\"\",\"\"click\"\")\","),
            std::string::npos)
      << bytes.substr(0, 300);
  EXPECT_EQ(bytes.find(",=HYPERLINK"), std::string::npos);
  EXPECT_EQ(bytes.find(",\"=HYPERLINK"), std::string::npos);
  // nbhd reads its own output back unchanged.
  Table t = read_table((dir / "flag.csv").string());
  const Column& names = t.column("name");
  EXPECT_EQ(std::count(names.text.begin(), names.text.end(), formula), 1);
}

TEST(TableFormatsCli, JoinReportSaysHowATableWasRead) {
  auto dir = test::scratch_dir();
  std::ifstream in(test::demo_dir() / "indicators.csv");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = "Demo indicators\n\n" + ss.str();
  for (auto& c : text)
    if (c == ',') c = '\t';  // demo names hold no comma: the same table, tab-separated, named .csv
  std::ofstream(dir / "tabbed.csv", std::ios::binary) << text;
  std::string out, err;
  ASSERT_EQ(test::run_nbhd("join " + q(test::demo_dir() / "lsoa.gpkg") + " --indicators " +
                               q(dir / "tabbed.csv") + " -o " + q(dir / "out.gpkg"),
                           &out, &err),
            0)
      << err;
  EXPECT_NE(err.find(": 300 areas matched of 300;"), std::string::npos) << err;
  EXPECT_NE(err.find("\n  read: tab-separated, header on line 3\n"), std::string::npos) << err;
}

}  // namespace
}  // namespace nbhd
