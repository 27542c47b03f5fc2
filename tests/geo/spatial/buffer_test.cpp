// buffer_union: the ground within D of some areas, checked against distances computed here by hand
// (point to axis-aligned rectangle) and the area of a rounded rectangle.
#include <gtest/gtest.h>

#include <cmath>

#include "base/error.hpp"
#include "geo/spatial/buffer.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

MultiPolygon rect(double x0, double y0, double x1, double y1) {
  return {Polygon{{Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}};
}

// Distance from p to the rectangle [x0, x1] x [y0, y1] (0 inside).
double rect_distance(Point p, double x0, double y0, double x1, double y1) {
  double dx = std::max({0.0, x0 - p.x, p.x - x1}), dy = std::max({0.0, y0 - p.y, p.y - y1});
  return std::hypot(dx, dy);
}

TEST(BufferUnion, TwoNeighboursMergeAndEveryRingVertexIsDMetresOut) {
  // Two squares sharing an edge: their union is the 2000 x 1000 rectangle.
  MultiPolygon a = rect(400000, 300000, 401000, 301000), b = rect(401000, 300000, 402000, 301000);
  const double d = 250;
  MultiPolygon r = buffer_union({&a, &b}, d);
  ASSERT_EQ(r.size(), 1u);
  ASSERT_EQ(r[0].rings.size(), 1u) << "no sliver or hole along the shared edge";
  size_t n = 0;
  for (Point p : r[0].rings[0]) {
    double dist = rect_distance(p, 400000, 300000, 402000, 301000);
    EXPECT_NEAR(dist, d, 1e-6) << p.x << "," << p.y;  // vertices lie on the true offset curve
    ++n;
  }
  EXPECT_GT(n, 4 * 32u);  // 32 chords a quarter circle at each corner
  // Area of the rounded rectangle: A + perimeter * d + pi d^2, less the chords' small segments.
  double want = 2000.0 * 1000 + 6000 * d + M_PI * d * d;
  EXPECT_NEAR(area(r), want, want * 1e-4);
  EXPECT_LT(area(r), want);
}

TEST(BufferUnion, ZeroDistanceIsTheUnionAndBadDistancesAreRefused) {
  MultiPolygon a = rect(0, 0, 10, 10);
  MultiPolygon r = buffer_union({&a}, 0);
  EXPECT_NEAR(area(r), 100, 1e-9);
  EXPECT_TRUE(buffer_union({}, 100).empty());
  EXPECT_EQ(test::message_of([&] { buffer_union({&a}, -1); }),
            "buffer distance must be a number of metres >= 0, not -1");
}

}  // namespace
}  // namespace nbhd
