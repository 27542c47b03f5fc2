// Moran's I, local Moran, bivariate local Moran and Gi* on a 3 x 3 grid with values 1..9, where every
// figure can be worked out by hand (the working is in the comments), plus an island, a missing value, a
// value equal to the mean (a tie with the mean), and the permutation test against exact enumeration.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "geo/spatial/contiguity.hpp"
#include "geo/spatial/knn.hpp"
#include "geo/stats/getis_ord.hpp"
#include "geo/stats/local_moran.hpp"
#include "geo/stats/permutation.hpp"
#include "geo/stats/significance.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

using test::message_of;
const double NaN = std::numeric_limits<double>::quiet_NaN();

MultiPolygon square(double x, double y) {
  return {Polygon{{Ring{{x, y}, {x + 1, y}, {x + 1, y + 1}, {x, y + 1}, {x, y}}}}};
}
// Cells row by row: 0 1 2 / 3 4 5 / 6 7 8, valued 1..9.
std::vector<MultiPolygon> grid3() {
  std::vector<MultiPolygon> g;
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) g.push_back(square(c, r));
  return g;
}
const std::vector<double> kValues{1, 2, 3, 4, 5, 6, 7, 8, 9};
SpatialWeights rook() {
  return contiguity_weights(grid3(), {Contiguity::Rook, 0.001});
}

// By hand: mean 5, deviations d = -4..4, m2 = sum d^2 / 9 = 60 / 9, I_i = d_i * lag(d)_i / m2.
//   cell 0: neighbours 1, 3: lag d = (-3 - 1) / 2 = -2, I = (-4)(-2) * 9 / 60 = 1.2
//   cell 1: neighbours 0, 2, 4: lag d = (-4 - 2 + 0) / 3 = -2, I = (-3)(-2) * 9 / 60 = 0.9
//   cell 4: d = 0, I = 0
// Global: sum d_i lag_i = 8 + 6 + 2 + 2/3 + 0 + 2/3 + 2 + 6 + 8 = 100/3; I = (9 / 9) (100/3) / 60 = 5/9.
TEST(LocalMoran, HandWorked3x3Grid) {
  LisaOptions o;
  o.permutations = 999;
  LisaResult r = local_moran(kValues, rook(), o, "v");
  EXPECT_NEAR(r.local_i[0], 1.2, 1e-12);
  EXPECT_NEAR(r.local_i[1], 0.9, 1e-12);
  EXPECT_NEAR(r.local_i[4], 0.0, 1e-12);
  EXPECT_NEAR(r.local_i[8], 1.2, 1e-12);  // symmetric corner: d = 4, lag d = 2
  EXPECT_NEAR(r.lag[0], 3.0, 1e-12);      // the neighbours' mean of the raw values: (2 + 4) / 2
  EXPECT_NEAR(r.z[0], -4 / std::sqrt(60.0 / 9), 1e-12);
  EXPECT_NEAR(r.global.i, 5.0 / 9, 1e-12);
  EXPECT_NEAR(r.global.expected, -1.0 / 8, 1e-15);
  EXPECT_EQ(r.analysed, 9u);
  EXPECT_EQ(r.missing, 0u);
  EXPECT_EQ(r.islands, 0u);
  // A value equal to the mean has no quadrant and nothing to test: p = 1, not significant.
  EXPECT_EQ(r.p[4], 1.0);
  EXPECT_EQ(r.cluster[4], kNotSignificant);
  for (int n : r.neighbours) EXPECT_GE(n, 2);
}

// The analytical variances against the definitions evaluated on the dense 9 x 9 matrix.
TEST(GlobalMoran, AnalyticalInferenceMatchesTheDenseFormulas) {
  LisaOptions o;
  LisaResult r = local_moran(kValues, rook(), o, "v");
  SpatialWeights w = with_style(rook(), WeightsStyle::Row);
  double W[9][9] = {};
  for (size_t i = 0; i < 9; ++i)
    for (uint32_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k) W[i][w.neighbours[k]] = w.weights[k];
  double s0 = 0, s1 = 0, s2 = 0;
  for (int i = 0; i < 9; ++i) {
    double ri = 0, ci = 0;
    for (int j = 0; j < 9; ++j) {
      s0 += W[i][j];
      s1 += 0.5 * (W[i][j] + W[j][i]) * (W[i][j] + W[j][i]);
      ri += W[i][j];
      ci += W[j][i];
    }
    s2 += (ri + ci) * (ri + ci);
  }
  const double n = 9, ei = -1 / (n - 1);
  double var_n = (n * n * s1 - n * s2 + 3 * s0 * s0) / ((n * n - 1) * s0 * s0) - ei * ei;
  // Kurtosis of d = -4..4: n sum d^4 / (sum d^2)^2 = 9 * 708 / 3600.
  double b2 = 9.0 * 708 / 3600;
  double var_r = (n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0) -
                  b2 * ((n * n - n) * s1 - 2 * n * s2 + 6 * s0 * s0)) /
                     ((n - 1) * (n - 2) * (n - 3) * s0 * s0) -
                 ei * ei;
  EXPECT_NEAR(r.global.variance_normal, var_n, 1e-12);
  EXPECT_NEAR(r.global.variance_random, var_r, 1e-12);
  EXPECT_NEAR(r.global.z_normal, (5.0 / 9 - ei) / std::sqrt(var_n), 1e-9);
}

