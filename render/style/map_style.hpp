#pragma once
// How a choropleth is styled from a layer's column: classification + palette (or the 3 x 3 bivariate
// classes of two columns) turned into one fill per area and the legend entries. Shared by `nbhd render`
// and the viewer, so the exported map and the screen always agree.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "geo/model/area_layer.hpp"
#include "geo/stats/classify.hpp"
#include "geo/stats/flag.hpp"
#include "render/document/map_document.hpp"
#include "render/style/category_symbols.hpp"  // point symbols: callers of the map style use both
#include "render/style/palette.hpp"

namespace nbhd {

struct StyleSpec {
  std::string column;
  ClassifyMethod method = ClassifyMethod::Quantile;
  int classes = 5;
  std::string palette;  // "" = default for the method (RdBu for categorical, YlOrRd otherwise)
  bool reverse = false;
  Rgb nodata = kDefaultNoData;
  std::string bivariate;         // second column; "" = univariate
  std::string bivariate_scheme;  // "" = the first scheme
  // Diverging map centred on this value (e.g. 0 for a change): symmetric equal-width classes around it,
  // the middle class holding the centre; `classes` must be odd. The default palette is then RdBu (low =
  // red). Replaces `method`.
  std::optional<double> centre;
};

struct MapStyle {
  std::vector<Rgba> fills;          // one per area
  std::vector<int> class_of;        // per area: class (univariate) or bivariate cell 0..8; -1 = no data
  std::vector<LegendEntry> legend;  // univariate classes, in order
  std::optional<LegendEntry> no_data;
  std::optional<BivariateLegend> bivariate;
  std::optional<Classification> classification;  // univariate only
  std::optional<FlagResult> flag;                // bivariate only
  std::string palette;                           // the palette actually used
};

// The inner breaks of a diverging classification: `classes` (odd) classes of equal width w around
// `centre`, the middle one [centre - w/2, centre + w/2], reaching the value furthest from the centre.
std::vector<double> diverging_breaks(const std::vector<double>& values, double centre, int classes);

// The palette used when the spec names none.
std::string default_palette(ClassifyMethod m);

// Throws nbhd::Error for an unknown column, palette or scheme, or bad classes. Columns are looked up in
// `extra` first when given (columns computed after loading, one row per area), then in the layer.
MapStyle style_map(const AreaLayer& layer, const StyleSpec& spec, const Table* extra = nullptr);

inline Rgba rgba(Rgb c) {
  return Rgba{c.r, c.g, c.b, 255};
}

}  // namespace nbhd
