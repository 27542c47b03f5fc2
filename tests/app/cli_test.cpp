// The CLI as a user runs it: exit codes, one-line errors, outputs, no partial files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/fixtures.hpp"
#include "support/test_data.hpp"

namespace fs = std::filesystem;

namespace nbhd {

namespace {
std::string q(const fs::path& p) { return "'" + p.string() + "'"; }
size_t lines(const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }
bool has_temporaries(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".tmp-") != std::string::npos) return true;
  return false;
}
}  // namespace

TEST(Cli, HelpOnEveryCommand) {
  for (const char* cmd : {"info", "join", "demo"}) {
    std::string out;
    EXPECT_EQ(test::run_nbhd(std::string(cmd) + " --help", &out), 0) << cmd;
    EXPECT_NE(out.find("usage: nbhd " + std::string(cmd)), std::string::npos) << out;
  }
  std::string out, err;
  EXPECT_EQ(test::run_nbhd("frobnicate", &out, &err), 2);
  EXPECT_NE(err.find("unknown command 'frobnicate'"), std::string::npos);
}

TEST(Cli, InfoOnDemo) {
  auto demo = test::demo_dir();
  std::string out, err;
  ASSERT_EQ(test::run_nbhd("info " + q(demo / "lsoa.gpkg") + " --indicators " + q(demo / "indicators.csv"), &out, &err), 0)
      << err;
  EXPECT_NE(out.find("areas:        300 (300 features read)"), std::string::npos) << out;
  EXPECT_NE(out.find("key field:    lsoa21_code (detected from values: 300 codes shaped like E01 (LSOA))"), std::string::npos);
  EXPECT_NE(out.find("300 areas matched of 300"), std::string::npos);
  ASSERT_EQ(test::run_nbhd("info " + q(demo / "lsoa.gpkg") + " --json", &out, &err), 0) << err;
  EXPECT_NE(out.find("\"working_crs\": \"EPSG:27700\""), std::string::npos) << out;
}

TEST(Cli, ErrorsAreOneLineExit2) {
  auto dir = test::scratch_dir();
  auto demo = test::demo_dir();
  std::ofstream(dir / "dup.csv") << "lsoa21_code,v\nE01900001,1\nE01900001,2\n";
  struct Case {
    std::string args, expected;
  } cases[] = {
      {"info " + q(dir / "missing.gpkg"),
       "nbhd info: cannot find " + (dir / "missing.gpkg").string() + "; check the path"},
      {"info " + q(demo / "lsoa.gpkg") + " --layer nope",
       "nbhd info: unknown layer 'nope' in " + (demo / "lsoa.gpkg").string() + "; layers are: lsoa"},
      {"info " + q(demo / "lsoa.gpkg") + " --key lsoa_code",
       "nbhd info: unknown field 'lsoa_code' in " + (demo / "lsoa.gpkg").string() +
           " for the area codes; fields are: lsoa21_code, lsoa21_name, ward24_code, ward24_name, "
           "ltla24_code, "
           "ltla24_name (--key)"},
      {"info " + q(demo / "lsoa.gpkg") + " --indicators " + q(dir / "dup.csv"),
       "nbhd info: " + (dir / "dup.csv").string() +
           ": lsoa21_code=E01900001 appears on data rows 1 and 2; remove the duplicates or keep the first "
           "row of "
           "each (--on-duplicate first)"},
      {"info " + q(demo / "lsoa.gpkg") + " --indicators " + q(demo / "indicators.csv") + ":nokey",
       "nbhd info: unknown column 'nokey' in " + (demo / "indicators.csv").string() +
           "; columns are: lsoa21_code, lsoa21_name, IMD_score, IMD_rank, IMD_decile, Income_score, "
           "Employment_score, "
           "CNI_score, CNI_rank, Civic_Assets_score, Connectedness_score, Active_Engaged_score, "
           "households_total, Left "
           "Behind Area?"},
      {"info " + q(demo / "lsoa.gpkg") + " --bogus",
       "nbhd info: unknown option --bogus (see nbhd info --help)"},
      {"join " + q(demo / "lsoa.gpkg") + " --indicators " + q(demo / "indicators.csv") + " -o " +
           q(dir / "nodir" / "x.gpkg"),
       "nbhd join: cannot write " + (dir / "nodir" / "x.gpkg").string() + ": folder " +
           (dir / "nodir").string() + " does not exist; create it first"},
      {"join " + q(demo / "lsoa.gpkg") + " -o " + q(dir / "x.gpkg"),
       "nbhd join: give at least one --indicators TABLE to join (see nbhd join --help)"},
  };
  for (const auto& c : cases) {
    std::string out, err;
    EXPECT_EQ(test::run_nbhd(c.args, &out, &err), 2) << c.args;
    EXPECT_EQ(err, c.expected + "\n") << c.args;
    EXPECT_EQ(lines(err), 1u);
  }
  EXPECT_FALSE(has_temporaries(dir));
  EXPECT_FALSE(fs::exists(dir / "x.gpkg"));
}

