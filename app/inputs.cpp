#include "app/inputs.hpp"

#include <filesystem>
#include <iostream>
#include <string_view>

#include "app/terminal_progress.hpp"
#include "base/error.hpp"
#include "geo/vector/extent_check.hpp"

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

IngestOptions ingest_options(const Args& a) {
  IngestOptions o;
  o.layer = a.get_or("layer", "");
  o.key_field = a.get_or("key", "");
  o.name_field = a.get_or("name", "");
  o.working_crs = a.get_or("crs", "EPSG:27700");
  o.assume_crs = a.get_or("assume-crs", "");
  return o;
}

OnDuplicate on_duplicate_option(const Args& a) {
  std::string dup = a.get_or("on-duplicate", "error");
  if (dup == "first") return OnDuplicate::First;
  if (dup != "error") throw UsageError("--on-duplicate takes 'error' or 'first', not '" + dup + "'");
  return OnDuplicate::Error;
}

LoadedInputs load_inputs(const Args& a, size_t index, const std::vector<std::string>* numeric_columns) {
  install_interrupt_handler();
  const std::string& path = a.require_positional(index, "BOUNDARIES file");
  LoadAndJoinOptions o;
  o.ingest = ingest_options(a);
  for (const auto& spec : a.all("indicators")) o.tables.push_back(parse_table_spec(spec));
  if (numeric_columns) o.numeric_columns = *numeric_columns;
  o.on_duplicate = on_duplicate_option(a);
  LoadedInputs in;
  {
    TerminalProgress bar("loading " + std::filesystem::path(path).filename().string());
    o.progress = bar.callback();  // Ctrl-C stops the load or between joins
    in = load_and_join(path, o);
  }
  warn_if_outside_crs(in.layer.extent, in.layer.working_crs, path);
  return in;
}

void warn_if_outside_crs(const BBox& extent, const std::string& crs, const std::string& path) {
  if (auto w = extent_warning(extent, crs, path)) std::cerr << "warning: " << *w << "\n";
}

void warn_if_outside_crs(const PointLayer& points, const std::string& path) {
  BBox e;
  for (Point p : points.pts) e.expand(p);
  warn_if_outside_crs(e, points.working_crs, path);
}

}  // namespace nbhd::cli
