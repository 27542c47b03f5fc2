#include "geo/stats/aggregate.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/spatial/geos_handle.hpp"

namespace nbhd {

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string stat_list() {
  return "count, sum, mean, wmean, min, max, median, share:V, share:LO:HI";
}

double parse_or_throw(std::string_view s, std::string_view spec) {
  auto v = parse_number(s);
  if (!v)
    throw Error("statistic '" + std::string(spec) + "': '" + std::string(s) +
                "' is not a number; write share:1 or share:1:3");
  return *v;
}
}  // namespace

AggregateStat parse_agg_stat(std::string_view spec, const std::string& column, const std::string& weight) {
  AggregateStat s;
  s.column = column;
  s.weight = weight;
  std::string l = lower(spec);
  if (l == "count")
    s.stat = AggStat::Count;
  else if (l == "sum")
    s.stat = AggStat::Sum;
  else if (l == "mean")
    s.stat = AggStat::Mean;
  else if (l == "wmean" || l == "weighted-mean" || l == "weighted_mean")
    s.stat = AggStat::WeightedMean;
  else if (l == "min")
    s.stat = AggStat::Min;
  else if (l == "max")
    s.stat = AggStat::Max;
  else if (l == "median")
    s.stat = AggStat::Median;
  else if (l.rfind("share:", 0) == 0) {
    s.stat = AggStat::Share;
    std::string_view rest = spec.substr(6);
    auto colon = rest.find(':');
    s.lo = parse_or_throw(rest.substr(0, colon), spec);
    s.hi = colon == std::string_view::npos ? s.lo : parse_or_throw(rest.substr(colon + 1), spec);
    if (s.hi < s.lo)
      throw Error("statistic '" + std::string(spec) + "': the range is empty (" + format_number(s.hi) +
                  " < " + format_number(s.lo) + ")");
  } else {
    throw Error("unknown statistic '" + std::string(spec) + "'; statistics are: " + stat_list());
  }
  if (s.stat != AggStat::Count && s.column.empty())
    throw Error("statistic '" + std::string(spec) + "' needs a column", Need::Column);
  if (s.stat == AggStat::WeightedMean && s.weight.empty())
    throw Error("statistic 'wmean' needs a weight column, e.g. households", Need::Weight);
  return s;
}

std::string agg_output_name(const AggregateStat& s) {
  if (!s.output.empty()) return s.output;
  switch (s.stat) {
    case AggStat::Count:
      return s.column.empty() ? "n_children" : s.column + "_count";
    case AggStat::Sum:
      return s.column + "_sum";
    case AggStat::Mean:
      return s.column + "_mean";
    case AggStat::WeightedMean:
      return s.column + "_wmean";
    case AggStat::Min:
      return s.column + "_min";
    case AggStat::Max:
      return s.column + "_max";
    case AggStat::Median:
      return s.column + "_median";
    case AggStat::Share:
      return s.column + "_pct_" + format_number(s.lo) + (s.hi == s.lo ? "" : "_" + format_number(s.hi));
  }
  return s.column;
}

ParentAssignment parents_from_lookup(const std::vector<std::string>& child_codes, const Table& lookup,
                                     std::string_view child_key, std::string_view parent_key) {
  const Column& ck = lookup.column(child_key);
  const Column& pk = lookup.column(parent_key);
  std::unordered_map<std::string, std::string> parent;
  parent.reserve(lookup.rows());
  for (size_t r = 0; r < lookup.rows(); ++r) {
    std::string c(trim(ck.cell(r))), p(trim(pk.cell(r)));
    if (c.empty() || p.empty()) continue;
    auto [it, inserted] = parent.emplace(c, p);
    if (!inserted && it->second != p)
      throw Error("lookup " + lookup.source() + " maps '" + c + "' to two parents ('" + it->second +
                  "' and '" + p + "'); a lookup must give one " + std::string(parent_key) + " per " +
                  std::string(child_key));
  }
  ParentAssignment a;
  a.method = "lookup " + std::string(child_key) + " -> " + std::string(parent_key) + " in " + lookup.source();
  a.parent_of.reserve(child_codes.size());
  for (const auto& code : child_codes) {
    auto it = parent.find(std::string(trim(code)));
    if (it == parent.end()) {
      a.parent_of.emplace_back();
      a.unassigned.push_back(code);
    } else {
      a.parent_of.push_back(it->second);
    }
  }
  return a;
}

