// Inputs the fuzzers (tests/fuzz) found to break an invariant, a sanitizer or the one-error rule, replayed
// through the same code path as the fuzzer (vector_case.hpp) on every test run, sanitized or not. Each file
// in tests/fuzz/regressions/<target>/ is named for what it broke; its expected outcome is listed here.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "base/error.hpp"
#include "fuzz/vector_case.hpp"
#include "geo/spatial/geos_handle.hpp"
#include "geo/vector/gdal_handle.hpp"
#include "support/test_data.hpp"

namespace fs = std::filesystem;

namespace nbhd {

namespace {
std::string read(const fs::path& p) {
  return test::read_file(p);
}
}  // namespace

TEST(FuzzRegression, VectorInputs) {
  ensure_gdal();
  // file -> {load_areas outcome, load_points outcome}
  const std::map<std::string, fuzz::VectorOutcome> expected = {
      // A Shapefile polygon whose later ring GEOS rejects: to_geos leaked the rings built before it (LSan),
      // and
      // load_points passed unclosed/short rings to GEOS and lost the file name in the error.
      // Now rings are cleaned first (closed, >= 4 points) and both loads succeed.
      {"shapefile_polygon_short_ring_leak", {"ok: 2 areas", "ok: 2 points"}},
      // A polygon asset with finite but huge coordinates: GEOS's point on surface overflowed to a non-finite
      // point, which load_points kept. Now a one-line error naming the feature.
      {"shapefile_polygon_asset_huge_coordinates",
       {"error: cannot tell which field of /vsimem/fuzz/in.shp holds the area codes (no field has ONS-style "
        "codes "
        "such as E01000001; fields: lsoa21_cod, lsoa21_nam); name the key field",
        "error: /vsimem/fuzz/in.shp: feature 1 has coordinates too large to place a point on its surface; "
        "fix or "
        "remove that feature"}},
  };
  const fs::path dir = fs::path(NBHD_SOURCE_DIR) / "tests" / "fuzz" / "regressions" / "vector";
  size_t seen = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    SCOPED_TRACE(name);
    const std::string bytes = read(e.path());
    fuzz::VectorOutcome got =
        fuzz::run_vector_case(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    EXPECT_FALSE(got.areas.starts_with("BROKEN")) << got.areas;
    EXPECT_FALSE(got.points.starts_with("BROKEN")) << got.points;
    auto it = expected.find(name);
    ASSERT_NE(it, expected.end()) << "add the expected outcome of " << name << ": areas '" << got.areas
                                  << "', points '" << got.points << "'";
    EXPECT_EQ(got.areas, it->second.areas);
    EXPECT_EQ(got.points, it->second.points);
    ++seen;
  }
  EXPECT_EQ(seen, expected.size());
}

// The leak itself, at its source: a ring GEOS rejects after others were built must free them (the sanitizer
// build's LSan fails this test if it does not) and say what was wrong.
TEST(FuzzRegression, ToGeosFreesRingsWhenGeosRejectsOne) {
  GeosContext geos;
  Polygon p;
  p.rings.push_back({{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}});
  p.rings.push_back({{1, 1}, {2, 1}, {2, 2}, {1, 2}});  // not closed: not a ring
  MultiPolygon two{p, p};
  for (const MultiPolygon& mp : {MultiPolygon{p}, two}) {
    try {
      to_geos(geos, mp);
      ADD_FAILURE() << "GEOS accepted an open ring";
    } catch (const Error& e) {
      EXPECT_EQ(
          std::string(e.what()),
          "GEOS could not build a hole: IllegalArgumentException: Points of LinearRing do not form a closed "
          "linestring");
    }
  }
}

}  // namespace nbhd
