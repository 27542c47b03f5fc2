#include "geo/stats/getis_ord.hpp"

#include <cmath>
#include <limits>
#include <numeric>

#include "base/error.hpp"

namespace nbhd {

const char* gi_cluster_label(int c) {
  switch (c) {
    case kGiNotSignificant:
      return "Not significant";
    case kGiHot:
      return "Hot spot";
    case kGiCold:
      return "Cold spot";
    case kGiNeighbourless:
      return "Neighbourless";
  }
  return "No data";
}

GiResult local_gi_star(const std::vector<double>& x, const SpatialWeights& w, const LisaOptions& opt,
                       const std::string& column) {
  if (w.size() != x.size())
    throw Error("internal: weights over " + std::to_string(w.size()) + " areas for " +
                std::to_string(x.size()) + " values");
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<bool> has(x.size());
  for (size_t i = 0; i < x.size(); ++i) has[i] = std::isfinite(x[i]);
  // Neighbourless is decided on the weights without self; the star weights then add each area to its row.
  AnalysedAreas a = analysed_areas(has, w, WeightsStyle::Binary);
  const size_t n = a.rows.size();
  std::vector<double> v;
  for (uint32_t r : a.rows) v.push_back(x[r]);
  standardise(v, column);  // the same refusals as local Moran: constant, too few values
  // Star rows (self first, then the neighbours), built here: SpatialWeights never holds self links.
  std::vector<uint32_t> off(n + 1, 0);
  std::vector<uint32_t> nb;
  std::vector<double> wt;
  for (size_t i = 0; i < n; ++i) {
    nb.push_back(uint32_t(i));
    wt.push_back(1.0);
    for (uint32_t k = a.weights.offsets[i]; k < a.weights.offsets[i + 1]; ++k) {
      nb.push_back(a.weights.neighbours[k]);
      wt.push_back(a.weights.weights[k]);
    }
    off[i + 1] = uint32_t(nb.size());
  }
  if (opt.style == WeightsStyle::Row)
    for (size_t i = 0; i < n; ++i) {
      double s = 0;
      for (uint32_t k = off[i]; k < off[i + 1]; ++k) s += wt[k];
      for (uint32_t k = off[i]; k < off[i + 1]; ++k) wt[k] /= s;
    }
  const double dn = double(n);
  const double mean = std::accumulate(v.begin(), v.end(), 0.0) / dn;
  double s2 = 0;
  for (double t : v) s2 += (t - mean) * (t - mean);
  s2 /= dn;
  GiResult g;
  g.z.assign(x.size(), nan);
  g.p.assign(x.size(), nan);
  g.cluster.assign(x.size(), -1);
  std::vector<double> pz(n, nan);
  for (size_t i = 0; i < n; ++i) {
    if (a.weights.count(i) == 0) continue;
    double lag = 0, wi = 0, s1 = 0;
    for (uint32_t k = off[i]; k < off[i + 1]; ++k) {
      lag += wt[k] * v[nb[k]];
      wi += wt[k];
      s1 += wt[k] * wt[k];
    }
    double z = (lag - wi * mean) / std::sqrt(s2 * (dn * s1 - wi * wi) / (dn - 1));
    g.z[a.rows[i]] = z;
    pz[i] = g.p[a.rows[i]] = normal_two_sided_p(z);
  }
  g.cutoff = significance_cutoff(pz, opt.alpha, opt.correction);
  for (size_t i = 0; i < n; ++i) {
    int c = kGiNeighbourless;
    if (a.weights.count(i) > 0) {
      c = kGiNotSignificant;
      if (pz[i] <= g.cutoff) c = g.z[a.rows[i]] > 0 ? kGiHot : kGiCold;
    }
    g.cluster[a.rows[i]] = c;
    g.counts[size_t(c)]++;
  }
  return g;
}

}  // namespace nbhd
