// nbhd classify / aggregate / flag end to end: the binary on the demo data and on ../shared/data, with
// every error path's exact message.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "geo/tables/table_io.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

using test::demo_dir;
using test::run_nbhd;
using test::scratch_dir;
using test::shared_data;

std::string q(const std::filesystem::path& p) {
  return "'" + p.string() + "'";
}

std::string demo_inputs() {
  return q(demo_dir() / "lsoa.gpkg") + " --indicators " + q(demo_dir() / "indicators.csv");
}

// Runs nbhd expecting failure; returns the last line of stderr.
std::string failure(const std::string& args) {
  std::string out, err;
  int rc = run_nbhd(args, &out, &err);
  EXPECT_EQ(rc, 2) << args << "\n" << err;
  while (!err.empty() && err.back() == '\n') err.pop_back();
  auto nl = err.rfind('\n');
  return nl == std::string::npos ? err : err.substr(nl + 1);
}

TEST(ClassifyCli, JenksJsonOnDemoAgreesWithItsOwnCsv) {
  auto dir = scratch_dir();
  std::string out, err;
  ASSERT_EQ(run_nbhd("classify " + demo_inputs() +
                         " --column IMD_score --method jenks --classes 6 --json -o " + q(dir / "classes.csv"),
                     &out, &err),
            0)
      << err;
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["classes"], 6);
  EXPECT_EQ(j["breaks"].size(), 7u);
  auto counts = j["counts"].get<std::vector<size_t>>();
  Table t = read_table((dir / "classes.csv").string());
  ASSERT_EQ(t.rows(), 300u);
  // Independent: count the classes written per area, and check every value against the printed breaks.
  std::vector<size_t> seen(6, 0);
  auto breaks = j["breaks"].get<std::vector<double>>();
  for (size_t r = 0; r < t.rows(); ++r) {
    int k = static_cast<int>(t.column("class").num[r]) - 1;
    double v = t.column("IMD_score").num[r];
    ++seen[k];
    if (k > 0) {
      EXPECT_GT(v, breaks[k]);
    }
    EXPECT_LE(v, breaks[k + 1]);
  }
  EXPECT_EQ(seen, counts);
  EXPECT_EQ(j["nodata"], 0);
}

TEST(ClassifyCli, ImdDecilesOnLsoa21AreOneDecilePerClassWithWalesAsNoData) {
  NBHD_REQUIRE_SHARED("england/lsoa21.gpkg");
  NBHD_REQUIRE_SHARED("england/imd2025_lsoa21.csv");
  auto d = shared_data() / "england";
  std::string out, err;
  ASSERT_EQ(run_nbhd("classify " + q(d / "lsoa21.gpkg") + " --indicators " + q(d / "imd2025_lsoa21.csv") +
                         " --column IMD_decile --classes 10 --json",
                     &out, &err),
            0)
      << err;
  auto j = nlohmann::json::parse(out);
  // Independent: the published deciles counted from the CSV.
  Table imd = read_table((d / "imd2025_lsoa21.csv").string());
  std::vector<size_t> per(10, 0);
  for (double v : imd.numeric("IMD_decile").num) ++per[static_cast<size_t>(v) - 1];
  EXPECT_EQ(j["counts"].get<std::vector<size_t>>(), per);
  for (size_t n : per) EXPECT_TRUE(n == 3375 || n == 3376);
  EXPECT_EQ(j["nodata"], 1917);  // the Welsh LSOAs have no English IMD
  EXPECT_EQ(j["areas"], 35672);
  EXPECT_EQ(j["note"], "");
}

