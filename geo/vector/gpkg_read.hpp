#pragma once
// A GeoPackage's polygon layer read straight from SQLite: one query, the geometry blobs parsed in place
// (gpkg_geometry.hpp), instead of an OGR feature and geometry built and freed for every row. Reading the
// 184,833 output areas of bench/make_scale_data.sh alone: 0.85-0.98 s through OGR, 0.49-0.53 s this way;
// in a 4000 px render of them, where workers reproject and validate while this reads: 0.87 -> 0.65 s.
//
// Contract: fills `raw` exactly as read_layer (ogr_read.hpp) would for the same layer: the same fids in
// the same (rowid) order, the same fields, cells and polygons. Geometries it does not parse itself (curves,
// collections, extension types) go through OGR's WKB reader; a blob it cannot read is asked of OGR's
// GeoPackage driver by fid, and an error when that has none either. Returns false, having read nothing,
// for a layer it does not take: not a GeoPackage file, a spatial filter set, no fid or geometry column,
// or a field type whose text OGR formats itself (dates, times, binary, lists).
#include <atomic>
#include <string>

#include "base/progress.hpp"
#include "geo/vector/ogr_read.hpp"
#include "geo/vector/ogr_source.hpp"

namespace nbhd {

bool read_gpkg_polygons(const OgrSource& src, const std::string& path, RawLayer& raw,
                        const Progress& progress, double p0, double p1,
                        std::atomic<size_t>* published = nullptr, size_t* expected = nullptr);

}  // namespace nbhd
