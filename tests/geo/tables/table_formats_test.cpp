// Tables as people publish and save them (#19): the demo borough's indicators.csv saved the ways Excel,
// LibreOffice and official publishers save tables (semicolons, tabs, title and notes lines, UTF-16, cp1252,
// published number forms, suppression markers, a workbook with a Notes sheet first) must join exactly as
// the clean file does, and say how they were read. Every file is built here from the clean one.
#include <gtest/gtest.h>
#include <iconv.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "base/error.hpp"
#include "geo/tables/csv_write.hpp"
#include "geo/tables/join.hpp"
#include "geo/tables/load_and_join.hpp"
#include "geo/tables/table_io.hpp"
#include "geo/vector/ingest.hpp"
#include "support/test_data.hpp"

namespace fs = std::filesystem;
using nbhd::test::message_of;
using nbhd::test::need_of;

namespace nbhd {
namespace {

const AreaLayer& demo_areas() {
  static const AreaLayer areas = load_areas((test::demo_dir() / "lsoa.gpkg").string());
  return areas;
}

const Table& clean() {
  static const Table t = read_table((test::demo_dir() / "indicators.csv").string());
  return t;
}

// The clean table's cells as text, header first; `decimal` replaces the decimal point of real numbers.
std::vector<std::vector<std::string>> cells(char decimal = '.') {
  const Table& t = clean();
  std::vector<std::vector<std::string>> rows(t.rows() + 1);
  for (const auto& c : t.cols()) rows[0].push_back(c.name);
  for (size_t r = 0; r < t.rows(); ++r)
    for (const auto& c : t.cols()) {
      std::string v = c.type == ColumnType::Boolean ? (c.num[r] != 0 ? "TRUE" : "FALSE") : c.cell(r);
      if (c.type == ColumnType::Real)
        for (auto& ch : v)
          if (ch == '.') ch = decimal;
      rows[r + 1].push_back(v);
    }
  return rows;
}

// Rows joined by `delim`, a cell quoted when it holds the delimiter or a quote.
std::string delimited(const std::vector<std::vector<std::string>>& rows, char delim, const char* eol = "\n") {
  std::string out;
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c) out += delim;
      const std::string& v = row[c];
      if (v.find(delim) != std::string::npos || v.find('"') != std::string::npos) {
        out += '"';
        for (char ch : v) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        out += '"';
      } else {
        out += v;
      }
    }
    out += eol;
  }
  return out;
}

