// nbhd weights / nbhd lisa end to end on the demo borough: GAL files that round-trip, a LISA CSV that joins
// and maps with --palette lisa, seeded reproducibility, and every bad input of issue 14 as one exact line
// with exit 2 and no output file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "geo/tables/table_io.hpp"
#include "support/test_data.hpp"

namespace fs = std::filesystem;

namespace nbhd {
namespace {

using test::demo_dir;
using test::read_file;
using test::run_nbhd;
using test::scratch_dir;

std::string q(const fs::path& p) {
  return "'" + p.string() + "'";
}

std::string demo() {
  return q(demo_dir() / "lsoa.gpkg") + " --indicators " + q(demo_dir() / "indicators.csv");
}

void write(const fs::path& p, const std::string& s) {
  std::ofstream(p, std::ios::binary) << s;
}

// Runs nbhd expecting exit 2; returns stderr's last line.
std::string failure(const std::string& args) {
  std::string out, err;
  EXPECT_EQ(run_nbhd(args, &out, &err), 2) << args << "\n" << err;
  while (!err.empty() && err.back() == '\n') err.pop_back();
  auto nl = err.rfind('\n');
  return nl == std::string::npos ? err : err.substr(nl + 1);
}

// The demo's area codes, in layer order, from a GAL file nbhd wrote.
std::vector<std::string> gal_codes(const fs::path& gal) {
  std::ifstream in(gal);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> codes;
  while (std::getline(in, line)) {
    codes.push_back(line.substr(0, line.find(' ')));
    std::getline(in, line);
  }
  return codes;
}

TEST(WeightsCli, SummaryJsonAndAGalThatLisaReadsBack) {
  auto dir = scratch_dir();
  std::string out, err;
  ASSERT_EQ(run_nbhd("weights " + q(demo_dir() / "lsoa.gpkg") + " --json -o " + q(dir / "w.gal"), &out, &err),
            0)
      << err;
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["areas"], 300);
  EXPECT_EQ(j["islands"], 0);
  EXPECT_TRUE(j["symmetric"].get<bool>());
  // Independent count of the links: the GAL's neighbour lines.
  std::ifstream in(dir / "w.gal");
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "0 300 lsoa lsoa21_code");
  size_t links = 0, rows = 0;
  while (std::getline(in, line)) {
    size_t k = std::stoul(line.substr(line.find(' ') + 1));
    std::getline(in, line);
    size_t words = line.empty() ? 0 : size_t(std::count(line.begin(), line.end(), ' ')) + 1;
    EXPECT_EQ(words, k);
    links += k;
    ++rows;
  }
  EXPECT_EQ(rows, 300u);
  EXPECT_EQ(j["links"].get<size_t>(), links);
  // The same statistics from the GAL as from the boundaries.
  ASSERT_EQ(run_nbhd("lisa " + demo() + " --column IMD_score -o " + q(dir / "a.csv"), nullptr, &err), 0)
      << err;
  ASSERT_EQ(run_nbhd("lisa " + demo() + " --column IMD_score --weights " + q(dir / "w.gal") + " -o " +
                         q(dir / "b.csv"),
                     nullptr, &err),
            0)
      << err;
  EXPECT_EQ(read_file(dir / "a.csv"), read_file(dir / "b.csv"));
}

