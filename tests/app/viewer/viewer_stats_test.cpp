// The viewer's Statistics window as a real window under Xvfb: LISA and Gi* computed in the viewer against
// `nbhd lisa` area for area (same column, weights, permutations and seed), the cluster map's legend counts
// against the CLI's, brushing points of the Moran scatter plot lighting exactly their areas, a selected
// area's point marked, Cancel keeping the previous result, and the left-behind condition and the change
// view against `nbhd flag --where` and `nbhd change` (on the demo, and on the real LSOA and ward data when
// present). Skipped when xvfb-run is not installed.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "geo/spatial/geos_handle.hpp"
#include "geo/tables/table_io.hpp"
#include "geo/vector/ingest.hpp"
#include "support/demo_layer.hpp"
#include "support/image_check.hpp"
#include "support/test_data.hpp"
#include "support/viewer_run.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;

using test::quoted;
using test::read_json;
using test::WorldToPx;

// The CLI's per-area output, by code.
std::map<std::string, size_t> rows_by_code(const Table& t, const std::string& key = "code") {
  std::map<std::string, size_t> m;
  const Column& c = t.col(*t.find(key));
  for (size_t i = 0; i < t.rows(); ++i) m[c.text[i]] = i;
  return m;
}

double num(const nlohmann::json& v) {
  return v.is_null() ? std::nan("") : v.get<double>();
}

// Each derived column `ours` of the dump equals the CLI's `theirs` for every area (NaN where the CLI's cell
// is empty).
void expect_same_per_area(const nlohmann::json& dump, const std::string& ours, const Table& cli,
                          const std::string& theirs, double tol) {
  const AreaLayer& L = test::demo_layer();
  auto row = rows_by_code(cli);
  const auto& vals = dump["derived"][ours];
  ASSERT_EQ(vals.size(), L.size()) << ours;
  const Column& c = cli.numeric(theirs);
  size_t compared = 0;
  for (size_t i = 0; i < L.size(); ++i) {
    double a = num(vals[i]), b = c.num[row.at(L.codes[i])];
    if (std::isnan(b)) {
      EXPECT_TRUE(std::isnan(a)) << ours << " of " << L.codes[i];
      continue;
    }
    EXPECT_NEAR(a, b, tol * std::max(1.0, std::abs(b))) << ours << " of " << L.codes[i];
    ++compared;
  }
  EXPECT_GT(compared, L.size() / 2) << ours;
}

// The legend entries of a dump: label -> count.
std::map<std::string, long> legend_counts(const nlohmann::json& dump) {
  std::map<std::string, long> m;
  for (const auto& e : dump["legend"])
    if (e.contains("label")) m[e["label"]] = e["count"];
  return m;
}

const std::string kOpenAndRun =
    "stats open on\nframes 2\nstats column IMD_score\nclick-item stats.run\nwait-stats\nframes 3\n";

std::string demo_lisa_cli(const fs::path& dir, const std::string& extra, nlohmann::json* summary) {
  auto d = test::demo_dir();
  auto out = dir / "cli_lisa.csv";
  std::string so, se;
  int rc =
      test::run_nbhd("lisa " + quoted(d / "lsoa.gpkg") + " --indicators " + quoted(d / "indicators.csv") +
                         " --column IMD_score " + extra + " --json --force -o " + quoted(out),
                     &so, &se);
  EXPECT_EQ(rc, 0) << se;
  *summary = nlohmann::json::parse(so);
  return out.string();
}

