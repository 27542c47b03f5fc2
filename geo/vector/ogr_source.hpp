#pragma once
// Opening an OGR source, choosing its layer and building the transform to the working CRS: the steps
// load_areas and load_points share, each failing with a message that names the file and the next step.
#include <string>
#include <vector>

#include "base/error.hpp"
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
  OgrTransform transform;  // source -> working; null when no reprojection is needed. Not thread-safe:
                           // each thread takes its own copy from make_transform().
};

// Opens `path` (file or "PG:..."), picks the layer (opt.layer, else the only one of `kind`), resolves CRSs.
// With opt.read_bbox, sets the layer's spatial filter (the box in the source CRS) before anything is read, so
// a database source answers with the rows whose bounding boxes meet it (PostGIS: a `&&` query).
OgrSource open_source(const std::string& path, const IngestOptions& opt, LayerKind kind);

// True for a "PG:..." connection string (PostgreSQL/PostGIS through GDAL).
bool is_pg_source(const std::string& path);

// `path` as messages show it: a "PG:" connection string without its password (password=... or the
// user:password@ of a postgresql:// URI); any other path unchanged.
std::string source_label(const std::string& path);

// The error for a "PG:" source GDAL could not open (`shown`: its label): libpq's reason and what to check.
Error pg_connect_error(const std::string& shown);

// Throws when the database behind `ds` (a PG: source) has no PostGIS extension.
void check_postgis(GDALDatasetH ds, const std::string& shown);

// A transform from the source CRS to the working CRS for one thread (OGR transforms are not thread-safe;
// a clone skips the PROJ database search that creating one costs); null when no reprojection is needed.
OgrTransform make_transform(const OgrSource& src);

// "EPSG:27700" when the SRS has an EPSG code, else its name.
std::string describe_srs(OGRSpatialReferenceH srs);

}  // namespace nbhd
