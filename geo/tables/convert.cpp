#include "geo/tables/convert.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <unordered_map>

#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/model/by_code.hpp"

namespace nbhd {

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();

const char* rule_list() {
  return "worst, best, min, max, mean, wmean:W, sum, sum:W, copy, any, all, drop";
}

}  // namespace

const char* to_string(Comparability c) {
  switch (c) {
    case Comparability::Unchanged:
      return "unchanged";
    case Comparability::Split:
      return "split";
    case Comparability::Merged:
      return "merged";
    case Comparability::Redrawn:
      return "redrawn";
  }
  return "?";
}

bool Lookup::one_to_one() const {
  return std::all_of(comparability.begin(), comparability.end(),
                     [](Comparability c) { return c == Comparability::Unchanged; });
}

namespace {
// The cells of a code column without copying them when it is text (codes always are, unless every code
// parsed as a number).
const std::vector<std::string>& code_cells(const Column& c, std::vector<std::string>& scratch) {
  if (!c.numeric()) return c.text;
  scratch.resize(c.size());
  for (size_t r = 0; r < c.size(); ++r) scratch[r] = c.cell(r);
  return scratch;
}
}  // namespace

Lookup read_lookup(const Table& t, std::string_view from_key, std::string_view to_key) {
  Lookup lk;
  lk.source = t.source();
  lk.from_key = std::string(from_key);
  lk.to_key = std::string(to_key);
  std::vector<std::string> fs, ts;
  const std::vector<std::string>& fc = code_cells(t.column(from_key), fs);
  const std::vector<std::string>& tc = code_cells(t.column(to_key), ts);
  lk.rows = t.rows();
  std::unordered_map<std::string_view, size_t> from_ix, to_ix;
  from_ix.reserve(t.rows() * 2);
  to_ix.reserve(t.rows() * 2);
  lk.from_codes.reserve(t.rows());
  lk.to_codes.reserve(t.rows());
  for (size_t r = 0; r < t.rows(); ++r) {
    const std::string &f = fc[r], &g = tc[r];
    if (f.empty() || g.empty())
      throw Error("lookup " + lk.source + " line " + std::to_string(r + 2) + " has a blank '" +
                  (f.empty() ? lk.from_key : lk.to_key) + "'; every row must give both codes");
    // Keys view the table's cells, which outlive the maps.
    auto [fi, fnew] = from_ix.emplace(f, lk.from_codes.size());
    if (fnew) {
      lk.from_codes.push_back(f);
      lk.targets_of.emplace_back();
    }
    auto [ti, tnew] = to_ix.emplace(g, lk.to_codes.size());
    if (tnew) {
      lk.to_codes.push_back(g);
      lk.sources_of.emplace_back();
    }
    auto& tg = lk.targets_of[fi->second];
    if (std::find(tg.begin(), tg.end(), ti->second) != tg.end()) {
      ++lk.duplicate_pairs;
      continue;
    }
    tg.push_back(ti->second);
    lk.sources_of[ti->second].emplace_back(fi->second, r);
  }
  lk.comparability.resize(lk.to_codes.size());
  for (size_t i = 0; i < lk.to_codes.size(); ++i) {
    const auto& src = lk.sources_of[i];
    bool sources_whole = std::all_of(src.begin(), src.end(),
                                     [&](const auto& p) { return lk.targets_of[p.first].size() == 1; });
    if (src.size() == 1)
      lk.comparability[i] = sources_whole ? Comparability::Unchanged : Comparability::Split;
    else
      lk.comparability[i] = sources_whole ? Comparability::Merged : Comparability::Redrawn;
  }
  lk.weights = Table(t.source());
  lk.weights.set_rows(t.rows());
  for (const Column& c : t.cols())
    if (c.numeric()) lk.weights.add(c);
  return lk;
}

