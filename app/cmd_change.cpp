// nbhd change: a ranked indicator in two periods on the same areas (IMD 2019 brought to LSOA 2021 by
// nbhd convert, and IMD 2025): per-area change, the decile transition matrix and the headline shares.
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "app/commands.hpp"
#include "app/inputs.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/model/by_code.hpp"
#include "geo/stats/change.hpp"
#include "geo/tables/csv_write.hpp"
#include "geo/tables/table_io.hpp"

namespace nbhd::cli {

namespace {
const char* kHelp =
    "usage: nbhd change --a T[:KEY] --b T[:KEY] --rank COL --decile COL [--rank-b COL] [--decile-b COL]\n"
    "                   [--by FIELD --groups G[:KEY]] [--matrix M.csv] [--by-output B.csv] -o OUT.csv\n\n"
    "Compares two periods of a ranked indicator on the same areas (bring them to one geography first with\n"
    "nbhd convert). Rank 1 and decile 1 are the most deprived. Prints the areas compared (and those in\n"
    "one period only), the 10 x 10 decile transition matrix with counts and row shares, and the headline:\n"
    "how many of period B's most deprived tenth were most deprived in period A; with --by, per group.\n"
    "OUT.csv holds per area: both ranks and deciles, rank_change and decile_change (B - A: negative =\n"
    "more deprived now), entered/left decile 1 and A's comparability column (from nbhd convert). It joins\n"
    "and maps like any indicator; map decile_change with nbhd render --method diverging.\n\n"
    "options:\n"
    "  --a T[:KEY], --b T[:KEY]  the two periods' tables (KEY: their code column; default the first)\n"
    "  --rank COL, --decile COL  the rank and decile columns (in both tables unless --rank-b/--decile-b)\n"
    "  --rank-b COL, --decile-b COL  period B's columns when their names differ\n"
    "  --comparability COL    A's comparability column (default 'comparability' when A has it)\n"
    "  --by FIELD             headline per group: FIELD of --groups (e.g. ltla24_code)\n"
    "  --groups G[:KEY]       a table giving each area's group, by area code (e.g. "
    "lsoa21_ward24_ltla24.csv)\n"
    "  --by-output B.csv      write the per-group headline\n"
    "  --matrix M.csv         write the transition matrix (rows: decile A; columns: decile B)\n"
    "  -o, --output OUT.csv   write the per-area table\n"
    "  --force                overwrite outputs that exist\n";

std::string pct(size_t num, size_t den) {
  if (den == 0) return "-";
  std::ostringstream os;
  os << std::fixed << std::setprecision(1) << 100.0 * static_cast<double>(num) / static_cast<double>(den)
     << "%";
  return os.str();
}

Table matrix_table(const ChangeResult& r) {
  Table t("matrix");
  Column row{"decile_a", ColumnType::Integer, {}, {}};
  for (int i = 0; i < 10; ++i) row.num.push_back(i + 1);
  t.add(std::move(row));
  for (int j = 0; j < 10; ++j) {
    Column c{"b" + std::to_string(j + 1), ColumnType::Integer, {}, {}};
    for (int i = 0; i < 10; ++i) c.num.push_back(static_cast<double>(r.transition[i][j]));
    t.add(std::move(c));
  }
  return t;
}
}  // namespace

int cmd_change(const std::vector<std::string>& argv) {
  auto parsed = parse_table_command(
      argv,
      table_command_options({"a", "b", "rank", "decile", "rank-b", "decile-b", "comparability", "by",
                             "groups", "by-output", "matrix", "output"},
                            {"force"}),
      kHelp);
  if (!parsed) return 0;
  const Args& a = *parsed;
  TableSpec sa = table_spec(a, a.require("a")), sb = table_spec(a, a.require("b"));
  ChangeOptions opt;
  opt.key_a = sa.key;
  opt.key_b = sb.key;
  opt.rank_a = a.require("rank");
  opt.decile_a = a.require("decile");
  opt.rank_b = a.get_or("rank-b", "");
  opt.decile_b = a.get_or("decile-b", "");
  opt.comparability = a.get_or("comparability", "");
  if (a.get("by").has_value() != a.get("groups").has_value())
    throw UsageError("give --by FIELD together with --groups G (the table that gives each area's FIELD)");
  const bool force = a.flag("force");
  std::vector<std::string> outs;
  for (const char* o : {"output", "matrix", "by-output"})
    if (auto p = a.get(o)) outs.push_back(*p);
  if (a.get("by-output") && !a.get("by")) throw UsageError("--by-output needs --by and --groups");
  for (const auto& o : outs) {
    AtomicOutput probe(o, force);
  }
  Table ta = read_table(sa.path, read_options(sa)), tb = read_table(sb.path, read_options(sb));
  ChangeResult r = change_tables(ta, tb, opt);

  std::cout << "compared " << r.compared << " areas in both " << sa.path << " and " << sb.path << "\n";
  if (!r.only_a.empty())
    std::cout << r.only_a.size()
              << " areas only in A (or without a rank or decile there): " << join_list(r.only_a, 10) << "\n";
  if (!r.only_b.empty())
    std::cout << r.only_b.size()
              << " areas only in B (or without a rank or decile there): " << join_list(r.only_b, 10) << "\n";
  std::cout << "decile transition (rows: decile in A; columns: decile in B; count and share of the row)\n";
  std::cout << "A\\B";
  for (int j = 1; j <= 10; ++j) std::cout << "\t" << j;
  std::cout << "\ttotal\n";
  for (int i = 0; i < 10; ++i) {
    size_t row = 0;
    for (int j = 0; j < 10; ++j) row += r.transition[i][j];
    std::cout << i + 1;
    for (int j = 0; j < 10; ++j)
      std::cout << "\t" << r.transition[i][j] << " (" << pct(r.transition[i][j], row) << ")";
    std::cout << "\t" << row << "\n";
  }
  const GroupHeadline& h = r.national;
  std::cout << "most deprived decile in B: " << h.top_b << " areas, of which " << h.top_b_was_top_a << " ("
            << pct(h.top_b_was_top_a, h.top_b) << ") were in the most deprived decile in A; " << h.top_a
            << " areas were in it in A\n";
  size_t entered = 0, left = 0;
  for (const auto& c : r.areas) {
    entered += c.entered ? 1 : 0;
    left += c.left ? 1 : 0;
  }
  std::cout << entered << " areas entered the most deprived decile, " << left << " left it\n";

  std::vector<GroupHeadline> groups;
  if (auto by = a.get("by")) {
    TableSpec gs = table_spec(a, *a.get("groups"));
    Table g = read_table(gs.path, read_options(gs));
    std::vector<std::string> codes;
    for (const auto& c : r.areas) codes.push_back(c.code);
    std::vector<std::string> missing;
    std::vector<std::string> group_of = text_by_code(codes, g, gs.key, *by, &missing);
    if (!missing.empty())
      std::cout << missing.size() << " compared areas have no row in " << gs.path
                << " (no group): " << join_list(missing, 10) << "\n";
    groups = headlines_by_group(r, group_of);
    size_t with_top = 0;
    for (const auto& gh : groups) with_top += gh.top_b ? 1 : 0;
    std::cout << groups.size() << " groups by " << *by << "; " << with_top
              << " have at least one area in B's most deprived decile\n";
  }
  if (auto m = a.get("matrix")) write_csv(matrix_table(r), *m, force);
  if (auto bo = a.get("by-output")) {
    Table t("groups");
    Column code{*a.get("by"), ColumnType::Text, {}, {}};
    Column n{"areas", ColumnType::Integer, {}, {}}, tb1{"top_b", ColumnType::Integer, {}, {}},
        both{"top_b_was_top_a", ColumnType::Integer, {}, {}}, ta1{"top_a", ColumnType::Integer, {}, {}},
        share{"share_top_b_was_top_a", ColumnType::Real, {}, {}};
    for (const auto& gh : groups) {
      code.text.push_back(gh.group);
      n.num.push_back(static_cast<double>(gh.areas));
      tb1.num.push_back(static_cast<double>(gh.top_b));
      both.num.push_back(static_cast<double>(gh.top_b_was_top_a));
      ta1.num.push_back(static_cast<double>(gh.top_a));
      share.num.push_back(gh.top_b ? static_cast<double>(gh.top_b_was_top_a) / static_cast<double>(gh.top_b)
                                   : std::nan(""));
    }
    for (Column* c : {&code, &n, &tb1, &both, &ta1, &share}) t.add(std::move(*c));
    write_csv(t, *bo, force);
  }
  if (auto o = a.get("output")) {
    const std::string key = sb.key.empty() ? tb.col(0).name : sb.key;
    write_csv(change_table(r, key), *o, force);
    std::cerr << "wrote " << *o << ": " << r.compared << " areas\n";
  }
  return 0;
}

}  // namespace nbhd::cli
