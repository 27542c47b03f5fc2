// The analysis core on the real open data in ../shared/data, checked against independent computations
// written here (plain line splitting and loops, not the library's table reader or aggregation code).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "geo/stats/aggregate.hpp"
#include "geo/stats/classify.hpp"
#include "geo/stats/flag.hpp"
#include "geo/stats/jenks.hpp"
#include "geo/stats/rank.hpp"
#include "geo/tables/table_io.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

using test::shared_data;

// Minimal CSV reading (the shared files quote only names with commas, never with quotes or line breaks).
std::vector<std::string> split_line(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char ch : line) {
    if (ch == '"')
      quoted = !quoted;
    else if (ch == ',' && !quoted)
      out.emplace_back();
    else
      out.back() += ch;
  }
  return out;
}
struct Plain {
  std::map<std::string, size_t> col;
  std::vector<std::vector<std::string>> rows;
};
Plain read_plain(const std::filesystem::path& p) {
  std::ifstream f(p);
  Plain out;
  std::string line;
  std::getline(f, line);
  auto header = split_line(line);
  for (size_t i = 0; i < header.size(); ++i) out.col[header[i]] = i;
  while (std::getline(f, line)) out.rows.push_back(split_line(line));
  return out;
}

TEST(RealData, DecilesFromPublishedRanksMatchPublishedDeciles) {
  for (std::string file : {"england/imd2019_lsoa11.csv", "england/imd2025_lsoa21.csv"}) {
    NBHD_REQUIRE_SHARED(file);
    Table t = read_table((shared_data() / file).string());
    for (std::string dom : {"IMD", "Income", "Health"}) {
      auto r = rank_values(t.numeric(dom + "_rank").num, Worse::Low);
      const auto& published = t.numeric(dom + "_decile").num;
      size_t same = 0;
      for (size_t i = 0; i < t.rows(); ++i) same += r.decile[i] == static_cast<int>(published[i]);
      EXPECT_EQ(same, t.rows()) << file << " " << dom;
    }
  }
}

TEST(RealData, QuantileOfImd2025DecilesIsOneDecilePerClass) {
  NBHD_REQUIRE_SHARED("england/imd2025_lsoa21.csv");
  Plain p = read_plain(shared_data() / "england/imd2025_lsoa21.csv");
  std::vector<double> v;
  std::vector<size_t> per(10, 0);
  size_t c = p.col.at("IMD_decile");
  for (const auto& r : p.rows) {
    v.push_back(std::stod(r[c]));
    ++per[std::stoi(r[c]) - 1];
  }
  ClassifyOptions o;
  o.classes = 10;
  auto cls = classify(v, o);
  EXPECT_EQ(cls.counts, per);
  for (size_t n : cls.counts) EXPECT_TRUE(n == 3375 || n == 3376) << n;
}

TEST(RealData, JenksOnImdScoresBeatsEveryNeighbouringPartition) {
  NBHD_REQUIRE_SHARED("england/imd2025_lsoa21.csv");
  Table t = read_table((shared_data() / "england/imd2025_lsoa21.csv").string());
  const auto& v = t.numeric("IMD_score").num;
  ClassifyOptions o;
  o.method = ClassifyMethod::NaturalBreaks;
  o.classes = 7;
  auto c = classify(v, o);
  ASSERT_EQ(c.classes(), 7);
  std::vector<double> sorted(v);
  std::sort(sorted.begin(), sorted.end());
  auto wv = distinct_sorted(v);
  std::vector<double> uppers(c.breaks.begin() + 1, c.breaks.end() - 1);
  double best = within_class_ss(sorted, uppers);
  // Moving any break to a neighbouring distinct value, or every break a step at once, costs more.
  for (size_t b = 0; b < uppers.size(); ++b) {
    auto it = std::lower_bound(wv.value.begin(), wv.value.end(), uppers[b]);
    for (int d : {-1, 1}) {
      auto u = uppers;
      u[b] = *(it + d);
      EXPECT_GT(within_class_ss(sorted, u), best);
    }
  }
  // Equal-interval and quantile partitions into 7 are worse (a sanity check on the objective).
  for (auto m : {ClassifyMethod::Quantile, ClassifyMethod::EqualInterval}) {
    o.method = m;
    auto other = classify(v, o);
    EXPECT_GT(within_class_ss(sorted, std::vector<double>(other.breaks.begin() + 1, other.breaks.end() - 1)),
              best);
  }
}

