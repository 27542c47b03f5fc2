#include "geo/stats/local_moran.hpp"

#include <atomic>
#include <cmath>
#include <limits>

#include "base/error.hpp"
#include "base/shared_progress.hpp"
#include "base/text.hpp"
#include "base/thread_pool.hpp"
#include "geo/stats/permutation.hpp"

namespace nbhd {

const char* lisa_cluster_label(int c) {
  switch (c) {
    case kNotSignificant:
      return "Not significant";
    case kHighHigh:
      return "High-High";
    case kLowLow:
      return "Low-Low";
    case kLowHigh:
      return "Low-High";
    case kHighLow:
      return "High-Low";
    case kNeighbourless:
      return "Neighbourless";
  }
  return "No data";
}

void check_lisa_options(const LisaOptions& opt) {
  if (opt.permutations < 1 || opt.permutations > kMaxPermutations)
    throw Error("permutations must be between 1 and 99999 (999 is usual), got " +
                std::to_string(opt.permutations));
  if (opt.global_permutations > kMaxPermutations)
    throw Error("global permutations must be between 0 and 99999 (999 is usual), got " +
                std::to_string(opt.global_permutations));
  significance_cutoff({}, opt.alpha, Correction::None);  // throws for alpha outside (0, 1)
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// x (and y) at the analysed areas.
std::vector<double> at_rows(const std::vector<double>& v, const std::vector<uint32_t>& rows) {
  std::vector<double> out;
  out.reserve(rows.size());
  for (uint32_t r : rows) out.push_back(v[r]);
  return out;
}

// Conditional permutation p-values of every non-island area, in parallel; per-area random streams.
std::vector<double> permutation_p(const std::vector<double>& own, const std::vector<double>& pool,
                                  const std::vector<double>& lag, const SpatialWeights& w,
                                  const LisaOptions& opt) {
  const size_t n = own.size();
  std::vector<double> p(n, kNaN);
  std::atomic<size_t> done{0};
  std::atomic<bool> stop{false};
  // Workers on the pool report through SharedProgress: the callback runs on one thread at a time.
  SharedProgress progress(opt.progress, "permutations");
  parallel_for(n, 64, opt.threads, [&](size_t b, size_t e) {
    ConditionalPermuter perm(n);
    for (size_t i = b; i < e && !stop.load(std::memory_order_relaxed); ++i) {
      if (w.count(i) > 0) {
        RandomStream rng(opt.seed, i);
        double sign = own[i] > 0 ? 1.0 : own[i] < 0 ? -1.0 : 0.0;
        p[i] = perm.p_value(pool, static_cast<uint32_t>(i), w.weights.data() + w.offsets[i], w.count(i), sign,
                            lag[i], opt.permutations, rng);
      }
      size_t d = done.fetch_add(1, std::memory_order_relaxed) + 1;
      if ((d & 255) == 0 && !progress.poll(double(d) / double(n))) stop = true;
    }
  });
  progress.throw_if_cancelled();
  return p;
}

LisaResult run(const std::vector<double>& x, const std::vector<double>* y, const SpatialWeights& w,
               const LisaOptions& opt, const std::string& column_x, const std::string& column_y) {
  check_lisa_options(opt);
  if (w.size() != x.size() || (y && y->size() != x.size()))
    throw Error("internal: weights over " + std::to_string(w.size()) + " areas for " +
                std::to_string(x.size()) + " values");
  const size_t total = x.size();
  std::vector<bool> has(total);
  for (size_t i = 0; i < total; ++i) has[i] = std::isfinite(x[i]) && (!y || std::isfinite((*y)[i]));
  AnalysedAreas a = analysed_areas(has, w, opt.style);
  const size_t n = a.rows.size();
  std::vector<double> zx = standardise(at_rows(x, a.rows), column_x);
  std::vector<double> zy = y ? standardise(at_rows(*y, a.rows), column_y) : zx;
  std::vector<double> raw = at_rows(y ? *y : x, a.rows);
  const SpatialWeights& wa = a.weights;

  LisaResult r;
  r.analysed = n;
  r.missing = a.missing;
  r.lag.assign(total, kNaN);
  r.z.assign(total, kNaN);
  r.lag_z.assign(total, kNaN);
  r.local_i.assign(total, kNaN);
  r.p.assign(total, kNaN);
  r.cluster.assign(total, -1);
  r.significance.assign(total, -1);
  r.neighbours.assign(total, -1);
  std::vector<double> lag_z(n, 0.0), p_local;
  for (size_t i = 0; i < n; ++i) {
    double lz = 0, lx = 0;
    for (uint32_t k = wa.offsets[i]; k < wa.offsets[i + 1]; ++k) {
      lz += wa.weights[k] * zy[wa.neighbours[k]];
      lx += wa.weights[k] * raw[wa.neighbours[k]];
    }
    lag_z[i] = lz;
    const uint32_t row = a.rows[i];
    r.z[row] = zx[i];
    r.neighbours[row] = static_cast<int>(wa.count(i));
    if (wa.count(i) == 0) {
      ++r.islands;
      continue;
    }
    r.lag[row] = lx;
    r.lag_z[row] = lz;
    r.local_i[row] = zx[i] * lz;
  }
  r.global = global_moran(zx, zy, wa, opt.global_permutations, opt.seed, opt.threads);
  p_local = permutation_p(zx, zy, lag_z, wa, opt);
  r.cutoff = significance_cutoff(p_local, opt.alpha, opt.correction);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t row = a.rows[i];
    int c = kNeighbourless, s = 5;
    if (wa.count(i) > 0) {
      r.p[row] = p_local[i];
      s = significance_class(p_local[i], r.cutoff);
      c = kNotSignificant;
      if (p_local[i] <= r.cutoff && zx[i] != 0) {
        bool high = zx[i] > 0, lag_high = lag_z[i] > 0;
        c = high ? (lag_high ? kHighHigh : kHighLow) : (lag_high ? kLowHigh : kLowLow);
      }
    }
    r.cluster[row] = c;
    r.significance[row] = s;
    r.counts[size_t(c)]++;
  }
  return r;
}

}  // namespace

LisaResult local_moran(const std::vector<double>& x, const SpatialWeights& w, const LisaOptions& opt,
                       const std::string& column) {
  return run(x, nullptr, w, opt, column, column);
}

LisaResult bivariate_local_moran(const std::vector<double>& x, const std::vector<double>& y,
                                 const SpatialWeights& w, const LisaOptions& opt, const std::string& column_x,
                                 const std::string& column_y) {
  return run(x, &y, w, opt, column_x, column_y);
}

}  // namespace nbhd