TEST(LisaCli, CsvAgreesWithItsJsonAndMapsWithTheLisaPalette) {
  auto dir = scratch_dir();
  std::string out, err;
  ASSERT_EQ(
      run_nbhd("lisa " + demo() + " --column IMD_score --gi --json -o " + q(dir / "lisa.csv"), &out, &err), 0)
      << err;
  auto j = nlohmann::json::parse(out);
  EXPECT_GT(j["global"]["I"].get<double>(), 0.5);  // deprivation clusters in the demo borough
  Table t = read_table((dir / "lisa.csv").string());
  ASSERT_EQ(t.rows(), 300u);
  std::map<std::string, size_t> counted;
  for (size_t r = 0; r < t.rows(); ++r) counted[t.column("cluster_label").text[r]]++;
  for (const char* label : {"High-High", "Low-Low", "Low-High", "High-Low", "Not significant"})
    EXPECT_EQ(j["clusters"][label].get<size_t>(), counted[label]) << label;
  EXPECT_GT(counted["High-High"], 10u);
  // Every significant area has p <= 0.05 and sits in the quadrant of its z and lag_z.
  for (size_t r = 0; r < t.rows(); ++r) {
    int c = int(t.column("cluster").num[r]);
    double z = t.column("z").num[r], lz = t.column("lag_z").num[r], p = t.column("p").num[r];
    EXPECT_NEAR(t.column("local_i").num[r], z * lz, 1e-9);
    if (c == 0) continue;
    EXPECT_LE(p, 0.05);
    EXPECT_EQ(c, z > 0 ? (lz > 0 ? 1 : 4) : (lz > 0 ? 3 : 2)) << r;
  }
  // The cluster column joins by code and renders with GeoDa's colours and a legend with counts.
  ASSERT_EQ(run_nbhd("render " + q(demo_dir() / "lsoa.gpkg") + " --indicators " + q(dir / "lisa.csv") +
                         ":code --column cluster --method categorical --palette lisa --json -o " +
                         q(dir / "map.svg"),
                     &out, &err),
            0)
      << err;
  auto r = nlohmann::json::parse(out);
  ASSERT_EQ(r["classes"].size(), 5u);  // no island in the demo: Neighbourless is not listed
  EXPECT_EQ(r["classes"][1]["label"], "High-High");
  EXPECT_EQ(r["classes"][1]["colour"], "#ff0000");
  EXPECT_EQ(r["classes"][1]["count"].get<size_t>(), counted["High-High"]);
  EXPECT_EQ(r["classes"][3]["colour"], "#9696ff");
}

TEST(LisaCli, SameSeedSameFileAnotherSeedAnother) {
  auto dir = scratch_dir();
  std::string err;
  for (const char* name : {"a.csv", "b.csv"})
    ASSERT_EQ(run_nbhd("lisa " + demo() + " --column IMD_score --seed 7 -o " + q(dir / name), nullptr, &err),
              0);
  ASSERT_EQ(run_nbhd("lisa " + demo() + " --column IMD_score --seed 8 -o " + q(dir / "c.csv"), nullptr, &err),
            0);
  EXPECT_EQ(read_file(dir / "a.csv"), read_file(dir / "b.csv"));
  EXPECT_NE(read_file(dir / "a.csv"), read_file(dir / "c.csv"));
}

TEST(LisaCli, BivariateAndCorrections) {
  std::string out, err;
  ASSERT_EQ(run_nbhd("lisa " + demo() + " --column IMD_score --bivariate CNI_score --correction fdr --json",
                     &out, &err),
            0)
      << err;
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["bivariate"], "CNI_score");
  EXPECT_LE(j["cutoff"].get<double>(), 0.05);
  ASSERT_EQ(run_nbhd("lisa " + demo() + " --column IMD_score --correction bonferroni --json", &out, &err), 0);
  auto b = nlohmann::json::parse(out);
  EXPECT_DOUBLE_EQ(b["cutoff"].get<double>(), 0.05 / 300);
  // 999 permutations cannot reach p = 0.05 / 300: nothing is significant, and the counts say so.
  EXPECT_EQ(b["clusters"]["Not significant"], 300);
}

