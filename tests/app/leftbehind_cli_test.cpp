// The left-behind engine end to end on ../shared/data: the 2023 LSOA list equal to the published column,
// the 2019 ward list reproduction's agreement, the IMD 2025 re-run, the change headline and the IoD 2025
// local-authority headlines, each through the commands docs/left_behind.md gives; then bad input: exact
// one-line messages, exit 2, no output.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "geo/tables/table_io.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

using test::run_nbhd;
using test::scratch_dir;
using test::shared_data;

std::string q(const std::filesystem::path& p) {
  return "'" + p.string() + "'";
}

const char* kCni23 = "\"Community Needs Index 2023 Rank\"";

struct LeftBehind : ::testing::Test {
  std::filesystem::path dir, d;
  void SetUp() override {
    NBHD_REQUIRE_SHARED("england/cni2023_lsoa21.csv");
    NBHD_REQUIRE_SHARED("england/cni2019_ward17.csv");
    NBHD_REQUIRE_SHARED("england/imd2025_lsoa21.csv");
    dir = scratch_dir();
    d = shared_data() / "england";
  }
  std::string run(const std::string& args) {
    std::string out, err;
    int rc = run_nbhd(args, &out, &err);
    EXPECT_EQ(rc, 0) << args << "\n" << err;
    return out;
  }
  // IMD 2019 brought to LSOA 2021, every column by `rule`.
  std::filesystem::path imd19_lsoa21(const std::string& rule) {
    auto p = dir / ("imd19_lsoa21_" + rule + ".csv");
    run("convert --table " + q(d / "imd2019_lsoa11.csv") + " --lookup " + q(d / "lsoa11_lsoa21.csv") +
        " --from lsoa11_code --to lsoa21_code --rule '*=" + rule + "' -o " + q(p));
    return p;
  }
};

TEST_F(LeftBehind, The2023ListEqualsThePublishedColumnAreaForArea) {
  for (std::string rule : {"worst", "best", "mean"}) {
    auto list = dir / ("lb2023_" + rule + ".csv");
    std::string out = run("flag --table " + q(d / "cni2023_lsoa21.csv") + " --table " +
                          q(imd19_lsoa21(rule)) + " --where '" + std::string("decile(") + kCni23 +
                          ", 33755) = 1 AND IMD_decile = 1' -o " + q(list));
    EXPECT_NE(out.find("1305 of 33755 areas"), std::string::npos) << out;
    Table ours = read_table(list.string());
    Table pub = read_table((d / "cni2023_lsoa21.csv").string());
    ASSERT_EQ(ours.rows(), pub.rows());
    std::map<std::string, double> published;
    for (size_t r = 0; r < pub.rows(); ++r)
      published[pub.column("lsoa21_code").text[r]] = pub.column("Left Behind Area?").num[r];
    size_t agree = 0, flagged = 0;
    for (size_t r = 0; r < ours.rows(); ++r) {
      double f = ours.column("flagged").num[r];
      agree += published.at(ours.column("code").text[r]) == f;
      flagged += f == 1;
    }
    // Every area agrees, with each rule: no split or merged LSOA in the list has parts that disagree.
    EXPECT_EQ(agree, 33755u) << rule;
    EXPECT_EQ(flagged, 1305u) << rule;
  }
}