// The same for asymmetric weights (k nearest), where S1 and S2 must count one-way links correctly.
TEST(GlobalMoran, AsymmetricWeightsMatchTheDenseFormulas) {
  std::vector<Point> pts;
  std::vector<double> v;
  for (int i = 0; i < 12; ++i) {
    pts.push_back({double(i % 4) + 0.1 * (i % 3), double(i / 4) * 1.3 + 0.05 * i});
    v.push_back(double((i * 7) % 12) + (i < 6 ? 5 : 0));
  }
  SpatialWeights knn = knn_weights(pts, 2);
  ASSERT_FALSE(knn.symmetric());
  LisaOptions o;
  o.global_permutations = 0;
  LisaResult r = local_moran(v, knn, o, "v");
  SpatialWeights w = with_style(knn, WeightsStyle::Row);
  const int n = 12;
  std::vector<std::vector<double>> W(n, std::vector<double>(n, 0.0));
  for (int i = 0; i < n; ++i)
    for (uint32_t k = w.offsets[size_t(i)]; k < w.offsets[size_t(i) + 1]; ++k)
      W[size_t(i)][w.neighbours[k]] = w.weights[k];
  double s0 = 0, s1 = 0, s2 = 0, mean = 0, zz = 0, num = 0;
  for (double x : v) mean += x / n;
  for (int i = 0; i < n; ++i) {
    double ri = 0, ci = 0;
    for (int j = 0; j < n; ++j) {
      double a = W[size_t(i)][size_t(j)], b = W[size_t(j)][size_t(i)];
      s0 += a;
      s1 += 0.5 * (a + b) * (a + b);
      ri += a;
      ci += b;
      num += a * (v[size_t(i)] - mean) * (v[size_t(j)] - mean);
    }
    s2 += (ri + ci) * (ri + ci);
    zz += (v[size_t(i)] - mean) * (v[size_t(i)] - mean);
  }
  const double dn = n, ei = -1 / (dn - 1);
  EXPECT_NEAR(r.global.i, dn / s0 * num / zz, 1e-12);
  EXPECT_NEAR(r.global.variance_normal,
              (dn * dn * s1 - dn * s2 + 3 * s0 * s0) / ((dn * dn - 1) * s0 * s0) - ei * ei, 1e-12);
  EXPECT_TRUE(std::isnan(r.global.p_perm));  // no global permutations asked for
}

// Cell 0's permuted lag is the mean of 2 values drawn from the other 8 deviations {-3..4}: of the 28 pairs
// exactly those summing to <= -4, (-3,-2) and (-3,-1), are as extreme as the observed -2, so the exact
// one-sided share is 2/28. 99,999 permutations must land within 4 standard errors of it.
TEST(LocalMoran, PermutationPValueMatchesExactEnumeration) {
  LisaOptions o;
  o.permutations = 99999;
  LisaResult r = local_moran(kValues, rook(), o, "v");
  const double exact = 2.0 / 28, se = std::sqrt(exact * (1 - exact) / 99999);
  EXPECT_NEAR(r.p[0], exact, 4 * se);
  // Cell 1: 3 of the other 8 ({-4,-2,-1,0,1,2,3,4}), observed sum -6: triples summing to <= -6 are
  // (-4,-2,-1), (-4,-2,0): 2 of 56.
  EXPECT_NEAR(r.p[1], 2.0 / 56, 4 * std::sqrt((2.0 / 56) * (54.0 / 56) / 99999));
}

