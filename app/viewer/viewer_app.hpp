#pragma once
// The viewer as a program: opens the window, sets up OpenGL and ImGui, runs the Viewer until the window
// closes (or its script quits) and tears it all down. `nbhd view` (app/cmd_view.cpp) parses its
// arguments into ViewOptions; nothing here knows the command line.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/viewer/script.hpp"
#include "app/viewer/session_file.hpp"
#include "app/viewer/view_data.hpp"
#include "render/style/map_style.hpp"

namespace nbhd::view {

struct ViewOptions {
  Sources sources;                 // what to load first (boundaries empty: start with nothing loaded)
  StyleSpec style;                 // the first classification
  std::optional<Project> project;  // a project opened at start-up (applied over `sources` and `style`)
  int width = 1280, height = 800;  // window size in pixels
  std::vector<ScriptStep> script;  // scripted input (tests), empty for a person at the keyboard
  int bench_frames = 0;            // > 0: run the frame bench (app/viewer/frame_bench.hpp) and report
  bool map_cache = true;           // false: draw the whole map every frame
  std::string asset_groups;        // the Gaps panel's group table (group,category CSV), "" = none
  std::map<std::string, Rgba> category_colours;  // --category-colour: over the project's, if any
  std::string metadata;                          // --metadata (else the project's)
  std::vector<std::string> labels;               // --label texts, after the project's
  std::string label_field, outline_label_field;  // --labels, --outline-labels: names on the map
  std::string level, level_weight;               // --level, --level-weight: the Level control at start
  std::optional<double> basemap_opacity;         // --basemap-opacity (else the project's, else 0.7)
};

// Throws nbhd::Error when no window can be opened. Returns the exit status.
int run_viewer(const ViewOptions& o);

}  // namespace nbhd::view