TEST(ViewerStats, LisaEqualsCliAreaForAreaAndScatterAndMapAreLinkedAndCancelKeepsTheResult) {
  NBHD_REQUIRE_XVFB();
  const AreaLayer& L = test::demo_layer();
  auto dir = test::scratch_dir();
  std::string log;
  ASSERT_EQ(test::run_view_script(
                dir, test::demo_view_args(),
                test::kWaitLoadedAndFit + kOpenAndRun + "dump " + (dir / "a.json").string() + "\n", &log),
            0)
      << log;
  nlohmann::json a = read_json(dir / "a.json");
  ASSERT_EQ(a["stats"]["runs"], 1) << a["stats"].dump();
  ASSERT_EQ(a["stats"]["message"], "");

  // Default options, as `nbhd lisa`'s: queen, 999 permutations, seed 123456789, 0.05.
  nlohmann::json cli_sum;
  Table cli = read_table(demo_lisa_cli(dir, "", &cli_sum));
  expect_same_per_area(a, "lisa_i", cli, "local_i", 1e-12);
  expect_same_per_area(a, "lisa_p", cli, "p", 0);
  expect_same_per_area(a, "lisa_cluster", cli, "cluster", 0);
  expect_same_per_area(a, "lisa_lag", cli, "lag", 1e-12);
  EXPECT_NEAR(a["stats"]["global_i"].get<double>(), cli_sum["global"]["I"].get<double>(), 1e-12);

  // The cluster map: the lisa category set, and legend counts equal the CLI's cluster counts.
  EXPECT_EQ(a["column"], "lisa_cluster");
  EXPECT_EQ(a["palette"], "lisa");
  auto legend = legend_counts(a);
  for (const char* c : {"High-High", "Low-Low", "Low-High", "High-Low", "Not significant"})
    EXPECT_EQ(legend[c], cli_sum["clusters"][c].get<long>()) << c;
  EXPECT_GT(legend["High-High"], 0);
  std::map<std::string, std::string> colour;
  for (const auto& e : a["legend"])
    if (e.contains("label")) colour[e["label"]] = e["colour"];
  EXPECT_EQ(colour["High-High"], "#ff0000");
  EXPECT_EQ(colour["Low-Low"], "#0000ff");
  EXPECT_EQ(colour["Low-High"], "#9696ff");
  EXPECT_EQ(colour["High-Low"], "#ff9696");

  // An area to click: its interior on the map, clear of the Statistics window (x 338..738).
  WorldToPx xf(a["world_to_px"]);
  GeosContext g;
  int target = -1;
  int cx = 0, cy = 0;
  auto row = rows_by_code(cli);
  for (size_t i = 0; i < L.size() && target < 0; ++i) {
    test::InteriorPoint p = test::interior_point(g, L.geoms[i]);
    double x = xf.px(p.x), y = xf.py(p.y);
    if (p.clearance * xf.s < 6 || x < 750 || x > 938 || y < 30 || y > 740) continue;
    target = int(i), cx = int(std::lround(x)), cy = int(std::lround(y));
  }
  ASSERT_GE(target, 0) << "no area clear of the Statistics window";

  // Then: select it on the map, brush the High-High quadrant's points, and start a long run and cancel it.
  const double x0 = 0.5, y0 = 0.4, x1 = 2.5, y1 = 2.0;
  std::string s = test::kWaitLoadedAndFit + kOpenAndRun + "click " + std::to_string(cx) + " " +
                  std::to_string(cy) + "\nframes 2\nscatter-drag " + std::to_string(x0) + " " +
                  std::to_string(y0) + " " + std::to_string(x1) + " " + std::to_string(y1) +
                  "\nframes 2\ndump " + (dir / "b.json").string() +
                  "\nstats permutations 99999\nstats weights knn:40\nclick-item stats.run\nframes 1\n"
                  "click-item stats.cancel\nwait-stats\nframes 2\ndump " +
                  (dir / "c.json").string() + "\n";
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args(), s, &log), 0) << log;
  nlohmann::json b = read_json(dir / "b.json"), c = read_json(dir / "c.json");

  // Selecting the area marks its point at its standardised value and lag, inside the plot.
  ASSERT_EQ(b["selection"].size(), 1u);
  EXPECT_EQ(b["selection"][0], L.codes[size_t(target)]);
  ASSERT_EQ(b["stats"]["marked"].size(), 1u) << b["stats"].dump();
  const auto& m = b["stats"]["marked"][0];
  size_t r = row.at(L.codes[size_t(target)]);
  EXPECT_NEAR(m["x"].get<double>(), cli.numeric("z").num[r], 1e-5);
  EXPECT_NEAR(m["y"].get<double>(), cli.numeric("lag_z").num[r], 1e-5);
  const auto& pr = b["stats"]["plot"]["rect"];
  EXPECT_GE(m["px"].get<double>(), pr[0].get<double>());
  EXPECT_LE(m["px"].get<double>(), pr[2].get<double>());
  EXPECT_GE(m["py"].get<double>(), pr[1].get<double>());
  EXPECT_LE(m["py"].get<double>(), pr[3].get<double>());

  // Brushing lights exactly the areas whose (z, lag z) lie in the dragged rectangle: every point well
  // inside is lit, none well outside (the drag is in whole pixels: a pixel is about 0.03 here).
  std::set<std::string> brushed;
  for (const auto& code : b["stats"]["brushed"]) brushed.insert(code);
  EXPECT_EQ(b["highlight"]["kind"], "areas");
  EXPECT_EQ(b["highlight"]["count"].get<size_t>(), brushed.size());
  const double tol = 0.06;
  size_t inside = 0;
  for (const auto& [code, i] : row) {
    double z = cli.numeric("z").num[i], lz = cli.numeric("lag_z").num[i];
    bool in = z > x0 + tol && z < x1 - tol && lz > y0 + tol && lz < y1 - tol;
    bool out = z < x0 - tol || z > x1 + tol || lz < y0 - tol || lz > y1 + tol;
    if (in) {
      EXPECT_TRUE(brushed.count(code)) << code << " inside the brush is not lit";
    }
    if (out) {
      EXPECT_FALSE(brushed.count(code)) << code << " outside the brush is lit";
    }
    inside += in;
  }
  EXPECT_GT(inside, 5u);

  // Cancel: the run stopped, the previous result (and map) stays, nothing crashed.
  EXPECT_EQ(c["stats"]["busy"], false);
  EXPECT_NE(c["stats"]["message"].get<std::string>().find("cancelled"), std::string::npos)
      << c["stats"].dump();
  EXPECT_EQ(c["stats"]["runs"], 1);
  EXPECT_EQ(c["stats"]["permutations"], 999);
  EXPECT_EQ(c["derived"]["lisa_p"], a["derived"]["lisa_p"]);
  EXPECT_EQ(c["column"], "lisa_cluster");
}

