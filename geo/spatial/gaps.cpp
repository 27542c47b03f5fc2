// The gap engine (gaps.hpp): proximity_per_area for every area, then per unit (all chosen assets, each group,
// each chosen category) the counts, the nearest distance and the per-1,000 rates, the missing count, and the
// coverage rule applied last.
#include "geo/spatial/gaps.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "base/error.hpp"
#include "base/text.hpp"

namespace nbhd {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One column family: the categories it sums over.
struct Unit {
  std::string name;
  std::vector<uint32_t> cats;  // category indices of the AssetSet
};

bool looks_like_authority(std::string_view name) {
  std::string n = lower(name);
  bool prefix =
      n.starts_with("ltla") || n.starts_with("lad") || n.starts_with("utla") || n.starts_with("la_");
  bool suffix = n.ends_with("code") || n.ends_with("cd");
  return prefix && suffix;
}

}  // namespace

std::string within_tag(double within) {
  return "_within_" + format_number(within) + "m";
}

std::string missing_column_name(double within) {
  return "missing" + within_tag(within);
}

std::string detect_coverage_field(const AreaLayer& areas) {
  for (const auto& c : areas.attrs.cols())
    if (!c.numeric() && looks_like_authority(c.name)) return c.name;
  return "";
}

void check_gap_distance(double within) {
  if (!(within >= 0) || within > kMaxGapDistance || !std::isfinite(within))
    throw Error("the distance D must be a number of metres from 0 to " + format_number(kMaxGapDistance) +
                ", got " + format_number(within));
}

