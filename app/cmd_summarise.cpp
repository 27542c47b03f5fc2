// nbhd summarise: the Indices of Deprivation summary measures of larger areas (local authorities) from
// their LSOAs: average rank, average score, proportion in the most deprived 10%, extent and local
// concentration, with the areas ranked on each.
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "app/commands.hpp"
#include "app/inputs.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/model/by_code.hpp"
#include "geo/stats/iod_summary.hpp"
#include "geo/tables/csv_write.hpp"
#include "geo/tables/table_io.hpp"

namespace nbhd::cli {

namespace {
const char* kHelp =
    "usage: nbhd summarise --table T[:KEY] --rank COL [--score COL] --by FIELD [--groups G[:KEY]]\n"
    "                      [--weight COL [--weights W[:KEY]]] [--national-n N] [--top K] -o OUT.csv\n\n"
    "The IoD summary measures of each larger area (e.g. local authority) from its LSOAs, as the English\n"
    "Indices of Deprivation technical report defines them: average rank and average score (weighted by\n"
    "--weight, e.g. population), the proportion of LSOAs in the most deprived 10% nationally, extent (the\n"
    "weighted share living in the most deprived 30%, on the report's sliding scale) and local\n"
    "concentration (the weighted average rank of the area's most deprived LSOAs holding 10% of its\n"
    "weight). Without --weight every LSOA weighs 1: the measures are then unweighted, and say so.\n"
    "Each measure is ranked across the areas (1 = most deprived). Prints the areas with at least one LSOA\n"
    "in the most deprived decile and the top K (default 5) by each measure.\n\n"
    "options:\n"
    "  --table T[:KEY]        the LSOA table (e.g. imd2025_lsoa21.csv)\n"
    "  --rank COL             its national rank column (1 = most deprived)\n"
    "  --score COL            its score column (for the average score)\n"
    "  --by FIELD             the larger area: FIELD of --groups, or of the table\n"
    "  --groups G[:KEY]       a table giving each LSOA's FIELD (e.g. lsoa21_ward24_ltla24.csv)\n"
    "  --weight COL           the weight column (of --weights, or of the table)\n"
    "  --weights W[:KEY]      a table of weights by LSOA code (e.g. census21_households_lsoa21.csv)\n"
    "  --national-n N         LSOAs in the national ranking (default: the ranked rows of the table)\n"
    "  --top K                how many areas to print per measure (default 5)\n"
    "  -o, --output OUT.csv   the CSV to write ('-' for standard output)\n"
    "  --force                overwrite OUT.csv if it exists\n";

std::string fixed(double v, int digits) {
  std::ostringstream os;
  os << std::fixed << std::setprecision(digits) << v;
  return os.str();
}
}  // namespace

int cmd_summarise(const std::vector<std::string>& argv) {
  auto parsed = parse_table_command(argv,
                                    table_command_options({"table", "rank", "score", "by", "groups", "weight",
                                                           "weights", "national-n", "top", "output"},
                                                          {"force"}),
                                    kHelp);
  if (!parsed) return 0;
  const Args& a = *parsed;
  TableSpec ts = table_spec(a, a.require("table"));
  SummariseOptions opt;
  opt.key = ts.key;
  opt.rank = a.require("rank");
  opt.score = a.get_or("score", "");
  opt.by = a.require("by");
  opt.weight = a.get_or("weight", "");
  if (a.get("weights") && opt.weight.empty())
    throw UsageError("--weights gives the table; name its column with --weight COL");
  if (auto n = a.number("national-n")) {
    if (*n < 1 || std::floor(*n) != *n)
      throw UsageError("--national-n must be a whole number of LSOAs, 1 or more; got " + format_number(*n));
    opt.national_n = static_cast<size_t>(*n);
  }
  size_t top = 5;
  if (auto k = a.number("top")) {
    if (*k < 1 || std::floor(*k) != *k) throw UsageError("--top must be a whole number, 1 or more");
    top = static_cast<size_t>(*k);
  }
  const std::string out = a.require("output");
  const bool to_stdout = out == "-";
  if (!to_stdout) {
    AtomicOutput probe(out, a.flag("force"));
  }
  Table table = read_table(ts.path, read_options(ts));
  Table groups, weights;
  TableSpec gs;
  if (auto g = a.get("groups")) {
    gs = table_spec(a, *g);
    groups = read_table(gs.path, read_options(gs));
    opt.groups = &groups;
    opt.groups_key = gs.key;
  }
  if (auto w = a.get("weights")) {
    TableSpec ws = table_spec(a, *w);
    weights = read_table(ws.path, read_options(ws));
    opt.weights = &weights;
    opt.weights_key = ws.key;
  }
  IodSummary s = summarise_table(table, opt);

  // Names beside the codes when the grouping table has them (ltla24_code -> ltla24_name).
  std::vector<std::string> names;
  const Table& gt = opt.groups ? groups : table;
  std::string stem = opt.by;
  if (auto p = stem.rfind("_code"); p != std::string::npos && p + 5 == stem.size()) stem = stem.substr(0, p);
  if (gt.find(stem + "_name")) {
    std::vector<std::string> codes;
    for (const auto& ar : s.areas) codes.push_back(ar.code);
    names = text_by_code(codes, gt, opt.by, stem + "_name");  // first row per code
  }
  auto name_of = [&](size_t i) { return names.empty() ? std::string() : " " + names[i]; };

  std::ostream& os = to_stdout ? std::cerr : std::cout;
  os << s.areas.size() << " areas by " << opt.by << " from " << ts.path << " (national N = " << s.national_n
     << " LSOAs; " << (opt.weight.empty() ? "unweighted: every LSOA weighs 1" : "weighted by " + opt.weight)
     << ")\n";
  if (s.lsoas_without_group)
    os << s.lsoas_without_group << " LSOAs have no " << opt.by << " and are left out\n";
  if (s.lsoas_without_rank) os << s.lsoas_without_rank << " LSOAs have no rank and are left out\n";
  size_t with_d1 = 0;
  for (const auto& ar : s.areas) with_d1 += ar.proportion > 0 ? 1 : 0;
  os << with_d1 << " of " << s.areas.size() << " areas (" << fixed(100.0 * with_d1 / s.areas.size(), 1)
     << "%) have at least one LSOA in the most deprived decile\n";
  struct Measure {
    const char* label;
    size_t IodAreaSummary::*rank;
    double IodAreaSummary::*value;
  };
  const Measure measures[] = {
      {"proportion of LSOAs in the most deprived 10%", &IodAreaSummary::rank_proportion,
       &IodAreaSummary::proportion},
      {"average rank", &IodAreaSummary::rank_average_rank, &IodAreaSummary::average_rank},
      {"average score", &IodAreaSummary::rank_average_score, &IodAreaSummary::average_score},
      {"extent", &IodAreaSummary::rank_extent, &IodAreaSummary::extent},
      {"local concentration", &IodAreaSummary::rank_local_concentration,
       &IodAreaSummary::local_concentration},
  };
  for (const auto& m : measures) {
    if (m.rank == &IodAreaSummary::rank_average_score && opt.score.empty()) continue;
    std::vector<size_t> order(s.areas.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t x, size_t y) { return s.areas[x].*m.rank < s.areas[y].*m.rank; });
    os << "most deprived by " << m.label << ":\n";
    for (size_t k = 0; k < std::min(top, order.size()); ++k) {
      const auto& ar = s.areas[order[k]];
      os << "  " << ar.*m.rank << "\t" << ar.code << name_of(order[k]) << "\t" << format_number(ar.*m.value)
         << "\n";
    }
  }
  Table t = summary_table(s, opt.by, names.empty() ? nullptr : &names);
  if (to_stdout) {
    std::cout << format_csv(t);
  } else {
    write_csv(t, out, a.flag("force"));
    std::cerr << "wrote " << out << ": " << t.rows() << " areas\n";
  }
  return 0;
}

}  // namespace nbhd::cli
