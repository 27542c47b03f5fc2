// nbhd info: what a boundary file holds and how indicator tables join to it.
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "app/inputs.hpp"
#include "base/text.hpp"
#include "geo/vector/ogr_source.hpp"

namespace nbhd::cli {

namespace {

const char* kHelp =
    "usage: nbhd info BOUNDARIES [options] [--json]\n\n"
    "Describes a boundary file (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, GML, PG:...): driver, layer,\n"
    "feature count, source and working CRS, extent, key and name fields, geometry repairs, and how each\n"
    "indicator table joins (matched, areas without a row, rows without an area, duplicates).\n\n"
    "options:\n";

nlohmann::json report_json(const JoinReport& r) {
  auto first = [](const std::vector<std::string>& v) {
    return std::vector<std::string>(v.begin(), v.begin() + static_cast<long>(std::min<size_t>(v.size(), 10)));
  };
  return {{"table", r.table},
          {"key", r.key_field},
          {"rows", r.rows},
          {"matched", r.matched},
          {"areas_without_row", r.areas_without_row.size()},
          {"areas_without_row_first", first(r.areas_without_row)},
          {"rows_without_area", r.rows_without_area.size()},
          {"rows_without_area_first", first(r.rows_without_area)},
          {"duplicate_keys", r.duplicate_keys},
          {"numeric_columns", r.numeric_columns},
          {"note", r.key_kind_note}};
}

}  // namespace

int cmd_info(const std::vector<std::string>& argv) {
  auto parsed = parse_command(argv, command_options({}, {"json"}), kHelp,
                              "  --json                  machine-readable output\n");
  if (!parsed) return 0;
  const Args& a = *parsed;
  LoadedInputs in = load_inputs(a);
  const AreaLayer& L = in.layer;
  const std::optional<BBox> within = ingest_options(a).read_bbox;
  if (a.flag("json")) {
    nlohmann::json j = {{"source", source_label(L.source)},
                        {"driver", L.driver},
                        {"layer", L.layer_name},
                        {"features_read", L.stats.features_read},
                        {"areas", L.size()},
                        {"source_crs", L.source_crs},
                        {"working_crs", L.working_crs},
                        {"extent", {L.extent.minx, L.extent.miny, L.extent.maxx, L.extent.maxy}},
                        {"key_field", L.key_field},
                        {"key_detection", L.key_detection},
                        {"code_kind", L.code_kind},
                        {"name_field", L.name_field},
                        {"repaired", L.stats.repaired},
                        {"repaired_first", L.stats.repaired_codes},
                        {"dropped_empty", L.stats.dropped_empty},
                        {"dropped_no_key", L.stats.dropped_no_key},
                        {"merged_features", L.stats.merged_features},
                        {"merged_first", L.stats.merged_codes}};
    if (within) {
      j["read_bbox"] = {within->minx, within->miny, within->maxx, within->maxy};
      j["outside_box"] = L.stats.outside_box;
    }
    j["joins"] = nlohmann::json::array();
    for (const auto& r : in.reports) j["joins"].push_back(report_json(r));
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::cout << "source:       " << source_label(L.source) << " (" << L.driver << ")\n"
            << "layer:        " << L.layer_name << "\n"
            << "areas:        " << L.size() << " (" << L.stats.features_read << " features read)\n"
            << "source CRS:   " << L.source_crs << "\n";
  if (within)
    std::cout << "read-bbox:    " << format_number(within->minx) << ", " << format_number(within->miny)
              << " - " << format_number(within->maxx) << ", " << format_number(within->maxy)
              << " (m): the source returned " << L.stats.features_read << " features"
              << (L.stats.outside_box ? "; " + std::to_string(L.stats.outside_box) +
                                            " whose box meets it but shape does not dropped"
                                      : std::string())
              << "\n";
  std::cout << "working CRS:  " << L.working_crs << "\n"
            << "extent:       " << format_number(std::round(L.extent.minx)) << ", "
            << format_number(std::round(L.extent.miny)) << " - " << format_number(std::round(L.extent.maxx))
            << ", " << format_number(std::round(L.extent.maxy)) << " (m)\n"
            << "key field:    " << L.key_field << " (" << L.key_detection << ")\n"
            << "name field:   " << (L.name_field.empty() ? "(none found)" : L.name_field) << "\n"
            << "repaired:     " << L.stats.repaired << " invalid geometries fixed with MakeValid";
  if (!L.stats.repaired_codes.empty()) std::cout << " (" << join_list(L.stats.repaired_codes, 10) << ")";
  std::cout << "\ndropped:      " << L.stats.dropped_empty << " empty geometries, " << L.stats.dropped_no_key
            << " without a code\n";
  if (L.stats.merged_features > 0)
    std::cout << "merged:       " << L.stats.merged_features
              << " features repeated a code; their parts were joined to "
              << "that area (" << join_list(L.stats.merged_codes, 10) << ")\n";
  std::cout << "fields:       " << L.attrs.columns() << "\n";
  for (const auto& r : in.reports) std::cout << format_report(r);
  return 0;
}

}  // namespace nbhd::cli
