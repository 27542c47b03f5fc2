#include "geo/tables/join.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "base/error.hpp"
#include "geo/tables/table_io.hpp"
#include "geo/vector/ingest.hpp"
#include "support/test_data.hpp"

using nbhd::test::message_of;

namespace nbhd {

namespace {

AreaLayer three_lsoas() {
  AreaLayer L;
  L.source = "areas.gpkg";
  L.key_field = "code";
  L.code_kind = "LSOA";
  L.codes = {"E01000001", "E01000002", "E01000003"};
  L.names = {"a", "b", "c"};
  L.geoms.resize(3);
  L.attrs.add(make_column("code", {"E01000001", "E01000002", "E01000003"}));
  return L;
}
}  // namespace

TEST(Join, MatchesTrimmedCodesAndReports) {
  AreaLayer L = three_lsoas();
  Table t = parse_csv("lsoa, score ,code\n E01000002 ,5,x\nE01000001,3.5,y\nE01999999,1,z\n", "ind.csv");
  JoinReport r = join_table(L, t);
  EXPECT_EQ(r.key_field, "lsoa");
  EXPECT_EQ(r.matched, 2u);
  EXPECT_EQ(r.areas_without_row, std::vector<std::string>{"E01000003"});
  EXPECT_EQ(r.rows_without_area, std::vector<std::string>{"E01999999"});
  EXPECT_TRUE(r.duplicate_keys.empty());
  EXPECT_EQ(r.added_columns, (std::vector<std::string>{" score ", "code_2"}));  // clash renamed
  const Column& s = L.attrs.column(" score ");
  EXPECT_DOUBLE_EQ(s.num[0], 3.5);
  EXPECT_DOUBLE_EQ(s.num[1], 5);
  EXPECT_TRUE(std::isnan(s.num[2]));
  EXPECT_EQ(L.attrs.column("code_2").text[1], "x");
  EXPECT_EQ(format_report(r),
            "join ind.csv by lsoa: 2 areas matched of 3; 3 rows\n"
            "  areas without a row: 1 (E01000003)\n"
            "  rows without an area: 1 (E01999999)\n"
            "  duplicate keys: 0\n"
            "  columns added: 2 (1 numeric)\n");
}

TEST(Join, DuplicateKeysAreAnErrorUnlessFirst) {
  AreaLayer L = three_lsoas();
  Table t = parse_csv("code,v\nE01000001,1\nE01000002,2\nE01000001,9\n", "dup.csv");
  EXPECT_EQ(
      message_of([&] { join_table(L, t); }),
      "dup.csv: code=E01000001 appears on data rows 1 and 3; remove the duplicates or keep the first row of "
      "each");
  JoinOptions o;
  o.on_duplicate = OnDuplicate::First;
  JoinReport r = join_table(L, t, o);
  EXPECT_EQ(r.duplicate_keys, std::vector<std::string>{"E01000001"});
  EXPECT_EQ(L.attrs.column("v").num[0], 1);
}

TEST(Join, UnknownKeyColumnSuggests) {
  AreaLayer L = three_lsoas();
  Table t = parse_csv("LSOA_code,v\nE01000001,1\n", "k.csv");
  JoinOptions o;
  o.key_field = "lsoa_code";
  EXPECT_EQ(message_of([&] { join_table(L, t, o); }), "unknown column 'lsoa_code' in k.csv; did you mean 'LSOA_code'?");
}

TEST(Join, CodesOfAnotherGeographyAreNamed) {
  AreaLayer L = three_lsoas();
  Table t = parse_csv("ward_code,v\nE05000001,1\nE05000002,2\n", "wards.csv");
  EXPECT_EQ(message_of([&] { join_table(L, t); }),
            "wards.csv: column 'ward_code' holds ward codes (E05) but the areas in areas.gpkg are LSOA (E01); join a "
            "table of LSOA values, or aggregate this one first");
  JoinOptions o;
  o.key_field = "ward_code";
  EXPECT_EQ(message_of([&] { join_table(L, t, o); }),
            "wards.csv: no row matches an area of areas.gpkg by ward_code; its codes are ward (E05) codes but the areas "
            "are LSOA (E01) codes; join a table of the same geography, or aggregate it first");
}

// Integration: the real England+Wales files (skipped where ../shared/data is absent).
TEST(JoinRealData, Lsoa21WithImd2025AndCni2023) {
  NBHD_REQUIRE_SHARED("england/lsoa21.gpkg");
  auto d = test::shared_data() / "england";
  AreaLayer L = load_areas((d / "lsoa21.gpkg").string());
  ASSERT_EQ(L.size(), 35672u);
  EXPECT_EQ(L.key_field, "lsoa21_code");
  EXPECT_EQ(L.name_field, "lsoa21_name");
  EXPECT_EQ(L.working_crs, "EPSG:27700");
  for (const char* file : {"imd2025_lsoa21.csv", "cni2023_lsoa21.csv"}) {
    JoinReport r = join_table(L, read_table((d / file).string()));
    EXPECT_EQ(r.key_field, "lsoa21_code") << file;
    EXPECT_EQ(r.matched, 33755u) << file;
    EXPECT_EQ(r.areas_without_row.size(), 1917u) << file;
    for (const auto& code : r.areas_without_row) ASSERT_EQ(code.substr(0, 3), "W01") << file;
    EXPECT_EQ(r.rows_without_area.size(), 0u) << file;
    EXPECT_TRUE(r.duplicate_keys.empty()) << file;
  }
  // Column names with spaces and '?' survive, and TRUE/FALSE become 1/0.
  const Column& lb = L.attrs.column("Left Behind Area?");
  EXPECT_EQ(lb.type, ColumnType::Boolean);
  EXPECT_EQ(L.attrs.column("IMD_decile").type, ColumnType::Integer);
}

TEST(JoinRealData, Wards17WithCni2019) {
  NBHD_REQUIRE_SHARED("england/wards17_approx.gpkg");
  auto d = test::shared_data() / "england";
  AreaLayer L = load_areas((d / "wards17_approx.gpkg").string());
  EXPECT_EQ(L.size(), 8270u);
  EXPECT_EQ(L.key_field, "ward17_code");
  JoinReport r = join_table(L, read_table((d / "cni2019_ward17.csv").string()));
  EXPECT_EQ(r.matched, 7421u);
  EXPECT_EQ(r.rows_without_area.size(), 12u);  // 2017 wards that no LSOA best-fits to
}

}  // namespace nbhd
