#pragma once
// The whole local-statistics pipeline of one indicator over one layer, as `nbhd lisa` and the viewer's
// Statistics panel both run it: the weights (weights_spec.hpp) built over the layer and narrowed to the
// chosen areas, the local Moran (or the bivariate local Moran against a second column) with its global I,
// and optionally Getis-Ord Gi*. One function, so the CLI's CSV and the panel's columns cannot disagree.
#include <optional>
#include <string>
#include <vector>

#include "geo/model/area_layer.hpp"
#include "geo/spatial/weights_spec.hpp"
#include "geo/stats/getis_ord.hpp"
#include "geo/stats/local_moran.hpp"

namespace nbhd {

struct LisaRunOptions {
  std::string column;   // the indicator
  std::string column2;  // "" = univariate; else the bivariate local Moran of column against column2's lag
  WeightsSpec weights;  // queen contiguity by default
  LisaOptions lisa;     // style, permutations, seed, cut-off, correction, progress (may cancel)
  bool gi = false;      // also Getis-Ord Gi*
};

struct LisaRun {
  std::vector<size_t> rows;  // the layer's rows analysed, in order (every row unless narrowed)
  std::vector<double> x, y;  // the indicator (and column2) at those rows; NaN = missing
  SpatialWeights weights;    // over `rows`, binary
  LisaResult result;         // one entry per entry of `rows`
  std::optional<GiResult> gi;
};

// `rows` empty = every area of the layer. `extra`, when given, holds columns computed outside the layer (one
// row per area of the layer, as the viewer's gap indicators); a column is looked up there first, then in the
// layer. Throws nbhd::Error for an unknown or non-numeric column, a column blank for every area (naming the
// layer and what to check), bad weights or options; nbhd::Cancelled when the progress callback says stop.
LisaRun run_lisa(const AreaLayer& layer, const LisaRunOptions& opt, std::vector<size_t> rows = {},
                 const Table* extra = nullptr);

}  // namespace nbhd
