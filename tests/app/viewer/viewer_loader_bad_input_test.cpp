// The viewer's loader on bad input (docs/bad_input.md, cases V*): it runs the same ingest as the CLI on a
// worker thread and must hand the UI the same one-line message (no crash, no data), then load good input.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "app/viewer/loader.hpp"
#include "support/test_data.hpp"

namespace fs = std::filesystem;

namespace nbhd {

namespace {
std::string read(const fs::path& p) { return test::read_file(p); }

view::Loader::Result load(const view::Sources& s) {
  view::Loader loader;
  loader.start(s);
  for (int i = 0; i < 6000; ++i) {  // at most a minute
    if (auto r = loader.take()) return std::move(*r);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ADD_FAILURE() << "the loader did not finish";
  return {};
}
}  // namespace

TEST(ViewerLoaderBadInput, SameMessagesAsTheCli) {
  auto dir = test::scratch_dir();
  auto demo = test::demo_dir();
  std::ofstream(dir / "truncated.gpkg", std::ios::binary) << read(demo / "lsoa.gpkg").substr(0, 100000);
  std::ofstream(dir / "ragged.csv") << "lsoa21_code,v\nE01900001,1\nE01900002\n";
  struct Case {
    const char* id;
    view::Sources sources;
    std::string error;
  } cases[] = {
      {"V1",
       {(dir / "missing.gpkg").string(), {}, {}, {}, {}},
       "cannot find " + (dir / "missing.gpkg").string() + "; check the path"},
      {"V2",
       {(dir / "truncated.gpkg").string(), {}, {}, {}, {}},
       "cannot open " + (dir / "truncated.gpkg").string() +
           " as vector data (database disk image is malformed); check that it is a complete GeoPackage, "
           "Shapefile "
           "(.shp with .shx and .dbf), GeoJSON, FlatGeobuf or GML file"},
      {"V3",
       {(demo / "lsoa.gpkg").string(), {(dir / "ragged.csv").string()}, {}, {}, {}},
       (dir / "ragged.csv").string() +
           " line 3: 1 field but the header has 2; check for unquoted commas or missing cells"},
      {"V4",
       {(demo / "assets.gpkg").string(), {}, {}, {}, {}},
       "layer 'assets' in " + (demo / "assets.gpkg").string() +
           " holds Point features, not polygons; give a boundary file, and points as assets"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.id);
    view::Loader::Result r = load(c.sources);
    EXPECT_EQ(r.data, nullptr);
    EXPECT_EQ(r.error, c.error);
  }
  // ... and the same loader then loads good input.
  view::Loader::Result ok =
      load({(demo / "lsoa.gpkg").string(), {(demo / "indicators.csv").string()}, {}, {}, {}});
  EXPECT_EQ(ok.error, "");
  EXPECT_NE(ok.data, nullptr);
}

}  // namespace nbhd
