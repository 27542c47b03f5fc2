// Postcode tables in the ONS Postcode Directory layout: columns found by name, terminated and unusable
// rows counted, lat/long reprojected to the working CRS, prefix search with case and spaces ignored, rows
// that straddle the reader's blocks, and the one-line messages for tables without the needed columns.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/error.hpp"
#include "geo/tables/postcodes.hpp"
#include "geo/vector/lonlat.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

const char* kOnspd =
    "pcd,pcd2,pcds,dointr,doterm,oseast1m,osnrth1m,lat,long,lsoa21cd\n"
    "M9  4DF,M9   4DF,M9 4DF,198001,,386180,402060,53.5208,-2.2105,E01005062\n"
    "M9  4DG,M9   4DG,M9 4DG,198001,201203,386200,402080,53.5209,-2.2102,E01005062\n"  // terminated
    "M9  4DH,M9   4DH,M9 4DH,198001,,,,99.999999,0.000000,\n"                          // no grid reference
    "M9  4DJ,M9   4DJ,M9 4DJ,198001,,9900000,402000,53.5,-2.2,E01005062\n"             // off the grid
    ",,,198001,,386180,402060,53.52,-2.21,E01005062\n"                                 // no postcode
    "\"M9 4DF\",x,M9 4DF,198001,,1,2,53.5,-2.2,E01005062\n"                            // repeated: first wins
    "SW1A 2AA,SW1A 2AA,SW1A 2AA,198001,,530047,179951,51.503,-0.1276,E01004736\n";

TEST(Postcodes, ReadsTheDirectoryLayoutAndCountsWhatItSkips) {
  PostcodeReadReport rep;
  PostcodeIndex ix = parse_postcodes(kOnspd, "onspd.csv", {}, &rep);
  EXPECT_EQ(rep.rows, 7u);
  EXPECT_EQ(rep.indexed, 2u);
  EXPECT_EQ(rep.terminated, 1u);
  EXPECT_EQ(rep.no_position, 1u);
  EXPECT_EQ(rep.out_of_range, 1u);
  EXPECT_EQ(rep.bad_postcode, 1u);
  EXPECT_EQ(rep.duplicates, 1u);
  EXPECT_EQ(rep.postcode_column, "pcds");
  EXPECT_EQ(rep.position_columns, "oseast1m+osnrth1m");
  EXPECT_EQ(rep.lsoa_column, "lsoa21cd");
  ASSERT_EQ(ix.size(), 2u);
  auto hits = ix.find_prefix("m94df", 10);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].postcode, "M9 4DF");
  EXPECT_NEAR(hits[0].at.x, 386180, 0.1);
  EXPECT_NEAR(hits[0].at.y, 402060, 0.1);
  EXPECT_EQ(hits[0].lsoa, "E01005062");
  EXPECT_EQ(ix.find_prefix("sw1a2", 10).at(0).postcode, "SW1A 2AA");
  EXPECT_NEAR(ix.find_prefix("sw1a2", 10).at(0).at.x, 530047, 0.1);  // the float store keeps BNG metres
  EXPECT_EQ(ix.count_prefix("M"), 1u);
  EXPECT_EQ(ix.count_prefix(" s w 1 "), 1u);
  EXPECT_EQ(ix.count_prefix("M9 4DG"), 0u);  // terminated
  EXPECT_EQ(ix.count_prefix("9"), 0u);       // a postcode starts with a letter
  EXPECT_EQ(ix.count_prefix("M9-4"), 0u);    // not postcode characters
}

TEST(Postcodes, KeepsTerminatedPostcodesWhenAsked) {
  PostcodeReadOptions o;
  o.keep_terminated = true;
  PostcodeIndex ix = parse_postcodes(kOnspd, "onspd.csv", o);
  EXPECT_EQ(ix.count_prefix("M94DG"), 1u);
}

TEST(Postcodes, LatLongAreReprojectedToTheWorkingCrs) {
  // Without grid references the position is lat/long, taken to British National Grid by PROJ: the same
  // place as the directory's own easting and northing, to the rounding of its 6-decimal coordinates.
  PostcodeReadReport rep;
  PostcodeIndex ix = parse_postcodes(
      "postcode,lat,long\nM9 4DF,53.520812,-2.210512\n\"SW1A 2AA\",51.503541,-0.127690\nAB1 0AA,91,0\n",
      "ll.csv", {}, &rep);
  EXPECT_EQ(rep.position_columns, "long+lat");
  EXPECT_EQ(rep.out_of_range, 1u);
  auto sw = ix.find_prefix("SW1A2AA", 1).at(0).at;
  LonLatTransform back("EPSG:27700");
  double lon = 0, lat = 0;
  ASSERT_TRUE(back(sw, lon, lat));
  EXPECT_NEAR(lon, -0.127690, 1e-6);
  EXPECT_NEAR(lat, 51.503541, 1e-6);
  EXPECT_NEAR(sw.x, 530047, 30);
  EXPECT_NEAR(sw.y, 179951, 30);
}