std::string encode(const std::string& utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size(), out_left = out.size();
  char* o = out.data();
  EXPECT_NE(iconv(cd, &in, &in_left, &o, &out_left), size_t(-1));
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

fs::path write(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

// The join of a table file to the demo areas.
JoinReport joined(const fs::path& p, const TableReadOptions& o = TableReadOptions{},
                  AreaLayer* out = nullptr) {
  AreaLayer L = demo_areas();
  JoinReport r = join_table(L, read_table(p.string(), o));
  if (out) *out = std::move(L);
  return r;
}

size_t clean_matched() {
  static const size_t m = joined(test::demo_dir() / "indicators.csv").matched;
  return m;
}

TEST(TableFormats, DelimitersFromTheContent) {
  auto dir = test::scratch_dir();
  ASSERT_EQ(clean_matched(), demo_areas().size());
  AreaLayer L;
  // Semicolons with decimal commas, as Excel saves "CSV" where the comma is the decimal mark.
  JoinReport semi = joined(write(dir / "semicolon.csv", delimited(cells(','), ';', "\r\n")), {}, &L);
  EXPECT_EQ(semi.matched, clean_matched());
  EXPECT_EQ(semi.how_read, "semicolon-separated");
  EXPECT_EQ(L.attrs.column("IMD_score").type, ColumnType::Real);
  EXPECT_EQ(L.attrs.column("IMD_score").num, clean().column("IMD_score").num);
  JoinReport tab = joined(write(dir / "tab.csv", delimited(cells(), '\t')));
  EXPECT_EQ(tab.matched, clean_matched());
  EXPECT_EQ(tab.how_read, "tab-separated");
  EXPECT_EQ(joined(write(dir / "pipe.txt", delimited(cells(), '|'))).how_read, "pipe-separated");
  // A .tsv is tab-separated by its name: nothing to report.
  EXPECT_EQ(joined(write(dir / "t.tsv", delimited(cells(), '\t'))).how_read, "");
  EXPECT_EQ(joined(test::demo_dir() / "indicators.csv").how_read, "");
}

TEST(TableFormats, TitleLinesAboveAndNotesBelow) {
  auto dir = test::scratch_dir();
  std::string body = delimited(cells(), ',');
  auto titled =
      write(dir / "titled.csv", "Indices of Deprivation: demo borough,,,\nPublished 2026\n\n" + body +
                                    "\nSource: nbhd demo generator,,\nNote: values are synthetic\n");
  JoinReport r = joined(titled);
  EXPECT_EQ(r.matched, clean_matched());
  EXPECT_EQ(r.rows, clean().rows());
  EXPECT_EQ(r.how_read, "header on line 4, 2 lines of notes below the data skipped");
  // The header named by line: the same table.
  TableReadOptions o;
  o.header_row = 4;
  EXPECT_EQ(joined(titled, o).matched, clean_matched());
  o.header_row = 90000;
  EXPECT_EQ(message_of([&] { read_table(titled.string(), o); }),
            titled.string() + " has " + std::to_string(clean().rows() + 7) +
                " lines, so no header on line 90000; give the line that holds the column names");
  EXPECT_EQ(need_of([&] { read_table(titled.string(), o); }), Need::HeaderRow);
  // A note among the data is data, and a ragged row is still an error.
  EXPECT_EQ(message_of([] { parse_csv("code,v\nE01000001,1\nE01000002\nE01000003,2\n", "r.csv"); }),
            "r.csv line 3: 1 field but the header has 2; check for unquoted commas or missing cells");
  EXPECT_EQ(message_of([] { parse_csv("code;v\nE01000001;1\nE01000002\nE01000003;2\n", "r.csv"); }),
            "r.csv line 3: 1 field but the header has 2; check for unquoted semicolons or missing cells");
  // Columns a spreadsheet padded on the right are dropped; a value under no header is refused.
  Table padded = parse_csv("Title,,\ncode,v,\nE01000001,1,\n", "p.csv");
  EXPECT_EQ(padded.columns(), 2u);
  EXPECT_EQ(message_of([] { parse_csv("code,v,\nE01000001,1,7\n", "p.csv"); }),
            "p.csv line 2: a value in column 3, which has no name; give every column a header");
}

TEST(TableFormats, Encodings) {
  auto dir = test::scratch_dir();
  std::string body = delimited(cells(), ',');
  // UTF-16 with its BOM ("Unicode Text"), little-endian as Windows writes it.
  auto u16 = write(dir / "utf16.csv", "\xFF\xFE" + encode(body, "UTF-16LE"));
  JoinReport r = joined(u16);
  EXPECT_EQ(r.matched, clean_matched());
  EXPECT_EQ(r.how_read, "read as UTF-16");
  // UTF-8 with a BOM: read as it is.
  EXPECT_EQ(joined(write(dir / "bom.csv", "\xEF\xBB\xBF" + body)).how_read, "");
  // Windows-1252 ("CSV" in Excel on Windows): refused, naming the likely encoding, and read when named.
  auto rows = cells();
  rows[1][1] = "Caf\xC3\xA9 Quarter";  // é
  auto cp = write(dir / "cp1252.csv", encode(delimited(rows, ','), "CP1252"));
  EXPECT_EQ(
      message_of([&] { read_table(cp.string()); }),
      cp.string() +
          " line 2: text is not valid UTF-8 (it looks like cp1252); re-save the file as UTF-8 (CSV UTF-8 in "
          "Excel) or give its encoding");
  EXPECT_EQ(need_of([&] { read_table(cp.string()); }), Need::Encoding);
  TableReadOptions o;
  o.encoding = "cp1252";
  AreaLayer L;
  JoinReport rc = joined(cp, o, &L);
  EXPECT_EQ(rc.matched, clean_matched());
  EXPECT_EQ(rc.how_read, "read as cp1252");
  EXPECT_EQ(read_table(cp.string(), o).column(clean().col(1).name).text[0], "Caf\xC3\xA9 Quarter");
  // UTF-16 saved without its BOM is named too.
  auto nobom = write(dir / "nobom.csv", encode(body, "UTF-16LE"));
  EXPECT_EQ(
      message_of([&] { read_table(nobom.string()); }),
      nobom.string() +
          " line 1: text is not valid UTF-8 (it looks like utf-16); re-save the file as UTF-8 (CSV UTF-8 in "
          "Excel) or give its encoding");
  o.encoding = "utf-16";
  EXPECT_EQ(joined(nobom, o).matched, clean_matched());
  // A NUL byte in a UTF-8 file is an error naming its line, not a text cell.
  EXPECT_EQ(
      message_of([] { parse_csv(std::string_view("code,v\nE01000001,1\nE01000002,2\0x\n", 33), "n.csv"); }),
      "n.csv line 3: the text holds a NUL byte, which no table cell can; remove it or re-save the file as "
      "UTF-8");
  o.encoding = "ebcdic";
  EXPECT_EQ(message_of([&] { read_table(cp.string(), o); }),
            "unknown encoding 'ebcdic' for " + cp.string() + "; give utf-8, utf-16, cp1252 or latin1");
}

TEST(TableFormats, NumbersAsPublished) {
  auto dir = test::scratch_dir();
  auto rows = cells();
  const size_t imd = size_t(*clean().find("IMD_score")), hh = size_t(*clean().find(clean().col(12).name));
  const char* markers[] = {"..", "x", "c", ":", "*", "-", "[x]"};
  for (size_t i = 0; i < 7; ++i) rows[1 + i][imd] = markers[i];
  // Thousands separators on a count, quoted as they must be in a comma-separated file.
  for (size_t r = 1; r < rows.size(); ++r) {
    double v = std::stod(rows[r][hh]) * 1000 + 234;
    std::string s = std::to_string(static_cast<long long>(v));
    for (int k = int(s.size()) - 3; k > 0; k -= 3) s.insert(size_t(k), ",");
    rows[r][hh] = s;
  }
  rows[0].push_back("share");
  for (size_t r = 1; r < rows.size(); ++r) rows[r].push_back(std::to_string(r % 50) + ".5%");
  std::string text;
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) text += (c ? "," : "") + csv_field(row[c]);
    text += "\n";
  }
  AreaLayer L;
  JoinReport r = joined(write(dir / "published.csv", text), {}, &L);
  EXPECT_EQ(r.matched, clean_matched());
  ASSERT_EQ(r.suppressed.size(), 1u);
  EXPECT_EQ(r.suppressed[0], (std::pair<std::string, size_t>{"IMD_score", 7}));
  const Column& score = L.attrs.column("IMD_score");
  EXPECT_EQ(score.type, ColumnType::Real);
  size_t missing = 0;
  for (double v : score.num) missing += std::isnan(v);
  EXPECT_EQ(missing, 7u);
  const Column& count = L.attrs.column(clean().col(hh).name);
  ASSERT_TRUE(count.numeric());
  Table back = read_table((dir / "published.csv").string());
  EXPECT_DOUBLE_EQ(back.column(clean().col(hh).name).num[0], clean().col(hh).num[0] * 1000 + 234);
  EXPECT_DOUBLE_EQ(back.column("share").num[2], 3.5);
  EXPECT_NE(format_report(r).find("  suppressed values (\"..\", \"x\", ...) read as missing: IMD_score 7\n"),
            std::string::npos);
  // Markers alone do not make numbers: a column of "x" marks stays text.
  EXPECT_EQ(parse_csv("code,mark\nE01000001,x\nE01000002,\n", "m.csv").column("mark").text[0], "x");
}

