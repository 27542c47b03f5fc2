#include "render/brief/brief_figures.hpp"

#include <cmath>

#include "base/error.hpp"
#include "geo/stats/aggregate.hpp"
#include "geo/stats/lisa_run.hpp"

namespace nbhd {

namespace {

Worse worse_of(const BriefColumn& c, const ColumnLabels& labels) {
  if (c.worse) return *c.worse;
  if (const ColumnMeta* m = labels.find(c.column); m && m->higher == HigherIs::better) return Worse::Low;
  return Worse::High;
}

std::vector<double> values_of(const Column& c) {
  return c.num;
}

// Means of each of `columns` per parent and over every row, through the aggregate engine (nbhd aggregate's
// mean / wmean): one call per grouping for all the columns.
struct Means {
  std::vector<std::map<std::string, double>> by_parent;  // per column
  std::vector<double> all;                               // per column
};

Means means_of(const Table& t, const std::vector<std::string>& parent_of,
               const std::vector<std::string>& columns, const std::string& weight) {
  Means m;
  m.by_parent.resize(columns.size());
  m.all.assign(columns.size(), std::nan(""));
  if (columns.empty()) return m;
  std::vector<AggregateStat> stats;
  for (size_t k = 0; k < columns.size(); ++k) {
    AggregateStat s;
    s.stat = weight.empty() ? AggStat::Mean : AggStat::WeightedMean;
    s.column = columns[k];
    s.weight = weight;
    s.output = "mean" + std::to_string(k);
    stats.push_back(s);
  }
  auto run = [&](const std::vector<std::string>& parents, auto&& take) {
    AggregateResult r = aggregate(t, parents, stats, "parent");
    const Column& key = r.table.column("parent");
    for (size_t k = 0; k < columns.size(); ++k) {
      const Column& mean = r.table.column("mean" + std::to_string(k));
      for (size_t i = 0; i < r.table.rows(); ++i) take(k, key.cell(i), mean.num[i]);
    }
  };
  if (!parent_of.empty())
    run(parent_of, [&](size_t k, const std::string& p, double v) { m.by_parent[k][p] = v; });
  run(std::vector<std::string>(t.rows(), "all"),
      [&](size_t k, const std::string&, double v) { m.all[k] = v; });
  return m;
}

}  // namespace

std::string BriefFigures::la_name(const std::string& la_code) const {
  auto it = la_names.find(la_code);
  return it == la_names.end() || it->second.empty() ? la_code : it->second;
}

std::vector<double> set_means(const AreaLayer& layer, const BriefOptions& opt,
                              const std::vector<size_t>& areas) {
  std::vector<std::string> parent(layer.size()), cols;
  for (size_t i : areas) parent[i] = "set";
  for (const auto& bc : opt.columns) cols.push_back(bc.column);
  Means m = means_of(layer.attrs, parent, cols, opt.weight);
  std::vector<double> out(cols.size(), std::nan(""));
  for (size_t k = 0; k < cols.size(); ++k)
    if (auto it = m.by_parent[k].find("set"); it != m.by_parent[k].end()) out[k] = it->second;
  return out;
}

std::string comparator_label(const AreaLayer& layer, const Column& values) {
  for (size_t i = 0; i < layer.size(); ++i)
    if (!values.missing(i) && (layer.codes[i].empty() || layer.codes[i][0] != 'E')) return "All areas";
  return "England";
}

BriefFigures compute_brief_figures(const AreaLayer& layer, const BriefOptions& opt,
                                   const Progress& progress) {
  BriefFigures f;
  const Table& attrs = layer.attrs;
  f.la_field = opt.la_field.empty() ? detect_coverage_field(layer) : opt.la_field;
  if (!f.la_field.empty()) {
    const Column& la = attrs.column(f.la_field);
    f.la_of.resize(layer.size());
    for (size_t i = 0; i < layer.size(); ++i) f.la_of[i] = la.cell(i);
    std::string stem = f.la_field;
    if (auto p = stem.rfind("_code"); p != std::string::npos) stem.replace(p, 5, "_name");
    if (auto k = attrs.find(stem); k && stem != f.la_field) {
      f.la_name_field = stem;
      for (size_t i = 0; i < layer.size(); ++i) f.la_names.emplace(f.la_of[i], attrs.col(*k).cell(i));
    }
  }
  if (!opt.weight.empty()) attrs.numeric(opt.weight);  // an unknown weight fails before any work

  report(progress, 0.05, "ranking");
  for (const auto& bc : opt.columns) {
    IndicatorFigures ind;
    ind.column = bc.column;
    ind.values = &attrs.numeric(bc.column);
    ind.worse = worse_of(bc, opt.labels);
    ind.label = opt.labels.label(bc.column);
    if (const ColumnMeta* m = opt.labels.find(bc.column)) {
      ind.unit = m->unit;
      ind.source = m->source;
      ind.year = m->year;
    }
    std::vector<double> v = values_of(*ind.values);
    ind.national = rank_values(v, ind.worse);
    if (!f.la_of.empty()) ind.local = rank_within(v, ind.worse, f.la_of);
    f.indicators.push_back(std::move(ind));
  }
  {
    std::vector<std::string> cols;
    for (const auto& bc : opt.columns) cols.push_back(bc.column);
    Means m = means_of(attrs, f.la_of, cols, opt.weight);
    for (size_t k = 0; k < cols.size(); ++k) {
      f.indicators[k].la_mean = std::move(m.by_parent[k]);
      f.indicators[k].all_mean = m.all[k];
    }
  }
  if (!f.indicators.empty()) f.all_label = comparator_label(layer, *f.indicators.front().values);

  if (opt.flag_a && opt.flag_b) {
    report(progress, 0.15, "dual disadvantage");
    FlagIndicator a{opt.flag_a->column, values_of(attrs.numeric(opt.flag_a->column)),
                    worse_of(*opt.flag_a, opt.labels)};
    FlagIndicator b{opt.flag_b->column, values_of(attrs.numeric(opt.flag_b->column)),
                    worse_of(*opt.flag_b, opt.labels)};
    FlagOptions fo;
    fo.worst_share = opt.worst_share;
    f.flag = flag_dual(a, b, fo);
  }

  if (!opt.change_rank_a.empty()) {
    report(progress, 0.2, "change");
    auto period = [&](const std::string& label, const std::string& rank, const std::string& decile) {
      Period p;
      p.label = label;
      p.codes = layer.codes;
      p.rank = attrs.numeric(rank).num;
      p.decile = attrs.numeric(decile).num;
      return p;
    };
    f.change = compare_periods(period(opt.change_label_a, opt.change_rank_a, opt.change_decile_a),
                               period(opt.change_label_b, opt.change_rank_b, opt.change_decile_b));
    for (size_t i = 0; i < f.change->areas.size(); ++i) f.change_row[f.change->areas[i].code] = i;
  }

  if (!opt.lisa_column.empty()) {
    LisaRunOptions lo;
    lo.column = opt.lisa_column;
    lo.lisa.progress = progress_slice(progress, 0.25, 0.55);
    LisaRun run = run_lisa(layer, lo);
    f.lisa_cluster.assign(layer.size(), -1);
    f.lisa_significance.assign(layer.size(), -1);
    for (size_t k = 0; k < run.rows.size(); ++k) {
      f.lisa_cluster[run.rows[k]] = run.result.cluster[k];
      f.lisa_significance[run.rows[k]] = run.result.significance[k];
    }
  }

  if (!opt.assets.empty()) {
    report(progress, 0.55, "assets");
    std::vector<PointLayer> layers;
    for (const PointLayer* p : opt.assets) layers.push_back(*p);
    f.asset_index.emplace(merge_assets(layers));
    GapOptions go;
    go.within = opt.within_m;
    check_gap_distance(go.within);
    if (!opt.per.empty()) go.denominator = &attrs.numeric(opt.per);
    f.gaps = gap_indicators(layer, *f.asset_index, go, progress_slice(progress, 0.55, 0.8));
    const Table& t = f.gaps->table;
    std::vector<std::string> units = {"assets"};
    for (const auto& c : f.asset_index->set().categories) units.push_back(c);
    const std::string tag = within_tag(go.within);
    for (const auto& u : units) {
      GapFigures g;
      g.unit = u;
      if (auto k = t.find(u + tag)) g.within = &t.col(*k);
      if (auto k = t.find(u + tag + "_per_1000")) g.per_1000 = &t.col(*k);
      f.gap_units.push_back(std::move(g));
    }
    // Plain means of the per-1,000 rates over the covered areas (No data is left out).
    std::vector<std::string> rates;
    for (const auto& g : f.gap_units)
      if (g.per_1000) rates.push_back(g.per_1000->name);
    Means m = means_of(t, f.la_of, rates, "");
    size_t k = 0;
    for (auto& g : f.gap_units)
      if (g.per_1000) {
        g.la_mean = std::move(m.by_parent[k]);
        g.all_mean = m.all[k++];
      }
  }
  return f;
}

}  // namespace nbhd
