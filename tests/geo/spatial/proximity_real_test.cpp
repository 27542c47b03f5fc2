// The proximity engine on the real Greater Manchester assets and the 35,672 LSOAs, against an independent
// computation that shares only the loaded coordinates: GEOS's own STRtree over the areas, queried point by
// point (the opposite direction to the engine's area-by-area loop), with GEOS's unprepared Intersects and
// Distance. Where the peers' PostGIS answers are present they must match too.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <random>

#include "geo/spatial/geos_handle.hpp"
#include "geo/spatial/proximity.hpp"
#include "geo/vector/ingest.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

struct RealData {
  AreaLayer areas;
  std::vector<PointLayer> assets;
};

const RealData& real_data() {
  static RealData d = [] {
    RealData r;
    r.areas = load_areas((test::shared_data() / "england/lsoa21.gpkg").string());
    r.assets.push_back(load_points((test::shared_data() / "assets/gm_community_assets.gpkg").string()));
    return r;
  }();
  return d;
}

// Per area, per category (group 0 = all): counts by the independent method.
struct Independent {
  std::vector<uint32_t> inside, within500, within1000;
};

Independent independent_counts(const AreaLayer& areas, const AssetSet& set) {
  GeosContext c;
  const size_t groups = 1 + set.categories.size();
  std::vector<GeomPtr> geoms;
  GEOSSTRtree* tree = GEOSSTRtree_create_r(c, 10);
  std::vector<size_t> ids(areas.size());
  for (size_t i = 0; i < areas.size(); ++i) {
    geoms.push_back(to_geos(c, areas.geoms[i]));
    ids[i] = i;
    GEOSSTRtree_insert_r(c, tree, geoms.back().get(), &ids[i]);
  }
  Independent r;
  r.inside.assign(areas.size() * groups, 0);
  r.within500 = r.within1000 = r.inside;
  for (size_t a = 0; a < set.size(); ++a) {
    Point p = set.pts[a];
    auto pt = to_geos(c, p);
    auto env = own(c, GEOSGeom_createRectangle_r(c, p.x - 1000, p.y - 1000, p.x + 1000, p.y + 1000));
    std::vector<size_t> cand;
    GEOSSTRtree_query_r(
        c, tree, env.get(),
        [](void* item, void* user) {
          static_cast<std::vector<size_t>*>(user)->push_back(*static_cast<size_t*>(item));
        },
        &cand);
    for (size_t i : cand) {
      double d = 0;
      EXPECT_EQ(GEOSDistance_r(c, geoms[i].get(), pt.get(), &d), 1);
      bool in = GEOSIntersects_r(c, geoms[i].get(), pt.get()) == 1;
      for (size_t g : {size_t{0}, size_t{1} + set.category[a]}) {
        r.inside[i * groups + g] += in;
        r.within500[i * groups + g] += d <= 500;
        r.within1000[i * groups + g] += d <= 1000;
      }
    }
  }
  GEOSSTRtree_destroy_r(c, tree);
  return r;
}

std::map<std::string, double> read_reference(const std::filesystem::path& p) {
  std::map<std::string, double> m;
  std::ifstream f(p);
  std::string line;
  std::getline(f, line);
  while (std::getline(f, line)) {
    auto comma = line.find(',');
    m[line.substr(0, comma)] = std::stod(line.substr(comma + 1));
  }
  return m;
}

TEST(ProximityReal, CountsInsideAndWithin500And1000EqualIndependentComputation) {
  NBHD_REQUIRE_SHARED("england/lsoa21.gpkg");
  NBHD_REQUIRE_SHARED("assets/gm_community_assets.gpkg");
  const RealData& d = real_data();
  AssetIndex idx(merge_assets(d.assets));
  ASSERT_EQ(idx.set().size(), 6847u);
  Independent ind = independent_counts(d.areas, idx.set());
  for (double D : {500.0, 1000.0}) {
    ProximityOptions opt;
    opt.within = D;
    opt.nearest = false;
    AreaProximity r = proximity_per_area(d.areas, idx, opt);
    const auto& want_within = D == 500 ? ind.within500 : ind.within1000;
    size_t bad_in = 0, bad_within = 0, total_in = 0;
    for (size_t k = 0; k < ind.inside.size(); ++k) {
      bad_in += r.inside[k] != ind.inside[k];
      bad_within += r.within_n[k] != want_within[k];
      if (k % r.groups == 0) total_in += r.inside[k];
    }
    EXPECT_EQ(bad_in, 0u) << "D=" << D;
    EXPECT_EQ(bad_within, 0u) << "D=" << D;
    // Every asset lies in at least one LSOA (they are all in England); a few on shared edges in two.
    EXPECT_GE(total_in, 6847u);
  }
}

