#pragma once
// The two maps of a brief: the locator (the whole boundary layer, rasterised once for every page, with the
// area marked in vectors) and the focus map (the area outlined among its neighbours, coloured by the first
// indicator, with names, assets by category, scale bar and north arrow), which is a MapDocument built by
// build_map_document and drawn by the map layout, like `nbhd render --focus`.
#include <cairo.h>

#include <map>
#include <memory>
#include <optional>

#include "render/brief/brief.hpp"
#include "render/brief/brief_figures.hpp"
#include "render/document/cairo_handle.hpp"
#include "render/document/layout.hpp"
#include "render/scene/scene.hpp"
#include "render/style/map_style.hpp"

namespace nbhd {

inline constexpr double kLocatorSize = 112;  // points, square
inline constexpr double kFocusHeight = 300;

struct BriefMaps {
  CairoSurfacePtr locator;       // the layer in grey, kLocatorSize square at 3 px per point
  PixelTransform locator_to_pt;  // world -> locator points
  MapStyle style;                // fills of the focus map
  std::string column;            // the mapped column ("" = none: grey areas)
  const BriefOptions* opt = nullptr;
  std::map<std::string, Rgba> category_colours;  // the whole asset set's, so every page agrees
};

BriefMaps prepare_brief_maps(const AreaLayer& layer, const BriefOptions& opt, const BriefFigures& figs);

// The locator with `area` marked, its top-left corner at (x, y).
void draw_locator(cairo_t* cr, const BriefMaps& m, const MultiPolygon& area, double x, double y);

// The focus map of area `i`, `w` wide and at least `h` tall (taller when its legend needs it: the legend's
// lines end above the north arrow), legend inside. The document points into `near` (the assets on it).
struct FocusMap {
  PointLayer near;
  MapDocument doc;
  MapLayout layout;
  double height = 0;  // points used on the page
};
std::unique_ptr<FocusMap> focus_map(const BriefMaps& m, const AreaLayer& layer, size_t i, double w, double h);
// The same for several areas (a brief's summary page): all of them outlined, the map over all of them.
std::unique_ptr<FocusMap> focus_map(const BriefMaps& m, const AreaLayer& layer,
                                    const std::vector<size_t>& areas, double w, double h);
// Draws it with its top-left corner at (x, y).
void draw_focus_map(cairo_t* cr, const FocusMap& fm, double x, double y);

}  // namespace nbhd
