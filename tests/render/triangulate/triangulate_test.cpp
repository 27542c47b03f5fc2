#include "render/triangulate/triangulate.hpp"

#include <gtest/gtest.h>

#include "geo/vector/ingest.hpp"

#include <chrono>
#include <cmath>
#include <random>

#include "render/triangulate/triangulation_check.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

using test::check_triangulation;
using test::TriCheckOptions;

Ring ring(std::initializer_list<Point> pts) {
  Ring r(pts);
  r.push_back(r.front());
  return r;
}

Ring reversed(Ring r) {
  std::reverse(r.begin(), r.end());
  return r;
}

// Rectangle, counter-clockwise unless cw.
Ring rect(double x0, double y0, double x1, double y1, bool cw = false) {
  Ring r = ring({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}});
  return cw ? reversed(r) : r;
}

size_t vertex_count(const Polygon& p) {
  size_t n = 0;
  for (const auto& r : p.rings) n += r.size() - 1;
  return n;
}

// Triangulates valid input and checks it with every oracle (GEOS union included: fixtures are
// small). Valid input must never take the repairs meant for self-intersecting input.
std::vector<uint32_t> checked(const Polygon& poly, bool union_area = true,
                              TriangulateStats* stats = nullptr) {
  GeosContext ctx;
  TriangulateStats st;
  std::vector<uint32_t> tris = triangulate(poly, &st);
  TriCheckOptions opt;
  opt.union_area = union_area;
  auto r = check_triangulation(ctx, poly, tris, opt);
  EXPECT_TRUE(r.ok) << r.why;
  EXPECT_GT(r.triangles, 0u);
  EXPECT_EQ(st.crossings_cut + st.forced_ears + st.holes_dropped, 0u)
      << "invalid-input repairs on valid input";
  if (stats) *stats = st;
  return tris;
}

TEST(Triangulate, Square) {
  Polygon p{{rect(0, 0, 10, 10)}};
  EXPECT_EQ(checked(p).size(), 6u);
}

TEST(Triangulate, ClockwiseInputGivesCounterClockwiseTriangles) {
  Polygon p{{rect(0, 0, 10, 10, true), rect(2, 2, 4, 4, false)}};  // both rings the "wrong" way round
  EXPECT_EQ(checked(p).size() / 3, vertex_count(p) + 2 - 2);
}

TEST(Triangulate, ConcaveShapes) {
  // L shape, arrow and a star: n - 2 triangles for a simple polygon without straight vertices.
  Polygon l{{ring({{0, 0}, {6, 0}, {6, 2}, {2, 2}, {2, 6}, {0, 6}})}};
  EXPECT_EQ(checked(l).size() / 3, 4u);
  Polygon arrow{{ring({{0, 0}, {5, 3}, {10, 0}, {5, 10}})}};
  EXPECT_EQ(checked(arrow).size() / 3, 2u);
  Ring star;
  for (int i = 0; i < 40; ++i) {
    const double a = i * M_PI / 20, rad = i % 2 ? 3.0 : 10.0;
    star.push_back({500000 + rad * std::cos(a), 200000 + rad * std::sin(a)});
  }
  star.push_back(star.front());
  EXPECT_EQ(checked(Polygon{{star}}).size() / 3, 38u);
}

TEST(Triangulate, Holes) {
  Polygon p{{rect(0, 0, 100, 100), rect(10, 10, 30, 30, true), ring({{60, 50}, {70, 40}, {80, 50}, {70, 60}}),
             rect(40, 70, 45, 90, true)}};
  TriangulateStats st;
  // A polygon with n vertices and h holes triangulates into n + 2h - 2 triangles.
  EXPECT_EQ(checked(p, true, &st).size() / 3, vertex_count(p) + 2 * 3 - 2);
  EXPECT_EQ(st.bridges, 3u);
}

TEST(Triangulate, HolesSharingTheirRightmostX) {
  // Holes in a column: their rays to +x start at the same x and must not cross each other's bridges.
  Polygon p{{rect(0, 0, 10, 40)}};
  for (int k = 0; k < 4; ++k) p.rings.push_back(rect(2, 2 + 9 * k, 6, 8 + 9 * k, true));
  // Aligned hole sides become straight runs once bridged; their vertices are dropped, so at most
  // n + 2h - 2 triangles.
  EXPECT_LE(checked(p).size() / 3, vertex_count(p) + 2 * 4 - 2);
}

