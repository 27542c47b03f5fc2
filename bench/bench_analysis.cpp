// Analysis benchmarks: every classification method on 35,672 values (the LSOA 2021 count), and the
// aggregation of 32,844 LSOAs to wards (7,433 in CNI 2019). Uses IMD 2025 scores and the IoD 2019 /
// LSOA11->ward17 lookup from ../shared/data when present, otherwise synthetic data of the same sizes.
// Run: build/bench/bench_analysis [shared-data-dir]   (default $NBHD_SHARED_DATA, then ../shared/data)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "bench/bench_support.hpp"
#include "geo/stats/aggregate.hpp"
#include "geo/stats/classify.hpp"
#include "geo/stats/flag.hpp"
#include "geo/tables/table_io.hpp"
#include "geo/vector/ingest.hpp"

using namespace nbhd;
using bench::best_ms;
using bench::find_data;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
  fs::path data = find_data(argc, argv);
  const size_t n = 35672;
  std::vector<double> values;
  std::string what;
  if (fs::exists(data / "england/census21_households_lsoa21.csv")) {
    // Census 2021 households of every LSOA 2021 in England and Wales: exactly 35,672 real values.
    Table t = read_table((data / "england/census21_households_lsoa21.csv").string());
    values = t.numeric("households_total").num;
    what = "households_total of census21_households_lsoa21.csv";
  } else {
    std::mt19937 rng(1);
    std::lognormal_distribution<double> d(3, 0.8);
    for (size_t i = 0; i < n; ++i) values.push_back(std::round(d(rng) * 1000) / 1000);
    what = "synthetic log-normal values";
  }
  std::printf("classification of %zu values (%s), best of 5\n", values.size(), what.c_str());
  struct M {
    ClassifyMethod m;
    int k;
  };
  for (M m :
       {M{ClassifyMethod::Quantile, 7}, M{ClassifyMethod::EqualInterval, 7}, M{ClassifyMethod::StdDev, 7},
        M{ClassifyMethod::Pretty, 7}, M{ClassifyMethod::HeadTail, 7}, M{ClassifyMethod::Manual, 7},
        M{ClassifyMethod::NaturalBreaks, 5}, M{ClassifyMethod::NaturalBreaks, 7},
        M{ClassifyMethod::NaturalBreaks, 10}, M{ClassifyMethod::NaturalBreaks, 12}}) {
    ClassifyOptions o;
    o.method = m.m;
    o.classes = m.k;
    o.manual_breaks = {10, 20, 30, 40, 50, 60};
    Classification c;
    double ms = best_ms(5, [&] { c = classify(values, o); });
    std::printf("  %-12s k=%-2d %8.2f ms  (%d classes)\n", to_string(m.m), m.k, ms, c.classes());
  }
  {
    // Worst case for Jenks: every value distinct (the DP runs on distinct values).
    std::mt19937 rng(3);
    std::lognormal_distribution<double> d(3, 0.8);
    std::vector<double> distinct(n);
    for (auto& x : distinct) x = d(rng);
    for (int k : {7, 12}) {
      ClassifyOptions o;
      o.method = ClassifyMethod::NaturalBreaks;
      o.classes = k;
      double ms = best_ms(5, [&] { classify(distinct, o); });
      std::printf("  %-12s k=%-2d %8.2f ms  (35,672 distinct synthetic log-normal values)\n", "jenks", k, ms);
    }
  }
  {
    std::vector<double> deciles;
    for (size_t i = 0; i < n; ++i) deciles.push_back(static_cast<double>(1 + i % 10));
    ClassifyOptions o;
    o.method = ClassifyMethod::Categorical;
    double ms = best_ms(5, [&] { classify(deciles, o); });
    std::printf("  %-12s k=10 %8.2f ms\n", "categorical", ms);
  }

  // Aggregation of 32,844 LSOAs to wards.
  Table children;
  std::vector<std::string> parent_of;
  if (fs::exists(data / "england/imd2019_lsoa11.csv") && fs::exists(data / "england/lsoa11_ward17.csv")) {
    children = read_table((data / "england/imd2019_lsoa11.csv").string());
    Table lookup = read_table((data / "england/lsoa11_ward17.csv").string());
    double ms = best_ms(5, [&] {
      parent_of =
          parents_from_lookup(children.column("lsoa11_code").text, lookup, "lsoa11_code", "ward17_code")
              .parent_of;
    });
    std::printf("lookup of %zu LSOA11 codes in lsoa11_ward17.csv: %.2f ms\n", children.rows(), ms);
  } else {
    std::mt19937 rng(2);
    std::vector<std::string> cells(32844), wards(32844);
    for (size_t i = 0; i < cells.size(); ++i) {
      cells[i] = std::to_string(rng() % 32844);
      wards[i] = "W" + std::to_string(i % 7433);
    }
    children.add(make_column("IMD_rank", std::vector<std::string_view>(cells.begin(), cells.end())));
    children.add(make_column("IMD_decile", std::vector<std::string_view>(32844, "3")));
    parent_of = wards;
  }
  std::vector<AggregateStat> stats{parse_agg_stat("mean", "IMD_rank"), parse_agg_stat("median", "IMD_rank"),
                                   parse_agg_stat("share:1", "IMD_decile"),
                                   parse_agg_stat("max", "IMD_rank")};
  AggregateResult r;
  double ms = best_ms(5, [&] { r = aggregate(children, parent_of, stats, "ward17_code"); });
  std::printf("aggregate %zu children to %zu parents (mean, median, share:1, max): %.2f ms\n", r.children,
              r.parents, ms);

  // Spatial assignment: LSOA 2011 points on surface inside the 2017 wards (loading is not timed).
  if (fs::exists(data / "england/lsoa11.gpkg") && fs::exists(data / "england/wards17_approx.gpkg")) {
    AreaLayer lsoa = load_areas((data / "england/lsoa11.gpkg").string());
    AreaLayer wards = load_areas((data / "england/wards17_approx.gpkg").string());
    std::vector<Point> pts;
    double pos = best_ms(3, [&] { pts = points_on_surface(lsoa); });
    ParentAssignment pa;
    double loc = best_ms(3, [&] { pa = parents_by_location(pts, lsoa.codes, wards); });
    std::printf(
        "spatial: points on surface of %zu LSOAs %.1f ms; assign to %zu wards %.1f ms (%zu without a ward)\n",
        lsoa.size(), pos, wards.size(), loc, pa.unassigned.size());
  }

  // Dual disadvantage over the same values.
  std::vector<double> other(values.rbegin(), values.rend());
  ms = best_ms(5, [&] { flag_dual({"a", values, Worse::High}, {"b", other, Worse::High}, {}); });
  std::printf("flag_dual on %zu areas: %.2f ms\n", values.size(), ms);
  return 0;
}
