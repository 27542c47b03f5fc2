// Broken project files (PROJECT.nbhd.json, app/viewer/session_file.hpp): `nbhd view` must refuse them with
// one line naming the file, the field and what to do, exit 2, before any window opens (so these run
// without a display); a project whose data files moved opens and says which file to relocate.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/viewer/session_file.hpp"
#include "base/error.hpp"
#include "support/test_data.hpp"

namespace fs = std::filesystem;

namespace nbhd {
namespace {

const std::string kFix = "; correct it in a text editor, or open the data again and save a new project";

// A project as the viewer saves it, with `data` and `extra` spliced in.
std::string project(const std::string& data, const std::string& extra = "") {
  return "{\"format\": \"nbhd-project/1\", \"data\": " + data +
         ", \"style\": {\"column\": \"imd_decile\", \"method\": \"quantile\", \"classes\": 5, \"palette\": "
         "\"YlOrRd\", \"reverse\": false}" +
         extra + "}";
}

TEST(ViewerProject, BrokenFilesAreRefusedWithOneLineNamingFileAndField) {
  auto dir = test::scratch_dir();
  const std::string good = "{\"boundaries\": \"lsoa.gpkg\", \"indicators\": [\"t.csv\"]}";
  struct Case {
    const char* what;
    std::string json;  // nullptr-like "": no file at all
    std::string message;
  } cases[] = {
      {"truncated", "{\"format\": \"nbhd-project/1\", \"data\": {",
       " is not valid JSON (line 1, column 39: syntax error while parsing object key - unexpected end of "
       "input; "
       "expected string literal)" +
           kFix},
      {"empty", "",
       " is not valid JSON (line 1, column 1: syntax error while parsing value - unexpected end of "
       "input; expected '[', '{', or a literal)" +
           kFix},
      {"not json", "{\"format\": nbhd}",
       " is not valid JSON (line 1, column 13: syntax error while parsing value - invalid literal)" + kFix},
      {"a list", "[1, 2]",
       " is not an nbhd project (no \"format\": \"nbhd-project/1\"); open the data with nbhd view and save a "
       "project from its Project panel"},
      // Before: value("format", "") on a number threw json's type_error outside any handler ("internal
      // error").
      {"format a number", "{\"format\": 1}",
       " is not an nbhd project (no \"format\": \"nbhd-project/1\"); open the data with nbhd view and save a "
       "project from its Project panel"},
      {"no data", "{\"format\": \"nbhd-project/1\", \"style\": {}}", ": \"data\" is missing" + kFix},
      {"data a list", project("[]"), ": \"data\" must be an object, not a list" + kFix},
      {"boundaries a number", project("{\"boundaries\": 5}"),
       ": \"data.boundaries\" must be text, not a number" + kFix},
      {"boundaries empty", project("{\"boundaries\": \"\"}"),
       ": \"data.boundaries\" is empty: it names the boundary file" + kFix},
      {"indicators text", project("{\"boundaries\": \"a.gpkg\", \"indicators\": \"t.csv\"}"),
       ": \"data.indicators\" must be a list of text, not text" + kFix},
      {"indicators of numbers", project("{\"boundaries\": \"a.gpkg\", \"indicators\": [1]}"),
       ": \"data.indicators\" must be a list of text, not a list holding a number" + kFix},
      // Before: value("reverse", false) on text threw outside the handler, an "internal error".
      {"reverse text",
       project(good).replace(project(good).find("\"reverse\": false"), 16, "\"reverse\": \"yes\""),
       ": \"style.reverse\" must be true or false, not text" + kFix},
      {"classes text", project(good).replace(project(good).find("\"classes\": 5"), 12, "\"classes\": \"5\""),
       ": \"style.classes\" must be a number, not text" + kFix},
      {"unknown method", project(good).replace(project(good).find("\"quantile\""), 10, "\"kmeans\""),
       ": \"style.method\": unknown classification method 'kmeans'; methods are: quantile, equal, stddev, "
       "pretty, "
       "headtail, manual, categorical, jenks"},
      {"centre one number", project(good, ", \"view\": {\"centre\": [1], \"metres_per_pixel\": 2}"),
       ": \"view.centre\" must be a list of two numbers (x, y in metres)" + kFix},
      {"no scale", project(good, ", \"view\": {\"centre\": [1, 2]}"),
       ": \"view.metres_per_pixel\" is missing" + kFix},
      {"selection of numbers", project(good, ", \"selection\": [1]"),
       ": \"selection\" must be a list of text, not a list holding a number" + kFix},
      {"category colour a name",
       project(good, ", \"assets_panel\": {\"category_colours\": {\"pub\": \"red\"}}"),
       ": \"assets_panel.category_colours.pub\" colour 'red' is not of the form #rrggbb or #rrggbbaa" + kFix},
      {"category colours a list", project(good, ", \"assets_panel\": {\"category_colours\": [\"#ff0000\"]}"),
       ": \"assets_panel.category_colours\" must be an object of category name -> \"#rrggbb\"" + kFix},
  };
  int i = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    fs::path p = dir / ("p" + std::to_string(i++) + ".nbhd.json");
    std::ofstream(p) << c.json;
    std::string out, err;
    EXPECT_EQ(test::run_nbhd("view '" + p.string() + "'", &out, &err), 2);
    EXPECT_EQ(err, "nbhd view: " + p.string() + c.message + "\n");
    EXPECT_EQ(out, "");
  }
  std::string err;
  EXPECT_EQ(test::run_nbhd("view '" + (dir / "absent.nbhd.json").string() + "'", nullptr, &err), 2);
  EXPECT_EQ(err,
            "nbhd view: cannot read project " + (dir / "absent.nbhd.json").string() + "; check the path\n");
}

// Data files that moved are not an error at open: the viewer lists them and asks for their new location.
// Relative paths are read relative to the project file.
TEST(ViewerProject, MissingDataFilesAreListedAndNamedInTheMessage) {
  auto dir = test::scratch_dir();
  fs::create_directories(dir / "proj");
  std::ofstream(dir / "proj" / "t.csv") << "code,v\n";
  fs::path p = dir / "proj" / "moved.nbhd.json";
  std::ofstream(p) << project("{\"boundaries\": \"gone.gpkg\", \"indicators\": [\"t.csv\", \"" +
                                  (dir / "old.csv").string() + ":code\"]}",
                              ", \"view\": {\"centre\": [530000, 180000], \"metres_per_pixel\": 12.5}, "
                              "\"selection\": [\"E01000001\"]");
  view::Project s = view::read_project(p.string());
  EXPECT_EQ(s.sources.boundaries, "gone.gpkg");  // not found beside the project either
  EXPECT_EQ(s.sources.indicators[0], (dir / "proj" / "t.csv").string());  // found beside the project
  EXPECT_EQ(s.missing, (std::vector<std::string>{"gone.gpkg", (dir / "old.csv").string()}));
  ASSERT_TRUE(s.centre);
  EXPECT_EQ(s.centre->x, 530000);
  EXPECT_EQ(s.mpp, 12.5);
  EXPECT_EQ(s.selection, std::vector<std::string>{"E01000001"});
  EXPECT_EQ(
      view::missing_files_message(s.missing),
      "2 data files of the project are missing (gone.gpkg, ...): type their new location under Project and "
      "press Load");
  EXPECT_EQ(
      view::missing_files_message({"gone.gpkg"}),
      "data file gone.gpkg of the project is missing: type its new location under Project and press Load");
  EXPECT_EQ(view::missing_files_message({}), "");
}

}  // namespace
}  // namespace nbhd
