// nbhd rank: ranks and deciles of one indicator, nationally, within groups ("local deciles" per local
// authority) or within one selected set of areas.
#include <iostream>
#include <set>

#include "app/commands.hpp"
#include "app/inputs.hpp"
#include "app/selection.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "geo/stats/rank.hpp"
#include "geo/tables/csv_write.hpp"

namespace nbhd::cli {

namespace {
const char* kHelp =
    "usage: nbhd rank BOUNDARIES [--indicators TABLE[:KEY]]... --column C --worse high|low\n"
    "                 [--by FIELD | --within FIELD=VALUE] -o OUT.csv\n\n"
    "Ranks the areas on one column (rank 1 = the worst end) and gives each a decile (1 = the worst tenth:\n"
    "decile = ceil(10 * rank / n), as the Indices of Deprivation publish them). Ties share the lowest rank.\n"
    "Areas without a value get no rank. --by ranks within each group (e.g. --by ltla24_code for local\n"
    "deciles); --within ranks only the selected areas.\n\n"
    "options:\n"
    "  --column C              the column to rank\n"
    "  --worse high|low        which end is disadvantaged (IMD score: high; IMD rank: low)\n"
    "  --by FIELD              rank within each value of FIELD\n"
    "  --within FIELD=VALUE    rank only the areas whose FIELD equals VALUE\n"
    "  -o, --output OUT.csv    code,name,value,rank,decile,ranked ('-' for standard output)\n"
    "  --force                 overwrite OUT.csv if it exists\n"
    "boundaries:\n";
}  // namespace

int cmd_rank(const std::vector<std::string>& argv) {
  auto parsed =
      parse_command(argv, command_options({"column", "worse", "by", "within", "output"}, {"force"}), kHelp);
  if (!parsed) return 0;
  const Args& a = *parsed;
  const std::string column = a.require("column");
  const Worse worse = parse_worse(a.require("worse"));
  if (a.get("by") && a.get("within")) throw UsageError("give --by or --within, not both");
  const std::string out = a.require("output");
  if (out != "-") {
    AtomicOutput probe(out, a.flag("force"));
  }
  LoadedInputs in = load_inputs(a);
  for (const auto& r : in.reports) std::cerr << format_report(r);
  const AreaLayer& L = in.layer;
  const Column& col = L.attrs.numeric(column);
  std::vector<size_t> rows = select_rows(L.attrs, a.get_or("within", ""), L.source);
  std::vector<double> values = values_at(col, rows);
  Ranking r;
  size_t groups = 1;
  if (auto by = a.get("by")) {
    const Column& g = L.attrs.column(*by);
    std::vector<std::string> labels;
    std::set<std::string> distinct;
    for (size_t i : rows) {
      labels.push_back(g.cell(i));
      if (!labels.back().empty()) distinct.insert(labels.back());
    }
    r = rank_within(values, worse, labels);
    groups = distinct.size();
  } else {
    r = rank_values(values, worse);
  }
  Table t(out);
  Column code{"code", ColumnType::Text, {}, {}}, name{"name", ColumnType::Text, {}, {}};
  Column val{column == "code" || column == "name" ? "value" : column, ColumnType::Real, {}, {}};
  Column rk{"rank", ColumnType::Integer, {}, {}}, dc{"decile", ColumnType::Integer, {}, {}},
      n{"ranked", ColumnType::Integer, {}, {}};
  for (size_t i = 0; i < rows.size(); ++i) {
    code.text.push_back(L.codes[rows[i]]);
    name.text.push_back(L.names.empty() ? "" : L.names[rows[i]]);
    val.num.push_back(values[i]);
    rk.num.push_back(r.rank[i]);
    dc.num.push_back(r.decile[i] == 0 ? std::nan("") : r.decile[i]);
    n.num.push_back(r.group_size[i] == 0 ? std::nan("") : static_cast<double>(r.group_size[i]));
  }
  for (auto* c : {&code, &name, &val, &rk, &dc, &n}) t.add(std::move(*c));
  std::cerr << "ranked " << r.ranked << " of " << rows.size() << " areas on " << column << " ("
            << to_string(worse) << " is worse)"
            << (a.get("by") ? ", within " + std::to_string(groups) + " groups of " + *a.get("by") : "")
            << "\n";
  if (out == "-")
    std::cout << format_csv(t);
  else
    write_csv(t, out, a.flag("force"));
  return 0;
}

}  // namespace nbhd::cli
