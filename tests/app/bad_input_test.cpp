// The bad-input catalogue (docs/bad_input.md), case by case, against the real binary: broken input gets
// exit 2 and exactly one line on stderr naming the file and what to do; nothing is written, nothing is
// overwritten, no temporary is left. Case ids (B1, T3, O7...) match the catalogue.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>

#include "geo/model/geometry.hpp"
#include "geo/vector/ingest.hpp"
#include "support/big_input.hpp"
#include "support/fixtures.hpp"
#include "support/process.hpp"
#include "support/test_data.hpp"

namespace fs = std::filesystem;

namespace nbhd {

namespace {

std::string q(const fs::path& p) {
  return "'" + p.string() + "'";
}

void write(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

std::string read(const fs::path& p) {
  return test::read_file(p);
}

std::string random_bytes(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

// Every file under `dir` with its size and a hash of its bytes: equal snapshots mean nothing was written,
// changed or left behind.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> m;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) {
      const std::string bytes = read(e.path());
      m[fs::relative(e.path(), dir).string()] =
          std::to_string(bytes.size()) + " bytes, hash " + std::to_string(std::hash<std::string>{}(bytes));
    }
  return m;
}

const char* kOld = "the previous version of out.gpkg\n";

// A GeoJSON FeatureCollection in EPSG:27700 (or no CRS when crs is empty) from feature snippets.
std::string collection(const std::vector<std::string>& features, const std::string& crs = "27700") {
  std::string s = "{\"type\":\"FeatureCollection\",";
  if (!crs.empty())
    s += "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::" + crs + "\"}},";
  s += "\"features\":[";
  for (size_t i = 0; i < features.size(); ++i) s += (i ? "," : "") + features[i];
  return s + "]}";
}
std::string feature(const std::string& code, const std::string& geometry) {
  return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\"},\"geometry\":" + geometry + "}";
}
std::string polygon(const std::string& ring) {
  return "{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}";
}
const std::string kSquareA =
    polygon("[400000,300000],[400100,300000],[400100,300100],[400000,300100],[400000,300000]");
const std::string kSquareB =
    polygon("[400100,300000],[400200,300000],[400200,300100],[400100,300100],[400100,300000]");

// The test's folder: fixtures in it, and out.gpkg holding kOld that every refused `join --force` must leave
// alone.
class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = test::scratch_dir();
    demo = test::demo_dir();
    out = dir / "out.gpkg";
    write(out, kOld);
  }

  // `join BOUNDARIES --indicators TABLE -o out.gpkg --force`: --force, so only the input can stop it.
  std::string join(const fs::path& boundaries, const fs::path& table, const std::string& extra = "") const {
    return "join " + q(boundaries) + " --indicators " + q(table) + " -o " + q(out) + " --force" + extra;
  }

  // Runs `args`; expects exit 2, exactly `line` on stderr, nothing on stdout and nothing changed in the
  // folder. A failure that comes after the inputs were loaded (a bad column, a full disk) follows the reports
  // the command prints on stderr (join reports, asset counts) and maybe its results on stdout: with
  // `after_report`, `line` must be the last line of stderr and the only error line.
  void expect_refused(const std::string& id, const std::string& args, const std::string& line,
                      bool after_report = false) {
    SCOPED_TRACE(id + ": nbhd " + args);
    auto before = snapshot(dir);
    std::string o, e;
    EXPECT_EQ(test::run_nbhd(args, &o, &e), 2);
    if (after_report) {
      EXPECT_TRUE(e.ends_with("\n" + line + "\n")) << e;
      EXPECT_EQ(e.find("\nnbhd "), e.size() - line.size() - 2) << e;  // the only error line is the last
    } else {
      EXPECT_EQ(e, line + "\n");
      EXPECT_EQ(o, "");
    }
    EXPECT_EQ(snapshot(dir), before);  // no partial output, nothing overwritten, no temporary
    ++cases;
  }

  fs::path dir, demo, out;
  int cases = 0;
};

}  // namespace

// ---- Boundary files (B) -------------------------------------------------------------------------------

