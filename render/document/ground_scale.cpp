#include "render/document/ground_scale.hpp"

#include <cmath>
#include <cstdio>
#include <memory>

#include "base/error.hpp"
#include "geo/vector/lonlat.hpp"

namespace nbhd {

double ground_metres_per_unit(const std::string& crs, Point at) {
  // Ground distance is measured on the CRS's own ellipsoid, from its own datum's lon/lat: the projection's
  // inverse only (about 1 ms to make; a detour through WGS 84 made PROJ weigh datum shifts for 40 ms, and
  // measuring OSGB36 positions on the WGS 84 ellipsoid was 1e-4 off). An atlas lays out hundreds of pages
  // in the same CRS, so each thread keeps its last transform (one is not shared between threads).
  thread_local std::string cached_crs;
  thread_local std::unique_ptr<LonLatTransform> to_lonlat;
  if (!to_lonlat || cached_crs != crs) {
    to_lonlat.reset();
    try {
      to_lonlat = std::make_unique<LonLatTransform>(crs, LonLatDatum::Own);
    } catch (const Error& e) {
      throw Error(std::string("cannot draw a scale bar: ") + e.what());
    }
    cached_crs = crs;
  }
  // A step small against the map, large against float noise: 1/1000 of a typical area's size in units.
  bool degrees = std::abs(at.x) <= 360 && std::abs(at.y) <= 90 && to_lonlat->angular();
  double step = degrees ? 1e-3 : 100.0;
  Point ga, gb;  // lon, lat
  if (!(*to_lonlat)({at.x - step / 2, at.y}, ga.x, ga.y) ||
      !(*to_lonlat)({at.x + step / 2, at.y}, gb.x, gb.y))
    throw Error("cannot draw a scale bar: the map centre is outside the area of use of " + crs);
  // Distance on the ellipsoid over a short step: east-west and north-south components scaled by the radii
  // of curvature at the mean latitude (exact to ~1e-9 over 100 m).
  const Ellipsoid ell = to_lonlat->ellipsoid();
  const double a_axis = ell.a, f = ell.f, e2 = f * (2 - f);
  const double deg = M_PI / 180;
  double lat = (ga.y + gb.y) / 2 * deg;
  double s = std::sin(lat), w = std::sqrt(1 - e2 * s * s);
  double n = a_axis / w, m = a_axis * (1 - e2) / (w * w * w);
  double de = (gb.x - ga.x) * deg * n * std::cos(lat), dn = (gb.y - ga.y) * deg * m;
  return std::hypot(de, dn) / step;
}

double nice_floor(double x) {
  double p = std::pow(10.0, std::floor(std::log10(x)));
  for (double m : {5.0, 2.0, 1.0})
    if (m * p <= x * (1 + 1e-12)) return m * p;
  return p;
}

std::string format_distance(double metres) {
  char buf[32];
  if (metres >= 1000)
    std::snprintf(buf, sizeof buf, "%g km", metres / 1000);
  else
    std::snprintf(buf, sizeof buf, "%g m", metres);
  return buf;
}

}  // namespace nbhd
