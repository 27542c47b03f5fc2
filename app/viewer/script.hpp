#pragma once
// Scripted input for tests and demos (`nbhd view ... --script FILE`): one command a line, '#' comments.
//   size W H | wait-loaded | frames N | move X Y | click X Y [shift] | drag X0 Y0 X1 Y1 | wheel X Y D
//   key NAME (F, Escape, Plus, Minus, Left, Right, Up, Down, Enter, Slash, Z, Backspace, A; Ctrl+NAME
//   holds Ctrl: Ctrl+A selects a text field's contents) | type TEXT | click-item NAME (a widget by the
//   name its panel notes, app/viewer/ui_items.hpp, e.g. export.size, export.size.A4, dialog.crumb.1)
//   legend-click N | screenshot PATH | dump PATH | quit
//   open ROLE (boundaries|table|assets|project: the open dialog, as its button) | drop PATH... (as files
//   dropped on the window) | export PATH W H | export PATH A4|A3 DPI [landscape] | wait-export
//   save PROJECT | relocate OLD NEW (type NEW for a missing file, press Load) | dual COLUMN PERCENT
//   hist-drag V0 V1 (a mouse drag across the histogram from value V0 to V1)
//   dialog-header N (a click on the open dialog's column header N: 0 name, 1 size, 2 modified)
//   Assets panel: assets-within METRES | wait-assets (until the panel lists the current selection and D) |
//   asset-category-click CATEGORY (its checkbox) | asset-row-click N (row N of the list, 0 = top)
//   Gaps panel: gaps-within METRES (out of range: the panel's error) | wait-gaps (until the map has the
//   columns for the current settings) | gaps-categories A,B|all | gaps-groups FILE|none |
//   gaps-denominator COLUMN|none | gaps-coverage on|off | gaps-map MEASURE [UNIT] (missing, within, ...)
//   bivariate COLUMN|none (the second variable of a bivariate map, as the Style panel's)
//   Statistics window: stats NAME VALUE (an option: open on|off, tab lisa|left-behind|change, column C,
//   bivariate C|none, statistic moran|gi, permutations N, seed S, alpha A, correction C, weights W,
//   condition TEXT, rank-a/decile-a/rank-b/decile-b C) | wait-stats (until no job runs) |
//   scatter-drag X0 Y0 X1 Y1 (a mouse drag across the Moran scatter plot between those values and lags)
//   Levels: level NAME (LSOA, Ward, Local authority: as the Data panel's Level control) | wait-level (until
//   no level is being made) | level-weight COLUMN|none | level-zoom on|off
//   wait-exact (until the displayed map is its exact render) | map-cache on|off | panel-cache on|off |
//   map-budget MS TRIANGLES
//   basemap on|off|OPACITY (the Map panel's basemap checkbox, or its fill-opacity slider, 0 to 1)
// Coordinates are window pixels from the top left. The viewer feeds these as input to the same ImGui
// frame loop a person drives, so every handler runs as it would for real input.
#include <string>
#include <vector>

namespace nbhd::view {

struct ScriptStep {
  std::string cmd;
  std::vector<std::string> args;
  int line = 0;
};

// Throws nbhd::Error naming the file and line for an unknown command or a wrong argument count.
std::vector<ScriptStep> read_script(const std::string& path);

// GLFW key code of a script key name; -1 when unknown.
int script_key(const std::string& name);

}  // namespace nbhd::view
