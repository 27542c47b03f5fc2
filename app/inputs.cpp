#include "app/inputs.hpp"

#include <charconv>
#include <filesystem>
#include <iostream>
#include <string_view>

#include "app/terminal_progress.hpp"
#include "base/error.hpp"
#include "geo/vector/extent_check.hpp"
#include "render/document/extent.hpp"

namespace nbhd::cli {

std::vector<OptionSpec> input_options() {
  return {{"layer"},        {"key"},   {"name"},       {"crs"},      {"assume-crs"}, {"indicators"},
          {"on-duplicate"}, {"sheet"}, {"header-row"}, {"encoding"}, {"read-bbox"}};
}

const char* table_read_options_help() {
  return "  --sheet S               workbook sheet of the tables (default: the only one, or the first\n"
         "                          with area codes; or TABLE:SHEET:KEY)\n"
         "  --header-row N          line (sheet row) of the tables' header (default: the first row\n"
         "                          of two or more cells)\n"
         "  --encoding E            text encoding of the tables: utf-8, utf-16, cp1252 or latin1\n"
         "                          (default: UTF-8, or UTF-16 with its byte-order mark)\n";
}

const char* input_options_help() {
  static const std::string text =
      std::string(
          "  --layer L               layer to read (default: the only polygon layer)\n"
          "  --key F                 field holding the area codes (default: detected from values, e.g. "
          "E01...)\n"
          "  --name F                field holding area names (default: detected, e.g. *_name, *NM)\n"
          "  --crs EPSG:N            working CRS, projected, in metres (default EPSG:27700)\n"
          "  --assume-crs EPSG:N     CRS of a source that declares none (e.g. a Shapefile without .prj)\n"
          "  --read-bbox X0,Y0,X1,Y1\n"
          "                          read only the areas that meet this box (working CRS, metres);\n"
          "                          the source filters (a PG: source on the server), so only they are "
          "fetched\n"
          "  --indicators T[:KEY]    CSV/XLSX/ODS table to join by area code (repeatable; KEY detected if "
          "omitted)\n"
          "  --on-duplicate error|first  duplicate codes in a table: stop (default) or keep the first "
          "row\n") +
      table_read_options_help();
  return text.c_str();
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
  std::vector<OptionSpec> spec = {{"sheet"}, {"header-row"}, {"encoding"}};
  for (const char* v : values) spec.push_back({v, true, std::string_view(v) == "output" ? 'o' : '\0'});
  for (const char* f : flags) spec.push_back({f, false});
  spec.push_back({"help", false, 'h'});
  return spec;
}

std::optional<Args> parse_table_command(const std::vector<std::string>& argv,
                                        const std::vector<OptionSpec>& spec, const char* help) {
  Args a(argv, spec);
  if (a.flag("help")) {
    std::cout << help << "Reading the tables:\n" << table_read_options_help();
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
  if (auto w = a.get("read-bbox")) {
    try {
      o.read_bbox = parse_bbox(*w);
    } catch (const Error&) {
      throw UsageError(
          "--read-bbox takes the box minx,miny,maxx,maxy in the working CRS (metres), with min < max, "
          "not '" +
          *w + "'");
    }
  }
  return o;
}

namespace {

// --sheet (unless the spec named its sheet), --header-row and --encoding.
void apply_table_flags(const Args& a, TableSpec& t) {
  if (t.sheet.empty()) t.sheet = a.get_or("sheet", "");
  if (auto h = a.get("header-row")) {
    size_t n = 0;
    auto [end, ec] = std::from_chars(h->data(), h->data() + h->size(), n);
    if (ec != std::errc() || end != h->data() + h->size() || n == 0)
      throw UsageError("--header-row takes a line number (1 or more), not '" + *h + "'");
    t.header_row = n;
  }
  t.encoding = a.get_or("encoding", "");
  if (!t.encoding.empty() && t.encoding != "utf-8" && t.encoding != "utf-16" && t.encoding != "cp1252" &&
      t.encoding != "latin1")
    throw UsageError("--encoding takes utf-8, utf-16, cp1252 or latin1, not '" + t.encoding + "'");
}

}  // namespace

TableSpec table_spec(const Args& a, const std::string& spec) {
  TableSpec t = parse_table_spec(spec);
  apply_table_flags(a, t);
  return t;
}

Table read_table_file(const Args& a, const std::string& path) {
  TableSpec t;
  t.path = path;
  apply_table_flags(a, t);
  return read_table(path, read_options(t));
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
  for (const auto& spec : a.all("indicators")) o.tables.push_back(table_spec(a, spec));
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
