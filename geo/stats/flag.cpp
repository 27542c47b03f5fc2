#include "geo/stats/flag.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "base/error.hpp"
#include "base/text.hpp"

namespace nbhd {

int bivariate_level(double rank, size_t n) {
  int t = ntile(rank, n, 3);  // 1 = worst third
  return t == 0 ? -1 : 3 - t;
}

FlagResult flag_dual(const FlagIndicator& a, const FlagIndicator& b, const FlagOptions& opt) {
  if (!(opt.worst_share > 0 && opt.worst_share <= 1))
    throw Error("the worst share must be above 0% and at most 100% (got " +
                format_number(opt.worst_share * 100) + "%)");
  if (a.values.size() != b.values.size())
    throw Error("internal: indicators '" + a.name + "' and '" + b.name + "' have different lengths");
  const size_t n = a.values.size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Rank both indicators over the same areas (those with both values) so that "worst 10%" means the same
  // number of areas on each side.
  std::vector<double> va(n, nan), vb(n, nan);
  FlagResult r;
  for (size_t i = 0; i < n; ++i)
    if (std::isfinite(a.values[i]) && std::isfinite(b.values[i])) {
      va[i] = a.values[i];
      vb[i] = b.values[i];
      ++r.considered;
    }
  if (r.considered == 0)
    throw Error("no area has values of both '" + a.name + "' and '" + b.name +
                "'; check that both columns joined (see the join report)");
  Ranking ra = rank_values(va, a.worse), rb = rank_values(vb, b.worse);
  r.rank_a = std::move(ra.rank);
  r.rank_b = std::move(rb.rank);
  // floor with a tolerance: 10% of 7,433 areas is 743.3, so ranks 1..743.
  r.cutoff_rank = static_cast<size_t>(std::floor(opt.worst_share * static_cast<double>(r.considered) + 1e-9));
  r.flagged.assign(n, false);
  r.bivariate.assign(n, -1);
  for (size_t i = 0; i < n; ++i) {
    if (std::isnan(r.rank_a[i])) continue;
    bool f = r.rank_a[i] <= static_cast<double>(r.cutoff_rank) &&
             r.rank_b[i] <= static_cast<double>(r.cutoff_rank);
    r.flagged[i] = f;
    if (f) r.flagged_rows.push_back(i);
    r.bivariate[i] =
        3 * bivariate_level(r.rank_b[i], r.considered) + bivariate_level(r.rank_a[i], r.considered);
  }
  r.flagged_count = r.flagged_rows.size();
  std::sort(r.flagged_rows.begin(), r.flagged_rows.end(), [&](size_t x, size_t y) {
    double sx = r.rank_a[x] + r.rank_b[x], sy = r.rank_a[y] + r.rank_b[y];
    if (sx != sy) return sx < sy;
    return r.rank_a[x] < r.rank_a[y];
  });
  return r;
}

}  // namespace nbhd