TEST(TableFormats, WorkbookWithNotesSheetFirst) {
  auto dir = test::scratch_dir();
  write(dir / "notes.csv", "About these figures, in brief\nSource: nbhd demo generator, 2026\n");
  write(dir / "data.csv", delimited(cells(), ','));
  for (const char* ext : {"xlsx", "ods"}) {
    const std::string book = std::string("book.") + ext, fmt = ext == std::string("xlsx") ? "XLSX" : "ODS";
    // (relative paths: GDAL 3.6's XLSX writer fails on absolute paths through folders with dots in names)
    std::string cmd = "cd '" + dir.string() + "' && ogr2ogr -f " + fmt + " " + book +
                      " notes.csv -nln Notes -oo HEADERS=NO && ogr2ogr -update " + book +
                      " data.csv -nln Data";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    const fs::path path = dir / book;
    JoinReport r = joined(path);
    EXPECT_EQ(r.matched, clean_matched()) << ext;
    EXPECT_EQ(r.how_read, "sheet 'Data', the first with a column of area codes ('lsoa21_code')") << ext;
    // Named: as TABLE:SHEET:KEY, through load_and_join as every command and the viewer read tables.
    LoadAndJoinOptions lo;
    lo.tables.push_back(parse_table_spec(path.string() + ":Data:lsoa21_code"));
    EXPECT_EQ(lo.tables[0].sheet, "Data");
    EXPECT_EQ(lo.tables[0].key, "lsoa21_code");
    JoinedLayer j = load_and_join((test::demo_dir() / "lsoa.gpkg").string(), lo);
    EXPECT_EQ(j.reports[0].matched, clean_matched());
    EXPECT_EQ(j.reports[0].how_read, "sheet 'Data'");
    TableReadOptions o;
    o.sheet = "Notes";
    EXPECT_EQ(message_of([&] { joined(path, o); }),
              path.string() + ": no column holds codes matching the areas' lsoa21_code (e.g. " +
                  demo_areas().codes[0] + "); name the key as TABLE:COLUMN");
    o.sheet = "Dta";
    EXPECT_EQ(message_of([&] { read_table(path.string(), o); }),
              "unknown sheet 'Dta' in " + path.string() + "; sheets are: Notes, Data");
  }
  // No sheet with area codes: the sheets and their first columns.
  write(dir / "other.csv", "ward,score,rank,note\nNorth,1,2,a\n");
  std::string cmd =
      "cd '" + dir.string() +
      "' && ogr2ogr -f XLSX none.xlsx notes.csv -nln Notes -oo HEADERS=NO && ogr2ogr -update none.xlsx "
      "other.csv -nln Wards";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_EQ(
      message_of([&] { read_table((dir / "none.xlsx").string()); }),
      (dir / "none.xlsx").string() +
          ": no sheet has a column of area codes; name the sheet that holds the table: 'Notes' (columns "
          "field_1, field_2), 'Wards' (columns ward, score, rank, ...)");
  EXPECT_EQ(need_of([&] { read_table((dir / "none.xlsx").string()); }), Need::Sheet);
}