// Opening other data while a computation runs cancels it: no result for the old data arrives, nothing
// computed survives the load, and the viewer carries on.
TEST(ViewerStats, ANewLoadCancelsTheRunningComputation) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  std::string log;
  std::string s = std::string(test::kWaitLoadedAndFit) + kOpenAndRun +
                  "stats permutations 20000\nstats weights knn:40\nclick-item stats.run\nframes 2\ndump " +
                  (dir / "running.json").string() + "\ndrop " + (test::demo_dir() / "wards.gpkg").string() +
                  "\nwait-loaded\nwait-stats\nframes 3\ndump " + (dir / "after.json").string() + "\n";
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args(), s, &log), 0) << log;
  nlohmann::json running = read_json(dir / "running.json"), after = read_json(dir / "after.json");
  EXPECT_EQ(running["stats"]["busy"], true);
  EXPECT_EQ(running["stats"]["runs"], 1);
  EXPECT_NE(after["sources"]["boundaries"].get<std::string>().find("wards.gpkg"), std::string::npos);
  EXPECT_EQ(after["stats"]["busy"], false);
  EXPECT_EQ(after["stats"]["runs"], 1);  // the run under way was dropped, not applied
  EXPECT_FALSE(after["stats"].contains("global_i"));
  EXPECT_TRUE(after["derived"].empty()) << after["derived"].dump().substr(0, 200);
  EXPECT_NE(after["column"], "lisa_cluster");
}

TEST(ViewerStats, BivariateAndGiStarWithOptionsEqualCli) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  std::string log;
  std::string s =
      std::string(test::kWaitLoadedAndFit) +
      "stats open on\nframes 2\nstats column IMD_score\nstats bivariate CNI_score\nstats statistic gi\n"
      "stats permutations 499\nstats seed 7\nstats alpha 0.01\nstats correction fdr\n"
      "stats weights rook\nframes 2\nclick-item stats.run\nwait-stats\nframes 3\ndump " +
      (dir / "a.json").string() + "\n";
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args(), s, &log), 0) << log;
  nlohmann::json a = read_json(dir / "a.json");
  ASSERT_EQ(a["stats"]["runs"], 1) << a["stats"].dump();
  nlohmann::json sum;
  Table cli = read_table(demo_lisa_cli(dir,
                                       "--bivariate CNI_score --gi --permutations 499 --seed 7 --alpha 0.01 "
                                       "--correction fdr --weights rook",
                                       &sum));
  expect_same_per_area(a, "lisa_i", cli, "local_i", 1e-12);
  expect_same_per_area(a, "lisa_p", cli, "p", 0);
  expect_same_per_area(a, "lisa_cluster", cli, "cluster", 0);
  expect_same_per_area(a, "gi_z", cli, "gi_z", 1e-12);
  expect_same_per_area(a, "gi_cluster", cli, "gi_cluster", 0);
  // Gi* is mapped: hot and cold spots with the CLI's counts.
  EXPECT_EQ(a["column"], "gi_cluster");
  auto legend = legend_counts(a);
  for (const char* c : {"Hot spot", "Cold spot", "Not significant"})
    EXPECT_EQ(legend[c], sum["gi"]["clusters"][c].get<long>()) << c;
}

