#include "geo/vector/vertex_transform.hpp"

#include <gdal.h>
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "base/error.hpp"
#include "geo/vector/gdal_handle.hpp"
#include "geo/vector/ogr_read.hpp"
#include "geo/vector/ogr_source.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

OgrTransform wgs84_to_bng() {
  OgrSrs a(OSRNewSpatialReference(nullptr)), b(OSRNewSpatialReference(nullptr));
  OSRImportFromEPSG(a.get(), 4326);
  OSRImportFromEPSG(b.get(), 27700);
  OSRSetAxisMappingStrategy(a.get(), OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy(b.get(), OAMS_TRADITIONAL_GIS_ORDER);
  return OgrTransform(OCTNewCoordinateTransformation(a.get(), b.get()));
}

// The reference: every point through PROJ on its own.
void each_point(OGRCoordinateTransformationH ct, MultiPolygon& mp) {
  for (auto& poly : mp)
    for (auto& ring : poly.rings)
      for (auto& p : ring) {
        double x = p.x, y = p.y;
        int ok = 1;
        ASSERT_TRUE(OCTTransformEx(ct, 1, &x, &y, nullptr, &ok) && ok);
        p = {x, y};
      }
}

bool same_bits(const MultiPolygon& a, const MultiPolygon& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].rings.size() != b[i].rings.size()) return false;
    for (size_t r = 0; r < a[i].rings.size(); ++r) {
      const Ring &x = a[i].rings[r], &y = b[i].rings[r];
      if (x.size() != y.size() || std::memcmp(x.data(), y.data(), x.size() * sizeof(Point)) != 0)
        return false;
    }
  }
  return true;
}

// A grid of lon/lat squares (each a closed ring) sharing edges, as adjacent areas do, in row order.
std::vector<MultiPolygon> square_grid(int nx, int ny) {
  auto cx = [](int i) { return -2.5 + 0.01 * i; };
  auto cy = [](int j) { return 53.0 + 0.01 * j; };
  std::vector<MultiPolygon> out;
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i)
      out.push_back({Polygon{{Ring{
          {cx(i), cy(j)}, {cx(i + 1), cy(j)}, {cx(i + 1), cy(j + 1)}, {cx(i), cy(j + 1)}, {cx(i), cy(j)}}}}});
  return out;
}

}  // namespace

TEST(VertexTransform, BitIdenticalToPerPointProjAndSendsSharedVerticesOnce) {
  OgrTransform ct = wgs84_to_bng();
  ASSERT_TRUE(ct);
  auto grid = square_grid(40, 30), expect = grid;
  VertexTransform vt(ct.get());
  for (size_t i = 0; i < grid.size(); ++i) {
    vt.transform(grid[i]);
    each_point(ct.get(), expect[i]);
    ASSERT_TRUE(same_bits(grid[i], expect[i])) << "square " << i;
  }
  // 1,200 squares x 5 points; 41 x 31 = 1,271 distinct corners: each goes to PROJ once.
  EXPECT_EQ(vt.proj_points(), 41u * 31u);
  EXPECT_EQ(vt.memo_hits(), 1200u * 5 - 41 * 31);
}

TEST(VertexTransform, NullTransformLeavesCoordinatesAlone) {
  auto grid = square_grid(2, 1), before = grid;
  VertexTransform vt(nullptr);
  vt.transform(grid[0]);
  EXPECT_TRUE(same_bits(grid[0], before[0]));
}

TEST(VertexTransform, UnprojectablePointIsNamedAndLaterFeaturesStillCorrect) {
  OgrSrs a(OSRNewSpatialReference(nullptr)), b(OSRNewSpatialReference(nullptr));
  OSRImportFromEPSG(a.get(), 4326);
  OSRImportFromEPSG(b.get(), 3857);  // Web Mercator: no latitude beyond 90 degrees
  OSRSetAxisMappingStrategy(a.get(), OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy(b.get(), OAMS_TRADITIONAL_GIS_ORDER);
  OgrTransform ct(OCTNewCoordinateTransformation(a.get(), b.get()));
  VertexTransform vt(ct.get());
  MultiPolygon bad{Polygon{{Ring{{0, 89}, {1, 89}, {1, 95}, {0, 95}, {0, 89}}}}};
  try {
    vt.transform(bad);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "coordinate (1.000000, 95.000000) cannot be reprojected to the working CRS");
  }
  // A feature sharing the failed feature's good vertices is transformed exactly, not from stale slots.
  MultiPolygon good{Polygon{{Ring{{0, 88}, {1, 88}, {1, 89}, {0, 89}, {0, 88}}}}}, expect = good;
  vt.transform(good);
  each_point(ct.get(), expect);
  EXPECT_TRUE(same_bits(good, expect));
}

TEST(VertexTransform, NationalLsoasBitIdenticalWithFewerProjCalls) {
  NBHD_REQUIRE_SHARED("england/lsoa21.gpkg");
  const std::string path = (test::shared_data() / "england/lsoa21.gpkg").string();
  OgrSource src = open_source(path, IngestOptions{}, LayerKind::Polygons);
  RawLayer raw;
  read_layer(src, LayerKind::Polygons, path, raw, nullptr, 0, 1);
  OgrTransform ct = make_transform(src);
  ASSERT_TRUE(ct);
  VertexTransform vt(ct.get());
  size_t points = 0;
  std::mt19937 pick(7);
  for (size_t i = 0; i < raw.size(); ++i) {
    MultiPolygon before = raw.polys[i];
    for (const auto& poly : before)
      for (const auto& ring : poly.rings) points += ring.size();
    vt.transform(raw.polys[i]);
    if (pick() % 16 == 0) {  // the reference is slow: one feature in 16, spread over the file
      each_point(ct.get(), before);
      ASSERT_TRUE(same_bits(raw.polys[i], before)) << "feature " << raw.fids[i];
    }
  }
  EXPECT_EQ(points, 421310u);
  // 163,651 distinct vertices; one thread with a bounded memo sends fewer than half the points to PROJ.
  EXPECT_LT(vt.proj_points(), points / 2);
  RecordProperty("proj_points", std::to_string(vt.proj_points()));
  std::printf("VertexTransform: %zu of %zu points sent to PROJ\n", vt.proj_points(), points);
}

}  // namespace nbhd
