// libFuzzer target for vector ingest (see vector_case.hpp for the input layout): any input must give a layer
// or one nbhd::Error; never a crash, a sanitizer report, a leak or a malformed layer.
#include <gdal.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz/vector_case.hpp"
#include "geo/vector/gdal_handle.hpp"

namespace {

// Our ingest is the target, not GDAL's 200 drivers (GDAL is fuzzed by OSS-Fuzz): keep the formats
// boundaries and assets come in, so every input reaches our code.
void keep_vector_drivers() {
  const std::vector<std::string> keep = {"GPKG", "GeoJSON", "FlatGeobuf", "ESRI Shapefile"};
  for (int i = GDALGetDriverCount() - 1; i >= 0; --i) {
    GDALDriverH d = GDALGetDriver(i);
    bool wanted = false;
    for (const auto& k : keep) wanted = wanted || k == GDALGetDriverShortName(d);
    if (!wanted) {
      GDALDeregisterDriver(d);
      GDALDestroyDriver(d);  // no longer owned by the driver manager: ours to free (LSan says so)
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  nbhd::ensure_gdal();
  keep_vector_drivers();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nbhd::fuzz::VectorOutcome r = nbhd::fuzz::run_vector_case(data, size);
  if (r.areas.starts_with("BROKEN") || r.points.starts_with("BROKEN")) std::abort();
  return 0;
}