// `nbhd flag --where CONDITION -o`: the flagged codes.
std::set<std::string> cli_flagged(const fs::path& dir, const std::string& inputs, const std::string& where) {
  auto out = dir / "flag.csv";
  std::string so, se;
  int rc = test::run_nbhd("flag " + inputs + " --where '" + where + "' --force -o " + quoted(out), &so, &se);
  EXPECT_EQ(rc, 0) << se;
  Table t = read_table(out.string());
  std::set<std::string> s;
  const Column& code = t.col(*t.find("code"));
  const Column& f = t.numeric("flagged");
  for (size_t i = 0; i < t.rows(); ++i)
    if (f.num[i] == 1) s.insert(code.text[i]);
  return s;
}

std::set<std::string> flagged(const nlohmann::json& dump) {
  std::set<std::string> s;
  for (const auto& c : dump["stats"]["left_behind"]["flagged"]) s.insert(c);
  return s;
}

TEST(ViewerStats, LeftBehindConditionAndChangeEqualFlagAndChangeOnTheDemo) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  auto d = test::demo_dir();
  // A second period: the demo's IMD ranks permuted (7 is prime to 300, so every rank 1..300 once) and
  // their deciles, as a table joined beside the first.
  {
    Table ind = read_table((d / "indicators.csv").string());
    std::ofstream f(dir / "period_b.csv");
    f << "lsoa21_code,rank_b,decile_b\n";
    const Column& code = ind.col(*ind.find("lsoa21_code"));
    const Column& rank = ind.numeric("IMD_rank");
    for (size_t i = 0; i < ind.rows(); ++i) {
      long rb = (long(rank.num[i]) * 7) % 300 + 1;
      f << code.text[i] << "," << rb << "," << (rb * 10 + 299) / 300 << "\n";
    }
  }
  const std::string where = "decile(CNI_rank, 300) <= 2 AND IMD_decile <= 3";
  std::string args = test::demo_view_args() + " --indicators " + quoted(dir / "period_b.csv");
  std::string s =
      std::string(test::kWaitLoadedAndFit) + "stats open on\nstats tab left-behind\nframes 2\n" +
      "stats condition " + where + "\nframes 2\ndump " + (dir / "lb.json").string() +
      "\nstats tab change\nframes 2\nstats rank-a IMD_rank\nstats decile-a IMD_decile\n"
      "stats rank-b rank_b\nstats decile-b decile_b\nframes 1\nclick-item stats.change.run\nframes 2\n"
      "dump " +
      (dir / "ch.json").string() + "\n";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir, args, s, &log), 0) << log;
  nlohmann::json lb = read_json(dir / "lb.json"), ch = read_json(dir / "ch.json");
  EXPECT_EQ(lb["stats"]["left_behind"]["condition_error"], "");
  auto expected =
      cli_flagged(dir, quoted(d / "lsoa.gpkg") + " --indicators " + quoted(d / "indicators.csv"), where);
  EXPECT_GT(expected.size(), 3u);
  EXPECT_EQ(flagged(lb), expected);
  EXPECT_EQ(lb["highlight"]["kind"], "areas");
  EXPECT_EQ(lb["highlight"]["count"].get<size_t>(), expected.size());

  // The change: per area and the transition matrix, against `nbhd change`.
  std::string so, se;
  auto out = dir / "change.csv";
  ASSERT_EQ(test::run_nbhd(
                "change --a " + quoted(d / "indicators.csv") + " --b " + quoted(dir / "period_b.csv") +
                    " --rank IMD_rank --decile IMD_decile --rank-b rank_b --decile-b decile_b --force -o " +
                    quoted(out),
                &so, &se),
            0)
      << se;
  ASSERT_EQ(ch["stats"]["left_behind"]["change_error"], "") << ch["stats"].dump();
  Table cli = read_table(out.string());
  auto row = rows_by_code(cli, cli.col(0).name);
  const AreaLayer& L = test::demo_layer();
  std::array<std::array<long, 10>, 10> m{};
  for (size_t i = 0; i < L.size(); ++i) {
    size_t r = row.at(L.codes[i]);
    EXPECT_EQ(num(ch["derived"]["change_rank"][i]), cli.numeric("rank_change").num[r]) << L.codes[i];
    EXPECT_EQ(num(ch["derived"]["change_decile"][i]), cli.numeric("decile_change").num[r]) << L.codes[i];
    m[size_t(cli.numeric("decile_a").num[r]) - 1][size_t(cli.numeric("decile_b").num[r]) - 1]++;
  }
  EXPECT_EQ(ch["stats"]["left_behind"]["compared"], L.size());
  for (size_t a = 0; a < 10; ++a)
    for (size_t b = 0; b < 10; ++b)
      EXPECT_EQ(ch["stats"]["left_behind"]["transition"][a][b].get<long>(), m[a][b]);
  // Mapped diverging around zero, as `nbhd render --centre 0`.
  EXPECT_EQ(ch["column"], "change_decile");
  EXPECT_EQ(ch["palette"], "RdBu");
}

