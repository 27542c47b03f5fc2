#pragma once
// What fuzz_vector does with one input, shared with the regression tests that replay the inputs it found
// (tests/geo/fuzz_regression_test.cpp): the bytes become a GeoJSON, GeoPackage, FlatGeobuf or Shapefile in
// GDAL's /vsimem/ and go through load_areas and load_points as a file on disk would (open_source accepts /vsi
// paths).
//
// Input layout: byte 0 picks the format ('g' GeoPackage, 'f' FlatGeobuf, 's' Shapefile, anything else
// GeoJSON); the rest is the file. For a Shapefile the rest is split at "\nNBHDSPLIT\n" into .shp, .shx, .dbf
// and .prj (missing parts are simply absent files).
#include <cpl_vsi.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "geo/vector/ingest.hpp"

namespace nbhd::fuzz {

// "ok: N areas" / "ok: N points", "error: <message>", or "BROKEN: <invariant>" (a bug, whatever the input).
struct VectorOutcome {
  std::string areas, points;
};

inline std::string check_areas(const AreaLayer& L) {
  if (L.codes.size() != L.geoms.size() || L.names.size() != L.codes.size() || L.attrs.rows() != L.size())
    return "BROKEN: area vectors of different sizes";
  for (const auto& c : L.attrs.cols())
    if (c.size() != L.size()) return "BROKEN: column " + c.name + " has the wrong size";
  for (const auto& mp : L.geoms)
    for (const auto& poly : mp)
      for (const auto& ring : poly.rings) {
        if (ring.size() < 4 || !(ring.front() == ring.back())) return "BROKEN: an open or short ring";
        for (const auto& p : ring)
          if (!std::isfinite(p.x) || !std::isfinite(p.y)) return "BROKEN: a coordinate that is not finite";
      }
  return "ok: " + std::to_string(L.size()) + " areas";
}

inline std::string check_points(const PointLayer& P) {
  if (P.pts.size() != P.categories.size() || P.names.size() != P.pts.size() || P.attrs.rows() != P.size())
    return "BROKEN: point vectors of different sizes";
  for (const auto& p : P.pts)
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) return "BROKEN: a point that is not finite";
  return "ok: " + std::to_string(P.size()) + " points";
}

inline VectorOutcome run_vector_case(const uint8_t* data, size_t size) {
  if (size < 1) return {};
  static const char* const kExt[] = {".geojson", ".gpkg", ".fgb", ".shp"};
  const unsigned mode = data[0] == 'g' ? 1 : data[0] == 'f' ? 2 : data[0] == 's' ? 3 : 0;
  std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string base = "/vsimem/fuzz/in";
  std::vector<std::string> files;
  auto add = [&](const std::string& path, std::string_view bytes) {
    // Not copied, not owned: the buffer outlives the file (unlinked below).
    VSILFILE* f = VSIFileFromMemBuffer(
        path.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(bytes.data())), bytes.size(), FALSE);
    if (f) VSIFCloseL(f);
    files.push_back(path);
  };
  if (mode == 3) {
    static const char* const kParts[] = {".shp", ".shx", ".dbf", ".prj"};
    constexpr std::string_view sep = "\nNBHDSPLIT\n";
    for (const char* part : kParts) {
      size_t cut = body.find(sep);
      add(base + part, body.substr(0, cut));
      if (cut == std::string_view::npos) break;
      body.remove_prefix(cut + sep.size());
    }
  } else {
    add(base + kExt[mode], body);
  }
  const std::string path = base + kExt[mode];
  IngestOptions opt;
  opt.assume_crs = "EPSG:27700";  // so inputs without a CRS still reach the geometry code
  VectorOutcome out;
  try {
    out.areas = check_areas(load_areas(path, opt));
  } catch (const Error& e) {
    out.areas = std::string("error: ") + e.what();
  }
  try {
    out.points = check_points(load_points(path, opt));
  } catch (const Error& e) {
    out.points = std::string("error: ") + e.what();
  }
  for (const auto& f : files) VSIUnlink(f.c_str());
  return out;
}

}  // namespace nbhd::fuzz
