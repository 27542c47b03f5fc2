#include "geo/stats/change.hpp"

#include <cmath>
#include <map>
#include <string_view>
#include <unordered_map>

#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/model/by_code.hpp"

namespace nbhd {

namespace {
bool has_values(const Period& p, size_t i) {
  return !std::isnan(p.rank[i]) && !std::isnan(p.decile[i]);
}

int checked_decile(const Period& p, size_t i) {
  double d = p.decile[i];
  if (!(d >= 1 && d <= 10) || std::floor(d) != d)
    throw Error(p.label + ": decile of '" + p.codes[i] + "' is " + format_number(d) +
                "; a decile is a whole number from 1 to 10 (is the column a decile?)");
  return static_cast<int>(d);
}

void count(GroupHeadline& h, const AreaChange& c) {
  ++h.areas;
  if (c.decile_b == 1) ++h.top_b;
  if (c.decile_a == 1) ++h.top_a;
  if (c.decile_b == 1 && c.decile_a == 1) ++h.top_b_was_top_a;
}
}  // namespace

ChangeResult compare_periods(const Period& a, const Period& b) {
  ChangeResult r;
  std::unordered_map<std::string_view, size_t> in_a;  // views of a.codes, which outlive the map
  in_a.reserve(a.codes.size() * 2);
  for (size_t i = 0; i < a.codes.size(); ++i)
    if (has_values(a, i)) in_a.emplace(a.codes[i], i);
  std::vector<char> seen(a.codes.size(), 0);
  r.areas.reserve(b.codes.size());
  for (size_t j = 0; j < b.codes.size(); ++j) {
    auto it = in_a.find(b.codes[j]);
    if (!has_values(b, j) || it == in_a.end()) {
      r.only_b.push_back(b.codes[j]);
      continue;
    }
    size_t i = it->second;
    seen[i] = 1;
    AreaChange c;
    c.code = b.codes[j];
    c.rank_a = a.rank[i];
    c.rank_b = b.rank[j];
    c.decile_a = checked_decile(a, i);
    c.decile_b = checked_decile(b, j);
    c.rank_change = c.rank_b - c.rank_a;
    c.decile_change = c.decile_b - c.decile_a;
    c.entered = c.decile_b == 1 && c.decile_a != 1;
    c.left = c.decile_a == 1 && c.decile_b != 1;
    if (!a.comparability.empty()) c.comparability = a.comparability[i];
    ++r.transition[c.decile_a - 1][c.decile_b - 1];
    count(r.national, c);
    r.areas.push_back(std::move(c));
  }
  for (size_t i = 0; i < a.codes.size(); ++i)
    if (!seen[i]) r.only_a.push_back(a.codes[i]);
  r.compared = r.areas.size();
  r.national.group = "England";
  if (r.compared == 0)
    throw Error(a.label + " and " + b.label + " have no area code in common (" + first_value(a.codes) +
                "... against " + first_value(b.codes) +
                "...); bring both to the same geography first (nbhd convert)");
  return r;
}

std::vector<GroupHeadline> headlines_by_group(const ChangeResult& r,
                                              const std::vector<std::string>& group_of) {
  if (group_of.size() != r.areas.size())
    throw Error("internal: " + std::to_string(group_of.size()) + " group labels for " +
                std::to_string(r.areas.size()) + " areas");
  std::map<std::string, GroupHeadline> groups;
  for (size_t i = 0; i < r.areas.size(); ++i) {
    if (group_of[i].empty()) continue;
    GroupHeadline& h = groups[group_of[i]];
    h.group = group_of[i];
    count(h, r.areas[i]);
  }
  std::vector<GroupHeadline> out;
  out.reserve(groups.size());
  for (auto& [k, h] : groups) out.push_back(std::move(h));
  return out;
}

Period period_from_table(const Table& t, const std::string& key, const std::string& rank,
                         const std::string& decile, const std::string& comparability) {
  Period p;
  p.label = t.source();
  p.codes = codes_of(t, key);
  p.rank = t.numeric(rank).num;
  p.decile = t.numeric(decile).num;
  if (!comparability.empty()) {
    const Column& c = t.column(comparability);
    p.comparability.resize(t.rows());
    for (size_t r = 0; r < t.rows(); ++r) p.comparability[r] = c.cell(r);
  }
  return p;
}

ChangeResult change_tables(const Table& a, const Table& b, const ChangeOptions& opt) {
  std::string comp = opt.comparability;
  if (comp.empty() && a.find("comparability")) comp = "comparability";
  Period pa = period_from_table(a, opt.key_a, opt.rank_a, opt.decile_a, comp);
  Period pb = period_from_table(b, opt.key_b, opt.rank_b.empty() ? opt.rank_a : opt.rank_b,
                                opt.decile_b.empty() ? opt.decile_a : opt.decile_b, "");
  return compare_periods(pa, pb);
}

Table change_table(const ChangeResult& r, const std::string& key) {
  Table t("change");
  Column code{key, ColumnType::Text, {}, {}}, comp{"comparability", ColumnType::Text, {}, {}};
  Column ra{"rank_a", ColumnType::Integer, {}, {}}, rb{"rank_b", ColumnType::Integer, {}, {}};
  Column da{"decile_a", ColumnType::Integer, {}, {}}, db{"decile_b", ColumnType::Integer, {}, {}};
  Column rc{"rank_change", ColumnType::Integer, {}, {}}, dc{"decile_change", ColumnType::Integer, {}, {}};
  Column en{"entered", ColumnType::Boolean, {}, {}}, lf{"left", ColumnType::Boolean, {}, {}};
  bool has_comp = false;
  for (const auto& c : r.areas) {
    code.text.push_back(c.code);
    ra.num.push_back(c.rank_a);
    rb.num.push_back(c.rank_b);
    da.num.push_back(c.decile_a);
    db.num.push_back(c.decile_b);
    rc.num.push_back(c.rank_change);
    dc.num.push_back(c.decile_change);
    en.num.push_back(c.entered ? 1 : 0);
    lf.num.push_back(c.left ? 1 : 0);
    comp.text.push_back(c.comparability);
    has_comp = has_comp || !c.comparability.empty();
  }
  // Ranks of a converted period may be means (fractional): keep them exact.
  for (Column* c : {&ra, &rb, &rc})
    for (double v : c->num)
      if (std::floor(v) != v) c->type = ColumnType::Real;
  for (Column* c : {&code, &ra, &rb, &da, &db, &rc, &dc, &en, &lf}) t.add(std::move(*c));
  if (has_comp) t.add(std::move(comp));
  return t;
}

}  // namespace nbhd
