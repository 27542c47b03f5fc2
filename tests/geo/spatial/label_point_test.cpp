// label_points: the pole of inaccessibility of the largest part, inside a C-shaped polygon whose
// centroid is outside it, with the inscribed circle's radius.
#include <gtest/gtest.h>

#include "geo/spatial/geos_handle.hpp"
#include "geo/spatial/label_point.hpp"

namespace nbhd {
namespace {

Polygon box(double x0, double y0, double x1, double y1) {
  return Polygon{{Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}};
}

TEST(LabelPoint, SquareCentreAndCShapeInsideAndLargestPart) {
  // A C: 100 x 100 with the 80 x 60 bite (20..100, 20..80) taken out of its right side. Its centroid is
  // in the bite; the widest place is the 20-wide spine or arms, radius 10.
  Polygon c{{Ring{{0, 0}, {100, 0}, {100, 20}, {20, 20}, {20, 80}, {100, 80}, {100, 100}, {0, 100}, {0, 0}}}};
  std::vector<MultiPolygon> geoms = {
      {box(0, 0, 10, 10)}, {c}, {box(0, 0, 4, 4), box(100, 100, 130, 120)}, {}};
  auto lp = label_points(geoms, 0.001);
  ASSERT_EQ(lp.size(), 4u);
  EXPECT_NEAR(lp[0].at.x, 5, 0.05);
  EXPECT_NEAR(lp[0].at.y, 5, 0.05);
  EXPECT_NEAR(lp[0].radius, 5, 0.05);
  GeosContext g;
  GeomPtr poly = to_geos(g, geoms[1]), pt = to_geos(g, lp[1].at);
  EXPECT_EQ(GEOSContains_r(g, poly.get(), pt.get()), 1) << lp[1].at.x << "," << lp[1].at.y;
  EXPECT_NEAR(lp[1].radius, 11.716, 0.2);
  // The larger part (30 x 20: radius 10) wins over the 4 x 4 one.
  EXPECT_NEAR(lp[2].at.x, 115, 5.1);
  EXPECT_NEAR(lp[2].at.y, 110, 0.1);
  EXPECT_NEAR(lp[2].radius, 10, 0.1);
  EXPECT_EQ(lp[3].radius, 0);
}

}  // namespace
}  // namespace nbhd