TEST(ClassifyCli, ErrorPathsHaveExactMessages) {
  const std::string in = "classify " + demo_inputs();
  EXPECT_EQ(failure(in + " --column IMD_Score"), "nbhd classify: unknown column 'IMD_Score' in " +
                                                     (demo_dir() / "lsoa.gpkg").string() +
                                                     "; did you mean 'IMD_score'?");
  EXPECT_EQ(failure(in + " --column lsoa21_name"),
            "nbhd classify: column 'lsoa21_name' in " + (demo_dir() / "lsoa.gpkg").string() +
                " is not numeric (it holds text such as 'Eastbrook 001A'); choose a numeric column");
  EXPECT_EQ(failure(in + " --column IMD_score --classes 1"),
            "nbhd classify: cannot make 1 classes of column 'IMD_score': the number of classes must be "
            "between 2 and 12");
  EXPECT_EQ(failure(in + " --column IMD_score --classes 13"),
            "nbhd classify: cannot make 13 classes of column 'IMD_score': the number of classes must be "
            "between 2 and "
            "12");
  EXPECT_EQ(failure(in + " --column IMD_score --within ltla24_name=Nowhere"),
            "nbhd classify: no area has ltla24_name = 'Nowhere' in " + (demo_dir() / "lsoa.gpkg").string() +
                "; values include: Eastbrook");
  EXPECT_EQ(failure(in + " --column IMD_rank --method categorical"),
            "nbhd classify: column 'IMD_rank' has 300 distinct values; categorical classification takes at "
            "most 12: "
            "choose another method (e.g. quantile)");
  EXPECT_EQ(
      failure(in + " --column IMD_score --method kmeans"),
      "nbhd classify: unknown classification method 'kmeans'; methods are: quantile, equal, stddev, pretty, "
      "headtail, manual, categorical, jenks");
  EXPECT_EQ(
      failure(in + " --column IMD_score --method manual"),
      "nbhd classify: --method manual needs --breaks, e.g. --breaks 10,20,40 (see nbhd classify --help)");
  EXPECT_EQ(failure(in + " --method jenks"),
            "nbhd classify: missing option --column (see nbhd classify --help)");
}

TEST(ClassifyCli, WithinSelectsLocalAreasAndHelpListsMethods) {
  std::string out, err;
  ASSERT_EQ(run_nbhd("classify " + demo_inputs() + " --column IMD_decile --method categorical --within " +
                         "ward24_code=E05900001 --json",
                     &out, &err),
            0)
      << err;
  auto j = nlohmann::json::parse(out);
  Table lk = read_table((demo_dir() / "lsoa_ward_lookup.csv").string());
  size_t in_ward = 0;
  for (const auto& w : lk.column("ward24_code").text) in_ward += w == "E05900001";
  EXPECT_EQ(j["areas"], in_ward);
  size_t total = 0;
  for (size_t n : j["counts"].get<std::vector<size_t>>()) total += n;
  EXPECT_EQ(total, in_ward);
  ASSERT_EQ(run_nbhd("classify --help", &out, &err), 0);
  for (const char* m :
       {"quantile", "equal", "stddev", "pretty", "headtail", "manual", "categorical", "jenks"})
    EXPECT_NE(out.find(std::string("  ") + m), std::string::npos) << m;
}

TEST(AggregateCli, LookupAndSpatialFormsAgreeOnTheDemoAndMatchADirectMean) {
  auto dir = scratch_dir();
  std::string err;
  ASSERT_EQ(
      run_nbhd("aggregate --table " + q(demo_dir() / "indicators.csv") + " --lookup " +
                   q(demo_dir() / "lsoa_ward_lookup.csv") +
                   " --child-key lsoa21_code --parent-key ward24_code --column IMD_score --stat mean --stat "
                   "share:1:2 -o " +
                   q(dir / "lookup.csv"),
               nullptr, &err),
      0)
      << err;
  // Spatial form with IMD_decile share: the demo's wards are unions of its LSOAs, so both forms agree.
  ASSERT_EQ(run_nbhd("aggregate " + demo_inputs() + " --parents " + q(demo_dir() / "wards.gpkg") +
                         " --column IMD_score --stat mean -o " + q(dir / "spatial.csv"),
                     nullptr, &err),
            0)
      << err;
  Table a = read_table((dir / "lookup.csv").string());
  Table s = read_table((dir / "spatial.csv").string());
  ASSERT_EQ(a.rows(), 25u);
  ASSERT_EQ(s.rows(), 25u);
  std::map<std::string, double> spatial_mean;
  for (size_t r = 0; r < s.rows(); ++r)
    spatial_mean[s.column("ward24_code").text[r]] = s.column("IMD_score_mean").num[r];
  // Direct mean from the two CSVs.
  Table ind = read_table((demo_dir() / "indicators.csv").string());
  Table lk = read_table((demo_dir() / "lsoa_ward_lookup.csv").string());
  std::map<std::string, std::string> ward;
  for (size_t r = 0; r < lk.rows(); ++r)
    ward[lk.column("lsoa21_code").text[r]] = lk.column("ward24_code").text[r];
  std::map<std::string, std::pair<double, int>> acc;
  for (size_t r = 0; r < ind.rows(); ++r) {
    auto& [sum, n] = acc[ward.at(ind.column("lsoa21_code").text[r])];
    sum += ind.column("IMD_score").num[r];
    ++n;
  }
  double total_children = 0;
  for (size_t r = 0; r < a.rows(); ++r) {
    const std::string& w = a.column("ward24_code").text[r];
    auto [sum, n] = acc.at(w);
    EXPECT_NEAR(a.column("IMD_score_mean").num[r], sum / n, 1e-9) << w;
    EXPECT_NEAR(spatial_mean.at(w), sum / n, 1e-9) << w;
    EXPECT_EQ(a.column("n_children").num[r], n);
    total_children += a.column("n_children").num[r];
  }
  EXPECT_EQ(total_children, 300);
  EXPECT_TRUE(a.find("IMD_score_pct_1_2"));
}

