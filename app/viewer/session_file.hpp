#pragma once
// Projects (PROJECT.nbhd.json): data sources, indicator, classification, palette, extent, selection and
// the Assets panel's settings, as a value. capture() takes it from a viewer and apply() gives it to one;
// saving is capture + write_project, opening is read_project + apply. A missing data file is not an error
// at open: the viewer lists it and offers to relocate it.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/viewer/panel_gaps.hpp"
#include "app/viewer/view_data.hpp"
#include "geo/model/geometry.hpp"
#include "render/style/map_style.hpp"

namespace nbhd::view {

class Viewer;

struct Project {
  Sources sources;
  StyleSpec spec;
  std::optional<Point> centre;
  double mpp = 0;
  std::vector<std::string> selection;          // area codes
  double asset_within = 1000;                  // the Assets panel's distance D
  std::vector<std::string> hidden_categories;  // asset categories switched off in the Assets panel
  GapSettings gaps;                            // the Gaps panel: D, categories, groups, denominator, measure
  std::map<std::string, Rgba> category_colours;  // asset categories given a colour of the user's
  std::string metadata;                          // column metadata table ("" = none)
  std::vector<std::string> labels;               // "COLUMN=Label", over the table's
  bool basemap_on = true;                        // the basemap (sources.basemap) shown
  double basemap_opacity = 0.7;                  // the fills' opacity over it
  std::vector<std::string> missing;              // data files that do not exist (boundaries, tables, layers)
  std::string level;         // the Level control: "Ward", "Local authority"; "" = the loaded layer's own
  std::string level_weight;  // its weight column ("" = plain means)
  bool level_with_zoom = false;
};

// Throws nbhd::Error naming the file when it is not a readable nbhd project.
Project read_project(const std::string& path);
std::string project_json(const Project& p);
void write_project(const std::string& path, const Project& p);
// The one line the viewer shows for a project whose data files are missing ("" when none is).
std::string missing_files_message(const std::vector<std::string>& missing);

// The project the viewer shows now (its data sources, style, view, selection and Assets settings).
Project capture(const Viewer& v);
// Makes the viewer show `p`: its sources and style now, its data loading (unless a data file is missing:
// then the Project panel asks for it), and its view and selection once that data has arrived.
void apply(Viewer& v, const Project& p);

}  // namespace nbhd::view
