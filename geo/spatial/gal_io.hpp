#pragma once
// GeoDa's weights files, so weights travel between nbhd, GeoDa, PySAL (libpysal.io) and spdep (read.gal,
// read.gwt2nb, write.nb.gal).
//   GAL (contiguity, unweighted): a header line "0 N LAYER KEY" (GeoDa) or "N" (PySAL), then per area a
//       line "ID COUNT" and a line of COUNT neighbour IDs.
//   GWT (weighted links): the same header, then one line "ID NEIGHBOUR_ID WEIGHT" per link.
// IDs are the areas' codes (the layer's key field). Parsing is one pass over the text, O(size); every
// malformed input is one nbhd::Error naming the file and line, never a crash (tests/fuzz/fuzz_gal.cpp).
#include <string>
#include <string_view>
#include <vector>

#include "geo/spatial/weights.hpp"

namespace nbhd {

enum class WeightsFormat { Gal, Gwt };
// By extension: .gal or .gwt (any case); throws nbhd::Error otherwise.
WeightsFormat weights_format(std::string_view path);

// Weights as read: ids in order of first appearance, links by position in `ids`.
struct WeightsFile {
  std::vector<std::string> ids;
  std::vector<Link> links;
  size_t header_count = 0;  // N from the header
};

// `source` names the file in messages.
WeightsFile parse_weights(std::string_view text, WeightsFormat format, std::string_view source);
WeightsFile read_weights_file(const std::string& path);

// The file's weights over the layer's areas (`codes`, in layer order). Throws nbhd::Error when the file names
// an area the layer does not have, or lacks areas the layer has ("made for other areas"); `layer` names the
// layer in messages.
SpatialWeights weights_for_areas(const WeightsFile& f, const std::vector<std::string>& codes,
                                 std::string_view source, std::string_view layer);

// The text of a GAL or GWT file (GeoDa's header: "0 N LAYER KEY"). GAL keeps only who neighbours whom.
// Throws nbhd::Error for a blank code or one with a space, which the format cannot hold.
std::string format_weights(const SpatialWeights& w, const std::vector<std::string>& codes,
                           WeightsFormat format, std::string_view layer, std::string_view key);

}  // namespace nbhd
