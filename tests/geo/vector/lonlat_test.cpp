#include "geo/vector/lonlat.hpp"

#include <gtest/gtest.h>

#include "base/error.hpp"

namespace nbhd {

// Ordnance Survey's Caister water tower example, in reverse: BNG E 651409.903 N 313177.270 is OSGB36
// 52°39'27.2531"N 1°43'4.5177"E; WGS84 differs from OSGB36 by ~100 m here (about 0.0015° in longitude and
// 0.0004° in latitude eastward/northward of the OSGB36 figures), so check to 0.002°.
TEST(LonLat, BritishNationalGridToWgs84) {
  LonLatTransform t("EPSG:27700");
  double lon = 0, lat = 0;
  ASSERT_TRUE(t({651409.903, 313177.270}, lon, lat));
  EXPECT_NEAR(lat, 52 + 39 / 60.0 + 27.2531 / 3600.0, 0.002);
  EXPECT_NEAR(lon, 1 + 43 / 60.0 + 4.5177 / 3600.0, 0.002);
  EXPECT_THROW(LonLatTransform("EPSG:999999"), Error);
}

// On the CRS's own datum the same point is the Ordnance Survey's published OSGB36 position, to the
// 0.0001" (3 mm) the example gives, on the Airy 1830 ellipsoid.
TEST(LonLat, BritishNationalGridToItsOwnDatum) {
  LonLatTransform t("EPSG:27700", LonLatDatum::Own);
  double lon = 0, lat = 0;
  ASSERT_TRUE(t({651409.903, 313177.270}, lon, lat));
  EXPECT_NEAR(lat, 52 + 39 / 60.0 + 27.2531 / 3600.0, 0.0002 / 3600.0);
  EXPECT_NEAR(lon, 1 + 43 / 60.0 + 4.5177 / 3600.0, 0.0002 / 3600.0);
  EXPECT_DOUBLE_EQ(t.ellipsoid().a, 6377563.396);
  EXPECT_NEAR(1 / t.ellipsoid().f, 299.3249646, 1e-6);
  EXPECT_DOUBLE_EQ(LonLatTransform("EPSG:27700").ellipsoid().a, 6378137.0);
  EXPECT_THROW(LonLatTransform("EPSG:999999", LonLatDatum::Own), Error);
}

}  // namespace nbhd
