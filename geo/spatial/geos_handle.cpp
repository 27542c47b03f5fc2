#include "geo/spatial/geos_handle.hpp"

#include <cstdarg>
#include <cstdio>

#include "base/error.hpp"

namespace nbhd {

namespace {
void geos_message(const char* msg, void* user) {
  if (user && msg) *static_cast<std::string*>(user) = msg;
}
}  // namespace

GeosContext::GeosContext() : h_(GEOS_init_r()), err_(std::make_unique<std::string>()) {
  if (!h_) throw Error("could not start GEOS (out of memory?)");
  GEOSContext_setErrorMessageHandler_r(h_, geos_message, err_.get());
  GEOSContext_setNoticeMessageHandler_r(h_, nullptr, nullptr);
}

GeosContext::~GeosContext() { GEOS_finish_r(h_); }

namespace {
// Every GEOS geometry is owned (GeomPtr) until GEOS takes it, so a ring GEOS rejects part-way through a
// polygon does not leak the rings built before it (found by the fuzzer, tests/fuzz).
GeomPtr ring_to_geos(const GeosContext& c, const Ring& r, bool shell) {
  GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(c, reinterpret_cast<const double*>(r.data()),
                                                          static_cast<unsigned>(r.size()), 0, 0);
  if (!seq) throw Error("GEOS could not build a ring: " + c.last_error());
  GEOSGeometry* g = GEOSGeom_createLinearRing_r(c, seq);  // takes the sequence, also when it fails
  if (!g) throw Error(std::string("GEOS could not build a ") + (shell ? "shell" : "hole") + ": " + c.last_error());
  return own(c, g);
}

GeomPtr polygon_to_geos(const GeosContext& c, const Polygon& p) {
  if (p.rings.empty()) return own(c, GEOSGeom_createEmptyPolygon_r(c));
  GeomPtr shell = ring_to_geos(c, p.rings[0], true);
  std::vector<GeomPtr> holes;
  holes.reserve(p.rings.size() - 1);
  for (size_t i = 1; i < p.rings.size(); ++i) holes.push_back(ring_to_geos(c, p.rings[i], false));
  std::vector<GEOSGeometry*> raw;
  for (auto& h : holes) raw.push_back(h.get());
  // GEOS takes the shell and the holes (also when it fails), so release them to it first.
  GEOSGeometry* s = shell.release();
  for (auto& h : holes) (void)h.release();
  GEOSGeometry* g = GEOSGeom_createPolygon_r(c, s, raw.data(), static_cast<unsigned>(raw.size()));
  if (!g) throw Error("GEOS could not build a polygon: " + c.last_error());
  return own(c, g);
}

void append_polygon(const GeosContext& c, const GEOSGeometry* g, MultiPolygon& out) {
  if (GEOSisEmpty_r(c, g)) return;
  Polygon poly;
  auto add_ring = [&](const GEOSGeometry* ring) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(c, ring);
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(c, seq, &n);
    Ring r(n);
    if (n) GEOSCoordSeq_copyToBuffer_r(c, seq, reinterpret_cast<double*>(r.data()), 0, 0);
    poly.rings.push_back(std::move(r));
  };
  add_ring(GEOSGetExteriorRing_r(c, g));
  int nh = GEOSGetNumInteriorRings_r(c, g);
  for (int i = 0; i < nh; ++i) add_ring(GEOSGetInteriorRingN_r(c, g, i));
  out.push_back(std::move(poly));
}

void collect(const GeosContext& c, const GEOSGeometry* g, MultiPolygon& out) {
  int type = GEOSGeomTypeId_r(c, g);
  if (type == GEOS_POLYGON) {
    append_polygon(c, g, out);
  } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    int n = GEOSGetNumGeometries_r(c, g);
    for (int i = 0; i < n; ++i) collect(c, GEOSGetGeometryN_r(c, g, i), out);
  }
}
}  // namespace

GeomPtr to_geos(const GeosContext& c, const MultiPolygon& mp) {
  if (mp.size() == 1) return polygon_to_geos(c, mp[0]);
  std::vector<GeomPtr> parts;
  parts.reserve(mp.size());
  for (const auto& p : mp) parts.push_back(polygon_to_geos(c, p));
  std::vector<GEOSGeometry*> raw;
  for (auto& part : parts) raw.push_back(part.release());  // the collection takes them
  return own(c, GEOSGeom_createCollection_r(c, GEOS_MULTIPOLYGON, raw.data(), static_cast<unsigned>(raw.size())));
}

GeomPtr to_geos(const GeosContext& c, Point p) { return own(c, GEOSGeom_createPointFromXY_r(c, p.x, p.y)); }

MultiPolygon from_geos(const GeosContext& c, const GEOSGeometry* g) {
  MultiPolygon out;
  if (g) collect(c, g, out);
  return out;
}

}  // namespace nbhd
