// nbhd convert: an indicator table moved from one geography to another (LSOA 2011 -> LSOA 2021 and back,
// LSOA -> ward -> local authority) through a lookup that may be many-to-many, with a rule per column.
#include <iostream>

#include "app/commands.hpp"
#include "app/inputs.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "geo/tables/convert.hpp"
#include "geo/tables/csv_write.hpp"
#include "geo/tables/table_io.hpp"

namespace nbhd::cli {

namespace {
const char* kHelp =
    "usage: nbhd convert --table T[:KEY] --lookup L --from FROM_KEY --to TO_KEY [--rule COL=RULE]...\n"
    "                    [--weights W[:KEY]] -o OUT.csv [--force]\n\n"
    "Moves an indicator table from one geography to another through a lookup of (FROM_KEY, TO_KEY) code\n"
    "pairs, e.g. ../shared/data/england/lsoa11_lsoa21.csv (LSOA 2011 -> 2021: areas split, merge or are\n"
    "redrawn). Each column needs a rule unless the lookup is one-to-one; a column without one is refused,\n"
    "by name. The output has TO_KEY, n_sources, comparability (unchanged, split, merged, redrawn: from\n"
    "the lookup's shape) and the converted columns. Codes missing on either side are counted and listed.\n\n"
    "rules (--rule COL=RULE, repeatable; COL may use * wildcards, e.g. '*_decile=worst'; the last\n"
    "matching rule wins):\n"
    "  worst, min             the smallest value (rank 1 / decile 1 = most deprived): a split area passes\n"
    "                         its value to each part, a merged area takes the worst of its parts\n"
    "  best, max              the largest value\n"
    "  mean                   the mean of the sources' values\n"
    "  wmean:W                the mean weighted by column W (of the table, or of --weights)\n"
    "  sum, sum:W             counts: each source's value is split among its targets equally, or in\n"
    "                         proportion to the lookup's column W, then summed\n"
    "  copy                   the source's value (only where each target has one source)\n"
    "  any, all               flags: TRUE when any / all sources are TRUE (non-zero)\n"
    "  drop                   leave the column out\n\n"
    "options:\n"
    "  --table T[:KEY]        the table to convert; KEY defaults to FROM_KEY\n"
    "  --lookup L             the lookup table (CSV/XLSX)\n"
    "  --from FROM_KEY        the lookup's source code column\n"
    "  --to TO_KEY            the lookup's target code column (the output's key)\n"
    "  --rule COL=RULE        the rule of a column (repeatable)\n"
    "  --weights W[:KEY]      a table of weight columns for wmean (e.g. population), by source code\n"
    "  -o, --output OUT.csv   the CSV to write ('-' for standard output)\n"
    "  --force                overwrite OUT.csv if it exists\n";
}  // namespace

int cmd_convert(const std::vector<std::string>& argv) {
  auto parsed = parse_table_command(
      argv, table_command_options({"table", "lookup", "from", "to", "rule", "weights", "output"}, {"force"}),
      kHelp);
  if (!parsed) return 0;
  const Args& a = *parsed;
  TableSpec ts = table_spec(a, a.require("table"));
  const std::string lookup_path = a.require("lookup");
  const std::string from = a.require("from"), to = a.require("to");
  ConvertOptions opt;
  for (const auto& r : a.all("rule")) opt.rules.push_back(parse_column_rule(r));
  const std::string out = a.require("output");
  const bool to_stdout = out == "-";
  if (!to_stdout) {
    AtomicOutput probe(out, a.flag("force"));
  }
  Table weights;
  if (auto w = a.get("weights")) {
    TableSpec ws = table_spec(a, *w);
    weights = read_table(ws.path, read_options(ws));
    opt.weights = &weights;
    opt.weights_key = ws.key;
  }
  Table table = read_table(ts.path, read_options(ts));
  opt.key = ts.key;
  Lookup lookup = read_lookup(read_table_file(a, lookup_path), from, to);
  ConvertResult res = convert_table(table, lookup, opt);
  std::cerr << format_convert_report(res.report);
  if (to_stdout) {
    std::cout << format_csv(res.table);
  } else {
    write_csv(res.table, out, a.flag("force"));
    std::cerr << "wrote " << out << ": " << res.table.rows() << " rows, " << res.table.columns()
              << " columns\n";
  }
  return 0;
}

}  // namespace nbhd::cli
