// The proximity engine against independent computations: GEOS's own unprepared predicates and distances
// over every (area, asset) pair, GEOS's STRtree for the index, and hand-built boundary cases.
#include "geo/spatial/proximity.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

#include "base/error.hpp"
#include "geo/spatial/geos_handle.hpp"

namespace nbhd {
namespace {

Polygon square(double x0, double y0, double x1, double y1) {
  return Polygon{{Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}};
}

AreaLayer layer_of(std::vector<MultiPolygon> geoms) {
  AreaLayer l;
  l.key_field = "code";
  for (size_t i = 0; i < geoms.size(); ++i) {
    l.codes.push_back("A" + std::to_string(i));
    l.names.push_back("");
    l.extent.expand(bbox_of(geoms[i]));
  }
  l.geoms = std::move(geoms);
  return l;
}

PointLayer points_of(std::vector<Point> pts, std::vector<std::string> cats) {
  PointLayer p;
  p.source = "fixture";
  p.pts = std::move(pts);
  p.categories = std::move(cats);
  p.names.assign(p.pts.size(), "");
  return p;
}

// Star-shaped polygons on a 100 m grid, every other one with a square hole, plus one two-part area.
AreaLayer star_grid(std::mt19937& rng, int nx, int ny) {
  std::uniform_real_distribution<double> rad(20, 48);
  std::vector<MultiPolygon> geoms;
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      double cx = i * 100.0 + 50, cy = j * 100.0 + 50;
      Ring ring;
      const int k = 14;
      for (int v = 0; v < k; ++v) {
        double a = 2 * M_PI * v / k, r = rad(rng);
        ring.push_back({cx + r * std::cos(a), cy + r * std::sin(a)});
      }
      ring.push_back(ring.front());
      Polygon poly{{ring}};
      if ((i + j) % 2 == 0)
        poly.rings.push_back(
            Ring{{cx - 5, cy - 5}, {cx - 5, cy + 5}, {cx + 5, cy + 5}, {cx + 5, cy - 5}, {cx - 5, cy - 5}});
      MultiPolygon mp{poly};
      if (i == 1 && j == 1)
        mp.push_back(square(cx + 300, cy + 300, cx + 310, cy + 310));  // a detached island
      geoms.push_back(std::move(mp));
    }
  // One large area (400 vertices): the engine hands those to GEOS's indexed geometry instead of scanning.
  Ring big;
  for (int v = 0; v < 400; ++v) {
    double a = 2 * M_PI * v / 400, r = 120 + 30 * std::sin(7 * a);
    big.push_back({nx * 50.0 + r * std::cos(a), ny * 100.0 + 60 + r * std::sin(a)});
  }
  big.push_back(big.front());
  geoms.push_back({Polygon{{big}}});
  return layer_of(std::move(geoms));
}

struct Brute {
  std::vector<uint32_t> inside, within;
  std::vector<double> nearest;
};

// Every pair through GEOS's unprepared Intersects and Distance: an algorithm independent of the engine's
// index, prepared geometries and shortcuts.
Brute brute_force(const AreaLayer& areas, const AssetSet& set, double D) {
  GeosContext c;
  const size_t groups = 1 + set.categories.size();
  Brute b;
  b.inside.assign(areas.size() * groups, 0);
  b.within.assign(areas.size() * groups, 0);
  b.nearest.assign(areas.size() * groups, std::numeric_limits<double>::infinity());
  std::vector<GeomPtr> pts;
  for (auto p : set.pts) pts.push_back(to_geos(c, p));
  for (size_t a = 0; a < areas.size(); ++a) {
    auto g = to_geos(c, areas.geoms[a]);
    for (size_t i = 0; i < pts.size(); ++i) {
      double d = 0;
      EXPECT_EQ(GEOSDistance_r(c, g.get(), pts[i].get(), &d), 1);
      bool in = GEOSIntersects_r(c, g.get(), pts[i].get()) == 1;
      for (size_t grp : {size_t{0}, size_t{1} + set.category[i]}) {
        size_t k = a * groups + grp;
        b.inside[k] += in;
        b.within[k] += d <= D;
        b.nearest[k] = std::min(b.nearest[k], d);
      }
    }
  }
  return b;
}

TEST(PointIndex, BoxQueriesEqualGeosStrtree) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(0, 1000);
  std::vector<Point> pts;
  for (int i = 0; i < 5000; ++i) pts.push_back({std::round(u(rng)), std::round(u(rng))});  // many duplicates
  PointIndex idx(pts);
  GeosContext c;
  GEOSSTRtree* tree = GEOSSTRtree_create_r(c, 10);
  std::vector<GeomPtr> geoms;
  std::vector<uint32_t> ids(pts.size());
  for (uint32_t i = 0; i < pts.size(); ++i) {
    ids[i] = i;
    geoms.push_back(to_geos(c, pts[i]));
    GEOSSTRtree_insert_r(c, tree, geoms.back().get(), &ids[i]);
  }
  for (int q = 0; q < 200; ++q) {
    double x = u(rng), y = u(rng), w = u(rng) / 5, h = u(rng) / 5;
    if (q % 10 == 0) w = h = 0;  // degenerate box on a lattice point
    BBox b{std::round(x), std::round(y), std::round(x) + std::round(w), std::round(y) + std::round(h)};
    std::set<uint32_t> mine, theirs;
    idx.query(b, [&](uint32_t id, Point) { mine.insert(id); });
    Polygon box = square(b.minx, b.miny, b.maxx, b.maxy);
    auto env = own(c, GEOSGeom_createRectangle_r(c, b.minx, b.miny, b.maxx, b.maxy));
    GEOSSTRtree_query_r(
        c, tree, env.get(),
        [](void* item, void* user) {
          static_cast<std::set<uint32_t>*>(user)->insert(*static_cast<uint32_t*>(item));
        },
        &theirs);
    // GEOS returns envelope candidates; keep those really in the closed box, as the engine does.
    std::set<uint32_t> exact;
    for (uint32_t id : theirs)
      if (b.contains(pts[id])) exact.insert(id);
    EXPECT_EQ(mine, exact) << "query " << q;
  }
  GEOSSTRtree_destroy_r(c, tree);
}

