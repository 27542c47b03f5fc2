#pragma once
// Local Getis-Ord Gi* (Getis and Ord 1992; Ord and Getis 1995): is an area, with its neighbours, a hot or a
// cold spot? The star form counts the area itself among its neighbours (self-weight 1 before the options'
// style is applied), and the statistic is reported as its z-score, as spdep's localG with include.self():
//   Gi*_i = (sum_j w_ij x_j - W_i mean) / (s sqrt((n S1_i - W_i^2) / (n - 1))),
//   W_i = sum_j w_ij, S1_i = sum_j w_ij^2, s^2 = sum (x - mean)^2 / n.
// p-values are two-sided normal; hot spot: z > 0 and p within the cut-off; cold spot: z < 0. Areas with a
// missing value are left out, as in local_moran.hpp; areas with no neighbour but themselves are
// neighbourless. Speed: O(links).
#include <array>
#include <string>
#include <vector>

#include "geo/spatial/weights.hpp"
#include "geo/stats/local_moran.hpp"

namespace nbhd {

enum GiCluster : int { kGiNotSignificant = 0, kGiHot = 1, kGiCold = 2, kGiNeighbourless = 3 };
const char* gi_cluster_label(int cluster);  // "Hot spot", ...; "No data" for -1

struct GiResult {
  std::vector<double> z, p;  // per input area; NaN where left out or neighbourless
  std::vector<int> cluster;  // GiCluster; -1 = missing value
  double cutoff = 0;
  std::array<size_t, 4> counts{};
};

// Uses opt.style, opt.alpha and opt.correction (no permutations).
GiResult local_gi_star(const std::vector<double>& x, const SpatialWeights& w, const LisaOptions& opt,
                       const std::string& column);

}  // namespace nbhd
