#include "geo/stats/rank.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

#include "base/error.hpp"
#include "base/text.hpp"

namespace nbhd {

const char* to_string(Worse w) {
  return w == Worse::High ? "high" : "low";
}

Worse parse_worse(std::string_view s) {
  std::string l = lower(s);
  if (l == "high" || l == "higher") return Worse::High;
  if (l == "low" || l == "lower") return Worse::Low;
  throw Error("unknown direction '" + std::string(s) +
              "': say worse=high (a high value is worse) or worse=low");
}

int ntile(double rank, size_t n, int tiles) {
  if (std::isnan(rank) || n == 0) return 0;
  int t = static_cast<int>(std::ceil(tiles * rank / static_cast<double>(n) - 1e-9));
  return std::clamp(t, 1, tiles);
}

namespace {
// Ranks the areas listed in `idx` among themselves.
void rank_subset(const std::vector<double>& values, Worse worse, std::vector<size_t>& idx, Ranking& r) {
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    double va = values[a], vb = values[b];
    if (va != vb) return worse == Worse::High ? va > vb : va < vb;
    return a < b;
  });
  const size_t n = idx.size();
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && values[idx[j]] == values[idx[i]]) ++j;
    for (size_t t = i; t < j; ++t) {
      r.rank[idx[t]] = static_cast<double>(i + 1);
      r.decile[idx[t]] = ntile(static_cast<double>(i + 1), n, 10);
      r.group_size[idx[t]] = n;
    }
    i = j;
  }
  r.ranked += n;
}

Ranking empty_ranking(size_t n) {
  Ranking r;
  r.rank.assign(n, std::numeric_limits<double>::quiet_NaN());
  r.decile.assign(n, 0);
  r.group_size.assign(n, 0);
  return r;
}
}  // namespace

Ranking rank_values(const std::vector<double>& values, Worse worse) {
  Ranking r = empty_ranking(values.size());
  std::vector<size_t> idx;
  for (size_t i = 0; i < values.size(); ++i)
    if (std::isfinite(values[i])) idx.push_back(i);
  rank_subset(values, worse, idx, r);
  return r;
}

Ranking rank_within(const std::vector<double>& values, Worse worse, const std::vector<std::string>& groups) {
  if (groups.size() != values.size())
    throw Error("internal: rank_within got " + std::to_string(groups.size()) + " group labels for " +
                std::to_string(values.size()) + " values");
  Ranking r = empty_ranking(values.size());
  std::unordered_map<std::string, std::vector<size_t>> members;
  for (size_t i = 0; i < values.size(); ++i)
    if (std::isfinite(values[i]) && !groups[i].empty()) members[groups[i]].push_back(i);
  for (auto& [g, idx] : members) rank_subset(values, worse, idx, r);
  return r;
}

}  // namespace nbhd
