#pragma once
// Which weights to build for a layer, as the CLI and the viewer name them: "queen" (default), "rook",
// "knn:K", "band" (the smallest band with no island), "band:D" (metres in the working CRS), or the path of
// a GeoDa .gal/.gwt file made for the same areas.
#include <string>
#include <string_view>

#include "geo/model/area_layer.hpp"
#include "geo/spatial/contiguity.hpp"
#include "geo/spatial/weights.hpp"

namespace nbhd {

struct WeightsSpec {
  enum class Kind { Queen, Rook, Knn, Band, File } kind = Kind::Queen;
  size_t k = 0;         // Knn
  double distance = 0;  // Band; 0 = the smallest distance that leaves no island
  double snap = ContiguityOptions{}.snap;
  std::string file;  // File
};

// Throws nbhd::Error naming the accepted forms for anything else.
WeightsSpec parse_weights_spec(std::string_view s);

// Builds (or reads) the weights over the layer's areas, in binary form. Throws nbhd::Error for k out of
// range, a bad distance or a weights file made for other areas.
SpatialWeights build_weights(const AreaLayer& layer, const WeightsSpec& spec);

}  // namespace nbhd
