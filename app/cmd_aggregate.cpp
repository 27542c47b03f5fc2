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
#include "geo/stats/aggregate.hpp"
#include "geo/tables/csv_write.hpp"
#include "geo/tables/table_io.hpp"
#include "geo/vector/ingest.hpp"

namespace nbhd::cli {

namespace {
const char* kHelp =
    "usage: nbhd aggregate --table T [--key K] --lookup L --child-key CK --parent-key PK\n"
    "                      --stat S... [--column C] [--weight W] -o OUT.csv\n"
    "       nbhd aggregate CHILD_BOUNDARIES [--indicators T]... --parents PARENT_BOUNDARIES\n"
    "                      [--parent-key PK] --stat S... [--column C] [--weight W] -o OUT.csv\n\n"
    "Aggregates a column of small areas (children, e.g. LSOAs) to larger areas (parents, e.g. wards).\n"
    "Each child gets its parent from a lookup table (child code -> parent code), or spatially: the\n"
    "parent polygon containing the child's point on surface. Missing child values are left out; children\n"
    "without a parent are counted and listed. The output has the parent code, n_children and one column\n"
    "per statistic, e.g. IMD_rank_mean, IMD_decile_pct_1.\n\n"
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
    "  -o, --output OUT.csv    the CSV to write ('-' for standard output)\n"
    "  --force                 overwrite OUT.csv if it exists\n"
    "spatial form, children:\n";
}  // namespace

int cmd_aggregate(const std::vector<std::string>& argv) {
  auto parsed = parse_command(argv,
                              command_options({"table", "lookup", "child-key", "parent-key", "parents",
                                               "stat", "column", "weight", "output"},
                                              {"force"}),
                              kHelp);
  if (!parsed) return 0;
  const Args& a = *parsed;
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
