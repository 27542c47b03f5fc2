#pragma once
// Polygons of a boundary file, reprojected to EPSG:27700 with OGR, for the triangulation test and
// bench. Header-only so bench/ can share it. Deliberately raw (no MakeValid, no key detection): the
// triangulator is checked on the geometry as published. To be replaced by nbhd::load_areas once the
// ingest code is on main.
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "geo/geometry.hpp"

namespace nbhd::test {

struct PolygonSet {
  size_t features = 0;
  std::vector<Polygon> parts;      // one per polygon part of every feature
  std::vector<std::string> codes;  // the feature's first field, per part (for messages)
};

inline PolygonSet read_polygons_27700(const std::string& path) {
  GDALAllRegister();
  std::unique_ptr<void, decltype(&GDALClose)> ds(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr), GDALClose);
  if (!ds) throw std::runtime_error(path + ": cannot open");
  OGRLayerH layer = GDALDatasetGetLayer(ds.get(), 0);
  OGRSpatialReferenceH dst = OSRNewSpatialReference(nullptr);
  OSRImportFromEPSG(dst, 27700);
  OSRSetAxisMappingStrategy(dst, OAMS_TRADITIONAL_GIS_ORDER);
  OGRSpatialReferenceH src = OSRClone(OGR_L_GetSpatialRef(layer));
  OSRSetAxisMappingStrategy(src, OAMS_TRADITIONAL_GIS_ORDER);
  OGRCoordinateTransformationH ct = OCTNewCoordinateTransformation(src, dst);
  PolygonSet out;
  OGR_L_ResetReading(layer);
  while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
    ++out.features;
    std::string code = OGR_F_GetFieldAsString(f, 0);
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    if (g && OGR_G_Transform(g, ct) == OGRERR_NONE) {
      auto add_polygon = [&](OGRGeometryH pg) {
        Polygon poly;
        for (int r = 0; r < OGR_G_GetGeometryCount(pg); ++r) {
          OGRGeometryH ring = OGR_G_GetGeometryRef(pg, r);
          Ring pts(OGR_G_GetPointCount(ring));
          for (int i = 0; i < static_cast<int>(pts.size()); ++i)
            pts[i] = {OGR_G_GetX(ring, i), OGR_G_GetY(ring, i)};
          poly.rings.push_back(std::move(pts));
        }
        out.parts.push_back(std::move(poly));
        out.codes.push_back(code);
      };
      const auto type = wkbFlatten(OGR_G_GetGeometryType(g));
      if (type == wkbPolygon) {
        add_polygon(g);
      } else if (type == wkbMultiPolygon) {
        for (int k = 0; k < OGR_G_GetGeometryCount(g); ++k) add_polygon(OGR_G_GetGeometryRef(g, k));
      }
    }
    OGR_F_Destroy(f);
  }
  OCTDestroyCoordinateTransformation(ct);
  OSRDestroySpatialReference(src);
  OSRDestroySpatialReference(dst);
  return out;
}

}  // namespace nbhd::test
