#include "geo/vector/ingest.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "base/error.hpp"
#include "support/fixtures.hpp"
#include "support/test_data.hpp"

using nbhd::test::message_of;
using nbhd::test::need_of;

namespace nbhd {

using test::FixtureFeature;
using test::FixtureLayer;
using test::square;
using test::write_fixture;

namespace {

// Three LSOA-shaped areas plus their ward and LA codes, so key detection must pick the unique column.
FixtureLayer lsoas(int epsg = 27700) {
  FixtureLayer L{"lsoa", epsg, {"LSOA21NM", "ward_code", "lsoa_id", "LAD_code"}, {}};
  for (int i = 0; i < 3; ++i)
    L.features.push_back({square(400000 + i * 100, 300000, 100),
                          {{"LSOA21NM", "Town 00" + std::to_string(i + 1) + "A"},
                           {"ward_code", "E05000001"},
                           {"lsoa_id", "E0100000" + std::to_string(i + 1)},
                           {"LAD_code", "E08000001"}}});
  return L;
}
}  // namespace

TEST(Ingest, DetectsKeyAndNameFromValues) {
  auto p = write_fixture(test::scratch_dir() / "a.gpkg", "GPKG", {lsoas()});
  AreaLayer L = load_areas(p.string());
  EXPECT_EQ(L.key_field, "lsoa_id");
  EXPECT_EQ(L.key_detection, "detected from values: 3 codes shaped like E01 (LSOA)");
  EXPECT_EQ(L.name_field, "LSOA21NM");
  EXPECT_EQ(L.code_kind, "LSOA");
  ASSERT_EQ(L.size(), 3u);
  EXPECT_EQ(L.codes[1], "E01000002");
  EXPECT_EQ(L.names[1], "Town 002A");
  EXPECT_NEAR(area(L.geoms[0]), 10000, 1e-6);
  EXPECT_EQ(L.attrs.rows(), 3u);
  EXPECT_EQ(L.driver, "GPKG");
}

TEST(Ingest, KeyGivenAndUnknownKey) {
  auto p = write_fixture(test::scratch_dir() / "a.gpkg", "GPKG", {lsoas()});
  IngestOptions o;
  o.key_field = "ward_code";
  // ward codes repeat: features with one code are one area in pieces, merged (and dissolved, as the
  // squares share edges) and reported
  AreaLayer W = load_areas(p.string(), o);
  ASSERT_EQ(W.size(), 1u);
  EXPECT_EQ(W.stats.merged_features, 2u);
  EXPECT_EQ(W.stats.merged_codes, std::vector<std::string>{"E05000001"});
  EXPECT_NEAR(area(W.geoms[0]), 30000, 1e-6);
  EXPECT_EQ(W.geoms[0].size(), 1u);
  o.key_field = "lsoa_ID";
  EXPECT_EQ(message_of([&] { load_areas(p.string(), o); }),
            "unknown field 'lsoa_ID' in " + p.string() + " for the area codes; did you mean 'lsoa_id'?");
  EXPECT_EQ(need_of([&] { load_areas(p.string(), o); }), Need::Key);
}

TEST(Ingest, NoCodeLikeFieldAsksForKey) {
  FixtureLayer L{"x", 27700, {"label"}, {{square(0, 0, 1), {{"label", "a"}}}}};
  auto p = write_fixture(test::scratch_dir() / "x.gpkg", "GPKG", {L});
  EXPECT_EQ(message_of([&] { load_areas(p.string()); }),
            "cannot tell which field of " + p.string() +
                " holds the area codes (no field has ONS-style codes such as E01000001; fields: label); name "
                "the key field");
  EXPECT_EQ(need_of([&] { load_areas(p.string()); }), Need::Key);
  IngestOptions o;
  o.key_field = "label";
  EXPECT_EQ(load_areas(p.string(), o).codes[0], "a");
}

TEST(Ingest, LayerChoice) {
  FixtureLayer pts{"assets", 27700, {"name"}, {{"POINT(1 1)", {{"name", "x"}}}}, 1};
  FixtureLayer a = lsoas(), b = lsoas();
  a.name = "lsoa_a";
  b.name = "lsoa_b";
  a.geom_type = b.geom_type = 3;  // wkbPolygon
  auto dir = test::scratch_dir();
  auto two = write_fixture(dir / "two.gpkg", "GPKG", {a, b, pts});
  EXPECT_EQ(message_of([&] { load_areas(two.string()); }),
            two.string() + " has 2 polygon layers (lsoa_a, lsoa_b); choose one");
  EXPECT_EQ(need_of([&] { load_areas(two.string()); }), Need::Layer);
  IngestOptions o;
  o.layer = "lsoa_b";
  EXPECT_EQ(load_areas(two.string(), o).layer_name, "lsoa_b");
  o.layer = "lsoa_c";
  EXPECT_EQ(message_of([&] { load_areas(two.string(), o); }),
            "unknown layer 'lsoa_c' in " + two.string() + "; layers are: lsoa_a, lsoa_b, assets");
  o.layer = "assets";
  EXPECT_EQ(message_of([&] { load_areas(two.string(), o); }),
            "layer 'assets' in " + two.string() +
                " holds Point features, not polygons; give a boundary file, and points as assets");
  auto only_points = write_fixture(dir / "pts.gpkg", "GPKG", {pts});
  // A file with one layer of the wrong kind: say what it holds (there is no other layer to choose).
  EXPECT_EQ(message_of([&] { load_areas(only_points.string()); }),
            "layer 'assets' in " + only_points.string() +
                " holds Point features, not polygons; give a boundary file, and points as assets");
  // the single polygon layer is found among other layers
  auto one = write_fixture(dir / "one.gpkg", "GPKG", {pts, a});
  EXPECT_EQ(load_areas(one.string()).layer_name, "lsoa_a");
}

TEST(Ingest, MissingCrsNeedsAssumeCrs) {
  auto dir = test::scratch_dir();
  auto p = write_fixture(dir / "nocrs.shp", "ESRI Shapefile", {lsoas(0)});
  EXPECT_EQ(
      message_of([&] { load_areas(p.string()); }),
      "layer 'nocrs' in " + p.string() +
          " has no CRS (a Shapefile without its .prj?); give the CRS it was made in (EPSG:27700 for British "
          "National Grid)");
  EXPECT_EQ(need_of([&] { load_areas(p.string()); }), Need::SourceCrs);
  IngestOptions o;
  o.assume_crs = "EPSG:27700";
  AreaLayer L = load_areas(p.string(), o);
  EXPECT_EQ(L.source_crs, "EPSG:27700");
  EXPECT_EQ(L.size(), 3u);
  o.assume_crs = "EPSG:999999";
  EXPECT_EQ(message_of([&] { load_areas(p.string(), o); }),
            "unknown CRS 'EPSG:999999' for " + p.string() + "; give an EPSG code such as EPSG:27700");
  EXPECT_EQ(need_of([&] { load_areas(p.string(), o); }), Need::SourceCrs);
  o.assume_crs = "EPSG:27700";
  o.working_crs = "EPSG:4326";
  EXPECT_EQ(message_of([&] { load_areas(p.string(), o); }),
            "working CRS EPSG:4326 is not a projected CRS in metres; use e.g. EPSG:27700");
}

// Ordnance Survey, "A guide to coordinate systems in Great Britain", worked example (Caister water
// tower): OSGB36 lat 52°39'27.2531"N, lon 1°43'4.5177"E projects to E 651409.903, N 313177.270.
TEST(Ingest, ReprojectsOrdnanceSurveyReferencePoint) {
  const double lat = 52 + 39 / 60.0 + 27.2531 / 3600.0, lon = 1 + 43 / 60.0 + 4.5177 / 3600.0;
  char wkt[256];
  std::snprintf(wkt, sizeof wkt, "POLYGON((%.10f %.10f,%.10f %.10f,%.10f %.10f,%.10f %.10f))", lon, lat, lon + 0.001, lat,
                lon, lat + 0.001, lon, lat);
  FixtureLayer L{"p", 4277, {"code"}, {{wkt, {{"code", "E01000001"}}}}};
  // GPKG stores lat/lon in x=lon order for EPSG:4277 (GIS order), as real files do.
  auto p = write_fixture(test::scratch_dir() / "osgb36.gpkg", "GPKG", {L});
  AreaLayer A = load_areas(p.string());
  EXPECT_EQ(A.source_crs, "EPSG:4277");
  EXPECT_EQ(A.working_crs, "EPSG:27700");
  bool found = false;
  for (const auto& pt : A.geoms[0][0].rings[0])
    if (std::abs(pt.x - 651409.903) < 0.01 && std::abs(pt.y - 313177.270) < 0.01) found = true;
  EXPECT_TRUE(found) << "first vertex " << A.geoms[0][0].rings[0][0].x << ", " << A.geoms[0][0].rings[0][0].y;
}

TEST(Ingest, RepairsInvalidAndDropsEmpty) {
  FixtureLayer L{"l", 27700, {"code"}, {}};
  L.features.push_back({"POLYGON((0 0,10 10,10 0,0 10,0 0))", {{"code", "E01000001"}}});  // bow-tie
  L.features.push_back({"", {{"code", "E01000002"}}});                                  // null geometry
  L.features.push_back({"POLYGON EMPTY", {{"code", "E01000003"}}});
  L.features.push_back({square(20, 0, 10), {{"code", "E01000004"}}});
  L.features.push_back({square(40, 0, 10), {{"code", ""}}});                            // no code
  L.features.push_back({"POLYGON((50 0,60 0,70 0,50 0))", {{"code", "E01000006"}}});    // zero area
  auto p = write_fixture(test::scratch_dir() / "bad.gpkg", "GPKG", {L});
  AreaLayer A = load_areas(p.string());
  EXPECT_EQ(A.stats.features_read, 6u);
  EXPECT_EQ(A.stats.repaired, 1u);
  EXPECT_EQ(A.stats.repaired_codes, std::vector<std::string>{"E01000001"});
  EXPECT_EQ(A.stats.dropped_empty, 3u);
  EXPECT_EQ(A.stats.dropped_no_key, 1u);
  ASSERT_EQ(A.size(), 2u);
  EXPECT_EQ(A.codes[0], "E01000001");
  EXPECT_EQ(A.geoms[0].size(), 2u);  // MakeValid splits the bow-tie into two triangles
  EXPECT_NEAR(area(A.geoms[0]), 50.0, 1e-9);
  for (const auto& poly : A.geoms[0]) EXPECT_GT(signed_area(poly.rings[0]), 0);  // exteriors counter-clockwise
}

TEST(Ingest, FileErrors) {
  auto dir = test::scratch_dir();
  EXPECT_EQ(message_of([&] { load_areas((dir / "nope.gpkg").string()); }),
            "cannot find " + (dir / "nope.gpkg").string() + "; check the path");
  std::ofstream(dir / "zero.gpkg").close();
  EXPECT_EQ(message_of([&] { load_areas((dir / "zero.gpkg").string()); }),
            (dir / "zero.gpkg").string() + " is an empty file (0 bytes); the download or copy probably failed");
  std::ofstream(dir / "junk.geojson") << "{ not json";
  std::string m = message_of([&] { load_areas((dir / "junk.geojson").string()); });
  EXPECT_EQ(m.rfind("cannot open " + (dir / "junk.geojson").string() + " as vector data", 0), 0u) << m;
}

TEST(Ingest, PointsWithCategoryDetection) {
  FixtureLayer P{"assets", 4326, {"Type", "name"}, {}};
  P.features.push_back({"POINT(-2.24 53.48)", {{"Type", "library"}, {"name", "Central Library"}}});
  P.features.push_back({"POLYGON((-2.25 53.47,-2.249 53.47,-2.249 53.471,-2.25 53.471,-2.25 53.47))",
                        {{"Type", "park"}, {"name", "Small Park"}}});
  P.features.push_back({"", {{"Type", "pub"}, {"name", "Nowhere"}}});
  P.geom_type = 0;
  auto p = write_fixture(test::scratch_dir() / "assets.geojson", "GeoJSON", {P});
  PointLayer L = load_points(p.string());
  EXPECT_EQ(L.category_field, "Type");
  EXPECT_EQ(L.name_field, "name");
  ASSERT_EQ(L.size(), 2u);
  EXPECT_EQ(L.dropped_empty, 1u);
  EXPECT_EQ(L.categories[1], "park");
  // Manchester in BNG is about (383000, 398000)
  EXPECT_NEAR(L.pts[0].x, 384000, 2000);
  EXPECT_NEAR(L.pts[0].y, 398000, 2000);
}

}  // namespace nbhd
