#pragma once
// The options every map-making command shares: a boundary file, how to read it, and indicator tables to
// join (--indicators TABLE[:KEYFIELD], repeatable). Loading prints join reports, never hides them.
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "app/args.hpp"
#include "geo/model/area_layer.hpp"
#include "geo/tables/join.hpp"
#include "geo/tables/load_and_join.hpp"
#include "geo/vector/ingest.hpp"

namespace nbhd::cli {

// --layer --key --name --crs --assume-crs --indicators --on-duplicate --sheet --header-row --encoding
std::vector<OptionSpec> input_options();
// The help text lines for those options.
const char* input_options_help();
// The help text lines for --sheet, --header-row and --encoding, which every command reading tables takes.
const char* table_read_options_help();

// The options of a command that reads boundaries: input_options() plus `values` (each takes a value) and
// `flags`, with -o for "output" and -h/--help always.
std::vector<OptionSpec> command_options(std::initializer_list<const char*> values,
                                        std::initializer_list<const char*> flags);
// Parses argv with `spec`; for --help prints `help`, the input options' lines and `tail`, and returns
// nullopt (the command then exits 0).
std::optional<Args> parse_command(const std::vector<std::string>& argv, const std::vector<OptionSpec>& spec,
                                  const char* help, const char* tail = "");

// The options of a command that reads plain tables only (no boundaries): `values`, `flags`, -o for
// "output" and -h/--help.
std::vector<OptionSpec> table_command_options(std::initializer_list<const char*> values,
                                              std::initializer_list<const char*> flags);
// As parse_command, without the boundary options in the help.
std::optional<Args> parse_table_command(const std::vector<std::string>& argv,
                                        const std::vector<OptionSpec>& spec, const char* help);

IngestOptions ingest_options(const Args& a);
// A table argument (TABLE[:SHEET]:KEY) with --sheet, --header-row and --encoding applied. Throws
// UsageError for a bad --header-row or --encoding.
TableSpec table_spec(const Args& a, const std::string& spec);
// Reads the table file `path` (never split at colons) with --sheet, --header-row and --encoding.
Table read_table_file(const Args& a, const std::string& path);
// --on-duplicate error|first. Throws UsageError for anything else.
OnDuplicate on_duplicate_option(const Args& a);

// The layer with its joined tables and a report per join (load_and_join's).
using LoadedInputs = JoinedLayer;

// Loads BOUNDARIES (positional `index`) and joins every --indicators table, with a progress line.
// `numeric_columns`: the numeric table columns the command needs (see read_table); null = all.
LoadedInputs load_inputs(const Args& a, size_t index = 0,
                         const std::vector<std::string>* numeric_columns = nullptr);

// "warning: FILE: its extent (...) lies outside the area CRS is for (...)" on stderr when the layer's extent
// misses its working CRS's area of use (geo/vector/extent_check.hpp). load_inputs does it for boundaries.
void warn_if_outside_crs(const BBox& extent, const std::string& crs, const std::string& path);
void warn_if_outside_crs(const PointLayer& points, const std::string& path);

}  // namespace nbhd::cli
