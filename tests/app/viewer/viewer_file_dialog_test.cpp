// The open dialog's listing and routing, without a window: which files each role lists, folders first,
// sorting by name/size/modification time, hidden files skipped, routing of dropped files by extension,
// and typed paths (a folder navigates, a wrong kind of file is one line saying what to choose).
#include <gtest/gtest.h>

#include <fstream>

#include "app/viewer/file_dialog.hpp"
#include "support/test_data.hpp"

namespace nbhd::view {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> names(const std::vector<DirEntry>& es) {
  std::vector<std::string> out;
  for (const auto& e : es) out.push_back(e.name + (e.dir ? "/" : ""));
  return out;
}

void make(const fs::path& p, size_t bytes, int age_s) {
  std::ofstream(p) << std::string(bytes, 'x');
  fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::seconds(age_s));
}

TEST(ViewerFileDialog, ListsFoldersThenFilesOfTheRoleSortedByNameSizeOrTime) {
  auto dir = test::scratch_dir();
  fs::create_directories(dir / "zeta");
  fs::create_directories(dir / "Alpha");
  fs::create_directories(dir / ".hidden_dir");
  make(dir / "b.geojson", 300, 100);
  make(dir / "A.GPKG", 100, 10);  // extensions match whatever their case
  make(dir / "c.shp", 200, 1000);
  make(dir / "t.csv", 50, 5);
  make(dir / "u.XLSX", 60, 5);
  make(dir / "notes.txt", 10, 5);
  make(dir / ".secret.gpkg", 10, 5);
  make(dir / "p.nbhd.json", 10, 5);

  std::string err;
  auto by_name = list_folder(dir, FileRole::Boundaries, SortKey::Name, false, &err);
  EXPECT_EQ(err, "");
  // p.nbhd.json ends in .json, a GeoJSON extension too: the boundaries role lists it (GDAL decides).
  EXPECT_EQ(names(by_name),
            (std::vector<std::string>{"Alpha/", "zeta/", "A.GPKG", "b.geojson", "c.shp", "p.nbhd.json"}));
  EXPECT_EQ(names(list_folder(dir, FileRole::Boundaries, SortKey::Size, false, &err)),
            (std::vector<std::string>{"Alpha/", "zeta/", "p.nbhd.json", "A.GPKG", "c.shp", "b.geojson"}));
  EXPECT_EQ(names(list_folder(dir, FileRole::Boundaries, SortKey::Size, true, &err)),
            (std::vector<std::string>{"Alpha/", "zeta/", "b.geojson", "c.shp", "A.GPKG", "p.nbhd.json"}));
  EXPECT_EQ(names(list_folder(dir, FileRole::Boundaries, SortKey::Modified, true, &err)),
            (std::vector<std::string>{"Alpha/", "zeta/", "p.nbhd.json", "A.GPKG", "b.geojson", "c.shp"}));
  EXPECT_EQ(names(list_folder(dir, FileRole::Table, SortKey::Name, false, &err)),
            (std::vector<std::string>{"Alpha/", "zeta/", "t.csv", "u.XLSX"}));
  EXPECT_EQ(names(list_folder(dir, FileRole::Project, SortKey::Name, false, &err)),
            (std::vector<std::string>{"Alpha/", "zeta/", "p.nbhd.json"}));
  EXPECT_EQ(by_name[2].size, 100u);

  auto none = list_folder(dir / "missing", FileRole::Table, SortKey::Name, false, &err);
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(
      err, "cannot list " + (dir / "missing").string() + " (No such file or directory); type another folder");
}

TEST(ViewerFileDialog, DroppedFilesAreRoutedByExtension) {
  EXPECT_EQ(role_for_path("x/imd.csv"), FileRole::Table);
  EXPECT_EQ(role_for_path("IMD.TSV"), FileRole::Table);
  EXPECT_EQ(role_for_path("cni.xlsx"), FileRole::Table);
  EXPECT_EQ(role_for_path("lsoa.gpkg"), FileRole::Boundaries);
  EXPECT_EQ(role_for_path("lsoa.geojson"), FileRole::Boundaries);
  EXPECT_EQ(role_for_path("wards.shp"), FileRole::Boundaries);
  EXPECT_EQ(role_for_path("my.nbhd.json"), FileRole::Project);
  EXPECT_EQ(role_for_path("My.NBHD.JSON"), FileRole::Project);
  EXPECT_EQ(breadcrumbs("/a/b/c"), (std::vector<fs::path>{"/", "/a", "/a/b", "/a/b/c"}));
}

TEST(ViewerFileDialog, TypedPathsNavigateOpenOrSayWhatToChoose) {
  auto dir = test::scratch_dir();
  fs::create_directories(dir / "sub");
  make(dir / "sub" / "areas.gpkg", 10, 5);
  make(dir / "t.csv", 10, 5);
  FileDialog d;
  d.open(FileRole::Boundaries);
  EXPECT_FALSE(d.submit(dir.string()));
  EXPECT_EQ(d.folder(), fs::canonical(dir));
  EXPECT_EQ(names(d.entries()), (std::vector<std::string>{"sub/"}));
  EXPECT_FALSE(d.submit("sub"));  // relative to the folder shown
  EXPECT_EQ(d.folder(), fs::canonical(dir / "sub"));
  EXPECT_FALSE(d.submit((dir / "t.csv").string()));
  EXPECT_EQ(d.error(), "t.csv is not a boundaries file; choose one of .gpkg .shp .geojson .json .fgb .gml");
  EXPECT_TRUE(d.is_open());
  EXPECT_FALSE(d.submit((dir / "nope.gpkg").string()));
  EXPECT_EQ(d.error(),
            (dir / "nope.gpkg").string() + " does not exist; check the name or pick a file from the list");
  auto chosen = d.submit("areas.gpkg");
  ASSERT_TRUE(chosen);
  EXPECT_EQ(*chosen, (fs::canonical(dir / "sub") / "areas.gpkg").string());
  EXPECT_FALSE(d.is_open());
  // The next dialog, for another role, starts in the folder the last one ended in.
  d.open(FileRole::Table);
  EXPECT_EQ(d.folder(), fs::canonical(dir / "sub"));
  EXPECT_TRUE(d.entries().empty());
}

}  // namespace
}  // namespace nbhd::view
