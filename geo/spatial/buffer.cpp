#include "geo/spatial/buffer.hpp"

#include <cmath>
#include <string>

#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/spatial/geos_handle.hpp"

namespace nbhd {

MultiPolygon buffer_union(const std::vector<const MultiPolygon*>& parts, double distance,
                          int quadrant_segments) {
  if (!(distance >= 0) || !std::isfinite(distance))
    throw Error("buffer distance must be a number of metres >= 0, not " +
                (std::isnan(distance) ? std::string("NaN") : format_number(distance)));
  if (parts.empty()) return {};
  GeosContext c;
  std::vector<GEOSGeometry*> geoms;  // released into the collection below, which then owns them
  for (const MultiPolygon* mp : parts) geoms.push_back(to_geos(c, *mp).release());
  GeomPtr all =
      own(c, GEOSGeom_createCollection_r(c, GEOS_GEOMETRYCOLLECTION, geoms.data(), unsigned(geoms.size())));
  if (!all) {
    for (GEOSGeometry* g : geoms) GEOSGeom_destroy_r(c, g);
    throw Error("GEOS could not collect the areas to buffer: " + c.last_error());
  }
  // Unary union first: buffering each area and merging would leave slivers along shared edges.
  GeomPtr u = own(c, GEOSUnaryUnion_r(c, all.get()));
  if (!u) throw Error("GEOS could not merge the areas to buffer: " + c.last_error());
  GeomPtr b = own(c, GEOSBuffer_r(c, u.get(), distance, quadrant_segments));
  if (!b)
    throw Error("GEOS could not buffer the areas by " + format_number(distance) + " m: " + c.last_error());
  return from_geos(c, b.get());
}

}  // namespace nbhd