TEST(Triangulate, HoleTouchingOuterRingAtAVertex) {
  // Diamond hole whose right corner is the outer ring's vertex (10, 5).
  Polygon p{{ring({{0, 0}, {10, 0}, {10, 5}, {10, 10}, {0, 10}}), ring({{10, 5}, {6, 8}, {2, 5}, {6, 2}})}};
  checked(p);
  // ... and whose left corner touches it instead (the bridge starts elsewhere).
  Polygon q{{ring({{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 5}}), ring({{0, 5}, {4, 8}, {8, 5}, {4, 2}})}};
  checked(q);
}

TEST(Triangulate, HoleTouchingOuterEdgeInside) {
  // The hole's vertex (5, 0) lies inside the outer ring's bottom edge: a T-junction no ear can use.
  Polygon p{{rect(0, 0, 10, 10), ring({{5, 0}, {3, 4}, {7, 4}})}};
  checked(p);
  // Holes touching opposite edges, and four touching all four edges (the region falls apart into
  // pieces joined at points).
  checked(Polygon{{rect(0, 0, 10, 10), ring({{5, 0}, {3, 3}, {7, 3}}), ring({{5, 10}, {7, 7}, {3, 7}})}});
  checked(Polygon{{rect(0, 0, 10, 10), ring({{0, 5}, {3, 3}, {3, 7}}), ring({{10, 5}, {7, 7}, {7, 3}}),
                   ring({{5, 0}, {3, 3}, {7, 3}}), ring({{5, 10}, {7, 7}, {3, 7}})}});
}

TEST(Triangulate, HolesTouchingEachOther) {
  // Two square holes sharing a corner, a third touching the second along part of an edge.
  Polygon p{{rect(0, 0, 20, 20), rect(2, 2, 6, 6, true), rect(6, 6, 10, 10, true), rect(10, 7, 14, 9, true)}};
  checked(p);
}

TEST(Triangulate, DuplicatePoints) {
  Polygon p{
      {Ring{{0, 0}, {0, 0}, {10, 0}, {10, 0}, {10, 0}, {10, 10}, {5, 12}, {5, 12}, {0, 10}, {0, 0}, {0, 0}},
       Ring{{2, 2}, {2, 4}, {2, 4}, {4, 4}, {4, 2}, {2, 2}}}};
  auto tris = checked(p);
  // Repeated points add no triangles: 5 distinct outer + 4 hole vertices, one hole.
  EXPECT_EQ(tris.size() / 3, 9u + 2 - 2);
}

TEST(Triangulate, CollinearRuns) {
  // Every edge of a square carries 10 extra points on it; a hole has a straight run too.
  Ring r;
  for (int i = 0; i < 10; ++i) r.push_back({double(i), 0});
  for (int i = 0; i < 10; ++i) r.push_back({10, double(i)});
  for (int i = 10; i > 0; --i) r.push_back({double(i), 10});
  for (int i = 10; i > 0; --i) r.push_back({0, double(i)});
  r.push_back(r.front());
  Polygon p{{r, ring({{3, 3}, {3, 5}, {3, 7}, {7, 7}, {7, 3}})}};
  auto tris = checked(p);
  // Straight vertices are dropped: 4 + 4 corners, one hole.
  EXPECT_EQ(tris.size() / 3, 8u);
}

TEST(Triangulate, SpikesAndBackTracking) {
  // An antenna (5,10)->(5,15)->(5,10) and an edge that doubles back along itself.
  Polygon p{{ring({{0, 0}, {10, 0}, {10, 10}, {5, 10}, {5, 15}, {5, 10}, {0, 10}, {0, 5}, {0, 7}, {0, 5}})}};
  checked(p);
}