TEST_F(BadInput, BoundaryFilesThatCannotBeRead) {
  const std::string shape_hint =
      "; check that it is a complete GeoPackage, Shapefile (.shp with .shx and .dbf), GeoJSON, FlatGeobuf or "
      "GML file";
  expect_refused("B1", "info " + q(dir / "missing.gpkg"),
                 "nbhd info: cannot find " + (dir / "missing.gpkg").string() + "; check the path");
  write(dir / "folder" / "notes.txt", "not boundaries\n");
  expect_refused("B2", join(dir / "folder", demo / "indicators.csv"),
                 "nbhd join: " + (dir / "folder").string() +
                     " is a folder with no readable vector data; give the boundary file itself");
  write(dir / "zero.gpkg", "");
  expect_refused("B3", join(dir / "zero.gpkg", demo / "indicators.csv"),
                 "nbhd join: " + (dir / "zero.gpkg").string() +
                     " is an empty file (0 bytes); the download or copy probably failed");
  // A download cut short: the first 100 kB of a GeoPackage.
  write(dir / "truncated.gpkg", read(demo / "lsoa.gpkg").substr(0, 100000));
  expect_refused("B4", join(dir / "truncated.gpkg", demo / "indicators.csv"),
                 "nbhd join: cannot open " + (dir / "truncated.gpkg").string() +
                     " as vector data (database disk image is malformed)" + shape_hint);
  write(dir / "random.gpkg", random_bytes(4096, 1));
  expect_refused("B5", join(dir / "random.gpkg", demo / "indicators.csv"),
                 "nbhd join: cannot open " + (dir / "random.gpkg").string() + " as vector data" + shape_hint);
  for (const char* ext : {".shp", ".shx", ".dbf"})
    write(dir / ("random" + std::string(ext)), random_bytes(4096, 2));
  expect_refused("B6", join(dir / "random.shp", demo / "indicators.csv"),
                 "nbhd join: cannot open " + (dir / "random.shp").string() + " as vector data" + shape_hint);
  write(dir / "random.geojson", random_bytes(4096, 3));
  expect_refused(
      "B7", join(dir / "random.geojson", demo / "indicators.csv"),
      "nbhd join: cannot open " + (dir / "random.geojson").string() + " as vector data" + shape_hint);
  write(dir / "invalid.geojson", collection({feature("E01000001", kSquareA)}).substr(0, 150));
  expect_refused("B10", "info " + q(dir / "invalid.geojson"),
                 "nbhd info: cannot open " + (dir / "invalid.geojson").string() +
                     " as vector data (Failed to read GeoJSON data)" + shape_hint);
}

TEST_F(BadInput, ShapefileMissingParts) {
  test::FixtureLayer L{"lsoa", 27700, {"code"}, {}};
  L.features.push_back({test::square(400000, 300000, 100), {{"code", "E01000001"}}});
  for (const char* sub : {"nodbf", "noprj", "badprj"}) {
    fs::create_directories(dir / sub);
    test::write_fixture(dir / sub / "lsoa.shp", "ESRI Shapefile", {L});
  }
  fs::remove(dir / "nodbf" / "lsoa.dbf");
  fs::remove(dir / "noprj" / "lsoa.prj");
  write(dir / "badprj" / "lsoa.prj", "GEOGCS[\"nonsense");
  expect_refused("B8", join(dir / "nodbf" / "lsoa.shp", demo / "indicators.csv"),
                 "nbhd join: " + (dir / "nodbf" / "lsoa.shp").string() + " has no .dbf file beside it (" +
                     (dir / "nodbf" / "lsoa.dbf").string() +
                     "); a Shapefile is several files: copy the .shp, .shx, .dbf and .prj together");
  expect_refused("B9", join(dir / "noprj" / "lsoa.shp", demo / "indicators.csv"),
                 "nbhd join: layer 'lsoa' in " + (dir / "noprj" / "lsoa.shp").string() +
                     " has no CRS (a Shapefile without its .prj?); give the CRS it was made in (EPSG:27700 "
                     "for British National Grid) (--assume-crs)");
  expect_refused(
      "B21", join(dir / "badprj" / "lsoa.shp", demo / "indicators.csv"),
      "nbhd join: " + (dir / "badprj" / "lsoa.prj").string() +
          " is not a CRS that GDAL can read; replace it with the .prj that came with " +
          (dir / "badprj" / "lsoa.shp").string() +
          ", or give the CRS the file was made in (EPSG:27700 for British National Grid) (--assume-crs)");
  expect_refused("B26", "info " + q(dir / "noprj" / "lsoa.shp") + " --assume-crs EPSG:nonsense",
                 "nbhd info: unknown CRS 'EPSG:nonsense' for " + (dir / "noprj" / "lsoa.shp").string() +
                     "; give an EPSG code such as EPSG:27700 (--assume-crs)");
  // ... and --assume-crs is the way out the messages promise.
  std::string o, e;
  EXPECT_EQ(test::run_nbhd("info " + q(dir / "noprj" / "lsoa.shp") + " --assume-crs EPSG:27700", &o, &e), 0)
      << e;
  EXPECT_EQ(test::run_nbhd("info " + q(dir / "badprj" / "lsoa.shp") + " --assume-crs EPSG:27700", &o, &e), 0)
      << e;
}

