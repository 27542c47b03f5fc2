#include "render/document/ground_scale.hpp"

#include <proj.h>

#include <cmath>
#include <cstdio>
#include <memory>

#include "base/error.hpp"

namespace nbhd {

namespace {
struct PjCtxDel {
  void operator()(PJ_CONTEXT* c) const { proj_context_destroy(c); }
};
struct PjDel {
  void operator()(PJ* p) const { proj_destroy(p); }
};
}  // namespace

double ground_metres_per_unit(const std::string& crs, Point at) {
  std::unique_ptr<PJ_CONTEXT, PjCtxDel> ctx(proj_context_create());
  std::unique_ptr<PJ, PjDel> raw(proj_create_crs_to_crs(ctx.get(), crs.c_str(), "EPSG:4326", nullptr));
  if (!raw) throw Error("cannot draw a scale bar: PROJ does not know the CRS '" + crs + "'");
  std::unique_ptr<PJ, PjDel> pj(proj_normalize_for_visualization(ctx.get(), raw.get()));
  if (!pj) throw Error("cannot draw a scale bar: PROJ cannot transform '" + crs + "' to WGS 84");
  // A step small against the map, large against float noise: 1/1000 of a typical area's size in units.
  bool degrees = std::abs(at.x) <= 360 && std::abs(at.y) <= 90 && proj_angular_input(pj.get(), PJ_FWD);
  double step = degrees ? 1e-3 : 100.0;
  PJ_COORD a = proj_coord(at.x - step / 2, at.y, 0, 0), b = proj_coord(at.x + step / 2, at.y, 0, 0);
  PJ_COORD ga = proj_trans(pj.get(), PJ_FWD, a), gb = proj_trans(pj.get(), PJ_FWD, b);
  if (!std::isfinite(ga.xy.x) || !std::isfinite(gb.xy.x))
    throw Error("cannot draw a scale bar: the map centre is outside the area of use of " + crs);
  // Distance on the WGS 84 ellipsoid over a short step: east-west and north-south components scaled by the
  // radii of curvature at the mean latitude (exact to ~1e-9 over 100 m).
  const double a_axis = 6378137.0, f = 1 / 298.257223563, e2 = f * (2 - f);
  const double deg = M_PI / 180;
  double lat = (ga.xy.y + gb.xy.y) / 2 * deg;
  double s = std::sin(lat), w = std::sqrt(1 - e2 * s * s);
  double n = a_axis / w, m = a_axis * (1 - e2) / (w * w * w);
  double de = (gb.xy.x - ga.xy.x) * deg * n * std::cos(lat), dn = (gb.xy.y - ga.xy.y) * deg * m;
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
