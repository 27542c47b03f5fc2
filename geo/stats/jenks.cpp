#include "geo/stats/jenks.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nbhd {

WeightedValues distinct_sorted(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  WeightedValues wv;
  for (size_t i = 0; i < v.size();) {
    size_t j = i;
    while (j < v.size() && v[j] == v[i]) ++j;
    wv.value.push_back(v[i]);
    wv.weight.push_back(static_cast<double>(j - i));
    i = j;
  }
  return wv;
}

namespace {

// Prefix sums over the distinct values, centred on the mean so that large offsets (ranks in the tens of
// thousands, squared) do not swamp the differences that decide the optimum.
struct Prefix {
  std::vector<double> w, s, q;  // size m+1

  explicit Prefix(const WeightedValues& wv) {
    size_t m = wv.value.size();
    double tw = 0, ts = 0;
    for (size_t i = 0; i < m; ++i) {
      tw += wv.weight[i];
      ts += wv.weight[i] * wv.value[i];
    }
    double mean = tw > 0 ? ts / tw : 0;
    w.assign(m + 1, 0);
    s.assign(m + 1, 0);
    q.assign(m + 1, 0);
    for (size_t i = 0; i < m; ++i) {
      double d = wv.value[i] - mean;
      w[i + 1] = w[i] + wv.weight[i];
      s[i + 1] = s[i] + wv.weight[i] * d;
      q[i + 1] = q[i] + wv.weight[i] * d * d;
    }
  }
  // Sum of squared deviations from their mean of distinct values [i, j).
  double sse(size_t i, size_t j) const {
    double ww = w[j] - w[i];
    if (ww <= 0) return 0;
    double ss = s[j] - s[i];
    double r = (q[j] - q[i]) - ss * ss / ww;
    return r > 0 ? r : 0;
  }
};

struct Layer {
  const Prefix& p;
  const std::vector<double>& prev;  // prev[i]: best cost of the first i values in c-1 classes
  std::vector<double>& cur;
  std::vector<size_t>& arg;
  size_t min_split;  // c-1: the first c-1 classes need at least c-1 values

  // Fills cur[j] for j in [jlo, jhi], knowing the optimal split lies in [olo, ohi].
  void solve(size_t jlo, size_t jhi, size_t olo, size_t ohi) {
    if (jlo > jhi) return;
    size_t mid = jlo + (jhi - jlo) / 2;
    double best = std::numeric_limits<double>::infinity();
    size_t best_i = olo;
    size_t hi = std::min(ohi, mid - 1);
    for (size_t i = std::max(olo, min_split); i <= hi; ++i) {
      double c = prev[i] + p.sse(i, mid);
      if (c < best) {
        best = c;
        best_i = i;
      }
    }
    cur[mid] = best;
    arg[mid] = best_i;
    if (mid > jlo) solve(jlo, mid - 1, olo, best_i);
    solve(mid + 1, jhi, best_i, ohi);
  }
};

}  // namespace

std::vector<size_t> jenks_split_points(const WeightedValues& wv, size_t k) {
  const size_t m = wv.value.size();
  if (k <= 1 || m == 0) return {};
  if (k > m) k = m;
  Prefix p(wv);
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> prev(m + 1, inf), cur(m + 1, inf);
  for (size_t j = 1; j <= m; ++j) prev[j] = p.sse(0, j);
  // arg[c][j]: start of the last class in the best split of the first j values into c+1 classes.
  std::vector<std::vector<size_t>> arg(k, std::vector<size_t>(m + 1, 0));
  for (size_t c = 1; c < k; ++c) {
    std::fill(cur.begin(), cur.end(), inf);
    Layer layer{p, prev, cur, arg[c], c};
    // With c+1 classes at least c+1 values are needed; only j = m matters for the last layer, but the
    // full layer is cheap and keeps the recursion simple.
    layer.solve(c + 1, m, c, m - 1);
    std::swap(prev, cur);
  }
  std::vector<size_t> splits(k - 1);
  size_t j = m;
  for (size_t c = k - 1; c >= 1; --c) {
    size_t start = arg[c][j];  // last class is [start, j)
    splits[c - 1] = start - 1;
    j = start;
  }
  return splits;
}

double within_class_ss(const std::vector<double>& sorted, const std::vector<double>& uppers) {
  double total = 0;
  size_t i = 0;
  for (size_t c = 0; c <= uppers.size(); ++c) {
    size_t j = i;
    while (j < sorted.size() && (c == uppers.size() || sorted[j] <= uppers[c])) ++j;
    double mean = 0;
    for (size_t t = i; t < j; ++t) mean += sorted[t];
    if (j > i) mean /= static_cast<double>(j - i);
    for (size_t t = i; t < j; ++t) total += (sorted[t] - mean) * (sorted[t] - mean);
    i = j;
  }
  return total;
}

}  // namespace nbhd
