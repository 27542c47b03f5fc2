#pragma once
// One way from loaded layers and their style to the MapDocument that export_map draws: `nbhd render`, the
// viewer's Export and (next) briefs and atlases all come through here, so the rules every map follows
// (no area borders above 4000 visible areas, the default title, the outline's legend line) live once.
#include <optional>
#include <string>
#include <vector>

#include "geo/model/area_layer.hpp"
#include "geo/model/point_layer.hpp"
#include "render/document/map_document.hpp"
#include "render/style/map_style.hpp"

namespace nbhd {

// A boundary-only layer (wards, local authorities) drawn over the fills.
struct MapOutline {
  const AreaLayer* layer = nullptr;  // not owned
  std::string path;                  // the file it came from: names it when its codes say nothing
};

struct MapDocumentOptions {
  std::string column;  // the mapped column: the default title and legend title name it
  // What the map shows: the areas named by `focus` (as focus_areas takes them) grown by `padding`; else
  // `bbox`; else the whole layer with a hair of padding (none without a layout: no frame line to keep
  // coastlines off).
  std::vector<std::string> focus;
  double padding = 0.05;
  std::optional<BBox> bbox;
  bool layout = true;
  std::optional<double> border_width_pt;  // none: 0.2 pt, or no borders above 4000 visible areas
  std::optional<std::string> title;       // none: "COLUMN by CODE_KIND" (or the column alone)
  std::string subtitle;
  std::optional<std::string> legend_title;  // none: the column (nothing over a bivariate legend)
  std::vector<std::string> sources;         // attribution lines under the OS copyright line
  std::vector<uint32_t> selection;          // highlighted areas
};

// The document points into `areas`, the outline layers and `assets` (not owned): keep them alive and
// unchanged until it has been drawn. `assets` (may be null) are drawn coloured by category.
// Throws nbhd::Error for focus codes that name no area, or --focus together with a bbox.
MapDocument build_map_document(const AreaLayer& areas, const MapStyle& style,
                               const std::vector<MapOutline>& outlines, const PointLayer* assets,
                               const MapDocumentOptions& o);

// An outline layer's legend line: "Ward boundaries" from the kind of its codes, else the file's name
// ("Wards_2024"), first letter in capitals.
std::string outline_label(const AreaLayer& layer, const std::string& path);

}  // namespace nbhd
