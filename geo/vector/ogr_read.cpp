#include "geo/vector/ogr_read.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "base/error.hpp"

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

}  // namespace

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

namespace {

ColumnType type_of(OGRFieldDefnH fd) {
  switch (OGR_Fld_GetType(fd)) {
    case OFTInteger:
      return OGR_Fld_GetSubType(fd) == OFSTBoolean ? ColumnType::Boolean : ColumnType::Integer;
    case OFTInteger64:
      return ColumnType::Integer;
    case OFTReal:
      return ColumnType::Real;
    default:
      return ColumnType::Text;
  }
}

}  // namespace

void read_field_definitions(const OgrSource& src, RawLayer& raw) {
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(src.layer);
  for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
    OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, i);
    raw.fields.push_back({OGR_Fld_GetNameRef(fd), type_of(fd), {}, {}});
  }
}

void size_raw_layer(RawLayer& raw, LayerKind kind, size_t n) {
  raw.fids.resize(n);
  raw.polys.resize(n);
  if (kind == LayerKind::Points) {
    raw.points.resize(n);
    raw.has_point.resize(n);
  }
  for (auto& f : raw.fields) (f.type == ColumnType::Text ? f.text.resize(n) : f.num.resize(n));
}

size_t cheap_feature_count(const OgrSource& src) {
  GIntBig n = OGR_L_GetFeatureCount(src.layer, 0);
  return n > 0 ? static_cast<size_t>(n) : 0;
}

void read_layer(const OgrSource& src, LayerKind kind, const std::string& path, RawLayer& raw,
                const Progress& progress, double p0, double p1, std::atomic<size_t>* published,
                size_t* expected) {
  OGRLayerH layer = src.layer;
  read_field_definitions(src, raw);
  const int nf = int(raw.fields.size());
  const size_t total = cheap_feature_count(src);
  const bool presized = published && total > 0;
  if (expected) *expected = presized ? total : 0;
  if (presized) size_raw_layer(raw, kind, total);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  OGR_L_ResetReading(layer);
  CPLErrorReset();
  size_t i = 0;
  while (OgrFeature f{OGR_L_GetNextFeature(layer)}) {
    if (presized && i >= total)
      throw Error(path + " reported " + std::to_string(total) +
                  " features but holds more; the file may be damaged: "
                  "export it again (e.g. with ogr2ogr)");
    if (!presized) size_raw_layer(raw, kind, i + 1);  // amortised growth of std::vector
    raw.fids[i] = OGR_F_GetFID(f.get());
    for (int k = 0; k < nf; ++k) {
      auto& rf = raw.fields[static_cast<size_t>(k)];
      bool set = OGR_F_IsFieldSetAndNotNull(f.get(), k);
      if (rf.type == ColumnType::Text)
        rf.text[i] = set ? OGR_F_GetFieldAsString(f.get(), k) : "";
      else
        rf.num[i] = set ? OGR_F_GetFieldAsDouble(f.get(), k) : nan;
    }
    OGRGeometryH g = OGR_F_GetGeometryRef(f.get());
    const bool empty = !g || OGR_G_IsEmpty(g);
    const OGRwkbGeometryType t = empty ? wkbUnknown : wkbFlatten(OGR_G_GetGeometryType(g));
    if (kind == LayerKind::Points && (t == wkbPoint || t == wkbMultiPoint)) {
      OGRGeometryH p =
          t == wkbPoint ? g : OGR_G_GetGeometryRef(g, 0);  // a multipoint's first point stands for it
      raw.points[i] = {OGR_G_GetX(p, 0), OGR_G_GetY(p, 0)};
      raw.has_point[i] = 1;
    } else {
      read_polygonal(g, raw.polys[i]);
    }
    ++i;
    if (published && i % 64 == 0) published->store(i, std::memory_order_release);
    if (i % 2048 == 0 && total > 0)
      report(progress, p0 + (p1 - p0) * std::min(1.0, double(i) / double(total)), "reading features");
  }
  if (presized && i < total)
    size_raw_layer(raw, kind, i);  // fewer than announced: workers only ever saw [0, published)
  if (CPLGetLastErrorType() >= CE_Failure)
    throw Error("error while reading " + path + " (" + last_gdal_error() +
                "); the file may be truncated or damaged: download or export it again");
  if (published) published->store(i, std::memory_order_release);
}

Table fields_to_table(std::vector<RawField>& fields, const std::vector<char>& keep,
                      const std::string& source) {
  Table t(source);
  size_t rows = 0;
  for (char k : keep) rows += k ? 1 : 0;
  t.set_rows(rows);
  for (auto& f : fields) {
    Column c;
    c.name = f.name;
    c.type = f.type;
    if (rows == keep.size()) {  // every feature kept (the usual case): the column as read, not a copy
      if (f.type == ColumnType::Text)
        c.text = std::move(f.text);
      else
        c.num = std::move(f.num);
    } else if (f.type == ColumnType::Text) {
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
