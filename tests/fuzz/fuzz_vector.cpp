// libFuzzer target for vector ingest: bytes become a GeoJSON, GeoPackage, FlatGeobuf or Shapefile in GDAL's
// /vsimem/ and go through load_areas and load_points exactly as a file on disk would (open_source accepts
// /vsi paths). Any input must give a layer or one nbhd::Error; never a crash or a sanitizer report.
//
// Input layout: byte 0 picks the format ('g' GeoPackage, 'f' FlatGeobuf, 's' Shapefile, anything else GeoJSON);
// the rest is the file. For a Shapefile the rest is split at
// "\nNBHDSPLIT\n" into .shp, .shx, .dbf and .prj parts (missing parts are simply absent files).
#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdal.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "geo/error.hpp"
#include "geo/gdal_handle.hpp"
#include "geo/ingest.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

// Our ingest is the target, not GDAL's 200 drivers (GDAL is fuzzed by OSS-Fuzz): keep the formats
// boundaries and assets come in, so every input reaches our code.
void keep_vector_drivers() {
  const std::vector<std::string> keep = {"GPKG", "GeoJSON", "FlatGeobuf", "ESRI Shapefile"};
  for (int i = GDALGetDriverCount() - 1; i >= 0; --i) {
    GDALDriverH d = GDALGetDriver(i);
    bool wanted = false;
    for (const auto& k : keep) wanted = wanted || k == GDALGetDriverShortName(d);
    if (!wanted) GDALDeregisterDriver(d);
  }
}

void check_areas(const nbhd::AreaLayer& L) {
  check(L.codes.size() == L.geoms.size() && L.names.size() == L.codes.size() && L.attrs.rows() == L.size());
  for (const auto& c : L.attrs.cols()) check(c.size() == L.size());
  for (const auto& mp : L.geoms)
    for (const auto& poly : mp)
      for (const auto& ring : poly.rings) {
        check(ring.size() >= 4 && ring.front() == ring.back());
        for (const auto& p : ring) check(std::isfinite(p.x) && std::isfinite(p.y));
      }
}

void check_points(const nbhd::PointLayer& P) {
  check(P.pts.size() == P.categories.size() && P.names.size() == P.pts.size() && P.attrs.rows() == P.size());
  for (const auto& p : P.pts) check(std::isfinite(p.x) && std::isfinite(p.y));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  nbhd::ensure_gdal();
  keep_vector_drivers();
  // Writing nothing: the fuzzer only reads. Keep GDAL from spending time on a cache it never reuses.
  CPLSetConfigOption("GDAL_CACHEMAX", "16");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  static const char* const kExt[] = {".geojson", ".gpkg", ".fgb", ".shp"};
  const unsigned mode = data[0] == 'g' ? 1 : data[0] == 'f' ? 2 : data[0] == 's' ? 3 : 0;
  std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string base = "/vsimem/fuzz/in";
  std::vector<std::string> files;
  auto add = [&](const std::string& path, std::string_view bytes) {
    // Not copied, not owned: the buffer outlives the file (unlinked below).
    VSILFILE* f = VSIFileFromMemBuffer(path.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(bytes.data())),
                                       bytes.size(), FALSE);
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
  nbhd::IngestOptions opt;
  opt.assume_crs = "EPSG:27700";  // so inputs without a CRS still reach the geometry code
  try {
    check_areas(nbhd::load_areas(path, opt));
  } catch (const nbhd::Error&) {
  }
  try {
    check_points(nbhd::load_points(path, opt));
  } catch (const nbhd::Error&) {
  }
  for (const auto& f : files) VSIUnlink(f.c_str());
  return 0;
}