TEST(Postcodes, RowsThatStraddleTheReadersBlocksAreWhole) {
  // 300,000 rows (~12 MB) cross the 4 MB blocks several times; a quoted field with a comma and a newline
  // sits among them.
  std::string text = "pcds,oseast1m,osnrth1m,note\n";
  const char* L = "ABDEFGHJLNPQRSTUWXYZ";
  size_t n = 0, za1 = 0;
  for (int a = 0; a < 20; ++a)
    for (int d = 1; d <= 99 && n < 300000; ++d)
      for (int s = 0; s < 10 && n < 300000; ++s)
        for (int u = 0; u < 20 && n < 300000; ++u, ++n) {
          std::string out = std::string("Z") + L[a] + std::to_string(d),
                      in = std::to_string(s) + L[u] + L[(u + a) % 20];
          za1 += (out + in).rfind("ZA1", 0) == 0;
          text += out + " " + in + "," + std::to_string(100000 + n % 500000) + "," +
                  std::to_string(200000 + n / 2) + (n % 1000 == 7 ? ",\"a, b\nc \"\"q\"\"\"\n" : ",plain\n");
        }
  PostcodeReadReport rep;
  PostcodeIndex ix = parse_postcodes(text, "big.csv", {}, &rep);
  EXPECT_EQ(rep.rows, 300000u);
  EXPECT_EQ(ix.size(), 300000u);
  EXPECT_EQ(ix.count_prefix("ZA1"), za1);
  EXPECT_EQ(ix.find_prefix("ZA1", 5000).size(), za1);
  auto h = ix.find_prefix("ZA1 0AA", 1);
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].at.x, 100000);
}

TEST(Postcodes, WrongColumnsAreOneLineNamingTheFileAndTheColumns) {
  const std::string needs =
      "a postcode table (ONS Postcode Directory layout) needs a postcode column (pcds, pcd, pcd2 or "
      "postcode) "
      "and coordinates (lat and long, or oseast1m and osnrth1m)";
  EXPECT_EQ(test::message_of([] { parse_postcodes("code,lat,long\nM9 4DF,53.5,-2.2\n", "t.csv", {}); }),
            "t.csv has no postcode column; " + needs);
  EXPECT_EQ(test::message_of([] { parse_postcodes("pcds,x,y\nM9 4DF,1,2\n", "t.csv", {}); }),
            "t.csv has no coordinate columns; " + needs);
  EXPECT_EQ(test::message_of([] { parse_postcodes("", "t.csv", {}); }), "t.csv is empty; " + needs);
  EXPECT_EQ(test::message_of([] { parse_postcodes("pcds,lat,long\nM9 4DF,53.5\n", "t.csv", {}); }),
            "t.csv line 2: 2 fields but the header has 3; check for unquoted commas or missing cells");
  EXPECT_EQ(
      test::message_of([] { parse_postcodes("pcds,lat,long\nM9 4DF,,\nM9 4DG,99.999999,0\n", "t.csv", {}); }),
      "t.csv has no usable postcode (2 rows: 0 terminated, 1 without coordinates, 1 out of range, 0 not "
      "postcodes); give a table of current postcodes with their coordinates");
  auto dir = test::scratch_dir();
  std::ofstream(dir / "bad.csv") << "pcd,x,y\nEB1 1AB,1,2\n";
  EXPECT_EQ(test::message_of([&] { check_postcode_header((dir / "bad.csv").string()); }),
            (dir / "bad.csv").string() + " has no coordinate columns; " + needs);
  EXPECT_EQ(
      test::message_of([&] { check_postcode_header((dir / "none.csv").string()); }),
      "cannot read postcode table " + (dir / "none.csv").string() + "; check the path and its permissions");
}

TEST(Postcodes, TheDemoTableIsInsideTheBorough) {
  PostcodeReadReport rep;
  PostcodeIndex ix = read_postcodes((test::demo_dir() / "postcodes.csv").string(), {}, &rep);
  EXPECT_EQ(rep.rows, 900u);
  EXPECT_EQ(rep.terminated, 36u);
  EXPECT_EQ(ix.size(), 864u);
  for (const auto& h : ix.find_prefix("EB", 1000)) {
    EXPECT_NEAR(h.at.x, 437000, 8000) << h.postcode;
    EXPECT_NEAR(h.at.y, 398000, 8000) << h.postcode;
    EXPECT_EQ(h.lsoa.substr(0, 5), "E0190") << h.postcode;
  }
}

}  // namespace
}  // namespace nbhd