TEST(Triangulate, SelfTouchingRings) {
  // Two lobes of one ring meeting at (5, 5) ...
  Polygon bow{{ring({{0, 0}, {5, 5}, {10, 0}, {10, 10}, {5, 5}, {0, 10}})}};
  TriangulateStats st;
  EXPECT_EQ(checked(bow, true, &st).size() / 3, 2u);
  EXPECT_EQ(st.pinch_splits, 1u);
  // ... and a ring that touches itself to enclose an inverted hole (ESRI style): the inner loop
  // runs clockwise.
  Polygon inv{{ring({{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 5}, {4, 7}, {6, 5}, {4, 3}, {0, 5}})}};
  checked(inv);
  // A ring touching its own edge inside it (two lobes; GEOS calls it a ring self-intersection).
  checked(Polygon{{ring({{0, 0}, {10, 0}, {10, 10}, {6, 10}, {5, 0}, {4, 10}, {0, 10}})}});
  checked(Polygon{{ring({{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 7}, {5, 5}, {0, 3}})}});
  // The same with the pinch in the middle of the left side's run of points.
  Polygon inv2{
      {ring({{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 7}, {0, 5}, {4, 7}, {6, 5}, {4, 3}, {0, 5}, {0, 2}})}};
  checked(inv2);
}

TEST(Triangulate, DegenerateRings) {
  GeosContext ctx;
  EXPECT_TRUE(triangulate(Polygon{}).empty());
  EXPECT_TRUE(triangulate(Polygon{{Ring{}}}).empty());
  EXPECT_TRUE(triangulate(Polygon{{ring({{0, 0}, {1, 1}})}}).empty());
  EXPECT_TRUE(triangulate(Polygon{{ring({{0, 0}, {1, 1}, {2, 2}, {3, 3}})}}).empty());  // all on a line
  EXPECT_TRUE(triangulate(Polygon{{ring({{0, 0}, {0, 0}, {0, 0}})}}).empty());
  // A zero-area hole and a hole with two distinct points change nothing.
  Polygon p{{rect(0, 0, 10, 10), ring({{2, 2}, {4, 4}, {6, 6}}), ring({{3, 3}, {3, 3}, {3, 4}})}};
  auto tris = checked(p, false);
  EXPECT_EQ(tris.size() / 3, 2u);
}

TEST(Triangulate, Spiral) {
  // A corridor of width 1 along a square spiral (segment lengths 4, 6, 8, ...: arms 2 apart), so
  // every ear test sees many reflex vertices and the corridors are long.
  const int dx[] = {1, 0, -1, 0}, dy[] = {0, 1, 0, -1};
  std::vector<Point> path{{0, 0}};
  std::vector<int> dirs;
  double len = 4;
  for (int k = 0; k < 60; ++k, len += 2) {
    const int d = k % 4;
    path.push_back({path.back().x + dx[d] * len, path.back().y + dy[d] * len});
    dirs.push_back(d);
  }
  // Left/right offsets by 0.5: at a corner the sum of both segments' normals (a mitre for 90 degrees).
  auto normal = [&](int d) { return Point{-dy[d] * 0.5, dx[d] * 0.5}; };
  std::vector<Point> left, right;
  for (size_t i = 0; i < path.size(); ++i) {
    Point o{0, 0};
    if (i > 0) o = {o.x + normal(dirs[i - 1]).x, o.y + normal(dirs[i - 1]).y};
    if (i + 1 < path.size()) o = {o.x + normal(dirs[i]).x, o.y + normal(dirs[i]).y};
    left.push_back({path[i].x + o.x, path[i].y + o.y});
    right.push_back({path[i].x - o.x, path[i].y - o.y});
  }
  Ring r(right.begin(), right.end());
  r.insert(r.end(), left.rbegin(), left.rend());
  r.push_back(r.front());
  Polygon p{{r}};
  auto tris = checked(p);
  EXPECT_EQ(tris.size() / 3, vertex_count(p) - 2);
}

TEST(Triangulate, Comb) {
  // 200 teeth: each ear near the spine must look past the neighbouring teeth's reflex corners.
  Ring r{{0, 0}};
  const int teeth = 200;
  for (int i = 0; i < teeth; ++i) {
    r.push_back({i * 3.0 + 2, 0});
    r.push_back({i * 3.0 + 2, -50});
    r.push_back({i * 3.0 + 3, -50});
    r.push_back({i * 3.0 + 3, 0});
  }
  r.push_back({teeth * 3.0 + 2, 0});
  r.push_back({teeth * 3.0 + 2, 5});
  r.push_back({0, 5});
  r.push_back(r.front());
  // Shell from the comb, made counter-clockwise by the triangulator; plus square holes in the spine.
  Polygon p{{r}};
  for (int i = 0; i < 20; ++i) p.rings.push_back(rect(i * 30 + 1, 1, i * 30 + 3, 3, true));
  auto tris = checked(p, false);
  // The teeth's bases lie on one line, so vertices turn straight as teeth are clipped: fewer than
  // n + 2h - 2 triangles, and the checker proves the cover.
  EXPECT_LE(tris.size() / 3, vertex_count(p) + 2 * 20 - 2);
  EXPECT_GE(tris.size() / 3, vertex_count(p) / 2);
}