// The left-behind condition on the real data at both levels, against `nbhd flag --where`.
TEST(ViewerStats, LeftBehindAtLsoaAndWardLevelEqualsFlagOnTheRealData) {
  NBHD_REQUIRE_XVFB();
  NBHD_REQUIRE_SHARED("england/lsoa21.gpkg");
  NBHD_REQUIRE_SHARED("england/cni2023_lsoa21.csv");
  NBHD_REQUIRE_SHARED("england/imd2025_lsoa21.csv");
  NBHD_REQUIRE_SHARED("england/wards17_approx.gpkg");
  NBHD_REQUIRE_SHARED("england/cni2019_ward17.csv");
  auto dir = test::scratch_dir();
  auto d = test::shared_data() / "england";
  struct Level {
    std::string inputs, where;
  };
  const Level levels[] = {
      {quoted(d / "lsoa21.gpkg") + " --indicators " + quoted(d / "cni2023_lsoa21.csv") + " --indicators " +
           quoted(d / "imd2025_lsoa21.csv"),
       "decile(\"Community Needs Index 2023 Rank\", 33755) = 1 AND IMD_decile = 1"},
      {quoted(d / "wards17_approx.gpkg") + " --indicators " + quoted(d / "cni2019_ward17.csv"),
       "decile(\"Community Needs Index rank\", 7433) = 1 AND \"Left Behind Area?\" = TRUE"},
  };
  for (const auto& lv : levels) {
    std::string s = std::string(test::kWaitLoadedAndFit) +
                    "stats open on\nstats tab left-behind\nframes 2\n" + "stats condition " + lv.where +
                    "\nframes 2\ndump " + (dir / "lb.json").string() + "\n";
    std::string log;
    ASSERT_EQ(test::run_view_script(dir, lv.inputs, s, &log), 0) << log;
    nlohmann::json lb = read_json(dir / "lb.json");
    EXPECT_EQ(lb["stats"]["left_behind"]["condition_error"], "") << lv.where;
    auto expected = cli_flagged(dir, lv.inputs, lv.where);
    EXPECT_GT(expected.size(), 100u) << lv.where;
    EXPECT_EQ(flagged(lb), expected) << lv.where;
    EXPECT_EQ(lb["highlight"]["count"].get<size_t>(), expected.size());
  }
}

