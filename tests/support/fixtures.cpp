#include "support/fixtures.hpp"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <sstream>
#include <stdexcept>

namespace nbhd::test {

std::filesystem::path write_fixture(const std::filesystem::path& path, const std::string& driver,
                                    const std::vector<FixtureLayer>& layers) {
  GDALAllRegister();
  GDALDriverH drv = GDALGetDriverByName(driver.c_str());
  if (!drv) throw std::runtime_error("no driver " + driver);
  GDALDatasetH ds = GDALCreate(drv, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  if (!ds) throw std::runtime_error("cannot create " + path.string());
  for (const auto& L : layers) {
    OGRSpatialReferenceH srs = nullptr;
    if (L.epsg) {
      srs = OSRNewSpatialReference(nullptr);
      OSRImportFromEPSG(srs, L.epsg);
    }
    OGRLayerH l = GDALDatasetCreateLayer(ds, L.name.c_str(), srs, static_cast<OGRwkbGeometryType>(L.geom_type), nullptr);
    if (srs) OSRRelease(srs);
    if (!l) throw std::runtime_error("cannot create layer " + L.name);
    for (const auto& f : L.field_names) {
      OGRFieldDefnH fd = OGR_Fld_Create(f.c_str(), OFTString);
      OGR_L_CreateField(l, fd, 1);
      OGR_Fld_Destroy(fd);
    }
    for (const auto& feat : L.features) {
      OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
      for (const auto& [k, v] : feat.fields) OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, k.c_str()), v.c_str());
      if (!feat.wkt.empty()) {
        OGRGeometryH g = nullptr;
        char* w = const_cast<char*>(feat.wkt.c_str());
        if (OGR_G_CreateFromWkt(&w, nullptr, &g) != OGRERR_NONE) throw std::runtime_error("bad wkt " + feat.wkt);
        OGR_F_SetGeometryDirectly(f, g);
      }
      if (OGR_L_CreateFeature(l, f) != OGRERR_NONE) throw std::runtime_error("cannot write feature to " + path.string());
      OGR_F_Destroy(f);
    }
  }
  GDALClose(ds);
  return path;
}

std::string square(double x, double y, double s) {
  std::ostringstream o;
  o.precision(17);
  o << "POLYGON((" << x << " " << y << "," << x + s << " " << y << "," << x + s << " " << y + s << "," << x << " "
    << y + s << "," << x << " " << y << "))";
  return o.str();
}

}  // namespace nbhd::test
