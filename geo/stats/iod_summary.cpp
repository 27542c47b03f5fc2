#include "geo/stats/iod_summary.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/model/by_code.hpp"
#include "geo/stats/rank.hpp"

namespace nbhd {

double extent_weight(double rank, size_t n) {
  const int p = ntile(rank, n, 100);
  if (p <= 0) return 0;
  if (p <= 10) return 1.0;
  if (p > 30) return 0.0;
  // 0.95 at the 11th percentile down to 0.05 at the 30th, in 19 equal steps.
  return 0.95 - 0.90 * static_cast<double>(p - 11) / 19.0;
}

IodSummary summarise_iod(const IodLsoas& in, const std::vector<std::string>* codes) {
  const size_t n = in.rank.size();
  if (in.group.size() != n || (!in.score.empty() && in.score.size() != n) ||
      (!in.weight.empty() && in.weight.size() != n))
    throw Error("internal: summarise_iod got columns of different lengths");
  IodSummary s;
  size_t ranked = 0;
  for (double r : in.rank) ranked += std::isnan(r) ? 0 : 1;
  s.national_n = in.national_n ? in.national_n : ranked;
  std::vector<std::string> bad_weight;
  std::map<std::string, std::vector<size_t>> members;
  for (size_t i = 0; i < n; ++i) {
    if (std::isnan(in.rank[i])) {
      ++s.lsoas_without_rank;
      continue;
    }
    if (in.rank[i] < 1 || in.rank[i] > static_cast<double>(s.national_n))
      throw Error("rank " + format_number(in.rank[i]) + (codes ? " of '" + (*codes)[i] + "'" : "") +
                  " is outside 1.." + std::to_string(s.national_n) + "; is the column a national rank?");
    if (in.group[i].empty()) {
      ++s.lsoas_without_group;
      continue;
    }
    if (!in.weight.empty() && !(in.weight[i] > 0))
      bad_weight.push_back(codes ? (*codes)[i] : "row " + std::to_string(i + 1));
    members[in.group[i]].push_back(i);
  }
  if (!bad_weight.empty())
    throw Error("the weight is blank, zero or negative for " + std::to_string(bad_weight.size()) +
                " LSOAs (" + join_list(bad_weight, 5) + "); every LSOA needs a positive weight");
  const double top = std::floor(static_cast<double>(s.national_n) / 10.0 + 1e-9);
  for (auto& [code, idx] : members) {
    IodAreaSummary a;
    a.code = code;
    a.lsoas = idx.size();
    auto w = [&](size_t i) { return in.weight.empty() ? 1.0 : in.weight[i]; };
    double sr = 0, ss = 0, se = 0;
    size_t d1 = 0;
    for (size_t i : idx) {
      a.weight += w(i);
      sr += w(i) * in.rank[i];
      if (!in.score.empty()) ss += w(i) * in.score[i];
      se += w(i) * extent_weight(in.rank[i], s.national_n);
      if (in.rank[i] <= top) ++d1;
    }
    a.average_rank = sr / a.weight;
    a.average_score = in.score.empty() ? std::nan("") : ss / a.weight;
    a.extent = se / a.weight;
    a.proportion = static_cast<double>(d1) / static_cast<double>(idx.size());
    // Local concentration: the most deprived LSOAs holding 10% of the weight; the last one in part.
    std::sort(idx.begin(), idx.end(), [&](size_t x, size_t y) { return in.rank[x] < in.rank[y]; });
    double need = 0.1 * a.weight, got = 0, acc = 0;
    for (size_t i : idx) {
      double take = std::min(w(i), need - got);
      if (take <= 0) break;
      acc += take * in.rank[i];
      got += take;
    }
    a.local_concentration = acc / got;
    s.areas.push_back(std::move(a));
  }
  // Rank the areas on each measure (1 = most deprived).
  auto rank_on = [&](auto get, Worse worse, auto set) {
    std::vector<double> v;
    for (const auto& a : s.areas) v.push_back(get(a));
    Ranking r = rank_values(v, worse);
    for (size_t i = 0; i < s.areas.size(); ++i)
      set(s.areas[i], std::isnan(r.rank[i]) ? size_t{0} : static_cast<size_t>(r.rank[i]));
  };
  rank_on([](const IodAreaSummary& a) { return a.average_rank; }, Worse::Low,
          [](IodAreaSummary& a, size_t r) { a.rank_average_rank = r; });
  rank_on([](const IodAreaSummary& a) { return a.average_score; }, Worse::High,
          [](IodAreaSummary& a, size_t r) { a.rank_average_score = r; });
  rank_on([](const IodAreaSummary& a) { return a.proportion; }, Worse::High,
          [](IodAreaSummary& a, size_t r) { a.rank_proportion = r; });
  rank_on([](const IodAreaSummary& a) { return a.extent; }, Worse::High,
          [](IodAreaSummary& a, size_t r) { a.rank_extent = r; });
  rank_on([](const IodAreaSummary& a) { return a.local_concentration; }, Worse::Low,
          [](IodAreaSummary& a, size_t r) { a.rank_local_concentration = r; });
  return s;
}

IodSummary summarise_table(const Table& t, const SummariseOptions& opt) {
  IodLsoas in;
  std::vector<std::string> codes = codes_of(t, opt.key);
  in.rank = t.numeric(opt.rank).num;
  if (!opt.score.empty()) in.score = t.numeric(opt.score).num;
  if (opt.groups) {
    in.group = text_by_code(codes, *opt.groups, opt.groups_key, opt.by);
  } else {
    const Column& g = t.column(opt.by);
    in.group.resize(t.rows());
    for (size_t r = 0; r < t.rows(); ++r) in.group[r] = g.cell(r);
  }
  if (!opt.weight.empty()) {
    if (opt.weights) {
      // Blank weights stay NaN and are refused by summarise_iod with the codes.
      in.weight = numbers_by_code(codes, *opt.weights, opt.weights_key, opt.weight);
      if (!opt.weights->find(opt.weight)) opt.weights->numeric(opt.weight);
    } else {
      in.weight = t.numeric(opt.weight).num;
    }
  }
  in.national_n = opt.national_n;
  return summarise_iod(in, &codes);
}

Table summary_table(const IodSummary& s, const std::string& by, const std::vector<std::string>* names) {
  Table t("summary");
  Column code{by, ColumnType::Text, {}, {}};
  std::string stem = by;
  if (auto p = stem.rfind("_code"); p != std::string::npos && p + 5 == stem.size()) stem = stem.substr(0, p);
  Column name{stem + "_name", ColumnType::Text, {}, {}};
  auto real = [](const char* n) { return Column{n, ColumnType::Real, {}, {}}; };
  auto integer = [](const char* n) { return Column{n, ColumnType::Integer, {}, {}}; };
  Column n = integer("lsoas"), w = real("weight");
  Column ar = real("average_rank"), rar = integer("average_rank_rank");
  Column as = real("average_score"), ras = integer("average_score_rank");
  Column pr = real("proportion_most_deprived_10pct"), rpr = integer("proportion_rank");
  Column ex = real("extent"), rex = integer("extent_rank");
  Column lc = real("local_concentration"), rlc = integer("local_concentration_rank");
  for (size_t i = 0; i < s.areas.size(); ++i) {
    const auto& a = s.areas[i];
    code.text.push_back(a.code);
    if (names) name.text.push_back((*names)[i]);
    n.num.push_back(static_cast<double>(a.lsoas));
    w.num.push_back(a.weight);
    ar.num.push_back(a.average_rank);
    rar.num.push_back(static_cast<double>(a.rank_average_rank));
    as.num.push_back(a.average_score);
    ras.num.push_back(a.rank_average_score ? static_cast<double>(a.rank_average_score) : std::nan(""));
    pr.num.push_back(a.proportion);
    rpr.num.push_back(static_cast<double>(a.rank_proportion));
    ex.num.push_back(a.extent);
    rex.num.push_back(static_cast<double>(a.rank_extent));
    lc.num.push_back(a.local_concentration);
    rlc.num.push_back(static_cast<double>(a.rank_local_concentration));
  }
  t.add(std::move(code));
  if (names) t.add(std::move(name));
  for (Column* c : {&n, &w, &ar, &rar, &as, &ras, &pr, &rpr, &ex, &rex, &lc, &rlc}) t.add(std::move(*c));
  return t;
}

}  // namespace nbhd
