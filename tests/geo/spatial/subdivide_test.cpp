#include "geo/spatial/subdivide.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <regex>
#include <set>

#include "base/error.hpp"
#include "geo/spatial/subdivide_layer.hpp"
#include "geo/vector/ingest.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

double geos_area(const GeosContext& c, const Polygon& p) {
  GeomPtr g = to_geos(c, MultiPolygon{p});
  double a = 0;
  GEOSArea_r(c, g.get(), &a);
  return a;
}

// One polygon that GEOS finds valid: one exterior ring around a connected interior.
bool contiguous(const GeosContext& c, const Polygon& p) {
  GeomPtr g = to_geos(c, MultiPolygon{p});
  return GEOSGeomTypeId_r(c, g.get()) == GEOS_POLYGON && GEOSisValid_r(c, g.get()) == 1;
}

// A C-shaped 1 km block (its Voronoi cells cut the arms into several pieces) and a 40 x 40 m island.
MultiPolygon c_shape_with_island() {
  Ring c{{0, 0},      {1000, 0},    {1000, 200}, {200, 200}, {200, 800},
         {1000, 800}, {1000, 1000}, {0, 1000},   {0, 0}};
  Ring island{{1500, 500}, {1540, 500}, {1540, 540}, {1500, 540}, {1500, 500}};
  return {Polygon{{c}}, Polygon{{island}}};
}

// The demo borough's LSOA boundaries (300 areas), read once.
// The first 100 of the demo borough's 300 LSOAs (enough shapes, and cheap), read once.
const AreaLayer& demo_areas() {
  static const AreaLayer layer = [] {
    AreaLayer l = load_areas((test::demo_dir() / "lsoa.gpkg").string());
    const size_t keep = 100;
    AreaLayer sub;
    sub.working_crs = l.working_crs;
    sub.key_field = l.key_field;
    sub.name_field = l.name_field;
    sub.codes.assign(l.codes.begin(), l.codes.begin() + keep);
    sub.names.assign(l.names.begin(), l.names.begin() + keep);
    sub.geoms.assign(l.geoms.begin(), l.geoms.begin() + keep);
    Column names = l.attrs.column(l.name_field);
    names.text.resize(keep);
    sub.attrs.add(std::move(names));
    return sub;
  }();
  return layer;
}

TEST(Subdivide, PartsAreContiguousDisjointAndSumToTheArea) {
  GeosContext c;
  const MultiPolygon area = c_shape_with_island();
  SubdivideOptions o;
  o.parts = 6;
  o.seed = 42;
  const std::vector<Polygon> parts = subdivide(c, area, o);
  ASSERT_GE(parts.size(), 4u);  // the C asks for round(6 x 0.9977) = 6; slivers may merge a few away
  double sum = 0;
  for (const Polygon& p : parts) {
    EXPECT_TRUE(contiguous(c, p));
    sum += geos_area(c, p);
  }
  const double whole = nbhd::area(area);
  EXPECT_NEAR(sum, whole, 1e-6 * whole);
  // Disjoint: no two parts share more than an edge.
  for (size_t i = 0; i < parts.size(); ++i)
    for (size_t j = i + 1; j < parts.size(); ++j) {
      GeomPtr a = to_geos(c, MultiPolygon{parts[i]}), b = to_geos(c, MultiPolygon{parts[j]});
      GeomPtr x = own(c, GEOSIntersection_r(c, a.get(), b.get()));
      double ax = 0;
      GEOSArea_r(c, x.get(), &ax);
      EXPECT_LT(ax, 1e-6) << i << " " << j;
    }
  // The island is a part of its own, whole; nothing else is a sliver.
  const double island = 40.0 * 40.0, mean = (whole - island) / 6;
  size_t islands = 0;
  for (const Polygon& p : parts) {
    double a = geos_area(c, p);
    if (std::abs(a - island) < 1e-6)
      ++islands;
    else
      EXPECT_GE(a, o.min_part_fraction * mean);
  }
  EXPECT_EQ(islands, 1u);
  // Deterministic for a seed; another seed gives other cuts.
  const std::vector<Polygon> again = subdivide(c, area, o);
  ASSERT_EQ(again.size(), parts.size());
  for (size_t i = 0; i < parts.size(); ++i) EXPECT_EQ(again[i].rings, parts[i].rings);
  o.seed = 43;
  const std::vector<Polygon> other = subdivide(c, area, o);
  EXPECT_FALSE(other.size() == parts.size() && other[0].rings == parts[0].rings);
}

TEST(Subdivide, OnePartIsTheAreaItself) {
  GeosContext c;
  SubdivideOptions o;
  o.parts = 1;
  const MultiPolygon area = c_shape_with_island();
  const std::vector<Polygon> parts = subdivide(c, area, o);
  ASSERT_EQ(parts.size(), 2u);  // one per component
  EXPECT_EQ(parts[0].rings, area[0].rings);
  EXPECT_EQ(parts[1].rings, area[1].rings);
}

TEST(Subdivide, DemoLayerGetsUniqueOutputAreaCodesAndPartsThatTileEachParent) {
  const AreaLayer& demo = demo_areas();
  SubdivideLayerOptions o;
  o.parts.assign(demo.size(), 5);
  o.carry = {demo.name_field};
  const AreaLayer oa = subdivide_layer(demo, o);
  ASSERT_GT(oa.size(), 4 * demo.size());
  ASSERT_EQ(oa.attrs.rows(), oa.size());
  const std::regex shape("E00[0-9]{6}");
  std::set<std::string> seen;
  std::map<std::string, double> sum;
  GeosContext c;
  const auto& parent = oa.attrs.column("lsoa21_code").text;
  for (size_t i = 0; i < oa.size(); ++i) {
    EXPECT_TRUE(std::regex_match(oa.codes[i], shape)) << oa.codes[i];
    EXPECT_TRUE(seen.insert(oa.codes[i]).second) << "duplicate " << oa.codes[i];
    EXPECT_EQ(oa.attrs.column("oa21_code").text[i], oa.codes[i]);
    EXPECT_EQ(oa.attrs.column(demo.name_field).text[i], demo.names[demo.index_of(parent[i])]);
    ASSERT_EQ(oa.geoms[i].size(), 1u);
    EXPECT_TRUE(contiguous(c, oa.geoms[i][0])) << oa.codes[i];
    sum[parent[i]] += geos_area(c, oa.geoms[i][0]);
  }
  EXPECT_EQ(oa.codes.front(), "E00000001");
  ASSERT_EQ(sum.size(), demo.size());
  for (size_t i = 0; i < demo.size(); ++i) {
    const double whole = nbhd::area(demo.geoms[i]);
    EXPECT_NEAR(sum[demo.codes[i]], whole, 1e-6 * whole) << demo.codes[i];
  }
}

TEST(Subdivide, PartCountsMustMatchTheLayer) {
  AreaLayer two;  // no demo needed: the sizes are checked first
  two.codes = {"E01000001", "E01000002", "E01000003"};
  two.geoms = {c_shape_with_island(), c_shape_with_island(), c_shape_with_island()};
  SubdivideLayerOptions o;
  o.parts = {3, 3};
  try {
    subdivide_layer(two, o);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "subdivide_layer: 2 part counts for 3 areas");
  }
}

}  // namespace
}  // namespace nbhd
