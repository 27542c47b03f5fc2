#include <gtest/gtest.h>

#include <charconv>
#include <clocale>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "base/error.hpp"
#include "geo/model/table.hpp"
#include "geo/tables/join.hpp"
#include "geo/tables/table_io.hpp"
#include "support/test_data.hpp"

using nbhd::test::message_of;

namespace nbhd {

TEST(MakeColumn, InfersTypes) {
  EXPECT_EQ(make_column("a", {"1", "2", ""}).type, ColumnType::Integer);
  EXPECT_EQ(make_column("a", {"1.5", "2"}).type, ColumnType::Real);
  EXPECT_EQ(make_column("a", {"TRUE", "false", ""}).type, ColumnType::Boolean);
  EXPECT_EQ(make_column("a", {"1", "x"}).type, ColumnType::Text);
  EXPECT_EQ(make_column("a", {"", " "}).type, ColumnType::Real);
  EXPECT_EQ(make_column("a", {"1e3", "-2.5E-2", "+4"}).type, ColumnType::Real);
  EXPECT_EQ(make_column("a", {"E01000001"}).type, ColumnType::Text);
  EXPECT_EQ(make_column("a", {"nan"}).type, ColumnType::Text);  // not a measurement
  EXPECT_EQ(make_column("a", {"1,5"}).type, ColumnType::Text);  // decimal comma is not a number here
}

TEST(Csv, BomCrlfQuotesAndBlanks) {
  Table t = parse_csv(
      "\xEF\xBB\xBF"
      "code,name,score,flag\r\n"
      "E01000001,\"Smith, \"\"Jones\"\" & Co\",1.5,TRUE\r\n"
      "E01000002,,,false\r\n"
      "E01000003,\"two\nlines\",3,\r\n",
      "t.csv");
  ASSERT_EQ(t.rows(), 3u);
  ASSERT_EQ(t.columns(), 4u);
  EXPECT_EQ(t.col(0).name, "code");  // BOM stripped
  EXPECT_EQ(t.column("name").text[0], "Smith, \"Jones\" & Co");
  EXPECT_EQ(t.column("name").text[1], "");
  EXPECT_EQ(t.column("name").text[2], "two\nlines");
  const Column& score = t.column("score");
  EXPECT_EQ(score.type, ColumnType::Real);
  EXPECT_DOUBLE_EQ(score.num[0], 1.5);
  EXPECT_TRUE(std::isnan(score.num[1]));
  EXPECT_DOUBLE_EQ(score.num[2], 3);
  const Column& flag = t.column("flag");
  EXPECT_EQ(flag.type, ColumnType::Boolean);
  EXPECT_EQ(flag.num[0], 1);
  EXPECT_EQ(flag.num[1], 0);
  EXPECT_TRUE(std::isnan(flag.num[2]));
}

TEST(Csv, ColumnNamesWithSpacesAndQuestionMarksKeptExactly) {
  Table t = parse_csv("lsoa21_code,Left Behind Area?, Civic Assets score \nE01000001,TRUE,3\n", "cni.csv");
  EXPECT_TRUE(t.find("Left Behind Area?"));
  EXPECT_TRUE(t.find(" Civic Assets score "));
  EXPECT_EQ(message_of([&] { t.column("left behind area?"); }),
            "unknown column 'left behind area?' in cni.csv; did you mean 'Left Behind Area?'?");
}

TEST(Csv, NumbersParseIndependentlyOfLocale) {
  const char* old = std::setlocale(LC_NUMERIC, nullptr);
  std::string saved = old ? old : "C";
  // A decimal-comma locale, when the machine has one; from_chars must ignore it either way.
  std::setlocale(LC_NUMERIC, "de_DE.UTF-8");
  Table t = parse_csv("v\n0.25\n1234.5\n", "l.csv");
  std::setlocale(LC_NUMERIC, saved.c_str());
  EXPECT_DOUBLE_EQ(t.column("v").num[0], 0.25);
  EXPECT_DOUBLE_EQ(t.column("v").num[1], 1234.5);
}

TEST(Csv, LastLineWithoutNewlineAndBlankLinesSkipped) {
  Table t = parse_csv("a,b\n1,2\n\n3,4", "x.csv");
  ASSERT_EQ(t.rows(), 2u);
  EXPECT_EQ(t.column("b").num[1], 4);
}

TEST(Csv, RaggedRowIsAnErrorWithItsLine) {
  EXPECT_EQ(message_of([] { parse_csv("a,b\n1,2\n3,4,5\n", "r.csv"); }),
            "r.csv line 3: 3 fields but the header has 2; check for unquoted commas or missing cells");
}

TEST(Csv, UnterminatedQuoteIsAnError) {
  EXPECT_EQ(message_of([] { parse_csv("a,b\n1,\"open\n2,3\n", "q.csv"); }),
            "q.csv line 2: a quoted field is never closed; add the missing closing quote (\")");
}

TEST(Csv, InvalidUtf8IsAnError) {
  EXPECT_EQ(message_of([] { parse_csv("a,b\n1,caf\xE9\n", "u.csv"); }),
            "u.csv line 2: text is not valid UTF-8 (it looks like cp1252); re-save the file as UTF-8 (CSV UTF-8 in "
            "Excel) or give its encoding");
  // Long ASCII runs are skipped in words: the line is still exact, at any offset of the bad byte, and valid
  // multi-byte text (pound sign, E acute, euro sign) anywhere is accepted.
  std::string ok = "name,v\n";
  for (int i = 0; i < 40; ++i)
    ok += "Saint-\xC3\x89tienne \xC2\xA3 \xE2\x82\xAC row " + std::to_string(i) + ",1\n";
  EXPECT_EQ(parse_csv(ok, "ok.csv").rows(), 40u);
  for (int pad = 0; pad < 9; ++pad) {
    std::string bad = ok + std::string(size_t(pad), 'x') + "caf\xE9,2\n";
    EXPECT_EQ(message_of([&] { parse_csv(bad, "u.csv"); }),
              "u.csv line 42: text is not valid UTF-8 (it looks like cp1252); re-save the file as UTF-8 (CSV UTF-8 "
              "in Excel) or give its encoding")
        << "pad " << pad;
  }
}

TEST(Csv, EmptyAndDuplicateHeaders) {
  EXPECT_EQ(message_of([] { parse_csv("", "e.csv"); }),
            "e.csv is empty; an indicator table needs a header row and data rows");
  EXPECT_EQ(message_of([] { parse_csv("a,a\n1,2\n", "d.csv"); }),
            "d.csv line 1: column name 'a' appears twice; rename one of them");
  EXPECT_EQ(message_of([] { parse_csv("a,,c\n1,2,3\n", "n.csv"); }),
            "n.csv line 1: column 2 has no name; give every column a header");
}

TEST(Csv, HugeFieldIsRead) {
  std::string big(1 << 20, 'x');
  Table t = parse_csv("a,b\n1," + big + "\n", "big.csv");
  EXPECT_EQ(t.column("b").text[0].size(), big.size());
}

TEST(ReadTable, FileErrors) {
  auto dir = test::scratch_dir();
  EXPECT_EQ(message_of([&] { read_table((dir / "missing.csv").string()); }),
            "cannot find " + (dir / "missing.csv").string() + "; check the path");
  EXPECT_EQ(message_of([&] { read_table(dir.string()); }),
            dir.string() + " is a folder, not a table; give a .csv or .xlsx file");
  std::ofstream(dir / "header.csv") << "a,b\n";
  EXPECT_EQ(message_of([&] { read_table((dir / "header.csv").string()); }),
            (dir / "header.csv").string() + " has a header but no data rows; export the table with its rows");
}

TEST(Table, NonNumericColumnMessage) {
  Table t = parse_csv("code,v\nE01000001,x\n", "t.csv");
  EXPECT_EQ(message_of([&] { t.numeric("v"); }),
            "column 'v' in t.csv is not numeric (it holds text such as 'x'); choose a numeric column");
}

}  // namespace nbhd

