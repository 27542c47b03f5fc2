#pragma once
// RAII owners for GDAL/OGR handles, and GDAL's last error as text.
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <memory>
#include <string>

namespace nbhd {

// Every GDAL/OGR handle is a void*: one owner template, parameterised by the call that frees it.
template <auto Free>
struct GdalFree {
  void operator()(void* h) const {
    if (h) Free(h);
  }
};
using GdalDataset = std::unique_ptr<void, GdalFree<GDALClose>>;
using OgrFeature = std::unique_ptr<void, GdalFree<OGR_F_Destroy>>;
using OgrGeometry = std::unique_ptr<void, GdalFree<OGR_G_DestroyGeometry>>;
using OgrSrs = std::unique_ptr<void, GdalFree<OSRRelease>>;
using OgrTransform = std::unique_ptr<void, GdalFree<OCTDestroyCoordinateTransformation>>;

// Registers drivers once and routes GDAL's messages so they never print to stderr by themselves.
void ensure_gdal();

// The last GDAL error message, trimmed to one line ("" if none).
std::string last_gdal_error();

}  // namespace nbhd
