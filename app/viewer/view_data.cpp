#include "app/viewer/view_data.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "base/text.hpp"
#include "geo/tables/load_and_join.hpp"
#include "geo/tables/point_table.hpp"
#include "render/document/build_map_document.hpp"

namespace nbhd::view {

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
    for (const auto& path : s.assets) d->asset_layers.push_back(load_point_file(path, io));  // or a spreadsheet
    d->asset_index = std::make_unique<AssetIndex>(merge_assets(d->asset_layers));
    d->has_assets = true;
  }
  for (const auto& c : d->layer.attrs.cols())
    if (c.numeric()) d->numeric_columns.push_back(c.name);
  for (size_t i = 0; i < d->layer.size(); ++i)
    d->search_text.push_back(
        lower(d->layer.codes[i] + " " + (i < d->layer.names.size() ? d->layer.names[i] : std::string())));
  // Local ranks are within the local authority when the layer says which one each area is in.
  for (const auto& c : d->layer.attrs.cols()) {
    if (c.numeric() || c.name == d->layer.key_field) continue;
    std::string n = lower(c.name);
    if ((n.find("ltla") != std::string::npos || n.find("lad") != std::string::npos) &&
        n.find("code") != std::string::npos) {
      d->group_column = c.name;
      break;
    }
  }
  report(progress, 1.0, "done");
  d->load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return d;
}

}  // namespace nbhd::view