// Random star-shaped polygons with random holes, on BNG-sized coordinates: a property test with a
// fixed seed over shapes nobody drew by hand.
TEST(Triangulate, RandomStarsWithHoles) {
  std::mt19937 rng(20240607);
  std::uniform_real_distribution<double> u(0, 1);
  GeosContext ctx;
  for (int iter = 0; iter < 300; ++iter) {
    const int n = 3 + static_cast<int>(u(rng) * (iter < 280 ? 60 : 3000));
    const double cx = 300000 + u(rng) * 1e5, cy = 400000 + u(rng) * 1e5;
    Ring r;
    for (int i = 0; i < n; ++i) {
      const double a = 2 * M_PI * i / n, rad = 500 + u(rng) * 500;
      r.push_back({cx + rad * std::cos(a), cy + rad * std::sin(a)});
    }
    r.push_back(r.front());
    Polygon p{{r}};
    const int holes = static_cast<int>(u(rng) * 4);
    for (int h = 0; h < holes; ++h) {
      // Small holes on a ring of radius < 400 around the centre, well inside the star, not overlapping.
      const double a = 2 * M_PI * (h + u(rng) * 0.5) / 4, d = 150 + u(rng) * 150, s = 5 + u(rng) * 40;
      const double hx = cx + d * std::cos(a), hy = cy + d * std::sin(a);
      Ring hr;
      const int m = 3 + static_cast<int>(u(rng) * 8);
      for (int i = 0; i < m; ++i) {
        const double b = -2 * M_PI * i / m;
        hr.push_back({hx + s * std::cos(b), hy + s * std::sin(b)});
      }
      hr.push_back(hr.front());
      p.rings.push_back(hr);
    }
    auto tris = triangulate(p);
    TriCheckOptions opt;
    opt.union_area = n < 100;
    auto res = check_triangulation(ctx, p, tris, opt);
    ASSERT_TRUE(res.ok) << "polygon " << iter << " (" << n << " vertices, " << holes
                        << " holes): " << res.why;
    EXPECT_EQ(tris.size() / 3, vertex_count(p) + 2 * holes - 2) << "polygon " << iter;
  }
}

// Unions of random grid cells (GEOS), optionally rotated and with straight vertices removed: valid
// polygons full of holes touching the shell and each other at points, rings touching themselves,
// collinear runs and, once rotated, near-collinear ones (no exact collinearity left, but touching
// points still coincide exactly). Before the angular pinch repair, 4 in 9,495 of these failed.
TEST(Triangulate, RandomGridUnionsWithPinchesAndTouchingHoles) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(0, 1);
  GeosContext ctx;
  TriangulateStats st;
  size_t polygons = 0;
  for (int it = 0; it < 240; ++it) {
    const int n = 4 + it % 20;
    const double fill = 0.35 + 0.4 * u(rng), cell = it % 3 == 0 ? 1.0 : 0.37;
    const double ox = 400000 + u(rng) * 1000, oy = 300000 + u(rng) * 1000;
    MultiPolygon cells;
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j)
        if (u(rng) < fill)
          cells.push_back(
              Polygon{{rect(ox + i * cell, oy + j * cell, ox + (i + 1) * cell, oy + (j + 1) * cell)}});
    if (cells.empty()) continue;
    GeomPtr uni = own(ctx, GEOSUnaryUnion_r(ctx, to_geos(ctx, cells).get()));
    const bool strip = it % 2 == 1, rotate = it % 4 >= 2;
    const double a = u(rng) * 2 * M_PI, c = std::cos(a), sn = std::sin(a);
    for (Polygon p : from_geos(ctx, uni.get())) {
      for (Ring& r : p.rings) {
        if (strip) {
          Ring kept;
          const size_t m = r.size() - 1;
          for (size_t k = 0; k < m; ++k) {
            const Point pa = r[(k + m - 1) % m], pb = r[k], pc = r[(k + 1) % m];
            if ((pb.x - pa.x) * (pc.y - pa.y) - (pb.y - pa.y) * (pc.x - pa.x) != 0) kept.push_back(pb);
          }
          kept.push_back(kept.front());
          r = kept;
        }
        if (rotate)
          for (Point& q : r) {
            const double x = q.x - 400000, y = q.y - 300000;
            q = {400000 + c * x - sn * y, 300000 + sn * x + c * y};
          }
      }
      ++polygons;
      auto tris = triangulate(p, &st);
      auto res = check_triangulation(ctx, p, tris);
      ASSERT_TRUE(res.ok) << "iteration " << it << " (" << vertex_count(p) << " vertices, "
                          << p.rings.size() - 1 << " holes): " << res.why;
    }
  }
  EXPECT_GT(polygons, 3000u);
  EXPECT_GT(st.bridges, 1000u);
  EXPECT_GT(st.pinch_splits, 100u);  // the pinch repair is exercised, not just present
  EXPECT_EQ(st.crossings_cut + st.forced_ears + st.holes_dropped, 0u);
}

