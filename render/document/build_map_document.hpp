#pragma once
// One way from loaded layers and their style to the MapDocument that export_map draws: `nbhd render`, the
// viewer's Export and (next) briefs and atlases all come through here, so the rules every map follows
// (no area borders above 4000 visible areas, the default title, the outline's legend line) live once.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "geo/model/area_layer.hpp"
#include "geo/model/point_layer.hpp"
#include "geo/tables/column_metadata.hpp"
#include "render/document/map_document.hpp"
#include "render/style/map_style.hpp"

namespace nbhd {

// A boundary-only layer (wards, local authorities) drawn over the fills.
struct MapOutline {
  const AreaLayer* layer = nullptr;  // not owned
  std::string path;                  // the file it came from: names it when its codes say nothing
  std::string label_field;           // --outline-labels: its features' names drawn on the map ("" = none)
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
  std::optional<std::string> legend_title;       // none: the column (nothing over a bivariate legend)
  std::vector<std::string> sources;              // attribution lines under the OS copyright line
  std::vector<uint32_t> selection;               // highlighted areas
  std::map<std::string, Rgba> category_colours;  // asset categories the user gave a colour
  // Readable names (--label, --metadata): the default title, legend title and bivariate axis names use
  // the label, the subtitle (when none is given) says which way is worse, and each mapped column's source
  // is added to the attribution.
  ColumnLabels labels;
  std::string label_field;  // --labels: a field of the areas (or "name"/"code") drawn on the map; "" = none
  // --basemap: a raster under the fills, which are then drawn at `basemap_opacity` (0..1). Its attribution
  // (`basemap_attribution`, else the dataset's own, else its file name) is appended to the last attribution
  // line. A basemap that misses the map is left out with a line in MapDocument::warnings.
  std::string basemap;
  double basemap_opacity = 0.7;
  std::string basemap_attribution;
};

// The document points into `areas`, the outline layers and `assets` (not owned): keep them alive and
// unchanged until it has been drawn. `assets` (may be null) are drawn coloured by category.
// Throws nbhd::Error for focus codes that name no area, --focus together with a bbox, a label field
// the layer does not have, a basemap GDAL cannot read as a georeferenced raster, or an opacity outside 0..1.
MapDocument build_map_document(const AreaLayer& areas, const MapStyle& style,
                               const std::vector<MapOutline>& outlines, const PointLayer* assets,
                               const MapDocumentOptions& o);

// The names of `field` of every feature of `layer` at their poles of inaccessibility, for MapDocument::labels
// (`nbhd render --labels` and the viewer's labels alike). `field`: a field of the layer's table, or its
// detected name or code field (also as "name" / "code"). Throws nbhd::Error naming the file and its fields
// for a field it does not have.
LabelLayer label_layer(const AreaLayer& layer, const std::string& field, double size_pt, bool bold);

// An outline layer's legend line: "Ward boundaries" from the kind of its codes, else the file's name
// ("Wards_2024"), first letter in capitals.
std::string outline_label(const AreaLayer& layer, const std::string& path);

}  // namespace nbhd