// The change view on the real data: IMD 2019 brought to LSOA 2021 (`worst`) against IMD 2025, as in
// docs/left_behind.md, against `nbhd change` area for area, with the release headline (2,766 of 3,375).
TEST(ViewerStats, ChangeOnTheRealLsoasEqualsTheChangeCommand) {
  NBHD_REQUIRE_XVFB();
  NBHD_REQUIRE_SHARED("england/lsoa21.gpkg");
  NBHD_REQUIRE_SHARED("england/imd2019_lsoa11.csv");
  NBHD_REQUIRE_SHARED("england/lsoa11_lsoa21.csv");
  NBHD_REQUIRE_SHARED("england/imd2025_lsoa21.csv");
  auto dir = test::scratch_dir();
  auto d = test::shared_data() / "england";
  auto imd19 = dir / "imd19_lsoa21.csv";
  std::string so, se;
  ASSERT_EQ(
      test::run_nbhd("convert --table " + quoted(d / "imd2019_lsoa11.csv") + " --lookup " +
                         quoted(d / "lsoa11_lsoa21.csv") +
                         " --from lsoa11_code --to lsoa21_code --rule '*=worst' --force -o " + quoted(imd19),
                     &so, &se),
      0)
      << se;
  auto out = dir / "change.csv";
  ASSERT_EQ(test::run_nbhd("change --a " + quoted(imd19) + " --b " + quoted(d / "imd2025_lsoa21.csv") +
                               " --rank IMD_rank --decile IMD_decile --force -o " + quoted(out),
                           &so, &se),
            0)
      << se;
  // Both tables joined: IMD 2025's columns take the suffix _2.
  std::string args = quoted(d / "lsoa21.gpkg") + " --indicators " + quoted(imd19) + " --indicators " +
                     quoted(d / "imd2025_lsoa21.csv");
  std::string s =
      std::string(test::kWaitLoadedAndFit) +
      "stats open on\nstats tab change\nframes 2\nstats rank-a IMD_rank\nstats decile-a IMD_decile\n"
      "stats rank-b IMD_rank_2\nstats decile-b IMD_decile_2\nframes 1\nclick-item stats.change.run\n"
      "frames 2\ndump " +
      (dir / "ch.json").string() + "\n";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir, args, s, &log), 0) << log;
  nlohmann::json ch = read_json(dir / "ch.json");
  const auto& lb = ch["stats"]["left_behind"];
  ASSERT_EQ(lb["change_error"], "") << lb.dump().substr(0, 300);
  EXPECT_EQ(lb["headline"]["top_b"], 3375);
  EXPECT_EQ(lb["headline"]["top_b_was_top_a"], 2766);
  Table cli = read_table(out.string());
  EXPECT_EQ(lb["compared"].get<size_t>(), cli.rows());
  std::map<std::string, size_t> row = rows_by_code(cli, cli.col(0).name);
  AreaLayer L = load_areas((d / "lsoa21.gpkg").string());
  ASSERT_EQ(ch["derived"]["change_decile"].size(), L.size());
  std::array<std::array<long, 10>, 10> m{};
  size_t compared = 0;
  for (size_t i = 0; i < L.size(); ++i) {
    auto it = row.find(L.codes[i]);
    if (it == row.end()) {
      EXPECT_TRUE(ch["derived"]["change_decile"][i].is_null()) << L.codes[i];
      continue;
    }
    ++compared;
    EXPECT_EQ(num(ch["derived"]["change_rank"][i]), cli.numeric("rank_change").num[it->second]) << L.codes[i];
    EXPECT_EQ(num(ch["derived"]["change_decile"][i]), cli.numeric("decile_change").num[it->second])
        << L.codes[i];
    m[size_t(cli.numeric("decile_a").num[it->second]) - 1]
     [size_t(cli.numeric("decile_b").num[it->second]) - 1]++;
  }
  EXPECT_EQ(compared, cli.rows());
  for (size_t a = 0; a < 10; ++a)
    for (size_t b = 0; b < 10; ++b) EXPECT_EQ(lb["transition"][a][b].get<long>(), m[a][b]);
}