TEST_F(LeftBehind, The2019WardListReproducedFromMeanLsoaRanks) {
  auto wards_imd = dir / "imd19_ward17.csv";
  run("convert --table " + q(d / "imd2019_lsoa11.csv") + " --lookup " + q(d / "lsoa11_ward17.csv") +
      " --from lsoa11_code --to ward17_code --rule '*=drop' --rule IMD_rank=mean -o " + q(wards_imd));
  auto list = dir / "wards.csv";
  std::string out =
      run("flag --table " + q(d / "cni2019_ward17.csv") + " --table " + q(wards_imd) +
          " --where 'decile(\"Community Needs Index rank\", 7433) = 1 AND decile(IMD_rank, worse=low) = "
          "1' --compare '\"Left Behind Area?\" = TRUE' -o " +
          q(list));
  EXPECT_NE(out.find("209 of 7433 areas"), std::string::npos) << out;
  EXPECT_NE(out.find("decile(IMD_rank, worse=low) = 1: 742 areas, 12 lack a value"), std::string::npos)
      << out;
  EXPECT_NE(out.find("9 areas entered"), std::string::npos) << out;
  EXPECT_NE(out.find("25 areas left"), std::string::npos) << out;
  // The same figures from the written table: 200 of the 225 published wards reproduced.
  Table t = read_table(list.string());
  size_t both = 0, ours = 0, pub = 0;
  for (size_t r = 0; r < t.rows(); ++r) {
    bool a = t.column("flagged").num[r] == 1, b = t.column("flagged_compare").num[r] == 1;
    both += a && b;
    ours += a;
    pub += b;
  }
  EXPECT_EQ(pub, 225u);
  EXPECT_EQ(ours, 209u);
  EXPECT_EQ(both, 200u);

  // The same method on IMD 2025: back to LSOA 2011, then to wards, against the 2019 reproduction.
  auto l11 = dir / "imd25_lsoa11.csv", w25 = dir / "imd25_ward17.csv";
  run("convert --table " + q(d / "imd2025_lsoa21.csv") + " --lookup " + q(d / "lsoa11_lsoa21.csv") +
      " --from lsoa21_code --to lsoa11_code --rule '*=drop' --rule IMD_rank=mean -o " + q(l11));
  run("convert --table " + q(l11) + " --lookup " + q(d / "lsoa11_ward17.csv") +
      " --from lsoa11_code --to ward17_code --rule '*=drop' --rule IMD_rank=mean -o " + q(w25));
  out = run(
      "flag --table " + q(d / "cni2019_ward17.csv") + " --table " + q(wards_imd) + " --table " + q(w25) +
      " --where 'decile(\"Community Needs Index rank\", 7433) = 1 AND decile(IMD_rank_2, worse=low) = 1'"
      " --compare 'decile(\"Community Needs Index rank\", 7433) = 1 AND decile(IMD_rank, worse=low) = 1'");
  EXPECT_NE(out.find("200 of 7433 areas"), std::string::npos) << out;
  EXPECT_NE(out.find("12 areas entered"), std::string::npos) << out;
  EXPECT_NE(out.find("21 areas left"), std::string::npos) << out;
}

TEST_F(LeftBehind, ReRunOnImd2025EntersAndLeavesWithMargins) {
  auto list = dir / "rerun.csv";
  std::string cni = std::string("decile(") + kCni23 + ", 33755) = 1";
  std::string out = run("flag --table " + q(d / "cni2023_lsoa21.csv") + " --table " +
                        q(imd19_lsoa21("worst")) + " --table " + q(d / "imd2025_lsoa21.csv") + " --where '" +
                        cni + " AND decile(IMD_rank_2, 33755) = 1' --compare '" + cni +
                        " AND decile(IMD_rank, 32844) = 1' -o " + q(list));
  EXPECT_NE(out.find("1262 of 33755 areas"), std::string::npos) << out;
  EXPECT_NE(out.find("106 areas entered"), std::string::npos) << out;
  EXPECT_NE(out.find("149 areas left"), std::string::npos) << out;
  // Independently from the written ranks: decile 1 is rank <= 3375 of 33,755 (CNI, IMD 2025) and rank
  // <= 3284 of 32,844 (IMD 2019); margins are rank minus those.
  Table t = read_table(list.string());
  size_t entered = 0, left = 0;
  for (size_t r = 0; r < t.rows(); ++r) {
    double cr = t.column(std::string("decile(Community Needs Index 2023 Rank) rank")).num[r];
    double r25 = t.column("decile(IMD_rank_2) rank").num[r], r19 = t.column("decile(IMD_rank) rank").num[r];
    bool now = cr <= 3375 && r25 <= 3375, then = cr <= 3375 && r19 <= 3284;
    ASSERT_EQ(t.column("flagged").num[r] == 1, now);
    ASSERT_EQ(t.column("flagged_compare").num[r] == 1, then);
    ASSERT_EQ(t.column("decile(IMD_rank_2) margin").num[r], r25 - 3375);
    ASSERT_EQ(t.column("decile(IMD_rank) margin").num[r], r19 - 3284);
    entered += now && !then;
    left += then && !now;
  }
  EXPECT_EQ(entered, 106u);
  EXPECT_EQ(left, 149u);
}