TEST(PointIndex, NearestEqualsBruteForceWithTiesToSmallestId) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(0, 1000);
  std::vector<Point> pts;
  for (int i = 0; i < 3000; ++i) pts.push_back({std::round(u(rng) / 10) * 10, std::round(u(rng) / 10) * 10});
  PointIndex idx(pts);
  for (int q = 0; q < 300; ++q) {
    Point t{u(rng) * 1.5 - 250, u(rng) * 1.5 - 250};
    auto dist = [&](Point p) { return std::hypot(p.x - t.x, p.y - t.y); };
    auto [id, d] = idx.nearest(
        [&](const BBox& b) {
          return box_distance(b, BBox{t.x, t.y, t.x, t.y});
        },
        [&](uint32_t, Point p) { return dist(p); });
    uint32_t best = 0;
    for (uint32_t i = 1; i < pts.size(); ++i)
      if (dist(pts[i]) < dist(pts[best])) best = i;
    EXPECT_EQ(id, best);
    EXPECT_EQ(d, dist(pts[best]));
  }
  EXPECT_EQ(PointIndex().nearest([](const BBox&) { return 0.0; }, [](uint32_t, Point) { return 0.0; }).first,
            UINT32_MAX);
}

// The documented boundary rule, on two unit-10 squares sharing the edge x = 10.
TEST(Proximity, PointOnSharedEdgeOrVertexCountsInsideBothAreas) {
  AreaLayer areas = layer_of({{square(0, 0, 10, 10)}, {square(10, 0, 20, 10)}});
  AssetIndex idx(merge_assets(
      {points_of({{5, 5}, {10, 5}, {10, 10}, {0, 0}, {25, 5}, {5, -3}}, {"a", "b", "b", "a", "a", "b"})}));
  ProximityOptions opt;
  opt.within = 5;
  opt.threads = 1;
  AreaProximity r = proximity_per_area(areas, idx, opt);
  ASSERT_EQ(r.groups, 3u);
  // Area A0: (5,5) inside, (10,5) on the shared edge, (10,10) on the shared vertex, (0,0) on its corner.
  EXPECT_EQ(r.inside[r.at(0, 0)], 4u);
  EXPECT_EQ(r.inside[r.at(1, 0)], 2u);  // A1: the shared edge and the shared vertex only
  EXPECT_EQ(r.inside[r.at(1, 2)], 2u);  // both of category b
  EXPECT_EQ(r.inside[r.at(1, 1)], 0u);  // no "a" inside A1: 0, not missing
  // Within 5 (closed): A0 adds (5,-3) at 3 m; A1 adds (25,5) and (5,5), both at exactly 5 m.
  EXPECT_EQ(r.within_n[r.at(0, 0)], 5u);
  EXPECT_EQ(r.within_n[r.at(1, 0)], 4u);
  EXPECT_EQ(r.nearest[r.at(1, 1)], 5.0);
  EXPECT_EQ(r.nearest[r.at(0, 2)], 0.0);
}