// A column computed in the viewer (the Gaps panel's missing count) is offered as the indicator, and its
// LISA equals `nbhd lisa` on the CSV of `nbhd assets --per-area` for the same groups and distance. A
// left-behind highlight set before the run is still on the map after it (finishing a run replaces only the
// scatter plot's own brush).
TEST(ViewerStats, LisaOfAGapColumnEqualsCliAndKeepsTheLeftBehindHighlight) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  auto d = test::demo_dir();
  const std::string groups = quoted(d / "asset_groups.csv");
  const std::string where = "decile(CNI_rank, 300) <= 2 AND IMD_decile <= 3";
  std::string s = std::string(test::kWaitLoadedAndFit) +
                  "wait-gaps\ngaps-within 600\nwait-gaps\nstats open on\nstats tab left-behind\nframes 2\n" +
                  "stats condition " + where + "\nframes 2\nstats tab lisa\nframes 2\n" +
                  "stats column missing_within_600m\nclick-item stats.run\nwait-stats\nframes 3\ndump " +
                  (dir / "g.json").string() + "\n";
  std::string log;
  ASSERT_EQ(test::run_view_script(dir,
                                  test::demo_view_args() + " --assets " + quoted(d / "assets.gpkg") +
                                      " --asset-groups " + groups,
                                  s, &log),
            0)
      << log;
  nlohmann::json g = read_json(dir / "g.json");
  ASSERT_EQ(g["stats"]["message"], "") << g["stats"].dump();
  ASSERT_EQ(g["stats"]["runs"], 1);
  EXPECT_EQ(g["stats"]["column"], "missing_within_600m");

  fs::path gaps = dir / "gaps600.csv", out = dir / "cli_gap_lisa.csv";
  std::string so, se;
  ASSERT_EQ(
      test::run_nbhd("assets " + quoted(d / "lsoa.gpkg") + " --indicators " + quoted(d / "indicators.csv") +
                         " --assets " + quoted(d / "assets.gpkg") + " --per-area --within 600 --groups " +
                         groups + " -o " + quoted(gaps) + " --force",
                     nullptr, &se),
      0)
      << se;
  ASSERT_EQ(test::run_nbhd("lisa " + quoted(d / "lsoa.gpkg") + " --indicators " + quoted(gaps) +
                               " --column missing_within_600m --json --force -o " + quoted(out),
                           &so, &se),
            0)
      << se;
  nlohmann::json cli_sum = nlohmann::json::parse(so);
  Table cli = read_table(out.string());
  expect_same_per_area(g, "lisa_i", cli, "local_i", 1e-12);
  expect_same_per_area(g, "lisa_p", cli, "p", 0);
  expect_same_per_area(g, "lisa_cluster", cli, "cluster", 0);
  EXPECT_NEAR(g["stats"]["global_i"].get<double>(), cli_sum["global"]["I"].get<double>(), 1e-12);

  // The left-behind highlight the planner set is still what the map lights, over the new cluster map.
  auto expected =
      cli_flagged(dir, quoted(d / "lsoa.gpkg") + " --indicators " + quoted(d / "indicators.csv"), where);
  EXPECT_GT(expected.size(), 3u);
  EXPECT_EQ(g["column"], "lisa_cluster");
  EXPECT_EQ(g["highlight"]["kind"], "areas");
  EXPECT_EQ(g["highlight"]["count"].get<size_t>(), expected.size());
  std::set<std::string> lit;
  for (const auto& c : g["highlight"]["areas"]) lit.insert(c.get<std::string>());
  EXPECT_EQ(lit, expected);
}

// The Statistics window is opaque over the map: below the Change tab's few controls, every pixel of the
// window is the side panels' background, whatever the cluster map beneath it shows (the theme's window
// background is translucent, which made text over a choropleth hard to read).
TEST(ViewerStats, TheWindowIsOpaqueOverTheMap) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  std::string log;
  ASSERT_EQ(
      test::run_view_script(dir, test::demo_view_args(),
                            test::kWaitLoadedAndFit + kOpenAndRun + "stats tab change\nframes 3\ndump " +
                                (dir / "o.json").string() + "\nscreenshot " + (dir / "o.png").string() + "\n",
                            &log),
      0)
      << log;
  nlohmann::json o = read_json(dir / "o.json");
  ASSERT_EQ(o["column"], "lisa_cluster");
  test::Pixels px = test::read_png(dir / "o.png");
  const auto& w = o["stats"]["window"];
  const int x0 = int(w[0].get<double>()) + 12, x1 = int(w[2].get<double>()) - 24;
  const int y1 = int(w[3].get<double>()) - 12, y0 = (int(w[1].get<double>()) + y1) / 2;
  ASSERT_GT(x1 - x0, 200);
  ASSERT_GT(y1 - y0, 150);
  ASSERT_LE(y1, px.h);
  // The left panel's own background, below its legend and histogram.
  const Rgba panel = px.at(12, y1 - 4);
  size_t other = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) other += !(px.at(x, y) == panel);
  EXPECT_EQ(other, 0u) << "window pixels not the panel colour (the map shows through)";
}

}  // namespace
}  // namespace nbhd
