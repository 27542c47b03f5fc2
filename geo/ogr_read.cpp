#include "geo/ogr_read.hpp"

#include <cmath>
#include <limits>

#include "geo/error.hpp"

namespace nbhd {

namespace {

void read_ring(OGRGeometryH ring, Ring& out) {
  int n = OGR_G_GetPointCount(ring);
  out.resize(static_cast<size_t>(n));
  if (n > 0) OGR_G_GetPoints(ring, &out[0].x, sizeof(Point), &out[0].y, sizeof(Point), nullptr, 0);
}

void read_polygon(OGRGeometryH g, MultiPolygon& out) {
  int nr = OGR_G_GetGeometryCount(g);
  if (nr == 0) return;
  Polygon p;
  p.rings.resize(static_cast<size_t>(nr));
  for (int i = 0; i < nr; ++i) read_ring(OGR_G_GetGeometryRef(g, i), p.rings[static_cast<size_t>(i)]);
  out.push_back(std::move(p));
}

void read_polygonal(OGRGeometryH g, MultiPolygon& out) {
  if (!g || OGR_G_IsEmpty(g)) return;
  OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
  if (t == wkbPolygon) {
    read_polygon(g, out);
  } else if (t == wkbMultiPolygon || t == wkbGeometryCollection) {
    for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i) read_polygonal(OGR_G_GetGeometryRef(g, i), out);
  } else if (t == wkbCurvePolygon || t == wkbMultiSurface) {
    OgrGeometry lin(OGR_G_GetLinearGeometry(g, 0, nullptr));
    read_polygonal(lin.get(), out);
  }
}

ColumnType type_of(OGRFieldDefnH fd) {
  switch (OGR_Fld_GetType(fd)) {
    case OFTInteger:
      return OGR_Fld_GetSubType(fd) == OFSTBoolean ? ColumnType::Boolean : ColumnType::Integer;
    case OFTInteger64: return ColumnType::Integer;
    case OFTReal: return ColumnType::Real;
    default: return ColumnType::Text;
  }
}

}  // namespace

RawLayer read_layer(const OgrSource& src, LayerKind kind, const std::string& path, const Progress& progress,
                    double p0, double p1) {
  RawLayer raw;
  OGRLayerH layer = src.layer;
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
  const int nf = OGR_FD_GetFieldCount(defn);
  for (int i = 0; i < nf; ++i) {
    OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, i);
    raw.fields.push_back({OGR_Fld_GetNameRef(fd), type_of(fd), {}, {}});
  }
  const long long total = OGR_L_GetFeatureCount(layer, 0);  // -1 when unknown (cheap drivers only)
  if (total > 0) {
    raw.fids.reserve(static_cast<size_t>(total));
    for (auto& f : raw.fields) (f.type == ColumnType::Text ? f.text.reserve(total) : f.num.reserve(total));
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  OGR_L_ResetReading(layer);
  CPLErrorReset();
  while (OgrFeature f{OGR_L_GetNextFeature(layer)}) {
    raw.fids.push_back(OGR_F_GetFID(f.get()));
    for (int i = 0; i < nf; ++i) {
      auto& rf = raw.fields[static_cast<size_t>(i)];
      bool set = OGR_F_IsFieldSetAndNotNull(f.get(), i);
      if (rf.type == ColumnType::Text) rf.text.emplace_back(set ? OGR_F_GetFieldAsString(f.get(), i) : "");
      else rf.num.push_back(set ? OGR_F_GetFieldAsDouble(f.get(), i) : nan);
    }
    OGRGeometryH g = OGR_F_GetGeometryRef(f.get());
    if (kind == LayerKind::Points && g && !OGR_G_IsEmpty(g) && wkbFlatten(OGR_G_GetGeometryType(g)) == wkbPoint) {
      raw.points.push_back({OGR_G_GetX(g, 0), OGR_G_GetY(g, 0)});
      raw.has_point.push_back(1);
      raw.polys.emplace_back();
    } else {
      MultiPolygon mp;
      read_polygonal(g, mp);
      if (kind == LayerKind::Points) {
        // multipoints: the first point stands for the feature
        bool got = false;
        if (g && !OGR_G_IsEmpty(g) && wkbFlatten(OGR_G_GetGeometryType(g)) == wkbMultiPoint) {
          OGRGeometryH p = OGR_G_GetGeometryRef(g, 0);
          raw.points.push_back({OGR_G_GetX(p, 0), OGR_G_GetY(p, 0)});
          got = true;
        } else {
          raw.points.push_back({});
        }
        raw.has_point.push_back(got ? 1 : 0);
      }
      raw.polys.push_back(std::move(mp));
    }
    if (raw.fids.size() % 2048 == 0 && total > 0)
      report(progress, p0 + (p1 - p0) * std::min(1.0, double(raw.fids.size()) / double(total)), "reading features");
  }
  if (CPLGetLastErrorType() >= CE_Failure)
    throw Error("error while reading " + path + " (" + last_gdal_error() +
                "); the file may be truncated or damaged: download or export it again");
  return raw;
}

Table fields_to_table(std::vector<RawField>& fields, const std::vector<char>& keep, const std::string& source) {
  Table t(source);
  size_t rows = 0;
  for (char k : keep) rows += k ? 1 : 0;
  t.set_rows(rows);
  for (auto& f : fields) {
    Column c;
    c.name = f.name;
    c.type = f.type;
    if (f.type == ColumnType::Text) {
      c.text.reserve(rows);
      for (size_t i = 0; i < keep.size(); ++i)
        if (keep[i]) c.text.push_back(std::move(f.text[i]));
    } else {
      c.num.reserve(rows);
      for (size_t i = 0; i < keep.size(); ++i)
        if (keep[i]) c.num.push_back(f.num[i]);
    }
    if (t.find(c.name)) continue;  // some drivers allow duplicate names; keep the first
    t.add(std::move(c));
  }
  return t;
}

void transform_points(OGRCoordinateTransformationH ct, std::vector<Point>& pts, std::vector<double>& sx,
                      std::vector<double>& sy) {
  if (!ct || pts.empty()) return;
  sx.resize(pts.size());
  sy.resize(pts.size());
  for (size_t i = 0; i < pts.size(); ++i) sx[i] = pts[i].x, sy[i] = pts[i].y;
  std::vector<int> ok(pts.size(), 1);
  OCTTransformEx(ct, static_cast<int>(pts.size()), sx.data(), sy.data(), nullptr, ok.data());
  for (size_t i = 0; i < pts.size(); ++i) {
    if (!ok[i] || !std::isfinite(sx[i]) || !std::isfinite(sy[i]))
      throw Error("coordinate (" + std::to_string(pts[i].x) + ", " + std::to_string(pts[i].y) +
                  ") cannot be reprojected to the working CRS");
    pts[i] = {sx[i], sy[i]};
  }
}

}  // namespace nbhd