TEST_F(BadInput, BoundaryLayersOfTheWrongKind) {
  write(dir / "lines.geojson",
        collection({feature("E01000001",
                            "{\"type\":\"LineString\",\"coordinates\":[[400000,300000],[400100,300100]]}")}));
  expect_refused("B11", join(dir / "lines.geojson", demo / "indicators.csv"),
                 "nbhd join: layer 'lines' in " + (dir / "lines.geojson").string() +
                     " holds Line String features, not polygons; give a boundary file");
  expect_refused(
      "B12", join(demo / "assets.gpkg", demo / "indicators.csv"),
      "nbhd join: layer 'assets' in " + (demo / "assets.gpkg").string() +
          " holds Point features, not polygons; give a boundary file, and points as assets (--assets)");
  test::FixtureLayer a{"lsoa_a", 27700, {"code"}, {}, 3}, b{"lsoa_b", 27700, {"code"}, {}, 3};  // wkbPolygon
  a.features.push_back({test::square(400000, 300000, 100), {{"code", "E01000001"}}});
  b.features.push_back({test::square(400000, 300000, 100), {{"code", "E01000001"}}});
  test::write_fixture(dir / "two.gpkg", "GPKG", {a, b});
  expect_refused("B13", join(dir / "two.gpkg", demo / "indicators.csv"),
                 "nbhd join: " + (dir / "two.gpkg").string() +
                     " has 2 polygon layers (lsoa_a, lsoa_b); choose one (--layer)");
  write(dir / "empty.geojson", collection({}));
  expect_refused("B25", join(dir / "empty.geojson", demo / "indicators.csv"),
                 "nbhd join: layer 'empty' in " + (dir / "empty.geojson").string() +
                     " has no features; give a boundary file with areas");
}

TEST_F(BadInput, BoundaryKeys) {
  write(dir / "areas.geojson", collection({feature("E01000001", kSquareA), feature("E01000002", kSquareB)}));
  expect_refused("B14", "info " + q(dir / "areas.geojson") + " --key lsoa_code",
                 "nbhd info: unknown field 'lsoa_code' in " + (dir / "areas.geojson").string() +
                     " for the area codes; fields are: code (--key)");
  write(dir / "nokey.geojson", collection({feature("north", kSquareA), feature("south", kSquareB)}));
  expect_refused("B15", join(dir / "nokey.geojson", demo / "indicators.csv"),
                 "nbhd join: cannot tell which field of " + (dir / "nokey.geojson").string() +
                     " holds the area codes (no field has ONS-style codes such as E01000001; fields: code); "
                     "name the key field (--key)");
  // Repeated area codes are one area in pieces (islands exported as separate features): merged and reported.
  write(dir / "dupkey.geojson", collection({feature("E01000001", kSquareA), feature("E01000001", kSquareB)}));
  std::string o, e;
  ASSERT_EQ(test::run_nbhd("info " + q(dir / "dupkey.geojson"), &o, &e), 0) << e;  // B16
  EXPECT_NE(o.find("areas:        1 (2 features read)"), std::string::npos) << o;
  EXPECT_NE(
      o.find("merged:       1 features repeated a code; their parts were joined to that area (E01000001)"),
      std::string::npos)
      << o;
}

TEST_F(BadInput, BoundaryCoordinatesAndCrs) {
  // GDAL's GeoJSON reader accepts NaN and turns 1e999 into infinity.
  write(dir / "nan.geojson",
        collection(
            {feature("E01000001", polygon("[400000,300000],[NaN,300000],[400100,300100],[400000,300000]")),
             feature("E01000002", kSquareB)}));
  expect_refused("B17", join(dir / "nan.geojson", demo / "indicators.csv"),
                 "nbhd join: " + (dir / "nan.geojson").string() +
                     ": feature 0 (code=E01000001) has coordinates that are not finite numbers (NaN or "
                     "infinity); fix or "
                     "remove that feature");
  write(dir / "inf.geojson",
        collection({feature("E01000002", kSquareB),
                    feature("E01000001",
                            polygon("[400000,300000],[1e999,300000],[400100,300100],[400000,300000]"))}));
  expect_refused("B18", join(dir / "inf.geojson", demo / "indicators.csv"),
                 "nbhd join: " + (dir / "inf.geojson").string() +
                     ": feature 1 (code=E01000001) has coordinates that are not finite numbers (NaN or "
                     "infinity); fix or "
                     "remove that feature");
  expect_refused("B19", join(demo / "lsoa.gpkg", demo / "indicators.csv", " --crs EPSG:999999"),
                 "nbhd join: unknown CRS 'EPSG:999999' for the working CRS; give an EPSG code such as "
                 "EPSG:27700 (--crs)");
  expect_refused("B20", join(demo / "lsoa.gpkg", demo / "indicators.csv", " --crs EPSG:4326"),
                 "nbhd join: working CRS EPSG:4326 is not a projected CRS in metres; use e.g. EPSG:27700");
  // Metres labelled as degrees: the file's CRS is wrong.
  write(dir / "wrongcrs.geojson", collection({feature("E01000001", kSquareA)}, "4326"));
  expect_refused(
      "B22", join(dir / "wrongcrs.geojson", demo / "indicators.csv"),
      "nbhd join: " + (dir / "wrongcrs.geojson").string() +
          ": feature 0 (code=E01000001) coordinate (400000.000000, 300000.000000) cannot be "
          "reprojected to the "
          "working CRS EPSG:27700; check the file's CRS or give the one it was made in (--assume-crs)");
}