TEST(LisaCli, MissingValuesAndIslandsAreReported) {
  auto dir = scratch_dir();
  // A table with IMD_score for all but one area, and a GAL in which that area's neighbour is cut off.
  std::string err;
  ASSERT_EQ(run_nbhd("weights " + q(demo_dir() / "lsoa.gpkg") + " -o " + q(dir / "w.gal"), nullptr, &err), 0);
  auto codes = gal_codes(dir / "w.gal");
  std::string csv = "code,v\n";
  for (size_t i = 0; i < codes.size(); ++i)
    csv += codes[i] + "," + (i == 5 ? "" : std::to_string(i % 17)) + "\n";
  write(dir / "v.csv", csv);
  std::string gal = "0 300 lsoa lsoa21_code\n";
  for (size_t i = 0; i < codes.size(); ++i) {
    bool island = i == 0;
    size_t a = (i + 1) % 300, b = (i + 299) % 300;
    std::vector<std::string> nb;
    if (!island && a != 0) nb.push_back(codes[a]);
    if (!island && b != 0) nb.push_back(codes[b]);
    gal += codes[i] + " " + std::to_string(nb.size()) + "\n";
    for (size_t k = 0; k < nb.size(); ++k) gal += (k ? " " : "") + nb[k];
    gal += "\n";
  }
  write(dir / "ring.gal", gal);
  std::string out;
  ASSERT_EQ(run_nbhd("lisa " + q(demo_dir() / "lsoa.gpkg") + " --indicators " + q(dir / "v.csv") +
                         ":code --column v --weights " + q(dir / "ring.gal"),
                     &out, &err),
            0)
      << err;
  EXPECT_NE(out.find("areas: 300; analysed 299; left out for a missing value: 1\n"), std::string::npos)
      << out;
  EXPECT_NE(out.find("islands (no neighbour, not tested): 1 (" + codes[0] + ")\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  Neighbourless           1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  No data                 1\n"), std::string::npos) << out;
}

TEST(LisaCli, BadInputIsOneLineAndExit2WithNoOutput) {
  auto dir = scratch_dir();
  const auto o = " -o " + q(dir / "out.csv");
  EXPECT_EQ(failure("lisa " + demo() + " --column IMD_score --permutations 100000" + o),
            "nbhd lisa: --permutations takes a whole number from 1 to 99999 (999 is usual), got 100000 (see "
            "nbhd lisa "
            "--help)");
  EXPECT_EQ(failure("lisa " + demo() + " --column IMD_score --weights knn:300" + o),
            "nbhd lisa: knn:300 asks for more neighbours than the 299 other areas of " +
                (demo_dir() / "lsoa.gpkg").string() + "; choose a smaller k (6 is usual)");
  EXPECT_EQ(
      failure("lisa " + demo() + " --column IMD_score --weights hexagon" + o),
      "nbhd lisa: unknown weights 'hexagon'; use queen, rook, knn:K (e.g. knn:6), band, band:D (metres, e.g. "
      "band:2000) or a .gal/.gwt file");
  EXPECT_EQ(failure("lisa " + demo() + " --column IMD_score --alpha 2" + o),
            "nbhd lisa: the significance level must be above 0 and below 1 (e.g. 0.05), got 2");
  // A constant column.
  std::string csv = "code,k\n";
  ASSERT_EQ(run_nbhd("weights " + q(demo_dir() / "lsoa.gpkg") + " -o " + q(dir / "w.gal"), nullptr, nullptr),
            0);
  for (const auto& c : gal_codes(dir / "w.gal")) csv += c + ",7\n";
  write(dir / "k.csv", csv);
  EXPECT_EQ(
      failure("lisa " + q(demo_dir() / "lsoa.gpkg") + " --indicators " + q(dir / "k.csv") +
              ":code --column k" + o),
      "nbhd lisa: column 'k' has the same value (7) in all 300 areas with a value; a constant has no spatial "
      "pattern to test");
  // A GAL file made for other areas.
  write(dir / "other.gal", "2\nX1 1\nX2\nX2 1\nX1\n");
  EXPECT_EQ(failure("lisa " + demo() + " --column IMD_score --weights " + q(dir / "other.gal") + o),
            "nbhd lisa: " + (dir / "other.gal").string() +
                " names 2 of its 2 areas that are not in lsoa.gpkg (X1, X2); it was made for other areas: "
                "make weights "
                "from these boundaries");
  EXPECT_EQ(failure("weights " + q(demo_dir() / "lsoa.gpkg") + " -o " + q(dir / "w.txt")),
            "nbhd weights: cannot tell the weights format of " + (dir / "w.txt").string() +
                "; name it .gal or .gwt");
  EXPECT_FALSE(fs::exists(dir / "out.csv"));
  EXPECT_FALSE(fs::exists(dir / "w.txt"));
}

}  // namespace
}  // namespace nbhd
