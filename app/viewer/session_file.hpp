#pragma once
// Project files (PROJECT.nbhd.json): data sources, indicator, classification, palette, extent and selection,
// saved atomically and restored by `nbhd view PROJECT.nbhd.json`. A missing data file is not an error at
// open: the viewer lists it and offers to relocate it.
#include <optional>
#include <string>
#include <vector>

#include "app/viewer/view_data.hpp"
#include "geo/model/geometry.hpp"
#include "render/style/map_style.hpp"

namespace nbhd::view {

class Viewer;

struct Session {
  Sources sources;
  StyleSpec spec;
  std::optional<Point> centre;
  double mpp = 0;
  std::vector<std::string> selection;  // area codes
  double asset_within = 1000;          // the Assets panel's distance D
  std::vector<std::string> hidden_categories;  // asset categories switched off in the Assets panel
  std::vector<std::string> missing;    // data files that do not exist (boundaries, tables, layers)
};

// Throws nbhd::Error naming the file when it is not a readable nbhd project.
Session read_session(const std::string& path);
std::string session_json(const Viewer& v);
// The one line the viewer shows for a project whose data files are missing ("" when none is).
std::string missing_files_message(const std::vector<std::string>& missing);
void write_session(const std::string& path, const Viewer& v);

// Called at start-up: remembers the extent and selection for when the data has loaded, and holds the
// load back while a data file is missing.
void apply_session_view(Viewer& v, const Session& s);
// Called when data has loaded: applies what apply_session_view remembered.
void pending_session_apply(Viewer& v);

}  // namespace nbhd::view
