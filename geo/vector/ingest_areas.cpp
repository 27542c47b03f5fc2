// load_areas: read -> detect key/name -> (parallel) reproject, clean rings, repair -> AreaLayer.
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <optional>
#include <thread>

#include "base/error.hpp"
#include "base/string_index.hpp"
#include "base/text.hpp"
#include "base/thread_pool.hpp"
#include "geo/model/ons_codes.hpp"
#include "geo/model/simple_ring.hpp"
#include "geo/spatial/geos_handle.hpp"
#include "geo/vector/gpkg_read.hpp"
#include "geo/vector/ingest.hpp"
#include "geo/vector/ogr_read.hpp"
#include "geo/vector/ogr_source.hpp"
#include "geo/vector/tabulated_transform.hpp"
#include "geo/vector/vertex_transform.hpp"

namespace nbhd {

size_t AreaLayer::index_of(std::string_view code) const {
  for (size_t i = 0; i < codes.size(); ++i)
    if (codes[i] == code) return i;
  return static_cast<size_t>(-1);
}

namespace {

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

// Reprojects, cleans and validates feature geometries as they are read: one OGR transform and one GEOS
// context per thread. With a known feature count, workers start on features while the reader goes on
// (reading is GDAL-bound and single-threaded; reprojection and validation are CPU-bound).
class GeometryPipeline {
 public:
  GeometryPipeline(const OgrSource& src, RawLayer& raw) : src_(src), raw_(raw) {}

  // Starts pool tasks that process features as read_layer publishes them (the reader, on the caller's
  // thread, takes one core).
  void start() {
    table_ = build_table();
    const unsigned workers = std::max(1u, pool_threads() - 1);
    started_ = true;
    for (unsigned t = 0; t < workers; ++t) workers_.run([this] { work(); });
  }
  // Called when reading is complete (n features): the caller's thread joins in, then waits for the rest and
  // re-throws the first error of any of them.
  void finish(size_t n) {
    total_.store(n, std::memory_order_release);
    reading_done_.store(true, std::memory_order_release);
    workers_.run_here([this] { work(); });
    started_ = false;
    workers_.wait();
  }
  ~GeometryPipeline() {
    if (started_) {  // reading failed: stop the workers before raw_ goes away (workers_ then waits for them)
      abort_.store(true);
      reading_done_.store(true);
    }
  }
  std::atomic<size_t>& published() { return published_; }
  std::vector<char> repaired;
  std::vector<std::string> failure;
  std::vector<Need> failure_need;  // what mends failure[i]

  void resize(size_t n) {
    repaired.assign(n, 0);
    failure.assign(n, "");
    failure_need.assign(n, Need::None);
  }

 private:
  void work() {
    OgrTransform ct = make_transform(src_);
    VertexTransform vt(ct.get(), table_ ? &*table_ : nullptr);
    GeosContext geos;
    for (;;) {
      size_t b = next_.fetch_add(kChunk);
      size_t e = b + kChunk;
      for (;;) {  // wait until [b, e) has been read, or reading has ended
        if (abort_.load() || workers_.stopping()) return;
        bool done = reading_done_.load(std::memory_order_acquire);
        size_t avail =
            done ? total_.load(std::memory_order_acquire) : published_.load(std::memory_order_acquire);
        if (done) e = std::min(e, avail);
        if (b >= e && done) return;
        if (avail >= e) break;
        std::this_thread::yield();
      }
      for (size_t i = b; i < e; ++i) process(i, vt, geos);
    }
  }

  void process(size_t i, VertexTransform& vt, GeosContext& geos) {
    MultiPolygon& mp = raw_.polys[i];
    if (mp.empty()) return;
    if (!finite(mp)) {
      failure[i] =
          "has coordinates that are not finite numbers (NaN or infinity); fix or remove that feature";
      return;
    }
    try {
      vt.transform(mp);
    } catch (const Error& err) {
      failure[i] = std::string(err.what()) + " " + src_.working_crs +
                   "; check the file's CRS or give the one it was made in";
      failure_need[i] = Need::SourceCrs;
      return;
    }
    bool dropped = clean_rings(mp);
    if (mp.empty()) return;
    // Most areas are one simple ring: valid without building a GEOS geometry (geo/model/simple_ring.hpp).
    if (!dropped && mp.size() == 1 && mp[0].rings.size() == 1 && certainly_simple_ring(mp[0].rings[0]))
      return;
    GeomPtr g = to_geos(geos, mp);
    char valid = g ? GEOSisValid_r(geos, g.get()) : 0;
    if (valid != 1 || dropped) {
      GeomPtr fixed = own(geos, g ? GEOSMakeValid_r(geos, g.get()) : nullptr);
      MultiPolygon mv = fixed ? from_geos(geos, fixed.get()) : MultiPolygon{};
      clean_rings(mv);
      mp = std::move(mv);
      repaired[i] = 1;
    }
  }

