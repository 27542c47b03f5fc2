#include "geo/tables/load_and_join.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "base/error.hpp"
#include "support/test_data.hpp"

using nbhd::test::message_of;

namespace nbhd {

namespace {
namespace fs = std::filesystem;

// The demo borough's first area code (the demo's indicator table starts with it).
std::string first_code(const fs::path& demo) {
  std::ifstream in(demo / "indicators.csv");
  std::string line;
  std::getline(in, line);
  std::getline(in, line);
  return line.substr(0, line.find(','));
}
}  // namespace

TEST(LoadAndJoin, ParseTableSpecSplitsTheKeyUnlessThePathExists) {
  auto dir = test::scratch_dir();
  EXPECT_EQ(parse_table_spec("imd.csv:lsoa21_code").path, "imd.csv");
  EXPECT_EQ(parse_table_spec("imd.csv:lsoa21_code").key, "lsoa21_code");
  EXPECT_EQ(parse_table_spec("imd.csv").key, "");
  std::ofstream(dir / "a:b.csv") << "x\n";
  EXPECT_EQ(parse_table_spec((dir / "a:b.csv").string()).path, (dir / "a:b.csv").string());
  EXPECT_EQ(parse_table_spec((dir / "a:b.csv").string()).key, "");
}

TEST(LoadAndJoin, JoinsEveryTableWithItsKeyAndOnlyTheNumericColumnsAsked) {
  auto demo = test::demo_dir();
  auto dir = test::scratch_dir();
  std::string code = first_code(demo);
  std::ofstream(dir / "extra.csv") << "area,ward_score,other\n" << code << ",4.5,1\n";
  LoadAndJoinOptions o;
  o.tables = {{(demo / "indicators.csv").string(), "lsoa21_code"}, {(dir / "extra.csv").string(), ""}};
  o.numeric_columns = std::vector<std::string>{"IMD_score", "ward_score"};
  std::vector<double> seen;
  o.progress = [&](double f, std::string_view) {
    seen.push_back(f);
    return true;
  };
  JoinedLayer j = load_and_join((demo / "lsoa.gpkg").string(), o);
  ASSERT_EQ(j.layer.size(), 300u);
  ASSERT_EQ(j.reports.size(), 2u);
  EXPECT_EQ(j.reports[0].key_field, "lsoa21_code");
  EXPECT_EQ(j.reports[0].matched, 300u);
  EXPECT_GT(j.reports[0].unread_columns, 0u);  // the table's other numeric columns were skipped
  EXPECT_TRUE(j.layer.attrs.find("IMD_score").has_value());
  EXPECT_FALSE(j.layer.attrs.find("CNI_score").has_value());
  EXPECT_EQ(j.reports[1].key_field, "area");
  EXPECT_EQ(j.reports[1].matched, 1u);
  EXPECT_EQ(j.layer.attrs.numeric("ward_score").num[0], 4.5);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back(), 1.0);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}

TEST(LoadAndJoin, DuplicateCodesStopTheLoadUnlessFirst) {
  auto demo = test::demo_dir();
  auto dir = test::scratch_dir();
  std::string code = first_code(demo);
  std::ofstream(dir / "dup.csv") << "code,v\n" << code << ",1\n" << code << ",9\n";
  LoadAndJoinOptions o;
  o.tables = {{(dir / "dup.csv").string(), ""}};
  // How to keep the first row is the caller's to say (issue 12, 5b): the file, the code and the rows here.
  std::string m = message_of([&] { load_and_join((demo / "lsoa.gpkg").string(), o); });
  EXPECT_EQ(m.substr(0, m.find(';')),
            (dir / "dup.csv").string() + ": code=" + code + " appears on data rows 1 and 2");
  o.on_duplicate = OnDuplicate::First;
  JoinedLayer j = load_and_join((demo / "lsoa.gpkg").string(), o);
  EXPECT_EQ(j.reports[0].duplicate_keys, std::vector<std::string>{code});
  EXPECT_EQ(j.layer.attrs.numeric("v").num[0], 1);
}

TEST(LoadAndJoin, TheBoundariesErrorComesFirstAndCancelStops) {
  auto demo = test::demo_dir();
  auto dir = test::scratch_dir();
  std::ofstream(dir / "ragged.csv") << "lsoa21_code,v\nE01900001,1\nE01900002\n";
  LoadAndJoinOptions o;
  o.tables = {{(dir / "ragged.csv").string(), ""}};
  EXPECT_EQ(message_of([&] { load_and_join((dir / "missing.gpkg").string(), o); }),
            "cannot find " + (dir / "missing.gpkg").string() + "; check the path");
  EXPECT_EQ(message_of([&] { load_and_join((demo / "lsoa.gpkg").string(), o); }),
            (dir / "ragged.csv").string() +
                " line 3: 1 field but the header has 2; check for unquoted commas or missing cells");
  // Asked to stop once the boundaries are in: no join happens.
  o.tables = {{(demo / "indicators.csv").string(), ""}};
  o.progress = [](double f, std::string_view stage) { return !(f >= 0.85 && stage == "joining indicators"); };
  EXPECT_THROW(load_and_join((demo / "lsoa.gpkg").string(), o), Cancelled);
}

}  // namespace nbhd
