// Left-behind engine benchmarks on ../shared/data: converting every IMD 2019 column from LSOA 2011 to
// LSOA 2021 (worst rule), the change table IMD 2019 -> IMD 2025, and the IoD local-authority summaries of
// IMD 2025. Prints "<step> <ms>" lines (best of N CPU times, the work only: tables are read once beforehand)
// and a check value per step that bench/bench_leftbehind.sh compares with an independent pandas route. Run:
// build/bench/bench_leftbehind [shared-data-dir] [reps]   (or bench/bench_leftbehind.sh)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>

#include "bench/bench_support.hpp"
#include "geo/stats/change.hpp"
#include "geo/stats/iod_summary.hpp"
#include "geo/tables/convert.hpp"
#include "geo/tables/table_io.hpp"

using namespace nbhd;
using bench::best_ms;
using bench::find_data;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
  fs::path d = find_data(argc, argv) / "england";
  const int reps = argc > 2 ? std::atoi(argv[2]) : 10;
  if (!fs::exists(d / "imd2019_lsoa11.csv")) {
    std::fprintf(stderr, "bench_leftbehind: shared data not found (%s); give its folder\n", d.c_str());
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  Table imd19 = read_table((d / "imd2019_lsoa11.csv").string());
  Table lk_table = read_table((d / "lsoa11_lsoa21.csv").string());
  Table imd25 = read_table((d / "imd2025_lsoa21.csv").string());
  Table groups = read_table((d / "lsoa21_ward24_ltla24.csv").string());
  double read_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::printf("read_tables %.1f\n", read_ms);

  ConvertOptions co;
  co.rules = {parse_column_rule("*=worst")};
  ConvertResult conv;
  double convert_ms = best_ms(reps, [&] {
    Lookup lk = read_lookup(lk_table, "lsoa11_code", "lsoa21_code");
    conv = convert_table(imd19, lk, co);
  });
  Lookup lk_once = read_lookup(lk_table, "lsoa11_code", "lsoa21_code");
  double lookup_ms = best_ms(reps, [&] { Lookup l = read_lookup(lk_table, "lsoa11_code", "lsoa21_code"); });
  double table_ms = best_ms(reps, [&] { conv = convert_table(imd19, lk_once, co); });
  std::printf("convert_parts lookup=%.2f table=%.2f\n", lookup_ms, table_ms);
  double check = 0;
  for (const auto& c : conv.table.cols())
    if (c.numeric() && c.name != "n_sources")
      for (double v : c.num) check += v;
  std::printf("convert %.2f rows=%zu cols=%zu check=%.0f\n", convert_ms, conv.table.rows(),
              conv.table.columns() - 3, check);

  ChangeOptions cho;
  cho.rank_a = "IMD_rank";
  cho.decile_a = "IMD_decile";
  ChangeResult ch;
  Table cht;
  double change_ms = best_ms(reps, [&] {
    ch = change_tables(conv.table, imd25, cho);
    cht = change_table(ch, "lsoa21_code");
  });
  long long dsum = 0;
  for (const auto& a : ch.areas) dsum += a.decile_change;
  std::printf("change %.2f areas=%zu top_b_was_top_a=%zu decile_change_sum=%lld\n", change_ms, ch.compared,
              ch.national.top_b_was_top_a, dsum);

  SummariseOptions so;
  so.rank = "IMD_rank";
  so.score = "IMD_score";
  so.by = "ltla24_code";
  so.groups = &groups;
  IodSummary s;
  double summary_ms = best_ms(reps, [&] { s = summarise_table(imd25, so); });
  double ext = 0, lc = 0, ar = 0;
  for (const auto& a : s.areas) {
    ext += a.extent;
    lc += a.local_concentration;
    ar += a.average_rank;
  }
  std::printf("summary %.2f areas=%zu extent_sum=%.6f local_concentration_sum=%.3f average_rank_sum=%.3f\n",
              summary_ms, s.areas.size(), ext, lc, ar);
  return 0;
}