  // The transform tabulated over the layer's stored extent (the GeoPackage header, a shapefile's .shp
  // header: no read of the features); none when the driver cannot tell it cheaply or the transform is not
  // smooth there. Points outside the extent still go to PROJ.
  std::optional<TabulatedTransform> build_table() const {
    if (!src_.transform) return std::nullopt;
    // A table costs 20-100 ms of PROJ calls (its nodes and its checks: 0.1 s for the 361 local authorities
    // of Great Britain, more than transforming their vertices one by one). Files smaller than 4 MB hold
    // fewer than 250,000 vertices (16 bytes each as WKB), about 0.1 s point by point: no table for them.
    // A database source has no files to measure and gets the table.
    constexpr unsigned long long kTableMinBytes = 4ull << 20;
    unsigned long long bytes = 0;
    bool files = false;
    if (char** list = GDALGetFileList(src_.ds.get())) {
      for (char** f = list; *f; ++f) {
        VSIStatBufL st;
        if (VSIStatL(*f, &st) == 0) bytes += (unsigned long long)st.st_size, files = true;
      }
      CSLDestroy(list);
    }
    if (files && bytes < kTableMinBytes) return std::nullopt;
    OGREnvelope env;
    if (OGR_L_GetExtent(src_.layer, &env, 0) != OGRERR_NONE) return std::nullopt;
    BBox box;
    box.expand(Point{env.MinX, env.MinY});
    box.expand(Point{env.MaxX, env.MaxY});
    OgrTransform ct = make_transform(src_);
    return TabulatedTransform::build(ct.get(), box);
  }