// Invalid geometry is not refused: it is repaired (self-intersection) or dropped (no area), and said so.
TEST_F(BadInput, InvalidPolygonsAreRepairedOrDroppedAndReported) {
  const std::string bowtie =
      polygon("[400000,300000],[400100,300100],[400100,300000],[400000,300100],[400000,300000]");
  const std::string flat = polygon("[400000,300000],[400050,300050],[400100,300100],[400000,300000]");
  write(dir / "shapes.geojson", collection({feature("E01000001", bowtie), feature("E01000002", kSquareB),
                                            feature("E01000003", flat)}));
  std::string o, e;
  ASSERT_EQ(test::run_nbhd("info " + q(dir / "shapes.geojson"), &o, &e), 0) << e;
  EXPECT_NE(o.find("areas:        2 (3 features read)"), std::string::npos) << o;  // B23, B24
  EXPECT_NE(o.find("repaired:     1 invalid geometries fixed with MakeValid (E01000001)"), std::string::npos)
      << o;                                                                                         // B23
  EXPECT_NE(o.find("dropped:      1 empty geometries, 0 without a code"), std::string::npos) << o;  // B24
  // The repaired bow-tie is its two triangles: area 2 x 2500 m2 (computed by hand), not 0.
  AreaLayer L = load_areas((dir / "shapes.geojson").string());
  ASSERT_EQ(L.codes[0], "E01000001");
  EXPECT_NEAR(area(L.geoms[0]), 5000.0, 1e-6);
  EXPECT_EQ(L.index_of("E01000003"), static_cast<size_t>(-1));
}

// ---- Indicator tables (T) -----------------------------------------------------------------------------