TEST(TableFormats, OutputsAreSafeInSpreadsheetsAndReadBack) {
  // Text a spreadsheet would run as a formula is written with a quote in front, inside quotes.
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  EXPECT_EQ(csv_field("+44 20"), "\"'+44 20\"");
  EXPECT_EQ(csv_field("@SUM(A1)"), "\"'@SUM(A1)\"");
  EXPECT_EQ(csv_field("-x"), "\"'-x\"");
  EXPECT_EQ(csv_field("\tx"), "\"'\tx\"");
  EXPECT_EQ(csv_field("'=x"), "\"''=x\"");  // so the reader's one dropped quote gives it back
  // Numbers, negative ones included, and ordinary text are untouched.
  EXPECT_EQ(csv_field("-12.5"), "-12.5");
  EXPECT_EQ(csv_field("+4"), "+4");
  EXPECT_EQ(csv_field("Eastbrook 001A"), "Eastbrook 001A");
  EXPECT_EQ(csv_field("it's"), "it's");
  // The round trip gives back every text exactly.
  Table t("t.csv");
  t.set_rows(8);
  t.add(Column{"name",
               ColumnType::Text,
               {},
               {"=HYPERLINK(\"http://x\",\"y\")", "+1", "-x", "@a", "'=b", "''", "'", "-"}});
  t.add(Column{"v", ColumnType::Real, {-1.5, 2, -3, 4, 5, 6, 7, 8}, {}});
  Table back = parse_csv(format_csv(t), "back.csv");
  EXPECT_EQ(back.column("name").text, t.column("name").text);
  EXPECT_EQ(back.column("v").num, t.column("v").num);
  EXPECT_EQ(format_csv(t).substr(0, 7), "name,v\n");
}

}  // namespace
}  // namespace nbhd
