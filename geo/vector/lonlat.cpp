#include "geo/vector/lonlat.hpp"

#include <proj.h>

#include <cmath>

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

// PROJ objects are not thread-safe: each transform has its own context (declared first: freed last).
struct LonLatTransform::Impl {
  std::unique_ptr<PJ_CONTEXT, PjCtxDel> ctx{proj_context_create()};
  std::unique_ptr<PJ, PjDel> pj;
  Ellipsoid ellipsoid;
};

LonLatTransform::LonLatTransform(const std::string& crs, LonLatDatum datum)
    : impl_(std::make_unique<Impl>()) {
  PJ_CONTEXT* ctx = impl_->ctx.get();
  std::unique_ptr<PJ, PjDel> from(proj_create(ctx, crs.c_str()));
  if (!from || !proj_is_crs(from.get()))
    throw Error("PROJ does not know the CRS '" + crs + "'; give an EPSG code such as EPSG:27700");
  std::unique_ptr<PJ, PjDel> to(datum == LonLatDatum::Own ? proj_crs_get_geodetic_crs(ctx, from.get())
                                                          : proj_create(ctx, "EPSG:4326"));
  if (!to) throw Error("PROJ finds no datum for the CRS '" + crs + "'; give a projected or geographic CRS");
  std::unique_ptr<PJ, PjDel> raw(proj_create_crs_to_crs_from_pj(ctx, from.get(), to.get(), nullptr, nullptr));
  // Longitude first, whatever axis order EPSG gives the geographic CRS.
  if (raw) impl_->pj.reset(proj_normalize_for_visualization(ctx, raw.get()));
  if (!impl_->pj)
    throw Error("PROJ cannot transform '" + crs +
                "' to longitude and latitude; give a projected or "
                "geographic CRS");
  if (std::unique_ptr<PJ, PjDel> e(proj_get_ellipsoid(ctx, to.get())); e) {
    double a = 0, b = 0, inv_f = 0;
    int computed = 0;
    if (proj_ellipsoid_get_parameters(ctx, e.get(), &a, &b, &computed, &inv_f) && a > 0)
      impl_->ellipsoid = {a, inv_f > 0 ? 1 / inv_f : 0.0};
  }
}

LonLatTransform::~LonLatTransform() = default;

bool LonLatTransform::operator()(Point p, double& lon, double& lat) const {
  PJ_COORD g = proj_trans(impl_->pj.get(), PJ_FWD, proj_coord(p.x, p.y, 0, 0));
  if (!std::isfinite(g.xy.x) || !std::isfinite(g.xy.y)) return false;
  lon = g.xy.x;
  lat = g.xy.y;
  return true;
}

Ellipsoid LonLatTransform::ellipsoid() const {
  return impl_->ellipsoid;
}

bool LonLatTransform::angular() const {
  return proj_angular_input(impl_->pj.get(), PJ_FWD);
}

}  // namespace nbhd