TEST_F(BadInput, IndicatorTables) {
  const fs::path lsoa = demo / "lsoa.gpkg";
  expect_refused("T1", join(lsoa, dir / "missing.csv"),
                 "nbhd join: cannot find " + (dir / "missing.csv").string() + "; check the path");
  fs::create_directories(dir / "tables");
  expect_refused(
      "T2", join(lsoa, dir / "tables"),
      "nbhd join: " + (dir / "tables").string() + " is a folder, not a table; give a .csv or .xlsx file");
  write(dir / "zero.csv", "");
  expect_refused("T3", join(lsoa, dir / "zero.csv"),
                 "nbhd join: " + (dir / "zero.csv").string() +
                     " is empty; an indicator table needs a header row and data rows");
  write(dir / "header.csv", "lsoa21_code,IMD_score\n");
  expect_refused("T4", join(lsoa, dir / "header.csv"),
                 "nbhd join: " + (dir / "header.csv").string() +
                     " has a header but no data rows; export the table with its rows");
  write(dir / "ragged.csv", "lsoa21_code,v\nE01900001,1\nE01900002\n");
  expect_refused("T5", join(lsoa, dir / "ragged.csv"),
                 "nbhd join: " + (dir / "ragged.csv").string() +
                     " line 3: 1 field but the header has 2; check for unquoted commas or missing cells");
  write(dir / "quote.csv", "lsoa21_code,v\nE01900001,\"1\nE01900002,2\n");
  expect_refused("T6", join(lsoa, dir / "quote.csv"),
                 "nbhd join: " + (dir / "quote.csv").string() +
                     " line 2: a quoted field is never closed; add the missing closing quote (\")");
  write(dir / "latin1.csv", "lsoa21_code,name\nE01900001,caf\xe9\n");
  expect_refused(
      "T7", join(lsoa, dir / "latin1.csv"),
      "nbhd join: " + (dir / "latin1.csv").string() +
          " line 2: text is not valid UTF-8 (it looks like cp1252); re-save the file as UTF-8 (CSV UTF-8 "
          "in Excel) or give its encoding (--encoding)");
  write(dir / "dup.csv", "lsoa21_code,v\nE01900001,1\nE01900001,2\n");
  expect_refused(
      "T9", join(lsoa, dir / "dup.csv"),
      "nbhd join: " + (dir / "dup.csv").string() +
          ": lsoa21_code=E01900001 appears on data rows 1 and 2; remove the duplicates or keep the first "
          "row of each (--on-duplicate first)");
  write(dir / "wards.csv", "ward24_code,score\nE05900001,1\nE05900002,2\n");
  expect_refused("T10", join(lsoa, dir / "wards.csv"),
                 "nbhd join: " + (dir / "wards.csv").string() +
                     ": column 'ward24_code' holds ward codes (E05) but the areas in " + lsoa.string() +
                     " are LSOA (E01); join a table of LSOA values, or aggregate this one first");
  write(dir / "small.csv", "lsoa21_code,v\nE01900001,1\n");
  expect_refused("T11", join(lsoa, fs::path(dir / "small.csv").string() + ":lsoa_code"),
                 "nbhd join: unknown column 'lsoa_code' in " + (dir / "small.csv").string() +
                     "; columns are: lsoa21_code, v");
  // A header cell with a line break in it, duplicated: the message quotes it on one line.
  write(dir / "linebreak.csv", "lsoa21_code,\"a\nb\",\"a\nb\"\nE01900001,1,2\n");
  expect_refused("T12", join(lsoa, dir / "linebreak.csv"),
                 "nbhd join: " + (dir / "linebreak.csv").string() +
                     " line 1: column name 'a\\nb' appears twice; rename one of them");
  write(dir / "old.xls", random_bytes(512, 4));
  expect_refused("T13", join(lsoa, dir / "old.xls"),
                 "nbhd join: " + (dir / "old.xls").string() +
                     ": .xls files are not supported; save the sheet as .xlsx or .csv");
  write(dir / "random.xlsx", random_bytes(3000, 5));
  expect_refused("T14", join(lsoa, dir / "random.xlsx"),
                 "nbhd join: cannot open " + (dir / "random.xlsx").string() +
                     " as a spreadsheet (not a valid .xlsx file); save it again as .xlsx or .csv");
  write(dir / "elsewhere.csv", "lsoa21_code,v\nE01000001,1\nE01000002,2\n");
  expect_refused("T15", join(lsoa, dir / "elsewhere.csv"),
                 "nbhd join: " + (dir / "elsewhere.csv").string() +
                     ": none of the LSOA codes in column 'lsoa21_code' (e.g. E01000001) matches an area of " +
                     lsoa.string() +
                     " (e.g. E01900001); check that both cover the same places and the same year of "
                     "boundaries (LSOA 2011 "
                     "and 2021 codes differ)");
  write(dir / "nul.csv", std::string("lsoa21_code,v\nE01900001,1\nE01900002,\0\n", 38));
  expect_refused(
      "T16", join(lsoa, dir / "nul.csv"),
      "nbhd join: " + (dir / "nul.csv").string() +
          " line 3: the text holds a NUL byte, which no table cell can; remove it or re-save the file "
          "as UTF-8");
  expect_refused("T17", join(lsoa, dir / "latin1.csv", " --encoding ebcdic"),
                 "nbhd join: --encoding takes utf-8, utf-16, cp1252 or latin1, not 'ebcdic' (see nbhd join "
                 "--help)");
  expect_refused("T18", join(lsoa, dir / "small.csv", " --header-row 50"),
                 "nbhd join: " + (dir / "small.csv").string() +
                     " has 2 lines, so no header on line 50; give the line that holds the column names "
                     "(--header-row)");
  write(dir / "notes.csv", "About these figures, in brief\nSource: a survey, 2026\n");
  write(dir / "wards.csv", "ward,score,rank,note\nNorth,1,2,a\n");
  // (relative paths: GDAL 3.6's XLSX writer fails on absolute paths through folders with dots in names)
  ASSERT_EQ(std::system(("cd " + q(dir) +
                         " && ogr2ogr -f XLSX nocodes.xlsx notes.csv -nln Notes -oo HEADERS=NO && " +
                         "ogr2ogr -update nocodes.xlsx wards.csv -nln Wards")
                            .c_str()),
            0);
  expect_refused(
      "T19", join(lsoa, dir / "nocodes.xlsx"),
      "nbhd join: " + (dir / "nocodes.xlsx").string() +
          ": no sheet has a column of area codes; name the sheet that holds the table: 'Notes' (columns "
          "field_1, field_2), 'Wards' (columns ward, score, rank, ...) (--sheet, or TABLE:SHEET:KEY)");
}

// A 1 MB cell is data, not damage: it is joined and written whole.
TEST_F(BadInput, MegabyteFieldIsKeptWhole) {
  std::ifstream in(demo / "indicators.csv");
  std::string header, line, csv;
  std::getline(in, header);
  csv = header + ",notes\n";
  const std::string big(1 << 20, 'x');
  for (int i = 0; std::getline(in, line); ++i) csv += line + "," + (i == 0 ? big : std::string()) + "\n";
  write(dir / "big_field.csv", csv);
  std::string o, e;
  ASSERT_EQ(test::run_nbhd(join(demo / "lsoa.gpkg", dir / "big_field.csv"), &o, &e), 0) << e;  // T8
  AreaLayer L = load_areas(out.string());
  const Column& notes = L.attrs.column("notes");
  ASSERT_EQ(notes.type, ColumnType::Text);
  EXPECT_EQ(notes.text[0], big);
  EXPECT_EQ(notes.text[1], "");
}

// ---- Indicator columns: classify (C) ------------------------------------------------------------------