TEST(LocalMoran, SameSeedSameAnswerWhateverTheChunking) {
  // Each area's p-value comes from its own stream (seed, area): recomputing one area alone, as a thread
  // with any other share of the work would, gives the same value.
  std::vector<double> v;
  for (int i = 0; i < 400; ++i) v.push_back(std::sin(i * 0.37) * 10 + (i % 20));
  std::vector<MultiPolygon> g;
  for (int r = 0; r < 20; ++r)
    for (int c = 0; c < 20; ++c) g.push_back(square(c, r));
  SpatialWeights w = contiguity_weights(g);
  LisaOptions o;
  o.seed = 42;
  LisaResult a = local_moran(v, w, o, "v");
  LisaResult b = local_moran(v, w, o, "v");
  EXPECT_EQ(a.p, b.p);
  SpatialWeights rw = with_style(w, WeightsStyle::Row);
  ConditionalPermuter perm(400);
  for (uint32_t i : {0u, 57u, 399u}) {
    RandomStream rng(42, i);
    double sign = a.z[i] > 0 ? 1 : -1;
    EXPECT_EQ(
        perm.p_value(a.z, i, rw.weights.data() + rw.offsets[i], rw.count(i), sign, a.lag_z[i], 999, rng),
        a.p[i]);
  }
  o.seed = 43;
  LisaResult c = local_moran(v, w, o, "v");
  EXPECT_NE(a.p, c.p);
}

TEST(LocalMoran, OneThreadGivesTheAnswerOfEveryPoolThread) {
  // The viewer runs its LISA on fewer threads than the CLI (it leaves the UI thread a core): the local
  // p-values and the global permutation test must not change with the thread count.
  std::vector<double> v;
  for (int i = 0; i < 900; ++i) v.push_back(std::cos(i * 0.23) * 7 + (i % 30));
  std::vector<MultiPolygon> g;
  for (int r = 0; r < 30; ++r)
    for (int c = 0; c < 30; ++c) g.push_back(square(c, r));
  SpatialWeights w = contiguity_weights(g);
  LisaOptions all, one, three;
  one.threads = 1;
  three.threads = 3;
  LisaResult a = local_moran(v, w, all, "v"), b = local_moran(v, w, one, "v"),
             c = local_moran(v, w, three, "v");
  EXPECT_EQ(a.p, b.p);
  EXPECT_EQ(a.p, c.p);
  EXPECT_EQ(a.cluster, b.cluster);
  EXPECT_EQ(a.global.p_perm, b.global.p_perm);
  EXPECT_EQ(a.global.perm_sd, b.global.perm_sd);
  EXPECT_EQ(a.global.perm_sd, c.global.perm_sd);
  EXPECT_GT(a.counts[kHighHigh] + a.counts[kLowLow], 0u);
}

TEST(LocalMoran, IslandKeepsItsValueInTheMeanButIsNotTested) {
  auto g = grid3();
  g.push_back(square(50, 50));
  std::vector<double> v = kValues;
  v.push_back(15);  // the mean is 60 / 10 = 6 now
  LisaResult r = local_moran(v, contiguity_weights(g, {Contiguity::Rook, 0.001}), {}, "v");
  EXPECT_EQ(r.islands, 1u);
  EXPECT_EQ(r.cluster[9], kNeighbourless);
  EXPECT_EQ(r.significance[9], 5);
  EXPECT_TRUE(std::isnan(r.local_i[9]));
  EXPECT_TRUE(std::isnan(r.p[9]));
  EXPECT_EQ(r.counts[kNeighbourless], 1u);
  // Cell 0 by hand with mean 6: d0 = -5, lag d = ((2 - 6) + (4 - 6)) / 2 = -3,
  // m2 = (sum v^2 - 10 * 6^2) / 10 = (285 + 225 - 360) / 10 = 15: I = 15 / 15 = 1.
  EXPECT_NEAR(r.local_i[0], 1.0, 1e-12);
}

TEST(LocalMoran, MissingValuesAreLeftOutAndCounted) {
  std::vector<double> v = kValues;
  v[4] = NaN;  // the centre: everyone else loses a neighbour
  LisaResult r = local_moran(v, rook(), {}, "v");
  EXPECT_EQ(r.missing, 1u);
  EXPECT_EQ(r.analysed, 8u);
  EXPECT_EQ(r.cluster[4], -1);
  EXPECT_EQ(r.neighbours[4], -1);
  EXPECT_EQ(r.neighbours[1], 2);  // 0 and 2 only
  // Mean of the 8 left is 5: cell 1 lag d = (-4 - 2) / 2 = -3, m2 = 60 / 8, I = (-3)(-3) * 8 / 60.
  EXPECT_NEAR(r.local_i[1], 9.0 * 8 / 60, 1e-12);
}