ConvertRule parse_convert_rule(std::string_view spec) {
  ConvertRule r;
  r.text = std::string(spec);
  std::string l = lower(spec);
  auto colon = l.find(':');
  std::string head = l.substr(0, colon);
  std::string arg = colon == std::string::npos ? "" : std::string(spec.substr(colon + 1));
  if (head == "copy")
    r.kind = ConvertRuleKind::Copy;
  else if (head == "min" || head == "worst")
    r.kind = ConvertRuleKind::Min;
  else if (head == "max" || head == "best")
    r.kind = ConvertRuleKind::Max;
  else if (head == "mean")
    r.kind = ConvertRuleKind::Mean;
  else if (head == "wmean")
    r.kind = ConvertRuleKind::WeightedMean;
  else if (head == "sum")
    r.kind = ConvertRuleKind::Sum;
  else if (head == "any")
    r.kind = ConvertRuleKind::Any;
  else if (head == "all")
    r.kind = ConvertRuleKind::All;
  else if (head == "drop")
    r.kind = ConvertRuleKind::Drop;
  else
    throw Error("unknown conversion rule '" + std::string(spec) + "'; rules are: " + rule_list());
  const bool takes_weight = r.kind == ConvertRuleKind::WeightedMean || r.kind == ConvertRuleKind::Sum;
  if (r.kind == ConvertRuleKind::WeightedMean && arg.empty())
    throw Error("rule '" + std::string(spec) + "' needs a weight column: write wmean:COLUMN");
  if (!takes_weight && colon != std::string::npos)
    throw Error("rule '" + std::string(spec) + "' takes no argument; rules are: " + rule_list());
  r.weight = arg;
  return r;
}

