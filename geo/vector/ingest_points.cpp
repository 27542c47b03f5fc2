// load_points: assets as points in the working CRS, polygons reduced to a point on surface.
#include <cmath>

#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/spatial/geos_handle.hpp"
#include "geo/vector/ingest.hpp"
#include "geo/vector/ogr_read.hpp"
#include "geo/vector/ogr_source.hpp"

namespace nbhd {

namespace {

int find_field(const std::vector<RawField>& fields, const std::string& name) {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name) return static_cast<int>(i);
  return -1;
}

// First text field whose lower-cased name is in `wanted`, in the order of `wanted`.
int detect_field(const std::vector<RawField>& fields, std::initializer_list<const char*> wanted) {
  for (const char* w : wanted)
    for (size_t i = 0; i < fields.size(); ++i)
      if (fields[i].type == ColumnType::Text && lower(fields[i].name) == w) return static_cast<int>(i);
  return -1;
}

}  // namespace

PointLayer load_points(const std::string& source, const IngestOptions& opt, const Progress& progress) {
  const std::string path = source_label(source);  // for messages: no password
  report(progress, 0, "opening");
  OgrSource src = open_source(source, opt, LayerKind::Points);
  RawLayer raw;
  read_layer(src, LayerKind::Points, path, raw, progress, 0.0, 0.8);
  const size_t n = raw.size();
  PointLayer out;
  out.source = path;  // without a password: every later message names the layer by it
  out.layer_name = src.layer_name;
  out.source_crs = src.source_crs;
  out.working_crs = src.working_crs;

  std::vector<std::string> names;
  for (const auto& f : raw.fields) names.push_back(f.name);
  int cat = -1;
  if (!opt.category_field.empty()) {
    cat = find_field(raw.fields, opt.category_field);
    if (cat < 0)
      throw Error(unknown_name_message("field", opt.category_field, names, path + " for the categories"),
                  Need::CategoryField);
  } else {
    cat = detect_field(raw.fields,
                       {"category", "type", "amenity", "asset_type", "class", "kind", "leisure", "shop"});
  }
  int name = -1;
  if (!opt.name_field.empty()) {
    name = find_field(raw.fields, opt.name_field);
    if (name < 0)
      throw Error(unknown_name_message("field", opt.name_field, names, path + " for the asset names"));
  } else {
    name = detect_field(raw.fields, {"name", "asset_name", "site_name", "title"});
  }
  out.category_field = cat >= 0 ? raw.fields[static_cast<size_t>(cat)].name : "";
  out.name_field = name >= 0 ? raw.fields[static_cast<size_t>(name)].name : "";

  OgrTransform ct = make_transform(src);
  GeosContext geos;
  std::vector<double> sx, sy;
  std::vector<char> keep(n, 0);
  for (size_t i = 0; i < n; ++i) {
    Point p;
    if (raw.has_point[i]) {
      p = raw.points[i];
      if (!std::isfinite(p.x) || !std::isfinite(p.y))
        throw Error(
            path + ": feature " + std::to_string(raw.fids[i]) +
            " has coordinates that are not finite numbers (NaN or infinity); fix or remove that feature");
      std::vector<Point> one{p};
      try {
        transform_points(ct.get(), one, sx, sy);
      } catch (const Error& e) {
        throw Error(path + ": feature " + std::to_string(raw.fids[i]) + ": " + e.what() + " " +
                    out.working_crs + "; check the file's CRS");
      }
      p = one[0];
    } else if (!raw.polys[i].empty()) {
      // A polygon asset (a park, a building) stands as a point on its surface. Its rings get the same checks
      // as boundaries: finite, closed, >= 4 points (GEOS rejects anything else).
      MultiPolygon& mp = raw.polys[i];
      if (!finite(mp))
        throw Error(
            path + ": feature " + std::to_string(raw.fids[i]) +
            " has coordinates that are not finite numbers (NaN or infinity); fix or remove that feature");
      try {
        for (auto& poly : mp)
          for (auto& ring : poly.rings) transform_points(ct.get(), ring, sx, sy);
      } catch (const Error& e) {
        throw Error(path + ": feature " + std::to_string(raw.fids[i]) + ": " + e.what() + " " +
                    out.working_crs + "; check the file's CRS");
      }
      clean_rings(mp);
      if (mp.empty()) {
        ++out.dropped_empty;
        continue;
      }
      GeomPtr g = to_geos(geos, mp);
      GeomPtr pos = own(geos, g ? GEOSPointOnSurface_r(geos, g.get()) : nullptr);
      if (!pos || GEOSisEmpty_r(geos, pos.get())) {
        ++out.dropped_empty;
        continue;
      }
      GEOSGeomGetX_r(geos, pos.get(), &p.x);
      GEOSGeomGetY_r(geos, pos.get(), &p.y);
      if (!std::isfinite(p.x) ||
          !std::isfinite(p.y))  // finite but huge coordinates overflow in GEOS (found by fuzz_vector)
        throw Error(path + ": feature " + std::to_string(raw.fids[i]) +
                    " has coordinates too large to place a point on its surface; fix or remove that feature");
    } else {
      ++out.dropped_empty;
      continue;
    }
    keep[i] = 1;
    out.pts.push_back(p);
    std::string c = cat >= 0 ? std::string(trim(raw.fields[static_cast<size_t>(cat)].text[i])) : "asset";
    out.categories.push_back(c.empty() ? "(none)" : c);
    out.names.push_back(name >= 0 ? raw.fields[static_cast<size_t>(name)].text[i] : "");
  }
  out.attrs = fields_to_table(raw.fields, keep, path);
  report(progress, 1.0, "loaded");
  return out;
}

}  // namespace nbhd
