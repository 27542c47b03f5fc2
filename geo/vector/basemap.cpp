#include "geo/vector/basemap.hpp"

#include <cpl_conv.h>
#include <gdal_utils.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

#include "base/atomic_file.hpp"
#include "base/error.hpp"

namespace nbhd {

namespace {

using WarpOptions = std::unique_ptr<GDALWarpAppOptions, decltype(&GDALWarpAppOptionsFree)>;
using TranslateOptions = std::unique_ptr<GDALTranslateOptions, decltype(&GDALTranslateOptionsFree)>;

const char* kWhatToGive = "give a GeoPackage or MBTiles of raster tiles, or a GeoTIFF";

// URLs, GDAL WMS XML and GDAL's virtual paths are passed to GDAL as is; only plain files are checked first.
bool plain_file(const std::string& s) {
  return s.find("://") == std::string::npos && s.rfind("<", 0) != 0 && s.rfind("/vsi", 0) != 0 &&
         s.find(':') == std::string::npos;
}

OgrSrs srs_from(const std::string& text) {
  OgrSrs srs(OSRNewSpatialReference(nullptr));
  if (OSRSetFromUserInput(srs.get(), text.c_str()) != OGRERR_NONE) return nullptr;
  OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

std::string wkt_of(OGRSpatialReferenceH srs) {
  char* wkt = nullptr;
  OSRExportToWkt(srs, &wkt);
  std::string s = wkt ? wkt : "";
  CPLFree(wkt);
  return s;
}

// The value of a metadata item whose key is `key` in any case ("" if none).
std::string metadata_item(GDALDatasetH ds, const std::string& key) {
  char** md = GDALGetMetadata(ds, nullptr);
  for (char** p = md; p && *p; ++p) {
    std::string kv = *p;
    size_t eq = kv.find('=');
    if (eq == std::string::npos || eq != key.size()) continue;
    bool same = true;
    for (size_t i = 0; i < eq; ++i) same = same && std::tolower(static_cast<unsigned char>(kv[i])) == key[i];
    if (same) return kv.substr(eq + 1);
  }
  return "";
}

}  // namespace

Basemap::Basemap(const std::string& source, const std::string& working_crs)
    : source_(source), working_crs_(working_crs) {
  ensure_gdal();
  if (plain_file(source) && !std::filesystem::is_regular_file(source))
    throw Error("basemap " + source + " does not exist; " + kWhatToGive);
  ds_.reset(GDALOpenEx(source.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!ds_ || GDALGetRasterCount(ds_.get()) == 0)
    throw Error("basemap " + source + " holds no raster GDAL can read; " + kWhatToGive);
  double gt[6];
  const char* proj = GDALGetProjectionRef(ds_.get());
  if (GDALGetGeoTransform(ds_.get(), gt) != CE_None || !proj || !*proj)
    throw Error("basemap " + source + " has no georeferencing (no CRS or no position); " + kWhatToGive +
                " with a CRS");
  // A paletted raster (one band with a colour table) is expanded to RGBA by a VRT that GDAL warps as usual.
  if (GDALGetRasterCount(ds_.get()) == 1 && GDALGetRasterColorTable(GDALGetRasterBand(ds_.get(), 1))) {
    std::vector<const char*> args{"-of", "VRT", "-expand", "rgba", nullptr};
    TranslateOptions o(GDALTranslateOptionsNew(const_cast<char**>(args.data()), nullptr),
                       GDALTranslateOptionsFree);
    int err = 0;
    rgb_.reset(GDALTranslate("", ds_.get(), o.get(), &err));
    if (!rgb_) throw Error("cannot read basemap " + source + ": " + last_gdal_error());
  }
  std::string a = metadata_item(ds_.get(), "attribution");
  attribution_ = a.empty() ? "Basemap: " + std::filesystem::path(source).filename().string() : a;

  // Its extent in the working CRS: the corners and edges of the raster, transformed (PROJ densifies).
  int W = GDALGetRasterXSize(ds_.get()), H = GDALGetRasterYSize(ds_.get());
  double xs[4] = {gt[0], gt[0] + W * gt[1], gt[0] + H * gt[2], gt[0] + W * gt[1] + H * gt[2]};
  double ys[4] = {gt[3], gt[3] + W * gt[4], gt[3] + H * gt[5], gt[3] + W * gt[4] + H * gt[5]};
  BBox own;
  for (int i = 0; i < 4; ++i) own.expand(Point{xs[i], ys[i]});
  OgrSrs from = srs_from(proj), to = srs_from(working_crs);
  if (!from || !to) throw Error("basemap " + source + " has a CRS PROJ cannot read; " + kWhatToGive);
  OgrTransform ct(OCTNewCoordinateTransformation(from.get(), to.get()));
  double x0, y0, x1, y1;
  if (!ct || !OCTTransformBounds(ct.get(), own.minx, own.miny, own.maxx, own.maxy, &x0, &y0, &x1, &y1, 21))
    throw Error("basemap " + source + " cannot be reprojected to " + working_crs + "; " + kWhatToGive +
                " covering the map");
  extent_ = BBox{x0, y0, x1, y1};
}

RgbaImage Basemap::warp(const BBox& world, int w, int h) const {
  RgbaImage img;
  img.width = w, img.height = h, img.world = world;
  img.rgba.assign(size_t(w) * size_t(h) * 4, 0);
  if (w <= 0 || h <= 0) return img;
  GDALDatasetH src = rgb_ ? rgb_.get() : ds_.get();
  int n = GDALGetRasterCount(src);
  bool has_alpha = GDALGetRasterColorInterpretation(GDALGetRasterBand(src, n)) == GCI_AlphaBand;
  int colour_bands = n - (has_alpha ? 1 : 0);
  GdalDataset dst(GDALCreate(GDALGetDriverByName("MEM"), "", w, h, colour_bands + 1, GDT_Byte, nullptr));
  if (!dst)
    throw Error("cannot warp basemap " + source_ + ": out of memory for " + std::to_string(w) + "x" +
                std::to_string(h) + " pixels");
  double gt[6] = {world.minx, world.width() / w, 0, world.maxy, 0, -world.height() / h};
  GDALSetGeoTransform(dst.get(), gt);
  OgrSrs to = srs_from(working_crs_);
  GDALSetProjection(dst.get(), wkt_of(to.get()).c_str());
  // Bilinear where the map is as fine as the basemap or finer; averaged where it is much coarser, so thin
  // streets fade instead of breaking into dots (GDAL uses overviews where the dataset has them).
  double src_res = extent_.width() / std::max(1, GDALGetRasterXSize(src)), dst_res = world.width() / w;
  const char* method = dst_res > 1.5 * src_res ? "average" : "bilinear";
  std::vector<const char*> args{"-r", method, "-dstalpha", nullptr};
  WarpOptions o(GDALWarpAppOptionsNew(const_cast<char**>(args.data()), nullptr), GDALWarpAppOptionsFree);
  int err = 0;
  GDALDatasetH in[1] = {src};
  if (!GDALWarp(nullptr, dst.get(), 1, in, o.get(), &err) || err)
    throw Error("cannot warp basemap " + source_ + " to the map: " + last_gdal_error());
  // Grey rasters give one colour band: it is each of R, G and B.
  int bands[4] = {1, std::min(2, colour_bands), std::min(3, colour_bands), colour_bands + 1};
  for (int c = 0; c < 4; ++c) {
    if (GDALRasterIO(GDALGetRasterBand(dst.get(), bands[c]), GF_Read, 0, 0, w, h, img.rgba.data() + c, w, h,
                     GDT_Byte, 4, w * 4) != CE_None)
      throw Error("cannot warp basemap " + source_ + " to the map: " + last_gdal_error());
  }
  return img;
}

void write_raster_gpkg(const RgbaImage& image, const std::string& crs, const std::string& path,
                       const std::map<std::string, std::string>& metadata, bool overwrite) {
  ensure_gdal();
  AtomicOutput out(path, overwrite);
  GdalDataset mem(
      GDALCreate(GDALGetDriverByName("MEM"), "", image.width, image.height, 4, GDT_Byte, nullptr));
  if (!mem) throw Error("cannot write " + path + ": out of memory");
  double gt[6] = {image.world.minx,
                  image.world.width() / image.width,
                  0,
                  image.world.maxy,
                  0,
                  -image.world.height() / image.height};
  GDALSetGeoTransform(mem.get(), gt);
  OgrSrs srs = srs_from(crs);
  GDALSetProjection(mem.get(), wkt_of(srs.get()).c_str());
  for (int c = 0; c < 4; ++c) {
    GDALRasterBandH b = GDALGetRasterBand(mem.get(), c + 1);
    GDALSetRasterColorInterpretation(b, GDALColorInterp(GCI_RedBand + c));
    if (GDALRasterIO(b, GF_Write, 0, 0, image.width, image.height,
                     const_cast<uint8_t*>(image.rgba.data()) + c, image.width, image.height, GDT_Byte, 4,
                     image.width * 4) != CE_None)
      throw Error("cannot write " + path + ": " + last_gdal_error());
  }
  std::vector<const char*> opts{"TILE_FORMAT=PNG", "RASTER_TABLE=basemap", nullptr};
  GdalDataset gpkg(GDALCreateCopy(GDALGetDriverByName("GPKG"), out.temp_path().c_str(), mem.get(), FALSE,
                                  const_cast<char**>(opts.data()), nullptr, nullptr));
  if (!gpkg) throw Error("cannot write " + path + ": " + last_gdal_error());
  for (const auto& [k, v] : metadata) GDALSetMetadataItem(gpkg.get(), k.c_str(), v.c_str(), nullptr);
  gpkg.reset();  // closes (and flushes) the GeoPackage before the rename
  out.commit();
}

}  // namespace nbhd
