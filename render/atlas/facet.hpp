#pragma once
// Small multiples: a grid of maps of the same areas, one per column (the seven IMD domains, 2019 against
// 2025), classified with one set of breaks computed over every panel's values together, so a colour means
// the same range in every panel and one legend serves them all. Each panel is titled with its column's
// label (column metadata). One page, written as PNG, SVG or PDF through Cairo with the map layout's title
// block, legend, north arrow, scale bar (true for the panels' scale) and attribution.
#include <filesystem>
#include <string>
#include <vector>

#include "base/progress.hpp"
#include "geo/model/area_layer.hpp"
#include "render/document/build_map_document.hpp"
#include "render/document/layout.hpp"
#include "render/document/map_document.hpp"
#include "render/style/map_style.hpp"

namespace nbhd {

struct FacetOptions {
  std::vector<std::string> columns;  // one panel each, in order (2 to 16)
  StyleSpec style;                   // method, classes, palette, reverse, no-data colour (column unused)
  MapDocumentOptions doc;            // title, sources, labels (metadata), focus/bbox, border width
  std::vector<MapOutline> outlines;
  bool overwrite = true;
  Progress progress;
};

struct FacetPanel {
  std::string column, title;
  RectPt frame;  // the panel's map frame (points)
  PixelTransform world_to_pt;
  std::vector<long long> counts;  // areas per class in this panel
};

struct FacetResult {
  std::vector<FacetPanel> panels;
  std::vector<LegendEntry> legend;  // the one legend: the shared classes
  Classification classes;           // over every panel's values
  MapLayout layout;                 // the page (legend, scale bar) around the grid
  PageSpec page;
};

// Throws nbhd::Error for an unknown column (naming it and the layer's columns), fewer than 2 or more than
// 16 columns, a bivariate style, or an output that is not .png, .svg or .pdf. The file is written atomically.
FacetResult write_facets(const AreaLayer& layer, const FacetOptions& o, const PageSpec& page,
                         const std::filesystem::path& out);

}  // namespace nbhd