TEST(AggregateCli, ErrorPathsHaveExactMessages) {
  auto dir = scratch_dir();
  const std::string base = "aggregate --table " + q(demo_dir() / "indicators.csv") + " --lookup " +
                           q(demo_dir() / "lsoa_ward_lookup.csv") +
                           " --child-key lsoa21_code --parent-key ward24_code";
  const std::string o = " -o " + q(dir / "x.csv");
  EXPECT_EQ(failure(base + " --column IMD_score --stat average" + o),
            "nbhd aggregate: unknown statistic 'average'; statistics are: count, sum, mean, wmean, min, max, "
            "median, "
            "share:V, share:LO:HI");
  EXPECT_EQ(failure(base + " --column imd_score --stat mean" + o),
            "nbhd aggregate: unknown column 'imd_score' in " + (demo_dir() / "indicators.csv").string() +
                "; did you mean 'IMD_score'?");
  EXPECT_EQ(failure(base + " --column lsoa21_name --stat mean" + o),
            "nbhd aggregate: column 'lsoa21_name' in " + (demo_dir() / "indicators.csv").string() +
                " is not numeric (it holds text such as 'Eastbrook 001A'); choose a numeric column");
  EXPECT_EQ(failure(base + " --column IMD_score" + o),
            "nbhd aggregate: give at least one --stat, e.g. --stat mean (see nbhd aggregate --help)");
  EXPECT_EQ(failure("aggregate --column IMD_score --stat mean" + o),
            "nbhd aggregate: give --table and --lookup (lookup form) or CHILD_BOUNDARIES and --parents "
            "(spatial form) "
            "(see nbhd aggregate --help)");
  EXPECT_FALSE(std::filesystem::exists(dir / "x.csv"));
}

TEST(FlagCli, DemoFlagsMatchTheWrittenTableAndErrors) {
  auto dir = scratch_dir();
  std::string out, err;
  ASSERT_EQ(run_nbhd("flag " + demo_inputs() +
                         " --a IMD_score:worse=high --b CNI_rank:worse=low --worst 20% --json -o " +
                         q(dir / "flag.csv"),
                     &out, &err),
            0)
      << err;
  auto j = nlohmann::json::parse(out);
  Table t = read_table((dir / "flag.csv").string());
  ASSERT_EQ(t.rows(), 300u);
  EXPECT_EQ(j["cutoff_rank"], 60);
  // Independent: from the indicator values, count areas with fewer than 60 areas worse on each.
  Table ind = read_table((demo_dir() / "indicators.csv").string());
  const auto& s = ind.numeric("IMD_score").num;
  const auto& r = ind.numeric("CNI_rank").num;
  size_t expected = 0;
  for (size_t i = 0; i < ind.rows(); ++i) {
    size_t worse_s = 0, worse_r = 0;
    for (size_t k = 0; k < ind.rows(); ++k) {
      worse_s += s[k] > s[i];
      worse_r += r[k] < r[i];
    }
    expected += worse_s < 60 && worse_r < 60;
  }
  EXPECT_EQ(j["flagged_count"], expected);
  EXPECT_EQ(j["flagged"].size(), expected);
  size_t flagged_rows = 0;
  for (double f : t.column("flagged").num) flagged_rows += f == 1;
  EXPECT_EQ(flagged_rows, expected);
  EXPECT_EQ(failure("flag " + demo_inputs() + " --a IMD_score --b CNI_rank:worse=low"),
            "nbhd flag: --a 'IMD_score': say which end is worse, e.g. --a IMD_score:worse=low (see nbhd flag "
            "--help)");
  EXPECT_EQ(failure("flag " + demo_inputs() + " --a IMD_score:worse=high --b CNI_rank:worse=low --worst 0%"),
            "nbhd flag: --worst takes a percentage above 0 and at most 100, e.g. 10%; got '0%' (see nbhd "
            "flag --help)");
  EXPECT_EQ(failure("flag " + demo_inputs() + " --a IMD_score:worse=high --b lsoa21_name:worse=low"),
            "nbhd flag: column 'lsoa21_name' in " + (demo_dir() / "lsoa.gpkg").string() +
                " is not numeric (it holds text such as 'Eastbrook 001A'); choose a numeric column");
  EXPECT_EQ(failure("flag " + demo_inputs() +
                    " --a IMD_score:worse=high --b CNI_rank:worse=low --within ltla24_code=E99999999"),
            "nbhd flag: no area has ltla24_code = 'E99999999' in " + (demo_dir() / "lsoa.gpkg").string() +
                "; values include: E08900001");
}

