#include "render/document/ground_scale.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace nbhd {

// British National Grid is a transverse Mercator on the Airy 1830 ellipsoid with scale factor F0 =
// 0.9996012717 on its central meridian (E 400 km): one grid metre there is 1 / F0 ground metres (Ordnance
// Survey, "A guide to coordinate systems in Great Britain"). Away from the meridian the point scale factor
// grows as F0 (1 + x^2 / (2 rho nu)), x the distance from the meridian on the ellipsoid (the guide's series
// to its second term, good to 1e-8 within Great Britain).
TEST(GroundScale, BritishNationalGridAgainstOrdnanceSurveyFigures) {
  const double F0 = 0.9996012717;
  EXPECT_NEAR(ground_metres_per_unit("EPSG:27700", {400000, 300000}), 1 / F0, 1e-8);

  const double a = 6377563.396, b = 6356256.909, e2 = (a * a - b * b) / (a * a);
  const double lat = 52.6 * M_PI / 180;  // E 600 km, N 300 km is near 52.6 N
  const double s2 = std::sin(lat) * std::sin(lat);
  const double nu = a / std::sqrt(1 - e2 * s2), rho = a * (1 - e2) / std::pow(1 - e2 * s2, 1.5);
  const double x = 200000 / F0;  // 200 km of grid east of the meridian, as distance on the ellipsoid
  const double k = F0 * (1 + x * x / (2 * rho * nu));
  EXPECT_NEAR(ground_metres_per_unit("EPSG:27700", {600000, 300000}), 1 / k, 1e-6);
}

}  // namespace nbhd