GapReport gap_indicators(const AreaLayer& areas, const AssetIndex& assets, const GapOptions& opt,
                         const Progress& progress) {
  check_gap_distance(opt.within);
  const AssetSet& set = assets.set();
  auto cat_index = [&](const std::string& name) -> uint32_t {
    auto it = std::find(set.categories.begin(), set.categories.end(), name);
    return it == set.categories.end() ? UINT32_MAX : uint32_t(it - set.categories.begin());
  };
  // The chosen categories (an unknown one is listed, as merge_assets does).
  std::vector<uint32_t> chosen;
  std::vector<std::string> unknown;
  for (const auto& c : opt.categories) {
    uint32_t k = cat_index(c);
    if (k == UINT32_MAX)
      unknown.push_back(c);
    else if (std::find(chosen.begin(), chosen.end(), k) == chosen.end())
      chosen.push_back(k);
  }
  if (!unknown.empty())
    throw Error("unknown categor" + std::string(unknown.size() == 1 ? "y " : "ies ") +
                join_list(unknown, 20) + "; the assets' categories are: " + join_list(set.categories, 40));
  if (opt.categories.empty())
    for (uint32_t c = 0; c < set.categories.size(); ++c) chosen.push_back(c);
  if (!opt.groups.empty()) check_group_categories(opt.groups, set.categories);
  if (opt.denominator && !opt.denominator->numeric())
    throw Error("the denominator column '" + opt.denominator->name +
                    "' is not numeric; choose a count such as households_total as the denominator",
                Need::Denominator);
  if (opt.denominator && opt.denominator->num.size() != areas.size())
    throw Error("internal: denominator column '" + opt.denominator->name + "' is not aligned with the areas");

  // The units: all chosen assets, each group, each chosen category.
  std::vector<Unit> units;
  units.push_back({"assets", chosen});
  std::vector<size_t> missing_units;  // indices into units
  for (const auto& g : opt.groups.groups) {
    Unit u{g.name, {}};
    for (const auto& c : g.categories) u.cats.push_back(cat_index(c));
    if (cat_index(g.name) != UINT32_MAX || g.name == "assets" || g.name == "missing")
      throw Error(opt.groups.source + ": group '" + g.name +
                  "' has the name of a category or a column; rename the group");
    missing_units.push_back(units.size());
    units.push_back(std::move(u));
  }
  if (opt.per_category)
    for (uint32_t c : chosen) {
      if (opt.groups.empty()) missing_units.push_back(units.size());
      units.push_back({set.categories[c], {c}});
    }

  // Measure: counts for every category (cheap), nearest only for the categories in use.
  ProximityOptions po;
  po.within = opt.within;
  po.threads = opt.threads;
  po.per_category = true;
  po.nearest_groups.assign(1 + set.categories.size(), 0);
  for (const auto& u : units)
    for (uint32_t c : u.cats) po.nearest_groups[1 + c] = 1;
  // Counts first, for every area (cheap where no asset is near); the nearest distances, which need each
  // area's exact geometry, only for the areas the coverage rule keeps.
  po.nearest = false;
  AreaProximity r = proximity_per_area(areas, assets, po, progress);
  const size_t n = areas.size();

  GapReport rep;
  rep.areas = n;
  // Coverage: which areas count.
  std::vector<uint8_t> covered(n, 1);
  if (opt.coverage.on) {
    std::string field = opt.coverage.field.empty() ? detect_coverage_field(areas) : opt.coverage.field;
    if (!opt.coverage.field.empty() && !areas.attrs.find(field))
      throw Error("coverage field '" + field + "' is not a field of " + areas.source +
                  "; name the local-authority field of the boundaries (e.g. ltla24_code)");
    if (!field.empty()) {
      rep.coverage_field = field;
      const Column& f = areas.attrs.col(*areas.attrs.find(field));
      // Authorities numbered once (a few hundred names over tens of thousands of areas).
      std::map<std::string, size_t> id;
      std::vector<size_t> of(n);
      for (size_t a = 0; a < n; ++a) of[a] = id.emplace(f.cell(a), id.size()).first->second;
      std::vector<size_t> count(id.size(), 0);
      for (size_t a = 0; a < n; ++a) count[of[a]] += r.inside[r.at(a, 0)];
      for (size_t a = 0; a < n; ++a) covered[a] = count[of[a]] >= opt.coverage.min_assets;
      std::map<std::string, size_t> held;
      for (const auto& [name, k] : id) held[name] = count[k];
      for (const auto& [name, k] : held)
        if (k > 0 && k < opt.coverage.min_assets) rep.uncovered_with_assets.push_back(name);
    }
  }
  for (auto c : covered) rep.covered += c;
  po.nearest = true;
  po.inside = po.within_counts = false;
  po.known_inside = &r;  // what has an asset inside is at 0 without a search
  for (size_t a = 0; a < n; ++a)
    if (covered[a]) po.areas.push_back(a);
  std::vector<size_t> near_row(n, SIZE_MAX);  // row of area a in `rn`
  for (size_t k = 0; k < po.areas.size(); ++k) near_row[po.areas[k]] = k;
  AreaProximity rn;
  if (!po.areas.empty()) rn = proximity_per_area(areas, assets, po, progress);

  // Assets nowhere near the boundaries: a CRS mistake gives a silent map of zeros without this.
  if (set.size() > 0 && n > 0) {
    BBox b = areas.extent;
    size_t near = 0;
    const double m = 10000;
    assets.all().query(BBox{b.minx - m, b.miny - m, b.maxx + m, b.maxy + m},
                       [&](uint32_t, Point) { ++near; });
    if (near == 0)
      rep.warnings.push_back("none of the " + std::to_string(set.size()) + " assets (" +
                             join_list(set.layer_sources, 3) +
                             ") lies within 10 km of the boundaries; check the assets' CRS (every area is " +
                             (opt.coverage.on && !rep.coverage_field.empty() ? "No data" : "0") + ")");
  }

  // The table.
  Table& t = rep.table;
  t = Table("gap indicators");
  Column key;
  key.name = areas.key_field.empty() ? "code" : areas.key_field;
  key.type = ColumnType::Text;
  key.text = areas.codes;
  t.add(std::move(key));
  const std::string dtag = within_tag(opt.within);
  const Column* den = opt.denominator;
  if (den)
    for (size_t a = 0; a < n; ++a)
      rep.denominator_missing += covered[a] && (std::isnan(den->num[a]) || den->num[a] <= 0);
  auto sum = [&](const std::vector<uint32_t>& v, size_t a, const Unit& u) {
    if (u.name == "assets" && u.cats.size() == set.categories.size()) return double(v[r.at(a, 0)]);
    double s = 0;
    for (uint32_t c : u.cats) s += v[r.at(a, 1 + c)];
    return s;
  };
  std::vector<std::vector<uint8_t>> has_within(units.size(), std::vector<uint8_t>(n, 0));
  for (size_t ui = 0; ui < units.size(); ++ui) {
    const Unit& u = units[ui];
    Column in, wi, ne, inp, wip;
    in.name = u.name + "_inside";
    wi.name = u.name + dtag;
    ne.name = u.name + "_nearest_m";
    inp.name = u.name + "_inside_per_1000";
    wip.name = u.name + dtag + "_per_1000";
    in.type = wi.type = ColumnType::Integer;
    ne.type = inp.type = wip.type = ColumnType::Real;
    for (Column* c : {&in, &wi, &ne, &inp, &wip}) c->num.assign(n, kNaN);
    for (size_t a = 0; a < n; ++a) {
      double w = sum(r.within_n, a, u);
      has_within[ui][a] = w > 0;
      if (!covered[a]) continue;
      double i = sum(r.inside, a, u);
      in.num[a] = i;
      wi.num[a] = w;
      double d = std::numeric_limits<double>::infinity();
      for (uint32_t c : u.cats) d = std::min(d, rn.nearest[rn.at(near_row[a], 1 + c)]);
      ne.num[a] = std::isinf(d) ? kNaN : d;
      if (den && !(std::isnan(den->num[a]) || den->num[a] <= 0)) {
        inp.num[a] = 1000.0 * i / den->num[a];
        wip.num[a] = 1000.0 * w / den->num[a];
      }
    }
    t.add(std::move(in));
    t.add(std::move(wi));
    t.add(std::move(ne));
    if (den) {
      t.add(std::move(inp));
      t.add(std::move(wip));
    }
  }
  // The missing count: over the groups, or the chosen categories (measured even when their own columns are
  // not written).
  std::vector<std::pair<std::string, std::vector<uint8_t>>> over;
  if (!opt.groups.empty()) {
    for (size_t ui : missing_units) over.push_back({units[ui].name, has_within[ui]});
  } else {
    for (uint32_t c : chosen) {
      std::vector<uint8_t> h(n);
      for (size_t a = 0; a < n; ++a) h[a] = r.within_n[r.at(a, 1 + c)] > 0;
      over.push_back({set.categories[c], std::move(h)});
    }
  }
  for (const auto& [name, _] : over) rep.units.push_back(name);
  Column mc, ml;
  mc.name = rep.missing_column = missing_column_name(opt.within);
  ml.name = rep.missing_list_column = mc.name + "_list";
  mc.type = ColumnType::Integer;
  ml.type = ColumnType::Text;
  mc.num.assign(n, kNaN);
  ml.text.assign(n, "");
  for (size_t a = 0; a < n; ++a) {
    if (!covered[a]) continue;
    double k = 0;
    std::string list;
    for (const auto& [name, h] : over)
      if (!h[a]) {
        ++k;
        list += (list.empty() ? "" : "; ") + name;
      }
    mc.num[a] = k;
    ml.text[a] = list.empty() ? "none" : list;  // blank stays No data
  }
  t.add(std::move(mc));
  t.add(std::move(ml));
  return rep;
}

}  // namespace nbhd
