// The local-statistics pipeline shared by `nbhd lisa` and the viewer (lisa_run.hpp).
#include "geo/stats/lisa_run.hpp"

#include <cmath>

#include "base/error.hpp"
#include "base/progress.hpp"

namespace nbhd {

namespace {
std::vector<double> values_at(const std::vector<double>& v, const std::vector<size_t>& rows) {
  std::vector<double> out;
  out.reserve(rows.size());
  for (size_t r : rows) out.push_back(v[r]);
  return out;
}

// The numeric column `name` of `extra` when it has one (of the layer's length), else of the layer.
const Column& numeric_of(const AreaLayer& L, const Table* extra, const std::string& name) {
  if (extra && extra->find(name)) {
    const Column& c = extra->numeric(name);
    if (c.num.size() != L.size())
      throw Error("internal: computed column '" + name + "' has " + std::to_string(c.num.size()) +
                  " rows for " + std::to_string(L.size()) + " areas");
    return c;
  }
  return L.attrs.numeric(name);
}
}  // namespace

LisaRun run_lisa(const AreaLayer& L, const LisaRunOptions& opt, std::vector<size_t> rows,
                 const Table* extra) {
  check_lisa_options(opt.lisa);
  if (rows.empty())
    for (size_t i = 0; i < L.size(); ++i) rows.push_back(i);
  LisaRun out;
  out.x = values_at(numeric_of(L, extra, opt.column).num, rows);
  if (!opt.column2.empty()) out.y = values_at(numeric_of(L, extra, opt.column2).num, rows);
  size_t with_value = 0;
  for (double v : out.x) with_value += std::isfinite(v);
  if (with_value == 0)
    throw Error("column '" + opt.column + "' is blank for all " + std::to_string(out.x.size()) +
                " areas of " + L.source +
                "; choose a column with values, or check the join report (areas without a row)");
  report(opt.lisa.progress, 0, "weights");
  out.weights = build_weights(L, opt.weights);
  if (rows.size() < L.size()) {
    std::vector<bool> keep(L.size(), false);
    for (size_t i : rows) keep[i] = true;
    out.weights = subset(out.weights, keep);
  }
  out.result = opt.column2.empty()
                   ? local_moran(out.x, out.weights, opt.lisa, opt.column)
                   : bivariate_local_moran(out.x, out.y, out.weights, opt.lisa, opt.column, opt.column2);
  if (opt.gi) out.gi = local_gi_star(out.x, out.weights, opt.lisa, opt.column);
  out.rows = std::move(rows);
  return out;
}

}  // namespace nbhd
