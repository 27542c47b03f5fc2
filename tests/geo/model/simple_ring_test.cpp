#include "geo/model/simple_ring.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "geo/spatial/geos_handle.hpp"
#include "geo/vector/ingest.hpp"
#include "geo/vector/ogr_read.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

Ring ring(std::initializer_list<Point> pts) {
  Ring r(pts);
  r.push_back(r.front());
  return r;
}

bool geos_valid(const GeosContext& geos, const Ring& r) {
  MultiPolygon mp{Polygon{{r}}};
  GeomPtr g = to_geos(geos, mp);
  return g && GEOSisValid_r(geos, g.get()) == 1;
}

TEST(SimpleRing, ShapesItMustAndMustNotPass) {
  EXPECT_TRUE(certainly_simple_ring(ring({{0, 0}, {10, 0}, {10, 10}, {0, 10}})));
  EXPECT_TRUE(certainly_simple_ring(ring({{0, 0}, {0, 10}, {10, 10}, {10, 0}})));  // either orientation
  EXPECT_TRUE(certainly_simple_ring(ring({{0, 0}, {5, 0}, {10, 0}, {10, 10}, {0, 10}})));  // straight on
  EXPECT_TRUE(certainly_simple_ring(ring({{0, 0}, {10, 0}, {5, 1}})));
  EXPECT_TRUE(certainly_simple_ring(ring({{0, 0}, {10, 0}, {10, 10}, {5, 2}, {0, 10}})));  // concave
  // Invalid: a bow-tie, a spike folding back on an edge, a vertex on another edge, a ring touching itself
  // at a vertex, every point on one line.
  EXPECT_FALSE(certainly_simple_ring(ring({{0, 0}, {10, 10}, {10, 0}, {0, 10}})));
  EXPECT_FALSE(certainly_simple_ring(ring({{0, 0}, {10, 0}, {5, 0}, {5, 10}})));
  EXPECT_FALSE(certainly_simple_ring(ring({{0, 0}, {10, 0}, {10, 10}, {5, 0}, {0, 10}})));
  EXPECT_FALSE(certainly_simple_ring(ring({{0, 0}, {4, 4}, {8, 0}, {8, 8}, {4, 4}, {0, 8}})));
  EXPECT_FALSE(certainly_simple_ring(ring({{0, 0}, {5, 0}, {10, 0}})));
  // Not its input: too few points, open, a repeated point, too many points.
  EXPECT_FALSE(certainly_simple_ring(ring({{0, 0}, {10, 0}})));
  EXPECT_FALSE(certainly_simple_ring(Ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}}));
  EXPECT_FALSE(certainly_simple_ring(ring({{0, 0}, {10, 0}, {10, 0}, {10, 10}})));
  Ring circle;
  for (int i = 0; i < 100; ++i) circle.push_back({std::cos(i * 0.0628), std::sin(i * 0.0628)});
  circle.push_back(circle.front());
  EXPECT_FALSE(certainly_simple_ring(circle));
  circle.erase(circle.begin() + 60, circle.end() - 1);
  EXPECT_TRUE(certainly_simple_ring(circle));  // 61 points: within kMaxSimpleRingPoints
}

// Near-degenerate turns at British National Grid magnitudes: a vertex a hair off the line of its neighbours.
// Whatever the answer, a true must be GEOS's answer too.
TEST(SimpleRing, NearlyCollinearAtGridMagnitudes) {
  GeosContext geos;
  for (double off : {1e-3, 1e-6, 1e-9, 1e-10, 1e-11, 0.0, -1e-11, -1e-9}) {
    Ring r = ring({{400000, 300000}, {400010, 300000}, {400020, 300000 + off}, {400010, 300010}});
    Ring spike = ring({{400000, 300000}, {400020, 300000}, {400010, 300000 + off}, {400010, 300010}});
    EXPECT_TRUE(!certainly_simple_ring(r) || geos_valid(geos, r)) << off;
    EXPECT_TRUE(!certainly_simple_ring(spike) || geos_valid(geos, spike)) << off;
  }
}

// Random rings on a coarse integer grid (so touches, collinear edges and repeated vertices are common):
// every ring it calls simple GEOS calls valid. Star-shaped rings (vertices sorted by angle around a centre,
// simple by construction) are mostly called simple, so the check above is not vacuous.
TEST(SimpleRing, NeverSaysSimpleWhereGeosSaysInvalid) {
  GeosContext geos;
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> coord(0, 6), size(3, 12);
  int simple = 0, valid = 0;
  for (int k = 0; k < 20000; ++k) {
    Ring r;
    int n = size(rng);
    for (int i = 0; i < n; ++i) {
      Point p{double(coord(rng)), double(coord(rng))};
      if (r.empty() || !(r.back() == p)) r.push_back(p);
    }
    if (r.size() < 3 || r.front() == r.back()) continue;
    r.push_back(r.front());
    const bool v = geos_valid(geos, r);
    valid += v;
    if (certainly_simple_ring(r)) {
      ++simple;
      ASSERT_TRUE(v) << "ring " << k;
    }
  }
  EXPECT_GT(simple, 100);
  EXPECT_GT(valid, simple);  // touches and collinear folds are left to GEOS
  std::uniform_real_distribution<double> angle(0, 2 * M_PI), radius(1, 100);
  int stars = 0, stars_simple = 0;
  for (int k = 0; k < 2000; ++k) {
    std::vector<double> a(size_t(size(rng)) + 3);
    for (auto& x : a) x = angle(rng);
    std::sort(a.begin(), a.end());
    Ring r;
    for (double x : a) {
      const double d = radius(rng);
      r.push_back({400000 + d * std::cos(x), 300000 + d * std::sin(x)});
    }
    r.push_back(r.front());
    ++stars;
    if (certainly_simple_ring(r)) {
      ++stars_simple;
      ASSERT_TRUE(geos_valid(geos, r)) << "star " << k;
    }
  }
  EXPECT_GT(stars_simple, stars * 9 / 10);
}

// On the real LSOA21 boundaries: every one-ring area it calls simple, GEOS calls valid, and it decides most.
TEST(SimpleRing, AgreesWithGeosOnTheLsoaBoundaries) {
  NBHD_REQUIRE_SHARED("england/lsoa21.gpkg");
  const std::string path = (test::shared_data() / "england/lsoa21.gpkg").string();
  OgrSource src = open_source(path, IngestOptions{}, LayerKind::Polygons);
  RawLayer raw;
  read_layer(src, LayerKind::Polygons, path, raw, {}, 0, 1);
  GeosContext geos;
  size_t eligible = 0, decided = 0;
  for (MultiPolygon& mp : raw.polys) {
    clean_rings(mp);
    if (mp.size() != 1 || mp[0].rings.size() != 1 || mp[0].rings[0].size() > kMaxSimpleRingPoints) continue;
    ++eligible;
    if (certainly_simple_ring(mp[0].rings[0])) {
      ++decided;
      ASSERT_TRUE(geos_valid(geos, mp[0].rings[0]));
    }
  }
  EXPECT_GT(eligible, 10000u);
  EXPECT_GT(decided, eligible * 95 / 100) << decided << " of " << eligible;
}

}  // namespace
}  // namespace nbhd
