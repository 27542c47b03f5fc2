// nbhd aggregate: statistics of small areas (LSOAs) per larger area (wards), through a lookup table or
// spatially, written as a CSV keyed by the parent code that joins and maps like any indicator table.
#include <filesystem>
#include <iostream>

#include "app/commands.hpp"
#include "app/inputs.hpp"
#include "app/terminal_progress.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/model/ons_codes.hpp"
#include "geo/stats/aggregate.hpp"
#include "geo/stats/level.hpp"
#include "geo/tables/csv_write.hpp"
#include "geo/tables/table_io.hpp"
#include "geo/vector/ingest.hpp"
#include "geo/vector/vector_write.hpp"

namespace nbhd::cli {

namespace {
const char* kHelp =
    "usage: nbhd aggregate --table T [--key K] --lookup L --child-key CK --parent-key PK\n"
    "                      --stat S... [--column C] [--weight W] -o OUT.csv\n"
    "       nbhd aggregate CHILD_BOUNDARIES [--indicators T]... --parents PARENT_BOUNDARIES\n"
    "                      [--parent-key PK] --stat S... [--column C] [--weight W] -o OUT.csv\n"
    "       nbhd aggregate CHILD_BOUNDARIES [--indicators T]... --dissolve\n"
    "                      (--parent-field F | --lookup L --child-key CK --parent-key PK | --parents P)\n"
    "                      [--stat S... --column C] [--weight W] -o OUT.gpkg\n\n"
    "Aggregates a column of small areas (children, e.g. LSOAs) to larger areas (parents, e.g. wards).\n"
    "Each child gets its parent from a lookup table (child code -> parent code), or spatially: the\n"
    "parent polygon containing the child's point on surface. Missing child values are left out; children\n"
    "without a parent are counted and listed. The output has the parent code, n_children and one column\n"
    "per statistic, e.g. IMD_rank_mean, IMD_decile_pct_1.\n\n"
    "With --dissolve the output is the parents' polygons (a GeoPackage), dissolved from their children's\n"
    "with GEOS coverage union (the general union for a parent whose children are not a clean coverage),\n"
    "with n_children and the statistics; without --stat, every numeric column by the viewer's level rules:\n"
    "the mean (weighted by --weight when given; the weight itself summed), and for rank and decile columns\n"
    "the % of children in the most deprived decile. Text fields the same for all of a parent's children\n"
    "(its name, its local authority) are kept. The viewer's Level control uses the same engine.\n\n"
    "statistics (--stat, repeatable):\n"
    "  count                   children per parent (with --column: children with a value)\n"
    "  sum, mean, min, max, median\n"
    "  wmean                   mean weighted by --weight (e.g. households)\n"
    "  share:V, share:LO:HI    % of children whose value is V, or between LO and HI (e.g. share:1 of\n"
    "                          IMD_decile: the % of LSOAs in the most deprived decile)\n\n"
    "options:\n"
    "  --table T               child table (CSV/XLSX) for the lookup form\n"
    "  --key K                 its child code column (default: --child-key)\n"
    "  --lookup L              lookup table (CSV/XLSX) with child and parent code columns\n"
    "  --child-key CK          child code column of the lookup\n"
    "  --parent-key PK         parent code column of the lookup; spatial form: key field of the parents\n"
    "  --parents P             parent boundaries for the spatial form\n"
    "  --column C              child column the statistics are computed on\n"
    "  --weight W              weight column for wmean\n"
    "  --dissolve              write the parents' polygons (OUT.gpkg) instead of a CSV\n"
    "  --parent-field F        dissolve form: the children's field holding the parent code (ward24_code)\n"
    "  -o, --output OUT.csv    the CSV to write ('-' for standard output)\n"
    "  --force                 overwrite OUT.csv if it exists\n"
    "spatial form, children:\n";

// The dissolve form: parents' polygons with their statistics, through geo/stats/level (the viewer's engine).
int aggregate_dissolve(const Args& a) {
  const int forms = int(a.get("parent-field").has_value()) + int(a.get("lookup").has_value()) +
                    int(a.get("parents").has_value());
  if (forms != 1)
    throw UsageError(
        "--dissolve needs one of --parent-field, --lookup (with --child-key, --parent-key) or --parents");
  if (a.get("table")) throw UsageError("--dissolve takes CHILD_BOUNDARIES (with --indicators), not --table");
  const std::string out = a.require("output");
  if (out == "-") throw UsageError("--dissolve writes a GeoPackage: give -o OUT.gpkg, not '-'");
  { AtomicOutput probe(out, a.flag("force")); }
  LoadedInputs in = load_inputs(a);
  for (const auto& r : in.reports) std::cerr << format_report(r);
  const AreaLayer& kids = in.layer;
  LevelOptions lo;
  lo.weight = a.get_or("weight", "");
  for (const auto& s : a.all("stat"))
    lo.stats.push_back(parse_agg_stat(s, a.get_or("column", ""), lo.weight));
  std::vector<std::string> parent_of, parent_names;
  std::string method;
  if (auto f = a.get("parent-field")) {
    const Column& c = kids.attrs.column(*f);
    if (c.numeric()) throw Error("field '" + *f + "' of " + kids.source + " holds numbers, not parent codes");
    parent_of.reserve(kids.size());
    for (const auto& t : c.text) parent_of.emplace_back(trim(t));
    lo.parent_key = *f;
    for (const auto& cand : name_column_candidates(*f))  // ward24_code -> ward24_name
      for (const auto& d : kids.attrs.cols())
        if (!d.numeric() && lower(d.name) == cand && lo.parent_name.empty()) {
          lo.parent_name = d.name;
          parent_names = d.text;
        }
    method = "field " + *f;
  } else if (a.get("lookup")) {
    Table lookup = read_table_file(a, *a.get("lookup"));
    ParentAssignment pa =
        parents_from_lookup(kids.codes, lookup, a.require("child-key"), a.require("parent-key"));
    parent_of = std::move(pa.parent_of);
    lo.parent_key = a.require("parent-key");
    method = pa.method;
  } else {
    IngestOptions po;
    po.key_field = a.get_or("parent-key", "");
    po.working_crs = kids.working_crs;
    AreaLayer parents;
    {
      TerminalProgress bar("loading " + std::filesystem::path(*a.get("parents")).filename().string());
      parents = load_areas(*a.get("parents"), po, bar.callback());
    }
    TerminalProgress bar("assigning children to parents");
    ParentAssignment pa =
        parents_by_location(points_on_surface(kids, bar.callback()), kids.codes, parents, bar.callback());
    parent_of = std::move(pa.parent_of);
    lo.parent_key = parents.key_field;
    method = pa.method;
  }
  LevelResult r;
  {
    TerminalProgress bar("dissolving");
    lo.dissolve.progress = bar.callback();
    r = build_level(kids, parent_of, parent_names, lo);
  }
  std::cerr << "dissolved " << kids.size() - r.dissolved.no_parent.size() << " of " << kids.size()
            << " children into " << r.layer.size() << " parents (" << method << "; "
            << describe_dissolve(r.dissolved, "parents") << ")\n";
  if (!r.dissolved.no_parent.empty()) {
    std::vector<std::string> codes;
    for (uint32_t i : r.dissolved.no_parent) codes.push_back(kids.codes[i]);
    std::cerr << codes.size() << " children have no parent: " << join_list(codes, 10) << "\n";
  }
  {
    TerminalProgress bar("writing " + std::filesystem::path(out).filename().string());
    write_gpkg(r.layer, out, a.flag("force"), bar.callback());
  }
  std::cerr << "wrote " << out << ": " << r.layer.size() << " parents, " << r.layer.attrs.columns()
            << " fields\n";
  return 0;
}

}  // namespace

int cmd_aggregate(const std::vector<std::string>& argv) {
  auto parsed = parse_command(argv,
                              command_options({"table", "lookup", "child-key", "parent-key", "parents",
                                               "stat", "column", "weight", "output", "parent-field"},
                                              {"force", "dissolve"}),
                              kHelp);
  if (!parsed) return 0;
  const Args& a = *parsed;
  if (a.flag("dissolve")) return aggregate_dissolve(a);
  const bool spatial = a.get("parents").has_value();
  if (spatial && (a.get("lookup") || a.get("table")))
    throw UsageError("give either --lookup with --table, or CHILD_BOUNDARIES with --parents, not both");
  if (!spatial && (!a.get("lookup") || !a.get("table")))
    throw UsageError(
        "give --table and --lookup (lookup form) or CHILD_BOUNDARIES and --parents (spatial form)");
  if (a.all("stat").empty()) throw UsageError("give at least one --stat, e.g. --stat mean");
  const std::string column = a.get_or("column", "");
  const std::string weight = a.get_or("weight", "");
  std::vector<AggregateStat> stats;
  for (const auto& s : a.all("stat")) stats.push_back(parse_agg_stat(s, column, weight));
  const std::string out = a.require("output");
  const bool to_stdout = out == "-";
  if (!to_stdout) {
    AtomicOutput probe(out, a.flag("force"));
  }

  AggregateResult res;
  ParentAssignment pa;
  if (!spatial) {
    const std::string& ck = a.require("child-key");
    const std::string& pk = a.require("parent-key");
    Table children = read_table_file(a, a.require("table"));
    Table lookup = read_table_file(a, a.require("lookup"));
    const std::string key = a.get_or("key", ck);
    const Column& codes_col = children.column(key);
    std::vector<std::string> codes(children.rows());
    for (size_t r = 0; r < children.rows(); ++r) codes[r] = codes_col.cell(r);
    pa = parents_from_lookup(codes, lookup, ck, pk);
    res = aggregate(children, pa.parent_of, stats, pk);
  } else {
    LoadedInputs in = load_inputs(a);
    for (const auto& r : in.reports) std::cerr << format_report(r);
    IngestOptions po;
    po.key_field = a.get_or("parent-key", "");
    po.working_crs = in.layer.working_crs;
    AreaLayer parents;
    {
      TerminalProgress bar("loading " + std::filesystem::path(*a.get("parents")).filename().string());
      parents = load_areas(*a.get("parents"), po, bar.callback());
    }
    // Check the columns before the spatial work.
    for (const auto& s : stats) {
      if (!s.column.empty()) in.layer.attrs.numeric(s.column);
      if (!s.weight.empty()) in.layer.attrs.numeric(s.weight);
    }
    std::vector<Point> pts;
    {
      TerminalProgress bar("assigning children to parents");
      pts = points_on_surface(in.layer, bar.callback());
      pa = parents_by_location(pts, in.layer.codes, parents, bar.callback());
    }
    res = aggregate(in.layer.attrs, pa.parent_of, stats, parents.key_field, &parents.codes);
  }
  std::cerr << "aggregated " << res.assigned << " of " << res.children << " children to " << res.parents
            << " parents (" << pa.method << ")\n";
  if (!pa.unassigned.empty())
    std::cerr << pa.unassigned.size() << " children have no parent: " << join_list(pa.unassigned, 10) << "\n";
  if (to_stdout) {
    std::cout << format_csv(res.table);
  } else {
    write_csv(res.table, out, a.flag("force"));
    std::cerr << "wrote " << out << ": " << res.parents << " rows, " << res.table.columns() << " columns\n";
  }
  return 0;
}

}  // namespace nbhd::cli
