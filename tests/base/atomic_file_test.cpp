// AtomicOutput: the rename discipline, devices, and which leftover temporaries a new writer may remove.
#include "base/atomic_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <set>

#include "base/error.hpp"
#include "support/test_data.hpp"

using nbhd::test::message_of;

namespace fs = std::filesystem;

namespace nbhd {

namespace {
std::string read(const fs::path& p) {
  return test::read_file(p);
}
void touch(const fs::path& p) {
  std::ofstream(p) << "x";
}
}  // namespace

TEST(AtomicFile, TemporaryNames) {
  EXPECT_TRUE(is_temporary_of("map.tmp-ab12cd.png", "map.png"));
  EXPECT_TRUE(is_temporary_of("out.tmp-000000.gpkg-journal", "out.gpkg"));
  EXPECT_TRUE(is_temporary_of("out.tmp-zzzzzz.gpkg-wal", "out.gpkg"));
  EXPECT_FALSE(is_temporary_of("out.tmp-ab12c.gpkg", "out.gpkg"));   // tag too short
  EXPECT_FALSE(is_temporary_of("out.tmp-AB12CD.gpkg", "out.gpkg"));  // not our alphabet
  EXPECT_FALSE(is_temporary_of("out.tmp-ab12cd.png", "out.gpkg"));   // another output's
  EXPECT_FALSE(is_temporary_of("other.tmp-ab12cd.gpkg", "out.gpkg"));
  EXPECT_FALSE(is_temporary_of("out.tmp-ab12cd.gpkg.bak", "out.gpkg"));
  EXPECT_FALSE(is_temporary_of("out.gpkg", "out.gpkg"));
  EXPECT_TRUE(is_temporary_of("atlas.tmp-ab12cd.pdf.parts", "atlas.pdf"));  // a scratch folder
  EXPECT_TRUE(is_temporary_of("pages.tmp-ab12cd", "pages"));                // an AtomicFolder's
  EXPECT_TRUE(is_temporary_of("pages.tmp-ab12cd.old", "pages"));            // the folder it replaces
  EXPECT_FALSE(is_temporary_of("pages.tmp-ab12cd.older", "pages"));
}

TEST(AtomicFile, WritesWholeFileOrNothing) {
  auto dir = test::scratch_dir();
  write_file_atomic(dir / "a.csv", "one\n");
  EXPECT_EQ(read(dir / "a.csv"), "one\n");
  EXPECT_EQ(message_of([&] { write_file_atomic(dir / "a.csv", "two\n", false); }),
            "cannot write " + (dir / "a.csv").string() + ": the file exists; allow overwriting it");
  write_file_atomic(dir / "a.csv", "two\n");
  EXPECT_EQ(read(dir / "a.csv"), "two\n");
  {
    AtomicOutput abandoned(dir / "a.csv");
    touch(abandoned.temp_path());
    touch(abandoned.temp_path().string() + "-journal");
  }  // an error before commit(): the destructor removes the temporary and its sidecar
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
  EXPECT_EQ(read(dir / "a.csv"), "two\n");
}

TEST(AtomicFile, DevicesAreWrittenThrough) {
  write_file_atomic("/dev/null", "anything", false);  // no --force needed to write to a device
  EXPECT_EQ(message_of([] { write_file_atomic("/dev/full", std::string(1 << 16, 'x'), false); }),
            "cannot write /dev/full: No space left on device; free some disk space or choose another file");
}

TEST(AtomicFile, StaleTemporariesOfTheSameOutputAreRemoved) {
  auto dir = test::scratch_dir();
  // Left by a writer that was killed: nobody holds the folder's lock.
  for (const char* n : {"out.tmp-ab12cd.gpkg", "out.tmp-ab12cd.gpkg-journal", "out.tmp-zz0000.gpkg-wal",
                        // not ours to remove: other outputs, other names
                        "map.tmp-ab12cd.png", "out.tmp-ab12c.gpkg", "out.gpkg.bak", "notes.txt"})
    touch(dir / n);
  { AtomicOutput next(dir / "out.gpkg"); }
  std::set<std::string> left;
  for (const auto& e : fs::directory_iterator(dir)) left.insert(e.path().filename().string());
  EXPECT_EQ(left,
            (std::set<std::string>{"map.tmp-ab12cd.png", "out.tmp-ab12c.gpkg", "out.gpkg.bak", "notes.txt"}));
}

TEST(AtomicFile, LiveWritersTemporaryIsKept) {
  auto dir = test::scratch_dir();
  AtomicOutput writing(dir / "out.gpkg");  // holds the folder's lock while its temporary exists
  touch(writing.temp_path());
  { AtomicOutput second(dir / "out.gpkg"); }  // cannot take the lock exclusively: removes nothing
  EXPECT_TRUE(fs::exists(writing.temp_path()));
  writing.commit();
  EXPECT_EQ(read(dir / "out.gpkg"), "x");
  EXPECT_FALSE(fs::exists(writing.temp_path()));
}

// Folders a killed atlas left behind (its pages folder, the folder it was replacing, a PDF's parts) are
// removed by the next write of the same output, and only those.
TEST(AtomicFile, StaleFoldersOfTheSameOutputAreRemoved) {
  auto dir = test::scratch_dir();
  for (const char* n : {"pages.tmp-ab12cd", "pages.tmp-ab12cd.old", "atlas.tmp-zz0000.pdf.parts",
                        // not ours to remove
                        "pages.tmp-AB12CD", "pages2.tmp-ab12cd", "atlas.tmp-zz0000.png.parts", "pages"}) {
    fs::create_directory(dir / n);
    touch(dir / n / "page_001.png");
  }
  { AtomicFolder next(dir / "pages"); }
  { AtomicOutput next(dir / "atlas.pdf"); }
  std::set<std::string> left;
  for (const auto& e : fs::directory_iterator(dir)) left.insert(e.path().filename().string());
  EXPECT_EQ(left, (std::set<std::string>{"pages.tmp-AB12CD", "pages2.tmp-ab12cd",
                                         "atlas.tmp-zz0000.png.parts", "pages"}));
}

TEST(AtomicFile, FolderReplacesTheOldOneOnlyWhenComplete) {
  auto dir = test::scratch_dir();
  fs::create_directory(dir / "pages");
  touch(dir / "pages" / "old.png");
  {
    AtomicFolder abandoned(dir / "pages");
    touch(abandoned.path() / "page_001.png");
  }  // an error before commit(): the old folder stays as it was, the new one is gone
  EXPECT_TRUE(fs::exists(dir / "pages" / "old.png"));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
  EXPECT_EQ(message_of([&] { AtomicFolder refused(dir / "pages", false); }),
            "cannot write " + (dir / "pages").string() + ": the folder exists; allow replacing it");
  EXPECT_EQ(message_of([&] { AtomicFolder refused(dir / "pages" / "old.png"); }),
            "cannot write " + (dir / "pages" / "old.png").string() + ": it is a file; name a folder");
  EXPECT_EQ(message_of([&] { AtomicFolder refused("/"); }),
            "cannot write /: name a new folder for the pages");
  EXPECT_EQ(message_of([&] { AtomicFolder refused(dir / ".."); }),
            "cannot write " + (dir / "..").string() + ": name a new folder for the pages");
  AtomicFolder next(dir / "pages/");  // a trailing separator names the same folder
  touch(next.path() / "page_001.png");
  next.commit();
  EXPECT_TRUE(fs::exists(dir / "pages" / "page_001.png"));
  EXPECT_FALSE(fs::exists(dir / "pages" / "old.png"));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

TEST(AtomicFile, ScratchFolderGoesWithTheTemporaryAndALiveOneIsKept) {
  auto dir = test::scratch_dir();
  {
    AtomicOutput abandoned(dir / "atlas.pdf");
    touch(abandoned.scratch_folder() / "part_00001.pdf");
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 0);
  AtomicOutput writing(dir / "atlas.pdf");
  const fs::path scratch = writing.scratch_folder();
  EXPECT_EQ(scratch, fs::path(writing.temp_path().string() + ".parts"));
  touch(scratch / "part_00001.pdf");
  { AtomicOutput second(dir / "atlas.pdf"); }  // another writer of the same output: the lock is held
  EXPECT_TRUE(fs::exists(scratch / "part_00001.pdf"));
  touch(writing.temp_path());
  writing.commit();
  EXPECT_TRUE(fs::exists(dir / "atlas.pdf"));
  EXPECT_FALSE(fs::exists(scratch));
}

}  // namespace nbhd
