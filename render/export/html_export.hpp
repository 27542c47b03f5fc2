#pragma once
// Writing a MapDocument as one self-contained interactive HTML page: the areas drawn on a canvas by our own
// inline script (no network, no library), hover tooltips with each area's code, name, values and class,
// the legend with counts, a scale bar, the attribution, pan (drag) and zoom (wheel, +/- buttons).
//
// Size: the geometry is simplified (Douglas-Peucker) to half a pixel at the initial fit and quantised to
// integers, delta-encoded, in two levels of detail: a coarse one for the whole map and a fine one (eight
// times the resolution) the page swaps in when zoomed in by more than 2x. Areas are painted in one path per
// colour. The page tests itself when its URL ends in #selftest or #selftest=CODE (see html_page.cpp).
#include <filesystem>
#include <string>
#include <vector>

#include "base/progress.hpp"
#include "geo/model/area_layer.hpp"
#include "render/document/map_document.hpp"
#include "render/style/map_style.hpp"

namespace nbhd {

// What a hover shows for each area of the document (same order as MapDocument::areas).
struct HtmlTooltips {
  std::vector<std::string> codes, names;    // names may be empty
  std::vector<std::string> value_names;     // the mapped column (and the bivariate pair's second)
  std::vector<std::vector<double>> values;  // [value_names index][area]; NaN = no data
  std::vector<std::string> class_names;     // every class an area can be in
  std::vector<int> class_of;                // per area, index into class_names; -1 = none
};

// The tooltips of a styled layer: codes, names, the spec's column (and bivariate column) looked up in
// `extra` first when given (columns computed after loading), then in the layer; the class is the legend
// label of the area's class ("No data" when it has none), or for a bivariate map "X low, Y high".
HtmlTooltips html_tooltips(const AreaLayer& layer, const StyleSpec& spec, const MapStyle& style,
                           const Table* extra = nullptr);

struct HtmlOptions {
  const HtmlTooltips* tooltips = nullptr;  // not owned; none: the hover shows the area's index only
  int fit_px = 1200;                       // the longer side of the map at the initial fit, in CSS pixels
  double simplify_px = 0.5;                // Douglas-Peucker tolerance at that fit (fine level: divided by 8)
  bool overwrite = true;
  Progress progress;  // polled every few hundred areas; asking to stop throws nbhd::Cancelled
};

struct HtmlStats {
  size_t bytes = 0;
  size_t coarse_vertices = 0, fine_vertices = 0, source_vertices = 0;
};

// Writes `out` atomically (temporary name, then rename). Throws nbhd::Error when the file cannot be
// written or the tooltips do not match the areas.
HtmlStats export_html(const MapDocument& doc, const std::filesystem::path& out, const HtmlOptions& opt);

// The page's script and style (html_page.cpp): exposed so that the test can check they reach no network.
const char* html_page_style();
const char* html_page_script();

}  // namespace nbhd
