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
};

LonLatTransform::LonLatTransform(const std::string& crs) : impl_(std::make_unique<Impl>()) {
  std::unique_ptr<PJ, PjDel> raw(proj_create_crs_to_crs(impl_->ctx.get(), crs.c_str(), "EPSG:4326", nullptr));
  if (!raw) throw Error("PROJ does not know the CRS '" + crs + "'; give an EPSG code such as EPSG:27700");
  // Longitude first, whatever axis order EPSG gives WGS 84.
  impl_->pj.reset(proj_normalize_for_visualization(impl_->ctx.get(), raw.get()));
  if (!impl_->pj)
    throw Error("PROJ cannot transform '" + crs + "' to WGS 84; give a projected or geographic CRS");
}

LonLatTransform::~LonLatTransform() = default;

bool LonLatTransform::operator()(Point p, double& lon, double& lat) const {
  PJ_COORD g = proj_trans(impl_->pj.get(), PJ_FWD, proj_coord(p.x, p.y, 0, 0));
  if (!std::isfinite(g.xy.x) || !std::isfinite(g.xy.y)) return false;
  lon = g.xy.x;
  lat = g.xy.y;
  return true;
}

bool LonLatTransform::angular() const {
  return proj_angular_input(impl_->pj.get(), PJ_FWD);
}

}  // namespace nbhd