TEST_F(BadInput, ClassifyColumns) {
  std::ifstream in(demo / "indicators.csv");
  std::string line, csv = "lsoa21_code,blank,word\n";
  std::getline(in, line);
  while (std::getline(in, line)) csv += line.substr(0, line.find(',')) + ",,abc\n";
  write(dir / "cols.csv", csv);
  const std::string base = "classify " + q(demo / "lsoa.gpkg") + " --indicators " + q(dir / "cols.csv");
  expect_refused("C1", base + " --column blank -o " + q(dir / "classes.csv"),
                 "nbhd classify: column 'blank' is blank for all 300 areas of " +
                     (demo / "lsoa.gpkg").string() +
                     "; choose a column with values, or check the join report (areas without a row)",
                 /*after_report=*/true);
  expect_refused("C2", base + " --column word",
                 "nbhd classify: column 'word' in " + (demo / "lsoa.gpkg").string() +
                     " is not numeric (it holds text such as 'abc'); choose a numeric column",
                 /*after_report=*/true);
  expect_refused("C3",
                 "classify " + q(demo / "lsoa.gpkg") + " --indicators " + q(demo / "indicators.csv") +
                     " --column IMD_score -o /dev/full",
                 "nbhd classify: cannot write /dev/full: No space left on device; free some disk space or "
                 "choose another file",
                 /*after_report=*/true);
}

// ---- Maps: render (R) ---------------------------------------------------------------------------------

TEST_F(BadInput, RenderMaps) {
  std::ifstream in(demo / "indicators.csv");
  std::string line, csv = "lsoa21_code,blank,word\n";
  std::getline(in, line);
  while (std::getline(in, line)) csv += line.substr(0, line.find(',')) + ",,abc\n";
  write(dir / "cols.csv", csv);
  const std::string base = "render " + q(demo / "lsoa.gpkg") + " --indicators " + q(dir / "cols.csv");
  expect_refused("R1", base + " --column blank -o " + q(dir / "map.png"),
                 "nbhd render: column 'blank' is blank for all 300 areas of " +
                     (demo / "lsoa.gpkg").string() +
                     "; choose a column with values, or check the join report (areas without a row)",
                 /*after_report=*/true);
  expect_refused("R2", base + " --column word -o " + q(dir / "map.png"),
                 "nbhd render: column 'word' in " + (demo / "lsoa.gpkg").string() +
                     " is not numeric (it holds text such as 'abc'); choose a numeric column",
                 /*after_report=*/true);
  const std::string imd = "render " + q(demo / "lsoa.gpkg") + " --indicators " + q(demo / "indicators.csv") +
                          " --column IMD_score -o ";
  expect_refused("R3", imd + q(dir / "map.bmp"),
                 "nbhd render: cannot tell the format of " + (dir / "map.bmp").string() +
                     "; name the output .png, .svg, .pdf or .html (see nbhd render --help)");
  write(dir / "old.png", "the previous map\n");
  expect_refused("R4", imd + q(dir / "old.png"),
                 "nbhd render: cannot write " + (dir / "old.png").string() +
                     ": the file exists; allow overwriting it (--force)");
  for (const char* ext : {".png", ".svg", ".pdf", ".html"}) {
    const fs::path full = dir / (std::string("full") + ext);
    fs::create_symlink("/dev/full", full);
    expect_refused(std::string("R5 ") + ext, imd + q(full),
                   "nbhd render: cannot write " + full.string() +
                       ": No space left on device; free some disk space or choose another file",
                   /*after_report=*/true);
  }
}

// ---- Asset files (A) ----------------------------------------------------------------------------------

