#include "geo/stats/jenks.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <random>

#include "geo/stats/classify.hpp"

namespace nbhd {
namespace {

// Brute force: every way to cut the sorted raw values into k non-empty contiguous runs (ties may be
// split, so this also checks that keeping equal values together loses nothing).
double brute_force_min_ss(const std::vector<double>& sorted, size_t k) {
  const size_t n = sorted.size();
  double best = std::numeric_limits<double>::infinity();
  std::vector<size_t> cut(k - 1);  // cut[i] = index of the first value of class i+1
  std::function<void(size_t, size_t)> rec = [&](size_t c, size_t start) {
    if (c == k - 1) {
      double total = 0;
      size_t lo = 0;
      for (size_t cls = 0; cls < k; ++cls) {
        size_t hi = cls + 1 < k ? cut[cls] : n;
        double mean = 0;
        for (size_t t = lo; t < hi; ++t) mean += sorted[t];
        mean /= static_cast<double>(hi - lo);
        for (size_t t = lo; t < hi; ++t) total += (sorted[t] - mean) * (sorted[t] - mean);
        lo = hi;
      }
      best = std::min(best, total);
      return;
    }
    for (size_t p = start; p <= n - (k - 1 - c); ++p) {  // leave room for the later cuts
      cut[c] = p;
      rec(c + 1, p + 1);
    }
  };
  rec(0, 1);
  return best;
}

TEST(Jenks, ObviousClustersAreFound) {
  std::vector<double> v{1, 2, 3, 10, 11, 12, 20, 21, 22};
  auto wv = distinct_sorted(v);
  auto s = jenks_split_points(wv, 3);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(wv.value[s[0]], 3);
  EXPECT_EQ(wv.value[s[1]], 12);
}

TEST(Jenks, DistinctSortedCountsTies) {
  auto wv = distinct_sorted({3, 1, 3, 2, 3});
  EXPECT_EQ(wv.value, (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(wv.weight, (std::vector<double>{1, 1, 3}));
}

TEST(Jenks, EqualsBruteForceOnRandomSmallInputs) {
  std::mt19937 rng(20240601);
  int checked = 0;
  for (int trial = 0; trial < 600; ++trial) {
    size_t n = 2 + rng() % 11;  // 2..12
    std::vector<double> v(n);
    int kind = trial % 3;
    for (auto& x : v) {
      if (kind == 0)
        x = static_cast<double>(rng() % 6);  // many ties
      else if (kind == 1)
        x = std::uniform_real_distribution<double>(-50, 50)(rng);
      else
        x = 1000.0 + std::exp(std::uniform_real_distribution<double>(0, 6)(rng));  // heavy tail, offset
    }
    std::vector<double> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    size_t distinct = distinct_sorted(v).value.size();
    for (size_t k = 2; k <= std::min<size_t>(6, distinct); ++k) {
      ClassifyOptions o;
      o.method = ClassifyMethod::NaturalBreaks;
      o.classes = static_cast<int>(k);
      Classification c = classify(v, o);
      ASSERT_EQ(c.classes(), static_cast<int>(k));
      std::vector<double> uppers(c.breaks.begin() + 1, c.breaks.end() - 1);
      double got = within_class_ss(sorted, uppers);
      double want = brute_force_min_ss(sorted, k);
      ASSERT_NEAR(got, want, 1e-9 * std::max(1.0, want)) << "n=" << n << " k=" << k << " trial " << trial;
      for (size_t cnt : c.counts) EXPECT_GT(cnt, 0u);
      ++checked;
    }
  }
  EXPECT_GT(checked, 1000);
}

TEST(Jenks, LargeInputStaysOptimalAgainstLocalMoves) {
  // On a large input no single boundary move between neighbouring distinct values may lower the SSE:
  // a necessary condition of optimality that an approximate (sampled) method usually fails.
  std::mt19937 rng(7);
  std::lognormal_distribution<double> d(3, 1);
  std::vector<double> v(5000);
  for (auto& x : v) x = std::round(d(rng) * 10) / 10;
  std::vector<double> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  auto wv = distinct_sorted(v);
  auto s = jenks_split_points(wv, 7);
  std::vector<double> uppers;
  for (auto i : s) uppers.push_back(wv.value[i]);
  double base = within_class_ss(sorted, uppers);
  for (size_t b = 0; b < s.size(); ++b) {
    for (int dir : {-1, 1}) {
      long moved = static_cast<long>(s[b]) + dir;
      if (moved < 0 || moved >= static_cast<long>(wv.value.size()) - 1) continue;
      if (b > 0 && moved <= static_cast<long>(s[b - 1])) continue;
      if (b + 1 < s.size() && moved >= static_cast<long>(s[b + 1])) continue;
      auto u2 = uppers;
      u2[b] = wv.value[static_cast<size_t>(moved)];
      EXPECT_GE(within_class_ss(sorted, u2), base - 1e-9 * base);
    }
  }
}

}  // namespace
}  // namespace nbhd