std::vector<Point> points_on_surface(const AreaLayer& layer, const Progress& progress) {
  GeosContext ctx;
  std::vector<Point> out(layer.size(), Point{kNaN, kNaN});
  for (size_t i = 0; i < layer.size(); ++i) {
    if (i % 1024 == 0)
      report(progress, static_cast<double>(i) / static_cast<double>(layer.size()), "points on surface");
    if (layer.geoms[i].empty()) continue;
    GeomPtr g = to_geos(ctx, layer.geoms[i]);
    if (!g) continue;
    GeomPtr p = own(ctx, GEOSPointOnSurface_r(ctx, g.get()));
    if (!p || GEOSisEmpty_r(ctx, p.get())) continue;
    double x = 0, y = 0;
    GEOSGeomGetX_r(ctx, p.get(), &x);
    GEOSGeomGetY_r(ctx, p.get(), &y);
    out[i] = {x, y};
  }
  return out;
}

namespace {
struct TreeDeleter {
  GEOSContextHandle_t ctx;
  void operator()(GEOSSTRtree* t) const {
    if (t) GEOSSTRtree_destroy_r(ctx, t);
  }
};
using TreePtr = std::unique_ptr<GEOSSTRtree, TreeDeleter>;

struct Hits {
  std::vector<size_t> items;
  static void collect(void* item, void* user) {
    static_cast<Hits*>(user)->items.push_back(reinterpret_cast<size_t>(item));
  }
};
}  // namespace

ParentAssignment parents_by_location(const std::vector<Point>& child_points,
                                     const std::vector<std::string>& child_codes, const AreaLayer& parents,
                                     const Progress& progress) {
  if (child_points.size() != child_codes.size())
    throw Error("internal: parents_by_location got " + std::to_string(child_points.size()) + " points for " +
                std::to_string(child_codes.size()) + " codes");
  GeosContext ctx;
  std::vector<GeomPtr> geoms;
  std::vector<PreparedPtr> prepared;
  geoms.reserve(parents.size());
  prepared.reserve(parents.size());
  TreePtr tree(GEOSSTRtree_create_r(ctx, 10), TreeDeleter{ctx.get()});
  if (!tree) throw Error("GEOS could not build a spatial index: " + ctx.last_error());
  for (size_t i = 0; i < parents.size(); ++i) {
    geoms.push_back(to_geos(ctx, parents.geoms[i]));
    prepared.emplace_back(GEOSPrepare_r(ctx, geoms.back().get()), PreparedDeleter{ctx.get()});
    // The item is the parent index itself, carried in the pointer value (never dereferenced).
    GEOSSTRtree_insert_r(ctx, tree.get(), geoms.back().get(), reinterpret_cast<void*>(i));
  }
  ParentAssignment a;
  a.method = "point on surface inside " + parents.source;
  a.parent_of.resize(child_points.size());
  Hits hits;
  for (size_t c = 0; c < child_points.size(); ++c) {
    if (c % 1024 == 0)
      report(progress, static_cast<double>(c) / static_cast<double>(child_points.size()), "finding parents");
    Point p = child_points[c];
    if (std::isnan(p.x)) {
      a.unassigned.push_back(child_codes[c]);
      continue;
    }
    GeomPtr pt = to_geos(ctx, p);
    hits.items.clear();
    GEOSSTRtree_query_r(ctx, tree.get(), pt.get(), &Hits::collect, &hits);
    std::sort(hits.items.begin(), hits.items.end());
    for (size_t k : hits.items) {
      if (prepared[k] && GEOSPreparedIntersects_r(ctx, prepared[k].get(), pt.get()) == 1) {
        a.parent_of[c] = parents.codes[k];
        break;
      }
    }
    if (a.parent_of[c].empty()) a.unassigned.push_back(child_codes[c]);
  }
  return a;
}

namespace {
double median_of(std::vector<double>& v) {
  if (v.empty()) return kNaN;
  size_t h = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<long>(h), v.end());
  double upper = v[h];
  if (v.size() % 2) return upper;
  double lower = *std::max_element(v.begin(), v.begin() + static_cast<long>(h));
  return (lower + upper) / 2;
}