TEST_F(LeftBehind, Iod2025ReleaseHeadlinesAsComputed) {
  auto change = dir / "change.csv", by = dir / "change_la.csv", matrix = dir / "matrix.csv";
  std::string out = run("change --a " + q(imd19_lsoa21("worst")) + " --b " + q(d / "imd2025_lsoa21.csv") +
                        " --rank IMD_rank --decile IMD_decile --by ltla24_code --groups " +
                        q(d / "lsoa21_ward24_ltla24.csv") + " --by-output " + q(by) + " --matrix " +
                        q(matrix) + " -o " + q(change));
  EXPECT_NE(out.find("compared 33755 areas"), std::string::npos) << out;
  EXPECT_NE(out.find("most deprived decile in B: 3375 areas, of which 2766 (82.0%) were in the most deprived "
                     "decile in A; 3346 areas were in it in A"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("609 areas entered the most deprived decile, 580 left it"), std::string::npos) << out;
  Table m = read_table(matrix.string());
  double total = 0;
  for (size_t r = 0; r < m.rows(); ++r)
    for (int j = 1; j <= 10; ++j) total += m.column("b" + std::to_string(j)).num[r];
  EXPECT_EQ(total, 33755);
  EXPECT_EQ(read_table(change.string()).rows(), 33755u);

  auto la = dir / "la.csv";
  out = run("summarise --table " + q(d / "imd2025_lsoa21.csv") +
            " --rank IMD_rank --score IMD_score --by ltla24_code --groups " +
            q(d / "lsoa21_ward24_ltla24.csv") + " -o " + q(la));
  EXPECT_NE(out.find("192 of 296 areas (64.9%) have at least one LSOA in the most deprived decile"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("most deprived by proportion of LSOAs in the most deprived 10%:\n"
                     "  1\tE06000002 Middlesbrough\t0.5\n"
                     "  2\tE08000025 Birmingham\t0.4279210925644917\n"
                     "  3\tE06000001 Hartlepool\t0.42105263157894735\n"
                     "  4\tE06000010 Kingston upon Hull, City of\t0.4166666666666667\n"
                     "  5\tE08000003 Manchester\t0.4067796610169492\n"),
            std::string::npos)
      << out;
  EXPECT_EQ(read_table(la.string()).rows(), 296u);
  out = run("flag --table " + q(d / "imd2025_lsoa21.csv") + " --where 'IMD_rank = 1'");
  EXPECT_NE(out.find("E01021988\tTendring 018A"), std::string::npos) << out;
}

TEST(LeftBehindHelp, EachCommandHasHelp) {
  for (const char* c : {"convert", "change", "summarise"}) {
    std::string out;
    EXPECT_EQ(run_nbhd(std::string(c) + " --help", &out), 0);
    EXPECT_EQ(out.rfind(std::string("usage: nbhd ") + c, 0), 0u) << out;
  }
}

// ---- bad input: one line, exit 2, nothing written ----

struct LeftBehindBadInput : ::testing::Test {
  std::filesystem::path dir = scratch_dir();
  std::filesystem::path write(const std::string& name, const std::string& text) {
    auto p = dir / name;
    std::ofstream(p) << text;
    return p;
  }
  void expect_error(const std::string& args, const std::string& line) {
    auto out = dir / "out.csv";
    std::string o, err;
    EXPECT_EQ(run_nbhd(args + " -o " + q(out), &o, &err), 2) << args;
    EXPECT_EQ(err, line + "\n") << args;
    EXPECT_FALSE(std::filesystem::exists(out)) << args;
  }
};

TEST_F(LeftBehindBadInput, ConvertLookupsAndRules) {
  auto t = write("t.csv", "code,rank,pop\na,1,10\nb,2,0\nc,3,\n");
  auto lk = write("lk.csv", "from,to\na,A\nb,A\nc,C1\nc,C2\n");
  auto blank = write("blank.csv", "from,to\na,A\n,B\n");
  std::string base = "convert --table " + q(t) + ":code --from from --to to --lookup ";
  expect_error(
      base + q(lk),
      "nbhd convert: column 'rank' of " + t.string() + " has no rule and " + lk.string() +
          " is not one-to-one (2 split, 1 merged, 0 redrawn targets): give it a rule, as 'rank=RULE' (worst, "
          "best, min, max, mean, wmean:W, sum, sum:W, copy, any, all, drop) (--rule)");
  expect_error(base + q(lk) + " --rule '*=copy'",
               "nbhd convert: column 'rank': copy needs one source per target, but 'A' has 2 in " +
                   lk.string() +
                   "; give a rule that combines values (worst, best, mean, wmean:W, sum, any, all)");
  expect_error(
      base + q(lk) + " --rule 'pop=drop' --rule 'rank=wmean:pop'",
      "nbhd convert: weight column 'pop' of " + t.string() +
          " is blank, zero or negative for 2 areas (b, c); a weighted mean needs a positive weight for every "
          "area");
  expect_error(base + q(blank) + " --rule '*=worst'",
               "nbhd convert: lookup " + blank.string() +
                   " line 3 has a blank 'from'; every row must give both codes");
  expect_error(
      base + q(lk) + " --rule 'rank=median'",
      "nbhd convert: unknown conversion rule 'median'; rules are: worst, best, min, max, mean, wmean:W, sum, "
      "sum:W, copy, any, all, drop");
}

TEST_F(LeftBehindBadInput, ChangeAndSummarise) {
  auto a = write("a.csv", "code,rank,decile\nE01000001,1,1\n");
  auto b = write("b.csv", "code,rank,decile\nE01999999,1,1\n");
  expect_error("change --a " + q(a) + " --b " + q(b) + " --rank rank --decile decile",
               "nbhd change: " + a.string() + " and " + b.string() +
                   " have no area code in common (E01000001... against E01999999...); bring both to the same "
                   "geography first (nbhd convert)");
  auto lsoas = write("l.csv", "code,rank,la,w\nx,1,L,1\ny,2,L,0\nz,3,M,\n");
  expect_error(
      "summarise --table " + q(lsoas) + " --rank rank --by la --weight w",
      "nbhd summarise: the weight is blank, zero or negative for 2 LSOAs (y, z); every LSOA needs a positive "
      "weight");
  expect_error("summarise --table " + q(lsoas) + " --rank rank --by la --national-n 2",
               "nbhd summarise: rank 3 of 'z' is outside 1..2; is the column a national rank?");
  expect_error(
      "summarise --table " + q(lsoas) + " --rank rank --by la --national-n 0",
      "nbhd summarise: --national-n must be a whole number of LSOAs, 1 or more; got 0 (see nbhd summarise "
      "--help)");
}

TEST_F(LeftBehindBadInput, ThresholdsOutOfRange) {
  auto t = write("t.csv", "code,rank\na,1\n");
  expect_error(
      "flag --table " + q(t) + " --where 'decile(rank, 10) = 11'",
      "nbhd flag: condition 'decile(rank, 10) = 11' at character 20: a decile is a whole number from 1 to 10 "
      "(got 11)");
  expect_error(
      "flag --table " + q(t) + " --where 'decile(rank, 0) = 1'",
      "nbhd flag: condition 'decile(rank, 0) = 1' at character 14: decile(rank, N): N must be a whole number "
      "of areas, 1 or more (got '0')");
  expect_error(
      "flag --table " + q(t) + " --where 'rank = 1' --a rank:worse=low",
      "nbhd flag: --where flags by published classifications; it takes no --a, --b, --worst, --within or "
      "--json (see nbhd flag --help)");
}

}  // namespace
}  // namespace nbhd
