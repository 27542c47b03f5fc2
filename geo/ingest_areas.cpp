// load_areas: read -> detect key/name -> (parallel) reproject, clean rings, repair -> AreaLayer.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "geo/error.hpp"
#include "geo/geos_handle.hpp"
#include "geo/ingest.hpp"
#include "geo/ogr_read.hpp"
#include "geo/ogr_source.hpp"
#include "geo/ons_codes.hpp"
#include "geo/parallel.hpp"
#include "geo/text.hpp"

namespace nbhd {

size_t AreaLayer::index_of(std::string_view code) const {
  for (size_t i = 0; i < codes.size(); ++i)
    if (codes[i] == code) return i;
  return static_cast<size_t>(-1);
}

namespace {

bool finite(const MultiPolygon& mp) {
  for (const auto& p : mp)
    for (const auto& r : p.rings)
      for (const auto& pt : r)
        if (!std::isfinite(pt.x) || !std::isfinite(pt.y)) return false;
  return true;
}

// Closes rings, drops repeated consecutive points and rings too short to bound an area, and orients
// exteriors counter-clockwise and holes clockwise. Returns true when a ring was dropped.
bool clean_rings(MultiPolygon& mp) {
  bool dropped = false;
  MultiPolygon out;
  for (auto& poly : mp) {
    Polygon p;
    for (size_t ri = 0; ri < poly.rings.size(); ++ri) {
      Ring& r = poly.rings[ri];
      Ring c;
      c.reserve(r.size() + 1);
      for (const auto& pt : r)
        if (c.empty() || !(c.back() == pt)) c.push_back(pt);
      if (!c.empty() && !(c.front() == c.back())) c.push_back(c.front());
      if (c.size() < 4) {
        dropped = true;
        if (ri == 0) break;  // no exterior: the polygon has no area
        continue;
      }
      // Zero signed area (a bow-tie, a spike) is left as is: GEOS validity catches it and MakeValid fixes it.
      double a = signed_area(c);
      if (a != 0 && (ri == 0) != (a > 0)) std::reverse(c.begin(), c.end());
      p.rings.push_back(std::move(c));
    }
    if (!p.rings.empty()) out.push_back(std::move(p));
  }
  mp = std::move(out);
  return dropped;
}

std::string detect_name_field(const std::vector<RawField>& fields, const std::string& key) {
  // Prefer the name that shares the key's prefix (lsoa21_code -> lsoa21_name, LSOA21CD -> LSOA21NM).
  std::string lk = lower(key);
  std::string prefix = lk;
  for (const char* suffix : {"_code", "cd", "code"})
    if (lk.size() > std::strlen(suffix) && lk.ends_with(suffix)) {
      prefix = lk.substr(0, lk.size() - std::strlen(suffix));
      break;
    }
  std::string fallback;
  for (const auto& f : fields) {
    if (f.type != ColumnType::Text) continue;
    std::string ln = lower(f.name);
    bool namey = ln.ends_with("_name") || ln.ends_with("nm") || ln == "name";
    if (!namey) continue;
    if (ln.rfind(prefix, 0) == 0 && !prefix.empty()) return f.name;
    if (fallback.empty()) fallback = f.name;
  }
  return fallback;
}

}  // namespace

AreaLayer load_areas(const std::string& path, const IngestOptions& opt, const Progress& progress) {
  report(progress, 0, "opening");
  OgrSource src = open_source(path, opt, LayerKind::Polygons);
  RawLayer raw = read_layer(src, LayerKind::Polygons, path, progress, 0.0, 0.6);
  const size_t n = raw.size();
  if (n == 0) throw Error("layer '" + src.layer_name + "' in " + path + " has no features; give a boundary file with areas");

  AreaLayer out;
  out.source = path;
  out.driver = src.driver;
  out.layer_name = src.layer_name;
  out.source_crs = src.source_crs;
  out.working_crs = src.working_crs;
  out.stats.features_read = n;

  // Key field: as given, or the text field whose values are ONS-shaped codes (most distinct wins).
  std::vector<std::string> field_names;
  for (const auto& f : raw.fields) field_names.push_back(f.name);
  int key_idx = -1;
  if (!opt.key_field.empty()) {
    for (size_t i = 0; i < raw.fields.size(); ++i)
      if (raw.fields[i].name == opt.key_field) key_idx = static_cast<int>(i);
    if (key_idx < 0) throw Error(unknown_name_message("field", opt.key_field, field_names, path) + " (for --key)");
    out.key_detection = "given with --key";
  } else {
    std::vector<const std::vector<std::string>*> cols;
    std::vector<size_t> col_field;
    for (size_t i = 0; i < raw.fields.size(); ++i)
      if (raw.fields[i].type == ColumnType::Text) {
        cols.push_back(&raw.fields[i].text);
        col_field.push_back(i);
      }
    KeyGuess g = guess_key_column(cols);
    if (g.column < 0)
      throw Error("cannot tell which field of " + path + " holds the area codes (no field has ONS-style codes such as "
                  "E01000001; fields: " + join_list(field_names, 20) + "); name it with --key");
    key_idx = static_cast<int>(col_field[static_cast<size_t>(g.column)]);
    out.code_kind = g.kind;
    out.key_detection = "detected from values: " + std::to_string(g.shaped) + " codes shaped like " + g.prefixes +
                        " (" + g.kind + ")";
  }
  RawField& keyf = raw.fields[static_cast<size_t>(key_idx)];
  out.key_field = keyf.name;
  std::vector<std::string> keys(n);
  for (size_t i = 0; i < n; ++i)
    keys[i] = keyf.type == ColumnType::Text ? std::string(trim(keyf.text[i])) : format_number(keyf.num[i]);
  if (out.code_kind.empty())
    for (const auto& k : keys)
      if (!k.empty()) {
        out.code_kind = ons_code_kind(k);
        break;
      }
  out.name_field = opt.name_field.empty() ? detect_name_field(raw.fields, out.key_field) : opt.name_field;
  int name_idx = -1;
  for (size_t i = 0; i < raw.fields.size(); ++i)
    if (raw.fields[i].name == out.name_field) name_idx = static_cast<int>(i);
  if (!opt.name_field.empty() && name_idx < 0)
    throw Error(unknown_name_message("field", opt.name_field, field_names, path) + " (for --name)");

  for (size_t i = 0; i < n; ++i)
    if (!finite(raw.polys[i]))
      throw Error(path + ": feature " + std::to_string(raw.fids[i]) + " (" + out.key_field + "=" + keys[i] +
                  ") has coordinates that are not finite numbers (NaN or infinity); fix or remove that feature");

  // Reproject, clean and repair in parallel: one OGR transform and one GEOS context per thread.
  std::vector<char> repaired(n, 0);
  std::vector<std::string> failure(n);
  std::atomic<size_t> done{0};
  report(progress, 0.6, "reprojecting and checking geometry");
  parallel_for(n, [&](size_t b, size_t e, size_t thread) {
    OgrTransform ct = make_transform(src);
    GeosContext geos;
    std::vector<Point> buf;
    std::vector<double> sx, sy;
    for (size_t i = b; i < e; ++i) {
      MultiPolygon& mp = raw.polys[i];
      if (mp.empty()) continue;
      if (ct) {
        for (auto& poly : mp)
          for (auto& ring : poly.rings) {
            try {
              transform_points(ct.get(), ring, sx, sy);
            } catch (const Error& err) {
              failure[i] = err.what();
            }
          }
        if (!failure[i].empty()) continue;
      }
      bool dropped = clean_rings(mp);
      if (mp.empty()) continue;
      GeomPtr g = to_geos(geos, mp);
      char valid = g ? GEOSisValid_r(geos, g.get()) : 0;
      if (valid != 1 || dropped) {
        GeomPtr fixed = own(geos, g ? GEOSMakeValid_r(geos, g.get()) : nullptr);
        MultiPolygon mv = fixed ? from_geos(geos, fixed.get()) : MultiPolygon{};
        clean_rings(mv);
        mp = std::move(mv);
        repaired[i] = 1;
      }
      if (thread == 0 && (i - b) % 1024 == 0) {
        size_t d = done.fetch_add(1024) + 1024;
        report(progress, 0.6 + 0.35 * std::min(1.0, double(d * worker_count(n)) / double(n)),
               "reprojecting and checking geometry");
      }
    }
  });
  for (size_t i = 0; i < n; ++i)
    if (!failure[i].empty())
      throw Error(path + ": feature " + std::to_string(raw.fids[i]) + " (" + out.key_field + "=" + keys[i] + "): " +
                  failure[i] + " " + out.working_crs + "; check the file's CRS (or --assume-crs/--crs)");

  // Keep features with geometry and a key; codes must be unique.
  std::vector<char> keep(n, 1);
  std::unordered_map<std::string, size_t> seen;
  seen.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (raw.polys[i].empty()) {
      keep[i] = 0;
      ++out.stats.dropped_empty;
      continue;
    }
    if (keys[i].empty()) {
      keep[i] = 0;
      ++out.stats.dropped_no_key;
      continue;
    }
    auto [it, fresh] = seen.emplace(keys[i], i);
    if (!fresh)
      throw Error(path + ": area code " + keys[i] + " appears in features " + std::to_string(raw.fids[it->second]) +
                  " and " + std::to_string(raw.fids[i]) + " (" + out.key_field + " must be unique); dissolve the "
                  "duplicates or choose another field with --key");
    if (repaired[i]) {
      ++out.stats.repaired;
      if (out.stats.repaired_codes.size() < 10) out.stats.repaired_codes.push_back(keys[i]);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (!keep[i]) continue;
    out.codes.push_back(std::move(keys[i]));
    out.names.push_back(name_idx >= 0 && raw.fields[static_cast<size_t>(name_idx)].type == ColumnType::Text
                            ? raw.fields[static_cast<size_t>(name_idx)].text[i]
                            : std::string());
    out.extent.expand(bbox_of(raw.polys[i]));
    out.geoms.push_back(std::move(raw.polys[i]));
  }
  if (out.codes.empty())
    throw Error("layer '" + src.layer_name + "' in " + path + " has no areas with both a geometry and a code in " +
                out.key_field + "; check the file");
  out.attrs = fields_to_table(raw.fields, keep, path);
  report(progress, 1.0, "loaded");
  return out;
}

}  // namespace nbhd