TEST(Proximity, PerAreaEqualsBruteForceOnRandomAreasAndAssets) {
  std::mt19937 rng(42);
  AreaLayer areas = star_grid(rng, 8, 6);
  std::uniform_real_distribution<double> u(-150, 950);
  std::vector<Point> pts;
  std::vector<std::string> cats;
  const char* names[] = {"library", "school", "gp"};
  for (int i = 0; i < 1500; ++i) {
    pts.push_back({u(rng), u(rng) * 0.75});
    cats.push_back(names[i % 3]);
  }
  // Assets exactly on vertices (boundary rule) and on the hole's corner.
  for (size_t a = 0; a < areas.size(); a += 5) {
    pts.push_back(areas.geoms[a][0].rings[0][3]);
    cats.push_back("library");
  }
  pts.push_back(areas.geoms[0][0].rings[1][0]);
  cats.push_back("gp");
  AssetIndex idx(merge_assets({points_of(pts, cats)}));
  for (double D : {0.0, 25.0, 120.0}) {
    ProximityOptions opt;
    opt.within = D;
    opt.threads = 3;
    AreaProximity r = proximity_per_area(areas, idx, opt);
    Brute b = brute_force(areas, idx.set(), D);
    ASSERT_EQ(r.inside.size(), b.inside.size());
    for (size_t k = 0; k < b.inside.size(); ++k) {
      EXPECT_EQ(r.inside[k], b.inside[k]) << "D=" << D << " cell " << k;
      EXPECT_EQ(r.within_n[k], b.within[k]) << "D=" << D << " cell " << k;
      EXPECT_NEAR(r.nearest[k], b.nearest[k], 1e-9) << "cell " << k;
    }
  }
}

TEST(Proximity, ThreadCountDoesNotChangeResultsAndCancelStops) {
  std::mt19937 rng(5);
  AreaLayer areas = star_grid(rng, 10, 10);
  std::uniform_real_distribution<double> u(0, 1000);
  std::vector<Point> pts;
  for (int i = 0; i < 4000; ++i) pts.push_back({u(rng), u(rng)});
  AssetIndex idx(merge_assets({points_of(pts, std::vector<std::string>(pts.size(), "x"))}));
  ProximityOptions one;
  one.threads = 1;
  one.within = 60;
  ProximityOptions many = one;
  many.threads = 7;
  AreaProximity a = proximity_per_area(areas, idx, one), b = proximity_per_area(areas, idx, many);
  EXPECT_EQ(a.inside, b.inside);
  EXPECT_EQ(a.within_n, b.within_n);
  EXPECT_EQ(a.nearest, b.nearest);
  // One thread: progress comes after every chunk, and a cancel at the second report stops the work there.
  int calls = 0;
  EXPECT_THROW(proximity_per_area(areas, idx, one, [&](double, std::string_view) { return ++calls < 2; }),
               Cancelled);
  EXPECT_EQ(calls, 2);
  // Many threads: the caller may finish no chunk itself, but its (final) report still cancels.
  EXPECT_THROW(proximity_per_area(areas, idx, many, [](double, std::string_view) { return false; }),
               Cancelled);
}

