// nbhd flag: dual disadvantage. Areas in the worst X% of two indicators at once, listed, and the 3x3
// bivariate class of every area for the bivariate map.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "app/inputs.hpp"
#include "app/selection.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/stats/flag.hpp"
#include "geo/tables/csv_write.hpp"
#include "geo/tables/table_io.hpp"

namespace nbhd::cli {

namespace {
const char* kHelp =
    "usage: nbhd flag BOUNDARIES [--indicators TABLE[:KEY]]... --a COL:worse=high|low --b "
    "COL:worse=high|low\n"
    "                 [--worst P%] [--within FIELD=VALUE] [--json] [-o OUT.csv]\n"
    "       nbhd flag --table T [--key K] --a ... --b ...\n\n"
    "Flags the areas in the worst P% (default 10%) of both indicators. 'worse=high' means a high value is\n"
    "the disadvantaged end (IMD score, CNI score); 'worse=low' means a low value is (IMD rank 1 = most\n"
    "deprived). Both indicators are ranked over the same areas: those with a value of each. Prints how many\n"
    "areas are flagged and lists them (code, name, both values and ranks), worst first. OUT.csv holds every\n"
    "area with both ranks, the flag and the bivariate class (0..8 = 3 * level_b + level_a, level 2 = the\n"
    "most disadvantaged third), which indexes the 3x3 bivariate palettes.\n\n"
    "options:\n"
    "  --a COL:worse=high|low  first indicator and its bad end\n"
    "  --b COL:worse=high|low  second indicator and its bad end\n"
    "  --worst P%              the share counted as worst, 0 < P <= 100 (default 10%)\n"
    "  --within FIELD=VALUE    only the areas whose FIELD equals VALUE (local ranks)\n"
    "  --table T, --key K      use a plain table (no boundaries); K defaults to its first column\n"
    "  --json                  print the summary and the flagged areas as JSON\n"
    "  -o, --output OUT.csv    write every area with ranks, flag and bivariate class\n"
    "  --force                 overwrite OUT.csv if it exists\n"
    "boundaries:\n";

struct Side {
  std::string column;
  Worse worse;
};

Side parse_side(const std::string& opt, const std::string& s) {
  auto pos = s.rfind(":worse=");
  if (pos == std::string::npos || pos == 0)
    throw UsageError("--" + opt + " '" + s + "': say which end is worse, e.g. --" + opt + " " +
                     (s.empty() ? "IMD_rank" : s) + ":worse=low");
  return {s.substr(0, pos), parse_worse(s.substr(pos + 7))};
}

double parse_share(const std::string& s) {
  std::string t = s;
  if (!t.empty() && t.back() == '%') t.pop_back();
  auto v = parse_number(t);
  if (!v || !(*v > 0 && *v <= 100))
    throw UsageError("--worst takes a percentage above 0 and at most 100, e.g. 10%; got '" + s + "'");
  return *v / 100;
}

// Codes and names of a plain table: the key column, and a name column beside it when there is one.
void table_codes(const Table& t, const std::string& key, std::vector<std::string>& codes,
                 std::vector<std::string>& names) {
  const Column& k = key.empty() ? t.col(0) : t.column(key);
  std::string stem = k.name;
  if (auto p = stem.rfind("_code"); p != std::string::npos) stem = stem.substr(0, p);
  const Column* nm = nullptr;
  if (auto i = t.find(stem + "_name")) nm = &t.col(*i);
  for (size_t r = 0; r < t.rows(); ++r) {
    codes.push_back(k.cell(r));
    names.push_back(nm ? nm->cell(r) : "");
  }
}
}  // namespace

int cmd_flag(const std::vector<std::string>& argv) {
  auto parsed = parse_command(
      argv, command_options({"a", "b", "worst", "within", "table", "output"}, {"json", "force"}), kHelp);
  if (!parsed) return 0;
  const Args& a = *parsed;
  Side sa = parse_side("a", a.require("a")), sb = parse_side("b", a.require("b"));
  FlagOptions fo;
  if (auto w = a.get("worst")) fo.worst_share = parse_share(*w);
  auto out = a.get("output");
  if (out) {
    AtomicOutput probe(*out, a.flag("force"));
  }

  Table attrs;
  std::vector<std::string> codes, names;
  std::string source;
  if (a.get("table")) {
    if (!a.positional().empty()) throw UsageError("give BOUNDARIES or --table, not both");
    source = *a.get("table");
    attrs = read_table(source);
    table_codes(attrs, a.get_or("key", ""), codes, names);
  } else {
    LoadedInputs in = load_inputs(a);
    for (const auto& r : in.reports) std::cerr << format_report(r);
    source = in.layer.source;
    attrs = std::move(in.layer.attrs);
    codes = std::move(in.layer.codes);
    names = in.layer.names.empty() ? std::vector<std::string>(codes.size()) : std::move(in.layer.names);
  }
  const Column& ca = attrs.numeric(sa.column);
  const Column& cb = attrs.numeric(sb.column);
  std::vector<size_t> rows = select_rows(attrs, a.get_or("within", ""), source);
  FlagIndicator ia{sa.column, values_at(ca, rows), sa.worse}, ib{sb.column, values_at(cb, rows), sb.worse};
  FlagResult r = flag_dual(ia, ib, fo);

  const std::string share = format_number(fo.worst_share * 100) + "%";
  if (a.flag("json")) {
    nlohmann::json j;
    j["source"] = source;
    j["a"] = {{"column", sa.column}, {"worse", to_string(sa.worse)}};
    j["b"] = {{"column", sb.column}, {"worse", to_string(sb.worse)}};
    j["worst_share"] = fo.worst_share;
    j["areas"] = rows.size();
    j["considered"] = r.considered;
    j["cutoff_rank"] = r.cutoff_rank;
    j["flagged_count"] = r.flagged_count;
    j["flagged"] = nlohmann::json::array();
    for (size_t i : r.flagged_rows)
      j["flagged"].push_back({{"code", codes[rows[i]]},
                              {"name", names[rows[i]]},
                              {"a", ia.values[i]},
                              {"a_rank", r.rank_a[i]},
                              {"b", ib.values[i]},
                              {"b_rank", r.rank_b[i]}});
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << r.flagged_count << " of " << r.considered << " areas are in the worst " << share
              << " of both " << sa.column << " (" << to_string(sa.worse) << " is worse) and " << sb.column
              << " (" << to_string(sb.worse) << " is worse): rank <= " << r.cutoff_rank << " on each\n";
    if (rows.size() > r.considered)
      std::cout << (rows.size() - r.considered) << " areas lack a value of either and are not ranked\n";
    if (r.flagged_count) std::cout << "code\tname\t" << sa.column << "\trank\t" << sb.column << "\trank\n";
    for (size_t i : r.flagged_rows)
      std::cout << codes[rows[i]] << "\t" << names[rows[i]] << "\t" << format_number(ia.values[i]) << "\t"
                << format_number(r.rank_a[i]) << "\t" << format_number(ib.values[i]) << "\t"
                << format_number(r.rank_b[i]) << "\n";
  }
  if (out) {
    Table t(*out);
    Column code{"code", ColumnType::Text, {}, {}}, name{"name", ColumnType::Text, {}, {}};
    Column va{sa.column, ColumnType::Real, {}, {}},
        vb{sb.column == sa.column ? sb.column + "_b" : sb.column, ColumnType::Real, {}, {}};
    Column ra{"rank_a", ColumnType::Integer, {}, {}}, rb{"rank_b", ColumnType::Integer, {}, {}};
    Column fl{"flagged", ColumnType::Boolean, {}, {}}, bv{"bivariate", ColumnType::Integer, {}, {}};
    for (size_t i = 0; i < rows.size(); ++i) {
      code.text.push_back(codes[rows[i]]);
      name.text.push_back(names[rows[i]]);
      va.num.push_back(ia.values[i]);
      vb.num.push_back(ib.values[i]);
      ra.num.push_back(r.rank_a[i]);
      rb.num.push_back(r.rank_b[i]);
      fl.num.push_back(r.flagged[i] ? 1 : 0);
      bv.num.push_back(r.bivariate[i] < 0 ? std::nan("") : r.bivariate[i]);
    }
    for (auto* c : {&code, &name, &va, &vb, &ra, &rb, &fl, &bv}) t.add(std::move(*c));
    write_csv(t, *out, a.flag("force"));
    std::cerr << "wrote " << *out << ": " << rows.size() << " areas\n";
  }
  return 0;
}

}  // namespace nbhd::cli