TEST(LocalMoran, BadInputIsOneLine) {
  std::vector<double> constant(9, 7);
  EXPECT_EQ(message_of([&] { local_moran(constant, rook(), {}, "x"); }),
            "column 'x' has the same value (7) in all 9 areas with a value; a constant has no spatial "
            "pattern to test");
  std::vector<double> two(9, NaN);
  two[0] = 1, two[1] = 2;
  EXPECT_EQ(message_of([&] { local_moran(two, rook(), {}, "x"); }),
            "column 'x' has a value in only 2 areas; spatial statistics need at least 3");
  LisaOptions o;
  o.permutations = 100000;
  EXPECT_EQ(message_of([&] { local_moran(kValues, rook(), o, "x"); }),
            "permutations must be between 1 and 99999 (999 is usual), got 100000");
  o.permutations = 99;
  o.alpha = 1.5;
  EXPECT_EQ(message_of([&] { local_moran(kValues, rook(), o, "x"); }),
            "the significance level must be above 0 and below 1 (e.g. 0.05), got 1.5");
}

TEST(BivariateLocalMoran, XAgainstTheLagOfY) {
  // y = 10 - x: zy = -zx, so I_B = zx * lag(-zx) = -I_i: cell 0 gives -1.2.
  std::vector<double> y;
  for (double v : kValues) y.push_back(10 - v);
  LisaResult r = bivariate_local_moran(kValues, y, rook(), {}, "x", "y");
  EXPECT_NEAR(r.local_i[0], -1.2, 1e-12);
  EXPECT_NEAR(r.local_i[1], -0.9, 1e-12);
  EXPECT_NEAR(r.lag[0], 7.0, 1e-12);           // the neighbours' y: (8 + 6) / 2
  EXPECT_TRUE(std::isnan(r.global.z_normal));  // analytical inference is for the univariate I only
}

TEST(GetisOrd, HandWorkedGiStar) {
  // Binary star weights: cell 0 with itself and 1, 3: sum x = 1 + 2 + 4 = 7, W = 3, S1 = 3, mean 5,
  // s^2 = 60 / 9: z = (7 - 15) / sqrt(60/9 * (9 * 3 - 9) / 8) = -8 / sqrt(15).
  LisaOptions o;
  o.style = WeightsStyle::Binary;
  GiResult g = local_gi_star(kValues, rook(), o, "v");
  EXPECT_NEAR(g.z[0], -8 / std::sqrt(15.0), 1e-12);
  EXPECT_NEAR(g.z[4], 0.0, 1e-12);  // 2 + 4 + 5 + 6 + 8 = 25 = 5 * 5
  EXPECT_NEAR(g.z[8], 8 / std::sqrt(15.0), 1e-12);
  EXPECT_EQ(g.cluster[0], kGiCold);  // p = 0.039
  EXPECT_EQ(g.cluster[8], kGiHot);
  EXPECT_EQ(g.cluster[4], kGiNotSignificant);
}

TEST(Significance, BonferroniAndFalseDiscoveryRate) {
  std::vector<double> p{0.04, 0.001, 0.5, 0.02, 0.01, NaN};
  EXPECT_EQ(significance_cutoff(p, 0.05, Correction::None), 0.05);
  EXPECT_DOUBLE_EQ(significance_cutoff(p, 0.05, Correction::Bonferroni), 0.01);
  // Sorted 0.001 0.01 0.02 0.04 0.5 against k * 0.01: the 4th (0.04 <= 0.04) is the last that passes.
  EXPECT_DOUBLE_EQ(significance_cutoff(p, 0.05, Correction::Fdr), 0.04);
  EXPECT_EQ(significance_cutoff({0.3, 0.4}, 0.05, Correction::Fdr), 0.0);
  EXPECT_EQ(significance_class(0.0004, 0.05), 3);
  EXPECT_EQ(significance_class(0.03, 0.01), 0);
  EXPECT_EQ(message_of([] { parse_correction("holm"); }),
            "unknown correction 'holm'; use none, bonferroni or fdr");
}

TEST(RandomStream, BelowIsUniform) {
  RandomStream r(1, 2);
  std::vector<int> count(7, 0);
  for (int i = 0; i < 70000; ++i) count[r.below(7)]++;
  for (int c : count) EXPECT_NEAR(c, 10000, 400);  // 4 standard deviations
}

}  // namespace
}  // namespace nbhd
