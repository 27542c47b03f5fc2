#pragma once
// RAII for the GEOS reentrant C API: one GeosContext per thread; geometries owned by GeomPtr, whose
// deleter carries its context. Raw GEOSGeometry* never own.
#include <geos_c.h>

#include <memory>
#include <vector>

#include "geo/model/geometry.hpp"

namespace nbhd {

class GeosContext {
 public:
  GeosContext();
  ~GeosContext();
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;
  GEOSContextHandle_t get() const { return h_; }
  operator GEOSContextHandle_t() const { return h_; }
  // Message of the last GEOS error or notice on this context ("" if none).
  const std::string& last_error() const { return *err_; }

 private:
  GEOSContextHandle_t h_;
  std::unique_ptr<std::string> err_;
};

struct GeomDeleter {
  GEOSContextHandle_t ctx;
  void operator()(GEOSGeometry* g) const {
    if (g) GEOSGeom_destroy_r(ctx, g);
  }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

struct PreparedDeleter {
  GEOSContextHandle_t ctx;
  void operator()(const GEOSPreparedGeometry* g) const {
    if (g) GEOSPreparedGeom_destroy_r(ctx, g);
  }
};
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

inline GeomPtr own(const GeosContext& c, GEOSGeometry* g) { return GeomPtr(g, GeomDeleter{c.get()}); }

// Model <-> GEOS. to_geos returns a MultiPolygon (or Polygon for one part); from_geos accepts Polygon,
// MultiPolygon or a GeometryCollection (polygonal parts kept, lines/points dropped).
GeomPtr to_geos(const GeosContext& c, const MultiPolygon& mp);
GeomPtr to_geos(const GeosContext& c, Point p);
MultiPolygon from_geos(const GeosContext& c, const GEOSGeometry* g);

}  // namespace nbhd