double compute(const AggregateStat& s, const std::vector<size_t>& rows, const Column* col, const Column* w) {
  if (s.stat == AggStat::Count && !col) return static_cast<double>(rows.size());
  std::vector<double> vals;
  vals.reserve(rows.size());
  double sw = 0, swv = 0;
  for (size_t r : rows) {
    double v = col->num[r];
    if (std::isnan(v)) continue;
    if (s.stat == AggStat::WeightedMean) {
      double wt = w->num[r];
      if (std::isnan(wt)) continue;
      sw += wt;
      swv += wt * v;
    }
    vals.push_back(v);
  }
  switch (s.stat) {
    case AggStat::Count:
      return static_cast<double>(vals.size());
    case AggStat::Sum: {
      if (vals.empty()) return kNaN;
      double t = 0;
      for (double v : vals) t += v;
      return t;
    }
    case AggStat::Mean: {
      if (vals.empty()) return kNaN;
      double t = 0;
      for (double v : vals) t += v;
      return t / static_cast<double>(vals.size());
    }
    case AggStat::WeightedMean:
      return sw > 0 ? swv / sw : kNaN;
    case AggStat::Min:
      return vals.empty() ? kNaN : *std::min_element(vals.begin(), vals.end());
    case AggStat::Max:
      return vals.empty() ? kNaN : *std::max_element(vals.begin(), vals.end());
    case AggStat::Median:
      return median_of(vals);
    case AggStat::Share: {
      if (vals.empty()) return kNaN;
      size_t in = 0;
      for (double v : vals) in += (v >= s.lo && v <= s.hi);
      return 100.0 * static_cast<double>(in) / static_cast<double>(vals.size());
    }
  }
  return kNaN;
}
}  // namespace

AggregateResult aggregate(const Table& children, const std::vector<std::string>& parent_of,
                          const std::vector<AggregateStat>& stats, const std::string& parent_key,
                          const std::vector<std::string>* parent_order) {
  if (parent_of.size() != children.rows())
    throw Error("internal: aggregate got " + std::to_string(parent_of.size()) + " parents for " +
                std::to_string(children.rows()) + " rows of " + children.source());
  // Resolve columns first so a typo fails before any work.
  std::vector<const Column*> cols, weights;
  for (const auto& s : stats) {
    cols.push_back(s.column.empty() ? nullptr : &children.numeric(s.column));
    const Column* w = nullptr;
    if (s.stat == AggStat::WeightedMean) {
      w = &children.numeric(s.weight);
      for (double x : w->num)
        if (x < 0)
          throw Error("weight column '" + s.weight + "' in " + children.source() + " has a negative value (" +
                      format_number(x) + "); weights must be 0 or more");
    }
    weights.push_back(w);
  }

  AggregateResult res;
  res.children = children.rows();
  std::vector<std::string> order;
  std::unordered_map<std::string, size_t> index;
  if (parent_order) {
    order = *parent_order;
  } else {
    std::map<std::string, int> seen;
    for (const auto& p : parent_of)
      if (!p.empty()) seen.emplace(p, 0);
    for (auto& [p, unused] : seen) order.push_back(p);
  }
  for (size_t i = 0; i < order.size(); ++i) index.emplace(order[i], i);
  std::vector<std::vector<size_t>> members(order.size());
  for (size_t r = 0; r < parent_of.size(); ++r) {
    if (parent_of[r].empty()) continue;
    auto it = index.find(parent_of[r]);
    if (it == index.end()) continue;  // a parent outside parent_order: not assigned
    members[it->second].push_back(r);
    ++res.assigned;
  }

  Table out("aggregate of " + children.source());
  Column key;
  key.name = parent_key;
  key.type = ColumnType::Text;
  key.text = order;
  out.add(std::move(key));
  Column n;
  n.name = "n_children";
  n.type = ColumnType::Integer;
  for (const auto& m : members) n.num.push_back(static_cast<double>(m.size()));
  out.add(std::move(n));
  for (size_t si = 0; si < stats.size(); ++si) {
    const auto& s = stats[si];
    if (s.stat == AggStat::Count && !cols[si]) continue;  // n_children already says it
    Column c;
    c.name = agg_output_name(s);
    c.num.reserve(order.size());
    for (const auto& m : members) c.num.push_back(compute(s, m, cols[si], weights[si]));
    bool ints =
        std::all_of(c.num.begin(), c.num.end(), [](double v) { return std::isnan(v) || v == std::floor(v); });
    c.type = ints ? ColumnType::Integer : ColumnType::Real;
    out.add(std::move(c));
  }
  res.parents = order.size();
  res.table = std::move(out);
  return res;
}

}  // namespace nbhd
