#pragma once
// Spatial weights: who neighbours whom, and with what weight, as compressed rows (CSR). Built by
// contiguity.hpp (queen/rook), knn.hpp (k nearest, distance band) or read from GeoDa's GAL/GWT files
// (gal_io.hpp); used by the statistics in geo/stats (Moran's I, LISA, Gi*).
//
// Contract: row i lists the neighbours of area i (indices into the layer, ascending, never i itself) with
// one weight each. An area with an empty row is an island; islands are counted and reported by summarise(),
// never dropped. Building weights is O(links) memory; transforming (row-standardising, subsetting) is one
// pass over the links.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nbhd {

enum class WeightsStyle {
  Binary,  // every link weighs 1 (or what a GWT file says)
  Row,     // each row sums to 1 (GeoDa's and PySAL's default for LISA)
};
const char* to_string(WeightsStyle s);
// "row", "r", "binary", "b"; throws nbhd::Error listing them otherwise.
WeightsStyle parse_weights_style(std::string_view s);

struct SpatialWeights {
  std::vector<uint32_t> offsets{0};  // size() + 1 entries; row i is [offsets[i], offsets[i+1])
  std::vector<uint32_t> neighbours;  // ascending within a row
  std::vector<double> weights;       // one per link
  std::string kind;                  // "queen", "rook", "knn 6", "band 1500 m", "GAL file x.gal", ...

  size_t size() const { return offsets.size() - 1; }
  size_t links() const { return neighbours.size(); }
  size_t count(size_t i) const { return offsets[i + 1] - offsets[i]; }
  // True when j is a neighbour of i and i of j with the same weight, for every link.
  bool symmetric() const;
};

// Builds rows from (i, j, w) links; duplicates keep the first weight, self links are dropped.
struct Link {
  uint32_t i, j;
  double w = 1;
};
SpatialWeights weights_from_links(size_t n, std::vector<Link> links, std::string kind);

// Weights of the given style: Binary keeps the stored weights, Row divides every row by its sum.
SpatialWeights with_style(const SpatialWeights& w, WeightsStyle style);

// The weights among the areas with keep[i] true, renumbered 0..m-1 in order; links to dropped areas go.
SpatialWeights subset(const SpatialWeights& w, const std::vector<bool>& keep);

struct WeightsSummary {
  size_t areas = 0, links = 0, islands = 0;
  size_t min_neighbours = 0, max_neighbours = 0;
  double mean_neighbours = 0;
  bool symmetric = true;
  std::vector<size_t> island_rows;  // every island, ascending
};
WeightsSummary summarise(const SpatialWeights& w);

}  // namespace nbhd
