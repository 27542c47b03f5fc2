#include "app/viewer/view_data.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <unordered_set>

#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/stats/aggregate.hpp"
#include "geo/tables/load_and_join.hpp"
#include "geo/tables/point_table.hpp"
#include "geo/tables/table_io.hpp"
#include "render/document/build_map_document.hpp"

namespace nbhd::view {

namespace {

// The last postcode table read, kept while a ViewData uses it: reloading the boundaries or joining a table
// does not read a national directory again unless the file changed.
std::shared_ptr<const PostcodeIndex> load_postcodes(const std::string& path, const std::string& crs,
                                                    const Progress& progress, PostcodeReadReport& rep) {
  static std::mutex m;
  static std::weak_ptr<const PostcodeIndex> last;
  static std::string last_key;
  static PostcodeReadReport last_rep;
  std::error_code ec;
  auto stamp = std::filesystem::last_write_time(path, ec);
  std::string key = path + "|" + crs + "|" + std::to_string(ec ? 0 : stamp.time_since_epoch().count()) + "|" +
                    std::to_string(ec ? 0 : std::filesystem::file_size(path, ec));
  {
    std::lock_guard<std::mutex> lock(m);
    if (auto p = last.lock(); p && key == last_key) {
      rep = last_rep;
      return p;
    }
  }
  PostcodeReadOptions o;
  o.working_crs = crs;
  o.progress = progress_slice(progress, 0.97, 1.0);
  auto p = std::make_shared<const PostcodeIndex>(read_postcodes(path, o, &rep));
  std::lock_guard<std::mutex> lock(m);
  last = p, last_key = key, last_rep = rep;
  return p;
}

// `nbhd view --lookup FILE`: a child -> parent table (LSOA -> ward -> local authority). Its column holding
// the layer's codes is the child key; every other text column (parent codes and names) replaces the layer's
// column of that name, or is added, with "" for areas the lookup does not list (they have no parent).
void apply_lookup(AreaLayer& layer, const std::string& path) {
  Table lookup = read_table(path);
  std::unordered_set<std::string> own(layer.codes.begin(), layer.codes.end());
  const Column* key = nullptr;
  size_t best = 0;
  for (const auto& c : lookup.cols()) {
    if (c.numeric()) continue;
    size_t n = 0;
    for (const auto& t : c.text) n += own.count(std::string(trim(t)));
    if (n > best) best = n, key = &c;
  }
  if (!key)
    throw Error("lookup " + path + " has no column holding the codes of " + layer.source + " (e.g. " +
                (layer.codes.empty() ? std::string("none") : layer.codes.front()) +
                "); give a table with the boundaries' codes and their parents' codes");
  std::vector<std::string> codes(layer.codes.begin(), layer.codes.end());
  Table out(layer.attrs.source());
  out.set_rows(layer.size());
  std::vector<Column> added;
  for (const auto& c : lookup.cols()) {
    if (c.numeric() || &c == key) continue;
    // parents_from_lookup refuses an area listed under two parents; names follow their area's first row.
    ParentAssignment pa = parents_from_lookup(codes, lookup, key->name, c.name);
    added.push_back(Column{c.name, ColumnType::Text, {}, std::move(pa.parent_of)});
  }
  for (const auto& c : layer.attrs.cols()) {
    bool replaced = false;
    for (const auto& a : added) replaced |= a.name == c.name;
    if (!replaced) out.add(c);
  }
  for (auto& a : added) out.add(std::move(a));
  layer.attrs = std::move(out);
}

}  // namespace

std::string local_authority_column(const AreaLayer& layer) {
  for (const auto& c : layer.attrs.cols()) {
    if (c.numeric() || c.name == layer.key_field) continue;
    std::string n = lower(c.name);
    if ((n.find("ltla") != std::string::npos || n.find("lad") != std::string::npos) &&
        n.find("code") != std::string::npos)
      return c.name;
  }
  return "";
}
namespace {
// The basemap over the layer's extent and a tenth more each side (panning past the edge still shows some).
RgbaImage warp_basemap(const std::string& source, const AreaLayer& L) {
  Basemap bm(source, L.working_crs);
  BBox ext;
  for (const auto& g : L.geoms) ext.expand(bbox_of(g));
  if (ext.empty()) throw Error("basemap " + source + ": the boundaries have no extent to draw it under");
  double pad = 0.1 * std::max(ext.maxx - ext.minx, ext.maxy - ext.miny);
  ext = BBox{ext.minx - pad, ext.miny - pad, ext.maxx + pad, ext.maxy + pad};
  double wm = ext.maxx - ext.minx, hm = ext.maxy - ext.miny;
  double mpp = std::max(wm, hm) / kBasemapPixels;
  int w = std::max(1, int(std::ceil(wm / mpp))), h = std::max(1, int(std::ceil(hm / mpp)));
  return bm.warp(BBox{ext.minx, ext.maxy - h * mpp, ext.minx + w * mpp, ext.maxy}, w, h);
}
}  // namespace

std::unique_ptr<ViewData> load_view_data(const Sources& s, const Progress& progress) {
  auto t0 = std::chrono::steady_clock::now();
  auto d = std::make_unique<ViewData>();
  d->sources = s;
  LoadAndJoinOptions lo;
  lo.ingest = s.ingest;
  for (const auto& t : s.indicators) lo.tables.push_back(parse_table_spec(t));
  lo.on_duplicate = s.on_duplicate;
  lo.progress = progress_slice(progress, 0, 0.65);
  JoinedLayer joined = load_and_join(s.boundaries, lo);
  d->layer = std::move(joined.layer);
  d->reports = std::move(joined.reports);
  if (!s.lookup.empty()) {
    report(progress, 0.65, "reading the lookup");
    apply_lookup(d->layer, s.lookup);
  }
  report(progress, 0.65, "tessellating");
  d->mesh = build_area_mesh(d->layer.geoms, centre_of(d->layer.geoms), true, 0,
                            progress_slice(progress, 0.65, 0.9));
  report(progress, 0.9, "indexing");
  d->pick = PickIndex(d->layer.geoms);
  IngestOptions io;
  io.working_crs = d->layer.working_crs;
  for (const auto& path : s.outlines) {
    report(progress, 0.92, "loading outline layers");
    OutlineData o;
    o.layer = load_areas(path, io);
    o.label = outline_label(o.layer, path);  // as the exported map's legend names it
    o.mesh = build_area_mesh(o.layer.geoms, centre_of(o.layer.geoms), false);
    d->outlines.push_back(std::move(o));
  }
  if (!s.assets.empty()) {
    report(progress, 0.96, "loading assets");
    for (const auto& path : s.assets)
      d->asset_layers.push_back(load_point_file(path, io));  // or a spreadsheet
    d->asset_index = std::make_shared<const AssetIndex>(merge_assets(d->asset_layers));
    d->has_assets = true;
  }
  for (const auto& c : d->layer.attrs.cols())
    if (c.numeric()) d->numeric_columns.push_back(c.name);
  report(progress, 0.97, "indexing names");
  std::vector<const AreaLayer*> outline_layers;
  for (const auto& o : d->outlines) outline_layers.push_back(&o.layer);
  d->search = SearchIndex(d->layer, outline_layers);
  if (!s.postcodes.empty())
    d->postcodes = load_postcodes(s.postcodes, d->layer.working_crs, progress, d->postcode_report);
  // Local ranks are within the local authority when the layer says which one each area is in.
  d->group_column = local_authority_column(d->layer);
  if (!s.basemap.empty()) {
    report(progress, 0.98, "drawing the basemap");
    try {
      d->basemap = warp_basemap(s.basemap, d->layer);
    } catch (const Error& e) {
      d->basemap_error = e.what();
    }
  }
  report(progress, 1.0, "done");
  d->load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return d;
}

}  // namespace nbhd::view
