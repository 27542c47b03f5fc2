#pragma once
// Everything an exported map shows, already styled: the renderer takes decided colours and legend
// entries, and knows nothing of classification or palettes (geo/classify, render/palette decide those).
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "geo/model/geometry.hpp"
#include "geo/spatial/label_point.hpp"
#include "render/style/color.hpp"
#include "render/style/symbol_shape.hpp"

namespace nbhd {

struct LegendEntry {
  std::string label;  // e.g. "1 (most deprived)" or "12.3 – 18.9"
  Rgba colour;
  long long count = -1;                     // areas (or points) in the class; < 0 hides the count
  SymbolShape shape = SymbolShape::circle;  // point legends' swatch
};

// A 3 x 3 bivariate legend: cells[row * 3 + col], row 0 = lowest class of y, col 0 = lowest of x.
struct BivariateLegend {
  std::string x_title, y_title;
  std::array<Rgba, 9> cells{};
  std::array<long long, 9> counts{-1, -1, -1, -1, -1, -1, -1, -1, -1};
};

// A boundary-only layer drawn over the fills (wards, local authorities).
struct OutlineLayer {
  std::string label;                                 // legend line, "" = none
  const std::vector<MultiPolygon>* geoms = nullptr;  // not owned
  Rgba colour{30, 30, 30, 255};
  double width_pt = 0.9;
};

struct PointSymbols {
  std::string title;                        // legend heading, e.g. "Community assets"
  const std::vector<Point>* pts = nullptr;  // not owned
  std::vector<Rgba> colours;                // one per point (its category's colour)
  std::vector<SymbolShape> shapes;          // one per point, or empty: all circles
  std::vector<LegendEntry> legend;          // one per category
  double radius_pt = 2.2;
};

// Names of one layer's features drawn on the map (render/document/labels.hpp places them).
struct LabelLayer {
  std::vector<std::string> texts;   // one per feature ("" = none)
  std::vector<LabelPoint> anchors;  // one per feature, in `crs`
  std::vector<uint8_t> selected;    // per feature (may be empty): selected features are placed first
  double size_pt = 6.5;
  bool bold = false;
};

// A raster under the fills (render/export warps it to the frame's pixel grid when it draws the map).
struct MapBasemap {
  std::string source;         // a file (or URL) GDAL opens as a raster; geo/vector/basemap.hpp
  double fill_opacity = 0.7;  // the area fills' opacity over it (PNG, SVG, PDF; the HTML page leaves it out)
};

struct MapDocument {
  // Content
  const std::vector<MultiPolygon>* areas = nullptr;  // not owned; in `crs`
  std::vector<Rgba> fills;                           // one per area
  Rgba border_colour{255, 255, 255, 255};
  double border_width_pt = 0.15;  // 0 = no area borders
  std::vector<OutlineLayer> outlines;
  std::vector<uint32_t> selection;  // highlighted areas
  Rgba selection_colour{0, 200, 255, 255};
  std::optional<PointSymbols> points;
  std::vector<LabelLayer> labels;  // earlier layers' names are placed first
  std::optional<MapBasemap> basemap;
  std::string crs = "EPSG:27700";  // of every coordinate; drives the scale bar
  BBox extent;                     // what must be visible; widened to the frame's aspect

  // Layout
  std::string title, subtitle;
  std::string legend_title;
  std::vector<LegendEntry> legend;           // classes, in order
  std::optional<LegendEntry> no_data;        // shown after the classes
  std::optional<BivariateLegend> bivariate;  // replaces `legend` when set
  std::vector<std::string> attribution = {"Contains OS data © Crown copyright and database right"};
  bool north_arrow = true;
  bool scale_bar = true;
  Rgba background{255, 255, 255, 255};
  // Said to the user (nbhd render's stderr, the viewer's status line), never drawn: e.g. a basemap that
  // misses the map and was left out.
  std::vector<std::string> warnings;
};

// The page: its size in points (1/72 in), the raster resolution, and (for PNG) the pixel size.
struct PageSpec {
  double width_pt = 595.276, height_pt = 841.89;
  double px_per_pt = 300.0 / 72;
  int width_px = 0, height_px = 0;
  bool pixel_units = false;  // sized by --width/--height: SVG is written in px
};

// The sizes an export accepts (the CLI's options and the viewer's Export dialog alike).
inline constexpr int kMinImagePx = 100, kMaxImagePx = 50000;
inline constexpr double kMinDpi = 30, kMaxDpi = 1200;

// --width/--height: layout sizes are in points of a page whose shorter side is 595 pt (A4 width), so
// text keeps the same proportion to the map at any pixel size.
PageSpec page_from_pixels(int width_px, int height_px);
// --paper A4|A3 [--landscape] --dpi N. Throws nbhd::Error for an unknown paper name.
PageSpec page_from_paper(const std::string& paper, double dpi, bool landscape);

}  // namespace nbhd
