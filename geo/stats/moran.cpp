#include "geo/stats/moran.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "base/error.hpp"
#include "base/text.hpp"
#include "base/thread_pool.hpp"
#include "geo/stats/permutation.hpp"
#include "geo/stats/significance.hpp"

namespace nbhd {

AnalysedAreas analysed_areas(const std::vector<bool>& has_value, const SpatialWeights& w,
                             WeightsStyle style) {
  AnalysedAreas a;
  for (size_t i = 0; i < has_value.size(); ++i) {
    if (has_value[i])
      a.rows.push_back(static_cast<uint32_t>(i));
    else
      ++a.missing;
  }
  a.weights = with_style(subset(w, has_value), style);
  return a;
}

std::vector<double> standardise(const std::vector<double>& x, const std::string& column) {
  const size_t n = x.size();
  if (n < 3)
    throw Error("column '" + column + "' has a value in only " + std::to_string(n) +
                " areas; spatial statistics need at least 3");
  double mean = std::accumulate(x.begin(), x.end(), 0.0) / double(n);
  double m2 = 0;
  for (double v : x) m2 += (v - mean) * (v - mean);
  m2 /= double(n);
  auto [lo, hi] = std::minmax_element(x.begin(), x.end());
  if (*lo == *hi || !(m2 > 0))
    throw Error("column '" + column + "' has the same value (" + format_number(*lo) + ") in all " +
                std::to_string(n) + " areas with a value; a constant has no spatial pattern to test");
  const double sd = std::sqrt(m2);
  std::vector<double> z(n);
  for (size_t i = 0; i < n; ++i) z[i] = (x[i] - mean) / sd;
  return z;
}

namespace {

// sum_i left_i * sum_j w_ij right_j
double cross_sum(const std::vector<double>& left, const std::vector<double>& right, const SpatialWeights& w) {
  double s = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    double lag = 0;
    for (uint32_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k) lag += w.weights[k] * right[w.neighbours[k]];
    s += left[i] * lag;
  }
  return s;
}

double weight_of(const SpatialWeights& w, uint32_t i, uint32_t j) {
  auto b = w.neighbours.begin() + w.offsets[i], e = w.neighbours.begin() + w.offsets[i + 1];
  auto it = std::lower_bound(b, e, j);
  return it != e && *it == j ? w.weights[size_t(it - w.neighbours.begin())] : 0.0;
}

constexpr uint64_t kGlobalStreams = uint64_t(1) << 40;  // apart from the per-area streams of local tests

}  // namespace

GlobalMoran global_moran(const std::vector<double>& left, const std::vector<double>& right,
                         const SpatialWeights& w, size_t permutations, uint64_t seed, unsigned threads) {
  GlobalMoran g;
  const size_t n = left.size();
  g.n = n;
  for (double v : w.weights) g.s0 += v;
  if (n < 4 || !(g.s0 > 0)) return g;
  const double dn = double(n);
  double ll = 0, rr = 0;
  for (size_t i = 0; i < n; ++i) ll += left[i] * left[i], rr += right[i] * right[i];
  const double scale = dn / g.s0 / std::sqrt(ll * rr);
  g.i = scale * cross_sum(left, right, w);
  g.expected = -1.0 / (dn - 1);
  const bool univariate = &left == &right || left == right;
  if (univariate) {
    double s1 = 0, s2 = 0;
    std::vector<double> col_sum(n, 0.0);
    for (size_t i = 0; i < n; ++i)
      for (uint32_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k) {
        double wij = w.weights[k], wji = weight_of(w, w.neighbours[k], uint32_t(i));
        // S1 = 1/2 sum over ordered pairs of (w_ij + w_ji)^2: a two-way link is visited from both ends, a
        // one-way link only from i, so it takes both halves at once.
        s1 += wji == 0 ? wij * wij : 0.5 * (wij + wji) * (wij + wji);
        col_sum[w.neighbours[k]] += wij;
      }
    for (size_t i = 0; i < n; ++i) {
      double r = 0;
      for (uint32_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k) r += w.weights[k];
      s2 += (r + col_sum[i]) * (r + col_sum[i]);
    }
    const double s02 = g.s0 * g.s0, ei2 = g.expected * g.expected;
    g.variance_normal = (dn * dn * s1 - dn * s2 + 3 * s02) / ((dn * dn - 1) * s02) - ei2;
    double z4 = 0;
    for (double v : left) z4 += v * v * v * v;
    const double b2 = dn * z4 / (ll * ll);
    g.variance_random = (dn * ((dn * dn - 3 * dn + 3) * s1 - dn * s2 + 3 * s02) -
                         b2 * ((dn * dn - dn) * s1 - 2 * dn * s2 + 6 * s02)) /
                            ((dn - 1) * (dn - 2) * (dn - 3) * s02) -
                        ei2;
    g.z_normal = (g.i - g.expected) / std::sqrt(g.variance_normal);
    g.p_normal = normal_two_sided_p(g.z_normal);
    g.z_random = (g.i - g.expected) / std::sqrt(g.variance_random);
    g.p_random = normal_two_sided_p(g.z_random);
  }
  g.permutations = permutations;
  if (permutations == 0) return g;
  std::vector<double> sims(permutations);
  parallel_for(permutations, 32, threads, [&](size_t b, size_t e) {
    std::vector<double> shuffled(right);
    for (size_t p = b; p < e; ++p) {
      RandomStream rng(seed, kGlobalStreams + p);
      std::copy(right.begin(), right.end(), shuffled.begin());
      for (size_t i = n - 1; i > 0; --i)
        std::swap(shuffled[i], shuffled[rng.below(static_cast<uint32_t>(i + 1))]);
      // Univariate: the whole map is shuffled; bivariate: y moves under a fixed x.
      sims[p] = scale * cross_sum(univariate ? shuffled : left, shuffled, w);
    }
  });
  size_t larger = 0;
  double sum = 0, sum2 = 0;
  for (double s : sims) {
    larger += s >= g.i;
    sum += s;
    sum2 += s * s;
  }
  g.perm_mean = sum / double(permutations);
  g.perm_sd = permutations > 1 ? std::sqrt((sum2 - sum * g.perm_mean) / double(permutations - 1)) : 0;
  g.z_perm = g.perm_sd > 0 ? (g.i - g.perm_mean) / g.perm_sd : GlobalMoran::kNaN;
  g.p_perm = folded_pseudo_p(larger, permutations);
  return g;
}

}  // namespace nbhd
