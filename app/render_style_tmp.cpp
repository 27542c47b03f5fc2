// TEMPORARY (see render_style_tmp.hpp).
#include "app/render_style_tmp.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "geo/error.hpp"

namespace nbhd::cli {

namespace {
std::string fmt(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.4g", v);
  return b;
}
std::vector<Rgba> hexes(std::initializer_list<const char*> l) {
  std::vector<Rgba> v;
  for (auto h : l) v.push_back(parse_hex_colour(h));
  return v;
}
}  // namespace

TmpClasses tmp_classify(const Column& col, const std::string& method, int classes) {
  if (!col.numeric()) throw Error("column '" + col.name + "' is not numeric; choose a numeric column to map");
  TmpClasses c;
  size_t n = col.num.size();
  c.cls.assign(n, -1);
  std::vector<double> vals;
  for (double v : col.num)
    if (!std::isnan(v)) vals.push_back(v);
  c.missing = (long long)(n - vals.size());
  if (vals.empty()) throw Error("column '" + col.name + "' has no values to map");
  std::sort(vals.begin(), vals.end());
  std::vector<double> uppers;  // class k holds values <= uppers[k]
  if (method == "unique") {
    vals.erase(std::unique(vals.begin(), vals.end()), vals.end());
    if (vals.size() > 20)
      throw Error("column '" + col.name + "' has " + std::to_string(vals.size()) +
                  " distinct values; --method unique allows at most 20 (use quantile or equal)");
    uppers = vals;
    for (double v : vals) c.labels.push_back(fmt(v));
  } else {
    if (classes < 2 || classes > 12) throw Error("--classes must be between 2 and 12");
    double lo = vals.front(), hi = vals.back();
    double prev = lo;
    for (int k = 1; k <= classes; ++k) {
      double up;
      if (method == "equal")
        up = k == classes ? hi : lo + (hi - lo) * k / classes;
      else if (method == "quantile")
        up = vals[std::min(vals.size() - 1, size_t(std::ceil(double(vals.size()) * k / classes)) - 1)];
      else
        throw Error("unknown --method '" + method + "'; use quantile, equal or unique");
      if (!uppers.empty() && up <= uppers.back()) continue;  // ties collapse classes
      uppers.push_back(up);
      c.labels.push_back(fmt(prev) + " – " + fmt(up));
      prev = up;
    }
  }
  c.counts.assign(uppers.size(), 0);
  for (size_t i = 0; i < n; ++i) {
    double v = col.num[i];
    if (std::isnan(v)) continue;
    int k = int(std::lower_bound(uppers.begin(), uppers.end(), v) - uppers.begin());
    k = std::min(k, int(uppers.size()) - 1);
    c.cls[i] = k;
    c.counts[size_t(k)]++;
  }
  return c;
}

std::vector<Rgba> tmp_palette(const std::string& name, int n) {
  static const std::map<std::string, std::map<int, std::vector<Rgba>>> schemes = {
      {"RdBu",
       {{3, hexes({"#ef8a62", "#f7f7f7", "#67a9cf"})},
        {4, hexes({"#ca0020", "#f4a582", "#92c5de", "#0571b0"})},
        {5, hexes({"#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"})},
        {6, hexes({"#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"})},
        {7, hexes({"#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"})},
        {8, hexes({"#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"})},
        {9, hexes({"#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"})},
        {10, hexes({"#67001f", "#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac",
                    "#053061"})},
        {11, hexes({"#67001f", "#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3",
                    "#2166ac", "#053061"})}}},
      {"YlOrRd",
       {{9, hexes({"#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026"})}}},
      {"Blues",
       {{9, hexes({"#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"})}}},
  };
  auto it = schemes.find(name);
  if (it == schemes.end()) throw Error("unknown palette '" + name + "'; available: RdBu, YlOrRd, Blues");
  if (auto e = it->second.find(n); e != it->second.end()) return e->second;
  // Not tabulated for n: spread n colours over the largest scheme.
  const auto& big = it->second.rbegin()->second;
  if (n > int(big.size()))
    throw Error("palette " + name + " has at most " + std::to_string(big.size()) + " colours; use fewer --classes");
  std::vector<Rgba> out;
  for (int i = 0; i < n; ++i) out.push_back(big[size_t(std::lround(double(i) * (big.size() - 1) / std::max(1, n - 1)))]);
  return out;
}

std::vector<Rgba> tmp_bivariate_palette() {
  return hexes({"#e8e8e8", "#ace4e4", "#5ac8c8", "#dfb0d6", "#a5add3", "#5698b9", "#be64ac", "#8c62aa", "#3b4994"});
}

std::vector<Rgba> tmp_category_colours() {
  return hexes({"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
                "#bab0ac"});
}

}  // namespace nbhd::cli
