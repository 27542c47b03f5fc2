#pragma once
// Page layout of an exported map: title block, map frame, legend column (classes with counts, no-data,
// or a 3x3 bivariate grid; point categories; boundary layers), north arrow, scale bar, attribution.
// Everything is placed in points (page coordinates, y down) and drawn with Cairo, so PNG, SVG and PDF
// share one layout exactly.
#include <cairo.h>

#include <string>
#include <vector>

#include "base/progress.hpp"
#include "render/document/labels.hpp"
#include "render/document/map_document.hpp"
#include "render/document/text_sink.hpp"
#include "render/document/vector_sink.hpp"
#include "render/scene/scene.hpp"

namespace nbhd {

struct RectPt {
  double x = 0, y = 0, w = 0, h = 0;
};

struct MapLayout {
  RectPt frame;                // the map frame on the page
  PixelTransform world_to_pt;  // world -> page points
  BBox visible;                // world extent of the frame (>= document extent, same aspect as the frame)
  RectPt legend_column;
  std::vector<RectPt> swatches;         // legend classes, then the no-data entry
  std::vector<RectPt> bivariate_cells;  // 9, row-major from the lowest y class
  std::vector<RectPt> point_swatches;
  RectPt north_arrow;
  RectPt scale_bar;             // the bar itself
  double scale_bar_metres = 0;  // ground distance it stands for
  std::string scale_bar_label;
  double metres_per_unit = 1;       // ground metres per map unit at the centre (CRS-true)
  std::vector<PlacedLabel> labels;  // names placed on the map (labels.hpp's rules)
};

// Places everything. Throws nbhd::Error when the page is too small for a map frame.
MapLayout compute_layout(const MapDocument& doc, const PageSpec& page);

// Page background (vector outputs; PNG clears its strips itself).
void draw_background(cairo_t* cr, const MapDocument& doc, const PageSpec& page);
// Everything but the map content, over it: frame, texts, legend, north arrow, scale bar. `cr` is in points.
// With a `sink`, texts are collected there (page points) instead of drawn (SVG writes them as <text>).
void draw_layout(cairo_t* cr, const MapDocument& doc, const MapLayout& layout, TextSink* sink = nullptr);
// How the areas become paths: one per area (SVG consumers pick areas apart), or one per fill colour
// (looks the same, and a PDF page is written in a fraction of the operations).
enum class AreaPaths { PerArea, PerColour };
// The map content as vectors (SVG/PDF): areas (each with its border), one path per boundary layer, points.
// Clipped to the frame. `progress` is polled every few hundred areas (throws nbhd::Cancelled when it asks to
// stop).
void draw_map_vectors(cairo_t* cr, const MapDocument& doc, const MapLayout& layout,
                      const Progress& progress = {}, AreaPaths paths = AreaPaths::PerArea);
// The same into any sink (vector_sink.hpp): the atlas writes PDF content streams directly.
void draw_map_vectors(VectorSink& sink, const MapDocument& doc, const MapLayout& layout,
                      const Progress& progress = {}, AreaPaths paths = AreaPaths::PerArea);

// "12,345"
std::string thousands(long long n);

}  // namespace nbhd
