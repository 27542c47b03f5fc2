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
#include "geo/stats/condition.hpp"
#include "geo/stats/flag.hpp"
#include "geo/tables/csv_write.hpp"
#include "geo/tables/table_io.hpp"
#include "geo/tables/table_join.hpp"

namespace nbhd::cli {

namespace {
const char* kHelp =
    "usage: nbhd flag BOUNDARIES [--indicators TABLE[:KEY]]... --a COL:worse=high|low --b "
    "COL:worse=high|low\n"
    "                 [--worst P%] [--within FIELD=VALUE] [--json] [-o OUT.csv]\n"
    "       nbhd flag --table T [--key K] [--table U[:KEY]]... --a ... --b ...\n"
    "       nbhd flag (BOUNDARIES ... | --table T ...) --where CONDITION [--compare CONDITION]\n\n"
    "Flags the areas in the worst P% (default 10%) of both indicators. 'worse=high' means a high value is\n"
    "the disadvantaged end (IMD score, CNI score); 'worse=low' means a low value is (IMD rank 1 = most\n"
    "deprived). Both indicators are ranked over the same areas: those with a value of each. Prints how many\n"
    "areas are flagged and lists them (code, name, both values and ranks), worst first. OUT.csv holds every\n"
    "area with both ranks, the flag and the bivariate class (0..8 = 3 * level_b + level_a, level 2 = the\n"
    "most disadvantaged third), which indexes the 3x3 bivariate palettes.\n\n"
    "--where flags the areas as published instead of re-ranking: conditions on columns as they stand,\n"
    "combined with AND / OR (AND binds tighter; parentheses group), e.g.\n"
    "  --where 'decile(\"Community Needs Index 2023 Rank\", 33755) = 1 AND IMD_decile = 1'\n"
    "  COL = V, COL != V, COL < V, COL <= V, COL > V, COL >= V  (V a number or TRUE/FALSE)\n"
    "  decile(COL, N)          the decile ceil(10 * rank / N) of a rank column over N areas\n"
    "  decile(COL, worse=high|low)  COL ranked over the areas that have it, then cut into deciles\n"
    "Quote names holding operators or the words AND/OR with \"...\" or `...`. An area lacking a value\n"
    "fails that condition and is counted. Each condition's margin (value - threshold; for decile\n"
    "conditions in ranks: rank - the last rank inside the decile) is printed and written. --compare\n"
    "CONDITION lists the areas that meet --where but not it (entered) and the reverse (left).\n\n"
    "options:\n"
    "  --a COL:worse=high|low  first indicator and its bad end\n"
    "  --b COL:worse=high|low  second indicator and its bad end\n"
    "  --worst P%              the share counted as worst, 0 < P <= 100 (default 10%)\n"
    "  --within FIELD=VALUE    only the areas whose FIELD equals VALUE (local ranks)\n"
    "  --table T, --key K      use a plain table (no boundaries); K defaults to its first column;\n"
    "                          more --table U[:KEY] are joined to it by code\n"
    "  --where CONDITION       flag by published classifications (see above) instead of --a/--b\n"
    "  --compare CONDITION     with --where: the areas entering and leaving against this condition\n"
    "  --json                  print the summary and the flagged areas as JSON\n"
    "  -o, --output OUT.csv    write every area with ranks, flag and bivariate class\n"
    "  --force                 overwrite OUT.csv if it exists\n"
    "boundaries:\n";

struct Side {
  std::string column;
  Worse worse = Worse::High;
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
// The operand's column name for headers: "IMD_decile", "decile(IMD_rank)".
std::string operand_name(const CondLeaf& l) {
  return l.operand == CondLeaf::Operand::Column ? l.column : "decile(" + l.column + ")";
}

std::string unique_name(const Table& t, std::string name) {
  std::string n = name;
  for (int k = 2; t.find(n); ++k) n = name + " (" + std::to_string(k) + ")";
  return n;
}

void print_leaf_values(const ConditionResult& r, const Condition& c, size_t i) {
  auto leaves = condition_leaves(c);
  for (size_t k = 0; k < leaves.size(); ++k) {
    const LeafResult& lr = r.leaves[k];
    std::cout << "\t" << operand_name(*leaves[k]) << "=" << format_number(lr.value[i]);
    if (!lr.rank.empty()) std::cout << " (rank " << format_number(lr.rank[i]) << ")";
    std::cout << " margin " << format_number(lr.margin[i]);
  }
}

int flag_where(const Args& a, const Table& attrs, const std::vector<std::string>& codes,
               const std::vector<std::string>& names, const std::string& source) {
  Condition where = parse_condition(*a.get("where"));
  std::optional<Condition> compare;
  if (auto c = a.get("compare")) compare = parse_condition(*c);
  auto out = a.get("output");
  if (out) {
    AtomicOutput probe(*out, a.flag("force"));
  }
  ConditionResult r = evaluate_condition(where, attrs);
  std::optional<ConditionResult> rc;
  if (compare) rc = evaluate_condition(*compare, attrs);
  auto report = [&](const Condition& c, const ConditionResult& res, const std::string& text) {
    std::cout << res.passed << " of " << attrs.rows() << " areas of " << source << " meet " << text << "\n";
    auto leaves = condition_leaves(c);
    for (size_t k = 0; k < leaves.size(); ++k) {
      size_t pass = 0;
      for (char p : res.leaves[k].pass) pass += p ? 1 : 0;
      std::cout << "  " << leaves[k]->text << ": " << pass << " areas";
      if (res.leaves[k].missing) std::cout << ", " << res.leaves[k].missing << " lack a value";
      std::cout << "\n";
    }
  };
  report(where, r, *a.get("where"));
  if (rc) report(*compare, *rc, *a.get("compare"));
  if (!rc) {
    for (size_t i = 0; i < attrs.rows(); ++i) {
      if (!r.pass[i]) continue;
      std::cout << codes[i] << "\t" << names[i];
      print_leaf_values(r, where, i);
      std::cout << "\n";
    }
  } else {
    for (int pass = 0; pass < 2; ++pass) {
      size_t n = 0;
      for (size_t i = 0; i < attrs.rows(); ++i)
        n += (pass == 0 ? r.pass[i] && !rc->pass[i] : !r.pass[i] && rc->pass[i]);
      std::cout << n
                << (pass == 0 ? " areas entered (meet --where, not --compare):\n"
                              : " areas left (meet --compare, not --where):\n");
      for (size_t i = 0; i < attrs.rows(); ++i) {
        if (!(pass == 0 ? r.pass[i] && !rc->pass[i] : !r.pass[i] && rc->pass[i])) continue;
        std::cout << codes[i] << "\t" << names[i] << "\twhere:";
        print_leaf_values(r, where, i);
        std::cout << "\tcompare:";
        print_leaf_values(*rc, *compare, i);
        std::cout << "\n";
      }
    }
  }
  if (out) {
    Table t(*out);
    t.add(Column{"code", ColumnType::Text, {}, codes});
    t.add(Column{"name", ColumnType::Text, {}, names});
    auto add_leaves = [&](const Condition& c, const ConditionResult& res) {
      auto leaves = condition_leaves(c);
      for (size_t k = 0; k < leaves.size(); ++k) {
        std::string base = operand_name(*leaves[k]);
        if (!res.leaves[k].rank.empty())
          t.add(Column{unique_name(t, base + " rank"), ColumnType::Real, res.leaves[k].rank, {}});
        t.add(Column{unique_name(t, base), ColumnType::Real, res.leaves[k].value, {}});
        t.add(Column{unique_name(t, base + " margin"), ColumnType::Real, res.leaves[k].margin, {}});
      }
    };
    auto flags = [&](const ConditionResult& res) {
      std::vector<double> v(res.pass.size());
      for (size_t i = 0; i < v.size(); ++i) v[i] = res.pass[i] ? 1 : 0;
      return v;
    };
    add_leaves(where, r);
    t.add(Column{"flagged", ColumnType::Boolean, flags(r), {}});
    if (rc) {
      add_leaves(*compare, *rc);
      t.add(Column{"flagged_compare", ColumnType::Boolean, flags(*rc), {}});
    }
    write_csv(t, *out, a.flag("force"));
    std::cerr << "wrote " << *out << ": " << attrs.rows() << " areas\n";
  }
  return 0;
}
}  // namespace

int cmd_flag(const std::vector<std::string>& argv) {
  auto parsed =
      parse_command(argv,
                    command_options({"a", "b", "worst", "within", "table", "where", "compare", "output"},
                                    {"json", "force"}),
                    kHelp);
  if (!parsed) return 0;
  const Args& a = *parsed;
  const bool where = a.get("where").has_value();
  if (!where && a.get("compare")) throw UsageError("--compare needs --where");
  if (where && (a.get("a") || a.get("b") || a.get("worst") || a.get("within") || a.flag("json")))
    throw UsageError(
        "--where flags by published classifications; it takes no --a, --b, --worst, --within or --json");
  if (where) parse_condition(*a.get("where"));  // a malformed condition fails before any loading
  if (where && a.get("compare")) parse_condition(*a.get("compare"));
  Side sa, sb;
  FlagOptions fo;
  if (!where) {
    sa = parse_side("a", a.require("a"));
    sb = parse_side("b", a.require("b"));
    if (auto w = a.get("worst")) fo.worst_share = parse_share(*w);
  }
  auto out = a.get("output");
  if (out) {
    AtomicOutput probe(*out, a.flag("force"));
  }

  Table attrs;
  std::vector<std::string> codes, names;
  std::string source;
  if (a.get("table")) {
    if (!a.positional().empty()) throw UsageError("give BOUNDARIES or --table, not both");
    const auto& tables = a.all("table");
    source = tables[0];
    attrs = read_table_file(a, source);
    table_codes(attrs, a.get_or("key", ""), codes, names);
    for (size_t i = 1; i < tables.size(); ++i) {
      TableSpec ts = table_spec(a, tables[i]);
      std::cerr << format_table_join(
          join_by_code(attrs, a.get_or("key", ""), read_table(ts.path, read_options(ts)), ts.key));
    }
  } else {
    LoadedInputs in = load_inputs(a);
    for (const auto& r : in.reports) std::cerr << format_report(r);
    source = in.layer.source;
    attrs = std::move(in.layer.attrs);
    codes = std::move(in.layer.codes);
    names = in.layer.names.empty() ? std::vector<std::string>(codes.size()) : std::move(in.layer.names);
  }
  if (where) return flag_where(a, attrs, codes, names, source);
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
