// Assets from spreadsheets: coordinate columns by name and by value, the CRS from the ranges, swapped
// latitude/longitude, and blank or out-of-range rows counted and listed.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "geo/tables/point_table.hpp"
#include "geo/tables/table_io.hpp"

namespace nbhd {
namespace {

IngestOptions bng() {
  IngestOptions o;
  o.working_crs = "EPSG:27700";
  return o;
}

TEST(PointTable, EastingNorthingByNameStayAsTheyAre) {
  PointTableReport r;
  PointLayer p = points_from_table(parse_csv("Name,Category,Easting,Northing\n"
                                             "Library,library,383500.5,398200.25\n"
                                             "Hall,hall,384000,399000\n",
                                             "a.csv"),
                                   bng(), &r);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p.pts[0].x, 383500.5);
  EXPECT_EQ(p.pts[0].y, 398200.25);
  EXPECT_EQ(p.categories, (std::vector<std::string>{"library", "hall"}));
  EXPECT_EQ(p.names[1], "Hall");
  EXPECT_EQ(r.crs, "EPSG:27700");
  EXPECT_EQ(r.detection,
            "coordinates by name: Easting / Northing (easting/northing); CRS EPSG:27700 from their values "
            "(Easting 383500 to 384000, Northing 398200 to 399000)");
  EXPECT_EQ(p.attrs.rows(), 2u);
}

TEST(PointTable, LatLonAreReprojectedAndSwappedColumnsAreSaid) {
  // Manchester Town Hall, about 383,800 E 398,200 N.
  PointTableReport r;
  PointLayer p = points_from_table(
      parse_csv("site,type,latitude,longitude\nTown Hall,hall,-2.2446,53.4794\n", "s.csv"), bng(), &r);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_TRUE(r.swapped);
  EXPECT_NEAR(p.pts[0].x, 383800, 300);
  EXPECT_NEAR(p.pts[0].y, 398200, 300);
  EXPECT_EQ(
      r.detection,
      "coordinates by name: longitude / latitude (longitude/latitude); CRS EPSG:4326 from their values "
      "(longitude 53.4794 to 53.4794, latitude -2.2446 to -2.2446); longitude holds latitudes and latitude "
      "longitudes (swapped): read the other way round");
}

TEST(PointTable, BlankAndOutOfRangeRowsAreCountedAndListed) {
  PointTableReport r;
  PointLayer p = points_from_table(parse_csv("name,lon,lat\n"
                                             "a,-2.24,53.48\n"
                                             "b,,53.40\n"
                                             "c,0,0\n"
                                             "d,-2.30,53.50\n"
                                             "e,n/a,53.1\n",
                                             "b.csv"),
                                   bng(), &r);
  EXPECT_EQ(p.size(), 2u);
  EXPECT_EQ(r.blank, 2u);
  EXPECT_EQ(r.out_of_range, 1u);
  EXPECT_EQ(r.skipped,
            (std::vector<std::string>{"row 3: blank or non-numeric lon",
                                      "row 4: lon 0, lat 0 outside England and Wales in longitude/latitude",
                                      "row 6: blank or non-numeric lon"}));
  EXPECT_NE(format_point_report(r, "b.csv").find("b.csv: 3 of 5 rows skipped (2 blank, 1 out of range):\n"),
            std::string::npos);
}

TEST(PointTable, CoordinatesFoundByTheirValuesAndErrorsSayWhatToGive) {
  PointTableReport r;
  PointLayer p =
      points_from_table(parse_csv("id,e,n\n1,383500,398200\n2,384000,399000\n", "v.csv"), bng(), &r);
  EXPECT_EQ(p.size(), 2u);
  EXPECT_EQ(r.x_field, "e");
  EXPECT_EQ(r.detection.rfind("coordinates by their values: e / n; CRS EPSG:27700 from their values", 0), 0u)
      << r.detection;
  auto message = [](const std::string& csv) {
    try {
      points_from_table(parse_csv(csv, "bad.csv"), bng());
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("name,size\na,1\n"),
            "bad.csv has no coordinate columns (lon/lat, longitude/latitude, easting/northing or x/y, or two "
            "columns whose values look like them); its columns are: name, size");
  EXPECT_EQ(
      message("x,y\n5000000,6000000\n"),
      "bad.csv: cannot tell the CRS of x / y from their values (x 5e+06 to 5e+06, y 6e+06 to 6e+06); give "
      "the CRS");
}

}  // namespace
}  // namespace nbhd