TEST(Proximity, GapTableHasZeroCountsAndPerThousand) {
  AreaLayer areas = layer_of({{square(0, 0, 10, 10)}, {square(100, 0, 110, 10)}, {square(200, 0, 210, 10)}});
  areas.key_field = "lsoa21_code";
  AssetIndex idx(merge_assets({points_of({{1, 1}, {2, 2}, {105, 5}}, {"library", "library", "gp"})}));
  ProximityOptions opt;
  opt.within = 50;
  AreaProximity r = proximity_per_area(areas, idx, opt);
  Column den;
  den.name = "households_total";
  den.type = ColumnType::Integer;
  den.num = {500, 0, 400};
  Table t = gap_table(areas, idx.set(), r, &den);
  EXPECT_EQ(t.col(0).name, "lsoa21_code");
  EXPECT_EQ(t.col(0).text, (std::vector<std::string>{"A0", "A1", "A2"}));
  EXPECT_EQ(t.column("assets_inside").num, (std::vector<double>{2, 1, 0}));
  EXPECT_EQ(t.column("library_within_50m").num, (std::vector<double>{2, 0, 0}));
  EXPECT_EQ(t.column("gp_nearest_m").num, (std::vector<double>{95, 0, 95}));
  EXPECT_EQ(t.column("assets_inside_per_1000").num[0], 4.0);
  EXPECT_TRUE(std::isnan(t.column("assets_inside_per_1000").num[1]));  // denominator 0: missing, not inf
  EXPECT_EQ(t.column("assets_inside_per_1000").num[2], 0.0);
  EXPECT_EQ(t.column("gp_inside").type, ColumnType::Integer);
}

TEST(Proximity, AssetsNearSelectionUseDistanceToNearestSelectedArea) {
  AreaLayer areas = layer_of({{square(0, 0, 10, 10)}, {square(10, 0, 20, 10)}, {square(500, 0, 510, 10)}});
  AssetIndex idx(merge_assets({points_of({{5, 5}, {30, 5}, {-4, 13}, {45, 5}, {505, 5}, {700, 0}},
                                         {"gp", "gp", "library", "gp", "school", "library"})}));
  NearResult r = assets_near(areas, {0, 1}, idx, 15);
  const AssetSet& s = idx.set();
  ASSERT_EQ(r.assets.size(), 3u);
  // Sorted by category (gp, library, school), then distance.
  EXPECT_EQ(r.assets[0].asset, 0u);
  EXPECT_EQ(r.assets[0].distance, 0.0);
  EXPECT_EQ(r.assets[1].asset, 1u);
  EXPECT_EQ(r.assets[1].distance, 10.0);  // to A1, not A0
  EXPECT_EQ(s.categories[s.category[r.assets[2].asset]], "library");
  EXPECT_EQ(r.assets[2].distance, 5.0);
  ASSERT_EQ(r.nearest.size(), 3u);
  EXPECT_EQ(r.nearest[2].asset, 4u);  // the school, however far
  EXPECT_EQ(r.nearest[2].distance, 485.0);
  EXPECT_EQ(r.nearest[1].asset, 2u);
}

TEST(Proximity, MergeKeepsFilteredCategoriesAndRejectsUnknownOnes) {
  std::vector<PointLayer> layers{points_of({{0, 0}, {1, 1}}, {"library", ""}),
                                 points_of({{2, 2}}, {"gp_practice"})};
  AssetSet all = merge_assets(layers);
  EXPECT_EQ(all.categories, (std::vector<std::string>{"gp_practice", "library", "uncategorised"}));
  EXPECT_EQ(all.layer, (std::vector<uint32_t>{0, 0, 1}));
  AssetSet some = merge_assets(layers, {"library"});
  EXPECT_EQ(some.size(), 1u);
  try {
    merge_assets(layers, {"libary"});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(
        e.what(),
        "unknown category 'libary' in fixture, fixture; categories are: gp_practice, library, uncategorised");
  }
  AreaLayer areas = layer_of({{square(0, 0, 10, 10)}});
  AssetIndex idx(std::move(all));
  ProximityOptions bad;
  bad.within = -1;
  try {
    proximity_per_area(areas, idx, bad);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "the distance D must be a number of metres >= 0, got -1");
  }
}

}  // namespace
}  // namespace nbhd
