#include "geo/spatial/weights.hpp"

#include <algorithm>

#include "base/error.hpp"
#include "base/text.hpp"

namespace nbhd {

const char* to_string(WeightsStyle s) {
  return s == WeightsStyle::Row ? "row" : "binary";
}

WeightsStyle parse_weights_style(std::string_view s) {
  std::string t = lower(s);
  if (t == "row" || t == "r") return WeightsStyle::Row;
  if (t == "binary" || t == "b") return WeightsStyle::Binary;
  throw Error("unknown weights style '" + std::string(s) + "'; use row (row-standardised) or binary");
}

bool SpatialWeights::symmetric() const {
  for (size_t i = 0; i < size(); ++i)
    for (uint32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
      uint32_t j = neighbours[k];
      auto b = neighbours.begin() + offsets[j], e = neighbours.begin() + offsets[j + 1];
      auto it = std::lower_bound(b, e, static_cast<uint32_t>(i));
      if (it == e || *it != i || weights[size_t(it - neighbours.begin())] != weights[k]) return false;
    }
  return true;
}

SpatialWeights weights_from_links(size_t n, std::vector<Link> links, std::string kind) {
  // Stable: of duplicate links the first keeps its weight.
  std::stable_sort(links.begin(), links.end(),
                   [](const Link& a, const Link& b) { return a.i != b.i ? a.i < b.i : a.j < b.j; });
  SpatialWeights w;
  w.kind = std::move(kind);
  w.offsets.assign(n + 1, 0);
  w.neighbours.reserve(links.size());
  w.weights.reserve(links.size());
  for (size_t k = 0; k < links.size(); ++k) {
    const Link& l = links[k];
    if (l.i >= n || l.j >= n)
      throw Error("internal: a weights link refers to area " + std::to_string(std::max(l.i, l.j)) + " of " +
                  std::to_string(n));
    if (l.i == l.j) continue;
    if (k > 0 && links[k - 1].i == l.i && links[k - 1].j == l.j) continue;
    w.neighbours.push_back(l.j);
    w.weights.push_back(l.w);
    w.offsets[l.i + 1]++;
  }
  for (size_t i = 0; i < n; ++i) w.offsets[i + 1] += w.offsets[i];
  return w;
}

SpatialWeights with_style(const SpatialWeights& w, WeightsStyle style) {
  SpatialWeights out = w;
  if (style == WeightsStyle::Binary) return out;
  for (size_t i = 0; i < w.size(); ++i) {
    double sum = 0;
    for (uint32_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k) sum += w.weights[k];
    if (sum == 0) continue;  // an island, or a row of zero weights: nothing to scale
    for (uint32_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k) out.weights[k] = w.weights[k] / sum;
  }
  return out;
}

SpatialWeights subset(const SpatialWeights& w, const std::vector<bool>& keep) {
  std::vector<uint32_t> index(w.size(), UINT32_MAX);
  uint32_t m = 0;
  for (size_t i = 0; i < w.size(); ++i)
    if (keep[i]) index[i] = m++;
  SpatialWeights out;
  out.kind = w.kind;
  out.offsets.assign(size_t(m) + 1, 0);
  for (size_t i = 0; i < w.size(); ++i) {
    if (!keep[i]) continue;
    uint32_t row = index[i];
    for (uint32_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k) {
      uint32_t j = index[w.neighbours[k]];
      if (j == UINT32_MAX) continue;
      out.neighbours.push_back(j);  // renumbering keeps the order, so rows stay ascending
      out.weights.push_back(w.weights[k]);
      out.offsets[row + 1]++;
    }
  }
  for (size_t i = 0; i < m; ++i) out.offsets[i + 1] += out.offsets[i];
  return out;
}

WeightsSummary summarise(const SpatialWeights& w) {
  WeightsSummary s;
  s.areas = w.size();
  s.links = w.links();
  s.min_neighbours = w.size() ? SIZE_MAX : 0;
  for (size_t i = 0; i < w.size(); ++i) {
    size_t c = w.count(i);
    s.min_neighbours = std::min(s.min_neighbours, c);
    s.max_neighbours = std::max(s.max_neighbours, c);
    if (c == 0) s.island_rows.push_back(i);
  }
  s.islands = s.island_rows.size();
  s.mean_neighbours = w.size() ? double(w.links()) / double(w.size()) : 0;
  s.symmetric = w.symmetric();
  return s;
}

}  // namespace nbhd