ColumnRule parse_column_rule(std::string_view spec) {
  auto eq = spec.rfind('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == spec.size())
    throw Error("rule '" + std::string(spec) + "' must read COLUMN=RULE, e.g. IMD_decile=worst");
  return {std::string(spec.substr(0, eq)), parse_convert_rule(spec.substr(eq + 1))};
}

bool wildcard_match(std::string_view p, std::string_view s) {
  // Iterative glob with backtracking to the last '*'.
  size_t pi = 0, si = 0, star = std::string_view::npos, mark = 0;
  while (si < s.size()) {
    if (pi < p.size() && p[pi] != '*' && p[pi] == s[si]) {
      ++pi;
      ++si;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = si;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

namespace {

// Per-source weights of a weighted mean, from the table itself or the weights table; blank, zero and
// negative weights of sources that take part are refused with the codes.
std::vector<double> source_weights(const Table& table, const std::vector<std::string>& codes,
                                   const std::vector<char>& used, const ConvertOptions& opt,
                                   const std::string& name) {
  std::vector<double> w(codes.size(), kNaN);
  std::string where;
  if (table.find(name)) {
    const Column& c = table.numeric(name);
    w = c.num;
    where = table.source();
  } else if (opt.weights) {
    const Table& wt = *opt.weights;
    w = numbers_by_code(codes, wt, opt.weights_key, name);
    where = wt.source();
  } else {
    table.column(name);  // throws the unknown-column message naming the table
  }
  std::vector<std::string> bad;
  for (size_t i = 0; i < codes.size(); ++i)
    if (used[i] && !(w[i] > 0)) bad.push_back(codes[i]);
  if (!bad.empty())
    throw Error("weight column '" + name + "' of " + where + " is blank, zero or negative for " +
                std::to_string(bad.size()) + " areas (" + join_list(bad, 5) +
                "); a weighted mean needs a positive weight for every area");
  return w;
}

struct Target {
  size_t lookup_index;
  std::vector<std::pair<size_t, size_t>> sources;  // (table row, lookup row) of sources in the table
};

}  // namespace

ConvertResult convert_table(const Table& table, const Lookup& lk, const ConvertOptions& opt) {
  ConvertResult res;
  ConvertReport& rep = res.report;
  rep.table = table.source();
  rep.lookup = lk.source;
  rep.table_rows = table.rows();
  rep.lookup_rows = lk.rows;
  const std::string key = opt.key.empty() ? lk.from_key : opt.key;
  std::vector<std::string> scratch;
  const std::vector<std::string>& codes = code_cells(table.column(key), scratch);
  std::unordered_map<std::string_view, size_t> row_of;
  row_of.reserve(table.rows() * 2);
  for (size_t r = 0; r < table.rows(); ++r) {
    if (codes[r].empty()) continue;
    if (!row_of.emplace(codes[r], r).second)
      throw Error("code '" + codes[r] + "' appears twice in " + table.source() + " (column '" + key +
                  "'); a table to convert needs one row per area");
  }
  // Source index of each table row (npos: not in the lookup) and table row of each source (-1: none).
  constexpr size_t npos = static_cast<size_t>(-1);
  std::vector<size_t> source_of_row(table.rows(), npos);
  std::vector<long> table_row_of_source(lk.from_codes.size(), -1);
  for (size_t s = 0; s < lk.from_codes.size(); ++s) {
    auto it = row_of.find(lk.from_codes[s]);
    if (it == row_of.end()) {
      rep.lookup_without_row.push_back(lk.from_codes[s]);
      continue;
    }
    table_row_of_source[s] = static_cast<long>(it->second);
    source_of_row[it->second] = s;
  }
  for (size_t r = 0; r < table.rows(); ++r)
    if (source_of_row[r] == npos) rep.rows_without_lookup.push_back(codes[r].empty() ? "(blank)" : codes[r]);

  // Targets with at least one source in the table, in lookup order.
  std::vector<Target> targets;
  bool one_to_one = true;
  for (size_t t = 0; t < lk.to_codes.size(); ++t) {
    Target tg{t, {}};
    for (auto [s, lrow] : lk.sources_of[t])
      if (table_row_of_source[s] >= 0)
        tg.sources.emplace_back(static_cast<size_t>(table_row_of_source[s]), lrow);
    if (tg.sources.empty()) {
      rep.targets_without_source.push_back(lk.to_codes[t]);
      continue;
    }
    switch (lk.comparability[t]) {
      case Comparability::Unchanged:
        ++rep.unchanged;
        break;
      case Comparability::Split:
        ++rep.split;
        break;
      case Comparability::Merged:
        ++rep.merged;
        break;
      case Comparability::Redrawn:
        ++rep.redrawn;
        break;
    }
    if (lk.comparability[t] != Comparability::Unchanged) one_to_one = false;
    targets.push_back(std::move(tg));
  }
  rep.targets = targets.size();
  const size_t n = targets.size();

  Table& out = res.table;
  out = Table(table.source() + " converted by " + lk.source);
  Column keycol{lk.to_key, ColumnType::Text, {}, {}}, ns{"n_sources", ColumnType::Integer, {}, {}},
      comp{"comparability", ColumnType::Text, {}, {}};
  for (const auto& tg : targets) {
    keycol.text.push_back(lk.to_codes[tg.lookup_index]);
    ns.num.push_back(static_cast<double>(lk.sources_of[tg.lookup_index].size()));
    comp.text.push_back(to_string(lk.comparability[tg.lookup_index]));
  }
  out.add(std::move(keycol));
  out.add(std::move(ns));
  out.add(std::move(comp));

  // Sources in the table that take part (have a target), for weight checks.
  std::vector<char> used(table.rows(), 0);
  for (const auto& tg : targets)
    for (auto [row, lrow] : tg.sources) used[row] = 1;

  for (const Column& c : table.cols()) {
    if (c.name == key) continue;
    const ConvertRule* rule = nullptr;
    for (const auto& cr : opt.rules)
      if (wildcard_match(cr.pattern, c.name)) rule = &cr.rule;
    ConvertRule implicit;
    if (!rule) {
      if (!one_to_one)
        throw Error("column '" + c.name + "' of " + table.source() + " has no rule and " + lk.source +
                        " is not one-to-one (" + std::to_string(rep.split) + " split, " +
                        std::to_string(rep.merged) + " merged, " + std::to_string(rep.redrawn) +
                        " redrawn targets): give it a rule, as '" + c.name + "=RULE' (" + rule_list() + ")",
                    Need::Rule);
      implicit.text = "copy (one-to-one)";
      rule = &implicit;
    }
    if (rule->kind == ConvertRuleKind::Drop) {
      rep.column_rules.emplace_back(c.name, rule->text);
      continue;
    }
    if (!c.numeric() && rule->kind != ConvertRuleKind::Copy)
      throw Error("column '" + c.name + "' of " + table.source() +
                  " is text; only copy or drop apply to it (got '" + rule->text + "')");
    if (rule->kind == ConvertRuleKind::Copy)
      for (const auto& tg : targets)
        if (lk.sources_of[tg.lookup_index].size() > 1)
          throw Error("column '" + c.name + "': copy needs one source per target, but '" +
                      lk.to_codes[tg.lookup_index] + "' has " +
                      std::to_string(lk.sources_of[tg.lookup_index].size()) + " in " + lk.source +
                      "; give a rule that combines values (worst, best, mean, wmean:W, sum, any, all)");
    rep.column_rules.emplace_back(c.name, rule->text);

    Column oc{c.name, c.type, {}, {}};
    if (!c.numeric()) {
      oc.text.reserve(n);
      for (const auto& tg : targets) oc.text.push_back(c.text[tg.sources[0].first]);
      out.add(std::move(oc));
      continue;
    }
    oc.num.assign(n, kNaN);
    std::vector<double> w;
    if (rule->kind == ConvertRuleKind::WeightedMean) {
      std::vector<char> used_with_value(table.rows(), 0);
      for (size_t r = 0; r < table.rows(); ++r) used_with_value[r] = used[r] && !std::isnan(c.num[r]);
      w = source_weights(table, codes, used_with_value, opt, rule->weight);
    }
    const Column* pair_w = nullptr;
    if (rule->kind == ConvertRuleKind::Sum && !rule->weight.empty())
      pair_w = &lk.weights.numeric(rule->weight);
    // Sum: each source's share of its value for one target (its pair weight over all its pairs).
    auto share = [&](size_t lrow_source, size_t lrow) {
      const size_t s = lrow_source;
      const auto& tgs = lk.targets_of[s];
      if (!pair_w) return 1.0 / static_cast<double>(tgs.size());
      double total = 0;
      for (size_t t : tgs)
        for (auto [s2, lr] : lk.sources_of[t])
          if (s2 == s) total += pair_w->num[lr];
      double x = pair_w->num[lrow];
      if (!(total > 0) || std::isnan(x) || x < 0)
        throw Error("split weight '" + rule->weight + "' of " + lk.source +
                    " is blank, zero or negative for '" + lk.from_codes[s] +
                    "'; every split source needs positive weights");
      return x / total;
    };
    switch (rule->kind) {
      case ConvertRuleKind::Mean:
        oc.type = ColumnType::Real;
        break;
      case ConvertRuleKind::WeightedMean:
        oc.type = ColumnType::Real;
        break;
      case ConvertRuleKind::Sum:
        oc.type = ColumnType::Real;
        break;
      case ConvertRuleKind::Any:
      case ConvertRuleKind::All:
        oc.type = ColumnType::Boolean;
        break;
      default:
        break;
    }
    for (size_t i = 0; i < n; ++i) {
      const auto& tg = targets[i];
      double acc = 0, wsum = 0;
      size_t k = 0;
      bool any = false, all = true;
      double best = kNaN;
      for (auto [row, lrow] : tg.sources) {
        double v = c.num[row];
        if (std::isnan(v)) continue;
        ++k;
        switch (rule->kind) {
          case ConvertRuleKind::Copy:
            best = v;
            break;
          case ConvertRuleKind::Min:
            best = std::isnan(best) ? v : std::min(best, v);
            break;
          case ConvertRuleKind::Max:
            best = std::isnan(best) ? v : std::max(best, v);
            break;
          case ConvertRuleKind::Mean:
            acc += v;
            break;
          case ConvertRuleKind::WeightedMean:
            acc += v * w[row];
            wsum += w[row];
            break;
          case ConvertRuleKind::Sum: {
            acc += v * share(source_of_row[row], lrow);
            break;
          }
          case ConvertRuleKind::Any:
          case ConvertRuleKind::All:
            any = any || v != 0;
            all = all && v != 0;
            break;
          case ConvertRuleKind::Drop:
            break;
        }
      }
      if (k == 0) continue;
      switch (rule->kind) {
        case ConvertRuleKind::Mean:
          oc.num[i] = acc / static_cast<double>(k);
          break;
        case ConvertRuleKind::WeightedMean:
          oc.num[i] = acc / wsum;
          break;
        case ConvertRuleKind::Sum:
          oc.num[i] = acc;
          break;
        case ConvertRuleKind::Any:
          oc.num[i] = any ? 1 : 0;
          break;
        case ConvertRuleKind::All:
          oc.num[i] = all ? 1 : 0;
          break;
        default:
          oc.num[i] = best;
          break;
      }
    }
    out.add(std::move(oc));
  }
  return res;
}

std::string format_convert_report(const ConvertReport& r) {
  std::ostringstream os;
  os << "converted " << r.table << " (" << r.table_rows << " rows) through " << r.lookup << " ("
     << r.lookup_rows << " rows): " << r.targets << " target areas, " << r.unchanged << " unchanged, "
     << r.split << " split, " << r.merged << " merged, " << r.redrawn << " redrawn\n";
  if (!r.rows_without_lookup.empty())
    os << r.rows_without_lookup.size()
       << " table codes are not in the lookup (left out): " << join_list(r.rows_without_lookup, 10) << "\n";
  if (!r.lookup_without_row.empty())
    os << r.lookup_without_row.size()
       << " lookup source codes have no row in the table: " << join_list(r.lookup_without_row, 10) << "\n";
  if (!r.targets_without_source.empty())
    os << r.targets_without_source.size() << " target areas have no source in the table (not written): "
       << join_list(r.targets_without_source, 10) << "\n";
  return os.str();
}

}  // namespace nbhd
