#pragma once
// Local Moran's I (LISA, Anselin 1995) of one indicator, and the bivariate local Moran of x against the
// spatial lag of y (GeoDa's BiLISA), with conditional permutation inference and GeoDa's cluster classes.
//
//   z = (x - mean) / sd (population sd over the analysed areas),  lag_i = sum_j w_ij z_j,  I_i = z_i * lag_i
// which equals spdep's localmoran Ii and GeoDa's. Bivariate: I_i = zx_i * sum_j w_ij zy_j.
// Areas with a missing value are left out (counted in `missing`; their rows are NaN, cluster -1) and the
// weights among the rest are used. Islands keep their value in the mean and sd but have no I_i: cluster 5.
// Pseudo p-values: permutations.hpp (folded, (count + 1) / (permutations + 1)); clusters: significant
// areas by the signs of z_i and lag_i. Speed: O(permutations x links), in parallel over areas.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "base/progress.hpp"
#include "geo/spatial/weights.hpp"
#include "geo/stats/moran.hpp"
#include "geo/stats/significance.hpp"

namespace nbhd {

// GeoDa's codes, so a LISA CSV means the same in GeoDa's tables.
enum LisaCluster : int {
  kNotSignificant = 0,
  kHighHigh = 1,
  kLowLow = 2,
  kLowHigh = 3,
  kHighLow = 4,
  kNeighbourless = 5,
};
const char* lisa_cluster_label(int cluster);  // "High-High", ...; "No data" for -1

constexpr size_t kMaxPermutations = 99999;

struct LisaOptions {
  WeightsStyle style = WeightsStyle::Row;
  size_t permutations = 999;  // 1..99,999, for every local test
  // The global I's permutation test: each permutation reshuffles all n values and sums every link, so 9,999
  // of them cost more than the local tests themselves; the global z is in the hundreds on national data and
  // GeoDa also defaults to 999. 0 = no global permutation test.
  size_t global_permutations = 999;
  uint64_t seed = 123456789;  // GeoDa's default seed
  double alpha = 0.05;        // significance level, 0 < alpha < 1 (0.05, 0.01, 0.001 in GeoDa)
  Correction correction = Correction::None;
  Progress progress;  // called with the share of areas tested; may cancel
  // Threads for the permutations (0 = every pool thread, the caller included). The result does not depend
  // on it (one random stream per area and per global permutation); the viewer leaves its UI thread a core.
  unsigned threads = 0;
};
// Throws nbhd::Error for (global) permutations outside 1..99,999 or alpha outside (0, 1).
void check_lisa_options(const LisaOptions& opt);

struct LisaResult {
  // One entry per area of the input, in input order; NaN (or -1) where the area was left out.
  std::vector<double> lag;  // sum_j w_ij x_j (row style: the neighbours' mean), of y when bivariate
  std::vector<double> z, lag_z, local_i, p;
  std::vector<int> cluster;       // LisaCluster, -1 = missing value
  std::vector<int> significance;  // significance_class() of p; 5 = neighbourless; -1 = missing value
  std::vector<int> neighbours;    // neighbours among the analysed areas; -1 = missing value
  size_t analysed = 0, missing = 0, islands = 0;
  double cutoff = 0;               // the p-value cut-off after the correction
  std::array<size_t, 6> counts{};  // per LisaCluster
  GlobalMoran global;
};

// `x` (and `y`) hold one value per area, NaN = missing; `w` is over the same areas (any style: the options'
// style is applied after the missing areas are left out).
LisaResult local_moran(const std::vector<double>& x, const SpatialWeights& w, const LisaOptions& opt,
                       const std::string& column);
LisaResult bivariate_local_moran(const std::vector<double>& x, const std::vector<double>& y,
                                 const SpatialWeights& w, const LisaOptions& opt, const std::string& column_x,
                                 const std::string& column_y);

}  // namespace nbhd