// Invalid input (self-intersecting): no exact answer exists, but the triangulator must return
// triangles, all counter-clockwise, with valid indices, and must not hang.
TEST(Triangulate, SelfIntersectingInputStillGivesTriangles) {
  // A symmetric bowtie has zero signed area (GEOS's area of it is 0 too): nothing to draw, no crash.
  EXPECT_TRUE(triangulate(Polygon{{ring({{0, 0}, {10, 10}, {10, 0}, {0, 10}})}}).empty());
  Polygon bowtie{{ring({{0, 0}, {10, 10}, {10, 0}, {0, 20}})}};
  Polygon twisted{{ring({{0, 0}, {10, 0}, {10, 10}, {6, 10}, {4, 12}, {4, 8}, {6, 12}, {0, 10}})}};
  Polygon hole_outside{{rect(0, 0, 10, 10), rect(20, 20, 30, 30, true)}};
  for (const Polygon* p : {&bowtie, &twisted, &hole_outside}) {
    TriangulateStats st;
    auto tris = triangulate(*p, &st);
    if (p == &hole_outside) {
      EXPECT_EQ(st.holes_dropped, 1u);
    }
    const size_t n = vertex_count(*p);
    ASSERT_FALSE(tris.empty());
    ASSERT_EQ(tris.size() % 3, 0u);
    const auto pts = test::flatten(*p);
    for (size_t t = 0; t < tris.size(); t += 3) {
      ASSERT_LT(std::max({tris[t], tris[t + 1], tris[t + 2]}), n);
      const Point a = pts[tris[t]], b = pts[tris[t + 1]], c = pts[tris[t + 2]];
      EXPECT_GT((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x), 0);
    }
  }
  // The hole outside the shell is ignored; the shell is still exact.
  EXPECT_EQ(triangulate(hole_outside).size(), 6u);
}

struct RealCheck {
  size_t areas = 0, parts = 0, holes = 0, triangles = 0, failures = 0;
  double tri_area = 0, geos_area = 0;
  TriangulateStats stats;
};

// Triangulates every polygon of a boundary file as the renderer gets it (load_areas: EPSG:27700,
// repaired) and checks each with the chain proof, GEOS area (1e-9 relative) and GEOS centroids.
RealCheck check_file(const std::string& rel) {
  RealCheck rc;
  const AreaLayer layer = load_areas((test::shared_data() / rel).string());
  GeosContext ctx;
  rc.areas = layer.size();
  for (size_t i = 0; i < layer.size(); ++i)
    for (const Polygon& p : layer.geoms[i]) {
      ++rc.parts;
      rc.holes += p.rings.size() - 1;
      auto tris = triangulate(p, &rc.stats);
      auto r = check_triangulation(ctx, p, tris);
      rc.triangles += r.triangles;
      rc.tri_area += r.triangle_area;
      rc.geos_area += r.polygon_area;
      if (!r.ok && ++rc.failures <= 10)
        ADD_FAILURE() << rel << " " << layer.codes[i] << " (" << vertex_count(p) << " vertices, "
                      << p.rings.size() - 1 << " holes): " << r.why;
    }
  EXPECT_EQ(rc.failures, 0u) << rel;
  EXPECT_EQ(rc.stats.bridges, rc.holes) << rel;
  EXPECT_EQ(rc.stats.crossings_cut + rc.stats.forced_ears + rc.stats.holes_dropped, 0u)
      << rel << ": invalid-input repairs on valid (ingest-repaired) input";
  EXPECT_NEAR(rc.tri_area, rc.geos_area, 1e-9 * rc.geos_area) << rel;
  return rc;
}

