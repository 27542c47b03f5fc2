#include "geo/vector/ogr_source.hpp"

#include <cpl_vsi.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "base/error.hpp"
#include "base/text.hpp"

namespace fs = std::filesystem;

namespace nbhd {

std::string describe_srs(OGRSpatialReferenceH srs) {
  const char* auth = OSRGetAuthorityName(srs, nullptr);
  const char* code = OSRGetAuthorityCode(srs, nullptr);
  if (auth && code) return std::string(auth) + ":" + code;
  const char* name = OSRGetName(srs);
  return name ? name : "unnamed CRS";
}

namespace {

bool is_polygonal(OGRwkbGeometryType t) {
  t = wkbFlatten(t);
  return t == wkbPolygon || t == wkbMultiPolygon || t == wkbCurvePolygon || t == wkbMultiSurface;
}
bool is_point(OGRwkbGeometryType t) {
  t = wkbFlatten(t);
  return t == wkbPoint || t == wkbMultiPoint;
}

std::string layers_text(GDALDatasetH ds) {
  std::vector<std::string> items;
  for (int i = 0; i < GDALDatasetGetLayerCount(ds); ++i) {
    OGRLayerH l = GDALDatasetGetLayer(ds, i);
    items.push_back(std::string(OGR_L_GetName(l)) + " (" + OGRGeometryTypeToName(OGR_L_GetGeomType(l)) + ")");
  }
  return join_list(items, 20);
}

OgrSrs srs_from_user(const std::string& text, const std::string& what, Need need) {
  OgrSrs srs(OSRNewSpatialReference(nullptr));
  if (OSRSetFromUserInput(srs.get(), text.c_str()) != OGRERR_NONE)
    throw Error("unknown CRS '" + text + "' for " + what + "; give an EPSG code such as EPSG:27700", need);
  OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

// A Shapefile is several files; GDAL opens a .shp whose .dbf is missing as a layer without fields, so the
// user would hear about a missing key column instead of the missing file. Name the missing part.
void check_shapefile_parts(const std::string& path) {
  const fs::path p(path);
  if (lower(p.extension().string()) != ".shp") return;
  std::error_code ec;
  for (const char* part : {".shx", ".dbf"}) {
    std::string upper_part = part;
    for (auto& c : upper_part) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    fs::path lo = fs::path(p).replace_extension(part), up = fs::path(p).replace_extension(upper_part);
    if (!fs::exists(lo, ec) && !fs::exists(up, ec))
      throw Error(path + " has no " + part + " file beside it (" + lo.string() + "); a Shapefile is several files: "
                  "copy the .shp, .shx, .dbf and .prj together");
  }
}

// The spatial filter in the source CRS: the working-CRS box's corners and edges taken back through the
// inverse transform (a straight edge in one CRS bends in the other, so OCTTransformBounds densifies).
void set_read_bbox(const OgrSource& s, const BBox& box, const std::string& shown) {
  double x0 = box.minx, y0 = box.miny, x1 = box.maxx, y1 = box.maxy;
  if (s.transform) {
    OgrTransform back(OCTNewCoordinateTransformation(s.dst_srs.get(), s.src_srs.get()));
    double bx0, by0, bx1, by1;
    if (!back || !OCTTransformBounds(back.get(), x0, y0, x1, y1, &bx0, &by0, &bx1, &by1, 21))
      throw Error("cannot take the box " + std::to_string(x0) + "," + std::to_string(y0) + "," +
                  std::to_string(x1) + "," + std::to_string(y1) + " into the CRS of " + shown + " (" +
                  s.source_crs + "); give a box inside the working CRS's area of use");
    x0 = bx0, y0 = by0, x1 = bx1, y1 = by1;
  }
  OGR_L_SetSpatialFilterRect(s.layer, x0, y0, x1, y1);
}

}  // namespace

OgrSource open_source(const std::string& source, const IngestOptions& opt, LayerKind kind) {
  ensure_gdal();
  const bool is_pg = is_pg_source(source);
  // Every message names the source as the user may see it: a connection string loses its password.
  const std::string path = source_label(source);
  // GDAL virtual file systems: /vsizip/ (a zipped Shapefile), /vsicurl/, /vsimem/ (the fuzzer). They are
  // not on disk, so GDAL answers whether they exist.
  const bool is_vsi = path.rfind("/vsi", 0) == 0;
  const std::string want = kind == LayerKind::Polygons ? "polygon" : "point";
  std::error_code ec;
  if (is_vsi) {
    VSIStatBufL st;
    if (VSIStatL(path.c_str(), &st) != 0) throw Error("cannot find " + path + "; check the path");
    if (VSI_ISREG(st.st_mode) && st.st_size == 0)
      throw Error(path + " is an empty file (0 bytes); the download or copy probably failed");
  } else if (!is_pg) {
    if (!fs::exists(path, ec)) throw Error("cannot find " + path + "; check the path");
    if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0)
      throw Error(path + " is an empty file (0 bytes); the download or copy probably failed");
  }