TEST(RankCli, LocalDecilesWithinWardsMatchADirectCount) {
  auto dir = scratch_dir();
  std::string err;
  ASSERT_EQ(run_nbhd("rank " + demo_inputs() + " --column IMD_score --worse high --by ward24_code -o " +
                         q(dir / "rank.csv"),
                     nullptr, &err),
            0)
      << err;
  Table t = read_table((dir / "rank.csv").string());
  Table ind = read_table((demo_dir() / "indicators.csv").string());
  Table lk = read_table((demo_dir() / "lsoa_ward_lookup.csv").string());
  std::map<std::string, std::string> ward;
  std::map<std::string, double> score;
  for (size_t r = 0; r < lk.rows(); ++r)
    ward[lk.column("lsoa21_code").text[r]] = lk.column("ward24_code").text[r];
  for (size_t r = 0; r < ind.rows(); ++r)
    score[ind.column("lsoa21_code").text[r]] = ind.column("IMD_score").num[r];
  ASSERT_EQ(t.rows(), 300u);
  for (size_t r = 0; r < t.rows(); ++r) {
    const std::string& c = t.column("code").text[r];
    size_t worse = 0, members = 0;
    for (const auto& [other, w] : ward) {
      if (w != ward.at(c)) continue;
      ++members;
      worse += score.at(other) > score.at(c);
    }
    EXPECT_EQ(t.column("rank").num[r], worse + 1) << c;
    EXPECT_EQ(t.column("ranked").num[r], members) << c;
    EXPECT_EQ(t.column("decile").num[r], std::ceil(10.0 * (worse + 1) / members)) << c;
  }
  EXPECT_EQ(failure("rank " + demo_inputs() + " --column IMD_score --worse up -o -"),
            "nbhd rank: unknown direction 'up': say worse=high (a high value is worse) or worse=low");
  EXPECT_EQ(
      failure("rank " + demo_inputs() + " --column IMD_score --worse high --within ward24_code=nowhere -o -"),
      "nbhd rank: no area has ward24_code = 'nowhere' in " + (demo_dir() / "lsoa.gpkg").string() +
          "; values include: E05900001, E05900002, E05900003, E05900004, E05900005");
}

TEST(FlagCli, Cni2019TableListsWardsInTheWorstTenthOfBoth) {
  NBHD_REQUIRE_SHARED("england/cni2019_ward17.csv");
  auto f = shared_data() / "england/cni2019_ward17.csv";
  std::string out, err;
  ASSERT_EQ(run_nbhd("flag --table " + q(f) +
                         " --a 'Civic Assets rank:worse=low' --b 'Engaged community rank:worse=low' --json",
                     &out, &err),
            0)
      << err;
  auto j = nlohmann::json::parse(out);
  Table t = read_table(f.string());
  size_t expected = 0;
  const auto& a = t.numeric("Civic Assets rank").num;
  const auto& b = t.numeric("Engaged community rank").num;
  for (size_t i = 0; i < t.rows(); ++i) expected += a[i] <= 743 && b[i] <= 743;
  EXPECT_EQ(j["considered"], 7433);
  EXPECT_EQ(j["flagged_count"], expected);
  ASSERT_FALSE(j["flagged"].empty());
  EXPECT_FALSE(j["flagged"][0]["name"].get<std::string>().empty());
  EXPECT_LE(j["flagged"][0]["a_rank"].get<double>(), 743);
}

}  // namespace
}  // namespace nbhd
