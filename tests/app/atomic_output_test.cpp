// Atomic output under the worst interruption: SIGKILL in the middle of writing a large GeoPackage. No code
// runs on SIGKILL, so the temporary stays; what must hold is that the previous output is intact and that
// the next write of the same output removes the stale temporary (see geo/atomic_file.hpp).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "geo/vector/ingest.hpp"
#include "support/big_input.hpp"
#include "support/process.hpp"
#include "support/test_data.hpp"

namespace fs = std::filesystem;

namespace nbhd {

namespace {

std::string q(const fs::path& p) {
  return "'" + p.string() + "'";
}
std::string read(const fs::path& p) {
  return test::read_file(p);
}

// Starts `join ... -o out --force`, waits until its temporary holds `bytes` (so the kill lands mid-write),
// SIGKILLs it, and checks the previous output is byte for byte what it was and the temporary is left.
void kill_mid_write(const std::vector<std::string>& join_args, const fs::path& dir, const fs::path& out,
                    uintmax_t bytes) {
  const std::string before = read(out);
  std::vector<std::string> args = join_args;
  args.insert(args.end(), {"-o", out.string(), "--force"});
  test::Child child(args, dir);
  ASSERT_TRUE(child.started());
  fs::path tmp;
  ASSERT_TRUE(test::wait_until(
      [&] {
        tmp = test::find_temporary(dir);
        std::error_code ec;
        return !child.running() || (!tmp.empty() && fs::file_size(tmp, ec) >= bytes && !ec);
      },
      std::chrono::seconds(300)));
  ASSERT_TRUE(child.running()) << "finished before it could be killed: " << child.err();
  child.signal(SIGKILL);
  EXPECT_EQ(child.wait(), 128 + SIGKILL);
  EXPECT_EQ(read(out), before);                     // the old file is intact
  EXPECT_FALSE(test::temporaries_in(dir).empty());  // SIGKILL leaves the temporary (nothing can run)
}

}  // namespace

TEST(AtomicOutput, KillDuringJoinKeepsOldFileAndNextRunRemovesTemporary) {
  auto dir = test::scratch_dir();
  auto demo = test::demo_dir();
  auto out = dir / "joined.gpkg";
  std::string o, e;
  // The previous version: a real, complete join of the demo borough.
  ASSERT_EQ(test::run_nbhd("join " + q(demo / "lsoa.gpkg") + " --indicators " + q(demo / "indicators.csv") +
                               " -o " + q(out),
                           &o, &e),
            0)
      << e;
  auto big = test::write_big_input(dir, 20000);
  kill_mid_write({"join", big.boundaries.string(), "--indicators", big.table.string()}, dir, out, 1 << 20);
  EXPECT_EQ(load_areas(out.string()).size(), 300u);  // still the demo's 300 areas, readable

  // The next write of joined.gpkg removes the stale temporary, even when it is then refused.
  EXPECT_EQ(test::run_nbhd("join " + q(demo / "lsoa.gpkg") + " --indicators " + q(demo / "indicators.csv") +
                               " -o " + q(out),
                           &o, &e),
            2);
  EXPECT_EQ(
      e, "nbhd join: cannot write " + out.string() + ": the file exists; allow overwriting it (--force)\n");
  EXPECT_EQ(test::temporaries_in(dir), std::vector<std::string>{});
  // ... and a complete run replaces the file.
  ASSERT_EQ(test::run_nbhd(
                "join " + q(big.boundaries) + " --indicators " + q(big.table) + " -o " + q(out) + " --force",
                &o, &e),
            0)
      << e;
  EXPECT_EQ(load_areas(out.string()).size(), 20000u);
  EXPECT_EQ(test::temporaries_in(dir), std::vector<std::string>{});
}

TEST(AtomicOutputRealData, KillDuringNationalJoin) {
  NBHD_REQUIRE_SHARED("england/lsoa21.gpkg");
  auto d = test::shared_data() / "england";
  auto dir = test::scratch_dir();
  auto demo = test::demo_dir();
  auto out = dir / "ew.gpkg";
  std::string o, e;
  ASSERT_EQ(test::run_nbhd("join " + q(demo / "lsoa.gpkg") + " --indicators " + q(demo / "indicators.csv") +
                               " -o " + q(out),
                           &o, &e),
            0)
      << e;
  kill_mid_write({"join", (d / "lsoa21.gpkg").string(), "--indicators", (d / "imd2025_lsoa21.csv").string()},
                 dir, out, 4 << 20);
  EXPECT_EQ(load_areas(out.string()).size(), 300u);
  ASSERT_EQ(test::run_nbhd("info " + q(demo / "lsoa.gpkg"), &o, &e),
            0);  // a write elsewhere cleans nothing here
  EXPECT_FALSE(test::temporaries_in(dir).empty());
  // Writing ew.gpkg again (demo data, quick) removes the national run's leftovers.
  ASSERT_EQ(test::run_nbhd("join " + q(demo / "lsoa.gpkg") + " --indicators " + q(demo / "indicators.csv") +
                               " -o " + q(out) + " --force",
                           &o, &e),
            0)
      << e;
  EXPECT_EQ(test::temporaries_in(dir), std::vector<std::string>{});
}

// An atlas PDF is drawn as parts in a scratch folder beside its output: SIGKILL leaves that folder (no code
// runs), and the next atlas written to the same file removes it.
TEST(AtomicOutputRealData, KilledAtlasLeavesItsPartsAndTheNextAtlasRemovesThem) {
  NBHD_REQUIRE_SHARED("england/lsoa21.gpkg");
  auto d = test::shared_data() / "england";
  auto dir = test::scratch_dir();
  auto out = dir / "atlas.pdf";
  const std::vector<std::string> atlas = {"atlas",        (d / "lsoa21.gpkg").string(),
                                          "--indicators", (d / "imd2025_lsoa21.csv").string(),
                                          "--column",     "IMD_decile",
                                          "--by",         "ltla24_code",
                                          "--threads",    "1",
                                          "-o",           out.string()};
  test::Child child(atlas, dir);
  ASSERT_TRUE(child.started());
  fs::path parts;
  ASSERT_TRUE(test::wait_until(
      [&] {
        parts = test::find_temporary(dir);
        std::error_code ec;
        return !child.running() ||
               (!parts.empty() && fs::is_directory(parts, ec) &&
                std::distance(fs::directory_iterator(parts, ec), fs::directory_iterator()) >= 2);
      },
      std::chrono::seconds(300)));
  ASSERT_TRUE(child.running()) << "finished before it could be killed: " << child.err();
  child.signal(SIGKILL);
  EXPECT_EQ(child.wait(), 128 + SIGKILL);
  EXPECT_EQ(parts.extension(), ".parts");
  EXPECT_EQ(test::temporaries_in(dir), std::vector<std::string>{parts.filename().string()});
  EXPECT_FALSE(fs::exists(out));
  // The next atlas to the same file (one page: quick) removes the killed one's parts.
  std::vector<std::string> one = atlas;
  one.insert(one.end(), {"--only", "E06000001"});
  std::string args;
  for (const auto& a : one) args += (args.empty() ? "" : " ") + q(a);
  std::string o, e;
  ASSERT_EQ(test::run_nbhd(args, &o, &e), 0) << e;
  EXPECT_EQ(test::temporaries_in(dir), std::vector<std::string>{});
  EXPECT_TRUE(fs::exists(out));
}

}  // namespace nbhd