namespace nbhd {
// XLSX written by an independent tool (ogr2ogr), read back with exact names and types.
TEST(ReadTable, Xlsx) {
  auto dir = test::scratch_dir();
  std::ofstream(dir / "ind.csv")
      << "lsoa21_code,Left Behind Area?,score\nE01000001,TRUE,1.5\nE01000002,FALSE,\n";
  auto path = dir / "ind.xlsx";
  // (relative paths: GDAL 3.6's XLSX writer fails on absolute paths through folders with dots in their names)
  std::string cmd = "cd '" + dir.string() + "' && ogr2ogr -f XLSX ind.xlsx ind.csv";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  Table t = read_table(path.string());
  ASSERT_EQ(t.rows(), 2u) << "columns: " << t.col(0).name;
  EXPECT_EQ(t.column("Left Behind Area?").type, ColumnType::Boolean);
  EXPECT_EQ(t.column("score").type, ColumnType::Real);
  EXPECT_DOUBLE_EQ(t.column("score").num[0], 1.5);
  EXPECT_TRUE(std::isnan(t.column("score").num[1]));
  EXPECT_EQ(t.column("lsoa21_code").text[1], "E01000002");
}
}  // namespace nbhd

namespace nbhd {
// parse_number's fast path (<= 15 digits, no exponent) must give the very double from_chars gives.
TEST(ParseNumber, FastPathBitIdenticalToFromChars) {
  std::mt19937_64 rng(2026);
  auto reference = [](const std::string& s) {
    double v = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    EXPECT_TRUE(r.ec == std::errc() && r.ptr == s.data() + s.size()) << s;
    return v;
  };
  for (int n = 0; n < 200000; ++n) {
    int digits = 1 + int(rng() % 15), frac = int(rng() % (digits + 1));
    std::string d;
    for (int i = 0; i < digits; ++i) d += char('0' + rng() % 10);
    std::string s = (rng() % 2 ? "-" : "") + d.substr(0, size_t(digits - frac));
    if (s.empty() || s == "-") s += "0";
    if (frac > 0) s += "." + d.substr(size_t(digits - frac));
    auto got = parse_number(s);
    ASSERT_TRUE(got) << s;
    double want = reference(s);
    ASSERT_EQ(std::memcmp(&*got, &want, sizeof want), 0) << s << " gave " << *got << " not " << want;
  }
  // Other shapes still go to from_chars: exponents, 16+ digits, a bare dot side, a leading '+'.
  for (const char* s :
       {"1e3", "-2.5E-4", "12345678901234567", "0.1234567890123456789", ".5", "+7", "-0", "-0.0"}) {
    auto got = parse_number(s);
    ASSERT_TRUE(got) << s;
    std::string t = s[0] == '+' ? std::string(s + 1) : std::string(s);
    double want = reference(t);
    EXPECT_EQ(std::memcmp(&*got, &want, sizeof want), 0) << s;
  }
  for (const char* s : {"-", ".", "1.2.3", "1,5", "0x10", "nan", "inf", "12a"})
    EXPECT_FALSE(parse_number(s)) << s;
}
}  // namespace nbhd