TEST(Cli, JoinWritesTypedGeoPackageAndRefusesToOverwrite) {
  auto dir = test::scratch_dir();
  auto demo = test::demo_dir();
  auto out_path = dir / "joined.gpkg";
  std::string out, err;
  ASSERT_EQ(test::run_nbhd("join " + q(demo / "lsoa.gpkg") + " --indicators " + q(demo / "indicators.csv") + " -o " + q(out_path),
                           &out, &err),
            0)
      << err;
  ASSERT_TRUE(fs::exists(out_path));
  // An independent reader (ogrinfo) sees the features, CRS and typed columns.
  std::string cmd = "ogrinfo -so -al " + q(out_path) + " > " + q(dir / "info.txt");
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream f(dir / "info.txt");
  std::string info((std::istreambuf_iterator<char>(f)), {});
  EXPECT_NE(info.find("Feature Count: 300"), std::string::npos) << info;
  EXPECT_NE(info.find("ID[\"EPSG\",27700]"), std::string::npos);
  EXPECT_NE(info.find("IMD_score: Real"), std::string::npos);
  EXPECT_NE(info.find("IMD_rank: Integer64"), std::string::npos);
  EXPECT_NE(info.find("Left Behind Area?: Integer(Boolean)"), std::string::npos);
  EXPECT_NE(info.find("lsoa21_name: String"), std::string::npos);
  auto before = fs::last_write_time(out_path);
  EXPECT_EQ(test::run_nbhd("join " + q(demo / "lsoa.gpkg") + " --indicators " + q(demo / "indicators.csv") + " -o " + q(out_path),
                           &out, &err),
            2);
  EXPECT_EQ(err, "nbhd join: cannot write " + out_path.string() +
                     ": the file exists; allow overwriting it (--force)\n");
  EXPECT_EQ(fs::last_write_time(out_path), before);
  EXPECT_EQ(test::run_nbhd("join " + q(demo / "lsoa.gpkg") + " --indicators " + q(demo / "indicators.csv") + " -o " +
                               q(out_path) + " --force",
                           &out, &err),
            0)
      << err;
  EXPECT_FALSE(has_temporaries(dir));
}

TEST(CliRealData, JoinNationalLsoa21) {
  NBHD_REQUIRE_SHARED("england/lsoa21.gpkg");
  auto d = test::shared_data() / "england";
  auto dir = test::scratch_dir();
  std::string out, err;
  ASSERT_EQ(test::run_nbhd("join " + q(d / "lsoa21.gpkg") + " --indicators " + q(d / "imd2025_lsoa21.csv") +
                               " --indicators " + q(d / "cni2023_lsoa21.csv") + " -o " + q(dir / "ew.gpkg"),
                           &out, &err),
            0)
      << err;
  std::string cmd = "ogrinfo -so -al " + q(dir / "ew.gpkg") + " > " + q(dir / "info.txt");
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream f(dir / "info.txt");
  std::string info((std::istreambuf_iterator<char>(f)), {});
  EXPECT_NE(info.find("Feature Count: 35672"), std::string::npos) << info;
  EXPECT_NE(info.find("ID[\"EPSG\",27700]"), std::string::npos);
  EXPECT_NE(err.find("33755 areas matched of 35672"), std::string::npos) << err;
}

TEST(Cli, DemoIsDeterministic) {
  auto dir = test::scratch_dir();
  std::string err;
  ASSERT_EQ(test::run_nbhd("demo -o " + q(dir / "a"), nullptr, &err), 0) << err;
  ASSERT_EQ(test::run_nbhd("demo -o " + q(dir / "b"), nullptr, &err), 0) << err;
  for (const char* f : {"indicators.csv", "lsoa_ward_lookup.csv"}) {
    std::ifstream a(dir / "a" / f), b(dir / "b" / f);
    std::string sa((std::istreambuf_iterator<char>(a)), {}), sb((std::istreambuf_iterator<char>(b)), {});
    EXPECT_EQ(sa, sb) << f;
    EXPECT_GT(sa.size(), 1000u);
  }
  EXPECT_NE(err.find("300 areas, 25 wards"), std::string::npos) << err;
}

}  // namespace nbhd