TEST_F(BadInput, AssetFiles) {
  const std::string base = "assets " + q(demo / "lsoa.gpkg");
  const std::string gaps = " --per-area -o " + q(dir / "gaps.csv");
  const std::string shape_hint =
      "; check that it is a complete GeoPackage, Shapefile (.shp with .shx and .dbf), GeoJSON, FlatGeobuf or "
      "GML file";
  expect_refused("A1", base + " --assets " + q(dir / "missing.gpkg") + gaps,
                 "nbhd assets: cannot find " + (dir / "missing.gpkg").string() + "; check the path");
  write(dir / "random.gpkg", random_bytes(4096, 6));
  expect_refused(
      "A2", base + " --assets " + q(dir / "random.gpkg") + gaps,
      "nbhd assets: cannot open " + (dir / "random.gpkg").string() + " as vector data" + shape_hint);
  write(dir / "roads.geojson",
        collection(
            {feature("r1", "{\"type\":\"LineString\",\"coordinates\":[[400000,300000],[400100,300100]]}")}));
  expect_refused("A3", base + " --assets " + q(dir / "roads.geojson") + gaps,
                 "nbhd assets: layer 'roads' in " + (dir / "roads.geojson").string() +
                     " holds Line String features, not points or polygons; give a file of asset points");
  // An infinite coordinate (WKT 1e999) stored in a GeoPackage.
  test::FixtureLayer pts{"sites", 27700, {"category"}, {}, 1};  // wkbPoint
  pts.features.push_back({"POINT (400050 300050)", {{"category", "library"}}});
  pts.features.push_back({"POINT (1e999 300000)", {{"category", "library"}}});
  test::write_fixture(dir / "infpts.gpkg", "GPKG", {pts});
  expect_refused("A4", base + " --assets " + q(dir / "infpts.gpkg") + gaps,
                 "nbhd assets: " + (dir / "infpts.gpkg").string() +
                     ": feature 2 has coordinates that are not finite numbers (NaN or infinity); fix or "
                     "remove that feature");
  expect_refused("A5", base + " --assets " + q(demo / "assets.gpkg") + " --near E01000001",
                 "nbhd assets: area code 'E01000001' is not in " + (demo / "lsoa.gpkg").string() +
                     " (key field lsoa21_code, e.g. E01900001); check the code and the boundary file");
  expect_refused("A6", base + " --assets " + q(demo / "assets.gpkg") + gaps + " --per lsoa21_name",
                 "nbhd assets: column 'lsoa21_name' in " + (demo / "lsoa.gpkg").string() +
                     " is not numeric (it holds text such as 'Eastbrook 001A'); choose a numeric column");
  std::ifstream in(demo / "indicators.csv");
  std::string line, csv = "lsoa21_code,households\n";
  std::getline(in, line);
  while (std::getline(in, line)) csv += line.substr(0, line.find(',')) + ",\n";
  write(dir / "blank.csv", csv);
  expect_refused("A7",
                 base + " --indicators " + q(dir / "blank.csv") + " --assets " + q(demo / "assets.gpkg") +
                     gaps + " --per households",
                 "nbhd assets: --per column 'households' is blank for all 300 areas of " +
                     (demo / "lsoa.gpkg").string() +
                     "; choose a column with values (e.g. households_total from an --indicators table)",
                 /*after_report=*/true);
  write(dir / "gaps.csv", "previous gaps\n");
  expect_refused("A8", base + " --assets " + q(demo / "assets.gpkg") + gaps,
                 "nbhd assets: cannot write " + (dir / "gaps.csv").string() +
                     ": the file exists; allow overwriting it (--force)");
  expect_refused("A9", base + " --assets " + q(demo / "assets.gpkg") + " --per-area -o /dev/full",
                 "nbhd assets: cannot write /dev/full: No space left on device; free some disk space or "
                 "choose another file",
                 /*after_report=*/true);
}

// ---- Outputs (O) --------------------------------------------------------------------------------------

TEST_F(BadInput, Outputs) {
  const std::string in = q(demo / "lsoa.gpkg") + " --indicators " + q(demo / "indicators.csv");
  expect_refused("O1", "join " + in + " -o " + q(dir / "nodir" / "x.gpkg"),
                 "nbhd join: cannot write " + (dir / "nodir" / "x.gpkg").string() + ": folder " +
                     (dir / "nodir").string() + " does not exist; create it first");
  expect_refused(
      "O4", "join " + in + " -o " + q(out),
      "nbhd join: cannot write " + out.string() + ": the file exists; allow overwriting it (--force)");
  fs::create_directories(dir / "dir.gpkg");
  expect_refused(
      "O5", "join " + in + " -o " + q(dir / "dir.gpkg") + " --force",
      "nbhd join: cannot write " + (dir / "dir.gpkg").string() + ": it is a directory; give a file name");
  expect_refused("O6", "join " + in + " -o " + q(dir / "out.shp"),
                 "nbhd join: the output must be a .gpkg file, got " + (dir / "out.shp").string() +
                     " (see nbhd join --help)");
  // A full disk: /dev/full behind a .gpkg name (join insists on the extension).
  fs::create_symlink("/dev/full", dir / "full.gpkg");
  expect_refused("O3", "join " + in + " -o " + q(dir / "full.gpkg"),
                 "nbhd join: cannot write " + (dir / "full.gpkg").string() +
                     ": No space left on device; free some disk space or choose another file",
                 /*after_report=*/true);
}

TEST_F(BadInput, OutputFolderNotWritable) {
  fs::create_directories(dir / "ro");
  fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                  fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  // root ignores permission bits; run nbhd without the capabilities that let it (setpriv, util-linux).
  std::string prefix;
  if (::geteuid() == 0) {
    if (std::system("setpriv --bounding-set -dac_override true >/dev/null 2>&1") != 0)
      GTEST_SKIP() << "running as root without setpriv: cannot make a folder unwritable";
    prefix =
        "setpriv --bounding-set -dac_override,-dac_read_search --inh-caps -dac_override,-dac_read_search ";
  }
  const fs::path target = dir / "ro" / "x.gpkg";
  const std::string expected = "nbhd join: cannot write " + target.string() + ": folder " +
                               (dir / "ro").string() + " is not writable; choose another folder\n";
  std::string cmd = prefix + "'" + test::nbhd_binary() + "' join " + q(demo / "lsoa.gpkg") +
                    " --indicators " + q(demo / "indicators.csv") + " -o " + q(target) + " >/dev/null 2>" +
                    q(dir / "err.txt");
  int st = std::system(cmd.c_str());
  EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 2) << cmd;  // O2
  EXPECT_EQ(read(dir / "err.txt"), expected);
  EXPECT_TRUE(fs::is_empty(dir / "ro"));
  fs::permissions(dir / "ro", fs::perms::owner_all);
}

