#pragma once
// GeoPackage geometry blobs (GeoPackage 1.x, section 2.1.3: a "GP" header, an optional envelope, then ISO
// WKB) read straight into model polygons, for the direct GeoPackage reader (gpkg_read.hpp).
//
// Contract: any bytes give one of four answers, never a read past the blob's end. Polygons and
// multipolygons (2D, Z, M, ZM; ISO or EWKB-flagged dimension codes; either byte order) are read into `out`,
// every ring's points as stored (x, y; z and m dropped), polygons whose rings are all empty left out, as
// OGR reads them. Any other geometry (curves, collections, points, GeoPackage extension types) is
// Other, with `wkb` set to its WKB for OGR to read. Counts are checked against the bytes left before any
// allocation, so a hostile count cannot make a large one.
// Speed: one pass over the bytes; about 1 ns per coordinate plus an allocation per ring.
#include <cstddef>
#include <cstdint>
#include <span>

#include "geo/model/geometry.hpp"

namespace nbhd {

enum class GpkgBlob {
  Polygonal,  // read into out (not empty)
  Empty,      // the header's empty flag, or a polygon or multipolygon with no points: out is empty
  Other,      // a geometry this reader does not take: `wkb` holds it for OGR
  Malformed,  // not a GeoPackage geometry blob, or truncated
};

GpkgBlob read_gpkg_polygons(std::span<const uint8_t> blob, MultiPolygon& out,
                            std::span<const uint8_t>* wkb = nullptr);

}  // namespace nbhd
