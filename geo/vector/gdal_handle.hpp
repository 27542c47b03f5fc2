#pragma once
// RAII owners for GDAL/OGR handles, and GDAL's last error as text.
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <memory>
#include <string>

namespace nbhd {

struct GdalDatasetCloser {
  void operator()(GDALDatasetH h) const {
    if (h) GDALClose(h);
  }
};
using GdalDataset = std::unique_ptr<void, GdalDatasetCloser>;

struct OgrFeatureDeleter {
  void operator()(OGRFeatureH h) const {
    if (h) OGR_F_Destroy(h);
  }
};
using OgrFeature = std::unique_ptr<void, OgrFeatureDeleter>;

struct OgrGeometryDeleter {
  void operator()(OGRGeometryH h) const {
    if (h) OGR_G_DestroyGeometry(h);
  }
};
using OgrGeometry = std::unique_ptr<void, OgrGeometryDeleter>;

struct OgrSrsReleaser {
  void operator()(OGRSpatialReferenceH h) const {
    if (h) OSRRelease(h);
  }
};
using OgrSrs = std::unique_ptr<void, OgrSrsReleaser>;

struct OgrTransformDeleter {
  void operator()(OGRCoordinateTransformationH h) const {
    if (h) OCTDestroyCoordinateTransformation(h);
  }
};
using OgrTransform = std::unique_ptr<void, OgrTransformDeleter>;

// Registers drivers once and routes GDAL's messages so they never print to stderr by themselves.
void ensure_gdal();

// The last GDAL error message, trimmed to one line ("" if none).
std::string last_gdal_error();

}  // namespace nbhd