TEST(ProximityReal, NearestEqualsBruteForceToOneMillimetreOnASample) {
  NBHD_REQUIRE_SHARED("england/lsoa21.gpkg");
  NBHD_REQUIRE_SHARED("assets/gm_community_assets.gpkg");
  const RealData& d = real_data();
  AssetIndex idx(merge_assets(d.assets));
  const AssetSet& set = idx.set();
  std::mt19937 rng(2024);
  std::vector<size_t> gm, sample;
  for (size_t i = 0; i < d.areas.size(); ++i) {
    std::string lad = d.areas.attrs.column("ltla24_code").text[i];
    if (lad >= "E08000001" && lad <= "E08000010") gm.push_back(i);
  }
  ASSERT_EQ(gm.size(), 1702u);
  std::shuffle(gm.begin(), gm.end(), rng);
  sample.assign(gm.begin(), gm.begin() + 60);
  std::uniform_int_distribution<size_t> any(0, d.areas.size() - 1);
  for (int i = 0; i < 15; ++i) sample.push_back(any(rng));  // mostly far away: the nearest is tens of km off
  ProximityOptions opt;
  opt.areas = sample;
  opt.within_counts = false;
  AreaProximity r = proximity_per_area(d.areas, idx, opt);
  GeosContext c;
  std::vector<GeomPtr> pts;
  for (Point p : set.pts) pts.push_back(to_geos(c, p));
  for (size_t row = 0; row < sample.size(); ++row) {
    auto g = to_geos(c, d.areas.geoms[sample[row]]);
    std::vector<double> best(r.groups, std::numeric_limits<double>::infinity());
    for (size_t a = 0; a < pts.size(); ++a) {
      double dist = 0;
      ASSERT_EQ(GEOSDistance_r(c, g.get(), pts[a].get(), &dist), 1);
      best[0] = std::min(best[0], dist);
      best[1 + set.category[a]] = std::min(best[1 + set.category[a]], dist);
    }
    for (size_t grp = 0; grp < r.groups; ++grp)
      EXPECT_NEAR(r.nearest[r.at(row, grp)], best[grp], 1e-3)
          << d.areas.codes[sample[row]] << " group " << grp;
  }
}

// The peers' PostGIS answers (../shared/bench/reference), when present: exact counts, distances to 1 mm.
TEST(ProximityReal, MatchesPostgisReferenceAnswers) {
  NBHD_REQUIRE_SHARED("england/lsoa21.gpkg");
  NBHD_REQUIRE_SHARED("assets/gm_community_assets.gpkg");
  auto ref = test::shared_data() / ".." / "bench" / "reference";
  if (!std::filesystem::exists(ref / "a_pip_counts.csv"))
    GTEST_SKIP() << "no PostGIS reference answers at " << ref;
  const RealData& d = real_data();
  AssetIndex idx(merge_assets(d.assets));
  auto a = read_reference(ref / "a_pip_counts.csv");
  auto b = read_reference(ref / "b_dwithin1000_counts.csv");
  auto c = read_reference(ref / "c_nearest_dist.csv");
  ProximityOptions all;
  all.per_category = false;
  all.within_counts = all.nearest = false;
  AreaProximity ra = proximity_per_area(d.areas, idx, all);
  ASSERT_EQ(ra.areas.size(), a.size());
  size_t bad = 0;
  for (size_t row = 0; row < ra.areas.size(); ++row)
    bad += a.at(d.areas.codes[ra.areas[row]]) != ra.inside[row];
  EXPECT_EQ(bad, 0u);
  ProximityOptions gm;
  gm.per_category = false;
  gm.inside = false;
  for (const auto& [code, _] : b) gm.areas.push_back(d.areas.index_of(code));
  AreaProximity rb = proximity_per_area(d.areas, idx, gm);
  for (size_t row = 0; row < rb.areas.size(); ++row) {
    const std::string& code = d.areas.codes[rb.areas[row]];
    EXPECT_EQ(rb.within_n[row], b.at(code)) << code;
    EXPECT_NEAR(rb.nearest[row], c.at(code), 1e-3) << code;
  }
}

}  // namespace
}  // namespace nbhd