  static constexpr size_t kChunk = 64;
  const OgrSource& src_;
  RawLayer& raw_;
  std::atomic<size_t> published_{0}, next_{0}, total_{0};
  std::atomic<bool> reading_done_{false}, abort_{false};
  bool started_ = false;
  std::optional<TabulatedTransform> table_;  // read-only while the workers run
  TaskGroup workers_;                        // last: destroyed first, so its tasks end before what they use
};

// True when the area's shape meets `box` (touching counts, as OGR's spatial filter): by bounding box where
// that decides, else GEOS.
bool meets_box(const MultiPolygon& mp, const BBox& box) {
  const BBox b = bbox_of(mp);
  if (!b.intersects(box)) return false;
  if (b.minx >= box.minx && b.maxx <= box.maxx && b.miny >= box.miny && b.maxy <= box.maxy) return true;
  GeosContext geos;
  GeomPtr g = to_geos(geos, mp);
  GeomPtr r = own(geos, GEOSGeom_createRectangle_r(geos, box.minx, box.miny, box.maxx, box.maxy));
  return g && r && GEOSIntersects_r(geos, g.get(), r.get()) == 1;
}

}  // namespace

AreaLayer load_areas(const std::string& source, const IngestOptions& opt, const Progress& progress) {
  const std::string path = source_label(source);  // for messages: no password
  report(progress, 0, "opening");
  OgrSource src = open_source(source, opt, LayerKind::Polygons);
  RawLayer raw;
  GeometryPipeline pipe(src, raw);
  pipe.resize(cheap_feature_count(src));
  if (cheap_feature_count(src) > 0) pipe.start();
  size_t expected = 0;
  if (!read_gpkg_polygons(src, path, raw, progress, 0.0, 0.8, &pipe.published(), &expected))
    read_layer(src, LayerKind::Polygons, path, raw, progress, 0.0, 0.8, &pipe.published(), &expected);
  const size_t n = raw.size();
  if (expected == 0) pipe.resize(n);
  report(progress, 0.8, "reprojecting and checking geometry");
  if (expected == 0) pipe.start();
  pipe.finish(n);
  auto none_in_box = [&] {
    const BBox& b = *opt.read_bbox;
    return Error("layer '" + src.layer_name + "' in " + path + " has no areas in the box " +
                 format_number(b.minx) + "," + format_number(b.miny) + "," + format_number(b.maxx) + "," +
                 format_number(b.maxy) + " (" + src.working_crs + "); give a box over the areas");
  };
  if (n == 0 && opt.read_bbox) throw none_in_box();
  if (n == 0)
    throw Error("layer '" + src.layer_name + "' in " + path +
                " has no features; give a boundary file with areas");

  AreaLayer out;
  out.source = path;  // without a password: every later message names the layer by it
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
    if (key_idx < 0)
      throw Error(unknown_name_message("field", opt.key_field, field_names, path + " for the area codes"),
                  Need::Key);
    out.key_detection = "named by the user";
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
      throw Error("cannot tell which field of " + path +
                      " holds the area codes (no field has ONS-style codes such as "
                      "E01000001; fields: " +
                      join_list(field_names, 20) + "); name the key field",
                  Need::Key);
    key_idx = static_cast<int>(col_field[static_cast<size_t>(g.column)]);
    out.code_kind = g.kind;
    out.key_detection = "detected from values: " + std::to_string(g.shaped) + " codes shaped like " +
                        g.prefixes + " (" + g.kind + ")";
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
    throw Error(unknown_name_message("field", opt.name_field, field_names, path + " for the area names"),
                Need::Name);

  for (size_t i = 0; i < n; ++i)
    if (!pipe.failure[i].empty())
      throw Error(path + ": feature " + std::to_string(raw.fids[i]) + " (" + out.key_field + "=" + keys[i] +
                      ") " + pipe.failure[i],
                  pipe.failure_need[i]);

  // Keep features with geometry and a key; codes must be unique.
  std::vector<char> keep(n, 1);
  StringIndex seen(n);  // views of keys[], which stay put until the areas are moved out below
  std::vector<size_t> merged_into;
  for (size_t i = 0; i < n; ++i) {
    if (raw.polys[i].empty()) {
      keep[i] = 0;
      ++out.stats.dropped_empty;
      continue;
    }
    // The source filters by bounding box (PostGIS: `&&`, boxes rounded outwards to float4; a reprojected
    // box is widened) while GDAL refines a GeoPackage's R-tree hits by shape: the rule, whatever the
    // source, is the area's shape meeting the box in the working CRS.
    if (opt.read_bbox && !meets_box(raw.polys[i], *opt.read_bbox)) {
      keep[i] = 0;
      ++out.stats.outside_box;
      continue;
    }
    if (keys[i].empty()) {
      keep[i] = 0;
      ++out.stats.dropped_no_key;
      continue;
    }
    auto [first_i, fresh] = seen.insert(keys[i], i);
    if (!fresh) {
      // The same code on several features is one area stored in pieces (ONS ward files do this): its parts
      // join the first feature's geometry, whose attributes stand for the area. Reported, never silent.
      MultiPolygon& first = raw.polys[first_i];
      for (auto& part : raw.polys[i]) first.push_back(std::move(part));
      keep[i] = 0;
      ++out.stats.merged_features;
      if (out.stats.merged_codes.empty() || out.stats.merged_codes.back() != keys[i])
        if (out.stats.merged_codes.size() < 10) out.stats.merged_codes.push_back(keys[i]);
      merged_into.push_back(first_i);
      continue;
    }
    if (pipe.repaired[i]) {
      ++out.stats.repaired;
      if (out.stats.repaired_codes.size() < 10) out.stats.repaired_codes.push_back(keys[i]);
    }
  }
  if (!merged_into.empty()) {
    // Pieces that overlap or share edges make an invalid multipolygon: union them.
    std::sort(merged_into.begin(), merged_into.end());
    merged_into.erase(std::unique(merged_into.begin(), merged_into.end()), merged_into.end());
    GeosContext geos;
    for (size_t i : merged_into) {
      GeomPtr g = to_geos(geos, raw.polys[i]);
      if (GEOSisValid_r(geos, g.get()) == 1) continue;
      GeomPtr u = own(geos, GEOSUnaryUnion_r(geos, g.get()));
      if (!u) u = own(geos, GEOSMakeValid_r(geos, g.get()));
      MultiPolygon mp = from_geos(geos, u.get());
      clean_rings(mp);
      raw.polys[i] = std::move(mp);
    }
  }
  const size_t kept = size_t(std::count(keep.begin(), keep.end(), 1));
  out.codes.reserve(kept);
  out.names.reserve(kept);
  out.geoms.reserve(kept);
  for (size_t i = 0; i < n; ++i) {
    if (!keep[i]) continue;
    out.codes.push_back(std::move(keys[i]));
    out.names.push_back(name_idx >= 0 && raw.fields[static_cast<size_t>(name_idx)].type == ColumnType::Text
                            ? raw.fields[static_cast<size_t>(name_idx)].text[i]
                            : std::string());
    out.geoms.push_back(std::move(raw.polys[i]));
  }
  {  // the extent: every vertex read once, in parallel (a serial pass was 3% of a national render)
    std::vector<BBox> part((out.geoms.size() + 4095) / 4096);
    parallel_for(part.size(), 1, 0, [&](size_t c0, size_t c1) {
      for (size_t c = c0; c < c1; ++c)
        for (size_t i = c * 4096; i < std::min(out.geoms.size(), (c + 1) * 4096); ++i)
          part[c].expand(bbox_of(out.geoms[i]));
    });
    for (const BBox& b : part) out.extent.expand(b);
  }
  if (out.codes.empty() && out.stats.outside_box > 0) throw none_in_box();
  if (out.codes.empty())
    throw Error("layer '" + src.layer_name + "' in " + path +
                " has no areas with both a geometry and a code in " + out.key_field + "; check the file");
  out.attrs = fields_to_table(raw.fields, keep, path);
  report(progress, 1.0, "loaded");
  return out;
}

}  // namespace nbhd
