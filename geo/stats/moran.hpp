#pragma once
// Global Moran's I of one indicator over spatial weights, with the analytical inference under normality and
// under randomisation (Cliff and Ord 1981, as spdep's moran.test and GeoDa give it) and a permutation test.
//
//   I = (n / S0) * sum_i sum_j w_ij z_i z_j / sum_i z_i^2,   z = x - mean(x),   S0 = sum of all weights.
// Islands (areas with no neighbour) count in n, the mean and the variance and add nothing to the double sum.
// The permutation test shuffles the values over all n areas, one seeded stream per permutation (same seed,
// same answer on any thread count). Speed: O(links) per permutation, permutations in parallel.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "geo/spatial/weights.hpp"

namespace nbhd {

struct GlobalMoran {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  size_t n = 0;
  double s0 = 0;
  double i = kNaN;
  double expected = kNaN;                                           // E[I] = -1 / (n - 1)
  double variance_normal = kNaN, z_normal = kNaN, p_normal = kNaN;  // two-sided
  double variance_random = kNaN, z_random = kNaN, p_random = kNaN;  // two-sided
  size_t permutations = 0;
  double perm_mean = kNaN, perm_sd = kNaN, z_perm = kNaN, p_perm = kNaN;  // p folded, as GeoDa's
};

// The areas that take part in a statistic (those with a value), and the weights among them in `style`.
struct AnalysedAreas {
  std::vector<uint32_t> rows;  // index in the layer of each analysed area
  SpatialWeights weights;      // over the analysed areas, renumbered
  size_t missing = 0;          // areas left out for a missing value
};
AnalysedAreas analysed_areas(const std::vector<bool>& has_value, const SpatialWeights& w, WeightsStyle style);

// `left` and `right` are standardised values of the analysed areas (equal for the univariate I; for the
// bivariate I, x against the lag of y). The analytical inference is computed for the univariate case only.
// `threads` for the permutations: 0 = every pool thread; the result is the same on any count.
GlobalMoran global_moran(const std::vector<double>& left, const std::vector<double>& right,
                         const SpatialWeights& w, size_t permutations, uint64_t seed, unsigned threads = 0);

// (x - mean) / sd with the population sd (divide by n), so that z_i * lag(z)_i is spdep's and GeoDa's I_i.
// Throws nbhd::Error naming `column` when every value is the same (nothing to test) or fewer than 3 remain.
std::vector<double> standardise(const std::vector<double>& x, const std::string& column);

}  // namespace nbhd