TEST(RealData, LookupAggregationOfImd2019ToWardsMatchesIndependentSums) {
  NBHD_REQUIRE_SHARED("england/imd2019_lsoa11.csv");
  NBHD_REQUIRE_SHARED("england/lsoa11_ward17.csv");
  auto imd_path = shared_data() / "england/imd2019_lsoa11.csv";
  auto lk_path = shared_data() / "england/lsoa11_ward17.csv";
  Table imd = read_table(imd_path.string());
  Table lookup = read_table(lk_path.string());
  std::vector<std::string> codes = imd.column("lsoa11_code").text;
  auto pa = parents_from_lookup(codes, lookup, "lsoa11_code", "ward17_code");
  std::vector<AggregateStat> stats{parse_agg_stat("mean", "IMD_rank"),
                                   parse_agg_stat("share:1", "IMD_decile"),
                                   parse_agg_stat("median", "IMD_rank"), parse_agg_stat("max", "IMD_rank"),
                                   parse_agg_stat("sum", "IMD_rank")};
  auto res = aggregate(imd, pa.parent_of, stats, "ward17_code");
  EXPECT_EQ(pa.unassigned.size(), 0u);
  EXPECT_EQ(res.assigned, 32844u);

  // Independent: plain text parsing and per-ward vectors.
  Plain pl = read_plain(lk_path), pi = read_plain(imd_path);
  std::map<std::string, std::string> ward;
  for (const auto& r : pl.rows) ward[r[0]] = r[1];
  std::map<std::string, std::vector<double>> ranks, deciles;
  size_t rk = pi.col.at("IMD_rank"), dc = pi.col.at("IMD_decile");
  for (const auto& r : pi.rows) {
    const std::string& w = ward.at(r[0]);
    ranks[w].push_back(std::stod(r[rk]));
    deciles[w].push_back(std::stod(r[dc]));
  }
  ASSERT_EQ(res.parents, ranks.size());
  const Table& t = res.table;
  for (size_t i = 0; i < t.rows(); ++i) {
    const std::string& w = t.column("ward17_code").text[i];
    auto rv = ranks.at(w);
    double sum = 0;
    for (double x : rv) sum += x;
    size_t in1 = 0;
    for (double d : deciles.at(w)) in1 += d == 1;
    std::sort(rv.begin(), rv.end());
    double median = rv.size() % 2 ? rv[rv.size() / 2] : (rv[rv.size() / 2 - 1] + rv[rv.size() / 2]) / 2;
    ASSERT_EQ(t.column("n_children").num[i], static_cast<double>(rv.size())) << w;
    ASSERT_NEAR(t.column("IMD_rank_mean").num[i], sum / rv.size(), 1e-9 * sum) << w;
    ASSERT_NEAR(t.column("IMD_decile_pct_1").num[i], 100.0 * in1 / rv.size(), 1e-9) << w;
    ASSERT_EQ(t.column("IMD_rank_median").num[i], median) << w;
    ASSERT_EQ(t.column("IMD_rank_max").num[i], rv.back()) << w;
    ASSERT_EQ(t.column("IMD_rank_sum").num[i], sum) << w;
  }
}

TEST(RealData, DualDisadvantageOnCni2019WardsAgreesWithPublishedRanks) {
  NBHD_REQUIRE_SHARED("england/cni2019_ward17.csv");
  Table t = read_table((shared_data() / "england/cni2019_ward17.csv").string());
  ASSERT_EQ(t.rows(), 7433u);
  // Scores where high = more need, against the published ranks where 1 = most need: the same areas.
  FlagIndicator civic{"Civic Assets score", t.numeric("Civic Assets score").num, Worse::High};
  FlagIndicator conn{"Connectedness score", t.numeric("Connectedness score").num, Worse::High};
  FlagIndicator civic_rank{"Civic Assets rank", t.numeric("Civic Assets rank").num, Worse::Low};
  FlagIndicator conn_rank{"Connectedness rank", t.numeric("Connectedness rank").num, Worse::Low};
  auto by_score = flag_dual(civic, conn, {});
  auto by_rank = flag_dual(civic_rank, conn_rank, {});
  EXPECT_EQ(by_score.considered, 7433u);
  EXPECT_EQ(by_score.cutoff_rank, 743u);
  EXPECT_EQ(by_score.flagged, by_rank.flagged);
  EXPECT_EQ(by_score.bivariate, by_rank.bivariate);
  // Independent count straight from the published ranks.
  const auto& r1 = t.numeric("Civic Assets rank").num;
  const auto& r2 = t.numeric("Connectedness rank").num;
  size_t expected = 0;
  for (size_t i = 0; i < t.rows(); ++i) {
    bool f = r1[i] <= 743 && r2[i] <= 743;
    expected += f;
    ASSERT_EQ(by_score.flagged[i], f) << t.column("ward17_code").text[i];
    ASSERT_EQ(by_score.rank_a[i], r1[i]);
  }
  EXPECT_EQ(by_score.flagged_count, expected);
  EXPECT_GT(expected, 0u);
  // With 100% every area is flagged; at 10% the share grows with a looser threshold.
  FlagOptions all;
  all.worst_share = 1.0;
  EXPECT_EQ(flag_dual(civic, conn, all).flagged_count, 7433u);
  FlagOptions twenty;
  twenty.worst_share = 0.2;
  EXPECT_GT(flag_dual(civic, conn, twenty).flagged_count, expected);
}

}  // namespace
}  // namespace nbhd
