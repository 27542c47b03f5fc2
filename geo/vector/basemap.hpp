#pragma once
// An offline basemap under a map: any raster GDAL reads (GeoPackage tiles, MBTiles, GeoTIFF; an XYZ/WMTS
// URL or GDAL WMS XML is passed to GDAL as is, and needs a network), warped to the map's working CRS on
// exactly the pixel grid it is drawn on, so render and the viewer never resample it twice.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "geo/model/geometry.hpp"
#include "geo/vector/gdal_handle.hpp"

namespace nbhd {

// Pixels, row-major from the top row, 4 bytes each: R, G, B, A (straight alpha). `world`: the box the
// image covers in its CRS (pixel edges, not centres).
struct RgbaImage {
  int width = 0, height = 0;
  BBox world;
  std::vector<uint8_t> rgba;
};

// An open basemap, ready to warp any part of it to one working CRS. Holds its GDAL dataset (RAII): keep
// it to one thread at a time.
class Basemap {
 public:
  // Opens `source` (a file, or anything GDAL opens as a raster). Throws nbhd::Error naming it when it
  // cannot be read, holds no raster, has no georeferencing or no CRS.
  Basemap(const std::string& source, const std::string& working_crs);

  const std::string& source() const { return source_; }
  // The dataset's own attribution (its ATTRIBUTION/attribution metadata item, GeoPackage or MBTiles), else
  // "Basemap: FILE NAME".
  const std::string& attribution() const { return attribution_; }
  // Its extent in the working CRS.
  const BBox& extent() const { return extent_; }

  // The basemap over `world` (working CRS, pixel edges) as a w x h image, bilinear, transparent where it has
  // no data. Throws nbhd::Error when GDAL fails.
  RgbaImage warp(const BBox& world, int w, int h) const;

 private:
  std::string source_, working_crs_, attribution_;
  BBox extent_;
  GdalDataset ds_;   // the dataset as opened
  GdalDataset rgb_;  // a VRT expanding a palette to RGBA (null when not paletted)
};

// Writes `image` (its `world` in `crs`) as a GeoPackage raster of PNG tiles with the metadata items given
// (e.g. {"ATTRIBUTION", "..."}), atomically. For the demo dataset's own basemap.
void write_raster_gpkg(const RgbaImage& image, const std::string& crs, const std::string& path,
                       const std::map<std::string, std::string>& metadata, bool overwrite);

}  // namespace nbhd
