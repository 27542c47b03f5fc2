#include "geo/vector/vector_write.hpp"

#include <cmath>
#include <filesystem>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "geo/vector/gdal_handle.hpp"
#include "geo/vector/ogr_source.hpp"

namespace nbhd {

namespace {

OgrGeometry to_ogr(const MultiPolygon& mp) {
  OgrGeometry multi(OGR_G_CreateGeometry(wkbMultiPolygon));
  for (const auto& poly : mp) {
    OGRGeometryH p = OGR_G_CreateGeometry(wkbPolygon);
    for (const auto& ring : poly.rings) {
      OGRGeometryH r = OGR_G_CreateGeometry(wkbLinearRing);
      OGR_G_SetPoints(r, static_cast<int>(ring.size()), &ring[0].x, sizeof(Point), &ring[0].y, sizeof(Point),
                      nullptr, 0);
      OGR_G_AddGeometryDirectly(p, r);
    }
    OGR_G_AddGeometryDirectly(multi.get(), p);
  }
  return multi;
}

// Where a layer is written, as messages name it, and what to check when writing fails.
struct Target {
  std::string label;  // "out.gpkg", or "table 'joined' in PG:dbname=x" (no password)
  std::string hint;
};

Target file_target(const std::string& path) {
  return {path, "check free disk space and that the folder is writable"};
}

Error write_error(const Target& t, const std::string& what) {
  return Error("cannot write " + t.label + ": " + what +
               (last_gdal_error().empty() ? "" : " (" + last_gdal_error() + ")") + "; " + t.hint);
}

// A dataset with one layer being written (inside a transaction) whose fields mirror `attrs`.
struct OutLayer {
  GdalDataset ds;
  OGRLayerH layer = nullptr;
  Target target;
};

void define_layer(OutLayer& g, const std::string& lname, const std::string& crs, OGRwkbGeometryType type,
                  const Table& attrs, CSLConstList options) {
  OgrSrs srs(OSRNewSpatialReference(nullptr));
  OSRSetFromUserInput(srs.get(), crs.c_str());
  OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
  g.layer = GDALDatasetCreateLayer(g.ds.get(), lname.c_str(), srs.get(), type, const_cast<char**>(options));
  if (!g.layer) throw write_error(g.target, "could not create layer " + lname);
  for (const auto& c : attrs.cols()) {
    OGRFieldType t = c.type == ColumnType::Integer   ? OFTInteger64
                     : c.type == ColumnType::Real    ? OFTReal
                     : c.type == ColumnType::Boolean ? OFTInteger
                                                     : OFTString;
    OGRFieldDefnH fd = OGR_Fld_Create(c.name.c_str(), t);
    if (c.type == ColumnType::Boolean) OGR_Fld_SetSubType(fd, OFSTBoolean);
    OGRErr err = OGR_L_CreateField(g.layer, fd, 1);
    OGR_Fld_Destroy(fd);
    if (err != OGRERR_NONE) throw write_error(g.target, "could not create column '" + c.name + "'");
  }
}

// A GeoPackage at `tmp` with one layer whose fields mirror `attrs`, in a transaction.
OutLayer create_layer(const std::string& tmp, const std::string& path, const std::string& crs,
                      OGRwkbGeometryType type, const Table& attrs) {
  OutLayer g;
  g.target = file_target(path);
  GDALDriverH drv = GDALGetDriverByName("GPKG");
  if (!drv) throw Error("GDAL has no GeoPackage driver; reinstall gdal (libgdal32)");
  g.ds.reset(GDALCreate(drv, tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!g.ds) throw write_error(g.target, "could not create the GeoPackage");
  define_layer(g, std::filesystem::path(path).stem().string(), crs, type, attrs, nullptr);
  if (GDALDatasetStartTransaction(g.ds.get(), 0) != OGRERR_NONE)
    throw write_error(g.target, "could not start a transaction");
  return g;
}

void set_fields(OGRFeatureH f, const Table& attrs, size_t i) {
  const auto& cols = attrs.cols();
  for (size_t c = 0; c < cols.size(); ++c) {
    const int fi = static_cast<int>(c);
    const Column& col = cols[c];
    if (col.missing(i))
      OGR_F_SetFieldNull(f, fi);
    else if (col.type == ColumnType::Text)
      OGR_F_SetFieldString(f, fi, col.text[i].c_str());
    else if (col.type == ColumnType::Real)
      OGR_F_SetFieldDouble(f, fi, col.num[i]);
    else
      OGR_F_SetFieldInteger64(f, fi, static_cast<GIntBig>(std::llround(col.num[i])));
  }
}

void finish(OutLayer& g) {
  if (GDALDatasetCommitTransaction(g.ds.get()) != OGRERR_NONE)
    throw write_error(g.target, "could not commit");
  CPLErrorReset();
  GDALClose(g.ds.release());
  if (CPLGetLastErrorType() >= CE_Failure) throw write_error(g.target, "closing failed");
}

// Writes n features (attributes from attrs, geometry from geom(i), owned by the feature) into g; `what(i)`
// names feature i in errors.
template <class Geom, class What>
void write_features(OutLayer& g, const Table& attrs, size_t n, Geom geom, What what,
                    const Progress& progress) {
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(g.layer);
  for (size_t i = 0; i < n; ++i) {
    OgrFeature f(OGR_F_Create(defn));
    set_fields(f.get(), attrs, i);
    OGR_F_SetGeometryDirectly(f.get(), geom(i));
    if (OGR_L_CreateFeature(g.layer, f.get()) != OGRERR_NONE)
      throw write_error(g.target, "could not write " + what(i));
    if (i % 4096 == 0) report(progress, double(i) / double(n), "writing");
  }
}

}  // namespace

void write_gpkg(const AreaLayer& layer, const std::string& path, bool overwrite, const Progress& progress) {
  ensure_gdal();
  AtomicOutput out(path, overwrite);
  OutLayer g = create_layer(out.temp_path().string(), path, layer.working_crs, wkbMultiPolygon, layer.attrs);
  write_features(
      g, layer.attrs, layer.size(), [&](size_t i) { return to_ogr(layer.geoms[i]).release(); },
      [&](size_t i) { return "area " + layer.codes[i]; }, progress);
  finish(g);
  out.commit();
  report(progress, 1.0, "written");
}

void write_points_gpkg(const PointLayer& points, const std::string& path, bool overwrite) {
  ensure_gdal();
  AtomicOutput out(path, overwrite);
  OutLayer g = create_layer(out.temp_path().string(), path, points.working_crs, wkbPoint, points.attrs);
  write_features(
      g, points.attrs, points.size(),
      [&](size_t i) {
        OGRGeometryH p = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_SetPoint_2D(p, 0, points.pts[i].x, points.pts[i].y);
        return p;
      },
      [](size_t i) { return "point " + std::to_string(i); }, nullptr);
  finish(g);
  out.commit();
}

namespace {

Target pg_target(const std::string& connection, const std::string& table) {
  return {"table '" + table + "' in " + source_label(connection),
          "check that the user may create tables in that database"};
}

// The database, opened for writing, with PostGIS in it.
GdalDataset open_pg_for_writing(const std::string& connection) {
  ensure_gdal();
  GdalDataset ds(GDALOpenEx(connection.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr));
  if (!ds) throw pg_connect_error(source_label(connection));
  check_postgis(ds.get(), source_label(connection));
  return ds;
}

void refuse_existing(GDALDatasetH ds, const std::string& connection, const std::string& table) {
  if (GDALDatasetGetLayerByName(ds, table.c_str()))
    throw Error(
        "cannot write " + pg_target(connection, table).label + ": the table exists; allow replacing it",
        Need::Overwrite);
}

}  // namespace

void check_pg_destination(const std::string& connection, const std::string& table, bool overwrite) {
  GdalDataset ds = open_pg_for_writing(connection);
  if (!overwrite) refuse_existing(ds.get(), connection, table);
}

void write_pg_table(const AreaLayer& layer, const std::string& connection, const std::string& table,
                    bool overwrite, const Progress& progress) {
  OutLayer g;
  g.target = pg_target(connection, table);
  g.ds = open_pg_for_writing(connection);
  if (!overwrite) refuse_existing(g.ds.get(), connection, table);
  // One transaction holds the DROP of an old table, the CREATE and every row: another session sees the old
  // table or the complete new one, and a failure (or a cancel) part-way leaves the old one as it was.
  if (GDALDatasetStartTransaction(g.ds.get(), 0) != OGRERR_NONE)
    throw write_error(g.target, "could not start a transaction");
  struct Rollback {
    OutLayer& g;
    ~Rollback() {
      if (g.ds) GDALDatasetRollbackTransaction(g.ds.get());
    }
  } rollback{g};
  // Column names as the layer has them (IMD_score, not imd_score), so a read back gives the same table.
  const char* options[] = {"OVERWRITE=YES", "LAUNDER=NO", "GEOMETRY_NAME=geom", "FID=fid", nullptr};
  define_layer(g, table, layer.working_crs, wkbMultiPolygon, layer.attrs, overwrite ? options : options + 1);
  write_features(
      g, layer.attrs, layer.size(), [&](size_t i) { return to_ogr(layer.geoms[i]).release(); },
      [&](size_t i) { return "area " + layer.codes[i]; }, progress);
  finish(g);
  report(progress, 1.0, "written");
}

}  // namespace nbhd
