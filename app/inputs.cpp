#include "app/inputs.hpp"

#include <filesystem>

#include "app/terminal_progress.hpp"
#include "geo/error.hpp"
#include "geo/table_io.hpp"

namespace nbhd::cli {

std::vector<OptionSpec> input_options() {
  return {{"layer"}, {"key"}, {"name"}, {"crs"}, {"assume-crs"}, {"indicators"}, {"on-duplicate"}};
}

const char* input_options_help() {
  return "  --layer L               layer to read (default: the only polygon layer)\n"
         "  --key F                 field holding the area codes (default: detected from values, e.g. E01...)\n"
         "  --name F                field holding area names (default: detected, e.g. *_name, *NM)\n"
         "  --crs EPSG:N            working CRS, projected, in metres (default EPSG:27700)\n"
         "  --assume-crs EPSG:N     CRS of a source that declares none (e.g. a Shapefile without .prj)\n"
         "  --indicators T[:KEY]    CSV/XLSX table to join by area code (repeatable; KEY detected if omitted)\n"
         "  --on-duplicate error|first  duplicate codes in a table: stop (default) or keep the first row\n";
}

TableSpec parse_table_spec(const std::string& spec) {
  std::error_code ec;
  if (std::filesystem::exists(spec, ec)) return {spec, ""};
  auto colon = spec.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size()) return {spec, ""};
  return {spec.substr(0, colon), spec.substr(colon + 1)};
}

IngestOptions ingest_options(const Args& a) {
  IngestOptions o;
  o.layer = a.get_or("layer", "");
  o.key_field = a.get_or("key", "");
  o.name_field = a.get_or("name", "");
  o.working_crs = a.get_or("crs", "EPSG:27700");
  o.assume_crs = a.get_or("assume-crs", "");
  return o;
}

LoadedInputs load_inputs(const Args& a, size_t index) {
  install_interrupt_handler();
  const std::string& path = a.require_positional(index, "BOUNDARIES file");
  LoadedInputs in;
  {
    TerminalProgress bar("loading " + std::filesystem::path(path).filename().string());
    in.layer = load_areas(path, ingest_options(a), bar.callback());
  }
  JoinOptions jo;
  std::string dup = a.get_or("on-duplicate", "error");
  if (dup == "first") jo.on_duplicate = OnDuplicate::First;
  else if (dup != "error") throw UsageError("--on-duplicate takes 'error' or 'first', not '" + dup + "'");
  for (const auto& spec : a.all("indicators")) {
    TableSpec ts = parse_table_spec(spec);
    Table t = read_table(ts.path);
    jo.key_field = ts.key;
    in.reports.push_back(join_table(in.layer, t, jo));
    if (interrupted()) throw Cancelled();
  }
  return in;
}

}  // namespace nbhd::cli
