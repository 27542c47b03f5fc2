#include "app/inputs.hpp"

#include <filesystem>
#include <future>
#include <iostream>
#include <string_view>

#include "app/terminal_progress.hpp"
#include "base/error.hpp"
#include "geo/tables/table_io.hpp"

namespace nbhd::cli {

std::vector<OptionSpec> input_options() {
  return {{"layer"}, {"key"}, {"name"}, {"crs"}, {"assume-crs"}, {"indicators"}, {"on-duplicate"}};
}

const char* input_options_help() {
  return "  --layer L               layer to read (default: the only polygon layer)\n"
         "  --key F                 field holding the area codes (default: detected from values, e.g. "
         "E01...)\n"
         "  --name F                field holding area names (default: detected, e.g. *_name, *NM)\n"
         "  --crs EPSG:N            working CRS, projected, in metres (default EPSG:27700)\n"
         "  --assume-crs EPSG:N     CRS of a source that declares none (e.g. a Shapefile without .prj)\n"
         "  --indicators T[:KEY]    CSV/XLSX table to join by area code (repeatable; KEY detected if "
         "omitted)\n"
         "  --on-duplicate error|first  duplicate codes in a table: stop (default) or keep the first row\n";
}

std::vector<OptionSpec> command_options(std::initializer_list<const char*> values,
                                        std::initializer_list<const char*> flags) {
  auto spec = input_options();
  for (const char* v : values) spec.push_back({v, true, std::string_view(v) == "output" ? 'o' : '\0'});
  for (const char* f : flags) spec.push_back({f, false});
  spec.push_back({"help", false, 'h'});
  return spec;
}

std::optional<Args> parse_command(const std::vector<std::string>& argv, const std::vector<OptionSpec>& spec,
                                  const char* help, const char* tail) {
  Args a(argv, spec);
  if (a.flag("help")) {
    std::cout << help << input_options_help() << tail;
    return std::nullopt;
  }
  return a;
}

std::vector<OptionSpec> table_command_options(std::initializer_list<const char*> values,
                                              std::initializer_list<const char*> flags) {
  std::vector<OptionSpec> spec;
  for (const char* v : values) spec.push_back({v, true, std::string_view(v) == "output" ? 'o' : '\0'});
  for (const char* f : flags) spec.push_back({f, false});
  spec.push_back({"help", false, 'h'});
  return spec;
}

std::optional<Args> parse_table_command(const std::vector<std::string>& argv,
                                        const std::vector<OptionSpec>& spec, const char* help) {
  Args a(argv, spec);
  if (a.flag("help")) {
    std::cout << help;
    return std::nullopt;
  }
  return a;
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

LoadedInputs load_inputs(const Args& a, size_t index, const std::vector<std::string>* numeric_columns) {
  install_interrupt_handler();
  const std::string& path = a.require_positional(index, "BOUNDARIES file");
  LoadedInputs in;
  JoinOptions jo;
  std::string dup = a.get_or("on-duplicate", "error");
  if (dup == "first")
    jo.on_duplicate = OnDuplicate::First;
  else if (dup != "error")
    throw UsageError("--on-duplicate takes 'error' or 'first', not '" + dup + "'");
  // The tables are read on another thread while the boundaries load (independent files; the national
  // IMD CSV takes a quarter of a second); errors still surface in the same order as before.
  std::vector<std::future<Table>> tables;
  for (const auto& spec : a.all("indicators")) {
    TableSpec ts = parse_table_spec(spec);
    std::optional<std::vector<std::string>> wanted;
    if (numeric_columns) {
      wanted = *numeric_columns;
      if (!ts.key.empty()) wanted->push_back(ts.key);  // a named key may be numeric
    }
    tables.push_back(std::async(std::launch::async, [p = ts.path, w = std::move(wanted)] {
      return read_table(p, "", w ? &*w : nullptr);
    }));
  }
  {
    TerminalProgress bar("loading " + std::filesystem::path(path).filename().string());
    in.layer = load_areas(path, ingest_options(a), bar.callback());
  }
  for (size_t i = 0; i < tables.size(); ++i) {
    TableSpec ts = parse_table_spec(a.all("indicators")[i]);
    Table t = tables[i].get();
    jo.key_field = ts.key;
    in.reports.push_back(join_table(in.layer, t, jo));
    if (interrupted()) throw Cancelled();
  }
  return in;
}

}  // namespace nbhd::cli