// Ctrl-C (or SIGTERM from a scheduler) while the GeoPackage is being written: cancelled, exit 2, the old
// file untouched, no temporary.
TEST_F(BadInput, InterruptDuringExport) {
  auto big = test::write_big_input(dir, 20000);
  for (int sig : {SIGINT, SIGTERM}) {
    SCOPED_TRACE(sig == SIGINT ? "O7 SIGINT" : "O8 SIGTERM");
    test::Child child(
        {"join", big.boundaries.string(), "--indicators", big.table.string(), "-o", out.string(), "--force"},
        dir);
    ASSERT_TRUE(child.started());
    // The temporary appears when the writing starts (loading comes first).
    ASSERT_TRUE(test::wait_until([&] { return !test::find_temporary(dir).empty() || !child.running(); },
                                 std::chrono::seconds(120)));
    ASSERT_TRUE(child.running()) << "finished before it could be interrupted: " << child.err();
    child.signal(sig);
    EXPECT_EQ(child.wait(), 2);
    std::string err = child.err();
    // Progress lines go to a terminal only; the report of the join comes first, the error is the last line.
    EXPECT_TRUE(err.ends_with("\nnbhd join: cancelled; no output was written\n")) << err;
    EXPECT_EQ(read(out), kOld);
    EXPECT_EQ(test::temporaries_in(dir), std::vector<std::string>{});
  }
}

// Ctrl-C (or SIGTERM) while `nbhd render` rasterises and encodes a large PNG: the export polls the
// cancel flag inside its long loops (rasterising bands, deflating chunks), so it stops there instead of
// finishing the map: exit 2, the old file untouched, no temporary. Before the export polled, the signal
// was only noticed after the export, which then had already replaced the old file. (How fast it stops on
// the national map is measured by bench/bench_cancel.py, not asserted here.)
TEST_F(BadInput, InterruptDuringRender) {
  auto big = test::write_big_input(dir, 20000);
  const fs::path map = dir / "map.png";
  for (int sig : {SIGINT, SIGTERM}) {
    SCOPED_TRACE(sig == SIGINT ? "O7 SIGINT" : "O8 SIGTERM");
    write(map, kOld);
    test::Child child({"render", big.boundaries.string(), "--indicators", big.table.string(), "--column",
                       "score", "--width", "6000", "--height", "6000", "-o", map.string(), "--force"},
                      dir);
    ASSERT_TRUE(child.started());
    // The temporary is opened when rasterising starts (loading and classifying come first).
    ASSERT_TRUE(test::wait_until([&] { return !test::find_temporary(dir).empty() || !child.running(); },
                                 std::chrono::seconds(120)));
    ASSERT_TRUE(child.running()) << "finished before it could be interrupted: " << child.err();
    child.signal(sig);
    EXPECT_EQ(child.wait(), 2);
    std::string err = child.err();
    EXPECT_TRUE(err.ends_with("\nnbhd render: cancelled; no output was written\n")) << err;
    EXPECT_EQ(read(map), kOld);
    EXPECT_EQ(test::temporaries_in(dir), std::vector<std::string>{});
  }
}

}  // namespace nbhd

namespace nbhd {

// A worker thread runs out of memory while `nbhd render` rasterises: the pool re-throws std::bad_alloc in
// the main thread, which prints the one-line error and exits 2; the old map stays, no temporary is left.
// Before the one thread pool the rasteriser's threads let the exception escape and the process aborted
// (std::terminate, exit 134). The shim fails every allocation of 4 MiB or more off the main thread; a
// 20,000-pixel-wide band needs 5 MB of scratch, while loading the demo never asks for that much.
TEST_F(BadInput, OutOfMemoryInAWorkerThread) {
  if (!*test::fail_alloc_library())
    GTEST_SKIP() << "no allocation-failure shim in this build (sanitizers own malloc)";
  const fs::path map = dir / "map.png";
  write(map, kOld);
  const fs::path err_file = dir / "render.stderr";
  std::string cmd = "NBHD_FAIL_ALLOC_BYTES=4194304 LD_PRELOAD=" + q(test::fail_alloc_library()) + " " +
                    q(test::nbhd_binary()) + " render " + q(demo / "lsoa.gpkg") + " --indicators " +
                    q(demo / "indicators.csv") +
                    " --column IMD_decile --width 20000 --height 4000 --no-layout -o " + q(map) +
                    " --force >/dev/null 2>" + q(err_file) + " </dev/null";
  int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status) << ": " << read(err_file);
  EXPECT_EQ(WEXITSTATUS(status), 2);
  // The join report comes first; the error is the last line.
  EXPECT_TRUE(
      read(err_file).ends_with("\nnbhd render: out of memory; try a smaller input or close other programs\n"))
      << read(err_file);
  EXPECT_EQ(read(map), kOld);
  EXPECT_EQ(test::temporaries_in(dir), std::vector<std::string>{});
}

}  // namespace nbhd
