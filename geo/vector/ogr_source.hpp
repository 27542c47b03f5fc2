#pragma once
// Opening an OGR source, choosing its layer and building the transform to the working CRS: the steps
// load_areas and load_points share, each failing with a message that names the file and the next step.
#include <string>
#include <vector>

#include "geo/vector/gdal_handle.hpp"
#include "geo/vector/ingest.hpp"

namespace nbhd {

enum class LayerKind { Polygons, Points };

struct OgrSource {
  GdalDataset ds;
  OGRLayerH layer = nullptr;  // owned by ds
  std::string driver;
  std::string layer_name;
  std::string source_crs;   // "EPSG:4326" or the CRS's name
  std::string working_crs;  // as normalised, "EPSG:27700"
  OgrSrs src_srs;           // null when the source CRS equals the working CRS
  OgrSrs dst_srs;
  OgrTransform transform;   // source -> working; null when no reprojection is needed. Not thread-safe:
                            // each thread takes its own copy from make_transform().
};

// Opens `path` (file or "PG:..."), picks the layer (opt.layer, else the only one of `kind`), resolves CRSs.
OgrSource open_source(const std::string& path, const IngestOptions& opt, LayerKind kind);

// A transform from the source CRS to the working CRS for one thread (OGR transforms are not thread-safe;
// a clone skips the PROJ database search that creating one costs); null when no reprojection is needed.
OgrTransform make_transform(const OgrSource& src);

// "EPSG:27700" when the SRS has an EPSG code, else its name.
std::string describe_srs(OGRSpatialReferenceH srs);

}  // namespace nbhd
