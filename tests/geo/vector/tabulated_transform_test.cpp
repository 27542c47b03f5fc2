#include "geo/vector/tabulated_transform.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>

#include "geo/vector/gdal_handle.hpp"
#include "geo/vector/vertex_transform.hpp"

namespace nbhd {
namespace {

OgrTransform transform_between(int from, int to) {
  OgrSrs a(OSRNewSpatialReference(nullptr)), b(OSRNewSpatialReference(nullptr));
  OSRImportFromEPSG(a.get(), from);
  OSRImportFromEPSG(b.get(), to);
  OSRSetAxisMappingStrategy(a.get(), OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy(b.get(), OAMS_TRADITIONAL_GIS_ORDER);
  return OgrTransform(OCTNewCoordinateTransformation(a.get(), b.get()));
}

BBox box(double x0, double y0, double x1, double y1) {
  BBox b;
  b.expand(Point{x0, y0});
  b.expand(Point{x1, y1});
  return b;
}

// England and Wales in lon/lat, as the shared LSOA21 file's extent.
const BBox kEnglandWales = box(-6.42, 49.86, 1.77, 55.82);

TEST(TabulatedTransform, WithinAMicrometreOfProjOverEnglandAndWales) {
  OgrTransform ct = transform_between(4326, 27700);
  auto t = TabulatedTransform::build(ct.get(), kEnglandWales, 1e-6);
  ASSERT_TRUE(t.has_value());
  EXPECT_LE(t->max_check_error(), 1e-6);
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> ux(kEnglandWales.minx, kEnglandWales.maxx),
      uy(kEnglandWales.miny, kEnglandWales.maxy);
  double worst = 0;
  for (int k = 0; k < 20000; ++k) {
    Point p{ux(rng), uy(rng)};
    ASSERT_TRUE(t->covers(p));
    double x = p.x, y = p.y;
    int ok = 1;
    ASSERT_TRUE(OCTTransformEx(ct.get(), 1, &x, &y, nullptr, &ok) && ok);
    Point q = (*t)(p);
    worst = std::max({worst, std::abs(q.x - x), std::abs(q.y - y)});
  }
  EXPECT_LE(worst, 1e-6);
  std::printf("table %zu x %zu cells, worst check %.2g m, worst of 20,000 random points %.2g m\n",
              t->cells_x(), t->cells_y(), t->max_check_error(), worst);
  // The box's corners are covered too (a layer's extent touches them).
  EXPECT_TRUE(t->covers({kEnglandWales.minx, kEnglandWales.miny}));
  EXPECT_TRUE(t->covers({kEnglandWales.maxx, kEnglandWales.maxy}));
  EXPECT_FALSE(t->covers({kEnglandWales.minx - 0.5, kEnglandWales.miny}));
}

TEST(TabulatedTransform, NoTableWherePROJCannotTransformTheNodes) {
  OgrTransform ct = transform_between(4326, 27700);
  EXPECT_FALSE(TabulatedTransform::build(ct.get(), box(-10, 80, 10, 95)).has_value());  // past the pole
  EXPECT_FALSE(TabulatedTransform::build(ct.get(), BBox{}).has_value());
  EXPECT_FALSE(TabulatedTransform::build(nullptr, kEnglandWales).has_value());
}

TEST(TabulatedTransform, VertexTransformSendsOnlyPointsOutsideTheTableToProj) {
  OgrTransform ct = transform_between(4326, 27700);
  auto t = TabulatedTransform::build(ct.get(), box(-3, 53, -2, 54));
  ASSERT_TRUE(t.has_value());
  VertexTransform vt(ct.get(), &*t);
  // A square inside the table and one vertex outside it: shared source coordinates give equal results.
  MultiPolygon mp{Polygon{{Ring{{-2.5, 53.5}, {-2.4, 53.5}, {-1.5, 53.6}, {-2.5, 53.6}, {-2.5, 53.5}}}}};
  vt.transform(mp);
  EXPECT_EQ(vt.table_points(), 4u);
  EXPECT_EQ(vt.proj_points(), 1u);
  EXPECT_EQ(mp[0].rings[0].front(), mp[0].rings[0].back());
  double x = -1.5, y = 53.6;
  int ok = 1;
  ASSERT_TRUE(OCTTransformEx(ct.get(), 1, &x, &y, nullptr, &ok) && ok);
  EXPECT_EQ(mp[0].rings[0][2], (Point{x, y}));  // the outside vertex is PROJ's own
}

}  // namespace
}  // namespace nbhd