  if (!is_pg && !is_vsi) check_shapefile_parts(path);

  OgrSource s;
  s.ds.reset(GDALOpenEx(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!s.ds && is_pg) throw pg_connect_error(path);
  if (!s.ds) {
    std::string why = last_gdal_error();
    if (!is_pg && !is_vsi && fs::is_directory(path, ec))
      throw Error(path + " is a folder with no readable vector data; give the boundary file itself");
    throw Error("cannot open " + path + " as vector data" + (why.empty() ? "" : " (" + why + ")") +
                "; check that it is a complete GeoPackage, Shapefile (.shp with .shx and .dbf), GeoJSON, "
                "FlatGeobuf or GML file");
  }
  GDALDatasetH ds = s.ds.get();
  s.driver = GDALGetDriverShortName(GDALGetDatasetDriver(ds));
  if (is_pg) check_postgis(ds, path);
  const int nlayers = GDALDatasetGetLayerCount(ds);
  if (nlayers == 0 && is_pg)
    throw Error(path +
                " holds no tables with geometry; load the boundaries into it (ogr2ogr -f PostgreSQL) "
                "or connect to the database that holds them");
  if (nlayers == 0) throw Error(path + " holds no vector layers; give a boundary file");

  if (!opt.layer.empty()) {
    s.layer = GDALDatasetGetLayerByName(ds, opt.layer.c_str());
    if (!s.layer) {
      std::vector<std::string> names;
      for (int i = 0; i < nlayers; ++i) names.push_back(OGR_L_GetName(GDALDatasetGetLayer(ds, i)));
      if (is_pg) std::sort(names.begin(), names.end());  // the server's order is no order
      throw Error(unknown_name_message(is_pg ? "table" : "layer", opt.layer, names, path));
    }
  } else {
    std::vector<OGRLayerH> matching, unknown;
    for (int i = 0; i < nlayers; ++i) {
      OGRLayerH l = GDALDatasetGetLayer(ds, i);
      OGRwkbGeometryType t = OGR_L_GetGeomType(l);
      if (kind == LayerKind::Polygons ? is_polygonal(t) : is_point(t)) matching.push_back(l);
      // GeoJSON with mixed types, or points given as polygons: only an exact type counts as a match.
      else if (wkbFlatten(t) == wkbUnknown || wkbFlatten(t) == wkbGeometryCollection) unknown.push_back(l);
      else if (kind == LayerKind::Points && is_polygonal(t)) unknown.push_back(l);  // reduced to points
    }
    if (matching.size() == 1) {
      s.layer = matching[0];
    } else if (matching.size() > 1) {
      std::vector<std::string> names;
      for (auto* l : matching) names.push_back(OGR_L_GetName(l));
      throw Error(path + " has " + std::to_string(matching.size()) + " " + want + " layers (" +
                      join_list(names, 20) + "); choose one",
                  kind == LayerKind::Polygons ? Need::Layer : Need::AssetLayer);
    } else if (unknown.size() == 1) {
      s.layer = unknown[0];
    } else if (nlayers == 1) {
      s.layer = GDALDatasetGetLayer(ds, 0);  // the wrong kind: the check below says what it holds instead
    } else {
      throw Error(path + " has no " + want + " layer (layers: " + layers_text(ds) + "); give a file of " +
                      want + "s" + (kind == LayerKind::Polygons ? " (boundaries)" : " (assets)") +
                      " or choose a layer",
                  kind == LayerKind::Polygons ? Need::Layer : Need::AssetLayer);
    }
  }
  s.layer_name = OGR_L_GetName(s.layer);
  OGRwkbGeometryType t = OGR_L_GetGeomType(s.layer);
  if (kind == LayerKind::Polygons && (is_point(t) || wkbFlatten(t) == wkbLineString || wkbFlatten(t) == wkbMultiLineString ||
                                      t == wkbNone))
    throw Error("layer '" + s.layer_name + "' in " + path + " holds " + OGRGeometryTypeToName(t) +
                    " features, not polygons; give a boundary file" +
                    (is_point(t) ? ", and points as assets" : ""),
                is_point(t) ? Need::Assets : Need::None);
  if (kind == LayerKind::Points && (t == wkbNone || wkbFlatten(t) == wkbLineString || wkbFlatten(t) == wkbMultiLineString))
    throw Error("layer '" + s.layer_name + "' in " + path + " holds " + OGRGeometryTypeToName(t) +
                " features, not points or polygons; give a file of asset points");

  OgrSrs dst = srs_from_user(opt.working_crs, "the working CRS", Need::WorkingCrs);
  if (OSRIsGeographic(dst.get()) || !OSRIsProjected(dst.get()))
    throw Error("working CRS " + opt.working_crs + " is not a projected CRS in metres; use e.g. EPSG:27700");
  s.working_crs = describe_srs(dst.get());

  OGRSpatialReferenceH layer_srs = OGR_L_GetSpatialRef(s.layer);
  OgrSrs src;
  if (layer_srs) {
    src.reset(OSRClone(layer_srs));
    OSRSetAxisMappingStrategy(src.get(), OAMS_TRADITIONAL_GIS_ORDER);
  } else if (!opt.assume_crs.empty()) {
    src = srs_from_user(opt.assume_crs, path, Need::SourceCrs);
  } else {
    std::error_code pec;
    const fs::path prj = fs::path(path).replace_extension(".prj");
    if (!is_pg && !is_vsi && lower(fs::path(path).extension().string()) == ".shp" && fs::exists(prj, pec))
      throw Error(prj.string() +
                      " is not a CRS that GDAL can read; replace it with the .prj that came with " + path +
                      ", or give the CRS the file was made in (EPSG:27700 for British National Grid)",
                  Need::SourceCrs);
    throw Error(
        "layer '" + s.layer_name + "' in " + path +
            " has no CRS (a Shapefile without its .prj?); give the CRS it was made in (EPSG:27700 for "
            "British National Grid)",
        Need::SourceCrs);
  }
  s.source_crs = describe_srs(src.get());
  if (!OSRIsSame(src.get(), dst.get())) {
    s.transform.reset(OCTNewCoordinateTransformation(src.get(), dst.get()));
    if (!s.transform)
      throw Error("cannot reproject " + path + " from " + s.source_crs + " to " + s.working_crs + " (" +
                      last_gdal_error() + "); check the file's CRS or give the one it was made in",
                  Need::SourceCrs);
    s.src_srs = std::move(src);
  }
  s.dst_srs = std::move(dst);
  if (opt.read_bbox) set_read_bbox(s, *opt.read_bbox, path);
  return s;
}

bool is_pg_source(const std::string& path) {
  return path.rfind("PG:", 0) == 0;
}

// GDAL says "PQconnectdb failed." and libpq's lines; the reason is what follows libpq's "failed: ".
Error pg_connect_error(const std::string& shown) {
  std::string why = CPLGetLastErrorMsg();
  if (size_t f = why.rfind("failed: "); f != std::string::npos) why = why.substr(f + 8);
  if (size_t nl = why.find('\n'); nl != std::string::npos) why.resize(nl);
  if (why.rfind("FATAL:", 0) == 0) why = why.substr(why.find_first_not_of(' ', 6));
  while (!why.empty() && (why.back() == ' ' || why.back() == '.')) why.pop_back();
  return Error("cannot connect to " + shown + (why.empty() ? "" : " (" + why + ")") +
               "; check that the PostgreSQL server is running and the connection string's host, port, dbname "
               "and user");
}

// A database without PostGIS holds no geometry: say so rather than "no polygon layer".
void check_postgis(GDALDatasetH ds, const std::string& shown) {
  OGRLayerH r =
      GDALDatasetExecuteSQL(ds, "SELECT 1 FROM pg_extension WHERE extname = 'postgis'", nullptr, nullptr);
  const bool has = r && OGR_L_GetFeatureCount(r, 1) > 0;
  if (r) GDALDatasetReleaseResultSet(ds, r);
  if (!has)
    throw Error(shown +
                " has no PostGIS extension; connect to the database that holds the boundaries, or run "
                "CREATE EXTENSION postgis in it and load them (ogr2ogr -f PostgreSQL)");
}

std::string source_label(const std::string& path) {
  if (!is_pg_source(path)) return path;
  std::string out = path;
  // postgresql://user:secret@host/db
  if (size_t scheme = out.find("://"); scheme != std::string::npos) {
    size_t at = out.find('@', scheme + 3), colon = out.find(':', scheme + 3);
    if (at != std::string::npos && colon != std::string::npos && colon < at) out.erase(colon, at - colon);
  }
  // key=value pairs: password=secret, password='two words' (libpq quotes with '...', escapes with \)
  for (size_t pos = 0; (pos = out.find("password", pos)) != std::string::npos;) {
    size_t eq = out.find_first_not_of(' ', pos + 8);
    if (eq == std::string::npos || out[eq] != '=' ||
        (pos > 3 && out[pos - 1] != ' ' && out[pos - 1] != ':')) {
      pos += 8;
      continue;
    }
    size_t v = out.find_first_not_of(' ', eq + 1), end = v;
    if (v == std::string::npos) {
      end = out.size();
    } else if (out[v] == '\'') {
      for (end = v + 1; end < out.size() && out[end] != '\''; ++end)
        if (out[end] == '\\') ++end;
      end = std::min(end + 1, out.size());
    } else {
      end = out.find(' ', v);
      if (end == std::string::npos) end = out.size();
    }
    size_t from = pos;
    while (from > 3 && out[from - 1] == ' ') --from;
    if (from == 3)  // the first pair: drop the space after it instead of the one before
      while (end < out.size() && out[end] == ' ') ++end;
    out.erase(from, end - from);
    pos = from;
  }
  return out;
}

OgrTransform make_transform(const OgrSource& src) {
  if (!src.transform) return nullptr;
  return OgrTransform(OCTClone(src.transform.get()));
}

std::vector<LayerInfo> list_layers(const std::string& path) {
  ensure_gdal();
  GdalDataset ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!ds && is_pg_source(path)) throw pg_connect_error(source_label(path));
  if (!ds) throw Error("cannot open " + path + " as vector data; check the path and format");
  std::vector<LayerInfo> out;
  for (int i = 0; i < GDALDatasetGetLayerCount(ds.get()); ++i) {
    OGRLayerH l = GDALDatasetGetLayer(ds.get(), i);
    out.push_back({OGR_L_GetName(l), OGRGeometryTypeToName(OGR_L_GetGeomType(l)), OGR_L_GetFeatureCount(l, 0)});
  }
  return out;
}

}  // namespace nbhd
