#include "geo/stats/level.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/model/ons_codes.hpp"

namespace nbhd {

namespace {
bool name_has(const std::string& column, const char* word) {
  return lower(column).find(word) != std::string::npos;
}
}  // namespace

AggregateStat level_rule(const Table& children, const std::string& column, const std::string& weight) {
  const Column& c = children.numeric(column);
  AggregateStat s;
  s.column = column;
  s.output = column;
  if (!weight.empty() && column == weight) {
    s.stat = AggStat::Sum;
  } else if (name_has(column, "decile")) {
    s.stat = AggStat::Share;
    s.lo = s.hi = 1;
  } else if (name_has(column, "rank")) {
    // Ranks run 1 (most deprived) .. N over the whole country; the most deprived decile is rank <= N / 10.
    double top = 0;
    for (double v : c.num)
      if (!std::isnan(v)) top = std::max(top, v);
    s.stat = AggStat::Share;
    s.lo = 1;
    s.hi = top / 10;
  } else if (!weight.empty()) {
    children.numeric(weight);
    s.stat = AggStat::WeightedMean;
    s.weight = weight;
  } else {
    s.stat = AggStat::Mean;
  }
  return s;
}

std::string rule_text(const AggregateStat& s, const std::string& child_word, const std::string& weight_word) {
  switch (s.stat) {
    case AggStat::Mean:
      return "mean of " + child_word;
    case AggStat::WeightedMean:
      return (weight_word.empty() ? s.weight : weight_word) + "-weighted mean of " + child_word;
    case AggStat::Sum:
      return "sum of " + child_word;
    case AggStat::Share:
      return "% of " + child_word + " in the most deprived decile";
    case AggStat::Count:
      return "count of " + child_word;
    case AggStat::Min:
      return "lowest of " + child_word;
    case AggStat::Max:
      return "highest of " + child_word;
    case AggStat::Median:
      return "median of " + child_word;
  }
  return "";
}

LevelResult build_level(const AreaLayer& children, const std::vector<std::string>& parent_of,
                        const std::vector<std::string>& parent_names, const LevelOptions& opt) {
  if (parent_of.size() != children.size() ||
      (!parent_names.empty() && parent_names.size() != children.size()))
    throw Error("build_level: " + std::to_string(children.size()) + " children but " +
                std::to_string(parent_of.size()) + " parent codes");
  if (opt.parent_key.empty()) throw Error("build_level: the parents' code field has no name");
  LevelResult r;
  // Rules first: an unknown column fails before the dissolve.
  std::vector<std::string> cols = opt.columns;
  if (cols.empty() && opt.stats.empty())
    for (const auto& c : children.attrs.cols())
      if (c.numeric()) cols.push_back(c.name);
  if (!opt.stats.empty())
    r.stats = opt.stats;
  else
    for (const auto& c : cols) r.stats.push_back(level_rule(children.attrs, c, opt.weight));
  // Output names must not meet the parents' own fields.
  std::erase_if(r.stats, [&](const AggregateStat& s) {
    std::string out = agg_output_name(s);
    return out == opt.parent_key || out == opt.parent_name || (out == "n_children" && !s.column.empty());
  });

  r.dissolved = dissolve(children.geoms, parent_of, opt.dissolve);
  const DissolveResult& d = r.dissolved;
  AggregateResult agg = aggregate(children.attrs, parent_of, r.stats, opt.parent_key, &d.parents);

  AreaLayer& L = r.layer;
  L.source = children.source;
  L.driver = children.driver;
  L.layer_name = opt.parent_key;
  L.source_crs = children.source_crs;
  L.working_crs = children.working_crs;
  L.key_field = opt.parent_key;
  L.key_detection = "the children's field " + opt.parent_key;
  L.name_field = opt.parent_name;
  L.codes = d.parents;
  L.geoms = d.geoms;
  L.names.assign(d.parents.size(), "");
  if (!parent_names.empty())
    for (size_t p = 0; p < d.parents.size(); ++p) L.names[p] = parent_names[d.children[p].front()];
  L.code_kind = L.codes.empty() ? "" : ons_code_kind(L.codes.front());
  const bool extra = !opt.no_parent_name.empty() && !d.no_parent.empty();
  std::vector<std::vector<uint32_t>> members = d.children;
  if (extra) {
    DissolveOptions one = opt.dissolve;
    one.progress = {};
    DissolveResult rest = dissolve(
        [&] {
          std::vector<MultiPolygon> g;
          for (uint32_t i : d.no_parent) g.push_back(children.geoms[i]);
          return g;
        }(),
        std::vector<std::string>(d.no_parent.size(), opt.no_parent_code), one);
    r.no_parent_area = L.codes.size();
    L.codes.push_back(opt.no_parent_code);
    L.names.push_back(opt.no_parent_name);
    L.geoms.push_back(std::move(rest.geoms.front()));
    members.push_back(d.no_parent);
  }
  const size_t n = L.codes.size();
  for (const auto& g : L.geoms) L.extent.expand(bbox_of(g));

  // Fields: code, name, n_children, the statistics, then the text fields constant within every parent.
  Table& t = L.attrs;
  t = Table(children.attrs.source());
  Column key{opt.parent_key, ColumnType::Text, {}, L.codes};
  t.add(std::move(key));
  if (!opt.parent_name.empty()) t.add(Column{opt.parent_name, ColumnType::Text, {}, L.names});
  for (const auto& c : agg.table.cols()) {
    if (c.name == opt.parent_key) continue;
    Column out = c;
    if (extra) out.num.push_back(c.name == "n_children" ? double(d.no_parent.size()) : std::nan(""));
    t.add(std::move(out));
  }
  for (const auto& c : children.attrs.cols()) {
    if (c.numeric() || c.name == children.key_field || c.name == children.name_field ||
        c.name == opt.parent_key || c.name == opt.parent_name || t.find(c.name))
      continue;
    std::vector<std::string> vals(n);  // the no-parent area's stays "": its children share nothing
    bool constant = true;
    for (size_t p = 0; p < d.parents.size() && constant; ++p) {
      vals[p] = c.text[members[p].front()];
      for (uint32_t k : members[p])
        if (c.text[k] != vals[p]) {
          constant = false;
          break;
        }
    }
    if (constant) t.add(Column{c.name, ColumnType::Text, {}, std::move(vals)});
  }
  return r;
}

}  // namespace nbhd