namespace nbhd {
// A map needs one column of a wide table: the other numeric columns are skipped, text columns kept, and a
// typo still gets the message (and the column list, in the file's order) it gets with everything read.
TEST(Csv, ReadsOnlyTheNumericColumnsAsked) {
  const std::string text =
      "code,name,score,rank,blank,note\n"
      "E01000001,Alpha,1.5,3,,x\n"
      "E01000002,Beta,,1,,7\n"
      "E01000003,Gamma,2.5,2,,y\n";
  const std::vector<std::string> want{"rank"};
  Table all = parse_csv(text, "w.csv"), some = parse_csv(text, "w.csv", &want);
  ASSERT_EQ(some.columns(), 4u);  // code, name, rank, and note (text: its first value is not a number)
  EXPECT_EQ(some.col(0).name, "code");
  EXPECT_EQ(some.col(1).name, "name");
  EXPECT_EQ(some.col(2).name, "rank");
  EXPECT_EQ(some.col(3).name, "note");
  EXPECT_EQ(some.col(3).type, ColumnType::Text);
  EXPECT_EQ(some.unread(), (std::vector<std::string>{"score", "blank"}));
  EXPECT_EQ(some.rows(), 3u);
  EXPECT_EQ(some.column("rank").num, all.column("rank").num);
  EXPECT_EQ(some.column("name").text, all.column("name").text);
  for (const char* typo : {"Score", "ranks"})
    EXPECT_EQ(message_of([&] { some.column(typo); }), message_of([&] { all.column(typo); })) << typo;
  EXPECT_EQ(message_of([&] { some.column("ranks"); }),
            "unknown column 'ranks' in w.csv; columns are: code, name, score, rank, blank, note");
}

// Joined, the skipped columns keep their place in messages and the report says how many were not read.
TEST(Join, SkippedColumnsAreReportedAndNamedInMessages) {
  AreaLayer L;
  L.source = "areas.gpkg";
  L.key_field = "code";
  L.codes = {"E01000001", "E01000002", "E01000003"};
  L.names = {"", "", ""};
  L.geoms.resize(3);
  const std::string text = "code,score,rank,note\nE01000001,1.5,3,x\nE01000002,,1,7\nE01000003,2.5,2,y\n";
  const std::vector<std::string> want{"rank"};
  AreaLayer La = L;
  JoinReport ra = join_table(La, parse_csv(text, "t.csv"));
  JoinReport rs = join_table(L, parse_csv(text, "t.csv", &want));
  EXPECT_EQ(rs.matched, 3u);
  EXPECT_EQ(rs.unread_columns, 1u);
  EXPECT_EQ(L.attrs.column("rank").num, La.attrs.column("rank").num);
  EXPECT_EQ(message_of([&] { L.attrs.column("Score"); }), message_of([&] { La.attrs.column("Score"); }));
  EXPECT_EQ(message_of([&] { L.attrs.column("x"); }), message_of([&] { La.attrs.column("x"); }));
  EXPECT_NE(format_report(rs).find("columns added: 2 (1 numeric); 1 more not read (not needed here)\n"),
            std::string::npos)
      << format_report(rs);
  EXPECT_EQ(format_report(ra).find("not read"), std::string::npos);
}
}  // namespace nbhd