// Random rings of random points (self-intersecting, repeated and collinear points on a small integer
// grid) with random holes: no exact answer exists, but every call must return, with indices in
// range, counter-clockwise triangles, and triangles whenever a ring without holes has area. This
// is also what drives every repair stage.
TEST(Triangulate, RandomInvalidInputTerminatesWithSaneTriangles) {
  std::mt19937 rng(2);
  std::uniform_real_distribution<double> u(0, 1);
  TriangulateStats st;
  for (int it = 0; it < 6000; ++it) {
    const bool grid = it % 2 == 1;
    auto point = [&] {
      return grid ? Point{double(rng() % 6), double(rng() % 6)} : Point{u(rng) * 100, u(rng) * 100};
    };
    Polygon p;
    const int holes = static_cast<int>(rng() % 3);
    for (int k = 0; k <= holes; ++k) {
      Ring r;
      const int n = 3 + static_cast<int>(rng() % (k == 0 ? 40 : 6));
      for (int i = 0; i < n; ++i) r.push_back(point());
      r.push_back(r.front());
      p.rings.push_back(r);
    }
    const auto tris = triangulate(p, &st);
    const auto pts = test::flatten(p);
    ASSERT_EQ(tris.size() % 3, 0u);
    for (size_t t = 0; t < tris.size(); t += 3) {
      ASSERT_LT(std::max({tris[t], tris[t + 1], tris[t + 2]}), pts.size()) << "iteration " << it;
      const Point a = pts[tris[t]], b = pts[tris[t + 1]], c = pts[tris[t + 2]];
      ASSERT_GT((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x), 0) << "iteration " << it;
    }
    if (holes == 0 && signed_area(p.rings[0]) != 0) {
      EXPECT_FALSE(tris.empty()) << "iteration " << it;
    }
  }
  EXPECT_GT(st.pinch_splits, 0u);
  EXPECT_GT(st.t_junction_splits, 0u);
  EXPECT_GT(st.diagonal_splits, 0u);
  EXPECT_GT(st.crossings_cut, 0u);
  EXPECT_GT(st.forced_ears, 0u);
  EXPECT_GT(st.holes_dropped, 0u);
}

// Every LSOA 2021 polygon of England and Wales.
TEST(TriangulateRealData, EveryLsoa21PolygonIsCoveredExactly) {
  NBHD_REQUIRE_SHARED("england/lsoa21.gpkg");
  const RealCheck rc = check_file("england/lsoa21.gpkg");
  EXPECT_EQ(rc.areas, 35672u);
  EXPECT_GT(rc.parts, rc.areas);  // some LSOAs are multipolygons (islands, estuaries)
  EXPECT_GT(rc.holes, 0u);
  // England and Wales cover about 151,000 km2 (ONS), the BSC boundaries being clipped to the coast.
  EXPECT_NEAR(rc.geos_area / 1e6, 151000, 2000);
  RecordProperty("triangles", std::to_string(rc.triangles));
}

// Other boundary sets: dissolved wards (holes, pinches where LSOAs met at a point), local
// authorities (up to ~1,600 vertices: many grid cells) and LSOA 2011 (one invalid polygon that
// ingest repairs).
TEST(TriangulateRealData, WardsLocalAuthoritiesAndLsoa11AreCoveredExactly) {
  for (const char* rel : {"england/wards17_approx.gpkg", "england/ltla24.gpkg", "england/lsoa11.gpkg"}) {
    if (test::shared_data().empty() || !std::filesystem::exists(test::shared_data() / rel)) {
      GTEST_SKIP() << "shared data not found (" << rel << "): set NBHD_SHARED_DATA; skipping";
    }
    const RealCheck rc = check_file(rel);
    EXPECT_GT(rc.triangles, rc.parts) << rel;
  }
}

}  // namespace
}  // namespace nbhd
